// Benchmark records -> the SVG chart of `vsp bench --svg FILE`: compile time and code size per VSP
// instruction against program size, throughput per engine, compile-once-run-N-times, cold start and warm
// execution per engine, and DSL encoding rate against GNU as, llvm-mc and iced-x86. Panels with no records
// in the run (a --suite selection) say so instead of disappearing, so the layout is always the same.
import type { BenchRecord } from './record.js';
import type { MachineInfo } from './machine.js';
import { renderChart, type BarPanel, type LinePanel, type Panel } from './svg-chart.js';

/** Engine colours: one hue per engine family, the same in every panel. */
const ENGINE_COLORS: Record<string, string> = {
  interp: '#4e79a7',
  'unicorn-a64': '#f28e2b',
  'jit-a64': '#f28e2b',
  'native-a64': '#e15759',
  'native-x64': '#59a14f',
  'jit-x64': '#59a14f',
  dynasm: '#59a14f',
  'gnu-as': '#edc948',
  'llvm-mc': '#b07aa1',
  'iced-x86': '#9c755f',
};
const SPARE = ['#76b7b2', '#ff9da7', '#bab0ac', '#4e79a7'];
const DASHES = ['', '7 4', '2 3', '10 3 2 3'];
const OPACITIES = [1, 0.55, 0.3, 0.8];

function colorOf(engine: string, spare: Map<string, string>): string {
  const c = ENGINE_COLORS[engine];
  if (c !== undefined) return c;
  if (!spare.has(engine)) spare.set(engine, SPARE[spare.size % SPARE.length]!);
  return spare.get(engine)!;
}

type Label = (r: BenchRecord) => string;

/** engine, workload, config: the parts that differ between the records of a panel. */
function distinctLabel(records: readonly BenchRecord[], withWorkload: boolean): Label {
  const varies = (f: (r: BenchRecord) => string) => new Set(records.map(f)).size > 1;
  const w = withWorkload && varies((r) => r.workload);
  const c = varies((r) => r.config);
  return (r) => [r.engine, w ? r.workload : '', c ? r.config : ''].filter((s) => s !== '').join(', ');
}

/** One line per label: figures against `x`, the best kept where an x repeats. */
function lines(records: readonly BenchRecord[], x: (r: BenchRecord) => number | null, labelOf: Label = distinctLabel(records, true)): LinePanel['series'] {
  const spare = new Map<string, string>();
  const byLabel = new Map<string, { engine: string; points: Map<number, number>; better: string }>();
  for (const r of records) {
    const xv = x(r);
    if (xv === null) continue;
    const label = labelOf(r);
    let s = byLabel.get(label);
    if (s === undefined) byLabel.set(label, (s = { engine: r.engine, points: new Map(), better: r.better }));
    const old = s.points.get(xv);
    s.points.set(xv, old === undefined ? r.value : r.better === 'higher' ? Math.max(old, r.value) : Math.min(old, r.value));
  }
  const perEngine = new Map<string, number>();
  return [...byLabel].map(([label, s]) => {
    const k = perEngine.get(s.engine) ?? 0;
    perEngine.set(s.engine, k + 1);
    const dash = DASHES[k % DASHES.length]!;
    return {
      label,
      color: colorOf(s.engine, spare),
      ...(dash ? { dash } : {}),
      points: [...s.points].sort((a, b) => a[0] - b[0]).map(([px, py]) => ({ x: px, y: py })),
    };
  });
}

/** Grouped bars: a group per `group(r)`, a bar per label; the best figure where one repeats. */
function bars(records: readonly BenchRecord[], group: Label, value: (r: BenchRecord) => number, labelOf: Label = distinctLabel(records, false)): Pick<BarPanel, 'series' | 'groups'> {
  const spare = new Map<string, string>();
  const seriesKeys: { label: string; engine: string }[] = [];
  const groups: string[] = [];
  const cell = new Map<string, number>();
  for (const r of records) {
    const label = labelOf(r);
    if (!seriesKeys.some((s) => s.label === label)) seriesKeys.push({ label, engine: r.engine });
    const g = group(r);
    if (!groups.includes(g)) groups.push(g);
    const key = `${g}\u0000${label}`;
    const v = value(r);
    const old = cell.get(key);
    cell.set(key, old === undefined ? v : r.better === 'higher' ? Math.max(old, v) : Math.min(old, v));
  }
  const perEngine = new Map<string, number>();
  const series = seriesKeys.map((s) => {
    const k = perEngine.get(s.engine) ?? 0;
    perEngine.set(s.engine, k + 1);
    const opacity = OPACITIES[k % OPACITIES.length]!;
    return { label: s.label, color: colorOf(s.engine, spare), ...(opacity < 1 ? { opacity } : {}) };
  });
  return { series, groups: groups.map((g) => ({ label: g, values: seriesKeys.map((s) => cell.get(`${g}\u0000${s.label}`) ?? null) })) };
}

