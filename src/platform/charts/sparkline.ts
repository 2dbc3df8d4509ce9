// A sparkline: a word-sized line of recent values for a table cell (the scorecard's 12-month trend).
// The SVG is an image whose accessible name is the summary in words (first and last value, lowest and
// highest), so the trend is never shown by the line alone; a missing value breaks the line.
import { chartId, escapeXml, round } from './svg.ts';

export interface SparklineOptions {
  /** One value per period, oldest first; null where there is no figure. */
  values: readonly (number | null)[];
  /** The periods' names, same length as values (for the summary). */
  labels: readonly string[];
  format: (v: number) => string;
  /** What the line shows, e.g. "Plans issued within 20 weeks, last 12 months". */
  title: string;
  idPrefix?: string;
  width?: number;
  height?: number;
}

/** The sparkline's text alternative. */
export function sparklineSummary(o: Pick<SparklineOptions, 'values' | 'labels' | 'format'>): string {
  const points = o.values.map((v, i) => ({ v, l: o.labels[i] ?? '' })).filter((p): p is { v: number; l: string } => p.v !== null && Number.isFinite(p.v));
  if (points.length === 0) return 'No data.';
  const first = points[0]!;
  const last = points[points.length - 1]!;
  if (points.length === 1) return `${o.format(first.v)} in ${first.l}; no data for the other months.`;
  const values = points.map((p) => p.v);
  const gaps = o.values.length - points.length;
  return `${o.format(first.v)} in ${first.l} to ${o.format(last.v)} in ${last.l}; lowest ${o.format(Math.min(...values))}, highest ${o.format(Math.max(...values))}${gaps ? `; no data for ${gaps} ${gaps === 1 ? 'month' : 'months'}` : ''}.`;
}

export function sparkline(o: SparklineOptions): string {
  const width = o.width ?? 120;
  const height = o.height ?? 28;
  const pad = 3;
  const id = chartId(o.idPrefix, o.title);
  const finite = o.values.filter((v): v is number => v !== null && Number.isFinite(v));
  const lo = finite.length ? Math.min(...finite) : 0;
  const hi = finite.length ? Math.max(...finite) : 1;
  const n = o.values.length;
  const x = (i: number) => round(pad + (n <= 1 ? (width - 2 * pad) / 2 : ((width - 2 * pad) * i) / (n - 1)));
  // A flat series sits in the middle rather than on an edge.
  const y = (v: number) => round(hi === lo ? height / 2 : height - pad - ((v - lo) / (hi - lo)) * (height - 2 * pad));
  const runs: string[] = [];
  let run = '';
  o.values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) { if (run) runs.push(run); run = ''; return; }
    run += `${run ? 'L' : 'M'}${x(i)} ${y(v)}`;
  });
  if (run) runs.push(run);
  const lastIndex = o.values.findLastIndex((v) => v !== null && Number.isFinite(v));
  const lastValue = lastIndex >= 0 ? (o.values[lastIndex] as number) : null;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="app-sparkline" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-title" focusable="false">`,
    `<title id="${id}-title">${escapeXml(`${o.title}: ${sparklineSummary(o)}`)}</title>`,
    ...runs.map((d) => `<path d="${d}" fill="none" stroke="currentColor" stroke-width="1.5"/>`),
    lastValue === null ? '' : `<circle cx="${x(lastIndex)}" cy="${y(lastValue)}" r="2.5" fill="currentColor"/>`,
    '</svg>',
  ].join('');
}
