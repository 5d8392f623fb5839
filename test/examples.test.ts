// The examples in examples/ run and give what an oracle gives: plain JS arithmetic on the inputs, GNU as's
// bytes for the same source, the reference interpreter for the VSP engines. Each example's main() is run
// with its printed lines captured, and the lines are checked against independently computed values.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { closeSharedHarnesses, sharedHarness } from '../emulation/index.js';
import { main as directivesMain, dataCode, GREETING } from '../examples/directives.js';
import { a64Tour, x64Tour } from '../examples/dsl-tour.js';
import { catalogue, main as errorsMain } from '../examples/error-messages.js';
import { main as dynamicMain, mistakes, polynomialCode, polynomialJs } from '../examples/dynamic-registers.js';
import { main as emulatorMain, runSumOfSquares, sumOfSquaresCode } from '../examples/emulator-run.js';
import { main as firstMain, muladdCode } from '../examples/first-x64.js';
import { collatzCode, main as labelsMain } from '../examples/labels.js';
import { compileSum } from '../examples/native-sum.js';
import { main as vspMain, registersFor, runEverywhere } from '../examples/vsp-demo.js';
import { R64, detectHost, nativeFunction } from '../src/index.js';
import { assembleProgram, hex } from './x64/support/oracles.js';
import { assembleBatch } from './oracles/assemble.js';
import { propertyRuns } from './support/runs.js';

/** GNU as bytes of A64 lines assembled one per line (branches written as `.+N` offsets). */
const gnuA64 = (lines: readonly string[]): string => assembleBatch('a64', 'gnu', lines).map((l) => (l.bytes === null ? `error ${l.error}` : hex(l.bytes))).join('');

const host = detectHost();
const x64Native = host.arch === 'x64' && host.os !== 'other';

/** The lines an example's main() prints. */
async function output(main: (print: (line: string) => void) => void | Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  await main((l) => void lines.push(l));
  return lines;
}

const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });

describe.runIf(x64Native)('examples/native-sum.ts (x86-64 native)', () => {
  it('sums like JS for every unroll factor and length', () => {
    const sums = [1, 2, 3, 4, 7].map((u) => compileSum(u));
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -(2n ** 40n), max: 2n ** 40n }), { maxLength: 64 }), fc.nat(4), (xs, pick) => {
        const data = BigInt64Array.from(xs);
        expect(sums[pick]!(data, data.length)).toBe(xs.reduce((s, v) => s + v, 0n));
      }),
      { numRuns: propertyRuns(500) },
    );
  });
});

describe('examples/first-x64.ts', () => {
  it('assembles to GNU as bytes', () => {
    expect(hex(muladdCode())).toBe(hex(assembleProgram('gnu', 'imul rdi, rsi\nlea rax, [rdi + rdx]\nret')));
  });
  it.runIf(x64Native)('computes a * b + c (mod 2^64) natively', () => {
    const f = nativeFunction<(a: bigint, b: bigint, c: bigint) => bigint | number>(muladdCode(), 'int64_t (int64_t a, int64_t b, int64_t c)');
    try {
      fc.assert(
        fc.property(int64, int64, int64, (a, b, c) => {
          expect(BigInt(f.call(a, b, c))).toBe(BigInt.asIntN(64, a * b + c));
        }),
        { numRuns: propertyRuns(1000) },
      );
    } finally {
      f.dispose();
    }
  });
  it.runIf(x64Native)('prints what JS computes', async () => {
    const lines = await output(firstMain);
    expect(lines[0]).toBe(`code (9 bytes): ${hex(assembleProgram('gnu', 'imul rdi, rsi\nlea rax, [rdi + rdx]\nret'))}`);
    expect(lines.slice(1)).toEqual([`muladd(6, 7, 0) = ${6 * 7 + 0}`, `muladd(-3, 1000, 5) = ${-3 * 1000 + 5}`]);
  });
});

/** Collatz steps by plain JS numbers (the example's own collatzJs is not used as the oracle). */
function steps(n: number): number {
  let k = 0;
  for (let m = n; m > 1; k++) m = m % 2 === 0 ? m / 2 : 3 * m + 1;
  return k;
}

