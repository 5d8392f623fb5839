// Public API of dynasm-ts. Each area exports its own entry; this file only gathers them.
export { packageRoot, packagePath } from './paths.js';
// The dynasm DSL (dsl/) and the A64 architecture (src/arch/a64/, registers itself on import).
export { Assembler, type AssemblerOptions, type ArchValue } from '../dsl/assembler.js';
export { Label } from '../dsl/label.js';
export { DynasmError, DynasmSyntaxError, OperandError, LabelError, DirectiveError, UsageError, ErrorCodes, type ErrorCode } from '../dsl/errors.js';
export { registerArch, getArch, registeredArchs, VALUE_KIND, kindOf, VK, type Arch, type ArchName, type ArchValueMap, type InsnSink, type InsnStatement, type LabelSyntax } from '../dsl/arch.js';
export { a64 } from './arch/a64/index.js';
export type { A64Value, A64Name } from './arch/a64/values.js';
export { Reg, X, W, B, H, S, D, Q, V, xzr, wzr, sp, wsp, fp, lr, type RegClass, type XReg, type WReg } from './arch/a64/registers.js';
export { x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15, x16, x17, x18, x19, x20, x21, x22, x23, x24, x25, x26, x27, x28, x29, x30 } from './arch/a64/registers.js';
export { w0, w1, w2, w3, w4, w5, w6, w7, w8, w9, w10, w11, w12, w13, w14, w15, w16, w17, w18, w19, w20, w21, w22, w23, w24, w25, w26, w27, w28, w29, w30 } from './arch/a64/registers.js';
// The x64 architecture (src/arch/x64/, registers itself on import). Its 16-bit `sp` is exported as `sp16`
// (`sp` is the A64 stack pointer); every x64 register is also in the `x64regs` namespace.
export { x64 } from './arch/x64/index.js';
export type { X64Value } from './arch/x64/values.js';
export { X64Reg, R64, R32, R16, R8, XMM, YMM, rip, type X64RegClass, type Gpr64, type Gpr32, type Gpr16, type Gpr8, type Xmm, type Ymm } from './arch/x64/registers.js';
export { rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi, r8, r9, r10, r11, r12, r13, r14, r15 } from './arch/x64/registers.js';
export { eax, ecx, edx, ebx, esp, ebp, esi, edi, r8d, r9d, r10d, r11d, r12d, r13d, r14d, r15d } from './arch/x64/registers.js';
export { ax, cx, dx, bx, sp as sp16, bp, si, di, r8w, r9w, r10w, r11w, r12w, r13w, r14w, r15w } from './arch/x64/registers.js';
export { al, cl, dl, bl, spl, bpl, sil, dil, r8b, r9b, r10b, r11b, r12b, r13b, r14b, r15b, ah, ch, dh, bh } from './arch/x64/registers.js';
export { xmm0, xmm1, xmm2, xmm3, xmm4, xmm5, xmm6, xmm7, xmm8, xmm9, xmm10, xmm11, xmm12, xmm13, xmm14, xmm15 } from './arch/x64/registers.js';
export { ymm0, ymm1, ymm2, ymm3, ymm4, ymm5, ymm6, ymm7, ymm8, ymm9, ymm10, ymm11, ymm12, ymm13, ymm14, ymm15 } from './arch/x64/registers.js';
export * as x64regs from './arch/x64/registers.js';
export { mem, Mem, type MemSize } from './arch/x64/mem.js';
// The VSP (src/vsp/): its state-block offsets S are exported here as VspStateOffsets (S is the A64 register).
export * from './vsp/index.js';
// Executable memory and native calls (src/exec/): W^X code pages, koffi-bound native functions.
export { ExecutableMemory, ExecMemoryError, nativeFunction, detectHost, type NativeFunction, type HostTarget, type NativeArch } from './exec/index.js';
