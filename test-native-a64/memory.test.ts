// Executable memory on AArch64 Linux: W^X (RW while writing, RX while running, never both), the instruction
// cache flush sits between the copy and mprotect(RX) and covers exactly the written bytes, patch() takes effect,
// and bad use gets typed errors. Code bytes come from GNU as.
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import koffi from 'koffi';
import { ExecutableMemory, ExecMemoryError, nativeFunction } from '../src/exec/index.js';
import { osMemory } from '../src/exec/os-memory.js';
import { packageRoot } from '../src/paths.js';
import { gnuAsA64, mappingOf } from './support/aarch64.js';

const addCode = gnuAsA64('add x0, x0, x1\nret');
const perms = (addr: bigint): string | undefined => mappingOf(addr)?.perms;

/** Bytes currently at `addr` (read through koffi; only for checks, never on a hot path). */
function peek(addr: bigint, n: number): Uint8Array {
  return Uint8Array.from(koffi.decode(addr, 'uint8_t', n) as number[]);
}

interface Flush {
  addr: bigint;
  size: number;
  /** protection of the page when the flush ran */
  perms: string | undefined;
  /** the bytes in the flushed range when the flush ran */
  bytes: Uint8Array;
}

/** Records every instruction-cache flush src/exec makes (then performs it), until restore(). */
function spyFlushes(): { flushes: Flush[]; restore: () => void } {
  const os = osMemory();
  const original = os.flushIcache;
  const flushes: Flush[] = [];
  os.flushIcache = (addr, size) => {
    flushes.push({ addr, size, perms: perms(addr), bytes: peek(addr, size) });
    original.call(os, addr, size);
  };
  return { flushes, restore: () => (os.flushIcache = original) };
}

let restoreSpy: (() => void) | null = null;
afterEach(() => {
  restoreSpy?.();
  restoreSpy = null;
});

describe('executable memory (AArch64 Linux)', () => {
  it('is never writable and executable at once (W^X, /proc/self/maps)', () => {
    const m = ExecutableMemory.fromCode(addCode);
    expect(perms(m.address)).toBe('r-xp');
    expect(m.mappedSize % osMemory().pageSize).toBe(0);
    m.patch(0, addCode.subarray(0, 4));
    expect(perms(m.address)).toBe('r-xp');
    m.dispose();
  });

  it('flushes the instruction cache after the copy, before mprotect(RX), over exactly the code', () => {
    const spy = spyFlushes();
    restoreSpy = spy.restore;
    const code = gnuAsA64('movz x0, #0x1234\nmovk x0, #0x5678, lsl #16\nret');
    const f = nativeFunction<() => number>(code, 'uint64_t ()');
    expect(spy.flushes).toHaveLength(1);
    const [flush] = spy.flushes;
    expect(flush.addr).toBe(f.memory.address);
    expect(flush.size).toBe(code.length);
    expect(flush.perms).toBe('rw-p'); // still writable: the flush precedes mprotect(RX)
    expect(flush.bytes).toEqual(code); // and follows the copy
    expect(perms(f.memory.address)).toBe('r-xp');
    expect(f.call()).toBe(0x5678_1234);
    f.dispose();
  });

  it('patch() flushes the patched range and the new code runs', () => {
    const spy = spyFlushes();
    restoreSpy = spy.restore;
    // three instructions; the middle one is patched from `add` to `sub`, then to `mul`
    const f = nativeFunction<(a: number, b: number) => number>(gnuAsA64('nop\nadd x0, x0, x1\nret'), 'int64_t (int64_t a, int64_t b)');
    expect(f.call(40, 2)).toBe(42);
    const sub = gnuAsA64('sub x0, x0, x1');
    f.memory.patch(4, sub);
    expect(spy.flushes.at(-1)).toMatchObject({ addr: f.memory.address + 4n, size: 4, perms: 'rw-p', bytes: sub });
    expect(perms(f.memory.address)).toBe('r-xp');
    expect(f.call(40, 2)).toBe(38);
    f.memory.patch(4, gnuAsA64('mul x0, x0, x1'));
    expect(f.call(40, 2)).toBe(80);
    expect(spy.flushes).toHaveLength(3);
    f.dispose();
  });

  it('patch() range-checks; empty code and use after dispose are typed errors', () => {
    const m = ExecutableMemory.fromCode(addCode);
    expect(() => m.patch(4, new Uint8Array(8))).toThrow(ExecMemoryError);
    expect(() => m.patch(-4, new Uint8Array(4))).toThrow(/outside the 8-byte code/);
    expect(() => ExecutableMemory.fromCode(new Uint8Array(0))).toThrow(/no code/);
    m.dispose();
    m.dispose();
    expect(m.disposed).toBe(true);
    expect(() => m.address).toThrow(/after dispose/);
    expect(() => m.patch(0, new Uint8Array(4))).toThrow(ExecMemoryError);
  });

  it('faults on a write into code pages (in a second arm64 process)', () => {
    // A second arm64 node cannot be exec'd directly without binfmt_misc: under qemu it is started through qemu
    // again (scripts/arm64.mjs passes the paths); on a real arm64 host it is process.execPath.
    const qemu = process.env.DYNASM_ARM64_QEMU;
    const node = process.env.DYNASM_ARM64_NODE ?? process.execPath;
    const argv = qemu ? [qemu, '-L', process.env.DYNASM_ARM64_SYSROOT ?? '/usr/aarch64-linux-gnu', node] : [node];
    const script = `import koffi from 'koffi';
      import { readFileSync } from 'node:fs';
      const libc = koffi.load('libc.so.6');
      const mmap = libc.func('void *mmap(void *addr, size_t length, int prot, int flags, int fd, int64_t offset)');
      const mprotect = libc.func('int mprotect(void *addr, size_t len, int prot)');
      const p = mmap(null, 4096, 3, 0x22, -1, 0);
      if (mprotect(p, 4096, 5) !== 0) throw new Error('mprotect');
      console.log('mapped', process.arch);
      new Uint8Array(koffi.view(p, 4096))[0] = 0x1f;
      console.log('wrote');`;
    const child = spawnSync(argv[0], [...argv.slice(1), '--input-type=module', '-e', script], { cwd: packageRoot, encoding: 'utf8' });
    expect(child.stdout).toContain('mapped arm64');
    expect(child.stdout).not.toContain('wrote');
    expect(child.signal).toBe('SIGSEGV');
  });
});
