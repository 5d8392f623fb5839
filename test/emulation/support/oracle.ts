// Plain-JS reference arithmetic for the emulation property tests: 64/32-bit wrapping, AArch64 NZCV and
// x86-64 RFLAGS as the architecture manuals define them. Independent of Unicorn and of our code.
import fc from 'fast-check';

export const M64 = (1n << 64n) - 1n;
export const M32 = (1n << 32n) - 1n;

export const u64 = (v: bigint): bigint => BigInt.asUintN(64, v);
export const u32 = (v: bigint): bigint => BigInt.asUintN(32, v);
export const s64 = (v: bigint): bigint => BigInt.asIntN(64, v);
export const s32 = (v: bigint): bigint => BigInt.asIntN(32, v);

/** A 64-bit value: edge cases often, uniform otherwise. */
export const arbU64: fc.Arbitrary<bigint> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(0n, 1n, 2n, 0x7fn, 0x80n, 0xffn, M32, 1n << 31n, 1n << 32n, 1n << 63n, (1n << 63n) - 1n, M64, M64 - 1n) },
  { weight: 4, arbitrary: fc.bigInt({ min: 0n, max: M64 }) },
  { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: 0xffffn }) },
);

/** Little-endian bytes of `value` (width bytes). */
export function le(value: bigint, width: number): Uint8Array {
  const out = new Uint8Array(width);
  let v = BigInt.asUintN(width * 8, value);
  for (let i = 0; i < width; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** The little-endian value of `bytes`. */
export function fromLe(bytes: Uint8Array): bigint {
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]);
  return v;
}

// ---- AArch64 NZCV (as Unicorn reports it: N = bit 31, Z = 30, C = 29, V = 28) ---------------------------

export function nzcv(n: boolean, z: boolean, c: boolean, v: boolean): bigint {
  return (n ? 1n << 31n : 0n) | (z ? 1n << 30n : 0n) | (c ? 1n << 29n : 0n) | (v ? 1n << 28n : 0n);
}

/** AddWithCarry(a, b, carry) of the ARM ARM for `bits`-bit operands: [result, nzcv]. */
export function addWithCarry(bits: 32 | 64, a: bigint, b: bigint, carry: 0n | 1n): [bigint, bigint] {
  const B = BigInt(bits);
  const mask = (1n << B) - 1n;
  const unsignedSum = (a & mask) + (b & mask) + carry;
  const r = unsignedSum & mask;
  const sa = BigInt.asIntN(bits, a);
  const sb = BigInt.asIntN(bits, b);
  const signedSum = sa + sb + carry;
  const n = (r >> (B - 1n)) === 1n;
  const z = r === 0n;
  const c = unsignedSum !== r;
  const v = BigInt.asIntN(bits, r) !== signedSum;
  return [r, nzcv(n, z, c, v)];
}

/** ARM condition codes evaluated on an nzcv value. */
export function condHolds(cond: string, flags: bigint): boolean {
  const n = (flags >> 31n) & 1n;
  const z = (flags >> 30n) & 1n;
  const c = (flags >> 29n) & 1n;
  const v = (flags >> 28n) & 1n;
  switch (cond) {
    case 'eq': return z === 1n;
    case 'ne': return z === 0n;
    case 'hs': return c === 1n;
    case 'lo': return c === 0n;
    case 'mi': return n === 1n;
    case 'pl': return n === 0n;
    case 'vs': return v === 1n;
    case 'vc': return v === 0n;
    case 'hi': return c === 1n && z === 0n;
    case 'ls': return !(c === 1n && z === 0n);
    case 'ge': return n === v;
    case 'lt': return n !== v;
    case 'gt': return z === 0n && n === v;
    case 'le': return !(z === 0n && n === v);
    default: throw new Error(`unknown condition ${cond}`);
  }
}

// ---- x86-64 RFLAGS -------------------------------------------------------------------------------------

export const CF = 1n << 0n;
export const PF = 1n << 2n;
export const AF = 1n << 4n;
export const ZF = 1n << 6n;
export const SF = 1n << 7n;
export const OF = 1n << 11n;
/** The six status flags. */
export const STATUS = CF | PF | AF | ZF | SF | OF;

function parityFlag(r: bigint): bigint {
  let x = Number(r & 0xffn);
  let ones = 0;
  while (x) {
    ones += x & 1;
    x >>= 1;
  }
  return ones % 2 === 0 ? PF : 0n;
}

function szp(bits: number, r: bigint): bigint {
  const B = BigInt(bits);
  return (r === 0n ? ZF : 0n) | ((r >> (B - 1n)) & 1n ? SF : 0n) | parityFlag(r);
}

/** `add` / `adc` of `bits`-bit operands: [result, status flags]. */
export function x86Add(bits: number, a: bigint, b: bigint, carry: bigint = 0n): [bigint, bigint] {
  const B = BigInt(bits);
  const mask = (1n << B) - 1n;
  const full = (a & mask) + (b & mask) + carry;
  const r = full & mask;
  const of = ((((a ^ r) & (b ^ r)) >> (B - 1n)) & 1n) === 1n;
  const af = (((a ^ b ^ r) >> 4n) & 1n) === 1n;
  return [r, szp(bits, r) | (full > mask ? CF : 0n) | (of ? OF : 0n) | (af ? AF : 0n)];
}

/** `sub` / `cmp` / `sbb` of `bits`-bit operands: [result, status flags]. */
export function x86Sub(bits: number, a: bigint, b: bigint, borrow: bigint = 0n): [bigint, bigint] {
  const B = BigInt(bits);
  const mask = (1n << B) - 1n;
  const am = a & mask;
  const bm = b & mask;
  const r = (am - bm - borrow) & mask;
  const cf = am < bm + borrow;
  const of = ((((a ^ b) & (a ^ r)) >> (B - 1n)) & 1n) === 1n;
  const af = (((a ^ b ^ r) >> 4n) & 1n) === 1n;
  return [r, szp(bits, r) | (cf ? CF : 0n) | (of ? OF : 0n) | (af ? AF : 0n)];
}

/** `and` / `or` / `xor` / `test`: CF = OF = 0, SF ZF PF from the result (AF undefined: masked out by callers). */
export function x86Logic(bits: number, r: bigint): bigint {
  return szp(bits, r);
}
