// x86 SSE floating-point operations on bit patterns, from the Intel SDM (vol. 1 §4.8.3.5 and table 4-7
// for NaN results, vol. 2 for MIN/MAX/CVT/COMIS/CMP/ROUND), on the exact IEEE model of
// test/support/softfloat.ts. MXCSR controls rounding (RC, bits 14:13); DAZ and FZ stay 0 in the tests
// and are not modelled. The exception flags the operations raise (IE, ZE, OE, UE — tininess after
// rounding —, PE; not DE) collect in `mxcsrExceptions`.
import {
  exactAdd,
  exactDiv,
  exactMul,
  exactOf,
  exactSqrt,
  fracMask,
  infBits,
  nanBits,
  quietBit,
  round,
  roundExact,
  roundToInteger,
  unpack,
  zeroBits,
  type FpFormat,
  type Rounding,
  type RoundResult,
} from '../support/softfloat.js';

const RC: readonly Rounding[] = ['rn', 'rm', 'rp', 'rz'];

/** MXCSR exception flag bits. */
export const MXCSR_FLAGS = { IE: 1, DE: 2, ZE: 4, OE: 8, UE: 16, PE: 32 } as const;
/** Exceptions raised since the caller last cleared `flags`. */
export const mxcsrExceptions = { flags: 0 };
const raise = (b: number): void => {
  mxcsrExceptions.flags |= b;
};
/** Records a rounding's exceptions: overflow (OE, PE), underflow (UE: tiny after rounding and inexact), inexact (PE). */
export function roundingFlags(r: RoundResult): bigint {
  if (r.overflow) raise(MXCSR_FLAGS.OE | MXCSR_FLAGS.PE);
  else if (r.inexact) raise(MXCSR_FLAGS.PE | (r.underflowAfter ? MXCSR_FLAGS.UE : 0));
  return r.bits;
}
/** The rounding mode MXCSR.RC selects. */
export const mxcsrRounding = (mxcsr: number): Rounding => RC[(mxcsr >> 13) & 3];

/** The "QNaN floating-point indefinite": sign set, quiet bit only. */
export const indefinite = (f: FpFormat): bigint => nanBits(f, 1, quietBit(f));
/** An invalid operation: IE and the indefinite. */
export const invalidOp = (f: FpFormat): bigint => {
  raise(MXCSR_FLAGS.IE);
  return indefinite(f);
};
export const isSNaN = (b: bigint, f: FpFormat): boolean => {
  const u = unpack(b, f);
  return u.kind === 'nan' && !u.quiet;
};
/** IE when a NaN operand is signalling (or any NaN when `all`). */
export function nanInvalid(ops: readonly bigint[], f: FpFormat, all = false): void {
  if (ops.some((b) => (all ? isNaN_(b, f) : isSNaN(b, f)))) raise(MXCSR_FLAGS.IE);
}

const isNaN_ = (b: bigint, f: FpFormat) => unpack(b, f).kind === 'nan';
const quiet = (b: bigint, f: FpFormat) => b | quietBit(f);

/**
 * Set when an operation met two NaN operands (the SDM picks the first source). Cleared by callers; the
 * Unicorn run skips such cases (QEMU 5.0 picks by significand instead) and the native run checks them.
 */
export const nanPair = { seen: false };

/** NaN operands of a 2-source operation: the first source when it is a NaN, else the second, quieted. */
function nanResult(a: bigint, b: bigint, f: FpFormat): bigint | null {
  if (isNaN_(a, f) && isNaN_(b, f)) nanPair.seen = true;
  nanInvalid([a, b], f);
  if (isNaN_(a, f)) return quiet(a, f);
  if (isNaN_(b, f)) return quiet(b, f);
  return null;
}

export function sseAdd(a: bigint, b: bigint, f: FpFormat, mxcsr: number, sub = false): bigint {
  const n = nanResult(a, b, f);
  if (n !== null) return n;
  const ua = unpack(a, f);
  let ub = unpack(b, f);
  if (sub) ub = ub.kind === 'nan' ? ub : ({ ...ub, sign: (ub.sign ^ 1) as 0 | 1 } as typeof ub);
  if (ua.kind === 'inf' && ub.kind === 'inf') return ua.sign === ub.sign ? infBits(f, ua.sign) : invalidOp(f);
  if (ua.kind === 'inf') return infBits(f, ua.sign);
  if (ub.kind === 'inf') return infBits(f, ub.sign);
  if (ua.kind === 'zero' && ub.kind === 'zero' && ua.sign === ub.sign) return zeroBits(f, ua.sign);
  const rm = mxcsrRounding(mxcsr);
  return roundingFlags(roundExact(exactAdd(exactOf(ua), exactOf(ub)), f, rm, rm === 'rm' ? 1 : 0));
}

