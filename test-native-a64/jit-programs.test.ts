// Whole random programs on the A64 JIT run natively on ARM64 against the interpreter (the checks of
// test/jit/x64-harness.ts, checkRandomPrograms and checkLoops, with the A64 target): programs of up to 60
// random instructions (test/support/vsp-programs.ts: every opcode, valid branch targets, random entry and
// container MODE) compiled the normal way (entry at the program entry, labels only at branch targets, entries
// and return points), run from random host initial states (registers, flags, input, a data section) with
// budgets that also run out mid-block; and programs closed into loops that only a budget of 1,000..100,000
// stops. The final state block must be exactly the interpreter's; register cache off and on.
import { describe, expect, it } from 'vitest';
import { DiffRunner } from '../test/jit/a64-harness.js';
import { checkLoops, checkRandomPrograms } from '../test/jit/x64-harness.js';
import { seed } from '../test/support/seed.js';
import { nativeA64Target, qemuRuns, type A64TargetOptions } from './support/jit.js';

const variants: [string, A64TargetOptions][] = [
  ['no register cache', {}],
  ['register cache', { cacheRegisters: true }],
];

describe(`A64 JIT native = interpreter on random programs (seed ${seed})`, () => {
  for (const [name, options] of variants) {
    const d = new DiffRunner(nativeA64Target(options));
    it(`${name}: random programs, states and budgets (also budgets that run out mid-block)`, () => {
      // the runs ended in at least five of the ways a run can end (halted, returned, budget, error, ...)
      expect(checkRandomPrograms(d, qemuRuns(700))).toBeGreaterThanOrEqual(5);
      expect(d.cases).toBe(qemuRuns(700));
    });
    it(`${name}: long-running loops stop exactly at the budget`, () => {
      const before = d.cases;
      checkLoops(d, qemuRuns(100));
      expect(d.cases - before).toBe(qemuRuns(100));
    });
  }
});
