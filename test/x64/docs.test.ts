// The example of docs/dsl-x64.md runs as written and gives GNU as's bytes.
import { describe, expect, it } from 'vitest';
import { Assembler, R64, rax } from '../../src/index.js';
import { assembleProgram, hex } from './support/oracles.js';

describe('docs/dsl-x64.md', () => {
  it('the first example', () => {
    const a = new Assembler('x64');
    const done = a.newLabel('done');
    const sum = (acc: typeof rax, p: typeof rax, n: number) => a.dynasm`
    xor  ${acc}, ${acc}
1:  add  ${acc}, qword ptr [${p} + rcx*8 + ${n * 8}]
    dec  rcx
    jnz  1b
    mov  r11, qword ptr [rsp + 48]
    lea  rdx, [rip + ${done}]
    jmp  ${done}
    .align 16
${done}:
    ret`;
    sum(rax, R64(9), 4);
    const code = a.finalize();
    const gnu = assembleProgram('gnu', 'xor rax, rax\n1: add rax, qword ptr [r9 + rcx*8 + 32]\ndec rcx\njnz 1b\nmov r11, qword ptr [rsp + 48]\nlea rdx, [rip + D]\njmp D\n.align 16\nD: ret');
    expect(hex(code)).toBe(hex(gnu));
  });
});
