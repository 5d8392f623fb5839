// Data and layout directives (arch-neutral, little-endian):
//   .byte / .hword .short .2byte / .word .long .int .4byte / .quad .xword .dword .8byte  v, v, …
//       v: constant expression, ${number|bigint}, or (4- and 8-byte only) a label: name, 1f/1b, ${label}
//   .align n[, fill]  (2^n bytes on A64, n bytes on x64, as GNU as)   .p2align n[, fill]   .balign n[, fill]
//   .space n[, fill]  .skip  .zero      n may be ${number}
//   .ascii "s"   .asciz "s"   .string "s"
//   .text (accepted and ignored: there is one section)

import { VK } from './arch.js';
import { DirectiveError, DynasmError, ErrorCodes } from './errors.js';
import { parseExpr, startsExpr } from './expr.js';
import { T, type Token } from './lexer.js';
import type { PlanBuilder } from './plan.js';

const DATA_SIZES: Record<string, 1 | 2 | 4 | 8> = {
  '.byte': 1,
  '.hword': 2,
  '.short': 2,
  '.2byte': 2,
  '.word': 4,
  '.long': 4,
  '.int': 4,
  '.4byte': 4,
  '.quad': 8,
  '.xword': 8,
  '.dword': 8,
  '.8byte': 8,
};

/** Every directive name the DSL knows (docs). */
export const DIRECTIVES: readonly string[] = [...Object.keys(DATA_SIZES), '.align', '.p2align', '.balign', '.space', '.skip', '.zero', '.ascii', '.asciz', '.string', '.text'];

/** Largest alignment accepted, in bytes. */
const MAX_ALIGN = 1 << 16;
/** Largest constant `.space`. */
const MAX_SPACE = 1 << 24;

export function compileDirective(b: PlanBuilder, head: Token, args: readonly Token[]): void {
  const name = head.s.toLowerCase();
  const items = splitItems(args, head);
  const size = DATA_SIZES[name];
  if (size) {
    if (items.length === 0) throw err(head, `${name} needs at least one value`);
    for (const it of items) dataItem(b, name, size, it);
    return;
  }
  switch (name) {
    case '.text':
      // Code goes to one buffer; accepted so that GNU as sources assemble unchanged.
      if (items.length) throw err(head, '.text takes no operands here (there is one section)');
      return;
    case '.align':
    case '.p2align':
    case '.balign': {
      if (items.length < 1 || items.length > 2) throw err(head, `${name} takes an alignment and an optional fill byte`);
      const n = constant(b, items[0], name);
      let bytes: number;
      if (name === '.balign' || (name === '.align' && !b.arch.alignIsPow2)) {
        if (n < 1n || n > BigInt(MAX_ALIGN) || (n & (n - 1n)) !== 0n) throw err(items[0][0], `${name}: alignment must be a power of two in 1..${MAX_ALIGN}, got ${n}`);
        bytes = Number(n);
      } else {
        if (n < 0n || n > 16n) throw err(items[0][0], `${name}: alignment exponent must be 0..16, got ${n}`);
        bytes = 1 << Number(n);
      }
      let fill = -1;
      if (items.length === 2) {
        const f = constant(b, items[1], name);
        if (f < -128n || f > 255n) throw err(items[1][0], `${name}: fill must be a byte (-128..255), got ${f}`);
        fill = Number(f & 0xffn);
      }
      if (bytes > 1) b.align(bytes, fill);
      return;
    }
    case '.space':
    case '.skip':
    case '.zero': {
      if (items.length < 1 || items.length > 2) throw err(head, `${name} takes a size and an optional fill byte`);
      let fill = 0;
      if (items.length === 2) {
        const f = constant(b, items[1], name);
        if (f < -128n || f > 255n) throw err(items[1][0], `${name}: fill must be a byte (-128..255), got ${f}`);
        fill = Number(f & 0xffn);
      }
      const it = items[0];
      if (it.length === 1 && it[0].t === T.HOLE) {
        const arg = Number(it[0].n);
        if (b.argKind(arg) !== VK.IMM) throw new DirectiveError(ErrorCodes.VALUE, `${name}: \${${arg}} must be a number, got ${b.arch.describeKind(b.argKind(arg))}`, { line: it[0].line, column: it[0].col });
        b.spaceArg(arg, fill);
        return;
      }
      const n = constant(b, it, name);
      if (n < 0n || n > BigInt(MAX_SPACE)) throw err(it[0], `${name}: size must be 0..${MAX_SPACE}, got ${n}`);
      b.data(new Uint8Array(Number(n)).fill(fill));
      return;
    }
    case '.ascii':
    case '.asciz':
    case '.string': {
      if (items.length === 0) throw err(head, `${name} needs a string`);
      for (const it of items) {
        if (it.length !== 1 || it[0].t !== T.STRING) throw err(it[0] ?? head, `${name} takes quoted strings`);
        const s = it[0].s;
        const bytes: number[] = [];
        for (let i = 0; i < s.length; i++) {
          const c = s.charCodeAt(i);
          if (c > 255) throw err(it[0], `${name}: character '${s[i]}' is not a byte (use \\x escapes for bytes)`);
          bytes.push(c);
        }
        if (name !== '.ascii') bytes.push(0);
        b.data(bytes);
      }
      return;
    }
    default:
      throw new DirectiveError(ErrorCodes.MNEMONIC, `unknown directive '${head.s}' (known: ${DIRECTIVES.join(' ')})`, { line: head.line, column: head.col });
  }
}

