// The run harness: "run these bytes with these input registers and memory; give me the output registers,
// the output memory and why it stopped", tens of thousands of times per test file.
//
// One Harness owns one Engine and a fixed memory layout (code, stack, data regions, an unmapped stop
// sentinel), mapped once. Every case starts from the same clean state:
//   - CPU: a saved uc_context is restored (all integer and vector registers 0; a64: sp = frame, lr = stop
//     sentinel, nzcv = 0, fpcr = 0; x64: rflags = 0x2, mxcsr = 0x1f80 (Unicorn 2.0.1 resets it to 0), rsp
//     per style);
//   - memory: the caller frame at the top of the stack (FRAME_BYTES) and every data region marked `zero`
//     are cleared; the rest of the stack is not (code must not read stack it did not write);
//   - code: written only when it (or the style) differs from what is loaded; the rest of the code region
//     holds a trap fill (a64 udf #0, x64 int3) so running off the end of a 'call' function stops cleanly.
// Conventions: every clean run ends with the pc at the unmapped stop sentinel (kind 'stop', pc = stopAddress).
//   - 'fallthrough' (default): the harness appends one jump to the sentinel after the code (a64 `b`, x64
//     `jmp rel32`); the code simply falls through its last instruction. The jump is not counted in the budget:
//     a budget that runs out exactly on it still ends as a clean stop.
//   - 'call': the code is a function. a64: lr (x30) = stopAddress; x64: the return address stopAddress is
//     pushed ([rsp] = stopAddress, rsp ≡ 8 mod 16 as after a call). `ret` reaches the sentinel.
// Why a sentinel rather than "until = end of code": after each run Unicorn drops the translation block
// holding the byte before `until`, i.e. the code's own last block, which is then retranslated on every
// run (~4 µs for 1 instruction, ~16 µs for 10); ending at an unmapped sentinel keeps the code's blocks
// cached (~0.6 µs per run). Unicorn stops at `until` before fetching it.
import { EmulationError, HarnessError, hex } from './errors.js';
import { DEFAULT_OUTPUT_REGS, type Arch, type RegName } from './registers.js';
import {
  Engine,
  PAGE_SIZE,
  describeStop,
  type EngineContext,
  type ExceptionEvent,
  type OpenOptions,
  type Perms,
  type RegisterSet,
  type ResumableException,
  type StopReason,
} from './unicorn.js';

/** Bytes at the top of the stack that are cleared every case (the caller's frame: stack arguments). */
export const FRAME_BYTES = 256;

export type RunStyle = 'fallthrough' | 'call';

/** An extra memory region of the harness. */
export interface DataRegionSpec {
  /** A name for messages and lookups (`harness.region(name)`). */
  name: string;
  /** Page-aligned start. */
  address: bigint;
  /** Size in bytes (a multiple of 4096). */
  size: number;
  /** Default 'rw'. */
  perms?: Perms;
  /** Clear the region at the start of every case (costs ~0.25 µs per 4 KiB). Default true. */
  zero?: boolean;
}

export interface HarnessOptions<A extends Arch> extends OpenOptions<A> {
  /** Where code is placed. Default 0x100000. */
  codeBase?: bigint;
  /** Code region size. Default 64 KiB. */
  codeSize?: number;
  /** Stack region start. Default 0x200000. */
  stackBase?: bigint;
  /** Stack region size. Default 64 KiB. */
  stackSize?: number;
  /** Extra regions. Default: one 4 KiB region 'data' at 0x300000, cleared every case. */
  data?: readonly DataRegionSpec[];
  /**
   * The unmapped stop sentinel (return address of the 'call' style, jump target of 'fallthrough').
   * Must be reachable by a direct branch from the code region (a64 ±128 MiB, x64 ±2 GiB). Default 0xdead00.
   */
  stopAddress?: bigint;
  /** Default instruction budget of a case. Default 1,000,000. */
  maxInstructions?: number;
}

/** The resolved layout of a harness (all addresses absolute). */
export interface HarnessLayout {
  readonly codeBase: bigint;
  readonly codeSize: number;
  readonly stackBase: bigint;
  readonly stackSize: number;
  /** Initial sp/rsp in the 'fallthrough' style (and a64 'call'): stack top − FRAME_BYTES, 16-aligned. */
  readonly stackPointer: bigint;
  readonly stopAddress: bigint;
  readonly data: readonly Required<DataRegionSpec>[];
}

