// A plain-JS model of the x86-64 general-purpose integer instructions (Intel SDM Vol. 2 "Operation" and
// "Flags Affected"), independent of our encoder: results, partial-register writes, and the status flags
// each instruction defines (the ones the SDM calls undefined are masked out of the comparison).

export const CF = 1n << 0n;
export const PF = 1n << 2n;
export const AF = 1n << 4n;
export const ZF = 1n << 6n;
export const SF = 1n << 7n;
export const OF = 1n << 11n;
export const STATUS = CF | PF | AF | ZF | SF | OF;

export const mask = (n: number): bigint => (1n << BigInt(n)) - 1n;
export const trunc = (v: bigint, n: number): bigint => BigInt.asUintN(n, v);
export const sext = (v: bigint, n: number): bigint => BigInt.asIntN(n, v);

function parity(r: bigint): bigint {
  let x = Number(r & 0xffn);
  let ones = 0;
  while (x) {
    ones += x & 1;
    x >>= 1;
  }
  return ones % 2 === 0 ? PF : 0n;
}

/** SF, ZF, PF of an n-bit result. */
export function szp(n: number, r: bigint): bigint {
  return (r === 0n ? ZF : 0n) | ((r >> BigInt(n - 1)) & 1n ? SF : 0n) | parity(r);
}

export function add(n: number, a: bigint, b: bigint, c = 0n): [bigint, bigint] {
  const m = mask(n);
  const full = (a & m) + (b & m) + c;
  const r = full & m;
  const of = (((a ^ r) & (b ^ r)) >> BigInt(n - 1)) & 1n;
  const af = ((a ^ b ^ r) >> 4n) & 1n;
  return [r, szp(n, r) | (full > m ? CF : 0n) | (of ? OF : 0n) | (af ? AF : 0n)];
}

export function sub(n: number, a: bigint, b: bigint, c = 0n): [bigint, bigint] {
  const m = mask(n);
  const am = a & m;
  const bm = b & m;
  const r = (am - bm - c) & m;
  const of = (((a ^ b) & (a ^ r)) >> BigInt(n - 1)) & 1n;
  const af = ((a ^ b ^ r) >> 4n) & 1n;
  return [r, szp(n, r) | (am < bm + c ? CF : 0n) | (of ? OF : 0n) | (af ? AF : 0n)];
}

/** Result of an instruction in the model: new operand values and flags (`fmask`: the defined status flags). */
export interface Effect {
  /** Values written, by operand index (n-bit). */
  readonly writes: ReadonlyMap<number, bigint>;
  /** Implicit registers written (full 64-bit values): rax, rdx, … */
  readonly regs?: Readonly<Record<string, bigint>>;
  readonly flags: bigint;
  readonly fmask: bigint;
  /** The inputs are outside the instruction's defined behaviour (e.g. a divide error): skip the case. */
  readonly skip?: boolean;
  /** Operands whose write may also be skipped entirely (implementation-specific write-back). */
  readonly loose?: readonly number[];
  /** Implicit register writes that may also happen (implementation-specific write-back), as `regs`. */
  readonly altRegs?: Readonly<Record<string, bigint>>;
}

export interface Ctx {
  /** Operand size in bits. */
  readonly n: number;
  /** Operand values (n-bit, or as the operand's own size for movzx etc.) and sizes. */
  readonly v: readonly bigint[];
  readonly sizes: readonly number[];
  readonly flags: bigint;
  /** 64-bit values of rax and rdx (implicit operands). */
  readonly rax: bigint;
  readonly rdx: bigint;
}

const cf = (f: bigint): bigint => (f & CF ? 1n : 0n);
const w = (...kv: [number, bigint][]): Map<number, bigint> => new Map(kv);
const none = new Map<number, bigint>();

