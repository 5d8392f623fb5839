// Real x86-64 code in Unicorn through the harness, against plain-JS arithmetic on the inputs (RFLAGS as
// the Intel SDM defines them), over fast-check-generated values. Code is assembled by llvm-mc-14 at test
// time (Intel syntax).
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedHarness, type Harness } from '../../emulation/index.js';
import { propertyRuns } from '../support/runs.js';
import { assemblePrograms } from './support/assemble.js';
import { AF, CF, OF, PF, SF, STATUS, ZF, arbU64, fromLe, le, s64, u32, u64, x86Add, x86Logic, x86Sub } from './support/oracle.js';

const RUNS = propertyRuns(1000);

const rol64 = (v: bigint, r: bigint) => u64((v << r) | (v >> ((64n - r) & 63n)));
const bswap64 = (v: bigint) => fromLe(le(v, 8).reverse());
const lzcnt64 = (v: bigint) => (v === 0n ? 64n : BigInt(64 - v.toString(2).length));
const tzcnt64 = (v: bigint) => {
  if (v === 0n) return 64n;
  let n = 0n;
  while (((v >> n) & 1n) === 0n) n++;
  return n;
};
const cf = (f: bigint) => f & CF;

interface Alu {
  src: string;
  /** Expected rax; `flags` with `mask` the status bits the SDM defines for this instruction (others: preserved input). */
  ref: (a: bigint, b: bigint, f: bigint) => { rax: bigint; rdx?: bigint; flags?: bigint; mask?: bigint };
}

