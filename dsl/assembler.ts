// The assembler facade: `new Assembler('a64', { base })`, the `dynasm` tagged template, labels, finalize.
//
// Each template call site is parsed once: plans are cached on the TemplateStringsArray (one WeakMap per
// architecture) with a few variants per site, one per signature of argument kinds. A call checks the
// signature (one integer compare per argument), reserves buffer space once, and replays the plan's ops.
// A fill that fails is undone completely: position, relocations and label bindings (transactional).

import { CodeBuffer } from '../src/runtime/buffer.js';
import { LabelTable, LOCAL_ORIGINS } from '../src/runtime/labels.js';
import { applyReloc, describeRelocFailure, patchPc, pcPatchTable, RelocTable, RELOC_OK, type RelocKind } from '../src/runtime/relocs.js';
import { relax, RelaxLog } from '../src/runtime/relax.js';
import { getArch, kindOf, type Arch, type ArchName, type ArchValueMap } from './arch.js';
import { captureSite } from './callsite.js';
import { checkData, writeData } from './directives.js';
import { DynasmError, DynasmSyntaxError, ErrorCodes, LabelError, OperandError, UsageError, type Where } from './errors.js';
import { Label } from './label.js';
import { lex } from './lexer.js';
import { OP, Plan, PlanBuilder, SRC } from './plan.js';

/** What `${}` accepts for architecture A. */
export type ArchValue<A extends ArchName> = A extends keyof ArchValueMap ? ArchValueMap[A] : never;

export interface AssemblerOptions {
  /** Address the code will run at (adrp and `.quad label` need it). Default 0. */
  base?: bigint | number;
  /** Initial buffer capacity in bytes (it grows as needed). */
  capacity?: number;
}

/** Variants kept per call site (different argument-kind signatures). */
const MAX_VARIANTS = 8;
/** Per architecture: call site (TemplateStringsArray) → its most recently built plan, whose `next` are the other variants. */
const caches = new WeakMap<Arch, WeakMap<object, Plan>>();

const U_BIND = 1;
const U_LOCAL = 2;
const U_NAMED = 3;

/** Counters for tests and benchmarks: how many plans were built (template parses). */
export const planStats = { built: 0 };

/** Largest `.space ${n}` accepted at fill time. */
const MAX_SPACE = 1 << 24;

export class Assembler<A extends ArchName = ArchName> {
  readonly arch: Arch;
  readonly base: bigint;
  private readonly buf: CodeBuffer;
  private readonly labels = new LabelTable();
  private readonly relocs = new RelocTable();
  private readonly cache: WeakMap<object, Plan>;
  private lastStrings: object | null = null;
  private lastPlan: Plan | null = null;
  private undo = new Int32Array(48);
  private undoLen = 0;
  private readonly undoNames: string[] = [];
  private readonly kinds: readonly RelocKind[];
  /** The simple pc-relative kinds as numbers (relocs.ts pcPatchTable), for references resolved during a fill. */
  private readonly pcTable: Int32Array;
  /** Every reference and alignment, for branch relaxation at finalize (architectures with `relax`). */
  private readonly relaxLog: RelaxLog | null;

  constructor(arch: A, options: AssemblerOptions = {}) {
    this.arch = getArch(arch);
    const base = options.base ?? 0n;
    if ((typeof base !== 'bigint' && typeof base !== 'number') || (typeof base === 'number' && !Number.isSafeInteger(base)) || BigInt(base) < 0n || BigInt(base) >= 1n << 64n) {
      throw new UsageError(ErrorCodes.USAGE, `base must be an address 0..2^64-1 (number or bigint), got ${String(base)}`);
    }
    this.base = BigInt(base);
    this.buf = new CodeBuffer(options.capacity ?? 4096);
    let c = caches.get(this.arch);
    if (!c) caches.set(this.arch, (c = new WeakMap()));
    this.cache = c;
    this.kinds = this.arch.relocs;
    this.pcTable = pcPatchTable(this.kinds);
    this.relaxLog = this.arch.relax ? new RelaxLog() : null;
  }

  /** Bytes emitted so far. */
  get offset(): number {
    return this.buf.pos;
  }

  /**
   * Forgets the code, labels and pending references (label objects made before become invalid), keeping
   * the buffer's capacity and the plan cache: for assembling many functions with one assembler.
   */
  reset(): void {
    this.buf.pos = 0;
    // relocs.src keeps its length (entries past count are overwritten by push): no regrowth per reset.
    this.relocs.count = 0;
    this.labels.truncate(0);
    this.labels.backPos.fill(-1);
    this.labels.fwd.fill(-1);
    this.labels.named.clear();
    this.labels.epoch++;
    this.relaxLog?.reset();
  }

