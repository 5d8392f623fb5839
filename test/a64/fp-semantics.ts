// A64 floating-point operations on bit patterns, written from the Arm ARM pseudocode (FPProcessNaNs,
// FPAdd, FPMul, FPDiv, FPSqrt, FPMax/FPMin(Num), FPMulAdd, FPRoundInt(N), FPToFixed, FixedToFP,
// FPConvert, FPCompare) on top of the exact IEEE model of test/support/softfloat.ts. FPCR controls
// rounding (RMode, bits 23:22) and default NaN (DN, bit 25); flush-to-zero (FZ, FZ16) and the
// alternative half-precision format (AHP) are not modelled: the tests keep them 0. The FPSR cumulative
// exception flags the operations raise (IOC, DZC, OFC, UFC — tininess before rounding —, IXC) collect in
// `fpExceptions` (IDC needs FZ = 1, so it is never raised here).
import {
  bitLength,
  exactAdd,
  exactDiv,
  exactMul,
  exactOf,
  exactSqrt,
  F16,
  F32,
  F64,
  fracMask,
  infBits,
  nanBits,
  quietBit,
  round,
  roundExact,
  roundToInteger,
  unpack,
  zeroBits,
  type Exact,
  type FpFormat,
  type Rounding,
  type RoundResult,
  type Unpacked,
} from '../support/softfloat.js';

/** FPSR cumulative exception bits. */
export const FPSR = { IOC: 1, DZC: 2, OFC: 4, UFC: 8, IXC: 16 } as const;
/** The exceptions raised since the caller last cleared `flags` (the tests clear it per instruction). */
export const fpExceptions = { flags: 0 };
const raise = (bits: number): void => {
  fpExceptions.flags |= bits;
};
/** Records the exceptions of a rounding: overflow (OFC, IXC), underflow (UFC: tiny and inexact), inexact (IXC). */
function roundingExceptions(r: RoundResult): bigint {
  if (r.overflow) raise(FPSR.OFC | FPSR.IXC);
  else if (r.inexact) raise(FPSR.IXC | (r.underflow ? FPSR.UFC : 0));
  return r.bits;
}

export const FPCR_DN = 1 << 25;
export const FPCR_FZ = 1 << 24;
export const FPCR_AHP = 1 << 26;
const RMODES: readonly Rounding[] = ['rn', 'rp', 'rm', 'rz'];

export const formatOf = (t: string): FpFormat => {
  switch (t) {
    case 'h':
      return F16;
    case 's':
      return F32;
    case 'd':
      return F64;
  }
  throw new Error(`fp model: no FP format for element type '${t}'`);
};

/** The rounding mode FPCR.RMode selects. */
export const fpcrRounding = (fpcr: number): Rounding => RMODES[(fpcr >> 22) & 3];

/** FPDefaultNaN: positive, quiet bit only. */
export const defaultNaN = (f: FpFormat): bigint => nanBits(f, 0, quietBit(f));
/** An invalid operation: IOC, and the default NaN. */
const invalid = (f: FpFormat): bigint => {
  raise(FPSR.IOC);
  return defaultNaN(f);
};

export const fpNeg = (bits: bigint, f: FpFormat): bigint => bits ^ (1n << BigInt(f.bits - 1));
export const fpAbs = (bits: bigint, f: FpFormat): bigint => bits & ~(1n << BigInt(f.bits - 1));

/** FPProcessNaN: quiet a signalling NaN; the default NaN when FPCR.DN. */
function processNaN(bits: bigint, f: FpFormat, fpcr: number): bigint {
  if (fpcr & FPCR_DN) return defaultNaN(f);
  return bits | quietBit(f);
}

/** FPProcessNaNs(2/3): the first signalling NaN, else the first quiet NaN, processed; null when none is a NaN. */
export function processNaNs(ops: readonly bigint[], f: FpFormat, fpcr: number): bigint | null {
  const us = ops.map((b) => unpack(b, f));
  for (let i = 0; i < ops.length; i++) {
    const u = us[i];
    if (u.kind === 'nan' && !u.quiet) {
      raise(FPSR.IOC);
      return processNaN(ops[i], f, fpcr);
    }
  }
  for (let i = 0; i < ops.length; i++) if (us[i].kind === 'nan') return processNaN(ops[i], f, fpcr);
  return null;
}

const rounded = (x: Exact, f: FpFormat, fpcr: number): bigint => {
  const rm = fpcrRounding(fpcr);
  return roundingExceptions(roundExact(x, f, rm, rm === 'rm' ? 1 : 0));
};

