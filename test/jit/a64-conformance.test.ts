// The 124 shared conformance cases (test/vsp/conformance/, expected canonical states from an independent
// implementation of the spec) on the unicorn-a64 engine: the ARM64 JIT's code run in Unicorn must reproduce
// every field, exactly as `vsp run --engine unicorn-a64 --json` prints it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unicornA64Engine } from '../../src/jit/unicorn-engine.js';
import { canonicalInvalid, type Canonical } from '../../src/vsp/canonical.js';
import { loadContainer } from '../../src/vsp/container.js';
import { runProgram } from '../../src/vsp/engine.js';

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

async function runCase(c: Case): Promise<Canonical> {
  const loaded = loadContainer(new Uint8Array(readFileSync(join(DIR, c.file))));
  if (!loaded.ok) return canonicalInvalid(loaded.error, loaded.offset);
  const { canonical } = await runProgram(
    loaded,
    {
      regs: Uint8Array.from(Buffer.from(c.regs, 'hex')),
      flags: c.flags,
      input: Uint8Array.from(Buffer.from(c.input, 'hex')),
      maxCycles: c.max_cycles,
    },
    unicornA64Engine,
  );
  return canonical;
}

describe('conformance cases on unicorn-a64', () => {
  it('has all 124 cases and the engine is available', () => {
    expect(cases.length).toBe(124);
    expect(unicornA64Engine.unavailable()).toBe(null);
  });
  for (const c of cases) {
    it(`${c.file} -> ${String(c.expected.status)}${c.expected.error ? ' ' + String(c.expected.error) : ''}`, async () => {
      const got = (await runCase(c)) as unknown as Record<string, unknown>;
      expect(got).toEqual(c.expected);
      expect(Object.keys(got).sort()).toEqual(Object.keys(c.expected).sort());
    });
  }
});
