// Shared by the FP and SIMD execution tests: runs one instruction text in Unicorn (emulation/ harness) on
// random x0..x30, v0..v31, NZCV and FPCR, runs the same text through a JS model on the same state, and
// reports the first differences. Forms come from the compiled spec/a64 tables; random inputs favour the
// values where implementations go wrong (signed zeros, infinities, NaNs with payloads, subnormals,
// rounding ties, conversion limits).
import fc from 'fast-check';
import { Assembler } from '../../src/index.js';
import { forms, type Form } from '../../src/arch/a64/forms.js';
import { Harness, type Program, type RegName } from '../../emulation/index.js';
import { F16, F32, F64, type FpFormat } from '../support/softfloat.js';
import { int, rand64, randBits, randFp, rng } from '../support/random-values.js';
export { rng };
import { validInsn } from './gen.js';
import { fpExceptions } from './fp-semantics.js';
import { LITERAL, M128, parseVInsn, type VOp, type VState } from './vec-state.js';

const REGS = [...Array.from({ length: 31 }, (_, i) => `x${i}`), ...Array.from({ length: 32 }, (_, i) => `q${i}`), 'nzcv', 'fpcr', 'sp', 'fpsr'] as RegName<'a64'>[];
const SP = 65;
const FPSR_OUT = 66;
/** FPSR bits compared: IOC DZC OFC UFC IXC (IDC needs FZ; QC is not modelled). */
const FPSR_MASK = 0x1f;

const literalLayout = (text: string) =>
  [text, 'b 1f', `L: .quad 0x${(LITERAL & ((1n << 64n) - 1n)).toString(16)}`, `.quad 0x${(LITERAL >> 64n).toString(16)}`, '1:'].join('\n');

/** The data region of the load/store forms, and the middle of its random window where accesses land. */
export const DATA = 0x300000n;
export const DATA_SIZE = 0x4000;
const CENTER = DATA + 0x2000n;
const WINDOW = 2048;
const X0 = 0;
const Q0 = 31;
const NZCV = 63;
const FPCR = 64;

let harness: Harness<'a64'> | null = null;
export function vecHarness(): Harness<'a64'> {
  harness ??= Harness.open('a64', { data: [{ name: 'data', address: DATA, size: DATA_SIZE, zero: true }] });
  return harness;
}
export function closeVecHarness(): void {
  harness?.close();
  harness = null;
}

/** A 128-bit vector register: lanes of FP values of `f` (when given) or random/edge integers. */
export function randVec(r: () => number, f: FpFormat | null): bigint {
  if (f && r() < 0.85) {
    let v = 0n;
    for (let i = 0; i < 128 / f.bits; i++) v |= (randFp(r, f) & ((1n << BigInt(f.bits)) - 1n)) << BigInt(i * f.bits);
    return v;
  }
  const pick = int(r, 8);
  const es = [8, 16, 32, 64][int(r, 4)];
  if (pick === 0) {
    // Lanes of edge values of one element size
    let v = 0n;
    const edges = [0n, 1n, (1n << BigInt(es)) - 1n, 1n << BigInt(es - 1), (1n << BigInt(es - 1)) - 1n];
    for (let i = 0; i < 128 / es; i++) v |= edges[int(r, edges.length)] << BigInt(i * es);
    return v;
  }
  if (pick === 1) {
    // Small lanes (shift counts, table indices)
    let v = 0n;
    for (let i = 0; i < 16; i++) v |= BigInt(int(r, 2) ? int(r, 64) : 255 - int(r, 64)) << BigInt(8 * i);
    return v;
  }
  return randBits(r, 128);
}

/** FPCR values the runs use: RMode 0..3 × DN 0/1 (FZ, FZ16 and AHP stay 0). */
export function randFpcr(r: () => number): number {
  return (int(r, 4) << 22) | (int(r, 2) << 25);
}

export function randomState(r: () => number, f: FpFormat | null): VState {
  return {
    x: Array.from({ length: 31 }, () => rand64(r)),
    v: Array.from({ length: 32 }, () => randVec(r, f)),
    nzcv: int(r, 16),
    fpcr: randFpcr(r),
  };
}

export const cloneState = (s: VState): VState => ({
  x: [...s.x],
  v: [...s.v],
  nzcv: s.nzcv,
  fpcr: s.fpcr,
  sp: s.sp,
  ...(s.mem ? { mem: { base: s.mem.base, bytes: s.mem.bytes.slice() } } : {}),
});

/**
 * Points the memory operand of a load/store text into the data window: the base register (or sp) so that
 * the address lands near CENTER (16-aligned base), a small index or post-index register; random window
 * bytes. Returns false when the operands cannot be placed (index register = base register).
 */
