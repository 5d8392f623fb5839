// AVX and AVX2 instructions without an SSE counterpart (broadcasts, 128-bit lane inserts/extracts and
// permutes, variable shifts, masked moves, vzeroupper), the 256-bit forms of the sign/zero extensions,
// and FMA3. The VEX forms of SSE instructions are in sse.ts. Format: README.md.
import type { Row } from './types.js';

const X = (mn: string, ops: string, op: string, feat: string, extra: Partial<Row> = {}): Row => ({ mn, ops, op, feat, ...extra });

/** vpmovsx / vpmovzx 256-bit forms: the source is half, a quarter or an eighth as wide. */
function pmov256(): Row[] {
  const t: [string, string, number][] = [
    ['bw', '20', 128], ['bd', '21', 64], ['bq', '22', 32], ['wd', '23', 128], ['wq', '24', 64], ['dq', '25', 128],
  ];
  const rows: Row[] = [];
  for (const [sfx, byte, ms] of t) {
    rows.push(X(`vpmovsx${sfx}`, `ymm, xmm/m${ms}`, `VEX.256.66.0F38.WIG ${byte} /r`, 'avx2'));
    const zb = (parseInt(byte, 16) + 0x10).toString(16).toUpperCase();
    rows.push(X(`vpmovzx${sfx}`, `ymm, xmm/m${ms}`, `VEX.256.66.0F38.WIG ${zb} /r`, 'avx2'));
  }
  return rows;
}

/** FMA3: vfmadd/vfmsub/vfnmadd/vfnmsub with 132/213/231 operand orders, ps/pd/ss/sd. */
function fma(): Row[] {
  const ops: [string, number][] = [['vfmadd', 0x98], ['vfmsub', 0x9a], ['vfnmadd', 0x9c], ['vfnmsub', 0x9e]];
  const orders: [string, number][] = [['132', 0], ['213', 0x10], ['231', 0x20]];
  const rows: Row[] = [];
  for (const [base, b] of ops) {
    for (const [ord, add] of orders) {
      const packed = (b + add).toString(16).toUpperCase();
      const scalar = (b + add + 1).toString(16).toUpperCase();
      rows.push(X(`${base}${ord}ps`, 'xmm, xmm, xmm/m128', `VEX.128.66.0F38.W0 ${packed} /r`, 'fma'));
      rows.push(X(`${base}${ord}ps`, 'ymm, ymm, ymm/m256', `VEX.256.66.0F38.W0 ${packed} /r`, 'fma'));
      rows.push(X(`${base}${ord}pd`, 'xmm, xmm, xmm/m128', `VEX.128.66.0F38.W1 ${packed} /r`, 'fma'));
      rows.push(X(`${base}${ord}pd`, 'ymm, ymm, ymm/m256', `VEX.256.66.0F38.W1 ${packed} /r`, 'fma'));
      rows.push(X(`${base}${ord}ss`, 'xmm, xmm, xmm/m32', `VEX.LIG.66.0F38.W0 ${scalar} /r`, 'fma'));
      rows.push(X(`${base}${ord}sd`, 'xmm, xmm, xmm/m64', `VEX.LIG.66.0F38.W1 ${scalar} /r`, 'fma'));
    }
  }
  return rows;
}

