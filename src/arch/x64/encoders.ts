// The x86-64 encoder: immediate range checks (the same predicate when a plan is built and when it is
// filled) and the routine that writes one instruction — legacy prefixes, REX or VEX, opcode, ModRM,
// SIB, displacement, immediates — from a form and the operand values of one fill. No allocation.

import { EN, OT, type Form, type OpType } from './forms.js';

/** Operand values of one instruction, reused across fills (holes overwrite their slots). */
export class State {
  /** Register number per operand index. */
  readonly reg = new Int32Array(4);
  /** Immediate per operand index: a number in `immN` (immNum[k] = 1), else a bigint or other value in `immO`. */
  readonly immN = new Float64Array(4);
  readonly immNum = new Uint8Array(4);
  readonly immO: unknown[] = [null, null, null, null];
  /** Memory operand: base / index register numbers (−1 none), scale 1/2/4/8, displacement (int32). */
  base = -1;
  index = -1;
  scale = 1;
  disp = 0;
  /** Memory is rip-relative. */
  rip = false;
  /** Memory has a label: the displacement is left 0 for the relocation. */
  ripLabel = false;

  setImm(k: number, v: unknown): void {
    if (typeof v === 'number') {
      this.immN[k] = v;
      this.immNum[k] = 1;
    } else {
      this.immO[k] = v;
      this.immNum[k] = 0;
    }
  }

  /** The immediate of operand k as given. */
  imm(k: number): unknown {
    return this.immNum[k] === 1 ? this.immN[k] : this.immO[k];
  }
}

const TWO32 = 4294967296;
const TWO63 = 9223372036854775808;
const TWO64 = 18446744073709551616;
const BIG_2P63 = 1n << 63n;
const BIG_MIN63 = -BIG_2P63;
const BIG_2P64 = 1n << 64n;
const BIG_SAFE = 9007199254740991n;

/**
 * Legal values of an immediate type at an operation size, as inclusive [lo, hi] bigint ranges. A value
 * is read as a 64-bit two's complement quantity first (0xffffffffffffff80 is −128, as in GNU as's
 * 64-bit expressions); then a raw K-bit field takes −2^(K−1)..2^K−1 (its signed or unsigned reading),
 * and a field sign-extended to N bits takes the values whose N-bit pattern is a sign-extended K-bit
 * one. Nothing is truncated: 0x100 does not fit imm8 (GNU as warns and writes 0; we reject).
 */
export function immRanges(t: OpType, osz: number): [bigint, bigint][] {
  const K = BigInt(t.bits);
  const half = 1n << (K - 1n);
  if (!t.sext || osz === t.bits) return [[-half, (1n << K) - 1n]];
  const N = BigInt(osz);
  return [
    [-half, half - 1n],
    [(1n << N) - half, (1n << N) - 1n],
  ];
}

/** Human description of an immediate type's range. */
export function describeImm(t: OpType, osz: number): string {
  const rs = immRanges(t, osz);
  const show = (v: bigint) => (v < 65536n ? String(v) : '0x' + v.toString(16));
  const what = t.sext && osz !== t.bits ? `${t.bits}-bit immediate sign-extended to ${osz} bits` : `${t.bits}-bit immediate`;
  return `${what}: ${rs.map(([a, b]) => `${show(a)}..${show(b)}`).join(' or ')}`;
}

/**
 * Does `v` fit an immediate of `bits` bits (raw, or sign-extended to `osz` bits)? See immRanges.
 * Non-integers and non-numbers never fit.
 */