export function fpAdd(a: bigint, b: bigint, f: FpFormat, fpcr: number, sub = false): bigint {
  if (sub) b = fpNeg(b, f); // FPSub = FPAdd with op2 negated, after NaN processing of the original op2
  const n = processNaNs([a, sub ? fpNeg(b, f) : b], f, fpcr);
  if (n !== null) return n;
  const ua = unpack(a, f);
  const ub = unpack(b, f);
  if (ua.kind === 'inf' && ub.kind === 'inf' && ua.sign !== ub.sign) return invalid(f);
  if (ua.kind === 'inf') return infBits(f, ua.sign);
  if (ub.kind === 'inf') return infBits(f, ub.sign);
  if (ua.kind === 'zero' && ub.kind === 'zero' && ua.sign === ub.sign) return zeroBits(f, ua.sign);
  return rounded(exactAdd(exactOf(ua), exactOf(ub)), f, fpcr);
}

export function fpMul(a: bigint, b: bigint, f: FpFormat, fpcr: number): bigint {
  const n = processNaNs([a, b], f, fpcr);
  if (n !== null) return n;
  const ua = unpack(a, f);
  const ub = unpack(b, f);
  const sign = (ua.sign ^ ub.sign) as 0 | 1;
  if ((ua.kind === 'inf' && ub.kind === 'zero') || (ua.kind === 'zero' && ub.kind === 'inf')) return invalid(f);
  if (ua.kind === 'inf' || ub.kind === 'inf') return infBits(f, sign);
  if (ua.kind === 'zero' || ub.kind === 'zero') return zeroBits(f, sign);
  return rounded(exactMul(exactOf(ua), exactOf(ub)), f, fpcr);
}

/** FMULX: as FMUL, except that infinity × zero is 2.0 with the sign of the product. */
export function fpMulX(a: bigint, b: bigint, f: FpFormat, fpcr: number): bigint {
  const n = processNaNs([a, b], f, fpcr);
  if (n !== null) return n;
  const ua = unpack(a, f);
  const ub = unpack(b, f);
  if ((ua.kind === 'inf' && ub.kind === 'zero') || (ua.kind === 'zero' && ub.kind === 'inf')) return round((ua.sign ^ ub.sign) as 0 | 1, 1n, 1, false, f, 'rn').bits;
  return fpMul(a, b, f, fpcr);
}

export function fpDiv(a: bigint, b: bigint, f: FpFormat, fpcr: number): bigint {
  const n = processNaNs([a, b], f, fpcr);
  if (n !== null) return n;
  const ua = unpack(a, f);
  const ub = unpack(b, f);
  const sign = (ua.sign ^ ub.sign) as 0 | 1;
  if ((ua.kind === 'inf' && ub.kind === 'inf') || (ua.kind === 'zero' && ub.kind === 'zero')) return invalid(f);
  if (ub.kind === 'zero' && ua.kind === 'num') raise(FPSR.DZC);
  if (ua.kind === 'inf' || ub.kind === 'zero') return infBits(f, sign);
  if (ua.kind === 'zero' || ub.kind === 'inf') return zeroBits(f, sign);
  return rounded(exactDiv(exactOf(ua), exactOf(ub), f.p), f, fpcr);
}

export function fpSqrt(a: bigint, f: FpFormat, fpcr: number): bigint {
  const n = processNaNs([a], f, fpcr);
  if (n !== null) return n;
  const u = unpack(a, f);
  if (u.kind === 'zero') return a;
  if (u.sign === 1) return invalid(f);
  if (u.kind === 'inf') return a;
  return rounded(exactSqrt(exactOf(u), f.p), f, fpcr);
}

/** Compares two non-NaN values: -1, 0, 1 (zeros equal). */
function cmpValues(ua: Unpacked, ub: Unpacked): number {
  const key = (u: Unpacked): Exact | 'inf+' | 'inf-' => (u.kind === 'inf' ? (u.sign ? 'inf-' : 'inf+') : exactOf(u));
  const ka = key(ua);
  const kb = key(ub);
  if (ka === kb) return 0;
  if (ka === 'inf-' || kb === 'inf+') return -1;
  if (ka === 'inf+' || kb === 'inf-') return 1;
  const d = exactAdd(ka, { ...kb, sign: (kb.sign ^ 1) as 0 | 1 });
  return d.mant === 0n ? 0 : d.sign ? -1 : 1;
}

