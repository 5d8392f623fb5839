// Timing for the main job's report: CPU time of this process (the machine may be shared: CPU time does not
// count the time other processes hold the cores), medians of rounds, and yielding between rounds so the
// progress line can be redrawn.
import { yieldToTerminal } from '../cli/terminal.js';

/** Seconds of CPU time of this process (user + system). */
export function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

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
