// The VSP JIT run natively (src/jit/native-engine.ts: the x64 backend on this x86-64 machine, a64 on ARM64):
//  1. throughput: VSP instructions per second of the compiled code on long-running loops (arithmetic, layer,
//     ByteSil/SIL-128 mix, SIL-64 floats), next to the reference interpreter on the same loops in the same run
//     (goal: >= 1.5 G VSP insn/s and >= 50x the interpreter), with and without register caching;
//  2. call overhead: the prototype's 5-instruction example (five one-byte instructions) executed 1,000 times
//     from a fresh state each time: time per execution natively and in the interpreter, the compile time, and
//     the break-even number of executions (compile time / time saved per execution);
//  3. compile time per VSP instruction for programs of 16 .. 1,024 instructions (goal: <= 0.5 us at 1,024).
// Every timed configuration is first checked against the interpreter's final state. Times are CPU time.
// Run: `npm run bench` (or `node dist/bench/jit-native.js` after a build).
import { Op } from '../spec/vsp/opcodes.js';
import type { BenchContext } from '../src/bench/record.js';
import { standaloneContext } from '../src/bench/run-suites.js';
import { host } from '../src/exec/index.js';
import { NativeCode, backendCompiler, type NativeCompileOptions } from '../src/jit/native-engine.js';
import { runCompiled } from '../src/jit/driver.js';
import { jitStats } from '../src/jit/stats.js';
import { canonicalJson, canonicalState } from '../src/vsp/canonical.js';
import { checkProgram, type LoadedProgram } from '../src/vsp/container.js';
import { prepareProgram, runInterpreter } from '../src/vsp/interpreter.js';
import { Mode, RunStatus } from '../src/vsp/state-layout.js';
import { VspState } from '../src/vsp/state.js';
import { mixProgram } from './programs.js';
// now(): CPU time of this process (the machine is shared: wall-clock time counts other processes' time)
import { cpuSeconds as now, median } from '../src/bench/timing.js';

const rr = (op: number, a: number, b: number): number[] => [op, a | (b << 4), 0];
const a24 = (op: number, t: number): number[] => [op, t & 255, (t >> 8) & 255, (t >> 16) & 255];

interface Loop {
  name: string;
  /** The name in the bench records (the same loop in every suite). */
  workload: string;
  mode: Mode;
  body: number[][];
  regs: number[];
}

const REGS = [0x91, 0x83, 0xa5, 0x77, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 0xf0, 0x21, 0x43, 0x65];

// (body) LOOP top ; MOVI RC, 7 ; JMP top -- runs until the budget ends it (the workloads of bench/vsp-interp.ts
// and bench/jit-a64.ts, plus a layer-operation loop).
const LOOPS: Loop[] = [
  { name: 'arithmetic: SIL-32 integer mix', workload: 'SIL-32 integer', mode: Mode.SIL32, body: [rr(Op.ADDINT, 0, 4), rr(Op.SUBINT, 4, 8), rr(Op.MULINT, 0, 8), rr(Op.XORINT, 8, 0), rr(Op.SHLINT, 4, 0)], regs: REGS },
  { name: 'layer: XORL ANDL ORL NOTL XORL', workload: 'layer (XORL ANDL ORL NOTL)', mode: Mode.SIL128, body: [rr(Op.XORL, 1, 2), rr(Op.ANDL, 3, 4), rr(Op.ORL, 5, 6), [Op.NOTL, 7], rr(Op.XORL, 8, 9)], regs: REGS },
  { name: 'mixed: ByteSil + SIL-128 integer', workload: 'ByteSil + SIL-128 integer', mode: Mode.SIL128, body: [rr(Op.ADD, 1, 2), rr(Op.MUL, 3, 2), rr(Op.ADDINT, 0, 4), rr(Op.XORL, 5, 6), rr(Op.CMPINT, 0, 4)], regs: REGS },
  // bench/jit-a64.ts's float loop: R4..R11 as binary64 is a subnormal, and x86 takes a microcode assist for
  // each subnormal operand or result (MXCSR must keep DAZ = FTZ = 0, spec 12)
  { name: 'float: SIL-64 mix (subnormal operands)', workload: 'SIL-64 float (subnormal)', mode: Mode.SIL64, body: [rr(Op.ADDFLOAT, 0, 4), rr(Op.MULFLOAT, 4, 0), rr(Op.CMPFLOAT, 0, 4)], regs: [0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0, 0, 0, 0, 0xf0, 0, 0, 0] },
  // binary32 values at R0, R4, R8 (1.5, 0.75, 2.0; they grow to infinities and NaNs, never subnormals)
  { name: 'float: SIL-32 mix (normal operands)', workload: 'SIL-32 float', mode: Mode.SIL32, body: [rr(Op.ADDFLOAT, 0, 4), rr(Op.MULFLOAT, 4, 8), rr(Op.ADDFLOAT, 8, 0), rr(Op.CMPFLOAT, 0, 4)], regs: [0, 0, 0xc0, 0x3f, 0, 0, 0x40, 0x3f, 0, 0, 0, 0x40, 0xf0, 0, 0, 0] },
];

