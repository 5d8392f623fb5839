// Reads spec/x64 rows once and compiles them into forms: operand types, where each operand goes, and
// the encoding recipe (prefixes, REX.W or VEX fields, opcode bytes, ModRM digit or /r, immediate and
// relative field sizes). Everything the matcher, the encoder, the error listing, the docs and the test
// generators need comes from here. A malformed row is rejected at load time with its file and index.

import { specClasses } from '../../../spec/x64/index.js';
import { RELOC, relocs } from '../../../spec/x64/relocs.js';
import { CONDITIONS } from '../../../spec/x64/symbols.js';
import type { Row } from '../../../spec/x64/types.js';
import { REG_NAMES, type X64RegClass } from './registers.js';

/** Operand type kinds. */
export const OT = {
  /** A register of class `cls` (r8 also admits ah..bh). */
  REG: 1,
  /** A register of class `cls` or memory of `msize` bytes. */
  RM: 2,
  /** Memory of `msize` bytes (0: any size). */
  MEM: 3,
  /** An immediate: `bits`-wide field, raw or sign-extended to the operation size. */
  IMM: 4,
  /** A label (relative displacement of `bits`). */
  REL: 5,
  /** A fixed register (`al`, `cl`, `rax`, `xmm0`). */
  FIXED: 6,
  /** A literal small constant (`1`: shift by one; `3`: int 3), its value in `num`. */
  ONE: 7,
} as const;

export interface OpType {
  readonly t: number;
  /** Register class (REG, RM, FIXED). */
  readonly cls: X64RegClass | null;
  /** Memory size in bytes (RM, MEM; 0 = any). */
  readonly msize: number;
  /** Fixed register number (FIXED). */
  readonly num: number;
  /** Immediate or relative field width in bits. */
  readonly bits: number;
  /** Immediate sign-extended to the operation size. */
  readonly sext: boolean;
  /** The type as written in the row. */
  readonly text: string;
}

/** Where an operand goes (the row's `en`, one letter per operand). */
export const EN = { R: 'R', M: 'M', V: 'V', O: 'O', I: 'I', D: 'D', L: 'L', B: 'B', NONE: '-' } as const;

export interface VexSpec {
  /** VEX.L: 0 (128, LZ, LIG, L0) or 1 (256). */
  readonly L: number;
  /** pp: 0 none, 1 66, 2 F3, 3 F2. */
  readonly pp: number;
  /** m-mmmm: 1 0F, 2 0F38, 3 0F3A. */
  readonly map: number;
  /** VEX.W (WIG = 0). */
  readonly W: number;
}

export class Form {
  constructor(
    readonly mn: string,
    readonly row: Row,
    /** spec/x64 class (file) the row comes from. */
    readonly cls: string,
    readonly rowIndex: number,
    readonly types: readonly OpType[],
    /** Per operand: EN letter. */
    readonly en: string,
    /** Legacy prefix bytes written before the opcode (operand-size 66, mandatory 66/F2/F3, address-size 67). */
    readonly pfx: readonly number[],
    readonly rexW: boolean,
    readonly vex: VexSpec | null,
    /** Opcode bytes (the last gets +r / +cc). */
    readonly opcode: readonly number[],
    /** The last opcode byte takes a register number (+rb/+rw/+rd/+ro). */
    readonly plusR: boolean,
    /** ModRM: −1 none, 0..7 a digit (/0../7), 8 a register operand (/r). */
    readonly modrm: number,
    /** Immediate field sizes in bytes, in order (ib=1, iw=2, id=4, io=8). */
    readonly imms: readonly number[],
    /** Relative field size in bytes (cb=1, cd=4), 0 none. */
    readonly rel: number,
    /** Fixed bytes after ModRM/SIB/displacement (an implied imm8: `cmpltps` = cmpps …, 1). */
    readonly suffix: readonly number[],
    /** Relocation kind index of the label reference (rel or rip-relative). */
    readonly reloc: number,
    /** Operation size in bits (for simm8/simm32): the first sized GPR operand, else the row's `osz`. */
    readonly osz: number,
    /** All operands are fixed registers (`xchg eax, eax`): preferred over general rows. */
    readonly exact: boolean,
    /** Encoded length without REX, memory bytes and VEX growth: orders candidates (shortest first). */
    readonly baseLen: number,
  ) {}

  /** The form as a line of a listing: `add r/m64, simm8    REX.W 83 /0 ib`. */
  get rendered(): string {
    return `${this.mn}${this.row.ops ? ' ' + this.row.ops : ''}`;
  }

