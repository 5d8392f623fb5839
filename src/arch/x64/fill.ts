// Fill time: an instruction as compiled into a plan, and the routine that encodes it for one call.
// The plan keeps the operand values known at plan time in a State; each fill writes the interpolated
// ones into their slots (register numbers, immediates, address parts), picks the first candidate form
// whose conditions hold (candidates are sorted shortest first, so this is GNU as's choice) and encodes
// it. Typed arrays, no allocation per instruction. Constant instructions go through the same routine
// once, when the plan is built.

import { ErrorCodes, OperandError, type ErrorCode } from '../../../dsl/errors.js';
import type { CodeBuffer } from '../../runtime/buffer.js';
import { EF, encode, encodeGeneric, encodeRM, encodeRR, immBytes, immFits, immRanges, modrmMem, SHAPE, State, type EncInfo } from './encoders.js';
import type { OpType } from './forms.js';
import { C, COND_STRIDE, describeType } from './matcher.js';
import type { X64Reg } from './registers.js';
import type { Mem } from './mem.js';

/** Hole kinds (what an interpolated value fills). */
export const H = {
  REG: 1,
  IMM: 2,
  BASE: 3,
  INDEX: 4,
  SCALE: 5,
  DISP: 6,
  DISP_NEG: 7,
  MEMOBJ: 8,
} as const;

export class X64Cand {
  /** Bytes after the displacement (immediates and relative field). */
  readonly tail: number;
  /**
   * Fill-time conditions, stride 3: code (C), operand, and for C.IMM the type (bits | sext << 8 |
   * osz << 16), for C.REG the register number. `range` (stride 2): C.IMM's fast range [lo, hi] (the
   * type's first range; a value outside it gets the exact check).
   */
  readonly conds: Int32Array;
  readonly range: Float64Array;
  /** Set by X64Insn: the immediate predicates (bits of X64Insn.preds) this candidate needs. */
  need = 0;
  /** Set by X64Insn: its other conditions (register equal, immediate is 1), stride 3 as `conds`. */
  other: Int32Array = new Int32Array(0);
  constructor(
    readonly enc: EncInfo,
    conds: Int32Array,
  ) {
    this.tail = immBytes(enc.form);
    const n = conds.length / COND_STRIDE;
    this.conds = new Int32Array(n * 3);
    this.range = new Float64Array(n * 4);
    for (let i = 0; i < n; i++) {
      const c = conds.subarray(i * COND_STRIDE, (i + 1) * COND_STRIDE);
      this.conds[i * 3] = c[0];
      this.conds[i * 3 + 1] = c[1];
      if (c[0] === C.IMM) {
        // Both ranges (the second is the high spelling, e.g. 0xffffff80..0xffffffff for simm8 in 32 bits),
        // or an empty second; exact as doubles for the safe integers the fast path takes.
        const rs = immRanges({ bits: c[2], sext: c[3] === 1 } as OpType, c[4]);
        this.range[i * 4] = Number(rs[0][0]);
        this.range[i * 4 + 1] = Number(rs[0][1]);
        this.range[i * 4 + 2] = rs.length > 1 ? Number(rs[1][0]) : 1;
        this.range[i * 4 + 3] = rs.length > 1 ? Number(rs[1][1]) : 0;
        this.conds[i * 3 + 2] = c[2] | (c[3] << 8) | (c[4] << 16);
      } else this.conds[i * 3 + 2] = c[2]; // C.REG: the register number; C.ONE: the constant
    }
  }
}

let chosenTail = 0;

/** One instruction of a plan. */
export class X64Insn {
  /** Interpolated registers and immediates: pairs (arg, operand index). */
  readonly regHoles: Int32Array;
  readonly immHoles: Int32Array;
  /** Interpolated address parts: pairs (H kind, arg). */
  readonly memHoles: Int32Array;
  readonly nHoles: number;
  /** The single candidate when there is one without conditions (the common case), else null. */
  readonly only: X64Cand | null;

