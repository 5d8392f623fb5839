// Differential harness for the A64 JIT: the same initial state block is run by the reference interpreter
// and by the compiled ARM64 code in Unicorn (through the exit-and-re-enter driver), and the final blocks
// must be equal. The comparison is on the bytes of the block (registers, flags, MODE, STATUS, ERROR, PC,
// SP, FP, CYCLES, call depth, gradient, both stacks, ports, mailbox, data memory, and the out/text streams up
// to their lengths): everything spec 11's canonical state is computed from, and more (STATUS/ERROR codes,
// HOST_PC, bytes above SP). On a mismatch the message shows the program, the case and both canonical states.
//
// Per-opcode properties compile ONE program per opcode: many instances of the opcode with varied operands,
// interleaved with random other instructions, compiled with every instruction an entry point and every MODE
// possible (compile option allEntries). Each case picks a random initial state (registers with interesting
// float/integer patterns, flags with and without C, MODE, value stack, call stack, FP, gradient, ports, data,
// input, CYCLES) and an entry instruction, and a budget of 0..8 instructions: one instruction, or a short
// sequence around it, always ending exactly where the interpreter ends.
import fc from 'fast-check';
import { VSP_OPCODE_BY_MNEMONIC, VSP_OPCODES, type VspOpcode } from '../../spec/vsp/opcodes.js';
import { compileA64, type A64CompileOptions } from '../../src/jit/a64/compile.js';
import type { CompiledProgram, CompileOptions } from '../../src/jit/compiler.js';
import { runCompiled, type CompiledEntry } from '../../src/jit/driver.js';
import { sharedUnicornA64Runner } from '../../src/jit/unicorn-engine.js';
import { canonicalState } from '../../src/vsp/canonical.js';
import { checkProgram, type LoadedProgram } from '../../src/vsp/container.js';
import { INTRINSICS } from '../../src/vsp/intrinsics.js';
import { prepareProgram, runInterpreter, type PreparedProgram } from '../../src/vsp/interpreter.js';
import { S } from '../../src/vsp/state-layout.js';
import { VspState } from '../../src/vsp/state.js';
import { disassembleText } from '../../src/vsp/text-disasm.js';

// ---------------------------------------------------------------------------------------------------------
// A small deterministic PRNG (xorshift32) for bulk bytes: fast-check chooses the seeds.

