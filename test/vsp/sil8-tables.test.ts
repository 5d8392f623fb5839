// The section 10 tables (spec/vsp/sil8-tables.ts, copied from the spec's text) recomputed from their
// definitions: SIL-8 float operations as from_complex of exact reals (ties handled exactly), e^rho correctly
// rounded from a 256-bit fixed-point evaluation, and the CVTF2B thresholds as the smallest binary64 not below
// e^(k - 0.5).
import { describe, expect, it } from 'vitest';
import * as T from '../../spec/vsp/sil8-tables.js';
import { byteOf, mod, sat } from './helpers.js';

const rha = (x: number): number => (x < 0 ? -Math.round(-x) : Math.round(x));

/** from_complex of a real given by its sign and ln|v| (or null for v = 0), away from rho ties. */
function fromLn(negative: boolean, ln: number | null): number {
  if (ln === null || ln < -8) return 0x00;
  return byteOf(sat(rha(ln)), negative ? 8 : 0);
}

/** SIL-8 integer store (spec 6). */
const store8 = (v: number): number => {
  const low = mod(v, 256);
  return byteOf(sat(low >= 128 ? low - 256 : low), 0);
};

const RHOS = Array.from({ length: 16 }, (_, i) => i - 8);

describe('SIL-8 float binary tables (spec 10.1)', () => {
  it('ADDFLOAT = from_complex(e^ra + e^rb)', () => {
    for (const a of RHOS)
      for (const b of RHOS) {
        const hi = Math.max(a, b);
        const ln = hi + Math.log1p(Math.exp(Math.min(a, b) - hi));
        expect(T.SIL8_ADDFLOAT[(a + 8) * 16 + b + 8]).toBe(fromLn(false, ln));
      }
  });
  it('SUBFLOAT = from_complex(e^ra - e^rb), exact 0 for equal rho', () => {
    for (const a of RHOS)
      for (const b of RHOS) {
        const want = a === b ? 0x00 : fromLn(a < b, Math.max(a, b) + Math.log(1 - Math.exp(Math.min(a, b) - Math.max(a, b))));
        expect(T.SIL8_SUBFLOAT[(a + 8) * 16 + b + 8]).toBe(want);
      }
  });
  it('POWFLOAT = from_complex(e^(ra * e^rb))', () => {
    for (const a of RHOS)
      for (const b of RHOS) {
        const ln = a * Math.exp(b);
        // ln exactly -8 (a = -8, b = 0) is e^-8 itself: not below the null threshold, byte(-8, 0) = NULL anyway
        expect(T.SIL8_POWFLOAT[(a + 8) * 16 + b + 8]).toBe(fromLn(false, ln));
      }
  });
});

describe('SIL-8 float unary tables and conversions (spec 10.2)', () => {
  it('SQRTFLOAT: e^(r/2), the half-integer ties of odd r round away from zero', () => {
    for (const r of RHOS) expect(T.SIL8_SQRTFLOAT[r + 8]).toBe(byteOf(sat(rha(r / 2)), 0));
  });
  it('NEGFLOAT, ABSFLOAT', () => {
    for (const r of RHOS) {
      expect(T.SIL8_NEGFLOAT[r + 8]).toBe(byteOf(r, 8));
      expect(T.SIL8_ABSFLOAT[r + 8]).toBe(byteOf(r, 0));
    }
  });
  it('FLOORFLOAT, CEILFLOAT: from_complex(floor/ceil(e^r))', () => {
    for (const r of RHOS) {
      const f = Math.floor(Math.exp(r));
      const c = Math.ceil(Math.exp(r));
      expect(T.SIL8_FLOORFLOAT[r + 8]).toBe(f === 0 ? 0 : fromLn(false, Math.log(f)));
      expect(T.SIL8_CEILFLOAT[r + 8]).toBe(fromLn(false, Math.log(c)));
    }
  });
  it('CVTI2F: from_complex of the integer rho', () => {
    for (const r of RHOS) expect(T.SIL8_CVTI2F[r + 8]).toBe(r === 0 ? 0 : fromLn(r < 0, Math.log(Math.abs(r))));
  });
  it('CVTF2I and CVTB2I: trunc(e^r), negated for theta >= 8, by the SIL-8 store', () => {
    for (const r of RHOS) {
      const t = Math.trunc(Math.exp(r));
      expect(T.SIL8_CVTF2I[r + 8]).toBe(store8(t));
      expect(T.SIL8_CVTB2I_NEG[r + 8]).toBe(store8(-t));
      expect(T.E_RHO_TRUNC[r + 8]).toBe(t);
    }
  });
  it('MEASURE: byte(sat(trunc(127 cos^2(theta pi / 16))), 0) (spec 4.8)', () => {
    for (let t = 0; t < 16; t++) {
      const x = Math.trunc(127 * Math.cos((t * Math.PI) / 16) ** 2 + 1e-9); // exact 127 at theta 0
      expect(T.MEASURE[t]).toBe(byteOf(sat(x), 0));
    }
  });
});

