// Matching parsed operands against a form's pattern (plan time). Constants are checked and encoded
// now; interpolations become holes (argument + slot) filled per call. A failed match says which operand,
// what was expected and what was given, so the best failure over all forms makes the error message.

import type { LabelSyntax } from '../../../dsl/arch.js';
import { VK } from '../../../dsl/arch.js';
import { ErrorCodes, type ErrorCode } from '../../../dsl/errors.js';
import type { Token } from '../../../dsl/lexer.js';
import { consecutiveEnc, describeEnc, EK, encodeValue, exprValue, FAIL, parseType, showValue } from './encoders.js';
import { scatter, type Form, type SetClause, type Slot } from './forms.js';
import { MODE, O, type ImmOp, type LabelOp, type ListOp, type MemOp, type NameOp, type Operand, type RegOp, type ShiftOp } from './operands.js';
import { KIND_NAMES } from './registers.js';
import { compileExpr, evalExpr, type Program } from './rowexpr.js';

export interface HoleUse {
  readonly arg: number;
  readonly slot: Slot;
}

export interface LabelUse {
  readonly label: LabelSyntax;
  readonly kind: number;
  readonly tok: Token;
}

/** A successful match: fixed word, holes, label, and the set/check clauses that depend on holes. */
export class Match {
  constructor(
    readonly form: Form,
    readonly word: number,
    readonly vars: Int32Array,
    readonly holes: readonly HoleUse[],
    readonly label: LabelUse | null,
    readonly dynSets: readonly SetClause[],
    readonly dynChecks: readonly Program[],
  ) {}

  /** True if some interpolated value can still make this form fail (so later forms stay candidates). */
  get valueDependent(): boolean {
    return this.holes.some((h) => h.slot.enc.kind !== EK.REG) || this.dynSets.length > 0 || this.dynChecks.length > 0;
  }
}

type Lazy = string | (() => string);

/** A failed match. The expected/actual texts are built only if the mismatch ends up in an error. */
export class Mismatch {
  constructor(
    readonly form: Form,
    /** 1-based operand index. */
    readonly operand: number,
    readonly code: ErrorCode,
    /** Structural mismatch (operand kind or count), as opposed to a value that does not fit. */
    readonly shape: boolean,
    private readonly exp: Lazy,
    private readonly act: Lazy,
    /** Verb between actual and expected ("is out of range"). */
    readonly verb: string,
    readonly tok?: Token,
  ) {}
  get expected(): string {
    return typeof this.exp === 'function' ? this.exp() : this.exp;
  }
  get actual(): string {
    return typeof this.act === 'function' ? this.act() : this.act;
  }
}

/** Error code and verb for an encoder failure code. */
export function failKind(code: number): { code: ErrorCode; verb: string } {
  switch (code) {
    case FAIL.RANGE:
      return { code: ErrorCodes.RANGE, verb: 'is out of range' };
    case FAIL.ALIGN:
      return { code: ErrorCodes.ALIGN, verb: 'is misaligned' };
    case FAIL.BITMASK:
      return { code: ErrorCodes.BITMASK, verb: 'cannot be encoded as a logical immediate' };
    case FAIL.NOTINT:
      return { code: ErrorCodes.RANGE, verb: 'is not an integer' };
    case FAIL.UNSAFE:
      return { code: ErrorCodes.RANGE, verb: 'is beyond ±2^53 (pass a bigint)' };
    case FAIL.REGCLASS:
      return { code: ErrorCodes.REGCLASS, verb: 'has the wrong register class' };
    case FAIL.NAME:
      return { code: ErrorCodes.OPERAND, verb: 'is not accepted' };
    default:
      return { code: ErrorCodes.OPERAND, verb: 'is the wrong kind of value' };
  }
}

