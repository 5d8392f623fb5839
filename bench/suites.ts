// The list of benchmark suites `npm run bench` and `vsp bench` run, in order. A suite prints its own table
// and hands every figure to its BenchContext as a record (src/bench/record.ts).
import type { BenchSuite } from '../src/bench/record.js';
import { runVspInterpBench } from './vsp-interp.js';
import { runEmulationBench } from './emulation.js';
import { runDslA64Bench } from './dsl-a64.js';
import { runJitA64Bench } from './jit-a64.js';
import { runDslX64Bench } from './dsl-x64.js';
import { runJitNativeBench } from './jit-native.js';
import { runExecutionsBench } from './executions.js';

export const suites: readonly BenchSuite[] = [
  { name: 'vsp-interp', title: 'reference interpreter, VSP instructions/s against a bare switch loop', run: (ctx) => runVspInterpBench(ctx) },
  { name: 'emulation', title: 'Unicorn cases/s, fresh engine per case vs reused engines and the harness (a64, x64)', run: (ctx) => runEmulationBench(ctx) },
  { name: 'dsl-a64', title: 'dynasm template fill (M insn/s, runtime operands) vs GNU as and llvm-mc; first-call parse cost', run: (ctx) => runDslA64Bench(ctx) },
  { name: 'dsl-x64', title: 'dynasm template fill (M insn/s, runtime operands, with and without finalize/relaxation) vs iced-x86 Encoder, GNU as and llvm-mc', run: (ctx) => runDslX64Bench(ctx) },
  { name: 'jit-a64', title: 'VSP -> A64 compile time and code bytes per VSP instruction (4..1024), emulated throughput in Unicorn', run: (ctx) => runJitA64Bench(ctx) },
  { name: 'jit-native', title: 'the host JIT (x64 here) run natively: G VSP insn/s on loops vs the interpreter (register cache off/on), call overhead and break-even of a 5-instruction program, compile time per VSP instruction (4..1024)', run: (ctx) => runJitNativeBench(ctx) },
  { name: 'executions', title: 'every engine (interpreter, A64 in Unicorn, native): cold start (compile + run), warm execution, break-even, and throughput over compile + 1..10,000 executions', run: (ctx) => runExecutionsBench(ctx) },
];
