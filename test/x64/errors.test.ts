// Error quality of the x64 arch: every error code it raises, with its location (template line and
// column), the operand index, the legal range, and the legal forms from spec/x64 when nothing matches.
// The same checks run on the constant path (text) and the interpolated path (plan filled with values),
// with identical values: one predicate, checked twice (design practice 3).
import { describe, expect, it } from 'vitest';
import { Assembler } from '../../dsl/assembler.js';
import { DynasmError, ErrorCodes } from '../../dsl/errors.js';
import '../../src/arch/x64/index.js';
import { mem } from '../../src/arch/x64/mem.js';
import { ah, al, eax, ebx, R64, r8, r8b, rax, rbx, rsp, xmm0 } from '../../src/arch/x64/registers.js';

function err(f: () => unknown): DynasmError {
  try {
    f();
  } catch (e) {
    if (e instanceof DynasmError) return e;
    throw e;
  }
  throw new Error('no error');
}

const text = (src: string) => () => new Assembler('x64').assemble(src);

describe('x64 errors', () => {
  it('E_MNEMONIC: unknown mnemonic with suggestions and its position', () => {
    const e = err(text('nop\n  movv rax, rbx'));
    expect(e.code).toBe(ErrorCodes.MNEMONIC);
    expect([e.line, e.column]).toEqual([2, 3]);
    expect(e.message).toMatch(/did you mean mov/);
  });

  it('E_NOFORM: wrong operand count lists the legal forms', () => {
    const e = err(text('add rax, rbx, rcx'));
    expect(e.code).toBe(ErrorCodes.NOFORM);
    expect(e.forms).toContain('add r/m64, simm8');
    expect(e.forms).toContain('add rax, simm32');
    expect(e.detail).toMatch(/takes 2 operands, got 3/);
  });

  it('E_REGCLASS: wrong register class names the operand, what fits and the forms', () => {
    for (const f of [text('mov rax, ebx'), () => new Assembler('x64').dynasm`mov ${rax}, ${ebx}`]) {
      const e = err(f);
      expect(e.code).toBe(ErrorCodes.REGCLASS);
      expect(e.operand).toBe(2);
      expect(e.expected).toMatch(/64-bit register/);
      expect(e.expected).not.toMatch(/immediate/);
      expect(e.actual).toMatch(/ebx|32-bit register/);
      expect(e.forms?.length).toBeGreaterThan(10);
    }
  });

  it('E_REGCLASS: ah..bh with a REX prefix (constant and interpolated)', () => {
    for (const f of [text('mov ah, r8b'), () => new Assembler('x64').dynasm`mov ${ah}, ${r8b}`, text('add ah, sil')]) {
      const e = err(f);
      expect(e.code).toBe(ErrorCodes.REGCLASS);
      expect(e.detail).toMatch(/cannot be encoded in an instruction that needs a REX prefix/);
    }
    // Without REX it is fine:
    expect(Buffer.from(new Assembler('x64').assemble('mov ah, bl').finalize()).toString('hex')).toBe('88dc');
  });

  it('E_REGCLASS: rsp as an index (text, interpolated, Mem helper) and a non-64-bit address register', () => {
    expect(err(text('mov rax, [rbx + rsp*2]')).code).toBe(ErrorCodes.REGCLASS);
    expect(err(() => new Assembler('x64').dynasm`mov rax, [rbx + ${rsp}*2]`).code).toBe(ErrorCodes.REGCLASS);
    expect(err(() => mem.qword(rbx, rsp, 2)).code).toBe(ErrorCodes.REGCLASS);
    const e = err(text('mov rax, [ebx]'));
    expect(e.code).toBe(ErrorCodes.REGCLASS);
    expect(e.expected).toMatch(/64-bit register/);
  });

  it('E_RANGE: immediates out of range, with the legal range, on both paths with the same values', () => {
    const vals: [string, bigint | number, RegExp][] = [
      ['al', 300, /-128\.\.255/],
      ['al', -129, /-128\.\.255/],
      ['eax', 0x100000000n, /4294967295|0xffffffff/],
      ['rax', 1n << 40n, /sign-extended to 64 bits/],
    ];
    for (const [r, v, range] of vals) {
      const a = err(text(`add ${r}, ${v}`));
      const reg = { al, eax, rax }[r]!;
      const b = err(() => new Assembler('x64').dynasm`add ${reg}, ${v}`);
      for (const e of [a, b]) {
        expect(e.code).toBe(ErrorCodes.RANGE);
        expect(e.operand).toBe(2);
        expect(e.expected).toMatch(range);
      }
    }
    expect(err(text('shl rax, 256')).code).toBe(ErrorCodes.RANGE);
    expect(err(text('int 256')).code).toBe(ErrorCodes.RANGE);
    expect(err(() => new Assembler('x64').dynasm`shl ${rax}, ${1.5}`).code).toBe(ErrorCodes.RANGE);
  });

  it('E_RANGE: scales and displacements (text, interpolated)', () => {
    expect(err(text('lea rax, [rax*3]')).code).toBe(ErrorCodes.RANGE);
    const s = err(() => new Assembler('x64').dynasm`lea rax, [rbx + ${rax}*${3}]`);
    expect([s.code, s.operand, s.expected]).toEqual([ErrorCodes.RANGE, 2, '1, 2, 4, 8']);
    expect(err(text('mov rax, [rbx + 0x80000000]')).code).toBe(ErrorCodes.RANGE);
    const d = err(() => new Assembler('x64').dynasm`mov rax, [rbx + ${0x80000000}]`);
    expect([d.code, d.operand]).toEqual([ErrorCodes.RANGE, 2]);
    expect(err(() => mem.qword(rbx, 0x80000000)).code).toBe(ErrorCodes.RANGE);
    // -7 written as a 64-bit address is fine (GNU as reads it so too).
    expect(Buffer.from(new Assembler('x64').assemble('mov rax, [rax + 0xfffffffffffffff9]').finalize()).toString('hex')).toBe('488b40f9');
  });

  it('E_OPERAND: ambiguous operand size, lock and rep misuse, wrong operand kind', () => {
    const e = err(text('inc [rax]'));
    expect(e.code).toBe(ErrorCodes.OPERAND);
    expect(e.expected).toBe('byte ptr | word ptr | dword ptr | qword ptr');
    expect(err(text('lock mov [rax], rbx')).code).toBe(ErrorCodes.OPERAND);
    expect(err(text('lock add rax, rbx')).code).toBe(ErrorCodes.OPERAND);
    expect(err(text('rep add rax, rbx')).code).toBe(ErrorCodes.OPERAND);
    expect(err(text('repe movsb')).code).toBe(ErrorCodes.OPERAND);
    const k = err(() => new Assembler('x64').dynasm`mov ${rax}, ${xmm0}`);
    expect(k.code).toBe(ErrorCodes.REGCLASS);
  });

  it('E_SYNTAX: bad addresses and labels, with the column of the offending token', () => {
    const e = err(text('lea rax, [rax + rbx + rcx]'));
    expect(e.code).toBe(ErrorCodes.SYNTAX);
    expect(err(text('L: lea rax, [L]')).detail).toMatch(/needs rip/);
    expect(err(text('L: lea rax, [rip + L + 8]')).code).toBe(ErrorCodes.SYNTAX);
    const p = err(text('mov rax, qword ptr [rbx'));
    expect(p.code).toBe(ErrorCodes.SYNTAX);
    expect(err(text('mov rax, ptr [rbx]')).code).toBe(ErrorCodes.SYNTAX);
  });

  it('E_VALUE: a string or another object interpolated', () => {
    const e = err(() => new Assembler('x64').dynasm`mov rax, ${'rbx' as never}`);
    expect(e.code).toBe(ErrorCodes.VALUE);
    expect(e.detail).toMatch(/a string/);
  });

  it('E_LABEL_UNDEFINED and E_LABEL_RANGE from finalize, at the reference', () => {
    const a = new Assembler('x64');
    a.assemble('nop\njmp nowhere');
    const u = err(() => a.finalize());
    expect([u.code, u.line]).toEqual([ErrorCodes.LABEL_UNDEFINED, 2]);
    const b = new Assembler('x64');
    const r = err(() => b.assemble('1: .space 200\nloop 1b')); // a backward reference is resolved when filled
    expect(r.line).toBe(2);
    expect(r.code).toBe(ErrorCodes.LABEL_RANGE);
    expect(r.expected).toBe('-128..127');
  });

  it('nothing is emitted for a failed instruction (transactional fill)', () => {
    const a = new Assembler('x64');
    a.assemble('nop');
    expect(() => a.dynasm`add ${rax}, 1\nadd ${rax}, ${1n << 40n}`).toThrow(DynasmError);
    expect(a.offset).toBe(1);
    expect(Buffer.from(a.finalize()).toString('hex')).toBe('90');
  });

  it('R64(n) checks its number', () => {
    expect(() => R64(16)).toThrow(RangeError);
    expect(R64(8)).toBe(r8);
  });
});
