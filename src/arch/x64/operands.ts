// x86-64 operand syntax (Intel, as GNU as `.intel_syntax noprefix`, llvm-mc and objdump print it):
//
//   operand := register | ${reg} | imm-expr | ${number} | label | ${label} | 1f/1b
//            | [size [ptr]] [seg ':'] '[' term (('+'|'-') term)* ']'  | [size [ptr]] ${mem}
//   size    := byte | word | dword | qword | xmmword | oword | ymmword   (`ptr` optional: NASM-style `qword [..]`)
//   term    := reg | reg '*' scale | scale '*' reg | ${reg} ['*' (scale | ${n})] | const-expr | ${n}
//            | label | ${label}           (labels only with rip: `[rip + label]`)
//
// Interpolations are classified by their kind in the plan signature: a register class, a number, a
// Label or a Mem object. The parser only builds the operand tree; sizes and legality are the matcher's.

import type { LabelSyntax } from '../../../dsl/arch.js';
import { VK } from '../../../dsl/arch.js';
import { DynasmError, DynasmSyntaxError, ErrorCodes } from '../../../dsl/errors.js';
import { parseExpr, startsExpr } from '../../../dsl/expr.js';
import { T, type Token } from '../../../dsl/lexer.js';
import { KIND_CLASS, KIND_NAMES, memKindSize, REG_NAMES, XK, type X64Reg } from './registers.js';

export const UO = { REG: 1, IMM: 2, MEM: 3, LABEL: 4 } as const;

/** A register leaf: a constant register or an interpolated one (`hole` ≥ 0, class from `kind`). */
export interface RegLeaf {
  readonly reg: X64Reg | null;
  readonly hole: number;
  /** XK register kind. */
  readonly kind: number;
  readonly tok: Token;
}

export interface RegOp extends RegLeaf {
  readonly k: typeof UO.REG;
}

export interface ImmOp {
  readonly k: typeof UO.IMM;
  /** Constant value (when hole < 0). */
  readonly value: number | bigint;
  readonly hole: number;
  readonly tok: Token;
}

export interface LabelOp {
  readonly k: typeof UO.LABEL;
  readonly label: LabelSyntax;
  readonly tok: Token;
}

/** An interpolated displacement term, added (or subtracted) at fill time. */
export interface DispHole {
  readonly arg: number;
  readonly neg: boolean;
  readonly tok: Token;
}

export interface MemOp {
  readonly k: typeof UO.MEM;
  readonly tok: Token;
  /** Size in bytes written before the operand (0: none). */
  readonly size: number;
  /** Segment override prefix byte (0x64 fs, 0x65 gs, 0x2e cs, 0x3e ds, 0x26 es, 0x36 ss) or 0. */
  readonly seg: number;
  /** Argument index of an interpolated Mem object, else −1 (then the parts below describe the operand). */
  readonly obj: number;
  readonly base: RegLeaf | null;
  readonly index: RegLeaf | null;
  /** Constant scale (1, 2, 4, 8), or 0 when `scaleHole` gives it. */
  readonly scale: number;
  readonly scaleHole: number;
  readonly scaleTok: Token | null;
  /** Sum of the constant displacement terms. */
  readonly disp: bigint;
  readonly dispHoles: readonly DispHole[];
  readonly rip: boolean;
  readonly label: LabelSyntax | null;
  readonly labelTok: Token | null;
}

export type Operand = RegOp | ImmOp | MemOp | LabelOp;

export const SIZE_WORDS: Readonly<Record<string, number>> = { byte: 1, word: 2, dword: 4, qword: 8, xmmword: 16, oword: 16, ymmword: 32 };
const SEGS: Readonly<Record<string, number>> = { es: 0x26, cs: 0x2e, ss: 0x36, ds: 0x3e, fs: 0x64, gs: 0x65 };

function syntax(t: Token, msg: string): DynasmSyntaxError {
  return new DynasmSyntaxError(ErrorCodes.SYNTAX, msg, { line: t.line, column: t.col });
}

const isP = (t: Token | undefined, s: string): boolean => !!t && t.t === T.PUNCT && t.s === s;

/** What an interpolation is, from its kind. */
export type HoleClass = 'reg' | 'imm' | 'label' | 'mem' | 'rip';

