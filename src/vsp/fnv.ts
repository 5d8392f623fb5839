// FNV-1a 64 (basis 0xcbf29ce484222325, prime 0x100000001b3): the container checksum (spec 9) and the
// canonical state's data/ports/mailbox digests (spec 11). Computed on four 16-bit limbs in plain numbers, so
// hashing the 64 KiB data memory allocates nothing and needs no bigint.

/** A running FNV-1a 64 hash: feed byte ranges, then read it as 16 lowercase hex digits or a bigint. */
export class Fnv1a64 {
  private h0 = 0x2325;
  private h1 = 0x8422;
  private h2 = 0x9ce4;
  private h3 = 0xcbf2;

  /** Hashes bytes[start..end). */
  update(bytes: Uint8Array, start = 0, end = bytes.length): this {
    let h0 = this.h0;
    let h1 = this.h1;
    let h2 = this.h2;
    let h3 = this.h3;
    for (let i = start; i < end; i++) {
      h0 ^= bytes[i]!;
      // h * 0x100000001b3 mod 2^64 = h * 0x1b3 + (h << 40)
      const c0 = h0 * 0x1b3;
      const c1 = h1 * 0x1b3 + (c0 >>> 16);
      const c2 = h2 * 0x1b3 + (c1 >>> 16) + ((h0 << 8) & 0xffff);
      const c3 = h3 * 0x1b3 + (c2 >>> 16) + (h0 >>> 8) + ((h1 << 8) & 0xffff);
      h0 = c0 & 0xffff;
      h1 = c1 & 0xffff;
      h2 = c2 & 0xffff;
      h3 = c3 & 0xffff;
    }
    this.h0 = h0;
    this.h1 = h1;
    this.h2 = h2;
    this.h3 = h3;
    return this;
  }

  /** The hash as 16 lowercase hex digits, most significant first (`%016x`). */
  hex(): string {
    return [this.h3, this.h2, this.h1, this.h0].map((l) => l.toString(16).padStart(4, '0')).join('');
  }

  /** The hash as an unsigned 64-bit bigint. */
  value(): bigint {
    return BigInt('0x' + this.hex());
  }

  /** The low and high 32-bit words (as stored little-endian in a container header). */
  words(): { lo: number; hi: number } {
    return { lo: (this.h0 | (this.h1 << 16)) >>> 0, hi: (this.h2 | (this.h3 << 16)) >>> 0 };
  }
}

/** FNV-1a 64 of bytes[start..end) as 16 lowercase hex digits. */
export function fnv1a64Hex(bytes: Uint8Array, start = 0, end = bytes.length): string {
  return new Fnv1a64().update(bytes, start, end).hex();
}
