// The 124 conformance cases on unicorn-a64: the ARM64 JIT's code, run in Unicorn, through `vsp run`.
import { expect } from 'vitest';
import { unicornA64Engine } from '../../src/jit/unicorn-engine.js';
import { getEngine } from '../../src/vsp/engine.js';
import { describeEngineConformance } from './engine-conformance.js';

describeEngineConformance('unicorn-a64', () => expect(getEngine('unicorn-a64')).toBe(unicornA64Engine));
