// The examples in examples/ run and give what plain JS arithmetic gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileSum } from '../examples/native-sum.js';
import { detectHost } from '../src/index.js';
import { propertyRuns } from './support/runs.js';

const host = detectHost();

describe.runIf(host.arch === 'x64' && host.os === 'linux')('examples/native-sum.ts (x86-64 native)', () => {
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