function placeMemory(text: string, s: VState, r: () => number): boolean {
  const { ops } = parseVInsn(text);
  const at = ops.findIndex((o) => o.k === 'mem');
  if (at < 0) return true;
  const m = ops[at] as Extract<VOp, { k: 'mem' }>;
  const post = ops[at + 1];
  if (m.idx && !m.idx.zr) {
    if (m.idx.n === m.base) return false;
    const signed = m.ext === 'sxtw' || m.ext === 'sxtx';
    s.x[m.idx.n] = BigInt.asUintN(64, BigInt(int(r, 64) * (signed && r() < 0.5 ? -1 : 1)));
  }
  if (post?.k === 'gpr' && !post.zr) {
    if (post.n === m.base) return false;
    s.x[post.n] = BigInt(int(r, 64));
  }
  const base = post !== undefined ? CENTER : (CENTER - BigInt(m.off)) & ~15n;
  if (m.base === 31) s.sp = base;
  else s.x[m.base] = base;
  const bytes = new Uint8Array(DATA_SIZE);
  const w = Number(CENTER - DATA);
  for (let i = w - WINDOW; i < w + WINDOW; i++) bytes[i] = int(r, 256);
  s.mem = { base: DATA, bytes };
  return true;
}

/** The FP element format of a form's operands (first h/s/d register or arrangement), or null. */
export function formFormat(f: Form): FpFormat | null {
  const m = /<\w+:(?:v\.\d*)?([hsd])>/.exec(f.patternText);
  if (!m) return null;
  return { h: F16, s: F32, d: F64 }[m[1] as 'h' | 's' | 'd'];
}

export interface ExecReport {
  /** Forms of the class (after the class filter). */
  forms: number;
  executed: number;
  cases: number;
  /** Cases skipped as a known emulator defect. */
  defectCases: number;
  /** Forms not executed, with the reason. */
  skipped: Map<string, string>;
}

export interface ExecOptions {
  readonly cls: string;
  /** Forms considered at all (e.g. the FP data-processing forms of class 'fp'). */
  readonly only?: (f: Form) => boolean;
  /** Forms deliberately not executed: a reason, or null to execute. */
  readonly exclude: (f: Form) => string | null;
  /** The model: executes text on the state, throws NotModelled for unknown instructions. */
  readonly model: (s: VState, text: string) => void;
  readonly notModelled: new (...args: never[]) => Error;
  /** Texts per form, inputs per text. */
  readonly texts: number;
  readonly inputs: number;
  readonly seed: number;
  /** Element format used to fill vector registers (default: formFormat). */
  readonly format?: (f: Form) => FpFormat | null;
  /** Compare the FPSR cumulative exception flags (IOC, DZC, OFC, UFC, IXC) with the model's. */
  readonly compareFpsr?: boolean;
  /** A known emulator defect in FPSR only: compare everything but FPSR for these texts (documented at the caller). */
  readonly fpsrDefect?: (text: string) => boolean;
  /** Load/store forms: place the memory operand in the data window and compare the memory too. */
  readonly memory?: boolean;
  /** A known emulator defect: skip this case (text, input state, the model's result) — each use is documented at the caller. */
  readonly emulatorDefect?: (text: string, input: VState, model: VState) => boolean;
}

const hex = (v: bigint) => `0x${v.toString(16)}`;

function diffStates(emu: VState, mod: VState): string[] {
  const d: string[] = [];
  for (let i = 0; i < 31; i++) if (emu.x[i] !== mod.x[i]) d.push(`x${i} emu ${hex(emu.x[i])} model ${hex(mod.x[i])}`);
  for (let i = 0; i < 32; i++) if (emu.v[i] !== mod.v[i]) d.push(`v${i} emu ${hex(emu.v[i])} model ${hex(mod.v[i])}`);
  if (emu.nzcv !== mod.nzcv) d.push(`nzcv emu ${emu.nzcv.toString(2)} model ${mod.nzcv.toString(2)}`);
  if (emu.fpsr !== mod.fpsr) d.push(`fpsr emu 0x${(emu.fpsr ?? 0).toString(16)} model 0x${(mod.fpsr ?? 0).toString(16)} (IOC 1, DZC 2, OFC 4, UFC 8, IXC 10)`);
  if (emu.sp !== mod.sp) d.push(`sp emu ${hex(emu.sp ?? 0n)} model ${hex(mod.sp ?? 0n)}`);
  if (emu.mem && mod.mem) {
    for (let i = 0; i < emu.mem.bytes.length; i++) {
      if (emu.mem.bytes[i] !== mod.mem.bytes[i]) {
        d.push(`memory 0x${(emu.mem.base + BigInt(i)).toString(16)} emu ${emu.mem.bytes[i]} model ${mod.mem.bytes[i]}`);
        break;
      }
    }
  }
  return d;
}

/** The registers an instruction text names, with their input values (for failure messages). */
function inputsOf(text: string, s: VState): string {
  const out: string[] = [];
  for (const m of text.matchAll(/\b([xwbhsdqv])(\d+)\b/g)) {
    const n = Number(m[2]);
    if (m[1] === 'x' || m[1] === 'w') {
      if (n < 31) out.push(`x${n}=${hex(s.x[n])}`);
    } else if (n < 32) out.push(`v${n}=${hex(s.v[n])}`);
  }
  return [...new Set(out), `nzcv=${s.nzcv.toString(2)}`, `fpcr=${hex(BigInt(s.fpcr))}`].join(' ');
}

