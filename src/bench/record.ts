// The data a benchmark run produces: one BenchRecord per measured figure. The suites in bench/ print their
// tables as they run and hand every figure to a BenchContext as a record; `vsp bench --json` prints the
// records, `--svg` charts them, and the summary table is made from them. The field names are stable (they
// are the JSON schema, docs/performance.md).

/** Which direction of a figure is the good one. */
export type Better = 'lower' | 'higher';

/** The figure a record is compared with: another engine or configuration measured in the same run. */
export interface BenchBaseline {
  readonly engine: string;
  readonly workload: string;
  readonly config: string;
  readonly value: number;
  /** value / baseline value (so > 1 is better for `higher`, < 1 is better for `lower`). */
  readonly ratio: number;
}

export interface BenchRecord {
  /** The suite that measured it (`BenchSuite.name`): `vsp-interp`, `jit-a64`, `executions`, ... */
  readonly suite: string;
  /**
   * What is measured: `compile-time`, `code-size`, `throughput`, `warm-execution`, `cold-start`,
   * `execution-sweep`, `call-overhead`, `break-even`, `round-trip`, `encode-rate`, `parse-time`,
   * `emulation-rate` (docs/performance.md lists each with its unit).
   */
  readonly metric: string;
  /**
   * Who runs or produces it: `interp`, `unicorn-a64`, `native-x64`/`native-a64` (execution), `jit-a64`/`jit-x64`
   * (compiling), `dynasm`, `gnu-as`, `llvm-mc`, `iced-x86` (encoding), `unicorn` (the emulator itself).
   */
  readonly engine: string;
  /**
   * The program or input measured, named the same in every suite that runs it (`SIL-32 integer`,
   * `uniform mix`, `5-instruction example`, `8-line template`).
   */
  readonly workload: string;
  /** The engine's options or the way it is measured, in words (`register cache on`); '' when none. */
  readonly config: string;
  /** Program size in VSP instructions (or machine instructions per template for the DSL), when it applies. */
  readonly size: number | null;
  /** Executions of the program the figure covers (the execution sweep), when it applies. */
  readonly iterations: number | null;
  readonly value: number;
  /** `us/insn`, `bytes/insn`, `bytes`, `insn/s`, `ns/exec`, `us`, `executions`, `cases/s`, `us/line`. */
  readonly unit: string;
  readonly better: Better;
  readonly baseline: BenchBaseline | null;
}

/** The fields a suite gives; the suite name and the baseline ratio are filled in. */
export interface RecordInput {
  readonly metric: string;
  readonly engine: string;
  readonly workload: string;
  readonly config?: string;
  readonly size?: number | null;
  readonly iterations?: number | null;
  readonly value: number;
  readonly unit: string;
  readonly better: Better;
  readonly baseline?: { readonly engine: string; readonly workload: string; readonly config?: string; readonly value: number } | null;
}

/** A complete record from a suite's input (ratio = value / baseline value). */
export function makeRecord(suite: string, r: RecordInput): BenchRecord {
  if (!Number.isFinite(r.value)) throw new RangeError(`bench record ${suite}/${r.metric}/${r.engine}: value ${r.value} is not a finite number`);
  const b = r.baseline ?? null;
  return {
    suite,
    metric: r.metric,
    engine: r.engine,
    workload: r.workload,
    config: r.config ?? '',
    size: r.size ?? null,
    iterations: r.iterations ?? null,
    value: r.value,
    unit: r.unit,
    better: r.better,
    baseline: b === null ? null : { engine: b.engine, workload: b.workload, config: b.config ?? '', value: b.value, ratio: r.value / b.value },
  };
}

/** What a suite gets from the runner: where to print, where to put its figures, and whether to hurry. */
export interface BenchContext {
  /** Fewer repetitions and smaller budgets (a smoke run; the figures are noisier). */
  readonly quick: boolean;
  /** Prints one line of the suite's human-readable output. */
  log(line: string): void;
  /** Keeps one measured figure. */
  record(r: RecordInput): void;
}

export interface BenchSuite {
  /** The short name `--suite` selects (`vsp-interp`, `jit-a64`, ...). */
  readonly name: string;
  /** One line on what it measures. */
  readonly title: string;
  run(ctx: BenchContext): Promise<void>;
}
