// Executes one form of spec/x64/avx.ts (AVX/AVX2 instructions without an SSE counterpart, and FMA3) given
// as TEXT, register operands only, from the SDM's operation sections: vzeroupper/vzeroall, broadcasts,
// 128-bit lane inserts/extracts and permutes, vpermq/pd/d/ps, vpermilps/pd, vpblendd, variable shifts,
// vtestps/pd, VEX movhlps/movlhps, the 256-bit sign/zero extensions and the fused multiply-adds (one
// rounding, through the exact IEEE model). A VEX destination is written whole (bits above a 128-bit
// result cleared).
import { exactAdd, exactMul, exactOf, F32, F64, infBits, quietBit, roundExact, unpack, zeroBits, type Exact, type FpFormat } from '../support/softfloat.js';
import { invalidOp, mxcsrRounding, nanInvalid, roundingFlags } from './sse-fp.js';
import { GP_NAMES, SseNotModelled, type XState } from './sse-model.js';

const M = (bits: number) => (1n << BigInt(bits)) - 1n;
type Op = { k: 'v'; n: number; ymm: boolean } | { k: 'imm'; v: number };

function parse(t: string): Op {
  const s = t.trim().toLowerCase();
  const m = /^([xy])mm(\d+)$/.exec(s);
  if (m) return { k: 'v', n: Number(m[2]), ymm: m[1] === 'y' };
  if (/^\d+$/.test(s)) return { k: 'imm', v: Number(s) };
  throw new SseNotModelled(`operand '${t}'`);
}

const lanes = (v: bigint, es: number, n: number) => Array.from({ length: n }, (_, i) => (v >> BigInt(es * i)) & M(es));
const pack = (ls: readonly bigint[], es: number) => ls.reduceRight((acc, x) => (acc << BigInt(es)) | (x & M(es)), 0n);
const sx = (v: bigint, es: number) => BigInt.asIntN(es, v);

/**
 * x86 FMA: a × b + c (negations applied to the product and/or the addend) with one rounding. NaN: the
 * first NaN in the order of the operation as the SDM writes it (first factor, second factor, addend:
 * 132 = op1 × op3 + op2, 213 = op2 × op1 + op3, 231 = op2 × op3 + op1), quieted, sign unchanged.
 */
function fma(ops3: readonly bigint[], mulA: number, mulB: number, add: number, negProd: boolean, negAdd: boolean, f: FpFormat, mxcsr: number): bigint {
  nanInvalid(ops3, f);
  for (const i of [mulA, mulB, add]) if (unpack(ops3[i], f).kind === 'nan') return ops3[i] | quietBit(f);
  const a = unpack(ops3[mulA], f);
  const b = unpack(ops3[mulB], f);
  const c = unpack(ops3[add], f);
  const ps = ((a.sign ^ b.sign) ^ (negProd ? 1 : 0)) as 0 | 1;
  const cs = (c.sign ^ (negAdd ? 1 : 0)) as 0 | 1;
  if ((a.kind === 'inf' && b.kind === 'zero') || (a.kind === 'zero' && b.kind === 'inf')) return invalidOp(f);
  const infP = a.kind === 'inf' || b.kind === 'inf';
  if (infP && c.kind === 'inf' && ps !== cs) return invalidOp(f);
  if (infP) return infBits(f, ps);
  if (c.kind === 'inf') return infBits(f, cs);
  const rm = mxcsrRounding(mxcsr);
  const zeroP = a.kind === 'zero' || b.kind === 'zero';
  const prod: Exact = zeroP ? { sign: ps, mant: 0n, exp: 0 } : { ...exactMul(exactOf(a), exactOf(b)), sign: ps };
  const addend: Exact = { ...exactOf(c), sign: cs };
  if (prod.mant === 0n && addend.mant === 0n) return zeroBits(f, ps === cs ? ps : rm === 'rm' ? 1 : 0);
  return roundingFlags(roundExact(exactAdd(prod, addend), f, rm, rm === 'rm' ? 1 : 0));
}

