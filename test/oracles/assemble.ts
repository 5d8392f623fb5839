// Encoding oracles: assemble a batch of source lines with GNU as or llvm-mc in ONE process call
// (plus one retry without the lines that failed, since GNU as writes no object when any line fails),
// and return per line either its bytes or the tool's error message.
//
// Each line gets a marker symbol before it; the line's bytes are the .text bytes between its marker and
// the next. With `link`, the object is linked at a base address (GNU ld) so that adrp and other
// references to labels are resolved as they would be in memory; without it, lines that still carry a
// relocation in the object are reported `unresolved`.
//
// Reusable for x64: pass arch 'x64' (GNU as with `.intel_syntax noprefix`, llvm-mc Intel syntax).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readElf } from './elf.js';

export type OracleArch = 'a64' | 'x64';
export type OracleTool = 'gnu' | 'llvm';

export interface LineResult {
  /** The line's bytes (empty for a line that emits nothing), or null if the tool rejected it. */
  readonly bytes: Uint8Array | null;
  /** The tool's message for a rejected line. */
  readonly error: string | null;
  /** Offset of the line in .text (in the run without rejected lines). */
  readonly offset: number;
  /** True if the object still has a relocation inside this line's bytes (only without `link`). */
  readonly unresolved: boolean;
}

export interface BatchOptions {
  /** Extra assembler flags (replace the defaults). */
  readonly flags?: readonly string[];
  /** Link the object at this address so label references are resolved. */
  readonly link?: { readonly base: bigint };
}

interface ToolConfig {
  readonly cmd: string;
  readonly args: (input: string, output: string, flags: readonly string[]) => string[];
  readonly flags: readonly string[];
  readonly prelude: string;
  readonly ld: string;
  /** Error line numbers and messages from stderr. */
  readonly errorRe: RegExp;
}

const GNU_ERR = /^[^:\n]+:(\d+): Error: (.*)$/gm;
const LLVM_ERR = /^[^:\n]+:(\d+):\d+: error: (.*)$/gm;

const TOOLS: Record<OracleArch, Record<OracleTool, ToolConfig>> = {
  a64: {
    gnu: {
      cmd: 'aarch64-linux-gnu-as',
      args: (i, o, f) => [...f, i, '-o', o],
      flags: ['-march=armv8.5-a+memtag+rng'],
      prelude: '.text\n',
      ld: 'aarch64-linux-gnu-ld',
      errorRe: GNU_ERR,
    },
    llvm: {
      cmd: 'llvm-mc-14',
      args: (i, o, f) => [...f, '-filetype=obj', i, '-o', o],
      flags: ['-triple=aarch64', '-mattr=+lse,+v8.5a,+mte,+spe,+rand'],
      prelude: '.text\n',
      ld: 'aarch64-linux-gnu-ld',
      errorRe: LLVM_ERR,
    },
  },
  x64: {
    gnu: {
      cmd: 'as',
      args: (i, o, f) => [...f, i, '-o', o],
      flags: ['--64'],
      prelude: '.intel_syntax noprefix\n.text\n',
      ld: 'ld',
      errorRe: GNU_ERR,
    },
    llvm: {
      cmd: 'llvm-mc-14',
      args: (i, o, f) => [...f, '-filetype=obj', i, '-o', o],
      flags: ['-triple=x86_64', '-x86-asm-syntax=intel'],
      prelude: '.intel_syntax noprefix\n.text\n',
      ld: 'ld',
      errorRe: LLVM_ERR,
    },
  },
};

const MARK = '__dynasm_line_';

/** Number of process calls made so far (for reporting). */
export let processCalls = 0;

function run(cmd: string, args: string[]): { status: number | null; stderr: string } {
  processCalls++;
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error) throw new Error(`cannot run ${cmd}: ${r.error.message}`);
  return { status: r.status, stderr: r.stderr };
}

