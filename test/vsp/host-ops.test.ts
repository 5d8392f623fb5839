// The H instructions (spec 4, 12) through runHostInstruction: hand-checked examples from the spec's text,
// the spec's LERP and GRAD digests, every error code with its "changed nothing" guarantee (spec 3.4), and a
// property that each instruction changes only what spec 12 allows.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Op, VSP_OPCODES } from '../../spec/vsp/opcodes.js';
import { SIL8_POWFLOAT } from '../../spec/vsp/sil8-tables.js';
import { gradValue, lerpByte, powHost, runHostInstruction } from '../../src/vsp/host-ops.js';
import { Flag, MAILBOX_ENTRY_SIZE, Mode, S, STATE_SIZE, STREAM_LIMIT, VspError } from '../../src/vsp/state-layout.js';
import { VspState } from '../../src/vsp/state.js';
import { propertyRuns } from '../support/runs.js';

function state(init: { regs?: number[]; mode?: Mode; flags?: number; data?: Uint8Array; input?: number[] } = {}): VspState {
  return new VspState().reset({
    regs: init.regs,
    mode: init.mode ?? Mode.SIL128,
    flags: init.flags ?? 0,
    data: init.data,
    input: init.input ? Uint8Array.from(init.input) : undefined,
  });
}

const regs = (st: VspState): number[] => Array.from(st.bytes.subarray(S.REGS, S.REGS + 16));
const outBytes = (st: VspState): number[] => Array.from(st.bytes.subarray(S.OUT, S.OUT + st.view.getUint32(S.OUT_LEN, true)));

/** Runs an instruction that must fail: the error code, and not one byte of the block changed. */
function expectError(st: VspState, op: number, b1: number, b2: number, b3: number, err: VspError): void {
  const before = st.bytes.slice();
  expect(runHostInstruction(st, op, b1, b2, b3)).toBe(err);
  expect(Buffer.compare(before, st.bytes)).toBe(0);
}

