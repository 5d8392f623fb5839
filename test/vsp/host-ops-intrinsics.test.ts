// SYSCALL intrinsics (spec 8) through runHostInstruction(SYSCALL): every listed id with a hand-checked
// example from the spec's text, the tables against their formulas (plain JS arithmetic), the text-stream
// rules, and the errors bad_syscall, assert_failed and text_full, each leaving the state untouched.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Op } from '../../spec/vsp/opcodes.js';
import { runHostInstruction } from '../../src/vsp/host-ops.js';
import { COS_TABLE, INTRINSIC_BY_ID, INTRINSIC_BY_NAME, INTRINSICS, isTransform, PHASE_DEG, PHASE_RAD, SIN_TABLE } from '../../src/vsp/intrinsics.js';
import { Mode, S, STREAM_LIMIT, VspError } from '../../src/vsp/state-layout.js';
import { VspState } from '../../src/vsp/state.js';
import { propertyRuns } from '../support/runs.js';

const b = (rho: number, theta: number): number => ((rho + 8) << 4) | theta;

function state(regs: number[] = [], mode: Mode = Mode.SIL128, data?: Uint8Array): VspState {
  const r = new Array(16).fill(0);
  regs.forEach((v, i) => (r[i] = v));
  return new VspState().reset({ regs: r, mode, data });
}

function call(st: VspState, id: number, arg = 0): VspError {
  return runHostInstruction(st, Op.SYSCALL, id, arg & 0xff, arg >> 8);
}
const name = (n: string): number => INTRINSIC_BY_NAME.get(n)!.id;
const text = (st: VspState): string => Buffer.from(st.bytes.subarray(S.TEXT, S.TEXT + st.view.getUint32(S.TEXT_LEN, true))).toString('latin1');
const r0After = (regs: number[], n: string): number => {
  const st = state(regs);
  expect(call(st, name(n))).toBe(VspError.none);
  return st.bytes[S.REGS]!;
};
const printed = (st: VspState, n: string, arg = 0): string => {
  expect(call(st, name(n), arg)).toBe(VspError.none);
  return text(st);
};

function expectUnchanged(st: VspState, id: number, err: VspError, arg = 0): void {
  const before = st.bytes.slice();
  expect(call(st, id, arg)).toBe(err);
  expect(Buffer.compare(before, st.bytes)).toBe(0);
}

describe('the intrinsic table (spec 8)', () => {
  it('lists the 46 ids of the spec with their names; transforms are exactly the ids 0x10..0x9F', () => {
    expect(INTRINSICS.length).toBe(46);
    const spec: [number, string][] = [
      [0x00, 'println'], [0x01, 'print_string'], [0x02, 'print_int'], [0x03, 'print_float'], [0x04, 'print_bool'],
      [0x05, 'print_bytesil'], [0x06, 'print_state'], [0x10, 'bytesil_new'], [0x13, 'bytesil_null'], [0x14, 'bytesil_one'],
      [0x15, 'bytesil_i'], [0x16, 'bytesil_neg_one'], [0x17, 'bytesil_neg_i'], [0x18, 'bytesil_max'], [0x19, 'bytesil_mul'],
      [0x1a, 'bytesil_div'], [0x1b, 'bytesil_pow'], [0x1c, 'bytesil_root'], [0x1f, 'bytesil_xor'], [0x20, 'bytesil_mix'],
      [0x21, 'bytesil_rho'], [0x22, 'bytesil_theta'], [0x23, 'bytesil_magnitude'], [0x24, 'bytesil_phase_degrees'],
      [0x25, 'bytesil_phase_radians'], [0x26, 'bytesil_is_null'], [0x29, 'bytesil_norm'], [0x30, 'state_vacuum'],
      [0x31, 'state_neutral'], [0x35, 'state_get_layer'], [0x36, 'state_set_layer'], [0x3a, 'state_collapse'],
      [0x3b, 'state_count_active'], [0x50, 'math_sin'], [0x51, 'math_cos'], [0x53, 'math_sqrt'], [0x57, 'math_abs'],
      [0x90, 'apply_feedback'], [0x91, 'detect_emergence'], [0xe0, 'energy_begin'], [0xe1, 'energy_end_joules'],
      [0xe2, 'energy_end_watts'], [0xe3, 'energy_end_samples_per_joule'], [0xf0, 'debug_print'], [0xf1, 'assert_eq'],
      [0xf2, 'assert_true'],
    ];
    expect(INTRINSICS.map((i) => [i.id, i.name])).toEqual(spec);
    for (const [id, n] of spec) {
      expect(INTRINSIC_BY_ID[id]!.name).toBe(n);
      expect(INTRINSIC_BY_NAME.get(n)!.id).toBe(id);
      expect(isTransform(id)).toBe(id >= 0x10 && id <= 0x9f);
    }
    expect(isTransform(0x11)).toBe(false);
    expect(isTransform(0x114)).toBe(false);
  });

  it('every other id raises bad_syscall and changes nothing', () => {
    let n = 0;
    for (let id = 0; id < 256; id++) {
      if (INTRINSIC_BY_ID[id]) continue;
      n++;
      expectUnchanged(state([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]), id, VspError.bad_syscall, 0x1234);
    }
    expect(n).toBe(256 - 46);
  });
});

