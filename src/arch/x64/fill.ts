// Fill time: an instruction as compiled into a plan, and the routine that encodes it for one call.
// The plan keeps the operand values known at plan time in a State; each fill writes the interpolated
// ones into their slots (register numbers, immediates, address parts), picks the first candidate form
// whose conditions hold (candidates are sorted shortest first, so this is GNU as's choice) and encodes
// it. Typed arrays, no allocation per instruction. Constant instructions go through the same routine
// once, when the plan is built.

import { ErrorCodes, OperandError, type ErrorCode } from '../../../dsl/errors.js';
import type { CodeBuffer } from '../../runtime/buffer.js';
import { EF, encode, immBytes, immFits, immRanges, State, type EncInfo } from './encoders.js';
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
   * Fill-time conditions, stride 6: code (C), operand, lo, hi, and for C.IMM the type (bits | sext << 8
   * | osz << 16) for the exact check when the fast range [lo, hi] (the type's first range) misses; for
   * C.REG the register number in lo.
   */
  readonly conds: Float64Array;
  constructor(
    readonly enc: EncInfo,
    conds: Int32Array,
  ) {
    this.tail = immBytes(enc.form);
    const n = conds.length / COND_STRIDE;
    this.conds = new Float64Array(n * 6);
    for (let i = 0; i < n; i++) {
      const c = conds.subarray(i * COND_STRIDE, (i + 1) * COND_STRIDE);
      const o = i * 6;
      this.conds[o] = c[0];
      this.conds[o + 1] = c[1];
      if (c[0] === C.IMM) {
        const [lo, hi] = immRanges({ bits: c[2], sext: c[3] === 1 } as OpType, c[4])[0];
        this.conds[o + 2] = Number(lo);
        this.conds[o + 3] = Number(hi);
        this.conds[o + 4] = c[2] | (c[3] << 8) | (c[4] << 16);
      } else if (c[0] === C.REG) this.conds[o + 2] = c[2];
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
    this.nHoles = holes.length / 3;
    this.only = cands.length === 1 && cands[0].conds.length === 0 ? cands[0] : null;
  }
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

function fail(code: ErrorCode, operand: number, detail: string, expected: string, actual: string): OperandError {
  return new OperandError(code, detail, { operand, expected, actual });
}

function showValue(v: unknown): string {
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'number') return String(v);
  if (v === null) return 'null';
  if (typeof v === 'object') return String(v);
  return `${typeof v} ${String(v)}`;
}

/** Writes the address holes of `ins` into its State. Throws on a bad scale or displacement. */
function readMemHoles(ins: X64Insn, args: readonly unknown[]): void {
  const st = ins.st;
  const h = ins.memHoles;
  let disp = ins.constDisp;
  for (let i = 0; i < h.length; i += 2) {
    const v = args[h[i + 1]];
    switch (h[i]) {
      case H.BASE:
        st.base = (v as X64Reg).num;
        break;
      case H.INDEX:
        st.index = (v as X64Reg).num;
        break;
      case H.SCALE:
        if (v !== 1 && v !== 2 && v !== 4 && v !== 8) throw fail(ErrorCodes.RANGE, ins.memOperand, `scale \${${h[i + 1]}} = ${showValue(v)} is not 1, 2, 4 or 8`, '1, 2, 4, 8', showValue(v));
        st.scale = v;
        break;
      case H.DISP:
      case H.DISP_NEG: {
        let d: number;
        if (typeof v === 'number' && Number.isInteger(v) && v < 2 ** 53) d = v;
        else if (typeof v === 'bigint' && v >= -(1n << 40n) && v <= 1n << 40n) d = Number(v);
        else if (typeof v === 'bigint' && v >= (1n << 64n) - (1n << 40n) && v < 1n << 64n) d = Number(v - (1n << 64n)); // 64-bit spelling of a negative
        else throw fail(ErrorCodes.RANGE, ins.memOperand, `displacement \${${h[i + 1]}} = ${showValue(v)} is not a signed 32-bit integer`, '-2147483648..2147483647', showValue(v));
        disp += h[i] === H.DISP ? d : -d;
        break;
      }
      case H.MEMOBJ: {
        const m = v as Mem;
        st.base = m.base ? m.base.num : -1;
        st.index = m.index ? m.index.num : -1;
        st.scale = m.scale;
        disp += m.disp;
        break;
      }
    }
  }
  if (ins.dynDisp) {
    if (disp < INT32_MIN || disp > INT32_MAX) throw fail(ErrorCodes.RANGE, ins.memOperand, `displacement ${disp} does not fit a signed 32-bit field`, '-2147483648..2147483647', String(disp));
    st.disp = disp;
  }
}

function condsHold(c: Float64Array, st: State): boolean {
  for (let i = 0; i < c.length; i += 6) {
    const k = c[i + 1];
    switch (c[i]) {
      case C.IMM: {
        const v = st.imm[k];
        if (typeof v === 'number' && v >= c[i + 2] && v <= c[i + 3] && Math.floor(v) === v) break;
        const t = c[i + 4];
        if (!immFits(v, t & 255, ((t >> 8) & 1) === 1, t >>> 16)) return false;
        break;
      }
      case C.REG:
        if (st.reg[k] !== c[i + 2]) return false;
        break;
      case C.ONE:
        if (st.imm[k] !== 1 && st.imm[k] !== 1n) return false;
        break;
    }
  }
  return true;
}

/**
 * Encodes `ins` with `args` at `u8[p]`; returns the end position. Throws an OperandError when no
 * candidate accepts the values.
 */
export function encodeInsn(ins: X64Insn, args: readonly unknown[], u8: Uint8Array, p: number): number {
  const st = ins.st;
  if (ins.nHoles !== 0) {
    const rh = ins.regHoles;
    for (let i = 0; i < rh.length; i += 2) st.reg[rh[i + 1]] = (args[rh[i]] as X64Reg).num;
    const ih = ins.immHoles;
    for (let i = 0; i < ih.length; i += 2) st.imm[ih[i + 1]] = args[ih[i]] as number | bigint;
    if (ins.memHoles.length !== 0) readMemHoles(ins, args);
  }
  const only = ins.only;
  if (only !== null) {
    const end = encode(only.enc, st, u8, p);
    if (end < 0) throw encodeFailure(ins, only, end);
    chosenTail = only.tail;
    return end;
  }
  const cs = ins.cands;
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i];
    if (c.conds.length !== 0 && !condsHold(c.conds, st)) continue;
    const end = encode(c.enc, st, u8, p);
    if (end < 0) throw encodeFailure(ins, c, end);
    chosenTail = c.tail;
    return end;
  }
  throw explain(ins);
}

