// Per-opcode properties of the A64 JIT run natively on this ARM64 host, the same as test/jit/a64-ops-*.test.ts
// (Unicorn) and test/jit/native-ops-*.test.ts (x86-64 natively): for each opcode, two programs of 96 instances
// with random neighbours (test/jit/a64-harness.ts opcodeProgram), random initial states (registers with float
// and integer edge patterns, flags with and without C, MODE, stacks, FP, gradient, ports, data, input, CYCLES)
// and a budget of 0..8 instructions from an instance; the interpreter and the native code run each case and the
// whole state block must be equal. Twice: every instruction an entry (register cache off), and the register
// cache on with entries at every third instance (runs cross unlabelled instructions where cached bytes live on).
import { describe, expect, it } from 'vitest';
import { checkOpcode, DiffRunner, OPCODE_GROUPS } from '../../test/jit/a64-harness.js';
import { LONG } from '../../test/support/runs.js';
import { seed } from '../../test/support/seed.js';
import { nativeA64Target, OPCODE_CASES, qemuRuns } from './jit.js';

/** Programs per opcode and variant (cases split between them): 2 by default, 8 under DYNASM_LONG=1. */
const PROGRAMS = LONG ? 8 : 2;

/** Registers the properties of every opcode in `group` (a key of OPCODE_GROUPS), cache off and on. */
export function describeOpcodeGroup(group: string, skip: Readonly<Record<string, string>> = {}): void {
  const mnemonics = OPCODE_GROUPS[group];
  if (mnemonics === undefined) throw new Error(`no opcode group ${group} (groups: ${Object.keys(OPCODE_GROUPS).join(', ')})`);
  const runs = qemuRuns(OPCODE_CASES);
  for (const cached of [false, true]) {
    describe(`A64 JIT native${cached ? ' with the register cache' : ''} = interpreter: ${group} (seed ${seed})`, () => {
      const d = new DiffRunner(nativeA64Target());
      for (const m of mnemonics) {
        const why = skip[m];
        it.skipIf(why !== undefined)(why === undefined ? m : `${m} (TODO: ${why})`, () => {
          expect(checkOpcode(d, m, runs, PROGRAMS, { cached })).toBeGreaterThanOrEqual(runs);
        });
      }
    });
  }
}
