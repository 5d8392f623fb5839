// An exact IEEE 754 binary16/32/64 model on BigInt, for the FP execution tests (test/a64/execute-fp,
// test/x64/execute-sse): values are unpacked to sign × integer × 2^exponent, every operation is
// computed exactly (products, sums) or with enough extra bits and a sticky bit (quotients, square
// roots), and rounded once to the target format in any of the IEEE rounding directions. No JS double
// arithmetic is involved, so binary32/binary16 and directed rounding are modelled the same way as
// binary64. NaN rules differ between architectures and are left to the callers (a64 / x64 semantics).

export interface FpFormat {
  readonly name: 'h' | 's' | 'd';
  readonly bits: 16 | 32 | 64;
  /** Precision in bits, the hidden bit included. */
  readonly p: number;
  readonly ebits: number;
  readonly bias: number;
}

export const F16: FpFormat = { name: 'h', bits: 16, p: 11, ebits: 5, bias: 15 };
export const F32: FpFormat = { name: 's', bits: 32, p: 24, ebits: 8, bias: 127 };
export const F64: FpFormat = { name: 'd', bits: 64, p: 53, ebits: 11, bias: 1023 };

/** Rounding directions: to nearest (ties to even), toward +inf, toward -inf, toward zero, to nearest with ties away from zero. */
export type Rounding = 'rn' | 'rp' | 'rm' | 'rz' | 'ra';

export type Unpacked =
  | { readonly kind: 'zero'; readonly sign: 0 | 1 }
  | { readonly kind: 'inf'; readonly sign: 0 | 1 }
  | { readonly kind: 'nan'; readonly sign: 0 | 1; readonly quiet: boolean; readonly payload: bigint }
  /** A finite non-zero value: (-1)^sign × mant × 2^exp, mant > 0. */
  | { readonly kind: 'num'; readonly sign: 0 | 1; readonly mant: bigint; readonly exp: number };

const fracBits = (f: FpFormat) => f.p - 1;
const expMask = (f: FpFormat) => (1 << f.ebits) - 1;
/** The exponent of the least significant bit of a subnormal (and of the smallest normal). */
const minQuantum = (f: FpFormat) => 1 - f.bias - (f.p - 1);

export function unpack(bits: bigint, f: FpFormat): Unpacked {
  const fb = BigInt(fracBits(f));
  const sign = Number((bits >> BigInt(f.bits - 1)) & 1n) as 0 | 1;
  const e = Number((bits >> fb) & BigInt(expMask(f)));
  const frac = bits & ((1n << fb) - 1n);
  if (e === expMask(f)) {
    if (frac === 0n) return { kind: 'inf', sign };
    return { kind: 'nan', sign, quiet: ((frac >> (fb - 1n)) & 1n) === 1n, payload: frac };
  }
  if (e === 0) return frac === 0n ? { kind: 'zero', sign } : { kind: 'num', sign, mant: frac, exp: minQuantum(f) };
  return { kind: 'num', sign, mant: frac | (1n << fb), exp: e - f.bias - fracBits(f) };
}

export const signBit = (f: FpFormat): bigint => 1n << BigInt(f.bits - 1);
export const zeroBits = (f: FpFormat, sign: 0 | 1): bigint => (sign ? signBit(f) : 0n);
export const infBits = (f: FpFormat, sign: 0 | 1): bigint => zeroBits(f, sign) | (BigInt(expMask(f)) << BigInt(fracBits(f)));
export const maxFiniteBits = (f: FpFormat, sign: 0 | 1): bigint => infBits(f, sign) - 1n;
/** The NaN with the given sign, quiet bit and payload (fraction bits). */
export const nanBits = (f: FpFormat, sign: 0 | 1, frac: bigint): bigint => infBits(f, sign) | frac;
export const quietBit = (f: FpFormat): bigint => 1n << BigInt(fracBits(f) - 1);
export const fracMask = (f: FpFormat): bigint => (1n << BigInt(fracBits(f))) - 1n;

export function bitLength(v: bigint): number {
  return v === 0n ? 0 : v.toString(2).length;
}

