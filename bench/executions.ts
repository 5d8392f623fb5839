// One program, every engine, from "just loaded" to "ran N times": the prototype's benchmark list for the
// execution side (docs/performance.md).
//  - cold start: compile (or, for the interpreter, pre-decode) + one execution of a program just loaded,
//    in a warmed-up process (the JIT's own code is optimised; the program is new each time);
//  - warm execution: one more execution of the compiled program from a fresh state;
//  - execution sweep: compile once + N executions (N = 1 .. 10,000), as VSP instructions per second over the
//    whole, which shows where compiling pays for itself.
// Engines: the reference interpreter, the A64 backend in Unicorn (one emulator opened beforehand and reused,
// as `vsp run --engine unicorn-a64` does), and the host's JIT run natively (x64 here; a64 on ARM64 hosts).
// Every engine's final state is checked against the interpreter's before anything is timed. Times are CPU
// time of this process (the machine may be shared).
import { Op } from '../spec/vsp/opcodes.js';
import type { BenchContext } from '../src/bench/record.js';
import { standaloneContext } from '../src/bench/run-suites.js';
import { host } from '../src/exec/index.js';
import { compileA64 } from '../src/jit/a64/compile.js';
import { runCompiled, type CompiledEntry } from '../src/jit/driver.js';
import { NativeCode, backendCompiler } from '../src/jit/native-engine.js';
import { UnicornA64Runner } from '../src/jit/unicorn-engine.js';
import { canonicalJson, canonicalState } from '../src/vsp/canonical.js';
import { checkProgram, type LoadedProgram } from '../src/vsp/container.js';
import { prepareProgram, runInterpreter } from '../src/vsp/interpreter.js';
import { Mode, RunStatus } from '../src/vsp/state-layout.js';
import { VspState } from '../src/vsp/state.js';
import { cpuSeconds, median } from '../src/bench/timing.js';

const REGS = [0x91, 0x83, 0xa5, 0x77, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 0xf0, 0x21, 0x43, 0x65];
const rr = (op: number, a: number, b: number): number[] => [op, a | (b << 4), 0];
const a24 = (op: number, t: number): number[] => [op, t & 255, (t >> 8) & 255, (t >> 16) & 255];

interface Workload {
  /** The name in the records (shared with the other suites). */
  readonly name: string;
  readonly loaded: LoadedProgram;
  readonly mode: Mode;
  /** The cycle budget of one execution (a loop ends on it). */
  readonly budget: number;
}

function load(code: number[], mode: Mode): LoadedProgram {
  const r = checkProgram({ code: Uint8Array.from(code), entry: 0, mode, data: new Uint8Array(0), symbols: [] });
  if (!r.ok) throw new Error(`executions bench program: ${r.error} at ${r.offset}`);
  return r;
}

const WORKLOADS: Workload[] = [
  // the prototype's example: five one-byte instructions (bench/jit-native.ts's call overhead)
  { name: '5-instruction example', loaded: load([Op.ROTATL, Op.FOLD, Op.ROTATL, Op.SHIFTL, Op.HLT], Mode.SIL128), mode: Mode.SIL128, budget: 1_000_000 },
  // the SIL-32 integer loop of the other suites, 1,000 VSP instructions per execution (ends on the budget)
  {
    name: 'SIL-32 integer loop, 1,000 insns',
    loaded: load([...rr(Op.ADDINT, 0, 4), ...rr(Op.SUBINT, 4, 8), ...rr(Op.MULINT, 0, 8), ...rr(Op.XORINT, 8, 0), ...rr(Op.SHLINT, 4, 0), ...a24(Op.LOOP, 0), Op.MOVI, 12, 7, ...a24(Op.JMP, 0)], Mode.SIL32),
    mode: Mode.SIL32,
    budget: 1000,
  },
];

/** An engine as this suite drives it: prepare a program (compile), run it once from a fresh state, release. */
interface Engine {
  readonly name: string;
  prepare(loaded: LoadedProgram): Prepared;
  close(): void;
}

