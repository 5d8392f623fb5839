// Branch relaxation for architectures with short and long branch forms (x86-64: `jmp` E9 rel32 → EB
// rel8, `j<cc>` 0F 8x rel32 → 7x rel8). Every relaxable branch is emitted in its long form; at finalize
// the code is compacted once, in place, shrink-only: bytes only ever move towards the start.
//
// Which branches become short is GNU as's answer, computed on sizes alone before any byte moves: start
// with every candidate short, then make passes over the branches and alignments in GNU as's order
// (write.c relax_segment / relax_frag: each item placed after those already done in the pass, later
// targets estimated from the previous pass plus the growth so far unless an alignment lies between),
// turning to long each branch out of rel8 reach and re-padding each alignment, until nothing changes
// (a few passes in practice; sizes only grow, so at most one pass per branch plus alignment settling).
// This is the same fixed point GNU as reaches, so the bytes equal GNU as's for the same source, even
// where a shrink-from-long pass would stall (two branches that each fit only if the other is short).
// Then, in one left-to-right sweep, the bytes move, short branches are rewritten, padding is redone,
// and every label, every logged reference (resolved or still pending) and every alignment record is
// mapped to its new offset; references already resolved are written again. A branch shrunk by an earlier
// finalize stays short; if it no longer reaches (an alignment grew in between), that is an internal error.

import type { CodeBuffer } from './buffer.js';
import type { LabelTable } from './labels.js';
import { applyReloc, RELOC_OK, type RelocKind, type RelocTable } from './relocs.js';

/** How a relaxable relocation kind shrinks (data in spec/<arch>/relocs.ts). */
export interface RelaxShape {
  /** Long instruction length (the field is its last 4 bytes): E9 rel32 5, 0F 8x rel32 6. */
  readonly longLen: number;
  /** Short instruction length: opcode + rel8 = 2. */
  readonly shortLen: number;
  /** Short opcode; ORed with the low 4 bits of the long form's byte at `ccAt` when ccAt ≥ 0. */
  readonly opcode: number;
  readonly ccAt: number;
  /** Relocation kind of the short form (rel8). */
  readonly shortKind: number;
}

/**
 * Every label reference and alignment of the code, in emission order (typed arrays). References are
 * logged whether they were resolved at once or left pending; `target` holds the target offset when the
 * reference named a position rather than a label (label −1).
 */
export class RelaxLog {
  n = 0;
  at = new Int32Array(64);
  pc = new Int32Array(64);
  label = new Int32Array(64);
  target = new Int32Array(64);
  kind = new Uint8Array(64);
  /** 1: the reference is in the pending relocation table (its field in the buffer stays zero). */
  pending = new Uint8Array(64);
  na = 0;
  /** Scratch arrays of `relax` (reused by every finalize of the owning assembler). */
  readonly work = new RelaxWork();
  apos = new Int32Array(16);
  apad = new Int32Array(16);
  aalign = new Int32Array(16);
  afill = new Int32Array(16);

  ref(at: number, pc: number, kind: number, label: number, target: number, pending: boolean): void {
    const i = this.n;
    if (i === this.at.length) this.growRefs();
    this.at[i] = at;
    this.pc[i] = pc;
    this.kind[i] = kind;
    this.label[i] = label;
    this.target[i] = target;
    this.pending[i] = pending ? 1 : 0;
    this.n = i + 1;
  }

  /** An alignment op at `pos` that wrote `pad` bytes (0 too: relaxation may change it) of `fill` (−1: code padding). */
  align(pos: number, pad: number, align: number, fill: number): void {
    const i = this.na;
    if (i === this.apos.length) this.growAligns();
    this.apos[i] = pos;
    this.apad[i] = pad;
    this.aalign[i] = align;
    this.afill[i] = fill;
    this.na = i + 1;
  }

  /** Forgets everything logged after `n` references and `na` alignments (a failed fill). */
  truncate(n: number, na: number): void {
    this.n = n;
    this.na = na;
  }

  reset(): void {
    this.n = 0;
    this.na = 0;
  }

