// The canonical disassembly (spec 7.1): the exact text `vsp disasm` prints for a valid program. Assembling
// it (text-asm.ts) gives the same mode, entry, code and data, hence the same checksum. Only programs that
// pass the checks of spec 3.2 are disassembled; others raise VspDisasmError with the error code and offset.
import { VSP_OPCODE_BY_CODE } from '../../spec/vsp/opcodes.js';
import { INTRINSIC_BY_ID } from './intrinsics.js';
import type { Program } from './program.js';
import { VspError } from './state-layout.js';
import { MODE_NAMES, VspTextError } from './text-asm.js';
import { verifyProgram } from './verify.js';

/** The program cannot be disassembled: it fails a check of spec 3.2 (or its mode is not 0..4: bad_mode; data above 65,536 bytes: bad_size). */
export class VspDisasmError extends VspTextError {
  readonly code: VspError;
  readonly offset: number;
  constructor(code: VspError, offset: number) {
    super(`${VspError[code] ?? code} at offset ${offset}`);
    this.name = 'VspDisasmError';
    this.code = code;
    this.offset = offset;
  }
}

const HEXU = '0123456789ABCDEF';

/** `L_xxxxxx`: 6 upper-case hex digits of a code address. */
export function codeLabel(address: number): string {
  return 'L_' + address.toString(16).toUpperCase().padStart(6, '0');
}

const reg = (r: number): string => 'R' + HEXU[r]!;
const addrText = (v: number): string => '0x' + v.toString(16).toUpperCase().padStart(4, '0');

/** The canonical text of a program (spec 7.1), LF after every line. */
export function disassembleText(program: Pick<Program, 'code' | 'data' | 'mode' | 'entry'>): string {
  const { code, data, mode, entry } = program;
  if (!(Number.isInteger(mode) && mode >= 0 && mode <= 4)) throw new VspDisasmError(VspError.bad_mode, 6);
  if (data.length > 0x10000) throw new VspDisasmError(VspError.bad_size, 12);
  const v = verifyProgram(code, entry);
  if (!v.ok) throw new VspDisasmError(v.error, v.offset);
  const len = code.length;
  const targets = new Uint8Array(len + 1);
  for (let off = 0; off < len; ) {
    const info = VSP_OPCODE_BY_CODE[code[off]!]!;
    if (info.branch) targets[code[off + 1]! | (code[off + 2]! << 8) | (code[off + 3]! << 16)] = 1;
    off += info.size;
  }
  if (entry !== 0) targets[entry] = 1;

  const out: string[] = [`.mode ${MODE_NAMES[mode]!}`];
  if (entry !== 0) out.push(`.entry ${codeLabel(entry)}`);
  out.push('.code');
  for (let off = 0; off < len; ) {
    const info = VSP_OPCODE_BY_CODE[code[off]!]!;
    const b1 = code[off + 1] ?? 0;
    const b2 = code[off + 2] ?? 0;
    const b3 = code[off + 3] ?? 0;
    if (targets[off] === 1) out.push(codeLabel(off) + ':');
    let ops: string;
    switch (info.shape) {
      case '-':
        ops = '';
        break;
      case 'r':
        ops = reg(b1 & 15);
        break;
      case 'rr':
        ops = `${reg(b1 & 15)}, ${reg(b1 >> 4)}`;
        break;
      case 'ri': {
        const signed = info.mnemonic === 'MOVI' || info.mnemonic === 'SCALE';
        ops = `${reg(b1 & 15)}, ${signed ? (b2 << 24) >> 24 : b2}`;
        break;
      }
      case 'rri':
        ops = `${reg(b1 & 15)}, ${reg(b1 >> 4)}, ${b2}`;
        break;
      case 'i8':
      case 'ch':
        ops = String(b1);
        break;
      case 'm':
        ops = MODE_NAMES[info.size === 2 ? b1 : b2]!;
        break;
      case 'a24': {
        const t = b1 | (b2 << 8) | (b3 << 16);
        ops = info.branch ? codeLabel(t) : info.mnemonic === 'BATCH' ? String(t) : addrText(t);
        break;
      }
      case 'ra16':
        ops = `${reg(b1 & 15)}, ${addrText(b2 | (b3 << 8))}`;
        break;
      case 'sys': {
        const arg = b2 | (b3 << 8);
        ops = (INTRINSIC_BY_ID[b1]?.name ?? String(b1)) + (arg !== 0 ? `, ${arg}` : '');
        break;
      }
    }
    out.push(ops === '' ? `    ${info.mnemonic}` : `    ${info.mnemonic} ${ops}`);
    off += info.size;
  }
  if (data.length > 0) {
    out.push('.data');
    for (let i = 0; i < data.length; i += 16) out.push('    .byte ' + Array.from(data.subarray(i, i + 16)).join(', '));
  }
  return out.join('\n') + '\n';
}