export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = (seed | 0) === 0 ? 0x9e3779b9 : seed | 0;
  }
  u32(): number {
    let x = this.s;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.s = x;
    return x >>> 0;
  }
  int(n: number): number {
    return this.u32() % n;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  fill(b: Uint8Array, from: number, to: number): void {
    for (let i = from; i < to; i++) b[i] = this.u32() & 0xff;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Interesting register contents: bit patterns of binary64/32/16 and int64/32/16 edge values.

const hex64 = (h: string): number[] => {
  const v = BigInt('0x' + h);
  return Array.from({ length: 8 }, (_, i) => Number((v >> BigInt(8 * i)) & 0xffn));
};
const le = (v: number, n: number): number[] => Array.from({ length: n }, (_, i) => (v >>> (8 * i)) & 0xff);

const PATTERNS: readonly number[][] = [
  // binary64: 0, -0, 1, -1, 0.5, -0.5, 1.5, -2.5, 2.5, inf, -inf, NaN, -NaN, sNaN, min subnormal, max, 2^63,
  // -2^63, 2^64, 2^-52, 1 + 2^-52, e^-7.5 threshold, e^6.5 threshold, 3e9, 1e300, 0.49999999999999994
  ...['0', '8000000000000000', '3ff0000000000000', 'bff0000000000000', '3fe0000000000000', 'bfe0000000000000',
    '3ff8000000000000', 'c004000000000000', '4004000000000000', '7ff0000000000000', 'fff0000000000000',
    '7ff8000000000000', 'fff8000000000000', '7ff0000000000001', '0000000000000001', '7fefffffffffffff',
    '43e0000000000000', 'c3e0000000000000', '43f0000000000000', '3cb0000000000000', '3ff0000000000001',
    '3f421f9ba40f31d5', '4084c92210816c8a', '41e65a0bc0000000', '7e37e43c8800759c', '3fdfffffffffffff',
    '3f35fc21041027ad', '3f35fc21041027ac', '3fe368b2fc6f960a', '3fe368b2fc6f9609'].map(hex64),
  // int64: MIN, MAX, -1, 1, 2^32, 2^53 + 1
  hex64('8000000000000000'), hex64('7fffffffffffffff'), hex64('ffffffffffffffff'), hex64('0000000000000001'),
  hex64('0000000100000000'), hex64('0020000000000001'),
  // binary32: 0, -0, 1, -1, 0.5, -1.5, inf, -inf, NaN, -NaN, sNaN, min subnormal, max, 2^31, 3e9, -2.5
  ...[0, 0x80000000, 0x3f800000, 0xbf800000, 0x3f000000, 0xbfc00000, 0x7f800000, 0xff800000, 0x7fc00000,
    0xffc00000, 0x7f800001, 1, 0x7f7fffff, 0x4f000000, 0x4f32d05e, 0xc0200000, 0x3a6f0b5d, 0x3f1b4598].map((v) => le(v, 4)),
  // int32: MIN, MAX, -1, 7, -8, 666, 665
  ...[0x80000000, 0x7fffffff, 0xffffffff, 7, 0xfffffff8, 666, 665, 245, 244].map((v) => le(v, 4)),
  // binary16: 0, -0, 1, -1, 0.5, -1.5, inf, -inf, NaN, -NaN, sNaN, min subnormal, max, 2.5
  ...[0, 0x8000, 0x3c00, 0xbc00, 0x3800, 0xbe00, 0x7c00, 0xfc00, 0x7e00, 0xfe00, 0x7d00, 1, 0x7bff, 0x4100, 0x0d7f, 0x6449].map((v) => le(v, 2)),
  // int16: MIN, MAX, -1
  ...[0x8000, 0x7fff, 0xffff, 0x0002, 0xfffe].map((v) => le(v, 2)),
  // ByteSils: NULL, null with theta, ONE, I, -1, -i, MAX, 0xff, rho -1, rho 6
  [0x00], [0x05], [0x0f], [0x10], [0x80], [0x84], [0x88], [0x8c], [0xf0], [0xff], [0x8f], [0x70], [0xe7],
];

/** 16 register bytes: random, or random with interesting patterns written at random offsets. */
export const regsArb: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 16, maxLength: 16 }) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: PATTERNS.length - 1 })), { minLength: 1, maxLength: 6 }),
      )
      .map(([base, overlays]) => {
        const r = Uint8Array.from(base);
        for (const [pos, p] of overlays) {
          const pat = PATTERNS[p]!;
          for (let i = 0; i < pat.length && pos + i < 16; i++) r[pos + i] = pat[i]!;
        }
        return r;
      }),
  },
);

// ---------------------------------------------------------------------------------------------------------
// Programs

/** Interesting immediates (imm8 operands). */
const IMMS = [0, 1, 2, 3, 4, 7, 8, 9, 14, 15, 16, 17, 31, 32, 100, 127, 128, 129, 200, 240, 241, 242, 254, 255];
/** a24 operands of non-branch instructions: around the LSTATE/SSTATE/TRANS/PIPE limits. */
const A24 = [0, 1, 4, 0x10, 0x100, 0x1000, 0xfff0, 0xfff1, 0xfffc, 0xfffd, 0xffff, 0x10000, 0xffffff];
const ADDRS = [0, 1, 0xff, 0x100, 0xfff, 0x1000, 0x7fff, 0xfffe, 0xffff];
/** SYSCALL ids: every intrinsic and a few that are not. */
const SYS_IDS = [...INTRINSICS.map((i) => i.id), 0x07, 0x11, 0x52, 0xa0, 0xfe];

