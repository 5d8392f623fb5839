// Command-line options of the `vsp` subcommands: a small declarative parser. A command lists its options
// (a flag, or an option that takes a value) and gets back the values and the positional arguments, or a
// UsageError that names the offending argument. Accepted forms: `--name VALUE`, `--name=VALUE`, `-o VALUE`,
// and `-` as a positional (standard input). An option given twice, an unknown option, a missing value and a
// value given to a flag are errors.

/** A usage error: the message names the argument and says what is allowed; the command exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface OptionSpec {
  /** Spellings, e.g. ['--listing'] or ['-o', '--output']; the first is the key in the result. */
  readonly names: readonly string[];
  /** Whether the option takes a value. */
  readonly value: boolean;
}

export interface ParsedOptions {
  /** Values by the option's first name: a string for valued options, true for flags. */
  readonly options: ReadonlyMap<string, string | true>;
  readonly positionals: readonly string[];
  /** -h or --help was given (parsing stopped there). */
  readonly help: boolean;
}

/** Parses `args` against `specs`; throws UsageError. */
export function parseOptions(args: readonly string[], specs: readonly OptionSpec[]): ParsedOptions {
  const byName = new Map<string, OptionSpec>();
  for (const s of specs) for (const n of s.names) byName.set(n, s);
  const options = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-h' || arg === '--help') return { options, positionals, help: true };
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const spec = byName.get(name);
    if (spec === undefined) {
      const known = specs.map((s) => s.names.join('/')).join(', ');
      throw new UsageError(`unknown option ${name} (options: ${known}, --help)`);
    }
    const key = spec.names[0]!;
    if (options.has(key)) throw new UsageError(`${name} given twice`);
    if (!spec.value) {
      if (eq > 0) throw new UsageError(`${name} takes no value`);
      options.set(key, true);
      continue;
    }
    const value: string | undefined = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined) throw new UsageError(`${name} needs a value`);
    options.set(key, value);
  }
  return { options, positionals, help: false };
}

/** The string value of a valued option, or undefined when it was not given. */
export function optionValue(parsed: ParsedOptions, key: string): string | undefined {
  const v = parsed.options.get(key);
  return typeof v === 'string' ? v : undefined;
}
