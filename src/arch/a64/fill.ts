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

/** One candidate encoding of a dynamic instruction. */
export class A64Cand {
  readonly word: number;
  readonly n: number;
  readonly arg: Int32Array;
  readonly enc: readonly Enc[];
  /** Encoder kind per hole (EK). */
  readonly ek: Int32Array;
  /** Single-field holes: field lsb; −1: several fields (use `fields`); −2: variable only. */
  readonly lsb: Int32Array;
  readonly mask: Int32Array;
  readonly fields: readonly (FieldRef | null)[];
  /** Variable index to store for set/check clauses, or −1. */
  readonly v: Int32Array;
  /** Variable values (constants from the plan; holes overwrite theirs each fill). */
  readonly vars: Int32Array;
  readonly sets: readonly SetClause[];
  readonly checks: readonly Program[];
  /** There are set or check clauses to evaluate per fill. */
  readonly extra: boolean;
  /** Operand index (1-based) of each hole, for messages. */
  readonly operand: Int32Array;
  /** NUM encoders, inlined: range, scale shift, negation, field mask. */
  readonly min: Int32Array;
  readonly max: Int32Array;
  readonly shift: Int32Array;
  readonly neg: Uint8Array;
  readonly outMask: Int32Array;

  constructor(readonly match: Match) {
    const hs = match.holes;
    this.word = match.word;
    this.n = hs.length;
    this.arg = new Int32Array(hs.map((h) => h.arg));
    this.enc = hs.map((h) => h.slot.enc);
    this.ek = new Int32Array(hs.map((h) => h.slot.enc.kind));
    this.fields = hs.map((h) => h.slot.field);
    // Fields that sit next to each other in the word (hw:imm16, N:immr:imms) are one field here.
    this.lsb = new Int32Array(hs.map((h) => (h.slot.field ? (contiguous(h.slot.field) ? h.slot.field.lsb[h.slot.field.lsb.length - 1] : -1) : -2)));
    this.mask = new Int32Array(hs.map((h) => (h.slot.field && contiguous(h.slot.field) ? (h.slot.field.total >= 32 ? -1 : (1 << h.slot.field.total) - 1) : 0)));
    const used = new Set<number>();
    for (const s of match.dynSets) for (const d of s.prog.deps) used.add(d);
    for (const c of match.dynChecks) for (const d of c.deps) used.add(d);
    this.v = new Int32Array(hs.map((h) => (used.has(h.slot.v) ? h.slot.v : -1)));
    this.vars = match.vars.slice();
    this.sets = match.dynSets;
    this.checks = match.dynChecks;
    this.extra = this.sets.length + this.checks.length > 0;
    this.operand = new Int32Array(hs.map((h) => h.slot.operand));
    this.min = new Int32Array(hs.map((h) => h.slot.enc.min));
    this.max = new Int32Array(hs.map((h) => h.slot.enc.max));
    this.shift = new Int32Array(hs.map((h) => h.slot.enc.shift));
    this.neg = new Uint8Array(hs.map((h) => (h.slot.enc.neg ? 1 : 0)));
    this.outMask = new Int32Array(hs.map((h) => (h.slot.enc.bits >= 31 ? -1 : (1 << h.slot.enc.bits) - 1)));
    this.fn = specialize(this);
  }

  /** Encoder specialised to this candidate (straight-line code), or null to use `fillCand`'s loop. */
  readonly fn: ((args: readonly unknown[]) => number) | null;
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
  for (let h = 0; h < c.n; h++) {
    const lsb = c.lsb[h];
    if (lsb === -2) {
      // A literal checked only (no field).
      body += `v = args[${c.arg[h]}];\nif (ev(E[${h}], v) < 0) return -1;\n`;
      continue;
    }
    if (lsb < 0) return null;
    const mask = c.mask[h];
    body += `v = args[${c.arg[h]}];\n`;
    if (c.ek[h] === EK.REG) {
      body += `w |= v.num << ${lsb};\n`;
      continue;
    }
    if (c.ek[h] === EK.NUM) {
      const sh = c.shift[h];
      const align = sh ? ` && (v & ${(1 << sh) - 1}) === 0` : '';
      body += `if (typeof v === 'number' && (v | 0) === v && v >= ${c.min[h]} && v <= ${c.max[h]}${align}) f = (${c.neg[h] ? '-v' : 'v'} >> ${sh}) & ${c.outMask[h]};\n`;
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
  constructor(readonly cands: readonly A64Cand[]) {}
}

/** Encodes a candidate with the call's values: the word (≥ 0), or −1 if a value does not fit. */
export function fillCand(c: A64Cand, args: readonly unknown[]): number {
  if (c.fn !== null) return c.fn(args);
  let w = c.word;
  const n = c.n;
  const arg = c.arg;
  const eks = c.ek;
  const lsbs = c.lsb;
  for (let h = 0; h < n; h++) {
    const val = args[arg[h]];
    const ek = eks[h];
    let fv: number;
    if (ek === EK.REG) fv = (val as Reg).num;
    else if (ek === EK.NUM && typeof val === 'number') {
      // The NUM check of encodeValue, inlined for numbers (bigints take the general path).
      if ((val | 0) !== val || val < c.min[h] || val > c.max[h]) return -1;
      const sh = c.shift[h];
      if (sh !== 0 && (val & ((1 << sh) - 1)) !== 0) return -1;
      fv = ((c.neg[h] ? -val : val) >> sh) & c.outMask[h];
    } else {
      fv = encodeValue(c.enc[h], val);
      if (fv < 0) return -1;
    }
    const l = lsbs[h];
    if (l >= 0) w |= (fv & c.mask[h]) << l;
    else if (l === -1) w |= scatter(c.fields[h]!, fv);
    if (c.extra) {
      const vi = c.v[h];
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
      const val = args[c.arg[h]];
      if (c.ek[h] === EK.REG) continue;
      const fv = encodeValue(c.enc[h], val);
      if (fv < 0) {
        const k = failKind(fv);
        why = { operand: c.operand[h], code: k.code, expected: describeEnc(c.enc[h]), actual: showValue(val), verb: k.verb };
      } else if (c.v[h] >= 0) c.vars[c.v[h]] = exprValue(c.enc[h], val, fv);
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
  for (let h = 0; h < c.n; h++) m = Math.max(m, c.operand[h]);
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