export function holeClass(kind: number): HoleClass | null {
  if (kind === VK.IMM) return 'imm';
  if (kind === VK.LABEL) return 'label';
  if (memKindSize(kind) >= 0) return 'mem';
  if (kind === XK.RIP) return 'rip';
  if (KIND_CLASS[kind]) return 'reg';
  return null;
}

/** Splits the operand tokens at top-level commas and parses each operand. */
export function parseOperands(toks: readonly Token[], argKind: (i: number) => number): Operand[] {
  const out: Operand[] = [];
  if (toks.length === 0) return out;
  let depth = 0;
  let start = 0;
  const parts: Token[][] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.t === T.PUNCT) {
      if (t.s === '[' || t.s === '(') depth++;
      else if (t.s === ']' || t.s === ')') depth--;
      else if (t.s === ',' && depth === 0) {
        if (i === start) throw syntax(t, 'missing operand before a comma');
        parts.push(toks.slice(start, i) as Token[]);
        start = i + 1;
      }
    }
  }
  if (start >= toks.length) throw syntax(toks[toks.length - 1], 'missing operand after a comma');
  parts.push(toks.slice(start) as Token[]);
  for (const p of parts) out.push(new OperandParser(p, argKind).operand());
  return out;
}

class OperandParser {
  private i = 0;
  constructor(
    private readonly ts: readonly Token[],
    private readonly argKind: (i: number) => number,
  ) {}

  private peek(k = 0): Token | undefined {
    return this.ts[this.i + k];
  }
  private next(): Token {
    const t = this.ts[this.i++];
    if (!t) throw syntax(this.ts[this.ts.length - 1], 'unexpected end of operand');
    return t;
  }

  operand(): Operand {
    const op = this.any();
    const t = this.peek();
    if (t) throw syntax(t, `unexpected '${t.s}' after the operand`);
    return op;
  }

  private holeKind(t: Token): number {
    return this.argKind(Number(t.n));
  }

  private holeClassOf(t: Token): HoleClass {
    const k = this.holeKind(t);
    const c = holeClass(k);
    if (!c) {
      const what = k === VK.STRING ? 'a string' : 'not an x64 value';
      throw new DynasmError(ErrorCodes.VALUE, `\${${t.n}} is ${what}: x64 operands take registers (rax, R64(n), xmm0, …), numbers, bigints, Labels and Mem objects (mem.qword(…))`, { line: t.line, column: t.col });
    }
    return c;
  }

  private any(): Operand {
    const t = this.peek()!;
    if (t.t === T.IDENT) {
      const low = t.s.toLowerCase();
      if (SIZE_WORDS[low] !== undefined) return this.sized();
      if (SEGS[low] !== undefined && isP(this.peek(1), ':')) return this.memory(0, t);
      const reg = REG_NAMES.get(low);
      if (reg) {
        this.next();
        if (reg.cls === 'rip') throw syntax(t, "rip is only a memory base: write '[rip + label]'");
        return { k: UO.REG, reg, hole: -1, kind: reg.kind, tok: t };
      }
      if (low === 'ptr') throw syntax(t, "'ptr' needs a size before it (qword ptr [...])");
      this.next();
      return { k: UO.LABEL, label: { type: 'name', name: t.s }, tok: t };
    }
    if (isP(t, '[')) return this.memory(0, t);
    if (t.t === T.LOCALREF) {
      this.next();
      return { k: UO.LABEL, label: { type: 'local', n: Number(t.n), dir: t.dir! }, tok: t };
    }
    if (t.t === T.HOLE) {
      const c = this.holeClassOf(t);
      this.next();
      const arg = Number(t.n);
      if (c === 'reg') return { k: UO.REG, reg: null, hole: arg, kind: this.holeKind(t), tok: t };
      if (c === 'imm') return { k: UO.IMM, value: 0, hole: arg, tok: t };
      if (c === 'label') return { k: UO.LABEL, label: { type: 'arg', arg }, tok: t };
      if (c === 'mem') return memObj(arg, 0, 0, t);
      throw syntax(t, "rip is only a memory base: write '[rip + label]'");
    }
    if (startsExpr(t)) {
      const r = parseExpr(this.ts, this.i);
      this.i = r.next;
      return { k: UO.IMM, value: norm(r.value), hole: -1, tok: t };
    }
    throw syntax(t, `unexpected '${t.s}'`);
  }

