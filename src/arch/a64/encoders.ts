// The closed set of A64 field encoders. A placeholder's type (`<imm12:u12*8>`) names one; the same
// function checks and encodes a value when a plan is built (constants in the text) and when it is
// filled (interpolated values), so both paths accept exactly the same values.
//
//   type text              encoder  accepts                                   field value
//   x xsp w wsp b h s d q  REG      register of the class (xsp: X or SP, …)   register number
//   v  v.4s  v.16b …       REG      V register (with that arrangement)        register number
//   u12  s9                NUM      0..4095, −256..255                         value (two's complement)
//   u12*8  s7*4            NUM      multiple of 8 in 0..32760, of 4 in −256..252   value / scale
//   -u12  -u12*4096        NUM      −4095..0, multiple of 4096 in −16773120..0     −value / scale
//   0..4  1..64            NUM      that range                                 value
//   (0|12)  (0=1)          LIST     one of the numbers                         index, or the code after '='
//   (lsl|lsr|asr)          LIST     one of the names (shift / extend operators)  index or code
//   bimm32 bimm64          BIMM     logical immediate of that size             N:immr:imms (13 bits)
//   movz32 movz64          MOVZ     one 16-bit chunk at bit 0/16/(32/48)       hw:imm16 (18 bits)
//   movn32 movn64          MOVN     the inverse of such a value                hw:imm16 of ~value
//   cond  cond_not_alnv    COND     condition code (without al/nv)             4-bit code
//   barrier prfop sysreg   SYM      a name of spec/a64/symbols.ts (sysreg also s3_3_c4_c2_0)  its value
//   @b26 @imm19 …          REL      a label (relocation kind of spec/a64/relocs.ts)  0 (patched later)
//   fpimm                  FPIMM    ±n/16·2^r (n 16..31, r −3..4), exactly     abcdefgh (8 bits)
//   fzero                  FZERO    0.0 (or 0), not −0.0                        0
//   bytemask               BYTEMASK 64-bit value whose bytes are 0x00 or 0xff  one bit per byte (8 bits)
//   vl1.16b … vl4.2d, vl2.s  VLIST  {…} list of 1–4 consecutive V registers (v31 wraps to v0)  first register

import { BARRIERS, CONDITIONS as CONDITION_CODES, CREGS, PREFETCH, SYSREGS } from '../../../spec/a64/symbols.js';

const CONDITIONS: Readonly<Record<string, number>> = CONDITION_CODES;
import { relocs } from '../../../spec/a64/relocs.js';
import { VK } from '../../../dsl/arch.js';
import { ARRANGEMENTS, ELEMENTS, KIND_NAMES, RK, Reg } from './registers.js';

export const EK = { REG: 1, NUM: 2, LIST: 3, BIMM: 4, MOVZ: 5, MOVN: 6, COND: 7, SYM: 8, REL: 9, FPIMM: 10, FZERO: 11, BYTEMASK: 12, VLIST: 13, VNUM: 14 } as const;

/** Failure codes returned (negative) by `encodeValue`. */
export const FAIL = {
  RANGE: -1,
  ALIGN: -2,
  BITMASK: -3,
  /** Wrong kind of value (register for a number, …). */
  KIND: -4,
  /** A number that is not an integer. */
  NOTINT: -5,
  /** A name not in the table. */
  NAME: -6,
  /** A number beyond ±2^53 (pass a bigint). */
  UNSAFE: -7,
  /** A register of the wrong class. */
  REGCLASS: -8,
} as const;

const REG_CLASSES: Record<string, number[]> = {
  x: [RK.X, RK.XZR],
  xsp: [RK.X, RK.SP],
  w: [RK.W, RK.WZR],
  wsp: [RK.W, RK.WSP],
  b: [RK.B],
  h: [RK.H],
  s: [RK.S],
  d: [RK.D],
  q: [RK.Q],
  v: [RK.V],
};

const SYM_TABLES: Record<string, Readonly<Record<string, number>>> = {
  barrier: BARRIERS,
  prfop: PREFETCH,
  sysreg: SYSREGS,
  creg: CREGS,
};

/** One field encoder. Monomorphic: every field exists on every instance. */
export class Enc {
  /** Register classes accepted (bit k − VK.ARCH set for kind k). */
  kindMask = 0;
  /** Required arrangement after a V register, or null. */
  arrangement: string | null = null;
  min = 0;
  max = 0;
  shift = 0;
  neg = false;
  /** Bits of the encoded value. */
  bits = 0;
  values: readonly (number | string)[] = [];
  codes: readonly number[] = [];
  size = 64;
  noAlNv = false;
  table: Readonly<Record<string, number>> = {};
  reloc = -1;
  /** VLIST: number of registers in the list. */
  count = 0;

