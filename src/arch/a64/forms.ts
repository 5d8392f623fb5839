// Reads spec/a64 rows once and compiles them into forms: one per row and per optional-part
// alternative, indexed by mnemonic. A form knows its fixed bits, its pattern (operand tree with
// placeholders), the slot of every placeholder (encoder + target fields or variable), and its
// `set`/`check` programs. Everything the matcher, the encoder, the error listing, the docs and the test
// generators need comes from here.

import { isAlias, type Row } from '../../../spec/a64/types.js';
import { specClasses } from '../../../spec/a64/index.js';
import { relocs } from '../../../spec/a64/relocs.js';
import { CONDITIONS } from '../../../spec/a64/symbols.js';
import { T, type Token } from '../../../dsl/lexer.js';
import { EK, encodeValue, exprValue, parseType, renderPlaceholder, type Enc } from './encoders.js';
import { parseOperands, PH, type LeafClass, type Operand } from './operands.js';
import { compileExpr, type Program } from './rowexpr.js';

/** Bit positions of one or more concatenated layout fields (most significant first). */
export interface FieldRef {
  readonly names: readonly string[];
  readonly lsb: readonly number[];
  readonly width: readonly number[];
  readonly total: number;
}

export interface Layout {
  readonly base: number;
  readonly fields: ReadonlyMap<string, { lsb: number; width: number }>;
  readonly text: string;
}

/** A placeholder of a form. */
export interface Slot {
  /** Placeholder name (field, `f1.f2` concatenation, or variable). */
  readonly name: string;
  readonly enc: Enc;
  /** Target fields, or null for a variable (used only by set/check). */
  readonly field: FieldRef | null;
  /** Index into the form's variables (every slot has one). */
  readonly v: number;
  /** 1-based operand index, for messages. */
  readonly operand: number;
}

export interface SetClause {
  readonly field: FieldRef;
  readonly prog: Program;
}

export class Form {
  constructor(
    readonly mn: string,
    readonly row: Row,
    /** spec/a64 class (file) the row comes from. */
    readonly cls: string,
    /** Index of the row in its class. */
    readonly rowIndex: number,
    /** The row's pattern with this alternative's optional parts chosen. */
    readonly patternText: string,
    readonly pattern: readonly Operand[],
    /** Fixed bits: layout constants, mnemonic condition, defaults of absent optional parts. */
    readonly base: number,
    readonly layout: Layout,
    /** Slots by placeholder text `name:type` as written in the pattern. */
    readonly slots: ReadonlyMap<string, Slot>,
    readonly varNames: readonly string[],
    /** Variable values of absent optional placeholders (defaults). */
    readonly varInit: Int32Array,
    readonly sets: readonly SetClause[],
    readonly checks: readonly Program[],
  ) {}

  /** The form as a line of a listing: mnemonic and operands with placeholders rendered. */
  get rendered(): string {
    return renderPattern(this.mn, this.patternText);
  }

  /** The row's full pattern (with optional parts), rendered. */
  get renderedRow(): string {
    return renderPattern(this.mn, this.row.ops);
  }
}

/** Renders `<Rd:xsp>` as `Xd|SP`, `#<imm12:u12>` as `#<0..4095>`, … */
export function renderPattern(mn: string, ops: string): string {
  const body = ops.replace(/<([^<>]+)>/g, (_, inner: string) => {
    const { name, type } = splitPh(inner);
    return renderPlaceholder(parseType(type), name);
  });
  return body ? `${mn} ${body}` : mn;
}

/** `name:type=default` → parts (type may contain '=' inside parentheses). */
export function splitPh(inner: string): { name: string; type: string; def: string | null } {
  const c = inner.indexOf(':');
  if (c < 0) throw new Error(`placeholder <${inner}> needs name:type`);
  const name = inner.slice(0, c);
  let rest = inner.slice(c + 1);
  let def: string | null = null;
  let depth = 0;
  for (let i = rest.length - 1; i >= 0; i--) {
    const ch = rest[i];
    if (ch === ')') depth++;
    else if (ch === '(') depth--;
    else if (ch === '=' && depth === 0) {
      def = rest.slice(i + 1);
      rest = rest.slice(0, i);
      break;
    }
  }
  return { name, type: rest, def };
}

