// Real AArch64 code in Unicorn through the harness, against plain-JS arithmetic on the inputs, over
// fast-check-generated values. Every instruction is assembled by llvm-mc-14 at test time.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedHarness, type Harness } from '../../emulation/index.js';
import { propertyRuns } from '../support/runs.js';
import { assembleLines, assemblePrograms } from './support/assemble.js';
import { M64, addWithCarry, arbU64, condHolds, fromLe, le, nzcv, s32, s64, u32, u64 } from './support/oracle.js';

const RUNS = propertyRuns(1000);

const ror64 = (v: bigint, r: bigint) => u64((v >> r) | (v << ((64n - r) & 63n)));
const clz64 = (v: bigint) => (v === 0n ? 64n : BigInt(64 - v.toString(2).length));
const rbit64 = (v: bigint) => BigInt('0b' + v.toString(2).padStart(64, '0').split('').reverse().join(''));
const rev64 = (v: bigint) => fromLe(le(v, 8).reverse());
const carry = (f: bigint): 0n | 1n => ((f >> 29n) & 1n) as 0n | 1n;

interface Alu {
  src: string;
  /** Expected x0 and, for flag-setting forms, nzcv (otherwise nzcv must be preserved). */
  ref: (a: bigint, b: bigint, d: bigint, f: bigint) => { x0: bigint; nzcv?: bigint };
}

