// Fill time: an instruction with interpolated operands, as compiled into a plan, and the routine that
// encodes it for one call. Candidates are the forms that matched by kind, in row order; the first whose
// values all fit is written (e.g. `ldr x0, [x1, #${off}]` tries the scaled form, then ldur). Typed
// arrays, no allocation: registers were class-checked by the plan signature, so a register hole is just
// its number; numbers go through the same `encodeValue` as constants at plan time.

import type { CodeBuffer } from '../../../src/runtime/buffer.js';
import { OperandError, ErrorCodes, type ErrorCode } from '../../../dsl/errors.js';
import { describeEnc, EK, encodeValue, exprValue, showValue, type Enc } from './encoders.js';
import { scatter, type FieldRef, type SetClause } from './forms.js';
import { failKind, type Match } from './matcher.js';
import type { Reg } from './registers.js';
import { evalExpr, type Program } from './rowexpr.js';

/** Per-hole record layout in `A64Cand.h` (one Int32Array per candidate: one allocation). */
const H_ARG = 0; // argument index
const H_EK = 1; // encoder kind (EK)
const H_LSB = 2; // single field: lsb; −1: several fields (use `fields`); −2: no field (variable only)
const H_MASK = 3; // single field: mask of its width
const H_V = 4; // variable index to store for set/check clauses, or −1
const H_OPERAND = 5; // operand index (1-based), for messages
const H_MIN = 6; // NUM encoders, inlined: range, scale shift, negation, mask of the encoded value
const H_MAX = 7;
const H_SHIFT = 8;
const H_NEG = 9;
const H_OUT = 10;
const H_STRIDE = 11;

/** One candidate encoding of a dynamic instruction. */
export class A64Cand {
  readonly word: number;
  readonly n: number;
  /** Per-hole records, H_STRIDE ints each (see the H_* offsets). */
  readonly h: Int32Array;
  readonly enc: readonly Enc[];
  readonly fields: readonly (FieldRef | null)[];
  /** Variable values (constants from the plan; holes overwrite theirs each fill). */
  readonly vars: Int32Array;
  readonly sets: readonly SetClause[];
  readonly checks: readonly Program[];
  /** There are set or check clauses to evaluate per fill. */
  readonly extra: boolean;
  /**
   * Encoder specialised to this candidate (straight-line code), made after SPECIALIZE_AFTER fills so that
   * a template used once costs no code generation; null until then (and when it cannot be made).
   */
  fn: ((args: readonly unknown[]) => number) | null = null;
  /** Fills so far by the generic loop (−1: specialisation done or impossible). */
  uses = 0;

  constructor(readonly match: Match) {
    const hs = match.holes;
    this.word = match.word;
    this.n = hs.length;
    this.enc = hs.map((x) => x.slot.enc);
    this.fields = hs.map((x) => x.slot.field);
    const used = new Set<number>();
    for (const s of match.dynSets) for (const d of s.prog.deps) used.add(d);
    for (const c of match.dynChecks) for (const d of c.deps) used.add(d);
    const h = new Int32Array(hs.length * H_STRIDE);
    hs.forEach((x, i) => {
      const o = i * H_STRIDE;
      const f = x.slot.field;
      const e = x.slot.enc;
      // Fields that sit next to each other in the word (hw:imm16, N:immr:imms) are one field here.
      const single = f !== null && contiguous(f);
      h[o + H_ARG] = x.arg;
      h[o + H_EK] = e.kind;
      h[o + H_LSB] = f === null ? -2 : single ? f.lsb[f.lsb.length - 1] : -1;
      h[o + H_MASK] = single ? (f!.total >= 32 ? -1 : (1 << f!.total) - 1) : 0;
      h[o + H_V] = used.has(x.slot.v) ? x.slot.v : -1;
      h[o + H_OPERAND] = x.slot.operand;
      h[o + H_MIN] = e.min;
      h[o + H_MAX] = e.max;
      h[o + H_SHIFT] = e.shift;
      h[o + H_NEG] = e.neg ? 1 : 0;
      h[o + H_OUT] = e.bits >= 31 ? -1 : (1 << e.bits) - 1;
    });
    this.h = h;
    this.vars = match.vars.slice();
    this.sets = match.dynSets;
    this.checks = match.dynChecks;
    this.extra = this.sets.length + this.checks.length > 0;
  }
}

/** True if the fields are adjacent in the word, most significant first (so one shift and mask place them). */
function contiguous(f: FieldRef): boolean {
  for (let i = 0; i + 1 < f.lsb.length; i++) if (f.lsb[i] !== f.lsb[i + 1] + f.width[i + 1]) return false;
  return true;
}

/**
 * Straight-line encoder for a candidate whose holes are registers and numbers in single fields, with no
 * set/check clauses (the common case): the same checks as `fillCand`, unrolled, with the constants of
 * this candidate folded in. Anything else (bigints, failures) falls back to `encodeValue`, which decides.
 */
