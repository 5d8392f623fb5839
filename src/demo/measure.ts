// Timing for the main job's report: rounds timed in CPU time (src/bench/timing.ts), their medians, and
// yielding between rounds so the progress line can be redrawn.
import { cpuSeconds, median } from '../bench/timing.js';
import { yieldToTerminal } from '../cli/terminal.js';

/**
 * The median time of one call of `work` in seconds: `rounds` rounds of `perRound` calls each, yielding to
 * the event loop between rounds.
 */
export async function timePerCall(work: () => void, perRound: number, rounds: number): Promise<number> {
  const t: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = cpuSeconds();
    for (let i = 0; i < perRound; i++) work();
    t.push((cpuSeconds() - t0) / perRound);
    await yieldToTerminal();
  }
  return median(t);
}

/**
 * Median times of one call of each of `works`, measured in alternating rounds (so that each sees the same
 * machine: load and frequency change during a run) after `warmup` untimed rounds (so that V8 has optimised
 * each before it is timed); `perRound` calls per round.
 */
export async function timeAlternating(works: readonly (() => void)[], perRound: number, rounds: number, warmup = 3): Promise<number[]> {
  const t: number[][] = works.map(() => []);
  for (let r = -warmup; r < rounds; r++) {
    for (let w = 0; w < works.length; w++) {
      const work = works[w]!;
      const t0 = cpuSeconds();
      for (let i = 0; i < perRound; i++) work();
      if (r >= 0) t[w]!.push((cpuSeconds() - t0) / perRound);
      await yieldToTerminal();
    }
  }
  return t.map(median);
}
