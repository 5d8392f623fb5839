// Budget blocks (src/jit/budget-blocks.ts) against the reference interpreter: running random programs one
// cycle more at a time shows the PC of every executed instruction; control may enter a block only at its
// first instruction and leave it other than by falling through only after its last one, and no block is
// longer than MAX_BLOCK. (Compiled code relies on this to check the budget once per block.)
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeProgram } from '../../src/jit/analysis.js';
import { budgetBlocks, MAX_BLOCK } from '../../src/jit/budget-blocks.js';
import { checkProgram } from '../../src/vsp/container.js';
import { runProgramSync } from '../../src/vsp/engine.js';
import { RunStatus } from '../../src/vsp/state-layout.js';
import { VspState } from '../../src/vsp/state.js';
import { propertyRuns } from '../support/runs.js';
import { programArb } from '../support/vsp-programs.js';

describe('budgetBlocks', () => {
  it('control enters blocks only at their heads and jumps only from their last instruction', () => {
    const st = new VspState();
    let jumps = 0;
    fc.assert(
      fc.property(programArb(undefined, 60), fc.uint8Array({ minLength: 16, maxLength: 16 }), ({ code, entry, mode }, regs) => {
        const loaded = checkProgram({ code, entry, mode, data: new Uint8Array(0), symbols: [] });
        if (!loaded.ok) throw new Error('generator produced an invalid program');
        const an = analyzeProgram(loaded);
        // the compiler's labels: branch targets, entries, return points
        const labels = new Set<number>([...an.entries, ...an.returnPoints]);
        for (const ins of an.insns) if (ins.target >= 0) labels.add(ins.target);
        const blocks = budgetBlocks(an.insns, (pc) => labels.has(pc));
        // head and last instruction of each instruction's block
        const last = new Int32Array(an.insns.length);
        let total = 0;
        for (let i = 0; i < blocks.length; i++) {
          const n = blocks[i]!;
          if (n === 0) continue;
          expect(n).toBeLessThanOrEqual(MAX_BLOCK);
          for (let j = i; j < i + n; j++) {
            if (j > i) expect(blocks[j]).toBe(0);
            last[j] = i + n - 1;
          }
          total += n;
        }
        expect(total).toBe(an.insns.length);
        let prev = -1;
        for (let k = 0; k < 80; k++) {
          runProgramSync(loaded, { regs, maxCycles: k }, st);
          if (st.status !== RunStatus.budget) break;
          const i = an.index[st.pc]!;
          if (prev < 0) expect(blocks[i]).toBeGreaterThan(0); // the entry is a head
          else if (an.insns[prev]!.next !== st.pc) {
            jumps++;
            expect(last[prev]).toBe(prev);
            expect(blocks[i]).toBeGreaterThan(0);
          }
          prev = i;
        }
      }),
      { numRuns: propertyRuns(300) },
    );
    expect(jumps).toBeGreaterThan(50);
  });
});
