// ByteSil: a complex number in log-polar form in one byte (spec 1). rho = (b >> 4) - 8 in [-8, 7],
// theta = b & 15; value e^rho * e^(i * theta * pi / 8). These are the scalar definitions every engine's
// ByteSil arithmetic is written against; ADD and SUB are exact tables (bytesil-tables.ts).

export const NULL = 0x00;
export const ONE = 0x80;
export const I = 0x84;
export const NEG_ONE = 0x88;
export const NEG_I = 0x8c;
export const MAX = 0xf0;

/** rho(b) = (b >> 4) - 8. */
export function rho(b: number): number {
  return (b >> 4) - 8;
}

/** theta(b) = b & 15. */
export function theta(b: number): number {
  return b & 15;
}

/** byte(rho, theta) = ((rho + 8) << 4) | theta, for rho in [-8, 7] and theta in [0, 15]. */
export function byte(r: number, t: number): number {
  return ((r + 8) << 4) | t;
}

/** sat(x) = min(7, max(-8, x)). */
export function sat(x: number): number {
  return x < -8 ? -8 : x > 7 ? 7 : x;
}

/** x mod m in [0, m), also for negative x. */
export function mod(x: number, m: number): number {
  const r = x % m;
  return r < 0 ? r + m : r;
}

/** s8(x): the byte read as two's complement, -128..127. */
export function s8(x: number): number {
  return ((x & 0xff) << 24) >> 24;
}

/** bxor(a, b) = a ^ b ^ 0x80: the original's field-wise XOR expressed on bytes. */
export function bxor(a: number, b: number): number {
  return a ^ b ^ 0x80;
}

/** A ByteSil is null when rho == -8 (any theta). */
export function isNull(b: number): boolean {
  return b < 0x10;
}

/** MUL: byte(sat(ra + rb), (ta + tb) mod 16). */
export function mul(a: number, b: number): number {
  return byte(sat(rho(a) + rho(b)), (a + b) & 15);
}
