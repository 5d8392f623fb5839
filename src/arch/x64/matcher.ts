// Matching parsed operands against the forms of a mnemonic. A form matches when every operand fits its
// type: by kind for interpolated values (their class is in the plan signature) and by value for
// constants. Value-dependent parts of a match (an interpolated immediate that must fit imm8, a register
// that must be `cl`) become conditions checked at fill time. The matching forms, shortest first, are the
// instruction's candidates; the first whose conditions hold is encoded (src/arch/x64/fill.ts).

import { ErrorCodes, type ErrorCode } from '../../../dsl/errors.js';
import { VK } from '../../../dsl/arch.js';
import type { Token } from '../../../dsl/lexer.js';
import { describeImm, immFits } from './encoders.js';
import { OT, type Form, type OpType } from './forms.js';
import { UO, type Operand } from './operands.js';
import { CLASS_SIZE, KIND_CLASS, KIND_NAMES, XK } from './registers.js';

/** Fill-time conditions (stride 5: code, operand, a, b, c). */
export const C = {
  /** Immediate operand fits: a = bits, b = sext, c = osz. */
  IMM: 1,
  /** Register operand number equals a. */
  REG: 2,
  /** Immediate operand equals a (a literal constant in the row: `1`, `3`). */
  ONE: 3,
} as const;
export const COND_STRIDE = 5;

/** Why a form does not match (texts are made only when an error is reported). */
export class Mismatch {
  constructor(
    /** 1-based operand index (0: operand count). */
    readonly operand: number,
    readonly code: ErrorCode,
    /** The failure is about the operand's shape (kind/class/size), not its value. */
    readonly shape: boolean,
    readonly tok: Token | undefined,
    private readonly type: OpType | null,
    private readonly osz: number,
    private readonly op: Operand | null,
    private readonly argKind: ((i: number) => number) | null,
    /** Operand counts (operand 0): [wanted, got]. */
    private readonly counts: readonly [number, number] | null,
  ) {}

  get expected(): string {
    if (this.counts) return `${this.counts[0]} operand${this.counts[0] === 1 ? '' : 's'}`;
    return describeType(this.type!, this.osz);
  }

  get actual(): string {
    if (this.counts) return `${this.counts[1]}`;
    return describeOperand(this.op!, this.argKind!);
  }
}

export class Match {
  constructor(
    readonly form: Form,
    /** Fill-time conditions (stride COND_STRIDE). */
    readonly conds: Int32Array,
  ) {}
}

const SIZE_NAME: Record<number, string> = { 1: 'byte', 2: 'word', 4: 'dword', 8: 'qword', 16: 'xmmword', 32: 'ymmword' };
const CLASS_NAME: Record<string, string> = { r8: '8-bit register', r8h: '8-bit register', r16: '16-bit register', r32: '32-bit register', r64: '64-bit register', xmm: 'xmm register', ymm: 'ymm register' };

/** Human description of an operand type (messages, listings). */
export function describeType(t: OpType, osz: number): string {
  switch (t.t) {
    case OT.REG:
      return CLASS_NAME[t.cls!];
    case OT.RM:
      return `${CLASS_NAME[t.cls!]} or ${SIZE_NAME[t.msize]} memory`;
    case OT.MEM:
      return t.msize ? `${SIZE_NAME[t.msize]} memory` : 'memory';
    case OT.IMM:
      return describeImm(t, osz);
    case OT.REL:
      return 'label';
    case OT.FIXED:
      return t.text;
    default:
      return String(t.num);
  }
}

/** What the user wrote, for messages. */
export function describeOperand(o: Operand, argKind: (i: number) => number): string {
  switch (o.k) {
    case UO.REG:
      return o.reg ? o.reg.name : `\${${o.hole}} (${KIND_NAMES[o.kind]})`;
    case UO.IMM:
      return o.hole >= 0 ? `\${${o.hole}} (number)` : String(o.value);
    case UO.LABEL:
      return 'label';
    case UO.MEM: {
      if (o.obj >= 0) return `\${${o.obj}} (${KIND_NAMES[argKind(o.obj)]})`;
      return `${o.size ? SIZE_NAME[o.size] + ' ' : 'unsized '}memory`;
    }
  }
}

