// The A64 cryptographic extension instructions (spec/a64/simd.ts, FEAT_AES / FEAT_SHA1 / FEAT_SHA256 /
// FEAT_SHA512) executed from the Arm ARM pseudocode: AESE/AESD (AddRoundKey, (Inv)SubBytes,
// (Inv)ShiftRows), AESMC/AESIMC ((Inv)MixColumns), SHA1C/P/M/H/SU0/SU1, SHA256H/H2/SU0/SU1,
// SHA512H/H2/SU0/SU1. The AES S-box is computed
// (inverse in GF(2^8) modulo x^8+x^4+x^3+x+1, then the affine map), not copied from a table.
import { NotModelled } from './fp-model.js';
import { lane, mask, pack, parseVInsn, type VState } from './vec-state.js';

const M32 = 0xffffffffn;

// ---- AES -----------------------------------------------------------------------------------------------

function gmul(a: number, b: number): number {
  let r = 0;
  for (let i = 0; i < 8; i++) {
    if (b & 1) r ^= a;
    const hi = a & 0x80;
    a = (a << 1) & 0xff;
    if (hi) a ^= 0x1b;
    b >>= 1;
  }
  return r;
}

const SBOX = new Uint8Array(256);
const INV_SBOX = new Uint8Array(256);
for (let x = 0; x < 256; x++) {
  let inv = 0;
  if (x !== 0) for (let y = 1; y < 256; y++) if (gmul(x, y) === 1) inv = y;
  const rotl = (v: number, k: number) => ((v << k) | (v >> (8 - k))) & 0xff;
  const s = inv ^ rotl(inv, 1) ^ rotl(inv, 2) ^ rotl(inv, 3) ^ rotl(inv, 4) ^ 0x63;
  SBOX[x] = s;
  INV_SBOX[s] = x;
}

const bytesOf = (v: bigint): number[] => Array.from({ length: 16 }, (_, i) => Number((v >> BigInt(8 * i)) & 0xffn));
const fromBytes = (b: readonly number[]): bigint => b.reduceRight((acc, x) => (acc << 8n) | BigInt(x), 0n);

/** The state is column-major: byte i is row i % 4 of column i / 4. */
function shiftRows(b: readonly number[], inverse: boolean): number[] {
  return Array.from({ length: 16 }, (_, i) => {
    const r = i % 4;
    const c = Math.floor(i / 4);
    return b[r + 4 * ((c + (inverse ? 4 - r : r)) % 4)];
  });
}

function mixColumns(b: readonly number[], inverse: boolean): number[] {
  const k = inverse ? [14, 11, 13, 9] : [2, 3, 1, 1];
  const out = new Array<number>(16);
  for (let c = 0; c < 4; c++) {
    for (let r = 0; r < 4; r++) {
      let v = 0;
      for (let j = 0; j < 4; j++) v ^= gmul(b[4 * c + ((r + j) % 4)], k[j]);
      out[4 * c + r] = v;
    }
  }
  return out;
}

// ---- SHA -----------------------------------------------------------------------------------------------

const rol = (x: bigint, k: number) => ((x << BigInt(k)) | (x >> BigInt(32 - k))) & M32;
const ror = (x: bigint, k: number) => rol(x, 32 - k);
const choose = (x: bigint, y: bigint, z: bigint) => ((y ^ z) & x) ^ z;
const parity = (x: bigint, y: bigint, z: bigint) => x ^ y ^ z;
const majority = (x: bigint, y: bigint, z: bigint) => (x & y) | ((x | y) & z);
const lanes32 = (v: bigint) => [0, 1, 2, 3].map((i) => lane(v, 32, i));

/** SHA256hash(X, Y, W, part1). */
function sha256hash(x0: bigint, y0: bigint, w: bigint, part1: boolean): bigint {
  let X = lanes32(x0);
  let Y = lanes32(y0);
  const W = lanes32(w);
  for (let e = 0; e < 4; e++) {
    const chs = choose(Y[0], Y[1], Y[2]);
    const maj = majority(X[0], X[1], X[2]);
    const t = (Y[3] + (ror(Y[0], 6) ^ ror(Y[0], 11) ^ ror(Y[0], 25)) + chs + W[e]) & M32;
    X[3] = (t + X[3]) & M32;
    Y[3] = (t + (ror(X[0], 2) ^ ror(X[0], 13) ^ ror(X[0], 22)) + maj) & M32;
    // <Y, X> = ROL(Y : X, 32)
    const xTop = X[3];
    X = [Y[3], X[0], X[1], X[2]];
    Y = [xTop, Y[0], Y[1], Y[2]];
  }
  return pack(part1 ? X : Y, 32);
}

const M64 = mask(64);
const ror64 = (x: bigint, k: number) => ((x >> BigInt(k)) | (x << BigInt(64 - k))) & M64;
const hi64 = (v: bigint) => (v >> 64n) & M64;
const lo64 = (v: bigint) => v & M64;
const join = (hi: bigint, lo: bigint) => ((hi & M64) << 64n) | (lo & M64);

