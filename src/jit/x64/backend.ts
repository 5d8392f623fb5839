// The x86-64 backend of the VSP JIT: implements backend.ts through the dynasm DSL only (no hand-packed
// instruction bytes), System V ABI. Register map and frame: regs.ts; per-opcode code: ops.ts, ops-mode.ts,
// ops-float.ts; the whole design: docs/jit-x64.md.
//
// Code layout: [prologue][exit routines][f64ToF16][instructions ...][end stop][cold exit stubs][dispatch].
// Every budget block (budget-blocks.ts) starts with one budget check `sub r13, n; jb stub` for its n
// instructions; the stub (`mov dword ptr [rbx + 0x14], pc; jmp routine`: PC written to the block) is out of
// line, so the hot path never materialises the VSP PC. Jumps are emitted in their long form and shrunk by the assembler's relaxation at
// finalize (src/runtime/relax.ts); instruction offsets are therefore read from labels after finalize. The
// dispatcher is a balanced binary search over the dispatch PCs written as code (compare-and-branch), so
// there is no table to patch after relaxation. With cacheRegisters, VSP values live in home registers
// (cache.ts): the prologue loads them, the exit routines store them, emitInstruction syncs around the
// instructions that see them other than whole.
import { Assembler } from '../../../dsl/assembler.js';
import { DynasmError } from '../../../dsl/errors.js';
import type { Label } from '../../../dsl/label.js';
import { Op } from '../../../spec/vsp/opcodes.js';
import '../../arch/x64/index.js';
import { RunStatus, VspError } from '../../vsp/state-layout.js';
import type { JitInstruction, ProgramAnalysis } from '../analysis.js';
import { EXIT_BAD_PC, JitCompileError, type Backend, type BackendOptions, type BackendOutput, type DispatchTarget, type LabelAt, type ModeGroup } from '../backend.js';
import { EXIT_HOST, EXIT_STOPPED, EXIT_TAIL } from '../driver.js';
import { chooseUnits, loadUnits, prefersRegisterFile, RegisterCache, storeUnits } from './cache.js';
import { Exit, type Routines, type X64Context } from './context.js';
import type { RegisterHomes } from './homes.js';
import { emitPlain } from './ops.js';
import { emitDescent, emitF64ToF16 } from './ops-float.js';
import { emitDemotion, emitModeOp } from './ops-mode.js';
import { RegisterFile } from './register-file.js';
import { FRAME, MXCSR_VSP } from './regs.js';

export interface X64BackendOptions extends BackendOptions {
  readonly assembler?: Assembler<'x64'>;
  /**
   * With cacheRegisters: give homes to every cacheable value, not only to those the heuristic expects to
   * pay off (the most syncs; for tests of the register cache's sync paths).
   */
  readonly cacheAll?: boolean;
  /**
   * With cacheRegisters: true keeps the whole register file in host registers (register-file.ts), false
   * never does; by default the compiler chooses it for programs that access the same bytes at several
   * widths, and units (cache.ts) otherwise.
   */
  readonly registerFile?: boolean;
}

export class X64Backend implements Backend<Label> {
  readonly arch = 'x64' as const;
  /** Whether VSP register values are kept in host registers (cache.ts). */
  readonly cachesRegisters: boolean;
  readonly a: Assembler<'x64'>;
  private cache!: RegisterHomes;
  private readonly cacheAll: boolean;
  private readonly registerFile: boolean | undefined;
  private ctx!: X64Context;
  private r!: Routines;
  /** A mark (Assembler.mark) at each instruction start (offsets are final only after relaxation). */
  private insnMarks: number[] = [];
  private readonly regions: { name: string; mark: number }[] = [];
  /** Cold exit stubs: label, pc and kind (Exit.*), emitted after the instructions. */
  private stubLabels: Label[] = [];
  private stubPcs: number[] = [];
  private stubKinds: number[] = [];
  /** What each stub writes back first (RegisterHomes.exitFlush; 0: nothing). */
  private stubFlushes: number[] = [];
  /** Cycles each stub gives back first (instructions of its budget block that have not run). */
  private stubCycles: number[] = [];
  /** Instructions of the current budget block after the current one. */
  private blockLeft = 0;
  /** -2: no open mode switch; -1: open, before its first case; else the current case. */
  private switchIndex = -2;
  private currentPc = -1;
  private endStop!: Label;
  /** The bad-PC exit with PC already in the block; badPcEax with PC in eax (from the dispatcher). */
  private badPc!: Label;
  private badPcEax!: Label;