/** Rounds a dropped part: `q` kept, `half` = the first dropped bit, `rest` = any lower dropped bit or sticky. */
function roundUp(q: bigint, half: boolean, rest: boolean, sign: 0 | 1, rm: Rounding): boolean {
  if (!half && !rest) return false;
  switch (rm) {
    case 'rn':
      return half && (rest || (q & 1n) === 1n);
    case 'ra':
      return half;
    case 'rz':
      return false;
    case 'rp':
      return sign === 0;
    case 'rm':
      return sign === 1;
  }
}

/** Splits mant × 2^exp (+ sticky below) at 2^q: the integer multiple of 2^q after rounding. */
function roundAt(sign: 0 | 1, mant: bigint, exp: number, sticky: boolean, q: number, rm: Rounding): bigint {
  const shift = q - exp;
  if (shift <= 0) {
    if (sticky) throw new Error('softfloat: a sticky value needs more bits than the rounding position');
    return mant << BigInt(-shift);
  }
  const s = BigInt(shift);
  const kept = mant >> s;
  const dropped = mant & ((1n << s) - 1n);
  const halfBit = 1n << (s - 1n);
  const half = (dropped & halfBit) !== 0n;
  const rest = sticky || (dropped & (halfBit - 1n)) !== 0n;
  return roundUp(kept, half, rest, sign, rm) ? kept + 1n : kept;
}

export interface RoundResult {
  readonly bits: bigint;
  /** The result differs from the exact value. */
  readonly inexact: boolean;
  readonly overflow: boolean;
  /** Tiny (below the smallest normal, before rounding) and inexact. */
  readonly underflow: boolean;
  /** Tiny after rounding (the result rounded to the format's precision with an unbounded exponent is below the smallest normal) and inexact. */
  readonly underflowAfter: boolean;
}

/**
 * Rounds (-1)^sign × mant × 2^exp (+ a non-zero amount below its last bit when `sticky`) to format `f`.
 * `mant` must be > 0; callers that can produce an exact zero decide its sign themselves.
 */
export function round(sign: 0 | 1, mant: bigint, exp: number, sticky: boolean, f: FpFormat, rm: Rounding): RoundResult {
  if (mant <= 0n) throw new Error('softfloat: round() needs a positive mantissa');
  const top = exp + bitLength(mant) - 1; // exponent of the leading bit
  const emin = 1 - f.bias;
  const q = Math.max(top, emin) - (f.p - 1);
  let k = roundAt(sign, mant, exp, sticky, q, rm);
  const inexact = sticky || k << BigInt(Math.max(0, q - exp)) !== mant << BigInt(Math.max(0, exp - q));
  let qe = q;
  if (k === 1n << BigInt(f.p)) {
    k >>= 1n;
    qe++;
  }
  const tiny = top < emin;
  // Tininess after rounding: round to p bits as if the exponent range were unbounded.
  let tinyAfter = false;
  if (tiny) {
    let k2 = roundAt(sign, mant, exp, sticky, top - (f.p - 1), rm);
    let top2 = top;
    if (k2 === 1n << BigInt(f.p)) {
      k2 >>= 1n;
      top2++;
    }
    tinyAfter = top2 < emin;
  }
  const emax = f.bias;
  if (k !== 0n && qe + (f.p - 1) > emax) {
    const toInf = rm === 'rn' || rm === 'ra' || (rm === 'rp' && sign === 0) || (rm === 'rm' && sign === 1);
    return { bits: toInf ? infBits(f, sign) : maxFiniteBits(f, sign), inexact: true, overflow: true, underflow: false, underflowAfter: false };
  }
  let bits: bigint;
  if (k === 0n) bits = zeroBits(f, sign);
  else if (k < 1n << BigInt(f.p - 1)) bits = zeroBits(f, sign) | k; // subnormal (qe is the minimum quantum)
  else bits = zeroBits(f, sign) | (BigInt(qe + (f.p - 1) + f.bias) << BigInt(fracBits(f))) | (k - (1n << BigInt(f.p - 1)));
  return { bits, inexact, overflow: false, underflow: tiny && inexact, underflowAfter: tinyAfter && inexact };
}