/** Human description of a user operand. */
export function describeOperand(u: Operand, argKind: (i: number) => number): string {
  switch (u.k) {
    case O.REG:
      return u.hole >= 0 ? `\${${u.hole}} (${KIND_NAMES[argKind(u.hole)] ?? 'value'})` : `${KIND_NAMES[u.reg!.kind]} ${u.tok.s}`;
    case O.IMM:
      return u.hole >= 0 ? `\${${u.hole}} (immediate)` : `immediate ${showValue(u.value)}`;
    case O.FIMM:
      return `floating-point immediate ${u.value}`;
    case O.SHIFT:
      return `${u.name ?? 'shift'}${u.amount ? ' #…' : ''}`;
    case O.MEM:
      return ['memory operand [..]', 'pre-indexed memory operand [..]!', 'post-indexed memory operand [..], ..'][u.mode];
    case O.LABEL:
      return u.hole >= 0 ? `\${${u.hole}} (label)` : `label ${u.tok.s}`;
    case O.NAME:
      return u.hole >= 0 ? `\${${u.hole}} (string)` : `'${u.tok.s}'`;
    case O.LIST:
      return 'register list {..}';
  }
}

function describePattern(p: Operand, f: Form): string {
  const enc = (ph: string | null) => (ph ? f.slots.get(ph)?.enc : undefined);
  switch (p.k) {
    case O.REG: {
      const e = enc(p.ph);
      return e ? describeEnc(e) : `register ${p.tok.s}`;
    }
    case O.IMM: {
      const e = enc(p.ph);
      return e ? `an immediate (${describeEnc(e)})` : `#${p.tok.s}`;
    }
    case O.SHIFT:
      return p.name ? `${p.name}${p.amount ? ' #amount' : ''}` : `a shift or extend (${p.ph ? describeEnc(enc(p.ph)!) : ''})`;
    case O.MEM:
      return ['a memory operand [base{, offset}]', 'a pre-indexed memory operand [base, #imm]!', 'a post-indexed memory operand [base], #imm'][p.mode];
    case O.LABEL:
      return 'a label';
    case O.NAME: {
      const e = enc(p.ph);
      return e ? describeEnc(e) : `'${p.tok.s}'`;
    }
    case O.LIST: {
      const e = enc(p.ph);
      return e ? describeEnc(e) + (p.index ? ' and a lane index [i]' : '') : 'a register list {..}';
    }
    default:
      return 'an operand';
  }
}

/** Variables of the form being matched (copied out on success). */
const SCRATCH = new Int32Array(64);

class Matcher {
  private word: number;
  private readonly vars: Int32Array;
  private readonly holes: HoleUse[] = [];
  /** Consecutiveness checks of register lists whose registers are interpolated (fill time). */
  private readonly listChecks: Program[] = [];
  private label: LabelUse | null = null;
  fail: Mismatch | null = null;
  private opi = 0;

  constructor(
    private readonly form: Form,
    private readonly argKind: (i: number) => number,
  ) {
    this.word = form.base;
    this.vars = form.varInit.length <= SCRATCH.length ? SCRATCH.subarray(0, form.varInit.length) : new Int32Array(form.varInit.length);
    this.vars.set(form.varInit);
  }

  run(user: readonly Operand[]): Match | Mismatch {
    const pat = this.form.pattern;
    if (pat.length !== user.length) {
      const n = Math.min(pat.length, user.length);
      return this.mk(n + 1, ErrorCodes.NOFORM, true, () => `${pat.length} operand${pat.length === 1 ? '' : 's'}`, () => `${user.length} operand${user.length === 1 ? '' : 's'}`, 'given');
    }
    for (let i = 0; i < pat.length; i++) {
      this.opi = i + 1;
      if (!this.op(pat[i], user[i])) return this.fail!;
    }
    // set / check clauses whose inputs are all constants are evaluated now.
    const holeVars = new Set(this.holes.map((h) => h.slot.v));
    const dynSets: SetClause[] = [];
    const dynChecks: Program[] = [];
    for (const s of this.form.sets) {
      if (s.prog.deps.some((d) => holeVars.has(d))) {
        dynSets.push(s);
        continue;
      }
      const v = evalExpr(s.prog, this.vars);
      if (v < 0 || v >= 2 ** s.field.total) {
        return this.mk(this.lastOperand(s.prog), ErrorCodes.RANGE, false, `${s.field.names.join(':')} = ${s.prog.text} in 0..${2 ** s.field.total - 1}`, String(v), 'gives');
      }
      this.word = (this.word | scatter(s.field, v)) >>> 0;
    }
    for (const c of this.form.checks) {
      if (c.deps.some((d) => holeVars.has(d))) {
        dynChecks.push(c);
        continue;
      }
      if (!evalExpr(c, this.vars)) return this.mk(this.lastOperand(c), ErrorCodes.RANGE, false, c.text, 'the operands', 'violate');
    }
    for (const c of this.listChecks) dynChecks.push(c);
    return new Match(this.form, this.word >>> 0, this.vars.slice(), this.holes, this.label, dynSets, dynChecks);
  }

