// The 124 conformance cases on unicorn-x64: the x86-64 JIT's code, run in Unicorn, through `vsp run`.
import { expect } from 'vitest';
import { unicornX64Engine } from '../../src/jit/unicorn-x64-engine.js';
import { getEngine } from '../../src/vsp/engine.js';
import { describeEngineConformance } from './engine-conformance.js';

describeEngineConformance('unicorn-x64', () => expect(getEngine('unicorn-x64')).toBe(unicornX64Engine));
