// The text assembler (spec 7): encodings written by hand from spec 3.1's shape table, the lexical rules of
// section 7, labels and the symbol table, every directive, and every error class with its line, column and
// message (what was expected, the allowed range).
import { describe, expect, it } from 'vitest';
import { readContainer, writeContainer } from '../../src/vsp/container.js';
import { assembleText, formatDiagnostic, VspAsmError } from '../../src/vsp/text-asm.js';

const hex = (u: Uint8Array): string => Buffer.from(u).toString('hex');
const code = (src: string): string => hex(assembleText(src).code);

/** The diagnostics of a source that must fail, formatted FILE:LINE:COL: message. */
function errors(src: string, file = 't.vsp'): string[] {
  try {
    assembleText(src, file);
  } catch (e) {
    expect(e).toBeInstanceOf(VspAsmError);
    return (e as VspAsmError).diagnostics.map(formatDiagnostic);
  }
  throw new Error('expected the source to fail');
}

describe('encodings (spec 3.1)', () => {
  it('shape -: the opcode alone', () => {
    expect(code('NOP\nHLT\nRET\nYIELD\nSHIFTL\nROTATL\nFOLD\nHINT.CPU\nUNBATCH\nFENCE\nHINT.DSP')).toBe('0001020364656' + '6e0e5e7e9');
  });
  it('shape r: B b1 = a; C b1 = a, b2 = 0', () => {
    expect(code('PUSH R7\nPOP RF\nINV R1\nBIT.MEASURE RC\nSENSE R2\nACT R3')).toBe('2407' + '250f' + '4401' + 'b50c' + 'c202' + 'c303');
    expect(code('SQRTFLOAT R3\nNEGINT RE\nCVTB2F R0')).toBe('560300' + '6a0e00' + '750000');
  });
  it('shape rr: b1 = a | b << 4, b2 = 0', () => {
    expect(code('MOV R1, R2\nADD RF, R0\nENTANGLE R5, RC\nPOWFLOAT R0, R8')).toBe('202100' + '460f00' + 'c7c500' + '558000');
  });
  it('shape ri: b1 = a, b2 = imm8 (low byte of -128..255)', () => {
    expect(code('MOVI R0, -1\nMOVI R1, 127\nSCALE R2, -128\nPOW R3, 255\nIN R4, 0x10\nOUT R5, 0\nDESCENT R6, 200')).toBe(
      '2100ff' + '21017f' + '4a0280' + '4203ff' + 'c00410' + 'c10500' + '8506c8',
    );
  });
  it('shape rri: b1 = a | b << 4, b2 = imm8', () => {
    expect(code('LERP R1, R2, 128\nSLERP RA, RB, -1')).toBe('822180' + '83baff');
  });
  it('shape i8, ch, m, a24, ra16, sys', () => {
    expect(code('SYNC 200')).toBe('c4c8');
    expect(code('BROADCAST 7\nRECEIVE 255')).toBe('c5070000' + 'c6ff0000');
    expect(code('SETMODE SIL-16\nPROMOTE SIL-64\nDEMOTE sil-8\nCOMPAT SIL-128')).toBe('a001' + 'a10003' + 'a20000' + 'a70004');
    expect(code('JMP 0x123456\nTRANS 0xFFFC\nBATCH 1000\nPREFETCH 0')).toBe('10563412' + '80fcff00' + 'e4e80300' + 'e6000000');
    expect(code('LOAD R3, 0x1234\nSTORE RF, 65535')).toBe('22033412' + '230fffff');
    expect(code('SYSCALL print_string, 0x1234\nSYSCALL 7\nSYSCALL assert_TRUE, 0')).toBe('ff013412' + 'ff070000' + 'fff20000');
  });
});

