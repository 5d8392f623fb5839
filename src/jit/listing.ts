// A listing of compiled VSP code: each VSP instruction (its canonical text, spec 7.1) followed by the machine
// instructions compiled for it, disassembled by Capstone; the prologue, exit routines, end stop, dispatcher
// and dispatch table are listed as named regions. For people (debugging, docs), never parsed back.
import { disassemble, type DisasmInsn } from '../../emulation/capstone.js';
import type { LoadedProgram } from '../vsp/container.js';
import { disassembleText } from '../vsp/text-disasm.js';
import type { CompiledProgram } from './compiler.js';

export interface ListingOptions {
  /** Address of the first code byte (default 0). */
  readonly address?: bigint;
  /** Show the prologue, exit routines and dispatcher (default true). */
  readonly runtime?: boolean;
}

/** The canonical text of each instruction, in code order (from the disassembler of spec 7.1). */
function instructionTexts(loaded: LoadedProgram): string[] {
  const lines = disassembleText(loaded.program).split('\n');
  const out: string[] = [];
  let inCode = false;
  let label = '';
  for (const l of lines) {
    if (l === '.code') {
      inCode = true;
      continue;
    }
    if (!inCode) continue;
    if (l === '.data') break;
    if (l.endsWith(':')) label = l + ' ';
    else if (l.startsWith('    ')) {
      out.push(label + l.trim());
      label = '';
    }
  }
  return out;
}

function hex(v: number, w: number): string {
  return v.toString(16).padStart(w, '0');
}

function formatInsns(insns: readonly DisasmInsn[]): string[] {
  return insns.map((i) => {
    const bytes = Array.from(i.bytes, (b) => hex(b, 2)).join(' ');
    return `    ${i.address.toString(16).padStart(8, '0')}  ${bytes.padEnd(12)} ${i.mnemonic}${i.opStr ? ' ' + i.opStr : ''}`;
  });
}

/**
 * The listing of `compiled` (compiled from `loaded`). Capstone is loaded on first use (async). The machine
 * code of each VSP instruction is the range from its start to the next instruction's start (mode switches
 * and out-of-line parts included).
 */
export async function formatJitListing(compiled: CompiledProgram, loaded: LoadedProgram, options: ListingOptions = {}): Promise<string> {
  const base = options.address ?? 0n;
  const code = compiled.code;
  const arch = compiled.arch;
  const texts = instructionTexts(loaded);
  const insns = compiled.analysis.insns;
  const offs = compiled.insnOffsets;
  const out: string[] = [`; ${arch} code for ${insns.length} VSP instructions: ${code.length} bytes, compiled in ${compiled.compileMs.toFixed(3)} ms`];
  const range = async (from: number, to: number, data = false): Promise<string[]> => {
    if (to <= from) return [];
    const d = await disassemble(arch, code.subarray(from, to), { address: base + BigInt(from), onInvalid: data ? 'data' : 'throw' });
    return formatInsns(d);
  };
  const regions = compiled.regions;
  const firstInsn = offs.length > 0 ? offs[0]! : code.length;
  if (options.runtime !== false) {
    for (let r = 0; r < regions.length; r++) {
      const reg = regions[r]!;
      if (reg.offset >= firstInsn) break;
      const end = Math.min(r + 1 < regions.length ? regions[r + 1]!.offset : firstInsn, firstInsn);
      out.push(`; ---- ${reg.name}`, ...(await range(reg.offset, end)));
    }
  }
  for (let i = 0; i < insns.length; i++) {
    const ins = insns[i]!;
    const mark = [ins.entry ? 'entry' : '', ins.info.host ? 'host exit' : '', ins.canSetC ? 'C check' : ''].filter((s) => s).join(', ');
    out.push(`; ${hex(ins.pc, 6)}  ${texts[i] ?? ins.info.mnemonic}${mark ? `   (${mark})` : ''}`);
    out.push(...(await range(offs[i]!, offs[i + 1]!)));
  }
  const after = regions.find((r) => r.offset >= firstInsn);
  const endStop = offs[insns.length]!;
  out.push(`; ${hex(compiled.analysis.codeLength, 6)}  (end of code)`, ...(await range(endStop, after ? after.offset : code.length)));
  if (options.runtime !== false) {
    const later = regions.filter((r) => r.offset >= firstInsn);
    for (let r = 0; r < later.length; r++) {
      const reg = later[r]!;
      const end = r + 1 < later.length ? later[r + 1]!.offset : code.length;
      out.push(`; ---- ${reg.name}`, ...(await range(reg.offset, end, reg.name === 'dispatch table')));
    }
  }
  return out.join('\n') + '\n';
}