  constructor(
    readonly cands: readonly X64Cand[],
    /** Holes: stride 3 (arg, H kind, operand index). */
    holes: Int32Array,
    /** Operand values known at plan time; holes overwrite their slots at fill time. */
    readonly st: State,
    /** Constant part of the displacement (when there are displacement holes). */
    readonly constDisp: number,
    /** The displacement is computed per fill (displacement holes or a Mem object). */
    readonly dynDisp: boolean,
    /** 1-based operand index of the memory operand (messages). */
    readonly memOperand: number,
    /** `[rip + label]` with candidates of different immediate sizes: record the field's distance from the end. */
    readonly ripTail: boolean,
  ) {
    const r: number[] = [];
    const im: number[] = [];
    const m: number[] = [];
    for (let i = 0; i < holes.length; i += 3) {
      if (holes[i + 1] === H.REG) r.push(holes[i], holes[i + 2]);
      else if (holes[i + 1] === H.IMM) im.push(holes[i], holes[i + 2]);
      else m.push(holes[i + 1], holes[i]);
    }
    this.regHoles = new Int32Array(r);
    this.immHoles = new Int32Array(im);
    this.memHoles = new Int32Array(m);
    let base = -1;
    let index = -1;
    let scale = -1;
    let obj = -1;
    const disp: number[] = [];
    for (let i = 0; i < m.length; i += 2) {
      if (m[i] === H.BASE) base = m[i + 1];
      else if (m[i] === H.INDEX) index = m[i + 1];
      else if (m[i] === H.SCALE) scale = m[i + 1];
      else if (m[i] === H.MEMOBJ) obj = m[i + 1];
      else disp.push(m[i + 1], m[i] === H.DISP ? 0 : 1);
    }
    this.mBase = base;
    this.mIndex = index;
    this.mScale = scale;
    this.mObj = obj;
    this.dispHoles = new Int32Array(disp);
    this.nHoles = holes.length / 3;
    this.only = cands.length === 1 && cands[0].conds.length === 0 ? cands[0] : null;
    // Distinct immediate predicates over all candidates: each is checked once per fill.
    const keys: string[] = [];
    const preds: number[] = [];
    const ranges: number[] = [];
    for (const c of cands) {
      const other: number[] = [];
      for (let i = 0, j = 0; i < c.conds.length; i += 3, j += 4) {
        if (c.conds[i] !== C.IMM) {
          other.push(c.conds[i], c.conds[i + 1], c.conds[i + 2]);
          continue;
        }
        const key = `${c.conds[i + 1]}:${c.conds[i + 2]}`;
        let b = keys.indexOf(key);
        if (b < 0) {
          b = keys.length;
          keys.push(key);
          preds.push(c.conds[i + 1], c.conds[i + 2]);
          ranges.push(c.range[j], c.range[j + 1], c.range[j + 2], c.range[j + 3]);
        }
        c.need |= 1 << b;
      }
      c.other = new Int32Array(other);
    }
    if (keys.length > 30) throw new Error('x64: too many immediate predicates');
    this.preds = new Int32Array(preds);
    this.predRange = new Float64Array(ranges);
    // Fast path (emitFast): one candidate of a legacy ModRM form (8-bit registers allowed), register holes
    // in its ModRM.reg / ModRM.rm operands, address holes (base, index, displacement, Mem object: not
    // scale, not rip) and at most one immediate, a number: a hole whose only condition is its range, or
    // a constant without conditions.
    const c = cands.length === 1 ? cands[0] : null;
    const e = c !== null ? c.enc : null;
    let kind: number = e !== null && c!.other.length === 0 && e.imm1Size <= 4 && !(e.mem && st.rip) && e.iR !== e.iM ? e.byteShape : SHAPE.GENERIC;
    let argR = -1;
    let argM = -1;
    for (let i = 0; kind !== SHAPE.GENERIC && i < r.length; i += 2) {
      if (r[i + 1] === e!.iR) argR = r[i];
      else if (kind === SHAPE.RR && r[i + 1] === e!.iM) argM = r[i];
      else kind = SHAPE.GENERIC;
    }
    if (kind === SHAPE.RR && m.length !== 0) kind = SHAPE.GENERIC;
    for (let i = 0; kind !== SHAPE.GENERIC && i < m.length; i += 2) if (m[i] === H.SCALE) kind = SHAPE.GENERIC;
    let argI = -1;
    if (kind !== SHAPE.GENERIC) {
      if (im.length !== 0) {
        if (im.length === 2 && im[1] === e!.imm1 && (preds.length === 0 || (preds.length === 2 && preds[0] === e!.imm1))) argI = im[0];
        else kind = SHAPE.GENERIC;
      } else if (preds.length !== 0 || (e!.imm1Size !== 0 && st.immNum[e!.imm1] !== 1)) kind = SHAPE.GENERIC;
    }
    this.fast = kind;
    // The plain cases keep their own shorter paths: no immediate, no 8-bit register, no Mem object.
    this.plain = kind !== SHAPE.GENERIC && e!.imm1Size === 0 && e!.byteMask === 0 && this.mObj < 0 ? kind : SHAPE.GENERIC;
    this.argR = argR;
    this.argM = argM;
    this.argI = argI;
    this.byteR = e !== null && e.iR >= 0 && ((e.byteMask >> e.iR) & 1) === 1;
    this.byteM = e !== null && !e.mem && e.iM >= 0 && ((e.byteMask >> e.iM) & 1) === 1;
    // What the fast paths read, copied here from the candidate's EncInfo and the State's constant slots
    // (one object to visit per fill instead of five).
    this.head = e !== null ? e.head : 0;
    this.headLen = e !== null ? e.headLen : 0;
    this.opw = e !== null ? e.opw : 0;
    this.opLen = e !== null ? e.opLen : 0;
    this.rexW = e !== null ? e.rexW : 0;
    this.regConst = e === null ? 0 : e.iR >= 0 ? st.reg[e.iR] : e.digit;
    this.rmConst = e !== null && e.iM >= 0 ? st.reg[e.iM] : 0;
    this.immSize = e !== null ? e.imm1Size : 0;
    this.immConst = e !== null && e.imm1 >= 0 && st.immNum[e.imm1] === 1 ? st.immN[e.imm1] : 0;
    const hasRange = argI >= 0 && preds.length !== 0;
    this.immLo = hasRange ? ranges[0] : -Infinity;
    this.immHi = hasRange ? ranges[1] : Infinity;
    this.immLo2 = hasRange ? ranges[2] : 1;
    this.immHi2 = hasRange ? ranges[3] : 0;
    this.cBase = st.base;
    this.cIndex = st.index;
    this.cScale = st.scale;
    this.cDisp = st.disp;
    this.sel = cands.length > 1 && im.length === 2 ? Selection.of(cands, holes, st, constDisp, dynDisp, memOperand, ripTail, im[0], im[1]) : null;
  }

