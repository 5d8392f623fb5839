// The machine a benchmark ran on, for the JSON document and the chart's title: the figures mean little
// without it (a loaded or shared machine is slower, and says so through its load average).
import { arch, cpus, loadavg, platform } from 'node:os';

export interface MachineInfo {
  /** CPU model as the OS reports it (`AMD EPYC`, `Apple M2`). */
  readonly cpu: string;
  /** Logical cores. */
  readonly cores: number;
  /** node's process.arch (`x64`, `arm64`). */
  readonly arch: string;
  readonly platform: string;
  /** node's version (`v20.20.2`). */
  readonly node: string;
  /** When the run started, ISO 8601 UTC. */
  readonly date: string;
  /** 1-, 5- and 15-minute load averages when the run started. */
  readonly loadAverage: readonly number[];
}

export function describeMachine(now: Date = new Date()): MachineInfo {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() || 'unknown CPU',
    cores: list.length,
    arch: arch(),
    platform: platform(),
    node: process.version,
    date: now.toISOString(),
    loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

/** One line: `AMD EPYC (2 cores, x64 linux), node v20.20.2, 2026-11-24 08:05 UTC`. */
export function machineLine(m: MachineInfo): string {
  const when = m.date.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
  return `${m.cpu} (${m.cores} cores, ${m.arch} ${m.platform}), node ${m.node}, ${when}`;
}
