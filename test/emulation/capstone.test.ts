// Capstone (capstone-wasm) disassembly against the llvm-mc-14 disassembler as ground truth, listings, and
// the typed error on undecodable bytes.
import { beforeAll, describe, expect, it } from 'vitest';
import { DisassemblyError, EmulationError, disassemble, formatListing, insnText, loadDisassembler } from '../../emulation/index.js';
import { assembleLines, llvmDisassemble } from './support/assemble.js';

const A64 = [
  'add x0, x1, x2', 'sub x0, x1, x2', 'mul x0, x1, x2', 'eor x0, x1, x2', 'lsl x0, x1, x2', 'asr x0, x1, x2',
  'add x0, x1, x2, lsl #7', 'add w0, w1, w2', 'umulh x0, x1, x2', 'madd x0, x1, x2, x3', 'msub x0, x1, x2, x3',
  'add x0, x1, #0xabc', 'sub x0, x1, #0x123, lsl #12', 'eor x0, x1, #0xff00ff00ff00ff00', 'neg x0, x1', 'mvn x0, x1',
  'clz x0, x1', 'ubfx x0, x1, #5, #17', 'extr x0, x1, x2, #17', 'adds x0, x1, x2', 'subs x0, x1, x2', 'cmp x1, x2',
  'ccmp x1, x2, #5, ne', 'csel x0, x1, x2, lt', 'csinc x0, x1, x2, hi', 'cset x0, eq', 'tst x1, #0xff', 'bfi x0, x1, #8, #4',
  'str x1, [x2]', 'ldr x0, [x2, #8]', 'ldrb w0, [x2, x3]', 'ldrsh x0, [x2]', 'ldr x0, [x2], #8', 'str x1, [x2, #-8]!',
  'stp x1, x3, [x2]', 'ldp x29, x30, [sp], #16', 'ldaddal x1, x0, [x2]', 'swpal x1, x0, [x2]', 'casal x0, x1, [x2]',
  'ldxr x0, [x1]', 'stlxr w2, x0, [x1]', 'dmb ish', 'svc #0', 'brk #0x3e8', 'ret', 'nop', 'mov x0, #42',
  'movk x0, #0x1234, lsl #32', 'mrs x0, nzcv', 'fmov d0, x1', 'fadd d1, d0, d0', 'ldr q0, [x1]', 'add v0.4s, v1.4s, v2.4s',
];
const X64 = [
  'add rax, rsi', 'sub rax, rsi', 'imul rax, rsi', 'mul rsi', 'shl rax, cl', 'rol rax, 13', 'neg rax',
  'lea rax, [rdi + 4*rsi + 0x10]', 'add eax, esi', 'bswap rax', 'movabs rax, 0x123456789abcdef0', 'cmovl rax, rsi',
  'setb al', 'andn rax, rdi, rsi', 'shlx rax, rdi, rsi', 'lzcnt rax, rdi', 'tzcnt rax, rdi', 'popcnt rax, rdi',
  'mov qword ptr [rdi + 8], rsi', 'mov rax, qword ptr [rdi + 8*rsi]', 'movzx eax, byte ptr [rdi + 3]',
  'movsx rax, word ptr [rdi]', 'movsxd rax, dword ptr [rdi]', 'lock xadd qword ptr [rdi], rsi',
  'lock cmpxchg qword ptr [rdi], rsi', 'push rsi', 'pop rax', 'div rsi', 'ret', 'syscall', 'int3', 'ud2', 'nop',
  'cvtsi2sd xmm0, rdi', 'addsd xmm0, xmm0', 'mov eax, 0x12345678', 'and rsp, -16', 'test rdi, rdi', 'xor eax, eax',
  'mov byte ptr [rdi], 0x7f', 'vaddps ymm0, ymm1, ymm2', 'pxor xmm1, xmm2', 'cqo', 'movdqu xmm0, xmmword ptr [rdi]',
  'mov r15, qword ptr [rsp - 0x80]',
];

/**
 * Formatting differences between Capstone 5 and LLVM 14 that are not disagreements: number bases (Capstone
 * hex, LLVM decimal; x86 negative immediates as 64-bit hex), LLVM's `// =…` comments, system register
 * case, and the x86 scale/index order (`rsi*4` vs `4*rsi`).
 */
