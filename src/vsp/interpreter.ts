// The reference interpreter (spec 3.3 run loop, every non-H opcode inline; H opcodes through
// runHostInstruction, the same function the JITs reach through their trampoline).
//
// Design: the verified program is pre-decoded once into an Int32Array indexed by code offset (the four
// instruction bytes little-endian, so operands are shifts of one word), with a sentinel END word at the code
// length. The run loop keeps PC, the cycle count, F, MODE, SP, FP and the call depth in locals and the
// registers in the state block's Uint8Array (R0..RF at offset 0), and dispatches with one switch. Cycles are
// counted in chunks of at most 2^30 against the budget, so a budget that ends anywhere stops exactly.
// Nothing is allocated per instruction (bigint only for 64-bit DIVINT/MODINT operands beyond 2^53).
import {
  SIL8_ABSFLOAT,
  SIL8_ADDFLOAT,
  SIL8_CEILFLOAT,
  SIL8_CVTB2I_NEG,
  SIL8_CVTF2I,
  SIL8_CVTI2F,
  SIL8_FLOORFLOAT,
  SIL8_NEGFLOAT,
  SIL8_SQRTFLOAT,
  SIL8_SUBFLOAT,
  MEASURE,
  E_RHO_F16_BITS,
  E_RHO_F32_BITS,
  E_RHO_F64,
} from '../../spec/vsp/sil8-tables.js';
import { Op, VSP_SIZE_BY_CODE } from '../../spec/vsp/opcodes.js';
import { ADD_TABLE, SUB_TABLE } from './bytesil-tables.js';
import type { LoadedProgram } from './container.js';
import { runHostInstruction } from './host-ops.js';
import { div64, doubleToInt64Sat, int64ToDouble, mod64, mul64, pow32, pow64, RES } from './int64.js';
import type { Program } from './program.js';
import { CALL_STACK_FRAMES, Flag, MODE_LAYERS, RunStatus, S, STATE_SIZE, VALUE_STACK_SIZE, VspError } from './state-layout.js';
import type { VspState } from './state.js';
import { byteSilToInt, CANONICAL_NAN_F32, f16BitsToNumber, fromReal, intToByteSil, numberToF16Bits, writeF64 } from './values.js';

/** The word at the code length: not an opcode, so the switch's END case (label 0x04) ends the run. */
const END = 0x04;
/** The word at offsets inside an instruction: not an opcode (reached only through a corrupt PC). */
const NOT_START = 0x05;
/** Instructions per call of the run loop (see runInterpreter). */
const SLICE = 0x10000;

/** A verified program pre-decoded for the interpreter. */
export interface PreparedProgram {
  readonly program: Program;
  /** words[pc] = op | b1 << 8 | b2 << 16 | b3 << 24 at every instruction start (bytes past its size are 0); words[codeLength] = END. */
  readonly words: Int32Array;
  readonly codeLength: number;
}

/** Pre-decodes a verified program (loadContainer / checkProgram) for runInterpreter. */
export function prepareProgram(loaded: LoadedProgram): PreparedProgram {
  const code = loaded.program.code;
  const len = code.length;
  const words = new Int32Array(len + 1).fill(NOT_START);
  for (let off = 0; off < len; off++) {
    if (loaded.starts[off] === 0) continue;
    const size = VSP_SIZE_BY_CODE[code[off]!]!;
    let w = 0;
    for (let i = 0; i < size; i++) w |= code[off + i]! << (8 * i);
    words[off] = w;
  }
  words[len] = END;
  return { program: loaded.program, words, codeLength: len };
}

/** Z, N, O of flags(Ra) for each byte value (spec 4): Z = null, N = rho < 0, O = rho 7 or -8. */
const FLAG_ZNO = new Uint8Array(256);
/** SIL-8 integer store of the low byte of a value (spec 6): byte(sat(s8(v mod 256)), 0), index v & 255. */
const SIL8_STORE = new Uint8Array(256);
for (let b = 0; b < 256; b++) {
  const rho = (b >> 4) - 8;
  FLAG_ZNO[b] = (rho === -8 ? Flag.Z : 0) | (rho < 0 ? Flag.N : 0) | (rho === 7 || rho === -8 ? Flag.O : 0);
  const s = b >= 128 ? b - 256 : b;
  SIL8_STORE[b] = (s < -8 ? -8 : s > 7 ? 7 : s) + 8 << 4;
}

const ZNO = Flag.Z | Flag.N | Flag.O;

/** sat(x) as a rho byte's high nibble: ((sat(x) + 8) << 4). */
function satHi(x: number): number {
  return x < -8 ? 0x00 : x > 7 ? 0xf0 : (x + 8) << 4;
}

/** The mode's float at register offset o (modes 1..4) as binary64. */
function loadF(V: DataView, mode: number, o: number): number {
  if (mode === 1) return f16BitsToNumber(V.getUint16(o, true));
  if (mode === 2) return V.getFloat32(o, true);
  return V.getFloat64(o, true);
}

/** Stores binary64 v as the mode's float (modes 1..4), rounded once, canonical NaN. */
function storeF(V: DataView, mode: number, o: number, v: number): void {
  if (mode === 1) V.setUint16(o, numberToF16Bits(v), true);
  else if (mode === 2) {
    if (v !== v) V.setUint32(o, CANONICAL_NAN_F32, true);
    else V.setFloat32(o, v, true);
  } else writeF64(V, o, v);
}

/** Stores an int32 value as the mode's integer at o (modes 1..4, sign-extended to 64 bits in SIL-64/128). */
function storeI32(V: DataView, mode: number, o: number, v: number): void {
  if (mode === 1) V.setInt16(o, v, true);
  else if (mode === 2) V.setInt32(o, v, true);
  else {
    V.setInt32(o, v, true);
    V.setInt32(o + 4, v >> 31, true);
  }
}

/** Demotion (spec 4.7) from MODE `from` to the lower mode `to` with strategy op (DEMOTE/TRUNCATE/XORDEM/AVGDEM/MAXDEM). */
function demote(R: Uint8Array, op: number, from: number, to: number): void {
  const t = MODE_LAYERS[to]!;
  const k = MODE_LAYERS[from]! / t;
  for (let i = 0; i < t; i++) {
    let r = R[i]!;
    if (op === 0xa2 /* DEMOTE */ || op === 0xa4 /* XORDEM */) {
      for (let j = 1; j < k; j++) r = r ^ R[i + j * t]! ^ 0x80;
    } else if (op === 0xa5 /* AVGDEM */) {
      let sr = 0;
      let st = 0;
      for (let j = 0; j < k; j++) {
        const x = R[i + j * t]!;
        sr += (x >> 4) - 8;
        st += x & 15;
      }
      r = ((Math.trunc(sr / k) + 8) << 4) | (Math.floor(st / k) & 15);
    } else if (op === 0xa6 /* MAXDEM */) {
      for (let j = 1; j < k; j++) {
        const x = R[i + j * t]!;
        if (x >> 4 > r >> 4) r = x;
      }
    } // TRUNCATE keeps R[i]
    R[i] = r;
  }
  R.fill(0, t, 16);
}

