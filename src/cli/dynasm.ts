// The `dynasm` command:
//   dynasm asm --arch a64 --lines [FILE|-]      one instruction per input line → one output line each:
//                                               hex bytes in memory order, or `error: <message>`
//   dynasm asm --arch a64 [FILE|-] [-o OUT]     a whole program (labels, directives) → hex, or bytes to OUT
//   dynasm disasm --arch a64 HEX…               Capstone listing of the bytes
// Exit status: 0 success, 1 some input failed, 2 usage error.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Assembler, DynasmError, registeredArchs } from '../index.js';
import type { ArchName } from '../../dsl/arch.js';

export interface CliIO {
  stdout(s: string): void;
  stderr(s: string): void;
  /** The whole standard input. */
  stdin(): string;
  readFile(path: string): string;
  writeFile(path: string, bytes: Uint8Array): void;
}

export const processIO: CliIO = {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
  stdin: () => readFileSync(0, 'utf8'),
  readFile: (p) => readFileSync(p, 'utf8'),
  writeFile: (p, b) => writeFileSync(p, b),
};

const TOP_USAGE = `usage: dynasm COMMAND [OPTIONS]

The dynasm-ts assembler on the command line.

commands:
  asm      assemble instructions (one per line with --lines, or a whole program)
  disasm   disassemble hex bytes (Capstone)

dynasm COMMAND --help shows the options of one command.
Exit status: 0 success, 1 some input failed to assemble or decode, 2 usage error.
`;

const ASM_USAGE = `usage: dynasm asm --arch ARCH [--lines] [--base ADDR] [-o FILE] [INPUT]

Assembles INPUT (a file, or - / nothing for standard input).

  --arch ARCH   architecture: ${'${archs}'}
  --lines       every input line on its own (labels do not cross lines): prints exactly one
                output line per input line, the bytes in memory order as lowercase hex without
                spaces (e.g. e003172a; empty for a line without code), or "error: MESSAGE".
                Exit status 1 if any line failed.
  --base ADDR   address of the first byte (adrp, .quad label); decimal or 0x hex. Default 0.
  -o FILE       (whole program only) write the bytes to FILE instead of printing hex.
  -h, --help    this text.

Without --lines the input is one program (labels, directives); it prints the bytes as one hex
line, or an error and exit status 1.
Exit status: 0 assembled, 1 an input failed (the error says where), 2 usage error or unreadable INPUT.
`;

const DISASM_USAGE = `usage: dynasm disasm --arch ARCH [--base ADDR] HEX...

Disassembles the bytes given as hex (spaces or 0x prefixes allowed; several arguments are
concatenated) with Capstone and prints one line per instruction: address, bytes, text.

  --arch ARCH   architecture: ${'${archs}'}
  --base ADDR   address of the first byte. Default 0.
  -h, --help    this text.
Exit status: 0 decoded, 1 bytes that are not an instruction, 2 usage error.
`;

function usage(text: string): string {
  return text.split('${archs}').join(registeredArchs().join(', '));
}

interface Parsed {
  arch?: string;
  lines: boolean;
  base: bigint;
  out?: string;
  help: boolean;
  rest: string[];
}

class UsageErr extends Error {}

function parseArgs(argv: readonly string[], allowed: ReadonlySet<string>): Parsed {
  const p: Parsed = { lines: false, base: 0n, help: false, rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageErr(`${a} needs a value`);
      return v;
    };
    if (a === '-h' || a === '--help') p.help = true;
    else if (a === '--arch' && allowed.has(a)) p.arch = value();
    else if (a.startsWith('--arch=') && allowed.has('--arch')) p.arch = a.slice(7);
    else if (a === '--lines' && allowed.has(a)) p.lines = true;
    else if ((a === '--base' || a.startsWith('--base=')) && allowed.has('--base')) {
      const v = a === '--base' ? value() : a.slice(7);
      if (!/^(0x[0-9a-f]+|\d+)$/i.test(v)) throw new UsageErr(`--base: '${v}' is not a number`);
      p.base = BigInt(v);
      if (p.base >= 1n << 64n) throw new UsageErr('--base: address beyond 64 bits');
    } else if (a === '-o' && allowed.has(a)) p.out = value();
    else if (a.startsWith('-') && a !== '-') throw new UsageErr(`unknown option ${a}`);
    else p.rest.push(a);
  }
  return p;
}

function checkArch(p: Parsed): ArchName {
  if (p.arch === undefined) throw new UsageErr('--arch is required');
  if (!registeredArchs().includes(p.arch)) throw new UsageErr(`unknown architecture '${p.arch}' (known: ${registeredArchs().join(', ')})`);
  return p.arch as ArchName;
}