  get renderedWithOpcode(): string {
    return `${this.rendered.padEnd(34)} ${this.row.op}`;
  }
}

class RowError extends Error {}

const SIZE_BY_CLASS: Record<string, number> = { r8: 8, r16: 16, r32: 32, r64: 64 };

function parseType(text: string): OpType {
  const t = text.trim();
  const mk = (o: Partial<OpType> & { t: number }): OpType => ({ cls: null, msize: 0, num: 0, bits: 0, sext: false, text: t, ...o });
  if (/^\d$/.test(t)) return mk({ t: OT.ONE, num: Number(t) });
  let m = /^(r8|r16|r32|r64|xmm|ymm)$/.exec(t);
  if (m) return mk({ t: OT.REG, cls: m[1] as X64RegClass });
  const fixed = REG_NAMES.get(t);
  if (fixed) return mk({ t: OT.FIXED, cls: fixed.cls, num: fixed.num });
  m = /^(s?)imm(8|16|32|64)$/.exec(t);
  if (m) return mk({ t: OT.IMM, bits: Number(m[2]), sext: m[1] === 's' });
  m = /^rel(8|32)$/.exec(t);
  if (m) return mk({ t: OT.REL, bits: Number(m[1]) });
  m = /^m(8|16|32|64|128|256)?$/.exec(t);
  if (m) return mk({ t: OT.MEM, msize: m[1] ? Number(m[1]) / 8 : 0 });
  m = /^(r8|r16|r32|r64|xmm|ymm)\/m(8|16|32|64|128|256)$/.exec(t);
  if (m) return mk({ t: OT.RM, cls: m[1] as X64RegClass, msize: Number(m[2]) / 8 });
  m = /^r\/m(8|16|32|64)$/.exec(t);
  if (m) return mk({ t: OT.RM, cls: `r${m[1]}` as X64RegClass, msize: Number(m[1]) / 8 });
  throw new RowError(`unknown operand type '${t}'`);
}

const HEX = /^[0-9A-F]{2}$/;

interface OpParse {
  pfx: number[];
  rexW: boolean;
  vex: VexSpec | null;
  opcode: number[];
  plusR: boolean;
  plusCC: boolean;
  modrm: number;
  imms: number[];
  rel: number;
  is4: boolean;
  suffix: number[];
}

function parseOp(op: string): OpParse {
  const r: OpParse = { pfx: [], rexW: false, vex: null, opcode: [], plusR: false, plusCC: false, modrm: -1, imms: [], rel: 0, is4: false, suffix: [] };
  for (const tok of op.trim().split(/\s+/)) {
    if (tok === 'NP' || tok === 'NFx') continue;
    if (tok === 'REX.W') {
      if (r.opcode.length) throw new RowError(`REX.W after the opcode in '${op}'`);
      r.rexW = true;
      continue;
    }
    if (tok.startsWith('VEX.')) {
      r.vex = parseVex(tok);
      continue;
    }
    const plus = /^([0-9A-F]{2})\+(rb|rw|rd|ro|cc)$/.exec(tok);
    if (plus) {
      r.opcode.push(parseInt(plus[1], 16));
      if (plus[2] === 'cc') r.plusCC = true;
      else r.plusR = true;
      continue;
    }
    if (HEX.test(tok)) {
      const b = parseInt(tok, 16);
      if (r.opcode.length === 0 && !r.vex && (b === 0x66 || b === 0xf2 || b === 0xf3 || b === 0x67)) r.pfx.push(b);
      else if (r.modrm >= 0) r.suffix.push(b); // a fixed byte after ModRM: an immediate the mnemonic implies (cmpltps)
      else r.opcode.push(b);
      continue;
    }
    const digit = /^\/([0-7])$/.exec(tok);
    if (digit) {
      r.modrm = Number(digit[1]);
      continue;
    }
    if (tok === '/r') {
      r.modrm = 8;
      continue;
    }
    if (tok === '/is4') {
      r.is4 = true;
      r.imms.push(1);
      continue;
    }
    const imm = { ib: 1, iw: 2, id: 4, io: 8 }[tok];
    if (imm) {
      r.imms.push(imm);
      continue;
    }
    const rel = { cb: 1, cd: 4 }[tok];
    if (rel) {
      r.rel = rel;
      continue;
    }
    throw new RowError(`unknown opcode token '${tok}' in '${op}'`);
  }
  if (!r.opcode.length) throw new RowError(`no opcode bytes in '${op}'`);
  if (r.vex && (r.pfx.length || r.rexW)) throw new RowError(`VEX rows take no legacy prefix or REX.W: '${op}'`);
  return r;
}