  /** A new, unbound label. */
  newLabel(name?: string): Label {
    // An unnamed label needs no origin record (it is described by its id).
    const id = this.labels.create(name === undefined ? null : { kind: 'object', name });
    return new Label(id, this.labels, name ?? null, this.labels.epoch);
  }

  /** `n` new labels (e.g. one per bytecode pc in a JIT). */
  newLabels(n: number, prefix?: string): Label[] {
    const out: Label[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = this.newLabel(prefix === undefined ? undefined : `${prefix}${i}`);
    return out;
  }

  /**
   * Marks the current offset: a label bound here without a Label object, for code maps (e.g. a JIT's
   * offset of every instruction). `markOffset(mark)` reads it, relaxed by `finalize()` like any label.
   * Marks do not survive `reset()`.
   */
  mark(): number {
    const id = this.labels.create(null);
    this.labels.pos[id] = this.buf.pos;
    return id;
  }

  /** The offset of a mark made by `mark()` (final once `finalize()` has relaxed the code). */
  markOffset(mark: number): number {
    if (!(Number.isInteger(mark) && mark >= 0 && mark < this.labels.count)) {
      throw new UsageError(ErrorCodes.USAGE, `${String(mark)} is not a mark of this assembler (0..${this.labels.count - 1})`);
    }
    return this.labels.pos[mark];
  }

  /** Offset a label is bound to, or undefined while unbound. */
  labelOffset(label: Label): number | undefined {
    this.own(label);
    const p = this.labels.pos[label.id];
    return p >= 0 ? p : undefined;
  }

  /** Address (base + offset) a label is bound to, or undefined. */
  labelAddress(label: Label): bigint | undefined {
    const p = this.labelOffset(label);
    return p === undefined ? undefined : this.base + BigInt(p);
  }

  /**
   * The tagged template: `a.dynasm\`add ${rd}, ${rn}, #${imm}\``. Parsed once per call site (and per
   * signature of argument kinds); later calls only check and insert the values.
   */
  dynasm(strings: TemplateStringsArray, ...args: ArchValue<A>[]): this {
    const head = strings === this.lastStrings ? this.lastPlan : (this.cache.get(strings) ?? null);
    let plan = head;
    // The first variant whose signature matches the kinds of the arguments.
    while (plan !== null) {
      const n = plan.nargs;
      if (args.length === n) {
        let i = 0;
        const packed = plan.sigPacked;
        if (packed >= 0) while (i < n && this.kind(args[i]) === ((packed >>> (i << 3)) & 255)) i++;
        else {
          const sig = plan.sig;
          while (i < n && this.kind(args[i]) === sig[i]) i++;
        }
        if (i === n) break;
      }
      plan = plan.next;
    }
    if (plan === null) {
      plan = this.buildPlan(cooked(strings), args, captureSite(Assembler.prototype.dynasm));
      // The new variant goes first; the list keeps at most MAX_VARIANTS.
      plan.next = head;
      let last = plan;
      for (let v = 1; v < MAX_VARIANTS && last.next !== null; v++) last = last.next;
      last.next = null;
      this.cache.set(strings, plan);
      this.lastStrings = strings;
      this.lastPlan = plan;
    } else if (strings !== this.lastStrings) {
      this.lastStrings = strings;
      this.lastPlan = head;
    }
    this.fill(plan, args);
    return this;
  }

  /** Assembles source text once, without caching (CLI, tools). Labels work as in templates. */
  assemble(source: string): this {
    const plan = this.buildPlan([source], [], 'source');
    this.fill(plan, []);
    return this;
  }

  /**
   * Resolves every pending label reference and returns a copy of the code. Errors: a label referenced
   * but never bound, or a reference out of range for its field. The assembler can keep emitting after.
   */
  finalize(): Uint8Array {
    if (this.relaxLog) {
      // Shrinks long branches in place (src/runtime/relax.ts); label offsets are final from here on.
      const a = this.arch;
      const bad = relax({ buf: this.buf, labels: this.labels, relocs: this.relocs, kinds: this.kinds, shapes: a.relax!, base: this.base, codePad: (b, at, n) => a.codePad(b, at, n) }, this.relaxLog);
      if (bad) throw new LabelError(ErrorCodes.LABEL_RANGE, `internal error: a branch shortened by an earlier finalize() no longer reaches ${this.labels.describe(bad.label)} (${bad.distance} bytes)`);
    }
    const out = this.buf.bytes();
    const dv = new DataView(out.buffer);
    const r = this.relocs;
    const pos = this.labels.pos;
    for (let i = 0; i < r.count; i++) {
      const id = r.label[i];
      const target = pos[id];
      if (target < 0) {
        throw new LabelError(ErrorCodes.LABEL_UNDEFINED, `${this.labels.describe(id)} is referenced but never bound`, (r.src[i] as Plan).where(r.srcIndex[i]));
      }
      const kind = r.kind[i];
      const k = this.kinds[kind];
      let st = patchPc(dv, this.pcTable, kind, r.at[i], target - r.pc[i]);
      if (st < 0) st = applyReloc(dv, k, r.at[i], r.pc[i], target, this.base);
      if (st !== RELOC_OK) throw rangeError(k, this.labels.describe(id), target - r.pc[i], st, (r.src[i] as Plan).where(r.srcIndex[i]), this.base);
    }
    return out;
  }

  // ── internals ───────────────────────────────────────────────────────────

  /** The value kind of an argument: the brand, else the arch's `kindOf` if it has one. */
  private kind(v: unknown): number {
    const k = kindOf(v);
    return k !== 0 || this.arch.kindOf === undefined ? k : this.arch.kindOf(v);
  }

  private buildPlan(raw: readonly string[], args: readonly unknown[], site: string): Plan {
    const kinds = new Int32Array(args.length);
    for (let i = 0; i < args.length; i++) kinds[i] = this.kind(args[i]);
    const { statements } = lex(raw, site);
    for (let i = 0; i < args.length; i++) {
      if (kinds[i] === 0) {
        const at = statements.flatMap((s) => s.tokens.map((t) => ({ t, s }))).find((x) => x.t.t === 7 && x.t.n === i);
        throw new OperandError(ErrorCodes.VALUE, `\${${i}} is ${describeValue(args[i])}: expected a register, number, bigint, Label or name`, {
          site,
          line: at?.t.line,
          column: at?.t.col,
          text: at?.s.text,
        });
      }
    }
    planStats.built++;
    return new PlanBuilder(this.arch, kinds, site).build(statements);
  }

  private own(label: Label): void {
    if (!(label instanceof Label)) throw new LabelError(ErrorCodes.LABEL_FOREIGN, `${String(label)} is not a Label`);
    this.labelArg(label);
  }

  private pushUndo(type: number, a: number, b: number, c: number): void {
    let n = this.undoLen;
    if (n + 4 > this.undo.length) {
      const next = new Int32Array(this.undo.length * 2);
      next.set(this.undo);
      this.undo = next;
    }
    const u = this.undo;
    u[n++] = type;
    u[n++] = a;
    u[n++] = b;
    u[n++] = c;
    this.undoLen = n;
  }

  private fill(plan: Plan, args: readonly unknown[]): void {
    const buf = this.buf;
    buf.reserve(plan.reserve);
    if (plan.hasInsn && (buf.pos & (this.arch.insnAlign - 1)) !== 0) {
      throw new UsageError(ErrorCodes.USAGE, `instructions must start at a multiple of ${this.arch.insnAlign}, but the code offset is ${buf.pos} (use .align)`, { site: plan.site });
    }
    if (plan.constOnly) {
      // Constant bytes only (a template without values, labels or alignment): nothing can fail or be undone.
      const ops = plan.ops;
      const w = ops[1];
      const len = ops[2];
      const p = buf.pos;
      const dv = buf.dv;
      for (let j = 0; j < len; j += 4) dv.setInt32(p + j, ops[w + (j >> 2)], true);
      buf.pos = p + len;
      return;
    }
    const start = buf.pos;
    const relocCount = this.relocs.count;
    const labelCount = this.labels.count;
    const logN = this.relaxLog ? this.relaxLog.n : 0;
    const logA = this.relaxLog ? this.relaxLog.na : 0;
    this.undoLen = 0;
    if (this.undoNames.length) this.undoNames.length = 0;
    const ops = plan.ops;
    const n = plan.nops;
    const dyn = plan.dyn;
    const arch = this.arch;
    let k = 0;
    let d = -1;
    try {
      for (; k < n; k++) {
        const i = k << 2;
        switch (ops[i]) {
          case OP.BYTES: {
            // Whole little-endian words (the plan reserved 3 bytes of slack for a partial last word).
            const w = ops[i + 1];
            const len = ops[i + 2];
            const p = buf.pos;
            const dv = buf.dv;
            for (let j = 0; j < len; j += 4) dv.setInt32(p + j, ops[w + (j >> 2)], true);
            buf.pos = p + len;
            break;
          }
          case OP.DYN: {
            const end = ops[i + 1] + ops[i + 2];
            for (d = ops[i + 1]; d < end; d++) arch.emit(dyn[d], args, buf);
            d = -1;
            break;
          }
          case OP.OR32: {
            const dv = buf.dv;
            const at = buf.pos - ops[i + 1];
            dv.setUint32(at, (dv.getUint32(at, true) | ops[i + 2]) >>> 0, true);
            break;
          }
          case OP.REF:
            this.ref(plan, ops[i + 1], args, k);
            break;
          case OP.BIND:
            this.bind(plan, ops[i + 1], ops[i + 2], args);
            break;
          case OP.ALIGN: {
            const pad = -buf.pos & (ops[i + 1] - 1);
            this.relaxLog?.align(buf.pos, pad, ops[i + 1], ops[i + 2]);
            if (pad > 0) {
              const fill = ops[i + 2];
              if (fill < 0) this.arch.codePad(buf, buf.pos, pad);
              else buf.u8.fill(fill, buf.pos, buf.pos + pad);
              buf.pos += pad;
            }
            break;
          }
          case OP.DATA: {
            const v = args[ops[i + 1]] as number | bigint;
            const size = ops[i + 2];
            const bad = checkData(v, size);
            if (bad) throw new OperandError(ErrorCodes.RANGE, bad, { actual: String(v) });
            writeData(buf.dv, buf.pos, v, size);
            buf.pos += size;
            break;
          }
          case OP.SPACE: {
            const v = args[ops[i + 1]];
            if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_SPACE) {
              throw new OperandError(ErrorCodes.RANGE, `.space size must be an integer 0..${MAX_SPACE}`, { actual: String(v) });
            }
            buf.reserve(v);
            buf.u8.fill(ops[i + 2], buf.pos, buf.pos + v);
            buf.pos += v;
            break;
          }
        }
      }
    } catch (e) {
      this.relaxLog?.truncate(logN, logA);
      this.rollback(start, relocCount, labelCount);
      if (e instanceof DynasmError) throw e.located(plan.where(k, d));
      throw e;
    }
  }

