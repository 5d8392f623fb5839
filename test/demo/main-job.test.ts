// The main job (`npm start`): every run it reports ends in the interpreter's final state (it checks each one);
// the report names the target, gives each measured figure and the register map, and the listing covers the
// 5 VSP instructions. Off a terminal it writes no escape sequences.
import { describe, expect, it } from 'vitest';
import { Terminal } from '../../src/cli/terminal.js';
import { runMainJob } from '../../src/demo/main-job.js';
import { host } from '../../src/exec/index.js';

describe('main job', () => {
  it('compiles, checks and measures both programs; exit 0; plain text off a terminal', async () => {
    let out = '';
    const code = await runMainJob(new Terminal({ write: (s) => void (out += s), tty: false }));
    expect(out).not.toContain('\x1b');
    expect(out).not.toMatch(/DIFFERS|FAILED/);
    expect(code).toBe(0);
    const target = host.arch ?? 'a64';
    // five-instruction example: native (or emulated) run, the other arch in Unicorn, and after the timing runs;
    // the loop: native and the other arch
    const identical = out.match(/identical to the interpreter's final state in all \d+ fields/g) ?? [];
    expect(identical.length).toBe(5);
    expect(out).toMatch(/status halted, 5 cycles/);
    expect(out).toMatch(/status budget, 50,000,000 cycles/);
    for (const label of ['compile ', 'code ', 'executions', 'speed-up', 'break-even', 'throughput']) expect(out).toContain(`  ${label}`);
    expect(out).toMatch(/[\d.]+ (G|M) VSP insn\/s \(register cache on\)/);
    expect(out).toMatch(new RegExp(`== 3\\. The ${target} register map`));
    expect(out).toContain(target === 'x64' ? 'rbx ' : 'x19 ');
    const listed = out.match(/^ {2}; 00000[0-4] {2}\w+/gm) ?? [];
    expect(listed.map((l) => l.trim().split(/\s+/)[2])).toEqual(['ROTATL', 'FOLD', 'ROTATL', 'SHIFTL', 'HLT']);
  }, 120_000);
});

describe('Terminal', () => {
  it('colours only when asked, and draws a progress line only on a terminal', async () => {
    let plain = '';
    const t = new Terminal({ write: (s) => void (plain += s), tty: false });
    expect(t.bold('x')).toBe('x');
    expect(await t.step('working', async () => 7)).toBe(7);
    expect(plain).toBe('');
    let tty = '';
    const c = new Terminal({ write: (s) => void (tty += s), tty: true, colour: true });
    expect(c.green('ok')).toBe('\x1b[32mok\x1b[0m');
    await c.step('working', async () => undefined);
    expect(tty).toContain('working');
    expect(tty.endsWith('\r\x1b[2K')).toBe(true);
  });
});
