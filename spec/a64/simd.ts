// A64 Advanced SIMD (NEON) data processing with arrangements: integer and FP three-same, two-register
// miscellaneous, across lanes, pairwise, shifts by immediate, widening/narrowing, permutes, ext, table
// lookup, element copies (dup/ins/umov/smov and their mov aliases), modified immediates (movi/mvni/orr/
// bic/fmov), conversions, and a few scalar forms (addp, dup). Format: README.md. Loads and stores of
// structures are in simd-ldst.ts.
//
// Each helper below writes one instruction family (its layout in the comment) for a list of
// arrangements: `Q` is bit 30, `size` bits 23:22 as in the Arm ARM tables.
import type { Row } from './types.js';

/** Integer arrangements: Q bit and size field. */
const ARR = {
  '8b': ['0', '00'],
  '16b': ['1', '00'],
  '4h': ['0', '01'],
  '8h': ['1', '01'],
  '2s': ['0', '10'],
  '4s': ['1', '10'],
  '2d': ['1', '11'],
} as const;
type Arr = keyof typeof ARR;

const BHS: Arr[] = ['8b', '16b', '4h', '8h', '2s', '4s'];
const BHSD: Arr[] = [...BHS, '2d'];
const B: Arr[] = ['8b', '16b'];
const HS: Arr[] = ['4h', '8h', '2s', '4s'];

/** FP arrangements: Q bit, sz bit (bit 22), feature. Half precision has its own encodings (FP16 below). */
const FARR = [
  ['2s', '0', '0'],
  ['4s', '1', '0'],
  ['2d', '1', '1'],
] as const;
const HARR = [
  ['4h', '0'],
  ['8h', '1'],
] as const;

const q = (a: Arr) => ARR[a][0];
const sz = (a: Arr) => ARR[a][1];

/** Three registers, same arrangement: 0 Q U 01110 size 1 Rm opcode 1 Rn Rd. */
function same3(mn: string, u: string, opcode: string, arrs: readonly Arr[]): Row[] {
  return arrs.map((a) => ({ mn, ops: `<Rd:v.${a}>, <Rn:v.${a}>, <Rm:v.${a}>`, bits: `0 ${q(a)} ${u} 01110 ${sz(a)} 1 Rm:5 ${opcode} 1 Rn:5 Rd:5` }));
}

/** Logical three-same (8b/16b; `size` selects the operation): 0 Q U 01110 opc 1 Rm 00011 1 Rn Rd. */
function logic3(mn: string, u: string, opc: string): Row[] {
  return B.map((a) => ({ mn, ops: `<Rd:v.${a}>, <Rn:v.${a}>, <Rm:v.${a}>`, bits: `0 ${q(a)} ${u} 01110 ${opc} 1 Rm:5 00011 1 Rn:5 Rd:5`, id: `${mn}.${a}` }));
}

/** Two registers, same arrangement: 0 Q U 01110 size 10000 opcode 10 Rn Rd (with `#0` for compares against zero). */
function misc2(mn: string, u: string, opcode: string, arrs: readonly Arr[], zero = false): Row[] {
  return arrs.map((a) => ({ mn, ops: `<Rd:v.${a}>, <Rn:v.${a}>${zero ? ', #0' : ''}`, bits: `0 ${q(a)} ${u} 01110 ${sz(a)} 10000 ${opcode} 10 Rn:5 Rd:5` }));
}

/** FP three-same (single/double): 0 Q U 01110 a sz 1 Rm opcode 1 Rn Rd. */
function fsame3(mn: string, u: string, a: string, opcode: string): Row[] {
  return FARR.map(([t, qq, s]) => ({ mn, ops: `<Rd:v.${t}>, <Rn:v.${t}>, <Rm:v.${t}>`, bits: `0 ${qq} ${u} 01110 ${a} ${s} 1 Rm:5 ${opcode} 1 Rn:5 Rd:5` }));
}

/** FP16 three-same: 0 Q U 01110 a 10 Rm 00 opcode:3 1 Rn Rd. */
function hsame3(mn: string, u: string, a: string, opcode: string): Row[] {
  return HARR.map(([t, qq]) => ({ mn, ops: `<Rd:v.${t}>, <Rn:v.${t}>, <Rm:v.${t}>`, bits: `0 ${qq} ${u} 01110 ${a} 10 Rm:5 00 ${opcode} 1 Rn:5 Rd:5`, feat: 'fp16' }));
}

/** FP two-register misc (single/double): 0 Q U 01110 a sz 10000 opcode 10 Rn Rd; FP16: 0 Q U 01110 a 111100 opcode 10 Rn Rd. */
function fmisc2(mn: string, u: string, a: string, opcode: string, zero = false): Row[] {
  const z = zero ? ', #<zero:fzero>' : '';
  return [
    ...FARR.map(([t, qq, s]): Row => ({ mn, ops: `<Rd:v.${t}>, <Rn:v.${t}>${z}`, bits: `0 ${qq} ${u} 01110 ${a} ${s} 10000 ${opcode} 10 Rn:5 Rd:5` })),
    ...HARR.map(([t, qq]): Row => ({ mn, ops: `<Rd:v.${t}>, <Rn:v.${t}>${z}`, bits: `0 ${qq} ${u} 01110 ${a} 111100 ${opcode} 10 Rn:5 Rd:5`, feat: 'fp16' })),
  ];
}

const integer3: Row[] = [
  ...same3('add', '0', '10000', BHSD),
  ...same3('sub', '1', '10000', BHSD),
  ...same3('mul', '0', '10011', BHS),
  ...same3('pmul', '1', '10011', B),
  ...same3('mla', '0', '10010', BHS),
  ...same3('mls', '1', '10010', BHS),
  ...same3('cmeq', '1', '10001', BHSD),
  ...same3('cmtst', '0', '10001', BHSD),
  ...same3('cmgt', '0', '00110', BHSD),
  ...same3('cmge', '0', '00111', BHSD),
  ...same3('cmhi', '1', '00110', BHSD),
  ...same3('cmhs', '1', '00111', BHSD),
  ...same3('sshl', '0', '01000', BHSD),
  ...same3('ushl', '1', '01000', BHSD),
  ...same3('srshl', '0', '01010', BHSD),
  ...same3('urshl', '1', '01010', BHSD),
  ...same3('sqshl', '0', '01001', BHSD),
  ...same3('uqshl', '1', '01001', BHSD),
  ...same3('sqrshl', '0', '01011', BHSD),
  ...same3('uqrshl', '1', '01011', BHSD),
  ...same3('sqadd', '0', '00001', BHSD),
  ...same3('uqadd', '1', '00001', BHSD),
  ...same3('sqsub', '0', '00101', BHSD),
  ...same3('uqsub', '1', '00101', BHSD),
  ...same3('shadd', '0', '00000', BHS),
  ...same3('uhadd', '1', '00000', BHS),
  ...same3('srhadd', '0', '00010', BHS),
  ...same3('urhadd', '1', '00010', BHS),
  ...same3('shsub', '0', '00100', BHS),
  ...same3('uhsub', '1', '00100', BHS),
  ...same3('smax', '0', '01100', BHS),
  ...same3('umax', '1', '01100', BHS),
  ...same3('smin', '0', '01101', BHS),
  ...same3('umin', '1', '01101', BHS),
  ...same3('sabd', '0', '01110', BHS),
  ...same3('uabd', '1', '01110', BHS),
  ...same3('saba', '0', '01111', BHS),
  ...same3('uaba', '1', '01111', BHS),
  ...same3('smaxp', '0', '10100', BHS),
  ...same3('umaxp', '1', '10100', BHS),
  ...same3('sminp', '0', '10101', BHS),
  ...same3('uminp', '1', '10101', BHS),
  ...same3('addp', '0', '10111', BHSD),
  ...same3('sqdmulh', '0', '10110', HS),
  ...same3('sqrdmulh', '1', '10110', HS),
  // Logical: and bic orr orn (U = 0, size 00..11), eor bsl bit bif (U = 1)
  ...logic3('and', '0', '00'),
  ...logic3('bic', '0', '01'),
  ...logic3('orr', '0', '10'),
  ...logic3('orn', '0', '11'),
  ...logic3('eor', '1', '00'),
  ...logic3('bsl', '1', '01'),
  ...logic3('bit', '1', '10'),
  ...logic3('bif', '1', '11'),
  // MOV (vector) = ORR Vd, Vn, Vn
  ...B.map((a): Row => ({ mn: 'mov', ops: `<Rd:v.${a}>, <Rn:v.${a}>`, base: `orr.${a}`, set: 'Rm=Rn' })),
];

const integer2: Row[] = [
  ...misc2('abs', '0', '01011', BHSD),
  ...misc2('neg', '1', '01011', BHSD),
  ...misc2('sqabs', '0', '00111', BHSD),
  ...misc2('sqneg', '1', '00111', BHSD),
  ...misc2('suqadd', '0', '00011', BHSD),
  ...misc2('usqadd', '1', '00011', BHSD),
  ...misc2('cls', '0', '00100', BHS),
  ...misc2('clz', '1', '00100', BHS),
  ...misc2('cnt', '0', '00101', B),
  ...misc2('rev64', '0', '00000', BHS),
  ...misc2('rev32', '1', '00000', ['8b', '16b', '4h', '8h']),
  ...misc2('rev16', '0', '00001', B),
  // Compare against zero: cmgt 0:01000, cmeq 0:01001, cmlt 0:01010, cmge 1:01000, cmle 1:01001
  ...misc2('cmgt', '0', '01000', BHSD, true),
  ...misc2('cmeq', '0', '01001', BHSD, true),
  ...misc2('cmlt', '0', '01010', BHSD, true),
  ...misc2('cmge', '1', '01000', BHSD, true),
  ...misc2('cmle', '1', '01001', BHSD, true),
  // NOT (MVN) and RBIT: U = 1, opcode 00101, size 00 / 01, bytes only
  ...B.map((a): Row => ({ mn: 'not', ops: `<Rd:v.${a}>, <Rn:v.${a}>`, bits: `0 ${q(a)} 1 01110 00 10000 00101 10 Rn:5 Rd:5`, id: `not.${a}` })),
  ...B.map((a): Row => ({ mn: 'mvn', ops: `<Rd:v.${a}>, <Rn:v.${a}>`, base: `not.${a}` })),
  ...B.map((a): Row => ({ mn: 'rbit', ops: `<Rd:v.${a}>, <Rn:v.${a}>`, bits: `0 ${q(a)} 1 01110 01 10000 00101 10 Rn:5 Rd:5` })),
];

