// `vsp jit FILE [--arch a64|x64] [--cache] [--listing OUT] [--check] [--max-cycles N] [--json]`: compiles a
// VSP program with the JIT backend of an architecture and prints the compile statistics (compile time, code
// size, bytes per VSP instruction, per-opcode code size); --listing writes the machine code disassembled by
// Capstone, interleaved with the VSP instructions it came from; --check runs the compiled code (natively when
// the architecture is the host's, else in Unicorn) and compares its final state with the interpreter's.
// Exit status: 0 compiled (and, with --check, the same final state), 1 the program is invalid or does not
// assemble, the compile failed or --check found a difference, 2 usage error or unreadable FILE.
import { writeFileSync } from 'node:fs';
import { host, type NativeArch } from '../exec/index.js';
import { JitCompileError } from '../jit/backend.js';
import { timeCompile, type CompileTiming } from '../jit/compile-timing.js';
import type { CompiledProgram } from '../jit/compiler.js';
import { runCompiled } from '../jit/driver.js';
import { formatJitListing } from '../jit/listing.js';
import { backendCompiler } from '../jit/native-engine.js';
import { runnerFor } from '../jit/runners.js';
import { jitStats, type JitStats } from '../jit/stats.js';
import { canonicalState, differingFields, type CanonicalState } from '../vsp/canonical.js';
import type { LoadedProgram } from '../vsp/container.js';
import { initialState, runProgram } from '../vsp/engine.js';
import { VspError } from '../vsp/state-layout.js';
import { VspState } from '../vsp/state.js';
import { optionValue, parseOptions, UsageError, type OptionSpec } from './options.js';
import { readProgramFile } from './program-file.js';
import type { VspCliIO, VspSubcommand } from './vsp-command.js';
import { parseCount } from './vsp-run.js';

export const JIT_USAGE = 'vsp jit FILE [--arch a64|x64] [--cache] [--listing OUT] [--check] [--max-cycles N] [--json]';

const DEFAULT_ARCH: NativeArch = host.arch ?? 'a64';

const JIT_HELP = `usage: ${JIT_USAGE}

Compiles a VSP program (a .silc container or a text program) to machine code with the JIT and prints
the compile statistics.
  --arch ARCH       a64 (ARM64) or x64 (x86-64); default ${DEFAULT_ARCH} (this host's)
  --cache           keep hot VSP registers in machine registers (the register cache; NEON layer ops on a64)
  --listing OUT     write the machine code disassembled by Capstone, interleaved with the VSP
                    instructions it came from, to OUT (- for standard output, after the statistics)
  --check           run the compiled code (natively when ARCH is the host's, else in Unicorn) and
                    compare its final state with the reference interpreter's, field by field
  --max-cycles N    cycle budget of the --check run (decimal or 0x hex; default 100000000)
  --json            print the statistics (and the check) as one line of JSON
Exit status: 0 compiled (and --check found the same state), 1 invalid program, compile error or a
difference, 2 usage error or unreadable FILE.
`;

const SPECS: readonly OptionSpec[] = [
  { names: ['--arch'], value: true },
  { names: ['--cache'], value: false },
  { names: ['--listing'], value: true },
  { names: ['--check'], value: false },
  { names: ['--max-cycles'], value: true },
  { names: ['--json'], value: false },
];

interface JitArgs {
  file: string;
  arch: NativeArch;
  cache: boolean;
  listing: string | undefined;
  check: boolean;
  maxCycles: number | undefined;
  json: boolean;
}

function parseJitArgs(args: readonly string[]): JitArgs | 'help' {
  const p = parseOptions(args, SPECS);
  if (p.help) return 'help';
  if (p.positionals.length === 0) throw new UsageError('missing FILE');
  if (p.positionals.length > 1) throw new UsageError(`unexpected argument ${p.positionals[1]} (one FILE only)`);
  const arch = optionValue(p, '--arch') ?? DEFAULT_ARCH;
  if (arch !== 'a64' && arch !== 'x64') throw new UsageError(`--arch ${JSON.stringify(arch)}: expected a64 or x64`);
  const mc = optionValue(p, '--max-cycles');
  let maxCycles: number | undefined;
  if (mc !== undefined) {
    maxCycles = parseCount(mc, 2n ** 53n);
    if (maxCycles === undefined) throw new UsageError(`--max-cycles ${JSON.stringify(mc)}: expected 0..2^53 (decimal or 0x hex)`);
    if (!p.options.has('--check')) throw new UsageError('--max-cycles applies to --check only');
  }
  return {
    file: p.positionals[0]!,
    arch,
    cache: p.options.has('--cache'),
    listing: optionValue(p, '--listing'),
    check: p.options.has('--check'),
    maxCycles,
    json: p.options.has('--json'),
  };
}

/** The outcome of --check: the engine that ran the code, and the fields where it differs from the interpreter. */
export interface JitCheck {
  readonly engine: string;
  readonly status: string;
  readonly cycles: number;
  readonly differences: readonly string[];
}

const field = (c: CanonicalState, k: string): unknown => (c as unknown as Record<string, unknown>)[k];

