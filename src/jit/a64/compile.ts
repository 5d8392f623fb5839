// compileA64: the arch-neutral compiler driving the A64 backend, with the far-mode retry for programs whose
// code outgrows conditional-branch ranges (docs/jit-a64.md).
import type { LoadedProgram } from '../../vsp/container.js';
import { compileProgram, type CompiledProgram, type CompileOptions } from '../compiler.js';
import { A64Backend, isRangeError, type A64BackendOptions } from './backend.js';

export interface A64CompileOptions extends CompileOptions, A64BackendOptions {
  /** Start in far mode (islands, long conditional branches); default: only when near mode is out of range. */
  readonly far?: boolean;
}

/** Compiles a verified program to A64 machine code (the function `vsp_run(state, tables)` at entryOffset). */
export function compileA64(loaded: LoadedProgram, options: A64CompileOptions = {}): CompiledProgram {
  if (!options.far) {
    try {
      return compileProgram(loaded, new A64Backend({ ...options, far: false }), options);
    } catch (e) {
      if (!isRangeError(e)) throw e;
    }
  }
  return compileProgram(loaded, new A64Backend({ ...options, far: true }), options);
}