/** Wide (Ta) and narrow (Tb) arrangements of widening / narrowing forms: Q = 0 for the low half, 1 for the `2` form. */
const WIDEN = [
  ['8h', '8b', '16b', '00'],
  ['4s', '4h', '8h', '01'],
  ['2d', '2s', '4s', '10'],
] as const;

const widenNarrow: Row[] = [
  // XTN / SQXTN / UQXTN / SQXTUN (2-reg misc, narrowing): 0 Q U 01110 size 10000 opcode 10 Rn Rd; Rd.Tb, Rn.Ta
  ...(
    [
      ['xtn', '0', '10010'],
      ['sqxtn', '0', '10100'],
      ['uqxtn', '1', '10100'],
      ['sqxtun', '1', '10010'],
    ] as const
  ).flatMap(([mn, u, op]) =>
    WIDEN.flatMap(([wide, lo, hi, s]): Row[] => [
      { mn, ops: `<Rd:v.${lo}>, <Rn:v.${wide}>`, bits: `0 0 ${u} 01110 ${s} 10000 ${op} 10 Rn:5 Rd:5` },
      { mn: `${mn}2`, ops: `<Rd:v.${hi}>, <Rn:v.${wide}>`, bits: `0 1 ${u} 01110 ${s} 10000 ${op} 10 Rn:5 Rd:5` },
    ]),
  ),
  // SHLL / SHLL2 (shift left long by the element size): 0 Q 1 01110 size 10000 10011 10 Rn Rd
  ...WIDEN.flatMap(([wide, lo, hi, s], i): Row[] => [
    { mn: 'shll', ops: `<Rd:v.${wide}>, <Rn:v.${lo}>, #${8 << i}`, bits: `0 0 1 01110 ${s} 10000 10011 10 Rn:5 Rd:5` },
    { mn: 'shll2', ops: `<Rd:v.${wide}>, <Rn:v.${hi}>, #${8 << i}`, bits: `0 1 1 01110 ${s} 10000 10011 10 Rn:5 Rd:5` },
  ]),
  // SADDLP / UADDLP / SADALP / UADALP (pairwise long): Rd.Ta, Rn.Tb with the same Q
  ...(
    [
      ['saddlp', '0', '00010'],
      ['uaddlp', '1', '00010'],
      ['sadalp', '0', '00110'],
      ['uadalp', '1', '00110'],
    ] as const
  ).flatMap(([mn, u, op]) =>
    (
      [
        ['4h', '8b', '0', '00'],
        ['8h', '16b', '1', '00'],
        ['2s', '4h', '0', '01'],
        ['4s', '8h', '1', '01'],
        ['1d', '2s', '0', '10'],
        ['2d', '4s', '1', '10'],
      ] as const
    ).map(([d, n, qq, s]): Row => ({ mn, ops: `<Rd:v.${d}>, <Rn:v.${n}>`, bits: `0 ${qq} ${u} 01110 ${s} 10000 ${op} 10 Rn:5 Rd:5` })),
  ),
  // Three different (long: Rd.Ta, Rn.Tb, Rm.Tb; wide: Rd.Ta, Rn.Ta, Rm.Tb; narrow high: Rd.Tb, Rn.Ta, Rm.Ta): 0 Q U 01110 size 1 Rm opcode 00 Rn Rd
  ...(
    [
      ['saddl', '0', '0000', 'l'],
      ['uaddl', '1', '0000', 'l'],
      ['saddw', '0', '0001', 'w'],
      ['uaddw', '1', '0001', 'w'],
      ['ssubl', '0', '0010', 'l'],
      ['usubl', '1', '0010', 'l'],
      ['ssubw', '0', '0011', 'w'],
      ['usubw', '1', '0011', 'w'],
      ['addhn', '0', '0100', 'n'],
      ['raddhn', '1', '0100', 'n'],
      ['sabal', '0', '0101', 'l'],
      ['uabal', '1', '0101', 'l'],
      ['subhn', '0', '0110', 'n'],
      ['rsubhn', '1', '0110', 'n'],
      ['sabdl', '0', '0111', 'l'],
      ['uabdl', '1', '0111', 'l'],
      ['smlal', '0', '1000', 'l'],
      ['umlal', '1', '1000', 'l'],
      ['smlsl', '0', '1010', 'l'],
      ['umlsl', '1', '1010', 'l'],
      ['smull', '0', '1100', 'l'],
      ['umull', '1', '1100', 'l'],
    ] as const
  ).flatMap(([mn, u, op, kind]) =>
    WIDEN.flatMap(([wide, lo, hi, s]): Row[] =>
      (
        [
          [mn, '0', lo],
          [`${mn}2`, '1', hi],
        ] as const
      ).map(([m, qq, half]): Row => {
        const ops = kind === 'l' ? `<Rd:v.${wide}>, <Rn:v.${half}>, <Rm:v.${half}>` : kind === 'w' ? `<Rd:v.${wide}>, <Rn:v.${wide}>, <Rm:v.${half}>` : `<Rd:v.${half}>, <Rn:v.${wide}>, <Rm:v.${wide}>`;
        return { mn: m, ops, bits: `0 ${qq} ${u} 01110 ${s} 1 Rm:5 ${op} 00 Rn:5 Rd:5` };
      }),
    ),
  ),
];

/** Element sizes: arrangement letters, immh:immb base (esize) and the arrangements per Q. */
const SHIFT_ARR = [
  ['8b', '0', 8],
  ['16b', '1', 8],
  ['4h', '0', 16],
  ['8h', '1', 16],
  ['2s', '0', 32],
  ['4s', '1', 32],
  ['2d', '1', 64],
] as const;

/** Shift by immediate: 0 Q U 011110 immh:immb opcode 1 Rn Rd; left: immh:immb = esize + shift, right: 2·esize − shift. */
function shiftImm(mn: string, u: string, opcode: string, dir: 'l' | 'r'): Row[] {
  return SHIFT_ARR.map(([a, qq, es]): Row => {
    const range = dir === 'l' ? `0..${es - 1}` : `1..${es}`;
    return { mn, ops: `<Rd:v.${a}>, <Rn:v.${a}>, #<shift:${range}>`, bits: `0 ${qq} ${u} 011110 ih:7 ${opcode} 1 Rn:5 Rd:5`, set: dir === 'l' ? `ih=${es} + shift` : `ih=${2 * es} - shift` };
  });
}

const shifts: Row[] = [
  ...shiftImm('shl', '0', '01010', 'l'),
  ...shiftImm('sli', '1', '01010', 'l'),
  ...shiftImm('sqshl', '0', '01110', 'l'),
  ...shiftImm('uqshl', '1', '01110', 'l'),
  ...shiftImm('sqshlu', '1', '01100', 'l'),
  ...shiftImm('sshr', '0', '00000', 'r'),
  ...shiftImm('ushr', '1', '00000', 'r'),
  ...shiftImm('ssra', '0', '00010', 'r'),
  ...shiftImm('usra', '1', '00010', 'r'),
  ...shiftImm('srshr', '0', '00100', 'r'),
  ...shiftImm('urshr', '1', '00100', 'r'),
  ...shiftImm('srsra', '0', '00110', 'r'),
  ...shiftImm('ursra', '1', '00110', 'r'),
  ...shiftImm('sri', '1', '01000', 'r'),
  // SSHLL / USHLL (long, Rd.Ta, Rn.Tb, shift 0..esize−1; immh:immb = esize + shift); SXTL / UXTL = shift #0
  ...(
    [
      ['sshll', 'sxtl', '0'],
      ['ushll', 'uxtl', '1'],
    ] as const
  ).flatMap(([mn, ext, u]) =>
    WIDEN.flatMap(([wide, lo, hi], i): Row[] => {
      const es = 8 << i;
      return [
        { mn, ops: `<Rd:v.${wide}>, <Rn:v.${lo}>, #<shift:0..${es - 1}>`, bits: `0 0 ${u} 011110 ih:7 10100 1 Rn:5 Rd:5`, set: `ih=${es} + shift`, id: `${mn}.${wide}` },
        { mn: `${mn}2`, ops: `<Rd:v.${wide}>, <Rn:v.${hi}>, #<shift:0..${es - 1}>`, bits: `0 1 ${u} 011110 ih:7 10100 1 Rn:5 Rd:5`, set: `ih=${es} + shift`, id: `${mn}2.${wide}` },
        { mn: ext, ops: `<Rd:v.${wide}>, <Rn:v.${lo}>`, base: `${mn}.${wide}`, set: `ih=${es}` },
        { mn: `${ext}2`, ops: `<Rd:v.${wide}>, <Rn:v.${hi}>`, base: `${mn}2.${wide}`, set: `ih=${es}` },
      ];
    }),
  ),
  // Narrowing right shifts (Rd.Tb, Rn.Ta, shift 1..esize of the narrow element; immh:immb = 2·esize − shift)
  ...(
    [
      ['shrn', '0', '10000'],
      ['rshrn', '0', '10001'],
      ['sqshrn', '0', '10010'],
      ['sqrshrn', '0', '10011'],
      ['uqshrn', '1', '10010'],
      ['uqrshrn', '1', '10011'],
      ['sqshrun', '1', '10000'],
      ['sqrshrun', '1', '10001'],
    ] as const
  ).flatMap(([mn, u, op]) =>
    WIDEN.flatMap(([wide, lo, hi], i): Row[] => {
      const es = 8 << i;
      return [
        { mn, ops: `<Rd:v.${lo}>, <Rn:v.${wide}>, #<shift:1..${es}>`, bits: `0 0 ${u} 011110 ih:7 ${op} 1 Rn:5 Rd:5`, set: `ih=${2 * es} - shift` },
        { mn: `${mn}2`, ops: `<Rd:v.${hi}>, <Rn:v.${wide}>, #<shift:1..${es}>`, bits: `0 1 ${u} 011110 ih:7 ${op} 1 Rn:5 Rd:5`, set: `ih=${2 * es} - shift` },
      ];
    }),
  ),
];

