// The Engine: memory map bookkeeping and its typed errors, registers, stop reasons (stop, budget, timeout,
// memory faults, exceptions, invalid instructions), hooks, the translation-block cache, contexts, and use
// after close. Instruction bytes come from llvm-mc-14 at test time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EmulationError,
  Engine,
  EngineClosedError,
  InvalidArgumentError,
  MemoryAccessError,
  MemoryMapError,
  RegisterError,
  describeStop,
  type StopReason,
} from '../../emulation/index.js';
import { assembleLines } from './support/assemble.js';

const CODE = 0x10000n;
const DATA = 0x40000n;

function cat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

// a64 snippets, assembled once by llvm-mc-14 (-triple=aarch64 -mattr=+lse,+v8.2a)
const A64_SRC = [
  'add x0, x1, x2', // 0
  'svc #0', // 1
  'brk #0', // 2
  'udf #0', // 3
  'ldr x0, [x1]', // 4
  'str x0, [x1]', // 5
  'br x1', // 6
  'b #0', // 7  (b .)
  'nop', // 8
  'add x0, x0, #1', // 9
  'ldaddal x0, x1, [x2]', // 10
  'hvc #0', // 11
  'movz x0, #7', // 12
  'movz x0, #9', // 13
  'ret', // 14
  'smc #0', // 15
] as const;
// x64 snippets (-triple=x86_64, Intel syntax)
const X64_SRC = [
  'mov rax, rdi', // 0
  'add rax, rsi', // 1
  'int3', // 2
  'ud2', // 3
  'syscall', // 4
  'int 0x80', // 5
  'hlt', // 6
  'div rcx', // 7
  'mov rax, qword ptr [rdi]', // 8
  'mov qword ptr [rdi], rax', // 9
  'jmp rax', // 10
  'popcnt rax, rdi', // 11
  'lzcnt rax, rdi', // 12
  'nop', // 13
  'inc rax', // 14
] as const;
let A: Uint8Array[];
let X: Uint8Array[];
const a = (...i: number[]) => cat(i.map((k) => A[k]));
const x = (...i: number[]) => cat(i.map((k) => X[k]));

beforeAll(() => {
  A = assembleLines('a64', A64_SRC);
  X = assembleLines('x64', X64_SRC);
  // `b #0` must be a branch to itself (0x14000000) for the budget/timeout tests.
  expect(Array.from(A[7])).toEqual([0x00, 0x00, 0x00, 0x14]);
});

const engines: Engine[] = [];
function open<T extends 'a64' | 'x64'>(arch: T): Engine<T> {
  const e = Engine.open(arch);
  engines.push(e);
  e.map(CODE, 0x10000, 'rwx');
  e.map(DATA, 0x1000, 'rw');
  return e;
}
afterAll(() => {
  for (const e of engines) e.close();
});

function runCode<T extends 'a64' | 'x64'>(e: Engine<T>, code: Uint8Array, extra: Partial<Parameters<Engine<T>['run']>[0]> = {}): StopReason {
  e.writeCode(CODE, code);
  return e.run({ begin: CODE, until: CODE + BigInt(code.length), ...extra });
}

