export { ExecutableMemory } from './executable-memory.js';
export { ExecMemoryError } from './os-memory.js';
export { nativeFunction, type NativeFunction } from './native-function.js';
export { detectHost, host, type HostTarget, type NativeArch } from './host.js';
