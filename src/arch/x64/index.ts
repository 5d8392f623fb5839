// The x86-64 architecture as the DSL sees it (dsl/arch.ts `Arch`): operand parsing, form matching
// against spec/x64, candidate ordering (GNU as's shortest encoding), constant encoding at plan time,
// dynamic encoding at fill time, relocation kinds and code padding.

import { registerArch, VK, type Arch, type InsnSink, type InsnStatement } from '../../../dsl/arch.js';
import { DynasmError, ErrorCodes, OperandError } from '../../../dsl/errors.js';
import { T, type Token } from '../../../dsl/lexer.js';
import { relaxShapes, RELOC, relocs } from '../../../spec/x64/relocs.js';
import type { CodeBuffer } from '../../runtime/buffer.js';
import { EncInfo, immBytes, roles, State } from './encoders.js';
import { emitInsn, encodeInsn, H, lastRipBack, X64Cand, X64Insn } from './fill.js';
import { forms as formTable, OT, type Form } from './forms.js';
import { Match, matchForm, type Mismatch } from './matcher.js';
import { parseOperands, UO, type MemOp, type Operand } from './operands.js';
import { KIND_NAMES, XK } from './registers.js';
import { padCode } from './nops.js';

export type { X64Value } from './values.js';

/** Maximum length of an x86 instruction. */
const MAX_LEN = 15;
/** Where constant instructions are encoded when a plan is built (copied out by sink.bytes). */
const SCRATCH = new Uint8Array(MAX_LEN + 8);

const PREFIXES: Readonly<Record<string, number>> = { lock: 0xf0, rep: 0xf3, repe: 0xf3, repz: 0xf3, repne: 0xf2, repnz: 0xf2 };

function describeKind(k: number): string {
  if (k === VK.IMM) return 'number';
  if (k === VK.LABEL) return 'Label';
  if (k === VK.STRING) return 'string';
  return KIND_NAMES[k] ?? 'an unsupported value';
}

/** Listing of the legal forms of a mnemonic (one line per row, as written in spec/x64). */
function formsOf(mn: string): readonly string[] {
  const fs = formTable().byMnemonic.get(mn.toLowerCase()) ?? [];
  return [...new Set(fs.map((f) => f.rendered))];
}

function closest(mn: string): string[] {
  const all = [...formTable().byMnemonic.keys()];
  const dist = (a: string, b: string): number => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    return d[a.length][b.length];
  };
  return all
    .map((m) => [m, dist(mn, m)] as const)
    .filter(([, d]) => d <= 1)
    .sort((a, b) => a[1] - b[1])
    .slice(0, 4)
    .map(([m]) => m);
}

function at(t: Token | undefined): { line?: number; column?: number } {
  return t ? { line: t.line, column: t.col } : {};
}

