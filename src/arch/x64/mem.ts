// Memory operands as typed values: `mem.qword(rsp, 48)` is `qword ptr [rsp + 48]`,
// `mem.dword(rdi, rcx, 4, -8)` is `dword ptr [rdi + rcx*4 - 8]`. Interpolate one where an operand goes:
// a.dynasm`mov rax, ${mem.qword(rbx, idx, 8)}`. The size is part of the plan signature (a qword and a
// dword operand make different plans), so a call site can take either.
// A Mem is checked when it is made (base and index are 64-bit registers, index not rsp, scale 1/2/4/8,
// displacement a signed 32-bit integer). Making one allocates; for allocation-free hot paths write the
// brackets in the template and interpolate the parts: `mov rax, qword ptr [${base} + ${idx}*8 + ${d}]`.

import { VALUE_KIND } from '../../../dsl/arch.js';
import { ErrorCodes, OperandError } from '../../../dsl/errors.js';
import { memKind, XK, type Gpr64, type X64Reg } from './registers.js';

export type MemSize = 0 | 1 | 2 | 4 | 8 | 16 | 32;

const SIZE_NAMES: Record<number, string> = { 0: '', 1: 'byte ptr ', 2: 'word ptr ', 4: 'dword ptr ', 8: 'qword ptr ', 16: 'xmmword ptr ', 32: 'ymmword ptr ' };

export class Mem {
  /** Plan-signature kind (XK.MEM… by size). */
  readonly kind: number;
  readonly [VALUE_KIND]: number;
  /** @internal use `mem.qword(…)` and friends. */
  constructor(
    /** Operand size in bytes, 0 = unsized (the other operands decide). */
    readonly size: MemSize,
    readonly base: Gpr64 | null,
    readonly index: Gpr64 | null,
    readonly scale: 1 | 2 | 4 | 8,
    readonly disp: number,
  ) {
    this.kind = memKind(size);
    this[VALUE_KIND] = this.kind;
  }

  toString(): string {
    const parts: string[] = [];
    if (this.base) parts.push(this.base.name);
    if (this.index) parts.push(`${this.index.name}*${this.scale}`);
    let s = parts.join(' + ');
    if (this.disp !== 0 || !s) s += s ? (this.disp < 0 ? ` - ${-this.disp}` : ` + ${this.disp}`) : String(this.disp);
    return `${SIZE_NAMES[this.size]}[${s}]`;
  }
}

function bad(detail: string, expected: string, actual: unknown, code: typeof ErrorCodes.RANGE | typeof ErrorCodes.REGCLASS = ErrorCodes.RANGE): never {
  throw new OperandError(code, detail, { expected, actual: String(actual) });
}

function isGpr64(r: unknown): r is Gpr64 {
  return typeof r === 'object' && r !== null && (r as X64Reg).kind === XK.R64;
}

function make(size: MemSize, base: Gpr64 | null, indexOrDisp?: Gpr64 | number | null, scale?: number, disp?: number): Mem {
  let index: Gpr64 | null = null;
  let d = 0;
  let s = 1;
  if (typeof indexOrDisp === 'number') {
    if (scale !== undefined || disp !== undefined) bad('mem(base, disp) takes no scale or further displacement', 'mem(base, index, scale, disp)', indexOrDisp);
    d = indexOrDisp;
  } else {
    index = indexOrDisp ?? null;
    s = scale ?? 1;
    d = disp ?? 0;
  }
  if (base !== null && !isGpr64(base)) bad('memory base must be a 64-bit register', 'rax..r15', base, ErrorCodes.REGCLASS);
  if (index !== null) {
    if (!isGpr64(index)) bad('memory index must be a 64-bit register', 'rax..r15 except rsp', index, ErrorCodes.REGCLASS);
    if (index.num === 4) bad('rsp cannot be an index register', 'rax..r15 except rsp', index, ErrorCodes.REGCLASS);
  }
  if (s !== 1 && s !== 2 && s !== 4 && s !== 8) bad('scale must be 1, 2, 4 or 8', '1, 2, 4, 8', s);
  if (!Number.isInteger(d) || d < -0x80000000 || d > 0x7fffffff) bad('displacement must be a signed 32-bit integer', '-2147483648..2147483647', d);
  return new Mem(size, base, index, s as 1 | 2 | 4 | 8, d);
}

type Maker = (base: Gpr64 | null, indexOrDisp?: Gpr64 | number | null, scale?: number, disp?: number) => Mem;

/** Memory operand makers by size: `(base, disp)` or `(base, index, scale, disp)`; base may be null. */
export const mem: {
  readonly ptr: Maker;
  readonly byte: Maker;
  readonly word: Maker;
  readonly dword: Maker;
  readonly qword: Maker;
  readonly xmmword: Maker;
  readonly ymmword: Maker;
} = {
  ptr: (b, i, s, d) => make(0, b, i, s, d),
  byte: (b, i, s, d) => make(1, b, i, s, d),
  word: (b, i, s, d) => make(2, b, i, s, d),
  dword: (b, i, s, d) => make(4, b, i, s, d),
  qword: (b, i, s, d) => make(8, b, i, s, d),
  xmmword: (b, i, s, d) => make(16, b, i, s, d),
  ymmword: (b, i, s, d) => make(32, b, i, s, d),
};