export function fpMaxMin(a: bigint, b: bigint, f: FpFormat, fpcr: number, max: boolean, numeric: boolean): bigint {
  const ua = unpack(a, f);
  const ub = unpack(b, f);
  if (numeric) {
    // FPMaxNum/FPMinNum: a quiet NaN against a number gives the number.
    const qa = ua.kind === 'nan' && ua.quiet;
    const qb = ub.kind === 'nan' && ub.quiet;
    if (qa && ub.kind !== 'nan') return b;
    if (qb && ua.kind !== 'nan') return a;
  }
  const n = processNaNs([a, b], f, fpcr);
  if (n !== null) return n;
  if (ua.kind === 'zero' && ub.kind === 'zero') return zeroBits(f, (max ? ua.sign & ub.sign : ua.sign | ub.sign) as 0 | 1);
  const c = cmpValues(ua, ub);
  return (max ? c >= 0 : c <= 0) ? a : b;
}

/** FPMulAdd(addend, op1, op2): addend + op1 × op2 with one rounding. */
export function fpMulAdd(addend: bigint, a: bigint, b: bigint, f: FpFormat, fpcr: number): bigint {
  const uA = unpack(addend, f);
  const u1 = unpack(a, f);
  const u2 = unpack(b, f);
  const infZero = (u1.kind === 'inf' && u2.kind === 'zero') || (u1.kind === 'zero' && u2.kind === 'inf');
  const n = processNaNs([addend, a, b], f, fpcr);
  if (uA.kind === 'nan' && uA.quiet && infZero) return invalid(f);
  if (n !== null) return n;
  const signP = (u1.sign ^ u2.sign) as 0 | 1;
  const infP = u1.kind === 'inf' || u2.kind === 'inf';
  const zeroP = u1.kind === 'zero' || u2.kind === 'zero';
  if (infZero || (uA.kind === 'inf' && infP && uA.sign !== signP)) return invalid(f);
  if ((uA.kind === 'inf' && uA.sign === 0) || (infP && signP === 0)) return infBits(f, 0);
  if ((uA.kind === 'inf' && uA.sign === 1) || (infP && signP === 1)) return infBits(f, 1);
  if (uA.kind === 'zero' && zeroP && uA.sign === signP) return zeroBits(f, uA.sign);
  const prod: Exact = zeroP ? { sign: signP, mant: 0n, exp: 0 } : exactMul(exactOf(u1), exactOf(u2));
  return rounded(exactAdd(exactOf(uA), prod), f, fpcr);
}

const isSNaN = (u: Unpacked) => u.kind === 'nan' && !u.quiet;

/** FPCompare: NZCV (bits 3..0) — equal 0110, less 1000, greater 0010, unordered 0011; IOC for a signalling NaN, or any NaN when `signalAll` (FCMPE). */
export function fpCompare(a: bigint, b: bigint, f: FpFormat, signalAll = false): number {
  const ua = unpack(a, f);
  const ub = unpack(b, f);
  if (ua.kind === 'nan' || ub.kind === 'nan') {
    if (signalAll || isSNaN(ua) || isSNaN(ub)) raise(FPSR.IOC);
    return 0b0011;
  }
  const c = cmpValues(ua, ub);
  return c === 0 ? 0b0110 : c < 0 ? 0b1000 : 0b0010;
}

/** The FP compare predicates of the vector/scalar compare instructions (all false when unordered). */
export function fpComparePred(a: bigint, b: bigint, f: FpFormat, pred: 'eq' | 'ge' | 'gt'): boolean {
  const ua = unpack(a, f);
  const ub = unpack(b, f);
  if (ua.kind === 'nan' || ub.kind === 'nan') {
    // FPCompareEQ is quiet (IOC for signalling NaNs only); FPCompareGE/GT signal on every NaN.
    if (pred !== 'eq' || isSNaN(ua) || isSNaN(ub)) raise(FPSR.IOC);
    return false;
  }
  const c = cmpValues(ua, ub);
  return pred === 'eq' ? c === 0 : pred === 'ge' ? c >= 0 : c > 0;
}

