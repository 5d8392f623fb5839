// A64 system instructions: hints (nop, yield, wfe, wfi, sev, sevl, bti, pointer-authentication hints,
// csdb, esb, psb, hint #n), barriers (dmb, dsb, isb, sb, ssbb, pssbb, clrex), system registers (mrs, msr
// register and immediate forms), cache maintenance available at EL0 (dc, ic), flag manipulation, and
// exception generation (svc, hvc, smc, brk, hlt, dcps, udf). Format: README.md.
import type { Row } from './types.js';

/** [mnemonic, operation, op1, CRn, CRm, op2, takes Xt, feature] of the SYS aliases beyond the EL0 ones. */
const SYS_ALIASES: readonly (readonly [string, string, number, number, number, number, boolean, string?])[] = [
  ['dc', 'ivac', 0, 7, 6, 1, true], ['dc', 'isw', 0, 7, 6, 2, true], ['dc', 'csw', 0, 7, 10, 2, true], ['dc', 'cisw', 0, 7, 14, 2, true],
  ['dc', 'igvac', 0, 7, 6, 3, true, 'mte'], ['dc', 'igsw', 0, 7, 6, 4, true, 'mte'], ['dc', 'igdvac', 0, 7, 6, 5, true, 'mte'],
  ['dc', 'igdsw', 0, 7, 6, 6, true, 'mte'], ['dc', 'cgsw', 0, 7, 10, 4, true, 'mte'], ['dc', 'cgdsw', 0, 7, 10, 6, true, 'mte'],
  ['dc', 'cigsw', 0, 7, 14, 4, true, 'mte'], ['dc', 'cigdsw', 0, 7, 14, 6, true, 'mte'], ['dc', 'gva', 3, 7, 4, 3, true, 'mte'],
  ['dc', 'gzva', 3, 7, 4, 4, true, 'mte'], ['dc', 'cgvac', 3, 7, 10, 3, true, 'mte'], ['dc', 'cgdvac', 3, 7, 10, 5, true, 'mte'],
  ['dc', 'cgvap', 3, 7, 12, 3, true, 'mte'], ['dc', 'cgdvap', 3, 7, 12, 5, true, 'mte'], ['dc', 'cgvadp', 3, 7, 13, 3, true, 'mte'],
  ['dc', 'cgdvadp', 3, 7, 13, 5, true, 'mte'], ['dc', 'cigvac', 3, 7, 14, 3, true, 'mte'], ['dc', 'cigdvac', 3, 7, 14, 5, true, 'mte'],
  ['ic', 'ialluis', 0, 7, 1, 0, false], ['ic', 'iallu', 0, 7, 5, 0, false],
  ['at', 's1e1r', 0, 7, 8, 0, true], ['at', 's1e1w', 0, 7, 8, 1, true], ['at', 's1e0r', 0, 7, 8, 2, true], ['at', 's1e0w', 0, 7, 8, 3, true],
  ['at', 's1e1rp', 0, 7, 9, 0, true, 'v8.2a'], ['at', 's1e1wp', 0, 7, 9, 1, true, 'v8.2a'],
  ['at', 's1e2r', 4, 7, 8, 0, true], ['at', 's1e2w', 4, 7, 8, 1, true], ['at', 's12e1r', 4, 7, 8, 4, true], ['at', 's12e1w', 4, 7, 8, 5, true],
  ['at', 's12e0r', 4, 7, 8, 6, true], ['at', 's12e0w', 4, 7, 8, 7, true], ['at', 's1e3r', 6, 7, 8, 0, true], ['at', 's1e3w', 6, 7, 8, 1, true],
  ['tlbi', 'vmalle1is', 0, 8, 3, 0, false], ['tlbi', 'vae1is', 0, 8, 3, 1, true], ['tlbi', 'aside1is', 0, 8, 3, 2, true],
  ['tlbi', 'vaae1is', 0, 8, 3, 3, true], ['tlbi', 'vale1is', 0, 8, 3, 5, true], ['tlbi', 'vaale1is', 0, 8, 3, 7, true],
  ['tlbi', 'vmalle1', 0, 8, 7, 0, false], ['tlbi', 'vae1', 0, 8, 7, 1, true], ['tlbi', 'aside1', 0, 8, 7, 2, true],
  ['tlbi', 'vaae1', 0, 8, 7, 3, true], ['tlbi', 'vale1', 0, 8, 7, 5, true], ['tlbi', 'vaale1', 0, 8, 7, 7, true],
  ['tlbi', 'ipas2e1is', 4, 8, 0, 1, true], ['tlbi', 'ipas2le1is', 4, 8, 0, 5, true], ['tlbi', 'alle2is', 4, 8, 3, 0, false],
  ['tlbi', 'vae2is', 4, 8, 3, 1, true], ['tlbi', 'alle1is', 4, 8, 3, 4, false], ['tlbi', 'vale2is', 4, 8, 3, 5, true],
  ['tlbi', 'vmalls12e1is', 4, 8, 3, 6, false], ['tlbi', 'ipas2e1', 4, 8, 4, 1, true], ['tlbi', 'ipas2le1', 4, 8, 4, 5, true],
  ['tlbi', 'alle2', 4, 8, 7, 0, false], ['tlbi', 'vae2', 4, 8, 7, 1, true], ['tlbi', 'alle1', 4, 8, 7, 4, false],
  ['tlbi', 'vale2', 4, 8, 7, 5, true], ['tlbi', 'vmalls12e1', 4, 8, 7, 6, false],
  ['tlbi', 'alle3is', 6, 8, 3, 0, false], ['tlbi', 'vae3is', 6, 8, 3, 1, true], ['tlbi', 'vale3is', 6, 8, 3, 5, true],
  ['tlbi', 'alle3', 6, 8, 7, 0, false], ['tlbi', 'vae3', 6, 8, 7, 1, true], ['tlbi', 'vale3', 6, 8, 7, 5, true],
];

