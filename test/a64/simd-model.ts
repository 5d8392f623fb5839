// Executes one Advanced SIMD instruction (spec/a64/simd.ts) given as TEXT on a VState, from the Arm ARM
// pseudocode of each family: three-same, two-register misc, across lanes, pairwise, shifts by immediate,
// widening / narrowing / long, permutes, ext, tbl/tbx, element copies, modified immediates, by-element
// forms, the scalar forms, and the FP vector forms through fp-semantics.ts lane by lane. A scalar
// register is a one-lane vector; writes clear the register above the bits written (64-bit arrangements
// and scalars), except ins/mov-to-element and the `2` (upper half) narrowing forms, which keep the rest.
import { F16, F32, F64, type FpFormat } from '../support/softfloat.js';
import {
  defaultNaN,
  fixedToFp,
  fpAbs,
  fpAdd,
  fpcrRounding,
  fpComparePred,
  fpConvert,
  fpConvertOdd,
  fpRecpX,
  fpRecipEstimate,
  fpRSqrtEstimate,
  uRecipEstimate,
  uRSqrtEstimate,
  fpDiv,
  fpFromNumber,
  fpMaxMin,
  fpMul,
  fpMulAdd,
  fpMulX,
  fpNeg,
  fpRecipStep,
  fpRoundInt,
  fpRoundIntN,
  fpRSqrtStep,
  fpSqrt,
  fpToFixed,
  processNaNs,
} from './fp-semantics.js';
import { NotModelled } from './fp-model.js';
import { execCrypto } from './crypto-model.js';
import { lane, mask, pack, parseVInsn, readGpr, withLane, writeGpr, type VOp, type VState } from './vec-state.js';

const fmtOf = (es: number): FpFormat => {
  if (es === 16) return F16;
  if (es === 32) return F32;
  if (es === 64) return F64;
  throw new NotModelled(`no FP format of ${es} bits`);
};

const sx = (v: bigint, es: number) => BigInt.asIntN(es, v);
const ux = (v: bigint, es: number) => BigInt.asUintN(es, v);
const satS = (v: bigint, es: number) => {
  const hi = (1n << BigInt(es - 1)) - 1n;
  const lo = -(1n << BigInt(es - 1));
  return ux(v > hi ? hi : v < lo ? lo : v, es);
};
const satU = (v: bigint, es: number) => {
  const hi = (1n << BigInt(es)) - 1n;
  return v > hi ? hi : v < 0n ? 0n : v;
};
const ones = (es: number) => mask(es);
const bool = (b: boolean, es: number) => (b ? ones(es) : 0n);
const absB = (v: bigint) => (v < 0n ? -v : v);

/** Lane geometry of an operand: lanes × esize (a scalar register is one lane of its size). */
interface Geo {
  n: number;
  lanes: number;
  es: number;
}
function geo(o: VOp): Geo {
  if (o.k === 'vec') return { n: o.n, lanes: o.lanes, es: o.esize };
  if (o.k === 'scalar') return { n: o.n, lanes: 1, es: o.bits };
  throw new NotModelled(`operand kind ${o.k} where a vector or scalar register is expected`);
}

/** The lanes of a source operand: `count` lanes of `es` bits (from the upper 64 bits when `upper`); an element is broadcast. */
function src(s: VState, o: VOp, es: number, count: number, upper = false): bigint[] {
  if (o.k === 'elem') {
    const x = lane(s.v[o.n], o.esize, o.idx);
    return new Array<bigint>(count).fill(x);
  }
  const g = geo(o);
  const v = upper ? s.v[g.n] >> 64n : s.v[g.n];
  const out = new Array<bigint>(count);
  for (let i = 0; i < count; i++) out[i] = lane(v, es, i);
  return out;
}

/** Writes lanes to a register and clears the rest (from bit lanes×es up). */
function put(s: VState, n: number, ls: readonly bigint[], es: number): void {
  s.v[n] = pack(ls, es);
}
/** Writes lanes to the upper 64 bits, keeping the lower 64. */
function putUpper(s: VState, n: number, ls: readonly bigint[], es: number): void {
  s.v[n] = (s.v[n] & mask(64)) | (pack(ls, es) << 64n);
}