export function immFits(v: unknown, bits: number, sext: boolean, osz: number): boolean {
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < -TWO63 || v >= TWO64) return false;
    if (v >= TWO63) v -= TWO64;
    if (!sext || osz === bits) {
      if (bits === 8) return v >= -128 && v <= 255;
      if (bits === 16) return v >= -32768 && v <= 65535;
      if (bits === 32) return v >= -2147483648 && v <= 4294967295;
      return true;
    }
    const half = bits === 8 ? 128 : 2147483648;
    if (v >= -half && v < half) return true;
    if (osz === 64) return false;
    const top = osz === 16 ? 65536 : TWO32;
    return v >= top - half && v < top;
  }
  if (typeof v === 'bigint') {
    if (v < BIG_MIN63 || v >= BIG_2P64) return false;
    if (v >= BIG_2P63) v -= BIG_2P64;
    // A safe integer is decided exactly by the number path (no BigInt arithmetic, which allocates).
    if (v >= -BIG_SAFE && v <= BIG_SAFE) return immFits(Number(v), bits, sext, osz);
    const K = BigInt(bits);
    if (!sext || osz === bits) return v >= -(1n << (K - 1n)) && v < 1n << K;
    const half = 1n << (K - 1n);
    if (v >= -half && v < half) return true;
    if (osz === 64) return false;
    const top = 1n << BigInt(osz);
    return v >= top - half && v < top;
  }
  return false;
}

/** Writes the low `size` bytes of an immediate (already checked) at `p`; returns the next position. */
export function putImm(u8: Uint8Array, p: number, v: number | bigint, size: number): number {
  let lo: number;
  let hi = 0;
  // A safe bigint takes the number path (the same bits, no BigInt arithmetic).
  if (typeof v === 'bigint' && v >= -BIG_SAFE && v <= BIG_SAFE) v = Number(v);
  if (typeof v === 'number') {
    lo = v | 0;
    if (size === 8) hi = Math.floor(v / TWO32) | 0;
  } else {
    const u = BigInt.asUintN(64, v);
    lo = Number(u & 0xffffffffn) | 0;
    hi = Number(u >> 32n) | 0;
  }
  u8[p] = lo;
  if (size === 1) return p + 1;
  u8[p + 1] = lo >> 8;
  if (size === 2) return p + 2;
  u8[p + 2] = lo >> 16;
  u8[p + 3] = lo >> 24;
  if (size === 4) return p + 4;
  u8[p + 4] = hi;
  u8[p + 5] = hi >> 8;
  u8[p + 6] = hi >> 16;
  u8[p + 7] = hi >> 24;
  return p + 8;
}

/** Encoding failures (negative results of `encode`). */
export const EF = {
  /** ah..bh with a REX prefix. */
  HIGH_REX: -1,
  /** rsp as index register. */
  INDEX_RSP: -2,
} as const;

/** Per-candidate constants the encoder needs (computed when the plan is built; flat for speed). */
export class EncInfo {
  /** ModRM.reg digit (/0../7) when no operand goes there. */
  readonly digit: number;
  readonly hasModrm: boolean;
  /** REX.W as a REX bit (8) or 0. */
  readonly rexW: number;
  readonly plusR: boolean;
  /** Opcode bytes. */
  readonly opc: Uint8Array;
  readonly isVex: boolean;
  readonly vexL: number;
  readonly vexPP: number;
  readonly vexMap: number;
  readonly vexW: number;
  /** Relative field size (cb/cd), 0 none. */
  readonly rel: number;
  /** Fixed bytes after the ModRM part (implied imm8). */
  readonly suffix: Uint8Array;
  /** The prefix bytes packed little-endian into one number (at most 4), and the opcode bytes (at most 3). */
  readonly head: number;
  readonly headLen: number;
  readonly opw: number;
  readonly opLen: number;
  /** Fast path: SHAPE.RR (legacy register-register ModRM, at most one immediate) or SHAPE.GENERIC. */
  readonly shape: number;
  /**
   * The shape when 8-bit registers are allowed (spl..dil then need an empty REX; high-byte registers are
   * not): what the fill-time fast paths of fill.ts handle.
   */
  readonly byteShape: number;
  /** SHAPE.RR: the immediate's operand and size (0: none). */
  readonly imm1: number;
  readonly imm1Size: number;

