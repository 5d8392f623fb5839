// The shape of a `vsp` subcommand: the dispatcher (vsp.ts) holds a table of these. A subcommand gets the
// arguments after its name and the output streams, and returns the exit status (spec 11: 0, 1, or 2 for a
// usage error or an unreadable FILE).

/** Where a command writes. */
export interface VspCliIO {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
}

export interface VspSubcommand {
  /** The word after `vsp`. */
  readonly name: string;
  /** Its usage line, for `vsp --help`. */
  readonly usage: string;
  /** One line on what it does. */
  readonly summary: string;
  run(args: readonly string[], io: VspCliIO): number | Promise<number>;
}

export const processCliIO: VspCliIO = {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
};
