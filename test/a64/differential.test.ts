// Differential test of every spec/a64 form against GNU as and llvm-mc: random valid operands derived
// from the rows, plus operands made invalid on purpose; our bytes (constant and interpolated paths)
// must equal the oracles', and what both oracles reject we must reject.
// DYNASM_ISA_REPORT=1 prints the per-class coverage table (`npm run coverage:isa`).
import { afterAll, describe, expect, it } from 'vitest';
import { forms } from '../../src/arch/a64/forms.js';
import { propertyRuns } from '../support/runs.js';
import { casesFor, describeProblems, runCases, type CaseResult } from './diff.js';

import { seed } from '../support/seed.js';
const VALID = Number(process.env.DYNASM_ISA_SAMPLES ?? propertyRuns(3));
const INVALID = propertyRuns(2);
const report = new Map<string, { forms: number; verified: number; oneOracle: number; cases: number; accepted: number }>();

function check(cls: string): CaseResult[] {
  // `b.<cond>` (condition as an operand) exists for `b.${cc}` only; its expanded forms b.eq … are tested.
  const fs = forms().all.filter((f) => f.cls === cls && !f.mn.includes('<'));
  const cases = fs.flatMap((f, i) => casesFor(f, seed + i, VALID, INVALID));
  const results = runCases(cases);
  const byKey = new Map<string, CaseResult[]>();
  for (const r of results) {
    const l = byKey.get(r.c.key) ?? [];
    l.push(r);
    byKey.set(r.c.key, l);
  }
  let verified = 0;
  let oneOracle = 0;
  for (const rs of byKey.values()) {
    if (rs.some((r) => r.problem)) continue;
    if (rs.some((r) => r.verified)) verified++;
    else if (rs.some((r) => r.oneOracle)) oneOracle++;
  }
  report.set(cls, { forms: byKey.size, verified, oneOracle, cases: results.length, accepted: results.filter((r) => r.verified).length });
  return results;
}

describe(`spec/a64 differential vs GNU as and llvm-mc (seed ${seed})`, () => {
  for (const cls of ['integer', 'branch', 'loadstore', 'system']) {
    it(cls, () => {
      if (!forms().all.some((f) => f.cls === cls)) return;
      const results = check(cls);
      expect(describeProblems(results), `seed ${seed}`).toEqual([]);
    });
  }
  afterAll(() => {
    if (process.env.DYNASM_ISA_REPORT !== '1') return;
    // forms: compiled forms (row × optional-part combination); verified: some case accepted by both
    // oracles with identical bytes and ours equal, no problem in any case; one-oracle: only GNU as or only
    // llvm-mc accepts the syntax (e.g. `cas w0, w1, [x2, #0]`), and we match it.
    console.log('\nclass        rows  forms  verified  one-oracle  cases  both-accepted');
    let t = [0, 0, 0, 0, 0, 0];
    for (const [cls, r] of report) {
      const rows = forms().rows.get(cls)?.length ?? 0;
      t = [t[0] + rows, t[1] + r.forms, t[2] + r.verified, t[3] + r.oneOracle, t[4] + r.cases, t[5] + r.accepted];
      console.log(`${cls.padEnd(12)} ${String(rows).padStart(4)} ${String(r.forms).padStart(6)} ${String(r.verified).padStart(9)} ${String(r.oneOracle).padStart(11)} ${String(r.cases).padStart(6)} ${String(r.accepted).padStart(14)}`);
    }
    console.log(`${'total'.padEnd(12)} ${String(t[0]).padStart(4)} ${String(t[1]).padStart(6)} ${String(t[2]).padStart(9)} ${String(t[3]).padStart(11)} ${String(t[4]).padStart(6)} ${String(t[5]).padStart(14)}`);
  });
});
