// The dynasm DSL on x86-64: instructions per second from a cached template whose operands change every
// call (registers chosen at run time, immediates, displacements), side by side in the same run with
// iced-x86's Encoder encoding the same instructions (pre-built Instruction objects are not reusable
// across operand values, so it builds one per instruction, as a JIT would) and with GNU as and llvm-mc
// assembling a file of them. Every filled template is checked once against the same template assembled
// from plain text, and the iced output against ours.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Assembler, R64, type Gpr64 } from '../src/index.js';
import { planStats } from '../dsl/assembler.js';
import type { BenchContext } from '../src/bench/record.js';
import { cpuSeconds as cpu, wallSeconds as now } from '../src/bench/timing.js';

const LINES = 8;

/** The benchmark template: 8 instructions, 7 with interpolated operands, a backward branch (relaxed to rel8). */
function emit(a: Assembler<'x64'>, r1: Gpr64, r2: Gpr64, r3: Gpr64, r4: Gpr64, off: number, imm: number, k: number): void {
  a.dynasm`
    1: mov  ${r1}, qword ptr [${r2} + ${off}]
       add  ${r1}, ${r3}
       lea  ${r4}, [${r2} + ${r3}*8 + 16]
       sub  ${r4}, ${imm}
       imul ${r1}, ${r4}
       cmp  ${r1}, ${k}
       mov  qword ptr [rsp + 48], ${r1}
       jne  1b`;
}

function text(r1: Gpr64, r2: Gpr64, r3: Gpr64, r4: Gpr64, off: number, imm: number, k: number): string {
  return `1: mov ${r1}, qword ptr [${r2} + ${off}]
add ${r1}, ${r3}
lea ${r4}, [${r2} + ${r3}*8 + 16]
sub ${r4}, ${imm}
imul ${r1}, ${r4}
cmp ${r1}, ${k}
mov qword ptr [rsp + 48], ${r1}
jne 1b
`;
}

/** Registers other than rsp (a valid index everywhere). */
const REGS = [0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15].map(R64);

