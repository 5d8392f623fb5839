// The machine state and operand syntax the FP / SIMD execution models work on: x0..x30, v0..v31 as
// 128-bit values, NZCV and FPCR, and a parser for the operands the generators write (scalar registers
// b/h/s/d/q, vectors v3.4s, elements v3.s[1], lists {v0.16b, v1.16b}, immediates, conditions, shifts).

export const M128 = (1n << 128n) - 1n;
/** Literal loads (`ldr q0, L`) read these 16 bytes: the execution tests place them after the instruction. */
export const LITERAL = 0xfedcba98765432100123456789abcdefn;
export const mask = (bits: number): bigint => (1n << BigInt(bits)) - 1n;

/** Memory of a data region: `bytes` at address `base`. */
export interface VMemory {
  base: bigint;
  bytes: Uint8Array;
}

export interface VState {
  /** x0..x30, unsigned 64-bit. */
  x: bigint[];
  /** The stack pointer (a base register of memory operands). */
  sp?: bigint;
  /** Data memory for load/store forms. */
  mem?: VMemory;
  /** v0..v31, unsigned 128-bit. */
  v: bigint[];
  /** N Z C V as bits 3..0. */
  nzcv: number;
  fpcr: number;
  /** FPSR cumulative exception flags (compared when a test asks for it). */
  fpsr?: number;
}

export type VOp =
  | { k: 'gpr'; n: number; size: 32 | 64; zr: boolean }
  /** A scalar FP/SIMD register: b h s d q. */
  | { k: 'scalar'; n: number; t: 'b' | 'h' | 's' | 'd' | 'q'; bits: number }
  /** A vector with an arrangement: lanes × esize bits. */
  | { k: 'vec'; n: number; lanes: number; esize: number; arr: string }
  /** One element: v3.s[1]. */
  | { k: 'elem'; n: number; esize: number; idx: number }
  /** A register list {v0.16b, v1.16b}[i]. */
  | { k: 'list'; regs: number[]; lanes: number; esize: number; idx: number | null }
  | { k: 'imm'; v: number; text: string }
  | { k: 'name'; s: string }
  | { k: 'shift'; op: string; amt: number }
  /** A memory operand [base{, #off | , idx{, ext {#amt}}}]{!}; base 31 = sp. A post-index follows as its own operand. */
  | { k: 'mem'; base: number; off: number; idx: { n: number; size: 32 | 64; zr: boolean } | null; ext: string | null; amt: number; pre: boolean };

const ESIZE: Record<string, number> = { b: 8, h: 16, s: 32, d: 64, q: 128 };

/** Splits operands at top-level commas (not inside [] or {}). */
function splitOps(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '[' || ch === '{') depth++;
    if (ch === ']' || ch === '}') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

function parseVecReg(s: string): { n: number; lanes: number; esize: number; arr: string } | null {
  const m = /^v(\d+)\.(\d+)([bhsdq])$/.exec(s);
  if (!m) return null;
  return { n: Number(m[1]), lanes: Number(m[2]), esize: ESIZE[m[3]], arr: `${m[2]}${m[3]}` };
}

function parseMem(s: string): VOp | null {
  const m = /^\[([^\]]*)\](!?)$/.exec(s);
  if (!m) return null;
  const parts = m[1].split(',').map((p) => p.trim());
  const base = parts[0] === 'sp' ? 31 : /^x(\d+)$/.exec(parts[0]) ? Number(parts[0].slice(1)) : -1;
  if (base < 0) throw new Error(`vector model: memory base '${parts[0]}'`);
  let off = 0;
  let idx: { n: number; size: 32 | 64; zr: boolean } | null = null;
  let ext: string | null = null;
  let amt = 0;
  if (parts[1] !== undefined) {
    if (parts[1].startsWith('#')) off = Number(parts[1].slice(1));
    else {
      const r = parseOne(parts[1]);
      if (r.k !== 'gpr') throw new Error(`vector model: memory index '${parts[1]}'`);
      idx = { n: r.n, size: r.size, zr: r.zr };
      if (parts[2] !== undefined) {
        const e = /^(\w+)(?:\s+#?(\d+))?$/.exec(parts[2]);
        if (!e) throw new Error(`vector model: extend '${parts[2]}'`);
        ext = e[1];
        amt = e[2] === undefined ? 0 : Number(e[2]);
      }
    }
  }
  return { k: 'mem', base, off, idx, ext, amt, pre: m[2] === '!' };
}