function specialize(c: A64Cand): ((args: readonly unknown[]) => number) | null {
  if (c.extra || !fillOptions.specialize) return null;
  let body = `let w = ${c.word | 0};\nlet v, f;\n`;
  const d = c.h;
  for (let h = 0; h < c.n; h++) {
    const o = h * H_STRIDE;
    const lsb = d[o + H_LSB];
    const arg = d[o + H_ARG];
    if (lsb === -2) {
      // A literal checked only (no field).
      body += `v = args[${arg}];\nif (ev(E[${h}], v) < 0) return -1;\n`;
      continue;
    }
    if (lsb < 0) return null;
    const mask = d[o + H_MASK];
    body += `v = args[${arg}];\n`;
    if (d[o + H_EK] === EK.REG) {
      body += `w |= v.num << ${lsb};\n`;
      continue;
    }
    if (d[o + H_EK] === EK.NUM) {
      const sh = d[o + H_SHIFT];
      const align = sh ? ` && (v & ${(1 << sh) - 1}) === 0` : '';
      body += `if (typeof v === 'number' && (v | 0) === v && v >= ${d[o + H_MIN]} && v <= ${d[o + H_MAX]}${align}) f = (${d[o + H_NEG] ? '-v' : 'v'} >> ${sh}) & ${d[o + H_OUT]};\n`;
      body += `else if ((f = ev(E[${h}], v)) < 0) return -1;\n`;
    } else body += `if ((f = ev(E[${h}], v)) < 0) return -1;\n`;
    body += `w |= (f & ${mask}) << ${lsb};\n`;
  }
  body += 'return w >>> 0;';
  try {
    return new Function('ev', 'E', `return function fillA64(args) {\n${body}\n};`)(encodeValue, c.enc) as (args: readonly unknown[]) => number;
  } catch {
    return null; // no code generation allowed here (CSP): the generic loop does the same work
  }
}

/** `specialize: false` makes plans built afterwards use the generic fill loop only (tests compare both). */
export const fillOptions = { specialize: true };

/** A dynamic instruction: candidates tried in order. */
export class A64Insn {
  /**
   * The common case read from the instruction itself, without visiting its candidates: the first
   * candidate has one hole, a register or a number, in a single field, and no set/check clauses.
   */
  readonly quick: boolean;
  readonly qWord: number;
  readonly qArg: number;
  readonly qReg: boolean;
  readonly qLsb: number;
  readonly qMask: number;
  readonly qMin: number;
  readonly qMax: number;
  /** Low bits that must be zero (scaled offsets) as a mask, the scale shift, the value negated, the encoded value's mask. */
  readonly qAlign: number;
  readonly qShift: number;
  readonly qNeg: boolean;
  readonly qOut: number;

  constructor(readonly cands: readonly A64Cand[]) {
    const c = cands[0];
    const d = c.h;
    const ek = c.n === 1 ? d[H_EK] : 0;
    this.quick = c.n === 1 && !c.extra && d[H_LSB] >= 0 && (ek === EK.REG || ek === EK.NUM);
    this.qWord = c.word;
    this.qArg = c.n === 1 ? d[H_ARG] : 0;
    this.qReg = ek === EK.REG;
    this.qLsb = c.n === 1 ? d[H_LSB] : 0;
    this.qMask = c.n === 1 ? d[H_MASK] : 0;
    this.qMin = c.n === 1 ? d[H_MIN] : 0;
    this.qMax = c.n === 1 ? d[H_MAX] : 0;
    this.qShift = c.n === 1 ? d[H_SHIFT] : 0;
    this.qAlign = (1 << this.qShift) - 1;
    this.qNeg = c.n === 1 && d[H_NEG] !== 0;
    this.qOut = c.n === 1 ? d[H_OUT] : 0;
  }
}

/** Encodes a candidate with the call's values: the word (≥ 0), or −1 if a value does not fit. */
/** Fills of a candidate before its straight-line encoder is generated. */
const SPECIALIZE_AFTER = 8;

export function fillCand(c: A64Cand, args: readonly unknown[]): number {
  if (c.fn !== null) return c.fn(args);
  if (c.uses >= 0 && ++c.uses === SPECIALIZE_AFTER) {
    c.fn = specialize(c);
    c.uses = -1;
    if (c.fn !== null) return c.fn(args);
  }
  let w = c.word;
  const n = c.n;
  const d = c.h;
  for (let h = 0, o = 0; h < n; h++, o += H_STRIDE) {
    const val = args[d[o + H_ARG]];
    const ek = d[o + H_EK];
    let fv: number;
    if (ek === EK.REG) fv = (val as Reg).num;
    else if (ek === EK.NUM && typeof val === 'number') {
      // The NUM check of encodeValue, inlined for numbers (bigints take the general path).
      if ((val | 0) !== val || val < d[o + H_MIN] || val > d[o + H_MAX]) return -1;
      const sh = d[o + H_SHIFT];
      if (sh !== 0 && (val & ((1 << sh) - 1)) !== 0) return -1;
      fv = ((d[o + H_NEG] ? -val : val) >> sh) & d[o + H_OUT];
    } else {
      fv = encodeValue(c.enc[h], val);
      if (fv < 0) return -1;
    }
    const l = d[o + H_LSB];
    if (l >= 0) w |= (fv & d[o + H_MASK]) << l;
    else if (l === -1) w |= scatter(c.fields[h]!, fv);
    if (c.extra) {
      const vi = d[o + H_V];
      if (vi >= 0) c.vars[vi] = exprValue(c.enc[h], val, fv);
    }
  }
  if (!c.extra) return w >>> 0;
  const sets = c.sets;
  for (let i = 0; i < sets.length; i++) {
    const s = sets[i];
    const v = evalExpr(s.prog, c.vars);
    if (v < 0 || v >= 2 ** s.field.total) return -1;
    w |= scatter(s.field, v);
  }
  const checks = c.checks;
  for (let i = 0; i < checks.length; i++) if (!evalExpr(checks[i], c.vars)) return -1;
  return w >>> 0;
}