export function sseMul(a: bigint, b: bigint, f: FpFormat, mxcsr: number): bigint {
  const n = nanResult(a, b, f);
  if (n !== null) return n;
  const ua = unpack(a, f);
  const ub = unpack(b, f);
  const sign = (ua.sign ^ ub.sign) as 0 | 1;
  if ((ua.kind === 'inf' && ub.kind === 'zero') || (ua.kind === 'zero' && ub.kind === 'inf')) return invalidOp(f);
  if (ua.kind === 'inf' || ub.kind === 'inf') return infBits(f, sign);
  if (ua.kind === 'zero' || ub.kind === 'zero') return zeroBits(f, sign);
  return roundingFlags(roundExact(exactMul(exactOf(ua), exactOf(ub)), f, mxcsrRounding(mxcsr), 0));
}

export function sseDiv(a: bigint, b: bigint, f: FpFormat, mxcsr: number): bigint {
  const n = nanResult(a, b, f);
  if (n !== null) return n;
  const ua = unpack(a, f);
  const ub = unpack(b, f);
  const sign = (ua.sign ^ ub.sign) as 0 | 1;
  if ((ua.kind === 'inf' && ub.kind === 'inf') || (ua.kind === 'zero' && ub.kind === 'zero')) return invalidOp(f);
  if (ub.kind === 'zero' && ua.kind === 'num') raise(MXCSR_FLAGS.ZE);
  if (ua.kind === 'inf' || ub.kind === 'zero') return infBits(f, sign);
  if (ua.kind === 'zero' || ub.kind === 'inf') return zeroBits(f, sign);
  return roundingFlags(roundExact(exactDiv(exactOf(ua), exactOf(ub), f.p), f, mxcsrRounding(mxcsr), 0));
}

export function sseSqrt(a: bigint, f: FpFormat, mxcsr: number): bigint {
  const u = unpack(a, f);
  if (u.kind === 'nan') {
    nanInvalid([a], f);
    return quiet(a, f);
  }
  if (u.kind === 'zero') return a;
  if (u.sign) return invalidOp(f);
  if (u.kind === 'inf') return a;
  return roundingFlags(roundExact(exactSqrt(exactOf(u), f.p), f, mxcsrRounding(mxcsr), 0));
}

/** -1, 0, 1 or null (unordered). */
export function sseCompare(a: bigint, b: bigint, f: FpFormat): number | null {
  const ua = unpack(a, f);
  const ub = unpack(b, f);
  if (ua.kind === 'nan' || ub.kind === 'nan') return null;
  const v = (u: typeof ua) => (u.kind === 'inf' ? null : exactOf(u));
  if (ua.kind === 'inf' || ub.kind === 'inf') {
    const ka = ua.kind === 'inf' ? (ua.sign ? -1 : 1) : 0;
    const kb = ub.kind === 'inf' ? (ub.sign ? -1 : 1) : 0;
    return Math.sign(ka - kb);
  }
  const d = exactAdd(v(ua)!, { ...v(ub)!, sign: (v(ub)!.sign ^ 1) as 0 | 1 });
  return d.mant === 0n ? 0 : d.sign ? -1 : 1;
}

/** MINSS/MAXSS…: src1 < src2 ? src1 : src2 (max: >); a NaN in either, or two zeros, give src2. */
export function sseMinMax(a: bigint, b: bigint, f: FpFormat, max: boolean): bigint {
  nanInvalid([a, b], f, true); // MIN/MAX signal on quiet NaNs too
  const c = sseCompare(a, b, f);
  if (c === null) return b;
  return (max ? c > 0 : c < 0) ? a : b;
}

