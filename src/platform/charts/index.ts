// Server-rendered, accessible SVG charts. Import from here: see README.md for the API.
export { barChart, summariseBars, type BarChartOptions, type BarDatum, type ChartOutput, type ReferenceLine } from './bar.ts';
export { lineChart, summariseLines, type LineChartOptions, type LineSeries } from './line.ts';
export { escapeXml, defaultFormat, niceScale, type ValueUnit } from './svg.ts';
export { sparkline, sparklineSummary, type SparklineOptions } from './sparkline.ts';
import type { BarChartOptions } from './bar.ts';
import type { LineChartOptions } from './line.ts';
import { defaultFormat } from './svg.ts';

export interface GovukTable {
  caption: string;
  head: { text: string; format?: 'numeric' }[];
  rows: ({ text: string; format?: 'numeric'; classes?: string } | { html: string; format?: 'numeric'; classes?: string })[][];
}

/**
 * The data behind a chart as options for the GOV.UK table macro (`govukTable(table)`), so every
 * chart can be shown with its table. Missing values read as the datum's `missingText` (or "no data"),
 * the highlighted row is in bold and says "(selected)".
 */
export function barChartTable(o: BarChartOptions, headings: { label: string; value: string }): GovukTable {
  const fmt = o.format ?? defaultFormat(o.unit);
  const hl = o.highlightText ?? 'selected';
  return {
    caption: o.title,
    head: [{ text: headings.label }, { text: headings.value, format: 'numeric' }],
    rows: o.data.map((d) => {
      const classes = d.highlight ? 'govuk-!-font-weight-bold' : '';
      return [
        { text: d.highlight ? `${d.label} (${hl})` : d.label, classes },
        { text: d.value === null ? (d.missingText ?? 'no data') : fmt(d.value), format: 'numeric' as const, classes },
      ];
    }),
  };
}

/** A line chart's data as a table: one row per category, one column per series. */
export function lineChartTable(o: LineChartOptions, categoryHeading: string): GovukTable {
  const fmt = o.format ?? defaultFormat(o.unit);
  const hl = o.highlightText ?? 'selected';
  return {
    caption: o.title,
    head: [{ text: categoryHeading }, ...o.series.map((s) => ({ text: s.highlight ? `${s.name} (${hl})` : s.name, format: 'numeric' as const }))],
    rows: o.categories.map((c, i) => [
      { text: c },
      ...o.series.map((s) => {
        const v = s.values[i];
        return { text: v === null || v === undefined ? 'no data' : fmt(v), format: 'numeric' as const };
      }),
    ]),
  };
}
