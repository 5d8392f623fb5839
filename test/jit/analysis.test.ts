// The JIT front end's analysis, checked against the reference interpreter: running a program k cycles at a
// time (k = 0, 1, 2, ...) shows which PC and MODE each executed instruction really had; the analysis must
// have predicted that MODE, marked every branch target a leader, and C can only become set after an
// instruction it flags as able to set C.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Op } from '../../spec/vsp/opcodes.js';
import { ALL_MODES, analyzeProgram, modeTransfer } from '../../src/jit/analysis.js';
import { checkProgram } from '../../src/vsp/container.js';
import { runProgramSync } from '../../src/vsp/engine.js';
import { Flag, RunStatus } from '../../src/vsp/state-layout.js';
import { VspState } from '../../src/vsp/state.js';
import { propertyRuns } from '../support/runs.js';
import { programArb } from '../support/vsp-programs.js';

describe('analyzeProgram', () => {
  it('predicts the MODE of every executed instruction and the instructions that can set C', () => {
    const st = new VspState();
    fc.assert(
      fc.property(programArb(), fc.uint8Array({ minLength: 16, maxLength: 16 }), ({ code, entry, mode }, regs) => {
        const loaded = checkProgram({ code, entry, mode, data: new Uint8Array(0), symbols: [] });
        if (!loaded.ok) throw new Error('generator produced an invalid program');
        const an = analyzeProgram(loaded);
        let prevPc = -1;
        for (let k = 0; k < 60; k++) {
          runProgramSync(loaded, { regs, maxCycles: k }, st);
          if (st.status !== RunStatus.budget) {
            // the instruction at prevPc was the last: if it left C set it must be one that can.
            if (st.status === RunStatus.collapsed) expect(an.insns[an.index[prevPc]!]!.canSetC).toBe(true);
            break;
          }
          const i = an.index[st.pc]!;
          expect(i).toBeGreaterThanOrEqual(0);
          const ins = an.insns[i]!;
          expect(ins.modes & (1 << st.mode)).not.toBe(0);
          if (prevPc >= 0) {
            const prev = an.insns[an.index[prevPc]!]!;
            // a jump away from straight-line order lands on a leader
            if (st.pc !== prev.next) expect(ins.leader).toBe(true);
            if ((st.flags & Flag.C) !== 0) expect(prev.canSetC).toBe(true);
          }
          prevPc = st.pc;
        }
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  it('marks the entry and the instruction after each host instruction as entries', () => {
    // SENSE R0 (host); MOVI R1, 1; HLT
    const loaded = checkProgram({ code: Uint8Array.of(0xc2, 0, 0x21, 1, 1, 0x01), entry: 0, mode: 4, data: new Uint8Array(0), symbols: [] });
    if (!loaded.ok) throw new Error('invalid');
    const an = analyzeProgram(loaded);
    expect(an.entries).toEqual([0, 2]);
  });

  it('flows MODE from a subroutine RET back to the instruction after its CALL', () => {
    // 0: CALL 5 | 4: HLT | 5: SETMODE SIL-8 | 7: RET
    const code = Uint8Array.of(0x15, 5, 0, 0, 0x01, 0xa0, 0, 0x02);
    const loaded = checkProgram({ code, entry: 0, mode: 4, data: new Uint8Array(0), symbols: [] });
    if (!loaded.ok) throw new Error('invalid');
    const an = analyzeProgram(loaded);
    const st = runProgramSync(loaded, { maxCycles: 3 }, new VspState());
    expect(st.pc).toBe(4);
    expect(st.mode).toBe(0);
    expect(an.insns[an.index[4]!]!.modes & 1).toBe(1);
    expect(an.insns[an.index[4]!]!.leader).toBe(true);
  });

  it('applies the spec 4.7 MODE rules', () => {
    const all = ALL_MODES;
    expect(modeTransfer(Op.SETMODE, 2, 1, 0, all)).toBe(1 << 1);
    expect(modeTransfer(Op.COMPAT, 3, 0, 2, all)).toBe(0b00111); // min(MODE, 2)
    expect(modeTransfer(Op.PROMOTE, 3, 0, 2, all)).toBe(0b11100); // max(MODE, 2)
    expect(modeTransfer(Op.DEMOTE, 3, 0, 1, 1 << 4)).toBe(1 << 1);
    expect(modeTransfer(Op.TRUNCATE, 3, 0, 3, 1 << 0)).toBe(1 << 0); // m >= MODE: nothing
    expect(modeTransfer(Op.ADDINT, 3, 0, 0, 0b101)).toBe(0b101);
  });
});
