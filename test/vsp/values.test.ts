// Mode-aware values (spec 6): binary16 conversions against a float-arithmetic oracle written here, the SIL-8
// store rule against its definition, from_complex thresholds against exact ln arithmetic, register access.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Mode } from '../../src/vsp/state-layout.js';
import { VspState } from '../../src/vsp/state.js';
import {
  byteSilToInt,
  f16BitsToNumber,
  f32BitsToNumber,
  floatToInt64,
  fromReal,
  intToByteSil,
  numberToF16Bits,
  numberToF32Bits,
  readFloat,
  readInt,
  regRangeFails,
  sil8StoreInt,
  writeFloat,
  writeInt,
} from '../../src/vsp/values.js';
import { propertyRuns } from '../support/runs.js';
import { f16Round, f16Value } from './helpers.js';

describe('binary16 (spec 6)', () => {
  it('decodes known patterns', () => {
    expect(f16BitsToNumber(0x3c00)).toBe(1);
    expect(f16BitsToNumber(0x7bff)).toBe(65504);
    expect(f16BitsToNumber(0x0001)).toBe(2 ** -24);
    expect(f16BitsToNumber(0x0400)).toBe(2 ** -14);
    expect(f16BitsToNumber(0xc000)).toBe(-2);
    expect(f16BitsToNumber(0x3555)).toBe(0.333251953125);
    expect(Object.is(f16BitsToNumber(0x8000), -0)).toBe(true);
    expect(f16BitsToNumber(0xfc00)).toBe(-Infinity);
    expect(f16BitsToNumber(0x7e01)).toBeNaN();
  });

  it('decodes all 65,536 patterns like the IEEE formula', () => {
    for (let h = 0; h < 65536; h++) {
      const a = f16BitsToNumber(h);
      const b = f16Value(h);
      if (Number.isNaN(b)) expect(a).toBeNaN();
      else expect(Object.is(a, b)).toBe(true);
    }
  });

  it('round-trips every non-NaN pattern and rounds every midpoint to even', () => {
    for (let h = 0; h < 0x7c00; h++) {
      for (const s of [0, 0x8000]) {
        expect(numberToF16Bits(f16BitsToNumber(h | s))).toBe(h | s);
      }
      if (h < 0x7bff) {
        const mid = (f16Value(h) + f16Value(h + 1)) / 2; // exact in binary64
        expect(numberToF16Bits(mid)).toBe(h % 2 === 0 ? h : h + 1);
        expect(numberToF16Bits(-mid)).toBe(0x8000 | (h % 2 === 0 ? h : h + 1));
        const below = mid - Math.abs(mid) * 2 ** -50;
        const above = mid + Math.abs(mid) * 2 ** -50;
        expect(numberToF16Bits(below)).toBe(h);
        expect(numberToF16Bits(above)).toBe(h + 1);
      }
    }
    expect(numberToF16Bits(65519.99)).toBe(0x7bff);
    expect(numberToF16Bits(65520)).toBe(0x7c00);
    expect(numberToF16Bits(-1e300)).toBe(0xfc00);
    expect(numberToF16Bits(2 ** -25)).toBe(0); // tie between 0 and the smallest subnormal: even
    expect(numberToF16Bits(2 ** -25 * (1 + 2 ** -52))).toBe(1);
    expect(numberToF16Bits(5e-324)).toBe(0);
    expect(numberToF16Bits(-5e-324)).toBe(0x8000);
    expect(numberToF16Bits(NaN)).toBe(0x7e00);
  });

  it('rounds random binary64 values like the search oracle', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: false }), (x) => {
        expect(numberToF16Bits(x)).toBe(f16Round(x));
      }),
      { numRuns: propertyRuns(20000) },
    );
    fc.assert(
      fc.property(fc.double({ min: -70000, max: 70000 }), (x) => {
        expect(numberToF16Bits(x)).toBe(f16Round(x));
      }),
      { numRuns: propertyRuns(20000) },
    );
  });
});

describe('binary32 (spec 6)', () => {
  it('rounds once and canonicalises NaN', () => {
    expect(numberToF32Bits(1)).toBe(0x3f800000);
    expect(numberToF32Bits(NaN)).toBe(0x7fc00000);
    expect(numberToF32Bits(-0)).toBe(0x80000000);
    expect(f32BitsToNumber(0x3eaaaaab)).toBe(Math.fround(1 / 3));
    expect(numberToF32Bits(1 + 2 ** -24)).toBe(0x3f800000); // tie to even
    expect(numberToF32Bits(1 + 3 * 2 ** -24)).toBe(0x3f800002);
  });
});