  private rollback(start: number, relocCount: number, labelCount: number): void {
    this.buf.pos = start;
    this.relocs.count = relocCount;
    const u = this.undo;
    const L = this.labels;
    let names = this.undoNames.length;
    for (let n = this.undoLen - 4; n >= 0; n -= 4) {
      switch (u[n]) {
        case U_BIND:
          L.pos[u[n + 1]] = -1;
          break;
        case U_LOCAL:
          L.backPos[u[n + 1]] = u[n + 2];
          L.fwd[u[n + 1]] = u[n + 3];
          break;
        case U_NAMED:
          L.named.delete(this.undoNames[--names]);
          break;
      }
    }
    this.undoLen = 0;
    L.truncate(labelCount);
  }

  private labelArg(v: unknown): number {
    const l = v as Label;
    if (l.owner !== this.labels || l.epoch !== this.labels.epoch) {
      throw new LabelError(ErrorCodes.LABEL_FOREIGN, `${String(l)} belongs to another assembler (or to this one before reset())`);
    }
    return l.id;
  }

  private namedId(name: string): number {
    const L = this.labels;
    let id = L.named.get(name);
    if (id === undefined) {
      id = L.create({ kind: 'named', name });
      L.named.set(name, id);
      this.undoNames.push(name);
      this.pushUndo(U_NAMED, 0, 0, 0);
    }
    return id;
  }

