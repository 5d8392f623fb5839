// Benchmark records for the chart and CLI tests, made up (the tests check what is drawn from them, not
// the figures), and a fixed machine.
import type { MachineInfo } from '../../src/bench/machine.js';
import { makeRecord, type BenchRecord, type RecordInput } from '../../src/bench/record.js';

export const MACHINE: MachineInfo = {
  cpu: 'Test CPU 9000',
  cores: 2,
  arch: 'x64',
  platform: 'linux',
  node: 'v20.0.0-test',
  date: '2026-01-02T03:04:05.000Z',
  loadAverage: [0.5, 0.25, 0.125],
};

export const SIZES = [4, 16, 64, 256, 1024];
export const A64_COMPILE = [8, 3, 1.7, 1.0, 1.2];
export const X64_COMPILE = [12, 4.6, 2.8, 2.8, 3.3];
export const SWEEP = [1, 10, 100, 1000, 10_000];

const r = (x: RecordInput): BenchRecord => makeRecord('fixture', x);

export function fixtureRecords(): BenchRecord[] {
  const out: BenchRecord[] = [];
  SIZES.forEach((size, i) => {
    out.push(r({ metric: 'compile-time', engine: 'jit-a64', workload: 'uniform mix', size, value: A64_COMPILE[i]!, unit: 'us/insn', better: 'lower' }));
    out.push(r({ metric: 'code-size', engine: 'jit-a64', workload: 'uniform mix', size, value: 30 + i, unit: 'bytes/insn', better: 'lower' }));
    out.push(r({ metric: 'compile-time', engine: 'jit-x64', workload: 'uniform mix', size, value: X64_COMPILE[i]!, unit: 'us/insn', better: 'lower' }));
    out.push(r({ metric: 'code-size', engine: 'jit-x64', workload: 'uniform mix', size, value: 25 + 2 * i, unit: 'bytes/insn', better: 'lower' }));
  });
  const interp = { engine: 'interp', workload: 'SIL-32 integer', value: 2e8 };
  out.push(r({ metric: 'throughput', engine: 'bare-switch', workload: 'SIL-32 integer', value: 3.4e8, unit: 'insn/s', better: 'higher' }));
  out.push(r({ metric: 'throughput', ...interp, unit: 'insn/s', better: 'higher' }));
  out.push(r({ metric: 'throughput', engine: 'unicorn-a64', workload: 'SIL-32 integer', config: 'register cache off', value: 3.5e6, unit: 'insn/s', better: 'higher', baseline: interp }));
  out.push(r({ metric: 'throughput', engine: 'native-x64', workload: 'SIL-32 integer', config: 'register cache off', value: 1e9, unit: 'insn/s', better: 'higher', baseline: interp }));
  out.push(r({ metric: 'throughput', engine: 'native-x64', workload: 'SIL-32 integer', config: 'register cache on', value: 2.7e9, unit: 'insn/s', better: 'higher', baseline: interp }));
  SWEEP.forEach((iterations, i) => {
    out.push(r({ metric: 'execution-sweep', engine: 'interp', workload: '5-instruction example', size: 5, iterations, value: 2e7, unit: 'insn/s', better: 'higher' }));
    out.push(r({ metric: 'execution-sweep', engine: 'native-x64', workload: '5-instruction example', size: 5, iterations, value: 5e4 * 10 ** i, unit: 'insn/s', better: 'higher' }));
  });
  out.push(r({ metric: 'cold-start', engine: 'interp', workload: '5-instruction example', size: 5, iterations: 1, value: 1.5, unit: 'us', better: 'lower' }));
  out.push(r({ metric: 'cold-start', engine: 'native-x64', workload: '5-instruction example', size: 5, iterations: 1, value: 150, unit: 'us', better: 'lower', baseline: { engine: 'interp', workload: '5-instruction example', value: 1.5 } }));
  out.push(r({ metric: 'warm-execution', engine: 'interp', workload: '5-instruction example', size: 5, value: 300, unit: 'ns/exec', better: 'lower' }));
  out.push(r({ metric: 'warm-execution', engine: 'native-x64', workload: '5-instruction example', size: 5, value: 150, unit: 'ns/exec', better: 'lower' }));
  const iced = { engine: 'iced-x86', workload: 'x64 8-line template', value: 1.3e6 };
  out.push(r({ metric: 'encode-rate', engine: 'dynasm', workload: 'x64 8-line template', config: 'template fill, runtime operands', value: 1.5e7, unit: 'insn/s', better: 'higher', baseline: iced }));
  out.push(r({ metric: 'encode-rate', ...iced, unit: 'insn/s', better: 'higher' }));
  out.push(r({ metric: 'encode-rate', engine: 'gnu-as', workload: 'x64 8-line template', config: 'as --64', value: 5e5, unit: 'insn/s', better: 'higher' }));
  out.push(r({ metric: 'encode-rate', engine: 'llvm-mc', workload: 'x64 8-line template', config: 'llvm-mc-14', value: 3.5e5, unit: 'insn/s', better: 'higher' }));
  out.push(r({ metric: 'encode-rate', engine: 'dynasm', workload: 'x64 8-line template', config: 'template fill, per CPU second', value: 1.6e7, unit: 'insn/s', better: 'higher' }));
  return out;
}