describe('lexical rules (spec 7)', () => {
  it('registers R0..RF, R10..R15, L0..LF, L10..L15, any case', () => {
    for (let i = 0; i < 16; i++) {
      const hx = i.toString(16);
      const names = [`R${hx}`, `r${hx}`, `L${hx.toUpperCase()}`, `l${hx}`];
      if (i >= 10) names.push(`R${i}`, `l${i}`);
      for (const n of names) expect(code(`PUSH ${n}`), n).toBe('24' + i.toString(16).padStart(2, '0'));
    }
  });
  it('mnemonics, directives, modes and intrinsic names are case-insensitive; labels are case-sensitive', () => {
    expect(code('nop\nBit.Y r1\nhint.gpu\nsyscall PRINT_INT\n.ALIGN 16')).toBe('00' + 'b201' + 'e1' + 'ff020000' + '00'.repeat(8));
    const r = assembleText('top: NOP\nTop: JMP top\nJMP Top');
    expect(hex(r.code)).toBe('00' + '10000000' + '10010000');
  });
  it('comments, blank lines, CRLF, a ; inside a string', () => {
    const r = assembleText('; header\r\n\r\n  NOP ; trailing\r\n.data\r\n  .string "a;b" ; c\r\n');
    expect(hex(r.code)).toBe('00');
    expect(hex(r.data)).toBe('613b6200');
  });
  it('numbers: decimal, negative decimal, hex in either case', () => {
    expect(code('MOVI R0, 0x7F\nMOVI R0, 0Xff\nMOVI R0, -0x80\nMOVI R0, 0xAb')).toBe('21007f' + '2100ff' + '210080' + '2100ab');
  });
});

describe('labels and the symbol table (spec 7)', () => {
  it('forward and backward references; code labels are code addresses, data labels data addresses', () => {
    const r = assembleText(
      ['start: JMP end', 'mid:', '  CALL start', 'end: LOAD R1, value', '  SYSCALL print_string, msg', 'HLT', '.data', 'pad: .zero 3', 'value: .byte 42', 'msg: .string "hi"'].join('\n'),
    );
    expect(hex(r.code)).toBe('10080000' + '15000000' + '22010300' + 'ff010400' + '01');
    expect(hex(r.data)).toBe('0000002a' + '686900');
    expect(r.symbols).toEqual([
      { name: 'start', address: 0, kind: 0 },
      { name: 'mid', address: 4, kind: 0 },
      { name: 'end', address: 8, kind: 0 },
      { name: 'pad', address: 0, kind: 1 },
      { name: 'value', address: 3, kind: 1 },
      { name: 'msg', address: 4, kind: 1 },
    ]);
  });
  it('labels may contain dots and digits; one may stand alone on its line; sections interleave', () => {
    const r = assembleText('.data\nx.1: .byte 1\n.code\na_2.b:\nNOP\n.data\ny: .byte 2\n.text\nJMP a_2.b\nLOAD R0, y');
    expect(hex(r.code)).toBe('00' + '10000000' + '22000100');
    expect(hex(r.data)).toBe('0102');
    expect(r.symbols.map((s) => [s.name, s.address, s.kind])).toEqual([
      ['x.1', 0, 1],
      ['a_2.b', 0, 0],
      ['y', 1, 1],
    ]);
  });
  it('no labels: an empty symbol table (written as count = 0); defaults mode SIL-128, entry 0', () => {
    const r = assembleText('NOP');
    expect(r.symbols).toEqual([]);
    expect(r.mode).toBe(4);
    expect(r.entry).toBe(0);
    const file = writeContainer(r);
    const back = readContainer(file);
    expect(back.ok && back.program.symbols).toEqual([]);
    expect(new DataView(file.buffer).getUint32(16, true)).toBe(4); // symbol table size: just the count
    const empty = assembleText('');
    expect(empty.code.length).toBe(0);
    expect(empty.data.length).toBe(0);
  });
  it('a label may be a channel, an a24 or a SYSCALL arg', () => {
    const r = assembleText('BROADCAST ch\nTRANS t\nSYSCALL 1, t\n.data\n.zero 5\nch:\nt: .byte 0x14, 0, 0, 0');
    expect(hex(r.code)).toBe('c5050000' + '80050000' + 'ff010500');
  });
});