function regClassOk(typeCls: string, kind: number): boolean {
  const c = KIND_CLASS[kind];
  if (!c) return false;
  if (typeCls === 'r8') return c === 'r8' || c === 'r8h';
  return c === typeCls;
}

/** Size in bytes of a memory operand (0 unsized): written size, else the Mem object's kind. */
export function memSize(o: Extract<Operand, { k: 3 }>, argKind: (i: number) => number): number {
  if (o.size) return o.size;
  if (o.obj >= 0) {
    const k = argKind(o.obj);
    return [0, 1, 2, 4, 8, 16, 32][k - XK.MEM] ?? 0;
  }
  return 0;
}

/** Matches `ops` against form `f`: a Match, or why not. */
export function matchForm(f: Form, ops: readonly Operand[], argKind: (i: number) => number): Match | Mismatch {
  const types = f.types;
  if (types.length !== ops.length) {
    return new Mismatch(0, ErrorCodes.NOFORM, true, undefined, null, 0, null, null, [types.length, ops.length]);
  }
  const conds: number[] = [];
  for (let i = 0; i < types.length; i++) {
    const t = types[i];
    const o = ops[i];
    const fail = (code: ErrorCode, shape: boolean): Mismatch => new Mismatch(i + 1, code, shape, o.tok, t, f.osz, o, argKind, null);
    switch (t.t) {
      case OT.FIXED: {
        if (o.k !== UO.REG) return fail(ErrorCodes.OPERAND, true);
        if (!regClassOk(t.cls!, o.kind)) return fail(ErrorCodes.REGCLASS, true);
        if (o.reg) {
          if (o.reg.num !== t.num || (o.reg.cls === 'r8h') !== (t.cls === 'r8h')) return fail(ErrorCodes.OPERAND, false);
        } else conds.push(C.REG, i, t.num, 0, 0);
        break;
      }
      case OT.ONE: {
        if (o.k !== UO.IMM) return fail(ErrorCodes.OPERAND, true);
        if (o.hole >= 0) conds.push(C.ONE, i, t.num, 0, 0);
        else if (o.value !== t.num && o.value !== BigInt(t.num)) return fail(ErrorCodes.RANGE, false);
        break;
      }
      case OT.REG: {
        if (o.k !== UO.REG) return fail(ErrorCodes.OPERAND, true);
        if (!regClassOk(t.cls!, o.kind)) return fail(ErrorCodes.REGCLASS, true);
        break;
      }
      case OT.RM: {
        if (o.k === UO.REG) {
          if (!regClassOk(t.cls!, o.kind)) return fail(ErrorCodes.REGCLASS, true);
        } else if (o.k === UO.MEM) {
          const s = memSize(o, argKind);
          if (s !== 0 && s !== t.msize) return fail(ErrorCodes.OPERAND, true);
        } else return fail(ErrorCodes.OPERAND, true);
        break;
      }
      case OT.MEM: {
        if (o.k !== UO.MEM) return fail(ErrorCodes.OPERAND, true);
        const s = memSize(o, argKind);
        if (t.msize !== 0 && s !== 0 && s !== t.msize) return fail(ErrorCodes.OPERAND, true);
        break;
      }
      case OT.IMM: {
        if (o.k !== UO.IMM) return fail(ErrorCodes.OPERAND, true);
        if (o.hole >= 0) conds.push(C.IMM, i, t.bits, t.sext ? 1 : 0, f.osz);
        else if (!immFits(o.value, t.bits, t.sext, f.osz)) return fail(ErrorCodes.RANGE, false);
        break;
      }
      case OT.REL: {
        if (o.k !== UO.LABEL) return fail(ErrorCodes.OPERAND, true);
        break;
      }
    }
  }
  return new Match(f, new Int32Array(conds));
}

/** Size in bytes of a register-class operand of a form (for operand-size consistency). */
export function typeRegSize(t: OpType): number {
  return t.cls ? CLASS_SIZE[t.cls] : 0;
}

export { VK };