/** Integer three-same lane operations (a = Vn lane, b = Vm lane, d = Vd lane; unsigned es-bit values). */
function int3(mn: string, a: bigint, b: bigint, d: bigint, es: number): bigint | null {
  const sa = sx(a, es);
  const sb = sx(b, es);
  switch (mn) {
    case 'add': return ux(a + b, es);
    case 'sub': return ux(a - b, es);
    case 'mul': return ux(a * b, es);
    case 'mla': return ux(d + a * b, es);
    case 'mls': return ux(d - a * b, es);
    case 'pmul': {
      let r = 0n;
      for (let i = 0; i < es; i++) if ((b >> BigInt(i)) & 1n) r ^= a << BigInt(i);
      return ux(r, es);
    }
    case 'cmeq': return bool(a === b, es);
    case 'cmtst': return bool((a & b) !== 0n, es);
    case 'cmgt': return bool(sa > sb, es);
    case 'cmge': return bool(sa >= sb, es);
    case 'cmhi': return bool(a > b, es);
    case 'cmhs': return bool(a >= b, es);
    case 'sqadd': return satS(sa + sb, es);
    case 'uqadd': return satU(a + b, es);
    case 'sqsub': return satS(sa - sb, es);
    case 'uqsub': return satU(a - b, es);
    case 'shadd': return ux((sa + sb) >> 1n, es);
    case 'uhadd': return ux((a + b) >> 1n, es);
    case 'srhadd': return ux((sa + sb + 1n) >> 1n, es);
    case 'urhadd': return ux((a + b + 1n) >> 1n, es);
    case 'shsub': return ux((sa - sb) >> 1n, es);
    case 'uhsub': return ux((a - b) >> 1n, es);
    case 'smax': return sa >= sb ? a : b;
    case 'umax': return a >= b ? a : b;
    case 'smin': return sa <= sb ? a : b;
    case 'umin': return a <= b ? a : b;
    case 'sabd': return ux(absB(sa - sb), es);
    case 'uabd': return ux(absB(a - b), es);
    case 'saba': return ux(d + absB(sa - sb), es);
    case 'uaba': return ux(d + absB(a - b), es);
    case 'and': return a & b;
    case 'bic': return a & ~b & ones(es);
    case 'orr': return a | b;
    case 'orn': return (a | ~b) & ones(es);
    case 'eor': return a ^ b;
    case 'bsl': return (d & a) | (~d & b & ones(es));
    case 'bit': return (a & b) | (d & ~b & ones(es));
    case 'bif': return (d & b) | (a & ~b & ones(es));
    case 'sqdmulh': return satS((2n * sa * sb) >> BigInt(es), es);
    case 'sqrdmulh': return satS((2n * sa * sb + (1n << BigInt(es - 1))) >> BigInt(es), es);
    case 'sqrdmlah': return satS(((sx(d, es) << BigInt(es)) + 2n * sa * sb + (1n << BigInt(es - 1))) >> BigInt(es), es);
    case 'sqrdmlsh': return satS(((sx(d, es) << BigInt(es)) - 2n * sa * sb + (1n << BigInt(es - 1))) >> BigInt(es), es);
  }
  const m = /^(s|u)(q?)(r?)shl$/.exec(mn);
  if (m) {
    // Shift by the signed low byte of the Vm lane; negative = right (rounding for the r forms).
    const unsigned = m[1] === 'u';
    const shift = Number(BigInt.asIntN(8, b & 0xffn));
    const x = unsigned ? a : sa;
    const rc = m[3] && shift < 0 ? 1n << BigInt(-shift - 1) : 0n;
    const v = shift >= 0 ? (x + rc) << BigInt(shift) : (x + rc) >> BigInt(-shift);
    if (m[2]) return unsigned ? satU(v, es) : satS(v, es);
    return ux(v, es);
  }
  return null;
}

/** Integer two-register-misc lane operations. */
function int2(mn: string, a: bigint, d: bigint, es: number): bigint | null {
  const sa = sx(a, es);
  switch (mn) {
    case 'abs': return ux(absB(sa), es);
    case 'neg': return ux(-sa, es);
    case 'sqabs': return satS(absB(sa), es);
    case 'sqneg': return satS(-sa, es);
    case 'suqadd': return satS(sx(d, es) + a, es);
    case 'usqadd': return satU(d + sa, es);
    case 'cls': {
      let n = 0;
      for (let i = es - 2; i >= 0 && ((a >> BigInt(i)) & 1n) === ((a >> BigInt(es - 1)) & 1n); i--) n++;
      return BigInt(n);
    }
    case 'clz': {
      let n = 0;
      for (let i = es - 1; i >= 0 && ((a >> BigInt(i)) & 1n) === 0n; i--) n++;
      return BigInt(n);
    }
    case 'cnt': {
      let n = 0n;
      for (let x = a; x; x >>= 1n) n += x & 1n;
      return n;
    }
    case 'not':
    case 'mvn': return ~a & ones(es);
    case 'rbit': {
      let r = 0n;
      for (let i = 0; i < es; i++) if ((a >> BigInt(i)) & 1n) r |= 1n << BigInt(es - 1 - i);
      return r;
    }
  }
  return null;
}

/** Compares against zero (`#0`): cmgt, cmeq, cmlt, cmge, cmle. */
function cmpZero(mn: string, a: bigint, es: number): bigint | null {
  const sa = sx(a, es);
  switch (mn) {
    case 'cmgt': return bool(sa > 0n, es);
    case 'cmeq': return bool(sa === 0n, es);
    case 'cmlt': return bool(sa < 0n, es);
    case 'cmge': return bool(sa >= 0n, es);
    case 'cmle': return bool(sa <= 0n, es);
  }
  return null;
}

