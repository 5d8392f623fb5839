// A64 code for the mode-aware VSP instructions (spec 4.4, 6) for one MODE group, and the demotions (4.7) for
// one exact MODE. The compiler has already turned reg_range into an error exit, so every operand here lies
// inside R0..RF. Values: SIL-8 integers as rho in w9/w10 (sign-extended), SIL-16 as int16 sign-extended to
// 32 bits, SIL-32 in w registers, SIL-64/128 in x registers. Floats whose operations need the FP unit are
// emitted by ops-float.ts.
import { Op } from '../../../spec/vsp/opcodes.js';
import { MODE_LAYERS } from '../../vsp/state-layout.js';
import type { JitInstruction } from '../analysis.js';
import { JitCompileError } from '../backend.js';
import type { A64Context } from './context.js';
import { emitFloat, FLOAT_OPS } from './ops-float.js';
import { TS } from './regs.js';

/** Width classes: 0 SIL-8, 1 SIL-16, 2 SIL-32, 3 SIL-64 and SIL-128. */
type Cls = 0 | 1 | 2 | 3;

function cls(mode: number): Cls {
  return (mode >= 3 ? 3 : mode) as Cls;
}

/** w9 (x9 in class 3) = the mode's integer at Rk. */
function loadA(c: A64Context, k: Cls, r: number): void {
  const a = c.a;
  switch (k) {
    case 0:
      a.dynasm`
    ldrb w9, [x19, #${r}]
    lsr w9, w9, #4
    sub w9, w9, #8`;
      return;
    case 1:
      a.dynasm`ldursh w9, [x19, #${r}]`;
      return;
    case 2:
      a.dynasm`ldur w9, [x19, #${r}]`;
      return;
    case 3:
      a.dynasm`ldur x9, [x19, #${r}]`;
      return;
  }
}

/** w10 (x10 in class 3) = the mode's integer at Rk. */
function loadB(c: A64Context, k: Cls, r: number): void {
  const a = c.a;
  switch (k) {
    case 0:
      a.dynasm`
    ldrb w10, [x19, #${r}]
    lsr w10, w10, #4
    sub w10, w10, #8`;
      return;
    case 1:
      a.dynasm`ldursh w10, [x19, #${r}]`;
      return;
    case 2:
      a.dynasm`ldur w10, [x19, #${r}]`;
      return;
    case 3:
      a.dynasm`ldur x10, [x19, #${r}]`;
      return;
  }
}

/** w9/x9 = A at Ra and w10/x10 = B at Rb (one template per class). */
function loadAB(c: A64Context, k: Cls, ra: number, rb: number): void {
  const a = c.a;
  switch (k) {
    case 0:
      a.dynasm`
    ldrb w9, [x19, #${ra}]
    ldrb w10, [x19, #${rb}]
    lsr w9, w9, #4
    sub w9, w9, #8
    lsr w10, w10, #4
    sub w10, w10, #8`;
      return;
    case 1:
      a.dynasm`
    ldursh w9, [x19, #${ra}]
    ldursh w10, [x19, #${rb}]`;
      return;
    case 2:
      a.dynasm`
    ldur w9, [x19, #${ra}]
    ldur w10, [x19, #${rb}]`;
      return;
    case 3:
      a.dynasm`
    ldur x9, [x19, #${ra}]
    ldur x10, [x19, #${rb}]`;
      return;
  }
}

/** Stores w9 (x9) as the mode's integer at Rk: SIL-8 by byte(sat(s8(v mod 256)), 0), wider ones wrap. */
function storeA(c: A64Context, k: Cls, r: number): void {
  const a = c.a;
  switch (k) {
    case 0:
      a.dynasm`
    and w9, w9, #0xff
    add w9, w9, #0x100 // SIL8_STORE
    ldrb w9, [x22, w9, uxtw]
    strb w9, [x19, #${r}]`;
      return;
    case 1:
      a.dynasm`sturh w9, [x19, #${r}]`;
      return;
    case 2:
      a.dynasm`stur w9, [x19, #${r}]`;
      return;
    case 3:
      a.dynasm`stur x9, [x19, #${r}]`;
      return;
  }
}

