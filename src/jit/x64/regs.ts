// The x86-64 backend's register map, frame layout and constants (docs/jit-x64.md). The code templates write
// these registers by name (rbx, r13, r14b, ...) for speed of emission; this file is the one place that says
// what each one holds.
import { S } from '../../vsp/state-layout.js';

/**
 * Registers held for the whole run. The compiled function calls nothing outside itself, so every register
 * can hold state; only the System V callee-saved ones (rbx, rbp, r12..r15) are saved and restored.
 *   rbx   STATE   the state block (argument 0, rdi): registers at [rbx + 0..15], data at [rbx + 0x2000 + addr]
 *   r12   TABLES  the tables block (argument 1, rsi): [r12 + index + T.*] (tables-block.ts)
 *   r13   LEFT    instructions left before the budget stops the run (budget - CYCLES, 1 with an initial C)
 *   r14d  F       the flags byte (written as r14b)
 *   r8, r9, r10, r11, r15, rbp   homes of the register cache (cache.ts; unused without cacheRegisters)
 * Scratch: rax, rcx, rdx, rsi, rdi and xmm0..xmm5 (xmm6..xmm15 are never touched). eax carries the target
 * PC into the dispatcher. MODE, SP, the call depth, FP and PC live in the state block (PC is written there
 * by the code that leaves: the exit stubs, HLT, RET, host exits).
 */
export const REG = {
  STATE: 'rbx',
  TABLES: 'r12',
  LEFT: 'r13',
  F: 'r14',
  HOMES: ['r8', 'r9', 'r10', 'r11', 'r15', 'rbp'],
} as const;

/**
 * The native frame below the six pushed callee-saved registers (24 bytes; with the return address and six
 * pushes rsp is then 16-byte aligned): [rsp] END = CYCLES + LEFT at entry (so CYCLES = END - LEFT at any
 * exit); [rsp + 8] the caller's MXCSR; [rsp + 12] scratch for loading the VSP MXCSR.
 */
export const FRAME = { SIZE: 24, END: 0, MXCSR_SAVED: 8, MXCSR_SCRATCH: 12 } as const;

/** MXCSR while VSP code runs (spec 12): round to nearest, all exceptions masked, FTZ = DAZ = 0. */
export const MXCSR_VSP = 0x1f80;

/** State-block offsets the templates use (all below 2^31, reachable as disp32 from rbx). */
export const SO = {
  FLAGS: S.FLAGS,
  MODE: S.MODE,
  STATUS: S.STATUS,
  ERROR: S.ERROR,
  PC: S.PC,
  SP: S.SP,
  FP: S.FP,
  CYCLES: S.CYCLES,
  BUDGET: S.BUDGET,
  CALL_DEPTH: S.CALL_DEPTH,
  GRAD_PRESENT: S.GRAD_PRESENT,
  HOST_PC: S.HOST_PC,
  GRAD: S.GRAD,
  VALUE_STACK: S.VALUE_STACK,
  CALL_STACK: S.CALL_STACK,
  PORTS: S.PORTS,
  DATA: S.DATA,
} as const;

/** Bit patterns of constants the float code builds in integer registers. */
export const K = {
  F64_CANONICAL_NAN: 0x7ff8000000000000n,
  F32_CANONICAL_NAN: 0x7fc00000,
  F16_CANONICAL_NAN: 0x7e00,
  /** 2^-52 as binary64 (CMPFLOAT's epsilon). */
  F64_EPSILON: 0x3cb0000000000000n,
  /** 2^1008 as binary64: scales a binary16 pattern shifted into a binary64 field to its value (f16 -> f64). */
  F64_2P1008: 0x7ef0000000000000n,
  /** 2^24 as binary64: binary16 subnormals are multiples of 2^-24. */
  F64_2P24: 0x4170000000000000n,
  /** 2^-14 as binary64: the smallest normal binary16. */
  F64_2PM14: 0x3f10000000000000n,
  F64_INF: 0x7ff0000000000000n,
} as const;