const fp3: Row[] = [
  ...fsame3('fadd', '0', '0', '11010'),
  ...fsame3('fsub', '0', '1', '11010'),
  ...fsame3('fmul', '1', '0', '11011'),
  ...fsame3('fdiv', '1', '0', '11111'),
  ...fsame3('fmax', '0', '0', '11110'),
  ...fsame3('fmin', '0', '1', '11110'),
  ...fsame3('fmaxnm', '0', '0', '11000'),
  ...fsame3('fminnm', '0', '1', '11000'),
  ...fsame3('fmla', '0', '0', '11001'),
  ...fsame3('fmls', '0', '1', '11001'),
  ...fsame3('fmulx', '0', '0', '11011'),
  ...fsame3('frecps', '0', '0', '11111'),
  ...fsame3('frsqrts', '0', '1', '11111'),
  ...fsame3('fabd', '1', '1', '11010'),
  ...fsame3('faddp', '1', '0', '11010'),
  ...fsame3('fmaxp', '1', '0', '11110'),
  ...fsame3('fminp', '1', '1', '11110'),
  ...fsame3('fmaxnmp', '1', '0', '11000'),
  ...fsame3('fminnmp', '1', '1', '11000'),
  ...fsame3('fcmeq', '0', '0', '11100'),
  ...fsame3('fcmge', '1', '0', '11100'),
  ...fsame3('fcmgt', '1', '1', '11100'),
  ...fsame3('facge', '1', '0', '11101'),
  ...fsame3('facgt', '1', '1', '11101'),
  // Half precision (FEAT_FP16)
  ...hsame3('fmaxnm', '0', '0', '000'),
  ...hsame3('fmla', '0', '0', '001'),
  ...hsame3('fadd', '0', '0', '010'),
  ...hsame3('fmulx', '0', '0', '011'),
  ...hsame3('fcmeq', '0', '0', '100'),
  ...hsame3('fmax', '0', '0', '110'),
  ...hsame3('frecps', '0', '0', '111'),
  ...hsame3('fminnm', '0', '1', '000'),
  ...hsame3('fmls', '0', '1', '001'),
  ...hsame3('fsub', '0', '1', '010'),
  ...hsame3('fmin', '0', '1', '110'),
  ...hsame3('frsqrts', '0', '1', '111'),
  ...hsame3('fmaxnmp', '1', '0', '000'),
  ...hsame3('faddp', '1', '0', '010'),
  ...hsame3('fmul', '1', '0', '011'),
  ...hsame3('fcmge', '1', '0', '100'),
  ...hsame3('facge', '1', '0', '101'),
  ...hsame3('fmaxp', '1', '0', '110'),
  ...hsame3('fdiv', '1', '0', '111'),
  ...hsame3('fminnmp', '1', '1', '000'),
  ...hsame3('fabd', '1', '1', '010'),
  ...hsame3('fcmgt', '1', '1', '100'),
  ...hsame3('facgt', '1', '1', '101'),
  ...hsame3('fminp', '1', '1', '110'),
];

const fp2: Row[] = [
  ...fmisc2('fabs', '0', '1', '01111'),
  ...fmisc2('fneg', '1', '1', '01111'),
  ...fmisc2('fsqrt', '1', '1', '11111'),
  ...fmisc2('frecpe', '0', '1', '11101'),
  ...fmisc2('frsqrte', '1', '1', '11101'),
  ...fmisc2('frintn', '0', '0', '11000'),
  ...fmisc2('frintm', '0', '0', '11001'),
  ...fmisc2('frintp', '0', '1', '11000'),
  ...fmisc2('frintz', '0', '1', '11001'),
  ...fmisc2('frinta', '1', '0', '11000'),
  ...fmisc2('frintx', '1', '0', '11001'),
  ...fmisc2('frinti', '1', '1', '11001'),
  ...fmisc2('fcvtns', '0', '0', '11010'),
  ...fmisc2('fcvtnu', '1', '0', '11010'),
  ...fmisc2('fcvtms', '0', '0', '11011'),
  ...fmisc2('fcvtmu', '1', '0', '11011'),
  ...fmisc2('fcvtas', '0', '0', '11100'),
  ...fmisc2('fcvtau', '1', '0', '11100'),
  ...fmisc2('fcvtps', '0', '1', '11010'),
  ...fmisc2('fcvtpu', '1', '1', '11010'),
  ...fmisc2('fcvtzs', '0', '1', '11011'),
  ...fmisc2('fcvtzu', '1', '1', '11011'),
  ...fmisc2('scvtf', '0', '0', '11101'),
  ...fmisc2('ucvtf', '1', '0', '11101'),
  // Compare against zero
  ...fmisc2('fcmgt', '0', '1', '01100', true),
  ...fmisc2('fcmeq', '0', '1', '01101', true),
  ...fmisc2('fcmlt', '0', '1', '01110', true),
  ...fmisc2('fcmge', '1', '1', '01100', true),
  ...fmisc2('fcmle', '1', '1', '01101', true),
  // URECPE / URSQRTE (2s/4s): sz = 0
  { mn: 'urecpe', ops: '<Rd:v.2s>, <Rn:v.2s>', bits: '0 0 0 01110 1 0 10000 11100 10 Rn:5 Rd:5' },
  { mn: 'urecpe', ops: '<Rd:v.4s>, <Rn:v.4s>', bits: '0 1 0 01110 1 0 10000 11100 10 Rn:5 Rd:5' },
  { mn: 'ursqrte', ops: '<Rd:v.2s>, <Rn:v.2s>', bits: '0 0 1 01110 1 0 10000 11100 10 Rn:5 Rd:5' },
  { mn: 'ursqrte', ops: '<Rd:v.4s>, <Rn:v.4s>', bits: '0 1 1 01110 1 0 10000 11100 10 Rn:5 Rd:5' },
  // FCVTN / FCVTL (precision narrowing / widening): 0 Q 0 01110 0 sz 10000 1011x 10 Rn Rd; FCVTXN (2s <- 2d): U = 1
  { mn: 'fcvtn', ops: '<Rd:v.4h>, <Rn:v.4s>', bits: '0 0 0 01110 0 0 10000 10110 10 Rn:5 Rd:5' },
  { mn: 'fcvtn2', ops: '<Rd:v.8h>, <Rn:v.4s>', bits: '0 1 0 01110 0 0 10000 10110 10 Rn:5 Rd:5' },
  { mn: 'fcvtn', ops: '<Rd:v.2s>, <Rn:v.2d>', bits: '0 0 0 01110 0 1 10000 10110 10 Rn:5 Rd:5' },
  { mn: 'fcvtn2', ops: '<Rd:v.4s>, <Rn:v.2d>', bits: '0 1 0 01110 0 1 10000 10110 10 Rn:5 Rd:5' },
  { mn: 'fcvtl', ops: '<Rd:v.4s>, <Rn:v.4h>', bits: '0 0 0 01110 0 0 10000 10111 10 Rn:5 Rd:5' },
  { mn: 'fcvtl2', ops: '<Rd:v.4s>, <Rn:v.8h>', bits: '0 1 0 01110 0 0 10000 10111 10 Rn:5 Rd:5' },
  { mn: 'fcvtl', ops: '<Rd:v.2d>, <Rn:v.2s>', bits: '0 0 0 01110 0 1 10000 10111 10 Rn:5 Rd:5' },
  { mn: 'fcvtl2', ops: '<Rd:v.2d>, <Rn:v.4s>', bits: '0 1 0 01110 0 1 10000 10111 10 Rn:5 Rd:5' },
  { mn: 'fcvtxn', ops: '<Rd:v.2s>, <Rn:v.2d>', bits: '0 0 1 01110 0 1 10000 10110 10 Rn:5 Rd:5' },
  { mn: 'fcvtxn2', ops: '<Rd:v.4s>, <Rn:v.2d>', bits: '0 1 1 01110 0 1 10000 10110 10 Rn:5 Rd:5' },
  // Fixed-point conversions (shift by immediate, immh:immb = 2·esize − fbits): scvtf 0:11100, ucvtf 1:11100, fcvtzs 0:11111, fcvtzu 1:11111
  ...(
    [
      ['scvtf', '0', '11100'],
      ['ucvtf', '1', '11100'],
      ['fcvtzs', '0', '11111'],
      ['fcvtzu', '1', '11111'],
    ] as const
  ).flatMap(([mn, u, op]) =>
    (
      [
        ['4h', '0', 16, 'fp16'],
        ['8h', '1', 16, 'fp16'],
        ['2s', '0', 32, undefined],
        ['4s', '1', 32, undefined],
        ['2d', '1', 64, undefined],
      ] as const
    ).map(([a, qq, es, feat]): Row => ({ mn, ops: `<Rd:v.${a}>, <Rn:v.${a}>, #<fbits:1..${es}>`, bits: `0 ${qq} ${u} 011110 ih:7 ${op} 1 Rn:5 Rd:5`, set: `ih=${2 * es} - fbits`, ...(feat ? { feat } : {}) })),
  ),
];