function compile(ins: InsnStatement, sink: InsnSink): void {
  let mt = ins.mnemonic;
  let opToks = ins.operands;
  // Prefixes: `lock add qword ptr [rdi], rax`, `rep movsb`, `repne scasb`.
  let prefix = 0;
  let prefixName = '';
  const p0 = mt.s.toLowerCase();
  if (PREFIXES[p0] !== undefined) {
    prefix = PREFIXES[p0];
    prefixName = p0;
    const nx = opToks[0];
    if (!nx || nx.t !== T.IDENT) throw new OperandError(ErrorCodes.SYNTAX, `'${mt.s}' must be followed by an instruction`, at(nx ?? mt));
    mt = nx;
    opToks = opToks.slice(1);
  }
  const mn = mt.s.toLowerCase();
  const fs = formTable().byMnemonic.get(mn);
  if (!fs) {
    const near = closest(mn);
    throw new OperandError(ErrorCodes.MNEMONIC, `unknown x64 mnemonic '${mt.s}'${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}`, at(mt));
  }
  const argKind = (i: number) => sink.argKind(i);
  const ops = parseOperands(opToks, argKind);
  const matches: Match[] = [];
  const fails: Mismatch[] = [];
  const failForms: Form[] = [];
  for (const f of fs) {
    const r = matchForm(f, ops, argKind);
    if (r instanceof Match) matches.push(r);
    else {
      fails.push(r);
      failForms.push(f);
    }
  }
  if (!matches.length) throw bestError(mn, fails);
  const memIdx = ops.findIndex((o) => o.k === UO.MEM);
  checkAmbiguousSize(mn, matches, fails, failForms, ops, memIdx);
  let ms = matches;
  if (prefix) ms = checkPrefix(prefixName, mt, ms, ops);
  // Shortest first; rows whose operands are all fixed registers (`xchg eax, eax`) before general ones.
  ms = ms
    .map((m, i) => ({ m, i }))
    .sort((a, b) => (a.m.form.exact === b.m.form.exact ? 0 : a.m.form.exact ? -1 : 1) || a.m.form.baseLen - b.m.form.baseLen || a.i - b.i)
    .map((x) => x.m);
  // Candidates after one without conditions can never be chosen.
  const firstFree = ms.findIndex((m) => m.conds.length === 0);
  if (firstFree >= 0) ms = ms.slice(0, firstFree + 1);

  const mem = memIdx >= 0 ? (ops[memIdx] as MemOp) : null;
  const ripLabel = mem !== null && mem.label !== null;

  const st = new State();
  const holes: number[] = [];
  let constDisp = 0;
  let dynDisp = false;
  ops.forEach((o, i) => {
    if (o.k === UO.REG) {
      if (o.hole >= 0) holes.push(o.hole, H.REG, i);
      else st.reg[i] = o.reg!.num;
    } else if (o.k === UO.IMM) {
      if (o.hole >= 0) holes.push(o.hole, H.IMM, i);
      else st.setImm(i, o.value);
    } else if (o.k === UO.MEM) {
      if (o.obj >= 0) {
        holes.push(o.obj, H.MEMOBJ, i);
        dynDisp = true;
      }
      if (o.base) {
        if (o.base.hole >= 0 && o.base.kind !== XK.RIP) holes.push(o.base.hole, H.BASE, i);
        else if (o.base.reg) st.base = o.base.reg.num;
      }
      if (o.index) {
        if (o.index.hole >= 0) holes.push(o.index.hole, H.INDEX, i);
        else st.index = o.index.reg!.num;
      }
      if (o.scaleHole >= 0) holes.push(o.scaleHole, H.SCALE, i);
      else st.scale = o.scale;
      // Addresses are 64-bit: 0xfffffffffffffff9 is -7 (as GNU as reads it); the field is a signed disp32.
      const disp = o.disp >= 1n << 63n && o.disp < 1n << 64n ? o.disp - (1n << 64n) : o.disp;
      if (disp < -0x80000000n || disp > 0x7fffffffn) {
        throw new OperandError(ErrorCodes.RANGE, `displacement ${o.disp} does not fit a signed 32-bit field`, { operand: i + 1, expected: '-2147483648..2147483647 (or its 64-bit spelling 0xffffffff80000000..)', actual: String(o.disp), ...at(o.tok) });
      }
      constDisp = Number(disp);
      st.disp = constDisp;
      for (const d of o.dispHoles) {
        holes.push(d.arg, d.neg ? H.DISP_NEG : H.DISP, i);
        dynDisp = true;
      }
      st.rip = o.rip;
      st.ripLabel = o.label !== null;
      if (o.label && o.disp !== 0n) throw new OperandError(ErrorCodes.SYNTAX, 'a label cannot be combined with a constant displacement here: bind a label at the exact target instead', { operand: i + 1, ...at(o.labelTok ?? o.tok) });
    }
  });

  const seg = mem ? mem.seg : 0;
  // A constant instruction has no conditions left: its first (shortest) candidate is the encoding.
  if (holes.length === 0) ms = ms.slice(0, 1);
  const cands = ms.map((m) => new X64Cand(encInfo(m.form, ops, seg, prefix, fs, true), m.conds));
  // `[rip + label]` is measured from the instruction's end: when the candidates' immediates differ in
  // size (imm8 or imm32, chosen by the value), the field's distance from the end is known per fill.
  const tails = new Set(ms.map((m) => immBytes(m.form)));
  const insn = new X64Insn(cands, new Int32Array(holes), st, constDisp, dynDisp, memIdx + 1, ripLabel && tails.size > 1);

  // Label references: a relative operand (jmp/call/j<cc>/loop) or `[rip + label]`.
  const first = ms[0].form;
  const relOp = ops.findIndex((o) => o.k === UO.LABEL);
  if (holes.length === 0) {
    const tmp = SCRATCH;
    const end = encodeInsn(insn, [], tmp, 0);
    sink.bytes(tmp.subarray(0, end));
  } else sink.dynamic(insn, -1, MAX_LEN);
  if (relOp >= 0) {
    const o = ops[relOp] as Extract<Operand, { k: 4 }>;
    sink.labelRef(o.label, first.reloc, first.rel, 0, o.tok);
  } else if (ripLabel) {
    sink.labelRef(mem!.label!, RELOC.rel32, holes.length && tails.size > 1 ? -1 : 4 + immBytes(first), 0, mem!.labelTok ?? mem!.tok);
  }
}

