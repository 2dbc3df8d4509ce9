// Line charts as SVG strings. Series differ by dash pattern, marker shape and a direct text label,
// never by colour alone; a missing value (null) breaks the line, leaving a visible gap.
import type { ChartOutput } from './bar.ts';
import { chartId, defaultFormat, escapeXml, fitText, fixedScale, niceScale, round, textWidth, type Scale, type ValueUnit } from './svg.ts';

export interface LineSeries {
  name: string;
  /** One value per category, in order; null where there is no figure. */
  values: readonly (number | null)[];
  /** The selected series: drawn thicker and labelled "(selected)". */
  highlight?: boolean;
}

export interface LineChartOptions {
  title: string;
  description?: string;
  /** The x-axis categories, e.g. years ["2019", "2020", …]. */
  categories: readonly string[];
  series: readonly LineSeries[];
  unit?: ValueUnit;
  format?: (v: number) => string;
  domain?: readonly [number, number];
  highlightText?: string;
  idPrefix?: string;
  width?: number;
  summary?: string;
  valueAxisLabel?: string;
}

const FONT = 13;
const DASHES = ['', '8 4', '2 4', '10 4 2 4', '4 4'];
const MARKERS = ['circle', 'square', 'triangle', 'diamond', 'cross'] as const;

function marker(kind: (typeof MARKERS)[number], x: number, y: number, filled: boolean): string {
  const fill = filled ? 'currentColor' : 'none';
  const s = 4.5;
  switch (kind) {
    case 'circle': return `<circle cx="${x}" cy="${y}" r="${s}" fill="${fill}" stroke="currentColor" stroke-width="1.5"/>`;
    case 'square': return `<rect x="${round(x - s)}" y="${round(y - s)}" width="${s * 2}" height="${s * 2}" fill="${fill}" stroke="currentColor" stroke-width="1.5"/>`;
    case 'triangle': return `<path d="M${x} ${round(y - s - 1)}L${round(x + s + 1)} ${round(y + s)}L${round(x - s - 1)} ${round(y + s)}Z" fill="${fill}" stroke="currentColor" stroke-width="1.5"/>`;
    case 'diamond': return `<path d="M${x} ${round(y - s - 1)}L${round(x + s + 1)} ${y}L${x} ${round(y + s + 1)}L${round(x - s - 1)} ${y}Z" fill="${fill}" stroke="currentColor" stroke-width="1.5"/>`;
    default: return `<path d="M${round(x - s)} ${round(y - s)}L${round(x + s)} ${round(y + s)}M${round(x + s)} ${round(y - s)}L${round(x - s)} ${round(y + s)}" stroke="currentColor" stroke-width="2"/>`;
  }
}

/** Each series' first and last values, and the categories where it has none. */
export function summariseLines(o: LineChartOptions): string {
  const fmt = o.format ?? defaultFormat(o.unit);
  if (o.categories.length === 0 || o.series.length === 0) return 'There is no data to show.';
  const parts = o.series.map((s) => {
    const name = s.highlight ? `${s.name} (${o.highlightText ?? 'selected'})` : s.name;
    const points = o.categories.map((c, i) => ({ c, v: s.values[i] ?? null })).filter((p) => p.v !== null && Number.isFinite(p.v));
    const gaps = o.categories.filter((_, i) => s.values[i] === null || s.values[i] === undefined || !Number.isFinite(s.values[i]!));
    if (points.length === 0) return `${name}: no data.`;
    const first = points[0]!;
    const last = points[points.length - 1]!;
    const trend = points.length === 1 ? `${fmt(first.v!)} in ${first.c}` : `${fmt(first.v!)} in ${first.c} to ${fmt(last.v!)} in ${last.c}`;
    return `${name}: ${trend}${gaps.length ? `; no data for ${gaps.join(', ')}` : ''}.`;
  });
  return parts.join(' ');
}

