// Code padding for `.align` in x86-64 code, byte for byte as GNU as 2.40 writes it: the multi-byte NOPs
// of the SDM ("Recommended Multi-Byte Sequence of NOP Instruction") up to 11 bytes (10 and 11 with
// redundant 66/2E prefixes), as many 11-byte NOPs as fit and then the remainder; paddings of 88 bytes
// or more start with a jump over the rest (EB rel8, or E9 rel32 beyond 129 bytes).

/** NOP of each length 1..11. */
export const NOPS: readonly (readonly number[])[] = [
  [],
  [0x90],
  [0x66, 0x90],
  [0x0f, 0x1f, 0x00],
  [0x0f, 0x1f, 0x40, 0x00],
  [0x0f, 0x1f, 0x44, 0x00, 0x00],
  [0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00],
  [0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00],
  [0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
  [0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
  [0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
  [0x66, 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
];

/** Longest NOP used, and the padding from which a jump skips the NOPs. */
const MAX_NOP = 11;
const JUMP_FROM = 8 * MAX_NOP;

/** Writes `n` bytes of padding at `u8[p]`. */
export function padCode(u8: Uint8Array, p: number, n: number): void {
  let rest = n;
  if (n >= JUMP_FROM) {
    if (n - 2 <= 127) {
      u8[p++] = 0xeb;
      u8[p++] = n - 2;
      rest = n - 2;
    } else {
      const d = n - 5;
      u8[p++] = 0xe9;
      u8[p++] = d;
      u8[p++] = d >> 8;
      u8[p++] = d >> 16;
      u8[p++] = d >> 24;
      rest = n - 5;
    }
  }
  while (rest > MAX_NOP) {
    const s = NOPS[MAX_NOP];
    for (let i = 0; i < s.length; i++) u8[p++] = s[i];
    rest -= MAX_NOP;
  }
  const s = NOPS[rest];
  for (let i = 0; i < s.length; i++) u8[p++] = s[i];
}
