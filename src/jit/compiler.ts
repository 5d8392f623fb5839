// The arch-neutral VSP JIT compiler: walks the analysis of a verified program (analysis.ts) and drives a
// backend (backend.ts). Everything decided here follows from the VSP spec, never from a machine: labels,
// budget checks, C checks, statically known errors, per-MODE code and the host exits (docs/jit-design.md).
import { Op } from '../../spec/vsp/opcodes.js';
import type { LoadedProgram } from '../vsp/container.js';
import { a24, regA, regB } from '../vsp/decode.js';
import { MODE_WIDTH, VspError } from '../vsp/state-layout.js';
import { ALL_MODES, analyzeProgram, type JitInstruction, type ModeSet, type ProgramAnalysis } from './analysis.js';
import type { Backend, BackendOutput, DispatchTarget, ModeGroup } from './backend.js';
import { budgetBlocks } from './budget-blocks.js';

export interface CompileOptions {
  /** MODE values possible at the entry (default: the container's mode; ALL_MODES when allEntries). */
  readonly entryModes?: ModeSet;
  /**
   * Every instruction start is an entry (and a dispatch target for RET): the host may start the compiled
   * function at any instruction with any MODE. Used by the tests that run single instructions.
   */
  readonly allEntries?: boolean;
  /** More entry points (instruction starts), each with every MODE possible: tests enter there. */
  readonly entryPcs?: readonly number[];
}

export interface CompiledProgram extends BackendOutput {
  readonly arch: 'a64' | 'x64';
  readonly analysis: ProgramAnalysis;
  /** PCs the compiled function can be entered at or dispatched to (sorted). */
  readonly dispatchPcs: readonly number[];
  /** Wall-clock compile time in milliseconds (analysis + code generation + finalization). */
  readonly compileMs: number;
}

/** How a mode-aware opcode splits by MODE: width-dependent arithmetic or the exact MODE (demotions). */
export const ModeUse = {
  none: 0,
  /** Code depends on the value width W: groups SIL-8, SIL-16, SIL-32, SIL-64/SIL-128. */
  width: 1,
  /** Code depends on the exact MODE (the demotions); MODEs at or below the target share a no-op group. */
  exact: 2,
} as const;
export type ModeUse = (typeof ModeUse)[keyof typeof ModeUse];

const WIDTH_GROUPS: readonly ModeGroup[] = [[0], [1], [2], [3, 4]];

/** The ModeUse of every opcode (mode-aware operations of spec 4.4, the demotions of 4.7). */
export function modeUse(op: number): ModeUse {
  if ((op >= 0x4c && op <= 0x5f && op !== Op.POWFLOAT) || (op >= 0x69 && op <= 0x75)) return ModeUse.width;
  if (op >= Op.DEMOTE && op <= Op.MAXDEM) return ModeUse.exact;
  return ModeUse.none;
}

/** Mode-aware operations with one register operand (shape r): only Ra is range-checked. */
function unaryShape(ins: JitInstruction): boolean {
  return ins.info.shape === 'r';
}

/** An error the instruction raises whatever the state, in MODE `mode` (spec 4.4 reg_range, 4.2 mem_range). */
export function staticError(ins: JitInstruction, mode: number | null): VspError {
  if (mode !== null && modeUse(ins.op) === ModeUse.width) {
    const w = MODE_WIDTH[mode]!;
    if (regA(ins.b1) + w > 16) return VspError.reg_range;
    if (!unaryShape(ins) && regB(ins.b1) + w > 16) return VspError.reg_range;
  }
  if ((ins.op === Op.LSTATE || ins.op === Op.SSTATE) && a24(ins.b1, ins.b2, ins.b3) > 0xfff0) return VspError.mem_range;
  return VspError.none;
}

/** groups[modes] for width-dependent opcodes and groups[modes * 5 + target] for the demotions, built once. */
const WIDTH_BY_MODES: ModeGroup[][] = [];
const EXACT_BY_MODES: ModeGroup[][] = [];
for (let modes = 0; modes < 32; modes++) {
  const m = modes === 0 ? ALL_MODES : modes;
  WIDTH_BY_MODES.push(WIDTH_GROUPS.map((g) => g.filter((x) => (m & (1 << x)) !== 0)).filter((g) => g.length > 0));
  for (let target = 0; target < 5; target++) {
    const noop: number[] = [];
    const out: number[][] = [];
    for (let x = 0; x < 5; x++) {
      if ((m & (1 << x)) === 0) continue;
      if (x <= target) noop.push(x);
      else out.push([x]);
    }
    if (noop.length > 0) out.push(noop);
    EXACT_BY_MODES.push(out);
  }
}

/**
 * The groups of MODE values an instruction needs code for, given the MODEs it can run in (an instruction no
 * MODE reaches gets every MODE). The arrays are shared: do not modify them.
 */
export function modeGroups(ins: JitInstruction): readonly ModeGroup[] {
  const use = modeUse(ins.op);
  if (use === ModeUse.width) return WIDTH_BY_MODES[ins.modes]!;
  if (use === ModeUse.exact) return EXACT_BY_MODES[ins.modes * 5 + ins.b2]!; // shape m, format C: target in b2
  return [];
}

