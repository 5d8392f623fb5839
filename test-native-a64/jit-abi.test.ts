// The AAPCS64 contract of the compiled function `vsp_run(state, tables)`, run natively on ARM64, checked by a
// caller built with the DSL (support/abi-trampoline.ts): x19..x28, d8..d15, x18, x29, sp, FPCR and the
// caller's frame (frame record and saved registers) are the same after every entry as before it, and the
// results do not depend on the caller's FPCR (round toward zero, flush-to-zero, default NaN, AHP set by the
// caller). Every entry of the driver (runCompiled: host instructions exit and re-enter) goes through the
// checking caller, on fixed programs and random ones, with the register cache off and on; final states are the
// interpreter's. The checker itself is checked first against small GNU-as-assembled callees that each break
// one rule. Also: the native engine passes the state block in place and compiles a loaded program once, and
// Capstone (capstone-wasm) disassembles compiled code on the arm64 node.
import fc from 'fast-check';
import koffi from 'koffi';
import { afterAll, describe, expect, it } from 'vitest';
import { host, nativeFunction, type NativeFunction } from '../src/exec/index.js';
import { compileA64 } from '../src/jit/a64/compile.js';
import type { CompiledProgram } from '../src/jit/compiler.js';
import { runCompiled, type CompiledEntry } from '../src/jit/driver.js';
import { formatJitListing } from '../src/jit/listing.js';
import { nativeCodeFor, runNative } from '../src/jit/native-engine.js';
import { tablesBlock } from '../src/jit/tables-block.js';
import { canonicalJson, canonicalState } from '../src/vsp/canonical.js';
import { checkProgram, type LoadedProgram } from '../src/vsp/container.js';
import { initialState } from '../src/vsp/engine.js';
import { prepareProgram, runInterpreter } from '../src/vsp/interpreter.js';
import { RunStatus } from '../src/vsp/state-layout.js';
import { VspState } from '../src/vsp/state.js';
import { assembleText } from '../src/vsp/text-asm.js';
import { seed } from '../test/support/seed.js';
import { programArb } from '../test/support/vsp-programs.js';
import { AbiTrampoline } from './support/abi-trampoline.js';
import { gnuAsA64 } from './support/aarch64.js';
import { qemuRuns } from './support/jit.js';

const SIGNATURE = 'uint32_t (uint64_t state, uint64_t tables)';

/**
 * FPCR values a caller may run with: the default, round toward zero, +inf with flush-to-zero, -inf with
 * default NaN and flush-to-zero, alternative half precision with FZ16. The compiled code must give the
 * interpreter's results under each, and hand each back unchanged.
 */
const FPCRS = [0, 0x00c0_0000, 0x0140_0000, 0x0380_0000, 0x0408_0000];

const address = (b: Uint8Array): number => Number(koffi.address(b));

const trampoline = new AbiTrampoline();
afterAll(() => trampoline.dispose());

/** Enters compiled code through the checking caller; collects every violation with the entry it happened on. */
class CheckedEntry implements CompiledEntry {
  private readonly fn: NativeFunction<(state: number, tables: number) => number>;
  readonly violations: string[] = [];
  enters = 0;
  fpcr = 0;

  constructor(readonly compiled: CompiledProgram) {
    this.fn = nativeFunction(compiled.code, SIGNATURE);
  }

  enter(st: VspState): number {
    trampoline.prepare(BigInt(++this.enters), this.fpcr);
    const r = trampoline.call(address(st.bytes), address(tablesBlock()), this.fn.memory.address);
    const v = trampoline.violations();
    if (v.length > 0) this.violations.push(`entry ${this.enters} (FPCR 0x${this.fpcr.toString(16)}, PC ${st.pc}): ${v.join(', ')}`);
    return r;
  }

  dispose(): void {
    this.fn.dispose();
  }
}

function load(src: string): LoadedProgram {
  const l = checkProgram(assembleText(src, 'test.vsp'));
  if (!l.ok) throw new Error(`invalid program: ${l.error} at ${l.offset}`);
  return l;
}

