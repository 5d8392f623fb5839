// A64 operand syntax: the operand tree and its parser. The same parser reads user templates (where a
// leaf may be an interpolation, a HOLE token) and spec/a64 patterns (where a leaf may be a placeholder,
// a PH token), so both sides of a match have the same shapes.
//
//   operand  := '#'? imm | reg ('.' arrangement)? ('[' index ']')? | shift-op ('#'? imm)?
//             | '[' reg (',' (imm | reg (',' shift-op)?))? ']' '!'?   (followed by ', imm|reg': post-index)
//             | '{' reg (',' reg)* '}' ('[' index ']')? | '{' reg '-' reg '}' …
//             | local-label (1b, 2f) | name (condition, system register, label name, …)

import type { LabelSyntax } from '../../../dsl/arch.js';
import { VK } from '../../../dsl/arch.js';
import { DynasmSyntaxError, DynasmError, ErrorCodes } from '../../../dsl/errors.js';
import { normalize, parseExpr, startsExpr } from '../../../dsl/expr.js';
import { T, type Token } from '../../../dsl/lexer.js';
import { ARRANGEMENTS, ELEMENTS, KIND_NAMES, REG_NAMES, type Reg } from './registers.js';

/** Token type of a pattern placeholder `<name:type>` (patterns only). */
export const PH = T.PH;

export const O = { REG: 1, IMM: 2, FIMM: 3, SHIFT: 4, MEM: 5, LABEL: 6, NAME: 7, LIST: 8 } as const;

/** A leaf's source: a constant (`reg`/`value`/`name` set), an interpolation (`hole` ≥ 0), or a placeholder (`ph`). */
interface LeafSrc {
  /** Argument index of an interpolation, else −1. */
  readonly hole: number;
  /** Placeholder text `name:type` (patterns), else null. */
  readonly ph: string | null;
  readonly tok: Token;
}

export interface RegOp extends LeafSrc {
  readonly k: typeof O.REG;
  readonly reg: Reg | null;
  /** Arrangement (`4s`) or element size (`s`) written after the register. */
  readonly arr: string | null;
  readonly index: ImmOp | null;
}
export interface ImmOp extends LeafSrc {
  readonly k: typeof O.IMM;
  readonly value: number | bigint;
  readonly hash: boolean;
}
export interface FImmOp extends LeafSrc {
  readonly k: typeof O.FIMM;
  readonly value: number;
}
/** A shift or extend operator (lsl, uxtw, …) with an optional amount. */
export interface ShiftOp extends LeafSrc {
  readonly k: typeof O.SHIFT;
  /** Operator name (lowercase), or null for a placeholder. */
  readonly name: string | null;
  readonly amount: ImmOp | null;
}
export const MODE = { OFFSET: 0, PRE: 1, POST: 2 } as const;
export interface MemOp {
  readonly k: typeof O.MEM;
  readonly base: RegOp;
  readonly offset: ImmOp | null;
  readonly index: RegOp | null;
  readonly ext: ShiftOp | null;
  readonly mode: number;
  /** Post-index amount: immediate or register. */
  readonly post: ImmOp | RegOp | null;
  readonly tok: Token;
}
export interface LabelOp extends LeafSrc {
  readonly k: typeof O.LABEL;
  readonly label: LabelSyntax | null;
}
export interface NameOp extends LeafSrc {
  readonly k: typeof O.NAME;
  /** Lowercase name, or '' for an interpolation or placeholder. */
  readonly name: string;
}
export interface ListOp {
  readonly k: typeof O.LIST;
  readonly regs: readonly RegOp[];
  /** `{v0.4s-v3.4s}` range form. */
  readonly range: boolean;
  readonly index: ImmOp | null;
  readonly tok: Token;
  /** Patterns: the list placeholder `<Rt:vl2.16b>` standing for the whole `{…}` (then `regs` is empty). */
  readonly ph: string | null;
}

export type Operand = RegOp | ImmOp | FImmOp | ShiftOp | MemOp | LabelOp | NameOp | ListOp;

export const SHIFT_NAMES = new Set(['lsl', 'lsr', 'asr', 'ror', 'msl', 'uxtb', 'uxth', 'uxtw', 'uxtx', 'sxtb', 'sxth', 'sxtw', 'sxtx']);