  private bind(plan: Plan, src: number, val: number, args: readonly unknown[]): void {
    const L = this.labels;
    const here = this.buf.pos;
    let id: number;
    if (src === SRC.ARG) {
      id = this.labelArg(args[val]);
      if (L.pos[id] >= 0) throw new LabelError(ErrorCodes.LABEL_DUPLICATE, `${L.describe(id)} is already bound (at offset ${L.pos[id]})`);
    } else if (src === SRC.LOCAL) {
      // Backward references only need the position; an id exists only if a forward reference waits.
      this.pushUndo(U_LOCAL, val, L.backPos[val], L.fwd[val]);
      L.backPos[val] = here;
      id = L.fwd[val];
      if (id < 0) return;
      L.fwd[val] = -1;
    } else {
      const name = plan.names[val];
      id = this.namedId(name);
      if (L.pos[id] >= 0) throw new LabelError(ErrorCodes.LABEL_DUPLICATE, `label '${name}' is already defined (at offset ${L.pos[id]})`);
    }
    L.pos[id] = here;
    this.pushUndo(U_BIND, id, 0, 0);
  }

  /** Writes a reference resolved at fill time (applyReloc, through the numeric table for the simple kinds). */
  private patch(kind: number, at: number, pc: number, target: number): number {
    const st = patchPc(this.buf.dv, this.pcTable, kind, at, target - pc);
    return st >= 0 ? st : applyReloc(this.buf.dv, this.kinds[kind], at, pc, target, this.base);
  }

