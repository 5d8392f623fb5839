// Label objects handed out by an assembler. Inside they are integer ids into the assembler's label table.

import { VALUE_KIND, VK } from './arch.js';

/** A code position to branch to or load from; bind it with `${label}:` in a template. */
export class Label {
  /** VK.LABEL, on the prototype (labels are made per instruction in a JIT: no per-object field). */
  declare readonly [VALUE_KIND]: number;
  /** @internal */
  constructor(
    /** Index into the owning assembler's label table. */
    readonly id: number,
    /** The assembler state that made it (labels cannot cross assemblers). */
    readonly owner: object,
    /** Name for messages, if given to `newLabel(name)`. */
    readonly name: string | null,
    /** The owner's reset count when the label was made (labels do not survive `reset()`). */
    readonly epoch: number,
  ) {}

  toString(): string {
    return this.name ? `Label(${this.name})` : `Label(#${this.id})`;
  }
}

(Label.prototype as { [VALUE_KIND]: number })[VALUE_KIND] = VK.LABEL;
