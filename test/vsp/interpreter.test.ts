// The run loop (spec 3.3, 3.4, 5) and the non-arithmetic opcodes (4.1, 4.2, 4.5-4.10), each checked against
// the spec's text: statuses, PC/CYCLES rules, errors that leave the state as before, and per-opcode results
// computed here from the formulas.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MEASURE } from '../../spec/vsp/sil8-tables.js';
import { Op } from '../../spec/vsp/opcodes.js';
import { Flag, Mode, RunStatus, S, VspError } from '../../src/vsp/state-layout.js';
import { packagePath } from '../../src/paths.js';
import { propertyRuns } from '../support/runs.js';
import { byteOf, code, enc, Exec1, mod, regsHex, rho, run, sat, theta } from './helpers.js';

const bxor = (a: number, b: number): number => byteOf(((((rho(a) & 15) ^ (rho(b) & 15)) << 28) >> 28), theta(a) ^ theta(b));
const mulB = (a: number, b: number): number => byteOf(sat(rho(a) + rho(b)), mod(theta(a) + theta(b), 16));

describe('run loop (spec 3.3)', () => {
  it('empty code: end at PC 0 after 0 cycles', () => {
    const st = run(new Uint8Array(0));
    expect([st.status, st.pc, st.cycles]).toEqual([RunStatus.end, 0, 0]);
  });
  it('falling off the end: end, PC = code length', () => {
    const st = run(code(enc('NOP'), enc('MOVI', 1, 3)));
    expect([st.status, st.pc, st.cycles]).toEqual([RunStatus.end, 4, 2]);
    expect(st.bytes[1]).toBe(byteOf(3, 0));
  });
  it('budget ends mid-block at the exact PC and CYCLES; budget 0 runs nothing', () => {
    const prog = code(enc('NOP'), enc('MOVI', 1, 3), enc('PUSH', 1), enc('NOP'), enc('HLT'));
    for (let b = 0; b <= 4; b++) {
      const st = run(prog, { budget: b });
      const pcs = [0, 1, 4, 6, 7];
      expect([st.status, st.pc, st.cycles]).toEqual([RunStatus.budget, pcs[b], b]);
    }
    const st = run(prog, { budget: 5 });
    expect([st.status, st.pc, st.cycles]).toEqual([RunStatus.halted, 8, 5]);
    // PC == code length is checked before the budget
    expect(run(code(enc('NOP')), { budget: 1 }).status).toBe(RunStatus.end);
  });
  it('HLT: H set, halted, PC after it', () => {
    const st = run(code(enc('NOP'), enc('HLT'), enc('NOP')));
    expect([st.status, st.pc, st.cycles, st.flags]).toEqual([RunStatus.halted, 2, 2, Flag.H]);
  });
  it('RET with no frame: returned (13.5), PC after it', () => {
    const st = run(code(enc('NOP'), enc('RET'), enc('NOP')));
    expect([st.status, st.pc, st.cycles]).toEqual([RunStatus.returned, 2, 2]);
  });
  it('CALL and RET: frames (return address, saved FP), FP = SP', () => {
    // 0: PUSH R0; 2: CALL 10; 6: HLT ... 10: PUSH R1; 12: RET
    const p = code(enc('PUSH', 0), enc('CALL', 10), enc('HLT'), enc('NOP'), enc('NOP'), enc('NOP'), enc('PUSH', 1), enc('RET'));
    const mid = run(p, { budget: 3 }); // PUSH, CALL, PUSH, (RET not yet)
    expect([mid.pc, mid.sp, mid.fp, mid.callDepth]).toEqual([12, 2, 1, 1]);
    expect([mid.view.getUint32(S.CALL_STACK, true), mid.view.getUint32(S.CALL_STACK + 4, true)]).toEqual([6, 0]);
    const st = run(p);
    expect([st.status, st.pc, st.cycles, st.fp, st.callDepth, st.sp]).toEqual([RunStatus.halted, 7, 5, 0, 0, 2]);
  });
  it('a CALL that is the last instruction returns to the code length: end', () => {
    // 0: JMP 5; 4: RET; 5: CALL 4 (code length 9)
    const st = run(code(enc('JMP', 5), enc('RET'), enc('CALL', 4)));
    expect([st.status, st.pc, st.cycles, st.callDepth]).toEqual([RunStatus.end, 9, 3, 0]);
  });
  it('C set by flags(RF) stops the run after that instruction: collapsed', () => {
    const st = run(code(enc('MUL', 15, 1), enc('NOP')), { regs: [0, 0x10, ...new Array(13).fill(0), 0x20] });
    expect([st.status, st.pc, st.cycles]).toEqual([RunStatus.collapsed, 3, 1]);
    expect(st.flags).toBe(Flag.C | Flag.Z | Flag.N | Flag.O);
    // C has priority over end: the collapsing instruction is the last one
    expect(run(code(enc('COLLAPSE', 0))).status).toBe(RunStatus.collapsed);
  });
  it('flags(Ra) on a register other than RF never sets C', () => {
    const st = run(code(enc('MUL', 14, 1), enc('HLT')));
    expect([st.status, st.flags & Flag.C]).toEqual([RunStatus.halted, 0]);
  });
  it('an initial C runs at most one instruction (spec 5); JC can only fire then', () => {
    const st = run(code(enc('NOP'), enc('NOP')), { flags: Flag.C });
    expect([st.status, st.pc, st.cycles]).toEqual([RunStatus.collapsed, 1, 1]);
    const jc = run(code(enc('JC', 5), enc('NOP'), enc('NOP')), { flags: Flag.C });
    expect([jc.status, jc.pc, jc.cycles]).toEqual([RunStatus.collapsed, 5, 1]);
    const h = run(code(enc('HLT')), { flags: Flag.C });
    expect([h.status, h.flags]).toEqual([RunStatus.halted, Flag.C | Flag.H]);
    expect(run(code(enc('RET')), { flags: Flag.C }).status).toBe(RunStatus.returned);
    expect(run(code(enc('NOP')), { flags: Flag.C, budget: 0 }).status).toBe(RunStatus.budget);
    expect(run(new Uint8Array(0), { flags: Flag.C }).status).toBe(RunStatus.end);
    const err = run(code(enc('POP', 0)), { flags: Flag.C });
    expect([err.status, err.error, err.cycles]).toEqual([RunStatus.error, VspError.stack_underflow, 0]);
    // without C, JC falls through
    expect(run(code(enc('JC', 5), enc('HLT'), enc('NOP'))).pc).toBe(5);
  });
  it('the entry point is where execution starts', () => {
    const st = run(code(enc('MOVI', 0, 1), enc('MOVI', 1, 2)), { entry: 3 });
    expect([st.pc, st.cycles, st.bytes[0], st.bytes[1]]).toEqual([6, 1, 0, byteOf(2, 0)]);
  });
});

