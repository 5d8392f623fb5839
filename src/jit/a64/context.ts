// What the A64 op emitters share: the assembler and the labels of the exit routines (docs/jit-a64.md).
import type { Assembler } from '../../../dsl/assembler.js';
import type { Label } from '../../../dsl/label.js';

/**
 * Labels of the shared exit routines (bound once after the prologue). Instructions do not use these objects:
 * they branch to the routines through backward numeric local labels (90b budget, 91b collapsed, 92b halted,
 * 93b returned, 94b host, 95b error, 81b..85b the error codes 1..5), which far mode redefines in islands.
 */
export interface Routines {
  /** w28 = the instruction that did not run: status budget (collapsed when C is set and an instruction ran). */
  budget: Label;
  /** w28 = next address: status collapsed. */
  collapsed: Label;
  /** w28 = next address: status halted (H already set). */
  halted: Label;
  /** w28 = next address: status returned. */
  returned: Label;
  /** w28 = the faulting instruction, w9 = the VspError: status error, its cycle not counted. */
  error: Label;
  /** w28 = the host instruction: EXIT_HOST, its cycle not counted. */
  host: Label;
  /** err[e]: w28 = the faulting instruction, error e (stack_overflow 1 .. reg_range 5). */
  err: Label[];
}

export interface A64Context {
  readonly a: Assembler<'a64'>;
  /** The PC dispatcher (w28 = target PC); reached with `b` only, so it never needs an island. */
  readonly dispatch: Label;
  /** Long-range mode: conditional branches to VSP labels go through an unconditional `b`. */
  readonly far: boolean;
}
