// x86-64 code for the float operations that need SSE (spec 4.4, 6, 12) in SIL-16/32/64, DESCENT (4.6,
// binary32), and the binary16 conversions. MXCSR is 0x1F80 while VSP code runs (set by the prologue): round
// to nearest even, all exceptions masked, no flush to zero, no denormals-are-zero. No fused multiply-add.
// Canonical NaNs: x86 produces a negative "indefinite" NaN (0xFFF8...) for an invalid operation and passes
// an input NaN's payload through, so every float result is tested (ucomis of itself: PF = unordered) and
// replaced by the canonical quiet NaN. binary32 is computed in binary32 (correctly rounded, the same as
// binary64 then one rounding for + - * / sqrt); binary64 in binary64. binary16 has no SSE support below
// F16C/AVX-512 (spec 12 excludes them): it is widened exactly to binary64 in integer + SSE code, computed in
// binary64 and rounded once to binary16 by the f64ToF16 subroutine (integer round-to-nearest-even for
// normals, cvtsd2si on |x| * 2^24 for subnormals).
import { Op } from '../../../spec/vsp/opcodes.js';
import type { JitInstruction } from '../analysis.js';
import { JitCompileError } from '../backend.js';
import type { X64Context } from './context.js';

/** The width-dependent operations emitFloat compiles for classes 1..3. */
export const FLOAT_OPS: ReadonlySet<number> = new Set([
  Op.ADDFLOAT, Op.SUBFLOAT, Op.MULFLOAT, Op.DIVFLOAT, Op.SQRTFLOAT, Op.FLOORFLOAT, Op.CEILFLOAT,
  Op.CMPFLOAT, Op.CVTI2F, Op.CVTF2I,
]);

/**
 * xmm0 / xmm1 = the binary16 at Rk as binary64, exactly: the 15 magnitude bits shifted into a binary64's
 * exponent and fraction fields (exponent e, fraction m << 42) and scaled by 2^1008, which gives
 * (1.m) * 2^(e - 15) for normals and m * 2^-24 for subnormals (a binary64 subnormal times 2^1008; MXCSR has
 * DAZ = 0). Infinities and NaNs (e = 31) get the all-ones exponent first and stay what they are. Clobbers
 * rax, rcx, rdx, rsi, xmm2.
 */
function loadH(c: X64Context, r: number, d: 0 | 1): void {
  c.a.dynasm`
    movzx eax, ${c.w(r)}
    mov ecx, eax
    and ecx, 0x7fff
    and eax, 0x8000
    shl rax, 48
    shl rcx, 42
    or rax, rcx
    mov rdx, 0x7ff0000000000000
    or rdx, rax
    mov rsi, 0x01f0000000000000
    cmp rcx, rsi
    cmovae rax, rdx
    mov rcx, 0x7ef0000000000000
    movq xmm2, rcx`;
  if (d === 0) c.a.dynasm`
    movq xmm0, rax
    mulsd xmm0, xmm2`;
  else c.a.dynasm`
    movq xmm1, rax
    mulsd xmm1, xmm2`;
}

/** Stores xmm0 (binary64) as binary16 at Rk: one rounding, canonical NaN (f64ToF16). */
function storeH(c: X64Context, r: number): void {
  c.a.dynasm`
    call ${c.r.f64ToF16}
    mov ${c.w(r)}, ax`;
}

/** Stores xmm0 as binary32 at Rk with the canonical NaN. */
function storeS(c: X64Context, r: number): void {
  c.a.dynasm`
    movd eax, xmm0
    ucomiss xmm0, xmm0
    mov ecx, 0x7fc00000
    cmovp eax, ecx
    mov ${c.d(r)}, eax`;
}

/** Stores xmm0 as binary64 at Rk with the canonical NaN. */
function storeD(c: X64Context, r: number): void {
  c.a.dynasm`
    movq rax, xmm0
    ucomisd xmm0, xmm0
    mov rcx, 0x7ff8000000000000
    cmovp rax, rcx
    mov ${c.q(r)}, rax`;
}

/** xmm0 (d = 0) or xmm1 (d = 1) = the operand at Rk as binary64, exactly. */
function loadAsDouble(c: X64Context, k: 1 | 2 | 3, r: number, d: 0 | 1): void {
  if (k === 1) loadH(c, r, d);
  else if (k === 2) {
    if (d === 0) c.a.dynasm`
    movd xmm0, ${c.d(r)}
    cvtss2sd xmm0, xmm0`;
    else c.a.dynasm`
    movd xmm1, ${c.d(r)}
    cvtss2sd xmm1, xmm1`;
  } else if (d === 0) c.a.dynasm`movq xmm0, ${c.q(r)}`;
  else c.a.dynasm`movq xmm1, ${c.q(r)}`;
}

