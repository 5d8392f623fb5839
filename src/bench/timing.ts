// The clocks and the statistic every measurement uses (bench/ suites, the main job): CPU time of this process
// (the machine may be shared: CPU time does not count the time other processes hold the cores), wall-clock
// time where a figure is about elapsed time, and the median of repeated rounds.

/** Seconds of CPU time of this process (user + system). */
export function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** Wall-clock seconds (monotonic). */
export function wallSeconds(): number {
  return Number(process.hrtime.bigint()) / 1e9;
}

/** The median (the upper one of an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}
