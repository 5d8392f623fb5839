// The canonical final state (spec 11): the one JSON object engines are compared on, read from the state block.
import { fnv1a64Hex } from './fnv.js';
import { CALL_FRAME_SIZE, DATA_SIZE, MAILBOX_CHANNELS, MAILBOX_ENTRY_SIZE, PORTS_SIZE, RunStatus, S, VspError } from './state-layout.js';
import type { VspState } from './state.js';

export type StatusName = 'halted' | 'returned' | 'end' | 'collapsed' | 'budget' | 'error' | 'invalid';

/** The canonical state of a run that executed (every status but `invalid`). Field order is the spec's. */
export interface CanonicalState {
  status: Exclude<StatusName, 'invalid'>;
  error: string | null;
  pc: number;
  cycles: number;
  sp: number;
  fp: number;
  regs: string;
  flags: number;
  mode: number;
  stack: string;
  calls: [number, number][];
  data: string;
  ports: string;
  grad: string | null;
  out: string;
  text: string;
  mailbox: string;
  input_pos: number;
}

/** The canonical state of a rejected program or container: only status, error and offset. */
export interface CanonicalInvalid {
  status: 'invalid';
  error: string;
  offset: number;
}

export type Canonical = CanonicalState | CanonicalInvalid;

/** The spec's name of an error code (`stack_overflow`, `bad_magic`, ...), or null for none. */
export function errorName(e: VspError): string | null {
  if (e === VspError.none) return null;
  const name = VspError[e];
  if (name === undefined) throw new RangeError(`unknown VSP error code ${e}`);
  return name;
}

/** The spec's name of a final run status. */
export function statusName(s: RunStatus): StatusName {
  if (s === RunStatus.running) throw new RangeError('the run has not stopped (status running)');
  const name = RunStatus[s];
  if (name === undefined) throw new RangeError(`unknown run status ${s}`);
  return name as StatusName;
}

function hex(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('hex');
}

/** Reads the canonical state of a finished run out of the state block. */
export function canonicalState(st: VspState): CanonicalState {
  const status = statusName(st.status);
  if (status === 'invalid') throw new RangeError('canonicalState: an invalid program has no state; use canonicalInvalid');
  const b = st.bytes;
  const v = st.view;
  const sp = st.sp;
  const depth = st.callDepth;
  const calls: [number, number][] = [];
  for (let i = 0; i < depth; i++) {
    const o = S.CALL_STACK + i * CALL_FRAME_SIZE;
    calls.push([v.getUint32(o, true), v.getUint32(o + 4, true)]);
  }
  const outLen = v.getUint32(S.OUT_LEN, true);
  const textLen = v.getUint32(S.TEXT_LEN, true);
  return {
    status,
    error: errorName(st.error),
    pc: st.pc,
    cycles: st.cycles,
    sp,
    fp: st.fp,
    regs: hex(b, S.REGS, S.REGS + 16),
    flags: st.flags,
    mode: st.mode,
    stack: hex(b, S.VALUE_STACK, S.VALUE_STACK + sp),
    calls,
    data: fnv1a64Hex(b, S.DATA, S.DATA + DATA_SIZE),
    ports: fnv1a64Hex(b, S.PORTS, S.PORTS + PORTS_SIZE),
    grad: v.getUint32(S.GRAD_PRESENT, true) !== 0 ? hex(b, S.GRAD, S.GRAD + 64) : null,
    out: hex(b, S.OUT, S.OUT + outLen),
    text: Buffer.from(b.buffer, b.byteOffset + S.TEXT, textLen).toString('latin1'),
    mailbox: fnv1a64Hex(b, S.MAILBOX, S.MAILBOX + MAILBOX_CHANNELS * MAILBOX_ENTRY_SIZE),
    input_pos: v.getUint32(S.INPOS, true),
  };
}

/** The canonical object of a rejected program or container (spec 11). */
export function canonicalInvalid(error: VspError, offset: number): CanonicalInvalid {
  return { status: 'invalid', error: errorName(error)!, offset };
}

/** One line of JSON (no trailing LF), keys in the spec's order. */
export function canonicalJson(c: Canonical): string {
  return JSON.stringify(c);
}

/** The fields (spec 11 names) whose values differ between two canonical states, in the spec's order. */
export function differingFields(a: Canonical, b: Canonical): string[] {
  const x = a as unknown as Record<string, unknown>;
  const y = b as unknown as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])];
  return keys.filter((k) => JSON.stringify(x[k]) !== JSON.stringify(y[k]));
}
