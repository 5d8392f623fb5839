// Random valid VSP programs for property tests, generated from the opcode table (spec/vsp/opcodes.ts):
// every shape's operands in range, branch targets at instruction starts, entry at an instruction start.
import fc from 'fast-check';
import { VSP_OPCODES, type VspOpcode } from '../../spec/vsp/opcodes.js';

/** a24 operands of non-branch instructions: around the LSTATE/SSTATE/TRANS/PIPE range limits. */
const A24_VALUES = [0, 1, 4, 0x100, 0xfff0, 0xfff1, 0xfffc, 0xfffd, 0xffffff];

export interface InsnSpec {
  op: number;
  a: number;
  b: number;
  imm: number;
  mode: number;
  pick: number;
  wide: number;
}

/** One instruction's choices; `op` indexes `opcodes` (by default the whole table). */
export function insnArb(opcodes: readonly VspOpcode[] = VSP_OPCODES): fc.Arbitrary<InsnSpec> {
  return fc.record({
    op: fc.integer({ min: 0, max: opcodes.length - 1 }),
    a: fc.integer({ min: 0, max: 15 }),
    b: fc.integer({ min: 0, max: 15 }),
    imm: fc.integer({ min: 0, max: 255 }),
    mode: fc.integer({ min: 0, max: 4 }),
    pick: fc.nat(),
    wide: fc.integer({ min: 0, max: 0xffff }),
  });
}

/** Encodes instruction choices into code bytes; branch targets pick among the instruction starts. */
export function buildProgram(insns: readonly InsnSpec[], entryPick: number, opcodes: readonly VspOpcode[] = VSP_OPCODES): { code: Uint8Array; entry: number } {
  const starts: number[] = [];
  let off = 0;
  for (const i of insns) {
    starts.push(off);
    off += opcodes[i.op]!.size;
  }
  const out: number[] = [];
  for (const i of insns) {
    const o = opcodes[i.op]!;
    switch (o.shape) {
      case '-': out.push(o.code); break;
      case 'r': out.push(...(o.size === 2 ? [o.code, i.a] : [o.code, i.a, 0])); break;
      case 'rr': out.push(o.code, i.a | (i.b << 4), 0); break;
      case 'ri': out.push(o.code, i.a, i.imm); break;
      case 'rri': out.push(o.code, i.a | (i.b << 4), i.imm); break;
      case 'i8': out.push(o.code, i.imm); break;
      case 'm': out.push(...(o.size === 2 ? [o.code, i.mode] : [o.code, 0, i.mode])); break;
      case 'a24': {
        const t = o.branch ? starts[i.pick % starts.length]! : A24_VALUES[i.pick % A24_VALUES.length]!;
        out.push(o.code, t & 255, (t >> 8) & 255, (t >> 16) & 255);
        break;
      }
      case 'ra16': out.push(o.code, i.a, i.wide & 255, i.wide >> 8); break;
      case 'ch': out.push(o.code, i.imm, 0, 0); break;
      case 'sys': out.push(o.code, i.imm, i.wide & 255, i.wide >> 8); break;
    }
  }
  return { code: Uint8Array.from(out), entry: starts.length ? starts[entryPick % starts.length]! : 0 };
}

/** Random valid programs: code, entry and mode. */
export function programArb(opcodes: readonly VspOpcode[] = VSP_OPCODES, maxLength = 40): fc.Arbitrary<{ code: Uint8Array; entry: number; mode: number }> {
  return fc
    .tuple(fc.array(insnArb(opcodes), { minLength: 1, maxLength }), fc.nat(), fc.integer({ min: 0, max: 4 }))
    .map(([insns, pick, mode]) => ({ ...buildProgram(insns, pick, opcodes), mode }));
}
