// The register-caching variant of the A64 backend (BackendOptions.cacheRegisters, issue item 5): VSP
// register bytes read by one instruction stay in host registers w0..w7 for the next instructions of the same
// straight-line run, and whole-register-file operations use NEON (one 128-bit register holds R0..RF).
//
// The cache is write-through: every write still stores to the state block, so the block is exact at every
// exit (budget, errors, host exits, C stops) without flushing. It is a compile-time map (VSP register ->
// host register) that is dropped wherever control can arrive from elsewhere (every labelled instruction: branch
// targets, entries, return points), around MODE switches, and after every instruction that is not
// cache-aware (they may write registers through memory).
import type { Assembler } from '../../../dsl/assembler.js';
import { Op } from '../../../spec/vsp/opcodes.js';
import { W, type Reg } from '../../arch/a64/registers.js';
import type { JitInstruction } from '../analysis.js';
import type { A64Context } from './context.js';
import { flagsRa } from './ops.js';

const SLOTS = 8;

/** The compile-time map of cached register bytes (slots are w0..w7). */
export class ByteCache {
  private readonly of = new Int8Array(16).fill(-1);
  private readonly who = new Int8Array(SLOTS).fill(-1);
  private next = 0;
  private pinned = 0;
  /** Register reads served from a host register / loaded (statistics). */
  hits = 0;
  loads = 0;

  constructor(private readonly a: Assembler<'a64'>) {}

  /** Forgets every cached byte (control may arrive here with other contents). */
  clear(): void {
    this.of.fill(-1);
    this.who.fill(-1);
  }

  /** Ends an instruction: its slots may be reused. */
  unpin(): void {
    this.pinned = 0;
  }

  private victim(): number {
    for (let k = 0; k < SLOTS; k++) {
      const s = (this.next + k) % SLOTS;
      if ((this.pinned & (1 << s)) === 0) {
        this.next = (s + 1) % SLOTS;
        return s;
      }
    }
    throw new Error('ByteCache: every slot is pinned');
  }

  private bind(r: number, s: number): void {
    const old = this.who[s]!;
    if (old >= 0) this.of[old] = -1;
    const prev = this.of[r]!;
    if (prev >= 0 && prev !== s) this.who[prev] = -1;
    this.of[r] = s;
    this.who[s] = r;
  }

  /** The host register holding R[r] (loaded on a miss); pinned until unpin(). */
  get(r: number): Reg {
    let s = this.of[r]!;
    if (s < 0) {
      s = this.victim();
      this.bind(r, s);
      this.a.dynasm`ldrb ${W(s)}, [x19, #${r}]`;
      this.loads++;
    } else this.hits++;
    this.pinned |= 1 << s;
    return W(s);
  }

  /** R[r] was just stored from w9: keep the value in a slot (the slot R[r] had, if any). */
  wroteW9(r: number): void {
    let s = this.of[r]!;
    if (s < 0) s = this.victim();
    this.a.dynasm`mov ${W(s)}, w9`;
    this.bind(r, s);
    this.pinned |= 1 << s;
  }

  /** R[r] changed in memory in a way the cache does not follow. */
  forget(r: number): void {
    const s = this.of[r]!;
    if (s >= 0) {
      this.who[s] = -1;
      this.of[r] = -1;
    }
  }

  /** XCHG: the two registers' values traded places. */
  swap(r: number, q: number): void {
    const sr = this.of[r]!;
    const sq = this.of[q]!;
    this.of[r] = sq;
    this.of[q] = sr;
    if (sr >= 0) this.who[sr] = q;
    if (sq >= 0) this.who[sq] = r;
  }
}

/** Stores w9 to Ra with flags(Ra), then caches it. */
function storeFlagsCached(c: A64Context, cache: ByteCache, a: number): void {
  c.a.dynasm`strb w9, [x19, #${a}]`;
  flagsRa(c, a);
  cache.wroteW9(a);
}

/**
 * Emits a cache-aware instruction and returns true, or returns false (the caller emits the plain code and
 * clears the cache).
 */
