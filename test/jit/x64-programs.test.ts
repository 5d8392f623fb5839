// Whole random programs on the x64 JIT in Unicorn against the interpreter (test/jit/x64-harness.ts
// checkRandomPrograms, checkLoops): normal compiles (entry at the program entry, MODEs proven where possible),
// random host initial states and budgets, including budgets that run out in the middle of a block, and
// programs closed into loops that only the budget stops; without and with the register cache, and with the
// whole register file in host registers.
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../support/runs.js';
import { DiffRunner } from './a64-harness.js';
import { checkLoops, checkRandomPrograms, unicornX64Target } from './x64-harness.js';

describe('x64 JIT in Unicorn = interpreter on random programs', () => {
  const d = new DiffRunner(unicornX64Target());
  it('random programs, states and budgets (also budgets that run out mid-block)', () => {
    // the runs ended in every way a run can end
    expect(checkRandomPrograms(d, propertyRuns(400))).toBeGreaterThanOrEqual(5);
  });
  it('long-running loops stop exactly at the budget', () => {
    checkLoops(d, propertyRuns(50));
  });
  const c = new DiffRunner(unicornX64Target({ cacheRegisters: true }));
  it('with the register cache: random programs, states and budgets', () => {
    expect(checkRandomPrograms(c, propertyRuns(300))).toBeGreaterThanOrEqual(5);
  });
  it('with the register cache: long-running loops stop exactly at the budget', () => {
    checkLoops(c, propertyRuns(30));
  });
  const f = new DiffRunner(unicornX64Target({ cacheRegisters: true, registerFile: true }));
  it('with the register file: random programs, states and budgets', () => {
    expect(checkRandomPrograms(f, propertyRuns(300))).toBeGreaterThanOrEqual(5);
  });
  it('with the register file: long-running loops stop exactly at the budget', () => {
    checkLoops(f, propertyRuns(30));
  });
});