describe('ByteSil intrinsics (spec 8)', () => {
  it('constructors and constants', () => {
    expect(r0After([b(3, 1), b(-2, 9)], 'bytesil_new')).toBe(b(3, 9));
    expect(r0After([0x55], 'bytesil_null')).toBe(0x00);
    expect(r0After([0x55], 'bytesil_one')).toBe(0x80);
    expect(r0After([0x55], 'bytesil_i')).toBe(0x84);
    expect(r0After([0x55], 'bytesil_neg_one')).toBe(0x88);
    expect(r0After([0x55], 'bytesil_neg_i')).toBe(0x8c);
    expect(r0After([0x55], 'bytesil_max')).toBe(0xf0);
  });

  it('mul, div saturate rho and wrap theta', () => {
    expect(r0After([b(5, 10), b(4, 9)], 'bytesil_mul')).toBe(b(7, 3));
    expect(r0After([b(-5, 1), b(-6, 2)], 'bytesil_mul')).toBe(b(-8, 3));
    expect(r0After([b(-5, 1), b(6, 2)], 'bytesil_div')).toBe(b(-8, 15));
    expect(r0After([b(2, 3), b(-1, 1)], 'bytesil_div')).toBe(b(3, 2));
  });

  it('pow: n = rho(R1) signed; root: n = max(rho(R1), 1), trunc and floor', () => {
    expect(r0After([b(2, 3), b(3, 0)], 'bytesil_pow')).toBe(b(6, 9));
    expect(r0After([b(2, 3), b(-3, 0)], 'bytesil_pow')).toBe(b(-6, 7)); // theta -9 mod 16 = 7
    expect(r0After([b(-3, 5), b(-8, 0)], 'bytesil_pow')).toBe(b(7, 8)); // rho 24 saturates; theta -40 mod 16 = 8
    expect(r0After([b(-7, 15), b(2, 0)], 'bytesil_root')).toBe(b(-3, 7)); // trunc(-3.5) = -3, floor(7.5) = 7
    expect(r0After([b(-7, 15), b(-4, 0)], 'bytesil_root')).toBe(b(-7, 15)); // n = 1
    expect(r0After([b(7, 15), b(0, 0)], 'bytesil_root')).toBe(b(7, 15));
  });

  it('xor is bxor = a ^ b ^ 0x80; mix averages with trunc and floor', () => {
    expect(r0After([0x12, 0x34], 'bytesil_xor')).toBe(0x12 ^ 0x34 ^ 0x80);
    expect(r0After([b(-3, 5), b(0, 2)], 'bytesil_mix')).toBe(b(-1, 3)); // trunc(-1.5), floor(3.5)
    expect(r0After([b(-8, 15), b(-7, 14)], 'bytesil_mix')).toBe(b(-7, 14));
  });

  it('rho, magnitude and energy_begin do nothing; theta, norm, is_null', () => {
    for (const n of ['bytesil_rho', 'bytesil_magnitude', 'energy_begin']) {
      const st = state([0x37, 0x42]);
      const before = st.bytes.slice();
      expect(call(st, name(n))).toBe(VspError.none);
      expect(Buffer.compare(before, st.bytes)).toBe(0);
    }
    expect(r0After([b(-2, 12)], 'bytesil_theta')).toBe(b(7, 0));
    expect(r0After([b(5, 3)], 'bytesil_theta')).toBe(b(3, 0));
    expect(r0After([b(5, 3)], 'bytesil_norm')).toBe(b(0, 3));
    expect(r0After([0x00], 'bytesil_is_null')).toBe(0x90);
    expect(r0After([0x05], 'bytesil_is_null')).toBe(0x80); // null but not the byte 0x00
    expect(r0After([0x80], 'bytesil_is_null')).toBe(0x80);
  });

  it('PHASE_DEG, PHASE_RAD, SIN and COS are byte(sat(x), 0) of their formulas', () => {
    const sat = (x: number): number => Math.min(7, Math.max(-8, x));
    for (let t = 0; t < 16; t++) {
      expect(PHASE_DEG[t]).toBe(b(sat(Math.trunc((t * 360) / 256)), 0));
      expect(PHASE_RAD[t]).toBe(b(sat(Math.trunc((t * 20 * Math.PI) / 256)), 0));
      // the spec: exactly 0 for SIN at theta 0, 8 and COS at theta 4, 12 (binary64 sin(pi) is 1.2e-16)
      const sin = t % 8 === 0 ? 0 : Math.trunc(127 * Math.sin((t * Math.PI) / 8));
      const cos = t % 8 === 4 ? 0 : Math.trunc(127 * Math.cos((t * Math.PI) / 8));
      expect(SIN_TABLE[t]).toBe(b(sat(sin), 0));
      expect(COS_TABLE[t]).toBe(b(sat(cos), 0));
      expect(r0After([b(-3, t)], 'bytesil_phase_degrees')).toBe(PHASE_DEG[t]);
      expect(r0After([b(-3, t)], 'bytesil_phase_radians')).toBe(PHASE_RAD[t]);
      expect(r0After([b(2, t)], 'math_sin')).toBe(SIN_TABLE[t]);
      expect(r0After([b(2, t)], 'math_cos')).toBe(COS_TABLE[t]);
    }
  });

  it('math_sqrt and math_abs', () => {
    expect(r0After([b(-8, 3)], 'math_sqrt')).toBe(b(2, 0)); // trunc(sqrt(8))
    expect(r0After([b(3, 3)], 'math_sqrt')).toBe(b(1, 0));
    expect(r0After([b(0, 3)], 'math_sqrt')).toBe(b(0, 0));
    expect(r0After([b(-8, 3)], 'math_abs')).toBe(b(7, 3)); // |-8| saturates to 7
    expect(r0After([b(-5, 9)], 'math_abs')).toBe(b(5, 9));
  });
});