function parseVex(tok: string): VexSpec {
  let L = 0;
  let pp = 0;
  let map = 0;
  let W = 0;
  for (const p of tok.split('.').slice(1)) {
    if (p === '128' || p === 'LZ' || p === 'LIG' || p === 'L0') L = 0;
    else if (p === '256' || p === 'L1') L = 1;
    else if (p === '66') pp = 1;
    else if (p === 'F3') pp = 2;
    else if (p === 'F2') pp = 3;
    else if (p === '0F') map = 1;
    else if (p === '0F38') map = 2;
    else if (p === '0F3A') map = 3;
    else if (p === 'W0' || p === 'WIG') W = 0;
    else if (p === 'W1') W = 1;
    else if (p === 'NDS' || p === 'NDD' || p === 'DDS') continue;
    else throw new RowError(`unknown VEX field '${p}' in '${tok}'`);
  }
  if (!map) throw new RowError(`VEX without a map (0F, 0F38, 0F3A) in '${tok}'`);
  return { L, pp, map, W };
}

const isRegType = (t: OpType) => t.t === OT.REG;

/** Derives `en` from the types when the row does not give it (README.md, "Operand encoding"). */
function deriveEn(types: readonly OpType[], p: OpParse): string {
  const en: string[] = types.map((t) => {
    if (t.t === OT.FIXED || t.t === OT.ONE) return EN.NONE;
    if (t.t === OT.IMM) return EN.I;
    if (t.t === OT.REL) return EN.D;
    if (t.t === OT.RM || t.t === OT.MEM) return EN.M;
    return '?';
  });
  const regs = types.map((t, i) => (isRegType(t) ? i : -1)).filter((i) => i >= 0);
  if (p.plusR) {
    if (regs.length !== 1) throw new RowError('a +r row needs exactly one register operand (or an explicit en)');
    en[regs[0]] = EN.O;
  } else if (p.modrm === 8) {
    if (regs.length === 0) throw new RowError('a /r row needs a register operand for ModRM.reg');
    en[regs[0]] = EN.R;
    if (regs.length > 1) {
      if (!p.vex || regs.length > 2) throw new RowError('ambiguous register operands: give en');
      en[regs[1]] = EN.V;
    }
  } else if (p.modrm >= 0) {
    if (regs.length) {
      if (!p.vex || regs.length > 1) throw new RowError('ambiguous register operands: give en');
      en[regs[0]] = EN.V;
    }
  } else if (regs.length) throw new RowError('register operand without ModRM or +r: give en');
  if (p.is4) {
    throw new RowError('an /is4 row needs an explicit en');
  }
  return en.join('');
}

function checkEn(en: string, types: readonly OpType[], p: OpParse): void {
  if (en.length !== types.length) throw new RowError(`en '${en}' has ${en.length} letters for ${types.length} operands`);
  const count = (c: string) => [...en].filter((x) => x === c).length;
  const hasM = count('M') + count('B');
  const hasR = count('R') + count('B');
  if (p.modrm === 8 && (hasR !== 1 || hasM !== 1)) throw new RowError(`a /r row needs one R and one M operand (en '${en}')`);
  if (p.modrm >= 0 && p.modrm < 8 && (hasR !== 0 || hasM !== 1)) throw new RowError(`a /digit row needs one M operand and no R (en '${en}')`);
  if (p.modrm < 0 && (hasR || hasM)) throw new RowError(`en '${en}' uses ModRM but the opcode has none`);
  if (count('O') !== (p.plusR ? 1 : 0)) throw new RowError(`en '${en}' and +r disagree`);
  if (count('V') > 0 && !p.vex) throw new RowError(`en '${en}' uses VEX.vvvv in a non-VEX row`);
  if (count('I') + count('L') !== p.imms.length) throw new RowError(`en '${en}' has ${count('I') + count('L')} immediates, the opcode ${p.imms.length}`);
  if (count('D') !== (p.rel ? 1 : 0)) throw new RowError(`en '${en}' and the relative field disagree`);
  for (let i = 0; i < en.length; i++) {
    const t = types[i];
    const c = en[i];
    const ok =
      c === '-' ? t.t === OT.FIXED || t.t === OT.ONE
      : c === 'I' ? t.t === OT.IMM
      : c === 'D' ? t.t === OT.REL
      : c === 'M' ? t.t === OT.RM || t.t === OT.MEM || t.t === OT.REG
      : c === 'R' || c === 'V' || c === 'O' || c === 'B' || c === 'L' ? t.t === OT.REG
      : false;
    if (!ok) throw new RowError(`en letter '${c}' does not fit operand ${i + 1} '${t.text}'`);
  }
}

