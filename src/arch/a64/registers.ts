// A64 registers: one preallocated object per register, typed by class.
// Classes: general purpose X / W (number 0..30), their zero registers XZR / WZR and stack pointers SP / WSP
// (both number 31), and the FP/SIMD views B H S D Q and V (number 0..31). Arrangements (`v0.4s`) and
// element indices (`v0.s[1]`) are written in the template text after the register.
// `X(n)`, `W(n)`, … return the preallocated objects: no allocation at run time.

import { VALUE_KIND, VK } from '../../../dsl/arch.js';

/** Register class names. */
export type RegClass = 'x' | 'xzr' | 'sp' | 'w' | 'wzr' | 'wsp' | 'b' | 'h' | 's' | 'd' | 'q' | 'v';

/** Value kinds of A64 registers (the plan signature); one per class. */
export const RK = {
  X: VK.ARCH + 0,
  XZR: VK.ARCH + 1,
  SP: VK.ARCH + 2,
  W: VK.ARCH + 3,
  WZR: VK.ARCH + 4,
  WSP: VK.ARCH + 5,
  B: VK.ARCH + 6,
  H: VK.ARCH + 7,
  S: VK.ARCH + 8,
  D: VK.ARCH + 9,
  Q: VK.ARCH + 10,
  V: VK.ARCH + 11,
} as const;

const CLASS_KIND: Record<RegClass, number> = {
  x: RK.X,
  xzr: RK.XZR,
  sp: RK.SP,
  w: RK.W,
  wzr: RK.WZR,
  wsp: RK.WSP,
  b: RK.B,
  h: RK.H,
  s: RK.S,
  d: RK.D,
  q: RK.Q,
  v: RK.V,
};

/** Human names of the register kinds. */
export const KIND_NAMES: Record<number, string> = {
  [RK.X]: 'X register',
  [RK.XZR]: 'xzr',
  [RK.SP]: 'sp',
  [RK.W]: 'W register',
  [RK.WZR]: 'wzr',
  [RK.WSP]: 'wsp',
  [RK.B]: 'B register',
  [RK.H]: 'H register',
  [RK.S]: 'S register',
  [RK.D]: 'D register',
  [RK.Q]: 'Q register',
  [RK.V]: 'V register',
};

/** An A64 register. `kind` is its class as a signature kind, `num` the encoding (0..31). */
export class Reg<C extends RegClass = RegClass> {
  readonly [VALUE_KIND]: number;
  /** @internal */
  constructor(
    readonly cls: C,
    readonly num: number,
    readonly name: string,
    readonly kind: number,
  ) {
    this[VALUE_KIND] = kind;
  }
  toString(): string {
    return this.name;
  }
}

export type XReg = Reg<'x'>;
export type WReg = Reg<'w'>;
export type GPReg = Reg<'x' | 'xzr' | 'sp' | 'w' | 'wzr' | 'wsp'>;

function make<C extends RegClass>(cls: C, prefix: string, n: number): Reg<C>[] {
  const out: Reg<C>[] = [];
  for (let i = 0; i < n; i++) out.push(new Reg(cls, i, `${prefix}${i}`, CLASS_KIND[cls]));
  return out;
}

const XS = make('x', 'x', 31);
const WS = make('w', 'w', 31);
export const xzr: Reg<'xzr'> = new Reg('xzr', 31, 'xzr', RK.XZR);
export const wzr: Reg<'wzr'> = new Reg('wzr', 31, 'wzr', RK.WZR);
export const sp: Reg<'sp'> = new Reg('sp', 31, 'sp', RK.SP);
export const wsp: Reg<'wsp'> = new Reg('wsp', 31, 'wsp', RK.WSP);
const BS = make('b', 'b', 32);
const HS = make('h', 'h', 32);
const SS = make('s', 's', 32);
const DS = make('d', 'd', 32);
const QS = make('q', 'q', 32);
const VS = make('v', 'v', 32);

function pick<T>(table: readonly T[], n: number, what: string, max: number): T {
  if (!Number.isInteger(n) || n < 0 || n > max) throw new RangeError(`${what}(${n}): register number must be an integer 0..${max}`);
  return table[n];
}

const XZ: readonly (Reg<'x'> | Reg<'xzr'>)[] = [...XS, xzr];
const WZ: readonly (Reg<'w'> | Reg<'wzr'>)[] = [...WS, wzr];

/** X register by number: 0..30, and 31 = xzr. */
export function X(n: number): Reg<'x'> | Reg<'xzr'> {
  return pick(XZ, n, 'X', 31);
}
/** W register by number: 0..30, and 31 = wzr. */
export function W(n: number): Reg<'w'> | Reg<'wzr'> {
  return pick(WZ, n, 'W', 31);
}
export function B(n: number): Reg<'b'> {
  return pick(BS, n, 'B', 31);
}
export function H(n: number): Reg<'h'> {
  return pick(HS, n, 'H', 31);
}
export function S(n: number): Reg<'s'> {
  return pick(SS, n, 'S', 31);
}
export function D(n: number): Reg<'d'> {
  return pick(DS, n, 'D', 31);
}
export function Q(n: number): Reg<'q'> {
  return pick(QS, n, 'Q', 31);
}
/** SIMD register; write the arrangement in the template: `${V(3)}.4s`. */
export function V(n: number): Reg<'v'> {
  return pick(VS, n, 'V', 31);
}

export const [x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15] = XS;
export const [x16, x17, x18, x19, x20, x21, x22, x23, x24, x25, x26, x27, x28, x29, x30] = XS.slice(16);
export const [w0, w1, w2, w3, w4, w5, w6, w7, w8, w9, w10, w11, w12, w13, w14, w15] = WS;
export const [w16, w17, w18, w19, w20, w21, w22, w23, w24, w25, w26, w27, w28, w29, w30] = WS.slice(16);
/** x29 / x30 under their procedure-call names. */
export const fp: Reg<'x'> = XS[29];
export const lr: Reg<'x'> = XS[30];

/** Register names in template text → register. Includes GNU's aliases fp, lr, ip0, ip1. */
export const REG_NAMES: ReadonlyMap<string, Reg> = (() => {
  const m = new Map<string, Reg>();
  for (const r of [...XS, ...WS, ...BS, ...HS, ...SS, ...DS, ...QS, ...VS, xzr, wzr, sp, wsp]) m.set(r.name, r);
  m.set('fp', XS[29]);
  m.set('lr', XS[30]);
  m.set('ip0', XS[16]);
  m.set('ip1', XS[17]);
  return m;
})();

/** Every register of a class, in number order (for generators and docs). */
export function regsOfClass(cls: RegClass): readonly Reg[] {
  switch (cls) {
    case 'x':
      return XS;
    case 'w':
      return WS;
    case 'xzr':
      return [xzr];
    case 'wzr':
      return [wzr];
    case 'sp':
      return [sp];
    case 'wsp':
      return [wsp];
    case 'b':
      return BS;
    case 'h':
      return HS;
    case 's':
      return SS;
    case 'd':
      return DS;
    case 'q':
      return QS;
    case 'v':
      return VS;
  }
}

/** Vector arrangements accepted after a V register (`v0.4s`) and element sizes (`v0.s[1]`). */
export const ARRANGEMENTS = ['8b', '16b', '4h', '8h', '2s', '4s', '1d', '2d', '1q', '2h', '4b'] as const;
export const ELEMENTS = ['b', 'h', 's', 'd', 'q'] as const;
