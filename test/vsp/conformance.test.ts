// The shared conformance programs (copied from the spec's conformance set into test/vsp/conformance/): every
// case's expected canonical state (spec 11), produced by an independent implementation of the spec, must be
// reproduced field by field by the interpreter.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalInvalid, canonicalState, differingFields, type Canonical } from '../../src/vsp/canonical.js';
import { runProgramSync } from '../../src/vsp/engine.js';
import { loadContainer } from '../../src/vsp/container.js';
import { CONFORMANCE_DIR, conformanceCases, type ConformanceCase } from '../support/conformance.js';

const cases = conformanceCases();

/** Runs one case the way `vsp run --json` does. */
export function runCase(c: ConformanceCase): Canonical {
  const file = new Uint8Array(readFileSync(join(CONFORMANCE_DIR, c.file)));
  const loaded = loadContainer(file);
  if (!loaded.ok) return canonicalInvalid(loaded.error, loaded.offset);
  const st = runProgramSync(loaded, {
    regs: Uint8Array.from(Buffer.from(c.regs, 'hex')),
    flags: c.flags,
    input: Uint8Array.from(Buffer.from(c.input, 'hex')),
    maxCycles: c.max_cycles,
  });
  return canonicalState(st);
}

describe('conformance cases (spec 11)', () => {
  it('has all 124 cases', () => {
    expect(cases.length).toBe(124);
  });
  for (const c of cases) {
    it(`${c.file} -> ${c.expected.status}${c.expected.error ? ' ' + c.expected.error : ''}`, () => {
      const got = runCase(c) as unknown as Record<string, unknown>;
      expect(got).toEqual(c.expected);
      expect(Object.keys(got).sort()).toEqual(Object.keys(c.expected).sort());
    });
  }
});

describe('differingFields', () => {
  it('names exactly the fields where two canonical states differ, in the spec order', () => {
    const a = cases.find((c) => c.expected.status === 'halted')!.expected as unknown as Canonical & { regs: string; cycles: number };
    expect(differingFields(a, a)).toEqual([]);
    const b = { ...a, regs: a.regs.replace(/^../, a.regs.startsWith('00') ? '01' : '00'), cycles: a.cycles + 1 };
    expect(differingFields(a, b)).toEqual(['cycles', 'regs']);
    expect(differingFields(b, a)).toEqual(['cycles', 'regs']);
    const invalid = cases.find((c) => c.expected.status === 'invalid')!.expected as unknown as Canonical;
    // a field only one side has differs too
    expect(differingFields(a, invalid)).toEqual(expect.arrayContaining(['status', 'regs', 'cycles', 'error', 'offset']));
  });
});