  /** Several candidates chosen by one immediate hole, each encodable by emitFast (emitSelected), else null. */
  readonly sel: Selection | null;

  /** Fast-path copies (see the constructor): prefix and opcode bytes, REX.W, constant ModRM registers. */
  readonly head: number;
  readonly headLen: number;
  readonly opw: number;
  readonly opLen: number;
  readonly rexW: number;
  readonly regConst: number;
  readonly rmConst: number;
  /** The immediate's size (0: none), its value when constant, its fast ranges when a hole. */
  readonly immSize: number;
  readonly immConst: number;
  readonly immLo: number;
  readonly immHi: number;
  readonly immLo2: number;
  readonly immHi2: number;
  /** The constant address parts. */
  readonly cBase: number;
  readonly cIndex: number;
  readonly cScale: number;
  readonly cDisp: number;

  /** emitFast applies: SHAPE.RR or SHAPE.RM (else SHAPE.GENERIC). */
  readonly fast: number;
  /** The same for the cases without immediate, 8-bit register or Mem object, which emitInsn encodes itself. */
  readonly plain: number;
  /** The arguments of the ModRM.reg and ModRM.rm registers and of the immediate (−1: constant / none). */
  readonly argR: number;
  readonly argM: number;
  readonly argI: number;
  /** The ModRM.reg / ModRM.rm operand is an 8-bit register (spl..dil need an empty REX). */
  readonly byteR: boolean;
  readonly byteM: boolean;
  /** Address holes: the argument of the base, index, scale and Mem object (−1 none), displacement terms (arg, negated). */
  readonly mBase: number;
  readonly mIndex: number;
  readonly mScale: number;
  readonly mObj: number;
  readonly dispHoles: Int32Array;
  /** Immediate predicates: pairs (operand, type), with their fast ranges (stride 4). */
  readonly preds: Int32Array;
  readonly predRange: Float64Array;
}

/**
 * The choice among several candidates that differ only in how one interpolated immediate fits (`shl r, 1` /
 * `shl r, imm8`, `and r, simm8` / `and rax, simm32` / `and r, simm32`, `mov r64, simm32` / `imm64`), in
 * terms of the arguments: per candidate its immediate range, the constant it must equal (C.ONE) and the
 * register argument that must have a number (C.REG), and a single-candidate X64Insn that encodes it with
 * emitFast (the operands those conditions fix are not encoded, so they are no holes there), or null for
 * a candidate emitFast cannot encode (imm64, fixed-register forms): the general path then encodes it.
 */
