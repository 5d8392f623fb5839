// Register names of the two architectures and their Unicorn 2 register ids.
//
// The ids are the values of UC_ARM64_REG_* (unicorn/arm64.h) and UC_X86_REG_* (unicorn/x86.h) of Debian
// libunicorn-dev 2.0.1.post1. They were printed by a C program compiled against those headers, and
// test/emulation/enums.test.ts recompiles such a program at test time and compares every entry below.
// Unicorn silently ignores an unknown register id (reads leave the buffer untouched), so a wrong number
// here would not fail loudly: the test is the guard.

export type Arch = 'a64' | 'x64';

/** Every architecture this layer supports, in a fixed order. */
export const ARCHES: readonly Arch[] = ['a64', 'x64'];

type D0_15 = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15;
type D16_28 = 16 | 17 | 18 | 19 | 20 | 21 | 22 | 23 | 24 | 25 | 26 | 27 | 28;
type D0_28 = D0_15 | D16_28;
type D0_30 = D0_28 | 29 | 30;
type D0_31 = D0_30 | 31;

/** AArch64 general-purpose registers x0..x30 (x29 = fp, x30 = lr are aliases). */
export type A64XReg = `x${D0_30}`;
/** AArch64 SIMD&FP registers as 128-bit values: q0..q31 and their v0..v31 aliases. */
export type A64VecReg = `q${D0_31}` | `v${D0_31}`;
/** Every AArch64 register name the engine reads and writes. */
export type A64Reg = A64XReg | 'sp' | 'pc' | 'nzcv' | 'fp' | 'lr' | 'fpcr' | 'fpsr' | A64VecReg;

/** x86-64 general-purpose registers. */
export type X64GpReg = 'rax' | 'rbx' | 'rcx' | 'rdx' | 'rsi' | 'rdi' | 'rbp' | 'rsp' | `r${8 | 9 | 10 | 11 | 12 | 13 | 14 | 15}`;
/** x86-64 SSE registers as 128-bit values. */
export type X64VecReg = `xmm${D0_15}`;
/** Every x86-64 register name the engine reads and writes. */
export type X64Reg = X64GpReg | 'rip' | 'rflags' | 'eflags' | 'mxcsr' | X64VecReg;

/** The register names of one architecture. */
export type RegName<A extends Arch> = A extends 'a64' ? A64Reg : A extends 'x64' ? X64Reg : never;
/** Any register name of any architecture. */
export type AnyRegName = A64Reg | X64Reg;

/** What a register is, for tables and defaults. */
export type RegKind = 'gpr' | 'sp' | 'pc' | 'flags' | 'control' | 'vector';

export interface RegInfo {
  /** Our name (lower case, as written in assembly). */
  readonly name: string;
  /** Unicorn register id (UC_ARM64_REG_* / UC_X86_REG_*). */
  readonly id: number;
  /** The C enumerator the id comes from, e.g. `UC_ARM64_REG_X0`. */
  readonly cName: string;
  /** Width in bits: 32 (nzcv, fpcr, fpsr, eflags, mxcsr), 64, or 128 (vector registers). */
  readonly bits: 32 | 64 | 128;
  readonly kind: RegKind;
}

function reg(prefix: string, name: string, id: number, bits: 32 | 64 | 128, kind: RegKind): RegInfo {
  return Object.freeze({ name, id, cName: prefix + name.toUpperCase(), bits, kind });
}

function buildA64(): RegInfo[] {
  const P = 'UC_ARM64_REG_';
  const out: RegInfo[] = [];
  for (let i = 0; i <= 28; i++) out.push(reg(P, `x${i}`, 199 + i, 64, 'gpr'));
  out.push(reg(P, 'x29', 1, 64, 'gpr'), reg(P, 'x30', 2, 64, 'gpr'));
  out.push(reg(P, 'sp', 4, 64, 'sp'), reg(P, 'pc', 260, 64, 'pc'), reg(P, 'nzcv', 3, 32, 'flags'));
  out.push(reg(P, 'fp', 1, 64, 'gpr'), reg(P, 'lr', 2, 64, 'gpr'));
  out.push(reg(P, 'fpcr', 291, 32, 'control'), reg(P, 'fpsr', 292, 32, 'control'));
  for (let i = 0; i <= 31; i++) out.push(reg(P, `q${i}`, 104 + i, 128, 'vector'));
  for (let i = 0; i <= 31; i++) out.push(reg(P, `v${i}`, 228 + i, 128, 'vector'));
  return out;
}

function buildX64(): RegInfo[] {
  const P = 'UC_X86_REG_';
  const out: RegInfo[] = [];
  const gp: Array<[string, number]> = [
    ['rax', 35], ['rbx', 37], ['rcx', 38], ['rdx', 40], ['rsi', 43], ['rdi', 39], ['rbp', 36], ['rsp', 44],
  ];
  for (const [n, id] of gp) out.push(reg(P, n, id, 64, n === 'rsp' ? 'sp' : 'gpr'));
  for (let i = 8; i <= 15; i++) out.push(reg(P, `r${i}`, 106 + (i - 8), 64, 'gpr'));
  out.push(reg(P, 'rip', 41, 64, 'pc'), reg(P, 'rflags', 253, 64, 'flags'), reg(P, 'eflags', 25, 32, 'flags'));
  out.push(reg(P, 'mxcsr', 249, 32, 'control'));
  for (let i = 0; i <= 15; i++) out.push(reg(P, `xmm${i}`, 122 + i, 128, 'vector'));
  return out;
}

/** Register tables per architecture, in a fixed order. */
export const REGISTERS: { readonly [A in Arch]: readonly RegInfo[] } = Object.freeze({
  a64: Object.freeze(buildA64()),
  x64: Object.freeze(buildX64()),
});

const LOOKUP: { readonly [A in Arch]: ReadonlyMap<string, RegInfo> } = {
  a64: new Map(REGISTERS.a64.map((r) => [r.name, r])),
  x64: new Map(REGISTERS.x64.map((r) => [r.name, r])),
};

/** The table entry of `name`, or undefined when `arch` has no such register. */
export function findRegister(arch: Arch, name: string): RegInfo | undefined {
  return LOOKUP[arch].get(name);
}

/** Every register name of `arch`, for error messages. */
export function registerNames(arch: Arch): string[] {
  return REGISTERS[arch].map((r) => r.name);
}

/** AArch64 x0..x30 in order (index = register number). */
export const A64_X_REGS: readonly A64XReg[] = Object.freeze(Array.from({ length: 31 }, (_, i) => `x${i}` as A64XReg));
/** x86-64 general-purpose registers in encoding order (rax=0 … r15=15). */
export const X64_GP_REGS: readonly X64GpReg[] = Object.freeze([
  'rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15',
] as X64GpReg[]);

/** The registers a harness reads back by default: the integer state and the flags (no vectors, no pc). */
export const DEFAULT_OUTPUT_REGS: { readonly [A in Arch]: readonly string[] } = Object.freeze({
  a64: Object.freeze([...A64_X_REGS, 'sp', 'nzcv']),
  x64: Object.freeze([...X64_GP_REGS, 'rflags']),
});

/** AArch64 NZCV bit positions (in the nzcv register as Unicorn reports it). */
export const NZCV = Object.freeze({ N: 1n << 31n, Z: 1n << 30n, C: 1n << 29n, V: 1n << 28n });
/** x86-64 RFLAGS status bit positions. */
export const RFLAGS = Object.freeze({ CF: 1n << 0n, PF: 1n << 2n, AF: 1n << 4n, ZF: 1n << 6n, SF: 1n << 7n, OF: 1n << 11n });
