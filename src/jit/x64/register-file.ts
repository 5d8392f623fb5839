// The x86-64 register file strategy of RegisterHomes (homes.ts; docs/jit-x64.md, "Register caching"): the
// whole 16-byte VSP register file lives in two host registers while compiled code runs, R0..R7 in r8 and
// R8..RF in r9 (R[k] is bits 8(k mod 8) .. 8(k mod 8)+7 of its half), so that a program may read the same
// bytes as ByteSils and as a SIL-128 integer without going through memory (a narrow store followed by a
// wider load of the same bytes cannot be forwarded and stalls; units cannot avoid it, cache.ts).
//
// ByteSil registers other than R0 and R8 are not addressable as bytes of r8/r9, so they are worked on in four
// byte slots (r10, r11, r15, rbp): `mov slot, half; ror slot, 8(k mod 8)` puts R[k] in the slot's low byte, the
// template reads and writes that byte, and the slot stays "dirty" until its value is needed elsewhere. The
// write-back (`and half, ~mask; or half, byte << shift`, several slots of a half at once) is deferred:
//   - to an access of a wider value that overlaps it (the wide value is then read from the half);
//   - to every point where other code arrives or leaves: a label (settle(true): nothing is known about the
//     slots after it), a branch or an exit that does not go through a stub (settle(false)), the end of each
//     case of a run-time MODE switch;
//   - and into each cold exit stub, which writes back what was dirty when it was created (exitFlush).
// Wider values at offset 0 or 8 are operands of the halves themselves (r8, r9d, r9w, ...), except a written
// dword (a 32-bit write would clear the upper half); other wider values are extracted into a slot for the
// instruction and, when written, inserted back right after it. Whole-file instructions (and the few whose
// operands overlap each other at different widths, whose templates may read after writing) use memory: the
// halves are stored before them and reloaded after.
//
// Templates use rax, rcx, rdx, rsi, rdi as scratch; the code here uses rax, rcx and rdx, only between
// templates (and in LOOP's early branch, syncIn, where nothing is live).
import type { Assembler } from '../../../dsl/assembler.js';
import { Op } from '../../../spec/vsp/opcodes.js';
import type { X64Value } from '../../arch/x64/values.js';
import { R16, R32, R64, R8 } from '../../arch/x64/registers.js';
import type { JitInstruction } from '../analysis.js';
import { ModeUse, modeUse } from '../compiler.js';
import { acc, accesses, ALL, loadUnits, maskOf, memOperand, storeUnits, undeclared, WIDTHS, WRITES } from './cache.js';
import type { HomeUnit, RegisterHomes } from './homes.js';

/** The halves: R0..R7 in r8, R8..RF in r9 (HOME_REGS[0] and [1]). */
const HALF_REGS = [8, 9] as const;
/** The slots: r10, r11, r15, rbp. */
const SLOT_REGS = [10, 11, 15, 5] as const;
const SLOTS = SLOT_REGS.length;

/** Operands by size index: [si][half] and [si][slot]. */
const HALF_OPS: X64Value[][] = [R8, R16, R32, R64].map((f) => HALF_REGS.map((n) => f(n)));
const SLOT_OPS: X64Value[][] = [R8, R16, R32, R64].map((f) => SLOT_REGS.map((n) => f(n)));
const HALF_UNITS: readonly HomeUnit[] = [
  { k: 0, si: 3, home: 0 },
  { k: 8, si: 3, home: 1 },
];

/** No slot / a slot holding an instruction's wide value for that instruction only. */
const FREE = -1;
const TEMP = -2;

/**
 * The masks that keep some bytes of a half, by pattern (bit i: keep byte i), made once: the sign-extended
 * imm32 of `and reg64, imm32` when there is one, else the 64-bit value (through rdx).
 */
const KEEP_IMM: (number | null)[] = [];
const KEEP_BIG: bigint[] = [];
for (let p = 0; p < 256; p++) {
  let m = 0n;
  for (let i = 0; i < 8; i++) if ((p & (1 << i)) !== 0) m |= 0xffn << BigInt(8 * i);
  const signed = BigInt.asIntN(64, m);
  KEEP_IMM.push(signed >= -(1n << 31n) && signed < 1n << 31n ? Number(signed) : null);
  KEEP_BIG.push(m);
}

