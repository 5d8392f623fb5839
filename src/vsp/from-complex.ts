// from_complex (spec 1): an exact complex number to a ByteSil. `|s| < e^-8` gives NULL; otherwise
// rho = sat(rha(ln |s|)) and theta = rha(arg(s) * 8 / pi) mod 16 with arg in [0, 2*pi), rha = round half
// away from zero. Here s = x + iy with x, y binary64 values taken as exact reals. The fast path decides in
// binary64 (Math.log, Math.atan2); when the value lies within 1e-9 (in units of the rounding) of a decision
// boundary it decides exactly instead, with bigint arithmetic on the exact x and y against 320-bit values of
// e^n and of the boundary directions (2j+1)*pi/16. So the result is from_complex of the exact x + iy.
// Also the binary64 values of z(b) for every byte (spec 1), from the correctly rounded e^rho of table 10.3
// and correctly rounded cos/sin of theta*pi/8; LERP and GRAD (host-ops.ts) evaluate with them.
import { E_RHO_F64 } from '../../spec/vsp/sil8-tables.js';

// cos(pi/8), sqrt(2)/2, sin(pi/8), correctly rounded (checked in test/vsp/host-ops-math.test.ts with bigint square roots).
const C8 = 0.9238795325112867; // 0x3fed906bcf328d46
const H2 = 0.7071067811865476; // 0x3fe6a09e667f3bcd
const S8 = 0.3826834323650898; // 0x3fd87de2a6aea963

/** cos(theta * pi / 8) for theta 0..15, correctly rounded binary64 (exact 0 and ±1 where the value is). */
export const COS_THETA: Float64Array = Float64Array.of(1, C8, H2, S8, 0, -S8, -H2, -C8, -1, -C8, -H2, -S8, 0, S8, H2, C8);
/** sin(theta * pi / 8) for theta 0..15. */
export const SIN_THETA: Float64Array = Float64Array.from({ length: 16 }, (_, t) => COS_THETA[(t + 12) & 15]!);

/** Real part of z(b) = e^rho(b) * cos(theta(b) * pi / 8), one binary64 rounding of the product. */
export const Z_RE: Float64Array = Float64Array.from({ length: 256 }, (_, b) => E_RHO_F64[b >> 4]! * COS_THETA[b & 15]!);
/** Imaginary part of z(b). */
export const Z_IM: Float64Array = Float64Array.from({ length: 256 }, (_, b) => E_RHO_F64[b >> 4]! * SIN_THETA[b & 15]!);

// ---------------------------------------------------------------------------------------------------------
// Exact decisions (rarely needed): 320-bit fixed point