/** One instruction of `o` with operands from the PRNG (branch targets among `starts`). */
function encode(o: VspOpcode, rng: Rng, starts: readonly number[]): number[] {
  const a = rng.int(16);
  const b = rng.int(16);
  const imm = rng.int(3) === 0 ? rng.int(256) : rng.pick(IMMS);
  switch (o.shape) {
    case '-':
      return [o.code];
    case 'r':
      return o.size === 2 ? [o.code, a] : [o.code, a, 0];
    case 'rr':
      return [o.code, a | (b << 4), 0];
    case 'ri':
      return [o.code, a, imm];
    case 'rri':
      return [o.code, a | (b << 4), imm];
    case 'i8':
      return [o.code, imm];
    case 'm': {
      const m = rng.int(5);
      return o.size === 2 ? [o.code, m] : [o.code, 0, m];
    }
    case 'a24': {
      const t = o.branch ? rng.pick(starts) : rng.int(2) === 0 ? rng.pick(A24) : rng.u32() & 0xffff;
      return [o.code, t & 255, (t >> 8) & 255, (t >> 16) & 255];
    }
    case 'ra16': {
      const addr = rng.int(2) === 0 ? rng.pick(ADDRS) : rng.u32() & 0xffff;
      return [o.code, a, addr & 255, addr >> 8];
    }
    case 'ch':
      return [o.code, rng.int(4) === 0 ? rng.int(256) : rng.int(4), 0, 0];
    case 'sys': {
      const arg = rng.int(2) === 0 ? rng.int(64) : rng.u32() & 0xffff;
      return [o.code, rng.pick(SYS_IDS), arg & 255, arg >> 8];
    }
  }
}

export interface OpcodeProgram {
  readonly loaded: LoadedProgram;
  /** Starts of the instances of the opcode under test. */
  readonly subjects: readonly number[];
  /** Every instruction start. */
  readonly starts: readonly number[];
}

/**
 * A program of `count` instances of opcode `op` (operands from the seed), each followed with probability 1/2
 * by a random other instruction. Branch targets are instruction starts.
 */
export function opcodeProgram(op: VspOpcode, seed: number, count: number, mode = 4): OpcodeProgram {
  const rng = new Rng(seed);
  const kinds: VspOpcode[] = [];
  const isSubject: boolean[] = [];
  for (let i = 0; i < count; i++) {
    kinds.push(op);
    isSubject.push(true);
    if (rng.int(2) === 0) {
      kinds.push(rng.pick(VSP_OPCODES));
      isSubject.push(false);
    }
  }
  const starts: number[] = [];
  let off = 0;
  for (const k of kinds) {
    starts.push(off);
    off += k.size;
  }
  const bytes: number[] = [];
  for (const k of kinds) bytes.push(...encode(k, rng, starts));
  const loaded = checkProgram({ code: Uint8Array.from(bytes), entry: 0, mode, data: new Uint8Array(0), symbols: [] });
  if (!loaded.ok) throw new Error(`opcodeProgram(${op.mnemonic}): generated an invalid program (${loaded.error} at ${loaded.offset})`);
  return { loaded, subjects: starts.filter((_, i) => isSubject[i]), starts };
}

// ---------------------------------------------------------------------------------------------------------
// Initial states

export interface CaseSpec {
  /** Start PC (an instruction start). */
  pc: number;
  regs: Uint8Array;
  /** Flags (Z N O C M only, spec 2). */
  flags: number;
  mode: number;
  sp: number;
  depth: number;
  fp: number;
  /** CYCLES before the run and the number of instructions the budget allows. */
  cycles: number;
  steps: number;
  grad: boolean;
  /** Seed for the stack bytes, call frames, gradient, ports, data and input. */
  seed: number;
  inputLen: number;
  /** Fill data memory from the seed (programs that read or write it). */
  data: boolean;
}

const GRAD_VALUES = [0, 0.5, 1, 2.718281828, 100, 1e-30, 3.4e38, Infinity, NaN, -1, 1e-45, 7.5, 15.99];

/**
 * Random initial states for a program: entry among `pcs` (mostly `subjects`), return addresses of call
 * frames among `returnTargets`.
 */
export function caseArb(subjects: readonly number[], pcs: readonly number[], opts: { data?: boolean; maxSteps?: number } = {}): fc.Arbitrary<CaseSpec> {
  const maxSteps = opts.maxSteps ?? 8;
  return fc.record({
    pc: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...subjects) }, { weight: 1, arbitrary: fc.constantFrom(...pcs) }),
    regs: regsArb,
    flags: fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 9 })).map(([f, c]) => (f & 0x87) | (c === 0 ? 0x08 : 0)),
    mode: fc.integer({ min: 0, max: 4 }),
    sp: fc.oneof(fc.constantFrom(0, 1, 255, 256), fc.integer({ min: 0, max: 256 })),
    depth: fc.oneof(fc.constantFrom(0, 1, 255, 256), fc.integer({ min: 0, max: 256 })),
    fp: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffffffff })),
    cycles: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1000 }), fc.constantFrom(0xffffffff, 2 ** 32, 2 ** 40 + 7, 2 ** 53 - 9)),
    steps: fc.oneof({ weight: 3, arbitrary: fc.constant(1) }, { weight: 2, arbitrary: fc.integer({ min: 0, max: maxSteps }) }),
    grad: fc.boolean(),
    seed: fc.integer({ min: 1, max: 0x7fffffff }),
    inputLen: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 8 })),
    data: fc.constant(opts.data === true),
  });
}

