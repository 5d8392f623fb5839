// Mode-aware integer and float operations (spec 4.4, 6) in every MODE: the interpreter against an oracle
// written here from the spec's text with bigint integers and binary64 floats (rounded to binary16 by a
// search oracle, to binary32 by Math.fround), on generated values biased to the edges (MIN, MAX, -1, 0,
// NaN payloads, infinities, subnormals, signed zeros), plus the spec's own worked examples.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as T from '../../spec/vsp/sil8-tables.js';
import { VSP_OPCODE_BY_MNEMONIC } from '../../spec/vsp/opcodes.js';
import { Flag, Mode, VspError } from '../../src/vsp/state-layout.js';
import { propertyRuns } from '../support/runs.js';
import { byteOf, enc, Exec1, f16Round, f16Value, rho, sat, theta } from './helpers.js';

const W = [1, 2, 4, 8, 8];
const BITS = [8, 16, 32, 64, 64];

// ---- the oracle (spec 4.4 and 6), on a copy of the registers
function readI(r: Uint8Array, mode: number, k: number): bigint {
  if (mode === 0) return BigInt(rho(r[k]!));
  let v = 0n;
  for (let i = W[mode]! - 1; i >= 0; i--) v = (v << 8n) | BigInt(r[k + i]!);
  return BigInt.asIntN(BITS[mode]!, v);
}
function writeI(r: Uint8Array, mode: number, k: number, v: bigint): void {
  if (mode === 0) {
    const low = Number(BigInt.asUintN(8, v));
    r[k] = byteOf(sat(low >= 128 ? low - 256 : low), 0);
    return;
  }
  let u = BigInt.asUintN(BITS[mode]!, v);
  for (let i = 0; i < W[mode]!; i++, u >>= 8n) r[k + i] = Number(u & 255n);
}
function readF(r: Uint8Array, mode: number, k: number): number {
  const dv = new DataView(r.buffer, r.byteOffset);
  if (mode === 1) return f16Value(dv.getUint16(k, true));
  if (mode === 2) return dv.getFloat32(k, true);
  return dv.getFloat64(k, true);
}
function writeF(r: Uint8Array, mode: number, k: number, v: number): void {
  const dv = new DataView(r.buffer, r.byteOffset);
  if (mode === 1) dv.setUint16(k, f16Round(v), true);
  else if (mode === 2) {
    if (Number.isNaN(v)) dv.setUint32(k, 0x7fc00000, true);
    else dv.setFloat32(k, Math.fround(v), true);
  } else if (Number.isNaN(v)) dv.setBigUint64(k, 0x7ff8000000000000n, true);
  else dv.setFloat64(k, v, true);
}
/** from_complex of a binary64 real by the thresholds of table 10.4 (spec 6 CVTF2B). */
function toByteSil(v: number): number {
  if (Number.isNaN(v) || Math.abs(v) < T.NULL_THRESHOLD_F64) return 0;
  let k = -8;
  while (k < 7 && Math.abs(v) >= T.RHO_THRESHOLD_F64[k + 8]!) k++;
  return byteOf(k, v < 0 ? 8 : 0);
}

interface Result {
  regs: Uint8Array;
  flags: number;
  error: VspError;
}

