// The list of benchmark suites `npm run bench` runs, in order.
import { runVspInterpBench } from './vsp-interp.js';
import { runEmulationBench } from './emulation.js';
import { runDslA64Bench } from './dsl-a64.js';
import { runJitA64Bench } from './jit-a64.js';
import { runDslX64Bench } from './dsl-x64.js';
import { runJitNativeBench } from './jit-native.js';

export interface BenchSuite {
  name: string;
  run(): Promise<void>;
}

export const suites: BenchSuite[] = [
  { name: 'vsp-interp: reference interpreter, VSP instructions/s against a bare switch loop', run: () => runVspInterpBench() },
  { name: 'emulation: Unicorn cases/s, fresh engine per case vs reused engines and the harness (a64, x64)', run: () => runEmulationBench() },
  { name: 'dsl-a64: dynasm template fill (M insn/s, runtime operands) vs GNU as and llvm-mc; first-call parse cost', run: () => runDslA64Bench() },
  { name: 'dsl-x64: dynasm template fill (M insn/s, runtime operands, with and without finalize/relaxation) vs iced-x86 Encoder, GNU as and llvm-mc', run: () => runDslX64Bench() },
  { name: 'jit-a64: VSP -> A64 compile time and code bytes per VSP instruction (4..1024), emulated throughput in Unicorn', run: () => runJitA64Bench() },
  { name: 'jit-native: the host JIT (x64 here) run natively: G VSP insn/s on loops vs the interpreter (register cache off/on), call overhead and break-even of a 5-instruction program, compile time per VSP instruction', run: () => runJitNativeBench() },
];
