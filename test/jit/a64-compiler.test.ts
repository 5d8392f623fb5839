// The arch-neutral compiler's decisions (checked with a recording backend), the A64 backend's exact stops,
// far mode (islands, long branches, the automatic retry), the dispatcher's protocol error, and the listing
// and statistics of compiled code.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Op, VSP_OPCODE_BY_CODE } from '../../spec/vsp/opcodes.js';
import { compileA64 } from '../../src/jit/a64/compile.js';
import type { JitInstruction, ProgramAnalysis } from '../../src/jit/analysis.js';
import type { Backend, BackendOutput, DispatchTarget, LabelAt, ModeGroup } from '../../src/jit/backend.js';
import { compileProgram } from '../../src/jit/compiler.js';
import { JitProtocolError, runCompiled } from '../../src/jit/driver.js';
import { formatJitListing } from '../../src/jit/listing.js';
import { jitStats } from '../../src/jit/stats.js';
import { checkProgram, type LoadedProgram } from '../../src/vsp/container.js';
import { initialState } from '../../src/vsp/engine.js';
import { Flag, RunStatus, S, VspError } from '../../src/vsp/state-layout.js';
import { VspState } from '../../src/vsp/state.js';
import { propertyRuns } from '../support/runs.js';
import { programArb } from '../support/vsp-programs.js';
import { DiffRunner } from './a64-harness.js';
import { loadBytes, loadText as load } from '../support/load-program.js';

/** A backend that records the compiler's calls. */
class RecordingBackend implements Backend<string> {
  readonly arch = 'a64' as const;
  readonly cachesRegisters = false;
  readonly calls: string[] = [];
  private n = 0;
  begin(_a: ProgramAnalysis): void {
    this.calls.push('begin');
  }
  newLabel(): string {
    return `L${this.n++}`;
  }
  startInstruction(ins: JitInstruction, label: string | null): void {
    this.calls.push(`start ${ins.pc}${label ? ' ' + label : ''}`);
  }
  skipInstruction(ins: JitInstruction): void {
    this.calls.push(`skip ${ins.pc}`);
  }
  emitUnreachable(ins: JitInstruction): void {
    this.calls.push(`unreachable ${ins.pc}`);
  }
  emitHostExit(ins: JitInstruction): void {
    this.calls.push(`host ${ins.pc}`);
  }
  emitError(ins: JitInstruction, e: VspError): void {
    this.calls.push(`error ${ins.pc} ${VspError[e]}`);
  }
  emitInstruction(ins: JitInstruction, mode: number | null, labelAt: LabelAt<string>): void {
    this.calls.push(`insn ${ins.pc} ${ins.info.mnemonic}${mode === null ? '' : ' mode ' + mode}${ins.target >= 0 ? ' -> ' + labelAt(ins.target) : ''}`);
  }
  beginModeSwitch(ins: JitInstruction, groups: readonly ModeGroup[]): void {
    this.calls.push(`switch ${ins.pc} ${JSON.stringify(groups)}`);
  }
  modeCase(i: number): void {
    this.calls.push(`case ${i}`);
  }
  endModeSwitch(): void {
    this.calls.push('endswitch');
  }
  emitCollapseCheck(ins: JitInstruction): void {
    this.calls.push(`ccheck ${ins.pc}`);
  }
  emitCodeEnd(len: number, label: string): void {
    this.calls.push(`end ${len} ${label}`);
  }
  finish(dispatch: readonly DispatchTarget<string>[]): BackendOutput {
    this.calls.push(`dispatch ${dispatch.map((d) => `${d.pc}:${d.label}`).join(' ')}`);
    return { code: new Uint8Array(0), entryOffset: 0, insnOffsets: new Int32Array(0), regions: [] };
  }
}

