// The 124 shared conformance cases (test/vsp/conformance/: programs and the canonical final states an
// independent implementation of the spec produced, copied from the spec's conformance set), for every suite
// that runs them: the interpreter, each JIT engine, the CLI, the native ARM64 suite.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CONFORMANCE_DIR = join(import.meta.dirname, '..', 'vsp', 'conformance');

export interface ConformanceCase {
  /** The container, relative to CONFORMANCE_DIR. */
  readonly file: string;
  /** Initial R0..RF, 32 hex digits. */
  readonly regs: string;
  readonly flags: number;
  /** The input stream, hex. */
  readonly input: string;
  readonly max_cycles: number;
  /** The canonical final state (spec 11). */
  readonly expected: Record<string, unknown> & { readonly status: string; readonly error?: string };
}

/** Every case of cases.jsonl, in order. */
export function conformanceCases(): ConformanceCase[] {
  return readFileSync(join(CONFORMANCE_DIR, 'cases.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as ConformanceCase);
}

/** The `vsp run` arguments of a case on an engine, as a user types them. */
export function vspRunArgs(c: ConformanceCase, engine: string): string[] {
  return ['run', join(CONFORMANCE_DIR, c.file), '--engine', engine, '--regs', c.regs, '--flags', String(c.flags), '--input', c.input, '--max-cycles', String(c.max_cycles), '--json'];
}

/** The exit status spec 11 gives a final state. */
export function expectedExitStatus(c: ConformanceCase): number {
  return c.expected.status === 'error' || c.expected.status === 'invalid' ? 1 : 0;
}
