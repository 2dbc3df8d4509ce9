// Bar charts as SVG strings. See README.md in this folder for the API and the accessibility rules.
import { chartId, defaultFormat, escapeXml, fitText, fixedScale, niceScale, round, textWidth, type Scale, type ValueUnit } from './svg.ts';

export interface BarDatum {
  label: string;
  /** null: no figure (drawn as a gap with `missingText`). */
  value: number | null;
  /** The selected item: drawn hatched, outlined, in bold and labelled "(selected)". */
  highlight?: boolean;
  /** Shown in place of a bar when value is null (default "no data"). */
  missingText?: string;
}

export interface ReferenceLine {
  label: string;
  value: number;
}

export interface BarChartOptions {
  /** Becomes the SVG <title>: say what the chart shows, e.g. "Plans issued within 20 weeks, 2024". */
  title: string;
  /** A sentence put before the generated summary in <desc>. */
  description?: string;
  data: readonly BarDatum[];
  /** 'horizontal' (default: labels on the left, good for many or long labels) or 'vertical'. */
  orientation?: 'horizontal' | 'vertical';
  unit?: ValueUnit;
  /** Formats values for labels, ticks and the summary (default by unit). */
  format?: (v: number) => string;
  /** Fix the value axis, e.g. [0, 100] for percentages. Default: a nice scale from 0 over the data. */
  domain?: readonly [number, number];
  /** Dashed, labelled lines across the bars (e.g. England's value). */
  references?: readonly ReferenceLine[];
  /** Words after a highlighted label (default "selected"). */
  highlightText?: string;
  /** Prefix for ids inside the SVG (needed when two charts on one page share a title). */
  idPrefix?: string;
  /** viewBox width in px (default 640); the SVG scales to its container. */
  width?: number;
  /** Replaces the generated text summary. */
  summary?: string;
  /** Name of the value axis, e.g. "Percentage of plans". */
  valueAxisLabel?: string;
}

export interface ChartOutput {
  /** The SVG markup: output it unescaped (`| safe`). */
  svg: string;
  /** A plain-text summary of the data (also in the SVG's <desc>): show it next to the chart too. */
  summary: string;
}

const FONT = 13;

/** A plain-English summary: the highest and lowest, the selected item, and what has no data. */
export function summariseBars(o: BarChartOptions): string {
  const fmt = o.format ?? defaultFormat(o.unit);
  const present = o.data.filter((d) => d.value !== null && Number.isFinite(d.value));
  const missing = o.data.filter((d) => d.value === null || !Number.isFinite(d.value));
  if (o.data.length === 0) return 'There is no data to show.';
  const parts: string[] = [];
  if (present.length === 0) {
    parts.push(`None of the ${o.data.length} ${o.data.length === 1 ? 'item has' : 'items have'} a value.`);
  } else {
    const sorted = [...present].sort((a, b) => b.value! - a.value!);
    const hi = sorted[0]!;
    const lo = sorted[sorted.length - 1]!;
    parts.push(present.length === 1
      ? `${hi.label}: ${fmt(hi.value!)}.`
      : `${present.length} ${present.length === 1 ? 'value' : 'values'}: highest ${hi.label} ${fmt(hi.value!)}, lowest ${lo.label} ${fmt(lo.value!)}.`);
  }
  for (const h of o.data.filter((d) => d.highlight)) {
    parts.push(`${h.label} (${o.highlightText ?? 'selected'}): ${h.value === null ? (h.missingText ?? 'no data') : fmt(h.value)}.`);
  }
  for (const r of o.references ?? []) parts.push(`${r.label}: ${fmt(r.value)}.`);
  if (missing.length > 0) {
    const names = missing.slice(0, 10).map((m) => m.label).join(', ');
    parts.push(`No value for ${names}${missing.length > 10 ? ` and ${missing.length - 10} more` : ''}.`);
  }
  return parts.join(' ');
}

function scaleFor(o: BarChartOptions): Scale {
  if (o.domain) return fixedScale(o.domain[0], o.domain[1]);
  const vals = [...o.data.map((d) => d.value).filter((v): v is number => v !== null && Number.isFinite(v)), ...(o.references ?? []).map((r) => r.value)];
  return niceScale(vals.length ? Math.min(...vals) : 0, vals.length ? Math.max(...vals) : 1);
}

function defs(id: string): string {
  // The hatch is drawn in currentColor, so it follows the text colour, including in forced-colours mode.
  return `<defs><pattern id="${id}-hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">`
    + `<rect width="6" height="6" fill="none"/><line x1="0" y1="0" x2="0" y2="6" stroke="currentColor" stroke-width="3"/></pattern></defs>`;
}

function open(id: string, width: number, height: number, o: BarChartOptions, summary: string): string {
  const desc = [o.description, summary].filter(Boolean).join(' ');
  return `<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" viewBox="0 0 ${width} ${round(height)}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false" font-family="inherit" font-size="${FONT}" fill="currentColor">`
    + `<title id="${id}-title">${escapeXml(o.title)}</title><desc id="${id}-desc">${escapeXml(desc)}</desc>`;
}

