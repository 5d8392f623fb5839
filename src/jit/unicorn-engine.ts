// The `unicorn-a64` engine of `vsp run --engine`: the ARM64 JIT's code run in Unicorn (unicorn-runner.ts),
// called per AAPCS64: x0 = state, x1 = tables, lr = the stop sentinel, exit code in w0.
import type { Engine, RegisterSet } from '../../emulation/unicorn.js';
import type { LoadedProgram } from '../vsp/container.js';
import type { VspState } from '../vsp/state.js';
import { compileA64, type A64CompileOptions } from './a64/compile.js';
import { makeUnicornEngine, UNICORN_LAYOUT, UnicornRunner, type UnicornCall } from './unicorn-runner.js';

/** Emulated addresses. */
export const UNICORN_A64_LAYOUT = {
  ...UNICORN_LAYOUT,
  /**
   * Unmapped: the return address of vsp_run, where a run stops. It is the page just below the code: with a
   * stop address far from the code (0x5000_0000 was tried) Unicorn 2.0.1 keeps ~300 bytes per run that it
   * never frees (measured: 200,000 runs grew the process by 60 MB; a 100,000-case property run reached 1.3 GB).
   */
  SENTINEL: 0x3fff_f000n,
} as const;

const A64_CALL: UnicornCall<'a64'> = {
  arch: 'a64',
  sentinel: UNICORN_A64_LAYOUT.SENTINEL,
  argRegisters: ['x0', 'x1', 'lr', 'sp'],
  resultRegister: 'x0',
  prepareCall(_e: Engine<'a64'>, r: RegisterSet<'a64'>): void {
    const L = UNICORN_A64_LAYOUT;
    r.set(0, L.STATE);
    r.set(1, L.TABLES);
    r.set(2, L.SENTINEL);
    r.set(3, L.STACK + BigInt(L.STACK_SIZE));
  },
};

/** A Unicorn engine with the VSP layout, running A64 code compiled by the JIT. */
export class UnicornA64Runner extends UnicornRunner<'a64'> {
  constructor() {
    super(A64_CALL);
  }
}

const unicornA64 = makeUnicornEngine(A64_CALL, compileA64, 'the ARM64 JIT (src/jit/a64), its machine code run in the Unicorn emulator');

/** `vsp run --engine unicorn-a64`. */
export const unicornA64Engine = unicornA64.engine;

/** The process-wide runner of the unicorn-a64 engine (opened on first use). */
export const sharedUnicornA64Runner = (): UnicornRunner<'a64'> => unicornA64.shared();

/** Compiles (once per loaded program) and runs a program in Unicorn to its final state. */
export function runUnicornA64(loaded: LoadedProgram, st: VspState, options?: A64CompileOptions, runner?: UnicornRunner<'a64'>): void {
  unicornA64.run(loaded, st, options, runner);
}
