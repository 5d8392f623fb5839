// A64 scalar floating point: moves (register, general <-> FP, immediate), arithmetic, rounding, precision
// conversion, compares, conditional compare/select, fused multiply-add, integer and fixed-point
// conversions, and loads/stores of B/H/S/D/Q registers in every addressing mode. Format: README.md.
// Rows are written once per instruction family and expanded over the FP types below (half precision
// needs FEAT_FP16: GNU as `+fp16`, llvm-mc `+fullfp16`).
import type { Row } from './types.js';

/** Scalar FP types: register class, `ftype` field (bits 23:22), feature. */
const FTYPES = [
  ['h', '11', 'fp16'],
  ['s', '00', undefined],
  ['d', '01', undefined],
] as const;

type FT = (typeof FTYPES)[number];

function each(f: (t: FT[0], ftype: string, feat: string | undefined) => Row[]): Row[] {
  return FTYPES.flatMap(([t, ftype, feat]) => f(t, ftype, feat).map((r) => (feat ? { ...r, feat } : r)));
}

/** General registers for conversions: class and `sf` bit. */
const GPRS = [
  ['w', '0'],
  ['x', '1'],
] as const;

const dataProcessing: Row[] = [
  // FMOV (register) and the other 1-source operations: 0 0 0 11110 ftype 1 opcode:6 10000 Rn Rd
  ...each((t, ft) =>
    (
      [
        ['fmov', '000000'],
        ['fabs', '000001'],
        ['fneg', '000010'],
        ['fsqrt', '000011'],
        ['frintn', '001000'],
        ['frintp', '001001'],
        ['frintm', '001010'],
        ['frintz', '001011'],
        ['frinta', '001100'],
        ['frintx', '001110'],
        ['frinti', '001111'],
      ] as const
    ).map(([mn, op]): Row => ({ mn, ops: `<Rd:${t}>, <Rn:${t}>`, bits: `0 0 0 11110 ${ft} 1 ${op} 10000 Rn:5 Rd:5` })),
  ),
  // FRINT32Z/32X/64Z/64X (FEAT_FRINTTS, Armv8.5): single and double only
  ...(['s', 'd'] as const).flatMap((t) =>
    (
      [
        ['frint32z', '010000'],
        ['frint32x', '010001'],
        ['frint64z', '010010'],
        ['frint64x', '010011'],
      ] as const
    ).map(([mn, op]): Row => ({ mn, ops: `<Rd:${t}>, <Rn:${t}>`, bits: `0 0 0 11110 ${t === 's' ? '00' : '01'} 1 ${op} 10000 Rn:5 Rd:5`, feat: 'v8.5a' })),
  ),
  // FCVT (precision): ftype = source, opc (bits 16:15) = destination (00 s, 01 d, 11 h)
  ...FTYPES.flatMap(([src, ftype]) =>
    FTYPES.filter(([dst]) => dst !== src).map(([dst, opc]): Row => ({ mn: 'fcvt', ops: `<Rd:${dst}>, <Rn:${src}>`, bits: `0 0 0 11110 ${ftype} 1 0001 ${opc} 10000 Rn:5 Rd:5` })),
  ),
  // 2-source: 0 0 0 11110 ftype 1 Rm opcode:4 10 Rn Rd
  ...each((t, ft) =>
    (
      [
        ['fmul', '0000'],
        ['fdiv', '0001'],
        ['fadd', '0010'],
        ['fsub', '0011'],
        ['fmax', '0100'],
        ['fmin', '0101'],
        ['fmaxnm', '0110'],
        ['fminnm', '0111'],
        ['fnmul', '1000'],
      ] as const
    ).map(([mn, op]): Row => ({ mn, ops: `<Rd:${t}>, <Rn:${t}>, <Rm:${t}>`, bits: `0 0 0 11110 ${ft} 1 Rm:5 ${op} 10 Rn:5 Rd:5` })),
  ),
  // 3-source: 0 0 0 11111 ftype o1 Rm o0 Ra Rn Rd
  ...each((t, ft) =>
    (
      [
        ['fmadd', '0', '0'],
        ['fmsub', '0', '1'],
        ['fnmadd', '1', '0'],
        ['fnmsub', '1', '1'],
      ] as const
    ).map(([mn, o1, o0]): Row => ({ mn, ops: `<Rd:${t}>, <Rn:${t}>, <Rm:${t}>, <Ra:${t}>`, bits: `0 0 0 11111 ${ft} ${o1} Rm:5 ${o0} Ra:5 Rn:5 Rd:5` })),
  ),
  // Compare: 0 0 0 11110 ftype 1 Rm 00 1000 Rn opcode2 (opc 00 fcmp, 10 fcmpe; with #0.0: Rm = 0, bit 3 set)
  ...each((t, ft) => [
    { mn: 'fcmp', ops: `<Rn:${t}>, <Rm:${t}>`, bits: `0 0 0 11110 ${ft} 1 Rm:5 00 1000 Rn:5 00000` },
    { mn: 'fcmp', ops: `<Rn:${t}>, #<zero:fzero>`, bits: `0 0 0 11110 ${ft} 1 00000 00 1000 Rn:5 01000` },
    { mn: 'fcmpe', ops: `<Rn:${t}>, <Rm:${t}>`, bits: `0 0 0 11110 ${ft} 1 Rm:5 00 1000 Rn:5 10000` },
    { mn: 'fcmpe', ops: `<Rn:${t}>, #<zero:fzero>`, bits: `0 0 0 11110 ${ft} 1 00000 00 1000 Rn:5 11000` },
  ]),
  // Conditional compare: 0 0 0 11110 ftype 1 Rm cond 01 Rn op nzcv; conditional select: … Rm cond 11 Rn Rd
  ...each((t, ft) => [
    { mn: 'fccmp', ops: `<Rn:${t}>, <Rm:${t}>, #<nzcv:u4>, <cond:cond>`, bits: `0 0 0 11110 ${ft} 1 Rm:5 cond:4 01 Rn:5 0 nzcv:4` },
    { mn: 'fccmpe', ops: `<Rn:${t}>, <Rm:${t}>, #<nzcv:u4>, <cond:cond>`, bits: `0 0 0 11110 ${ft} 1 Rm:5 cond:4 01 Rn:5 1 nzcv:4` },
    { mn: 'fcsel', ops: `<Rd:${t}>, <Rn:${t}>, <Rm:${t}>, <cond:cond>`, bits: `0 0 0 11110 ${ft} 1 Rm:5 cond:4 11 Rn:5 Rd:5` },
  ]),
  // FMOV (scalar, immediate): 0 0 0 11110 ftype 1 imm8 100 00000 Rd
  ...each((t, ft) => [{ mn: 'fmov', ops: `<Rd:${t}>, #<imm8:fpimm>`, bits: `0 0 0 11110 ${ft} 1 imm8:8 100 00000 Rd:5` }]),
];

