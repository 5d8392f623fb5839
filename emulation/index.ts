// dynasm-ts/emulation: Unicorn 2 (koffi) engines, Capstone (capstone-wasm) disassembly and the run harness.
// See docs/emulation.md.
export {
  EmulationError,
  LibraryUnavailableError,
  EngineClosedError,
  InvalidArgumentError,
  MemoryMapError,
  MemoryAccessError,
  RegisterError,
  UnicornError,
  DisassemblyError,
  HarnessError,
  hex,
  hexBytes,
  type EmulationErrorCode,
} from './errors.js';

export {
  ARCHES,
  REGISTERS,
  A64_X_REGS,
  X64_GP_REGS,
  DEFAULT_OUTPUT_REGS,
  NZCV,
  RFLAGS,
  findRegister,
  registerNames,
  type Arch,
  type A64Reg,
  type A64XReg,
  type A64VecReg,
  type X64Reg,
  type X64GpReg,
  type X64VecReg,
  type RegName,
  type AnyRegName,
  type RegInfo,
  type RegKind,
} from './registers.js';

export { CPU_MODELS, unicornVersion, ucStrerror } from './native.js';

export {
  Engine,
  EngineContext,
  RegisterSet,
  PAGE_SIZE,
  X64_SYSCALL_INTERRUPT,
  A64_UDEF_INTERRUPT,
  describeStop,
  exceptionName,
  type Perms,
  type MappedRegion,
  type CpuModel,
  type OpenOptions,
  type RunOptions,
  type ResumableException,
  type ExceptionEvent,
  type StopReason,
  type StopKind,
} from './unicorn.js';

export {
  loadDisassembler,
  loadedDisassembler,
  disassemble,
  formatListing,
  insnText,
  type Disassembler,
  type DisasmInsn,
  type DisasmOptions,
} from './capstone.js';

export {
  Harness,
  Program,
  RunError,
  FRAME_BYTES,
  requireStop,
  sharedHarness,
  closeSharedHarnesses,
  type RunStyle,
  type DataRegionSpec,
  type HarnessOptions,
  type HarnessLayout,
  type MemoryInput,
  type MemoryOutput,
  type RegValues,
  type RunSettings,
  type Case,
  type CaseResult,
  type ProgramSpec,
} from './harness.js';
