// x86-64 general-purpose integer instructions (Intel SDM Vol. 2 opcode tables). Format: README.md.
// Families that share a layout are written once with a helper that returns plain rows; the rows are
// what the loader, the encoder, the listings and the tests see (`npx tsx -e` print them, or
// `a.arch.forms('add')`). Among the rows that match an instruction, the shortest encoding wins and ties
// go to the earlier row, which is how GNU as picks (e.g. `add rax, rbx` → 01 /r, not 03 /r).
import type { Row } from './types.js';

/** 16-, 32- and 64-bit versions of a row: `$` in ops is the size, `%` in op the operand-size prefix. */
function sized(mn: string, ops: string, op: string, extra: Partial<Row> = {}, sizes: readonly (16 | 32 | 64)[] = [16, 32, 64]): Row[] {
  const pfx = { 16: '66', 32: '', 64: 'REX.W' } as const;
  const imm = { 16: 'iw', 32: 'id', 64: 'id' } as const;
  const immT = { 16: 'imm16', 32: 'imm32', 64: 'simm32' } as const;
  return sizes.map((s) => ({
    mn,
    ops: ops.replace(/\$/g, String(s)).replace(/\bimmZ\b/g, immT[s]).replace(/\bacc\b/g, { 16: 'ax', 32: 'eax', 64: 'rax' }[s]),
    op: op.replace('%', pfx[s]).replace(/\bIZ\b/, imm[s]).replace(/\s+/g, ' ').trim(),
    ...extra,
  }));
}

/** add/or/adc/sbb/and/sub/xor/cmp: the eight ALU operations (digit = opcode / 8). */
function alu(mn: string, d: number): Row[] {
  const h = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');
  const lock = mn !== 'cmp';
  const L = lock ? { lock: true } : {};
  return [
    { mn, ops: 'r/m8, r8', op: `${h(d * 8)} /r`, ...L },
    ...sized(mn, 'r/m$, r$', `% ${h(d * 8 + 1)} /r`, L),
    { mn, ops: 'r8, r/m8', op: `${h(d * 8 + 2)} /r` },
    ...sized(mn, 'r$, r/m$', `% ${h(d * 8 + 3)} /r`),
    { mn, ops: 'al, imm8', op: `${h(d * 8 + 4)} ib` },
    { mn, ops: 'r/m8, imm8', op: `80 /${d} ib`, ...L },
    // simm8 before the accumulator short form: GNU as takes 83 /d ib on a tie (`add ax, 5` → 66 83 C0 05).
    ...sized(mn, 'r/m$, simm8', `% 83 /${d} ib`, L),
    ...sized(mn, 'acc, immZ', `% ${h(d * 8 + 5)} IZ`),
    ...sized(mn, 'r/m$, immZ', `% 81 /${d} IZ`, L),
  ];
}

/** rol/ror/rcl/rcr/shl/sal/shr/sar. */
function shift(mn: string, d: number): Row[] {
  return [
    // The one-operand spelling means a count of 1 (`shl rax`, as llvm-mc and Capstone print it).
    { mn, ops: 'r/m8', op: `D0 /${d}` },
    ...sized(mn, 'r/m$', `% D1 /${d}`),
    { mn, ops: 'r/m8, 1', op: `D0 /${d}` },
    { mn, ops: 'r/m8, cl', op: `D2 /${d}` },
    { mn, ops: 'r/m8, imm8', op: `C0 /${d} ib` },
    ...sized(mn, 'r/m$, 1', `% D1 /${d}`),
    ...sized(mn, 'r/m$, cl', `% D3 /${d}`),
    ...sized(mn, 'r/m$, imm8', `% C1 /${d} ib`),
  ];
}

/** inc/dec/neg/not/mul/imul/div/idiv with one r/m operand: F6/F7 (FE/FF for inc/dec) /d. */
function unary(mn: string, op8: string, op: string, d: number, lock: boolean): Row[] {
  const L = lock ? { lock: true } : {};
  return [{ mn, ops: 'r/m8', op: `${op8} /${d}`, ...L }, ...sized(mn, 'r/m$', `% ${op} /${d}`, L)];
}

