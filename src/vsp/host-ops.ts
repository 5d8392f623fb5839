// The host instructions (spec 4, marked H; spec 12): POWFLOAT, TRANS, PIPE, LERP, GRAD, SENSE, ACT, SYNC,
// BROADCAST, RECEIVE, ENTANGLE, SYSCALL. runHostInstruction is their single implementation: the interpreter
// calls it for every H opcode and both JIT backends reach it through their host-call trampoline, with the
// whole state in the state block. It returns VspError.none or an error code having changed nothing (spec
// 3.4). What each may change is exactly spec 12's list: POWFLOAT Ra..Ra+W-1; LERP Ra; TRANS and PIPE the
// registers; GRAD the gradient; SENSE Ra, INPOS and Z; ACT, SYNC, ENTANGLE `out`; BROADCAST `out` and the
// mailbox; RECEIVE R0..RF; SYSCALL the registers and `text`. Never PC, CYCLES, SP, FP, the stacks, MODE,
// data or ports, and never C. Nothing here allocates except the print intrinsics' strings.
import { Op } from '../../spec/vsp/opcodes.js';
import { SIL8_POWFLOAT } from '../../spec/vsp/sil8-tables.js';
import { fromComplex, Z_IM, Z_RE } from './from-complex.js';
import { IS_TRANSFORM, runIntrinsic } from './intrinsics.js';
import { Flag, Mode, MODE_WIDTH, MAILBOX_ENTRY_SIZE, S, STREAM_LIMIT, VspError } from './state-layout.js';
import type { VspState } from './state.js';
import { readFloat, writeFloat } from './values.js';

/** The host runtime's pow (spec 6): Math.pow, except pow(1, y) = 1 for every y and pow(-1, ±inf) = 1 (C99 F.9.4.4). */
export function powHost(x: number, y: number): number {
  if (x === 1) return 1;
  if (x === -1 && (y === Infinity || y === -Infinity)) return 1;
  return Math.pow(x, y);
}

/**
 * LERP's result byte (spec 4.6): `from_complex(u * z(a) + t * z(b))` with `t = f32(k) / 255` in binary32 and
 * `u = 1 - t` exact. The three identities are special-cased: k == 0 or equal bytes leave `a`, k == 255 gives `b`.
 */
export function lerpByte(a: number, b: number, k: number): number {
  if (k === 0 || a === b) return a;
  if (k === 255) return b;
  const t = Math.fround(k / 255); // one binary32 rounding of the exact quotient (binary64 first is innocuous)
  const u = 1 - t; // exact in binary64
  return fromComplex(u * Z_RE[a]! + t * Z_RE[b]!, u * Z_IM[a]! + t * Z_IM[b]!);
}

/** GRAD's value for neighbours a -> b (spec 4.6): f32(|z(b) - z(a)|), correctly rounded binary32, as a number. */
export function gradValue(a: number, b: number): number {
  return Math.fround(Math.hypot(Z_RE[b]! - Z_RE[a]!, Z_IM[b]! - Z_IM[a]!));
}

/** Reserves `n` bytes at the end of `out`: the block offset to write them at, or -1 for out_full. */
function reserveOut(st: VspState, n: number): number {
  const len = st.view.getUint32(S.OUT_LEN, true);
  if (len + n > STREAM_LIMIT) return -1;
  st.view.setUint32(S.OUT_LEN, len + n, true);
  return S.OUT + len;
}

function powFloat(st: VspState, a: number, b: number): VspError {
  const mode = st.bytes[S.MODE]! as Mode;
  const w = MODE_WIDTH[mode]!;
  if (a + w > 16 || b + w > 16) return VspError.reg_range;
  if (mode === Mode.SIL8) {
    const bytes = st.bytes;
    bytes[S.REGS + a] = SIL8_POWFLOAT[(bytes[S.REGS + a]! >> 4) * 16 + (bytes[S.REGS + b]! >> 4)]!;
    return VspError.none;
  }
  writeFloat(st, mode, a, powHost(readFloat(st, mode, a), readFloat(st, mode, b)));
  return VspError.none;
}

function u32le(bytes: Uint8Array, o: number): number {
  return (bytes[o]! | (bytes[o + 1]! << 8) | (bytes[o + 2]! << 16) | (bytes[o + 3]! << 24)) >>> 0;
}

function trans(st: VspState, addr: number): VspError {
  if (addr > 0xfffc) return VspError.mem_range;
  const id = u32le(st.bytes, S.DATA + addr);
  if (id > 255 || IS_TRANSFORM[id] !== 1) return VspError.bad_transform;
  return runIntrinsic(st, id, 0);
}

