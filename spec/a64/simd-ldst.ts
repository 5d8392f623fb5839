// A64 Advanced SIMD structure loads and stores: LD1–LD4 / ST1–ST4 of multiple structures, of a single
// structure to or from one lane, and LD1R–LD4R (load and replicate), each without offset and post-indexed
// by the transfer size (immediate) or by a register. Format: README.md.
import type { Row } from './types.js';

/** Arrangements of whole registers: Q bit, size field, bytes per register. */
const ARR = [
  ['8b', '0', '00', 8],
  ['16b', '1', '00', 16],
  ['4h', '0', '01', 8],
  ['8h', '1', '01', 16],
  ['2s', '0', '10', 8],
  ['4s', '1', '10', 16],
  ['1d', '0', '11', 8],
  ['2d', '1', '11', 16],
] as const;

const NOT_XZR = 'Rm != 31: the post-index register cannot be xzr (that encoding is the immediate form)';

/** The three addressing forms of a structure access with `bytes` transferred; layouts `base` (no offset) and `post` (Rm field). */
function addressing(mn: string, list: string, bits: (post: boolean) => string, bytes: number, set?: string): Row[] {
  const s = set ? { set } : {};
  return [
    { mn, ops: `${list}, [<Rn:xsp>]`, bits: bits(false), ...s },
    { mn, ops: `${list}, [<Rn:xsp>], #${bytes}`, bits: bits(true), ...s, ...(set ? { set: `${set}, Rm=31` } : { set: 'Rm=31' }) },
    { mn, ops: `${list}, [<Rn:xsp>], <Rm:x>`, bits: bits(true), ...s, check: NOT_XZR },
  ];
}

/** Multiple structures: 0 Q 0011000 L 000000 opcode size Rn Rt; post-index: 0 Q 0011001 L 0 Rm opcode size Rn Rt. */
const multiple: Row[] = (
  [
    ['1', 1, '0111'],
    ['1', 2, '1010'],
    ['1', 3, '0110'],
    ['1', 4, '0010'],
    ['2', 2, '1000'],
    ['3', 3, '0100'],
    ['4', 4, '0000'],
  ] as const
).flatMap(([k, n, opcode]) =>
  (
    [
      ['st', '0'],
      ['ld', '1'],
    ] as const
  ).flatMap(([dir, l]) =>
    ARR.filter(([a]) => k === '1' || a !== '1d').flatMap(([a, qq, size, bytes]) =>
      addressing(`${dir}${k}`, `<Rt:vl${n}.${a}>`, (post) => (post ? `0 ${qq} 0011001 ${l} 0 Rm:5 ${opcode} ${size} Rn:5 Rt:5` : `0 ${qq} 0011000 ${l} 000000 ${opcode} ${size} Rn:5 Rt:5`), n * bytes),
    ),
  ),
);

/**
 * Single structure to/from one lane: 0 Q 0011010 L R 00000 opcode S size Rn Rt; post-index 0 Q 0011011 L R Rm …
 * The lane index is spread over Q:S:size — b: Q:S:size (0..15), h: Q:S:size<1> (0..7), s: Q:S (0..3), d: Q (0..1).
 */
const LANE = [
  ['b', 'u4', 1, '00', 'Q=i >> 3, S=(i >> 2) & 1, size=i & 3'],
  ['h', 'u3', 2, '01', 'Q=i >> 2, S=(i >> 1) & 1, size=(i & 1) << 1'],
  ['s', 'u2', 4, '10', 'Q=i >> 1, S=i & 1, size=0'],
  ['d', 'u1', 8, '10', 'Q=i, S=0, size=1'],
] as const;

const lane: Row[] = ([1, 2, 3, 4] as const).flatMap((n) =>
  (
    [
      ['st', '0'],
      ['ld', '1'],
    ] as const
  ).flatMap(([dir, l]) =>
    LANE.flatMap(([e, idx, bytes, op2, set]) => {
      const r = n === 2 || n === 4 ? '1' : '0';
      const opcode = `${op2}${n <= 2 ? '0' : '1'}`;
      return addressing(`${dir}${n}`, `<Rt:vl${n}.${e}>[<i:${idx}>]`, (post) => (post ? `0 Q:1 0011011 ${l} ${r} Rm:5 ${opcode} S:1 size:2 Rn:5 Rt:5` : `0 Q:1 0011010 ${l} ${r} 00000 ${opcode} S:1 size:2 Rn:5 Rt:5`), n * bytes, set);
    }),
  ),
);

/** Load and replicate: 0 Q 0011010 1 R 00000 11 opcode<0> 0 size Rn Rt (post-index 0 Q 0011011 1 R Rm …); LD1R/LD3R R = 0, LD2R/LD4R R = 1. */
const replicate: Row[] = ([1, 2, 3, 4] as const).flatMap((n) =>
  ARR.flatMap(([a, qq, size]) => {
    const r = n === 2 || n === 4 ? '1' : '0';
    const o = n <= 2 ? '0' : '1';
    const esize = 1 << parseInt(size, 2);
    return addressing(`ld${n}r`, `<Rt:vl${n}.${a}>`, (post) => (post ? `0 ${qq} 0011011 1 ${r} Rm:5 11 ${o} 0 ${size} Rn:5 Rt:5` : `0 ${qq} 0011010 1 ${r} 00000 11 ${o} 0 ${size} Rn:5 Rt:5`), n * esize);
  }),
);

export const simdLdst: readonly Row[] = [...multiple, ...lane, ...replicate];
