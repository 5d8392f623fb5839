// SSE, SSE2, SSSE3, SSE4.1 and SSE4.2 (legacy encoding with mandatory prefixes) and their AVX/AVX2 VEX
// forms (v-prefixed, 3-operand where the SDM gives a VEX.vvvv source). Format: README.md.
//
// Most instructions are one line of the table below, expanded by `simd()` into plain rows:
//   [mnemonic, prefix, opcode, shape, SSE feature, VEX]
//   prefix: '' | '66' | 'F3' | 'F2'; opcode: '0F 58', '0F 38 00', '0F 3A 0F' (map and byte);
//   shape (legacy operands → VEX operands):
//     'nds'   xmm, xmm/mN          → vX xmm, xmm, xmm/mN        (RVM; the first source in VEX.vvvv)
//     'ndsI'  xmm, xmm/mN, imm8    → vX xmm, xmm, xmm/mN, imm8  (RVMI)
//     'un'    xmm, xmm/mN          → vX xmm, xmm/mN             (RM, VEX.vvvv unused)
//     'unI'   xmm, xmm/mN, imm8    → vX xmm, xmm/mN, imm8       (RMI)
//   with N the memory size in bits (default 128); VEX: '' none, '128' AVX 128-bit only, 'avx' 128+256
//   (AVX), 'avx2' 128 (AVX) + 256 (AVX2). Scalar forms (ss/sd) are VEX.LIG.
// Everything that does not fit the table is written as rows below it.
import type { Row } from './types.js';

type Shape = 'nds' | 'ndsI' | 'un' | 'unI';
type Vex = '' | '128' | 'avx' | 'avx2';
type Entry = readonly [mn: string, pfx: '' | '66' | 'F3' | 'F2', opcode: string, shape: Shape, feat: string, vex: Vex, msize?: number];

const VEX_MAP: Record<string, string> = { '0F': '0F', '0F 38': '0F38', '0F 3A': '0F3A' };

function splitOpcode(op: string): { map: string; byte: string } {
  const parts = op.split(' ');
  return { map: VEX_MAP[parts.slice(0, -1).join(' ')], byte: parts[parts.length - 1] };
}

function vexOp(pfx: string, opcode: string, L: string, W = 'WIG', tail = '/r'): string {
  const { map, byte } = splitOpcode(opcode);
  return `VEX.${L}.${pfx ? pfx + '.' : ''}${map}.${W} ${byte} ${tail}`;
}

function simd(e: Entry): Row[] {
  const [mn, pfx, opcode, shape, feat, vex, msize = 128] = e;
  const imm = shape === 'ndsI' || shape === 'unI';
  const m = `xmm/m${msize}`;
  const legacyOps = `xmm, ${m}${imm ? ', imm8' : ''}`;
  const tail = imm ? '/r ib' : '/r';
  const rows: Row[] = [{ mn, ops: legacyOps, op: `${pfx ? pfx + ' ' : ''}${opcode} ${tail}`, feat }];
  if (!vex) return rows;
  const scalar = msize < 128;
  const nds = shape === 'nds' || shape === 'ndsI';
  const vops = (r: string, mm: string) => `${r}, ${nds ? r + ', ' : ''}${mm}${imm ? ', imm8' : ''}`;
  rows.push({ mn: `v${mn}`, ops: vops('xmm', m), op: vexOp(pfx, opcode, scalar ? 'LIG' : '128', 'WIG', tail), feat: 'avx' });
  if ((vex === 'avx' || vex === 'avx2') && !scalar) rows.push({ mn: `v${mn}`, ops: vops('ymm', 'ymm/m256'), op: vexOp(pfx, opcode, '256', 'WIG', tail), feat: vex });
  return rows;
}

/** The four FP arithmetic flavours: ps (none), pd (66), ss (F3), sd (F2). */
function fp4(base: string, byte: string, shape: Shape = 'nds', flavours = 'ps pd ss sd'): Entry[] {
  const fl: Record<string, ['' | '66' | 'F3' | 'F2', string, number]> = { ps: ['', 'sse', 128], pd: ['66', 'sse2', 128], ss: ['F3', 'sse', 32], sd: ['F2', 'sse2', 64] };
  return flavours.split(' ').map((f) => {
    const [p, feat, ms] = fl[f];
    const sh: Shape = ms < 128 && shape === 'un' ? 'nds' : shape;
    return [`${base}${f}`, p, `0F ${byte}`, sh, feat, 'avx', ms] as const;
  });
}