function now(): number {
  return performance.now();
}

/**
 * Compiles a verified program with `backend`. The backend instance is used for this one program (backends
 * keep per-program state); the result holds the machine code and the map back to VSP instructions.
 */
export function compileProgram<L>(loaded: LoadedProgram, backend: Backend<L>, options: CompileOptions = {}): CompiledProgram {
  const t0 = now();
  const an = analyzeProgram(loaded, options.entryModes, { allEntries: options.allEntries === true, ...(options.entryPcs ? { entryPcs: options.entryPcs } : {}) });
  return compileAnalysis(an, backend, t0);
}

/** Compiles an existing analysis (compileProgram without re-analysing). */
export function compileAnalysis<L>(an: ProgramAnalysis, backend: Backend<L>, t0: number = now()): CompiledProgram {
  const len = an.codeLength;
  // Labels: branch targets, entries, RET return points and the code length (nothing else is jumped to).
  const labels: (L | undefined)[] = new Array(len + 1);
  const labelFor = (pc: number): L => {
    let l = labels[pc];
    if (l === undefined) {
      l = backend.newLabel();
      labels[pc] = l;
    }
    return l;
  };
  const insns = an.insns;
  for (let i = 0; i < insns.length; i++) {
    const ins = insns[i]!;
    if (ins.target >= 0) labelFor(ins.target);
    if (ins.entry) labelFor(ins.pc);
  }
  for (const r of an.returnPoints) labelFor(r);
  const endLabel = labelFor(len);
  const labelAt = (pc: number): L => {
    const l = labels[pc];
    if (l === undefined) throw new Error(`compiler: no label at pc ${pc}`);
    return l;
  };

  const blocks = budgetBlocks(insns, (pc) => labels[pc] !== undefined);
  backend.begin(an);
  let afterUnreachable = false;
  for (let i = 0; i < insns.length; i++) {
    const ins = insns[i]!;
    const label = labels[ins.pc] ?? null;
    const unreachable = ins.modes === 0;
    if (unreachable && label === null && afterUnreachable) {
      // nothing can get here, even with a wrong analysis: the instruction before ends in its bad-PC exit
      backend.skipInstruction(ins);
      continue;
    }
    afterUnreachable = unreachable;
    backend.startInstruction(ins, label, blocks[i]!);
    if (unreachable) {
      // unreachable: no MODE flows here from any entry (its label may still be a dispatch target of a RET
      // that can never run); no code for it
      backend.emitUnreachable(ins);
      continue;
    }
    if (ins.info.host) {
      backend.emitHostExit(ins);
      continue;
    }
    const use = modeUse(ins.op);
    if (use === ModeUse.none) {
      const e = staticError(ins, null);
      if (e !== VspError.none) backend.emitError(ins, e);
      else backend.emitInstruction(ins, null, labelAt);
    } else {
      const groups = modeGroups(ins);
      if (groups.length === 1) emitForMode(backend, ins, groups[0]![0]!, labelAt);
      else {
        backend.beginModeSwitch(ins, groups);
        for (let i = 0; i < groups.length; i++) {
          backend.modeCase(i);
          emitForMode(backend, ins, groups[i]![0]!, labelAt);
        }
        backend.endModeSwitch();
      }
    }
    if (ins.canSetC) backend.emitCollapseCheck(ins);
  }
  backend.emitCodeEnd(len, endLabel);

  // Dispatch: entries, return points and the code length (a RET to a CALL that was the last instruction).
  const sorted = mergePcs(an.entries, an.returnPoints, len);
  const dispatch: DispatchTarget<L>[] = sorted.map((pc) => ({ pc, label: labelFor(pc) }));
  const out = backend.finish(dispatch);
  return { ...out, arch: backend.arch, analysis: an, dispatchPcs: sorted, compileMs: now() - t0 };
}

/** The sorted union of two lists of pcs (in code order, as the analysis makes them: merged) and `last`. */
function mergePcs(a: readonly number[], b: readonly number[], last: number): number[] {
  if (!ascending(a) || !ascending(b)) return [...new Set([...a, ...b, last])].sort((x, y) => x - y);
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!;
    if (out.length === 0 || out[out.length - 1]! < x) out.push(x);
  }
  if (out.length === 0 || out[out.length - 1]! < last) out.push(last);
  return out;
}

function ascending(xs: readonly number[]): boolean {
  for (let i = 1; i < xs.length; i++) if (xs[i - 1]! > xs[i]!) return false;
  return true;
}

function emitForMode<L>(backend: Backend<L>, ins: JitInstruction, groupMode: number, labelAt: (pc: number) => L): void {
  // width-dependent code: SIL-128 computes exactly like SIL-64, and 3 stands for both
  const mode = modeUse(ins.op) === ModeUse.width && groupMode > 3 ? 3 : groupMode;
  const e = staticError(ins, mode);
  if (e !== VspError.none) backend.emitError(ins, e);
  else backend.emitInstruction(ins, mode, labelAt);
}