class Selection {
  private constructor(
    /** The immediate's argument. */
    readonly arg: number,
    /** Per candidate: its emitFast encoding, or null (then the general path encodes it). */
    readonly subs: readonly (X64Insn | null)[],
    /** Per candidate (stride 4): the immediate's two ranges (empty [1, 0] when the candidate has no range). */
    readonly range: Float64Array,
    /** Per candidate: 1 when the range applies. */
    readonly hasRange: Uint8Array,
    /** Per candidate: the value the immediate must equal (C.ONE), NaN for none. */
    readonly one: Float64Array,
    /** Per candidate: the argument whose register number must equal regNum (−1: none). */
    readonly regArg: Int32Array,
    readonly regNum: Int32Array,
  ) {}

  /** The selection for these candidates, or null when some condition or some candidate does not fit it. */
  static of(cands: readonly X64Cand[], holes: Int32Array, st: State, constDisp: number, dynDisp: boolean, memOperand: number, ripTail: boolean, arg: number, immOp: number): Selection | null {
    const n = cands.length;
    const subs: (X64Insn | null)[] = [];
    const range = new Float64Array(n * 4);
    const hasRange = new Uint8Array(n);
    const one = new Float64Array(n).fill(NaN);
    const regArg = new Int32Array(n).fill(-1);
    const regNum = new Int32Array(n);
    for (let c = 0; c < n; c++) {
      const k = cands[c].conds;
      const fixed: number[] = [];
      for (let i = 0, j = 0; i < k.length; i += 3, j += 4) {
        const op = k[i + 1];
        if (k[i] === C.IMM) {
          if (op !== immOp || hasRange[c] === 1) return null;
          hasRange[c] = 1;
          for (let q = 0; q < 4; q++) range[c * 4 + q] = cands[c].range[j + q];
        } else if (k[i] === C.ONE) {
          if (op !== immOp || one[c] === one[c]) return null;
          one[c] = k[i + 2];
          fixed.push(op);
        } else {
          let a = -1;
          for (let h = 0; h < holes.length; h += 3) if (holes[h + 1] === H.REG && holes[h + 2] === op) a = holes[h];
          if (a < 0 || regArg[c] >= 0) return null;
          regArg[c] = a;
          regNum[c] = k[i + 2];
          fixed.push(op);
        }
      }
      if (hasRange[c] === 0) {
        range[c * 4] = 1;
        range[c * 4 + 2] = 1;
      }
      const sh: number[] = [];
      for (let h = 0; h < holes.length; h += 3) {
        if ((holes[h + 1] === H.REG || holes[h + 1] === H.IMM) && fixed.includes(holes[h + 2])) continue;
        sh.push(holes[h], holes[h + 1], holes[h + 2]);
      }
      const sub = new X64Insn([new X64Cand(cands[c].enc, new Int32Array(0))], new Int32Array(sh), st, constDisp, dynDisp, memOperand, ripTail);
      subs.push(sub.fast !== SHAPE.GENERIC ? sub : null);
    }
    return subs.some((x) => x !== null) ? new Selection(arg, subs, range, hasRange, one, regArg, regNum) : null;
  }
}

/**
 * emitInsn for an instruction with a Selection and a safe-integer immediate: the first candidate whose
 * conditions hold (select's choice: the same conditions, exact for safe integers), encoded by emitFast.
 * False (nothing written) when the value is no safe integer or emitFast declines: the general path decides.
 */
function emitSelected(sel: Selection, args: readonly unknown[], buf: CodeBuffer): boolean {
  const v = args[sel.arg];
  if (typeof v !== 'number' || Math.floor(v) !== v || v < -9007199254740991 || v > 9007199254740991) return false;
  const subs = sel.subs;
  const r = sel.range;
  for (let c = 0; c < subs.length; c++) {
    if (sel.hasRange[c] === 1) {
      const j = c << 2;
      if (!((v >= r[j] && v <= r[j + 1]) || (v >= r[j + 2] && v <= r[j + 3]))) continue;
    }
    const o = sel.one[c];
    if (o === o && v !== o) continue;
    const ra = sel.regArg[c];
    if (ra >= 0 && (args[ra] as X64Reg).num !== sel.regNum[c]) continue;
    const sub = subs[c];
    return sub !== null && emitFast(sub, args, buf);
  }
  return false;
}

