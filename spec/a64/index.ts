// spec/a64: every A64 instruction form the assembler knows, as data, one file per instruction class.
// Add a class by adding its file here; src/arch/a64/forms.ts compiles all of them.
import type { Row } from './types.js';
import { integer } from './integer.js';
import { branch } from './branch.js';
import { loadstore } from './loadstore.js';
import { system } from './system.js';
import { fp } from './fp.js';
import { simd } from './simd.js';
import { simdLdst } from './simd-ldst.js';

/** Instruction classes in listing order. Other contributors add fp, simd, … here. */
export const specClasses: Readonly<Record<string, readonly Row[]>> = { integer, branch, loadstore, system, fp, simd, 'simd-ldst': simdLdst };

export { relocs } from './relocs.js';
export type { Row, BaseRow, AliasRow } from './types.js';