/** Scalar destination of an across-lanes reduction per source arrangement. */
const ACROSS = [
  ['8b', 'b', 'h'],
  ['16b', 'b', 'h'],
  ['4h', 'h', 's'],
  ['8h', 'h', 's'],
  ['4s', 's', 'd'],
] as const;

const across: Row[] = [
  // Across lanes: 0 Q U 01110 size 11000 opcode 10 Rn Rd (Vd is a scalar of the element size, or twice it for the long sums)
  ...(
    [
      ['addv', '0', '11011', false],
      ['smaxv', '0', '01010', false],
      ['sminv', '0', '11010', false],
      ['umaxv', '1', '01010', false],
      ['uminv', '1', '11010', false],
      ['saddlv', '0', '00011', true],
      ['uaddlv', '1', '00011', true],
    ] as const
  ).flatMap(([mn, u, op, long]) => ACROSS.map(([a, e, l]): Row => ({ mn, ops: `<Rd:${long ? l : e}>, <Rn:v.${a}>`, bits: `0 ${q(a)} ${u} 01110 ${sz(a)} 11000 ${op} 10 Rn:5 Rd:5` }))),
  // FP across lanes (4s; 4h/8h with FP16): 0 Q 1 01110 a 0 11000 opcode 10 Rn Rd / 0 Q 0 01110 a 0 11000 opcode 10 Rn Rd
  ...(
    [
      ['fmaxnmv', '0', '01100'],
      ['fminnmv', '1', '01100'],
      ['fmaxv', '0', '01111'],
      ['fminv', '1', '01111'],
    ] as const
  ).flatMap(([mn, a, op]): Row[] => [
    { mn, ops: '<Rd:s>, <Rn:v.4s>', bits: `0 1 1 01110 ${a} 0 11000 ${op} 10 Rn:5 Rd:5` },
    { mn, ops: '<Rd:h>, <Rn:v.4h>', bits: `0 0 0 01110 ${a} 0 11000 ${op} 10 Rn:5 Rd:5`, feat: 'fp16' },
    { mn, ops: '<Rd:h>, <Rn:v.8h>', bits: `0 1 0 01110 ${a} 0 11000 ${op} 10 Rn:5 Rd:5`, feat: 'fp16' },
  ]),
  // Scalar pairwise: ADDP Dd, Vn.2d (01 0 11110 11 11000 11011 10 Rn Rd); FADDP/FMAXP/… Sd, Vn.2s / Dd, Vn.2d / Hd, Vn.2h
  { mn: 'addp', ops: '<Rd:d>, <Rn:v.2d>', bits: '01 0 11110 11 11000 11011 10 Rn:5 Rd:5' },
  ...(
    [
      ['fmaxnmp', '0', '01100'],
      ['faddp', '0', '01101'],
      ['fmaxp', '0', '01111'],
      ['fminnmp', '1', '01100'],
      ['fminp', '1', '01111'],
    ] as const
  ).flatMap(([mn, a, op]): Row[] => [
    { mn, ops: '<Rd:s>, <Rn:v.2s>', bits: `01 1 11110 ${a} 0 11000 ${op} 10 Rn:5 Rd:5` },
    { mn, ops: '<Rd:d>, <Rn:v.2d>', bits: `01 1 11110 ${a} 1 11000 ${op} 10 Rn:5 Rd:5` },
    { mn, ops: '<Rd:h>, <Rn:v.2h>', bits: `01 0 11110 ${a} 0 11000 ${op} 10 Rn:5 Rd:5`, feat: 'fp16' },
  ]),
];

const permute: Row[] = [
  // UZP1 001, TRN1 010, ZIP1 011, UZP2 101, TRN2 110, ZIP2 111: 0 Q 0 01110 size 0 Rm 0 opcode 10 Rn Rd
  ...(
    [
      ['uzp1', '001'],
      ['trn1', '010'],
      ['zip1', '011'],
      ['uzp2', '101'],
      ['trn2', '110'],
      ['zip2', '111'],
    ] as const
  ).flatMap(([mn, op]) => BHSD.map((a): Row => ({ mn, ops: `<Rd:v.${a}>, <Rn:v.${a}>, <Rm:v.${a}>`, bits: `0 ${q(a)} 0 01110 ${sz(a)} 0 Rm:5 0 ${op} 10 Rn:5 Rd:5` }))),
  // EXT: 0 Q 101110 00 0 Rm 0 imm4 0 Rn Rd (byte index 0..7 for 8b, 0..15 for 16b)
  { mn: 'ext', ops: '<Rd:v.8b>, <Rn:v.8b>, <Rm:v.8b>, #<imm4:0..7>', bits: '0 0 101110 00 0 Rm:5 0 imm4:4 0 Rn:5 Rd:5' },
  { mn: 'ext', ops: '<Rd:v.16b>, <Rn:v.16b>, <Rm:v.16b>, #<imm4:u4>', bits: '0 1 101110 00 0 Rm:5 0 imm4:4 0 Rn:5 Rd:5' },
  // TBL / TBX: 0 Q 001110 00 0 Rm 0 len op 00 Rn Rd, a list of 1–4 table registers (16b)
  ...(
    [
      ['tbl', '0'],
      ['tbx', '1'],
    ] as const
  ).flatMap(([mn, op]) =>
    [1, 2, 3, 4].flatMap((n) =>
      B.map((a): Row => ({ mn, ops: `<Rd:v.${a}>, <Rn:vl${n}.16b>, <Rm:v.${a}>`, bits: `0 ${q(a)} 001110 00 0 Rm:5 0 ${(n - 1).toString(2).padStart(2, '0')} ${op} 00 Rn:5 Rd:5` })),
    ),
  ),
];

/** Element sizes of copies: letter, index range type, imm5 = (index << shift) | marker. */
const ELEM = [
  ['b', 'u4', 1, 1],
  ['h', 'u3', 2, 2],
  ['s', 'u2', 3, 4],
  ['d', 'u1', 4, 8],
] as const;

const copies: Row[] = [
  // DUP (element): 0 Q 0 01110000 imm5 0 0000 1 Rn Rd; scalar DUP (= MOV Vd, Vn.T[i]): 01 0 11110000 imm5 0 0000 1 Rn Rd
  ...ELEM.flatMap(([e, idx, sh, mark]): Row[] =>
    (Object.keys(ARR) as Arr[])
      .filter((a) => a.endsWith(e))
      .map((a): Row => ({ mn: 'dup', ops: `<Rd:v.${a}>, <Rn:v.${e}>[<i:${idx}>]`, bits: `0 ${q(a)} 0 01110000 imm5:5 0 0000 1 Rn:5 Rd:5`, set: `imm5=(i << ${sh}) | ${mark}` })),
  ),
  ...ELEM.flatMap(([e, idx, sh, mark]): Row[] => [
    { mn: 'dup', ops: `<Rd:${e}>, <Rn:v.${e}>[<i:${idx}>]`, bits: '01 0 11110000 imm5:5 0 0000 1 Rn:5 Rd:5', set: `imm5=(i << ${sh}) | ${mark}`, id: `dup.${e}.scalar` },
    { mn: 'mov', ops: `<Rd:${e}>, <Rn:v.${e}>[<i:${idx}>]`, base: `dup.${e}.scalar`, set: `imm5=(i << ${sh}) | ${mark}` },
  ]),
  // DUP (general): 0 Q 0 01110000 imm5 0 0001 1 Rn Rd (Wn for b/h/s, Xn for d)
  ...ELEM.flatMap(([e, , , mark]): Row[] =>
    (Object.keys(ARR) as Arr[])
      .filter((a) => a.endsWith(e))
      .map((a): Row => ({ mn: 'dup', ops: `<Rd:v.${a}>, <Rn:${e === 'd' ? 'x' : 'w'}>`, bits: `0 ${q(a)} 0 01110000 ${mark.toString(2).padStart(5, '0')} 0 0001 1 Rn:5 Rd:5` })),
  ),
  // INS (general) = MOV Vd.T[i], Rn: 0 1 0 01110000 imm5 0 0011 1 Rn Rd
  ...ELEM.flatMap(([e, idx, sh, mark]): Row[] => [
    { mn: 'ins', ops: `<Rd:v.${e}>[<i:${idx}>], <Rn:${e === 'd' ? 'x' : 'w'}>`, bits: '0 1 0 01110000 imm5:5 0 0011 1 Rn:5 Rd:5', set: `imm5=(i << ${sh}) | ${mark}`, id: `ins.${e}.gen` },
    { mn: 'mov', ops: `<Rd:v.${e}>[<i:${idx}>], <Rn:${e === 'd' ? 'x' : 'w'}>`, base: `ins.${e}.gen`, set: `imm5=(i << ${sh}) | ${mark}` },
  ]),
  // INS (element) = MOV Vd.T[i], Vn.T[j]: 0 1 1 01110000 imm5 0 imm4 1 Rn Rd, imm4 = j << (shift − 1)
  ...ELEM.flatMap(([e, idx, sh, mark]): Row[] => [
    { mn: 'ins', ops: `<Rd:v.${e}>[<i:${idx}>], <Rn:v.${e}>[<j:${idx}>]`, bits: '0 1 1 01110000 imm5:5 0 imm4:4 1 Rn:5 Rd:5', set: `imm5=(i << ${sh}) | ${mark}, imm4=j << ${sh - 1}`, id: `ins.${e}.elem` },
    { mn: 'mov', ops: `<Rd:v.${e}>[<i:${idx}>], <Rn:v.${e}>[<j:${idx}>]`, base: `ins.${e}.elem`, set: `imm5=(i << ${sh}) | ${mark}, imm4=j << ${sh - 1}` },
  ]),
  // UMOV: 0 Q 0 01110000 imm5 0 0111 1 Rn Rd (Wd for b/h/s with Q = 0, Xd for d with Q = 1); MOV is the alias for s and d
  ...ELEM.flatMap(([e, idx, sh, mark]): Row[] => {
    const wide = e === 'd';
    const rows: Row[] = [{ mn: 'umov', ops: `<Rd:${wide ? 'x' : 'w'}>, <Rn:v.${e}>[<i:${idx}>]`, bits: `0 ${wide ? 1 : 0} 0 01110000 imm5:5 0 0111 1 Rn:5 Rd:5`, set: `imm5=(i << ${sh}) | ${mark}`, id: `umov.${e}` }];
    if (e === 's' || e === 'd') rows.push({ mn: 'mov', ops: `<Rd:${wide ? 'x' : 'w'}>, <Rn:v.${e}>[<i:${idx}>]`, base: `umov.${e}`, set: `imm5=(i << ${sh}) | ${mark}` });
    return rows;
  }),
  // SMOV: 0 Q 0 01110000 imm5 0 0101 1 Rn Rd (Wd: b, h; Xd: b, h, s)
  ...ELEM.filter(([e]) => e !== 'd').flatMap(([e, idx, sh, mark]): Row[] => [
    ...(e !== 's' ? [{ mn: 'smov', ops: `<Rd:w>, <Rn:v.${e}>[<i:${idx}>]`, bits: '0 0 0 01110000 imm5:5 0 0101 1 Rn:5 Rd:5', set: `imm5=(i << ${sh}) | ${mark}` }] : []),
    { mn: 'smov', ops: `<Rd:x>, <Rn:v.${e}>[<i:${idx}>]`, bits: '0 1 0 01110000 imm5:5 0 0101 1 Rn:5 Rd:5', set: `imm5=(i << ${sh}) | ${mark}` },
  ]),
];

