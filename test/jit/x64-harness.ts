// The x86-64 JIT's targets for the differential harness of test/jit/a64-harness.ts (DiffRunner, per-opcode
// programs, random states): the same properties, with the code compiled by src/jit/x64 and run either in
// Unicorn (unicorn-x64) or natively on this machine (src/exec, through the native engine's runner).
import fc from 'fast-check';
import type { CompileOptions } from '../../src/jit/compiler.js';
import { NativeRunner } from '../../src/jit/native-engine.js';
import { sharedUnicornX64Runner } from '../../src/jit/unicorn-x64-engine.js';
import { compileX64 } from '../../src/jit/x64/compile.js';
import { checkProgram } from '../../src/vsp/container.js';
import { initialState } from '../../src/vsp/engine.js';
import { programArb } from '../support/vsp-programs.js';
import type { DiffRunner, JitTarget } from './a64-harness.js';

/**
 * Compile options of the x64 targets: the register cache (cacheAll: the most homes and syncs; registerFile:
 * the whole register file in host registers, src/jit/x64/register-file.ts).
 */
export interface X64TargetOptions {
  readonly cacheRegisters?: boolean;
  readonly cacheAll?: boolean;
  readonly registerFile?: boolean;
}

function describeOptions(o: X64TargetOptions): string {
  if (!o.cacheRegisters) return '';
  if (o.registerFile) return ', register file';
  return o.cacheAll ? ', register cache (all values)' : ', register cache';
}

/** The x64 JIT, its code run in the shared Unicorn runner. */
export function unicornX64Target(options: X64TargetOptions = {}): JitTarget {
  return {
    name: `x64 JIT (Unicorn${describeOptions(options)})`,
    compile: (loaded, o) => compileX64(loaded, { ...o, ...options }),
    runner: sharedUnicornX64Runner(),
  };
}

/** The x64 JIT, its code run natively (this machine must be x86-64). */
export function nativeX64Target(options: X64TargetOptions = {}): JitTarget {
  return {
    name: `x64 JIT (native${describeOptions(options)})`,
    compile: (loaded, o) => compileX64(loaded, { ...o, ...options }),
    runner: new NativeRunner(),
  };
}

/**
 * Whole random programs (test/support/vsp-programs.ts: every opcode, valid branch targets, random entry and
 * container MODE) compiled the normal way (entry at the program entry, MODEs proven by the analysis where
 * possible, labels only at branch targets, entries and return points) and run from the host's initial state
 * (registers, flags Z N O C M, input, a data section, a budget): the final state block must be exactly the
 * interpreter's. Returns the number of distinct final statuses seen.
 */
export function checkRandomPrograms(d: DiffRunner, runs: number, options: CompileOptions = {}): number {
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
        d.setProgram(loaded, options);
        d.ref.reset(initialState(loaded.program, { regs, flags, input, maxCycles }));
        d.runBoth({ maxCycles, flags, regs, input, entry, mode });
        if (!d.canonicalEqual()) throw new Error('canonical states differ');
      },
    ),
    { numRuns: runs },
  );
  return d.statusCounts.filter((n) => n > 0).length;
}

/** Random programs closed into a loop (the last instruction jumps to the entry), stopped by budgets of 1,000 .. 100,000. */
export function checkLoops(d: DiffRunner, runs: number, options: CompileOptions = {}): void {
  fc.assert(
    fc.property(programArb(undefined, 30), fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.integer({ min: 1000, max: 100_000 }), ({ code, entry, mode }, regs, maxCycles) => {
      const loop = Uint8Array.of(...code, 0x10, entry & 255, (entry >> 8) & 255, entry >> 16);
      const loaded = checkProgram({ code: loop, entry, mode, data: new Uint8Array(0), symbols: [] });
      if (!loaded.ok) throw new Error('invalid');
      d.setProgram(loaded, options);
      d.ref.reset(initialState(loaded.program, { regs, maxCycles }));
      d.runBoth({ maxCycles, regs });
    }),
    { numRuns: runs },
  );
}