  private lastOperand(p: Program): number {
    let best = 1;
    for (const s of this.form.slots.values()) if (p.deps.includes(s.v)) best = Math.max(best, s.operand);
    return best;
  }

  private mk(operand: number, code: ErrorCode, shape: boolean, expected: Lazy, actual: Lazy, verb: string, tok?: Token): Mismatch {
    this.fail = new Mismatch(this.form, operand, code, shape, expected, actual, verb, tok);
    return this.fail;
  }

  private shape(p: Operand, u: Operand): false {
    this.mk(this.opi, ErrorCodes.OPERAND, true, () => describePattern(p, this.form), () => describeOperand(u, this.argKind), 'given', u.tok);
    return false;
  }

  private assign(s: Slot, fv: number, xv: number): void {
    this.vars[s.v] = xv;
    if (s.field) this.word = (this.word | scatter(s.field, fv)) >>> 0;
  }

  private op(p: Operand, u: Operand): boolean {
    switch (p.k) {
      case O.REG:
        return this.reg(p, u);
      case O.IMM:
        return this.imm(p, u);
      case O.SHIFT:
        return this.shift(p, u);
      case O.MEM:
        return this.mem(p, u);
      case O.LABEL:
        return this.lbl(p, u);
      case O.NAME:
        return this.name(p, u);
      case O.LIST:
        return this.list(p, u);
      default:
        return this.shape(p, u);
    }
  }

  private reg(p: RegOp, u: Operand): boolean {
    if (u.k !== O.REG) return this.shape(p, u);
    if (p.ph) {
      const s = this.form.slots.get(p.ph)!;
      const e = s.enc;
      const kind = u.hole >= 0 ? this.argKind(u.hole) : u.reg!.kind;
      if (!(e.kindMask & (1 << (kind - VK.ARCH)))) {
        this.mk(this.opi, ErrorCodes.REGCLASS, false, () => describeEnc(e), () => describeOperand(u, this.argKind), 'given', u.tok);
        return false;
      }
      if (e.arrangement !== null ? u.arr !== e.arrangement : u.arr !== null) {
        this.mk(this.opi, ErrorCodes.REGCLASS, false, () => describeEnc(e), () => `${describeOperand(u, this.argKind)}${u.arr ? `.${u.arr}` : ' without arrangement'}`, 'given', u.tok);
        return false;
      }
      if (u.hole >= 0) this.holes.push({ arg: u.hole, slot: s });
      else this.assign(s, u.reg!.num, u.reg!.num);
    } else if (u.hole >= 0 || u.reg !== p.reg) return this.shape(p, u);
    if ((p.index === null) !== (u.index === null)) return this.shape(p, u);
    return p.index === null || this.imm(p.index, u.index!);
  }

  private imm(p: ImmOp, u: Operand): boolean {
    // A floating-point constant (`#1.5`) only fills an FP immediate placeholder.
    if (u.k === O.FIMM && p.ph && this.form.slots.get(p.ph)!.enc.takesFloat) {
      const e = this.form.slots.get(p.ph)!.enc;
      const fv = encodeValue(e, u.value);
      if (fv < 0) {
        const k = failKind(fv);
        this.mk(this.opi, k.code, false, () => describeEnc(e), String(u.value), k.verb, u.tok);
        return false;
      }
      this.assign(this.form.slots.get(p.ph)!, fv, fv);
      return true;
    }
    if (u.k !== O.IMM) return this.shape(p, u);
    if (!p.ph) {
      if (u.hole >= 0) {
        // A literal immediate in the pattern (`[xn, #0]`): an interpolated value must equal it at fill time.
        this.holes.push({ arg: u.hole, slot: { name: `#${p.value}`, enc: parseType(`(${p.value})`), field: null, v: -1, operand: this.opi } });
        return true;
      }
      if (BigInt(u.value) !== BigInt(p.value)) {
        this.mk(this.opi, ErrorCodes.OPERAND, u.hole >= 0, `#${p.value}`, () => describeOperand(u, this.argKind), 'given', u.tok);
        return false;
      }
      return true;
    }
    const s = this.form.slots.get(p.ph)!;
    const e = s.enc;
    if (u.hole >= 0) {
      if (!e.takesNumber) return this.shape(p, u);
      this.holes.push({ arg: u.hole, slot: s });
      return true;
    }
    const fv = encodeValue(e, u.value);
    if (fv < 0) {
      const k = failKind(fv);
      this.mk(this.opi, k.code, false, () => describeEnc(e), () => showValue(u.value), k.verb, u.tok);
      return false;
    }
    this.assign(s, fv, exprValue(e, u.value, fv));
    return true;
  }