describe('directives (spec 7)', () => {
  it('.mode and .entry', () => {
    const r = assembleText('.mode SIL-32\n.entry go\nNOP\ngo: HLT');
    expect(r.mode).toBe(2);
    expect(r.entry).toBe(1);
    for (const [m, n] of [['SIL-8', 0], ['sil-16', 1], ['SIL-64', 3], ['Sil-128', 4]] as const) expect(assembleText(`.mode ${m}`).mode).toBe(n);
    expect(assembleText('.entry 3\nNOP\nNOP\nNOP\nNOP').entry).toBe(3);
  });
  it('.byte, .state, .string with every escape, .zero', () => {
    const r = assembleText(
      '.data\n.byte -128, -1, 0, 255, 0x10\n.state 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,-1\n.string "a\\n\\t\\"\\\\\\x7fZ\\x00"\n.zero 2\n.string ""',
    );
    expect(hex(r.data)).toBe('80ff00ff10' + '000102030405060708090a0b0c0d0eff' + '610a09225c7f5a0000' + '0000' + '00');
  });
  it('.align pads with 0 (NOP in code); a power of two', () => {
    const r = assembleText('PUSH R1\nNOP\n.align 4\nHLT\n.align 1\n.data\n.byte 1\n.align 8\n.byte 2\n.align 2');
    expect(hex(r.code)).toBe('2401000001');
    expect(hex(r.data)).toBe('0100000000000000' + '0200');
  });
});