/** How a placeholder or an interpolation is read: which leaf it makes. */
export type LeafClass = 'reg' | 'imm' | 'label' | 'name' | 'shift' | 'list';

/** Classifies placeholders (patterns) and interpolations (user text). */
export interface LeafReader {
  hole(arg: number): LeafClass | null;
  ph(text: string): LeafClass;
}

/** Classifies interpolations by their kind in the plan signature. */
export function holeReader(argKind: (i: number) => number): LeafReader {
  return {
    hole(arg) {
      const k = argKind(arg);
      if (k === VK.IMM) return 'imm';
      if (k === VK.LABEL) return 'label';
      if (k === VK.STRING) return 'name';
      if (KIND_NAMES[k]) return 'reg';
      return null;
    },
    ph() {
      throw new Error('placeholder in user text');
    },
  };
}

function syntax(t: Token, msg: string): DynasmSyntaxError {
  return new DynasmSyntaxError(ErrorCodes.SYNTAX, msg, { line: t.line, column: t.col });
}

const isP = (t: Token | undefined, s: string): boolean => !!t && t.t === T.PUNCT && t.s === s;

/** Parses the operand tokens of one instruction. */
export function parseOperands(toks: readonly Token[], rd: LeafReader): Operand[] {
  const out: Operand[] = [];
  if (toks.length === 0) return out;
  // Split at top-level commas.
  let depth = 0;
  let start = 0;
  const parts: Token[][] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.t === T.PUNCT) {
      if (t.s === '[' || t.s === '{' || t.s === '(') depth++;
      else if (t.s === ']' || t.s === '}' || t.s === ')') depth--;
      else if (t.s === ',' && depth === 0) {
        if (i === start) throw syntax(t, 'missing operand before a comma');
        parts.push(toks.slice(start, i) as Token[]);
        start = i + 1;
      }
    }
  }
  if (start >= toks.length) throw syntax(toks[toks.length - 1], 'missing operand after a comma');
  parts.push(toks.slice(start) as Token[]);
  for (const p of parts) out.push(new OperandParser(p, rd).operand());
  // `[xn], #imm` / `[xn], xm`: fold the post-index amount into the memory operand.
  for (let i = 0; i + 1 < out.length; i++) {
    const m = out[i];
    const nx = out[i + 1];
    if (m.k === O.MEM && m.mode === MODE.OFFSET && !m.offset && !m.index && (nx.k === O.IMM || nx.k === O.REG)) {
      out.splice(i, 2, { ...m, mode: MODE.POST, post: nx });
    }
  }
  return out;
}

class OperandParser {
  private i = 0;
  constructor(
    private readonly ts: readonly Token[],
    private readonly rd: LeafReader,
  ) {}

  private peek(k = 0): Token | undefined {
    return this.ts[this.i + k];
  }
  private next(): Token {
    const t = this.ts[this.i++];
    if (!t) throw syntax(this.ts[this.ts.length - 1], 'unexpected end of operand');
    return t;
  }
  private expect(s: string): Token {
    const t = this.peek();
    if (!isP(t, s)) throw syntax(t ?? this.ts[this.ts.length - 1], `expected '${s}'${t ? `, got '${t.s}'` : ''}`);
    return this.next();
  }

  operand(): Operand {
    const op = this.any();
    const t = this.peek();
    if (t) throw syntax(t, `unexpected '${t.s}' after the operand`);
    return op;
  }