describe('state intrinsics (spec 8)', () => {
  it('vacuum, neutral', () => {
    const v = state([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    call(v, name('state_vacuum'));
    expect(Array.from(v.bytes.subarray(0, 16))).toEqual(new Array(16).fill(0));
    call(v, name('state_neutral'));
    expect(Array.from(v.bytes.subarray(0, 16))).toEqual(new Array(16).fill(0x80));
  });

  it('get_layer and set_layer index with rho(R1) & 15 (two\'s complement low nibble)', () => {
    const regs = Array.from({ length: 16 }, (_, i) => 0x10 + i);
    expect(r0After([0x99, b(-1, 0), ...regs.slice(2)], 'state_get_layer')).toBe(regs[15]);
    expect(r0After([0x99, b(-8, 5), ...regs.slice(2)], 'state_get_layer')).toBe(regs[8]);
    expect(r0After([0x99, b(3, 0), ...regs.slice(2)], 'state_get_layer')).toBe(regs[3]);
    const st = state([0x99, b(-3, 0), 0x77]);
    call(st, name('state_set_layer'));
    expect(st.bytes[S.REGS + 13]).toBe(0x77);
    const self = state([0x99, b(1, 0), 0x77]); // index 1: R1 = R2 (the index register itself)
    call(self, name('state_set_layer'));
    expect(self.bytes[S.REGS + 1]).toBe(0x77);
  });

  it('collapse is the bxor chain = XOR of all 16 bytes ^ 0x80; count_active counts bytes other than 0x00', () => {
    const regs = [0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef];
    expect(r0After(regs, 'state_collapse')).toBe(regs.reduce((a, x) => a ^ x, 0) ^ 0x80);
    expect(r0After([0x05, 0, 0x80], 'state_count_active')).toBe(b(2, 0));
    expect(r0After([], 'state_count_active')).toBe(b(0, 0));
    expect(r0After(new Array(16).fill(1), 'state_count_active')).toBe(b(7, 0));
  });

  it('apply_feedback, detect_emergence, energy_end_*', () => {
    const regs = [0x12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x3c];
    expect(r0After(regs, 'apply_feedback')).toBe(0x12 ^ 0x3c ^ 0x80);
    expect(r0After([0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0x42], 'detect_emergence')).toBe(0x90);
    expect(r0After([0x42, 1, 2, 3], 'detect_emergence')).toBe(0x80);
    expect(r0After([0], 'detect_emergence')).toBe(0x90); // R1..RF are 0x00 too
    for (const n of ['energy_end_joules', 'energy_end_watts', 'energy_end_samples_per_joule']) expect(r0After([0x12], n)).toBe(0x80);
  });

  it('no intrinsic touches flags, MODE, data or any register on a failing id', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...INTRINSICS.map((i) => i.id)),
        fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 16, maxLength: 16 }),
        fc.integer({ min: 0, max: 0xffff }),
        (id, regs, arg) => {
          const st = state(regs, Mode.SIL32);
          st.flags = 0x8f;
          const before = st.bytes.slice();
          const err = call(st, id, arg);
          if (err !== VspError.none) expect(Buffer.compare(before, st.bytes)).toBe(0);
          expect(st.flags).toBe(0x8f);
          expect(st.mode).toBe(Mode.SIL32);
          if (INTRINSIC_BY_ID[id]!.transform) expect(st.view.getUint32(S.TEXT_LEN, true)).toBe(0);
        },
      ),
      { numRuns: propertyRuns(300) },
    );
  });
});

