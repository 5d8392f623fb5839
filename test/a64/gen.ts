// fast-check generators of A64 instruction text, derived from the compiled spec/a64 forms: every
// placeholder's type says which registers, values or names are legal, so a form's pattern gives its
// valid instructions, and mutating one placeholder gives (probably) invalid ones. Which of them are
// really valid is decided by the oracles, not by us.

import fc from 'fast-check';
import { EK, type Enc } from '../../src/arch/a64/encoders.js';
import type { Form } from '../../src/arch/a64/forms.js';
import { MODE, O, type Operand } from '../../src/arch/a64/operands.js';
import { REG_NAMES, regsOfClass, type RegClass } from '../../src/arch/a64/registers.js';
import { evalExpr } from '../../src/arch/a64/rowexpr.js';
import { CONDITIONS } from '../../spec/a64/symbols.js';

export interface GenContext {
  /** Label names the instruction may reference (defined in the batch). */
  readonly labels: readonly string[];
}

const REG_CLASSES: Record<string, RegClass[]> = {
  x: ['x', 'xzr'],
  xsp: ['x', 'sp'],
  w: ['w', 'wzr'],
  wsp: ['w', 'wsp'],
};

function regNames(e: Enc): string[] {
  if (e.text.startsWith('v.')) return regsOfClass('v').map((r) => `${r.name}.${e.arrangement}`);
  const classes = REG_CLASSES[e.text] ?? [e.text as RegClass];
  return classes.flatMap((c) => regsOfClass(c).map((r) => r.name));
}

/** A wrong-class register for a register type (w for x, xzr for xsp, …). */
function wrongRegNames(e: Enc): string[] {
  switch (e.text) {
    case 'x':
      return ['w3', 'sp', 'w17'];
    case 'xsp':
      return ['xzr', 'w5'];
    case 'w':
      return ['x3', 'wsp', 'x30'];
    case 'wsp':
      return ['wzr', 'x9'];
    default:
      // A V register with another arrangement (or none) for arrangement types.
      if (e.arrangement) return [`v1.${e.arrangement === '4s' ? '2d' : '4s'}`, 'v2', 'x1'];
      return ['x1', 'w1'];
  }
}

const MASK64 = (1n << 64n) - 1n;

function bitmaskValue(size: number, e: number, ones: number, rot: number): bigint {
  const em = (1n << BigInt(e)) - 1n;
  const run = (1n << BigInt(ones)) - 1n;
  const r = BigInt(rot % e);
  const pat = ((run >> r) | (run << (BigInt(e) - r))) & em;
  let v = 0n;
  for (let i = 0; i < size; i += e) v |= pat << BigInt(i);
  return v;
}

function fmtUnsigned(v: bigint, size: number, style: number): string {
  if (style === 1 && v >= 1n << BigInt(size - 1)) return `-${(1n << BigInt(size)) - v}`; // negative reading
  return style === 2 ? v.toString() : `0x${v.toString(16)}`;
}