/**
 * Runs a prepared program on a state block already holding its initial state (VspState.reset with the
 * program's mode, entry and data). Returns the final status, also written to the block with ERROR, PC,
 * CYCLES, F, MODE, SP, FP and the call depth. Never throws for any program that passed verification.
 */
export function runInterpreter(prep: PreparedProgram, st: VspState): RunStatus {
  const R = st.bytes;
  const V = st.view;
  if (R.length < STATE_SIZE) throw new RangeError(`runInterpreter: a state block of ${R.length} bytes (expected ${STATE_SIZE})`);
  const len = prep.codeLength;
  if (V.getUint32(S.PC, true) > len) {
    // a PC beyond the code can only come from a corrupt state block: nothing runs
    R[S.STATUS] = RunStatus.error;
    R[S.ERROR] = VspError.bad_entry;
    return RunStatus.error;
  }
  const budget = st.budget;
  // The loop runs in slices of at most SLICE instructions, each a call of `execute` that starts from the
  // block and writes everything back. So V8 optimizes `execute` as an ordinary hot function (its code was
  // up to 35% faster than the on-stack-replacement code a single long call ends up in, and the slice's
  // entry reads have type feedback by the time it is optimized). The cost is ~20 loads and stores per slice.
  for (;;) {
    const status = execute(prep, st, budget);
    if (status !== RunStatus.running) return status;
  }
}

/**
 * The run loop proper: at most `limit` instructions from the given values (read from the block by
 * runInterpreter), then everything written back; returns the final status, or running when the slice ended.
 */
