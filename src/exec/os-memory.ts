// The operating-system calls behind executable memory, through koffi: mmap/mprotect/munmap, the instruction
// cache flush, and on Apple Silicon the MAP_JIT write-protect toggle. Constants differ per OS; they are
// kept here and nowhere else.
//
// Linux (x86-64 and AArch64): mmap RW -> write -> (AArch64: __clear_cache) -> mprotect RX. Never RWX.
// macOS on Apple Silicon (written against Apple's documented API, not run on these machines — see
// docs/native.md): mmap(RWX, MAP_PRIVATE|MAP_ANON|MAP_JIT); the hardware keeps each thread's view W^X, toggled
// with pthread_jit_write_protect_np(0 = writable, 1 = executable); sys_icache_invalidate after writing.
import koffi from 'koffi';
import { host, type HostTarget } from './host.js';

export const PROT_READ = 1;
export const PROT_WRITE = 2;
export const PROT_EXEC = 4;
const MAP_PRIVATE = 2;
const MAP_ANONYMOUS_LINUX = 0x20;
const MAP_ANON_DARWIN = 0x1000;
const MAP_JIT_DARWIN = 0x800;
const MAP_FAILED = 0xffff_ffff_ffff_ffffn;

export class ExecMemoryError extends Error {
  constructor(
    readonly call: string,
    readonly errno: number,
    message: string,
  ) {
    super(message);
    this.name = 'ExecMemoryError';
  }
}

/** The bound OS functions; loaded once, on first use. */
export interface OsMemory {
  readonly pageSize: number;
  /** Maps `size` bytes readable and writable (on Apple Silicon: MAP_JIT, see above). Returns the address. */
  mapWritable(size: number): bigint;
  /** Makes [addr, addr+size) read+execute (Linux: mprotect; Apple: toggles this thread to execute). */
  makeExecutable(addr: bigint, size: number): void;
  /** Makes [addr, addr+size) writable again (Linux: mprotect RW; Apple: toggles this thread to write). */
  makeWritable(addr: bigint, size: number): void;
  /** Instruction-cache flush after writing code (no-op on x86-64). */
  flushIcache(addr: bigint, size: number): void;
  unmap(addr: bigint, size: number): void;
  /**
   * Copies bytes into native memory at `addr` (libc memcpy; koffi.view is avoided on purpose: each view
   * leaves ~220 bytes of external memory behind, 21 MiB per 100,000 compilations).
   */
  write(addr: bigint, bytes: Uint8Array): void;
}

let bound: OsMemory | null = null;

export function osMemory(target: HostTarget = host): OsMemory {
  if (bound) return bound;
  if (target.os === 'other') throw new ExecMemoryError('load', 0, `executable memory is not supported on ${process.platform}`);
  bound = target.os === 'darwin' ? bindDarwin(target) : bindLinux(target);
  return bound;
}

function errnoMessage(call: string): ExecMemoryError {
  const e = koffi.errno();
  return new ExecMemoryError(call, e, `${call} failed (errno ${e})`);
}