function oracle(m: string, mode: number, regs: Uint8Array, a: number, b: number, flags: number): Result {
  const shape = VSP_OPCODE_BY_MNEMONIC.get(m)!.shape;
  const r = Uint8Array.from(regs);
  const w = W[mode]!;
  if (a + w > 16 || (shape === 'rr' && b + w > 16)) return { regs: r, flags, error: VspError.reg_range };
  let f = flags;
  const bits = BigInt(BITS[mode]!);
  const A = (): bigint => readI(r, mode, a);
  const B = (): bigint => readI(r, mode, b);
  const setZN = (z: boolean, n: boolean): void => {
    f = (f & ~(Flag.Z | Flag.N)) | (z ? Flag.Z : 0) | (n ? Flag.N : 0);
  };
  const fop = (op: (x: number, y: number) => number, sil8: (x: number, y: number) => number): void => {
    if (mode === 0) r[a] = sil8(rho(r[a]!), rho(r[b]!));
    else writeF(r, mode, a, op(readF(r, mode, a), readF(r, mode, b)));
  };
  const fun = (op: (x: number) => number, table: Uint8Array): void => {
    if (mode === 0) r[a] = table[rho(r[a]!) + 8]!;
    else writeF(r, mode, a, op(readF(r, mode, a)));
  };
  switch (m) {
    case 'ADDINT': writeI(r, mode, a, A() + B()); break;
    case 'SUBINT': writeI(r, mode, a, A() - B()); break;
    case 'MULINT': writeI(r, mode, a, A() * B()); break;
    case 'DIVINT': if (B() === 0n) f |= Flag.O; else writeI(r, mode, a, A() / B()); break;
    case 'MODINT': if (B() === 0n) f |= Flag.O; else writeI(r, mode, a, A() % B()); break;
    case 'POWINT': {
      let e = BigInt.asUintN(32, B());
      let x = BigInt.asUintN(64, A());
      let acc = 1n;
      while (e > 0n) {
        if (e & 1n) acc = BigInt.asUintN(64, acc * x);
        x = BigInt.asUintN(64, x * x);
        e >>= 1n;
      }
      writeI(r, mode, a, acc);
      break;
    }
    case 'CMPINT': setZN(A() === B(), A() < B()); break;
    case 'TESTINT': f = (f & ~Flag.Z) | ((A() & B()) === 0n ? Flag.Z : 0); break;
    case 'ANDINT': writeI(r, mode, a, A() & B()); break;
    case 'ORINT': writeI(r, mode, a, A() | B()); break;
    case 'XORINT': writeI(r, mode, a, A() ^ B()); break;
    case 'NOTINT': writeI(r, mode, a, ~A()); break;
    case 'SHLINT': {
      const s = BigInt.asUintN(32, B());
      writeI(r, mode, a, s >= bits ? 0n : A() << s);
      break;
    }
    case 'SHRINT': {
      const s = BigInt.asUintN(32, B());
      writeI(r, mode, a, s >= bits ? (A() < 0n ? -1n : 0n) : A() >> s);
      break;
    }
    case 'NEGINT': writeI(r, mode, a, -A()); break;
    case 'ABSINT': writeI(r, mode, a, A() < 0n ? -A() : A()); break;
    case 'ADDFLOAT': fop((x, y) => x + y, (x, y) => T.SIL8_ADDFLOAT[(x + 8) * 16 + y + 8]!); break;
    case 'SUBFLOAT': fop((x, y) => x - y, (x, y) => T.SIL8_SUBFLOAT[(x + 8) * 16 + y + 8]!); break;
    case 'MULFLOAT': fop((x, y) => x * y, (x, y) => byteOf(sat(x + y), 0)); break;
    case 'DIVFLOAT': fop((x, y) => x / y, (x, y) => byteOf(sat(x - y), 0)); break;
    case 'SQRTFLOAT': fun(Math.sqrt, T.SIL8_SQRTFLOAT); break;
    case 'NEGFLOAT': fun((x) => -x, T.SIL8_NEGFLOAT); break;
    case 'ABSFLOAT': fun(Math.abs, T.SIL8_ABSFLOAT); break;
    case 'FLOORFLOAT': fun(Math.floor, T.SIL8_FLOORFLOAT); break;
    case 'CEILFLOAT': fun(Math.ceil, T.SIL8_CEILFLOAT); break;
    case 'CMPFLOAT': {
      if (mode === 0) setZN(rho(r[a]!) === rho(r[b]!), rho(r[a]!) < rho(r[b]!));
      else {
        const x = readF(r, mode, a);
        const y = readF(r, mode, b);
        setZN(x === y || Math.abs(x - y) < 2 ** -52, x < y);
      }
      break;
    }
    case 'CVTI2F':
      if (mode === 0) r[a] = T.SIL8_CVTI2F[rho(r[a]!) + 8]!;
      else writeF(r, mode, a, Number(A()));
      break;
    case 'CVTF2I': {
      if (mode === 0) r[a] = T.SIL8_CVTF2I[rho(r[a]!) + 8]!;
      else {
        const x = readF(r, mode, a);
        const v = Number.isNaN(x) ? 0n : x >= 2 ** 63 ? 2n ** 63n - 1n : x <= -(2 ** 63) ? -(2n ** 63n) : BigInt(Math.trunc(x));
        writeI(r, mode, a, v);
      }
      break;
    }
    case 'CVTI2B': {
      if (mode === 0) r[a] = T.SIL8_CVTI2F[rho(r[a]!) + 8]!;
      else {
        const v = A();
        const mag = v < 0n ? -v : v;
        const k = [2n, 5n, 13n, 34n, 91n, 245n, 666n].filter((t) => mag >= t).length;
        r[a] = v === 0n ? 0 : byteOf(k, v < 0n ? 8 : 0);
      }
      break;
    }
    case 'CVTB2I': {
      const x = r[a]!;
      const t = BigInt(Math.trunc(Math.exp(rho(x))));
      writeI(r, mode, a, theta(x) >= 8 ? -t : t);
      break;
    }
    case 'CVTF2B': r[a] = mode === 0 ? r[a]! & 0xf0 : toByteSil(readF(r, mode, a)); break;
    case 'CVTB2F': {
      const x = r[a]!;
      const dv = new DataView(r.buffer);
      if (mode === 0) r[a] = x & 0xf0;
      else if (mode === 1) dv.setUint16(a, T.E_RHO_F16_BITS[x >> 4]!, true);
      else if (mode === 2) dv.setUint32(a, T.E_RHO_F32_BITS[x >> 4]!, true);
      else dv.setFloat64(a, T.E_RHO_F64[x >> 4]!, true);
      break;
    }
    default:
      throw new Error(`oracle: ${m}`);
  }
  return { regs: r, flags: f, error: VspError.none };
}

