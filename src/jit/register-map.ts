// The register map of each JIT backend, as data for reports (the main job, docs): which machine register
// holds which part of the VSP state for the whole run, and which registers are scratch. Each backend's
// regs.ts is the one place the assignment is made; its register-map.ts describes it in words.
import { A64_REGISTER_MAP } from './a64/register-map.js';
import { X64_REGISTER_MAP } from './x64/register-map.js';

export interface RegisterRole {
  /** The machine register(s), as the assembler spells them. */
  readonly register: string;
  /** What it holds. */
  readonly holds: string;
}

export interface RegisterMap {
  readonly arch: 'a64' | 'x64';
  /** The target, e.g. `AArch64, AAPCS64`. */
  readonly target: string;
  readonly roles: readonly RegisterRole[];
}

export function registerMap(arch: 'a64' | 'x64'): RegisterMap {
  return arch === 'a64' ? A64_REGISTER_MAP : X64_REGISTER_MAP;
}
