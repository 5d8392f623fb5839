// compileA64: the arch-neutral compiler driving the A64 backend, with the far-mode retry for programs whose
// code outgrows conditional-branch ranges (docs/jit-a64.md).
import { Assembler } from '../../../dsl/assembler.js';
import type { LoadedProgram } from '../../vsp/container.js';
import { compileProgram, type CompiledProgram, type CompileOptions } from '../compiler.js';
import { A64Backend, isRangeError, type A64BackendOptions } from './backend.js';

export interface A64CompileOptions extends CompileOptions, A64BackendOptions {
  /** Start in far mode (islands, long conditional branches); default: only when near mode is out of range. */
  readonly far?: boolean;
}

/** Compiles a verified program to A64 machine code (the function `vsp_run(state, tables)` at entryOffset). */
export function compileA64(loaded: LoadedProgram, options: A64CompileOptions = {}): CompiledProgram {
  // One assembler for every compile (its buffer and label tables are reused; compiles are synchronous, and a
  // compile that throws leaves nothing behind: the next one resets it).
  const assembler = options.assembler ?? (shared ??= new Assembler('a64', { capacity: 1 << 16 }));
  if (!options.far) {
    try {
      return compileWith(loaded, new A64Backend({ ...options, far: false, assembler }), options);
    } catch (e) {
      if (!isRangeError(e)) throw e;
    }
  }
  return compileWith(loaded, new A64Backend({ ...options, far: true, assembler }), options);
}

let shared: Assembler<'a64'> | undefined;

function compileWith(loaded: LoadedProgram, backend: A64Backend, options: CompileOptions): CompiledProgram {
  try {
    return compileProgram(loaded, backend, options);
  } catch (e) {
    throw backend.wrap(e);
  }
}