/** Runs `compiled` (natively or in Unicorn) and the interpreter from the same initial state. */
export async function checkCompiled(loaded: LoadedProgram, compiled: CompiledProgram, maxCycles?: number): Promise<JitCheck> {
  const options = maxCycles === undefined ? {} : { maxCycles };
  const expected = (await runProgram(loaded, options)).canonical;
  const runner = runnerFor(compiled.arch);
  try {
    runner.load(compiled);
    const st = new VspState();
    st.reset(initialState(loaded.program, options));
    runCompiled(runner, loaded, st);
    const got = canonicalState(st);
    return {
      engine: runner.name,
      status: got.status,
      cycles: got.cycles,
      differences: differingFields(expected, got).map((k) => `${k}: interpreter ${JSON.stringify(field(expected, k))}, compiled ${JSON.stringify(field(got, k))}`),
    };
  } finally {
    runner.close();
  }
}

function formatStats(s: JitStats, cache: boolean, file: string, t: CompileTiming): string {
  const n = Math.max(1, s.vspInstructions);
  const lines = [
    `${file}: ${s.vspInstructions} VSP instructions -> ${s.arch} (register cache ${cache ? 'on' : 'off'})`,
    `  compile time      ${(t.warmMs * 1000).toFixed(1)} us (${((t.warmMs * 1000) / n).toFixed(2)} us per VSP instruction), median of the last ${t.sampled} of ${t.repeats} repeated compiles`,
    `                    first compile in this process ${t.firstMs.toFixed(1)} ms (parses the backend's templates, cold JavaScript)`,
    `  code size         ${s.codeBytes} bytes: ${s.instructionBytes} for the instructions (${s.bytesPerInstruction.toFixed(1)} per VSP instruction), ${s.runtimeBytes} prologue, exits and dispatch`,
    `  entries           ${s.entries} dispatch targets; ${s.modeSwitches} instructions with a run-time MODE switch`,
  ];
  if (s.perOpcode.length > 0) {
    lines.push('  code by opcode    ' + s.perOpcode.slice(0, 8).map((o) => `${o.mnemonic} ${o.count}x ${(o.bytes / o.count).toFixed(0)} B`).join(', ') + (s.perOpcode.length > 8 ? ', ...' : ''));
  }
  return lines.join('\n') + '\n';
}

/** Runs `vsp jit` with the arguments after `jit`; returns the exit status. */
export async function vspJit(args: readonly string[], io: VspCliIO): Promise<number> {
  let parsed: JitArgs | 'help';
  try {
    parsed = parseJitArgs(args);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`vsp jit: ${e.message}\nusage: ${JIT_USAGE}\n`);
    return 2;
  }
  if (parsed === 'help') {
    io.stdout(JIT_HELP);
    return 0;
  }
  const file = readProgramFile(parsed.file);
  if (file.kind === 'unreadable') {
    io.stderr(`vsp jit: ${file.message}\n`);
    return 2;
  }
  if (file.kind === 'diagnostics') {
    io.stderr(file.text);
    return 1;
  }
  const loaded = file.result;
  if (!loaded.ok) {
    io.stderr(`${parsed.file}: invalid program: ${VspError[loaded.error]} at offset ${loaded.offset}\n`);
    return 1;
  }
  // Reported: the process's first compile, and the median of the later half of repeated compiles (up to 1 s
  // of them, or 400), what a long-running host pays (src/jit/compile-timing.ts).
  let timing: CompileTiming;
  try {
    const compile = backendCompiler(parsed.arch);
    const options = { cacheRegisters: parsed.cache };
    timing = await timeCompile(() => compile(loaded, options), { maxRepeats: 400, maxMs: 1000 });
  } catch (e) {
    if (!(e instanceof JitCompileError)) throw e;
    io.stderr(`vsp jit: ${parsed.file}: ${e.message}\n`);
    return 1;
  }
  const compiled = timing.compiled;
  const stats = jitStats(compiled);
  let check: JitCheck | undefined;
  if (parsed.check) {
    try {
      check = await checkCompiled(loaded, compiled, parsed.maxCycles);
    } catch (e) {
      io.stderr(`vsp jit: --check: ${(e as Error).message}\n`);
      return 2;
    }
  }
  let listing: string | undefined;
  if (parsed.listing !== undefined) listing = await formatJitListing(compiled, loaded);
  if (parsed.json) {
    const { perOpcode, ...figures } = stats;
    io.stdout(JSON.stringify({ file: parsed.file, cacheRegisters: parsed.cache, ...figures, compileMs: timing.warmMs, compileUsPerInstruction: (timing.warmMs * 1000) / Math.max(1, stats.vspInstructions), firstCompileMs: timing.firstMs, compileRepeats: timing.sampled, perOpcode, ...(check ? { check } : {}) }) + '\n');
  } else {
    io.stdout(formatStats(stats, parsed.cache, parsed.file, timing));
    if (check) {
      io.stdout(
        check.differences.length === 0
          ? `  check             ran on ${check.engine}: same final state as the interpreter (status ${check.status}, ${check.cycles} cycles)\n`
          : `  check             ran on ${check.engine}: DIFFERS from the interpreter in ${check.differences.length} fields:\n` + check.differences.map((d) => `    ${d}\n`).join(''),
      );
    }
  }
  if (listing !== undefined) {
    if (parsed.listing === '-') io.stdout(listing);
    else {
      try {
        writeFileSync(parsed.listing!, listing);
      } catch (e) {
        io.stderr(`vsp jit: cannot write ${parsed.listing}: ${(e as Error).message}\n`);
        return 2;
      }
    }
  }
  return check !== undefined && check.differences.length > 0 ? 1 : 0;
}

export const jitCommand: VspSubcommand = {
  name: 'jit',
  usage: JIT_USAGE,
  summary: 'compile a program with the JIT: statistics, a Capstone listing, a check against the interpreter',
  run: vspJit,
};