/** `and reg64, mask` keeping the bytes of pattern `keep` (an imm32 when the mask sign-extends from one, else through rdx). */
function andKeep(a: Assembler<'x64'>, reg: X64Value, keep: number): void {
  const imm = KEEP_IMM[keep & 255]!;
  if (imm !== null) a.dynasm`and ${reg}, ${imm}`;
  else a.dynasm`
    mov rdx, ${KEEP_BIG[keep & 255]!}
    and ${reg}, rdx`;
}

export class RegisterFile implements RegisterHomes {
  readonly units = HALF_UNITS;
  private readonly a: Assembler<'x64'>;
  /** Per slot: the packed access it holds (a byte, or TEMP), or FREE; whether its value is newer than the half's; last use. */
  private readonly slotAcc = new Int32Array(SLOTS).fill(FREE);
  private readonly slotDirty = new Uint8Array(SLOTS);
  private readonly slotUsed = new Int32Array(SLOTS);
  private clock = 0;
  /** Slots the current instruction uses (not to be evicted). */
  private pinned = 0;
  /** The state at the start of a run-time MODE switch. */
  private readonly savedAcc = new Int32Array(SLOTS);
  private readonly savedDirty = new Uint8Array(SLOTS);
  private readonly savedVer = new Int32Array(SLOTS);
  private readonly savedHalfVer = new Int32Array(2);
  /**
   * Versions: each write to a half gives it a new number; a byte slot records the number of its half when
   * it was extracted, and while they agree the slot is that half rotated, with only its low byte possibly
   * changed, so `mov half, slot; rol half, shift` writes it back. (ror/rol, not BMI2's rorx: the backend
   * keeps to the baseline of spec 12, x86-64 with CMOV and SSE up to SSE4.1.)
   */
  private readonly halfVer = new Int32Array(2);
  private readonly slotVer = new Int32Array(SLOTS).fill(-1);
  private version = 0;
  /** VSP register per slot, for insertBytes. */
  private readonly ks = new Int32Array(SLOTS);

  // the current instruction: distinct accesses, which are written, their operands and slots
  private readonly buf = new Int32Array(8);
  private n = 0;
  private readonly accs = new Int32Array(8);
  private written = 0;
  private readonly slotOf = new Int8Array(8);
  private readonly opnd: (X64Value | null)[] = new Array<X64Value | null>(64).fill(null);
  private readonly opStamp = new Int32Array(64);
  private stamp = 1;
  /** The instruction runs on memory (whole-file, or overlapping operands of different widths). */
  private memory = false;
  private allowAll = false;
  private pc = -1;
  private mnemonic = '';

  constructor(a: Assembler<'x64'>) {
    this.a = a;
  }

  operand(k: number, si: number): X64Value {
    const p = acc(k, si);
    if (this.memory) {
      if (!this.allowAll && this.opStamp[p] !== this.stamp) throw undeclared(this.mnemonic, this.pc, k, si);
      return memOperand(k, si);
    }
    if (this.opStamp[p] !== this.stamp) throw undeclared(this.mnemonic, this.pc, k, si);
    return this.opnd[p]!;
  }

  before(ins: JitInstruction, mode: number | null): void {
    this.stamp++;
    this.pc = ins.pc;
    this.mnemonic = ins.info.mnemonic;
    const raw = accesses(ins, mode, this.buf);
    if (raw === ALL) {
      this.toMemory(true);
      return;
    }
    // distinct accesses (GATHER names Ra twice; ADD R1, R1 too), written if any instance is
    let n = 0;
    let written = 0;
    for (let j = 0; j < raw; j++) {
      const p = this.buf[j]! & ~WRITES;
      let i = 0;
      while (i < n && this.accs[i] !== p) i++;
      if (i === n) this.accs[n++] = p;
      if ((this.buf[j]! & WRITES) !== 0) written |= 1 << i;
    }
    this.n = n;
    this.written = written;
    for (let i = 0; i < n; i++) this.opStamp[this.accs[i]!] = this.stamp;
    if (overlapsItself(ins, this.accs, n)) {
      this.toMemory(false);
      return;
    }
    this.memory = false;
    this.pinned = 0;
    // 1. accesses whose bytes no dirty slot holds (read from the halves as they are), 2. the write-back of
    // the dirty slots inside the wide accesses, 3. those wide accesses
    let flush = 0;
    let later = 0;
    for (let i = 0; i < n; i++) this.slotOf[i] = -1;
    for (let i = 0; i < n; i++) {
      const p = this.accs[i]!;
      const overlap = p >> 4 === 0 ? 0 : this.dirtyIn(maskOf(p));
      if (overlap === 0) this.stage(i);
      else {
        flush |= overlap;
        later |= 1 << i;
      }
    }
    if (flush !== 0) {
      this.writeBack(flush);
      for (let i = 0; i < n; i++) if ((later & (1 << i)) !== 0) this.stage(i);
    }
  }