/** A float operation of spec 4.4 in SIL-16 (k 1), SIL-32 (2) or SIL-64/128 (3). */
export function emitFloat(c: X64Context, ins: JitInstruction, k: 1 | 2 | 3): void {
  const a = c.a;
  const ra = ins.b1 & 15;
  const rb = ins.b1 >> 4;
  const op = ins.op;
  switch (op) {
    case Op.ADDFLOAT:
    case Op.SUBFLOAT:
    case Op.MULFLOAT:
    case Op.DIVFLOAT:
      if (k === 2) {
        a.dynasm`
    movd xmm0, ${c.d(ra)}
    movd xmm1, ${c.d(rb)}`;
        if (op === Op.ADDFLOAT) a.dynasm`addss xmm0, xmm1`;
        else if (op === Op.SUBFLOAT) a.dynasm`subss xmm0, xmm1`;
        else if (op === Op.MULFLOAT) a.dynasm`mulss xmm0, xmm1`;
        else a.dynasm`divss xmm0, xmm1`;
        storeS(c, ra);
      } else if (k === 3) {
        a.dynasm`
    movq xmm0, ${c.q(ra)}
    movq xmm1, ${c.q(rb)}`;
        if (op === Op.ADDFLOAT) a.dynasm`addsd xmm0, xmm1`;
        else if (op === Op.SUBFLOAT) a.dynasm`subsd xmm0, xmm1`;
        else if (op === Op.MULFLOAT) a.dynasm`mulsd xmm0, xmm1`;
        else a.dynasm`divsd xmm0, xmm1`;
        storeD(c, ra);
      } else {
        loadH(c, ra, 0);
        loadH(c, rb, 1);
        if (op === Op.ADDFLOAT) a.dynasm`addsd xmm0, xmm1`;
        else if (op === Op.SUBFLOAT) a.dynasm`subsd xmm0, xmm1`;
        else if (op === Op.MULFLOAT) a.dynasm`mulsd xmm0, xmm1`;
        else a.dynasm`divsd xmm0, xmm1`;
        storeH(c, ra);
      }
      return;
    case Op.SQRTFLOAT:
    case Op.FLOORFLOAT:
    case Op.CEILFLOAT:
      if (k === 2) {
        a.dynasm`movd xmm0, ${c.d(ra)}`;
        if (op === Op.SQRTFLOAT) a.dynasm`sqrtss xmm0, xmm0`;
        else if (op === Op.FLOORFLOAT) a.dynasm`roundss xmm0, xmm0, 9`;
        else a.dynasm`roundss xmm0, xmm0, 10`;
        storeS(c, ra);
      } else {
        loadAsDouble(c, k, ra, 0);
        if (op === Op.SQRTFLOAT) a.dynasm`sqrtsd xmm0, xmm0`;
        else if (op === Op.FLOORFLOAT) a.dynasm`roundsd xmm0, xmm0, 9`;
        else a.dynasm`roundsd xmm0, xmm0, 10`;
        if (k === 1) storeH(c, ra);
        else storeD(c, ra);
      }
      return;
    case Op.CMPFLOAT:
      // A, B exactly as binary64; Z = (A == B or |A - B| < 2^-52), N = A < B, both false when unordered
      // (UCOMISD sets ZF = PF = CF = 1 then, so PF masks both).
      loadAsDouble(c, k, ra, 0);
      loadAsDouble(c, k, rb, 1);
      a.dynasm`
    ucomisd xmm0, xmm1
    sete al
    setb cl
    setnp dl
    and al, dl
    and cl, dl
    subsd xmm0, xmm1
    movq rsi, xmm0
    btr rsi, 63
    movq xmm0, rsi
    mov rsi, 0x3cb0000000000000
    movq xmm1, rsi
    ucomisd xmm0, xmm1
    setb dl
    setnp sil
    and dl, sil
    or al, dl
    add cl, cl
    or al, cl
    and r14b, 0xfc
    or r14b, al`;
      return;
    case Op.CVTI2F:
      // the integer rounded once to the mode's float (binary16 through an exact binary64)
      if (k === 1) {
        a.dynasm`
    movsx eax, ${c.w(ra)}
    cvtsi2sd xmm0, eax`;
        storeH(c, ra);
      } else if (k === 2) a.dynasm`
    cvtsi2ss xmm0, ${c.d(ra)}
    movd ${c.d(ra)}, xmm0`;
      else a.dynasm`
    cvtsi2sd xmm0, ${c.q(ra)}
    movq ${c.q(ra)}, xmm0`;
      return;
    case Op.CVTF2I:
      // truncate, saturate to int64, NaN gives 0; then wrap to the mode's width. CVTT*2SI returns
      // 0x8000000000000000 for NaN and out-of-range values: then NaN gives 0 and a positive value MAX
      // (a negative one keeps MIN, which is also the right answer for exactly -2^63).
      if (k === 2) a.dynasm`
    movd xmm0, ${c.d(ra)}
    cvttss2si rax, xmm0
    mov rcx, 0x8000000000000000
    cmp rax, rcx
    jne 1f
    xorps xmm1, xmm1
    ucomiss xmm0, xmm1
    jp 2f
    jb 1f
    dec rax
    jmp 1f
  2:
    xor eax, eax
  1:`;
      else {
        loadAsDouble(c, k, ra, 0);
        a.dynasm`
    cvttsd2si rax, xmm0
    mov rcx, 0x8000000000000000
    cmp rax, rcx
    jne 1f
    xorpd xmm1, xmm1
    ucomisd xmm0, xmm1
    jp 2f
    jb 1f
    dec rax
    jmp 1f
  2:
    xor eax, eax
  1:`;
      }
      if (k === 1) a.dynasm`mov ${c.w(ra)}, ax`;
      else if (k === 2) a.dynasm`mov ${c.d(ra)}, eax`;
      else a.dynasm`mov ${c.q(ra)}, rax`;
      return;
  }
  throw new JitCompileError(`the x64 backend has no SSE code for ${ins.info.mnemonic}`, ins.pc);
}