/** Emits a dynamic instruction, or throws the error of its best candidate. */
export function emitInsn(insn: A64Insn, args: readonly unknown[], buf: CodeBuffer): void {
  if (insn.quick) {
    // fillCand's work for the first candidate's one hole (the same checks; anything else falls through).
    const v = args[insn.qArg];
    let fv = 0;
    let ok = false;
    if (insn.qReg) {
      fv = (v as Reg).num;
      ok = true;
    } else if (typeof v === 'number' && (v | 0) === v && v >= insn.qMin && v <= insn.qMax && (v & insn.qAlign) === 0) {
      fv = ((insn.qNeg ? -v : v) >> insn.qShift) & insn.qOut;
      ok = true;
    }
    if (ok) {
      buf.dv.setUint32(buf.pos, (insn.qWord | ((fv & insn.qMask) << insn.qLsb)) >>> 0, true);
      buf.pos += 4;
      return;
    }
  }
  const cs = insn.cands;
  const w0 = fillCand(cs[0], args);
  if (w0 >= 0) {
    buf.dv.setUint32(buf.pos, w0, true);
    buf.pos += 4;
    return;
  }
  for (let i = 1; i < cs.length; i++) {
    const w = fillCand(cs[i], args);
    if (w >= 0) {
      buf.dv.setUint32(buf.pos, w, true);
      buf.pos += 4;
      return;
    }
  }
  throw explain(insn, args);
}

interface Why {
  operand: number;
  code: ErrorCode;
  expected: string;
  actual: string;
  verb: string;
}

/** Why no candidate accepted the values (slow path, errors only). */
function explain(insn: A64Insn, args: readonly unknown[]): OperandError {
  const whys: Why[] = [];
  for (const c of insn.cands) {
    let why: Why | null = null;
    for (let h = 0; h < c.n && !why; h++) {
      const o = h * H_STRIDE;
      const val = args[c.h[o + H_ARG]];
      if (c.h[o + H_EK] === EK.REG) continue;
      const fv = encodeValue(c.enc[h], val);
      if (fv < 0) {
        const k = failKind(fv);
        why = { operand: c.h[o + H_OPERAND], code: k.code, expected: describeEnc(c.enc[h]), actual: showValue(val), verb: k.verb };
      } else if (c.h[o + H_V] >= 0) c.vars[c.h[o + H_V]] = exprValue(c.enc[h], val, fv);
    }
    if (!why) {
      for (const s of c.sets) {
        const v = evalExpr(s.prog, c.vars);
        if (v < 0 || v >= 2 ** s.field.total) {
          why = { operand: maxOperand(c), code: ErrorCodes.RANGE, expected: `${s.field.names.join(':')} = ${s.prog.text} in 0..${2 ** s.field.total - 1}`, actual: String(v), verb: 'gives' };
          break;
        }
      }
    }
    if (!why) {
      for (const p of c.checks) {
        if (!evalExpr(p, c.vars)) {
          why = { operand: maxOperand(c), code: ErrorCodes.RANGE, expected: p.text, actual: 'the operands', verb: 'violate' };
          break;
        }
      }
    }
    if (why) whys.push(why);
  }
  return mergeWhys(whys);
}

function maxOperand(c: A64Cand): number {
  let m = 1;
  for (let h = 0; h < c.n; h++) m = Math.max(m, c.h[h * H_STRIDE + H_OPERAND]);
  return m;
}

/** One error from the failures of several forms at the same operand. */
export function mergeWhys(whys: readonly Why[]): OperandError {
  const best = Math.max(...whys.map((w) => w.operand));
  const at = whys.filter((w) => w.operand === best);
  const expected = [...new Set(at.map((w) => w.expected))];
  const first = at[0];
  const sameVerb = at.every((w) => w.verb === first.verb && w.actual === first.actual);
  const detail = sameVerb ? `${first.actual} ${first.verb}: expected ${expected.join('; or ')}` : at.map((w) => `${w.actual} ${w.verb}: expected ${w.expected}`).join('; or ');
  return new OperandError(first.code, detail, { operand: best, expected: expected.join(' | '), actual: first.actual });
}
