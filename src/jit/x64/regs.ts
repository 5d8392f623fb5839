// The x86-64 backend's register map, frame layout and constants (docs/jit-x64.md). The code templates write
// these registers by name (rbx, r13, r14b, ...) for speed of emission; this file is the one place that says
// what each one holds.

/**
 * Registers held for the whole run. The compiled function calls nothing outside itself, so every register
 * can hold state; only the System V callee-saved ones (rbx, rbp, r12..r15) are saved and restored.
 *   rbx   STATE   the state block (argument 0, rdi): registers at [rbx + 0..15], data at [rbx + 0x2000 + addr]
 *   r12   TABLES  the tables block (argument 1, rsi): [r12 + index + T.*] (tables-block.ts)
 *   r13   LEFT    instructions left before the budget stops the run (budget - CYCLES, 1 with an initial C)
 *   r14d  F       the flags byte (written as r14b)
 *   r8, r9, r10, r11, r15, rbp   homes of the register cache (cache.ts; unused without cacheRegisters), or
 *         with the register file R0..R7 in r8, R8..RF in r9 and byte slots in the others (register-file.ts)
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
