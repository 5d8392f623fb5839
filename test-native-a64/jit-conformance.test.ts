// The 124 shared conformance cases (test/vsp/conformance/, expected canonical states from an independent
// implementation of the spec) run natively on ARM64 by the A64 JIT, through the command line exactly as a user
// runs them: `vsp run FILE --engine E --regs .. --flags .. --input .. --max-cycles .. --json`, each field of the
// printed canonical state compared with the expected one and the exit status with spec 11. Twice:
//   - `--engine native`: the engine `vsp run` offers, which picks the a64 backend on this host (register cache
//     on, NATIVE_ENGINE_OPTIONS);
//   - `--engine native-a64-nocache`: an engine this file registers, the same backend with the register cache
//     off, its code mapped and called natively the same way (NativeCode, the driver's runCompiled).
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/vsp.js';
import { host } from '../src/exec/index.js';
import { compileA64 } from '../src/jit/a64/compile.js';
import { runCompiled } from '../src/jit/driver.js';
import { NativeCode, nativeEngine } from '../src/jit/native-engine.js';
import type { LoadedProgram } from '../src/vsp/container.js';
import { getEngine, registerEngine } from '../src/vsp/engine.js';
import { conformanceCases, expectedExitStatus, vspRunArgs, type ConformanceCase } from '../test/support/conformance.js';

const cases = conformanceCases();

/** The a64 JIT without the register cache, run natively (one compile per loaded program). */
const compiledNoCache = new WeakMap<LoadedProgram, NativeCode>();
registerEngine({
  name: 'native-a64-nocache',
  description: 'the a64 JIT without the register cache, run natively (test-native-a64 only)',
  unavailable: () => (host.arch === 'a64' ? null : `not an ARM64 host (${process.arch})`),
  run(loaded, state) {
    let code = compiledNoCache.get(loaded);
    if (code === undefined) {
      code = new NativeCode(compileA64(loaded, { cacheRegisters: false }));
      compiledNoCache.set(loaded, code);
    }
    runCompiled(code, loaded, state);
  },
});

async function vsp(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => void (out += s), stderr: (s) => void (err += s) });
  return { code, out, err };
}

/** Runs one case on `engine` and compares every field of the canonical state, then the exit status. */
async function check(c: ConformanceCase, engine: string): Promise<void> {
  const r = await vsp(...vspRunArgs(c, engine));
  expect(r.err).toBe('');
  const got = JSON.parse(r.out) as Record<string, unknown>;
  expect(Object.keys(got).sort()).toEqual(Object.keys(c.expected).sort());
  for (const k of Object.keys(c.expected)) expect(got[k], `${c.file} on ${engine}: field ${k}`).toEqual(c.expected[k]);
  expect(r.code).toBe(expectedExitStatus(c));
}

describe('conformance cases natively on ARM64', () => {
  it('has all 124 cases; `native` is the a64 JIT run natively, with no notice', async () => {
    expect(cases.length).toBe(124);
    expect(host.arch).toBe('a64');
    expect(getEngine('native')).toBe(nativeEngine);
    expect(nativeEngine.unavailable()).toBe(null);
    expect(nativeEngine.notice).toBe(null);
    expect(nativeEngine.description).toMatch(/^the a64 JIT \(src\/jit\/a64\), its machine code run natively on this arm64 host/);
    const help = await vsp('run', '--help');
    expect(help.out).toMatch(/engines: .*native/);
  });

  for (const [engine, what] of [
    ['native', 'register cache on'],
    ['native-a64-nocache', 'register cache off'],
  ] as const) {
    describe(`vsp run --engine ${engine} (${what})`, () => {
      for (const c of cases) {
        it(`${c.file} -> ${c.expected.status}${c.expected.error ? ' ' + c.expected.error : ''}`, async () => {
          await check(c, engine);
        });
      }
    });
  }
});