/** Bit mask of the immediate predicates of `ins` that hold for the current values. */
function predMask(ins: X64Insn, st: State): number {
  const p = ins.preds;
  const r = ins.predRange;
  let ok = 0;
  for (let i = 0, j = 0, b = 1; i < p.length; i += 2, j += 4, b <<= 1) {
    const k = p[i];
    if (st.immNum[k] === 1) {
      const v = st.immN[k];
      // Safe integers are decided by the ranges; anything else takes the exact check.
      if (Math.floor(v) === v && v >= -9007199254740991 && v <= 9007199254740991) {
        if ((v >= r[j] && v <= r[j + 1]) || (v >= r[j + 2] && v <= r[j + 3])) ok |= b;
        continue;
      }
    }
    const t = p[i + 1];
    if (immFits(st.imm(k), t & 255, ((t >> 8) & 1) === 1, t >>> 16)) ok |= b;
  }
  return ok;
}

/** The candidate's register and one-conditions hold. */
function otherHold(c: Int32Array, st: State): boolean {
  for (let i = 0; i < c.length; i += 3) {
    const k = c[i + 1];
    if (c[i] === C.REG) {
      if (st.reg[k] !== c[i + 2]) return false;
    } else {
      const v = st.imm(k);
      if (v !== c[i + 2] && v !== BigInt(c[i + 2])) return false;
    }
  }
  return true;
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

function fail(code: ErrorCode, operand: number, detail: string, expected: string, actual: string): OperandError {
  return new OperandError(code, detail, { operand, expected, actual });
}

function showValue(v: unknown): string {
  if (typeof v === 'bigint') return String(v);
  if (typeof v === 'number') return String(v);
  if (v === null) return 'null';
  if (typeof v === 'object') return String(v);
  return `${typeof v} ${String(v)}`;
}

/** Writes the address holes of `ins` into its State. Throws on a bad scale or displacement. */
const TWO53 = 9007199254740992;
const BIG_LO = -(1n << 40n);
const BIG_HI = 1n << 40n;
const BIG_NEG_LO = (1n << 64n) - (1n << 40n);
const BIG_64 = 1n << 64n;

/** A displacement term as a number, or NaN if it is not a usable integer. */
function dispValue(v: unknown): number {
  if (typeof v === 'number') return Number.isInteger(v) && v < TWO53 && v > -TWO53 ? v : NaN;
  if (typeof v === 'bigint') {
    if (v >= BIG_LO && v <= BIG_HI) return Number(v);
    if (v >= BIG_NEG_LO && v < BIG_64) return Number(v - BIG_64); // the 64-bit spelling of a negative
  }
  return NaN;
}

/** Writes the address holes of `ins` into its State. Throws on a bad scale or displacement. */
function readMemHoles(ins: X64Insn, args: readonly unknown[]): void {
  const st = ins.st;
  if (ins.mBase >= 0) st.base = (args[ins.mBase] as X64Reg).num;
  if (ins.mIndex >= 0) st.index = (args[ins.mIndex] as X64Reg).num;
  if (ins.mScale >= 0) {
    const v = args[ins.mScale];
    if (v !== 1 && v !== 2 && v !== 4 && v !== 8) throw fail(ErrorCodes.RANGE, ins.memOperand, `scale \${${ins.mScale}} = ${showValue(v)} is not 1, 2, 4 or 8`, '1, 2, 4, 8', showValue(v));
    st.scale = v;
  }
  if (!ins.dynDisp) return;
  let disp = ins.constDisp;
  if (ins.mObj >= 0) {
    const m = args[ins.mObj] as Mem;
    st.base = m.base !== null ? m.base.num : -1;
    st.index = m.index !== null ? m.index.num : -1;
    st.scale = m.scale;
    disp += m.disp;
  }
  const dh = ins.dispHoles;
  for (let i = 0; i < dh.length; i += 2) {
    const v = args[dh[i]];
    const d = dispValue(v);
    if (d !== d) throw fail(ErrorCodes.RANGE, ins.memOperand, `displacement \${${dh[i]}} = ${showValue(v)} is not a signed 32-bit integer`, '-2147483648..2147483647', showValue(v));
    disp += dh[i + 1] === 0 ? d : -d;
  }
  if (disp < INT32_MIN || disp > INT32_MAX) throw fail(ErrorCodes.RANGE, ins.memOperand, `displacement ${disp} does not fit a signed 32-bit field`, '-2147483648..2147483647', String(disp));
  st.disp = disp;
}

/**
 * Encodes `ins` with `args` at `u8[p]`; returns the end position. Throws an OperandError when no
 * candidate accepts the values.
 */
export function encodeInsn(ins: X64Insn, args: readonly unknown[], u8: Uint8Array, p: number): number {
  readHoles(ins, args);
  const c = ins.only ?? select(ins);
  const end = encode(c.enc, ins.st, u8, p);
  if (end < 0) throw encodeFailure(ins, c, end);
  chosenTail = c.tail;
  return end;
}

/** Writes the interpolated values of `ins` into its State. */
function readHoles(ins: X64Insn, args: readonly unknown[]): void {
  if (ins.nHoles === 0) return;
  const st = ins.st;
  const rh = ins.regHoles;
  for (let i = 0; i < rh.length; i += 2) st.reg[rh[i + 1]] = (args[rh[i]] as X64Reg).num;
  const ih = ins.immHoles;
  for (let i = 0; i < ih.length; i += 2) st.setImm(ih[i + 1], args[ih[i]]);
  if (ins.memHoles.length !== 0) readMemHoles(ins, args);
}

/** The first candidate whose conditions hold (shortest first), or throws why none does. */
function select(ins: X64Insn): X64Cand {
  const st = ins.st;
  const cs = ins.cands;
  const ok = ins.preds.length !== 0 ? predMask(ins, st) : 0;
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i];
    if ((ok & c.need) === c.need && (c.other.length === 0 || otherHold(c.other, st))) return c;
  }
  throw explain(ins);
}

