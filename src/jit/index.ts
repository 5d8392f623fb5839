// The VSP JIT's public entry (`dynasm-ts/jit`): compile a verified program for a64 or x64, run it natively
// or in Unicorn, the engines of `vsp run --engine` (importing this module registers native, unicorn-a64 and
// unicorn-x64 for getEngine), statistics, listings and register maps. See docs/jit-design.md.
export { compileA64, type A64CompileOptions } from './a64/compile.js';
export { compileX64, type X64CompileOptions } from './x64/compile.js';
export { JitCompileError, type BackendOptions } from './backend.js';
export type { CompiledProgram, CompileOptions } from './compiler.js';
export { runCompiled, JitProtocolError, EXIT_STOPPED, EXIT_HOST, EXIT_TAIL, type CompiledEntry } from './driver.js';
export { NativeCode, NativeRunner, backendCompiler, nativeEngine, nativeUnavailable, type NativeCompileOptions } from './native-engine.js';
export { UnicornA64Runner, unicornA64Engine } from './unicorn-engine.js';
export { UnicornX64Runner, unicornX64Engine } from './unicorn-x64-engine.js';
export { runnerFor, runsNatively, type CompiledRunner } from './runners.js';
export { jitStats, type JitStats } from './stats.js';
export { formatJitListing, type ListingOptions } from './listing.js';
export { registerMap, type RegisterMap, type RegisterRole } from './register-map.js';
