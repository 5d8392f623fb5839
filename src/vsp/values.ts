// Mode-aware values (spec section 6): the integer and the float of the current MODE at register k, the SIL-8
// load/store rules, exact binary16 <-> binary64 conversions in integer code, canonical NaNs, and the CVT*
// conversion rules. The interpreter's hot loop inlines its own copies of the simple cases; host operations
// (POWFLOAT, print_int, print_float, ...) and tests use these functions. Nothing here allocates except the
// bigint-returning integer accessors.
import { E_RHO_F16_BITS, E_RHO_F32_BITS, E_RHO_F64, E_RHO_TRUNC, NULL_THRESHOLD_F64, RHO_THRESHOLD_F64 } from '../../spec/vsp/sil8-tables.js';
import { Mode, MODE_WIDTH, S } from './state-layout.js';
import type { VspState } from './state.js';

/** Canonical quiet NaNs (spec 6): every NaN written to a register is one of these. */
export const CANONICAL_NAN_F16 = 0x7e00;
export const CANONICAL_NAN_F32 = 0x7fc00000;
/** binary64 canonical NaN 0x7ff8000000000000, as its high and low 32-bit words. */
export const CANONICAL_NAN_F64_HI = 0x7ff80000;
export const CANONICAL_NAN_F64_LO = 0;

/** Integer bit width of a mode for shifts and wrapping (spec 4.4): 8, 16, 32, 64, 64. */
export const MODE_INT_BITS: readonly number[] = [8, 16, 32, 64, 64];

const SCRATCH = new DataView(new ArrayBuffer(8));

// ---------------------------------------------------------------------------------------------------------
// binary16 / binary32 / binary64 bit conversions

/** The exact binary64 value of a binary16 bit pattern (NaN patterns give NaN). */
export function f16BitsToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >>> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0x1f) return m !== 0 ? NaN : sign * Infinity;
  if (e === 0) return sign * m * 2 ** -24;
  return sign * (0x400 + m) * 2 ** (e - 25);
}

/**
 * binary64 -> binary16 bits, rounded once to nearest even, in integer code on the binary64 bit pattern
 * (no float arithmetic, as a JIT without F16C does it). NaN gives the canonical 0x7e00; overflow gives an
 * infinity; signed zeros and subnormals are kept.
 */
export function numberToF16Bits(x: number): number {
  SCRATCH.setFloat64(0, x);
  const hi = SCRATCH.getUint32(0);
  const lo = SCRATCH.getUint32(4);
  const sign = (hi >>> 16) & 0x8000;
  const e = (hi >>> 20) & 0x7ff;
  const m = hi & 0xfffff;
  if (e === 0x7ff) return m !== 0 || lo !== 0 ? CANONICAL_NAN_F16 : sign | 0x7c00;
  const E = e - 1023;
  if (E < -25) return sign; // |x| < 2^-25: rounds to zero (2^-25 itself is the tie handled below)
  if (E > 15) return sign | 0x7c00;
  let r: number;
  let roundBit: number;
  let sticky: number;
  if (E >= -14) {
    // normal: keep the top 10 of the 52 fraction bits
    r = ((E + 15) << 10) | (m >>> 10);
    roundBit = (m >>> 9) & 1;
    sticky = (m & 0x1ff) | lo;
  } else {
    // subnormal: quantum 2^-24; the 53-bit significand (1.m) shifted right by 28 - E bits in all
    const sig = m | 0x100000; // 21 bits of the significand above the 32 in lo
    const sh = -4 - E; // 11..21: the shift within sig (the 32 bits of lo are all below the round bit)
    r = sig >>> sh;
    roundBit = (sig >>> (sh - 1)) & 1;
    sticky = (sig & ((1 << (sh - 1)) - 1)) | lo;
  }
  if (roundBit !== 0 && (sticky !== 0 || (r & 1) !== 0)) r += 1; // a carry moves into the exponent (0x7c00 = inf)
  return sign | r;
}

