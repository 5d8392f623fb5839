// Executed verification: for every integer, load/store and branch form of spec/a64, instructions with
// random valid operands are assembled by us, run in Unicorn (emulation/ harness) on random register and
// memory inputs, and the resulting registers, flags, memory and path taken are compared with the JS
// model (test/a64/model.ts), which executes the instruction TEXT from the Arm ARM's semantics.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { Assembler } from '../../src/index.js';
import { forms, type Form } from '../../src/arch/a64/forms.js';
import { Harness, type RegName } from '../../emulation/index.js';
import { propertyRuns } from '../support/runs.js';
import { validInsn } from './gen.js';
import { parseInsn, step, type State } from './model.js';

import { seed } from '../support/seed.js';
const TEXTS = propertyRuns(2); // instructions per form
const INPUTS = propertyRuns(2, 20); // random inputs per instruction

const CODE = 0x100000n;
const DATA = 0x300000n;
const DATA_SIZE = 0x10000;
const BASE_ADDR = DATA + 0x8000n; // base registers of memory operands point here
const WINDOW = 2048; // random bytes either side of BASE_ADDR

/**
 * Forms the run does not cover:
 * - unprivileged accesses (ldtr*, sttr*) depend on EL0 page permissions;
 * - Unicorn 2.0.1 defect: LD/ST {S,U}{MAX,MIN} on bytes, halfwords and words compare the whole 64-bit
 *   register with the memory value instead of the access-size value (signed: without sign extension):
 *   `ldsmax w1, w2, [x3]` with memory 0xfffffff0 and w1 = 0x10 keeps 0xfffffff0; `ldumaxb` with
 *   x3 = 0x69577d422576a153 and memory byte 0x57 stores 0x53. Their encodings are still checked by the
 *   differential test; the 64-bit forms run here.
 */
const SKIP = /^(ldtr|sttr)/;
const EMULATOR_DEFECT = (text: string) => /^(ld|st)[su](max|min)(a|al|l)?(b|h)?\s+w/.test(text);

let harness: Harness<'a64'> | null = null;
function h(): Harness<'a64'> {
  harness ??= Harness.open('a64', { data: [{ name: 'data', address: DATA, size: DATA_SIZE, zero: true }] });
  return harness;
}
afterAll(() => harness?.engine.close());

const OUTPUTS = [...Array.from({ length: 31 }, (_, i) => `x${i}`), 'sp', 'nzcv'] as RegName<'a64'>[];

class Mem {
  constructor(readonly bytes: Uint8Array) {}
  private off(addr: bigint, n: number): number {
    const o = Number(addr - DATA);
    if (o < 0 || o + n > DATA_SIZE) throw new Error(`model: access outside the data region at 0x${addr.toString(16)}`);
    return o;
  }
  read(addr: bigint, n: number): bigint {
    if (addr >= CODE && addr < CODE + 0x100n) {
      // Literal pool of the literal-load layout: LITERAL at CODE + 8.
      const o = Number(addr - (CODE + 8n));
      if (o < 0 || o + n > 8) throw new Error(`model: literal load at 0x${addr.toString(16)} outside the literal`);
      return (LITERAL >> BigInt(8 * o)) & ((1n << BigInt(8 * n)) - 1n);
    }
    const o = this.off(addr, n);
    let v = 0n;
    for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(this.bytes[o + i]);
    return v;
  }
  write(addr: bigint, n: number, v: bigint): void {
    const o = this.off(addr, n);
    for (let i = 0; i < n; i++) this.bytes[o + i] = Number((v >> BigInt(8 * i)) & 0xffn);
  }
}

interface Layout {
  /** Program lines; line 0 is the instruction under test. */
  lines: string[];
  labels: Record<string, bigint>;
  end: bigint;
}

/** Literal loads read this doubleword at L. */
export const LITERAL = 0x0123456789abcdefn;

