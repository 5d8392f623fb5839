// Whole random programs (test/support/vsp-programs.ts: every opcode, valid branch targets, random entry and
// container MODE) compiled the normal way (entry at the program entry, MODEs proven by the analysis where
// possible, labels only at branch targets, entries and return points) and run from the host's initial state
// (registers, flags Z N O C M, input, a data section, a budget): the A64 code in Unicorn, through the
// exit-and-re-enter driver, must end in exactly the interpreter's final state block.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkProgram } from '../../src/vsp/container.js';
import { initialState } from '../../src/vsp/engine.js';
import { S } from '../../src/vsp/state-layout.js';
import { propertyRuns } from '../support/runs.js';
import { programArb } from '../support/vsp-programs.js';
import { DiffRunner } from './a64-harness.js';

describe('A64 JIT = interpreter on random programs', () => {
  const d = new DiffRunner();
  for (const cacheRegisters of [false, true]) {
    it(`random programs, states and budgets (also budgets that run out mid-block)${cacheRegisters ? ', register cache and NEON layer ops' : ''}`, () => {
      fc.assert(
        fc.property(
          programArb(undefined, 60),
          fc.uint8Array({ minLength: 16, maxLength: 16 }),
          fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 9 })).map(([f, c]) => (f & 0x87) | (c === 0 ? 0x08 : 0)),
          fc.uint8Array({ maxLength: 8 }),
          fc.uint8Array({ maxLength: 64 }),
          fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 3000 })),
          ({ code, entry, mode }, regs, flags, input, data, maxCycles) => {
            const loaded = checkProgram({ code, entry, mode, data, symbols: [] });
            if (!loaded.ok) throw new Error('generator produced an invalid program');
            d.setProgram(loaded, { cacheRegisters });
            d.ref.reset(initialState(loaded.program, { regs, flags, input, maxCycles }));
            d.runBoth({ maxCycles, flags, regs, input, entry, mode });
            expect(d.canonicalEqual()).toBe(true);
          },
        ),
        { numRuns: propertyRuns(400) },
      );
      // the runs ended in every way a run can end
      expect(d.statusCounts.filter((n) => n > 0).length).toBeGreaterThanOrEqual(5);
    });
  }

  it('long-running loops stop exactly at the budget (half of them with the register cache)', () => {
    fc.assert(
      fc.property(
        programArb(undefined, 30),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.integer({ min: 1000, max: 100_000 }),
        ({ code, entry, mode }, regs, maxCycles) => {
          // a program whose last instruction jumps back to the entry loops until something stops it
          const loop = Uint8Array.of(...code, 0x10, entry & 255, (entry >> 8) & 255, entry >> 16);
          const loaded = checkProgram({ code: loop, entry, mode, data: new Uint8Array(0), symbols: [] });
          if (!loaded.ok) throw new Error('invalid');
          d.setProgram(loaded, { cacheRegisters: (maxCycles & 1) === 1 });
          d.ref.reset(initialState(loaded.program, { regs, maxCycles }));
          d.runBoth({ maxCycles, regs });
          expect(d.ref.bytes[S.STATUS]).toBe(d.jit.bytes[S.STATUS]);
        },
      ),
      { numRuns: propertyRuns(60) },
    );
  });
});
