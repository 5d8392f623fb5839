// Advanced SIMD structure loads and stores (spec/a64/simd-ldst.ts) against GNU as and llvm-mc: every form
// with random valid operands and with one operand made invalid (differential, see fp-harness.ts), and
// lane indices and post-index registers interpolated.
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.mock('../oracles/assemble.js', async (importOriginal) => {
  const m = await importOriginal<typeof import('../oracles/assemble.js')>();
  // Oracles with half precision on (the factory must not import a module that imports the mocked one).
  const { ORACLE_FLAGS } = await import('./fp-oracle-flags.js');
  return { ...m, assembleBatch: (arch: 'a64' | 'x64', tool: 'gnu' | 'llvm', lines: readonly string[], opts: { flags?: readonly string[]; link?: { base: bigint } } = {}) => m.assembleBatch(arch, tool, lines, { ...opts, flags: opts.flags ?? (arch === 'a64' ? ORACLE_FLAGS[tool] : undefined) }) };
});

import { Assembler, DynasmError, ErrorCodes, V, X } from '../../src/index.js';
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

describe(`spec/a64 simd-ldst differential vs GNU as and llvm-mc (seed ${seed})`, () => {
  it('simd-ldst', () => {
    const { results, report } = checkClass('simd-ldst');
    reports.push(report);
    expect(describeProblems(results), `seed ${seed}`).toEqual([]);
    expect(unverifiedForms(results), `seed ${seed}: forms no case of which both oracles accepted`).toEqual([]);
  });
  afterAll(() => printReport(reports));
});



describe('structure loads/stores with interpolated operands', () => {
  it('lane indices, lists and post-index registers interpolated give the bytes of the written instruction', () => {
    const lines: string[] = [];
    for (let i = 0; i < 16; i++) lines.push(`ld4 {v${(29 + i) & 31}.b, v${(30 + i) & 31}.b, v${(31 + i) & 31}.b, v${(32 + i) & 31}.b}[${i}], [x${i}], x${30 - i}`);
    for (let i = 0; i < 8; i++) lines.push(`st2 {v${i}.h, v${i + 1}.h}[${i}], [sp], #4`);
    for (let i = 0; i < 4; i++) lines.push(`ld1 {v${i}.s}[${i}], [x3]`, `st3 {v7.s, v8.s, v9.s}[${i}], [x4], #12`);
    for (let i = 0; i < 2; i++) lines.push(`ld1 {v31.d}[${i}], [x5], x6`);
    const want = oracleBytes(lines);
    let k = 0;
    for (let i = 0; i < 16; i++) {
      const r = (n: number) => V((n + i) & 31);
      expect(bytesOf((a) => a.dynasm`ld4 {${r(29)}.b, ${r(30)}.b, ${r(31)}.b, ${r(32)}.b}[${i}], [${X(i)}], ${X(30 - i)}`), lines[k]).toBe(want[k++]);
    }
    for (let i = 0; i < 8; i++) expect(bytesOf((a) => a.dynasm`st2 {${V(i)}.h, ${V(i + 1)}.h}[${i}], [sp], #${4}`), lines[k]).toBe(want[k++]);
    for (let i = 0; i < 4; i++) {
      expect(bytesOf((a) => a.dynasm`ld1 {${V(i)}.s}[${i}], [${X(3)}]`), lines[k]).toBe(want[k++]);
      expect(bytesOf((a) => a.dynasm`st3 {v7.s, ${V(8)}.s, ${V(9)}.s}[${i}], [x4], #12`), lines[k]).toBe(want[k++]);
    }
    for (let i = 0; i < 2; i++) expect(bytesOf((a) => a.dynasm`ld1 {${V(31)}.d}[${i}], [x5], ${X(6)}`), lines[k]).toBe(want[k++]);
    // Out of range lanes, a post-index immediate other than the transfer size, xzr as post-index register.
    expect(thrown(() => new Assembler('a64').dynasm`ld1 {${V(0)}.s}[${4}], [x3]`).code).toBe(ErrorCodes.RANGE);
    expect(thrown(() => new Assembler('a64').dynasm`st2 {v0.h, v1.h}[1], [sp], #${8}`).code).toBe(ErrorCodes.RANGE);
    expect(() => new Assembler('a64').dynasm`ld1 {v0.16b}, [x1], ${X(31)}`).toThrow(DynasmError);
  });

  it('refuses what both oracles refuse: wrong post-index amount, 1d in ld2–ld4, lanes out of range; and xzr as post-index register', () => {
    const bad = ['ld1 {v0.16b}, [x1], #8', 'ld2 {v0.1d, v1.1d}, [x0]', 'ld1 {v0.s}[4], [x0]', 'st4 {v0.d, v1.d, v2.d, v3.d}[2], [x0]', 'ld1r {v0.4s}, [x0], #16', 'ld3 {v0.4s, v1.4s, v2.4s}, [x0], #32'];
    const g = assembleBatch('a64', 'gnu', bad);
    const l = assembleBatch('a64', 'llvm', bad);
    bad.forEach((line, i) => {
      expect(g[i].bytes ?? l[i].bytes, line).toBeNull();
      expect(() => new Assembler('a64').assemble(line), line).toThrow(DynasmError);
    });
    // `[x1], xzr`: GNU as refuses it, llvm-mc reads it as the immediate form; we refuse it with a reason.
    const [gx] = assembleBatch('a64', 'gnu', ['ld1 {v0.16b}, [x1], xzr']);
    expect(gx.bytes).toBeNull();
    expect(thrown(() => new Assembler('a64').assemble('ld1 {v0.16b}, [x1], xzr')).message).toContain('cannot be xzr');
  });

  it('a range that wraps (v31 to v0): llvm-mc takes it, GNU as does not; we give llvm-mc\'s bytes', () => {
    const lines = ['ld4 {v30.4s-v1.4s}, [x0]', 'st2 {v31.2d-v0.2d}, [x1], #32', 'ld3r {v31.8b-v1.8b}, [x2], x3'];
    const g = assembleBatch('a64', 'gnu', lines);
    const l = assembleBatch('a64', 'llvm', lines);
    lines.forEach((line, i) => {
      expect(g[i].bytes, line).toBeNull();
      expect(l[i].bytes, line).not.toBeNull();
      expect(bytesOf((a) => a.assemble(line)), line).toBe(hex(l[i].bytes!));
    });
  });
});