function execute(prep: PreparedProgram, st: VspState, budget: number): RunStatus {
  const R = st.bytes;
  const V = st.view;
  const words = prep.words;
  const len = prep.codeLength;
  let pc = V.getUint32(0x14 /* PC */, true);
  let flags = R[0x10 /* FLAGS */]!;
  let mode = R[0x11 /* MODE */]!;
  let W = mode < 3 ? 1 << mode : 8;
  let sp = V.getUint32(0x18 /* SP */, true);
  let fp = V.getUint32(0x1c /* FP */, true);
  let depth = V.getUint32(0x30 /* CALL_DEPTH */, true);
  const base = V.getUint32(0x20 /* CYCLES */, true) + V.getUint32(0x24, true) * 0x100000000;
  let limit = budget - base <= 0 ? 0 : budget - base > SLICE ? SLICE : budget - base;
  if ((flags & 0x08 /* C */) !== 0 && limit > 1) limit = 1; // an initial C runs at most one instruction
  const addTable = ADD_TABLE;
  const subTable = SUB_TABLE;
  const flagZNO = FLAG_ZNO;
  const sil8Store = SIL8_STORE;
  let done = 0;
  let status: RunStatus = 0 /* running */ as RunStatus;
  let err: VspError = 0 /* none */ as VspError;
  run: for (;;) {
    if (done === limit) {
      if ((flags & 0x08 /* C */) !== 0 && done !== 0) {
        status = 4 /* collapsed */;
        break;
      }
      if (pc === len) {
        status = 3 /* end */;
        break;
      }
      if (base + done >= budget) status = 5 /* budget */;
      break; // else the slice is over: status running, runInterpreter calls again
    }
    const w = words[pc]!;
    switch (w & 0xff) {
      case 0x04: /* END: PC == code length */
        status = 3 /* end */;
        break run;

      // ---- 4.1 control
      case 0x00: // NOP
      case 0x03: // YIELD
      case 0xe0: // HINT_CPU
      case 0xe1: // HINT_GPU
      case 0xe2: // HINT_NPU
      case 0xe3: // HINT_ANY
      case 0xe5: // UNBATCH
      case 0xe7: // FENCE
      case 0xe8: // HINT_FPGA
      case 0xe9: // HINT_DSP
        pc += 1;
        break;
      case 0x01: // HLT
        flags |= 0x10 /* H */;
        pc += 1;
        done++;
        status = 1 /* halted */;
        break run;
      case 0x02: // RET
        if (depth === 0) {
          pc += 1;
          done++;
          status = 2 /* returned */;
          break run;
        } else {
          depth--;
          const o = 0x200 /* CALL_STACK */ + depth * 8;
          pc = V.getUint32(o, true);
          fp = V.getUint32(o + 4, true);
        }
        break;
      case 0x10: // JMP
        pc = w >>> 8;
        break;
      case 0x11: // JZ
        pc = (flags & 0x01 /* Z */) !== 0 ? w >>> 8 : pc + 4;
        break;
      case 0x12: // JN
        pc = (flags & 0x02 /* N */) !== 0 ? w >>> 8 : pc + 4;
        break;
      case 0x13: // JC
        pc = (flags & 0x08 /* C */) !== 0 ? w >>> 8 : pc + 4;
        break;
      case 0x14: // JO
        pc = (flags & 0x04 /* O */) !== 0 ? w >>> 8 : pc + 4;
        break;
      case 0x15: { // CALL
        if (depth === CALL_STACK_FRAMES) {
          err = 3 /* call_overflow */;
          break run;
        }
        const o = 0x200 /* CALL_STACK */ + depth * 8;
        V.setUint32(o, pc + 4, true);
        V.setUint32(o + 4, fp, true);
        depth++;
        fp = sp;
        pc = w >>> 8;
        break;
      }
      case 0x16: { // LOOP
        const rc = R[12]!;
        if (rc >= 0x10) {
          R[12] = rc - 0x10;
          pc = w >>> 8;
        } else pc += 4;
        break;
      }

      // ---- 4.2 data movement
      case 0x20: // MOV
        R[(w >> 8) & 15] = R[(w >> 12) & 15]!;
        pc += 3;
        break;
      case 0x21: // MOVI
        R[(w >> 8) & 15] = satHi((w << 8) >> 24);
        pc += 3;
        break;
      case 0x22: // LOAD
        R[(w >> 8) & 15] = R[0x2000 /* DATA */ + (w >>> 16)]!;
        pc += 4;
        break;
      case 0x23: // STORE
        R[0x2000 /* DATA */ + (w >>> 16)] = R[(w >> 8) & 15]!;
        pc += 4;
        break;
      case 0x24: // PUSH
        if (sp === VALUE_STACK_SIZE) {
          err = 1 /* stack_overflow */;
          break run;
        }
        R[0x100 /* VALUE_STACK */ + sp] = R[(w >> 8) & 15]!;
        sp++;
        pc += 2;
        break;
      case 0x25: // POP
        if (sp === 0) {
          err = 2 /* stack_underflow */;
          break run;
        }
        sp--;
        R[(w >> 8) & 15] = R[0x100 /* VALUE_STACK */ + sp]!;
        pc += 2;
        break;
      case 0x26: { // XCHG
        const a = (w >> 8) & 15;
        const b = (w >> 12) & 15;
        const t = R[a]!;
        R[a] = R[b]!;
        R[b] = t;
        pc += 3;
        break;
      }
      case 0x27: { // LSTATE
        const addr = w >>> 8;
        if (addr > 0xfff0) {
          err = 4 /* mem_range */;
          break run;
        }
        R.copyWithin(0x0 /* REGS */, 0x2000 /* DATA */ + addr, 0x2000 /* DATA */ + addr + 16);
        pc += 4;
        break;
      }
      case 0x28: { // SSTATE
        const addr = w >>> 8;
        if (addr > 0xfff0) {
          err = 4 /* mem_range */;
          break run;
        }
        R.copyWithin(0x2000 /* DATA */ + addr, 0x0 /* REGS */, 0x0 /* REGS */ + 16);
        pc += 4;
        break;
      }

      // ---- 4.3 ByteSil arithmetic (flags(Ra): Z N O written, C set when a == 15 and RF is null)
      case 0x40: { // MUL
        const a = (w >> 8) & 15;
        const x = R[a]!;
        const y = R[(w >> 12) & 15]!;
        const r = satHi((x >> 4) + (y >> 4) - 16) | ((x + y) & 15);
        R[a] = r;
        flags = (flags & ~0x07) | flagZNO[r]!;
        if (a === 15 && r < 0x10) {
          flags |= 0x08 /* C */;
          limit = done + 1;
        }
        pc += 3;
        break;
      }
      case 0x41: { // DIV
        const a = (w >> 8) & 15;
        const x = R[a]!;
        const y = R[(w >> 12) & 15]!;
        const r = satHi((x >> 4) - (y >> 4)) | ((x - y) & 15);
        R[a] = r;
        flags = (flags & ~0x07) | flagZNO[r]!;
        if (a === 15 && r < 0x10) {
          flags |= 0x08 /* C */;
          limit = done + 1;
        }
        pc += 3;
        break;
      }
      case 0x42: { // POW
        const a = (w >> 8) & 15;
        const x = R[a]!;
        const n = (w >> 16) & 255;
        const r = satHi(((x >> 4) - 8) * n) | (((x & 15) * n) & 15);
        R[a] = r;
        flags = (flags & ~0x07) | flagZNO[r]!;
        if (a === 15 && r < 0x10) {
          flags |= 0x08 /* C */;
          limit = done + 1;
        }
        pc += 3;
        break;
      }
      case 0x43: { // ROOT
        const a = (w >> 8) & 15;
        const x = R[a]!;
        const n = (w >> 16) & 255;
        const r = n === 0 ? 0x80 : ((((((x >> 4) - 8) / n) | 0) + 8) << 4) | (((x & 15) / n) | 0);
        R[a] = r;
        flags = (flags & ~0x07) | flagZNO[r]!;
        if (a === 15 && r < 0x10) {
          flags |= 0x08 /* C */;
          limit = done + 1;
        }
        pc += 3;
        break;
      }
      case 0x44: { // INV
        const a = (w >> 8) & 15;
        const x = R[a]!;
        const r = satHi(8 - (x >> 4)) | ((16 - x) & 15);
        R[a] = r;
        flags = (flags & ~0x07) | flagZNO[r]!;
        if (a === 15 && r < 0x10) {
          flags |= 0x08 /* C */;
          limit = done + 1;
        }
        pc += 2;
        break;
      }
      case 0x45: { // CONJ
        const a = (w >> 8) & 15;
        const x = R[a]!;
        R[a] = (x & 0xf0) | ((16 - x) & 15);
        pc += 2;
        break;
      }
      case 0x46: { // ADD
        const a = (w >> 8) & 15;
        const r = addTable[(R[a]! << 8) | R[(w >> 12) & 15]!]!;
        R[a] = r;
        flags = (flags & ~0x07) | flagZNO[r]!;
        if (a === 15 && r < 0x10) {
          flags |= 0x08 /* C */;
          limit = done + 1;
        }
        pc += 3;
        break;
      }
      case 0x47: { // SUB
        const a = (w >> 8) & 15;
        const r = subTable[(R[a]! << 8) | R[(w >> 12) & 15]!]!;
        R[a] = r;
        flags = (flags & ~0x07) | flagZNO[r]!;
        if (a === 15 && r < 0x10) {
          flags |= 0x08 /* C */;
          limit = done + 1;
        }
        pc += 3;
        break;
      }
      case 0x48: { // MAG
        const a = (w >> 8) & 15;
        R[a] = R[a]! & 0xf0;
        pc += 2;
        break;
      }
      case 0x49: { // PHASE
        const a = (w >> 8) & 15;
        R[a] = 0x80 | (R[a]! & 15);
        pc += 2;
        break;
      }
      case 0x4a: { // SCALE
        const a = (w >> 8) & 15;
        const x = R[a]!;
        const r = satHi((x >> 4) - 8 + ((w << 8) >> 24)) | (x & 15);
        R[a] = r;
        flags = (flags & ~0x07) | flagZNO[r]!;
        if (a === 15 && r < 0x10) {
          flags |= 0x08 /* C */;
          limit = done + 1;
        }
        pc += 3;
        break;
      }
      case 0x4b: { // ROTATE
        const a = (w >> 8) & 15;
        const x = R[a]!;
        R[a] = (x & 0xf0) | ((x + (w >> 16)) & 15);
        pc += 3;
        break;
      }

      // ---- 4.4 mode-aware integer and float arithmetic
      case 0x4c: { // ADDINT
        const a = (w >> 8) & 15;
        const b = (w >> 12) & 15;
        if (a + W > 16 || b + W > 16) {
          err = 0x05 /* reg_range */;
          break run;
        }
        if (mode >= 3) {
          const alo = V.getInt32(a, true);
          const ahi = V.getInt32(a + 4, true);
          const blo = V.getInt32(b, true);
          const bhi = V.getInt32(b + 4, true);
          let lo: number;
          let hi: number;
          {
            lo = (alo + blo) | 0;
            hi = (ahi + bhi + (((alo & blo) | ((alo | blo) & ~lo)) >>> 31)) | 0; // carry out of the low word
          }
          V.setInt32(a, lo, true);
          V.setInt32(a + 4, hi, true);
        } else if (mode === 0) {
          const x = (R[a]! >> 4) - 8;
          const y = (R[b]! >> 4) - 8;
          R[a] = sil8Store[((x + y) | 0) & 255]!;
        } else if (mode === 1) {
          const x = V.getInt16(a, true);
          const y = V.getInt16(b, true);
          V.setInt16(a, (x + y) | 0, true);
        } else {
          const x = V.getInt32(a, true);
          const y = V.getInt32(b, true);
          V.setInt32(a, (x + y) | 0, true);
        }
        pc += 3;
        break;
      }
      case 0x4d: { // SUBINT
        const a = (w >> 8) & 15;
        const b = (w >> 12) & 15;
        if (a + W > 16 || b + W > 16) {
          err = 0x05 /* reg_range */;
          break run;
        }
        if (mode >= 3) {
          const alo = V.getInt32(a, true);
          const ahi = V.getInt32(a + 4, true);
          const blo = V.getInt32(b, true);
          const bhi = V.getInt32(b + 4, true);
          let lo: number;
          let hi: number;
          {
            lo = (alo - blo) | 0;
            hi = (ahi - bhi - (((~alo & blo) | (~(alo ^ blo) & lo)) >>> 31)) | 0; // borrow from the low word
          }
          V.setInt32(a, lo, true);
          V.setInt32(a + 4, hi, true);
        } else if (mode === 0) {
          const x = (R[a]! >> 4) - 8;
          const y = (R[b]! >> 4) - 8;
          R[a] = sil8Store[((x - y) | 0) & 255]!;
        } else if (mode === 1) {
          const x = V.getInt16(a, true);
          const y = V.getInt16(b, true);
          V.setInt16(a, (x - y) | 0, true);
        } else {
          const x = V.getInt32(a, true);
          const y = V.getInt32(b, true);
          V.setInt32(a, (x - y) | 0, true);
        }
        pc += 3;
        break;
      }
      case 0x4e: { // MULINT
        const a = (w >> 8) & 15;
        const b = (w >> 12) & 15;
        if (a + W > 16 || b + W > 16) {
          err = 0x05 /* reg_range */;
          break run;
        }
        if (mode >= 3) {
          const alo = V.getInt32(a, true);
          const ahi = V.getInt32(a + 4, true);
          const blo = V.getInt32(b, true);
          const bhi = V.getInt32(b + 4, true);
          let lo: number;
          let hi: number;
          {
            mul64(alo, ahi, blo, bhi);
            lo = RES[0]!;
            hi = RES[1]!;
          }
          V.setInt32(a, lo, true);
          V.setInt32(a + 4, hi, true);
        } else if (mode === 0) {
          const x = (R[a]! >> 4) - 8;
          const y = (R[b]! >> 4) - 8;
          R[a] = sil8Store[(Math.imul(x, y)) & 255]!;
        } else if (mode === 1) {
          const x = V.getInt16(a, true);
          const y = V.getInt16(b, true);
          V.setInt16(a, Math.imul(x, y), true);
        } else {
          const x = V.getInt32(a, true);
          const y = V.getInt32(b, true);
          V.setInt32(a, Math.imul(x, y), true);
        }
        pc += 3;
        break;
      }
      case 0x5b: { // ANDINT
        const a = (w >> 8) & 15;
        const b = (w >> 12) & 15;
        if (a + W > 16 || b + W > 16) {
          err = 0x05 /* reg_range */;
          break run;
        }
        if (mode >= 3) {
          const alo = V.getInt32(a, true);
          const ahi = V.getInt32(a + 4, true);
          const blo = V.getInt32(b, true);
          const bhi = V.getInt32(b + 4, true);
          let lo: number;
          let hi: number;
          {
            lo = alo & blo;
            hi = ahi & bhi;
          }
          V.setInt32(a, lo, true);
          V.setInt32(a + 4, hi, true);
        } else if (mode === 0) {
          const x = (R[a]! >> 4) - 8;
          const y = (R[b]! >> 4) - 8;
          R[a] = sil8Store[(x & y) & 255]!;
        } else if (mode === 1) {
          const x = V.getInt16(a, true);
          const y = V.getInt16(b, true);
          V.setInt16(a, x & y, true);
        } else {
          const x = V.getInt32(a, true);
          const y = V.getInt32(b, true);
          V.setInt32(a, x & y, true);
        }
        pc += 3;
        break;
      }
      case 0x5c: { // ORINT
        const a = (w >> 8) & 15;
        const b = (w >> 12) & 15;
        if (a + W > 16 || b + W > 16) {
          err = 0x05 /* reg_range */;
          break run;
        }
        if (mode >= 3) {
          const alo = V.getInt32(a, true);
          const ahi = V.getInt32(a + 4, true);
          const blo = V.getInt32(b, true);
          const bhi = V.getInt32(b + 4, true);
          let lo: number;
          let hi: number;
          {
            lo = alo | blo;
            hi = ahi | bhi;
          }
          V.setInt32(a, lo, true);
          V.setInt32(a + 4, hi, true);
        } else if (mode === 0) {
          const x = (R[a]! >> 4) - 8;
          const y = (R[b]! >> 4) - 8;
          R[a] = sil8Store[(x | y) & 255]!;
        } else if (mode === 1) {
          const x = V.getInt16(a, true);
          const y = V.getInt16(b, true);
          V.setInt16(a, x | y, true);
        } else {
          const x = V.getInt32(a, true);
          const y = V.getInt32(b, true);
          V.setInt32(a, x | y, true);
        }
        pc += 3;
        break;
      }
      case 0x5d: { // XORINT
        const a = (w >> 8) & 15;
        const b = (w >> 12) & 15;
        if (a + W > 16 || b + W > 16) {
          err = 0x05 /* reg_range */;
          break run;
        }
        if (mode >= 3) {
          const alo = V.getInt32(a, true);
          const ahi = V.getInt32(a + 4, true);
          const blo = V.getInt32(b, true);
          const bhi = V.getInt32(b + 4, true);
          let lo: number;
          let hi: number;
          {
            lo = alo ^ blo;
            hi = ahi ^ bhi;
          }
          V.setInt32(a, lo, true);
          V.setInt32(a + 4, hi, true);
        } else if (mode === 0) {
          const x = (R[a]! >> 4) - 8;
          const y = (R[b]! >> 4) - 8;
          R[a] = sil8Store[(x ^ y) & 255]!;
        } else if (mode === 1) {
          const x = V.getInt16(a, true);
          const y = V.getInt16(b, true);
          V.setInt16(a, x ^ y, true);
        } else {
          const x = V.getInt32(a, true);
          const y = V.getInt32(b, true);
          V.setInt32(a, x ^ y, true);
        }
        pc += 3;
        break;
      }
      case 0x4f: // DIVINT
      case 0x57: { // MODINT
        const a = (w >> 8) & 15;
        const b = (w >> 12) & 15;
        if (a + W > 16 || b + W > 16) {
          err = 5 /* reg_range */;
          break run;
        }
        const isDiv = (w & 0xff) === 0x4f /* DIVINT */;
        if (mode >= 3) {
          const blo = V.getInt32(b, true);
          const bhi = V.getInt32(b + 4, true);
          if (blo === 0 && bhi === 0) flags |= 0x04 /* O */;
          else {
            const alo = V.getInt32(a, true);
            const ahi = V.getInt32(a + 4, true);
            if (isDiv) div64(alo, ahi, blo, bhi);
            else mod64(alo, ahi, blo, bhi);
            V.setInt32(a, RES[0]!, true);
            V.setInt32(a + 4, RES[1]!, true);
          }
        } else {
          let x: number;
          let y: number;
          if (mode === 0) {
            x = (R[a]! >> 4) - 8;
            y = (R[b]! >> 4) - 8;
          } else if (mode === 1) {
            x = V.getInt16(a, true);
            y = V.getInt16(b, true);
          } else {
            x = V.getInt32(a, true);
            y = V.getInt32(b, true);
          }
          if (y === 0) flags |= 0x04 /* O */;
          else {
            const r = isDiv ? (x / y) | 0 : (x % y) | 0; // exact for |x|, |y| < 2^31; |0 wraps MIN / -1
            if (mode === 0) R[a] = sil8Store[r & 255]!;
            else if (mode === 1) V.setInt16(a, r, true);
            else V.setInt32(a, r, true);
          }
        }
        pc += 3;
        break;
      }
      case 0x54: { // POWINT
        const a = (w >> 8) & 15;
        const b = (w >> 12) & 15;
        if (a + W > 16 || b + W > 16) {
          err = 5 /* reg_range */;
          break run;
        }
        if (mode >= 3) {
          pow64(V.getInt32(a, true), V.getInt32(a + 4, true), V.getInt32(b, true));
          V.setInt32(a, RES[0]!, true);
          V.setInt32(a + 4, RES[1]!, true);
        } else if (mode === 0) {
          R[a] = sil8Store[pow32((R[a]! >> 4) - 8, (R[b]! >> 4) - 8) & 255]!;
        } else if (mode === 1) {
          V.setInt16(a, pow32(V.getInt16(a, true), V.getInt16(b, true)), true);
        } else {
          V.setInt32(a, pow32(V.getInt32(a, true), V.getInt32(b, true)), true);
        }
        pc += 3;
        break;
      }
      case 0x58: // CMPINT
      case 0x5a: { // TESTINT
        const a = (w >> 8) & 15;
        const b = (w >> 12) & 15;
        if (a + W > 16 || b + W > 16) {
          err = 5 /* reg_range */;
          break run;
        }
        let eq: boolean;
        let lt: boolean;
        if (mode >= 3) {
          const alo = V.getInt32(a, true);
          const ahi = V.getInt32(a + 4, true);
          const blo = V.getInt32(b, true);
          const bhi = V.getInt32(b + 4, true);
          if ((w & 0xff) === 0x5a /* TESTINT */) {
            eq = (alo & blo) === 0 && (ahi & bhi) === 0;
            lt = false;
          } else {
            eq = alo === blo && ahi === bhi;
            lt = ahi < bhi || (ahi === bhi && (alo ^ -0x80000000) < (blo ^ -0x80000000)); // low words unsigned
          }
        } else {
          let x: number;
          let y: number;
          if (mode === 0) {
            x = (R[a]! >> 4) - 8;
            y = (R[b]! >> 4) - 8;
          } else if (mode === 1) {
            x = V.getInt16(a, true);
            y = V.getInt16(b, true);
          } else {
            x = V.getInt32(a, true);
            y = V.getInt32(b, true);
          }
          if ((w & 0xff) === 0x5a /* TESTINT */) {
            eq = (x & y) === 0;
            lt = false;
          } else {
            eq = x === y;
            lt = x < y;
          }
        }
        if ((w & 0xff) === 0x5a /* TESTINT */) flags = (flags & ~0x01 /* Z */) | (eq ? 0x01 /* Z */ : 0);
        else flags = (flags & ~(0x01 /* Z */ | 0x02 /* N */)) | (eq ? 0x01 /* Z */ : 0) | (lt ? 0x02 /* N */ : 0);
        pc += 3;
        break;
      }
      case 0x5f: // SHLINT
      case 0x69: { // SHRINT
        const a = (w >> 8) & 15;
        const b = (w >> 12) & 15;
        if (a + W > 16 || b + W > 16) {
          err = 5 /* reg_range */;
          break run;
        }
        const left = (w & 0xff) === 0x5f /* SHLINT */;
        if (mode >= 3) {
          const s = V.getUint32(b, true); // B mod 2^32, unsigned
          let lo = V.getInt32(a, true);
          let hi = V.getInt32(a + 4, true);
          if (left) {
            if (s >= 64) lo = hi = 0;
            else if (s >= 32) {
              hi = lo << (s - 32);
              lo = 0;
            } else if (s > 0) {
              hi = (hi << s) | (lo >>> (32 - s));
              lo = lo << s;
            }
          } else {
            if (s >= 64) lo = hi = hi >> 31;
            else if (s >= 32) {
              lo = hi >> (s - 32);
              hi = hi >> 31;
            } else if (s > 0) {
              lo = (lo >>> s) | (hi << (32 - s));
              hi = hi >> s;
            }
          }
          V.setInt32(a, lo, true);
          V.setInt32(a + 4, hi, true);
        } else {
          let x: number;
          let s: number;
          const bits = mode === 0 ? 8 : mode === 1 ? 16 : 32;
          if (mode === 0) {
            x = (R[a]! >> 4) - 8;
            s = ((R[b]! >> 4) - 8) >>> 0;
          } else if (mode === 1) {
            x = V.getInt16(a, true);
            s = V.getInt16(b, true) >>> 0;
          } else {
            x = V.getInt32(a, true);
            s = V.getInt32(b, true) >>> 0;
          }
          const r = s >= bits ? (left ? 0 : x >> 31) : left ? x << s : x >> s;
          if (mode === 0) R[a] = sil8Store[r & 255]!;
          else if (mode === 1) V.setInt16(a, r, true);
          else V.setInt32(a, r, true);
        }
        pc += 3;
        break;
      }
      case 0x5e: // NOTINT
      case 0x6a: // NEGINT
      case 0x6b: { // ABSINT
        const a = (w >> 8) & 15;
        if (a + W > 16) {
          err = 5 /* reg_range */;
          break run;
        }
        const op = w & 0xff;
        if (mode >= 3) {
          let lo = V.getInt32(a, true);
          let hi = V.getInt32(a + 4, true);
          if (op === 0x5e /* NOTINT */) {
            lo = ~lo;
            hi = ~hi;
          } else if (op === 0x6a /* NEGINT */ || hi < 0) {
            lo = -lo | 0;
            hi = (~hi + (lo === 0 ? 1 : 0)) | 0;
          }
          V.setInt32(a, lo, true);
          V.setInt32(a + 4, hi, true);
        } else {
          let x: number;
          if (mode === 0) x = (R[a]! >> 4) - 8;
          else if (mode === 1) x = V.getInt16(a, true);
          else x = V.getInt32(a, true);
          const r = op === 0x5e /* NOTINT */ ? ~x : op === 0x6a /* NEGINT */ || x < 0 ? -x | 0 : x;
          if (mode === 0) R[a] = sil8Store[r & 255]!;
          else if (mode === 1) V.setInt16(a, r, true);
          else V.setInt32(a, r, true);
        }
        pc += 3;
        break;
      }
      case 0x50: { // ADDFLOAT
        const a = (w >> 8) & 15;
        const b = (w >> 12) & 15;
        if (a + W > 16 || b + W > 16) {
          err = 5 /* reg_range */;
          break run;
        }
        if (mode >= 3) {
          const x = V.getFloat64(a, true);
          const y = V.getFloat64(b, true);
          const r = x + y;
          if (r !== r) {
            V.setUint32(a, 0, true);
            V.setUint32(a + 4, 0x7ff80000, true); // the canonical NaN
          } else V.setFloat64(a, r, true);
        } else if (mode === 0) {
          R[a] = SIL8_ADDFLOAT[((R[a]! >> 4) << 4) | (R[b]! >> 4)]!;
        } else {
          const x = loadF(V, mode, a);
          const y = loadF(V, mode, b);
          storeF(V, mode, a, x + y);
        }
        pc += 3;
        break;
      }
      case 0x51: { // SUBFLOAT
        const a = (w >> 8) & 15;
        const b = (w >> 12) & 15;
        if (a + W > 16 || b + W > 16) {
          err = 5 /* reg_range */;
          break run;
        }
        if (mode >= 3) {
          const x = V.getFloat64(a, true);
          const y = V.getFloat64(b, true);
          const r = x - y;
          if (r !== r) {
            V.setUint32(a, 0, true);
            V.setUint32(a + 4, 0x7ff80000, true); // the canonical NaN
          } else V.setFloat64(a, r, true);
        } else if (mode === 0) {
          R[a] = SIL8_SUBFLOAT[((R[a]! >> 4) << 4) | (R[b]! >> 4)]!;
        } else {
          const x = loadF(V, mode, a);
          const y = loadF(V, mode, b);
          storeF(V, mode, a, x - y);
        }
        pc += 3;
        break;
      }
      case 0x52: { // MULFLOAT
        const a = (w >> 8) & 15;
        const b = (w >> 12) & 15;
        if (a + W > 16 || b + W > 16) {
          err = 5 /* reg_range */;
          break run;
        }
        if (mode >= 3) {
          const x = V.getFloat64(a, true);
          const y = V.getFloat64(b, true);
          const r = x * y;
          if (r !== r) {
            V.setUint32(a, 0, true);
            V.setUint32(a + 4, 0x7ff80000, true); // the canonical NaN
          } else V.setFloat64(a, r, true);
        } else if (mode === 0) {
          R[a] = satHi((R[a]! >> 4) + (R[b]! >> 4) - 16);
        } else {
          const x = loadF(V, mode, a);
          const y = loadF(V, mode, b);
          storeF(V, mode, a, x * y);
        }
        pc += 3;
        break;
      }
      case 0x53: { // DIVFLOAT
        const a = (w >> 8) & 15;
        const b = (w >> 12) & 15;
        if (a + W > 16 || b + W > 16) {
          err = 5 /* reg_range */;
          break run;
        }
        if (mode >= 3) {
          const x = V.getFloat64(a, true);
          const y = V.getFloat64(b, true);
          const r = x / y;
          if (r !== r) {
            V.setUint32(a, 0, true);
            V.setUint32(a + 4, 0x7ff80000, true); // the canonical NaN
          } else V.setFloat64(a, r, true);
        } else if (mode === 0) {
          R[a] = satHi((R[a]! >> 4) - (R[b]! >> 4));
        } else {
          const x = loadF(V, mode, a);
          const y = loadF(V, mode, b);
          storeF(V, mode, a, x / y);
        }
        pc += 3;
        break;
      }
      case 0x56: // SQRTFLOAT
      case 0x6c: // NEGFLOAT
      case 0x6d: // ABSFLOAT
      case 0x6e: // FLOORFLOAT
      case 0x6f: { // CEILFLOAT
        const a = (w >> 8) & 15;
        if (a + W > 16) {
          err = 5 /* reg_range */;
          break run;
        }
        const op = w & 0xff;
        if (mode === 0) {
          const i = R[a]! >> 4;
          R[a] =
            op === 0x56 /* SQRTFLOAT */ ? SIL8_SQRTFLOAT[i]!
            : op === 0x6c /* NEGFLOAT */ ? SIL8_NEGFLOAT[i]!
            : op === 0x6d /* ABSFLOAT */ ? SIL8_ABSFLOAT[i]!
            : op === 0x6e /* FLOORFLOAT */ ? SIL8_FLOORFLOAT[i]!
            : SIL8_CEILFLOAT[i]!;
        } else {
          const x = loadF(V, mode, a);
          storeF(
            V,
            mode,
            a,
            op === 0x56 /* SQRTFLOAT */ ? Math.sqrt(x)
            : op === 0x6c /* NEGFLOAT */ ? -x
            : op === 0x6d /* ABSFLOAT */ ? Math.abs(x)
            : op === 0x6e /* FLOORFLOAT */ ? Math.floor(x)
            : Math.ceil(x),
          );
        }
        pc += 3;
        break;
      }
      case 0x59: { // CMPFLOAT
        const a = (w >> 8) & 15;
        const b = (w >> 12) & 15;
        if (a + W > 16 || b + W > 16) {
          err = 5 /* reg_range */;
          break run;
        }
        let eq: boolean;
        let lt: boolean;
        if (mode === 0) {
          const x = R[a]! >> 4;
          const y = R[b]! >> 4;
          eq = x === y;
          lt = x < y;
        } else {
          const x = mode >= 3 ? V.getFloat64(a, true) : loadF(V, mode, a);
          const y = mode >= 3 ? V.getFloat64(b, true) : loadF(V, mode, b);
          const d = x - y; // one binary64 subtraction (spec 4.4)
          eq = x === y || Math.abs(d) < 2.220446049250313e-16; // 2^-52; NaN compares false
          lt = x < y;
        }
        flags = (flags & ~(0x01 /* Z */ | 0x02 /* N */)) | (eq ? 0x01 /* Z */ : 0) | (lt ? 0x02 /* N */ : 0);
        pc += 3;
        break;
      }
      case 0x70: // CVTI2F
      case 0x71: // CVTF2I
      case 0x72: // CVTI2B
      case 0x73: // CVTB2I
      case 0x74: // CVTF2B
      case 0x75: { // CVTB2F
        const a = (w >> 8) & 15;
        if (a + W > 16) {
          err = 5 /* reg_range */;
          break run;
        }
        convert(R, V, w & 0xff, mode, a);
        pc += 3;
        break;
      }

      // ---- 4.5 layer operations
      case 0x60: // XORL
        R[(w >> 8) & 15] ^= R[(w >> 12) & 15]!;
        pc += 3;
        break;
      case 0x61: // ANDL
        R[(w >> 8) & 15] &= R[(w >> 12) & 15]!;
        pc += 3;
        break;
      case 0x62: // ORL
        R[(w >> 8) & 15] |= R[(w >> 12) & 15]!;
        pc += 3;
        break;
      case 0x63: { // NOTL
        const a = (w >> 8) & 15;
        R[a] = ~R[a]!;
        pc += 2;
        break;
      }
      case 0x64: // SHIFTL
        if (R[15]! >= 0x10) flags |= 0x04 /* O */;
        R.copyWithin(1, 0, 15);
        R[0] = 0;
        pc += 1;
        break;
      case 0x65: { // ROTATL
        const f = R[15]!;
        R.copyWithin(1, 0, 15);
        R[0] = f;
        pc += 1;
        break;
      }
      case 0x66: // FOLD
        for (let i = 0; i < 8; i++) R[i] = R[i]! ^ R[i + 8]! ^ 0x80;
        pc += 1;
        break;
      case 0x67: { // SPREAD
        const a = (w >> 8) & 15;
        const g = a & 12;
        const x = R[a]!;
        R[g] = x;
        R[g + 1] = x;
        R[g + 2] = x;
        R[g + 3] = x;
        pc += 2;
        break;
      }
      case 0x68: { // GATHER
        const a = (w >> 8) & 15;
        const g = a & 12;
        let acc = 0x80;
        for (let i = g; i < g + 4; i++) {
          const y = R[i]!;
          acc = satHi((acc >> 4) + (y >> 4) - 16) | ((acc + y) & 15);
        }
        R[a] = acc;
        pc += 2;
        break;
      }

      // ---- 4.6 transformations (TRANS, PIPE, LERP, GRAD are host instructions)
      case 0x83: { // SLERP
        const a = (w >> 8) & 15;
        const x = R[a]!;
        const y = R[(w >> 12) & 15]!;
        const k = (w >> 16) & 255;
        const nr = (255 - k) * ((x >> 4) - 8) + k * ((y >> 4) - 8);
        const nt = (255 - k) * (x & 15) + k * (y & 15);
        // nearest(n / 255) for integer n with no possible tie: floor((2n + 255) / 510)
        const r = Math.floor((2 * nr + 255) / 510);
        const t = Math.floor((2 * nt + 255) / 510);
        R[a] = ((r + 8) << 4) | (t & 15);
        pc += 3;
        break;
      }
      case 0x85: { // DESCENT
        if (V.getUint32(0x44 /* GRAD_PRESENT */, true) !== 0) {
          const a = (w >> 8) & 15;
          const x = R[a]!;
          const g = V.getFloat32(0x80 /* GRAD */ + 4 * a, true);
          const lr = Math.fround(((w >> 16) & 255) / 255);
          const p = Math.fround(lr * g);
          let v = Math.fround((x >> 4) - 8 - p);
          v = v < -8 ? -8 : v > 7 ? 7 : v;
          R[a] = ((Math.trunc(v) + 8) << 4) | (x & 15);
        }
        pc += 3;
        break;
      }
      case 0x86: // EMERGE
        R[11] = R[11]! ^ R[12]! ^ 0x80;
        pc += 2;
        break;
      case 0x87: { // COLLAPSE
        const x = R[(w >> 8) & 15]!;
        R[15] = x;
        if (x < 0x10) {
          flags |= 0x08 /* C */;
          limit = done + 1;
        }
        pc += 2;
        break;
      }

      // ---- 4.7 compatibility (modes)
      case 0xa0: // SETMODE
        mode = (w >> 8) & 255;
        W = (mode < 3 ? 1 << mode : 8);
        R[0x11 /* MODE */] = mode;
        pc += 2;
        break;
      case 0xa1: { // PROMOTE
        const m = (w >> 16) & 255;
        if (m > mode) {
          mode = m;
          W = (mode < 3 ? 1 << mode : 8);
          R[0x11 /* MODE */] = mode;
          flags |= 0x80 /* M */;
        }
        pc += 3;
        break;
      }
      case 0xa2: // DEMOTE
      case 0xa3: // TRUNCATE
      case 0xa4: // XORDEM
      case 0xa5: // AVGDEM
      case 0xa6: { // MAXDEM
        const m = (w >> 16) & 255;
        if (m < mode) {
          demote(R, w & 0xff, mode, m);
          mode = m;
          W = (mode < 3 ? 1 << mode : 8);
          R[0x11 /* MODE */] = mode;
          flags |= 0x80 /* M */;
        }
        pc += 3;
        break;
      }
      case 0xa7: { // COMPAT
        const m = (w >> 16) & 255;
        if (m < mode) {
          mode = m;
          W = (mode < 3 ? 1 << mode : 8);
          R[0x11 /* MODE */] = mode;
        }
        pc += 3;
        break;
      }

      // ---- 4.8 quantum gates on the Bit de Sil
      case 0xb0: // BIT_H
      case 0xb1: // BIT_X
      case 0xb3: // BIT_Z
      case 0xb4: // BIT_COLLAPSE
      case 0xb7: // BIT_NORM
      case 0xb2: // BIT_Y
      case 0xb6: { // BIT_ROTQ
        const a = (w >> 8) & 15;
        const op = w & 0xff;
        let r = R[a]!;
        if (op === 0xb2 /* BIT_Y */) r = (r & 0xf0) | ((r + 4) & 15);
        else if (op === 0xb6 /* BIT_ROTQ */) r = (r & 0xf0) | ((r + (R[1]! >> 4) - 8) & 15);
        R[a] = r;
        flags = (flags & ~0x07) | flagZNO[r]!;
        if (a === 15 && r < 0x10) {
          flags |= 0x08 /* C */;
          limit = done + 1;
        }
        pc += 2;
        break;
      }
      case 0xb5: // BIT_MEASURE
        R[0] = MEASURE[R[(w >> 8) & 15]! & 15]!;
        pc += 2;
        break;

      // ---- 4.9 I/O (SENSE, ACT, SYNC, BROADCAST, RECEIVE, ENTANGLE are host instructions)
      case 0xc0: // IN
        R[(w >> 8) & 15] = R[0xa00 /* PORTS */ + ((w >> 16) & 255)]!;
        pc += 3;
        break;
      case 0xc1: // OUT
        R[0xa00 /* PORTS */ + ((w >> 16) & 255)] = R[(w >> 8) & 15]!;
        pc += 3;
        break;

      // ---- 4.10 hints with an operand
      case 0xe4: // BATCH
      case 0xe6: // PREFETCH
        pc += 4;
        break;

      // ---- host (H) instructions: the state block is the interface (spec 12)
      case 0x55: // POWFLOAT
      case 0x80: // TRANS
      case 0x81: // PIPE
      case 0x82: // LERP
      case 0x84: // GRAD
      case 0xc2: // SENSE
      case 0xc3: // ACT
      case 0xc4: // SYNC
      case 0xc5: // BROADCAST
      case 0xc6: // RECEIVE
      case 0xc7: // ENTANGLE
      case 0xff: { // SYSCALL
        R[0x10 /* FLAGS */] = flags;
        V.setUint32(0x48 /* HOST_PC */, pc, true);
        const op = w & 0xff;
        const e = runHostInstruction(st, op, (w >> 8) & 255, (w >> 16) & 255, w >>> 24);
        if (e !== 0 /* none */) {
          err = e;
          break run;
        }
        flags = R[0x10 /* FLAGS */]!;
        pc += op === 0xff /* SYSCALL */ || op === 0x80 /* TRANS */ || op === 0x81 /* PIPE */ || op === 0xc5 /* BROADCAST */ || op === 0xc6 /* RECEIVE */ ? 4 : op === 0x55 /* POWFLOAT */ || op === 0x82 /* LERP */ || op === 0xc7 /* ENTANGLE */ ? 3 : 2;
        break;
      }

      default:
        // NOT_START: a PC inside an instruction, only from a state block whose PC was not a verified
        // instruction start (never from a run of a verified program); a typed error, never a loop
        err = 0x13 /* bad_target */;
        break run;
    }
    done++;
  }

  if (err !== 0 /* none */) status = 6 /* error */;
  V.setUint32(0x14 /* PC */, pc, true);
  const cycles = base + done;
  V.setUint32(0x20 /* CYCLES */, cycles >>> 0, true);
  V.setUint32(0x24 /* CYCLES + 4 */, Math.floor(cycles / 0x100000000), true);
  R[0x10 /* FLAGS */] = flags;
  R[0x11 /* MODE */] = mode;
  V.setUint32(0x18 /* SP */, sp, true);
  V.setUint32(0x1c /* FP */, fp, true);
  V.setUint32(0x30 /* CALL_DEPTH */, depth, true);
  R[0x12 /* STATUS */] = status;
  R[0x13 /* ERROR */] = err;
  return status;
}

