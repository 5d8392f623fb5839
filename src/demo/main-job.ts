// `npm start`: for now a demo of the emulation layer (a later task replaces it with the VSP JIT report).
// It runs one ARM64 and one x86-64 function in Unicorn through the harness, prints the Capstone listing,
// the inputs and the resulting registers and memory, and checks the results against JS arithmetic.
import {
  Harness,
  describeStop,
  formatListing,
  hex,
  loadDisassembler,
  type Arch,
  type CaseResult,
} from '../emulation/index.js';

// llvm-mc-14 -triple=aarch64 -mattr=+lse -filetype=obj, .text of:
//       mov x3, #0
//   1:  madd x3, x1, x1, x3
//       add x1, x1, #1
//       cmp x1, x2
//       b.le 1b
//       ldaddal x3, x5, [x4]
//       mov x0, x3
//       ret
const A64_SUM_OF_SQUARES = Uint8Array.from([
  0x03, 0x00, 0x80, 0xd2, 0x23, 0x0c, 0x01, 0x9b, 0x21, 0x04, 0x00, 0x91, 0x3f, 0x00, 0x02, 0xeb, 0xad, 0xff, 0xff, 0x54,
  0x85, 0x00, 0xe3, 0xf8, 0xe0, 0x03, 0x03, 0xaa, 0xc0, 0x03, 0x5f, 0xd6,
]);

// llvm-mc-14 -triple=x86_64 -filetype=obj, .text of (Intel syntax):
//       xor eax, eax
//       mov ecx, 1
//       test rdi, rdi
//       jz 2f
//   1:  lea rdx, [rax + rcx]
//       mov rax, rcx
//       mov rcx, rdx
//       dec rdi
//       jnz 1b
//   2:  mov qword ptr [rsi], rax
//       ret
const X64_FIBONACCI = Uint8Array.from([
  0x31, 0xc0, 0xb9, 0x01, 0x00, 0x00, 0x00, 0x48, 0x85, 0xff, 0x74, 0x0f, 0x48, 0x8d, 0x14, 0x08, 0x48, 0x89, 0xc8, 0x48,
  0x89, 0xd1, 0x48, 0xff, 0xcf, 0x75, 0xf1, 0x48, 0x89, 0x06, 0xc3,
]);

function le64(v: bigint): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, v, true);
  return b;
}
function readLe64(b: Uint8Array): bigint {
  return new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0, true);
}

function printRegs(result: CaseResult<Arch>, names: readonly string[]): void {
  const regs = result.regs as Record<string, bigint | undefined>;
  console.log('  registers: ' + names.map((n) => `${n}=${hex(regs[n] ?? 0n)}`).join('  '));
}

async function main(): Promise<void> {
  const dis = await loadDisassembler();
  let failures = 0;
  const check = (what: string, got: bigint, want: bigint) => {
    const ok = got === want;
    if (!ok) failures++;
    console.log(`  check: ${what} = ${got} (JS says ${want}) ${ok ? 'ok' : 'MISMATCH'}`);
  };
  console.log(`dynasm-ts emulation demo: Unicorn 2 via koffi, Capstone ${dis.version.major}.${dis.version.minor} via capstone-wasm\n`);

  // ---- ARM64
  {
    const h = Harness.open('a64');
    try {
      const data = h.region('data').address;
      console.log('== a64: x0 = sum of squares x1..x2, then ldaddal x3, x5, [x4] (call style, lr = stop sentinel)');
      console.log(formatListing(dis.disassemble('a64', A64_SUM_OF_SQUARES, { address: h.layout.codeBase })));
      const counter = 1000n;
      console.log(`  inputs: x1=1 x2=10 x4=${hex(data)} [x4]=${counter}`);
      const r = h.run({
        code: A64_SUM_OF_SQUARES,
        style: 'call',
        regs: { x1: 1n, x2: 10n, x4: data },
        memory: [{ address: data, bytes: le64(counter) }],
        outputs: ['x0', 'x1', 'x3', 'x5', 'sp', 'lr', 'nzcv'],
        readMemory: [{ address: data, size: 8 }],
      });
      console.log(`  stop: ${describeStop(r.stop)}`);
      printRegs(r, ['x0', 'x1', 'x3', 'x5', 'sp', 'lr', 'nzcv']);
      let sum = 0n;
      for (let i = 1n; i <= 10n; i++) sum += i * i;
      check('x0', r.regs.x0!, sum);
      check('x5 (old memory value)', r.regs.x5!, counter);
      check('[x4]', readLe64(r.memory[0]), counter + sum);
      if (r.stop.kind !== 'stop') failures++;
    } finally {
      h.close();
    }
  }
  console.log('');

  // ---- x86-64
  {
    const h = Harness.open('x64');
    try {
      const data = h.region('data').address;
      console.log('== x64: rax = fib(rdi), stored at [rsi] (call style, return address = stop sentinel)');
      console.log(formatListing(dis.disassemble('x64', X64_FIBONACCI, { address: h.layout.codeBase })));
      const n = 90n;
      console.log(`  inputs: rdi=${n} rsi=${hex(data)}`);
      const r = h.run({
        code: X64_FIBONACCI,
        style: 'call',
        regs: { rdi: n, rsi: data },
        outputs: ['rax', 'rcx', 'rdx', 'rdi', 'rsp', 'rflags'],
        readMemory: [{ address: data, size: 8 }],
      });
      console.log(`  stop: ${describeStop(r.stop)}`);
      printRegs(r, ['rax', 'rcx', 'rdx', 'rdi', 'rsp', 'rflags']);
      let a = 0n;
      let b = 1n;
      for (let i = 0n; i < n; i++) [a, b] = [b, BigInt.asUintN(64, a + b)];
      check('rax', r.regs.rax!, a);
      check('[rsi]', readLe64(r.memory[0]), a);
      if (r.stop.kind !== 'stop') failures++;
    } finally {
      h.close();
    }
  }

  if (failures > 0) {
    console.error(`\n${failures} check(s) failed`);
    process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  process.exitCode = 1;
});