let ripBack = 4;

/** The rip-relative field's distance from the end of the instruction last emitted (Arch.refBack). */
export function lastRipBack(): number {
  return ripBack;
}

/** Emits a dynamic instruction at `buf.pos`. */
export function emitInsn(ins: X64Insn, args: readonly unknown[], buf: CodeBuffer): void {
  buf.pos = encodeInsn(ins, args, buf.u8, buf.pos);
  if (ins.ripTail) ripBack = 4 + chosenTail;
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
    for (let i = 0; i < k.length; i += 6) {
      const op = k[i + 1];
      const f = c.enc.form;
      const t = f.types[op];
      let bad = false;
      let actual = '';
      if (k[i] === C.IMM) {
        bad = !immFits(st.imm[op], t.bits, t.sext, f.osz);
        actual = showValue(st.imm[op]);
      } else if (k[i] === C.REG) {
        bad = st.reg[op] !== k[i + 2];
        actual = `register number ${st.reg[op]}`;
      } else {
        bad = st.imm[op] !== 1 && st.imm[op] !== 1n;
        actual = showValue(st.imm[op]);
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
  const nonTrivial = expected.filter((e) => e !== '1');
  const exp = (nonTrivial.length ? nonTrivial : expected).join('; or ');
  return fail(w.code, best + 1, `${w.actual} does not fit: expected ${exp}`, exp, w.actual);
}

export { State };