const TABLE: readonly Entry[] = [
  // FP arithmetic
  ...fp4('add', '58'),
  ...fp4('sub', '5C'),
  ...fp4('mul', '59'),
  ...fp4('div', '5E'),
  ...fp4('min', '5D'),
  ...fp4('max', '5F'),
  // sqrt: packed forms are unary; scalar forms take a VEX.vvvv source (vsqrtss xmm1, xmm2, xmm3/m32).
  ...fp4('sqrt', '51', 'un'),
  ...fp4('rcp', '53', 'un', 'ps ss'),
  ...fp4('rsqrt', '52', 'un', 'ps ss'),
  ...fp4('and', '54', 'nds', 'ps pd'),
  ...fp4('andn', '55', 'nds', 'ps pd'),
  ...fp4('or', '56', 'nds', 'ps pd'),
  ...fp4('xor', '57', 'nds', 'ps pd'),
  ...fp4('unpckl', '14', 'nds', 'ps pd'),
  ...fp4('unpckh', '15', 'nds', 'ps pd'),
  ['haddpd', '66', '0F 7C', 'nds', 'sse3', 'avx'],
  ['haddps', 'F2', '0F 7C', 'nds', 'sse3', 'avx'],
  ['hsubpd', '66', '0F 7D', 'nds', 'sse3', 'avx'],
  ['hsubps', 'F2', '0F 7D', 'nds', 'sse3', 'avx'],
  ['addsubpd', '66', '0F D0', 'nds', 'sse3', 'avx'],
  ['addsubps', 'F2', '0F D0', 'nds', 'sse3', 'avx'],
  ['cmpps', '', '0F C2', 'ndsI', 'sse', 'avx'],
  ['cmppd', '66', '0F C2', 'ndsI', 'sse2', 'avx'],
  ['cmpss', 'F3', '0F C2', 'ndsI', 'sse', 'avx', 32],
  ['cmpsd', 'F2', '0F C2', 'ndsI', 'sse2', 'avx', 64],
  ['shufps', '', '0F C6', 'ndsI', 'sse', 'avx'],
  ['shufpd', '66', '0F C6', 'ndsI', 'sse2', 'avx'],
  ['ucomiss', '', '0F 2E', 'un', 'sse', '128', 32],
  ['ucomisd', '66', '0F 2E', 'un', 'sse2', '128', 64],
  ['comiss', '', '0F 2F', 'un', 'sse', '128', 32],
  ['comisd', '66', '0F 2F', 'un', 'sse2', '128', 64],

  // conversions between FP formats and packed integers
  ['cvtss2sd', 'F3', '0F 5A', 'nds', 'sse2', 'avx', 32],
  ['cvtsd2ss', 'F2', '0F 5A', 'nds', 'sse2', 'avx', 64],
  ['cvtps2pd', '', '0F 5A', 'un', 'sse2', '', 64],
  ['cvtpd2ps', '66', '0F 5A', 'un', 'sse2', ''],
  ['cvtdq2ps', '', '0F 5B', 'un', 'sse2', 'avx'],
  ['cvtps2dq', '66', '0F 5B', 'un', 'sse2', 'avx'],
  ['cvttps2dq', 'F3', '0F 5B', 'un', 'sse2', 'avx'],
  ['cvtdq2pd', 'F3', '0F E6', 'un', 'sse2', '', 64],
  ['cvtpd2dq', 'F2', '0F E6', 'un', 'sse2', ''],
  ['cvttpd2dq', '66', '0F E6', 'un', 'sse2', ''],

  // SSE2 packed integer
  ['paddb', '66', '0F FC', 'nds', 'sse2', 'avx2'],
  ['paddw', '66', '0F FD', 'nds', 'sse2', 'avx2'],
  ['paddd', '66', '0F FE', 'nds', 'sse2', 'avx2'],
  ['paddq', '66', '0F D4', 'nds', 'sse2', 'avx2'],
  ['paddsb', '66', '0F EC', 'nds', 'sse2', 'avx2'],
  ['paddsw', '66', '0F ED', 'nds', 'sse2', 'avx2'],
  ['paddusb', '66', '0F DC', 'nds', 'sse2', 'avx2'],
  ['paddusw', '66', '0F DD', 'nds', 'sse2', 'avx2'],
  ['psubb', '66', '0F F8', 'nds', 'sse2', 'avx2'],
  ['psubw', '66', '0F F9', 'nds', 'sse2', 'avx2'],
  ['psubd', '66', '0F FA', 'nds', 'sse2', 'avx2'],
  ['psubq', '66', '0F FB', 'nds', 'sse2', 'avx2'],
  ['psubsb', '66', '0F E8', 'nds', 'sse2', 'avx2'],
  ['psubsw', '66', '0F E9', 'nds', 'sse2', 'avx2'],
  ['psubusb', '66', '0F D8', 'nds', 'sse2', 'avx2'],
  ['psubusw', '66', '0F D9', 'nds', 'sse2', 'avx2'],
  ['pmullw', '66', '0F D5', 'nds', 'sse2', 'avx2'],
  ['pmulhw', '66', '0F E5', 'nds', 'sse2', 'avx2'],
  ['pmulhuw', '66', '0F E4', 'nds', 'sse2', 'avx2'],
  ['pmuludq', '66', '0F F4', 'nds', 'sse2', 'avx2'],
  ['pmaddwd', '66', '0F F5', 'nds', 'sse2', 'avx2'],
  ['psadbw', '66', '0F F6', 'nds', 'sse2', 'avx2'],
  ['pavgb', '66', '0F E0', 'nds', 'sse2', 'avx2'],
  ['pavgw', '66', '0F E3', 'nds', 'sse2', 'avx2'],
  ['pmaxub', '66', '0F DE', 'nds', 'sse2', 'avx2'],
  ['pminub', '66', '0F DA', 'nds', 'sse2', 'avx2'],
  ['pmaxsw', '66', '0F EE', 'nds', 'sse2', 'avx2'],
  ['pminsw', '66', '0F EA', 'nds', 'sse2', 'avx2'],
  ['pand', '66', '0F DB', 'nds', 'sse2', 'avx2'],
  ['pandn', '66', '0F DF', 'nds', 'sse2', 'avx2'],
  ['por', '66', '0F EB', 'nds', 'sse2', 'avx2'],
  ['pxor', '66', '0F EF', 'nds', 'sse2', 'avx2'],
  ['pcmpeqb', '66', '0F 74', 'nds', 'sse2', 'avx2'],
  ['pcmpeqw', '66', '0F 75', 'nds', 'sse2', 'avx2'],
  ['pcmpeqd', '66', '0F 76', 'nds', 'sse2', 'avx2'],
  ['pcmpgtb', '66', '0F 64', 'nds', 'sse2', 'avx2'],
  ['pcmpgtw', '66', '0F 65', 'nds', 'sse2', 'avx2'],
  ['pcmpgtd', '66', '0F 66', 'nds', 'sse2', 'avx2'],
  ['packsswb', '66', '0F 63', 'nds', 'sse2', 'avx2'],
  ['packssdw', '66', '0F 6B', 'nds', 'sse2', 'avx2'],
  ['packuswb', '66', '0F 67', 'nds', 'sse2', 'avx2'],
  ['punpcklbw', '66', '0F 60', 'nds', 'sse2', 'avx2'],
  ['punpcklwd', '66', '0F 61', 'nds', 'sse2', 'avx2'],
  ['punpckldq', '66', '0F 62', 'nds', 'sse2', 'avx2'],
  ['punpcklqdq', '66', '0F 6C', 'nds', 'sse2', 'avx2'],
  ['punpckhbw', '66', '0F 68', 'nds', 'sse2', 'avx2'],
  ['punpckhwd', '66', '0F 69', 'nds', 'sse2', 'avx2'],
  ['punpckhdq', '66', '0F 6A', 'nds', 'sse2', 'avx2'],
  ['punpckhqdq', '66', '0F 6D', 'nds', 'sse2', 'avx2'],
  ['pshufd', '66', '0F 70', 'unI', 'sse2', 'avx2'],
  ['pshufhw', 'F3', '0F 70', 'unI', 'sse2', 'avx2'],
  ['pshuflw', 'F2', '0F 70', 'unI', 'sse2', 'avx2'],

  // SSSE3
  ['pshufb', '66', '0F 38 00', 'nds', 'ssse3', 'avx2'],
  ['phaddw', '66', '0F 38 01', 'nds', 'ssse3', 'avx2'],
  ['phaddd', '66', '0F 38 02', 'nds', 'ssse3', 'avx2'],
  ['phaddsw', '66', '0F 38 03', 'nds', 'ssse3', 'avx2'],
  ['pmaddubsw', '66', '0F 38 04', 'nds', 'ssse3', 'avx2'],
  ['phsubw', '66', '0F 38 05', 'nds', 'ssse3', 'avx2'],
  ['phsubd', '66', '0F 38 06', 'nds', 'ssse3', 'avx2'],
  ['phsubsw', '66', '0F 38 07', 'nds', 'ssse3', 'avx2'],
  ['psignb', '66', '0F 38 08', 'nds', 'ssse3', 'avx2'],
  ['psignw', '66', '0F 38 09', 'nds', 'ssse3', 'avx2'],
  ['psignd', '66', '0F 38 0A', 'nds', 'ssse3', 'avx2'],
  ['pmulhrsw', '66', '0F 38 0B', 'nds', 'ssse3', 'avx2'],
  ['pabsb', '66', '0F 38 1C', 'un', 'ssse3', 'avx2'],
  ['pabsw', '66', '0F 38 1D', 'un', 'ssse3', 'avx2'],
  ['pabsd', '66', '0F 38 1E', 'un', 'ssse3', 'avx2'],
  ['palignr', '66', '0F 3A 0F', 'ndsI', 'ssse3', 'avx2'],

  // SSE4.1
  ['pmuldq', '66', '0F 38 28', 'nds', 'sse4.1', 'avx2'],
  ['pcmpeqq', '66', '0F 38 29', 'nds', 'sse4.1', 'avx2'],
  ['packusdw', '66', '0F 38 2B', 'nds', 'sse4.1', 'avx2'],
  ['pminsb', '66', '0F 38 38', 'nds', 'sse4.1', 'avx2'],
  ['pminsd', '66', '0F 38 39', 'nds', 'sse4.1', 'avx2'],
  ['pminuw', '66', '0F 38 3A', 'nds', 'sse4.1', 'avx2'],
  ['pminud', '66', '0F 38 3B', 'nds', 'sse4.1', 'avx2'],
  ['pmaxsb', '66', '0F 38 3C', 'nds', 'sse4.1', 'avx2'],
  ['pmaxsd', '66', '0F 38 3D', 'nds', 'sse4.1', 'avx2'],
  ['pmaxuw', '66', '0F 38 3E', 'nds', 'sse4.1', 'avx2'],
  ['pmaxud', '66', '0F 38 3F', 'nds', 'sse4.1', 'avx2'],
  ['pmulld', '66', '0F 38 40', 'nds', 'sse4.1', 'avx2'],
  ['phminposuw', '66', '0F 38 41', 'un', 'sse4.1', '128'],
  ['ptest', '66', '0F 38 17', 'un', 'sse4.1', 'avx'],
  ['pmovsxbw', '66', '0F 38 20', 'un', 'sse4.1', '128', 64],
  ['pmovsxbd', '66', '0F 38 21', 'un', 'sse4.1', '128', 32],
  ['pmovsxbq', '66', '0F 38 22', 'un', 'sse4.1', '128', 16],
  ['pmovsxwd', '66', '0F 38 23', 'un', 'sse4.1', '128', 64],
  ['pmovsxwq', '66', '0F 38 24', 'un', 'sse4.1', '128', 32],
  ['pmovsxdq', '66', '0F 38 25', 'un', 'sse4.1', '128', 64],
  ['pmovzxbw', '66', '0F 38 30', 'un', 'sse4.1', '128', 64],
  ['pmovzxbd', '66', '0F 38 31', 'un', 'sse4.1', '128', 32],
  ['pmovzxbq', '66', '0F 38 32', 'un', 'sse4.1', '128', 16],
  ['pmovzxwd', '66', '0F 38 33', 'un', 'sse4.1', '128', 64],
  ['pmovzxwq', '66', '0F 38 34', 'un', 'sse4.1', '128', 32],
  ['pmovzxdq', '66', '0F 38 35', 'un', 'sse4.1', '128', 64],
  ['roundps', '66', '0F 3A 08', 'unI', 'sse4.1', 'avx'],
  ['roundpd', '66', '0F 3A 09', 'unI', 'sse4.1', 'avx'],
  ['roundss', '66', '0F 3A 0A', 'ndsI', 'sse4.1', 'avx', 32],
  ['roundsd', '66', '0F 3A 0B', 'ndsI', 'sse4.1', 'avx', 64],
  ['blendps', '66', '0F 3A 0C', 'ndsI', 'sse4.1', 'avx'],
  ['blendpd', '66', '0F 3A 0D', 'ndsI', 'sse4.1', 'avx'],
  ['pblendw', '66', '0F 3A 0E', 'ndsI', 'sse4.1', 'avx2'],
  ['dpps', '66', '0F 3A 40', 'ndsI', 'sse4.1', 'avx'],
  ['dppd', '66', '0F 3A 41', 'ndsI', 'sse4.1', '128'],
  ['mpsadbw', '66', '0F 3A 42', 'ndsI', 'sse4.1', 'avx2'],
  ['insertps', '66', '0F 3A 21', 'ndsI', 'sse4.1', '128', 32],
  // SSE4.2
  ['pcmpgtq', '66', '0F 38 37', 'nds', 'sse4.2', 'avx2'],
];

