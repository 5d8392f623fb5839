// The text stream and the print intrinsics' formatting (spec section 8). Text goes to the `text` stream in
// the state block: bytes 0x20..0x7E and LF as they are, any other byte as the four characters `\xHH`
// (lowercase hex); an append that would make the stream longer than 65,536 bytes raises `text_full` and
// writes nothing. Numbers are formatted exactly: print_float works on the bits of the binary64 value with
// bigint arithmetic (all integer digits, 6 decimals, round half to even), never with toFixed.
import { rho, theta } from './bytesil.js';
import { Mode, S, STREAM_LIMIT, VspError } from './state-layout.js';
import type { VspState } from './state.js';
import { readFloat, readInt } from './values.js';

const HEX = '0123456789abcdef';

/** One data byte as the text stream shows it: itself, or `\xHH` for bytes other than 0x20..0x7E and LF. */
export function escapeTextByte(b: number): string {
  if ((b >= 0x20 && b <= 0x7e) || b === 0x0a) return String.fromCharCode(b);
  return '\\x' + HEX[b >> 4]! + HEX[b & 15]!;
}

/** The text-stream form of a byte sequence (spec 8). */
export function escapeTextBytes(bytes: ArrayLike<number>): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += escapeTextByte(bytes[i]!);
  return s;
}

/**
 * Appends `s` (already in text-stream form: ASCII 0x20..0x7E, LF, and escapes) to the text stream.
 * Returns text_full, having written nothing, when the stream would exceed 65,536 bytes.
 */
export function appendText(st: VspState, s: string): VspError {
  const len = st.view.getUint32(S.TEXT_LEN, true);
  if (len + s.length > STREAM_LIMIT) return VspError.text_full;
  const base = S.TEXT + len;
  for (let i = 0; i < s.length; i++) st.bytes[base + i] = s.charCodeAt(i);
  st.view.setUint32(S.TEXT_LEN, len + s.length, true);
  return VspError.none;
}

/** The text stream's current content as a string (the canonical state's `text`). */
export function textStream(st: VspState): string {
  const len = st.view.getUint32(S.TEXT_LEN, true);
  let s = '';
  for (let i = 0; i < len; i++) s += String.fromCharCode(st.bytes[S.TEXT + i]!);
  return s;
}

// ---------------------------------------------------------------------------------------------------------
// Numbers

const F64 = new DataView(new ArrayBuffer(8));
const TEN6 = 1_000_000n;

/**
 * print_float's text of a binary64 value (spec 8): `NaN`, `inf`, `-inf`; otherwise all integer digits (no
 * exponent), a point, and exactly 6 decimals, rounded half to even on the exact binary value. A negative
 * value keeps its `-`, also -0 and values that round to 0.
 */
export function formatFloat(x: number): string {
  if (x !== x) return 'NaN';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  F64.setFloat64(0, x);
  const hi = F64.getUint32(0);
  const lo = F64.getUint32(4);
  const negative = hi >>> 31 === 1;
  const e = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number; // x = m * 2^exp
  if (e === 0) {
    exp = -1074;
  } else {
    m |= 1n << 52n;
    exp = e - 1075;
  }
  // q = round_half_even(|x| * 10^6)
  let q: bigint;
  if (exp >= 0) {
    q = (m << BigInt(exp)) * TEN6;
  } else {
    const sh = BigInt(-exp);
    const n = m * TEN6;
    q = n >> sh;
    const r = n - (q << sh);
    const twice = r << 1n;
    const unit = 1n << sh;
    if (twice > unit || (twice === unit && (q & 1n) === 1n)) q += 1n;
  }
  const ip = q / TEN6;
  const fp = (q % TEN6).toString().padStart(6, '0');
  return (negative ? '-' : '') + ip.toString() + '.' + fp;
}

/** print_int's text: the mode's integer at R0 in decimal (spec 8). */
export function formatIntAtR0(st: VspState): string {
  return readInt(st, st.bytes[S.MODE]! as Mode, 0).toString();
}

/** print_float's text: the mode's float at R0 (SIL-8: the binary64 e^rho of table 10.3). */
export function formatFloatAtR0(st: VspState): string {
  return formatFloat(readFloat(st, st.bytes[S.MODE]! as Mode, 0));
}

/** `ByteSil(rho=<rho>, theta=<theta>)\n` (print_bytesil). */
export function formatByteSil(b: number): string {
  return `ByteSil(rho=${rho(b)}, theta=${theta(b)})\n`;
}

function signed3(v: number): string {
  // C's %+3d: the sign always, right-aligned in 3 columns
  return (v < 0 ? '-' + String(-v) : '+' + String(v)).padStart(3, ' ');
}

/** `State:\n` then `  L<i>: rho=<%+3d>, theta=<%2d>\n` per register (print_state). */
export function formatState(regs: ArrayLike<number>, offset = 0): string {
  let s = 'State:\n';
  for (let i = 0; i < 16; i++) {
    const b = regs[offset + i]!;
    s += `  L${'0123456789ABCDEF'[i]!}: rho=${signed3(rho(b))}, theta=${String(theta(b)).padStart(2, ' ')}\n`;
  }
  return s;
}

/** `[DEBUG] R0: rho=<r0>, theta=<t0>\n` (debug_print). */
export function formatDebug(b: number): string {
  return `[DEBUG] R0: rho=${rho(b)}, theta=${theta(b)}\n`;
}
