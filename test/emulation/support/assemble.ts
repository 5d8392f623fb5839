// Test-time assembly with llvm-mc-14 (the encoding oracle): the bytes our emulation tests run are never
// typed in by hand, they come from LLVM. One llvm-mc process per batch.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Arch } from '../../../emulation/index.js';

const LLVM_MC = ['/usr/bin/llvm-mc-14', '/usr/bin/llvm-mc'].find((p) => existsSync(p)) ?? 'llvm-mc-14';

function triple(arch: Arch): string[] {
  return arch === 'a64'
    ? ['-triple=aarch64', '-mattr=+lse,+v8.2a']
    : ['-triple=x86_64', '-x86-asm-syntax=intel', '-output-asm-variant=1'];
}

/**
 * Assembles one instruction per line (no labels) and returns each instruction's bytes, in order, parsed
 * from `llvm-mc -show-encoding`. Throws when llvm-mc fails or an encoding still has a fixup.
 */
export function assembleLines(arch: Arch, lines: readonly string[]): Uint8Array[] {
  const src = lines.join('\n') + '\n';
  const out = execFileSync(LLVM_MC, [...triple(arch), '-show-encoding'], { input: src, encoding: 'utf8' });
  const result: Uint8Array[] = [];
  for (const line of out.split('\n')) {
    const m = /encoding: \[([^\]]*)\]/.exec(line);
    if (m === null) continue;
    const parts = m[1].split(',');
    if (parts.some((p) => !/^0x[0-9a-f]{2}$/.test(p))) throw new Error(`llvm-mc left a fixup in: ${line.trim()}`);
    result.push(Uint8Array.from(parts.map((p) => parseInt(p, 16))));
  }
  if (result.length !== lines.length) {
    throw new Error(`llvm-mc produced ${result.length} encodings for ${lines.length} lines:\n${out}`);
  }
  return result;
}

/** Assembles one program per source (labels allowed, resolved by llvm-mc), all in one llvm-mc process. */
export function assemblePrograms(arch: Arch, sources: readonly string[]): Uint8Array[] {
  const dir = mkdtempSync(join(tmpdir(), 'dynasm-emu-asm-'));
  try {
    let src = arch === 'x64' ? '.intel_syntax noprefix\n' : '';
    sources.forEach((s, i) => {
      src += `.section .text.p${i},"ax",@progbits\n${s}\n`;
    });
    const srcPath = join(dir, 'p.s');
    const objPath = join(dir, 'p.o');
    writeFileSync(srcPath, src);
    const args = arch === 'a64' ? ['-triple=aarch64', '-mattr=+lse,+v8.2a'] : ['-triple=x86_64'];
    execFileSync(LLVM_MC, [...args, '-filetype=obj', '-o', objPath, srcPath], { encoding: 'utf8' });
    const sections = elfSections(readFileSync(objPath));
    return sources.map((_, i) => {
      if (sections.has(`.rela.text.p${i}`)) throw new Error(`program ${i} needs relocations (an undefined or cross-section symbol)`);
      const s = sections.get(`.text.p${i}`);
      if (s === undefined) throw new Error(`program ${i}: no section .text.p${i} in llvm-mc's output`);
      return s;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Name → contents of every section of a little-endian ELF64 object. */
function elfSections(elf: Buffer): Map<string, Uint8Array> {
  if (elf.readUInt32BE(0) !== 0x7f454c46 || elf[4] !== 2 || elf[5] !== 1) throw new Error('not a little-endian ELF64 object');
  const shoff = Number(elf.readBigUInt64LE(0x28));
  const shentsize = elf.readUInt16LE(0x3a);
  const shnum = elf.readUInt16LE(0x3c);
  const shstrndx = elf.readUInt16LE(0x3e);
  const header = (i: number) => {
    const o = shoff + i * shentsize;
    return { name: elf.readUInt32LE(o), offset: Number(elf.readBigUInt64LE(o + 0x18)), size: Number(elf.readBigUInt64LE(o + 0x20)) };
  };
  const strtab = header(shstrndx);
  const names = elf.subarray(strtab.offset, strtab.offset + strtab.size);
  const result = new Map<string, Uint8Array>();
  for (let i = 0; i < shnum; i++) {
    const h = header(i);
    const end = names.indexOf(0, h.name);
    const name = names.subarray(h.name, end).toString('latin1');
    result.set(name, Uint8Array.from(elf.subarray(h.offset, h.offset + h.size)));
  }
  return result;
}

/** Disassembles bytes with llvm-mc (the text oracle for Capstone): one line of text per instruction. */
export function llvmDisassemble(arch: Arch, bytes: readonly Uint8Array[]): string[] {
  const src = bytes.map((b) => Array.from(b, (x) => `0x${x.toString(16).padStart(2, '0')}`).join(' ')).join('\n') + '\n';
  const out = execFileSync(LLVM_MC, [...triple(arch), '--disassemble'], { input: src, encoding: 'utf8' });
  const lines = out
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('.text'))
    .map((l) => l.replace(/\s+/g, ' '));
  // llvm-mc prints x86 prefixes (lock, rep, …) on a line of their own: join them with their instruction.
  const joined: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (/^(lock|rep|repe|repne|repz|repnz|data16|rex64)$/.test(lines[i]) && i + 1 < lines.length) {
      joined.push(`${lines[i]} ${lines[i + 1]}`);
      i++;
    } else {
      joined.push(lines[i]);
    }
  }
  return joined;
}