function loopProgram(l: Loop): LoadedProgram {
  const code = Uint8Array.from([...l.body.flat(), ...a24(Op.LOOP, 0), Op.MOVI, 12, 7, ...a24(Op.JMP, 0)]);
  const r = checkProgram({ code, entry: 0, mode: l.mode, data: new Uint8Array(0), symbols: [] });
  if (!r.ok) throw new Error('bench loop program');
  return r;
}

function same(a: VspState, b: VspState): boolean {
  return canonicalJson(canonicalState(a)) === canonicalJson(canonicalState(b));
}

function throughput(ctx: BenchContext, cache: boolean): void {
  const compile = backendCompiler(host.arch!);
  const options: NativeCompileOptions = { cacheRegisters: cache };
  const a = new VspState();
  const b = new VspState();
  const INTERP = ctx.quick ? 1_000_000 : 10_000_000;
  const NATIVE = ctx.quick ? 20_000_000 : 200_000_000;
  for (const l of LOOPS) {
    const loaded = loopProgram(l);
    const compiled = compile(loaded, options);
    const code = new NativeCode(compiled);
    const prep = prepareProgram(loaded);
    // correctness first: the same final state on a budget that ends mid-loop
    for (const budget of [1_000_003, 2_000_000]) {
      a.reset({ regs: l.regs, mode: l.mode, budget });
      runInterpreter(prep, a);
      b.reset({ regs: l.regs, mode: l.mode, budget });
      runCompiled(code, loaded, b);
      if (b.status !== RunStatus.budget || !same(a, b)) throw new Error(`${l.name}: native JIT and interpreter differ`);
    }
    let interp = Infinity;
    let nat = Infinity;
    for (let k = 0; k < 3; k++) {
      a.reset({ regs: l.regs, mode: l.mode, budget: INTERP });
      let t0 = now();
      runInterpreter(prep, a);
      interp = Math.min(interp, now() - t0);
      b.reset({ regs: l.regs, mode: l.mode, budget: NATIVE });
      t0 = now();
      runCompiled(code, loaded, b);
      nat = Math.min(nat, now() - t0);
      if (b.status !== RunStatus.budget || b.cycles !== NATIVE) throw new Error(`${l.name}: did not run to the budget`);
    }
    const ni = NATIVE / nat;
    const ii = INTERP / interp;
    const s = jitStats(compiled);
    const interpRec = { engine: 'interp', workload: l.workload, value: ii };
    if (!cache) ctx.record({ metric: 'throughput', ...interpRec, unit: 'insn/s', better: 'higher' });
    ctx.record({ metric: 'throughput', engine: `native-${host.arch}`, workload: l.workload, config: `register cache ${cache ? 'on' : 'off'}`, value: ni, unit: 'insn/s', better: 'higher', baseline: interpRec });
    console.log(
      `  ${l.name.padEnd(36)} native ${(ni / 1e9).toFixed(2).padStart(5)} G VSP insn/s   interpreter ${(ii / 1e6).toFixed(0).padStart(4)} M/s   ratio ${(ni / ii).toFixed(1).padStart(5)}x   ${s.bytesPerInstruction.toFixed(0)} bytes/insn`,
    );
    code.dispose();
  }
}

