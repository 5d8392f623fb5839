// Figures about a compiled program: compile time and code size per VSP instruction, and per opcode (how many
// instances, how many bytes of machine code they took). Used by bench/jit-a64.ts and the listing header.
import { modeGroups, type CompiledProgram } from './compiler.js';

export interface OpcodeCodeSize {
  readonly mnemonic: string;
  readonly count: number;
  /** Machine-code bytes of all instances (budget check and mode switch included). */
  readonly bytes: number;
}

export interface JitStats {
  readonly arch: 'a64' | 'x64';
  readonly vspInstructions: number;
  /** All code bytes (prologue, exit routines, instructions, dispatcher and its table). */
  readonly codeBytes: number;
  /** Bytes of the instructions' code only (from the first instruction to the end stop). */
  readonly instructionBytes: number;
  readonly bytesPerInstruction: number;
  /** Fixed part: code bytes outside the instructions. */
  readonly runtimeBytes: number;
  readonly compileMs: number;
  readonly compileUsPerInstruction: number;
  /** Reachable instructions with a run-time MODE switch (their MODE was not proven). */
  readonly modeSwitches: number;
  readonly entries: number;
  readonly perOpcode: readonly OpcodeCodeSize[];
}

/** The statistics of one compiled program. */
export function jitStats(c: CompiledProgram): JitStats {
  const insns = c.analysis.insns;
  const n = insns.length;
  const offs = c.insnOffsets;
  const first = offs[0] ?? 0;
  const instructionBytes = (offs[n] ?? first) - first;
  const per = new Map<string, { count: number; bytes: number }>();
  let switches = 0;
  for (let i = 0; i < n; i++) {
    const ins = insns[i]!;
    const b = offs[i + 1]! - offs[i]!;
    const e = per.get(ins.info.mnemonic) ?? { count: 0, bytes: 0 };
    e.count++;
    e.bytes += b;
    per.set(ins.info.mnemonic, e);
    if (ins.modes !== 0 && !ins.info.host && modeGroups(ins).length > 1) switches++;
  }
  return {
    arch: c.arch,
    vspInstructions: n,
    codeBytes: c.code.length,
    instructionBytes,
    bytesPerInstruction: n > 0 ? instructionBytes / n : 0,
    runtimeBytes: c.code.length - instructionBytes,
    compileMs: c.compileMs,
    compileUsPerInstruction: n > 0 ? (c.compileMs * 1000) / n : 0,
    modeSwitches: switches,
    entries: c.dispatchPcs.length,
    perOpcode: [...per].map(([mnemonic, v]) => ({ mnemonic, ...v })).sort((x, y) => y.bytes - x.bytes),
  };
}
