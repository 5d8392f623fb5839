// The ARM64 (A64) backend of the VSP JIT: implements backend.ts through the dynasm DSL only (no hand-packed
// instruction bytes). Register map and frame: regs.ts; per-opcode code: ops.ts, ops-mode.ts, ops-float.ts;
// the whole design: docs/jit-a64.md.
//
// Code layout: [prologue][exit routines][instructions ...][end stop][dispatch][dispatch table]. The exit
// routines come first so that every instruction reaches them with a backward conditional branch (the
// label is already bound, so the DSL patches it at once); a program whose code grows past +-1 MiB is compiled
// in "far" mode, where islands of unconditional branches to the routines are placed every 512 KiB.
import { Assembler } from '../../../dsl/assembler.js';
import { DynasmError } from '../../../dsl/errors.js';
import type { Label } from '../../../dsl/label.js';
import { Op } from '../../../spec/vsp/opcodes.js';
import '../../arch/a64/index.js';
import { RunStatus, VspError } from '../../vsp/state-layout.js';
import type { JitInstruction, ProgramAnalysis } from '../analysis.js';
import { EXIT_BAD_PC, JitCompileError, type Backend, type BackendOptions, type BackendOutput, type DispatchTarget, type LabelAt, type ModeGroup } from '../backend.js';
import { EXIT_HOST, EXIT_STOPPED } from '../driver.js';
import type { A64Context, Routines } from './context.js';
import { emitPlain, movW } from './ops.js';
import { emitDescent } from './ops-float.js';
import { ByteCache, emitCached, emitNeon } from './ops-cached.js';
import { emitDemotion, emitModeOp } from './ops-mode.js';
import { FPCR_VSP } from './regs.js';

/** Distance between islands in far mode (conditional branches reach +-1 MiB). */
const ISLAND_SPACING = 512 * 1024;

export interface A64BackendOptions extends BackendOptions {
  readonly far?: boolean;
  readonly islandSpacing?: number;
  readonly assembler?: Assembler<'a64'>;
}

export class A64Backend implements Backend<Label> {
  readonly arch = 'a64' as const;
  readonly cachesRegisters: boolean;
  /** The byte cache of the register-caching variant (null when off). */
  private readonly cache: ByteCache | null;
  readonly a: Assembler<'a64'>;
  private readonly far: boolean;
  private readonly islandSpacing: number;
  private ctx!: A64Context;
  private mainRoutines!: Routines;
  private lastIsland = 0;
  private insnOffsets: number[] = [];
  private readonly regions: { name: string; offset: number }[] = [];
  /** -2: no open mode switch; -1: open, before its first case; else the current case. */
  private switchIndex = -2;
  private currentPc = -1;

  /**
   * `far`: compile for code larger than +-1 MiB (see the file comment); `islandSpacing`: bytes between
   * islands in far mode (default 512 KiB; tests use small values). `assembler`: reuse one (it is reset).
   */
  constructor(options: A64BackendOptions = {}) {
    this.far = options.far === true;
    this.islandSpacing = options.islandSpacing ?? ISLAND_SPACING;
    if (!(Number.isInteger(this.islandSpacing) && this.islandSpacing >= 64 && this.islandSpacing <= ISLAND_SPACING)) {
      throw new RangeError(`islandSpacing must be an integer 64..${ISLAND_SPACING}, got ${options.islandSpacing}`);
    }
    this.a = options.assembler ?? new Assembler('a64', { capacity: 1 << 16 });
    this.a.reset();
    this.cachesRegisters = options.cacheRegisters === true;
    this.cache = this.cachesRegisters ? new ByteCache(this.a) : null;
  }

  newLabel(): Label {
    return this.a.newLabel();
  }

  begin(_analysis: ProgramAnalysis): void {
    const a = this.a;
    this.insnOffsets = [];
    this.regions.length = 0;
    const r: Routines = {
      budget: a.newLabel(),
      collapsed: a.newLabel(),
      halted: a.newLabel(),
      returned: a.newLabel(),
      error: a.newLabel(),
      host: a.newLabel(),
      err: [],
    };
    for (let e = 0; e <= VspError.reg_range; e++) r.err.push(a.newLabel());
    const dispatch = a.newLabel();
    this.mainRoutines = r;
    this.ctx = { a, dispatch, far: this.far };
    this.regions.push({ name: 'prologue', offset: a.offset });
    this.prologue(dispatch);
    this.regions.push({ name: 'exit routines', offset: a.offset });
    this.exitRoutines(r);
    this.lastIsland = a.offset;
  }