/** Moves with a load (RM) and a store (MR) opcode; the VEX load form swaps to the store form for a 2-byte VEX (GNU as). */
function move(mn: string, pfx: '' | '66' | 'F3' | 'F2', load: string, store: string, msize: number, feat: string, vex: boolean, ymm: boolean): Row[] {
  const p = pfx ? pfx + ' ' : '';
  const m = `xmm/m${msize}`;
  const rows: Row[] = [
    { mn, ops: `xmm, ${m}`, op: `${p}0F ${load} /r`, feat },
    { mn, ops: `${m}, xmm`, op: `${p}0F ${store} /r`, feat },
  ];
  if (vex) {
    rows.push({ mn: `v${mn}`, ops: `xmm, ${m}`, op: vexOp(pfx, `0F ${load}`, '128'), feat: 'avx', swap: true });
    rows.push({ mn: `v${mn}`, ops: `${m}, xmm`, op: vexOp(pfx, `0F ${store}`, '128'), feat: 'avx' });
    if (ymm) {
      rows.push({ mn: `v${mn}`, ops: 'ymm, ymm/m256', op: vexOp(pfx, `0F ${load}`, '256'), feat: 'avx', swap: true });
      rows.push({ mn: `v${mn}`, ops: 'ymm/m256, ymm', op: vexOp(pfx, `0F ${store}`, '256'), feat: 'avx' });
    }
  }
  return rows;
}