const canon = (st: VspState): string => canonicalJson(canonicalState(st));

/** Runs `loaded` from `init` on the interpreter and through the checking caller; returns both canonical states. */
function runChecked(loaded: LoadedProgram, init: Parameters<typeof initialState>[1], entry: CheckedEntry): { ref: string; jit: string } {
  const ref = new VspState().reset(initialState(loaded.program, init));
  runInterpreter(prepareProgram(loaded), ref);
  const st = new VspState().reset(initialState(loaded.program, init));
  runCompiled(entry, loaded, st);
  return { ref: canon(ref), jit: canon(st) };
}

describe('the checking caller (support/abi-trampoline.ts) catches each broken rule', () => {
  const callees: [string, string, string[]][] = [
    ['a correct callee', '', []],
    ['x19 changed', 'mov x19, #1', ['x19']],
    ['x23 changed', 'add x23, x23, #1', ['x23']],
    ['x28 changed', 'mov x28, #1', ['x28']],
    ['d8 changed', 'fmov d8, xzr', ['d8']],
    ['d15 changed', 'fmov d15, #1.0', ['d15']],
    ['x18 changed', 'mov x18, #0', ['x18']],
    ['FPCR changed', 'msr fpcr, xzr', ['FPCR']],
    ['sp not restored', 'sub sp, sp, #16', ['sp']],
    ['x29 changed', 'mov x29, #0', ['x29']],
    ["the caller's frame record overwritten (saved x29)", 'str xzr, [sp]', ['frame word 0']],
    ["the caller's frame record overwritten (return address)", 'str xzr, [sp, #8]', ['frame word 1']],
    ["the caller's frame overwritten (saved x20)", 'str xzr, [sp, #24]', ['frame word 3']],
  ];
  for (const [what, body, expected] of callees) {
    it(`${what} -> ${expected.length === 0 ? 'nothing' : expected.join(', ')}`, () => {
      const f = nativeFunction<(state: number, tables: number) => number>(gnuAsA64(`${body}\nmov w0, #7\nret`), SIGNATURE);
      try {
        for (const fpcr of [0x00c0_0000, 0x0380_0000]) {
          trampoline.prepare(5n, fpcr);
          expect(trampoline.call(0, 0, f.memory.address)).toBe(7);
          expect(trampoline.fpcrSet).toBe(fpcr); // the rounding, FZ and DN bits took effect
          const got = trampoline.violations();
          expect(got.map((v) => v.replace(/ \(.*\)$/, ''))).toEqual(expected);
        }
      } finally {
        f.dispose();
      }
    });
  }
  it("the caller's FPCR reaches the callee: 2^-1074 x 1.5 is 2^-1073, 2^-1074 toward zero, 0 with flush-to-zero", () => {
    const f = nativeFunction<(state: number, tables: number) => number>(
      gnuAsA64('ldr d0, [x0]\nldr d1, [x0, #8]\nfmul d0, d0, d1\nstr d0, [x0, #16]\nmov w0, #0\nret'),
      SIGNATURE,
    );
    const io = new BigUint64Array(new ArrayBuffer(24));
    const product = (fpcr: number): bigint => {
      io.set([1n, 0x3ff8_0000_0000_0000n, 0xdeadn]);
      trampoline.prepare(2n, fpcr);
      trampoline.call(address(new Uint8Array(io.buffer)), 0, f.memory.address);
      return io[2]!;
    };
    // the float program below depends on exactly this: compiled code that ran under its caller's FPCR fails it
    expect([product(0), product(0x00c0_0000), product(0x0140_0000)]).toEqual([2n, 1n, 0n]);
    f.dispose();
  });
  it('every FPCR value the tests use can be set (qemu implements those bits)', () => {
    const f = nativeFunction<(state: number, tables: number) => number>(gnuAsA64('mov w0, #0\nret'), SIGNATURE);
    for (const fpcr of FPCRS) {
      trampoline.prepare(1n, fpcr);
      trampoline.call(0, 0, f.memory.address);
      expect(trampoline.fpcrSet.toString(16)).toBe(fpcr.toString(16));
      expect(trampoline.violations()).toEqual([]);
    }
    f.dispose();
  });
});