/** The prototype's example: five one-byte instructions (5 bytes), run from a fresh state each time. */
function callOverhead(ctx: BenchContext): void {
  const code = Uint8Array.of(Op.ROTATL, Op.FOLD, Op.ROTATL, Op.SHIFTL, Op.HLT);
  const loaded = checkProgram({ code, entry: 0, mode: Mode.SIL128, data: new Uint8Array(0), symbols: [] });
  if (!loaded.ok) throw new Error('bench');
  const compile = backendCompiler(host.arch!);
  const N = 1000;
  const ROUNDS = 10;
  // compile time: median of repeated compiles (after warm-up), mapping included
  for (let i = 0; i < 200; i++) new NativeCode(compile(loaded)).dispose();
  const ct: number[] = [];
  let native: NativeCode | null = null;
  for (let i = 0; i < 101; i++) {
    const t0 = now();
    const c = new NativeCode(compile(loaded));
    ct.push(now() - t0);
    if (native === null) native = c;
    else c.dispose();
  }
  const compileS = median(ct);
  const prep = prepareProgram(loaded);
  const a = new VspState();
  const b = new VspState();
  const regs = REGS;
  a.reset({ regs, mode: Mode.SIL128 });
  runInterpreter(prep, a);
  b.reset({ regs, mode: Mode.SIL128 });
  runCompiled(native!, loaded, b);
  if (b.status !== RunStatus.halted || !same(a, b)) throw new Error('call overhead: native JIT and interpreter differ');
  const rounds = 15;
  const tn: number[] = [];
  const ti: number[] = [];
  const tr: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // each execution: a fresh state (registers, PC, CYCLES, status, flags), then a full run
    let t0 = now();
    for (let k = 0; k < ROUNDS; k++) {
      for (let i = 0; i < N; i++) {
        b.bytes.set(regs, 0);
        b.pc = 0;
        b.cycles = 0;
        b.status = RunStatus.running;
        b.flags = 0;
        runCompiled(native!, loaded, b);
      }
    }
    tn.push((now() - t0) / N / ROUNDS);
    t0 = now();
    for (let k = 0; k < ROUNDS; k++) {
      for (let i = 0; i < N; i++) {
        a.bytes.set(regs, 0);
        a.pc = 0;
        a.cycles = 0;
        a.status = RunStatus.running;
        a.flags = 0;
        runInterpreter(prep, a);
      }
    }
    ti.push((now() - t0) / N / ROUNDS);
    t0 = now();
    for (let k = 0; k < ROUNDS; k++) {
      for (let i = 0; i < N; i++) {
        b.pc = 0;
        b.cycles = 0;
        native!.enter(b);
      }
    }
    tr.push((now() - t0) / N / ROUNDS);
  }
  const n = median(tn);
  const i = median(ti);
  const raw = median(tr);
  const saved = i - n;
  const workload = '5-instruction example';
  const config = 'fresh state each execution';
  const interp = { engine: 'interp', workload, config, value: i * 1e9 };
  ctx.record({ metric: 'call-overhead', ...interp, size: 5, unit: 'ns/exec', better: 'lower' });
  ctx.record({ metric: 'call-overhead', engine: `native-${host.arch}`, workload, config, size: 5, value: n * 1e9, unit: 'ns/exec', better: 'lower', baseline: interp });
  ctx.record({ metric: 'compile-and-map', engine: `jit-${host.arch}`, workload, config: 'analysis + code + mapping', size: 5, value: compileS * 1e6, unit: 'us', better: 'lower' });
  if (saved > 0) ctx.record({ metric: 'break-even', engine: `native-${host.arch}`, workload, config, size: 5, value: Math.ceil(compileS / saved), unit: 'executions', better: 'lower' });
  console.log(`  5 instructions (ROTATL FOLD ROTATL SHIFTL HLT), ${N} executions from a fresh state, median of ${rounds} rounds (each ${ROUNDS} x ${N}):`);
  console.log(`    native   ${(n * 1e9).toFixed(0).padStart(6)} ns/execution (driver + call; the bare vsp_run call: ${(raw * 1e9).toFixed(0)} ns)`);
  console.log(`    interp   ${(i * 1e9).toFixed(0).padStart(6)} ns/execution`);
  console.log(
    `    compile  ${(compileS * 1e6).toFixed(1).padStart(6)} us (analysis + code + mapping)   break-even: ${saved > 0 ? `${Math.ceil(compileS / saved).toLocaleString('en')} executions` : 'never (native is not faster per execution)'}`,
  );
  native!.dispose();
}

