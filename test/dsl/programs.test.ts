// Whole programs (labels of every kind, directives, alignment padding, label addresses as data)
// assembled by us and by GNU as + ld at the same base address: the bytes must be identical.
import { describe, expect, it } from 'vitest';
import { Assembler } from '../../src/index.js';
import { assembleBatch, hex } from '../oracles/assemble.js';

const BASE = 0x40000n;

function gnu(program: string): string {
  const lines = program.split('\n').map((l) => l.trim()).filter(Boolean);
  const r = assembleBatch('a64', 'gnu', lines, { link: { base: BASE } });
  const bad = r.find((x) => x.error);
  if (bad) throw new Error(`gnu rejected: ${bad.error}`);
  return r.map((x) => hex(x.bytes!)).join('');
}

function ours(program: string): string {
  const a = new Assembler('a64', { base: BASE });
  a.assemble(program);
  return hex(a.finalize());
}

const PROGRAMS: Record<string, string> = {
  'local labels forward and backward, reused numbers': `
    mov x0, #10
    1: subs x0, x0, #1
    b.ne 1b
    cbz x1, 1f
    add x1, x1, #1
    1: tbnz w2, #3, 1b
    b 2f
    nop
    2: ret`,
  'named labels, forward and backward': `
    start: cbnz x0, done
    bl helper
    b start
    helper: adr x1, start
    adr x2, done
    ret
    done: adrp x3, start
    ret`,
  'alignment padding with nops and fill bytes': `
    nop
    .align 4
    l1: b l1
    .byte 1, 2, 3
    .align 3
    .hword 0x1234, -1
    .balign 16, 0xaa
    .word 0xdeadbeef
    .p2align 2
    ret`,
  'data directives and label addresses': `
    b code
    .align 3
    table: .quad code, table
    .word code
    .4byte -2147483648, 4294967295
    .ascii "ab\\n"
    .asciz "z"
    .space 5, 7
    .skip 3
    .align 2
    code: adr x0, table
    ret`,
  'expressions in immediates and data': `
    mov x0, #(1 << 12) | 5
    add x1, x2, #4 * 8 + 1
    .word 3 * -7, ~0 & 0xff, (10 - 4) / 3 % 5
    movk x3, #0x12, lsl #16`,
};

describe('whole programs vs GNU as + ld', () => {
  for (const [name, program] of Object.entries(PROGRAMS)) {
    it(name, () => {
      expect(ours(program)).toBe(gnu(program));
    });
  }
});
