// The read-only tables block that compiled code receives as its second argument (docs/jit-design.md):
// every table spec 12 allows JIT code to look up inline, at fixed offsets, built once per process from the
// same data the interpreter uses (spec/vsp/*, src/vsp/bytesil-tables.ts). Both backends index it with the
// offsets in T; nothing else defines them.
import {
  E_RHO_F16_BITS,
  E_RHO_TRUNC,
  E_RHO_F32_BITS,
  E_RHO_F64,
  MEASURE,
  NULL_THRESHOLD_F64,
  RHO_THRESHOLD_F64,
  SIL8_ABSFLOAT,
  SIL8_ADDFLOAT,
  SIL8_CEILFLOAT,
  SIL8_CVTB2I_NEG,
  SIL8_CVTF2I,
  SIL8_CVTI2F,
  SIL8_FLOORFLOAT,
  SIL8_NEGFLOAT,
  SIL8_SQRTFLOAT,
  SIL8_SUBFLOAT,
} from '../../spec/vsp/sil8-tables.js';
import { ADD_TABLE, SUB_TABLE } from '../vsp/bytesil-tables.js';
import { Flag } from '../vsp/state-layout.js';
import { f16BitsToNumber, numberToF16Bits } from '../vsp/values.js';

/** Byte offsets inside the tables block. */
export const T = {
  /** ADD_TABLE[a * 256 + b] (spec 4.3). */
  ADD: 0x00000,
  /** SUB_TABLE[a * 256 + b]. */
  SUB: 0x10000,
  /** flags(Ra) bits Z|N|O for each byte value (C handled separately). */
  FLAG_ZNO: 0x20000,
  /** SIL-8 integer store: byte(sat(s8(v & 255)), 0) indexed by v & 255 (spec 6). */
  SIL8_STORE: 0x20100,
  /** SIL-8 ADDFLOAT / SUBFLOAT 16x16, index (rho(a) + 8) * 16 + rho(b) + 8 (spec 10.1). */
  SIL8_ADDFLOAT: 0x20200,
  SIL8_SUBFLOAT: 0x20300,
  /** SIL-8 unary tables, 16 entries each, index rho + 8 (spec 10.2). */
  SIL8_SQRTFLOAT: 0x20400,
  SIL8_NEGFLOAT: 0x20410,
  SIL8_ABSFLOAT: 0x20420,
  SIL8_FLOORFLOAT: 0x20430,
  SIL8_CEILFLOAT: 0x20440,
  SIL8_CVTI2F: 0x20450,
  SIL8_CVTF2I: 0x20460,
  SIL8_CVTB2I_NEG: 0x20470,
  /** BIT.MEASURE, index theta (spec 4.8). */
  MEASURE: 0x20480,
  /** e^rho correctly rounded, index rho + 8: binary64 (8 bytes each), binary32 (4), binary16 (2) (spec 10.3). */
  E_RHO_F64: 0x20500,
  E_RHO_F32: 0x20580,
  E_RHO_F16: 0x205c0,
  /** CVTF2B thresholds T(k) for k = -7..7 as binary64 (index k + 7), then the null threshold (spec 10.4). */
  RHO_THRESHOLD_F64: 0x20600,
  NULL_THRESHOLD_F64: 0x20678,
  /** byte(sat(v), 0) for v = -32..31, index v + 32 (saturating rho arithmetic of MUL, DIV, SCALE, INV, GATHER). */
  SAT_RHO: 0x20680,
  /** trunc(e^rho) as u16, index rho + 8 (CVTB2I in the wide modes, spec 6). */
  E_RHO_TRUNC: 0x206c0,
  /**
   * CVTF2B thresholds for binary32 and binary16 values: the smallest value of that format not below the
   * binary64 threshold (so `|v| >= T32(k)` iff `|v| >= T64(k)` for every binary32 v), as bit patterns (u32,
   * u16), index k + 7, then the null threshold. Non-negative floats order like their bit patterns, so a
   * backend can compare them with integer instructions.
   */
  RHO_THRESHOLD_F32: 0x206e0,
  NULL_THRESHOLD_F32: 0x2071c,
  RHO_THRESHOLD_F16: 0x20720,
  NULL_THRESHOLD_F16: 0x2073e,
} as const;

