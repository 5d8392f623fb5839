// Round trips (spec 7, 7.1): random valid programs generated from the opcode table, encoded here from spec
// 3.1's shape table, disassemble and re-assemble to the same code, data, mode, entry and checksum, and the
// canonical text is a fixed point; random spellings of instructions (aliases, case, hex/decimal, negative
// immediates) assemble to the independent encoding and decode (decode.ts) to the same fields; the conformance
// containers round-trip (valid ones) or report the spec's error and offset (invalid programs); malformed
// text never throws anything but VspAsmError.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VSP_OPCODES, type VspOpcode } from '../../spec/vsp/opcodes.js';
import { readContainer, writeContainer } from '../../src/vsp/container.js';
import { decodeInstruction } from '../../src/vsp/decode.js';
import { INTRINSIC_BY_ID } from '../../src/vsp/intrinsics.js';
import type { Program } from '../../src/vsp/program.js';
import { VspError } from '../../src/vsp/state-layout.js';
import { assembleText, VspAsmError } from '../../src/vsp/text-asm.js';
import { disassembleText, VspDisasmError } from '../../src/vsp/text-disasm.js';
import { propertyRuns } from '../support/runs.js';

/** One instruction's operand values, in text order (spec 3.1). */
interface Insn {
  readonly info: VspOpcode;
  readonly ops: number[];
}

/** Encodes by spec 3.1 (written here, independent of the assembler). */
function encode(i: Insn): number[] {
  const { code: op, shape, size } = i.info;
  const o = i.ops;
  switch (shape) {
    case '-':
      return [op];
    case 'r':
      return size === 2 ? [op, o[0]!] : [op, o[0]!, 0];
    case 'rr':
      return [op, o[0]! | (o[1]! << 4), 0];
    case 'ri':
      return [op, o[0]!, o[1]! & 255];
    case 'rri':
      return [op, o[0]! | (o[1]! << 4), o[2]! & 255];
    case 'i8':
      return [op, o[0]!];
    case 'm':
      return size === 2 ? [op, o[0]!] : [op, 0, o[0]!];
    case 'a24':
      return [op, o[0]! & 255, (o[0]! >> 8) & 255, o[0]! >> 16];
    case 'ra16':
      return [op, o[0]!, o[1]! & 255, o[1]! >> 8];
    case 'ch':
      return [op, o[0]!, 0, 0];
    case 'sys':
      return [op, o[0]!, o[1]! & 255, o[1]! >> 8];
  }
}

const reg = fc.integer({ min: 0, max: 15 });
const u8 = fc.integer({ min: 0, max: 255 });

/** Random operands for an opcode (branch targets are patched to instruction starts later). */
function insnArb(info: VspOpcode): fc.Arbitrary<Insn> {
  const mk = (...a: fc.Arbitrary<number>[]): fc.Arbitrary<Insn> => fc.tuple(...a).map((ops) => ({ info, ops }));
  switch (info.shape) {
    case '-':
      return fc.constant({ info, ops: [] });
    case 'r':
      return mk(reg);
    case 'rr':
      return mk(reg, reg);
    case 'ri':
      return mk(reg, u8);
    case 'rri':
      return mk(reg, reg, u8);
    case 'i8':
    case 'ch':
      return mk(u8);
    case 'm':
      return mk(fc.integer({ min: 0, max: 4 }));
    case 'a24':
      return mk(fc.integer({ min: 0, max: 0xffffff }));
    case 'ra16':
      return mk(reg, fc.integer({ min: 0, max: 0xffff }));
    case 'sys':
      return mk(u8, fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff })));
  }
}

const anyInsn: fc.Arbitrary<Insn> = fc.constantFrom(...VSP_OPCODES).chain(insnArb);

