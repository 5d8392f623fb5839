// x86-64 code for the mode-aware VSP instructions (spec 4.4, 6) for one MODE group, and the demotions (4.7) for
// one exact MODE. The compiler has already turned reg_range into an error exit, so every operand here lies
// inside R0..RF. VSP registers are reached through the context's operands (c.b/w/d/q: a home register of
// the register cache or memory), except in the demotions (whole-file operations, memory). Integer values:
// SIL-8 as rho in eax/ecx (sign-extended 32-bit), SIL-16 as int16
// sign-extended to 32 bits, SIL-32 in 32-bit registers, SIL-64/128 in 64-bit registers; A in eax/rax, B in
// ecx/rcx. x86 specifics (spec 12): IDIV traps on a zero divisor and on MIN / -1, so both are branched around;
// shifts mask their count, so the count is compared first. Floats needing SSE are in ops-float.ts.
import { Op } from '../../../spec/vsp/opcodes.js';
import { MODE_LAYERS } from '../../vsp/state-layout.js';
import type { JitInstruction } from '../analysis.js';
import { JitCompileError } from '../backend.js';
import { T } from '../tables-block.js';
import type { X64Context } from './context.js';
import { emitFloat, FLOAT_OPS } from './ops-float.js';

/** Width classes: 0 SIL-8, 1 SIL-16, 2 SIL-32, 3 SIL-64 and SIL-128. */
export type Cls = 0 | 1 | 2 | 3;

function cls(mode: number): Cls {
  return (mode >= 3 ? 3 : mode) as Cls;
}

/** eax (rax in class 3) = the mode's integer at Rk. */
function loadA(c: X64Context, k: Cls, r: number): void {
  const a = c.a;
  switch (k) {
    case 0:
      a.dynasm`
    movzx eax, ${c.b(r)}
    shr eax, 4
    sub eax, 8`;
      return;
    case 1:
      a.dynasm`movsx eax, ${c.w(r)}`;
      return;
    case 2:
      a.dynasm`mov eax, ${c.d(r)}`;
      return;
    case 3:
      a.dynasm`mov rax, ${c.q(r)}`;
      return;
  }
}

/** ecx (rcx in class 3) = the mode's integer at Rk. */
function loadB(c: X64Context, k: Cls, r: number): void {
  const a = c.a;
  switch (k) {
    case 0:
      a.dynasm`
    movzx ecx, ${c.b(r)}
    shr ecx, 4
    sub ecx, 8`;
      return;
    case 1:
      a.dynasm`movsx ecx, ${c.w(r)}`;
      return;
    case 2:
      a.dynasm`mov ecx, ${c.d(r)}`;
      return;
    case 3:
      a.dynasm`mov rcx, ${c.q(r)}`;
      return;
  }
}

/** Stores eax (rax) as the mode's integer at Rk: SIL-8 by byte(sat(s8(v mod 256)), 0), wider ones wrap. */
function storeA(c: X64Context, k: Cls, r: number): void {
  const a = c.a;
  switch (k) {
    case 0:
      a.dynasm`
    movzx eax, al
    movzx eax, byte ptr [r12 + rax + ${T.SIL8_STORE}]
    mov ${c.b(r)}, al`;
      return;
    case 1:
      a.dynasm`mov ${c.w(r)}, ax`;
      return;
    case 2:
      a.dynasm`mov ${c.d(r)}, eax`;
      return;
    case 3:
      a.dynasm`mov ${c.q(r)}, rax`;
      return;
  }
}

/** Integer shift widths (spec 4.4): 8, 16, 32, 64. */
const BITS = [8, 16, 32, 64] as const;

