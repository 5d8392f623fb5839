// The x86-64 register cache (compile option cacheRegisters; docs/jit-x64.md): a few VSP register values live
// in host registers ("homes") for the whole run of the compiled function instead of in the state block.
//
// A unit is a value of width 1, 2, 4 or 8 bytes at a VSP register offset (a ByteSil R5, an int32 at R4, a
// binary64 at R8, ...); the units of a program do not overlap, and each has one home: r8, r9, r10, r11,
// r15 or rbp (registers no template uses as scratch). Every template reads and writes VSP registers through
// operands (X64Context.b/w/d/q): an access of exactly a unit's offset and width gets the home register, any
// other gets memory [rbx + k]. Correctness does not depend on which units are chosen:
//   - the prologue loads every home from the block; every exit routine stores every home back (so the block
//     is complete whenever compiled code is not running, for host instructions, errors and the caller);
//   - an instruction whose footprint (accesses(), below) touches a unit other than exactly (a wider value,
//     a narrower one, a whole-file operation) stores that unit to the block before it and reloads it after
//     (the "sync"), and uses memory for it in between;
//   - the footprints are checked while compiling: a template asking for an operand its instruction did not
//     declare is a JitCompileError (so an incomplete footprint cannot go unnoticed in the tests).
// Which units are chosen is a heuristic: exact accesses, weighted by loop nesting, minus the syncs they cost.
// Programs that access the same bytes at several widths get the whole register file instead
// (prefersRegisterFile, register-file.ts); the footprints here serve both strategies (homes.ts).
import type { Assembler } from '../../../dsl/assembler.js';
import { Op } from '../../../spec/vsp/opcodes.js';
import type { X64Value } from '../../arch/x64/values.js';
import { Mem, mem } from '../../arch/x64/mem.js';
import { R16, R32, R64, R8, rbx } from '../../arch/x64/registers.js';
import type { JitInstruction, ProgramAnalysis } from '../analysis.js';
import { JitCompileError } from '../backend.js';
import { ModeUse, modeUse } from '../compiler.js';
import type { HomeUnit, RegisterHomes } from './homes.js';

/** Register numbers of the homes: r8, r9, r10, r11, r15, rbp. */
export const HOME_REGS: readonly number[] = [8, 9, 10, 11, 15, 5];

/** Size index si: 0 byte, 1 word, 2 dword, 3 qword (width 1 << si). */
export const WIDTHS = [1, 2, 4, 8] as const;

/** [rbx + k] of each size, made once (index si * 16 + k). */
const MEM_OPS: Mem[] = [];
for (const f of [mem.byte, mem.word, mem.dword, mem.qword]) for (let k = 0; k < 16; k++) MEM_OPS.push(f(rbx, k));

/** The home registers by size (index si * HOME_REGS.length + h). */
const HOME_OPS: X64Value[] = [];
for (const f of [R8, R16, R32, R64]) for (const n of HOME_REGS) HOME_OPS.push(f(n));

/** Packs an access: offset k (0..15) and size index si. */
export const acc = (k: number, si: number): number => k | (si << 4);
/** accesses() of an instruction that works on the whole register file. */
export const ALL = -1;

/** Width class of a MODE for the width-dependent operations: 0 SIL-8, 1 SIL-16, 2 SIL-32, 3 SIL-64/128. */
function clsOf(mode: number): number {
  return mode >= 3 ? 3 : mode;
}

/** Flag of a packed access that the instruction writes (without it, the instruction only reads the value). */
export const WRITES = 64;
const W = WRITES;

/**
 * The VSP register values instruction `ins` reads or writes in MODE `mode` (null when its code does not
 * depend on MODE), as packed accesses into `out` (acc(k, si), | WRITES for those it writes); returns their
 * count, or -1 (ALL) for an instruction that works on the whole register file. Host instructions and
 * instructions without register operands: 0. An access marked written that is only read costs a
 * write-back (register-file.ts); the reverse would lose a result, so only what a template surely never
 * writes is unmarked.
 */
