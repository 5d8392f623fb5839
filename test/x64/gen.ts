// fast-check generators of x86-64 instructions, derived from the compiled spec/x64 forms: every operand
// type says which registers, memory operands and values are legal, so a form gives its valid
// instructions, and mutating one operand gives (probably) invalid ones. Which of them really are valid
// is decided by the oracles (GNU as, llvm-mc), not by us.
//
// A case is produced twice: as text (every operand written out: the plan-time path) and as a template
// with registers, immediates and address parts interpolated (the fill-time path), sometimes with a
// whole Mem object for the memory operand.

import fc from 'fast-check';
import { describeImm, immRanges } from '../../src/arch/x64/encoders.js';
import { OT, type Form, type OpType } from '../../src/arch/x64/forms.js';
import { mem as memMaker, type Mem } from '../../src/arch/x64/mem.js';
import { regsOfClass, type X64Reg, type X64RegClass } from '../../src/arch/x64/registers.js';

/** A piece of a case: literal text, or an interpolated value with its text. */
export type Piece = string | { readonly v: unknown; readonly txt: string };

export interface X64Case {
  /** The instruction as text. */
  readonly text: string;
  /** The same for GNU as and llvm-mc (NASM-style `qword [..]` spelled `qword ptr [..]`). */
  readonly oracle: string;
  /** The same instruction as a template: pieces. */
  readonly pieces: readonly Piece[];
  /** Generated as valid (true) or with a deliberately wrong operand (false). */
  readonly valid: boolean;
  /**
   * An immediate of an 8/16/32-bit operation outside −2^(N−1)..2^N−1 (read as 64-bit two's complement),
   * or a 64-bit one outside −2^63..2^64−1: we reject it; GNU as and llvm-mc truncate it, GNU sometimes
   * without a warning (`add al, 0xff81`, `mov rbx, -9223372036854775809`).
   */
  readonly truncates: boolean;
  /** Key to group results by (the form). */
  readonly key: string;
  readonly what: string;
}

export const LABELS = ['Lx0', 'Lx1'];

const SIZE_WORD: Record<number, string> = { 1: 'byte', 2: 'word', 4: 'dword', 8: 'qword', 16: 'xmmword', 32: 'ymmword' };
const MAKER: Record<number, (b: X64Reg | null, i?: X64Reg | number | null, s?: number, d?: number) => Mem> = {
  1: memMaker.byte as never,
  2: memMaker.word as never,
  4: memMaker.dword as never,
  8: memMaker.qword as never,
  16: memMaker.xmmword as never,
  32: memMaker.ymmword as never,
};

const hexs = (v: bigint): string => (v < 0n ? `-0x${(-v).toString(16)}` : `0x${v.toString(16)}`);
const num = (v: bigint): number | bigint => (v >= -(2n ** 53n) && v <= 2n ** 53n ? Number(v) : v);

const reg = (r: X64Reg): Piece[] => [{ v: r, txt: r.name }];

function regArb(cls: X64RegClass): fc.Arbitrary<X64Reg> {
  const rs = cls === 'r8' ? [...regsOfClass('r8'), ...regsOfClass('r8h')] : regsOfClass(cls);
  return fc.constantFrom(...rs);
}

/** A value inside one of the type's ranges, boundaries often. */
function immArb(t: OpType, osz: number): fc.Arbitrary<bigint> {
  const rs = immRanges(t, osz);
  return fc.oneof(
    ...rs.map(([lo, hi]) => fc.oneof({ weight: 1, arbitrary: fc.constantFrom(lo, hi, 0n, 1n, lo + 1n, hi - 1n).filter((v) => v >= lo && v <= hi) }, { weight: 2, arbitrary: fc.bigInt({ min: lo, max: hi }) })),
  );
}

/** Values just outside the type's ranges, and whether they are "lax" (see X64Case.truncates). */
function badImms(t: OpType, osz: number): { v: bigint; lax: boolean }[] {
  const K = BigInt(t.bits);
  const N = BigInt(osz);
  if ((t.sext || t.bits === osz) && osz < 64) {
    return [-(1n << (N - 1n)) - 1n, 1n << N, (1n << N) + 5n].map((v) => ({ v, lax: true }));
  }
  const rs = immRanges(t, osz);
  if (t.bits === 64) return [-(1n << 63n) - 1n, 1n << 64n].map((v) => ({ v, lax: true }));
  const out = [rs[0][0] - 1n, rs[rs.length - 1][1] + 1n];
  if (t.sext) out.push(1n << (K - 1n), -(1n << (K - 1n)) - 1n);
  return out.map((v) => ({ v, lax: false }));
}

/** 64-bit two's complement reading, as the assembler does. */
export function lax(v: bigint, osz: number): boolean {
  if (osz >= 64) return false;
  const x = v >= 1n << 63n && v < 1n << 64n ? v - (1n << 64n) : v;
  return x < -(1n << BigInt(osz - 1)) || x >= 1n << BigInt(osz);
}

