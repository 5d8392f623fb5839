// The JSON document of `vsp bench --json`: a schema name, the machine, what ran, and every record. The
// field names are stable; a change to them changes BENCH_SCHEMA.
import type { MachineInfo } from './machine.js';
import type { BenchRecord } from './record.js';

export const BENCH_SCHEMA = 'dynasm-ts/bench@1';

export interface BenchDocument {
  readonly schema: typeof BENCH_SCHEMA;
  readonly machine: MachineInfo;
  /** --quick: fewer repetitions, noisier figures. */
  readonly quick: boolean;
  /** The suites that ran, in order. */
  readonly suites: readonly string[];
  readonly records: readonly BenchRecord[];
}

export function benchDocument(machine: MachineInfo, quick: boolean, suites: readonly string[], records: readonly BenchRecord[]): BenchDocument {
  return { schema: BENCH_SCHEMA, machine, quick, suites, records };
}

const RECORD_FIELDS: readonly [keyof BenchRecord, string][] = [
  ['suite', 'string'],
  ['metric', 'string'],
  ['engine', 'string'],
  ['workload', 'string'],
  ['config', 'string'],
  ['value', 'number'],
  ['unit', 'string'],
  ['better', 'string'],
];

/** A document read back from `--json` output, or what is wrong with it (which record, which field). */
export function parseBenchDocument(text: string): BenchDocument | string {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return `not JSON: ${(e as Error).message}`;
  }
  if (typeof doc !== 'object' || doc === null) return 'not a JSON object';
  const d = doc as Record<string, unknown>;
  if (d.schema !== BENCH_SCHEMA) return `schema is ${JSON.stringify(d.schema)}, expected "${BENCH_SCHEMA}"`;
  if (typeof d.machine !== 'object' || d.machine === null) return 'no machine object';
  if (!Array.isArray(d.records)) return 'no records array';
  for (let i = 0; i < d.records.length; i++) {
    const r = d.records[i] as Record<string, unknown>;
    if (typeof r !== 'object' || r === null) return `records[${i}] is not an object`;
    for (const [f, t] of RECORD_FIELDS) if (typeof r[f] !== t) return `records[${i}].${f} is not a ${t}`;
    for (const f of ['size', 'iterations'] as const) if (r[f] !== null && typeof r[f] !== 'number') return `records[${i}].${f} is not a number or null`;
    if (r.better !== 'lower' && r.better !== 'higher') return `records[${i}].better is not "lower" or "higher"`;
  }
  return {
    schema: BENCH_SCHEMA,
    machine: d.machine as MachineInfo,
    quick: d.quick === true,
    suites: Array.isArray(d.suites) ? (d.suites as string[]) : [],
    records: d.records as BenchRecord[],
  };
}
