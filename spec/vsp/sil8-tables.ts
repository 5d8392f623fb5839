// The SIL-8 float tables and the conversion constants of spec section 10 (vsp-isa.md), as data, copied from
// the spec's text. SIL-8 floats are e^rho (theta ignored on load), so every SIL-8 float operation is a finite
// table (spec 6). Engines place these tables in memory (spec 12: lookups into them count as inline code).
// test/vsp/sil8-tables.test.ts checks them against exact arithmetic on the definitions.

/** Parses "80 90 a0 ..." into bytes. */
function hexBytes(text: string): Uint8Array {
  const parts = text.trim().split(/\s+/);
  const out = new Uint8Array(parts.length);
  for (let i = 0; i < parts.length; i++) out[i] = parseInt(parts[i]!, 16);
  return out;
}

/** A 16 x 16 table, row rho(Ra) -8..7, column rho(Rb) -8..7, flattened: index (ra + 8) * 16 + (rb + 8). */
function table16x16(rows: readonly string[]): Uint8Array {
  if (rows.length !== 16) throw new Error('SIL-8 table: expected 16 rows');
  const out = new Uint8Array(256);
  rows.forEach((r, i) => {
    const b = hexBytes(r);
    if (b.length !== 16) throw new Error(`SIL-8 table row ${i - 8}: expected 16 bytes`);
    out.set(b, i * 16);
  });
  return out;
}

/** Binary64 from its 16-hex-digit bit pattern. */
export function f64FromHex(bits: string): number {
  const v = new DataView(new ArrayBuffer(8));
  v.setUint32(0, parseInt(bits.slice(0, 8), 16));
  v.setUint32(4, parseInt(bits.slice(8), 16));
  return v.getFloat64(0);
}

/** Spec 10.1 ADDFLOAT: the result byte at Ra, index (rho(Ra) + 8) * 16 + (rho(Rb) + 8). */
export const SIL8_ADDFLOAT: Uint8Array = table16x16([
  '10 10 20 30 40 50 60 70 80 90 a0 b0 c0 d0 e0 f0', // -8
  '10 20 20 30 40 50 60 70 80 90 a0 b0 c0 d0 e0 f0', // -7
  '20 20 30 30 40 50 60 70 80 90 a0 b0 c0 d0 e0 f0', // -6
  '30 30 30 40 40 50 60 70 80 90 a0 b0 c0 d0 e0 f0', // -5
  '40 40 40 40 50 50 60 70 80 90 a0 b0 c0 d0 e0 f0', // -4
  '50 50 50 50 50 60 60 70 80 90 a0 b0 c0 d0 e0 f0', // -3
  '60 60 60 60 60 60 70 70 80 90 a0 b0 c0 d0 e0 f0', // -2
  '70 70 70 70 70 70 70 80 80 90 a0 b0 c0 d0 e0 f0', // -1
  '80 80 80 80 80 80 80 80 90 90 a0 b0 c0 d0 e0 f0', // 0
  '90 90 90 90 90 90 90 90 90 a0 a0 b0 c0 d0 e0 f0', // 1
  'a0 a0 a0 a0 a0 a0 a0 a0 a0 a0 b0 b0 c0 d0 e0 f0', // 2
  'b0 b0 b0 b0 b0 b0 b0 b0 b0 b0 b0 c0 c0 d0 e0 f0', // 3
  'c0 c0 c0 c0 c0 c0 c0 c0 c0 c0 c0 c0 d0 d0 e0 f0', // 4
  'd0 d0 d0 d0 d0 d0 d0 d0 d0 d0 d0 d0 d0 e0 e0 f0', // 5
  'e0 e0 e0 e0 e0 e0 e0 e0 e0 e0 e0 e0 e0 e0 f0 f0', // 6
  'f0 f0 f0 f0 f0 f0 f0 f0 f0 f0 f0 f0 f0 f0 f0 f0', // 7
]);