/** Writes a case's initial state into a block (only the parts runs can read: header, stacks, ports, data). */
export function applyCase(st: VspState, c: CaseSpec, returnTargets: readonly number[]): void {
  const b = st.bytes;
  const v = st.view;
  b.fill(0, 0, S.DATA);
  const rng = new Rng(c.seed);
  b.set(c.regs, S.REGS);
  b[S.FLAGS] = c.flags;
  b[S.MODE] = c.mode;
  v.setUint32(S.PC, c.pc, true);
  v.setUint32(S.SP, c.sp, true);
  v.setUint32(S.FP, c.fp >>> 0, true);
  v.setUint32(S.CALL_DEPTH, c.depth, true);
  st.cycles = c.cycles;
  st.budget = c.cycles + c.steps;
  rng.fill(b, S.VALUE_STACK, S.VALUE_STACK + 256);
  for (let i = 0; i < 256; i++) {
    v.setUint32(S.CALL_STACK + 8 * i, returnTargets[rng.int(returnTargets.length)]!, true);
    v.setUint32(S.CALL_STACK + 8 * i + 4, rng.int(4) === 0 ? rng.u32() : rng.int(257), true);
  }
  if (c.grad) {
    v.setUint32(S.GRAD_PRESENT, 1, true);
    for (let i = 0; i < 16; i++) {
      const g = rng.int(3) === 0 ? rng.pick(GRAD_VALUES) : (rng.u32() / 2 ** 32) * 3000;
      v.setFloat32(S.GRAD + 4 * i, g, true);
    }
  }
  rng.fill(b, S.PORTS, S.PORTS + 256);
  if (c.data) rng.fill(b, S.DATA, S.DATA + 0x10000);
  else b.fill(0, S.DATA, S.DATA + 0x10000);
  const input = new Uint8Array(c.inputLen);
  rng.fill(input, 0, input.length);
  st.input = input;
  v.setUint32(S.INPUT_LEN, input.length, true);
}

// ---------------------------------------------------------------------------------------------------------
// The differential runner

/** Compared part of the block: everything below the output stream (header, stacks, ports, mailbox, data). */
const COMPARED = S.OUT;

/**
 * What a DiffRunner compares with the interpreter: a JIT backend's compile function and something that runs
 * its code (the A64 JIT in Unicorn by default; the x64 tests pass theirs, test/jit/x64-harness.ts).
 */
export interface JitTarget {
  /** For messages, e.g. 'A64 JIT'. */
  readonly name: string;
  compile(loaded: LoadedProgram, options: CompileOptions): CompiledProgram;
  readonly runner: CompiledEntry & { load(compiled: CompiledProgram): void };
}

/** The A64 JIT, its code run in the shared Unicorn runner. */
export function unicornA64Target(): JitTarget {
  return { name: 'A64 JIT', compile: compileA64, runner: sharedUnicornA64Runner() };
}

export class DiffRunner {
  readonly ref = new VspState();
  readonly jit = new VspState();
  readonly runner: JitTarget['runner'];
  loaded!: LoadedProgram;
  prep!: PreparedProgram;
  compiled!: CompiledProgram;
  returnTargets: readonly number[] = [0];
  cases = 0;
  /** How the compared runs ended: count per STATUS value (RunStatus). */
  readonly statusCounts = new Array<number>(8).fill(0);

  constructor(readonly target: JitTarget = unicornA64Target()) {
    this.runner = target.runner;
  }