export function accesses(ins: JitInstruction, mode: number | null, out: Int32Array): number {
  const ra = ins.b1 & 15;
  const rb = ins.b1 >> 4;
  if (ins.info.host) return 0;
  if (modeUse(ins.op) === ModeUse.width) {
    const si = clsOf(mode ?? 3);
    switch (ins.op) {
      case Op.CVTI2B:
      case Op.CVTB2I:
      case Op.CVTB2F:
      case Op.CVTF2B:
        out[0] = acc(ra, 0) | W;
        if (si === 0) return 1;
        out[1] = acc(ra, si) | W;
        return 2;
    }
    const compare = ins.op === Op.CMPINT || ins.op === Op.TESTINT || ins.op === Op.CMPFLOAT;
    out[0] = acc(ra, si) | (compare ? 0 : W);
    if (ins.info.shape === 'r') return 1;
    out[1] = acc(rb, si);
    return 2;
  }
  switch (ins.op) {
    case Op.SHIFTL:
    case Op.ROTATL:
    case Op.FOLD:
    case Op.LSTATE:
    case Op.SSTATE:
    case Op.DEMOTE:
    case Op.TRUNCATE:
    case Op.XORDEM:
    case Op.AVGDEM:
    case Op.MAXDEM:
      return ALL;
    case Op.XCHG:
      out[0] = acc(ra, 0) | W;
      out[1] = acc(rb, 0) | W;
      return 2;
    case Op.MOV:
    case Op.MUL:
    case Op.DIV:
    case Op.ADD:
    case Op.SUB:
    case Op.XORL:
    case Op.ANDL:
    case Op.ORL:
    case Op.SLERP:
      out[0] = acc(ra, 0) | W;
      out[1] = acc(rb, 0);
      return 2;
    case Op.STORE:
    case Op.PUSH:
    case Op.OUT:
    case Op.BIT_H:
    case Op.BIT_X:
    case Op.BIT_Z:
    case Op.BIT_COLLAPSE:
    case Op.BIT_NORM:
      out[0] = acc(ra, 0);
      return 1;
    case Op.MOVI:
    case Op.LOAD:
    case Op.POP:
    case Op.POW:
    case Op.ROOT:
    case Op.INV:
    case Op.CONJ:
    case Op.MAG:
    case Op.PHASE:
    case Op.SCALE:
    case Op.ROTATE:
    case Op.NOTL:
    case Op.DESCENT:
    case Op.BIT_Y:
    case Op.IN:
      out[0] = acc(ra, 0) | W;
      return 1;
    case Op.LOOP:
      out[0] = acc(12, 0) | W;
      return 1;
    case Op.EMERGE:
      out[0] = acc(11, 0) | W;
      out[1] = acc(12, 0);
      return 2;
    case Op.COLLAPSE:
      out[0] = acc(ra, 0);
      out[1] = acc(15, 0) | W;
      return 2;
    case Op.BIT_ROTQ:
      out[0] = acc(ra, 0) | W;
      out[1] = acc(1, 0);
      return 2;
    case Op.BIT_MEASURE:
      out[0] = acc(ra, 0);
      out[1] = acc(0, 0) | W;
      return 2;
    case Op.SPREAD:
      out[0] = acc(ra, 0);
      out[1] = acc(ra & 12, 2) | W;
      return 2;
    case Op.GATHER: {
      const g = ra & 12;
      for (let i = 0; i < 4; i++) out[i] = acc(g + i, 0);
      out[4] = acc(ra, 0) | W;
      return 5;
    }
  }
  return 0;
}

/** Byte mask of an access (bit i = VSP register i). */
export function maskOf(a: number): number {
  const k = a & 15;
  const w = WIDTHS[a >> 4]!;
  return (((1 << w) - 1) << k) & 0xffff;
}

/** Weight of an instruction inside `depth` nested loops (backward branches around it). */
const LOOP_WEIGHT = 16;

/** A unit: one value in one home. */
export type CacheUnit = HomeUnit;

/** The accesses of a program weighted by loop nesting: per packed access, and of whole-file instructions. */
interface WeightedAccesses {
  /** Total weight of each packed access (without WRITES). */
  readonly exact: Float64Array;
  /** Total weight of the whole-file instructions (accesses() ALL). */
  readonly all: number;
}

/** MODE representatives of the width groups (SIL-8, SIL-16, SIL-32, SIL-64/128) and their MODE bits. */
const WIDTH_GROUP_BITS = [1, 2, 4, 24] as const;

