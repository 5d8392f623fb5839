// Seeded random values for the execution tests (test/a64/execute-fp, execute-simd, test/x64/execute-sse):
// a reproducible generator, and integers and IEEE bit patterns that favour the values where
// implementations go wrong (signed zeros, infinities, NaNs with payloads, subnormals, the largest
// finite values, rounding ties, conversion limits).
import { infBits, maxFiniteBits, nanBits, quietBit, round, type FpFormat } from './softfloat.js';

/** A seeded uniform generator in [0, 1). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const hi = s;
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (hi * 2 ** 21 + (s >>> 11)) / 2 ** 53;
  };
}

export const int = (r: () => number, n: number) => Math.floor(r() * n);
export const randBits = (r: () => number, bits: number): bigint => {
  let v = 0n;
  for (let i = 0; i < bits; i += 16) v = (v << 16n) | BigInt(int(r, 65536));
  return v & ((1n << BigInt(bits)) - 1n);
};

/** An FP bit pattern of format f, edge values often. */
export function randFp(r: () => number, f: FpFormat): bigint {
  const sign = (int(r, 2) as 0 | 1);
  const pick = int(r, 16);
  const fracBits = f.p - 1;
  switch (pick) {
    case 0:
      return sign ? 1n << BigInt(f.bits - 1) : 0n; // ±0
    case 1:
      return infBits(f, sign);
    case 2:
      return nanBits(f, sign, quietBit(f) | randBits(r, fracBits - 1)); // quiet NaN with a payload
    case 3:
      return nanBits(f, sign, (randBits(r, fracBits - 1) | 1n) & (quietBit(f) - 1n)); // signalling NaN
    case 4:
      return (sign ? 1n << BigInt(f.bits - 1) : 0n) | (randBits(r, fracBits) || 1n); // subnormal
    case 5:
      return [maxFiniteBits(f, sign), (sign ? 1n << BigInt(f.bits - 1) : 0n) | (1n << BigInt(fracBits)), (sign ? 1n << BigInt(f.bits - 1) : 0n) | 1n][int(r, 3)];
    case 6:
    case 7: {
      // k/4 for small k: rounding ties of the round-to-integer and conversion forms
      const k = BigInt(int(r, 64) + 1);
      return round(sign, k, -2, false, f, 'rn').bits;
    }
    case 8: {
      // Around the integer conversion limits: 2^31, 2^32, 2^63, 2^64 (±1 ulp), and 2^(p) (integer precision)
      const e = [15, 16, 31, 32, 63, 64, f.p][int(r, 7)];
      const base = round(sign, 1n, e, false, f, 'rn').bits;
      return base + BigInt(int(r, 3) - 1);
    }
    case 9:
    case 10:
    case 11: {
      // Exponent near 0: sums and products with overlapping mantissas
      const e = int(r, 8) - 4 + f.bias;
      return (sign ? 1n << BigInt(f.bits - 1) : 0n) | (BigInt(e) << BigInt(fracBits)) | randBits(r, fracBits);
    }
    case 12: {
      // Few mantissa bits: exact results and ties
      const m = BigInt(int(r, 1 << 6) | 1) << BigInt(fracBits - 6);
      const e = int(r, 12) - 6 + f.bias;
      return (sign ? 1n << BigInt(f.bits - 1) : 0n) | (BigInt(e) << BigInt(fracBits)) | (m & ((1n << BigInt(fracBits)) - 1n));
    }
    default:
      return randBits(r, f.bits);
  }
}

/** A 64-bit integer, edge values often. */
export function rand64(r: () => number): bigint {
  if (r() < 0.25) return [0n, 1n, (1n << 64n) - 1n, 1n << 63n, (1n << 63n) - 1n, 0xffffffffn, 0x80000000n, 0x7fffffffn, 0xffffffff80000000n][int(r, 9)];
  return randBits(r, 64);
}