/** One-line message of an error (no listing, no location: the line is the location). */
function oneLine(e: unknown): string {
  if (e instanceof DynasmError) return `${e.operand !== undefined ? `operand ${e.operand}: ` : ''}${e.detail} [${e.code}]`;
  return String((e as Error)?.message ?? e).split('\n')[0];
}

const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function asm(argv: readonly string[], io: CliIO): number {
  const p = parseArgs(argv, new Set(['--arch', '--lines', '--base', '-o']));
  if (p.help) {
    io.stdout(usage(ASM_USAGE));
    return 0;
  }
  const arch = checkArch(p);
  if (p.rest.length > 1) throw new UsageErr('asm takes at most one input');
  if (p.lines && p.out) throw new UsageErr('-o cannot be used with --lines');
  const name = p.rest.length === 0 ? '-' : p.rest[0]!;
  let input: string;
  try {
    input = name === '-' ? io.stdin() : io.readFile(name);
  } catch (e) {
    io.stderr(`dynasm asm: cannot read ${name}: ${oneLine(e)}\n`);
    return 2;
  }
  if (p.lines) {
    const lines = input.split('\n');
    if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop(); // the final newline ends the last line
    const a = new Assembler(arch, { base: p.base });
    let failed = 0;
    let out = '';
    for (const line of lines) {
      a.reset();
      try {
        a.assemble(line.replace(/\r$/, ''));
        out += `${toHex(a.finalize())}\n`;
      } catch (e) {
        failed++;
        out += `error: ${oneLine(e)}\n`;
      }
    }
    io.stdout(out);
    return failed ? 1 : 0;
  }
  try {
    const a = new Assembler(arch, { base: p.base });
    a.assemble(input);
    const bytes = a.finalize();
    if (p.out) {
      try {
        io.writeFile(p.out, bytes);
      } catch (e) {
        io.stderr(`dynasm asm: cannot write ${p.out}: ${oneLine(e)}\n`);
        return 2;
      }
    } else io.stdout(`${toHex(bytes)}\n`);
    return 0;
  } catch (e) {
    io.stderr(`dynasm asm: ${e instanceof DynasmError ? e.message : oneLine(e)}\n`);
    return 1;
  }
}

async function disasm(argv: readonly string[], io: CliIO): Promise<number> {
  const p = parseArgs(argv, new Set(['--arch', '--base']));
  if (p.help) {
    io.stdout(usage(DISASM_USAGE));
    return 0;
  }
  const arch = checkArch(p);
  if (p.rest.length === 0) throw new UsageErr('disasm needs hex bytes');
  const text = p.rest.join('').replace(/0x/gi, '').replace(/[\s,_:]/g, '');
  if (!/^([0-9a-f]{2})+$/i.test(text)) throw new UsageErr(`'${p.rest.join(' ')}' is not a whole number of hex bytes`);
  const bytes = Uint8Array.from(Buffer.from(text, 'hex'));
  let emu: typeof import('../../emulation/index.js');
  try {
    emu = await import('../../emulation/index.js');
  } catch (e) {
    io.stderr(`dynasm disasm: the disassembler (emulation/) is not available: ${oneLine(e)}\n`);
    return 1;
  }
  try {
    const insns = await emu.disassemble(arch, bytes, { address: p.base, onInvalid: 'data' });
    io.stdout(`${emu.formatListing(insns)}\n`);
    return insns.some((i) => i.mnemonic === '.inst' || i.mnemonic === '.byte') ? 1 : 0;
  } catch (e) {
    io.stderr(`dynasm disasm: ${oneLine(e)}\n`);
    return 1;
  }
}

/** Runs `dynasm` with the arguments after the program name; returns the exit status. */
export async function main(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    if (cmd === undefined) {
      io.stderr(TOP_USAGE);
      return 2;
    }
    if (cmd === '-h' || cmd === '--help' || cmd === 'help') {
      io.stdout(TOP_USAGE);
      return 0;
    }
    if (cmd === 'asm') return asm(rest, io);
    if (cmd === 'disasm') return await disasm(rest, io);
    io.stderr(`dynasm: unknown command '${cmd}'\n${TOP_USAGE}`);
    return 2;
  } catch (e) {
    if (e instanceof UsageErr) {
      io.stderr(`dynasm ${cmd}: ${e.message}\n${usage(cmd === 'disasm' ? DISASM_USAGE : ASM_USAGE)}`);
      return 2;
    }
    throw e;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
