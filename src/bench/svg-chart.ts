// A small SVG chart renderer (no dependency): line panels and grouped-bar panels on linear or log axes,
// with titles, axis labels, tick labels and a legend, laid out into one standalone SVG document. It knows
// nothing about benchmarks (src/bench/bench-chart.ts turns records into panels). Every series is a
// <g class="series" data-series="..."> and every axis a <g class="axis" data-axis="x|y" data-label="...">,
// so the structure can be checked by reading the XML.

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface LineSeries {
  readonly label: string;
  readonly color: string;
  /** stroke-dasharray, e.g. '6 3' (solid when absent). */
  readonly dash?: string;
  readonly points: readonly Point[];
}

export interface LinePanel {
  readonly kind: 'line';
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xLog: boolean;
  readonly yLog: boolean;
  readonly series: readonly LineSeries[];
}

export interface BarSeries {
  readonly label: string;
  readonly color: string;
  /** 0..1 (default 1): lighter bars for a variant of the same engine. */
  readonly opacity?: number;
}

export interface BarGroup {
  readonly label: string;
  /** One value per series (by index in BarPanel.series); null where the series has no figure. */
  readonly values: readonly (number | null)[];
}

export interface BarPanel {
  readonly kind: 'bar';
  readonly title: string;
  readonly yLabel: string;
  readonly yLog: boolean;
  readonly series: readonly BarSeries[];
  readonly groups: readonly BarGroup[];
}

export type Panel = LinePanel | BarPanel;

export interface ChartDocument {
  readonly title: string;
  readonly subtitle: string;
  readonly panels: readonly Panel[];
  /** Panels per row (default 2). */
  readonly columns?: number;
  readonly panelWidth?: number;
  readonly panelHeight?: number;
  /** A line at the bottom (where the figures come from). */
  readonly footer?: string;
}

const FONT = 'DejaVu Sans, Helvetica, Arial, sans-serif';
const TEXT = '#222';
const GRID = '#e3e3e3';
const AXIS = '#666';

/** Text content and attribute values, escaped for XML. */
export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** A number as an SVG coordinate: at most 2 decimals. */
function n(v: number): string {
  return String(Math.round(v * 100) / 100);
}

