// The x86-64 register file (cacheRegisters with registerFile, src/jit/x64/register-file.ts): which programs
// get it, that a loop mixing ByteSil and SIL-128 integer accesses to the same bytes then never touches VSP
// register memory, that its footprint check holds, and that such a loop ends in the interpreter's state for
// budgets ending anywhere in it. (Per-opcode and whole-program properties: x64-ops-*, native-ops-*,
// x64-programs, native-programs.)
import { describe, expect, it } from 'vitest';
import { Assembler } from '../../dsl/assembler.js';
import { analyzeProgram } from '../../src/jit/analysis.js';
import { JitCompileError } from '../../src/jit/backend.js';
import { runCompiled } from '../../src/jit/driver.js';
import { sharedUnicornX64Runner } from '../../src/jit/unicorn-x64-engine.js';
import { prefersRegisterFile } from '../../src/jit/x64/cache.js';
import { compileX64 } from '../../src/jit/x64/compile.js';
import { RegisterFile } from '../../src/jit/x64/register-file.js';
import { canonicalJson, canonicalState } from '../../src/vsp/canonical.js';
import { initialState } from '../../src/vsp/engine.js';
import { prepareProgram, runInterpreter } from '../../src/vsp/interpreter.js';
import { VspState } from '../../src/vsp/state.js';
import { listingBody } from '../support/listing-body.js';
import { loadText as load } from '../support/load-program.js';

// ByteSil R1, R2, R3, R5, R6 inside the SIL-128 integers at R0 (R0..R7) and R4 (R4..RB)
const mixed = load(`
.mode SIL-128
top:
    ADD R1, R2
    MUL R3, R2
    ADDINT R0, R4
    XORL R5, R6
    CMPINT R0, R4
    LOOP top
    MOVI RC, 7
    JMP top
`);

const arithmetic = load(`
.mode SIL-32
top:
    ADDINT R0, R4
    SUBINT R4, R8
    MULINT R0, R8
    LOOP top
    MOVI RC, 7
    JMP top
`);

const layer = load(`
.mode SIL-128
top:
    XORL R1, R2
    ANDL R3, R4
    NOTL R7
    LOOP top
    JMP top
`);


describe('x64 register file', () => {
  it('is chosen for programs that access the same bytes at several widths, units otherwise', () => {
    expect(prefersRegisterFile(analyzeProgram(mixed))).toBe(true);
    expect(prefersRegisterFile(analyzeProgram(arithmetic))).toBe(false);
    expect(prefersRegisterFile(analyzeProgram(layer))).toBe(false);
  });
  it('a loop mixing ByteSil and SIL-128 accesses does not touch VSP register memory; with units it does', async () => {
    const regMem = (l: string): boolean => /\[rbx( \+ (0x)?[0-9a-f]\b)?\]/.test(l);
    const file = await listingBody(compileX64(mixed, { cacheRegisters: true }), mixed);
    const units = await listingBody(compileX64(mixed, { cacheRegisters: true, registerFile: false }), mixed);
    expect(file.filter(regMem)).toEqual([]);
    expect(units.filter(regMem).length).toBeGreaterThanOrEqual(8);
  });
  it('rejects an operand its instruction did not declare (the footprint check)', () => {
    const an = analyzeProgram(load('.mode SIL-128\n    ADDINT R0, R4\n    MOV R1, R2\n'));
    const file = new RegisterFile(new Assembler('x64'));
    file.before(an.insns[0]!, 3);
    expect(() => file.operand(0, 3)).not.toThrow();
    expect(() => file.operand(4, 3)).not.toThrow();
    expect(() => file.operand(0, 2)).toThrow(/accesses R0 as 4 byte/);
    file.after();
    file.before(an.insns[1]!, null);
    expect(() => file.operand(1, 0)).not.toThrow();
    expect(() => file.operand(3, 0)).toThrow(JitCompileError);
  });
  it('the loop ends in the interpreter state for budgets ending anywhere in it (Unicorn)', () => {
    const regs = Uint8Array.from([0x91, 0x83, 0xa5, 0x77, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 0xf0, 0x21, 0x43, 0x65]);
    const r = sharedUnicornX64Runner();
    r.load(compileX64(mixed, { cacheRegisters: true }));
    const prep = prepareProgram(mixed);
    for (let maxCycles = 0; maxCycles <= 40; maxCycles++) {
      const ref = new VspState().reset(initialState(mixed.program, { regs, maxCycles: maxCycles * 7 }));
      runInterpreter(prep, ref);
      const got = new VspState().reset(initialState(mixed.program, { regs, maxCycles: maxCycles * 7 }));
      runCompiled(r, mixed, got);
      expect(canonicalJson(canonicalState(got))).toBe(canonicalJson(canonicalState(ref)));
    }
  });
});
