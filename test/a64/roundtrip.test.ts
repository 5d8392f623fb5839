// Round trip through Capstone: our bytes → Capstone's text → our assembler → the same bytes.
// Branch targets, which Capstone prints as absolute addresses, are turned back into the label. When we
// reject Capstone's text, GNU as decides: if GNU as accepts it, that is a gap in our syntax (a failure);
// if it rejects it too, Capstone's syntax is non-standard there (counted, not failed). Encodings that
// capstone-wasm 1.0.3 (Capstone 5.0) cannot decode — newer extensions (frint32z, xaflag, msr ssbs/tco),
// and encodings it rejects as UNPREDICTABLE (writeback with Rt = Rn, ldp with Rt = Rt2) — are counted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Assembler } from '../../src/index.js';
import { forms } from '../../src/arch/a64/forms.js';
import { disassemble, insnText } from '../../emulation/index.js';
import { propertyRuns } from '../support/runs.js';
import { assembleBatch, hex } from '../oracles/assemble.js';
import { validInsn } from './gen.js';

import { seed } from '../support/seed.js';
const TEXTS = propertyRuns(2);
const BASE = 0x10000n;
const L = BASE + 8n; // program: insn; nop; L: nop

function ours(text: string): string | null {
  try {
    const a = new Assembler('a64', { base: BASE });
    a.assemble(`${text}\nnop\nL: nop`);
    return hex(a.finalize().subarray(0, 4));
  } catch {
    return null;
  }
}

describe(`round trip through Capstone (seed ${seed})`, () => {
  it('re-assembles what Capstone prints for our bytes to the same bytes', async () => {
    const cases: { text: string; bytes: string; cs: string }[] = [];
    const all = forms().all.filter((f) => !f.mn.includes('<'));
    for (let i = 0; i < all.length; i++) {
      for (const text of fc.sample(validInsn(all[i], { labels: ['L'] }), { numRuns: TEXTS, seed: seed + i })) {
        const bytes = ours(text);
        if (!bytes) continue; // constraint-violating samples are the differential test's business
        const [insn] = await disassemble('a64', Uint8Array.from(Buffer.from(bytes, 'hex')), { address: BASE, onInvalid: 'data' });
        const cs = insnText(insn).replace(`#0x${L.toString(16)}`, 'L');
        cases.push({ text, bytes, cs });
      }
    }
    const problems: string[] = [];
    const rejected: typeof cases = [];
    const undecodable: string[] = [];
    for (const c of cases) {
      if (c.cs.startsWith('.inst')) {
        undecodable.push(c.text.split(' ')[0]);
        continue;
      }
      const again = ours(c.cs);
      if (again === null) rejected.push(c);
      else if (again !== c.bytes) problems.push(`${c.text} → ${c.bytes} → Capstone '${c.cs}' → ${again}`);
    }
    // What we reject, GNU as must reject too (else our syntax has a gap).
    const gnu = rejected.length ? assembleBatch('a64', 'gnu', rejected.map((c) => c.cs)) : [];
    const nonstandard: string[] = [];
    rejected.forEach((c, i) => {
      if (gnu[i].bytes) problems.push(`Capstone '${c.cs}' (for ${c.text}) is accepted by GNU as (${hex(gnu[i].bytes!)}) but not by us`);
      else nonstandard.push(c.cs);
    });
    expect(problems.slice(0, 30), `seed ${seed}`).toEqual([]);
    // Capstone's non-standard spellings must stay a small minority.
    expect(nonstandard.length / (cases.length - undecodable.length), nonstandard.slice(0, 10).join(' | ')).toBeLessThan(0.05);
    if (process.env.DYNASM_ISA_REPORT === '1') {
      console.log(
        `round trip: ${cases.length} instructions, ${cases.length - rejected.length - undecodable.length} re-assembled identically, ` +
          `${undecodable.length} not decodable by Capstone (${[...new Set(undecodable)].join(', ')}), ` +
          `${nonstandard.length} in Capstone syntax neither we nor GNU as accept (${[...new Set(nonstandard.map((s) => s.split(' ')[0]))].join(', ')})`,
      );
    }
  });
});
