// Executed verification of the scalar floating-point forms (spec/a64/fp.ts): every data-processing,
// conversion, load and store form, with random registers, runs in Unicorn on random x/v registers, NZCV,
// FPCR (all four rounding modes, default-NaN on and off) and data memory, and must leave the same
// x0..x30, sp, v0..v31, NZCV, memory and FPSR exception flags as the JS model (fp-model.ts: the Arm
// ARM's FP pseudocode over an exact BigInt IEEE model; ldst-model.ts for the loads and stores). Forms are
// taken from the spec tables: a new row is executed, or fails this test until it is modelled or listed.
import { afterAll, describe, expect, it } from 'vitest';
import type { Form } from '../../src/arch/a64/forms.js';
import { LONG, propertyRuns } from '../support/runs.js';
import { seed } from '../support/seed.js';
import { execFp, NotModelled } from './fp-model.js';
import { execLdSt } from './ldst-model.js';
import type { VState } from './vec-state.js';
import { closeVecHarness, executeClass, printExecReport } from './vec-exec.js';

const TEXTS = propertyRuns(2, 20); // instructions per form
const INPUTS = propertyRuns(12, 200); // random states per instruction
/** The long run (DYNASM_LONG=1) executes 100 times as many cases. */
const TIMEOUT = LONG ? 3_600_000 : 120_000;

/** Forms of fp.ts deliberately not executed here, with the reason (none at present). */
function exclude(_f: Form): string | null {
  return null;
}

/** Data processing through fp-model.ts, loads and stores through ldst-model.ts. */
const model = (s: VState, text: string) => (/\[(x\d+|sp)\b|\bL$/.test(text) ? execLdSt(s, text) : execFp(s, text));

/** The number of scalar FP forms this test executes; it fails when fewer run (a form lost its model). */
const MIN_EXECUTED = 386;

afterAll(() => closeVecHarness());

describe(`spec/a64 scalar FP forms executed in Unicorn vs the JS model (seed ${seed})`, () => {
  it('fp', { timeout: TIMEOUT }, () => {
    const { problems, report } = executeClass({ cls: 'fp', exclude, model, notModelled: NotModelled, texts: TEXTS, inputs: INPUTS, seed, memory: true, compareFpsr: true });
    printExecReport('fp', report);
    expect(problems.slice(0, 20), `seed ${seed}`).toEqual([]);
    const unlisted = [...report.skipped].filter(([, why]) => why.startsWith('not modelled'));
    expect(unlisted, 'forms of spec/a64/fp.ts that are neither modelled nor excluded with a reason').toEqual([]);
    expect(report.executed).toBeGreaterThanOrEqual(MIN_EXECUTED);
  });
});