/** CMPPS predicates 0..31 (16..31 repeat 0..15 with the other signalling behaviour, same results). */
export function ssePredicate(a: bigint, b: bigint, f: FpFormat, pred: number): boolean {
  // Signalling predicates (LT_OS, LE_OS, NLT_US, NLE_US, NGE_US, NGT_US, GE_OS, GT_OS; 16..31 the other way round) raise IE on any NaN.
  const signalling = [1, 2, 5, 6, 9, 10, 13, 14].includes(pred & 15) !== pred >= 16;
  nanInvalid([a, b], f, signalling);
  const c = sseCompare(a, b, f);
  const unord = c === null;
  switch (pred & 15) {
    case 0: return !unord && c === 0; // eq_oq
    case 1: return !unord && c! < 0; // lt_os
    case 2: return !unord && c! <= 0; // le_os
    case 3: return unord;
    case 4: return unord || c !== 0; // neq_uq
    case 5: return unord || c! >= 0; // nlt_us
    case 6: return unord || c! > 0; // nle_us
    case 7: return !unord;
    case 8: return unord || c === 0; // eq_uq
    case 9: return unord || c! < 0; // nge_us
    case 10: return unord || c! <= 0; // ngt_us
    case 11: return false;
    case 12: return !unord && c !== 0; // neq_oq
    case 13: return !unord && c! >= 0; // ge_os
    case 14: return !unord && c! > 0; // gt_os
    default: return true;
  }
}

/** COMIS/UCOMIS: ZF PF CF (bits 6, 2, 0): unordered 111, greater 000, less 001, equal 100. */
export function sseComiFlags(a: bigint, b: bigint, f: FpFormat, signalling = false): bigint {
  nanInvalid([a, b], f, signalling);
  const c = sseCompare(a, b, f);
  if (c === null) return 0x45n;
  return c > 0 ? 0n : c < 0 ? 1n : 0x40n;
}

/** FP -> integer (cvt*2si, cvt*2dq): rounded in direction rm; NaN or out of range: the integer indefinite 100…0. */
export function sseToInt(a: bigint, f: FpFormat, bits: number, rm: Rounding): bigint {
  const u = unpack(a, f);
  const indef = 1n << BigInt(bits - 1);
  if (u.kind === 'nan' || u.kind === 'inf') {
    raise(MXCSR_FLAGS.IE);
    return indef;
  }
  if (u.kind === 'zero') return 0n;
  const r = roundToInteger(exactOf(u), rm);
  const v = r.value;
  if (v >= 1n << BigInt(bits - 1) || v < -(1n << BigInt(bits - 1))) {
    raise(MXCSR_FLAGS.IE);
    return indef;
  }
  if (r.inexact) raise(MXCSR_FLAGS.PE);
  return BigInt.asUintN(bits, v);
}

/** Signed integer -> FP, rounded per MXCSR. */
export function sseFromInt(v: bigint, f: FpFormat, mxcsr: number): bigint {
  if (v === 0n) return 0n;
  return roundingFlags(round(v < 0n ? 1 : 0, v < 0n ? -v : v, 0, false, f, mxcsrRounding(mxcsr)));
}

/** Precision conversion (cvtss2sd, cvtsd2ss, cvtps2pd, cvtpd2ps): NaNs quieted with their payload kept (top bits when narrowing). */
export function sseConvert(a: bigint, from: FpFormat, to: FpFormat, mxcsr: number): bigint {
  const u = unpack(a, from);
  switch (u.kind) {
    case 'nan': {
      if (!u.quiet) raise(MXCSR_FLAGS.IE);
      const shift = to.p - from.p;
      const frac = shift >= 0 ? u.payload << BigInt(shift) : u.payload >> BigInt(-shift);
      return nanBits(to, u.sign, (frac & fracMask(to)) | quietBit(to));
    }
    case 'inf':
      return infBits(to, u.sign);
    case 'zero':
      return zeroBits(to, u.sign);
    case 'num':
      return roundingFlags(round(u.sign, u.mant, u.exp, false, to, mxcsrRounding(mxcsr)));
  }
}

/** ROUNDSS/SD/PS/PD: imm8 bits 1:0 the direction (nearest, down, up, truncate), bit 2 = use MXCSR.RC, bit 3 = no PE. */
export function sseRound(a: bigint, f: FpFormat, imm: number, mxcsr: number): bigint {
  const u = unpack(a, f);
  if (u.kind === 'nan') {
    nanInvalid([a], f);
    return quiet(a, f);
  }
  if (u.kind !== 'num') return a;
  const rm = imm & 4 ? mxcsrRounding(mxcsr) : RC[imm & 3];
  const r = roundToInteger(exactOf(u), rm);
  if (r.inexact && !(imm & 8)) raise(MXCSR_FLAGS.PE);
  const v = r.value;
  if (v === 0n) return zeroBits(f, u.sign);
  return round(u.sign, v < 0n ? -v : v, 0, false, f, 'rn').bits;
}
