// Real AArch64 code through src/exec (ExecutableMemory + nativeFunction) on the arm64 node: every function is
// assembled by GNU as (the oracle) and its results are checked against plain JS BigInt arithmetic on random
// 64-bit inputs (fast-check, which also tries the boundary values 0, 1, 2^63, 2^64-1 ...).
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nativeFunction, type NativeFunction } from '../src/exec/index.js';
import { propertyRuns } from '../test/support/runs.js';
import { gnuAsA64, U64 } from './support/aarch64.js';

/** Cases per property: under qemu a case costs ~0.1-1 ms, so DYNASM_LONG=1 runs 10x (not test/'s 100x). */
const runs = (n: number): number => propertyRuns(n, n * 10);
const u64 = fc.bigInt({ min: 0n, max: U64 });
const i64 = fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n });
const asU = (x: bigint): bigint => BigInt.asUintN(64, x);
const asS = (x: bigint): bigint => BigInt.asIntN(64, x);
/** koffi returns 64-bit integers as a number when they fit in a double exactly, else as a BigInt. */
const big = (x: unknown): bigint => BigInt(x as number | bigint);

const owned: NativeFunction<never>[] = [];
function fn<F extends (...args: never[]) => unknown>(asm: string, signature: string): F {
  const f = nativeFunction<F>(gnuAsA64(asm), signature);
  owned.push(f as unknown as NativeFunction<never>);
  return f.call;
}
afterAll(() => {
  for (const f of owned) f.dispose();
});

type Bin = (a: bigint, b: bigint) => number | bigint;
type Un = (a: bigint) => number | bigint;

// [instruction, JS oracle on the inputs] — two-operand, unsigned view (uint64_t in, uint64_t out).
const binaryUnsigned: [string, (a: bigint, b: bigint) => bigint][] = [
  ['add x0, x0, x1', (a, b) => asU(a + b)],
  ['sub x0, x0, x1', (a, b) => asU(a - b)],
  ['mul x0, x0, x1', (a, b) => asU(a * b)],
  ['umulh x0, x0, x1', (a, b) => (a * b) >> 64n],
  ['eor x0, x0, x1', (a, b) => a ^ b],
  ['orr x0, x0, x1', (a, b) => a | b],
  ['bic x0, x0, x1', (a, b) => a & ~b & U64],
  ['lsl x0, x0, x1', (a, b) => asU(a << (b & 63n))], // LSLV: the shift amount is x1 mod 64
  ['lsr x0, x0, x1', (a, b) => a >> (b & 63n)],
  ['ror x0, x0, x1', (a, b) => {
    const s = b & 63n;
    return asU((a >> s) | (a << (64n - s)));
  }],
  ['udiv x0, x0, x1', (a, b) => (b === 0n ? 0n : a / b)], // division by zero gives 0, no trap
  ['add w0, w0, w1', (a, b) => BigInt.asUintN(32, a + b)], // W destination zero-extends to 64 bits
  ['adds x0, x0, x1\ncset x0, cs', (a, b) => (a + b > U64 ? 1n : 0n)], // carry flag
];

// Two-operand, signed view (int64_t in, int64_t out).
const binarySigned: [string, (a: bigint, b: bigint) => bigint][] = [
  ['asr x0, x0, x1', (a, b) => a >> (asU(b) & 63n)],
  ['sdiv x0, x0, x1', (a, b) => (b === 0n ? 0n : asS(a / b))], // BigInt division truncates toward zero; MIN/-1 wraps
  ['smulh x0, x0, x1', (a, b) => (a * b) >> 64n],
  ['cmp x0, x1\ncsel x0, x0, x1, lt', (a, b) => (a < b ? a : b)],
  ['subs x0, x0, x1\ncset x0, vs', (a, b) => (asS(a - b) !== a - b ? 1n : 0n)], // signed overflow flag
];

const unary: [string, (a: bigint) => bigint][] = [
  ['clz x0, x0', (a) => BigInt(64 - (a === 0n ? 0 : a.toString(2).length))],
  ['rbit x0, x0', (a) => BigInt(`0b${a.toString(2).padStart(64, '0').split('').reverse().join('')}`)],
  ['rev x0, x0', (a) => {
    let r = 0n;
    for (let i = 0n; i < 8n; i++) r |= ((a >> (8n * i)) & 0xffn) << (8n * (7n - i));
    return r;
  }],
  ['neg x0, x0', (a) => asU(-a)],
  ['mvn x0, x0', (a) => a ^ U64],
];

