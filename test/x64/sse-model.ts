// Executes one legacy-encoded SSE … SSE4.2 instruction (spec/x64/sse.ts) given as TEXT, register
// operands only, on a state of 16 general registers, xmm0..xmm15, RFLAGS and MXCSR, from the Intel SDM's
// operation sections. FP lanes go through sse-fp.ts (exact IEEE model). Shares nothing with the encoder.
import { F32, F64, type FpFormat } from '../support/softfloat.js';
import {
  indefinite,
  mxcsrRounding,
  sseAdd,
  sseComiFlags,
  sseConvert,
  sseDiv,
  sseFromInt,
  sseMinMax,
  sseMul,
  ssePredicate,
  sseRound,
  sseSqrt,
  sseToInt,
} from './sse-fp.js';

export class SseNotModelled extends Error {}

export const GP_NAMES = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'] as const;
const GP32 = ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi', 'r8d', 'r9d', 'r10d', 'r11d', 'r12d', 'r13d', 'r14d', 'r15d'];
const GP16 = ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di', 'r8w', 'r9w', 'r10w', 'r11w', 'r12w', 'r13w', 'r14w', 'r15w'];
const GP8 = ['al', 'cl', 'dl', 'bl', 'spl', 'bpl', 'sil', 'dil', 'r8b', 'r9b', 'r10b', 'r11b', 'r12b', 'r13b', 'r14b', 'r15b'];

export interface XState {
  /** rax..r15 in encoding order, unsigned 64-bit. */
  gp: bigint[];
  /** xmm0..xmm15, unsigned 128-bit. */
  x: bigint[];
  rflags: bigint;
  mxcsr: number;
}

type XOp = { k: 'xmm'; n: number } | { k: 'gp'; n: number; size: number } | { k: 'imm'; v: number };

function parseOp(t: string): XOp {
  const s = t.trim().toLowerCase();
  let m: RegExpExecArray | null;
  if ((m = /^xmm(\d+)$/.exec(s))) return { k: 'xmm', n: Number(m[1]) };
  for (const [names, size] of [[GP_NAMES as readonly string[], 64], [GP32, 32], [GP16, 16], [GP8, 8]] as const) {
    const i = names.indexOf(s);
    if (i >= 0) return { k: 'gp', n: i, size };
  }
  if (/^-?(0x[0-9a-f]+|\d+)$/.test(s)) return { k: 'imm', v: Number(BigInt.asUintN(8, BigInt(s.startsWith('-') ? -Number(s.slice(1)) : s))) };
  throw new SseNotModelled(`operand '${t}'`);
}

const M = (bits: number) => (1n << BigInt(bits)) - 1n;
const lane = (v: bigint, es: number, i: number) => (v >> BigInt(es * i)) & M(es);
function lanesOf(v: bigint, es: number): bigint[] {
  return Array.from({ length: 128 / es }, (_, i) => lane(v, es, i));
}
function pack(ls: readonly bigint[], es: number): bigint {
  let v = 0n;
  for (let i = ls.length - 1; i >= 0; i--) v = (v << BigInt(es)) | (ls[i] & M(es));
  return v;
}
const sx = (v: bigint, es: number) => BigInt.asIntN(es, v);
const ux = (v: bigint, es: number) => BigInt.asUintN(es, v);
const satS = (v: bigint, es: number) => ux(v > (1n << BigInt(es - 1)) - 1n ? (1n << BigInt(es - 1)) - 1n : v < -(1n << BigInt(es - 1)) ? -(1n << BigInt(es - 1)) : v, es);
const satU = (v: bigint, es: number) => (v > M(es) ? M(es) : v < 0n ? 0n : v);
const ES: Record<string, number> = { b: 8, w: 16, d: 32, q: 64 };

