// The raw libunicorn.so.2 binding (koffi): library loading, function declarations and the C constants.
// Nothing here knows about engines' lifetimes or stop reasons; emulation/unicorn.ts builds on it.
//
// Constants: every value below is the value of the C enumerator named by its key in Debian libunicorn-dev
// 2.0.1.post1's headers (printed by a C program compiled against /usr/include/unicorn/*.h);
// test/emulation/enums.test.ts recompiles such a program and compares each one.
import koffi, { type LibraryHandle, type TypeObject } from 'koffi';
import { LibraryUnavailableError } from './errors.js';

/** Unicorn C constants used by this layer, keyed by their C name. */
export const UC = Object.freeze({
  UC_ARCH_ARM64: 2,
  UC_ARCH_X86: 4,
  UC_MODE_ARM: 0,
  UC_MODE_64: 8,
  UC_PROT_NONE: 0,
  UC_PROT_READ: 1,
  UC_PROT_WRITE: 2,
  UC_PROT_EXEC: 4,
  UC_PROT_ALL: 7,
  UC_HOOK_INTR: 1,
  UC_HOOK_INSN: 2,
  UC_HOOK_MEM_INVALID: 1008,
  UC_HOOK_INSN_INVALID: 16384,
  UC_X86_INS_SYSCALL: 699,
  UC_X86_INS_SYSENTER: 700,
  UC_QUERY_TIMEOUT: 4,
  UC_CTL_CPU_MODEL: 7,
  UC_CTL_TB_REMOVE_CACHE: 9,
  UC_MEM_READ_UNMAPPED: 19,
  UC_MEM_WRITE_UNMAPPED: 20,
  UC_MEM_FETCH_UNMAPPED: 21,
  UC_MEM_WRITE_PROT: 22,
  UC_MEM_READ_PROT: 23,
  UC_MEM_FETCH_PROT: 24,
  UC_ERR_OK: 0,
  UC_ERR_NOMEM: 1,
  UC_ERR_HANDLE: 3,
  UC_ERR_READ_UNMAPPED: 6,
  UC_ERR_WRITE_UNMAPPED: 7,
  UC_ERR_FETCH_UNMAPPED: 8,
  UC_ERR_INSN_INVALID: 10,
  UC_ERR_MAP: 11,
  UC_ERR_WRITE_PROT: 12,
  UC_ERR_READ_PROT: 13,
  UC_ERR_FETCH_PROT: 14,
  UC_ERR_ARG: 15,
  UC_ERR_EXCEPTION: 21,
});

/** UC_CTL(type, nr, rw) = type | nr << 26 | rw << 30, as in unicorn.h. */
function ucCtl(type: number, nr: number, rw: number): number {
  return (type | (nr << 26) | (rw << 30)) | 0;
}
/** UC_CTL_WRITE(UC_CTL_CPU_MODEL, 1) */
export const CTL_WRITE_CPU_MODEL = ucCtl(UC.UC_CTL_CPU_MODEL, 1, 1);
/** UC_CTL_WRITE(UC_CTL_TB_REMOVE_CACHE, 2) */
export const CTL_WRITE_TB_REMOVE_CACHE = ucCtl(UC.UC_CTL_TB_REMOVE_CACHE, 2, 1);

/** CPU models (UC_CPU_ARM64_* / a few UC_CPU_X86_*), by name. */
export const CPU_MODELS = Object.freeze({
  a64: Object.freeze({ a57: 0, a53: 1, a72: 2, max: 3 }),
  x64: Object.freeze({ qemu64: 0, phenom: 1, core2duo: 2, kvm64: 3, nehalem: 15, westmere: 16, sandybridge: 17, ivybridge: 18, haswell: 19, broadwell: 20, 'skylake-client': 21, 'skylake-server': 22, 'icelake-server': 26, epyc: 35, 'epyc-rome': 37 }),
});

/** Opaque handle of one uc_engine (koffi 3 represents pointers as bigint). */
export type UcHandle = bigint;
/** Opaque handle of one uc_context. */
export type UcContextHandle = bigint;