describe('memory map', () => {
  it('maps page-aligned ranges and lists them sorted', () => {
    const e = Engine.open('a64');
    try {
      e.map(0x20000n, 0x2000, 'rw');
      e.map(0x10000n, 0x1000);
      expect(e.regions()).toEqual([
        { address: 0x10000n, size: 0x1000n, perms: 'rwx' },
        { address: 0x20000n, size: 0x2000n, perms: 'rw' },
      ]);
      e.protect(0x21000n, 0x1000, 'r');
      e.unmap(0x10000n, 0x1000);
      expect(e.regions()).toEqual([
        { address: 0x20000n, size: 0x1000n, perms: 'rw' },
        { address: 0x21000n, size: 0x1000n, perms: 'r' },
      ]);
    } finally {
      e.close();
    }
  });

  it('an overlapping map is a MemoryMapError naming both ranges, not a raw uc_err', () => {
    const e = Engine.open('x64');
    try {
      e.map(0x10000n, 0x4000);
      for (const [addr, size] of [[0x10000n, 0x1000], [0x13000n, 0x2000], [0xf000n, 0x2000], [0x8000n, 0x10000]] as const) {
        let err: unknown;
        try {
          e.map(addr, size);
        } catch (x) {
          err = x;
        }
        expect(err).toBeInstanceOf(MemoryMapError);
        expect(err).toBeInstanceOf(EmulationError);
        expect((err as MemoryMapError).code).toBe('map-overlap');
        expect((err as Error).message).toContain('overlaps the mapped region [0x10000, 0x14000)');
      }
      // the failed maps left nothing behind
      expect(e.regions()).toHaveLength(1);
    } finally {
      e.close();
    }
  });

  it('unaligned or empty ranges, and unmap/protect of unmapped memory, are typed errors', () => {
    const e = Engine.open('a64');
    try {
      expect(() => e.map(0x10001n, 0x1000)).toThrow(/multiples of the 4096-byte page/);
      expect(() => e.map(0x10000n, 0x1001)).toThrow(MemoryMapError);
      expect(() => e.map(0x10000n, 0)).toThrow(MemoryMapError);
      expect(() => e.map(0x10000n, 0x1000, 'rwz' as never)).toThrow(InvalidArgumentError);
      expect(() => e.map(-0x1000n, 0x1000)).toThrow(InvalidArgumentError);
      e.map(0x10000n, 0x1000);
      let err: unknown;
      try {
        e.unmap(0x10000n, 0x2000);
      } catch (x) {
        err = x;
      }
      expect((err as MemoryMapError).code).toBe('map-missing');
      expect((err as Error).message).toContain('0x11000 is not mapped');
      expect(() => e.protect(0x30000n, 0x1000, 'r')).toThrow(/is not mapped/);
    } finally {
      e.close();
    }
  });

  it('reading or writing unmapped memory is a MemoryAccessError with the address and the mapped regions', () => {
    const e = open('a64');
    let err: unknown;
    try {
      e.readMemory(0x900000n, 8);
    } catch (x) {
      err = x;
    }
    expect(err).toBeInstanceOf(MemoryAccessError);
    expect((err as MemoryAccessError).code).toBe('memory-unmapped');
    expect((err as MemoryAccessError).access).toBe('read');
    expect((err as Error).message).toContain('[0x900000, 0x900008)');
    expect((err as Error).message).toContain('[0x10000, 0x20000)');
    // straddling the end of a region
    expect(() => e.readMemory(DATA + 0xffcn, 8)).toThrow(MemoryAccessError);
    expect(() => e.writeMemory(0x900000n, new Uint8Array(4))).toThrow(/cannot write 4 byte/);
    // a valid round trip
    e.writeMemory(DATA + 16n, Uint8Array.of(1, 2, 3, 4));
    expect(Array.from(e.readMemory(DATA + 16n, 4))).toEqual([1, 2, 3, 4]);
    const into = new Uint8Array(2);
    expect(e.readMemoryInto(DATA + 17n, into)).toBe(into);
    expect(Array.from(into)).toEqual([2, 3]);
  });
});

