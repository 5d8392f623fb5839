// Advanced SIMD data processing (spec/a64/simd.ts) against GNU as and llvm-mc: every form with random
// valid operands and with one operand made invalid (differential, see fp-harness.ts); register lists
// and element indices with interpolated registers and indices (every value checked against the bytes the
// oracles give for the same instruction written out, or refused like the oracles refuse it).
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.mock('../oracles/assemble.js', async (importOriginal) => {
  const m = await importOriginal<typeof import('../oracles/assemble.js')>();
  // Oracles with half precision on (the factory must not import a module that imports the mocked one).
  const { ORACLE_FLAGS } = await import('./fp-oracle-flags.js');
  return { ...m, assembleBatch: (arch: 'a64' | 'x64', tool: 'gnu' | 'llvm', lines: readonly string[], opts: { flags?: readonly string[]; link?: { base: bigint } } = {}) => m.assembleBatch(arch, tool, lines, { ...opts, flags: opts.flags ?? (arch === 'a64' ? ORACLE_FLAGS[tool] : undefined) }) };
});

import { Assembler, DynasmError, ErrorCodes, V, W, X } from '../../src/index.js';
import { assembleBatch, hex } from '../oracles/assemble.js';
import { describeProblems } from './diff.js';
import { checkClass, printReport, seed, unverifiedForms, type ClassReport } from './fp-harness.js';

const reports: ClassReport[] = [];

function bytesOf(f: (a: Assembler) => void): string {
  const a = new Assembler('a64');
  f(a);
  return hex(a.finalize());
}

function thrown(f: () => unknown): DynasmError {
  try {
    f();
  } catch (e) {
    if (e instanceof DynasmError) return e;
    throw e;
  }
  throw new Error('expected an error, none thrown');
}

/** Bytes both oracles give for each line (the test fails if they disagree or refuse). */
function oracleBytes(lines: readonly string[]): string[] {
  const g = assembleBatch('a64', 'gnu', lines);
  const l = assembleBatch('a64', 'llvm', lines);
  return lines.map((line, i) => {
    expect(g[i].bytes && l[i].bytes && hex(g[i].bytes!) === hex(l[i].bytes!), `${line}: ${g[i].error ?? ''} ${l[i].error ?? ''}`).toBe(true);
    return hex(g[i].bytes!);
  });
}

describe(`spec/a64 simd differential vs GNU as and llvm-mc (seed ${seed})`, () => {
  it('simd', () => {
    const { results, report } = checkClass('simd');
    reports.push(report);
    expect(describeProblems(results), `seed ${seed}`).toEqual([]);
    expect(unverifiedForms(results), `seed ${seed}: forms no case of which both oracles accepted`).toEqual([]);
  });
  afterAll(() => printReport(reports));
});


describe('register lists with interpolated registers', () => {
  const starts = Array.from({ length: 32 }, (_, i) => i);
  const regs = (r: number, n: number) => Array.from({ length: n }, (_, i) => `v${(r + i) & 31}.16b`);

  it('every first register and length (1–4, v31 wraps to v0): all members interpolated, written as a list and as a range', () => {
    const cases = starts.flatMap((r) => [1, 2, 3, 4].map((n) => [r, n] as const));
    const want = oracleBytes(cases.map(([r, n]) => `tbl v7.16b, {${regs(r, n).join(', ')}}, v9.16b`));
    cases.forEach(([r, n], i) => {
      const vs = Array.from({ length: n }, (_, k) => V((r + k) & 31));
      const got = bytesOf((a) => {
        if (n === 1) a.dynasm`tbl ${V(7)}.16b, {${vs[0]}.16b}, ${V(9)}.16b`;
        else if (n === 2) a.dynasm`tbl ${V(7)}.16b, {${vs[0]}.16b, ${vs[1]}.16b}, ${V(9)}.16b`;
        else if (n === 3) a.dynasm`tbl ${V(7)}.16b, {${vs[0]}.16b, ${vs[1]}.16b, ${vs[2]}.16b}, ${V(9)}.16b`;
        else a.dynasm`tbl ${V(7)}.16b, {${vs[0]}.16b, ${vs[1]}.16b, ${vs[2]}.16b, ${vs[3]}.16b}, ${V(9)}.16b`;
      });
      expect(got, `tbl {v${r}..+${n}}`).toBe(want[i]);
      if (n > 1) expect(bytesOf((a) => a.dynasm`tbl ${V(7)}.16b, {${vs[0]}.16b-${vs[n - 1]}.16b}, ${V(9)}.16b`), `range v${r}..+${n}`).toBe(want[i]);
    });
  });

  it('a constant member fixes the interpolated ones, and the reverse (checked per fill)', () => {
    const [want] = oracleBytes(['tbx v1.16b, {v30.16b, v31.16b, v0.16b}, v2.16b']);
    const lastConst = (r: number, s: number) => bytesOf((a) => a.dynasm`tbx ${V(1)}.16b, {${V(r)}.16b, ${V(s)}.16b, v0.16b}, ${V(2)}.16b`);
    const firstConst = (r: number, s: number) => bytesOf((a) => a.dynasm`tbx ${V(1)}.16b, {v30.16b, ${V(r)}.16b, ${V(s)}.16b}, ${V(2)}.16b`);
    expect(lastConst(30, 31)).toBe(want);
    expect(firstConst(31, 0)).toBe(want);
    for (const e of [thrown(() => lastConst(29, 30)), thrown(() => lastConst(30, 0)), thrown(() => firstConst(31, 1)), thrown(() => firstConst(0, 1))]) {
      expect(e.code).toBe(ErrorCodes.RANGE);
      expect(e.message).toContain('consecutive');
    }
  });

  it('refuses registers that are not consecutive, of another arrangement or class, and wrong counts (like both oracles)', () => {
    const bad = ['tbl v0.16b, {v1.16b, v3.16b}, v2.16b', 'tbl v0.16b, {v1.16b, v2.8b}, v3.16b', 'tbl v0.16b, {v1.16b-v5.16b}, v2.16b', 'tbl v0.16b, {v1.16b, v2.16b, v3.16b, v4.16b, v5.16b}, v6.16b', 'tbl v0.16b, {v31.16b, v1.16b}, v2.16b', 'tbl v0.16b, {q1, q2}, v3.16b'];
    const g = assembleBatch('a64', 'gnu', bad);
    const l = assembleBatch('a64', 'llvm', bad);
    bad.forEach((line, i) => {
      expect(g[i].bytes ?? l[i].bytes, line).toBeNull();
      expect(() => new Assembler('a64').assemble(line), line).toThrow(DynasmError);
    });
    // Interpolated: the consecutiveness of two interpolated members is checked when the plan is filled.
    const e = thrown(() => new Assembler('a64').dynasm`tbl ${V(0)}.16b, {${V(4)}.16b, ${V(6)}.16b}, ${V(1)}.16b`);
    expect(e.code).toBe(ErrorCodes.RANGE);
    expect(e.message).toContain('consecutive');
    expect(thrown(() => new Assembler('a64').dynasm`tbl ${V(0)}.16b, {${V(4)}.16b, ${X(5)}}, ${V(1)}.16b`).code).toBe(ErrorCodes.REGCLASS);
    const m = thrown(() => new Assembler('a64').assemble('tbl v0.16b, {v1.16b, v3.16b}, v2.16b')).message;
    expect(m).toContain('V register v2 (the registers of a list must be consecutive)');
  });
});

