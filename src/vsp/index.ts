// The public VSP surface: the opcode table and state-block layout every engine shares, loading (container,
// program checks), the reference interpreter and the engine table, the canonical state, the host
// instructions, and the text assembler/disassembler. The hot-path internals (int64 helpers, pre-decoded
// words) are importable from their modules but not re-exported here.
export { Op, VSP_OPCODES, VSP_OPCODE_BY_CODE, VSP_OPCODE_BY_MNEMONIC, VSP_SIZE_BY_CODE } from '../../spec/vsp/opcodes.js';
export type { VspFormat, VspGroup, VspOpcode, VspShape } from '../../spec/vsp/opcodes.js';
export * as Sil8Tables from '../../spec/vsp/sil8-tables.js';
export * from './state-layout.js';
/** The state-block offsets S under a name that does not collide at the package root (where S is an A64 register). */
export { S as VspStateOffsets } from './state-layout.js';
export { DEFAULT_BUDGET, VspState, type InitialState } from './state.js';
export * as ByteSil from './bytesil.js';
export { ADD_TABLE, SUB_TABLE } from './bytesil-tables.js';
export * as VspValues from './values.js';
export { SymbolKind, type Program, type VspDebugInfo, type VspSymbol } from './program.js';
export { decodeInstruction, operandsValid, type DecodeResult, type Instruction } from './decode.js';
export { verifyProgram, type VerifyResult } from './verify.js';
export {
  checkProgram,
  loadContainer,
  readContainer,
  writeContainer,
  type ContainerResult,
  type LoadedProgram,
  type LoadError,
  type LoadResult,
} from './container.js';
export { Fnv1a64, fnv1a64Hex } from './fnv.js';
export {
  canonicalInvalid,
  canonicalJson,
  canonicalState,
  errorName,
  statusName,
  type Canonical,
  type CanonicalInvalid,
  type CanonicalState,
  type StatusName,
} from './canonical.js';
export { prepareProgram, runInterpreter, type PreparedProgram } from './interpreter.js';
export {
  getEngine,
  initialState,
  interpreterEngine,
  listEngines,
  registerEngine,
  runProgram,
  runProgramSync,
  type RunOptions,
  type VspEngine,
} from './engine.js';
export { runHostInstruction } from './host-ops.js';
export { assembleText, formatDiagnostic, VspAsmError, type AsmDiagnostic, type AsmResult } from './text-asm.js';
export { disassembleText, VspDisasmError } from './text-disasm.js';
