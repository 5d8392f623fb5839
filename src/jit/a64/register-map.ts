// The A64 backend's register map in words (src/jit/register-map.ts), derived from regs.ts's assignment.
import type { RegisterMap } from '../register-map.js';
import { FRAME, REG, SMALL_BASE } from './regs.js';

const x = (n: number): string => `x${n}`;
const w = (n: number): string => `w${n}`;

export const A64_REGISTER_MAP: RegisterMap = {
  arch: 'a64',
  target: 'AArch64 (ARM64), AAPCS64: vsp_run(state = x0, tables = x1) -> w0',
  roles: [
    { register: x(REG.STATE), holds: 'the VSP state block (registers, flags, stacks, data memory)' },
    { register: x(REG.TABLES), holds: 'the read-only tables block (ByteSil ADD/SUB, SIL-8 tables)' },
    { register: x(REG.LEFT), holds: 'instructions left before the cycle budget stops the run' },
    { register: x(REG.SMALL), holds: `TABLES + 0x${SMALL_BASE.toString(16)}: the small tables` },
    { register: w(REG.F), holds: 'the flags byte' },
    { register: w(REG.SP), holds: 'the value-stack depth' },
    { register: w(REG.DEPTH), holds: 'the call-stack depth' },
    { register: x(REG.DATA), holds: 'STATE + 0x2000: data memory' },
    { register: w(REG.MODE), holds: 'the MODE byte' },
    { register: w(REG.PC), holds: 'the VSP PC of the running instruction' },
    { register: 'w0-w7', holds: 'register cache (with cacheRegisters): VSP register bytes of a straight-line run' },
    { register: 'v0-v7, v16-v31', holds: 'scratch; NEON layer operations hold R0..RF in one q register' },
    { register: 'x29, x30', holds: `frame record; the frame is ${FRAME.SIZE} bytes (callee-saved x19-x28, the caller's FPCR)` },
  ],
};