describe('run-time errors (spec 3.4): raised before anything changes, PC at the instruction', () => {
  const cases: [string, Uint8Array, VspError, number, number][] = [
    // [name, program, error, pc, cycles]
    ['stack_overflow', code(enc('PUSH', 3), enc('JMP', 0)), VspError.stack_overflow, 0, 512],
    ['stack_underflow', code(enc('NOP'), enc('POP', 3)), VspError.stack_underflow, 1, 1],
    ['call_overflow', code(enc('NOP'), enc('CALL', 1)), VspError.call_overflow, 1, 257],
    ['mem_range LSTATE', code(enc('LSTATE', 0xfff1)), VspError.mem_range, 0, 0],
    ['mem_range SSTATE', code(enc('NOP'), enc('SSTATE', 0xffffff)), VspError.mem_range, 1, 1],
    ['reg_range', code(enc('SETMODE', Mode.SIL32), enc('ADDINT', 13, 0)), VspError.reg_range, 2, 1],
  ];
  for (const [name, prog, e, pc, cycles] of cases) {
    it(name, () => {
      const st = run(prog, { regs: Array.from({ length: 16 }, (_, i) => 0x90 + i), flags: Flag.O });
      expect([st.status, st.error, st.pc, st.cycles]).toEqual([RunStatus.error, e, pc, cycles]);
      // the same run stopped by the budget just before the failing instruction has the same block
      const before = run(prog, { regs: Array.from({ length: 16 }, (_, i) => 0x90 + i), flags: Flag.O, budget: cycles });
      expect(before.status).toBe(RunStatus.budget);
      const a = Uint8Array.from(st.bytes);
      const b = Uint8Array.from(before.bytes);
      a[S.STATUS] = b[S.STATUS] = 0;
      a[S.ERROR] = b[S.ERROR] = 0;
      a.fill(0, S.BUDGET, S.BUDGET + 8);
      b.fill(0, S.BUDGET, S.BUDGET + 8);
      expect(Buffer.compare(a, b)).toBe(0);
    });
  }
  it('LSTATE/SSTATE at 0xFFF0 are in range (the last 16 bytes)', () => {
    const data = new Uint8Array(0x10000);
    for (let i = 0; i < 16; i++) data[0xfff0 + i] = 0x80 + i;
    const st = run(code(enc('LSTATE', 0xfff0), enc('MOVI', 0, 7), enc('SSTATE', 0xfff0)), { data });
    expect(regsHex(st)).toBe('f0' + '8182838485868788898a8b8c8d8e8f');
    expect(st.bytes[S.DATA + 0xfff0]).toBe(0xf0);
  });
});