  private growRefs(): void {
    const m = this.at.length * 2;
    const g = <T extends Int32Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(m);
      b.set(a);
      return b;
    };
    this.at = g(this.at);
    this.pc = g(this.pc);
    this.label = g(this.label);
    this.target = g(this.target);
    this.kind = g(this.kind);
    this.pending = g(this.pending);
  }

  private growAligns(): void {
    const m = this.apos.length * 2;
    const g = (a: Int32Array) => {
      const b = new Int32Array(m);
      b.set(a);
      return b;
    };
    this.apos = g(this.apos);
    this.apad = g(this.apad);
    this.aalign = g(this.aalign);
    this.afill = g(this.afill);
  }
}

/**
 * The working arrays of `relax`, kept by the log and grown as needed, so that a finalize allocates no
 * typed arrays (backing stores outside the heap are slow to allocate and count towards GC pressure).
 */
class RelaxWork {
  // per event
  pos = new Int32Array(0);
  old = new Int32Array(0);
  ref = new Int32Array(0);
  short = new Uint8Array(0);
  newPos = new Int32Array(0);
  newLen = new Int32Array(0);
  shortLen = new Int32Array(0);
  targetOld = new Int32Array(0);
  targetEv = new Int32Array(0);
  alignsUpTo = new Int32Array(0);
  // per logged reference (candidates: log index and event)
  cand = new Int32Array(0);
  candEv = new Int32Array(0);
  // per bucket
  bucket = new Int32Array(0);
  /**
   * Per relocation kind, made once for the kinds and shapes they were made from: the long and short
   * lengths of a relaxable kind (0: not relaxable), its short opcode, ccAt and short kind, and the size of
   * a kind whose whole container is a signed pc-relative distance (1 or 4; 0: other kinds).
   */
  kindsOf: readonly RelocKind[] | null = null;
  shapesOf: readonly (RelaxShape | undefined)[] | null = null;
  kLong = new Int32Array(0);
  kShort = new Int32Array(0);
  kOpcode = new Int32Array(0);
  kCcAt = new Int32Array(0);
  kShortKind = new Int32Array(0);
  kSimple = new Int32Array(0);

  /** Fills the per-kind tables for `kinds` and `shapes` (once per pair). */
  tables(kinds: readonly RelocKind[], shapes: readonly (RelaxShape | undefined)[]): void {
    if (this.kindsOf === kinds && this.shapesOf === shapes) return;
    const n = Math.max(kinds.length, shapes.length);
    this.kLong = new Int32Array(n);
    this.kShort = new Int32Array(n);
    this.kOpcode = new Int32Array(n);
    this.kCcAt = new Int32Array(n);
    this.kShortKind = new Int32Array(n);
    this.kSimple = new Int32Array(n);
    for (let j = 0; j < n; j++) {
      const s = shapes[j];
      if (s) {
        this.kLong[j] = s.longLen;
        this.kShort[j] = s.shortLen;
        this.kOpcode[j] = s.opcode;
        this.kCcAt[j] = s.ccAt;
        this.kShortKind[j] = s.shortKind;
      }
      const k = kinds[j];
      if (k && k.from === 'pc' && k.scale === 0 && k.signed && (k.size === 1 || k.size === 4) && k.bits === k.size * 8) this.kSimple[j] = k.size;
    }
    this.kindsOf = kinds;
    this.shapesOf = shapes;
  }

  /** Room for `ne` events, `nlog` logged references and `nb` buckets (contents are not cleared). */
  ensure(ne: number, nlog: number, nb: number): void {
    if (this.pos.length < ne) {
      const m = grow(this.pos.length, ne);
      this.pos = new Int32Array(m);
      this.old = new Int32Array(m);
      this.ref = new Int32Array(m);
      this.short = new Uint8Array(m);
      this.newPos = new Int32Array(m);
      this.newLen = new Int32Array(m);
      this.shortLen = new Int32Array(m);
      this.targetOld = new Int32Array(m);
      this.targetEv = new Int32Array(m);
      this.alignsUpTo = new Int32Array(m);
    }
    if (this.cand.length < nlog) {
      const m = grow(this.cand.length, nlog);
      this.cand = new Int32Array(m);
      this.candEv = new Int32Array(m);
    }
    if (this.bucket.length < nb) this.bucket = new Int32Array(grow(this.bucket.length, nb));
  }
}

function grow(have: number, need: number): number {
  let m = Math.max(64, have);
  while (m < need) m *= 2;
  return m;
}