/** Conversions between FP and general registers: sf 0 0 11110 ftype 1 rmode opcode 000000 Rn Rd. */
const conversions: Row[] = [
  // FMOV (general): w <-> s, x <-> d, w/x <-> h; the top half of a 128-bit register: x <-> v.d[1]
  { mn: 'fmov', ops: '<Rd:w>, <Rn:s>', bits: '0 0 0 11110 00 1 00 110 000000 Rn:5 Rd:5' },
  { mn: 'fmov', ops: '<Rd:s>, <Rn:w>', bits: '0 0 0 11110 00 1 00 111 000000 Rn:5 Rd:5' },
  { mn: 'fmov', ops: '<Rd:x>, <Rn:d>', bits: '1 0 0 11110 01 1 00 110 000000 Rn:5 Rd:5' },
  { mn: 'fmov', ops: '<Rd:d>, <Rn:x>', bits: '1 0 0 11110 01 1 00 111 000000 Rn:5 Rd:5' },
  { mn: 'fmov', ops: '<Rd:w>, <Rn:h>', bits: '0 0 0 11110 11 1 00 110 000000 Rn:5 Rd:5', feat: 'fp16' },
  { mn: 'fmov', ops: '<Rd:h>, <Rn:w>', bits: '0 0 0 11110 11 1 00 111 000000 Rn:5 Rd:5', feat: 'fp16' },
  { mn: 'fmov', ops: '<Rd:x>, <Rn:h>', bits: '1 0 0 11110 11 1 00 110 000000 Rn:5 Rd:5', feat: 'fp16' },
  { mn: 'fmov', ops: '<Rd:h>, <Rn:x>', bits: '1 0 0 11110 11 1 00 111 000000 Rn:5 Rd:5', feat: 'fp16' },
  { mn: 'fmov', ops: '<Rd:x>, <Rn:v.d>[1]', bits: '1 0 0 11110 10 1 01 110 000000 Rn:5 Rd:5' },
  { mn: 'fmov', ops: '<Rd:v.d>[1], <Rn:x>', bits: '1 0 0 11110 10 1 01 111 000000 Rn:5 Rd:5' },
  // FP -> integer with a rounding mode (rmode:opcode): n 00:00x, p 01:00x, m 10:00x, z 11:00x, a 00:10x; x = 0 signed, 1 unsigned
  ...GPRS.flatMap(([r, sf]) =>
    each((t, ft) =>
      (
        [
          ['fcvtns', '00', '000'],
          ['fcvtnu', '00', '001'],
          ['fcvtps', '01', '000'],
          ['fcvtpu', '01', '001'],
          ['fcvtms', '10', '000'],
          ['fcvtmu', '10', '001'],
          ['fcvtzs', '11', '000'],
          ['fcvtzu', '11', '001'],
          ['fcvtas', '00', '100'],
          ['fcvtau', '00', '101'],
        ] as const
      ).map(([mn, rmode, op]): Row => ({ mn, ops: `<Rd:${r}>, <Rn:${t}>`, bits: `${sf} 0 0 11110 ${ft} 1 ${rmode} ${op} 000000 Rn:5 Rd:5` })),
    ),
  ),
  // Integer -> FP: scvtf 00:010, ucvtf 00:011
  ...GPRS.flatMap(([r, sf]) =>
    each((t, ft) => [
      { mn: 'scvtf', ops: `<Rd:${t}>, <Rn:${r}>`, bits: `${sf} 0 0 11110 ${ft} 1 00 010 000000 Rn:5 Rd:5` },
      { mn: 'ucvtf', ops: `<Rd:${t}>, <Rn:${r}>`, bits: `${sf} 0 0 11110 ${ft} 1 00 011 000000 Rn:5 Rd:5` },
    ]),
  ),
  // Fixed point: sf 0 0 11110 ftype 0 rmode opcode scale Rn Rd, scale = 64 − fbits (fbits 1..32 for W, 1..64 for X)
  ...GPRS.flatMap(([r, sf]) =>
    each((t, ft) => {
      const fb = r === 'w' ? '1..32' : '1..64';
      return [
        { mn: 'fcvtzs', ops: `<Rd:${r}>, <Rn:${t}>, #<fbits:${fb}>`, bits: `${sf} 0 0 11110 ${ft} 0 11 000 scale:6 Rn:5 Rd:5`, set: 'scale=64 - fbits' },
        { mn: 'fcvtzu', ops: `<Rd:${r}>, <Rn:${t}>, #<fbits:${fb}>`, bits: `${sf} 0 0 11110 ${ft} 0 11 001 scale:6 Rn:5 Rd:5`, set: 'scale=64 - fbits' },
        { mn: 'scvtf', ops: `<Rd:${t}>, <Rn:${r}>, #<fbits:${fb}>`, bits: `${sf} 0 0 11110 ${ft} 0 00 010 scale:6 Rn:5 Rd:5`, set: 'scale=64 - fbits' },
        { mn: 'ucvtf', ops: `<Rd:${t}>, <Rn:${r}>, #<fbits:${fb}>`, bits: `${sf} 0 0 11110 ${ft} 0 00 011 scale:6 Rn:5 Rd:5`, set: 'scale=64 - fbits' },
      ];
    }),
  ),
  // FJCVTZS (FEAT_JSCVT, Armv8.3): JavaScript conversion of a double to a W register
  { mn: 'fjcvtzs', ops: '<Rd:w>, <Rn:d>', bits: '0 0 0 11110 01 1 11 110 000000 Rn:5 Rd:5', feat: 'v8.3a' },
];