  private any(): Operand {
    const t = this.peek()!;
    if (isP(t, '#')) {
      this.next();
      const u = this.peek();
      if (u && u.t === T.FLOAT) return this.fimm(this.next(), 1);
      if (isP(u, '-') && this.peek(1)?.t === T.FLOAT) {
        this.next();
        return this.fimm(this.next(), -1);
      }
      return this.imm(true);
    }
    if (isP(t, '[')) return this.mem();
    if (isP(t, '{')) return this.list();
    if (t.t === T.LOCALREF) {
      this.next();
      return { k: O.LABEL, label: { type: 'local', n: Number(t.n), dir: t.dir! }, hole: -1, ph: null, tok: t };
    }
    if (t.t === T.FLOAT) return this.fimm(this.next(), 1);
    if (isP(t, '-') && this.peek(1)?.t === T.FLOAT) {
      this.next();
      return this.fimm(this.next(), -1);
    }
    if (startsExpr(t)) return this.imm(false);
    if (t.t === T.HOLE || t.t === PH) {
      const cls = this.leafClass(t);
      if (cls === 'reg') return this.reg();
      if (cls === 'imm') return this.imm(false);
      if (cls === 'shift') return this.shift();
      if (cls === 'list') return this.listPh();
      this.next();
      if (cls === 'label') return { k: O.LABEL, label: t.t === T.HOLE ? { type: 'arg', arg: Number(t.n) } : null, hole: holeOf(t), ph: phOf(t), tok: t };
      return { k: O.NAME, name: '', hole: holeOf(t), ph: phOf(t), tok: t };
    }
    if (t.t === T.IDENT) {
      const low = t.s.toLowerCase();
      if (isRegName(low)) return this.reg();
      if (SHIFT_NAMES.has(low)) return this.shift();
      this.next();
      return { k: O.NAME, name: low, hole: -1, ph: null, tok: t };
    }
    throw syntax(t, `unexpected '${t.s}'`);
  }

  private leafClass(t: Token): LeafClass {
    if (t.t === PH) return this.rd.ph(t.s);
    const c = this.rd.hole(Number(t.n));
    if (!c) throw new DynasmError(ErrorCodes.VALUE, `\${${t.n}} is not a value an A64 operand can take`, { line: t.line, column: t.col });
    return c;
  }

  private fimm(t: Token, sign: number): FImmOp {
    return { k: O.FIMM, value: sign * Number(t.n), hole: -1, ph: null, tok: t };
  }

  private imm(hash: boolean): ImmOp {
    const t = this.peek();
    if (!t) throw syntax(this.ts[this.ts.length - 1], 'expected an immediate after #');
    if (t.t === T.HOLE || t.t === PH) {
      const cls = this.leafClass(t);
      if (cls !== 'imm') {
        if (t.t === T.HOLE) throw new DynasmError(ErrorCodes.OPERAND, `\${${t.n}} after '#' must be a number or bigint`, { line: t.line, column: t.col, actual: cls });
        throw new Error(`placeholder <${t.s}> after '#' is not an immediate type`);
      }
      this.next();
      return { k: O.IMM, value: 0, hash, hole: holeOf(t), ph: phOf(t), tok: t };
    }
    if (!startsExpr(t)) throw syntax(t, `expected an immediate, got '${t.s}'`);
    const r = parseExpr(this.ts, this.i);
    this.i = r.next;
    return { k: O.IMM, value: normalize(r.value), hash, hole: -1, ph: null, tok: t };
  }

  /** A register: name, interpolation or placeholder, with optional `.arrangement` and `[index]`. */
  private reg(): RegOp {
    const t = this.next();
    let reg: Reg | null = null;
    let arr: string | null = null;
    if (t.t === T.IDENT) {
      const low = t.s.toLowerCase();
      const dot = low.indexOf('.');
      const name = dot < 0 ? low : low.slice(0, dot);
      reg = REG_NAMES.get(name) ?? null;
      if (!reg) throw syntax(t, `unknown register '${t.s}'`);
      if (dot >= 0) arr = this.arrangement(t, reg, low.slice(dot + 1));
    }
    // `${v}.4s`: the arrangement follows the interpolation directly.
    const nx = this.peek();
    if (!arr && nx && nx.t === T.IDENT && nx.s.startsWith('.') && !nx.gap) {
      this.next();
      arr = nx.s.slice(1).toLowerCase();
      if (!(ARRANGEMENTS as readonly string[]).includes(arr) && !(ELEMENTS as readonly string[]).includes(arr)) throw syntax(nx, `unknown arrangement '${nx.s}'`);
    }
    let index: ImmOp | null = null;
    if (isP(this.peek(), '[')) {
      this.next();
      index = this.imm(false);
      this.expect(']');
    }
    return { k: O.REG, reg, arr, index, hole: holeOf(t), ph: phOf(t), tok: t };
  }

