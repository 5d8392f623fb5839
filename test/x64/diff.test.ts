// Every form in spec/x64 against GNU as and llvm-mc: fast-check operands per form, valid and invalid,
// both our paths (constant text and interpolated template). See diff.ts for the verdict rules.
import { describe, expect, it } from 'vitest';
import { forms } from '../../src/arch/x64/forms.js';
import { propertyRuns } from '../support/runs.js';
import { describeProblems, runCases } from './diff.js';
import { invalidCases, validCases, type X64Case } from './gen.js';

const VALID = propertyRuns(4, 60);
const INVALID = propertyRuns(2, 20);

describe('spec/x64 forms vs GNU as and llvm-mc', () => {
  it('every form: valid and invalid operands, constant and interpolated', () => {
    const cases: X64Case[] = [];
    forms().all.forEach((f, i) => {
      cases.push(...validCases(f, VALID, 1000 + i), ...invalidCases(f, INVALID, 5000 + i));
    });
    const results = runCases(cases);
    const problems = describeProblems(results, 400);
    const verified = results.filter((r) => r.verified).length;
    const disagree = results.filter((r) => r.disagree);
    console.log(`${cases.length} cases, ${verified} verified byte for byte (gnu = llvm = ours, both paths), ${disagree.length} where gnu and llvm disagree, ${problems.length} problems`);
    for (const r of disagree.slice(0, 30)) console.log(`  disagree: ${r.c.text.padEnd(50)} gnu ${r.gnu.bytes ? Buffer.from(r.gnu.bytes).toString('hex') : r.gnu.error}${r.gnu.warning ? ' (warning: ' + r.gnu.warning + ')' : ''}  llvm ${r.llvm.bytes ? Buffer.from(r.llvm.bytes).toString('hex') : r.llvm.error}`);
    expect(problems).toEqual([]);
  });
});
