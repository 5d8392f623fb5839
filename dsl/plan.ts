// Plans: a template call site compiled once for one signature of argument kinds.
// A plan is an op stream (Int32Array, 4 ints per op) over constant byte chunks, arch-private dynamic
// instructions, label bindings and label references. Filling a plan replays the ops; only interpolated
// values are looked at per call.
//
// Label references whose target is in the same template, at a fixed distance, are resolved here once:
// into the constant bytes when the instruction is constant, else into a REF op with a constant delta.

import type { Arch, InsnSink, LabelSyntax } from './arch.js';
import { VK } from './arch.js';
import { DynasmError, ErrorCodes, LabelError, DynasmSyntaxError, type Where } from './errors.js';
import { T, type Statement, type Token } from './lexer.js';
import { compileDirective } from './directives.js';
import { LOCAL_LABELS } from '../src/runtime/labels.js';
import { applyReloc, describeRelocFailure, RELOC_OK } from '../src/runtime/relocs.js';

/** Op codes. Layout: ops[4*i] = code, then three operands. */
export const OP = {
  /** a = index in `ops` of the bytes (packed little-endian, 4 per int), b = byte count: copy constant bytes. */
  BYTES: 1,
  /** a = index into `dyn`, b = count: `arch.emit(dyn[j], args, buf)` for j in a .. a+b−1 (consecutive dynamic instructions). */
  DYN: 2,
  /** a = index in `ops` of the reference's row (REF_STRIDE ints): resolve a label reference or record a relocation. */
  REF: 3,
  /** a = source kind (SRC), b = value: bind a label at the current position. */
  BIND: 4,
  /** a = alignment in bytes, b = fill byte or −1 for code padding. */
  ALIGN: 5,
  /** a = argument, b = size in bytes (1, 2, 4, 8): an interpolated data value (number, bigint or Label). */
  DATA: 6,
  /** a = argument, b = fill byte: `.space ${n}`. */
  SPACE: 7,
  /** a = bytes back from the current position, b = bits: OR a constant into a 32-bit LE word (a label at a fixed distance). */
  OR32: 8,
} as const;

/** Where a label comes from: an argument (Label object), a local numeric label, a named label, or a constant offset from the reference. */
export const SRC = { ARG: 0, LOCAL: 1, NAME: 2, REL: 3 } as const;

/** refs row layout (6 ints): kind, src, value, back, pcBack, extra (LOCAL: 0 = b, 1 = f; REL: delta from the field to the target). */
export const REF_STRIDE = 6;

export interface StmtInfo {
  readonly line: number;
  readonly col: number;
  readonly text: string;
  /** Column of each operand (operand 1 first), for errors raised while filling. */
  readonly operandCols: readonly number[];
}

/** Instruction prefixes written as a word before the mnemonic (x86); operands start after the mnemonic. */
const PREFIX_WORDS = new Set(['lock', 'rep', 'repe', 'repz', 'repne', 'repnz', 'notrack', 'bnd', 'xacquire', 'xrelease']);

/**
 * The column of the first token of each operand of an instruction statement: after an optional label
 * definition (`name:` or `${i}:`), the mnemonic (and x86 prefix words), the tokens split at commas outside
 * brackets, braces and parentheses. Directives get their arguments' columns the same way.
 */
export function operandColumns(tokens: readonly Token[]): number[] {
  let i = 0;
  if (tokens.length > 1 && tokens[1]!.t === T.PUNCT && tokens[1]!.s === ':') i = 2;
  while (i < tokens.length && tokens[i]!.t === T.IDENT && PREFIX_WORDS.has(tokens[i]!.s.toLowerCase())) i++;
  i++; // the mnemonic or directive
  const cols: number[] = [];
  let depth = 0;
  let start = true;
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (start) {
      cols.push(t.col);
      start = false;
    }
    if (t.t !== T.PUNCT) continue;
    if (t.s === '[' || t.s === '{' || t.s === '(') depth++;
    else if (t.s === ']' || t.s === '}' || t.s === ')') depth--;
    else if (t.s === ',' && depth === 0) start = true;
  }
  return cols;
}

export class Plan {
  /** The next variant of the same call site (another signature), or null. */
  next: Plan | null = null;
  /** sig.length, and the kinds of up to 4 arguments packed 8 bits each (−1: more, or a kind above 127). */
  readonly nargs: number;
  readonly sigPacked: number;
  /** The plan is one BYTES op (constant code): fill copies it without its transaction bookkeeping. */
  readonly constOnly: boolean;