function normalise(text: string): string {
  return text
    .replace(/\s*\/\/.*$/, '')
    .toLowerCase()
    .replace(/\b(\d+)\*([a-z0-9]+)/g, '$2*$1')
    .replace(/(^|[\s,[#+*-])(-?)(0x[0-9a-f]+|\d+)\b/g, (_m, pre: string, neg: string, num: string) => {
      const v = BigInt(num) * (neg ? -1n : 1n);
      return `${pre}${BigInt.asUintN(64, v).toString()}`;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

let bytesA: Uint8Array[];
let bytesX: Uint8Array[];
beforeAll(async () => {
  bytesA = assembleLines('a64', A64);
  bytesX = assembleLines('x64', X64);
  await loadDisassembler();
});

describe('Capstone agrees with llvm-mc on known encodings', () => {
  for (const arch of ['a64', 'x64'] as const) {
    it(`${arch}: ${arch === 'a64' ? A64.length : X64.length} instructions, same text after formatting normalisation`, async () => {
      const bytes = arch === 'a64' ? bytesA : bytesX;
      const llvm = llvmDisassemble(arch, bytes);
      expect(llvm.length).toBe(bytes.length);
      const ours: string[] = [];
      for (const b of bytes) {
        const insns = await disassemble(arch, b);
        expect(insns).toHaveLength(1);
        expect(insns[0].size).toBe(b.length);
        ours.push(insnText(insns[0]));
      }
      expect(ours.map(normalise)).toEqual(llvm.map(normalise));
    });
  }

  it('one call decodes a whole program with addresses and byte copies', async () => {
    const program = new Uint8Array(bytesA.reduce((n, b) => n + b.length, 0));
    let o = 0;
    for (const b of bytesA) {
      program.set(b, o);
      o += b.length;
    }
    const insns = await disassemble('a64', program, { address: 0x400000n });
    expect(insns).toHaveLength(A64.length);
    insns.forEach((insn, i) => {
      expect(insn.address).toBe(0x400000n + BigInt(4 * i));
      expect(Array.from(insn.bytes)).toEqual(Array.from(bytesA[i]));
    });
    // more than capstone-wasm's single-call limit: 64 KiB of instructions
    const big = new Uint8Array(65536);
    for (let i = 0; i < big.length; i += 4) big.set(bytesA[i % 3 === 0 ? 0 : 1], i);
    expect(await disassemble('a64', big)).toHaveLength(16384);
  });

  it('exact Capstone text for a few encodings (as printed by Capstone 5.0)', async () => {
    const t = async (arch: 'a64' | 'x64', bytes: number[], address = 0n) => (await disassemble(arch, Uint8Array.from(bytes), { address })).map(insnText);
    // llvm-mc-14 -triple=aarch64 -mattr=+lse -show-encoding: ldaddal x1, x0, [x2] = [0x40,0x00,0xe1,0xf8]
    expect(await t('a64', [0x40, 0x00, 0xe1, 0xf8])).toEqual(['ldaddal x1, x0, [x2]']);
    // b to an absolute target: Capstone prints the target address
    expect(await t('a64', [0x02, 0x00, 0x00, 0x14], 0x1000n)).toEqual(['b #0x1008']);
    // llvm-mc-14 -triple=x86_64 -x86-asm-syntax=intel -output-asm-variant=1 -show-encoding: mov rax, qword ptr [rdi + 8] = [0x48,0x8b,0x47,0x08]
    expect(await t('x64', [0x48, 0x8b, 0x47, 0x08, 0xc3])).toEqual(['mov rax, qword ptr [rdi + 8]', 'ret']);
  });
});

describe('undecodable input', () => {
  it('a64: a DisassemblyError naming the offset, address and bytes (never "error: OK")', async () => {
    const bytes = Uint8Array.from([...bytesA[0], 0xff, 0xff, 0xff, 0xff, ...bytesA[1]]);
    let err: unknown;
    try {
      await disassemble('a64', bytes, { address: 0x1000n });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DisassemblyError);
    expect(err).toBeInstanceOf(EmulationError);
    const d = err as DisassemblyError;
    expect(d.code).toBe('disassembly');
    expect(d.offset).toBe(4);
    expect(d.address).toBe(0x1004n);
    expect(Array.from(d.bytes)).toEqual([0xff, 0xff, 0xff, 0xff, ...bytesA[1]]);
    expect(d.message).toBe(`cannot disassemble a64 at offset 4 (address 0x1004): not a valid instruction; bytes: ff ff ff ff ${Array.from(bytesA[1], (b) => b.toString(16).padStart(2, '0')).join(' ')}`);
    expect(d.message).not.toMatch(/error: OK/i);
  });

  it('a64: a truncated instruction; x64: an invalid opcode and a truncated instruction', async () => {
    await expect(disassemble('a64', Uint8Array.from([...bytesA[0], 0x20, 0x00]))).rejects.toThrow(/offset 4 .*only 2 byte\(s\) left of a 4-byte instruction/);
    // 0x06 (push es) and the others do not exist in 64-bit mode (llvm-mc-14 --disassemble: "invalid instruction encoding")
    for (const bad of [[0x06], [0x27], [0x60], [0xd6], [0x0f, 0x04], [0x62]]) {
      await expect(disassemble('x64', Uint8Array.from([0x90, ...bad, 0x90]))).rejects.toMatchObject({ code: 'disassembly', offset: 1 });
    }
    // mov rax, [rdi + 8] cut after two bytes
    await expect(disassemble('x64', Uint8Array.from([0x90, 0x48, 0x8b]))).rejects.toMatchObject({ offset: 1, bytes: Uint8Array.from([0x48, 0x8b]) });
  });

  it("onInvalid: 'data' lists undecodable bytes as data and goes on", async () => {
    const insns = await disassemble('a64', Uint8Array.from([...bytesA[0], 0xff, 0xff, 0xff, 0xff, ...bytesA[0]]), { onInvalid: 'data' });
    expect(insns.map(insnText)).toEqual(['add x0, x1, x2', '.inst 0xffffffff', 'add x0, x1, x2']);
    const xi = await disassemble('x64', Uint8Array.from([0x06, 0x90]), { onInvalid: 'data' });
    expect(xi.map(insnText)).toEqual(['.byte 0x6', 'nop']);
  });

  it('bad arguments are typed errors', async () => {
    await expect(disassemble('arm' as never, new Uint8Array(4))).rejects.toThrow(/allowed are 'a64', 'x64'/);
    await expect(disassemble('a64', [1, 2, 3, 4] as never)).rejects.toThrow(/must be a Uint8Array/);
    expect(await disassemble('x64', new Uint8Array(0))).toEqual([]);
  });
});

describe('listings', () => {
  it('address, padded hex bytes, text', async () => {
    const insns = await disassemble('x64', Uint8Array.from([0x48, 0x89, 0xf8, 0x48, 0x01, 0xf0, 0xc3]), { address: 0x100000n });
    expect(formatListing(insns)).toBe(
      ['0x100000  48 89 f8  mov rax, rdi', '0x100003  48 01 f0  add rax, rsi', '0x100006  c3        ret'].join('\n'),
    );
  });
});
