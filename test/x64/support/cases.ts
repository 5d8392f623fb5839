// Execution cases of integer forms: an instruction with its operands placed in fixed registers
// (rax/rbx/rsi, cl in rcx), memory at [rdi + 16], or immediates; inputs, and the expected outputs from
// the JS model (model.ts). Shared by the Unicorn run (execute.test.ts) and the native run (native.test.ts).
import fc from 'fast-check';
import { immRanges } from '../../../src/arch/x64/encoders.js';
import { OT, type Form, type OpType } from '../../../src/arch/x64/forms.js';
import { regsOfClass, type X64RegClass } from '../../../src/arch/x64/registers.js';
import { model, trunc, type Ctx } from './model.js';

export const REG_INPUTS = ['rax', 'rbx', 'rcx', 'rdx', 'rsi'] as const;
export type In = (typeof REG_INPUTS)[number];
const NUM: Record<In, number> = { rax: 0, rcx: 1, rdx: 2, rbx: 3, rsi: 6 };
const SIZE_WORD: Record<number, string> = { 1: 'byte', 2: 'word', 4: 'dword', 8: 'qword' };
const CLASS_BITS: Record<string, number> = { r8: 8, r16: 16, r32: 32, r64: 64 };

export const u64Arb = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(0n, 1n, 0x7fn, 0x80n, 0xffn, 0x7fffffffn, 0x80000000n, 0xffffffffn, 1n << 63n, (1n << 64n) - 1n, 0x8000n, 0xffffn) },
  { weight: 3, arbitrary: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }) },
  { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: 64n }) },
);

/** RFLAGS inputs: any combination of the six status flags (+ the always-one bit 1). */
export const flagsArb = fc.integer({ min: 0, max: 63 }).map((k) => {
  const bits = [0n, 2n, 4n, 6n, 7n, 11n];
  let f = 0x2n;
  bits.forEach((b, i) => {
    if ((k >> i) & 1) f |= 1n << b;
  });
  return f;
});

/** Where each operand of a case lives. */
export type Loc = { kind: 'reg'; reg: In; bits: number } | { kind: 'mem'; bits: number } | { kind: 'imm'; value: bigint; bits: number } | { kind: 'one' };

export interface ExecCase {
  readonly form: Form;
  readonly text: string;
  readonly locs: readonly Loc[];
  /** Operation size in bits. */
  readonly n: number;
}

const MODELLED = new Set(['add', 'or', 'adc', 'sbb', 'and', 'sub', 'xor', 'cmp', 'test', 'inc', 'dec', 'neg', 'not', 'rol', 'ror', 'rcl', 'rcr', 'shl', 'sal', 'shr', 'sar', 'shld', 'shrd', 'bt', 'bts', 'btr', 'btc', 'bsf', 'bsr', 'lzcnt', 'tzcnt', 'popcnt', 'bswap', 'andn', 'bextr', 'blsi', 'blsmsk', 'blsr', 'bzhi', 'mulx', 'pdep', 'pext', 'rorx', 'sarx', 'shlx', 'shrx', 'mul', 'imul', 'div', 'idiv', 'mov', 'movq', 'movzx', 'movsx', 'movsxd', 'xchg', 'xadd', 'cmpxchg']);

/** Integer-class forms the model covers (all of add … cmpxchg, cmov<cc>, set<cc> with every spelling). */
export function modelled(f: Form): boolean {
  if (f.cls !== 'integer' && !(f.cls === 'sse' && f.mn === 'movq' && f.types.every((t) => t.cls !== 'xmm'))) return false;
  const mn = f.mn;
  if (!(MODELLED.has(mn) || mn.startsWith('cmov') || mn.startsWith('set'))) return false;
  return f.types.every((t) => t.t !== OT.MEM && !(t.t === OT.FIXED && !['al', 'ax', 'eax', 'rax', 'cl'].includes(t.text)) && t.cls !== 'r8h');
}

function bitsOf(t: OpType): number {
  if (t.cls && CLASS_BITS[t.cls]) return CLASS_BITS[t.cls];
  return t.msize * 8;
}

/** Register choices: implicit rax/rdx users keep their r/m operand off them. */
function regFor(f: Form, i: number): In {
  const implicitAcc = ['mul', 'imul', 'div', 'idiv', 'cmpxchg'].includes(f.mn) && (f.types.length === 1 || f.mn === 'cmpxchg');
  const usesAcc = f.types.some((t) => t.t === OT.FIXED && t.text !== 'cl');
  if (f.mn === 'mulx') return (['rax', 'rbx', 'rsi'] as In[])[i];
  const pool: In[] = implicitAcc || usesAcc ? ['rbx', 'rsi', 'rcx'] : ['rax', 'rbx', 'rsi'];
  return pool[i];
}