/** Assembles `lines` (one statement each; no newlines inside) and returns one result per line. */
export function assembleBatch(arch: OracleArch, tool: OracleTool, lines: readonly string[], opts: BatchOptions = {}): LineResult[] {
  const cfg = TOOLS[arch][tool];
  const flags = opts.flags ?? cfg.flags;
  const dir = mkdtempSync(join(tmpdir(), 'dynasm-oracle-'));
  try {
    const src = join(dir, 'in.s');
    const obj = join(dir, 'out.o');
    const exe = join(dir, 'out.elf');
    const preludeLines = cfg.prelude.split('\n').length - 1;
    const write = (skip: ReadonlySet<number>) => {
      let text = cfg.prelude;
      lines.forEach((l, i) => {
        if (l.includes('\n')) throw new Error(`line ${i} contains a newline`);
        text += `${MARK}${i}: ${skip.has(i) ? '' : l}\n`;
      });
      // A trailing nop keeps .text non-empty when every line failed (ld drops an empty section).
      text += `${MARK}${lines.length}:\nnop\n`;
      writeFileSync(src, text);
    };
    const errors = new Map<number, string>();
    write(new Set());
    let r = run(cfg.cmd, cfg.args(src, obj, flags));
    if (r.status !== 0) {
      for (const m of r.stderr.matchAll(cfg.errorRe)) {
        const line = Number(m[1]) - preludeLines - 1;
        if (line >= 0 && line < lines.length && !errors.has(line)) errors.set(line, m[2].trim());
      }
      if (errors.size === 0) throw new Error(`${cfg.cmd} failed without line errors:\n${r.stderr}`);
      write(new Set(errors.keys()));
      r = run(cfg.cmd, cfg.args(src, obj, flags));
      if (r.status !== 0) {
        // A second round of errors (e.g. fixups reported only once other lines are gone).
        const more = [...r.stderr.matchAll(cfg.errorRe)].map((m) => [Number(m[1]) - preludeLines - 1, m[2].trim()] as const);
        if (!more.length) throw new Error(`${cfg.cmd} failed on the retry:\n${r.stderr}`);
        for (const [line, msg] of more) errors.set(line, msg);
        write(new Set(errors.keys()));
        r = run(cfg.cmd, cfg.args(src, obj, flags));
        if (r.status !== 0) throw new Error(`${cfg.cmd} failed on the second retry:\n${r.stderr}`);
      }
    }
    let file = obj;
    if (opts.link) {
      const l = run(cfg.ld, ['-o', exe, `-Ttext=0x${opts.link.base.toString(16)}`, '-e', '0', '--no-relax', obj]);
      if (l.status !== 0) throw new Error(`${cfg.ld} failed:\n${l.stderr}`);
      file = exe;
    }
    const elf = readElf(readFileSync(file));
    const textIndex = elf.sections.findIndex((s) => s.name === '.text');
    if (textIndex < 0) throw new Error(`${cfg.cmd}: no .text section in ${file} (sections: ${elf.sections.map((s) => s.name).join(' ')})\n${readFileSync(src, 'utf8').slice(0, 2000)}`);
    const text = elf.sections[textIndex];
    const bytes = elf.bytes(text);
    const marks = new Map<number, number>();
    for (const s of elf.symbols) {
      if (s.name.startsWith(MARK)) marks.set(Number(s.name.slice(MARK.length)), Number(s.value - text.addr));
    }
    const relocs = opts.link ? [] : elf.relocOffsets(textIndex);
    return lines.map((_, i) => {
      const a = marks.get(i);
      const b = marks.get(i + 1);
      if (a === undefined || b === undefined) throw new Error(`marker for line ${i} missing`);
      if (errors.has(i)) return { bytes: null, error: errors.get(i)!, offset: a, unresolved: false };
      return { bytes: bytes.slice(a, b), error: null, offset: a, unresolved: relocs.some((o) => o >= a && o < b) };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const hex = (u: Uint8Array): string => Buffer.from(u).toString('hex');