describe('control (spec 4.1)', () => {
  it('conditional jumps test only their flag', () => {
    for (const [m, f] of [['JZ', Flag.Z], ['JN', Flag.N], ['JO', Flag.O]] as const) {
      const prog = code(enc(m, 5), enc('HLT'), enc('HLT'));
      expect(run(prog, { flags: f }).pc).toBe(6);
      expect(run(prog, { flags: (Flag.Z | Flag.N | Flag.O | Flag.M) & ~f }).pc).toBe(5);
    }
  });
  it('LOOP: while rho(RC) > -8, RC = byte(rho - 1, theta) and jump', () => {
    // 0: ADD R1, R2 ... LOOP 0: RC starts at rho 2 theta 5: three iterations
    const regs = new Array(16).fill(0);
    regs[12] = byteOf(2, 5);
    regs[1] = 0x80;
    regs[2] = 0x80;
    const prog = code(enc('MOVI', 3, 1), enc('ADDINT', 0, 0), enc('LOOP', 3), enc('HLT'));
    const st = run(prog, { regs, mode: Mode.SIL8 });
    expect(st.bytes[12]).toBe(byteOf(-8, 5));
    expect(st.cycles).toBe(1 + 11 * 2 + 1); // MOVI, 11 x (ADDINT, LOOP): 10 taken, the 11th falls through; HLT
  });
  it('LOOP with RC null falls through and leaves RC', () => {
    const st = run(code(enc('LOOP', 0), enc('HLT')), { regs: [...new Array(12).fill(0), 0x0b, 0, 0, 0] });
    expect([st.pc, st.bytes[12]]).toEqual([5, 0x0b]);
  });
  it('YIELD and the hints do nothing; BATCH and PREFETCH take any operand', () => {
    const prog = code(enc('YIELD'), enc('HINT.CPU'), enc('HINT.GPU'), enc('HINT.NPU'), enc('HINT.ANY'), enc('BATCH', 0xffffff), enc('UNBATCH'), enc('PREFETCH', 0xfffffe), enc('FENCE'), enc('HINT.FPGA'), enc('HINT.DSP'));
    const regs = Array.from({ length: 16 }, (_, i) => i * 13);
    const st = run(prog, { regs, flags: Flag.N });
    expect([st.status, st.cycles, st.flags, regsHex(st)]).toEqual([RunStatus.end, 11, Flag.N, Buffer.from(regs).toString('hex')]);
  });
});

describe('data movement (spec 4.2)', () => {
  it('MOVI: byte(sat(s8(imm)), 0)', () => {
    for (let imm = 0; imm < 256; imm++) {
      const st = new Exec1(enc('MOVI', 6, imm)).run(new Uint8Array(16));
      expect(st.bytes[6]).toBe(byteOf(sat(imm < 128 ? imm : imm - 256), 0));
    }
  });
  it('MOV, XCHG, LOAD, STORE, PUSH, POP', () => {
    const data = Uint8Array.of(0, 0x11, 0x22);
    const prog = code(enc('MOV', 3, 4), enc('XCHG', 5, 6), enc('LOAD', 7, 2), enc('STORE', 8, 0xffff), enc('PUSH', 9), enc('PUSH', 10), enc('POP', 11), enc('HLT'));
    const regs = Array.from({ length: 16 }, (_, i) => 0x40 + i);
    const st = run(prog, { regs, data });
    const want = [...regs];
    want[3] = 0x44;
    want[5] = 0x46;
    want[6] = 0x45;
    want[7] = 0x22;
    want[11] = 0x4a;
    expect(regsHex(st)).toBe(Buffer.from(want).toString('hex'));
    expect(st.bytes[S.DATA + 0xffff]).toBe(0x48);
    expect([st.sp, st.bytes[S.VALUE_STACK], st.flags]).toEqual([1, 0x49, Flag.H]); // no flags but HLT's H
  });
});

