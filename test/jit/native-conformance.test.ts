// The 124 conformance cases on the native engine through `vsp run`: on this x86-64 machine the x86-64 JIT's
// code runs natively (src/exec). (On a host without a JIT backend the engine is the interpreter.)
import { expect } from 'vitest';
import { host } from '../../src/exec/index.js';
import { nativeEngine } from '../../src/jit/native-engine.js';
import { getEngine } from '../../src/vsp/engine.js';
import { describeEngineConformance } from './engine-conformance.js';

describeEngineConformance('native', () => {
  expect(getEngine('native')).toBe(nativeEngine);
  if (host.arch !== null) expect(nativeEngine.notice).toBe(null);
  if (host.arch === 'x64') expect(nativeEngine.description).toMatch(/x64 JIT .* natively/);
});