function weighAccesses(an: ProgramAnalysis): WeightedAccesses {
  const insns = an.insns;
  const n = insns.length;
  // loop weights: instructions between a backward branch's target and the branch
  const depth = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const ins = insns[i]!;
    if (ins.target >= 0 && ins.target <= ins.pc) {
      const t = an.index[ins.target]!;
      depth[t]! += 1;
      depth[i + 1]! -= 1;
    }
  }
  const exact = new Float64Array(64);
  let all = 0;
  const buf = new Int32Array(8);
  let d = 0;
  const add = (ins: JitInstruction, mode: number | null, wgt: number): void => {
    const m = accesses(ins, mode, buf);
    if (m === ALL) all += wgt;
    else for (let j = 0; j < m; j++) exact[buf[j]! & ~W]! += wgt;
  };
  for (let i = 0; i < n; i++) {
    d += depth[i]!;
    const ins = insns[i]!;
    const wgt = Math.pow(LOOP_WEIGHT, Math.min(d, 4));
    // the MODE values whose code the instruction gets: one representative per width group, or null
    const use = modeUse(ins.op);
    const modes = ins.modes === 0 ? 0b11111 : ins.modes;
    if (use === ModeUse.none) add(ins, null, wgt);
    else if (use === ModeUse.width) {
      for (let g = 0; g < 4; g++) if ((modes & WIDTH_GROUP_BITS[g]!) !== 0) add(ins, g, wgt);
    } else for (let m = 0; m < 5; m++) if ((modes & (1 << m)) !== 0) add(ins, m, wgt);
  }
  return { exact, all };
}

/**
 * Whether a program is better served by the whole register file in host registers (register-file.ts) than
 * by units: when more than a quarter of its weighted accesses overlap another access of a different offset
 * or width somewhere in the program (a ByteSil register inside a SIL-128 integer, two overlapping integers).
 * Units cannot hold such values without syncs through memory, where a narrow store followed by a wider load
 * stalls (no store-to-load forwarding).
 */
export function prefersRegisterFile(an: ProgramAnalysis): boolean {
  const { exact } = weighAccesses(an);
  let total = 0;
  let conflicting = 0;
  for (let a = 0; a < 64; a++) {
    if (exact[a] === 0) continue;
    total += exact[a]!;
    const m = maskOf(a);
    for (let b = 0; b < 64; b++) {
      if (b !== a && exact[b] !== 0 && (maskOf(b) & m) !== 0) {
        conflicting += exact[a]!;
        break;
      }
    }
  }
  return conflicting * 4 > total;
}

/**
 * Chooses the units of a program: every (offset, width) a mode group of an instruction accesses is a
 * candidate, scored by its exact accesses minus the syncs its overlaps cost (weights grow by LOOP_WEIGHT per
 * enclosing backward branch); the best non-overlapping candidates with a positive score get the homes.
 * `all`: every candidate is eligible whatever its score (the most syncs; for tests of the sync paths).
 */
export function chooseUnits(an: ProgramAnalysis, all = false, maxHomes: number = HOME_REGS.length): CacheUnit[] {
  const { exact, all: whole } = weighAccesses(an);
  // score: exact accesses minus two per access (or whole-file instruction) overlapping the value otherwise
  const score = new Float64Array(64);
  for (let a = 0; a < 64; a++) {
    if (exact[a] === 0 || (a & 15) + WIDTHS[a >> 4]! > 16) {
      score[a] = -Infinity;
      continue;
    }
    let s = exact[a]! - 2 * whole;
    const m = maskOf(a);
    for (let b = 0; b < 64; b++) if (b !== a && exact[b] !== 0 && (maskOf(b) & m) !== 0) s -= 2 * exact[b]!;
    score[a] = s;
  }
  const order = Array.from({ length: 64 }, (_, a) => a)
    .filter((a) => score[a]! > 0 || (all && score[a]! > -Infinity))
    .sort((x, y) => score[y]! - score[x]! || x - y);
  const units: CacheUnit[] = [];
  let used = 0;
  for (const a of order) {
    if (units.length >= maxHomes) break;
    const m = maskOf(a);
    if ((used & m) !== 0) continue;
    used |= m;
    units.push({ k: a & 15, si: a >> 4, home: units.length });
  }
  return units;
}

/**
 * The unit strategy of RegisterHomes (homes.ts): the operand provider and sync bookkeeping of one compile.
 * With no units it only checks footprints and hands out memory operands (cacheRegisters off).
 */
export class RegisterCache implements RegisterHomes {
  readonly units: readonly CacheUnit[];
  private readonly a: Assembler<'x64'>;
  /** homeOf[packed access] = home index, or -1. */
  private readonly homeOf = new Int8Array(64).fill(-1);
  private readonly unitMask: number[] = [];
  /** Homes synced for the current instruction (they use memory until the sync-in). */
  private masked = 0;
  /** allowed[packed access] === stamp: declared by the current instruction; allowAll: a whole-file one. */
  private readonly allowed = new Int32Array(64);
  private stamp = 0;
  private allowAll = false;
  private readonly buf = new Int32Array(8);
  private pc = -1;
  private mnemonic = '';