/** Branch and label forms get a two-way layout: x28 tells which path ran. Literal loads get data at L. */
function layout(text: string): Layout {
  if (/^(ldr|ldrsw|prfm)\s[^[]*\bL$/.test(text)) {
    return { lines: [text, 'b End', `L: .quad 0x${LITERAL.toString(16)}`, 'End:'], labels: { l: CODE + 8n, end: CODE + 16n }, end: CODE + 16n };
  }
  if (!/\bL\b/.test(text) && !/^(br|blr|ret)\b/.test(text)) return { lines: [text], labels: {}, end: CODE + 4n };
  return {
    lines: [text, 'movz x28, #0x1111', 'b End', 'L: movz x28, #0x2222', 'End:'],
    labels: { l: CODE + 12n, end: CODE + 16n }, // the model reads names in lowercase
    end: CODE + 16n,
  };
}

function rand64(r: () => number): bigint {
  const pick = r() * 8;
  // Edge values often, random otherwise.
  if (pick < 1) return [0n, 1n, (1n << 64n) - 1n, 1n << 63n, (1n << 63n) - 1n, 0xffffffffn, 0x80000000n, 0x7fffffffn][Math.floor(r() * 8)];
  return (BigInt(Math.floor(r() * 2 ** 32)) << 32n) | BigInt(Math.floor(r() * 2 ** 32));
}

interface Prepared {
  regs: Record<string, bigint>;
  sp: bigint;
  window: Uint8Array;
}

/** Inputs satisfying the instruction's needs (addresses in base registers, small indices), or null to skip. */
function inputs(text: string, r: () => number): Prepared | null {
  const { mn, ops } = parseInsn(text);
  const regs: Record<string, bigint> = {};
  for (let i = 0; i <= 30; i++) regs[`x${i}`] = rand64(r);
  let sp = BASE_ADDR + 0x100n; // 16-aligned
  const mem = ops.find((o) => o.k === 'mem');
  if (mem && mem.k === 'mem') {
    const b = mem.base;
    if (b.sp) sp = BASE_ADDR;
    else regs[`x${b.n}`] = BASE_ADDR;
    if (mem.idx) {
      if (mem.idx.n === b.n && !mem.idx.zr) return null;
      const signed = mem.ext?.op.startsWith('s');
      const v = BigInt(Math.floor(r() * 64)) * (signed && r() < 0.5 ? -1n : 1n);
      if (!mem.idx.zr) regs[`x${mem.idx.n}`] = BigInt.asUintN(64, v);
    }
    if (mem.post?.k === 'reg') regs[`x${mem.post.n}`] = BigInt(Math.floor(r() * 64));
    const writeback = mem.pre || mem.post !== null;
    const dests = ops.filter((o) => o.k === 'reg' && !o.zr && !o.sp).map((o) => (o as { n: number }).n);
    if (writeback && dests.includes(b.n) && !b.sp) return null; // UNPREDICTABLE
    if (/^(ldp|ldnp|ldpsw|ldxp|ldaxp)$/.test(mn) && ops[0].k === 'reg' && ops[1].k === 'reg' && ops[0].n === ops[1].n) return null;
  }
  if (/^(br|blr|ret)$/.test(mn)) {
    const n = ops.length ? (ops[0] as { n: number }).n : 30;
    if (n === 31) return null; // a branch to address 0 (xzr) cannot be run here
    regs[`x${n}`] = CODE + 12n;
  }
  const window = new Uint8Array(2 * WINDOW);
  for (let i = 0; i < window.length; i++) window[i] = Math.floor(r() * 256);
  return { regs, sp, window };
}

interface Report {
  forms: number;
  run: number;
  cases: number;
}
const report = new Map<string, Report>();

function runForm(f: Form, texts: string[], r: () => number, problems: string[]): number {
  let cases = 0;
  for (const text of texts) {
    if (EMULATOR_DEFECT(text)) continue;
    const lay = layout(text);
    let code: Uint8Array;
    try {
      const a = new Assembler('a64', { base: CODE });
      a.assemble(lay.lines.join('\n'));
      code = a.finalize();
    } catch (e) {
      problems.push(`${text}: we reject a generated valid instruction: ${(e as Error).message.split('\n')[0]}`);
      continue;
    }
    for (let k = 0; k < INPUTS; k++) {
      const inp = inputs(text, r);
      if (!inp) continue;
      const winAddr = BASE_ADDR - BigInt(WINDOW);
      const res = h().run({
        code,
        regs: { ...inp.regs, sp: inp.sp } as Record<RegName<'a64'>, bigint>,
        memory: [{ address: winAddr, bytes: inp.window }],
        outputs: OUTPUTS,
        readMemory: [{ address: DATA, size: DATA_SIZE }],
      });
      // The model, on the same inputs.
      const bytes = new Uint8Array(DATA_SIZE);
      bytes.set(inp.window, Number(winAddr - DATA));
      const s: State = { x: Array.from({ length: 31 }, (_, i) => inp.regs[`x${i}`]), sp: inp.sp, nzcv: 0, pc: CODE, mem: new Mem(bytes), labels: lay.labels };
      const at = new Map(lay.lines.map((l, i) => [CODE + BigInt(4 * i), l.replace(/^\w+:\s*/, '')]));
      try {
        for (let guard = 0; s.pc !== lay.end && guard < 10; guard++) step(s, at.get(s.pc) ?? 'nop');
      } catch (e) {
        problems.push(`${text}: ${(e as Error).message}`);
        break;
      }
      cases++;
      if (res.stop.kind === 'invalid-instruction') {
        problems.push(`${text}: Unicorn: invalid instruction (${[...code.slice(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join('')})`);
        break;
      }
      if (res.stop.kind !== 'stop') {
        problems.push(`${text}: Unicorn stopped with ${res.stop.kind}`);
        break;
      }
      const diffs: string[] = [];
      for (let i = 0; i <= 30; i++) if (res.regs[`x${i}` as RegName<'a64'>] !== s.x[i]) diffs.push(`x${i} emu 0x${res.regs[`x${i}` as RegName<'a64'>]!.toString(16)} model 0x${s.x[i].toString(16)}`);
      if (res.regs.sp !== s.sp) diffs.push(`sp emu 0x${res.regs.sp!.toString(16)} model 0x${s.sp.toString(16)}`);
      if (res.regs.nzcv !== BigInt(s.nzcv) << 28n) diffs.push(`nzcv emu 0x${res.regs.nzcv!.toString(16)} model 0x${(s.nzcv << 28).toString(16)}`);
      const emuMem = res.memory[0];
      for (let i = 0; i < DATA_SIZE; i++) {
        if (emuMem[i] !== bytes[i]) {
          diffs.push(`memory 0x${(DATA + BigInt(i)).toString(16)} emu ${emuMem[i]} model ${bytes[i]}`);
          break;
        }
      }
      if (diffs.length) {
        const ins = Object.entries(inp.regs)
          .filter(([n]) => new RegExp(`\\b[xw]${n.slice(1)}\\b`).test(text))
          .map(([n, v]) => `${n}=0x${v.toString(16)}`)
          .join(' ');
        problems.push(`${text} [${ins}]: ${diffs.slice(0, 4).join('; ')}`);
        break;
      }
    }
  }
  return cases;
}

function check(cls: string): string[] {
  const fs = forms().all.filter((f) => f.cls === cls && !f.mn.includes('<') && !SKIP.test(f.mn));
  const problems: string[] = [];
  let s = seed;
  const r = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
  const rep: Report = { forms: fs.length, run: 0, cases: 0 };
  fs.forEach((f, i) => {
    const texts = fc.sample(validInsn(f, { labels: ['L'] }), { numRuns: TEXTS, seed: seed + i });
    const n = runForm(f, texts, r, problems);
    if (n > 0) rep.run++;
    rep.cases += n;
  });
  report.set(cls, rep);
  return problems;
}

describe(`spec/a64 forms executed in Unicorn vs the JS model (seed ${seed})`, () => {
  for (const cls of ['integer', 'loadstore', 'branch']) {
    it(cls, () => {
      expect(check(cls).slice(0, 30), `seed ${seed}`).toEqual([]);
    });
  }
  afterAll(() => {
    if (process.env.DYNASM_ISA_REPORT !== '1') return;
    console.log('\nexecuted    forms  run  cases');
    for (const [cls, r] of report) console.log(`${cls.padEnd(10)} ${String(r.forms).padStart(6)} ${String(r.run).padStart(4)} ${String(r.cases).padStart(6)}`);
  });
});
