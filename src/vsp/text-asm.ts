// The VSP text assembler (spec section 7): one statement per line, `;` comments, labels with forward
// references, the directives .mode .code/.text .data .entry .byte .state .string .zero .align, registers
// R0..RF / R10..R15 / L0..LF / L10..L15, SYSCALL intrinsic names. Mnemonics, registers, directives, modes
// and intrinsic names are case-insensitive; labels are case-sensitive. Every error of the file is collected
// (line, column, what was expected) and thrown as one VspAsmError; nothing is produced when there is one.
// The result is a Program (program.ts) with the symbol table the spec says the assembler writes: every
// label, kind 0 for code and 1 for data, in order of definition; container.ts turns it into .silc bytes.
import { VSP_OPCODE_BY_MNEMONIC, type VspOpcode, type VspShape } from '../../spec/vsp/opcodes.js';
import { INTRINSIC_BY_NAME } from './intrinsics.js';
import { SymbolKind, type Program, type VspSymbol } from './program.js';
import { Mode } from './state-layout.js';

/** One assembler error: where (1-based line and column) and what was expected. */
export interface AsmDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** `FILE:LINE:COL: message`. */
export function formatDiagnostic(d: AsmDiagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.message}`;
}

/** The errors of the VSP text area: VspAsmError (assembling) and VspDisasmError (text-disasm.ts). */
export class VspTextError extends Error {}

/** All errors of one source file (at least one), in line order. `message` is their formatted lines. */
export class VspAsmError extends VspTextError {
  readonly diagnostics: readonly AsmDiagnostic[];
  constructor(diagnostics: readonly AsmDiagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'VspAsmError';
    this.diagnostics = diagnostics;
  }
}

/** What the assembler produces: a program with its symbol table (always present, possibly empty). */
export interface AsmResult extends Program {
  readonly symbols: readonly VspSymbol[];
}

/** Mode names as the text writes them (spec 7), index = MODE. */
export const MODE_NAMES: readonly string[] = ['SIL-8', 'SIL-16', 'SIL-32', 'SIL-64', 'SIL-128'];

export const MAX_TEXT_DATA = 0x10000;
export const MAX_TEXT_CODE = 16 * 1024 * 1024;

/** Register name (upper case) -> index: R0..R9, RA..RF, R10..R15 and the L aliases. */
const REGISTERS: ReadonlyMap<string, number> = (() => {
  const m = new Map<string, number>();
  for (let i = 0; i < 16; i++) {
    for (const p of ['R', 'L']) {
      m.set(p + i.toString(16).toUpperCase(), i);
      if (i >= 10) m.set(p + String(i), i);
    }
  }
  return m;
})();

const MODES: ReadonlyMap<string, Mode> = new Map(MODE_NAMES.map((n, i) => [n, i as Mode]));

const LABEL_RE = /^[A-Za-z_][A-Za-z0-9_.]*$/;

/** Operand text per shape, for messages. */
const SHAPE_TEXT: Record<VspShape, string> = {
  '-': 'no operands',
  r: 'Ra',
  rr: 'Ra, Rb',
  ri: 'Ra, imm',
  rri: 'Ra, Rb, imm',
  i8: 'imm',
  m: 'SIL-n',
  a24: 'target',
  ra16: 'Ra, addr',
  ch: 'channel',
  sys: 'id[, arg]',
};

// ---------------------------------------------------------------------------------------------------------
// Lexing

type Token =
  | { readonly kind: 'word'; readonly col: number; readonly text: string }
  | { readonly kind: 'num'; readonly col: number; readonly text: string; readonly value: bigint }
  | { readonly kind: 'str'; readonly col: number; readonly text: string; readonly bytes: number[] }
  | { readonly kind: 'comma' | 'colon'; readonly col: number; readonly text: string };

/** A diagnostic thrown inside one line's processing (caught per line). */
class LineError {
  constructor(
    readonly column: number,
    readonly message: string,
  ) {}
}

const isWordStart = (c: string): boolean => /[A-Za-z_.]/.test(c);
const isWordChar = (c: string): boolean => /[A-Za-z0-9_.]/.test(c);
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

function lexLine(line: string): Token[] {
  const toks: Token[] = [];
  let i = 0;
  const n = line.length;
  while (i < n) {
    const c = line[i]!;
    const col = i + 1;
    if (c === ';') break;
    if (c.charCodeAt(0) <= 0x20) {
      i++;
      continue;
    }
    if (c === ',') {
      toks.push({ kind: 'comma', col, text: ',' });
      i++;
    } else if (c === ':') {
      toks.push({ kind: 'colon', col, text: ':' });
      i++;
    } else if (c === '"') {
      const bytes: number[] = [];
      i++;
      for (;;) {
        if (i >= n) throw new LineError(col, 'unterminated string: expected a closing \'"\'');
        const d = line[i]!;
        if (d === '"') {
          i++;
          break;
        }
        if (d === '\\') {
          const e = line[i + 1];
          if (e === 'n') bytes.push(0x0a);
          else if (e === 't') bytes.push(0x09);
          else if (e === '"') bytes.push(0x22);
          else if (e === '\\') bytes.push(0x5c);
          else if (e === 'x' && /^[0-9A-Fa-f]{2}$/.test(line.slice(i + 2, i + 4))) {
            bytes.push(parseInt(line.slice(i + 2, i + 4), 16));
            i += 2;
          } else if (e === 'x') {
            throw new LineError(i + 1, 'bad escape: \\x takes exactly two hex digits');
          } else {
            throw new LineError(i + 1, `bad escape '\\${e ?? ''}': expected \\n, \\t, \\", \\\\ or \\xHH`);
          }
          i += 2;
          continue;
        }
        const code = d.charCodeAt(0);
        if (code > 0x7f) throw new LineError(i + 1, `non-ASCII character '${d}' in a string: use \\xHH`);
        bytes.push(code);
        i++;
      }
      toks.push({ kind: 'str', col, text: line.slice(col - 1, i), bytes });
    } else if (isDigit(c) || (c === '-' && i + 1 < n && isDigit(line[i + 1]!))) {
      let j = c === '-' ? i + 1 : i;
      let value: bigint;
      if (line[j] === '0' && (line[j + 1] === 'x' || line[j + 1] === 'X')) {
        let k = j + 2;
        while (k < n && /[0-9A-Fa-f]/.test(line[k]!)) k++;
        if (k === j + 2) throw new LineError(col, `malformed number '${line.slice(i, k + 1)}': expected hex digits after 0x`);
        value = BigInt('0x' + line.slice(j + 2, k));
        j = k;
      } else {
        let k = j;
        while (k < n && isDigit(line[k]!)) k++;
        value = BigInt(line.slice(j, k));
        j = k;
      }
      if (j < n && isWordChar(line[j]!)) {
        let k = j;
        while (k < n && isWordChar(line[k]!)) k++;
        throw new LineError(col, `malformed number '${line.slice(i, k)}': expected decimal (-12) or hex (0x1F)`);
      }
      toks.push({ kind: 'num', col, text: line.slice(i, j), value: c === '-' ? -value : value });
      i = j;
    } else if (isWordStart(c)) {
      let j = i + 1;
      while (j < n && isWordChar(line[j]!)) j++;
      // SIL-8 .. SIL-128: one token
      if (line.slice(i, j).toUpperCase() === 'SIL' && line[j] === '-' && j + 1 < n && isDigit(line[j + 1]!)) {
        j++;
        while (j < n && isWordChar(line[j]!)) j++;
      }
      toks.push({ kind: 'word', col, text: line.slice(i, j) });
      i = j;
    } else {
      throw new LineError(col, `unexpected character '${c}'`);
    }
  }
  return toks;
}