describe('SIL-8 rules (spec 6)', () => {
  it('stores integers as byte(sat(s8(v mod 256)), 0)', () => {
    for (let v = -1000; v <= 1000; v++) {
      const low = ((v % 256) + 256) % 256;
      const s = low >= 128 ? low - 256 : low;
      const r = Math.min(7, Math.max(-8, s));
      expect(sil8StoreInt(v)).toBe((r + 8) << 4);
    }
    // the spec's examples: 7 * 7 = 49 stores rho 7, 2^8 stores rho 0, 128 and 148 store rho -8
    expect(sil8StoreInt(49)).toBe(0xf0);
    expect(sil8StoreInt(256)).toBe(0x80);
    expect(sil8StoreInt(128)).toBe(0x00);
    expect(sil8StoreInt(148)).toBe(0x00);
  });

  it('from_complex of reals matches rha(ln |v|) away from the thresholds', () => {
    fc.assert(
      fc.property(fc.double({ min: -3000, max: 3000, noNaN: true }), (v) => {
        const a = Math.abs(v);
        let expected: number;
        if (a < Math.exp(-8)) expected = 0;
        else {
          const l = Math.log(a);
          const frac = l - Math.floor(l);
          if (Math.abs(frac - 0.5) < 1e-9) return; // too close to a threshold for the binary64 oracle
          const rha = l < 0 ? -Math.round(-l) : Math.round(l); // no ties here
          expected = ((Math.min(7, Math.max(-8, rha)) + 8) << 4) | (v < 0 ? 8 : 0);
        }
        expect(fromReal(v)).toBe(expected);
      }),
      { numRuns: propertyRuns(5000) },
    );
    expect(fromReal(NaN)).toBe(0);
    expect(fromReal(Infinity)).toBe(0xf0);
    expect(fromReal(-Infinity)).toBe(0xf8);
    expect(fromReal(-0)).toBe(0);
    expect(fromReal(1)).toBe(0x80);
    expect(fromReal(-1)).toBe(0x88);
  });

  it('CVTI2B thresholds 2, 5, 13, 34, 91, 245, 666 (spec 6)', () => {
    expect(intToByteSil(false, 0)).toBe(0x00);
    expect(intToByteSil(false, 1)).toBe(0x80);
    expect(intToByteSil(true, 1)).toBe(0x88);
    const th = [2, 5, 13, 34, 91, 245, 666];
    th.forEach((t, i) => {
      expect(intToByteSil(false, t - 1)).toBe((i + 8) << 4);
      expect(intToByteSil(false, t)).toBe((i + 9) << 4);
      expect(intToByteSil(true, t)).toBe(((i + 9) << 4) | 8);
    });
    expect(intToByteSil(true, 2 ** 63)).toBe(0xf8);
  });

  it('CVTB2I values trunc(e^rho), negated for theta >= 8', () => {
    for (let b = 0; b < 256; b++) {
      const t = Math.trunc(Math.exp((b >> 4) - 8));
      expect(byteSilToInt(b)).toBe((b & 15) >= 8 ? -t : t);
    }
  });

  it('CVTF2I saturates to int64 and maps NaN to 0', () => {
    expect(floatToInt64(NaN)).toBe(0n);
    expect(floatToInt64(1e300)).toBe(2n ** 63n - 1n);
    expect(floatToInt64(-1e300)).toBe(-(2n ** 63n));
    expect(floatToInt64(-2.9)).toBe(-2n);
    expect(floatToInt64(2 ** 62)).toBe(2n ** 62n);
  });
});

describe('register access (spec 6)', () => {
  it('reads and writes each mode little-endian at unaligned registers', () => {
    const st = new VspState().reset();
    writeInt(st, Mode.SIL64, 3, -2n);
    expect([...st.bytes.subarray(3, 11)]).toEqual([0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    expect(readInt(st, Mode.SIL128, 3)).toBe(-2n);
    writeInt(st, Mode.SIL16, 5, 0x12345n);
    expect([st.bytes[5], st.bytes[6]]).toEqual([0x45, 0x23]);
    expect(readInt(st, Mode.SIL16, 5)).toBe(0x2345n);
    writeInt(st, Mode.SIL32, 0, 3000000000n);
    expect(readInt(st, Mode.SIL32, 0)).toBe(3000000000n - 2n ** 32n);
    writeInt(st, Mode.SIL8, 15, 49n);
    expect(st.bytes[15]).toBe(0xf0);
    expect(readInt(st, Mode.SIL8, 15)).toBe(7n);
    writeFloat(st, Mode.SIL16, 1, 1 / 3);
    expect(st.view.getUint16(1, true)).toBe(0x3555);
    expect(readFloat(st, Mode.SIL16, 1)).toBe(0.333251953125);
    writeFloat(st, Mode.SIL64, 8, NaN);
    expect([...st.bytes.subarray(8, 16)]).toEqual([0, 0, 0, 0, 0, 0, 0xf8, 0x7f]);
    writeFloat(st, Mode.SIL32, 9, NaN);
    expect(st.view.getUint32(9, true)).toBe(0x7fc00000);
    st.bytes[2] = 0x9c; // rho 1, theta 12: SIL-8 float e^1, theta ignored
    expect(readFloat(st, Mode.SIL8, 2)).toBe(2.718281828459045);
  });

  it('reg_range: k + W > 16', () => {
    expect(regRangeFails(Mode.SIL8, 15)).toBe(false);
    expect(regRangeFails(Mode.SIL16, 15)).toBe(true);
    expect(regRangeFails(Mode.SIL16, 14)).toBe(false);
    expect(regRangeFails(Mode.SIL32, 13)).toBe(true);
    expect(regRangeFails(Mode.SIL64, 8)).toBe(false);
    expect(regRangeFails(Mode.SIL128, 9)).toBe(true);
  });
});