export interface RelaxContext {
  readonly buf: CodeBuffer;
  readonly labels: LabelTable;
  readonly relocs: RelocTable;
  readonly kinds: readonly RelocKind[];
  readonly shapes: readonly (RelaxShape | undefined)[];
  readonly base: bigint;
  /** Writes `n` bytes of code padding at `at`. */
  codePad(buf: CodeBuffer, at: number, n: number): void;
}

/** A reference that no longer reaches after relaxation (only a branch shrunk by an earlier finalize). */
export interface RelaxFailure {
  readonly label: number;
  readonly distance: number;
  readonly kind: number;
}

/** Statistics of the last relaxation (tests and benchmarks). */
export interface RelaxStats {
  candidates: number;
  shortened: number;
  passes: number;
  saved: number;
}

export const lastRelax: RelaxStats = { candidates: 0, shortened: 0, passes: 0, saved: 0 };

const SHORT_MIN = -128;
const SHORT_MAX = 127;

/** The events of one relaxation: candidate branches and alignments in offset order (typed arrays). */
interface Events {
  readonly n: number;
  readonly pos: Int32Array;
  readonly old: Int32Array;
  /** Log index of a branch, or −1 − alignment index. */
  readonly ref: Int32Array;
  /** 0 long, 1 short so far, 2 short for certain (see the target events in relax). */
  readonly short: Uint8Array;
  readonly newPos: Int32Array;
  readonly newLen: Int32Array;
  /** A branch's short length, or −alignment for an alignment. */
  readonly shortLen: Int32Array;
  /**
   * bucket[k] = number of events at old offsets below k << BUCKET_SHIFT: eventAt looks up its bucket and
   * steps back over the few events inside it (no search over the whole code).
   */
  readonly bucket: Int32Array;
  /** Buckets in use (entries past it are stale). */
  readonly nb: number;
}

/** Old-offset bytes per bucket of the event index (a branch event is 2..6 bytes long, so a few per bucket). */
const BUCKET_SHIFT = 5;

/** Buckets of the event index for code of `end` bytes. */
function bucketCount(end: number): number {
  return (end >> BUCKET_SHIFT) + 3;
}

/** Fills bucket[0..nb) for events at sorted old offsets `pos[0..n)`. */
function fillBuckets(bucket: Int32Array, nb: number, pos: Int32Array, n: number): void {
  let e = 0;
  for (let k = 0; k < nb; k++) {
    const lim = k << BUCKET_SHIFT;
    while (e < n && pos[e] < lim) e++;
    bucket[k] = e;
  }
}

/** New positions and lengths of the events for the current short/long choices. */
function layout(ev: Events): void {
  const { n, pos, old, short, newPos, newLen, shortLen } = ev;
  let shift = 0;
  for (let e = 0; e < n; e++) {
    const p = pos[e] - shift;
    newPos[e] = p;
    const sl = shortLen[e];
    const len = sl < 0 ? -p & (-sl - 1) : short[e] !== 0 ? sl : old[e];
    newLen[e] = len;
    shift += old[e] - len;
  }
}

/**
 * One pass in GNU as's order (write.c relax_segment / relax_frag): events left to right, each placed
 * after the ones already done in this pass (`stretch`: how far this pass has moved things so far). A
 * branch's target before it is where this pass put it; a target after it is where the previous pass
 * put it, plus the stretch — unless an alignment lies between them and the stretch is positive (the
 * alignment may absorb it; GNU as then does not add it, and leaves a branch whose target would seem
 * to lie behind it as it is). A short branch out of reach becomes long; an alignment takes its new
 * padding. True if a size changed.
 */
function relaxPass(ev: Events, targetOld: Int32Array, targetEv: Int32Array, alignsUpTo: Int32Array): boolean {
  const { n, short, newPos, newLen, shortLen, old } = ev;
  let stretch = 0;
  let changed = false;
  for (let e = 0; e < n; e++) {
    const p = newPos[e] + stretch;
    newPos[e] = p;
    const sl = shortLen[e];
    let len: number;
    if (sl < 0) len = -p & (-sl - 1);
    else if (short[e] === 0) len = old[e];
    else if (short[e] === 2) len = sl;
    else {
      const te = targetEv[e];
      let t = mapAt(ev, targetOld[e], te);
      let keep = false;
      if (te > e && stretch !== 0) {
        // Not yet placed in this pass.
        if (stretch < 0 || alignsUpTo[te] === alignsUpTo[e]) t += stretch;
        else if (t < p + sl) keep = true;
      }
      const d = t - (p + sl);
      if (!keep && (d < SHORT_MIN || d > SHORT_MAX)) {
        short[e] = 0;
        len = old[e];
      } else len = sl;
    }
    if (len !== newLen[e]) {
      stretch += len - newLen[e];
      newLen[e] = len;
      changed = true;
    }
  }
  return changed;
}

