// Executes one scalar floating-point instruction (spec/a64/fp.ts data processing and conversions) given
// as TEXT on a VState, from the Arm ARM semantics (fp-semantics.ts). Shares nothing with the encoder.
import { CONDITIONS } from '../../spec/a64/symbols.js';
import {
  fixedToFp,
  fjcvtzs,
  formatOf,
  fpAbs,
  fpAdd,
  fpcrRounding,
  fpCompare,
  fpConvert,
  fpDiv,
  fpFromNumber,
  fpMaxMin,
  fpMul,
  fpMulAdd,
  fpNeg,
  fpRoundInt,
  fpRoundIntN,
  fpSqrt,
  fpToFixed,
} from './fp-semantics.js';
import { mask, parseVInsn, readGpr, readScalar, withLane, writeGpr, writeScalar, type VOp, type VState } from './vec-state.js';

/** Thrown for an instruction the model does not know (the test reports the form as not modelled). */
export class NotModelled extends Error {}

/** ConditionHolds on NZCV (bits 3..0). */
export function conditionHolds(cond: string, nzcv: number): boolean {
  const code = (CONDITIONS as Record<string, number>)[cond];
  if (code === undefined) throw new Error(`fp model: unknown condition ${cond}`);
  const n = (nzcv >> 3) & 1;
  const z = (nzcv >> 2) & 1;
  const c = (nzcv >> 1) & 1;
  const v = nzcv & 1;
  let r: boolean;
  switch (code >> 1) {
    case 0: r = z === 1; break;
    case 1: r = c === 1; break;
    case 2: r = n === 1; break;
    case 3: r = v === 1; break;
    case 4: r = c === 1 && z === 0; break;
    case 5: r = n === v; break;
    case 6: r = n === v && z === 0; break;
    default: r = true;
  }
  return (code & 1) === 1 && code !== 15 ? !r : r;
}

const ROUND_OF: Record<string, 'rn' | 'rp' | 'rm' | 'rz' | 'ra'> = { n: 'rn', p: 'rp', m: 'rm', z: 'rz', a: 'ra' };

function scalarType(o: VOp): 'h' | 's' | 'd' {
  if (o.k !== 'scalar' || (o.t !== 'h' && o.t !== 's' && o.t !== 'd')) throw new NotModelled('not an h/s/d register');
  return o.t;
}

function imm(o: VOp | undefined): number {
  if (!o || o.k !== 'imm') throw new Error('fp model: expected an immediate');
  return o.v;
}

function name(o: VOp | undefined): string {
  if (!o || o.k !== 'name') throw new Error('fp model: expected a name');
  return o.s;
}

