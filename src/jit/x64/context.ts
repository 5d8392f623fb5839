// What the x86-64 op emitters share: the assembler, the exit routines and the cold exit stubs
// (docs/jit-x64.md).
import type { Assembler } from '../../../dsl/assembler.js';
import type { Label } from '../../../dsl/label.js';

/**
 * Kinds of exit. An instruction leaves through a cold stub (`mov r10d, pc; jmp routine`, placed after all
 * instructions), so the hot path never materialises the VSP PC: exit(pc, kind) returns the stub's label.
 */
export const Exit = {
  /** The budget check failed before the instruction at pc (status budget, or collapsed). */
  budget: 0,
  /** C is set after the instruction: status collapsed, PC = next. */
  collapsed: 1,
  /** Errors 1..5 (stack_overflow .. reg_range) are kinds 2..6: status error at pc, its cycle not counted. */
  error: 2,
} as const;

/** The shared routines (bound once per function, before the instructions). */
export interface Routines {
  /** r10d = the instruction that did not run (r13 = -1 after the failed check): status budget / collapsed. */
  budget: Label;
  /** r10d = next address: status collapsed. */
  collapsed: Label;
  /** r10d = next address: status halted (H already set). */
  halted: Label;
  /** r10d = next address: status returned. */
  returned: Label;
  /** r10d = the faulting instruction, edx = the VspError: status error, its cycle not counted. */
  error: Label;
  /** r10d = the host instruction: EXIT_HOST, its cycle not counted. */
  host: Label;
  /** err[e]: r10d = the faulting instruction, error e (stack_overflow 1 .. reg_range 5). */
  err: Label[];
  /** Subroutine: eax = binary16 rounded once from the binary64 in xmm0 (canonical NaN). Clobbers rcx, rdx, xmm0. */
  f64ToF16: Label;
}

export interface X64Context {
  readonly a: Assembler<'x64'>;
  readonly r: Routines;
  /** The PC dispatcher (r10d = target PC). */
  readonly dispatch: Label;
  /** The label of a cold stub that stops with PC = pc through the routine of `kind` (Exit.*). */
  exit(pc: number, kind: number): Label;
}