/** Emits a width-dependent mode-aware instruction for MODE `mode`. */
export function emitModeOp(c: X64Context, ins: JitInstruction, mode: number): void {
  const a = c.a;
  const k = cls(mode);
  const ra = ins.b1 & 15;
  const rb = ins.b1 >> 4;
  const x = k === 3;
  switch (ins.op) {
    case Op.ADDINT:
    case Op.SUBINT:
    case Op.MULINT:
    case Op.ANDINT:
    case Op.ORINT:
    case Op.XORINT:
      if (x) {
        a.dynasm`mov rax, ${c.q(ra)}`;
        switch (ins.op) {
          case Op.ADDINT: a.dynasm`add rax, ${c.q(rb)}`; break;
          case Op.SUBINT: a.dynasm`sub rax, ${c.q(rb)}`; break;
          case Op.MULINT: a.dynasm`imul rax, ${c.q(rb)}`; break;
          case Op.ANDINT: a.dynasm`and rax, ${c.q(rb)}`; break;
          case Op.ORINT: a.dynasm`or rax, ${c.q(rb)}`; break;
          default: a.dynasm`xor rax, ${c.q(rb)}`; break;
        }
      } else if (k === 2) {
        a.dynasm`mov eax, ${c.d(ra)}`;
        switch (ins.op) {
          case Op.ADDINT: a.dynasm`add eax, ${c.d(rb)}`; break;
          case Op.SUBINT: a.dynasm`sub eax, ${c.d(rb)}`; break;
          case Op.MULINT: a.dynasm`imul eax, ${c.d(rb)}`; break;
          case Op.ANDINT: a.dynasm`and eax, ${c.d(rb)}`; break;
          case Op.ORINT: a.dynasm`or eax, ${c.d(rb)}`; break;
          default: a.dynasm`xor eax, ${c.d(rb)}`; break;
        }
      } else {
        loadA(c, k, ra);
        loadB(c, k, rb);
        switch (ins.op) {
          case Op.ADDINT: a.dynasm`add eax, ecx`; break;
          case Op.SUBINT: a.dynasm`sub eax, ecx`; break;
          case Op.MULINT: a.dynasm`imul eax, ecx`; break;
          case Op.ANDINT: a.dynasm`and eax, ecx`; break;
          case Op.ORINT: a.dynasm`or eax, ecx`; break;
          default: a.dynasm`xor eax, ecx`; break;
        }
      }
      storeA(c, k, ra);
      return;
    case Op.DIVINT:
    case Op.MODINT: {
      // B == 0: O = 1 and Ra unchanged. Else truncated quotient / remainder with the sign of A. SIL-8 and
      // SIL-16 values divide exactly in 32 bits (no overflow); in SIL-32/64 B == -1 is done without IDIV
      // (MIN / -1 traps): A / -1 = -A (wrapping), A mod -1 = 0.
      const mod = ins.op === Op.MODINT;
      loadB(c, k, rb);
      if (x) a.dynasm`
    test rcx, rcx
    jz 1f`;
      else a.dynasm`
    test ecx, ecx
    jz 1f`;
      loadA(c, k, ra);
      if (k <= 1) {
        a.dynasm`
    cdq
    idiv ecx`;
        if (mod) a.dynasm`mov eax, edx`;
      } else if (k === 2) {
        if (mod) a.dynasm`
    cmp ecx, -1
    je 3f
    cdq
    idiv ecx
    mov eax, edx
    jmp 2f
  3:
    xor eax, eax
  2:`;
        else a.dynasm`
    cmp ecx, -1
    je 3f
    cdq
    idiv ecx
    jmp 2f
  3:
    neg eax
  2:`;
      } else {
        if (mod) a.dynasm`
    cmp rcx, -1
    je 3f
    cqo
    idiv rcx
    mov rax, rdx
    jmp 2f
  3:
    xor eax, eax
  2:`;
        else a.dynasm`
    cmp rcx, -1
    je 3f
    cqo
    idiv rcx
    jmp 2f
  3:
    neg rax
  2:`;
      }
      storeA(c, k, ra);
      a.dynasm`
    jmp 4f
  1:
    or r14b, 4
  4:`;
      return;
    }
    case Op.POWINT:
      // pow(A, e), e = B mod 2^32 unsigned, by squaring in 64-bit wrapping arithmetic (pow(A, 0) = 1).
      loadA(c, k, ra);
      if (x) a.dynasm`
    mov rdx, rax
    mov rcx, ${c.q(rb)}`;
      else {
        loadB(c, k, rb);
        a.dynasm`movsxd rdx, eax`;
      }
      a.dynasm`
    mov eax, 1
  1:
    test ecx, ecx
    jz 3f
    test cl, 1
    jz 2f
    imul rax, rdx
  2:
    shr ecx, 1
    imul rdx, rdx
    jmp 1b
  3:`;
      storeA(c, k, ra);
      return;
    case Op.CMPINT:
      loadA(c, k, ra);
      loadB(c, k, rb);
      if (x) a.dynasm`cmp rax, rcx`;
      else a.dynasm`cmp eax, ecx`;
      a.dynasm`
    sete al
    setl cl
    add cl, cl
    or al, cl
    and r14b, 0xfc
    or r14b, al`;
      return;
    case Op.TESTINT:
      loadA(c, k, ra);
      loadB(c, k, rb);
      if (x) a.dynasm`test rax, rcx`;
      else a.dynasm`test eax, ecx`;
      a.dynasm`
    sete al
    and r14b, 0xfe
    or r14b, al`;
      return;
    case Op.NOTINT:
    case Op.NEGINT:
    case Op.ABSINT:
      if (x) {
        if (ins.op === Op.NOTINT) a.dynasm`not ${c.q(ra)}`;
        else if (ins.op === Op.NEGINT) a.dynasm`neg ${c.q(ra)}`;
        else a.dynasm`
    mov rax, ${c.q(ra)}
    mov rcx, rax
    neg rcx
    cmovs rcx, rax
    mov ${c.q(ra)}, rcx`;
        return;
      }
      loadA(c, k, ra);
      if (ins.op === Op.NOTINT) a.dynasm`not eax`;
      else if (ins.op === Op.NEGINT) a.dynasm`neg eax`;
      else a.dynasm`
    mov ecx, eax
    neg eax
    cmovs eax, ecx`;
      storeA(c, k, ra);
      return;
    case Op.SHLINT:
    case Op.SHRINT: {
      // s = B mod 2^32 unsigned; s >= bits: 0 (left) or the sign (right).
      loadA(c, k, ra);
      if (x) a.dynasm`mov rcx, ${c.q(rb)}`;
      else loadB(c, k, rb);
      const bits = BITS[k];
      if (ins.op === Op.SHLINT) {
        if (x) a.dynasm`
    shl rax, cl
    xor edx, edx
    cmp ecx, 64
    cmovae rax, rdx`;
        else a.dynasm`
    shl eax, cl
    xor edx, edx
    cmp ecx, ${bits}
    cmovae eax, edx`;
      } else if (x) {
        a.dynasm`
    mov edx, 63
    cmp ecx, 64
    cmovae ecx, edx
    sar rax, cl`;
      } else {
        a.dynasm`
    mov edx, 31
    cmp ecx, ${bits}
    cmovae ecx, edx
    sar eax, cl`;
      }
      storeA(c, k, ra);
      return;
    }
    case Op.CVTI2B:
      if (k === 0) {
        sil8Table(c, ra, T.SIL8_CVTI2F);
        return;
      }
      // from_complex of the integer: NULL for 0; rho = how many of 2, 5, 13, 34, 91, 245, 666 the unsigned
      // magnitude reaches; theta 8 when negative. Written to the single register Ra.
      loadA(c, k, ra);
      if (!x) a.dynasm`movsxd rax, eax`;
      a.dynasm`
    xor esi, esi
    mov rcx, rax
    neg rax
    cmovs rax, rcx
    test rcx, rcx
    jz 1f
    setl sil
    shl esi, 3
    mov edx, 8
    cmp rax, 2
    sbb edx, -1
    cmp rax, 5
    sbb edx, -1
    cmp rax, 13
    sbb edx, -1
    cmp rax, 34
    sbb edx, -1
    cmp rax, 91
    sbb edx, -1
    cmp rax, 245
    sbb edx, -1
    cmp rax, 666
    sbb edx, -1
    shl edx, 4
    or esi, edx
  1:
    mov ${c.b(ra)}, sil`;
      return;
    case Op.CVTB2I:
      if (k === 0) {
        // theta >= 8: CVTB2I_NEG, else CVTF2I (table 10.2)
        a.dynasm`
    movzx eax, ${c.b(ra)}
    mov ecx, eax
    shr ecx, 4
    lea edx, [rcx + ${T.SIL8_CVTB2I_NEG}]
    add ecx, ${T.SIL8_CVTF2I}
    test eax, 8
    cmovnz ecx, edx
    movzx eax, byte ptr [r12 + rcx]
    mov ${c.b(ra)}, al`;
        return;
      }
      // trunc(e^rho), negated when theta >= 8, stored as the mode's integer
      a.dynasm`
    movzx ecx, ${c.b(ra)}
    mov edx, ecx
    shr edx, 4
    movzx eax, word ptr [r12 + rdx*2 + ${T.E_RHO_TRUNC}]
    mov edx, eax
    neg edx
    test ecx, 8
    cmovnz eax, edx`;
      if (x) a.dynasm`movsxd rax, eax`;
      storeA(c, k, ra);
      return;
    case Op.CVTB2F:
      if (k === 0) {
        a.dynasm`and ${c.b(ra)}, 0xf0`;
        return;
      }
      // e^rho correctly rounded to the mode's float (table 10.3)
      a.dynasm`
    movzx eax, ${c.b(ra)}
    shr eax, 4`;
      if (k === 1) a.dynasm`
    movzx ecx, word ptr [r12 + rax*2 + ${T.E_RHO_F16}]
    mov ${c.w(ra)}, cx`;
      else if (k === 2) a.dynasm`
    mov ecx, dword ptr [r12 + rax*4 + ${T.E_RHO_F32}]
    mov ${c.d(ra)}, ecx`;
      else a.dynasm`
    mov rcx, qword ptr [r12 + rax*8 + ${T.E_RHO_F64}]
    mov ${c.q(ra)}, rcx`;
      return;
    case Op.CVTF2B:
      if (k === 0) {
        a.dynasm`and ${c.b(ra)}, 0xf0`;
        return;
      }
      cvtf2b(c, k, ra);
      return;
    case Op.NEGFLOAT:
    case Op.ABSFLOAT:
      if (k === 0) {
        sil8Table(c, ra, ins.op === Op.NEGFLOAT ? T.SIL8_NEGFLOAT : T.SIL8_ABSFLOAT);
        return;
      }
      negAbs(c, k, ra, ins.op === Op.NEGFLOAT);
      return;
  }
  if (k === 0) {
    emitSil8Float(c, ins);
    return;
  }
  if (FLOAT_OPS.has(ins.op)) {
    emitFloat(c, ins, k);
    return;
  }
  throw new JitCompileError(`the x64 backend has no code for ${ins.info.mnemonic} in MODE ${mode}`, ins.pc);
}