/** Valid values of a numeric encoder, as text (without '#'). */
function valueArb(e: Enc): fc.Arbitrary<string> {
  switch (e.kind) {
    case EK.NUM: {
      const step = 1 << e.shift;
      const n = (e.max - e.min) / step;
      return fc.oneof(fc.integer({ min: 0, max: n }), fc.constantFrom(0, n)).map((k) => String(e.min + k * step));
    }
    case EK.LIST:
      return fc.constantFrom(...e.values.map(String));
    case EK.BIMM: {
      const sizes = [2, 4, 8, 16, 32, 64].filter((s) => s <= e.size);
      return fc
        .record({ es: fc.constantFrom(...sizes), a: fc.nat(), b: fc.nat(), style: fc.integer({ min: 0, max: 2 }) })
        .map(({ es, a, b, style }) => fmtUnsigned(bitmaskValue(e.size, es, 1 + (a % (es - 1)), b % es), e.size, style));
    }
    case EK.FPIMM:
      // ±n/16·2^r; integral values as `#n`, others without '#' (both oracles accept either).
      return fc.record({ neg: fc.boolean(), n: fc.integer({ min: 16, max: 31 }), r: fc.integer({ min: -3, max: 4 }) }).map(({ neg, n, r }) => fpText(((neg ? -n : n) / 16) * 2 ** r));
    case EK.FZERO:
      return fc.constant('0.0');
    case EK.BYTEMASK:
      return fc.integer({ min: 0, max: 255 }).map((m) => {
        let v = 0n;
        for (let i = 0; i < 8; i++) if (m & (1 << i)) v |= 0xffn << BigInt(8 * i);
        return `#0x${v.toString(16)}`;
      });
    case EK.MOVZ:
    case EK.MOVN:
      return fc.record({ hw: fc.integer({ min: 0, max: e.size / 16 - 1 }), imm: fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.constant(0xffff)), style: fc.integer({ min: 0, max: 2 }) }).map(({ hw, imm, style }) => {
        let v = BigInt(imm) << BigInt(16 * hw);
        if (e.kind === EK.MOVN) v = ~v & (e.size === 64 ? MASK64 : 0xffffffffn);
        return fmtUnsigned(v, e.size, style);
      });
    default:
      throw new Error(`no value generator for ${e.text}`);
  }
}

/** Values the encoder should reject (out of range, misaligned, unencodable). */
function badValueArb(e: Enc): fc.Arbitrary<string> {
  switch (e.kind) {
    case EK.NUM: {
      const step = 1 << e.shift;
      const opts = [e.max + step, e.min - step];
      if (step > 1) opts.push(e.min + step / 2, e.max - 1);
      return fc.constantFrom(...opts.map(String));
    }
    case EK.LIST: {
      const nums = e.values as number[];
      return fc.constantFrom(String(Math.max(...nums) + 1), String(Math.min(...nums) - 1), String(nums[0] + 3));
    }
    case EK.BIMM:
      return fc.constantFrom('0', e.size === 64 ? '0xffffffffffffffff' : '0xffffffff', '0x12345678', '0x5', '0xf0f0f0f1');
    case EK.MOVZ:
    case EK.MOVN:
      return fc.constantFrom('0x10001', '0x12340000ffff', '-0x10002', '0x123456');
    case EK.FPIMM:
      return fc.constantFrom('0.1', '#32', '-0.0', '0.0625', '31.5', '1.03125', '#0');
    case EK.FZERO:
      return fc.constantFrom('1.0', '-0.0', '#1');
    case EK.BYTEMASK:
      return fc.constantFrom('#0x1234', '#0xff00ff00ff00ff01', '#0x80', '#-2');
    default:
      throw new Error(`no bad-value generator for ${e.text}`);
  }
}

type Mut = { ph: string } | null;

/** Generated operand text and the values it gives placeholders (slot variable index → value), for `check` clauses. */
interface Gen {
  readonly t: string;
  readonly b: readonly (readonly [number, number])[];
}

const g = (t: string, b: readonly (readonly [number, number])[] = []): Gen => ({ t, b });

function bindValue(text: string): number {
  const neg = text.startsWith('-');
  const v = BigInt(neg ? text.slice(1) : text);
  return Number(BigInt.asIntN(32, neg ? -v : v));
}

/** An FP value as both oracles read it: `#n` if integral, else a decimal without '#'. */
function fpText(x: number): string {
  return Number.isInteger(x) ? `#${x}` : String(x);
}

function immText(p: Extract<Operand, { k: 2 }>, f: Form, mut: Mut): fc.Arbitrary<Gen> {
  if (!p.ph) return fc.constant(g(`#${p.value}`));
  const slot = f.slots.get(p.ph)!;
  // FP immediates and byte masks come with their own '#' (or none); they feed no check clause.
  if (slot.enc.takesFloat || slot.enc.kind === EK.BYTEMASK) return (mut?.ph === p.ph ? badValueArb(slot.enc) : valueArb(slot.enc)).map((s) => g(s));
  const arb = mut?.ph === p.ph ? badValueArb(slot.enc) : valueArb(slot.enc);
  return arb.map((s) => g(`#${s}`, [[slot.v, bindValue(s)]]));
}

