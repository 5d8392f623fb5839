// The 124 shared conformance cases (test/vsp/conformance/, expected canonical states from an independent
// implementation of the spec) on the native engine, through the command line exactly as a user runs
// them: `vsp run FILE --engine native --regs .. --flags .. --input .. --max-cycles .. --json`. On this
// x86-64 machine the x86-64 JIT's code runs natively (src/exec); it must reproduce every field, and the exit
// status must follow spec 11. (On a host without a JIT backend the engine is the interpreter.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/vsp.js';
import { host } from '../../src/exec/index.js';
import { nativeEngine } from '../../src/jit/native-engine.js';
import { getEngine } from '../../src/vsp/engine.js';

const DIR = join(import.meta.dirname, '..', 'vsp', 'conformance');

interface Case {
  file: string;
  regs: string;
  flags: number;
  input: string;
  max_cycles: number;
  expected: Record<string, unknown>;
}

const cases: Case[] = readFileSync(join(DIR, 'cases.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Case);

async function vsp(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => void (out += s), stderr: (s) => void (err += s) });
  return { code, out, err };
}

describe('conformance cases on native (vsp run --engine native --json)', () => {
  it('has all 124 cases; the engine is registered for vsp run and available', async () => {
    expect(cases.length).toBe(124);
    expect(getEngine('native')).toBe(nativeEngine);
    expect(nativeEngine.unavailable()).toBe(null);
    if (host.arch !== null) expect(nativeEngine.notice).toBe(null);
    if (host.arch === 'x64') expect(nativeEngine.description).toMatch(/x64 JIT .* natively/);
    const help = await vsp('run', '--help');
    expect(help.out).toMatch(/engines: .*native/);
  });
  for (const c of cases) {
    it(`${c.file} -> ${String(c.expected.status)}${c.expected.error ? ' ' + String(c.expected.error) : ''}`, async () => {
      const r = await vsp('run', join(DIR, c.file), '--engine', 'native', '--regs', c.regs, '--flags', String(c.flags), '--input', c.input, '--max-cycles', String(c.max_cycles), '--json');
      expect(r.err).toBe('');
      const got = JSON.parse(r.out) as Record<string, unknown>;
      expect(got).toEqual(c.expected);
      expect(Object.keys(got).sort()).toEqual(Object.keys(c.expected).sort());
      expect(r.code).toBe(c.expected.status === 'error' || c.expected.status === 'invalid' ? 1 : 0);
    });
  }
});