/** Shifts by xmm/m128 count and by imm8: SSE2 and VEX (the imm8 form puts the destination in VEX.vvvv). */
function pshift(mn: string, regByte: string, immByte: string, digit: number, avx2: boolean): Row[] {
  const rows: Row[] = [
    { mn, ops: 'xmm, xmm/m128', op: `66 0F ${regByte} /r`, feat: 'sse2' },
    { mn, ops: 'xmm, imm8', op: `66 0F ${immByte} /${digit} ib`, en: 'MI', feat: 'sse2' },
    { mn: `v${mn}`, ops: 'xmm, xmm, xmm/m128', op: vexOp('66', `0F ${regByte}`, '128'), feat: 'avx' },
    { mn: `v${mn}`, ops: 'xmm, xmm, imm8', op: vexOp('66', `0F ${immByte}`, '128', 'WIG', `/${digit} ib`), en: 'VMI', feat: 'avx' },
  ];
  if (avx2) {
    rows.push({ mn: `v${mn}`, ops: 'ymm, ymm, xmm/m128', op: vexOp('66', `0F ${regByte}`, '256'), feat: 'avx2' });
    rows.push({ mn: `v${mn}`, ops: 'ymm, ymm, imm8', op: vexOp('66', `0F ${immByte}`, '256', 'WIG', `/${digit} ib`), en: 'VMI', feat: 'avx2' });
  }
  return rows;
}

/**
 * Comparison predicates as mnemonics (GNU as, llvm-mc, Capstone): `cmpltps x, y` is `cmpps x, y, 1`.
 * SSE has predicates 0..7; AVX's vcmp* all 32. The predicate is a fixed byte after ModRM in the row.
 */
const PREDICATES = ['eq', 'lt', 'le', 'unord', 'neq', 'nlt', 'nle', 'ord', 'eq_uq', 'nge', 'ngt', 'false', 'neq_oq', 'ge', 'gt', 'true', 'eq_os', 'lt_oq', 'le_oq', 'unord_s', 'neq_us', 'nlt_uq', 'nle_uq', 'ord_s', 'eq_us', 'nge_uq', 'ngt_uq', 'false_os', 'neq_os', 'ge_oq', 'gt_oq', 'true_us'];

function cmpAliases(): Row[] {
  const rows: Row[] = [];
  const hex = (k: number) => k.toString(16).toUpperCase().padStart(2, '0');
  const fl: [string, '' | '66' | 'F3' | 'F2', number, string][] = [['ps', '', 128, 'sse'], ['pd', '66', 128, 'sse2'], ['ss', 'F3', 32, 'sse'], ['sd', 'F2', 64, 'sse2']];
  for (const [sfx, pfx, ms, feat] of fl) {
    PREDICATES.forEach((pred, k) => {
      if (k < 8) rows.push({ mn: `cmp${pred}${sfx}`, ops: `xmm, xmm/m${ms}`, op: `${pfx ? pfx + ' ' : ''}0F C2 /r ${hex(k)}`, feat });
      rows.push({ mn: `vcmp${pred}${sfx}`, ops: `xmm, xmm, xmm/m${ms}`, op: vexOp(pfx, '0F C2', ms < 128 ? 'LIG' : '128', 'WIG', `/r ${hex(k)}`), feat: 'avx' });
      if (ms === 128) rows.push({ mn: `vcmp${pred}${sfx}`, ops: 'ymm, ymm, ymm/m256', op: vexOp(pfx, '0F C2', '256', 'WIG', `/r ${hex(k)}`), feat: 'avx' });
    });
  }
  return rows;
}

