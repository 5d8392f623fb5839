// A typed Unicorn 2 engine over libunicorn.so.2 (koffi): one Engine per uc_engine, for 'a64' or 'x64'.
//
// Lifetime: Engine.open() creates the engine, sets the CPU model (must precede the first uc_mem_map) and
// installs the hooks (they must exist before any code is translated: hooks added later miss instructions of
// cached translation blocks). close() frees it at once; any later use throws EngineClosedError. An engine is
// meant to be reused across many runs: ~1.7 µs per run of cached code that stops at an unmapped sentinel,
// against ~300–800 µs for open + map + run + close. When `until` is the address right after the code,
// Unicorn retranslates the code's last block after every run (~17 µs for 10 instructions): see harness.ts.
//
// Runs: run() always passes an instruction count to uc_emu_start (a huge one when the caller sets no
// budget), because Unicorn installs its counting hook on the first counted run and *flushes every
// translation block* (~30 ms) whenever a run without a count follows a counted one. Every run ends with a
// StopReason; see docs/emulation.md.
import koffi from 'koffi';
import { CPU_MODELS, CTL_WRITE_CPU_MODEL, CTL_WRITE_TB_REMOVE_CACHE, UC, unicorn, type UcContextHandle, type UcHandle, type UnicornLib } from './native.js';
import { findRegister, registerNames, type Arch, type RegInfo, type RegName } from './registers.js';
import {
  EngineClosedError,
  InvalidArgumentError,
  MemoryAccessError,
  MemoryMapError,
  RegisterError,
  UnicornError,
  hex,
} from './errors.js';

/** Unicorn's page size for both architectures: map/unmap/protect work on whole 4 KiB pages. */
export const PAGE_SIZE = 4096;
const PAGE = 4096n;
const U64 = (1n << 64n) - 1n;

/** Memory permissions, as a subset of "rwx". */
export type Perms = 'none' | 'r' | 'w' | 'x' | 'rw' | 'rx' | 'wx' | 'rwx';

/** One mapped range, as the engine tracks it. */
export interface MappedRegion {
  readonly address: bigint;
  readonly size: bigint;
  readonly perms: Perms;
}

/** A CPU model name (UC_CPU_ARM64_* / UC_CPU_X86_*) or a raw model number. */
export type CpuModel<A extends Arch> = keyof (typeof CPU_MODELS)[A] | number;

export interface OpenOptions<A extends Arch> {
  /** Default: 'max' on a64 (LSE, v8.x extensions), 'qemu64' on x64. Set before the first map. */
  cpuModel?: CpuModel<A>;
}

/** Exceptions a run may continue after (the CPU resumes after the instruction, so continuing cannot loop). */
export type ResumableException<A extends Arch> = A extends 'a64' ? 'svc' : A extends 'x64' ? 'syscall' | 'int3' | 'int' : never;

/** What the exception hook saw: the interrupt number, its name, and the pc as the CPU left it. */
export interface ExceptionEvent {
  readonly interrupt: number;
  readonly name: string;
  readonly pc: bigint;
}

export interface RunOptions<A extends Arch = Arch> {
  /** Address of the first instruction. */
  begin: bigint;
  /** Stop address: the run ends with kind 'stop' when the pc reaches it (nothing there is fetched). */
  until: bigint;
  /** Instruction budget; the run ends with kind 'budget' when it is used up. Default: unlimited. */
  maxInstructions?: number;
  /** Wall-clock limit in milliseconds; the run ends with kind 'timeout'. Default: none (costs a timer thread). */
  timeoutMs?: number;
  /** Exceptions to continue after instead of stopping (all others stop the run). Default: none. */
  continueOn?: readonly ResumableException<A>[];
  /** Called for every exception (also those continued on) before the run stops or continues. */
  onException?: (event: ExceptionEvent, engine: Engine) => void;
}

/** Why a run ended. `pc` is the program counter when it ended. */
export type StopReason =
  | { readonly kind: 'stop'; readonly pc: bigint }
  | { readonly kind: 'budget'; readonly pc: bigint; readonly maxInstructions: number }
  | { readonly kind: 'timeout'; readonly pc: bigint; readonly timeoutMs: number }
  | {
      readonly kind: 'memory-fault';
      readonly pc: bigint;
      readonly access: 'read' | 'write' | 'fetch';
      readonly cause: 'unmapped' | 'protected';
      readonly address: bigint;
      readonly size: number;
    }
  | { readonly kind: 'exception'; readonly pc: bigint; readonly interrupt: number; readonly name: string }
  | { readonly kind: 'invalid-instruction'; readonly pc: bigint };

export type StopKind = StopReason['kind'];

