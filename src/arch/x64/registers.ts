// x86-64 registers: one preallocated object per register, typed by class.
// Classes: general purpose r64 (rax..r15), r32 (eax..r15d), r16 (ax..r15w), r8 (al..r15b, with spl,
// bpl, sil, dil at 4..7, which need a REX prefix), r8h (ah, ch, dh, bh at 4..7, which forbid one),
// xmm0..15, ymm0..15, and rip (only as a memory base: `[rip + label]`).
// `R64(n)`, `R32(n)`, … return the preallocated objects: choosing a register at run time allocates nothing.

import { VALUE_KIND, VK } from '../../../dsl/arch.js';

export type X64RegClass = 'r8' | 'r8h' | 'r16' | 'r32' | 'r64' | 'xmm' | 'ymm' | 'rip';

/** Value kinds of x64 registers and memory operands (the plan signature). */
export const XK = {
  R8: VK.ARCH + 0,
  R8H: VK.ARCH + 1,
  R16: VK.ARCH + 2,
  R32: VK.ARCH + 3,
  R64: VK.ARCH + 4,
  XMM: VK.ARCH + 5,
  YMM: VK.ARCH + 6,
  RIP: VK.ARCH + 7,
  /** Memory operand objects (src/arch/x64/mem.ts): unsized, then by size (byte … ymmword). */
  MEM: VK.ARCH + 8,
  MEM8: VK.ARCH + 9,
  MEM16: VK.ARCH + 10,
  MEM32: VK.ARCH + 11,
  MEM64: VK.ARCH + 12,
  MEM128: VK.ARCH + 13,
  MEM256: VK.ARCH + 14,
} as const;

/** Memory kind of a size in bytes (0 = unsized). */
export function memKind(size: number): number {
  switch (size) {
    case 1:
      return XK.MEM8;
    case 2:
      return XK.MEM16;
    case 4:
      return XK.MEM32;
    case 8:
      return XK.MEM64;
    case 16:
      return XK.MEM128;
    case 32:
      return XK.MEM256;
    default:
      return XK.MEM;
  }
}

/** Size in bytes of a memory kind (0 = unsized), or −1 if `k` is no memory kind. */
export function memKindSize(k: number): number {
  return k >= XK.MEM && k <= XK.MEM256 ? [0, 1, 2, 4, 8, 16, 32][k - XK.MEM] : -1;
}

const CLASS_KIND: Record<X64RegClass, number> = {
  r8: XK.R8,
  r8h: XK.R8H,
  r16: XK.R16,
  r32: XK.R32,
  r64: XK.R64,
  xmm: XK.XMM,
  ymm: XK.YMM,
  rip: XK.RIP,
};

/** Size in bytes of each class's registers. */
export const CLASS_SIZE: Record<X64RegClass, number> = { r8: 1, r8h: 1, r16: 2, r32: 4, r64: 8, xmm: 16, ymm: 32, rip: 8 };

/** Human names of the kinds. */
export const KIND_NAMES: Record<number, string> = {
  [XK.R8]: '8-bit register',
  [XK.R8H]: 'high 8-bit register (ah..bh)',
  [XK.R16]: '16-bit register',
  [XK.R32]: '32-bit register',
  [XK.R64]: '64-bit register',
  [XK.XMM]: 'xmm register',
  [XK.YMM]: 'ymm register',
  [XK.RIP]: 'rip',
  [XK.MEM]: 'memory operand (unsized)',
  [XK.MEM8]: 'byte memory operand',
  [XK.MEM16]: 'word memory operand',
  [XK.MEM32]: 'dword memory operand',
  [XK.MEM64]: 'qword memory operand',
  [XK.MEM128]: 'xmmword memory operand',
  [XK.MEM256]: 'ymmword memory operand',
};

/** The register class of a kind, or null. */
export const KIND_CLASS: Record<number, X64RegClass> = Object.fromEntries(Object.entries(CLASS_KIND).map(([c, k]) => [k, c])) as Record<number, X64RegClass>;

/** An x86-64 register. `num` is the 4-bit encoding (ah..bh: 4..7); `kind` its class as a signature kind. */
export class X64Reg<C extends X64RegClass = X64RegClass> {
  readonly [VALUE_KIND]: number;
  /** @internal */
  constructor(
    readonly cls: C,
    readonly num: number,
    readonly name: string,
    readonly kind: number,
  ) {
    this[VALUE_KIND] = kind;
  }
  /** Size in bytes. */
  get size(): number {
    return CLASS_SIZE[this.cls];
  }
  toString(): string {
    return this.name;
  }
}