let ripBack = 4;

/** The rip-relative field's distance from the end of the instruction last emitted (Arch.refBack). */
export function lastRipBack(): number {
  return ripBack;
}

/**
 * The fast path of emitInsn (X64Insn.fast): prefixes, REX, opcode, ModRM (SIB, displacement), immediate,
 * straight from the arguments, nothing stored in the State. Returns false (nothing written) when the
 * immediate is not a number in its fast range: the general path then decides (bigints, errors).
 */
function emitFast(ins: X64Insn, args: readonly unknown[], buf: CodeBuffer): boolean {
  let imm = ins.immConst;
  const n = ins.immSize;
  if (ins.argI >= 0) {
    const v = args[ins.argI];
    if (typeof v !== 'number' || !((v >= ins.immLo && v <= ins.immHi) || (v >= ins.immLo2 && v <= ins.immHi2)) || Math.floor(v) !== v) return false;
    imm = v;
  }
  const regF = ins.argR >= 0 ? (args[ins.argR] as X64Reg).num : ins.regConst;
  // spl, bpl, sil, dil (8-bit registers 4..7) exist only with a REX prefix.
  let rex = ins.rexW | ((regF >> 3) << 2) | (ins.byteR && regF >= 4 && regF < 8 ? 0x40 : 0);
  const u8 = buf.u8;
  let p = buf.pos;
  if (ins.fast === SHAPE.RR) {
    const rm = ins.argM >= 0 ? (args[ins.argM] as X64Reg).num : ins.rmConst;
    rex |= (rm >> 3) | (ins.byteM && rm >= 4 && rm < 8 ? 0x40 : 0);
    for (let k = ins.headLen, h = ins.head; k > 0; k--, h >>>= 8) u8[p++] = h;
    if (rex !== 0) u8[p++] = 0x40 | rex;
    for (let k = ins.opLen, w = ins.opw; k > 0; k--, w >>>= 8) u8[p++] = w;
    u8[p++] = 0xc0 | ((regF & 7) << 3) | (rm & 7);
  } else {
    let base = ins.mBase >= 0 ? (args[ins.mBase] as X64Reg).num : ins.cBase;
    let index = ins.mIndex >= 0 ? (args[ins.mIndex] as X64Reg).num : ins.cIndex;
    let scale = ins.cScale;
    let disp = ins.cDisp;
    if (ins.dynDisp) {
      disp = ins.constDisp;
      if (ins.mObj >= 0) {
        const m = args[ins.mObj] as Mem;
        base = m.base !== null ? m.base.num : -1;
        index = m.index !== null ? m.index.num : -1;
        scale = m.scale;
        disp += m.disp;
      }
      const dh = ins.dispHoles;
      for (let i = 0; i < dh.length; i += 2) {
        const v = args[dh[i]];
        const d = typeof v === 'number' && (v | 0) === v ? v : dispValue(v);
        if (d !== d) throw fail(ErrorCodes.RANGE, ins.memOperand, `displacement \${${dh[i]}} = ${showValue(v)} is not a signed 32-bit integer`, '-2147483648..2147483647', showValue(v));
        disp += dh[i + 1] === 0 ? d : -d;
      }
      if (disp < INT32_MIN || disp > INT32_MAX) throw fail(ErrorCodes.RANGE, ins.memOperand, `displacement ${disp} does not fit a signed 32-bit field`, '-2147483648..2147483647', String(disp));
    }
    if (index === 4) {
      if (scale === 1 && base !== 4 && base >= 0) {
        index = base;
        base = 4;
      } else throw encodeFailure(ins, ins.cands[0], EF.INDEX_RSP);
    }
    rex |= (index >= 0 ? (index >> 3) << 1 : 0) | (base >= 0 ? base >> 3 : 0);
    for (let k = ins.headLen, h = ins.head; k > 0; k--, h >>>= 8) u8[p++] = h;
    if (rex !== 0) u8[p++] = 0x40 | rex;
    for (let k = ins.opLen, w = ins.opw; k > 0; k--, w >>>= 8) u8[p++] = w;
    p = modrmMem(u8, p, (regF & 7) << 3, base, index, scale, disp);
  }
  if (n !== 0) {
    const lo = imm | 0;
    u8[p++] = lo;
    if (n >= 2) {
      u8[p++] = lo >> 8;
      if (n === 4) {
        u8[p++] = lo >> 16;
        u8[p++] = lo >> 24;
      }
    }
  }
  buf.pos = p;
  return true;
}