/** Ra = table[rho(Ra) + 8] (the SIL-8 unary tables of spec 10.2, at tables-block offset `off`). */
function sil8Table(c: X64Context, ra: number, off: number): void {
  c.a.dynasm`
    movzx eax, ${c.b(ra)}
    shr eax, 4
    movzx eax, byte ptr [r12 + rax + ${off}]
    mov ${c.b(ra)}, al`;
}

/** SIL-8 float operations: exact tables (spec 10), no SSE. */
function emitSil8Float(c: X64Context, ins: JitInstruction): void {
  const a = c.a;
  const ra = ins.b1 & 15;
  const rb = ins.b1 >> 4;
  switch (ins.op) {
    case Op.ADDFLOAT:
    case Op.SUBFLOAT:
      a.dynasm`
    movzx eax, ${c.b(ra)}
    movzx ecx, ${c.b(rb)}
    and eax, 0xf0
    shr ecx, 4
    or eax, ecx
    movzx eax, byte ptr [r12 + rax + ${ins.op === Op.ADDFLOAT ? T.SIL8_ADDFLOAT : T.SIL8_SUBFLOAT}]
    mov ${c.b(ra)}, al`;
      return;
    case Op.MULFLOAT:
      a.dynasm`
    movzx eax, ${c.b(ra)}
    movzx ecx, ${c.b(rb)}
    shr eax, 4
    shr ecx, 4
    add eax, ecx
    movzx eax, byte ptr [r12 + rax + ${T.SAT_RHO + 16}]
    mov ${c.b(ra)}, al`;
      return;
    case Op.DIVFLOAT:
      a.dynasm`
    movzx eax, ${c.b(ra)}
    movzx ecx, ${c.b(rb)}
    shr eax, 4
    shr ecx, 4
    add eax, 32
    sub eax, ecx
    movzx eax, byte ptr [r12 + rax + ${T.SAT_RHO}]
    mov ${c.b(ra)}, al`;
      return;
    case Op.SQRTFLOAT:
      sil8Table(c, ra, T.SIL8_SQRTFLOAT);
      return;
    case Op.FLOORFLOAT:
      sil8Table(c, ra, T.SIL8_FLOORFLOAT);
      return;
    case Op.CEILFLOAT:
      sil8Table(c, ra, T.SIL8_CEILFLOAT);
      return;
    case Op.CVTI2F:
      sil8Table(c, ra, T.SIL8_CVTI2F);
      return;
    case Op.CVTF2I:
      sil8Table(c, ra, T.SIL8_CVTF2I);
      return;
    case Op.CMPFLOAT:
      // SIL-8 floats are e^rho: compare the rho values
      a.dynasm`
    movzx eax, ${c.b(ra)}
    movzx ecx, ${c.b(rb)}
    shr eax, 4
    shr ecx, 4
    cmp eax, ecx
    sete al
    setb cl
    add cl, cl
    or al, cl
    and r14b, 0xfc
    or r14b, al`;
      return;
  }
  throw new JitCompileError(`the x64 backend has no SIL-8 code for ${ins.info.mnemonic}`, ins.pc);
}

