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
// The VSP (src/vsp/): its state-block offsets S are exported here as VspStateOffsets (S is the A64 register).
export * from './vsp/index.js';
