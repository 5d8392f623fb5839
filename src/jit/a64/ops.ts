// A64 code for the VSP instructions whose code does not depend on MODE (spec 4.1-4.3, 4.5-4.10, the mode
// changes of 4.7 except the demotions). Register map: regs.ts; every template writes w28 (PC), w23 (F),
// x19 (state), x22 (small tables), x26 (data) by name. Scratch: w9..w16.
import { Op } from '../../../spec/vsp/opcodes.js';
import type { Label } from '../../../dsl/label.js';
import { VspError } from '../../vsp/state-layout.js';
import type { JitInstruction } from '../analysis.js';
import { JitCompileError, type LabelAt } from '../backend.js';
import type { A64Context } from './context.js';
import { TS } from './regs.js';

const sat = (x: number): number => (x < -8 ? -8 : x > 7 ? 7 : x);
const s8 = (x: number): number => (x << 24) >> 24;

/** w9 = an immediate 0..2^32-1 (movz, movk when needed). */
export function movW(c: A64Context, reg: 'w9' | 'w10' | 'w28', v: number): void {
  const a = c.a;
  const lo = v & 0xffff;
  const hi = v >>> 16;
  switch (reg) {
    case 'w9':
      a.dynasm`movz w9, #${lo}`;
      if (hi !== 0) a.dynasm`movk w9, #${hi}, lsl #16`;
      return;
    case 'w10':
      a.dynasm`movz w10, #${lo}`;
      if (hi !== 0) a.dynasm`movk w10, #${hi}, lsl #16`;
      return;
    case 'w28':
      a.dynasm`movz w28, #${lo}`;
      if (hi !== 0) a.dynasm`movk w28, #${hi}, lsl #16`;
      return;
  }
}

/**
 * flags(Ra) for the byte in w9 (spec 4): Z N O from FLAG_ZNO, C when a == 15 and the byte is null. The C
 * stop itself is the compiler's emitCollapseCheck.
 */
export function flagsRa(c: A64Context, a: number): void {
  if (a === 15) c.a.dynasm`
    ldrb w10, [x22, w9, uxtw]
    and w23, w23, #0xfffffff8
    orr w23, w23, w10
    cmp w9, #0x10
    cset w10, lo
    orr w23, w23, w10, lsl #3`;
  else c.a.dynasm`
    ldrb w10, [x22, w9, uxtw]
    and w23, w23, #0xfffffff8
    orr w23, w23, w10`;
}

/** Stores w9 to Ra and applies flags(Ra). */
function storeFlags(c: A64Context, a: number): void {
  if (a === 15) c.a.dynasm`
    strb w9, [x19, #15]
    ldrb w10, [x22, w9, uxtw]
    and w23, w23, #0xfffffff8
    orr w23, w23, w10
    cmp w9, #0x10
    cset w10, lo
    orr w23, w23, w10, lsl #3`;
  else c.a.dynasm`
    strb w9, [x19, #${a}]
    ldrb w10, [x22, w9, uxtw]
    and w23, w23, #0xfffffff8
    orr w23, w23, w10`;
}

/** w9 = MUL(w9, w10) of two ByteSils (saturating rho sum, theta sum mod 16); clobbers w11, w12. */
function mulBytes(c: A64Context): void {
  c.a.dynasm`
    lsr w11, w9, #4
    add w11, w11, w10, lsr #4
    add w11, w11, #0x690 // SAT_RHO + 16
    ldrb w11, [x22, w11, uxtw]
    add w12, w9, w10
    and w12, w12, #15
    orr w9, w11, w12`;
}

/** Branch to a VSP label when the flag bit `bit` (a mask) of F is set. */
function branchIfFlag(c: A64Context, bit: number, target: Label): void {
  if (c.far) {
    c.a.dynasm`
    tst w23, #${bit}
    b.eq 1f
    b ${target}
  1:`;
  } else {
    c.a.dynasm`
    tst w23, #${bit}
    b.ne ${target}`;
  }
}

