// Scalar floating point (spec/a64/fp.ts) against GNU as and llvm-mc: every form with random valid
// operands and with one operand made invalid (differential, see fp-harness.ts), plus the FP immediate
// encoder over its whole domain and its neighbours, and its errors.
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.mock('../oracles/assemble.js', async (importOriginal) => {
  const m = await importOriginal<typeof import('../oracles/assemble.js')>();
  // Oracles with half precision on (the factory must not import a module that imports the mocked one).
  const { ORACLE_FLAGS } = await import('./fp-oracle-flags.js');
  return { ...m, assembleBatch: (arch: 'a64' | 'x64', tool: 'gnu' | 'llvm', lines: readonly string[], opts: { flags?: readonly string[]; link?: { base: bigint } } = {}) => m.assembleBatch(arch, tool, lines, { ...opts, flags: opts.flags ?? (arch === 'a64' ? ORACLE_FLAGS[tool] : undefined) }) };
});

import { Assembler, D, DynasmError, ErrorCodes, H, S } from '../../src/index.js';
import { assembleBatch, hex } from '../oracles/assemble.js';
import { describeProblems } from './diff.js';
import { checkClass, printReport, seed, unverifiedForms, type ClassReport } from './fp-harness.js';

/** Every value an FP immediate can hold: ±n/16·2^r, n 16..31, r −3..4 (JS arithmetic, exact). */
const FP_IMMS: number[] = [];
for (const sign of [1, -1]) for (let r = -3; r <= 4; r++) for (let n = 16; n <= 31; n++) FP_IMMS.push(sign * (n / 16) * 2 ** r);

/** The value written as both oracles read it (`#n` when integral, else a plain decimal). */
const fpText = (x: number) => (Number.isInteger(x) ? `#${x}` : String(x));

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

const reports: ClassReport[] = [];

describe(`spec/a64 fp differential vs GNU as and llvm-mc (seed ${seed})`, () => {
  it('fp', () => {
    const { results, report } = checkClass('fp');
    reports.push(report);
    expect(describeProblems(results), `seed ${seed}`).toEqual([]);
    expect(unverifiedForms(results), `seed ${seed}: forms no case of which both oracles accepted`).toEqual([]);
  });
  afterAll(() => printReport(reports));
});

describe('FP immediates (fpimm): the 8-bit abcdefgh encoding, exact values only', () => {
  it('all 256 values in fmov h/s/d, written and interpolated, give the bytes of GNU as and llvm-mc', () => {
    const regs = [
      ['h', H],
      ['s', S],
      ['d', D],
    ] as const;
    const lines = regs.flatMap(([t]) => FP_IMMS.map((x) => `fmov ${t}7, ${fpText(x)}`));
    const gnu = assembleBatch('a64', 'gnu', lines);
    const llvm = assembleBatch('a64', 'llvm', lines);
    let i = 0;
    for (const [t, R] of regs) {
      for (const x of FP_IMMS) {
        const g = gnu[i];
        const l = llvm[i];
        const line = lines[i++];
        expect(g.bytes && l.bytes && hex(g.bytes) === hex(l.bytes), `${line}: oracles ${g.error ?? ''} ${l.error ?? ''}`).toBe(true);
        const want = hex(g.bytes!);
        expect(bytesOf((a) => a.assemble(line)), line).toBe(want);
        expect(bytesOf((a) => a.dynasm`fmov ${R(7)}, #${x}`), `${line} interpolated`).toBe(want);
        if (Number.isInteger(x)) expect(bytesOf((a) => a.dynasm`fmov ${R(7)}, #${BigInt(x)}`), `${line} bigint`).toBe(want);
        void t;
      }
    }
  });

  it('values that are not exactly ±n/16·2^r are refused, written (like both oracles) and interpolated', () => {
    // Neighbours of encodable values (nothing is rounded), zero and −0, and values out of the range.
    const written = ['0.1', '#32', '#0', '-0.0', '0.0625', '31.5', '1.03125', '1.0000001', '-31.25', '0.12', '#33', '1e3'];
    const gnu = assembleBatch('a64', 'gnu', written.map((w) => `fmov d0, ${w}`));
    const llvm = assembleBatch('a64', 'llvm', written.map((w) => `fmov d0, ${w}`));
    written.forEach((w, i) => {
      // Both oracles refuse them (llvm-mc alone turns #0 / 0.0 into fmov d0, xzr; GNU as refuses).
      if (w !== '#0') expect(gnu[i].bytes ?? llvm[i].bytes, `fmov d0, ${w}`).toBeNull();
      else expect(gnu[i].bytes, 'GNU as refuses fmov d0, #0').toBeNull();
      const e = thrown(() => new Assembler('a64').assemble(`fmov d0, ${w}`));
      expect(e.code, w).toBe(ErrorCodes.RANGE);
    });
    for (const x of [0.1, 32, 0, -0, 0.0625, 31.5, 1.03125, 1 + 2 ** -20, -31.25, NaN, Infinity, -Infinity, 1e300, Number.MIN_VALUE, 2 ** -4]) {
      const e = thrown(() => new Assembler('a64').dynasm`fmov ${D(0)}, #${x}`);
      expect(e.code, String(x)).toBe(ErrorCodes.RANGE);
      expect(e.message).toContain('±n/16×2^r');
    }
    expect(thrown(() => new Assembler('a64').dynasm`fmov ${D(0)}, #${40n}`).code).toBe(ErrorCodes.RANGE);
    // The plan-time message names the operand and what is allowed.
    const e = thrown(() => new Assembler('a64').assemble('fmov s3, 0.1'));
    expect(e.message).toMatch(/0\.1 is out of range: expected a floating-point value ±n\/16×2\^r/);
  });

  it('fcmp/fcmpe take #0.0 only (not −0.0, not another value)', () => {
    expect(bytesOf((a) => a.assemble('fcmp d1, #0.0'))).toBe(bytesOf((a) => a.dynasm`fcmp ${D(1)}, #${0}`));
    expect(thrown(() => new Assembler('a64').assemble('fcmp d1, #1.0')).code).toBe(ErrorCodes.RANGE);
    expect(thrown(() => new Assembler('a64').dynasm`fcmp ${D(1)}, #${-0}`).code).toBe(ErrorCodes.RANGE);
  });
});
