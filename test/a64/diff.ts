// The differential harness: instruction texts → GNU as, llvm-mc (one process call per batch each,
// linked at a base address so label references are final) and our assembler, twice: once with the text
// as written (constants, checked when the plan is built) and once with every register, immediate and
// condition interpolated (checked when the plan is filled). Verdicts per case:
//   both oracles accept the same bytes → both of our paths must give those bytes;
//   both oracles reject                → both of our paths must reject;
//   one oracle accepts                 → if we accept, our bytes must equal that oracle's.

import fc from 'fast-check';
import { Assembler } from '../../src/index.js';
import type { Form } from '../../src/arch/a64/forms.js';
import { invalidInsn, validInsn } from './gen.js';
import { REG_NAMES } from '../../src/arch/a64/registers.js';
import { fillOptions } from '../../src/arch/a64/fill.js';
import { CONDITIONS } from '../../spec/a64/symbols.js';
import { assembleBatch, hex, type LineResult } from '../oracles/assemble.js';

export const BASE = 0x10000n;
export const LABELS = ['Lx0', 'Lx1'];

export interface Case {
  readonly text: string;
  /** Generated as valid (true) or with a deliberately wrong operand (false). */
  readonly valid: boolean;
  /** Key to group results by (e.g. the form). */
  readonly key: string;
}

export interface Ours {
  readonly bytes: Uint8Array | null;
  readonly error: string | null;
}

export interface CaseResult {
  readonly c: Case;
  readonly gnu: LineResult;
  readonly llvm: LineResult;
  readonly ours: Ours;
  readonly dyn: Ours;
  /** null: fine; else what went wrong. */
  readonly problem: string | null;
  /** Both oracles accepted with the same bytes and we matched them. */
  readonly verified: boolean;
  /** Only one oracle accepted, and we matched it. */
  readonly oneOracle: boolean;
}

function ourBytes(text: string, off: number, len: number, total: number): Ours {
  try {
    const a = new Assembler('a64', { base: BASE });
    a.assemble(`Lx0:\n.space ${off}\n${text}\n.space ${Math.max(0, total - off - len)}\nLx1:`);
    const out = a.finalize();
    return { bytes: out.slice(off, out.length - Math.max(0, total - off - len)), error: null };
  } catch (e) {
    return { bytes: null, error: (e as Error).message.split('\n')[0] };
  }
}

const COND_RE = new RegExp(`^(${Object.keys(CONDITIONS).join('|')})$`);