/** FP/SIMD register loads and stores: class, `size` field, `opc` bits of a load (store = opc with bit 0 clear), byte size. */
const LDST = [
  ['b', '00', '01', 1],
  ['h', '01', '01', 2],
  ['s', '10', '01', 4],
  ['d', '11', '01', 8],
  ['q', '00', '11', 16],
] as const;

const loadStore: Row[] = LDST.flatMap(([t, size, ldopc, bytes]) => {
  const stopc = ldopc === '01' ? '00' : '10';
  const sh = Math.log2(bytes);
  const rows: Row[] = [];
  for (const [mn, opc, un] of [
    ['str', stopc, 'stur'],
    ['ldr', ldopc, 'ldur'],
  ] as const) {
    // Unsigned scaled offset: size 111 1 01 opc imm12 Rn Rt; an offset it cannot take goes to LDUR/STUR (as GNU as does)
    rows.push({ mn, ops: `<Rt:${t}>, [<Rn:xsp>{, #<imm12:u12${bytes > 1 ? `*${bytes}` : ''}>}]`, bits: `${size} 111 1 01 ${opc} imm12:12 Rn:5 Rt:5` });
    rows.push({ mn, ops: `<Rt:${t}>, [<Rn:xsp>, #<imm9:s9>]`, base: `${un}.${t}` });
    // Unscaled (… 00), pre-index (… 11), post-index (… 01): size 111 1 00 opc 0 imm9 xx Rn Rt
    rows.push({ mn: un, ops: `<Rt:${t}>, [<Rn:xsp>{, #<imm9:s9>}]`, bits: `${size} 111 1 00 ${opc} 0 imm9:9 00 Rn:5 Rt:5`, id: `${un}.${t}` });
    rows.push({ mn, ops: `<Rt:${t}>, [<Rn:xsp>, #<imm9:s9>]!`, bits: `${size} 111 1 00 ${opc} 0 imm9:9 11 Rn:5 Rt:5` });
    rows.push({ mn, ops: `<Rt:${t}>, [<Rn:xsp>], #<imm9:s9>`, bits: `${size} 111 1 00 ${opc} 0 imm9:9 01 Rn:5 Rt:5` });
    // Register offset: size 111 1 00 opc 1 Rm option S 10 Rn Rt; the shift is 0 or log2(size) (B: #0 given sets S)
    const amount = bytes === 1 ? '(0=1)' : `(0|${sh})`;
    const id = `${mn}.${t}.reg`;
    rows.push({ mn, ops: `<Rt:${t}>, [<Rn:xsp>, <Rm:w>, <option:(uxtw=2|sxtw=6)> {#<S:${amount}>}]`, bits: `${size} 111 1 00 ${opc} 1 Rm:5 option:3 S:1 10 Rn:5 Rt:5`, id });
    rows.push({ mn, ops: `<Rt:${t}>, [<Rn:xsp>, <Rm:x>{, lsl #<S:${amount}>}]`, base: id, set: 'option=3' });
    rows.push({ mn, ops: `<Rt:${t}>, [<Rn:xsp>, <Rm:x>, sxtx {#<S:${amount}>}]`, base: id, set: 'option=7' });
  }
  return rows;
});

