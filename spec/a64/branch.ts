// A64 branches and PC-relative addressing: b, bl, b.cond, cbz/cbnz, tbz/tbnz, br/blr/ret, adr/adrp.
// Label operands are placeholders of a relocation type (spec/a64/relocs.ts). Format: README.md.
import type { Row } from './types.js';

export const branch: readonly Row[] = [
  // Unconditional branch (immediate): op 00101 imm26
  { mn: 'b', ops: '<imm26:@b26>', bits: '0 00101 imm26:26' },
  { mn: 'bl', ops: '<imm26:@b26>', bits: '1 00101 imm26:26' },
  // Conditional branch: 0101010 0 imm19 0 cond
  { mn: 'b.<cond>', ops: '<imm19:@imm19>', bits: '0101010 0 imm19:19 0 cond:4' },
  // Compare and branch: sf 011010 op imm19 Rt
  { mn: 'cbz', ops: '<Rt:w>, <imm19:@imm19>', bits: '0 011010 0 imm19:19 Rt:5' },
  { mn: 'cbz', ops: '<Rt:x>, <imm19:@imm19>', bits: '1 011010 0 imm19:19 Rt:5' },
  { mn: 'cbnz', ops: '<Rt:w>, <imm19:@imm19>', bits: '0 011010 1 imm19:19 Rt:5' },
  { mn: 'cbnz', ops: '<Rt:x>, <imm19:@imm19>', bits: '1 011010 1 imm19:19 Rt:5' },
  // Test bit and branch: b5 011011 op b40 imm14 Rt (bit number = b5:b40; W registers test bits 0..31)
  { mn: 'tbz', ops: '<Rt:w>, #<b40:u5>, <imm14:@imm14>', bits: '0 011011 0 b40:5 imm14:14 Rt:5' },
  { mn: 'tbz', ops: '<Rt:x>, #<b5.b40:u6>, <imm14:@imm14>', bits: 'b5:1 011011 0 b40:5 imm14:14 Rt:5' },
  { mn: 'tbnz', ops: '<Rt:w>, #<b40:u5>, <imm14:@imm14>', bits: '0 011011 1 b40:5 imm14:14 Rt:5' },
  { mn: 'tbnz', ops: '<Rt:x>, #<b5.b40:u6>, <imm14:@imm14>', bits: 'b5:1 011011 1 b40:5 imm14:14 Rt:5' },
  // Unconditional branch (register): 1101011 opc 11111 000000 Rn 00000
  { mn: 'br', ops: '<Rn:x>', bits: '1101011 0000 11111 000000 Rn:5 00000' },
  { mn: 'blr', ops: '<Rn:x>', bits: '1101011 0001 11111 000000 Rn:5 00000' },
  { mn: 'ret', ops: '{<Rn:x=30>}', bits: '1101011 0010 11111 000000 Rn:5 00000' },
  // PC-relative address: op immlo 10000 immhi Rd (adr: byte offset; adrp: 4 KiB page offset)
  { mn: 'adr', ops: '<Rd:x>, <immhi.immlo:@adr>', bits: '0 immlo:2 10000 immhi:19 Rd:5' },
  { mn: 'adrp', ops: '<Rd:x>, <immhi.immlo:@adrp>', bits: '1 immlo:2 10000 immhi:19 Rd:5' },
];
