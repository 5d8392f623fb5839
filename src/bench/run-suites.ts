// Runs benchmark suites in order and collects their records. A suite prints through ctx.log or console.log
// (the older suites' tables); while it runs, console.log goes to the runner's `log`, so `vsp bench --json`
// can send the tables to stderr and keep stdout for the JSON.
import { format } from 'node:util';
import { makeRecord, type BenchContext, type BenchRecord, type BenchSuite, type RecordInput } from './record.js';

export interface RunSuitesOptions {
  readonly quick: boolean;
  /** Where every printed line goes (without its newline). */
  readonly log: (line: string) => void;
  /** Called before each suite with its name and title (the runner prints a heading from it). */
  readonly onSuite?: (suite: BenchSuite) => void;
}

/** A context for one suite that adds records to `out`. */
export function suiteContext(suite: string, quick: boolean, log: (line: string) => void, out: BenchRecord[]): BenchContext {
  return {
    quick,
    log,
    record: (r: RecordInput) => void out.push(makeRecord(suite, r)),
  };
}

/** A context for running one suite file on its own (`node dist/bench/<suite>.js`): prints, keeps nothing. */
export function standaloneContext(suite: string, quick = process.env.DYNASM_BENCH_QUICK === '1'): BenchContext {
  return suiteContext(suite, quick, (line) => console.log(line), []);
}

/** Runs `suites` one after the other; returns every record in the order measured. */
export async function runSuites(suites: readonly BenchSuite[], options: RunSuitesOptions): Promise<BenchRecord[]> {
  const records: BenchRecord[] = [];
  const saved = console.log;
  console.log = (...args: unknown[]) => options.log(format(...args));
  try {
    for (const suite of suites) {
      options.onSuite?.(suite);
      await suite.run(suiteContext(suite.name, options.quick, options.log, records));
    }
  } finally {
    console.log = saved;
  }
  return records;
}