describe('compiler (arch-neutral) decisions', () => {
  it('labels, budget checks, static errors, MODE groups, host exits, C checks and the dispatch set', () => {
    const loaded = load(`
.mode SIL-32
    ADDINT R0, R2        ; MODE proven SIL-32
    ADDINT R14, R0       ; reg_range in SIL-32, statically
    SENSE R1             ; host exit; the next instruction is an entry
back:
    MUL RF, R1           ; can set C
    LSTATE 0xfff1        ; mem_range, statically
    CALL f
    JZ back
f:  SETMODE SIL-8
    ADDINT R0, R1        ; proven SIL-8 when reached from SETMODE, but also from RET? no: f is only called
    RET
`);
    const b = new RecordingBackend();
    compileProgram(loaded, b);
    expect(b.calls).toEqual([
      'begin',
      'start 0 L0',
      'insn 0 ADDINT mode 2',
      'start 3',
      'error 3 reg_range',
      'start 6',
      'host 6',
      'start 8 L1',
      'insn 8 MUL',
      'ccheck 8',
      'start 11',
      'error 11 mem_range',
      'start 15',
      'insn 15 CALL -> L2',
      'start 19 L3',
      'insn 19 JZ -> L1',
      'start 23 L2',
      'insn 23 SETMODE',
      'start 25',
      'insn 25 ADDINT mode 0',
      'start 28',
      'insn 28 RET',
      'end 29 L4',
      'dispatch 0:L0 8:L1 19:L3 29:L4',
    ]);
  });

  it('compiles unreachable instructions as a protocol-error exit (no MODE reaches them)', () => {
    const loaded = load(`
    HLT
    ADDINT R0, R1     ; unreachable
    JMP 0             ; unreachable
`);
    const b = new RecordingBackend();
    compileProgram(loaded, b);
    expect(b.calls).toEqual(['begin', 'start 0 L0', 'insn 0 HLT', 'start 1', 'unreachable 1', 'skip 4', 'end 8 L1', 'dispatch 0:L0 8:L1']);
  });

  it('switches on MODE at run time where the MODE is not proven (every entry with allEntries)', () => {
    const loaded = load(`
    ADDINT R0, R1
    DEMOTE SIL-16
`);
    const b = new RecordingBackend();
    compileProgram(loaded, b, { allEntries: true });
    expect(b.calls).toContain('switch 0 [[0],[1],[2],[3,4]]');
    expect(b.calls).toContain('switch 3 [[2],[3],[4],[0,1]]');
    const proven = new RecordingBackend();
    compileProgram(loaded, proven);
    expect(proven.calls).toContain('insn 0 ADDINT mode 3'); // SIL-128 shares the SIL-64 code
    expect(proven.calls).toContain('insn 3 DEMOTE mode 4');
  });
});

