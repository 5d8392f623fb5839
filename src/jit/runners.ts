// Where compiled code of one architecture can run on this machine: natively when it is the host's
// architecture (and the OS has executable-memory support), else in Unicorn. Used by `vsp jit --check`, the
// main job and the benchmarks, which run one CompiledProgram they compiled themselves (the engines of
// `vsp run` compile their own).
import { host, type NativeArch } from '../exec/index.js';
import type { CompiledProgram } from './compiler.js';
import type { CompiledEntry } from './driver.js';
import { NativeRunner, nativeUnavailable } from './native-engine.js';
import { UnicornA64Runner } from './unicorn-engine.js';
import { UnicornX64Runner } from './unicorn-x64-engine.js';

/** Runs one loaded CompiledProgram at a time. */
export interface CompiledRunner extends CompiledEntry {
  /** `native` or `unicorn-a64` / `unicorn-x64`: the engine name of `vsp run --engine`. */
  readonly name: string;
  load(compiled: CompiledProgram): void;
  /** Releases the code (native memory, the Unicorn engine). */
  close(): void;
}

/** Whether code for `arch` runs natively here. */
export function runsNatively(arch: NativeArch): boolean {
  return host.arch === arch && nativeUnavailable() === null;
}

/**
 * A runner for code of `arch`: native when possible (unless `emulate`), else Unicorn. Throws when Unicorn is
 * needed and cannot be opened (its error says why: the library is missing, ...).
 */
export function runnerFor(arch: NativeArch, emulate = false): CompiledRunner {
  if (!emulate && runsNatively(arch)) {
    const r = new NativeRunner();
    return { name: 'native', load: (c) => r.load(c), enter: (st) => r.enter(st), close: () => r.close() };
  }
  const r = arch === 'a64' ? new UnicornA64Runner() : new UnicornX64Runner();
  return { name: `unicorn-${arch}`, load: (c) => r.load(c), enter: (st) => r.enter(st), close: () => r.close() };
}
