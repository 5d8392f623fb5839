// x86-64 control transfer: call, ret, jmp, j<cc>, loop, jrcxz. Format: README.md.
// `jmp label` and `j<cc> label` are written in their long forms (E9 cd, 0F 80+cc cd) with the
// relaxable relocation kinds; src/runtime/relax.ts shrinks them to EB cb / 70+cc cb at finalize when
// the target is near, as GNU as does. `call` has no short form.
import type { Row } from './types.js';

export const branch: readonly Row[] = [
  { mn: 'call', ops: 'rel32', op: 'E8 cd' },
  { mn: 'call', ops: 'r/m64', op: 'FF /2' },
  { mn: 'jmp', ops: 'rel32', op: 'E9 cd', reloc: 'jmp32' },
  { mn: 'jmp', ops: 'r/m64', op: 'FF /4' },
  { mn: 'j<cc>', ops: 'rel32', op: '0F 80+cc cd', reloc: 'jcc32' },
  { mn: 'ret', ops: '', op: 'C3', rep: 'rep' },
  { mn: 'ret', ops: 'imm16', op: 'C2 iw' },
  { mn: 'loop', ops: 'rel8', op: 'E2 cb' },
  { mn: 'loope', ops: 'rel8', op: 'E1 cb' },
  { mn: 'loopz', ops: 'rel8', op: 'E1 cb' },
  { mn: 'loopne', ops: 'rel8', op: 'E0 cb' },
  { mn: 'loopnz', ops: 'rel8', op: 'E0 cb' },
  { mn: 'jrcxz', ops: 'rel8', op: 'E3 cb' },
  { mn: 'jecxz', ops: 'rel8', op: '67 E3 cb' },
];