/** FPRoundInt: round to an integral value in the same format; zero results keep the operand's sign; IXC when `exact` (FRINTX) and inexact. */
export function fpRoundInt(a: bigint, f: FpFormat, fpcr: number, rm: Rounding, exact = false): bigint {
  const n = processNaNs([a], f, fpcr);
  if (n !== null) return n;
  const u = unpack(a, f);
  if (u.kind !== 'num') return a;
  const r = roundToInteger(exactOf(u), rm);
  if (exact && r.inexact) raise(FPSR.IXC);
  const v = r.value;
  if (v === 0n) return zeroBits(f, u.sign);
  return round(u.sign, v < 0n ? -v : v, 0, false, f, 'rn').bits;
}

/** FPRoundIntN (FRINT32Z/X, FRINT64Z/X): NaN, infinity or a result outside intN give −2^(N−1). */
export function fpRoundIntN(a: bigint, f: FpFormat, rm: Rounding, intBits: 32 | 64): bigint {
  const u = unpack(a, f);
  const minInt = round(1, 1n, intBits - 1, false, f, 'rn').bits;
  if (u.kind === 'nan' || u.kind === 'inf') {
    raise(FPSR.IOC);
    return minInt;
  }
  if (u.kind === 'zero') return a;
  const r = roundToInteger(exactOf(u), rm);
  const v = r.value;
  if (v > (1n << BigInt(intBits - 1)) - 1n || v < -(1n << BigInt(intBits - 1))) {
    raise(FPSR.IOC);
    return minInt;
  }
  if (r.inexact) raise(FPSR.IXC);
  if (v === 0n) return zeroBits(f, u.sign);
  return round(u.sign, v < 0n ? -v : v, 0, false, f, 'rn').bits;
}

/** FPToFixed: value × 2^fbits rounded in direction rm, saturated to a signed/unsigned integer of `bits` bits (NaN: 0). Returns the bit pattern. */
export function fpToFixed(a: bigint, f: FpFormat, fbits: number, unsigned: boolean, bits: number, rm: Rounding): bigint {
  const u = unpack(a, f);
  const max = unsigned ? (1n << BigInt(bits)) - 1n : (1n << BigInt(bits - 1)) - 1n;
  const min = unsigned ? 0n : -(1n << BigInt(bits - 1));
  let v: bigint;
  let inexact = false;
  if (u.kind === 'nan') v = 0n;
  else if (u.kind === 'inf') v = u.sign ? min : max;
  else if (u.kind === 'zero') v = 0n;
  else ({ value: v, inexact } = roundToInteger({ sign: u.sign, mant: u.mant, exp: u.exp + fbits }, rm));
  if (u.kind === 'nan' || u.kind === 'inf' || v > max || v < min) raise(FPSR.IOC);
  else if (inexact) raise(FPSR.IXC);
  if (v > max) v = max;
  if (v < min) v = min;
  return BigInt.asUintN(bits, v);
}

/** FixedToFP: the integer (already read as signed or unsigned) / 2^fbits, rounded to f. */
export function fixedToFp(v: bigint, fbits: number, f: FpFormat, rm: Rounding): bigint {
  if (v === 0n) return zeroBits(f, 0);
  return roundingExceptions(round(v < 0n ? 1 : 0, v < 0n ? -v : v, -fbits, false, f, rm));
}

/** FPConvert between precisions (IEEE half precision: FPCR.AHP = 0). */
export function fpConvert(a: bigint, from: FpFormat, to: FpFormat, fpcr: number, rm: Rounding = fpcrRounding(fpcr)): bigint {
  const u = unpack(a, from);
  switch (u.kind) {
    case 'nan': {
      if (!u.quiet) raise(FPSR.IOC);
      if (fpcr & FPCR_DN) return defaultNaN(to);
      const shift = (to.p - 1) - (from.p - 1);
      const frac = shift >= 0 ? u.payload << BigInt(shift) : u.payload >> BigInt(-shift);
      return nanBits(to, u.sign, (frac & fracMask(to)) | quietBit(to));
    }
    case 'inf':
      return infBits(to, u.sign);
    case 'zero':
      return zeroBits(to, u.sign);
    case 'num':
      return roundingExceptions(round(u.sign, u.mant, u.exp, false, to, rm));
  }
}

/** FJCVTZS: the double rounded toward zero, modulo 2^32; Z set when the conversion was exact and in range. */
export function fjcvtzs(a: bigint): { value: bigint; z: boolean } {
  const u = unpack(a, F64);
  if (u.kind === 'nan' || u.kind === 'inf') {
    raise(FPSR.IOC);
    return { value: 0n, z: false };
  }
  if (u.kind === 'zero') return { value: 0n, z: u.sign === 0 };
  const r = roundToInteger({ sign: u.sign, mant: u.mant, exp: u.exp }, 'rz');
  const inRange = r.value >= -(1n << 31n) && r.value < 1n << 31n;
  if (!inRange) raise(FPSR.IOC);
  else if (r.inexact) raise(FPSR.IXC);
  return { value: BigInt.asUintN(32, r.value), z: !r.inexact && inRange };
}