/** Executes a scalar FP instruction; throws NotModelled for anything else. */
export function execFp(s: VState, text: string): void {
  const { mn, ops } = parseVInsn(text);
  const fpcr = s.fpcr;
  const rd = ops[0];
  const two = (f: (a: bigint, b: bigint) => bigint) => writeScalar(s, rd, f(readScalar(s, ops[1]), readScalar(s, ops[2])));
  const F = () => formatOf(scalarType(ops[ops[0].k === 'gpr' ? 1 : 0]));
  let m: RegExpExecArray | null;
  switch (mn) {
    case 'fadd': return two((a, b) => fpAdd(a, b, F(), fpcr));
    case 'fsub': return two((a, b) => fpAdd(a, b, F(), fpcr, true));
    case 'fmul': return two((a, b) => fpMul(a, b, F(), fpcr));
    case 'fnmul': return two((a, b) => fpNeg(fpMul(a, b, F(), fpcr), F()));
    case 'fdiv': return two((a, b) => fpDiv(a, b, F(), fpcr));
    case 'fmax': return two((a, b) => fpMaxMin(a, b, F(), fpcr, true, false));
    case 'fmin': return two((a, b) => fpMaxMin(a, b, F(), fpcr, false, false));
    case 'fmaxnm': return two((a, b) => fpMaxMin(a, b, F(), fpcr, true, true));
    case 'fminnm': return two((a, b) => fpMaxMin(a, b, F(), fpcr, false, true));
    case 'fmadd':
    case 'fmsub':
    case 'fnmadd':
    case 'fnmsub': {
      const f = F();
      let n = readScalar(s, ops[1]);
      const mm = readScalar(s, ops[2]);
      let a = readScalar(s, ops[3]);
      if (mn === 'fmsub' || mn === 'fnmadd') n = fpNeg(n, f);
      if (mn === 'fnmadd' || mn === 'fnmsub') a = fpNeg(a, f);
      return writeScalar(s, rd, fpMulAdd(a, n, mm, f, fpcr));
    }
    case 'fabs':
    case 'fneg':
    case 'fsqrt': {
      if (ops[1].k !== 'scalar') break;
      const f = F();
      const a = readScalar(s, ops[1]);
      return writeScalar(s, rd, mn === 'fabs' ? fpAbs(a, f) : mn === 'fneg' ? fpNeg(a, f) : fpSqrt(a, f, fpcr));
    }
    case 'fcmp':
    case 'fcmpe': {
      const f = F();
      const b = ops[1].k === 'imm' ? 0n : readScalar(s, ops[1]);
      s.nzcv = fpCompare(readScalar(s, ops[0]), b, f, mn === 'fcmpe');
      return;
    }
    case 'fccmp':
    case 'fccmpe': {
      const f = F();
      s.nzcv = conditionHolds(name(ops[3]), s.nzcv) ? fpCompare(readScalar(s, ops[0]), readScalar(s, ops[1]), f, mn === 'fccmpe') : imm(ops[2]);
      return;
    }
    case 'fcsel':
      return writeScalar(s, rd, conditionHolds(name(ops[3]), s.nzcv) ? readScalar(s, ops[1]) : readScalar(s, ops[2]));
    case 'fmov': {
      const src = ops[1];
      if (rd.k === 'scalar' && src.k === 'imm') return writeScalar(s, rd, fpFromNumber(src.v, F()));
      if (rd.k === 'scalar' && src.k === 'scalar') return writeScalar(s, rd, readScalar(s, src));
      if (rd.k === 'scalar' && src.k === 'gpr') return writeScalar(s, rd, readGpr(s, src) & mask(rd.bits));
      if (rd.k === 'gpr' && src.k === 'scalar') return writeGpr(s, rd, readScalar(s, src));
      if (rd.k === 'gpr' && src.k === 'elem') return writeGpr(s, rd, (s.v[src.n] >> 64n) & mask(64));
      if (rd.k === 'elem' && src.k === 'gpr') {
        s.v[rd.n] = withLane(s.v[rd.n], 64, rd.idx, readGpr(s, src));
        return;
      }
      break;
    }
    case 'fcvt': {
      const from = formatOf(scalarType(ops[1]));
      return writeScalar(s, rd, fpConvert(readScalar(s, ops[1]), from, F(), fpcr));
    }
    case 'fjcvtzs': {
      const r = fjcvtzs(readScalar(s, ops[1]));
      writeGpr(s, rd, r.value);
      s.nzcv = r.z ? 0b0100 : 0;
      return;
    }
    case 'scvtf':
    case 'ucvtf': {
      if (ops[1].k !== 'gpr') break;
      const raw = readGpr(s, ops[1]);
      const bits = ops[1].size;
      const v = mn === 'scvtf' ? BigInt.asIntN(bits, raw) : raw;
      const fbits = ops[2] ? imm(ops[2]) : 0;
      return writeScalar(s, rd, fixedToFp(v, fbits, F(), fpcrRounding(fpcr)));
    }
  }
  if ((m = /^frint([npmzaxi])$/.exec(mn)) && ops[1]?.k === 'scalar') {
    const r = m[1] === 'x' || m[1] === 'i' ? fpcrRounding(fpcr) : ROUND_OF[m[1]];
    return writeScalar(s, rd, fpRoundInt(readScalar(s, ops[1]), F(), fpcr, r, m[1] === 'x'));
  }
  if ((m = /^frint(32|64)([zx])$/.exec(mn)) && ops[1]?.k === 'scalar') {
    const r = m[2] === 'z' ? 'rz' : fpcrRounding(fpcr);
    return writeScalar(s, rd, fpRoundIntN(readScalar(s, ops[1]), F(), r, Number(m[1]) as 32 | 64));
  }
  if ((m = /^fcvt([npmza])([su])$/.exec(mn)) && rd.k === 'gpr') {
    const fbits = ops[2] ? imm(ops[2]) : 0;
    const f = formatOf(scalarType(ops[1]));
    return writeGpr(s, rd, fpToFixed(readScalar(s, ops[1]), f, fbits, m[2] === 'u', rd.size, ROUND_OF[m[1]]));
  }
  throw new NotModelled(`${mn}: not modelled`);
}
