// A checking caller for AAPCS64 functions of the compiled-program signature `uint32_t (state, tables)`, built
// with the DSL and run natively. `call(state, tables, fn)` saves what its own caller needs, then:
//   - sets FPCR, x18, x19..x28 and d8..d15 to the values in the io block's inputs;
//   - records sp, x29, FPCR (read back after setting it) and the 192 bytes of its own frame (frame record
//     x29/x30 at [sp], the saved registers above it), then `blr fn` with x0 = state, x1 = tables;
//   - records the same registers, sp, x29, FPCR and frame bytes again, plus x0;
//   - puts sp and its frame back from the copies made before the call (so a callee that broke them is
//     reported instead of crashing the process), restores its caller's registers and FPCR and returns x0.
// The io block (a BigUint64Array at a fixed address, embedded in the code) is read from JS after each call:
// `violations()` names every register or frame word that differs. What AAPCS64 requires of the callee:
// x19..x28, x29, sp and the low 64 bits of v8..v15 preserved, and FPCR's rounding/flush/default-NaN controls
// preserved (the "callee-saved" status bits of FPCR, AAPCS64 6.1.2). x18 is the platform register: Linux lets
// a function use it, Apple platforms reserve it; the A64 backend never touches it (src/jit/a64/regs.ts: scratch
// x0..x17), so it is checked too.
import koffi from 'koffi';
import { Assembler } from '../../dsl/assembler.js';
import '../../src/arch/a64/index.js';
import { D, X } from '../../src/arch/a64/registers.js';
import { nativeFunction, type NativeFunction } from '../../src/exec/index.js';

/** io slots (64-bit words). */
const IN_X = 0; // x19..x28
const IN_D = 10; // d8..d15
const IN_FPCR = 18;
const IN_X18 = 19;
const OUT_X = 20;
const OUT_D = 30;
const OUT_FPCR = 38;
const OUT_X18 = 39;
const SP_BEFORE = 40;
const SP_AFTER = 41;
const X29_BEFORE = 42;
const X29_AFTER = 43;
const RESULT = 44;
const FPCR_BEFORE = 45;
const FRAME_BEFORE = 48;
const FRAME_AFTER = 72;
const FRAME_WORDS = 24; // 192 bytes
const SLOTS = FRAME_AFTER + FRAME_WORDS;

type Call = (state: number, tables: number, fn: bigint) => number;

export class AbiTrampoline {
  /** Inputs and outputs of the last call, at a fixed native address. */
  readonly io = new BigUint64Array(new ArrayBuffer(SLOTS * 8));
  private readonly fn: NativeFunction<Call>;