/** Memory given to a case before it runs. */
export interface MemoryInput {
  readonly address: bigint;
  readonly bytes: Uint8Array;
}

/** Memory read back after a case ran. */
export interface MemoryOutput {
  readonly address: bigint;
  readonly size: number;
}

/** The register values of a case (inputs or outputs). */
export type RegValues<A extends Arch> = { readonly [K in RegName<A>]?: bigint };

/** Options common to cases and prepared programs. */
export interface RunSettings<A extends Arch> {
  /** Default 'fallthrough'. */
  style?: RunStyle;
  /** Offset of the first instruction inside the code. Default 0. */
  entry?: number;
  /** Instruction budget (default: the harness's maxInstructions). */
  maxInstructions?: number;
  /** Wall-clock limit (default none; each timed run starts a timer thread). */
  timeoutMs?: number;
  /** Exceptions to continue after (see Engine.run). */
  continueOn?: readonly ResumableException<A>[];
  /** Observer of exceptions (see Engine.run). */
  onException?: (event: ExceptionEvent, engine: Engine) => void;
}

/** One case for Harness.run(). */
export interface Case<A extends Arch> extends RunSettings<A> {
  /** The machine code. Loaded at codeBase (skipped when identical to the code already there). */
  code: Uint8Array;
  /** Input registers; every other register starts at its clean value (0). */
  regs?: RegValues<A>;
  /** Input memory, inside the stack or a data region. */
  memory?: readonly MemoryInput[];
  /** Registers to read back. Default: DEFAULT_OUTPUT_REGS (integer registers + flags). */
  outputs?: readonly RegName<A>[];
  /** Memory to read back. */
  readMemory?: readonly MemoryOutput[];
}

/** What a case produced. */
export interface CaseResult<A extends Arch> {
  readonly stop: StopReason;
  /** The output registers (read even when the run did not stop cleanly). */
  readonly regs: RegValues<A>;
  /** One array per `readMemory` entry. */
  readonly memory: readonly Uint8Array[];
}

/** A program prepared for repeated runs (the fastest path: no per-case lookups). */
export interface ProgramSpec<A extends Arch> extends RunSettings<A> {
  code: Uint8Array;
  /** Input registers, in the order of the values passed to Program.run(). */
  inputs?: readonly RegName<A>[];
  /** Output registers, read after every run. Default: DEFAULT_OUTPUT_REGS. */
  outputs?: readonly RegName<A>[];
}

/** A run that did not stop at its stop address, thrown by requireStop(). */
export class RunError extends EmulationError {
  readonly stop: StopReason;
  constructor(stop: StopReason, context: string) {
    super('harness-case', `${context}: the run did not reach its stop address: ${describeStop(stop)}`);
    this.stop = stop;
  }
}

/** Throws RunError unless the run reached its stop address. */
export function requireStop(stop: StopReason, context = 'case'): void {
  if (stop.kind !== 'stop') throw new RunError(stop, context);
}

const DEFAULTS = {
  codeBase: 0x100000n,
  codeSize: 0x10000,
  stackBase: 0x200000n,
  stackSize: 0x10000,
  stopAddress: 0xdead00n,
  maxInstructions: 1_000_000,
};

/** A reusable engine with a fixed layout; see the header of emulation/harness.ts for the conventions. */
export class Harness<A extends Arch = Arch> {
  readonly arch: A;
  readonly engine: Engine<A>;
  readonly layout: HarnessLayout;
  readonly #maxInstructions: number;
  readonly #ctxFall: EngineContext;
  readonly #ctxCall: EngineContext;
  readonly #frame: Uint8Array; // template written below the stack top every case
  readonly #frameAddr: bigint;
  readonly #zeros: Uint8Array;
  readonly #zeroRegions: Array<{ address: bigint; size: number }>;
  readonly #writable: Array<{ begin: bigint; end: bigint; name: string }>;
  readonly #image: Uint8Array; // what the code region holds: code, stop jump, trap fill
  #loadedCodeLen = 0;
  #loadedTotal = 0;
  #loadedStyle: RunStyle | null = null;
  readonly #fill: Uint8Array;
  readonly #defaultOutputs: RegisterSet<A>;
  readonly #outputSets = new WeakMap<readonly string[], RegisterSet<A>>();