  constructor(
    readonly kind: number,
    /** The type as written in the row. */
    readonly text: string,
  ) {}

  /** True if this encoder takes numbers (so an interpolated number/bigint can fill it). */
  get takesNumber(): boolean {
    return this.kind === EK.NUM || this.kind === EK.BIMM || this.kind === EK.MOVZ || this.kind === EK.MOVN || this.takesFloat || this.kind === EK.BYTEMASK || (this.kind === EK.LIST && typeof this.values[0] === 'number');
  }
  /** True if this encoder takes floating-point values (`#1.5` in the text). */
  get takesFloat(): boolean {
    return this.kind === EK.FPIMM || this.kind === EK.FZERO;
  }
  /** True if this encoder takes names (so an interpolated string can fill it). */
  get takesName(): boolean {
    return this.kind === EK.COND || this.kind === EK.SYM || (this.kind === EK.LIST && typeof this.values[0] === 'string');
  }
}

const cache = new Map<string, Enc>();

/** Parses a placeholder type. Throws Error (a spec bug) on an unknown type. */
export function parseType(text: string): Enc {
  const hit = cache.get(text);
  if (hit) return hit;
  const e = makeEnc(text);
  cache.set(text, e);
  return e;
}

function makeEnc(text: string): Enc {
  const cls = REG_CLASSES[text];
  if (cls) {
    const e = new Enc(EK.REG, text);
    for (const k of cls) e.kindMask |= 1 << (k - VK.ARCH);
    e.bits = 5;
    return e;
  }
  let m = /^v\.(\w+)$/.exec(text);
  if (m) {
    if (!(ARRANGEMENTS as readonly string[]).includes(m[1]) && !(ELEMENTS as readonly string[]).includes(m[1])) throw new Error(`unknown arrangement in type '${text}'`);
    const e = new Enc(EK.REG, text);
    e.kindMask = 1 << (RK.V - VK.ARCH);
    e.arrangement = m[1];
    e.bits = 5;
    return e;
  }
  m = /^(-)?([us])(\d+)(?:\*(\d+))?$/.exec(text);
  if (m) {
    const e = new Enc(EK.NUM, text);
    const bits = Number(m[3]);
    const scale = m[4] ? Number(m[4]) : 1;
    if ((scale & (scale - 1)) !== 0) throw new Error(`scale must be a power of two in '${text}'`);
    const shift = Math.log2(scale);
    let lo = m[2] === 's' ? -(2 ** (bits - 1)) : 0;
    let hi = m[2] === 's' ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
    lo *= scale;
    hi *= scale;
    if (m[1]) [lo, hi] = [-hi, -lo];
    Object.assign(e, { min: lo, max: hi, shift, neg: !!m[1], bits });
    return e;
  }
  m = /^(-?\d+)\.\.(-?\d+)$/.exec(text);
  if (m) {
    const e = new Enc(EK.NUM, text);
    const lo = Number(m[1]);
    const hi = Number(m[2]);
    if (lo < 0 || hi < lo) throw new Error(`range '${text}' must be non-negative and ascending`);
    Object.assign(e, { min: lo, max: hi, bits: Math.max(1, Math.ceil(Math.log2(hi + 1))) });
    return e;
  }
  m = /^\((.+)\)$/.exec(text);
  if (m) {
    const e = new Enc(EK.LIST, text);
    const values: (number | string)[] = [];
    const codes: number[] = [];
    m[1].split('|').forEach((item, i) => {
      const [v, c] = item.split('=');
      const num = /^-?\d+$/.test(v);
      values.push(num ? Number(v) : v);
      codes.push(c !== undefined ? Number(c) : i);
    });
    if (values.some((v) => typeof v !== typeof values[0])) throw new Error(`list '${text}' mixes numbers and names`);
    e.values = values;
    e.codes = codes;
    e.bits = Math.max(1, Math.ceil(Math.log2(Math.max(...codes) + 1)));
    return e;
  }
  m = /^(bimm|movz|movn)(32|64)$/.exec(text);
  if (m) {
    const e = new Enc(m[1] === 'bimm' ? EK.BIMM : m[1] === 'movz' ? EK.MOVZ : EK.MOVN, text);
    e.size = Number(m[2]);
    e.bits = m[1] === 'bimm' ? 13 : 18;
    return e;
  }
  if (text === 'cond' || text === 'cond_not_alnv') {
    const e = new Enc(EK.COND, text);
    e.noAlNv = text !== 'cond';
    e.bits = 4;
    return e;
  }
  if (SYM_TABLES[text]) {
    const e = new Enc(EK.SYM, text);
    e.table = SYM_TABLES[text];
    e.bits = text === 'sysreg' ? 16 : text === 'prfop' ? 5 : 4; // barrier, creg: 4
    return e;
  }
  if (text === 'fpimm' || text === 'fzero' || text === 'bytemask') {
    const e = new Enc(text === 'fpimm' ? EK.FPIMM : text === 'fzero' ? EK.FZERO : EK.BYTEMASK, text);
    e.bits = text === 'fzero' ? 1 : 8;
    return e;
  }
  m = /^vl([1-4])\.(\w+)$/.exec(text);
  if (m) {
    if (!(ARRANGEMENTS as readonly string[]).includes(m[2]) && !(ELEMENTS as readonly string[]).includes(m[2])) throw new Error(`unknown arrangement in type '${text}'`);
    const e = new Enc(EK.VLIST, text);
    e.kindMask = 1 << (RK.V - VK.ARCH);
    e.arrangement = m[2];
    e.count = Number(m[1]);
    e.bits = 5;
    return e;
  }
  m = /^@(\w+)$/.exec(text);
  if (m) {
    const k = relocs.findIndex((r) => r.name === m![1]);
    if (k < 0) throw new Error(`unknown relocation kind '${m[1]}'`);
    const e = new Enc(EK.REL, text);
    e.reloc = k;
    e.bits = relocs[k].bits;
    return e;
  }
  throw new Error(`unknown placeholder type '${text}'`);
}

