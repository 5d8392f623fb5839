// The main job (`npm start`, src/main.ts): assembles two VSP programs (the prototype's 5-instruction example and a loop),
// JIT-compiles them for this host (native on x86-64 and ARM64 Linux; the a64 backend in Unicorn where no
// native backend applies), checks every run against the reference interpreter field by field, runs them, and
// prints what it measured: compile time, code size, time per execution, throughput, the speed-up over the
// interpreter and the break-even point, the target's register map and a disassembly listing. The code for
// the other architecture is compiled and checked in Unicorn too. Exit status 0 when every check passed.
import { cpus } from 'node:os';
import type { Terminal } from '../cli/terminal.js';
import { ARITHMETIC_LOOP, DEMO_REGS, FIVE_INSTRUCTIONS } from './programs.js';
import { cpuSeconds, median } from '../bench/timing.js';
import { timeAlternating, timePerCall } from './measure.js';
import { host, type NativeArch } from '../exec/index.js';
import { timeCompile, type CompileTiming } from '../jit/compile-timing.js';
import type { CompiledProgram } from '../jit/compiler.js';
import { runCompiled } from '../jit/driver.js';
import { formatJitListing } from '../jit/listing.js';
import { backendCompiler } from '../jit/native-engine.js';
import { registerMap } from '../jit/register-map.js';
import { runnerFor, runsNatively, type CompiledRunner } from '../jit/runners.js';
import { jitStats } from '../jit/stats.js';
import { canonicalState, differingFields, type CanonicalState } from '../vsp/canonical.js';
import { checkProgram, type LoadedProgram } from '../vsp/container.js';
import { initialState, runProgram, type RunOptions } from '../vsp/engine.js';
import { prepareProgram, runInterpreter } from '../vsp/interpreter.js';
import { RunStatus } from '../vsp/state-layout.js';
import { VspState } from '../vsp/state.js';
import { assembleText } from '../vsp/text-asm.js';

let term: Terminal;
let failures: string[] = [];

const fmt = (n: number, digits = 0): string => n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ns = (s: number): string => `${fmt(s * 1e9)} ns`;
const us = (ms: number): string => `${fmt(ms * 1000, 1)} us`;
const rate = (perSecond: number): string => (perSecond >= 1e9 ? `${fmt(perSecond / 1e9, 2)} G` : `${fmt(perSecond / 1e6, 1)} M`);

function assemble(text: string, name: string): LoadedProgram {
  const l = checkProgram(assembleText(text, name));
  if (!l.ok) throw new Error(`${name}: ${l.error} at ${l.offset}`);
  return l;
}

/** Compiles once cold (the first compile of the process parses the backend's templates), then 300 times. */
function compileMeasured(loaded: LoadedProgram, arch: NativeArch): Promise<CompileTiming> {
  const compile = backendCompiler(arch);
  return timeCompile(() => compile(loaded, { cacheRegisters: true }), { maxRepeats: 300 });
}

/** Runs compiled code from the program's initial state; the final canonical state. */
function runOn(runner: CompiledRunner, loaded: LoadedProgram, options: RunOptions): CanonicalState {
  const st = new VspState();
  st.reset(initialState(loaded.program, options));
  runCompiled(runner, loaded, st);
  return canonicalState(st);
}

/** Checks a run against the interpreter's; prints one line and records a failure. */
function verify(what: string, expected: CanonicalState, got: CanonicalState): string {
  const diff = differingFields(expected, got);
  if (diff.length === 0) {
    return `${what}: ${term.green('identical')} to the interpreter's final state in all ${Object.keys(expected).length} fields (status ${got.status}, ${fmt(got.cycles)} cycles)`;
  }
  failures.push(`${what}: differs from the interpreter in ${diff.join(', ')}`);
  return `${what}: ${term.red('DIFFERS')} from the interpreter in ${diff.join(', ')}`;
}

/** The other architecture's code, compiled and run in Unicorn; null when Unicorn cannot be opened here. */
function emulatedRunner(arch: NativeArch): CompiledRunner | string {
  try {
    return runnerFor(arch, true);
  } catch (e) {
    return (e as Error).message;
  }
}

function header(title: string): void {
  term.line();
  term.line(term.bold(`== ${title}`));
}

function codeLine(c: CompileTiming, firstOfProcess: boolean): string[] {
  const s = jitStats(c.compiled);
  const first = firstOfProcess
    ? `the first compile in this process took ${fmt(c.firstMs, 1)} ms (it parses the backend's code templates)`
    : `its first compile took ${fmt(c.firstMs, 1)} ms`;
  return [
    `  compile       ${us(c.warmMs)} (${fmt((c.warmMs * 1000) / s.vspInstructions, 2)} us per VSP instruction; median of repeated compiles); ${first}`,
    `  code          ${fmt(s.codeBytes)} bytes: ${fmt(s.instructionBytes)} for the ${s.vspInstructions} VSP instructions (${fmt(s.bytesPerInstruction, 1)} bytes each), ${fmt(s.runtimeBytes)} for the prologue, exit routines and dispatcher`,
  ];
}

