// A64 JIT run natively on ARM64 = interpreter, per opcode: ByteSil arithmetic, layer operations,
// SLERP/EMERGE/COLLAPSE, quantum gates, IN/OUT (spec 4.3, 4.5, 4.6, 4.8, 4.9).
// support/opcode-properties.ts: random initial states and budgets from instances of the opcode, the whole
// state block compared, with the register cache off and on.
import { describeOpcodeGroup } from './support/opcode-properties.js';

describeOpcodeGroup('bytesil');