describe('examples/labels.ts', () => {
  it('assembles to what GNU as gives for the same source with named labels (branches relaxed alike)', () => {
    const gnu = assembleProgram(
      'gnu',
      [
        'xor rax, rax', 'cmp rdi, 1', 'jbe done', 'next:', 'test rdi, 1', 'jz 1f', 'lea rdi, [rdi + rdi*2 + 1]', 'jmp 2f',
        '1: shr rdi, 1', '2: inc rax', 'cmp rdi, 1', 'jne next', 'done:', 'ret',
      ].join('\n'),
    );
    expect(hex(collatzCode())).toBe(hex(gnu));
  });
  it.runIf(x64Native)('counts Collatz steps natively like JS', async () => {
    const f = nativeFunction<(n: number) => number>(collatzCode(), 'int64_t (uint64_t n)');
    try {
      fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000 }), (n) => void expect(f.call(n)).toBe(steps(n))), { numRuns: propertyRuns(1000) });
    } finally {
      f.dispose();
    }
    const lines = await output(labelsMain);
    for (const n of [1, 6, 27, 97, 871]) expect(lines).toContain(`collatz_steps(${n}) = ${steps(n)} (JS: ${steps(n)})`);
  });
});

describe('examples/directives.ts', () => {
  it('assembles to GNU as bytes (data, .align padding, rip-relative references)', () => {
    const { popcount16, greet } = dataCode();
    const pcSource = [
      'lea rdx, [rip + nibbles]', 'xor eax, eax', 'mov ecx, 4', '1: mov rsi, rdi', 'and esi, 15', 'movzx esi, byte ptr [rdx + rsi]',
      'add rax, rsi', 'shr rdi, 4', 'dec ecx', 'jnz 1b', 'ret', '.align 16', 'nibbles:', '.byte 0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4',
    ];
    expect(hex(popcount16)).toBe(hex(assembleProgram('gnu', pcSource.join('\n'))));
    const greetSource = [
      'lea rsi, [rip + message]', 'mov rcx, qword ptr [rip + length]', 'mov rax, rcx', 'inc rcx', 'rep movsb', 'ret',
      'message:', `.asciz "${GREETING}"`, '.align 8', 'length:', `.quad ${GREETING.length}`,
    ];
    expect(hex(greet)).toBe(hex(assembleProgram('gnu', greetSource.join('\n'))));
  });
  it.runIf(x64Native)('popcount16 counts bits like JS; greet copies the string', async () => {
    const { popcount16 } = dataCode();
    const f = nativeFunction<(x: number) => number>(popcount16, 'int64_t (uint64_t x)');
    const bits = (x: number) => [...(x & 0xffff).toString(2)].filter((c) => c === '1').length;
    try {
      fc.assert(fc.property(fc.nat(), (x) => void expect(f.call(x)).toBe(bits(x))), { numRuns: propertyRuns(1000) });
    } finally {
      f.dispose();
    }
    const lines = await output(directivesMain);
    for (const x of [0, 0xff, 0x1234, 0xffff]) expect(lines).toContain(`popcount16(0x${x.toString(16)}) = ${bits(x)}`);
    expect(lines).toContain(`greet wrote ${GREETING.length} bytes: "hello from the code pages"`);
  });
});