  constructor() {
    const io = BigInt(koffi.address(this.io) as bigint | number);
    const a = new Assembler('a64');
    const ioAddress = (): void => {
      a.dynasm`
    movz x9, #${Number(io & 0xffffn)}
    movk x9, #${Number((io >> 16n) & 0xffffn)}, lsl #16
    movk x9, #${Number((io >> 32n) & 0xffffn)}, lsl #32
    movk x9, #${Number((io >> 48n) & 0xffffn)}, lsl #48`;
    };
    const copyFrame = (toSlot: number): void => {
      for (let i = 0; i < FRAME_WORDS; i++) a.dynasm`
    ldr x10, [sp, #${8 * i}]
    str x10, [x9, #${8 * (toSlot + i)}]`;
    };
    a.dynasm`
    stp x29, x30, [sp, #-192]!
    mov x29, sp
    stp x19, x20, [sp, #16]
    stp x21, x22, [sp, #32]
    stp x23, x24, [sp, #48]
    stp x25, x26, [sp, #64]
    stp x27, x28, [sp, #80]
    stp d8, d9, [sp, #96]
    stp d10, d11, [sp, #112]
    stp d12, d13, [sp, #128]
    stp d14, d15, [sp, #144]
    mrs x9, fpcr
    str x9, [sp, #160]
    str x18, [sp, #168]
    movz x9, #0xa5a5
    str x9, [sp, #176]
    str x9, [sp, #184]`;
    ioAddress();
    a.dynasm`
    ldr x10, [x9, #${8 * IN_FPCR}]
    msr fpcr, x10
    mrs x10, fpcr
    str x10, [x9, #${8 * FPCR_BEFORE}]
    ldr x18, [x9, #${8 * IN_X18}]`;
    for (let i = 0; i < 10; i++) a.dynasm`ldr ${X(19 + i)}, [x9, #${8 * (IN_X + i)}]`;
    for (let i = 0; i < 8; i++) a.dynasm`ldr ${D(8 + i)}, [x9, #${8 * (IN_D + i)}]`;
    a.dynasm`
    mov x10, sp
    str x10, [x9, #${8 * SP_BEFORE}]
    str x29, [x9, #${8 * X29_BEFORE}]`;
    copyFrame(FRAME_BEFORE);
    a.dynasm`
    blr x2`;
    ioAddress();
    a.dynasm`
    str x0, [x9, #${8 * RESULT}]
    mrs x10, fpcr
    str x10, [x9, #${8 * OUT_FPCR}]
    str x18, [x9, #${8 * OUT_X18}]
    mov x10, sp
    str x10, [x9, #${8 * SP_AFTER}]
    str x29, [x9, #${8 * X29_AFTER}]`;
    for (let i = 0; i < 10; i++) a.dynasm`str ${X(19 + i)}, [x9, #${8 * (OUT_X + i)}]`;
    for (let i = 0; i < 8; i++) a.dynasm`str ${D(8 + i)}, [x9, #${8 * (OUT_D + i)}]`;
    a.dynasm`
    ldr x10, [x9, #${8 * SP_BEFORE}]
    mov sp, x10`;
    copyFrame(FRAME_AFTER);
    for (let i = 0; i < FRAME_WORDS; i++) a.dynasm`
    ldr x10, [x9, #${8 * (FRAME_BEFORE + i)}]
    str x10, [sp, #${8 * i}]`;
    a.dynasm`
    ldr x10, [sp, #160]
    msr fpcr, x10
    ldr x18, [sp, #168]
    ldp x19, x20, [sp, #16]
    ldp x21, x22, [sp, #32]
    ldp x23, x24, [sp, #48]
    ldp x25, x26, [sp, #64]
    ldp x27, x28, [sp, #80]
    ldp d8, d9, [sp, #96]
    ldp d10, d11, [sp, #112]
    ldp d12, d13, [sp, #128]
    ldp d14, d15, [sp, #144]
    ldp x29, x30, [sp], #192
    ret`;
    this.fn = nativeFunction<Call>(a.finalize(), 'uint32_t (uint64_t state, uint64_t tables, uint64_t fn)');
  }

  /**
   * Sets the inputs: x19..x28, d8..d15 and x18 to distinct patterns derived from `salt`, FPCR to `fpcr`.
   */
  prepare(salt: bigint, fpcr: number): void {
    const io = this.io;
    io.fill(0n);
    const pattern = (k: number): bigint => (((0x0101_0101_0101_0101n * BigInt(k + 1)) ^ (salt * 0x9e37_79b9_7f4a_7c15n)) & 0xffff_ffff_ffff_ffffn) | 1n;
    for (let i = 0; i < 10; i++) io[IN_X + i] = pattern(i);
    for (let i = 0; i < 8; i++) io[IN_D + i] = pattern(10 + i);
    io[IN_X18] = pattern(18);
    io[IN_FPCR] = BigInt(fpcr);
  }

  /** Calls `fn(state, tables)` through the checks; returns its 32-bit result. */
  call(state: number, tables: number, fn: bigint): number {
    return this.fn.call(state, tables, fn) >>> 0;
  }

  /** FPCR as read back after the trampoline set it (the bits this CPU implements). */
  get fpcrSet(): number {
    return Number(this.io[FPCR_BEFORE]);
  }

  /** What the last callee did not preserve: register names, 'sp', 'x29', 'FPCR', 'frame word N'. */
  violations(): string[] {
    const io = this.io;
    const out: string[] = [];
    for (let i = 0; i < 10; i++) if (io[OUT_X + i] !== io[IN_X + i]) out.push(`x${19 + i}`);
    for (let i = 0; i < 8; i++) if (io[OUT_D + i] !== io[IN_D + i]) out.push(`d${8 + i}`);
    if (io[OUT_X18] !== io[IN_X18]) out.push('x18');
    if (io[OUT_FPCR] !== io[FPCR_BEFORE]) out.push(`FPCR (0x${io[FPCR_BEFORE]!.toString(16)} -> 0x${io[OUT_FPCR]!.toString(16)})`);
    if (io[SP_AFTER] !== io[SP_BEFORE]) out.push(`sp (${io[SP_AFTER]! - io[SP_BEFORE]!})`);
    if (io[X29_AFTER] !== io[X29_BEFORE]) out.push('x29');
    for (let i = 0; i < FRAME_WORDS; i++) if (io[FRAME_AFTER + i] !== io[FRAME_BEFORE + i]) out.push(`frame word ${i}`);
    return out;
  }

  dispose(): void {
    this.fn.dispose();
  }
}
