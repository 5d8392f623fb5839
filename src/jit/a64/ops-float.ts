// A64 code for the float operations that need the FP unit (spec 4.4, 6, 12) in SIL-16/32/64, and DESCENT
// (4.6, binary32). FPCR is set by the prologue: RMode nearest, FZ = FZ16 = 0, DN = 1, so every arithmetic
// result and every FCVT of a NaN is the canonical NaN; there is no fused multiply-add here.
// binary16: loaded with an integer load, moved into s0 (its low half is h0) and widened with FCVT to
// binary64, computed there and narrowed once with FCVT (a single rounding from binary64, as spec 6 wants).
// binary32 is computed in binary32 (correctly rounded, the same as binary64 then one rounding for + - * / sqrt).
import { Op } from '../../../spec/vsp/opcodes.js';
import type { JitInstruction } from '../analysis.js';
import { JitCompileError } from '../backend.js';
import type { A64Context } from './context.js';

/** The width-dependent operations emitFloat compiles for classes 1..3. */
export const FLOAT_OPS: ReadonlySet<number> = new Set([
  Op.ADDFLOAT, Op.SUBFLOAT, Op.MULFLOAT, Op.DIVFLOAT, Op.SQRTFLOAT, Op.FLOORFLOAT, Op.CEILFLOAT,
  Op.CMPFLOAT, Op.CVTI2F, Op.CVTF2I,
]);

/** d0 = the binary16 at Rk as binary64 (exact). */
function loadH(c: A64Context, r: number, d: 0 | 1): void {
  if (d === 0) c.a.dynasm`
    ldurh w9, [x19, #${r}]
    fmov s0, w9
    fcvt d0, h0`;
  else c.a.dynasm`
    ldurh w9, [x19, #${r}]
    fmov s1, w9
    fcvt d1, h1`;
}

/** Stores d0 as binary16 at Rk (one rounding, canonical NaN through DN). */
function storeH(c: A64Context, r: number): void {
  c.a.dynasm`
    fcvt h0, d0
    fmov w9, s0
    sturh w9, [x19, #${r}]`;
}

/** s0 / s1 = the binary32 at Rk. */
function loadS(c: A64Context, r: number, d: 0 | 1): void {
  if (d === 0) c.a.dynasm`
    ldur w9, [x19, #${r}]
    fmov s0, w9`;
  else c.a.dynasm`
    ldur w9, [x19, #${r}]
    fmov s1, w9`;
}

function storeS(c: A64Context, r: number): void {
  c.a.dynasm`
    fmov w9, s0
    stur w9, [x19, #${r}]`;
}

/** d0 / d1 = the binary64 at Rk. */
function loadD(c: A64Context, r: number, d: 0 | 1): void {
  if (d === 0) c.a.dynasm`
    ldur x9, [x19, #${r}]
    fmov d0, x9`;
  else c.a.dynasm`
    ldur x9, [x19, #${r}]
    fmov d1, x9`;
}

function storeD(c: A64Context, r: number): void {
  c.a.dynasm`
    fmov x9, d0
    stur x9, [x19, #${r}]`;
}

/** d0 (and d1) = the operands as binary64, exactly (class 1 and 3; class 2 widens binary32). */
function loadAsDouble(c: A64Context, k: 1 | 2 | 3, r: number, d: 0 | 1): void {
  if (k === 1) loadH(c, r, d);
  else if (k === 3) loadD(c, r, d);
  else {
    loadS(c, r, d);
    if (d === 0) c.a.dynasm`fcvt d0, s0`;
    else c.a.dynasm`fcvt d1, s1`;
  }
}