/** The last event at or before old offset x (−1: none). */
function eventAt(ev: Events, x: number): number {
  const pos = ev.pos;
  const bucket = ev.bucket;
  if (x < 0) return -1;
  const k = (x >> BUCKET_SHIFT) + 1;
  // The last event below the end of x's bucket, then back over the events of the bucket after x.
  let e = (k < ev.nb ? bucket[k] : ev.n) - 1;
  while (e >= 0 && pos[e] > x) e--;
  return e;
}

/** New offset of old offset x, given e = eventAt(x) (x at an event's start with old length > 0: the start; else after it). */
function mapAt(ev: Events, x: number, e: number): number {
  if (e < 0) return x;
  const p = ev.pos[e];
  const o = ev.old[e];
  // Inside an event: a long branch keeps its bytes; an alignment's or a short branch's start.
  if (x < p + o) return ev.ref[e] >= 0 && ev.short[e] === 0 ? ev.newPos[e] + (x - p) : ev.newPos[e];
  return ev.newPos[e] + ev.newLen[e] + (x - p - o);
}

/**
 * A distance (in the long layout) from which a branch cannot reach rel8 whatever the others become: the
 * bytes between shrink at most by the largest share a long branch can lose, (long − short) / long.
 */
function certainlyFar(shapes: readonly (RelaxShape | undefined)[]): number {
  let keep = 1;
  let longest = 0;
  for (const s of shapes) {
    if (!s) continue;
    keep = Math.min(keep, s.shortLen / s.longLen);
    longest = Math.max(longest, s.longLen);
  }
  return keep > 0 ? Math.ceil((SHORT_MAX + 1 + longest) / keep) + longest : Infinity;
}

/** Moves bytes [from, to) down to `dst` (dst < from): a loop for the short runs between branches, else copyWithin. */
function moveDown(u8: Uint8Array, dv: DataView, dst: number, from: number, to: number): void {
  if (to - from > 256) {
    u8.copyWithin(dst, from, to);
    return;
  }
  // Four bytes at a time: each word is read before anything at or after it is written (dst < from).
  let i = from;
  for (; i + 4 <= to; i += 4, dst += 4) dv.setInt32(dst, dv.getInt32(i, true), true);
  for (; i < to; i++) u8[dst++] = u8[i];
}

/**
 * Relaxes the code of `ctx` as logged in `log`, in place. Returns null, or the reference that no longer
 * fits (internal error, see the file header). Pending references keep their place in `ctx.relocs` with
 * mapped offsets (and the short kind if their branch was shrunk); resolved ones are rewritten.
 */