  /** vsp_run(x0 = state, x1 = tables): frame, callee-saved registers, FPCR, cached state, budget counter. */
  private prologue(dispatch: Label): void {
    this.a.dynasm`
    stp x29, x30, [sp, #-112]!
    mov x29, sp
    stp x19, x20, [sp, #16]
    stp x21, x22, [sp, #32]
    stp x23, x24, [sp, #48]
    stp x25, x26, [sp, #64]
    stp x27, x28, [sp, #80]
    mrs x9, fpcr
    str x9, [sp, #96]
    mov x9, #${FPCR_VSP}
    msr fpcr, x9
    mov x19, x0
    mov x20, x1
    add x22, x20, #0x20, lsl #12
    add x26, x19, #0x2, lsl #12
    ldrb w23, [x19, #0x10]
    ldrb w27, [x19, #0x11]
    ldr w24, [x19, #0x18]
    ldr w25, [x19, #0x30]
    ldr x9, [x19, #0x20]
    ldr x10, [x19, #0x28]
    subs x21, x10, x9
    csel x21, x21, xzr, hs
    tst w23, #8
    b.eq 1f
    movz x11, #1
    cmp x21, x11
    csel x21, x21, x11, ls
  1:
    add x9, x9, x21
    str x9, [sp, #104]
    ldr w28, [x19, #0x14]
    b ${dispatch}`;
  }

  /**
   * The shared exits. Each writes back F, MODE, STATUS, ERROR, PC, SP, call depth and CYCLES (= END - LEFT,
   * minus one for an instruction that did not run: errors and host exits), restores FPCR and the callee-saved
   * registers and returns the exit code in w0.
   */
  private exitRoutines(r: Routines): void {
    const a = this.a;
    const write = a.newLabel();
    const counted = a.newLabel();
    const cStop = a.newLabel();
    a.dynasm`
  ${write}:
    strb w23, [x19, #0x10]
    strb w27, [x19, #0x11]
    strb w10, [x19, #0x12]
    strb w9, [x19, #0x13]
    str w28, [x19, #0x14]
    str w24, [x19, #0x18]
    str w25, [x19, #0x30]
    str x11, [x19, #0x20]
    ldr x12, [sp, #96]
    msr fpcr, x12
    ldp x19, x20, [sp, #16]
    ldp x21, x22, [sp, #32]
    ldp x23, x24, [sp, #48]
    ldp x25, x26, [sp, #64]
    ldp x27, x28, [sp, #80]
    ldp x29, x30, [sp], #112
    ret
  ${r.collapsed}:
  91:
    movz w10, #${RunStatus.collapsed}
    b ${counted}
  ${r.halted}:
  92:
    movz w10, #${RunStatus.halted}
    b ${counted}
  ${r.returned}:
  93:
    movz w10, #${RunStatus.returned}
  ${counted}:
    ldr x11, [sp, #104]
    sub x11, x11, x21
    movz w9, #0
    movz w0, #${EXIT_STOPPED}
    b ${write}
  ${r.budget}:
  90:
    movz w10, #${RunStatus.budget}
  ${cStop}:
    ldr x11, [sp, #104]
    sub x11, x11, x21
    tst w23, #8
    b.eq 1f
    ldr x12, [x19, #0x20]
    cmp x11, x12
    b.eq 1f
    movz w10, #${RunStatus.collapsed}
  1:
    movz w9, #0
    movz w0, #${EXIT_STOPPED}
    b ${write}
  ${r.error}:
  95:
    ldr x11, [sp, #104]
    sub x11, x11, x21
    sub x11, x11, #1
    movz w10, #${RunStatus.error}
    movz w0, #${EXIT_STOPPED}
    b ${write}
  ${r.host}:
  94:
    str w28, [x19, #0x48]
    ldr x11, [sp, #104]
    sub x11, x11, x21
    sub x11, x11, #1
    movz w10, #0
    movz w9, #0
    movz w0, #${EXIT_HOST}
    b ${write}`;
    a.dynasm`
  ${r.err[1]!}:
  81:
    movz w9, #1
    b 95b
  ${r.err[2]!}:
  82:
    movz w9, #2
    b 95b
  ${r.err[3]!}:
  83:
    movz w9, #3
    b 95b
  ${r.err[4]!}:
  84:
    movz w9, #4
    b 95b
  ${r.err[5]!}:
  85:
    movz w9, #5
    b 95b`;
    this.endStop = a.newLabel();
    this.badPc = a.newLabel();
    this.write = write;
    a.dynasm`
  ${this.endStop}:
    movz w10, #${RunStatus.end}
    b ${cStop}
  ${this.badPc}:
  96:
    ldr x11, [sp, #104]
    sub x11, x11, x21
    movz w10, #0
    movz w9, #0
    movz w0, #${EXIT_BAD_PC}
    b ${write}`;
  }

