// A64 JIT run natively on ARM64 = interpreter, per opcode: control flow, hints and data movement (spec 4.1, 4.2, 4.10).
// support/opcode-properties.ts: random initial states and budgets from instances of the opcode, the whole
// state block compared, with the register cache off and on.
import { describeOpcodeGroup } from './support/opcode-properties.js';

describeOpcodeGroup('control');