function readX(s: XState, o: XOp): bigint {
  if (o.k !== 'xmm') throw new SseNotModelled('expected an xmm register');
  return s.x[o.n];
}
function readGp(s: XState, o: XOp): bigint {
  if (o.k !== 'gp') throw new SseNotModelled('expected a general register');
  return s.gp[o.n] & M(o.size);
}
/** A 32-bit write zero-extends to 64 bits (8/16-bit operands are not written by these forms). */
function writeGp(s: XState, o: XOp, v: bigint): void {
  if (o.k !== 'gp' || o.size < 32) throw new SseNotModelled('expected a 32/64-bit general register');
  s.gp[o.n] = v & M(o.size);
}

/** Writes a 32/64-bit general register by name (32-bit writes zero-extend). */
export function writeGpByName(s: XState, name: string, v: bigint): void {
  writeGp(s, parseOp(name), v);
}

/** Lane-wise integer operations of the SSE2/SSSE3/SSE4 `p…` instructions. */
function intLane(mn: string, a: bigint, b: bigint, es: number): bigint | null {
  const sa = sx(a, es);
  const sb = sx(b, es);
  switch (mn) {
    case 'padd': return ux(a + b, es);
    case 'psub': return ux(a - b, es);
    case 'padds': return satS(sa + sb, es);
    case 'paddus': return satU(a + b, es);
    case 'psubs': return satS(sa - sb, es);
    case 'psubus': return satU(a - b, es);
    case 'pmull': return ux(a * b, es);
    case 'pmulh': return ux((sa * sb) >> BigInt(es), es);
    case 'pmulhu': return ux((a * b) >> BigInt(es), es);
    case 'pavg': return (a + b + 1n) >> 1n;
    case 'pmaxu': return a > b ? a : b;
    case 'pminu': return a < b ? a : b;
    case 'pmaxs': return sa > sb ? a : b;
    case 'pmins': return sa < sb ? a : b;
    case 'pcmpeq': return a === b ? M(es) : 0n;
    case 'pcmpgt': return sa > sb ? M(es) : 0n;
    case 'psign': return sb < 0n ? ux(-sa, es) : sb === 0n ? 0n : a;
    case 'pmulhrs': return ux((((sa * sb) >> 14n) + 1n) >> 1n, es);
  }
  return null;
}

const FP_OPS = /^(add|sub|mul|div|min|max|sqrt)(ps|pd|ss|sd)$/;
const CMP_PRED = ['eq', 'lt', 'le', 'unord', 'neq', 'nlt', 'nle', 'ord', 'eq_uq', 'nge', 'ngt', 'false', 'neq_oq', 'ge', 'gt', 'true', 'eq_os', 'lt_oq', 'le_oq', 'unord_s', 'neq_us', 'nlt_uq', 'nle_uq', 'ord_s', 'eq_us', 'nge_uq', 'ngt_uq', 'false_os', 'neq_os', 'ge_oq', 'gt_oq', 'true_us'];