describe('registers', () => {
  it('round-trips 64-bit, 32-bit and 128-bit registers; q and v alias', () => {
    const e = open('a64');
    e.writeReg('x5', 0xfedcba9876543210n);
    expect(e.readReg('x5')).toBe(0xfedcba9876543210n);
    e.writeReg('x3', -1n);
    expect(e.readReg('x3')).toBe(0xffffffffffffffffn);
    e.writeReg('fp', 0x1234n);
    expect(e.readReg('x29')).toBe(0x1234n);
    e.writeReg('x30', 0x5678n);
    expect(e.readReg('lr')).toBe(0x5678n);
    const q = (0x0123456789abcdefn << 64n) | 0xfedcba9876543210n;
    e.writeReg('q7', q);
    expect(e.readReg('v7')).toBe(q);
    e.writeReg('nzcv', 0xf0000000n);
    expect(e.readReg('nzcv')).toBe(0xf0000000n);
    e.writeReg('fpcr', 0x03000000n);
    expect(e.readReg('fpcr')).toBe(0x03000000n);

    const xe = open('x64');
    xe.writeReg('xmm15', q);
    expect(xe.readReg('xmm15')).toBe(q);
    xe.writeReg('r13', 0x8000000000000000n);
    expect(xe.readReg('r13')).toBe(0x8000000000000000n);
    xe.writeReg('mxcsr', 0x1f80n);
    expect(xe.readReg('mxcsr')).toBe(0x1f80n);
    xe.writeReg('rflags', 0x8c3n);
    expect(xe.readReg('rflags')).toBe(0x8c3n);
    expect(xe.readReg('eflags')).toBe(0x8c3n);
  });

  it('unknown names and values that do not fit are RegisterErrors', () => {
    const e = open('a64');
    let err: unknown;
    try {
      e.readReg('rax' as never);
    } catch (x) {
      err = x;
    }
    expect(err).toBeInstanceOf(RegisterError);
    expect((err as RegisterError).code).toBe('register-unknown');
    expect((err as Error).message).toMatch(/a64 has no register 'rax'\. Valid: x0, x1/);
    expect(() => e.writeReg('x0', 1n << 64n)).toThrow(/register x0 is 64-bit/);
    expect(() => e.writeReg('nzcv', 1n << 32n)).toThrow(RegisterError);
    expect(() => e.writeReg('q0', 1n << 128n)).toThrow(RegisterError);
    expect(() => e.writeReg('x0', 5 as never)).toThrow(/must be a bigint/);
    expect(() => open('x64').writeReg('x0' as never, 0n)).toThrow(/x64 has no register 'x0'/);
  });

  it('a register set reads and writes many registers in one call, matching readReg', () => {
    const e = open('x64');
    const set = e.registerSet(['rax', 'rbx', 'xmm1', 'mxcsr']);
    set.set(0, 11n);
    set.set(1, -2n);
    set.set(2, (3n << 64n) | 4n);
    set.set(3, 0x1f80n);
    set.write();
    expect(e.readReg('rax')).toBe(11n);
    expect(e.readReg('rbx')).toBe(0xfffffffffffffffen);
    expect(e.readReg('xmm1')).toBe((3n << 64n) | 4n);
    e.writeReg('rax', 99n);
    e.writeReg('mxcsr', 0x9fc0n);
    set.read();
    expect(set.get(0)).toBe(99n);
    expect(set.get(2)).toBe((3n << 64n) | 4n);
    expect(set.get(3)).toBe(0x9fc0n);
    expect(set.indexOf('xmm1')).toBe(2);
    expect(() => set.set(4, 0n)).toThrow(InvalidArgumentError);
    expect(() => set.set(3, 1n << 32n)).toThrow(RegisterError);
  });
});