function compileTimes(ctx: BenchContext): void {
  const compile = backendCompiler(host.arch!);
  console.log('  compile time (median of repeated compiles of 8 programs per size, after warm-up; code generation only, no mapping):');
  console.log('    VSP insns   us/insn   bytes/insn   code bytes');
  for (let i = 0; i < 30; i++) compile(mixProgram(256, 1000 + i));
  for (const n of [4, 16, 64, 256, 1024]) {
    const programs = Array.from({ length: 8 }, (_, i) => mixProgram(n, 77 + i * 31 + n));
    const reps = Math.max(3, Math.ceil(20000 / n));
    const perInsn: number[] = [];
    let bytes = 0;
    let codeBytes = 0;
    for (const p of programs) {
      const times: number[] = [];
      for (let k = 0; k < reps; k++) {
        const t0 = now();
        const c = compile(p);
        times.push(now() - t0);
        if (k === 0) {
          const s = jitStats(c);
          bytes += s.bytesPerInstruction;
          codeBytes += s.codeBytes;
        }
      }
      perInsn.push((median(times) * 1e6) / n);
    }
    const us = median(perInsn);
    ctx.record({ metric: 'compile-time', engine: `jit-${host.arch}`, workload: 'uniform mix', size: n, value: us, unit: 'us/insn', better: 'lower' });
    ctx.record({ metric: 'code-size', engine: `jit-${host.arch}`, workload: 'uniform mix', size: n, value: bytes / programs.length, unit: 'bytes/insn', better: 'lower' });
    console.log(
      `    ${String(n).padStart(9)}   ${us.toFixed(3).padStart(7)}   ${(bytes / programs.length).toFixed(1).padStart(10)}   ${String(Math.round(codeBytes / programs.length)).padStart(10)}` +
        (n === 1024 ? `   (goal <= 0.5 us/insn: ${us <= 0.5 ? 'met' : 'not met'})` : ''),
    );
  }
}

export async function runJitNativeBench(ctx: BenchContext): Promise<void> {
  if (host.arch === null) {
    console.log(`  skipped: no JIT backend for ${process.arch} (the native engine runs the interpreter here)`);
    return;
  }
  console.log(`  host: ${host.arch} ${host.os}`);
  console.log('  throughput (budget 200M native / 10M interpreter, best of 3; register cache off):');
  throughput(ctx, false);
  console.log('  throughput with the register cache (compile option cacheRegisters: home registers per value or the register file, as the compiler picks):');
  throughput(ctx, true);
  console.log('  call overhead:');
  callOverhead(ctx);
  compileTimes(ctx);
}

if (import.meta.url === `file://${process.argv[1]}`) await runJitNativeBench(standaloneContext('jit-native'));