  /** `qword ptr [..]`, `qword [..]`, `qword ptr fs:[..]`, `qword ptr ${mem}`. */
  private sized(): Operand {
    const st = this.next();
    const size = SIZE_WORDS[st.s.toLowerCase()];
    const p = this.peek();
    if (p && p.t === T.IDENT && p.s.toLowerCase() === 'ptr') this.next();
    const t = this.peek();
    if (!t) throw syntax(st, `expected a memory operand after '${st.s}'`);
    if (t.t === T.HOLE) {
      if (this.holeClassOf(t) !== 'mem') throw new DynasmError(ErrorCodes.OPERAND, `\${${t.n}} after '${st.s} ptr' must be a memory operand (mem.ptr(...))`, { line: t.line, column: t.col, actual: KIND_NAMES[this.holeKind(t)] ?? 'a number or label' });
      this.next();
      return memObj(Number(t.n), size, 0, st);
    }
    return this.memory(size, st);
  }

  /** `[seg:] '[' terms ']'`, or `seg:const` (absolute). */
  private memory(size: number, first: Token): MemOp {
    let seg = 0;
    const s = this.peek();
    if (s && s.t === T.IDENT && SEGS[s.s.toLowerCase()] !== undefined && isP(this.peek(1), ':')) {
      seg = SEGS[s.s.toLowerCase()];
      this.next();
      this.next();
      const u = this.peek();
      if (u && u.t === T.HOLE && this.holeClassOf(u) === 'mem') {
        this.next();
        return memObj(Number(u.n), size, seg, first);
      }
      if (u && !isP(u, '[')) {
        // fs:0x28 — an absolute address.
        if (!startsExpr(u)) throw syntax(u, `expected '[' or an address after '${s.s}:'`);
        const r = parseExpr(this.ts, this.i);
        this.i = r.next;
        return { ...emptyMem(first, size, seg), disp: r.value };
      }
    }
    const open = this.peek();
    if (!isP(open, '[')) throw syntax(open ?? first, `expected '[' to start a memory operand`);
    this.next();
    // Collect tokens up to the matching ']'.
    const start = this.i;
    let depth = 0;
    for (;;) {
      const t = this.peek();
      if (!t) throw syntax(open!, "unbalanced '[': missing ']'");
      if (isP(t, '(')) depth++;
      else if (isP(t, ')')) depth--;
      else if (isP(t, '[')) throw syntax(t, "unexpected '[' inside a memory operand");
      else if (isP(t, ']') && depth === 0) break;
      this.i++;
    }
    const inner = this.ts.slice(start, this.i);
    this.next(); // ']'
    if (inner.length === 0) throw syntax(open!, 'empty memory operand');
    return new MemParser(inner, this.argKind, size, seg, open!).parse();
  }
}