/** The encoder's per-candidate constants. */
function encInfo(f: Form, ops: readonly Operand[], seg: number, prefix: number, siblings: readonly Form[], withTwin: boolean): EncInfo {
  const r = roles(f);
  let byteMask = 0;
  let highMask = 0;
  ops.forEach((o, i) => {
    if (o.k === UO.REG) {
      if (o.kind === XK.R8) byteMask |= 1 << i;
      else if (o.kind === XK.R8H) highMask |= 1 << i;
    }
  });
  const pfx: number[] = [];
  if (seg) pfx.push(seg);
  const fp = f.pfx.slice();
  const a67 = fp.indexOf(0x67);
  if (a67 >= 0) {
    pfx.push(0x67);
    fp.splice(a67, 1);
  }
  if (fp[0] === 0x66) {
    pfx.push(0x66);
    fp.shift();
  }
  if (prefix) pfx.push(prefix);
  pfx.push(...fp);
  const isMem = r.iM >= 0 && ops[r.iM].k === UO.MEM;
  let twin: EncInfo | null = null;
  if (withTwin && f.row.swap && !isMem && ops.every((o) => o.k === UO.REG)) {
    const swapped = [...f.en].map((c) => (c === 'R' ? 'M' : c === 'M' ? 'R' : c)).join('');
    const tf = siblings.find((g) => g !== f && g.en === swapped && g.vex && g.types.length === f.types.length && g.types.every((t, i) => t.cls === f.types[i].cls));
    if (!tf) throw new Error(`spec/x64: row '${f.rendered} | ${f.row.op}' has swap but no twin with en '${swapped}'`);
    twin = encInfo(tf, ops, seg, prefix, siblings, false);
  }
  return new EncInfo(f, r.iR, r.iM, r.iV, r.iO, r.iL, isMem, new Int8Array(r.immOps), new Int8Array(r.immOps.map((_, k) => f.imms[k])), byteMask, highMask, new Uint8Array(pfx), twin);
}

const SIZE_WORD: Record<number, string> = { 1: 'byte', 2: 'word', 4: 'dword', 8: 'qword', 16: 'xmmword', 32: 'ymmword' };

