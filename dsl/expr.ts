// Constant expressions in template text (`#(1 << 12)`, `.word 4*8+1`), evaluated once per plan with
// BigInt arithmetic. C precedence; operators: unary - + ~, * / %, + -, << >>, &, ^, |.
// Interpolations cannot take part in an expression: `${x}` must stand alone where a value goes.

import { DynasmSyntaxError, ErrorCodes } from './errors.js';
import { T, type Token } from './lexer.js';

export interface ExprResult {
  readonly value: bigint;
  /** Index of the first token after the expression. */
  readonly next: number;
}

const BINARY: Record<string, number> = { '|': 1, '^': 2, '&': 3, '<<': 4, '>>': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6 };

/** True if the token can start a constant expression. */
export function startsExpr(t: Token | undefined): boolean {
  if (!t) return false;
  if (t.t === T.NUM) return true;
  return t.t === T.PUNCT && (t.s === '(' || t.s === '-' || t.s === '+' || t.s === '~');
}

/** Parses a constant expression starting at `toks[i]`; stops before a token that cannot continue it. */
export function parseExpr(toks: readonly Token[], i: number, site?: string): ExprResult {
  const p = new ExprParser(toks, site);
  p.i = i;
  const value = p.binary(0);
  return { value, next: p.i };
}

/** A bigint as a number when it is a safe integer, else the bigint. */
export function normalize(v: bigint): number | bigint {
  return v >= -BigInt(Number.MAX_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

class ExprParser {
  i = 0;
  constructor(
    private readonly toks: readonly Token[],
    private readonly site?: string,
  ) {}

  private fail(msg: string): never {
    const t = this.toks[this.i] ?? this.toks[this.toks.length - 1];
    throw new DynasmSyntaxError(ErrorCodes.SYNTAX, msg, { site: this.site, line: t?.line, column: t?.col });
  }

  binary(minPrec: number): bigint {
    let left = this.unary();
    for (;;) {
      const t = this.toks[this.i];
      if (!t || t.t !== T.PUNCT) return left;
      const prec = BINARY[t.s];
      if (prec === undefined || prec <= minPrec) return left;
      this.i++;
      const right = this.binary(prec);
      left = apply(t.s, left, right, () => this.fail('division by zero in constant expression'));
    }
  }

  unary(): bigint {
    const t = this.toks[this.i];
    if (!t) this.fail('expected a number');
    if (t.t === T.PUNCT) {
      if (t.s === '-') return this.i++, -this.unary();
      if (t.s === '+') return this.i++, this.unary();
      if (t.s === '~') return this.i++, ~this.unary();
      if (t.s === '(') {
        this.i++;
        const v = this.binary(0);
        const c = this.toks[this.i];
        if (!c || c.s !== ')' || c.t !== T.PUNCT) this.fail("expected ')'");
        this.i++;
        return v;
      }
    }
    if (t.t === T.NUM) {
      this.i++;
      return BigInt(t.n);
    }
    if (t.t === T.HOLE) this.fail('an interpolated value must stand alone, not inside an expression');
    return this.fail(`expected a number, got '${t.s}'`);
  }
}

function apply(op: string, a: bigint, b: bigint, divZero: () => never): bigint {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return b === 0n ? divZero() : a / b;
    case '%':
      return b === 0n ? divZero() : a % b;
    case '<<':
      return a << b;
    case '>>':
      return a >> b;
    case '&':
      return a & b;
    case '|':
      return a | b;
    default:
      return a ^ b;
  }
}