  private endStop!: Label;
  private badPc!: Label;
  private write!: Label;

  /**
   * Far mode: a new island when the code has moved far from the last one. Instructions reach the routines
   * through backward numeric local labels (90b budget, 91b collapsed, 92b halted, 93b returned, 94b host,
   * 95b error, 81b..85b the error codes, 96b bad pc); an island redefines each of them as an unconditional branch to the
   * routine, so every later reference resolves to the nearest island.
   */
  private maybeIsland(): void {
    const a = this.a;
    if (a.offset - this.lastIsland < this.islandSpacing) return;
    const m = this.mainRoutines;
    a.dynasm`
    b 1f
  90:
    b ${m.budget}
  91:
    b ${m.collapsed}
  92:
    b ${m.halted}
  93:
    b ${m.returned}
  94:
    b ${m.host}
  95:
    b ${m.error}
  81:
    b ${m.err[1]!}
  82:
    b ${m.err[2]!}
  83:
    b ${m.err[3]!}
  84:
    b ${m.err[4]!}
  85:
    b ${m.err[5]!}
  96:
    b ${this.badPc}
  1:`;
    this.lastIsland = a.offset;
  }

  startInstruction(ins: JitInstruction, label: Label | null): void {
    this.enterInstruction(ins, label);
    if ((ins.modes === 0 || ins.info.host) && ins.pc <= 0xffff) {
      // An exit follows (emitUnreachable / emitHostExit): it writes the budget check with it, in one template.
      this.startPending = true;
      this.startLabel = label;
      return;
    }
    this.emitStart(ins.pc, label);
  }

  skipInstruction(ins: JitInstruction): void {
    this.enterInstruction(ins, null);
  }

  /** What every instruction start does before its code: where it is (offsets, islands) and the cache. */
  private enterInstruction(ins: JitInstruction, label: Label | null): void {
    this.flushStart();
    this.currentPc = ins.pc;
    if (this.far) this.maybeIsland();
    this.insnOffsets.push(this.a.offset);
    const cache = this.cache;
    if (cache !== null) {
      cache.unpin();
      if (label !== null) cache.clear();
    }
  }

  /** A budget check deferred by startInstruction to be written together with the exit after it. */
  private startPending = false;
  private startLabel: Label | null = null;

  /** Writes a deferred budget check (when something other than the expected exit comes next). */
  private flushStart(): void {
    if (!this.startPending) return;
    this.startPending = false;
    this.emitStart(this.currentPc, this.startLabel);
  }

  /** The start of an instruction: its label, w28 = pc, the budget check. */
  private emitStart(pc: number, label: Label | null): void {
    const a = this.a;
    if (pc <= 0xffff) {
      if (label === null) a.dynasm`
    movz w28, #${pc}
    cbz x21, 90b // budget
    sub x21, x21, #1`;
      else a.dynasm`
  ${label}:
    movz w28, #${pc}
    cbz x21, 90b // budget
    sub x21, x21, #1`;
    } else {
      if (label !== null) a.dynasm`${label}:`;
      a.dynasm`
    movz w28, #${pc & 0xffff}
    movk w28, #${pc >>> 16}, lsl #16
    cbz x21, 90b // budget
    sub x21, x21, #1`;
    }
  }

