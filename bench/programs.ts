// The programs the compile-time benchmarks compile (bench/jit-a64.ts, bench/jit-native.ts): deterministic
// random programs of n instructions drawn from the opcode table, branches to instruction starts.
import { VSP_OPCODES, type VspOpcode } from '../spec/vsp/opcodes.js';
import { checkProgram, type LoadedProgram } from '../src/vsp/container.js';
import { Mode } from '../src/vsp/state-layout.js';

/** xorshift32, so every run compiles the same programs. */
export function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
}

/** A deterministic program of n instructions drawn from `table` (branches go to instruction starts). */
export function mixProgram(n: number, seed: number, table: readonly VspOpcode[] = VSP_OPCODES): LoadedProgram {
  const r = rng(seed);
  const ops = Array.from({ length: n }, () => table[r() % table.length]!);
  const starts: number[] = [];
  let off = 0;
  for (const o of ops) {
    starts.push(off);
    off += o.size;
  }
  const bytes: number[] = [];
  for (const o of ops) {
    const a = r() % 16;
    const b = r() % 16;
    const imm = r() & 255;
    switch (o.shape) {
      case '-': bytes.push(o.code); break;
      case 'r': bytes.push(...(o.size === 2 ? [o.code, a] : [o.code, a, 0])); break;
      case 'rr': bytes.push(o.code, a | (b << 4), 0); break;
      case 'ri': bytes.push(o.code, a, imm); break;
      case 'rri': bytes.push(o.code, a | (b << 4), imm); break;
      case 'i8': bytes.push(o.code, imm); break;
      case 'm': bytes.push(...(o.size === 2 ? [o.code, r() % 5] : [o.code, 0, r() % 5])); break;
      case 'a24': {
        const t = o.branch ? starts[r() % starts.length]! : r() & 0xffff;
        bytes.push(o.code, t & 255, (t >> 8) & 255, t >> 16);
        break;
      }
      case 'ra16': bytes.push(o.code, a, imm, r() & 255); break;
      case 'ch': bytes.push(o.code, imm, 0, 0); break;
      case 'sys': bytes.push(o.code, r() % 7, 0, 0); break;
    }
  }
  const l = checkProgram({ code: Uint8Array.from(bytes), entry: 0, mode: Mode.SIL64, data: new Uint8Array(0), symbols: [] });
  if (!l.ok) throw new Error(`bench program: ${l.error} at ${l.offset}`);
  return l;
}