/** Emits a dynamic instruction at `buf.pos`. */
export function emitInsn(ins: X64Insn, args: readonly unknown[], buf: CodeBuffer): void {
  const plain = ins.plain;
  if (plain === SHAPE.RR) {
    // add/sub/mov/imul/… between registers: prefixes, REX, opcode, ModRM — nothing stored in the State.
    const e = ins.cands[0].enc;
    const st = ins.st;
    const regF = ins.argR >= 0 ? (args[ins.argR] as X64Reg).num : e.iR >= 0 ? st.reg[e.iR] : e.digit;
    const rm = ins.argM >= 0 ? (args[ins.argM] as X64Reg).num : st.reg[e.iM];
    const u8 = buf.u8;
    let p = buf.pos;
    const rex = e.rexW | ((regF >> 3) << 2) | (rm >> 3);
    for (let n = e.headLen, h = e.head; n > 0; n--, h >>>= 8) u8[p++] = h;
    if (rex !== 0) u8[p++] = 0x40 | rex;
    for (let n = e.opLen, w = e.opw; n > 0; n--, w >>>= 8) u8[p++] = w;
    u8[p++] = 0xc0 | ((regF & 7) << 3) | (rm & 7);
    buf.pos = p;
    return;
  }
  if (plain === SHAPE.RM) {
    // mov r, [b + d], lea, mov [b + d], r …
    const e = ins.cands[0].enc;
    const st = ins.st;
    const regF = ins.argR >= 0 ? (args[ins.argR] as X64Reg).num : e.iR >= 0 ? st.reg[e.iR] : e.digit;
    let base = ins.mBase >= 0 ? (args[ins.mBase] as X64Reg).num : st.base;
    let index = ins.mIndex >= 0 ? (args[ins.mIndex] as X64Reg).num : st.index;
    let disp = st.disp;
    const dh = ins.dispHoles;
    if (dh.length !== 0) {
      disp = ins.constDisp;
      for (let i = 0; i < dh.length; i += 2) {
        const v = args[dh[i]];
        const d = typeof v === 'number' && (v | 0) === v ? v : dispValue(v);
        if (d !== d) throw fail(ErrorCodes.RANGE, ins.memOperand, `displacement \${${dh[i]}} = ${showValue(v)} is not a signed 32-bit integer`, '-2147483648..2147483647', showValue(v));
        disp += dh[i + 1] === 0 ? d : -d;
      }
      if (disp < INT32_MIN || disp > INT32_MAX) throw fail(ErrorCodes.RANGE, ins.memOperand, `displacement ${disp} does not fit a signed 32-bit field`, '-2147483648..2147483647', String(disp));
    }
    const scale = st.scale;
    if (index === 4) {
      if (scale === 1 && base !== 4 && base >= 0) {
        index = base;
        base = 4;
      } else throw encodeFailure(ins, ins.cands[0], EF.INDEX_RSP);
    }
    const u8 = buf.u8;
    let p = buf.pos;
    const rex = e.rexW | ((regF >> 3) << 2) | (index >= 0 ? (index >> 3) << 1 : 0) | (base >= 0 ? base >> 3 : 0);
    for (let n = e.headLen, h = e.head; n > 0; n--, h >>>= 8) u8[p++] = h;
    if (rex !== 0) u8[p++] = 0x40 | rex;
    for (let n = e.opLen, w = e.opw; n > 0; n--, w >>>= 8) u8[p++] = w;
    buf.pos = modrmMem(u8, p, (regF & 7) << 3, base, index, scale, disp);
    return;
  }
  if (ins.fast !== SHAPE.GENERIC && emitFast(ins, args, buf)) return;
  if (ins.sel !== null && emitSelected(ins.sel, args, buf)) return;
  readHoles(ins, args);
  const c = ins.only ?? select(ins);
  // The shape dispatch is here rather than in encode(): one call less on the hot path.
  const e = c.enc;
  const sh = e.shape;
  const end = sh === SHAPE.RR ? encodeRR(e, ins.st, buf.u8, buf.pos) : sh === SHAPE.RM ? encodeRM(e, ins.st, buf.u8, buf.pos) : encodeGeneric(e, ins.st, buf.u8, buf.pos);
  if (end < 0) throw encodeFailure(ins, c, end);
  buf.pos = end;
  if (ins.ripTail) ripBack = 4 + c.tail;
}

