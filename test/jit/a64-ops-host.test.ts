// A64 JIT = interpreter, per opcode: host (H) instructions through the exit-and-re-enter protocol (spec 12).
// For each opcode, random initial states (registers with float/integer edge patterns, flags with and without
// C, MODE, stacks, FP, gradient, ports, data, input, CYCLES) and a budget of 0..8 instructions from an instance
// of the opcode, in one program per opcode compiled once (test/jit/a64-harness.ts).
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../support/runs.js';
import { checkOpcode, DiffRunner, OPCODE_GROUPS } from './a64-harness.js';

describe('A64 JIT = interpreter: host', () => {
  const d = new DiffRunner();
  for (const m of OPCODE_GROUPS.host!) {
    it(m, () => {
      expect(checkOpcode(d, m, propertyRuns(1000), propertyRuns(2, 20))).toBeGreaterThanOrEqual(propertyRuns(1000));
    });
  }
});

describe('per-opcode coverage', () => {
  it('the groups list each of the 117 opcodes exactly once', async () => {
    const { VSP_OPCODES } = await import('../../spec/vsp/opcodes.js');
    const all = Object.values(OPCODE_GROUPS).flat();
    expect(all.length).toBe(117);
    expect(new Set(all).size).toBe(117);
    expect([...all].sort()).toEqual(VSP_OPCODES.map((o) => o.mnemonic).sort());
  });
});