  /** Compiles a program for the following cases. */
  setProgram(loaded: LoadedProgram, options: A64CompileOptions = { allEntries: true }): this {
    this.loaded = loaded;
    this.prep = prepareProgram(loaded);
    this.compiled = this.target.compile(loaded, options);
    // Return addresses for random call frames: places a RET may reach in ANY MODE, as the analysis assumes:
    // instructions seeded with every MODE (all of them with allEntries, the given entryPcs), return points
    // (the MODEs of every RET flow there) and the code length. Not the entry after a host instruction (the
    // driver re-enters there in the host instruction's MODE, never through a RET) and nothing unreachable.
    const an = this.compiled.analysis;
    const len = loaded.program.code.length;
    const reachable = (pc: number): boolean => pc === len || an.insns[an.index[pc]!]!.modes !== 0;
    const rt = (options.allEntries ? [...this.compiled.dispatchPcs] : [...(options.entryPcs ?? []), ...an.returnPoints, len]).filter(reachable);
    this.returnTargets = rt;
    return this;
  }

  /** Runs one case on both engines and throws a descriptive Error when the final blocks differ. */
  check(c: CaseSpec): void {
    applyCase(this.ref, c, this.returnTargets);
    this.runBoth(c);
  }

  /** Runs both engines from the state already in `ref` (copied to `jit`) and compares. */
  runBoth(c: unknown): void {
    const ref = this.ref;
    const jit = this.jit;
    jit.bytes.set(ref.bytes.subarray(0, COMPARED));
    jit.input = ref.input;
    this.cases++;
    runInterpreter(this.prep, ref);
    this.runner.load(this.compiled);
    runCompiled(this.runner, this.loaded, jit);
    if (!this.same()) throw new Error(this.describe(c));
    this.statusCounts[ref.bytes[S.STATUS]!]!++;
  }

  private same(): boolean {
    const a = this.ref;
    const b = this.jit;
    if (Buffer.compare(a.bytes.subarray(0, COMPARED), b.bytes.subarray(0, COMPARED)) !== 0) return false;
    const outLen = a.view.getUint32(S.OUT_LEN, true);
    const textLen = a.view.getUint32(S.TEXT_LEN, true);
    if (Buffer.compare(a.bytes.subarray(S.OUT, S.OUT + outLen), b.bytes.subarray(S.OUT, S.OUT + outLen)) !== 0) return false;
    return Buffer.compare(a.bytes.subarray(S.TEXT, S.TEXT + textLen), b.bytes.subarray(S.TEXT, S.TEXT + textLen)) === 0;
  }

  private describe(c: unknown): string {
    const a = this.ref.bytes;
    const b = this.jit.bytes;
    let first = -1;
    for (let i = 0; i < COMPARED; i++) {
      if (a[i] !== b[i]) {
        first = i;
        break;
      }
    }
    const ca = canonicalState(this.ref);
    const cb = canonicalState(this.jit);
    const diff: string[] = [];
    for (const k of Object.keys(ca) as (keyof typeof ca)[]) {
      if (JSON.stringify(ca[k]) !== JSON.stringify(cb[k])) diff.push(`  ${k}: interpreter ${JSON.stringify(ca[k])}  jit ${JSON.stringify(cb[k])}`);
    }
    const prog = disassembleText(this.loaded.program).split('\n').slice(0, 400).join('\n');
    return [
      `${this.target.name} and interpreter differ (first differing block byte: ${first === -1 ? 'none below OUT' : '0x' + first.toString(16)}; STATUS ${a[S.STATUS]}/${b[S.STATUS]}, ERROR ${a[S.ERROR]}/${b[S.ERROR]})`,
      ...diff,
      `case: ${JSON.stringify(c, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v))}`,
      'program:',
      prog,
    ].join('\n');
  }

  /** Whether the last run's canonical states are equal (for an explicit canonical check in tests). */
  canonicalEqual(): boolean {
    return JSON.stringify(canonicalState(this.ref)) === JSON.stringify(canonicalState(this.jit));
  }
}

/** Opcodes that read or write data memory (their cases get random data). */
export function touchesData(op: VspOpcode): boolean {
  return ['LOAD', 'STORE', 'LSTATE', 'SSTATE', 'TRANS', 'PIPE', 'SYSCALL'].includes(op.mnemonic);
}

export function opcode(mnemonic: string): VspOpcode {
  const o = VSP_OPCODE_BY_MNEMONIC.get(mnemonic);
  if (o === undefined) throw new Error(`no opcode ${mnemonic}`);
  return o;
}