  constructor(options: X64BackendOptions = {}) {
    this.cachesRegisters = options.cacheRegisters === true;
    this.cacheAll = options.cacheAll === true;
    this.registerFile = options.registerFile;
    this.a = options.assembler ?? new Assembler('x64', { capacity: 1 << 16 });
    this.a.reset();
  }

  newLabel(): Label {
    return this.a.newLabel();
  }

  private region(name: string): void {
    this.regions.push({ name, mark: this.a.mark() });
  }

  begin(analysis: ProgramAnalysis): void {
    const a = this.a;
    this.cache = !this.cachesRegisters
      ? new RegisterCache(a, [])
      : (this.registerFile ?? prefersRegisterFile(analysis))
        ? new RegisterFile(a)
        : new RegisterCache(a, chooseUnits(analysis, this.cacheAll));
    const cache = this.cache;
    this.insnMarks = [];
    this.regions.length = 0;
    this.stubLabels = [];
    this.stubPcs = [];
    this.stubKinds = [];
    this.stubFlushes = [];
    this.stubCycles = [];
    this.blockLeft = 0;
    const r: Routines = {
      budget: a.newLabel(),
      collapsed: a.newLabel(),
      halted: a.newLabel(),
      returned: a.newLabel(),
      error: a.newLabel(),
      host: a.newLabel(),
      tail: a.newLabel(),
      err: [],
      f64ToF16: a.newLabel(),
    };
    for (let e = 0; e <= VspError.reg_range; e++) r.err.push(a.newLabel());
    const dispatch = a.newLabel();
    this.r = r;
    const stubLabels = this.stubLabels;
    const stubPcs = this.stubPcs;
    const stubKinds = this.stubKinds;
    const stubFlushes = this.stubFlushes;
    const stubCycles = this.stubCycles;
    this.ctx = {
      a,
      r,
      dispatch,
      exit: (pc: number, kind: number): Label => {
        const l = a.newLabel();
        stubLabels.push(l);
        stubPcs.push(pc);
        stubKinds.push(kind);
        stubFlushes.push(cache.exitFlush());
        stubCycles.push(this.blockLeft);
        return l;
      },
      b: (k: number) => cache.operand(k, 0),
      w: (k: number) => cache.operand(k, 1),
      d: (k: number) => cache.operand(k, 2),
      q: (k: number) => cache.operand(k, 3),
      syncing: () => cache.syncing,
      syncIn: () => cache.syncIn(),
    };
    this.region('prologue');
    this.prologue(dispatch);
    this.region('exit routines');
    this.exitRoutines(r);
    this.region('f64ToF16');
    emitF64ToF16(this.ctx);
  }

  /**
   * vsp_run(rdi = state, rsi = tables): callee-saved registers, MXCSR, cached state, budget counter. LEFT =
   * budget - CYCLES (0 when CYCLES is past the budget), clamped to 1 when C is set on entry; END = CYCLES +
   * LEFT is kept in the frame so that CYCLES = END - LEFT at every exit.
   */
  private prologue(dispatch: Label): void {
    this.a.dynasm`
    push rbx
    push rbp
    push r12
    push r13
    push r14
    push r15
    sub rsp, ${FRAME.SIZE}
    stmxcsr dword ptr [rsp + ${FRAME.MXCSR_SAVED}]
    mov dword ptr [rsp + ${FRAME.MXCSR_SCRATCH}], ${MXCSR_VSP}
    ldmxcsr dword ptr [rsp + ${FRAME.MXCSR_SCRATCH}]
    mov rbx, rdi
    mov r12, rsi
    movzx r14d, byte ptr [rbx + 0x10]
    mov rax, qword ptr [rbx + 0x20]
    mov r13, qword ptr [rbx + 0x28]
    sub r13, rax
    jae 1f
    xor r13d, r13d
  1:
    test r14b, 8
    jz 2f
    mov ecx, 1
    cmp r13, rcx
    cmova r13, rcx
  2:
    add rax, r13
    mov qword ptr [rsp + ${FRAME.END}], rax`;
    loadUnits(this.a, this.cache.units, (1 << this.cache.units.length) - 1);
    this.a.dynasm`
    mov eax, dword ptr [rbx + 0x14]
    jmp ${dispatch}`;
  }

