// Relocations: a closed set of format descriptors (defined per architecture in spec/<arch>/relocs.ts)
// and ONE patch routine that applies any of them. Pending relocations live in typed arrays.

/**
 * How a label reference is written into the code. Architectures define their kinds as data.
 *
 * value = (target − pc)                      for `from: 'pc'`
 *       = page(base + target) − page(base + pc)  for `from: 'page'` (page = address >> pageShift)
 *       = base + target                      for `from: 'abs'`
 * The low `scale` bits of the value must be zero (alignment) and are dropped; what remains must fit
 * `bits` bits (signed or unsigned) and is scattered, most significant part first, over `fields`
 * (each `[lsb, width]` inside the little-endian container of `size` bytes at the patch offset).
 */
export interface RelocKind {
  readonly name: string;
  /** Container size in bytes at the patch offset: 1, 2, 4 or 8. */
  readonly size: 1 | 2 | 4 | 8;
  readonly from: 'pc' | 'page' | 'abs';
  /** For `from: 'page'`: log2 of the page size. */
  readonly pageShift?: number;
  /** Low bits that must be zero and are not stored. */
  readonly scale: number;
  /** Width of the stored value. */
  readonly bits: number;
  readonly signed: boolean;
  /** Destination bit fields, most significant part of the value first: [lsb, width]. Widths sum to `bits`. */
  readonly fields: readonly (readonly [number, number])[];
  /** The instructions or directives that use it (for messages and docs). */
  readonly usedBy: string;
}

/** Result codes of `applyReloc`. */
export const RELOC_OK = 0;
export const RELOC_RANGE = 1;
export const RELOC_ALIGN = 2;

/** The legal distance range of a kind, in bytes (or pages for `page`), as [min, max, step]. */
export function relocRange(k: RelocKind): [number, number, number] {
  const step = 2 ** k.scale;
  if (k.signed) return [-(2 ** (k.bits - 1)) * step, (2 ** (k.bits - 1) - 1) * step, step];
  return [0, (2 ** k.bits - 1) * step, step];
}

/** Why a reference does not fit (for LABEL_RANGE errors): message, legal range and the distance. */
export function describeRelocFailure(k: RelocKind, label: string, distance: number, status: number, base: bigint): { detail: string; expected: string; actual: string } {
  const [lo, hi, step] = relocRange(k);
  if (k.from === 'abs') {
    const addr = `0x${(base + BigInt(distance)).toString(16)}`;
    return { detail: `${label}: address ${addr} does not fit ${k.name} (${k.usedBy})`, expected: `0..0x${((1n << BigInt(k.bits)) - 1n).toString(16)}`, actual: addr };
  }
  const unit = k.from === 'page' ? ' (in 4 KiB pages)' : '';
  const why = status === RELOC_ALIGN ? ` (not a multiple of ${step})` : '';
  return {
    detail: `${label} is ${distance} bytes away${why}: ${k.usedBy} reach ${lo}..${hi}${unit}${step > 1 ? ` in multiples of ${step}` : ''}`,
    expected: `${lo}..${hi}${unit}`,
    actual: String(distance),
  };
}

/** The value a reference stores before scaling: the byte distance, the page distance or the absolute address. */
export function relocValue(k: RelocKind, at: number, pc: number, target: number, base: bigint): number | bigint {
  if (k.from === 'pc') return target - pc;
  if (k.from === 'page') {
    const shift = k.pageShift ?? 12;
    // Only the base's offset inside a page changes a page difference.
    const r = Number(base & BigInt((1 << shift) - 1));
    return Math.floor((r + target) / 2 ** shift) - Math.floor((r + pc) / 2 ** shift);
  }
  return base + BigInt(target);
}

/**
 * Applies one relocation: computes the value for `target`, checks alignment and range, and ORs it into
 * the container at `at` (whose field bits must be zero). Returns RELOC_OK, RELOC_RANGE or RELOC_ALIGN;
 * writes nothing unless OK. `u8`/`dv` are the code bytes.
 */
