// The lexer: template strings + interpolation slots → statements of tokens. Arch-neutral.
// Statements end at a newline or `;`. Comments: `//` to end of line and `/* … */`.
// Positions refer to the template as rendered with each interpolation written `${i}`, which is also how
// error messages show the statement; before the first interpolation on a line that is the source column.

import { DynasmSyntaxError, ErrorCodes } from './errors.js';

export const T = {
  IDENT: 1,
  NUM: 2,
  FLOAT: 3,
  /** `1b` / `12f`: reference to a local numeric label. */
  LOCALREF: 4,
  STRING: 5,
  PUNCT: 6,
  /** An interpolation `${…}`; `n` is the argument index. */
  HOLE: 7,
  /** Never produced by `lex`: a placeholder `<name:type>` in an architecture's spec patterns (`s` = its text). */
  PH: 8,
} as const;
export type TokType = (typeof T)[keyof typeof T];

export interface Token {
  readonly t: TokType;
  /** Text: identifier (original case), punctuation, string contents, or the number's source. */
  readonly s: string;
  /** NUM: the value (number if a safe integer, else bigint); FLOAT: the number; LOCALREF/HOLE: the index. */
  readonly n: number | bigint;
  /** LOCALREF: 'b' or 'f'. */
  readonly dir?: 'b' | 'f';
  readonly line: number;
  readonly col: number;
  /** Offset in the rendered template. */
  readonly off: number;
  readonly end: number;
  /** Whitespace (or a comment) precedes the token on its line. */
  readonly gap: boolean;
}

export interface Statement {
  readonly tokens: readonly Token[];
  readonly line: number;
  readonly col: number;
  /** The statement's text as rendered (interpolations as `${i}`). */
  readonly text: string;
}

export interface LexResult {
  readonly statements: readonly Statement[];
  /** The whole template as rendered. */
  readonly rendered: string;
}

const PUNCT2 = new Set(['<<', '>>', '<=', '>=', '==', '!=', '&&', '||']);
const PUNCT1 = '[](){},!#:+-*/%&|^~<>=@.';

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 46; // a-z A-Z _ .
}
function isIdentChar(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Splits a template (its raw strings) into statements. Throws DynasmSyntaxError on a bad token. */
export function lex(raw: readonly string[], site?: string): LexResult {
  const stmts: { tokens: Token[]; line: number; col: number; a: number; b: number }[] = [];
  let rendered = '';
  let line = 1;
  let lineStart = 0; // rendered offset of the current line's start
  let cur: Token[] = [];
  let gap = false;

  const flush = () => {
    if (cur.length) {
      const first = cur[0];
      const last = cur[cur.length - 1];
      stmts.push({ tokens: cur, line: first.line, col: first.col, a: first.off, b: last.end });
      cur = [];
    }
  };
  const fail = (msg: string, off: number): never => {
    throw new DynasmSyntaxError(ErrorCodes.SYNTAX, msg, { site, line, column: off - lineStart + 1 });
  };

  for (let seg = 0; seg < raw.length; seg++) {
    const src = raw[seg];
    const base = rendered.length;
    rendered += src;
    let i = 0;
    while (i < src.length) {
      const c = src.charCodeAt(i);
      const off = base + i;
      const col = off - lineStart + 1;
      if (c === 10) {
        flush();
        line++;
        i++;
        lineStart = base + i;
        gap = false;
        continue;
      }
      if (c === 32 || c === 9 || c === 13) {
        i++;
        gap = true;
        continue;
      }
      if (c === 59) {
        // ';' separates statements
        flush();
        i++;
        gap = false;
        continue;
      }
      if (c === 47 && src.charCodeAt(i + 1) === 47) {
        while (i < src.length && src.charCodeAt(i) !== 10) i++;
        gap = true;
        continue;
      }
      if (c === 47 && src.charCodeAt(i + 1) === 42) {
        const close = src.indexOf('*/', i + 2);
        if (close < 0) fail('unterminated /* comment', off);
        for (let k = i; k < close; k++) {
          if (src.charCodeAt(k) === 10) {
            line++;
            lineStart = base + k + 1;
          }
        }
        i = close + 2;
        gap = true;
        continue;
      }
      const push = (t: TokType, s: string, n: number | bigint, len: number, dir?: 'b' | 'f') => {
        cur.push({ t, s, n, dir, line, col, off, end: off + len, gap });
        gap = false;
        i += len;
      };
      if (isDigit(c)) {
        NUMBER.lastIndex = i;
        const m = NUMBER.exec(src);
        if (!m) fail('bad number', off);
        const text = m![0];
        const local = /^\d+[bf]$/.test(text);
        if (!local && isIdentChar(src.charCodeAt(i + text.length))) fail(`bad number '${src.slice(i, i + text.length + 1)}'`, off);
        if (local) push(T.LOCALREF, text, Number(text.slice(0, -1)), text.length, text.endsWith('b') ? 'b' : 'f');
        else if (/[.eE]/.test(text) && !/^0[xX]/.test(text)) push(T.FLOAT, text, Number(text), text.length);
        else push(T.NUM, text, parseInteger(text), text.length);
        continue;
      }
      if (isIdentStart(c)) {
        let j = i + 1;
        while (j < src.length && isIdentChar(src.charCodeAt(j))) j++;
        const text = src.slice(i, j);
        if (text === '.') {
          push(T.PUNCT, '.', 0, 1);
          continue;
        }
        push(T.IDENT, text, 0, j - i);
        continue;
      }
      if (c === 34) {
        const { value, len } = scanString(src, i, (m) => fail(m, off));
        push(T.STRING, value, 0, len);
        continue;
      }
      if (c === 39) {
        // character constant 'a'
        const m = /^'(\\.|[^\\'])'/.exec(src.slice(i, i + 4));
        if (!m) fail('bad character constant', off);
        const ch = m![1].length === 2 ? unescape(m![1][1]) : m![1];
        push(T.NUM, m![0], ch.charCodeAt(0), m![0].length);
        continue;
      }
      const two = src.slice(i, i + 2);
      if (PUNCT2.has(two)) {
        push(T.PUNCT, two, 0, 2);
        continue;
      }
      if (PUNCT1.includes(src[i])) {
        push(T.PUNCT, src[i], 0, 1);
        continue;
      }
      if (c === 92 && src.charCodeAt(i + 1) === 36) fail('a literal "${" is not allowed in a template', off);
      fail(`unexpected character '${src[i]}'`, off);
    }
    if (seg < raw.length - 1) {
      const hole = '${' + seg + '}';
      const off = rendered.length;
      rendered += hole;
      cur.push({ t: T.HOLE, s: hole, n: seg, line, col: off - lineStart + 1, off, end: off + hole.length, gap });
      gap = false;
    }
  }
  flush();
  // Fill in statement texts now that the rendering is complete.
  const out: Statement[] = stmts.map((s) => ({ tokens: s.tokens, line: s.line, col: s.col, text: rendered.slice(s.a, s.b) }));
  return { statements: out, rendered };
}

