// Executes a VEX-encoded (AVX/AVX2) form of an SSE instruction (spec/x64/sse.ts `v…` rows) given as
// TEXT, from the SDM's rule that relates it to the legacy instruction: the VEX.vvvv source takes the
// place of the legacy destination as first source (`vaddps x, a, b` = x := a; addps x, b), the
// destination is written whole (bits 255:128 cleared by a 128-bit VEX form, never kept), and a 256-bit
// form applies the operation to each 128-bit half — except where the SDM defines a 256-bit form
// otherwise (conversions between sizes, masks, ptest, the immediate blends), handled here explicitly.
// The legacy semantics come from sse-model.ts; the sources are copied to scratch registers 16..19 first,
// so aliasing between destination and sources cannot leak into the result.
import { F32, F64 } from '../support/softfloat.js';
import { mxcsrRounding, sseConvert, sseFromInt, sseToInt } from './sse-fp.js';
import { execSse, SseNotModelled, writeGpByName, type XState } from './sse-model.js';

type Op = { k: 'v'; n: number; ymm: boolean } | { k: 'gp'; text: string } | { k: 'imm'; v: number };

const M = (bits: number) => (1n << BigInt(bits)) - 1n;
const M128 = M(128);
const lo = (v: bigint) => v & M128;
const hi = (v: bigint) => (v >> 128n) & M128;

function parse(t: string): Op {
  const s = t.trim().toLowerCase();
  const m = /^([xy])mm(\d+)$/.exec(s);
  if (m) return { k: 'v', n: Number(m[2]), ymm: m[1] === 'y' };
  if (/^-?(0x[0-9a-f]+|\d+)$/.test(s)) return { k: 'imm', v: Number(BigInt.asUintN(8, BigInt(s))) };
  return { k: 'gp', text: s };
}

/** Legacy mnemonics whose VEX form keeps the legacy operand count (no VEX.vvvv source). */
const UNARY = /^(sqrtp[sd]|rcpps|rsqrtps|mov(aps|ups|apd|upd|dqa|dqu|d|q|mskps|mskpd)|pmovmskb|pshuf[dhl]w?|pshufd|pabs[bwd]|cvt(dq2ps|ps2dq|tps2dq|ps2pd|pd2ps|dq2pd|pd2dq|tpd2dq|ss2si|tss2si|sd2si|tsd2si)|u?comis[sd]|ptest|pmov[sz]x\w+|roundp[sd]|phminposuw|pextr[bwdq]|extractps)$/;
/** Shifts by an immediate: `vpsllw x, a, imm` = x := a; psllw x, imm. */
const SHIFT_IMM = /^(ps(ll|rl|ra)[wdq]|pslldq|psrldq)$/;

/** Runs the legacy operation on a scratch copy; `regs` are the legacy operands, vector sources already copied to 16.. */
function legacy(s: XState, base: string, text: string): XState {
  const t: XState = { gp: [...s.gp], x: [...s.x], rflags: s.rflags, mxcsr: s.mxcsr };
  execSse(t, `${base} ${text}`);
  return t;
}

/** One 128-bit application: `half` selects the low (0) or high (1) 128 bits of every vector source. */
function apply128(s: XState, base: string, ops: readonly Op[], half: 0 | 1, nds: boolean): { x16: bigint; t: XState } {
  const w: XState = { gp: s.gp, x: [...s.x], rflags: s.rflags, mxcsr: s.mxcsr };
  const pick = (n: number, ymmOperand: boolean) => (half && ymmOperand ? hi(s.x[n]) : lo(s.x[n]));
  const texts: string[] = [];
  let scratch = 16;
  const srcs = nds ? ops.slice(1) : ops.slice(1);
  // Destination / first source in xmm16 (a unary form gets the destination's value: comis/ptest read it).
  const d = ops[0];
  if (nds) {
    const a = srcs[0];
    if (a.k !== 'v') throw new SseNotModelled('first source');
    w.x[16] = pick(a.n, a.ymm);
  } else if (d.k === 'v') w.x[16] = pick(d.n, d.ymm);
  texts.push(d.k === 'gp' ? d.text : 'xmm16');
  scratch = 17;
  for (const o of nds ? srcs.slice(1) : srcs) {
    if (o.k === 'v') {
      w.x[scratch] = pick(o.n, o.ymm);
      texts.push(`xmm${scratch++}`);
    } else texts.push(o.k === 'imm' ? String(o.v) : o.text);
  }
  const t = legacy(w, base, texts.join(', '));
  return { x16: lo(t.x[16] ?? 0n), t };
}