/** Modified immediate: 0 Q op 0111100000 a b c cmode o2 1 d e f g h Rd (abc.defgh = the 8-bit value). */
function modImm(mn: string, ops: (a: string) => string, arrs: readonly Arr[], op: string, cmode: string, set?: string): Row[] {
  return arrs.map((a): Row => ({ mn, ops: ops(a), bits: `0 ${q(a)} ${op} 0111100000 abc:3 ${cmode} 0 1 defgh:5 Rd:5`, ...(set ? { set } : {}) }));
}

const immediates: Row[] = [
  // MOVI 8-bit (cmode 1110), 16-bit shifted (10s0), 32-bit shifted (0ss0), 32-bit shifting ones (110s)
  ...modImm('movi', (a) => `<Rd:v.${a}>, #<abc.defgh:u8>`, B, '0', '1110'),
  ...modImm('movi', (a) => `<Rd:v.${a}>, #<abc.defgh:u8>{, lsl #<s:(0|8)>}`, ['4h', '8h'], '0', '10 s:1 0'),
  ...modImm('movi', (a) => `<Rd:v.${a}>, #<abc.defgh:u8>{, lsl #<s:(0|8|16|24)>}`, ['2s', '4s'], '0', '0 s:2 0'),
  ...modImm('movi', (a) => `<Rd:v.${a}>, #<abc.defgh:u8>, msl #<s:(8|16)>`, ['2s', '4s'], '0', '110 s:1'),
  // MOVI 64-bit: every byte 0x00 or 0xff (op = 1, cmode 1110), scalar D (Q = 0) and 2d (Q = 1)
  { mn: 'movi', ops: '<Rd:d>, #<abc.defgh:bytemask>', bits: '0 0 1 0111100000 abc:3 1110 0 1 defgh:5 Rd:5' },
  { mn: 'movi', ops: '<Rd:v.2d>, #<abc.defgh:bytemask>', bits: '0 1 1 0111100000 abc:3 1110 0 1 defgh:5 Rd:5' },
  // MVNI (op = 1): 16-bit shifted, 32-bit shifted, 32-bit shifting ones
  ...modImm('mvni', (a) => `<Rd:v.${a}>, #<abc.defgh:u8>{, lsl #<s:(0|8)>}`, ['4h', '8h'], '1', '10 s:1 0'),
  ...modImm('mvni', (a) => `<Rd:v.${a}>, #<abc.defgh:u8>{, lsl #<s:(0|8|16|24)>}`, ['2s', '4s'], '1', '0 s:2 0'),
  ...modImm('mvni', (a) => `<Rd:v.${a}>, #<abc.defgh:u8>, msl #<s:(8|16)>`, ['2s', '4s'], '1', '110 s:1'),
  // ORR / BIC (vector, immediate): op 0 / 1, cmode 10s1 (16-bit), 0ss1 (32-bit)
  ...(
    [
      ['orr', '0'],
      ['bic', '1'],
    ] as const
  ).flatMap(([mn, op]) => [
    ...modImm(mn, (a) => `<Rd:v.${a}>, #<abc.defgh:u8>{, lsl #<s:(0|8)>}`, ['4h', '8h'], op, '10 s:1 1'),
    ...modImm(mn, (a) => `<Rd:v.${a}>, #<abc.defgh:u8>{, lsl #<s:(0|8|16|24)>}`, ['2s', '4s'], op, '0 s:2 1'),
  ]),
  // FMOV (vector, immediate): cmode 1111; 2s/4s op 0 o2 0, 2d op 1, 4h/8h op 0 o2 1 (FP16)
  { mn: 'fmov', ops: '<Rd:v.2s>, #<abc.defgh:fpimm>', bits: '0 0 0 0111100000 abc:3 1111 0 1 defgh:5 Rd:5' },
  { mn: 'fmov', ops: '<Rd:v.4s>, #<abc.defgh:fpimm>', bits: '0 1 0 0111100000 abc:3 1111 0 1 defgh:5 Rd:5' },
  { mn: 'fmov', ops: '<Rd:v.2d>, #<abc.defgh:fpimm>', bits: '0 1 1 0111100000 abc:3 1111 0 1 defgh:5 Rd:5' },
  { mn: 'fmov', ops: '<Rd:v.4h>, #<abc.defgh:fpimm>', bits: '0 0 0 0111100000 abc:3 1111 1 1 defgh:5 Rd:5', feat: 'fp16' },
  { mn: 'fmov', ops: '<Rd:v.8h>, #<abc.defgh:fpimm>', bits: '0 1 0 0111100000 abc:3 1111 1 1 defgh:5 Rd:5', feat: 'fp16' },
];

/**
 * By element: 0 Q U 01111 size L M Rm opcode H 0 Rn Rd. The element register and index depend on the
 * element size — h: Rm is v0..v15 (4 bits), index H:L:M (0..7); s: Rm = M:Rm (5 bits), index H:L (0..3);
 * d: index H (0..1). `m` is the element register (a variable), the fields are set from it and the index.
 */
const BY_H = { ops: '<m:v.h>[<i:u3>]', set: 'Rm=m & 15, H=i >> 2, L=(i >> 1) & 1, M=i & 1', check: 'm < 16: the element register of a 16-bit by-element form must be v0..v15' };
const BY_S = { ops: '<m:v.s>[<i:u2>]', set: 'Rm=m & 15, M=m >> 4, H=i >> 1, L=i & 1', check: undefined };
const BY_D = { ops: '<m:v.d>[<i:u1>]', set: 'Rm=m & 15, M=m >> 4, H=i, L=0', check: undefined };
interface By {
  readonly ops: string;
  readonly set: string;
  readonly check: string | undefined;
}

function byElem(mn: string, ops: string, bits: string, by: By, feat?: string): Row {
  return { mn, ops: `${ops}, ${by.ops}`, bits, set: by.set, ...(by.check ? { check: by.check } : {}), ...(feat ? { feat } : {}) };
}