  constructor(
    /** Kind of each argument this plan was built for. */
    readonly sig: Int32Array,
    /**
     * `nops` ops of 4 ints, then the constant bytes of the BYTES ops packed 4 per int, then the rows of the
     * REF ops (one array, so a fill reads the op stream, its bytes and its references from one place).
     */
    readonly ops: Int32Array,
    readonly nops: number,
    /** Statement index of each op (for error locations). */
    readonly opStmt: Int32Array,
    readonly dyn: readonly unknown[],
    /** Statement index of each dynamic instruction. */
    readonly dynStmt: Int32Array,
    readonly names: readonly string[],
    readonly stmts: readonly StmtInfo[],
    /** Bytes to reserve before a fill (fixed sizes + dynamic maxima + alignment slack + 3: BYTES writes whole words). */
    readonly reserve: number,
    /** The plan contains instructions (so it must start at an instruction-aligned offset). */
    readonly hasInsn: boolean,
    /** Call site, file:line:column. */
    readonly site: string,
  ) {
    // The signature check of every call reads these two numbers from the plan, not the array.
    this.nargs = sig.length;
    let packed = sig.length <= 4 ? 0 : -1;
    for (let i = 0; packed >= 0 && i < sig.length; i++) packed = sig[i] >= 0 && sig[i] <= 127 ? packed | (sig[i] << (i * 8)) : -1;
    this.sigPacked = packed;
    this.constOnly = nops === 1 && ops[0] === OP.BYTES;
  }

  /** Location of op `op` (or, when `dyn` ≥ 0, of that dynamic instruction). */
  where(op: number, dyn = -1): Where {
    const s = this.stmts[dyn >= 0 ? this.dynStmt[dyn] : this.opStmt[op]];
    return s ? { site: this.site, line: s.line, column: s.col, text: s.text, operandColumns: s.operandCols } : { site: this.site };
  }
}

interface LabelDef {
  readonly key: string; // 'l:3', 'n:loop', 'a:2'
  readonly stmt: number;
  readonly seg: number;
  readonly off: number;
}

interface PendingRef {
  readonly label: LabelSyntax;
  readonly kind: number;
  readonly back: number;
  readonly pcBack: number;
  readonly stmt: number;
  readonly seg: number;
  /** Segment offset of the instruction's end. */
  readonly end: number;
  /** Image offset of the instruction's end if it is constant, else −1. */
  readonly imgEnd: number;
  /** Index of the placeholder REF op. */
  readonly op: number;
  readonly tok?: Token;
}

/** Compiles a lexed template into a Plan. One builder per plan. */
export class PlanBuilder implements InsnSink {
  private readonly img: number[] = [];
  private readonly ops: number[] = [];
  private readonly opStmt: number[] = [];
  private readonly dynData: unknown[] = [];
  private readonly dynStmt: number[] = [];
  private readonly defs: LabelDef[] = [];
  /** Definitions by key, in statement order (local numbers can be defined many times). */
  private readonly defsByKey = new Map<string, LabelDef[]>();
  private readonly refs: PendingRef[] = [];
  private readonly names: string[] = [];
  private readonly stmts: StmtInfo[] = [];
  /** Start of the constant bytes not yet covered by a BYTES op. */
  private runStart = 0;
  private seg = 0;
  private segOff = 0;
  /** Offset modulo the instruction alignment, or −1 when unknown (after a dynamic-size op). */
  private phase = 0;
  private reserveBytes = 0;
  private hasInsn = false;
  private stmt = -1;
  private lastInsnEnd = -1;
  private lastInsnImgEnd = -1;

  constructor(
    readonly arch: Arch,
    readonly kinds: Int32Array,
    readonly site: string,
  ) {}

  argKind(i: number): number {
    return i >= 0 && i < this.kinds.length ? this.kinds[i] : VK.INVALID;
  }

  // ── InsnSink ────────────────────────────────────────────────────────────
  word32(w: number): void {
    this.insnStart();
    this.img.push(w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, (w >>> 24) & 0xff);
    this.advance(4, true);
  }

  bytes(b: ArrayLike<number>): void {
    this.insnStart();
    for (let i = 0; i < b.length; i++) this.img.push(b[i] & 0xff);
    this.advance(b.length, true);
  }