/** FP three-same lane operations (a = Vn, b = Vm, d = Vd). */
function fp3(mn: string, a: bigint, b: bigint, d: bigint, f: FpFormat, fpcr: number): bigint | null {
  const es = f.bits;
  switch (mn) {
    case 'fadd': return fpAdd(a, b, f, fpcr);
    case 'fsub': return fpAdd(a, b, f, fpcr, true);
    case 'fmul': return fpMul(a, b, f, fpcr);
    case 'fdiv': return fpDiv(a, b, f, fpcr);
    case 'fmax': return fpMaxMin(a, b, f, fpcr, true, false);
    case 'fmin': return fpMaxMin(a, b, f, fpcr, false, false);
    case 'fmaxnm': return fpMaxMin(a, b, f, fpcr, true, true);
    case 'fminnm': return fpMaxMin(a, b, f, fpcr, false, true);
    case 'fmla': return fpMulAdd(d, a, b, f, fpcr);
    case 'fmls': return fpMulAdd(d, fpNeg(a, f), b, f, fpcr);
    case 'fmulx': return fpMulX(a, b, f, fpcr);
    case 'fabd': return fpAbs(fpAdd(a, b, f, fpcr, true), f);
    case 'frecps': return fpRecipStep(a, b, f, fpcr);
    case 'frsqrts': return fpRSqrtStep(a, b, f, fpcr);
    case 'fcmeq': return bool(fpComparePred(a, b, f, 'eq'), es);
    case 'fcmge': return bool(fpComparePred(a, b, f, 'ge'), es);
    case 'fcmgt': return bool(fpComparePred(a, b, f, 'gt'), es);
    case 'facge': return bool(fpComparePred(fpAbs(a, f), fpAbs(b, f), f, 'ge'), es);
    case 'facgt': return bool(fpComparePred(fpAbs(a, f), fpAbs(b, f), f, 'gt'), es);
  }
  return null;
}

const PAIR_FP: Record<string, string> = { faddp: 'fadd', fmaxp: 'fmax', fminp: 'fmin', fmaxnmp: 'fmaxnm', fminnmp: 'fminnm' };
const PAIR_INT: Record<string, string> = { addp: 'add', smaxp: 'smax', umaxp: 'umax', sminp: 'smin', uminp: 'umin' };
const ACROSS_FP: Record<string, string> = { fmaxv: 'fmax', fminv: 'fmin', fmaxnmv: 'fmaxnm', fminnmv: 'fminnm' };
const ROUND_OF: Record<string, 'rn' | 'rp' | 'rm' | 'rz' | 'ra'> = { n: 'rn', p: 'rp', m: 'rm', z: 'rz', a: 'ra' };

/** FP two-register-misc lane operations (frint*, fcvt* to integer, [su]cvtf, fabs/fneg/fsqrt, compares with zero). */
function fp2(mn: string, a: bigint, f: FpFormat, fpcr: number, fbits: number | null): bigint | null {
  const es = f.bits;
  let m: RegExpExecArray | null;
  switch (mn) {
    case 'fabs': return fpAbs(a, f);
    case 'fneg': return fpNeg(a, f);
    case 'fsqrt': return fpSqrt(a, f, fpcr);
    case 'scvtf': return fixedToFp(sx(a, es), fbits ?? 0, f, fpcrRounding(fpcr));
    case 'ucvtf': return fixedToFp(a, fbits ?? 0, f, fpcrRounding(fpcr));
    case 'frecpe': return fpRecipEstimate(a, f, fpcr);
    case 'frsqrte': return fpRSqrtEstimate(a, f, fpcr);
  }
  if ((m = /^frint([npmzaxi])$/.exec(mn))) return fpRoundInt(a, f, fpcr, m[1] === 'x' || m[1] === 'i' ? fpcrRounding(fpcr) : ROUND_OF[m[1]], m[1] === 'x');
  if ((m = /^frint(32|64)([zx])$/.exec(mn))) return fpRoundIntN(a, f, m[2] === 'z' ? 'rz' : fpcrRounding(fpcr), Number(m[1]) as 32 | 64);
  if ((m = /^fcvt([npmza])([su])$/.exec(mn))) return fpToFixed(a, f, fbits ?? 0, m[2] === 'u', es, ROUND_OF[m[1]]);
  return null;
}

function fpCmpZero(mn: string, a: bigint, f: FpFormat): bigint | null {
  const z = 0n;
  switch (mn) {
    case 'fcmgt': return bool(fpComparePred(a, z, f, 'gt'), f.bits);
    case 'fcmge': return bool(fpComparePred(a, z, f, 'ge'), f.bits);
    case 'fcmeq': return bool(fpComparePred(a, z, f, 'eq'), f.bits);
    case 'fcmlt': return bool(fpComparePred(z, a, f, 'gt'), f.bits);
    case 'fcmle': return bool(fpComparePred(z, a, f, 'ge'), f.bits);
  }
  return null;
}