// koffi function objects are untyped; these signatures are what the C prototypes mean in JS.
export interface UnicornLib {
  version(major: number[], minor: number[]): number;
  open(arch: number, mode: number, out: Array<UcHandle | null>): number;
  close(uc: UcHandle): number;
  strerror(code: number): string;
  query(uc: UcHandle, type: number, out: number[]): number;
  ctlInt(uc: UcHandle, control: number, t: 'int', v: number): number;
  ctlRange(uc: UcHandle, control: number, t1: 'uint64_t', begin: bigint, t2: 'uint64_t', end: bigint): number;
  memMap(uc: UcHandle, address: bigint, size: bigint, perms: number): number;
  memUnmap(uc: UcHandle, address: bigint, size: bigint): number;
  memProtect(uc: UcHandle, address: bigint, size: bigint, perms: number): number;
  memWrite(uc: UcHandle, address: bigint, bytes: Uint8Array, size: number): number;
  memRead(uc: UcHandle, address: bigint, bytes: Uint8Array, size: number): number;
  regWrite(uc: UcHandle, regid: number, value: BigUint64Array): number;
  regRead(uc: UcHandle, regid: number, value: BigUint64Array): number;
  regWriteBatch(uc: UcHandle, regs: Int32Array, vals: BigUint64Array, count: number): number;
  regReadBatch(uc: UcHandle, regs: Int32Array, vals: BigUint64Array, count: number): number;
  emuStart(uc: UcHandle, begin: bigint, until: bigint, timeoutUs: number, count: number): number;
  emuStop(uc: UcHandle): number;
  hookAdd(uc: UcHandle, out: number[], type: number, callback: bigint, userData: null, begin: bigint, end: bigint): number;
  hookAddInsn(uc: UcHandle, out: number[], type: number, callback: bigint, userData: null, begin: bigint, end: bigint, t: 'int', insn: number): number;
  contextAlloc(uc: UcHandle, out: Array<UcContextHandle | null>): number;
  contextSave(uc: UcHandle, ctx: UcContextHandle): number;
  contextRestore(uc: UcHandle, ctx: UcContextHandle): number;
  contextFree(ctx: UcContextHandle): number;
}

/** Callback prototypes (the hooks this layer installs). */
export interface UnicornProtos {
  hookIntr: TypeObject;
  hookInsn: TypeObject;
  hookMemInvalid: TypeObject;
  hookInsnInvalid: TypeObject;
}

const CANDIDATES = [
  'libunicorn.so.2',
  '/usr/lib/x86_64-linux-gnu/libunicorn.so.2',
  '/usr/lib/aarch64-linux-gnu/libunicorn.so.2',
  '/usr/local/lib/libunicorn.so.2',
];

let loaded: { lib: UnicornLib; protos: UnicornProtos; path: string } | undefined;
let loadError: LibraryUnavailableError | undefined;

/**
 * The Unicorn binding, loaded on first use. DYNASM_UNICORN_LIB overrides the library path.
 * Throws LibraryUnavailableError (with the install line) when no libunicorn.so.2 can be opened.
 */
export function unicorn(): { lib: UnicornLib; protos: UnicornProtos; path: string } {
  if (loaded) return loaded;
  if (loadError) throw loadError;
  const tried: string[] = [];
  const override = process.env.DYNASM_UNICORN_LIB;
  for (const path of override ? [override] : CANDIDATES) {
    let handle: LibraryHandle;
    try {
      handle = koffi.load(path);
    } catch (e) {
      tried.push(`${path}: ${(e as Error).message}`);
      continue;
    }
    loaded = { lib: declare(handle), protos: declareProtos(), path };
    return loaded;
  }
  loadError = new LibraryUnavailableError(
    `cannot load the Unicorn 2 library (libunicorn.so.2). Install it with: apt-get install -y libunicorn2 ` +
      `(or set DYNASM_UNICORN_LIB to its path). Tried:\n  ${tried.join('\n  ')}`,
  );
  throw loadError;
}

