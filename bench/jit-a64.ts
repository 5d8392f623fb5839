// The VSP -> A64 JIT: compile time per VSP instruction for programs of 4 .. 1024 instructions (goal: at most
// 0.5 us per instruction at 1024), machine-code bytes per VSP instruction, and emulated throughput: VSP
// instructions per second of the compiled code in Unicorn on long-running loops, next to the reference
// interpreter on the same loops in the same run, plus the cost of one enter/exit round trip.
// Every compiled run is checked against the interpreter's final state before it is timed.
import { Op, VSP_OPCODES, type VspOpcode } from '../spec/vsp/opcodes.js';
import type { BenchContext } from '../src/bench/record.js';
import { compileA64 } from '../src/jit/a64/compile.js';
import { jitStats } from '../src/jit/stats.js';
import { UnicornA64Runner } from '../src/jit/unicorn-engine.js';
import { runCompiled } from '../src/jit/driver.js';
import { canonicalJson, canonicalState } from '../src/vsp/canonical.js';
import { checkProgram, type LoadedProgram } from '../src/vsp/container.js';
import { prepareProgram, runInterpreter } from '../src/vsp/interpreter.js';
import { Mode, RunStatus } from '../src/vsp/state-layout.js';
import { VspState } from '../src/vsp/state.js';
import { mixProgram } from './programs.js';
import { cpuSeconds, median, wallSeconds as now } from '../src/bench/timing.js';

/**
 * Every opcode except the MODE changes and the unconditional control transfers (JMP, CALL, RET, HLT): every
 * instruction is reachable and runs in the container's MODE (SIL-64), which the compiler proves.
 */
const PROVEN_OPS = VSP_OPCODES.filter((o) => o.group !== 'compat' && !['JMP', 'CALL', 'RET', 'HLT'].includes(o.mnemonic));

function compileFigures(ctx: BenchContext, workload: string, name: string, table: readonly VspOpcode[]): void {
  console.log(`compile time and code size, ${name} (median over 8 programs per size of the fastest of repeated compiles, CPU time):`);
  console.log('  VSP insns   us/insn   bytes/insn   code bytes (whole function)   MODE switches');
  // warm-up: every template call site gets its plan and V8 optimizes the emitters
  for (let i = 0; i < 30; i++) compileA64(mixProgram(256, 1000 + i, table));
  for (const n of [4, 16, 64, 256, 1024]) {
    const programs = Array.from({ length: 8 }, (_, i) => mixProgram(n, 77 + i * 31 + n, table));
    const reps = Math.max(5, Math.ceil(20000 / n));
    const perInsn: number[] = [];
    let bytes = 0;
    let code = 0;
    let switches = 0;
    for (const p of programs) {
      let best = Infinity;
      for (let round = 0; round < 5; round++) {
        const t0 = cpuSeconds();
        for (let k = 0; k < reps; k++) compileA64(p);
        best = Math.min(best, (cpuSeconds() - t0) / reps);
      }
      const s = jitStats(compileA64(p));
      bytes += s.bytesPerInstruction;
      code += s.codeBytes;
      switches += s.modeSwitches;
      perInsn.push((best * 1e6) / n);
    }
    const us = median(perInsn);
    ctx.record({ metric: 'compile-time', engine: 'jit-a64', workload, size: n, value: us, unit: 'us/insn', better: 'lower' });
    ctx.record({ metric: 'code-size', engine: 'jit-a64', workload, size: n, value: bytes / programs.length, unit: 'bytes/insn', better: 'lower' });
    console.log(
      `  ${String(n).padStart(9)}   ${us.toFixed(3).padStart(7)}   ${(bytes / programs.length).toFixed(1).padStart(10)}   ${String(Math.round(code / programs.length)).padStart(27)}   ${(switches / programs.length).toFixed(1).padStart(13)}` +
        (n === 1024 ? `   (goal <= 0.5 us/insn: ${us <= 0.5 ? 'met' : 'not met'})` : ''),
    );
  }
}

const rrI = (op: number, a: number, b: number): number[] => [op, a | (b << 4), 0];
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

// the workloads of bench/vsp-interp.ts: (body) LOOP top ; MOVI RC, 7 ; JMP top
const LOOPS: Loop[] = [
  { name: 'ByteSil + SIL-128 integer mix', workload: 'ByteSil + SIL-128 integer', mode: Mode.SIL128, body: [rrI(Op.ADD, 1, 2), rrI(Op.MUL, 3, 2), rrI(Op.ADDINT, 0, 4), rrI(Op.XORL, 5, 6), rrI(Op.CMPINT, 0, 4)], regs: REGS },
  { name: 'SIL-32 integer mix', workload: 'SIL-32 integer', mode: Mode.SIL32, body: [rrI(Op.ADDINT, 0, 4), rrI(Op.SUBINT, 4, 8), rrI(Op.MULINT, 0, 8), rrI(Op.XORINT, 8, 0), rrI(Op.SHLINT, 4, 0)], regs: REGS },
  { name: 'SIL-64 float mix', workload: 'SIL-64 float (subnormal)', mode: Mode.SIL64, body: [rrI(Op.ADDFLOAT, 0, 4), rrI(Op.MULFLOAT, 4, 0), rrI(Op.CMPFLOAT, 0, 4)], regs: [0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0, 0, 0, 0, 0xf0, 0, 0, 0] },
];

