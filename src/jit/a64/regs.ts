// The A64 backend's register map, frame layout and table offsets (docs/jit-a64.md). The code templates write
// these registers by name (x19, w23, ...) for speed of emission; this file is the one place that says what
// each one holds, and test/jit/a64-backend.test.ts checks the templates against it.
import { S } from '../../vsp/state-layout.js';
import { T } from '../tables-block.js';

/**
 * Callee-saved registers held for the whole run (AAPCS64: x19..x28 are callee-saved and restored on exit).
 *   x19  STATE   the state block (argument 0)
 *   x20  TABLES  the tables block (argument 1)
 *   x21  LEFT    instructions left before the budget stops the run (budget - CYCLES, 1 with an initial C)
 *   x22  SMALL   TABLES + 0x20000: the small tables (FLAG_ZNO, SIL8_STORE, SIL-8 floats, e^rho, SAT_RHO, ...)
 *   w23  F       the flags byte
 *   w24  SP      the value-stack depth
 *   w25  DEPTH   the call-stack depth
 *   x26  DATA    STATE + 0x2000: data memory
 *   w27  MODE    the MODE byte
 *   w28  PC      the VSP PC of the instruction being run (the next one after a stop that counts it)
 * Scratch: x0..x17 (x0 also the return value), v0..v7 and v16..v31 (d8..d15 are never touched).
 * FP (the VSP frame pointer) stays in the state block: only CALL and RET use it.
 */
export const REG = {
  STATE: 19,
  TABLES: 20,
  LEFT: 21,
  SMALL: 22,
  F: 23,
  SP: 24,
  DEPTH: 25,
  DATA: 26,
  MODE: 27,
  PC: 28,
} as const;

/**
 * The native frame (112 bytes, 16-byte aligned): [sp] x29, x30 (frame record, x29 = sp); +16 x19/x20;
 * +32 x21/x22; +48 x23/x24; +64 x25/x26; +80 x27/x28; +96 the caller's FPCR; +104 END = CYCLES + LEFT at
 * entry, so that CYCLES = END - LEFT at any exit.
 */
export const FRAME = { SIZE: 112, FPCR: 96, END: 104 } as const;

/** FPCR while VSP code runs: DN = 1 (default NaN), RMode 00 (nearest), FZ = FZ16 = AHP = 0, no traps. */
export const FPCR_VSP = 0x0200_0000;

/** Offset of the small tables from TABLES (x22 = TABLES + SMALL_BASE). */
export const SMALL_BASE = 0x20000;

/** Offsets of the small tables relative to x22. */
export const TS = {
  FLAG_ZNO: T.FLAG_ZNO - SMALL_BASE,
  SIL8_STORE: T.SIL8_STORE - SMALL_BASE,
  SIL8_ADDFLOAT: T.SIL8_ADDFLOAT - SMALL_BASE,
  SIL8_SUBFLOAT: T.SIL8_SUBFLOAT - SMALL_BASE,
  SIL8_SQRTFLOAT: T.SIL8_SQRTFLOAT - SMALL_BASE,
  SIL8_NEGFLOAT: T.SIL8_NEGFLOAT - SMALL_BASE,
  SIL8_ABSFLOAT: T.SIL8_ABSFLOAT - SMALL_BASE,
  SIL8_FLOORFLOAT: T.SIL8_FLOORFLOAT - SMALL_BASE,
  SIL8_CEILFLOAT: T.SIL8_CEILFLOAT - SMALL_BASE,
  SIL8_CVTI2F: T.SIL8_CVTI2F - SMALL_BASE,
  SIL8_CVTF2I: T.SIL8_CVTF2I - SMALL_BASE,
  SIL8_CVTB2I_NEG: T.SIL8_CVTB2I_NEG - SMALL_BASE,
  MEASURE: T.MEASURE - SMALL_BASE,
  E_RHO_F64: T.E_RHO_F64 - SMALL_BASE,
  E_RHO_F32: T.E_RHO_F32 - SMALL_BASE,
  E_RHO_F16: T.E_RHO_F16 - SMALL_BASE,
  RHO_THRESHOLD_F64: T.RHO_THRESHOLD_F64 - SMALL_BASE,
  NULL_THRESHOLD_F64: T.NULL_THRESHOLD_F64 - SMALL_BASE,
  RHO_THRESHOLD_F32: T.RHO_THRESHOLD_F32 - SMALL_BASE,
  NULL_THRESHOLD_F32: T.NULL_THRESHOLD_F32 - SMALL_BASE,
  RHO_THRESHOLD_F16: T.RHO_THRESHOLD_F16 - SMALL_BASE,
  NULL_THRESHOLD_F16: T.NULL_THRESHOLD_F16 - SMALL_BASE,
  SAT_RHO: T.SAT_RHO - SMALL_BASE,
  E_RHO_TRUNC: T.E_RHO_TRUNC - SMALL_BASE,
} as const;

/** State-block offsets the templates use (all below 4096, reachable with an unsigned 12-bit offset). */
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

/**
 * Small-table offsets the hottest templates write as literal numbers (an interpolated constant costs a DSL
 * fill on every call): each literal is `// NAME (+ k)`-commented in the template and checked here, so a
 * change of the tables block layout fails at load time instead of producing wrong code.
 */
export const LITERAL_OFFSETS = { SIL8_STORE: 0x100, SAT_RHO: 0x680, MEASURE: 0x480 } as const;
for (const [k, v] of Object.entries(LITERAL_OFFSETS)) {
  if (TS[k as keyof typeof LITERAL_OFFSETS] !== v) throw new Error(`a64 backend: small table ${k} moved to 0x${TS[k as keyof typeof TS].toString(16)}, templates use 0x${v.toString(16)}`);
}
