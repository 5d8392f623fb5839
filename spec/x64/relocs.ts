// x86-64 relocation kinds: how a label reference is written into an instruction (or data). Rows name
// them with `reloc` (default: `rel32` for `cd`, `rel8` for `cb`, `rel32` for `[rip + label]`). One patch
// routine applies them all: src/runtime/relocs.ts `applyReloc`. The distance is measured from the end
// of the instruction (x86 pc-relative addressing), so a reference's pc is the instruction's end.
//
// `jmp32` and `jcc32` are the relaxable ones: every `jmp label` / `j<cc> label` is emitted in its long
// form (E9 rel32, 0F 80+cc rel32) and src/runtime/relax.ts shrinks it to EB rel8 / 70+cc rel8 at
// finalize when the target is within −128..127 of the short form's end, as GNU as does.

import type { RelocKind } from '../../src/runtime/relocs.js';

import type { RelaxShape } from '../../src/runtime/relax.js';

export const relocs: readonly RelocKind[] = [
  // call rel32, [rip + label] (disp32; the pc is the end of the instruction, after any immediate).
  { name: 'rel32', size: 4, from: 'pc', scale: 0, bits: 32, signed: true, fields: [[0, 32]], usedBy: 'call, [rip + label]' },
  // loop, loope, loopne, jrcxz, jecxz, and relaxed jumps: rel8.
  { name: 'rel8', size: 1, from: 'pc', scale: 0, bits: 8, signed: true, fields: [[0, 8]], usedBy: 'loop, loope, loopne, jrcxz, jecxz' },
  // jmp rel32 (E9), relaxable to EB rel8.
  { name: 'jmp32', size: 4, from: 'pc', scale: 0, bits: 32, signed: true, fields: [[0, 32]], usedBy: 'jmp' },
  // j<cc> rel32 (0F 80+cc), relaxable to 70+cc rel8.
  { name: 'jcc32', size: 4, from: 'pc', scale: 0, bits: 32, signed: true, fields: [[0, 32]], usedBy: 'j<cc>' },
  // Data: absolute addresses (base + offset) for `.long label` / `.quad label`.
  { name: 'abs32', size: 4, from: 'abs', scale: 0, bits: 32, signed: false, fields: [[0, 32]], usedBy: '.long' },
  { name: 'abs64', size: 8, from: 'abs', scale: 0, bits: 64, signed: false, fields: [[0, 64]], usedBy: '.quad' },
];

export const RELOC = { rel32: 0, rel8: 1, jmp32: 2, jcc32: 3, abs32: 4, abs64: 5 } as const;

/** Relaxable kinds by index (others: undefined): jmp E9 rel32 → EB rel8; j<cc> 0F 8x rel32 → 7x rel8 (cc from the long form's second byte). */
export const relaxShapes: readonly (RelaxShape | undefined)[] = relocs.map((k) => {
  if (k.name === 'jmp32') return { longLen: 5, shortLen: 2, opcode: 0xeb, ccAt: -1, shortKind: RELOC.rel8 };
  if (k.name === 'jcc32') return { longLen: 6, shortLen: 2, opcode: 0x70, ccAt: 1, shortKind: RELOC.rel8 };
  return undefined;
});
