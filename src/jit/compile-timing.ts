// How long a program takes to compile, as a long-running host sees it: the first compile of a process parses
// every code template of the backend (the dsl plan cache) and runs cold JavaScript, so the program is
// compiled again and again and the median of the later half of those compiles is reported next to the first
// (by then V8 has optimised the compiler). Used by `vsp jit` and the main job.
import { median } from '../bench/timing.js';
import type { CompiledProgram } from './compiler.js';

export interface CompileTiming {
  /** The last compile's output. */
  readonly compiled: CompiledProgram;
  /** The first compile, in ms. */
  readonly firstMs: number;
  /** The median of the later half of the repeated compiles, in ms (firstMs when there were none). */
  readonly warmMs: number;
  /** Compiles after the first. */
  readonly repeats: number;
  /** How many of them the median is taken over. */
  readonly sampled: number;
}

export interface CompileTimingLimits {
  /** At most this many compiles after the first. */
  readonly maxRepeats: number;
  /** Stop repeating after this many ms (default: no limit). */
  readonly maxMs?: number;
}

/** Compiles with `compile` once, then repeatedly within `limits`, yielding to the event loop every 50 compiles. */
export async function timeCompile(compile: () => CompiledProgram, limits: CompileTimingLimits): Promise<CompileTiming> {
  let compiled = compile();
  const firstMs = compiled.compileMs;
  const until = performance.now() + (limits.maxMs ?? Infinity);
  const times: number[] = [];
  while (times.length < limits.maxRepeats && performance.now() < until) {
    compiled = compile();
    times.push(compiled.compileMs);
    if (times.length % 50 === 0) await new Promise((r) => setImmediate(r));
  }
  const later = times.slice(times.length >> 1);
  return { compiled, firstMs, warmMs: later.length > 0 ? median(later) : firstMs, repeats: times.length, sampled: later.length };
}