const MODE_OPS = [
  'ADDINT', 'SUBINT', 'MULINT', 'DIVINT', 'ADDFLOAT', 'SUBFLOAT', 'MULFLOAT', 'DIVFLOAT', 'POWINT', 'SQRTFLOAT',
  'MODINT', 'CMPINT', 'CMPFLOAT', 'TESTINT', 'ANDINT', 'ORINT', 'XORINT', 'NOTINT', 'SHLINT', 'SHRINT', 'NEGINT',
  'ABSINT', 'NEGFLOAT', 'ABSFLOAT', 'FLOORFLOAT', 'CEILFLOAT', 'CVTI2F', 'CVTF2I', 'CVTI2B', 'CVTB2I', 'CVTF2B', 'CVTB2F',
];

// ---- generators: 16 register bytes with edge values placed at a and b
const INT_EDGES = [0n, 1n, -1n, 2n, 7n, -8n, 63n, 64n, 666n, -666n, 0x7fffn, -0x8000n, 0x7fffffffn, -0x80000000n, 0x7fffffffffffffffn, -0x8000000000000000n, 0x100000000n, 2n ** 53n + 1n];
const FLOAT_EDGES = [0, -0, 1, -1, 0.5, 1.5, -2.5, 3e9, 65504, 65520, 2 ** -24, 2 ** -149, 5e-324, 1e308, Infinity, -Infinity, NaN, 2 ** -52, 1 + 2 ** -52, 0.1, 1e21];

function placeValue(r: Uint8Array, k: number, kind: number, choice: number, raw: bigint): void {
  const room = 16 - k;
  const tmp = new Uint8Array(8);
  const tv = new DataView(tmp.buffer);
  if (kind === 0) tv.setBigInt64(0, INT_EDGES[choice % INT_EDGES.length]!, true);
  else if (kind === 1) tv.setFloat64(0, FLOAT_EDGES[choice % FLOAT_EDGES.length]!, true);
  else if (kind === 2) tv.setFloat32(0, FLOAT_EDGES[choice % FLOAT_EDGES.length]!, true);
  else if (kind === 3) tv.setUint16(0, f16Round(FLOAT_EDGES[choice % FLOAT_EDGES.length]!), true);
  else if (kind === 4) tv.setBigUint64(0, [0x7ff0000000000001n, 0xfff8000000000000n, 0x7fc00001n, 0xffc00000n, 0x7c01n, 0xfe00n][choice % 6]!, true);
  else tv.setBigUint64(0, raw, true);
  for (let i = 0; i < 8 && i < room; i++) r[k + i] = tmp[i]!;
}

