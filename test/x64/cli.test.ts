// `dynasm asm --arch x64 --lines` and `dynasm disasm --arch x64` (src/cli/dynasm.ts dispatches on the
// registered arch), run in-process: one output line per input line, equal to GNU as's bytes or an error
// where GNU as rejects; a whole program with labels and relaxation; a Capstone listing.
import { describe, expect, it } from 'vitest';
import { main, type CliIO } from '../../src/cli/dynasm.js';
import { assembleProgram, assembleX64, hex } from './support/oracles.js';

function io(stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIO = {
    stdout: (s) => void out.push(s),
    stderr: (s) => void err.push(s),
    stdin: () => stdin,
    readFile: () => {
      throw new Error('no files');
    },
    writeFile: () => undefined,
  };
  return { cli, out: () => out.join(''), err: () => err.join('') };
}

describe('dynasm asm --arch x64', () => {
  it('--lines: one output line per input line, GNU as bytes or error', async () => {
    const lines = [
      'mov r11, qword ptr [rsp + 48]',
      'add rax, 5',
      'add eax, 1000',
      'vmovaps xmm0, xmm8',
      'lock cmpxchg qword ptr [rdi], rsi',
      'rep stosq',
      'nop dword ptr [rax + rax*1 + 0]',
      'movabs rax, 0x123456789abcdef0',
      '',
      'add al, 300',
      'mov ah, r8b',
      'frobnicate rax',
      'lea rax, [rax*3]',
    ];
    const x = io(lines.join('\n') + '\n');
    const status = await main(['asm', '--arch', 'x64', '--lines'], x.cli);
    const out = x.out().split('\n');
    expect(out.pop()).toBe('');
    expect(out.length).toBe(lines.length);
    const gnu = assembleX64('gnu', lines);
    lines.forEach((l, i) => {
      const g = gnu[i];
      if (g.bytes && !g.warning) expect(out[i], l).toBe(hex(g.bytes));
      else expect(out[i], l).toMatch(/^error: .*\[E_[A-Z_]+\]$/);
    });
    expect(status).toBe(1);
  });

  it('a whole program: labels, relaxation, alignment', async () => {
    const src = 'xor eax, eax\n1: add rax, rcx\ndec rcx\njnz 1b\njmp 2f\n.align 16\n2: ret';
    const x = io(src);
    expect(await main(['asm', '--arch', 'x64'], x.cli)).toBe(0);
    expect(x.out().trim()).toBe(hex(assembleProgram('gnu', src)));
  });

  it('disasm: a Capstone listing of x64 bytes', async () => {
    const x = io();
    expect(await main(['disasm', '--arch', 'x64', '4c8b5c2430', '4883c005'], x.cli)).toBe(0);
    expect(x.out()).toMatch(/mov\s+r11, qword ptr \[rsp \+ 0x30\]/);
    expect(x.out()).toMatch(/add\s+rax, 5/);
  });

  it('--arch lists x64', async () => {
    const x = io();
    expect(await main(['asm', '--help'], x.cli)).toBe(0);
    expect(x.out()).toMatch(/x64/);
  });
});
