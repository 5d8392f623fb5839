// Runs A64 code compiled by the VSP JIT in the Unicorn emulator (emulation/), and the `unicorn-a64` engine of
// `vsp run --engine`. The state block and the tables block are mapped in emulated memory; around each entry
// of the compiled function the parts of the state block compiled code can read or write are copied in and
// out (the header with registers, flags, scalars, gradient, both stacks and the ports every time; the data
// memory only for programs with LOAD/STORE/LSTATE/SSTATE: in once per run, out after each exit when they
// write it). Host instructions run in JavaScript between entries (driver.ts), on the JS-side block.
import { Engine, describeStop, type RegisterSet } from '../../emulation/unicorn.js';
import { Op } from '../../spec/vsp/opcodes.js';
import type { LoadedProgram } from '../vsp/container.js';
import { registerEngine, type VspEngine } from '../vsp/engine.js';
import { S, STATE_SIZE } from '../vsp/state-layout.js';
import type { VspState } from '../vsp/state.js';
import { compileA64, type A64CompileOptions } from './a64/compile.js';
import type { CompiledProgram } from './compiler.js';
import { JitProtocolError, runCompiled, type CompiledEntry } from './driver.js';
import { TABLES_SIZE, tablesBlock } from './tables-block.js';

/** Emulated addresses (all page aligned). */
export const UNICORN_A64_LAYOUT = {
  STATE: 0x1000_0000n,
  TABLES: 0x2000_0000n,
  STACK: 0x3000_0000n,
  STACK_SIZE: 0x1_0000,
  CODE: 0x4000_0000n,
  /**
   * Unmapped: the return address of vsp_run, where a run stops. It is the page just below the code: with a
   * stop address far from the code (0x5000_0000 was tried) Unicorn 2.0.1 keeps ~300 bytes per run that it
   * never frees (measured: 200,000 runs grew the process by 60 MB; a 100,000-case property run reached 1.3 GB).
   */
  SENTINEL: 0x3fff_f000n,
} as const;

/** Header bytes copied around every entry: registers .. ports (the mailbox and streams are host-only). */
const HEADER = S.MAILBOX;
const PAGE = 0x1000;
const roundUp = (n: number): number => Math.ceil(n / PAGE) * PAGE;

/** A64 instructions a VSP instruction can take at most (POWINT's 32 squarings, the dispatch search, ...), generously. */
const A64_PER_VSP = 2000;

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
export class UnicornA64Runner implements CompiledEntry {
  readonly engine: Engine<'a64'>;
  private readonly regs: RegisterSet<'a64'>;
  private readonly result: RegisterSet<'a64'>;
  private codeSize = 0;
  private loaded: CompiledProgram | null = null;
  private use: DataUse = { reads: false, writes: false };
  private firstEnter = true;
  /** Entries into compiled code since the runner was made (statistics). */
  enters = 0;

  constructor() {
    const L = UNICORN_A64_LAYOUT;
    this.engine = Engine.open('a64');
    const e = this.engine;
    e.map(L.STATE, roundUp(STATE_SIZE), 'rw');
    e.map(L.TABLES, roundUp(TABLES_SIZE), 'r');
    e.writeMemory(L.TABLES, tablesBlock());
    e.map(L.STACK, L.STACK_SIZE, 'rw');
    this.mapCode(1 << 20);
    this.regs = e.registerSet(['x0', 'x1', 'lr', 'sp']);
    this.result = e.registerSet(['x0']);
  }

  private mapCode(size: number): void {
    const L = UNICORN_A64_LAYOUT;
    if (this.codeSize > 0) this.engine.unmap(L.CODE, this.codeSize);
    this.codeSize = roundUp(size);
    this.engine.map(L.CODE, this.codeSize, 'rx');
  }

  /** Makes `compiled` the program that enter() runs (writes its code when it is not the current one). */
  load(compiled: CompiledProgram): void {
    if (compiled.arch !== 'a64') throw new JitProtocolError(`UnicornA64Runner cannot run ${compiled.arch} code`);
    if (this.loaded !== compiled) {
      if (compiled.code.length > this.codeSize) this.mapCode(compiled.code.length);
      this.engine.writeCode(UNICORN_A64_LAYOUT.CODE, compiled.code);
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
    if (compiled === null) throw new JitProtocolError('UnicornA64Runner.enter: no program loaded');
    const L = UNICORN_A64_LAYOUT;
    const e = this.engine;
    const bytes = st.bytes;
    e.writeMemory(L.STATE, bytes.subarray(0, HEADER));
    if (this.firstEnter && this.use.reads) e.writeMemory(L.STATE + BigInt(S.DATA), bytes.subarray(S.DATA, S.DATA + 0x10000));
    this.firstEnter = false;
    const r = this.regs;
    r.set(0, L.STATE);
    r.set(1, L.TABLES);
    r.set(2, L.SENTINEL);
    r.set(3, L.STACK + BigInt(L.STACK_SIZE));
    r.write();
    const left = Math.max(0, st.budget - st.cycles);
    const cap = Math.min(Number.MAX_SAFE_INTEGER, (left + 2) * A64_PER_VSP + 100_000);
    this.enters++;
    const stop = e.run({ begin: L.CODE + BigInt(compiled.entryOffset), until: L.SENTINEL, maxInstructions: cap });
    if (stop.kind !== 'stop') throw new JitProtocolError(`compiled A64 code did not return: ${describeStop(stop)}`);
    e.readMemoryInto(L.STATE, bytes.subarray(0, HEADER));
    if (this.use.writes) e.readMemoryInto(L.STATE + BigInt(S.DATA), bytes.subarray(S.DATA, S.DATA + 0x10000));
    return Number(this.result.read().get(0) & 0xffffffffn);
  }

  close(): void {
    this.engine.close();
  }
}

let shared: UnicornA64Runner | null = null;

/** The process-wide runner of the unicorn-a64 engine (opened on first use). */
export function sharedUnicornA64Runner(): UnicornA64Runner {
  if (shared === null || shared.engine.closed) shared = new UnicornA64Runner();
  return shared;
}

const compiledCache = new WeakMap<LoadedProgram, CompiledProgram>();

/** Compiles (once per loaded program) and runs a program in Unicorn to its final state. */
export function runUnicornA64(loaded: LoadedProgram, st: VspState, options?: A64CompileOptions, runner: UnicornA64Runner = sharedUnicornA64Runner()): void {
  let compiled = options === undefined ? compiledCache.get(loaded) : undefined;
  if (compiled === undefined) {
    compiled = compileA64(loaded, options);
    if (options === undefined) compiledCache.set(loaded, compiled);
  }
  runner.load(compiled);
  runCompiled(runner, loaded, st);
}

/** Why Unicorn cannot run here, or null. */
function unicornUnavailable(): string | null {
  try {
    sharedUnicornA64Runner();
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** `vsp run --engine unicorn-a64`: the ARM64 JIT, its code run in Unicorn. */
export const unicornA64Engine: VspEngine = {
  name: 'unicorn-a64',
  description: 'the ARM64 JIT (src/jit/a64), its machine code run in the Unicorn emulator',
  unavailable: unicornUnavailable,
  run(loaded: LoadedProgram, state: VspState): void {
    runUnicornA64(loaded, state);
  },
};

registerEngine(unicornA64Engine);
