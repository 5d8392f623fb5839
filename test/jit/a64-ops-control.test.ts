// Control flow, hints and data movement (spec 4.1, 4.2, 4.10) on the A64 JIT against the interpreter: for
// each opcode, random initial states (registers, flags with and without C, MODE, value and call stacks, FP,
// data, CYCLES) and a budget of 0..8 instructions from an instance of the opcode (test/jit/a64-harness.ts).
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../support/runs.js';
import { checkOpcode, DiffRunner, OPCODE_GROUPS } from './a64-harness.js';

describe('A64 JIT = interpreter: control, hints, data movement', () => {
  const d = new DiffRunner();
  for (const m of OPCODE_GROUPS.control!) {
    it(m, () => {
      expect(checkOpcode(d, m, propertyRuns(1000), propertyRuns(2, 20))).toBeGreaterThanOrEqual(propertyRuns(1000));
    });
  }
});
