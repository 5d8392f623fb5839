// What the x86-64 op emitters share: the assembler, the exit routines and the cold exit stubs
// (docs/jit-x64.md).
import type { Assembler } from '../../../dsl/assembler.js';
import type { Label } from '../../../dsl/label.js';
import type { X64Value } from '../../arch/x64/values.js';

/**
 * Kinds of exit. An instruction leaves through a cold stub (`mov dword ptr [rbx + 0x14], pc; jmp routine`, after all
 * instructions), so the hot path never materialises the VSP PC: exit(pc, kind) returns the stub's label. A
 * stub inside a budget block first gives back the cycles of the block's instructions that have not run
 * (`add r13, n`), and with the register file writes back what was not home (RegisterHomes.exitFlush).
 */
export const Exit = {
  /** The budget check failed before the instruction at pc (status budget, or collapsed). */
  budget: 0,
  /** C is set after the instruction: status collapsed, PC = next. */
  collapsed: 1,
  /** Errors 1..5 (stack_overflow .. reg_range) are kinds 2..6: status error at pc, its cycle not counted. */
  error: 2,
  /** The budget left cannot cover the block starting at pc: EXIT_TAIL (the interpreter runs the rest). */
  tail: 7,
} as const;

/** The shared routines (bound once per function, before the instructions). */
export interface Routines {
  /** PC = the instruction that did not run (r13 = -1 after the failed check): status budget / collapsed. */
  budget: Label;
  /** PC = next address: status collapsed. */
  collapsed: Label;
  /** PC = next address: status halted (H already set). */
  halted: Label;
  /** PC = next address: status returned. */
  returned: Label;
  /** PC = the faulting instruction, edx = the VspError: status error, its cycle not counted. */
  error: Label;
  /** PC = the host instruction: EXIT_HOST, its cycle not counted. */
  host: Label;
  /** PC = the head of a budget block the budget left cannot cover (LEFT as before it): EXIT_TAIL, or collapsed. */
  tail: Label;
  /** err[e]: PC = the faulting instruction, error e (stack_overflow 1 .. reg_range 5). */
  err: Label[];
  /** Subroutine: eax = binary16 rounded once from the binary64 in xmm0 (canonical NaN). Clobbers rcx, rdx, xmm0. */
  f64ToF16: Label;
}

export interface X64Context {
  readonly a: Assembler<'x64'>;
  readonly r: Routines;
  /** The PC dispatcher (eax = target PC). */
  readonly dispatch: Label;
  /** The label of a cold stub that stops with PC = pc through the routine of `kind` (Exit.*). */
  exit(pc: number, kind: number): Label;
  /**
   * Operands of the VSP register values at R[k] (byte, word, dword, qword): a home register when the value
   * is cached (cache.ts) or a half or byte slot of the register file (register-file.ts), else memory
   * [rbx + k]. Templates reach VSP registers only through these, except the whole-file operations (SHIFTL,
   * ROTATL, FOLD, LSTATE, SSTATE, the demotions), which use memory.
   */
  readonly b: (k: number) => X64Value;
  readonly w: (k: number) => X64Value;
  readonly d: (k: number) => X64Value;
  readonly q: (k: number) => X64Value;
  /**
   * Non-zero when values the current instruction works on are not where a branch target expects them (homes
   * synced to memory, written register-file slots): a template that branches away must call syncIn() first.
   */
  syncing(): number;
  /** Emits what puts them there (RegisterHomes.syncIn; for a template's branch that leaves the instruction early). */
  syncIn(): void;
}