describe('POWFLOAT (spec 4.4, 6)', () => {
  it('SIL-64: binary64 pow written at Ra..Ra+7', () => {
    const st = state({ mode: Mode.SIL64 });
    st.view.setFloat64(S.REGS + 0, 2, true);
    st.view.setFloat64(S.REGS + 8, 10, true);
    expect(runHostInstruction(st, Op.POWFLOAT, 0 | (8 << 4), 0, 0)).toBe(VspError.none);
    expect(st.view.getFloat64(S.REGS, true)).toBe(1024);
    expect(st.view.getFloat64(S.REGS + 8, true)).toBe(10);
  });

  it('the C99 special cases ECMAScript lacks: pow(1, y) = 1 for every y, pow(-1, ±inf) = 1', () => {
    for (const y of [NaN, Infinity, -Infinity, 0.5, -3]) expect(powHost(1, y)).toBe(1);
    expect(powHost(-1, Infinity)).toBe(1);
    expect(powHost(-1, -Infinity)).toBe(1);
    expect(Math.pow(1, NaN)).toBeNaN(); // what the special case fixes
    expect(powHost(NaN, 0)).toBe(1);
    expect(powHost(2, 0.5)).toBe(Math.SQRT2);
    const st = state({ mode: Mode.SIL64 });
    st.view.setFloat64(S.REGS, 1, true);
    st.view.setFloat64(S.REGS + 8, NaN, true);
    expect(runHostInstruction(st, Op.POWFLOAT, 0x80, 0, 0)).toBe(VspError.none);
    expect(st.view.getFloat64(S.REGS, true)).toBe(1);
  });

  it('a NaN result is the canonical quiet NaN of the mode (spec 6)', () => {
    const st = state({ mode: Mode.SIL64 });
    st.view.setFloat64(S.REGS, -2, true);
    st.view.setFloat64(S.REGS + 8, 0.5, true);
    runHostInstruction(st, Op.POWFLOAT, 0x80, 0, 0);
    expect(st.view.getBigUint64(S.REGS, true)).toBe(0x7ff8000000000000n);
    const s32 = state({ mode: Mode.SIL32 });
    s32.view.setFloat32(S.REGS, -2, true);
    s32.view.setFloat32(S.REGS + 4, 0.5, true);
    runHostInstruction(s32, Op.POWFLOAT, 0x40, 0, 0);
    expect(s32.view.getUint32(S.REGS, true)).toBe(0x7fc00000);
    const s16 = state({ mode: Mode.SIL16 });
    s16.view.setUint16(S.REGS, 0xc000, true); // -2
    s16.view.setUint16(S.REGS + 2, 0x3800, true); // 0.5
    runHostInstruction(s16, Op.POWFLOAT, 0x20, 0, 0);
    expect(s16.view.getUint16(S.REGS, true)).toBe(0x7e00);
  });

  it('SIL-16 rounds binary64 directly to binary16, not through binary32 (spec 6)', () => {
    // A = 0x3c12 (1.017578125), B = 0x38af (0.58544921875): A^B = 0x1.02a00015c302bp+0 lies 2^-30 above the
    // binary16 tie 0x1.02ap+0; binary32 rounding lands on the tie (-> even 0x3c0a), direct rounding gives 0x3c0b.
    const v = Math.pow(1.017578125, 0.58544921875);
    expect(Math.fround(v)).toBe(1 + 21 / 2048); // binary32 rounding gives the binary16 tie between 0x3c0a and 0x3c0b
    const st = state({ mode: Mode.SIL16 });
    st.view.setUint16(S.REGS + 3, 0x3c12, true);
    st.view.setUint16(S.REGS + 14, 0x38af, true);
    expect(runHostInstruction(st, Op.POWFLOAT, 3 | (14 << 4), 0, 0)).toBe(VspError.none);
    expect(st.view.getUint16(S.REGS + 3, true)).toBe(0x3c0b);
  });

  it('SIL-32 rounds once to binary32', () => {
    const st = state({ mode: Mode.SIL32 });
    st.view.setFloat32(S.REGS, 3, true);
    st.view.setFloat32(S.REGS + 4, 0.5, true);
    runHostInstruction(st, Op.POWFLOAT, 0x40, 0, 0);
    expect(st.view.getFloat32(S.REGS, true)).toBe(Math.fround(Math.sqrt(3)));
  });

  it('SIL-8 is the table of 10.1: from_complex(e^(ra * e^rb)), theta of both operands ignored', () => {
    for (let ra = -8; ra <= 7; ra++) {
      for (let rb = -8; rb <= 7; rb++) {
        // plain arithmetic: ln v = ra * e^rb; |v| < e^-8 -> NULL, else byte(sat(rha(ln v)), 0)
        const ln = ra * Math.exp(rb);
        const expected = ln < -8 ? 0x00 : (Math.min(7, Math.max(-8, Math.sign(ln) * Math.round(Math.abs(ln)))) + 8) << 4;
        const st = state({ mode: Mode.SIL8, regs: [((ra + 8) << 4) | 5, 0, 0, 0, 0, 0, 0, ((rb + 8) << 4) | 11, 0, 0, 0, 0, 0, 0, 0, 0] });
        expect(runHostInstruction(st, Op.POWFLOAT, 0 | (7 << 4), 0, 0)).toBe(VspError.none);
        expect(st.bytes[S.REGS], `rho ${ra} ^ rho ${rb}`).toBe(expected);
        expect(SIL8_POWFLOAT[(ra + 8) * 16 + rb + 8]).toBe(expected);
      }
    }
  });

  it('reg_range when a + W > 16 or b + W > 16, whatever the values, changing nothing (spec 4.4)', () => {
    expectError(state({ mode: Mode.SIL16 }), Op.POWFLOAT, 15, 0, 0, VspError.reg_range);
    expectError(state({ mode: Mode.SIL16 }), Op.POWFLOAT, 0 | (15 << 4), 0, 0, VspError.reg_range);
    expectError(state({ mode: Mode.SIL32 }), Op.POWFLOAT, 13, 0, 0, VspError.reg_range);
    expectError(state({ mode: Mode.SIL64 }), Op.POWFLOAT, 9, 0, 0, VspError.reg_range);
    expectError(state({ mode: Mode.SIL128 }), Op.POWFLOAT, 0 | (9 << 4), 0, 0, VspError.reg_range);
    const ok = state({ mode: Mode.SIL64 });
    expect(runHostInstruction(ok, Op.POWFLOAT, 8 | (8 << 4), 0, 0)).toBe(VspError.none); // 8 + 8 = 16 fits
    expect(runHostInstruction(state({ mode: Mode.SIL8 }), Op.POWFLOAT, 0xff, 0, 0)).toBe(VspError.none); // W = 1 fits at RF
  });
});