export const avx: readonly Row[] = [
  X('vzeroupper', '', 'VEX.128.0F.WIG 77', 'avx'),
  X('vzeroall', '', 'VEX.256.0F.WIG 77', 'avx'),
  // broadcasts
  X('vbroadcastss', 'xmm, m32', 'VEX.128.66.0F38.W0 18 /r', 'avx'),
  X('vbroadcastss', 'ymm, m32', 'VEX.256.66.0F38.W0 18 /r', 'avx'),
  X('vbroadcastss', 'xmm, xmm', 'VEX.128.66.0F38.W0 18 /r', 'avx2', { en: 'RM' }),
  X('vbroadcastss', 'ymm, xmm', 'VEX.256.66.0F38.W0 18 /r', 'avx2', { en: 'RM' }),
  X('vbroadcastsd', 'ymm, m64', 'VEX.256.66.0F38.W0 19 /r', 'avx'),
  X('vbroadcastsd', 'ymm, xmm', 'VEX.256.66.0F38.W0 19 /r', 'avx2', { en: 'RM' }),
  X('vbroadcastf128', 'ymm, m128', 'VEX.256.66.0F38.W0 1A /r', 'avx'),
  X('vbroadcasti128', 'ymm, m128', 'VEX.256.66.0F38.W0 5A /r', 'avx2'),
  X('vpbroadcastb', 'xmm, xmm/m8', 'VEX.128.66.0F38.W0 78 /r', 'avx2'),
  X('vpbroadcastb', 'ymm, xmm/m8', 'VEX.256.66.0F38.W0 78 /r', 'avx2'),
  X('vpbroadcastw', 'xmm, xmm/m16', 'VEX.128.66.0F38.W0 79 /r', 'avx2'),
  X('vpbroadcastw', 'ymm, xmm/m16', 'VEX.256.66.0F38.W0 79 /r', 'avx2'),
  X('vpbroadcastd', 'xmm, xmm/m32', 'VEX.128.66.0F38.W0 58 /r', 'avx2'),
  X('vpbroadcastd', 'ymm, xmm/m32', 'VEX.256.66.0F38.W0 58 /r', 'avx2'),
  X('vpbroadcastq', 'xmm, xmm/m64', 'VEX.128.66.0F38.W0 59 /r', 'avx2'),
  X('vpbroadcastq', 'ymm, xmm/m64', 'VEX.256.66.0F38.W0 59 /r', 'avx2'),
  // 128-bit lanes
  X('vinsertf128', 'ymm, ymm, xmm/m128, imm8', 'VEX.256.66.0F3A.W0 18 /r ib', 'avx'),
  X('vextractf128', 'xmm/m128, ymm, imm8', 'VEX.256.66.0F3A.W0 19 /r ib', 'avx'),
  X('vinserti128', 'ymm, ymm, xmm/m128, imm8', 'VEX.256.66.0F3A.W0 38 /r ib', 'avx2'),
  X('vextracti128', 'xmm/m128, ymm, imm8', 'VEX.256.66.0F3A.W0 39 /r ib', 'avx2'),
  X('vperm2f128', 'ymm, ymm, ymm/m256, imm8', 'VEX.256.66.0F3A.W0 06 /r ib', 'avx'),
  X('vperm2i128', 'ymm, ymm, ymm/m256, imm8', 'VEX.256.66.0F3A.W0 46 /r ib', 'avx2'),
  // permutes
  X('vpermq', 'ymm, ymm/m256, imm8', 'VEX.256.66.0F3A.W1 00 /r ib', 'avx2'),
  X('vpermpd', 'ymm, ymm/m256, imm8', 'VEX.256.66.0F3A.W1 01 /r ib', 'avx2'),
  X('vpermd', 'ymm, ymm, ymm/m256', 'VEX.256.66.0F38.W0 36 /r', 'avx2'),
  X('vpermps', 'ymm, ymm, ymm/m256', 'VEX.256.66.0F38.W0 16 /r', 'avx2'),
  X('vpermilps', 'xmm, xmm, xmm/m128', 'VEX.128.66.0F38.W0 0C /r', 'avx'),
  X('vpermilps', 'ymm, ymm, ymm/m256', 'VEX.256.66.0F38.W0 0C /r', 'avx'),
  X('vpermilps', 'xmm, xmm/m128, imm8', 'VEX.128.66.0F3A.W0 04 /r ib', 'avx'),
  X('vpermilps', 'ymm, ymm/m256, imm8', 'VEX.256.66.0F3A.W0 04 /r ib', 'avx'),
  X('vpermilpd', 'xmm, xmm, xmm/m128', 'VEX.128.66.0F38.W0 0D /r', 'avx'),
  X('vpermilpd', 'ymm, ymm, ymm/m256', 'VEX.256.66.0F38.W0 0D /r', 'avx'),
  X('vpermilpd', 'xmm, xmm/m128, imm8', 'VEX.128.66.0F3A.W0 05 /r ib', 'avx'),
  X('vpermilpd', 'ymm, ymm/m256, imm8', 'VEX.256.66.0F3A.W0 05 /r ib', 'avx'),
  X('vpblendd', 'xmm, xmm, xmm/m128, imm8', 'VEX.128.66.0F3A.W0 02 /r ib', 'avx2'),
  X('vpblendd', 'ymm, ymm, ymm/m256, imm8', 'VEX.256.66.0F3A.W0 02 /r ib', 'avx2'),
  // variable shifts
  X('vpsllvd', 'xmm, xmm, xmm/m128', 'VEX.128.66.0F38.W0 47 /r', 'avx2'),
  X('vpsllvd', 'ymm, ymm, ymm/m256', 'VEX.256.66.0F38.W0 47 /r', 'avx2'),
  X('vpsllvq', 'xmm, xmm, xmm/m128', 'VEX.128.66.0F38.W1 47 /r', 'avx2'),
  X('vpsllvq', 'ymm, ymm, ymm/m256', 'VEX.256.66.0F38.W1 47 /r', 'avx2'),
  X('vpsrlvd', 'xmm, xmm, xmm/m128', 'VEX.128.66.0F38.W0 45 /r', 'avx2'),
  X('vpsrlvd', 'ymm, ymm, ymm/m256', 'VEX.256.66.0F38.W0 45 /r', 'avx2'),
  X('vpsrlvq', 'xmm, xmm, xmm/m128', 'VEX.128.66.0F38.W1 45 /r', 'avx2'),
  X('vpsrlvq', 'ymm, ymm, ymm/m256', 'VEX.256.66.0F38.W1 45 /r', 'avx2'),
  X('vpsravd', 'xmm, xmm, xmm/m128', 'VEX.128.66.0F38.W0 46 /r', 'avx2'),
  X('vpsravd', 'ymm, ymm, ymm/m256', 'VEX.256.66.0F38.W0 46 /r', 'avx2'),
  // masked moves
  X('vmaskmovps', 'xmm, xmm, m128', 'VEX.128.66.0F38.W0 2C /r', 'avx'),
  X('vmaskmovps', 'ymm, ymm, m256', 'VEX.256.66.0F38.W0 2C /r', 'avx'),
  X('vmaskmovps', 'm128, xmm, xmm', 'VEX.128.66.0F38.W0 2E /r', 'avx', { en: 'MVR' }),
  X('vmaskmovps', 'm256, ymm, ymm', 'VEX.256.66.0F38.W0 2E /r', 'avx', { en: 'MVR' }),
  X('vpmaskmovd', 'xmm, xmm, m128', 'VEX.128.66.0F38.W0 8C /r', 'avx2'),
  X('vpmaskmovd', 'ymm, ymm, m256', 'VEX.256.66.0F38.W0 8C /r', 'avx2'),
  X('vpmaskmovd', 'm128, xmm, xmm', 'VEX.128.66.0F38.W0 8E /r', 'avx2', { en: 'MVR' }),
  X('vpmaskmovd', 'm256, ymm, ymm', 'VEX.256.66.0F38.W0 8E /r', 'avx2', { en: 'MVR' }),
  X('vpmaskmovq', 'xmm, xmm, m128', 'VEX.128.66.0F38.W1 8C /r', 'avx2'),
  X('vpmaskmovq', 'ymm, ymm, m256', 'VEX.256.66.0F38.W1 8C /r', 'avx2'),
  X('vtestps', 'xmm, xmm/m128', 'VEX.128.66.0F38.W0 0E /r', 'avx'),
  X('vtestps', 'ymm, ymm/m256', 'VEX.256.66.0F38.W0 0E /r', 'avx'),
  X('vtestpd', 'xmm, xmm/m128', 'VEX.128.66.0F38.W0 0F /r', 'avx'),
  X('vtestpd', 'ymm, ymm/m256', 'VEX.256.66.0F38.W0 0F /r', 'avx'),
  X('vmovntdqa', 'xmm, m128', 'VEX.128.66.0F38.WIG 2A /r', 'avx'),
  X('vmovntdqa', 'ymm, m256', 'VEX.256.66.0F38.WIG 2A /r', 'avx2'),
  X('vmovntdq', 'm128, xmm', 'VEX.128.66.0F.WIG E7 /r', 'avx'),
  X('vmovntdq', 'm256, ymm', 'VEX.256.66.0F.WIG E7 /r', 'avx'),
  X('vmovntps', 'm128, xmm', 'VEX.128.0F.WIG 2B /r', 'avx'),
  X('vmovntps', 'm256, ymm', 'VEX.256.0F.WIG 2B /r', 'avx'),
  X('vmovntpd', 'm128, xmm', 'VEX.128.66.0F.WIG 2B /r', 'avx'),
  X('vmovntpd', 'm256, ymm', 'VEX.256.66.0F.WIG 2B /r', 'avx'),
  X('vmovhlps', 'xmm, xmm, xmm', 'VEX.128.0F.WIG 12 /r', 'avx', { en: 'RVM' }),
  X('vmovlhps', 'xmm, xmm, xmm', 'VEX.128.0F.WIG 16 /r', 'avx', { en: 'RVM' }),
  ...pmov256(),
  ...fma(),
];