function pipe(st: VspState, addr: number): VspError {
  const bytes = st.bytes;
  if (addr > 0xfffc) return VspError.mem_range;
  const count = u32le(bytes, S.DATA + addr);
  if (count > 256) return VspError.bad_transform;
  if (addr + 4 + 4 * count > 0x10000) return VspError.mem_range;
  const first = S.DATA + addr + 4;
  for (let k = 0; k < count; k++) {
    const id = u32le(bytes, first + 4 * k);
    if (id > 255 || IS_TRANSFORM[id] !== 1) return VspError.bad_transform;
  }
  // transforms (ids 0x10..0x9F) write registers only and cannot fail
  for (let k = 0; k < count; k++) runIntrinsic(st, u32le(bytes, first + 4 * k), 0);
  return VspError.none;
}

function grad(st: VspState): void {
  const bytes = st.bytes;
  const view = st.view;
  for (let i = 0; i < 15; i++) {
    view.setFloat32(S.GRAD + 4 * i, gradValue(bytes[S.REGS + i]!, bytes[S.REGS + i + 1]!), true);
  }
  view.setUint32(S.GRAD + 60, 0, true);
  view.setUint32(S.GRAD_PRESENT, 1, true);
}

function sense(st: VspState, a: number): void {
  const bytes = st.bytes;
  const pos = st.view.getUint32(S.INPOS, true);
  if (pos < st.view.getUint32(S.INPUT_LEN, true)) {
    bytes[S.REGS + a] = st.input[pos] ?? 0;
    st.view.setUint32(S.INPOS, pos + 1, true);
    bytes[S.FLAGS] = bytes[S.FLAGS]! & ~Flag.Z;
  } else {
    bytes[S.REGS + a] = 0x00;
    bytes[S.FLAGS] = bytes[S.FLAGS]! | Flag.Z;
  }
}

/**
 * Executes host instruction `op` with operand bytes b1..b3 (0 past the instruction's size) on the state
 * block. Returns VspError.none, or the instruction's error having changed nothing. An opcode that is not
 * marked H returns bad_opcode (a caller's bug; nothing is changed).
 */
export function runHostInstruction(st: VspState, op: number, b1: number, b2: number, b3: number): VspError {
  const bytes = st.bytes;
  switch (op) {
    case Op.POWFLOAT:
      return powFloat(st, b1 & 15, b1 >> 4);
    case Op.TRANS:
      return trans(st, b1 | (b2 << 8) | (b3 << 16));
    case Op.PIPE:
      return pipe(st, b1 | (b2 << 8) | (b3 << 16));
    case Op.LERP: {
      const a = S.REGS + (b1 & 15);
      bytes[a] = lerpByte(bytes[a]!, bytes[S.REGS + (b1 >> 4)]!, b2);
      return VspError.none;
    }
    case Op.GRAD:
      grad(st);
      return VspError.none;
    case Op.SENSE:
      sense(st, b1 & 15);
      return VspError.none;
    case Op.ACT: {
      const o = reserveOut(st, 3);
      if (o < 0) return VspError.out_full;
      bytes[o] = 0x01;
      bytes[o + 1] = b1 & 15;
      bytes[o + 2] = bytes[S.REGS + (b1 & 15)]!;
      return VspError.none;
    }
    case Op.SYNC: {
      const o = reserveOut(st, 2);
      if (o < 0) return VspError.out_full;
      bytes[o] = 0x04;
      bytes[o + 1] = b1;
      return VspError.none;
    }
    case Op.BROADCAST: {
      const o = reserveOut(st, 18);
      if (o < 0) return VspError.out_full;
      bytes[o] = 0x02;
      bytes[o + 1] = b1;
      bytes.copyWithin(o + 2, S.REGS, S.REGS + 16);
      const m = S.MAILBOX + b1 * MAILBOX_ENTRY_SIZE;
      bytes[m] = 1;
      bytes.copyWithin(m + 1, S.REGS, S.REGS + 16);
      return VspError.none;
    }
    case Op.RECEIVE: {
      const m = S.MAILBOX + b1 * MAILBOX_ENTRY_SIZE;
      if (bytes[m] === 1) bytes.copyWithin(S.REGS, m + 1, m + 17);
      return VspError.none;
    }
    case Op.ENTANGLE: {
      const o = reserveOut(st, 4);
      if (o < 0) return VspError.out_full;
      bytes[o] = 0x03;
      bytes[o + 1] = b1 & 15;
      bytes[o + 2] = b1 >> 4;
      bytes[o + 3] = bytes[S.REGS + (b1 & 15)]!;
      return VspError.none;
    }
    case Op.SYSCALL:
      return runIntrinsic(st, b1, b2 | (b3 << 8));
    default:
      return VspError.bad_opcode;
  }
}
