// The dynasm DSL on A64: instructions per second from a cached template whose operands change every
// call (registers chosen at run time, immediates, offsets), side by side with GNU as and llvm-mc
// assembling a file of the same instructions; and the first-call cost (parse + plan) per template line.
// Every filled template is checked once against the same template assembled from plain text.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Assembler, X, type Reg } from '../src/index.js';
import { planStats } from '../dsl/assembler.js';
import type { BenchContext } from '../src/bench/record.js';
import { wallSeconds as now } from '../src/bench/timing.js';

const LINES = 8;

/** The benchmark template: 8 mixed instructions, 7 of them with interpolated operands. */
function emit(a: Assembler<'a64'>, rd: Reg, rn: Reg, rm: Reg, rt: Reg, off: number, imm: number, k: number): void {
  a.dynasm`
    1: add  ${rd}, ${rn}, ${rm}, lsl #3
       ldr  ${rt}, [${rn}, #${off}]
       str  ${rt}, [${rd}, #16]
       sub  ${rd}, ${rd}, #${imm}
       csel ${rd}, ${rn}, ${rm}, ne
       mov  ${rt}, #${k}
       cbnz ${rt}, 1b
       stp  x29, x30, [sp, #-16]!`;
}

function text(rd: Reg, rn: Reg, rm: Reg, rt: Reg, off: number, imm: number, k: number): string {
  return `1: add ${rd}, ${rn}, ${rm}, lsl #3
ldr ${rt}, [${rn}, #${off}]
str ${rt}, [${rd}, #16]
sub ${rd}, ${rd}, #${imm}
csel ${rd}, ${rn}, ${rm}, ne
mov ${rt}, #${k}
cbnz ${rt}, 1b
stp x29, x30, [sp, #-16]!
`;
}

function args(i: number): [Reg, Reg, Reg, Reg, number, number, number] {
  return [X(i % 29), X((i + 1) % 29), X((i + 2) % 29), X((i + 3) % 29), (i & 511) * 8, i & 4095, i & 0xffff];
}

/** Whether `cmd` can be started (an assembler to compare with may not be installed). */
function installed(cmd: string): boolean {
  return spawnSync(cmd, ['--version'], { stdio: 'ignore' }).error === undefined;
}