interface Prepared {
  /** One execution on `st`, which holds a fresh state. */
  run(st: VspState): void;
  dispose(): void;
}

const interpreter: Engine = {
  name: 'interp',
  prepare(loaded) {
    const p = prepareProgram(loaded);
    return { run: (st) => void runInterpreter(p, st), dispose() {} };
  },
  close() {},
};

function unicornA64(): Engine {
  const runner = new UnicornA64Runner();
  return {
    name: 'unicorn-a64',
    prepare(loaded) {
      const c = compileA64(loaded);
      runner.load(c);
      return {
        run(st) {
          runner.beginRun();
          runCompiled(runner, loaded, st);
        },
        dispose() {},
      };
    },
    close: () => runner.close(),
  };
}

function nativeHost(): Engine | null {
  if (host.arch === null) return null;
  const compile = backendCompiler(host.arch);
  return {
    name: `native-${host.arch}`,
    prepare(loaded) {
      const code: CompiledEntry & { dispose(): void } = new NativeCode(compile(loaded));
      return { run: (st) => void runCompiled(code, loaded, st), dispose: () => code.dispose() };
    },
    close() {},
  };
}

/** A fresh state for one execution (registers, PC, CYCLES, status, flags; the budget stays). */
function fresh(st: VspState): void {
  st.bytes.set(REGS, 0);
  st.pc = 0;
  st.cycles = 0;
  st.status = RunStatus.running;
  st.flags = 0;
}

/** Checks one execution of `w` on `e` against the interpreter's final state; returns the cycles run. */
function check(e: Engine, w: Workload, ref: VspState, st: VspState): number {
  const p = e.prepare(w.loaded);
  try {
    for (let k = 0; k < 3; k++) {
      fresh(st);
      p.run(st);
      if (canonicalJson(canonicalState(st)) !== canonicalJson(canonicalState(ref))) throw new Error(`${e.name} on ${w.name}: final state differs from the interpreter's (execution ${k})`);
    }
  } finally {
    p.dispose();
  }
  return st.cycles;
}

/**
 * Seconds per call of `op`, the median of `batches` batches of k calls, k doubled until a batch takes at
 * least `minSeconds` (the doubling runs are the warm-up). What `op` returns is disposed of after its batch,
 * outside the timing (unmapping native code is not part of a cold start).
 */
function perCall(op: () => Prepared | null, minSeconds: number, batches: number): number {
  const pending: Prepared[] = [];
  const batch = (k: number): number => {
    const t0 = cpuSeconds();
    for (let i = 0; i < k; i++) {
      const p = op();
      if (p !== null) pending.push(p);
    }
    const t = cpuSeconds() - t0;
    for (const p of pending) p.dispose();
    pending.length = 0;
    return t;
  };
  let k = 1;
  while (batch(k) < minSeconds) k *= 2;
  const per: number[] = [];
  for (let b = 0; b < batches; b++) per.push(batch(k) / k);
  return median(per);
}

/** Compile + `n` executions from a fresh state (the compiled program is returned for disposal). */
function prepareAndRun(e: Engine, w: Workload, st: VspState, n: number): Prepared {
  const p = e.prepare(w.loaded);
  for (let i = 0; i < n; i++) {
    fresh(st);
    p.run(st);
  }
  return p;
}

/** One execution of an already compiled program from a fresh state. */
function runOnce(p: Prepared, st: VspState): null {
  fresh(st);
  p.run(st);
  return null;
}

const SWEEP = [1, 10, 100, 1000, 10_000];