  /**
   * The shared exits (PC already written to the block by the code that jumps here). Each writes back the
   * cached VSP registers, F, STATUS (ecx), ERROR (edx) and CYCLES (rsi = END - LEFT, minus one for an instruction that did not run: errors and host exits),
   * restores MXCSR and the callee-saved registers and returns the exit code in eax. (MODE, SP and the call
   * depth live in the state block.)
   */
  private exitRoutines(r: Routines): void {
    const a = this.a;
    const write = a.newLabel();
    const counted = a.newLabel();
    const cStop = a.newLabel();
    this.endStop = a.newLabel();
    this.badPc = a.newLabel();
    this.badPcEax = a.newLabel();
    a.dynasm`${write}:`;
    storeUnits(a, this.cache.units, (1 << this.cache.units.length) - 1);
    a.dynasm`
    mov byte ptr [rbx + 0x10], r14b
    mov byte ptr [rbx + 0x12], cl
    mov byte ptr [rbx + 0x13], dl
    mov qword ptr [rbx + 0x20], rsi
    ldmxcsr dword ptr [rsp + ${FRAME.MXCSR_SAVED}]
    add rsp, ${FRAME.SIZE}
    pop r15
    pop r14
    pop r13
    pop r12
    pop rbp
    pop rbx
    ret
  ${r.collapsed}:
    mov ecx, ${RunStatus.collapsed}
    jmp ${counted}
  ${r.halted}:
    mov ecx, ${RunStatus.halted}
    jmp ${counted}
  ${r.returned}:
    mov ecx, ${RunStatus.returned}
  ${counted}:
    mov rsi, qword ptr [rsp + ${FRAME.END}]
    sub rsi, r13
    xor edx, edx
    mov eax, ${EXIT_STOPPED}
    jmp ${write}
  ${r.budget}:
    add r13, 1
    mov ecx, ${RunStatus.budget}
  ${cStop}:
    mov rsi, qword ptr [rsp + ${FRAME.END}]
    sub rsi, r13
    test r14b, 8
    jz 1f
    cmp rsi, qword ptr [rbx + 0x20]
    je 1f
    mov ecx, ${RunStatus.collapsed}
  1:
    xor edx, edx
    mov eax, ${EXIT_STOPPED}
    jmp ${write}
  ${r.error}:
    mov rsi, qword ptr [rsp + ${FRAME.END}]
    sub rsi, r13
    sub rsi, 1
    mov ecx, ${RunStatus.error}
    mov eax, ${EXIT_STOPPED}
    jmp ${write}
  ${r.host}:
    mov eax, dword ptr [rbx + 0x14]
    mov dword ptr [rbx + 0x48], eax
    mov rsi, qword ptr [rsp + ${FRAME.END}]
    sub rsi, r13
    sub rsi, 1
    xor ecx, ecx
    xor edx, edx
    mov eax, ${EXIT_HOST}
    jmp ${write}
  ${r.tail}:
    mov rsi, qword ptr [rsp + ${FRAME.END}]
    sub rsi, r13
    test r14b, 8
    jz 2f
    cmp rsi, qword ptr [rbx + 0x20]
    je 2f
    mov ecx, ${RunStatus.collapsed}
    xor edx, edx
    mov eax, ${EXIT_STOPPED}
    jmp ${write}
  2:
    mov ecx, ${RunStatus.budget}
    xor edx, edx
    mov eax, ${EXIT_TAIL}
    jmp ${write}
  ${this.endStop}:
    mov ecx, ${RunStatus.end}
    jmp ${cStop}
  ${this.badPcEax}:
    mov dword ptr [rbx + 0x14], eax
  ${this.badPc}:
    mov rsi, qword ptr [rsp + ${FRAME.END}]
    sub rsi, r13
    xor ecx, ecx
    xor edx, edx
    mov eax, ${EXIT_BAD_PC}
    jmp ${write}`;
    for (let e = 1; e <= VspError.reg_range; e++) {
      a.dynasm`
  ${r.err[e]!}:
    mov edx, ${e}
    jmp ${r.error}`;
    }
  }