function norm(v: bigint): number | bigint {
  return v >= -BigInt(Number.MAX_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

function emptyMem(tok: Token, size: number, seg: number): MemOp {
  return { k: UO.MEM, tok, size, seg, obj: -1, base: null, index: null, scale: 1, scaleHole: -1, scaleTok: null, disp: 0n, dispHoles: [], rip: false, label: null, labelTok: null };
}

function memObj(arg: number, size: number, seg: number, tok: Token): MemOp {
  return { ...emptyMem(tok, size, seg), obj: arg };
}

/** Tokens that can end a term (a following '+'/'-' is then binary and separates terms). */
function endsTerm(t: Token): boolean {
  return t.t === T.NUM || t.t === T.IDENT || t.t === T.HOLE || t.t === T.LOCALREF || isP(t, ')');
}

class MemParser {
  private base: RegLeaf | null = null;
  private index: RegLeaf | null = null;
  private scale = 1;
  private scaleHole = -1;
  private scaleTok: Token | null = null;
  private disp = 0n;
  private readonly dispHoles: DispHole[] = [];
  private rip = false;
  private label: LabelSyntax | null = null;
  private labelTok: Token | null = null;
  /** The first unscaled register came before an explicitly scaled one (`[rax + rbx*1]`). */
  private readonly regs: { leaf: RegLeaf; scaled: boolean; scale: number; scaleHole: number; scaleTok: Token | null }[] = [];

  constructor(
    private readonly ts: readonly Token[],
    private readonly argKind: (i: number) => number,
    private readonly size: number,
    private readonly seg: number,
    private readonly open: Token,
  ) {}

  parse(): MemOp {
    // Split into signed terms.
    let i = 0;
    const n = this.ts.length;
    while (i < n) {
      let neg = false;
      let sawSign = false;
      while (i < n && (isP(this.ts[i], '+') || isP(this.ts[i], '-'))) {
        if (this.ts[i].s === '-') neg = !neg;
        sawSign = true;
        i++;
      }
      if (i >= n) throw syntax(this.ts[n - 1], 'expected a term after the sign');
      if (!sawSign && this.regs.length + this.dispHoles.length > 0 && i > 0) throw syntax(this.ts[i], "expected '+' or '-' between terms");
      let j = i;
      let depth = 0;
      for (; j < n; j++) {
        const t = this.ts[j];
        if (isP(t, '(')) depth++;
        else if (isP(t, ')')) depth--;
        else if (depth === 0 && j > i && (isP(t, '+') || isP(t, '-')) && endsTerm(this.ts[j - 1])) break;
      }
      this.term(this.ts.slice(i, j), neg);
      i = j;
    }
    this.assign();
    return {
      k: UO.MEM,
      tok: this.open,
      size: this.size,
      seg: this.seg,
      obj: -1,
      base: this.base,
      index: this.index,
      scale: this.scale,
      scaleHole: this.scaleHole,
      scaleTok: this.scaleTok,
      disp: this.disp,
      dispHoles: this.dispHoles,
      rip: this.rip,
      label: this.label,
      labelTok: this.labelTok,
    };
  }

  private regLeaf(t: Token): RegLeaf | null {
    if (t.t === T.IDENT) {
      const r = REG_NAMES.get(t.s.toLowerCase());
      return r ? { reg: r, hole: -1, kind: r.kind, tok: t } : null;
    }
    if (t.t === T.HOLE) {
      const k = this.argKind(Number(t.n));
      const c = holeClass(k);
      if (c === 'reg' || c === 'rip') return { reg: null, hole: Number(t.n), kind: k, tok: t };
    }
    return null;
  }

  private constant(ts: readonly Token[]): bigint {
    const r = parseExpr(ts, 0);
    if (r.next !== ts.length) throw syntax(ts[r.next], `unexpected '${ts[r.next].s}' in a displacement`);
    return r.value;
  }

  private scaleOf(ts: readonly Token[], tok: Token): { scale: number; hole: number } {
    if (ts.length === 1 && ts[0].t === T.HOLE) {
      if (this.argKind(Number(ts[0].n)) !== VK.IMM) throw new DynasmError(ErrorCodes.OPERAND, `scale \${${ts[0].n}} must be a number (1, 2, 4 or 8)`, { line: ts[0].line, column: ts[0].col });
      return { scale: 0, hole: Number(ts[0].n) };
    }
    const v = this.constant(ts);
    if (v !== 1n && v !== 2n && v !== 4n && v !== 8n) throw new DynasmError(ErrorCodes.RANGE, `scale must be 1, 2, 4 or 8, got ${v}`, { line: tok.line, column: tok.col, expected: '1, 2, 4, 8', actual: String(v) });
    return { scale: Number(v), hole: -1 };
  }

  private term(ts: readonly Token[], neg: boolean): void {
    const t0 = ts[0];
    // reg, reg*scale
    const r0 = this.regLeaf(t0);
    if (r0) {
      if (neg) throw syntax(t0, 'a register cannot be subtracted in an address');
      if (ts.length === 1) return this.addReg(r0, false, 1, -1, null);
      if (!isP(ts[1], '*') || ts.length < 3) throw syntax(ts[1], `expected '*' and a scale after the register`);
      const s = this.scaleOf(ts.slice(2), ts[2]);
      return this.addReg(r0, true, s.scale, s.hole, ts[2]);
    }
    // scale*reg
    const star = ts.findIndex((t) => isP(t, '*'));
    if (star > 0 && star === ts.length - 2) {
      const r1 = this.regLeaf(ts[ts.length - 1]);
      if (r1) {
        if (neg) throw syntax(t0, 'a register cannot be subtracted in an address');
        const s = this.scaleOf(ts.slice(0, star), t0);
        return this.addReg(r1, true, s.scale, s.hole, t0);
      }
    }
    if (ts.some((t) => this.regLeaf(t))) throw syntax(t0, 'a register may only appear alone or as reg*scale in an address');
    if (t0.t === T.HOLE && ts.length === 1) {
      const k = this.argKind(Number(t0.n));
      if (k === VK.IMM) {
        this.dispHoles.push({ arg: Number(t0.n), neg, tok: t0 });
        return;
      }
      if (k === VK.LABEL) return this.addLabel({ type: 'arg', arg: Number(t0.n) }, neg, t0);
      throw new DynasmError(ErrorCodes.OPERAND, `\${${t0.n}} cannot be part of an address (${KIND_NAMES[k] ?? 'unsupported value'})`, { line: t0.line, column: t0.col });
    }
    if (t0.t === T.IDENT && ts.length === 1) {
      if (SIZE_WORDS[t0.s.toLowerCase()] !== undefined) throw syntax(t0, `the size '${t0.s}' goes before '['`);
      return this.addLabel({ type: 'name', name: t0.s }, neg, t0);
    }
    if (t0.t === T.LOCALREF && ts.length === 1) return this.addLabel({ type: 'local', n: Number(t0.n), dir: t0.dir! }, neg, t0);
    if (ts.some((t) => t.t === T.HOLE)) throw syntax(t0, 'an interpolated value must stand alone as a term (no arithmetic around it)');
    const v = this.constant(ts);
    this.disp += neg ? -v : v;
  }

  private addLabel(l: LabelSyntax, neg: boolean, t: Token): void {
    if (neg) throw syntax(t, 'a label cannot be subtracted in an address');
    if (this.label) throw syntax(t, 'only one label per address');
    this.label = l;
    this.labelTok = t;
  }

  private addReg(leaf: RegLeaf, scaled: boolean, scale: number, scaleHole: number, scaleTok: Token | null): void {
    if (this.regs.length >= 2) throw syntax(leaf.tok, 'at most two registers (base and index) in an address');
    this.regs.push({ leaf, scaled, scale, scaleHole, scaleTok });
  }

  /** Base and index from the registers as written (GNU as rules). */
  private assign(): void {
    const rs = this.regs;
    const isRip = (l: RegLeaf) => l.kind === XK.RIP;
    for (const r of rs) {
      if (r.leaf.kind !== XK.R64 && r.leaf.kind !== XK.RIP) {
        const what = KIND_NAMES[r.leaf.kind] ?? 'register';
        throw new DynasmError(ErrorCodes.REGCLASS, `${r.leaf.reg ? `'${r.leaf.reg.name}'` : `\${${r.leaf.hole}} (${what})`} cannot address memory: use a 64-bit register`, {
          line: r.leaf.tok.line,
          column: r.leaf.tok.col,
          expected: '64-bit register (rax..r15) or rip',
          actual: r.leaf.reg?.name ?? what,
        });
      }
    }
    if (rs.some((r) => isRip(r.leaf))) {
      if (rs.length > 1 || rs[0].scaled) throw syntax(rs[0].leaf.tok, 'rip takes no index register or scale');
      this.rip = true;
      if (this.dispHoles.length && this.label) throw syntax(this.dispHoles[0].tok, 'an interpolated displacement cannot be added to a label');
      return;
    }
    if (this.label) throw syntax(this.labelTok!, "a label in an address needs rip: write '[rip + label]'");
    if (rs.length === 1) {
      const r = rs[0];
      if (r.scaled) this.setIndex(r);
      else this.base = r.leaf;
    } else if (rs.length === 2) {
      const [a, b] = rs;
      if (a.scaled && b.scaled) throw syntax(b.leaf.tok, 'only one register can be scaled (the index)');
      if (a.scaled) {
        this.base = b.leaf;
        this.setIndex(a);
      } else if (b.scaled) {
        this.base = a.leaf;
        this.setIndex(b);
      } else if (b.leaf.reg && b.leaf.reg.num === 4 && !(a.leaf.reg && a.leaf.reg.num === 4)) {
        // `[rax + rsp]`: rsp cannot be an index, so GNU as makes it the base.
        this.base = b.leaf;
        this.setIndex(a);
      } else {
        this.base = a.leaf;
        this.setIndex(b);
      }
    }
    const idx = this.index;
    if (idx && idx.reg && idx.reg.num === 4) {
      throw new DynasmError(ErrorCodes.REGCLASS, 'rsp cannot be an index register', { line: idx.tok.line, column: idx.tok.col, expected: 'rax..r15 except rsp', actual: 'rsp' });
    }
  }

  private setIndex(r: { leaf: RegLeaf; scale: number; scaleHole: number; scaleTok: Token | null }): void {
    this.index = r.leaf;
    this.scale = r.scale;
    this.scaleHole = r.scaleHole;
    this.scaleTok = r.scaleTok;
  }
}
