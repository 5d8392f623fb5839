// ARM64 code on any host: the DSL writes an A64 function, the emulation harness runs it in Unicorn
// (dynasm-ts/emulation), and the result is checked against the same computation in JavaScript.
// Run: npm run build && node dist/examples/emulator-run.js   (needs libunicorn2: npm test installs it)
import { Assembler, X, x0, x1, x2 } from '../src/index.js';
import { Harness, describeStop, hex } from '../emulation/index.js';

/** `uint64_t sumsq(const int64_t *p, uint64_t n)`: the sum of p[i]^2, wrapping modulo 2^64 (AAPCS64). */
export function sumOfSquaresCode(): Uint8Array {
  const a = new Assembler('a64');
  const tmp = X(3); // any free register, chosen at run time
  a.dynasm`
      mov  ${x0}, #0
      cbz  ${x2}, 2f                      // n == 0: return 0
  1:  ldr  ${tmp}, [${x1}], #8            // tmp = *p++
      madd ${x0}, ${tmp}, ${tmp}, ${x0}   // x0 += tmp * tmp
      subs ${x2}, ${x2}, #1
      b.ne 1b
  2:  ret`;
  return a.finalize();
}

/** The same function in JavaScript: the oracle. */
export function sumOfSquaresJs(values: readonly bigint[]): bigint {
  return values.reduce((s, v) => BigInt.asUintN(64, s + v * v), 0n);
}

/** Runs the A64 code in Unicorn on `values` (placed in the harness's data region) and returns x0, x1, x2. */
export function runSumOfSquares(h: Harness<'a64'>, values: readonly bigint[]): { x0: bigint; x1: bigint; x2: bigint; stop: string } {
  const data = h.region('data').address;
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setBigInt64(i * 8, v, true));
  const r = h.run({
    code: sumOfSquaresCode(),
    style: 'call', // lr = the harness's stop address: `ret` ends the run
    regs: { x1: data, x2: BigInt(values.length) },
    memory: [{ address: data, bytes }],
    outputs: ['x0', 'x1', 'x2'],
  });
  return { x0: r.regs.x0!, x1: r.regs.x1!, x2: r.regs.x2!, stop: describeStop(r.stop) };
}

export function main(print: (line: string) => void = console.log): void {
  const values = [3n, -4n, 12n, 1n << 31n];
  const h = Harness.open('a64');
  try {
    const data = h.region('data').address;
    print(`a64 code: ${Buffer.from(sumOfSquaresCode()).toString('hex')}`);
    print(`inputs: x1 = ${hex(data)} (the data region), x2 = ${values.length}, [x1] = ${values.join(', ')}`);
    const r = runSumOfSquares(h, values);
    print(`stop: ${r.stop}`);
    print(`x0 = ${r.x0}  x1 = ${hex(r.x1)}  x2 = ${r.x2}`);
    const want = sumOfSquaresJs(values);
    print(`JavaScript says ${want}: ${r.x0 === want ? 'match' : 'MISMATCH'}`);
    if (r.x0 !== want) process.exitCode = 1;
  } finally {
    h.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
