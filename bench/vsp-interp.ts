// The reference interpreter's speed: VSP instructions per second on long-running loops with full semantics,
// against a bare `switch` dispatch loop over the same pre-decoded words in the same run (the ratio is what
// to compare across machines). Run: `npm run bench` (or `node dist/bench/vsp-interp.js` after a build).
import { Op } from '../spec/vsp/opcodes.js';
import type { BenchContext } from '../src/bench/record.js';
import { standaloneContext } from '../src/bench/run-suites.js';
import { checkProgram, type LoadedProgram } from '../src/vsp/container.js';
import { prepareProgram, runInterpreter, type PreparedProgram } from '../src/vsp/interpreter.js';
import { Mode, RunStatus } from '../src/vsp/state-layout.js';
import { VspState } from '../src/vsp/state.js';

/** Assembles a list of instructions given as byte arrays; labels are resolved by the caller. */
function code(...insns: number[][]): Uint8Array {
  return Uint8Array.from(insns.flat());
}
const rr = (op: number, a: number, b: number): number[] => [op, a | (b << 4), 0];
const ri = (op: number, a: number, imm: number): number[] => [op, a, imm & 255];
const a24 = (op: number, t: number): number[] => [op, t & 255, (t >> 8) & 255, (t >> 16) & 255];

interface Workload {
  readonly name: string;
  /** The name in the bench records (the same loop in every suite). */
  readonly workload: string;
  readonly mode: Mode;
  readonly code: Uint8Array;
  readonly regs: number[];
}

// top: (body) LOOP top ; MOVI RC, 7 ; JMP top  -- runs until the budget ends it.
function loopOver(name: string, workload: string, mode: Mode, body: number[][], regs: number[]): Workload {
  return { name, workload, mode, code: code(...body, a24(Op.LOOP, 0), ri(Op.MOVI, 12, 7), a24(Op.JMP, 0)), regs };
}

const REGS = [0x91, 0x83, 0xa5, 0x77, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 0xf0, 0x21, 0x43, 0x65];

const WORKLOADS: Workload[] = [
  loopOver(
    'ByteSil + SIL-128 integer mix (ADD MUL ADDINT XORL CMPINT LOOP)',
    'ByteSil + SIL-128 integer',
    Mode.SIL128,
    [rr(Op.ADD, 1, 2), rr(Op.MUL, 3, 2), rr(Op.ADDINT, 0, 4), rr(Op.XORL, 5, 6), rr(Op.CMPINT, 0, 4)],
    REGS,
  ),
  loopOver(
    'SIL-32 integer mix (ADDINT SUBINT MULINT XORINT SHLINT LOOP)',
    'SIL-32 integer',
    Mode.SIL32,
    [rr(Op.ADDINT, 0, 4), rr(Op.SUBINT, 4, 8), rr(Op.MULINT, 0, 8), rr(Op.XORINT, 8, 0), rr(Op.SHLINT, 4, 0)],
    REGS,
  ),
  loopOver(
    'SIL-64 float mix (ADDFLOAT MULFLOAT CMPFLOAT LOOP)',
    'SIL-64 float (subnormal)',
    Mode.SIL64,
    [rr(Op.ADDFLOAT, 0, 4), rr(Op.MULFLOAT, 4, 0), rr(Op.CMPFLOAT, 0, 4)],
    [0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0, 0, 0, 0, 0xf0, 0, 0, 0],
  ),
];

function load(w: Workload): LoadedProgram {
  const r = checkProgram({ code: w.code, entry: 0, mode: w.mode, data: new Uint8Array(0) });
  if (!r.ok) throw new Error(`bench program ${w.name}: ${r.error} at ${r.offset}`);
  return r;
}

/** The baseline's PC and accumulator between slices. */
const BARE = new Float64Array(2);
const SLICE = 0x10000;

/**
 * The baseline: the same dispatch over the same words, every opcode a numeric case label as in the
 * interpreter (V8 builds a jump table only for literal labels), each case doing the least (advance PC, read
 * a register; LOOP and JMP as they are), run in slices like the interpreter.
 */