  private arrangement(t: Token, reg: Reg, a: string): string {
    if (reg.cls !== 'v') throw syntax(t, `only V registers take an arrangement ('${t.s}')`);
    if (!(ARRANGEMENTS as readonly string[]).includes(a) && !(ELEMENTS as readonly string[]).includes(a)) throw syntax(t, `unknown arrangement '.${a}'`);
    return a;
  }

  /** `lsl #3`, `uxtw`, `sxtw #2`, or a placeholder operator; inside brackets the amount stops at ']'. */
  private shift(): ShiftOp {
    const t = this.next();
    const name = t.t === T.IDENT ? t.s.toLowerCase() : null;
    let amount: ImmOp | null = null;
    const nx = this.peek();
    if (nx && !isP(nx, ']')) {
      if (isP(nx, '#')) {
        this.next();
        amount = this.imm(true);
      } else amount = this.imm(false);
    }
    return { k: O.SHIFT, name, amount, hole: holeOf(t), ph: phOf(t), tok: t };
  }

  private mem(): MemOp {
    const open = this.expect('[');
    const bt = this.peek();
    if (!bt) throw syntax(open, 'expected a base register after [');
    if (!(bt.t === T.IDENT && isRegName(bt.s.toLowerCase())) && !((bt.t === T.HOLE || bt.t === PH) && this.leafClass(bt) === 'reg')) {
      throw syntax(bt, `expected a base register after '[', got '${bt.s}'`);
    }
    const base = this.reg();
    let offset: ImmOp | null = null;
    let index: RegOp | null = null;
    let ext: ShiftOp | null = null;
    if (isP(this.peek(), ',')) {
      this.next();
      const t = this.peek();
      if (!t) throw syntax(open, 'expected an offset after the comma');
      const isReg = (t.t === T.IDENT && isRegName(t.s.toLowerCase())) || ((t.t === T.HOLE || t.t === PH) && this.leafClass(t) === 'reg');
      if (isReg) {
        index = this.reg();
        if (isP(this.peek(), ',')) {
          this.next();
          const s = this.peek();
          if (!s) throw syntax(open, 'expected a shift or extend after the comma');
          const isShift = (s.t === T.IDENT && SHIFT_NAMES.has(s.s.toLowerCase())) || (s.t === PH && this.leafClass(s) === 'shift');
          if (!isShift) throw syntax(s, `expected a shift or extend (lsl, uxtw, sxtw, sxtx), got '${s.s}'`);
          ext = this.shift();
        }
      } else if (isP(t, '#')) {
        this.next();
        offset = this.imm(true);
      } else offset = this.imm(false);
    }
    this.expect(']');
    let mode: number = MODE.OFFSET;
    if (isP(this.peek(), '!')) {
      this.next();
      mode = MODE.PRE;
    }
    return { k: O.MEM, base, offset, index, ext, mode, post: null, tok: open };
  }

  private list(): ListOp {
    const open = this.expect('{');
    const regs: RegOp[] = [];
    let range = false;
    for (;;) {
      regs.push(this.reg());
      const t = this.peek();
      if (isP(t, ',')) {
        this.next();
        continue;
      }
      if (isP(t, '-') && regs.length === 1) {
        this.next();
        regs.push(this.reg());
        range = true;
      }
      break;
    }
    this.expect('}');
    let index: ImmOp | null = null;
    if (isP(this.peek(), '[')) {
      this.next();
      index = this.imm(false);
      this.expect(']');
    }
    return { k: O.LIST, regs, range, index, tok: open, ph: null };
  }

  /** A register-list placeholder (patterns only) with an optional `[index]`. */
  private listPh(): ListOp {
    const t = this.next();
    let index: ImmOp | null = null;
    if (isP(this.peek(), '[')) {
      this.next();
      index = this.imm(false);
      this.expect(']');
    }
    return { k: O.LIST, regs: [], range: false, index, tok: t, ph: phOf(t) };
  }
}

function holeOf(t: Token): number {
  return t.t === T.HOLE ? Number(t.n) : -1;
}
function phOf(t: Token): string | null {
  return t.t === PH ? t.s : null;
}

/** True if `low` names a register (with an optional arrangement suffix). */
export function isRegName(low: string): boolean {
  const dot = low.indexOf('.');
  return REG_NAMES.has(dot < 0 ? low : low.slice(0, dot));
}