/** The case of form `f`: memory for its first r/m operand (`memFirst`) or a later one, immediates from `immSeed`. */
export function caseFor(f: Form, memFirst: boolean, immSeed: number): ExecCase {
  const locs: Loc[] = [];
  const parts: string[] = [];
  let usedMem = false;
  f.types.forEach((t, i) => {
    const bits = bitsOf(t);
    if (t.t === OT.FIXED) {
      const r = t.text === 'cl' ? 'rcx' : 'rax';
      locs.push({ kind: 'reg', reg: r, bits: t.text === 'cl' ? 8 : CLASS_BITS[t.cls!] });
      parts.push(t.text);
    } else if (t.t === OT.ONE) {
      locs.push({ kind: 'one' });
      parts.push(String(t.num));
    } else if (t.t === OT.IMM) {
      const rs = immRanges(t, f.osz);
      const [lo, hi] = rs[immSeed % rs.length];
      let v = fc.sample(fc.bigInt({ min: lo, max: hi }), { numRuns: 1, seed: immSeed })[0];
      if (['shld', 'shrd'].includes(f.mn) && f.osz === 16) v &= 15n;
      // The CPU sees a sign-extended immediate as the operation-size value, a raw one as its field.
      locs.push({ kind: 'imm', value: t.sext ? trunc(v, f.osz) : trunc(v, t.bits), bits: t.sext ? f.osz : t.bits });
      parts.push(String(v));
    } else if (t.t === OT.RM && !usedMem && (memFirst ? i === 0 : i > 0) && !(f.mn.startsWith('bt') && f.types[1]?.t === OT.REG)) {
      usedMem = true;
      locs.push({ kind: 'mem', bits });
      parts.push(`${SIZE_WORD[bits / 8]} ptr [rdi + 16]`);
    } else {
      const r = regFor(f, i);
      locs.push({ kind: 'reg', reg: r, bits });
      parts.push(regsOfClass(t.cls as X64RegClass)[NUM[r]].name);
    }
  });
  return { form: f, text: `${f.mn} ${parts.join(', ')}`, locs, n: f.osz };
}

export interface Inputs {
  readonly regs: Readonly<Record<In, bigint>>;
  readonly mem: bigint;
  readonly flags: bigint;
}

export interface Expected {
  readonly regs: Record<In, bigint>;
  /** Another acceptable register outcome (model `loose` writes not done), or null. */
  readonly alt: Record<In, bigint> | null;
  readonly mem: bigint;
  readonly flags: bigint;
  /** The status flags the SDM defines for this instruction (others: not compared). */
  readonly fmask: bigint;
}

function writeReg(old: bigint, v: bigint, bits: number): bigint {
  if (bits >= 32) return trunc(v, bits);
  const m = (1n << BigInt(bits)) - 1n;
  return (old & ~m) | (v & m);
}

/** The model's outputs for `c` on `inp`, or null when the inputs are outside the defined behaviour. */
export function expected(c: ExecCase, inp: Inputs): Expected | null {
  const { regs, mem, flags } = inp;
  const read = (l: Loc): bigint => (l.kind === 'reg' ? trunc(regs[l.reg], l.bits) : l.kind === 'mem' ? trunc(mem, l.bits) : l.kind === 'imm' ? l.value : 1n);
  const ctx: Ctx = { n: c.n, v: c.locs.map(read), sizes: c.locs.map((l) => (l.kind === 'one' ? 8 : l.bits)), flags, rax: regs.rax, rdx: regs.rdx };
  const e = model(c.form.mn, ctx);
  if (e === null) throw new Error(`no model for ${c.form.mn}`);
  if (e.skip) return null;
  const want: Record<In, bigint> = { ...regs };
  const alt: Record<In, bigint> = { ...regs };
  let wantMem = mem;
  for (const [i, v] of e.writes) {
    const l = c.locs[i];
    if (l.kind === 'reg' && !e.loose?.includes(i)) alt[l.reg] = writeReg(alt[l.reg], v, l.bits);
    if (l.kind === 'reg') want[l.reg] = writeReg(want[l.reg], v, l.bits);
    else if (l.kind === 'mem') wantMem = l.bits === 64 ? v : (wantMem & ~((1n << BigInt(l.bits)) - 1n)) | trunc(v, l.bits);
  }
  const r = e.regs ?? {};
  if (r.ax16 !== undefined) want.rax = writeReg(regs.rax, r.ax16, 16);
  if (r.lo !== undefined) want.rax = writeReg(regs.rax, r.lo, c.n);
  if (r.hi !== undefined) want.rdx = writeReg(regs.rdx, r.hi, c.n);
  if (r.acc !== undefined) want.rax = alt.rax = writeReg(regs.rax, r.acc, c.n);
  if (e.altRegs?.acc !== undefined) alt.rax = writeReg(regs.rax, e.altRegs.acc, c.n);
  return { regs: want, alt: e.loose || e.altRegs ? alt : null, mem: wantMem, flags: e.flags, fmask: e.fmask };
}

/** The registers got match the model (or its loose alternative). */
export function regsMatch(got: Record<In, bigint>, e: Expected): Record<In, bigint> {
  if (e.alt && REG_INPUTS.every((x) => got[x] === e.alt![x])) return e.alt;
  return e.regs;
}

export function describeInputs(c: ExecCase, inp: Inputs): string {
  return `${c.text} with ${REG_INPUTS.map((x) => `${x}=0x${inp.regs[x].toString(16)}`).join(' ')} mem=0x${inp.mem.toString(16)} flags=0x${inp.flags.toString(16)}`;
}

export const inputsArb: fc.Arbitrary<Inputs> = fc.tuple(u64Arb, u64Arb, u64Arb, u64Arb, u64Arb, u64Arb, flagsArb).map(([rax, rbx, rcx, rdx, rsi, mem, flags]) => ({ regs: { rax, rbx, rcx, rdx, rsi }, mem, flags }));

/** Every case of the modelled forms: register operands, and memory in each r/m position; `imms` immediates each. */
export function allCases(forms: readonly Form[], imms: number): ExecCase[] {
  const out: ExecCase[] = [];
  forms.filter(modelled).forEach((f, i) => {
    const hasImm = f.types.some((t) => t.t === OT.IMM);
    const hasRm = f.types.some((t) => t.t === OT.RM);
    for (let k = 0; k < (hasImm ? imms : 1); k++) {
      out.push(caseFor(f, false, 7 + k * 131 + i));
      if (hasRm) out.push(caseFor(f, true, 11 + k * 17 + i));
    }
  });
  return out;
}