/** Executes a legacy SSE instruction with register operands; throws SseNotModelled for anything else. */
export function execSse(s: XState, text: string): void {
  const t = text.trim();
  const sp = t.search(/\s/);
  const mn = (sp < 0 ? t : t.slice(0, sp)).toLowerCase();
  const ops = sp < 0 ? [] : t.slice(sp + 1).split(',').map(parseOp);
  const mx = s.mxcsr;
  const d = ops[0];
  const a = d?.k === 'xmm' ? s.x[d.n] & M(128) : 0n;
  const b = ops[1]?.k === 'xmm' ? s.x[ops[1].n] & M(128) : 0n;
  // Legacy SSE writes the low 128 bits; a 256-bit (ymm) state keeps its upper half.
  const setX = (v: bigint) => {
    if (d.k !== 'xmm') throw new SseNotModelled('destination');
    s.x[d.n] = (s.x[d.n] & ~M(128)) | (v & M(128));
  };
  let m: RegExpExecArray | null;

  // ---- FP arithmetic ----
  if ((m = FP_OPS.exec(mn))) {
    const [, op, kind] = m;
    const f: FpFormat = kind.endsWith('s') ? F32 : F64;
    const es = f.bits;
    const fn = (x: bigint, y: bigint): bigint => {
      switch (op) {
        case 'add': return sseAdd(x, y, f, mx);
        case 'sub': return sseAdd(x, y, f, mx, true);
        case 'mul': return sseMul(x, y, f, mx);
        case 'div': return sseDiv(x, y, f, mx);
        case 'min': return sseMinMax(x, y, f, false);
        case 'max': return sseMinMax(x, y, f, true);
        default: return sseSqrt(y, f, mx);
      }
    };
    const la = lanesOf(a, es);
    const lb = lanesOf(b, es);
    if (kind[0] === 's') la[0] = fn(la[0], lb[0]);
    else for (let i = 0; i < la.length; i++) la[i] = fn(la[i], lb[i]);
    return setX(pack(la, es));
  }
  if ((m = /^(and|andn|or|xor)p[sd]$/.exec(mn))) {
    const r = m[1] === 'and' ? a & b : m[1] === 'andn' ? ~a & b : m[1] === 'or' ? a | b : a ^ b;
    return setX(r);
  }
  if ((m = /^(unpckl|unpckh)p([sd])$/.exec(mn))) {
    const es = m[2] === 's' ? 32 : 64;
    const la = lanesOf(a, es);
    const lb = lanesOf(b, es);
    const h = la.length / 2;
    const base = m[1] === 'unpckl' ? 0 : h;
    const out: bigint[] = [];
    for (let i = 0; i < h; i++) out.push(la[base + i], lb[base + i]);
    return setX(pack(out, es));
  }
  if ((m = /^(hadd|hsub|addsub)p([sd])$/.exec(mn))) {
    const f = m[2] === 's' ? F32 : F64;
    const es = f.bits;
    const la = lanesOf(a, es);
    const lb = lanesOf(b, es);
    const out: bigint[] = [];
    if (m[1] === 'addsub') for (let i = 0; i < la.length; i++) out.push(sseAdd(la[i], lb[i], f, mx, i % 2 === 0));
    else {
      const sub = m[1] === 'hsub';
      for (const src of [la, lb]) for (let i = 0; i < src.length; i += 2) out.push(sseAdd(src[i], src[i + 1], f, mx, sub));
    }
    return setX(pack(out, es));
  }
  if ((m = /^cmp([a-z_]*)(ps|pd|ss|sd)$/.exec(mn)) && (m[1] === '' || CMP_PRED.includes(m[1]))) {
    const f = m[2].endsWith('s') ? F32 : F64;
    const es = f.bits;
    const pred = m[1] === '' ? (ops[2] as { v: number }).v : CMP_PRED.indexOf(m[1]);
    const la = lanesOf(a, es);
    const lb = lanesOf(b, es);
    const n = m[2][0] === 's' ? 1 : la.length;
    for (let i = 0; i < n; i++) la[i] = ssePredicate(la[i], lb[i], f, pred) ? M(es) : 0n;
    return setX(pack(la, es));
  }
  if (mn === 'shufps' || mn === 'shufpd') {
    const es = mn === 'shufps' ? 32 : 64;
    const imm = (ops[2] as { v: number }).v;
    const la = lanesOf(a, es);
    const lb = lanesOf(b, es);
    if (es === 32) return setX(pack([la[imm & 3], la[(imm >> 2) & 3], lb[(imm >> 4) & 3], lb[(imm >> 6) & 3]], 32));
    return setX(pack([la[imm & 1], lb[(imm >> 1) & 1]], 64));
  }
  if ((m = /^u?comis([sd])$/.exec(mn))) {
    const f = m[1] === 's' ? F32 : F64;
    const fl = sseComiFlags(lane(a, f.bits, 0), lane(b, f.bits, 0), f, !mn.startsWith('u'));
    s.rflags = (s.rflags & ~0x8d5n) | fl; // OF SF ZF AF PF CF
    return;
  }

  // ---- conversions ----
  switch (mn) {
    case 'cvtss2sd':
      return setX((a & ~M(64)) | sseConvert(lane(b, 32, 0), F32, F64, mx));
    case 'cvtsd2ss':
      return setX((a & ~M(32)) | sseConvert(lane(b, 64, 0), F64, F32, mx));
    case 'cvtps2pd':
      return setX(pack([sseConvert(lane(b, 32, 0), F32, F64, mx), sseConvert(lane(b, 32, 1), F32, F64, mx)], 64));
    case 'cvtpd2ps':
      return setX(pack([sseConvert(lane(b, 64, 0), F64, F32, mx), sseConvert(lane(b, 64, 1), F64, F32, mx), 0n, 0n], 32));
    case 'cvtdq2ps':
      return setX(pack(lanesOf(b, 32).map((x) => sseFromInt(sx(x, 32), F32, mx)), 32));
    case 'cvtps2dq':
    case 'cvttps2dq':
      return setX(pack(lanesOf(b, 32).map((x) => sseToInt(x, F32, 32, mn === 'cvttps2dq' ? 'rz' : mxcsrRounding(mx))), 32));
    case 'cvtdq2pd':
      return setX(pack([sseFromInt(sx(lane(b, 32, 0), 32), F64, mx), sseFromInt(sx(lane(b, 32, 1), 32), F64, mx)], 64));
    case 'cvtpd2dq':
    case 'cvttpd2dq':
      return setX(pack([...[0, 1].map((i) => sseToInt(lane(b, 64, i), F64, 32, mn === 'cvttpd2dq' ? 'rz' : mxcsrRounding(mx))), 0n, 0n], 32));
    case 'cvtsi2ss':
    case 'cvtsi2sd': {
      const f = mn.endsWith('ss') ? F32 : F64;
      const g = ops[1] as { size: number };
      return setX((a & ~M(f.bits)) | sseFromInt(sx(readGp(s, ops[1]), g.size), f, mx));
    }
  }
  if ((m = /^cvt(t?)s([sd])2si$/.exec(mn))) {
    const f = m[2] === 's' ? F32 : F64;
    const g = d as { size: number };
    return writeGp(s, d, sseToInt(lane(readX(s, ops[1]), f.bits, 0), f, g.size, m[1] ? 'rz' : mxcsrRounding(mx)));
  }
  if ((m = /^round([ps])([sd])$/.exec(mn))) {
    const f = m[2] === 's' ? F32 : F64;
    const imm = (ops[2] as { v: number }).v;
    const la = lanesOf(a, f.bits);
    const lb = lanesOf(b, f.bits);
    if (m[1] === 's') la[0] = sseRound(lb[0], f, imm, mx);
    else for (let i = 0; i < la.length; i++) la[i] = sseRound(lb[i], f, imm, mx);
    return setX(pack(la, f.bits));
  }
  if ((m = /^blend(v?)p([sd])$/.exec(mn)) || mn === 'pblendw' || mn === 'pblendvb') {
    const es = mn === 'pblendw' ? 16 : mn === 'pblendvb' ? 8 : m![2] === 's' ? 32 : 64;
    const variable = mn.includes('blendv');
    const la = lanesOf(a, es);
    const lb = lanesOf(b, es);
    const sel = lanesOf(s.x[0] & M(128), es);
    for (let i = 0; i < la.length; i++) {
      const take = variable ? (sel[i] >> BigInt(es - 1)) & 1n : BigInt(((ops[2] as { v: number }).v >> i) & 1);
      if (take) la[i] = lb[i];
    }
    return setX(pack(la, es));
  }
  if (mn === 'insertps') {
    const imm = (ops[2] as { v: number }).v;
    const x = lane(b, 32, (imm >> 6) & 3);
    const la = lanesOf(a, 32);
    la[(imm >> 4) & 3] = x;
    for (let i = 0; i < 4; i++) if ((imm >> i) & 1) la[i] = 0n;
    return setX(pack(la, 32));
  }
  if (mn === 'extractps' || (m = /^pextr([bwdq])$/.exec(mn))) {
    const es = mn === 'extractps' ? 32 : ES[m![1]];
    const imm = (ops[2] as { v: number }).v;
    const x = lane(readX(s, ops[1]) & M(128), es, imm & (128 / es - 1));
    const g = d as { k: string; size: number };
    if (g.k !== 'gp') throw new SseNotModelled('extract to memory');
    s.gp[(d as { n: number }).n] = x; // zero-extended to the whole register
    return;
  }
  if ((m = /^pinsr([bwdq])$/.exec(mn))) {
    const es = ES[m[1]];
    const imm = (ops[2] as { v: number }).v;
    const la = lanesOf(a, es);
    la[imm & (128 / es - 1)] = s.gp[(ops[1] as { n: number }).n] & M(es);
    return setX(pack(la, es));
  }
  if (mn === 'movmskps' || mn === 'movmskpd' || mn === 'pmovmskb') {
    const es = mn === 'movmskps' ? 32 : mn === 'movmskpd' ? 64 : 8;
    const ls = lanesOf(readX(s, ops[1]) & M(128), es);
    let r = 0n;
    ls.forEach((x, i) => (r |= ((x >> BigInt(es - 1)) & 1n) << BigInt(i)));
    s.gp[(d as { n: number }).n] = r;
    return;
  }
  if (mn === 'dpps' || mn === 'dppd') {
    const f = mn === 'dpps' ? F32 : F64;
    const es = f.bits;
    const imm = (ops[2] as { v: number }).v;
    const la = lanesOf(a, es);
    const lb = lanesOf(b, es);
    const prod = la.map((x, i) => ((imm >> (4 + i)) & 1 ? sseMul(x, lb[i], f, mx) : 0n));
    let sum: bigint;
    if (es === 32) sum = sseAdd(sseAdd(prod[0], prod[1], f, mx), sseAdd(prod[2], prod[3], f, mx), f, mx);
    else sum = sseAdd(prod[0], prod[1], f, mx);
    return setX(pack(la.map((_, i) => ((imm >> i) & 1 ? sum : 0n)), es));
  }

  // ---- moves ----
  if (/^mov(aps|ups|apd|upd|dqa|dqu)$/.test(mn)) return setX(b);
  if (mn === 'movss' || mn === 'movsd') {
    const es = mn === 'movss' ? 32 : 64;
    return setX((a & ~M(es)) | (b & M(es)));
  }
  if (mn === 'movhlps') return setX((a & ~M(64)) | (b >> 64n));
  if (mn === 'movlhps') return setX((a & M(64)) | ((b & M(64)) << 64n));
  if (mn === 'movd' || mn === 'movq') {
    const [x, y] = ops;
    if (x.k === 'xmm' && y.k === 'xmm') return setX(b & M(64));
    if (x.k === 'xmm' && y.k === 'gp') return setX(readGp(s, y));
    if (x.k === 'gp' && y.k === 'xmm') return writeGp(s, x, s.x[y.n] & M(x.size) & M(128));
    if (x.k === 'gp' && y.k === 'gp') return writeGp(s, x, readGp(s, y));
  }

  // ---- integer ----
  if ((m = /^(padd|psub|padds|paddus|psubs|psubus|pmull|pmulh|pmulhu|pavg|pmaxu|pminu|pmaxs|pmins|pcmpeq|pcmpgt|psign|pmulhrs)([bwdq])$/.exec(mn))) {
    const es = ES[m[2]];
    const lb = lanesOf(b, es);
    const out = lanesOf(a, es).map((x, i) => intLane(m![1], x, lb[i], es));
    if (out.every((x) => x !== null)) return setX(pack(out as bigint[], es));
  }
  if ((m = /^pabs([bwd])$/.exec(mn))) {
    const es = ES[m[1]];
    return setX(pack(lanesOf(b, es).map((x) => ux(sx(x, es) < 0n ? -sx(x, es) : x, es)), es));
  }
  switch (mn) {
    case 'pand': return setX(a & b);
    case 'pandn': return setX(~a & b);
    case 'por': return setX(a | b);
    case 'pxor': return setX(a ^ b);
    case 'pmuludq':
    case 'pmuldq': {
      const f = mn === 'pmuldq' ? (x: bigint) => sx(x, 32) : (x: bigint) => x;
      return setX(pack([0, 2].map((i) => ux(f(lane(a, 32, i)) * f(lane(b, 32, i)), 64)), 64));
    }
    case 'pmaddwd': {
      const la = lanesOf(a, 16).map((x) => sx(x, 16));
      const lb = lanesOf(b, 16).map((x) => sx(x, 16));
      return setX(pack([0, 1, 2, 3].map((i) => ux(la[2 * i] * lb[2 * i] + la[2 * i + 1] * lb[2 * i + 1], 32)), 32));
    }
    case 'pmaddubsw': {
      const la = lanesOf(a, 8);
      const lb = lanesOf(b, 8).map((x) => sx(x, 8));
      return setX(pack(Array.from({ length: 8 }, (_, i) => satS(la[2 * i] * lb[2 * i] + la[2 * i + 1] * lb[2 * i + 1], 16)), 16));
    }
    case 'psadbw': {
      const la = lanesOf(a, 8);
      const lb = lanesOf(b, 8);
      const sum = (k: number) => la.slice(8 * k, 8 * k + 8).reduce((t, x, i) => t + (x > lb[8 * k + i] ? x - lb[8 * k + i] : lb[8 * k + i] - x), 0n);
      return setX(pack([sum(0), sum(1)], 64));
    }
    case 'packsswb':
    case 'packssdw':
    case 'packuswb':
    case 'packusdw': {
      const es = mn.endsWith('wb') ? 16 : 32;
      const sat = mn.startsWith('packss') ? satS : satU;
      return setX(pack([...lanesOf(a, es), ...lanesOf(b, es)].map((x) => sat(sx(x, es), es / 2)), es / 2));
    }
    case 'pshufd': {
      const imm = (ops[2] as { v: number }).v;
      const lb = lanesOf(b, 32);
      return setX(pack([0, 1, 2, 3].map((i) => lb[(imm >> (2 * i)) & 3]), 32));
    }
    case 'pshufhw':
    case 'pshuflw': {
      const imm = (ops[2] as { v: number }).v;
      const lb = lanesOf(b, 16);
      const o = mn === 'pshufhw' ? 4 : 0;
      const out = lb.slice();
      for (let i = 0; i < 4; i++) out[o + i] = lb[o + ((imm >> (2 * i)) & 3)];
      return setX(pack(out, 16));
    }
    case 'pshufb': {
      const la = lanesOf(a, 8);
      return setX(pack(lanesOf(b, 8).map((x) => (x & 0x80n ? 0n : la[Number(x & 15n)])), 8));
    }
    case 'palignr': {
      const imm = (ops[2] as { v: number }).v;
      const cat = (a << 128n) | b;
      return setX(imm >= 32 ? 0n : (cat >> BigInt(8 * imm)) & M(128));
    }
    case 'phminposuw': {
      const lb = lanesOf(b, 16);
      let k = 0;
      for (let i = 1; i < 8; i++) if (lb[i] < lb[k]) k = i;
      return setX(pack([lb[k], BigInt(k)], 16));
    }
    case 'ptest': {
      const zf = (a & b) === 0n ? 0x40n : 0n;
      const cf = (~a & M(128) & b) === 0n ? 1n : 0n;
      s.rflags = (s.rflags & ~0x8d5n) | zf | cf;
      return;
    }
    case 'pslldq':
    case 'psrldq': {
      const imm = (d.k === 'xmm' ? (ops[1] as { v: number }).v : 0);
      if (imm > 15) return setX(0n);
      return setX(mn === 'pslldq' ? (a << BigInt(8 * imm)) & M(128) : a >> BigInt(8 * imm));
    }
    case 'crc32': {
      const src = ops[1] as { k: string; size: number };
      let crc = s.gp[(d as { n: number }).n] & M(32);
      const v = readGp(s, ops[1]);
      for (let i = 0; i < src.size; i++) {
        crc ^= (v >> BigInt(i)) & 1n;
        crc = crc & 1n ? (crc >> 1n) ^ 0x82f63b78n : crc >> 1n;
      }
      s.gp[(d as { n: number }).n] = crc;
      return;
    }
  }
  if ((m = /^ph(add|sub)(s?)([wd])$/.exec(mn))) {
    const es = ES[m[3]];
    const sub = m[1] === 'sub';
    const out: bigint[] = [];
    for (const src of [lanesOf(a, es), lanesOf(b, es)]) {
      for (let i = 0; i < src.length; i += 2) {
        const r = sub ? sx(src[i], es) - sx(src[i + 1], es) : sx(src[i], es) + sx(src[i + 1], es);
        out.push(m[2] ? satS(r, es) : ux(r, es));
      }
    }
    return setX(pack(out, es));
  }
  if ((m = /^punpck([lh])(bw|wd|dq|qdq)$/.exec(mn))) {
    const es = { bw: 8, wd: 16, dq: 32, qdq: 64 }[m[2]]!;
    const la = lanesOf(a, es);
    const lb = lanesOf(b, es);
    const h = la.length / 2;
    const base = m[1] === 'l' ? 0 : h;
    const out: bigint[] = [];
    for (let i = 0; i < h; i++) out.push(la[base + i], lb[base + i]);
    return setX(pack(out, es));
  }
  if ((m = /^pmov([sz])x([bwd])([wdq])$/.exec(mn))) {
    const from = ES[m[2]];
    const to = ES[m[3]];
    const n = 128 / to;
    const lb = lanesOf(b, from).slice(0, n);
    return setX(pack(lb.map((x) => ux(m![1] === 's' ? sx(x, from) : x, to)), to));
  }
  if ((m = /^p(sll|srl|sra)([wdq])$/.exec(mn))) {
    const es = ES[m[2]];
    const count = ops[1].k === 'imm' ? BigInt(ops[1].v) : b & M(64);
    const out = lanesOf(a, es).map((x) => {
      if (m![1] === 'sra') return ux(sx(x, es) >> (count > BigInt(es - 1) ? BigInt(es - 1) : count), es);
      if (count > BigInt(es - 1)) return 0n;
      return m![1] === 'sll' ? ux(x << count, es) : x >> count;
    });
    return setX(pack(out, es));
  }
  if (mn === 'pcmpeqq' || mn === 'pcmpgtq') {
    const lb = lanesOf(b, 64);
    return setX(pack(lanesOf(a, 64).map((x, i) => ((mn === 'pcmpeqq' ? x === lb[i] : sx(x, 64) > sx(lb[i], 64)) ? M(64) : 0n)), 64));
  }
  if (mn === 'mpsadbw') {
    const imm = (ops[2] as { v: number }).v;
    const la = lanesOf(a, 8);
    const lb = lanesOf(b, 8);
    const ao = 4 * ((imm >> 2) & 1);
    const bo = 4 * (imm & 3);
    return setX(pack(Array.from({ length: 8 }, (_, i) => [0, 1, 2, 3].reduce((t, k) => {
      const x = la[ao + i + k];
      const y = lb[bo + k];
      return t + (x > y ? x - y : y - x);
    }, 0n)), 16));
  }
  void indefinite;
  throw new SseNotModelled(`${mn}: not modelled`);
}