function immPieces(v: bigint, hole: boolean): Piece[] {
  const txt = v > 9n && v % 3n === 0n ? hexs(v) : String(v);
  return hole ? [{ v: num(v), txt }] : [txt];
}

interface MemSpec {
  base: X64Reg | null;
  index: X64Reg | null;
  scale: number;
  disp: number;
  rip: 'no' | 'disp' | 'label';
  label: string;
}

const R64 = regsOfClass('r64');
const IDX = R64.filter((r) => r.num !== 4);

const dispArb = fc.oneof(
  fc.constantFrom(0, 1, -1, 127, -128, 128, -129, 0x7fffffff, -0x80000000, 8, 0x40),
  fc.integer({ min: -128, max: 127 }),
  fc.integer({ min: -0x80000000, max: 0x7fffffff }),
);

const memArb: fc.Arbitrary<MemSpec> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ base: fc.constantFrom(...R64), index: fc.option(fc.constantFrom(...IDX), { freq: 2 }), scale: fc.constantFrom(1, 2, 4, 8), disp: dispArb, rip: fc.constant('no' as const), label: fc.constant('') }) },
  { weight: 1, arbitrary: fc.record({ base: fc.constant(null), index: fc.option(fc.constantFrom(...IDX), { freq: 3 }), scale: fc.constantFrom(1, 2, 4, 8), disp: dispArb, rip: fc.constant('no' as const), label: fc.constant('') }) },
  { weight: 1, arbitrary: fc.record({ base: fc.constant(null), index: fc.constant(null), scale: fc.constant(1), disp: fc.integer({ min: -0x80000000, max: 0x7fffffff }), rip: fc.constantFrom('disp' as const, 'label' as const), label: fc.constantFrom(...LABELS) }) },
);

/** Memory operand pieces; `style` 0 text parts, 1 interpolated parts, 2 a Mem object. */
function memPieces(m: MemSpec, size: number, sizeStyle: 'ptr' | 'nasm' | 'none', hole: boolean, obj: boolean): Piece[] {
  const sz = sizeStyle === 'none' ? '' : sizeStyle === 'nasm' ? `${SIZE_WORD[size]} ` : `${SIZE_WORD[size]} ptr `;
  if (m.rip !== 'no') {
    if (m.rip === 'label') return [`${sz}[rip + ${m.label}]`];
    const d = m.disp;
    if (hole) return [`${sz}[rip + `, { v: d, txt: String(d) }, ']'];
    return [`${sz}[rip ${d < 0 ? '-' : '+'} ${Math.abs(d)}]`];
  }
  const idxText = m.index ? `${m.index.name}*${m.scale}` : '';
  const text = [m.base?.name, idxText].filter(Boolean).join(' + ');
  if (obj && size && sizeStyle !== 'none') {
    const mk = MAKER[size];
    const o = m.index ? mk(m.base, m.index, m.scale, m.disp) : mk(m.base, m.disp);
    const dtxt = m.disp === 0 ? '' : m.disp < 0 ? ` - ${-m.disp}` : ` + ${m.disp}`;
    return [{ v: o, txt: `${SIZE_WORD[size]} ptr [${text || '0'}${text ? dtxt : ''}]` }];
  }
  const out: Piece[] = [`${sz}[`];
  let first = true;
  if (m.base) {
    out.push(...(hole ? reg(m.base) : [m.base.name]));
    first = false;
  }
  if (m.index) {
    if (!first) out.push(' + ');
    if (hole) out.push({ v: m.index, txt: m.index.name }, '*', { v: m.scale, txt: String(m.scale) });
    else out.push(`${m.index.name}*${m.scale}`);
    first = false;
  }
  if (m.disp !== 0 || first) {
    if (first) out.push(hole ? { v: m.disp, txt: String(m.disp) } : String(m.disp));
    else if (hole) out.push(' + ', { v: m.disp, txt: String(m.disp) });
    else out.push(m.disp < 0 ? ` - ${-m.disp}` : ` + ${m.disp}`);
  }
  out.push(']');
  return out;
}

function render(pieces: readonly Piece[]): string {
  return pieces.map((p) => (typeof p === 'string' ? p : p.txt)).join('');
}

interface OpGen {
  /** Text and template pieces of the operand. */
  pieces(hole: boolean): Piece[];
}