describe.each([false, true])(`vsp_run keeps AAPCS64 natively (register cache %s, seed ${seed})`, (cacheRegisters) => {
  it('a float program with subnormal and halfway inputs: the interpreter results under every caller FPCR', () => {
    // R0..R7: the smallest subnormal binary64; R8..R15: 1.5. 1.5 x 2^-1074 is halfway between two
    // subnormals (nearest-even gives 2^-1073, toward zero 2^-1074, flush-to-zero 0); then SIL-32 on the
    // halves, a square root and a division by zero.
    const loaded = load(`
.mode SIL-64
    MULFLOAT R0, R8
    ADDFLOAT R8, R0
    DIVFLOAT R8, R0
    SETMODE SIL-32
    MULFLOAT R8, R12
    SQRTFLOAT R12
    SUBFLOAT R4, R4
    DIVFLOAT R0, R4
    HLT
`);
    const regs = Uint8Array.from([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xf8, 0x3f]);
    const entry = new CheckedEntry(compileA64(loaded, { cacheRegisters }));
    try {
      for (const fpcr of FPCRS) {
        entry.fpcr = fpcr;
        const { ref, jit } = runChecked(loaded, { regs }, entry);
        expect(jit, `FPCR 0x${fpcr.toString(16)}`).toBe(ref);
      }
      expect(entry.enters).toBe(FPCRS.length);
      expect(entry.violations).toEqual([]);
    } finally {
      entry.dispose();
    }
  });

  it('random programs (host instructions exit and re-enter): every entry keeps the contract', () => {
    let enters = 0;
    fc.assert(
      fc.property(
        programArb(undefined, 40),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.uint8Array({ maxLength: 8 }),
        fc.integer({ min: 0, max: 2000 }),
        fc.constantFrom(...FPCRS),
        ({ code, entry: pc, mode }, regs, input, maxCycles, fpcr) => {
          const loaded = checkProgram({ code, entry: pc, mode, data: new Uint8Array(0), symbols: [] });
          if (!loaded.ok) throw new Error('generator produced an invalid program');
          const entry = new CheckedEntry(compileA64(loaded, { cacheRegisters }));
          entry.fpcr = fpcr;
          try {
            const { ref, jit } = runChecked(loaded, { regs, input, maxCycles }, entry);
            expect(jit).toBe(ref);
            expect(entry.violations).toEqual([]);
            enters += entry.enters;
          } finally {
            entry.dispose();
          }
        },
      ),
      { numRuns: qemuRuns(200) },
    );
    expect(enters).toBeGreaterThan(qemuRuns(200)); // host instructions made some runs enter more than once
  });
});

describe('native engine on ARM64', () => {
  it('passes the state block in place and compiles a loaded program once, with the a64 backend', () => {
    expect(host.arch).toBe('a64');
    const p = load('    MOVI R3, 5\n    STORE R3, 0x1234\n    HLT\n');
    const st = new VspState().reset(initialState(p.program, {}));
    const bytes = st.bytes;
    runNative(p, st);
    expect(st.bytes).toBe(bytes);
    expect([st.status, bytes[3], bytes[0x2000 + 0x1234]]).toEqual([RunStatus.halted, 0xd0, 0xd0]);
    expect(nativeCodeFor(p)).toBe(nativeCodeFor(p));
    expect(nativeCodeFor(p).compiled.arch).toBe('a64');
  });
  it('Capstone (WebAssembly) runs on the arm64 node: the listing of compiled code shows the AAPCS64 prologue', async () => {
    const p = load('    MOVI R3, 5\n    HLT\n');
    const listing = await formatJitListing(compileA64(p), p);
    expect(listing).toContain('stp x29, x30, [sp, #-0x70]!');
    expect(listing).toMatch(/mrs x9, fpcr[\s\S]*msr fpcr, x9/);
    expect(listing).toContain('MOVI R3, 5');
  });
});