  startInstruction(ins: JitInstruction, label: Label | null, block = 1): void {
    this.flushStart();
    // code arrives at a label from elsewhere; host and bad-PC exits leave without a stub
    if (label !== null || ins.modes === 0 || ins.info.host) this.cache.settle(true);
    this.currentPc = ins.pc;
    this.insnMarks.push(this.a.mark());
    if (block === 0) {
      // inside a budget block: paid for at its start
      this.blockLeft--;
      if (this.blockLeft < 0) throw new JitCompileError('budget block overrun', ins.pc);
      if (label !== null) throw new JitCompileError('a label inside a budget block', ins.pc);
      return;
    }
    this.blockLeft = 0;
    const stub = this.ctx.exit(ins.pc, block === 1 ? Exit.budget : Exit.tail);
    // the tail stub gives back the whole block's cycles (the budget routine gives back its one itself)
    if (block > 1) this.stubCycles[this.stubCycles.length - 1] = block;
    this.blockCost = block;
    this.blockLeft = block - 1;
    if (ins.modes === 0 || ins.info.host) {
      // An exit follows (emitUnreachable / emitHostExit): it writes the budget check with it, in one template.
      this.startPending = true;
      this.startLabel = label;
      this.startStub = stub;
      return;
    }
    this.emitStart(label, stub);
  }

  /** Where an instruction is (every start records it; a skipped instruction gets nothing else). */
  skipInstruction(ins: JitInstruction): void {
    this.flushStart();
    this.currentPc = ins.pc;
    this.insnMarks.push(this.a.mark());
  }

  /** A budget check deferred by startInstruction to be written together with the exit after it. */
  private startPending = false;
  private startLabel: Label | null = null;
  private startStub: Label | null = null;

  /** Writes a deferred budget check (when something other than the expected exit comes next). */
  private flushStart(): void {
    if (!this.startPending) return;
    this.startPending = false;
    this.emitStart(this.startLabel, this.startStub!);
  }

  /** Cycles the budget check of the current block head pays (its block's length). */
  private blockCost = 1;

  /** The start of a budget block: its label and the budget check for the whole block. */
  private emitStart(label: Label | null, stub: Label): void {
    const n = this.blockCost;
    if (label === null) this.a.dynasm`
    sub r13, ${n}
    jb ${stub}`;
    else this.a.dynasm`
  ${label}:
    sub r13, ${n}
    jb ${stub}`;
  }

  emitUnreachable(ins: JitInstruction): void {
    this.pcExit(ins.pc, this.badPc);
  }

  emitHostExit(ins: JitInstruction): void {
    this.pcExit(ins.pc, this.r.host);
  }

  /** PC = pc, then to `routine`; with the deferred budget check before it when there is one. */
  private pcExit(pc: number, routine: Label): void {
    const a = this.a;
    if (this.startPending) {
      this.startPending = false;
      const label = this.startLabel;
      const n = this.blockCost;
      if (label === null) a.dynasm`
    sub r13, ${n}
    jb ${this.startStub!}
    mov dword ptr [rbx + 0x14], ${pc}
    jmp ${routine}`;
      else a.dynasm`
  ${label}:
    sub r13, ${n}
    jb ${this.startStub!}
    mov dword ptr [rbx + 0x14], ${pc}
    jmp ${routine}`;
      return;
    }
    a.dynasm`
    mov dword ptr [rbx + 0x14], ${pc}
    jmp ${routine}`;
  }