/** VFPExpandImm-style: the bit pattern of an exactly representable JS number in format f. */
export function fpFromNumber(x: number, f: FpFormat): bigint {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  return fpConvert(buf.getBigUint64(0), F64, f, 0, 'rn');
}

/** FPRecipStepFused (FRECPS): 2 − a × b with one rounding; infinity × zero gives 2.0. NaNs are processed after negating a. */
export function fpRecipStep(a: bigint, b: bigint, f: FpFormat, fpcr: number): bigint {
  return stepFused(fpNeg(a, f), b, f, fpcr, { sign: 0, mant: 1n, exp: 1 }, 0);
}

/** FPRSqrtStepFused (FRSQRTS): (3 − a × b) / 2 with one rounding; infinity × zero gives 1.5. */
export function fpRSqrtStep(a: bigint, b: bigint, f: FpFormat, fpcr: number): bigint {
  return stepFused(fpNeg(a, f), b, f, fpcr, { sign: 0, mant: 3n, exp: 0 }, -1);
}

function stepFused(na: bigint, b: bigint, f: FpFormat, fpcr: number, k: Exact, scale: number): bigint {
  const n = processNaNs([na, b], f, fpcr);
  if (n !== null) return n;
  const u1 = unpack(na, f);
  const u2 = unpack(b, f);
  if ((u1.kind === 'inf' && u2.kind === 'zero') || (u1.kind === 'zero' && u2.kind === 'inf')) return round(0, k.mant, k.exp + scale, false, f, 'rn').bits;
  if (u1.kind === 'inf' || u2.kind === 'inf') return infBits(f, (u1.sign ^ u2.sign) as 0 | 1);
  const prod: Exact = u1.kind === 'zero' || u2.kind === 'zero' ? { sign: 0, mant: 0n, exp: 0 } : exactMul(exactOf(u1), exactOf(u2));
  const sum = exactAdd(k, prod);
  return rounded({ ...sum, exp: sum.exp + scale }, f, fpcr);
}

/** FRECPX: the reciprocal exponent — sign, inverted exponent (zero and subnormal: the largest finite exponent), zero fraction. */
export function fpRecpX(a: bigint, f: FpFormat, fpcr: number): bigint {
  const n = processNaNs([a], f, fpcr);
  if (n !== null) return n;
  const fb = BigInt(f.p - 1);
  const emask = (1n << BigInt(f.ebits)) - 1n;
  const e = (a >> fb) & emask;
  const sign = a & (1n << BigInt(f.bits - 1));
  const ne = e === 0n ? emask - 1n : ~e & emask;
  return sign | (ne << fb);
}

/** FPConvert with round-to-odd (FCVTXN): truncate, then set the last bit when inexact. */
export function fpConvertOdd(a: bigint, from: FpFormat, to: FpFormat, fpcr: number): bigint {
  const u = unpack(a, from);
  if (u.kind !== 'num') return fpConvert(a, from, to, fpcr);
  const r = round(u.sign, u.mant, u.exp, false, to, 'rz');
  roundingExceptions(r);
  return r.inexact ? r.bits | 1n : r.bits;
}

/** RecipEstimate (Arm ARM, no FEAT_RPRES): a in 256..511 → an 8-bit-fraction estimate in 256..511. */
export function recipEstimate(a: number): number {
  const a2 = a * 2 + 1;
  const b = Math.floor(2 ** 19 / a2);
  return Math.floor((b + 1) / 2);
}

/** RecipSqrtEstimate: a in 128..511 → 256..511. */
export function recipSqrtEstimate(a: number): number {
  let x = a < 256 ? a * 2 + 1 : ((a >> 1) << 1) + 1;
  if (a >= 256) x = x * 2; // (a with its last bit cleared, + 1) × 2
  let b = 512;
  while (x * (b + 1) * (b + 1) < 2 ** 28) b++;
  return Math.floor((b + 1) / 2);
}