function rowOsz(types: readonly OpType[], row: Row): number {
  for (const t of types) {
    if ((t.t === OT.REG || t.t === OT.RM || t.t === OT.FIXED) && t.cls && SIZE_BY_CLASS[t.cls === 'r8h' ? 'r8' : t.cls]) return SIZE_BY_CLASS[t.cls === 'r8h' ? 'r8' : t.cls];
  }
  for (const t of types) if (t.t === OT.MEM && t.msize && t.msize <= 8) return t.msize * 8;
  return row.osz ?? 32;
}

function compileRow(row: Row, mn: string, cc: number, cls: string, index: number): Form {
  const types = row.ops.trim() === '' ? [] : row.ops.split(',').map(parseType);
  const p = parseOp(row.op);
  const opcode = p.opcode.slice();
  if (p.plusCC) {
    if (cc < 0) throw new RowError('+cc in a row whose mnemonic has no <cc>');
    opcode[opcode.length - 1] |= cc;
  } else if (cc >= 0) throw new RowError('<cc> mnemonic without +cc in the opcode');
  const en = row.en ?? deriveEn(types, p);
  checkEn(en, types, p);
  for (const t of types) if (t.t === OT.IMM && t.sext && t.bits !== 8 && t.bits !== 32) throw new RowError(`'${t.text}': only simm8 and simm32 exist`);
  const relType = types.find((t) => t.t === OT.REL);
  if (relType && relType.bits / 8 !== p.rel) throw new RowError(`'${relType.text}' with a ${p.rel}-byte relative field`);
  const immBytes = p.imms.reduce((a, b) => a + b, 0);
  const vexLen = p.vex ? (p.vex.W || p.vex.map !== 1 ? 3 : 2) : 0;
  if (p.suffix.length && (p.imms.length || p.rel)) throw new RowError('fixed trailing bytes and immediates together');
  const baseLen = p.pfx.length + vexLen + opcode.length + (p.modrm >= 0 ? 1 : 0) + immBytes + p.rel + p.suffix.length;
  const relocName = row.reloc ?? (p.rel === 1 ? 'rel8' : 'rel32');
  const reloc = relocs.findIndex((k) => k.name === relocName);
  if (reloc < 0) throw new RowError(`unknown reloc '${relocName}'`);
  if (p.rel === 1 && reloc !== RELOC.rel8) throw new RowError(`a cb field needs reloc rel8`);
  const exact = types.length > 0 && types.every((t) => t.t === OT.FIXED);
  return new Form(mn, row, cls, index, types, en, p.pfx, p.rexW, p.vex, opcode, p.plusR, p.modrm, p.imms, p.rel, p.suffix, reloc, rowOsz(types, row), exact, baseLen);
}

export interface FormTable {
  readonly byMnemonic: ReadonlyMap<string, readonly Form[]>;
  readonly all: readonly Form[];
}

let table: FormTable | null = null;

/** The compiled forms (built on first use). */
export function forms(): FormTable {
  if (table) return table;
  const by = new Map<string, Form[]>();
  const all: Form[] = [];
  for (const [cls, rows] of Object.entries(specClasses)) {
    rows.forEach((row, i) => {
      const expand: [string, number][] = row.mn.includes('<cc>') ? Object.entries(CONDITIONS).map(([c, v]) => [row.mn.replace('<cc>', c), v]) : [[row.mn, -1]];
      for (const [mn, cc] of expand) {
        let f: Form;
        try {
          f = compileRow(row, mn, cc, cls, i);
        } catch (e) {
          if (e instanceof RowError) throw new Error(`spec/x64/${cls}.ts row ${i} (${row.mn} ${row.ops} | ${row.op}): ${e.message}`);
          throw e;
        }
        let list = by.get(mn);
        if (!list) by.set(mn, (list = []));
        list.push(f);
        all.push(f);
      }
    });
  }
  table = { byMnemonic: by, all };
  return table;
}