const ALU: Alu[] = [
  { src: 'add x0, x1, x2', ref: (a, b) => ({ x0: u64(a + b) }) },
  { src: 'sub x0, x1, x2', ref: (a, b) => ({ x0: u64(a - b) }) },
  { src: 'mul x0, x1, x2', ref: (a, b) => ({ x0: u64(a * b) }) },
  { src: 'eor x0, x1, x2', ref: (a, b) => ({ x0: a ^ b }) },
  { src: 'orr x0, x1, x2', ref: (a, b) => ({ x0: a | b }) },
  { src: 'and x0, x1, x2', ref: (a, b) => ({ x0: a & b }) },
  { src: 'bic x0, x1, x2', ref: (a, b) => ({ x0: a & ~b & M64 }) },
  { src: 'orn x0, x1, x2', ref: (a, b) => ({ x0: u64(a | ~b) }) },
  { src: 'lsl x0, x1, x2', ref: (a, b) => ({ x0: u64(a << (b & 63n)) }) },
  { src: 'lsr x0, x1, x2', ref: (a, b) => ({ x0: a >> (b & 63n) }) },
  { src: 'asr x0, x1, x2', ref: (a, b) => ({ x0: u64(s64(a) >> (b & 63n)) }) },
  { src: 'ror x0, x1, x2', ref: (a, b) => ({ x0: ror64(a, b & 63n) }) },
  { src: 'add x0, x1, x2, lsl #7', ref: (a, b) => ({ x0: u64(a + u64(b << 7n)) }) },
  { src: 'sub x0, x1, x2, asr #3', ref: (a, b) => ({ x0: u64(a - u64(s64(b) >> 3n)) }) },
  { src: 'eor x0, x1, x2, ror #13', ref: (a, b) => ({ x0: a ^ ror64(b, 13n) }) },
  { src: 'add w0, w1, w2', ref: (a, b) => ({ x0: u32(a + b) }) },
  { src: 'lsl w0, w1, w2', ref: (a, b) => ({ x0: u32(u32(a) << (b & 31n)) }) },
  { src: 'asr w0, w1, w2', ref: (a, b) => ({ x0: u32(s32(a) >> (b & 31n)) }) },
  { src: 'umulh x0, x1, x2', ref: (a, b) => ({ x0: (a * b) >> 64n }) },
  { src: 'smulh x0, x1, x2', ref: (a, b) => ({ x0: u64((s64(a) * s64(b)) >> 64n) }) },
  { src: 'udiv x0, x1, x2', ref: (a, b) => ({ x0: b === 0n ? 0n : a / b }) },
  { src: 'sdiv x0, x1, x2', ref: (a, b) => ({ x0: b === 0n ? 0n : u64(s64(a) / s64(b)) }) },
  { src: 'madd x0, x1, x2, x3', ref: (a, b, d) => ({ x0: u64(d + a * b) }) },
  { src: 'msub x0, x1, x2, x3', ref: (a, b, d) => ({ x0: u64(d - a * b) }) },
  { src: 'add x0, x1, #0xabc', ref: (a) => ({ x0: u64(a + 0xabcn) }) },
  { src: 'sub x0, x1, #0x123, lsl #12', ref: (a) => ({ x0: u64(a - (0x123n << 12n)) }) },
  { src: 'eor x0, x1, #0xff00ff00ff00ff00', ref: (a) => ({ x0: a ^ 0xff00ff00ff00ff00n }) },
  { src: 'neg x0, x1', ref: (a) => ({ x0: u64(-a) }) },
  { src: 'mvn x0, x1', ref: (a) => ({ x0: u64(~a) }) },
  { src: 'clz x0, x1', ref: (a) => ({ x0: clz64(a) }) },
  { src: 'rbit x0, x1', ref: (a) => ({ x0: rbit64(a) }) },
  { src: 'rev x0, x1', ref: (a) => ({ x0: rev64(a) }) },
  { src: 'ubfx x0, x1, #5, #17', ref: (a) => ({ x0: (a >> 5n) & 0x1ffffn }) },
  { src: 'sbfx x0, x1, #60, #4', ref: (a) => ({ x0: u64(BigInt.asIntN(4, a >> 60n)) }) },
  { src: 'extr x0, x1, x2, #17', ref: (a, b) => ({ x0: u64((b >> 17n) | (a << 47n)) }) },
  { src: 'adds x0, x1, x2', ref: (a, b) => { const [x0, f] = addWithCarry(64, a, b, 0n); return { x0, nzcv: f }; } },
  { src: 'subs x0, x1, x2', ref: (a, b) => { const [x0, f] = addWithCarry(64, a, ~b, 1n); return { x0, nzcv: f }; } },
  { src: 'adds w0, w1, w2', ref: (a, b) => { const [x0, f] = addWithCarry(32, a, b, 0n); return { x0, nzcv: f }; } },
  { src: 'subs w0, w1, w2', ref: (a, b) => { const [x0, f] = addWithCarry(32, a, ~b, 1n); return { x0, nzcv: f }; } },
  { src: 'ands x0, x1, x2', ref: (a, b) => { const r = a & b; return { x0: r, nzcv: nzcv(r >> 63n === 1n, r === 0n, false, false) }; } },
  { src: 'adc x0, x1, x2', ref: (a, b, _d, f) => ({ x0: u64(a + b + carry(f)) }) },
  { src: 'adcs x0, x1, x2', ref: (a, b, _d, f) => { const [x0, g] = addWithCarry(64, a, b, carry(f)); return { x0, nzcv: g }; } },
  { src: 'sbcs x0, x1, x2', ref: (a, b, _d, f) => { const [x0, g] = addWithCarry(64, a, ~b, carry(f)); return { x0, nzcv: g }; } },
  { src: 'csel x0, x1, x2, lt', ref: (a, b, _d, f) => ({ x0: condHolds('lt', f) ? a : b }) },
  { src: 'csinc x0, x1, x2, hi', ref: (a, b, _d, f) => ({ x0: condHolds('hi', f) ? a : u64(b + 1n) }) },
  { src: 'cmp x1, x2', ref: (a, b) => ({ x0: 0n, nzcv: addWithCarry(64, a, ~b, 1n)[1] }) },
  { src: 'ccmp x1, x2, #5, ne', ref: (a, b, _d, f) => ({ x0: 0n, nzcv: condHolds('ne', f) ? addWithCarry(64, a, ~b, 1n)[1] : 5n << 28n }) },
];

const arbFlags = fc.integer({ min: 0, max: 15 }).map((k) => BigInt(k) << 28n);

let h: Harness<'a64'>;
const code = new Map<string, Uint8Array>();
let DATA: bigint;