describe('native AArch64 arithmetic agrees with JS BigInt arithmetic', () => {
  it.each(binaryUnsigned)('%s (uint64_t a, uint64_t b)', (asm, oracle) => {
    const f = fn<Bin>(`${asm}\nret`, 'uint64_t (uint64_t a, uint64_t b)');
    fc.assert(
      fc.property(u64, u64, (a, b) => {
        expect(big(f(a, b))).toBe(oracle(a, b));
      }),
      { numRuns: runs(300) },
    );
  });

  it.each(binarySigned)('%s (int64_t a, int64_t b)', (asm, oracle) => {
    const f = fn<Bin>(`${asm}\nret`, 'int64_t (int64_t a, int64_t b)');
    fc.assert(
      fc.property(i64, i64, (a, b) => {
        expect(big(f(a, b))).toBe(oracle(a, b));
      }),
      { numRuns: runs(300) },
    );
    expect(big(f(-(1n << 63n), -1n))).toBe(oracle(-(1n << 63n), -1n));
  });

  it.each(unary)('%s (uint64_t a)', (asm, oracle) => {
    const f = fn<Un>(`${asm}\nret`, 'uint64_t (uint64_t a)');
    fc.assert(
      fc.property(u64, (a) => {
        expect(big(f(a))).toBe(oracle(a));
      }),
      { numRuns: runs(300) },
    );
  });

  it('madd x0, x0, x1, x2 with three arguments', () => {
    const f = fn<(a: bigint, b: bigint, c: bigint) => number | bigint>('madd x0, x0, x1, x2\nret', 'uint64_t (uint64_t, uint64_t, uint64_t)');
    fc.assert(
      fc.property(u64, u64, u64, (a, b, c) => {
        expect(big(f(a, b, c))).toBe(asU(a * b + c));
      }),
      { numRuns: runs(300) },
    );
  });
});

describe('AAPCS64 calls through koffi', () => {
  it('passes nine integer arguments (x0-x7 and the stack)', () => {
    // a - b + c - d + e - f + g - h + 2*i, where i is the first stack argument at [sp]
    const f = fn<(...a: bigint[]) => number | bigint>(
      `sub x0, x0, x1
       add x0, x0, x2
       sub x0, x0, x3
       add x0, x0, x4
       sub x0, x0, x5
       add x0, x0, x6
       sub x0, x0, x7
       ldr x9, [sp]
       add x0, x0, x9, lsl #1
       ret`,
      'int64_t (int64_t, int64_t, int64_t, int64_t, int64_t, int64_t, int64_t, int64_t, int64_t)',
    );
    fc.assert(
      fc.property(fc.array(i64, { minLength: 9, maxLength: 9 }), (v) => {
        const [a, b, c, d, e, g, h, k, i] = v;
        expect(big(f(...v))).toBe(asS(a - b + c - d + e - g + h - k + 2n * i));
      }),
      { numRuns: runs(300) },
    );
  });

  it('saves and restores callee-saved registers on the stack', () => {
    // (a * b) ^ (a + b) computed in x19/x20, which the function must preserve for its caller (the JIT and V8).
    const f = fn<Bin>(
      `stp x19, x20, [sp, #-16]!
       mul x19, x0, x1
       add x20, x0, x1
       eor x0, x19, x20
       ldp x19, x20, [sp], #16
       ret`,
      'uint64_t (uint64_t a, uint64_t b)',
    );
    fc.assert(
      fc.property(u64, u64, (a, b) => {
        expect(big(f(a, b))).toBe(asU(a * b) ^ asU(a + b));
      }),
      { numRuns: runs(300) },
    );
  });

  it('passes and returns doubles in d0/d1 (IEEE 754, correctly rounded like JS)', () => {
    const ops: [string, (a: number, b: number) => number][] = [
      ['fadd d0, d0, d1', (a, b) => a + b],
      ['fmul d0, d0, d1', (a, b) => a * b],
      ['fdiv d0, d0, d1', (a, b) => a / b],
      ['fsqrt d0, d0', (a) => Math.sqrt(a)],
    ];
    for (const [asm, oracle] of ops) {
      const f = fn<(a: number, b: number) => number>(`${asm}\nret`, 'double (double a, double b)');
      fc.assert(
        fc.property(fc.double(), fc.double(), (a, b) => {
          const want = oracle(a, b);
          const got = f(a, b);
          // NaN payloads are not compared (JS has one NaN); zeros are compared with their sign.
          if (Number.isNaN(want)) expect(got).toBeNaN();
          else expect(Object.is(got, want), `${asm}: ${a}, ${b} gave ${got}, want ${want}`).toBe(true);
        }),
        { numRuns: runs(200) },
      );
    }
  });
});