const byElement: Row[] = [
  // Integer, same arrangement: mul 0:1000, mla 1:0000, mls 1:0100, sqdmulh 0:1100, sqrdmulh 0:1101
  ...(
    [
      ['mul', '0', '1000'],
      ['mla', '1', '0000'],
      ['mls', '1', '0100'],
      ['sqdmulh', '0', '1100'],
      ['sqrdmulh', '0', '1101'],
    ] as const
  ).flatMap(([mn, u, op]) =>
    HS.map((a): Row => byElem(mn, `<Rd:v.${a}>, <Rn:v.${a}>`, `0 ${q(a)} ${u} 01111 ${sz(a)} L:1 M:1 Rm:4 ${op} H:1 0 Rn:5 Rd:5`, a.endsWith('h') ? BY_H : BY_S)),
  ),
  // Long (Rd.Ta, Rn.Tb, element of Tb): smlal 0:0010, umlal 1:0010, smlsl 0:0110, umlsl 1:0110, smull 0:1010, umull 1:1010, sqdmlal 0:0011, sqdmlsl 0:0111, sqdmull 0:1011
  ...(
    [
      ['smlal', '0', '0010'],
      ['umlal', '1', '0010'],
      ['smlsl', '0', '0110'],
      ['umlsl', '1', '0110'],
      ['smull', '0', '1010'],
      ['umull', '1', '1010'],
      ['sqdmlal', '0', '0011'],
      ['sqdmlsl', '0', '0111'],
      ['sqdmull', '0', '1011'],
    ] as const
  ).flatMap(([mn, u, op]) =>
    (
      [
        ['4s', '4h', '8h', '01', BY_H],
        ['2d', '2s', '4s', '10', BY_S],
      ] as const
    ).flatMap(([wide, lo, hi, s, by]): Row[] => [
      byElem(mn, `<Rd:v.${wide}>, <Rn:v.${lo}>`, `0 0 ${u} 01111 ${s} L:1 M:1 Rm:4 ${op} H:1 0 Rn:5 Rd:5`, by),
      byElem(`${mn}2`, `<Rd:v.${wide}>, <Rn:v.${hi}>`, `0 1 ${u} 01111 ${s} L:1 M:1 Rm:4 ${op} H:1 0 Rn:5 Rd:5`, by),
    ]),
  ),
  // FP: fmla 0:0001, fmls 0:0101, fmul 0:1001, fmulx 1:1001; size 1 sz for s/d, 00 for h (FP16). Vector and scalar (01 U 11111 …).
  ...(
    [
      ['fmla', '0', '0001'],
      ['fmls', '0', '0101'],
      ['fmul', '0', '1001'],
      ['fmulx', '1', '1001'],
    ] as const
  ).flatMap(([mn, u, op]): Row[] => [
    byElem(mn, '<Rd:v.2s>, <Rn:v.2s>', `0 0 ${u} 01111 10 L:1 M:1 Rm:4 ${op} H:1 0 Rn:5 Rd:5`, BY_S),
    byElem(mn, '<Rd:v.4s>, <Rn:v.4s>', `0 1 ${u} 01111 10 L:1 M:1 Rm:4 ${op} H:1 0 Rn:5 Rd:5`, BY_S),
    byElem(mn, '<Rd:v.2d>, <Rn:v.2d>', `0 1 ${u} 01111 11 L:1 M:1 Rm:4 ${op} H:1 0 Rn:5 Rd:5`, BY_D),
    byElem(mn, '<Rd:v.4h>, <Rn:v.4h>', `0 0 ${u} 01111 00 L:1 M:1 Rm:4 ${op} H:1 0 Rn:5 Rd:5`, BY_H, 'fp16'),
    byElem(mn, '<Rd:v.8h>, <Rn:v.8h>', `0 1 ${u} 01111 00 L:1 M:1 Rm:4 ${op} H:1 0 Rn:5 Rd:5`, BY_H, 'fp16'),
    byElem(mn, '<Rd:s>, <Rn:s>', `01 ${u} 11111 10 L:1 M:1 Rm:4 ${op} H:1 0 Rn:5 Rd:5`, BY_S),
    byElem(mn, '<Rd:d>, <Rn:d>', `01 ${u} 11111 11 L:1 M:1 Rm:4 ${op} H:1 0 Rn:5 Rd:5`, BY_D),
    byElem(mn, '<Rd:h>, <Rn:h>', `01 ${u} 11111 00 L:1 M:1 Rm:4 ${op} H:1 0 Rn:5 Rd:5`, BY_H, 'fp16'),
  ]),
  // Dot product (FEAT_DotProd): sdot/udot vector (0 Q U 01110 10 0 Rm 1001 0 1 Rn Rd) and by element (0 Q U 01111 10 L M Rm 1110 H 0 Rn Rd)
  ...(
    [
      ['sdot', '0'],
      ['udot', '1'],
    ] as const
  ).flatMap(([mn, u]) =>
    (
      [
        ['2s', '8b', '0'],
        ['4s', '16b', '1'],
      ] as const
    ).flatMap(([d, n, qq]): Row[] => [
      { mn, ops: `<Rd:v.${d}>, <Rn:v.${n}>, <Rm:v.${n}>`, bits: `0 ${qq} ${u} 01110 10 0 Rm:5 1001 0 1 Rn:5 Rd:5`, feat: 'dotprod' },
      { mn, ops: `<Rd:v.${d}>, <Rn:v.${n}>, <m:v.4b>[<i:u2>]`, bits: `0 ${qq} ${u} 01111 10 L:1 M:1 Rm:4 1110 H:1 0 Rn:5 Rd:5`, set: 'Rm=m & 15, M=m >> 4, H=i >> 1, L=i & 1', feat: 'dotprod' },
    ]),
  ),
];

/** Scalar element sizes: register class and size field. */
const SC = { b: '00', h: '01', s: '10', d: '11' } as const;
type Sc = keyof typeof SC;

/** Scalar three-same: 01 U 11110 size 1 Rm opcode 1 Rn Rd. */
function scalar3(mn: string, u: string, opcode: string, ts: readonly Sc[]): Row[] {
  return ts.map((t): Row => ({ mn, ops: `<Rd:${t}>, <Rn:${t}>, <Rm:${t}>`, bits: `01 ${u} 11110 ${SC[t]} 1 Rm:5 ${opcode} 1 Rn:5 Rd:5` }));
}
/** Scalar two-register misc: 01 U 11110 size 10000 opcode 10 Rn Rd (with `#0` for compares against zero). */
function scalar2(mn: string, u: string, opcode: string, ts: readonly Sc[], zero = false): Row[] {
  return ts.map((t): Row => ({ mn, ops: `<Rd:${t}>, <Rn:${t}>${zero ? ', #0' : ''}`, bits: `01 ${u} 11110 ${SC[t]} 10000 ${opcode} 10 Rn:5 Rd:5` }));
}
/** Scalar FP three-same: 01 U 11110 a sz 1 Rm opcode 1 Rn Rd (s, d); FP16: 01 U 11110 a 10 Rm 00 opcode:3 1 Rn Rd. */
function fscalar3(mn: string, u: string, a: string, opcode: string): Row[] {
  return [
    { mn, ops: '<Rd:s>, <Rn:s>, <Rm:s>', bits: `01 ${u} 11110 ${a} 0 1 Rm:5 ${opcode} 1 Rn:5 Rd:5` },
    { mn, ops: '<Rd:d>, <Rn:d>, <Rm:d>', bits: `01 ${u} 11110 ${a} 1 1 Rm:5 ${opcode} 1 Rn:5 Rd:5` },
    { mn, ops: '<Rd:h>, <Rn:h>, <Rm:h>', bits: `01 ${u} 11110 ${a} 10 Rm:5 00 ${opcode.slice(2)} 1 Rn:5 Rd:5`, feat: 'fp16' },
  ];
}
/** Scalar FP two-register misc: 01 U 11110 a sz 10000 opcode 10 Rn Rd (s, d); FP16: 01 U 11110 a 111100 opcode 10 Rn Rd. */
function fscalar2(mn: string, u: string, a: string, opcode: string, zero = false): Row[] {
  const z = zero ? ', #<zero:fzero>' : '';
  return [
    { mn, ops: `<Rd:s>, <Rn:s>${z}`, bits: `01 ${u} 11110 ${a} 0 10000 ${opcode} 10 Rn:5 Rd:5` },
    { mn, ops: `<Rd:d>, <Rn:d>${z}`, bits: `01 ${u} 11110 ${a} 1 10000 ${opcode} 10 Rn:5 Rd:5` },
    { mn, ops: `<Rd:h>, <Rn:h>${z}`, bits: `01 ${u} 11110 ${a} 111100 ${opcode} 10 Rn:5 Rd:5`, feat: 'fp16' },
  ];
}
/** Scalar shift by immediate: 01 U 111110 immh:immb opcode 1 Rn Rd (left: esize + shift, right: 2·esize − shift). */
function scalarShift(mn: string, u: string, opcode: string, dir: 'l' | 'r', ts: readonly Sc[], feat?: string): Row[] {
  return ts.map((t): Row => {
    const es = 8 << parseInt(SC[t], 2);
    return { mn, ops: `<Rd:${t}>, <Rn:${t}>, #<shift:${dir === 'l' ? `0..${es - 1}` : `1..${es}`}>`, bits: `01 ${u} 111110 ih:7 ${opcode} 1 Rn:5 Rd:5`, set: dir === 'l' ? `ih=${es} + shift` : `ih=${2 * es} - shift`, ...(feat && t === 'h' ? { feat } : {}) };
  });
}

const ALL_SC: Sc[] = ['b', 'h', 's', 'd'];