  after(): void {
    if (this.memory) {
      loadUnits(this.a, HALF_UNITS, 3);
      this.touch(0);
      this.touch(1);
      this.memory = false;
      this.allowAll = false;
      this.stamp++;
      return;
    }
    this.emitWrites(false);
    for (let i = 0; i < this.n; i++) {
      const p = this.accs[i]!;
      const s = this.slotOf[i]!;
      const wr = (this.written & (1 << i)) !== 0;
      if (p >> 4 === 0) {
        if (wr && s >= 0) this.slotDirty[s] = 1;
        else if (wr) this.touch((p & 15) >> 3); // R0 or R8, written in place
        continue;
      }
      if (s >= 0) this.slotAcc[s] = FREE;
      if (wr) this.touch((p & 15) >> 3);
      // the bytes a written wide value covers are no longer what byte slots hold (none was dirty: before())
      if (wr) this.forget(maskOf(p));
    }
    for (let i = 0; i < this.n; i++) this.opnd[this.accs[i]!] = null;
    this.pinned = 0;
    this.stamp++;
  }

  get syncing(): number {
    if (this.memory) return 3;
    for (let i = 0; i < this.n; i++) if ((this.written & (1 << i)) !== 0 && this.slotOf[i]! >= 0) return 1;
    return 0;
  }

  syncIn(): void {
    if (this.memory) loadUnits(this.a, HALF_UNITS, 3);
    else this.emitWrites(true);
  }

  settle(forget: boolean): void {
    let dirty = 0;
    for (let s = 0; s < SLOTS; s++) if (this.slotDirty[s] !== 0) dirty |= 1 << s;
    if (dirty !== 0) this.writeBack(dirty);
    if (forget) this.slotAcc.fill(FREE);
  }

  /** The dirty slots and the registers they hold: 5 bits per slot (1, then k). */
  exitFlush(): number {
    let f = 0;
    for (let s = 0; s < SLOTS; s++) if (this.slotDirty[s] !== 0) f |= (16 | (this.slotAcc[s]! & 15)) << (5 * s);
    return f;
  }

  emitExitFlush(flush: number): void {
    for (let h = 0; h < 2; h++) {
      let slots = 0;
      for (let s = 0; s < SLOTS; s++) {
        const e = (flush >> (5 * s)) & 31;
        if (e !== 0 && (e & 15) >> 3 === h) {
          slots |= 1 << s;
          this.ks[s] = e & 15;
        }
      }
      if (slots !== 0) this.insertBytes(h, slots, false);
    }
  }

  beginSwitch(): void {
    this.savedAcc.set(this.slotAcc);
    this.savedDirty.set(this.slotDirty);
    this.savedVer.set(this.slotVer);
    this.savedHalfVer.set(this.halfVer);
  }

  nextCase(): void {
    this.settle(false);
    this.slotAcc.set(this.savedAcc);
    this.slotDirty.set(this.savedDirty);
    this.slotVer.set(this.savedVer);
    this.halfVer.set(this.savedHalfVer);
  }

  endSwitch(): void {
    this.settle(true);
  }

  // ---- internals

  /** Whole-file code, or operands overlapping each other: halves (and dirty slots) to memory around it. */
  private toMemory(all: boolean): void {
    this.settle(true);
    storeUnits(this.a, HALF_UNITS, 3);
    this.memory = true;
    this.allowAll = all;
    this.n = 0;
  }

  /** The dirty slots holding a byte inside byte mask m. */
  private dirtyIn(m: number): number {
    let d = 0;
    for (let s = 0; s < SLOTS; s++) {
      if (this.slotDirty[s] !== 0 && (m & (1 << (this.slotAcc[s]! & 15))) !== 0) d |= 1 << s;
    }
    return d;
  }

