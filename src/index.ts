// Public API of dynasm-ts. Each area exports its own entry; this file only gathers them.
export { packageRoot, packagePath } from './paths.js';
