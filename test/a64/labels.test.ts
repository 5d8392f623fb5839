// Relocation kinds at their limits: every PC-relative form with its target just inside and just
// outside the field's range (forward and backward), misaligned targets, and adrp page arithmetic at
// several base addresses, each against GNU as + ld on the same program. b/bl (±128 MiB) run under
// DYNASM_LONG=1 only (the programs are 128 MiB).
import { describe, expect, it } from 'vitest';
import { Assembler, LabelError, ErrorCodes } from '../../src/index.js';
import { LONG } from '../support/runs.js';
import { assembleBatch, hex } from '../oracles/assemble.js';

interface Outcome {
  bytes: string | null;
  error: string | null;
}

function gnu(lines: string[], base: bigint): Outcome {
  const r = assembleBatch('a64', 'gnu', lines, { link: { base } });
  const bad = r.find((x) => x.error);
  if (bad) return { bytes: null, error: bad.error };
  return { bytes: r.map((x) => hex(x.bytes!)).join(''), error: null };
}

function ours(lines: string[], base: bigint): Outcome {
  try {
    const a = new Assembler('a64', { base });
    a.assemble(lines.join('\n'));
    return { bytes: hex(a.finalize()), error: null };
  } catch (e) {
    if (!(e instanceof LabelError)) throw e;
    expect(e.code).toBe(ErrorCodes.LABEL_RANGE);
    return { bytes: null, error: e.message };
  }
}

/** `insn L` with L at byte distance d (forward: after a gap; backward: before one). */
function program(insn: string, d: number): string[] {
  if (d > 0) return [`${insn} L`, `.skip ${d - 4}`, 'L:'];
  return ['L:', `.skip ${-d}`, `${insn} L`];
}

function compare(lines: string[], base = 0x10000n): void {
  const g = gnu(lines, base);
  const o = ours(lines, base);
  if (g.bytes) {
    expect(o.error, `${lines.join('; ')}: gnu accepts`).toBeNull();
    // Compare the instruction words, not the (zero) gap.
    expect(o.bytes!.length).toBe(g.bytes.length);
    expect(o.bytes === g.bytes, `${lines.join('; ')}`).toBe(true);
  } else {
    expect(o.bytes, `${lines.join('; ')}: gnu says ${g.error}`).toBeNull();
  }
}

const CASES: [string, number, number][] = [
  // insn, largest forward distance, most negative backward distance
  ['b.ne', 1048572, -1048576],
  ['cbz x3,', 1048572, -1048576],
  ['cbnz w3,', 1048572, -1048576],
  ['ldr x1,', 1048572, -1048576],
  ['ldr w1,', 1048572, -1048576],
  ['ldrsw x1,', 1048572, -1048576],
  ['prfm pldl1keep,', 1048572, -1048576],
  ['tbz x2, #33,', 32764, -32768],
  ['tbnz w2, #3,', 32764, -32768],
  ['adr x4,', 1048575, -1048576],
];

describe('relocations at their range limits vs GNU as', () => {
  for (const [insn, max, min] of CASES) {
    it(insn, () => {
      compare(program(insn, max));
      compare(program(insn, max + 4));
      compare(program(insn, min));
      compare(program(insn, min - 4));
      compare(program(insn, 8));
    });
  }

  it('adr to an odd address; branches and literal loads to a misaligned label are refused', () => {
    compare(['adr x0, L', '.byte 1, 2, 3', 'L:']);
    compare(['adr x0, L', '.skip 1048574', 'L:']);
    for (const insn of ['b', 'bl', 'b.eq', 'cbz x0,', 'tbz x0, #0,', 'ldr x0,']) {
      const o = ours([`${insn} L`, '.byte 1', 'L:'], 0x10000n);
      expect(o.error, insn).toMatch(/not a multiple of 4/);
    }
  });

  it('adrp: page distances at several base addresses, forward and backward', () => {
    for (const base of [0x10000n, 0x10ffcn, 0x10800n, 0x7fff000n]) {
      for (const d of [4, 4092, 4096, 8000, 70000, 1 << 20]) {
        compare(['adrp x5, L', `.skip ${d - 4}`, 'L: nop'], base);
        compare(['L: nop', `.skip ${d}`, 'adrp x5, L'], base);
      }
    }
  });

  it.skipIf(!LONG)('b and bl at ±128 MiB (long)', () => {
    for (const insn of ['b', 'bl']) {
      compare(program(insn, 134217724));
      compare(program(insn, 134217728));
      compare(program(insn, -134217728));
      compare(program(insn, -134217732));
    }
  });
});
