// 64-bit two's complement arithmetic on (lo, hi) int32 halves, for the SIL-64/SIL-128 integer operations
// (spec 4.4: results wrap modulo 2^64). Multiplication and powers need no allocation; division uses exact
// binary64 arithmetic while both operands are within 2^53 and bigint beyond (rare values only).
// Results are returned in the module-level RES (RES[0] = lo, RES[1] = hi).

/** Result halves of the last operation: [lo, hi] as int32. */
export const RES = new Int32Array(2);

const TWO32 = 4294967296;

/** High 32 bits (as int32) of the unsigned 64-bit product of two u32 values given as int32 bit patterns. */
export function mulHiU32(a: number, b: number): number {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  return (a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16)) | 0;
}

/** RES = (alo, ahi) * (blo, bhi) mod 2^64. */
export function mul64(alo: number, ahi: number, blo: number, bhi: number): void {
  const hi = (mulHiU32(alo, blo) + Math.imul(alo, bhi) + Math.imul(ahi, blo)) | 0;
  RES[0] = Math.imul(alo, blo);
  RES[1] = hi;
}

/** RES = base^e mod 2^64 by squaring (e = 0..2^32-1 unsigned; base^0 = 1, also for base 0). */
export function pow64(blo: number, bhi: number, e: number): void {
  let rlo = 1;
  let rhi = 0;
  let xlo = blo;
  let xhi = bhi;
  e >>>= 0;
  while (e !== 0) {
    if ((e & 1) !== 0) {
      mul64(rlo, rhi, xlo, xhi);
      rlo = RES[0]!;
      rhi = RES[1]!;
    }
    e >>>= 1;
    if (e === 0) break;
    mul64(xlo, xhi, xlo, xhi);
    xlo = RES[0]!;
    xhi = RES[1]!;
  }
  RES[0] = rlo;
  RES[1] = rhi;
}

/** base^e mod 2^32 by squaring (int32 result); its low 8/16 bits are the SIL-8/SIL-16 powers mod 2^8/2^16. */
export function pow32(base: number, e: number): number {
  let r = 1;
  let x = base | 0;
  e >>>= 0;
  while (e !== 0) {
    if ((e & 1) !== 0) r = Math.imul(r, x);
    e >>>= 1;
    if (e === 0) break;
    x = Math.imul(x, x);
  }
  return r;
}

/** Whether (lo, hi) is within +-(2^53 - 1), so that hi * 2^32 + (lo >>> 0) is exact. */
function safe(lo: number, hi: number): boolean {
  return hi >= -0x200000 && hi < 0x200000 && !(hi === -0x200000 && lo === 0);
}

function toNumber(lo: number, hi: number): number {
  return hi * TWO32 + (lo >>> 0);
}

function fromNumber(v: number): void {
  const hi = Math.floor(v / TWO32);
  RES[0] = (v - hi * TWO32) | 0;
  RES[1] = hi | 0;
}

function toBig(lo: number, hi: number): bigint {
  return (BigInt(hi) << 32n) | BigInt(lo >>> 0);
}

function fromBig(v: bigint): void {
  const w = BigInt.asIntN(64, v);
  RES[0] = Number(BigInt.asIntN(32, w));
  RES[1] = Number(w >> 32n);
}

/**
 * RES = a / b truncated toward zero (wrapping: MIN / -1 = MIN); the caller ensures b != 0.
 * With |a|, |b| < 2^53 the binary64 quotient truncates exactly (its error is below 1/|b|, the distance from
 * a non-integer quotient to the nearest integer).
 */
export function div64(alo: number, ahi: number, blo: number, bhi: number): void {
  if (safe(alo, ahi) && safe(blo, bhi)) {
    fromNumber(Math.trunc(toNumber(alo, ahi) / toNumber(blo, bhi)));
  } else {
    fromBig(toBig(alo, ahi) / toBig(blo, bhi));
  }
}

/** RES = a mod b with the sign of a (MIN mod -1 = 0); the caller ensures b != 0. */
export function mod64(alo: number, ahi: number, blo: number, bhi: number): void {
  if (safe(alo, ahi) && safe(blo, bhi)) {
    fromNumber(toNumber(alo, ahi) % toNumber(blo, bhi));
  } else {
    fromBig(toBig(alo, ahi) % toBig(blo, bhi));
  }
}

/** The int64 (lo, hi) as binary64, rounded once to nearest even (hi * 2^32 is exact, so one addition rounds). */
export function int64ToDouble(lo: number, hi: number): number {
  return hi * TWO32 + (lo >>> 0);
}

/**
 * RES = trunc(v) saturated to the int64 range, NaN giving 0 (spec 6 CVTF2I before the store).
 */
export function doubleToInt64Sat(v: number): void {
  if (v !== v) {
    RES[0] = 0;
    RES[1] = 0;
  } else if (v >= 9223372036854775808) {
    RES[0] = -1;
    RES[1] = 0x7fffffff;
  } else if (v <= -9223372036854775808) {
    RES[0] = 0;
    RES[1] = -0x80000000;
  } else {
    fromNumber(Math.trunc(v));
  }
}
