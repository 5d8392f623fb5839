// The host side of the JIT's exit-and-re-enter protocol (docs/jit-design.md), shared by every engine that
// runs compiled code (Unicorn a64/x64, native). Compiled code runs until it stops (EXIT_STOPPED, the
// status in the block) or reaches a host instruction (EXIT_HOST, PC naming it, its budget check passed);
// the driver then runs that instruction with exactly the interpreter's code (runHostInstruction), and
// re-enters the compiled code after it. Compiled code that checks its budget once per block of instructions
// hands the end of a run to the interpreter (EXIT_TAIL) when the budget left cannot cover the next block
// whole: the interpreter then runs exactly the instructions left, as it would have from the start.
import { VSP_SIZE_BY_CODE } from '../../spec/vsp/opcodes.js';
import type { LoadedProgram } from '../vsp/container.js';
import { interpreterEngine } from '../vsp/engine.js';
import { runHostInstruction } from '../vsp/host-ops.js';
import { Flag, RunStatus, VspError } from '../vsp/state-layout.js';
import type { VspState } from '../vsp/state.js';

/** Compiled code stopped; STATUS/ERROR in the block say why. */
export const EXIT_STOPPED = 0;
/** Compiled code reached a host instruction at PC, which has not run. */
export const EXIT_HOST = 1;
/**
 * Compiled code stopped in front of the instruction at PC, which has not run, because the budget left is
 * smaller than its block (docs/jit-design.md): the interpreter runs the rest. (2 is EXIT_BAD_PC, backend.ts.)
 */
export const EXIT_TAIL = 3;

/** Something that runs compiled code on a state block and returns its exit code. */
export interface CompiledEntry {
  enter(st: VspState): number;
}

export class JitProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JitProtocolError';
  }
}

/** Runs compiled code to a final status, serving host instructions in between. */
export function runCompiled(entry: CompiledEntry, loaded: LoadedProgram, st: VspState): RunStatus {
  const code = loaded.program.code;
  for (;;) {
    const exit = entry.enter(st);
    if (exit === EXIT_STOPPED) return st.status;
    if (exit === EXIT_TAIL) {
      if (loaded.starts[st.pc] !== 1) throw new JitProtocolError(`compiled code handed over at ${st.pc}, which is not an instruction`);
      interpreterEngine.run(loaded, st);
      return st.status;
    }
    if (exit !== EXIT_HOST) throw new JitProtocolError(`compiled code returned exit code ${exit} (expected ${EXIT_STOPPED}, ${EXIT_HOST} or ${EXIT_TAIL})`);
    const pc = st.pc;
    const op = code[pc];
    const size = op === undefined ? 0 : VSP_SIZE_BY_CODE[op]!;
    if (op === undefined || size === 0 || loaded.starts[pc] !== 1) {
      throw new JitProtocolError(`compiled code asked for a host call at ${pc}, which is not an instruction`);
    }
    const err = runHostInstruction(st, op, size > 1 ? code[pc + 1]! : 0, size > 2 ? code[pc + 2]! : 0, size > 3 ? code[pc + 3]! : 0);
    if (err !== VspError.none) {
      st.error = err;
      st.status = RunStatus.error;
      return RunStatus.error;
    }
    st.pc = pc + size;
    st.cycles = st.cycles + 1;
    // Host instructions never set C, so C set here was set on entry: the run stops after one instruction.
    if ((st.flags & Flag.C) !== 0) st.status = RunStatus.collapsed;
    else if (st.pc === code.length) st.status = RunStatus.end;
    else continue;
    return st.status;
  }
}