/** The encoder of a register list's later member: exactly V register `num` (internal; not a row type). */
export function consecutiveEnc(num: number): Enc {
  let e = VNUM_CACHE[num];
  if (!e) {
    e = new Enc(EK.VNUM, `=v${num}`);
    e.kindMask = 1 << (RK.V - VK.ARCH);
    e.min = e.max = num;
    VNUM_CACHE[num] = e;
  }
  return e;
}
const VNUM_CACHE: Enc[] = [];

// ── encoding ──────────────────────────────────────────────────────────────

/** Scratch halves of a 64-bit value (set by `halves`). */
let HI = 0;
let LO = 0;

/**
 * Splits an integer into HI/LO (64-bit two's complement of −2^63..2^64−1); returns 0 or a FAIL code.
 * 32-bit operands take a value whose upper half is all zeros or all ones and keep the low 32 bits, as
 * GNU as does for W-register immediates (so −1, 0xffffffff and 0xffffffffffffffff all mean 0xffffffff).
 */
function halves(v: unknown, size: number): number {
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) return FAIL.NOTINT;
    if (!Number.isSafeInteger(v)) return FAIL.UNSAFE;
    LO = v >>> 0;
    HI = Math.floor(v / 4294967296) >>> 0;
  } else if (typeof v === 'bigint') {
    if (v < -(1n << 63n) || v >= 1n << 64n) return FAIL.RANGE;
    LO = Number(BigInt.asUintN(32, v));
    HI = Number(BigInt.asUintN(32, v >> 32n));
  } else return FAIL.KIND;
  if (size === 32) {
    if (HI !== 0 && HI !== 0xffffffff) return FAIL.RANGE;
    HI = 0;
  }
  return 0;
}