describe('layer operations (spec 4.5)', () => {
  const arb = fc.uint8Array({ minLength: 16, maxLength: 16 });
  it('XORL ANDL ORL NOTL: plain byte operations, no flags', () => {
    fc.assert(
      fc.property(arb, fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 15 }), (r, a, b) => {
        for (const [m, f] of [['XORL', (x: number, y: number) => x ^ y], ['ANDL', (x: number, y: number) => x & y], ['ORL', (x: number, y: number) => x | y]] as const) {
          const st = new Exec1(enc(m, a, b)).run(r, Flag.Z);
          expect([st.bytes[a], st.flags]).toEqual([f(r[a]!, r[b]!), Flag.Z]);
        }
        expect(new Exec1(enc('NOTL', a)).run(r).bytes[a]).toBe(~r[a]! & 255);
      }),
      { numRuns: propertyRuns(200) },
    );
  });
  it('SHIFTL: O = 1 if RF is not null, then shift up, R0 = NULL; ROTATL rotates', () => {
    fc.assert(
      fc.property(arb, (r) => {
        const s = new Exec1(enc('SHIFTL')).run(r, 0);
        expect([...s.bytes.subarray(0, 16)]).toEqual([0, ...r.subarray(0, 15)]);
        expect(s.flags).toBe(r[15]! >= 0x10 ? Flag.O : 0);
        const t = new Exec1(enc('ROTATL')).run(r, Flag.N);
        expect([...t.bytes.subarray(0, 16)]).toEqual([r[15], ...r.subarray(0, 15)]);
        expect(t.flags).toBe(Flag.N);
      }),
      { numRuns: propertyRuns(200) },
    );
    // RF null with a non-zero theta (0x05) is null: no O
    expect(new Exec1(enc('SHIFTL')).run([...new Array(15).fill(0x80), 0x05]).flags).toBe(0);
  });
  it('FOLD: R[i] = bxor(R[i], R[i+8]); SPREAD; GATHER saturates at each step', () => {
    fc.assert(
      fc.property(arb, fc.integer({ min: 0, max: 15 }), (r, a) => {
        const f = new Exec1(enc('FOLD')).run(r);
        expect([...f.bytes.subarray(0, 16)]).toEqual([...Array.from({ length: 8 }, (_, i) => bxor(r[i]!, r[i + 8]!)), ...r.subarray(8)]);
        const g = (a >> 2) * 4;
        const s = new Exec1(enc('SPREAD', a)).run(r);
        const want = [...r];
        want.fill(r[a]!, g, g + 4);
        expect([...s.bytes.subarray(0, 16)]).toEqual(want);
        let acc = 0x80;
        for (let i = g; i < g + 4; i++) acc = mulB(acc, r[i]!);
        const ga = new Exec1(enc('GATHER', a)).run(r, Flag.O);
        expect([ga.bytes[a], ga.flags]).toEqual([acc, Flag.O]);
      }),
      { numRuns: propertyRuns(300) },
    );
    // saturation at each step: 7 + 7 saturates to 7, then -8 gives -1 (not 7 + 7 - 8 = 6)
    const st = new Exec1(enc('GATHER', 0)).run([0xf0, 0xf0, 0x00, 0x80, ...new Array(12).fill(0)]);
    expect(st.bytes[0]).toBe(byteOf(-1, 0));
  });
});

