// The per-opcode properties (float-host opcodes) again with the register-caching variant of the A64 backend
// (cacheRegisters: VSP register bytes kept in host registers across straight-line code, NEON for
// whole-register-file operations), compiled with entries at every third instance of the opcode so that runs
// cross unlabelled instructions where cached bytes live on (test/jit/a64-harness.ts). Same random states, same
// comparison of the whole state block with the interpreter's.
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../support/runs.js';
import { checkOpcode, DiffRunner, OPCODE_GROUPS } from './a64-harness.js';

describe('A64 JIT with cacheRegisters = interpreter: float-host', () => {
  const d = new DiffRunner();
  for (const m of [...OPCODE_GROUPS.float!, ...OPCODE_GROUPS.host!]) {
    it(m, () => {
      expect(checkOpcode(d, m, propertyRuns(1000), propertyRuns(2, 20), { cached: true })).toBeGreaterThanOrEqual(propertyRuns(1000));
    });
  }
});
