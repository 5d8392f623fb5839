// Executes one FP/SIMD register load or store (spec/a64/fp.ts LDR/STR/LDUR/STUR/LDP/STP/LDNP/STNP of
// B/H/S/D/Q registers, spec/a64/simd-ldst.ts LD1–LD4/ST1–ST4 of multiple structures and of one lane,
// LD1R–LD4R) given as TEXT, from the Arm ARM: address = base + offset (immediate, or an extended and
// shifted register), pre-/post-index writeback, elements little-endian, multiple structures interleaved
// element by element, loads into scalar registers and 64-bit arrangements clearing the register above.
import { NotModelled } from './fp-model.js';
import { lane, LITERAL, mask, parseVInsn, withLane, type VOp, type VState } from './vec-state.js';

function memRead(s: VState, addr: bigint, n: number): bigint {
  const m = s.mem;
  if (!m) throw new Error('ldst model: no memory');
  const o = Number(addr - m.base);
  if (o < 0 || o + n > m.bytes.length) throw new Error(`ldst model: access at 0x${addr.toString(16)} outside the data region`);
  let v = 0n;
  for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(m.bytes[o + i]);
  return v;
}

function memWrite(s: VState, addr: bigint, n: number, v: bigint): void {
  const m = s.mem;
  if (!m) throw new Error('ldst model: no memory');
  const o = Number(addr - m.base);
  if (o < 0 || o + n > m.bytes.length) throw new Error(`ldst model: access at 0x${addr.toString(16)} outside the data region`);
  for (let i = 0; i < n; i++) m.bytes[o + i] = Number((v >> BigInt(8 * i)) & 0xffn);
}

const readBase = (s: VState, n: number): bigint => (n === 31 ? s.sp! : s.x[n]);
const writeBase = (s: VState, n: number, v: bigint): void => {
  if (n === 31) s.sp = BigInt.asUintN(64, v);
  else s.x[n] = BigInt.asUintN(64, v);
};

/** The address of a memory operand, and the base value to write back (or null). */
export function address(s: VState, mem: Extract<VOp, { k: 'mem' }>, post: VOp | undefined, bytes: number): { addr: bigint; wb: bigint | null } {
  const base = readBase(s, mem.base);
  let off = BigInt(mem.off);
  if (mem.idx) {
    let v = mem.idx.zr ? 0n : s.x[mem.idx.n];
    const ext = mem.ext ?? 'lsl';
    if (ext === 'uxtw') v &= 0xffffffffn;
    else if (ext === 'sxtw') v = BigInt.asIntN(32, v);
    else if (ext === 'sxtx') v = BigInt.asIntN(64, v);
    off = v << BigInt(mem.amt);
  }
  if (post !== undefined) {
    const inc = post.k === 'imm' ? BigInt(post.v) : post.k === 'gpr' ? (post.zr ? 0n : s.x[post.n]) : null;
    if (inc === null) throw new Error('ldst model: post-index operand');
    void bytes;
    return { addr: base, wb: base + inc };
  }
  const addr = BigInt.asUintN(64, base + off);
  return { addr, wb: mem.pre ? addr : null };
}

const SCALAR_BYTES: Record<string, number> = { b: 1, h: 2, s: 4, d: 8, q: 16 };

/** Executes an FP/SIMD load or store; throws NotModelled for anything else. */
export function execLdSt(s: VState, text: string): void {
  const { mn, ops } = parseVInsn(text);
  const memAt = ops.findIndex((o) => o.k === 'mem');
  if (memAt < 0) {
    // Literal load: `ldr s/d/q, L` reads the test layout's literal (vec-exec.ts LITERAL).
    const [rt, label] = ops;
    if (mn !== 'ldr' || rt?.k !== 'scalar' || label?.k !== 'name' || label.s !== 'l') throw new NotModelled(`${mn}: no memory operand`);
    s.v[rt.n] = LITERAL & mask(rt.bits);
    return;
  }
  const mem = ops[memAt] as Extract<VOp, { k: 'mem' }>;
  const post = ops[memAt + 1];
  const regs = ops.slice(0, memAt);

  // Scalar registers: ldr/str/ldur/stur (one), ldp/stp/ldnp/stnp (two).
  if (regs.every((r) => r.k === 'scalar')) {
    const load = /^ld/.test(mn);
    const n = SCALAR_BYTES[(regs[0] as { t: string }).t];
    const { addr, wb } = address(s, mem, post, n * regs.length);
    regs.forEach((r, i) => {
      const reg = r as Extract<VOp, { k: 'scalar' }>;
      const a = addr + BigInt(i * n);
      if (load) s.v[reg.n] = memRead(s, a, n);
      else memWrite(s, a, n, s.v[reg.n] & mask(8 * n));
    });
    if (wb !== null) writeBase(s, mem.base, wb);
    return;
  }

  const list = regs[0];
  if (regs.length !== 1 || list.k !== 'list') throw new NotModelled(`${mn}: operands`);
  const m = /^(ld|st)([1-4])(r?)$/.exec(mn);
  if (!m) throw new NotModelled(`${mn}: not modelled`);
  const load = m[1] === 'ld';
  const nst = Number(m[2]);
  const es = list.esize;
  const eb = es / 8;
  const regsN = list.regs;
  if (m[3]) {
    // Load and replicate: structure r's element goes to every lane of register r.
    const { addr, wb } = address(s, mem, post, nst * eb);
    regsN.forEach((n, r) => {
      const x = memRead(s, addr + BigInt(r * eb), eb);
      let v = 0n;
      for (let i = 0; i < list.lanes; i++) v = withLane(v, es, i, x);
      s.v[n] = v;
    });
    if (wb !== null) writeBase(s, mem.base, wb);
    return;
  }
  if (list.idx !== null) {
    // One lane of each register of the list.
    const { addr, wb } = address(s, mem, post, nst * eb);
    regsN.forEach((n, r) => {
      const a = addr + BigInt(r * eb);
      if (load) s.v[n] = withLane(s.v[n], es, list.idx!, memRead(s, a, eb));
      else memWrite(s, a, eb, lane(s.v[n], es, list.idx!));
    });
    if (wb !== null) writeBase(s, mem.base, wb);
    return;
  }
  // Multiple structures: ld1/st1 with 1..4 registers are consecutive registers; ld2..4 interleave.
  const lanesN = list.lanes;
  const { addr, wb } = address(s, mem, post, regsN.length * lanesN * eb);
  const values = regsN.map((n) => (load ? 0n : s.v[n]));
  const groups = nst === 1 ? regsN.map((_, i) => [i]) : [regsN.map((_, i) => i)];
  let a = addr;
  for (const g of groups) {
    for (let e = 0; e < lanesN; e++) {
      for (const r of g) {
        if (load) values[r] = withLane(values[r], es, e, memRead(s, a, eb));
        else memWrite(s, a, eb, lane(values[r], es, e));
        a += BigInt(eb);
      }
    }
  }
  if (load) regsN.forEach((n, i) => (s.v[n] = values[i]));
  if (wb !== null) writeBase(s, mem.base, wb);
}
