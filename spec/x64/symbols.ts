// x86 condition codes and their spellings (Intel SDM Vol. 1, Appendix B): every alias GNU as accepts.
// `j<cc>`, `set<cc>` and `cmov<cc>` rows expand over all of them; the value is the opcode's `+cc`.

export const CONDITIONS: Readonly<Record<string, number>> = {
  o: 0,
  no: 1,
  b: 2, c: 2, nae: 2,
  ae: 3, nb: 3, nc: 3,
  e: 4, z: 4,
  ne: 5, nz: 5,
  be: 6, na: 6,
  a: 7, nbe: 7,
  s: 8,
  ns: 9,
  p: 10, pe: 10,
  np: 11, po: 11,
  l: 12, nge: 12,
  ge: 13, nl: 13,
  le: 14, ng: 14,
  g: 15, nle: 15,
};

export type CondName = keyof typeof CONDITIONS;
