// A JS model of A64 instruction semantics, written from the Arm ARM pseudocode (AddWithCarry,
// ShiftReg, ExtendReg, the bitfield moves, ConditionHolds, …). It executes an instruction given as
// TEXT (the syntax the generators produce), so it shares nothing with the encoder: the encoder turns the
// text into bits, Unicorn executes the bits, this model executes the text, and the states must agree.
// Integer, bitfield, conditional, multiply/divide, CRC32, load/store (all modes, pairs, acquire/release,
// LSE atomics, CAS) and branches.

const M64 = (1n << 64n) - 1n;
const mask = (bits: number): bigint => (1n << BigInt(bits)) - 1n;
const trunc = (v: bigint, bits: number): bigint => v & mask(bits);
const sext = (v: bigint, bits: number): bigint => BigInt.asIntN(bits, v);

export interface Memory {
  read(addr: bigint, n: number): bigint;
  write(addr: bigint, n: number, v: bigint): void;
}

export interface State {
  /** x0..x30, unsigned 64-bit. */
  x: bigint[];
  sp: bigint;
  /** N Z C V as bits 3..0. */
  nzcv: number;
  pc: bigint;
  mem: Memory;
  /** Label name → address (branch targets, adr). */
  labels: Record<string, bigint>;
}

type Reg = { k: 'reg'; n: number; size: 32 | 64; sp: boolean; zr: boolean; text: string };
type Imm = { k: 'imm'; v: bigint };
type Shift = { k: 'shift'; op: string; amt: bigint | null };
type Mem = { k: 'mem'; base: Reg; off: bigint | null; idx: Reg | null; ext: Shift | null; pre: boolean; post: Imm | Reg | null };
type Name = { k: 'name'; s: string };
type Op = Reg | Imm | Shift | Mem | Name;

const SHIFTS = new Set(['lsl', 'lsr', 'asr', 'ror', 'uxtb', 'uxth', 'uxtw', 'uxtx', 'sxtb', 'sxth', 'sxtw', 'sxtx']);

function parseReg(t: string): Reg | null {
  const s = t.toLowerCase();
  if (s === 'sp') return { k: 'reg', n: 31, size: 64, sp: true, zr: false, text: s };
  if (s === 'wsp') return { k: 'reg', n: 31, size: 32, sp: true, zr: false, text: s };
  if (s === 'xzr') return { k: 'reg', n: 31, size: 64, sp: false, zr: true, text: s };
  if (s === 'wzr') return { k: 'reg', n: 31, size: 32, sp: false, zr: true, text: s };
  const m = /^([xw])(\d+)$/.exec(s);
  if (!m || Number(m[2]) > 30) return null;
  return { k: 'reg', n: Number(m[2]), size: m[1] === 'x' ? 64 : 32, sp: false, zr: false, text: s };
}