function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** N:immr:imms of a logical immediate whose halves are HI:LO, or −1. For size 32 only LO is used. */
function bimm(hi: number, lo: number, size: number): number {
  if (size === 32) hi = lo;
  if (hi === lo) {
    const p = lo;
    if (p === 0 || p === 0xffffffff) return -1;
    let e = 32;
    while (e > 2) {
      const h = e >>> 1;
      if (((p >>> h) | (p << (32 - h))) >>> 0 !== p) break;
      e = h;
    }
    const mask = e === 32 ? 0xffffffff : (1 << e) - 1;
    const pat = (p & mask) >>> 0;
    const ones = popcount(pat);
    const run = ones >= 32 ? 0xffffffff : ((1 << ones) >>> 0) - 1; // 2^ones − 1 without Math.pow (fill time)
    for (let r = 0; r < e; r++) {
      const rot = r === 0 ? pat : (((pat << r) | (pat >>> (e - r))) & mask) >>> 0;
      if (rot === run) {
        const prefix = (0x3f << (32 - Math.clz32(e))) & 0x3f; // log2(e) + 1
        return (r << 6) | prefix | (ones - 1);
      }
    }
    return -1;
  }
  const ones = popcount(hi) + popcount(lo);
  const mh = ones > 32 ? 2 ** (ones - 32) - 1 : 0;
  const ml = ones >= 32 ? 0xffffffff : 2 ** ones - 1;
  for (let r = 0; r < 64; r++) {
    let h = hi;
    let l = lo;
    let s = r;
    if (s >= 32) {
      const t = h;
      h = l;
      l = t;
      s -= 32;
    }
    if (s > 0) {
      const nh = ((h << s) | (l >>> (32 - s))) >>> 0;
      const nl = ((l << s) | (h >>> (32 - s))) >>> 0;
      h = nh;
      l = nl;
    }
    if (h === mh && l === ml) return (1 << 12) | (r << 6) | (ones - 1);
  }
  return -1;
}

/** hw:imm16 for a value with at most one non-zero 16-bit chunk, or −1. */
function movz(hi: number, lo: number, size: number): number {
  let hw = 0;
  let imm = 0;
  let n = 0;
  const chunks = size === 32 ? 2 : 4;
  for (let i = 0; i < chunks; i++) {
    const c = i < 2 ? (lo >>> (16 * i)) & 0xffff : (hi >>> (16 * (i - 2))) & 0xffff;
    if (c !== 0) {
      n++;
      hw = i;
      imm = c;
    }
  }
  return n > 1 ? -1 : (hw << 16) | imm;
}

/**
 * abcdefgh of an FP immediate (VFPExpandImm): the value must be exactly ±n/16·2^r with n 16..31 and
 * r −3..4; then a = sign, bcd = r − 1 (r ≥ 1) or 4 + r + 3 (r ≤ 0), efgh = n − 16. Else FAIL.RANGE.
 */
function fpimm8(v: unknown): number {
  let x: number;
  if (typeof v === 'number') x = v;
  else if (typeof v === 'bigint') {
    if (v < -31n || v > 31n) return FAIL.RANGE;
    x = Number(v);
  } else return FAIL.KIND;
  const a = Math.abs(x);
  if (!(a >= 0.125 && a <= 31)) return FAIL.RANGE;
  for (let r = -3; r <= 4; r++) {
    const n = (a * 16) / 2 ** r; // exact: scaling by a power of two
    if (n >= 16 && n <= 31) {
      if (!Number.isInteger(n)) return FAIL.RANGE;
      return ((x < 0 ? 1 : 0) << 7) | ((r >= 1 ? r - 1 : 4 | (r + 3)) << 4) | (n - 16);
    }
  }
  return FAIL.RANGE;
}

/**
 * Checks and encodes one value. Returns the field value (≥ 0) or a FAIL code (< 0).
 * Registers: the caller has checked the class (plan signature), this returns the number.
 */