describe('code working in place on JS memory, and loops', () => {
  const rotl = (x: bigint, k: bigint): bigint => asU((x << k) | (x >> (64n - k)));

  it('xoshiro256** step on a BigUint64Array state, in place', () => {
    // s[0..3] is a JS-owned BigUint64Array passed as void*: loads, updates and stores without a copy.
    const next = fn<(s: BigUint64Array) => number | bigint>(
      `ldp x1, x2, [x0]
       ldp x3, x4, [x0, #16]
       add x5, x2, x2, lsl #2
       ror x5, x5, #57
       add x5, x5, x5, lsl #3
       lsl x6, x2, #17
       eor x3, x3, x1
       eor x4, x4, x2
       eor x2, x2, x3
       eor x1, x1, x4
       eor x3, x3, x6
       ror x4, x4, #19
       stp x1, x2, [x0]
       stp x3, x4, [x0, #16]
       mov x0, x5
       ret`,
      'uint64_t (void *state)',
    );
    const jsNext = (s: bigint[]): bigint => {
      const result = asU(rotl(asU(s[1] * 5n), 7n) * 9n);
      const t = asU(s[1] << 17n);
      s[2] ^= s[0];
      s[3] ^= s[1];
      s[1] ^= s[2];
      s[0] ^= s[3];
      s[2] ^= t;
      s[3] = rotl(s[3], 45n);
      return result;
    };
    fc.assert(
      fc.property(fc.array(u64, { minLength: 4, maxLength: 4 }), fc.integer({ min: 1, max: 20 }), (init, steps) => {
        const state = BigUint64Array.from(init);
        const model = [...init];
        for (let i = 0; i < steps; i++) {
          expect(big(next(state))).toBe(jsNext(model));
          expect([...state]).toEqual(model);
        }
      }),
      { numRuns: runs(100) },
    );
  });

  it('a counted loop over a BigUint64Array: sum of squares mod 2^64', () => {
    const sumSq = fn<(p: BigUint64Array, n: number) => number | bigint>(
      `mov x2, #0
       cbz x1, 2f
   1:  ldr x3, [x0], #8
       madd x2, x3, x3, x2
       subs x1, x1, #1
       b.ne 1b
   2:  mov x0, x2
       ret`,
      'uint64_t (const void *p, uint64_t n)',
    );
    fc.assert(
      fc.property(fc.array(u64, { maxLength: 64 }), (v) => {
        const want = v.reduce((s, x) => asU(s + x * x), 0n);
        expect(big(sumSq(BigUint64Array.from(v), v.length))).toBe(want);
      }),
      { numRuns: runs(200) },
    );
  });

  it('a byte loop writing into a Uint8Array: dst[i] ^= src[i] + i', () => {
    const mix = fn<(d: Uint8Array, s: Uint8Array, n: number) => void>(
      `mov x3, #0
   1:  cmp x3, x2
       b.hs 2f
       ldrb w4, [x1, x3]
       ldrb w5, [x0, x3]
       add w4, w4, w3
       eor w5, w5, w4
       strb w5, [x0, x3]
       add x3, x3, #1
       b 1b
   2:  ret`,
      'void (void *dst, const void *src, size_t n)',
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 }), (a, b) => {
        const n = Math.min(a.length, b.length);
        const want = Uint8Array.from(a, (x, i) => (i < n ? x ^ ((b[i] + i) & 0xff) : x));
        const dst = Uint8Array.from(a);
        mix(dst, b, n);
        expect(dst).toEqual(want);
      }),
      { numRuns: runs(200) },
    );
  });

  it('a loop with a data-dependent trip count: Fibonacci mod 2^64', () => {
    const fib = fn<(n: number) => number | bigint>(
      `mov x1, #0
       mov x2, #1
       cbz x0, 2f
   1:  add x3, x1, x2
       mov x1, x2
       mov x2, x3
       subs x0, x0, #1
       b.ne 1b
   2:  mov x0, x1
       ret`,
      'uint64_t (uint64_t n)',
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), (n) => {
        let [a, b] = [0n, 1n];
        for (let i = 0; i < n; i++) [a, b] = [b, asU(a + b)];
        expect(big(fib(n))).toBe(a);
      }),
      { numRuns: runs(50) },
    );
  });
});