/** Executes a VEX form; throws SseNotModelled when the form is not covered. */
export function execVex(s: XState, text: string): void {
  const sp = text.trim().search(/\s/);
  const mn = text.trim().slice(0, sp).toLowerCase();
  const ops = text.trim().slice(sp + 1).split(',').map(parse);
  if (!mn.startsWith('v')) throw new SseNotModelled('not a VEX mnemonic');
  const base = mn.slice(1);
  const d = ops[0];
  const y = ops.some((o) => o.k === 'v' && o.ymm);
  const mx = s.mxcsr;

  // Size-changing conversions and other forms the SDM defines for 256 bits as a whole.
  if (y) {
    const src = ops[1];
    if (d.k === 'v' && src.k === 'v') {
      const a = s.x[src.n];
      const out = (v: bigint) => {
        s.x[d.n] = v & M(256);
      };
      const lanes = (v: bigint, es: number, n: number) => Array.from({ length: n }, (_, i) => (v >> BigInt(es * i)) & M(es));
      const pack = (ls: bigint[], es: number) => ls.reduceRight((acc, x) => (acc << BigInt(es)) | (x & M(es)), 0n);
      switch (base) {
        case 'cvtps2pd': return out(pack(lanes(a, 32, 4).map((x) => sseConvert(x, F32, F64, mx)), 64));
        case 'cvtdq2pd': return out(pack(lanes(a, 32, 4).map((x) => sseFromInt(BigInt.asIntN(32, x), F64, mx)), 64));
        case 'cvtpd2ps': return out(pack(lanes(a, 64, 4).map((x) => sseConvert(x, F64, F32, mx)), 32));
        case 'cvtpd2dq':
        case 'cvttpd2dq': return out(pack(lanes(a, 64, 4).map((x) => sseToInt(x, F64, 32, base === 'cvttpd2dq' ? 'rz' : mxcsrRounding(mx))), 32));
        case 'ptest': {
          const b = s.x[d.n];
          const zf = (a & b & M(256)) === 0n ? 0x40n : 0n;
          const cf = (~b & M(256) & a) === 0n ? 1n : 0n;
          s.rflags = (s.rflags & ~0x8d5n) | zf | cf;
          return;
        }
      }
    }
    if (d.k === 'gp' && src.k === 'v' && /^(movmskp[sd]|pmovmskb)$/.test(base)) {
      const es = base === 'movmskps' ? 32 : base === 'movmskpd' ? 64 : 8;
      let r = 0n;
      for (let i = 0; i < 256 / es; i++) r |= ((s.x[src.n] >> BigInt(es * (i + 1) - 1)) & 1n) << BigInt(i);
      writeGpByName(s, d.text, r);
      return;
    }
  }

  const regCount = ops.filter((o) => o.k === 'v').length;
  const hasGpSrc = ops.slice(1).some((o) => o.k === 'gp');
  let nds: boolean;
  if (UNARY.test(base)) nds = false;
  else if (SHIFT_IMM.test(base) && ops.length === 3 && ops[2].k === 'imm') nds = true;
  else nds = regCount >= 3 || (hasGpSrc && ops.length >= 3);
  if (/^(movss|movsd)$/.test(base) && regCount !== 3) throw new SseNotModelled('vmovss/vmovsd memory forms');

  // Variable blends: the mask is the fourth operand (legacy: xmm0).
  if (/^(blendvp[sd]|pblendvb)$/.test(base)) {
    const [, a, b, m] = ops as Extract<Op, { k: 'v' }>[];
    const halves = y ? [0, 1] : [0];
    let r = 0n;
    for (const h of halves) {
      const w: XState = { gp: s.gp, x: [...s.x], rflags: s.rflags, mxcsr: s.mxcsr };
      const part = (n: number) => (h ? hi(s.x[n]) : lo(s.x[n]));
      w.x[16] = part(a.n);
      w.x[17] = part(b.n);
      w.x[0] = part(m.n);
      r |= lo(legacy(w, base, 'xmm16, xmm17').x[16]) << BigInt(128 * h);
    }
    if (d.k !== 'v') throw new SseNotModelled('destination');
    s.x[d.n] = r;
    return;
  }

  // Immediate blends, vshufpd and vmpsadbw of 256 bits take the next immediate bits for the upper half.
  const immShift: Record<string, number> = { blendps: 4, blendpd: 2, shufpd: 2, mpsadbw: 3 };
  const halves: Array<0 | 1> = y ? [0, 1] : [0];
  let result = 0n;
  let last: XState | null = null;
  for (const h of halves) {
    let hops = ops;
    if (h === 1 && immShift[base] !== undefined) hops = ops.map((o) => (o.k === 'imm' ? { k: 'imm', v: o.v >> immShift[base] } : o));
    // A shift count in an xmm register applies to both halves.
    if (h === 1 && /^ps(ll|rl|ra)[wdq]$/.test(base) && hops[2]?.k === 'v' && !hops[2].ymm) hops = hops.map((o, i) => (i === 2 && o.k === 'v' ? { ...o, ymm: false } : o));
    const { x16, t } = apply128(s, base, hops, h, nds);
    result |= x16 << BigInt(128 * h);
    last = t;
  }
  if (/^(u?comis[sd]|ptest)$/.test(base)) {
    s.rflags = last!.rflags; // no destination
  } else if (d.k === 'v') {
    s.x[d.n] = result; // VEX: bits above the operation size are cleared
    s.rflags = last!.rflags;
  } else {
    s.gp = last!.gp;
    s.rflags = last!.rflags;
  }
}
