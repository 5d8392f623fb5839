// Where the x86-64 backend keeps the VSP registers while compiled code runs (docs/jit-x64.md, "Register
// caching"): the protocol between the backend and its two strategies. Templates reach VSP registers only
// through operands (X64Context.b/w/d/q); a strategy decides what those operands are and writes the code that
// keeps the state block and the host registers consistent around each instruction:
//   - none (cacheRegisters off): memory [rbx + k] for everything (RegisterCache with no units);
//   - units (cache.ts): a few values that programs access at one width, each in its own host register;
//   - the whole file (register-file.ts): R0..RF in two host registers plus byte slots, for programs that
//     access the same bytes at several widths (ByteSil and SIL-128 integers, say).
import type { X64Value } from '../../arch/x64/values.js';
import type { JitInstruction } from '../analysis.js';

/** A value of the VSP register file held in a host register from the prologue to the exits. */
export interface HomeUnit {
  /** Offset (VSP register) and size index (0 byte, 1 word, 2 dword, 3 qword) of the value. */
  readonly k: number;
  readonly si: number;
  /** Index into HOME_REGS (cache.ts). */
  readonly home: number;
}

export interface RegisterHomes {
  /** The values loaded by the prologue and stored by every exit routine. */
  readonly units: readonly HomeUnit[];
  /**
   * Starts the code of `ins` in MODE `mode` (null: MODE-independent): declares its footprint (operand() checks
   * against it) and emits what must run before its template.
   */
  before(ins: JitInstruction, mode: number | null): void;
  /** The operand of the value at VSP register k of size index si, for the current instruction's template. */
  operand(k: number, si: number): X64Value;
  /** Emits what must run after the template, and ends the instruction. */
  after(): void;
  /**
   * Non-zero when a template that branches away from inside itself (LOOP) must first call syncIn(): the
   * values it wrote are not where the target expects them yet.
   */
  readonly syncing: number;
  /** Emits, for a template's early branch, what after() would emit (without ending the instruction). */
  syncIn(): void;
  /**
   * Emits what makes the state consistent at a point other code jumps to or from (a label, a branch, an exit
   * that does not go through a stub); `forget`: code arrives here from elsewhere, so nothing is known about
   * the host registers' contents beyond the units.
   */
  settle(forget: boolean): void;
  /** What an exit stub created now must write back before it leaves (0: nothing); see emitExitFlush. */
  exitFlush(): number;
  /** Emits the write-back recorded by exitFlush() (in a cold stub, before it stores PC and jumps). */
  emitExitFlush(flush: number): void;
  /** A run-time MODE switch begins (every case starts from the state at this point). */
  beginSwitch(): void;
  /** The current case ends (its code then jumps to the switch's end); the next one starts. */
  nextCase(): void;
  /** The last case ends: the code after the switch joins every case. */
  endSwitch(): void;
}