const caseArb = fc.record({
  op: fc.constantFrom(...MODE_OPS),
  mode: fc.integer({ min: 0, max: 4 }),
  a: fc.integer({ min: 0, max: 15 }),
  b: fc.integer({ min: 0, max: 15 }),
  flags: fc.integer({ min: 0, max: 255 }).map((f) => f & (Flag.Z | Flag.N | Flag.O | Flag.M)),
  base: fc.uint8Array({ minLength: 16, maxLength: 16 }),
  ka: fc.integer({ min: 0, max: 5 }),
  kb: fc.integer({ min: 0, max: 5 }),
  ca: fc.nat(),
  cb: fc.nat(),
  ra: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  rb: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  lowA: fc.boolean(),
});

describe('mode-aware operations against the oracle (spec 4.4, 6)', () => {
  const execs = new Map<string, Exec1>();
  const exec = (m: string, a: number, b: number): Exec1 => {
    const key = `${m}/${a}/${b}`;
    let e = execs.get(key);
    if (!e) execs.set(key, (e = new Exec1(enc(m, a, b))));
    return e;
  };

  it('every operation, mode, register pair and edge value', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const shape = VSP_OPCODE_BY_MNEMONIC.get(c.op)!.shape;
        const b = shape === 'rr' ? c.b : 0;
        const regs = Uint8Array.from(c.base);
        placeValue(regs, c.b, c.kb, c.cb, c.rb);
        placeValue(regs, c.a, c.ka, c.ca, c.ra);
        // small integers in SIL-8 are rho values: bias some cases to bytes with small rho
        if (c.mode === 0 && c.lowA) regs[c.a] = byteOf((c.ca % 16) - 8, c.cb % 16);
        const want = oracle(c.op, c.mode, regs, c.a, b, c.flags);
        const st = exec(c.op, c.a, b).run(regs, c.flags, c.mode);
        const got = { regs: Uint8Array.from(st.bytes.subarray(0, 16)), flags: st.flags, error: st.error as VspError };
        expect({ ...got, regs: Buffer.from(got.regs).toString('hex') }).toEqual({ ...want, regs: Buffer.from(want.regs).toString('hex') });
        if (want.error === VspError.none) expect(st.cycles).toBe(1);
        else expect([st.cycles, st.pc]).toEqual([0, 0]);
      }),
      { numRuns: propertyRuns(30000) },
    );
  });

  it('SIL-8: every operation over all 256 x 256 byte pairs (R1, R2)', () => {
    const regs = new Uint8Array(16);
    for (const m of MODE_OPS) {
      const e = exec(m, 1, 2);
      for (let x = 0; x < 256; x++) {
        for (let y = 0; y < 256; y++) {
          regs[1] = x;
          regs[2] = y;
          const want = oracle(m, 0, regs, 1, 2, 0);
          const st = e.run(regs, 0, Mode.SIL8);
          if (st.bytes[1] !== want.regs[1] || st.bytes[2] !== want.regs[2] || st.flags !== want.flags) {
            expect([m, x, y, st.bytes[1], st.flags]).toEqual([m, x, y, want.regs[1], want.flags]);
          }
        }
      }
    }
  });
});

/** Runs one instruction at (a, b) in `mode` with the given registers; returns the state. */
function one(m: string, mode: Mode, regs: number[] | Uint8Array, a = 0, b = 1, flags = 0) {
  const r = new Uint8Array(16);
  r.set(regs);
  return new Exec1(enc(m, a, b)).run(r, flags, mode);
}
const le = (v: bigint, n: number): number[] => Array.from({ length: n }, (_, i) => Number((BigInt.asUintN(64, v) >> BigInt(8 * i)) & 255n));