/** FPRecipEstimate (FRECPE). */
export function fpRecipEstimate(a: bigint, f: FpFormat, fpcr: number): bigint {
  const n = processNaNs([a], f, fpcr);
  if (n !== null) return n;
  const u = unpack(a, f);
  const sign = u.sign;
  if (u.kind === 'inf') return zeroBits(f, sign);
  if (u.kind === 'zero') {
    raise(FPSR.DZC);
    return infBits(f, sign);
  }
  const fb = f.p - 1;
  let exp = Number((a >> BigInt(fb)) & BigInt((1 << f.ebits) - 1));
  // The fraction as 52 bits (left-aligned), as the pseudocode widens every format.
  let frac = (a & ((1n << BigInt(fb)) - 1n)) << BigInt(52 - fb);
  const tinyLimit = f.bits === 16 ? -16 : f.bits === 32 ? -128 : -1024;
  const top = u.kind === 'num' ? u.exp + bitLength(u.mant) - 1 : 0;
  if (top < tinyLimit) {
    // Too small: the reciprocal overflows.
    const rm = fpcrRounding(fpcr);
    const toInf = rm === 'rn' || (rm === 'rp' && sign === 0) || (rm === 'rm' && sign === 1);
    raise(FPSR.OFC | FPSR.IXC);
    return toInf ? infBits(f, sign) : infBits(f, sign) - 1n;
  }
  if (exp === 0) {
    if (((frac >> 51n) & 1n) === 0n) {
      exp = -1;
      frac = (frac & ((1n << 50n) - 1n)) << 2n;
    } else frac = (frac & ((1n << 51n) - 1n)) << 1n;
  }
  const scaled = 256 + Number((frac >> 44n) & 0xffn);
  let resultExp = (f.bits === 16 ? 29 : f.bits === 32 ? 253 : 2045) - exp;
  const est = recipEstimate(scaled);
  let rfrac = BigInt(est & 0xff) << 44n;
  if (resultExp === 0) rfrac = (1n << 51n) | (rfrac >> 1n);
  else if (resultExp === -1) {
    rfrac = (1n << 50n) | (rfrac >> 2n);
    resultExp = 0;
  }
  return (BigInt(sign) << BigInt(f.bits - 1)) | (BigInt(resultExp) << BigInt(fb)) | (rfrac >> BigInt(52 - fb));
}

/** FPRSqrtEstimate (FRSQRTE). */
export function fpRSqrtEstimate(a: bigint, f: FpFormat, fpcr: number): bigint {
  const n = processNaNs([a], f, fpcr);
  if (n !== null) return n;
  const u = unpack(a, f);
  if (u.kind === 'zero') {
    raise(FPSR.DZC);
    return infBits(f, u.sign);
  }
  if (u.sign === 1) return invalid(f);
  if (u.kind === 'inf') return zeroBits(f, 0);
  const fb = f.p - 1;
  let exp = Number((a >> BigInt(fb)) & BigInt((1 << f.ebits) - 1));
  let frac = (a & ((1n << BigInt(fb)) - 1n)) << BigInt(52 - fb);
  if (exp === 0) {
    while (((frac >> 51n) & 1n) === 0n) {
      frac = (frac << 1n) & ((1n << 52n) - 1n);
      exp--;
    }
    frac = (frac << 1n) & ((1n << 52n) - 1n);
  }
  const scaled = (exp & 1) === 0 ? 256 + Number((frac >> 44n) & 0xffn) : 128 + Number((frac >> 45n) & 0x7fn);
  const resultExp = Math.floor(((f.bits === 16 ? 44 : f.bits === 32 ? 380 : 3068) - exp) / 2);
  const est = recipSqrtEstimate(scaled);
  return (BigInt(resultExp) << BigInt(fb)) | (BigInt(est & 0xff) << BigInt(fb - 8));
}

/** URECPE: unsigned reciprocal estimate of a 32-bit fixed-point value in [0.5, 1) (else all ones). */
export function uRecipEstimate(a: bigint): bigint {
  if (((a >> 31n) & 1n) === 0n) return 0xffffffffn;
  return (1n << 31n) | (BigInt(recipEstimate(Number((a >> 23n) & 0x1ffn)) & 0xff) << 23n);
}

/** URSQRTE: unsigned reciprocal square root estimate of a 32-bit fixed-point value in [0.25, 1) (else all ones). */
export function uRSqrtEstimate(a: bigint): bigint {
  if (((a >> 30n) & 3n) === 0n) return 0xffffffffn;
  return BigInt(recipSqrtEstimate(Number((a >> 23n) & 0x1ffn)) & 0x1ff) << 23n;
}
