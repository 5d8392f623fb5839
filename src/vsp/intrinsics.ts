// SYSCALL intrinsics (spec section 8): the table as data (id, name, effect) and their one implementation,
// used by SYSCALL, TRANS and PIPE (host-ops.ts). `id` is b1 of SYSCALL and `arg` its 16-bit argument. No
// intrinsic touches flags; an id not listed raises bad_syscall; text goes to the text stream (text-format.ts).
// Every error is detected before anything is written.
import { bxor, byte, rho, sat, theta } from './bytesil.js';
import { S, VspError } from './state-layout.js';
import type { VspState } from './state.js';
import {
  appendText,
  escapeTextByte,
  formatByteSil,
  formatDebug,
  formatFloatAtR0,
  formatIntAtR0,
  formatState,
} from './text-format.js';

export interface Intrinsic {
  /** The SYSCALL id (b1), 0..255. */
  readonly id: number;
  /** Lower-case name as the spec writes it (the text assembler is case-insensitive). */
  readonly name: string;
  /** The spec's effect, for people. */
  readonly effect: string;
  /** Ids 0x10..0x9F are transforms: TRANS and PIPE may apply them (spec 4.6). */
  readonly transform: boolean;
}

const ROWS: readonly (readonly [number, string, string])[] = [
  [0x00, 'println', 'text "\\n"'],
  [0x01, 'print_string', 'text: data bytes from address arg up to the first 0 byte (at most 4,096, not past 0xFFFF), then "\\n"'],
  [0x02, 'print_int', "text: the mode's integer at R0 in decimal"],
  [0x03, 'print_float', "text: the mode's float at R0 with all integer digits and 6 decimals (half to even)"],
  [0x04, 'print_bool', 'text "true" if rho(R0) != 0 else "false"'],
  [0x05, 'print_bytesil', 'text "ByteSil(rho=<rho>, theta=<theta>)\\n"'],
  [0x06, 'print_state', 'text "State:\\n" then "  L<i>: rho=<%+3d>, theta=<%2d>\\n" per register'],
  [0x10, 'bytesil_new', 'R0 = byte(rho(R0), theta(R1))'],
  [0x13, 'bytesil_null', 'R0 = NULL'],
  [0x14, 'bytesil_one', 'R0 = ONE'],
  [0x15, 'bytesil_i', 'R0 = I'],
  [0x16, 'bytesil_neg_one', 'R0 = NEG_ONE'],
  [0x17, 'bytesil_neg_i', 'R0 = NEG_I'],
  [0x18, 'bytesil_max', 'R0 = MAX'],
  [0x19, 'bytesil_mul', 'R0 = byte(sat(r0 + r1), (t0 + t1) mod 16)'],
  [0x1a, 'bytesil_div', 'R0 = byte(sat(r0 - r1), (t0 - t1) mod 16)'],
  [0x1b, 'bytesil_pow', 'n = rho(R1): R0 = byte(sat(r0 * n), (t0 * n) mod 16)'],
  [0x1c, 'bytesil_root', 'n = max(rho(R1), 1): R0 = byte(trunc(r0 / n), floor(t0 / n))'],
  [0x1f, 'bytesil_xor', 'R0 = bxor(R0, R1)'],
  [0x20, 'bytesil_mix', 'R0 = byte(trunc((r0 + r1) / 2), floor((t0 + t1) / 2))'],
  [0x21, 'bytesil_rho', 'nothing'],
  [0x22, 'bytesil_theta', 'R0 = byte(min(t0, 7), 0)'],
  [0x23, 'bytesil_magnitude', 'nothing'],
  [0x24, 'bytesil_phase_degrees', 'R0 = PHASE_DEG[t0]'],
  [0x25, 'bytesil_phase_radians', 'R0 = PHASE_RAD[t0]'],
  [0x26, 'bytesil_is_null', 'R0 = (R0 is the byte 0x00) ? 0x90 : 0x80'],
  [0x29, 'bytesil_norm', 'R0 = byte(0, t0)'],
  [0x30, 'state_vacuum', 'all registers NULL'],
  [0x31, 'state_neutral', 'all registers ONE'],
  [0x35, 'state_get_layer', 'R0 = R[rho(R1) & 15]'],
  [0x36, 'state_set_layer', 'R[rho(R1) & 15] = R2'],
  [0x3a, 'state_collapse', 'R0 = bxor chain R0, R1, ..., RF'],
  [0x3b, 'state_count_active', 'R0 = byte(min(registers that are not 0x00, 7), 0)'],
  [0x50, 'math_sin', 'R0 = SIN[t0]'],
  [0x51, 'math_cos', 'R0 = COS[t0]'],
  [0x53, 'math_sqrt', 'R0 = byte(trunc(sqrt(|r0|)), 0)'],
  [0x57, 'math_abs', 'R0 = byte(min(|r0|, 7), t0)'],
  [0x90, 'apply_feedback', 'R0 = bxor(R0, RF)'],
  [0x91, 'detect_emergence', 'R0 = 0x90 if any of R1..RF equals R0, else 0x80'],
  [0xe0, 'energy_begin', 'nothing'],
  [0xe1, 'energy_end_joules', 'R0 = ONE'],
  [0xe2, 'energy_end_watts', 'R0 = ONE'],
  [0xe3, 'energy_end_samples_per_joule', 'R0 = ONE'],
  [0xf0, 'debug_print', 'text "[DEBUG] R0: rho=<r0>, theta=<t0>\\n"'],
  [0xf1, 'assert_eq', 'R0 != R1 -> assert_failed'],
  [0xf2, 'assert_true', 'rho(R0) == 0 -> assert_failed'],
];