const ALU: Alu[] = [
  { src: 'mov rax, rdi\nadd rax, rsi', ref: (a, b) => { const [rax, flags] = x86Add(64, a, b); return { rax, flags }; } },
  { src: 'mov rax, rdi\nsub rax, rsi', ref: (a, b) => { const [rax, flags] = x86Sub(64, a, b); return { rax, flags }; } },
  { src: 'mov rax, rdi\nadc rax, rsi', ref: (a, b, f) => { const [rax, flags] = x86Add(64, a, b, cf(f)); return { rax, flags }; } },
  { src: 'mov rax, rdi\nsbb rax, rsi', ref: (a, b, f) => { const [rax, flags] = x86Sub(64, a, b, cf(f)); return { rax, flags }; } },
  { src: 'mov rax, rdi\nxor rax, rsi', ref: (a, b) => ({ rax: a ^ b, flags: x86Logic(64, a ^ b), mask: STATUS & ~AF }) },
  { src: 'mov rax, rdi\nand rax, rsi', ref: (a, b) => ({ rax: a & b, flags: x86Logic(64, a & b), mask: STATUS & ~AF }) },
  { src: 'mov rax, rdi\nor rax, rsi', ref: (a, b) => ({ rax: a | b, flags: x86Logic(64, a | b), mask: STATUS & ~AF }) },
  { src: 'mov rax, rdi\ntest rax, rsi', ref: (a, b) => ({ rax: a, flags: x86Logic(64, a & b), mask: STATUS & ~AF }) },
  {
    src: 'mov rax, rdi\nimul rax, rsi',
    ref: (a, b) => {
      const full = s64(a) * s64(b);
      const over = BigInt.asIntN(64, full) !== full;
      return { rax: u64(full), flags: over ? CF | OF : 0n, mask: CF | OF };
    },
  },
  {
    src: 'mov rax, rdi\nmul rsi',
    ref: (a, b) => {
      const full = a * b;
      const hi = full >> 64n;
      return { rax: u64(full), rdx: hi, flags: hi !== 0n ? CF | OF : 0n, mask: CF | OF };
    },
  },
  { src: 'mov rax, rdi\nmov rcx, rsi\nshl rax, cl', ref: (a, b) => ({ rax: u64(a << (b & 63n)), mask: 0n }) },
  { src: 'mov rax, rdi\nmov rcx, rsi\nshr rax, cl', ref: (a, b) => ({ rax: a >> (b & 63n), mask: 0n }) },
  { src: 'mov rax, rdi\nmov rcx, rsi\nsar rax, cl', ref: (a, b) => ({ rax: u64(s64(a) >> (b & 63n)), mask: 0n }) },
  { src: 'mov rax, rdi\nrol rax, 13', ref: (a) => ({ rax: rol64(a, 13n), mask: 0n }) },
  { src: 'mov rax, rdi\nneg rax', ref: (a) => { const [rax, flags] = x86Sub(64, 0n, a); return { rax, flags }; } },
  { src: 'mov rax, rdi\nnot rax', ref: (a) => ({ rax: u64(~a) }) },
  {
    src: 'mov rax, rdi\ninc rax',
    ref: (a, _b, f) => { const [rax, flags] = x86Add(64, a, 1n); return { rax, flags: (flags & ~CF) | cf(f) }; },
  },
  { src: 'lea rax, [rdi + 4*rsi + 0x10]', ref: (a, b) => ({ rax: u64(a + 4n * b + 0x10n) }) },
  { src: 'mov eax, edi\nadd eax, esi', ref: (a, b) => { const [rax, flags] = x86Add(32, a, b); return { rax, flags }; } },
  { src: 'mov eax, edi\nsub eax, esi', ref: (a, b) => { const [rax, flags] = x86Sub(32, a, b); return { rax, flags }; } },
  { src: 'mov rax, rdi\nbswap rax', ref: (a) => ({ rax: bswap64(a) }) },
  { src: 'movabs rax, 0x123456789abcdef0\nxor rax, rdi', ref: (a) => ({ rax: a ^ 0x123456789abcdef0n, flags: x86Logic(64, a ^ 0x123456789abcdef0n), mask: STATUS & ~AF }) },
  {
    src: 'cmp rdi, rsi\ncmovl rax, rsi',
    ref: (a, b) => {
      const [, flags] = x86Sub(64, a, b);
      const lt = ((flags & SF) !== 0n) !== ((flags & OF) !== 0n);
      return { rax: lt ? b : 0n, flags };
    },
  },
  { src: 'cmp rdi, rsi\nsetb al', ref: (a, b) => ({ rax: a < b ? 1n : 0n, flags: x86Sub(64, a, b)[1] }) },
  { src: 'andn rax, rdi, rsi', ref: (a, b) => { const r = ~a & b & ((1n << 64n) - 1n); return { rax: r, flags: (r === 0n ? ZF : 0n) | ((r >> 63n) & 1n ? SF : 0n), mask: CF | OF | ZF | SF }; } },
  { src: 'shlx rax, rdi, rsi', ref: (a, b) => ({ rax: u64(a << (b & 63n)) }) },
  { src: 'lzcnt rax, rdi', ref: (a) => ({ rax: lzcnt64(a), flags: (a === 0n ? CF : 0n) | (lzcnt64(a) === 0n ? ZF : 0n), mask: CF | ZF }) },
  { src: 'tzcnt rax, rdi', ref: (a) => ({ rax: tzcnt64(a), flags: (a === 0n ? CF : 0n) | (tzcnt64(a) === 0n ? ZF : 0n), mask: CF | ZF }) },
];

/** Random status flags (+ the always-one bit 1). */
const arbFlags = fc.integer({ min: 0, max: 63 }).map((k) => {
  const bits = [CF, PF, AF, ZF, SF, OF];
  let f = 0x2n;
  bits.forEach((b, i) => {
    if ((k >> i) & 1) f |= b;
  });
  return f;
});

const MEM = [
  'mov qword ptr [rdi + 8], rsi',
  'mov rax, qword ptr [rdi + 8*rsi]',
  'movzx eax, byte ptr [rdi + 3]',
  'movsx rax, word ptr [rdi]',
  'movsxd rax, dword ptr [rdi]',
  'lock xadd qword ptr [rdi], rsi',
  'lock cmpxchg qword ptr [rdi], rsi',
  'push rsi\npop rax',
  'mov rax, rdi\nxor edx, edx\ndiv rsi',
  // call style: a stack argument above the return address
  'mov rax, qword ptr [rsp + 8]\nadd rax, rdi\nret',
  // nested call inside the function
  'call 1f\njmp 2f\n1: lea rax, [rdi + 1]\nret\n2: add rax, rsi\nret',
  'xor eax, eax\ntest rdi, rdi\njz 2f\n1: add rax, rdi\ndec rdi\njnz 1b\n2:',
];

