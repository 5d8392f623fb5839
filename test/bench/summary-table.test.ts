// The terminal summary of `vsp bench`: a heading per metric, a row per record, values with 3 significant
// digits, the ratio to the baseline (value / baseline value, computed from the inputs here).
import { describe, expect, it } from 'vitest';
import { makeRecord } from '../../src/bench/record.js';
import { formatValue, summaryTable } from '../../src/bench/summary-table.js';

describe('bench summary table', () => {
  it('formats values with 3 significant digits and SI suffixes', () => {
    expect([2.7e9, 1.5e7, 613_000, 1430, 142, 35.1, 0.776, 0.486, 25].map(formatValue)).toEqual(['2.70G', '15.0M', '613k', '1.43k', '142', '35.1', '0.776', '0.486', '25']);
  });

  it('groups by metric in order of appearance and shows each ratio against its baseline', () => {
    const fresh = { engine: 'unicorn-a64', workload: 'w', config: 'fresh engine per case', value: 1430 };
    const t = summaryTable([
      makeRecord('s', { metric: 'emulation-rate', ...fresh, unit: 'cases/s', better: 'higher' }),
      makeRecord('s', { metric: 'emulation-rate', engine: 'unicorn-a64', workload: 'w', config: 'reused engine', value: 371_000, unit: 'cases/s', better: 'higher', baseline: fresh }),
      makeRecord('s', { metric: 'cold-start', engine: 'native-x64', workload: 'w', size: 5, iterations: 1, value: 127, unit: 'us', better: 'lower', baseline: { engine: 'interp', workload: 'w', config: 'compile + one execution', value: 0.5 } }),
    ]);
    const lines = t.split('\n');
    expect(lines.filter((l) => /^\S/.test(l))).toEqual(['emulation-rate (higher is better)', 'cold-start (lower is better)']);
    // 371000 / 1430 = 259.4...; the same engine: its configuration is named
    expect(t).toMatch(/unicorn-a64 +w +reused engine +371k +cases\/s +x259 vs unicorn-a64, fresh engine per case\n/);
    // 127 / 0.5 = 254; another engine: the engine alone
    expect(t).toMatch(/native-x64 +w +5 +1 +127 +us +x254 vs interp\n/);
  });

  it('rejects a value that is not a finite number, naming the record', () => {
    expect(() => makeRecord('s', { metric: 'm', engine: 'e', workload: 'w', value: NaN, unit: 'u', better: 'lower' })).toThrow('bench record s/m/e: value NaN is not a finite number');
  });
});