  constructor(
    readonly form: Form,
    /** Operand index per role, −1 if none. */
    readonly iR: number,
    readonly iM: number,
    readonly iV: number,
    readonly iO: number,
    readonly iL: number,
    /** The rm operand is memory. */
    readonly mem: boolean,
    /** Immediate operand indexes and sizes, in field order. */
    readonly immOps: Int8Array,
    readonly immSizes: Int8Array,
    /** Operands that are 8-bit registers (al..r15b: spl..dil need REX) / high-byte registers (forbid REX). */
    readonly byteMask: number,
    readonly highMask: number,
    /** Prefix bytes before REX: seg, 67, 66, rep, lock, mandatory (in GNU as's order). */
    readonly pfx: Uint8Array,
    /** VEX 2-byte swap twin (GNU as), or null. */
    readonly twin: EncInfo | null,
  ) {
    this.digit = form.modrm >= 0 && form.modrm < 8 ? form.modrm : 0;
    this.hasModrm = form.modrm >= 0;
    this.rexW = form.rexW ? 8 : 0;
    this.plusR = form.plusR;
    this.opc = new Uint8Array(form.opcode);
    const v = form.vex;
    this.isVex = v !== null;
    this.vexL = v ? v.L : 0;
    this.vexPP = v ? v.pp : 0;
    this.vexMap = v ? v.map : 0;
    this.vexW = v ? v.W : 0;
    this.rel = form.rel;
    this.suffix = new Uint8Array(form.suffix);
    this.headLen = pfx.length;
    this.head = pfx.length <= 4 ? pfx.reduceRight((a, b) => a * 256 + b, 0) : 0;
    this.opLen = form.opcode.length;
    this.opw = form.opcode.reduceRight((a, b) => a * 256 + b, 0);
    const simpleBytes = pfx.length <= 4 && !this.isVex && this.hasModrm && iM >= 0 && iV < 0 && iO < 0 && iL < 0 && !form.plusR && highMask === 0 && form.rel === 0 && immOps.length <= 1 && twin === null && form.suffix.length === 0;
    this.shape = simpleBytes && byteMask === 0 ? (mem ? SHAPE.RM : SHAPE.RR) : SHAPE.GENERIC;
    this.byteShape = simpleBytes ? (mem ? SHAPE.RM : SHAPE.RR) : SHAPE.GENERIC;
    this.imm1 = immOps.length ? immOps[0] : -1;
    this.imm1Size = immOps.length ? immSizes[0] : 0;
  }
}

export const SHAPE = { GENERIC: 0, RR: 1, RM: 2 } as const;

/** SHAPE.RM: prefixes, REX, opcode, ModRM with a memory operand (not rip), one optional immediate. */
export function encodeRM(c: EncInfo, st: State, u8: Uint8Array, p: number): number {
  if (st.rip) return encodeGeneric(c, st, u8, p);
  const regF = c.iR >= 0 ? st.reg[c.iR] : c.digit;
  let base = st.base;
  let index = st.index;
  if (index === 4) {
    if (st.scale === 1 && base !== 4 && base >= 0) {
      index = base;
      base = 4;
    } else return EF.INDEX_RSP;
  }
  const rex = c.rexW | ((regF >> 3) << 2) | (index >= 0 ? (index >> 3) << 1 : 0) | (base >= 0 ? base >> 3 : 0);
  for (let n = c.headLen, h = c.head; n > 0; n--, h >>>= 8) u8[p++] = h;
  if (rex !== 0) u8[p++] = 0x40 | rex;
  for (let n = c.opLen, o = c.opw; n > 0; n--, o >>>= 8) u8[p++] = o;
  p = modrmMem(u8, p, (regF & 7) << 3, base, index, st.scale, st.disp);
  const n = c.imm1Size;
  if (n === 0) return p;
  const k = c.imm1;
  if (st.immNum[k] === 1) {
    const v = st.immN[k];
    if (n === 1) {
      u8[p] = v;
      return p + 1;
    }
    return putImm(u8, p, v, n);
  }
  return putImm(u8, p, st.immO[k] as bigint, n);
}