/** One line describing a stop reason, for messages. */
export function describeStop(s: StopReason): string {
  switch (s.kind) {
    case 'stop':
      return `reached the stop address ${hex(s.pc)}`;
    case 'budget':
      return `instruction budget of ${s.maxInstructions} used up at pc ${hex(s.pc)}`;
    case 'timeout':
      return `timed out after ${s.timeoutMs} ms at pc ${hex(s.pc)}`;
    case 'memory-fault':
      return `${s.cause} memory ${s.access} of ${s.size} byte(s) at ${hex(s.address)} (pc ${hex(s.pc)})`;
    case 'exception':
      return `exception ${s.name} (interrupt ${s.interrupt}) at pc ${hex(s.pc)}`;
    case 'invalid-instruction':
      return `invalid instruction at pc ${hex(s.pc)}`;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Exception names. a64: QEMU's EXCP_* numbers (target/arm/cpu.h); x64: the interrupt vector.

const A64_EXCEPTIONS: Record<number, string> = {
  1: 'udf', 2: 'svc', 3: 'prefetch-abort', 4: 'data-abort', 5: 'irq', 6: 'fiq', 7: 'brk', 11: 'hvc', 12: 'hyp-trap', 13: 'smc', 16: 'semihost',
};
const X64_EXCEPTIONS: Record<number, string> = {
  0: 'divide-error', 1: 'debug', 2: 'nmi', 3: 'int3', 4: 'overflow', 5: 'bound-range', 6: 'invalid-opcode', 7: 'device-not-available',
  8: 'double-fault', 10: 'invalid-tss', 11: 'segment-not-present', 12: 'stack-fault', 13: 'general-protection', 14: 'page-fault',
  16: 'x87-fp', 17: 'alignment-check', 18: 'machine-check', 19: 'simd-fp',
};
/** Pseudo interrupt number reported for x86-64 `syscall` (QEMU's EXCP_SYSCALL). */
export const X64_SYSCALL_INTERRUPT = 0x101;
/** The a64 interrupt number of an undefined instruction (EXCP_UDEF); reported as 'invalid-instruction'. */
export const A64_UDEF_INTERRUPT = 1;

/** The name of interrupt `intno` on `arch` ('svc', 'brk', 'int3', 'int' for x86 vectors ≥ 32, …). */
export function exceptionName(arch: Arch, intno: number): string {
  if (arch === 'a64') return A64_EXCEPTIONS[intno] ?? `exception-${intno}`;
  if (intno === X64_SYSCALL_INTERRUPT) return 'syscall';
  if (intno >= 32) return 'int';
  return X64_EXCEPTIONS[intno] ?? `vector-${intno}`;
}

// ---------------------------------------------------------------------------------------------------------
// Hooks: registered once per process and shared by all engines. A run is synchronous, so the callbacks
// only ever fire for the engine whose run() is on the stack: `active`.

let active: Engine<Arch> | null = null;
let callbacks: { intr: bigint; syscall: bigint; mem: bigint; insnInvalid: bigint } | undefined;

function sharedCallbacks(lib: UnicornLib): NonNullable<typeof callbacks> {
  if (callbacks) return callbacks;
  const { protos } = unicorn();
  const intr = koffi.register((uc: UcHandle, intno: number) => {
    const e = active;
    if (e === null) lib.emuStop(uc);
    else e._onInterrupt(intno);
  }, koffi.pointer(protos.hookIntr));
  const syscall = koffi.register((uc: UcHandle) => {
    const e = active;
    if (e === null) lib.emuStop(uc);
    else e._onInterrupt(X64_SYSCALL_INTERRUPT);
  }, koffi.pointer(protos.hookInsn));
  const mem = koffi.register((uc: UcHandle, type: number, address: number | bigint, size: number) => {
    const e = active;
    if (e !== null) e._onMemInvalid(type, address, size);
    return false; // never map on demand: the run stops with UC_ERR_*_UNMAPPED / *_PROT
  }, koffi.pointer(protos.hookMemInvalid));
  const insnInvalid = koffi.register(() => false, koffi.pointer(protos.hookInsnInvalid));
  callbacks = { intr, syscall, mem, insnInvalid };
  return callbacks;
}

// ---------------------------------------------------------------------------------------------------------

function permBits(p: Perms): number {
  if (p === 'none') return UC.UC_PROT_NONE;
  let bits = 0;
  for (const c of p) bits |= c === 'r' ? UC.UC_PROT_READ : c === 'w' ? UC.UC_PROT_WRITE : UC.UC_PROT_EXEC;
  return bits;
}
const PERMS: readonly Perms[] = ['none', 'r', 'w', 'x', 'rw', 'rx', 'wx', 'rwx'];

function toBigSize(size: number | bigint, what: string): bigint {
  if (typeof size === 'bigint') return size;
  if (!Number.isSafeInteger(size) || size < 0) throw new InvalidArgumentError(`${what}: size ${size} is not a non-negative integer`);
  return BigInt(size);
}

function checkAddress(address: bigint, what: string): void {
  if (typeof address !== 'bigint') throw new InvalidArgumentError(`${what}: address must be a bigint, got ${typeof address}`);
  if (address < 0n || address > U64) throw new InvalidArgumentError(`${what}: address ${hex(address)} is outside 0..2^64-1`);
}

function checkBytes(bytes: Uint8Array, what: string): void {
  if (!(bytes instanceof Uint8Array)) throw new InvalidArgumentError(`${what}: bytes must be a Uint8Array`);
}

/** Finalizer state: what must be freed if an Engine is garbage-collected without close(). */
interface Owned {
  handle: UcHandle;
  contexts: Set<UcContextHandle>;
}
const finalizer = new FinalizationRegistry<Owned>((o) => releaseOwned(o));

function releaseOwned(o: Owned): void {
  if (o.handle === 0n) return;
  const { lib } = unicorn();
  for (const c of o.contexts) lib.contextFree(c);
  o.contexts.clear();
  lib.close(o.handle);
  o.handle = 0n;
}

/** A saved CPU state (uc_context): registers, flags, vector state. Freed with the engine or by free(). */
export class EngineContext {
  /** @internal */ _handle: UcContextHandle;
  readonly #owner: Owned;

  /** @internal */
  constructor(handle: UcContextHandle, owner: Owned) {
    this._handle = handle;
    this.#owner = owner;
  }

  /** Frees the context now (it is freed with its engine otherwise). Idempotent. */
  free(): void {
    if (this._handle === 0n) return;
    if (this.#owner.contexts.delete(this._handle)) unicorn().lib.contextFree(this._handle);
    this._handle = 0n;
  }
}

/**
 * A fixed list of registers read or written with one native call (uc_reg_read_batch / uc_reg_write_batch).
 * Values live in `words`, two 64-bit words per register (low, high; high is 0 except for 128-bit registers).
 */
export class RegisterSet<A extends Arch> {
  readonly names: readonly RegName<A>[];
  readonly count: number;
  /** Two 64-bit words per register: [low0, high0, low1, high1, …]. Native memory, stable address. */
  readonly words: BigUint64Array;
  readonly #engine: Engine<A>;
  readonly #ids: Int32Array;
  readonly #bits: Uint8Array;
  readonly #ptrs: BigUint64Array;

  /** @internal */
  constructor(engine: Engine<A>, names: readonly RegName<A>[], infos: RegInfo[], storage: ArrayBuffer, base: bigint) {
    this.#engine = engine;
    this.names = Object.freeze([...names]);
    this.count = names.length;
    this.#ids = new Int32Array(infos.map((r) => r.id));
    this.#bits = new Uint8Array(infos.map((r) => r.bits));
    this.words = new BigUint64Array(storage, 0, 2 * this.count);
    this.#ptrs = new BigUint64Array(this.count);
    for (let i = 0; i < this.count; i++) this.#ptrs[i] = base + BigInt(16 * i);
  }

  /** Reads every register of the set from the engine into `words`. */
  read(): this {
    const w = this.words;
    w.fill(0n); // 32-bit registers only write their low 4 bytes
    this.#engine._readBatch(this.#ids, this.#ptrs, this.count);
    return this;
  }

  /** Writes every register of the set from `words` to the engine. */
  write(): this {
    this.#engine._writeBatch(this.#ids, this.#ptrs, this.count);
    return this;
  }

  /** The value of register `index` (as last read or set). */
  get(index: number): bigint {
    const w = this.words;
    return this.#bits[index] === 128 ? (w[2 * index + 1] << 64n) | w[2 * index] : w[2 * index];
  }

  /** Sets register `index` in `words` (written by the next write()). Negative values are two's complement. */
  set(index: number, value: bigint): void {
    if (index < 0 || index >= this.count || !Number.isInteger(index)) {
      throw new InvalidArgumentError(`register set index ${index} is outside 0..${this.count - 1}`);
    }
    const bits = this.#bits[index];
    const v = fitRegister(this.names[index], bits, value);
    const w = this.words;
    w[2 * index] = bits === 128 ? v & U64 : v;
    w[2 * index + 1] = bits === 128 ? v >> 64n : 0n;
  }

  /** Index of `name` in the set, or -1. */
  indexOf(name: RegName<A>): number {
    return this.names.indexOf(name);
  }
}

function fitRegister(name: string, bits: number, value: bigint): bigint {
  if (typeof value !== 'bigint') {
    throw new RegisterError('register-value', name, `register ${name}: value must be a bigint, got ${typeof value} ${String(value)}`);
  }
  const b = BigInt(bits);
  if (value < -(1n << (b - 1n)) || value >= 1n << b) {
    throw new RegisterError(
      'register-value',
      name,
      `register ${name} is ${bits}-bit: value ${hex(value)} does not fit (allowed: -2^${bits - 1} .. 2^${bits}-1)`,
    );
  }
  return value < 0n ? BigInt.asUintN(bits, value) : value;
}

/** A Unicorn engine for one architecture. Create with Engine.open(); free with close(). */
export class Engine<A extends Arch = Arch> {
  readonly arch: A;
  readonly cpuModel: number;
  readonly #lib: UnicornLib;
  readonly #owned: Owned;
  #h: UcHandle;
  readonly #regions: MappedRegion[] = [];
  readonly #scratch: BigUint64Array = new BigUint64Array(new ArrayBuffer(16));
  readonly #pcId: number;

  // Per-run event record, written by the hooks (no allocation per run).
  #evKind = 0; // 0 none, 1 exception, 2 invalid instruction, 3 memory
  #evInt = 0;
  #evPc = 0n;
  #evMemType = 0;
  #evAddr = 0n;
  #evSize = 0;
  #runContinue: readonly string[] | undefined;
  #runObserver: ((event: ExceptionEvent, engine: Engine) => void) | undefined;
  #runError: unknown;

  private constructor(arch: A, handle: UcHandle, cpuModel: number, lib: UnicornLib) {
    this.arch = arch;
    this.cpuModel = cpuModel;
    this.#lib = lib;
    this.#h = handle;
    this.#owned = { handle, contexts: new Set() };
    this.#pcId = findRegister(arch, arch === 'a64' ? 'pc' : 'rip')!.id;
    finalizer.register(this, this.#owned, this);
  }

  /** Opens an engine: uc_open, CPU model, hooks. Throws LibraryUnavailableError without libunicorn.so.2. */
  static open<A extends Arch>(arch: A, options: OpenOptions<A> = {}): Engine<A> {
    if (arch !== 'a64' && arch !== 'x64') throw new InvalidArgumentError(`unknown architecture '${String(arch)}': allowed are 'a64', 'x64'`);
    const { lib } = unicorn();
    const cbs = sharedCallbacks(lib);
    const model = resolveModel(arch, options.cpuModel);
    const out: Array<UcHandle | null> = [null];
    const err = arch === 'a64' ? lib.open(UC.UC_ARCH_ARM64, UC.UC_MODE_ARM, out) : lib.open(UC.UC_ARCH_X86, UC.UC_MODE_64, out);
    if (err !== UC.UC_ERR_OK || out[0] === null) throw new UnicornError(`uc_open(${arch})`, err, lib.strerror(err));
    const h = BigInt(out[0]);
    const fail = (what: string, e: number): never => {
      lib.close(h);
      throw new UnicornError(what, e, lib.strerror(e));
    };
    // The CPU model must be set before the first uc_mem_map (which initialises the machine).
    const e1 = lib.ctlInt(h, CTL_WRITE_CPU_MODEL, 'int', model);
    if (e1 !== UC.UC_ERR_OK) fail(`uc_ctl(CPU_MODEL=${model})`, e1);
    // Hooks before any translation; begin > end means "everywhere".
    const hh = [0];
    let e2 = lib.hookAdd(h, hh, UC.UC_HOOK_INTR, cbs.intr, null, 1n, 0n);
    if (e2 === UC.UC_ERR_OK) e2 = lib.hookAdd(h, hh, UC.UC_HOOK_MEM_INVALID, cbs.mem, null, 1n, 0n);
    if (e2 === UC.UC_ERR_OK) e2 = lib.hookAdd(h, hh, UC.UC_HOOK_INSN_INVALID, cbs.insnInvalid, null, 1n, 0n);
    if (e2 === UC.UC_ERR_OK && arch === 'x64') e2 = lib.hookAddInsn(h, hh, UC.UC_HOOK_INSN, cbs.syscall, null, 1n, 0n, 'int', UC.UC_X86_INS_SYSCALL);
    if (e2 !== UC.UC_ERR_OK) fail('uc_hook_add', e2);
    return new Engine(arch, h, model, lib);
  }

  /** True once close() ran. */
  get closed(): boolean {
    return this.#h === 0n;
  }

  /** Frees the engine and its contexts. Idempotent. */
  close(): void {
    if (this.#h === 0n) return;
    if (active === (this as unknown)) throw new InvalidArgumentError('Engine.close() called from inside its own run (an exception observer)');
    finalizer.unregister(this);
    releaseOwned(this.#owned);
    this.#h = 0n;
    this.#regions.length = 0;
  }

  #handle(operation: string): UcHandle {
    const h = this.#h;
    if (h === 0n) throw new EngineClosedError(`the ${this.arch} engine`, operation);
    return h;
  }

  // ---- memory map -----------------------------------------------------------------------------------------

  /** The mapped regions, sorted by address. */
  regions(): readonly MappedRegion[] {
    this.#handle('list regions');
    return this.#regions.slice();
  }

  /** Maps [address, address+size) with `perms` (default 'rwx'). Page-aligned; must not overlap a mapping. */
  map(address: bigint, size: number | bigint, perms: Perms = 'rwx'): void {
    const h = this.#handle('map memory');
    const sz = this.#checkRange(address, size, 'map');
    if (!PERMS.includes(perms)) throw new InvalidArgumentError(`map: permissions '${String(perms)}' are not one of ${PERMS.join(', ')}`);
    const end = address + sz;
    for (const r of this.#regions) {
      if (address < r.address + r.size && r.address < end) {
        throw new MemoryMapError(
          'map-overlap',
          address,
          sz,
          `cannot map [${hex(address)}, ${hex(end)}): it overlaps the mapped region [${hex(r.address)}, ${hex(r.address + r.size)}) (${r.perms})`,
        );
      }
    }
    const err = this.#lib.memMap(h, address, sz, permBits(perms));
    if (err === UC.UC_ERR_MAP) {
      throw new MemoryMapError('map-overlap', address, sz, `cannot map [${hex(address)}, ${hex(end)}): Unicorn reports an overlap`, err);
    }
    if (err === UC.UC_ERR_ARG) {
      throw new MemoryMapError(
        'map-alignment',
        address,
        sz,
        `cannot map [${hex(address)}, ${hex(end)}): Unicorn rejects the range (outside the emulated ${this.arch} physical address space?)`,
        err,
      );
    }
    if (err !== UC.UC_ERR_OK) throw new UnicornError(`uc_mem_map(${hex(address)}, ${hex(sz)})`, err, this.#lib.strerror(err));
    this.#insertRegion({ address, size: sz, perms });
  }

  /** Unmaps [address, address+size), which must be fully mapped (it may span or split regions). */
  unmap(address: bigint, size: number | bigint): void {
    const h = this.#handle('unmap memory');
    const sz = this.#checkRange(address, size, 'unmap');
    this.#checkCovered(address, sz, 'unmap');
    const err = this.#lib.memUnmap(h, address, sz);
    if (err !== UC.UC_ERR_OK) throw new UnicornError(`uc_mem_unmap(${hex(address)}, ${hex(sz)})`, err, this.#lib.strerror(err));
    this.#carve(address, sz, null);
    this.#invalidate(address, address + sz);
  }

  /** Changes the permissions of [address, address+size), which must be fully mapped. */
  protect(address: bigint, size: number | bigint, perms: Perms): void {
    const h = this.#handle('protect memory');
    const sz = this.#checkRange(address, size, 'protect');
    if (!PERMS.includes(perms)) throw new InvalidArgumentError(`protect: permissions '${String(perms)}' are not one of ${PERMS.join(', ')}`);
    this.#checkCovered(address, sz, 'protect');
    const err = this.#lib.memProtect(h, address, sz, permBits(perms));
    if (err !== UC.UC_ERR_OK) throw new UnicornError(`uc_mem_protect(${hex(address)}, ${hex(sz)})`, err, this.#lib.strerror(err));
    this.#carve(address, sz, perms);
    this.#invalidate(address, address + sz);
  }

  #checkRange(address: bigint, size: number | bigint, what: string): bigint {
    checkAddress(address, what);
    const sz = toBigSize(size, what);
    if (address % PAGE !== 0n || sz % PAGE !== 0n || sz === 0n) {
      throw new MemoryMapError(
        'map-alignment',
        address,
        sz,
        `cannot ${what} [${hex(address)}, +${hex(sz)}): address and size must be non-zero multiples of the ${PAGE_SIZE}-byte page`,
      );
    }
    if (address + sz - 1n > U64) throw new MemoryMapError('map-alignment', address, sz, `cannot ${what} [${hex(address)}, +${hex(sz)}): the range wraps past 2^64`);
    return sz;
  }

  #checkCovered(address: bigint, size: bigint, what: string): void {
    let at = address;
    const end = address + size;
    for (const r of this.#regions) {
      if (r.address + r.size <= at) continue;
      if (r.address > at) break;
      at = r.address + r.size;
      if (at >= end) return;
    }
    throw new MemoryMapError('map-missing', address, size, `cannot ${what} [${hex(address)}, ${hex(end)}): ${hex(at)} is not mapped`);
  }

  #insertRegion(r: MappedRegion): void {
    const list = this.#regions;
    let i = 0;
    while (i < list.length && list[i].address < r.address) i++;
    list.splice(i, 0, r);
  }

  /** Removes [address, address+size) from the region list, re-inserting it with `perms` unless null. */
  #carve(address: bigint, size: bigint, perms: Perms | null): void {
    const end = address + size;
    const next: MappedRegion[] = [];
    for (const r of this.#regions) {
      const rEnd = r.address + r.size;
      if (rEnd <= address || r.address >= end) {
        next.push(r);
        continue;
      }
      if (r.address < address) next.push({ address: r.address, size: address - r.address, perms: r.perms });
      if (rEnd > end) next.push({ address: end, size: rEnd - end, perms: r.perms });
    }
    if (perms !== null) next.push({ address, size, perms });
    next.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
    this.#regions.length = 0;
    this.#regions.push(...next);
  }

  // ---- memory contents ------------------------------------------------------------------------------------

  /** Writes `bytes` at `address`. Stale translations of executable memory written here are dropped. */
  writeMemory(address: bigint, bytes: Uint8Array): void {
    const h = this.#handle('write memory');
    checkAddress(address, 'writeMemory');
    checkBytes(bytes, 'writeMemory');
    if (bytes.length === 0) return;
    const err = this.#lib.memWrite(h, address, bytes, bytes.length);
    if (err !== UC.UC_ERR_OK) this.#memError('write', address, bytes.length, err);
    if (this.#touchesExec(address, BigInt(bytes.length))) this.#invalidate(address, address + BigInt(bytes.length));
  }

  /**
   * Writes code at `address` and removes every cached translation block over it (UC_CTL_TB_REMOVE_CACHE),
   * so the next run executes the new bytes even after a run that a hook stopped.
   */
  writeCode(address: bigint, bytes: Uint8Array): void {
    const h = this.#handle('write code');
    checkAddress(address, 'writeCode');
    checkBytes(bytes, 'writeCode');
    if (bytes.length === 0) return;
    const err = this.#lib.memWrite(h, address, bytes, bytes.length);
    if (err !== UC.UC_ERR_OK) this.#memError('write', address, bytes.length, err);
    this.#invalidate(address, address + BigInt(bytes.length));
  }

  /** Drops cached translation blocks that overlap [begin, end). */
  invalidateCode(begin: bigint, end: bigint): void {
    this.#handle('invalidate code');
    checkAddress(begin, 'invalidateCode');
    checkAddress(end, 'invalidateCode');
    if (end > begin) this.#invalidate(begin, end);
  }

  /** Reads `size` bytes at `address` into a new array. */
  readMemory(address: bigint, size: number): Uint8Array {
    this.#handle('read memory');
    if (!Number.isSafeInteger(size) || size < 0) throw new InvalidArgumentError(`readMemory: size ${size} is not a non-negative integer`);
    return this.readMemoryInto(address, new Uint8Array(size));
  }

  /** Reads `target.length` bytes at `address` into `target` (no allocation); returns `target`. */
  readMemoryInto(address: bigint, target: Uint8Array): Uint8Array {
    const h = this.#handle('read memory');
    checkAddress(address, 'readMemory');
    checkBytes(target, 'readMemoryInto');
    if (target.length === 0) return target;
    const err = this.#lib.memRead(h, address, target, target.length);
    if (err !== UC.UC_ERR_OK) this.#memError('read', address, target.length, err);
    return target;
  }

  #memError(access: 'read' | 'write', address: bigint, size: number, err: number): never {
    if (err === UC.UC_ERR_READ_UNMAPPED || err === UC.UC_ERR_WRITE_UNMAPPED) {
      const end = address + BigInt(size);
      const regions = this.#regions.map((r) => `[${hex(r.address)}, ${hex(r.address + r.size)})`).join(', ') || 'none';
      throw new MemoryAccessError(
        access,
        address,
        size,
        `cannot ${access} ${size} byte(s) at [${hex(address)}, ${hex(end)}): not (fully) mapped. Mapped regions: ${regions}`,
        err,
      );
    }
    throw new UnicornError(`uc_mem_${access}(${hex(address)}, ${size})`, err, this.#lib.strerror(err));
  }

  #touchesExec(address: bigint, size: bigint): boolean {
    const end = address + size;
    for (const r of this.#regions) {
      if (r.address < end && address < r.address + r.size && (r.perms === 'x' || r.perms === 'rx' || r.perms === 'wx' || r.perms === 'rwx')) return true;
    }
    return false;
  }

  #invalidate(begin: bigint, end: bigint): void {
    const err = this.#lib.ctlRange(this.#h, CTL_WRITE_TB_REMOVE_CACHE, 'uint64_t', begin, 'uint64_t', end > U64 ? U64 : end);
    if (err !== UC.UC_ERR_OK) throw new UnicornError(`uc_ctl(TB_REMOVE_CACHE, ${hex(begin)}, ${hex(end)})`, err, this.#lib.strerror(err));
  }

  // ---- registers ------------------------------------------------------------------------------------------

  /** The table entry of register `name` (throws RegisterError listing the valid names). */
  register(name: RegName<A>): RegInfo {
    const info = findRegister(this.arch, name);
    if (info === undefined) {
      throw new RegisterError('register-unknown', String(name), `${this.arch} has no register '${String(name)}'. Valid: ${registerNames(this.arch).join(', ')}`);
    }
    return info;
  }

  /** Reads a register: 32/64-bit registers as unsigned values, vector registers as 128-bit values. */
  readReg(name: RegName<A>): bigint {
    const h = this.#handle('read a register');
    const info = this.register(name);
    const s = this.#scratch;
    s[0] = 0n;
    s[1] = 0n;
    const err = this.#lib.regRead(h, info.id, s);
    if (err !== UC.UC_ERR_OK) throw new UnicornError(`uc_reg_read(${name})`, err, this.#lib.strerror(err));
    return info.bits === 128 ? (s[1] << 64n) | s[0] : s[0];
  }

  /** Writes a register. Values must fit its width; negative values are taken as two's complement. */
  writeReg(name: RegName<A>, value: bigint): void {
    const h = this.#handle('write a register');
    const info = this.register(name);
    const v = fitRegister(info.name, info.bits, value);
    const s = this.#scratch;
    s[0] = info.bits === 128 ? v & U64 : v;
    s[1] = info.bits === 128 ? v >> 64n : 0n;
    const err = this.#lib.regWrite(h, info.id, s);
    if (err !== UC.UC_ERR_OK) throw new UnicornError(`uc_reg_write(${name})`, err, this.#lib.strerror(err));
  }

  /** The program counter (pc / rip). */
  pc(): bigint {
    const h = this.#handle('read the pc');
    const s = this.#scratch;
    s[0] = 0n;
    this.#lib.regRead(h, this.#pcId, s);
    return s[0];
  }

  /** A fixed register list read/written with one native call each way (see RegisterSet). */
  registerSet(names: readonly RegName<A>[]): RegisterSet<A> {
    this.#handle('create a register set');
    if (names.length === 0) throw new InvalidArgumentError('registerSet: the register list is empty');
    const infos = names.map((n) => this.register(n));
    // A plain ArrayBuffer: its backing store lives outside the V8 heap and never moves, so the pointer
    // table built from its address stays valid; Unicorn only uses it during each batch call. (koffi.alloc +
    // koffi.view was tried first: with an engine open it left ~500 KiB resident per engine after close.)
    const storage = new ArrayBuffer(16 * names.length);
    return new RegisterSet(this, names, infos, storage, koffi.address(storage));
  }

  /** @internal */
  _readBatch(ids: Int32Array, ptrs: BigUint64Array, count: number): void {
    const err = this.#lib.regReadBatch(this.#handle('read registers'), ids, ptrs, count);
    if (err !== UC.UC_ERR_OK) throw new UnicornError('uc_reg_read_batch', err, this.#lib.strerror(err));
  }

  /** @internal */
  _writeBatch(ids: Int32Array, ptrs: BigUint64Array, count: number): void {
    const err = this.#lib.regWriteBatch(this.#handle('write registers'), ids, ptrs, count);
    if (err !== UC.UC_ERR_OK) throw new UnicornError('uc_reg_write_batch', err, this.#lib.strerror(err));
  }

  // ---- contexts -------------------------------------------------------------------------------------------

  /** Saves the whole CPU state (registers, flags, vector and FP state) into a new context. */
  saveContext(): EngineContext {
    const h = this.#handle('save a context');
    const out: Array<UcContextHandle | null> = [null];
    const err = this.#lib.contextAlloc(h, out);
    if (err !== UC.UC_ERR_OK || out[0] === null) throw new UnicornError('uc_context_alloc', err, this.#lib.strerror(err));
    const c = BigInt(out[0]);
    this.#owned.contexts.add(c);
    const ctx = new EngineContext(c, this.#owned);
    this.saveContextInto(ctx);
    return ctx;
  }

  /** Saves the CPU state into an existing context of this engine. */
  saveContextInto(ctx: EngineContext): void {
    const h = this.#handle('save a context');
    this.#checkContext(ctx);
    const err = this.#lib.contextSave(h, ctx._handle);
    if (err !== UC.UC_ERR_OK) throw new UnicornError('uc_context_save', err, this.#lib.strerror(err));
  }

  /** Restores a saved CPU state (~0.1–0.3 µs). Memory is not part of a context. */
  restoreContext(ctx: EngineContext): void {
    const h = this.#handle('restore a context');
    this.#checkContext(ctx);
    const err = this.#lib.contextRestore(h, ctx._handle);
    if (err !== UC.UC_ERR_OK) throw new UnicornError('uc_context_restore', err, this.#lib.strerror(err));
  }

  #checkContext(ctx: EngineContext): void {
    if (!(ctx instanceof EngineContext) || !this.#owned.contexts.has(ctx._handle)) {
      throw new InvalidArgumentError('the context was freed or belongs to another engine');
    }
  }

  // ---- running --------------------------------------------------------------------------------------------

  /** Runs from `begin` until `until`, the budget, the timeout, a fault or an exception. Never throws for those. */
  run(options: RunOptions<A>): StopReason {
    const h = this.#handle('run');
    const { begin, until } = options;
    checkAddress(begin, 'run');
    checkAddress(until, 'run');
    const max = options.maxInstructions;
    if (max !== undefined && (!Number.isSafeInteger(max) || max <= 0)) {
      throw new InvalidArgumentError(`run: maxInstructions must be a positive integer, got ${max}`);
    }
    const timeoutMs = options.timeoutMs;
    if (timeoutMs !== undefined && (!Number.isFinite(timeoutMs) || timeoutMs <= 0)) {
      throw new InvalidArgumentError(`run: timeoutMs must be a positive number, got ${timeoutMs}`);
    }
    const cont = options.continueOn;
    if (cont !== undefined) this.#checkContinue(cont);
    if (active !== null) throw new InvalidArgumentError('run: an engine is already running (runs cannot nest, not even on another engine)');

    // The stop address is compiled into translation blocks as an exit; Unicorn itself drops the blocks
    // around it after every run (resume_all_vcpus), so changing `until` between runs is safe.
    this.#evKind = 0;
    this.#runContinue = cont;
    this.#runObserver = options.onException;
    this.#runError = undefined;
    active = this as unknown as Engine<Arch>;
    let err: number;
    try {
      err = this.#lib.emuStart(h, begin, until, timeoutMs === undefined ? 0 : Math.max(1, Math.round(timeoutMs * 1000)), max ?? Number.MAX_SAFE_INTEGER);
    } finally {
      active = null;
      this.#runContinue = undefined;
      this.#runObserver = undefined;
    }
    if (this.#runError !== undefined) {
      const e = this.#runError;
      this.#runError = undefined;
      throw e;
    }
    return this.#classify(err, until, max, timeoutMs);
  }

  #checkContinue(cont: readonly string[]): void {
    const allowed = this.arch === 'a64' ? ['svc'] : ['syscall', 'int3', 'int'];
    for (const c of cont) {
      if (!allowed.includes(c)) {
        throw new InvalidArgumentError(
          `run: cannot continue on '${c}' on ${this.arch}: allowed are ${allowed.join(', ')} (others fault at the same pc and would loop)`,
        );
      }
    }
  }

  #classify(err: number, until: bigint, max: number | undefined, timeoutMs: number | undefined): StopReason {
    const kind = this.#evKind;
    if (kind === 3 && err >= UC.UC_ERR_READ_UNMAPPED && err <= UC.UC_ERR_FETCH_PROT) {
      const t = this.#evMemType;
      const access = t === UC.UC_MEM_READ_UNMAPPED || t === UC.UC_MEM_READ_PROT ? 'read' : t === UC.UC_MEM_WRITE_UNMAPPED || t === UC.UC_MEM_WRITE_PROT ? 'write' : 'fetch';
      const cause = t <= UC.UC_MEM_FETCH_UNMAPPED ? 'unmapped' : 'protected';
      return { kind: 'memory-fault', pc: this.#evPc, access, cause, address: this.#evAddr, size: this.#evSize };
    }
    if (err === UC.UC_ERR_INSN_INVALID) return { kind: 'invalid-instruction', pc: this.pc() };
    if (kind === 2) return { kind: 'invalid-instruction', pc: this.#evPc };
    if (kind === 1) return { kind: 'exception', pc: this.#evPc, interrupt: this.#evInt, name: exceptionName(this.arch, this.#evInt) };
    if (err !== UC.UC_ERR_OK) throw new UnicornError('uc_emu_start', err, this.#lib.strerror(err));
    const pc = this.pc();
    if (pc === until) return { kind: 'stop', pc };
    if (timeoutMs !== undefined && this.#timedOut()) return { kind: 'timeout', pc, timeoutMs };
    if (max !== undefined) return { kind: 'budget', pc, maxInstructions: max };
    // Only an instruction that halts the CPU (x86 hlt) ends a run this way.
    return { kind: 'exception', pc, interrupt: -1, name: 'halt' };
  }

  #timedOut(): boolean {
    const out = [0];
    const err = this.#lib.query(this.#h, UC.UC_QUERY_TIMEOUT, out);
    return err === UC.UC_ERR_OK && Number(out[0]) !== 0;
  }

  /** @internal Called by the shared INTR / syscall hooks while this engine runs. */
  _onInterrupt(intno: number): void {
    const h = this.#h;
    try {
      const pc = this.pc();
      if (this.arch === 'a64' && intno === A64_UDEF_INTERRUPT) {
        this.#record(2, intno, pc);
        this.#lib.emuStop(h);
        return;
      }
      const name = exceptionName(this.arch, intno);
      const observer = this.#runObserver;
      if (observer !== undefined) observer({ interrupt: intno, name, pc }, this);
      const cont = this.#runContinue;
      if (cont !== undefined && cont.includes(name) && (name !== 'int' || intno >= 32)) return;
      this.#record(1, intno, pc);
    } catch (e) {
      this.#runError = e;
    }
    this.#lib.emuStop(h);
  }

  /** @internal Called by the shared memory hook while this engine runs. */
  _onMemInvalid(type: number, address: number | bigint, size: number): void {
    this.#evKind = 3;
    this.#evMemType = type;
    this.#evAddr = BigInt.asUintN(64, BigInt(address));
    this.#evSize = size;
    try {
      this.#evPc = this.pc();
    } catch {
      this.#evPc = 0n;
    }
  }

  #record(kind: number, intno: number, pc: bigint): void {
    this.#evKind = kind;
    this.#evInt = intno;
    this.#evPc = pc;
  }
}

function resolveModel<A extends Arch>(arch: A, model: CpuModel<A> | undefined): number {
  const table = CPU_MODELS[arch] as Record<string, number>;
  if (model === undefined) return arch === 'a64' ? CPU_MODELS.a64.max : CPU_MODELS.x64.qemu64;
  if (typeof model === 'number') {
    if (!Number.isInteger(model) || model < 0) throw new InvalidArgumentError(`cpuModel ${model} is not a model number`);
    return model;
  }
  const v = table[model as string];
  if (v === undefined) throw new InvalidArgumentError(`unknown ${arch} CPU model '${String(model)}': allowed are ${Object.keys(table).join(', ')} or a UC_CPU_* number`);
  return v;
}
