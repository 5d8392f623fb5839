// The chart of `vsp bench --svg`: well-formed XML (our strict reader, and Python's expat when python3 is
// installed), the six panels with their axes and series, log axes placed by the logarithm of the values,
// and the machine in the title. Records are made up (test/bench/fixtures.ts); no benchmark runs.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { benchChartSvg } from '../../src/bench/bench-chart.js';
import { makeRecord } from '../../src/bench/record.js';
import { A64_COMPILE, fixtureRecords, MACHINE, SIZES } from './fixtures.js';
import { allElements, parseXml, textOf, type XmlElement } from './xml.js';

const svg = benchChartSvg(fixtureRecords(), MACHINE);
const root = parseXml(svg);
const panels = allElements(root).filter((e) => e.attrs.class === 'panel');
const panel = (title: RegExp): XmlElement => {
  const p = panels.find((e) => title.test(e.attrs['data-title'] ?? ''));
  if (p === undefined) throw new Error(`no panel ${title}`);
  return p;
};
const series = (p: XmlElement) => allElements(p).filter((e) => e.attrs.class === 'series');
const axis = (p: XmlElement, which: 'x' | 'y') => allElements(p).find((e) => e.attrs.class === 'axis' && e.attrs['data-axis'] === which)!;
const ticks = (a: XmlElement) => allElements(a).filter((e) => e.name === 'text' && (e.attrs.class ?? '').split(' ').includes('tick')).map(textOf);
const num = (e: XmlElement, a: string) => Number(e.attrs[a]);

const hasPython = spawnSync('python3', ['-c', 'import xml.dom.minidom'], { stdio: 'ignore' }).status === 0;