/** A random program that passes spec 3.2: targets and entry at instruction starts. */
const programArb: fc.Arbitrary<Program> = fc
  .record({
    insns: fc.array(anyInsn, { maxLength: 40 }),
    picks: fc.array(fc.nat(), { minLength: 41, maxLength: 41 }),
    entryPick: fc.nat(),
    mode: fc.integer({ min: 0, max: 4 }),
    data: fc.oneof(fc.constant(new Uint8Array(0)), fc.uint8Array({ maxLength: 300 })),
  })
  .map(({ insns, picks, entryPick, mode, data }) => {
    const starts: number[] = [];
    let off = 0;
    for (const i of insns) {
      starts.push(off);
      off += i.info.size;
    }
    const bytes: number[] = [];
    insns.forEach((i, k) => {
      const fixed = i.info.branch ? { info: i.info, ops: [starts[picks[k]! % starts.length]!] } : i;
      bytes.push(...encode(fixed));
    });
    const entry = starts.length === 0 ? 0 : starts[entryPick % starts.length]!;
    return { code: Uint8Array.from(bytes), data, mode, entry };
  });

function sameProgram(a: Program, b: Program): void {
  expect(Buffer.compare(a.code, b.code)).toBe(0);
  expect(Buffer.compare(a.data, b.data)).toBe(0);
  expect(a.mode).toBe(b.mode);
  expect(a.entry).toBe(b.entry);
}

/** The container checksum field (bytes 24..31). */
const checksum = (file: Uint8Array): string => Buffer.from(file.subarray(24, 32)).toString('hex');