export function parseLayout(text: string): Layout {
  let bit = 32;
  let base = 0;
  const fields = new Map<string, { lsb: number; width: number }>();
  for (const part of text.trim().split(/\s+/)) {
    const m = /^([A-Za-z]\w*):(\d+)$/.exec(part);
    if (m) {
      const w = Number(m[2]);
      bit -= w;
      if (fields.has(m[1])) throw new Error(`field '${m[1]}' appears twice in layout '${text}'`);
      fields.set(m[1], { lsb: bit, width: w });
      continue;
    }
    if (!/^[01]+$/.test(part)) throw new Error(`bad layout item '${part}' in '${text}'`);
    for (const ch of part) {
      bit--;
      if (ch === '1') base |= 1 << bit;
    }
  }
  if (bit !== 0) throw new Error(`layout '${text}' has ${32 - bit} bits, not 32`);
  return { base: base >>> 0, fields, text };
}

function fieldRef(layout: Layout, name: string): FieldRef | null {
  const names = name.split('.');
  const lsb: number[] = [];
  const width: number[] = [];
  for (const n of names) {
    const f = layout.fields.get(n);
    if (!f) return null;
    lsb.push(f.lsb);
    width.push(f.width);
  }
  return { names, lsb, width, total: width.reduce((a, b) => a + b, 0) };
}

/** ORs `value` (its low `total` bits) into the fields. */
export function scatter(f: FieldRef, value: number): number {
  let w = 0;
  let v = value;
  for (let i = f.lsb.length - 1; i >= 0; i--) {
    const width = f.width[i];
    const mask = width >= 32 ? 0xffffffff : (1 << width) - 1;
    w |= (v & mask) << f.lsb[i];
    v = width >= 32 ? 0 : v >>> width;
  }
  return w >>> 0;
}

// ── pattern text → tokens → alternatives ─────────────────────────────────

interface Alt {
  readonly tokens: Token[];
  /** Placeholder texts inside omitted optional parts. */
  readonly absent: string[];
}

function tok(t: number, s: string, n: number | bigint = 0, gap = true): Token {
  return { t: t as Token['t'], s, n, line: 0, col: 0, off: 0, end: 0, gap };
}

type Item = Token | Item[];

function tokenizePattern(text: string): Item[] {
  const root: Item[] = [];
  const stack: Item[][] = [root];
  let i = 0;
  let gap = false;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ') {
      gap = true;
      i++;
      continue;
    }
    const top = stack[stack.length - 1];
    if (c === '<') {
      const close = text.indexOf('>', i);
      if (close < 0) throw new Error(`unclosed placeholder in '${text}'`);
      top.push(tok(PH, text.slice(i + 1, close), 0, gap));
      i = close + 1;
    } else if (c === '{') {
      const g: Item[] = [];
      top.push(g);
      stack.push(g);
      i++;
    } else if (c === '}') {
      if (stack.length === 1) throw new Error(`unbalanced '}' in '${text}'`);
      stack.pop();
      i++;
    } else if ('[],!#'.includes(c)) {
      top.push(tok(T.PUNCT, c, 0, gap));
      i++;
    } else {
      const m = /^(-?\d+|[A-Za-z_][\w.]*)/.exec(text.slice(i));
      if (!m) throw new Error(`bad character '${c}' in pattern '${text}'`);
      const s = m[1];
      top.push(/^-?\d+$/.test(s) ? tok(T.NUM, s, Number(s), gap) : tok(T.IDENT, s, 0, gap));
      i += s.length;
    }
    gap = false;
  }
  if (stack.length !== 1) throw new Error(`unbalanced '{' in '${text}'`);
  return root;
}

function phTexts(items: Item[]): string[] {
  const out: string[] = [];
  for (const it of items) {
    if (Array.isArray(it)) out.push(...phTexts(it));
    else if (it.t === PH) out.push(it.s);
  }
  return out;
}

function expand(items: Item[]): Alt[] {
  let alts: Alt[] = [{ tokens: [], absent: [] }];
  for (const it of items) {
    if (!Array.isArray(it)) {
      alts = alts.map((a) => ({ tokens: [...a.tokens, it], absent: a.absent }));
      continue;
    }
    const inner = expand(it);
    const omitted = phTexts(it);
    const next: Alt[] = [];
    for (const a of alts) {
      next.push({ tokens: a.tokens, absent: [...a.absent, ...omitted] });
      for (const b of inner) next.push({ tokens: [...a.tokens, ...b.tokens], absent: [...a.absent, ...b.absent] });
    }
    alts = next;
  }
  return alts;
}