async function fiveInstructions(target: NativeArch, runner: CompiledRunner, other: NativeArch, emu: CompiledRunner | string): Promise<CompiledProgram> {
  const loaded = assemble(FIVE_INSTRUCTIONS, 'five.vsp');
  const options: RunOptions = { regs: DEMO_REGS };
  header(`1. The prototype's example: 5 instructions, ${loaded.program.code.length} bytes of bytecode (SIL-128)`);
  for (const l of FIVE_INSTRUCTIONS.split('\n').filter((l) => l.startsWith('    '))) term.line(term.dim(`    ${l.trim()}`));
  const c = await term.step(`compiling for ${target}`, () => compileMeasured(loaded, target));
  for (const l of codeLine(c, true)) term.line(l);
  const expected = (await runProgram(loaded, options)).canonical;
  runner.load(c.compiled);
  term.line('  verified      ' + verify(runner.name, expected, runOn(runner, loaded, options)));
  if (typeof emu !== 'string') {
    const oc = backendCompiler(other)(loaded, { cacheRegisters: true });
    emu.load(oc);
    term.line('                ' + verify(`${other} code in ${emu.name}`, expected, runOn(emu, loaded, options)));
  }

  // 1,000 executions per round, each from a fresh state (registers, PC, cycles, status, flags)
  const N = 1000;
  const prep = prepareProgram(loaded);
  const st = new VspState().reset(initialState(loaded.program, options));
  const it = new VspState().reset(initialState(loaded.program, options));
  const fresh = (s: VspState): void => {
    s.bytes.set(DEMO_REGS, 0);
    s.pc = 0;
    s.cycles = 0;
    s.status = RunStatus.running;
    s.flags = 0;
  };
  const { nativeS, interpS, compileS } = await term.step('timing 1,000 executions', async () => {
    const [nativeS, interpS] = await timeAlternating(
      [
        () => {
          fresh(st);
          runCompiled(runner, loaded, st);
        },
        () => {
          fresh(it);
          runInterpreter(prep, it);
        },
      ],
      N * 10,
      15,
    );
    // compile + map into executable memory (or load into Unicorn), as a program costs before its first run
    const compile = backendCompiler(target);
    const compileS = await timePerCall(() => runner.load(compile(loaded, { cacheRegisters: true })), 20, 9);
    return { nativeS, interpS, compileS };
  });
  term.line('                ' + verify(`after the timing runs, ${runner.name}`, canonicalState(it), canonicalState(st)));
  term.line(`  executions    from a fresh state each, median of 15 alternating rounds of ${fmt(N * 10)} after 3 warm-up rounds (CPU time):`);
  term.line(`                  ${runner.name.padEnd(12)} ${ns(nativeS).padStart(9)} per execution (the call, the driver and 5 VSP instructions), ${rate(5 / nativeS)} VSP insn/s`);
  term.line(`                  ${'interpreter'.padEnd(12)} ${ns(interpS).padStart(9)} per execution, ${rate(5 / interpS)} VSP insn/s`);
  const saved = interpS - nativeS;
  term.line(`  speed-up      ${fmt(interpS / nativeS, 1)}x per execution`);
  term.line(
    `  break-even    compile and map ${us(compileS * 1000)}; ${saved > 0 ? `it pays for itself after ${fmt(Math.ceil(compileS / saved))} executions (compile time / time saved per execution)` : 'never: the compiled code is not faster per execution here'}`,
  );
  return c.compiled;
}