  emitUnreachable(_ins: JitInstruction): void {
    const a = this.a;
    if (this.startPending) {
      this.startPending = false;
      const label = this.startLabel;
      if (label === null) a.dynasm`
    movz w28, #${this.currentPc}
    cbz x21, 90b // budget
    sub x21, x21, #1
    b 96b // bad pc`;
      else a.dynasm`
  ${label}:
    movz w28, #${this.currentPc}
    cbz x21, 90b // budget
    sub x21, x21, #1
    b 96b // bad pc`;
      return;
    }
    a.dynasm`b 96b // bad pc`;
  }

  emitHostExit(_ins: JitInstruction): void {
    const a = this.a;
    if (this.startPending) {
      this.startPending = false;
      const label = this.startLabel;
      if (label === null) a.dynasm`
    movz w28, #${this.currentPc}
    cbz x21, 90b // budget
    sub x21, x21, #1
    b 94b // host`;
      else a.dynasm`
  ${label}:
    movz w28, #${this.currentPc}
    cbz x21, 90b // budget
    sub x21, x21, #1
    b 94b // host`;
      return;
    }
    a.dynasm`b 94b // host`;
  }

  emitError(_ins: JitInstruction, error: VspError): void {
    this.flushStart();
    this.a.dynasm`
    movz w9, #${error}
    b 95b // error`;
  }

  emitInstruction(ins: JitInstruction, mode: number | null, labelAt: LabelAt<Label>): void {
    this.flushStart();
    const cache = this.cache;
    if (cache !== null) {
      if (mode === null && emitCached(this.ctx, cache, ins)) return;
      cache.clear();
      if (mode === null && emitNeon(this.ctx, ins)) return;
    }
    if (ins.op >= Op.DEMOTE && ins.op <= Op.MAXDEM) emitDemotion(this.ctx, ins, mode ?? 0);
    else if (ins.op === Op.DESCENT) emitDescent(this.ctx, ins);
    else if (mode !== null) emitModeOp(this.ctx, ins, mode);
    else emitPlain(this.ctx, ins, labelAt);
  }

  /**
   * The MODE switch uses the assembler's numeric local labels 10..14 (cases) and 19 (end), so it creates no
   * label objects; op emitters use only 1..9.
   */
  beginModeSwitch(_ins: JitInstruction, groups: readonly ModeGroup[]): void {
    this.flushStart();
    if (this.switchIndex !== -2) throw new JitCompileError('mode switches cannot nest', this.currentPc);
    if (groups.length < 2 || groups.length > 5) throw new JitCompileError(`a mode switch needs 2..5 groups, got ${groups.length}`, this.currentPc);
    const a = this.a;
    this.switchIndex = -1;
    this.cache?.clear();
    if (groups.length === 4 && groups[3]!.length === 2 && groups[0]![0] === 0 && groups[1]![0] === 1 && groups[2]![0] === 2) {
      // the usual case (every MODE possible, width groups): one template without interpolation
      a.dynasm`
    cmp w27, #1
    b.lo 10f
    b.eq 11f
    cmp w27, #2
    b.eq 12f
    b 13f
  10:`;
      return;
    }
    for (let i = 0; i < groups.length - 1; i++) {
      for (const m of groups[i]!) {
        switch (i) {
          case 0: a.dynasm`
    cmp w27, #${m}
    b.eq 10f`; break;
          case 1: a.dynasm`
    cmp w27, #${m}
    b.eq 11f`; break;
          case 2: a.dynasm`
    cmp w27, #${m}
    b.eq 12f`; break;
          default: a.dynasm`
    cmp w27, #${m}
    b.eq 13f`; break;
        }
      }
    }
    // The default branch, and the first case starts here (modeCase(0) adds nothing).
    switch (groups.length - 1) {
      case 1: a.dynasm`b 11f
10:`; break;
      case 2: a.dynasm`b 12f
10:`; break;
      case 3: a.dynasm`b 13f
10:`; break;
      default: a.dynasm`b 14f
10:`; break;
    }
  }