/** Lane operation by name for pairwise/across reductions. */
function pairOp(op: string, a: bigint, b: bigint, es: number, fpcr: number, fp: boolean): bigint {
  const r = fp ? fp3(op, a, b, 0n, fmtOf(es), fpcr) : int3(op, a, b, 0n, es);
  if (r === null) throw new Error(`simd model: no pairwise operation ${op}`);
  return r;
}

/** Arm Reduce(): recursive halving (the order matters for NaN selection). */
function reduce(op: string, ls: readonly bigint[], es: number, fpcr: number, fp: boolean): bigint {
  if (ls.length === 1) return ls[0];
  const h = ls.length / 2;
  return pairOp(op, reduce(op, ls.slice(0, h), es, fpcr, fp), reduce(op, ls.slice(h), es, fpcr, fp), es, fpcr, fp);
}

function imm(o: VOp | undefined): number {
  if (!o || o.k !== 'imm') throw new Error('simd model: expected an immediate');
  return o.v;
}

/** A modified-immediate value (movi/mvni/orr/bic) of one lane. */
function modImm(ops: readonly VOp[]): bigint {
  let v = BigInt.asUintN(64, BigInt(Math.round(imm(ops[1]))));
  if (ops[1].k === 'imm' && /^-?0x/.test(ops[1].text)) v = BigInt.asUintN(64, BigInt(ops[1].text)); // full 64-bit masks
  const sh = ops[2];
  if (sh && sh.k === 'shift') {
    if (sh.op === 'lsl') v <<= BigInt(sh.amt);
    else v = (v << BigInt(sh.amt)) | mask(sh.amt); // msl: shifting ones in
  }
  return v;
}