/** An exact value: (-1)^sign × mant × 2^exp (mant ≥ 0; 0 means an exact zero whose sign the caller decides). */
export interface Exact {
  readonly sign: 0 | 1;
  readonly mant: bigint;
  readonly exp: number;
  readonly sticky?: boolean;
}

/** Exact sum of two finite values (signed zero left to the caller when the sum is 0). */
export function exactAdd(a: Exact, b: Exact): Exact {
  if (a.mant === 0n) return b;
  if (b.mant === 0n) return a;
  const e = Math.min(a.exp, b.exp);
  const va = (a.mant << BigInt(a.exp - e)) * (a.sign ? -1n : 1n);
  const vb = (b.mant << BigInt(b.exp - e)) * (b.sign ? -1n : 1n);
  const s = va + vb;
  return { sign: s < 0n ? 1 : 0, mant: s < 0n ? -s : s, exp: e };
}

export const exactMul = (a: Exact, b: Exact): Exact => ({ sign: (a.sign ^ b.sign) as 0 | 1, mant: a.mant * b.mant, exp: a.exp + b.exp });

/** a / b with at least `p + 3` significant quotient bits and a sticky remainder (b.mant > 0). */
export function exactDiv(a: Exact, b: Exact, p: number): Exact {
  const k = Math.max(0, p + 3 + bitLength(b.mant) - bitLength(a.mant));
  const num = a.mant << BigInt(k);
  const q = num / b.mant;
  return { sign: (a.sign ^ b.sign) as 0 | 1, mant: q, exp: a.exp - b.exp - k, sticky: q * b.mant !== num };
}

export function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt(Math.ceil(bitLength(n) / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** √a for a positive value with at least `p + 3` significant bits and a sticky bit. */
export function exactSqrt(a: Exact, p: number): Exact {
  let m = a.mant;
  let e = a.exp;
  if (e % 2 !== 0) {
    m <<= 1n;
    e -= 1;
  }
  let k = Math.max(0, 2 * (p + 3) - bitLength(m) + 2);
  if (k % 2 !== 0) k++;
  const n = m << BigInt(k);
  const r = isqrt(n);
  return { sign: 0, mant: r, exp: (e - k) / 2, sticky: r * r !== n };
}

/** The exact value of a finite unpacked operand (zero: mant 0). */
export function exactOf(u: Unpacked): Exact {
  if (u.kind === 'num') return { sign: u.sign, mant: u.mant, exp: u.exp };
  if (u.kind === 'zero') return { sign: u.sign, mant: 0n, exp: 0 };
  throw new Error(`softfloat: ${u.kind} has no exact value`);
}

/** Rounds an exact value to an integer (as a BigInt) in direction `rm`; also tells whether it was inexact. */
export function roundToInteger(x: Exact, rm: Rounding): { value: bigint; inexact: boolean } {
  if (x.mant === 0n) return { value: 0n, inexact: !!x.sticky };
  const k = roundAt(x.sign, x.mant, x.exp, !!x.sticky, 0, rm);
  const inexact = !!x.sticky || (x.exp < 0 && (x.mant & ((1n << BigInt(-x.exp)) - 1n)) !== 0n);
  return { value: x.sign ? -k : k, inexact };
}

/** Rounds an exact (possibly zero) result to `f`; `zeroSign` is the sign an exact zero gets. */
export function roundExact(x: Exact, f: FpFormat, rm: Rounding, zeroSign: 0 | 1): RoundResult {
  if (x.mant === 0n) return { bits: zeroBits(f, zeroSign), inexact: false, overflow: false, underflow: false, underflowAfter: false };
  return round(x.sign, x.mant, x.exp, !!x.sticky, f, rm);
}

/** Reads a bit pattern as a JS number (for messages). */
export function toNumber(bits: bigint, f: FpFormat): number {
  const u = unpack(bits, f);
  switch (u.kind) {
    case 'zero':
      return u.sign ? -0 : 0;
    case 'inf':
      return u.sign ? -Infinity : Infinity;
    case 'nan':
      return NaN;
    case 'num':
      return (u.sign ? -1 : 1) * Number(u.mant) * 2 ** u.exp;
  }
}
