// Emulated cases per second: a fresh Unicorn engine per case (open + map + write + run + close) against
// reused engines, for both architectures in the same run. Each case runs a 10-instruction integer program
// with two input registers and checks the result against JS arithmetic (a wrong result aborts the bench).
//
// Modes:
//   fresh           Engine.open + map + writeCode + 2 regs + run + read + close, every case
//   reused, until=end  one engine; run until the end of the code (Unicorn then retranslates the code's
//                   last block after every run: see emulation/harness.ts)
//   reused, sentinel   one engine; the code ends with a jump to an unmapped stop sentinel
//   harness program    Harness.prepare(): clean context + frame/data clearing + batch in/out, per case
//   harness case       Harness.run({ code, regs }): the convenience API (object in, object out)
import { Engine, Harness, type Arch } from '../emulation/index.js';
import type { BenchContext } from '../src/bench/record.js';

// llvm-mc-14 -triple=aarch64 -show-encoding:
//   add x0, x1, x2; add x0, x0, x1; sub x3, x0, x2; eor x4, x3, x1; mul x5, x4, x2;
//   add x6, x5, x0; sub x7, x6, x3; eor x8, x7, x4; add x9, x8, x5; add x0, x9, x6
const A64 = Uint8Array.from([
  0x20, 0x00, 0x02, 0x8b, 0x00, 0x00, 0x01, 0x8b, 0x03, 0x00, 0x02, 0xcb, 0x64, 0x00, 0x01, 0xca, 0x85, 0x7c, 0x02, 0x9b,
  0xa6, 0x00, 0x00, 0x8b, 0xc7, 0x00, 0x03, 0xcb, 0xe8, 0x00, 0x04, 0xca, 0x09, 0x01, 0x05, 0x8b, 0x20, 0x01, 0x06, 0x8b,
]);
// llvm-mc-14 -triple=x86_64 -x86-asm-syntax=intel -output-asm-variant=1 -show-encoding:
//   mov rax, rdi; add rax, rsi; mov rcx, rax; sub rcx, rsi; xor rcx, rdi;
//   imul rcx, rsi; add rax, rcx; sub rax, rdi; xor rax, rsi; add rax, rcx
const X64 = Uint8Array.from([
  0x48, 0x89, 0xf8, 0x48, 0x01, 0xf0, 0x48, 0x89, 0xc1, 0x48, 0x29, 0xf1, 0x48, 0x31, 0xf9, 0x48, 0x0f, 0xaf, 0xce,
  0x48, 0x01, 0xc8, 0x48, 0x29, 0xf8, 0x48, 0x31, 0xf0, 0x48, 0x01, 0xc8,
]);

const m64 = (v: bigint) => BigInt.asUintN(64, v);
function refA64(x1: bigint, x2: bigint): bigint {
  let x0 = m64(x1 + x2);
  x0 = m64(x0 + x1);
  const x3 = m64(x0 - x2);
  const x4 = x3 ^ x1;
  const x5 = m64(x4 * x2);
  const x6 = m64(x5 + x0);
  const x7 = m64(x6 - x3);
  const x8 = x7 ^ x4;
  const x9 = m64(x8 + x5);
  return m64(x9 + x6);
}
function refX64(rdi: bigint, rsi: bigint): bigint {
  let rax = m64(rdi + rsi);
  let rcx = rax;
  rcx = m64(rcx - rsi);
  rcx ^= rdi;
  rcx = m64(rcx * rsi);
  rax = m64(rax + rcx);
  rax = m64(rax - rdi);
  rax ^= rsi;
  return m64(rax + rcx);
}

const CODE = 0x100000n;
const STOP = 0xdead00n;

interface Arch3 {
  code: Uint8Array;
  inA: 'x1' | 'rdi';
  inB: 'x2' | 'rsi';
  out: 'x0' | 'rax';
  ref: (a: bigint, b: bigint) => bigint;
  /** The code followed by a direct jump to STOP. */
  withStop: Uint8Array;
}

function withStopJump(arch: Arch, code: Uint8Array): Uint8Array {
  const end = CODE + BigInt(code.length);
  if (arch === 'a64') {
    const out = new Uint8Array(code.length + 4);
    out.set(code);
    new DataView(out.buffer).setUint32(code.length, (0x14000000 | Number(BigInt.asUintN(26, (STOP - end) >> 2n))) >>> 0, true);
    return out;
  }
  const out = new Uint8Array(code.length + 5);
  out.set(code);
  out[code.length] = 0xe9;
  new DataView(out.buffer).setInt32(code.length + 1, Number(STOP - (end + 5n)), true);
  return out;
}

const ARCH: Record<Arch, Arch3> = {
  a64: { code: A64, inA: 'x1', inB: 'x2', out: 'x0', ref: refA64, withStop: withStopJump('a64', A64) },
  x64: { code: X64, inA: 'rdi', inB: 'rsi', out: 'rax', ref: refX64, withStop: withStopJump('x64', X64) },
};