/**
 * The f64ToF16 subroutine (called with `call`; binary64 in xmm0 -> binary16 bits in eax, sign included):
 * NaN gives 0x7e00; |x| >= 2^-14 rounds the binary64 pattern to 10 fraction bits (round to nearest even by
 * adding 2^41 - 1 plus the kept LSB, a carry moving into the exponent) and rebiases, anything at or above
 * the infinity pattern becoming 0x7c00; |x| < 2^-14 (subnormals, zero) is |x| * 2^24 (exact) rounded to an
 * integer under MXCSR's round-to-nearest-even, which is the subnormal's pattern (1024 = the smallest normal).
 * Clobbers rcx, rdx, xmm0, xmm1.
 */
export function emitF64ToF16(c: X64Context): void {
  c.a.dynasm`
  ${c.r.f64ToF16}:
    movq rax, xmm0
    mov rdx, rax
    shr rdx, 48
    and edx, 0x8000
    btr rax, 63
    mov rcx, 0x7ff0000000000000
    cmp rax, rcx
    ja 3f
    mov rcx, 0x3f10000000000000
    cmp rax, rcx
    jb 2f
    mov rcx, rax
    shr rcx, 42
    and ecx, 1
    add rax, rcx
    mov rcx, 0x1ffffffffff
    add rax, rcx
    shr rax, 42
    sub eax, 0xfc000
    mov ecx, 0x7c00
    cmp eax, ecx
    cmova eax, ecx
    or eax, edx
    ret
  2:
    movq xmm0, rax
    mov rcx, 0x4170000000000000
    movq xmm1, rcx
    mulsd xmm0, xmm1
    cvtsd2si eax, xmm0
    or eax, edx
    ret
  3:
    mov eax, 0x7e00
    ret`;
}

/**
 * DESCENT (spec 4.6): with a gradient, in binary32: lr = f32(imm) / 255, p = lr * g[a], v = f32(ra) - p, each
 * rounded separately (no FMA); clamp to [-8, 7], truncate; Ra = byte(v, ta). A NaN v gives rho -8 (what the
 * reference's trunc(NaN) + 8 << 4 produces).
 */
export function emitDescent(c: X64Context, ins: JitInstruction): void {
  const ra = ins.b1 & 15;
  c.a.dynasm`
    cmp dword ptr [rbx + 0x44], 0
    je 3f
    movzx esi, ${c.b(ra)}
    mov eax, ${ins.b2}
    cvtsi2ss xmm2, eax
    mov eax, 255
    cvtsi2ss xmm3, eax
    divss xmm2, xmm3
    mulss xmm2, dword ptr [rbx + ${0x80 + 4 * ra}]
    mov eax, esi
    shr eax, 4
    sub eax, 8
    cvtsi2ss xmm4, eax
    subss xmm4, xmm2
    xor ecx, ecx
    ucomiss xmm4, xmm4
    jp 2f
    mov eax, 0xc1000000
    movd xmm5, eax
    maxss xmm4, xmm5
    mov eax, 0x40e00000
    movd xmm5, eax
    minss xmm4, xmm5
    cvttss2si ecx, xmm4
    add ecx, 8
    shl ecx, 4
  2:
    and esi, 15
    or ecx, esi
    mov ${c.b(ra)}, cl
  3:`;
}
