// Public benchmark pages and API: published DfE figures for every council, anyone may read them.
//
//   GET /benchmarks?measure=&year=&la=          one council against England, its region and its
//                                               statistical neighbours, with rank and quartile
//   GET /benchmarks/{measure}?year=&la=         every council ranked (the chosen one highlighted);
//                                               &format=csv or &format=xlsx downloads the table
//   GET /api/v1/benchmarks?measure=&la=&year=   the same figures as JSON
//
// Forms are GET forms, so every view is a bookmarkable address and works without JavaScript.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { excel } from '../../../platform/lazy.ts';
import { PERCENT_FORMAT as XLSX_PERCENT_FORMAT } from '../../../platform/http/xlsx.ts';
import { ValidationError, type FieldError } from '../../../platform/http/errors.ts';
import { toCsv } from '../../../platform/http/csv.ts';
import { barChart, barChartTable, lineChart, lineChartTable, type BarChartOptions, type LineChartOptions } from '../../../platform/charts/index.ts';
import { DEMO_AREA } from '../../../platform/demo/people.ts';
import { MEASURES, getMeasure, periodLabel, type MeasureDefinition } from './measures.ts';
import { BenchmarkReader, OGL_ATTRIBUTION, present, resolveYear, type RankingRow, type Snapshot } from './service.ts';
import type { Benchmark } from './ranking.ts';

const V = 'modules/performance/benchmarks/views';
const DEFAULT_MEASURE = 'plans-issued-within-20-weeks-excl-exceptions-pc';
const SUPPRESSED = 'not published (suppressed)';
/** The real council the synthetic demo area is compared as (a North West unitary, like the demo). */
export const DEMO_BENCHMARK_LA = 'E06000006';

/** The council an area is benchmarked as: its own ONS code when that is a council, the demo's stand-in for the demo area. */
export function benchmarkLaFor(areaCode: string | undefined, snap: Snapshot): string | undefined {
  if (!areaCode) return undefined;
  if (snap.lasByCode.has(areaCode)) return areaCode;
  if (areaCode === DEMO_AREA.code && snap.lasByCode.has(DEMO_BENCHMARK_LA)) return DEMO_BENCHMARK_LA;
  return undefined;
}

const first = (v: unknown): string | undefined => (Array.isArray(v) ? first(v[0]) : typeof v === 'string' ? v : undefined);

// Intl formats are built once: building one per call (toLocaleString with options) is slow.
const PERCENT_FORMAT = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const COUNT_FORMAT = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

function formatter(def: MeasureDefinition) {
  return def.unit === 'percent' ? (v: number) => `${PERCENT_FORMAT.format(v)}%` : (v: number) => COUNT_FORMAT.format(v);
}

function ordinal(n: number): string {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return `${n}${s[(v - 20) % 10] ?? s[v] ?? s[0]}`;
}

const QUARTILE_WORDS = ['', 'first', 'second', 'third', 'fourth'];

/** The API answer: the shape documented in the issue, plus unit, polarity and the period in words. */
export function apiAnswer(b: Benchmark, def: MeasureDefinition) {
  const p = (v: number | null) => present(v, def.unit);
  return {
    measure: b.measure,
    year: b.year,
    period: periodLabel(b.year, def.periodType),
    unit: def.unit,
    polarity: def.polarity,
    la: { code: b.la.code, name: b.la.name, value: p(b.la.value) },
    england: { value: p(b.england.value) },
    region: { code: b.region.code, name: b.region.name, value: p(b.region.value) },
    statisticalNeighbours: {
      mean: p(b.statisticalNeighbours.mean),
      count: b.statisticalNeighbours.count,
      members: b.statisticalNeighbours.members.map((m) => ({ code: m.code, name: m.name, value: p(m.value) })),
    },
    rank: b.rank,
    of: b.of,
    quartile: b.quartile,
    attribution: OGL_ATTRIBUTION,
  };
}