export function barChart(o: BarChartOptions): ChartOutput {
  const summary = o.summary ?? summariseBars(o);
  return { svg: o.orientation === 'vertical' ? verticalBars(o, summary) : horizontalBars(o, summary), summary };
}

function horizontalBars(o: BarChartOptions, summary: string): string {
  const id = chartId(o.idPrefix, o.title);
  const fmt = o.format ?? defaultFormat(o.unit);
  const width = o.width ?? 640;
  const hl = o.highlightText ?? 'selected';
  const labelOf = (d: BarDatum) => (d.highlight ? `${d.label} (${hl})` : d.label);
  const labelWidth = Math.min(width * 0.4, Math.max(60, ...o.data.map((d) => textWidth(labelOf(d), FONT) + 12)));
  // Room after the longest bar for its value; a missing value's words are written inside the plot.
  const valueRoom = Math.max(60, ...o.data.filter((d) => d.value !== null).map((d) => textWidth(fmt(d.value!), FONT) + 14));
  const refs = o.references ?? [];
  const top = 8 + refs.length * 16;
  const band = 22;
  const barH = 14;
  const plotX = labelWidth;
  const plotW = Math.max(50, width - labelWidth - valueRoom);
  const plotH = Math.max(1, o.data.length) * band;
  const axisY = top + plotH;
  const height = axisY + 34 + (o.valueAxisLabel ? 16 : 0);
  const scale = scaleFor(o);
  const x = (v: number) => round(plotX + scale.at(v, plotW));
  const out: string[] = [open(id, width, height, o, summary), defs(id)];

  // Grid and axis.
  out.push('<g class="app-chart__axis" aria-hidden="true">');
  for (const t of scale.ticks) {
    out.push(`<line x1="${x(t)}" y1="${top}" x2="${x(t)}" y2="${axisY}" stroke="currentColor" stroke-opacity="0.2"/>`);
    out.push(`<text x="${x(t)}" y="${axisY + 16}" text-anchor="middle">${escapeXml(fmt(t))}</text>`);
  }
  out.push(`<line x1="${plotX}" y1="${axisY}" x2="${plotX + plotW}" y2="${axisY}" stroke="currentColor"/>`);
  if (o.valueAxisLabel) out.push(`<text x="${round(plotX + plotW / 2)}" y="${axisY + 32}" text-anchor="middle">${escapeXml(o.valueAxisLabel)}</text>`);
  out.push('</g>');

  refs.forEach((r, i) => {
    const rx = x(r.value);
    out.push(`<g class="app-chart__reference"><line x1="${rx}" y1="${top - 4 - (refs.length - 1 - i) * 16}" x2="${rx}" y2="${axisY}" stroke="currentColor" stroke-width="2" stroke-dasharray="6 4"/>`);
    out.push(`<text x="${rx + 4}" y="${top - 6 - (refs.length - 1 - i) * 16}">${escapeXml(`${r.label} ${fmt(r.value)}`)}</text></g>`);
  });
  if (o.data.length === 0) {
    out.push(`<text x="${round(plotX + plotW / 2)}" y="${top + 15}" text-anchor="middle" font-style="italic">No data</text>`);
  }
  const zero = x(Math.max(scale.min, Math.min(scale.max, 0)));
  o.data.forEach((d, i) => {
    const y = top + i * band;
    const cy = round(y + band / 2 + FONT * 0.35);
    const weight = d.highlight ? ' font-weight="bold"' : '';
    out.push(`<g class="app-chart__bar${d.highlight ? ' app-chart__bar--highlight' : ''}">`);
    out.push(`<text x="${round(plotX - 8)}" y="${cy}" text-anchor="end"${weight}>${escapeXml(fitText(labelOf(d), labelWidth - 12, FONT))}</text>`);
    if (d.value === null || !Number.isFinite(d.value)) {
      out.push(`<text x="${zero + 4}" y="${cy}" font-style="italic">${escapeXml(d.missingText ?? 'no data')}</text>`);
    } else {
      const x0 = Math.min(zero, x(d.value));
      const w = Math.max(d.value === 0 ? 0 : 1, Math.abs(x(d.value) - zero));
      const fill = d.highlight ? `url(#${id}-hatch)` : 'currentColor';
      const stroke = d.highlight ? ' stroke="currentColor" stroke-width="2"' : '';
      out.push(`<rect x="${round(x0)}" y="${round(y + (band - barH) / 2)}" width="${round(w)}" height="${barH}" fill="${fill}"${stroke}/>`);
      out.push(`<text x="${round(Math.max(x0 + w, zero) + 6)}" y="${cy}"${weight}>${escapeXml(fmt(d.value))}</text>`);
    }
    out.push('</g>');
  });
  out.push('</svg>');
  return out.join('');
}

