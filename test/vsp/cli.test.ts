// The `vsp` command (spec 11): `vsp run` prints the canonical state of every conformance case exactly, reads
// text programs through the assembler, and keeps the exit-status and usage-error rules; the dispatcher.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, SUBCOMMANDS } from '../../src/cli/vsp.js';
import { looksLikeContainer } from '../../src/cli/program-file.js';
import { parseCount } from '../../src/cli/vsp-run.js';
import { conformanceCases } from '../support/conformance.js';

const DIR = join(import.meta.dirname, 'conformance');

async function vsp(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => void (out += s), stderr: (s) => void (err += s) });
  return { code, out, err };
}

const cases = conformanceCases();

describe('vsp run --json on the conformance cases', () => {
  it('prints exactly the expected canonical state, one line ending in LF, with the spec exit status', async () => {
    for (const c of cases) {
      const r = await vsp('run', join(DIR, c.file), '--regs', c.regs, '--flags', String(c.flags), '--input', c.input, '--max-cycles', String(c.max_cycles), '--json');
      expect(r.err).toBe('');
      expect(r.out.endsWith('\n') && r.out.indexOf('\n') === r.out.length - 1).toBe(true);
      expect(JSON.parse(r.out)).toEqual(c.expected);
      expect(r.code, c.file).toBe(c.expected.status === 'error' || c.expected.status === 'invalid' ? 1 : 0);
    }
  });
  it('accepts upper-case hex, 0x numbers and --opt=value', async () => {
    const c = cases.find((x) => x.expected.status === 'halted')!;
    const r = await vsp('run', `--regs=${c.regs.toUpperCase()}`, join(DIR, c.file), '--flags', '0x' + c.flags.toString(16), `--input=${c.input.toUpperCase()}`, '--max-cycles', '0x' + c.max_cycles.toString(16), '--json', '--engine', 'interp');
    expect(JSON.parse(r.out)).toEqual(c.expected);
  });
});

describe('vsp run usage errors: exit 2, a message on stderr, nothing run', () => {
  const file = join(DIR, 'p000.silc');
  const bad: [string[], RegExp][] = [
    [[], /missing FILE/],
    [[file, file], /unexpected argument/],
    [[file, '--regs', '00'], /32 hex digits/],
    [[file, '--regs', 'g'.repeat(32)], /32 hex digits/],
    [[file, '--flags', '16'], /only Z/],
    [[file, '--flags', '0x20'], /only Z/],
    [[file, '--flags', '256'], /0\.\.255/],
    [[file, '--flags', '-1'], /unknown option|0\.\.255/],
    [[file, '--flags', 'z'], /0\.\.255/],
    [[file, '--input', 'abc'], /even number/],
    [[file, '--max-cycles', String(2 ** 53 + 2)], /0\.\.2\^53/],
    [[file, '--max-cycles', '1e3'], /0\.\.2\^53/],
    [[file, '--max-cycles'], /needs a value/],
    [[file, '--json', '--json'], /twice/],
    [[file, '--frobnicate'], /unknown option/],
    [[file, '--engine', 'pdp11'], /unknown engine pdp11.*interp/],
    [['/nonexistent/x.silc'], /cannot read/],
  ];
  for (const [args, msg] of bad) {
    it(args.join(' ') || '(no arguments)', async () => {
      const r = await vsp('run', ...args);
      expect([r.code, r.out]).toEqual([2, '']);
      expect(r.err).toMatch(msg);
    });
  }
  it('--max-cycles takes 0 and 2^53', async () => {
    expect((await vsp('run', file, '--max-cycles', '0', '--json')).code).toBe(0);
    expect(JSON.parse((await vsp('run', file, '--max-cycles', String(2 ** 53), '--json')).out).status).toBeDefined();
  });
});

describe('vsp run on text programs and in the form for people', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vsp-cli-'));
  it('assembles a text program (spec 7) and runs it', async () => {
    const f = join(dir, 'p.vsp');
    writeFileSync(f, '.mode SIL-8\n    MOVI R1, 3\n    MOVI R2, 2\n    ADDINT R1, R2\n    HLT\n');
    const r = await vsp('run', f, '--json');
    const s = JSON.parse(r.out);
    expect([r.code, s.status, s.mode, s.regs.slice(2, 4), s.cycles]).toEqual([0, 'halted', 0, 'd0', 4]);
  });
  it('a text program that does not assemble: FILE:LINE:COL on stderr, exit 1', async () => {
    const f = join(dir, 'bad.vsp');
    writeFileSync(f, 'NOP\nFROB R1\n');
    const r = await vsp('run', f);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`^${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:\\d+: `));
  });
  it('prints a readable state without --json; exit 1 for error and invalid', async () => {
    const ok = await vsp('run', join(DIR, cases.find((c) => c.expected.status === 'halted')!.file));
    expect(ok.out).toMatch(/^status {3}halted\npc/);
    expect(ok.out).toMatch(/regs {5}R0=[0-9a-f]{2} /);
    const inv = await vsp('run', join(DIR, 'p095.silc'));
    expect([inv.code, inv.out]).toEqual([1, 'status   invalid\nerror    bad_checksum at offset 24\n']);
  });
  it('the container test: .silc name, SILC magic, or not text', () => {
    expect(looksLikeContainer('a.silc', new TextEncoder().encode('NOP'))).toBe(true);
    expect(looksLikeContainer('a.bin', Uint8Array.of(0x53, 0x49, 0x4c, 0x43))).toBe(true);
    expect(looksLikeContainer('a.bin', Uint8Array.of(0x4e, 0))).toBe(true);
    expect(looksLikeContainer('a.bin', Uint8Array.of(0xff, 0xfe))).toBe(true);
    expect(looksLikeContainer('a.vsp', new TextEncoder().encode('HLT\n'))).toBe(false);
  });
  it('parseCount: decimal and 0x hex within the bound', () => {
    expect(parseCount('0x1F', 255n)).toBe(31);
    expect(parseCount('255', 255n)).toBe(255);
    expect(parseCount('256', 255n)).toBe(undefined);
    expect(parseCount('', 255n)).toBe(undefined);
    expect(parseCount('1_0', 255n)).toBe(undefined);
  });
});

describe('the vsp dispatcher', () => {
  it('--help lists the subcommands; no command is a usage error', async () => {
    const h = await vsp('--help');
    expect(h.code).toBe(0);
    expect(h.out).toMatch(/vsp run FILE/);
    expect(h.out).toMatch(/asm/);
    expect(h.out).toMatch(/disasm/);
    expect((await vsp()).code).toBe(2);
    const u = await vsp('frob');
    expect([u.code, u.err.startsWith('vsp: unknown command frob')]).toEqual([2, true]);
    const rh = await vsp('run', '--help');
    expect([rh.code, /--max-cycles/.test(rh.out), /engines: interp/.test(rh.out)]).toEqual([0, true, true]);
  });

  it('every subcommand has --help: its usage line, a description and its exit statuses, exit 0', async () => {
    for (const c of SUBCOMMANDS) {
      for (const flag of ['--help', '-h']) {
        const r = await vsp(c.name, flag);
        expect(r.code, `${c.name} ${flag}`).toBe(0);
        expect(r.err).toBe('');
        expect(r.out, c.name).toMatch(new RegExp(`^usage: vsp ${c.name} `));
        expect(r.out, c.name).toMatch(/Exit status: 0 /);
      }
    }
  });
});