function loopProgram(l: Loop): LoadedProgram {
  const code = Uint8Array.from([...l.body.flat(), ...a24(Op.LOOP, 0), Op.MOVI, 12, 7, ...a24(Op.JMP, 0)]);
  const r = checkProgram({ code, entry: 0, mode: l.mode, data: new Uint8Array(0), symbols: [] });
  if (!r.ok) throw new Error('bench loop program');
  return r;
}

function throughputFigures(ctx: BenchContext, runner: UnicornA64Runner, budget: number): void {
  console.log(`emulated throughput (${budget.toLocaleString('en')} VSP instructions per run, best of 3; code checked against the interpreter):`);
  const a = new VspState();
  const b = new VspState();
  for (const l of LOOPS) {
    const loaded = loopProgram(l);
    const prep = prepareProgram(loaded);
    let bestInterp = Infinity;
    const line: string[] = [];
    const emulated: { config: string; value: number }[] = [];
    for (const cacheRegisters of [false, true]) {
      const c = compileA64(loaded, { cacheRegisters });
      let best = Infinity;
      for (let k = 0; k < 3; k++) {
        a.reset({ regs: l.regs, mode: l.mode, budget });
        let t0 = now();
        runInterpreter(prep, a);
        bestInterp = Math.min(bestInterp, now() - t0);
        b.reset({ regs: l.regs, mode: l.mode, budget });
        runner.load(c);
        t0 = now();
        runCompiled(runner, loaded, b);
        best = Math.min(best, now() - t0);
        if (b.status !== RunStatus.budget || canonicalJson(canonicalState(a)) !== canonicalJson(canonicalState(b))) throw new Error(`${l.name}: JIT and interpreter differ`);
      }
      emulated.push({ config: `register cache ${cacheRegisters ? 'on' : 'off'}`, value: budget / best });
      line.push(`${cacheRegisters ? 'cached' : 'plain'} ${((budget / best) / 1e6).toFixed(1).padStart(5)} M/s ${jitStats(c).bytesPerInstruction.toFixed(0)} B/insn`);
    }
    console.log(`  ${l.name.padEnd(32)} unicorn-a64: ${line.join(', ')};   interpreter ${((budget / bestInterp) / 1e6).toFixed(1)} M VSP insn/s`);
    const interp = { engine: 'interp', workload: l.workload, value: budget / bestInterp };
    ctx.record({ metric: 'throughput', ...interp, unit: 'insn/s', better: 'higher' });
    for (const e of emulated) ctx.record({ metric: 'throughput', engine: 'unicorn-a64', workload: l.workload, ...e, unit: 'insn/s', better: 'higher', baseline: interp });
  }
}

function roundTrip(ctx: BenchContext, runner: UnicornA64Runner): void {
  const loaded = checkProgram({ code: Uint8Array.of(Op.NOP, Op.HLT), entry: 0, mode: Mode.SIL128, data: new Uint8Array(0), symbols: [] });
  if (!loaded.ok) throw new Error('bench');
  const c = compileA64(loaded);
  const st = new VspState();
  runner.load(c);
  const n = 20000;
  for (let i = 0; i < 2000; i++) {
    st.reset({});
    runCompiled(runner, loaded, st);
  }
  st.reset({});
  const t0 = now();
  for (let i = 0; i < n; i++) {
    st.pc = 0;
    st.cycles = 0;
    st.status = RunStatus.running;
    st.flags = 0;
    runCompiled(runner, loaded, st);
  }
  const t = now() - t0;
  if (st.status !== RunStatus.halted) throw new Error('round trip: not halted');
  ctx.record({ metric: 'round-trip', engine: 'unicorn-a64', workload: 'NOP HLT', config: 'state header in and out, one enter/exit', size: 2, value: (t / n) * 1e6, unit: 'us', better: 'lower' });
  console.log(`one run of a 2-instruction program (state header copied in and out, one enter/exit): ${((t / n) * 1e6).toFixed(2)} us`);
}

export async function runJitA64Bench(ctx: BenchContext): Promise<void> {
  compileFigures(ctx, 'proven MODE mix', 'straight-line programs in a proven MODE (all reachable; no MODE changes, JMP, CALL, RET, HLT)', PROVEN_OPS);
  compileFigures(ctx, 'uniform mix', 'uniform mix of all 117 opcodes (MODE often unknown: run-time MODE switches; unreachable code)', VSP_OPCODES);
  const runner = new UnicornA64Runner();
  try {
    throughputFigures(ctx, runner, ctx.quick ? 200_000 : 2_000_000);
    roundTrip(ctx, runner);
  } finally {
    runner.close();
  }
}
