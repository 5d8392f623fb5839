// The terminal summary of a benchmark run: every record, grouped by metric, one row each, with its ratio
// against its baseline. (The suites print their own detailed tables while they run; this is the overview.)
import type { BenchRecord } from './record.js';

/** A figure with 3 significant digits and an SI suffix for large values: 1.01G, 35.1, 0.482. */
export function formatValue(v: number): string {
  const a = Math.abs(v);
  for (const [k, u] of [[1e9, 'G'], [1e6, 'M'], [1e3, 'k']] as const) if (a >= k) return `${(v / k).toPrecision(3)}${u}`;
  if (a >= 100 || Number.isInteger(v)) return String(Math.round(v));
  return v.toPrecision(3);
}

function ratio(r: BenchRecord): string {
  if (r.baseline === null) return '';
  const x = r.baseline.ratio;
  const s = x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
  // the baseline's configuration only where it is the same engine (the engine alone says enough otherwise)
  const b = r.baseline.engine === r.engine && r.baseline.config !== '' ? `${r.baseline.engine}, ${r.baseline.config}` : r.baseline.engine;
  return `x${s} vs ${b}`;
}

/** The table as lines of text (no colour), widths fitted to the content. */
export function summaryTable(records: readonly BenchRecord[]): string {
  const header = ['engine', 'workload', 'config', 'size', 'N', 'value', 'unit', 'against baseline'];
  const right = new Set([3, 4, 5]);
  const metrics: string[] = [];
  for (const r of records) if (!metrics.includes(r.metric)) metrics.push(r.metric);
  const rows = records.map((r) => [r.engine, r.workload, r.config, r.size === null ? '' : String(r.size), r.iterations === null ? '' : String(r.iterations), formatValue(r.value), r.unit, ratio(r)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const fmt = (cells: readonly string[]) => cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const out: string[] = [];
  for (const m of metrics) {
    const sample = records.find((r) => r.metric === m)!;
    out.push('', `${m} (${sample.better} is better)`, `  ${fmt(header)}`, `  ${widths.map((w) => '-'.repeat(w)).join('  ')}`);
    records.forEach((r, i) => {
      if (r.metric === m) out.push(`  ${fmt(rows[i]!)}`);
    });
  }
  return out.join('\n') + '\n';
}