let h: Harness<'x64'>;
let DATA: bigint;
const code = new Map<string, Uint8Array>();

beforeAll(() => {
  const all = [...ALU.map((c) => c.src), ...MEM];
  assemblePrograms('x64', all).forEach((b, i) => code.set(all[i], b));
  h = sharedHarness('x64');
  DATA = h.region('data').address;
});

describe('x64 integer instructions in Unicorn vs JS arithmetic', () => {
  for (const c of ALU) {
    it(c.src.replace(/\n/g, '; '), () => {
      const p = h.prepare({ code: code.get(c.src)!, inputs: ['rdi', 'rsi', 'rflags'], outputs: ['rax', 'rdx', 'rflags'] });
      fc.assert(
        fc.property(arbU64, arbU64, arbFlags, (a, b, f) => {
          const stop = p.run([a, b, f]);
          expect(stop.kind).toBe('stop');
          const want = c.ref(a, b, f);
          expect(p.output('rax')).toBe(want.rax);
          if (want.rdx !== undefined) expect(p.output('rdx')).toBe(want.rdx);
          const flags = p.output('rflags');
          const mask = want.mask ?? (want.flags === undefined ? 0n : STATUS);
          // defined flags as the SDM says; flags the instruction does not touch keep their input value
          if (want.flags !== undefined) expect(flags & mask).toBe(want.flags & mask);
          if (want.flags === undefined && want.mask === undefined) expect(flags).toBe(f);
          expect(flags & 0x2n).toBe(0x2n);
        }),
        { numRuns: RUNS },
      );
    });
  }
});

const arbOff = (room: number) => fc.integer({ min: 0, max: (4096 - room) / 8 }).map((k) => BigInt(k * 8));

