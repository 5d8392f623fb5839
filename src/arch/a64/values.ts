// The TypeScript type of values A64 templates accept in `${}`: registers, numbers, bigints, labels and
// the names A64 operands take (condition codes, barrier options, prefetch operations, system registers).

import type { Label } from '../../../dsl/label.js';
import type { BarrierName, CondName, PrefetchName, SysRegName } from '../../../spec/a64/symbols.js';
import type { Reg } from './registers.js';

/** A name an A64 operand accepts as an interpolated string. */
export type A64Name = CondName | BarrierName | PrefetchName | SysRegName;

/** Anything `${}` accepts in an A64 template. */
export type A64Value = Reg | Label | number | bigint | A64Name;

declare module '../../../dsl/arch.js' {
  interface ArchValueMap {
    a64: A64Value;
  }
}
