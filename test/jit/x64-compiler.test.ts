// The x86-64 backend beyond single opcodes: exact stops (budgets anywhere in a block, an initial C, errors),
// programs whose code is far larger than the short branch range (relaxation keeps long jumps long), the
// dispatcher's protocol error, the listing (Capstone) and statistics, the instruction-set baseline of spec 12
// (every mnemonic the backend emits, for every opcode in every MODE, is checked against an allowlist of
// x86-64 + SSE..SSE4.1 + CMOV instructions: no AVX, F16C, BMI, LZCNT, POPCNT), and the System V contract in
// Unicorn (callee-saved registers and the caller's MXCSR restored, results independent of the caller's MXCSR).
import { describe, expect, it } from 'vitest';
import { disassemble } from '../../emulation/capstone.js';
import { Op, VSP_OPCODES } from '../../spec/vsp/opcodes.js';
import type { CompiledProgram } from '../../src/jit/compiler.js';
import { EXIT_STOPPED, EXIT_TAIL, JitProtocolError, runCompiled } from '../../src/jit/driver.js';
import { formatJitListing } from '../../src/jit/listing.js';
import { jitStats } from '../../src/jit/stats.js';
import { sharedUnicornX64Runner } from '../../src/jit/unicorn-x64-engine.js';
import { compileX64, type X64CompileOptions } from '../../src/jit/x64/compile.js';
import { canonicalJson, canonicalState } from '../../src/vsp/canonical.js';
import type { LoadedProgram } from '../../src/vsp/container.js';
import { initialState, type RunOptions } from '../../src/vsp/engine.js';
import { prepareProgram, runInterpreter } from '../../src/vsp/interpreter.js';
import { Flag, RunStatus, S, VspError } from '../../src/vsp/state-layout.js';
import { VspState } from '../../src/vsp/state.js';
import { loadBytes, loadText as load } from '../support/load-program.js';

const runner = sharedUnicornX64Runner();

/** Runs `loaded` from `options` on the interpreter and on the x64 code in Unicorn; both final states. */
function runBoth(loaded: LoadedProgram, options: RunOptions, compiled: CompiledProgram = compileX64(loaded)): { ref: VspState; jit: VspState } {
  const ref = new VspState().reset(initialState(loaded.program, options));
  const jit = new VspState().reset(initialState(loaded.program, options));
  runInterpreter(prepareProgram(loaded), ref);
  runner.load(compiled);
  runCompiled(runner, loaded, jit);
  expect(canonicalJson(canonicalState(jit))).toBe(canonicalJson(canonicalState(ref)));
  // the whole block below the output stream, STATUS/ERROR and HOST_PC included
  expect(Buffer.compare(jit.bytes.subarray(0, S.OUT), ref.bytes.subarray(0, S.OUT))).toBe(0);
  return { ref, jit };
}

