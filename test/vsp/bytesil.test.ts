// ByteSil (spec 1, 4.3): the scalar helpers against their definitions over all 65,536 pairs; the exact ADD/SUB
// tables against an independent binary64 evaluation of from_complex(z(a) ± z(b)), whose disagreements must all
// be exact phase ties (spec 4.3) that the table rounds half away from zero; the interpreter's ByteSil opcodes
// against the formulas of section 4.3 over every input.
import { describe, expect, it } from 'vitest';
import { ADD_TABLE, SUB_TABLE } from '../../src/vsp/bytesil-tables.js';
import { bxor, byte, isNull, mod as bmod, mul, rho as brho, s8, sat as bsat, theta as btheta } from '../../src/vsp/bytesil.js';
import { Flag } from '../../src/vsp/state-layout.js';
import { byteOf, enc, Exec1, mod, rho, sat, theta } from './helpers.js';

describe('ByteSil helpers against their definitions (spec 1)', () => {
  it('rho, theta, byte round-trip for all 256 bytes', () => {
    for (let b = 0; b < 256; b++) {
      expect(brho(b)).toBe(Math.floor(b / 16) - 8);
      expect(btheta(b)).toBe(b % 16);
      expect(byte(brho(b), btheta(b))).toBe(b);
      expect(isNull(b)).toBe(Math.floor(b / 16) - 8 === -8);
      expect(s8(b)).toBe(b < 128 ? b : b - 256);
    }
  });

  it('sat and mod for a range of integers', () => {
    for (let x = -600; x <= 600; x++) {
      expect(bsat(x)).toBe(x < -8 ? -8 : x > 7 ? 7 : x);
      for (const m of [16, 7, 256]) {
        const r = bmod(x, m);
        expect(r >= 0 && r < m && (x - r) % m === 0).toBe(true);
      }
    }
  });

  it('bxor and mul over all 65,536 pairs', () => {
    for (let a = 0; a < 256; a++) {
      for (let b = 0; b < 256; b++) {
        // bxor: field-wise, rho_a ^ rho_b as two's complement nibbles, theta_a ^ theta_b
        const rx = ((((rho(a) & 15) ^ (rho(b) & 15)) << 28) >> 28) as number;
        const bx = ((rx + 8) << 4) | (theta(a) ^ theta(b));
        if (bxor(a, b) !== bx) expect(bxor(a, b)).toBe(bx);
        const m = byteOf(sat(rho(a) + rho(b)), mod(theta(a) + theta(b), 16));
        if (mul(a, b) !== m) expect(mul(a, b)).toBe(m);
      }
    }
  });
});

/** from_complex in binary64 (spec 1), independent of the tables: the formula as written. */
function fromComplexF64(re: number, im: number): number {
  const mag = Math.hypot(re, im);
  if (mag < Math.exp(-8)) return 0x00;
  const rha = (x: number): number => (x < 0 ? -Math.round(-x) : Math.round(x)); // Math.round is half-up; on |x| it is half away
  const r = sat(rha(Math.log(mag)));
  let arg = Math.atan2(im, re);
  if (arg < 0) arg += 2 * Math.PI;
  const t = mod(rha((arg * 8) / Math.PI), 16);
  return byteOf(r, t);
}

const z = (b: number): [number, number] => {
  const m = Math.exp(rho(b));
  const a = (theta(b) * Math.PI) / 8;
  return [m * Math.cos(a), m * Math.sin(a)];
};

describe('ADD/SUB tables against binary64 evaluation (spec 4.3)', () => {
  for (const [name, table, sign] of [
    ['ADD', ADD_TABLE, 1],
    ['SUB', SUB_TABLE, -1],
  ] as const) {
    it(`${name}: every disagreement is an exact phase tie, rounded half away from zero by the table`, () => {
      let disagreements = 0;
      for (let a = 0; a < 256; a++) {
        const [ar, ai] = z(a);
        for (let b = 0; b < 256; b++) {
          const [br, bi] = z(b);
          const f = fromComplexF64(ar + sign * br, ai + sign * bi);
          const t = table[a * 256 + b]!;
          if (f === t) continue;
          disagreements++;
          // equal magnitudes, and the second operand's phase (theta b, +8 for SUB) is an odd distance away:
          // the exact sum lies on a half-integer phase, theta = (ta + tb') / 2 or that + 8 (the other bisector).
          const tb = mod(theta(b) + (sign < 0 ? 8 : 0), 16);
          expect(rho(a)).toBe(rho(b));
          expect((theta(a) + tb) % 2).toBe(1);
          // the magnitude is not at a tie: rho agrees; only theta differs, by one step
          expect(rho(t)).toBe(rho(f));
          expect(Math.min(mod(theta(t) - theta(f), 16), mod(theta(f) - theta(t), 16))).toBe(1);
          // the exact phase: the bisector of the two angles on the side of the shorter arc
          const d = mod(tb - theta(a), 16); // odd, 1..15
          const half = theta(a) + d / 2 + (d > 8 ? 8 : 0); // a half-integer in steps of pi/8
          expect(theta(t)).toBe(mod(Math.floor(half) + 1, 16)); // half away from zero (phases are >= 0)
        }
      }
      // the spec: "about 550 ADD and 750 SUB entries" wrong in binary64 (the count depends on the evaluation;
      // here 614 and 757)
      expect(disagreements).toBeGreaterThan(300);
      expect(disagreements).toBeLessThan(2000);
    });
  }
});

const ZNO = Flag.Z | Flag.N | Flag.O;
function flagsOf(r: number, a: number, before: number): number {
  let f = (before & ~ZNO) | (rho(r) === -8 ? Flag.Z : 0) | (rho(r) < 0 ? Flag.N : 0) | (rho(r) === 7 || rho(r) === -8 ? Flag.O : 0);
  if (a === 15 && rho(r) === -8) f |= Flag.C;
  return f;
}