describe('transformations (spec 4.6, non-host)', () => {
  it('SLERP: nearest of exact rationals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), (x, y, k) => {
        const near = (n: number): number => {
          // n / 255 to the nearest integer; 255 is odd so no tie: compare 2|n mod 255| with 255
          const q = Math.floor(n / 255);
          return 2 * (n - 255 * q) > 255 ? q + 1 : q;
        };
        const want = byteOf(near((255 - k) * rho(x) + k * rho(y)), mod(near((255 - k) * theta(x) + k * theta(y)), 16));
        const r = new Uint8Array(16);
        r[2] = x;
        r[9] = y;
        const st = new Exec1(enc('SLERP', 2, 9, k)).run(r, Flag.Z);
        expect([st.bytes[2], st.flags]).toEqual([want, Flag.Z]);
      }),
      { numRuns: propertyRuns(3000) },
    );
  });
  it('DESCENT: nothing without a gradient; with one, binary32 steps then clamp and truncate', () => {
    const r = Array.from({ length: 16 }, (_, i) => 0x17 + i * 16 - (i > 7 ? 0x100 : 0)) .map((v) => v & 255);
    const none = new Exec1(enc('DESCENT', 3, 200)).run(r);
    expect(none.bytes[3]).toBe(r[3]);
    const ex = new Exec1(enc('DESCENT', 3, 200));
    for (const g of [0, 0.5, 1.25, 3, 100, 1e-3]) {
      const st = ex.st;
      st.view.setUint32(S.GRAD_PRESENT, 1, true);
      st.view.setFloat32(S.GRAD + 12, g, true);
      ex.run(r);
      const lr = Math.fround(200 / 255);
      const p = Math.fround(lr * Math.fround(g));
      const v = Math.min(7, Math.max(-8, Math.fround(rho(r[3]!) - p)));
      expect(st.bytes[3]).toBe(byteOf(Math.trunc(v), theta(r[3]!)));
    }
    ex.st.view.setUint32(S.GRAD_PRESENT, 0, true);
  });
  it('EMERGE: RB = bxor(RB, RC); COLLAPSE: RF = Ra, C when null', () => {
    const r = Array.from({ length: 16 }, (_, i) => (i * 37 + 5) & 255);
    const e = new Exec1(enc('EMERGE', 4)).run(r);
    expect(e.bytes[11]).toBe(bxor(r[11]!, r[12]!));
    const c = new Exec1(enc('COLLAPSE', 2)).run([0, 0, 0x0c, ...new Array(13).fill(0x90)], Flag.Z);
    expect([c.bytes[15], c.flags, c.status]).toEqual([0x0c, Flag.Z | Flag.C, RunStatus.collapsed]);
    const d = new Exec1(enc('COLLAPSE', 2)).run([0, 0, 0x1c, ...new Array(13).fill(0x90)], Flag.Z);
    expect([d.bytes[15], d.flags]).toEqual([0x1c, Flag.Z]);
  });
});

describe('compatibility (spec 4.7)', () => {
  const L = [1, 2, 4, 8, 16];
  function demoteOracle(m: string, r: number[], from: number, to: number): number[] {
    const out = [...r];
    if (to >= from) return out;
    const t = L[to]!;
    const k = L[from]! / t;
    for (let i = 0; i < t; i++) {
      const g = Array.from({ length: k }, (_, j) => r[i + j * t]!);
      if (m === 'DEMOTE' || m === 'XORDEM') out[i] = g.reduce((x, y) => bxor(x, y));
      else if (m === 'TRUNCATE') out[i] = g[0]!;
      else if (m === 'AVGDEM') out[i] = byteOf(Math.trunc(g.reduce((s, x) => s + rho(x), 0) / k), mod(Math.floor(g.reduce((s, x) => s + theta(x), 0) / k), 16));
      else out[i] = g.reduce((best, x) => (rho(x) > rho(best) ? x : best));
    }
    for (let i = t; i < 16; i++) out[i] = 0;
    return out;
  }
  it('the demotions from every mode to every mode', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }), fc.constantFrom('DEMOTE', 'TRUNCATE', 'XORDEM', 'AVGDEM', 'MAXDEM'), (r, from, to, m) => {
        const st = new Exec1(enc(m, to)).run(r, Flag.N, from);
        expect(regsHex(st)).toBe(Buffer.from(demoteOracle(m, [...r], from, to)).toString('hex'));
        expect([st.mode, st.flags]).toEqual(to < from ? [to, Flag.N | Flag.M] : [from, Flag.N]);
      }),
      { numRuns: propertyRuns(1000) },
    );
  });
  it('SETMODE and COMPAT change MODE without M; PROMOTE only upwards, with M', () => {
    for (let from = 0; from < 5; from++) {
      for (let to = 0; to < 5; to++) {
        const r = Array.from({ length: 16 }, (_, i) => i + 1);
        const s = new Exec1(enc('SETMODE', to)).run(r, 0, from);
        expect([s.mode, s.flags]).toEqual([to, 0]);
        const c = new Exec1(enc('COMPAT', to)).run(r, 0, from);
        expect([c.mode, c.flags]).toEqual([Math.min(from, to), 0]);
        const p = new Exec1(enc('PROMOTE', to)).run(r, 0, from);
        expect([p.mode, p.flags]).toEqual(to > from ? [to, Flag.M] : [from, 0]);
        expect(regsHex(p)).toBe(Buffer.from(r).toString('hex'));
      }
    }
  });
  it('MODE is run-time state: the same ADDINT means different widths after SETMODE', () => {
    // 0: ADDINT R0, R8 ; 3: SETMODE SIL-16 ; 5: LOOP 0  (RC rho 0 -> one more iteration)
    const regs = [0xff, 0xff, 0, 0, 0, 0, 0, 0, 0x01, 0, 0, 0, byteOf(-7, 0), 0, 0, 0];
    const st = run(code(enc('ADDINT', 0, 8), enc('SETMODE', Mode.SIL16), enc('LOOP', 0)), { regs, mode: Mode.SIL64 });
    // SIL-64: 0xffff + 1 = 0x10000; then SIL-16: 0x0000 + 0x0001 = 1 (no carry into R2)
    expect(regsHex(st).slice(0, 8)).toBe('01000100');
  });
});

