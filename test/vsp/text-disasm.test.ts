// The canonical disassembly (spec 7.1): a hand-encoded program and the exact text the spec's rules give
// for it, written out here by hand; programs failing the checks of 3.2 raise VspDisasmError with the code
// and offset.
import { describe, expect, it } from 'vitest';
import { VspError } from '../../src/vsp/state-layout.js';
import { assembleText } from '../../src/vsp/text-asm.js';
import { disassembleText, VspDisasmError } from '../../src/vsp/text-disasm.js';

const bytes = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h.replace(/\s+/g, ''), 'hex'));

describe('disassembleText (spec 7.1)', () => {
  it('prints the exact canonical text', () => {
    const code = bytes(`
      2100fb 4a0180 4202ff e4e80300 e6341200 80050000 27000001 22030a00 16000000
      ff020000 ff070501 ff010000
      a001 a10004 c5070000 c4c8 822180 560f00 11420000
      01`);
    const data = Uint8Array.from({ length: 20 }, (_, i) => i * 13);
    const text = disassembleText({ code, data, mode: 3, entry: 45 });
    expect(text).toBe(
      [
        '.mode SIL-64',
        '.entry L_00002D',
        '.code',
        'L_000000:',
        '    MOVI R0, -5',
        '    SCALE R1, -128',
        '    POW R2, 255',
        '    BATCH 1000',
        '    PREFETCH 0x1234',
        '    TRANS 0x0005',
        '    LSTATE 0x10000',
        '    LOAD R3, 0x000A',
        '    LOOP L_000000',
        '    SYSCALL print_int',
        '    SYSCALL 7, 261',
        '    SYSCALL print_string',
        'L_00002D:',
        '    SETMODE SIL-16',
        '    PROMOTE SIL-128',
        '    BROADCAST 7',
        '    SYNC 200',
        '    LERP R1, R2, 128',
        '    SQRTFLOAT RF',
        '    JZ L_000042',
        'L_000042:',
        '    HLT',
        '.data',
        '    .byte 0, 13, 26, 39, 52, 65, 78, 91, 104, 117, 130, 143, 156, 169, 182, 195',
        '    .byte 208, 221, 234, 247',
        '',
      ].join('\n'),
    );
    const back = assembleText(text);
    expect(Buffer.compare(back.code, code)).toBe(0);
    expect(Buffer.compare(back.data, data)).toBe(0);
    expect(back.mode).toBe(3);
    expect(back.entry).toBe(45);
    expect(back.symbols.map((s) => s.name)).toEqual(['L_000000', 'L_00002D', 'L_000042']);
  });

  it('registers, every shape, entry 0 without .entry, no data without .data', () => {
    const ok = bytes('26ba00 c7c500 c00f80 c1007f 8503c8 b60e 630f 28f0ff00');
    expect(disassembleText({ code: ok, data: new Uint8Array(0), mode: 0, entry: 0 })).toBe(
      '.mode SIL-8\n.code\n    XCHG RA, RB\n    ENTANGLE R5, RC\n    IN RF, 128\n    OUT R0, 127\n    DESCENT R3, 200\n    BIT.ROTQ RE\n    NOTL RF\n    SSTATE 0xFFF0\n',
    );
    expect(disassembleText({ code: new Uint8Array(0), data: new Uint8Array(0), mode: 4, entry: 0 })).toBe('.mode SIL-128\n.code\n');
  });

  it('programs failing spec 3.2 raise VspDisasmError with the code and offset', () => {
    const fail = (h: string, entry: number, code: VspError, offset: number): void => {
      try {
        disassembleText({ code: bytes(h), data: new Uint8Array(0), mode: 4, entry });
      } catch (e) {
        expect(e).toBeInstanceOf(VspDisasmError);
        expect((e as VspDisasmError).code).toBe(code);
        expect((e as VspDisasmError).offset).toBe(offset);
        return;
      }
      throw new Error('expected VspDisasmError');
    };
    fail('00 04', 0, VspError.bad_opcode, 1);
    fail('00 0000 22 0100', 0, VspError.truncated, 3);
    fail('00 2410', 0, VspError.bad_encoding, 1);
    fail('a005', 0, VspError.bad_encoding, 0);
    fail('10020000 00', 0, VspError.bad_target, 0);
    fail('10050000 00', 0, VspError.bad_target, 0); // the code length is not a target
    fail('2401 00', 1, VspError.bad_entry, 1);
    fail('', 1, VspError.bad_entry, 1);
  });
});
