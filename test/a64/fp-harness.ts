// Shared by the FP / SIMD differential tests (fp.test.ts, simd.test.ts, simd-ldst.test.ts): random
// valid and deliberately invalid instructions per spec/a64 form of one class, run through GNU as,
// llvm-mc and both of our paths (constants and interpolations) by test/a64/diff.ts, and a per-class
// coverage line in the format of `npm run coverage:isa` when DYNASM_ISA_REPORT=1.
//
// The oracles need FEAT_FP16 enabled for the half-precision forms: each test file replaces the default
// flags of test/oracles/assemble.ts with those of fp-oracle-flags.ts through vi.mock.

import fc from 'fast-check';
import { EK } from '../../src/arch/a64/encoders.js';
import { forms, type Form } from '../../src/arch/a64/forms.js';
import { propertyRuns } from '../support/runs.js';
import { LABELS, runCases, type Case, type CaseResult } from './diff.js';
import { invalidInsn, validInsn } from './gen.js';

import { seed } from '../support/seed.js';
export { seed };
const VALID = Number(process.env.DYNASM_ISA_SAMPLES ?? propertyRuns(3));
const INVALID = propertyRuns(2);

export interface ClassReport {
  readonly cls: string;
  readonly rows: number;
  readonly forms: number;
  readonly verified: number;
  readonly oneOracle: number;
  readonly cases: number;
  readonly accepted: number;
}

function casesFor(f: Form, i: number): Case[] {
  const key = `${f.cls}#${f.rowIndex} ${f.rendered}`;
  const ctx = { labels: LABELS };
  const out: Case[] = fc.sample(validInsn(f, ctx), { numRuns: VALID, seed: seed + i }).map((text) => ({ text, valid: true, key }));
  const bad = invalidInsn(f, ctx);
  if (bad) out.push(...fc.sample(bad, { numRuns: INVALID, seed: seed + i + 7 }).map((text) => ({ text, valid: false, key })));
  return out;
}

/** Runs the differential cases of every form of class `cls` (optionally only forms passing `only`). */
export function checkClass(cls: string, only?: (f: Form) => boolean): { results: CaseResult[]; report: ClassReport } {
  const fs = forms().all.filter((f) => f.cls === cls && (!only || only(f)));
  // Forms that reference a label run in a batch of their own: lines that only one oracle rejects
  // elsewhere in a batch shift that oracle's layout, and label distances would differ between them.
  const usesLabel = (f: Form) => [...f.slots.values()].some((s) => s.enc.kind === EK.REL);
  const cases = fs.map((f, i) => [f, i] as const).filter(([f]) => !usesLabel(f)).flatMap(([f, i]) => casesFor(f, i));
  const labelCases = fs.map((f, i) => [f, i] as const).filter(([f]) => usesLabel(f)).flatMap(([f, i]) => casesFor(f, i));
  const results = [...runCases(cases), ...(labelCases.length ? runCases(labelCases) : [])];
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
  const rows = forms().rows.get(cls)?.length ?? 0;
  return { results, report: { cls, rows, forms: byKey.size, verified, oneOracle, cases: results.length, accepted: results.filter((r) => r.verified).length } };
}

/** Forms of a class none of whose cases were accepted by both oracles with our bytes (never verified). */
export function unverifiedForms(results: readonly CaseResult[]): string[] {
  const byKey = new Map<string, boolean>();
  for (const r of results) byKey.set(r.c.key, (byKey.get(r.c.key) ?? false) || r.verified);
  return [...byKey].filter(([, v]) => !v).map(([k]) => k);
}

/** Prints the coverage lines (same columns as `npm run coverage:isa`) when DYNASM_ISA_REPORT=1. */
export function printReport(reports: readonly ClassReport[]): void {
  if (process.env.DYNASM_ISA_REPORT !== '1') return;
  console.log('\nclass        rows  forms  verified  one-oracle  cases  both-accepted');
  for (const r of reports) {
    console.log(`${r.cls.padEnd(12)} ${String(r.rows).padStart(4)} ${String(r.forms).padStart(6)} ${String(r.verified).padStart(9)} ${String(r.oneOracle).padStart(11)} ${String(r.cases).padStart(6)} ${String(r.accepted).padStart(14)}`);
  }
}
