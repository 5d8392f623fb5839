// A64 JIT run natively on ARM64 = interpreter, per opcode: mode-aware integer operations, integer-coded conversions and
// NEGFLOAT/ABSFLOAT, MODE changes and demotions (spec 4.4, 4.7, 6).
// support/opcode-properties.ts: random initial states and budgets from instances of the opcode, the whole
// state block compared, with the register cache off and on.
import { describeOpcodeGroup } from './support/opcode-properties.js';

describeOpcodeGroup('mode');