const CONDS: Record<string, (f: bigint) => boolean> = {
  o: (f) => (f & OF) !== 0n,
  b: (f) => (f & CF) !== 0n,
  e: (f) => (f & ZF) !== 0n,
  be: (f) => (f & (CF | ZF)) !== 0n,
  s: (f) => (f & SF) !== 0n,
  p: (f) => (f & PF) !== 0n,
  l: (f) => ((f & SF) !== 0n) !== ((f & OF) !== 0n),
  le: (f) => (f & ZF) !== 0n || ((f & SF) !== 0n) !== ((f & OF) !== 0n),
};
const ALIASES: Record<string, [string, boolean]> = {
  o: ['o', true], no: ['o', false], b: ['b', true], c: ['b', true], nae: ['b', true], ae: ['b', false], nb: ['b', false], nc: ['b', false],
  e: ['e', true], z: ['e', true], ne: ['e', false], nz: ['e', false], be: ['be', true], na: ['be', true], a: ['be', false], nbe: ['be', false],
  s: ['s', true], ns: ['s', false], p: ['p', true], pe: ['p', true], np: ['p', false], po: ['p', false],
  l: ['l', true], nge: ['l', true], ge: ['l', false], nl: ['l', false], le: ['le', true], ng: ['le', true], g: ['le', false], nle: ['le', false],
};

/** Does condition `cc` (any spelling) hold for `flags`? */
export function condHolds(cc: string, flags: bigint): boolean {
  const [base, pos] = ALIASES[cc];
  return CONDS[base](flags) === pos;
}

function shiftCount(n: number, c: bigint): number {
  return Number(c & (n === 64 ? 63n : 31n));
}

function shifts(mn: string, n: number, a: bigint, count: bigint, f: bigint): Effect {
  const N = BigInt(n);
  const m = mask(n);
  const c = shiftCount(n, count);
  if (c === 0) return { writes: w([0, a]), flags: f, fmask: STATUS };
  const C = BigInt(c);
  let r: bigint;
  let flags = 0n;
  let fmask: bigint;
  switch (mn) {
    case 'shl':
    case 'sal': {
      r = (a << C) & m;
      const out = c <= n ? (a >> (N - C)) & 1n : 0n;
      flags = szp(n, r) | (out ? CF : 0n);
      if (c === 1) flags |= ((r >> (N - 1n)) & 1n) !== out ? OF : 0n;
      fmask = (c === 1 ? OF : 0n) | SF | ZF | PF | (c < n ? CF : 0n);
      break;
    }
    case 'shr': {
      r = c < n ? a >> C : 0n;
      const out = c <= n ? (a >> (C - 1n)) & 1n : 0n;
      flags = szp(n, r) | (out ? CF : 0n) | (c === 1 && (a >> (N - 1n)) & 1n ? OF : 0n);
      fmask = (c === 1 ? OF : 0n) | SF | ZF | PF | (c < n ? CF : 0n);
      break;
    }
    case 'sar': {
      const s = sext(a, n);
      r = trunc(s >> BigInt(Math.min(c, n - 1 + 1)), n);
      const out = (s >> (C - 1n)) & 1n;
      flags = szp(n, r) | (out ? CF : 0n);
      fmask = (c === 1 ? OF : 0n) | SF | ZF | PF | (c < n ? CF : 0n);
      break;
    }
    case 'rol': {
      const k = BigInt(c % n);
      r = ((a << k) | (a >> ((N - k) % N))) & m;
      const cfb = r & 1n;
      flags = (f & ~(CF | OF)) | (cfb ? CF : 0n) | (c === 1 && ((r >> (N - 1n)) ^ cfb) & 1n ? OF : 0n);
      fmask = STATUS & ~(c === 1 ? 0n : OF);
      break;
    }
    case 'ror': {
      const k = BigInt(c % n);
      r = ((a >> k) | (a << ((N - k) % N))) & m;
      const msb = (r >> (N - 1n)) & 1n;
      flags = (f & ~(CF | OF)) | (msb ? CF : 0n) | (c === 1 && (msb ^ ((r >> (N - 2n)) & 1n)) ? OF : 0n);
      fmask = STATUS & ~(c === 1 ? 0n : OF);
      break;
    }
    case 'rcl':
    case 'rcr': {
      const k = n < 32 ? c % (n + 1) : c;
      // Rotate the (n+1)-bit value CF:a.
      const W = N + 1n;
      let x = (cf(f) << N) | a;
      const K = BigInt(k);
      if (mn === 'rcl') x = ((x << K) | (x >> ((W - K) % W))) & mask(n + 1);
      else x = ((x >> K) | (x << ((W - K) % W))) & mask(n + 1);
      r = x & m;
      const newCf = x >> N;
      let of = 0n;
      if (mn === 'rcl') of = ((r >> (N - 1n)) & 1n) ^ newCf;
      else of = ((r >> (N - 1n)) ^ (r >> (N - 2n))) & 1n;
      flags = (f & ~(CF | OF)) | (newCf ? CF : 0n) | (c === 1 && of ? OF : 0n);
      fmask = STATUS & ~(c === 1 ? 0n : OF);
      break;
    }
    default:
      throw new Error(mn);
  }
  return { writes: w([0, r]), flags, fmask };
}