function parseOne(t: string): VOp {
  const s = t.trim().toLowerCase();
  let m: RegExpExecArray | null;
  const mem = s.startsWith('[') ? parseMem(s) : null;
  if (mem) return mem;
  if (s === 'xzr' || s === 'wzr') return { k: 'gpr', n: 31, size: s[0] === 'x' ? 64 : 32, zr: true };
  if ((m = /^([xw])(\d+)$/.exec(s))) return { k: 'gpr', n: Number(m[2]), size: m[1] === 'x' ? 64 : 32, zr: false };
  if ((m = /^([bhsdq])(\d+)$/.exec(s))) return { k: 'scalar', n: Number(m[2]), t: m[1] as 'b', bits: ESIZE[m[1]] };
  const v = parseVecReg(s);
  if (v) return { k: 'vec', ...v };
  if ((m = /^v(\d+)\.(\d*)([bhsd])\[(\d+)\]$/.exec(s))) return { k: 'elem', n: Number(m[1]), esize: ESIZE[m[3]] * (m[2] ? Number(m[2]) : 1), idx: Number(m[4]) };
  if ((m = /^\{(.*)\}(?:\[(\d+)\])?$/.exec(s))) {
    const idx = m[2] === undefined ? null : Number(m[2]);
    const parts = m[1].split(',').map((p) => p.trim());
    let regs: { n: number; lanes: number; esize: number }[];
    const range = /^(\S+)\s*-\s*(\S+)$/.exec(m[1].trim());
    const one = (p: string) => {
      const r = parseVecReg(p) ?? (/^v(\d+)\.([bhsd])$/.exec(p) ? { n: Number(p.slice(1, p.indexOf('.'))), lanes: 0, esize: ESIZE[p[p.length - 1]], arr: '' } : null);
      if (!r) throw new Error(`vector model: cannot read list member '${p}'`);
      return r;
    };
    if (range && parts.length === 1) {
      const a = one(range[1]);
      const b = one(range[2]);
      regs = Array.from({ length: ((b.n - a.n + 32) % 32) + 1 }, (_, i) => ({ ...a, n: (a.n + i) % 32 }));
    } else regs = parts.map(one);
    return { k: 'list', regs: regs.map((r) => r.n), lanes: regs[0].lanes, esize: regs[0].esize, idx };
  }
  if ((m = /^(lsl|msl)\s+#?(\d+)$/.exec(s))) return { k: 'shift', op: m[1], amt: Number(m[2]) };
  if (/^#?[-+]?(0x[0-9a-f]+|\d+(\.\d*)?(e[-+]?\d+)?)$/.test(s)) {
    const body = s.replace(/^#/, '');
    return { k: 'imm', v: body.startsWith('0x') || body.startsWith('-0x') ? Number(BigInt(body.replace('-', ''))) * (body.startsWith('-') ? -1 : 1) : Number(body), text: body };
  }
  if (/^[a-z]+$/.test(s)) return { k: 'name', s };
  throw new Error(`vector model: cannot read operand '${t}'`);
}

export interface ParsedInsn {
  readonly mn: string;
  readonly ops: readonly VOp[];
}

export function parseVInsn(text: string): ParsedInsn {
  const t = text.trim();
  const sp = t.search(/\s/);
  if (sp < 0) return { mn: t.toLowerCase(), ops: [] };
  return { mn: t.slice(0, sp).toLowerCase(), ops: splitOps(t.slice(sp + 1)).map(parseOne) };
}

// ---- lanes -------------------------------------------------------------------------------------------

export const lane = (v: bigint, esize: number, i: number): bigint => (v >> BigInt(esize * i)) & mask(esize);
export const withLane = (v: bigint, esize: number, i: number, x: bigint): bigint => {
  const sh = BigInt(esize * i);
  return (v & ~(mask(esize) << sh)) | ((x & mask(esize)) << sh);
};
/** Lanes 0..n-1 of v as an array. */
export function lanes(v: bigint, esize: number, n: number): bigint[] {
  const out = new Array<bigint>(n);
  for (let i = 0; i < n; i++) out[i] = lane(v, esize, i);
  return out;
}
/** Packs lanes into a 128-bit value (the rest zero). */
export function pack(ls: readonly bigint[], esize: number): bigint {
  let v = 0n;
  for (let i = ls.length - 1; i >= 0; i--) v = (v << BigInt(esize)) | (ls[i] & mask(esize));
  return v;
}

// ---- register access ---------------------------------------------------------------------------------

export function readGpr(s: VState, o: VOp): bigint {
  if (o.k !== 'gpr') throw new Error('vector model: expected a general register');
  if (o.zr) return 0n;
  return o.size === 64 ? s.x[o.n] : s.x[o.n] & 0xffffffffn;
}
export function writeGpr(s: VState, o: VOp, v: bigint): void {
  if (o.k !== 'gpr') throw new Error('vector model: expected a general register');
  if (o.zr) return;
  s.x[o.n] = o.size === 64 ? BigInt.asUintN(64, v) : BigInt.asUintN(32, v);
}

/** The value of a scalar register (its low bits). */
export function readScalar(s: VState, o: VOp): bigint {
  if (o.k !== 'scalar') throw new Error('vector model: expected a scalar FP/SIMD register');
  return s.v[o.n] & mask(o.bits);
}
/** Writes a scalar register: the rest of the 128-bit register is cleared. */
export function writeScalar(s: VState, o: VOp, v: bigint): void {
  if (o.k !== 'scalar') throw new Error('vector model: expected a scalar FP/SIMD register');
  s.v[o.n] = v & mask(o.bits);
}