describe('examples/dynamic-registers.ts', () => {
  it.runIf(x64Native)('evaluates random polynomials natively in any accumulator register', () => {
    const regs = [0, 1, 2, 6, 8, 9, 10]; // rax rcx rdx rsi r8 r9 r10: caller-saved, not rdi (x) or r11 (scratch)
    fc.assert(
      fc.property(fc.array(int64, { minLength: 1, maxLength: 6 }), fc.constantFrom(...regs), int64, (coeffs, r, x) => {
        const f = nativeFunction<(x: bigint) => bigint | number>(polynomialCode(coeffs, R64(r)), 'int64_t (int64_t x)');
        try {
          let want = 0n; // Horner by hand, independent of polynomialJs
          for (let i = coeffs.length - 1; i >= 0; i--) want = BigInt.asIntN(64, want * x + coeffs[i]!);
          expect(BigInt(f.call(x))).toBe(want);
        } finally {
          f.dispose();
        }
      }),
      { numRuns: propertyRuns(300) },
    );
  });
  it('refuses a callee-saved accumulator', () => {
    for (const r of [3, 5, 7, 11, 12, 13, 14, 15]) expect(() => polynomialCode([1n], R64(r))).toThrow(RangeError);
  });
  it('names each mistake with its code, the operand and the legal range', () => {
    const m = mistakes();
    expect(m.map((e) => e.code)).toEqual(['E_RANGE', 'E_REGCLASS', 'E_RANGE']);
    expect(m[0]!.message).toContain('(template line 1, column 11): operand 2: 1099511627776 does not fit');
    expect(m[0]!.message).toContain('-2147483648..0x7fffffff');
    expect(m[1]!.message).toContain('(template line 1, column 12): operand 2:');
    expect(m[1]!.message).toContain('32-bit register');
    expect(m[2]!.message).toContain('operand 3: 5000 is out of range: expected 0..4095');
  });
  it.runIf(x64Native)('prints what JS computes', async () => {
    const lines = await output(dynamicMain);
    const p = (x: bigint) => 7n - 3n * x + 2n * x ** 3n;
    for (const r of ['rax', 'r9', 'r10']) expect(lines).toContain(`acc = ${r}: p(5) = ${p(5n)}, p(-2) = ${p(-2n)} (JS: ${p(5n)}, ${p(-2n)})`);
    expect(lines).toContain(`1 + 2^40 x at x = 3: ${1n + 3n * 2n ** 40n} (JS: ${polynomialJs([1n, 1n << 40n], 3n)})`);
  });
});

describe('examples/emulator-run.ts (Unicorn)', () => {
  afterAll(() => closeSharedHarnesses());
  it('sums squares in Unicorn like JS', () => {
    const h = sharedHarness('a64');
    fc.assert(
      fc.property(fc.array(int64, { maxLength: 40 }), (xs) => {
        const r = runSumOfSquares(h, xs);
        const want = xs.reduce((s, v) => BigInt.asUintN(64, s + BigInt.asUintN(64, v * v)), 0n);
        expect(r.x0).toBe(want);
        expect(r.x2).toBe(0n);
        expect(r.x1).toBe(h.region('data').address + (xs.length === 0 ? 0n : BigInt(8 * xs.length)));
      }),
      { numRuns: propertyRuns(500) },
    );
  });
  it('assembles to the bytes GNU as gives (one instruction per line, branch offsets by hand)', () => {
    // offsets 0 mov, 4 cbz (to ret: +20), 8 ldr, 12 madd, 16 subs, 20 b.ne (to ldr: -12), 24 ret
    const lines = ['mov x0, #0', 'cbz x2, .+20', 'ldr x3, [x1], #8', 'madd x0, x3, x3, x0', 'subs x2, x2, #1', 'b.ne .-12', 'ret'];
    expect(hex(sumOfSquaresCode())).toBe(gnuA64(lines));
  });
  it('prints the registers and the JS check', async () => {
    const lines = await output(emulatorMain);
    const want = 3n * 3n + 4n * 4n + 12n * 12n + (1n << 62n);
    expect(lines).toContain('stop: reached the stop address 0xdead00');
    expect(lines).toContain(`x0 = ${want}  x1 = 0x300020  x2 = 0`);
    expect(lines.at(-1)).toBe(`JavaScript says ${want}: match`);
  });
});