const scalar: Row[] = [
  ...scalar3('add', '0', '10000', ['d']),
  ...scalar3('sub', '1', '10000', ['d']),
  ...scalar3('cmeq', '1', '10001', ['d']),
  ...scalar3('cmtst', '0', '10001', ['d']),
  ...scalar3('cmgt', '0', '00110', ['d']),
  ...scalar3('cmge', '0', '00111', ['d']),
  ...scalar3('cmhi', '1', '00110', ['d']),
  ...scalar3('cmhs', '1', '00111', ['d']),
  ...scalar3('sshl', '0', '01000', ['d']),
  ...scalar3('ushl', '1', '01000', ['d']),
  ...scalar3('srshl', '0', '01010', ['d']),
  ...scalar3('urshl', '1', '01010', ['d']),
  ...scalar3('sqadd', '0', '00001', ALL_SC),
  ...scalar3('uqadd', '1', '00001', ALL_SC),
  ...scalar3('sqsub', '0', '00101', ALL_SC),
  ...scalar3('uqsub', '1', '00101', ALL_SC),
  ...scalar3('sqshl', '0', '01001', ALL_SC),
  ...scalar3('uqshl', '1', '01001', ALL_SC),
  ...scalar3('sqrshl', '0', '01011', ALL_SC),
  ...scalar3('uqrshl', '1', '01011', ALL_SC),
  ...scalar3('sqdmulh', '0', '10110', ['h', 's']),
  ...scalar3('sqrdmulh', '1', '10110', ['h', 's']),
  ...scalar2('abs', '0', '01011', ['d']),
  ...scalar2('neg', '1', '01011', ['d']),
  ...scalar2('cmgt', '0', '01000', ['d'], true),
  ...scalar2('cmeq', '0', '01001', ['d'], true),
  ...scalar2('cmlt', '0', '01010', ['d'], true),
  ...scalar2('cmge', '1', '01000', ['d'], true),
  ...scalar2('cmle', '1', '01001', ['d'], true),
  ...scalar2('sqabs', '0', '00111', ALL_SC),
  ...scalar2('sqneg', '1', '00111', ALL_SC),
  ...scalar2('suqadd', '0', '00011', ALL_SC),
  ...scalar2('usqadd', '1', '00011', ALL_SC),
  // Saturating narrow (Rd is half the size of Rn): sqxtn 0:10100, uqxtn 1:10100, sqxtun 1:10010
  ...(
    [
      ['sqxtn', '0', '10100'],
      ['uqxtn', '1', '10100'],
      ['sqxtun', '1', '10010'],
    ] as const
  ).flatMap(([mn, u, op]) =>
    (
      [
        ['b', 'h', '00'],
        ['h', 's', '01'],
        ['s', 'd', '10'],
      ] as const
    ).map(([d, n, size]): Row => ({ mn, ops: `<Rd:${d}>, <Rn:${n}>`, bits: `01 ${u} 11110 ${size} 10000 ${op} 10 Rn:5 Rd:5` })),
  ),
  // FP
  ...fscalar3('fmulx', '0', '0', '11011'),
  ...fscalar3('fcmeq', '0', '0', '11100'),
  ...fscalar3('fcmge', '1', '0', '11100'),
  ...fscalar3('fcmgt', '1', '1', '11100'),
  ...fscalar3('facge', '1', '0', '11101'),
  ...fscalar3('facgt', '1', '1', '11101'),
  ...fscalar3('frecps', '0', '0', '11111'),
  ...fscalar3('frsqrts', '0', '1', '11111'),
  ...fscalar3('fabd', '1', '1', '11010'),
  ...fscalar2('fcmgt', '0', '1', '01100', true),
  ...fscalar2('fcmeq', '0', '1', '01101', true),
  ...fscalar2('fcmlt', '0', '1', '01110', true),
  ...fscalar2('fcmge', '1', '1', '01100', true),
  ...fscalar2('fcmle', '1', '1', '01101', true),
  ...fscalar2('frecpe', '0', '1', '11101'),
  ...fscalar2('frsqrte', '1', '1', '11101'),
  ...fscalar2('frecpx', '0', '1', '11111'),
  ...fscalar2('fcvtns', '0', '0', '11010'),
  ...fscalar2('fcvtnu', '1', '0', '11010'),
  ...fscalar2('fcvtms', '0', '0', '11011'),
  ...fscalar2('fcvtmu', '1', '0', '11011'),
  ...fscalar2('fcvtas', '0', '0', '11100'),
  ...fscalar2('fcvtau', '1', '0', '11100'),
  ...fscalar2('fcvtps', '0', '1', '11010'),
  ...fscalar2('fcvtpu', '1', '1', '11010'),
  ...fscalar2('fcvtzs', '0', '1', '11011'),
  ...fscalar2('fcvtzu', '1', '1', '11011'),
  ...fscalar2('scvtf', '0', '0', '11101'),
  ...fscalar2('ucvtf', '1', '0', '11101'),
  { mn: 'fcvtxn', ops: '<Rd:s>, <Rn:d>', bits: '01 1 11110 0 1 10000 10110 10 Rn:5 Rd:5' },
  // Shifts by immediate (d only unless noted), saturating shifts of every size, fixed-point conversions (h, s, d)
  ...scalarShift('shl', '0', '01010', 'l', ['d']),
  ...scalarShift('sli', '1', '01010', 'l', ['d']),
  ...scalarShift('sshr', '0', '00000', 'r', ['d']),
  ...scalarShift('ushr', '1', '00000', 'r', ['d']),
  ...scalarShift('ssra', '0', '00010', 'r', ['d']),
  ...scalarShift('usra', '1', '00010', 'r', ['d']),
  ...scalarShift('srshr', '0', '00100', 'r', ['d']),
  ...scalarShift('urshr', '1', '00100', 'r', ['d']),
  ...scalarShift('srsra', '0', '00110', 'r', ['d']),
  ...scalarShift('ursra', '1', '00110', 'r', ['d']),
  ...scalarShift('sri', '1', '01000', 'r', ['d']),
  ...scalarShift('sqshl', '0', '01110', 'l', ALL_SC),
  ...scalarShift('uqshl', '1', '01110', 'l', ALL_SC),
  ...scalarShift('sqshlu', '1', '01100', 'l', ALL_SC),
  ...scalarShift('scvtf', '0', '11100', 'r', ['h', 's', 'd'], 'fp16'),
  ...scalarShift('ucvtf', '1', '11100', 'r', ['h', 's', 'd'], 'fp16'),
  ...scalarShift('fcvtzs', '0', '11111', 'r', ['h', 's', 'd'], 'fp16'),
  ...scalarShift('fcvtzu', '1', '11111', 'r', ['h', 's', 'd'], 'fp16'),
];

/** Extensions: rounding doubling multiply-accumulate (RDM, v8.1), complex numbers (v8.3), FRINT32/64 (v8.5), polynomial and saturating long multiplies, scalar narrowing shifts. */
const extensions: Row[] = [
  // SQRDMLAH / SQRDMLSH: vector 0 Q 1 01110 size 0 Rm 1 000o 1 Rn Rd; by element 0 Q 1 01111 size L M Rm 11o1 H 0 Rn Rd; scalar 01 1 11110 … / 01 1 11111 …
  ...(
    [
      ['sqrdmlah', '0'],
      ['sqrdmlsh', '1'],
    ] as const
  ).flatMap(([mn, o]): Row[] => [
    ...HS.map((a): Row => ({ mn, ops: `<Rd:v.${a}>, <Rn:v.${a}>, <Rm:v.${a}>`, bits: `0 ${q(a)} 1 01110 ${sz(a)} 0 Rm:5 1 000${o} 1 Rn:5 Rd:5`, feat: 'rdm' })),
    ...HS.map((a): Row => ({ ...byElem(mn, `<Rd:v.${a}>, <Rn:v.${a}>`, `0 ${q(a)} 1 01111 ${sz(a)} L:1 M:1 Rm:4 11${o}1 H:1 0 Rn:5 Rd:5`, a.endsWith('h') ? BY_H : BY_S), feat: 'rdm' })),
    ...(['h', 's'] as const).flatMap((t): Row[] => [
      { mn, ops: `<Rd:${t}>, <Rn:${t}>, <Rm:${t}>`, bits: `01 1 11110 ${SC[t]} 0 Rm:5 1 000${o} 1 Rn:5 Rd:5`, feat: 'rdm' },
      { ...byElem(mn, `<Rd:${t}>, <Rn:${t}>`, `01 1 11111 ${SC[t]} L:1 M:1 Rm:4 11${o}1 H:1 0 Rn:5 Rd:5`, t === 'h' ? BY_H : BY_S), feat: 'rdm' },
    ]),
  ]),
  // FCADD (rotation #90 / #270): 0 Q 1 01110 size 0 Rm 111 rot 0 1 Rn Rd; FCMLA (#0/#90/#180/#270): 0 Q 1 01110 size 0 Rm 110 rot:2 1 Rn Rd
  ...(
    [
      ['4h', '0', '01', 'fp16'],
      ['8h', '1', '01', 'fp16'],
      ['2s', '0', '10', undefined],
      ['4s', '1', '10', undefined],
      ['2d', '1', '11', undefined],
    ] as const
  ).flatMap(([a, qq, size, feat]): Row[] => [
    { mn: 'fcadd', ops: `<Rd:v.${a}>, <Rn:v.${a}>, <Rm:v.${a}>, #<rot:(90|270)>`, bits: `0 ${qq} 1 01110 ${size} 0 Rm:5 111 rot:1 0 1 Rn:5 Rd:5`, feat: feat ?? 'v8.3a' },
    { mn: 'fcmla', ops: `<Rd:v.${a}>, <Rn:v.${a}>, <Rm:v.${a}>, #<rot:(0|90|180|270)>`, bits: `0 ${qq} 1 01110 ${size} 0 Rm:5 110 rot:2 1 Rn:5 Rd:5`, feat: feat ?? 'v8.3a' },
  ]),
  // FCMLA by element: 0 Q 1 01111 size L M Rm 0 rot 1 H 0 Rn Rd; h: index H:L (4h: 0..1, 8h: 0..3), s (4s): index H; the register is M:Rm
  { mn: 'fcmla', ops: '<Rd:v.4h>, <Rn:v.4h>, <m:v.h>[<i:u1>], #<rot:(0|90|180|270)>', bits: '0 0 1 01111 01 L:1 M:1 Rm:4 0 rot:2 1 H:1 0 Rn:5 Rd:5', set: 'Rm=m & 15, M=m >> 4, H=0, L=i', feat: 'fp16' },
  { mn: 'fcmla', ops: '<Rd:v.8h>, <Rn:v.8h>, <m:v.h>[<i:u2>], #<rot:(0|90|180|270)>', bits: '0 1 1 01111 01 L:1 M:1 Rm:4 0 rot:2 1 H:1 0 Rn:5 Rd:5', set: 'Rm=m & 15, M=m >> 4, H=i >> 1, L=i & 1', feat: 'fp16' },
  { mn: 'fcmla', ops: '<Rd:v.4s>, <Rn:v.4s>, <m:v.s>[<i:u1>], #<rot:(0|90|180|270)>', bits: '0 1 1 01111 10 0 M:1 Rm:4 0 rot:2 1 H:1 0 Rn:5 Rd:5', set: 'Rm=m & 15, M=m >> 4, H=i', feat: 'v8.3a' },
  // FRINT32Z/32X/64Z/64X (vector, FEAT_FRINTTS): 0 Q U 01110 0 sz 10000 1111 op 10 Rn Rd
  ...(
    [
      ['frint32z', '0', '0'],
      ['frint32x', '1', '0'],
      ['frint64z', '0', '1'],
      ['frint64x', '1', '1'],
    ] as const
  ).flatMap(([mn, u, op]) => FARR.map(([t, qq, s]): Row => ({ mn, ops: `<Rd:v.${t}>, <Rn:v.${t}>`, bits: `0 ${qq} ${u} 01110 0 ${s} 10000 1111 ${op} 10 Rn:5 Rd:5`, feat: 'v8.5a' }))),
  // PMULL / PMULL2: 0 Q 0 01110 size 1 Rm 1110 00 Rn Rd — 8h from 8b (size 00), 1q from 1d (size 11, FEAT_PMULL)
  { mn: 'pmull', ops: '<Rd:v.8h>, <Rn:v.8b>, <Rm:v.8b>', bits: '0 0 0 01110 00 1 Rm:5 1110 00 Rn:5 Rd:5' },
  { mn: 'pmull2', ops: '<Rd:v.8h>, <Rn:v.16b>, <Rm:v.16b>', bits: '0 1 0 01110 00 1 Rm:5 1110 00 Rn:5 Rd:5' },
  { mn: 'pmull', ops: '<Rd:v.1q>, <Rn:v.1d>, <Rm:v.1d>', bits: '0 0 0 01110 11 1 Rm:5 1110 00 Rn:5 Rd:5', feat: 'aes' },
  { mn: 'pmull2', ops: '<Rd:v.1q>, <Rn:v.2d>, <Rm:v.2d>', bits: '0 1 0 01110 11 1 Rm:5 1110 00 Rn:5 Rd:5', feat: 'aes' },
  // SQDMLAL / SQDMLSL / SQDMULL (vector, long; h and s elements): 0 Q 0 01110 size 1 Rm opcode 00 Rn Rd
  ...(
    [
      ['sqdmlal', '1001'],
      ['sqdmlsl', '1011'],
      ['sqdmull', '1101'],
    ] as const
  ).flatMap(([mn, op]) =>
    WIDEN.slice(1).flatMap(([wide, lo, hi, s]): Row[] => [
      { mn, ops: `<Rd:v.${wide}>, <Rn:v.${lo}>, <Rm:v.${lo}>`, bits: `0 0 0 01110 ${s} 1 Rm:5 ${op} 00 Rn:5 Rd:5` },
      { mn: `${mn}2`, ops: `<Rd:v.${wide}>, <Rn:v.${hi}>, <Rm:v.${hi}>`, bits: `0 1 0 01110 ${s} 1 Rm:5 ${op} 00 Rn:5 Rd:5` },
    ]),
  ),
  // Scalar narrowing shifts (Rd half the size of Rn, shift 1..esize of Rd): 01 U 111110 immh:immb opcode 1 Rn Rd
  ...(
    [
      ['sqshrn', '0', '10010'],
      ['sqrshrn', '0', '10011'],
      ['uqshrn', '1', '10010'],
      ['uqrshrn', '1', '10011'],
      ['sqshrun', '1', '10000'],
      ['sqrshrun', '1', '10001'],
    ] as const
  ).flatMap(([mn, u, op]) =>
    (
      [
        ['b', 'h', 8],
        ['h', 's', 16],
        ['s', 'd', 32],
      ] as const
    ).map(([d, n, es]): Row => ({ mn, ops: `<Rd:${d}>, <Rn:${n}>, #<shift:1..${es}>`, bits: `01 ${u} 111110 ih:7 ${op} 1 Rn:5 Rd:5`, set: `ih=${2 * es} - shift` })),
  ),
];

