// `vsp asm FILE -o OUT` (spec 11): assembles a VSP text program (spec 7) and writes a .silc container.
// Assembler errors go to stderr as `FILE:LINE:COL: message`, one per line, exit 1, and no file is written.
// A usage error or an unreadable FILE exits 2.
import { readFileSync, writeFileSync } from 'node:fs';
import { writeContainer } from '../vsp/container.js';
import { assembleText, formatDiagnostic, VspAsmError } from '../vsp/text-asm.js';

/** Where a command writes; the default is the process's streams. */
export interface CliIO {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
}

export const processIO: CliIO = {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
};

export const ASM_USAGE = 'usage: vsp asm FILE -o OUT';

/** Runs `vsp asm` with the arguments after `asm`; returns the exit status. */
export function asmCommand(args: readonly string[], io: CliIO = processIO): number {
  let file: string | undefined;
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-o' || a === '--output') {
      const v = args[++i];
      if (v === undefined || out !== undefined) return usage(io, v === undefined ? `${a} needs a file name` : 'only one -o');
      out = v;
    } else if (a === '-h' || a === '--help') {
      io.stdout(ASM_USAGE + '\n');
      return 0;
    } else if (a.startsWith('-') && a !== '-') {
      return usage(io, `unknown option ${a}`);
    } else if (file === undefined) {
      file = a;
    } else {
      return usage(io, `unexpected argument ${a}`);
    }
  }
  if (file === undefined) return usage(io, 'missing FILE');
  if (out === undefined) return usage(io, 'missing -o OUT');
  let source: string;
  try {
    source = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    io.stderr(`vsp asm: cannot read ${file}: ${(e as Error).message}\n`);
    return 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = writeContainer(assembleText(source, file));
  } catch (e) {
    if (!(e instanceof VspAsmError)) throw e;
    io.stderr(e.diagnostics.map((d) => formatDiagnostic(d) + '\n').join(''));
    return 1;
  }
  try {
    writeFileSync(out, bytes);
  } catch (e) {
    io.stderr(`vsp asm: cannot write ${out}: ${(e as Error).message}\n`);
    return 2;
  }
  return 0;
}

function usage(io: CliIO, why: string): number {
  io.stderr(`vsp asm: ${why}\n${ASM_USAGE}\n`);
  return 2;
}
