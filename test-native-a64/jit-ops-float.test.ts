// A64 JIT run natively on ARM64 = interpreter, per opcode: mode-aware float operations on the FP unit and DESCENT (spec 4.4, 4.6, 6, 12).
// support/opcode-properties.ts: random initial states and budgets from instances of the opcode, the whole
// state block compared, with the register cache off and on.
import { describeOpcodeGroup } from './support/opcode-properties.js';

describeOpcodeGroup('float');