export const TABLES_SIZE = 0x20740;

/** The bits of the smallest binary32 not below the (positive, finite) binary64 t. */
export function f32CeilBits(t: number): number {
  const v = new DataView(new ArrayBuffer(4));
  v.setFloat32(0, t, true);
  let bits = v.getUint32(0, true);
  if (v.getFloat32(0, true) < t) bits += 1;
  return bits;
}

/** The bits of the smallest binary16 not below the (positive, finite) binary64 t. */
export function f16CeilBits(t: number): number {
  let bits = numberToF16Bits(t);
  if (f16BitsToNumber(bits) < t) bits += 1;
  return bits;
}

let block: Uint8Array | null = null;

/** The tables block (built on first use, then shared; treat it as read-only). */
export function tablesBlock(): Uint8Array {
  if (block) return block;
  const b = new Uint8Array(TABLES_SIZE);
  const v = new DataView(b.buffer);
  b.set(ADD_TABLE, T.ADD);
  b.set(SUB_TABLE, T.SUB);
  for (let x = 0; x < 256; x++) {
    const rho = (x >> 4) - 8;
    b[T.FLAG_ZNO + x] = (rho === -8 ? Flag.Z : 0) | (rho < 0 ? Flag.N : 0) | (rho === 7 || rho === -8 ? Flag.O : 0);
    const s = x >= 128 ? x - 256 : x;
    b[T.SIL8_STORE + x] = ((s < -8 ? -8 : s > 7 ? 7 : s) + 8) << 4;
  }
  b.set(SIL8_ADDFLOAT, T.SIL8_ADDFLOAT);
  b.set(SIL8_SUBFLOAT, T.SIL8_SUBFLOAT);
  b.set(SIL8_SQRTFLOAT, T.SIL8_SQRTFLOAT);
  b.set(SIL8_NEGFLOAT, T.SIL8_NEGFLOAT);
  b.set(SIL8_ABSFLOAT, T.SIL8_ABSFLOAT);
  b.set(SIL8_FLOORFLOAT, T.SIL8_FLOORFLOAT);
  b.set(SIL8_CEILFLOAT, T.SIL8_CEILFLOAT);
  b.set(SIL8_CVTI2F, T.SIL8_CVTI2F);
  b.set(SIL8_CVTF2I, T.SIL8_CVTF2I);
  b.set(SIL8_CVTB2I_NEG, T.SIL8_CVTB2I_NEG);
  b.set(MEASURE, T.MEASURE);
  for (let i = 0; i < 16; i++) {
    v.setFloat64(T.E_RHO_F64 + 8 * i, E_RHO_F64[i]!, true);
    v.setUint32(T.E_RHO_F32 + 4 * i, E_RHO_F32_BITS[i]!, true);
    v.setUint16(T.E_RHO_F16 + 2 * i, E_RHO_F16_BITS[i]!, true);
  }
  for (let i = 0; i < RHO_THRESHOLD_F64.length; i++) v.setFloat64(T.RHO_THRESHOLD_F64 + 8 * i, RHO_THRESHOLD_F64[i]!, true);
  v.setFloat64(T.NULL_THRESHOLD_F64, NULL_THRESHOLD_F64, true);
  for (let i = 0; i < 64; i++) {
    const r = i - 32;
    b[T.SAT_RHO + i] = ((r < -8 ? -8 : r > 7 ? 7 : r) + 8) << 4;
  }
  for (let i = 0; i < 16; i++) v.setUint16(T.E_RHO_TRUNC + 2 * i, E_RHO_TRUNC[i]!, true);
  for (let i = 0; i < RHO_THRESHOLD_F64.length; i++) {
    v.setUint32(T.RHO_THRESHOLD_F32 + 4 * i, f32CeilBits(RHO_THRESHOLD_F64[i]!), true);
    v.setUint16(T.RHO_THRESHOLD_F16 + 2 * i, f16CeilBits(RHO_THRESHOLD_F64[i]!), true);
  }
  v.setUint32(T.NULL_THRESHOLD_F32, f32CeilBits(NULL_THRESHOLD_F64), true);
  v.setUint16(T.NULL_THRESHOLD_F16, f16CeilBits(NULL_THRESHOLD_F64), true);
  block = b;
  return b;
}
