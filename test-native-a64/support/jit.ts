// The A64 JIT as a target of the differential harness (test/jit/a64-harness.ts: DiffRunner, per-opcode
// programs, random states), its code run natively on this ARM64 host through the native engine's runner
// (src/exec: mapped W^X, called in place on the state block) instead of in Unicorn. Case counts sized for
// qemu-user.
import { compileA64 } from '../../src/jit/a64/compile.js';
import { NativeRunner } from '../../src/jit/native-engine.js';
import { propertyRuns } from '../../test/support/runs.js';
import type { JitTarget } from '../../test/jit/a64-harness.js';

/** Backend options a target compiles with, whatever the test passes: the register cache. */
export interface A64TargetOptions {
  readonly cacheRegisters?: boolean;
}

/** The A64 JIT, its code run natively (this process must be arm64). */
export function nativeA64Target(options: A64TargetOptions = {}): JitTarget {
  return {
    name: `A64 JIT (native${options.cacheRegisters ? ', register cache' : ''})`,
    compile: (loaded, o) => compileA64(loaded, { ...o, ...options }),
    runner: new NativeRunner(),
  };
}

/**
 * Cases per property here: `normal` in the default run, 10 x normal under DYNASM_LONG=1 (not test/jit's 100x:
 * under qemu the interpreter, the compiler and V8 itself are emulated and a native call costs ~5 us, so a case
 * costs tens of times what it costs natively on x86-64). The default counts keep the whole arm64 step near
 * 4 minutes on this machine (docs/native-arm64.md).
 */
export function qemuRuns(normal: number): number {
  return propertyRuns(normal, normal * 10);
}

/** Cases per opcode and variant in the default run (DYNASM_LONG=1: 10x, and 8 programs instead of 2). */
export const OPCODE_CASES = 500;
