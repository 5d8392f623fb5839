// The VSP state block: one flat little-endian memory layout, defined once, used by the interpreter, the
// host-call trampoline and both JIT backends (spec 12: "one state-block layout ... avoids a marshalling step
// per host call and a second place to diverge"). JIT code receives a pointer to offset 0.
// Offsets of the hot scalars are small so that every backend reaches them with an immediate offset.

/** Byte offsets inside the state block. */
export const S = {
  /** R0..RF, one byte each (spec 2). Wider values span consecutive registers, little-endian (spec 6). */
  REGS: 0x0000,
  /** F: Z=0x01 N=0x02 O=0x04 C=0x08 H=0x10 M=0x80. */
  FLAGS: 0x0010,
  /** MODE 0..4. */
  MODE: 0x0011,
  /** Run status (RunStatus) written when a run stops. */
  STATUS: 0x0012,
  /** Error code (VspError) when STATUS is error/invalid, else 0. */
  ERROR: 0x0013,
  /** PC, u32: the next instruction that has not run. */
  PC: 0x0014,
  /** Value-stack depth SP, u32, 0..256. */
  SP: 0x0018,
  /** FP, u32. */
  FP: 0x001c,
  /** CYCLES, u64 (as two u32 halves: the low word here, the high word at +4). */
  CYCLES: 0x0020,
  /** Cycle budget, u64 (low, high). A run stops with `budget` when CYCLES reaches it. */
  BUDGET: 0x0028,
  /** Call-stack depth, u32, 0..256. */
  CALL_DEPTH: 0x0030,
  /** INPOS, u32: input bytes consumed. The input bytes themselves live outside the block (host-side). */
  INPOS: 0x0034,
  /** Length of the input stream, u32. */
  INPUT_LEN: 0x0038,
  /** Length of the output stream `out`, u32, 0..65536. */
  OUT_LEN: 0x003c,
  /** Length of the text stream `text`, u32, 0..65536. */
  TEXT_LEN: 0x0040,
  /** 1 when the gradient exists, u32. */
  GRAD_PRESENT: 0x0044,
  /** Host-call scratch (u32 each): the JIT writes the instruction's code offset here before a host call. */
  HOST_PC: 0x0048,
  /** The gradient: 16 binary32 values, little-endian. */
  GRAD: 0x0080,
  /** The value stack, 256 bytes, bottom first. */
  VALUE_STACK: 0x0100,
  /** The call stack: 256 frames of (return address u32, saved FP u32), bottom first. */
  CALL_STACK: 0x0200,
  /** The 256 port bytes. */
  PORTS: 0x0a00,
  /** The mailbox: 256 channels x 17 bytes (1 if it holds a state else 0, then 16 bytes): the canonical hash's layout. */
  MAILBOX: 0x0b00,
  /** Data memory, 65,536 bytes. */
  DATA: 0x2000,
  /** The output stream, at most 65,536 bytes (length at OUT_LEN). */
  OUT: 0x12000,
  /** The text stream, ASCII, at most 65,536 bytes (length at TEXT_LEN). */
  TEXT: 0x22000,
} as const;

/** Total size of the state block in bytes. */
export const STATE_SIZE = 0x32000;

export const VALUE_STACK_SIZE = 256;
export const CALL_STACK_FRAMES = 256;
export const CALL_FRAME_SIZE = 8;
export const DATA_SIZE = 0x10000;
export const PORTS_SIZE = 256;
export const MAILBOX_CHANNELS = 256;
export const MAILBOX_ENTRY_SIZE = 17;
export const STREAM_LIMIT = 0x10000;

/** Flag bits of F (spec 2). Bits 0x20 and 0x40 are always 0. */
export const Flag = {
  Z: 0x01,
  N: 0x02,
  O: 0x04,
  C: 0x08,
  H: 0x10,
  M: 0x80,
} as const;

/** The flag bits a host may set in an initial state (spec 2: only Z N O C M). */
export const HOST_SETTABLE_FLAGS = Flag.Z | Flag.N | Flag.O | Flag.C | Flag.M;

/** Why a run stopped (spec 3.3, 11). The numbers are what STATUS holds; `running` is 0. */
export enum RunStatus {
  running = 0,
  halted = 1,
  returned = 2,
  end = 3,
  collapsed = 4,
  budget = 5,
  error = 6,
  invalid = 7,
}

/**
 * Every error code of the spec: run-time errors (3.4), program checks (3.2) and container errors (9).
 * The numbers are what ERROR holds and what host calls return; 0 means none.
 */
export enum VspError {
  none = 0,
  // run-time (3.4)
  stack_overflow = 1,
  stack_underflow = 2,
  call_overflow = 3,
  mem_range = 4,
  reg_range = 5,
  out_full = 6,
  text_full = 7,
  bad_syscall = 8,
  bad_transform = 9,
  assert_failed = 10,
  // program checks (3.2)
  bad_opcode = 16,
  truncated = 17,
  bad_encoding = 18,
  bad_target = 19,
  bad_entry = 20,
  // container (9)
  bad_magic = 32,
  bad_version = 33,
  bad_mode = 34,
  bad_size = 35,
  bad_checksum = 36,
  bad_symbols = 37,
  bad_debug = 38,
}

/** MODE values (spec 6). */
export enum Mode {
  SIL8 = 0,
  SIL16 = 1,
  SIL32 = 2,
  SIL64 = 3,
  SIL128 = 4,
}

/** Width W in registers of a mode's integers and floats (spec 6): 1, 2, 4, 8, 8. */
export const MODE_WIDTH: readonly number[] = [1, 2, 4, 8, 8];

/** Layers of a mode, L(m) (spec 4.7): 1, 2, 4, 8, 16. */
export const MODE_LAYERS: readonly number[] = [1, 2, 4, 8, 16];