function parseImm(t: string): bigint {
  const s = t.replace(/^#/, '');
  const neg = s.startsWith('-');
  const v = BigInt(neg ? s.slice(1) : s);
  return neg ? -v : v;
}

function parseOne(t: string): Op {
  const s = t.trim();
  if (s.startsWith('#')) return { k: 'imm', v: parseImm(s) };
  const r = parseReg(s);
  if (r) return r;
  const sh = /^([a-z]+)(?:\s+#?(-?\w+))?$/i.exec(s);
  if (sh && SHIFTS.has(sh[1].toLowerCase())) return { k: 'shift', op: sh[1].toLowerCase(), amt: sh[2] !== undefined ? parseImm(sh[2]) : null };
  if (s.startsWith('[')) {
    const m = /^\[(.*)\](!?)$/.exec(s);
    if (!m) throw new Error(`model: bad memory operand ${s}`);
    const parts = m[1].split(',').map((p) => p.trim());
    const base = parseReg(parts[0])!;
    let off: bigint | null = null;
    let idx: Reg | null = null;
    let ext: Shift | null = null;
    if (parts[1] !== undefined) {
      const p = parseOne(parts[1]);
      if (p.k === 'imm') off = p.v;
      else if (p.k === 'reg') idx = p;
      if (parts[2] !== undefined) ext = parseOne(parts[2]) as Shift;
    }
    return { k: 'mem', base, off, idx, ext, pre: m[2] === '!', post: null };
  }
  return { k: 'name', s: s.toLowerCase() };
}

/** Splits operands at top-level commas and folds `[xn], #imm` into a post-indexed memory operand. */
export function parseInsn(text: string): { mn: string; ops: Op[] } {
  const t = text.trim();
  const sp = t.search(/\s/);
  const mn = (sp < 0 ? t : t.slice(0, sp)).toLowerCase();
  const rest = sp < 0 ? '' : t.slice(sp + 1);
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of rest) {
    if (ch === '[') depth++;
    if (ch === ']') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) parts.push(cur);
  const ops: Op[] = parts.map(parseOne);
  for (let i = 0; i + 1 < ops.length; i++) {
    const m = ops[i];
    const n = ops[i + 1];
    if (m.k === 'mem' && !m.pre && m.off === null && m.idx === null && (n.k === 'imm' || n.k === 'reg')) ops.splice(i, 2, { ...m, post: n });
  }
  return { mn, ops };
}

// ── register file ─────────────────────────────────────────────────────────

function get(s: State, r: Reg): bigint {
  const v = r.zr ? 0n : r.sp ? s.sp : s.x[r.n];
  return trunc(v, r.size);
}

function set(s: State, r: Reg, v: bigint): void {
  const val = trunc(v, r.size); // W writes zero the upper half
  if (r.zr) return;
  if (r.sp) s.sp = val;
  else s.x[r.n] = val;
}

// ── Arm ARM helpers ───────────────────────────────────────────────────────

/** AddWithCarry(x, y, carry_in) → (result, NZCV). */
function addWithCarry(x: bigint, y: bigint, c: bigint, n: number): [bigint, number] {
  const usum = trunc(x, n) + trunc(y, n) + c;
  const ssum = sext(x, n) + sext(y, n) + c;
  const result = trunc(usum, n);
  const N = (result >> BigInt(n - 1)) & 1n ? 8 : 0;
  const Z = result === 0n ? 4 : 0;
  const C = result === usum ? 0 : 2;
  const V = sext(result, n) === ssum ? 0 : 1;
  return [result, N | Z | C | V];
}

function nz(result: bigint, n: number): number {
  return ((result >> BigInt(n - 1)) & 1n ? 8 : 0) | (result === 0n ? 4 : 0);
}

function shiftReg(v: bigint, op: string, amt: number, n: number): bigint {
  const x = trunc(v, n);
  switch (op) {
    case 'lsl':
      return trunc(x << BigInt(amt), n);
    case 'lsr':
      return x >> BigInt(amt);
    case 'asr':
      return trunc(sext(x, n) >> BigInt(amt), n);
    case 'ror':
      return amt === 0 ? x : trunc((x >> BigInt(amt)) | (x << BigInt(n - amt)), n);
  }
  throw new Error(`model: shift ${op}`);
}

/** ExtendReg: extend the low bits of `v`, then shift left, to n bits. */
function extendReg(v: bigint, op: string, amt: number, n: number): bigint {
  const len = { b: 8, h: 16, w: 32, x: 64 }[op[3] as 'b' | 'h' | 'w' | 'x'];
  const low = trunc(v, len);
  const e = op.startsWith('s') ? trunc(sext(low, len), 64) : low;
  return trunc(e << BigInt(amt), n);
}

const CONDS: Record<string, number> = { eq: 0, ne: 1, cs: 2, hs: 2, cc: 3, lo: 3, mi: 4, pl: 5, vs: 6, vc: 7, hi: 8, ls: 9, ge: 10, lt: 11, gt: 12, le: 13, al: 14, nv: 15 };

function conditionHolds(cond: string, nzcv: number): boolean {
  const c = CONDS[cond];
  const N = !!(nzcv & 8);
  const Z = !!(nzcv & 4);
  const C = !!(nzcv & 2);
  const V = !!(nzcv & 1);
  let r: boolean;
  switch (c >> 1) {
    case 0:
      r = Z;
      break;
    case 1:
      r = C;
      break;
    case 2:
      r = N;
      break;
    case 3:
      r = V;
      break;
    case 4:
      r = C && !Z;
      break;
    case 5:
      r = N === V;
      break;
    case 6:
      r = N === V && !Z;
      break;
    default:
      r = true;
  }
  return (c & 1) === 1 && c !== 15 ? !r : r;
}

function bitfield(kind: 'sbfm' | 'bfm' | 'ubfm', dst: bigint, src: bigint, r: number, sImm: number, n: number): bigint {
  // The Arm ARM's two cases: s >= r extracts src<s:r> to the bottom; s < r inserts src<s:0> at n - r.
  let width: number;
  let pos: number;
  let field: bigint;
  if (sImm >= r) {
    width = sImm - r + 1;
    pos = 0;
    field = (src >> BigInt(r)) & mask(width);
  } else {
    width = sImm + 1;
    pos = n - r;
    field = src & mask(width);
  }
  const top = pos + width; // bits above the field
  if (kind === 'bfm') {
    const m = mask(width) << BigInt(pos);
    return trunc((dst & ~m) | (field << BigInt(pos)), n);
  }
  let v = field << BigInt(pos);
  if (kind === 'sbfm' && (field >> BigInt(width - 1)) & 1n) v |= mask(n) & ~mask(top);
  return trunc(v, n);
}

function crc(acc: bigint, data: bigint, bits: number, poly: bigint): bigint {
  let c = trunc(acc, 32);
  for (let i = 0; i < bits; i++) {
    const bit = (c ^ (data >> BigInt(i))) & 1n;
    c >>= 1n;
    if (bit) c ^= poly;
  }
  return c;
}

function rev(v: bigint, container: number, n: number): bigint {
  let out = 0n;
  for (let c = 0; c < n; c += container) {
    const chunk = (v >> BigInt(c)) & mask(container);
    let r = 0n;
    for (let b = 0; b < container; b += 8) r |= ((chunk >> BigInt(b)) & 0xffn) << BigInt(container - 8 - b);
    out |= r << BigInt(c);
  }
  return out;
}

// ── the interpreter ───────────────────────────────────────────────────────

/** Effective address and write-back of a memory operand; `scale` is the access size for register offsets. */
function address(s: State, m: Mem): { addr: bigint; wb: bigint | null } {
  const base = get(s, m.base);
  if (m.post) {
    const inc = m.post.k === 'imm' ? m.post.v : get(s, m.post);
    return { addr: base, wb: trunc(base + inc, 64) };
  }
  let off = 0n;
  if (m.off !== null) off = m.off;
  if (m.idx) {
    const e = m.ext;
    const amt = e?.amt === null || e?.amt === undefined ? 0 : Number(e.amt);
    if (!e || e.op === 'lsl') off = trunc(get(s, m.idx) << BigInt(amt), 64);
    else off = extendReg(get(s, m.idx), e.op, amt, 64);
  }
  const addr = trunc(base + off, 64);
  return { addr, wb: m.pre ? addr : null };
}

const LOADS: Record<string, [number, boolean]> = {
  ldrb: [1, false],
  ldrsb: [1, true],
  ldrh: [2, false],
  ldrsh: [2, true],
  ldrsw: [4, true],
  ldurb: [1, false],
  ldursb: [1, true],
  ldurh: [2, false],
  ldursh: [2, true],
  ldursw: [4, true],
  ldarb: [1, false],
  ldarh: [2, false],
  ldaprb: [1, false],
  ldaprh: [2, false],
  ldlarb: [1, false],
  ldlarh: [2, false],
  ldapurb: [1, false],
  ldapursb: [1, true],
  ldapurh: [2, false],
  ldapursh: [2, true],
  ldapursw: [4, true],
};
const STORES: Record<string, number> = { strb: 1, strh: 2, sturb: 1, sturh: 2, stlrb: 1, stlrh: 2, stllrb: 1, stllrh: 2, stlurb: 1, stlurh: 2 };

/** Executes one instruction given as text; advances s.pc. Throws on an instruction it does not model. */
export function step(s: State, text: string): void {
  const { mn, ops } = parseInsn(text);
  const next = s.pc + 4n;
  s.pc = next;
  const R = (i: number) => ops[i] as Reg;
  const I = (i: number) => (ops[i] as Imm).v;
  const size = () => R(0).size;
  const op2 = (i: number, n: number): bigint => {
    // operand i (and i+1 modifier): immediate (with lsl #12), shifted register or extended register
    const o = ops[i];
    const mod = ops[i + 1] as Shift | undefined;
    if (o.k === 'imm') return trunc(o.v << BigInt(mod?.amt ?? 0n), n);
    const r = o as Reg;
    if (!mod) return get(s, r);
    const amt = Number(mod.amt ?? 0n);
    if (SHIFTS.has(mod.op) && ['lsl', 'lsr', 'asr', 'ror'].includes(mod.op)) {
      // `lsl` next to sp is the extend LSL (uxtw/uxtx): the same value.
      return shiftReg(get(s, r), mod.op, amt, n);
    }
    // ExtendReg reads the whole register and extends its low 8/16/32/64 bits (uxtx/sxtx with a W name
    // still use all 64 bits).
    return extendReg(get(s, { ...r, size: 64 }), mod.op, amt, n);
  };
  const setFlags = (f: number) => void (s.nzcv = f);

  switch (mn) {
    // ── add / sub family ──
    case 'add':
    case 'adds':
    case 'sub':
    case 'subs':
    case 'cmp':
    case 'cmn':
    case 'neg':
    case 'negs': {
      const cmp = mn === 'cmp' || mn === 'cmn';
      const negf = mn === 'neg' || mn === 'negs';
      const n = size();
      const a = cmp ? get(s, R(0)) : negf ? 0n : get(s, R(1));
      let b = op2(cmp ? 1 : negf ? 1 : 2, n);
      let sub = mn.startsWith('sub') || mn === 'cmp' || negf;
      // GNU as: a negative immediate is the opposite operation.
      const immOp = ops[cmp ? 1 : 2];
      if (immOp?.k === 'imm' && immOp.v < 0n) {
        b = trunc(-immOp.v << BigInt((ops[cmp ? 2 : 3] as Shift | undefined)?.amt ?? 0n), n);
        sub = !sub;
      }
      const [res, f] = sub ? addWithCarry(a, ~b, 1n, n) : addWithCarry(a, b, 0n, n);
      if (mn.endsWith('s') || cmp) setFlags(f);
      if (!cmp) set(s, R(0), res);
      return;
    }
    case 'adc':
    case 'adcs':
    case 'sbc':
    case 'sbcs':
    case 'ngc':
    case 'ngcs': {
      const n = size();
      const ng = mn.startsWith('ngc');
      const a = ng ? 0n : get(s, R(1));
      const bb = get(s, R(ng ? 1 : 2));
      const c = s.nzcv & 2 ? 1n : 0n;
      const [res, f] = mn.startsWith('adc') ? addWithCarry(a, bb, c, n) : addWithCarry(a, ~bb, c, n);
      if (mn.endsWith('s')) setFlags(f);
      set(s, R(0), res);
      return;
    }
    // ── logical ──
    case 'and':
    case 'ands':
    case 'orr':
    case 'eor':
    case 'bic':
    case 'bics':
    case 'orn':
    case 'eon':
    case 'tst':
    case 'mvn': {
      const n = size();
      const tst = mn === 'tst';
      const mvn = mn === 'mvn';
      const a = tst ? get(s, R(0)) : mvn ? 0n : get(s, R(1));
      let b = op2(tst || mvn ? 1 : 2, n);
      if (['bic', 'bics', 'orn', 'eon', 'mvn'].includes(mn)) b = trunc(~b, n);
      const res = mn.startsWith('and') || mn === 'tst' || mn.startsWith('bic') ? a & b : mn === 'orr' || mn === 'orn' || mvn ? a | b : a ^ b;
      if (mn === 'ands' || mn === 'bics' || tst) setFlags(nz(res, n));
      if (!tst) set(s, R(0), res);
      return;
    }
    // ── moves ──
    case 'mov': {
      const n = size();
      const src = ops[1];
      set(s, R(0), src.k === 'imm' ? trunc(src.v, n) : get(s, src as Reg));
      return;
    }
    case 'movz':
    case 'movn':
    case 'movk': {
      const n = size();
      const sh = BigInt((ops[2] as Shift | undefined)?.amt ?? 0n);
      const v = I(1) << sh;
      if (mn === 'movz') set(s, R(0), v);
      else if (mn === 'movn') set(s, R(0), trunc(~v, n));
      else set(s, R(0), (get(s, R(0)) & ~(0xffffn << sh)) | v);
      return;
    }
    // ── bitfield ──
    case 'sbfm':
    case 'bfm':
    case 'ubfm':
      set(s, R(0), bitfield(mn, get(s, R(0)), get(s, R(1)), Number(I(2)), Number(I(3)), size()));
      return;
    case 'asr':
    case 'lsr':
    case 'lsl':
    case 'ror': {
      const n = size();
      const amt = ops[2].k === 'imm' ? Number(I(2)) : Number(get(s, R(2)) % BigInt(n));
      set(s, R(0), shiftReg(get(s, R(1)), mn, amt, n));
      return;
    }
    case 'asrv':
    case 'lsrv':
    case 'lslv':
    case 'rorv': {
      const n = size();
      set(s, R(0), shiftReg(get(s, R(1)), mn.slice(0, 3), Number(get(s, R(2)) % BigInt(n)), n));
      return;
    }
    case 'sbfx':
    case 'ubfx':
    case 'bfxil': {
      // Extract src<lsb+width-1:lsb> to the bottom: zero-, sign-extended, or inserted into Rd.
      const n = size();
      const lsb = BigInt(I(2));
      const w = Number(I(3));
      const field = (get(s, R(1)) >> lsb) & mask(w);
      if (mn === 'ubfx') set(s, R(0), field);
      else if (mn === 'sbfx') set(s, R(0), trunc(sext(field, w), n));
      else set(s, R(0), (get(s, R(0)) & ~mask(w)) | field);
      return;
    }
    case 'sbfiz':
    case 'ubfiz':
    case 'bfi':
    case 'bfc': {
      // Insert the low `width` bits of src (or zeros) at bit lsb.
      const n = size();
      const bfc = mn === 'bfc';
      const lsb = BigInt(I(bfc ? 1 : 2));
      const w = Number(I(bfc ? 2 : 3));
      const field = bfc ? 0n : get(s, R(1)) & mask(w);
      if (mn === 'ubfiz') set(s, R(0), trunc(field << lsb, n));
      else if (mn === 'sbfiz') set(s, R(0), trunc(sext(field, w) << lsb, n));
      else set(s, R(0), (get(s, R(0)) & ~(mask(w) << lsb)) | (field << lsb));
      return;
    }
    case 'sxtb':
    case 'sxth':
    case 'sxtw':
    case 'uxtb':
    case 'uxth': {
      const len = { b: 8, h: 16, w: 32 }[mn[3] as 'b' | 'h' | 'w'];
      const v = trunc(get(s, R(1)), len);
      const n = mn.startsWith('u') ? 32 : size(); // uxtb/uxth always write a W register
      set(s, { ...R(0), size: n as 32 | 64 }, mn.startsWith('s') ? trunc(sext(v, len), n) : v);
      return;
    }
    case 'extr': {
      const n = size();
      const lsb = BigInt(I(3));
      const cat = (get(s, R(1)) << BigInt(n)) | get(s, R(2));
      set(s, R(0), trunc(cat >> lsb, n));
      return;
    }
    // ── multiply / divide ──
    case 'madd':
    case 'msub':
    case 'mul':
    case 'mneg': {
      const n = size();
      const prod = get(s, R(1)) * get(s, R(2));
      const acc = mn === 'madd' || mn === 'msub' ? get(s, R(3)) : 0n;
      set(s, R(0), trunc(mn === 'madd' || mn === 'mul' ? acc + prod : acc - prod, n));
      return;
    }
    case 'smaddl':
    case 'smsubl':
    case 'umaddl':
    case 'umsubl':
    case 'smull':
    case 'smnegl':
    case 'umull':
    case 'umnegl': {
      const signed = mn.startsWith('s');
      const a = signed ? sext(get(s, R(1)), 32) : get(s, R(1));
      const b = signed ? sext(get(s, R(2)), 32) : get(s, R(2));
      const acc = mn.endsWith('addl') || mn.endsWith('subl') ? get(s, R(3)) : 0n;
      const add = mn.endsWith('addl') || mn.endsWith('mull');
      set(s, R(0), trunc(add ? acc + a * b : acc - a * b, 64));
      return;
    }
    case 'smulh':
    case 'umulh': {
      const signed = mn === 'smulh';
      const a = signed ? sext(get(s, R(1)), 64) : get(s, R(1));
      const b = signed ? sext(get(s, R(2)), 64) : get(s, R(2));
      set(s, R(0), trunc((a * b) >> 64n, 64));
      return;
    }
    case 'udiv':
    case 'sdiv': {
      const n = size();
      let a = get(s, R(1));
      let b = get(s, R(2));
      if (mn === 'sdiv') {
        a = sext(a, n);
        b = sext(b, n);
      }
      set(s, R(0), b === 0n ? 0n : trunc(a / b, n)); // BigInt division rounds toward zero, like the Arm ARM
      return;
    }
    // ── 1-source ──
    case 'clz':
    case 'cls': {
      const n = size();
      let v = get(s, R(1));
      if (mn === 'cls') v = trunc(v ^ (v >> 1n), n - 1); // leading sign bits = leading zeros of x ^ (x >> 1), minus one
      let c = 0;
      const top = mn === 'cls' ? n - 1 : n;
      for (let i = top - 1; i >= 0 && !((v >> BigInt(i)) & 1n); i--) c++;
      set(s, R(0), BigInt(c));
      return;
    }
    case 'rbit': {
      const n = size();
      const v = get(s, R(1));
      let r = 0n;
      for (let i = 0; i < n; i++) if ((v >> BigInt(i)) & 1n) r |= 1n << BigInt(n - 1 - i);
      set(s, R(0), r);
      return;
    }
    case 'rev':
    case 'rev64':
      set(s, R(0), rev(get(s, R(1)), size(), size()));
      return;
    case 'rev16':
      set(s, R(0), rev(get(s, R(1)), 16, size()));
      return;
    case 'rev32':
      set(s, R(0), rev(get(s, R(1)), 32, 64));
      return;
    // ── CRC32 ──
    case 'crc32b':
    case 'crc32h':
    case 'crc32w':
    case 'crc32x':
    case 'crc32cb':
    case 'crc32ch':
    case 'crc32cw':
    case 'crc32cx': {
      const bits = { b: 8, h: 16, w: 32, x: 64 }[mn[mn.length - 1] as 'b' | 'h' | 'w' | 'x'];
      const poly = mn.startsWith('crc32c') ? 0x82f63b78n : 0xedb88320n;
      set(s, R(0), crc(get(s, R(1)), trunc(get(s, R(2)), bits), bits, poly));
      return;
    }
    // ── conditional select / compare ──
    case 'csel':
    case 'csinc':
    case 'csinv':
    case 'csneg': {
      const n = size();
      const c = conditionHolds((ops[3] as Name).s, s.nzcv);
      let v = c ? get(s, R(1)) : get(s, R(2));
      if (!c && mn === 'csinc') v = trunc(v + 1n, n);
      if (!c && mn === 'csinv') v = trunc(~v, n);
      if (!c && mn === 'csneg') v = trunc(-v, n);
      set(s, R(0), v);
      return;
    }
    case 'cset':
    case 'csetm': {
      const c = conditionHolds((ops[1] as Name).s, s.nzcv);
      set(s, R(0), c ? (mn === 'cset' ? 1n : M64) : 0n);
      return;
    }
    case 'cinc':
    case 'cinv':
    case 'cneg': {
      const n = size();
      const c = conditionHolds((ops[2] as Name).s, s.nzcv);
      const v = get(s, R(1));
      set(s, R(0), !c ? v : mn === 'cinc' ? trunc(v + 1n, n) : mn === 'cinv' ? trunc(~v, n) : trunc(-v, n));
      return;
    }
    case 'ccmp':
    case 'ccmn': {
      const n = size();
      if (conditionHolds((ops[3] as Name).s, s.nzcv)) {
        const b = ops[1].k === 'imm' ? I(1) : get(s, R(1));
        setFlags((mn === 'ccmp' ? addWithCarry(get(s, R(0)), ~b, 1n, n) : addWithCarry(get(s, R(0)), b, 0n, n))[1]);
      } else setFlags(Number(I(2)));
      return;
    }
    // ── branches ──
    case 'b':
    case 'bl':
      if (mn === 'bl') s.x[30] = next;
      s.pc = s.labels[(ops[0] as Name).s];
      return;
    case 'br':
    case 'blr':
    case 'ret': {
      const target = ops.length ? get(s, R(0)) : s.x[30];
      if (mn === 'blr') s.x[30] = next;
      s.pc = target;
      return;
    }
    case 'cbz':
    case 'cbnz': {
      const z = get(s, R(0)) === 0n;
      if (z === (mn === 'cbz')) s.pc = s.labels[(ops[1] as Name).s];
      return;
    }
    case 'tbz':
    case 'tbnz': {
      const bit = (get(s, { ...R(0), size: 64 }) >> I(1)) & 1n;
      if ((bit === 0n) === (mn === 'tbz')) s.pc = s.labels[(ops[2] as Name).s];
      return;
    }
    case 'adr':
      set(s, R(0), s.labels[(ops[1] as Name).s]);
      return;
    case 'adrp':
      set(s, R(0), s.labels[(ops[1] as Name).s] & ~0xfffn);
      return;
    case 'nop':
      return;
  }
  if (mn.startsWith('b.')) {
    if (conditionHolds(mn.slice(2), s.nzcv)) s.pc = s.labels[(ops[0] as Name).s];
    return;
  }
  if (memoryOp(s, mn, ops)) return;
  throw new Error(`model: no semantics for '${mn}'`);
}

const LSE_OPS = ['add', 'clr', 'eor', 'set', 'smax', 'smin', 'umax', 'umin'];

function lseSize(suffix: string, r: Reg): number {
  return suffix.endsWith('b') ? 1 : suffix.endsWith('h') ? 2 : r.size / 8;
}

function memoryOp(s: State, mn: string, ops: Op[]): boolean {
  const R = (i: number) => ops[i] as Reg;
  const mem = ops.find((o): o is Mem => o.k === 'mem');
  if (mn === 'prfm' || mn === 'prfum') return true;
  // Exclusives: a lone store-exclusive finds no reservation and fails (status 1, nothing stored);
  // load-exclusives load.
  if (/^st(l)?xr[bh]?$/.test(mn) || /^st(l)?xp$/.test(mn)) {
    set(s, R(0), 1n);
    return true;
  }
  if (/^ld(a)?xp$/.test(mn)) {
    const n = R(0).size / 8;
    const addr = get(s, mem!.base);
    set(s, R(0), s.mem.read(addr, n));
    set(s, R(1), s.mem.read(addr + BigInt(n), n));
    return true;
  }
  const excl = /^ld(a)?xr([bh])?$/.exec(mn);
  if (excl) {
    const n = excl[2] === 'b' ? 1 : excl[2] === 'h' ? 2 : R(0).size / 8;
    set(s, R(0), s.mem.read(get(s, mem!.base), n));
    return true;
  }
  // Pairs
  const pair = /^(ldp|stp|ldnp|stnp|ldpsw)$/.exec(mn);
  if (pair) {
    const { addr, wb } = address(s, mem!);
    const n = mn === 'ldpsw' ? 4 : R(0).size / 8;
    if (mn.startsWith('st')) {
      const a = get(s, R(0));
      const b = get(s, R(1));
      s.mem.write(addr, n, a);
      s.mem.write(addr + BigInt(n), n, b);
    } else {
      let a = s.mem.read(addr, n);
      let b = s.mem.read(addr + BigInt(n), n);
      if (mn === 'ldpsw') {
        a = trunc(sext(a, 32), 64);
        b = trunc(sext(b, 32), 64);
      }
      set(s, R(0), a);
      set(s, R(1), b);
    }
    if (wb !== null) set(s, mem!.base, wb);
    return true;
  }
  // LSE atomics: ld<op>{a,al,l}{b,h}, st<op>{l}{b,h}, swp…, cas…, casp…
  const lse = /^(ld|st)(add|clr|eor|set|smax|smin|umax|umin)(a|al|l)?(b|h)?$/.exec(mn);
  const swp = /^swp(a|al|l)?(b|h)?$/.exec(mn);
  const cas = /^cas(a|al|l)?(b|h)?$/.exec(mn);
  const casp = /^casp(a|al|l)?$/.exec(mn);
  if (lse || swp) {
    const st = lse?.[1] === 'st';
    const n = lseSize(mn, R(0));
    const bits = n * 8;
    const addr = get(s, mem!.base);
    const old = s.mem.read(addr, n);
    const v = trunc(get(s, R(0)), bits);
    let nv: bigint;
    if (swp) nv = v;
    else {
      const op = lse![2];
      const so = sext(old, bits);
      const sv = sext(v, bits);
      nv = { add: trunc(old + v, bits), clr: old & ~v & mask(bits), eor: old ^ v, set: old | v, smax: trunc(so > sv ? so : sv, bits), smin: trunc(so < sv ? so : sv, bits), umax: old > v ? old : v, umin: old < v ? old : v }[op as (typeof LSE_OPS)[number]]!;
    }
    s.mem.write(addr, n, nv);
    if (!st) set(s, R(1), old);
    return true;
  }
  if (cas) {
    const n = lseSize(mn, R(0));
    const addr = get(s, mem!.base);
    const old = s.mem.read(addr, n);
    if (old === trunc(get(s, R(0)), n * 8)) s.mem.write(addr, n, trunc(get(s, R(1)), n * 8));
    set(s, R(0), old);
    return true;
  }
  if (casp) {
    const n = R(0).size / 8;
    const addr = get(s, mem!.base);
    const o1 = s.mem.read(addr, n);
    const o2 = s.mem.read(addr + BigInt(n), n);
    if (o1 === get(s, R(0)) && o2 === get(s, R(1))) {
      s.mem.write(addr, n, get(s, R(2)));
      s.mem.write(addr + BigInt(n), n, get(s, R(3)));
    }
    set(s, R(0), o1);
    set(s, R(1), o2);
    return true;
  }
  // Single loads and stores (incl. unscaled, acquire/release, literal)
  const ld = LOADS[mn];
  const stn = STORES[mn];
  const plainLoad = ['ldr', 'ldur', 'ldar', 'ldapr', 'ldlar', 'ldapur'].includes(mn);
  const plainStore = ['str', 'stur', 'stlr', 'stllr', 'stlur'].includes(mn);
  if (ld || plainLoad) {
    const r = R(0);
    const [n, signed] = ld ?? [r.size / 8, false];
    let addr: bigint;
    let wb: bigint | null = null;
    if (mem) ({ addr, wb } = address(s, mem));
    else addr = s.labels[(ops[1] as Name).s]; // literal
    let v = s.mem.read(addr, n);
    if (signed) v = trunc(sext(v, n * 8), r.size);
    set(s, r, v);
    if (wb !== null) set(s, mem!.base, wb);
    return true;
  }
  if (stn || plainStore) {
    const r = R(0);
    const n = stn ?? r.size / 8;
    const { addr, wb } = address(s, mem!);
    s.mem.write(addr, n, get(s, r));
    if (wb !== null) set(s, mem!.base, wb);
    return true;
  }
  return false;
}
