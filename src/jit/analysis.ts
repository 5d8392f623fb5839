// The JIT front end's view of a verified VSP program (arch-neutral): instructions in code order with the
// facts a backend needs, block leaders, the entry points the compiled function can be (re-)entered at, and
// the MODE each instruction can run in (a forward data-flow over the control-flow graph).
// See docs/jit-design.md. Nothing here emits code.
import { Op, VSP_OPCODE_BY_CODE, type VspOpcode } from '../../spec/vsp/opcodes.js';
import type { LoadedProgram } from '../vsp/container.js';
import { a24, modeOperand, regA } from '../vsp/decode.js';

/** A set of MODE values as a bit mask: bit m set when MODE m is possible (m = 0..4). */
export type ModeSet = number;
export const ALL_MODES: ModeSet = 0b11111;

export interface JitInstruction {
  /** Code offset. */
  readonly pc: number;
  readonly op: number;
  readonly b1: number;
  readonly b2: number;
  readonly b3: number;
  readonly size: number;
  /** pc + size. */
  readonly next: number;
  readonly info: VspOpcode;
  /** The a24 target of JMP/JZ/JN/JC/JO/CALL/LOOP, else -1. */
  readonly target: number;
  /** Whether this instruction can leave C set (flags(Ra) with a == 15, COLLAPSE); host instructions never can. */
  readonly canSetC: boolean;
  /** Starts a block: the entry, a branch target, the instruction after a branch, CALL, RET or host instruction. */
  leader: boolean;
  /** The compiled function can be entered here (the program entry, or just after a host instruction). */
  entry: boolean;
  /** MODE values this instruction can run in. */
  modes: ModeSet;
}

export interface ProgramAnalysis {
  readonly codeLength: number;
  readonly entryPc: number;
  /** Instructions in code order. */
  readonly insns: readonly JitInstruction[];
  /** index[pc] = position in insns of the instruction at pc, or -1. Length codeLength + 1. */
  readonly index: Int32Array;
  /** Entry points in code order (pcs). */
  readonly entries: readonly number[];
  /** Where a RET can go: the next address of every CALL, in code order without repeats (may be codeLength). */
  readonly returnPoints: readonly number[];
}

export interface AnalysisOptions {
  /**
   * Make every instruction an entry point (and a leader), each seeded with the entry MODE set: for code that
   * the host may enter at any instruction start (tests that run one instruction from an arbitrary state).
   */
  readonly allEntries?: boolean;
  /** More entry points (instruction starts), each seeded with the entry MODE set (ALL_MODES by default). */
  readonly entryPcs?: readonly number[];
}

/** Opcodes whose result goes through flags(Ra) (spec 4): they set C when a == 15 and RF becomes null. */
const FLAGS_RA_OPS = [
  Op.MUL, Op.DIV, Op.POW, Op.ROOT, Op.INV, Op.ADD, Op.SUB, Op.SCALE,
  Op.BIT_H, Op.BIT_X, Op.BIT_Y, Op.BIT_Z, Op.BIT_COLLAPSE, Op.BIT_ROTQ, Op.BIT_NORM,
];
/** FLAGS_RA[op] = 1 for the opcodes whose result goes through flags(Ra). */
const FLAGS_RA = new Uint8Array(256);
for (const op of FLAGS_RA_OPS) FLAGS_RA[op] = 1;

/** Whether an instruction can set C (spec 5: only flags(RF), COLLAPSE and the initial state do). */
export function canSetC(op: number, b1: number): boolean {
  if (op === Op.COLLAPSE) return true;
  return FLAGS_RA[op] === 1 && regA(b1) === 15;
}

/** The MODE set after an instruction runs in one of the modes of `input` (spec 4.7). */
export function modeTransfer(op: number, size: number, b1: number, b2: number, input: ModeSet): ModeSet {
  let m: number;
  switch (op) {
    case Op.SETMODE:
      return 1 << modeOperand(size, b1, b2);
    case Op.PROMOTE:
    case Op.DEMOTE:
    case Op.TRUNCATE:
    case Op.XORDEM:
    case Op.AVGDEM:
    case Op.MAXDEM:
    case Op.COMPAT:
      m = modeOperand(size, b1, b2);
      break;
    default:
      return input;
  }
  let out = 0;
  for (let x = 0; x < 5; x++) {
    if ((input & (1 << x)) === 0) continue;
    const promote = op === Op.PROMOTE;
    const y = promote ? (m > x ? m : x) : m < x ? m : x;
    out |= 1 << y;
  }
  return out;
}

