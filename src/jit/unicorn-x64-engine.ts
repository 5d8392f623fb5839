// The `unicorn-x64` engine of `vsp run --engine`: the x86-64 JIT's code run in Unicorn (unicorn-runner.ts),
// called per System V: rdi = state, rsi = tables, the return address (an unmapped sentinel) at [rsp], exit
// code in eax.
import type { Engine, RegisterSet } from '../../emulation/unicorn.js';
import type { LoadedProgram } from '../vsp/container.js';
import type { VspState } from '../vsp/state.js';
import { makeUnicornEngine, UNICORN_LAYOUT, UnicornRunner, type UnicornCall } from './unicorn-runner.js';
import { compileX64, type X64CompileOptions } from './x64/compile.js';

/** Emulated addresses. */
export const UNICORN_X64_LAYOUT = {
  ...UNICORN_LAYOUT,
  /** Unmapped: the return address of vsp_run, where a run stops. */
  SENTINEL: 0x5000_0000n,
} as const;

/** The stack pointer at entry: [rsp] = the sentinel, rsp = 8 mod 16 as right after a call. */
const ENTRY_RSP = UNICORN_X64_LAYOUT.STACK + BigInt(UNICORN_X64_LAYOUT.STACK_SIZE) - 0x108n;
const RETURN_ADDRESS = new Uint8Array(8);
new DataView(RETURN_ADDRESS.buffer).setBigUint64(0, UNICORN_X64_LAYOUT.SENTINEL, true);

const X64_CALL: UnicornCall<'x64'> = {
  arch: 'x64',
  sentinel: UNICORN_X64_LAYOUT.SENTINEL,
  argRegisters: ['rdi', 'rsi', 'rsp'],
  resultRegister: 'rax',
  prepareCall(e: Engine<'x64'>, r: RegisterSet<'x64'>): void {
    e.writeMemory(ENTRY_RSP, RETURN_ADDRESS);
    r.set(0, UNICORN_X64_LAYOUT.STATE);
    r.set(1, UNICORN_X64_LAYOUT.TABLES);
    r.set(2, ENTRY_RSP);
  },
};

/** A Unicorn engine with the VSP layout, running x86-64 code compiled by the JIT. */
export class UnicornX64Runner extends UnicornRunner<'x64'> {
  constructor() {
    super(X64_CALL);
  }
}

const unicornX64 = makeUnicornEngine(X64_CALL, compileX64, 'the x86-64 JIT (src/jit/x64), its machine code run in the Unicorn emulator');

/** `vsp run --engine unicorn-x64`. */
export const unicornX64Engine = unicornX64.engine;

/** The process-wide runner of the unicorn-x64 engine (opened on first use). */
export const sharedUnicornX64Runner = (): UnicornRunner<'x64'> => unicornX64.shared();

/** Compiles (once per loaded program) and runs a program in Unicorn to its final state. */
export function runUnicornX64(loaded: LoadedProgram, st: VspState, options?: X64CompileOptions, runner?: UnicornRunner<'x64'>): void {
  unicornX64.run(loaded, st, options, runner);
}
