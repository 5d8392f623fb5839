// The tables block holds, at its documented offsets, exactly the data the interpreter uses, with no two
// tables overlapping.
import { describe, expect, it } from 'vitest';
import * as sil8 from '../../spec/vsp/sil8-tables.js';
import { T, TABLES_SIZE, tablesBlock } from '../../src/jit/tables-block.js';
import { ADD_TABLE, SUB_TABLE } from '../../src/vsp/bytesil-tables.js';
import { byte, rho, sat, s8 } from '../../src/vsp/bytesil.js';
import { f16BitsToNumber } from '../../src/vsp/values.js';

const SIZES: Record<keyof typeof T, number> = {
  ADD: 65536, SUB: 65536, FLAG_ZNO: 256, SIL8_STORE: 256, SIL8_ADDFLOAT: 256, SIL8_SUBFLOAT: 256,
  SIL8_SQRTFLOAT: 16, SIL8_NEGFLOAT: 16, SIL8_ABSFLOAT: 16, SIL8_FLOORFLOAT: 16, SIL8_CEILFLOAT: 16,
  SIL8_CVTI2F: 16, SIL8_CVTF2I: 16, SIL8_CVTB2I_NEG: 16, MEASURE: 16,
  E_RHO_F64: 128, E_RHO_F32: 64, E_RHO_F16: 32, RHO_THRESHOLD_F64: 120, NULL_THRESHOLD_F64: 8,
  SAT_RHO: 64, E_RHO_TRUNC: 32,
  RHO_THRESHOLD_F32: 60, NULL_THRESHOLD_F32: 4, RHO_THRESHOLD_F16: 30, NULL_THRESHOLD_F16: 2,
};

describe('tablesBlock', () => {
  const b = tablesBlock();
  const v = new DataView(b.buffer);
  it('lays the tables out without overlap inside TABLES_SIZE', () => {
    const spans = (Object.keys(T) as (keyof typeof T)[]).map((k) => [T[k], T[k] + SIZES[k], k] as const).sort((x, y) => x[0] - y[0]);
    for (let i = 0; i < spans.length; i++) {
      expect(spans[i]![1]).toBeLessThanOrEqual(i + 1 < spans.length ? spans[i + 1]![0] : TABLES_SIZE);
    }
    expect(b.length).toBe(TABLES_SIZE);
  });
  it('holds the interpreter data', () => {
    expect(b.subarray(T.ADD, T.ADD + 65536)).toEqual(ADD_TABLE);
    expect(b.subarray(T.SUB, T.SUB + 65536)).toEqual(SUB_TABLE);
    expect(b.subarray(T.SIL8_ADDFLOAT, T.SIL8_ADDFLOAT + 256)).toEqual(sil8.SIL8_ADDFLOAT);
    expect(b.subarray(T.MEASURE, T.MEASURE + 16)).toEqual(sil8.MEASURE);
    for (let i = 0; i < 16; i++) {
      expect(v.getFloat64(T.E_RHO_F64 + 8 * i, true)).toBe(sil8.E_RHO_F64[i]);
      expect(v.getUint32(T.E_RHO_F32 + 4 * i, true)).toBe(sil8.E_RHO_F32_BITS[i]);
      expect(v.getUint16(T.E_RHO_F16 + 2 * i, true)).toBe(sil8.E_RHO_F16_BITS[i]);
    }
    expect(v.getFloat64(T.RHO_THRESHOLD_F64 + 8 * 14, true)).toBe(sil8.RHO_THRESHOLD_F64[14]);
    expect(v.getFloat64(T.NULL_THRESHOLD_F64, true)).toBe(sil8.NULL_THRESHOLD_F64);
  });
  it('derives FLAG_ZNO and SIL8_STORE from the spec definitions', () => {
    for (let x = 0; x < 256; x++) {
      const r = rho(x);
      expect(b[T.FLAG_ZNO + x]).toBe((r === -8 ? 1 : 0) | (r < 0 ? 2 : 0) | (r === 7 || r === -8 ? 4 : 0));
      expect(b[T.SIL8_STORE + x]).toBe(byte(sat(s8(x)), 0));
    }
  });
  it('derives SAT_RHO from sat() and E_RHO_TRUNC from trunc(e^rho)', () => {
    for (let v = -32; v < 32; v++) expect(b[T.SAT_RHO + v + 32]).toBe(byte(sat(v), 0));
    for (let r = -8; r < 8; r++) {
      // trunc(e^rho): e^rho is irrational for rho != 0, so Math.exp's last-bit error cannot cross an integer
      expect(v.getUint16(T.E_RHO_TRUNC + 2 * (r + 8), true)).toBe(Math.trunc(Math.exp(r)));
    }
  });
  it('rounds the CVTF2B thresholds up to binary32 and binary16: every value of the format compares alike', () => {
    const f32 = new DataView(new ArrayBuffer(4));
    const ts = [...sil8.RHO_THRESHOLD_F64, sil8.NULL_THRESHOLD_F64];
    const offs32 = [...ts.slice(0, 15).map((_, i) => T.RHO_THRESHOLD_F32 + 4 * i), T.NULL_THRESHOLD_F32];
    const offs16 = [...ts.slice(0, 15).map((_, i) => T.RHO_THRESHOLD_F16 + 2 * i), T.NULL_THRESHOLD_F16];
    ts.forEach((t, i) => {
      const b32 = v.getUint32(offs32[i]!, true);
      f32.setUint32(0, b32, true);
      const x = f32.getFloat32(0, true);
      f32.setUint32(0, b32 - 1, true);
      const below = f32.getFloat32(0, true);
      // the threshold itself is reached, the binary32 just below it is not (plain JS comparisons in binary64)
      expect(x >= t && below < t).toBe(true);
      const b16 = v.getUint16(offs16[i]!, true);
      expect(f16BitsToNumber(b16) >= t && f16BitsToNumber(b16 - 1) < t).toBe(true);
    });
  });
});
