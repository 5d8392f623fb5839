// x64 JIT = interpreter, per opcode, run NATIVELY on this machine (src/exec): mode-aware float operations on SSE (binary16 in integer + SSE code) and DESCENT (spec 4.4, 4.6, 6, 12).
// The same properties as test/jit/x64-ops-float.test.ts (random initial states, budgets of 0..8 instructions,
// one program per opcode compiled once), the code called in place on the state block; then again with the
// register cache on, every cacheable value given a home (cacheRegisters + cacheAll: the most syncs). Skipped
// on hosts that are not x86-64.
import { describe, expect, it } from 'vitest';
import { host } from '../../src/exec/index.js';
import { propertyRuns } from '../support/runs.js';
import { checkOpcode, DiffRunner, OPCODE_GROUPS } from './a64-harness.js';
import { nativeX64Target } from './x64-harness.js';

describe.skipIf(host.arch !== 'x64')('x64 JIT native = interpreter: float', () => {
  const d = new DiffRunner(nativeX64Target());
  for (const m of OPCODE_GROUPS.float!) {
    it(m, () => {
      expect(checkOpcode(d, m, propertyRuns(1000), propertyRuns(2, 20))).toBeGreaterThanOrEqual(propertyRuns(1000));
    });
  }
});

describe.skipIf(host.arch !== 'x64')('x64 JIT native with the register cache = interpreter: float', () => {
  const d = new DiffRunner(nativeX64Target({ cacheRegisters: true, cacheAll: true }));
  for (const m of OPCODE_GROUPS.float!) {
    it(m, () => {
      expect(checkOpcode(d, m, propertyRuns(1000), propertyRuns(2, 20))).toBeGreaterThanOrEqual(propertyRuns(1000));
    });
  }
});

describe.skipIf(host.arch !== 'x64')('x64 JIT native with the register file = interpreter: float', () => {
  // the whole register file in host registers, values kept in byte slots across straight-line code (entries
  // at every third instance only)
  const d = new DiffRunner(nativeX64Target({ cacheRegisters: true, registerFile: true }));
  for (const m of OPCODE_GROUPS.float!) {
    it(m, () => {
      expect(checkOpcode(d, m, propertyRuns(1000), propertyRuns(2, 20), { cached: true })).toBeGreaterThanOrEqual(propertyRuns(1000));
    });
  }
});