export type Gpr64 = X64Reg<'r64'>;
export type Gpr32 = X64Reg<'r32'>;
export type Gpr16 = X64Reg<'r16'>;
export type Gpr8 = X64Reg<'r8' | 'r8h'>;
export type Xmm = X64Reg<'xmm'>;
export type Ymm = X64Reg<'ymm'>;

const N64 = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi'];
const N32 = ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi'];
const N16 = ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di'];
const N8 = ['al', 'cl', 'dl', 'bl', 'spl', 'bpl', 'sil', 'dil'];

function make<C extends X64RegClass>(cls: C, name: (i: number) => string, n = 16, first = 0): X64Reg<C>[] {
  const out: X64Reg<C>[] = [];
  for (let i = first; i < first + n; i++) out.push(new X64Reg(cls, i, name(i), CLASS_KIND[cls]));
  return out;
}

const R64S = make('r64', (i) => (i < 8 ? N64[i] : `r${i}`));
const R32S = make('r32', (i) => (i < 8 ? N32[i] : `r${i}d`));
const R16S = make('r16', (i) => (i < 8 ? N16[i] : `r${i}w`));
const R8S = make('r8', (i) => (i < 8 ? N8[i] : `r${i}b`));
const R8HS = make('r8h', (i) => ['ah', 'ch', 'dh', 'bh'][i - 4], 4, 4);
const XMMS = make('xmm', (i) => `xmm${i}`);
const YMMS = make('ymm', (i) => `ymm${i}`);
export const rip: X64Reg<'rip'> = new X64Reg('rip', 5, 'rip', XK.RIP);

function pick<T>(table: readonly T[], n: number, what: string): T {
  if (!Number.isInteger(n) || n < 0 || n >= table.length) throw new RangeError(`${what}(${n}): register number must be an integer 0..${table.length - 1}`);
  return table[n];
}

/** 64-bit register by number (0 = rax … 15 = r15). */
export function R64(n: number): Gpr64 {
  return pick(R64S, n, 'R64');
}
export function R32(n: number): Gpr32 {
  return pick(R32S, n, 'R32');
}
export function R16(n: number): Gpr16 {
  return pick(R16S, n, 'R16');
}
/** 8-bit register by number: 0..15 = al, cl, dl, bl, spl, bpl, sil, dil, r8b..r15b (never ah..bh). */
export function R8(n: number): X64Reg<'r8'> {
  return pick(R8S, n, 'R8');
}
export function XMM(n: number): Xmm {
  return pick(XMMS, n, 'XMM');
}
export function YMM(n: number): Ymm {
  return pick(YMMS, n, 'YMM');
}

export const [rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi, r8, r9, r10, r11, r12, r13, r14, r15] = R64S;
export const [eax, ecx, edx, ebx, esp, ebp, esi, edi, r8d, r9d, r10d, r11d, r12d, r13d, r14d, r15d] = R32S;
export const [ax, cx, dx, bx, sp, bp, si, di, r8w, r9w, r10w, r11w, r12w, r13w, r14w, r15w] = R16S;
export const [al, cl, dl, bl, spl, bpl, sil, dil, r8b, r9b, r10b, r11b, r12b, r13b, r14b, r15b] = R8S;
export const [ah, ch, dh, bh] = R8HS;
export const [xmm0, xmm1, xmm2, xmm3, xmm4, xmm5, xmm6, xmm7, xmm8, xmm9, xmm10, xmm11, xmm12, xmm13, xmm14, xmm15] = XMMS;
export const [ymm0, ymm1, ymm2, ymm3, ymm4, ymm5, ymm6, ymm7, ymm8, ymm9, ymm10, ymm11, ymm12, ymm13, ymm14, ymm15] = YMMS;

/** Register names in template text → register (also GNU's r8l..r15l spellings of r8b..r15b). */
export const REG_NAMES: ReadonlyMap<string, X64Reg> = (() => {
  const m = new Map<string, X64Reg>();
  for (const r of [...R64S, ...R32S, ...R16S, ...R8S, ...R8HS, ...XMMS, ...YMMS, rip]) m.set(r.name, r);
  for (let i = 8; i < 16; i++) m.set(`r${i}l`, R8S[i]);
  return m;
})();

/** Every register of a class, in number order (generators and docs). */
export function regsOfClass(cls: X64RegClass): readonly X64Reg[] {
  switch (cls) {
    case 'r64':
      return R64S;
    case 'r32':
      return R32S;
    case 'r16':
      return R16S;
    case 'r8':
      return R8S;
    case 'r8h':
      return R8HS;
    case 'xmm':
      return XMMS;
    case 'ymm':
      return YMMS;
    case 'rip':
      return [rip];
  }
}