export const system: readonly Row[] = [
  // Hints: 1101010100 0 00 011 0010 CRm op2 11111
  { mn: 'hint', ops: '#<CRm.op2:u7>', bits: '1101010100 0 00 011 0010 CRm:4 op2:3 11111', id: 'hint' },
  { mn: 'nop', ops: '', base: 'hint', set: 'CRm.op2=0' },
  { mn: 'yield', ops: '', base: 'hint', set: 'CRm.op2=1' },
  { mn: 'wfe', ops: '', base: 'hint', set: 'CRm.op2=2' },
  { mn: 'wfi', ops: '', base: 'hint', set: 'CRm.op2=3' },
  { mn: 'sev', ops: '', base: 'hint', set: 'CRm.op2=4' },
  { mn: 'sevl', ops: '', base: 'hint', set: 'CRm.op2=5' },
  { mn: 'xpaclri', ops: '', base: 'hint', set: 'CRm.op2=7', feat: 'v8.3a' },
  { mn: 'esb', ops: '', base: 'hint', set: 'CRm.op2=16', feat: 'v8.2a' },
  { mn: 'psb', ops: 'csync', base: 'hint', set: 'CRm.op2=17', feat: 'v8.2a' },
  { mn: 'tsb', ops: 'csync', base: 'hint', set: 'CRm.op2=18', feat: 'v8.4a' },
  { mn: 'csdb', ops: '', base: 'hint', set: 'CRm.op2=20' },
  { mn: 'paciaz', ops: '', base: 'hint', set: 'CRm.op2=24', feat: 'v8.3a' },
  { mn: 'paciasp', ops: '', base: 'hint', set: 'CRm.op2=25', feat: 'v8.3a' },
  { mn: 'pacibz', ops: '', base: 'hint', set: 'CRm.op2=26', feat: 'v8.3a' },
  { mn: 'pacibsp', ops: '', base: 'hint', set: 'CRm.op2=27', feat: 'v8.3a' },
  { mn: 'autiaz', ops: '', base: 'hint', set: 'CRm.op2=28', feat: 'v8.3a' },
  { mn: 'autiasp', ops: '', base: 'hint', set: 'CRm.op2=29', feat: 'v8.3a' },
  { mn: 'autibz', ops: '', base: 'hint', set: 'CRm.op2=30', feat: 'v8.3a' },
  { mn: 'autibsp', ops: '', base: 'hint', set: 'CRm.op2=31', feat: 'v8.3a' },
  { mn: 'bti', ops: '', base: 'hint', set: 'CRm.op2=32', feat: 'v8.5a' },
  { mn: 'bti', ops: 'c', base: 'hint', set: 'CRm.op2=34', feat: 'v8.5a' },
  { mn: 'bti', ops: 'j', base: 'hint', set: 'CRm.op2=36', feat: 'v8.5a' },
  { mn: 'bti', ops: 'jc', base: 'hint', set: 'CRm.op2=38', feat: 'v8.5a' },

  // Barriers: 1101010100 0 00 011 0011 CRm op2 11111
  { mn: 'clrex', ops: '{#<CRm:u4=15>}', bits: '1101010100 0 00 011 0011 CRm:4 010 11111' },
  { mn: 'dsb', ops: '<CRm:barrier>', bits: '1101010100 0 00 011 0011 CRm:4 100 11111', id: 'dsb' },
  { mn: 'dsb', ops: '#<CRm:u4>', base: 'dsb' },
  { mn: 'ssbb', ops: '', base: 'dsb', set: 'CRm=0' },
  { mn: 'pssbb', ops: '', base: 'dsb', set: 'CRm=4' },
  { mn: 'dmb', ops: '<CRm:barrier>', bits: '1101010100 0 00 011 0011 CRm:4 101 11111', id: 'dmb' },
  { mn: 'dmb', ops: '#<CRm:u4>', base: 'dmb' },
  { mn: 'isb', ops: '{sy}', bits: '1101010100 0 00 011 0011 1111 110 11111' },
  { mn: 'isb', ops: '#<CRm:u4>', bits: '1101010100 0 00 011 0011 CRm:4 110 11111' },
  { mn: 'sb', ops: '', bits: '1101010100 0 00 011 0011 0000 111 11111', feat: 'v8.5a' },

  // System registers: 1101010100 L 1 o0 op1 CRn CRm op2 Rt (sysreg = op0:op1:CRn:CRm:op2)
  { mn: 'mrs', ops: '<Rt:x>, <sysreg:sysreg>', bits: '1101010100 1 sysreg:16 Rt:5' },
  { mn: 'msr', ops: '<sysreg:sysreg>, <Rt:x>', bits: '1101010100 0 sysreg:16 Rt:5' },
  // PSTATE fields (MSR immediate): 1101010100 0 00 op1 0100 CRm op2 11111
  { mn: 'msr', ops: 'spsel, #<CRm:u4>', bits: '1101010100 0 00 000 0100 CRm:4 101 11111' },
  { mn: 'msr', ops: 'daifset, #<CRm:u4>', bits: '1101010100 0 00 011 0100 CRm:4 110 11111' },
  { mn: 'msr', ops: 'daifclr, #<CRm:u4>', bits: '1101010100 0 00 011 0100 CRm:4 111 11111' },
  { mn: 'msr', ops: 'uao, #<CRm:u1>', bits: '1101010100 0 00 000 0100 CRm:4 011 11111', feat: 'v8.2a' },
  { mn: 'msr', ops: 'pan, #<CRm:u1>', bits: '1101010100 0 00 000 0100 CRm:4 100 11111', feat: 'v8.1a' },
  { mn: 'msr', ops: 'ssbs, #<CRm:u1>', bits: '1101010100 0 00 011 0100 CRm:4 001 11111', feat: 'v8.5a' },
  { mn: 'msr', ops: 'dit, #<CRm:u1>', bits: '1101010100 0 00 011 0100 CRm:4 010 11111', feat: 'v8.4a' },
  { mn: 'msr', ops: 'tco, #<CRm:u1>', bits: '1101010100 0 00 011 0100 CRm:4 100 11111', feat: 'mte' },

  // Flag manipulation
  { mn: 'cfinv', ops: '', bits: '1101010100 0 00 000 0100 0000 000 11111', feat: 'v8.4a' },
  { mn: 'xaflag', ops: '', bits: '1101010100 0 00 000 0100 0000 001 11111', feat: 'v8.5a' },
  { mn: 'axflag', ops: '', bits: '1101010100 0 00 000 0100 0000 010 11111', feat: 'v8.5a' },

  // SYS / SYSL (generic system instructions): 1101010100 L 01 op1 CRn CRm op2 Rt
  { mn: 'sys', ops: '#<op1:u3>, <CRn:creg>, <CRm:creg>, #<op2:u3>{, <Rt:x=31>}', bits: '1101010100 0 01 op1:3 CRn:4 CRm:4 op2:3 Rt:5', id: 'sys' },
  { mn: 'sysl', ops: '<Rt:x>, #<op1:u3>, <CRn:creg>, <CRm:creg>, #<op2:u3>', bits: '1101010100 1 01 op1:3 CRn:4 CRm:4 op2:3 Rt:5' },
  // Cache maintenance usable at EL0 (SYS aliases): 1101010100 0 01 op1 CRn CRm op2 Rt
  { mn: 'dc', ops: 'zva, <Rt:x>', bits: '1101010100 0 01 011 0111 0100 001 Rt:5' },
  { mn: 'dc', ops: 'cvac, <Rt:x>', bits: '1101010100 0 01 011 0111 1010 001 Rt:5' },
  { mn: 'dc', ops: 'cvau, <Rt:x>', bits: '1101010100 0 01 011 0111 1011 001 Rt:5' },
  { mn: 'dc', ops: 'civac, <Rt:x>', bits: '1101010100 0 01 011 0111 1110 001 Rt:5' },
  { mn: 'dc', ops: 'cvap, <Rt:x>', bits: '1101010100 0 01 011 0111 1100 001 Rt:5', feat: 'v8.2a' },
  { mn: 'dc', ops: 'cvadp, <Rt:x>', bits: '1101010100 0 01 011 0111 1101 001 Rt:5', feat: 'v8.5a' },
  { mn: 'ic', ops: 'ivau, <Rt:x>', bits: '1101010100 0 01 011 0111 0101 001 Rt:5' },
  // Privileged SYS aliases (as GNU as and disassemblers name them): DC, IC, AT and TLBI operations.
  ...SYS_ALIASES.map(([mn, name, op1, crn, crm, op2, xt, feat]) => ({
    mn,
    ops: xt ? `${name}, <Rt:x>` : name,
    base: 'sys',
    set: `op1=${op1}, CRn=${crn}, CRm=${crm}, op2=${op2}${xt ? '' : ', Rt=31'}`,
    ...(feat ? { feat } : {}),
  })),

  // Exception generation: 11010100 opc imm16 op2 LL
  { mn: 'svc', ops: '#<imm16:u16>', bits: '11010100 000 imm16:16 000 01' },
  { mn: 'hvc', ops: '#<imm16:u16>', bits: '11010100 000 imm16:16 000 10' },
  { mn: 'smc', ops: '#<imm16:u16>', bits: '11010100 000 imm16:16 000 11' },
  { mn: 'brk', ops: '#<imm16:u16>', bits: '11010100 001 imm16:16 000 00' },
  { mn: 'hlt', ops: '#<imm16:u16>', bits: '11010100 010 imm16:16 000 00' },
  { mn: 'dcps1', ops: '{#<imm16:u16>}', bits: '11010100 101 imm16:16 000 01' },
  { mn: 'dcps2', ops: '{#<imm16:u16>}', bits: '11010100 101 imm16:16 000 10' },
  { mn: 'dcps3', ops: '{#<imm16:u16>}', bits: '11010100 101 imm16:16 000 11' },
  { mn: 'udf', ops: '#<imm16:u16>', bits: '0000000000000000 imm16:16' },
];
