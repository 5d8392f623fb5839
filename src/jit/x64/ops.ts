// x86-64 code for the VSP instructions whose code does not depend on MODE (spec 4.1-4.3, 4.5-4.10, the mode
// changes of 4.7 except the demotions). Register map: regs.ts; templates write rbx (state), r12 (tables),
// r14b (F) by name, and reach VSP registers through the context's operands (c.b(k), c.d(k): a home register
// of the register cache or memory, cache.ts). SP, call depth and MODE live in the state block. Scratch: eax,
// ecx, edx, esi, edi.
import { Op } from '../../../spec/vsp/opcodes.js';
import type { Label } from '../../../dsl/label.js';
import { VspError } from '../../vsp/state-layout.js';
import type { JitInstruction } from '../analysis.js';
import { JitCompileError, type LabelAt } from '../backend.js';
import { T } from '../tables-block.js';
import { Exit, type X64Context } from './context.js';

const sat = (x: number): number => (x < -8 ? -8 : x > 7 ? 7 : x);
const s8 = (x: number): number => (x << 24) >> 24;

/**
 * flags(Ra) for the byte in eax (zero-extended; spec 4): Z N O from FLAG_ZNO, C when a == 15 and the byte is
 * null. The C stop itself is the compiler's emitCollapseCheck.
 */
export function flagsRa(c: X64Context, a: number): void {
  if (a === 15) c.a.dynasm`
    and r14b, 0xf8
    or r14b, byte ptr [r12 + rax + ${T.FLAG_ZNO}]
    cmp eax, 0x10
    jae 1f
    or r14b, 8
  1:`;
  else c.a.dynasm`
    and r14b, 0xf8
    or r14b, byte ptr [r12 + rax + ${T.FLAG_ZNO}]`;
}

/** Stores al to Ra and applies flags(Ra) (eax zero-extended). */
export function storeFlags(c: X64Context, a: number): void {
  c.a.dynasm`mov ${c.b(a)}, al`;
  flagsRa(c, a);
}

/** eax = MUL(eax, ecx) of two ByteSils (saturating rho sum, theta sum mod 16); clobbers edx, esi. */
function mulBytes(c: X64Context): void {
  c.a.dynasm`
    mov edx, eax
    shr edx, 4
    mov esi, ecx
    shr esi, 4
    add edx, esi
    movzx edx, byte ptr [r12 + rdx + ${T.SAT_RHO + 16}]
    add eax, ecx
    and eax, 15
    or eax, edx`;
}

