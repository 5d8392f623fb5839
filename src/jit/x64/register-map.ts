// The x86-64 backend's register map in words (src/jit/register-map.ts), derived from regs.ts's assignment.
import type { RegisterMap } from '../register-map.js';
import { FRAME, REG } from './regs.js';

export const X64_REGISTER_MAP: RegisterMap = {
  arch: 'x64',
  target: 'x86-64, System V: vsp_run(state = rdi, tables = rsi) -> eax',
  roles: [
    { register: REG.STATE, holds: 'the VSP state block (registers, flags, stacks, data memory)' },
    { register: REG.TABLES, holds: 'the read-only tables block (ByteSil ADD/SUB, SIL-8 tables)' },
    { register: REG.LEFT, holds: 'instructions left before the cycle budget stops the run' },
    { register: `${REG.F}d`, holds: 'the flags byte' },
    { register: REG.HOMES.join(', '), holds: 'register cache (with cacheRegisters): homes of hot VSP register values; or, with the register file, R0..R7 (r8), R8..RF (r9) and four byte slots' },
    { register: 'rax, rcx, rdx, rsi, rdi, xmm0-xmm5', holds: 'scratch (eax carries a target PC into the dispatcher)' },
    { register: 'rsp', holds: `${FRAME.SIZE}-byte frame below the six saved callee-saved registers (budget end, the caller's MXCSR)` },
  ],
};
