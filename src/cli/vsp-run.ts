// `vsp run FILE [--engine E] [--regs HEX] [--flags N] [--input HEX] [--max-cycles N] [--json]` (spec 11).
// FILE is a .silc container or a text program (spec 7). Prints the canonical final state: with --json one
// line of JSON ending in LF, else a form for people. Exit status: 0 when a state was printed whose status is
// not error or invalid, 1 for those two (and for a text program that does not assemble), 2 for a usage error
// or an unreadable FILE (message on stderr, nothing run).
// JIT engines register themselves in the engine table on import (unicorn-a64: src/jit/unicorn-engine.ts,
// unicorn-x64: src/jit/unicorn-x64-engine.ts, native: src/jit/native-engine.ts).
import '../jit/unicorn-engine.js';
import '../jit/unicorn-x64-engine.js';
import '../jit/native-engine.js';
import { canonicalInvalid, canonicalJson, type Canonical, type CanonicalState } from '../vsp/canonical.js';
import { getEngine, listEngines, runProgram, type RunOptions } from '../vsp/engine.js';
import { HOST_SETTABLE_FLAGS } from '../vsp/state-layout.js';
import { DEFAULT_BUDGET } from '../vsp/state.js';
import { optionValue, parseOptions, UsageError, type OptionSpec } from './options.js';
import { readProgramFile } from './program-file.js';
import type { VspCliIO, VspSubcommand } from './vsp-command.js';

export const RUN_USAGE = 'vsp run FILE [--engine E] [--regs HEX] [--flags N] [--input HEX] [--max-cycles N] [--json]';

const RUN_HELP = `usage: ${RUN_USAGE}

Runs a VSP program (a .silc container or a text program) and prints its final state (spec 11).
  --engine E        the engine to run it on (default interp)
  --regs HEX        initial R0..RF: exactly 32 hex digits, R0 first
  --flags N         initial flags 0..255 (decimal or 0x hex); only Z=1 N=2 O=4 C=8 M=0x80 may be set
  --input HEX       the input stream SENSE reads: an even number of hex digits
  --max-cycles N    cycle budget 0..2^53 (decimal or 0x hex; default 100000000)
  --json            print the canonical state as one line of JSON
Exit status: 0 for a final state, 1 for status error or invalid, 2 for a usage error or an unreadable FILE.
`;

/** The parsed command line of `vsp run`. */
export interface RunArgs {
  file: string;
  engine: string;
  options: RunOptions;
  json: boolean;
}

/** A count in decimal or 0x hex, 0..max; undefined when malformed or out of range. */
export function parseCount(text: string, max: bigint): number | undefined {
  if (!/^(0[xX][0-9a-fA-F]+|[0-9]+)$/.test(text)) return undefined;
  const v = BigInt(text);
  return v <= max ? Number(v) : undefined;
}

function hexBytes(text: string): Uint8Array {
  return Uint8Array.from(Buffer.from(text, 'hex'));
}

const RUN_OPTIONS: readonly OptionSpec[] = [
  { names: ['--engine'], value: true },
  { names: ['--regs'], value: true },
  { names: ['--flags'], value: true },
  { names: ['--input'], value: true },
  { names: ['--max-cycles'], value: true },
  { names: ['--json'], value: false },
];

/** Parses the arguments after `run`; throws UsageError with the message to print. */
export function parseRunArgs(args: readonly string[]): RunArgs | 'help' {
  const p = parseOptions(args, RUN_OPTIONS);
  if (p.help) return 'help';
  if (p.positionals.length === 0) throw new UsageError('missing FILE');
  if (p.positionals.length > 1) throw new UsageError(`unexpected argument ${p.positionals[1]} (one FILE only)`);
  const opts: { regs?: Uint8Array; flags?: number; input?: Uint8Array; maxCycles?: number } = {};
  const regs = optionValue(p, '--regs');
  if (regs !== undefined) {
    if (!/^[0-9a-fA-F]{32}$/.test(regs)) throw new UsageError(`--regs ${JSON.stringify(regs)}: expected exactly 32 hex digits (R0 first)`);
    opts.regs = hexBytes(regs);
  }
  const flags = optionValue(p, '--flags');
  if (flags !== undefined) {
    const f = parseCount(flags, 255n);
    if (f === undefined) throw new UsageError(`--flags ${JSON.stringify(flags)}: expected 0..255 (decimal or 0x hex)`);
    if ((f & ~HOST_SETTABLE_FLAGS) !== 0) {
      throw new UsageError(`--flags ${flags}: only Z=0x01 N=0x02 O=0x04 C=0x08 M=0x80 may be set (H=0x10 and bits 0x20, 0x40 may not)`);
    }
    opts.flags = f;
  }
  const input = optionValue(p, '--input');
  if (input !== undefined) {
    if (!/^([0-9a-fA-F]{2})*$/.test(input)) throw new UsageError(`--input: expected an even number of hex digits`);
    opts.input = hexBytes(input);
  }
  const mc = optionValue(p, '--max-cycles');
  if (mc !== undefined) {
    const n = parseCount(mc, 2n ** 53n);
    if (n === undefined) throw new UsageError(`--max-cycles ${JSON.stringify(mc)}: expected 0..2^53 (decimal or 0x hex)`);
    opts.maxCycles = n;
  }
  return { file: p.positionals[0]!, engine: optionValue(p, '--engine') ?? 'interp', options: opts, json: p.options.has('--json') };
}

