// The conformance suite of one `vsp run` engine: every one of the 124 shared cases through the command line
// exactly as a user runs it (`vsp run FILE --engine E --regs .. --flags .. --input .. --max-cycles .. --json`);
// the engine must reproduce every field of the expected canonical state, and the exit status follows spec 11.
// Each engine's test file calls describeEngineConformance (one file per engine, so they run in parallel).
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/vsp.js';
import { getEngine } from '../../src/vsp/engine.js';
import { conformanceCases, expectedExitStatus, vspRunArgs } from '../support/conformance.js';

async function vsp(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => void (out += s), stderr: (s) => void (err += s) });
  return { code, out, err };
}

/** Describes the conformance suite of `engine`; `checks` adds engine-specific assertions to the first test. */
export function describeEngineConformance(engine: string, checks: () => void = () => {}): void {
  const cases = conformanceCases();
  describe(`conformance cases on ${engine} (vsp run --engine ${engine} --json)`, () => {
    it('has all 124 cases; the engine is registered for vsp run and available', async () => {
      expect(cases.length).toBe(124);
      const e = getEngine(engine);
      expect(e).toBeDefined();
      expect(e!.unavailable()).toBe(null);
      const help = await vsp(['run', '--help']);
      expect(help.out).toMatch(new RegExp(`engines: .*${engine}`));
      checks();
    });
    for (const c of cases) {
      it(`${c.file} -> ${c.expected.status}${c.expected.error ? ' ' + c.expected.error : ''}`, async () => {
        const r = await vsp(vspRunArgs(c, engine));
        expect(r.err).toBe('');
        const got = JSON.parse(r.out) as Record<string, unknown>;
        expect(got).toEqual(c.expected);
        expect(Object.keys(got).sort()).toEqual(Object.keys(c.expected).sort());
        expect(r.code).toBe(expectedExitStatus(c));
      });
    }
  });
}