/** Executes an avx.ts form; throws SseNotModelled otherwise. */
export function execAvx2(s: XState, text: string): void {
  const t = text.trim();
  const sp = t.search(/\s/);
  const mn = (sp < 0 ? t : t.slice(0, sp)).toLowerCase();
  if (mn === 'vzeroupper') {
    s.x = s.x.map((x) => x & M(128));
    return;
  }
  if (mn === 'vzeroall') {
    s.x = s.x.map(() => 0n);
    return;
  }
  const ops = t.slice(sp + 1).split(',').map(parse);
  const d = ops[0];
  if (d.k !== 'v') throw new SseNotModelled('destination');
  const width = d.ymm ? 256 : 128;
  const V = (o: Op) => (o.k === 'v' ? s.x[o.n] : 0n);
  const imm = ops.find((o) => o.k === 'imm')?.v ?? 0;
  const set = (v: bigint) => {
    s.x[d.n] = v & M(width);
  };
  let m: RegExpExecArray | null;

  if ((m = /^v(p?)broadcast(ss|sd|b|w|d|q)$/.exec(mn))) {
    const es = { ss: 32, sd: 64, b: 8, w: 16, d: 32, q: 64 }[m[2]]!;
    const x = V(ops[1]) & M(es);
    return set(pack(new Array<bigint>(width / es).fill(x), es));
  }
  if (mn === 'vinsertf128' || mn === 'vinserti128') {
    const h = BigInt(128 * (imm & 1));
    return set((V(ops[1]) & ~(M(128) << h)) | ((V(ops[2]) & M(128)) << h));
  }
  if (mn === 'vextractf128' || mn === 'vextracti128') return set((V(ops[1]) >> BigInt(128 * (imm & 1))) & M(128));
  if (mn === 'vperm2f128' || mn === 'vperm2i128') {
    const srcs = [V(ops[1]) & M(128), V(ops[1]) >> 128n, V(ops[2]) & M(128), V(ops[2]) >> 128n];
    const half = (k: number) => ((imm >> (4 * k + 3)) & 1 ? 0n : srcs[(imm >> (4 * k)) & 3]);
    return set(half(0) | (half(1) << 128n));
  }
  if (mn === 'vpermq' || mn === 'vpermpd') {
    const a = lanes(V(ops[1]), 64, 4);
    return set(pack([0, 1, 2, 3].map((i) => a[(imm >> (2 * i)) & 3]), 64));
  }
  if (mn === 'vpermd' || mn === 'vpermps') {
    const idx = lanes(V(ops[1]), 32, 8);
    const a = lanes(V(ops[2]), 32, 8);
    return set(pack(idx.map((i) => a[Number(i & 7n)]), 32));
  }
  if ((m = /^vpermilp([sd])$/.exec(mn))) {
    const es = m[1] === 's' ? 32 : 64;
    const per = 128 / es;
    const n = width / es;
    const a = lanes(V(ops[1]), es, n);
    const variable = ops[2].k === 'v';
    const ctl = variable ? lanes(V(ops[2]), es, n) : null;
    return set(pack(a.map((_, i) => {
      const base = i - (i % per);
      let sel: number;
      if (es === 32) sel = variable ? Number(ctl![i] & 3n) : (imm >> (2 * (i % 4))) & 3;
      else sel = variable ? Number((ctl![i] >> 1n) & 1n) : (imm >> i) & 1;
      return a[base + sel];
    }), es));
  }
  if (mn === 'vpblendd') {
    const a = lanes(V(ops[1]), 32, width / 32);
    const b = lanes(V(ops[2]), 32, width / 32);
    return set(pack(a.map((x, i) => ((imm >> i) & 1 ? b[i] : x)), 32));
  }
  if ((m = /^vp(sll|srl|sra)v([dq])$/.exec(mn))) {
    const es = m[2] === 'd' ? 32 : 64;
    const n = width / es;
    const a = lanes(V(ops[1]), es, n);
    const c = lanes(V(ops[2]), es, n);
    return set(pack(a.map((x, i) => {
      const k = c[i];
      if (m![1] === 'sra') return BigInt.asUintN(es, sx(x, es) >> (k > BigInt(es - 1) ? BigInt(es - 1) : k));
      if (k > BigInt(es - 1)) return 0n;
      return m![1] === 'sll' ? (x << k) & M(es) : x >> k;
    }), es));
  }
  if ((m = /^vtestp([sd])$/.exec(mn))) {
    const es = m[1] === 's' ? 32 : 64;
    const a = V(ops[0]);
    const b = V(ops[1]);
    let zf = true;
    let cf = true;
    for (let i = 0; i < width / es; i++) {
      const bit = BigInt(es * (i + 1) - 1);
      if (((b & a) >> bit) & 1n) zf = false;
      if (((b & ~a) >> bit) & 1n) cf = false;
    }
    s.rflags = (s.rflags & ~0x8d5n) | (zf ? 0x40n : 0n) | (cf ? 1n : 0n);
    return;
  }
  if (mn === 'vmovhlps') return set(((V(ops[2]) >> 64n) & M(64)) | (((V(ops[1]) >> 64n) & M(64)) << 64n));
  if (mn === 'vmovlhps') return set((V(ops[1]) & M(64)) | ((V(ops[2]) & M(64)) << 64n));
  if ((m = /^vpmov([sz])x([bwd])([wdq])$/.exec(mn))) {
    const from = { b: 8, w: 16, d: 32 }[m[2]]!;
    const to = { w: 16, d: 32, q: 64 }[m[3]]!;
    const n = width / to;
    return set(pack(lanes(V(ops[1]), from, n).map((x) => BigInt.asUintN(to, m![1] === 's' ? sx(x, from) : x)), to));
  }
  if ((m = /^vf(n?)m(add|sub)(132|213|231)([ps])([sd])$/.exec(mn))) {
    const f = m[5] === 's' ? F32 : F64;
    const es = f.bits;
    const negProd = m[1] === 'n';
    const negAdd = m[2] === 'sub';
    // Operands in encoding order: 1 = destination (first source), 2 = VEX.vvvv, 3 = r/m.
    const [mulA, mulB, add] = m[3] === '132' ? [0, 2, 1] : m[3] === '213' ? [1, 0, 2] : [1, 2, 0];
    const n = m[4] === 's' ? 1 : width / es;
    const srcs = [0, 1, 2].map((i) => lanes(V(ops[i]), es, width / es));
    const out = srcs[0].slice();
    for (let i = 0; i < n; i++) out[i] = fma([srcs[0][i], srcs[1][i], srcs[2][i]], mulA, mulB, add, negProd, negAdd, f, s.mxcsr);
    return set(pack(out, es));
  }
  void GP_NAMES;
  throw new SseNotModelled(`${mn}: not modelled`);
}