function opText(p: Operand, f: Form, ctx: GenContext, mut: Mut): fc.Arbitrary<Gen> {
  switch (p.k) {
    case O.REG: {
      let names: fc.Arbitrary<string>;
      let v = -1;
      if (p.ph) {
        const slot = f.slots.get(p.ph)!;
        const e = slot.enc;
        v = slot.v;
        if (mut?.ph === p.ph) names = fc.constantFrom(...wrongRegNames(e));
        else {
          // Half the cases from a few registers (0..3, 30, 31) so that pairs and sp/zr cases come up often.
          const all = regNames(e);
          const few = all.filter((n) => /^[a-z]+(0|1|2|3|30)(\.|$)|^(sp|wsp|xzr|wzr)$/.test(n));
          names = fc.oneof(fc.constantFrom(...all), fc.constantFrom(...few));
        }
      } else names = fc.constant(p.tok.s);
      const reg = names.map((n) => g(n, v >= 0 ? [[v, REG_NAMES.get(n.split('.')[0])?.num ?? 0]] : []));
      if (!p.index) return reg;
      return fc.tuple(reg, immText(p.index, f, mut)).map(([r, i]) => g(`${r.t}[${i.t.slice(1)}]`, [...r.b, ...i.b]));
    }
    case O.IMM:
      return immText(p, f, mut);
    case O.SHIFT: {
      let name: fc.Arbitrary<Gen>;
      if (p.ph) {
        const slot = f.slots.get(p.ph)!;
        const names = slot.enc.values as string[];
        const pick = mut?.ph === p.ph ? fc.constantFrom(...['lsl', 'lsr', 'asr', 'ror', 'uxtb', 'sxtx', 'msl'].filter((n) => !names.includes(n))) : fc.constantFrom(...names);
        name = pick.map((n) => g(n, names.includes(n) ? [[slot.v, slot.enc.codes[names.indexOf(n)]]] : []));
      } else name = fc.constant(g(p.name!));
      if (!p.amount) return name;
      return fc.tuple(name, immText(p.amount, f, mut)).map(([n, a]) => g(`${n.t} ${a.t}`, [...n.b, ...a.b]));
    }
    case O.MEM: {
      const parts: fc.Arbitrary<Gen>[] = [opText(p.base, f, ctx, mut)];
      if (p.offset) parts.push(opText(p.offset, f, ctx, mut));
      if (p.index) parts.push(opText(p.index, f, ctx, mut));
      if (p.ext) parts.push(opText(p.ext, f, ctx, mut));
      const inner = fc.tuple(...parts).map((xs) => g(`[${xs.map((x) => x.t).join(', ')}]`, xs.flatMap((x) => x.b)));
      if (p.mode === MODE.PRE) return inner.map((x) => g(`${x.t}!`, x.b));
      if (p.mode === MODE.POST) return fc.tuple(inner, opText(p.post!, f, ctx, mut)).map(([m, q]) => g(`${m.t}, ${q.t}`, [...m.b, ...q.b]));
      return inner;
    }
    case O.LABEL:
      return fc.constantFrom(...ctx.labels).map((l) => g(l));
    case O.LIST: {
      const slot = f.slots.get(p.ph!)!;
      const e = slot.enc;
      const n = e.count;
      const a = e.arrangement!;
      // First register from all 32 or from a few that make wrap-around (v31 -> v0) common.
      const first = fc.oneof(fc.integer({ min: 0, max: 31 }), fc.constantFrom(0, 1, 29, 30, 31));
      const reg = (r: number, arr = a) => `v${r & 31}.${arr}`;
      let list: fc.Arbitrary<Gen>;
      if (mut?.ph === p.ph) {
        // Not consecutive, one register too many or too few, or another arrangement.
        list = fc.tuple(first, fc.integer({ min: 0, max: 2 })).map(([r, how]) => {
          const len = how === 1 ? (n === 4 ? 3 : n + 1) : n;
          const regs = Array.from({ length: len }, (_, i) => reg(r + (how === 0 && i > 0 ? i + 1 : i), how === 2 ? (a === '4s' ? '2d' : '4s') : a));
          return g(`{${regs.join(', ')}}`);
        });
      } else {
        list = fc.tuple(first, fc.boolean()).map(([r, range]) => {
          const regs = Array.from({ length: n }, (_, i) => reg(r + i));
          // GNU as refuses a range that wraps ({v31.4s-v0.4s}; llvm-mc takes it): such lists are written out.
          return g(range && n > 1 && r + n - 1 <= 31 ? `{${regs[0]}-${regs[n - 1]}}` : `{${regs.join(', ')}}`, [[slot.v, r]]);
        });
      }
      if (!p.index) return list;
      return fc.tuple(list, immText(p.index, f, mut)).map(([l, i]) => g(`${l.t}[${i.t.slice(1)}]`, [...l.b, ...i.b]));
    }
    case O.NAME: {
      if (!p.ph) return fc.constant(g(p.tok.s));
      const slot = f.slots.get(p.ph)!;
      const e = slot.enc;
      if (e.kind === EK.COND) {
        if (mut?.ph === p.ph) return fc.constantFrom(...(e.noAlNv ? ['al', 'nv'] : ['xx', 'eqq'])).map((n) => g(n));
        const names = Object.keys(CONDITIONS).filter((c) => !e.noAlNv || (c !== 'al' && c !== 'nv'));
        return fc.constantFrom(...names).map((n) => g(n, [[slot.v, (CONDITIONS as Record<string, number>)[n]]]));
      }
      if (mut?.ph === p.ph) return fc.constant(g('bogus_name'));
      return fc.constantFrom(...Object.keys(e.table)).map((n) => g(n, [[slot.v, e.table[n]]]));
    }
    default:
      throw new Error(`no generator for operand kind ${p.k}`);
  }
}

