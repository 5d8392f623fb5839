// The TypeScript type of values x64 templates accept in `${}`: registers, memory operands, numbers,
// bigints and labels.

import type { Label } from '../../../dsl/label.js';
import type { Mem } from './mem.js';
import type { X64Reg } from './registers.js';

/** Anything `${}` accepts in an x64 template. */
export type X64Value = X64Reg | Mem | Label | number | bigint;

declare module '../../../dsl/arch.js' {
  interface ArchValueMap {
    x64: X64Value;
  }
}