  dynamic(data: unknown, size: number, maxSize = size): void {
    this.insnStart();
    this.flush();
    this.dynData.push(data);
    const last = this.ops.length - 4;
    // Consecutive dynamic instructions share one op (fewer dispatches per fill).
    this.dynStmt.push(this.stmt);
    if (last >= 0 && this.ops[last] === OP.DYN && this.ops[last + 1] + this.ops[last + 2] === this.dynData.length - 1) this.ops[last + 2]++;
    else this.op(OP.DYN, this.dynData.length - 1, 1, 0);
    if (size < 0) {
      this.reserveBytes += maxSize;
      this.newSegment();
      this.lastInsnEnd = -1;
    } else {
      this.reserveBytes += size;
      this.segOff += size;
      this.lastInsnEnd = this.segOff;
      this.track(size);
    }
    this.lastInsnImgEnd = -1;
  }

  labelRef(label: LabelSyntax, kind: number, back: number, pcBack: number, tok?: Token): void {
    this.flush();
    const op = this.op(OP.REF, -1, 0, 0);
    this.refs.push({ label, kind, back, pcBack, stmt: this.stmt, seg: this.seg, end: this.lastInsnEnd, imgEnd: this.lastInsnImgEnd, op, tok });
  }

  // ── used by directives ──────────────────────────────────────────────────
  /** Constant data bytes. */
  data(b: ArrayLike<number>): void {
    for (let i = 0; i < b.length; i++) this.img.push(b[i] & 0xff);
    this.lastInsnImgEnd = this.img.length;
    this.advance(b.length, false);
  }

  /** An interpolated data value of `size` bytes. */
  dataArg(arg: number, size: number): void {
    this.flush();
    this.op(OP.DATA, arg, size, 0);
    this.reserveBytes += size;
    this.segOff += size;
    this.lastInsnEnd = this.segOff;
    this.lastInsnImgEnd = -1;
    this.track(size);
  }

  /** A label's address as data (`.quad label`), after the data bytes just emitted. */
  dataRef(label: LabelSyntax, size: 4 | 8, tok?: Token): void {
    const name = size === 8 ? 'abs64' : 'abs32';
    const kind = this.arch.relocs.findIndex((k) => k.name === name);
    if (kind < 0) throw new DynasmError(ErrorCodes.DIRECTIVE, `architecture ${this.arch.name} has no '${name}' relocation`);
    this.data(new Uint8Array(size));
    this.lastInsnEnd = this.segOff;
    this.labelRef(label, kind, size, size, tok);
  }

  align(bytes: number, fill: number): void {
    this.flush();
    this.op(OP.ALIGN, bytes, fill, 0);
    this.reserveBytes += bytes - 1;
    this.newSegment();
    const a = this.arch.insnAlign;
    this.phase = bytes % a === 0 ? 0 : -1;
  }

  spaceArg(arg: number, fill: number): void {
    this.flush();
    this.op(OP.SPACE, arg, fill, 0);
    this.newSegment();
    this.phase = -1;
  }

  // ── statements ──────────────────────────────────────────────────────────
  /** Compiles every statement; returns the plan or throws a located DynasmError. */
  build(statements: readonly Statement[]): Plan {
    statements.forEach((s, i) => {
      this.stmt = i;
      this.stmts.push({ line: s.line, col: s.col, text: s.text, operandCols: operandColumns(s.tokens) });
      try {
        this.statement(s);
      } catch (e) {
        if (e instanceof DynasmError) throw e.located({ site: this.site, line: s.line, column: s.col, text: s.text });
        throw e;
      }
    });
    this.stmt = -1;
    this.flush();
    this.resolveRefs();
    return this.finish();
  }

  private statement(s: Statement): void {
    const toks = s.tokens;
    let i = 0;
    // Label definitions: `name:`, `1:`, `${label}:`.
    while (i + 1 < toks.length && toks[i + 1].t === T.PUNCT && toks[i + 1].s === ':') {
      this.defineLabel(toks[i]);
      i += 2;
    }
    if (i >= toks.length) return;
    const head = toks[i];
    if (head.t === T.IDENT && head.s.startsWith('.')) {
      compileDirective(this, head, toks.slice(i + 1));
      return;
    }
    if (head.t !== T.IDENT) throw syntax(head, `expected a mnemonic, directive or label, got '${head.s}'`);
    this.arch.compile({ stmt: s, mnemonic: head, operands: toks.slice(i + 1) }, this);
  }