describe('x64 memory through the data region and the stack', () => {
  it('mov qword ptr [rdi + 8], rsi', () => {
    fc.assert(
      fc.property(arbU64, arbOff(16), (v, off) => {
        const r = h.run({ code: code.get(MEM[0])!, regs: { rdi: DATA + off, rsi: v }, readMemory: [{ address: DATA + off, size: 16 }] });
        expect(Array.from(r.memory[0])).toEqual([0, 0, 0, 0, 0, 0, 0, 0, ...le(v, 8)]);
      }),
      { numRuns: RUNS },
    );
  });

  it('indexed and extending loads', () => {
    fc.assert(
      fc.property(arbU64, arbOff(8 * 16), fc.integer({ min: 0, max: 15 }), (v, off, idx) => {
        const base = DATA + off;
        const mem = [{ address: base + BigInt(8 * idx), bytes: le(v, 8) }, { address: base, bytes: le(v, 8) }];
        expect(h.run({ code: code.get(MEM[1])!, regs: { rdi: base, rsi: BigInt(idx) }, memory: mem }).regs.rax).toBe(v);
        expect(h.run({ code: code.get(MEM[2])!, regs: { rdi: base }, memory: mem }).regs.rax).toBe((v >> 24n) & 0xffn);
        expect(h.run({ code: code.get(MEM[3])!, regs: { rdi: base }, memory: mem }).regs.rax).toBe(u64(BigInt.asIntN(16, v)));
        expect(h.run({ code: code.get(MEM[4])!, regs: { rdi: base }, memory: mem }).regs.rax).toBe(u64(BigInt.asIntN(32, v)));
      }),
      { numRuns: RUNS },
    );
  });

  it('lock xadd and lock cmpxchg', () => {
    fc.assert(
      fc.property(arbU64, arbU64, arbU64, fc.boolean(), arbOff(8), (m, v, other, equal, off) => {
        const addr = DATA + off;
        const x = h.run({ code: code.get(MEM[5])!, regs: { rdi: addr, rsi: v }, memory: [{ address: addr, bytes: le(m, 8) }], readMemory: [{ address: addr, size: 8 }] });
        expect(x.regs.rsi).toBe(m);
        expect(fromLe(x.memory[0])).toBe(u64(m + v));
        const expected = equal ? m : other;
        const c = h.run({ code: code.get(MEM[6])!, regs: { rdi: addr, rsi: v, rax: expected }, memory: [{ address: addr, bytes: le(m, 8) }], readMemory: [{ address: addr, size: 8 }] });
        expect(fromLe(c.memory[0])).toBe(expected === m ? v : m);
        expect(c.regs.rax).toBe(m);
        expect((c.regs.rflags! & ZF) !== 0n).toBe(expected === m);
      }),
      { numRuns: RUNS },
    );
  });

  it('push / pop leave rsp unchanged', () => {
    fc.assert(
      fc.property(arbU64, (v) => {
        const r = h.run({ code: code.get(MEM[7])!, regs: { rsi: v } });
        expect(r.regs.rax).toBe(v);
        expect(r.regs.rsp).toBe(h.layout.stackPointer);
      }),
      { numRuns: RUNS },
    );
  });

  it('div: quotient and remainder; a zero divisor is a divide-error exception', () => {
    fc.assert(
      fc.property(arbU64, arbU64, (a, b) => {
        const r = h.run({ code: code.get(MEM[8])!, regs: { rdi: a, rsi: b } });
        if (b === 0n) {
          expect(r.stop).toMatchObject({ kind: 'exception', name: 'divide-error', interrupt: 0 });
        } else {
          expect(r.stop.kind).toBe('stop');
          expect(r.regs.rax).toBe(a / b);
          expect(r.regs.rdx).toBe(a % b);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('x64 call style', () => {
  it('a function reads a stack argument above its return address and returns to the sentinel', () => {
    const sp = h.layout.stackPointer;
    fc.assert(
      fc.property(arbU64, arbU64, (a, arg) => {
        const r = h.run({ code: code.get(MEM[9])!, style: 'call', regs: { rdi: a }, memory: [{ address: sp, bytes: le(arg, 8) }] });
        expect(r.stop).toEqual({ kind: 'stop', pc: h.layout.stopAddress });
        expect(r.regs.rax).toBe(u64(arg + a));
        expect(r.regs.rsp).toBe(sp); // ret popped the return address
      }),
      { numRuns: RUNS },
    );
  });

  it('nested call/ret inside the function', () => {
    fc.assert(
      fc.property(arbU64, arbU64, (a, b) => {
        const r = h.run({ code: code.get(MEM[10])!, style: 'call', regs: { rdi: a, rsi: b } });
        expect(r.stop.kind).toBe('stop');
        expect(r.regs.rax).toBe(u64(a + 1n + b));
      }),
      { numRuns: RUNS },
    );
  });

  it('a loop with labels sums 1..n', () => {
    const p = h.prepare({ code: code.get(MEM[11])!, inputs: ['rdi'], outputs: ['rax'] });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), (n) => {
        expect(p.run([BigInt(n)]).kind).toBe('stop');
        expect(p.output(0)).toBe(BigInt((n * (n + 1)) / 2));
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  it('32-bit writes zero-extend', () => {
    fc.assert(
      fc.property(arbU64, arbU64, (a, b) => {
        const r = h.run({ code: code.get('mov eax, edi\nadd eax, esi')!, regs: { rdi: a, rsi: b, rax: 0xffffffffffffffffn } });
        expect(r.regs.rax).toBe(u32(a + b));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('x64 flags sanity', () => {
  it('PF is the parity of the low byte only', () => {
    const [, f] = x86Add(64, 0x100n, 0x3n); // low byte 0x03: two bits set → PF
    expect(f & PF).toBe(PF);
    expect(x86Logic(64, 0x1n) & PF).toBe(0n);
  });
});