async function arithmeticLoop(target: NativeArch, runner: CompiledRunner, other: NativeArch, emu: CompiledRunner | string): Promise<void> {
  const loaded = assemble(ARITHMETIC_LOOP, 'loop.vsp');
  const BUDGET = 50_000_000;
  header(`2. A loop: SIL-32 integer arithmetic until the cycle budget ends it (${fmt(BUDGET)} VSP instructions)`);
  for (const l of ARITHMETIC_LOOP.split('\n').filter((l) => l.startsWith('    ') || l.endsWith(':'))) term.line(term.dim(`    ${l.trim()}`));
  const c = await term.step(`compiling for ${target}`, () => compileMeasured(loaded, target));
  for (const l of codeLine(c, false)) term.line(l);
  const options: RunOptions = { regs: DEMO_REGS, maxCycles: BUDGET };
  runner.load(c.compiled);
  const { expected, got, nativeS, interpS } = await term.step(`running ${fmt(BUDGET)} VSP instructions natively and in the interpreter`, async () => {
    const prep = prepareProgram(loaded);
    const st = new VspState();
    const ist = new VspState();
    const nt: number[] = [];
    const itimes: number[] = [];
    let got: CanonicalState | null = null;
    let expected: CanonicalState | null = null;
    for (let r = 0; r < 5; r++) {
      st.reset(initialState(loaded.program, options));
      let t0 = cpuSeconds();
      runCompiled(runner, loaded, st);
      nt.push(cpuSeconds() - t0);
      got = canonicalState(st);
      await new Promise((res) => setImmediate(res));
      if (r < 3) {
        ist.reset(initialState(loaded.program, options));
        t0 = cpuSeconds();
        runInterpreter(prep, ist);
        itimes.push(cpuSeconds() - t0);
        expected = canonicalState(ist);
        await new Promise((res) => setImmediate(res));
      }
    }
    return { expected: expected!, got: got!, nativeS: median(nt), interpS: median(itimes) };
  });
  term.line('  verified      ' + verify(runner.name, expected, got));
  const EMU_BUDGET = 2_000_000;
  let emuLine: string | null = null;
  if (typeof emu !== 'string') {
    const emuOptions: RunOptions = { regs: DEMO_REGS, maxCycles: EMU_BUDGET };
    const ref = (await runProgram(loaded, emuOptions)).canonical;
    emu.load(backendCompiler(other)(loaded, { cacheRegisters: true }));
    const t0 = cpuSeconds();
    const e = runOn(emu, loaded, emuOptions);
    const es = cpuSeconds() - t0;
    term.line('                ' + verify(`${other} code in ${emu.name} (budget ${fmt(EMU_BUDGET)})`, ref, e));
    emuLine = `                  ${`${other} in ${emu.name}`.padEnd(20)} ${rate(EMU_BUDGET / es).padStart(9)} VSP insn/s (emulated: Unicorn translates the ${other} code)`;
  }
  term.line(`  throughput    CPU time, median of 5 (native) and 3 (interpreter) runs:`);
  term.line(`                  ${`${target} ${runner.name}`.padEnd(20)} ${rate(BUDGET / nativeS).padStart(9)} VSP insn/s (register cache on)`);
  term.line(`                  ${'interpreter'.padEnd(20)} ${rate(BUDGET / interpS).padStart(9)} VSP insn/s`);
  if (emuLine !== null) term.line(emuLine);
  term.line(`  speed-up      ${fmt(interpS / nativeS, 1)}x over the interpreter on this loop`);
}

/** Runs the main job, printing to `terminal`; returns the exit status (0 when every check passed). */
export async function runMainJob(terminal: Terminal): Promise<number> {
  term = terminal;
  failures = [];
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  term.line(term.bold('dynasm-ts: a VSP program JIT-compiled through the dynasm DSL, checked against the interpreter, measured'));
  term.line(`machine   ${cpu} (${cpus().length} cores), ${process.platform} ${process.arch}, node ${process.version}`);
  const target: NativeArch = host.arch !== null && runsNatively(host.arch) ? host.arch : 'a64';
  const other: NativeArch = target === 'a64' ? 'x64' : 'a64';
  const map = registerMap(target);
  const native = runsNatively(target);
  term.line(`target    ${map.target}; ${native ? 'run natively (W^X executable memory)' : `run in Unicorn: no native JIT backend for ${process.platform} ${process.arch}`}`);
  let runner: CompiledRunner;
  try {
    runner = runnerFor(target);
  } catch (e) {
    term.line(term.red(`cannot run ${target} code here: ${(e as Error).message}`));
    return 1;
  }
  const emu = emulatedRunner(other);
  if (typeof emu === 'string') term.line(`          (the ${other} code is not run: Unicorn is not available here: ${emu})`);
  try {
    const five = await fiveInstructions(target, runner, other, emu);
    await arithmeticLoop(target, runner, other, emu);

    header(`3. The ${target} register map`);
    for (const r of map.roles) term.line(`  ${r.register.padEnd(34)} ${r.holds}`);

    header(`4. Listing: the ${target} code of the 5-instruction example (Capstone), each VSP instruction followed by its code`);
    const listing = await formatJitListing(five, assemble(FIVE_INSTRUCTIONS, 'five.vsp'), { runtime: false });
    for (const l of listing.trimEnd().split('\n').slice(1)) term.line(l.startsWith(';') ? term.dim('  ' + l) : '  ' + l);
    term.line(term.dim(`  (the prologue, exit routines and dispatcher are left out: vsp jit FILE --listing - shows everything)`));
  } finally {
    runner.close();
    if (typeof emu !== 'string') emu.close();
  }

  header('What this run checked');
  term.line(`  Every compiled run above ended in exactly the interpreter's final state (every field of the canonical state, spec 11).`);
  term.line(`  The test suite (npm test) checks much more: every one of the 117 opcodes against the interpreter on random states,`);
  term.line(`  natively and in Unicorn for both backends, the 124 conformance programs, and every DSL encoding against GNU as and llvm-mc.`);
  term.line(`  Not run here: ${native && target === 'x64' ? 'ARM64 natively (npm run test:arm64 runs it under qemu-user), ' : ''}Apple Silicon (its MAP_JIT path is written to Apple's API, untested).`);
  term.line(`  More: vsp jit FILE --listing - | vsp run FILE --engine native | vsp bench | docs/guide.md`);
  if (failures.length > 0) {
    term.line();
    term.line(term.red(`${failures.length} check(s) FAILED:`));
    for (const f of failures) term.line(term.red(`  ${f}`));
    return 1;
  }
  return 0;
}