  private shift(p: ShiftOp, u: Operand): boolean {
    if (u.k !== O.SHIFT) return this.shape(p, u);
    if (p.ph) {
      const s = this.form.slots.get(p.ph)!;
      const fv = encodeValue(s.enc, u.name);
      if (fv < 0) {
        this.mk(this.opi, ErrorCodes.OPERAND, false, () => describeEnc(s.enc), `'${u.name}'`, 'given', u.tok);
        return false;
      }
      this.assign(s, fv, fv);
    } else if (p.name !== u.name) {
      this.mk(this.opi, ErrorCodes.OPERAND, false, `${p.name}`, `'${u.name}'`, 'given', u.tok);
      return false;
    }
    if ((p.amount === null) !== (u.amount === null)) {
      this.mk(this.opi, ErrorCodes.OPERAND, true, p.amount ? `${p.name ?? 'shift'} with an amount` : `${p.name ?? 'shift'} without an amount`, () => describeOperand(u, this.argKind), 'given', u.tok);
      return false;
    }
    return p.amount === null || this.imm(p.amount, u.amount!);
  }

  private mem(p: MemOp, u: Operand): boolean {
    if (u.k !== O.MEM || u.mode !== p.mode) return this.shape(p, u);
    if (!this.reg(p.base, u.base)) return false;
    const parts: [Operand | null, Operand | null][] = [
      [p.offset, u.offset],
      [p.index, u.index],
      [p.ext, u.ext],
      [p.post, u.post],
    ];
    for (const [a, b] of parts) {
      if ((a === null) !== (b === null)) {
        const what = () => describePattern(p, this.form);
        this.mk(this.opi, ErrorCodes.OPERAND, true, what, () => describeOperand(u, this.argKind) + (b ? ' with more parts' : ' with fewer parts'), 'given', u.tok);
        return false;
      }
      if (a && b && !this.op(a, b)) return false;
    }
    return true;
  }