  private ref(plan: Plan, row: number, args: readonly unknown[], op: number): void {
    const r = plan.ops;
    const o = row;
    const kind = r[o];
    const src = r[o + 1];
    const val = r[o + 2];
    const end = this.buf.pos;
    const at = end - (r[o + 3] >= 0 ? r[o + 3] : this.arch.refBack!());
    const pc = end - r[o + 4];
    const extra = r[o + 5];
    const L = this.labels;
    let id: number;
    if (src === SRC.REL) {
      const target = at + extra;
      const st = this.patch(kind, at, pc, target);
      if (st !== RELOC_OK) throw rangeError(this.kinds[kind], 'the label', target - pc, st, {}, this.base);
      this.relaxLog?.ref(at, pc, kind, -1, target, false);
      return;
    }
    if (src === SRC.ARG) id = this.labelArg(args[val]);
    else if (src === SRC.LOCAL) {
      if (extra === 0) {
        const target = L.backPos[val];
        if (target < 0) throw new LabelError(ErrorCodes.LABEL_UNDEFINED, `local label ${val}b: no '${val}:' before this reference`);
        const st = this.patch(kind, at, pc, target);
        if (st !== RELOC_OK) throw rangeError(this.kinds[kind], `local label ${val}b`, target - pc, st, {}, this.base);
        this.relaxLog?.ref(at, pc, kind, -1, target, false);
        return;
      }
      id = L.fwd[val];
      if (id < 0) {
        this.pushUndo(U_LOCAL, val, L.backPos[val], -1);
        id = L.create(LOCAL_ORIGINS[val]!);
        L.fwd[val] = id;
      }
    } else id = this.namedId(plan.names[val]);
    const target = L.pos[id];
    if (target >= 0) {
      const st = this.patch(kind, at, pc, target);
      if (st !== RELOC_OK) throw rangeError(this.kinds[kind], L.describe(id), target - pc, st, {}, this.base);
      this.relaxLog?.ref(at, pc, kind, id, target, false);
    } else {
      if (this.relaxLog) {
        this.relocs.push(at, pc, kind, id, plan, op, this.relaxLog.n);
        this.relaxLog.ref(at, pc, kind, id, -1, true);
      } else this.relocs.push(at, pc, kind, id, plan, op);
    }
  }
}

function rangeError(k: RelocKind, label: string, distance: number, status: number, where: Where, base: bigint): LabelError {
  const d = describeRelocFailure(k, label, distance, status, base);
  return new LabelError(ErrorCodes.LABEL_RANGE, d.detail, { ...where, expected: d.expected, actual: d.actual });
}

/**
 * The template's text with JavaScript escapes applied (`\n` is a newline, `\\n` a backslash-n, e.g. inside
 * `.ascii "…"`). An invalid escape leaves a cooked string undefined: that is a syntax error.
 */
function cooked(strings: TemplateStringsArray): readonly string[] {
  for (let i = 0; i < strings.length; i++) {
    if (strings[i] === undefined) {
      throw new DynasmSyntaxError(ErrorCodes.SYNTAX, `invalid escape sequence in the template text near '${strings.raw[i].slice(0, 20)}'`, { site: captureSite(Assembler.prototype.dynasm) });
    }
  }
  return strings;
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return `the string '${v}'`;
  if (typeof v === 'function') return 'a function';
  if (typeof v === 'object') return `an object (${(v as object).constructor?.name ?? 'Object'})`;
  return `the ${typeof v} ${String(v)}`;
}