/** The 46 intrinsics of section 8, in id order. */
export const INTRINSICS: readonly Intrinsic[] = ROWS.map(([id, name, effect]) => ({
  id,
  name,
  effect,
  transform: id >= 0x10 && id <= 0x9f,
}));

/** id -> intrinsic, undefined for ids that raise bad_syscall. */
export const INTRINSIC_BY_ID: readonly (Intrinsic | undefined)[] = (() => {
  const t: (Intrinsic | undefined)[] = new Array(256).fill(undefined);
  for (const i of INTRINSICS) t[i.id] = i;
  return t;
})();

/** Lower-case name -> intrinsic. */
export const INTRINSIC_BY_NAME: ReadonlyMap<string, Intrinsic> = new Map(INTRINSICS.map((i) => [i.name, i]));

/** 1 for the ids TRANS and PIPE accept (intrinsics with id 0x10..0x9F), else 0. */
export const IS_TRANSFORM: Uint8Array = (() => {
  const t = new Uint8Array(256);
  for (const i of INTRINSICS) if (i.transform) t[i.id] = 1;
  return t;
})();

/** Whether a u32 read by TRANS/PIPE names a transform (spec 4.6; values at or above 256 never do). */
export function isTransform(id: number): boolean {
  return id >= 0 && id < 256 && IS_TRANSFORM[id] === 1;
}

/** Tables of section 8, index theta 0..15. */
export const PHASE_DEG = Uint8Array.of(0x80, 0x90, 0xa0, 0xc0, 0xd0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0);
export const PHASE_RAD = Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x80, 0x90, 0x90, 0x90, 0x90, 0xa0, 0xa0, 0xa0, 0xa0, 0xb0, 0xb0, 0xb0);
export const SIN_TABLE = Uint8Array.of(0x80, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00);
export const COS_TABLE = Uint8Array.of(0xf0, 0xf0, 0xf0, 0xf0, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80, 0xf0, 0xf0, 0xf0);

/** print_string's limit on data bytes read (before escaping). */
export const PRINT_STRING_MAX = 4096;

/**
 * Runs intrinsic `id` with argument `arg` on the state block. Returns VspError.none, or bad_syscall,
 * assert_failed or text_full having changed nothing.
 */