/** The six CVT* conversions (spec 6) at register a; the caller has checked reg_range. */
function convert(R: Uint8Array, V: DataView, op: number, mode: number, a: number): void {
  if (mode === 0) {
    const x = R[a]!;
    const i = x >> 4;
    switch (op) {
      case 0x70: // CVTI2F
      case 0x72: // CVTI2B
        R[a] = SIL8_CVTI2F[i]!;
        return;
      case 0x71: // CVTF2I
        R[a] = SIL8_CVTF2I[i]!;
        return;
      case 0x73: // CVTB2I
        R[a] = (x & 15) >= 8 ? SIL8_CVTB2I_NEG[i]! : SIL8_CVTF2I[i]!;
        return;
      default: // CVTF2B, CVTB2F
        R[a] = x & 0xf0;
        return;
    }
  }
  switch (op) {
    case 0x70: { // CVTI2F
      let v: number;
      if (mode === 1) v = V.getInt16(a, true);
      else if (mode === 2) v = V.getInt32(a, true);
      else v = int64ToDouble(V.getInt32(a, true), V.getInt32(a + 4, true));
      storeF(V, mode, a, v);
      return;
    }
    case 0x71: { // CVTF2I
      doubleToInt64Sat(loadF(V, mode, a));
      if (mode === 1) V.setInt16(a, RES[0]!, true);
      else if (mode === 2) V.setInt32(a, RES[0]!, true);
      else {
        V.setInt32(a, RES[0]!, true);
        V.setInt32(a + 4, RES[1]!, true);
      }
      return;
    }
    case 0x72: { // CVTI2B
      let neg: boolean;
      let mag: number;
      if (mode === 1) {
        const v = V.getInt16(a, true);
        neg = v < 0;
        mag = Math.abs(v);
      } else if (mode === 2) {
        const v = V.getInt32(a, true);
        neg = v < 0;
        mag = Math.abs(v);
      } else {
        const hi = V.getInt32(a + 4, true);
        neg = hi < 0;
        mag = Math.abs(int64ToDouble(V.getInt32(a, true), hi));
      }
      R[a] = intToByteSil(neg, mag);
      return;
    }
    case 0x73: // CVTB2I
      storeI32(V, mode, a, byteSilToInt(R[a]!));
      return;
    case 0x74: // CVTF2B
      R[a] = fromReal(loadF(V, mode, a));
      return;
    default: // CVTB2F
      writeERhoRaw(V, mode, a, R[a]!);
      return;
  }
}

/** CVTB2F in a wide mode: e^rho correctly rounded to the mode's float (table 10.3). */
function writeERhoRaw(V: DataView, mode: number, a: number, b: number): void {
  const i = b >> 4;
  if (mode === 1) V.setUint16(a, E_RHO_F16_BITS[i]!, true);
  else if (mode === 2) V.setUint32(a, E_RHO_F32_BITS[i]!, true);
  else V.setFloat64(a, E_RHO_F64[i]!, true);
}