function dataItem(b: PlanBuilder, name: string, size: 1 | 2 | 4 | 8, it: readonly Token[]): void {
  const t0 = it[0];
  if (it.length === 1 && t0.t === T.HOLE) {
    const arg = Number(t0.n);
    const k = b.argKind(arg);
    if (k === VK.IMM) return b.dataArg(arg, size);
    if (k === VK.LABEL) {
      if (size < 4) throw err(t0, `${name}: a label address needs .word or .quad`);
      return b.dataRef({ type: 'arg', arg }, size as 4 | 8, t0);
    }
    throw new DirectiveError(ErrorCodes.VALUE, `${name}: \${${arg}} must be a number, bigint or Label, got ${b.arch.describeKind(k)}`, { line: t0.line, column: t0.col });
  }
  if (it.length === 1 && (t0.t === T.LOCALREF || (t0.t === T.IDENT && !t0.s.startsWith('.')))) {
    if (size < 4) throw err(t0, `${name}: a label address needs .word or .quad`);
    const label = t0.t === T.LOCALREF ? { type: 'local' as const, n: Number(t0.n), dir: t0.dir! } : { type: 'name' as const, name: t0.s };
    return b.dataRef(label, size as 4 | 8, t0);
  }
  const v = constant(b, it, name);
  const bad = checkData(v, size);
  if (bad) throw new DirectiveError(ErrorCodes.RANGE, `${name}: ${bad}`, { line: t0.line, column: t0.col });
  const bytes = new Uint8Array(size);
  writeData(new DataView(bytes.buffer), 0, v, size);
  b.data(bytes);
}

/** Why `v` does not fit `size` bytes (as signed or unsigned), or null. Same predicate at plan and fill time. */
export function checkData(v: number | bigint, size: number): string | null {
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) return `value ${v} is not an integer`;
    if (!Number.isSafeInteger(v)) return `value ${v} is beyond ±2^53: pass a bigint`;
    // Numbers that fit need no BigInt (a JIT writes tables of them); the rest get the message below.
    if (size >= 8) return null;
    const top = size === 4 ? 4294967296 : size === 2 ? 65536 : 256; // 2^(8 size) without Math.pow
    if (v >= -top / 2 && v < top) return null;
  }
  const x = BigInt(v);
  const bits = BigInt(size * 8);
  if (x < -(1n << (bits - 1n)) || x >= 1n << bits) return `value ${v} does not fit ${size} byte${size > 1 ? 's' : ''} (${-(1n << (bits - 1n))}..${(1n << bits) - 1n})`;
  return null;
}

/** Writes a checked value little-endian. */
export function writeData(dv: DataView, at: number, v: number | bigint, size: number): void {
  if (size === 8) {
    dv.setBigUint64(at, BigInt.asUintN(64, BigInt(v)), true);
    return;
  }
  const n = typeof v === 'number' ? v : Number(BigInt.asIntN(32, v));
  if (size === 4) dv.setUint32(at, n >>> 0, true);
  else if (size === 2) dv.setUint16(at, n & 0xffff, true);
  else dv.setUint8(at, n & 0xff);
}

function constant(b: PlanBuilder, it: readonly Token[], name: string): bigint {
  if (it.length === 1 && it[0].t === T.HOLE) throw err(it[0], `${name}: this value must be a constant, not an interpolation`);
  if (!startsExpr(it[0])) throw err(it[0], `${name}: expected a number, got '${it[0].s}'`);
  const r = parseExpr(it, 0, b.site);
  if (r.next !== it.length) throw err(it[r.next], `${name}: unexpected '${it[r.next].s}' after the value`);
  return r.value;
}

function splitItems(toks: readonly Token[], head: Token): Token[][] {
  const items: Token[][] = [];
  if (toks.length === 0) return items;
  let cur: Token[] = [];
  for (const t of toks) {
    if (t.t === T.PUNCT && t.s === ',') {
      if (cur.length === 0) throw err(t, 'empty value before a comma');
      items.push(cur);
      cur = [];
    } else cur.push(t);
  }
  if (cur.length === 0) throw err(toks[toks.length - 1] ?? head, 'missing value after a comma');
  items.push(cur);
  return items;
}

function err(t: Token, msg: string): DirectiveError {
  return new DirectiveError(ErrorCodes.DIRECTIVE, msg, { line: t.line, column: t.col });
}
