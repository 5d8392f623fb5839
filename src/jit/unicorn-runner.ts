// Runs code compiled by the VSP JIT in the Unicorn emulator (emulation/), for either backend; the two
// `vsp run` engines (unicorn-engine.ts: unicorn-a64, unicorn-x64-engine.ts: unicorn-x64) differ only in the
// calling convention (UnicornCall). The state block and the tables block are mapped in emulated memory;
// around each entry of the compiled function the parts of the state block compiled code can read or write
// are copied in and out (the header with registers, flags, scalars, gradient, both stacks and the ports every
// time; the data memory only for programs with LOAD/STORE/LSTATE/SSTATE: in once per run, out after each exit
// when they write it). Host instructions run in JavaScript between entries (driver.ts), on the JS-side block.
import { Engine, describeStop, type RegisterSet } from '../../emulation/unicorn.js';
import { Op } from '../../spec/vsp/opcodes.js';
import type { LoadedProgram } from '../vsp/container.js';
import { registerEngine, type VspEngine } from '../vsp/engine.js';
import { S, STATE_SIZE } from '../vsp/state-layout.js';
import type { VspState } from '../vsp/state.js';
import type { CompiledProgram } from './compiler.js';
import { JitProtocolError, runCompiled, type CompiledEntry } from './driver.js';
import { TABLES_SIZE, tablesBlock } from './tables-block.js';

export type JitArch = 'a64' | 'x64';

/** Emulated addresses (all page aligned) shared by both architectures. */
export const UNICORN_LAYOUT = {
  STATE: 0x1000_0000n,
  TABLES: 0x2000_0000n,
  STACK: 0x3000_0000n,
  STACK_SIZE: 0x1_0000,
  CODE: 0x4000_0000n,
} as const;

/** How vsp_run(state, tables) is called on one architecture, and where a run stops. */
export interface UnicornCall<A extends JitArch> {
  readonly arch: A;
  /** Unmapped: the return address of vsp_run, where a run stops. */
  readonly sentinel: bigint;
  /** The registers set before each entry (arguments, stack pointer, link register). */
  readonly argRegisters: Parameters<Engine<A>['registerSet']>[0];
  /** The register holding the exit code after the return. */
  readonly resultRegister: Parameters<Engine<A>['registerSet']>[0][number];
  /** Writes what a call needs besides the registers (a return address on the stack) and fills `regs` in argRegisters order. */
  prepareCall(engine: Engine<A>, regs: RegisterSet<A>): void;
}

/** Header bytes copied around every entry: registers .. ports (the mailbox and streams are host-only). */
const HEADER = S.MAILBOX;
const PAGE = 0x1000;
export const roundUpToPage = (n: number): number => Math.ceil(n / PAGE) * PAGE;

/** Machine instructions a VSP instruction can take at most (POWINT's 32 squarings, the dispatch search, ...), generously. */
const MACHINE_PER_VSP = 2000;

interface DataUse {
  readonly reads: boolean;
  readonly writes: boolean;
}

function dataUse(compiled: CompiledProgram): DataUse {
  let reads = false;
  let writes = false;
  for (const ins of compiled.analysis.insns) {
    if (ins.op === Op.STORE || ins.op === Op.SSTATE) writes = true;
    if (ins.op === Op.LOAD || ins.op === Op.LSTATE) reads = true;
  }
  return { reads: reads || writes, writes };
}

/**
 * One Unicorn engine with the VSP layout mapped, running one compiled program at a time. Reuse it for many
 * runs: the code is written only when the program changes, so its translation stays cached.
 */
export class UnicornRunner<A extends JitArch> implements CompiledEntry {
  readonly engine: Engine<A>;
  private readonly regs: RegisterSet<A>;
  private readonly result: RegisterSet<A>;
  private codeSize = 0;
  private loaded: CompiledProgram | null = null;
  private use: DataUse = { reads: false, writes: false };
  private firstEnter = true;
  /** Entries into compiled code since the runner was made (statistics). */
  enters = 0;

  constructor(private readonly call: UnicornCall<A>) {
    const L = UNICORN_LAYOUT;
    this.engine = Engine.open(call.arch);
    const e = this.engine;
    e.map(L.STATE, roundUpToPage(STATE_SIZE), 'rw');
    e.map(L.TABLES, roundUpToPage(TABLES_SIZE), 'r');
    e.writeMemory(L.TABLES, tablesBlock());
    e.map(L.STACK, L.STACK_SIZE, 'rw');
    this.mapCode(1 << 20);
    this.regs = e.registerSet(call.argRegisters);
    this.result = e.registerSet([call.resultRegister]);
  }