export function relax(ctx: RelaxContext, log: RelaxLog): RelaxFailure | null {
  const { buf, labels, shapes } = ctx;
  const L = labels.pos;
  // Candidates: long relaxable branches with a bound target.
  // Without alignments, a branch whose target is so far that it stays out of rel8 reach even if every
  // branch between became short is long in GNU as's answer too (the passes only ever lengthen, and the
  // least set of long branches contains it), so it is no candidate: JIT code has thousands of such exits.
  const na = log.na;
  const far = na === 0 ? certainlyFar(shapes) : Infinity;
  const nb = bucketCount(buf.pos);
  const w = log.work;
  w.ensure(log.n + na, log.n, nb);
  w.tables(ctx.kinds, shapes);
  const kLong = w.kLong;
  const kShort = w.kShort;
  const cand = w.cand;
  const candEv = w.candEv;
  const logKind = log.kind;
  const logLabel = log.label;
  // Events in offset order, in the same walk: alignments (before a branch at the same offset: they were
  // emitted first) and candidates.
  const evPos = w.pos;
  const evOld = w.old;
  const evRef = w.ref; // log index of a branch, or −1 − alignment index
  const short = w.short;
  const newPos = w.newPos;
  const newLen = w.newLen;
  const targetOld = w.targetOld;
  /** Per event: the short length of a branch, or the alignment (negated) of an alignment. */
  const evShortLen = w.shortLen;
  let nc = 0;
  let ne = 0;
  let a = 0;
  for (let i = 0; i < log.n; i++) {
    const kind = logKind[i];
    const longLen = kLong[kind];
    if (longLen === 0) continue;
    const lb = logLabel[i];
    const t = lb >= 0 ? L[lb] : log.target[i];
    if (t < 0) continue;
    const pc = log.pc[i];
    const d = t - pc;
    if (d >= far || d <= -far) continue;
    const bStart = pc - longLen;
    for (; a < na && log.apos[a] <= bStart; a++, ne++) {
      evPos[ne] = log.apos[a];
      evOld[ne] = log.apad[a];
      evRef[ne] = -1 - a;
      evShortLen[ne] = -log.aalign[a];
      short[ne] = 1;
    }
    cand[nc] = i;
    candEv[nc++] = ne;
    evPos[ne] = bStart;
    evOld[ne] = longLen;
    evRef[ne] = i;
    evShortLen[ne] = kShort[kind];
    targetOld[ne] = t;
    short[ne++] = 1;
  }
  for (; a < na; a++, ne++) {
    evPos[ne] = log.apos[a];
    evOld[ne] = log.apad[a];
    evRef[ne] = -1 - a;
    evShortLen[ne] = -log.aalign[a];
    short[ne] = 1;
  }
  lastRelax.candidates = nc;
  lastRelax.shortened = 0;
  lastRelax.passes = 0;
  lastRelax.saved = 0;
  if (nc === 0 && na === 0) return null;
  const evs: Events = { n: ne, pos: evPos, old: evOld, ref: evRef, short, newPos, newLen, shortLen: evShortLen, bucket: w.bucket, nb };
  fillBuckets(w.bucket, nb, evPos, ne);
  const map = (x: number): number => mapAt(evs, x, eventAt(evs, x));

  // Each candidate's target event, found once for every pass. Without alignments, a branch whose short
  // form reaches its target in the current layout reaches it in every layout the passes try (they only
  // ever shrink the bytes between, relative to this layout): it is short for certain (short = 2), and
  // the passes do not look at its target. JIT code has no alignments and mostly such local branches.
  const targetEv = w.targetEv;
  for (let e = 0; e < ne; e++) {
    if (evRef[e] < 0) continue;
    const t = targetOld[e];
    const p = evPos[e];
    const end = p + evOld[e];
    if (na === 0 && (t >= end ? t - end <= SHORT_MAX : t <= p && t - (p + evShortLen[e]) >= SHORT_MIN)) short[e] = 2;
    else targetEv[e] = eventAt(evs, t);
  }

  // GNU as's regions: an alignment starts a new one (alignsUpTo[e]: alignments among events 0..e).
  const alignsUpTo = w.alignsUpTo;
  for (let e = 0, k = 0; e < ne; e++) {
    if (evRef[e] < 0) k++;
    alignsUpTo[e] = k;
  }
  layout(evs);
  for (;;) {
    lastRelax.passes++;
    if (!relaxPass(evs, targetOld, targetEv, alignsUpTo)) break;
  }

  // Move the bytes (left to right; nothing moves right) and rewrite the events.
  const u8 = buf.u8;
  let shortened = 0;
  let src = 0;
  let dst = 0;
  for (let e = 0; e < ne; e++) {
    const p = evPos[e];
    if (p > src) {
      if (dst !== src) moveDown(u8, buf.dv, dst, src, p);
      dst += p - src;
    }
    const i = evRef[e];
    if (i < 0) {
      const a = -1 - i;
      const pad = newLen[e];
      if (pad > 0) {
        const fill = log.afill[a];
        if (fill < 0) ctx.codePad(buf, dst, pad);
        else u8.fill(fill, dst, dst + pad);
      }
      dst += pad;
    } else if (short[e]) {
      const kind = logKind[i];
      const ccAt = w.kCcAt[kind];
      const op = ccAt >= 0 ? w.kOpcode[kind] | (u8[p + ccAt] & 15) : w.kOpcode[kind];
      u8[dst] = op;
      const sl = kShort[kind];
      for (let k = 1; k < sl; k++) u8[dst + k] = 0;
      dst += sl;
      shortened++;
    } else {
      if (dst !== p) moveDown(u8, buf.dv, dst, p, p + evOld[e]);
      dst += evOld[e];
    }
    src = p + evOld[e];
  }
  lastRelax.shortened = shortened;
  const end = buf.pos;
  if (end > src && dst !== src) moveDown(u8, buf.dv, dst, src, end);
  dst += end - src;
  lastRelax.saved = end - dst;
  buf.pos = dst;

  // Labels (bound ones and the positions of local numeric labels). The bound labels are most of the
  // offsets to map (a JIT marks every instruction): eventAt and mapAt written out over local arrays.
  const bucket = w.bucket;
  for (let id = 0; id < labels.count; id++) {
    const x = L[id];
    if (x < 0) continue;
    const k = (x >> BUCKET_SHIFT) + 1;
    let e = (k < nb ? bucket[k] : ne) - 1;
    while (e >= 0 && evPos[e] > x) e--;
    if (e < 0) continue;
    const p = evPos[e];
    const o = evOld[e];
    if (x >= p + o) L[id] = newPos[e] + newLen[e] + (x - p - o);
    else L[id] = evRef[e] >= 0 && short[e] === 0 ? newPos[e] + (x - p) : newPos[e];
  }
  const bp = labels.backPos;
  for (let n = 0; n < bp.length; n++) if (bp[n] >= 0) bp[n] = map(bp[n]);

  // Logged references (in offset order): new offsets; shrunk branches get the short kind; resolved ones
  // are rewritten. One merge walk over the events instead of a search per reference; the candidates are
  // a subsequence of the log (cand, with their events in candEv).
  const dv = buf.dv;
  let failure: RelaxFailure | null = null;
  const kSimple = w.kSimple;
  const kShortKind = w.kShortKind;
  const logAt = log.at;
  const logPc = log.pc;
  let evp = -1;
  let prev = -1;
  let ci = 0;
  let nextCand = nc > 0 ? cand[0] : -1;
  for (let i = 0; i < log.n; i++) {
    let at: number;
    let pc: number;
    const a0 = logAt[i];
    let shortAt = -1;
    if (i === nextCand) {
      const e = candEv[ci++];
      nextCand = ci < nc ? cand[ci] : -1;
      evp = e;
      if (short[e]) shortAt = newPos[e] + 1;
    }
    if (shortAt >= 0) {
      const kind = logKind[i];
      at = shortAt;
      pc = at - 1 + kShort[kind];
      logKind[i] = kShortKind[kind];
    } else {
      if (a0 < prev) at = map(a0);
      else {
        while (evp + 1 < ne && evPos[evp + 1] <= a0) evp++;
        at = mapAt(evs, a0, evp);
      }
      pc = at + (logPc[i] - a0);
    }
    prev = a0;
    logAt[i] = at;
    logPc[i] = pc;
    const lb = logLabel[i];
    if (lb < 0) {
      const t0 = log.target[i];
      log.target[i] = mapAt(evs, t0, eventAt(evs, t0));
    }
    if (log.pending[i]) continue;
    const kind = logKind[i];
    const t = lb >= 0 ? L[lb] : log.target[i];
    const d = t - pc;
    const size = kSimple[kind];
    if (size === 4) {
      dv.setInt32(at, d, true);
      continue;
    }
    if (size === 1) {
      // rel8 (the whole container is the signed distance): write it directly.
      if (d < -128 || d > 127) {
        failure ??= { label: lb, distance: d, kind };
        continue;
      }
      u8[at] = d;
      continue;
    }
    const k = ctx.kinds[kind];
    for (let b = 0; b < k.size; b++) u8[at + b] = 0;
    if (applyReloc(dv, k, at, pc, t, ctx.base) !== RELOC_OK && !failure) failure = { label: lb, distance: d, kind };
  }
  // Alignment records: their new position and padding (for a later finalize).
  for (let e = 0; e < ne; e++) {
    if (evRef[e] >= 0) continue;
    log.apos[-1 - evRef[e]] = newPos[e];
    log.apad[-1 - evRef[e]] = newLen[e];
  }

  // Pending relocations (each is also a pending log entry, whose index it holds): new offsets and kinds.
  const r = ctx.relocs;
  for (let j = 0; j < r.count; j++) {
    const i = r.log[j];
    if (i < 0 || i >= log.n || log.pending[i] === 0) throw new Error(`relax: pending reference at ${r.at[j]} is not in the log`);
    r.at[j] = logAt[i];
    r.pc[j] = logPc[i];
    r.kind[j] = logKind[i];
  }
  return failure;
}
