// `vsp bench` over made-up suites (no benchmark runs): where the tables and the JSON go, the JSON schema,
// --suite/--quick/--svg/--from, usage errors (exit 2, naming the argument) and a failing suite (exit 1).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BENCH_SCHEMA, parseBenchDocument } from '../../src/bench/document.js';
import type { BenchContext, BenchSuite } from '../../src/bench/record.js';
import { main } from '../../src/cli/vsp.js';
import { benchCommand, makeBenchCommand } from '../../src/cli/vsp-bench.js';
import { MACHINE } from './fixtures.js';
import { allElements, parseXml } from './xml.js';

const dir = mkdtempSync(join(tmpdir(), 'vsp-bench-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Seen {
  ran: string[];
  quick: boolean[];
}

function fakeSuites(seen: Seen): BenchSuite[] {
  return [
    {
      name: 'alpha',
      title: 'the first made-up suite',
      async run(ctx: BenchContext) {
        seen.ran.push('alpha');
        seen.quick.push(ctx.quick);
        console.log('alpha table line'); // the older suites print with console.log
        ctx.log('alpha ctx line');
        const interp = { engine: 'interp', workload: 'loop', value: 2e8 };
        ctx.record({ metric: 'throughput', ...interp, unit: 'insn/s', better: 'higher' });
        ctx.record({ metric: 'throughput', engine: 'native-x64', workload: 'loop', config: 'register cache on', value: 1e9, unit: 'insn/s', better: 'higher', baseline: interp });
      },
    },
    {
      name: 'beta',
      title: 'the second made-up suite',
      async run(ctx: BenchContext) {
        seen.ran.push('beta');
        seen.quick.push(ctx.quick);
        for (const size of [4, 1024]) ctx.record({ metric: 'compile-time', engine: 'jit-a64', workload: 'uniform mix', size, value: size === 4 ? 8 : 1.25, unit: 'us/insn', better: 'lower' });
      },
    },
    {
      name: 'broken',
      title: 'a suite whose check fails',
      async run() {
        seen.ran.push('broken');
        throw new Error('JIT and interpreter differ');
      },
    },
  ];
}

async function bench(...args: string[]): Promise<{ code: number; out: string; err: string; seen: Seen }> {
  const seen: Seen = { ran: [], quick: [] };
  const cmd = makeBenchCommand({ loadSuites: async () => fakeSuites(seen), machine: () => MACHINE });
  let out = '';
  let err = '';
  const code = await cmd.run(args, { stdout: (s) => void (out += s), stderr: (s) => void (err += s) });
  return { code, out, err, seen };
}

const RECORD_KEYS = ['suite', 'metric', 'engine', 'workload', 'config', 'size', 'iterations', 'value', 'unit', 'better', 'baseline'];

describe('vsp bench', () => {
  it('--json: the document alone on stdout, the tables on stderr, stable field names', async () => {
    const r = await bench('--json', '--suite', 'alpha,beta');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(Object.keys(doc)).toEqual(['schema', 'machine', 'quick', 'suites', 'records']);
    expect(doc.schema).toBe(BENCH_SCHEMA);
    expect(doc.machine).toEqual(MACHINE);
    expect(doc.quick).toBe(false);
    expect(doc.suites).toEqual(['alpha', 'beta']);
    expect(doc.records).toHaveLength(4);
    for (const rec of doc.records) expect(Object.keys(rec)).toEqual(RECORD_KEYS);
    const native = doc.records.find((x: { engine: string }) => x.engine === 'native-x64');
    expect(native).toEqual({
      suite: 'alpha', metric: 'throughput', engine: 'native-x64', workload: 'loop', config: 'register cache on', size: null, iterations: null,
      value: 1e9, unit: 'insn/s', better: 'higher', baseline: { engine: 'interp', workload: 'loop', config: '', value: 2e8, ratio: 5 },
    });
    expect(doc.records.filter((x: { suite: string }) => x.suite === 'beta').map((x: { size: number }) => x.size)).toEqual([4, 1024]);
    expect(r.err).toContain('alpha table line');
    expect(r.err).toContain('alpha ctx line');
    expect(r.err).toContain('== alpha: the first made-up suite');
    expect(r.out).not.toContain('alpha table line');
  });

  it('console.log is given back after the run', async () => {
    const before = console.log;
    await bench('--json', '--suite', 'alpha');
    expect(console.log).toBe(before);
  });

  it('by default: the tables and a summary of every figure on stdout, with the ratio to the baseline', async () => {
    const r = await bench('--suite', 'alpha', '--suite', 'beta');
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toContain('alpha table line');
    expect(r.out).toContain('== summary: 4 figures');
    expect(r.out).toMatch(/throughput \(higher is better\)/);
    expect(r.out).toMatch(/native-x64 +loop +register cache on +1\.00G +insn\/s +x5\.00 vs interp/);
    expect(r.out).toMatch(/compile-time \(lower is better\)/);
    expect(r.out).toContain('Test CPU 9000');
  });

  it('--suite runs only the named suites, in the list order; --quick reaches them', async () => {
    const r = await bench('--suite=beta', '--quick', '--json');
    expect(r.seen).toEqual({ ran: ['beta'], quick: [true] });
    expect(JSON.parse(r.out).quick).toBe(true);
  });

  it('a failing suite: the others still run, its name and error on stderr, exit 1', async () => {
    const r = await bench('--json');
    expect(r.code).toBe(1);
    expect(r.seen.ran).toEqual(['alpha', 'beta', 'broken']);
    expect(r.err).toContain('vsp bench: suite broken failed: JIT and interpreter differ');
    expect(JSON.parse(r.out).records).toHaveLength(4);
  });

  it('--svg FILE writes a well-formed chart of the figures', async () => {
    const file = join(dir, 'chart.svg');
    const r = await bench('--suite', 'alpha,beta', '--svg', file);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`wrote the chart to ${file}`);
    const svg = parseXml(readFileSync(file, 'utf8'));
    const series = allElements(svg).filter((e) => e.attrs.class === 'series').map((e) => e.attrs['data-series']);
    expect(series).toEqual(['jit-a64', 'interp', 'native-x64, register cache on']);
  });

  it('--from FILE reads a --json document back: the same records, no suite runs', async () => {
    const first = await bench('--json', '--suite', 'alpha,beta');
    const file = join(dir, 'run.json');
    writeFileSync(file, first.out);
    const again = await bench('--json', '--from', file);
    expect(again.code).toBe(0);
    expect(again.seen.ran).toEqual([]);
    expect(JSON.parse(again.out)).toEqual(JSON.parse(first.out));
  });

  it('usage errors exit 2 and name the argument', async () => {
    const cases: [string[], RegExp][] = [
      [['--frob'], /^vsp bench: unknown option --frob\n/],
      [['extra'], /^vsp bench: unexpected argument extra\n/],
      [['--svg'], /^vsp bench: --svg needs a FILE\n/],
      [['--svg', '--json'], /^vsp bench: --svg needs a FILE\n/],
      [['--suite'], /^vsp bench: --suite needs a NAME\n/],
      [['--suite', 'gamma'], /^vsp bench: unknown suite gamma \(suites: alpha, beta, broken\)\n/],
      [['--json=yes'], /^vsp bench: option --json takes no value \(got --json=yes\)\n/],
      [['--svg', join(dir, 'no-such-dir', 'x.svg')], /^vsp bench: cannot write --svg .*no-such-dir.*: the directory of .* does not exist\n/],
      [['--svg', dir], /^vsp bench: cannot write --svg .*: .* is a directory\n/],
      [['--from', join(dir, 'missing.json')], /^vsp bench: cannot read --from .*missing\.json/],
      [['--from', join(dir, 'run.json'), '--quick'], /^vsp bench: --from .* reads figures instead of running suites: --quick does not apply/],
    ];
    for (const [args, msg] of cases) {
      const r = await bench(...args);
      expect([r.code, r.out], args.join(' ')).toEqual([2, '']);
      expect(r.err, args.join(' ')).toMatch(msg);
      expect(r.seen.ran, args.join(' ')).toEqual([]);
    }
  });

  it('--from a file that is not a bench document: exit 2 with what is wrong', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ schema: BENCH_SCHEMA, machine: MACHINE, records: [{ suite: 's', metric: 'm', engine: 'e', workload: 'w', config: '', size: null, iterations: null, value: '3', unit: 'u', better: 'lower', baseline: null }] }));
    const r = await bench('--from', bad);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`vsp bench: --from ${bad}: records[0].value is not a number\n`);
    expect(parseBenchDocument('{"schema":"other"}')).toBe('schema is "other", expected "dynasm-ts/bench@1"');
    expect(parseBenchDocument('[1,')).toMatch(/^not JSON: /);
  });

  it('--help and --list name every suite and exit 0', async () => {
    const h = await bench('--help');
    expect(h.code).toBe(0);
    expect(h.out).toMatch(/^usage: vsp bench /);
    for (const s of ['alpha', 'beta', 'broken', '--json', '--svg FILE', '--suite NAME', '--quick', '--from FILE']) expect(h.out).toContain(s);
    const l = await bench('--list');
    expect(l.out).toBe('alpha\tthe first made-up suite\nbeta\tthe second made-up suite\nbroken\ta suite whose check fails\n');
    expect(h.seen.ran).toEqual([]);
  });

  it('is a vsp subcommand: vsp bench with a bad option exits 2 before anything runs', async () => {
    let err = '';
    const code = await main(['bench', '--nope'], { stdout: () => {}, stderr: (s) => void (err += s) });
    expect(code).toBe(2);
    expect(err).toMatch(/^vsp bench: unknown option --nope\n/);
  });

  it('the real suite list: unique names the --suite option can take', async () => {
    let out = '';
    const code = await benchCommand.run(['--list'], { stdout: (s) => void (out += s), stderr: () => {} });
    expect(code).toBe(0);
    const names = out.trim().split('\n').map((l) => l.split('\t')[0]!);
    expect(names).toEqual(['vsp-interp', 'emulation', 'dsl-a64', 'dsl-x64', 'jit-a64', 'jit-native', 'executions']);
  });
});
