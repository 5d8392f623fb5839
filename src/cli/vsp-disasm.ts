// `vsp disasm FILE` (spec 7.1, 11): prints the canonical text of a container's program to stdout. An invalid
// container (the checks of spec 9, then 3.2) exits 1 with `FILE: <error code> at offset <offset>` on stderr;
// a usage error or an unreadable FILE exits 2.
import { readFileSync } from 'node:fs';
import { loadContainer } from '../vsp/container.js';
import { VspError } from '../vsp/state-layout.js';
import { disassembleText } from '../vsp/text-disasm.js';
import { processIO, type CliIO } from './vsp-asm.js';

export const DISASM_USAGE = 'usage: vsp disasm FILE';

/** Runs `vsp disasm` with the arguments after `disasm`; returns the exit status. */
export function disasmCommand(args: readonly string[], io: CliIO = processIO): number {
  if (args.length === 1 && (args[0] === '-h' || args[0] === '--help')) {
    io.stdout(DISASM_USAGE + '\n');
    return 0;
  }
  if (args.length !== 1 || (args[0]!.startsWith('-') && args[0] !== '-')) {
    io.stderr(`vsp disasm: ${args.length === 0 ? 'missing FILE' : args.length > 1 ? `unexpected argument ${args[1]}` : `unknown option ${args[0]}`}\n${DISASM_USAGE}\n`);
    return 2;
  }
  const file = args[0]!;
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
