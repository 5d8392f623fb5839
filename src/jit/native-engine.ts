// The `native` engine of `vsp run --engine`: the JIT backend of the host's CPU (x64 on x86-64, a64 on ARM64
// Linux and macOS), its code mapped executable with src/exec and called directly. The state block is passed
// in place (the address of VspState.bytes' memory, no copy) together with the read-only tables block; host instructions are served by the arch-neutral driver (driver.ts runCompiled)
// between calls. A program is compiled once per loaded program. On a host without a JIT backend the engine
// runs the reference interpreter and says so in its description and `notice`.
import koffi from 'koffi';
import { host, nativeFunction, type HostTarget, type NativeArch, type NativeFunction } from '../exec/index.js';
import type { LoadedProgram } from '../vsp/container.js';
import { interpreterEngine, registerEngine, type VspEngine } from '../vsp/engine.js';
import type { VspState } from '../vsp/state.js';
import { compileA64 } from './a64/compile.js';
import type { CompiledProgram, CompileOptions } from './compiler.js';
import { JitProtocolError, runCompiled, type CompiledEntry } from './driver.js';
import { tablesBlock } from './tables-block.js';
import { compileX64 } from './x64/compile.js';

/**
 * The C signature of every compiled program (docs/jit-design.md), with both pointers passed as integers: koffi
 * converts a TypedArray argument on every call (about 20 ns each), while the address of an ArrayBuffer's
 * memory never changes (V8 keeps backing stores off the moving heap), so it is taken once per block.
 */
const SIGNATURE = 'uint32_t (uint64_t state, uint64_t tables)';

type VspRun = (state: number, tables: number) => number;

/** The address of a TypedArray's first byte, as a number (koffi.address). */
function addressOf(bytes: Uint8Array): number {
  const a = Number(koffi.address(bytes));
  if (!Number.isSafeInteger(a) || a === 0) throw new JitProtocolError(`cannot take the address of a ${bytes.length}-byte block`);
  return a;
}

export interface NativeCompileOptions extends CompileOptions {
  /** Keep hot VSP state in machine registers (backends that implement it; see BackendOptions). */
  readonly cacheRegisters?: boolean;
}

/** The compile function of the backend for `arch`. */
export function backendCompiler(arch: NativeArch): (loaded: LoadedProgram, options?: NativeCompileOptions) => CompiledProgram {
  return arch === 'x64' ? compileX64 : compileA64;
}

let tablesAddr = 0;

/** The address of the shared tables block (taken once; the block lives as long as the process). */
function tablesAddress(): number {
  if (tablesAddr === 0) tablesAddr = addressOf(tablesBlock());
  return tablesAddr;
}

/** Compiled code mapped executable and bound as `vsp_run(state, tables)`. */
export class NativeCode implements CompiledEntry {
  private readonly fn: NativeFunction<VspRun>;
  private readonly tables = tablesAddress();
  /** The last state block called with, and its address. */
  private lastBuffer: ArrayBuffer | null = null;
  private lastAddress = 0;
  /** Entries into the code (statistics). */
  enters = 0;

  constructor(readonly compiled: CompiledProgram) {
    if (compiled.arch !== host.arch) throw new JitProtocolError(`cannot run ${compiled.arch} code natively on a ${host.arch ?? process.arch} host`);
    if (compiled.entryOffset !== 0) throw new JitProtocolError(`compiled code must start at offset 0, not ${compiled.entryOffset}`);
    this.fn = nativeFunction<VspRun>(compiled.code, SIGNATURE);
  }

  /** Calls vsp_run(state, tables) once on the block in place; returns the exit code. */
  enter(st: VspState): number {
    this.enters++;
    if (st.buffer !== this.lastBuffer) {
      this.lastAddress = addressOf(st.bytes);
      this.lastBuffer = st.buffer;
    }
    return this.fn.call(this.lastAddress, this.tables);
  }

  /** Unmaps the code (later calls throw). */
  dispose(): void {
    this.fn.dispose();
  }
}

/**
 * Runs one compiled program at a time natively (the differential tests load many programs in turn: the
 * previous one's code is unmapped when another is loaded).
 */
export class NativeRunner implements CompiledEntry {
  private code: NativeCode | null = null;

  load(compiled: CompiledProgram): void {
    if (this.code !== null && this.code.compiled === compiled) return;
    this.code?.dispose();
    this.code = null;
    this.code = new NativeCode(compiled);
  }

  enter(st: VspState): number {
    if (this.code === null) throw new JitProtocolError('NativeRunner.enter: no program loaded');
    return this.code.enter(st);
  }

  close(): void {
    this.code?.dispose();
    this.code = null;
  }
}

const cache = new WeakMap<LoadedProgram, NativeCode>();

/**
 * Compile options of the native engine: the register cache is on (every property test runs with it on and
 * off; it makes loops over a few values several times faster, docs/jit-x64.md).
 */
export const NATIVE_ENGINE_OPTIONS: NativeCompileOptions = { cacheRegisters: true };

/** The native code of a loaded program, compiled and mapped on first use (freed with the program). */
export function nativeCodeFor(loaded: LoadedProgram): NativeCode {
  let c = cache.get(loaded);
  if (c === undefined) {
    c = new NativeCode(backendCompiler(host.arch!)(loaded, NATIVE_ENGINE_OPTIONS));
    cache.set(loaded, c);
  }
  return c;
}

/** Compiles (once per loaded program) and runs a program natively to its final state. */
export function runNative(loaded: LoadedProgram, st: VspState): void {
  runCompiled(nativeCodeFor(loaded), loaded, st);
}

/** Why a host has no native JIT (null when it has one; the engine then falls back to the interpreter). */
export function nativeUnavailable(target: HostTarget = host, cpu: string = process.arch, platform: string = process.platform): string | null {
  if (target.arch === null) return `no JIT backend for ${cpu}`;
  if (target.os === 'other') return `no executable-memory support for ${platform}`;
  return null;
}

/** The `native` engine for a host: its JIT backend run natively, or the interpreter where there is none. */
export function makeNativeEngine(target: HostTarget = host, cpu: string = process.arch, platform: string = process.platform): VspEngine & { readonly notice: string | null } {
  const reason = nativeUnavailable(target, cpu, platform);
  return {
    name: 'native',
    description:
      reason === null
        ? `the ${target.arch} JIT (src/jit/${target.arch}), its machine code run natively on this ${cpu} host`
        : `the reference interpreter: ${reason} (native falls back to the interpreter here)`,
    notice: reason === null ? null : `native: ${reason}; running the reference interpreter instead`,
    unavailable: () => null,
    run(loaded: LoadedProgram, state: VspState): void {
      if (reason !== null) return interpreterEngine.run(loaded, state) as void;
      if (target.arch !== host.arch) throw new JitProtocolError(`the native engine for ${target.arch} cannot run on this ${host.arch ?? cpu} host`);
      runNative(loaded, state);
    },
  };
}

/** `vsp run --engine native`: the host's JIT backend run natively, or the interpreter where there is none. */
export const nativeEngine = makeNativeEngine();

registerEngine(nativeEngine);
