// The tagged-template DSL: plan caching per call site, variants per argument-kind signature, every kind
// of interpolated value, labels, transactional fills, and heap growth in the steady state.
// Expected bytes come from GNU as (linked at the assembler's base) for the equivalent source text.
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { Assembler, X, W, sp, x0, x1, x2, x3, w0, w1, xzr, LabelError, type Label, type Reg } from '../../src/index.js';
import { planStats } from '../../dsl/assembler.js';
import { assembleBatch, hex } from '../oracles/assemble.js';

const BASE = 0x10000n;

/** GNU as bytes of a program (lines joined), linked at BASE. */
function gnu(lines: string[]): string {
  const r = assembleBatch('a64', 'gnu', lines, { link: { base: BASE } });
  const bad = r.find((x) => x.error);
  if (bad) throw new Error(`gnu rejected: ${bad.error}`);
  return r.map((x) => hex(x.bytes!)).join('');
}

describe('plans are cached per call site', () => {
  it('parses a template once for any values of the same kinds', () => {
    const a = new Assembler('a64', { base: BASE });
    const emit = (rd: Reg, rn: Reg, k: number) => a.dynasm`add ${rd}, ${rn}, #${k}`;
    emit(x0, x1, 1); // first call builds the plan
    const before = planStats.built;
    const text: string[] = [];
    for (let i = 0; i < 200; i++) {
      emit(X(i % 31), X((i * 7) % 31), i * 13);
      text.push(`add x${i % 31}, x${(i * 7) % 31}, #${i * 13}`.replace('x31', 'xzr'));
    }
    expect(planStats.built).toBe(before);
    expect(hex(a.finalize()).slice(8)).toBe(gnu(text));
  });

  it('keeps one variant per signature of argument kinds and re-plans on a new one', () => {
    const a = new Assembler('a64', { base: BASE });
    const emit = (rd: Reg, rn: Reg, rm: Reg) => a.dynasm`add ${rd}, ${rn}, ${rm}`;
    const before = planStats.built;
    emit(x0, x1, x2); // X, X, X: shifted-register form
    emit(w0, w1, W(2)); // W, W, W: another variant
    emit(sp, x1, x2); // SP, X, X: extended-register form
    emit(x3, x1, x2); // back to the first variant: no new plan
    emit(W(3), w1, W(2));
    expect(planStats.built - before).toBe(3);
    expect(hex(a.finalize())).toBe(gnu(['add x0, x1, x2', 'add w0, w1, w2', 'add sp, x1, x2', 'add x3, x1, x2', 'add w3, w1, w2']));
  });

  it('chooses the form from the value at fill time when the kinds do not decide it', () => {
    const a = new Assembler('a64', { base: BASE });
    const offs = [8, -8, 3, 32760, 255, -256, 0];
    for (const off of offs) a.dynasm`ldr ${x0}, [${x1}, #${off}]`;
    const imms = [0, 1, 0xffff, 0x10000, 0xffff0000, -1, -2, 0x5555555555555555n, 0xffffffffffffffffn];
    for (const k of imms) a.dynasm`mov ${x2}, #${k}`;
    const adds = [4095, 4096, -1, -4096];
    for (const k of adds) a.dynasm`add ${x3}, ${x1}, #${k}`;
    expect(hex(a.finalize())).toBe(gnu([...offs.map((o) => `ldr x0, [x1, #${o}]`), ...imms.map((k) => `mov x2, #${k}`), ...adds.map((k) => `add x3, x1, #${k}`)]));
  });
});

