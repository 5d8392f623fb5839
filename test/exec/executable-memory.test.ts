// Executable memory on this host: W^X (RW while writing, RX while running, never both), code runs natively,
// memory is released by dispose() and by garbage collection, and 100,000 cycles do not leak.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import koffi from 'koffi';
import { ExecutableMemory, ExecMemoryError, host, nativeFunction } from '../../src/exec/index.js';
import { packageRoot } from '../../src/paths.js';
import { propertyRuns } from '../support/runs.js';

/** Assembles Intel-syntax x86-64 with GNU as (the oracle) and returns the .text bytes. */
function gnuAsX64(source: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'dynasm-exec-'));
  writeFileSync(join(dir, 't.s'), `.intel_syntax noprefix\n${source}\n`);
  execFileSync('as', ['--64', '-o', join(dir, 't.o'), join(dir, 't.s')]);
  execFileSync('objcopy', ['-O', 'binary', '-j', '.text', join(dir, 't.o'), join(dir, 't.bin')]);
  return new Uint8Array(readFileSync(join(dir, 't.bin')));
}

function mapsLine(addr: bigint): string | undefined {
  const hex = addr.toString(16);
  return readFileSync('/proc/self/maps', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${hex}-`));
}

function mappingCount(): number {
  return readFileSync('/proc/self/maps', 'utf8').split('\n').length;
}

const onX64Linux = host.arch === 'x64' && host.os === 'linux';

describe.runIf(onX64Linux)('executable memory (x86-64 Linux)', () => {
  const addCode = gnuAsX64('mov rax, rdi\nadd rax, rsi\nret');
  // mov rax,[rdi]; add rax,[rdi+8]; mov [rdi+16],rax; ret — works in place on a JS buffer
  const stepCode = gnuAsX64('mov rax, qword ptr [rdi]\nadd rax, qword ptr [rdi + 8]\nmov qword ptr [rdi + 16], rax\nret');

  it('runs native code and agrees with JS arithmetic', () => {
    const f = nativeFunction<(a: number, b: number) => number>(addCode, 'int64_t (int64_t a, int64_t b)');
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), (a, b) => {
        expect(Number(f.call(a, b))).toBe(a + b);
      }),
      { numRuns: propertyRuns(2000) },
    );
    f.dispose();
  });

  it('works in place on a JS-owned buffer', () => {
    const f = nativeFunction<(s: BigInt64Array) => void>(stepCode, 'void (void *state)');
    const s = new BigInt64Array(3);
    s[0] = 40n;
    s[1] = 2n;
    f.call(s);
    expect(s[2]).toBe(42n);
    f.dispose();
  });

  it('is never writable and executable at once (W^X, /proc/self/maps)', () => {
    const m = ExecutableMemory.fromCode(addCode);
    const line = mapsLine(m.address);
    expect(line).toBeDefined();
    expect(line!.split(/\s+/)[1]).toBe('r-xp');
    m.patch(0, addCode.subarray(0, 3));
    expect(mapsLine(m.address)!.split(/\s+/)[1]).toBe('r-xp');
    m.dispose();
  });

  it('faults on a write into code pages (in a child process)', () => {
    const child = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import koffi from 'koffi';
         const libc = koffi.load('libc.so.6');
         const mmap = libc.func('void *mmap(void *addr, size_t length, int prot, int flags, int fd, int64_t offset)');
         const mprotect = libc.func('int mprotect(void *addr, size_t len, int prot)');
         const p = mmap(null, 4096, 3, 0x22, -1, 0);
         mprotect(p, 4096, 5);
         new Uint8Array(koffi.view(p, 4096))[0] = 0x90;
         console.log('wrote');`,
      ],
      { cwd: packageRoot, encoding: 'utf8' },
    );
    expect(child.stdout).not.toContain('wrote');
    expect(child.signal).toBe('SIGSEGV');
  });

  it('patch() replaces code and range-checks', () => {
    const m = ExecutableMemory.fromCode(gnuAsX64('mov eax, 1\nret'));
    const f = nativeFunction<() => number>(gnuAsX64('mov eax, 1\nret'), 'int32_t ()');
    expect(f.call()).toBe(1);
    f.memory.patch(0, gnuAsX64('mov eax, 7\nret'));
    expect(f.call()).toBe(7);
    expect(() => m.patch(4, new Uint8Array(10))).toThrow(ExecMemoryError);
    f.dispose();
    m.dispose();
  });

  it('rejects empty code and use after dispose', () => {
    expect(() => ExecutableMemory.fromCode(new Uint8Array(0))).toThrow(/no code/);
    const m = ExecutableMemory.fromCode(addCode);
    m.dispose();
    m.dispose();
    expect(m.disposed).toBe(true);
    expect(() => m.address).toThrow(/after dispose/);
  });

  it('does not leak over 100,000 compile/dispose cycles', () => {
    // RSS after a full GC and malloc_trim, so that freed heap pages are returned before each reading.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const trim = koffi.load('libc.so.6').func('int malloc_trim(size_t pad)') as (pad: number) => number;
    const rss = (): number => {
      gc();
      trim(0);
      return process.memoryUsage().rss / 2 ** 20;
    };
    const cycles = (n: number, from: number): void => {
      for (let i = from; i < from + n; i++) {
        const f = nativeFunction<(a: number, b: number) => number>(addCode, 'int64_t (int64_t a, int64_t b)');
        if (i % 10_000 === 0) expect(Number(f.call(i, 1))).toBe(i + 1);
        f.dispose();
      }
    };
    cycles(20_000, 0);
    const live0 = ExecutableMemory.liveCount;
    const maps0 = mappingCount();
    // 100,000 measured cycles in four windows. A leak grows resident memory in every window (100 bytes
    // per cycle is 2.4 MiB a window); allocator and GC noise does not, so the quietest window decides.
    const r0 = rss();
    const growth: number[] = [];
    let last = r0;
    for (let w = 0; w < 4; w++) {
      cycles(25_000, w * 25_000);
      const now = rss();
      growth.push(now - last);
      last = now;
    }
    expect(Math.min(...growth)).toBeLessThan(2);
    expect(last - r0).toBeLessThan(48);
    // 100,000 unreleased mappings would add up to 100,000 lines; allow the allocator's own few.
    expect(mappingCount()).toBeLessThan(maps0 + 64);
    expect(ExecutableMemory.liveCount).toBe(live0);
  });

  it('releases memory that was never disposed once it is garbage collected', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const addrs: bigint[] = [];
    (() => {
      for (let i = 0; i < 50; i++) addrs.push(ExecutableMemory.fromCode(addCode).address);
    })();
    expect(addrs.filter((a) => mapsLine(a) !== undefined).length).toBeGreaterThan(0);
    for (let round = 0; round < 20 && addrs.some((a) => mapsLine(a) !== undefined); round++) {
      gc();
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(addrs.filter((a) => mapsLine(a) !== undefined)).toEqual([]);
  });
});
