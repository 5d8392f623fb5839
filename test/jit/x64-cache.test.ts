// The x86-64 register cache (cacheRegisters; src/jit/x64/cache.ts): which values get homes, that a loop over
// cached values touches no VSP register memory, that syncs appear exactly where an instruction sees a cached
// value other than whole, that the footprint check rejects an undeclared access, and that cached code gives
// the interpreter's final state on the loops (the per-opcode and random-program properties with the cache on
// are in native-ops-*.test.ts, x64-ops-*.test.ts, native-programs.test.ts, x64-programs.test.ts).
import { describe, expect, it } from 'vitest';
import { Assembler } from '../../dsl/assembler.js';
import { VSP_OPCODES } from '../../spec/vsp/opcodes.js';
import { analyzeProgram } from '../../src/jit/analysis.js';
import { JitCompileError } from '../../src/jit/backend.js';
import { runCompiled } from '../../src/jit/driver.js';
import { formatJitListing } from '../../src/jit/listing.js';
import { sharedUnicornX64Runner } from '../../src/jit/unicorn-x64-engine.js';
import { accesses, chooseUnits, RegisterCache } from '../../src/jit/x64/cache.js';
import { compileX64 } from '../../src/jit/x64/compile.js';
import { canonicalJson, canonicalState } from '../../src/vsp/canonical.js';
import { checkProgram } from '../../src/vsp/container.js';
import { initialState } from '../../src/vsp/engine.js';
import { prepareProgram, runInterpreter } from '../../src/vsp/interpreter.js';
import { VspState } from '../../src/vsp/state.js';
import { listingBody } from '../support/listing-body.js';
import { loadText as load } from '../support/load-program.js';

const arithmetic = load(`
.mode SIL-32
top:
    ADDINT R0, R4
    SUBINT R4, R8
    MULINT R0, R8
    XORINT R8, R0
    SHLINT R4, R0
    LOOP top
    MOVI RC, 7
    JMP top
`);


describe('x64 register cache', () => {
  it('gives the loop values of a SIL-32 loop homes: three int32 and the LOOP counter', () => {
    const units = chooseUnits(analyzeProgram(arithmetic));
    expect(units.map((u) => [u.k, 1 << u.si]).sort((a, b) => a[0]! - b[0]!)).toEqual([[0, 4], [4, 4], [8, 4], [12, 1]]);
  });
  it('a loop over cached values does not touch VSP register memory; without the cache it does', async () => {
    const cached = await listingBody(compileX64(arithmetic, { cacheRegisters: true }), arithmetic);
    const plain = await listingBody(compileX64(arithmetic), arithmetic);
    const regMem = (l: string): boolean => /\[rbx( \+ (0x)?[0-9a-f]\b)?\]/.test(l);
    expect(cached.filter(regMem)).toEqual([]);
    expect(plain.filter(regMem).length).toBeGreaterThanOrEqual(15);
  });
  it('syncs a cached value around an instruction that sees it other than whole, and nowhere else', async () => {
    // R0..R3 as an int32 is cached; the byte access of MOV R1, R5 needs it in memory (stored before, reloaded after)
    const p = load(`
.mode SIL-32
top:
    ADDINT R0, R0
    ADDINT R0, R0
    MOV R1, R5
    LOOP top
`);
    const c = compileX64(p, { cacheRegisters: true, registerFile: false });
    const text = await formatJitListing(c, p, { runtime: false });
    const mov = text.slice(text.indexOf('MOV R1, R5'), text.indexOf('LOOP'));
    expect(mov).toMatch(/mov dword ptr \[rbx\], r8d[\s\S]*mov byte ptr \[rbx \+ 1\], al[\s\S]*mov r8d, dword ptr \[rbx\]/);
    const adds = text.slice(text.indexOf('ADDINT'), text.indexOf('MOV R1, R5'));
    expect(adds).not.toMatch(/\[rbx/);
  });
  it('rejects an operand its instruction did not declare (the footprint check)', () => {
    const p = load('    MOV R1, R2\n');
    const an = analyzeProgram(p);
    const cache = new RegisterCache(new Assembler('x64'), []);
    const ins = an.insns[0]!;
    cache.before(ins, null);
    expect(() => cache.operand(1, 0)).not.toThrow();
    expect(() => cache.operand(2, 0)).not.toThrow();
    expect(() => cache.operand(3, 0)).toThrow(JitCompileError);
    expect(() => cache.operand(1, 2)).toThrow(/accesses R1 as 4 byte/);
    const buf = new Int32Array(8);
    expect(accesses(ins, null, buf)).toBe(2);
    expect(accesses(analyzeProgram(load('    SHIFTL\n')).insns[0]!, null, buf)).toBe(-1);
  });
  it('compiles every opcode in every MODE with every cacheable value cached (all footprints declared)', () => {
    const code: number[] = [];
    for (const bytes of everyOpcode()) code.push(...bytes);
    const l = checkProgram({ code: Uint8Array.from(code), entry: 0, mode: 4, data: new Uint8Array(0), symbols: [] });
    if (!l.ok) throw new Error('invalid');
    const c = compileX64(l, { allEntries: true, cacheRegisters: true, cacheAll: true });
    expect(c.code.length).toBeGreaterThan(0);
    // and with the whole register file in host registers (every footprint declared there too)
    expect(compileX64(l, { allEntries: true, cacheRegisters: true, registerFile: true }).code.length).toBeGreaterThan(0);
  });
  it('cached code of the loop ends in the interpreter state (budget mid-loop)', () => {
    const regs = Uint8Array.from([0x91, 0x83, 0xa5, 0x77, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 0xf0, 0x21, 0x43, 0x65]);
    for (const maxCycles of [0, 1, 7, 1000, 12345]) {
      const ref = new VspState().reset(initialState(arithmetic.program, { regs, maxCycles }));
      const jit = new VspState().reset(initialState(arithmetic.program, { regs, maxCycles }));
      runInterpreter(prepareProgram(arithmetic), ref);
      const r = sharedUnicornX64Runner();
      r.load(compileX64(arithmetic, { cacheRegisters: true }));
      runCompiled(r, arithmetic, jit);
      expect(canonicalJson(canonicalState(jit))).toBe(canonicalJson(canonicalState(ref)));
    }
  });
});

/** Every opcode with several operand choices (byte sequences of valid instructions; branches to 0). */
function everyOpcode(): number[][] {
  const out: number[][] = [];
  for (const o of VSP_OPCODES) {
    for (const [a, b, imm] of [[0, 8, 0], [15, 1, 3], [9, 9, 255], [4, 12, 128], [1, 4, 7]] as const) {
      switch (o.shape) {
        case '-': out.push([o.code]); break;
        case 'r': out.push(o.size === 2 ? [o.code, a] : [o.code, a, 0]); break;
        case 'rr': out.push([o.code, a | (b << 4), 0]); break;
        case 'ri': out.push([o.code, a, imm]); break;
        case 'rri': out.push([o.code, a | (b << 4), imm]); break;
        case 'i8': out.push([o.code, imm]); break;
        case 'm': out.push(o.size === 2 ? [o.code, a % 5] : [o.code, 0, a % 5]); break;
        case 'a24': out.push([o.code, 0, 0, 0]); break;
        case 'ra16': out.push([o.code, a, imm, 0x12]); break;
        case 'ch': out.push([o.code, imm, 0, 0]); break;
        case 'sys': out.push([o.code, 0x10, 0, 0]); break;
      }
    }
  }
  return out;
}