  private mapCode(size: number): void {
    const L = UNICORN_LAYOUT;
    if (this.codeSize > 0) this.engine.unmap(L.CODE, this.codeSize);
    this.codeSize = roundUpToPage(size);
    this.engine.map(L.CODE, this.codeSize, 'rx');
  }

  /** Makes `compiled` the program that enter() runs (writes its code when it is not the current one). */
  load(compiled: CompiledProgram): void {
    if (compiled.arch !== this.call.arch) throw new JitProtocolError(`a Unicorn ${this.call.arch} runner cannot run ${compiled.arch} code`);
    if (this.loaded !== compiled) {
      if (compiled.code.length > this.codeSize) this.mapCode(compiled.code.length);
      this.engine.writeCode(UNICORN_LAYOUT.CODE, compiled.code);
      this.loaded = compiled;
      this.use = dataUse(compiled);
    }
    this.firstEnter = true;
  }

  /** Starts a new run of the loaded program (the data memory is copied in at its first entry). */
  beginRun(): void {
    this.firstEnter = true;
  }

  /** Calls vsp_run(state, tables) once; returns its exit code (CompiledEntry for runCompiled). */
  enter(st: VspState): number {
    const compiled = this.loaded;
    if (compiled === null) throw new JitProtocolError(`Unicorn ${this.call.arch} runner: enter() with no program loaded`);
    const L = UNICORN_LAYOUT;
    const e = this.engine;
    const bytes = st.bytes;
    e.writeMemory(L.STATE, bytes.subarray(0, HEADER));
    if (this.firstEnter && this.use.reads) e.writeMemory(L.STATE + BigInt(S.DATA), bytes.subarray(S.DATA, S.DATA + 0x10000));
    this.firstEnter = false;
    this.call.prepareCall(e, this.regs);
    this.regs.write();
    const left = Math.max(0, st.budget - st.cycles);
    const cap = Math.min(Number.MAX_SAFE_INTEGER, (left + 2) * MACHINE_PER_VSP + 100_000);
    this.enters++;
    const stop = e.run({ begin: L.CODE + BigInt(compiled.entryOffset), until: this.call.sentinel, maxInstructions: cap });
    if (stop.kind !== 'stop') throw new JitProtocolError(`compiled ${this.call.arch} code did not return: ${describeStop(stop)}`);
    e.readMemoryInto(L.STATE, bytes.subarray(0, HEADER));
    if (this.use.writes) e.readMemoryInto(L.STATE + BigInt(S.DATA), bytes.subarray(S.DATA, S.DATA + 0x10000));
    return Number(this.result.read().get(0) & 0xffffffffn);
  }

  close(): void {
    this.engine.close();
  }
}

/**
 * The `vsp run --engine unicorn-<arch>` engine of a backend: one process-wide runner (opened on first use),
 * each loaded program compiled once. Registers it in the engine table.
 */
export function makeUnicornEngine<A extends JitArch, O>(
  call: UnicornCall<A>,
  compile: (loaded: LoadedProgram, options?: O) => CompiledProgram,
  description: string,
): { readonly engine: VspEngine; shared(): UnicornRunner<A>; run(loaded: LoadedProgram, st: VspState, options?: O, runner?: UnicornRunner<A>): void } {
  let shared: UnicornRunner<A> | null = null;
  const sharedRunner = (): UnicornRunner<A> => {
    if (shared === null || shared.engine.closed) shared = new UnicornRunner(call);
    return shared;
  };
  const compiledCache = new WeakMap<LoadedProgram, CompiledProgram>();
  const run = (loaded: LoadedProgram, st: VspState, options?: O, runner: UnicornRunner<A> = sharedRunner()): void => {
    let compiled = options === undefined ? compiledCache.get(loaded) : undefined;
    if (compiled === undefined) {
      compiled = compile(loaded, options);
      if (options === undefined) compiledCache.set(loaded, compiled);
    }
    runner.load(compiled);
    runCompiled(runner, loaded, st);
  };
  const engine: VspEngine = {
    name: `unicorn-${call.arch}`,
    description,
    unavailable(): string | null {
      try {
        sharedRunner();
        return null;
      } catch (e) {
        return (e as Error).message;
      }
    },
    run(loaded: LoadedProgram, state: VspState): void {
      run(loaded, state);
    },
  };
  registerEngine(engine);
  return { engine, shared: sharedRunner, run };
}