/** SHA512H / SHA512H2 / SHA512SU0 / SHA512SU1 with W = Vd, X = Vn, Y = Vm. */
function sha512(mn: string, W: bigint, X: bigint, Y: bigint): bigint {
  switch (mn) {
    case 'sha512h': {
      const s1 = (x: bigint) => ror64(x, 14) ^ ror64(x, 18) ^ ror64(x, 41);
      const hiT = (((hi64(Y) & lo64(X)) ^ (~hi64(Y) & M64 & hi64(X))) + s1(hi64(Y)) + hi64(W)) & M64;
      const tmp = (hiT + lo64(Y)) & M64;
      const loT = (((tmp & hi64(Y)) ^ (~tmp & M64 & lo64(X))) + s1(tmp) + lo64(W)) & M64;
      return join(hiT, loT);
    }
    case 'sha512h2': {
      const s0 = (x: bigint) => ror64(x, 28) ^ ror64(x, 34) ^ ror64(x, 39);
      const hiT = (((lo64(X) & hi64(Y)) ^ (lo64(X) & lo64(Y)) ^ (hi64(Y) & lo64(Y))) + s0(lo64(Y)) + hi64(W)) & M64;
      const loT = (((hiT & lo64(Y)) ^ (hiT & hi64(Y)) ^ (hi64(Y) & lo64(Y))) + s0(hiT) + lo64(W)) & M64;
      return join(hiT, loT);
    }
    case 'sha512su0': {
      const s0 = (x: bigint) => ror64(x, 1) ^ ror64(x, 8) ^ (x >> 7n);
      return join(hi64(W) + s0(lo64(X)), lo64(W) + s0(hi64(W)));
    }
    case 'sha512su1': {
      const s1 = (x: bigint) => ror64(x, 19) ^ ror64(x, 61) ^ (x >> 6n);
      return join(hi64(W) + s1(hi64(X)) + hi64(Y), lo64(W) + s1(lo64(X)) + lo64(Y));
    }
  }
  throw new NotModelled(`${mn}: not modelled`);
}

/** Executes an AES / SHA1 / SHA256 / SHA512 instruction; throws NotModelled otherwise. */
export function execCrypto(s: VState, text: string): void {
  const { mn, ops } = parseVInsn(text);
  const reg = (i: number) => {
    const o = ops[i];
    if (o.k !== 'vec' && o.k !== 'scalar') throw new NotModelled('operand');
    return o.n;
  };
  const d = reg(0);
  const vd = s.v[d];
  const vn = s.v[reg(1)];
  switch (mn) {
    case 'aese':
    case 'aesd': {
      const inv = mn === 'aesd';
      const b = bytesOf(vd ^ vn).map((x) => (inv ? INV_SBOX : SBOX)[x]);
      s.v[d] = fromBytes(shiftRows(b, inv));
      return;
    }
    case 'aesmc':
    case 'aesimc':
      s.v[d] = fromBytes(mixColumns(bytesOf(vn), mn === 'aesimc'));
      return;
    case 'sha1c':
    case 'sha1p':
    case 'sha1m': {
      const f = mn === 'sha1c' ? choose : mn === 'sha1p' ? parity : majority;
      let X = lanes32(vd);
      let Y = vn & M32;
      const W = lanes32(s.v[reg(2)]);
      for (let e = 0; e < 4; e++) {
        const t = f(X[1], X[2], X[3]);
        Y = (Y + rol(X[0], 5) + t + W[e]) & M32;
        X[1] = rol(X[1], 30);
        // <Y, X> = ROL(Y : X, 32)
        const top = X[3];
        X = [Y, X[0], X[1], X[2]];
        Y = top;
      }
      s.v[d] = pack(X, 32);
      return;
    }
    case 'sha1h':
      s.v[d] = rol(vn & M32, 30);
      return;
    case 'sha1su0': {
      const vm = s.v[reg(2)];
      s.v[d] = (((vn & mask(64)) << 64n) | (vd >> 64n)) ^ vd ^ vm;
      return;
    }
    case 'sha1su1': {
      const T = lanes32(vd ^ (vn >> 32n));
      s.v[d] = pack([rol(T[0], 1), rol(T[1], 1), rol(T[2], 1), rol(T[3], 1) ^ rol(T[0], 2)], 32);
      return;
    }
    case 'sha256h':
      s.v[d] = sha256hash(vd, vn, s.v[reg(2)], true);
      return;
    case 'sha256h2':
      s.v[d] = sha256hash(vn, vd, s.v[reg(2)], false);
      return;
    case 'sha256su0': {
      const T = lanes32(((vn & M32) << 96n) | (vd >> 32n));
      const D = lanes32(vd);
      s.v[d] = pack(T.map((x, e) => ((ror(x, 7) ^ ror(x, 18) ^ (x >> 3n)) + D[e]) & M32), 32);
      return;
    }
    case 'sha256su1': {
      const vm = s.v[reg(2)];
      const T0 = lanes32(((vm & M32) << 96n) | (vn >> 32n));
      const D = lanes32(vd);
      const sig1 = (x: bigint) => ror(x, 17) ^ ror(x, 19) ^ (x >> 10n);
      const r: bigint[] = [];
      const T1 = [lane(vm, 32, 2), lane(vm, 32, 3)];
      for (let e = 0; e < 2; e++) r[e] = (sig1(T1[e]) + D[e] + T0[e]) & M32;
      for (let e = 2; e < 4; e++) r[e] = (sig1(r[e - 2]) + D[e] + T0[e]) & M32;
      s.v[d] = pack(r, 32);
      return;
    }
  }
  if (mn.startsWith('sha512')) {
    s.v[d] = sha512(mn, vd, vn, ops[2] ? s.v[reg(2)] : 0n);
    return;
  }
  throw new NotModelled(`${mn}: not modelled`);
}