describe('print intrinsics (spec 8)', () => {
  it('println, print_bool (rho(R0) != 0: NULL is true, ONE false)', () => {
    expect(printed(state(), 'println')).toBe('\n');
    expect(printed(state([0x00]), 'print_bool')).toBe('true');
    expect(printed(state([0x80]), 'print_bool')).toBe('false');
    expect(printed(state([0x8f]), 'print_bool')).toBe('false');
    expect(printed(state([0x90]), 'print_bool')).toBe('true');
  });

  it('print_string: bytes up to the first 0, escaped, then LF', () => {
    const d = new Uint8Array(0x10000);
    d.set([0x68, 0x69, 0x01, 0x09, 0x0a, 0x5c, 0x22, 0x7e, 0x7f, 0x80, 0xff, 0x20, 0x00, 0x41], 0x300);
    expect(printed(state([], Mode.SIL128, d), 'print_string', 0x300)).toBe('hi\\x01\\x09\n\\"~\\x7f\\x80\\xff \n');
  });

  it('print_string: at most 4,096 data bytes, and not past 0xFFFF', () => {
    const d = new Uint8Array(0x10000).fill(0x41);
    d[0] = 0;
    expect(printed(state([], Mode.SIL128, d), 'print_string', 0x10)).toBe('A'.repeat(4096) + '\n');
    expect(printed(state([], Mode.SIL128, d), 'print_string', 0xfffe)).toBe('AA\n');
    expect(printed(state([], Mode.SIL128, d), 'print_string', 0)).toBe('\n');
  });

  it("print_int: the mode's integer at R0", () => {
    expect(printed(state([b(-8, 3)], Mode.SIL8), 'print_int')).toBe('-8');
    expect(printed(state([b(7, 3)], Mode.SIL8), 'print_int')).toBe('7');
    expect(printed(state([0x00, 0x80], Mode.SIL16), 'print_int')).toBe('-32768');
    expect(printed(state([0xd0, 0x00], Mode.SIL16), 'print_int')).toBe('208');
    expect(printed(state([0xff, 0xff, 0xff, 0x7f], Mode.SIL32), 'print_int')).toBe('2147483647');
    expect(printed(state([0, 0, 0, 0, 0, 0, 0, 0x80], Mode.SIL64), 'print_int')).toBe('-9223372036854775808');
    expect(printed(state([0x12, 0x04, 0xcf, 0x26, 0x6d, 0x71, 0x81, 0x44], Mode.SIL128), 'print_int')).toBe(String(0x4481716d26cf0412n));
  });

  it("print_float: the mode's float at R0 (SIL-8: binary64 e^rho of table 10.3)", () => {
    expect(printed(state([b(1, 9)], Mode.SIL8), 'print_float')).toBe('2.718282');
    expect(printed(state([b(-8, 0)], Mode.SIL8), 'print_float')).toBe('0.000335');
    expect(printed(state([b(7, 0)], Mode.SIL8), 'print_float')).toBe('1096.633158');
    expect(printed(state([0x00, 0x3c], Mode.SIL16), 'print_float')).toBe('1.000000');
    expect(printed(state([0xff, 0x7b], Mode.SIL16), 'print_float')).toBe('65504.000000');
    expect(printed(state([0x00, 0x80], Mode.SIL16), 'print_float')).toBe('-0.000000');
    expect(printed(state([0x00, 0xfc], Mode.SIL16), 'print_float')).toBe('-inf');
    expect(printed(state([0x01, 0x7c], Mode.SIL16), 'print_float')).toBe('NaN');
    expect(printed(state([0x00, 0x00, 0x80, 0x7f], Mode.SIL32), 'print_float')).toBe('inf');
    expect(printed(state([0x00, 0x00, 0x01, 0x3f], Mode.SIL32), 'print_float')).toBe('0.503906'); // 0.50390625
    expect(printed(state([0x00, 0x00, 0x00, 0x3c], Mode.SIL32), 'print_float')).toBe('0.007812'); // 0.0078125: a tie -> even
    const st = state([], Mode.SIL64);
    st.view.setFloat64(S.REGS, 1e22, true);
    expect(printed(st, 'print_float')).toBe('10000000000000000000000.000000');
  });

  it('print_bytesil, debug_print, print_state', () => {
    expect(printed(state([0xc0]), 'print_bytesil')).toBe('ByteSil(rho=4, theta=0)\n');
    expect(printed(state([0x0f]), 'print_bytesil')).toBe('ByteSil(rho=-8, theta=15)\n');
    expect(printed(state([0x5a]), 'debug_print')).toBe('[DEBUG] R0: rho=-3, theta=10\n');
    const regs = [0xd0, 0x00, 0xff, 0x8a, 0x79, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xf5];
    const lines = ['State:', '  L0: rho= +5, theta= 0', '  L1: rho= -8, theta= 0', '  L2: rho= +7, theta=15', '  L3: rho= +0, theta=10', '  L4: rho= -1, theta= 9'];
    for (let i = 5; i < 15; i++) lines.push(`  L${i.toString(16).toUpperCase()}: rho= -8, theta= 0`);
    lines.push('  LF: rho= +7, theta= 5');
    expect(printed(state(regs), 'print_state')).toBe(lines.join('\n') + '\n');
  });
});