  constructor(a: Assembler<'x64'>, units: readonly CacheUnit[]) {
    this.a = a;
    this.units = units;
    for (const u of units) {
      this.homeOf[acc(u.k, u.si)] = u.home;
      this.unitMask.push(maskOf(acc(u.k, u.si)));
    }
  }

  /** The operand of the value at VSP register k of size index si (see the file comment). */
  operand(k: number, si: number): X64Value {
    const a = acc(k, si);
    if (!this.allowAll && this.allowed[a] !== this.stamp) throw undeclared(this.mnemonic, this.pc, k, si);
    const h = this.homeOf[a]!;
    if (h >= 0 && (this.masked & (1 << h)) === 0) return HOME_OPS[si * HOME_REGS.length + h]!;
    return MEM_OPS[si * 16 + k]!;
  }

  /**
   * Starts the code of `ins` in MODE `mode`: declares its footprint and stores the homes it touches other
   * than exactly to the block (they are reloaded by after(); the template uses memory for them in between).
   */
  before(ins: JitInstruction, mode: number | null): void {
    this.stamp++;
    this.pc = ins.pc;
    this.mnemonic = ins.info.mnemonic;
    const n = accesses(ins, mode, this.buf);
    let sync = 0;
    if (n === ALL) {
      this.allowAll = true;
      sync = (1 << this.units.length) - 1;
    } else {
      this.allowAll = false;
      for (let j = 0; j < n; j++) {
        const a = this.buf[j]! & ~W;
        this.allowed[a] = this.stamp;
        const m = maskOf(a);
        for (let h = 0; h < this.units.length; h++) {
          if ((this.unitMask[h]! & m) !== 0 && this.homeOf[a] !== h) sync |= 1 << h;
        }
      }
    }
    this.masked = sync;
    if (sync !== 0) storeUnits(this.a, this.units, sync);
  }

  /** Reloads the synced homes and ends the current instruction (homes are home again). */
  after(): void {
    if (this.masked !== 0) loadUnits(this.a, this.units, this.masked);
    this.masked = 0;
    this.allowAll = false;
    this.stamp++;
  }

  /** The homes synced for the current instruction. */
  get syncing(): number {
    return this.masked;
  }

  syncIn(): void {
    loadUnits(this.a, this.units, this.masked);
  }

  /** Units are always current between instructions: nothing to settle, record or join. */
  settle(_forget: boolean): void {}
  exitFlush(): number {
    return 0;
  }
  emitExitFlush(_flush: number): void {}
  beginSwitch(): void {}
  nextCase(): void {}
  endSwitch(): void {}
}

/** The error of a template asking for an operand its instruction's footprint does not declare. */
export function undeclared(mnemonic: string, pc: number, k: number, si: number): JitCompileError {
  return new JitCompileError(`x64 backend: ${mnemonic} accesses R${k.toString(16).toUpperCase()} as ${WIDTHS[si]} byte(s), which its footprint does not declare`, pc);
}

/** Stores the homes of `units` in `mask` to the state block. */
export function storeUnits(a: Assembler<'x64'>, units: readonly HomeUnit[], mask: number): void {
  for (const u of units) {
    if ((mask & (1 << u.home)) === 0) continue;
    a.dynasm`mov ${memOperand(u.k, u.si)}, ${homeOperand(u.home, u.si)}`;
  }
}

/** Loads the homes of `units` in `mask` from the state block. */
export function loadUnits(a: Assembler<'x64'>, units: readonly HomeUnit[], mask: number): void {
  for (const u of units) {
    if ((mask & (1 << u.home)) === 0) continue;
    const m = memOperand(u.k, u.si);
    if (u.si === 3) a.dynasm`mov ${homeOperand(u.home, 3)}, ${m}`;
    else if (u.si === 2) a.dynasm`mov ${homeOperand(u.home, 2)}, ${m}`;
    else a.dynasm`movzx ${homeOperand(u.home, 2)}, ${m}`;
  }
}

/** Memory operand [rbx + k] of size index si (for sync code and whole-file templates). */
export function memOperand(k: number, si: number): Mem {
  return MEM_OPS[si * 16 + k]!;
}

/** The home register of a unit at size index si. */
export function homeOperand(home: number, si: number): X64Value {
  return HOME_OPS[si * HOME_REGS.length + home]!;
}
