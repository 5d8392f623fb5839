// Whole random programs on the x64 JIT run NATIVELY against the interpreter (test/jit/x64-harness.ts
// checkRandomPrograms, checkLoops): normal compiles, random host initial states and budgets (also budgets
// that run out mid-block), and programs closed into loops that only the budget stops; with the register
// cache off, on (the heuristic's choice), on with every cacheable value given a home, and with the whole
// register file in host registers (src/jit/x64/register-file.ts). Skipped on hosts that
// are not x86-64.
import { describe, expect, it } from 'vitest';
import { host } from '../../src/exec/index.js';
import { propertyRuns } from '../support/runs.js';
import { DiffRunner } from './a64-harness.js';
import { checkLoops, checkRandomPrograms, nativeX64Target, type X64TargetOptions } from './x64-harness.js';

const variants: [string, X64TargetOptions][] = [
  ['no register cache', {}],
  ['register cache', { cacheRegisters: true }],
  ['register cache, every value', { cacheRegisters: true, cacheAll: true }],
  ['register file', { cacheRegisters: true, registerFile: true }],
];

describe.skipIf(host.arch !== 'x64')('x64 JIT native = interpreter on random programs', () => {
  for (const [name, options] of variants) {
    const d = new DiffRunner(nativeX64Target(options));
    it(`${name}: random programs, states and budgets (also budgets that run out mid-block)`, () => {
      expect(checkRandomPrograms(d, propertyRuns(700))).toBeGreaterThanOrEqual(5);
    });
    it(`${name}: long-running loops stop exactly at the budget`, () => {
      checkLoops(d, propertyRuns(100));
    });
  }
});