  private defineLabel(t: Token): void {
    let key: string;
    let src: number;
    let val: number;
    if (t.t === T.IDENT && !t.s.startsWith('.')) {
      key = `n:${t.s}`;
      if (this.defsByKey.has(key)) throw new LabelError(ErrorCodes.LABEL_DUPLICATE, `label '${t.s}' is defined twice in this template`, { line: t.line, column: t.col });
      src = SRC.NAME;
      val = this.nameIndex(t.s);
    } else if (t.t === T.NUM && typeof t.n === 'number' && /^\d+$/.test(t.s)) {
      if (t.n >= LOCAL_LABELS) throw syntax(t, `local labels are 0..${LOCAL_LABELS - 1}, got ${t.s}`);
      key = `l:${t.n}`;
      src = SRC.LOCAL;
      val = t.n;
    } else if (t.t === T.HOLE) {
      const arg = Number(t.n);
      if (this.argKind(arg) !== VK.LABEL) {
        throw new LabelError(ErrorCodes.VALUE, `\${${arg}} before ':' must be a Label, got ${this.arch.describeKind(this.argKind(arg))}`, { line: t.line, column: t.col });
      }
      key = `a:${arg}`;
      if (this.defsByKey.has(key)) throw new LabelError(ErrorCodes.LABEL_DUPLICATE, `label \${${arg}} is bound twice in this template`, { line: t.line, column: t.col });
      src = SRC.ARG;
      val = arg;
    } else {
      throw syntax(t, `'${t.s}' cannot be a label (use a name, a number 0..${LOCAL_LABELS - 1} or \${label})`);
    }
    this.flush();
    this.op(OP.BIND, src, val, 0);
    const def = { key, stmt: this.stmt, seg: this.seg, off: this.segOff };
    this.defs.push(def);
    const list = this.defsByKey.get(key);
    if (list) list.push(def);
    else this.defsByKey.set(key, [def]);
  }

  nameIndex(name: string): number {
    let i = this.names.indexOf(name);
    if (i < 0) {
      i = this.names.length;
      this.names.push(name);
    }
    return i;
  }

  // ── internals ───────────────────────────────────────────────────────────
  private insnStart(): void {
    this.hasInsn = true;
    const a = this.arch.insnAlign;
    if (a > 1 && this.phase !== 0) {
      throw new DynasmError(ErrorCodes.DIRECTIVE, this.phase < 0 ? `instruction after data of unknown size: add .align ${a === 4 ? 2 : a} before it` : `instruction at an offset that is not a multiple of ${a} (data before it): add .align`, {});
    }
  }

  private advance(n: number, insn: boolean): void {
    this.reserveBytes += n;
    this.segOff += n;
    if (insn) {
      this.lastInsnEnd = this.segOff;
      this.lastInsnImgEnd = this.img.length;
    }
    this.track(n);
  }

  private track(n: number): void {
    if (this.phase >= 0) this.phase = (this.phase + n) % this.arch.insnAlign;
  }

  private newSegment(): void {
    this.seg++;
    this.segOff = 0;
  }

  private op(code: number, a: number, b: number, c: number): number {
    this.ops.push(code, a, b, c);
    this.opStmt.push(this.stmt);
    return this.ops.length / 4 - 1;
  }

  /** Covers the pending constant bytes with a BYTES op (a = start, b = length; turned into chunks at the end). */
  private flush(): void {
    const n = this.img.length - this.runStart;
    if (n > 0) {
      this.op(OP.BYTES, this.runStart, n, 0);
      this.runStart = this.img.length;
    }
  }

