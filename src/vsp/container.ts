// The `.silc` container (spec 9): reading with every error in the spec's order and its file offset, and
// writing. Little-endian throughout. Reading never throws: any byte string gives a program or a typed error.
import { Fnv1a64 } from './fnv.js';
import type { Program, VspDebugInfo, VspSymbol } from './program.js';
import { VspError } from './state-layout.js';
import { verifyProgram } from './verify.js';

export const SILC_MAGIC = [0x53, 0x49, 0x4c, 0x43] as const; // "SILC"
export const SILC_VERSION = 0x0100;
export const SILC_HEADER_SIZE = 32;
export const MAX_CODE_SIZE = 16 * 1024 * 1024;
export const MAX_DATA_SIZE = 0x10000;

/** File offsets of the header fields that errors point at (spec 11). */
export const ContainerOffset = { magic: 0, version: 4, mode: 6, sizes: 8, checksum: 24 } as const;

export type LoadError = { readonly ok: false; readonly error: VspError; readonly offset: number };
export type ContainerResult = { readonly ok: true; readonly program: Program } | LoadError;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

function fail(error: VspError, offset: number): LoadError {
  return { ok: false, error, offset };
}

/**
 * Reads a container: the container checks of section 9 in order (bad_magic, bad_version, bad_mode, bad_size,
 * bad_checksum, bad_symbols, bad_debug). The program checks of 3.2 are not run here; see loadContainer.
 */
export function readContainer(file: Uint8Array): ContainerResult {
  const n = file.length;
  if (n < 4 || file[0] !== SILC_MAGIC[0] || file[1] !== SILC_MAGIC[1] || file[2] !== SILC_MAGIC[2] || file[3] !== SILC_MAGIC[3]) {
    return fail(VspError.bad_magic, ContainerOffset.magic);
  }
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (n < 6 || view.getUint16(4, true) !== SILC_VERSION) return fail(VspError.bad_version, ContainerOffset.version);
  if (n < 8 || view.getUint16(6, true) > 4) return fail(VspError.bad_mode, ContainerOffset.mode);
  const mode = view.getUint16(6, true);
  if (n < SILC_HEADER_SIZE) return fail(VspError.bad_size, ContainerOffset.sizes);
  const codeSize = view.getUint32(8, true);
  const dataSize = view.getUint32(12, true);
  const symSize = view.getUint32(16, true);
  const entry = view.getUint32(20, true);
  // plain numbers: the sum of three u32 cannot wrap
  if (SILC_HEADER_SIZE + codeSize + dataSize + symSize > n || dataSize > MAX_DATA_SIZE || codeSize > MAX_CODE_SIZE) {
    return fail(VspError.bad_size, ContainerOffset.sizes);
  }
  const codeStart = SILC_HEADER_SIZE;
  const dataStart = codeStart + codeSize;
  const symStart = dataStart + dataSize;
  const debugStart = symStart + symSize;
  const sum = new Fnv1a64().update(file, codeStart, symStart).words();
  if (sum.lo !== view.getUint32(24, true) || sum.hi !== view.getUint32(28, true)) {
    return fail(VspError.bad_checksum, ContainerOffset.checksum);
  }
  let symbols: VspSymbol[] | undefined;
  if (symSize > 0) {
    symbols = parseSymbols(file, view, symStart, debugStart);
    if (symbols === undefined) return fail(VspError.bad_symbols, symStart);
  }
  let debug: VspDebugInfo | undefined;
  if (debugStart < n) {
    debug = parseDebug(file, view, debugStart, n);
    if (debug === undefined) return fail(VspError.bad_debug, debugStart);
  }
  const program: Program = {
    code: file.slice(codeStart, dataStart),
    entry,
    mode,
    data: file.slice(dataStart, symStart),
    ...(symbols !== undefined ? { symbols } : {}),
    ...(debug !== undefined ? { debug } : {}),
  };
  return { ok: true, program };
}

/** The symbol table in [start, end): count u32, then (name length u16, UTF-8 name, address u32, kind u8). */
function parseSymbols(file: Uint8Array, view: DataView, start: number, end: number): VspSymbol[] | undefined {
  let p = start;
  if (p + 4 > end) return undefined;
  const count = view.getUint32(p, true);
  p += 4;
  const out: VspSymbol[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 2 > end) return undefined;
    const len = view.getUint16(p, true);
    p += 2;
    if (p + len + 5 > end) return undefined;
    const name = decodeUtf8(file.subarray(p, p + len));
    if (name === undefined) return undefined;
    p += len;
    const address = view.getUint32(p, true);
    const kind = file[p + 4]!;
    p += 5;
    if (kind > 3) return undefined;
    out.push({ name, address, kind });
  }
  return p === end ? out : undefined;
}

