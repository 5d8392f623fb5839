// docs/dsl-a64.md is generated from spec/a64 (the forms of every mnemonic, the relocation kinds). This
// test regenerates it and fails if the checked-in file differs; DYNASM_UPDATE_DOCS=1 rewrites it.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { forms } from '../../src/arch/a64/forms.js';
import { relocs } from '../../spec/a64/relocs.js';
import { relocRange } from '../../src/runtime/relocs.js';
import { packagePath } from '../../src/paths.js';

function render(): string {
  const t = forms();
  const out: string[] = [
    '# A64 instruction forms',
    '',
    '<!-- Generated from spec/a64 by test/a64/docs.test.ts (DYNASM_UPDATE_DOCS=1 npx vitest run test/a64/docs.test.ts). Do not edit. -->',
    '',
    'Every form the A64 assembler accepts, per instruction class and mnemonic, as the error listings show',
    'them: `Xd|SP` = an X register or sp, `Wn` = a W register or wzr, `#<0..4095>` = an immediate range,',
    '`step 8` = multiples of 8, `{…}` = optional, `<label>` = a label (range in the table at the end).',
    'Forms of one mnemonic are tried in this order; the first that fits encodes the instruction.',
    'See docs/dsl.md for the syntax and spec/a64/README.md for the row format.',
    '',
  ];
  for (const [cls, rows] of t.rows) {
    const fs = t.all.filter((f) => f.cls === cls && !f.mn.includes('<'));
    const byMn = new Map<string, string[]>();
    for (const f of fs) {
      const key = f.mn.startsWith('b.') ? 'b.<cond>' : f.mn;
      const l = byMn.get(key) ?? [];
      const line = f.mn.startsWith('b.') ? f.renderedRow.replace(f.mn, 'b.<cond>') : f.renderedRow;
      if (!l.includes(line)) l.push(line);
      byMn.set(key, l);
    }
    out.push(`## ${cls} (${rows.length} rows, ${byMn.size} mnemonics)`, '', '| mnemonic | forms |', '|---|---|');
    for (const [mn, lines] of byMn) out.push(`| \`${mn}\` | ${lines.map((l) => `\`${l.replace(/\|/g, '\\|')}\``).join('<br>')} |`);
    out.push('');
  }
  out.push('## Relocation kinds (spec/a64/relocs.ts)', '', '| kind | used by | distance | range |', '|---|---|---|---|');
  for (const k of relocs) {
    const [lo, hi, step] = relocRange(k);
    const what = k.from === 'pc' ? 'bytes from the instruction' : k.from === 'page' ? '4 KiB pages from the instruction\'s page' : 'absolute address (base + offset)';
    const range = k.from === 'abs' ? `0..2^${k.bits}−1` : `${lo}..${hi}${step > 1 ? `, multiple of ${step}` : ''}`;
    out.push(`| \`${k.name}\` | ${k.usedBy} | ${what} | ${range} |`);
  }
  out.push('');
  return out.join('\n');
}

describe('docs/dsl-a64.md', () => {
  it('is up to date with spec/a64', () => {
    const path = packagePath('docs', 'dsl-a64.md');
    const want = render();
    if (process.env.DYNASM_UPDATE_DOCS === '1') writeFileSync(path, want);
    let have = '';
    try {
      have = readFileSync(path, 'utf8');
    } catch {
      // missing: reported below
    }
    expect(have === want, 'docs/dsl-a64.md is stale: DYNASM_UPDATE_DOCS=1 npx vitest run test/a64/docs.test.ts').toBe(true);
  });
});