/**
 * NEGFLOAT / ABSFLOAT in SIL-16/32/64: sign-bit operations on the bit pattern, then an explicit canonical NaN
 * (spec 6: a sign flip is not enough). Integer code: |bits| above the infinity pattern is a NaN.
 */
function negAbs(c: X64Context, k: Cls, ra: number, neg: boolean): void {
  const a = c.a;
  if (k === 1) {
    a.dynasm`movzx eax, ${c.w(ra)}`;
    if (neg) a.dynasm`xor eax, 0x8000`;
    else a.dynasm`and eax, 0x7fff`;
    a.dynasm`
    mov ecx, eax
    and ecx, 0x7fff
    mov edx, 0x7e00
    cmp ecx, 0x7c00
    cmova eax, edx
    mov ${c.w(ra)}, ax`;
  } else if (k === 2) {
    a.dynasm`mov eax, ${c.d(ra)}`;
    if (neg) a.dynasm`xor eax, 0x80000000`;
    else a.dynasm`and eax, 0x7fffffff`;
    a.dynasm`
    mov ecx, eax
    and ecx, 0x7fffffff
    mov edx, 0x7fc00000
    cmp ecx, 0x7f800000
    cmova eax, edx
    mov ${c.d(ra)}, eax`;
  } else {
    a.dynasm`
    mov rax, ${c.q(ra)}
    mov rcx, 0x7fffffffffffffff`;
    if (neg) a.dynasm`btc rax, 63`;
    else a.dynasm`and rax, rcx`;
    a.dynasm`
    and rcx, rax
    mov rdx, 0x7ff0000000000000
    mov rsi, 0x7ff8000000000000
    cmp rcx, rdx
    cmova rax, rsi
    mov ${c.q(ra)}, rax`;
  }
}