export function registerBenchmarks(app: FastifyInstance): void {
  const reader = new BenchmarkReader(app.ctx.database.db);

  const measureItems = (selected: string) => MEASURES.map((m) => ({ value: m.id, text: m.name, selected: m.id === selected }));
  const yearItems = (def: MeasureDefinition, years: readonly number[], selected: number | undefined) =>
    years.map((y) => ({ value: String(y), text: periodLabel(y, def.periodType), selected: y === selected }));
  const laItems = (snap: Snapshot, selected: string | undefined) => [
    { value: '', text: 'Choose a council', selected: !selected },
    ...snap.las.map((l) => ({ value: l.code, text: l.name, selected: l.code === selected })),
  ];

  /** Reads measure, year and la from a query; errors name the parameter. */
  function choose(snap: Snapshot, q: Record<string, unknown>, opts: { measure?: string; defaultLa?: string | undefined; requireLa?: boolean; fallbackYear?: boolean }) {
    const errors: FieldError[] = [];
    let notice: string | undefined;
    const measureId = (opts.measure ?? first(q['measure']) ?? '').trim() || DEFAULT_MEASURE;
    const def = getMeasure(measureId);
    if (!def) {
      errors.push({ field: 'measure', message: `Choose a measure from the list ("${measureId}" is not one)` });
      return { errors, notice, def: undefined, year: undefined, la: undefined, years: [] as number[] };
    }
    const years = snap.years.get(def.id) ?? [];
    const yearText = (first(q['year']) ?? '').trim();
    let year: number | undefined = years[0];
    if (yearText) {
      year = resolveYear(def, yearText, years);
      if (year === undefined && opts.fallbackYear && /^\d{4}(\d{2})?$/.test(yearText) && years[0] !== undefined) {
        // A GET form whose measure was changed keeps the old year: show the latest instead, and say so.
        year = years[0];
        notice = `There are no figures for ${def.name} for ${yearText}, so the latest (${periodLabel(year, def.periodType)}) are shown.`;
      } else if (year === undefined) errors.push({ field: 'year', message: `There are no figures for ${def.name} for "${yearText}". Years with figures: ${years.map((y) => periodLabel(y, def.periodType)).join(', ')}` });
    }
    const laParam = first(q['la']);
    let la: string | undefined = laParam === undefined ? opts.defaultLa : laParam.trim().toUpperCase() || undefined;
    if (la && !snap.lasByCode.has(la)) {
      errors.push({ field: 'la', message: `"${laParam}" is not a council in the LA lookup: choose one from the list` });
      la = undefined;
    }
    if (opts.requireLa && !la && laParam === undefined) errors.push({ field: 'la', message: 'Give the council\'s ONS code, for example E06000006' });
    return { errors, notice, def, year, la, years };
  }

  const noData = (reply: FastifyReply) => reply.page(`${V}/empty.njk`, { title: 'Benchmarks', attribution: OGL_ATTRIBUTION }, 503);

  // ── Compare one council ──────────────────────────────────────────────────────
  app.get('/benchmarks', async (req, reply) => {
    const snap = await reader.current();
    if (!snap) return noData(reply);
    const q = (req.query ?? {}) as Record<string, unknown>;
    const defaultLa = benchmarkLaFor(req.principal?.areaCode, snap);
    const c = choose(snap, q, { defaultLa, fallbackYear: true });
    const def = c.def ?? getMeasure(DEFAULT_MEASURE)!;
    const years = snap.years.get(def.id) ?? [];
    const year = c.year ?? years[0];
    const base = {
      title: 'Benchmarks', errors: c.errors, measures: measureItems(def.id), years: yearItems(def, years, year),
      las: laItems(snap, c.la), def, attribution: OGL_ATTRIBUTION, importedAt: snap.importedAt, notice: c.notice,
    };
    if (c.errors.length || year === undefined) return reply.page(`${V}/index.njk`, base, c.errors.length ? 400 : 200);
    const fmt = formatter(def);
    const period = periodLabel(year, def.periodType);
    const rankingUrl = `/benchmarks/${def.id}?year=${year}${c.la ? `&la=${c.la}` : ''}`;
    if (!c.la) {
      const b = await reader.benchmark(snap, def.id, '', year);
      return reply.page(`${V}/index.njk`, { ...base, period, rankingUrl, england: b.england.value === null ? 'no data' : fmt(b.england.value) });
    }
    const b = await reader.benchmark(snap, def.id, c.la, year);
    // No row at all (a council created after that year, say) is not the same as a suppressed figure.
    const laMissing = (await reader.hasRow(snap, def.id, year, c.la)) ? SUPPRESSED : 'no figure published for this council for this year';
    const show = (v: number | null, missing = 'no data') => (v === null ? missing : fmt(v));

    const compare: BarChartOptions = {
      title: `${def.name}: ${b.la.name} compared, ${period}`,
      orientation: 'vertical', unit: def.unit, format: fmt, idPrefix: 'compare',
      ...(def.unit === 'percent' ? { domain: [0, 100] as const } : {}),
      data: [
        { label: b.la.name, value: b.la.value, highlight: true, missingText: laMissing },
        { label: 'Statistical neighbours (mean)', value: b.statisticalNeighbours.mean },
        { label: b.region.name || 'Region', value: b.region.value },
        { label: 'England', value: b.england.value },
      ],
    };
    // The trend: every year of the measure, oldest first.
    const ascending = [...years].sort((a, z) => a - z);
    const perYear = await Promise.all(ascending.map((y) => reader.benchmark(snap, def.id, c.la!, y)));
    const trendOptions: LineChartOptions = {
      title: `${def.name}: ${b.la.name} over time`, unit: def.unit, format: fmt, idPrefix: 'trend',
      categories: ascending.map((y) => periodLabel(y, def.periodType)),
      series: [
        { name: b.la.name, values: perYear.map((x) => x.la.value), highlight: true },
        { name: 'Statistical neighbours (mean)', values: perYear.map((x) => x.statisticalNeighbours.mean) },
        ...(b.region.code && perYear.some((x) => x.region.value !== null) ? [{ name: b.region.name, values: perYear.map((x) => x.region.value) }] : []),
        { name: 'England', values: perYear.map((x) => x.england.value) },
      ],
    };
    const result = {
      la: { ...b.la, text: show(b.la.value, laMissing) },
      england: show(b.england.value),
      region: { ...b.region, text: show(b.region.value, b.region.code ? 'no data' : 'not published for regions') },
      sn: {
        mean: show(b.statisticalNeighbours.mean), count: b.statisticalNeighbours.count,
        members: b.statisticalNeighbours.members.map((m) => ({ ...m, text: show(m.value, SUPPRESSED) })),
      },
      rank: b.rank === null ? null : { text: `${ordinal(b.rank)} of ${b.of}`, rank: b.rank, of: b.of, quartile: b.quartile, quartileWords: QUARTILE_WORDS[b.quartile ?? 0] },
    };
    return reply.page(`${V}/index.njk`, {
      ...base, period, rankingUrl, result, polarityText: polarityText(def),
      compareChart: barChart(compare), compareTable: barChartTable(compare, { label: 'Area', value: def.unit === 'percent' ? 'Percentage' : 'Number' }),
      snTable: {
        caption: `Statistical neighbours of ${b.la.name}, ${period}`, captionClasses: 'govuk-table__caption--s',
        head: [{ text: 'Closeness' }, { text: 'Council' }, { text: 'Code' }, { text: def.unit === 'percent' ? 'Percentage' : 'Number', format: 'numeric' }],
        rows: result.sn.members.map((m, i) => [{ text: String(i + 1) }, { text: m.name }, { text: m.code }, { text: m.text, format: 'numeric' }]),
      },
      trendChart: lineChart(trendOptions), trendTable: lineChartTable(trendOptions, def.periodType === 'january-census' ? 'Census' : 'Year'),
    });
  });

  // ── Every council ranked ─────────────────────────────────────────────────────
  app.get<{ Params: { measure: string } }>('/benchmarks/:measure', async (req, reply) => {
    const def = getMeasure(req.params.measure);
    if (!def) return reply.callNotFound();
    const snap = await reader.current();
    if (!snap) return noData(reply);
    const q = (req.query ?? {}) as Record<string, unknown>;
    const c = choose(snap, q, { measure: def.id, defaultLa: benchmarkLaFor(req.principal?.areaCode, snap) });
    const years = c.years;
    const format = first(q['format']);
    if (format !== undefined && format !== 'csv' && format !== 'xlsx' && format !== 'html') c.errors.push({ field: 'format', message: 'Choose csv or xlsx' });
    const base = { title: `${def.name}: councils ranked`, def, years: yearItems(def, years, c.year), las: laItems(snap, c.la), attribution: OGL_ATTRIBUTION, importedAt: snap.importedAt, errors: c.errors };
    if (c.errors.length || c.year === undefined) return reply.page(`${V}/ranking.njk`, base, c.errors.length ? 400 : 200);
    const year = c.year;
    const rows = await reader.ranking(snap, def, year);
    const period = periodLabel(year, def.periodType);
    if (format === 'csv' || format === 'xlsx') return sendExport(reply, format, def, year, rows, c.la);

    const fmt = formatter(def);
    const national = (await reader.benchmark(snap, def.id, c.la ?? '', year)).england.value;
    const chart: BarChartOptions = {
      title: `${def.name}, ${period}: every council${c.la ? `, ${snap.lasByCode.get(c.la)!.name} highlighted` : ''}`,
      unit: def.unit, format: fmt, idPrefix: 'ranking',
      ...(def.unit === 'percent' ? { domain: [0, 100] as const } : {}),
      data: rows.map((r) => ({ label: r.rank === null ? r.name : `${r.rank}. ${r.name}`, value: r.value, highlight: r.code === c.la, missingText: SUPPRESSED })),
      ...(national !== null ? { references: [{ label: 'England', value: national }] } : {}),
    };
    const selected = c.la ? rows.find((r) => r.code === c.la) : undefined;
    const query = (extra: string) => `/benchmarks/${def.id}?year=${year}${c.la ? `&la=${c.la}` : ''}${extra}`;
    return reply.page(`${V}/ranking.njk`, {
      ...base, period, polarityText: polarityText(def), england: national === null ? 'no data' : fmt(national),
      rows: rows.map((r) => ({ ...r, text: r.value === null ? SUPPRESSED : fmt(r.value), selected: r.code === c.la, quartileText: r.quartile ?? '' })),
      ranked: rows.filter((r) => r.rank !== null).length, suppressed: rows.filter((r) => r.value === null).length,
      selected: selected ? { ...selected, text: selected.value === null ? SUPPRESSED : fmt(selected.value) } : undefined,
      chart: barChart(chart), csvUrl: query('&format=csv'), xlsxUrl: query('&format=xlsx'),
      compareUrl: `/benchmarks?measure=${def.id}&year=${year}${c.la ? `&la=${c.la}` : ''}`,
    });
  });

  // ── API ──────────────────────────────────────────────────────────────────────
  app.ctx.api.add({
    method: 'GET',
    path: '/api/v1/benchmarks/measures',
    summary: 'List the benchmark measures and the years with figures',
    tag: 'Benchmarks',
    auth: 'public',
    response: z.object({
      measures: z.array(z.object({
        id: z.string(), name: z.string(), description: z.string(), unit: z.enum(['count', 'percent']), polarity: z.enum(['higher', 'lower', 'neutral']),
        periodType: z.enum(['calendar-year', 'january-census']), notes: z.string().nullable(),
        years: z.array(z.object({ year: z.number(), period: z.string() })).describe('Newest first'),
      })),
      attribution: z.string(),
    }),
    handler: async () => {
      const snap = await reader.current();
      return {
        measures: MEASURES.map((m) => ({
          id: m.id, name: m.name, description: m.description, unit: m.unit, polarity: m.polarity, periodType: m.periodType, notes: m.notes ?? null,
          years: (snap?.years.get(m.id) ?? []).map((year) => ({ year, period: periodLabel(year, m.periodType) })),
        })),
        attribution: OGL_ATTRIBUTION,
      };
    },
  });

  const member = z.object({ code: z.string(), name: z.string(), value: z.number().nullable() });
  app.ctx.api.add({
    method: 'GET',
    path: '/api/v1/benchmarks',
    summary: 'Benchmark one council on a published measure',
    tag: 'Benchmarks',
    auth: 'public',
    query: z.object({
      measure: z.string().min(1, 'Give a measure id').describe(`Measure id: ${MEASURES.map((m) => m.id).join(', ')}`),
      la: z.string().min(1, 'Give the council\'s ONS code').describe('The council\'s ONS (GSS) code, e.g. E06000006'),
      year: z.string().regex(/^\d{4}(\d{2})?$/, 'must be a year such as 2024 (or 202425 for the January 2025 census)').optional()
        .describe('The published period: a calendar year (2024) or, for January-census measures, 202425 or the census year 2025. Default: the latest.'),
    }),
    response: z.object({
      measure: z.string(), year: z.number(), period: z.string(), unit: z.enum(['count', 'percent']), polarity: z.enum(['higher', 'lower', 'neutral']),
      la: member, england: z.object({ value: z.number().nullable() }),
      region: member.describe('code and name are empty when the council has no region'),
      statisticalNeighbours: z.object({ mean: z.number().nullable(), count: z.number(), members: z.array(member) }),
      rank: z.number().nullable(), of: z.number(), quartile: z.number().nullable(), attribution: z.string(),
    }),
    responseDescription: `The council's value, England, its region, the mean of its ten statistical neighbours (those with a value), and its rank among the councils with a value (1 is best; for neutral measures, the largest) with its quartile. Percentages have one decimal place; a suppressed figure is null. ${OGL_ATTRIBUTION}`,
    handler: async ({ query, reply }) => {
      const snap = await reader.current();
      if (!snap) throw new ValidationError([{ field: 'measure', message: 'No benchmark data has been imported yet' }], 'No benchmark data has been imported yet');
      const c = choose(snap, query as Record<string, unknown>, { requireLa: true });
      if (c.errors.length || !c.def || c.year === undefined || !c.la) {
        const errors = c.errors.length ? c.errors : [{ field: 'year', message: 'There are no figures for this measure' }];
        throw new ValidationError(errors, errors.map((e) => `${e.field}: ${e.message}`).join('; '));
      }
      reply.header('cache-control', 'public, max-age=300');
      return apiAnswer(await reader.benchmark(snap, c.def.id, c.la, c.year), c.def);
    },
  });
}

