// Shared by the SSE execution tests (execute-sse.test.ts in Unicorn, execute-sse-native.test.ts on the
// host): register-operand instruction texts for spec/x64 forms, random states (FP lanes of the form's
// precision, edge values often; RFLAGS status bits; MXCSR with every rounding mode) and state diffs.
import { OT, type Form, type OpType } from '../../src/arch/x64/forms.js';
import { F32, F64, type FpFormat } from '../support/softfloat.js';
import { int, rand64, randBits, randFp } from '../support/random-values.js';
import { GP_NAMES, type XState } from './sse-model.js';

export const GP = GP_NAMES.filter((n) => n !== 'rsp');
const GP32 = ['eax', 'ecx', 'edx', 'ebx', 'ebp', 'esi', 'edi', 'r8d', 'r9d', 'r10d', 'r11d', 'r12d', 'r13d', 'r14d', 'r15d'];
const GP16 = ['ax', 'cx', 'dx', 'bx', 'bp', 'si', 'di', 'r8w', 'r11w', 'r15w'];
const GP8 = ['al', 'cl', 'dl', 'bl', 'sil', 'dil', 'r8b', 'r12b', 'r15b'];

/** A register-operand instruction text for a form (memory alternatives become registers). */
export function textOf(f: Form, r: () => number): string | null {
  const pick = <T,>(xs: readonly T[]) => xs[int(r, xs.length)];
  const op = (t: OpType): string | null => {
    switch (t.t) {
      case OT.REG:
      case OT.RM:
        if (t.cls === 'xmm') return `xmm${int(r, 16)}`;
        if (t.cls === 'ymm') return `ymm${int(r, 16)}`;
        if (t.cls === 'r64') return pick(GP);
        if (t.cls === 'r32') return pick(GP32);
        if (t.cls === 'r16') return pick(GP16);
        if (t.cls === 'r8') return pick(GP8);
        return null;
      case OT.IMM:
        // cmpps/pd/ss/sd: the legacy encodings define predicates 0..7 only (imm8[7:3] reserved).
        return String(/^cmp(ps|pd|ss|sd)$/.test(f.mn) ? int(r, 8) : /^vcmp(ps|pd|ss|sd)$/.test(f.mn) ? int(r, 32) : int(r, 256));
      case OT.FIXED:
        return t.text;
      default:
        return null;
    }
  };
  const ops = f.types.map(op);
  if (ops.some((o) => o === null)) return null;
  return `${f.mn}${ops.length ? ' ' + ops.join(', ') : ''}`;
}

/** FP lane format of a form, from its mnemonic (…ps/ss: single, …pd/sd: double). */
export function formatOf(f: Form): FpFormat | null {
  if (/(ps|ss)$/.test(f.mn) || /^cvt(ss|ps)2|^cvtsi2ss|extractps|insertps/.test(f.mn)) return F32;
  if (/(pd|sd)$/.test(f.mn) || /^cvt(sd|pd)2/.test(f.mn)) return F64;
  return null;
}

export function randomState(r: () => number, fmt: FpFormat | null): XState {
  const xmm = () => {
    if (fmt && r() < 0.85) {
      let v = 0n;
      for (let i = 0; i < 128 / fmt.bits; i++) v |= (randFp(r, fmt) & ((1n << BigInt(fmt.bits)) - 1n)) << BigInt(i * fmt.bits);
      return v;
    }
    return r() < 0.3 ? randBits(r, 8) * 0x01010101010101010101010101010101n : randBits(r, 128);
  };
  const gp = GP_NAMES.map(() => rand64(r));
  return { gp, x: Array.from({ length: 16 }, xmm), rflags: 0x2n | (randBits(r, 12) & 0x8d5n), mxcsr: 0x1f80 | (int(r, 4) << 13) };
}

/** RFLAGS bits the SSE forms define (OF SF ZF AF PF CF). */
export const STATUS = 0x8d5n;

const hex = (v: bigint) => `0x${v.toString(16)}`;

/** Differences between an executed state and the model's (general registers, vector registers, status flags). */
export function diffXStates(got: XState, want: XState): string[] {
  const d: string[] = [];
  GP.forEach((n) => {
    const i = GP_NAMES.indexOf(n);
    if (got.gp[i] !== want.gp[i]) d.push(`${n} got ${hex(got.gp[i])} model ${hex(want.gp[i])}`);
  });
  for (let j = 0; j < 16; j++) if (got.x[j] !== want.x[j]) d.push(`xmm${j} got ${hex(got.x[j])} model ${hex(want.x[j])}`);
  if ((got.rflags & STATUS) !== (want.rflags & STATUS)) d.push(`rflags got ${hex(got.rflags & STATUS)} model ${hex(want.rflags & STATUS)}`);
  return d;
}

/** The xmm inputs an instruction text names, for messages. */
export function describeInputs(text: string, s: XState): string {
  const regs = [...new Set([...text.matchAll(/\b(xmm|ymm)(\d+)\b/g)].map((m) => Number(m[2])))];
  return [...regs.map((n) => `xmm${n}=${hex(s.x[n])}`), `mxcsr=${hex(BigInt(s.mxcsr))}`].join(' ');
}