describe('stop reasons (a64)', () => {
  it('stop: pc reached `until`', () => {
    const e = open('a64');
    e.writeReg('x1', 40n);
    e.writeReg('x2', 2n);
    expect(runCode(e, a(0))).toEqual({ kind: 'stop', pc: CODE + 4n });
    expect(e.readReg('x0')).toBe(42n);
  });

  it('budget: the instruction count ran out (uc_emu_start returns OK; told apart by the pc)', () => {
    const e = open('a64');
    const s = runCode(e, a(7), { maxInstructions: 1000 });
    expect(s).toEqual({ kind: 'budget', pc: CODE, maxInstructions: 1000 });
    // exactly enough budget still stops cleanly
    e.writeReg('x0', 0n);
    expect(runCode(e, a(9, 9, 9), { maxInstructions: 3 }).kind).toBe('stop');
    expect(e.readReg('x0')).toBe(3n);
    expect(runCode(e, a(9, 9, 9), { maxInstructions: 2 })).toEqual({ kind: 'budget', pc: CODE + 8n, maxInstructions: 2 });
  });

  it('timeout: an endless loop with a wall-clock limit', () => {
    const e = open('a64');
    const s = runCode(e, a(7), { timeoutMs: 5 });
    expect(s).toEqual({ kind: 'timeout', pc: CODE, timeoutMs: 5 });
  });

  it('memory faults: read, write, fetch; unmapped and protected', () => {
    const e = open('a64');
    e.writeReg('x1', 0x900000n);
    expect(runCode(e, a(8, 4))).toEqual({ kind: 'memory-fault', pc: CODE + 4n, access: 'read', cause: 'unmapped', address: 0x900000n, size: 8 });
    expect(runCode(e, a(8, 5))).toEqual({ kind: 'memory-fault', pc: CODE + 4n, access: 'write', cause: 'unmapped', address: 0x900000n, size: 8 });
    e.writeReg('x1', 0x700000n);
    expect(runCode(e, a(6))).toEqual({ kind: 'memory-fault', pc: 0x700000n, access: 'fetch', cause: 'unmapped', address: 0x700000n, size: 4 });
    const p = Engine.open('a64');
    try {
      p.map(CODE, 0x1000);
      p.map(DATA, 0x1000, 'r');
      p.writeReg('x1', DATA + 8n);
      expect(runCode(p, a(5))).toEqual({ kind: 'memory-fault', pc: CODE, access: 'write', cause: 'protected', address: DATA + 8n, size: 8 });
      expect(runCode(p, a(4)).kind).toBe('stop'); // reading is allowed
      p.map(0x50000n, 0x1000, 'rw');
      p.writeCode(0x50000n, a(9));
      expect(p.run({ begin: 0x50000n, until: 0x50004n })).toMatchObject({ kind: 'memory-fault', access: 'fetch', cause: 'protected' });
    } finally {
      p.close();
    }
  });

  it('exceptions: svc (pc after it), brk (pc at it), smc; hvc is undefined (no EL2); svc can be continued on', () => {
    const e = open('a64');
    expect(runCode(e, a(1, 8))).toEqual({ kind: 'exception', pc: CODE + 4n, interrupt: 2, name: 'svc' });
    expect(runCode(e, a(8, 2, 8))).toEqual({ kind: 'exception', pc: CODE + 4n, interrupt: 7, name: 'brk' });
    expect(runCode(e, a(15))).toEqual({ kind: 'exception', pc: CODE + 4n, interrupt: 13, name: 'smc' });
    expect(runCode(e, a(11))).toEqual({ kind: 'invalid-instruction', pc: CODE });
    const seen: string[] = [];
    e.writeReg('x0', 0n);
    const s = runCode(e, a(1, 9, 1, 9), { continueOn: ['svc'], onException: (ev) => seen.push(`${ev.name}@${ev.pc.toString(16)}`) });
    expect(s.kind).toBe('stop');
    expect(e.readReg('x0')).toBe(2n);
    expect(seen).toEqual(['svc@10004', 'svc@1000c']);
    // brk cannot be continued on: it faults at the same pc and would loop
    expect(() => runCode(e, a(2), { continueOn: ['brk' as never] })).toThrow(/cannot continue on 'brk'/);
  });

  it('invalid instructions: udf, an unallocated encoding, LSE on a model without it', () => {
    const e = open('a64');
    expect(runCode(e, a(8, 3))).toEqual({ kind: 'invalid-instruction', pc: CODE + 4n });
    expect(runCode(e, Uint8Array.of(0xff, 0xff, 0xff, 0xff))).toEqual({ kind: 'invalid-instruction', pc: CODE });
    const old = Engine.open('a64', { cpuModel: 'a57' });
    try {
      old.map(CODE, 0x1000);
      old.map(DATA, 0x1000, 'rw');
      old.writeReg('x2', DATA);
      expect(runCode(old, a(10))).toEqual({ kind: 'invalid-instruction', pc: CODE });
    } finally {
      old.close();
    }
    const max = open('a64'); // default model: max
    expect(max.cpuModel).toBe(3);
    max.writeReg('x2', DATA);
    expect(runCode(max, a(10)).kind).toBe('stop');
  });

  it('an exception observer that throws: the run rethrows it and the engine stays usable', () => {
    const e = open('a64');
    expect(() => runCode(e, a(1), { onException: () => { throw new Error('observer failed'); } })).toThrow('observer failed');
    e.writeReg('x1', 1n);
    e.writeReg('x2', 2n);
    expect(runCode(e, a(0)).kind).toBe('stop');
    expect(e.readReg('x0')).toBe(3n);
  });
});