describe('errors (spec 7): line, column and what was expected', () => {
  it('unknown mnemonic', () => {
    expect(errors('NOP\n  FROB R1')).toEqual(["t.vsp:2:3: unknown mnemonic 'FROB'"]);
    expect(errors('start')[0]).toBe("t.vsp:1:1: unknown mnemonic 'start' (a label needs a colon: 'start:')");
  });
  it('wrong operand count or shape', () => {
    expect(errors('MOV R1')).toEqual(['t.vsp:1:1: MOV takes 2 operands (Ra, Rb), found 1']);
    expect(errors('NOP R1')).toEqual(['t.vsp:1:5: NOP takes 0 operands (no operands), found 1']);
    expect(errors('PUSH R1, R2')).toEqual(['t.vsp:1:10: PUSH takes 1 operand (Ra), found 2']);
    expect(errors('SYSCALL 1, 2, 3')).toEqual(['t.vsp:1:15: SYSCALL takes 1 to 2 operands (id[, arg]), found 3']);
    expect(errors('MOV R1,, R2')).toEqual(["t.vsp:1:8: expected an operand before ','"]);
    expect(errors('MOV R1, R2,')).toEqual(["t.vsp:1:12: expected an operand after ','"]);
    expect(errors('MOV R1 R2')).toEqual(["t.vsp:1:8: expected ',' or the end of the line, found register R2"]);
  });
  it('wrong operand kind', () => {
    expect(errors('MOV R1, 5')).toEqual(['t.vsp:1:9: expected a register (R0..RF, R10..R15, L0..LF), found number 5']);
    expect(errors('MOVI R1, R2')).toEqual(['t.vsp:1:10: expected a number -128..255 (imm), found register R2']);
    expect(errors('MOVI R1, lab\nlab:')).toEqual(["t.vsp:1:10: expected a number -128..255 (imm), found 'lab'"]);
    expect(errors('JMP R1')).toEqual(['t.vsp:1:5: expected a number 0..0xFFFFFF or a label (target), found register R1']);
    expect(errors('SETMODE 2')).toEqual(['t.vsp:1:9: expected a mode (SIL-8, SIL-16, SIL-32, SIL-64 or SIL-128), found number 2']);
    expect(errors('SETMODE SIL-12')).toEqual(["t.vsp:1:9: expected a mode (SIL-8, SIL-16, SIL-32, SIL-64 or SIL-128), found 'SIL-12'"]);
    expect(errors('SYSCALL print_nothing')).toEqual(["t.vsp:1:9: unknown intrinsic 'print_nothing': expected an intrinsic name of section 8 or a number 0..255"]);
    expect(errors('.data\n.string 5')).toEqual(['t.vsp:2:9: expected a string "text", found number 5']);
    expect(errors('SYNC lab\nlab:')).toEqual(["t.vsp:1:6: expected a number 0..255 (i8), found 'lab'"]);
  });
  it('values out of range, with the range', () => {
    expect(errors('MOVI R0, 256')).toEqual(['t.vsp:1:10: value 256 out of range: imm takes -128..255']);
    expect(errors('MOVI R0, -129')).toEqual(['t.vsp:1:10: value -129 out of range: imm takes -128..255']);
    expect(errors('JMP 0x1000000')).toEqual(['t.vsp:1:5: value 0x1000000 out of range: target takes 0x0..0xFFFFFF']);
    expect(errors('LOAD R0, 0x10000')).toEqual(['t.vsp:1:10: value 0x10000 out of range: addr takes 0x0..0xFFFF']);
    expect(errors('BROADCAST 256')).toEqual(['t.vsp:1:11: value 256 out of range: ch takes 0..255']);
    expect(errors('SYNC -1')).toEqual(['t.vsp:1:6: value -1 out of range: i8 takes 0..255']);
    expect(errors('SYSCALL 256')).toEqual(['t.vsp:1:9: value 256 out of range: SYSCALL id takes 0..255']);
    expect(errors('SYSCALL 1, 65536')).toEqual(['t.vsp:1:12: value 65536 out of range: SYSCALL arg takes 0x0..0xFFFF']);
    expect(errors('.data\n.byte 1, 300')).toEqual(['t.vsp:2:10: value 300 out of range: .byte takes -128..255']);
    expect(errors('.data\n.zero 65537')).toEqual(['t.vsp:2:7: value 65537 out of range: .zero takes 0x0..0x10000']);
    expect(errors('MOVI R0, 99999999999999999999999')).toEqual(['t.vsp:1:10: value 99999999999999999999999 out of range: imm takes -128..255']);
    expect(errors('BROADCAST ch\n.data\n.zero 300\nch: .byte 1')).toEqual(["t.vsp:1:11: label 'ch' = 0x12C out of range: ch takes 0..0xFF"]);
  });
  it('undefined and duplicate labels; label names that are mnemonics or registers', () => {
    expect(errors('JMP nowhere\nLOAD R0, gone')).toEqual(["t.vsp:1:5: undefined label 'nowhere'", "t.vsp:2:10: undefined label 'gone'"]);
    expect(errors('a: NOP\n.data\n  a: .byte 1')).toEqual(["t.vsp:3:3: duplicate label 'a' (first defined at line 1)"]);
    expect(errors('nop: HLT')).toEqual(["t.vsp:1:1: label 'nop' is a mnemonic"]);
    expect(errors('rA: HLT')).toEqual(["t.vsp:1:1: label 'rA' is a register name"]);
    expect(errors('L15: HLT')).toEqual(["t.vsp:1:1: label 'L15' is a register name"]);
    expect(errors('.entry missing')).toEqual(["t.vsp:1:8: undefined label 'missing'"]);
  });
  it('data directives in the code section, instructions in the data section', () => {
    expect(errors('.byte 1')).toEqual(['t.vsp:1:1: .byte is a data directive: it belongs in the data section (write .data before it)']);
    expect(errors('.code\n.string "x"\n.zero 1\n.state 0')).toHaveLength(3);
    expect(errors('.data\n  HLT')).toEqual(['t.vsp:2:3: instruction HLT in the data section (write .code before it)']);
  });
  it('data beyond 65,536 bytes (reported once); exactly 65,536 is fine', () => {
    expect(assembleText('.data\n.zero 65535\n.byte 1').data.length).toBe(65536);
    expect(errors('.data\n.zero 65535\n.byte 1, 2\n.byte 3')).toEqual(['t.vsp:3:1: data beyond 65,536 bytes (.byte would end at 65537)']);
    expect(errors('.data\n.zero 65536\n.align 2\n.string "a"')).toEqual(['t.vsp:4:1: data beyond 65,536 bytes (.string would end at 65538)']);
  });
  it('directives: unknown, wrong counts, duplicates, alignment not a power of two', () => {
    expect(errors('.org 5')).toEqual(["t.vsp:1:1: unknown directive '.org': expected .mode, .code, .text, .data, .entry, .byte, .state, .string, .zero or .align"]);
    expect(errors('.data\n.state 1, 2')).toEqual(['t.vsp:2:1: .state takes exactly 16 values (-128..255), found 2']);
    expect(errors('.data\n.byte')).toEqual(['t.vsp:2:1: .byte takes at least one value (-128..255)']);
    expect(errors('.mode SIL-8\n.mode SIL-16')).toEqual(['t.vsp:2:1: duplicate .mode (first at line 1)']);
    expect(errors('.entry 0\n.entry 0')).toEqual(['t.vsp:2:1: duplicate .entry (first at line 1)']);
    expect(errors('.align 3')).toEqual(['t.vsp:1:8: .align 3: expected a power of two']);
    expect(errors('.align 0')).toEqual(['t.vsp:1:8: value 0 out of range: .align takes 0x1..0x1000000']);
    expect(errors('.code 1')).toEqual(['t.vsp:1:7: .code takes 0 operands (no operands), found 1']);
  });
  it('strings: bad escapes, unterminated, non-ASCII', () => {
    expect(errors('.data\n.string "a\\qb"')).toEqual(['t.vsp:2:11: bad escape \'\\q\': expected \\n, \\t, \\", \\\\ or \\xHH']);
    expect(errors('.data\n.string "\\x4"')).toEqual(['t.vsp:2:10: bad escape: \\x takes exactly two hex digits']);
    expect(errors('.data\n.string "abc')).toEqual(['t.vsp:2:9: unterminated string: expected a closing \'"\'']);
    expect(errors('.data\n.string "é"')).toEqual(["t.vsp:2:10: non-ASCII character 'é' in a string: use \\xHH"]);
  });
  it('lexical errors: malformed numbers, stray characters, misplaced colons', () => {
    expect(errors('MOVI R0, 12ab')).toEqual(["t.vsp:1:10: malformed number '12ab': expected decimal (-12) or hex (0x1F)"]);
    expect(errors('MOVI R0, 0x')).toEqual(["t.vsp:1:10: malformed number '0x': expected hex digits after 0x"]);
    expect(errors('MOVI R0, #5')).toEqual(["t.vsp:1:10: unexpected character '#'"]);
    expect(errors('5: NOP')).toEqual(['t.vsp:1:1: expected a label, mnemonic or directive, found number 5']);
    expect(errors('MOV R1: R2')).toEqual(["t.vsp:1:7: unexpected ':' (a label goes at the start of the line)"]);
  });
  it('collects every error of the file, in line order, formatted FILE:LINE:COL: message', () => {
    const e = errors('JMP later\nFROB\n.data\nNOP\n.byte 999', 'prog.vsp');
    expect(e).toEqual([
      "prog.vsp:1:5: undefined label 'later'",
      "prog.vsp:2:1: unknown mnemonic 'FROB' (a label needs a colon: 'FROB:')",
      'prog.vsp:4:1: instruction NOP in the data section (write .code before it)',
      'prog.vsp:5:7: value 999 out of range: .byte takes -128..255',
    ]);
    try {
      assembleText('FROB', 'x.vsp');
    } catch (err) {
      expect((err as Error).message).toBe("x.vsp:1:1: unknown mnemonic 'FROB' (a label needs a colon: 'FROB:')");
    }
  });
  it('a wrong instruction keeps its size, so later labels keep their addresses', () => {
    expect(errors('MOV R1, 5\nJMP x\nx: LOAD R0, 0x10000')).toEqual([
      't.vsp:1:9: expected a register (R0..RF, R10..R15, L0..LF), found number 5',
      't.vsp:3:13: value 0x10000 out of range: addr takes 0x0..0xFFFF',
    ]);
  });
});