describe('element indices', () => {
  it('interpolated indices of ins/umov/dup give the bytes of the written instruction; out-of-range indices are refused', () => {
    const lines: string[] = [];
    for (let i = 0; i < 4; i++) lines.push(`mov v3.s[${i}], w5`, `umov w6, v7.s[${i}]`, `dup v1.4s, v2.s[${i}]`);
    for (let i = 0; i < 16; i++) lines.push(`mov v3.b[${i}], v4.b[${15 - i}]`);
    const want = oracleBytes(lines);
    let k = 0;
    for (let i = 0; i < 4; i++) {
      expect(bytesOf((a) => a.dynasm`mov ${V(3)}.s[${i}], ${W(5)}`)).toBe(want[k++]);
      expect(bytesOf((a) => a.dynasm`umov ${W(6)}, ${V(7)}.s[${i}]`)).toBe(want[k++]);
      expect(bytesOf((a) => a.dynasm`dup ${V(1)}.4s, ${V(2)}.s[${i}]`)).toBe(want[k++]);
    }
    for (let i = 0; i < 16; i++) expect(bytesOf((a) => a.dynasm`mov ${V(3)}.b[${i}], ${V(4)}.b[${15 - i}]`)).toBe(want[k++]);
    expect(thrown(() => new Assembler('a64').dynasm`mov ${V(3)}.s[${4}], ${W(5)}`).code).toBe(ErrorCodes.RANGE);
    expect(thrown(() => new Assembler('a64').dynasm`umov ${X(6)}, ${V(7)}.d[${2}]`).code).toBe(ErrorCodes.RANGE);
    // Written: the row of the right element size says why (other sizes' rows add their own reason).
    expect(thrown(() => new Assembler('a64').assemble('ins v3.h[8], w5')).message).toContain('8 is out of range: expected 0..7');
    expect(thrown(() => new Assembler('a64').assemble('mov v3.h[8], w5')).message).toContain('8 is out of range: expected 0..7');
    // 16-bit by-element forms take v0..v15 only (the register field has 4 bits).
    const [g16] = assembleBatch('a64', 'gnu', ['mul v0.4h, v1.4h, v16.h[1]']);
    const [l16] = assembleBatch('a64', 'llvm', ['mul v0.4h, v1.4h, v16.h[1]']);
    expect(g16.bytes ?? l16.bytes).toBeNull();
    expect(thrown(() => new Assembler('a64').assemble('mul v0.4h, v1.4h, v16.h[1]')).message).toContain('v0..v15');
    expect(thrown(() => new Assembler('a64').dynasm`mul ${V(0)}.4h, ${V(1)}.4h, ${V(16)}.h[1]`).message).toContain('v0..v15');
    const [w15] = oracleBytes(['fmla v0.8h, v1.8h, v15.h[7]']);
    expect(bytesOf((a) => a.dynasm`fmla ${V(0)}.8h, ${V(1)}.8h, ${V(15)}.h[${7}]`)).toBe(w15);
  });
});
