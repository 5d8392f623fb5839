// Branch relaxation (src/runtime/relax.ts through the x64 arch): random programs of blocks visited in a
// random order through chains of forward and backward jmp / j<cc> around variable-size code and
// alignment, (1) byte for byte against GNU as on the same source and (2) executed in Unicorn, where the
// value computed along the path proves that every branch landed exactly (a wrong landing hits int3 or
// ud2, or changes the value). Plus exact boundary distances, the case a shrink-from-long pass would miss,
// references across templates and label objects, data and rip-relative references across shrunk
// branches, and finalize twice.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { Assembler } from '../../dsl/assembler.js';
import { lastRelax } from '../../src/runtime/relax.js';
import '../../src/arch/x64/index.js';
import { rax, rcx } from '../../src/arch/x64/registers.js';
import { sharedHarness, type Harness } from '../../emulation/index.js';
import { propertyRuns } from '../support/runs.js';
import { assembleProgram, hex } from './support/oracles.js';

const PROGRAMS = propertyRuns(24, 600);

const M64 = (1n << 64n) - 1n;

interface Program {
  source: string;
  /** rax after the run. */
  expected: bigint;
}

/** Fillers executed on the path (variable sizes, no effect on rax/rcx). */
const EXEC_FILL = ['nop', 'mov rdx, 0x1122334455667788', 'lea rsi, [rsi + rdi*4 + 0x1000]', 'xor edx, edx', 'add rdi, 1', 'push rdx', 'pop rdx', 'movzx edx, dl'];

const programArb: fc.Arbitrary<Program> = fc
  .record({
    n: fc.integer({ min: 2, max: 9 }),
    seed: fc.integer(),
  })
  .chain(({ n }) =>
    fc.record({
      n: fc.constant(n),
      order: fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
      visit: fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
      fillBefore: fc.array(fc.array(fc.constantFrom(...EXEC_FILL), { maxLength: 12 }), { minLength: n, maxLength: n }),
      skipped: fc.array(fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 90, max: 140 }), fc.integer({ min: 0, max: 400 })), { minLength: n, maxLength: n }),
      align: fc.array(fc.constantFrom(0, 0, 0, 4, 8, 16, 32), { minLength: n, maxLength: n }),
      cond: fc.array(fc.constantFrom('je', 'jz', 'jbe', 'jle', 'jge', 'jae', 'jns', 'jnp', 'jmp'), { minLength: n, maxLength: n }),
    }),
  )
  .map(({ n, order, visit, fillBefore, skipped, align, cond }) => {
    // `visit` is the path: B[visit[0]] → B[visit[1]] → … → END. Blocks are laid out in `order`.
    const next = new Map<number, string>();
    visit.forEach((b, i) => next.set(b, i + 1 < n ? `B${visit[i + 1]}` : 'END'));
    const lines: string[] = ['xor eax, eax', 'xor ecx, ecx', `jmp B${visit[0]}`];
    for (const b of order) {
      if (align[b]) lines.push(`.align ${align[b]}`);
      lines.push(`B${b}:`);
      lines.push(...fillBefore[b]);
      lines.push(`add rax, ${b + 1}`, 'imul rax, rax, 31');
      // ecx is 0: je/jz/jbe/jle/jge/jae/jns/jnp (PF of 0 is 1: jnp not taken!) are decided by `cmp ecx, 0`.
      lines.push('cmp ecx, 0');
      const c = cond[b] === 'jnp' ? 'jp' : cond[b];
      lines.push('jne TRAP');
      lines.push(`${c} ${next.get(b)}`);
      lines.push(`.space ${skipped[b]}, 0xcc`);
    }
    lines.push('TRAP: ud2', 'END:');
    let v = 0n;
    for (const b of visit) v = ((v + BigInt(b + 1)) * 31n) & M64;
    return { source: lines.join('\n'), expected: v };
  });

function ours(source: string): Uint8Array {
  const a = new Assembler('x64');
  a.assemble(source);
  return a.finalize();
}

let h: Harness<'x64'>;
beforeAll(() => {
  h = sharedHarness('x64');
});

