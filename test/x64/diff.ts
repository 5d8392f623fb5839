// The differential harness: instruction texts → GNU as and llvm-mc (one process call per batch each)
// and our assembler, twice: once with the text as written (constants: checked when the plan is built)
// and once as a template with registers, immediates and address parts interpolated (checked when the
// plan is filled). Verdicts per case:
//   an immediate outside our documented range          → we reject (the tools truncate, see docs/dsl-x64.md);
//   GNU and llvm accept with the same bytes            → both of our paths give those bytes;
//   both reject (GNU: an error or a truncation warning) → both of our paths reject;
//   they disagree                                      → GNU as wins: we give GNU's bytes, or reject
//                                                         what GNU rejects; the disagreement is recorded
//                                                         (and iced-x86 decodes both encodings).

import { Assembler } from '../../dsl/assembler.js';
import '../../src/arch/x64/index.js';
import type { X64Case } from './gen.js';
import { LABELS } from './gen.js';
import { assembleX64, hex, type OracleLine } from './support/oracles.js';

/**
 * Where GNU as accepts what llvm-mc rejects and we side with llvm-mc, with the reason (the only
 * exceptions to "GNU as wins").
 */
export const GNU_LAX: readonly { readonly test: (c: X64Case) => boolean; readonly why: string }[] = [
  {
    // GNU as 2.40 takes `vcvttps2dq ymm12, xmm12` and `vcvttps2dq xmm0, ymm8` as the 256-bit form, ignoring the xmm operand's size.
    test: (c) => /^vcvttps2dq /.test(c.text) && /xmm/.test(c.text) && /ymm/.test(c.text),
    why: 'GNU as ignores an xmm/ymm size mismatch in vcvttps2dq',
  },
];

export interface Ours {
  readonly bytes: Uint8Array | null;
  readonly error: string | null;
}

export interface CaseResult {
  readonly c: X64Case;
  readonly gnu: OracleLine;
  readonly llvm: OracleLine;
  readonly ours: Ours;
  readonly dyn: Ours;
  readonly problem: string | null;
  /** GNU and llvm gave the same bytes and both our paths matched. */
  readonly verified: boolean;
  /** GNU and llvm disagree (bytes, or one accepts). */
  readonly disagree: boolean;
  /** Where each tool put the batch's labels Lx0 and Lx1. */
  readonly gnuLabels: readonly [number, number];
  readonly llvmLabels: readonly [number, number];
}

