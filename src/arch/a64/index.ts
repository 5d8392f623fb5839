// The A64 architecture as the DSL sees it (dsl/arch.ts `Arch`): operand parsing, form matching against
// spec/a64, constant encoding at plan time, dynamic encoding at fill time, relocation kinds.

import { closestNames, describeSharedKind, registerArch, type Arch, type InsnSink, type InsnStatement } from '../../../dsl/arch.js';
import { ErrorCodes, OperandError } from '../../../dsl/errors.js';
import { T, type Token } from '../../../dsl/lexer.js';
import { relocs } from '../../../spec/a64/relocs.js';
import type { CodeBuffer } from '../../runtime/buffer.js';
import { A64Cand, A64Insn, emitInsn, mergeWhys } from './fill.js';
import { forms as formTable } from './forms.js';
import { matchForm, Match, type Mismatch } from './matcher.js';
import { holeReader, parseOperands } from './operands.js';
import { KIND_NAMES } from './registers.js';

export type { A64Value } from './values.js';

/** At most this many candidate forms are kept for an instruction whose form depends on values. */
const MAX_CANDIDATES = 6;

const NOP = 0xd503201f;

function describeKind(k: number): string {
  return describeSharedKind(k) ?? KIND_NAMES[k] ?? 'an unsupported value';
}

/** Listing of the legal forms of a mnemonic (one line per row, optional parts in braces). */
function formsOf(mn: string): readonly string[] {
  const fs = formTable().byMnemonic.get(mn.toLowerCase()) ?? [];
  return [...new Set(fs.map((f) => f.renderedRow))];
}

function compile(ins: InsnStatement, sink: InsnSink): void {
  const mt = ins.mnemonic;
  let mn = mt.s.toLowerCase();
  let operandToks = ins.operands;
  // `b.${cc}`: the condition comes from an interpolated string; it becomes the first operand of `b.<cond>`.
  const h = operandToks[0];
  if (mn.endsWith('.') && h && h.t === T.HOLE && !h.gap) {
    mn += '<cond>';
    const comma: Token = { ...h, t: T.PUNCT, s: ',', n: 0 };
    operandToks = operandToks.length > 1 ? [h, comma, ...operandToks.slice(1)] : [h];
  }
  const fs = formTable().byMnemonic.get(mn);
  if (!fs) {
    const near = closestNames(mn, formTable().byMnemonic.keys());
    throw new OperandError(ErrorCodes.MNEMONIC, `unknown A64 mnemonic '${mt.s}'${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}`, { line: mt.line, column: mt.col });
  }
  const argKind = (i: number) => sink.argKind(i);
  const ops = parseOperands(operandToks, holeReader(argKind));
  const cands: Match[] = [];
  const fails: Mismatch[] = [];
  let otherCounts = false;
  for (const f of fs) {
    // Forms taking another number of operands cannot match; they matter only for the error message.
    if (f.pattern.length !== ops.length) {
      otherCounts = true;
      continue;
    }
    const r = matchForm(f, ops, argKind);
    if (r instanceof Match) {
      // Later forms only matter while an interpolated value can still make this one fail.
      if (cands.length && (r.label?.kind ?? -1) !== (cands[0].label?.kind ?? -1)) continue;
      cands.push(r);
      if (!r.valueDependent || cands.length >= MAX_CANDIDATES) break;
    } else fails.push(r);
  }
  if (!cands.length) {
    if (otherCounts) for (const f of fs) if (f.pattern.length !== ops.length) fails.push(matchForm(f, ops, argKind) as Mismatch);
    throw bestError(mn, fails);
  }
  const first = cands[0];
  if (first.holes.length === 0 && first.dynSets.length === 0 && first.dynChecks.length === 0) sink.word32(first.word);
  else sink.dynamic(new A64Insn(cands.map((c) => new A64Cand(c))), 4);
  if (first.label) sink.labelRef(first.label.label, first.label.kind, 4, 4, first.label.tok);
}

function bestError(mn: string, fails: readonly Mismatch[]): OperandError {
  // Operand-count mismatches rank below any failure inside an operand of a form with the right count.
  const score = (m: Mismatch) => (m.code === ErrorCodes.NOFORM ? -1 : m.operand * 2 + (m.shape ? 0 : 1));
  const top = Math.max(...fails.map(score));
  const best = fails.filter((m) => score(m) === top);
  const e = mergeWhys(best);
  const tok = best.find((m) => m.tok)?.tok;
  return new OperandError(best[0].code, e.detail, {
    operand: e.operand,
    expected: e.expected,
    actual: e.actual,
    forms: formsOf(mn),
    line: tok?.line,
    column: tok?.col,
  });
}

export const a64: Arch = {
  name: 'a64',
  relocs,
  alignIsPow2: true,
  insnAlign: 4,
  codePad(buf: CodeBuffer, at: number, n: number): void {
    let p = at;
    const end = at + n;
    while (p < end && (p & 3) !== 0) buf.u8[p++] = 0;
    while (p + 4 <= end) {
      buf.dv.setUint32(p, NOP, true);
      p += 4;
    }
    while (p < end) buf.u8[p++] = 0;
  },
  describeKind,
  compile,
  emit(data: unknown, args: readonly unknown[], buf: CodeBuffer): void {
    emitInsn(data as A64Insn, args, buf);
  },
  mnemonics(): readonly string[] {
    return [...formTable().byMnemonic.keys()];
  },
  forms: formsOf,
};

registerArch(a64);
