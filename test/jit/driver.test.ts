// The exit-and-re-enter driver, with a stand-in for compiled code: the reference interpreter run one cycle
// at a time that returns EXIT_HOST in front of every host instruction instead of running it. Whatever the
// program, the driver must then reach exactly the state the interpreter reaches on its own.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VSP_OPCODE_BY_CODE } from '../../spec/vsp/opcodes.js';
import { EXIT_HOST, EXIT_STOPPED, EXIT_TAIL, JitProtocolError, runCompiled, type CompiledEntry } from '../../src/jit/driver.js';
import { canonicalState } from '../../src/vsp/canonical.js';
import { checkProgram, type LoadedProgram } from '../../src/vsp/container.js';
import { initialState, interpreterEngine, runProgramSync } from '../../src/vsp/engine.js';
import { RunStatus } from '../../src/vsp/state-layout.js';
import { VspState } from '../../src/vsp/state.js';
import { propertyRuns } from '../support/runs.js';
import { programArb } from '../support/vsp-programs.js';

/**
 * Interpreter-backed stand-in for compiled code that defers host instructions to the driver; with `tailAt`,
 * it hands the rest of the run to the interpreter (EXIT_TAIL) in front of its tailAt-th instruction.
 */
function steppingEntry(loaded: LoadedProgram, tailAt = -1): CompiledEntry {
  let steps = 0;
  return {
    enter(st: VspState): number {
      const budget = st.budget;
      for (;;) {
        if (steps++ === tailAt && st.cycles < budget) return EXIT_TAIL;
        const op = loaded.program.code[st.pc];
        if (op !== undefined && VSP_OPCODE_BY_CODE[op]!.host && st.cycles < budget) return EXIT_HOST;
        st.budget = Math.min(budget, st.cycles + 1);
        interpreterEngine.run(loaded, st);
        st.budget = budget;
        if (st.status !== RunStatus.budget || st.cycles === budget) return EXIT_STOPPED;
      }
    },
  };
}

describe('runCompiled (exit and re-enter)', () => {
  it('reaches the interpreter final state on random programs with host instructions (and a hand-over to the interpreter anywhere)', () => {
    const a = new VspState();
    const b = new VspState();
    fc.assert(
      fc.property(
        programArb(undefined, 30),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.constantFrom(0, 1, 8, 0x89),
        fc.uint8Array({ maxLength: 8 }),
        fc.integer({ min: 0, max: 120 }),
        fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 130 })),
        ({ code, entry, mode }, regs, flags, input, maxCycles, tailAt) => {
          const loaded = checkProgram({ code, entry, mode, data: new Uint8Array(0), symbols: [] });
          if (!loaded.ok) throw new Error('generator produced an invalid program');
          const opts = { regs, flags, input, maxCycles };
          runProgramSync(loaded, opts, a);
          b.reset(initialState(loaded.program, opts));
          runCompiled(steppingEntry(loaded, tailAt), loaded, b);
          expect(canonicalState(b)).toEqual(canonicalState(a));
        },
      ),
      { numRuns: propertyRuns(500) },
    );
  });

  it('rejects exit codes and host-call PCs outside the protocol', () => {
    const loaded = checkProgram({ code: Uint8Array.of(0x00, 0x01), entry: 0, mode: 4, data: new Uint8Array(0), symbols: [] });
    if (!loaded.ok) throw new Error('invalid');
    const st = new VspState().reset(initialState(loaded.program));
    expect(() => runCompiled({ enter: () => 7 }, loaded, st)).toThrow(JitProtocolError);
    st.pc = 5;
    expect(() => runCompiled({ enter: () => EXIT_HOST }, loaded, st)).toThrow(/not an instruction/);
    expect(() => runCompiled({ enter: () => EXIT_TAIL }, loaded, st)).toThrow(/handed over at 5, which is not an instruction/);
  });
});