describe('A64 backend: exact stops', () => {
  const d = new DiffRunner();
  const nops = load('    NOP\n'.repeat(10));
  it('a budget that runs out anywhere in a straight-line block stops at that PC with that CYCLES', () => {
    d.setProgram(nops, {});
    for (let k = 0; k <= 11; k++) {
      d.ref.reset(initialState(nops.program, { maxCycles: k }));
      d.runBoth({ k });
      expect([d.jit.pc, d.jit.cycles, d.jit.status]).toEqual([Math.min(k, 10), Math.min(k, 10), k < 10 ? RunStatus.budget : RunStatus.end]);
    }
  });
  it('an initial C runs one instruction (none with budget 0) and ends collapsed, budget or end', () => {
    d.setProgram(nops, {});
    for (const [k, status, pc] of [[0, RunStatus.budget, 0], [1, RunStatus.collapsed, 1], [5, RunStatus.collapsed, 1]] as const) {
      d.ref.reset(initialState(nops.program, { maxCycles: k, flags: Flag.C }));
      d.runBoth({ k });
      expect([d.jit.status, d.jit.pc, d.jit.cycles]).toEqual([status, pc, pc]);
    }
    const last = load('    NOP\n');
    d.setProgram(last, {});
    d.ref.reset(initialState(last.program, { maxCycles: 5, flags: Flag.C }));
    d.runBoth({});
    expect(d.jit.status).toBe(RunStatus.collapsed); // C is checked before PC == code length
    const empty = loadBytes([]);
    d.setProgram(empty, {});
    d.ref.reset(initialState(empty.program, { maxCycles: 5, flags: Flag.C }));
    d.runBoth({});
    expect(d.jit.status).toBe(RunStatus.end);
  });
  it('errors leave the state as before the instruction; flags(RF) setting C stops after it', () => {
    const p = load(`
    MOVI R1, 3
    POP R2
`);
    d.setProgram(p, {});
    d.ref.reset(initialState(p.program, {}));
    d.runBoth({});
    expect([d.jit.status, d.jit.error, d.jit.pc, d.jit.cycles]).toEqual([RunStatus.error, VspError.stack_underflow, 3, 1]);
    const c = load(`
    MOVI RF, -8
    SCALE RF, 0
    NOP
`);
    d.setProgram(c, {});
    d.ref.reset(initialState(c.program, {}));
    d.runBoth({});
    expect([d.jit.status, d.jit.pc, d.jit.cycles]).toEqual([RunStatus.collapsed, 6, 2]);
  });
});

describe('A64 backend: far mode', () => {
  const d = new DiffRunner();
  it('islands every few hundred bytes and long conditional branches give the same results', () => {
    fc.assert(
      fc.property(programArb(undefined, 50), fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.integer({ min: 0, max: 400 }), ({ code, entry, mode }, regs, maxCycles) => {
        const loaded = checkProgram({ code, entry, mode, data: new Uint8Array(0), symbols: [] });
        if (!loaded.ok) throw new Error('invalid');
        d.setProgram(loaded, { far: true, islandSpacing: 256 });
        d.ref.reset(initialState(loaded.program, { regs, maxCycles }));
        d.runBoth({ regs, maxCycles });
      }),
      { numRuns: propertyRuns(150) },
    );
  });
  it('a program past +-1 MiB of code is recompiled in far mode and runs', () => {
    // JZ over 40,000 MUL instructions to a HLT, then back with LOOP: branches far beyond +-1 MiB
    const body: number[] = [];
    for (let i = 0; i < 40000; i++) body.push(Op.MUL, 0x21, 0);
    const end = 4 + body.length;
    const code = [Op.JZ, end & 255, (end >> 8) & 255, end >> 16, ...body, Op.LOOP, 0, 0, 0, Op.HLT];
    const loaded = loadBytes(code);
    d.setProgram(loaded, {});
    expect(d.compiled.code.length).toBeGreaterThan(1 << 20);
    for (const flags of [0, Flag.Z]) {
      for (const maxCycles of [3, 40_005, 100_000]) {
        d.ref.reset(initialState(loaded.program, { flags, maxCycles, regs: Uint8Array.from([0x81, 0x92, ...new Array(10).fill(0), 0x90, 0, 0, 0]) }));
        d.runBoth({ flags, maxCycles });
      }
    }
  });
  it('rejects a bad island spacing', () => {
    expect(() => compileA64(nopsProgram(), { far: true, islandSpacing: 3 })).toThrow(RangeError);
  });
});

function nopsProgram(): LoadedProgram {
  return loadBytes([0, 0, 0]);
}

describe('A64 backend: dispatcher', () => {
  it('a PC with no code (not an entry, return point or the end) is a protocol error, not a run', () => {
    const loaded = loadBytes([Op.NOP, Op.NOP, Op.HLT]);
    const d = new DiffRunner().setProgram(loaded, {});
    const st = new VspState().reset(initialState(loaded.program, {}));
    st.pc = 1;
    d.runner.load(d.compiled);
    expect(() => runCompiled(d.runner, loaded, st)).toThrow(JitProtocolError);
  });
});