function wrap(text: string, px: number): string[] {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    const next = cur ? `${cur} ${w}` : w;
    if (textWidth(next, FONT) > px && cur) {
      lines.push(cur);
      cur = w;
    } else cur = next;
  }
  if (cur) lines.push(cur);
  if (lines.length > 3) return [...lines.slice(0, 2), fitText(lines.slice(2).join(' '), px, FONT)];
  return lines.map((l) => fitText(l, px, FONT));
}

function verticalBars(o: BarChartOptions, summary: string): string {
  const id = chartId(o.idPrefix, o.title);
  const fmt = o.format ?? defaultFormat(o.unit);
  const width = o.width ?? 640;
  const hl = o.highlightText ?? 'selected';
  const scale = scaleFor(o);
  const refs = o.references ?? [];
  const axisW = Math.max(40, ...scale.ticks.map((t) => textWidth(fmt(t), FONT) + 10));
  const plotX = axisW;
  const plotW = width - axisW - (refs.length ? Math.max(...refs.map((r) => textWidth(`${r.label} ${fmt(r.value)}`, FONT))) + 8 : 8);
  const n = Math.max(1, o.data.length);
  const bandW = plotW / n;
  const barW = Math.min(60, bandW * 0.6);
  const labels = o.data.map((d) => wrap(d.highlight ? `${d.label} (${hl})` : d.label, bandW - 4));
  const labelLines = Math.max(1, ...labels.map((l) => l.length));
  const top = 24;
  const plotH = 220;
  const axisY = top + plotH;
  const height = axisY + 10 + labelLines * 16 + (o.valueAxisLabel ? 18 : 0);
  const y = (v: number) => round(axisY - scale.at(v, plotH));
  const out: string[] = [open(id, width, height, o, summary), defs(id)];
  out.push('<g class="app-chart__axis" aria-hidden="true">');
  for (const t of scale.ticks) {
    out.push(`<line x1="${plotX}" y1="${y(t)}" x2="${round(plotX + plotW)}" y2="${y(t)}" stroke="currentColor" stroke-opacity="0.2"/>`);
    out.push(`<text x="${plotX - 6}" y="${round(y(t) + FONT * 0.35)}" text-anchor="end">${escapeXml(fmt(t))}</text>`);
  }
  out.push(`<line x1="${plotX}" y1="${axisY}" x2="${round(plotX + plotW)}" y2="${axisY}" stroke="currentColor"/>`);
  if (o.valueAxisLabel) out.push(`<text x="${round(plotX + plotW / 2)}" y="${round(height - 4)}" text-anchor="middle">${escapeXml(o.valueAxisLabel)}</text>`);
  out.push('</g>');
  if (o.data.length === 0) out.push(`<text x="${round(plotX + plotW / 2)}" y="${round(top + plotH / 2)}" text-anchor="middle" font-style="italic">No data</text>`);
  const zero = y(Math.max(scale.min, Math.min(scale.max, 0)));
  o.data.forEach((d, i) => {
    const cx = round(plotX + bandW * i + bandW / 2);
    const weight = d.highlight ? ' font-weight="bold"' : '';
    out.push(`<g class="app-chart__bar${d.highlight ? ' app-chart__bar--highlight' : ''}">`);
    if (d.value === null || !Number.isFinite(d.value)) {
      out.push(`<text x="${cx}" y="${zero - 6}" text-anchor="middle" font-style="italic">${escapeXml(d.missingText ?? 'no data')}</text>`);
    } else {
      const yv = y(d.value);
      const h = Math.max(d.value === 0 ? 0 : 1, Math.abs(zero - yv));
      const fill = d.highlight ? `url(#${id}-hatch)` : 'currentColor';
      const stroke = d.highlight ? ' stroke="currentColor" stroke-width="2"' : '';
      out.push(`<rect x="${round(cx - barW / 2)}" y="${round(Math.min(zero, yv))}" width="${round(barW)}" height="${round(h)}" fill="${fill}"${stroke}/>`);
      out.push(`<text x="${cx}" y="${round(Math.min(zero, yv) - 5)}" text-anchor="middle"${weight}>${escapeXml(fmt(d.value))}</text>`);
    }
    labels[i]!.forEach((line, j) => out.push(`<text x="${cx}" y="${axisY + 16 + j * 16}" text-anchor="middle"${weight}>${escapeXml(line)}</text>`));
    out.push('</g>');
  });
  for (const r of refs) {
    const ry = y(r.value);
    out.push(`<g class="app-chart__reference"><line x1="${plotX}" y1="${ry}" x2="${round(plotX + plotW)}" y2="${ry}" stroke="currentColor" stroke-width="2" stroke-dasharray="6 4"/>`);
    out.push(`<text x="${round(plotX + plotW + 4)}" y="${round(ry + FONT * 0.35)}">${escapeXml(`${r.label} ${fmt(r.value)}`)}</text></g>`);
  }
  out.push('</svg>');
  return out.join('');
}