describe('stop reasons (x64)', () => {
  it('stop, and every trap / fault / invalid instruction', () => {
    const e = open('x64');
    e.writeReg('rdi', 40n);
    e.writeReg('rsi', 2n);
    expect(runCode(e, x(0, 1))).toEqual({ kind: 'stop', pc: CODE + 6n });
    expect(e.readReg('rax')).toBe(42n);
    expect(runCode(e, x(13, 2, 13))).toEqual({ kind: 'exception', pc: CODE + 2n, interrupt: 3, name: 'int3' });
    expect(runCode(e, x(13, 3))).toEqual({ kind: 'invalid-instruction', pc: CODE + 1n });
    expect(runCode(e, Uint8Array.of(0x0f, 0xff, 0xff, 0xff))).toEqual({ kind: 'invalid-instruction', pc: CODE });
    expect(runCode(e, x(4, 13))).toEqual({ kind: 'exception', pc: CODE, interrupt: 0x101, name: 'syscall' });
    expect(runCode(e, x(5, 13))).toEqual({ kind: 'exception', pc: CODE + 2n, interrupt: 0x80, name: 'int' });
    expect(runCode(e, x(6, 13))).toEqual({ kind: 'exception', pc: CODE + 1n, interrupt: -1, name: 'halt' });
    e.writeReg('rcx', 0n);
    expect(runCode(e, x(7))).toEqual({ kind: 'exception', pc: CODE, interrupt: 0, name: 'divide-error' });
    e.writeReg('rdi', 0x900000n);
    expect(runCode(e, x(13, 8))).toEqual({ kind: 'memory-fault', pc: CODE + 1n, access: 'read', cause: 'unmapped', address: 0x900000n, size: 8 });
    expect(runCode(e, x(13, 9))).toEqual({ kind: 'memory-fault', pc: CODE + 1n, access: 'write', cause: 'unmapped', address: 0x900000n, size: 8 });
    e.writeReg('rax', 0x700000n);
    expect(runCode(e, x(10))).toMatchObject({ kind: 'memory-fault', pc: 0x700000n, access: 'fetch', cause: 'unmapped', address: 0x700000n });
    expect(runCode(e, Uint8Array.of(0xeb, 0xfe), { maxInstructions: 50 })).toEqual({ kind: 'budget', pc: CODE, maxInstructions: 50 });
    expect(runCode(e, Uint8Array.of(0xeb, 0xfe), { timeoutMs: 5 })).toEqual({ kind: 'timeout', pc: CODE, timeoutMs: 5 });
  });

  it('known limit: Unicorn 2.0.1 rejects popcnt (lzcnt runs)', () => {
    const e = open('x64');
    e.writeReg('rdi', 0xf0n);
    expect(runCode(e, x(11))).toEqual({ kind: 'invalid-instruction', pc: CODE });
    expect(runCode(e, x(12)).kind).toBe('stop');
    expect(e.readReg('rax')).toBe(56n); // lzcnt(0xf0) = 64 - 8
  });

  it('continuing on int3, int n and syscall', () => {
    const e = open('x64');
    e.writeReg('rax', 0n);
    const names: string[] = [];
    const s = runCode(e, x(2, 14, 5, 14, 4, 14), { continueOn: ['int3', 'int', 'syscall'], onException: (ev) => names.push(ev.name) });
    expect(s.kind).toBe('stop');
    expect(e.readReg('rax')).toBe(3n);
    expect(names).toEqual(['int3', 'int', 'syscall']);
    // a divide error is not resumable
    expect(() => runCode(e, x(7), { continueOn: ['divide-error' as never] })).toThrow(InvalidArgumentError);
  });
});

