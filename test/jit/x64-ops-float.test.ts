// x64 JIT = interpreter, per opcode: mode-aware float operations on SSE (binary16 in integer + SSE code) and DESCENT (spec 4.4, 4.6, 6, 12).
// For each opcode, random initial states (registers with float/integer edge patterns, flags with and without
// C, MODE, stacks, FP, gradient, ports, data, input, CYCLES) and a budget of 0..8 instructions from an instance
// of the opcode, in one program per opcode compiled once (test/jit/a64-harness.ts), the x86-64 code run in
// Unicorn (test/jit/x64-harness.ts); then, with fewer cases, with the register cache on and every cacheable
// value given a home (the full 1,000 cases per opcode with the cache run natively: native-ops-*.test.ts).
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../support/runs.js';
import { checkOpcode, DiffRunner, OPCODE_GROUPS } from './a64-harness.js';
import { unicornX64Target } from './x64-harness.js';

describe('x64 JIT in Unicorn = interpreter: float', () => {
  const d = new DiffRunner(unicornX64Target());
  for (const m of OPCODE_GROUPS.float!) {
    it(m, () => {
      expect(checkOpcode(d, m, propertyRuns(1000), propertyRuns(2, 20))).toBeGreaterThanOrEqual(propertyRuns(1000));
    });
  }
});

describe('x64 JIT in Unicorn with the register cache = interpreter: float', () => {
  const d = new DiffRunner(unicornX64Target({ cacheRegisters: true, cacheAll: true }));
  for (const m of OPCODE_GROUPS.float!) {
    it(m, () => {
      expect(checkOpcode(d, m, propertyRuns(250), propertyRuns(1, 10))).toBeGreaterThanOrEqual(propertyRuns(250));
    });
  }
});

describe('x64 JIT in Unicorn with the register file = interpreter: float', () => {
  // the whole register file in host registers, values kept in byte slots across straight-line code (entries
  // at every third instance only)
  const d = new DiffRunner(unicornX64Target({ cacheRegisters: true, registerFile: true }));
  for (const m of OPCODE_GROUPS.float!) {
    it(m, () => {
      expect(checkOpcode(d, m, propertyRuns(250), propertyRuns(1, 10), { cached: true })).toBeGreaterThanOrEqual(propertyRuns(250));
    });
  }
});