let engineType: TypeObject | undefined;
function ucTypes(): void {
  if (engineType) return;
  engineType = koffi.opaque('uc_engine');
  koffi.opaque('uc_context');
}

function declare(l: LibraryHandle): UnicornLib {
  ucTypes();
  const f = (sig: string) => l.func(sig) as never;
  return {
    version: f('uint32_t uc_version(_Out_ uint32_t *major, _Out_ uint32_t *minor)'),
    open: f('int uc_open(int arch, int mode, _Out_ uc_engine **uc)'),
    close: f('int uc_close(uc_engine *uc)'),
    strerror: f('const char *uc_strerror(int code)'),
    query: f('int uc_query(uc_engine *uc, int type, _Out_ size_t *result)'),
    ctlInt: f('int uc_ctl(uc_engine *uc, int control, ...)'),
    ctlRange: f('int uc_ctl(uc_engine *uc, int control, ...)'),
    memMap: f('int uc_mem_map(uc_engine *uc, uint64_t address, size_t size, uint32_t perms)'),
    memUnmap: f('int uc_mem_unmap(uc_engine *uc, uint64_t address, size_t size)'),
    memProtect: f('int uc_mem_protect(uc_engine *uc, uint64_t address, size_t size, uint32_t perms)'),
    memWrite: f('int uc_mem_write(uc_engine *uc, uint64_t address, const void *bytes, size_t size)'),
    memRead: f('int uc_mem_read(uc_engine *uc, uint64_t address, void *bytes, size_t size)'),
    regWrite: f('int uc_reg_write(uc_engine *uc, int regid, const void *value)'),
    regRead: f('int uc_reg_read(uc_engine *uc, int regid, void *value)'),
    regWriteBatch: f('int uc_reg_write_batch(uc_engine *uc, const int *regs, const void *vals, int count)'),
    regReadBatch: f('int uc_reg_read_batch(uc_engine *uc, const int *regs, const void *vals, int count)'),
    emuStart: f('int uc_emu_start(uc_engine *uc, uint64_t begin, uint64_t until, uint64_t timeout, size_t count)'),
    emuStop: f('int uc_emu_stop(uc_engine *uc)'),
    hookAdd: f('int uc_hook_add(uc_engine *uc, _Out_ size_t *hh, int type, void *callback, void *user_data, uint64_t begin, uint64_t end, ...)'),
    hookAddInsn: f('int uc_hook_add(uc_engine *uc, _Out_ size_t *hh, int type, void *callback, void *user_data, uint64_t begin, uint64_t end, ...)'),
    contextAlloc: f('int uc_context_alloc(uc_engine *uc, _Out_ uc_context **context)'),
    contextSave: f('int uc_context_save(uc_engine *uc, uc_context *context)'),
    contextRestore: f('int uc_context_restore(uc_engine *uc, uc_context *context)'),
    contextFree: f('int uc_context_free(uc_context *context)'),
  };
}

function declareProtos(): UnicornProtos {
  return {
    hookIntr: koffi.proto('void DynasmUcHookIntr(uc_engine *uc, uint32_t intno, void *user_data)'),
    hookInsn: koffi.proto('void DynasmUcHookInsn(uc_engine *uc, void *user_data)'),
    hookMemInvalid: koffi.proto(
      'bool DynasmUcHookMemInvalid(uc_engine *uc, int type, uint64_t address, int size, int64_t value, void *user_data)',
    ),
    hookInsnInvalid: koffi.proto('bool DynasmUcHookInsnInvalid(uc_engine *uc, void *user_data)'),
  };
}

/** uc_strerror(code), or a placeholder when the library is not loaded. */
export function ucStrerror(code: number): string {
  try {
    return unicorn().lib.strerror(code);
  } catch {
    return `uc_err ${code}`;
  }
}

/** Unicorn's version as reported by uc_version(): `{ major, minor, raw }` (2.0.1.post1 reports 2.0). */
export function unicornVersion(): { major: number; minor: number; raw: number } {
  const maj = [0];
  const min = [0];
  const raw = unicorn().lib.version(maj, min);
  return { major: maj[0], minor: min[0], raw };
}
