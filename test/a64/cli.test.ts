// The `dynasm` command (src/cli/dynasm.ts), run in-process with captured IO: `asm --lines` output
// checked line by line against GNU as, whole programs, -o, disasm, help texts and exit statuses.
import { describe, expect, it } from 'vitest';
import { main, type CliIO } from '../../src/cli/dynasm.js';
import { assembleBatch, hex } from '../oracles/assemble.js';

function io(stdin = '', files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, Uint8Array> = {};
  const cli: CliIO = {
    stdout: (s) => void out.push(s),
    stderr: (s) => void err.push(s),
    stdin: () => stdin,
    readFile: (p) => {
      if (!(p in files)) throw new Error(`ENOENT: ${p}`);
      return files[p];
    },
    writeFile: (p, b) => void (written[p] = b),
  };
  return { cli, out: () => out.join(''), err: () => err.join(''), written };
}

describe('dynasm asm --lines', () => {
  it('prints one line per input line: the bytes GNU as gives, or an error where GNU as rejects', async () => {
    const lines = [
      'mov w0, w23',
      'add x0, x1, #4096',
      'ldr x0, [x1, #-8]',
      'stp x29, x30, [sp, #-16]!',
      'ldaddal x1, x2, [sp]',
      'casp x0, x1, x2, x3, [x4]',
      'cset w3, hs',
      'ubfx x1, x2, #60, #4',
      'mrs x0, tpidr_el0',
      'dmb ishld',
      '',
      'add x0, x1, #5000',
      'and x0, x1, #0x1234',
      'ldp x0, x1, [x2, #12]',
      'add x0, w1, x2',
      'frob x0',
      'ubfx x1, x2, #60, #8',
      'MOV X1, #0x10000 // comment',
    ];
    const t = io(lines.join('\n') + '\n');
    const status = await main(['asm', '--arch', 'a64', '--lines'], t.cli);
    const got = t.out().split('\n');
    expect(got.pop()).toBe('');
    expect(got).toHaveLength(lines.length);
    const gnu = assembleBatch('a64', 'gnu', lines);
    gnu.forEach((g, i) => {
      if (g.bytes) expect(got[i], lines[i]).toBe(hex(g.bytes));
      else expect(got[i], lines[i]).toMatch(/^error: .*\[E_[A-Z_]+\]$/);
    });
    expect(status).toBe(1);
  });

  it('exits 0 when every line assembles, reading a file', async () => {
    const t = io('', { 'in.s': 'nop\nret\n' });
    expect(await main(['asm', '--arch=a64', '--lines', 'in.s'], t.cli)).toBe(0);
    expect(t.out()).toBe('1f2003d5\nc0035fd6\n');
  });
});

describe('dynasm asm (whole program)', () => {
  it('assembles labels and directives at a base address, as GNU as + ld', async () => {
    const prog = ['start: adrp x0, data', 'add x0, x0, #0', 'cbz x1, start', 'ret', '.align 3', 'data: .quad start'];
    const t = io(prog.join('\n'));
    expect(await main(['asm', '--arch', 'a64', '--base', '0x41000'], t.cli)).toBe(0);
    const gnu = assembleBatch('a64', 'gnu', prog, { link: { base: 0x41000n } });
    expect(t.out()).toBe(gnu.map((g) => hex(g.bytes!)).join('') + '\n');
  });

  it('writes bytes with -o; reports errors with exit status 1', async () => {
    const t = io('nop\n');
    expect(await main(['asm', '--arch', 'a64', '-o', 'out.bin'], t.cli)).toBe(0);
    expect(hex(t.written['out.bin'])).toBe('1f2003d5');
    const e = io('nop\nb nowhere\n');
    expect(await main(['asm', '--arch', 'a64'], e.cli)).toBe(1);
    expect(e.err()).toContain("label 'nowhere' is referenced but never bound [E_LABEL_UNDEFINED]");
  });
});

describe('dynasm disasm', () => {
  it('lists instructions with Capstone', async () => {
    const t = io();
    expect(await main(['disasm', '--arch', 'a64', 'e003172a', '0x20 0x04 0x00 0x91'], t.cli)).toBe(0);
    expect(t.out()).toMatch(/0x0\s+e0 03 17 2a\s+mov w0, w23\n0x4\s+20 04 00 91\s+add x0, x1, #1/);
  });
});

describe('usage', () => {
  it('--help exits 0; usage errors exit 2', async () => {
    for (const argv of [['--help'], ['asm', '--help'], ['disasm', '--help']]) {
      const t = io();
      expect(await main(argv, t.cli)).toBe(0);
      expect(t.out()).toMatch(/^usage: dynasm/);
    }
    for (const argv of [[], ['frob'], ['asm'], ['asm', '--arch', 'mips'], ['asm', '--arch', 'a64', '--bogus'], ['asm', '--arch', 'a64', '--lines', '-o', 'x'], ['disasm', '--arch', 'a64', 'zz'], ['disasm', '--arch', 'a64'], ['asm', '--arch', 'a64', '--base', 'q']]) {
      const t = io();
      expect(await main(argv, t.cli), argv.join(' ')).toBe(2);
      expect(t.err()).toMatch(/usage: dynasm/);
    }
  });

  it('an unreadable INPUT or an unwritable -o file exits 2 with the file named, nothing written', async () => {
    const t = io();
    expect(await main(['asm', '--arch', 'a64', 'missing.s'], t.cli)).toBe(2);
    expect(t.err()).toMatch(/^dynasm asm: cannot read missing\.s: ENOENT/);
    const w = io('', { 'p.s': 'nop\n' });
    w.cli.writeFile = () => {
      throw new Error('EACCES: permission denied');
    };
    expect(await main(['asm', '--arch', 'a64', 'p.s', '-o', '/ro/out.bin'], w.cli)).toBe(2);
    expect(w.err()).toMatch(/^dynasm asm: cannot write \/ro\/out\.bin: EACCES/);
    expect(w.out()).toBe('');
  });
});