function satisfiesChecks(f: Form, binds: readonly (readonly [number, number])[]): boolean {
  if (!f.checks.length) return true;
  const vars = f.varInit.slice();
  for (const [v, x] of binds) if (v >= 0) vars[v] = x;
  return f.checks.every((c) => evalExpr(c, vars) !== 0);
}

function insn(f: Form, ctx: GenContext, mut: Mut): fc.Arbitrary<{ text: string; binds: readonly (readonly [number, number])[] }> {
  return fc.tuple(...f.pattern.map((p) => opText(p, f, ctx, mut))).map((ops) => ({ text: `${f.mn} ${ops.map((o) => o.t).join(', ')}`, binds: ops.flatMap((o) => o.b) }));
}

/** Instruction text of a form with valid operands (as far as its placeholder types and checks tell). */
export function validInsn(f: Form, ctx: GenContext): fc.Arbitrary<string> {
  if (f.pattern.length === 0) return fc.constant(f.mn);
  return insn(f, ctx, null)
    .filter((x) => satisfiesChecks(f, x.binds))
    .map((x) => x.text);
}

/** Placeholders that can be given a wrong value. */
function mutable(f: Form): string[] {
  return [...f.slots.entries()].filter(([, s]) => s.enc.kind !== EK.REL && s.enc.kind !== EK.SYM && s.v >= 0).map(([ph]) => ph);
}

/** Instruction text of a form with one placeholder given a wrong value (or null if nothing can be). */
export function invalidInsn(f: Form, ctx: GenContext): fc.Arbitrary<string> | null {
  const phs = mutable(f);
  if (!phs.length) return null;
  return fc.constantFrom(...phs).chain((ph) => insn(f, ctx, { ph }).map((x) => x.text));
}