describe('ByteSil opcodes in the interpreter over every input (spec 4.3)', () => {
  const rr: [string, (x: number, y: number) => number][] = [
    ['MUL', (x, y) => byteOf(sat(rho(x) + rho(y)), mod(theta(x) + theta(y), 16))],
    ['DIV', (x, y) => byteOf(sat(rho(x) - rho(y)), mod(theta(x) - theta(y), 16))],
    ['ADD', (x, y) => ADD_TABLE[x * 256 + y]!],
    ['SUB', (x, y) => SUB_TABLE[x * 256 + y]!],
  ];
  for (const [m, f] of rr) {
    it(`${m} R1, R2 and ${m} RF, R2 over all 65,536 pairs, flags(Ra) with C for RF`, () => {
      for (const a of [1, 15]) {
        const ex = new Exec1(enc(m, a, 2));
        const regs = new Uint8Array(16);
        for (let x = 0; x < 256; x++) {
          for (let y = 0; y < 256; y++) {
            regs[a] = x;
            regs[2] = y;
            const st = ex.run(regs, Flag.M);
            const r = f(x, y);
            if (st.bytes[a] !== r || st.flags !== flagsOf(r, a, Flag.M)) {
              expect([x, y, st.bytes[a], st.flags]).toEqual([x, y, r, flagsOf(r, a, Flag.M)]);
            }
          }
        }
      }
    });
  }

  const ri: [string, (x: number, n: number) => number, boolean][] = [
    ['POW', (x, n) => byteOf(sat(rho(x) * n), mod(theta(x) * n, 16)), true],
    ['ROOT', (x, n) => (n === 0 ? 0x80 : byteOf(Math.trunc(rho(x) / n), Math.floor(theta(x) / n))), true],
    ['SCALE', (x, n) => byteOf(sat(rho(x) + (n < 128 ? n : n - 256)), theta(x)), true],
    ['ROTATE', (x, n) => byteOf(rho(x), mod(theta(x) + n, 16)), false],
  ];
  for (const [m, f, setsFlags] of ri) {
    it(`${m} R3, imm over all 256 x 256 (register, imm)`, () => {
      const regs = new Uint8Array(16);
      for (let n = 0; n < 256; n++) {
        const ex = new Exec1(enc(m, 3, n));
        for (let x = 0; x < 256; x++) {
          regs[3] = x;
          const st = ex.run(regs, 0);
          const r = f(x, n);
          const fl = setsFlags ? flagsOf(r, 3, 0) : 0;
          if (st.bytes[3] !== r || st.flags !== fl) expect([x, n, st.bytes[3], st.flags]).toEqual([x, n, r, fl]);
        }
      }
    });
  }

  const unary: [string, (x: number) => number, boolean][] = [
    ['INV', (x) => byteOf(sat(-rho(x)), mod(16 - theta(x), 16)), true],
    ['CONJ', (x) => byteOf(rho(x), mod(16 - theta(x), 16)), false],
    ['MAG', (x) => byteOf(rho(x), 0), false],
    ['PHASE', (x) => byteOf(0, theta(x)), false],
  ];
  for (const [m, f, setsFlags] of unary) {
    it(`${m} over all 256 bytes, in RF too`, () => {
      for (const a of [4, 15]) {
        const ex = new Exec1(enc(m, a));
        const regs = new Uint8Array(16);
        for (let x = 0; x < 256; x++) {
          regs[a] = x;
          const st = ex.run(regs, Flag.O);
          const r = f(x);
          expect(st.bytes[a]).toBe(r);
          expect(st.flags).toBe(setsFlags ? flagsOf(r, a, Flag.O) : Flag.O);
        }
      }
    });
  }

  it('complex-number facts on the named values (spec 1): i*i = -1, 1 + (-1) = 0, 1/i = -i, conj(i) = -i, 1 + 1 = 2, i + i = 2i', () => {
    const one = (m: string, x: number, y: number): number => {
      const r = new Uint8Array(16);
      r[0] = x;
      r[1] = y;
      return new Exec1(enc(m, 0, 1)).run(r).bytes[0]!;
    };
    const I = 0x84, ONE = 0x80, NEG_ONE = 0x88, NEG_I = 0x8c;
    expect(one('MUL', I, I)).toBe(NEG_ONE);
    expect(one('ADD', ONE, NEG_ONE)).toBe(0x00); // exactly 0: NULL
    expect(one('SUB', I, I)).toBe(0x00);
    expect(one('DIV', ONE, I)).toBe(NEG_I);
    expect(one('INV', I, 0)).toBe(NEG_I);
    expect(one('CONJ', I, 0)).toBe(NEG_I);
    expect(one('ADD', ONE, ONE)).toBe(0x90); // 2 = e^0.69: rho 1
    expect(one('ADD', I, I)).toBe(0x94); // 2i
    expect(one('MUL', NEG_I, NEG_I)).toBe(NEG_ONE);
    expect(one('ADD', 0xf0, 0xf0)).toBe(0xf0); // 2 e^7 saturates at rho 7
  });

  it('examples from the text: NULL + NULL = 0x10, INV of rho -8 saturates to 7 (spec 1, 4.3, 13.6)', () => {
    const ex = new Exec1(enc('ADD', 0, 1));
    expect(ex.run(new Uint8Array(16)).bytes[0]).toBe(0x10);
    const inv = new Exec1(enc('INV', 0));
    expect(inv.run([0x03, ...new Array(15).fill(0)]).bytes[0]).toBe(0xfd); // rho 7, theta (16 - 3) mod 16
  });
});