  private findDef(label: LabelSyntax, refStmt: number): LabelDef | undefined {
    if (label.type === 'arg') return this.defsByKey.get(`a:${label.arg}`)?.[0];
    if (label.type === 'name') return this.defsByKey.get(`n:${label.name}`)?.[0];
    const list = this.defsByKey.get(`l:${label.n}`);
    if (!list) return undefined;
    // First definition in a later statement (binary search; the list is in statement order).
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid].stmt <= refStmt) lo = mid + 1;
      else hi = mid;
    }
    return label.dir === 'b' ? list[lo - 1] : list[lo];
  }

  private readonly refRows: number[] = [];

  private resolveRefs(): void {
    let dv: DataView | null = null; // a copy of the image, made on the first patch
    for (const r of this.refs) {
      const k = this.arch.relocs[r.kind];
      const def = this.findDef(r.label, r.stmt);
      const at = r.end - r.back;
      if (def && def.seg === r.seg && r.end >= 0) {
        const delta = def.off - at;
        if (k.from === 'pc') {
          const target = def.off;
          const pc = r.end - r.pcBack;
          const st = applyReloc(new DataView(new ArrayBuffer(8)), k, 0, pc, target, 0n);
          if (st !== RELOC_OK) {
            const d = describeRelocFailure(k, describeLabel(r.label), target - pc, st, 0n);
            const s = this.stmts[r.stmt];
            throw new LabelError(ErrorCodes.LABEL_RANGE, d.detail, { site: this.site, line: r.tok?.line ?? s.line, column: r.tok?.col ?? s.col, text: s.text, expected: d.expected, actual: d.actual });
          }
          // With relaxation (x64) the distance changes at finalize: keep the reference (REL below).
          if (r.imgEnd >= 0 && !this.arch.relax) {
            dv ??= new DataView(new Uint8Array(this.img).buffer);
            applyReloc(dv, k, r.imgEnd - r.back, r.imgEnd - r.pcBack, r.imgEnd - r.back + delta, 0n);
            this.ops[4 * r.op] = 0; // drop the REF op
            continue;
          }
          if (k.size === 4 && !this.arch.relax) {
            // Dynamic instruction: the field's bits are still constant; OR them in per fill.
            const word = new DataView(new ArrayBuffer(4));
            applyReloc(word, k, 0, pc, target, 0n);
            this.ops[4 * r.op] = OP.OR32;
            this.ops[4 * r.op + 1] = r.back;
            this.ops[4 * r.op + 2] = word.getUint32(0, true) | 0;
            continue;
          }
        }
        this.setRef(r, SRC.REL, 0, delta);
        continue;
      }
      if (r.label.type === 'arg') this.setRef(r, SRC.ARG, r.label.arg, 0);
      else if (r.label.type === 'name') this.setRef(r, SRC.NAME, this.nameIndex(r.label.name), 0);
      else this.setRef(r, SRC.LOCAL, r.label.n, r.label.dir === 'f' ? 1 : 0);
    }
    if (dv) {
      const bytes = new Uint8Array(dv.buffer);
      for (let i = 0; i < bytes.length; i++) this.img[i] = bytes[i];
    }
  }

  private setRef(r: PendingRef, src: number, val: number, extra: number): void {
    const row = this.refRows.length / REF_STRIDE;
    this.refRows.push(r.kind, src, val, r.back, r.pcBack, extra);
    this.ops[4 * r.op + 1] = row;
  }

  private finish(): Plan {
    const image = this.img;
    const ops: number[] = [];
    const opStmt: number[] = [];
    /** Byte runs of the BYTES ops: start in the image, length (packed after the ops at the end). */
    const runs: number[] = [];
    for (let i = 0; i < this.ops.length; i += 4) {
      const code = this.ops[i];
      if (code === 0) continue; // dropped
      if (code === OP.BYTES) {
        const start = this.ops[i + 1];
        let len = this.ops[i + 2];
        // Merge with following BYTES ops that became adjacent after dropped REFs.
        let j = i + 4;
        while (j < this.ops.length && (this.ops[j] === 0 || (this.ops[j] === OP.BYTES && this.ops[j + 1] === start + len))) {
          if (this.ops[j] === OP.BYTES) len += this.ops[j + 2];
          j += 4;
        }
        runs.push(ops.length, start, len);
        ops.push(OP.BYTES, 0, len, 0);
        opStmt.push(this.opStmt[i / 4]);
        i = j - 4;
        continue;
      }
      ops.push(code, this.ops[i + 1], this.ops[i + 2], this.ops[i + 3]);
      opStmt.push(this.opStmt[i / 4]);
    }
    const nops = ops.length / 4;
    const refBase = ops.length;
    for (let i = 0; i < ops.length; i += 4) if (ops[i] === OP.REF) ops[i + 1] = refBase + ops[i + 1] * REF_STRIDE;
    for (const v of this.refRows) ops.push(v);
    for (let r = 0; r < runs.length; r += 3) {
      const start = runs[r + 1];
      const len = runs[r + 2];
      ops[runs[r] + 1] = ops.length;
      for (let b = 0; b < len; b += 4) {
        let w = 0;
        for (let k = 3; k >= 0; k--) w = (w << 8) | (b + k < len ? image[start + b + k] : 0);
        ops.push(w | 0);
      }
    }
    return new Plan(
      this.kinds,
      new Int32Array(ops),
      nops,
      new Int32Array(opStmt),
      this.dynData,
      new Int32Array(this.dynStmt),
      this.names,
      this.stmts,
      this.reserveBytes + 3,
      this.hasInsn,
      this.site,
    );
  }
}

export function describeLabel(l: LabelSyntax): string {
  if (l.type === 'arg') return `label \${${l.arg}}`;
  if (l.type === 'name') return `label '${l.name}'`;
  return `local label ${l.n}${l.dir}`;
}

function syntax(t: Token, msg: string): DynasmSyntaxError {
  return new DynasmSyntaxError(ErrorCodes.SYNTAX, msg, { line: t.line, column: t.col });
}
