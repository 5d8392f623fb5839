// Output for people: colour only on a terminal (and never with NO_COLOR set), and a progress line for steps
// that may take more than a second. On a terminal the step's label is shown at once and, after a second, an
// elapsed-time counter (redrawn whenever the step yields to the event loop); the line is replaced by the
// step's result. Off a terminal (pipes, CI logs) nothing is drawn: only the results are printed.

export interface TerminalOptions {
  /** Where text goes (default: process.stdout). */
  readonly write?: (s: string) => void;
  /** Whether the output is a terminal (default: process.stdout.isTTY). */
  readonly tty?: boolean;
  /** Whether to colour (default: a terminal and no NO_COLOR in the environment). */
  readonly colour?: boolean;
}

const SPINNER = ['|', '/', '-', '\\'];

export class Terminal {
  readonly tty: boolean;
  readonly colour: boolean;
  private readonly write: (s: string) => void;

  constructor(options: TerminalOptions = {}) {
    this.write = options.write ?? ((s) => void process.stdout.write(s));
    this.tty = options.tty ?? process.stdout.isTTY === true;
    this.colour = options.colour ?? (this.tty && !('NO_COLOR' in process.env));
  }

  private sgr(code: string, s: string): string {
    return this.colour ? `\x1b[${code}m${s}\x1b[0m` : s;
  }
  bold(s: string): string {
    return this.sgr('1', s);
  }
  dim(s: string): string {
    return this.sgr('2', s);
  }
  green(s: string): string {
    return this.sgr('32', s);
  }
  red(s: string): string {
    return this.sgr('31', s);
  }

  /** Prints lines (a trailing newline is added). */
  line(s = ''): void {
    this.write(s + '\n');
  }

  /**
   * Runs a step, showing `label` with a spinner and elapsed time on a terminal; the step should await
   * `yieldToTerminal()` now and then so the line can be redrawn. The progress line is erased before the
   * step's own output is printed by the caller.
   */
  async step<T>(label: string, work: () => Promise<T>): Promise<T> {
    if (!this.tty) return work();
    const t0 = performance.now();
    let frame = 0;
    const draw = (): void => {
      const s = (performance.now() - t0) / 1000;
      this.write(`\r\x1b[2K${this.dim(`${SPINNER[frame++ % SPINNER.length]} ${label}${s >= 1 ? ` (${s.toFixed(1)} s)` : ''}`)}`);
    };
    draw();
    const timer = setInterval(draw, 100);
    try {
      return await work();
    } finally {
      clearInterval(timer);
      this.write('\r\x1b[2K');
    }
  }
}

/** Lets timers (the progress line) run between chunks of synchronous work. */
export function yieldToTerminal(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
