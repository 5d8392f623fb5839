// `vsp disasm FILE` (spec 7.1, 11): prints the canonical text of a container's program to stdout. An invalid
// container (the checks of spec 9, then 3.2) exits 1 with `FILE: <error code> at offset <offset>` on stderr;
// a usage error or an unreadable FILE exits 2.
import { readFileSync } from 'node:fs';
import { loadContainer } from '../vsp/container.js';
import { VspError } from '../vsp/state-layout.js';
import { disassembleText } from '../vsp/text-disasm.js';
import { parseOptions, UsageError } from './options.js';
import { processCliIO, type VspCliIO } from './vsp-command.js';

export const DISASM_USAGE = 'usage: vsp disasm FILE';

const DISASM_HELP = `${DISASM_USAGE}

Prints the program of a .silc container (spec 9) as canonical VSP text (spec 7.1): vsp asm turns
the text back into the same code and data. FILE - reads standard input.
Exit status: 0 printed, 1 the container is invalid (FILE: ERROR at offset N on stderr), 2 usage
error or unreadable FILE.
`;

/** Runs `vsp disasm` with the arguments after `disasm`; returns the exit status. */
export function disasmCommand(args: readonly string[], io: VspCliIO = processCliIO): number {
  let file: string;
  try {
    const p = parseOptions(args, []);
    if (p.help) {
      io.stdout(DISASM_HELP);
      return 0;
    }
    if (p.positionals.length === 0) throw new UsageError('missing FILE');
    if (p.positionals.length > 1) throw new UsageError(`unexpected argument ${p.positionals[1]}`);
    file = p.positionals[0]!;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`vsp disasm: ${e.message}\n${DISASM_USAGE}\n`);
    return 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file === '-' ? 0 : file));
  } catch (e) {
    io.stderr(`vsp disasm: cannot read ${file}: ${(e as Error).message}\n`);
    return 2;
  }
  const r = loadContainer(bytes);
  if (!r.ok) {
    io.stderr(`${file}: ${VspError[r.error]} at offset ${r.offset}\n`);
    return 1;
  }
  io.stdout(disassembleText(r.program));
  return 0;
}