/** The binary64 value of a binary32 bit pattern. */
export function f32BitsToNumber(bits: number): number {
  SCRATCH.setUint32(0, bits >>> 0, true);
  return SCRATCH.getFloat32(0, true);
}

/** binary64 -> binary32 bits, rounded once to nearest even; NaN gives the canonical 0x7fc00000. */
export function numberToF32Bits(x: number): number {
  if (x !== x) return CANONICAL_NAN_F32;
  SCRATCH.setFloat32(0, x, true);
  return SCRATCH.getUint32(0, true);
}

// ---------------------------------------------------------------------------------------------------------
// SIL-8 rules and ByteSil conversions

/** Whether the value at Rk in `mode` runs past RF: `k + W > 16` raises reg_range (spec 4.4). */
export function regRangeFails(mode: Mode, k: number): boolean {
  return k + MODE_WIDTH[mode]! > 16;
}

/**
 * The SIL-8 integer store (spec 6): `byte(sat(s8(v mod 256)), 0)`: the low byte as two's complement, then
 * saturated to rho. `v` is any integer-valued number (only its value mod 256 matters).
 */
export function sil8StoreInt(v: number): number {
  let low = v % 256;
  if (low < 0) low += 256;
  const s = low >= 128 ? low - 256 : low;
  return s < -8 ? 0x00 : s > 7 ? 0xf0 : (s + 8) << 4;
}

/**
 * from_complex of a real binary64 value (spec 1, 6 CVTF2B): NaN and |v| below the null threshold give NULL;
 * else rho = the greatest k in -7..7 whose threshold T(k) |v| reaches (-8 when none), theta 8 if v < 0.
 * Infinities give rho 7. -0 gives NULL.
 */
export function fromReal(v: number): number {
  if (v !== v) return 0x00;
  const a = v < 0 ? -v : v;
  if (a < NULL_THRESHOLD_F64) return 0x00;
  let k = 0;
  while (k < 15 && a >= RHO_THRESHOLD_F64[k]!) k++;
  // k thresholds reached: rho = k - 8
  return (k << 4) | (v < 0 ? 8 : 0);
}

/**
 * CVTI2B (spec 6): from_complex of an integer given as its unsigned magnitude `mag` (0..2^64, a number is
 * exact enough: only comparisons with 2..666 matter) and its sign. 0 gives NULL.
 */
export function intToByteSil(negative: boolean, mag: number): number {
  if (mag === 0) return 0x00;
  const rho = mag >= 666 ? 7 : mag >= 245 ? 6 : mag >= 91 ? 5 : mag >= 34 ? 4 : mag >= 13 ? 3 : mag >= 5 ? 2 : mag >= 2 ? 1 : 0;
  return ((rho + 8) << 4) | (negative ? 8 : 0);
}

/** CVTB2I's integer (spec 6): trunc(e^rho), negated when theta >= 8. */
export function byteSilToInt(b: number): number {
  const t = E_RHO_TRUNC[b >> 4]!;
  return (b & 15) >= 8 ? -t : t;
}

// ---------------------------------------------------------------------------------------------------------
// The mode's integer and float at register k (S.REGS + k in the state block). The caller checks reg_range.

/** The mode's integer at Rk (SIL-8: rho(Rk); SIL-16: int16; SIL-32: int32; SIL-64/128: int64). */
export function readInt(st: VspState, mode: Mode, k: number): bigint {
  const o = S.REGS + k;
  switch (mode) {
    case Mode.SIL8:
      return BigInt((st.bytes[o]! >> 4) - 8);
    case Mode.SIL16:
      return BigInt(st.view.getInt16(o, true));
    case Mode.SIL32:
      return BigInt(st.view.getInt32(o, true));
    default:
      return st.view.getBigInt64(o, true);
  }
}