describe('x64 backend: exact stops', () => {
  const nops = load('    NOP\n'.repeat(10));
  it('a budget that runs out anywhere in a straight-line block stops at that PC with that CYCLES', () => {
    for (let k = 0; k <= 11; k++) {
      const { jit } = runBoth(nops, { maxCycles: k });
      expect([jit.pc, jit.cycles, jit.status]).toEqual([Math.min(k, 10), Math.min(k, 10), k < 10 ? RunStatus.budget : RunStatus.end]);
    }
  });
  it('pays for a straight-line block with one budget check and hands a budget ending inside it to the interpreter', async () => {
    const c = compileX64(nops);
    const listing = await formatJitListing(c, nops, { runtime: false });
    expect(listing.match(/sub r13, /g)).toEqual(['sub r13, ']);
    expect(listing).toMatch(/sub r13, 0xa\n/);
    runner.load(c);
    const st = new VspState().reset(initialState(nops.program, { maxCycles: 7 }));
    expect(runner.enter(st)).toBe(EXIT_TAIL);
    expect([st.pc, st.cycles]).toEqual([0, 0]);
  });
  it('an initial C runs one instruction (none with budget 0) and ends collapsed, budget or end', () => {
    for (const [k, status, pc] of [[0, RunStatus.budget, 0], [1, RunStatus.collapsed, 1], [5, RunStatus.collapsed, 1]] as const) {
      const { jit } = runBoth(nops, { maxCycles: k, flags: Flag.C });
      expect([jit.status, jit.pc, jit.cycles]).toEqual([status, pc, pc]);
    }
    expect(runBoth(load('    NOP\n'), { maxCycles: 5, flags: Flag.C }).jit.status).toBe(RunStatus.collapsed);
    expect(runBoth(loadBytes([]), { maxCycles: 5, flags: Flag.C }).jit.status).toBe(RunStatus.end);
  });
  it('errors leave the state as before the instruction; flags(RF) setting C stops after it', () => {
    const e = runBoth(load('    MOVI R1, 3\n    POP R2\n'), {}).jit;
    expect([e.status, e.error, e.pc, e.cycles]).toEqual([RunStatus.error, VspError.stack_underflow, 3, 1]);
    const c = runBoth(load('    MOVI RF, -8\n    SCALE RF, 0\n    NOP\n'), {}).jit;
    expect([c.status, c.pc, c.cycles]).toEqual([RunStatus.collapsed, 6, 2]);
  });
  it('a budget past 2^32 instructions and CYCLES near 2^53 are kept exactly (64-bit counter)', () => {
    const p = load('    NOP\n    HLT\n');
    const ref = new VspState().reset(initialState(p.program, {}));
    ref.cycles = 2 ** 53 - 5;
    ref.budget = 2 ** 53 - 4;
    const jit = new VspState();
    jit.bytes.set(ref.bytes);
    runInterpreter(prepareProgram(p), ref);
    runner.load(compileX64(p));
    runCompiled(runner, p, jit);
    expect([jit.status, jit.cycles, jit.pc]).toEqual([RunStatus.budget, 2 ** 53 - 4, 1]);
    expect(canonicalJson(canonicalState(jit))).toBe(canonicalJson(canonicalState(ref)));
  });
});

describe('x64 backend: large programs', () => {
  it('JZ over 40,000 MUL instructions (about 1 MiB of code) and back with LOOP: long jumps stay long', () => {
    const body: number[] = [];
    for (let i = 0; i < 40000; i++) body.push(Op.MUL, 0x21, 0);
    const end = 4 + body.length;
    const loaded = loadBytes([Op.JZ, end & 255, (end >> 8) & 255, end >> 16, ...body, Op.LOOP, 0, 0, 0, Op.HLT]);
    const c = compileX64(loaded);
    expect(c.code.length).toBeGreaterThan(1 << 20);
    for (const flags of [0, Flag.Z]) {
      for (const maxCycles of [3, 40_005, 100_000]) {
        runBoth(loaded, { flags, maxCycles, regs: Uint8Array.from([0x81, 0x92, ...new Array(10).fill(0), 0x90, 0, 0, 0]) }, c);
      }
    }
  });
});

describe('x64 backend: dispatcher', () => {
  it('a PC with no code (not an entry, return point or the end) is a protocol error, not a run', () => {
    const loaded = loadBytes([Op.NOP, Op.NOP, Op.HLT]);
    const st = new VspState().reset(initialState(loaded.program, {}));
    st.pc = 1;
    runner.load(compileX64(loaded));
    expect(() => runCompiled(runner, loaded, st)).toThrow(JitProtocolError);
  });
  it('RET dispatches to every return point of many CALLs (binary search in code)', () => {
    // 300 CALL/RET pairs: every return point is a dispatch target
    const code: number[] = [];
    const n = 300;
    const sub = 4 * n + 1; // after the CALLs and a HLT
    for (let i = 0; i < n; i++) code.push(Op.CALL, sub & 255, (sub >> 8) & 255, 0);
    code.push(Op.HLT, Op.NOP, Op.RET);
    const loaded = loadBytes(code);
    const { jit } = runBoth(loaded, {});
    expect([jit.status, jit.cycles]).toEqual([RunStatus.halted, 3 * n + 1]);
  });
});