/** Spec 10.1 SUBFLOAT: the result byte at Ra, index (rho(Ra) + 8) * 16 + (rho(Rb) + 8). */
export const SIL8_SUBFLOAT: Uint8Array = table16x16([
  '00 18 28 38 48 58 68 78 88 98 a8 b8 c8 d8 e8 f8', // -8
  '10 00 28 38 48 58 68 78 88 98 a8 b8 c8 d8 e8 f8', // -7
  '20 20 00 38 48 58 68 78 88 98 a8 b8 c8 d8 e8 f8', // -6
  '30 30 30 00 48 58 68 78 88 98 a8 b8 c8 d8 e8 f8', // -5
  '40 40 40 40 00 58 68 78 88 98 a8 b8 c8 d8 e8 f8', // -4
  '50 50 50 50 50 00 68 78 88 98 a8 b8 c8 d8 e8 f8', // -3
  '60 60 60 60 60 60 00 78 88 98 a8 b8 c8 d8 e8 f8', // -2
  '70 70 70 70 70 70 70 00 88 98 a8 b8 c8 d8 e8 f8', // -1
  '80 80 80 80 80 80 80 80 00 98 a8 b8 c8 d8 e8 f8', // 0
  '90 90 90 90 90 90 90 90 90 00 a8 b8 c8 d8 e8 f8', // 1
  'a0 a0 a0 a0 a0 a0 a0 a0 a0 a0 00 b8 c8 d8 e8 f8', // 2
  'b0 b0 b0 b0 b0 b0 b0 b0 b0 b0 b0 00 c8 d8 e8 f8', // 3
  'c0 c0 c0 c0 c0 c0 c0 c0 c0 c0 c0 c0 00 d8 e8 f8', // 4
  'd0 d0 d0 d0 d0 d0 d0 d0 d0 d0 d0 d0 d0 00 e8 f8', // 5
  'e0 e0 e0 e0 e0 e0 e0 e0 e0 e0 e0 e0 e0 e0 00 f8', // 6
  'f0 f0 f0 f0 f0 f0 f0 f0 f0 f0 f0 f0 f0 f0 f0 00', // 7
]);

/** Spec 10.1 POWFLOAT: the result byte at Ra, index (rho(Ra) + 8) * 16 + (rho(Rb) + 8). */
export const SIL8_POWFLOAT: Uint8Array = table16x16([
  '80 80 80 80 80 80 70 50 00 00 00 00 00 00 00 00', // -8
  '80 80 80 80 80 80 70 50 10 00 00 00 00 00 00 00', // -7
  '80 80 80 80 80 80 70 60 20 00 00 00 00 00 00 00', // -6
  '80 80 80 80 80 80 70 60 30 00 00 00 00 00 00 00', // -5
  '80 80 80 80 80 80 70 70 40 00 00 00 00 00 00 00', // -4
  '80 80 80 80 80 80 80 70 50 00 00 00 00 00 00 00', // -3
  '80 80 80 80 80 80 80 70 60 30 00 00 00 00 00 00', // -2
  '80 80 80 80 80 80 80 80 70 50 10 00 00 00 00 00', // -1
  '80 80 80 80 80 80 80 80 80 80 80 80 80 80 80 80', // 0
  '80 80 80 80 80 80 80 80 90 b0 f0 f0 f0 f0 f0 f0', // 1
  '80 80 80 80 80 80 80 90 a0 d0 f0 f0 f0 f0 f0 f0', // 2
  '80 80 80 80 80 80 80 90 b0 f0 f0 f0 f0 f0 f0 f0', // 3
  '80 80 80 80 80 80 90 90 c0 f0 f0 f0 f0 f0 f0 f0', // 4
  '80 80 80 80 80 80 90 a0 d0 f0 f0 f0 f0 f0 f0 f0', // 5
  '80 80 80 80 80 80 90 a0 e0 f0 f0 f0 f0 f0 f0 f0', // 6
  '80 80 80 80 80 80 90 b0 f0 f0 f0 f0 f0 f0 f0 f0', // 7
]);

// Spec 10.1 MULFLOAT: byte(sat(ra + rb), 0); DIVFLOAT: byte(sat(ra - rb), 0) (formulas, no table).

/** Spec 10.2 SQRTFLOAT, index rho(Ra) + 8. */
export const SIL8_SQRTFLOAT: Uint8Array = hexBytes('40 40 50 50 60 60 70 70 80 90 90 a0 a0 b0 b0 c0');

/** Spec 10.2 NEGFLOAT, index rho(Ra) + 8. */
export const SIL8_NEGFLOAT: Uint8Array = hexBytes('08 18 28 38 48 58 68 78 88 98 a8 b8 c8 d8 e8 f8');

/** Spec 10.2 ABSFLOAT, index rho(Ra) + 8. */
export const SIL8_ABSFLOAT: Uint8Array = hexBytes('00 10 20 30 40 50 60 70 80 90 a0 b0 c0 d0 e0 f0');

/** Spec 10.2 FLOORFLOAT, index rho(Ra) + 8. */
export const SIL8_FLOORFLOAT: Uint8Array = hexBytes('00 00 00 00 00 00 00 00 80 90 a0 b0 c0 d0 e0 f0');

/** Spec 10.2 CEILFLOAT, index rho(Ra) + 8. */
export const SIL8_CEILFLOAT: Uint8Array = hexBytes('80 80 80 80 80 80 80 80 80 90 a0 b0 c0 d0 e0 f0');