/** GNU as: an unsized memory operand that several operand sizes would fit is an error. */
function checkAmbiguousSize(mn: string, ms: readonly Match[], fails: readonly Mismatch[], fs: readonly Form[], ops: readonly Operand[], memIdx: number): void {
  if (memIdx < 0) return;
  const m = ops[memIdx] as MemOp;
  if (m.size !== 0 || m.obj >= 0) return;
  // Forms that fit by shape count, even if a constant's value does not fit (GNU as decides the size first).
  const shaped = [...ms.map((x) => x.form), ...fs.filter((_, i) => !fails[i].shape && fails[i].operand > memIdx + 1)];
  const sizes = new Set<number>();
  for (const f of shaped) {
    const t = f.types[memIdx];
    if ((t.t === OT.RM || t.t === OT.MEM) && t.msize !== 0 && !f.row.sizedMem) sizes.add(t.msize);
  }
  if (sizes.size > 1) {
    const words = [...sizes].sort((a, b) => a - b).map((s) => `${SIZE_WORD[s]} ptr`);
    throw new OperandError(ErrorCodes.OPERAND, `ambiguous operand size for '${mn}': write ${words.join(', ')} before '['`, {
      operand: memIdx + 1,
      expected: words.join(' | '),
      actual: 'unsized memory',
      ...at(m.tok),
    });
  }
}

function checkPrefix(name: string, mt: Token, ms: readonly Match[], ops: readonly Operand[]): Match[] {
  if (name === 'lock') {
    const ok = ms.filter((m) => m.form.row.lock && ops[0]?.k === UO.MEM);
    if (!ok.length) throw new OperandError(ErrorCodes.OPERAND, `'lock' needs a lockable instruction with a memory destination (add, adc, and, btc, btr, bts, cmpxchg, cmpxchg8b, cmpxchg16b, dec, inc, neg, not, or, sbb, sub, xadd, xchg, xor), not '${mt.s}' with these operands`, at(mt));
    return ok;
  }
  const ok = ms.filter((m) => m.form.row.rep === 'repe' || (m.form.row.rep === 'rep' && (name === 'rep')));
  if (!ok.length) {
    const what = name === 'rep' ? 'movs, stos, lods, cmps, scas, ret' : 'cmps, scas';
    throw new OperandError(ErrorCodes.OPERAND, `'${name}' applies to string instructions (${what}), not '${mt.s}'`, at(mt));
  }
  return ok;
}

function bestError(mn: string, fails: readonly Mismatch[]): OperandError {
  // Operand-count mismatches rank below any failure inside an operand of a form with the right count.
  const score = (m: Mismatch) => (m.operand === 0 ? -1 : m.operand * 2 + (m.shape ? 0 : 1));
  const top = Math.max(...fails.map(score));
  let best = fails.filter((m) => score(m) === top);
  // A register of the wrong class: list the register/memory forms, not the immediate ones.
  if (best.some((m) => m.code === ErrorCodes.REGCLASS)) best = best.filter((m) => m.code === ErrorCodes.REGCLASS);
  const first = best[0];
  const expected = [...new Set(best.map((m) => m.expected))].join('; or ');
  const detail =
    first.operand === 0
      ? `'${mn}' takes ${[...new Set(fails.map((m) => m.expected))].join(' or ')}, got ${first.actual}`
      : `${first.actual} does not fit: expected ${expected}`;
  const tok = best.find((m) => m.tok)?.tok;
  return new OperandError(first.operand === 0 ? ErrorCodes.NOFORM : first.code, detail, {
    operand: first.operand || undefined,
    expected,
    actual: first.actual,
    forms: formsOf(mn),
    ...at(tok),
  });
}

export const x64: Arch = {
  name: 'x64',
  relocs,
  alignIsPow2: false,
  insnAlign: 1,
  codePad(buf: CodeBuffer, p: number, n: number): void {
    padCode(buf.u8, p, n);
  },
  describeKind,
  compile,
  emit: emitInsn as (data: unknown, args: readonly unknown[], buf: CodeBuffer) => void,
  relax: relaxShapes,
  refBack: lastRipBack,
  mnemonics(): readonly string[] {
    return [...formTable().byMnemonic.keys()];
  },
  forms: formsOf,
};

registerArch(x64);

export { DynasmError };
