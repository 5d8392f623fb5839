// Data next to code: `.byte`, `.asciz`, `.align` and `.quad label` in an x86-64 function, reached with
// rip-relative addressing (`lea reg, [rip + label]`), run natively.
// Run: npm run build && node dist/examples/directives.js   (x86-64 Linux or macOS)
import { Assembler, nativeFunction, rax, rcx, rdi, rdx, rsi } from '../src/index.js';

/** The string greet() copies: the same text as its `.asciz` directive. */
export const GREETING = 'hello from the code pages';

/** Two functions, assembled one after the other by one assembler (`reset()` in between). */
export function dataCode(): { popcount16: Uint8Array; greet: Uint8Array } {
  const a = new Assembler('x64');

  // popcount16(x): the number of one bits in the low 16 bits of x, from a 16-entry nibble table.
  const table = a.newLabel('nibbles');
  a.dynasm`
      lea   ${rdx}, [rip + ${table}]
      xor   eax, eax
      mov   ecx, 4                         // four nibbles
  1:  mov   ${rsi}, ${rdi}
      and   esi, 15
      movzx esi, byte ptr [${rdx} + ${rsi}]
      add   ${rax}, ${rsi}
      shr   ${rdi}, 4
      dec   ecx
      jnz   1b
      ret`;
  a.dynasm`
      .align 16
  ${table}:
      .byte 0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4`;
  const popcount16 = a.finalize();

  // greet(dst) -> length: copies the string stored after the code (with its NUL) to dst.
  a.reset();
  a.dynasm`
      lea   ${rsi}, [rip + message]
      mov   ${rcx}, qword ptr [rip + length] // a .quad next to the code
      mov   ${rax}, ${rcx}
      inc   ${rcx}                           // copy the NUL too
      rep   movsb                            // rdi = dst (first argument), rsi = message
      ret
  message:
      .asciz "hello from the code pages"
      .align 8
  length:
      .quad ${GREETING.length}`;
  return { popcount16, greet: a.finalize() };
}

export function main(print: (line: string) => void = console.log): void {
  const { popcount16, greet } = dataCode();
  print(`popcount16: ${popcount16.length} bytes (code, .align padding, table); greet: ${greet.length} bytes`);
  const pc = nativeFunction<(x: number) => number>(popcount16, 'int64_t (uint64_t x)');
  const gr = nativeFunction<(dst: Uint8Array) => number>(greet, 'int64_t (void *dst)');
  try {
    for (const x of [0, 0xff, 0x1234, 0xffff]) print(`popcount16(0x${x.toString(16)}) = ${pc.call(x)}`);
    const dst = new Uint8Array(64);
    const n = gr.call(dst);
    print(`greet wrote ${n} bytes: "${new TextDecoder().decode(dst.subarray(0, n))}"`);
  } finally {
    pc.dispose();
    gr.dispose();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
