// Lifetime of executable memory on AArch64 Linux: dispose() and garbage collection release the pages, and
// compile/call/dispose cycles leak nothing.
//
// Sized for qemu-user: one nativeFunction() + call + dispose() cycle costs ~0.3 ms there (koffi.decode alone is
// ~0.13 ms, against ~10 us on x86-64), so the leak check runs 2,000 warm-up and 4 x 4,000 measured cycles
// (~6 s; DYNASM_LONG=1: 4 x 25,000) instead of the 100,000 of test/exec. It does not use the resident set:
// under qemu that is the emulator's (its translation cache alone grows by tens of MiB while V8 runs) and
// process.memoryUsage().rss reads 0. It measures the guest's own memory instead, each finer than RSS:
//   - glibc heap in use (mallinfo2: all arenas plus mmapped chunks): the native side of koffi and src/exec
//     (scripts/arm64.mjs turns glibc's tcache off for this process so that the reading is steady);
//   - bytes of anonymous r-xp mappings: code pages not unmapped;
//   - V8 heap and external memory after a full GC: JS objects and ArrayBuffers kept alive;
//   - ExecutableMemory.liveCount.
// A self-check first shows that the malloc and code-page measures see a deliberate small leak.
import { describe, expect, it } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import koffi from 'koffi';
import { ExecutableMemory, nativeFunction } from '../src/exec/index.js';
import { LONG } from '../test/support/runs.js';
import { anonCodeBytes, gnuAsA64, mappingOf, readMaps } from './support/aarch64.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const libc = koffi.load('libc.so.6');
const mallocTrim = libc.func('int malloc_trim(size_t pad)') as (pad: number) => number;
const malloc = libc.func('void *malloc(size_t size)') as (n: number) => unknown;
const free = libc.func('void free(void *p)') as (p: unknown) => void;
const MallInfo2 = koffi.struct('dynasm_mallinfo2', {
  arena: 'size_t',
  ordblks: 'size_t',
  smblks: 'size_t',
  hblks: 'size_t',
  hblkhd: 'size_t',
  usmblks: 'size_t',
  fsmblks: 'size_t',
  uordblks: 'size_t',
  fordblks: 'size_t',
  keepcost: 'size_t',
});
const mallinfo2 = libc.func('mallinfo2', MallInfo2, []) as () => Record<string, number | bigint>;

interface Reading {
  mallocBytes: number;
  codeBytes: number;
  heapBytes: number;
  externalBytes: number;
}

/** After a full GC and malloc_trim; the smallest of three readings, so that a compile job in flight does not count. */
async function reading(): Promise<Reading> {
  let best: Reading | null = null;
  for (let i = 0; i < 3; i++) {
    gc();
    mallocTrim(0);
    const mi = mallinfo2();
    const mu = process.memoryUsage();
    const r = {
      mallocBytes: Number(mi.uordblks) + Number(mi.hblkhd),
      codeBytes: anonCodeBytes(),
      heapBytes: mu.heapUsed,
      externalBytes: mu.external,
    };
    best = best ? { mallocBytes: Math.min(best.mallocBytes, r.mallocBytes), codeBytes: Math.min(best.codeBytes, r.codeBytes), heapBytes: Math.min(best.heapBytes, r.heapBytes), externalBytes: Math.min(best.externalBytes, r.externalBytes) } : r;
    await new Promise((res) => setTimeout(res, 10));
  }
  return best!;
}

const addCode = gnuAsA64('add x0, x0, x1\nret');
const KiB = 1024;

describe('executable memory lifetime (AArch64 Linux)', () => {
  it('dispose() unmaps the pages at once', () => {
    const m = ExecutableMemory.fromCode(addCode);
    const addr = m.address;
    expect(mappingOf(addr)?.perms).toBe('r-xp');
    m.dispose();
    expect(mappingOf(addr)?.perms ?? 'unmapped').not.toBe('r-xp');
  });

  it('releases memory that was never disposed once it is garbage collected', async () => {
    const addrs: bigint[] = [];
    (() => {
      for (let i = 0; i < 50; i++) addrs.push(ExecutableMemory.fromCode(addCode).address);
    })();
    const live = (): bigint[] => {
      const maps = readMaps();
      return addrs.filter((a) => mappingOf(a, maps)?.perms === 'r-xp');
    };
    expect(live().length).toBe(50);
    for (let round = 0; round < 40 && live().length > 0; round++) {
      gc();
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(live()).toEqual([]);
  });

  it('the measures see a deliberate leak (self-check)', async () => {
    const before = await reading();
    const blocks: unknown[] = [];
    for (let i = 0; i < 4000; i++) blocks.push(malloc(64));
    const kept: ExecutableMemory[] = [];
    for (let i = 0; i < 16; i++) kept.push(ExecutableMemory.fromCode(addCode));
    const after = await reading();
    for (const b of blocks) free(b);
    for (const m of kept) m.dispose();
    expect(after.mallocBytes - before.mallocBytes).toBeGreaterThanOrEqual(4000 * 64);
    expect(after.codeBytes - before.codeBytes).toBe(16 * 4096);
  });

  it(`does not leak over ${LONG ? '102,000' : '18,000'} compile/call/dispose cycles`, async () => {
    const n = LONG ? 25_000 : 4_000; // cycles per measured interval; 4 intervals
    const cycles = (count: number, from: number): void => {
      for (let i = from; i < from + count; i++) {
        const f = nativeFunction<(a: number, b: number) => number>(addCode, 'int64_t (int64_t a, int64_t b)');
        if (i % 1000 === 0) expect(Number(f.call(i, 1))).toBe(i + 1);
        f.dispose();
      }
    };
    cycles(2_000, 0);
    const live0 = ExecutableMemory.liveCount;
    const r: Reading[] = [await reading()];
    for (let k = 0; k < 4; k++) {
      cycles(n, k * n);
      r.push(await reading());
    }
    const series = (k: keyof Reading): string => `${k}: ${r.map((x) => x[k]).join(' -> ')}`;
    /** Intervals in which `k` grew by `limit` bytes or more. */
    const grew = (k: keyof Reading, limit: number): number => r.slice(1).filter((x, i) => x[k] - r[i][k] >= limit).length;
    // A leak shows in every interval. The glibc heap also settles once, by 1 to 4 MiB over the first 10,000 to
    // 50,000 cycles (measured; koffi and V8 growing their own pools, in a standalone script too), which can
    // cover two intervals: at most two may grow. The threshold, 16 bytes per cycle (64 KiB per 4,000 cycles), is
    // half the smallest glibc chunk; after settling the reading moves by tens of bytes per interval.
    expect(grew('mallocBytes', 16 * n), series('mallocBytes')).toBeLessThanOrEqual(2);
    // Pages not unmapped: one per cycle would be 16 MiB per interval; allow none.
    expect(r[4].codeBytes, series('codeBytes')).toBe(r[0].codeBytes);
    // V8 heap (64 bytes per cycle; under qemu heapUsed creeps by a few bytes per cycle, V8's own) and external
    // memory (ArrayBuffers over native memory kept alive).
    expect(grew('heapBytes', 64 * n), series('heapBytes')).toBeLessThanOrEqual(2);
    expect(r[4].externalBytes - r[0].externalBytes, series('externalBytes')).toBeLessThan(64 * KiB);
    expect(ExecutableMemory.liveCount).toBe(live0);
  });
});
