// Test helpers: an instruction encoder written from the spec's shape table (3.1) and the opcode table, and
// ways to run programs or single instructions on the interpreter.
import { VSP_OPCODE_BY_MNEMONIC } from '../../spec/vsp/opcodes.js';
import { checkProgram, type LoadedProgram } from '../../src/vsp/container.js';
import { runProgramSync } from '../../src/vsp/engine.js';
import { prepareProgram, runInterpreter, type PreparedProgram } from '../../src/vsp/interpreter.js';
import { Mode, RunStatus, S, VspError } from '../../src/vsp/state-layout.js';
import { VspState } from '../../src/vsp/state.js';

/** Encodes one instruction by mnemonic; operands in the text order of its shape (spec 3.1). */
export function enc(mnemonic: string, ...o: number[]): number[] {
  const info = VSP_OPCODE_BY_MNEMONIC.get(mnemonic.toUpperCase());
  if (!info) throw new Error(`unknown mnemonic ${mnemonic}`);
  const op = info.code;
  const x = (i: number): number => o[i] ?? 0;
  switch (info.shape) {
    case '-':
      return [op];
    case 'r':
      return info.size === 2 ? [op, x(0)] : [op, x(0), 0];
    case 'rr':
      return [op, x(0) | (x(1) << 4), 0];
    case 'ri':
      return [op, x(0), x(1) & 255];
    case 'rri':
      return [op, x(0) | (x(1) << 4), x(2) & 255];
    case 'i8':
      return [op, x(0) & 255];
    case 'm':
      return info.size === 2 ? [op, x(0)] : [op, 0, x(0)];
    case 'a24':
      return [op, x(0) & 255, (x(0) >> 8) & 255, (x(0) >> 16) & 255];
    case 'ra16':
      return [op, x(0), x(1) & 255, (x(1) >> 8) & 255];
    case 'ch':
      return [op, x(0) & 255, 0, 0];
    case 'sys':
      return [op, x(0) & 255, x(1) & 255, (x(1) >> 8) & 255];
  }
}

export function code(...insns: number[][]): Uint8Array {
  return Uint8Array.from(insns.flat());
}

export interface RunSpec {
  regs?: number[] | Uint8Array;
  flags?: number;
  mode?: Mode;
  data?: Uint8Array;
  input?: Uint8Array;
  budget?: number;
  entry?: number;
}

export function load(bytes: Uint8Array, mode: Mode = Mode.SIL128, entry = 0, data: Uint8Array = new Uint8Array(0)): LoadedProgram {
  const r = checkProgram({ code: bytes, entry, mode, data });
  if (!r.ok) throw new Error(`test program rejected: ${VspError[r.error]} at ${r.offset}`);
  return r;
}

/** Loads and runs a program on a fresh state; returns the state block. */
export function run(bytes: Uint8Array, spec: RunSpec = {}): VspState {
  const loaded = load(bytes, spec.mode ?? Mode.SIL128, spec.entry ?? 0, spec.data ?? new Uint8Array(0));
  return runProgramSync(loaded, {
    ...(spec.regs ? { regs: Uint8Array.from(spec.regs) } : {}),
    flags: spec.flags ?? 0,
    ...(spec.input ? { input: spec.input } : {}),
    ...(spec.budget !== undefined ? { maxCycles: spec.budget } : {}),
  });
}

/**
 * Runs one instruction many times on one state without resetting the 200 KiB block each time: sets the
 * registers, flags and mode, PC 0, CYCLES 0, budget 1, empty stacks. For exhaustive per-instruction tests.
 */
export class Exec1 {
  readonly st = new VspState().reset();
  private readonly prep: PreparedProgram;
  constructor(insn: number[]) {
    this.prep = prepareProgram(load(Uint8Array.from(insn)));
  }
  run(regs: ArrayLike<number>, flags = 0, mode: Mode = Mode.SIL128): VspState {
    const st = this.st;
    const b = st.bytes;
    b.set(regs as ArrayLike<number>, S.REGS);
    b[S.FLAGS] = flags;
    b[S.MODE] = mode;
    b[S.STATUS] = RunStatus.running;
    b[S.ERROR] = 0;
    st.view.setUint32(S.PC, 0, true);
    st.view.setUint32(S.SP, 0, true);
    st.view.setUint32(S.FP, 0, true);
    st.view.setUint32(S.CALL_DEPTH, 0, true);
    st.cycles = 0;
    st.budget = 1;
    runInterpreter(this.prep, st);
    return st;
  }
}

export const regsHex = (st: VspState): string => Buffer.from(st.bytes.subarray(0, 16)).toString('hex');

/** ByteSil fields. */
export const rho = (b: number): number => (b >> 4) - 8;
export const theta = (b: number): number => b & 15;
export const byteOf = (r: number, t: number): number => ((r + 8) << 4) | t;
export const sat = (x: number): number => Math.min(7, Math.max(-8, x));
export const mod = (x: number, m: number): number => ((x % m) + m) % m;

/** Oracle: the binary16 value of a bit pattern by the IEEE definition, via Math.pow. */
export function f16Value(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 31;
  const f = h & 1023;
  if (e === 31) return f ? NaN : s * Infinity;
  if (e === 0) return s * Math.pow(2, -14) * (f / 1024);
  return s * Math.pow(2, e - 15) * (1 + f / 1024);
}

const F16_POS: number[] = [];
for (let h = 0; h <= 0x7bff; h++) F16_POS.push(f16Value(h));

/** Oracle: binary64 -> binary16 bits by binary search over the finite values, ties to the even pattern. */
export function f16Round(x: number): number {
  if (Number.isNaN(x)) return 0x7e00;
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  const a = Math.abs(x);
  if (a >= 65520) return sign | 0x7c00; // 65520 is the tie between 65504 (odd) and 2^16: overflow
  let lo = 0;
  let hi = F16_POS.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (F16_POS[mid]! <= a) lo = mid;
    else hi = mid;
  }
  let h: number;
  if (F16_POS[hi]! <= a) h = hi;
  else {
    const dl = a - F16_POS[lo]!;
    const dh = F16_POS[hi]! - a;
    h = dl < dh ? lo : dh < dl ? hi : lo % 2 === 0 ? lo : hi;
  }
  return sign | h;
}