/** Whether control can continue to the next instruction after this one. */
function fallsThrough(op: number): boolean {
  return op !== Op.JMP && op !== Op.HLT && op !== Op.RET;
}

/**
 * Analyses a verified program. `entryModes` is the MODE set at the entry point (the container's mode by
 * default; ALL_MODES for code that must work whatever MODE the host sets).
 */
export function analyzeProgram(loaded: LoadedProgram, entryModes?: ModeSet, options: AnalysisOptions = {}): ProgramAnalysis {
  const { code, entry } = loaded.program;
  const len = code.length;
  const index = new Int32Array(len + 1).fill(-1);
  const insns: JitInstruction[] = [];
  for (let pc = 0; pc < len; ) {
    const op = code[pc]!;
    const info = VSP_OPCODE_BY_CODE[op]!;
    const size = info.size;
    const b1 = size > 1 ? code[pc + 1]! : 0;
    const b2 = size > 2 ? code[pc + 2]! : 0;
    const b3 = size > 3 ? code[pc + 3]! : 0;
    index[pc] = insns.length;
    insns.push({
      pc, op, b1, b2, b3, size, next: pc + size, info,
      target: info.branch ? a24(b1, b2, b3) : -1,
      canSetC: canSetC(op, b1),
      leader: false,
      entry: false,
      modes: 0,
    });
    pc += size;
  }

  // Leaders and entries.
  const mark = (pc: number): void => {
    const i = index[pc]!;
    if (i >= 0) insns[i]!.leader = true;
  };
  if (len > 0) {
    mark(entry);
    insns[index[entry]!]!.entry = true;
  }
  if (options.allEntries) {
    for (const ins of insns) {
      ins.leader = true;
      ins.entry = true;
    }
  }
  if (options.entryPcs) {
    for (const pc of options.entryPcs) {
      const i = pc >= 0 && pc < len ? index[pc]! : -1;
      if (i < 0) throw new RangeError(`entry ${pc} is not an instruction start`);
      insns[i]!.leader = true;
      insns[i]!.entry = true;
    }
  }
  const returnPoints: number[] = [];
  for (const ins of insns) {
    if (ins.target >= 0) mark(ins.target);
    if (ins.target >= 0 || ins.op === Op.RET || ins.info.host) mark(ins.next);
    if (ins.info.host && ins.next < len) insns[index[ins.next]!]!.entry = true;
    if (ins.op === Op.CALL) returnPoints.push(ins.next);
  }

  // MODE data-flow: a worklist fixpoint over instructions (sets only grow; 5 bits, so it terminates fast).
  const initial = entryModes ?? 1 << loaded.program.mode;
  const work: number[] = [];
  const flow = (pc: number, modes: ModeSet): void => {
    const i = index[pc]!;
    if (i < 0) return; // the code length: the run ends there
    const ins = insns[i]!;
    if ((ins.modes | modes) !== ins.modes) {
      ins.modes |= modes;
      work.push(i);
    }
  };
  if (len > 0) flow(entry, initial);
  if (options.allEntries) for (const ins of insns) flow(ins.pc, entryModes ?? ALL_MODES);
  if (options.entryPcs) for (const pc of options.entryPcs) flow(pc, entryModes ?? ALL_MODES);
  // Host instructions never change MODE, so re-entry after them needs no extra seed.
  while (work.length > 0) {
    const ins = insns[work.pop()!]!;
    const out = modeTransfer(ins.op, ins.size, ins.b1, ins.b2, ins.modes);
    if (ins.target >= 0) flow(ins.target, out);
    if (fallsThrough(ins.op) && ins.op !== Op.CALL) flow(ins.next, out);
    // A RET returns to the instruction after some CALL (or ends the run): flow into every return point.
    if (ins.op === Op.RET) for (const r of returnPoints) flow(r, out);
  }

  const entries: number[] = [];
  for (let i = 0; i < insns.length; i++) if (insns[i]!.entry) entries.push(insns[i]!.pc);
  const seen = new Set<number>();
  const rets: number[] = [];
  for (const r of returnPoints) {
    if (!seen.has(r)) {
      seen.add(r);
      rets.push(r);
    }
  }
  return { codeLength: len, entryPc: entry, insns, index, entries, returnPoints: rets };
}