/**
 * CVTF2B in SIL-16/32/64 (spec 6): NaN gives NULL; |v| below the null threshold gives NULL; else rho = the
 * number of thresholds T(-7..7) |v| reaches minus 8, theta 8 when negative. The thresholds of table 10.4,
 * rounded up to the value's own format (tables-block.ts), are compared as bit patterns: non-negative
 * floats order like their bits, and a NaN's magnitude bits lie above every threshold, so it is tested first.
 */
function cvtf2b(c: X64Context, k: Cls, ra: number): void {
  const a = c.a;
  if (k === 1) {
    a.dynasm`
    movzx eax, ${c.w(ra)}
    mov esi, eax
    shr esi, 12
    and esi, 8
    and eax, 0x7fff
    cmp eax, 0x7c00
    ja 3f
    movzx edx, word ptr [r12 + ${T.NULL_THRESHOLD_F16}]
    cmp eax, edx
    jb 3f
    xor ecx, ecx
  1:
    movzx edx, word ptr [r12 + rcx*2 + ${T.RHO_THRESHOLD_F16}]
    cmp eax, edx
    jb 2f
    inc ecx
    cmp ecx, 15
    jb 1b
  2:
    shl ecx, 4
    or ecx, esi
    mov ${c.b(ra)}, cl
    jmp 4f
  3:
    mov ${c.b(ra)}, 0
  4:`;
  } else if (k === 2) {
    a.dynasm`
    mov eax, ${c.d(ra)}
    mov esi, eax
    shr esi, 28
    and esi, 8
    and eax, 0x7fffffff
    cmp eax, 0x7f800000
    ja 3f
    cmp eax, dword ptr [r12 + ${T.NULL_THRESHOLD_F32}]
    jb 3f
    xor ecx, ecx
  1:
    cmp eax, dword ptr [r12 + rcx*4 + ${T.RHO_THRESHOLD_F32}]
    jb 2f
    inc ecx
    cmp ecx, 15
    jb 1b
  2:
    shl ecx, 4
    or ecx, esi
    mov ${c.b(ra)}, cl
    jmp 4f
  3:
    mov ${c.b(ra)}, 0
  4:`;
  } else {
    a.dynasm`
    mov rax, ${c.q(ra)}
    mov rsi, rax
    shr rsi, 60
    and esi, 8
    btr rax, 63
    mov rdx, 0x7ff0000000000000
    cmp rax, rdx
    ja 3f
    cmp rax, qword ptr [r12 + ${T.NULL_THRESHOLD_F64}]
    jb 3f
    xor ecx, ecx
  1:
    cmp rax, qword ptr [r12 + rcx*8 + ${T.RHO_THRESHOLD_F64}]
    jb 2f
    inc ecx
    cmp ecx, 15
    jb 1b
  2:
    shl ecx, 4
    or ecx, esi
    mov ${c.b(ra)}, cl
    jmp 4f
  3:
    mov ${c.b(ra)}, 0
  4:`;
  }
}

