// fast-check generators of A64 instruction text, derived from the compiled spec/a64 forms: every
// placeholder's type says which registers, values or names are legal, so a form's pattern gives its
// valid instructions, and mutating one placeholder gives (probably) invalid ones. Which of them are
// really valid is decided by the oracles, not by us.

import fc from 'fast-check';
import { EK, type Enc } from '../../src/arch/a64/encoders.js';
import type { Form } from '../../src/arch/a64/forms.js';
import { MODE, O, type Operand } from '../../src/arch/a64/operands.js';
import { regsOfClass, type RegClass } from '../../src/arch/a64/registers.js';
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
    default:
      throw new Error(`no bad-value generator for ${e.text}`);
  }
}

type Mut = { ph: string } | null;

function immText(p: Extract<Operand, { k: 2 }>, f: Form, mut: Mut): fc.Arbitrary<string> {
  if (!p.ph) return fc.constant(`#${p.value}`);
  const e = f.slots.get(p.ph)!.enc;
  const arb = mut?.ph === p.ph ? badValueArb(e) : valueArb(e);
  return arb.map((s) => `#${s}`);
}

function opText(p: Operand, f: Form, ctx: GenContext, mut: Mut): fc.Arbitrary<string> {
  switch (p.k) {
    case O.REG: {
      let names: fc.Arbitrary<string>;
      if (p.ph) {
        const e = f.slots.get(p.ph)!.enc;
        if (mut?.ph === p.ph) names = fc.constantFrom(...wrongRegNames(e));
        else {
          // Register 31 (sp / zr) is special in many forms: give it a quarter of the cases.
          const all = regNames(e);
          const special = all.filter((n) => /^(sp|wsp|xzr|wzr)$/.test(n));
          const plain = all.filter((n) => !special.includes(n));
          names = special.length ? fc.oneof({ arbitrary: fc.constantFrom(...plain), weight: 3 }, { arbitrary: fc.constantFrom(...special), weight: 1 }) : fc.constantFrom(...all);
        }
      } else names = fc.constant(p.tok.s);
      if (!p.index) return names;
      return fc.tuple(names, immText(p.index, f, mut)).map(([r, i]) => `${r}[${i.slice(1)}]`);
    }
    case O.IMM:
      return immText(p, f, mut);
    case O.SHIFT: {
      let name: fc.Arbitrary<string>;
      if (p.ph) {
        const e = f.slots.get(p.ph)!.enc;
        const names = e.values as string[];
        name = mut?.ph === p.ph ? fc.constantFrom(...['lsl', 'lsr', 'asr', 'ror', 'uxtb', 'sxtx', 'msl'].filter((n) => !names.includes(n))) : fc.constantFrom(...names);
      } else name = fc.constant(p.name!);
      if (!p.amount) return name;
      return fc.tuple(name, immText(p.amount, f, mut)).map(([n, a]) => `${n} ${a}`);
    }
    case O.MEM: {
      const parts: fc.Arbitrary<string>[] = [opText(p.base, f, ctx, mut)];
      if (p.offset) parts.push(opText(p.offset, f, ctx, mut));
      if (p.index) parts.push(opText(p.index, f, ctx, mut));
      if (p.ext) parts.push(opText(p.ext, f, ctx, mut));
      const inner = fc.tuple(...parts).map((xs) => `[${xs.join(', ')}]`);
      if (p.mode === MODE.PRE) return inner.map((s) => `${s}!`);
      if (p.mode === MODE.POST) return fc.tuple(inner, opText(p.post!, f, ctx, mut)).map(([m, q]) => `${m}, ${q}`);
      return inner;
    }
    case O.LABEL:
      return fc.constantFrom(...ctx.labels);
    case O.NAME: {
      if (!p.ph) return fc.constant(p.tok.s);
      const e = f.slots.get(p.ph)!.enc;
      if (e.kind === EK.COND) {
        if (mut?.ph === p.ph) return fc.constantFrom(...(e.noAlNv ? ['al', 'nv'] : ['xx', 'eqq']));
        return fc.constantFrom(...Object.keys(CONDITIONS).filter((c) => !e.noAlNv || (c !== 'al' && c !== 'nv')));
      }
      if (mut?.ph === p.ph) return fc.constant('bogus_name');
      return fc.constantFrom(...Object.keys(e.table));
    }
    default:
      throw new Error(`no generator for operand kind ${p.k}`);
  }
}

/** Instruction text of a form with valid operands (as far as its placeholder types tell). */
export function validInsn(f: Form, ctx: GenContext): fc.Arbitrary<string> {
  if (f.pattern.length === 0) return fc.constant(f.mn);
  return fc.tuple(...f.pattern.map((p) => opText(p, f, ctx, null))).map((ops) => `${f.mn} ${ops.join(', ')}`);
}

/** Placeholders that can be given a wrong value. */
function mutable(f: Form): string[] {
  return [...f.slots.entries()].filter(([, s]) => s.enc.kind !== EK.REL && !(s.enc.kind === EK.SYM)).map(([ph]) => ph);
}

/** Instruction text of a form with one placeholder given a wrong value (or null if nothing can be). */
export function invalidInsn(f: Form, ctx: GenContext): fc.Arbitrary<string> | null {
  const phs = mutable(f);
  if (!phs.length) return null;
  return fc.constantFrom(...phs).chain((ph) => fc.tuple(...f.pattern.map((p) => opText(p, f, ctx, { ph }))).map((ops) => `${f.mn} ${ops.join(', ')}`));
}
