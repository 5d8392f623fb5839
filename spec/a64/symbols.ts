// Named operand values of A64, as data: condition codes, barrier options, prefetch operations and the
// system registers `mrs`/`msr` know by name. Rows use them through the placeholder types `cond`,
// `barrier`, `prfop` and `sysreg`.

/** Condition codes → 4-bit encoding (hs/lo are synonyms of cs/cc). */
export const CONDITIONS = {
  eq: 0,
  ne: 1,
  cs: 2,
  hs: 2,
  cc: 3,
  lo: 3,
  mi: 4,
  pl: 5,
  vs: 6,
  vc: 7,
  hi: 8,
  ls: 9,
  ge: 10,
  lt: 11,
  gt: 12,
  le: 13,
  al: 14,
  nv: 15,
} as const satisfies Readonly<Record<string, number>>;

/** dmb/dsb options → CRm. (`#imm` forms take any 0..15.) */
export const BARRIERS = {
  oshld: 1,
  oshst: 2,
  osh: 3,
  nshld: 5,
  nshst: 6,
  nsh: 7,
  ishld: 9,
  ishst: 10,
  ish: 11,
  ld: 13,
  st: 14,
  sy: 15,
} as const satisfies Readonly<Record<string, number>>;

/** prfm operations → Rt (type:target:policy). */
export const PREFETCH = {
  pldl1keep: 0,
  pldl1strm: 1,
  pldl2keep: 2,
  pldl2strm: 3,
  pldl3keep: 4,
  pldl3strm: 5,
  plil1keep: 8,
  plil1strm: 9,
  plil2keep: 10,
  plil2strm: 11,
  plil3keep: 12,
  plil3strm: 13,
  pstl1keep: 16,
  pstl1strm: 17,
  pstl2keep: 18,
  pstl2strm: 19,
  pstl3keep: 20,
  pstl3strm: 21,
} as const satisfies Readonly<Record<string, number>>;

/** System instruction operands c0..c15 (`sys #3, c7, c5, #1, x0`) → CRn / CRm. */
export const CREGS = {
  c0: 0,
  c1: 1,
  c2: 2,
  c3: 3,
  c4: 4,
  c5: 5,
  c6: 6,
  c7: 7,
  c8: 8,
  c9: 9,
  c10: 10,
  c11: 11,
  c12: 12,
  c13: 13,
  c14: 14,
  c15: 15,
} as const satisfies Readonly<Record<string, number>>;

/** sysreg(op0, op1, CRn, CRm, op2) → the 16-bit value o0:op1:CRn:CRm:op2 with op0 in bits 15:14. */
function sr(op0: number, op1: number, crn: number, crm: number, op2: number): number {
  return (op0 << 14) | (op1 << 11) | (crn << 7) | (crm << 3) | op2;
}

/**
 * System registers by name → op0:op1:CRn:CRm:op2 (16 bits). Any register can also be written
 * generically as `s<op0>_<op1>_c<n>_c<m>_<op2>` (op0 2 or 3).
 */
export const SYSREGS = {
  nzcv: sr(3, 3, 4, 2, 0),
  daif: sr(3, 3, 4, 2, 1),
  fpcr: sr(3, 3, 4, 4, 0),
  fpsr: sr(3, 3, 4, 4, 1),
  dit: sr(3, 3, 4, 2, 5),
  ssbs: sr(3, 3, 4, 2, 6),
  tco: sr(3, 3, 4, 2, 7),
  dspsr_el0: sr(3, 3, 4, 5, 0),
  dlr_el0: sr(3, 3, 4, 5, 1),
  tpidr_el0: sr(3, 3, 13, 0, 2),
  tpidrro_el0: sr(3, 3, 13, 0, 3),
  ctr_el0: sr(3, 3, 0, 0, 1),
  dczid_el0: sr(3, 3, 0, 0, 7),
  cntfrq_el0: sr(3, 3, 14, 0, 0),
  cntpct_el0: sr(3, 3, 14, 0, 1),
  cntvct_el0: sr(3, 3, 14, 0, 2),
  cntp_tval_el0: sr(3, 3, 14, 2, 0),
  cntp_ctl_el0: sr(3, 3, 14, 2, 1),
  cntp_cval_el0: sr(3, 3, 14, 2, 2),
  cntv_tval_el0: sr(3, 3, 14, 3, 0),
  cntv_ctl_el0: sr(3, 3, 14, 3, 1),
  cntv_cval_el0: sr(3, 3, 14, 3, 2),
  midr_el1: sr(3, 0, 0, 0, 0),
  mpidr_el1: sr(3, 0, 0, 0, 5),
  revidr_el1: sr(3, 0, 0, 0, 6),
  id_aa64isar0_el1: sr(3, 0, 0, 6, 0),
  id_aa64isar1_el1: sr(3, 0, 0, 6, 1),
  id_aa64pfr0_el1: sr(3, 0, 0, 4, 0),
  id_aa64pfr1_el1: sr(3, 0, 0, 4, 1),
  id_aa64mmfr0_el1: sr(3, 0, 0, 7, 0),
  rndr: sr(3, 3, 2, 4, 0),
  rndrrs: sr(3, 3, 2, 4, 1),
} as const satisfies Readonly<Record<string, number>>;

export type CondName = keyof typeof CONDITIONS;
export type BarrierName = keyof typeof BARRIERS;
export type PrefetchName = keyof typeof PREFETCH;
export type SysRegName = keyof typeof SYSREGS;