/** The demotions (spec 4.7) from MODE `mode` to the instruction's target (the compiler gives the exact MODE). */
export function emitDemotion(c: X64Context, ins: JitInstruction, mode: number): void {
  const a = c.a;
  const m = ins.b2;
  if (mode <= m) return; // m >= MODE: nothing
  const t = MODE_LAYERS[m]!;
  const kk = MODE_LAYERS[mode]! / t;
  switch (ins.op) {
    case Op.DEMOTE:
    case Op.XORDEM: {
      // R[i] = bxor chain over the group = XOR of the k members ^ 0x80 (k - 1 is odd): fold halves of the
      // register file in rax, then ^ 0x80 in every byte.
      a.dynasm`mov rax, qword ptr [rbx]`;
      for (let w = MODE_LAYERS[mode]!; w > t; w >>= 1) {
        if (w === 16) a.dynasm`xor rax, qword ptr [rbx + 8]`;
        else if (w === 8) a.dynasm`
    mov rcx, rax
    shr rcx, 32
    xor rax, rcx`;
        else if (w === 4) a.dynasm`
    mov rcx, rax
    shr rcx, 16
    xor rax, rcx`;
        else a.dynasm`
    mov rcx, rax
    shr rcx, 8
    xor rax, rcx`;
      }
      a.dynasm`
    mov rcx, 0x8080808080808080
    xor rax, rcx
    mov qword ptr [rbx], rax`;
      break;
    }
    case Op.TRUNCATE:
      break;
    case Op.AVGDEM: {
      const log2k = Math.log2(kk);
      for (let i = 0; i < t; i++) {
        a.dynasm`
    xor ecx, ecx
    xor edx, edx`;
        for (let j = 0; j < kk; j++) {
          a.dynasm`
    movzx eax, byte ptr [rbx + ${i + j * t}]
    mov esi, eax
    shr esi, 4
    add ecx, esi
    and eax, 15
    add edx, eax`;
        }
        // rho sum - 8k, divided by k truncating toward zero (k a power of two: bias negative sums by k - 1)
        a.dynasm`
    sub ecx, ${8 * kk}
    mov esi, ecx
    sar esi, 31
    and esi, ${kk - 1}
    add ecx, esi
    sar ecx, ${log2k}
    add ecx, 8
    shl ecx, 4
    shr edx, ${log2k}
    or ecx, edx
    mov byte ptr [rbx + ${i}], cl`;
      }
      break;
    }
    case Op.MAXDEM:
      for (let i = 0; i < t; i++) {
        a.dynasm`
    movzx eax, byte ptr [rbx + ${i}]
    mov ecx, eax
    shr ecx, 4`;
        for (let j = 1; j < kk; j++) {
          a.dynasm`
    movzx edx, byte ptr [rbx + ${i + j * t}]
    mov esi, edx
    shr esi, 4
    cmp esi, ecx
    cmova eax, edx
    cmova ecx, esi`;
        }
        a.dynasm`mov byte ptr [rbx + ${i}], al`;
      }
      break;
  }
  // R[t..15] = NULL; MODE = m; M = 1
  if (t === 8) a.dynasm`mov qword ptr [rbx + 8], 0`;
  else {
    if (t === 1) a.dynasm`movzx eax, byte ptr [rbx]`;
    else if (t === 2) a.dynasm`movzx eax, word ptr [rbx]`;
    else a.dynasm`mov eax, dword ptr [rbx]`;
    a.dynasm`
    mov qword ptr [rbx], rax
    mov qword ptr [rbx + 8], 0`;
  }
  a.dynasm`
    mov byte ptr [rbx + 0x11], ${m}
    or r14b, 0x80`;
}