/** How a placeholder type reads in operand syntax. */
export function phClass(text: string): LeafClass {
  const { type } = splitPh(text);
  const e = parseType(type);
  switch (e.kind) {
    case EK.REG:
      return 'reg';
    case EK.REL:
      return 'label';
    case EK.COND:
    case EK.SYM:
      return 'name';
    case EK.VLIST:
      return 'list';
    case EK.LIST:
      return typeof e.values[0] === 'string' ? 'shift' : 'imm';
    default:
      return 'imm';
  }
}

const patternReader = {
  hole(): LeafClass | null {
    return null;
  },
  ph: phClass,
};

/** Operand index (1-based) of every placeholder in a parsed pattern. */
function operandIndexOf(ops: readonly Operand[]): Map<string, number> {
  const m = new Map<string, number>();
  const visit = (o: unknown, idx: number): void => {
    if (!o || typeof o !== 'object') return;
    const r = o as Record<string, unknown>;
    if (typeof r.ph === 'string') m.set(r.ph, idx);
    for (const key of ['base', 'offset', 'index', 'ext', 'post', 'amount']) visit(r[key], idx);
  };
  ops.forEach((o, i) => visit(o, i + 1));
  return m;
}

// ── compiling rows ────────────────────────────────────────────────────────

function compileRow(row: Row, cls: string, rowIndex: number, byId: ReadonlyMap<string, Row>, keepCond = false): Form[] {
  const where = `spec/a64/${cls}.ts row ${rowIndex} (${row.mn} ${row.ops})`;
  try {
    let layout: Layout;
    if (isAlias(row)) {
      const b = byId.get(row.base);
      if (!b || isAlias(b)) throw new Error(`alias base '${row.base}' is not the id of a base row`);
      layout = parseLayout(b.bits);
    } else layout = parseLayout(row.bits);

    // Mnemonics with `<cond>` expand to one per condition code.
    const mns: [string, number][] = [];
    if (row.mn.includes('<cond>') && !keepCond) {
      const f = layout.fields.get('cond');
      if (!f) throw new Error("mnemonic '<cond>' needs a field 'cond'");
      for (const [name, code] of Object.entries(CONDITIONS)) mns.push([row.mn.replace('<cond>', name), (code << f.lsb) >>> 0]);
    } else mns.push([row.mn, 0]);

    const items = tokenizePattern(row.ops);
    const allPh = phTexts(items);
    const names = allPh.map((p) => splitPh(p).name);
    if (new Set(names).size !== names.length) throw new Error('a placeholder name appears twice');
    const varNames = [...names];
    // A register list's later members get hidden variables `<name>__<k>` (consecutiveness checks at fill time).
    for (const p of allPh) {
      const { name, type } = splitPh(p);
      for (let k = 1; k < parseType(type).count; k++) varNames.push(`${name}__${k}`);
    }
    const varIndex = (n: string) => varNames.indexOf(n);
    const sets: SetClause[] = [];
    if (row.set) {
      for (const clause of row.set.split(',').map((s) => s.trim()).filter(Boolean)) {
        const eq = clause.indexOf('=');
        if (eq < 0) throw new Error(`set clause '${clause}' needs field=expr`);
        const fname = clause.slice(0, eq).trim();
        const field = fieldRef(layout, fname);
        if (!field) throw new Error(`set: '${fname}' is not a field of ${layout.text}`);
        sets.push({ field, prog: compileExpr(clause.slice(eq + 1), varIndex) });
      }
    }
    // `expr` or `expr: message`.
    const checks = row.check
      ? row.check.split(',').map((s) => {
          const [expr, msg] = s.split(':');
          const p = compileExpr(expr.trim(), varIndex);
          return msg ? { ...p, text: msg.trim() } : p;
        })
      : [];

    // Base rows: every field must be set by a placeholder or a set clause.
    if (!isAlias(row)) {
      const covered = new Set<string>();
      for (const n of names) for (const part of n.split('.')) covered.add(part);
      for (const s of sets) for (const n of s.field.names) covered.add(n);
      if (row.mn.includes('<cond>')) covered.add('cond');
      for (const f of layout.fields.keys()) if (!covered.has(f)) throw new Error(`field '${f}' is set by no placeholder`);
    }

    const forms: Form[] = [];
    for (const alt of expand(items)) {
      const pattern = parseOperands(alt.tokens, patternReader);
      const opIdx = operandIndexOf(pattern);
      const slots = new Map<string, Slot>();
      const varInit = new Int32Array(varNames.length);
      let base = layout.base;
      for (const ph of allPh) {
        const { name, type, def } = splitPh(ph);
        const enc = parseType(type);
        const field = fieldRef(layout, name);
        if (!field && name.includes('.')) throw new Error(`'${name}' names fields missing from the layout`);
        if (field && enc.kind !== EK.REL && enc.bits > field.total) throw new Error(`<${ph}>: ${enc.bits}-bit value does not fit field ${name} (${field.total} bits)`);
        if (enc.kind === EK.REL) checkRelocFields(enc.reloc, field, name);
        const v = varIndex(name);
        if (alt.absent.includes(ph)) {
          // Omitted optional part: its default (or 0) goes into the fixed bits.
          let fv = 0;
          let xv = 0;
          if (def !== null) {
            const dv: number | string = /^-?\d+$/.test(def) ? Number(def) : def;
            if (enc.kind === EK.REG) fv = xv = Number(dv);
            else {
              fv = encodeValue(enc, dv);
              if (fv < 0) throw new Error(`default '${def}' of <${ph}> is not accepted by its type`);
              xv = exprValue(enc, dv, fv);
            }
          }
          varInit[v] = xv;
          if (field) base = (base | scatter(field, fv)) >>> 0;
          continue;
        }
        const operand = opIdx.get(ph);
        if (operand === undefined) throw new Error(`placeholder <${ph}> not found in the parsed pattern`);
        slots.set(ph, { name, enc, field, v, operand });
      }
      const patternText = alt.tokens.map((t) => (t.t === PH ? `<${t.s}>` : t.s)).reduce((acc, s, i) => {
        const t = alt.tokens[i];
        return acc + (i > 0 && t.gap ? ' ' : '') + s;
      }, '');
      for (const [mn, condBits] of mns) forms.push(new Form(mn, row, cls, rowIndex, patternText, pattern, (base | condBits) >>> 0, layout, slots, varNames, varInit, sets, checks));
    }
    return forms;
  } catch (e) {
    throw new Error(`${where}: ${(e as Error).message}`);
  }
}