const FLAG_NAMES: [number, string][] = [
  [0x01, 'Z'],
  [0x02, 'N'],
  [0x04, 'O'],
  [0x08, 'C'],
  [0x10, 'H'],
  [0x80, 'M'],
];
const MODE_NAMES = ['SIL-8', 'SIL-16', 'SIL-32', 'SIL-64', 'SIL-128'];

/** The canonical state in a form for people. */
export function formatHuman(c: Canonical): string {
  if (c.status === 'invalid') return `status   invalid\nerror    ${c.error} at offset ${c.offset}\n`;
  const s: CanonicalState = c;
  const regs = s.regs.match(/../g)!.map((b, i) => `R${i.toString(16).toUpperCase()}=${b}`);
  const flagNames = FLAG_NAMES.filter(([bit]) => (s.flags & bit) !== 0).map(([, n]) => n).join(' ') || '-';
  const textLines = s.text.split('\n');
  if (textLines[textLines.length - 1] === '') textLines.pop();
  const text = s.text === '' ? '-' : `${s.text.length} characters\n` + textLines.map((l) => `  | ${l}`).join('\n');
  const lines = [
    `status   ${s.status}${s.error ? ` (${s.error})` : ''}`,
    `pc       ${s.pc} (0x${s.pc.toString(16)})`,
    `cycles   ${s.cycles}`,
    `regs     ${regs.slice(0, 8).join(' ')}`,
    `         ${regs.slice(8).join(' ')}`,
    `flags    0x${s.flags.toString(16).padStart(2, '0')} ${flagNames}`,
    `mode     ${s.mode} (${MODE_NAMES[s.mode]})`,
    `stack    sp ${s.sp}${s.sp ? `: ${s.stack}` : ''}`,
    `calls    fp ${s.fp}, depth ${s.calls.length}${s.calls.length ? ': ' + s.calls.map(([r, f]) => `(ret ${r}, fp ${f})`).join(' ') : ''}`,
    `out      ${s.out === '' ? '-' : s.out}`,
    `text     ${text}`,
    `input    ${s.input_pos} bytes consumed`,
    `grad     ${s.grad ?? '-'}`,
    `hashes   data ${s.data}  ports ${s.ports}  mailbox ${s.mailbox}`,
  ];
  return lines.join('\n') + '\n';
}

/** Runs `vsp run` with the arguments after `run`; returns the exit status. */
export async function vspRun(args: readonly string[], io: VspCliIO): Promise<number> {
  let parsed: RunArgs | 'help';
  try {
    parsed = parseRunArgs(args);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`vsp run: ${e.message}\nusage: ${RUN_USAGE}\n`);
    return 2;
  }
  if (parsed === 'help') {
    io.stdout(RUN_HELP + `engines: ${listEngines().map((e) => e.name).join(', ')}\n`);
    return 0;
  }
  const engine = getEngine(parsed.engine);
  if (engine === undefined) {
    io.stderr(`vsp run: unknown engine ${parsed.engine} (engines: ${listEngines().map((e) => e.name).join(', ')})\n`);
    return 2;
  }
  const why = engine.unavailable();
  if (why !== null) {
    io.stderr(`vsp run: engine ${engine.name} is not available here: ${why}\n`);
    return 2;
  }
  const file = readProgramFile(parsed.file);
  if (file.kind === 'unreadable') {
    io.stderr(`vsp run: ${file.message}\n`);
    return 2;
  }
  if (file.kind === 'diagnostics') {
    io.stderr(file.text);
    return 1;
  }
  const loaded = file.result;
  let result: Canonical;
  if (!loaded.ok) result = canonicalInvalid(loaded.error, loaded.offset);
  else result = (await runProgram(loaded, parsed.options, engine)).canonical;
  io.stdout(parsed.json ? canonicalJson(result) + '\n' : formatHuman(result));
  return result.status === 'error' || result.status === 'invalid' ? 1 : 0;
}

export const runCommand: VspSubcommand = {
  name: 'run',
  usage: RUN_USAGE,
  summary: `run a program and print its final state (default budget ${DEFAULT_BUDGET} cycles)`,
  run: vspRun,
};
