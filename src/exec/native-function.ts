// Calling generated code: a koffi function prototype decoded once over an ExecutableMemory address. The
// returned callable keeps the memory alive for as long as it is reachable.
import koffi, { type TypeObject } from 'koffi';
import { ExecutableMemory } from './executable-memory.js';

export interface NativeFunction<F extends (...args: never[]) => unknown> {
  /** Calls the native code. ~30 ns per call with number arguments. */
  readonly call: F;
  readonly memory: ExecutableMemory;
  dispose(): void;
}

// koffi prototypes are registered types: make one per distinct signature, not one per function.
const protos = new Map<string, TypeObject>();

/**
 * Maps `code` executable and binds it as a C function of the given signature, in koffi's C-like syntax
 * without a name, e.g. `'int64_t (int64_t a, int64_t b)'` or `'uint32_t (void *state)'`.
 */
export function nativeFunction<F extends (...args: never[]) => unknown>(code: Uint8Array, signature: string): NativeFunction<F> {
  const memory = ExecutableMemory.fromCode(code);
  try {
    let proto = protos.get(signature);
    if (!proto) {
      const m = /^\s*(.+?)\s*\((.*)\)\s*$/.exec(signature);
      if (!m) throw new TypeError(`bad native signature '${signature}': expected 'ret (params)'`);
      proto = koffi.proto(`${m[1]} dynasm_fn_${protos.size}(${m[2]})`);
      protos.set(signature, proto);
    }
    const fn = koffi.decode(memory.address, proto) as F;
    return { call: fn, memory, dispose: () => memory.dispose() };
  } catch (e) {
    memory.dispose();
    throw e;
  }
}
