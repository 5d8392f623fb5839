// Decoding one VSP instruction (spec 3.1, 3.2 pass 1): the opcode byte decides the format; the operand shape
// says which bits of b1..b3 are used, every other bit is reserved and must be zero. Decoding never throws:
// bad bytes give an error code with the offset.
import { VSP_OPCODE_BY_CODE, type VspOpcode, type VspShape } from '../../spec/vsp/opcodes.js';
import { VspError } from './state-layout.js';

/** One decoded instruction: the raw operand bytes (0 past the instruction's size) and its table row. */
export interface Instruction {
  readonly offset: number;
  readonly op: number;
  readonly size: 1 | 2 | 3 | 4;
  readonly b1: number;
  readonly b2: number;
  readonly b3: number;
  readonly info: VspOpcode;
}

export type DecodeResult =
  | { readonly ok: true; readonly insn: Instruction }
  | { readonly ok: false; readonly error: VspError.bad_opcode | VspError.truncated | VspError.bad_encoding; readonly offset: number };

/**
 * Whether the operand bytes satisfy the shape's reserved-bit rules (spec 3.1) and an `m` operand is 0..4
 * (spec 3.2). `format` B or C matters only for shapes `r` and `m`.
 */
export function operandsValid(shape: VspShape, size: number, b1: number, b2: number, b3: number): boolean {
  switch (shape) {
    case '-':
    case 'rri':
    case 'i8':
    case 'a24':
    case 'sys':
      return true;
    case 'r':
      return size === 2 ? b1 < 16 : b1 < 16 && b2 === 0;
    case 'rr':
      return b2 === 0;
    case 'ri':
    case 'ra16':
      return b1 < 16;
    case 'm':
      return size === 2 ? b1 <= 4 : b1 === 0 && b2 <= 4;
    case 'ch':
      return b2 === 0 && b3 === 0;
  }
}

/** Decodes the instruction at `offset` (spec 3.2 pass 1 order: bad_opcode, truncated, bad_encoding). */
export function decodeInstruction(code: Uint8Array, offset: number): DecodeResult {
  const op = code[offset];
  const info = op === undefined ? undefined : VSP_OPCODE_BY_CODE[op];
  if (op === undefined || info === undefined) return { ok: false, error: VspError.bad_opcode, offset };
  const size = info.size;
  if (offset + size > code.length) return { ok: false, error: VspError.truncated, offset };
  const b1 = size > 1 ? code[offset + 1]! : 0;
  const b2 = size > 2 ? code[offset + 2]! : 0;
  const b3 = size > 3 ? code[offset + 3]! : 0;
  if (!operandsValid(info.shape, size, b1, b2, b3)) return { ok: false, error: VspError.bad_encoding, offset };
  return { ok: true, insn: { offset, op, size, b1, b2, b3, info } };
}

// Operand fields (spec 3.1).
/** Register a: the low nibble of b1 (shapes r, rr, ri, rri, ra16). */
export const regA = (b1: number): number => b1 & 15;
/** Register b: the high nibble of b1 (shapes rr, rri). */
export const regB = (b1: number): number => b1 >> 4;
/** 24-bit little-endian value (shape a24). */
export const a24 = (b1: number, b2: number, b3: number): number => b1 | (b2 << 8) | (b3 << 16);
/** 16-bit little-endian value in b2 b3 (shapes ra16, sys). */
export const u16 = (b2: number, b3: number): number => b2 | (b3 << 8);
/** The mode operand of shape m: b1 in format B, b2 in format C. */
export const modeOperand = (size: number, b1: number, b2: number): number => (size === 2 ? b1 : b2);
