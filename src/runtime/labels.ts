// Labels: integer ids into typed arrays. A label is bound at most once to a byte offset of the code.
// Three ways to name one (all become ids): label objects made by the assembler (`newLabel`), named
// labels written in templates (`loop:`), and local numeric labels (`1:` with `1b` / `1f`).

/** Highest local numeric label + 1 (`0:` … `99:`). */
export const LOCAL_LABELS = 100;

/** What a label was called in source, for messages. */
export type LabelOrigin = { kind: 'object'; name: string | null } | { kind: 'named'; name: string } | { kind: 'local'; n: number };

/** The origin of each local numeric label, made once (a forward reference `Nf` allocates nothing). */
export const LOCAL_ORIGINS: readonly LabelOrigin[] = Array.from({ length: LOCAL_LABELS }, (_, n) => Object.freeze({ kind: 'local' as const, n }));

export class LabelTable {
  count = 0;
  /** Byte offset of each bound label, −1 while unbound. */
  pos = new Int32Array(256).fill(-1);
  /** How each label was made (null: an unnamed label object). */
  origin: (LabelOrigin | null)[] = [];
  /** Local numeric labels: offset of the most recent definition (`Nb`), −1 if none. */
  readonly backPos = new Int32Array(LOCAL_LABELS).fill(-1);
  /** Local numeric labels: id reserved by a forward reference (`Nf`) not yet defined, −1 if none. */
  readonly fwd = new Int32Array(LOCAL_LABELS).fill(-1);
  /** Named labels written in templates. */
  readonly named = new Map<string, number>();
  /** Incremented by a reset: label objects from before are refused. */
  epoch = 0;

  create(origin: LabelOrigin | null): number {
    const id = this.count;
    if (id === this.pos.length) {
      const next = new Int32Array(id * 2).fill(-1);
      next.set(this.pos);
      this.pos = next;
    }
    this.origin[id] = origin;
    this.count = id + 1;
    return id;
  }

  /**
   * Removes the labels created after `count` (used to undo a failed fill, and by reset). `origin` keeps its
   * length: entries past `count` are stale until create() overwrites them (an assembler reset per JIT
   * compile would otherwise regrow the array every time).
   */
  truncate(count: number): void {
    this.pos.fill(-1, count, this.count);
    this.count = count;
  }

  describe(id: number): string {
    const o = this.origin[id];
    if (!o) return `label #${id}`;
    if (o.kind === 'object') return o.name ? `label '${o.name}'` : `label #${id}`;
    if (o.kind === 'named') return `label '${o.name}'`;
    return `local label ${o.n}`;
  }
}