export const sse: readonly Row[] = [
  ...cmpAliases(),
  ...TABLE.flatMap(simd),

  // moves
  ...move('movaps', '', '28', '29', 128, 'sse', true, true),
  ...move('movups', '', '10', '11', 128, 'sse', true, true),
  ...move('movapd', '66', '28', '29', 128, 'sse2', true, true),
  ...move('movupd', '66', '10', '11', 128, 'sse2', true, true),
  ...move('movdqa', '66', '6F', '7F', 128, 'sse2', true, true),
  ...move('movdqu', 'F3', '6F', '7F', 128, 'sse2', true, true),
  ...move('movss', 'F3', '10', '11', 32, 'sse', false, false),
  ...move('movsd', 'F2', '10', '11', 64, 'sse2', false, false),
  // vmovss/vmovsd: a register merge with three operands, a load and a store with two.
  { mn: 'vmovss', ops: 'xmm, xmm, xmm', op: 'VEX.LIG.F3.0F.WIG 10 /r', en: 'RVM', feat: 'avx', swap: true },
  { mn: 'vmovss', ops: 'xmm, xmm, xmm', op: 'VEX.LIG.F3.0F.WIG 11 /r', en: 'MVR', feat: 'avx' },
  { mn: 'vmovss', ops: 'xmm, m32', op: 'VEX.LIG.F3.0F.WIG 10 /r', feat: 'avx' },
  { mn: 'vmovss', ops: 'm32, xmm', op: 'VEX.LIG.F3.0F.WIG 11 /r', feat: 'avx' },
  { mn: 'vmovsd', ops: 'xmm, xmm, xmm', op: 'VEX.LIG.F2.0F.WIG 10 /r', en: 'RVM', feat: 'avx', swap: true },
  { mn: 'vmovsd', ops: 'xmm, xmm, xmm', op: 'VEX.LIG.F2.0F.WIG 11 /r', en: 'MVR', feat: 'avx' },
  { mn: 'vmovsd', ops: 'xmm, m64', op: 'VEX.LIG.F2.0F.WIG 10 /r', feat: 'avx' },
  { mn: 'vmovsd', ops: 'm64, xmm', op: 'VEX.LIG.F2.0F.WIG 11 /r', feat: 'avx' },
  // movd / movq between general registers or memory and xmm
  { mn: 'movd', ops: 'xmm, r/m32', op: '66 0F 6E /r', feat: 'sse2' },
  { mn: 'movd', ops: 'r/m32, xmm', op: '66 0F 7E /r', feat: 'sse2' },
  { mn: 'movq', ops: 'xmm, xmm/m64', op: 'F3 0F 7E /r', feat: 'sse2' },
  { mn: 'movq', ops: 'xmm/m64, xmm', op: '66 0F D6 /r', feat: 'sse2' },
  { mn: 'movq', ops: 'xmm, r/m64', op: '66 REX.W 0F 6E /r', feat: 'sse2' },
  { mn: 'movq', ops: 'r/m64, xmm', op: '66 REX.W 0F 7E /r', feat: 'sse2' },
  // GNU as and llvm-mc: movd with a 64-bit register is movq; GNU as also takes movq for a 64-bit mov (llvm-mc does not).
  { mn: 'movd', ops: 'xmm, r64', op: '66 REX.W 0F 6E /r', en: 'RM', feat: 'sse2' },
  { mn: 'movd', ops: 'r64, xmm', op: '66 REX.W 0F 7E /r', en: 'MR', feat: 'sse2' },
  { mn: 'movq', ops: 'r/m64, r64', op: 'REX.W 89 /r' },
  { mn: 'movq', ops: 'r64, r/m64', op: 'REX.W 8B /r' },
  { mn: 'vmovd', ops: 'xmm, r/m32', op: 'VEX.128.66.0F.W0 6E /r', feat: 'avx' },
  { mn: 'vmovd', ops: 'r/m32, xmm', op: 'VEX.128.66.0F.W0 7E /r', feat: 'avx' },
  { mn: 'vmovq', ops: 'xmm, xmm/m64', op: 'VEX.128.F3.0F.WIG 7E /r', feat: 'avx', swap: true },
  { mn: 'vmovq', ops: 'xmm/m64, xmm', op: 'VEX.128.66.0F.WIG D6 /r', feat: 'avx' },
  { mn: 'vmovq', ops: 'xmm, r/m64', op: 'VEX.128.66.0F.W1 6E /r', feat: 'avx' },
  { mn: 'vmovq', ops: 'r/m64, xmm', op: 'VEX.128.66.0F.W1 7E /r', feat: 'avx' },
  { mn: 'vmovd', ops: 'xmm, r64', op: 'VEX.128.66.0F.W1 6E /r', en: 'RM', feat: 'avx' },
  { mn: 'vmovd', ops: 'r64, xmm', op: 'VEX.128.66.0F.W1 7E /r', en: 'MR', feat: 'avx' },
  // half-register moves and non-temporal stores
  { mn: 'movhlps', ops: 'xmm, xmm', op: '0F 12 /r', en: 'RM', feat: 'sse' },
  { mn: 'movlhps', ops: 'xmm, xmm', op: '0F 16 /r', en: 'RM', feat: 'sse' },
  { mn: 'movlps', ops: 'xmm, m64', op: '0F 12 /r', feat: 'sse' },
  { mn: 'movlps', ops: 'm64, xmm', op: '0F 13 /r', feat: 'sse' },
  { mn: 'movhps', ops: 'xmm, m64', op: '0F 16 /r', feat: 'sse' },
  { mn: 'movhps', ops: 'm64, xmm', op: '0F 17 /r', feat: 'sse' },
  { mn: 'movlpd', ops: 'xmm, m64', op: '66 0F 12 /r', feat: 'sse2' },
  { mn: 'movlpd', ops: 'm64, xmm', op: '66 0F 13 /r', feat: 'sse2' },
  { mn: 'movhpd', ops: 'xmm, m64', op: '66 0F 16 /r', feat: 'sse2' },
  { mn: 'movhpd', ops: 'm64, xmm', op: '66 0F 17 /r', feat: 'sse2' },
  { mn: 'movntps', ops: 'm128, xmm', op: '0F 2B /r', feat: 'sse' },
  { mn: 'movntpd', ops: 'm128, xmm', op: '66 0F 2B /r', feat: 'sse2' },
  { mn: 'movntdq', ops: 'm128, xmm', op: '66 0F E7 /r', feat: 'sse2' },
  { mn: 'movnti', ops: 'm32, r32', op: '0F C3 /r', feat: 'sse2' },
  { mn: 'movnti', ops: 'm64, r64', op: 'REX.W 0F C3 /r', feat: 'sse2' },
  { mn: 'movntdqa', ops: 'xmm, m128', op: '66 0F 38 2A /r', feat: 'sse4.1' },
  { mn: 'movmskps', ops: 'r32, xmm', op: '0F 50 /r', en: 'RM', feat: 'sse' },
  { mn: 'movmskpd', ops: 'r32, xmm', op: '66 0F 50 /r', en: 'RM', feat: 'sse2' },
  { mn: 'pmovmskb', ops: 'r32, xmm', op: '66 0F D7 /r', en: 'RM', feat: 'sse2' },
  { mn: 'vmovmskps', ops: 'r32, xmm', op: 'VEX.128.0F.WIG 50 /r', en: 'RM', feat: 'avx' },
  { mn: 'vmovmskps', ops: 'r32, ymm', op: 'VEX.256.0F.WIG 50 /r', en: 'RM', feat: 'avx' },
  { mn: 'vmovmskpd', ops: 'r32, xmm', op: 'VEX.128.66.0F.WIG 50 /r', en: 'RM', feat: 'avx' },
  { mn: 'vmovmskpd', ops: 'r32, ymm', op: 'VEX.256.66.0F.WIG 50 /r', en: 'RM', feat: 'avx' },
  { mn: 'vpmovmskb', ops: 'r32, xmm', op: 'VEX.128.66.0F.WIG D7 /r', en: 'RM', feat: 'avx' },
  { mn: 'vpmovmskb', ops: 'r32, ymm', op: 'VEX.256.66.0F.WIG D7 /r', en: 'RM', feat: 'avx2' },
  { mn: 'maskmovdqu', ops: 'xmm, xmm', op: '66 0F F7 /r', en: 'RM', feat: 'sse2' },
  // A 64-bit destination register for the 32-bit results (no REX.W; GNU as and llvm-mc accept both spellings).
  { mn: 'movmskps', ops: 'r64, xmm', op: '0F 50 /r', en: 'RM', feat: 'sse' },
  { mn: 'movmskpd', ops: 'r64, xmm', op: '66 0F 50 /r', en: 'RM', feat: 'sse2' },
  { mn: 'pmovmskb', ops: 'r64, xmm', op: '66 0F D7 /r', en: 'RM', feat: 'sse2' },
  { mn: 'vmovmskps', ops: 'r64, xmm', op: 'VEX.128.0F.WIG 50 /r', en: 'RM', feat: 'avx' },
  { mn: 'vmovmskps', ops: 'r64, ymm', op: 'VEX.256.0F.WIG 50 /r', en: 'RM', feat: 'avx' },
  { mn: 'vmovmskpd', ops: 'r64, xmm', op: 'VEX.128.66.0F.WIG 50 /r', en: 'RM', feat: 'avx' },
  { mn: 'vmovmskpd', ops: 'r64, ymm', op: 'VEX.256.66.0F.WIG 50 /r', en: 'RM', feat: 'avx' },
  { mn: 'vpmovmskb', ops: 'r64, xmm', op: 'VEX.128.66.0F.WIG D7 /r', en: 'RM', feat: 'avx' },
  { mn: 'vpmovmskb', ops: 'r64, ymm', op: 'VEX.256.66.0F.WIG D7 /r', en: 'RM', feat: 'avx2' },

  // conversions with general registers (the integer size from the register or the memory size)
  { mn: 'cvtsi2ss', ops: 'xmm, r/m32', op: 'F3 0F 2A /r', feat: 'sse' },
  { mn: 'cvtsi2ss', ops: 'xmm, r/m64', op: 'F3 REX.W 0F 2A /r', feat: 'sse' },
  { mn: 'cvtsi2sd', ops: 'xmm, r/m32', op: 'F2 0F 2A /r', feat: 'sse2' },
  { mn: 'cvtsi2sd', ops: 'xmm, r/m64', op: 'F2 REX.W 0F 2A /r', feat: 'sse2' },
  { mn: 'cvtss2si', ops: 'r32, xmm/m32', op: 'F3 0F 2D /r', feat: 'sse' },
  { mn: 'cvtss2si', ops: 'r64, xmm/m32', op: 'F3 REX.W 0F 2D /r', feat: 'sse' },
  { mn: 'cvttss2si', ops: 'r32, xmm/m32', op: 'F3 0F 2C /r', feat: 'sse' },
  { mn: 'cvttss2si', ops: 'r64, xmm/m32', op: 'F3 REX.W 0F 2C /r', feat: 'sse' },
  { mn: 'cvtsd2si', ops: 'r32, xmm/m64', op: 'F2 0F 2D /r', feat: 'sse2' },
  { mn: 'cvtsd2si', ops: 'r64, xmm/m64', op: 'F2 REX.W 0F 2D /r', feat: 'sse2' },
  { mn: 'cvttsd2si', ops: 'r32, xmm/m64', op: 'F2 0F 2C /r', feat: 'sse2' },
  { mn: 'cvttsd2si', ops: 'r64, xmm/m64', op: 'F2 REX.W 0F 2C /r', feat: 'sse2' },
  { mn: 'vcvtsi2ss', ops: 'xmm, xmm, r/m32', op: 'VEX.LIG.F3.0F.W0 2A /r', feat: 'avx' },
  { mn: 'vcvtsi2ss', ops: 'xmm, xmm, r/m64', op: 'VEX.LIG.F3.0F.W1 2A /r', feat: 'avx' },
  { mn: 'vcvtsi2sd', ops: 'xmm, xmm, r/m32', op: 'VEX.LIG.F2.0F.W0 2A /r', feat: 'avx' },
  { mn: 'vcvtsi2sd', ops: 'xmm, xmm, r/m64', op: 'VEX.LIG.F2.0F.W1 2A /r', feat: 'avx' },
  { mn: 'vcvtss2si', ops: 'r32, xmm/m32', op: 'VEX.LIG.F3.0F.W0 2D /r', feat: 'avx' },
  { mn: 'vcvtss2si', ops: 'r64, xmm/m32', op: 'VEX.LIG.F3.0F.W1 2D /r', feat: 'avx' },
  { mn: 'vcvttss2si', ops: 'r32, xmm/m32', op: 'VEX.LIG.F3.0F.W0 2C /r', feat: 'avx' },
  { mn: 'vcvttss2si', ops: 'r64, xmm/m32', op: 'VEX.LIG.F3.0F.W1 2C /r', feat: 'avx' },
  { mn: 'vcvtsd2si', ops: 'r32, xmm/m64', op: 'VEX.LIG.F2.0F.W0 2D /r', feat: 'avx' },
  { mn: 'vcvtsd2si', ops: 'r64, xmm/m64', op: 'VEX.LIG.F2.0F.W1 2D /r', feat: 'avx' },
  { mn: 'vcvttsd2si', ops: 'r32, xmm/m64', op: 'VEX.LIG.F2.0F.W0 2C /r', feat: 'avx' },
  { mn: 'vcvttsd2si', ops: 'r64, xmm/m64', op: 'VEX.LIG.F2.0F.W1 2C /r', feat: 'avx' },
  // packed conversions whose VEX forms change the register width
  { mn: 'vcvtps2pd', ops: 'xmm, xmm/m64', op: 'VEX.128.0F.WIG 5A /r', feat: 'avx' },
  { mn: 'vcvtps2pd', ops: 'ymm, xmm/m128', op: 'VEX.256.0F.WIG 5A /r', feat: 'avx' },
  { mn: 'vcvtdq2pd', ops: 'xmm, xmm/m64', op: 'VEX.128.F3.0F.WIG E6 /r', feat: 'avx' },
  { mn: 'vcvtdq2pd', ops: 'ymm, xmm/m128', op: 'VEX.256.F3.0F.WIG E6 /r', feat: 'avx' },
  { mn: 'vcvtpd2ps', ops: 'xmm, xmm/m128', op: 'VEX.128.66.0F.WIG 5A /r', feat: 'avx' },
  { mn: 'vcvtpd2ps', ops: 'xmm, ymm/m256', op: 'VEX.256.66.0F.WIG 5A /r', feat: 'avx' },
  { mn: 'vcvtpd2dq', ops: 'xmm, xmm/m128', op: 'VEX.128.F2.0F.WIG E6 /r', feat: 'avx' },
  { mn: 'vcvtpd2dq', ops: 'xmm, ymm/m256', op: 'VEX.256.F2.0F.WIG E6 /r', feat: 'avx' },
  { mn: 'vcvttpd2dq', ops: 'xmm, xmm/m128', op: 'VEX.128.66.0F.WIG E6 /r', feat: 'avx' },
  { mn: 'vcvttpd2dq', ops: 'xmm, ymm/m256', op: 'VEX.256.66.0F.WIG E6 /r', feat: 'avx' },

  // shifts
  ...pshift('psllw', 'F1', '71', 6, true),
  ...pshift('pslld', 'F2', '72', 6, true),
  ...pshift('psllq', 'F3', '73', 6, true),
  ...pshift('psrlw', 'D1', '71', 2, true),
  ...pshift('psrld', 'D2', '72', 2, true),
  ...pshift('psrlq', 'D3', '73', 2, true),
  ...pshift('psraw', 'E1', '71', 4, true),
  ...pshift('psrad', 'E2', '72', 4, true),
  { mn: 'pslldq', ops: 'xmm, imm8', op: '66 0F 73 /7 ib', en: 'MI', feat: 'sse2' },
  { mn: 'psrldq', ops: 'xmm, imm8', op: '66 0F 73 /3 ib', en: 'MI', feat: 'sse2' },
  { mn: 'vpslldq', ops: 'xmm, xmm, imm8', op: 'VEX.128.66.0F.WIG 73 /7 ib', en: 'VMI', feat: 'avx' },
  { mn: 'vpsrldq', ops: 'xmm, xmm, imm8', op: 'VEX.128.66.0F.WIG 73 /3 ib', en: 'VMI', feat: 'avx' },
  { mn: 'vpslldq', ops: 'ymm, ymm, imm8', op: 'VEX.256.66.0F.WIG 73 /7 ib', en: 'VMI', feat: 'avx2' },
  { mn: 'vpsrldq', ops: 'ymm, ymm, imm8', op: 'VEX.256.66.0F.WIG 73 /3 ib', en: 'VMI', feat: 'avx2' },

  // element insert / extract
  { mn: 'pinsrw', ops: 'xmm, r32/m16, imm8', op: '66 0F C4 /r ib', feat: 'sse2' },
  { mn: 'pextrw', ops: 'r32, xmm, imm8', op: '66 0F C5 /r ib', en: 'RMI', feat: 'sse2' },
  { mn: 'pextrw', ops: 'r32/m16, xmm, imm8', op: '66 0F 3A 15 /r ib', feat: 'sse4.1' },
  { mn: 'pinsrb', ops: 'xmm, r32/m8, imm8', op: '66 0F 3A 20 /r ib', feat: 'sse4.1' },
  { mn: 'pinsrd', ops: 'xmm, r/m32, imm8', op: '66 0F 3A 22 /r ib', feat: 'sse4.1' },
  { mn: 'pinsrq', ops: 'xmm, r/m64, imm8', op: '66 REX.W 0F 3A 22 /r ib', feat: 'sse4.1' },
  { mn: 'pextrb', ops: 'r32/m8, xmm, imm8', op: '66 0F 3A 14 /r ib', feat: 'sse4.1' },
  { mn: 'pextrd', ops: 'r/m32, xmm, imm8', op: '66 0F 3A 16 /r ib', feat: 'sse4.1' },
  { mn: 'pextrq', ops: 'r/m64, xmm, imm8', op: '66 REX.W 0F 3A 16 /r ib', feat: 'sse4.1' },
  { mn: 'extractps', ops: 'r/m32, xmm, imm8', op: '66 0F 3A 17 /r ib', feat: 'sse4.1' },
  { mn: 'pinsrw', ops: 'xmm, r64, imm8', op: '66 0F C4 /r ib', en: 'RMI', feat: 'sse2' },
  { mn: 'pextrw', ops: 'r64, xmm, imm8', op: '66 0F C5 /r ib', en: 'RMI', feat: 'sse2' },
  { mn: 'pinsrb', ops: 'xmm, r64, imm8', op: '66 0F 3A 20 /r ib', en: 'RMI', feat: 'sse4.1' },
  { mn: 'pextrb', ops: 'r64, xmm, imm8', op: '66 0F 3A 14 /r ib', en: 'MRI', feat: 'sse4.1' },
  { mn: 'extractps', ops: 'r64, xmm, imm8', op: '66 0F 3A 17 /r ib', en: 'MRI', feat: 'sse4.1' },
  { mn: 'vpinsrw', ops: 'xmm, xmm, r32/m16, imm8', op: 'VEX.128.66.0F.W0 C4 /r ib', feat: 'avx' },
  { mn: 'vpextrw', ops: 'r32, xmm, imm8', op: 'VEX.128.66.0F.W0 C5 /r ib', en: 'RMI', feat: 'avx' },
  { mn: 'vpextrw', ops: 'r32/m16, xmm, imm8', op: 'VEX.128.66.0F3A.W0 15 /r ib', feat: 'avx' },
  { mn: 'vpinsrb', ops: 'xmm, xmm, r32/m8, imm8', op: 'VEX.128.66.0F3A.W0 20 /r ib', feat: 'avx' },
  { mn: 'vpinsrd', ops: 'xmm, xmm, r/m32, imm8', op: 'VEX.128.66.0F3A.W0 22 /r ib', feat: 'avx' },
  { mn: 'vpinsrq', ops: 'xmm, xmm, r/m64, imm8', op: 'VEX.128.66.0F3A.W1 22 /r ib', feat: 'avx' },
  { mn: 'vpextrb', ops: 'r32/m8, xmm, imm8', op: 'VEX.128.66.0F3A.W0 14 /r ib', feat: 'avx' },
  { mn: 'vpextrd', ops: 'r/m32, xmm, imm8', op: 'VEX.128.66.0F3A.W0 16 /r ib', feat: 'avx' },
  { mn: 'vpextrq', ops: 'r/m64, xmm, imm8', op: 'VEX.128.66.0F3A.W1 16 /r ib', feat: 'avx' },
  { mn: 'vextractps', ops: 'r/m32, xmm, imm8', op: 'VEX.128.66.0F3A.WIG 17 /r ib', feat: 'avx' },
  { mn: 'vpinsrw', ops: 'xmm, xmm, r64, imm8', op: 'VEX.128.66.0F.W0 C4 /r ib', en: 'RVMI', feat: 'avx' },
  { mn: 'vpextrw', ops: 'r64, xmm, imm8', op: 'VEX.128.66.0F.W0 C5 /r ib', en: 'RMI', feat: 'avx' },
  { mn: 'vpinsrb', ops: 'xmm, xmm, r64, imm8', op: 'VEX.128.66.0F3A.W0 20 /r ib', en: 'RVMI', feat: 'avx' },
  { mn: 'vpextrb', ops: 'r64, xmm, imm8', op: 'VEX.128.66.0F3A.W0 14 /r ib', en: 'MRI', feat: 'avx' },
  { mn: 'vextractps', ops: 'r64, xmm, imm8', op: 'VEX.128.66.0F3A.WIG 17 /r ib', en: 'MRI', feat: 'avx' },

  // variable blends: SSE4.1 with the implicit xmm0 (written or not), AVX with a fourth register in imm8[7:4]
  { mn: 'blendvps', ops: 'xmm, xmm/m128, xmm0', op: '66 0F 38 14 /r', feat: 'sse4.1' },
  { mn: 'blendvpd', ops: 'xmm, xmm/m128, xmm0', op: '66 0F 38 15 /r', feat: 'sse4.1' },
  { mn: 'pblendvb', ops: 'xmm, xmm/m128, xmm0', op: '66 0F 38 10 /r', feat: 'sse4.1' },
  { mn: 'blendvps', ops: 'xmm, xmm/m128', op: '66 0F 38 14 /r', feat: 'sse4.1' },
  { mn: 'blendvpd', ops: 'xmm, xmm/m128', op: '66 0F 38 15 /r', feat: 'sse4.1' },
  { mn: 'pblendvb', ops: 'xmm, xmm/m128', op: '66 0F 38 10 /r', feat: 'sse4.1' },
  { mn: 'vblendvps', ops: 'xmm, xmm, xmm/m128, xmm', op: 'VEX.128.66.0F3A.W0 4A /r /is4', en: 'RVML', feat: 'avx' },
  { mn: 'vblendvps', ops: 'ymm, ymm, ymm/m256, ymm', op: 'VEX.256.66.0F3A.W0 4A /r /is4', en: 'RVML', feat: 'avx' },
  { mn: 'vblendvpd', ops: 'xmm, xmm, xmm/m128, xmm', op: 'VEX.128.66.0F3A.W0 4B /r /is4', en: 'RVML', feat: 'avx' },
  { mn: 'vblendvpd', ops: 'ymm, ymm, ymm/m256, ymm', op: 'VEX.256.66.0F3A.W0 4B /r /is4', en: 'RVML', feat: 'avx' },
  { mn: 'vpblendvb', ops: 'xmm, xmm, xmm/m128, xmm', op: 'VEX.128.66.0F3A.W0 4C /r /is4', en: 'RVML', feat: 'avx' },
  { mn: 'vpblendvb', ops: 'ymm, ymm, ymm/m256, ymm', op: 'VEX.256.66.0F3A.W0 4C /r /is4', en: 'RVML', feat: 'avx2' },

  // SSE4.2 crc32 (F2 before REX)
  { mn: 'crc32', ops: 'r32, r/m8', op: 'F2 0F 38 F0 /r', feat: 'sse4.2' },
  { mn: 'crc32', ops: 'r32, r/m16', op: '66 F2 0F 38 F1 /r', feat: 'sse4.2' },
  { mn: 'crc32', ops: 'r32, r/m32', op: 'F2 0F 38 F1 /r', feat: 'sse4.2' },
  { mn: 'crc32', ops: 'r64, r/m8', op: 'F2 REX.W 0F 38 F0 /r', feat: 'sse4.2' },
  { mn: 'crc32', ops: 'r64, r/m64', op: 'F2 REX.W 0F 38 F1 /r', feat: 'sse4.2' },

  // MXCSR
  { mn: 'ldmxcsr', ops: 'm32', op: '0F AE /2', feat: 'sse' },
  { mn: 'stmxcsr', ops: 'm32', op: '0F AE /3', feat: 'sse' },
  { mn: 'vldmxcsr', ops: 'm32', op: 'VEX.LZ.0F.WIG AE /2', feat: 'avx' },
  { mn: 'vstmxcsr', ops: 'm32', op: 'VEX.LZ.0F.WIG AE /3', feat: 'avx' },
];