/** Integer shift widths (spec 4.4): 8, 16, 32, 64. */
const BITS = [8, 16, 32, 64] as const;

/** Emits a width-dependent mode-aware instruction for MODE `mode`. */
export function emitModeOp(c: A64Context, ins: JitInstruction, mode: number): void {
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
      loadAB(c, k, ra, rb);
      if (x) {
        switch (ins.op) {
          case Op.ADDINT: a.dynasm`add x9, x9, x10`; break;
          case Op.SUBINT: a.dynasm`sub x9, x9, x10`; break;
          case Op.MULINT: a.dynasm`mul x9, x9, x10`; break;
          case Op.ANDINT: a.dynasm`and x9, x9, x10`; break;
          case Op.ORINT: a.dynasm`orr x9, x9, x10`; break;
          default: a.dynasm`eor x9, x9, x10`; break;
        }
      } else {
        switch (ins.op) {
          case Op.ADDINT: a.dynasm`add w9, w9, w10`; break;
          case Op.SUBINT: a.dynasm`sub w9, w9, w10`; break;
          case Op.MULINT: a.dynasm`mul w9, w9, w10`; break;
          case Op.ANDINT: a.dynasm`and w9, w9, w10`; break;
          case Op.ORINT: a.dynasm`orr w9, w9, w10`; break;
          default: a.dynasm`eor w9, w9, w10`; break;
        }
      }
      storeA(c, k, ra);
      return;
    case Op.DIVINT:
    case Op.MODINT: {
      // B == 0: O = 1 and Ra unchanged; else truncated quotient / remainder with the sign of A (SDIV gives
      // MIN / -1 = MIN and never traps; MSUB then gives MIN mod -1 = 0).
      loadB(c, k, rb);
      if (x) a.dynasm`cbz x10, 1f`;
      else a.dynasm`cbz w10, 1f`;
      loadA(c, k, ra);
      if (x) {
        a.dynasm`sdiv x11, x9, x10`;
        if (ins.op === Op.MODINT) a.dynasm`msub x9, x11, x10, x9`;
        else a.dynasm`mov x9, x11`;
      } else {
        a.dynasm`sdiv w11, w9, w10`;
        if (ins.op === Op.MODINT) a.dynasm`msub w9, w11, w10, w9`;
        else a.dynasm`mov w9, w11`;
      }
      storeA(c, k, ra);
      a.dynasm`
    b 2f
  1:
    orr w23, w23, #4
  2:`;
      return;
    }
    case Op.POWINT:
      // pow(A, e), e = B mod 2^32 unsigned, by squaring in 64-bit wrapping arithmetic (pow(A, 0) = 1).
      loadA(c, k, ra);
      if (k === 3) a.dynasm`ldur w10, [x19, #${rb}]`;
      else {
        loadB(c, k, rb);
        a.dynasm`sxtw x9, w9`;
      }
      a.dynasm`
    movz x11, #1
  1:
    cbz w10, 3f
    tbz w10, #0, 2f
    mul x11, x11, x9
  2:
    lsr w10, w10, #1
    mul x9, x9, x9
    b 1b
  3:
    mov x9, x11`;
      storeA(c, k, ra);
      return;
    case Op.CMPINT:
      loadAB(c, k, ra, rb);
      if (x) a.dynasm`cmp x9, x10`;
      else a.dynasm`cmp w9, w10`;
      a.dynasm`
    cset w11, eq
    cset w12, lt
    and w23, w23, #0xfffffffc
    orr w23, w23, w11
    orr w23, w23, w12, lsl #1`;
      return;
    case Op.TESTINT:
      loadAB(c, k, ra, rb);
      if (x) a.dynasm`tst x9, x10`;
      else a.dynasm`tst w9, w10`;
      a.dynasm`
    cset w11, eq
    and w23, w23, #0xfffffffe
    orr w23, w23, w11`;
      return;
    case Op.NOTINT:
    case Op.NEGINT:
    case Op.ABSINT:
      loadA(c, k, ra);
      if (x) {
        if (ins.op === Op.NOTINT) a.dynasm`mvn x9, x9`;
        else if (ins.op === Op.NEGINT) a.dynasm`neg x9, x9`;
        else a.dynasm`
    cmp x9, #0
    cneg x9, x9, lt`;
      } else {
        if (ins.op === Op.NOTINT) a.dynasm`mvn w9, w9`;
        else if (ins.op === Op.NEGINT) a.dynasm`neg w9, w9`;
        else a.dynasm`
    cmp w9, #0
    cneg w9, w9, lt`;
      }
      storeA(c, k, ra);
      return;
    case Op.SHLINT:
    case Op.SHRINT: {
      // s = B mod 2^32 unsigned; s >= bits: 0 (left) or the sign (right). Hardware shifts mask the count, so
      // the count is compared first.
      loadAB(c, k, ra, rb);
      const bits = BITS[k];
      if (ins.op === Op.SHLINT) {
        if (x) a.dynasm`
    lsl x11, x9, x10
    cmp w10, #64
    csel x9, x11, xzr, lo`;
        else a.dynasm`
    lsl w11, w9, w10
    cmp w10, #${bits}
    csel w9, w11, wzr, lo`;
      } else if (x) {
        a.dynasm`
    cmp w10, #64
    movz w11, #63
    csel w10, w10, w11, lo
    asr x9, x9, x10`;
      } else {
        a.dynasm`
    cmp w10, #${bits}
    movz w11, #31
    csel w10, w10, w11, lo
    asr w9, w9, w10`;
      }
      storeA(c, k, ra);
      return;
    }
    case Op.CVTI2B:
      if (k === 0) {
        sil8Table(c, ra, TS.SIL8_CVTI2F);
        return;
      }
      // from_complex of the integer: NULL for 0; rho = how many of 2, 5, 13, 34, 91, 245, 666 the unsigned
      // magnitude reaches; theta 8 when negative. Written to the single register Ra.
      loadA(c, k, ra);
      if (!x) a.dynasm`sxtw x9, w9`;
      a.dynasm`
    cmp x9, #0
    cset w13, lt
    cneg x9, x9, lt
    movz w11, #8
    cmp x9, #2
    cinc w11, w11, hs
    cmp x9, #5
    cinc w11, w11, hs
    cmp x9, #13
    cinc w11, w11, hs
    cmp x9, #34
    cinc w11, w11, hs
    cmp x9, #91
    cinc w11, w11, hs
    cmp x9, #245
    cinc w11, w11, hs
    cmp x9, #666
    cinc w11, w11, hs
    lsl w11, w11, #4
    orr w11, w11, w13, lsl #3
    cmp x9, #0
    csel w11, w11, wzr, ne
    strb w11, [x19, #${ra}]`;
      return;
    case Op.CVTB2I:
      if (k === 0) {
        // theta >= 8: CVTB2I_NEG, else CVTF2I (table 10.2)
        a.dynasm`
    ldrb w9, [x19, #${ra}]
    lsr w11, w9, #4
    movz w12, #${TS.SIL8_CVTF2I}
    movz w13, #${TS.SIL8_CVTB2I_NEG}
    tst w9, #8
    csel w12, w13, w12, ne
    add w11, w11, w12
    ldrb w9, [x22, w11, uxtw]
    strb w9, [x19, #${ra}]`;
        return;
      }
      // trunc(e^rho), negated when theta >= 8, stored as the mode's integer
      a.dynasm`
    ldrb w9, [x19, #${ra}]
    lsr w10, w9, #4
    add w10, w10, #${TS.E_RHO_TRUNC >> 1}
    ldrh w10, [x22, w10, uxtw #1]
    tst w9, #8
    cneg w9, w10, ne`;
      if (x) a.dynasm`sxtw x9, w9`;
      storeA(c, k, ra);
      return;
    case Op.CVTB2F:
      if (k === 0) {
        a.dynasm`
    ldrb w9, [x19, #${ra}]
    and w9, w9, #0xf0
    strb w9, [x19, #${ra}]`;
        return;
      }
      // e^rho correctly rounded to the mode's float (table 10.3)
      a.dynasm`
    ldrb w9, [x19, #${ra}]
    lsr w9, w9, #4`;
      if (k === 1) a.dynasm`
    add w9, w9, #${TS.E_RHO_F16 >> 1}
    ldrh w10, [x22, w9, uxtw #1]
    sturh w10, [x19, #${ra}]`;
      else if (k === 2) a.dynasm`
    add w9, w9, #${TS.E_RHO_F32 >> 2}
    ldr w10, [x22, w9, uxtw #2]
    stur w10, [x19, #${ra}]`;
      else a.dynasm`
    add w9, w9, #${TS.E_RHO_F64 >> 3}
    ldr x10, [x22, w9, uxtw #3]
    stur x10, [x19, #${ra}]`;
      return;
    case Op.CVTF2B:
      if (k === 0) {
        a.dynasm`
    ldrb w9, [x19, #${ra}]
    and w9, w9, #0xf0
    strb w9, [x19, #${ra}]`;
        return;
      }
      cvtf2b(c, k, ra);
      return;
    case Op.NEGFLOAT:
    case Op.ABSFLOAT:
      if (k === 0) {
        sil8Table(c, ra, ins.op === Op.NEGFLOAT ? TS.SIL8_NEGFLOAT : TS.SIL8_ABSFLOAT);
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
  throw new JitCompileError(`the a64 backend has no code for ${ins.info.mnemonic} in MODE ${mode}`, ins.pc);
}

/** Ra = table[rho(Ra) + 8] (the SIL-8 unary tables of spec 10.2, at small-table offset `off`). */
function sil8Table(c: A64Context, ra: number, off: number): void {
  c.a.dynasm`
    ldrb w9, [x19, #${ra}]
    lsr w9, w9, #4
    add w9, w9, #${off}
    ldrb w9, [x22, w9, uxtw]
    strb w9, [x19, #${ra}]`;
}

/** SIL-8 float operations: exact tables (spec 10), no FP unit. */
function emitSil8Float(c: A64Context, ins: JitInstruction): void {
  const a = c.a;
  const ra = ins.b1 & 15;
  const rb = ins.b1 >> 4;
  switch (ins.op) {
    case Op.ADDFLOAT:
    case Op.SUBFLOAT:
      a.dynasm`
    ldrb w9, [x19, #${ra}]
    ldrb w10, [x19, #${rb}]
    and w9, w9, #0xf0
    orr w9, w9, w10, lsr #4
    add w9, w9, #${ins.op === Op.ADDFLOAT ? TS.SIL8_ADDFLOAT : TS.SIL8_SUBFLOAT}
    ldrb w9, [x22, w9, uxtw]
    strb w9, [x19, #${ra}]`;
      return;
    case Op.MULFLOAT:
      a.dynasm`
    ldrb w9, [x19, #${ra}]
    ldrb w10, [x19, #${rb}]
    lsr w9, w9, #4
    add w9, w9, w10, lsr #4
    add w9, w9, #0x690 // SAT_RHO + 16
    ldrb w9, [x22, w9, uxtw]
    strb w9, [x19, #${ra}]`;
      return;
    case Op.DIVFLOAT:
      a.dynasm`
    ldrb w9, [x19, #${ra}]
    ldrb w10, [x19, #${rb}]
    lsr w9, w9, #4
    sub w9, w9, w10, lsr #4
    add w9, w9, #0x6a0 // SAT_RHO + 32
    ldrb w9, [x22, w9, uxtw]
    strb w9, [x19, #${ra}]`;
      return;
    case Op.SQRTFLOAT:
      sil8Table(c, ra, TS.SIL8_SQRTFLOAT);
      return;
    case Op.FLOORFLOAT:
      sil8Table(c, ra, TS.SIL8_FLOORFLOAT);
      return;
    case Op.CEILFLOAT:
      sil8Table(c, ra, TS.SIL8_CEILFLOAT);
      return;
    case Op.CVTI2F:
      sil8Table(c, ra, TS.SIL8_CVTI2F);
      return;
    case Op.CVTF2I:
      sil8Table(c, ra, TS.SIL8_CVTF2I);
      return;
    case Op.CMPFLOAT:
      // SIL-8 floats are e^rho: compare the rho values
      a.dynasm`
    ldrb w9, [x19, #${ra}]
    ldrb w10, [x19, #${rb}]
    lsr w9, w9, #4
    lsr w10, w10, #4
    cmp w9, w10
    cset w11, eq
    cset w12, lo
    and w23, w23, #0xfffffffc
    orr w23, w23, w11
    orr w23, w23, w12, lsl #1`;
      return;
  }
  throw new JitCompileError(`the a64 backend has no SIL-8 code for ${ins.info.mnemonic}`, ins.pc);
}

/**
 * NEGFLOAT / ABSFLOAT in SIL-16/32/64: sign-bit operations on the bit pattern, then an explicit canonical NaN
 * (spec 6: a sign flip is not enough). Integer code: |bits| above the infinity pattern is a NaN.
 */
function negAbs(c: A64Context, k: Cls, ra: number, neg: boolean): void {
  const a = c.a;
  if (k === 1) {
    a.dynasm`ldurh w9, [x19, #${ra}]`;
    if (neg) a.dynasm`eor w9, w9, #0x8000`;
    else a.dynasm`and w9, w9, #0x7fff`;
    a.dynasm`
    and w10, w9, #0x7fff
    movz w11, #0x7c00
    cmp w10, w11
    movz w11, #0x7e00
    csel w9, w11, w9, hi
    sturh w9, [x19, #${ra}]`;
  } else if (k === 2) {
    a.dynasm`ldur w9, [x19, #${ra}]`;
    if (neg) a.dynasm`eor w9, w9, #0x80000000`;
    else a.dynasm`and w9, w9, #0x7fffffff`;
    a.dynasm`
    and w10, w9, #0x7fffffff
    movz w11, #0x7f80, lsl #16
    cmp w10, w11
    movz w11, #0x7fc0, lsl #16
    csel w9, w11, w9, hi
    stur w9, [x19, #${ra}]`;
  } else {
    a.dynasm`ldur x9, [x19, #${ra}]`;
    if (neg) a.dynasm`eor x9, x9, #0x8000000000000000`;
    else a.dynasm`and x9, x9, #0x7fffffffffffffff`;
    a.dynasm`
    and x10, x9, #0x7fffffffffffffff
    movz x11, #0x7ff0, lsl #48
    cmp x10, x11
    movz x11, #0x7ff8, lsl #48
    csel x9, x11, x9, hi
    stur x9, [x19, #${ra}]`;
  }
}

/**
 * CVTF2B in SIL-16/32/64 (spec 6): NaN gives NULL; |v| below the null threshold gives NULL; else rho = the
 * number of thresholds T(-7..7) |v| reaches minus 8, theta 8 when negative. The thresholds of table 10.4,
 * rounded up to the value's own format (tables-block.ts), are compared as bit patterns: non-negative
 * floats order like their bits, and a NaN's magnitude bits lie above every threshold, so it is tested first.
 */
function cvtf2b(c: A64Context, k: Cls, ra: number): void {
  const a = c.a;
  if (k === 1) {
    a.dynasm`
    ldurh w9, [x19, #${ra}]
    and w10, w9, #0x7fff
    lsr w13, w9, #15
    add x14, x22, #${TS.RHO_THRESHOLD_F16}
    ldrh w12, [x14, #30]
    movz w11, #0
    movz w15, #0x7c00
    cmp w10, w15
    b.hi 3f
    cmp w10, w12
    b.lo 3f
  1:
    ldrh w12, [x14, w11, uxtw #1]
    cmp w10, w12
    b.lo 2f
    add w11, w11, #1
    cmp w11, #15
    b.lo 1b
  2:
    lsl w11, w11, #4
    orr w11, w11, w13, lsl #3
    strb w11, [x19, #${ra}]
    b 4f
  3:
    strb wzr, [x19, #${ra}]
  4:`;
  } else if (k === 2) {
    a.dynasm`
    ldur w9, [x19, #${ra}]
    and w10, w9, #0x7fffffff
    lsr w13, w9, #31
    add x14, x22, #${TS.RHO_THRESHOLD_F32}
    ldr w12, [x14, #60]
    movz w11, #0
    movz w15, #0x7f80, lsl #16
    cmp w10, w15
    b.hi 3f
    cmp w10, w12
    b.lo 3f
  1:
    ldr w12, [x14, w11, uxtw #2]
    cmp w10, w12
    b.lo 2f
    add w11, w11, #1
    cmp w11, #15
    b.lo 1b
  2:
    lsl w11, w11, #4
    orr w11, w11, w13, lsl #3
    strb w11, [x19, #${ra}]
    b 4f
  3:
    strb wzr, [x19, #${ra}]
  4:`;
  } else {
    a.dynasm`
    ldur x9, [x19, #${ra}]
    and x10, x9, #0x7fffffffffffffff
    lsr x13, x9, #63
    add x14, x22, #${TS.RHO_THRESHOLD_F64}
    ldr x12, [x14, #120]
    movz w11, #0
    movz x15, #0x7ff0, lsl #48
    cmp x10, x15
    b.hi 3f
    cmp x10, x12
    b.lo 3f
  1:
    ldr x12, [x14, w11, uxtw #3]
    cmp x10, x12
    b.lo 2f
    add w11, w11, #1
    cmp w11, #15
    b.lo 1b
  2:
    lsl w11, w11, #4
    orr w11, w11, w13, lsl #3
    strb w11, [x19, #${ra}]
    b 4f
  3:
    strb wzr, [x19, #${ra}]
  4:`;
  }
}

/** The demotions (spec 4.7) from MODE `mode` to the instruction's target (the compiler gives the exact MODE). */
export function emitDemotion(c: A64Context, ins: JitInstruction, mode: number): void {
  const a = c.a;
  const m = ins.b2;
  if (mode <= m) return; // m >= MODE: nothing
  const t = MODE_LAYERS[m]!;
  const kk = MODE_LAYERS[mode]! / t;
  switch (ins.op) {
    case Op.DEMOTE:
    case Op.XORDEM: {
      // R[i] = bxor chain over the group = XOR of the k members ^ 0x80 (k - 1 is odd): fold halves of the
      // 16-byte register file in two x registers, then ^ 0x80 in every byte.
      a.dynasm`ldp x10, x11, [x19]`;
      for (let w = MODE_LAYERS[mode]!; w > t; w >>= 1) {
        if (w === 16) a.dynasm`eor x10, x10, x11`;
        else if (w === 8) a.dynasm`eor x10, x10, x10, lsr #32`;
        else if (w === 4) a.dynasm`eor x10, x10, x10, lsr #16`;
        else a.dynasm`eor x10, x10, x10, lsr #8`;
      }
      a.dynasm`
    eor x10, x10, #0x8080808080808080
    stp x10, xzr, [x19]`;
      break;
    }
    case Op.TRUNCATE:
      break;
    case Op.AVGDEM: {
      const log2k = Math.log2(kk);
      for (let i = 0; i < t; i++) {
        a.dynasm`
    movz w11, #0
    movz w12, #0`;
        for (let j = 0; j < kk; j++) {
          a.dynasm`
    ldrb w9, [x19, #${i + j * t}]
    add w11, w11, w9, lsr #4
    and w10, w9, #15
    add w12, w12, w10`;
        }
        a.dynasm`
    sub w11, w11, #${8 * kk}
    movz w13, #${kk}
    sdiv w11, w11, w13
    add w11, w11, #8
    lsl w11, w11, #4
    lsr w12, w12, #${log2k}
    orr w9, w11, w12
    strb w9, [x19, #${i}]`;
      }
      break;
    }
    case Op.MAXDEM:
      for (let i = 0; i < t; i++) {
        a.dynasm`
    ldrb w9, [x19, #${i}]
    lsr w11, w9, #4`;
        for (let j = 1; j < kk; j++) {
          a.dynasm`
    ldrb w10, [x19, #${i + j * t}]
    lsr w12, w10, #4
    cmp w12, w11
    csel w9, w10, w9, hi
    csel w11, w12, w11, hi`;
        }
        a.dynasm`strb w9, [x19, #${i}]`;
      }
      break;
  }
  // R[t..15] = NULL; MODE = m; M = 1
  if (t === 8) a.dynasm`str xzr, [x19, #8]`;
  else {
    const mask = t === 1 ? 0xff : t === 2 ? 0xffff : 0xffffffff;
    a.dynasm`
    ldr x10, [x19]
    and x10, x10, #${mask}
    stp x10, xzr, [x19]`;
  }
  a.dynasm`
    movz w27, #${m}
    orr w23, w23, #0x80`;
}
