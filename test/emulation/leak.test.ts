// Engines are closed deterministically: 10,000 open / map / write / run / register set / context / close
// cycles (alternating a64 and x64) must not grow the resident set by more than a few MiB. One engine that
// is not freed costs ~0.5–3 MiB, so a leak of whole engines shows at once; the bound also catches leaks of
// ~1 KiB per cycle. (~4–5 s.)
import v8 from 'node:v8';
import vm from 'node:vm';
import koffi from 'koffi';
import { describe, expect, it } from 'vitest';
import { Engine, Harness, type Arch } from '../../emulation/index.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
// Hand freed heap back to the kernel before each measurement, so RSS reflects live memory rather than
// glibc's arena high-water marks.
const mallocTrim = koffi.load('libc.so.6').func('int malloc_trim(size_t pad)') as (pad: number) => number;
const MiB = 1024 * 1024;

const CODE = { a64: Uint8Array.of(0x20, 0x00, 0x02, 0x8b), x64: Uint8Array.of(0x48, 0x01, 0xf0, 0x90) }; // add x0, x1, x2 / add rax, rsi; nop (llvm-mc-14 -show-encoding)

function cycle(arch: Arch): void {
  const e = Engine.open(arch);
  e.map(0x10000n, 0x1000);
  e.writeCode(0x10000n, CODE[arch]);
  const a = e as Engine<'a64'>;
  const x = e as Engine<'x64'>;
  if (arch === 'a64') a.writeReg('x1', 5n);
  else x.writeReg('rsi', 5n);
  const stop = e.run({ begin: 0x10000n, until: 0x10004n, maxInstructions: 10 });
  if (stop.kind !== 'stop') throw new Error(`cycle run: ${stop.kind}`);
  (arch === 'a64' ? a.registerSet(['x0', 'q0']) : x.registerSet(['rax', 'xmm0'])).read();
  e.saveContext();
  e.close();
}

/** RSS after a full GC. V8 frees ArrayBuffer backing stores on a background thread after a GC, so wait a
 *  moment and collect again before trimming the heap. */
async function rss(): Promise<number> {
  gc();
  await new Promise((r) => setTimeout(r, 50));
  gc();
  mallocTrim(0);
  return process.memoryUsage().rss;
}

describe('no native leaks', () => {
  it('10,000 engine open/close cycles grow RSS by less than 12 MiB', async () => {
    for (let i = 0; i < 1000; i++) cycle(i % 2 === 0 ? 'a64' : 'x64'); // warm-up: allocator and JIT settle
    const r0 = await rss();
    for (let i = 0; i < 5000; i++) cycle(i % 2 === 0 ? 'a64' : 'x64');
    const r1 = await rss();
    for (let i = 0; i < 5000; i++) cycle(i % 2 === 0 ? 'a64' : 'x64');
    const r2 = await rss();
    const total = (r2 - r0) / MiB;
    const secondHalf = (r2 - r1) / MiB;
    expect(total, `RSS grew ${total.toFixed(1)} MiB over 10,000 cycles`).toBeLessThan(12);
    expect(secondHalf, `RSS grew ${secondHalf.toFixed(1)} MiB over the last 5,000 cycles`).toBeLessThan(8);
  });

  it('1,000 harness open/run/close cycles grow RSS by less than 8 MiB', async () => {
    const run = (i: number) => {
      const h = i % 2 === 0 ? Harness.open('a64') : Harness.open('x64');
      const r = h.run({ code: i % 2 === 0 ? CODE.a64 : CODE.x64.subarray(0, 3) });
      if (r.stop.kind !== 'stop') throw new Error(`harness cycle: ${r.stop.kind}`);
      h.close();
    };
    for (let i = 0; i < 200; i++) run(i);
    const r0 = await rss();
    for (let i = 0; i < 500; i++) run(i);
    const r1 = await rss();
    for (let i = 0; i < 500; i++) run(i);
    const r2 = await rss();
    const grown = (r2 - r0) / MiB;
    const last = (r2 - r1) / MiB;
    expect(grown, `RSS grew ${grown.toFixed(1)} MiB over 1,000 harness cycles`).toBeLessThan(8);
    expect(last, `RSS grew ${last.toFixed(1)} MiB over the last 500 harness cycles`).toBeLessThan(6);
  });
});