function polarityText(def: MeasureDefinition): string {
  if (def.polarity === 'higher') return 'Higher is better: rank 1 has the highest value.';
  if (def.polarity === 'lower') return 'Lower is better: rank 1 has the lowest value.';
  return 'Neither higher nor lower is better: councils are ranked by value, largest first, for context.';
}

const EXPORT_HEADER = ['rank', 'la_code', 'la_name', 'region', 'value', 'numerator', 'denominator', 'quartile', 'status'];

function exportRows(def: MeasureDefinition, rows: RankingRow[]) {
  return rows.map((r) => [r.rank, r.code, r.name, r.regionName, present(r.value, def.unit), r.numerator, r.denominator, r.quartile, r.value === null ? SUPPRESSED : 'published']);
}

async function sendExport(reply: FastifyReply, format: 'csv' | 'xlsx', def: MeasureDefinition, year: number, rows: RankingRow[], la: string | undefined) {
  const file = `benchmark-${def.id}-${year}`;
  if (format === 'csv') {
    const csv = toCsv(EXPORT_HEADER, [...exportRows(def, rows), [], [`${def.name}, ${periodLabel(year, def.periodType)}. Source: DfE Education, health and care plans (2025 release). ${OGL_ATTRIBUTION}`]]);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}.csv"`).send(csv);
  }
  const wb = new (excel().Workbook)();
  wb.creator = 'Joined Up';
  const ws = wb.addWorksheet('Ranking');
  ws.addRow(EXPORT_HEADER).font = { bold: true };
  for (const r of exportRows(def, rows)) {
    // Percentages as numbers with a % format (56.5% is stored as 0.565); suppressed = empty cell.
    const value = r[4] as number | null;
    const row = ws.addRow(def.unit === 'percent' ? [...r.slice(0, 4), value === null ? null : Math.round(value * 10) / 1000, ...r.slice(5)] : r);
    row.getCell(5).numFmt = def.unit === 'percent' ? XLSX_PERCENT_FORMAT : '#,##0';
    if (r[1] === la) row.font = { bold: true };
  }
  ws.getColumn(3).width = 32;
  ws.getColumn(4).width = 26;
  ws.getColumn(9).width = 28;
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.addRow([]);
  ws.addRow([`${def.name}, ${periodLabel(year, def.periodType)}`]);
  ws.addRow([OGL_ATTRIBUTION]);
  const about = wb.addWorksheet('About');
  about.addRows([[def.name], [def.description], [`Period: ${periodLabel(year, def.periodType)}`], [def.notes ?? ''], [OGL_ATTRIBUTION]]);
  about.getColumn(1).width = 120;
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename="${file}.xlsx"`).send(buf);
}