describe('relaxation: random branch chains', () => {
  it('bytes equal GNU as and every branch lands (Unicorn)', () => {
    let shortened = 0;
    let candidates = 0;
    fc.assert(
      fc.property(programArb, (p) => {
        const mine = ours(p.source);
        candidates += lastRelax.candidates;
        shortened += lastRelax.shortened;
        const gnu = assembleProgram('gnu', p.source);
        expect(hex(mine)).toBe(hex(gnu));
        const r = h.run({ code: mine, outputs: ['rax', 'rip'] });
        expect(r.stop.kind).toBe('stop');
        expect(r.regs.rax).toBe(p.expected);
      }),
      { numRuns: PROGRAMS, seed: 0x5eed },
    );
    // The generator makes both outcomes common.
    expect(shortened).toBeGreaterThan(0);
    expect(candidates - shortened).toBeGreaterThan(0);
  });
});

/** `jmp`/`j<cc>` over `n` bytes of int3, forward or backward. */
function over(kind: 'jmp' | 'je', n: number, dir: 'f' | 'b'): string {
  if (dir === 'f') return `cmp eax, eax\n${kind} 1f\n.space ${n}, 0xcc\n1: nop`;
  return `jmp 2f\n1: nop\n.space ${n}, 0xcc\n2: cmp eax, eax\n${kind} 1b`;
}

describe('relaxation: exact boundaries (rel8 reaches -128..127 from the end of the short form)', () => {
  const cases: [string, string][] = [];
  for (const kind of ['jmp', 'je'] as const) {
    for (const n of [0, 1, 126, 127, 128, 129, 300]) cases.push([`${kind} forward over ${n}`, over(kind, n, 'f')]);
    // backward: target is `1:` (a nop) before the filler; distance = -(1 + n + 2 + 2) with cmp eax, eax (2 bytes)
    for (const n of [0, 120, 121, 122, 123, 124, 200]) cases.push([`${kind} backward over ${n}`, over(kind, n, 'b')]);
  }
  for (const [name, src] of cases) {
    it(`${name}: same bytes as GNU as`, () => {
      expect(hex(ours(src))).toBe(hex(assembleProgram('gnu', src)));
    });
  }
  it('the forward limit is exactly 127 bytes', () => {
    expect(ours(over('jmp', 127, 'f'))[2]).toBe(0xeb);
    expect(ours(over('jmp', 128, 'f'))[2]).toBe(0xe9);
    expect(ours(over('je', 127, 'f'))[2]).toBe(0x74);
    expect(ours(over('je', 128, 'f')).slice(2, 4)).toEqual(Uint8Array.from([0x0f, 0x84]));
  });
});

describe('relaxation: what shrink-from-long would miss', () => {
  it('two branches that reach only if both are short become both short (as GNU as)', () => {
    // A jumps forward over B; B jumps backward over A. With 123 bytes between them, each reaches only
    // if the other is short (A: 123 + 2 ≤ 127 but 123 + 5 > 127; B: 1 + 2 + 123 + 2 ≤ 128 but 1 + 5 + 123 + 2 > 128).
    const src = 'X: nop\nA: jmp Y\n.space 123, 0x90\nB: jmp X\nY: nop';
    const mine = ours(src);
    expect(hex(mine)).toBe(hex(assembleProgram('gnu', src)));
    expect(mine[1]).toBe(0xeb);
    expect(mine[1 + 2 + 123]).toBe(0xeb);
  });
  it('a chain where each branch reaches only once the next one is short (20 links, all short)', () => {
    const lines: string[] = [];
    for (let i = 0; i < 20; i++) {
      lines.push(`j${i}: jmp t${i}`);
      if (i > 0) lines.push(`t${i - 1}:`);
      lines.push('.space 123, 0x90');
    }
    lines.push('t19: nop');
    const src = lines.join('\n');
    const mine = ours(src);
    expect(hex(mine)).toBe(hex(assembleProgram('gnu', src)));
    expect(lastRelax.shortened).toBe(20);
  });
});