describe('LERP (spec 4.6)', () => {
  it('the three identities: k == 0 and equal bytes leave Ra, k == 255 gives Rb', () => {
    expect(lerpByte(0x05, 0xf3, 0)).toBe(0x05);
    expect(lerpByte(0x05, 0x05, 128)).toBe(0x05); // a null byte that is not 0x00: binary64 alone could lose it
    expect(lerpByte(0x0c, 0x0c, 1)).toBe(0x0c);
    expect(lerpByte(0x05, 0xf3, 255)).toBe(0xf3);
  });

  it('hand-checked: ONE to NEG_ONE', () => {
    // k = 127: t = f32(127/255) = 0.498039..., s = (1 - t) - t = 0.0039215...; ln s = -5.54 -> rho -6, theta 0
    expect(lerpByte(0x80, 0x88, 127)).toBe(0x20);
    // k = 128: s = -0.0039215... -> rho -6, theta 8
    expect(lerpByte(0x80, 0x88, 128)).toBe(0x28);
    // ONE to I, k = 128: s = 0.498 + 0.502i; |s| = 0.707 -> ln -0.35 -> rho 0; arg 45.2 degrees -> theta 2
    expect(lerpByte(0x80, 0x84, 128)).toBe(0x82);
  });

  it('writes Ra only, from Ra and Rb (b1 = a | b << 4, b2 = k), no flags', () => {
    const st = state({ regs: [0x80, 0, 0, 0x88, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], flags: Flag.Z | Flag.N });
    expect(runHostInstruction(st, Op.LERP, 0 | (3 << 4), 127, 0)).toBe(VspError.none);
    expect(regs(st)).toEqual([0x20, 0, 0, 0x88, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(st.flags).toBe(Flag.Z | Flag.N);
  });

  it(`the LERP table's SHA-256 over all 16.7M inputs is the spec's`, () => {
    const t = new Uint8Array(1 << 24);
    for (let a = 0; a < 256; a++) for (let b = 0; b < 256; b++) for (let k = 0; k < 256; k++) t[(a << 16) | (b << 8) | k] = lerpByte(a, b, k);
    expect(createHash('sha256').update(t).digest('hex')).toBe('e2a4c0f4a628336aab1bfc77cf6c549360c2ce3b9326addf4d457696b1236603');
  });
});

describe('GRAD (spec 4.6)', () => {
  it(`the GRAD table's SHA-256 over all 65,536 pairs is the spec's`, () => {
    const v = new DataView(new ArrayBuffer(262144));
    for (let a = 0; a < 256; a++) for (let b = 0; b < 256; b++) v.setFloat32((a * 256 + b) * 4, gradValue(a, b), true);
    expect(createHash('sha256').update(new Uint8Array(v.buffer)).digest('hex')).toBe('9c2d0ba9d7d962193e99256bb26abd81f3618c0ed5d6bd662adc4b95af383220');
  });

  it('sets g[i] = f32(|z(R[i+1]) - z(R[i])|), g[15] = 0 and the gradient present; nothing else', () => {
    const r = [0x80, 0x88, 0x88, 0x90, 0x84, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xf0];
    const st = state({ regs: r });
    st.view.setFloat32(S.GRAD + 60, 5, true); // overwritten with 0
    const before = st.bytes.slice();
    expect(runHostInstruction(st, Op.GRAD, 7, 0, 0)).toBe(VspError.none);
    const g = (i: number): number => st.view.getFloat32(S.GRAD + 4 * i, true);
    expect(g(0)).toBe(2); // |-1 - 1|
    expect(g(1)).toBe(0);
    expect(g(2)).toBe(Math.fround(Math.E + 1)); // |e - (-1)|
    expect(g(3)).toBe(Math.fround(Math.hypot(Math.E, 1))); // |i - e|
    expect(g(4)).toBe(Math.fround(Math.SQRT2)); // |1 - i|
    expect(g(14)).toBe(Math.fround(Math.exp(7) - Math.exp(-8)));
    expect(g(15)).toBe(0);
    expect(st.view.getUint32(S.GRAD_PRESENT, true)).toBe(1);
    for (let o = 0; o < STATE_SIZE; o++) {
      if (o >= S.GRAD && o < S.GRAD + 64) continue;
      if (o >= S.GRAD_PRESENT && o < S.GRAD_PRESENT + 4) continue;
      if (st.bytes[o] !== before[o]) throw new Error(`GRAD changed byte 0x${o.toString(16)}`);
    }
  });
});

describe('TRANS and PIPE (spec 4.6)', () => {
  function dataWith(addr: number, words: number[]): Uint8Array {
    const d = new Uint8Array(0x10000);
    const v = new DataView(d.buffer);
    words.forEach((w, i) => v.setUint32(addr + 4 * i, w >>> 0, true));
    return d;
  }

  it('TRANS applies the transform whose u32 id is at addr', () => {
    const st = state({ data: dataWith(0x100, [0x14]), flags: Flag.N });
    expect(runHostInstruction(st, Op.TRANS, 0x00, 0x01, 0x00)).toBe(VspError.none);
    expect(st.bytes[S.REGS]).toBe(0x80); // bytesil_one
    expect(st.flags).toBe(Flag.N);
  });

  it('TRANS: addr 0xFFFC is the last valid address, 0xFFFD and a24 values above raise mem_range', () => {
    const st = state({ data: dataWith(0xfffc, [0x18]) });
    expect(runHostInstruction(st, Op.TRANS, 0xfc, 0xff, 0x00)).toBe(VspError.none);
    expect(st.bytes[S.REGS]).toBe(0xf0); // bytesil_max
    expectError(state(), Op.TRANS, 0xfd, 0xff, 0x00, VspError.mem_range);
    expectError(state(), Op.TRANS, 0x00, 0x00, 0x01, VspError.mem_range);
  });

  it('TRANS: ids that are not intrinsics in 0x10..0x9F raise bad_transform', () => {
    for (const id of [0x00, 0x06, 0x11, 0x12, 0xa0, 0xe1, 0xf0, 0x114, 0xffffffff]) {
      expectError(state({ data: dataWith(0, [id]), regs: [0x37, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] }), Op.TRANS, 0, 0, 0, VspError.bad_transform);
    }
  });

  it('PIPE applies the ids in order', () => {
    // R0 = ONE, R1 = byte(2, 3): bytesil_one, bytesil_mul (R0 = R0 * R1), bytesil_mul again
    const st = state({ data: dataWith(0x40, [3, 0x14, 0x19, 0x19]), regs: [0x00, 0xa3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] });
    expect(runHostInstruction(st, Op.PIPE, 0x40, 0, 0)).toBe(VspError.none);
    expect(st.bytes[S.REGS]).toBe(0xc6); // rho 4, theta 6
    const empty = state({ data: dataWith(0x40, [0]) });
    const before = empty.bytes.slice();
    expect(runHostInstruction(empty, Op.PIPE, 0x40, 0, 0)).toBe(VspError.none);
    expect(Buffer.compare(before, empty.bytes)).toBe(0);
  });

  it('PIPE checks in the spec order and its whole list before applying anything', () => {
    expectError(state(), Op.PIPE, 0xfd, 0xff, 0, VspError.mem_range); // addr > 0xFFFC
    // count 257: bad_transform before the range check that would also fail
    expectError(state({ data: dataWith(0xff00, [257]) }), Op.PIPE, 0x00, 0xff, 0, VspError.bad_transform);
    // count 256 at 0xFC00: 0xFC00 + 4 + 1024 > 0x10000 -> mem_range (ids never looked at)
    expectError(state({ data: dataWith(0xfc00, [256]) }), Op.PIPE, 0x00, 0xfc, 0, VspError.mem_range);
    // the largest list that fits: count 256 at 0xFBFC, ids all bytesil_one
    const fits = state({ data: dataWith(0xfbfc, [256, ...new Array(256).fill(0x14)]) });
    expect(runHostInstruction(fits, Op.PIPE, 0xfc, 0xfb, 0)).toBe(VspError.none);
    expect(fits.bytes[S.REGS]).toBe(0x80);
    // a bad id last: nothing applied
    expectError(state({ data: dataWith(0, [3, 0x14, 0x30, 0x07]), regs: new Array(16).fill(0x55) }), Op.PIPE, 0, 0, 0, VspError.bad_transform);
  });
});

describe('SENSE (spec 4.9)', () => {
  it('consumes the input stream, Z = 0 also for a 0x00 byte; exhausted: NULL and Z = 1', () => {
    const st = state({ input: [0x00, 0x37], flags: Flag.Z | Flag.C });
    expect(runHostInstruction(st, Op.SENSE, 3, 0, 0)).toBe(VspError.none);
    expect(st.bytes[S.REGS + 3]).toBe(0x00);
    expect(st.flags).toBe(Flag.C);
    expect(st.view.getUint32(S.INPOS, true)).toBe(1);
    runHostInstruction(st, Op.SENSE, 3, 0, 0);
    expect(st.bytes[S.REGS + 3]).toBe(0x37);
    expect(st.view.getUint32(S.INPOS, true)).toBe(2);
    st.bytes[S.REGS + 3] = 0x99;
    runHostInstruction(st, Op.SENSE, 3, 0, 0);
    expect(st.bytes[S.REGS + 3]).toBe(0x00);
    expect(st.flags).toBe(Flag.Z | Flag.C);
    expect(st.view.getUint32(S.INPOS, true)).toBe(2);
  });
});

describe('output stream and mailbox (spec 4.9)', () => {
  it('ACT appends 01 a Ra; SYNC 04 imm; ENTANGLE 03 a b Ra', () => {
    const st = state({ regs: [0, 0, 0, 0, 0, 0xab, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] });
    runHostInstruction(st, Op.ACT, 5, 0, 0);
    runHostInstruction(st, Op.SYNC, 200, 0, 0);
    runHostInstruction(st, Op.ENTANGLE, 5 | (12 << 4), 0, 0);
    expect(outBytes(st)).toEqual([0x01, 5, 0xab, 0x04, 200, 0x03, 5, 12, 0xab]);
  });

  it('BROADCAST appends 02 ch R0..RF and fills the mailbox; RECEIVE loads it, an empty channel does nothing', () => {
    const r = Array.from({ length: 16 }, (_, i) => i * 17);
    const st = state({ regs: r });
    expect(runHostInstruction(st, Op.BROADCAST, 9, 0, 0)).toBe(VspError.none);
    expect(outBytes(st)).toEqual([0x02, 9, ...r]);
    expect(Array.from(st.bytes.subarray(S.MAILBOX + 9 * MAILBOX_ENTRY_SIZE, S.MAILBOX + 10 * MAILBOX_ENTRY_SIZE))).toEqual([1, ...r]);
    st.bytes.fill(0x42, S.REGS, S.REGS + 16);
    const before = st.bytes.slice();
    expect(runHostInstruction(st, Op.RECEIVE, 8, 0, 0)).toBe(VspError.none);
    expect(Buffer.compare(before, st.bytes)).toBe(0);
    expect(runHostInstruction(st, Op.RECEIVE, 9, 0, 0)).toBe(VspError.none);
    expect(regs(st)).toEqual(r);
  });

  it('out_full when an append would pass 65,536 bytes, changing nothing', () => {
    const at = (len: number): VspState => {
      const st = state();
      st.view.setUint32(S.OUT_LEN, len, true);
      return st;
    };
    const full = at(STREAM_LIMIT - 3);
    expect(runHostInstruction(full, Op.ACT, 0, 0, 0)).toBe(VspError.none); // exactly 65,536
    expect(full.view.getUint32(S.OUT_LEN, true)).toBe(STREAM_LIMIT);
    expectError(at(STREAM_LIMIT - 2), Op.ACT, 0, 0, 0, VspError.out_full);
    expectError(at(STREAM_LIMIT - 1), Op.SYNC, 0, 0, 0, VspError.out_full);
    expectError(at(STREAM_LIMIT - 3), Op.ENTANGLE, 0, 0, 0, VspError.out_full);
    expectError(at(STREAM_LIMIT - 17), Op.BROADCAST, 4, 0, 0, VspError.out_full); // the mailbox unchanged too
  });
});

describe('SYSCALL dispatch (spec 4.10, 8)', () => {
  it('calls intrinsic b1 with arg b2 | b3 << 8', () => {
    const d = new Uint8Array(0x10000);
    d.set([0x68, 0x69], 0x1234);
    const st = state({ data: d });
    expect(runHostInstruction(st, Op.SYSCALL, 0x01, 0x34, 0x12)).toBe(VspError.none);
    expect(Array.from(st.bytes.subarray(S.TEXT, S.TEXT + st.view.getUint32(S.TEXT_LEN, true)))).toEqual([0x68, 0x69, 0x0a]);
  });
  it('bad_syscall for an unlisted id, changing nothing', () => {
    expectError(state(), Op.SYSCALL, 0x07, 0, 0, VspError.bad_syscall);
  });
});

it('an opcode not marked H returns bad_opcode and changes nothing', () => {
  for (const o of VSP_OPCODES) if (!o.host) expectError(state({ regs: new Array(16).fill(0x81) }), o.code, 1, 0, 0, VspError.bad_opcode);
});

// ---------------------------------------------------------------------------------------------------------
// Property: every H instruction changes only what spec 12 lists, never sets C, and an error changes nothing.

/** Byte ranges [from, to) of the block an H instruction may change (spec 12), given its operands. */
function allowed(op: number, b1: number, mode: Mode): [number, number][] {
  const W = [1, 2, 4, 8, 8][mode]!;
  switch (op) {
    case Op.POWFLOAT:
      return [[S.REGS + (b1 & 15), S.REGS + (b1 & 15) + W]];
    case Op.LERP:
      return [[S.REGS + (b1 & 15), S.REGS + (b1 & 15) + 1]];
    case Op.TRANS:
    case Op.PIPE:
    case Op.RECEIVE:
      return [[S.REGS, S.REGS + 16]];
    case Op.GRAD:
      return [
        [S.GRAD, S.GRAD + 64],
        [S.GRAD_PRESENT, S.GRAD_PRESENT + 4],
      ];
    case Op.SENSE:
      return [
        [S.REGS + (b1 & 15), S.REGS + (b1 & 15) + 1],
        [S.INPOS, S.INPOS + 4],
        [S.FLAGS, S.FLAGS + 1], // Z only: checked separately
      ];
    case Op.ACT:
    case Op.SYNC:
    case Op.ENTANGLE:
      return [
        [S.OUT, S.OUT + STREAM_LIMIT],
        [S.OUT_LEN, S.OUT_LEN + 4],
      ];
    case Op.BROADCAST:
      return [
        [S.OUT, S.OUT + STREAM_LIMIT],
        [S.OUT_LEN, S.OUT_LEN + 4],
        [S.MAILBOX + b1 * MAILBOX_ENTRY_SIZE, S.MAILBOX + (b1 + 1) * MAILBOX_ENTRY_SIZE],
      ];
    case Op.SYSCALL:
      return [
        [S.REGS, S.REGS + 16],
        [S.TEXT, S.TEXT + STREAM_LIMIT],
        [S.TEXT_LEN, S.TEXT_LEN + 4],
      ];
    default:
      return [];
  }
}

/** Valid operand bytes for an H opcode (reserved bits zero, spec 3.1). */
function operandsFor(op: number, r: number[]): [number, number, number] {
  switch (op) {
    case Op.POWFLOAT:
    case Op.ENTANGLE:
      return [r[0]!, 0, 0];
    case Op.LERP:
      return [r[0]!, r[1]!, 0];
    case Op.GRAD:
    case Op.SENSE:
    case Op.ACT:
      return [r[0]! & 15, 0, 0];
    case Op.SYNC:
    case Op.BROADCAST:
    case Op.RECEIVE:
      return [r[0]!, 0, 0];
    case Op.TRANS:
    case Op.PIPE:
      // mostly the small ids and counts at the start of data; sometimes 0xFF00 + b1, past 0xFFFC or near it
      return r[1]! & 1 ? [r[0]!, 0xff, 0] : [r[0]! & 0x3c, 0, 0];
    default:
      return [r[0]!, r[1]!, r[2]!]; // SYSCALL: any id, any arg
  }
}

describe('spec 12: what each H instruction may change', () => {
  const hostOps = VSP_OPCODES.filter((o) => o.host).map((o) => o.code);
  it('changes only its listed parts, never sets C or touches PC/SP/FP/CYCLES/MODE/data/ports; an error changes nothing', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...hostOps),
        fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 16, maxLength: 16 }),
        fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 0xff }),
        fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 3 }),
        fc.constantFrom(0, 100, STREAM_LIMIT - 20, STREAM_LIMIT - 2, STREAM_LIMIT),
        fc.array(fc.integer({ min: 0, max: 0xff }), { minLength: 64, maxLength: 64 }),
        (op, r, ops, mode, flags, input, streamLen, dataHead) => {
          const data = new Uint8Array(0x10000);
          // small u32 words at the start of data, so TRANS/PIPE often find valid ids and counts
          for (let i = 0; i < 64; i += 4) data[i] = i === 0 ? dataHead[0]! & 7 : dataHead[i]! % 0xa0;
          data.set(dataHead.slice(0, 32), 0xffe0);
          const st = state({ regs: r, mode: mode as Mode, flags: flags & 0x87, input, data });
          st.view.setUint32(S.OUT_LEN, streamLen, true);
          st.view.setUint32(S.TEXT_LEN, streamLen, true);
          const [b1, b2, b3] = operandsFor(op, ops);
          const before = st.bytes.slice();
          const err = runHostInstruction(st, op, b1, b2, b3);
          if (err !== VspError.none) {
            expect(Buffer.compare(before, st.bytes)).toBe(0);
            return;
          }
          const ok = allowed(op, b1, mode as Mode);
          for (let o = 0; o < STATE_SIZE; o++) {
            if (st.bytes[o] === before[o]) continue;
            if (!ok.some(([a, b]) => o >= a && o < b)) throw new Error(`${op.toString(16)} changed block byte 0x${o.toString(16)}`);
          }
          // flags: only SENSE changes them, and only Z
          expect(st.flags & ~Flag.Z).toBe(before[S.FLAGS]! & ~Flag.Z);
          if (op !== Op.SENSE) expect(st.flags).toBe(before[S.FLAGS]);
        },
      ),
      { numRuns: propertyRuns(600) },
    );
  });
});