/** Executes an Advanced SIMD instruction; throws NotModelled for anything else. */
export function execSimd(s: VState, text: string): void {
  const { mn, ops } = parseVInsn(text);
  if (/^(aes|sha1|sha256|sha512)/.test(mn)) return execCrypto(s, text);
  const fpcr = s.fpcr;
  const rd = ops[0];
  const base = mn.replace(/2$/, '');
  const upper = mn.endsWith('2') && mn !== 'sha256h2' && mn !== 'sha512h2';

  // ---- copies ----
  if ((mn === 'dup' || mn === 'mov') && (rd.k === 'vec' || rd.k === 'scalar') && ops[1].k === 'elem') {
    const g = geo(rd);
    return put(s, g.n, src(s, ops[1], g.es, g.lanes), g.es);
  }
  if (mn === 'dup' && rd.k === 'vec' && ops[1].k === 'gpr') return put(s, rd.n, new Array<bigint>(rd.lanes).fill(readGpr(s, ops[1]) & mask(rd.esize)), rd.esize);
  if ((mn === 'ins' || mn === 'mov') && rd.k === 'elem') {
    const x = ops[1].k === 'gpr' ? readGpr(s, ops[1]) : ops[1].k === 'elem' ? lane(s.v[ops[1].n], ops[1].esize, ops[1].idx) : null;
    if (x === null) throw new NotModelled('ins source');
    s.v[rd.n] = withLane(s.v[rd.n], rd.esize, rd.idx, x & mask(rd.esize));
    return;
  }
  if ((mn === 'umov' || mn === 'mov' || mn === 'smov') && rd.k === 'gpr' && ops[1].k === 'elem') {
    const x = lane(s.v[ops[1].n], ops[1].esize, ops[1].idx);
    return writeGpr(s, rd, mn === 'smov' ? BigInt.asUintN(64, sx(x, ops[1].esize)) : x);
  }

  // ---- modified immediates ----
  if ((mn === 'movi' || mn === 'mvni' || ((mn === 'orr' || mn === 'bic') && ops[1].k === 'imm')) && (rd.k === 'vec' || rd.k === 'scalar')) {
    const g = geo(rd);
    let x = modImm(ops) & mask(g.es);
    if (mn === 'mvni') x = ~x & mask(g.es);
    const cur = src(s, rd, g.es, g.lanes);
    return put(s, g.n, cur.map((c) => (mn === 'orr' ? c | x : mn === 'bic' ? c & ~x & mask(g.es) : x)), g.es);
  }
  if (mn === 'fmov' && rd.k === 'vec' && ops[1].k === 'imm') {
    return put(s, rd.n, new Array<bigint>(rd.lanes).fill(fpFromNumber(ops[1].v, fmtOf(rd.esize))), rd.esize);
  }

  // ---- permutes, ext, tbl ----
  if (/^(zip|uzp|trn)[12]$/.test(mn)) {
    const g = geo(rd);
    const a = src(s, ops[1], g.es, g.lanes);
    const b = src(s, ops[2], g.es, g.lanes);
    const half = g.lanes / 2;
    const part = Number(mn[3]) - 1;
    const out: bigint[] = new Array<bigint>(g.lanes);
    for (let i = 0; i < half; i++) {
      if (mn.startsWith('zip')) {
        out[2 * i] = a[part * half + i];
        out[2 * i + 1] = b[part * half + i];
      } else if (mn.startsWith('trn')) {
        out[2 * i] = a[2 * i + part];
        out[2 * i + 1] = b[2 * i + part];
      }
    }
    if (mn.startsWith('uzp')) {
      const cat = [...a, ...b];
      for (let i = 0; i < g.lanes; i++) out[i] = cat[2 * i + part];
    }
    return put(s, g.n, out, g.es);
  }
  if (mn === 'ext') {
    const g = geo(rd);
    const bytes = g.lanes;
    const cat = [...src(s, ops[1], 8, bytes), ...src(s, ops[2], 8, bytes)];
    const k = imm(ops[3]);
    return put(s, g.n, Array.from({ length: bytes }, (_, i) => cat[k + i]), 8);
  }
  if ((mn === 'tbl' || mn === 'tbx') && ops[1].k === 'list') {
    const g = geo(rd);
    const table = ops[1].regs.flatMap((n) => Array.from({ length: 16 }, (_, i) => lane(s.v[n], 8, i)));
    const idx = src(s, ops[2], 8, g.lanes);
    const cur = src(s, rd, 8, g.lanes);
    return put(s, g.n, idx.map((x, i) => (Number(x) < table.length ? table[Number(x)] : mn === 'tbx' ? cur[i] : 0n)), 8);
  }
  if (/^rev(16|32|64)$/.test(mn)) {
    const g = geo(rd);
    const per = Number(mn.slice(3)) / g.es;
    const a = src(s, ops[1], g.es, g.lanes);
    return put(s, g.n, a.map((_, i) => a[i - (i % per) + (per - 1 - (i % per))]), g.es);
  }

  // ---- across lanes and scalar pairwise ----
  if (/^(add|smax|smin|umax|umin)v$/.test(mn) || /^[su]addlv$/.test(mn)) {
    const g = geo(ops[1]);
    const a = src(s, ops[1], g.es, g.lanes);
    const out = geo(rd);
    if (mn.endsWith('addlv')) {
      const signed = mn[0] === 's';
      const sum = a.reduce((t, x) => t + (signed ? sx(x, g.es) : x), 0n);
      return put(s, out.n, [ux(sum, out.es)], out.es);
    }
    return put(s, out.n, [reduce(mn.slice(0, -1), a, g.es, fpcr, false)], out.es);
  }
  if (ACROSS_FP[mn]) {
    const g = geo(ops[1]);
    const out = geo(rd);
    return put(s, out.n, [reduce(ACROSS_FP[mn], src(s, ops[1], g.es, g.lanes), g.es, fpcr, true)], out.es);
  }
  if (rd.k === 'scalar' && ops.length === 2 && ops[1].k === 'vec' && (PAIR_FP[mn] || mn === 'addp')) {
    const g = geo(ops[1]);
    const a = src(s, ops[1], g.es, 2);
    return put(s, rd.n, [pairOp(PAIR_FP[mn] ?? 'add', a[0], a[1], g.es, fpcr, !!PAIR_FP[mn])], g.es);
  }
  if (ops.length === 3 && rd.k === 'vec' && (PAIR_FP[mn] || PAIR_INT[mn])) {
    const g = geo(rd);
    const cat = [...src(s, ops[1], g.es, g.lanes), ...src(s, ops[2], g.es, g.lanes)];
    const op = PAIR_FP[mn] ?? PAIR_INT[mn];
    return put(s, g.n, Array.from({ length: g.lanes }, (_, i) => pairOp(op, cat[2 * i], cat[2 * i + 1], g.es, fpcr, !!PAIR_FP[mn])), g.es);
  }

  // ---- widening, narrowing, long ----
  const narrowSat: Record<string, (v: bigint, es: number) => bigint> = { xtn: ux, sqxtn: (v, e) => satS(v, e), uqxtn: (v, e) => satU(v, e), sqxtun: (v, e) => satU(v, e) };
  if (narrowSat[base] && ops.length === 2) {
    const d = geo(rd);
    const n = geo(ops[1]);
    const count = rd.k === 'scalar' ? 1 : 64 / d.es;
    const a = src(s, ops[1], n.es, count).map((x) => narrowSat[base](base === 'sqxtn' || base === 'sqxtun' ? sx(x, n.es) : x, d.es));
    return upper ? putUpper(s, d.n, a, d.es) : put(s, d.n, a, d.es);
  }
  if ((base === 'shll' || /^[su]shll$/.test(base) || /^[su]xtl$/.test(base)) && rd.k === 'vec') {
    const d = geo(rd);
    const es = d.es / 2;
    const signed = base[0] === 's' && base !== 'shll';
    const sh = base === 'shll' ? es : base.endsWith('xtl') ? 0 : imm(ops[2]);
    const a = src(s, ops[1], es, d.lanes, upper);
    return put(s, d.n, a.map((x) => ux((signed ? sx(x, es) : x) << BigInt(sh), d.es)), d.es);
  }
  if (/^[su]ad[da]lp$/.test(mn)) {
    const d = geo(rd);
    const es = d.es / 2;
    const signed = mn[0] === 's';
    const a = src(s, ops[1], es, 2 * d.lanes).map((x) => (signed ? sx(x, es) : x));
    const acc = mn.includes('adalp') ? src(s, rd, d.es, d.lanes) : new Array<bigint>(d.lanes).fill(0n);
    return put(s, d.n, acc.map((c, i) => ux(c + a[2 * i] + a[2 * i + 1], d.es)), d.es);
  }
  const long = /^(s|u)(addl|addw|subl|subw|abal|abdl|mlal|mlsl|mull)$/.exec(base);
  const sqd = /^sqd(mlal|mlsl|mull)$/.exec(base);
  if ((long || sqd) && (rd.k === 'vec' || rd.k === 'scalar')) {
    const d = geo(rd);
    const es = d.es / 2;
    const signed = sqd !== null || long![1] === 's';
    const op = sqd ? `q${sqd[1]}` : long![2];
    const ext = (x: bigint) => (signed ? sx(x, es) : x);
    const aw = op.endsWith('w');
    const a = aw ? src(s, ops[1], d.es, d.lanes).map((x) => (signed ? sx(x, d.es) : x)) : src(s, ops[1], es, d.lanes, upper).map(ext);
    const b = src(s, ops[2], es, d.lanes, upper && ops[2].k !== 'elem').map(ext);
    const acc = src(s, rd, d.es, d.lanes);
    const out = a.map((x, i) => {
      const y = b[i];
      switch (op) {
        case 'addl': case 'addw': return ux(x + y, d.es);
        case 'subl': case 'subw': return ux(x - y, d.es);
        case 'abal': return ux(acc[i] + absB(x - y), d.es);
        case 'abdl': return ux(absB(x - y), d.es);
        case 'mlal': return ux(acc[i] + x * y, d.es);
        case 'mlsl': return ux(acc[i] - x * y, d.es);
        case 'mull': return ux(x * y, d.es);
        case 'qmull': return satS(2n * x * y, d.es);
        case 'qmlal': return satS(sx(acc[i], d.es) + sx(satS(2n * x * y, d.es), d.es), d.es);
        case 'qmlsl': return satS(sx(acc[i], d.es) - sx(satS(2n * x * y, d.es), d.es), d.es);
      }
      throw new Error(op);
    });
    return put(s, d.n, out, d.es);
  }
  if (/^r?(add|sub)hn$/.test(base)) {
    const d = geo(rd);
    const n = geo(ops[1]);
    const count = n.lanes;
    const a = src(s, ops[1], n.es, count);
    const b = src(s, ops[2], n.es, count);
    const rc = base.startsWith('r') ? 1n << BigInt(d.es - 1) : 0n;
    const out = a.map((x, i) => ux(((base.includes('add') ? x + b[i] : x - b[i]) + rc) >> BigInt(d.es), d.es));
    return upper ? putUpper(s, d.n, out, d.es) : put(s, d.n, out, d.es);
  }
  if (base === 'pmull') {
    const d = geo(rd);
    const n = geo(ops[1]);
    const es = rd.k === 'vec' && rd.arr === '1q' ? 64 : n.es;
    const count = es === 64 ? 1 : 8;
    const a = src(s, ops[1], es, count, upper);
    const b = src(s, ops[2], es, count, upper);
    const out = a.map((x, i) => {
      let r = 0n;
      for (let k = 0; k < es; k++) if ((b[i] >> BigInt(k)) & 1n) r ^= x << BigInt(k);
      return r;
    });
    return put(s, d.n, out, 2 * es);
  }

  // ---- shifts by immediate (vector and scalar), narrowing shifts, fixed-point conversions ----
  const shImm = /^(shl|sli|sqshl|uqshl|sqshlu|sshr|ushr|ssra|usra|srshr|urshr|srsra|ursra|sri)$/.exec(mn);
  if (shImm && ops.length === 3 && ops[2].k === 'imm') {
    const g = geo(rd);
    const es = g.es;
    const sh = imm(ops[2]);
    const a = src(s, ops[1], es, g.lanes);
    const d = src(s, rd, es, g.lanes);
    const B = BigInt(sh);
    const out = a.map((x, i) => {
      const sxx = sx(x, es);
      const rc = sh > 0 ? 1n << BigInt(sh - 1) : 0n;
      switch (mn) {
        case 'shl': return ux(x << B, es);
        case 'sli': return ((x << B) & mask(es)) | (d[i] & mask(sh));
        case 'sqshl': return satS(sxx << B, es);
        case 'uqshl': return satU(x << B, es);
        case 'sqshlu': return satU(sxx << B, es);
        case 'sshr': return ux(sxx >> B, es);
        case 'ushr': return ux(x >> B, es);
        case 'ssra': return ux(d[i] + (sxx >> B), es);
        case 'usra': return ux(d[i] + (x >> B), es);
        case 'srshr': return ux((sxx + rc) >> B, es);
        case 'urshr': return ux((x + rc) >> B, es);
        case 'srsra': return ux(d[i] + ((sxx + rc) >> B), es);
        case 'ursra': return ux(d[i] + ((x + rc) >> B), es);
        case 'sri': {
          const m = mask(es) >> B;
          return (d[i] & ~m & mask(es)) | ((x >> B) & m);
        }
      }
      throw new Error(mn);
    });
    return put(s, g.n, out, es);
  }
  if (/^(shrn|rshrn|sqshrn|sqrshrn|uqshrn|uqrshrn|sqshrun|sqrshrun)$/.test(base) && ops.length === 3) {
    const d = geo(rd);
    const n = geo(ops[1]);
    const count = rd.k === 'scalar' ? 1 : 64 / d.es;
    const sh = BigInt(imm(ops[2]));
    const rnd = base.includes('rshr') ? 1n << (sh - 1n) : 0n;
    const signedIn = base.startsWith('sq');
    const a = src(s, ops[1], n.es, count).map((x) => ((signedIn ? sx(x, n.es) : x) + rnd) >> sh);
    const out = a.map((x) => (base === 'shrn' || base === 'rshrn' ? ux(x, d.es) : base.endsWith('un') || base.startsWith('uq') ? satU(x, d.es) : satS(x, d.es)));
    return upper ? putUpper(s, d.n, out, d.es) : put(s, d.n, out, d.es);
  }

  // ---- FP conversions between precisions ----
  if (base === 'fcvtxn' && rd.k === 'scalar') return put(s, rd.n, [fpConvertOdd(src(s, ops[1], 64, 1)[0], F64, F32, fpcr)], 32);
  if (base === 'fcvtn' || base === 'fcvtl' || base === 'fcvtxn') {
    const d = geo(rd);
    const n = geo(ops[1]);
    if (base !== 'fcvtl') {
      const count = 64 / d.es;
      const out = src(s, ops[1], n.es, count).map((x) => (base === 'fcvtxn' ? fpConvertOdd : fpConvert)(x, fmtOf(n.es), fmtOf(d.es), fpcr));
      return upper ? putUpper(s, d.n, out, d.es) : put(s, d.n, out, d.es);
    }
    const out = src(s, ops[1], d.es / 2, d.lanes, upper).map((x) => fpConvert(x, fmtOf(d.es / 2), fmtOf(d.es), fpcr));
    return put(s, d.n, out, d.es);
  }

  // ---- complex FP (fcadd, fcmla) ----
  if (mn === 'fcadd' || mn === 'fcmla') {
    const g = geo(rd);
    const f = fmtOf(g.es);
    const rot = imm(ops[ops.length - 1]);
    const n = src(s, ops[1], g.es, g.lanes);
    const m = ops[2].k === 'elem' ? (() => {
      const e = ops[2];
      const re = lane(s.v[e.n], e.esize, 2 * e.idx);
      const im = lane(s.v[e.n], e.esize, 2 * e.idx + 1);
      return Array.from({ length: g.lanes }, (_, i) => (i % 2 ? im : re));
    })() : src(s, ops[2], g.es, g.lanes);
    const d = src(s, rd, g.es, g.lanes);
    const neg = (x: bigint) => fpNeg(x, f);
    const out = d.slice();
    for (let p = 0; p < g.lanes / 2; p++) {
      const [nr, ni, mr, mi] = [n[2 * p], n[2 * p + 1], m[2 * p], m[2 * p + 1]];
      if (mn === 'fcadd') {
        out[2 * p] = fpAdd(nr, rot === 90 ? neg(mi) : mi, f, fpcr);
        out[2 * p + 1] = fpAdd(ni, rot === 90 ? mr : neg(mr), f, fpcr);
      } else {
        const [e1, e2, e3, e4] =
          rot === 0 ? [mr, nr, mi, nr] : rot === 90 ? [neg(mi), ni, mr, ni] : rot === 180 ? [neg(mr), nr, neg(mi), nr] : [mi, ni, neg(mr), ni];
        out[2 * p] = fpMulAdd(d[2 * p], e2, e1, f, fpcr);
        out[2 * p + 1] = fpMulAdd(d[2 * p + 1], e4, e3, f, fpcr);
      }
    }
    return put(s, g.n, out, g.es);
  }
  if (mn === 'urecpe' || mn === 'ursqrte') {
    const g = geo(rd);
    return put(s, g.n, src(s, ops[1], 32, g.lanes).map(mn === 'urecpe' ? uRecipEstimate : uRSqrtEstimate), 32);
  }
  if (mn === 'frecpx') {
    const g = geo(rd);
    return put(s, g.n, [fpRecpX(src(s, ops[1], g.es, 1)[0], fmtOf(g.es), fpcr)], g.es);
  }
  if (mn === 'sdot' || mn === 'udot') {
    const g = geo(rd);
    const signed = mn === 'sdot';
    const a = src(s, ops[1], 8, 4 * g.lanes);
    const e = ops[2];
    const b = e.k === 'elem' ? Array.from({ length: 4 * g.lanes }, (_, i) => lane(s.v[e.n], 8, 4 * e.idx + (i % 4))) : src(s, e, 8, 4 * g.lanes);
    const d = src(s, rd, 32, g.lanes);
    const ext = (x: bigint) => (signed ? sx(x, 8) : x);
    return put(s, g.n, d.map((c, i) => ux(c + [0, 1, 2, 3].reduce((t, k) => t + ext(a[4 * i + k]) * ext(b[4 * i + k]), 0n), 32)), 32);
  }
  if (mn === 'eor3' || mn === 'bcax' || mn === 'rax1' || mn === 'xar') {
    const g = geo(rd);
    const n = s.v[geo(ops[1]).n];
    const m = s.v[geo(ops[2]).n];
    if (mn === 'eor3') return put(s, g.n, [n ^ m ^ s.v[geo(ops[3]).n]], 128);
    if (mn === 'bcax') return put(s, g.n, [n ^ (m & ~s.v[geo(ops[3]).n] & mask(128))], 128);
    const rol = (x: bigint, k: number) => ux((x << BigInt(k)) | (x >> BigInt(64 - k)), 64);
    const nl = src(s, ops[1], 64, 2);
    const ml = src(s, ops[2], 64, 2);
    if (mn === 'rax1') return put(s, g.n, nl.map((x, i) => x ^ rol(ml[i], 1)), 64);
    const k = imm(ops[3]);
    return put(s, g.n, nl.map((x, i) => (k === 0 ? x ^ ml[i] : rol(x ^ ml[i], 64 - k))), 64);
  }

  // ---- FP lane-wise (vector and scalar) ----
  if (mn.startsWith('f') || mn === 'scvtf' || mn === 'ucvtf') {
    const g = geo(rd);
    const f = fmtOf(g.es);
    if (ops.length === 3 && ops[2].k !== 'imm') {
      const a = src(s, ops[1], g.es, g.lanes);
      const b = src(s, ops[2], g.es, g.lanes);
      const d = src(s, rd, g.es, g.lanes);
      const out = a.map((x, i) => fp3(mn, x, b[i], d[i], f, fpcr));
      if (out.every((x) => x !== null)) return put(s, g.n, out as bigint[], g.es);
    }
    if (ops.length === 3 && ops[2].k === 'imm' && ops[2].v === 0 && /^fcm/.test(mn)) {
      return put(s, g.n, src(s, ops[1], g.es, g.lanes).map((x) => fpCmpZero(mn, x, f)!), g.es);
    }
    if (ops.length === 2 || (ops.length === 3 && ops[2].k === 'imm')) {
      const fbits = ops.length === 3 ? imm(ops[2]) : null;
      const a = src(s, ops[1], g.es, g.lanes);
      const out = a.map((x) => fp2(mn, x, f, fpcr, fbits));
      if (out.every((x) => x !== null)) return put(s, g.n, out as bigint[], g.es);
    }
    throw new NotModelled(`${mn}: FP form not modelled`);
  }

  // ---- integer lane-wise (vector and scalar) ----
  if (ops.length === 3 && (ops[2].k === 'vec' || ops[2].k === 'scalar' || ops[2].k === 'elem')) {
    const g = geo(rd);
    const a = src(s, ops[1], g.es, g.lanes);
    const b = src(s, ops[2], g.es, g.lanes);
    const d = src(s, rd, g.es, g.lanes);
    const out = a.map((x, i) => int3(mn, x, b[i], d[i], g.es));
    if (out.every((x) => x !== null)) return put(s, g.n, out as bigint[], g.es);
  }
  if (ops.length === 3 && ops[2].k === 'imm' && ops[2].v === 0) {
    const g = geo(rd);
    const out = src(s, ops[1], g.es, g.lanes).map((x) => cmpZero(mn, x, g.es));
    if (out.every((x) => x !== null)) return put(s, g.n, out as bigint[], g.es);
  }
  if (ops.length === 2 && (ops[1].k === 'vec' || ops[1].k === 'scalar')) {
    const g = geo(rd);
    if (mn === 'mov') return put(s, g.n, src(s, ops[1], g.es, g.lanes), g.es);
    const a = src(s, ops[1], g.es, g.lanes);
    const d = src(s, rd, g.es, g.lanes);
    const out = a.map((x, i) => int2(mn, x, d[i], g.es));
    if (out.every((x) => x !== null)) return put(s, g.n, out as bigint[], g.es);
  }
  void defaultNaN;
  void processNaNs;
  throw new NotModelled(`${mn}: not modelled`);
}
