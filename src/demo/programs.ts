// The programs of the main job (`npm start`), as VSP text (spec 7): the prototype's 5-instruction example and
// a longer loop. Both are assembled by our text assembler at run time, like a user's program.

/** The initial registers R0..RF of both programs (as `vsp run --regs`). */
export const DEMO_REGS = Uint8Array.of(0x91, 0x83, 0xa5, 0x77, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 0xf0, 0x21, 0x43, 0x65);

/**
 * The prototype's example had 5 bytes of bytecode and 5 instructions: five one-byte instructions. Ours are
 * whole-register-file (layer) operations, which the JIT compiles to a few vector instructions each.
 */
export const FIVE_INSTRUCTIONS = `; the prototype's example: five one-byte instructions
.mode SIL-128
.code
    ROTATL          ; R[i] = R[i-1], R0 = old RF
    FOLD            ; R[i] = R[i] xor R[i+8], i = 0..7
    ROTATL
    SHIFTL          ; R[i] = R[i-1], R0 = NULL (O = 1 if RF was not null)
    HLT
`;

/**
 * A SIL-32 integer loop: five arithmetic instructions, LOOP (15 iterations on RC), then RC is reloaded and
 * the loop starts over; the cycle budget ends the run (status budget), exactly as in the interpreter.
 */
export const ARITHMETIC_LOOP = `; a SIL-32 integer loop that runs until the cycle budget ends it
.mode SIL-32
.code
top:
    ADDINT R0, R4
    SUBINT R4, R8
    MULINT R0, R8
    XORINT R8, R0
    SHLINT R4, R0
    LOOP top
    MOVI RC, 7
    JMP top
`;
