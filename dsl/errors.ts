// The error hierarchy of the DSL: one base class, a few subclasses, and a closed set of codes.
// Every error says where (call site file:line, template line and column, operand index) and what is
// allowed (expected vs actual; for "no form matches", the legal forms rendered from spec/).

/** Error codes. Each has a live test that provokes it. */
export const ErrorCodes = {
  /** The template text does not parse (bad token, unbalanced brackets, garbage after an operand). */
  SYNTAX: 'E_SYNTAX',
  /** Unknown mnemonic or directive. */
  MNEMONIC: 'E_MNEMONIC',
  /** The operands match no form of the mnemonic (count or shape). */
  NOFORM: 'E_NOFORM',
  /** Wrong operand kind at a position (register where an immediate goes, …). */
  OPERAND: 'E_OPERAND',
  /** Wrong register class or width (w where x is required, sp where zr is meant, mixed widths). */
  REGCLASS: 'E_REGCLASS',
  /** An immediate, shift amount or offset out of range. */
  RANGE: 'E_RANGE',
  /** A scaled offset that is not a multiple of its scale. */
  ALIGN: 'E_ALIGN',
  /** A logical (bitmask) immediate that cannot be encoded. */
  BITMASK: 'E_BITMASK',
  /** An interpolated value of a kind the DSL does not accept (string, object, undefined, …). */
  VALUE: 'E_VALUE',
  /** A label referenced but never bound. */
  LABEL_UNDEFINED: 'E_LABEL_UNDEFINED',
  /** A label bound twice. */
  LABEL_DUPLICATE: 'E_LABEL_DUPLICATE',
  /** A label too far away (or misaligned) for the reference's field. */
  LABEL_RANGE: 'E_LABEL_RANGE',
  /** A label object that belongs to another assembler. */
  LABEL_FOREIGN: 'E_LABEL_FOREIGN',
  /** A bad directive argument. */
  DIRECTIVE: 'E_DIRECTIVE',
  /** API misuse (unknown architecture, use after finalize, …). */
  USAGE: 'E_USAGE',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** Where an error happened. `line`/`column` are 1-based inside the template text. */
export interface Where {
  /** Call site of the template, `file:line:column`, captured once per plan. */
  site?: string;
  line?: number;
  column?: number;
  /** The statement, with interpolations shown as `${0}`, `${1}`, … */
  text?: string;
  /**
   * Column of each operand of the statement (operand 1 first): an error raised while filling a plan knows its
   * operand but not where it is, and takes its column from here.
   */
  operandColumns?: readonly number[];
}

export interface ErrorDetails extends Where {
  /** 1-based operand index. */
  operand?: number;
  expected?: string;
  actual?: string;
  /** Legal forms of the mnemonic, rendered from spec/. */
  forms?: readonly string[];
}

export class DynasmError extends Error {
  readonly code: ErrorCode;
  readonly site?: string;
  readonly line?: number;
  readonly column?: number;
  readonly text?: string;
  readonly operand?: number;
  readonly expected?: string;
  readonly actual?: string;
  readonly forms?: readonly string[];
  /** The message without location or form list. */
  readonly detail: string;

  constructor(code: ErrorCode, detail: string, d: ErrorDetails = {}) {
    super(format(code, detail, d));
    this.name = new.target.name;
    this.code = code;
    this.detail = detail;
    this.site = d.site;
    this.line = d.line;
    this.column = d.column;
    this.text = d.text;
    this.operand = d.operand;
    this.expected = d.expected;
    this.actual = d.actual;
    this.forms = d.forms;
  }

  /** The same error with location details filled in where missing. */
  located(w: Where): DynasmError {
    if (this.line !== undefined && this.site !== undefined) return this;
    const Ctor = this.constructor as new (code: ErrorCode, detail: string, d: ErrorDetails) => DynasmError;
    return new Ctor(this.code, this.detail, {
      site: this.site ?? w.site,
      line: this.line ?? w.line,
      column: this.column ?? (this.operand !== undefined ? w.operandColumns?.[this.operand - 1] : undefined) ?? w.column,
      text: this.text ?? w.text,
      operand: this.operand,
      expected: this.expected,
      actual: this.actual,
      forms: this.forms,
    });
  }
}

/** Template text that does not parse. */
export class DynasmSyntaxError extends DynasmError {}
/** Operands that do not fit the instruction (kind, class, range, alignment, bitmask, no form). */
export class OperandError extends DynasmError {}
/** Label problems: undefined, duplicate, out of range, foreign. */
export class LabelError extends DynasmError {}
/** Directive problems. */
export class DirectiveError extends DynasmError {}
/** API misuse. */
export class UsageError extends DynasmError {}

function format(code: ErrorCode, detail: string, d: ErrorDetails): string {
  let where = '';
  if (d.site) where += d.site;
  if (d.line !== undefined) where += `${where ? ' ' : ''}(template line ${d.line}${d.column !== undefined ? `, column ${d.column}` : ''})`;
  let msg = `${where ? `${where}: ` : ''}${d.operand !== undefined ? `operand ${d.operand}: ` : ''}${detail} [${code}]`;
  if (d.expected !== undefined) msg += `\n  expected: ${d.expected}`;
  if (d.actual !== undefined) msg += `\n  actual:   ${d.actual}`;
  if (d.text) msg += `\n  in: ${d.text.trim()}`;
  if (d.forms && d.forms.length) msg += `\n  legal forms:\n${d.forms.map((f) => `    ${f}`).join('\n')}`;
  return msg;
}