  emitError(ins: JitInstruction, error: VspError): void {
    this.flushStart();
    if (error < 1 || error > VspError.reg_range) throw new JitCompileError(`no error exit for error code ${error}`, ins.pc);
    this.a.dynasm`jmp ${this.ctx.exit(ins.pc, Exit.error + error - 1)}`;
  }

  /**
   * The code of one instruction (one MODE case of it), between the register cache's sync of the values it
   * touches other than exactly (stored before, reloaded after; cache.ts).
   */
  emitInstruction(ins: JitInstruction, mode: number | null, labelAt: LabelAt<Label>): void {
    this.flushStart();
    // branches and the exits that do not go through a stub leave with the homes consistent
    if (ins.info.branch || ins.op === Op.HLT || ins.op === Op.RET) this.cache.settle(false);
    this.cache.before(ins, mode);
    if (ins.op >= Op.DEMOTE && ins.op <= Op.MAXDEM) emitDemotion(this.ctx, ins, mode ?? 0);
    else if (ins.op === Op.DESCENT) emitDescent(this.ctx, ins);
    else if (mode !== null) emitModeOp(this.ctx, ins, mode);
    else emitPlain(this.ctx, ins, labelAt);
    this.cache.after();
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
    this.cache.beginSwitch();
    this.switchIndex = -1;
    for (let i = 0; i < groups.length - 1; i++) {
      for (const m of groups[i]!) {
        switch (i) {
          case 0: a.dynasm`
    cmp byte ptr [rbx + 0x11], ${m}
    je 10f`; break;
          case 1: a.dynasm`
    cmp byte ptr [rbx + 0x11], ${m}
    je 11f`; break;
          case 2: a.dynasm`
    cmp byte ptr [rbx + 0x11], ${m}
    je 12f`; break;
          default: a.dynasm`
    cmp byte ptr [rbx + 0x11], ${m}
    je 13f`; break;
        }
      }
    }
    // The default branch, and the first case starts here (modeCase(0) adds nothing).
    switch (groups.length - 1) {
      case 1: a.dynasm`jmp 11f
10:`; break;
      case 2: a.dynasm`jmp 12f
10:`; break;
      case 3: a.dynasm`jmp 13f
10:`; break;
      default: a.dynasm`jmp 14f
10:`; break;
    }
  }

  modeCase(index: number): void {
    this.flushStart();
    if (this.switchIndex < 0) {
      if (index !== 0) throw new JitCompileError(`mode switch case ${index} before case 0`, this.currentPc);
    } else {
      // After a case (its values settled): jump to the end and start the next one in the same template.
      this.cache.nextCase();
      this.caseStart(index);
    }
    this.switchIndex = index;
  }

  /** `jmp 19f` (the end of the case before) and the label of case `index`. */
  private caseStart(index: number): void {
    const a = this.a;
    switch (index) {
      case 0: a.dynasm`jmp 19f
10:`; break;
      case 1: a.dynasm`jmp 19f
11:`; break;
      case 2: a.dynasm`jmp 19f
12:`; break;
      case 3: a.dynasm`jmp 19f
13:`; break;
      default: a.dynasm`jmp 19f
14:`; break;
    }
  }

  endModeSwitch(): void {
    this.flushStart();
    this.cache.endSwitch();
    this.a.dynasm`19:`;
    this.switchIndex = -2;
  }

  emitCollapseCheck(ins: JitInstruction): void {
    this.flushStart();
    this.a.dynasm`
    test r14b, 8
    jnz ${this.ctx.exit(ins.next, Exit.collapsed)}`;
  }

  emitCodeEnd(codeLength: number, label: Label): void {
    this.flushStart();
    const a = this.a;
    this.cache.settle(true);
    this.currentPc = codeLength;
    this.insnMarks.push(a.mark());
    a.dynasm`
  ${label}:
    mov dword ptr [rbx + 0x14], ${codeLength}
    jmp ${this.endStop}`;
  }

