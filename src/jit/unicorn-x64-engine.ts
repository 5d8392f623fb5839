// Runs x86-64 code compiled by the VSP JIT in the Unicorn emulator (emulation/), and the `unicorn-x64` engine of
// `vsp run --engine`. The state block and the tables block are mapped in emulated memory; around each entry
// of the compiled function the parts of the state block compiled code can read or write are copied in and
// out (the header with registers, flags, scalars, gradient, both stacks and the ports every time; the data
// memory only for programs with LOAD/STORE/LSTATE/SSTATE: in once per run, out after each exit when they
// write it). Host instructions run in JavaScript between entries (driver.ts), on the JS-side block. The call
// follows System V: rdi = state, rsi = tables, the return address (an unmapped sentinel) at [rsp].
import { Engine, describeStop, type RegisterSet } from '../../emulation/unicorn.js';
import { Op } from '../../spec/vsp/opcodes.js';
import type { LoadedProgram } from '../vsp/container.js';
import { registerEngine, type VspEngine } from '../vsp/engine.js';
import { S, STATE_SIZE } from '../vsp/state-layout.js';
import type { VspState } from '../vsp/state.js';
import type { CompiledProgram } from './compiler.js';
import { JitProtocolError, runCompiled, type CompiledEntry } from './driver.js';
import { TABLES_SIZE, tablesBlock } from './tables-block.js';
import { compileX64, type X64CompileOptions } from './x64/compile.js';

/** Emulated addresses (all page aligned). */
export const UNICORN_X64_LAYOUT = {
  STATE: 0x1000_0000n,
  TABLES: 0x2000_0000n,
  STACK: 0x3000_0000n,
  STACK_SIZE: 0x1_0000,
  CODE: 0x4000_0000n,
  /** Unmapped: the return address of vsp_run, where a run stops. */
  SENTINEL: 0x5000_0000n,
} as const;

/** Header bytes copied around every entry: registers .. ports (the mailbox and streams are host-only). */
const HEADER = S.MAILBOX;
const PAGE = 0x1000;
const roundUp = (n: number): number => Math.ceil(n / PAGE) * PAGE;

/** x86-64 instructions a VSP instruction can take at most (POWINT's 32 squarings, the dispatch search, ...), generously. */
const X64_PER_VSP = 2000;

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
export class UnicornX64Runner implements CompiledEntry {
  readonly engine: Engine<'x64'>;
  private readonly regs: RegisterSet<'x64'>;
  private readonly result: RegisterSet<'x64'>;
  private readonly ret = new Uint8Array(8);
  private codeSize = 0;
  private loaded: CompiledProgram | null = null;
  private use: DataUse = { reads: false, writes: false };
  private firstEnter = true;
  /** Entries into compiled code since the runner was made (statistics). */
  enters = 0;

  constructor() {
    const L = UNICORN_X64_LAYOUT;
    this.engine = Engine.open('x64');
    const e = this.engine;
    e.map(L.STATE, roundUp(STATE_SIZE), 'rw');
    e.map(L.TABLES, roundUp(TABLES_SIZE), 'r');
    e.writeMemory(L.TABLES, tablesBlock());
    e.map(L.STACK, L.STACK_SIZE, 'rw');
    this.mapCode(1 << 20);
    new DataView(this.ret.buffer).setBigUint64(0, L.SENTINEL, true);
    this.regs = e.registerSet(['rdi', 'rsi', 'rsp']);
    this.result = e.registerSet(['rax']);
  }

  private mapCode(size: number): void {
    const L = UNICORN_X64_LAYOUT;
    if (this.codeSize > 0) this.engine.unmap(L.CODE, this.codeSize);
    this.codeSize = roundUp(size);
    this.engine.map(L.CODE, this.codeSize, 'rx');
  }

  /** Makes `compiled` the program that enter() runs (writes its code when it is not the current one). */
  load(compiled: CompiledProgram): void {
    if (compiled.arch !== 'x64') throw new JitProtocolError(`UnicornX64Runner cannot run ${compiled.arch} code`);
    if (this.loaded !== compiled) {
      if (compiled.code.length > this.codeSize) this.mapCode(compiled.code.length);
      this.engine.writeCode(UNICORN_X64_LAYOUT.CODE, compiled.code);
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
    if (compiled === null) throw new JitProtocolError('UnicornX64Runner.enter: no program loaded');
    const L = UNICORN_X64_LAYOUT;
    const e = this.engine;
    const bytes = st.bytes;
    e.writeMemory(L.STATE, bytes.subarray(0, HEADER));
    if (this.firstEnter && this.use.reads) e.writeMemory(L.STATE + BigInt(S.DATA), bytes.subarray(S.DATA, S.DATA + 0x10000));
    this.firstEnter = false;
    // the return address: [rsp] = sentinel, rsp = 8 mod 16 as right after a call
    const rsp = L.STACK + BigInt(L.STACK_SIZE) - 0x108n;
    e.writeMemory(rsp, this.ret);
    const r = this.regs;
    r.set(0, L.STATE);
    r.set(1, L.TABLES);
    r.set(2, rsp);
    r.write();
    const left = Math.max(0, st.budget - st.cycles);
    const cap = Math.min(Number.MAX_SAFE_INTEGER, (left + 2) * X64_PER_VSP + 100_000);
    this.enters++;
    const stop = e.run({ begin: L.CODE + BigInt(compiled.entryOffset), until: L.SENTINEL, maxInstructions: cap });
    if (stop.kind !== 'stop') throw new JitProtocolError(`compiled x64 code did not return: ${describeStop(stop)}`);
    e.readMemoryInto(L.STATE, bytes.subarray(0, HEADER));
    if (this.use.writes) e.readMemoryInto(L.STATE + BigInt(S.DATA), bytes.subarray(S.DATA, S.DATA + 0x10000));
    return Number(this.result.read().get(0) & 0xffffffffn);
  }

  close(): void {
    this.engine.close();
  }
}

let shared: UnicornX64Runner | null = null;

/** The process-wide runner of the unicorn-x64 engine (opened on first use). */
export function sharedUnicornX64Runner(): UnicornX64Runner {
  if (shared === null || shared.engine.closed) shared = new UnicornX64Runner();
  return shared;
}

const compiledCache = new WeakMap<LoadedProgram, CompiledProgram>();

/** Compiles (once per loaded program) and runs a program in Unicorn to its final state. */
export function runUnicornX64(loaded: LoadedProgram, st: VspState, options?: X64CompileOptions, runner: UnicornX64Runner = sharedUnicornX64Runner()): void {
  let compiled = options === undefined ? compiledCache.get(loaded) : undefined;
  if (compiled === undefined) {
    compiled = compileX64(loaded, options);
    if (options === undefined) compiledCache.set(loaded, compiled);
  }
  runner.load(compiled);
  runCompiled(runner, loaded, st);
}

/** Why Unicorn cannot run here, or null. */
function unicornUnavailable(): string | null {
  try {
    sharedUnicornX64Runner();
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** `vsp run --engine unicorn-x64`: the x86-64 JIT, its code run in Unicorn. */
export const unicornX64Engine: VspEngine = {
  name: 'unicorn-x64',
  description: 'the x86-64 JIT (src/jit/x64), its machine code run in the Unicorn emulator',
  unavailable: unicornUnavailable,
  run(loaded: LoadedProgram, state: VspState): void {
    runUnicornX64(loaded, state);
  },
};

registerEngine(unicornX64Engine);