/** bt/bts/btr/btc. */
function bittest(mn: string, rOp: string, d: number): Row[] {
  const L = mn === 'bt' ? {} : { lock: true };
  return [...sized(mn, 'r/m$, r$', `% 0F ${rOp} /r`, L), ...sized(mn, 'r/m$, imm8', `% 0F BA /${d} ib`, L)];
}

/** BMI1/BMI2 VEX forms, 32- and 64-bit (W0/W1). */
function vexGpr(mn: string, ops: string, op: string, feat: string, en?: string): Row[] {
  return [32, 64].map((s) => ({
    mn,
    ops: ops.replace(/\$/g, String(s)),
    op: op.replace('W?', s === 64 ? 'W1' : 'W0'),
    feat,
    ...(en ? { en } : {}),
  }));
}

const ALU = ['add', 'or', 'adc', 'sbb', 'and', 'sub', 'xor', 'cmp'];
const SHIFTS: [string, number][] = [['rol', 0], ['ror', 1], ['rcl', 2], ['rcr', 3], ['shl', 4], ['sal', 4], ['shr', 5], ['sar', 7]];

export const integer: readonly Row[] = [
  ...ALU.flatMap((mn, d) => alu(mn, d)),
  ...SHIFTS.flatMap(([mn, d]) => shift(mn, d)),
  ...sized('shld', 'r/m$, r$, imm8', '% 0F A4 /r ib'),
  ...sized('shld', 'r/m$, r$, cl', '% 0F A5 /r'),
  ...sized('shrd', 'r/m$, r$, imm8', '% 0F AC /r ib'),
  ...sized('shrd', 'r/m$, r$, cl', '% 0F AD /r'),
  ...unary('inc', 'FE', 'FF', 0, true),
  ...unary('dec', 'FE', 'FF', 1, true),
  ...unary('not', 'F6', 'F7', 2, true),
  ...unary('neg', 'F6', 'F7', 3, true),
  ...unary('mul', 'F6', 'F7', 4, false),
  ...unary('imul', 'F6', 'F7', 5, false),
  ...unary('div', 'F6', 'F7', 6, false),
  ...unary('idiv', 'F6', 'F7', 7, false),
  ...sized('imul', 'r$, r/m$', '% 0F AF /r'),
  ...sized('imul', 'r$, r/m$, simm8', '% 6B /r ib'),
  ...sized('imul', 'r$, r/m$, immZ', '% 69 /r IZ'),
  // Two-operand immediate imul: `imul rax, 5` is `imul rax, rax, 5` (the register in both fields).
  ...sized('imul', 'r$, simm8', '% 6B /r ib', { en: 'BI' }),
  ...sized('imul', 'r$, immZ', '% 69 /r IZ', { en: 'BI' }),

  // test
  { mn: 'test', ops: 'r/m8, r8', op: '84 /r' },
  ...sized('test', 'r/m$, r$', '% 85 /r'),
  { mn: 'test', ops: 'al, imm8', op: 'A8 ib' },
  ...sized('test', 'acc, immZ', '% A9 IZ'),
  { mn: 'test', ops: 'r/m8, imm8', op: 'F6 /0 ib' },
  ...sized('test', 'r/m$, immZ', '% F7 /0 IZ'),

  ...bittest('bt', 'A3', 4),
  ...bittest('bts', 'AB', 5),
  ...bittest('btr', 'B3', 6),
  ...bittest('btc', 'BB', 7),
  ...sized('bsf', 'r$, r/m$', '% 0F BC /r'),
  ...sized('bsr', 'r$, r/m$', '% 0F BD /r'),
  ...mandatoryF3('lzcnt', 'BD', 'lzcnt'),
  ...mandatoryF3('tzcnt', 'BC', 'bmi1'),
  ...mandatoryF3('popcnt', 'B8', 'popcnt'),
  ...sized('bswap', 'r$', '% 0F C8+rd', {}, [32, 64]),

  // BMI1 / BMI2
  ...vexGpr('andn', 'r$, r$, r/m$', 'VEX.LZ.0F38.W? F2 /r', 'bmi1'),
  ...vexGpr('bextr', 'r$, r/m$, r$', 'VEX.LZ.0F38.W? F7 /r', 'bmi1'),
  ...vexGpr('blsi', 'r$, r/m$', 'VEX.LZ.0F38.W? F3 /3', 'bmi1'),
  ...vexGpr('blsmsk', 'r$, r/m$', 'VEX.LZ.0F38.W? F3 /2', 'bmi1'),
  ...vexGpr('blsr', 'r$, r/m$', 'VEX.LZ.0F38.W? F3 /1', 'bmi1'),
  ...vexGpr('bzhi', 'r$, r/m$, r$', 'VEX.LZ.0F38.W? F5 /r', 'bmi2'),
  ...vexGpr('mulx', 'r$, r$, r/m$', 'VEX.LZ.F2.0F38.W? F6 /r', 'bmi2'),
  ...vexGpr('pdep', 'r$, r$, r/m$', 'VEX.LZ.F2.0F38.W? F5 /r', 'bmi2'),
  ...vexGpr('pext', 'r$, r$, r/m$', 'VEX.LZ.F3.0F38.W? F5 /r', 'bmi2'),
  ...vexGpr('rorx', 'r$, r/m$, imm8', 'VEX.LZ.F2.0F3A.W? F0 /r ib', 'bmi2'),
  ...vexGpr('sarx', 'r$, r/m$, r$', 'VEX.LZ.F3.0F38.W? F7 /r', 'bmi2'),
  ...vexGpr('shlx', 'r$, r/m$, r$', 'VEX.LZ.66.0F38.W? F7 /r', 'bmi2'),
  ...vexGpr('shrx', 'r$, r/m$, r$', 'VEX.LZ.F2.0F38.W? F7 /r', 'bmi2'),

  // sign extension of the accumulator
  { mn: 'cbw', ops: '', op: '66 98' },
  { mn: 'cwde', ops: '', op: '98' },
  { mn: 'cdqe', ops: '', op: 'REX.W 98' },
  { mn: 'cwd', ops: '', op: '66 99' },
  { mn: 'cdq', ops: '', op: '99' },
  { mn: 'cqo', ops: '', op: 'REX.W 99' },

  // mov
  { mn: 'mov', ops: 'r/m8, r8', op: '88 /r' },
  ...sized('mov', 'r/m$, r$', '% 89 /r'),
  { mn: 'mov', ops: 'r8, r/m8', op: '8A /r' },
  ...sized('mov', 'r$, r/m$', '% 8B /r'),
  { mn: 'mov', ops: 'r8, imm8', op: 'B0+rb ib' },
  { mn: 'mov', ops: 'r16, imm16', op: '66 B8+rw iw' },
  { mn: 'mov', ops: 'r32, imm32', op: 'B8+rd id' },
  { mn: 'mov', ops: 'r/m8, imm8', op: 'C6 /0 ib' },
  ...sized('mov', 'r/m$, immZ', '% C7 /0 IZ'),
  // A 64-bit value that is no sign-extended imm32 takes the 10-byte form, as GNU as does (never `mov r32`).
  { mn: 'mov', ops: 'r64, imm64', op: 'REX.W B8+rd io' },
  { mn: 'movabs', ops: 'r64, imm64', op: 'REX.W B8+rd io' },
  ...sized('movzx', 'r$, r/m8', '% 0F B6 /r'),
  // GNU as also takes a 16-bit source with a 16-bit destination (llvm-mc does not).
  ...sized('movzx', 'r$, r/m16', '% 0F B7 /r'),
  ...sized('movsx', 'r$, r/m8', '% 0F BE /r'),
  ...sized('movsx', 'r$, r/m16', '% 0F BF /r'),
  { mn: 'movsxd', ops: 'r64, r/m32', op: 'REX.W 63 /r' },
  // GNU as: movsxd without REX.W (a plain 32-bit move), and movsx with a 32-bit source as movsxd; llvm-mc rejects these.
  { mn: 'movsxd', ops: 'r32, r/m32', op: '63 /r' },
  { mn: 'movsxd', ops: 'r16, r/m32', op: '66 63 /r' },
  { mn: 'movsx', ops: 'r64, r/m32', op: 'REX.W 63 /r' },
  { mn: 'movsx', ops: 'r32, r/m32', op: '63 /r' },
  ...sized('cmov<cc>', 'r$, r/m$', '% 0F 40+cc /r'),
  { mn: 'set<cc>', ops: 'r/m8', op: '0F 90+cc /0' },
  ...sized('lea', 'r$, m', '% 8D /r'),

  // stack
  { mn: 'push', ops: 'r64', op: '50+rd' },
  { mn: 'push', ops: 'r16', op: '66 50+rw' },
  { mn: 'push', ops: 'r/m64', op: 'FF /6' },
  { mn: 'push', ops: 'r/m16', op: '66 FF /6', sizedMem: true },
  { mn: 'push', ops: 'simm8', op: '6A ib', osz: 64 },
  { mn: 'push', ops: 'simm32', op: '68 id', osz: 64 },
  { mn: 'pop', ops: 'r64', op: '58+rd' },
  { mn: 'pop', ops: 'r16', op: '66 58+rw' },
  { mn: 'pop', ops: 'r/m64', op: '8F /0' },
  { mn: 'pop', ops: 'r/m16', op: '66 8F /0', sizedMem: true },
  { mn: 'enter', ops: 'imm16, imm8', op: 'C8 iw ib' },
  { mn: 'leave', ops: '', op: 'C9' },

  // exchange and atomics. GNU as: `xchg eax, eax` is 87 C0 (90 would be nop, which does not clear
  // the upper half of rax) and `xchg rax, rax` is plain 90.
  { mn: 'xchg', ops: 'eax, eax', op: '87 C0' },
  { mn: 'xchg', ops: 'rax, rax', op: '90' },
  ...sized('xchg', 'acc, r$', '% 90+rd', { en: '-O' }),
  ...sized('xchg', 'r$, acc', '% 90+rd', { en: 'O-' }),
  { mn: 'xchg', ops: 'r/m8, r8', op: '86 /r', lock: true },
  { mn: 'xchg', ops: 'r8, r/m8', op: '86 /r', lock: true },
  ...sized('xchg', 'r/m$, r$', '% 87 /r', { lock: true }),
  ...sized('xchg', 'r$, r/m$', '% 87 /r', { lock: true }),
  { mn: 'cmpxchg', ops: 'r/m8, r8', op: '0F B0 /r', lock: true },
  ...sized('cmpxchg', 'r/m$, r$', '% 0F B1 /r', { lock: true }),
  { mn: 'cmpxchg8b', ops: 'm64', op: '0F C7 /1', lock: true },
  { mn: 'cmpxchg16b', ops: 'm128', op: 'REX.W 0F C7 /1', lock: true },
  { mn: 'xadd', ops: 'r/m8, r8', op: '0F C0 /r', lock: true },
  ...sized('xadd', 'r/m$, r$', '% 0F C1 /r', { lock: true }),

  // flags
  { mn: 'clc', ops: '', op: 'F8' },
  { mn: 'stc', ops: '', op: 'F9' },
  { mn: 'cmc', ops: '', op: 'F5' },
  { mn: 'cld', ops: '', op: 'FC' },
  { mn: 'std', ops: '', op: 'FD' },
  { mn: 'lahf', ops: '', op: '9F' },
  { mn: 'sahf', ops: '', op: '9E' },
  { mn: 'pushfq', ops: '', op: '9C' },
  { mn: 'popfq', ops: '', op: '9D' },

  // string operations (rep: movs/stos/lods; repe/repne: cmps/scas)
  ...strings('movs', 'A4', 'A5', 'rep'),
  ...strings('stos', 'AA', 'AB', 'rep'),
  ...strings('lods', 'AC', 'AD', 'rep'),
  ...strings('cmps', 'A6', 'A7', 'repe'),
  ...strings('scas', 'AE', 'AF', 'repe'),
];

/** F3 0F xx /r with 16/32/64-bit operands: the operand-size 66 before the F3, REX.W after it. */
function mandatoryF3(mn: string, opcode: string, feat: string): Row[] {
  return [
    { mn, ops: 'r16, r/m16', op: `66 F3 0F ${opcode} /r`, feat },
    { mn, ops: 'r32, r/m32', op: `F3 0F ${opcode} /r`, feat },
    { mn, ops: 'r64, r/m64', op: `F3 REX.W 0F ${opcode} /r`, feat },
  ];
}

function strings(base: string, op8: string, op: string, rep: 'rep' | 'repe'): Row[] {
  return [
    { mn: `${base}b`, ops: '', op: op8, rep },
    { mn: `${base}w`, ops: '', op: `66 ${op}`, rep },
    { mn: `${base}d`, ops: '', op, rep },
    { mn: `${base}q`, ops: '', op: `REX.W ${op}`, rep },
  ];
}