describe('x64 listing and statistics', () => {
  const loaded = load(`
.mode SIL-64
    MOVI R1, 3
top:
    ADDINT R0, R8
    SENSE R2
    LOOP top
    HLT
`);
  const c = compileX64(loaded);
  it('lists every VSP instruction in order with the machine code compiled for it', async () => {
    const text = await formatJitListing(c, loaded, { address: 0x4000_0000n });
    const vspLines = text.split('\n').filter((l) => /^; [0-9a-f]{6} {2}/.test(l));
    expect(vspLines.map((l) => l.slice(10).split('   (')[0])).toEqual(['MOVI R1, 3', 'L_000003: ADDINT R0, R8', 'SENSE R2', 'LOOP L_000003', 'HLT', '(end of code)']);
    expect(text).toMatch(/; ---- prologue\n.*push rbx/);
    expect(text).toMatch(/ADDINT R0, R8[^\n]*\n(.*\n)*.*add rax, qword ptr \[rbx \+ 8\]/);
    expect(text).toMatch(/; ---- exit stubs/);
    // every code byte is listed once
    const bytes = text
      .split('\n')
      .map((l) => /^ {4}[0-9a-f]{8} {2}((?:[0-9a-f]{2} )+)/.exec(l))
      .reduce((n, m) => n + (m ? m[1]!.length / 3 : 0), 0);
    expect(bytes).toBe(c.code.length);
  });
  it('counts instructions and bytes per opcode from the code ranges', () => {
    const s = jitStats(c);
    expect(s.arch).toBe('x64');
    expect(s.vspInstructions).toBe(5);
    expect(s.perOpcode.reduce((n, o) => n + o.count, 0)).toBe(5);
    expect(s.perOpcode.reduce((n, o) => n + o.bytes, 0)).toBe(s.instructionBytes);
    expect(s.instructionBytes + s.runtimeBytes).toBe(c.code.length);
    expect(s.entries).toBe(3); // the entry, after SENSE, the code length
  });
  it('keeps HOST_PC of the last host exit', () => {
    const { jit } = runBoth(loaded, { maxCycles: 4, input: Uint8Array.of(7) });
    expect(jit.view.getUint32(S.HOST_PC, true)).toBe(6);
  });
});

/**
 * Every mnemonic the backend may emit: x86-64 integer instructions, CMOV, and SSE, SSE2 and SSE4.1 scalar/
 * integer instructions (spec 12's baseline). Anything else (a VEX/AVX form, F16C, BMI1/2, LZCNT, POPCNT,
 * SSE4.2) fails the test.
 */
const BASELINE = new Set([
  // integer
  'add', 'sub', 'and', 'or', 'xor', 'cmp', 'test', 'not', 'neg', 'inc', 'dec', 'imul', 'div', 'idiv', 'cdq', 'cqo',
  'shl', 'shr', 'sar', 'shld', 'rol', 'ror', 'btr', 'btc', 'lea', 'mov', 'movabs', 'movzx', 'movsx', 'movsxd', 'sbb', 'push', 'pop',
  'jmp', 'call', 'ret', 'sete', 'setl', 'setb', 'setnp', 'cmova', 'cmovae', 'cmovg', 'cmovl', 'cmovs', 'cmovne', 'cmovp',
  'je', 'jne', 'jb', 'jbe', 'jae', 'ja', 'jp', 'js', 'nop',
  // SSE / SSE2
  'movd', 'movq', 'movss', 'movsd', 'movdqu', 'addss', 'subss', 'mulss', 'divss', 'sqrtss', 'addsd', 'subsd', 'mulsd', 'divsd',
  'sqrtsd', 'ucomiss', 'ucomisd', 'cvtss2sd', 'cvtsi2ss', 'cvtsi2sd', 'cvttss2si', 'cvttsd2si', 'cvtsd2si', 'xorps', 'xorpd',
  'maxss', 'minss', 'ldmxcsr', 'stmxcsr',
  // SSE4.1
  'roundss', 'roundsd',
]);

