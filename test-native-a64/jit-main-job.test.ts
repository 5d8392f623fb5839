// The main job (`npm start`, src/demo/main-job.ts) on an ARM64 host: the target is the a64 backend run
// natively; every run it reports ends in the interpreter's final state; the x64 code is run in Unicorn only
// where a Unicorn library exists for this node (the arm64 node under qemu has none, and the job says so).
import { describe, expect, it } from 'vitest';
import { Terminal } from '../src/cli/terminal.js';
import { runMainJob } from '../src/demo/main-job.js';
import { host } from '../src/exec/index.js';

describe('main job natively on ARM64', () => {
  it('compiles for a64, runs natively, checks every run against the interpreter, exit 0', async () => {
    expect(host.arch).toBe('a64');
    let out = '';
    const code = await runMainJob(new Terminal({ write: (s) => void (out += s), tty: false }));
    expect(out).not.toMatch(/DIFFERS|FAILED/);
    expect(code).toBe(0);
    expect(out).toMatch(/^target {4}AArch64 \(ARM64\), AAPCS64: .*; run natively/m);
    expect(out).toMatch(/native: identical to the interpreter's final state in all \d+ fields \(status halted, 5 cycles\)/);
    expect(out).toMatch(/native: identical to the interpreter's final state in all \d+ fields \(status budget, 50,000,000 cycles\)/);
    expect(out).toMatch(/after the timing runs, native: identical/);
    const emulated = /x64 code in unicorn-x64/.test(out);
    if (!emulated) expect(out).toMatch(/the x64 code is not run: Unicorn is not available here/);
    expect(out).toContain('== 3. The a64 register map');
    expect(out).toMatch(/^ {2}x19 +the VSP state block/m);
    const listed = out.match(/^ {2}; 00000[0-4] {2}\w+/gm) ?? [];
    expect(listed.map((l) => l.trim().split(/\s+/)[2])).toEqual(['ROTATL', 'FOLD', 'ROTATL', 'SHIFTL', 'HLT']);
  }, 600_000);
});
