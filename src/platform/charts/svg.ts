// Small helpers shared by the chart functions: escaping, ids, number formats and "nice" scales.

/** Escapes text for SVG/HTML element content and attribute values. */
export function escapeXml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** An id prefix safe in XML and CSS: from the caller's, or a short hash of the title. */
export function chartId(prefix: string | undefined, title: string): string {
  if (prefix) return prefix.replace(/[^A-Za-z0-9_-]/g, '-').replace(/^([^A-Za-z])/, 'c$1');
  let h = 0x811c9dc5;
  for (let i = 0; i < title.length; i++) h = Math.imul(h ^ title.charCodeAt(i), 0x01000193) >>> 0;
  return `chart-${h.toString(36)}`;
}

export type ValueUnit = 'percent' | 'count' | 'number';

const PERCENT = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const COUNT = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const NUMBER = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

/** The default value format: percentages to one decimal place with a % sign, counts grouped. */
export function defaultFormat(unit: ValueUnit | undefined): (v: number) => string {
  if (unit === 'percent') return (v) => `${PERCENT.format(v)}%`;
  if (unit === 'count') return (v) => COUNT.format(v);
  return (v) => NUMBER.format(v);
}

export interface Scale {
  min: number;
  max: number;
  ticks: number[];
  /** Maps a value onto [0, length]. */
  at(value: number, length: number): number;
}

/** A scale from round numbers covering [lo, hi] (and zero), with about `count` ticks. */
export function niceScale(lo: number, hi: number, count = 5): Scale {
  let min = Math.min(0, lo);
  let max = Math.max(0, hi);
  if (!Number.isFinite(min) || !Number.isFinite(max)) { min = 0; max = 1; }
  if (min === max) max = min + 1;
  const raw = (max - min) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const nMin = Math.floor(min / step + 1e-9) * step;
  const nMax = Math.ceil(max / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = nMin; v <= nMax + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  return { min: nMin, max: nMax, ticks, at: (v, length) => ((v - nMin) / (nMax - nMin)) * length };
}

/** A fixed domain given by the caller, with evenly spaced ticks. */
export function fixedScale(min: number, max: number, count = 5): Scale {
  const ticks: number[] = [];
  for (let i = 0; i <= count; i++) ticks.push(Number((min + ((max - min) * i) / count).toPrecision(12)));
  return { min, max, ticks, at: (v, length) => ((Math.min(max, Math.max(min, v)) - min) / (max - min)) * length };
}

/** Rough width of text in px at a font size (no font metrics on the server). */
export function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.56;
}

/** Shortens text to fit roughly `px` wide, with an ellipsis. */
export function fitText(text: string, px: number, fontSize: number): string {
  const max = Math.floor(px / (fontSize * 0.56) + 1e-6);
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

export const round = (n: number) => Math.round(n * 10) / 10;
