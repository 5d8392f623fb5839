// The seam between the arch-neutral DSL (lexer, statements, plans, labels, relocations, directives,
// errors) and an architecture (operand parser, form matcher, encoder, relocation kinds).
// The DSL imports architectures only through this file: an architecture registers an `Arch` object,
// and `Assembler` looks it up by name.

import type { CodeBuffer } from '../src/runtime/buffer.js';
import type { RelocKind } from '../src/runtime/relocs.js';
import type { RelaxShape } from '../src/runtime/relax.js';
import type { Statement, Token } from './lexer.js';
import { ErrorCodes, UsageError } from './errors.js';

export type ArchName = 'a64' | 'x64';

/**
 * Value kinds of interpolated arguments. The plan records one kind per argument (its signature) and
 * re-plans when a call passes a different kind. 0..15 are shared; architectures number theirs from 16
 * (register classes and the like).
 */
export const VK = {
  /** Not an acceptable value (string that is no name the arch accepts, object, undefined, …). */
  INVALID: 0,
  /** number or bigint. */
  IMM: 1,
  /** A `Label` of an assembler. */
  LABEL: 2,
  /** A string: a name the arch accepts (condition code, …). */
  STRING: 3,
  /** First architecture-defined kind. */
  ARCH: 16,
} as const;

/**
 * Objects the DSL accepts in `${}` (registers, labels) carry their value kind under this symbol, so that
 * the per-call signature check is one property load per argument, with no `instanceof`.
 */
export const VALUE_KIND: unique symbol = Symbol('dynasm.valueKind');

/** The signature kind of an interpolated value (VK.* or an arch kind ≥ 16). Allocation-free. */
export function kindOf(v: unknown): number {
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return VK.IMM;
    case 'string':
      return VK.STRING;
    case 'object':
      if (v !== null) {
        const k = (v as { [VALUE_KIND]?: unknown })[VALUE_KIND];
        if (typeof k === 'number') return k;
      }
  }
  return VK.INVALID;
}

/** A label as written in a template operand. */
export type LabelSyntax =
  | { readonly type: 'arg'; readonly arg: number }
  | { readonly type: 'local'; readonly n: number; readonly dir: 'b' | 'f' }
  | { readonly type: 'name'; readonly name: string };

/** What `Arch.compile` writes an instruction into (the plan builder). */
export interface InsnSink {
  /** Kind (VK or arch kind) of interpolated argument `i` in the plan being built. */
  argKind(i: number): number;
  /** The instruction is fully known: its bytes. A64 uses `word32`, x64 `bytes`. */
  word32(w: number): void;
  bytes(b: ArrayLike<number>): void;
  /**
   * The instruction has interpolated operands: at fill time the DSL calls `Arch.emit(data, args, buf)`,
   * which must write exactly `size` bytes at `buf.pos` and advance it (size −1: the arch writes a
   * variable number of bytes, at most `maxSize`; labels after it are then resolved per fill, not per plan).
   */
  dynamic(data: unknown, size: number, maxSize?: number): void;
  /**
   * A reference from the instruction just emitted to `label`, patched with relocation kind `kind`
   * (index into `Arch.relocs`). The field's container starts `back` bytes before the instruction's end;
   * the pc the distance is measured from is `pcBack` bytes before the end (A64: 4 and 4; x64 rel32 at
   * the end: 4 and 0). `back` −1: the field's distance from the end depends on the values of the fill
   * (x64 `[rip + label]` before an immediate of either size); `Arch.refBack()` gives it after each emit.
   */
  labelRef(label: LabelSyntax, kind: number, back: number, pcBack: number, tok?: Token): void;
}

/** One instruction statement handed to the arch: the mnemonic token and the operand tokens after it. */
export interface InsnStatement {
  readonly stmt: Statement;
  readonly mnemonic: Token;
  /** Tokens after the mnemonic (the operands), up to the end of the statement. */
  readonly operands: readonly Token[];
}

export interface Arch {
  readonly name: ArchName;
  /** Relocation kinds; a reference's `kind` is an index into this list. */
  readonly relocs: readonly RelocKind[];
  /** `.align n` means 2^n bytes (ARM GNU as) rather than n bytes (x86 GNU as). */
  readonly alignIsPow2: boolean;
  /** Instructions must start at offsets that are multiples of this (A64: 4, x64: 1). */
  readonly insnAlign: number;
  /** Pads code for `.align` without a fill value: writes `n` bytes at `at` (A64: zeros to a word boundary, then NOPs). */
  codePad(buf: CodeBuffer, at: number, n: number): void;
  /**
   * Optional: the kind of an interpolated object that carries no `VALUE_KIND` brand (return VK.INVALID
   * for values the arch does not take). Branded objects (the fast path) never reach it.
   */
  kindOf?(v: unknown): number;
  /** Human name of a kind ("X register", "immediate", …) for messages. */
  describeKind(kind: number): string;
  /** Compiles one instruction into `sink`, or throws a DynasmError (operand index set, location left to the DSL). */
  compile(ins: InsnStatement, sink: InsnSink): void;
  /** Fill time: emits an instruction compiled with `sink.dynamic(data, …)`. Throws a DynasmError on a bad value. */
  emit(data: unknown, args: readonly unknown[], buf: CodeBuffer): void;
  /**
   * Relaxable relocation kinds (x64 jmp/jcc): their shapes by kind index. When present, references are
   * logged and src/runtime/relax.ts shrinks long branches at finalize (label offsets are final only then).
   */
  readonly relax?: readonly (RelaxShape | undefined)[];
  /** For `labelRef(…, back = −1)`: the `back` of the instruction the last `emit` wrote. */
  refBack?(): number;
  /** Every mnemonic the arch knows (docs, suggestions). */
  mnemonics(): readonly string[];
  /** The legal forms of a mnemonic, rendered (mismatch listings and docs). */
  forms(mnemonic: string): readonly string[];
}

/**
 * The TypeScript type of values an architecture accepts in `${}`. Architectures add their entry by
 * declaration merging:
 *   declare module '../../../dsl/arch.js' { interface ArchValueMap { a64: A64Value } }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ArchValueMap {}

/** Names of the shared value kinds for messages (null for an arch kind: the arch names those). */
export function describeSharedKind(k: number): string | null {
  if (k === VK.IMM) return 'number';
  if (k === VK.LABEL) return 'Label';
  if (k === VK.STRING) return 'string';
  return null;
}

/** Up to four of `names` within edit distance 2 of `name`, closest first ("did you mean …?"). */
export function closestNames(name: string, names: Iterable<string>): string[] {
  const dist = (a: string, b: string): number => {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const cur = [i];
      for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
    return prev[b.length];
  };
  return [...names]
    .map((m) => [m, dist(name, m)] as const)
    .filter(([, d]) => d <= 2)
    .sort((x, y) => x[1] - y[1])
    .slice(0, 4)
    .map(([m]) => m);
}

const registry = new Map<string, Arch>();

/** Makes an architecture available to `new Assembler(name)`. */
export function registerArch(arch: Arch): void {
  registry.set(arch.name, arch);
}

export function getArch(name: string): Arch {
  const a = registry.get(name);
  if (!a) {
    const known = [...registry.keys()].join(', ') || 'none';
    throw new UsageError(ErrorCodes.USAGE, `unknown architecture '${name}' (registered: ${known}); import 'dynasm-ts' (src/index.ts) to register the built-in ones`);
  }
  return a;
}

export function registeredArchs(): readonly string[] {
  return [...registry.keys()];
}