export function applyReloc(dv: DataView, k: RelocKind, at: number, pc: number, target: number, base: bigint): number {
  if (k.from === 'pc' && k.bits === 32 && k.size === 4 && k.scale === 0 && k.signed) {
    // Fast path (x64 rel32: branches, calls, rip-relative): the whole container is the field.
    const d = target - pc;
    if (d < -2147483648 || d > 2147483647) return RELOC_RANGE;
    dv.setInt32(at, dv.getInt32(at, true) | d, true);
    return RELOC_OK;
  }
  if (k.from === 'pc' && k.size === 1 && k.bits === 8 && k.scale === 0 && k.signed) {
    // Fast path (x64 rel8: short branches, loop, jrcxz): the byte is the field.
    const d = target - pc;
    if (d < -128 || d > 127) return RELOC_RANGE;
    dv.setUint8(at, dv.getUint8(at) | (d & 0xff));
    return RELOC_OK;
  }
  if (k.from === 'pc' && k.size === 4 && k.bits < 32) {
    // Fast path (branches, adr, literals): int32 arithmetic, buffers are < 2 GiB.
    const d = target - pc;
    if ((d & ((1 << k.scale) - 1)) !== 0) return RELOC_ALIGN;
    const v = d >> k.scale;
    const half = 1 << (k.bits - 1);
    if (k.signed ? v < -half || v >= half : v < 0 || v >= 2 * half) return RELOC_RANGE;
    let word = dv.getUint32(at, true);
    let rest = v;
    const fs = k.fields;
    for (let i = fs.length - 1; i >= 0; i--) {
      const f = fs[i];
      word |= (rest & ((1 << f[1]) - 1)) << f[0];
      rest >>= f[1];
    }
    dv.setUint32(at, word >>> 0, true);
    return RELOC_OK;
  }
  const value = relocValue(k, at, pc, target, base);
  if (typeof value === 'bigint') return applyWide(dv, k, at, value);
  const step = 2 ** k.scale;
  if (value % step !== 0) return RELOC_ALIGN;
  const v = value / step;
  if (k.signed ? v < -(2 ** (k.bits - 1)) || v >= 2 ** (k.bits - 1) : v < 0 || v >= 2 ** k.bits) return RELOC_RANGE;
  let rest = v < 0 ? v + 2 ** k.bits : v; // two's complement in `bits` bits, as a non-negative number
  let word = readContainer(dv, k.size, at);
  for (let i = k.fields.length - 1; i >= 0; i--) {
    const [lsb, width] = k.fields[i];
    const part = rest % 2 ** width;
    rest = Math.floor(rest / 2 ** width);
    word = (word | (part * 2 ** lsb)) >>> 0;
  }
  writeContainer(dv, k.size, at, word);
  return RELOC_OK;
}

/** Row layout of a pcPatchTable: container size (0: not a simple kind), scale, bits, lsb, signed. */
const PP_STRIDE = 5;

/**
 * The pc-relative kinds whose value goes into one field with one shift (a single field of a 4-byte
 * container, or a whole byte), as numbers per kind (PP_STRIDE ints each), for `patchPc`. Other kinds get
 * size 0 and take `applyReloc`.
 */
export function pcPatchTable(kinds: readonly RelocKind[]): Int32Array {
  const t = new Int32Array(kinds.length * PP_STRIDE);
  kinds.forEach((k, i) => {
    const o = i * PP_STRIDE;
    const simple = k.from === 'pc' && k.fields.length === 1 && k.fields[0][1] === k.bits && ((k.size === 4 && k.bits <= 32) || (k.size === 1 && k.bits === 8 && k.fields[0][0] === 0));
    if (!simple) return;
    t[o] = k.size;
    t[o + 1] = k.scale;
    t[o + 2] = k.bits;
    t[o + 3] = k.fields[0][0];
    t[o + 4] = k.signed ? 1 : 0;
  });
  return t;
}

/**
 * applyReloc for a pc-relative distance `d` of kind `kind` through its pcPatchTable row: RELOC_OK,
 * RELOC_RANGE, RELOC_ALIGN, or −1 when the kind is not a simple one (then use applyReloc).
 */