/** Emits the inline code of a MODE-independent instruction (the compiler has handled H and static errors). */
export function emitPlain(c: A64Context, ins: JitInstruction, labelAt: LabelAt<Label>): void {
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
    orr w23, w23, #0x10
    add w28, w28, #1
    b 92b // halted`;
      return;
    case Op.RET:
      a.dynasm`
    cbz w25, 1f
    sub w25, w25, #1
    add x9, x19, #0x200
    add x9, x9, w25, uxtw #3
    ldp w28, w10, [x9]
    str w10, [x19, #0x1c]
    b ${c.dispatch}
  1:
    add w28, w28, #1
    b 93b // returned`;
      return;
    case Op.JMP:
      a.dynasm`b ${labelAt(ins.target)}`;
      return;
    case Op.JZ:
      branchIfFlag(c, 1, labelAt(ins.target));
      return;
    case Op.JN:
      branchIfFlag(c, 2, labelAt(ins.target));
      return;
    case Op.JC:
      branchIfFlag(c, 8, labelAt(ins.target));
      return;
    case Op.JO:
      branchIfFlag(c, 4, labelAt(ins.target));
      return;
    case Op.CALL:
      a.dynasm`
    cmp w25, #256
    b.eq 83b // call_overflow
    add x9, x19, #0x200
    add x9, x9, w25, uxtw #3`;
      movW(c, 'w10', ins.next);
      a.dynasm`
    ldr w11, [x19, #0x1c]
    stp w10, w11, [x9]
    str w24, [x19, #0x1c]
    add w25, w25, #1
    b ${labelAt(ins.target)}`;
      return;
    case Op.LOOP:
      a.dynasm`
    ldrb w9, [x19, #12]
    subs w10, w9, #0x10
    b.lo 1f
    strb w10, [x19, #12]
    b ${labelAt(ins.target)}
  1:`;
      return;

    // ---- 4.2 data movement
    case Op.MOV:
      a.dynasm`
    ldrb w9, [x19, #${rb}]
    strb w9, [x19, #${ra}]`;
      return;
    case Op.MOVI: {
      const v = (sat(s8(imm)) + 8) << 4;
      if (v === 0) a.dynasm`strb wzr, [x19, #${ra}]`;
      else a.dynasm`
    movz w9, #${v}
    strb w9, [x19, #${ra}]`;
      return;
    }
    case Op.LOAD:
    case Op.STORE: {
      const addr = ins.b2 | (ins.b3 << 8);
      const load = ins.op === Op.LOAD;
      if (addr < 4096) {
        if (load) a.dynasm`
    ldrb w9, [x26, #${addr}]
    strb w9, [x19, #${ra}]`;
        else a.dynasm`
    ldrb w9, [x19, #${ra}]
    strb w9, [x26, #${addr}]`;
      } else {
        a.dynasm`movz w10, #${addr}`;
        if (load) a.dynasm`
    ldrb w9, [x26, x10]
    strb w9, [x19, #${ra}]`;
        else a.dynasm`
    ldrb w9, [x19, #${ra}]
    strb w9, [x26, x10]`;
      }
      return;
    }
    case Op.PUSH:
      a.dynasm`
    cmp w24, #256
    b.eq 81b // stack_overflow
    ldrb w9, [x19, #${ra}]
    add x10, x19, #0x100
    strb w9, [x10, w24, uxtw]
    add w24, w24, #1`;
      return;
    case Op.POP:
      a.dynasm`
    cbz w24, 82b // stack_underflow
    sub w24, w24, #1
    add x10, x19, #0x100
    ldrb w9, [x10, w24, uxtw]
    strb w9, [x19, #${ra}]`;
      return;
    case Op.XCHG:
      a.dynasm`
    ldrb w9, [x19, #${ra}]
    ldrb w10, [x19, #${rb}]
    strb w10, [x19, #${ra}]
    strb w9, [x19, #${rb}]`;
      return;
    case Op.LSTATE:
    case Op.SSTATE: {
      // addr <= 0xfff0 here (the compiler turned the others into mem_range)
      const addr = ins.b1 | (ins.b2 << 8) | (ins.b3 << 16);
      movW(c, 'w10', addr);
      if (ins.op === Op.LSTATE) a.dynasm`
    add x10, x26, x10
    ldp x11, x12, [x10]
    stp x11, x12, [x19]`;
      else a.dynasm`
    add x10, x26, x10
    ldp x11, x12, [x19]
    stp x11, x12, [x10]`;
      return;
    }

    // ---- 4.3 ByteSil arithmetic
    case Op.MUL:
      a.dynasm`
    ldrb w9, [x19, #${ra}]
    ldrb w10, [x19, #${rb}]
    lsr w11, w9, #4
    add w11, w11, w10, lsr #4
    add w11, w11, #0x690 // SAT_RHO + 16
    ldrb w11, [x22, w11, uxtw]
    add w12, w9, w10
    and w12, w12, #15
    orr w9, w11, w12`;
      storeFlags(c, ra);
      return;
    case Op.DIV:
      a.dynasm`
    ldrb w9, [x19, #${ra}]
    ldrb w10, [x19, #${rb}]
    lsr w11, w9, #4
    sub w11, w11, w10, lsr #4
    add w11, w11, #0x6a0 // SAT_RHO + 32
    ldrb w11, [x22, w11, uxtw]
    sub w12, w9, w10
    and w12, w12, #15
    orr w9, w11, w12`;
      storeFlags(c, ra);
      return;
    case Op.POW:
      if (imm === 0) {
        a.dynasm`movz w9, #0x80`;
      } else {
        a.dynasm`
    ldrb w9, [x19, #${ra}]
    lsr w11, w9, #4
    sub w11, w11, #8
    movz w13, #${imm}
    mul w11, w11, w13
    movz w14, #7
    cmp w11, w14
    csel w11, w11, w14, le
    movn w14, #7
    cmp w11, w14
    csel w11, w11, w14, ge
    add w11, w11, #8
    lsl w11, w11, #4
    and w12, w9, #15
    mul w12, w12, w13
    and w12, w12, #15
    orr w9, w11, w12`;
      }
      storeFlags(c, ra);
      return;
    case Op.ROOT:
      if (imm === 0) {
        a.dynasm`movz w9, #0x80`;
      } else {
        a.dynasm`
    ldrb w9, [x19, #${ra}]
    lsr w11, w9, #4
    sub w11, w11, #8
    movz w13, #${imm}
    sdiv w11, w11, w13
    add w11, w11, #8
    lsl w11, w11, #4
    and w12, w9, #15
    udiv w12, w12, w13
    orr w9, w11, w12`;
      }
      storeFlags(c, ra);
      return;
    case Op.INV:
      a.dynasm`
    ldrb w9, [x19, #${ra}]
    lsr w11, w9, #4
    movz w12, #0x6a8 // SAT_RHO + 40
    sub w11, w12, w11
    ldrb w11, [x22, w11, uxtw]
    neg w12, w9
    and w12, w12, #15
    orr w9, w11, w12`;
      storeFlags(c, ra);
      return;
    case Op.CONJ:
      a.dynasm`
    ldrb w9, [x19, #${ra}]
    and w11, w9, #0xf0
    neg w12, w9
    and w12, w12, #15
    orr w9, w11, w12
    strb w9, [x19, #${ra}]`;
      return;
    case Op.ADD:
      a.dynasm`
    ldrb w9, [x19, #${ra}]
    ldrb w10, [x19, #${rb}]
    orr w11, w10, w9, lsl #8
    ldrb w9, [x20, x11]`;
      storeFlags(c, ra);
      return;
    case Op.SUB:
      a.dynasm`
    ldrb w9, [x19, #${ra}]
    ldrb w10, [x19, #${rb}]
    orr w11, w10, w9, lsl #8
    orr w11, w11, #0x10000
    ldrb w9, [x20, x11]`;
      storeFlags(c, ra);
      return;
    case Op.MAG:
      a.dynasm`
    ldrb w9, [x19, #${ra}]
    and w9, w9, #0xf0
    strb w9, [x19, #${ra}]`;
      return;
    case Op.PHASE:
      a.dynasm`
    ldrb w9, [x19, #${ra}]
    and w9, w9, #15
    orr w9, w9, #0x80
    strb w9, [x19, #${ra}]`;
      return;
    case Op.SCALE: {
      const s = s8(imm);
      a.dynasm`ldrb w9, [x19, #${ra}]`;
      if (s >= 15) a.dynasm`
    and w9, w9, #15
    orr w9, w9, #0xf0`;
      else if (s <= -15) a.dynasm`and w9, w9, #15`;
      else a.dynasm`
    lsr w11, w9, #4
    add w11, w11, #${TS.SAT_RHO + 24 + s}
    ldrb w11, [x22, w11, uxtw]
    and w12, w9, #15
    orr w9, w11, w12`;
      storeFlags(c, ra);
      return;
    }
    case Op.ROTATE:
      a.dynasm`
    ldrb w9, [x19, #${ra}]
    add w12, w9, #${imm & 15}
    and w12, w12, #15
    and w11, w9, #0xf0
    orr w9, w11, w12
    strb w9, [x19, #${ra}]`;
      return;

    // ---- 4.5 layer operations
    case Op.XORL:
      a.dynasm`
    ldrb w9, [x19, #${ra}]
    ldrb w10, [x19, #${rb}]
    eor w9, w9, w10
    strb w9, [x19, #${ra}]`;
      return;
    case Op.ANDL:
      a.dynasm`
    ldrb w9, [x19, #${ra}]
    ldrb w10, [x19, #${rb}]
    and w9, w9, w10
    strb w9, [x19, #${ra}]`;
      return;
    case Op.ORL:
      a.dynasm`
    ldrb w9, [x19, #${ra}]
    ldrb w10, [x19, #${rb}]
    orr w9, w9, w10
    strb w9, [x19, #${ra}]`;
      return;
    case Op.NOTL:
      a.dynasm`
    ldrb w9, [x19, #${ra}]
    mvn w9, w9
    strb w9, [x19, #${ra}]`;
      return;
    case Op.SHIFTL:
      a.dynasm`
    ldp x10, x11, [x19]
    tst x11, #0xf000000000000000
    cset w12, ne
    orr w23, w23, w12, lsl #2
    extr x11, x11, x10, #56
    lsl x10, x10, #8
    stp x10, x11, [x19]`;
      return;
    case Op.ROTATL:
      a.dynasm`
    ldp x10, x11, [x19]
    extr x12, x10, x11, #56
    extr x11, x11, x10, #56
    stp x12, x11, [x19]`;
      return;
    case Op.FOLD:
      a.dynasm`
    ldp x10, x11, [x19]
    eor x10, x10, x11
    eor x10, x10, #0x8080808080808080
    str x10, [x19]`;
      return;
    case Op.SPREAD:
      a.dynasm`
    ldrb w9, [x19, #${ra}]
    orr w9, w9, w9, lsl #8
    orr w9, w9, w9, lsl #16
    str w9, [x19, #${ra & 12}]`;
      return;
    case Op.GATHER: {
      const g = ra & 12;
      a.dynasm`movz w9, #0x80`;
      for (let i = g; i < g + 4; i++) {
        a.dynasm`ldrb w10, [x19, #${i}]`;
        mulBytes(c);
      }
      a.dynasm`strb w9, [x19, #${ra}]`;
      return;
    }

    // ---- 4.6 transformations (TRANS, PIPE, LERP, GRAD are host instructions)
    case Op.SLERP: {
      const k = imm;
      a.dynasm`
    ldrb w9, [x19, #${ra}]
    ldrb w10, [x19, #${rb}]
    lsr w11, w9, #4
    sub w11, w11, #8
    lsr w12, w10, #4
    sub w12, w12, #8
    movz w13, #${255 - k}
    movz w14, #${k}
    mul w11, w11, w13
    madd w11, w12, w14, w11
    lsl w11, w11, #1
    add w11, w11, #4095
    add w11, w11, #240
    movz w15, #510
    udiv w11, w11, w15
    lsl w11, w11, #4
    and w12, w9, #15
    and w16, w10, #15
    mul w12, w12, w13
    madd w12, w16, w14, w12
    lsl w12, w12, #1
    add w12, w12, #255
    udiv w12, w12, w15
    and w12, w12, #15
    orr w9, w11, w12
    strb w9, [x19, #${ra}]`;
      return;
    }
    case Op.EMERGE:
      a.dynasm`
    ldrb w9, [x19, #11]
    ldrb w10, [x19, #12]
    eor w9, w9, w10
    eor w9, w9, #0x80
    strb w9, [x19, #11]`;
      return;
    case Op.COLLAPSE:
      a.dynasm`
    ldrb w9, [x19, #${ra}]
    strb w9, [x19, #15]
    cmp w9, #0x10
    cset w10, lo
    orr w23, w23, w10, lsl #3`;
      return;

    // ---- 4.7 MODE changes (the demotions are mode-aware: ops-mode.ts)
    case Op.SETMODE:
      a.dynasm`movz w27, #${ins.b1}`;
      return;
    case Op.PROMOTE:
      a.dynasm`
    cmp w27, #${imm}
    b.hs 1f
    movz w27, #${imm}
    orr w23, w23, #0x80
  1:`;
      return;
    case Op.COMPAT:
      a.dynasm`
    movz w9, #${imm}
    cmp w27, w9
    csel w27, w9, w27, hi`;
      return;

    // ---- 4.8 quantum gates
    case Op.BIT_H:
    case Op.BIT_X:
    case Op.BIT_Z:
    case Op.BIT_COLLAPSE:
    case Op.BIT_NORM:
      a.dynasm`ldrb w9, [x19, #${ra}]`;
      flagsRa(c, ra);
      return;
    case Op.BIT_Y:
      a.dynasm`
    ldrb w9, [x19, #${ra}]
    add w12, w9, #4
    and w12, w12, #15
    and w11, w9, #0xf0
    orr w9, w11, w12`;
      storeFlags(c, ra);
      return;
    case Op.BIT_ROTQ:
      a.dynasm`
    ldrb w9, [x19, #${ra}]
    ldrb w10, [x19, #1]
    add w12, w9, w10, lsr #4
    sub w12, w12, #8
    and w12, w12, #15
    and w11, w9, #0xf0
    orr w9, w11, w12`;
      storeFlags(c, ra);
      return;
    case Op.BIT_MEASURE:
      a.dynasm`
    ldrb w9, [x19, #${ra}]
    and w9, w9, #15
    add w9, w9, #0x480 // MEASURE
    ldrb w9, [x22, w9, uxtw]
    strb w9, [x19]`;
      return;

    // ---- 4.9 I/O (the rest are host instructions)
    case Op.IN:
      a.dynasm`
    ldrb w9, [x19, #${0xa00 + imm}]
    strb w9, [x19, #${ra}]`;
      return;
    case Op.OUT:
      a.dynasm`
    ldrb w9, [x19, #${ra}]
    strb w9, [x19, #${0xa00 + imm}]`;
      return;
  }
  throw new JitCompileError(`the a64 backend has no MODE-independent code for opcode 0x${ins.op.toString(16)} (${ins.info.mnemonic})`, ins.pc);
}