  private constructor(arch: A, options: HarnessOptions<A>) {
    this.arch = arch;
    this.layout = resolveLayout(arch, options);
    const L = this.layout;
    this.#maxInstructions = options.maxInstructions ?? DEFAULTS.maxInstructions;
    if (!Number.isSafeInteger(this.#maxInstructions) || this.#maxInstructions <= 0) {
      throw new HarnessError('harness-layout', `maxInstructions must be a positive integer, got ${this.#maxInstructions}`);
    }
    const engine = Engine.open(arch, options.cpuModel === undefined ? {} : { cpuModel: options.cpuModel });
    this.engine = engine;
    try {
      engine.map(L.codeBase, L.codeSize, 'rx');
      engine.map(L.stackBase, L.stackSize, 'rw');
      for (const d of L.data) engine.map(d.address, d.size, d.perms);

      // Trap fill of the code region.
      this.#fill = trapFill(arch, L.codeSize);
      engine.writeCode(L.codeBase, this.#fill);
      this.#image = this.#fill.slice();

      // Frame template: x64 'call' pushes the return address at stackPointer - 8.
      this.#frameAddr = L.stackPointer - 8n;
      this.#frame = new Uint8Array(FRAME_BYTES + 8);
      if (arch === 'x64') new DataView(this.#frame.buffer).setBigUint64(0, L.stopAddress, true);
      this.#zeroRegions = L.data.filter((d) => d.zero).map((d) => ({ address: d.address, size: d.size }));
      this.#zeros = new Uint8Array(Math.max(0, ...this.#zeroRegions.map((r) => r.size)));
      this.#writable = [
        { begin: L.stackBase, end: L.stackBase + BigInt(L.stackSize), name: 'stack' },
        ...L.data.map((d) => ({ begin: d.address, end: d.address + BigInt(d.size), name: d.name })),
      ];

      // Clean CPU states, one per style.
      this.#ctxFall = this.#cleanContext('fallthrough');
      this.#ctxCall = this.#cleanContext('call');
      this.#defaultOutputs = engine.registerSet(DEFAULT_OUTPUT_REGS[arch] as readonly RegName<A>[]);
    } catch (e) {
      engine.close();
      throw e;
    }
  }

  /** Opens a harness (and its engine) for `arch`. */
  static open<A extends Arch>(arch: A, options: HarnessOptions<A> = {}): Harness<A> {
    return new Harness(arch, options);
  }

  #cleanContext(style: RunStyle): EngineContext {
    const e = this.engine as unknown as Engine<Arch>;
    const L = this.layout;
    if (this.arch === 'a64') {
      const a = e as unknown as Engine<'a64'>;
      for (let i = 0; i <= 30; i++) a.writeReg(`x${i}` as RegName<'a64'>, 0n);
      for (let i = 0; i <= 31; i++) a.writeReg(`q${i}` as RegName<'a64'>, 0n);
      a.writeReg('sp', L.stackPointer);
      a.writeReg('lr', L.stopAddress);
      a.writeReg('nzcv', 0n);
      a.writeReg('fpcr', 0n);
      a.writeReg('fpsr', 0n);
    } else {
      const x = e as unknown as Engine<'x64'>;
      for (const r of DEFAULT_OUTPUT_REGS.x64) if (r !== 'rflags') x.writeReg(r as RegName<'x64'>, 0n);
      for (let i = 0; i <= 15; i++) x.writeReg(`xmm${i}` as RegName<'x64'>, 0n);
      x.writeReg('rflags', 0x2n);
      x.writeReg('mxcsr', 0x1f80n);
      x.writeReg('rsp', style === 'call' ? L.stackPointer - 8n : L.stackPointer);
    }
    return e.saveContext();
  }

  /** True once close() ran. */
  get closed(): boolean {
    return this.engine.closed;
  }

  /** Closes the engine. Idempotent. */
  close(): void {
    this.engine.close();
  }

  /** The data region called `name`. */
  region(name: string): Required<DataRegionSpec> {
    const r = this.layout.data.find((d) => d.name === name);
    if (r === undefined) {
      throw new HarnessError('harness-case', `the harness has no data region '${name}'; regions: ${this.layout.data.map((d) => d.name).join(', ') || 'none'}`);
    }
    return r;
  }

  /** Writes `bytes` at `address`, which must lie inside the stack or a data region. */
  writeData(address: bigint, bytes: Uint8Array): void {
    this.#checkWritable(address, bytes.length, 'write');
    this.engine.writeMemory(address, bytes);
  }

  /** Reads `size` bytes at `address` (any mapped memory). */
  readData(address: bigint, size: number): Uint8Array {
    return this.engine.readMemory(address, size);
  }

  #checkWritable(address: bigint, size: number, what: string): void {
    if (typeof address !== 'bigint') throw new HarnessError('harness-case', `memory ${what}: address must be a bigint`);
    const end = address + BigInt(size);
    for (const r of this.#writable) if (address >= r.begin && end <= r.end) return;
    const list = this.#writable.map((r) => `${r.name} [${hex(r.begin)}, ${hex(r.end)})`).join(', ');
    throw new HarnessError('harness-case', `memory ${what} of ${size} byte(s) at [${hex(address)}, ${hex(end)}) is not inside one region; regions: ${list}`);
  }

  /**
   * Loads `code` at codeBase for `style` ('fallthrough' appends the jump to the stop sentinel), unless the
   * same code is already loaded for the same style. Throws HarnessError when it does not fit.
   */
  loadCode(code: Uint8Array, style: RunStyle = 'fallthrough'): void {
    if (!(code instanceof Uint8Array)) throw new HarnessError('harness-case', 'code must be a Uint8Array');
    const n = code.length;
    const L = this.layout;
    const tail = style === 'fallthrough' ? (this.arch === 'a64' ? 4 : 5) : 0;
    if (this.arch === 'a64' && n % 4 !== 0) {
      throw new HarnessError('harness-case', `a64 code must be a whole number of 4-byte instructions, got ${n} bytes`);
    }
    if (n + tail > L.codeSize) {
      throw new HarnessError('harness-case', `code of ${n} bytes (+${tail} for the stop jump) does not fit the ${L.codeSize}-byte code region at ${hex(L.codeBase)}`);
    }
    const image = this.#image;
    if (n === this.#loadedCodeLen && style === this.#loadedStyle) {
      let same = true;
      if (n <= 64) {
        for (let i = 0; i < n; i++) {
          if (image[i] !== code[i]) {
            same = false;
            break;
          }
        }
      } else {
        same = Buffer.compare(Buffer.from(image.buffer, image.byteOffset, n), Buffer.from(code.buffer, code.byteOffset, n)) === 0;
      }
      if (same) return;
    }
    image.set(code);
    if (tail !== 0) encodeStopJump(this.arch, image, n, L.codeBase + BigInt(n), L.stopAddress);
    const total = n + tail;
    const prev = this.#loadedTotal;
    if (total > 0) this.engine.writeCode(L.codeBase, image.subarray(0, total));
    if (total < prev) {
      image.set(this.#fill.subarray(total, prev), total);
      this.engine.writeCode(L.codeBase + BigInt(total), image.subarray(total, prev));
    }
    this.#loadedCodeLen = n;
    this.#loadedTotal = total;
    this.#loadedStyle = style;
  }

  /** Clean CPU state, cleared frame and data regions, code loaded. */
  #prepareCase(code: Uint8Array, style: RunStyle, entry: number): void {
    if (style !== 'fallthrough' && style !== 'call') throw new HarnessError('harness-case', `style '${String(style)}' is not 'fallthrough' or 'call'`);
    if (!Number.isSafeInteger(entry) || entry < 0 || (entry >= code.length && code.length > 0) || (entry > 0 && code.length === 0)) {
      throw new HarnessError('harness-case', `entry offset ${entry} is outside the ${code.length}-byte code`);
    }
    const e = this.engine;
    e.restoreContext(style === 'call' ? this.#ctxCall : this.#ctxFall);
    this.loadCode(code, style);
    e.writeMemory(this.#frameAddr, this.#frame);
    const zr = this.#zeroRegions;
    for (let i = 0; i < zr.length; i++) e.writeMemory(zr[i].address, this.#zeros.subarray(0, zr[i].size));
  }

  #execute(s: RunSettings<A>): StopReason {
    const style = s.style ?? 'fallthrough';
    const L = this.layout;
    const budget = s.maxInstructions ?? this.#maxInstructions;
    const stop = this.engine.run({
      begin: L.codeBase + BigInt(s.entry ?? 0),
      until: L.stopAddress,
      maxInstructions: budget,
      ...(s.timeoutMs === undefined ? {} : { timeoutMs: s.timeoutMs }),
      ...(s.continueOn === undefined ? {} : { continueOn: s.continueOn }),
      ...(s.onException === undefined ? {} : { onException: s.onException }),
    });
    // The appended stop jump is not the caller's code: a budget that ran out exactly on it means the code
    // completed within the budget. Finish as a normal stop (pc at the sentinel).
    if (stop.kind === 'budget' && style === 'fallthrough' && stop.pc === L.codeBase + BigInt(this.#loadedCodeLen)) {
      (this.engine as unknown as Engine<Arch>).writeReg(this.arch === 'a64' ? 'pc' : 'rip', L.stopAddress);
      return { kind: 'stop', pc: L.stopAddress };
    }
    return stop;
  }

  /** Runs one case from a clean state. Never throws for faults or exceptions: see `stop`. */
  run(c: Case<A>): CaseResult<A> {
    this.#prepareCase(c.code, c.style ?? 'fallthrough', c.entry ?? 0);
    const e = this.engine;
    if (c.regs !== undefined) {
      for (const name in c.regs) {
        const v = (c.regs as Record<string, bigint | undefined>)[name];
        if (v !== undefined) e.writeReg(name as RegName<A>, v);
      }
    }
    if (c.memory !== undefined) {
      for (const m of c.memory) {
        this.#checkWritable(m.address, m.bytes.length, 'input');
        e.writeMemory(m.address, m.bytes);
      }
    }
    if (c.readMemory !== undefined) for (const m of c.readMemory) this.#checkReadable(m);
    const stop = this.#execute(c);
    const set = this.#outputSet(c.outputs);
    set.read();
    const regs: Record<string, bigint> = {};
    for (let i = 0; i < set.count; i++) regs[set.names[i]] = set.get(i);
    const memory: Uint8Array[] = [];
    if (c.readMemory !== undefined) for (const m of c.readMemory) memory.push(e.readMemory(m.address, m.size));
    return { stop, regs: regs as RegValues<A>, memory };
  }

  #checkReadable(m: MemoryOutput): void {
    if (!Number.isSafeInteger(m.size) || m.size < 0) throw new HarnessError('harness-case', `readMemory size ${m.size} is not a non-negative integer`);
    this.#checkWritable(m.address, m.size, 'read-back');
  }

  #outputSet(names: readonly RegName<A>[] | undefined): RegisterSet<A> {
    if (names === undefined) return this.#defaultOutputs;
    let set = this.#outputSets.get(names);
    if (set === undefined) {
      set = this.engine.registerSet(names);
      this.#outputSets.set(names, set);
    }
    return set;
  }

  /** Prepares a program for many runs with different inputs (see Program). */
  prepare(spec: ProgramSpec<A>): Program<A> {
    if (!(spec.code instanceof Uint8Array)) throw new HarnessError('harness-case', 'code must be a Uint8Array');
    if (spec.code.length > this.layout.codeSize) {
      throw new HarnessError('harness-case', `code of ${spec.code.length} bytes does not fit the ${this.layout.codeSize}-byte code region`);
    }
    const inputs = spec.inputs !== undefined && spec.inputs.length > 0 ? this.engine.registerSet(spec.inputs) : null;
    const outputs = spec.outputs !== undefined ? this.engine.registerSet(spec.outputs) : this.#defaultOutputs;
    return new Program(this, spec, inputs, outputs);
  }

  /** @internal used by Program */
  _runProgram(spec: ProgramSpec<A>, inputs: RegisterSet<A> | null, memory: readonly MemoryInput[] | undefined): StopReason {
    this.#prepareCase(spec.code, spec.style ?? 'fallthrough', spec.entry ?? 0);
    if (inputs !== null) inputs.write();
    if (memory !== undefined) {
      for (const m of memory) {
        this.#checkWritable(m.address, m.bytes.length, 'input');
        this.engine.writeMemory(m.address, m.bytes);
      }
    }
    return this.#execute(spec);
  }
}

/**
 * A program bound to a harness: set inputs, run, read outputs, with one native call for all input
 * registers and one for all output registers.
 *
 *   const p = harness.prepare({ code, inputs: ['x1', 'x2'], outputs: ['x0', 'nzcv'] });
 *   const stop = p.run([a, b]);        // or p.inputs.set(i, v) then p.run()
 *   p.output(0)                        // x0
 */
export class Program<A extends Arch> {
  readonly harness: Harness<A>;
  readonly spec: Readonly<ProgramSpec<A>>;
  /** Input registers (null when the program has none). */
  readonly inputs: RegisterSet<A> | null;
  /** Output registers, read after every run. */
  readonly outputs: RegisterSet<A>;

  /** @internal */
  constructor(harness: Harness<A>, spec: ProgramSpec<A>, inputs: RegisterSet<A> | null, outputs: RegisterSet<A>) {
    this.harness = harness;
    this.spec = Object.freeze({ ...spec, code: spec.code.slice() });
    this.inputs = inputs;
    this.outputs = outputs;
  }

  /**
   * Runs from a clean state with `values` for the input registers (in `spec.inputs` order; omitted: the
   * values already in `inputs.words`) and optional input memory. Outputs are read even after a fault.
   */
  run(values?: ArrayLike<bigint>, memory?: readonly MemoryInput[]): StopReason {
    const inputs = this.inputs;
    if (values !== undefined) {
      const n = inputs === null ? 0 : inputs.count;
      if (values.length !== n) throw new HarnessError('harness-case', `expected ${n} input value(s) (${inputs?.names.join(', ') ?? 'none'}), got ${values.length}`);
      for (let i = 0; i < n; i++) inputs!.set(i, values[i]);
    }
    const stop = this.harness._runProgram(this.spec, inputs, memory);
    this.outputs.read();
    return stop;
  }

  /** Output register `index` (in `spec.outputs` order) or by name, from the last run. */
  output(which: number | RegName<A>): bigint {
    const i = typeof which === 'number' ? which : this.outputs.indexOf(which);
    if (i < 0 || i >= this.outputs.count) {
      throw new HarnessError('harness-case', `output '${String(which)}' is not one of ${this.outputs.names.join(', ')}`);
    }
    return this.outputs.get(i);
  }
}

const fills = new Map<string, Uint8Array>();
/** The trap fill of a code region (shared, never written): a64 udf #0 (00 00 00 00), x64 int3 (cc). */
function trapFill(arch: Arch, size: number): Uint8Array {
  const key = `${arch}:${size}`;
  let f = fills.get(key);
  if (f === undefined) {
    f = new Uint8Array(size).fill(arch === 'x64' ? 0xcc : 0x00);
    fills.set(key, f);
  }
  return f;
}

/** Writes the jump to the stop sentinel at image[at]: a64 `b stop` (imm26), x64 `jmp rel32` (e9). */
function encodeStopJump(arch: Arch, image: Uint8Array, at: number, from: bigint, stop: bigint): void {
  const view = new DataView(image.buffer, image.byteOffset + at, arch === 'a64' ? 4 : 5);
  if (arch === 'a64') {
    const imm26 = Number(BigInt.asUintN(26, (stop - from) >> 2n));
    view.setUint32(0, (0x14000000 | imm26) >>> 0, true);
  } else {
    view.setUint8(0, 0xe9);
    view.setInt32(1, Number(stop - (from + 5n)), true);
  }
}

function resolveLayout<A extends Arch>(arch: A, o: HarnessOptions<A>): HarnessLayout {
  const codeBase = o.codeBase ?? DEFAULTS.codeBase;
  const codeSize = o.codeSize ?? DEFAULTS.codeSize;
  const stackBase = o.stackBase ?? DEFAULTS.stackBase;
  const stackSize = o.stackSize ?? DEFAULTS.stackSize;
  const stopAddress = o.stopAddress ?? DEFAULTS.stopAddress;
  const data = (o.data ?? [{ name: 'data', address: 0x300000n, size: 0x1000, perms: 'rw', zero: true }]).map((d) => ({
    name: d.name,
    address: d.address,
    size: d.size,
    perms: d.perms ?? ('rw' as Perms),
    zero: d.zero ?? true,
  }));
  const regions: Array<{ name: string; address: bigint; size: number }> = [
    { name: 'code', address: codeBase, size: codeSize },
    { name: 'stack', address: stackBase, size: stackSize },
    ...data,
  ];
  const names = new Set<string>();
  for (const r of regions) {
    if (typeof r.address !== 'bigint' || r.address < 0n) throw new HarnessError('harness-layout', `region '${r.name}': address must be a non-negative bigint`);
    if (!Number.isSafeInteger(r.size) || r.size <= 0 || r.size % PAGE_SIZE !== 0 || r.address % BigInt(PAGE_SIZE) !== 0n) {
      throw new HarnessError('harness-layout', `region '${r.name}' [${hex(r.address)}, +${r.size}): address and size must be non-zero multiples of ${PAGE_SIZE}`);
    }
    if (names.has(r.name)) throw new HarnessError('harness-layout', `two regions are named '${r.name}'`);
    names.add(r.name);
  }
  if (stackSize < FRAME_BYTES + 4096) throw new HarnessError('harness-layout', `the stack needs at least ${FRAME_BYTES + 4096} bytes, got ${stackSize}`);
  for (let i = 0; i < regions.length; i++) {
    const a = regions[i];
    const aEnd = a.address + BigInt(a.size);
    if (stopAddress >= a.address && stopAddress < aEnd) {
      throw new HarnessError('harness-layout', `the stop address ${hex(stopAddress)} lies inside region '${a.name}' [${hex(a.address)}, ${hex(aEnd)}): it must be unmapped`);
    }
    for (let j = i + 1; j < regions.length; j++) {
      const b = regions[j];
      const bEnd = b.address + BigInt(b.size);
      if (a.address < bEnd && b.address < aEnd) {
        throw new HarnessError('harness-layout', `regions '${a.name}' [${hex(a.address)}, ${hex(aEnd)}) and '${b.name}' [${hex(b.address)}, ${hex(bEnd)}) overlap`);
      }
    }
  }
  if (arch === 'a64' && stopAddress % 4n !== 0n) throw new HarnessError('harness-layout', `the a64 stop address ${hex(stopAddress)} must be 4-byte aligned`);
  // The 'fallthrough' stop jump must reach the sentinel from anywhere in the code region.
  const reach = arch === 'a64' ? 1n << 27n : 1n << 31n;
  for (const from of [codeBase, codeBase + BigInt(codeSize)]) {
    const d = stopAddress - from;
    if (d < -reach + 8n || d >= reach - 8n) {
      throw new HarnessError(
        'harness-layout',
        `the stop address ${hex(stopAddress)} is too far from the code region at ${hex(codeBase)} for a direct ${arch === 'a64' ? 'b (±128 MiB)' : 'jmp rel32 (±2 GiB)'}`,
      );
    }
  }
  return Object.freeze({
    codeBase,
    codeSize,
    stackBase,
    stackSize,
    stackPointer: stackBase + BigInt(stackSize) - BigInt(FRAME_BYTES),
    stopAddress,
    data: Object.freeze(data),
  });
}

// ---------------------------------------------------------------------------------------------------------
// Shared harnesses: one per architecture and process, default layout, created on first use.

const shared: { a64?: Harness<'a64'>; x64?: Harness<'x64'> } = {};

/**
 * The process-wide harness of `arch` with the default layout (created on first use, reused by every
 * caller). Safe to share because every case starts from a clean state; do not change its layout or map
 * memory into its engine. Closed by closeSharedHarnesses() (or at process exit).
 */
export function sharedHarness<A extends Arch>(arch: A): Harness<A> {
  const existing = shared[arch] as Harness<A> | undefined;
  if (existing !== undefined && !existing.closed) return existing;
  const h = Harness.open(arch);
  (shared as Record<string, Harness<Arch>>)[arch] = h as unknown as Harness<Arch>;
  return h;
}

/** Closes the shared harnesses (a later sharedHarness() opens new ones). */
export function closeSharedHarnesses(): void {
  shared.a64?.close();
  shared.x64?.close();
  delete shared.a64;
  delete shared.x64;
}