/** Cases whose dynamic path has a documented deviation (see docs/dsl-x64.md): a `[rip + label]` with an interpolated immediate takes the widest immediate form. */
export function ripImmHole(c: X64Case): boolean {
  return /\[rip \+ L/.test(c.text) && c.pieces.some((p) => typeof p !== 'string' && (typeof p.v === 'number' || typeof p.v === 'bigint'));
}

function slice(out: Uint8Array, off: number, rest: number): Uint8Array {
  return out.slice(off, out.length - rest);
}

function ourConst(text: string, off: number, rest: number): Ours {
  try {
    const a = new Assembler('x64');
    a.assemble(`${LABELS[0]}:\n.space ${off}\n${text}\n.space ${rest}\n${LABELS[1]}:`);
    return { bytes: slice(a.finalize(), off, rest), error: null };
  } catch (e) {
    return { bytes: null, error: (e as Error).message.split('\n')[0] };
  }
}

function ourDynamic(c: X64Case, off: number, rest: number): Ours {
  const strings: string[] = [''];
  const values: unknown[] = [];
  for (const p of c.pieces) {
    if (typeof p === 'string') strings[strings.length - 1] += p;
    else {
      values.push(p.v);
      strings.push('');
    }
  }
  const tsa = Object.assign([...strings], { raw: [...strings] }) as unknown as TemplateStringsArray;
  try {
    const a = new Assembler('x64');
    a.assemble(`${LABELS[0]}:\n.space ${off}`);
    (a.dynasm as (s: TemplateStringsArray, ...v: unknown[]) => Assembler)(tsa, ...values);
    a.assemble(`.space ${rest}\n${LABELS[1]}:`);
    return { bytes: slice(a.finalize(), off, rest), error: null };
  } catch (e) {
    return { bytes: null, error: (e as Error).message.split('\n')[0] };
  }
}

/** Runs cases in batches: two oracle process calls per batch (plus retries for rejected lines). */
export function runCases(cases: readonly X64Case[], batch = 4000): CaseResult[] {
  const out: CaseResult[] = [];
  for (let s = 0; s < cases.length; s += batch) {
    const chunk = cases.slice(s, s + batch);
    const lines = [`${LABELS[0]}:`, ...chunk.map((c) => c.oracle), `${LABELS[1]}:`];
    const gnu = assembleX64('gnu', lines);
    const llvm = assembleX64('llvm', lines);
    const gTotal = gnu[lines.length - 1].offset;
    const gnuLabels = [gnu[0].offset, gTotal] as const;
    const llvmLabels = [llvm[0].offset, llvm[lines.length - 1].offset] as const;
    chunk.forEach((c, i) => {
      const g = gnu[i + 1];
      const l = llvm[i + 1];
      const len = g.bytes?.length ?? l.bytes?.length ?? 0;
      // Only label references care where the line is: lay those out like GNU as did.
      const labels = c.text.includes(LABELS[0]) || c.text.includes(LABELS[1]);
      const off = labels ? g.offset : 0;
      const rest = labels ? Math.max(0, gTotal - off - len) : 0;
      const ours = ourConst(c.text, off, rest);
      const dyn = ourDynamic(c, off, rest);
      const show = (o: Ours) => (o.bytes ? hex(o.bytes) : `error: ${o.error}`);
      const gOk = g.bytes !== null && g.warning === null;
      const gHex = g.bytes ? hex(g.bytes) : null;
      const lHex = l.bytes ? hex(l.bytes) : null;
      const disagree = gOk !== (lHex !== null) || (gOk && gHex !== lHex);
      let problem: string | null = null;
      let verified = false;
      const mustBe = (want: string, why: string) => {
        if (!ours.bytes || hex(ours.bytes) !== want) problem = `want ${want} (${why}), got ${show(ours)}`;
        else if (!dyn.bytes || hex(dyn.bytes) !== want) problem = `want ${want} (${why}), interpolated got ${show(dyn)}`;
      };
      const mustReject = (why: string) => {
        if (ours.bytes) problem = `${why}, we accept: ${show(ours)}`;
        else if (dyn.bytes) problem = `${why}, interpolated we accept: ${show(dyn)}`;
      };
      const evex = (g.bytes && g.bytes[0] === 0x62) || (!g.bytes && l.bytes && l.bytes[0] === 0x62);
      const lax = GNU_LAX.find((x) => x.test(c));
      if (evex) mustReject('the tools encode it with EVEX (AVX-512, not supported)');
      else if (lax && lHex === null) mustReject(`${lax.why} (llvm-mc rejects it: ${l.error})`);
      else if (c.truncates) mustReject(`immediate out of range (gnu: ${gOk ? gHex : g.error ?? g.warning}, llvm: ${lHex ?? l.error})`);
      else if (gOk && lHex !== null && gHex === lHex) {
        mustBe(gHex!, 'gnu = llvm');
        verified = problem === null;
      } else if (!gOk && lHex === null) mustReject(`gnu and llvm reject (${g.error ?? g.warning})`);
      else if (gOk) mustBe(gHex!, `gnu; llvm ${lHex ?? 'rejects: ' + l.error}`);
      else mustReject(`gnu rejects (${g.error ?? g.warning}); llvm gives ${lHex}`);
      out.push({ c, gnu: g, llvm: l, ours, dyn, problem, verified, disagree, gnuLabels, llvmLabels });
    });
  }
  return out;
}

/** One line per problem, for assertion messages. */
export function describeProblems(results: readonly CaseResult[], max = 40): string[] {
  return results
    .filter((r) => r.problem)
    .slice(0, max)
    .map((r) => `${r.c.valid ? 'valid  ' : 'invalid'} ${r.c.text.padEnd(50)} ${r.problem}   [${r.c.key}]`);
}
