// Budget blocks (docs/jit-design.md, "The budget"): runs of instructions that compiled code may pay the cycle
// budget for with one check at their start instead of one per instruction. A block is straight-line code that
// can only be entered at its first instruction and only left early through an exit stub (errors, C stops),
// whose stub then knows how many of the block's instructions have not run. It starts at a label (a branch
// target, an entry, a return point), after an instruction that leaves other than through a stub (branches,
// RET, HLT, host instructions, unreachable code's bad-PC exit), and after MAX_BLOCK instructions.
// When the budget left cannot cover a whole block, compiled code hands the run to the interpreter in front of
// it (driver.ts EXIT_TAIL), which runs exactly the instructions left.
import { Op } from '../../spec/vsp/opcodes.js';
import type { JitInstruction } from './analysis.js';

/**
 * The longest block: bounds what the interpreter runs at the end of a run (at most MAX_BLOCK - 1
 * instructions) for one check per MAX_BLOCK instructions at most.
 */
export const MAX_BLOCK = 32;

/** Whether code can leave the instruction other than by falling through or through an exit stub. */
export function endsBlock(ins: JitInstruction): boolean {
  return ins.info.branch || ins.info.host || ins.modes === 0 || ins.op === Op.HLT || ins.op === Op.RET;
}

/**
 * For each instruction (by index), the length of the block it starts, or 0 when it is inside a block.
 * `labelled(pc)`: whether other code jumps to the instruction at pc.
 */
export function budgetBlocks(insns: readonly JitInstruction[], labelled: (pc: number) => boolean): Int32Array {
  const out = new Int32Array(insns.length);
  let head = -1;
  for (let i = 0; i < insns.length; i++) {
    const ins = insns[i]!;
    if (head < 0 || labelled(ins.pc) || out[head] === MAX_BLOCK) head = i;
    out[head]!++;
    if (endsBlock(ins)) head = -1;
  }
  return out;
}