describe('disassemble -> assemble', () => {
  it('random valid programs come back with the same code, data, mode, entry and checksum; the text is a fixed point', () => {
    fc.assert(
      fc.property(programArb, (p) => {
        const text = disassembleText(p);
        const back = assembleText(text);
        sameProgram(back, p);
        expect(checksum(writeContainer(back))).toBe(checksum(writeContainer(p)));
        expect(disassembleText(back)).toBe(text);
      }),
      { numRuns: propertyRuns(400) },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// Random spellings

const MODE_TEXT = ['SIL-8', 'SIL-16', 'SIL-32', 'SIL-64', 'SIL-128'];

function caseMix(s: string, bits: number): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += (bits >> i % 30) & 1 ? s[i]!.toLowerCase() : s[i]!.toUpperCase();
  return out;
}

function regText(r: number, style: number): string {
  const p = style & 1 ? 'L' : 'R';
  const name = r >= 10 && style & 2 ? String(r) : r.toString(16);
  return caseMix(p + name, style >> 2);
}

function numText(v: number, style: number): string {
  return style & 1 ? '0x' + caseMix(v.toString(16), style >> 1) : String(v);
}

/** An instruction as text in a random but valid spelling. */
function spell(i: Insn, style: number): string {
  const o = i.ops;
  const r = (k: number): string => regText(o[k]!, style >> (3 * k + 1));
  const imm = (v: number): string => (style & 0x100 && v >= 128 ? String(v - 256) : numText(v, style >> 9));
  let ops: string[];
  switch (i.info.shape) {
    case '-':
      ops = [];
      break;
    case 'r':
      ops = [r(0)];
      break;
    case 'rr':
      ops = [r(0), r(1)];
      break;
    case 'ri':
      ops = [r(0), imm(o[1]!)];
      break;
    case 'rri':
      ops = [r(0), r(1), imm(o[2]!)];
      break;
    case 'i8':
    case 'ch':
    case 'a24':
      ops = [numText(o[0]!, style >> 12)];
      break;
    case 'm':
      ops = [caseMix(MODE_TEXT[o[0]!]!, style >> 5)];
      break;
    case 'ra16':
      ops = [r(0), numText(o[1]!, style >> 12)];
      break;
    case 'sys': {
      const name = INTRINSIC_BY_ID[o[0]!]?.name;
      ops = [name !== undefined && style & 0x2000 ? caseMix(name, style >> 3) : numText(o[0]!, style >> 14)];
      if (o[1] !== 0 || style & 0x4000) ops.push(numText(o[1]!, style >> 15));
      break;
    }
  }
  const sep = style & 0x8000 ? ' ,\t' : ', ';
  return caseMix(i.info.mnemonic, style >> 7) + (ops.length ? ' ' + ops.join(sep) : '');
}

describe('assembling random spellings', () => {
  it('gives the spec 3.1 encoding, and decode.ts reads back the same opcode and fields', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(anyInsn, fc.integer({ min: 0, max: 0x7fffffff })), { minLength: 1, maxLength: 20 }), (list) => {
        const text = list.map(([i, s]) => spell(i, s)).join('\n');
        const expected = list.flatMap(([i]) => encode(i));
        const got = assembleText(text).code;
        expect(Buffer.from(got).toString('hex')).toBe(Buffer.from(expected).toString('hex'));
        let off = 0;
        for (const [i] of list) {
          const d = decodeInstruction(got, off);
          expect(d.ok).toBe(true);
          if (d.ok) expect(d.insn.op).toBe(i.info.code);
          off += i.info.size;
        }
      }),
      { numRuns: propertyRuns(300) },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// The conformance containers

const CONF = join(import.meta.dirname, 'conformance');

interface Case {
  file: string;
  expected: { status: string; error: string | null; offset?: number };
}

describe('conformance containers', () => {
  const files = readdirSync(CONF).filter((f) => f.endsWith('.silc')).sort();
  const cases = new Map<string, Case>(
    readFileSync(join(CONF, 'cases.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Case)
      .map((c) => [c.file, c]),
  );

  it('there are 124', () => {
    expect(files.length).toBe(124);
  });

  it('valid programs disassemble and re-assemble to the same code/data/mode/entry/checksum; invalid programs raise the expected error', () => {
    let valid = 0;
    let invalidProgram = 0;
    for (const f of files) {
      const file = new Uint8Array(readFileSync(join(CONF, f)));
      const c = cases.get(f)!;
      const r = readContainer(file);
      if (!r.ok) {
        // a container error (spec 9): nothing to disassemble
        expect(c.expected.status, f).toBe('invalid');
        expect(VspError[r.error], f).toBe(c.expected.error);
        continue;
      }
      if (c.expected.status === 'invalid') {
        invalidProgram++;
        try {
          disassembleText(r.program);
          throw new Error(`${f}: expected VspDisasmError`);
        } catch (e) {
          expect(e, f).toBeInstanceOf(VspDisasmError);
          expect(VspError[(e as VspDisasmError).code], f).toBe(c.expected.error);
          expect((e as VspDisasmError).offset, f).toBe(c.expected.offset);
        }
        continue;
      }
      valid++;
      const text = disassembleText(r.program);
      const back = assembleText(text, f);
      sameProgram(back, r.program);
      expect(checksum(writeContainer(back)), f).toBe(checksum(file));
    }
    expect(valid).toBe(84);
    expect(invalidProgram).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('malformed text', () => {
  const fragments = [
    'NOP', 'MOV', 'MOVI', 'JMP', 'SYSCALL', 'LOAD', 'SETMODE', 'R1', 'rf', 'L15', 'R16', ',', ':', ' ', '\t', '\n', '\r\n', ';',
    '"', '\\', '\\x', '\\q', 'x', '0x', '0xZZ', '-', '-129', '256', '65536', '0xFFFFFF', '1e5', '.byte', '.data', '.code', '.zero',
    '.align', '.state', '.string', '.entry', '.mode', '.org', 'SIL-8', 'SIL-', 'lab', 'lab:', 'print_int', 'é', '\u0000', '99999999999999999999',
  ];
  it('never throws anything but VspAsmError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(fc.constantFrom(...fragments), { maxLength: 40 }).map((a) => a.join('')), fc.string({ maxLength: 200 })), (src) => {
        try {
          assembleText(src);
        } catch (e) {
          if (!(e instanceof VspAsmError)) throw e;
          expect(e.diagnostics.length).toBeGreaterThan(0);
          for (const d of e.diagnostics) {
            expect(d.line).toBeGreaterThanOrEqual(1);
            expect(d.column).toBeGreaterThanOrEqual(1);
          }
        }
      }),
      { numRuns: propertyRuns(2000) },
    );
  });
});
