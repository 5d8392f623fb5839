// The row format of spec/a64 (documented in README.md next to this file).
// Rows are plain data; src/arch/a64/forms.ts reads them once at load time.

/** An instruction form with its own 32-bit layout. */
export interface BaseRow {
  /** Mnemonic, lowercase. `b.<cond>` expands to one mnemonic per condition code and sets field `cond`. */
  readonly mn: string;
  /** Operand pattern: ARM-style syntax with `<field:type>` placeholders and `{…}` optional parts. '' = no operands. */
  readonly ops: string;
  /** The 32-bit layout, most significant bit first: fixed bits `0`/`1` and fields `name:width` (widths sum to 32). */
  readonly bits: string;
  /** Name alias rows use to map onto this form. */
  readonly id?: string;
  /** Extra field values computed from placeholders: `'field=expr, field=expr'`. */
  readonly set?: string;
  /** Conditions on the operands, each an expression that must hold (`'lsb + width <= 64'`). */
  readonly check?: string;
  /** Architecture feature the form needs, for docs and oracle flags (`'lse'`, `'v8.5a'`). */
  readonly feat?: string;
}

/** An alias: its own operand pattern, encoded through a base row's layout. */
export interface AliasRow {
  readonly mn: string;
  readonly ops: string;
  /** `id` of the base row whose layout this alias fills. */
  readonly base: string;
  /** Base fields computed from the alias's placeholders: `'Rn=31, immr=-shift & 63'`. */
  readonly set?: string;
  readonly check?: string;
  readonly feat?: string;
}

export type Row = BaseRow | AliasRow;

export function isAlias(r: Row): r is AliasRow {
  return (r as AliasRow).base !== undefined;
}
