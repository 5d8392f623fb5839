// Verified VSP programs for tests: from assembler text (src/vsp/text-asm.ts) or from code bytes, through the
// container check every engine loads programs with; an invalid program is a test bug and throws.
import { checkProgram, type LoadedProgram } from '../../src/vsp/container.js';
import { assembleText } from '../../src/vsp/text-asm.js';

/** The program of assembler text `src`. */
export function loadText(src: string): LoadedProgram {
  const l = checkProgram(assembleText(src, 'test.vsp'));
  if (!l.ok) throw new Error(`invalid program: ${l.error} at ${l.offset}`);
  return l;
}

/** The program of code bytes `code` (no data section), in MODE `mode`, entered at `entry`. */
export function loadBytes(code: number[], mode = 4, entry = 0): LoadedProgram {
  const l = checkProgram({ code: Uint8Array.from(code), entry, mode, data: new Uint8Array(0), symbols: [] });
  if (!l.ok) throw new Error(`invalid program: ${l.error} at ${l.offset}`);
  return l;
}
