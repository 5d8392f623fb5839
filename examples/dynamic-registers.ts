// Registers and immediates chosen at run time: a code generator that compiles a polynomial into x86-64
// code with the accumulator register picked by the caller (`R64(n)`) and the coefficients interpolated as
// immediates, run natively; then what the DSL says when an interpolated value does not fit.
// Run: npm run build && node dist/examples/dynamic-registers.js   (x86-64 Linux or macOS)
import { Assembler, DynasmError, R32, R64, X, nativeFunction, rax, rdi, type Gpr32, type Gpr64 } from '../src/index.js';

/** Registers the generated code may use as its accumulator: caller-saved (System V), not rdi (x) or r11 (scratch). */
export const ACCUMULATORS: readonly Gpr64[] = [0, 1, 2, 6, 8, 9, 10].map((n) => R64(n));

/** `int64_t p(int64_t x)` = c[0] + c[1] x + c[2] x^2 + ... (Horner), accumulating in `acc`, wrapping mod 2^64. */
export function polynomialCode(coefficients: readonly bigint[], acc: Gpr64): Uint8Array {
  if (!ACCUMULATORS.includes(acc)) throw new RangeError(`accumulator ${acc.name}: use one of ${ACCUMULATORS.map((r) => r.name).join(' ')}`);
  const a = new Assembler('x64');
  const c = coefficients;
  a.dynasm`mov ${acc}, ${c[c.length - 1] ?? 0n}`; // mov r64, imm: any 64-bit value
  for (let i = c.length - 2; i >= 0; i--) {
    a.dynasm`imul ${acc}, ${rdi}`;
    const k = c[i]!;
    if (k >= -(2n ** 31n) && k < 2n ** 31n) {
      a.dynasm`add ${acc}, ${k}`; // add r64, simm32 (the DSL picks imm8 when k fits in a byte)
    } else {
      a.dynasm`
        mov r11, ${k}
        add ${acc}, r11`;
    }
  }
  a.dynasm`
      mov ${rax}, ${acc}
      ret`;
  return a.finalize();
}

/** The same polynomial in JavaScript (the oracle), as int64. */
export function polynomialJs(coefficients: readonly bigint[], x: bigint): bigint {
  let acc = 0n;
  for (let i = coefficients.length - 1; i >= 0; i--) acc = BigInt.asIntN(64, acc * x + coefficients[i]!);
  return acc;
}

/** An error's message without its call site (which names this file's path), and the legal forms counted, not listed. */
export function shortMessage(e: unknown): string {
  if (!(e instanceof DynasmError)) return String(e);
  const text = e.site !== undefined && e.message.startsWith(e.site) ? e.message.slice(e.site.length + 1) : e.message;
  const forms = text.indexOf('\n  legal forms:');
  return forms < 0 ? text : `${text.slice(0, forms)}\n  legal forms: (${e.forms?.length ?? 0} listed)`;
}

/** Three mistakes, each caught: the error's code and its message. */
export function mistakes(): { code: string; message: string }[] {
  const out: { code: string; message: string }[] = [];
  const attempt = (f: () => void) => {
    try {
      f();
      out.push({ code: 'none', message: 'no error' });
    } catch (e) {
      out.push({ code: e instanceof DynasmError ? e.code : 'not a DynasmError', message: shortMessage(e) });
    }
  };
  const x64 = new Assembler('x64');
  const addImm = (k: bigint) => x64.dynasm`add ${rax}, ${k}`;
  attempt(() => addImm(1n << 40n)); // add takes a sign-extended 32-bit immediate
  const imul = (d: Gpr64, s: Gpr32) => x64.dynasm`imul ${d}, ${s}`;
  attempt(() => imul(R64(3), R32(5))); // a 32-bit register where the 64-bit form needs a 64-bit one
  const a64 = new Assembler('a64');
  const addA64 = (k: number) => a64.dynasm`add ${X(0)}, ${X(1)}, #${k}`;
  attempt(() => addA64(5000)); // 0..4095, or a multiple of 4096
  return out;
}

export function main(print: (line: string) => void = console.log): void {
  const coefficients = [7n, -3n, 0n, 2n]; // 7 - 3x + 2x^3
  for (const n of [0, 9, 10]) {
    const p = nativeFunction<(x: number) => number>(polynomialCode(coefficients, R64(n)), 'int64_t (int64_t x)');
    try {
      print(`acc = ${R64(n).name}: p(5) = ${p.call(5)}, p(-2) = ${p.call(-2)} (JS: ${polynomialJs(coefficients, 5n)}, ${polynomialJs(coefficients, -2n)})`);
    } finally {
      p.dispose();
    }
  }
  const big = [1n, 1n << 40n]; // 1 + 2^40 x: the coefficient needs the mov r11 path
  const q = nativeFunction<(x: number) => bigint | number>(polynomialCode(big, R64(9)), 'int64_t (int64_t x)');
  try {
    print(`1 + 2^40 x at x = 3: ${q.call(3)} (JS: ${polynomialJs(big, 3n)})`);
  } finally {
    q.dispose();
  }
  for (const m of mistakes()) print(`${m.code}:\n${m.message}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
