// Labels of every kind in one x86-64 function, run natively: a named label (`next:`), local numeric
// labels (`1:` with `1b` / `1f`), and label objects from `a.newLabel()` bound across templates, with
// forward references that `finalize()` resolves (and shortens to rel8 where they reach).
// The function counts the steps of the Collatz sequence from n down to 1.
// Run: npm run build && node dist/examples/labels.js   (x86-64 Linux or macOS)
import { Assembler, nativeFunction, rax, rdi } from '../src/index.js';

/** `int64_t collatz_steps(uint64_t n)`: how many steps n -> n/2 (even) or 3n+1 (odd) take to reach 1. */
export function collatzCode(): Uint8Array {
  const a = new Assembler('x64');
  const done = a.newLabel('done'); // a label object: bound in a later template, referenced before that
  a.dynasm`
      xor  ${rax}, ${rax}          // steps = 0
      cmp  ${rdi}, 1
      jbe  ${done}                 // n <= 1: nothing to do (forward reference to a label object)
  next:                            // a named label
      test ${rdi}, 1
      jz   1f                      // even: forward to the nearest 1:
      lea  ${rdi}, [${rdi} + ${rdi}*2 + 1]
      jmp  2f
  1:  shr  ${rdi}, 1
  2:  inc  ${rax}
      cmp  ${rdi}, 1
      jne  next`;
  a.dynasm`
  ${done}:
      ret`;
  return a.finalize();
}

/** The same count in JavaScript (the oracle), on unsigned 64-bit arithmetic like the machine code. */
export function collatzJs(n: bigint): number {
  let steps = 0;
  while (n > 1n) {
    n = n % 2n === 0n ? n / 2n : BigInt.asUintN(64, 3n * n + 1n);
    steps++;
  }
  return steps;
}

export function main(print: (line: string) => void = console.log): void {
  const code = collatzCode();
  print(`code (${code.length} bytes): ${Buffer.from(code).toString('hex')}`);
  const steps = nativeFunction<(n: number) => number>(code, 'int64_t (uint64_t n)');
  try {
    for (const n of [1, 6, 27, 97, 871]) print(`collatz_steps(${n}) = ${steps.call(n)} (JS: ${collatzJs(BigInt(n))})`);
  } finally {
    steps.dispose();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