function checkRelocFields(kind: number, field: FieldRef | null, name: string): void {
  const k = relocs[kind];
  if (!field) throw new Error(`relocation placeholder '${name}' must name the layout fields it fills`);
  const same = field.lsb.length === k.fields.length && k.fields.every(([lsb, w], i) => field.lsb[i] === lsb && field.width[i] === w);
  if (!same) throw new Error(`fields ${name} do not match relocation kind ${k.name} (${JSON.stringify(k.fields)})`);
}

export interface FormTable {
  readonly byMnemonic: ReadonlyMap<string, readonly Form[]>;
  readonly all: readonly Form[];
  /** Rows per class, in order (for coverage reports and docs). */
  readonly rows: ReadonlyMap<string, readonly Row[]>;
}

let table: FormTable | null = null;

/** The compiled spec (built on first use). */
export function forms(): FormTable {
  if (table) return table;
  const byId = new Map<string, Row>();
  for (const rows of Object.values(specClasses)) {
    for (const r of rows) {
      if (!isAlias(r) && r.id) {
        if (byId.has(r.id)) throw new Error(`spec/a64: duplicate row id '${r.id}'`);
        byId.set(r.id, r);
      }
    }
  }
  const byMnemonic = new Map<string, Form[]>();
  const all: Form[] = [];
  const rows = new Map<string, readonly Row[]>();
  for (const [cls, list] of Object.entries(specClasses)) {
    rows.set(cls, list);
    list.forEach((row, i) => {
      // `b.<cond>` rows also give a form `b.<cond>` whose condition is an operand, for `b.${cc}`.
      const extra = row.mn.includes('<cond>') ? compileRow({ ...row, ops: row.ops ? `<cond:cond>, ${row.ops}` : '<cond:cond>' } as Row, cls, i, byId, true) : [];
      for (const f of [...compileRow(row, cls, i, byId), ...extra]) {
        all.push(f);
        let l = byMnemonic.get(f.mn);
        if (!l) byMnemonic.set(f.mn, (l = []));
        l.push(f);
      }
    });
  }
  table = { byMnemonic, all, rows };
  return table;
}
