// A64 JIT = interpreter, per opcode: mode-aware float operations on the FP unit and DESCENT (spec 4.4, 4.6, 6, 12).
// For each opcode, random initial states (registers with float/integer edge patterns, flags with and without
// C, MODE, stacks, FP, gradient, ports, data, input, CYCLES) and a budget of 0..8 instructions from an instance
// of the opcode, in one program per opcode compiled once (test/jit/a64-harness.ts).
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../support/runs.js';
import { checkOpcode, DiffRunner, OPCODE_GROUPS } from './a64-harness.js';

describe('A64 JIT = interpreter: float', () => {
  const d = new DiffRunner();
  for (const m of OPCODE_GROUPS.float!) {
    it(m, () => {
      expect(checkOpcode(d, m, propertyRuns(1000), propertyRuns(2, 20))).toBeGreaterThanOrEqual(propertyRuns(1000));
    });
  }
});
