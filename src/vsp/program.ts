// A VSP program: code bytes, entry point, mode, data section and symbols, as a container (spec 9) or the
// text assembler (spec 7) produces it. Loading checks it (verify.ts) before any engine runs it.
import type { Mode } from './state-layout.js';

/** Symbol kinds of the container's symbol table (spec 9). */
export enum SymbolKind {
  label = 0,
  data = 1,
  transform = 2,
  function = 3,
}

export interface VspSymbol {
  readonly name: string;
  readonly address: number;
  readonly kind: SymbolKind;
}

/** Optional debug information of a container (spec 9): the source name and (line, address) pairs. */
export interface VspDebugInfo {
  readonly source: string;
  readonly lines: readonly { readonly line: number; readonly address: number }[];
}

export interface Program {
  /** The code, read-only at run time (spec 2). */
  readonly code: Uint8Array;
  /** The entry point, a code offset. */
  readonly entry: number;
  /** The initial MODE, 0..4. */
  readonly mode: Mode;
  /** The data section, at most 65,536 bytes, placed at data address 0. */
  readonly data: Uint8Array;
  /**
   * The symbol table; `undefined` when the container's table has size 0 (no table at all), `[]` for a
   * table holding `count = 0`.
   */
  readonly symbols?: readonly VspSymbol[];
  readonly debug?: VspDebugInfo;
}