export function emitCached(c: A64Context, cache: ByteCache, ins: JitInstruction): boolean {
  const a = c.a;
  const ra = ins.b1 & 15;
  const rb = ins.b1 >> 4;
  const imm = ins.b2;
  switch (ins.op) {
    case Op.MOV: {
      const x = cache.get(rb);
      a.dynasm`strb ${x}, [x19, #${ra}]`;
      if (ra !== rb) cache.forget(ra);
      return true;
    }
    case Op.MOVI:
      a.dynasm`
    movz w9, #${(Math.min(7, Math.max(-8, (imm << 24) >> 24)) + 8) << 4}
    strb w9, [x19, #${ra}]`;
      cache.wroteW9(ra);
      return true;
    case Op.XCHG: {
      const x = cache.get(ra);
      const y = cache.get(rb);
      a.dynasm`
    strb ${y}, [x19, #${ra}]
    strb ${x}, [x19, #${rb}]`;
      if (ra !== rb) cache.swap(ra, rb);
      return true;
    }
    case Op.MUL: {
      const x = cache.get(ra);
      const y = cache.get(rb);
      a.dynasm`
    lsr w11, ${x}, #4
    add w11, w11, ${y}, lsr #4
    add w11, w11, #0x690 // SAT_RHO + 16
    ldrb w11, [x22, w11, uxtw]
    add w12, ${x}, ${y}
    and w12, w12, #15
    orr w9, w11, w12`;
      storeFlagsCached(c, cache, ra);
      return true;
    }
    case Op.DIV: {
      const x = cache.get(ra);
      const y = cache.get(rb);
      a.dynasm`
    lsr w11, ${x}, #4
    sub w11, w11, ${y}, lsr #4
    add w11, w11, #0x6a0 // SAT_RHO + 32
    ldrb w11, [x22, w11, uxtw]
    sub w12, ${x}, ${y}
    and w12, w12, #15
    orr w9, w11, w12`;
      storeFlagsCached(c, cache, ra);
      return true;
    }
    case Op.ADD:
    case Op.SUB: {
      const x = cache.get(ra);
      const y = cache.get(rb);
      a.dynasm`orr w11, ${y}, ${x}, lsl #8`;
      if (ins.op === Op.SUB) a.dynasm`orr w11, w11, #0x10000`;
      a.dynasm`ldrb w9, [x20, x11]`;
      storeFlagsCached(c, cache, ra);
      return true;
    }
    case Op.XORL:
    case Op.ANDL:
    case Op.ORL: {
      const x = cache.get(ra);
      const y = cache.get(rb);
      if (ins.op === Op.XORL) a.dynasm`eor w9, ${x}, ${y}`;
      else if (ins.op === Op.ANDL) a.dynasm`and w9, ${x}, ${y}`;
      else a.dynasm`orr w9, ${x}, ${y}`;
      a.dynasm`
    and w9, w9, #0xff
    strb w9, [x19, #${ra}]`;
      cache.wroteW9(ra);
      return true;
    }
    case Op.NOTL: {
      const x = cache.get(ra);
      a.dynasm`
    mvn w9, ${x}
    and w9, w9, #0xff
    strb w9, [x19, #${ra}]`;
      cache.wroteW9(ra);
      return true;
    }
    case Op.MAG: {
      const x = cache.get(ra);
      a.dynasm`
    and w9, ${x}, #0xf0
    strb w9, [x19, #${ra}]`;
      cache.wroteW9(ra);
      return true;
    }
    case Op.PHASE: {
      const x = cache.get(ra);
      a.dynasm`
    and w9, ${x}, #15
    orr w9, w9, #0x80
    strb w9, [x19, #${ra}]`;
      cache.wroteW9(ra);
      return true;
    }
    case Op.CONJ: {
      const x = cache.get(ra);
      a.dynasm`
    and w11, ${x}, #0xf0
    neg w12, ${x}
    and w12, w12, #15
    orr w9, w11, w12
    strb w9, [x19, #${ra}]`;
      cache.wroteW9(ra);
      return true;
    }
    case Op.ROTATE: {
      const x = cache.get(ra);
      a.dynasm`
    add w12, ${x}, #${imm & 15}
    and w12, w12, #15
    and w11, ${x}, #0xf0
    orr w9, w11, w12
    strb w9, [x19, #${ra}]`;
      cache.wroteW9(ra);
      return true;
    }
    case Op.BIT_H:
    case Op.BIT_X:
    case Op.BIT_Z:
    case Op.BIT_COLLAPSE:
    case Op.BIT_NORM: {
      const x = cache.get(ra);
      a.dynasm`mov w9, ${x}`;
      flagsRa(c, ra);
      return true;
    }
    case Op.COLLAPSE: {
      const x = cache.get(ra);
      a.dynasm`
    strb ${x}, [x19, #15]
    cmp ${x}, #0x10
    cset w10, lo
    orr w23, w23, w10, lsl #3`;
      if (ra !== 15) cache.forget(15);
      return true;
    }
    case Op.LOAD: {
      const addr = ins.b2 | (ins.b3 << 8);
      if (addr < 4096) a.dynasm`ldrb w9, [x26, #${addr}]`;
      else a.dynasm`
    movz w10, #${addr}
    ldrb w9, [x26, x10]`;
      a.dynasm`strb w9, [x19, #${ra}]`;
      cache.wroteW9(ra);
      return true;
    }
    case Op.STORE: {
      const addr = ins.b2 | (ins.b3 << 8);
      const x = cache.get(ra);
      if (addr < 4096) a.dynasm`strb ${x}, [x26, #${addr}]`;
      else a.dynasm`
    movz w10, #${addr}
    strb ${x}, [x26, x10]`;
      return true;
    }
    case Op.PUSH: {
      a.dynasm`
    cmp w24, #256
    b.eq 81b // stack_overflow`;
      const x = cache.get(ra);
      a.dynasm`
    add x10, x19, #0x100
    strb ${x}, [x10, w24, uxtw]
    add w24, w24, #1`;
      return true;
    }
    case Op.POP:
      a.dynasm`
    cbz w24, 82b // stack_underflow
    sub w24, w24, #1
    add x10, x19, #0x100
    ldrb w9, [x10, w24, uxtw]
    strb w9, [x19, #${ra}]`;
      cache.wroteW9(ra);
      return true;
    case Op.IN:
      a.dynasm`
    ldrb w9, [x19, #${0xa00 + imm}]
    strb w9, [x19, #${ra}]`;
      cache.wroteW9(ra);
      return true;
    case Op.OUT: {
      const x = cache.get(ra);
      a.dynasm`strb ${x}, [x19, #${0xa00 + imm}]`;
      return true;
    }
  }
  return false;
}