describe('the spec text examples (hand-checked)', () => {
  it('4.4 SIL-8: DIVINT -8 / -1, NEGINT -8 and ABSINT -8 give rho 7', () => {
    expect(one('DIVINT', Mode.SIL8, [0x00, 0x70]).bytes[0]).toBe(0xf0);
    expect(one('NEGINT', Mode.SIL8, [0x05]).bytes[0]).toBe(0xf0);
    expect(one('ABSINT', Mode.SIL8, [0x0c]).bytes[0]).toBe(0xf0);
  });
  it('4.4 SIL-8: the divisor is rho(Rb), zero for 0x80..0x8F: O = 1 and Ra unchanged', () => {
    for (let y = 0x80; y <= 0x8f; y++) {
      const st = one('DIVINT', Mode.SIL8, [0xc3, y]);
      expect([st.bytes[0], st.flags]).toEqual([0xc3, Flag.O]);
      expect(one('MODINT', Mode.SIL8, [0xc3, y]).flags).toBe(Flag.O);
    }
  });
  it('4.4 SIL-16 and wider: MIN / -1 = MIN, MIN mod -1 = 0, no trap', () => {
    for (const [mode, w] of [[Mode.SIL16, 2], [Mode.SIL32, 4], [Mode.SIL64, 8], [Mode.SIL128, 8]] as const) {
      const min = -(2n ** BigInt(8 * w - 1));
      const regs = [...le(min, w), ...le(-1n, w)];
      expect([...one('DIVINT', mode, regs, 0, w).bytes.subarray(0, w)]).toEqual(le(min, w));
      expect([...one('MODINT', mode, regs, 0, w).bytes.subarray(0, w)]).toEqual(le(0n, w));
      expect([...one('ABSINT', mode, le(min, w), 0).bytes.subarray(0, w)]).toEqual(le(min, w)); // stays as it is
    }
  });
  it('6: SIL-8 stores wrap before they saturate: 7 * 7 = 49 -> rho 7, (-4)^4 = 256 -> rho 0, 1 << 7 = 128 -> rho -8', () => {
    expect(one('MULINT', Mode.SIL8, [0xf0, 0xf0]).bytes[0]).toBe(0xf0);
    expect(one('POWINT', Mode.SIL8, [0x40, 0xc0]).bytes[0]).toBe(0x80);
    expect(one('SHLINT', Mode.SIL8, [0x90, 0xf0]).bytes[0]).toBe(0x00);
    expect(one('CVTF2I', Mode.SIL8, [0xd0]).bytes[0]).toBe(0x00); // e^5 -> 148 -> rho -8
  });
  it('6: CVTF2I of binary32 3e9 in SIL-32 stores -1294967296', () => {
    const r = new Uint8Array(16);
    new DataView(r.buffer).setFloat32(0, 3e9, true);
    const st = one('CVTF2I', Mode.SIL32, r);
    expect(st.view.getInt32(0, true)).toBe(-1294967296);
  });
  it('6: CVTI2B: 0 gives NULL, 1 gives rho 0, thresholds 2 5 13 34 91 245 666', () => {
    expect(one('CVTI2B', Mode.SIL64, le(0n, 8)).bytes[0]).toBe(0x00);
    expect(one('CVTI2B', Mode.SIL64, le(1n, 8)).bytes[0]).toBe(0x80);
    expect(one('CVTI2B', Mode.SIL64, le(-1n, 8)).bytes[0]).toBe(0x88);
    expect(one('CVTI2B', Mode.SIL32, le(666n, 4)).bytes[0]).toBe(0xf0);
    expect(one('CVTI2B', Mode.SIL16, le(665n, 2)).bytes[0]).toBe(0xe0);
  });
  it('6: CVTB2I: 0 for rho < 0; 1, 2, 7, 20, 54, 148, 403, 1096 for rho 0..7, negated for theta >= 8', () => {
    const want = [1, 2, 7, 20, 54, 148, 403, 1096];
    for (let r = -8; r <= 7; r++) {
      const st = one('CVTB2I', Mode.SIL64, [byteOf(r, 3)]);
      expect(st.view.getBigInt64(0, true)).toBe(BigInt(r < 0 ? 0 : want[r]!));
      const neg = one('CVTB2I', Mode.SIL32, [byteOf(r, 9)]);
      expect(neg.view.getInt32(0, true)).toBe(r < 0 ? 0 : -want[r]!);
    }
  });
  it('6: CVTF2B: NaN gives NULL, infinities rho 7, the sign gives theta 8', () => {
    const r = new Uint8Array(16);
    const dv = new DataView(r.buffer);
    dv.setFloat64(0, NaN, true);
    expect(one('CVTF2B', Mode.SIL64, r).bytes[0]).toBe(0x00);
    dv.setFloat64(0, -Infinity, true);
    expect(one('CVTF2B', Mode.SIL64, r).bytes[0]).toBe(0xf8);
    dv.setFloat64(0, -1, true);
    expect(one('CVTF2B', Mode.SIL64, r).bytes[0]).toBe(0x88);
  });
  it('6: every NaN written is canonical, NEGFLOAT and ABSFLOAT of a NaN included', () => {
    const r = new Uint8Array(16);
    const dv = new DataView(r.buffer);
    dv.setBigUint64(0, 0xfff4000000000001n, true); // negative signalling NaN with a payload
    expect(one('NEGFLOAT', Mode.SIL64, r).view.getBigUint64(0, true)).toBe(0x7ff8000000000000n);
    expect(one('ABSFLOAT', Mode.SIL128, r).view.getBigUint64(0, true)).toBe(0x7ff8000000000000n);
    dv.setUint32(0, 0xffa00001, true);
    expect(one('NEGFLOAT', Mode.SIL32, r).view.getUint32(0, true)).toBe(0x7fc00000);
    dv.setUint16(0, 0xfd01, true);
    expect(one('ABSFLOAT', Mode.SIL16, r).view.getUint16(0, true)).toBe(0x7e00);
  });
  it('13.11: CMPFLOAT makes two equal infinities equal; NaN makes Z and N false', () => {
    const r = new Uint8Array(16);
    const dv = new DataView(r.buffer);
    dv.setFloat64(0, Infinity, true);
    dv.setFloat64(8, Infinity, true);
    expect(one('CMPFLOAT', Mode.SIL64, r, 0, 8, Flag.N).flags).toBe(Flag.Z);
    dv.setFloat64(8, NaN, true);
    expect(one('CMPFLOAT', Mode.SIL64, r, 0, 8, Flag.Z | Flag.N).flags).toBe(0);
    dv.setFloat64(0, 1, true);
    dv.setFloat64(8, 1 + 2 ** -52, true); // |d| = 2^-52 is not below 2^-52
    expect(one('CMPFLOAT', Mode.SIL64, r, 0, 8).flags).toBe(Flag.N);
    dv.setFloat64(0, 2 ** -60, true);
    dv.setFloat64(8, 2 ** -61, true); // tiny values differ by less than 2^-52: equal
    expect(one('CMPFLOAT', Mode.SIL64, r, 0, 8).flags).toBe(Flag.Z);
  });
  it('4.4: reg_range before anything else: a + W > 16 or b + W > 16, state untouched', () => {
    const r = Uint8Array.from({ length: 16 }, (_, i) => i * 17);
    const st = one('ADDINT', Mode.SIL64, r, 9, 0, Flag.O);
    expect([st.error, st.pc, st.cycles, st.flags]).toEqual([VspError.reg_range, 0, 0, Flag.O]);
    expect([...st.bytes.subarray(0, 16)]).toEqual([...r]);
    expect(one('ADDINT', Mode.SIL16, r, 0, 15).error).toBe(VspError.reg_range);
    expect(one('NEGINT', Mode.SIL32, r, 12, 0).error).toBe(VspError.none); // unary: b not checked
    expect(one('CVTB2F', Mode.SIL32, r, 13, 0).error).toBe(VspError.reg_range);
  });
});