  /** Drops the (clean) byte slots inside byte mask m. */
  private forget(m: number): void {
    for (let s = 0; s < SLOTS; s++) {
      const p = this.slotAcc[s]!;
      if (p >= 0 && (m & (1 << (p & 15))) !== 0) this.slotAcc[s] = FREE;
    }
  }

  /** Makes the operand of access i (emitting its extraction when it needs a slot). */
  private stage(i: number): void {
    const a = this.a;
    const p = this.accs[i]!;
    const k = p & 15;
    const si = p >> 4;
    const h = k >> 3;
    const shift = (k & 7) * 8;
    if (si === 0) {
      if (shift === 0) {
        this.opnd[p] = HALF_OPS[0]![h]!;
        return;
      }
      let s = this.slotAcc.indexOf(p);
      if (s < 0) {
        s = this.allocate();
        a.dynasm`
    mov ${SLOT_OPS[3]![s]!}, ${HALF_OPS[3]![h]!}
    ror ${SLOT_OPS[3]![s]!}, ${shift}`;
        this.slotAcc[s] = p;
        this.slotDirty[s] = 0;
        this.slotVer[s] = this.halfVer[h]!;
      }
      this.use(s, i);
      this.opnd[p] = SLOT_OPS[0]![s]!;
      return;
    }
    const wr = (this.written & (1 << i)) !== 0;
    const crossing = (k & 7) + WIDTHS[si]! > 8;
    if (!crossing && shift === 0 && !(si === 2 && wr)) {
      this.opnd[p] = HALF_OPS[si]![h]!;
      return;
    }
    const s = this.allocate();
    const slot = SLOT_OPS[3]![s]!;
    if (!crossing) {
      a.dynasm`mov ${slot}, ${HALF_OPS[3]![h]!}`;
      if (shift !== 0) a.dynasm`ror ${slot}, ${shift}`;
    } else {
      a.dynasm`
    mov ${slot}, r8
    shr ${slot}, ${shift}
    mov rax, r9
    shl rax, ${64 - shift}
    or ${slot}, rax`;
    }
    this.slotAcc[s] = TEMP;
    this.slotDirty[s] = 0;
    this.slotVer[s] = -1;
    this.use(s, i);
    this.opnd[p] = SLOT_OPS[si]![s]!;
  }

  private use(s: number, i: number): void {
    this.slotOf[i] = s;
    this.pinned |= 1 << s;
    this.slotUsed[s] = ++this.clock;
  }

  /** A slot for the current instruction: a free one, else the least recently used unpinned one (written back first when dirty). */
  private allocate(): number {
    let best = -1;
    for (let s = 0; s < SLOTS; s++) {
      if ((this.pinned & (1 << s)) !== 0) continue;
      if (this.slotAcc[s] === FREE) return s;
      if (best < 0 || this.slotUsed[s]! < this.slotUsed[best]!) best = s;
    }
    if (best < 0) throw new Error('register file: no slot left (an instruction uses more than four)');
    if (this.slotDirty[best] !== 0) this.writeBack(1 << best);
    this.slotAcc[best] = FREE;
    return best;
  }

  /** Writes the dirty byte slots in `slots` back into their halves (they stay, clean). */
  private writeBack(slots: number): void {
    for (let h = 0; h < 2; h++) {
      let mine = 0;
      for (let s = 0; s < SLOTS; s++) {
        if ((slots & (1 << s)) === 0 || this.slotDirty[s] === 0) continue;
        const k = this.slotAcc[s]! & 15;
        if (k >> 3 !== h) continue;
        mine |= 1 << s;
        this.ks[s] = k;
      }
      if (mine === 0) continue;
      this.insertBytes(h, mine);
      for (let s = 0; s < SLOTS; s++) if ((mine & (1 << s)) !== 0) this.slotDirty[s] = 0;
    }
  }

  /** A write to half h: the slots' rotated copies of it are out of date. */
  private touch(h: number): void {
    this.halfVer[h] = ++this.version;
  }