describe('interpolated values', () => {
  it('registers, numbers, bigints, conditions, labels and data', () => {
    const a = new Assembler('a64', { base: BASE });
    const top = a.newLabel('top');
    const end = a.newLabel('end');
    a.dynasm`${top}:
      csel ${x0}, ${x1}, ${x2}, ${'ne'}
      b.${'hs'} ${end}
      cbz ${w1}, ${top}
      tbnz ${x2}, #${40}, ${end}
      movk ${x3}, #${0xbeef}, lsl #${48}
      adr ${x1}, ${end}
      adrp ${x1}, ${end}
      ldr ${x2}, ${end}
      .byte ${1}, ${255}
      .hword ${-2}
      .align 3
      .quad ${end}, ${0x123456789abcdefn}
      .word ${top}
      .space ${3}
      .align 2
      ${end}: ret ${xzr}`;
    expect(hex(a.finalize())).toBe(
      gnu([
        'top: csel x0, x1, x2, ne',
        'b.hs end',
        'cbz w1, top',
        'tbnz x2, #40, end',
        'movk x3, #0xbeef, lsl #48',
        'adr x1, end',
        'adrp x1, end',
        'ldr x2, end',
        '.byte 1, 255',
        '.hword -2',
        '.align 3',
        '.quad end, 0x123456789abcdef',
        '.word top',
        '.space 3',
        '.align 2',
        'end: ret xzr',
      ]),
    );
  });

  it('local labels across templates: 1b refers back, 1f forward to the next definition', () => {
    const a = new Assembler('a64', { base: BASE });
    a.dynasm`1: nop`;
    a.dynasm`b 1b`;
    a.dynasm`cbnz ${x0}, 1f`;
    a.dynasm`nop`;
    a.dynasm`1: b 1b`;
    a.dynasm`loop: subs x0, x0, #1`;
    a.dynasm`b.ne loop`;
    expect(hex(a.finalize())).toBe(gnu(['1: nop', 'b 1b', 'cbnz x0, 1f', 'nop', '1: b 1b', 'loop: subs x0, x0, #1', 'b.ne loop']));
  });

  it('label objects: forward references patched at finalize, backward at once; offsets and addresses', () => {
    const a = new Assembler('a64', { base: BASE });
    const [l0, l1] = a.newLabels(2, 'L');
    a.dynasm`b ${l1}`;
    expect(a.labelOffset(l1)).toBeUndefined();
    a.dynasm`${l0}: nop`;
    a.dynasm`${l1}: b ${l0}`;
    expect(a.labelOffset(l0)).toBe(4);
    expect(a.labelAddress(l1)).toBe(BASE + 8n);
    expect(hex(a.finalize())).toBe(gnu(['b L1', 'L0: nop', 'L1: b L0']));
  });
});

describe('transactional fills', () => {
  it('a failing fill emits nothing and binds no label', () => {
    const a = new Assembler('a64', { base: BASE });
    a.dynasm`nop`;
    const l = a.newLabel();
    const emit = (k: number) => a.dynasm`
      ${l}: add ${x0}, ${x1}, #1
      1: add ${x0}, ${x1}, #${k}
      b 1b`;
    expect(() => emit(5000)).toThrow(/5000 is out of range/);
    expect(a.offset).toBe(4);
    expect(a.labelOffset(l)).toBeUndefined();
    emit(7); // the same template now succeeds, binding the label it failed to bind before
    expect(a.labelOffset(l)).toBe(4);
    expect(hex(a.finalize())).toBe(gnu(['nop', 'L: add x0, x1, #1', '1: add x0, x1, #7', 'b 1b']));
  });

  it('a malformed template never produces bytes', () => {
    const a = new Assembler('a64');
    expect(() => a.dynasm`add x0, x1, #1\n frob x0`).toThrow();
    expect(a.offset).toBe(0);
  });
});

describe('steady state', () => {
  it('allocates no memory per instruction over 1 million instructions (heap growth, not timed)', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const a = new Assembler('a64', { capacity: 1 << 16 });
    const regs = Array.from({ length: 29 }, (_, i) => X(i));
    const emit = (i: number) => {
      const rd = regs[i % 29];
      const rn = regs[(i + 1) % 29];
      a.dynasm`
        1: add  ${rd}, ${rn}, ${rd}, lsl #3
           ldr  ${rd}, [${rn}, #${(i & 511) * 8}]
           sub  ${rd}, ${rd}, #${i & 4095}
           mov  ${rn}, #${i & 0xffff}
           cbnz ${rn}, 1b
           csel ${rd}, ${rn}, ${rd}, ne
           str  ${rd}, [sp, #16]
           ret`;
    };
    const run = (templates: number) => {
      for (let i = 0; i < templates; i++) {
        if ((i & 4095) === 0) a.reset();
        emit(i);
      }
    };
    run(20_000);
    const built = planStats.built;
    gc();
    const h0 = process.memoryUsage().heapUsed;
    run(125_000); // 1,000,000 instructions
    gc();
    const h1 = process.memoryUsage().heapUsed;
    expect(planStats.built).toBe(built);
    expect(h1 - h0).toBeLessThan(1 << 20);
  });
});

export type { Label };
