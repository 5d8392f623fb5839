// spec/x64: every x86-64 instruction form the assembler knows, as data, one file per instruction class.
// Add a class by adding its file here; src/arch/x64/forms.ts compiles all of them.
import type { Row } from './types.js';
import { integer } from './integer.js';
import { branch } from './branch.js';
import { system } from './system.js';
import { sse } from './sse.js';
import { avx } from './avx.js';

/** Instruction classes in listing order. */
export const specClasses: Readonly<Record<string, readonly Row[]>> = { integer, branch, system, sse, avx };

export { relocs, RELOC, relaxShapes } from './relocs.js';
export { CONDITIONS } from './symbols.js';
export type { Row } from './types.js';