describe('quantum gates (spec 4.8)', () => {
  it('every gate over every byte, in R1 and RF', () => {
    for (const a of [1, 15]) {
      for (let x = 0; x < 256; x++) {
        for (const r1 of [0x00, 0x35, 0x80, 0xd7]) {
          const regs = new Array(16).fill(0x90);
          regs[1] = r1;
          regs[a] = x;
          const rot = byteOf(rho(x), mod(theta(x) + rho(regs[1]), 16));
          const want: Record<string, number> = { 'BIT.H': x, 'BIT.X': x, 'BIT.Z': x, 'BIT.COLLAPSE': x, 'BIT.NORM': x, 'BIT.Y': byteOf(rho(x), mod(theta(x) + 4, 16)), 'BIT.ROTQ': rot };
          for (const [m, r] of Object.entries(want)) {
            const st = new Exec1(enc(m, a)).run(regs, Flag.M);
            let f = Flag.M | (rho(r) === -8 ? Flag.Z : 0) | (rho(r) < 0 ? Flag.N : 0) | (rho(r) === 7 || rho(r) === -8 ? Flag.O : 0);
            if (a === 15 && rho(r) === -8) f |= Flag.C;
            if (st.bytes[a] !== r || st.flags !== f) expect([m, x, r1, st.bytes[a], st.flags]).toEqual([m, x, r1, r, f]);
          }
          const me = new Exec1(enc('BIT.MEASURE', a)).run(regs, Flag.M);
          expect([me.bytes[0], me.flags]).toEqual([MEASURE[theta(x)], Flag.M]);
        }
      }
    }
  });
});

describe('I/O ports (spec 4.9)', () => {
  it('OUT then IN through the 256 ports', () => {
    const prog = code(enc('OUT', 3, 200), enc('IN', 4, 200), enc('IN', 5, 7));
    const st = run(prog, { regs: [0, 0, 0, 0xab, 0x11, 0x22, ...new Array(10).fill(0)] });
    expect([st.bytes[4], st.bytes[5], st.bytes[S.PORTS + 200]]).toEqual([0xab, 0, 0xab]);
  });
});

describe('the interpreter source', () => {
  it('every numeric case label names the opcode it is (case 0xNN: // NAME)', () => {
    const src = readFileSync(packagePath('src', 'vsp', 'interpreter.ts'), 'utf8');
    const labels = [...src.matchAll(/case (0x[0-9a-f]+): (?:\{ )?\/\/ (\w+)/g)];
    expect(labels.length).toBeGreaterThan(100);
    const ops = Op as Record<string, number>;
    const seen = new Set<number>();
    for (const [, hex, name] of labels) {
      expect(ops[name!], `${name}`).toBe(parseInt(hex!, 16));
      seen.add(parseInt(hex!, 16));
    }
    // every opcode has a case
    for (const [name, code] of Object.entries(ops)) expect(seen.has(code), name).toBe(true);
  });
});

describe('a corrupt state block (PC not from a verified run)', () => {
  it('a PC inside an instruction or beyond the code stops with a typed error, nothing run', async () => {
    const { prepareProgram, runInterpreter } = await import('../../src/vsp/interpreter.js');
    const { load } = await import('./helpers.js');
    const { VspState } = await import('../../src/vsp/state.js');
    const prep = prepareProgram(load(code(enc('MOVI', 0, 1), enc('HLT'))));
    for (const [pc, e] of [[1, VspError.bad_target], [2, VspError.bad_target], [5, VspError.bad_entry], [1000, VspError.bad_entry]] as const) {
      const st = new VspState().reset({ entry: pc });
      expect(runInterpreter(prep, st)).toBe(RunStatus.error);
      expect([st.error, st.pc, st.cycles]).toEqual([e, pc, 0]);
    }
  });
});