describe('bench chart SVG', () => {
  it('is one well-formed <svg> document with a size and the SVG namespace', () => {
    expect(root.name).toBe('svg');
    expect(root.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(num(root, 'width')).toBeGreaterThan(800);
    expect(num(root, 'height')).toBeGreaterThan(600);
    expect(root.attrs.viewBox).toBe(`0 0 ${root.attrs.width} ${root.attrs.height}`);
  });

  it.skipIf(!hasPython)('is accepted by an independent XML parser (Python expat)', () => {
    const r = spawnSync('python3', ['-c', 'import sys, xml.dom.minidom; d = xml.dom.minidom.parseString(sys.stdin.buffer.read()); print(d.documentElement.tagName)'], { input: svg });
    expect(r.stderr.toString()).toBe('');
    expect(r.stdout.toString().trim()).toBe('svg');
  });

  it('has a title naming the CPU, the node version and the date, and the load average', () => {
    const title = allElements(root).find((e) => e.attrs.class === 'title')!;
    expect(textOf(title)).toContain('Test CPU 9000');
    expect(textOf(title)).toContain('v20.0.0-test');
    expect(textOf(title)).toContain('2026-01-02');
    expect(textOf(allElements(root).find((e) => e.attrs.class === 'subtitle')!)).toContain('load average 0.5 0.25 0.125');
  });

  it('has the six panels in order', () => {
    expect(panels.map((p) => [p.attrs['data-kind'], p.attrs['data-title']])).toEqual([
      ['line', 'JIT compile time per VSP instruction'],
      ['line', 'Machine code per VSP instruction'],
      ['bar', 'Throughput per engine on long-running loops'],
      ['line', 'Compile once, run N times'],
      ['bar', 'Cold start (compile + 1 run) and warm run'],
      ['bar', 'DSL encoding rate'],
    ]);
  });

  it('compile time: a line per backend, a point per program size, labelled axes with units', () => {
    const p = panel(/compile time/);
    expect(series(p).map((s) => [s.attrs['data-series'], s.attrs['data-points']])).toEqual([
      ['jit-a64', String(SIZES.length)],
      ['jit-x64', String(SIZES.length)],
    ]);
    expect(axis(p, 'x').attrs['data-label']).toMatch(/program size \(VSP instructions, log scale\)/);
    expect(axis(p, 'y').attrs['data-label']).toMatch(/µs per VSP instruction/);
    expect(ticks(axis(p, 'x'))).toEqual(SIZES.map(String));
    // the legend names every series
    const legend = allElements(p).filter((e) => e.attrs.class === 'legend-item').map((e) => e.attrs['data-series']);
    expect(legend).toEqual(['jit-a64', 'jit-x64']);
  });

  it('compile time: sizes on a log axis (equal steps for equal ratios), higher values drawn higher', () => {
    const a64 = series(panel(/compile time/))[0]!;
    const dots = allElements(a64).filter((e) => e.name === 'circle');
    const xs = dots.map((d) => num(d, 'cx'));
    const ys = dots.map((d) => num(d, 'cy'));
    // 4, 16, 64, 256, 1024: each a factor 4, so equal distances
    const steps = xs.slice(1).map((x, i) => x - xs[i]!);
    for (const s of steps) expect(s).toBeCloseTo(steps[0]!, 1);
    expect(steps[0]).toBeGreaterThan(20);
    // a linear y axis from 0: distances from the axis proportional to the values
    const y0 = Math.max(...allElements(axis(panel(/compile time/), 'y')).filter((e) => e.name === 'line').map((l) => num(l, 'y1')));
    for (let i = 1; i < A64_COMPILE.length; i++) {
      expect((y0 - ys[i]!) / (y0 - ys[0]!)).toBeCloseTo(A64_COMPILE[i]! / A64_COMPILE[0]!, 2);
    }
  });

  it('throughput: a bar per engine and configuration (not the bare switch), on a log axis', () => {
    const p = panel(/Throughput/);
    expect(series(p).map((s) => s.attrs['data-series'])).toEqual(['interp', 'unicorn-a64, register cache off', 'native-x64, register cache off', 'native-x64, register cache on']);
    expect(axis(p, 'y').attrs['data-label']).toMatch(/VSP instructions per second \(log scale\)/);
    const top = (label: string) => num(allElements(series(p).find((s) => s.attrs['data-series'] === label)!).find((e) => e.name === 'rect')!, 'y');
    const interp = top('interp');
    const off = top('native-x64, register cache off');
    const on = top('native-x64, register cache on');
    // heights above the interpreter's bar go with log(value ratio): 2.7e9 vs 1e9 over 2e8
    expect((interp - on) / (interp - off)).toBeCloseTo(Math.log(2.7e9 / 2e8) / Math.log(1e9 / 2e8), 2);
    expect(ticks(axis(p, 'x'))).toEqual(['SIL-32 integer']);
  });

  it('execution sweep: executions on a log x axis, one line per engine', () => {
    const p = panel(/run N times/);
    expect(series(p).map((s) => [s.attrs['data-series'], s.attrs['data-points']])).toEqual([
      ['interp', '5'],
      ['native-x64', '5'],
    ]);
    expect(axis(p, 'x').attrs['data-label']).toMatch(/executions N \(log scale\)/);
    expect(ticks(axis(p, 'x'))).toEqual(['1', '10', '100', '1000', '10k']);
  });

  it('cold start and warm run: both in µs (ns/exec converted), a group each', () => {
    const p = panel(/Cold start/);
    expect(axis(p, 'y').attrs['data-label']).toMatch(/µs/);
    expect(series(p).map((s) => s.attrs['data-series'])).toEqual(['interp', 'native-x64']);
    const titles = allElements(p).filter((e) => e.name === 'rect' && e.children.length > 0).map(textOf);
    expect(titles).toContain('warm: 5-instruction example, native-x64: 0.15');
    expect(titles).toContain('cold: 5-instruction example, native-x64: 150');
  });

  it('DSL encoding rate: dynasm against the peers, without the per-CPU-second variant', () => {
    const p = panel(/DSL encoding/);
    expect(series(p).map((s) => s.attrs['data-series'])).toEqual(['dynasm, template fill, runtime operands', 'iced-x86', 'gnu-as', 'llvm-mc']);
  });

  it('escapes names: a workload with < & " survives the round trip', () => {
    const odd = 'a<b & "c"';
    const s = benchChartSvg([makeRecord('t', { metric: 'throughput', engine: 'interp', workload: odd, value: 1e8, unit: 'insn/s', better: 'higher' })], MACHINE);
    const p = allElements(parseXml(s)).find((e) => e.attrs['data-title'] === 'Throughput per engine on long-running loops')!;
    const cat = allElements(p).find((e) => (e.attrs.class ?? '').split(' ').includes('category'))!;
    expect(allElements(cat).filter((e) => e.name === 'tspan').map(textOf).join(' ')).toBe(odd);
    expect(allElements(p).filter((e) => e.name === 'rect').map(textOf)).toContain(`${odd}, interp: 100M`);
  });

  it('with no records every panel is still drawn and says there are no figures', () => {
    const empty = parseXml(benchChartSvg([], MACHINE));
    const ps = allElements(empty).filter((e) => e.attrs.class === 'panel');
    expect(ps).toHaveLength(6);
    for (const p of ps) expect(allElements(p).some((e) => e.attrs.class === 'empty' && textOf(e) === 'no figures in this run')).toBe(true);
  });
});
