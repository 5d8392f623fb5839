// Errors of the emulation layer: one base class (EmulationError) with a stable `code` and a message that says
// what went wrong, where (address, register, offset) and what is allowed. Unicorn's raw error numbers never
// reach the caller alone: they are carried as `ucError` next to a human message (and uc_strerror's text).

/** Stable machine-readable codes of every EmulationError. */
export type EmulationErrorCode =
  | 'library-unavailable' // libunicorn.so.2 or capstone-wasm cannot be loaded
  | 'engine-closed' // an Engine (or Harness) was used after close()
  | 'invalid-argument' // a malformed address, size, option or byte buffer
  | 'map-alignment' // uc_mem_map/unmap/protect with a non page-aligned address or size
  | 'map-overlap' // uc_mem_map over an already mapped range
  | 'map-missing' // unmap/protect of a range that is not (fully) mapped
  | 'memory-unmapped' // readMemory/writeMemory of an unmapped address
  | 'register-unknown' // a register name this architecture does not have
  | 'register-value' // a value that does not fit the register
  | 'unicorn' // any other error Unicorn reported (code + uc_strerror text)
  | 'disassembly' // Capstone could not decode the bytes at an offset
  | 'harness-layout' // harness regions that overlap or do not fit
  | 'harness-case'; // a harness case that does not fit the layout (code too long, data outside a region)

/** Base class of every error thrown by dynasm-ts/emulation. */
export class EmulationError extends Error {
  readonly code: EmulationErrorCode;
  /** The uc_err number when the error came from Unicorn. */
  readonly ucError: number | undefined;

  constructor(code: EmulationErrorCode, message: string, ucError?: number) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.ucError = ucError;
  }
}

/** libunicorn.so.2 (Debian libunicorn2) or capstone-wasm could not be loaded. */
export class LibraryUnavailableError extends EmulationError {
  constructor(message: string) {
    super('library-unavailable', message);
  }
}

/** An Engine or Harness was used after close(). */
export class EngineClosedError extends EmulationError {
  constructor(what: string, operation: string) {
    super('engine-closed', `${what} is closed: cannot ${operation} (open a new one, or use a harness that is still open)`);
  }
}

/** A bad argument (address, size, option, bytes). */
export class InvalidArgumentError extends EmulationError {
  constructor(message: string) {
    super('invalid-argument', message);
  }
}

/** uc_mem_map / unmap / protect refused: alignment, overlap, or a range that is not mapped. */
export class MemoryMapError extends EmulationError {
  /** Start of the requested range. */
  readonly address: bigint;
  /** Size of the requested range in bytes. */
  readonly size: bigint;

  constructor(code: 'map-alignment' | 'map-overlap' | 'map-missing', address: bigint, size: bigint, message: string, ucError?: number) {
    super(code, message, ucError);
    this.address = address;
    this.size = size;
  }
}

/** readMemory/writeMemory touched memory that is not mapped. */
export class MemoryAccessError extends EmulationError {
  readonly access: 'read' | 'write';
  readonly address: bigint;
  readonly size: number;

  constructor(access: 'read' | 'write', address: bigint, size: number, message: string, ucError?: number) {
    super('memory-unmapped', message, ucError);
    this.access = access;
    this.address = address;
    this.size = size;
  }
}

/** An unknown register name, or a value that does not fit the register. */
export class RegisterError extends EmulationError {
  readonly register: string;

  constructor(code: 'register-unknown' | 'register-value', register: string, message: string) {
    super(code, message);
    this.register = register;
  }
}

/** Any other failure Unicorn reported; the message includes uc_strerror's text and the uc_err number. */
export class UnicornError extends EmulationError {
  constructor(operation: string, ucError: number, detail: string) {
    super('unicorn', `${operation} failed: ${detail} (uc_err ${ucError})`, ucError);
  }
}

/** Capstone could not decode the instruction at `offset` of the input. */
export class DisassemblyError extends EmulationError {
  readonly arch: string;
  /** Byte offset of the undecodable instruction inside the input. */
  readonly offset: number;
  /** Address the undecodable instruction would have had. */
  readonly address: bigint;
  /** Up to 16 bytes starting at `offset` (fewer at the end of the input). */
  readonly bytes: Uint8Array;

  constructor(arch: string, offset: number, address: bigint, bytes: Uint8Array, message: string) {
    super('disassembly', message);
    this.arch = arch;
    this.offset = offset;
    this.address = address;
    this.bytes = bytes;
  }
}

/** A harness layout or case that does not fit (overlapping regions, code too long, data outside any region). */
export class HarnessError extends EmulationError {
  constructor(code: 'harness-layout' | 'harness-case', message: string) {
    super(code, message);
  }
}

/** `0x…` rendering of an address or value, used in every message of this layer. */
export function hex(value: bigint | number): string {
  const v = typeof value === 'bigint' ? value : BigInt(value);
  return v < 0n ? `-0x${(-v).toString(16)}` : `0x${v.toString(16)}`;
}

/** Space-separated hex bytes (`8b 02 00 20`). */
export function hexBytes(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += (i ? ' ' : '') + bytes[i].toString(16).padStart(2, '0');
  return s;
}