/** The model of mnemonic `mn` (integer class); null if not modelled. */
export function model(mn: string, x: Ctx): Effect | null {
  const { n, v, flags: f } = x;
  const N = BigInt(n);
  const m = mask(n);
  const [a, b, c] = v;
  const arith = (r: [bigint, bigint], write = true): Effect => ({ writes: write ? w([0, r[0]]) : none, flags: r[1], fmask: STATUS });
  const logic = (r: bigint, write = true): Effect => ({ writes: write ? w([0, r]) : none, flags: szp(n, r), fmask: STATUS & ~AF });
  if (mn.startsWith('cmov')) return { writes: w([0, condHolds(mn.slice(4), f) ? b : a]), flags: f, fmask: STATUS, ...(n === 32 ? {} : {}) };
  if (mn.startsWith('set')) return { writes: w([0, condHolds(mn.slice(3), f) ? 1n : 0n]), flags: f, fmask: STATUS };
  switch (mn) {
    case 'add':
      return arith(add(n, a, b));
    case 'adc':
      return arith(add(n, a, b, cf(f)));
    case 'sub':
      return arith(sub(n, a, b));
    case 'sbb':
      return arith(sub(n, a, b, cf(f)));
    case 'cmp':
      return arith(sub(n, a, b), false);
    case 'and':
      return logic(a & b);
    case 'or':
      return logic((a | b) & m);
    case 'xor':
      return logic((a ^ b) & m);
    case 'test':
      return logic(a & b, false);
    case 'inc': {
      const [r, g] = add(n, a, 1n);
      return { writes: w([0, r]), flags: (g & ~CF) | (f & CF), fmask: STATUS };
    }
    case 'dec': {
      const [r, g] = sub(n, a, 1n);
      return { writes: w([0, r]), flags: (g & ~CF) | (f & CF), fmask: STATUS };
    }
    case 'neg': {
      const [r, g] = sub(n, 0n, a);
      return { writes: w([0, r]), flags: (g & ~CF) | (a !== 0n ? CF : 0n), fmask: STATUS };
    }
    case 'not':
      return { writes: w([0, ~a & m]), flags: f, fmask: STATUS };
    case 'rol':
    case 'ror':
    case 'rcl':
    case 'rcr':
    case 'shl':
    case 'sal':
    case 'shr':
    case 'sar':
      return shifts(mn, n, a, v.length > 1 ? b : 1n, f);
    case 'shld':
    case 'shrd': {
      const k = shiftCount(n, c);
      if (k === 0) return { writes: w([0, a]), flags: f, fmask: STATUS };
      if (k > n) return { writes: none, flags: f, fmask: 0n, skip: true }; // 16-bit counts above 16: undefined
      const K = BigInt(k);
      const r = mn === 'shld' ? ((a << K) | (b >> (N - K))) & m : ((a >> K) | (b << (N - K))) & m;
      const out = mn === 'shld' ? (a >> (N - K)) & 1n : (a >> (K - 1n)) & 1n;
      const of = ((r ^ a) >> (N - 1n)) & 1n;
      return { writes: w([0, r]), flags: szp(n, r) | (out ? CF : 0n) | (k === 1 && of ? OF : 0n), fmask: SF | ZF | PF | CF | (k === 1 ? OF : 0n) };
    }
    case 'bt':
    case 'bts':
    case 'btr':
    case 'btc': {
      const bit = b & (N - 1n);
      const set = (a >> bit) & 1n;
      const r = mn === 'bts' ? a | (1n << bit) : mn === 'btr' ? a & ~(1n << bit) : mn === 'btc' ? a ^ (1n << bit) : a;
      return { writes: mn === 'bt' ? none : w([0, r]), flags: set ? CF : 0n, fmask: CF };
    }
    case 'bsf':
    case 'bsr': {
      // Source 0: the destination is undefined (CPUs leave it; QEMU zero-extends a 32-bit one): either.
      if (b === 0n) return { writes: w([0, a]), loose: [0], flags: ZF, fmask: ZF };
      let i = 0n;
      if (mn === 'bsf') while (((b >> i) & 1n) === 0n) i++;
      else i = BigInt(b.toString(2).length - 1);
      return { writes: w([0, i]), flags: 0n, fmask: ZF };
    }
    case 'lzcnt':
    case 'tzcnt':
    case 'popcnt': {
      let r = 0n;
      if (mn === 'popcnt') r = BigInt([...b.toString(2)].filter((d) => d === '1').length);
      else if (b === 0n) r = N;
      else if (mn === 'lzcnt') r = N - BigInt(b.toString(2).length);
      else while (((b >> r) & 1n) === 0n) r++;
      if (mn === 'popcnt') return { writes: w([0, r]), flags: r === 0n ? ZF : 0n, fmask: STATUS };
      return { writes: w([0, r]), flags: (b === 0n ? CF : 0n) | (r === 0n ? ZF : 0n), fmask: CF | ZF };
    }
    case 'bswap': {
      let r = 0n;
      for (let i = 0n; i < N; i += 8n) r = (r << 8n) | ((a >> i) & 0xffn);
      return { writes: w([0, r]), flags: f, fmask: STATUS };
    }
    case 'andn': {
      const r = ~b & c & m;
      return { writes: w([0, r]), flags: (r === 0n ? ZF : 0n) | ((r >> (N - 1n)) & 1n ? SF : 0n), fmask: CF | OF | ZF | SF };
    }
    case 'bextr': {
      const start = c & 0xffn;
      const len = (c >> 8n) & 0xffn;
      const r = start >= N ? 0n : (b >> start) & (len >= N ? m : mask(Number(len)));
      return { writes: w([0, r]), flags: r === 0n ? ZF : 0n, fmask: CF | OF | ZF };
    }
    case 'blsi': {
      const r = b & trunc(-b, n);
      return { writes: w([0, r]), flags: szp(n, r) & ~PF | (b !== 0n ? CF : 0n), fmask: CF | OF | ZF | SF };
    }
    case 'blsmsk': {
      const r = (b ^ trunc(b - 1n, n)) & m;
      return { writes: w([0, r]), flags: (szp(n, r) & ~PF & ~ZF) | (b === 0n ? CF : 0n), fmask: CF | OF | ZF | SF };
    }
    case 'blsr': {
      const r = b & trunc(b - 1n, n);
      return { writes: w([0, r]), flags: (szp(n, r) & ~PF) | (b === 0n ? CF : 0n), fmask: CF | OF | ZF | SF };
    }
    case 'bzhi': {
      const k = c & 0xffn;
      const r = k < N ? b & mask(Number(k)) : b;
      return { writes: w([0, r]), flags: (szp(n, r) & ~PF) | (k > N - 1n ? CF : 0n), fmask: CF | OF | ZF | SF };
    }
    case 'mulx': {
      const p = trunc(x.rdx, n) * c;
      // dest1 (high) is written last: when both operands name the same register it holds the high half.
      return { writes: w([1, p & m], [0, p >> N]), flags: f, fmask: STATUS };
    }
    case 'pdep':
    case 'pext': {
      let r = 0n;
      let k = 0n;
      for (let i = 0n; i < N; i++) {
        if (((c >> i) & 1n) === 0n) continue;
        if (mn === 'pdep') r |= ((b >> k) & 1n) << i;
        else r |= ((b >> i) & 1n) << k;
        k++;
      }
      return { writes: w([0, r]), flags: f, fmask: STATUS };
    }
    case 'rorx': {
      const k = c & (N - 1n);
      return { writes: w([0, ((b >> k) | (b << ((N - k) % N))) & m]), flags: f, fmask: STATUS };
    }
    case 'sarx':
    case 'shlx':
    case 'shrx': {
      const k = c & (N - 1n);
      const r = mn === 'shlx' ? (b << k) & m : mn === 'shrx' ? b >> k : trunc(sext(b, n) >> k, n);
      return { writes: w([0, r]), flags: f, fmask: STATUS };
    }
    case 'mul':
    case 'imul': {
      if (v.length === 1) {
        const s = mn === 'imul';
        const aa = s ? sext(x.rax, n) : trunc(x.rax, n);
        const bb = s ? sext(a, n) : a;
        const p = aa * bb;
        const lo = trunc(p, n);
        const hi = trunc(p >> N, n);
        const over = s ? sext(lo, n) !== p : hi !== 0n;
        const regs: Record<string, bigint> = n === 8 ? { ax16: trunc(p, 16) } : { lo, hi };
        return { writes: none, regs, flags: over ? CF | OF : 0n, fmask: CF | OF };
      }
      const src1 = v.length === 3 ? b : a;
      const src2 = v.length === 3 ? c : b;
      const p = sext(src1, n) * sext(src2, n);
      const r = trunc(p, n);
      return { writes: w([0, r]), flags: sext(r, n) !== p ? CF | OF : 0n, fmask: CF | OF };
    }
    case 'div':
    case 'idiv': {
      const s = mn === 'idiv';
      if (a === 0n) return { writes: none, flags: f, fmask: 0n, skip: true };
      const hiIn = n === 8 ? (x.rax >> 8n) & 0xffn : trunc(x.rdx, n);
      const loIn = trunc(x.rax, n);
      const dividend = s ? sext((hiIn << N) | loIn, 2 * n) : (hiIn << N) | loIn;
      const d = s ? sext(a, n) : a;
      const q = dividend / d; // BigInt division truncates toward zero, as x86 does
      const r = dividend - q * d;
      if (s ? sext(trunc(q, n), n) !== q : q > m) return { writes: none, flags: f, fmask: 0n, skip: true };
      const regs: Record<string, bigint> = n === 8 ? { ax16: (trunc(r, 8) << 8n) | trunc(q, 8) } : { lo: trunc(q, n), hi: trunc(r, n) };
      return { writes: none, regs, flags: f, fmask: 0n };
    }
    case 'mov':
    case 'movq':
      return { writes: w([0, b]), flags: f, fmask: STATUS };
    case 'movzx':
      return { writes: w([0, b]), flags: f, fmask: STATUS };
    case 'movsx':
    case 'movsxd':
      return { writes: w([0, trunc(sext(b, x.sizes[1]), n)]), flags: f, fmask: STATUS };
    case 'xchg':
      return { writes: w([0, b], [1, a]), flags: f, fmask: STATUS };
    case 'xadd': {
      const [r, g] = add(n, a, b);
      return { writes: w([1, a], [0, r]), flags: g, fmask: STATUS };
    }
    case 'cmpxchg': {
      const acc = trunc(x.rax, n);
      const [, g] = sub(n, acc, a);
      // On a match the SDM does not write the accumulator; QEMU writes it back (zero-extending a 32-bit one): either.
      if (acc === a) return { writes: w([0, b]), altRegs: { acc }, flags: g, fmask: STATUS };
      // On a mismatch the SDM writes DEST back; with a 32-bit register destination, CPUs differ on
      // whether that zero-extends it (the host leaves it, QEMU zero-extends): either is accepted.
      return { writes: w([0, a]), loose: [0], regs: { acc: a }, flags: g, fmask: STATUS };
    }
    default:
      return null;
  }
}