/**
 * Whole-register-file operations on NEON (the cache is cleared after them by the caller): v0 holds R0..RF.
 * Returns false for other opcodes.
 */
export function emitNeon(c: A64Context, ins: JitInstruction): boolean {
  const a = c.a;
  switch (ins.op) {
    case Op.SHIFTL:
      // O when RF is not null; R[i] = R[i-1], R0 = NULL: a byte shift of the 16-byte vector
      a.dynasm`
    ldr q0, [x19]
    umov w9, v0.b[15]
    cmp w9, #0x10
    cset w10, hs
    orr w23, w23, w10, lsl #2
    movi v1.2d, #0
    ext v0.16b, v1.16b, v0.16b, #15
    str q0, [x19]`;
      return true;
    case Op.ROTATL:
      a.dynasm`
    ldr q0, [x19]
    ext v0.16b, v0.16b, v0.16b, #15
    str q0, [x19]`;
      return true;
    case Op.FOLD:
      // R[i] = R[i] ^ R[i+8] ^ 0x80 for i < 8
      a.dynasm`
    ldr q0, [x19]
    ext v1.16b, v0.16b, v0.16b, #8
    eor v0.8b, v0.8b, v1.8b
    movi v1.8b, #0x80
    eor v0.8b, v0.8b, v1.8b
    str d0, [x19]`;
      return true;
    case Op.SPREAD:
      a.dynasm`
    ldrb w9, [x19, #${ins.b1 & 15}]
    dup v0.8b, w9
    str s0, [x19, #${ins.b1 & 12}]`;
      return true;
    case Op.LSTATE:
    case Op.SSTATE: {
      const addr = ins.b1 | (ins.b2 << 8) | (ins.b3 << 16);
      a.dynasm`movz w10, #${addr}`;
      if (ins.op === Op.LSTATE) a.dynasm`
    ldr q0, [x26, x10]
    str q0, [x19]`;
      else a.dynasm`
    ldr q0, [x19]
    str q0, [x26, x10]`;
      return true;
    }
  }
  return false;
}