/** Cryptographic extensions (FEAT_AES, FEAT_SHA1, FEAT_SHA256, FEAT_SHA512, FEAT_SHA3): GNU as `+crypto+sha3`, llvm-mc `+aes,+sha2,+sha3`. */
const crypto: Row[] = [
  // AES: 01001110 00 10100 opcode 10 Rn Rd
  ...(
    [
      ['aese', '00100'],
      ['aesd', '00101'],
      ['aesmc', '00110'],
      ['aesimc', '00111'],
    ] as const
  ).map(([mn, op]): Row => ({ mn, ops: '<Rd:v.16b>, <Rn:v.16b>', bits: `0100 1110 00 10100 ${op} 10 Rn:5 Rd:5`, feat: 'aes' })),
  // SHA1/SHA256 three registers: 0101 1110 000 Rm 0 opcode 00 Rn Rd
  { mn: 'sha1c', ops: '<Rd:q>, <Rn:s>, <Rm:v.4s>', bits: '0101 1110 000 Rm:5 0 000 00 Rn:5 Rd:5', feat: 'sha2' },
  { mn: 'sha1p', ops: '<Rd:q>, <Rn:s>, <Rm:v.4s>', bits: '0101 1110 000 Rm:5 0 001 00 Rn:5 Rd:5', feat: 'sha2' },
  { mn: 'sha1m', ops: '<Rd:q>, <Rn:s>, <Rm:v.4s>', bits: '0101 1110 000 Rm:5 0 010 00 Rn:5 Rd:5', feat: 'sha2' },
  { mn: 'sha1su0', ops: '<Rd:v.4s>, <Rn:v.4s>, <Rm:v.4s>', bits: '0101 1110 000 Rm:5 0 011 00 Rn:5 Rd:5', feat: 'sha2' },
  { mn: 'sha256h', ops: '<Rd:q>, <Rn:q>, <Rm:v.4s>', bits: '0101 1110 000 Rm:5 0 100 00 Rn:5 Rd:5', feat: 'sha2' },
  { mn: 'sha256h2', ops: '<Rd:q>, <Rn:q>, <Rm:v.4s>', bits: '0101 1110 000 Rm:5 0 101 00 Rn:5 Rd:5', feat: 'sha2' },
  { mn: 'sha256su1', ops: '<Rd:v.4s>, <Rn:v.4s>, <Rm:v.4s>', bits: '0101 1110 000 Rm:5 0 110 00 Rn:5 Rd:5', feat: 'sha2' },
  // SHA1/SHA256 two registers: 01011110 00 10100 opcode 10 Rn Rd
  { mn: 'sha1h', ops: '<Rd:s>, <Rn:s>', bits: '0101 1110 00 10100 00000 10 Rn:5 Rd:5', feat: 'sha2' },
  { mn: 'sha1su1', ops: '<Rd:v.4s>, <Rn:v.4s>', bits: '0101 1110 00 10100 00001 10 Rn:5 Rd:5', feat: 'sha2' },
  { mn: 'sha256su0', ops: '<Rd:v.4s>, <Rn:v.4s>', bits: '0101 1110 00 10100 00010 10 Rn:5 Rd:5', feat: 'sha2' },
  // SHA512: 1100 1110 011 Rm 1 0 00 opcode Rn Rd; su0: 1100 1110 1100 0000 1000 00 Rn Rd
  { mn: 'sha512h', ops: '<Rd:q>, <Rn:q>, <Rm:v.2d>', bits: '1100 1110 011 Rm:5 1 0 00 00 Rn:5 Rd:5', feat: 'sha3' },
  { mn: 'sha512h2', ops: '<Rd:q>, <Rn:q>, <Rm:v.2d>', bits: '1100 1110 011 Rm:5 1 0 00 01 Rn:5 Rd:5', feat: 'sha3' },
  { mn: 'sha512su1', ops: '<Rd:v.2d>, <Rn:v.2d>, <Rm:v.2d>', bits: '1100 1110 011 Rm:5 1 0 00 10 Rn:5 Rd:5', feat: 'sha3' },
  { mn: 'sha512su0', ops: '<Rd:v.2d>, <Rn:v.2d>', bits: '1100 1110 1100 0000 1000 00 Rn:5 Rd:5', feat: 'sha3' },
  // SHA3: EOR3 / BCAX (four registers), RAX1, XAR (#imm6)
  { mn: 'eor3', ops: '<Rd:v.16b>, <Rn:v.16b>, <Rm:v.16b>, <Ra:v.16b>', bits: '1100 1110 000 Rm:5 0 Ra:5 Rn:5 Rd:5', feat: 'sha3' },
  { mn: 'bcax', ops: '<Rd:v.16b>, <Rn:v.16b>, <Rm:v.16b>, <Ra:v.16b>', bits: '1100 1110 001 Rm:5 0 Ra:5 Rn:5 Rd:5', feat: 'sha3' },
  { mn: 'rax1', ops: '<Rd:v.2d>, <Rn:v.2d>, <Rm:v.2d>', bits: '1100 1110 011 Rm:5 1 0 00 11 Rn:5 Rd:5', feat: 'sha3' },
  { mn: 'xar', ops: '<Rd:v.2d>, <Rn:v.2d>, <Rm:v.2d>, #<imm6:u6>', bits: '1100 1110 100 Rm:5 imm6:6 Rn:5 Rd:5', feat: 'sha3' },
];

/** Scalar saturating doubling multiplies: long (01 0 11110 size 1 Rm opcode 00 Rn Rd) and by element (01 U 11111 size L M Rm opcode H 0 Rn Rd). */
const scalarMul: Row[] = [
  ...(
    [
      ['sqdmlal', '1001', '0011'],
      ['sqdmlsl', '1011', '0111'],
      ['sqdmull', '1101', '1011'],
    ] as const
  ).flatMap(([mn, op, opElem]) =>
    (
      [
        ['s', 'h', '01', BY_H],
        ['d', 's', '10', BY_S],
      ] as const
    ).flatMap(([d, n, size, by]): Row[] => [
      { mn, ops: `<Rd:${d}>, <Rn:${n}>, <Rm:${n}>`, bits: `01 0 11110 ${size} 1 Rm:5 ${op} 00 Rn:5 Rd:5` },
      byElem(mn, `<Rd:${d}>, <Rn:${n}>`, `01 0 11111 ${size} L:1 M:1 Rm:4 ${opElem} H:1 0 Rn:5 Rd:5`, by),
    ]),
  ),
  ...(
    [
      ['sqdmulh', '1100'],
      ['sqrdmulh', '1101'],
    ] as const
  ).flatMap(([mn, op]) =>
    (
      [
        ['h', '01', BY_H],
        ['s', '10', BY_S],
      ] as const
    ).map(([t, size, by]): Row => byElem(mn, `<Rd:${t}>, <Rn:${t}>`, `01 0 11111 ${size} L:1 M:1 Rm:4 ${op} H:1 0 Rn:5 Rd:5`, by)),
  ),
];

export const simd: readonly Row[] = [...integer3, ...integer2, ...widenNarrow, ...shifts, ...fp3, ...fp2, ...across, ...permute, ...copies, ...immediates, ...byElement, ...scalar, ...scalarMul, ...extensions, ...crypto];