function timeTool(cmd: string, argv: string[]): number {
  const t0 = now();
  const r = spawnSync(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
  const t = now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return t;
}

export async function runDslA64Bench(ctx: BenchContext): Promise<void> {
  // Correctness: the filled template equals the text version (both through our assembler; the text path is
  // differential-tested against GNU as and llvm-mc in test/a64).
  for (let i = 0; i < 64; i++) {
    const a = new Assembler('a64');
    emit(a, ...args(i * 97));
    const b = new Assembler('a64');
    b.assemble(text(...args(i * 97)));
    const x = Buffer.from(a.finalize()).toString('hex');
    const y = Buffer.from(b.finalize()).toString('hex');
    if (x !== y) throw new Error(`template fill ${i} differs from its text: ${x} vs ${y}`);
  }

  // Steady state: one assembler, reset every 4096 templates (32 KiB of code).
  const a = new Assembler('a64', { capacity: 1 << 16 });
  const pre = Array.from({ length: 1024 }, (_, i) => args(i));
  const run = (n: number) => {
    for (let i = 0; i < n; i++) {
      if ((i & 4095) === 0) a.reset();
      const p = pre[i & 1023];
      emit(a, p[0], p[1], p[2], p[3], p[4], p[5], p[6]);
    }
  };
  run(200_000); // warm up
  const built = planStats.built;
  const N = ctx.quick ? 200_000 : 2_000_000;
  const rounds: number[] = [];
  const cpuRounds: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = now();
    const c0 = process.cpuUsage();
    run(N);
    const c1 = process.cpuUsage(c0);
    rounds.push((N * LINES) / (now() - t0));
    cpuRounds.push((N * LINES) / ((c1.user + c1.system) / 1e6));
  }
  if (planStats.built !== built) throw new Error('the template was re-planned in the steady state');
  const best = Math.max(...rounds);
  const bestCpu = Math.max(...cpuRounds);
  console.log(`  dynasm template fill      ${(best / 1e6).toFixed(1)} M insn/s wall (best of 5: ${rounds.map((x) => (x / 1e6).toFixed(1)).join(', ')}), ${(1e9 / best).toFixed(1)} ns/insn`);
  console.log(`                            ${(bestCpu / 1e6).toFixed(1)} M insn/s per CPU-second (process CPU time; unaffected by other load on the machine)`);

  // Peers: the same instructions as a text file, one process call each.
  const dir = mkdtempSync(join(tmpdir(), 'dynasm-bench-'));
  try {
    const M = 25_000; // templates → 200,000 instructions
    let src = '.text\n';
    for (let i = 0; i < M; i++) src += text(...args(i));
    const file = join(dir, 'in.s');
    writeFileSync(file, src);
    const insns = M * LINES;
    // a peer that is not installed is left out (its row says so); the rest is still measured
    const peer = (cmd: string, argv: string[]): number | null => (installed(cmd) ? Math.min(timeTool(cmd, argv), timeTool(cmd, argv)) : null);
    const gas = peer('aarch64-linux-gnu-as', ['-march=armv8.5-a', file, '-o', join(dir, 'g.o')]);
    const mc = peer('llvm-mc-14', ['-triple=aarch64', '-filetype=obj', file, '-o', join(dir, 'l.o')]);
    const t0 = now();
    new Assembler('a64').assemble(src).finalize();
    const ours = now() - t0;
    console.log(gas === null ? '  aarch64-linux-gnu-as      not installed: skipped' : `  aarch64-linux-gnu-as      ${(insns / gas / 1e6).toFixed(2)} M insn/s (${insns} instructions in ${(gas * 1000).toFixed(0)} ms, one process)`);
    console.log(mc === null ? '  llvm-mc-14                not installed: skipped' : `  llvm-mc-14 -filetype=obj  ${(insns / mc / 1e6).toFixed(2)} M insn/s (${(mc * 1000).toFixed(0)} ms)`);
    console.log(`  dynasm, same file as text ${(insns / ours / 1e6).toFixed(2)} M insn/s (${(ours * 1000).toFixed(0)} ms, parsed once, no cache)`);
    const workload = 'a64 8-line template';
    const gasRec = gas === null ? null : { engine: 'gnu-as', workload, config: 'aarch64-linux-gnu-as, one process, 200,000 insns', value: insns / gas };
    ctx.record({ metric: 'encode-rate', engine: 'dynasm', workload, config: 'template fill, runtime operands', value: best, unit: 'insn/s', better: 'higher', baseline: gasRec });
    if (gasRec !== null) ctx.record({ metric: 'encode-rate', ...gasRec, unit: 'insn/s', better: 'higher' });
    if (mc !== null) ctx.record({ metric: 'encode-rate', engine: 'llvm-mc', workload, config: 'llvm-mc-14 -filetype=obj, one process, 200,000 insns', value: insns / mc, unit: 'insn/s', better: 'higher' });
    ctx.record({ metric: 'encode-rate', engine: 'dynasm', workload, config: 'same file as text, parsed once', value: insns / ours, unit: 'insn/s', better: 'higher', baseline: gasRec });
    ctx.record({ metric: 'encode-rate', engine: 'dynasm', workload, config: 'template fill, per CPU second', value: bestCpu, unit: 'insn/s', better: 'higher' });
    const vs = [gas === null ? '' : `vs GNU as: ${(best / (insns / gas)).toFixed(0)}×`, mc === null ? '' : `vs llvm-mc: ${(best / (insns / mc)).toFixed(0)}×`].filter((x) => x !== '');
    if (vs.length > 0) console.log(`  → template fill ${vs.join('; ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // First call per call site: lex + match + plan. Fresh TemplateStringsArray-like objects force a parse.
  const raw = [
    '\n    1: add  ',
    ', ',
    ', ',
    ', lsl #3\n       ldr  ',
    ', [',
    ', #',
    ']\n       str  ',
    ', [',
    ', #16]\n       sub  ',
    ', ',
    ', #',
    '\n       csel ',
    ', ',
    ', ',
    ', ne\n       mov  ',
    ', #',
    '\n       cbnz ',
    ', 1b\n       stp  x29, x30, [sp, #-16]!',
  ];
  const p = args(5);
  const vals = [p[0], p[1], p[2], p[3], p[1], p[4], p[3], p[0], p[0], p[0], p[5], p[0], p[1], p[2], p[3], p[6], p[3]];
  const K = 2000;
  const b = new Assembler('a64', { capacity: 1 << 20 });
  const tag = (b.dynasm as unknown as (s: TemplateStringsArray, ...v: unknown[]) => void).bind(b);
  const t0 = now();
  for (let i = 0; i < K; i++) {
    if ((i & 255) === 0) b.reset();
    tag(Object.assign([...raw], { raw }) as unknown as TemplateStringsArray, ...vals);
  }
  const per = (now() - t0) / K;
  ctx.record({ metric: 'parse-time', engine: 'dynasm', workload: 'a64 8-line template', config: 'first call: lex + match + plan', size: LINES, value: (per / LINES) * 1e6, unit: 'us/line', better: 'lower' });
  console.log(`  first call (parse + plan)  ${(per * 1e6).toFixed(1)} µs per template, ${((per / LINES) * 1e6).toFixed(2)} µs per line`);
}