/** Stores an integer as the mode's integer at Rk: SIL-8 by the rule of section 6, wider modes wrap to the width. */
export function writeInt(st: VspState, mode: Mode, k: number, v: bigint): void {
  const o = S.REGS + k;
  switch (mode) {
    case Mode.SIL8:
      st.bytes[o] = sil8StoreInt(Number(BigInt.asIntN(16, v)));
      return;
    case Mode.SIL16:
      st.view.setInt16(o, Number(BigInt.asIntN(16, v)), true);
      return;
    case Mode.SIL32:
      st.view.setInt32(o, Number(BigInt.asIntN(32, v)), true);
      return;
    default:
      st.view.setBigInt64(o, BigInt.asIntN(64, v), true);
  }
}

/**
 * The mode's float at Rk as an exact binary64. SIL-8: the binary64 `e^rho(Rk)` of table 10.3 (theta ignored;
 * SIL-8 float arithmetic itself uses the exact tables of section 10, never this rounding).
 */
export function readFloat(st: VspState, mode: Mode, k: number): number {
  const o = S.REGS + k;
  switch (mode) {
    case Mode.SIL8:
      return E_RHO_F64[st.bytes[o]! >> 4]!;
    case Mode.SIL16:
      return f16BitsToNumber(st.view.getUint16(o, true));
    case Mode.SIL32:
      return st.view.getFloat32(o, true);
    default:
      return st.view.getFloat64(o, true);
  }
}

/**
 * Writes the binary64 value `v` as the mode's float at Rk, rounded once to the mode's format (binary16
 * directly from binary64, never through binary32), with the canonical NaN. SIL-8: `from_complex(v)`.
 */
export function writeFloat(st: VspState, mode: Mode, k: number, v: number): void {
  const o = S.REGS + k;
  switch (mode) {
    case Mode.SIL8:
      st.bytes[o] = fromReal(v);
      return;
    case Mode.SIL16:
      st.view.setUint16(o, numberToF16Bits(v), true);
      return;
    case Mode.SIL32:
      st.view.setUint32(o, numberToF32Bits(v), true);
      return;
    default:
      writeF64(st.view, o, v);
  }
}

/** Stores a binary64 at byte offset `o` of a view, little-endian, with the canonical NaN. */
export function writeF64(view: DataView, o: number, v: number): void {
  if (v !== v) {
    view.setUint32(o, CANONICAL_NAN_F64_LO, true);
    view.setUint32(o + 4, CANONICAL_NAN_F64_HI, true);
  } else {
    view.setFloat64(o, v, true);
  }
}

/** CVTB2F (spec 6, table 10.3): `e^rho(b)` correctly rounded to the mode's float, written at Rk (SIL-8: byte(rho, 0)). */
export function writeERho(st: VspState, mode: Mode, k: number, b: number): void {
  const o = S.REGS + k;
  const i = b >> 4;
  switch (mode) {
    case Mode.SIL8:
      st.bytes[o] = b & 0xf0;
      return;
    case Mode.SIL16:
      st.view.setUint16(o, E_RHO_F16_BITS[i]!, true);
      return;
    case Mode.SIL32:
      st.view.setUint32(o, E_RHO_F32_BITS[i]!, true);
      return;
    default:
      st.view.setFloat64(o, E_RHO_F64[i]!, true);
  }
}

/**
 * CVTF2I's integer (spec 6): truncate toward zero, saturate to the int64 range, NaN gives 0. Returned as a
 * bigint (the caller stores it with writeInt, which wraps or applies the SIL-8 rule).
 */
export function floatToInt64(v: number): bigint {
  if (v !== v) return 0n;
  if (v >= 9223372036854775808) return 9223372036854775807n;
  if (v <= -9223372036854775808) return -9223372036854775808n;
  return BigInt(Math.trunc(v));
}

/** CVTI2F in a wide mode: the integer rounded once to nearest even as binary64 (the caller then rounds to the mode). */
export function int64ToNumber(v: bigint): number {
  return Number(v); // ECMAScript Number(bigint) rounds to nearest, ties to even: one rounding
}