/** Emits the inline code of a MODE-independent instruction (the compiler has handled H and static errors). */
export function emitPlain(c: X64Context, ins: JitInstruction, labelAt: LabelAt<Label>): void {
  const a = c.a;
  const ra = ins.b1 & 15;
  const rb = ins.b1 >> 4;
  const imm = ins.b2;
  switch (ins.op) {
    // ---- 4.1 control
    case Op.NOP:
    case Op.YIELD:
    case Op.HINT_CPU:
    case Op.HINT_GPU:
    case Op.HINT_NPU:
    case Op.HINT_ANY:
    case Op.BATCH:
    case Op.UNBATCH:
    case Op.PREFETCH:
    case Op.FENCE:
    case Op.HINT_FPGA:
    case Op.HINT_DSP:
      return;
    case Op.HLT:
      a.dynasm`
    or r14b, 0x10
    mov dword ptr [rbx + 0x14], ${ins.next}
    jmp ${c.r.halted}`;
      return;
    case Op.RET:
      a.dynasm`
    mov eax, dword ptr [rbx + 0x30]
    test eax, eax
    jz 1f
    dec eax
    mov dword ptr [rbx + 0x30], eax
    mov ecx, dword ptr [rbx + rax*8 + 0x204]
    mov dword ptr [rbx + 0x1c], ecx
    mov eax, dword ptr [rbx + rax*8 + 0x200]
    jmp ${c.dispatch}
  1:
    mov dword ptr [rbx + 0x14], ${ins.next}
    jmp ${c.r.returned}`;
      return;
    case Op.JMP:
      a.dynasm`jmp ${labelAt(ins.target)}`;
      return;
    case Op.JZ:
      a.dynasm`
    test r14b, 1
    jnz ${labelAt(ins.target)}`;
      return;
    case Op.JN:
      a.dynasm`
    test r14b, 2
    jnz ${labelAt(ins.target)}`;
      return;
    case Op.JC:
      a.dynasm`
    test r14b, 8
    jnz ${labelAt(ins.target)}`;
      return;
    case Op.JO:
      a.dynasm`
    test r14b, 4
    jnz ${labelAt(ins.target)}`;
      return;
    case Op.CALL:
      a.dynasm`
    mov eax, dword ptr [rbx + 0x30]
    cmp eax, 256
    je ${c.exit(ins.pc, Exit.error + VspError.call_overflow - 1)}
    mov dword ptr [rbx + rax*8 + 0x200], ${ins.next}
    mov ecx, dword ptr [rbx + 0x1c]
    mov dword ptr [rbx + rax*8 + 0x204], ecx
    mov ecx, dword ptr [rbx + 0x18]
    mov dword ptr [rbx + 0x1c], ecx
    inc eax
    mov dword ptr [rbx + 0x30], eax
    jmp ${labelAt(ins.target)}`;
      return;
    case Op.LOOP:
      // rho(RC) > -8 iff RC >= 0x10: subtract 0x10 (rho - 1, theta kept) and branch; else undo. When a cached
      // value is synced around this instruction, the branch reloads it first.
      if (c.syncing() === 0) a.dynasm`
    sub ${c.b(12)}, 0x10
    jae ${labelAt(ins.target)}
    add ${c.b(12)}, 0x10`;
      else {
        a.dynasm`
    sub ${c.b(12)}, 0x10
    jb 1f`;
        c.syncIn();
        a.dynasm`
    jmp ${labelAt(ins.target)}
  1:
    add ${c.b(12)}, 0x10`;
      }
      return;

    // ---- 4.2 data movement
    case Op.MOV:
      a.dynasm`
    movzx eax, ${c.b(rb)}
    mov ${c.b(ra)}, al`;
      return;
    case Op.MOVI:
      a.dynasm`mov ${c.b(ra)}, ${(sat(s8(imm)) + 8) << 4}`;
      return;
    case Op.LOAD:
      a.dynasm`
    movzx eax, byte ptr [rbx + ${0x2000 + (ins.b2 | (ins.b3 << 8))}]
    mov ${c.b(ra)}, al`;
      return;
    case Op.STORE:
      a.dynasm`
    movzx eax, ${c.b(ra)}
    mov byte ptr [rbx + ${0x2000 + (ins.b2 | (ins.b3 << 8))}], al`;
      return;
    case Op.PUSH:
      a.dynasm`
    mov eax, dword ptr [rbx + 0x18]
    cmp eax, 256
    je ${c.exit(ins.pc, Exit.error + VspError.stack_overflow - 1)}
    movzx ecx, ${c.b(ra)}
    mov byte ptr [rbx + rax + 0x100], cl
    inc eax
    mov dword ptr [rbx + 0x18], eax`;
      return;
    case Op.POP:
      a.dynasm`
    mov eax, dword ptr [rbx + 0x18]
    test eax, eax
    jz ${c.exit(ins.pc, Exit.error + VspError.stack_underflow - 1)}
    dec eax
    mov dword ptr [rbx + 0x18], eax
    movzx ecx, byte ptr [rbx + rax + 0x100]
    mov ${c.b(ra)}, cl`;
      return;
    case Op.XCHG:
      a.dynasm`
    movzx eax, ${c.b(ra)}
    movzx ecx, ${c.b(rb)}
    mov ${c.b(ra)}, cl
    mov ${c.b(rb)}, al`;
      return;
    case Op.LSTATE:
      // addr <= 0xfff0 here (the compiler turned the others into mem_range)
      a.dynasm`
    movdqu xmm0, xmmword ptr [rbx + ${0x2000 + (ins.b1 | (ins.b2 << 8) | (ins.b3 << 16))}]
    movdqu xmmword ptr [rbx], xmm0`;
      return;
    case Op.SSTATE:
      a.dynasm`
    movdqu xmm0, xmmword ptr [rbx]
    movdqu xmmword ptr [rbx + ${0x2000 + (ins.b1 | (ins.b2 << 8) | (ins.b3 << 16))}], xmm0`;
      return;

    // ---- 4.3 ByteSil arithmetic
    case Op.MUL:
      a.dynasm`
    movzx eax, ${c.b(ra)}
    movzx ecx, ${c.b(rb)}`;
      mulBytes(c);
      storeFlags(c, ra);
      return;
    case Op.DIV:
      a.dynasm`
    movzx eax, ${c.b(ra)}
    movzx ecx, ${c.b(rb)}
    mov edx, eax
    shr edx, 4
    add edx, 32
    mov esi, ecx
    shr esi, 4
    sub edx, esi
    movzx edx, byte ptr [r12 + rdx + ${T.SAT_RHO}]
    sub eax, ecx
    and eax, 15
    or eax, edx`;
      storeFlags(c, ra);
      return;
    case Op.POW:
      if (imm === 0) {
        a.dynasm`mov eax, 0x80`;
      } else {
        a.dynasm`
    movzx eax, ${c.b(ra)}
    mov edx, eax
    shr edx, 4
    sub edx, 8
    imul edx, edx, ${imm}
    mov ecx, 7
    cmp edx, ecx
    cmovg edx, ecx
    mov ecx, -8
    cmp edx, ecx
    cmovl edx, ecx
    add edx, 8
    shl edx, 4
    and eax, 15
    imul eax, eax, ${imm}
    and eax, 15
    or eax, edx`;
      }
      storeFlags(c, ra);
      return;
    case Op.ROOT:
      if (imm === 0) {
        a.dynasm`mov eax, 0x80`;
      } else {
        // rho: trunc(rho / n) (idiv truncates); theta: floor(theta / n) (unsigned div)
        a.dynasm`
    movzx esi, ${c.b(ra)}
    mov eax, esi
    shr eax, 4
    sub eax, 8
    mov ecx, ${imm}
    cdq
    idiv ecx
    add eax, 8
    shl eax, 4
    mov edi, eax
    mov eax, esi
    and eax, 15
    xor edx, edx
    div ecx
    or eax, edi`;
      }
      storeFlags(c, ra);
      return;
    case Op.INV:
      a.dynasm`
    movzx eax, ${c.b(ra)}
    mov edx, 40
    mov ecx, eax
    shr ecx, 4
    sub edx, ecx
    movzx edx, byte ptr [r12 + rdx + ${T.SAT_RHO}]
    neg eax
    and eax, 15
    or eax, edx`;
      storeFlags(c, ra);
      return;
    case Op.CONJ:
      a.dynasm`
    movzx eax, ${c.b(ra)}
    mov ecx, eax
    and eax, 0xf0
    neg ecx
    and ecx, 15
    or eax, ecx
    mov ${c.b(ra)}, al`;
      return;
    case Op.ADD:
      a.dynasm`
    movzx eax, ${c.b(ra)}
    movzx ecx, ${c.b(rb)}
    shl eax, 8
    or eax, ecx
    movzx eax, byte ptr [r12 + rax + ${T.ADD}]`;
      storeFlags(c, ra);
      return;
    case Op.SUB:
      a.dynasm`
    movzx eax, ${c.b(ra)}
    movzx ecx, ${c.b(rb)}
    shl eax, 8
    or eax, ecx
    movzx eax, byte ptr [r12 + rax + ${T.SUB}]`;
      storeFlags(c, ra);
      return;
    case Op.MAG:
      a.dynasm`and ${c.b(ra)}, 0xf0`;
      return;
    case Op.PHASE:
      a.dynasm`
    movzx eax, ${c.b(ra)}
    and eax, 15
    or eax, 0x80
    mov ${c.b(ra)}, al`;
      return;
    case Op.SCALE: {
      const s = s8(imm);
      a.dynasm`movzx eax, ${c.b(ra)}`;
      if (s >= 15) a.dynasm`
    and eax, 15
    or eax, 0xf0`;
      else if (s <= -15) a.dynasm`and eax, 15`;
      else a.dynasm`
    mov edx, eax
    shr edx, 4
    movzx edx, byte ptr [r12 + rdx + ${T.SAT_RHO + 24 + s}]
    and eax, 15
    or eax, edx`;
      storeFlags(c, ra);
      return;
    }
    case Op.ROTATE:
      a.dynasm`
    movzx eax, ${c.b(ra)}
    lea ecx, [rax + ${imm & 15}]
    and ecx, 15
    and eax, 0xf0
    or eax, ecx
    mov ${c.b(ra)}, al`;
      return;

    // ---- 4.5 layer operations
    case Op.XORL:
      a.dynasm`
    movzx eax, ${c.b(rb)}
    xor ${c.b(ra)}, al`;
      return;
    case Op.ANDL:
      a.dynasm`
    movzx eax, ${c.b(rb)}
    and ${c.b(ra)}, al`;
      return;
    case Op.ORL:
      a.dynasm`
    movzx eax, ${c.b(rb)}
    or ${c.b(ra)}, al`;
      return;
    case Op.NOTL:
      a.dynasm`not ${c.b(ra)}`;
      return;
    case Op.SHIFTL:
      // O when RF is not null (RF >= 0x10: the top nibble of the high quadword); then shift up one byte
      a.dynasm`
    mov rax, qword ptr [rbx]
    mov rcx, qword ptr [rbx + 8]
    mov rdx, rcx
    shr rdx, 60
    jz 1f
    or r14b, 4
  1:
    shld rcx, rax, 8
    shl rax, 8
    mov qword ptr [rbx], rax
    mov qword ptr [rbx + 8], rcx`;
      return;
    case Op.ROTATL:
      a.dynasm`
    mov rax, qword ptr [rbx]
    mov rcx, qword ptr [rbx + 8]
    mov rdx, rcx
    shld rcx, rax, 8
    shld rax, rdx, 8
    mov qword ptr [rbx], rax
    mov qword ptr [rbx + 8], rcx`;
      return;
    case Op.FOLD:
      a.dynasm`
    mov rax, qword ptr [rbx]
    xor rax, qword ptr [rbx + 8]
    mov rcx, 0x8080808080808080
    xor rax, rcx
    mov qword ptr [rbx], rax`;
      return;
    case Op.SPREAD:
      a.dynasm`
    movzx eax, ${c.b(ra)}
    imul eax, eax, 0x01010101
    mov ${c.d(ra & 12)}, eax`;
      return;
    case Op.GATHER: {
      const g = ra & 12;
      a.dynasm`mov eax, 0x80`;
      for (let i = g; i < g + 4; i++) {
        a.dynasm`movzx ecx, ${c.b(i)}`;
        mulBytes(c);
      }
      a.dynasm`mov ${c.b(ra)}, al`;
      return;
    }

    // ---- 4.6 transformations (TRANS, PIPE, LERP, GRAD are host instructions; DESCENT is in ops-float.ts)
    case Op.SLERP: {
      // rho: nearest(((255-k)*ra + k*rb) / 255) = floor((2x + 255) / 510), +8 folded in as (2x + 4335) / 510
      // (the sum is then non-negative, so an unsigned division floors it); theta the same without the offset
      const k = imm;
      a.dynasm`
    movzx esi, ${c.b(ra)}
    movzx edi, ${c.b(rb)}
    mov eax, esi
    shr eax, 4
    sub eax, 8
    imul eax, eax, ${255 - k}
    mov ecx, edi
    shr ecx, 4
    sub ecx, 8
    imul ecx, ecx, ${k}
    add eax, ecx
    lea eax, [rax + rax + 4335]
    mov ecx, 510
    xor edx, edx
    div ecx
    shl eax, 4
    and esi, 15
    and edi, 15
    imul esi, esi, ${255 - k}
    imul edi, edi, ${k}
    add esi, edi
    mov edi, eax
    lea eax, [rsi + rsi + 255]
    xor edx, edx
    div ecx
    and eax, 15
    or eax, edi
    mov ${c.b(ra)}, al`;
      return;
    }
    case Op.EMERGE:
      a.dynasm`
    movzx eax, ${c.b(12)}
    xor eax, 0x80
    xor ${c.b(11)}, al`;
      return;
    case Op.COLLAPSE:
      a.dynasm`
    movzx eax, ${c.b(ra)}
    mov ${c.b(15)}, al
    cmp eax, 0x10
    jae 1f
    or r14b, 8
  1:`;
      return;

    // ---- 4.7 MODE changes (the demotions are mode-aware: ops-mode.ts)
    case Op.SETMODE:
      a.dynasm`mov byte ptr [rbx + 0x11], ${ins.b1}`;
      return;
    case Op.PROMOTE:
      a.dynasm`
    cmp byte ptr [rbx + 0x11], ${imm}
    jae 1f
    mov byte ptr [rbx + 0x11], ${imm}
    or r14b, 0x80
  1:`;
      return;
    case Op.COMPAT:
      a.dynasm`
    cmp byte ptr [rbx + 0x11], ${imm}
    jbe 1f
    mov byte ptr [rbx + 0x11], ${imm}
  1:`;
      return;

    // ---- 4.8 quantum gates
    case Op.BIT_H:
    case Op.BIT_X:
    case Op.BIT_Z:
    case Op.BIT_COLLAPSE:
    case Op.BIT_NORM:
      a.dynasm`movzx eax, ${c.b(ra)}`;
      flagsRa(c, ra);
      return;
    case Op.BIT_Y:
      a.dynasm`
    movzx eax, ${c.b(ra)}
    lea ecx, [rax + 4]
    and ecx, 15
    and eax, 0xf0
    or eax, ecx`;
      storeFlags(c, ra);
      return;
    case Op.BIT_ROTQ:
      // theta + rho(R1) mod 16 = (theta + (R1 >> 4) + 8) mod 16
      a.dynasm`
    movzx eax, ${c.b(ra)}
    movzx ecx, ${c.b(1)}
    shr ecx, 4
    lea ecx, [rax + rcx + 8]
    and ecx, 15
    and eax, 0xf0
    or eax, ecx`;
      storeFlags(c, ra);
      return;
    case Op.BIT_MEASURE:
      a.dynasm`
    movzx eax, ${c.b(ra)}
    and eax, 15
    movzx eax, byte ptr [r12 + rax + ${T.MEASURE}]
    mov ${c.b(0)}, al`;
      return;

    // ---- 4.9 I/O (the rest are host instructions)
    case Op.IN:
      a.dynasm`
    movzx eax, byte ptr [rbx + ${0xa00 + imm}]
    mov ${c.b(ra)}, al`;
      return;
    case Op.OUT:
      a.dynasm`
    movzx eax, ${c.b(ra)}
    mov byte ptr [rbx + ${0xa00 + imm}], al`;
      return;
  }
  throw new JitCompileError(`the x64 backend has no MODE-independent code for opcode 0x${ins.op.toString(16)} (${ins.info.mnemonic})`, ins.pc);
}