  /**
   * Writes the bytes of the slots in `slots` (this.ks[s]: their VSP registers) into half h: one slot by
   * rotating it back when it is still a rotated copy of the half (`rotate`; not in exit stubs, whose state
   * is not the compiler's current one), the others by `and half, ~masks; or half, bytes << shifts`.
   */
  private insertBytes(h: number, slots: number, rotate = true): void {
    const a = this.a;
    const half = HALF_OPS[3]![h]!;
    let rotated = -1;
    if (rotate) {
      for (let s = 0; s < SLOTS; s++) {
        if ((slots & (1 << s)) !== 0 && this.slotVer[s] === this.halfVer[h]) {
          rotated = s;
          break;
        }
      }
    }
    if (rotated >= 0) {
      a.dynasm`
    mov ${half}, ${SLOT_OPS[3]![rotated]!}
    rol ${half}, ${(this.ks[rotated]! & 7) * 8}`;
      slots &= ~(1 << rotated);
    }
    let keep = 255;
    let first = true;
    for (let s = 0; s < SLOTS; s++) {
      if ((slots & (1 << s)) === 0) continue;
      const shift = (this.ks[s]! & 7) * 8;
      keep &= ~(1 << (this.ks[s]! & 7));
      if (first) a.dynasm`
    movzx eax, ${SLOT_OPS[0]![s]!}
    shl rax, ${shift}`;
      else a.dynasm`
    movzx ecx, ${SLOT_OPS[0]![s]!}
    shl rcx, ${shift}
    or rax, rcx`;
      first = false;
    }
    if (!first) {
      andKeep(a, half, keep);
      a.dynasm`or ${half}, rax`;
    }
    if (!rotate) return;
    this.touch(h);
    // the slot rotated back alone is still a rotated copy of the half
    if (rotated >= 0 && slots === 0) this.slotVer[rotated] = this.halfVer[h]!;
  }

  /**
   * Inserts the written wide values of the current instruction (held in slots) back into the halves, and
   * with `bytes` its written byte slots too (which after() leaves dirty instead).
   */
  private emitWrites(bytes: boolean): void {
    const a = this.a;
    for (let i = 0; i < this.n; i++) {
      const s = this.slotOf[i]!;
      if (s < 0 || (this.written & (1 << i)) === 0) continue;
      const p = this.accs[i]!;
      const si = p >> 4;
      if (si === 0) {
        if (!bytes) continue;
        this.ks[s] = p & 15;
        this.insertBytes((p & 15) >> 3, 1 << s);
        continue;
      }
      const k = p & 15;
      const h = k >> 3;
      const shift = (k & 7) * 8;
      const bits = WIDTHS[si]! * 8;
      // rax = the value, zero-extended
      if (si === 1) a.dynasm`movzx eax, ${SLOT_OPS[1]![s]!}`;
      else if (si === 2) a.dynasm`mov eax, ${SLOT_OPS[2]![s]!}`;
      else a.dynasm`mov rax, ${SLOT_OPS[3]![s]!}`;
      // the value's bytes in its half(s)
      const field = ((1 << WIDTHS[si]!) - 1) << (k & 7);
      if (shift + bits <= 64) {
        const half = HALF_OPS[3]![h]!;
        if (shift !== 0) a.dynasm`shl rax, ${shift}`;
        andKeep(a, half, ~field);
        a.dynasm`or ${half}, rax`;
        this.touch(h);
      } else {
        // low part into r8's top bytes, high part into r9's bottom bytes
        a.dynasm`
    mov rcx, rax
    shl rcx, ${shift}`;
        andKeep(a, HALF_OPS[3]![0]!, ~field);
        a.dynasm`
    or r8, rcx
    shr rax, ${64 - shift}`;
        andKeep(a, HALF_OPS[3]![1]!, ~(field >> 8));
        a.dynasm`or r9, rax`;
        this.touch(0);
        this.touch(1);
      }
    }
  }
}

/**
 * Whether an instruction's operands overlap each other at different widths in a way its template may not
 * survive in registers (it could read one after writing the other). The width-dependent integer and float
 * operations read both operands before writing Ra, so their overlaps (SIL-128 R0 and R4) stay in registers;
 * the conversions, which read and write one register at two widths, and SPREAD go through memory.
 */
function overlapsItself(ins: JitInstruction, accs: Int32Array, n: number): boolean {
  if (n < 2) return false;
  const conversion = ins.op === Op.CVTI2B || ins.op === Op.CVTB2I || ins.op === Op.CVTB2F || ins.op === Op.CVTF2B;
  if (modeUse(ins.op) === ModeUse.width && !conversion) return false;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if ((maskOf(accs[i]!) & maskOf(accs[j]!)) !== 0) return true;
    }
  }
  return false;
}
