// compileX64: the arch-neutral compiler driving the x86-64 backend (docs/jit-x64.md).
import { Assembler } from '../../../dsl/assembler.js';
import type { LoadedProgram } from '../../vsp/container.js';
import { compileProgram, type CompiledProgram, type CompileOptions } from '../compiler.js';
import { X64Backend, type X64BackendOptions } from './backend.js';

export interface X64CompileOptions extends CompileOptions, X64BackendOptions {}

let shared: Assembler<'x64'> | undefined;

/** Compiles a verified program to x86-64 machine code (the function `vsp_run(state, tables)` at entryOffset). */
export function compileX64(loaded: LoadedProgram, options: X64CompileOptions = {}): CompiledProgram {
  // One assembler for every compile (its buffer and label tables are reused; compiles are synchronous, and a
  // compile that throws leaves nothing behind: the next one resets it).
  const assembler = options.assembler ?? (shared ??= new Assembler('x64', { capacity: 1 << 16 }));
  const backend = new X64Backend({ ...options, assembler });
  try {
    return compileProgram(loaded, backend, options);
  } catch (e) {
    throw backend.wrap(e);
  }
}
