// A64 relocation kinds: how a label reference is written into an instruction (or data).
// Rows use them as placeholder types `@name` (e.g. `<imm26:@b26>`). One patch routine applies them all:
// src/runtime/relocs.ts `applyReloc`. Field positions must equal the row fields the placeholder names
// (checked when spec/a64 is loaded).

import type { RelocKind } from '../../src/runtime/relocs.js';

export const relocs: readonly RelocKind[] = [
  // b, bl: imm26 at bits 25:0, word offset, ±128 MiB.
  { name: 'b26', size: 4, from: 'pc', scale: 2, bits: 26, signed: true, fields: [[0, 26]], usedBy: 'b, bl' },
  // b.cond, cbz, cbnz, ldr/ldrsw/prfm (literal): imm19 at bits 23:5, word offset, ±1 MiB.
  { name: 'imm19', size: 4, from: 'pc', scale: 2, bits: 19, signed: true, fields: [[5, 19]], usedBy: 'b.cond, cbz, cbnz, ldr/ldrsw/prfm (literal)' },
  // tbz, tbnz: imm14 at bits 18:5, word offset, ±32 KiB.
  { name: 'imm14', size: 4, from: 'pc', scale: 2, bits: 14, signed: true, fields: [[5, 14]], usedBy: 'tbz, tbnz' },
  // adr: byte offset split immhi (23:5) : immlo (30:29), ±1 MiB.
  { name: 'adr', size: 4, from: 'pc', scale: 0, bits: 21, signed: true, fields: [[5, 19], [29, 2]], usedBy: 'adr' },
  // adrp: 4 KiB page offset, same split, ±4 GiB.
  { name: 'adrp', size: 4, from: 'page', pageShift: 12, scale: 0, bits: 21, signed: true, fields: [[5, 19], [29, 2]], usedBy: 'adrp' },
  // Data: absolute addresses (base + offset) for `.word label` / `.quad label`.
  { name: 'abs32', size: 4, from: 'abs', scale: 0, bits: 32, signed: false, fields: [[0, 32]], usedBy: '.word' },
  { name: 'abs64', size: 8, from: 'abs', scale: 0, bits: 64, signed: false, fields: [[0, 64]], usedBy: '.quad' },
];
