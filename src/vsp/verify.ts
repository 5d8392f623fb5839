// Static verification of a program (spec 3.2): three passes, the first failure rejects the program with the
// code offset of the failing instruction (for bad_entry, the entry point). Never throws.
import { VSP_OPCODE_BY_CODE } from '../../spec/vsp/opcodes.js';
import { decodeInstruction } from './decode.js';
import { VspError } from './state-layout.js';

export type VerifyResult =
  | {
      readonly ok: true;
      /** starts[i] = 1 when an instruction starts at code offset i (length = code length). */
      readonly starts: Uint8Array;
    }
  | { readonly ok: false; readonly error: VspError; readonly offset: number };

/** Checks `code` with entry point `entry`: decoding (pass 1), branch targets (pass 2), the entry (pass 3). */
export function verifyProgram(code: Uint8Array, entry: number): VerifyResult {
  const len = code.length;
  const starts = new Uint8Array(len);
  // pass 1: decode every instruction from offset 0
  let off = 0;
  while (off < len) {
    const d = decodeInstruction(code, off);
    if (!d.ok) return d;
    starts[off] = 1;
    off += d.insn.size;
  }
  // pass 2: every JMP/JZ/JN/JC/JO/CALL/LOOP target starts an instruction (the code length is not a start)
  for (off = 0; off < len; ) {
    const info = VSP_OPCODE_BY_CODE[code[off]!]!;
    if (info.branch) {
      const target = code[off + 1]! | (code[off + 2]! << 8) | (code[off + 3]! << 16);
      if (target >= len || starts[target] === 0) return { ok: false, error: VspError.bad_target, offset: off };
    }
    off += info.size;
  }
  // pass 3: the entry point starts an instruction (for empty code it must be 0)
  const entryOk = len === 0 ? entry === 0 : Number.isInteger(entry) && entry >= 0 && entry < len && starts[entry] === 1;
  if (!entryOk) return { ok: false, error: VspError.bad_entry, offset: entry };
  return { ok: true, starts };
}