describe('assertions and text_full (spec 8, 3.4)', () => {
  it('assert_eq fails when R0 != R1; assert_true when rho(R0) == 0', () => {
    expect(call(state([0x12, 0x12]), name('assert_eq'))).toBe(VspError.none);
    expectUnchanged(state([0x12, 0x13]), name('assert_eq'), VspError.assert_failed);
    expectUnchanged(state([0x80]), name('assert_true'), VspError.assert_failed);
    expectUnchanged(state([0x8f]), name('assert_true'), VspError.assert_failed);
    expect(call(state([0x00]), name('assert_true'))).toBe(VspError.none); // NULL is true
    expect(call(state([0x90]), name('assert_true'))).toBe(VspError.none);
  });

  it('text_full when an append would pass 65,536 bytes; the text stream untouched', () => {
    const at = (len: number, regs: number[] = []): VspState => {
      const st = state(regs);
      st.view.setUint32(S.TEXT_LEN, len, true);
      return st;
    };
    const fits = at(STREAM_LIMIT - 1);
    expect(call(fits, name('println'))).toBe(VspError.none);
    expect(fits.view.getUint32(S.TEXT_LEN, true)).toBe(STREAM_LIMIT);
    expectUnchanged(fits, name('println'), VspError.text_full);
    expectUnchanged(at(STREAM_LIMIT - 4, [0x80]), name('print_bool'), VspError.text_full); // "false" is 5 bytes
    expect(call(at(STREAM_LIMIT - 4, [0x00]), name('print_bool'))).toBe(VspError.none); // "true" fits exactly
    expect(call(at(STREAM_LIMIT - 5, [0x80]), name('print_bool'))).toBe(VspError.none);
    expectUnchanged(at(STREAM_LIMIT - 100), name('print_state'), VspError.text_full);
    // print_string counts the escaped length: one data byte 0x01 is 4 text bytes plus LF
    const d = new Uint8Array(0x10000);
    d[0] = 0x01;
    const s = new VspState().reset({ data: d });
    s.view.setUint32(S.TEXT_LEN, STREAM_LIMIT - 4, true);
    expectUnchanged(s, name('print_string'), VspError.text_full);
    s.view.setUint32(S.TEXT_LEN, STREAM_LIMIT - 5, true);
    expect(call(s, name('print_string'))).toBe(VspError.none);
  });
});
