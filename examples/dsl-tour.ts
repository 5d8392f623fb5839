// The examples of docs/dsl.md, the DSL reference: an A64 function with a frame, run-time registers and
// immediates, a label object and a local label; and the same kind of thing on x86-64.
// Run: npm run build && node dist/examples/dsl-tour.js
import { Assembler, R64, W, X, mem, rax, rcx, rsp, x0, x1 } from '../src/index.js';

/** The A64 example of docs/dsl.md. */
export function a64Tour(): Uint8Array {
  const a = new Assembler('a64', { base: 0x10000n });
  const done = a.newLabel('done');
  const emit = (rd: ReturnType<typeof X>, rn: ReturnType<typeof X>, k: number) => a.dynasm`
      stp  x29, x30, [sp, #-16]!
      mov  ${rd}, #${k}
      cbz  ${W(3)}, ${done}
      add  ${rd}, ${rn}, ${x1}, lsl #3
  1:  subs x2, x2, #1
      b.ne 1b
  ${done}:
      ldp  x29, x30, [sp], #16
      ret`;
  emit(x0, X(5), 0x1234);
  const code: Uint8Array = a.finalize();
  return code;
}

/** The x64 example of docs/dsl.md: memory operands written in the text, with interpolated parts, and as objects. */
export function x64Tour(): Uint8Array {
  const a = new Assembler('x64');
  const load = (dst: typeof rax, base: typeof rax, index: typeof rax, disp: number) => a.dynasm`
      mov  ${dst}, qword ptr [${base} + ${index}*8 + ${disp}]
      add  ${dst}, ${mem.qword(rsp, 16)}
      lea  ${rcx}, [${base} + 64]
      ret`;
  load(rax, R64(9), R64(10), -8);
  return a.finalize();
}

export function main(print: (line: string) => void = console.log): void {
  print(`a64: ${Buffer.from(a64Tour()).toString('hex')}`);
  print(`x64: ${Buffer.from(x64Tour()).toString('hex')}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