const of = (records: readonly BenchRecord[], metric: string, unit: string) => records.filter((r) => r.metric === metric && r.unit === unit);

/** The panels for a set of records (always six, in the same order). */
export function benchPanels(records: readonly BenchRecord[]): Panel[] {
  const size = (r: BenchRecord) => r.size;
  const compile = of(records, 'compile-time', 'us/insn');
  const code = of(records, 'code-size', 'bytes/insn');
  const throughput = of(records, 'throughput', 'insn/s').filter((r) => r.engine !== 'bare-switch');
  const sweep = of(records, 'execution-sweep', 'insn/s');
  const cold = of(records, 'cold-start', 'us');
  const warm = of(records, 'warm-execution', 'ns/exec');
  const encode = of(records, 'encode-rate', 'insn/s').filter((r) => !r.config.includes('per CPU second'));
  return [
    { kind: 'line', title: 'JIT compile time per VSP instruction', xLabel: 'program size (VSP instructions, log scale)', yLabel: 'compile time (µs per VSP instruction)', xLog: true, yLog: false, series: lines(compile, size) },
    { kind: 'line', title: 'Machine code per VSP instruction', xLabel: 'program size (VSP instructions, log scale)', yLabel: 'code size (bytes per VSP instruction)', xLog: true, yLog: false, series: lines(code, size) },
    { kind: 'bar', title: 'Throughput per engine on long-running loops', yLabel: 'VSP instructions per second (log scale)', yLog: true, ...bars(throughput, (r) => r.workload, (r) => r.value) },
    { kind: 'line', title: 'Compile once, run N times', xLabel: 'executions N (log scale)', yLabel: 'VSP insn/s over compile + N runs (log scale)', xLog: true, yLog: true, series: lines(sweep, (r) => r.iterations) },
    {
      kind: 'bar',
      title: 'Cold start (compile + 1 run) and warm run',
      yLabel: 'time (µs, log scale)',
      yLog: true,
      ...bars([...cold, ...warm], (r) => `${r.metric === 'cold-start' ? 'cold' : 'warm'}: ${r.workload}`, (r) => (r.unit === 'ns/exec' ? r.value / 1000 : r.value), (r) => r.engine),
    },
    // the peers are one bar each (GNU as is aarch64-linux-gnu-as or as --64 by workload); dynasm by way of use
    { kind: 'bar', title: 'DSL encoding rate', yLabel: 'machine instructions per second (log scale)', yLog: true, ...bars(encode, (r) => r.workload, (r) => r.value, (r) => (r.engine === 'dynasm' ? `dynasm, ${r.config}` : r.engine)) },
  ];
}

export interface ChartOptions {
  readonly quick?: boolean;
  /** The suites that ran (named in the subtitle). */
  readonly suites?: readonly string[];
}

/** The standalone SVG document for `records` measured on `machine`. */
export function benchChartSvg(records: readonly BenchRecord[], machine: MachineInfo, options: ChartOptions = {}): string {
  const sub = [
    `${machine.cores} cores, ${machine.arch} ${machine.platform}`,
    `run started ${machine.date.slice(11, 16)} UTC`,
    `load average ${machine.loadAverage.join(' ')} at the start`,
    ...(options.quick ? ['--quick run (fewer repetitions: noisy)'] : []),
  ].join(' · ');
  return renderChart({
    title: `dynasm-ts benchmarks — ${machine.cpu}, node ${machine.node}, ${machine.date.slice(0, 10)}`,
    subtitle: sub,
    panels: benchPanels(records),
    footer: `${records.length} figures from suites: ${(options.suites ?? [...new Set(records.map((r) => r.suite))]).join(', ')}. Reproduce: npm run bench -- --svg FILE (docs/performance.md).`,
  });
}