/** Spec 10.2 CVTI2F, index rho(Ra) + 8. */
export const SIL8_CVTI2F: Uint8Array = hexBytes('a8 a8 a8 a8 98 98 98 88 00 80 90 90 90 a0 a0 a0');

/** Spec 10.2 CVTF2I, index rho(Ra) + 8. */
export const SIL8_CVTF2I: Uint8Array = hexBytes('80 80 80 80 80 80 80 80 90 a0 f0 f0 f0 00 00 f0');

/** Spec 10.2 CVTB2I when theta >= 8 (theta < 8 is SIL8_CVTF2I), index rho(Ra) + 8. CVTI2B is SIL8_CVTI2F; CVTB2F and CVTF2B give byte(rho(Ra), 0). */
export const SIL8_CVTB2I_NEG: Uint8Array = hexBytes('80 80 80 80 80 80 80 80 70 60 10 00 00 f0 f0 00');

// Spec 10.3: e^rho correctly rounded, rho -8..7 (index rho + 8): binary64, binary32, binary16 bit patterns, and trunc(e^rho).
export const E_RHO_F64_HEX: readonly string[] = [
  '3f35fc21041027ad',
  '3f4de16b9c24a98f',
  '3f644e51f113d4d6',
  '3f7b993fe00d5376',
  '3f92c155b8213cf4',
  '3fa97db0ccceb0af',
  '3fc152aaa3bf81cc',
  '3fd78b56362cef38',
  '3ff0000000000000',
  '4005bf0a8b145769',
  '401d8e64b8d4ddae',
  '403415e5bf6fb106',
  '404b4c902e273a58',
  '40628d389970338f',
  '407936dc5690c08f',
  '409122885aaeddaa',
];
export const E_RHO_F32_BITS: Uint32Array = Uint32Array.from([
  0x39afe108, 0x3a6f0b5d, 0x3b227290, 0x3bdcc9ff, 0x3c960aae, 0x3d4bed86, 0x3e0a9555, 0x3ebc5ab2, 0x3f800000, 0x402df854, 0x40ec7326, 0x41a0af2e, 0x425a6481, 0x431469c5, 0x43c9b6e3, 0x44891443,
]);
export const E_RHO_F16_BITS: Uint16Array = Uint16Array.from([
  0x0d7f, 0x1378, 0x1914, 0x1ee6, 0x24b0, 0x2a5f, 0x3055, 0x35e3, 0x3c00, 0x4170, 0x4764, 0x4d05, 0x52d3, 0x58a3, 0x5e4e, 0x6449,
]);
export const E_RHO_TRUNC: Int32Array = Int32Array.from([0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 7, 20, 54, 148, 403, 1096]);
/** e^rho as binary64 numbers (index rho + 8). */
export const E_RHO_F64: Float64Array = Float64Array.from(E_RHO_F64_HEX.map(f64FromHex));

/** Spec 10.4: thresholds T(k), the smallest binary64 not below e^(k - 0.5), k = -7..7 (index k + 7): |v| >= T(k) iff rho >= k. */
export const RHO_THRESHOLD_F64_HEX: readonly string[] = [
  '3f421f9ba40f31d5',
  '3f58a1e18a954ffb',
  '3f70bd4a5aca7729',
  '3f86c0504695c418',
  '3f9eec1018e4ff66',
  '3fb50385c094f425',
  '3fcc8f87724b5c1e',
  '3fe368b2fc6f960a',
  '3ffa61298e1e069c',
  '4011ed3fe64fc542',
  '40285d6fd931e0bc',
  '40408ec721396bdc',
  '40568118ade1deab',
  '406e96244f21bbf7',
  '4084c92210816c8a',
];
export const RHO_THRESHOLD_F64: Float64Array = Float64Array.from(RHO_THRESHOLD_F64_HEX.map(f64FromHex));
/** Spec 10.4: the null threshold e^-8 as binary64; |v| below it converts to NULL. */
export const NULL_THRESHOLD_F64_HEX = '3f35fc21041027ad';
export const NULL_THRESHOLD_F64: number = f64FromHex(NULL_THRESHOLD_F64_HEX);

/** Spec 6 CVTI2B: each of 2, 5, 13, 34, 91, 245, 666 that |v| reaches adds one to rho (1 gives rho 0). */
export const CVTI2B_THRESHOLDS: readonly number[] = [2, 5, 13, 34, 91, 245, 666];

/** Spec 4.8 BIT.MEASURE: R0 = MEASURE[theta(Ra)]. */
export const MEASURE: Uint8Array = hexBytes('f0 f0 f0 f0 f0 f0 f0 c0 80 c0 f0 f0 f0 f0 f0 f0');