describe('relaxation across templates, labels and references', () => {
  it('Label objects bound in later templates; rip-relative lea and .quad across shrunk branches', () => {
    const a = new Assembler('x64', { base: 0x400000n });
    const [loop, done, data] = a.newLabels(3);
    a.dynasm`
      xor eax, eax
      mov ecx, 10
    ${loop}:
      add rax, rcx
      dec rcx
      jnz ${loop}
      jmp ${done}`;
    a.dynasm`.space 40, 0xcc`;
    a.dynasm`${done}: lea rdx, [rip + ${data}]
      mov rdx, qword ptr [rdx]
      add rax, rdx
      jmp 1f
      .space 20, 0xcc
    1: nop
      jmp 2f
      .align 8
    ${data}: .quad 1000
    2:`;
    const before = a.labelOffset(data)!;
    const code = a.finalize();
    const after = a.labelOffset(data)!;
    expect(after).toBeLessThan(before); // three branches shrank by 3 + 4 + 3 (minus alignment)
    expect(after % 8).toBe(0);
    const src = `xor eax, eax\nmov ecx, 10\nLl: add rax, rcx\ndec rcx\njnz Ll\njmp Ld\n.space 40, 0xcc\nLd: lea rdx, [rip + Lq]\nmov rdx, qword ptr [rdx]\nadd rax, rdx\njmp 1f\n.space 20, 0xcc\n1: nop\njmp 2f\n.align 8\nLq: .quad 1000\n2:`;
    expect(hex(code)).toBe(hex(assembleProgram('gnu', src)));
    const r = h.run({ code, outputs: ['rax'] });
    expect(r.regs.rax).toBe(55n + 1000n);
  });

  it('.quad label holds the relaxed address', () => {
    const a = new Assembler('x64', { base: 0x10000n });
    a.assemble('jmp L\n.space 10, 0xcc\nL: nop\n.quad L');
    const code = a.finalize();
    expect(code[0]).toBe(0xeb);
    expect(new DataView(code.buffer).getBigUint64(code.length - 8, true)).toBe(0x10000n + 12n);
  });

  it('dynamic registers and immediates in the relaxed templates (interpolated)', () => {
    const a = new Assembler('x64');
    for (let i = 0; i < 30; i++) {
      a.dynasm`
        cmp ${rcx}, ${i}
        je 1f
        add ${rax}, ${i * 1000}
      1:`;
    }
    const code = a.finalize();
    let src = '';
    for (let i = 0; i < 30; i++) src += `cmp rcx, ${i}\nje 1f\nadd rax, ${i * 1000}\n1:\n`;
    expect(hex(code)).toBe(hex(assembleProgram('gnu', src)));
    const r = h.run({ code, regs: { rcx: 7n }, outputs: ['rax'] });
    let want = 0n;
    for (let i = 0; i < 30; i++) if (i !== 7) want += BigInt(i * 1000);
    expect(r.regs.rax).toBe(want);
  });

  it('finalize twice: code emitted after the first finalize relaxes too, earlier branches stay', () => {
    const a = new Assembler('x64');
    a.assemble('jmp A\n.space 5, 0xcc\nA: nop');
    const first = a.finalize();
    expect(first[0]).toBe(0xeb);
    a.assemble('jmp A\njmp B\n.space 5, 0xcc\nB: nop');
    const second = a.finalize();
    expect(hex(second)).toBe(hex(assembleProgram('gnu', 'jmp A\n.space 5, 0xcc\nA: nop\njmp A\njmp B\n.space 5, 0xcc\nB: nop')));
  });

  it('a failed fill leaves no logged references behind', () => {
    const a = new Assembler('x64');
    a.assemble('jmp E\nnop');
    expect(() => a.dynasm`jmp E\nadd ${rax}, ${1n << 40n}`).toThrow(/does not fit/);
    a.assemble('E: ret');
    const code = a.finalize();
    expect(hex(code)).toBe(hex(assembleProgram('gnu', 'jmp E\nnop\nE: ret')));
  });

  it('labels and the end offset are final after finalize', () => {
    const a = new Assembler('x64');
    const l = a.newLabel();
    a.dynasm`jmp ${l}\n.space 3, 0x90\n${l}: ret`;
    expect(a.labelOffset(l)).toBe(8);
    expect(a.offset).toBe(9);
    a.finalize();
    expect(a.labelOffset(l)).toBe(5);
    expect(a.offset).toBe(6);
  });
});
