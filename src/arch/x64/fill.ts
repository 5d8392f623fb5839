// Fill time: an instruction as compiled into a plan, and the routine that encodes it for one call.
// The plan keeps the operand values known at plan time in a State; each fill writes the interpolated
// ones into their slots (register numbers, immediates, address parts), picks the first candidate form
// whose conditions hold (candidates are sorted shortest first, so this is GNU as's choice) and encodes
// it. Typed arrays, no allocation per instruction. Constant instructions go through the same routine
// once, when the plan is built.

import { ErrorCodes, OperandError, type ErrorCode } from '../../../dsl/errors.js';
import type { CodeBuffer } from '../../runtime/buffer.js';
import { EF, encode, immBytes, immFits, State, type EncInfo } from './encoders.js';
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
  constructor(
    readonly enc: EncInfo,
    readonly conds: Int32Array,
  ) {
    this.tail = immBytes(enc.form);
  }
}

let chosenTail = 0;

/** One instruction of a plan. */
export class X64Insn {
  /** Scratch for `explain` (messages only). */
  constructor(
    readonly cands: readonly X64Cand[],
    /** Holes: stride 3 (arg, H kind, operand index). */
    readonly holes: Int32Array,
    /** Operand values known at plan time; holes overwrite their slots at fill time. */
    readonly st: State,
    /** Constant part of the displacement (when there are displacement holes). */
    readonly constDisp: number,
    readonly hasDispHoles: boolean,
    /** 1-based operand index of the memory operand (messages). */
    readonly memOperand: number,
    /** `[rip + label]` with candidates of different immediate sizes: record the field's distance from the end. */
    readonly ripTail: boolean,
  ) {}
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

/** Writes the holes of `ins` into its State. Throws on a bad address part (scale, displacement). */
function readHoles(ins: X64Insn, args: readonly unknown[]): void {
  const st = ins.st;
  const h = ins.holes;
  let disp = ins.constDisp;
  for (let i = 0; i < h.length; i += 3) {
    const v = args[h[i]];
    switch (h[i + 1]) {
      case H.REG:
        st.reg[h[i + 2]] = (v as X64Reg).num;
        break;
      case H.IMM:
        st.imm[h[i + 2]] = v as number | bigint;
        break;
      case H.BASE:
        st.base = (v as X64Reg).num;
        break;
      case H.INDEX:
        st.index = (v as X64Reg).num;
        break;
      case H.SCALE:
        if (v !== 1 && v !== 2 && v !== 4 && v !== 8) throw fail(ErrorCodes.RANGE, ins.memOperand, `scale \${${h[i]}} = ${showValue(v)} is not 1, 2, 4 or 8`, '1, 2, 4, 8', showValue(v));
        st.scale = v;
        break;
      case H.DISP:
      case H.DISP_NEG: {
        let d: number;
        if (typeof v === 'number' && Number.isInteger(v)) d = v;
        else if (typeof v === 'bigint' && v >= -(1n << 40n) && v <= 1n << 40n) d = Number(v);
        else throw fail(ErrorCodes.RANGE, ins.memOperand, `displacement \${${h[i]}} = ${showValue(v)} is not a signed 32-bit integer`, '-2147483648..2147483647', showValue(v));
        disp += h[i + 1] === H.DISP ? d : -d;
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
  if (ins.hasDispHoles || disp !== ins.constDisp) {
    if (disp < INT32_MIN || disp > INT32_MAX) throw fail(ErrorCodes.RANGE, ins.memOperand, `displacement ${disp} does not fit a signed 32-bit field`, '-2147483648..2147483647', String(disp));
    st.disp = disp;
  }
}

function condsHold(c: Int32Array, st: State): boolean {
  for (let i = 0; i < c.length; i += COND_STRIDE) {
    const k = c[i + 1];
    switch (c[i]) {
      case C.IMM:
        if (!immFits(st.imm[k], c[i + 2], c[i + 3] === 1, c[i + 4])) return false;
        break;
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
  if (ins.holes.length) readHoles(ins, args);
  const cs = ins.cands;
  const st = ins.st;
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i];
    if (c.conds.length && !condsHold(c.conds, st)) continue;
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
  if (!ins.ripTail) {
    buf.pos = encodeInsn(ins, args, buf.u8, buf.pos);
    return;
  }
  buf.pos = encodeInsn(ins, args, buf.u8, buf.pos);
  ripBack = 4 + chosenTail;
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
  for (const c of ins.cands) {
    const k = c.conds;
    for (let i = 0; i < k.length; i += COND_STRIDE) {
      const op = k[i + 1];
      const f = c.enc.form;
      const t = f.types[op];
      const st = ins.st;
      let bad = false;
      let actual = '';
      if (k[i] === C.IMM) {
        bad = !immFits(st.imm[op], k[i + 2], k[i + 3] === 1, k[i + 4]);
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
  // The operand where the most candidates failed; the widest expectation first.
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