/** Debug information in [start, end): name length u16, name, count u32, count x (line u32, address u32). */
function parseDebug(file: Uint8Array, view: DataView, start: number, end: number): VspDebugInfo | undefined {
  let p = start;
  if (p + 2 > end) return undefined;
  const len = view.getUint16(p, true);
  p += 2;
  if (p + len + 4 > end) return undefined;
  const source = new TextDecoder('utf-8').decode(file.subarray(p, p + len));
  p += len;
  const count = view.getUint32(p, true);
  p += 4;
  if (end - p !== count * 8) return undefined;
  const lines: { line: number; address: number }[] = [];
  for (let i = 0; i < count; i++, p += 8) lines.push({ line: view.getUint32(p, true), address: view.getUint32(p + 4, true) });
  return { source, lines };
}

/** A program that passed every check of sections 9 and 3.2, with its instruction-start map. */
export interface LoadedProgram {
  readonly program: Program;
  /** starts[i] = 1 when an instruction starts at code offset i. */
  readonly starts: Uint8Array;
}

export type LoadResult = ({ readonly ok: true } & LoadedProgram) | LoadError;

/** Checks a program (spec 3.2) and returns it with its instruction starts, or the first failure. */
export function checkProgram(program: Program): LoadResult {
  const v = verifyProgram(program.code, program.entry);
  if (!v.ok) return v;
  return { ok: true, program, starts: v.starts };
}

/** Reads a container and verifies its program: every check of sections 9 then 3.2, in order. */
export function loadContainer(file: Uint8Array): LoadResult {
  const r = readContainer(file);
  return r.ok ? checkProgram(r.program) : r;
}

/**
 * Writes a container for a program. Symbols are written when `program.symbols` is defined (an empty array
 * gives a table holding just `count = 0`), debug information when `program.debug` is. Throws RangeError for
 * a program no container can hold (mode, sizes, a symbol field out of range); the program checks of 3.2 are
 * not applied (a container may hold an invalid program, which loading then rejects).
 */
export function writeContainer(program: Program): Uint8Array {
  const { code, data, mode, entry } = program;
  if (!(Number.isInteger(mode) && mode >= 0 && mode <= 4)) throw new RangeError(`container: mode ${mode} is not 0..4`);
  if (code.length > MAX_CODE_SIZE) throw new RangeError(`container: code of ${code.length} bytes exceeds 16 MiB`);
  if (data.length > MAX_DATA_SIZE) throw new RangeError(`container: data of ${data.length} bytes exceeds 65,536`);
  if (!(Number.isInteger(entry) && entry >= 0 && entry <= 0xffffffff)) throw new RangeError(`container: entry ${entry} is not a u32`);
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  let symBytes = 0;
  if (program.symbols !== undefined) {
    const head = new Uint8Array(4);
    new DataView(head.buffer).setUint32(0, program.symbols.length, true);
    parts.push(head);
    for (const s of program.symbols) {
      const name = enc.encode(s.name);
      if (name.length > 0xffff) throw new RangeError(`container: symbol name of ${name.length} bytes exceeds 65,535`);
      if (!(Number.isInteger(s.address) && s.address >= 0 && s.address <= 0xffffffff)) throw new RangeError(`container: symbol ${s.name} address ${s.address} is not a u32`);
      if (!(s.kind >= 0 && s.kind <= 3)) throw new RangeError(`container: symbol ${s.name} kind ${s.kind} is not 0..3`);
      const rec = new Uint8Array(2 + name.length + 5);
      const v = new DataView(rec.buffer);
      v.setUint16(0, name.length, true);
      rec.set(name, 2);
      v.setUint32(2 + name.length, s.address, true);
      rec[6 + name.length] = s.kind;
      parts.push(rec);
    }
    symBytes = parts.reduce((a, p) => a + p.length, 0);
  }
  if (program.debug !== undefined) {
    const name = enc.encode(program.debug.source);
    if (name.length > 0xffff) throw new RangeError(`container: debug source name of ${name.length} bytes exceeds 65,535`);
    const rec = new Uint8Array(2 + name.length + 4 + 8 * program.debug.lines.length);
    const v = new DataView(rec.buffer);
    v.setUint16(0, name.length, true);
    rec.set(name, 2);
    let p = 2 + name.length;
    v.setUint32(p, program.debug.lines.length, true);
    p += 4;
    for (const l of program.debug.lines) {
      v.setUint32(p, l.line, true);
      v.setUint32(p + 4, l.address, true);
      p += 8;
    }
    parts.push(rec);
  }
  const total = SILC_HEADER_SIZE + code.length + data.length + parts.reduce((a, p) => a + p.length, 0);
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  out.set(SILC_MAGIC, 0);
  v.setUint16(4, SILC_VERSION, true);
  v.setUint16(6, mode, true);
  v.setUint32(8, code.length, true);
  v.setUint32(12, data.length, true);
  v.setUint32(16, symBytes, true);
  v.setUint32(20, entry, true);
  out.set(code, SILC_HEADER_SIZE);
  out.set(data, SILC_HEADER_SIZE + code.length);
  const sum = new Fnv1a64().update(out, SILC_HEADER_SIZE, SILC_HEADER_SIZE + code.length + data.length).words();
  v.setUint32(24, sum.lo, true);
  v.setUint32(28, sum.hi, true);
  let p = SILC_HEADER_SIZE + code.length + data.length;
  for (const part of parts) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}