function opArb(f: Form, t: OpType, holeStyle: fc.Arbitrary<{ obj: boolean; size: 'ptr' | 'nasm' | 'none' }>): fc.Arbitrary<OpGen> {
  switch (t.t) {
    case OT.REG:
      return regArb(t.cls!).map((r) => ({ pieces: (h: boolean) => (h ? reg(r) : [r.name]) }));
    case OT.FIXED:
      return fc.constant({ pieces: () => [t.text] });
    case OT.ONE:
      return fc.constant({ pieces: (h: boolean) => (h ? [{ v: t.num, txt: String(t.num) }] : [String(t.num)]) });
    case OT.IMM:
      return immArb(t, f.osz).map((v) => ({ pieces: (h: boolean) => immPieces(v, h) }));
    case OT.REL:
      return fc.constantFrom(...LABELS).map((l) => ({ pieces: () => [l] }));
    case OT.MEM:
    case OT.RM: {
      const memOp = fc.tuple(memArb, holeStyle).map(([m, hs]) => ({ pieces: (h: boolean) => memPieces(m, t.msize, t.msize === 0 ? 'none' : hs.size, h, h && hs.obj && m.rip === 'no') }));
      if (t.t === OT.MEM) return memOp;
      return fc.oneof(regArb(t.cls!).map((r) => ({ pieces: (h: boolean) => (h ? reg(r) : [r.name]) })), memOp);
    }
  }
  throw new Error(`operand type ${t.text}`);
}

const holeStyleArb = fc.record({
  obj: fc.boolean(),
  size: fc.constantFrom<'ptr' | 'nasm' | 'none'>('ptr', 'ptr', 'ptr', 'ptr', 'nasm', 'none'),
});

function caseOf(f: Form, ops: readonly OpGen[], valid: boolean, truncates: boolean, what: string): X64Case {
  const mk = (h: boolean): Piece[] => {
    const out: Piece[] = [`${f.mn}${ops.length ? ' ' : ''}`];
    ops.forEach((o, i) => {
      if (i) out.push(', ');
      out.push(...o.pieces(h));
    });
    return out;
  };
  const text = render(mk(false));
  const oracle = text.replace(/\b(byte|word|dword|qword|xmmword|ymmword) \[/g, '$1 ptr [');
  return { text, oracle, pieces: mk(true), valid, truncates, key: `${f.mn} ${f.row.ops} | ${f.row.op}`, what };
}

/** `n` valid cases of form `f` (the oracles decide; e.g. ah with a REX register is generated too). */
export function validCases(f: Form, n: number, seed: number): X64Case[] {
  if (f.types.length === 0) return [caseOf(f, [], true, false, 'valid')];
  const arb = fc.tuple(...f.types.map((t) => opArb(f, t, holeStyleArb)));
  return fc.sample(arb, { numRuns: n, seed }).map((ops) => caseOf(f, ops, true, false, 'valid'));
}

const WRONG_CLASS: Record<string, X64RegClass[]> = { r8: ['r16', 'r32'], r16: ['r8', 'r32'], r32: ['r64', 'r16'], r64: ['r32', 'xmm'], xmm: ['ymm', 'r64'], ymm: ['xmm', 'r32'] };

/** Invalid variants of form `f`: one operand replaced by a wrong register class, an out-of-range
 * immediate, a bad scale or an rsp index. */
export function invalidCases(f: Form, n: number, seed: number): X64Case[] {
  const out: X64Case[] = [];
  if (f.types.length === 0) return out;
  const base = fc.sample(fc.tuple(...f.types.map((t) => opArb(f, t, holeStyleArb))), { numRuns: n, seed });
  base.forEach((ops, k) => {
    const i = k % f.types.length;
    const t = f.types[i];
    const rnd = fc.sample(fc.integer({ min: 0, max: 1 << 20 }), { numRuns: 1, seed: seed + k })[0];
    const o = ops.slice();
    if (t.t === OT.IMM) {
      const bads = badImms(t, f.osz);
      const { v, lax } = bads[rnd % bads.length];
      o[i] = { pieces: (h) => immPieces(v, h) };
      out.push(caseOf(f, o, false, lax, `imm out of range (${describeImm(t, f.osz)})`));
    } else if ((t.t === OT.REG || t.t === OT.RM) && t.cls && WRONG_CLASS[t.cls]) {
      const cls = WRONG_CLASS[t.cls][rnd % 2];
      const rs = regsOfClass(cls);
      const r = rs[rnd % rs.length];
      o[i] = { pieces: (h) => (h ? reg(r) : [r.name]) };
      // Immediates small enough for any operation size: the case is about the register class.
      f.types.forEach((u, j) => {
        if (u.t === OT.IMM) o[j] = { pieces: (h) => immPieces(BigInt(j + 3), h) };
      });
      out.push(caseOf(f, o, false, false, `${cls} for ${t.text}`));
    } else if (t.t === OT.MEM || t.t === OT.RM) {
      const bad = rnd % 2 === 0 ? `${SIZE_WORD[t.msize || 8]} ptr [rax + rsp*2]` : `${SIZE_WORD[t.msize || 8]} ptr [rax + rbx*3]`;
      o[i] = { pieces: () => [bad] };
      out.push(caseOf(f, o, false, false, 'bad address'));
    }
  });
  return out;
}

export { render };