/** Number syntax, matched in place (sticky). */
const NUMBER = /0[xX][0-9a-fA-F_]+|0[bB][01_]+(?![0-9a-zA-Z_])|\d+\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+|\d+[bf](?![0-9a-zA-Z_.])|\d+/y;

function parseInteger(text: string): number | bigint {
  // Short decimals (the common case) without BigInt; a leading 0 means octal (GNU as).
  if (text.length < 16 && text.charCodeAt(0) !== 48 && /^\d+$/.test(text)) return Number(text);
  if (text === '0') return 0;
  const t = text.replace(/_/g, '');
  let v: bigint;
  if (/^0[xX]/.test(t)) v = BigInt(t);
  else if (/^0[bB]/.test(t)) v = BigInt(t);
  else if (/^0[0-7]+$/.test(t)) v = BigInt('0o' + t.slice(1)); // GNU as: a leading 0 means octal
  else v = BigInt(t);
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

function unescape(c: string): string {
  switch (c) {
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case 'r':
      return '\r';
    case '0':
      return '\0';
    case 'b':
      return '\b';
    case 'f':
      return '\f';
    default:
      return c;
  }
}

function scanString(src: string, start: number, fail: (m: string) => never): { value: string; len: number } {
  let i = start + 1;
  let value = '';
  while (i < src.length) {
    const ch = src[i];
    if (ch === '"') return { value, len: i + 1 - start };
    if (ch === '\n') break;
    if (ch === '\\') {
      const nx = src[i + 1];
      if (nx === 'x') {
        const m = /^[0-9a-fA-F]{1,2}/.exec(src.slice(i + 2));
        if (!m) fail('bad \\x escape');
        value += String.fromCharCode(parseInt(m![0], 16));
        i += 2 + m![0].length;
        continue;
      }
      if (nx >= '0' && nx <= '7') {
        const m = /^[0-7]{1,3}/.exec(src.slice(i + 1))!;
        value += String.fromCharCode(parseInt(m[0], 8) & 0xff);
        i += 1 + m[0].length;
        continue;
      }
      value += unescape(nx);
      i += 2;
      continue;
    }
    value += ch;
    i++;
  }
  return fail('unterminated string');
}