describe('examples/vsp-demo.ts', () => {
  it('every available engine leaves the interpreter\'s state, and the state is the sum 1..n', async () => {
    for (const n of [0, 1, 2, 100, 1000, 65535]) {
      const runs = await runEverywhere(n);
      expect(runs[0]!.engine).toBe('interp');
      expect(runs.map((r) => r.engine)).toContain(x64Native ? 'native' : 'interp');
      const sum = (n * (n + 1)) / 2;
      const regs = new Uint8Array(16);
      new DataView(regs.buffer).setInt32(0, sum | 0, true);
      regs[8] = 1; // R8 = 1 (the LOAD); R4..R7 count down to 0
      const st = JSON.parse(runs[0]!.json) as Record<string, unknown>;
      expect(st.status).toBe('halted');
      expect(st.regs).toBe(hex(regs));
      expect(st.out).toBe(`0100${(sum & 0xff).toString(16).padStart(2, '0')}`);
      expect(st.cycles).toBe(1 + 5 * n + 2 + 2); // LOAD, five per iteration, TESTINT + JZ, ACT + HLT
      for (const r of runs) expect(r.json, r.engine).toBe(runs[0]!.json);
    }
    expect(hex(registersFor(100))).toBe('00000000640000000000000000000000');
  });
  it('prints the disassembly, one state per engine, and that they agree', async () => {
    const lines = await output(vspMain);
    expect(lines[0]).toBe('examples/sum.vsp, canonical disassembly:');
    expect(lines).toContain('      ADDINT R0, R4');
    const states = lines.filter((l) => l.includes('{"status"'));
    expect(states.length).toBeGreaterThanOrEqual(2);
    expect(states[0]).toContain('"regs":"ba130000000000000100000000000000"'); // 5050 = 0x13ba
    expect(lines.at(-1)).toBe(`all ${states.length} engines agree`);
  });
});

describe('examples/dsl-tour.ts (the examples of docs/dsl.md)', () => {
  it('the A64 example assembles to GNU as bytes', () => {
    // offsets 0 stp, 4 mov, 8 cbz (to done = 24: +16), 12 add, 16 subs, 20 b.ne (to 16: -4), 24 ldp, 28 ret
    const lines = ['stp x29, x30, [sp, #-16]!', 'mov x0, #0x1234', 'cbz w3, .+16', 'add x0, x5, x1, lsl #3', 'subs x2, x2, #1', 'b.ne .-4', 'ldp x29, x30, [sp], #16', 'ret'];
    expect(hex(a64Tour())).toBe(gnuA64(lines));
  });
  it('the x64 example assembles to GNU as bytes', () => {
    expect(hex(x64Tour())).toBe(hex(assembleProgram('gnu', 'mov rax, qword ptr [r9 + r10*8 - 8]\nadd rax, qword ptr [rsp + 16]\nlea rcx, [r9 + 64]\nret')));
  });
});

describe('examples/error-messages.ts (the error table of docs/dsl.md)', () => {
  const classOf: Record<string, string> = {
    E_SYNTAX: 'DynasmSyntaxError',
    E_LABEL_UNDEFINED: 'LabelError',
    E_LABEL_DUPLICATE: 'LabelError',
    E_LABEL_RANGE: 'LabelError',
    E_LABEL_FOREIGN: 'LabelError',
    E_DIRECTIVE: 'DirectiveError',
    E_USAGE: 'UsageError',
  };
  it('each mistake raises its code, once per code in ErrorCodes, with the code and the template position in the message', async () => {
    const { ErrorCodes } = await import('../src/index.js');
    const c = catalogue();
    expect(c.map((e) => e.code)).toEqual(c.map((e) => e.expected));
    expect(new Set(c.map((e) => e.code))).toEqual(new Set(Object.values(ErrorCodes)));
    for (const e of c) {
      expect(e.message, e.code).toContain(`[${e.code}]`);
      if (e.code !== 'E_USAGE') expect(e.message, e.code).toMatch(/^\(template line \d+, column \d+\): /);
      if (classOf[e.code]) expect(e.className, e.code).toBe(classOf[e.code]);
    }
  });
  it('prints every code', async () => {
    const lines = await output(errorsMain);
    expect(lines.filter((l) => /^E_[A-Z_]+ \(\w+\)$/.test(l))).toHaveLength(catalogue().length);
  });
});
