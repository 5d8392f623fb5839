// Reading the FILE argument of `vsp run` and `vsp jit`: a .silc container (spec 9) or a text program (spec 7),
// told apart by looksLikeContainer; `-` is standard input. The result is the loaded program (or the load error
// of spec 3.2/9, which the commands report as status invalid), the assembler's diagnostics, or a read error.
import { readFileSync } from 'node:fs';
import { checkProgram, loadContainer, type LoadResult } from '../vsp/container.js';
import { assembleText, formatDiagnostic, VspAsmError } from '../vsp/text-asm.js';

export type ProgramFile =
  | { readonly kind: 'loaded'; readonly result: LoadResult }
  /** The text program did not assemble: `FILE:LINE:COL: message` lines. */
  | { readonly kind: 'diagnostics'; readonly text: string }
  /** The file could not be read. */
  | { readonly kind: 'unreadable'; readonly message: string };

/** Whether a file's bytes are read as a container: a .silc name, the SILC magic, or bytes that are not text. */
export function looksLikeContainer(name: string, bytes: Uint8Array): boolean {
  if (/\.silc$/i.test(name)) return true;
  if (bytes.length >= 4 && bytes[0] === 0x53 && bytes[1] === 0x49 && bytes[2] === 0x4c && bytes[3] === 0x43) return true;
  if (bytes.includes(0)) return true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return false;
  } catch {
    return true;
  }
}

/** Reads and loads FILE (`-`: standard input). */
export function readProgramFile(file: string): ProgramFile {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file === '-' ? 0 : file));
  } catch (e) {
    return { kind: 'unreadable', message: `cannot read ${file}: ${(e as Error).message}` };
  }
  if (looksLikeContainer(file, bytes)) return { kind: 'loaded', result: loadContainer(bytes) };
  try {
    return { kind: 'loaded', result: checkProgram(assembleText(new TextDecoder().decode(bytes), file)) };
  } catch (e) {
    if (!(e instanceof VspAsmError)) throw e;
    return { kind: 'diagnostics', text: e.diagnostics.map((d) => formatDiagnostic(d) + '\n').join('') };
  }
}