describe('translation-block cache', () => {
  it('writeCode replaces code even after runs a hook stopped (UC_CTL_TB_REMOVE_CACHE)', () => {
    const e = open('a64');
    // movz x0,#7 ; brk  vs  movz x0,#9 ; brk  at the same address, alternating; every run is stopped by the INTR hook
    for (let i = 0; i < 200; i++) {
      const seven = i % 2 === 0;
      const s = runCode(e, a(seven ? 12 : 13, 2));
      expect(s.kind).toBe('exception');
      expect(e.readReg('x0')).toBe(seven ? 7n : 9n);
    }
  });

  it('the stop address may change between runs of the same code', () => {
    const e = open('a64');
    e.writeCode(CODE, a(9, 9, 9, 9));
    for (const n of [4, 2, 3, 1, 4]) {
      e.writeReg('x0', 0n);
      expect(e.run({ begin: CODE, until: CODE + BigInt(4 * n) })).toEqual({ kind: 'stop', pc: CODE + BigInt(4 * n) });
      expect(e.readReg('x0')).toBe(BigInt(n));
    }
  });
});

describe('contexts', () => {
  it('save / restore the CPU state', () => {
    const e = open('x64');
    e.writeReg('rax', 1n);
    e.writeReg('xmm3', 77n);
    const c = e.saveContext();
    e.writeReg('rax', 2n);
    e.writeReg('xmm3', 0n);
    e.restoreContext(c);
    expect(e.readReg('rax')).toBe(1n);
    expect(e.readReg('xmm3')).toBe(77n);
    c.free();
    expect(() => e.restoreContext(c)).toThrow(/freed or belongs to another engine/);
    const other = open('x64').saveContext();
    expect(() => e.restoreContext(other)).toThrow(InvalidArgumentError);
  });
});

describe('lifetime', () => {
  it('every operation after close() throws EngineClosedError; close is idempotent', () => {
    const e = Engine.open('a64');
    e.map(CODE, 0x1000);
    const set = e.registerSet(['x0']);
    e.close();
    e.close();
    expect(e.closed).toBe(true);
    const ops: Array<() => unknown> = [
      () => e.readReg('x0'),
      () => e.writeReg('x0', 1n),
      () => e.map(0x20000n, 0x1000),
      () => e.unmap(CODE, 0x1000),
      () => e.protect(CODE, 0x1000, 'r'),
      () => e.readMemory(CODE, 4),
      () => e.writeMemory(CODE, new Uint8Array(4)),
      () => e.writeCode(CODE, new Uint8Array(4)),
      () => e.run({ begin: CODE, until: CODE + 4n }),
      () => e.regions(),
      () => e.saveContext(),
      () => e.registerSet(['x1']),
      () => e.pc(),
      () => set.read(),
      () => set.write(),
    ];
    for (const op of ops) {
      let err: unknown;
      try {
        op();
      } catch (x) {
        err = x;
      }
      expect(err).toBeInstanceOf(EngineClosedError);
      expect((err as EngineClosedError).code).toBe('engine-closed');
    }
  });

  it('bad options are InvalidArgumentErrors', () => {
    expect(() => Engine.open('arm' as never)).toThrow(/allowed are 'a64', 'x64'/);
    expect(() => Engine.open('x64', { cpuModel: 'pentium9' as never })).toThrow(/unknown x64 CPU model 'pentium9'/);
    const e = open('a64');
    expect(() => e.run({ begin: CODE, until: CODE + 4n, maxInstructions: 0 })).toThrow(/maxInstructions must be a positive integer/);
    expect(() => e.run({ begin: CODE, until: CODE + 4n, timeoutMs: -1 })).toThrow(/timeoutMs/);
    expect(() => e.run({ begin: -4n, until: CODE })).toThrow(InvalidArgumentError);
  });

  it('describeStop gives one readable line per reason', () => {
    expect(describeStop({ kind: 'memory-fault', pc: 0x10n, access: 'read', cause: 'unmapped', address: 0x900000n, size: 8 })).toBe(
      'unmapped memory read of 8 byte(s) at 0x900000 (pc 0x10)',
    );
    expect(describeStop({ kind: 'exception', pc: 4n, interrupt: 2, name: 'svc' })).toBe('exception svc (interrupt 2) at pc 0x4');
  });
});
