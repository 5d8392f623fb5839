// Label objects handed out by an assembler. Inside they are integer ids into the assembler's label table.

/** A code position to branch to or load from; bind it with `${label}:` in a template. */
export class Label {
  /** @internal */
  constructor(
    /** Index into the owning assembler's label table. */
    readonly id: number,
    /** The assembler state that made it (labels cannot cross assemblers). */
    readonly owner: object,
    /** Name for messages, if given to `newLabel(name)`. */
    readonly name: string | null,
  ) {}

  toString(): string {
    return this.name ? `Label(${this.name})` : `Label(#${this.id})`;
  }
}