/** Literal loads (opc 011 1 00 imm19 Rt) and pairs (opc 101 1 mode L imm7 Rt2 Rn Rt; mode 010 offset, 011 pre, 001 post, 000 non-temporal). */
const literalAndPairs: Row[] = [
  { mn: 'ldr', ops: '<Rt:s>, <imm19:@imm19>', bits: '00 011 1 00 imm19:19 Rt:5' },
  { mn: 'ldr', ops: '<Rt:d>, <imm19:@imm19>', bits: '01 011 1 00 imm19:19 Rt:5' },
  { mn: 'ldr', ops: '<Rt:q>, <imm19:@imm19>', bits: '10 011 1 00 imm19:19 Rt:5' },
  ...(
    [
      ['s', '00', 4],
      ['d', '01', 8],
      ['q', '10', 16],
    ] as const
  ).flatMap(([t, opc, bytes]): Row[] =>
    (
      [
        ['stp', '0'],
        ['ldp', '1'],
      ] as const
    ).flatMap(([mn, l]): Row[] => [
      { mn, ops: `<Rt:${t}>, <Rt2:${t}>, [<Rn:xsp>{, #<imm7:s7*${bytes}>}]`, bits: `${opc} 101 1 010 ${l} imm7:7 Rt2:5 Rn:5 Rt:5` },
      { mn, ops: `<Rt:${t}>, <Rt2:${t}>, [<Rn:xsp>, #<imm7:s7*${bytes}>]!`, bits: `${opc} 101 1 011 ${l} imm7:7 Rt2:5 Rn:5 Rt:5` },
      { mn, ops: `<Rt:${t}>, <Rt2:${t}>, [<Rn:xsp>], #<imm7:s7*${bytes}>`, bits: `${opc} 101 1 001 ${l} imm7:7 Rt2:5 Rn:5 Rt:5` },
      { mn: mn === 'stp' ? 'stnp' : 'ldnp', ops: `<Rt:${t}>, <Rt2:${t}>, [<Rn:xsp>{, #<imm7:s7*${bytes}>}]`, bits: `${opc} 101 1 000 ${l} imm7:7 Rt2:5 Rn:5 Rt:5` },
    ]),
  ),
];

export const fp: readonly Row[] = [...dataProcessing, ...conversions, ...loadStore, ...literalAndPairs];