function bareSlice(words: Int32Array, R: Uint8Array, count: number): void {
  let pc = BARE[0]! | 0;
  let acc = BARE[1]! | 0;
  let n = 0;
  while (n < count) {
    const w = words[pc]!;
    switch (w & 0xff) {
      case 0x20: // MOV
      case 0x26: // XCHG
      case 0x40: // MUL
      case 0x41: // DIV
      case 0x42: // POW
      case 0x43: // ROOT
      case 0x46: // ADD
      case 0x47: // SUB
      case 0x4a: // SCALE
      case 0x4b: // ROTATE
      case 0x4c: // ADDINT
      case 0x4d: // SUBINT
      case 0x4e: // MULINT
      case 0x4f: // DIVINT
      case 0x50: // ADDFLOAT
      case 0x51: // SUBFLOAT
      case 0x52: // MULFLOAT
      case 0x53: // DIVFLOAT
      case 0x54: // POWINT
      case 0x55: // POWFLOAT
      case 0x56: // SQRTFLOAT
      case 0x57: // MODINT
      case 0x58: // CMPINT
      case 0x59: // CMPFLOAT
      case 0x5a: // TESTINT
      case 0x5b: // ANDINT
      case 0x5c: // ORINT
      case 0x5d: // XORINT
      case 0x5e: // NOTINT
      case 0x5f: // SHLINT
      case 0x60: // XORL
      case 0x61: // ANDL
      case 0x62: // ORL
      case 0x69: // SHRINT
      case 0x6a: // NEGINT
      case 0x6b: // ABSINT
      case 0x6c: // NEGFLOAT
      case 0x6d: // ABSFLOAT
      case 0x6e: // FLOORFLOAT
      case 0x6f: // CEILFLOAT
      case 0x70: // CVTI2F
      case 0x71: // CVTF2I
      case 0x72: // CVTI2B
      case 0x73: // CVTB2I
      case 0x74: // CVTF2B
      case 0x75: // CVTB2F
      case 0x82: // LERP
      case 0x83: // SLERP
      case 0x85: // DESCENT
      case 0xa1: // PROMOTE
      case 0xa2: // DEMOTE
      case 0xa3: // TRUNCATE
      case 0xa4: // XORDEM
      case 0xa5: // AVGDEM
      case 0xa6: // MAXDEM
      case 0xa7: // COMPAT
      case 0xc0: // IN
      case 0xc1: // OUT
      case 0xc7: // ENTANGLE
        acc = (acc + R[(w >> 8) & 15]!) | 0;
        pc += 3;
        break;
      case 0x21: // MOVI
        R[12] = 0xf0;
        pc += 3;
        break;
      case 0x16: { // LOOP
        const rc = R[12]!;
        if (rc >= 0x10) {
          R[12] = rc - 0x10;
          pc = w >>> 8;
        } else pc += 4;
        break;
      }
      case 0x10: // JMP
        pc = w >>> 8;
        break;
      case 0x11: // JZ
      case 0x12: // JN
      case 0x13: // JC
      case 0x14: // JO
      case 0x15: // CALL
      case 0x22: // LOAD
      case 0x23: // STORE
      case 0x27: // LSTATE
      case 0x28: // SSTATE
      case 0x80: // TRANS
      case 0x81: // PIPE
      case 0xc5: // BROADCAST
      case 0xc6: // RECEIVE
      case 0xe4: // BATCH
      case 0xe6: // PREFETCH
      case 0xff: // SYSCALL
        pc += 4;
        break;
      case 0x24: // PUSH
      case 0x25: // POP
      case 0x44: // INV
      case 0x45: // CONJ
      case 0x48: // MAG
      case 0x49: // PHASE
      case 0x63: // NOTL
      case 0x67: // SPREAD
      case 0x68: // GATHER
      case 0x84: // GRAD
      case 0x86: // EMERGE
      case 0x87: // COLLAPSE
      case 0xa0: // SETMODE
      case 0xb0: // BIT.H
      case 0xb1: // BIT.X
      case 0xb2: // BIT.Y
      case 0xb3: // BIT.Z
      case 0xb4: // BIT.COLLAPSE
      case 0xb5: // BIT.MEASURE
      case 0xb6: // BIT.ROTQ
      case 0xb7: // BIT.NORM
      case 0xc2: // SENSE
      case 0xc3: // ACT
      case 0xc4: // SYNC
        pc += 2;
        break;
      case 0x00: // NOP
      case 0x01: // HLT
      case 0x02: // RET
      case 0x03: // YIELD
      case 0x64: // SHIFTL
      case 0x65: // ROTATL
      case 0x66: // FOLD
      case 0xe0: // HINT.CPU
      case 0xe1: // HINT.GPU
      case 0xe2: // HINT.NPU
      case 0xe3: // HINT.ANY
      case 0xe5: // UNBATCH
      case 0xe7: // FENCE
      case 0xe8: // HINT.FPGA
      case 0xe9: // HINT.DSP
        pc += 1;
        break;
      default:
        throw new Error(`bare switch: opcode ${w & 0xff}`);
    }
    n++;
  }
  BARE[0] = pc;
  BARE[1] = acc;
}

/** Runs the baseline for `budget` instructions in slices, like the interpreter (see runInterpreter). */
function bareSwitch(p: PreparedProgram, R: Uint8Array, budget: number): number {
  BARE[0] = 0;
  BARE[1] = 0;
  for (let done = 0; done < budget; done += SLICE) bareSlice(p.words, R, Math.min(SLICE, budget - done));
  return BARE[1]!;
}

function time(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

export async function runVspInterpBench(ctx: BenchContext, budget = ctx.quick ? 10_000_000 : 100_000_000, rounds = ctx.quick ? 2 : 5): Promise<void> {
  const st = new VspState();
  for (const w of WORKLOADS) {
    const loaded = load(w);
    const prep = prepareProgram(loaded);
    let best = Infinity;
    let bestBase = Infinity;
    for (let r = 0; r < rounds; r++) {
      st.reset({ regs: w.regs, mode: w.mode, budget });
      const t = time(() => runInterpreter(prep, st));
      if (st.status !== RunStatus.budget || st.cycles !== budget) throw new Error(`${w.name}: ended ${RunStatus[st.status]} after ${st.cycles} cycles`);
      best = Math.min(best, t);
      const R = new Uint8Array(16);
      R.set(w.regs);
      bestBase = Math.min(bestBase, time(() => void bareSwitch(prep, R, budget)));
    }
    const mips = budget / best / 1e6;
    const base = budget / bestBase / 1e6;
    const bare = { engine: 'bare-switch', workload: w.workload, value: budget / bestBase };
    ctx.record({ metric: 'throughput', ...bare, unit: 'insn/s', better: 'higher' });
    ctx.record({ metric: 'throughput', engine: 'interp', workload: w.workload, value: budget / best, unit: 'insn/s', better: 'higher', baseline: bare });
    console.log(`${w.name}`);
    console.log(`  interpreter ${mips.toFixed(1)} M instr/s, bare switch ${base.toFixed(1)} M instr/s, ratio ${(mips / base).toFixed(2)}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runVspInterpBench(standaloneContext('vsp-interp'), Number(process.env.VSP_BENCH_BUDGET ?? 100_000_000));
}
