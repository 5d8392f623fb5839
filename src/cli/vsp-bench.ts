// `vsp bench [--json] [--svg FILE] [--suite NAME ...] [--quick] [--list]` (and `npm run bench`, which runs
// this same command): runs the benchmark suites of bench/suites.ts, each printing its own table, then prints
// a summary of every figure, or with --json the figures as a JSON document on stdout (the tables then go
// to stderr), and with --svg FILE writes a chart of them. The suites live in bench/ (they import the
// library, the library does not import them): this command loads bench/suites.js when it runs, the one
// place src/ reaches into bench/ (docs/performance.md). Exit status: 0, 1 when a suite failed (a check
// against the interpreter or a tool), 2 for a usage error or an unwritable FILE.
import { accessSync, constants, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { benchChartSvg } from '../bench/bench-chart.js';
import { benchDocument, parseBenchDocument, type BenchDocument } from '../bench/document.js';
import { describeMachine, machineLine, type MachineInfo } from '../bench/machine.js';
import type { BenchRecord, BenchSuite } from '../bench/record.js';
import { runSuites } from '../bench/run-suites.js';
import { summaryTable } from '../bench/summary-table.js';
import type { VspCliIO, VspSubcommand } from './vsp-command.js';

export const BENCH_USAGE = 'usage: vsp bench [--json] [--svg FILE] [--suite NAME ...] [--quick] [--from FILE] [--list]';

function help(suites: readonly BenchSuite[]): string {
  return [
    BENCH_USAGE,
    '',
    'Runs the benchmarks (several minutes; the machine should be otherwise idle) and prints each suite\'s',
    'table, then a summary of every figure with its ratio against the baseline measured in the same run.',
    '',
    'options:',
    '  --json        print the figures as JSON on stdout (schema dynasm-ts/bench@1); tables go to stderr',
    '  --svg FILE    also write an SVG chart of the figures to FILE',
    '  --suite NAME  run only this suite (repeat it, or give a comma-separated list)',
    '  --quick       smaller budgets and fewer repetitions: a fast, noisier run',
    '  --from FILE   run nothing: read the figures of an earlier --json run (- for stdin) and print or chart them',
    '  --list        list the suites and exit',
    '',
    'suites:',
    ...suites.map((s) => `  ${s.name.padEnd(12)}  ${s.title}`),
    '',
    'Exit status: 0 success, 1 a suite failed (a check against the interpreter or a tool), 2 usage error,',
    'an unreadable --from FILE or an unwritable --svg FILE.',
  ].join('\n') + '\n';
}

interface BenchArgs {
  json: boolean;
  svg: string | null;
  suites: string[];
  quick: boolean;
  from: string | null;
  list: boolean;
  help: boolean;
}

/** The parsed arguments, or the usage error's message (naming the argument). */
export function parseBenchArgs(args: readonly string[]): BenchArgs | string {
  const out: BenchArgs = { json: false, svg: null, suites: [], quick: false, from: null, list: false, help: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const inline = eq > 0 ? a.slice(eq + 1) : undefined;
    const value = (): string | null => {
      if (inline !== undefined) return inline === '' ? null : inline;
      const v = args[i + 1];
      if (v === undefined || (v.startsWith('-') && v !== '-')) return null;
      i++;
      return v;
    };
    if (inline !== undefined && flag !== '--svg' && flag !== '--suite' && flag !== '--from') return `option ${flag} takes no value (got ${a})`;
    switch (flag) {
      case '-h':
      case '--help':
        out.help = true;
        break;
      case '--json':
        out.json = true;
        break;
      case '--quick':
        out.quick = true;
        break;
      case '--list':
        out.list = true;
        break;
      case '--svg': {
        const v = value();
        if (v === null) return '--svg needs a FILE';
        if (out.svg !== null) return `--svg given twice (${out.svg}, ${v})`;
        out.svg = v;
        break;
      }
      case '--from': {
        const v = value();
        if (v === null) return '--from needs a FILE';
        if (out.from !== null) return `--from given twice (${out.from}, ${v})`;
        out.from = v;
        break;
      }
      case '--suite': {
        const v = value();
        if (v === null) return '--suite needs a NAME';
        for (const name of v.split(',')) if (name !== '' && !out.suites.includes(name)) out.suites.push(name);
        break;
      }
      default:
        return a.startsWith('-') ? `unknown option ${a}` : `unexpected argument ${a}`;
    }
  }
  return out;
}

/** Why FILE cannot be written, or null. */
function unwritable(file: string): string | null {
  const path = resolve(file);
  if (existsSync(path)) {
    if (statSync(path).isDirectory()) return `${file} is a directory`;
    try {
      accessSync(path, constants.W_OK);
    } catch {
      return `${file} is not writable`;
    }
    return null;
  }
  const dir = dirname(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return `the directory of ${file} does not exist`;
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    return `the directory of ${file} is not writable`;
  }
  return null;
}

export interface BenchCommandDeps {
  /** The suites to choose from (bench/suites.ts by default; tests pass their own). */
  readonly loadSuites: () => Promise<readonly BenchSuite[]>;
  /** The machine description (tests pass a fixed one). */
  readonly machine?: () => MachineInfo;
}

/** The `vsp bench` subcommand over a given set of suites. */
export function makeBenchCommand(deps: BenchCommandDeps): VspSubcommand {
  return {
    name: 'bench',
    usage: BENCH_USAGE.replace(/^usage: /, ''),
    summary: 'run the benchmarks: tables, --json figures, an --svg chart',
    async run(args: readonly string[], io: VspCliIO): Promise<number> {
      const parsed = parseBenchArgs(args);
      if (typeof parsed === 'string') {
        io.stderr(`vsp bench: ${parsed}\n${BENCH_USAGE}\n`);
        return 2;
      }
      const all = await deps.loadSuites();
      if (parsed.help) {
        io.stdout(help(all));
        return 0;
      }
      if (parsed.list) {
        io.stdout(all.map((s) => `${s.name}\t${s.title}\n`).join(''));
        return 0;
      }
      if (parsed.from !== null && (parsed.suites.length > 0 || parsed.quick)) {
        io.stderr(`vsp bench: --from ${parsed.from} reads figures instead of running suites: ${parsed.quick ? '--quick' : '--suite'} does not apply\n${BENCH_USAGE}\n`);
        return 2;
      }
      const unknown = parsed.suites.filter((name) => !all.some((s) => s.name === name));
      if (unknown.length > 0) {
        io.stderr(`vsp bench: unknown suite ${unknown.join(', ')} (suites: ${all.map((s) => s.name).join(', ')})\n`);
        return 2;
      }
      if (parsed.svg !== null) {
        const why = unwritable(parsed.svg);
        if (why !== null) {
          io.stderr(`vsp bench: cannot write --svg ${parsed.svg}: ${why}\n`);
          return 2;
        }
      }
      // the suites' own tables: stdout, or stderr when stdout carries the JSON
      const print = parsed.json ? io.stderr : io.stdout;
      const log = (line: string) => print(line + '\n');
      let doc: BenchDocument;
      const failed: string[] = [];
      if (parsed.from !== null) {
        let text: string;
        try {
          text = readFileSync(parsed.from === '-' ? 0 : parsed.from, 'utf8');
        } catch (e) {
          io.stderr(`vsp bench: cannot read --from ${parsed.from}: ${(e as Error).message}\n`);
          return 2;
        }
        const read = parseBenchDocument(text);
        if (typeof read === 'string') {
          io.stderr(`vsp bench: --from ${parsed.from}: ${read}\n`);
          return 2;
        }
        doc = read;
      } else {
        const chosen = parsed.suites.length === 0 ? all : all.filter((s) => parsed.suites.includes(s.name));
        const machine = (deps.machine ?? describeMachine)();
        log(`machine: ${machineLine(machine)}; load average ${machine.loadAverage.join(' ')}${parsed.quick ? '; --quick' : ''}`);
        const records: BenchRecord[] = [];
        for (const suite of chosen) {
          try {
            records.push(...(await runSuites([suite], { quick: parsed.quick, log, onSuite: (s) => log(`\n== ${s.name}: ${s.title}`) })));
          } catch (e) {
            failed.push(suite.name);
            io.stderr(`vsp bench: suite ${suite.name} failed: ${e instanceof Error ? e.message : String(e)}\n`);
          }
        }
        doc = benchDocument(machine, parsed.quick, chosen.map((s) => s.name), records);
      }
      if (parsed.json) io.stdout(JSON.stringify(doc, null, 2) + '\n');
      else io.stdout(`\n== summary: ${doc.records.length} figures\n${summaryTable(doc.records)}`);
      if (parsed.svg !== null) {
        try {
          writeFileSync(parsed.svg, benchChartSvg(doc.records, doc.machine, { quick: doc.quick, suites: doc.suites }));
        } catch (e) {
          io.stderr(`vsp bench: cannot write --svg ${parsed.svg}: ${(e as Error).message}\n`);
          return 2;
        }
        print(`wrote the chart to ${parsed.svg}\n`);
      }
      return failed.length > 0 ? 1 : 0;
    },
  };
}

/** `vsp bench` over bench/suites.ts (loaded when the command runs). */
export const benchCommand: VspSubcommand = makeBenchCommand({
  loadSuites: async () => (await import('../../bench/suites.js')).suites,
});