// ---------------------------------------------------------------------------------------------------------
// Per-opcode properties

/** The 117 opcodes by test file (test/jit/a64-ops-*.test.ts); a64-ops-host checks that they cover the table. */
export const OPCODE_GROUPS: Readonly<Record<string, readonly string[]>> = {
  control: ['NOP', 'HLT', 'RET', 'YIELD', 'JMP', 'JZ', 'JN', 'JC', 'JO', 'CALL', 'LOOP',
    'HINT.CPU', 'HINT.GPU', 'HINT.NPU', 'HINT.ANY', 'BATCH', 'UNBATCH', 'PREFETCH', 'FENCE', 'HINT.FPGA', 'HINT.DSP',
    'MOV', 'MOVI', 'LOAD', 'STORE', 'PUSH', 'POP', 'XCHG', 'LSTATE', 'SSTATE'],
  bytesil: ['MUL', 'DIV', 'POW', 'ROOT', 'INV', 'CONJ', 'ADD', 'SUB', 'MAG', 'PHASE', 'SCALE', 'ROTATE',
    'XORL', 'ANDL', 'ORL', 'NOTL', 'SHIFTL', 'ROTATL', 'FOLD', 'SPREAD', 'GATHER',
    'SLERP', 'EMERGE', 'COLLAPSE',
    'BIT.H', 'BIT.X', 'BIT.Y', 'BIT.Z', 'BIT.COLLAPSE', 'BIT.MEASURE', 'BIT.ROTQ', 'BIT.NORM', 'IN', 'OUT'],
  mode: ['ADDINT', 'SUBINT', 'MULINT', 'DIVINT', 'POWINT', 'MODINT', 'CMPINT', 'TESTINT', 'ANDINT', 'ORINT', 'XORINT',
    'NOTINT', 'SHLINT', 'SHRINT', 'NEGINT', 'ABSINT', 'CVTI2B', 'CVTB2I', 'CVTB2F', 'CVTF2B', 'NEGFLOAT', 'ABSFLOAT',
    'SETMODE', 'PROMOTE', 'DEMOTE', 'TRUNCATE', 'XORDEM', 'AVGDEM', 'MAXDEM', 'COMPAT'],
  float: ['ADDFLOAT', 'SUBFLOAT', 'MULFLOAT', 'DIVFLOAT', 'SQRTFLOAT', 'FLOORFLOAT', 'CEILFLOAT', 'CMPFLOAT', 'CVTI2F', 'CVTF2I', 'DESCENT'],
  host: ['POWFLOAT', 'TRANS', 'PIPE', 'LERP', 'GRAD', 'SENSE', 'ACT', 'SYNC', 'BROADCAST', 'RECEIVE', 'ENTANGLE', 'SYSCALL'],
};

/** A stable seed per mnemonic (programs are reproducible from the mnemonic and the program index). */
export function seedOf(s: string, k: number): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h ^ Math.imul(k + 1, 0x9e3779b1)) >>> 0 || 1;
}

/**
 * The property of one opcode: `programs` programs of `instances` instances each, `runs` cases in all, each
 * run by the interpreter and the A64 code and compared. Returns the number of cases run.
 *
 * `cached`: compile with the register cache and NEON layer ops (cacheRegisters), with entries only at every
 * third instance of the opcode, so that runs cross unlabelled instructions where cached bytes live on.
 */
export function checkOpcode(d: DiffRunner, mnemonic: string, runs: number, programs: number, options: { cached?: boolean; instances?: number } = {}): number {
  const o = opcode(mnemonic);
  let done = 0;
  for (let k = 0; k < programs; k++) {
    const p = opcodeProgram(o, seedOf(mnemonic, k), options.instances ?? 96);
    let entries = p.subjects;
    if (options.cached) {
      entries = p.subjects.filter((_, i) => i % 3 === 0);
      d.setProgram(p.loaded, { entryPcs: entries, cacheRegisters: true });
    } else d.setProgram(p.loaded);
    const n = Math.ceil(runs / programs);
    fc.assert(
      fc.property(caseArb(entries, options.cached ? entries : p.starts, { data: touchesData(o) }), (c) => {
        d.check(c);
      }),
      { numRuns: n },
    );
    done += n;
  }
  return done;
}
