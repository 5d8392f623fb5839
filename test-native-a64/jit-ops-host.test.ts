// A64 JIT run natively on ARM64 = interpreter, per opcode: host (H) instructions through the
// exit-and-re-enter protocol (spec 12).
// support/opcode-properties.ts: random initial states and budgets from instances of the opcode, the whole
// state block compared, with the register cache off and on.
import { describe, expect, it } from 'vitest';
import { VSP_OPCODES } from '../spec/vsp/opcodes.js';
import { OPCODE_GROUPS } from '../test/jit/a64-harness.js';
import { describeOpcodeGroup } from './support/opcode-properties.js';

describeOpcodeGroup('host');

describe('per-opcode coverage', () => {
  it('the five groups (jit-ops-*.test.ts) list each of the 117 opcodes exactly once', () => {
    const all = Object.values(OPCODE_GROUPS).flat();
    expect(Object.keys(OPCODE_GROUPS).sort()).toEqual(['bytesil', 'control', 'float', 'host', 'mode']);
    expect(all.length).toBe(117);
    expect(new Set(all).size).toBe(117);
    expect([...all].sort()).toEqual(VSP_OPCODES.map((o) => o.mnemonic).sort());
  });
});