const P = 320n;
const ONE_FX = 1n << P;

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt((n.toString(2).length >> 1) + 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** sqrt of a fixed-point value (both at P fraction bits). */
const fxSqrt = (v: bigint): bigint => isqrt(v << P);
const fxMul = (a: bigint, b: bigint): bigint => (a * b) >> P;

interface ExactTables {
  /** E_POW[n + 16] = e^n at P fraction bits, n = -16..16. */
  readonly ePow: bigint[];
  /** Boundary direction j (angle (2j+1)*pi/16): cos and sin at P fraction bits. */
  readonly bCos: bigint[];
  readonly bSin: bigint[];
}

let exact: ExactTables | undefined;

function exactTables(): ExactTables {
  if (exact) return exact;
  // e = sum 1/k!, with 64 guard bits
  const G = P + 64n;
  let term = 1n << G;
  let sum = 0n;
  for (let k = 1n; term > 0n; k++) {
    sum += term;
    term /= k;
  }
  const e = sum >> 64n;
  const ePow: bigint[] = new Array(33);
  ePow[16] = ONE_FX;
  for (let n = 1; n <= 16; n++) {
    ePow[16 + n] = fxMul(ePow[15 + n]!, e);
    ePow[16 - n] = (ONE_FX << P) / ePow[16 + n]!;
  }
  const two = 2n << P;
  const r2 = fxSqrt(two);
  const a = fxSqrt(two + r2); // 2 cos(pi/8)
  const b = fxSqrt(two - r2); // 2 sin(pi/8)
  const c1 = fxSqrt(two + a) >> 1n; // cos(pi/16)
  const s1 = fxSqrt(two - a) >> 1n; // sin(pi/16)
  const c3 = fxSqrt(two + b) >> 1n; // cos(3pi/16)
  const s3 = fxSqrt(two - b) >> 1n; // sin(3pi/16)
  const base: [bigint, bigint][] = [
    [c1, s1],
    [c3, s3],
    [s3, c3],
    [s1, c1],
  ];
  const bCos: bigint[] = [];
  const bSin: bigint[] = [];
  for (let j = 0; j < 16; j++) {
    const [c, s] = base[j & 3]!;
    const q = j >> 2; // rotate by q quarter turns
    bCos.push(q === 0 ? c : q === 1 ? -s : q === 2 ? -c : s);
    bSin.push(q === 0 ? s : q === 1 ? c : q === 2 ? -s : -c);
  }
  exact = { ePow, bCos, bSin };
  return exact;
}

const SPLIT = new DataView(new ArrayBuffer(8));

/** A finite binary64 as (m, e) with x = m * 2^e exactly, m a bigint (signed). */
function split(x: number): [bigint, number] {
  SPLIT.setFloat64(0, x);
  const hi = SPLIT.getUint32(0);
  const lo = SPLIT.getUint32(4);
  const be = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (be === 0) e = -1074;
  else {
    m |= 1n << 52n;
    e = be - 1075;
  }
  return [hi >>> 31 ? -m : m, e];
}

/** x and y as integers X, Y with a common scale: x = X * 2^s, y = Y * 2^s. */
function common(x: number, y: number): [bigint, bigint, number] {
  const [mx, ex] = split(x);
  const [my, ey] = split(y);
  const s = Math.min(ex, ey);
  return [mx << BigInt(ex - s), my << BigInt(ey - s), s];
}

/** Exactly: x^2 + y^2 >= e^n (n = -16..16)? */
export function magnitudeSquaredReaches(x: number, y: number, n: number): boolean {
  const [X, Y, s] = common(x, y);
  const sum = X * X + Y * Y; // x^2 + y^2 = sum * 2^(2s)
  const en = exactTables().ePow[n + 16]!; // e^n * 2^P
  const sh = 2 * s + Number(P);
  return sh >= 0 ? sum << BigInt(sh) >= en : sum >= en << BigInt(-sh);
}

/** Exactly: is x + iy on or counterclockwise of the boundary direction (2j+1)*pi/16 (within half a turn)? */
export function onOrAfterBoundary(x: number, y: number, j: number): boolean {
  const t = exactTables();
  const [X, Y] = common(x, y);
  return t.bCos[j]! * Y - t.bSin[j]! * X >= 0n;
}

// ---------------------------------------------------------------------------------------------------------

const EPS = 1e-9;
const EIGHT_OVER_PI = 8 / Math.PI;

/** from_complex(x + iy) for binary64 x and y taken as exact (spec 1). NaN gives NULL. */
export function fromComplex(x: number, y: number): number {
  const m2 = x * x + y * y;
  if (m2 !== m2) return 0x00;
  // magnitude: |s| >= e^-8 iff m2 >= e^-16; rho >= k iff m2 >= e^(2k - 1)
  const l = Math.log(m2);
  if (l < -16 - EPS) return 0x00;
  if (l < -16 + EPS && !magnitudeSquaredReaches(x, y, -16)) return 0x00;
  let k: number;
  if (l === Infinity) k = 7;
  else {
    const h = (l + 1) / 2;
    k = Math.floor(h);
    const f = h - k;
    if (f < EPS) {
      if (k >= -7 && k <= 7 && !magnitudeSquaredReaches(x, y, 2 * k - 1)) k -= 1;
    } else if (f > 1 - EPS) {
      if (k + 1 >= -7 && k + 1 <= 7 && magnitudeSquaredReaches(x, y, 2 * k + 1)) k += 1;
    }
    k = k < -8 ? -8 : k > 7 ? 7 : k;
  }
  // phase: p = arg * 8 / pi in [0, 16); theta = j + 1 on [j + 0.5, j + 1.5)
  let p = Math.atan2(y, x) * EIGHT_OVER_PI;
  if (p < 0) p += 16;
  const f = p - 0.5;
  const fl = Math.floor(f);
  const frac = f - fl;
  let t: number;
  if (frac < EPS) {
    const j = (fl + 16) & 15;
    t = onOrAfterBoundary(x, y, j) ? j + 1 : j;
  } else if (frac > 1 - EPS) {
    const j = (fl + 17) & 15;
    t = onOrAfterBoundary(x, y, j) ? j + 1 : j;
  } else {
    t = fl + 1;
  }
  return ((k + 8) << 4) | (t & 15);
}
