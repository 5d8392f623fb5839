// VspState: the state block (state-layout.ts) in a JS-owned ArrayBuffer, with typed views over it, plus the
// host-side input stream. Interpreter, host calls and JITs all read and write this one memory.
import { Flag, HOST_SETTABLE_FLAGS, Mode, RunStatus, S, STATE_SIZE, VspError } from './state-layout.js';

export interface InitialState {
  /** 16 register bytes, R0 first (default all NULL = 0x00). */
  regs?: Uint8Array | readonly number[];
  /** Initial flags; only Z N O C M may be set (spec 2). */
  flags?: number;
  mode?: Mode;
  entry?: number;
  /** Initial data memory (the container's data section), placed at address 0. */
  data?: Uint8Array;
  /** The input stream SENSE consumes. */
  input?: Uint8Array;
  /** Cycle budget, 0..2^53 (default 100,000,000). */
  budget?: number;
}

export const DEFAULT_BUDGET = 100_000_000;

export class VspState {
  readonly buffer: ArrayBuffer;
  /** The whole block as bytes (registers at S.REGS, data at S.DATA, ...). */
  readonly bytes: Uint8Array;
  readonly view: DataView;
  /** The input stream (host-side; INPOS and INPUT_LEN are in the block). */
  input: Uint8Array = new Uint8Array(0);

  constructor() {
    this.buffer = new ArrayBuffer(STATE_SIZE);
    this.bytes = new Uint8Array(this.buffer);
    this.view = new DataView(this.buffer);
  }

  /** Clears everything and applies an initial state. Throws RangeError on values outside the spec's ranges. */
  reset(init: InitialState = {}): this {
    this.bytes.fill(0);
    if (init.regs) {
      if (init.regs.length !== 16) throw new RangeError(`initial registers: expected 16 bytes, got ${init.regs.length}`);
      this.bytes.set(init.regs, S.REGS);
    }
    const flags = init.flags ?? 0;
    if (!Number.isInteger(flags) || flags < 0 || flags > 255 || (flags & ~HOST_SETTABLE_FLAGS) !== 0) {
      throw new RangeError(`initial flags 0x${flags.toString(16)}: only Z N O C M (0x${HOST_SETTABLE_FLAGS.toString(16)}) may be set`);
    }
    this.bytes[S.FLAGS] = flags;
    const mode = init.mode ?? Mode.SIL128;
    if (!(mode >= 0 && mode <= 4)) throw new RangeError(`mode ${mode}: expected 0..4`);
    this.bytes[S.MODE] = mode;
    this.pc = init.entry ?? 0;
    if (init.data) {
      if (init.data.length > 0x10000) throw new RangeError(`data section of ${init.data.length} bytes: at most 65,536`);
      this.bytes.set(init.data, S.DATA);
    }
    this.input = init.input ?? new Uint8Array(0);
    this.view.setUint32(S.INPUT_LEN, this.input.length, true);
    this.budget = init.budget ?? DEFAULT_BUDGET;
    return this;
  }

  get flags(): number {
    return this.bytes[S.FLAGS]!;
  }
  set flags(v: number) {
    this.bytes[S.FLAGS] = v;
  }
  get mode(): Mode {
    return this.bytes[S.MODE]!;
  }
  get status(): RunStatus {
    return this.bytes[S.STATUS]!;
  }
  set status(v: RunStatus) {
    this.bytes[S.STATUS] = v;
  }
  get error(): VspError {
    return this.bytes[S.ERROR]!;
  }
  set error(v: VspError) {
    this.bytes[S.ERROR] = v;
  }
  get pc(): number {
    return this.view.getUint32(S.PC, true);
  }
  set pc(v: number) {
    this.view.setUint32(S.PC, v, true);
  }
  get sp(): number {
    return this.view.getUint32(S.SP, true);
  }
  get fp(): number {
    return this.view.getUint32(S.FP, true);
  }
  get callDepth(): number {
    return this.view.getUint32(S.CALL_DEPTH, true);
  }
  /** CYCLES as a number (exact up to 2^53). */
  get cycles(): number {
    return this.view.getUint32(S.CYCLES, true) + this.view.getUint32(S.CYCLES + 4, true) * 0x1_0000_0000;
  }
  set cycles(v: number) {
    this.view.setUint32(S.CYCLES, v >>> 0, true);
    this.view.setUint32(S.CYCLES + 4, Math.floor(v / 0x1_0000_0000), true);
  }
  /** The cycle budget as a number (0..2^53). */
  get budget(): number {
    return this.view.getUint32(S.BUDGET, true) + this.view.getUint32(S.BUDGET + 4, true) * 0x1_0000_0000;
  }
  set budget(v: number) {
    if (!Number.isInteger(v) || v < 0 || v > 2 ** 53) throw new RangeError(`budget ${v}: expected an integer 0..2^53`);
    this.view.setUint32(S.BUDGET, v >>> 0, true);
    this.view.setUint32(S.BUDGET + 4, Math.floor(v / 0x1_0000_0000), true);
  }
  /** Whether a flag bit is set. */
  has(flag: (typeof Flag)[keyof typeof Flag]): boolean {
    return (this.bytes[S.FLAGS]! & flag) !== 0;
  }
}