// ---------------------------------------------------------------------------------------------------------
// Output buffers

class Bytes {
  buf = new Uint8Array(256);
  length = 0;
  ensure(extra: number): void {
    if (this.length + extra <= this.buf.length) return;
    let cap = this.buf.length;
    while (cap < this.length + extra) cap *= 2;
    const nb = new Uint8Array(cap);
    nb.set(this.buf.subarray(0, this.length));
    this.buf = nb;
  }
  push(b: number): void {
    this.ensure(1);
    this.buf[this.length++] = b & 0xff;
  }
  zeros(n: number): void {
    this.ensure(n);
    this.buf.fill(0, this.length, this.length + n);
    this.length += n;
  }
  result(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

// ---------------------------------------------------------------------------------------------------------
// The assembler

interface LabelDef {
  readonly name: string;
  readonly address: number;
  readonly kind: SymbolKind;
  readonly line: number;
}

/** A label reference patched once every label is known. */
interface Fixup {
  readonly name: string;
  readonly line: number;
  readonly col: number;
  readonly max: number;
  readonly field: string;
  /** Writes the resolved value. */
  readonly apply: (v: number) => void;
}

/** Operand count (min, max) per shape. */
const OPERAND_COUNTS: Record<VspShape, readonly [number, number]> = {
  '-': [0, 0],
  r: [1, 1],
  rr: [2, 2],
  ri: [2, 2],
  rri: [3, 3],
  i8: [1, 1],
  m: [1, 1],
  a24: [1, 1],
  ra16: [2, 2],
  ch: [1, 1],
  sys: [1, 2],
};

const hex = (v: number): string => '0x' + v.toString(16).toUpperCase();

function describe(t: Token): string {
  switch (t.kind) {
    case 'num':
      return `number ${t.text}`;
    case 'str':
      return 'a string';
    case 'comma':
      return "','";
    case 'colon':
      return "':'";
    case 'word':
      return REGISTERS.has(t.text.toUpperCase()) ? `register ${t.text}` : `'${t.text}'`;
  }
}

const DIRECTIVES = '.mode, .code, .text, .data, .entry, .byte, .state, .string, .zero or .align';
const DATA_DIRECTIVES = new Set(['.byte', '.state', '.string', '.zero']);

/**
 * Assembles VSP text (spec 7). Throws VspAsmError with every error of the file; never anything else for
 * any input string.
 */
export function assembleText(source: string, fileName = '<input>'): AsmResult {
  const diags: AsmDiagnostic[] = [];
  const code = new Bytes();
  const data = new Bytes();
  const labels = new Map<string, LabelDef>();
  const order: LabelDef[] = [];
  const fixups: Fixup[] = [];
  let section: 'code' | 'data' = 'code';
  let mode: Mode | undefined;
  let modeLine = 0;
  let entry = 0;
  let entryLine = 0;
  let dataOverflowReported = false;
  let codeOverflowReported = false;

  const lines = source.split('\n');
  for (let li = 0; li < lines.length; li++) {
    const lineNo = li + 1;
    let text = lines[li]!;
    if (text.endsWith('\r')) text = text.slice(0, -1);
    try {
      const toks = lexLine(text);
      let i = 0;
      // labels
      while (i + 1 < toks.length && toks[i]!.kind === 'word' && toks[i + 1]!.kind === 'colon') {
        const t = toks[i]!;
        const name = t.text;
        checkLabelName(name, t.col);
        const prev = labels.get(name);
        if (prev) throw new LineError(t.col, `duplicate label '${name}' (first defined at line ${prev.line})`);
        const def: LabelDef =
          section === 'code'
            ? { name, address: code.length, kind: SymbolKind.label, line: lineNo }
            : { name, address: data.length, kind: SymbolKind.data, line: lineNo };
        labels.set(name, def);
        order.push(def);
        i += 2;
      }
      if (i >= toks.length) continue;
      const head = toks[i]!;
      if (head.kind !== 'word') throw new LineError(head.col, `expected a label, mnemonic or directive, found ${describe(head)}`);
      const ops = splitOperands(toks, i + 1, text.length);
      const key = head.text.toLowerCase();
      if (key.startsWith('.')) {
        directive(key, head, ops, lineNo);
      } else {
        const info = VSP_OPCODE_BY_MNEMONIC.get(head.text.toUpperCase());
        if (!info) {
          const hint = ops.length === 0 && LABEL_RE.test(head.text) ? ` (a label needs a colon: '${head.text}:')` : '';
          throw new LineError(head.col, `unknown mnemonic '${head.text}'${hint}`);
        }
        if (section !== 'code') throw new LineError(head.col, `instruction ${info.mnemonic} in the data section (write .code before it)`);
        instruction(info, head, ops, lineNo);
      }
    } catch (e) {
      if (!(e instanceof LineError)) throw e;
      diags.push({ file: fileName, line: lineNo, column: e.column, message: e.message });
    }
  }

  // resolve label references
  for (const f of fixups) {
    const def = labels.get(f.name);
    if (!def) {
      diags.push({ file: fileName, line: f.line, column: f.col, message: `undefined label '${f.name}'` });
      continue;
    }
    if (def.address > f.max) {
      diags.push({
        file: fileName,
        line: f.line,
        column: f.col,
        message: `label '${f.name}' = ${hex(def.address)} out of range: ${f.field} takes 0..${hex(f.max)}`,
      });
      continue;
    }
    f.apply(def.address);
  }

  if (diags.length > 0) {
    diags.sort((a, b) => a.line - b.line || a.column - b.column);
    throw new VspAsmError(diags);
  }
  return {
    mode: mode ?? Mode.SIL128,
    entry,
    code: code.result(),
    data: data.result(),
    symbols: order.map((d) => ({ name: d.name, address: d.address, kind: d.kind })),
  };

  // -------------------------------------------------------------------------------------------------------

  function checkLabelName(name: string, col: number): void {
    if (!LABEL_RE.test(name)) throw new LineError(col, `bad label name '${name}': expected [A-Za-z_][A-Za-z0-9_.]*`);
    if (VSP_OPCODE_BY_MNEMONIC.has(name.toUpperCase())) throw new LineError(col, `label '${name}' is a mnemonic`);
    if (REGISTERS.has(name.toUpperCase())) throw new LineError(col, `label '${name}' is a register name`);
  }

  /** The operands after the head: one token each, separated by commas. */
  function splitOperands(toks: Token[], from: number, lineLen: number): Token[] {
    const out: Token[] = [];
    let i = from;
    if (i >= toks.length) return out;
    for (;;) {
      const t = toks[i];
      if (t === undefined) throw new LineError(lineLen + 1, 'expected an operand after \',\'');
      if (t.kind === 'comma') throw new LineError(t.col, "expected an operand before ','");
      if (t.kind === 'colon') throw new LineError(t.col, "unexpected ':' (a label goes at the start of the line)");
      out.push(t);
      const next = toks[i + 1];
      if (next === undefined) return out;
      if (next.kind === 'colon') throw new LineError(next.col, "unexpected ':' (a label goes at the start of the line)");
      if (next.kind !== 'comma') throw new LineError(next.col, `expected ',' or the end of the line, found ${describe(next)}`);
      i += 2;
    }
  }

  function register(t: Token): number {
    const r = t.kind === 'word' ? REGISTERS.get(t.text.toUpperCase()) : undefined;
    if (r === undefined) throw new LineError(t.col, `expected a register (R0..RF, R10..R15, L0..LF), found ${describe(t)}`);
    return r;
  }

  /** A plain number in [min, max]. */
  function number(t: Token, min: number, max: number, field: string): number {
    const range = max > 255 ? `${min < 0 ? min : hex(min)}..${hex(max)}` : `${min}..${max}`;
    if (t.kind !== 'num') throw new LineError(t.col, `expected a number ${range} (${field}), found ${describe(t)}`);
    if (t.value < BigInt(min) || t.value > BigInt(max)) throw new LineError(t.col, `value ${t.text} out of range: ${field} takes ${range}`);
    return Number(t.value);
  }

  /** A number 0..max or a label (resolved later through `apply`). */
  function valueOrLabel(t: Token, max: number, field: string, line: number, apply: (v: number) => void): void {
    if (t.kind === 'word' && !REGISTERS.has(t.text.toUpperCase()) && LABEL_RE.test(t.text)) {
      fixups.push({ name: t.text, line, col: t.col, max, field, apply });
      return;
    }
    if (t.kind !== 'num') throw new LineError(t.col, `expected a number 0..${hex(max)} or a label (${field}), found ${describe(t)}`);
    apply(number(t, 0, max, field));
  }

  function modeOperand(t: Token): Mode {
    const m = t.kind === 'word' ? MODES.get(t.text.toUpperCase()) : undefined;
    if (m === undefined) throw new LineError(t.col, `expected a mode (SIL-8, SIL-16, SIL-32, SIL-64 or SIL-128), found ${describe(t)}`);
    return m;
  }

  function expectCount(head: Token, ops: Token[], min: number, max: number, what: string): void {
    if (ops.length < min || ops.length > max) {
      const col = ops.length > max ? ops[max]!.col : head.col;
      const n = min === max ? `${min} operand${min === 1 ? '' : 's'}` : `${min} to ${max} operands`;
      throw new LineError(col, `${head.text} takes ${n} (${what}), found ${ops.length}`);
    }
  }

  function instruction(info: VspOpcode, head: Token, ops: Token[], line: number): void {
    const shape = info.shape;
    const [min, max] = OPERAND_COUNTS[shape];
    if (code.length + info.size > MAX_TEXT_CODE) {
      if (!codeOverflowReported) {
        codeOverflowReported = true;
        throw new LineError(head.col, `code beyond ${MAX_TEXT_CODE.toLocaleString('en-US')} bytes`);
      }
      return;
    }
    // the instruction takes its bytes even when an operand is wrong, so later labels keep their addresses
    const at = code.length;
    code.zeros(info.size);
    code.buf[at] = info.code;
    const put = (o: number, v: number): void => {
      code.buf[at + o] = v & 0xff;
    };
    expectCount(head, ops, min, max, SHAPE_TEXT[shape]);
    switch (shape) {
      case '-':
        break;
      case 'r':
        put(1, register(ops[0]!));
        break;
      case 'rr':
        put(1, register(ops[0]!) | (register(ops[1]!) << 4));
        break;
      case 'ri':
        put(1, register(ops[0]!));
        put(2, number(ops[1]!, -128, 255, 'imm') & 0xff);
        break;
      case 'rri':
        put(1, register(ops[0]!) | (register(ops[1]!) << 4));
        put(2, number(ops[2]!, -128, 255, 'imm') & 0xff);
        break;
      case 'i8':
        put(1, number(ops[0]!, 0, 255, 'i8'));
        break;
      case 'm': {
        const m = modeOperand(ops[0]!);
        if (info.size === 2) put(1, m);
        else put(2, m);
        break;
      }
      case 'a24':
        valueOrLabel(ops[0]!, 0xffffff, info.branch ? 'target' : 'a24', line, (v) => {
          put(1, v);
          put(2, v >> 8);
          put(3, v >> 16);
        });
        break;
      case 'ra16':
        put(1, register(ops[0]!));
        valueOrLabel(ops[1]!, 0xffff, 'addr', line, (v) => {
          put(2, v);
          put(3, v >> 8);
        });
        break;
      case 'ch':
        valueOrLabel(ops[0]!, 0xff, 'ch', line, (v) => put(1, v));
        break;
      case 'sys': {
        const t = ops[0]!;
        if (t.kind === 'word') {
          const intr = INTRINSIC_BY_NAME.get(t.text.toLowerCase());
          if (!intr) throw new LineError(t.col, `unknown intrinsic '${t.text}': expected an intrinsic name of section 8 or a number 0..255`);
          put(1, intr.id);
        } else {
          put(1, number(t, 0, 255, 'SYSCALL id'));
        }
        if (ops.length > 1) {
          valueOrLabel(ops[1]!, 0xffff, 'SYSCALL arg', line, (v) => {
            put(2, v);
            put(3, v >> 8);
          });
        }
        break;
      }
    }
  }

  function directive(key: string, head: Token, ops: Token[], line: number): void {
    if (DATA_DIRECTIVES.has(key) && section !== 'data') {
      throw new LineError(head.col, `${head.text} is a data directive: it belongs in the data section (write .data before it)`);
    }
    switch (key) {
      case '.mode': {
        expectCount(head, ops, 1, 1, 'SIL-n');
        const m = modeOperand(ops[0]!);
        if (mode !== undefined) throw new LineError(head.col, `duplicate .mode (first at line ${modeLine})`);
        mode = m;
        modeLine = line;
        return;
      }
      case '.code':
      case '.text':
        expectCount(head, ops, 0, 0, 'no operands');
        section = 'code';
        return;
      case '.data':
        expectCount(head, ops, 0, 0, 'no operands');
        section = 'data';
        return;
      case '.entry': {
        expectCount(head, ops, 1, 1, 'label');
        if (entryLine !== 0) throw new LineError(head.col, `duplicate .entry (first at line ${entryLine})`);
        entryLine = line;
        valueOrLabel(ops[0]!, 0xffffff, 'entry', line, (v) => {
          entry = v;
        });
        return;
      }
      case '.byte': {
        if (ops.length === 0) throw new LineError(head.col, '.byte takes at least one value (-128..255)');
        const vals = ops.map((t) => number(t, -128, 255, '.byte'));
        emitData(head, vals.length, (at) => vals.forEach((v, k) => (data.buf[at + k] = v & 0xff)));
        return;
      }
      case '.state': {
        if (ops.length !== 16) {
          throw new LineError(ops.length > 16 ? ops[16]!.col : head.col, `.state takes exactly 16 values (-128..255), found ${ops.length}`);
        }
        const vals = ops.map((t) => number(t, -128, 255, '.state'));
        emitData(head, 16, (at) => vals.forEach((v, k) => (data.buf[at + k] = v & 0xff)));
        return;
      }
      case '.string': {
        expectCount(head, ops, 1, 1, '"text"');
        const t = ops[0]!;
        if (t.kind !== 'str') throw new LineError(t.col, `expected a string "text", found ${describe(t)}`);
        emitData(head, t.bytes.length + 1, (at) => {
          data.buf.set(t.bytes, at);
          data.buf[at + t.bytes.length] = 0;
        });
        return;
      }
      case '.zero': {
        expectCount(head, ops, 1, 1, 'n');
        const n = number(ops[0]!, 0, MAX_TEXT_DATA, '.zero');
        emitData(head, n, () => {});
        return;
      }
      case '.align': {
        expectCount(head, ops, 1, 1, 'n');
        const n = number(ops[0]!, 1, MAX_TEXT_CODE, '.align');
        if ((n & (n - 1)) !== 0) throw new LineError(ops[0]!.col, `.align ${ops[0]!.text}: expected a power of two`);
        if (section === 'data') {
          emitData(head, (n - (data.length % n)) % n, () => {});
        } else {
          const pad = (n - (code.length % n)) % n;
          if (code.length + pad > MAX_TEXT_CODE) {
            if (!codeOverflowReported) {
              codeOverflowReported = true;
              throw new LineError(head.col, `code beyond ${MAX_TEXT_CODE.toLocaleString('en-US')} bytes`);
            }
            return;
          }
          code.zeros(pad); // 0 is NOP
        }
        return;
      }
      default:
        throw new LineError(head.col, `unknown directive '${head.text}': expected ${DIRECTIVES}`);
    }
  }

  /** Appends n data bytes (zeros, then `fill` writes them), or reports data beyond 65,536 bytes. */
  function emitData(head: Token, n: number, fill: (at: number) => void): void {
    if (data.length + n > MAX_TEXT_DATA) {
      if (!dataOverflowReported) {
        dataOverflowReported = true;
        throw new LineError(head.col, `data beyond 65,536 bytes (${head.text} would end at ${data.length + n})`);
      }
      return;
    }
    const at = data.length;
    data.zeros(n);
    fill(at);
  }
}
