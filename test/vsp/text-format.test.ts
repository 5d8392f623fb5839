// print_float's number format (spec 8): all integer digits, exactly 6 decimals, round half to even on the
// exact binary value, a '-' on every negative value including -0, NaN/inf/-inf. Oracles: CPython's '%.6f'
// (correctly rounded, half-even on the exact value) for the fixed cases; for random values, ECMAScript
// toFixed (exact value, ties up, exponent at 1e21) away from ties, and BigInt for integers at or above 2^53.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeTextBytes, formatByteSil, formatDebug, formatFloat, formatState } from '../../src/vsp/text-format.js';
import { propertyRuns } from '../support/runs.js';

describe('formatFloat', () => {
  it("matches CPython's '%.6f' on ties, tiny, huge and ordinary values", () => {
    const cases: [number, string][] = [
      [1.0078125, '1.007812'], // the spec's example: a tie, to even
      [1.0234375, '1.023438'], // a tie, to even (up)
      [0.0078125, '0.007812'],
      [0.0234375, '0.023438'],
      [2.5e-7, '0.000000'],
      [0.1, '0.100000'],
      [1e22, '10000000000000000000000.000000'],
      [2 ** 70, '1180591620717411303424.000000'],
      [5e-324, '0.000000'],
      [123456.7890625, '123456.789062'],
      [0.9999995, '1.000000'],
      [0.9999994999999999, '0.999999'],
      [4936209963552724370, '4936209963552723968.000000'],
      [1e21, '1000000000000000000000.000000'],
      [2.718281828459045, '2.718282'],
      [
        1.7976931348623157e308,
        '179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368.000000',
      ],
    ];
    for (const [x, s] of cases) {
      expect(formatFloat(x), String(x)).toBe(s);
      expect(formatFloat(-x), String(-x)).toBe('-' + s);
    }
  });

  it('keeps the sign of -0 and of negatives that round to 0; NaN, inf, -inf', () => {
    expect(formatFloat(-0)).toBe('-0.000000');
    expect(formatFloat(0)).toBe('0.000000');
    expect(formatFloat(-1e-7)).toBe('-0.000000');
    expect(formatFloat(-5e-324)).toBe('-0.000000');
    expect(formatFloat(NaN)).toBe('NaN');
    expect(formatFloat(Infinity)).toBe('inf');
    expect(formatFloat(-Infinity)).toBe('-inf');
  });

  it('equals toFixed(6) away from ties below 1e21, and the exact integer above 2^53', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const a = Math.abs(x);
        const sign = x < 0 || Object.is(x, -0) ? '-' : '';
        if (a >= 2 ** 53) {
          expect(formatFloat(x)).toBe(sign + BigInt(a).toString() + '.000000');
        } else if (a < 1e21 && !Number.isInteger(a * 128) ) {
          expect(formatFloat(x)).toBe(sign + a.toFixed(6));
        }
      }),
      { numRuns: propertyRuns(5000) },
    );
  });

  it('rounds every tie (x * 128 odd) to the even sixth decimal', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.boolean(), (k, neg) => {
        const x = (2 * k + 1) / 128; // exact: the 7th decimal onwards is exactly 5 (x * 10^6 = n + 1/2)
        const down = Math.floor(x * 1e6); // exact below 2^53
        const n = BigInt(down) + (down % 2 === 0 ? 0n : 1n);
        const s = n.toString().padStart(7, '0');
        const expected = (neg ? '-' : '') + s.slice(0, -6) + '.' + s.slice(-6);
        expect(formatFloat(neg ? -x : x)).toBe(expected);
      }),
      { numRuns: propertyRuns(2000) },
    );
  });
});

describe('text-stream forms', () => {
  it('escapes every byte other than 0x20..0x7E and LF as \\xHH, lowercase', () => {
    const all = Array.from({ length: 256 }, (_, i) => i);
    const s = escapeTextBytes(all);
    let expected = '';
    for (const c of all) expected += (c >= 0x20 && c <= 0x7e) || c === 10 ? String.fromCharCode(c) : '\\x' + c.toString(16).padStart(2, '0');
    expect(s).toBe(expected);
    expect(escapeTextBytes([0xab, 0x0d])).toBe('\\xab\\x0d');
  });

  it('print_bytesil, debug_print, print_state layouts', () => {
    expect(formatByteSil(0x7c)).toBe('ByteSil(rho=-1, theta=12)\n');
    expect(formatDebug(0xf0)).toBe('[DEBUG] R0: rho=7, theta=0\n');
    const st = formatState(Uint8Array.from({ length: 16 }, (_, i) => i * 16 + (15 - i)));
    expect(st.split('\n')[1]).toBe('  L0: rho= -8, theta=15');
    expect(st.split('\n')[9]).toBe('  L8: rho= +0, theta= 7');
    expect(st.split('\n')[16]).toBe('  LF: rho= +7, theta= 0');
    expect(st.endsWith('\n')).toBe(true);
    expect(st.split('\n').length).toBe(18);
  });
});