function args(i: number): [Gpr64, Gpr64, Gpr64, Gpr64, number, number, number] {
  const r = (k: number) => REGS[(i + k) % REGS.length];
  return [r(0), r(1), r(2), r(3), (i & 255) * 8 - 512, (i * 37) & 4095, ((i * 13) & 511) - 256];
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

/* eslint-disable @typescript-eslint/no-explicit-any */
type Iced = any;

/** The same 8 instructions through iced-x86's Encoder (Instruction.create* + encode, as GNU as picks the forms). */
function icedRunner(iced: Iced): { run: (n: number, pre: ReturnType<typeof args>[]) => Uint8Array } {
  const { Code, Register, Instruction, Encoder, MemoryOperand } = iced;
  const REG = (r: Gpr64) => Register[r.name.toUpperCase()];
  const fits8 = (v: number) => v >= -128 && v <= 127;
  return {
    run(n, pre) {
      const enc = Encoder.withCapacity(64, 64 * n);
      let ip = 0n;
      for (let i = 0; i < n; i++) {
        const [r1, r2, r3, r4, off, imm, k] = pre[i & 1023];
        const top = ip;
        const put = (ins: Iced) => {
          ip += BigInt(enc.encode(ins, ip));
          ins.free();
        };
        put(Instruction.createRegMem(Code.Mov_r64_rm64, REG(r1), MemoryOperand.new64(REG(r2), Register.None, 1, BigInt(off), off === 0 ? 0 : fits8(off) ? 1 : 8, false, Register.None)));
        put(Instruction.createRegReg(Code.Add_rm64_r64, REG(r1), REG(r3)));
        put(Instruction.createRegMem(Code.Lea_r64_m, REG(r4), MemoryOperand.new64(REG(r2), REG(r3), 8, 16n, 1, false, Register.None)));
        put(Instruction.createRegI32(fits8(imm) ? Code.Sub_rm64_imm8 : REG(r4) === Register.RAX ? Code.Sub_RAX_imm32 : Code.Sub_rm64_imm32, REG(r4), imm));
        put(Instruction.createRegReg(Code.Imul_r64_rm64, REG(r1), REG(r4)));
        put(Instruction.createRegI32(fits8(k) ? Code.Cmp_rm64_imm8 : REG(r1) === Register.RAX ? Code.Cmp_RAX_imm32 : Code.Cmp_rm64_imm32, REG(r1), k));
        put(Instruction.createMemReg(Code.Mov_rm64_r64, MemoryOperand.new64(Register.RSP, Register.None, 1, 48n, 1, false, Register.None), REG(r1)));
        put(Instruction.createBranch(Code.Jne_rel8_64, top));
      }
      const out = enc.takeBuffer();
      enc.free();
      return out;
    },
  };
}

export async function runDslX64Bench(ctx: BenchContext): Promise<void> {
  // Correctness: the filled template equals the text version (the text path is differential-tested
  // against GNU as and llvm-mc in test/x64).
  for (let i = 0; i < 64; i++) {
    const a = new Assembler('x64');
    emit(a, ...args(i * 97));
    const b = new Assembler('x64');
    b.assemble(text(...args(i * 97)));
    const x = Buffer.from(a.finalize()).toString('hex');
    const y = Buffer.from(b.finalize()).toString('hex');
    if (x !== y) throw new Error(`template fill ${i} differs from its text: ${x} vs ${y}`);
  }

  const pre = Array.from({ length: 1024 }, (_, i) => args(i));
  // Steady state: one assembler, reset every 2048 templates; finalize (with relaxation) every reset.
  const a = new Assembler('x64', { capacity: 1 << 17 });
  const run = (n: number, fin: boolean) => {
    for (let i = 0; i < n; i++) {
      if ((i & 2047) === 0) {
        if (fin && i) a.finalize();
        a.reset();
      }
      const p = pre[i & 1023];
      emit(a, p[0], p[1], p[2], p[3], p[4], p[5], p[6]);
    }
  };
  run(200_000, true); // warm up
  const built = planStats.built;
  const N = ctx.quick ? 100_000 : 1_000_000;
  const cpuBest = { fill: 0, fin: 0 };
  const measure = (fin: boolean): number[] => {
    const rounds: number[] = [];
    for (let r = 0; r < 3; r++) {
      const t0 = now();
      const c0 = cpu();
      run(N, fin);
      rounds.push((N * LINES) / (now() - t0));
      const perCpu = (N * LINES) / (cpu() - c0);
      if (fin) cpuBest.fin = Math.max(cpuBest.fin, perCpu);
      else cpuBest.fill = Math.max(cpuBest.fill, perCpu);
    }
    return rounds;
  };
  const fill = measure(false);
  const withFin = measure(true);
  if (planStats.built !== built) throw new Error('the template was re-planned in the steady state');
  const best = Math.max(...fill);
  const bestFin = Math.max(...withFin);
  const show = (rs: number[]) => rs.map((x) => (x / 1e6).toFixed(1)).join(', ');
  console.log(`  dynasm template fill          ${(best / 1e6).toFixed(1)} M insn/s wall (best of 3: ${show(fill)}), ${(cpuBest.fill / 1e6).toFixed(1)} M insn/s per CPU second`);
  console.log(`  … with finalize (relaxation)  ${(bestFin / 1e6).toFixed(1)} M insn/s wall (best of 3: ${show(withFin)}), ${(cpuBest.fin / 1e6).toFixed(1)} M per CPU second; finalize every 16,384 instructions`);

  // iced-x86 Encoder on the same instructions (a dev dependency: left out when it is not installed).
  const require = createRequire(import.meta.url);
  let iced: Iced = null;
  try {
    iced = require('iced-x86');
  } catch {
    console.log('  iced-x86 Encoder               not installed: skipped');
  }
  let icedBest: number | null = null;
  if (iced !== null) {
    const ir = icedRunner(iced);
    {
      // Same bytes as ours for one block of templates (both pick GNU as's forms; the branch is short).
      const M = 64;
      const ours = new Assembler('x64');
      for (let i = 0; i < M; i++) emit(ours, ...pre[i]);
      const x = Buffer.from(ours.finalize()).toString('hex');
      const y = Buffer.from(ir.run(M, pre)).toString('hex');
      if (x !== y) throw new Error(`iced-x86 and dynasm differ on the benchmark instructions:\n${x.slice(0, 200)}\n${y.slice(0, 200)}`);
    }
    ir.run(20_000, pre); // warm up
    const IN = ctx.quick ? 10_000 : 100_000;
    const icedRounds: number[] = [];
    let icedCpu = 0;
    for (let r = 0; r < 3; r++) {
      const t0 = now();
      const c0 = cpu();
      ir.run(IN, pre);
      icedRounds.push((IN * LINES) / (now() - t0));
      icedCpu = Math.max(icedCpu, (IN * LINES) / (cpu() - c0));
    }
    icedBest = Math.max(...icedRounds);
    console.log(`  iced-x86 Encoder (same insns)  ${(icedBest / 1e6).toFixed(2)} M insn/s wall (best of 3: ${icedRounds.map((x) => (x / 1e6).toFixed(2)).join(', ')}), ${(icedCpu / 1e6).toFixed(2)} M per CPU second`);
  }

  // GNU as and llvm-mc on a file of the same instructions.
  const dir = mkdtempSync(join(tmpdir(), 'dynasm-bench-'));
  try {
    const M = 25_000; // templates → 200,000 instructions
    let src = '.intel_syntax noprefix\n.text\n';
    for (let i = 0; i < M; i++) src += text(...pre[i & 1023]);
    const file = join(dir, 'in.s');
    writeFileSync(file, src);
    const insns = M * LINES;
    // a peer that is not installed is left out (its row says so); the rest is still measured
    const peer = (cmd: string, argv: string[]): number | null => (installed(cmd) ? Math.min(timeTool(cmd, argv), timeTool(cmd, argv)) : null);
    const gas = peer('as', ['--64', file, '-o', join(dir, 'g.o')]);
    const mc = peer('llvm-mc-14', ['-triple=x86_64', '-x86-asm-syntax=intel', '-filetype=obj', file, '-o', join(dir, 'l.o')]);
    const t0 = now();
    new Assembler('x64').assemble(src.replace('.intel_syntax noprefix\n', '')).finalize();
    const ours = now() - t0;
    console.log(gas === null ? '  as (GNU as)                   not installed: skipped' : `  as --64 (GNU as)              ${(insns / gas / 1e6).toFixed(2)} M insn/s (${insns} instructions in ${(gas * 1000).toFixed(0)} ms, one process)`);
    console.log(mc === null ? '  llvm-mc-14                    not installed: skipped' : `  llvm-mc-14 -filetype=obj      ${(insns / mc / 1e6).toFixed(2)} M insn/s (${(mc * 1000).toFixed(0)} ms)`);
    console.log(`  dynasm, same file as text     ${(insns / ours / 1e6).toFixed(2)} M insn/s (${(ours * 1000).toFixed(0)} ms, parsed once, no cache)`);
    const workload = 'x64 8-line template';
    const icedRec = icedBest === null ? null : { engine: 'iced-x86', workload, config: 'Encoder, one Instruction per insn', value: icedBest };
    ctx.record({ metric: 'encode-rate', engine: 'dynasm', workload, config: 'template fill, runtime operands', value: best, unit: 'insn/s', better: 'higher', baseline: icedRec });
    if (icedRec !== null) ctx.record({ metric: 'encode-rate', ...icedRec, unit: 'insn/s', better: 'higher' });
    if (gas !== null) ctx.record({ metric: 'encode-rate', engine: 'gnu-as', workload, config: 'as --64, one process, 200,000 insns', value: insns / gas, unit: 'insn/s', better: 'higher' });
    if (mc !== null) ctx.record({ metric: 'encode-rate', engine: 'llvm-mc', workload, config: 'llvm-mc-14 -filetype=obj, one process, 200,000 insns', value: insns / mc, unit: 'insn/s', better: 'higher' });
    ctx.record({ metric: 'encode-rate', engine: 'dynasm', workload, config: 'same file as text, parsed once', value: insns / ours, unit: 'insn/s', better: 'higher', baseline: icedRec });
    ctx.record({ metric: 'encode-rate', engine: 'dynasm', workload, config: 'template fill + finalize (relaxation)', value: bestFin, unit: 'insn/s', better: 'higher', baseline: icedRec });
    const vs = [
      icedBest === null ? '' : `vs iced-x86: ${(best / icedBest).toFixed(1)}×`,
      gas === null ? '' : `vs GNU as: ${(best / (insns / gas)).toFixed(0)}×`,
      mc === null ? '' : `vs llvm-mc: ${(best / (insns / mc)).toFixed(0)}×`,
    ].filter((x) => x !== '');
    if (vs.length > 0) console.log(`  → template fill ${vs.join('; ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