const MEM_SRC = [
  'str x1, [x2]',
  'ldr x0, [x2, #8]',
  'ldrb w0, [x2, x3]',
  'ldrsh x0, [x2]',
  'ldrsw x0, [x2]',
  'strh w1, [x2, #2]',
  'ldr x0, [x2], #8',
  'str x1, [x2, #-8]!',
  'ldaddal x1, x0, [x2]',
  'swpal x1, x0, [x2]',
  'casal x0, x1, [x2]',
];

beforeAll(() => {
  const lines = [...ALU.map((c) => c.src), ...MEM_SRC];
  assembleLines('a64', lines).forEach((b, i) => code.set(lines[i], b));
  const [pair, push, loop] = assemblePrograms('a64', [
    'stp x1, x3, [x2]\nldp x0, x4, [x2]',
    'str x1, [sp, #-16]!\nldr x0, [sp], #16',
    'mov x0, #0\ncbz x1, 2f\n1: add x0, x0, x1\nsubs x1, x1, #1\nb.ne 1b\n2:',
  ]);
  code.set('pair', pair);
  code.set('push', push);
  code.set('loop', loop);
  h = sharedHarness('a64');
  DATA = h.region('data').address;
});

describe('a64 integer instructions in Unicorn vs JS arithmetic', () => {
  for (const c of ALU) {
    it(c.src, () => {
      const p = h.prepare({ code: code.get(c.src)!, inputs: ['x1', 'x2', 'x3', 'nzcv'], outputs: ['x0', 'nzcv'] });
      fc.assert(
        fc.property(arbU64, arbU64, arbU64, arbFlags, (a, b, d, f) => {
          const stop = p.run([a, b, d, f]);
          expect(stop.kind).toBe('stop');
          const want = c.ref(a, b, d, f);
          expect(p.output(0)).toBe(want.x0);
          expect(p.output(1)).toBe(want.nzcv ?? f);
        }),
        { numRuns: RUNS },
      );
    });
  }
});

/** An 8-byte-aligned offset in the 4 KiB data region, leaving room for `room` bytes. */
const arbOff = (room: number) => fc.integer({ min: 0, max: (4096 - room) / 8 }).map((k) => BigInt(k * 8));