/** The instruction as a template with registers, immediates and conditions interpolated. */
export function holeify(text: string): { strings: string[]; values: unknown[] } {
  const sp = text.indexOf(' ');
  if (sp < 0) return { strings: [text], values: [] };
  const strings: string[] = [];
  const values: unknown[] = [];
  let cur = text.slice(0, sp + 1);
  const re = /#(-?(?:0x[0-9a-f]+|\d+))|\b([a-z][a-z0-9_]*)\b/gi;
  const ops = text.slice(sp + 1);
  let last = 0;
  for (const m of ops.matchAll(re)) {
    const before = ops.slice(last, m.index);
    if (m[1] !== undefined) {
      const neg = m[1].startsWith('-');
      const mag = BigInt(neg ? m[1].slice(1) : m[1]);
      const big = neg ? -mag : mag;
      const v = big >= -BigInt(Number.MAX_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
      strings.push(cur + before + '#');
      values.push(v);
      cur = '';
      last = m.index! + m[0].length;
      continue;
    }
    const word = m[2].toLowerCase();
    const reg = REG_NAMES.get(word);
    const prev = ops.slice(0, m.index).trimEnd();
    const atOperandStart = prev === '' || prev.endsWith(',') || prev.endsWith('[');
    if ((reg && atOperandStart) || (COND_RE.test(word) && atOperandStart && ops.slice(m.index! + m[0].length).trim() === '')) {
      strings.push(cur + before);
      values.push(reg ?? word);
      cur = '';
      last = m.index! + m[0].length;
    }
  }
  strings.push(cur + ops.slice(last));
  return { strings, values };
}

function ourDynamic(text: string, off: number, len: number, total: number, specialize = true): Ours {
  fillOptions.specialize = specialize;
  try {
    return ourDynamic1(text, off, len, total);
  } finally {
    fillOptions.specialize = true;
  }
}

function ourDynamic1(text: string, off: number, len: number, total: number): Ours {
  const { strings, values } = holeify(text);
  const tsa = Object.assign([...strings], { raw: [...strings] }) as unknown as TemplateStringsArray;
  try {
    const a = new Assembler('a64', { base: BASE });
    a.assemble(`Lx0:\n.space ${off}`);
    (a.dynasm as (s: TemplateStringsArray, ...v: unknown[]) => Assembler)(tsa, ...values);
    a.assemble(`.space ${Math.max(0, total - off - len)}\nLx1:`);
    const out = a.finalize();
    return { bytes: out.slice(off, off + (out.length - off - Math.max(0, total - off - len))), error: null };
  } catch (e) {
    return { bytes: null, error: (e as Error).message.split('\n')[0] };
  }
}

/** Runs cases in batches of `batch` lines: two oracle process calls per batch (plus retries). */
export function runCases(cases: readonly Case[], batch = 300): CaseResult[] {
  const out: CaseResult[] = [];
  for (let s = 0; s < cases.length; s += batch) {
    const chunk = cases.slice(s, s + batch);
    const lines = ['Lx0:', ...chunk.map((c) => c.text), 'Lx1:'];
    const gnu = assembleBatch('a64', 'gnu', lines, { link: { base: BASE } });
    const llvm = assembleBatch('a64', 'llvm', lines, { link: { base: BASE } });
    const gTotal = gnu[lines.length - 1].offset;
    const lTotal = llvm[lines.length - 1].offset;
    chunk.forEach((c, i) => {
      const g = gnu[i + 1];
      const l = llvm[i + 1];
      // Lay our copy out like the oracle we compare with (label distances depend on it).
      const ref = g.bytes ? { r: g, total: gTotal } : l.bytes ? { r: l, total: lTotal } : { r: g, total: gTotal };
      const len = ref.r.bytes?.length ?? 4;
      const ours = ourBytes(c.text, ref.r.offset, len, ref.total);
      const dyn = ourDynamic(c.text, ref.r.offset, len, ref.total);
      const generic = ourDynamic(c.text, ref.r.offset, len, ref.total, false);
      let problem: string | null = null;
      let verified = false;
      let oneOracle = false;
      const show = (o: Ours) => (o.bytes ? hex(o.bytes) : `error: ${o.error}`);
      if ((dyn.bytes ? hex(dyn.bytes) : 'error') !== (generic.bytes ? hex(generic.bytes) : 'error')) {
        problem = `specialised fill ${show(dyn)} differs from the generic fill ${show(generic)}`;
      } else if (g.bytes && l.bytes) {
        if (hex(g.bytes) !== hex(l.bytes)) problem = null; // oracles disagree: nothing to require
        else {
          const want = hex(g.bytes);
          if (!ours.bytes || hex(ours.bytes) !== want) problem = `want ${want} (gnu = llvm), got ${show(ours)}`;
          else if (!dyn.bytes || hex(dyn.bytes) !== want) problem = `want ${want} (gnu = llvm), interpolated got ${show(dyn)}`;
          else verified = true;
        }
      } else if (!g.bytes && !l.bytes) {
        if (ours.bytes) problem = `gnu and llvm reject (${g.error}), we accept: ${show(ours)}`;
        else if (dyn.bytes) problem = `gnu and llvm reject (${g.error}), interpolated we accept: ${show(dyn)}`;
      } else {
        const acc = (g.bytes ?? l.bytes)!;
        const who = g.bytes ? 'gnu' : 'llvm';
        if (ours.bytes && hex(ours.bytes) !== hex(acc)) problem = `${who} gives ${hex(acc)} (other rejects), we give ${show(ours)}`;
        else if (dyn.bytes && hex(dyn.bytes) !== hex(acc)) problem = `${who} gives ${hex(acc)} (other rejects), interpolated we give ${show(dyn)}`;
        else oneOracle = !!ours.bytes && !!dyn.bytes;
      }
      out.push({ c, gnu: g, llvm: l, ours, dyn, problem, verified, oneOracle });
    });
  }
  return out;
}

/** Cases for one form: `valid` generated valid instructions and `invalid` with one wrong operand. */
export function casesFor(f: Form, seed: number, valid: number, invalid: number): Case[] {
  const key = `${f.cls}#${f.rowIndex} ${f.rendered}`;
  const ctx = { labels: LABELS };
  const out: Case[] = fc.sample(validInsn(f, ctx), { numRuns: valid, seed }).map((text) => ({ text, valid: true, key }));
  const bad = invalidInsn(f, ctx);
  if (bad) out.push(...fc.sample(bad, { numRuns: invalid, seed: seed + 7 }).map((text) => ({ text, valid: false, key })));
  return out;
}

/** One line per problem, for assertion messages. */
export function describeProblems(results: readonly CaseResult[], max = 40): string[] {
  return results
    .filter((r) => r.problem)
    .slice(0, max)
    .map((r) => `${r.c.valid ? 'valid  ' : 'invalid'} ${r.c.text.padEnd(44)} ${r.problem}   [${r.c.key}]`);
}