/** Runs every form of a class in Unicorn and through the model; returns the problems found and a report. */
export function executeClass(o: ExecOptions): { problems: string[]; report: ExecReport } {
  const all = forms().all.filter((f) => f.cls === o.cls && (!o.only || o.only(f)));
  const report: ExecReport = { forms: all.length, executed: 0, cases: 0, defectCases: 0, skipped: new Map() };
  const problems: string[] = [];
  const r = rng(o.seed);
  const h = vecHarness();
  all.forEach((f, fi) => {
    const key = `${f.cls}#${f.rowIndex} ${f.rendered}`;
    const why = o.exclude(f);
    if (why) {
      report.skipped.set(key, why);
      return;
    }
    // Spare candidates: a load/store text whose index register is its base register cannot be placed.
    const texts = fc.sample(validInsn(f, { labels: ['L'] }), { numRuns: o.texts + (o.memory ? 8 : 0), seed: o.seed + fi });
    let textsRun = 0;
    const fmt = (o.format ?? formFormat)(f);
    let ran = 0;
    for (const text of texts) {
      if (textsRun === o.texts) break;
      // Does the model know it? (on a throwaway state)
      const probe = randomState(r, fmt);
      probe.sp = h.layout.stackPointer;
      if (o.memory && !placeMemory(text, probe, r)) continue;
      try {
        o.model(probe, text);
      } catch (e) {
        if (e instanceof o.notModelled) {
          report.skipped.set(key, `not modelled: ${(e as Error).message}`);
          return;
        }
        problems.push(`${text}: model error: ${(e as Error).message}`);
        return;
      }
      let code: Uint8Array;
      try {
        const a = new Assembler('a64', { base: h.layout.codeBase });
        a.assemble(/\bL$/.test(text) ? literalLayout(text) : text);
        code = a.finalize();
      } catch (e) {
        problems.push(`${text}: we reject a generated valid instruction: ${(e as Error).message.split('\n')[0]}`);
        return;
      }
      const p: Program<'a64'> = h.prepare({ code, inputs: REGS, outputs: REGS });
      textsRun++;
      for (let k = 0; k < o.inputs; k++) {
        const s = randomState(r, fmt);
        s.sp = h.layout.stackPointer;
        if (o.memory && !placeMemory(text, s, r)) continue;
        const mod = cloneState(s);
        fpExceptions.flags = 0;
        o.model(mod, text);
        const fpsrOn = o.compareFpsr === true && !o.fpsrDefect?.(text);
        if (fpsrOn) mod.fpsr = fpExceptions.flags;
        if (o.emulatorDefect?.(text, s, mod)) {
          report.defectCases++;
          continue;
        }
        const vals: bigint[] = [...s.x, ...s.v, BigInt(s.nzcv) << 28n, BigInt(s.fpcr), s.sp, 0n];
        const stop = p.run(vals, s.mem ? [{ address: CENTER - BigInt(WINDOW), bytes: s.mem.bytes.subarray(Number(CENTER - DATA) - WINDOW, Number(CENTER - DATA) + WINDOW) }] : undefined);
        if (stop.kind !== 'stop') {
          problems.push(`${text}: Unicorn stopped with ${stop.kind} (${[...code].map((b) => b.toString(16).padStart(2, '0')).join('')})`);
          return;
        }
        const emu: VState = {
          x: Array.from({ length: 31 }, (_, i) => p.output(X0 + i)),
          v: Array.from({ length: 32 }, (_, i) => p.output(Q0 + i) & M128),
          nzcv: Number(p.output(NZCV) >> 28n),
          fpcr: Number(p.output(FPCR)),
          sp: p.output(SP),
          ...(fpsrOn ? { fpsr: Number(p.output(FPSR_OUT)) & FPSR_MASK } : {}),
          ...(s.mem ? { mem: { base: DATA, bytes: h.readData(DATA, DATA_SIZE) } } : {}),
        };
        ran++;
        const d = diffStates(emu, mod);
        if (d.length) {
          problems.push(`${text} [${inputsOf(text, s)}]: ${d.slice(0, 3).join('; ')}`);
          break;
        }
      }
    }
    if (ran > 0) report.executed++;
    report.cases += ran;
  });
  return { problems, report };
}

/** Prints a report when DYNASM_ISA_REPORT=1. */
export function printExecReport(cls: string, rep: ExecReport): void {
  if (process.env.DYNASM_ISA_REPORT !== '1') return;
  console.log(`\nexecuted ${cls}: ${rep.executed} of ${rep.forms} forms, ${rep.cases} cases (${rep.defectCases} skipped as emulator defects); not executed: ${rep.skipped.size}`);
  const reasons = new Map<string, number>();
  for (const w of rep.skipped.values()) reasons.set(w, (reasons.get(w) ?? 0) + 1);
  for (const [w, n] of [...reasons].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(4)}  ${w}`);
}
