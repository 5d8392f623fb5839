// Engines: anything that runs a verified program on a state block to a final status (spec 3.3). The
// interpreter is the reference; the JIT engines (unicorn-a64, unicorn-x64, native) register themselves in
// the same table, and `vsp run --engine NAME` picks one. Every engine leaves its final state in the block,
// read back by canonicalState (spec 11), so engines are compared field by field.
import { canonicalState, type CanonicalState } from './canonical.js';
import type { LoadedProgram } from './container.js';
import { prepareProgram, runInterpreter, type PreparedProgram } from './interpreter.js';
import type { Program } from './program.js';
import { VspState, type InitialState } from './state.js';

export interface VspEngine {
  /** The `--engine` name: `interp`, `unicorn-a64`, `unicorn-x64`, `native`. */
  readonly name: string;
  /** One line for `vsp --help`. */
  readonly description: string;
  /** null when the engine can run here, else why not (missing library, wrong host architecture, ...). */
  unavailable(): string | null;
  /**
   * Runs `loaded` on `state`, which holds the initial state (VspState.reset with the program's mode, entry
   * and data and the host's registers, flags, input and budget). Leaves the final state in the block,
   * STATUS and ERROR included.
   */
  run(loaded: LoadedProgram, state: VspState): void | Promise<void>;
}

/** What the host may set for a run (spec 2, 11): registers, flags (Z N O C M only), input stream, budget. */
export interface RunOptions {
  /** 16 register bytes, R0 first (default all NULL). */
  readonly regs?: Uint8Array;
  readonly flags?: number;
  readonly input?: Uint8Array;
  /** Cycle budget 0..2^53 (default 100,000,000). */
  readonly maxCycles?: number;
}

/** The initial state of a program under run options (throws RangeError for out-of-range options). */
export function initialState(program: Program, options: RunOptions = {}): InitialState {
  return {
    ...(options.regs !== undefined ? { regs: options.regs } : {}),
    flags: options.flags ?? 0,
    mode: program.mode,
    entry: program.entry,
    data: program.data,
    ...(options.input !== undefined ? { input: options.input } : {}),
    ...(options.maxCycles !== undefined ? { budget: options.maxCycles } : {}),
  };
}

const prepared = new WeakMap<LoadedProgram, PreparedProgram>();

/** The reference interpreter as an engine (pre-decoding is cached per loaded program). */
export const interpreterEngine: VspEngine = {
  name: 'interp',
  description: 'the reference interpreter (TypeScript)',
  unavailable: () => null,
  run(loaded: LoadedProgram, state: VspState): void {
    let p = prepared.get(loaded);
    if (p === undefined) {
      p = prepareProgram(loaded);
      prepared.set(loaded, p);
    }
    runInterpreter(p, state);
  },
};

const engines = new Map<string, VspEngine>([[interpreterEngine.name, interpreterEngine]]);

/** Adds (or replaces) an engine under its name. */
export function registerEngine(engine: VspEngine): void {
  engines.set(engine.name, engine);
}

/** The engine named `name`, or undefined. */
export function getEngine(name: string): VspEngine | undefined {
  return engines.get(name);
}

/** Every registered engine, in registration order. */
export function listEngines(): VspEngine[] {
  return [...engines.values()];
}

/** Runs a loaded program with the interpreter and returns the state block (synchronous). */
export function runProgramSync(loaded: LoadedProgram, options: RunOptions = {}, state: VspState = new VspState()): VspState {
  state.reset(initialState(loaded.program, options));
  interpreterEngine.run(loaded, state);
  return state;
}

/** Runs a loaded program on an engine and returns the state block and its canonical state. */
export async function runProgram(
  loaded: LoadedProgram,
  options: RunOptions = {},
  engine: VspEngine = interpreterEngine,
  state: VspState = new VspState(),
): Promise<{ state: VspState; canonical: CanonicalState }> {
  state.reset(initialState(loaded.program, options));
  await engine.run(loaded, state);
  return { state, canonical: canonicalState(state) };
}