/** Cases per second of `body` over `n` cases after a warm-up; `body` returns the output for case i. */
function measure(n: number, arch: Arch, body: (a: bigint, b: bigint) => bigint): number {
  const { ref } = ARCH[arch];
  const check = (i: number) => {
    const a = BigInt(i) * 0x9e3779b97f4a7c15n;
    const b = BigInt(i + 7);
    const got = body(m64(a), b);
    if (got !== ref(m64(a), b)) throw new Error(`bench ${arch}: wrong result in case ${i}: ${got}`);
  };
  const warm = Math.min(2000, Math.max(50, n >> 3));
  for (let i = 0; i < warm; i++) check(i);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) check(i);
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  return n / s;
}

interface Row {
  arch: Arch;
  mode: string;
  perSecond: number;
}

function benchArch(arch: Arch, quick: boolean): Row[] {
  const A = ARCH[arch];
  const rows: Row[] = [];
  const scale = quick ? 0.1 : 1;

  // fresh engine per case
  rows.push({
    arch,
    mode: 'fresh engine per case',
    perSecond: measure(Math.round(2000 * scale), arch, (a, b) => {
      const e = Engine.open(arch) as Engine<Arch>;
      try {
        e.map(CODE, 0x1000, 'rx');
        e.writeCode(CODE, A.code);
        e.writeReg(A.inA, a);
        e.writeReg(A.inB, b);
        e.run({ begin: CODE, until: CODE + BigInt(A.code.length), maxInstructions: 1000 });
        return e.readReg(A.out);
      } finally {
        e.close();
      }
    }),
  });

  // reused engine, until = end of code
  {
    const e = Engine.open(arch) as Engine<Arch>;
    e.map(CODE, 0x1000, 'rx');
    e.writeCode(CODE, A.code);
    const until = CODE + BigInt(A.code.length);
    rows.push({
      arch,
      mode: 'reused engine, until = end',
      perSecond: measure(Math.round(40000 * scale), arch, (a, b) => {
        e.writeReg(A.inA, a);
        e.writeReg(A.inB, b);
        e.run({ begin: CODE, until, maxInstructions: 1000 });
        return e.readReg(A.out);
      }),
    });
    // reused engine, stop sentinel
    e.writeCode(CODE, A.withStop);
    rows.push({
      arch,
      mode: 'reused engine, stop sentinel',
      perSecond: measure(Math.round(200000 * scale), arch, (a, b) => {
        e.writeReg(A.inA, a);
        e.writeReg(A.inB, b);
        e.run({ begin: CODE, until: STOP, maxInstructions: 1000 });
        return e.readReg(A.out);
      }),
    });
    e.close();
  }

  // harness
  {
    const h = Harness.open(arch) as Harness<Arch>;
    const p = h.prepare({ code: A.code, inputs: [A.inA, A.inB], outputs: [A.out] });
    const vals = [0n, 0n];
    rows.push({
      arch,
      mode: 'harness program (prepare)',
      perSecond: measure(Math.round(200000 * scale), arch, (a, b) => {
        vals[0] = a;
        vals[1] = b;
        p.run(vals);
        return p.output(0);
      }),
    });
    rows.push({
      arch,
      mode: 'harness case (run)',
      perSecond: measure(Math.round(100000 * scale), arch, (a, b) => {
        const r = h.run({ code: A.code, regs: { [A.inA]: a, [A.inB]: b } });
        return r.regs[A.out as keyof typeof r.regs] as bigint;
      }),
    });
    h.close();
  }
  return rows;
}

/** Runs the suite and prints the table. `quick` (or DYNASM_BENCH_QUICK=1) uses a tenth of the cases. */
export async function runEmulationBench(ctx: BenchContext): Promise<void> {
  const quick = ctx.quick || process.env.DYNASM_BENCH_QUICK === '1';
  const rows = [...benchArch('a64', quick), ...benchArch('x64', quick)];
  const fresh: Record<string, number> = {};
  for (const r of rows) if (r.mode === 'fresh engine per case') fresh[r.arch] = r.perSecond;
  const workload = '10-instruction integer program';
  for (const r of rows) {
    const base = r.mode === 'fresh engine per case' ? null : { engine: `unicorn-${r.arch}`, workload, config: 'fresh engine per case', value: fresh[r.arch] };
    ctx.record({ metric: 'emulation-rate', engine: `unicorn-${r.arch}`, workload, config: r.mode, value: r.perSecond, unit: 'cases/s', better: 'higher', baseline: base });
  }
  const header = ['arch', 'mode', 'cases/s', 'µs/case', 'vs fresh'];
  const lines = rows.map((r) => [
    r.arch,
    r.mode,
    Math.round(r.perSecond).toLocaleString('en-US'),
    (1e6 / r.perSecond).toFixed(2),
    `×${(r.perSecond / fresh[r.arch]).toFixed(1)}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  console.log('10-instruction integer program, 2 input registers, 1 output register, result checked against JS');
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(fmt(l));
}