export function patchPc(dv: DataView, table: Int32Array, kind: number, at: number, d: number): number {
  const o = kind * PP_STRIDE;
  const size = table[o];
  if (size === 0) return -1;
  const scale = table[o + 1];
  if ((d & ((1 << scale) - 1)) !== 0) return RELOC_ALIGN;
  const v = d >> scale;
  const bits = table[o + 2];
  if (size === 1) {
    if (table[o + 4] === 1 ? v < -128 || v > 127 : v < 0 || v > 255) return RELOC_RANGE;
    dv.setUint8(at, dv.getUint8(at) | (v & 0xff));
    return RELOC_OK;
  }
  if (bits === 32) {
    if (d < -2147483648 || d > 2147483647 || (table[o + 4] === 0 && d < 0)) return RELOC_RANGE;
    dv.setInt32(at, dv.getInt32(at, true) | v, true);
    return RELOC_OK;
  }
  const half = 1 << (bits - 1);
  if (table[o + 4] === 1 ? v < -half || v >= half : v < 0 || v >= 2 * half) return RELOC_RANGE;
  dv.setUint32(at, (dv.getUint32(at, true) | ((v & (2 * half - 1)) << table[o + 3])) >>> 0, true);
  return RELOC_OK;
}

/** Absolute kinds (values that may exceed 2^53): BigInt arithmetic, used only at finalize. */
function applyWide(dv: DataView, k: RelocKind, at: number, value: bigint): number {
  const bits = BigInt(k.bits);
  // Absolute data accepts both signed and unsigned readings of the container, like GNU as.
  if (value < -(1n << (bits - 1n)) || value >= 1n << bits) return RELOC_RANGE;
  const step = 1n << BigInt(k.scale);
  if (value % step !== 0n) return RELOC_ALIGN;
  let rest = BigInt.asUintN(k.bits, value / step);
  let word = k.size === 8 ? dv.getBigUint64(at, true) : BigInt(readContainer(dv, k.size, at));
  for (let i = k.fields.length - 1; i >= 0; i--) {
    const [lsb, width] = k.fields[i];
    const w = BigInt(width);
    word |= (rest & ((1n << w) - 1n)) << BigInt(lsb);
    rest >>= w;
  }
  if (k.size === 8) dv.setBigUint64(at, word, true);
  else writeContainer(dv, k.size, at, Number(word));
  return RELOC_OK;
}

function readContainer(dv: DataView, size: number, at: number): number {
  if (size === 4) return dv.getUint32(at, true);
  if (size === 1) return dv.getUint8(at);
  if (size === 2) return dv.getUint16(at, true);
  return dv.getUint32(at, true); // size 8 with a narrow value: low half
}

function writeContainer(dv: DataView, size: number, at: number, w: number): void {
  if (size === 4 || size === 8) dv.setUint32(at, w >>> 0, true);
  else if (size === 1) dv.setUint8(at, w & 0xff);
  else dv.setUint16(at, w & 0xffff, true);
}

/**
 * Pending references to labels not yet bound, in parallel typed arrays (no object per reference).
 * `src` points back at where the reference was written, for error messages.
 */
export class RelocTable {
  count = 0;
  at = new Int32Array(64);
  pc = new Int32Array(64);
  kind = new Uint8Array(64);
  label = new Int32Array(64);
  /** Where each reference was written, for messages: an opaque owner object (the plan) and an index in it. */
  src: unknown[] = [];
  srcIndex = new Int32Array(64);
  /** The index of each reference in the assembler's relaxation log (relax.ts RelaxLog), −1 without one. */
  log = new Int32Array(64);

  push(at: number, pc: number, kind: number, label: number, src: unknown, srcIndex: number, log = -1): void {
    const i = this.count;
    if (i === this.at.length) this.grow();
    this.at[i] = at;
    this.pc[i] = pc;
    this.kind[i] = kind;
    this.label[i] = label;
    this.src[i] = src;
    this.srcIndex[i] = srcIndex;
    this.log[i] = log;
    this.count = i + 1;
  }

  private grow(): void {
    const n = this.at.length * 2;
    const g32 = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.at = g32(this.at);
    this.pc = g32(this.pc);
    this.label = g32(this.label);
    this.srcIndex = g32(this.srcIndex);
    this.log = g32(this.log);
    const k = new Uint8Array(n);
    k.set(this.kind);
    this.kind = k;
  }
}
