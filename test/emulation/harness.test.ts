// The harness conventions: clean state per case, code reloading and the trap fill, the stop sentinel in
// both styles, the budget, entry offsets, layout and case validation, shared harnesses, prepared programs.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EngineClosedError,
  Harness,
  HarnessError,
  RunError,
  closeSharedHarnesses,
  disassemble,
  insnText,
  requireStop,
  sharedHarness,
} from '../../emulation/index.js';
import { propertyRuns } from '../support/runs.js';
import { assemblePrograms } from './support/assemble.js';
import { arbU64, le } from './support/oracle.js';

const A64 = {
  movX5: 'mov x5, x1',
  readX5: 'mov x0, x5',
  store: 'str x1, [x2]',
  load: 'ldr x0, [x2]',
  loadFrame: 'ldr x0, [sp]',
  three: 'add x0, x0, #1\nadd x0, x0, #1\nadd x0, x0, #1',
  addRet: 'add x0, x0, x1\nret',
  noRet: 'add x0, x0, x1',
  long: Array.from({ length: 16 }, () => 'add x0, x0, #2').join('\n'),
  svc: 'svc #0\nadd x0, x0, #1',
  spin: 'b .',
  vec: 'fmov d0, x1\nfadd d1, d0, d0\nfmov x0, d1',
};
const X64 = {
  nop: 'nop',
  rsp: 'mov rax, rsp\nret',
  noRet: 'add rax, rdi',
  fpu: 'cvtsi2sd xmm0, rdi\naddsd xmm0, xmm0\ncvttsd2si rax, xmm0',
};
const a = new Map<string, Uint8Array>();
const x = new Map<string, Uint8Array>();

beforeAll(() => {
  const av = Object.values(A64);
  assemblePrograms('a64', av).forEach((b, i) => a.set(av[i], b));
  const xv = Object.values(X64);
  assemblePrograms('x64', xv).forEach((b, i) => x.set(xv[i], b));
});
afterAll(() => closeSharedHarnesses());