function encodeFailure(ins: X64Insn, c: X64Cand, code: number): OperandError {
  if (code === EF.HIGH_REX) {
    const ops: number[] = [];
    for (let i = 0, m = c.enc.highMask; m; i++, m >>= 1) if (m & 1) ops.push(i + 1);
    return fail(ErrorCodes.REGCLASS, ops[0] ?? 1, "ah, bh, ch and dh cannot be encoded in an instruction that needs a REX prefix (a register r8..r15, spl, bpl, sil, dil or a 64-bit operand)", 'al..bl, or no REX register', 'ah..bh with a REX register');
  }
  return fail(ErrorCodes.REGCLASS, ins.memOperand, 'rsp cannot be an index register', 'rax..r15 except rsp', 'rsp');
}

/** Why no candidate accepted the values (slow path, errors only). */
function explain(ins: X64Insn): OperandError {
  const whys = new Map<number, { expected: Set<string>; actual: string; code: ErrorCode }>();
  const st = ins.st;
  for (const c of ins.cands) {
    const k = c.conds;
    for (let i = 0; i < k.length; i += 3) {
      const op = k[i + 1];
      const f = c.enc.form;
      const t = f.types[op];
      let bad = false;
      let actual = '';
      if (k[i] === C.IMM) {
        bad = !immFits(st.imm(op), t.bits, t.sext, f.osz);
        actual = showValue(st.imm(op));
      } else if (k[i] === C.REG) {
        bad = st.reg[op] !== k[i + 2];
        actual = `register number ${st.reg[op]}`;
      } else {
        bad = st.imm(op) !== k[i + 2] && st.imm(op) !== BigInt(k[i + 2]);
        actual = showValue(st.imm(op));
      }
      if (!bad) continue;
      let w = whys.get(op);
      if (!w) whys.set(op, (w = { expected: new Set(), actual, code: k[i] === C.REG ? ErrorCodes.REGCLASS : ErrorCodes.RANGE }));
      w.expected.add(describeType(t, f.osz));
      break;
    }
  }
  // The last operand where a candidate failed; every expectation there.
  let best = -1;
  for (const [op] of whys) if (op > best) best = op;
  const w = whys.get(best);
  if (!w) return fail(ErrorCodes.NOFORM, 1, 'no form accepts these operands', '', '');
  const expected = [...w.expected];
  const nonTrivial = expected.filter((e) => !/^\d$/.test(e));
  const exp = (nonTrivial.length ? nonTrivial : expected).join('; or ');
  return fail(w.code, best + 1, `${w.actual} does not fit: expected ${exp}`, exp, w.actual);
}

export { State };