// ---- exact e^x with 256-bit fixed point
const FRAC = 256n;
const ONE = 1n << FRAC;
const E = ((): bigint => {
  let sum = 0n;
  let term = ONE;
  for (let k = 1n; term > 0n; k++) {
    sum += term;
    term /= k;
  }
  return sum;
})();
const fmul = (a: bigint, b: bigint): bigint => (a * b) >> FRAC;
function expInt(r: number): bigint {
  let v = ONE;
  for (let i = 0; i < Math.abs(r); i++) v = fmul(v, E);
  return r < 0 ? (ONE * ONE) / v : v;
}
function isqrt(n: bigint): bigint {
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x && x * x <= n && (x + 1n) * (x + 1n) > n) return x;
    x = y;
  }
}
/** Rounds a positive fixed-point value to a binary format with p significand bits: 'nearest' (even) or 'up'. */
function roundTo(v: bigint, p: number, how: 'nearest' | 'up'): number {
  const bits = v.toString(2).length; // v = m * 2^-FRAC, v >= 2^(bits-1-FRAC)
  const shift = BigInt(bits - p);
  let m = v >> shift;
  const rest = v - (m << shift);
  const half = 1n << (shift - 1n);
  if (how === 'up' ? rest > 0n : rest > half || (rest === half && (m & 1n) === 1n)) m += 1n;
  return Number(m) * 2 ** (bits - p - Number(FRAC)); // exact: m has at most p + 1 bits
}
const f64hex = (x: number): string => {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  return v.getBigUint64(0).toString(16).padStart(16, '0');
};
const f32bits = (x: number): number => {
  const v = new DataView(new ArrayBuffer(4));
  v.setFloat32(0, x);
  return v.getUint32(0);
};
function f16bits(x: number): number {
  // x is a value already rounded to 11 significant bits, in the normal or subnormal range of binary16
  if (x < 2 ** -14) return Math.round(x / 2 ** -24);
  const e = Math.floor(Math.log2(x));
  const ee = x >= 2 ** (e + 1) ? e + 1 : x < 2 ** e ? e - 1 : e;
  return ((ee + 15) << 10) | (x / 2 ** ee * 1024 - 1024);
}

describe('e^rho correctly rounded (spec 10.3) and thresholds (spec 10.4)', () => {
  it('binary64, binary32 and binary16 e^rho from a 256-bit evaluation', () => {
    for (const r of RHOS) {
      const v = expInt(r);
      expect(T.E_RHO_F64_HEX[r + 8]).toBe(f64hex(roundTo(v, 53, 'nearest')));
      expect(T.E_RHO_F64[r + 8]).toBe(roundTo(v, 53, 'nearest'));
      expect(T.E_RHO_F32_BITS[r + 8]).toBe(f32bits(roundTo(v, 24, 'nearest')));
      // binary16: subnormal below 2^-14 (rho <= -10 never occurs; e^-8 ~ 3.4e-4 is normal)
      expect(T.E_RHO_F16_BITS[r + 8]).toBe(f16bits(roundTo(v, 11, 'nearest')));
    }
  });
  it('T(k) = the smallest binary64 not below e^(k - 0.5); the null threshold is e^-8 rounded', () => {
    const sqrtE = isqrt(E << FRAC); // sqrt(e) in fixed point
    for (let k = -7; k <= 7; k++) {
      const v = (expInt(k) << FRAC) / sqrtE;
      expect(T.RHO_THRESHOLD_F64_HEX[k + 7]).toBe(f64hex(roundTo(v, 53, 'up')));
    }
    expect(T.NULL_THRESHOLD_F64_HEX).toBe(f64hex(roundTo(expInt(-8), 53, 'nearest')));
  });
});