describe('every case starts from a clean state', () => {
  it('registers, data region and caller frame do not leak from one case into the next', () => {
    const h = sharedHarness('a64');
    const data = h.region('data').address;
    fc.assert(
      fc.property(arbU64.filter((v) => v !== 0n), (v) => {
        expect(h.run({ code: a.get(A64.movX5)!, regs: { x1: v } }).regs.x5).toBe(v);
        expect(h.run({ code: a.get(A64.readX5)! }).regs.x0).toBe(0n);
        h.run({ code: a.get(A64.store)!, regs: { x1: v, x2: data + 64n } });
        expect(h.run({ code: a.get(A64.load)!, regs: { x2: data + 64n } }).regs.x0).toBe(0n);
        h.run({ code: a.get(A64.store)!, regs: { x1: v, x2: h.layout.stackPointer } });
        expect(h.run({ code: a.get(A64.loadFrame)! }).regs.x0).toBe(0n);
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  it('a64 clean values: sp, lr = sentinel, nzcv = 0; x64: rflags = 0x2, mxcsr = 0x1f80, rsp per style', () => {
    const h = sharedHarness('a64');
    const r = h.run({ code: new Uint8Array(0), outputs: ['sp', 'lr', 'nzcv', 'fpcr', 'q0', 'x0'] });
    expect(r.stop).toEqual({ kind: 'stop', pc: h.layout.stopAddress });
    expect(r.regs).toEqual({ sp: h.layout.stackPointer, lr: h.layout.stopAddress, nzcv: 0n, fpcr: 0n, q0: 0n, x0: 0n });
    const hx = sharedHarness('x64');
    const rx = hx.run({ code: x.get(X64.nop)!, outputs: ['rflags', 'mxcsr', 'rsp', 'xmm7'] });
    expect(rx.regs).toEqual({ rflags: 0x2n, mxcsr: 0x1f80n, rsp: hx.layout.stackPointer, xmm7: 0n });
    // call style: rsp ≡ 8 (mod 16) at entry, as right after a call
    const c = hx.run({ code: x.get(X64.rsp)!, style: 'call' });
    expect(c.regs.rax).toBe(hx.layout.stackPointer - 8n);
    expect(c.regs.rax! % 16n).toBe(8n);
  });

  it('floating point runs with the architectural defaults (x64 SSE, a64 FP)', () => {
    const hx = sharedHarness('x64');
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (n) => {
        const r = hx.run({ code: x.get(X64.fpu)!, regs: { rdi: BigInt.asUintN(64, BigInt(n)) } });
        expect(r.stop.kind).toBe('stop');
        expect(r.regs.rax).toBe(BigInt.asUintN(64, BigInt(2 * n)));
      }),
      { numRuns: propertyRuns(300) },
    );
    const h = sharedHarness('a64');
    const bits = (d: number) => new DataView(new Float64Array([d]).buffer).getBigUint64(0, true);
    fc.assert(
      fc.property(fc.double({ noNaN: true, min: -1e300, max: 1e300 }), (d) => {
        const r = h.run({ code: a.get(A64.vec)!, regs: { x1: bits(d) } });
        expect(r.regs.x0).toBe(bits(d + d));
      }),
      { numRuns: propertyRuns(300) },
    );
  });
});

describe('code loading', () => {
  it('alternating programs of different lengths always run the current one', () => {
    const h = Harness.open('a64');
    try {
      for (let i = 0; i < 100; i++) {
        const long = i % 3 === 0;
        const r = h.run({ code: a.get(long ? A64.long : A64.three)! });
        expect(r.stop.kind).toBe('stop');
        expect(r.regs.x0).toBe(long ? 32n : 3n);
      }
    } finally {
      h.close();
    }
  });

  it('a call-style function without ret runs into the trap fill, not into old code', () => {
    const h = Harness.open('a64');
    const hx = Harness.open('x64');
    try {
      h.run({ code: a.get(A64.long)! }); // leave longer code behind
      const noRet = a.get(A64.noRet)!;
      expect(h.run({ code: noRet, style: 'call' }).stop).toEqual({ kind: 'invalid-instruction', pc: h.layout.codeBase + BigInt(noRet.length) });
      // the same bytes in the fallthrough style stop cleanly
      expect(h.run({ code: noRet }).stop.kind).toBe('stop');
      const xr = x.get(X64.noRet)!;
      expect(hx.run({ code: xr, style: 'call' }).stop).toMatchObject({ kind: 'exception', name: 'int3', pc: hx.layout.codeBase + BigInt(xr.length) + 1n });
    } finally {
      h.close();
      hx.close();
    }
  });

  it('the appended stop jump is a direct branch to the sentinel (checked with Capstone)', async () => {
    for (const arch of ['a64', 'x64'] as const) {
      const h = sharedHarness(arch);
      const c = arch === 'a64' ? a.get(A64.three)! : x.get(X64.nop)!;
      h.run({ code: c });
      const image = h.readData(h.layout.codeBase, c.length + (arch === 'a64' ? 4 : 5));
      const insns = await disassemble(arch, image, { address: h.layout.codeBase });
      const last = insns[insns.length - 1];
      expect(insnText(last)).toBe(arch === 'a64' ? 'b #0xdead00' : 'jmp 0xdead00');
    }
  });
});

describe('stop address, budget, entry', () => {
  it('both styles stop with pc = stopAddress', () => {
    const h = sharedHarness('a64');
    const f = h.run({ code: a.get(A64.three)! });
    const c = h.run({ code: a.get(A64.addRet)!, style: 'call', regs: { x0: 2n, x1: 3n } });
    expect(f.stop).toEqual({ kind: 'stop', pc: 0xdead00n });
    expect(c.stop).toEqual({ kind: 'stop', pc: 0xdead00n });
    expect(c.regs.x0).toBe(5n);
  });

  it('the budget counts the code only, not the appended stop jump', () => {
    const h = sharedHarness('a64');
    expect(h.run({ code: a.get(A64.three)!, maxInstructions: 3 }).stop.kind).toBe('stop');
    const r = h.run({ code: a.get(A64.three)!, maxInstructions: 2 });
    expect(r.stop).toEqual({ kind: 'budget', pc: h.layout.codeBase + 8n, maxInstructions: 2 });
    expect(r.regs.x0).toBe(2n);
    expect(h.run({ code: a.get(A64.spin)!, maxInstructions: 500 }).stop.kind).toBe('budget');
    expect(h.run({ code: a.get(A64.spin)!, timeoutMs: 3, maxInstructions: 1e12 }).stop.kind).toBe('timeout');
  });

  it('entry offsets start inside the code', () => {
    const h = sharedHarness('a64');
    expect(h.run({ code: a.get(A64.three)!, entry: 4 }).regs.x0).toBe(2n);
    expect(h.run({ code: a.get(A64.three)!, entry: 8 }).regs.x0).toBe(1n);
  });

  it('exceptions through the harness: stop, or continue on svc', () => {
    const h = sharedHarness('a64');
    expect(h.run({ code: a.get(A64.svc)! }).stop).toMatchObject({ kind: 'exception', name: 'svc' });
    const r = h.run({ code: a.get(A64.svc)!, continueOn: ['svc'] });
    expect(r.stop.kind).toBe('stop');
    expect(r.regs.x0).toBe(1n);
  });

  it('requireStop throws a RunError describing the reason', () => {
    const h = sharedHarness('a64');
    const r = h.run({ code: a.get(A64.load)!, regs: { x2: 0x7000000n } });
    let err: unknown;
    try {
      requireStop(r.stop, 'ldr case');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RunError);
    expect((err as Error).message).toBe('ldr case: the run did not reach its stop address: unmapped memory read of 8 byte(s) at 0x7000000 (pc 0x100000)');
    expect(() => requireStop({ kind: 'stop', pc: 0n })).not.toThrow();
  });
});

describe('prepared programs', () => {
  it('inputs by position, outputs by index or name; wrong arity is a HarnessError', () => {
    const h = sharedHarness('a64');
    const p = h.prepare({ code: a.get(A64.addRet)!, style: 'call', inputs: ['x0', 'x1'], outputs: ['x0', 'sp'] });
    fc.assert(
      fc.property(arbU64, arbU64, (u, v) => {
        expect(p.run([u, v]).kind).toBe('stop');
        expect(p.output(0)).toBe(BigInt.asUintN(64, u + v));
        expect(p.output('sp')).toBe(h.layout.stackPointer);
      }),
      { numRuns: propertyRuns(500) },
    );
    expect(() => p.run([1n])).toThrow(/expected 2 input value\(s\) \(x0, x1\), got 1/);
    expect(() => p.output('x9')).toThrow(HarnessError);
    // values set through the register set directly
    p.inputs!.set(0, 40n);
    p.inputs!.set(1, 2n);
    p.run();
    expect(p.output('x0')).toBe(42n);
  });

  it('input memory goes through the same validation', () => {
    const h = sharedHarness('a64');
    const data = h.region('data').address;
    const p = h.prepare({ code: a.get(A64.load)!, inputs: ['x2'], outputs: ['x0'] });
    p.run([data], [{ address: data, bytes: le(0x1122334455667788n, 8) }]);
    expect(p.output(0)).toBe(0x1122334455667788n);
    expect(() => p.run([data], [{ address: 0x900000n, bytes: new Uint8Array(8) }])).toThrow(HarnessError);
  });
});

describe('validation', () => {
  it('bad layouts are HarnessErrors saying what is wrong', () => {
    expect(() => Harness.open('a64', { data: [{ name: 'd', address: 0x108000n, size: 0x1000 }] })).toThrow(
      /regions 'code' \[0x100000, 0x110000\) and 'd' \[0x108000, 0x109000\) overlap/,
    );
    expect(() => Harness.open('a64', { stopAddress: 0x200100n })).toThrow(/stop address 0x200100 lies inside region 'stack'/);
    expect(() => Harness.open('a64', { stopAddress: 0x40000000n })).toThrow(/too far from the code region .* b \(±128 MiB\)/);
    expect(() => Harness.open('x64', { stopAddress: 0x4_0000_0000n })).toThrow(/jmp rel32/);
    expect(() => Harness.open('a64', { stopAddress: 0xdead02n })).toThrow(/4-byte aligned/);
    expect(() => Harness.open('x64', { codeSize: 1000 })).toThrow(/multiples of 4096/);
    expect(() => Harness.open('x64', { data: [{ name: 'code', address: 0x500000n, size: 0x1000 }] })).toThrow(/two regions are named 'code'/);
    expect(() => Harness.open('x64', { stackSize: 0x1000 })).toThrow(/stack needs at least/);
    expect(() => Harness.open('x64', { maxInstructions: 0 })).toThrow(/maxInstructions/);
  });

  it('bad cases are HarnessErrors, never a crash or a partial run', () => {
    const h = sharedHarness('a64');
    expect(() => h.run({ code: new Uint8Array(0x10000) })).toThrow(/does not fit the 65536-byte code region/);
    expect(() => h.run({ code: new Uint8Array(6) })).toThrow(/whole number of 4-byte instructions/);
    expect(() => h.run({ code: a.get(A64.load)!, memory: [{ address: h.layout.codeBase, bytes: new Uint8Array(4) }] })).toThrow(
      /memory input of 4 byte\(s\) at \[0x100000, 0x100004\) is not inside one region; regions: stack/,
    );
    const data = h.region('data');
    expect(() => h.run({ code: a.get(A64.load)!, memory: [{ address: data.address + 4092n, bytes: new Uint8Array(8) }] })).toThrow(HarnessError);
    expect(() => h.run({ code: a.get(A64.load)!, readMemory: [{ address: 0x10n, size: 4 }] })).toThrow(/read-back/);
    expect(() => h.run({ code: a.get(A64.three)!, entry: 12 })).toThrow(/entry offset 12 is outside the 12-byte code/);
    expect(() => h.run({ code: a.get(A64.three)!, style: 'jump' as never })).toThrow(/style 'jump'/);
    expect(() => h.run({ code: a.get(A64.three)!, regs: { x0: 1n << 64n } })).toThrow(/register x0 is 64-bit/);
    expect(() => h.region('heap')).toThrow(/no data region 'heap'; regions: data/);
    // the harness still works afterwards
    expect(h.run({ code: a.get(A64.three)! }).regs.x0).toBe(3n);
  });

  it('shared harnesses are reused until closed; a closed harness throws EngineClosedError', () => {
    const h1 = sharedHarness('x64');
    expect(sharedHarness('x64')).toBe(h1);
    closeSharedHarnesses();
    expect(h1.closed).toBe(true);
    expect(() => h1.run({ code: x.get(X64.nop)! })).toThrow(EngineClosedError);
    const h2 = sharedHarness('x64');
    expect(h2).not.toBe(h1);
    expect(h2.run({ code: x.get(X64.nop)! }).stop.kind).toBe('stop');
  });
});