describe('x64 instruction-set baseline (spec 12: up to SSE4.1 with CMOV; no AVX, F16C, BMI, LZCNT, POPCNT)', () => {
  it('every mnemonic emitted for every opcode in every MODE is in the baseline allowlist', async () => {
    // every opcode with several operand choices, compiled with every instruction an entry (all MODEs)
    const code: number[] = [];
    for (const o of VSP_OPCODES) {
      for (const [a, b, imm] of [[0, 8, 0], [15, 1, 3], [9, 9, 255], [4, 12, 128]] as const) {
        switch (o.shape) {
          case '-': code.push(o.code); break;
          case 'r': code.push(...(o.size === 2 ? [o.code, a] : [o.code, a, 0])); break;
          case 'rr': code.push(o.code, a | (b << 4), 0); break;
          case 'ri': code.push(o.code, a, imm); break;
          case 'rri': code.push(o.code, a | (b << 4), imm); break;
          case 'i8': code.push(o.code, imm); break;
          case 'm': code.push(...(o.size === 2 ? [o.code, a % 5] : [o.code, 0, a % 5])); break;
          case 'a24': code.push(o.code, 0, 0, 0); break;
          case 'ra16': code.push(o.code, a, imm, 0x12); break;
          case 'ch': code.push(o.code, imm, 0, 0); break;
          case 'sys': code.push(o.code, 0x10, 0, 0); break;
        }
      }
    }
    const loaded = loadBytes(code);
    const c = compileX64(loaded, { allEntries: true } as X64CompileOptions);
    const insns = await disassemble('x64', c.code);
    const used = new Set(insns.map((i) => i.mnemonic));
    const outside = [...used].filter((m) => !BASELINE.has(m));
    expect(outside).toEqual([]);
    // the register cache's homes and the register file (slots, rotations, write-backs) keep to it too
    for (const options of [{ cacheRegisters: true, cacheAll: true }, { cacheRegisters: true, registerFile: true }]) {
      const cached = await disassemble('x64', compileX64(loaded, { allEntries: true, ...options }).code);
      expect([...new Set(cached.map((i) => i.mnemonic))].filter((m) => !BASELINE.has(m))).toEqual([]);
    }
    // the forms spec 12 singles out are really in use (so the allowlist is not vacuous)
    for (const m of ['idiv', 'cvttsd2si', 'roundsd', 'ldmxcsr', 'stmxcsr', 'ucomisd', 'cmovp']) expect(used).toContain(m);
    expect(insns.reduce((n, i) => n + i.size, 0)).toBe(c.code.length);
  });
});

describe('System V contract in Unicorn', () => {
  // Float operations whose result depends on the rounding mode and on subnormals: under a caller MXCSR with
  // round-toward-zero, FTZ and DAZ (0xffc0) the compiled code must still compute as MXCSR 0x1f80 says.
  const loaded = load(`
.mode SIL-64
    ADDFLOAT R0, R8
    DIVFLOAT R0, R8
    SETMODE SIL-32
    MULFLOAT R8, R12
    SQRTFLOAT R12
    HLT
`);
  const regs = Uint8Array.from([
    ...[0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0xf5, 0x3f], // 1.333...
    ...[0x01, 0, 0, 0], // binary64 low half / binary32 subnormal
    ...[0x01, 0x00, 0x80, 0x00], // binary32 just above the smallest normal
  ]);
  it('restores rbx, rbp, r12..r15 and the caller MXCSR, and ignores the caller MXCSR while running', () => {
    const compiled = compileX64(loaded);
    const ref = new VspState().reset(initialState(loaded.program, { regs }));
    runInterpreter(prepareProgram(loaded), ref);
    const e = runner.engine;
    const saved = { rbx: 0x1111111111111111n, rbp: 0x2222222222222222n, r12: 0x3333333333333333n, r13: 0x4444444444444444n, r14: 0x5555555555555555n, r15: 0x6666666666666666n };
    for (const mxcsr of [0xffc0n, 0x1f80n, 0x3f80n]) {
      const jit = new VspState().reset(initialState(loaded.program, { regs }));
      for (const [r, v] of Object.entries(saved)) e.writeReg(r as 'rbx', v);
      e.writeReg('mxcsr', mxcsr);
      runner.load(compiled);
      expect(runner.enter(jit)).toBe(EXIT_STOPPED);
      for (const [r, v] of Object.entries(saved)) expect(e.readReg(r as 'rbx')).toBe(v);
      expect(e.readReg('mxcsr')).toBe(mxcsr);
      expect(canonicalJson(canonicalState(jit))).toBe(canonicalJson(canonicalState(ref)));
    }
  });
});
