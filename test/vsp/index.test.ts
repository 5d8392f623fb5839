// The public VSP surface (src/vsp/index.ts) exposes what the JIT engines and users build on.
import { describe, expect, it } from 'vitest';
import * as vsp from '../../src/vsp/index.js';

describe('src/vsp/index.ts', () => {
  it('exports the shared contracts, loading, the interpreter, engines and the canonical state', () => {
    expect(vsp.VspStateOffsets).toBe(vsp.S);
    expect(vsp.S.REGS).toBe(0);
    expect(vsp.VSP_OPCODES.length).toBe(117);
    expect(vsp.ByteSil.ONE).toBe(0x80);
    expect(vsp.Sil8Tables.MEASURE.length).toBe(16);
    for (const f of [vsp.loadContainer, vsp.writeContainer, vsp.verifyProgram, vsp.prepareProgram, vsp.runInterpreter, vsp.runProgram, vsp.canonicalState, vsp.runHostInstruction, vsp.assembleText, vsp.disassembleText, vsp.VspValues.readFloat]) {
      expect(typeof f).toBe('function');
    }
    expect(vsp.getEngine('interp')).toBe(vsp.interpreterEngine);
  });
  it('runs an assembled text program end to end', async () => {
    const p = vsp.checkProgram(vsp.assembleText('MOVI R0, 5\nHLT\n', 't.vsp'));
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    const { canonical } = await vsp.runProgram(p);
    expect([canonical.status, canonical.regs.slice(0, 2)]).toEqual(['halted', 'd0']);
  });
});