  /** The cold stubs, then the dispatcher: a balanced binary search over the dispatch PCs, in code. */
  finish(dispatch: readonly DispatchTarget<Label>[]): BackendOutput {
    this.flushStart();
    const a = this.a;
    const r = this.r;
    this.region('exit stubs');
    const n = this.stubLabels.length;
    const L = this.stubLabels;
    const P = this.stubPcs;
    const K = this.stubKinds;
    const F = this.stubFlushes;
    const C = this.stubCycles;
    const routine = (kind: number): Label =>
      kind === Exit.budget ? r.budget : kind === Exit.collapsed ? r.collapsed : kind === Exit.tail ? r.tail : r.err[kind - Exit.error + 1]!;
    const plain = (i: number): boolean => F[i] === 0 && C[i] === 0;
    let i = 0;
    while (i < n) {
      if (i + 4 > n || !plain(i) || !plain(i + 1) || !plain(i + 2) || !plain(i + 3)) {
        // one stub, with the cycles given back and the write-back of what was not home when it was created
        a.dynasm`${L[i]!}:`;
        if (C[i] !== 0) a.dynasm`add r13, ${C[i]!}`;
        if (F[i] !== 0) this.cache.emitExitFlush(F[i]!);
        a.dynasm`
    mov dword ptr [rbx + 0x14], ${P[i]!}
    jmp ${routine(K[i]!)}`;
        i++;
        continue;
      }
      // four stubs per template (one call instead of four: the stubs are a third of the calls)
      a.dynasm`
  ${L[i]!}:
    mov dword ptr [rbx + 0x14], ${P[i]!}
    jmp ${routine(K[i]!)}
  ${L[i + 1]!}:
    mov dword ptr [rbx + 0x14], ${P[i + 1]!}
    jmp ${routine(K[i + 1]!)}
  ${L[i + 2]!}:
    mov dword ptr [rbx + 0x14], ${P[i + 2]!}
    jmp ${routine(K[i + 2]!)}
  ${L[i + 3]!}:
    mov dword ptr [rbx + 0x14], ${P[i + 3]!}
    jmp ${routine(K[i + 3]!)}`;
      i += 4;
    }
    this.region('dispatch');
    a.dynasm`${this.ctx.dispatch}:`;
    this.searchTree(dispatch, 0, dispatch.length - 1);
    let code: Uint8Array;
    try {
      code = a.finalize();
    } catch (e) {
      throw this.wrap(e);
    }
    const offs = new Int32Array(this.insnMarks.length);
    for (let i = 0; i < offs.length; i++) offs[i] = a.markOffset(this.insnMarks[i]!);
    const regions = this.regions.map((g) => ({ name: g.name, offset: a.markOffset(g.mark) }));
    return { code, entryOffset: 0, insnOffsets: offs, regions };
  }

  /** Code that jumps to the target whose PC equals eax among dispatch[lo..hi], or to the bad-PC exit. */
  private searchTree(d: readonly DispatchTarget<Label>[], lo: number, hi: number): void {
    const a = this.a;
    if (lo > hi) {
      a.dynasm`jmp ${this.badPcEax}`;
      return;
    }
    const mid = (lo + hi) >>> 1;
    const t = d[mid]!;
    if (lo === hi) {
      a.dynasm`
    cmp eax, ${t.pc}
    je ${t.label}
    jmp ${this.badPcEax}`;
      return;
    }
    const left = a.newLabel();
    a.dynasm`
    cmp eax, ${t.pc}
    je ${t.label}
    jb ${left}`;
    this.searchTree(d, mid + 1, hi);
    a.dynasm`${left}:`;
    this.searchTree(d, lo, mid - 1);
  }

  /** The VSP pc being compiled (for error reports). */
  get pc(): number {
    return this.currentPc;
  }

  /** Turns a DSL error raised while compiling into a JitCompileError at the current VSP pc. */
  wrap(e: unknown): unknown {
    if (e instanceof JitCompileError) return e;
    if (e instanceof DynasmError) {
      const err = new JitCompileError(`x64 code generation failed: ${e.message}`, this.currentPc >= 0 ? this.currentPc : null);
      (err as { cause?: unknown }).cause = e;
      return err;
    }
    return e;
  }
}