  /**
   * A register list `{v0.4s, v1.4s}` / `{v0.4s-v1.4s}` (optionally `[lane]`) against a list placeholder:
   * the count, the class and arrangement of every register, and that they are consecutive (mod 32). The
   * first register fills the field. Interpolated later registers are checked at fill time: against the
   * register number they must have (first register constant) or by a check on hidden variables.
   */
  private list(p: ListOp, u: Operand): boolean {
    if (u.k !== O.LIST) return this.shape(p, u);
    const s = this.form.slots.get(p.ph!)!;
    const e = s.enc;
    const n = e.count;
    if (u.range ? n < 2 : u.regs.length !== n) {
      this.mk(this.opi, ErrorCodes.OPERAND, true, () => describeEnc(e), () => (u.range ? 'a register range' : `a list of ${u.regs.length} register${u.regs.length === 1 ? '' : 's'}`), 'given', u.tok);
      return false;
    }
    for (const r of u.regs) {
      const kind = r.hole >= 0 ? this.argKind(r.hole) : r.reg!.kind;
      if (!(e.kindMask & (1 << (kind - VK.ARCH))) || r.arr !== e.arrangement || r.index !== null) {
        this.mk(this.opi, ErrorCodes.REGCLASS, false, () => describeEnc(e), () => `${describeOperand(r, this.argKind)}${r.hole < 0 ? '' : r.arr ? `.${r.arr}` : ' without arrangement'}${r.index ? ' with an index' : ''}`, 'given', r.tok);
        return false;
      }
    }
    // Position in the list of each written register (a range names the first and the last).
    const pos = (i: number): number => (u.range ? (i === 0 ? 0 : n - 1) : i);
    const first = u.regs[0];
    if (first.hole < 0) {
      const r0 = first.reg!.num;
      this.assign(s, r0, r0);
      for (let i = 1; i < u.regs.length; i++) {
        const r = u.regs[i];
        const want = (r0 + pos(i)) & 31;
        if (r.hole >= 0) this.holes.push({ arg: r.hole, slot: { name: `${s.name}__${pos(i)}`, enc: consecutiveEnc(want), field: null, v: -1, operand: this.opi } });
        else if (r.reg!.num !== want) {
          this.mk(this.opi, ErrorCodes.RANGE, false, () => describeEnc(consecutiveEnc(want)), () => describeOperand(r, this.argKind), 'given', r.tok);
          return false;
        }
      }
    } else {
      this.holes.push({ arg: first.hole, slot: s });
      for (let i = 1; i < u.regs.length; i++) {
        const r = u.regs[i];
        const k = pos(i);
        if (r.hole < 0) {
          // A constant later register fixes the first one.
          this.holes.push({ arg: first.hole, slot: { name: s.name, enc: consecutiveEnc((r.reg!.num - k) & 31), field: null, v: -1, operand: this.opi } });
          continue;
        }
        const hidden = `${s.name}__${k}`;
        const v = this.form.varNames.indexOf(hidden);
        this.holes.push({ arg: r.hole, slot: { name: hidden, enc: parseType('v'), field: null, v, operand: this.opi } });
        this.listChecks.push(listCheck(this.form.varNames, s.name, k));
      }
    }
    if ((p.index === null) !== (u.index === null)) {
      this.mk(this.opi, ErrorCodes.OPERAND, true, () => describePattern(p, this.form), () => `${describeOperand(u, this.argKind)}${u.index ? ' with' : ' without'} a lane index`, 'given', u.tok);
      return false;
    }
    return p.index === null || this.imm(p.index, u.index!);
  }

  private lbl(p: LabelOp, u: Operand): boolean {
    const s = this.form.slots.get(p.ph!)!;
    let label: LabelSyntax;
    if (u.k === O.LABEL && u.label) label = u.label;
    else if (u.k === O.NAME && u.hole < 0) label = { type: 'name', name: u.tok.s };
    else return this.shape(p, u);
    this.label = { label, kind: s.enc.reloc, tok: u.tok };
    return true;
  }

  private name(p: NameOp, u: Operand): boolean {
    if (u.k !== O.NAME) return this.shape(p, u);
    if (!p.ph) {
      if (u.hole >= 0 || u.name !== p.name) return this.shape(p, u);
      return true;
    }
    const s = this.form.slots.get(p.ph)!;
    if (u.hole >= 0) {
      this.holes.push({ arg: u.hole, slot: s });
      return true;
    }
    const fv = encodeValue(s.enc, u.name);
    if (fv < 0) {
      this.mk(this.opi, ErrorCodes.OPERAND, false, () => describeEnc(s.enc), `'${u.tok.s}'`, 'given', u.tok);
      return false;
    }
    this.assign(s, fv, fv);
    return true;
  }
}

const LIST_CHECKS = new Map<string, Program>();

/** `((<name>__k - <name>) & 31) == k` over a form's variables, compiled once per form layout. */
function listCheck(varNames: readonly string[], name: string, k: number): Program {
  const key = `${varNames.join(',')}|${name}|${k}`;
  let p = LIST_CHECKS.get(key);
  if (!p) {
    const prog = compileExpr(`((${name}__${k} - ${name}) & 31) == ${k}`, (x) => varNames.indexOf(x));
    p = { ...prog, text: 'the registers of a list must be consecutive (v31 wraps to v0)' };
    LIST_CHECKS.set(key, p);
  }
  return p;
}

/** Matches operands against one form. */
export function matchForm(form: Form, user: readonly Operand[], argKind: (i: number) => number): Match | Mismatch {
  return new Matcher(form, argKind).run(user);
}
