// The integer forms executed natively on this x86-64 host (src/exec: W^X memory, koffi call), against
// the same JS model as the Unicorn run: every modelled form (cases.ts), including those Unicorn 2.0.1
// rejects or gets wrong (popcnt, blsi, bzhi, pdep, pext). Each case is wrapped in a function
// `void f(uint64_t *state)` that loads the inputs (registers, RFLAGS) from state[], runs the instruction
// (memory operand at state + 16) and stores the outputs. Inputs the model marks undefined (divide
// errors) are never run. Forms whose CPUID feature the host lacks are skipped, by name.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Assembler } from '../../dsl/assembler.js';
import '../../src/arch/x64/index.js';
import { forms } from '../../src/arch/x64/forms.js';
import { nativeFunction } from '../../src/exec/index.js';
import { propertyRuns } from '../support/runs.js';
import { allCases, describeInputs, expected, inputsArb, regsMatch, type ExecCase } from './support/cases.js';

const RUNS = propertyRuns(40, 2000);
const isX64 = process.arch === 'x64' && process.platform === 'linux';
const cpuFlags = isX64 ? new Set(readFileSync('/proc/cpuinfo', 'utf8').match(/^flags\s*:(.*)$/m)?.[1].trim().split(/\s+/) ?? []) : new Set<string>();
const FEATURE_FLAG: Record<string, string> = { bmi1: 'bmi1', bmi2: 'bmi2', lzcnt: 'abm', popcnt: 'popcnt' };

function hostHas(feat: string | undefined): boolean {
  return feat === undefined || cpuFlags.has(FEATURE_FLAG[feat] ?? feat);
}

const WRAP_BEFORE = `push rbx
mov rax, qword ptr [rdi]
mov rbx, qword ptr [rdi + 8]
mov rcx, qword ptr [rdi + 24]
mov rdx, qword ptr [rdi + 32]
mov rsi, qword ptr [rdi + 40]
push qword ptr [rdi + 48]
popfq`;
const WRAP_AFTER = `pushfq
pop qword ptr [rdi + 56]
mov qword ptr [rdi + 64], rax
mov qword ptr [rdi + 72], rbx
mov qword ptr [rdi + 80], rcx
mov qword ptr [rdi + 88], rdx
mov qword ptr [rdi + 96], rsi
pop rbx
ret`;

function runNative(c: ExecCase): void {
  const a = new Assembler('x64');
  a.assemble(`${WRAP_BEFORE}\n${c.text}\n${WRAP_AFTER}`);
  const fn = nativeFunction<(p: BigUint64Array) => void>(a.finalize(), 'void (void *state)');
  const st = new BigUint64Array(13);
  try {
    fc.assert(
      fc.property(inputsArb, (inp) => {
        const e = expected(c, inp);
        if (e === null) return; // e.g. a divide error: never executed
        const r = inp.regs;
        st.set([r.rax, r.rbx, inp.mem, r.rcx, r.rdx, r.rsi, inp.flags]);
        fn.call(st);
        const what = describeInputs(c, inp);
        const got = { rax: st[8], rbx: st[9], rcx: st[10], rdx: st[11], rsi: st[12] };
        expect(got, what).toEqual(regsMatch(got, e));
        expect(st[2], `${what}: memory`).toBe(e.mem);
        expect(st[7] & e.fmask, `${what}: flags`).toBe(e.flags & e.fmask);
      }),
      { numRuns: RUNS },
    );
  } finally {
    fn.dispose();
  }
}

describe.runIf(isX64)('integer forms natively on the host vs the JS model', () => {
  const cases = allCases(forms().all, 2);
  const byMn = new Map<string, ExecCase[]>();
  for (const c of cases) byMn.set(c.form.mn, [...(byMn.get(c.form.mn) ?? []), c]);
  for (const [mn, list] of byMn) {
    const feat = list[0].form.row.feat;
    it.runIf(hostHas(feat))(`${mn}: ${list.length} cases${feat ? ` (${feat})` : ''}`, () => {
      for (const c of list) runNative(c);
    });
  }
  it('popcnt is covered natively (Unicorn rejects it)', () => {
    expect(byMn.get('popcnt')?.length ?? 0).toBeGreaterThanOrEqual(6);
    expect(hostHas('popcnt')).toBe(true);
  });
});