describe('register cache (cacheRegisters)', () => {
  it('keeps a register byte read once in a host register for the following instructions, until a label', async () => {
    const loaded = load(`
    MOV R1, R2
    ADD R3, R2
    XORL R4, R2
top:
    MUL R5, R2
    JZ top
`);
    const plain = await formatJitListing(compileA64(loaded), loaded, { runtime: false });
    const cached = await formatJitListing(compileA64(loaded, { cacheRegisters: true }), loaded, { runtime: false });
    const loadsOfR2 = (t: string): number => t.split('\n').filter((l) => /ldrb w\d+, \[x19, #2\]/.test(l)).length;
    expect(loadsOfR2(plain)).toBe(4);
    expect(loadsOfR2(cached)).toBe(2); // once before the label, once after it
  });
  it('compiles SHIFTL, ROTATL, FOLD, SPREAD, LSTATE and SSTATE with NEON', async () => {
    const loaded = load(`
    SHIFTL
    ROTATL
    FOLD
    SPREAD R5
    LSTATE 0x100
    SSTATE 0x200
`);
    const t = await formatJitListing(compileA64(loaded, { cacheRegisters: true }), loaded, { runtime: false });
    expect(t.match(/ext v0.16b/g)?.length).toBe(2);
    expect(t).toMatch(/dup v0.8b, w9/);
    expect(t.match(/ldr q0/g)?.length).toBe(5);
  });
});

describe('listing and statistics', () => {
  const loaded = load(`
.mode SIL-64
    MOVI R1, 3
top:
    ADDINT R0, R8
    SENSE R2
    LOOP top
    HLT
`);
  const c = compileA64(loaded);
  it('lists every VSP instruction in order with the machine code compiled for it', async () => {
    const text = await formatJitListing(c, loaded, { address: 0x4000_0000n });
    const vspLines = text.split('\n').filter((l) => /^; [0-9a-f]{6} {2}/.test(l));
    expect(vspLines.map((l) => l.slice(10).split('   (')[0])).toEqual(['MOVI R1, 3', 'L_000003: ADDINT R0, R8', 'SENSE R2', 'LOOP L_000003', 'HLT', '(end of code)']);
    expect(text).toMatch(/; ---- prologue\n.*stp x29, x30, \[sp, #-0x70\]!/);
    expect(text).toMatch(/ADDINT R0, R8[^\n]*\n(.*\n)*.*ldur x9, \[x19\]/);
    // every code byte is listed once: 4 bytes per A64 line
    const lines = text.split('\n').filter((l) => /^ {4}[0-9a-f]{8} {2}/.test(l));
    expect(lines.length * 4).toBe(c.code.length);
  });
  it('counts instructions and bytes per opcode from the code ranges', () => {
    const s = jitStats(c);
    expect(s.vspInstructions).toBe(5);
    expect(s.perOpcode.reduce((n, o) => n + o.count, 0)).toBe(5);
    expect(s.perOpcode.reduce((n, o) => n + o.bytes, 0)).toBe(s.instructionBytes);
    expect(s.instructionBytes + s.runtimeBytes).toBe(c.code.length);
    expect(s.modeSwitches).toBe(0);
    expect(s.entries).toBe(3); // the entry, after SENSE, the code length
    const all = jitStats(compileA64(loaded, { allEntries: true }));
    expect(all.modeSwitches).toBe(1);
    expect(VSP_OPCODE_BY_CODE[Op.ADDINT]!.mnemonic).toBe('ADDINT');
  });
  it('keeps HOST_PC of the last host exit', () => {
    const d = new DiffRunner().setProgram(loaded, {});
    d.ref.reset(initialState(loaded.program, { maxCycles: 4, input: Uint8Array.of(7) }));
    d.runBoth({});
    expect(d.jit.view.getUint32(S.HOST_PC, true)).toBe(6);
  });
});
