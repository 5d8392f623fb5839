// Every modelled form of spec/x64's integer class (test/x64/support/cases.ts: add … cmpxchg, cmov<cc> and
// set<cc> in every spelling, all sizes, register and memory operands, random immediates), assembled by us
// and executed in Unicorn, against the plain-JS model (results, partial-register writes, memory, the
// status flags the SDM defines) over fast-check inputs. The same cases run natively in native.test.ts,
// which also covers what Unicorn 2.0.1 gets wrong or rejects (listed in UNICORN_DEVIATES).
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { Assembler } from '../../dsl/assembler.js';
import '../../src/arch/x64/index.js';
import { forms, type Form } from '../../src/arch/x64/forms.js';
import { sharedHarness, type Harness } from '../../emulation/index.js';
import { propertyRuns } from '../support/runs.js';
import { allCases, describeInputs, expected, inputsArb, regsMatch, REG_INPUTS, type ExecCase, type In } from './support/cases.js';

const RUNS = propertyRuns(12, 600);
const IMMS = propertyRuns(2, 8);

/**
 * Unicorn 2.0.1 (QEMU 5.0's x86 translator) deviates from the SDM here; native.test.ts checks these on
 * the host CPU instead: popcnt is an invalid instruction; blsi and bzhi set CF wrongly (blsi of 0, bzhi
 * with index 31/63); pdep and pext swap their source and mask operands; 32-bit bextr with a length
 * of 32 or more takes bits from above the 32-bit source.
 */
export const UNICORN_DEVIATES = new Set(['popcnt', 'blsi', 'bzhi', 'pdep', 'pext', 'bextr']);

let h: Harness<'x64'>;
let DATA: bigint;
beforeAll(() => {
  h = sharedHarness('x64');
  DATA = h.region('data').address;
});

function runCase(c: ExecCase): void {
  const a = new Assembler('x64');
  a.assemble(c.text);
  const code = a.finalize();
  const p = h.prepare({ code, inputs: ['rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rflags'], outputs: ['rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rflags'] });
  fc.assert(
    fc.property(inputsArb, (inp) => {
      const e = expected(c, inp);
      if (e === null) return;
      const memBytes = new Uint8Array(8);
      new DataView(memBytes.buffer).setBigUint64(0, inp.mem, true);
      const r = inp.regs;
      const stop = p.run([r.rax, r.rbx, r.rcx, r.rdx, r.rsi, DATA, inp.flags], [{ address: DATA + 16n, bytes: memBytes }]);
      const what = describeInputs(c, inp);
      expect(stop.kind, `${what}: ${stop.kind}`).toBe('stop');
      const got = Object.fromEntries(REG_INPUTS.map((x) => [x, p.output(x)])) as Record<In, bigint>;
      expect(got, what).toEqual(regsMatch(got, e));
      expect(new DataView(h.readData(DATA + 16n, 8).buffer).getBigUint64(0, true), `${what}: memory`).toBe(e.mem);
      expect(p.output('rflags') & e.fmask, `${what}: flags`).toBe(e.flags & e.fmask);
    }),
    { numRuns: RUNS },
  );
}

describe('integer forms in Unicorn vs the JS model', () => {
  const cases = allCases(forms().all, IMMS).filter((c) => !UNICORN_DEVIATES.has(c.form.mn));
  const byMn = new Map<string, ExecCase[]>();
  for (const c of cases) byMn.set(c.form.mn, [...(byMn.get(c.form.mn) ?? []), c]);
  it('covers the integer class', () => {
    const formsCovered = new Set<Form>(cases.map((c) => c.form));
    expect(formsCovered.size).toBeGreaterThan(540);
  });
  for (const [mn, list] of byMn) {
    it(`${mn}: ${new Set(list.map((c) => c.form)).size} forms, ${list.length} cases`, () => {
      for (const c of list) runCase(c);
    });
  }
});
