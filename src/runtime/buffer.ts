// The code buffer: a growable little-endian byte array that the assembler writes into.
// Capacity is checked once per template fill (`reserve`), never per instruction; writes go straight to
// the typed arrays. Arch-neutral: A64 writes whole 32-bit words, x64 writes bytes.

/** A growable byte buffer with cached views. Replace-on-grow: hold `u8`/`dv` only between `reserve` calls. */
export class CodeBuffer {
  /** The bytes; valid up to `pos`. */
  u8: Uint8Array;
  /** A DataView over the same memory (little-endian reads and writes). */
  dv: DataView;
  /** Next write offset. */
  pos = 0;

  constructor(initialCapacity = 4096) {
    const cap = Math.max(64, initialCapacity | 0);
    this.u8 = new Uint8Array(cap);
    this.dv = new DataView(this.u8.buffer);
  }

  get capacity(): number {
    return this.u8.length;
  }

  /** Makes room for `n` more bytes after `pos` (grows geometrically). */
  reserve(n: number): void {
    const need = this.pos + n;
    if (need <= this.u8.length) return;
    let cap = this.u8.length * 2;
    while (cap < need) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.u8.subarray(0, this.pos));
    this.u8 = next;
    this.dv = new DataView(next.buffer);
  }

  /** Writes a 32-bit little-endian word at `at` (no capacity check). */
  put32(at: number, w: number): void {
    this.dv.setUint32(at, w >>> 0, true);
  }

  /** Reads the 32-bit little-endian word at `at`. */
  get32(at: number): number {
    return this.dv.getUint32(at, true);
  }

  /** A copy of the bytes written so far. */
  bytes(): Uint8Array {
    return this.u8.slice(0, this.pos);
  }
}
