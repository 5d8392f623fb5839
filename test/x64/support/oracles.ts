// x86-64 encoding oracles: GNU as (`as --64`, `.intel_syntax noprefix`) and llvm-mc-14 (Intel syntax in),
// one process call per batch of lines (plus retries without the lines a tool rejected, since GNU as
// writes no object when any line fails). Per line: its bytes, or the tool's error; GNU's warnings are
// kept too (GNU as truncates some out-of-range immediates with only a warning — we reject those).
//
// Each line gets a marker label before it; its bytes are the .text bytes between its marker and the
// next. Label references to labels in the same batch are resolved by the assemblers themselves (local
// symbols in one section), branch relaxation included.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readElf } from '../../oracles/elf.js';

export type Tool = 'gnu' | 'llvm';

export interface OracleLine {
  /** The line's bytes, or null if the tool rejected it. */
  readonly bytes: Uint8Array | null;
  readonly error: string | null;
  /** GNU as warning for the line (e.g. "0x100 shortened to 0x0"). */
  readonly warning: string | null;
  /** Offset of the line in .text. */
  readonly offset: number;
}

const MARK = '__x64_line_';
const PRELUDE = '.intel_syntax noprefix\n.text\n';
const PRELUDE_LINES = 2;

export let oracleCalls = 0;

function run(cmd: string, args: string[]): { status: number | null; stderr: string } {
  oracleCalls++;
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error) throw new Error(`cannot run ${cmd}: ${r.error.message}`);
  return { status: r.status, stderr: r.stderr };
}

const RE: Record<Tool, RegExp> = {
  gnu: /^[^:\n]+:(\d+): (Error|Warning): (.*)$/gm,
  llvm: /^[^:\n]+:(\d+):\d+: (error|warning): (.*)$/gm,
};

function command(tool: Tool, src: string, obj: string): [string, string[]] {
  if (tool === 'gnu') return ['as', ['--64', src, '-o', obj]];
  return ['llvm-mc-14', ['-triple=x86_64', '-x86-asm-syntax=intel', '-filetype=obj', src, '-o', obj]];
}

/** Assembles `lines` (one statement or label each, no newlines) with one tool; one result per line. */
export function assembleX64(tool: Tool, lines: readonly string[]): OracleLine[] {
  const dir = mkdtempSync(join(tmpdir(), 'x64-oracle-'));
  try {
    const src = join(dir, 'in.s');
    const obj = join(dir, 'out.o');
    const write = (skip: ReadonlySet<number>) => {
      let text = PRELUDE;
      lines.forEach((l, i) => {
        if (l.includes('\n')) throw new Error(`line ${i} contains a newline`);
        text += `${MARK}${i}: ${skip.has(i) ? '' : l}\n`;
      });
      text += `${MARK}${lines.length}:\n`;
      writeFileSync(src, text);
    };
    const errors = new Map<number, string>();
    const warnings = new Map<number, string>();
    const collect = (stderr: string) => {
      let fresh = 0;
      for (const m of stderr.matchAll(RE[tool])) {
        const line = Number(m[1]) - PRELUDE_LINES - 1;
        if (line < 0 || line >= lines.length) continue;
        if (m[2].toLowerCase() === 'error') {
          if (!errors.has(line)) fresh++;
          errors.set(line, m[3].trim());
        } else if (!warnings.has(line)) warnings.set(line, m[3].trim());
      }
      return fresh;
    };
    write(new Set());
    const [cmd, args] = command(tool, src, obj);
    let r = run(cmd, args);
    collect(r.stderr);
    for (let round = 0; r.status !== 0; round++) {
      if (round === 3) throw new Error(`${cmd} keeps failing:\n${r.stderr.slice(0, 2000)}`);
      write(new Set(errors.keys()));
      r = run(cmd, args);
      if (r.status !== 0 && collect(r.stderr) === 0) throw new Error(`${cmd} failed without new line errors:\n${r.stderr.slice(0, 2000)}`);
    }
    const elf = readElf(readFileSync(obj));
    const textIndex = elf.sections.findIndex((s) => s.name === '.text');
    const text = elf.sections[textIndex];
    const bytes = elf.bytes(text);
    const marks = new Map<number, number>();
    for (const s of elf.symbols) if (s.name.startsWith(MARK)) marks.set(Number(s.name.slice(MARK.length)), Number(s.value));
    return lines.map((_, i) => {
      const a = marks.get(i);
      const b = marks.get(i + 1);
      if (a === undefined || b === undefined) throw new Error(`marker for line ${i} missing`);
      if (errors.has(i)) return { bytes: null, error: errors.get(i)!, warning: warnings.get(i) ?? null, offset: a };
      return { bytes: bytes.slice(a, b), error: null, warning: warnings.get(i) ?? null, offset: a };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Assembles a whole program (lines joined) with one tool and returns .text, or throws with the tool's message. */
export function assembleProgram(tool: Tool, source: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'x64-oracle-'));
  try {
    const src = join(dir, 'in.s');
    const obj = join(dir, 'out.o');
    writeFileSync(src, PRELUDE + source + '\n');
    const [cmd, args] = command(tool, src, obj);
    const r = run(cmd, args);
    if (r.status !== 0) throw new Error(`${cmd}: ${r.stderr.slice(0, 2000)}`);
    const elf = readElf(readFileSync(obj));
    return elf.bytes(elf.section('.text')!);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const hex = (u: Uint8Array): string => Buffer.from(u).toString('hex');