export async function runExecutionsBench(ctx: BenchContext): Promise<void> {
  const engines: Engine[] = [interpreter, unicornA64()];
  const native = nativeHost();
  if (native !== null) engines.push(native);
  else console.log(`  no native JIT backend for ${process.arch}: native rows skipped`);
  const st = new VspState();
  const ref = new VspState();
  const batches = ctx.quick ? 3 : 9;
  const minSeconds = ctx.quick ? 0.002 : 0.02;
  try {
    for (const w of WORKLOADS) {
      ref.reset({ mode: w.mode, budget: w.budget });
      fresh(ref);
      runInterpreter(prepareProgram(w.loaded), ref);
      st.reset({ mode: w.mode, budget: w.budget });
      const insns = ref.cycles;
      for (const e of engines) check(e, w, ref, st); // correctness first; also warms every path up
      console.log(`  ${w.name} (${insns} VSP instructions per execution; CPU time, median of ${batches} batches):`);
      console.log('    engine          cold start      warm execution   break-even   sweep: VSP insn/s over compile + N executions');
      console.log(`                    (compile+run)                                  ${SWEEP.map((n) => `N=${n.toLocaleString('en')}`.padStart(10)).join(' ')}`);
      const interpWarm = { value: 0 };
      const interpCold = { value: 0 };
      for (const e of engines) {
        const cold = perCall(() => prepareAndRun(e, w, st, 1), minSeconds, batches);
        const compiled = e.prepare(w.loaded);
        const warm = perCall(() => runOnce(compiled, st), minSeconds, batches);
        compiled.dispose();
        if (e === interpreter) {
          interpWarm.value = warm;
          interpCold.value = cold;
        }
        const coldBase = e === interpreter ? null : { engine: 'interp', workload: w.name, value: interpCold.value * 1e6 };
        const warmBase = e === interpreter ? null : { engine: 'interp', workload: w.name, value: interpWarm.value * 1e9 };
        ctx.record({ metric: 'cold-start', engine: e.name, workload: w.name, config: 'compile + one execution', size: insns, iterations: 1, value: cold * 1e6, unit: 'us', better: 'lower', baseline: coldBase });
        ctx.record({ metric: 'warm-execution', engine: e.name, workload: w.name, config: 'fresh state, compiled once', size: insns, value: warm * 1e9, unit: 'ns/exec', better: 'lower', baseline: warmBase });
        // break-even against the interpreter: executions after which compile + runs beat pre-decode + runs
        let breakEven = '-';
        if (e !== interpreter) {
          const saved = interpWarm.value - warm;
          const extra = cold - warm - (interpCold.value - interpWarm.value);
          if (saved > 0) {
            const n = Math.max(1, Math.ceil(extra / saved));
            breakEven = n.toLocaleString('en');
            ctx.record({ metric: 'break-even', engine: e.name, workload: w.name, config: 'against the interpreter, from cold and warm times', size: insns, value: n, unit: 'executions', better: 'lower' });
          } else breakEven = 'never';
        }
        const rates: string[] = [];
        for (const n of SWEEP) {
          const t = perCall(() => prepareAndRun(e, w, st, n), minSeconds, ctx.quick ? 1 : 5);
          const rate = (n * insns) / t;
          rates.push(`${fmtRate(rate)}`.padStart(10));
          ctx.record({ metric: 'execution-sweep', engine: e.name, workload: w.name, config: 'compile once + N executions', size: insns, iterations: n, value: rate, unit: 'insn/s', better: 'higher' });
        }
        console.log(`    ${e.name.padEnd(14)} ${fmtTime(cold).padStart(10)}   ${fmtTime(warm).padStart(14)}   ${breakEven.padStart(10)}   ${rates.join(' ')}`);
      }
    }
  } finally {
    for (const e of engines) e.close();
  }
}

function fmtTime(s: number): string {
  return s >= 1e-3 ? `${(s * 1e3).toFixed(2)} ms` : s >= 1e-6 ? `${(s * 1e6).toFixed(2)} us` : `${(s * 1e9).toFixed(0)} ns`;
}

function fmtRate(r: number): string {
  return r >= 1e9 ? `${(r / 1e9).toFixed(2)} G/s` : r >= 1e6 ? `${(r / 1e6).toFixed(1)} M/s` : `${(r / 1e3).toFixed(1)} k/s`;
}

if (import.meta.url === `file://${process.argv[1]}`) await runExecutionsBench(standaloneContext('executions'));
