// A64 JIT = interpreter, per opcode: ByteSil arithmetic, layer operations, SLERP/EMERGE/COLLAPSE, quantum gates, IN/OUT (spec 4.3, 4.5, 4.6, 4.8, 4.9).
// For each opcode, random initial states (registers with float/integer edge patterns, flags with and without
// C, MODE, stacks, FP, gradient, ports, data, input, CYCLES) and a budget of 0..8 instructions from an instance
// of the opcode, in one program per opcode compiled once (test/jit/a64-harness.ts).
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../support/runs.js';
import { checkOpcode, DiffRunner, OPCODE_GROUPS } from './a64-harness.js';

describe('A64 JIT = interpreter: bytesil', () => {
  const d = new DiffRunner();
  for (const m of OPCODE_GROUPS.bytesil!) {
    it(m, () => {
      expect(checkOpcode(d, m, propertyRuns(1000), propertyRuns(2, 20))).toBeGreaterThanOrEqual(propertyRuns(1000));
    });
  }
});