export function encodeValue(e: Enc, v: unknown): number {
  switch (e.kind) {
    case EK.REG:
      return (v as Reg).num;
    case EK.NUM: {
      let x: number;
      if (typeof v === 'number') {
        if ((v | 0) !== v) return Number.isInteger(v) ? FAIL.RANGE : FAIL.NOTINT;
        x = v;
      } else if (typeof v === 'bigint') {
        // A 64-bit value with bit 63 set is also its negative reading (GNU as: #0xffffffffffffff00 = #-256).
        const w = v >= 1n << 63n && v < 1n << 64n ? v - (1n << 64n) : v;
        if (w < -2147483648 || w > 2147483647) return FAIL.RANGE;
        x = Number(w);
      } else return FAIL.KIND;
      if (x < e.min || x > e.max) return FAIL.RANGE;
      if (e.shift > 0 && (x & ((1 << e.shift) - 1)) !== 0) return FAIL.ALIGN;
      const f = (e.neg ? -x : x) >> e.shift;
      return e.bits >= 31 ? f >>> 0 : f & ((1 << e.bits) - 1);
    }
    case EK.LIST: {
      const vals = e.values;
      if (typeof vals[0] === 'number') {
        const x = typeof v === 'bigint' && v >= -2147483648 && v <= 2147483647 ? Number(v) : v;
        if (typeof x !== 'number') return typeof v === 'bigint' ? FAIL.RANGE : FAIL.KIND;
        for (let i = 0; i < vals.length; i++) if (vals[i] === x) return e.codes[i];
        return Number.isInteger(x) ? FAIL.RANGE : FAIL.NOTINT;
      }
      if (typeof v !== 'string') return FAIL.KIND;
      for (let i = 0; i < vals.length; i++) if (vals[i] === v) return e.codes[i];
      return FAIL.NAME;
    }
    case EK.BIMM: {
      const st = halves(v, e.size);
      if (st < 0) return st;
      const r = bimm(HI, LO, e.size);
      return r < 0 ? FAIL.BITMASK : r;
    }
    case EK.MOVZ: {
      const st = halves(v, e.size);
      if (st < 0) return st;
      const r = movz(HI, LO, e.size);
      return r < 0 ? FAIL.RANGE : r;
    }
    case EK.MOVN: {
      const st = halves(v, e.size);
      if (st < 0) return st;
      const r = movz(~HI >>> 0, ~LO >>> 0, e.size);
      return r < 0 ? FAIL.RANGE : r;
    }
    case EK.COND: {
      if (typeof v !== 'string') return FAIL.KIND;
      const c = CONDITIONS[v.toLowerCase()];
      if (c === undefined) return FAIL.NAME;
      if (e.noAlNv && c >= 14) return FAIL.NAME;
      return c;
    }
    case EK.SYM: {
      if (typeof v !== 'string') return FAIL.KIND;
      const name = v.toLowerCase();
      const c = e.table[name];
      if (c !== undefined) return c;
      if (e.text === 'sysreg') return genericSysreg(name);
      return FAIL.NAME;
    }
    case EK.REL:
      return 0;
    case EK.FPIMM:
      return fpimm8(v);
    case EK.FZERO: {
      const x = typeof v === 'bigint' ? Number(v) : v;
      if (typeof x !== 'number') return FAIL.KIND;
      return x === 0 && !Object.is(x, -0) ? 0 : FAIL.RANGE;
    }
    case EK.BYTEMASK: {
      const st = halves(v, 64);
      if (st < 0) return st;
      let r = 0;
      for (let i = 0; i < 8; i++) {
        const b = (i < 4 ? LO >>> (8 * i) : HI >>> (8 * (i - 4))) & 0xff;
        if (b === 0xff) r |= 1 << i;
        else if (b !== 0) return FAIL.RANGE;
      }
      return r;
    }
    case EK.VLIST:
      return (v as Reg).num;
    case EK.VNUM:
      return (v as Reg).num === e.min ? 0 : FAIL.RANGE;
  }
  return FAIL.KIND;
}

/** `s<op0>_<op1>_c<n>_c<m>_<op2>` → 16-bit value, or FAIL.NAME (op0 0..3, as GNU as accepts). */
function genericSysreg(name: string): number {
  const m = /^s([0-3])_([0-7])_c(\d+)_c(\d+)_([0-7])$/.exec(name);
  if (!m) return FAIL.NAME;
  const crn = Number(m[3]);
  const crm = Number(m[4]);
  if (crn > 15 || crm > 15) return FAIL.NAME;
  return (Number(m[1]) << 14) | (Number(m[2]) << 11) | (crn << 7) | (crm << 3) | Number(m[5]);
}

/**
 * The value a placeholder contributes to `set`/`check` expressions: the raw number for numeric
 * encoders (after `encodeValue` succeeded), else the encoded field value.
 */
export function exprValue(e: Enc, v: unknown, encoded: number): number {
  if (e.kind === EK.NUM || (e.kind === EK.LIST && typeof e.values[0] === 'number')) return typeof v === 'number' ? v : Number(BigInt.asIntN(64, v as bigint));
  return encoded;
}

// ── descriptions (messages, form listings, docs) ─────────────────────────

