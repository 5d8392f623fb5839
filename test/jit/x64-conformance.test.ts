// The 124 shared conformance cases (test/vsp/conformance/, expected canonical states from an independent
// implementation of the spec) on the unicorn-x64 engine, through the command line exactly as a user runs
// them: `vsp run FILE --engine unicorn-x64 --regs .. --flags .. --input .. --max-cycles .. --json`. The x86-64
// JIT's code, run in Unicorn, must reproduce every field, and the exit status must follow spec 11.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/vsp.js';
import { unicornX64Engine } from '../../src/jit/unicorn-x64-engine.js';
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

describe('conformance cases on unicorn-x64 (vsp run --engine unicorn-x64 --json)', () => {
  it('has all 124 cases; the engine is registered for vsp run and available', async () => {
    expect(cases.length).toBe(124);
    expect(getEngine('unicorn-x64')).toBe(unicornX64Engine);
    expect(unicornX64Engine.unavailable()).toBe(null);
    const help = await vsp('run', '--help');
    expect(help.out).toMatch(/engines: .*unicorn-x64/);
  });
  for (const c of cases) {
    it(`${c.file} -> ${String(c.expected.status)}${c.expected.error ? ' ' + String(c.expected.error) : ''}`, async () => {
      const r = await vsp('run', join(DIR, c.file), '--engine', 'unicorn-x64', '--regs', c.regs, '--flags', String(c.flags), '--input', c.input, '--max-cycles', String(c.max_cycles), '--json');
      expect(r.err).toBe('');
      const got = JSON.parse(r.out) as Record<string, unknown>;
      expect(got).toEqual(c.expected);
      expect(Object.keys(got).sort()).toEqual(Object.keys(c.expected).sort());
      expect(r.code).toBe(c.expected.status === 'error' || c.expected.status === 'invalid' ? 1 : 0);
    });
  }
});
