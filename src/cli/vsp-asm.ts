// `vsp asm FILE -o OUT` (spec 11): assembles a VSP text program (spec 7) and writes a .silc container.
// Assembler errors go to stderr as `FILE:LINE:COL: message`, one per line, exit 1, and no file is written.
// A usage error or an unreadable FILE exits 2.
import { readFileSync, writeFileSync } from 'node:fs';
import { writeContainer } from '../vsp/container.js';
import { assembleText, formatDiagnostic, VspAsmError } from '../vsp/text-asm.js';
import { optionValue, parseOptions, UsageError } from './options.js';
import { processCliIO, type VspCliIO } from './vsp-command.js';

export const ASM_USAGE = 'usage: vsp asm FILE -o OUT';

const ASM_HELP = `${ASM_USAGE}

Assembles a VSP text program (spec 7: .mode, .entry, .code and .data sections, labels, one
instruction per line) into a .silc container (spec 9). FILE - reads standard input.
  -o, --output OUT  the container to write (nothing is written when FILE has errors)
Errors are printed as FILE:LINE:COL: message, one per line.
Exit status: 0 written, 1 the program has errors, 2 usage error, unreadable FILE or unwritable OUT.
`;

/** Runs `vsp asm` with the arguments after `asm`; returns the exit status. */
export function asmCommand(args: readonly string[], io: VspCliIO = processCliIO): number {
  let file: string;
  let out: string;
  try {
    const p = parseOptions(args, [{ names: ['-o', '--output'], value: true }]);
    if (p.help) {
      io.stdout(ASM_HELP);
      return 0;
    }
    if (p.positionals.length === 0) throw new UsageError('missing FILE');
    if (p.positionals.length > 1) throw new UsageError(`unexpected argument ${p.positionals[1]}`);
    const o = optionValue(p, '-o');
    if (o === undefined) throw new UsageError('missing -o OUT');
    file = p.positionals[0]!;
    out = o;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`vsp asm: ${e.message}\n${ASM_USAGE}\n`);
    return 2;
  }
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