/** ModRM, SIB and displacement of a base/index memory operand (GNU as's shortest displacement). */
export function modrmMem(u8: Uint8Array, p: number, r3: number, base: number, index: number, scale: number, disp: number): number {
  const ss = scale === 8 ? 0xc0 : scale === 4 ? 0x80 : scale === 2 ? 0x40 : 0;
  if (base < 0) {
    // No base: SIB with base 101 and a disp32 (index 100 = none).
    u8[p++] = r3 | 4;
    u8[p++] = index >= 0 ? ss | ((index & 7) << 3) | 5 : 0x25;
  } else {
    const b3 = base & 7;
    const mod = disp === 0 && b3 !== 5 ? 0 : disp >= -128 && disp <= 127 ? 0x40 : 0x80;
    if (index >= 0 || b3 === 4) {
      u8[p++] = mod | r3 | 4;
      u8[p++] = ss | (index >= 0 ? (index & 7) << 3 : 0x20) | b3;
    } else u8[p++] = mod | r3 | b3;
    if (mod === 0) return p;
    if (mod === 0x40) {
      u8[p] = disp;
      return p + 1;
    }
  }
  u8[p] = disp;
  u8[p + 1] = disp >> 8;
  u8[p + 2] = disp >> 16;
  u8[p + 3] = disp >> 24;
  return p + 4;
}

/** SHAPE.RR: prefixes, REX, opcode, ModRM (mod 11), one optional immediate. */
export function encodeRR(c: EncInfo, st: State, u8: Uint8Array, p: number): number {
  const reg = st.reg;
  const regF = c.iR >= 0 ? reg[c.iR] : c.digit;
  const rm = reg[c.iM];
  const rex = c.rexW | ((regF >> 3) << 2) | (rm >> 3);
  for (let n = c.headLen, h = c.head; n > 0; n--, h >>>= 8) u8[p++] = h;
  if (rex !== 0) u8[p++] = 0x40 | rex;
  for (let n = c.opLen, o = c.opw; n > 0; n--, o >>>= 8) u8[p++] = o;
  u8[p++] = 0xc0 | ((regF & 7) << 3) | (rm & 7);
  const n = c.imm1Size;
  if (n === 0) return p;
  const k = c.imm1;
  if (st.immNum[k] === 1) {
    const v = st.immN[k];
    if (n === 1) {
      u8[p] = v;
      return p + 1;
    }
    return putImm(u8, p, v, n);
  }
  return putImm(u8, p, st.immO[k] as bigint, n);
}

/**
 * Writes the instruction at `p` and returns the next position, or a negative EF code.
 * The relative field (cb/cd) and a rip label displacement are written as zeros (the relocation fills them).
 */
export function encode(c: EncInfo, st: State, u8: Uint8Array, p: number): number {
  const sh = c.shape;
  if (sh === SHAPE.RR) return encodeRR(c, st, u8, p);
  if (sh === SHAPE.RM) return encodeRM(c, st, u8, p);
  return encodeGeneric(c, st, u8, p);
}