function bindLinux(target: HostTarget): OsMemory {
  const libc = koffi.load('libc.so.6');
  const mmap = libc.func('void *mmap(void *addr, size_t length, int prot, int flags, int fd, int64_t offset)');
  const mprotect = libc.func('int mprotect(void *addr, size_t len, int prot)');
  const munmap = libc.func('int munmap(void *addr, size_t length)');
  const memcpy = libc.func('void *memcpy(void *dst, const void *src, size_t n)');
  const sysconf = libc.func('long sysconf(int name)');
  const pageSize = Number(sysconf(30 /* _SC_PAGESIZE on Linux */)) || 4096;
  // AArch64 has separate instruction and data caches: __clear_cache (libgcc) before running new code.
  let clearCache: ((b: bigint, e: bigint) => void) | null = null;
  if (target.arch === 'a64') {
    const libgcc = koffi.load('libgcc_s.so.1');
    clearCache = libgcc.func('void __clear_cache(void *begin, void *end)') as (b: bigint, e: bigint) => void;
  }
  return {
    pageSize,
    mapWritable(size) {
      const p = mmap(null, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS_LINUX, -1, 0) as bigint | null;
      if (p === null || BigInt(p) === MAP_FAILED) throw errnoMessage('mmap');
      return BigInt(p);
    },
    makeExecutable(addr, size) {
      if (mprotect(addr, size, PROT_READ | PROT_EXEC) !== 0) throw errnoMessage('mprotect(RX)');
    },
    makeWritable(addr, size) {
      if (mprotect(addr, size, PROT_READ | PROT_WRITE) !== 0) throw errnoMessage('mprotect(RW)');
    },
    flushIcache(addr, size) {
      clearCache?.(addr, addr + BigInt(size));
    },
    unmap(addr, size) {
      if (munmap(addr, size) !== 0) throw errnoMessage('munmap');
    },
    write(addr, bytes) {
      memcpy(addr, bytes, bytes.length);
    },
  };
}

function bindDarwin(target: HostTarget): OsMemory {
  const libc = koffi.load('libSystem.B.dylib');
  const mmap = libc.func('void *mmap(void *addr, size_t length, int prot, int flags, int fd, int64_t offset)');
  const mprotect = libc.func('int mprotect(void *addr, size_t len, int prot)');
  const munmap = libc.func('int munmap(void *addr, size_t length)');
  const memcpy = libc.func('void *memcpy(void *dst, const void *src, size_t n)');
  const getpagesize = libc.func('int getpagesize(void)');
  const pageSize = Number(getpagesize()) || 16384;
  if (!target.appleJit) {
    // Intel macOS: plain mprotect W^X, like Linux.
    return {
      pageSize,
      mapWritable(size) {
        const p = mmap(null, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON_DARWIN, -1, 0) as bigint | null;
        if (p === null || BigInt(p) === MAP_FAILED) throw errnoMessage('mmap');
        return BigInt(p);
      },
      makeExecutable(addr, size) {
        if (mprotect(addr, size, PROT_READ | PROT_EXEC) !== 0) throw errnoMessage('mprotect(RX)');
      },
      makeWritable(addr, size) {
        if (mprotect(addr, size, PROT_READ | PROT_WRITE) !== 0) throw errnoMessage('mprotect(RW)');
      },
      flushIcache() {},
      unmap(addr, size) {
        if (munmap(addr, size) !== 0) throw errnoMessage('munmap');
      },
      write(addr, bytes) {
        memcpy(addr, bytes, bytes.length);
      },
    };
  }
  // Apple Silicon: MAP_JIT pages; W^X is per thread, toggled by pthread_jit_write_protect_np.
  const jitWriteProtect = libc.func('void pthread_jit_write_protect_np(int enabled)');
  const icacheInvalidate = libc.func('void sys_icache_invalidate(void *start, size_t len)');
  return {
    pageSize,
    mapWritable(size) {
      const prot = PROT_READ | PROT_WRITE | PROT_EXEC;
      const p = mmap(null, size, prot, MAP_PRIVATE | MAP_ANON_DARWIN | MAP_JIT_DARWIN, -1, 0) as bigint | null;
      if (p === null || BigInt(p) === MAP_FAILED) throw errnoMessage('mmap(MAP_JIT)');
      jitWriteProtect(0);
      return BigInt(p);
    },
    makeExecutable() {
      jitWriteProtect(1);
    },
    makeWritable() {
      jitWriteProtect(0);
    },
    flushIcache(addr, size) {
      icacheInvalidate(addr, size);
    },
    unmap(addr, size) {
      if (munmap(addr, size) !== 0) throw errnoMessage('munmap');
    },
    write(addr, bytes) {
      memcpy(addr, bytes, bytes.length);
    },
  };
}