export function runIntrinsic(st: VspState, id: number, arg: number): VspError {
  const b = st.bytes;
  const R = S.REGS;
  const r0 = b[R]!;
  const r1 = b[R + 1]!;
  switch (id) {
    case 0x00:
      return appendText(st, '\n');
    case 0x01: {
      let s = '';
      let a = arg;
      for (let n = 0; n < PRINT_STRING_MAX && a <= 0xffff; n++, a++) {
        const c = b[S.DATA + a]!;
        if (c === 0) break;
        s += escapeTextByte(c);
      }
      return appendText(st, s + '\n');
    }
    case 0x02:
      return appendText(st, formatIntAtR0(st));
    case 0x03:
      return appendText(st, formatFloatAtR0(st));
    case 0x04:
      return appendText(st, rho(r0) !== 0 ? 'true' : 'false');
    case 0x05:
      return appendText(st, formatByteSil(r0));
    case 0x06:
      return appendText(st, formatState(b, R));
    case 0x10:
      b[R] = (r0 & 0xf0) | (r1 & 15);
      return VspError.none;
    case 0x13:
      b[R] = 0x00;
      return VspError.none;
    case 0x14:
      b[R] = 0x80;
      return VspError.none;
    case 0x15:
      b[R] = 0x84;
      return VspError.none;
    case 0x16:
      b[R] = 0x88;
      return VspError.none;
    case 0x17:
      b[R] = 0x8c;
      return VspError.none;
    case 0x18:
      b[R] = 0xf0;
      return VspError.none;
    case 0x19:
      b[R] = byte(sat(rho(r0) + rho(r1)), (theta(r0) + theta(r1)) & 15);
      return VspError.none;
    case 0x1a:
      b[R] = byte(sat(rho(r0) - rho(r1)), (theta(r0) - theta(r1)) & 15);
      return VspError.none;
    case 0x1b: {
      const n = rho(r1);
      b[R] = byte(sat(rho(r0) * n), (theta(r0) * n) & 15); // & 15 is the non-negative mod 16 of an int32
      return VspError.none;
    }
    case 0x1c: {
      const n = Math.max(rho(r1), 1);
      b[R] = byte(Math.trunc(rho(r0) / n), Math.floor(theta(r0) / n));
      return VspError.none;
    }
    case 0x1f:
      b[R] = bxor(r0, r1);
      return VspError.none;
    case 0x20:
      b[R] = byte(Math.trunc((rho(r0) + rho(r1)) / 2), Math.floor((theta(r0) + theta(r1)) / 2));
      return VspError.none;
    case 0x21:
    case 0x23:
    case 0xe0:
      return VspError.none;
    case 0x22:
      b[R] = byte(Math.min(theta(r0), 7), 0);
      return VspError.none;
    case 0x24:
      b[R] = PHASE_DEG[theta(r0)]!;
      return VspError.none;
    case 0x25:
      b[R] = PHASE_RAD[theta(r0)]!;
      return VspError.none;
    case 0x26:
      b[R] = r0 === 0x00 ? 0x90 : 0x80;
      return VspError.none;
    case 0x29:
      b[R] = byte(0, theta(r0));
      return VspError.none;
    case 0x30:
      b.fill(0x00, R, R + 16);
      return VspError.none;
    case 0x31:
      b.fill(0x80, R, R + 16);
      return VspError.none;
    case 0x35:
      b[R] = b[R + (rho(r1) & 15)]!;
      return VspError.none;
    case 0x36:
      b[R + (rho(r1) & 15)] = b[R + 2]!;
      return VspError.none;
    case 0x3a: {
      let acc = r0;
      for (let i = 1; i < 16; i++) acc = bxor(acc, b[R + i]!);
      b[R] = acc;
      return VspError.none;
    }
    case 0x3b: {
      let n = 0;
      for (let i = 0; i < 16; i++) if (b[R + i] !== 0) n++;
      b[R] = byte(Math.min(n, 7), 0);
      return VspError.none;
    }
    case 0x50:
      b[R] = SIN_TABLE[theta(r0)]!;
      return VspError.none;
    case 0x51:
      b[R] = COS_TABLE[theta(r0)]!;
      return VspError.none;
    case 0x53:
      b[R] = byte(Math.trunc(Math.sqrt(Math.abs(rho(r0)))), 0);
      return VspError.none;
    case 0x57:
      b[R] = byte(Math.min(Math.abs(rho(r0)), 7), theta(r0));
      return VspError.none;
    case 0x90:
      b[R] = bxor(r0, b[R + 15]!);
      return VspError.none;
    case 0x91: {
      let hit = false;
      for (let i = 1; i < 16; i++) if (b[R + i] === r0) hit = true;
      b[R] = hit ? 0x90 : 0x80;
      return VspError.none;
    }
    case 0xe1:
    case 0xe2:
    case 0xe3:
      b[R] = 0x80;
      return VspError.none;
    case 0xf0:
      return appendText(st, formatDebug(r0));
    case 0xf1:
      return r0 !== r1 ? VspError.assert_failed : VspError.none;
    case 0xf2:
      return rho(r0) === 0 ? VspError.assert_failed : VspError.none;
    default:
      return VspError.bad_syscall;
  }
}