/** A float operation of spec 4.4 in SIL-16 (k 1), SIL-32 (2) or SIL-64/128 (3). */
export function emitFloat(c: A64Context, ins: JitInstruction, k: 1 | 2 | 3): void {
  const a = c.a;
  const ra = ins.b1 & 15;
  const rb = ins.b1 >> 4;
  const op = ins.op;
  switch (op) {
    case Op.ADDFLOAT:
    case Op.SUBFLOAT:
    case Op.MULFLOAT:
    case Op.DIVFLOAT:
      if (k === 2) {
        loadS(c, ra, 0);
        loadS(c, rb, 1);
        if (op === Op.ADDFLOAT) a.dynasm`fadd s0, s0, s1`;
        else if (op === Op.SUBFLOAT) a.dynasm`fsub s0, s0, s1`;
        else if (op === Op.MULFLOAT) a.dynasm`fmul s0, s0, s1`;
        else a.dynasm`fdiv s0, s0, s1`;
        storeS(c, ra);
      } else {
        loadAsDouble(c, k, ra, 0);
        loadAsDouble(c, k, rb, 1);
        if (op === Op.ADDFLOAT) a.dynasm`fadd d0, d0, d1`;
        else if (op === Op.SUBFLOAT) a.dynasm`fsub d0, d0, d1`;
        else if (op === Op.MULFLOAT) a.dynasm`fmul d0, d0, d1`;
        else a.dynasm`fdiv d0, d0, d1`;
        if (k === 1) storeH(c, ra);
        else storeD(c, ra);
      }
      return;
    case Op.SQRTFLOAT:
    case Op.FLOORFLOAT:
    case Op.CEILFLOAT:
      if (k === 2) {
        loadS(c, ra, 0);
        if (op === Op.SQRTFLOAT) a.dynasm`fsqrt s0, s0`;
        else if (op === Op.FLOORFLOAT) a.dynasm`frintm s0, s0`;
        else a.dynasm`frintp s0, s0`;
        storeS(c, ra);
      } else {
        loadAsDouble(c, k, ra, 0);
        if (op === Op.SQRTFLOAT) a.dynasm`fsqrt d0, d0`;
        else if (op === Op.FLOORFLOAT) a.dynasm`frintm d0, d0`;
        else a.dynasm`frintp d0, d0`;
        if (k === 1) storeH(c, ra);
        else storeD(c, ra);
      }
      return;
    case Op.CMPFLOAT:
      // A, B exactly as binary64; d = A - B rounded once; Z = (A == B or |d| < 2^-52), N = A < B; an
      // unordered compare sets neither (FCMP gives NZCV = 0011: eq and mi are both false).
      loadAsDouble(c, k, ra, 0);
      loadAsDouble(c, k, rb, 1);
      a.dynasm`
    fcmp d0, d1
    cset w11, eq
    cset w12, mi
    fsub d2, d0, d1
    fabs d2, d2
    movz x9, #0x3cb0, lsl #48
    fmov d3, x9
    fcmp d2, d3
    cset w13, mi
    orr w11, w11, w13
    and w23, w23, #0xfffffffc
    orr w23, w23, w11
    orr w23, w23, w12, lsl #1`;
      return;
    case Op.CVTI2F:
      // the integer rounded once to the mode's float (binary16 through an exact binary64)
      if (k === 1) {
        a.dynasm`
    ldursh w9, [x19, #${ra}]
    scvtf d0, w9`;
        storeH(c, ra);
      } else if (k === 2) {
        a.dynasm`
    ldur w9, [x19, #${ra}]
    scvtf s0, w9`;
        storeS(c, ra);
      } else {
        a.dynasm`
    ldur x9, [x19, #${ra}]
    scvtf d0, x9`;
        storeD(c, ra);
      }
      return;
    case Op.CVTF2I:
      // truncate, saturate to int64, NaN gives 0 (FCVTZS does all three), then wrap to the mode's width
      if (k === 2) {
        loadS(c, ra, 0);
        a.dynasm`fcvtzs x9, s0`;
      } else {
        loadAsDouble(c, k, ra, 0);
        a.dynasm`fcvtzs x9, d0`;
      }
      if (k === 1) a.dynasm`sturh w9, [x19, #${ra}]`;
      else if (k === 2) a.dynasm`stur w9, [x19, #${ra}]`;
      else a.dynasm`stur x9, [x19, #${ra}]`;
      return;
  }
  throw new JitCompileError(`the a64 backend has no FP code for ${ins.info.mnemonic}`, ins.pc);
}

/**
 * DESCENT (spec 4.6): with a gradient, in binary32: lr = f32(imm) / 255, p = lr * g[a], v = f32(ra) - p, each
 * rounded separately (no FMA); clamp to [-8, 7], truncate; Ra = byte(v, ta). A NaN v gives rho -8 (what the
 * reference's trunc(NaN) + 8 << 4 produces).
 */
export function emitDescent(c: A64Context, ins: JitInstruction): void {
  const ra = ins.b1 & 15;
  c.a.dynasm`
    ldr w9, [x19, #0x44]
    cbz w9, 3f
    ldrb w9, [x19, #${ra}]
    ldr w10, [x19, #${0x80 + 4 * ra}]
    fmov s1, w10
    movz w11, #${ins.b2}
    scvtf s2, w11
    movz w11, #255
    scvtf s3, w11
    fdiv s2, s2, s3
    fmul s2, s2, s1
    lsr w12, w9, #4
    sub w12, w12, #8
    scvtf s4, w12
    fsub s4, s4, s2
    movz w13, #0
    fcmp s4, s4
    b.vs 2f
    fcvtzs w13, s4
    movz w14, #7
    cmp w13, w14
    csel w13, w13, w14, le
    movn w14, #7
    cmp w13, w14
    csel w13, w13, w14, ge
    add w13, w13, #8
    lsl w13, w13, #4
  2:
    and w12, w9, #15
    orr w9, w13, w12
    strb w9, [x19, #${ra}]
  3:`;
}
