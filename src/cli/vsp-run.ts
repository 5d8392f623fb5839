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

class UsageError extends Error {}

/** A count in decimal or 0x hex, 0..max; undefined when malformed or out of range. */
export function parseCount(text: string, max: bigint): number | undefined {
  if (!/^(0[xX][0-9a-fA-F]+|[0-9]+)$/.test(text)) return undefined;
  const v = BigInt(text);
  return v <= max ? Number(v) : undefined;
}

function hexBytes(text: string): Uint8Array {
  return Uint8Array.from(Buffer.from(text, 'hex'));
}

/** Parses the arguments after `run`; throws UsageError with the message to print. */
export function parseRunArgs(args: readonly string[]): RunArgs | 'help' {
  let file: string | undefined;
  let engine = 'interp';
  let json = false;
  const opts: { regs?: Uint8Array; flags?: number; input?: Uint8Array; maxCycles?: number } = {};
  const seen = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    let a = args[i]!;
    let value: string | undefined;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    if (eq > 0) {
      value = a.slice(eq + 1);
      a = a.slice(0, eq);
    }
    const takeValue = (): string => {
      if (value !== undefined) return value;
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a.startsWith('-') && a !== '-') {
      if (seen.has(a)) throw new UsageError(`${a} given twice`);
      seen.add(a);
    }
    switch (a) {
      case '-h':
      case '--help':
        return 'help';
      case '--json':
        if (value !== undefined) throw new UsageError('--json takes no value');
        json = true;
        break;
      case '--engine':
        engine = takeValue();
        break;
      case '--regs': {
        const v = takeValue();
        if (!/^[0-9a-fA-F]{32}$/.test(v)) throw new UsageError(`--regs ${JSON.stringify(v)}: expected exactly 32 hex digits (R0 first)`);
        opts.regs = hexBytes(v);
        break;
      }
      case '--flags': {
        const v = takeValue();
        const f = parseCount(v, 255n);
        if (f === undefined) throw new UsageError(`--flags ${JSON.stringify(v)}: expected 0..255 (decimal or 0x hex)`);
        if ((f & ~HOST_SETTABLE_FLAGS) !== 0) {
          throw new UsageError(`--flags ${v}: only Z=0x01 N=0x02 O=0x04 C=0x08 M=0x80 may be set (H=0x10 and bits 0x20, 0x40 may not)`);
        }
        opts.flags = f;
        break;
      }
      case '--input': {
        const v = takeValue();
        if (!/^([0-9a-fA-F]{2})*$/.test(v)) throw new UsageError(`--input: expected an even number of hex digits`);
        opts.input = hexBytes(v);
        break;
      }
      case '--max-cycles': {
        const v = takeValue();
        const n = parseCount(v, 2n ** 53n);
        if (n === undefined) throw new UsageError(`--max-cycles ${JSON.stringify(v)}: expected 0..2^53 (decimal or 0x hex)`);
        opts.maxCycles = n;
        break;
      }
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
        if (file !== undefined) throw new UsageError(`unexpected argument ${a} (one FILE only)`);
        file = a;
    }
  }
  if (file === undefined) throw new UsageError('missing FILE');
  return { file, engine, options: opts, json };
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
