// Every error code, provoked: the class, the code, where (call site, template line and column, operand)
// and what is allowed. Plan-time (constant) and fill-time (interpolated) checks of the same value give
// the same message.
import { describe, expect, it } from 'vitest';
import {
  Assembler,
  DirectiveError,
  DynasmError,
  DynasmSyntaxError,
  ErrorCodes,
  LabelError,
  OperandError,
  UsageError,
  rdi,
  x0,
  x1,
  x2,
  w1,
  type ErrorCode,
} from '../../src/index.js';

function caught(f: () => unknown): DynasmError {
  try {
    f();
  } catch (e) {
    if (e instanceof DynasmError) return e;
    throw new Error(`expected a DynasmError, got ${String(e)}`);
  }
  throw new Error('expected an error, none thrown');
}

function expectCode(e: DynasmError, cls: new (...a: never[]) => DynasmError, code: ErrorCode): void {
  expect(e).toBeInstanceOf(cls);
  expect(e.code).toBe(code);
  expect(e.message).toContain(`[${code}]`);
}

const a64 = () => new Assembler('a64');

describe('error codes', () => {
  it('E_SYNTAX: bad characters and malformed operands, with line and column', () => {
    const e = caught(() => a64().dynasm`nop\n   add x0, x1, ?`);
    expectCode(e, DynasmSyntaxError, ErrorCodes.SYNTAX);
    expect(e.line).toBe(2);
    expect(e.column).toBe(16);
    expect(e.site).toMatch(/errors\.test\.ts:\d+:\d+/);
    expectCode(caught(() => a64().dynasm`ldr x0, [x1, #8`), DynasmSyntaxError, ErrorCodes.SYNTAX);
    expectCode(caught(() => a64().dynasm`add x0, , x1`), DynasmSyntaxError, ErrorCodes.SYNTAX);
  });

  it('E_MNEMONIC: unknown mnemonic (with suggestions) and unknown directive', () => {
    const e = caught(() => a64().dynasm`adds x0, x1, x2\n  addd x0, x1, x2`);
    expectCode(e, OperandError, ErrorCodes.MNEMONIC);
    expect(e.message).toMatch(/did you mean .*add/);
    expect(e.line).toBe(2);
    expectCode(caught(() => a64().dynasm`.frobnicate 3`), DirectiveError, ErrorCodes.MNEMONIC);
  });

  it('E_NOFORM: wrong operand count, with the legal forms listed', () => {
    const e = caught(() => a64().dynasm`add x0, x1`);
    expectCode(e, OperandError, ErrorCodes.NOFORM);
    expect(e.forms?.some((f) => f.startsWith('add Xd|SP, Xn|SP, #<0..4095>'))).toBe(true);
    expect(e.message).toContain('legal forms:');
  });

  it('E_OPERAND: wrong operand kind at a position', () => {
    const e = caught(() => a64().dynasm`add x0, x1, [x2]`);
    expectCode(e, OperandError, ErrorCodes.OPERAND);
    expect(e.operand).toBe(3);
    expectCode(caught(() => a64().dynasm`add ${x0}, ${x1}, #${x2}`), DynasmError, ErrorCodes.OPERAND);
  });

  it('E_REGCLASS: wrong width or sp/zr, plan time and fill time', () => {
    const e = caught(() => a64().dynasm`add x0, w1, x2`);
    expectCode(e, OperandError, ErrorCodes.REGCLASS);
    expect(e.operand).toBe(2);
    expect(e.actual).toContain('w1');
    const d = caught(() => a64().dynasm`add ${x0}, ${w1}, ${x2}`);
    expectCode(d, OperandError, ErrorCodes.REGCLASS);
    expect(d.operand).toBe(2);
    expectCode(caught(() => a64().dynasm`and xzr, sp, #1`), OperandError, ErrorCodes.REGCLASS);
  });

  it('E_RANGE: the same predicate and message at plan time and at fill time', () => {
    const c = caught(() => a64().dynasm`\n  add x0, x1, #5000`);
    const d = caught(() => a64().dynasm`\n  add ${x0}, ${x1}, #${5000}`);
    expectCode(c, OperandError, ErrorCodes.RANGE);
    expectCode(d, OperandError, ErrorCodes.RANGE);
    expect(d.detail).toBe(c.detail);
    expect(c.operand).toBe(3);
    expect(d.operand).toBe(3);
    expect(c.line).toBe(2);
    expect(d.line).toBe(2);
    expect(c.detail).toContain('expected 0..4095');
    expectCode(caught(() => a64().dynasm`lsl x0, x1, #${64}`), OperandError, ErrorCodes.RANGE);
    expectCode(caught(() => a64().dynasm`ubfx x0, x1, #60, #8`), OperandError, ErrorCodes.RANGE);
    expectCode(caught(() => a64().dynasm`ubfx ${x0}, ${x1}, #${60}, #${8}`), OperandError, ErrorCodes.RANGE);
    expectCode(caught(() => a64().dynasm`mov x0, #${1.5}`), OperandError, ErrorCodes.RANGE);
    expectCode(caught(() => a64().dynasm`mov x0, #${2 ** 60}`), OperandError, ErrorCodes.RANGE);
  });

  it('E_ALIGN: misaligned scaled offsets, plan time and fill time', () => {
    const c = caught(() => a64().dynasm`ldp x0, x1, [x2, #12]`);
    const d = caught(() => a64().dynasm`ldp x0, x1, [x2, #${12}]`);
    expectCode(c, OperandError, ErrorCodes.ALIGN);
    expectCode(d, OperandError, ErrorCodes.ALIGN);
    expect(d.detail).toBe(c.detail);
    expect(c.detail).toContain('multiple of 8');
  });

  it('E_BITMASK: unencodable logical immediates, plan time and fill time', () => {
    const c = caught(() => a64().dynasm`and x0, x1, #0x1234`);
    const d = caught(() => a64().dynasm`and x0, x1, #${0x1234}`);
    expectCode(c, OperandError, ErrorCodes.BITMASK);
    expectCode(d, OperandError, ErrorCodes.BITMASK);
    expect(d.detail).toBe(c.detail);
  });

  it('E_VALUE: interpolated values of a kind the DSL does not take', () => {
    const bad = [{}, undefined, null, true, () => 0] as unknown as number[];
    const said = ['an object (Object)', 'undefined', 'null', 'the boolean true', 'a function'];
    bad.forEach((v, i) => {
      const e = caught(() => a64().dynasm`add x0, x1, ${v}`);
      expectCode(e, OperandError, ErrorCodes.VALUE);
      expect(e.line).toBe(1);
      expect(e.message).toContain(`\${0} is ${said[i]}: expected`);
    });
    expectCode(caught(() => a64().dynasm`${3 as unknown as never}: nop`), LabelError, ErrorCodes.VALUE);
    expectCode(caught(() => a64().dynasm`.space ${x0 as unknown as number}`), DirectiveError, ErrorCodes.VALUE);
  });

  it('an error found while filling a cached plan points at the operand, like one found while building it', () => {
    const a = a64();
    const add = (k: number) => a.dynasm`
        nop
        add x0, x1, #${k}`;
    add(5);
    const e = caught(() => add(5000));
    expectCode(e, OperandError, ErrorCodes.RANGE);
    expect([e.line, e.column, e.operand]).toEqual([3, 21, 3]); // the '#' of operand 3
    const b = new Assembler('x64');
    const mov = (k: bigint) => b.dynasm`lock xadd qword ptr [${rdi} + 8], rax ; mov eax, ${k}`;
    mov(1n);
    const f = caught(() => mov(1n << 40n));
    expectCode(f, OperandError, ErrorCodes.RANGE);
    expect([f.line, f.column, f.operand]).toEqual([1, 48, 2]); // `${1}` in the rendered "lock xadd qword ptr [${0} + 8], rax ; mov eax, ${1}"
    expect(f.message).toContain('1099511627776 does not fit');
  });

  it('E_LABEL_UNDEFINED, E_LABEL_DUPLICATE, E_LABEL_FOREIGN', () => {
    const a = a64();
    const l = a.newLabel('exit');
    a.dynasm`b ${l}`;
    const u = caught(() => a.finalize());
    expectCode(u, LabelError, ErrorCodes.LABEL_UNDEFINED);
    expect(u.message).toContain("label 'exit'");
    expect(u.site).toMatch(/errors\.test\.ts/);
    a.dynasm`${l}: nop`;
    expectCode(caught(() => a.dynasm`${l}: nop`), LabelError, ErrorCodes.LABEL_DUPLICATE);
    expectCode(caught(() => a64().dynasm`x: nop\n x: nop`), LabelError, ErrorCodes.LABEL_DUPLICATE);
    const b = a64();
    b.dynasm`y: nop`;
    expectCode(caught(() => b.dynasm`y: nop`), LabelError, ErrorCodes.LABEL_DUPLICATE);
    expectCode(caught(() => a64().dynasm`b ${l}`), LabelError, ErrorCodes.LABEL_FOREIGN);
    expectCode(caught(() => a64().dynasm`b 1b`), LabelError, ErrorCodes.LABEL_UNDEFINED);
    expectCode(caught(() => a64().dynasm`b nowhere`.finalize()), LabelError, ErrorCodes.LABEL_UNDEFINED);
  });

  it('E_LABEL_RANGE: names the label, the distance and the legal range (plan, fill and finalize time)', () => {
    const p = caught(() => a64().dynasm`tbz x0, #1, 1f\n .space 40000\n 1: nop`);
    expectCode(p, LabelError, ErrorCodes.LABEL_RANGE);
    expect(p.message).toContain('40004 bytes away');
    expect(p.message).toContain('-32768..32764');
    const a = a64();
    const far = a.newLabel('far');
    a.dynasm`tbz ${x0}, #1, ${far}`;
    a.dynasm`.space ${40000}`;
    a.dynasm`${far}: nop`;
    const f = caught(() => a.finalize());
    expectCode(f, LabelError, ErrorCodes.LABEL_RANGE);
    expect(f.message).toContain("label 'far' is 40004 bytes away");
    const b = a64();
    const back = b.newLabel('back');
    b.dynasm`${back}: nop`;
    b.dynasm`.space ${1 << 21}`;
    const g = caught(() => b.dynasm`cbz ${x0}, ${back}`);
    expectCode(g, LabelError, ErrorCodes.LABEL_RANGE);
    expect(g.message).toContain("label 'back' is -2097156 bytes away");
    expect(b.offset).toBe(4 + (1 << 21));
  });

  it('E_DIRECTIVE: bad directive arguments', () => {
    expectCode(caught(() => a64().dynasm`.align 99`), DirectiveError, ErrorCodes.DIRECTIVE);
    expectCode(caught(() => a64().dynasm`.balign 3`), DirectiveError, ErrorCodes.DIRECTIVE);
    expectCode(caught(() => a64().dynasm`.byte 256`), DirectiveError, ErrorCodes.RANGE);
    expectCode(caught(() => a64().dynasm`.byte 1\n nop`), DynasmError, ErrorCodes.DIRECTIVE);
    expectCode(caught(() => a64().dynasm`.byte ${300}`), OperandError, ErrorCodes.RANGE);
  });

  it('E_USAGE: API misuse', () => {
    expectCode(caught(() => new Assembler('mips' as 'a64')), UsageError, ErrorCodes.USAGE);
    expectCode(caught(() => new Assembler('a64', { base: -1 })), UsageError, ErrorCodes.USAGE);
    const a = a64();
    a.dynasm`.byte 1`;
    expectCode(caught(() => a.dynasm`nop`), UsageError, ErrorCodes.USAGE);
  });
});