  modeCase(index: number): void {
    this.flushStart();
    const a = this.a;
    // After a case: branch to the end and start the next one in the same template.
    if (this.switchIndex >= 0) {
      switch (index) {
        case 0: a.dynasm`b 19f
10:`; break;
        case 1: a.dynasm`b 19f
11:`; break;
        case 2: a.dynasm`b 19f
12:`; break;
        case 3: a.dynasm`b 19f
13:`; break;
        default: a.dynasm`b 19f
14:`; break;
      }
    } else if (index !== 0) throw new JitCompileError(`mode switch case ${index} before case 0`, this.currentPc);
    this.switchIndex = index;
  }

  endModeSwitch(): void {
    this.flushStart();
    this.a.dynasm`19:`;
    this.switchIndex = -2;
    this.cache?.clear();
  }

  emitCollapseCheck(ins: JitInstruction): void {
    this.flushStart();
    this.a.dynasm`
    add w28, w28, #${ins.size}
    tst w23, #8
    b.ne 91b // collapsed`;
  }

  emitCodeEnd(codeLength: number, label: Label): void {
    this.flushStart();
    const a = this.a;
    this.currentPc = codeLength;
    this.insnOffsets.push(a.offset);
    a.dynasm`${label}:`;
    movW(this.ctx, 'w28', codeLength);
    a.dynasm`b ${this.endStop}`;
  }

  /**
   * The dispatcher: binary search of w28 in the sorted PC table, then a branch to the code offset stored
   * beside it (relative to the dispatcher, so every distance is code-size independent). A PC with no code
   * returns EXIT_BAD_PC.
   */
  finish(dispatch: readonly DispatchTarget<Label>[]): BackendOutput {
    this.flushStart();
    const a = this.a;
    const ctx = this.ctx;
    const table = a.newLabel();
    this.regions.push({ name: 'dispatch', offset: a.offset });
    const anchor = a.offset;
    a.dynasm`
  ${ctx.dispatch}:
    adr x9, ${table}
    ldr w10, [x9], #4
    movz w11, #0
    mov w12, w10
  1:
    cmp w11, w12
    b.hs 4f
    add w13, w11, w12
    lsr w13, w13, #1
    ldr w14, [x9, w13, uxtw #2]
    cmp w14, w28
    b.eq 2f
    b.hi 3f
    add w11, w13, #1
    b 1b
  3:
    mov w12, w13
    b 1b
  2:
    add x14, x9, x10, lsl #2
    ldrsw x14, [x14, w13, uxtw #2]
    adr x15, ${ctx.dispatch}
    add x15, x15, x14
    br x15
  4:
    b ${this.badPc}
    .align 2
  ${table}:
    .word ${dispatch.length}`;
    this.regions.push({ name: 'dispatch table', offset: a.labelOffset(table)! });
    const words = new Uint32Array(2 * dispatch.length + 4);
    for (let i = 0; i < dispatch.length; i++) {
      const d = dispatch[i]!;
      const off = a.labelOffset(d.label);
      if (off === undefined) throw new JitCompileError(`dispatch target pc ${d.pc} has no code`, d.pc);
      words[i] = d.pc;
      words[dispatch.length + i] = (off - anchor) >>> 0;
    }
    const n = 2 * dispatch.length;
    let i = 0;
    for (; i + 4 <= n; i += 4) a.dynasm`.word ${words[i]!}, ${words[i + 1]!}, ${words[i + 2]!}, ${words[i + 3]!}`;
    for (; i < n; i++) a.dynasm`.word ${words[i]!}`;
    const code = a.finalize();
    return { code, entryOffset: 0, insnOffsets: Int32Array.from(this.insnOffsets), regions: this.regions.slice() };
  }

  /** The VSP pc being compiled (for error reports). */
  get pc(): number {
    return this.currentPc;
  }

  /** Turns a DSL error raised while compiling into a JitCompileError at the current VSP pc. */
  wrap(e: unknown): unknown {
    if (e instanceof JitCompileError) return e;
    if (e instanceof DynasmError) {
      const err = new JitCompileError(`a64 code generation failed: ${e.message}`, this.currentPc >= 0 ? this.currentPc : null);
      (err as { cause?: unknown }).cause = e;
      return err;
    }
    return e;
  }
}

/** Whether a compile error is a branch-range error that far mode fixes. */
export function isRangeError(e: unknown): boolean {
  const cause = (e as { cause?: unknown }).cause;
  return e instanceof JitCompileError && cause instanceof DynasmError && cause.code === 'E_LABEL_RANGE';
}