/** What the encoder accepts, for messages: "0..4095", "multiple of 8 in 0..32760", … */
export function describeEnc(e: Enc): string {
  switch (e.kind) {
    case EK.REG: {
      const names = Object.keys(KIND_NAMES)
        .map(Number)
        .filter((k) => e.kindMask & (1 << (k - VK.ARCH)))
        .map((k) => KIND_NAMES[k]);
      return names.join(' or ') + (e.arrangement ? ` with arrangement .${e.arrangement}` : '');
    }
    case EK.NUM: {
      const step = 1 << e.shift;
      return step > 1 ? `a multiple of ${step} in ${e.min}..${e.max}` : `${e.min}..${e.max}`;
    }
    case EK.LIST:
      return e.values.length === 1 ? String(e.values[0]) : `one of ${e.values.join(', ')}`;
    case EK.BIMM:
      return `a ${e.size}-bit logical immediate (a rotated run of ones, replicated)`;
    case EK.MOVZ:
      return `a 16-bit value shifted left by ${e.size === 32 ? '0 or 16' : '0, 16, 32 or 48'}`;
    case EK.MOVN:
      return `the inverse (${e.size}-bit) of a 16-bit value shifted left by ${e.size === 32 ? '0 or 16' : '0, 16, 32 or 48'}`;
    case EK.COND:
      return e.noAlNv ? 'a condition code other than al and nv' : 'a condition code (eq ne cs/hs cc/lo mi pl vs vc hi ls ge lt gt le al nv)';
    case EK.SYM:
      return e.text === 'sysreg' ? `a system register name (${Object.keys(e.table).slice(0, 6).join(', ')}, … or s<op0>_<op1>_c<n>_c<m>_<op2>)` : `one of ${Object.keys(e.table).join(', ')}`;
    case EK.REL:
      return `a label (${relocs[e.reloc].usedBy} range)`;
    case EK.FPIMM:
      return 'a floating-point value ±n/16×2^r with n 16..31 and r −3..4 (0.125..31, e.g. 1.0, -0.5, 2.75), exactly';
    case EK.FZERO:
      return '0.0';
    case EK.BYTEMASK:
      return 'a 64-bit value whose bytes are each 0x00 or 0xff';
    case EK.VLIST:
      return `a list of ${e.count} consecutive V register${e.count > 1 ? 's' : ''} with arrangement .${e.arrangement} ({v0.${e.arrangement}${e.count > 1 ? `-v${e.count - 1}.${e.arrangement}` : ''}}; v31 wraps to v0)`;
    case EK.VNUM:
      return `V register v${e.min} (the registers of a list must be consecutive)`;
  }
  return e.text;
}

/** Short rendering of a placeholder for form listings: `Xd|SP`, `#<0..4095>`, `<label>`. */
export function renderPlaceholder(e: Enc, name: string): string {
  switch (e.kind) {
    case EK.REG: {
      const letter = { x: 'X', xsp: 'X', w: 'W', wsp: 'W', b: 'B', h: 'H', s: 'S', d: 'D', q: 'Q', v: 'V' }[e.text.startsWith('v.') ? 'v' : e.text] ?? e.text;
      const suffix = name.replace(/^R/, '').toLowerCase();
      const sp = e.text === 'xsp' ? '|SP' : e.text === 'wsp' ? '|WSP' : '';
      return `${letter}${suffix}${sp}${e.arrangement ? `.${e.arrangement}` : ''}`;
    }
    case EK.NUM:
      return `<${e.shift > 0 ? `${e.min}..${e.max} step ${1 << e.shift}` : `${e.min}..${e.max}`}>`;
    case EK.LIST:
      return typeof e.values[0] === 'number' ? `<${e.values.join('|')}>` : e.values.join('|');
    case EK.BIMM:
      return `<bitmask${e.size}>`;
    case EK.MOVZ:
    case EK.MOVN:
      return `<imm${e.size}>`;
    case EK.COND:
      return '<cond>';
    case EK.SYM:
      return `<${e.text}>`;
    case EK.REL:
      return '<label>';
    case EK.FPIMM:
      return '<fpimm>';
    case EK.FZERO:
      return '0.0';
    case EK.BYTEMASK:
      return '<bytemask64>';
    case EK.VLIST: {
      const t = name.replace(/^R/, '').toLowerCase();
      const regs = Array.from({ length: e.count }, (_, i) => `V${t}${i ? i + 1 : ''}.${e.arrangement}`);
      return `{${regs.join(', ')}}`;
    }
    case EK.VNUM:
      return `v${e.min}`;
  }
  return `<${name}>`;
}

export function showValue(v: unknown): string {
  if (typeof v === 'bigint') return v < 0n ? `-0x${(-v).toString(16)}` : v > 0xffffn ? `0x${v.toString(16)}` : String(v);
  if (typeof v === 'number') return Math.abs(v) > 0xffff && Number.isInteger(v) ? `${v < 0 ? '-' : ''}0x${Math.abs(v).toString(16)}` : String(v);
  if (v instanceof Reg) return `${KIND_NAMES[v.kind]} ${v.name}`;
  if (typeof v === 'string') return `'${v}'`;
  return String(v);
}