/** 1234567 -> 1.23M, 0.5 -> 0.5, 2e9 -> 2G: short tick labels. */
export function formatTick(v: number): string {
  const a = Math.abs(v);
  const units: [number, string][] = [[1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
  for (const [k, u] of units) if (a >= k) return `${trim(v / k)}${u}`;
  return trim(v);
}

function trim(v: number): string {
  return String(Number(v.toPrecision(3)));
}

/** Rough width of a label in pixels (no font metrics in SVG): 0.6 em per character. */
function textWidth(s: string, size: number): number {
  return s.length * size * 0.6;
}

interface Scale {
  map(v: number): number;
  ticks: { value: number; label: string }[];
}

/** 1, 2 or 5 times a power of ten, at least `raw`. */
function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

/**
 * A scale from data values to [from, to] pixels. Linear scales start at 0 and end at a round number above
 * the maximum; log scales span whole decades (with 2 and 5 added when there are few), or, when `exact` is
 * given and has at most 8 values, tick exactly at those (program sizes, iteration counts).
 */
function makeScale(values: readonly number[], log: boolean, from: number, to: number, exact?: readonly number[]): Scale {
  const vs = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  if (log) {
    const lo = vs.length ? Math.min(...vs) : 1;
    const hi = vs.length ? Math.max(...vs) : 10;
    let a = Math.floor(Math.log10(lo));
    let b = Math.ceil(Math.log10(hi));
    if (b === a) b = a + 1;
    let ticks: number[] = [];
    const ex = exact ? [...new Set(exact.filter((v) => v > 0))].sort((x, y) => x - y) : [];
    if (ex.length >= 2 && ex.length <= 8) {
      ticks = ex;
      const la = Math.log2(ex[0]!);
      const lb = Math.log2(ex[ex.length - 1]!);
      const pad = (lb - la) * 0.04;
      const map = (v: number) => from + ((Math.log2(v) - (la - pad)) / (lb - la + 2 * pad)) * (to - from);
      return { map, ticks: ticks.map((v) => ({ value: v, label: v < 10_000 && Number.isInteger(v) ? String(v) : formatTick(v) })) };
    }
    if (b - a > 6) a = b - 6; // at most six decades: smaller values sit on the axis
    for (let d = a; d <= b; d++) {
      ticks.push(10 ** d);
      if (b - a <= 2 && d < b) ticks.push(2 * 10 ** d, 5 * 10 ** d);
    }
    const map = (v: number) => from + ((Math.log10(Math.max(v, 10 ** a)) - a) / (b - a)) * (to - from);
    return { map, ticks: ticks.map((v) => ({ value: v, label: formatTick(v) })) };
  }
  const hi = vs.length ? Math.max(...vs, 0) : 1;
  const step = niceStep((hi > 0 ? hi : 1) / 5);
  const top = Math.max(step, Math.ceil(hi / step) * step);
  const ticks: { value: number; label: string }[] = [];
  for (let v = 0; v <= top + step / 2; v += step) ticks.push({ value: v, label: formatTick(v) });
  const map = (v: number) => from + (v / top) * (to - from);
  return { map, ticks };
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface LegendItem {
  label: string;
  color: string;
  dash?: string;
  opacity?: number;
  line: boolean;
}

const LEGEND_FONT = 11;
const LEGEND_ROW = 16;

/** Legend items placed in rows within `width`; returns the rows' SVG (from y = 0) and its height. */
function legend(items: readonly LegendItem[], width: number): { svg: string; height: number } {
  let x = 0;
  let y = 0;
  const parts: string[] = [];
  for (const it of items) {
    const w = 26 + textWidth(it.label, LEGEND_FONT) + 14;
    if (x > 0 && x + w > width) {
      x = 0;
      y += LEGEND_ROW;
    }
    const key = it.line
      ? `<line x1="${n(x)}" y1="${n(y + 6)}" x2="${n(x + 20)}" y2="${n(y + 6)}" stroke="${it.color}" stroke-width="2.5"${it.dash ? ` stroke-dasharray="${it.dash}"` : ''}/>`
      : `<rect x="${n(x + 4)}" y="${n(y)}" width="12" height="12" fill="${it.color}"${it.opacity !== undefined && it.opacity < 1 ? ` fill-opacity="${it.opacity}"` : ''}/>`;
    parts.push(`<g class="legend-item" data-series="${escapeXml(it.label)}">${key}<text x="${n(x + 26)}" y="${n(y + 10)}" font-size="${LEGEND_FONT}">${escapeXml(it.label)}</text></g>`);
    x += w;
  }
  return { svg: parts.join(''), height: items.length ? y + LEGEND_ROW : 0 };
}

/** A category label under a bar group, wrapped at spaces into lines that fit `width`. */
function categoryLabel(label: string, x: number, y: number, width: number): string {
  const max = Math.max(4, Math.floor(width / (11 * 0.6)));
  const rows: string[] = [];
  for (const word of label.split(' ')) {
    const last = rows.length - 1;
    if (last >= 0 && rows[last]!.length + 1 + word.length <= max) rows[last] += ` ${word}`;
    else rows.push(word);
  }
  const spans = rows.map((r, i) => `<tspan x="${n(x)}" dy="${i === 0 ? 0 : 13}">${escapeXml(r)}</tspan>`).join('');
  return `<text class="tick category" x="${n(x)}" y="${n(y)}" font-size="11" text-anchor="middle">${spans}</text>`;
}

function axes(plot: Box, xs: Scale | null, ys: Scale, xLabel: string, yLabel: string, xCats?: { label: string; x: number; width: number }[]): string {
  const out: string[] = [];
  const bottom = plot.y + plot.h;
  // y axis: grid lines and labels
  out.push(`<g class="axis" data-axis="y" data-label="${escapeXml(yLabel)}">`);
  for (const t of ys.ticks) {
    const y = ys.map(t.value);
    out.push(`<line x1="${n(plot.x)}" y1="${n(y)}" x2="${n(plot.x + plot.w)}" y2="${n(y)}" stroke="${GRID}"/>`);
    out.push(`<text class="tick" x="${n(plot.x - 6)}" y="${n(y + 4)}" font-size="11" text-anchor="end">${escapeXml(t.label)}</text>`);
  }
  out.push(`<line x1="${n(plot.x)}" y1="${n(plot.y)}" x2="${n(plot.x)}" y2="${n(bottom)}" stroke="${AXIS}"/>`);
  const cy = plot.y + plot.h / 2;
  out.push(`<text class="axis-label" x="${n(plot.x - 48)}" y="${n(cy)}" font-size="12" text-anchor="middle" transform="rotate(-90 ${n(plot.x - 48)} ${n(cy)})">${escapeXml(yLabel)}</text>`);
  out.push('</g>');
  // x axis
  out.push(`<g class="axis" data-axis="x" data-label="${escapeXml(xLabel)}">`);
  out.push(`<line x1="${n(plot.x)}" y1="${n(bottom)}" x2="${n(plot.x + plot.w)}" y2="${n(bottom)}" stroke="${AXIS}"/>`);
  if (xs !== null) {
    for (const t of xs.ticks) {
      const x = xs.map(t.value);
      out.push(`<line x1="${n(x)}" y1="${n(plot.y)}" x2="${n(x)}" y2="${n(bottom)}" stroke="${GRID}"/>`);
      out.push(`<line x1="${n(x)}" y1="${n(bottom)}" x2="${n(x)}" y2="${n(bottom + 4)}" stroke="${AXIS}"/>`);
      out.push(`<text class="tick" x="${n(x)}" y="${n(bottom + 16)}" font-size="11" text-anchor="middle">${escapeXml(t.label)}</text>`);
    }
  }
  for (const c of xCats ?? []) out.push(categoryLabel(c.label, c.x, bottom + 16, c.width));
  if (xLabel !== '') out.push(`<text class="axis-label" x="${n(plot.x + plot.w / 2)}" y="${n(bottom + 34)}" font-size="12" text-anchor="middle">${escapeXml(xLabel)}</text>`);
  out.push('</g>');
  return out.join('');
}

function emptyNote(plot: Box): string {
  return `<text class="empty" x="${n(plot.x + plot.w / 2)}" y="${n(plot.y + plot.h / 2)}" font-size="13" fill="#999" text-anchor="middle">no figures in this run</text>`;
}

/** The frame of a panel: title, legend at the bottom; returns the plot box left for the data. */
function frame(box: Box, title: string, items: readonly LegendItem[]): { svg: string; plot: Box } {
  const lg = legend(items, box.w - 70);
  const plot = { x: box.x + 70, y: box.y + 34, w: box.w - 90, h: box.h - 34 - 56 - lg.height - 8 };
  const svg =
    `<rect x="${n(box.x)}" y="${n(box.y)}" width="${n(box.w)}" height="${n(box.h)}" fill="#fff" stroke="#ccc"/>` +
    `<text class="panel-title" x="${n(box.x + box.w / 2)}" y="${n(box.y + 22)}" font-size="14" font-weight="bold" text-anchor="middle">${escapeXml(title)}</text>` +
    `<g class="legend" transform="translate(${n(plot.x)} ${n(plot.y + plot.h + 56)})">${lg.svg}</g>`;
  return { svg, plot };
}

function linePanel(p: LinePanel, box: Box): string {
  const items = p.series.map((s) => ({ label: s.label, color: s.color, line: true, ...(s.dash ? { dash: s.dash } : {}) }));
  const f = frame(box, p.title, items);
  const plot = f.plot;
  const pts = p.series.flatMap((s) => s.points);
  const xs = makeScale(pts.map((q) => q.x), p.xLog, plot.x, plot.x + plot.w, p.xLog ? pts.map((q) => q.x) : undefined);
  const ys = makeScale(pts.map((q) => q.y), p.yLog, plot.y + plot.h, plot.y);
  const out = [f.svg, axes(plot, xs, ys, p.xLabel, p.yLabel)];
  if (pts.length === 0) out.push(emptyNote(plot));
  for (const s of p.series) {
    const ok = s.points.filter((q) => Number.isFinite(q.x) && Number.isFinite(q.y) && (!p.xLog || q.x > 0) && (!p.yLog || q.y > 0));
    const d = ok.map((q, i) => `${i ? 'L' : 'M'}${n(xs.map(q.x))} ${n(ys.map(q.y))}`).join(' ');
    out.push(`<g class="series" data-series="${escapeXml(s.label)}" data-points="${ok.length}">`);
    if (ok.length > 1) out.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`);
    for (const q of ok) out.push(`<circle cx="${n(xs.map(q.x))}" cy="${n(ys.map(q.y))}" r="3" fill="${s.color}"><title>${escapeXml(`${s.label}: ${formatTick(q.x)}, ${formatTick(q.y)}`)}</title></circle>`);
    out.push('</g>');
  }
  return `<g class="panel" data-kind="line" data-title="${escapeXml(p.title)}">${out.join('')}</g>`;
}

function barPanel(p: BarPanel, box: Box): string {
  const items = p.series.map((s) => ({ label: s.label, color: s.color, line: false, ...(s.opacity !== undefined ? { opacity: s.opacity } : {}) }));
  const f = frame(box, p.title, items);
  const plot = f.plot;
  const values = p.groups.flatMap((g) => g.values.filter((v): v is number => v !== null));
  const ys = makeScale(values, p.yLog, plot.y + plot.h, plot.y);
  const groupW = p.groups.length ? plot.w / p.groups.length : plot.w;
  const cats = p.groups.map((g, i) => ({ label: g.label, x: plot.x + groupW * (i + 0.5), width: groupW - 4 }));
  const out = [f.svg, axes(plot, null, ys, '', p.yLabel, cats)];
  if (values.length === 0) out.push(emptyNote(plot));
  const bottom = plot.y + plot.h;
  p.series.forEach((s, si) => {
    out.push(`<g class="series" data-series="${escapeXml(s.label)}">`);
    p.groups.forEach((g, gi) => {
      const present = g.values.map((v, k) => (v !== null ? k : -1)).filter((k) => k >= 0);
      const v = g.values[si];
      if (v === null || v === undefined || (p.yLog && v <= 0)) return;
      const slot = present.indexOf(si);
      const inner = groupW * 0.8;
      const bw = Math.min(28, inner / Math.max(1, present.length));
      const x0 = plot.x + groupW * gi + (groupW - bw * present.length) / 2 + bw * slot;
      const y = ys.map(v);
      out.push(
        `<rect x="${n(x0 + 1)}" y="${n(y)}" width="${n(bw - 2)}" height="${n(Math.max(0, bottom - y))}" fill="${s.color}"${s.opacity !== undefined && s.opacity < 1 ? ` fill-opacity="${s.opacity}"` : ''}><title>${escapeXml(`${g.label}, ${s.label}: ${formatTick(v)}`)}</title></rect>`,
      );
    });
    out.push('</g>');
  });
  return `<g class="panel" data-kind="bar" data-title="${escapeXml(p.title)}">${out.join('')}</g>`;
}

/** The whole chart as a standalone SVG document. */
export function renderChart(doc: ChartDocument): string {
  const cols = Math.max(1, doc.columns ?? 2);
  const pw = doc.panelWidth ?? 600;
  const ph = doc.panelHeight ?? 400;
  const gap = 16;
  const top = 70;
  const rows = Math.ceil(doc.panels.length / cols);
  const width = gap + cols * (pw + gap);
  const height = top + rows * (ph + gap) + (doc.footer ? 24 : 0);
  const parts: string[] = [];
  parts.push(`<?xml version="1.0" encoding="UTF-8"?>`);
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}" fill="${TEXT}">`);
  parts.push(`<title>${escapeXml(doc.title)}</title>`);
  parts.push(`<rect width="${width}" height="${height}" fill="#f7f7f7"/>`);
  parts.push(`<text class="title" x="${n(width / 2)}" y="30" font-size="20" font-weight="bold" text-anchor="middle">${escapeXml(doc.title)}</text>`);
  parts.push(`<text class="subtitle" x="${n(width / 2)}" y="52" font-size="13" text-anchor="middle">${escapeXml(doc.subtitle)}</text>`);
  doc.panels.forEach((p, i) => {
    const box = { x: gap + (i % cols) * (pw + gap), y: top + Math.floor(i / cols) * (ph + gap), w: pw, h: ph };
    parts.push(p.kind === 'line' ? linePanel(p, box) : barPanel(p, box));
  });
  if (doc.footer) parts.push(`<text class="footer" x="${gap}" y="${height - 10}" font-size="11" fill="#555">${escapeXml(doc.footer)}</text>`);
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
