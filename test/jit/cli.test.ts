// `vsp jit` (src/cli/vsp-jit.ts): --check compares the compiled code's final state (native for the host's
// architecture, Unicorn for the other) with the reference interpreter; the listing interleaves every VSP
// instruction (its canonical text from the spec 7.1 disassembler) with Capstone's decoding of exactly the code
// bytes the statistics count; usage errors exit 2 and name the argument; bad programs exit 1.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/vsp.js';
import { loadContainer } from '../../src/vsp/container.js';
import { disassembleText } from '../../src/vsp/text-disasm.js';

const CONF = join(import.meta.dirname, '..', 'vsp', 'conformance');

async function vsp(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => void (out += s), stderr: (s) => void (err += s) });
  return { code, out, err };
}

/** The conformance programs that load (some cases are invalid containers on purpose). */
function validPrograms(): string[] {
  const out: string[] = [];
  for (let i = 0; i < 124 && out.length < 3; i += 17) {
    const f = `p${String(i).padStart(3, '0')}.silc`;
    if (loadContainer(new Uint8Array(readFileSync(join(CONF, f)))).ok) out.push(f);
  }
  return out;
}

describe('vsp jit', () => {
  const programs = validPrograms();

  for (const arch of ['a64', 'x64'] as const) {
    it(`--check --json (${arch}): the compiled code ends in the interpreter's state; the figures describe the program`, async () => {
      expect(programs.length).toBeGreaterThan(0);
      for (const f of programs) {
        const file = join(CONF, f);
        const r = await vsp('jit', file, '--arch', arch, '--check', '--json');
        expect(r.err, f).toBe('');
        expect(r.code, f).toBe(0);
        const j = JSON.parse(r.out) as Record<string, unknown> & { check: { differences: string[]; engine: string } };
        const loaded = loadContainer(new Uint8Array(readFileSync(file)));
        if (!loaded.ok) throw new Error(f);
        expect(j.vspInstructions).toBe(loaded.starts.reduce((a, b) => a + b, 0));
        expect(j.arch).toBe(arch);
        expect(j.check.differences).toEqual([]);
        expect(j.check.engine).toMatch(/^(native|unicorn-a64|unicorn-x64)$/);
        expect(j.compileMs).toBeGreaterThan(0);
      }
    });
  }

  it('--listing: every VSP instruction in order, followed by Capstone lines covering every code byte', async () => {
    const f = programs[0]!;
    const file = join(CONF, f);
    const dir = mkdtempSync(join(tmpdir(), 'vsp-jit-'));
    const out = join(dir, 'listing.txt');
    for (const arch of ['a64', 'x64'] as const) {
      const r = await vsp('jit', file, '--arch', arch, '--listing', out, '--json');
      expect(r.code).toBe(0);
      const stats = JSON.parse(r.out) as { codeBytes: number; vspInstructions: number };
      const listing = readFileSync(out, 'utf8').split('\n');
      // every instruction line of the spec 7.1 disassembly appears, in order
      const loaded = loadContainer(new Uint8Array(readFileSync(file)));
      if (!loaded.ok) throw new Error(f);
      const vspLines = disassembleText(loaded.program).split('\n').filter((l) => l.startsWith('    ')).map((l) => l.trim());
      const headers = listing.filter((l) => /^; [0-9a-f]{6}  /.test(l) && !l.includes('(end of code)'));
      expect(headers.length).toBe(stats.vspInstructions);
      headers.forEach((h, i) => expect(h, arch).toContain(vspLines[i]!));
      // the machine-code lines' bytes add up to the code size and their addresses are contiguous
      let next = 0;
      for (const l of listing) {
        const m = /^ {4}([0-9a-f]{8}) {2}((?:[0-9a-f]{2} )*[0-9a-f]{2})/.exec(l);
        if (!m) continue;
        expect(parseInt(m[1]!, 16), `${arch}: ${l}`).toBe(next);
        next += m[2]!.split(' ').length;
      }
      expect(next).toBe(stats.codeBytes);
    }
  });

  it('prints the statistics for people, and the listing on standard output with --listing -', async () => {
    const r = await vsp('jit', join(CONF, programs[0]!), '--arch', 'x64', '--listing', '-');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/VSP instructions -> x64 \(register cache off\)/);
    expect(r.out).toMatch(/compile time +[0-9.]+ us/);
    expect(r.out).toMatch(/; ---- prologue\n {4}00000000 /);
  });

  it('usage errors exit 2 and name the argument', async () => {
    const cases: [string[], RegExp][] = [
      [[], /missing FILE/],
      [['a', 'b'], /unexpected argument b/],
      [['a', '--arch', 'arm'], /--arch "arm": expected a64 or x64/],
      [['a', '--bogus'], /unknown option --bogus/],
      [['a', '--json', '--json'], /--json given twice/],
      [['a', '--listing'], /--listing needs a value/],
      [['a', '--cache=1'], /--cache takes no value/],
      [['a', '--max-cycles', '5'], /--max-cycles applies to --check only/],
      [['a', '--check', '--max-cycles', '1e3'], /--max-cycles "1e3"/],
    ];
    for (const [args, msg] of cases) {
      const r = await vsp('jit', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(msg);
      expect(r.err).toContain('usage: vsp jit FILE');
      expect(r.out).toBe('');
    }
    const missing = await vsp('jit', join(tmpdir(), 'no-such-file.silc'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/cannot read .*no-such-file\.silc/);
    expect((await vsp('jit', '--help')).out).toContain('--listing OUT');
  });

  it('an invalid container or a text program that does not assemble exits 1 with where', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vsp-jit-'));
    const bad = join(dir, 'bad.vsp');
    writeFileSync(bad, '.code\n    ADDINT R0\n');
    const r = await vsp('jit', bad);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\.vsp:2:\d+: /);
    const container = join(dir, 'bad.silc');
    writeFileSync(container, Uint8Array.of(0x53, 0x49, 0x4c, 0x43, 9, 9));
    const c = await vsp('jit', container);
    expect(c.code).toBe(1);
    expect(c.err).toMatch(/bad\.silc: invalid program: \w+ at offset \d+/);
  });
});
