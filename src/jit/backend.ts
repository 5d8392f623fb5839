// The interface between the arch-neutral JIT compiler (compiler.ts) and one machine backend (a64/, x64/).
// See docs/jit-design.md and docs/jit-a64.md.
//
// The compiler owns every decision that follows from the VSP spec rather than from a machine: which
// instruction starts get a label (entries, branch targets, RET return points, the code length), where the
// budget is checked (before every instruction), which instructions are followed by a C check (canSetC), which
// errors are known at compile time (reg_range for a MODE, LSTATE/SSTATE mem_range), how a mode-aware
// instruction is split into per-MODE code (proven by the analysis, else a run-time switch on the MODE byte),
// and which instructions leave through the host exit. A backend only turns each of those calls into machine
// code, through the dynasm DSL, and keeps the calling convention and the exit protocol:
//
//   uint32_t vsp_run(uint8_t *state, const uint8_t *tables)   // returns EXIT_STOPPED, EXIT_HOST or EXIT_BAD_PC
//
// The calls come in this order:
//   begin(analysis)
//   for each instruction in code order:
//     skipInstruction(ins)              (an unreachable, unlabelled instruction after an unreachable one:
//                                        no code; nothing else is called for it)
//     or startInstruction(ins, label | null, block)
//     one of: emitUnreachable(ins) | emitHostExit(ins) | emitError(ins, e) | emitInstruction(ins, mode, labelAt)
//             | beginModeSwitch(ins, groups), then for each group i: modeCase(i) + (emitError | emitInstruction),
//               then endModeSwitch()
//     emitCollapseCheck(ins)            (only when ins.canSetC)
//   emitCodeEnd(codeLength, label)
//   finish(dispatch) -> BackendOutput
import type { JitInstruction, ProgramAnalysis } from './analysis.js';
import type { VspError } from '../vsp/state-layout.js';

/** Compiled code returns this when it reaches a PC it has no code for (never for a verified program). */
export const EXIT_BAD_PC = 2;

/** MODE values that share one code path of a mode-aware instruction (e.g. [3, 4]: SIL-64 and SIL-128). */
export type ModeGroup = readonly number[];

/** A place the compiled function can be entered at or dispatched to by PC (entries, return points, the end). */
export interface DispatchTarget<L> {
  readonly pc: number;
  readonly label: L;
}

/** The label of the instruction at a VSP address (branch targets; only addresses the compiler labelled). */
export type LabelAt<L> = (pc: number) => L;

/** What a backend produces. */
export interface BackendOutput {
  /** The machine code; the function starts at `entryOffset`. */
  readonly code: Uint8Array;
  readonly entryOffset: number;
  /**
   * insnOffsets[i] = code offset where instruction i (analysis order) starts; insnOffsets[n] = where the code
   * after the last instruction (the end stop) starts. For listings and statistics.
   */
  readonly insnOffsets: Int32Array;
  /** Named regions outside the instructions (prologue, exit routines, dispatch), in code order, for listings. */
  readonly regions: readonly { readonly name: string; readonly offset: number }[];
}

export interface BackendOptions {
  /**
   * Keep hot VSP state in machine registers / vector registers (issue item 5). Off by default; when a
   * backend does not implement it, it ignores the flag and says so in `BackendInfo.cachesRegisters`.
   */
  readonly cacheRegisters?: boolean;
}

export interface Backend<L> {
  readonly arch: 'a64' | 'x64';
  /** Whether this backend instance keeps VSP registers in machine registers (see BackendOptions). */
  readonly cachesRegisters: boolean;
  /** Starts a program: prologue (callee-saved registers, frame, FPCR/MXCSR), state loads, exit routines. */
  begin(analysis: ProgramAnalysis): void;
  /** A new unbound label. */
  newLabel(): L;
  /**
   * Start of instruction `ins`: binds `label` when given, then the budget check: when no cycle is left the
   * run stops there (status budget, or collapsed when C is set and an instruction ran), else one cycle is
   * consumed. `block` (budget-blocks.ts): the length of the budget block `ins` starts (0 inside a block);
   * a backend may pay for the whole block at its start (leaving with driver.ts EXIT_TAIL in front of it
   * when fewer cycles are left, and giving back the unrun instructions' cycles in the exit stubs inside it)
   * or ignore it and check every instruction.
   */
  startInstruction(ins: JitInstruction, label: L | null, block: number): void;
  /**
   * Records where instruction `ins` is and emits no code for it: the compiler calls this instead of
   * startInstruction + emitUnreachable for an unreachable instruction without a label that follows an
   * unreachable one (only falling through could reach it, and the code before ends in its bad-PC exit).
   */
  skipInstruction(ins: JitInstruction): void;
  /**
   * An instruction the analysis proved unreachable (no MODE reaches it: not an entry, never branched, fallen
   * or returned to): leaves with EXIT_BAD_PC, so a wrong analysis fails loudly instead of running code
   * compiled for the wrong MODE.
   */
  emitUnreachable(ins: JitInstruction): void;
  /** Leaves with EXIT_HOST: PC = ins.pc (not run; its cycle is not counted), HOST_PC = ins.pc. */
  emitHostExit(ins: JitInstruction): void;
  /** Stops with status error and `error` at ins.pc, the state as before the instruction. */
  emitError(ins: JitInstruction, error: VspError): void;
  /**
   * The inline code of a non-host instruction. `mode` is the MODE it runs in for mode-aware instructions
   * (a representative of its group: 3 stands for SIL-64 and SIL-128 in the width-dependent operations; the
   * demotions get the exact MODE), or null for instructions whose code does not depend on MODE.
   */
  emitInstruction(ins: JitInstruction, mode: number | null, labelAt: LabelAt<L>): void;
  /** A run-time switch on MODE over `groups` (the last group is the default); cases follow via modeCase. */
  beginModeSwitch(ins: JitInstruction, groups: readonly ModeGroup[]): void;
  /** Starts the code of group `index` of the open mode switch. */
  modeCase(index: number): void;
  /** Closes the open mode switch (every case continues after it). */
  endModeSwitch(): void;
  /** After an instruction that can set C: if C is set, stop collapsed with PC = ins.next. */
  emitCollapseCheck(ins: JitInstruction): void;
  /** After the last instruction: reaching the code length stops the run `end` (collapsed if C is set). */
  emitCodeEnd(codeLength: number, label: L): void;
  /** Emits the PC dispatch (entries, return points, the code length) and returns the code. */
  finish(dispatch: readonly DispatchTarget<L>[]): BackendOutput;
}

/** A backend that cannot compile a program (too large for its branch ranges, an internal DSL error). */
export class JitCompileError extends Error {
  constructor(
    message: string,
    readonly pc: number | null = null,
  ) {
    super(pc === null ? message : `at VSP pc ${pc}: ${message}`);
    this.name = 'JitCompileError';
  }
}
