// Robustness (spec 3.2, 3.3, 9): random bytes never crash the decoder, the verifier, the container reader or
// the interpreter (every failure is a typed result); random valid programs always stop with a status within
// the budget, keep the state block's invariants, and an error leaves the state exactly as it was before the
// failing instruction (the same run stopped by the budget one instruction earlier has the same block).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadContainer, readContainer, writeContainer } from '../../src/vsp/container.js';
import { decodeInstruction } from '../../src/vsp/decode.js';
import { runProgramSync } from '../../src/vsp/engine.js';
import { RunStatus, S, VspError } from '../../src/vsp/state-layout.js';
import { VspState } from '../../src/vsp/state.js';
import { verifyProgram } from '../../src/vsp/verify.js';
import { propertyRuns } from '../support/runs.js';
import { buildProgram, insnArb } from '../support/vsp-programs.js';

const FINAL = new Set([RunStatus.halted, RunStatus.returned, RunStatus.end, RunStatus.collapsed, RunStatus.budget, RunStatus.error]);
const isError = (e: number): boolean => VspError[e] !== undefined;

describe('random bytes never crash (typed errors)', () => {
  it('decodeInstruction and verifyProgram', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.nat(), fc.integer({ min: -2, max: 80 }), (b, off, entry) => {
        const d = decodeInstruction(b, b.length === 0 ? 0 : off % (b.length + 1));
        if (!d.ok) expect(isError(d.error)).toBe(true);
        const v = verifyProgram(b, entry);
        if (!v.ok) expect([VspError.bad_opcode, VspError.truncated, VspError.bad_encoding, VspError.bad_target, VspError.bad_entry]).toContain(v.error);
      }),
      { numRuns: propertyRuns(3000) },
    );
  });
  it('readContainer and loadContainer on raw bytes and on damaged valid containers', () => {
    const good = writeContainer({ code: Uint8Array.of(0x21, 0, 5, 0x01), entry: 0, mode: 2, data: Uint8Array.of(9), symbols: [{ name: 'a', address: 0, kind: 0 }] });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 96 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), fc.nat(), (raw, flips, cut) => {
        for (const file of [raw, Uint8Array.of(0x53, 0x49, 0x4c, 0x43, ...raw)]) {
          const r = readContainer(file);
          if (!r.ok) expect(isError(r.error) && Number.isInteger(r.offset)).toBe(true);
          loadContainer(file);
        }
        const d = Uint8Array.from(good);
        for (const [i, v] of flips) d[i % d.length] = v;
        const t = d.subarray(0, cut % (d.length + 1));
        for (const f of [d, t]) {
          const r = loadContainer(f);
          if (!r.ok) expect(isError(r.error)).toBe(true);
          else runProgramSync(r, { maxCycles: 100 });
        }
      }),
      { numRuns: propertyRuns(2000) },
    );
  });
  it('random code that verifies runs to a final status', () => {
    const st = new VspState();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 48 }), fc.uint8Array({ minLength: 16, maxLength: 16 }), (c, regs) => {
        const v = loadContainer(writeContainer({ code: c, entry: 0, mode: 4, data: new Uint8Array(0) }));
        if (!v.ok) return;
        runProgramSync(v, { regs, maxCycles: 500 }, st);
        expect(FINAL.has(st.status)).toBe(true);
      }),
      { numRuns: propertyRuns(3000) },
    );
  });
});

// ---- random valid programs from the opcode table (test/support/vsp-programs.ts)

/** The block with the run-control bytes cleared, for comparing two runs' states. */
function snapshot(st: VspState): Uint8Array {
  const b = Uint8Array.from(st.bytes);
  b[S.STATUS] = 0;
  b[S.ERROR] = 0;
  b.fill(0, S.BUDGET, S.BUDGET + 8);
  b.fill(0, S.HOST_PC, S.HOST_PC + 4);
  return b;
}

describe('random valid programs', () => {
  it('stop with a final status within the budget, keep the invariants; errors change nothing', () => {
    const st = new VspState();
    const st2 = new VspState();
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(
        fc.array(insnArb(), { minLength: 1, maxLength: 40 }),
        fc.nat(),
        fc.integer({ min: 0, max: 4 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.integer({ min: 0, max: 255 }).map((f) => f & 0x8f),
        fc.uint8Array({ maxLength: 8 }),
        fc.integer({ min: 0, max: 3000 }),
        (insns, entryPick, mode, regs, flags, input, budget) => {
          const { code, entry } = buildProgram(insns, entryPick);
          const loaded = loadContainer(writeContainer({ code, entry, mode, data: Uint8Array.of(0x10, 0, 0, 0, 2, 0, 0, 0, 0x11, 0, 0, 0, 0x12) }));
          expect(loaded.ok).toBe(true);
          if (!loaded.ok) return;
          runProgramSync(loaded, { regs, flags, input, maxCycles: budget }, st);
          expect(FINAL.has(st.status)).toBe(true);
          const key = st.status === RunStatus.error ? VspError[st.error]! : RunStatus[st.status]!;
          seen.set(key, (seen.get(key) ?? 0) + 1);
          expect(st.cycles).toBeLessThanOrEqual(budget);
          if (st.status === RunStatus.budget) expect(st.cycles).toBe(budget);
          expect(st.flags & 0x60).toBe(0);
          expect(st.mode).toBeLessThanOrEqual(4);
          expect(st.sp).toBeLessThanOrEqual(256);
          expect(st.callDepth).toBeLessThanOrEqual(256);
          expect(st.pc).toBeLessThanOrEqual(code.length);
          if (st.status === RunStatus.error) {
            expect(isError(st.error) && st.error !== VspError.none).toBe(true);
            runProgramSync(loaded, { regs, flags, input, maxCycles: st.cycles }, st2);
            expect(st2.status === RunStatus.budget || st2.cycles === 0).toBe(true);
            expect(st2.pc).toBe(st.pc);
            expect(Buffer.compare(snapshot(st), snapshot(st2))).toBe(0);
          } else expect(st.error).toBe(VspError.none);
        },
      ),
      { numRuns: propertyRuns(1500) },
    );
    // the generator reaches every way a run can stop, and the errors the interpreter owns
    for (const k of ['halted', 'returned', 'end', 'collapsed', 'budget', 'stack_underflow', 'mem_range', 'reg_range']) {
      expect(seen.get(k) ?? 0, `${k} in ${JSON.stringify([...seen])}`).toBeGreaterThan(0);
    }
  });
});