export function lineChart(o: LineChartOptions): ChartOutput {
  const summary = o.summary ?? summariseLines(o);
  const id = chartId(o.idPrefix, o.title);
  const fmt = o.format ?? defaultFormat(o.unit);
  const width = o.width ?? 640;
  const hl = o.highlightText ?? 'selected';
  const all = o.series.flatMap((s) => s.values).filter((v): v is number => v !== null && Number.isFinite(v));
  const scale: Scale = o.domain ? fixedScale(o.domain[0], o.domain[1]) : niceScale(all.length ? Math.min(...all) : 0, all.length ? Math.max(...all) : 1);
  const names = o.series.map((s) => (s.highlight ? `${s.name} (${hl})` : s.name));
  const axisW = Math.max(40, ...scale.ticks.map((t) => textWidth(fmt(t), FONT) + 10));
  const labelRoom = Math.min(width * 0.35, Math.max(40, ...names.map((n) => textWidth(n, FONT) + 16)));
  const plotX = axisW;
  const plotW = Math.max(60, width - axisW - labelRoom);
  const top = 16;
  const plotH = 220;
  const axisY = top + plotH;
  const legendTop = axisY + 40 + (o.valueAxisLabel ? 16 : 0);
  const height = legendTop + o.series.length * 20 + 4;
  const n = o.categories.length;
  const x = (i: number) => round(plotX + (n <= 1 ? plotW / 2 : (plotW * i) / (n - 1)));
  const y = (v: number) => round(axisY - scale.at(v, plotH));
  const desc = [o.description, summary].filter(Boolean).join(' ');
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false" font-family="inherit" font-size="${FONT}" fill="currentColor">`,
    `<title id="${id}-title">${escapeXml(o.title)}</title><desc id="${id}-desc">${escapeXml(desc)}</desc>`,
  ];
  out.push('<g class="app-chart__axis" aria-hidden="true">');
  for (const t of scale.ticks) {
    out.push(`<line x1="${plotX}" y1="${y(t)}" x2="${round(plotX + plotW)}" y2="${y(t)}" stroke="currentColor" stroke-opacity="0.2"/>`);
    out.push(`<text x="${plotX - 6}" y="${round(y(t) + FONT * 0.35)}" text-anchor="end">${escapeXml(fmt(t))}</text>`);
  }
  out.push(`<line x1="${plotX}" y1="${axisY}" x2="${round(plotX + plotW)}" y2="${axisY}" stroke="currentColor"/>`);
  const every = Math.max(1, Math.ceil((n * textWidth('2024/25', FONT)) / plotW));
  o.categories.forEach((c, i) => {
    if (i % every === 0 || i === n - 1) out.push(`<text x="${x(i)}" y="${axisY + 18}" text-anchor="middle">${escapeXml(c)}</text>`);
  });
  if (o.valueAxisLabel) out.push(`<text x="${round(plotX + plotW / 2)}" y="${axisY + 36}" text-anchor="middle">${escapeXml(o.valueAxisLabel)}</text>`);
  out.push('</g>');
  if (all.length === 0) out.push(`<text x="${round(plotX + plotW / 2)}" y="${round(top + plotH / 2)}" text-anchor="middle" font-style="italic">No data</text>`);

  o.series.forEach((s, k) => {
    const dash = DASHES[k % DASHES.length]!;
    const kind = MARKERS[k % MARKERS.length]!;
    const strokeW = s.highlight ? 3.5 : 2;
    // Break the path at every missing value: "M" starts a new segment after a gap.
    let d = '';
    let pen = false;
    o.categories.forEach((_, i) => {
      const v = s.values[i];
      if (v === null || v === undefined || !Number.isFinite(v)) { pen = false; return; }
      d += `${pen ? 'L' : 'M'}${x(i)} ${y(v)}`;
      pen = true;
    });
    out.push(`<g class="app-chart__series${s.highlight ? ' app-chart__series--highlight' : ''}">`);
    if (d) out.push(`<path d="${d}" fill="none" stroke="currentColor" stroke-width="${strokeW}"${dash ? ` stroke-dasharray="${dash}"` : ''} stroke-linejoin="round"/>`);
    o.categories.forEach((_, i) => {
      const v = s.values[i];
      if (v === null || v === undefined || !Number.isFinite(v)) return;
      out.push(marker(kind, x(i), y(v), Boolean(s.highlight) || k === 0));
    });
    out.push('</g>');
  });
  // Direct labels at each series' last point, nudged apart vertically so they never overlap.
  const ends = o.series.map((s, k) => {
    let last = -1;
    s.values.forEach((v, i) => { if (v !== null && v !== undefined && Number.isFinite(v) && i < n) last = i; });
    return last < 0 ? undefined : { k, x: x(last) + 10, y: y(s.values[last]!) + FONT * 0.35 };
  }).filter((e): e is { k: number; x: number; y: number } => e !== undefined).sort((a, b) => a.y - b.y);
  for (let i = 1; i < ends.length; i++) ends[i]!.y = Math.max(ends[i]!.y, ends[i - 1]!.y + FONT + 2);
  for (const e of ends) {
    out.push(`<text x="${e.x}" y="${round(e.y)}"${o.series[e.k]!.highlight ? ' font-weight="bold"' : ''}>${escapeXml(fitText(names[e.k]!, labelRoom - 12, FONT))}</text>`);
  }
  // Legend: a sample of each line (dash and marker) and its name.
  out.push('<g class="app-chart__legend">');
  o.series.forEach((s, k) => {
    const ly = legendTop + k * 20;
    const dash = DASHES[k % DASHES.length]!;
    out.push(`<line x1="${plotX}" y1="${ly}" x2="${plotX + 36}" y2="${ly}" stroke="currentColor" stroke-width="${s.highlight ? 3.5 : 2}"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`);
    out.push(marker(MARKERS[k % MARKERS.length]!, plotX + 18, ly, Boolean(s.highlight) || k === 0));
    out.push(`<text x="${plotX + 46}" y="${round(ly + FONT * 0.35)}"${s.highlight ? ' font-weight="bold"' : ''}>${escapeXml(names[k]!)}</text>`);
  });
  out.push('</g></svg>');
  return { svg: out.join(''), summary };
}