/** Every form: legacy or VEX, any operand roles. */
export function encodeGeneric(c: EncInfo, st: State, u8: Uint8Array, p: number): number {
  const reg = st.reg;
  const regF = c.iR >= 0 ? reg[c.iR] : c.digit;
  const mem = c.mem;
  const rmReg = c.iM >= 0 && !mem ? reg[c.iM] : -1;

  // REX bits (memory: base/index after GNU's rsp swap).
  let base = 0;
  let index = -1;
  let X = 0;
  let B = 0;
  if (mem) {
    if (!st.rip) {
      base = st.base;
      index = st.index;
      if (index === 4) {
        if (st.scale === 1 && base !== 4 && base >= 0) {
          index = base;
          base = 4;
        } else return EF.INDEX_RSP;
      }
      if (index >= 0) X = index >> 3;
      if (base >= 0) B = base >> 3;
    }
  } else if (rmReg >= 0) B = rmReg >> 3;
  const opReg = c.iO >= 0 ? reg[c.iO] : 0;
  if (c.plusR) B = opReg >> 3;
  const R = regF >> 3;

  if (!c.isVex) {
    let rex = c.rexW | (R << 2) | (X << 1) | B;
    if (c.byteMask !== 0) {
      for (let i = 0, m = c.byteMask; m !== 0; i++, m >>= 1) if ((m & 1) !== 0 && reg[i] >= 4 && reg[i] < 8) rex |= 0x40;
    }
    if (rex !== 0 && c.highMask !== 0) return EF.HIGH_REX;
    const pf = c.pfx;
    for (let i = 0; i < pf.length; i++) u8[p++] = pf[i];
    if (rex !== 0) u8[p++] = 0x40 | rex;
  } else {
    if (c.twin !== null && R === 0 && B === 1 && rmReg >= 0) return encodeGeneric(c.twin, st, u8, p);
    const pf = c.pfx;
    for (let i = 0; i < pf.length; i++) u8[p++] = pf[i];
    const v4 = (~(c.iV >= 0 ? reg[c.iV] : 0) & 15) << 3;
    if (X === 0 && B === 0 && c.vexW === 0 && c.vexMap === 1) {
      u8[p++] = 0xc5;
      u8[p++] = ((R ^ 1) << 7) | v4 | (c.vexL << 2) | c.vexPP;
    } else {
      u8[p++] = 0xc4;
      u8[p++] = ((R ^ 1) << 7) | ((X ^ 1) << 6) | ((B ^ 1) << 5) | c.vexMap;
      u8[p++] = (c.vexW << 7) | v4 | (c.vexL << 2) | c.vexPP;
    }
  }

  // Opcode.
  const op = c.opc;
  const last = op.length - 1;
  for (let i = 0; i < last; i++) u8[p++] = op[i];
  u8[p++] = c.plusR ? op[last] | (opReg & 7) : op[last];

  // ModRM / SIB / displacement.
  if (c.hasModrm) {
    const r3 = (regF & 7) << 3;
    if (!mem) u8[p++] = 0xc0 | r3 | (rmReg & 7);
    else if (st.rip) {
      u8[p++] = r3 | 5;
      const d = st.ripLabel ? 0 : st.disp;
      u8[p] = d;
      u8[p + 1] = d >> 8;
      u8[p + 2] = d >> 16;
      u8[p + 3] = d >> 24;
      p += 4;
    } else p = modrmMem(u8, p, r3, base, index, st.scale, st.disp);
  }

  // Immediates (an is4 register goes to imm8[7:4]), then the relative field.
  const io = c.immOps;
  for (let i = 0; i < io.length; i++) {
    const k = io[i];
    if (k === c.iL) u8[p++] = reg[k] << 4;
    else p = putImm(u8, p, st.imm(k) as number | bigint, c.immSizes[i]);
  }
  const sf = c.suffix;
  for (let i = 0; i < sf.length; i++) u8[p++] = sf[i];
  if (c.rel === 4) {
    u8[p] = 0;
    u8[p + 1] = 0;
    u8[p + 2] = 0;
    u8[p + 3] = 0;
    p += 4;
  } else if (c.rel === 1) u8[p++] = 0;
  return p;
}

/** Bytes of immediates after the displacement (rip-relative relocations are measured from the end). */
export function immBytes(f: Form): number {
  let n = f.suffix.length;
  for (const s of f.imms) n += s;
  return n + f.rel;
}

/** The roles of a form's operands: operand index per EN letter. */
export function roles(f: Form): { iR: number; iM: number; iV: number; iO: number; iL: number; immOps: number[] } {
  const en = f.en;
  const immOps: number[] = [];
  let iR = -1;
  let iM = -1;
  let iV = -1;
  let iO = -1;
  let iL = -1;
  for (let i = 0; i < en.length; i++) {
    const c = en[i];
    if (c === EN.R) iR = i;
    else if (c === EN.M) iM = i;
    else if (c === EN.V) iV = i;
    else if (c === EN.O) iO = i;
    else if (c === EN.I) immOps.push(i);
    else if (c === EN.L) {
      iL = i;
      immOps.push(i);
    } else if (c === EN.B) {
      iR = i;
      iM = i;
    }
  }
  // Immediate fields are in operand order, which is the order of ib/iw/... in every SDM row.
  immOps.sort((a, b) => a - b);
  return { iR, iM, iV, iO, iL, immOps };
}

export { OT };
