// A tiny JIT: the DSL writes x86-64 code at run time, src/exec maps it W^X, and TypeScript calls it.
// Sums `n` int64 values from a JS BigInt64Array, in place (the array reaches the code without a copy).
// Run: npm run build && node dist/examples/native-sum.js   (x86-64 Linux)
import { Assembler, nativeFunction, rax, rcx, rdi, rsi } from '../src/index.js';

export function compileSum(unroll: number): (data: BigInt64Array, n: number) => bigint {
  const a = new Assembler('x64');
  const loop = a.newLabel();
  const done = a.newLabel();
  a.dynasm`
      xor  ${rax}, ${rax}
      xor  ${rcx}, ${rcx}
      test ${rsi}, ${rsi}
      jz   ${done}
  ${loop}:`;
  for (let i = 0; i < unroll; i++) {
    a.dynasm`
      add  ${rax}, qword ptr [${rdi} + ${rcx}*8]
      inc  ${rcx}
      cmp  ${rcx}, ${rsi}
      je   ${done}`;
  }
  a.dynasm`
      jmp  ${loop}
  ${done}:
      ret`;
  const f = nativeFunction<(p: BigInt64Array, n: number) => bigint | number>(a.finalize(), 'int64_t (void *data, int64_t n)');
  return (data, n) => BigInt(f.call(data, n));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const data = BigInt64Array.from({ length: 1000 }, (_, i) => BigInt(i * i));
  const sum = compileSum(4);
  console.log(`native sum of squares 0..999 = ${sum(data, data.length)} (JS: ${data.reduce((s, v) => s + v, 0n)})`);
}