describe('a64 loads and stores through the data region', () => {
  it('str x1, [x2]', () => {
    fc.assert(
      fc.property(arbU64, arbOff(8), (a, off) => {
        const r = h.run({ code: code.get('str x1, [x2]')!, regs: { x1: a, x2: DATA + off }, readMemory: [{ address: DATA + off, size: 8 }] });
        expect(r.stop.kind).toBe('stop');
        expect(fromLe(r.memory[0])).toBe(a);
      }),
      { numRuns: RUNS },
    );
  });

  it('ldr x0, [x2, #8] / ldrsh / ldrsw / ldrb with a register index', () => {
    fc.assert(
      fc.property(arbU64, arbOff(16), fc.integer({ min: 0, max: 7 }), (v, off, idx) => {
        const base = DATA + off;
        const mem = [{ address: base, bytes: le(v, 8) }, { address: base + 8n, bytes: le(v, 8) }];
        const ldr = h.run({ code: code.get('ldr x0, [x2, #8]')!, regs: { x2: base }, memory: mem });
        expect(ldr.regs.x0).toBe(v);
        expect(h.run({ code: code.get('ldrsh x0, [x2]')!, regs: { x2: base }, memory: mem }).regs.x0).toBe(u64(BigInt.asIntN(16, v)));
        expect(h.run({ code: code.get('ldrsw x0, [x2]')!, regs: { x2: base }, memory: mem }).regs.x0).toBe(u64(BigInt.asIntN(32, v)));
        const b = h.run({ code: code.get('ldrb w0, [x2, x3]')!, regs: { x2: base, x3: BigInt(idx) }, memory: mem });
        expect(b.regs.x0).toBe((v >> BigInt(8 * idx)) & 0xffn);
      }),
      { numRuns: RUNS },
    );
  });

  it('strh w1, [x2, #2] writes exactly two bytes', () => {
    fc.assert(
      fc.property(arbU64, arbOff(8), (a, off) => {
        const r = h.run({ code: code.get('strh w1, [x2, #2]')!, regs: { x1: a, x2: DATA + off }, readMemory: [{ address: DATA + off, size: 8 }] });
        expect(Array.from(r.memory[0])).toEqual([0, 0, ...le(a, 2), 0, 0, 0, 0]);
      }),
      { numRuns: RUNS },
    );
  });

  it('post-index and pre-index writeback', () => {
    fc.assert(
      fc.property(arbU64, arbOff(16), (v, off) => {
        const base = DATA + 8n + off;
        const post = h.run({ code: code.get('ldr x0, [x2], #8')!, regs: { x2: base }, memory: [{ address: base, bytes: le(v, 8) }] });
        expect(post.regs.x0).toBe(v);
        expect(post.regs.x2).toBe(base + 8n);
        const pre = h.run({ code: code.get('str x1, [x2, #-8]!')!, regs: { x1: v, x2: base }, readMemory: [{ address: base - 8n, size: 8 }] });
        expect(pre.regs.x2).toBe(base - 8n);
        expect(fromLe(pre.memory[0])).toBe(v);
      }),
      { numRuns: RUNS },
    );
  });

  it('stp then ldp (a two-instruction program)', () => {
    fc.assert(
      fc.property(arbU64, arbU64, arbOff(16), (a, d, off) => {
        const r = h.run({ code: code.get('pair')!, regs: { x1: a, x3: d, x2: DATA + off }, readMemory: [{ address: DATA + off, size: 16 }] });
        expect(r.regs.x0).toBe(a);
        expect(r.regs.x4).toBe(d);
        expect(Array.from(r.memory[0])).toEqual([...le(a, 8), ...le(d, 8)]);
      }),
      { numRuns: RUNS },
    );
  });

  it('push and pop on the harness stack leave sp unchanged', () => {
    const sp = h.layout.stackPointer;
    fc.assert(
      fc.property(arbU64, (a) => {
        const r = h.run({ code: code.get('push')!, regs: { x1: a } });
        expect(r.regs.x0).toBe(a);
        expect(r.regs.sp).toBe(sp);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('a64 LSE atomics (ARMv8.1, needs the MAX CPU model)', () => {
  const atom = (src: string, x0: bigint, x1: bigint, m: bigint, off: bigint) =>
    h.run({ code: code.get(src)!, regs: { x0, x1, x2: DATA + off }, memory: [{ address: DATA + off, bytes: le(m, 8) }], readMemory: [{ address: DATA + off, size: 8 }] });

  it('ldaddal x1, x0, [x2]: x0 = old, memory = old + x1', () => {
    fc.assert(
      fc.property(arbU64, arbU64, arbOff(8), (add, m, off) => {
        const r = atom('ldaddal x1, x0, [x2]', 0n, add, m, off);
        expect(r.stop.kind).toBe('stop');
        expect(r.regs.x0).toBe(m);
        expect(fromLe(r.memory[0])).toBe(u64(m + add));
      }),
      { numRuns: RUNS },
    );
  });

  it('swpal x1, x0, [x2] and casal x0, x1, [x2]', () => {
    fc.assert(
      fc.property(arbU64, arbU64, arbU64, fc.boolean(), arbOff(8), (v, m, other, equal, off) => {
        const s = atom('swpal x1, x0, [x2]', 0n, v, m, off);
        expect(s.regs.x0).toBe(m);
        expect(fromLe(s.memory[0])).toBe(v);
        const expected = equal ? m : other;
        const c = atom('casal x0, x1, [x2]', expected, v, m, off);
        expect(c.regs.x0).toBe(m);
        expect(fromLe(c.memory[0])).toBe(expected === m ? v : m);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('a64 control flow', () => {
  it('a loop with labels (assembled by llvm-mc) sums 1..n', () => {
    const p = h.prepare({ code: code.get('loop')!, inputs: ['x1'], outputs: ['x0', 'x1'] });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), (n) => {
        expect(p.run([BigInt(n)]).kind).toBe('stop');
        expect(p.output('x0')).toBe(BigInt((n * (n + 1)) / 2));
      }),
      { numRuns: propertyRuns(300) },
    );
  });
});
