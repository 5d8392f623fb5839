// The first template: a three-instruction x86-64 function written with the `dynasm` tagged template,
// mapped executable (W^X) by src/exec and called from TypeScript like any function.
// Run: npm run build && node dist/examples/first-x64.js   (x86-64 Linux or macOS)
import { Assembler, nativeFunction, rax, rdi, rdx, rsi } from '../src/index.js';

/** The machine code of `int64_t muladd(int64_t a, int64_t b, int64_t c) { return a * b + c; }` (System V). */
export function muladdCode(): Uint8Array {
  const a = new Assembler('x64');
  a.dynasm`
      imul ${rdi}, ${rsi}          // a *= b   (arguments arrive in rdi, rsi, rdx)
      lea  ${rax}, [${rdi} + ${rdx}] // return a + c in rax
      ret`;
  return a.finalize();
}

export function main(print: (line: string) => void = console.log): void {
  const code = muladdCode();
  print(`code (${code.length} bytes): ${Buffer.from(code).toString('hex')}`);

  const muladd = nativeFunction<(a: number, b: number, c: number) => number>(code, 'int64_t (int64_t a, int64_t b, int64_t c)');
  try {
    print(`muladd(6, 7, 0) = ${muladd.call(6, 7, 0)}`);
    print(`muladd(-3, 1000, 5) = ${muladd.call(-3, 1000, 5)}`);
  } finally {
    muladd.dispose(); // unmaps the code pages; calling muladd.call after this is not allowed
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
