// The KPI scorecard: the area's KPIs over a period against its targets.
//
//   GET  /api/v1/kpis?from=&to=   (or ?asAt=; default the 12 months to today)   performance.view
//   GET  /performance             the scorecard, the exception report of reds; ?format=csv
//   GET  /performance/kpis/:id    a KPI: definition, 12-month trend, benchmark, drill-down (?drill=1)
//   POST /performance/kpis/:id/target                                           performance.edit-targets
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorise, can, type Principal } from '../../../platform/auth/policy.ts';
import { ValidationError, type FieldError } from '../../../platform/http/errors.ts';
import { toCsv } from '../../../platform/http/csv.ts';
import { field } from '../../../platform/forms/forms.ts';
import { lineChart, lineChartTable, type LineChartOptions } from '../../../platform/charts/index.ts';
import { DIRECTION_WORDS, RAG_WORDS, computeKpi, directionWords, getKpi, monthlySeries, type KpiUnit } from '../kpis/index.ts';
import { getMeasure, periodLabel } from '../benchmarks/measures.ts';
import { BenchmarkReader } from '../benchmarks/service.ts';
import { benchmarkLaFor } from '../benchmarks/routes.ts';
import { auditDrillDown, loadScorecard, monthsEnding, resolvePeriod, saveTarget, type Period, type ScorecardRow } from './service.ts';

const V = 'modules/performance/scorecard/views';
const BASE = '/performance';

const NUMBER = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const PERCENT = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function formatValue(v: number | null | undefined, unit: KpiUnit): string {
  if (v === null || v === undefined) return 'No data';
  switch (unit) {
    case 'percent': return `${PERCENT.format(v)}%`;
    case 'weeks': return `${NUMBER.format(v)} weeks`;
    case 'days': return `${NUMBER.format(v)} days`;
    default: return NUMBER.format(v);
  }
}

const RAG_TAG = { green: 'govuk-tag--green', amber: 'govuk-tag--yellow', red: 'govuk-tag--red' } as const;

function ragTag(r: ScorecardRow) {
  if (r.rag === null) return { text: r.target === null ? 'No target' : 'Not rated', classes: 'govuk-tag--grey' };
  return { text: RAG_WORDS[r.rag], classes: RAG_TAG[r.rag] };
}

const POLARITY_WORDS = { higher: 'Higher is better', lower: 'Lower is better', neutral: 'Neither higher nor lower is better (context)' } as const;

type Query = { from?: string; to?: string; asAt?: string; format?: string; drill?: string };
const first = (v: unknown): string | undefined => (Array.isArray(v) ? first(v[0]) : typeof v === 'string' && v !== '' ? v : undefined);

export function registerScorecard(app: FastifyInstance): void {
  const { ctx } = app;
  const db = ctx.database.db;
  const reader = new BenchmarkReader(db);
  const auditCtx = (req: FastifyRequest) => ({ principal: req.principal!, ip: req.ip, requestId: req.id });

  ctx.navItems.push({ href: BASE, text: 'Performance', permission: 'performance.view', order: 50 });

  ctx.api.add({
    method: 'GET', path: '/api/v1/kpis', tag: 'Performance', auth: 'performance.view',
    summary: 'Every KPI for your area over a period, with target, RAG rating and direction of travel',
    query: z.object({
      from: z.string().optional().describe('First day of the period, YYYY-MM-DD (with to)'),
      to: z.string().optional().describe('Last day of the period, YYYY-MM-DD'),
      asAt: z.string().optional().describe('The day the data is as at; alone, the period is the 12 months to it'),
    }),
    response: z.array(z.object({
      id: z.string(), name: z.string(), value: z.number().nullable(), numerator: z.number().nullable(), denominator: z.number().nullable(),
      unit: z.string(), polarity: z.string(), target: z.number().nullable(), rag: z.enum(['green', 'amber', 'red']).nullable(),
      direction: z.enum(['improving', 'worsening', 'no-change']).nullable(),
    })),
    handler: async ({ principal, query }) => {
      const period = resolvePeriod(query, ctx.clock.today());
      const s = await loadScorecard(db, principal.areaId, period, ctx.clock.today());
      return s.rows.map((r) => ({
        id: r.id, name: r.name, value: r.value, numerator: r.numerator, denominator: r.denominator,
        unit: r.unit, polarity: r.polarity, target: r.target, rag: r.rag, direction: r.direction,
      }));
    },
  });

  /** The period from the query; on bad input, the default period and the errors. */
  function periodFrom(q: Query): { period: Period; errors: FieldError[] | undefined } {
    const today = ctx.clock.today();
    try {
      return { period: resolvePeriod({ from: first(q.from), to: first(q.to), asAt: first(q.asAt) }, today), errors: undefined };
    } catch (err) {
      if (err instanceof ValidationError) return { period: resolvePeriod({}, today), errors: err.errors };
      throw err;
    }
  }
  const periodQuery = (p: Period) => `from=${p.from}&to=${p.to}&asAt=${p.asAt}`;

  app.get<{ Querystring: Query }>(BASE, async (req, reply) => {
    const p = authorise(req.principal, 'performance.view');
    const q = req.query ?? {};
    const { period, errors } = periodFrom(q);
    const s = await loadScorecard(db, p.areaId, period, ctx.clock.today());
    if (first(q.format) === 'csv' && !errors) {
      const csv = toCsv(
        ['kpi_id', 'kpi', 'value', 'numerator', 'denominator', 'unit', 'polarity', 'target', 'tolerance', 'rag', 'previous_value', 'direction', 'responsible_officer', 'commentary'],
        [...s.rows.map((r) => [r.id, r.name, r.value, r.numerator, r.denominator, r.unit, r.polarity, r.target, r.tolerance, r.rag === null ? '' : RAG_WORDS[r.rag], r.previous, r.direction === null ? '' : DIRECTION_WORDS[r.direction], r.responsibleOfficer, r.commentary]),
          [], [`${p.areaName} KPI scorecard, ${period.from} to ${period.to}, as at ${period.asAt}. Direction compares with ${s.previous.from} to ${s.previous.to}.`]],
      );
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="kpi-scorecard-${period.from}-to-${period.to}.csv"`).send(csv);
    }
    const qs = periodQuery(period);
    const table = {
      caption: `KPIs, ${period.from} to ${period.to}`, captionClasses: 'govuk-table__caption--m', firstCellIsHeader: true,
      head: [{ text: 'KPI' }, { text: 'Value', format: 'numeric' }, { text: 'Target', format: 'numeric' }, { text: 'Rating' }, { text: 'Direction of travel' }],
      rows: s.rows.map((r) => [
        { html: `<a class="govuk-link" href="${BASE}/kpis/${encodeURIComponent(r.id)}?${qs}">${escapeHtml(r.name)}</a>` },
        { text: formatValue(r.value, r.unit), format: 'numeric' },
        { text: r.target === null ? 'None set' : formatValue(r.target, r.unit), format: 'numeric' },
        { html: `<strong class="govuk-tag ${ragTag(r).classes}">${escapeHtml(ragTag(r).text)}</strong>` },
        { text: directionWords(r.value, r.previous, r.polarity, r.unit) },
      ]),
    };
    const exceptions = s.rows.filter((r) => r.rag === 'red').map((r) => ({
      ...r, href: `${BASE}/kpis/${encodeURIComponent(r.id)}?${qs}`, valueText: formatValue(r.value, r.unit), targetText: formatValue(r.target, r.unit),
    }));
    return reply.page(`${V}/index.njk`, {
      title: 'Performance scorecard', period, previous: s.previous, table, exceptions, errors,
      values: { from: first(q.from) ?? period.from, to: first(q.to) ?? period.to },
      csvUrl: `${BASE}?${qs}&format=csv`,
    }, errors ? 400 : 200);
  });

  async function kpiPage(req: FastifyRequest<{ Params: { id: string }; Querystring: Query }>, reply: FastifyReply, p: Principal, formErrors?: FieldError[], formValues?: Record<string, string>) {
    const def = getKpi(req.params.id);
    if (!def) return reply.callNotFound();
    const q = req.query ?? {};
    const { period, errors } = periodFrom(q);
    const s = await loadScorecard(db, p.areaId, period, ctx.clock.today());
    const row = s.rows.find((r) => r.id === def.id)!;
    const fmt = (v: number) => formatValue(v, def.unit);

    const series = monthlySeries(def.id, s.cases, monthsEnding(period.to));
    const trend: LineChartOptions = {
      title: `${def.name}: month by month`, idPrefix: 'kpi-trend', format: fmt, unit: def.unit === 'percent' ? 'percent' : 'number',
      ...(def.unit === 'percent' ? { domain: [0, 100] as const } : {}),
      categories: series.map((x) => Temporal.PlainYearMonth.from(x.month).toLocaleString('en-GB', { month: 'short', year: 'numeric', calendar: 'iso8601' })),
      series: [{ name: p.areaName, values: series.map((x) => x.result.value), highlight: true }],
    };

    let benchmark: { period: string; la: string; rows: { key: { text: string }; value: { text: string } }[] } | null = null;
    const measure = getMeasure(def.id);
    if (measure) {
      const snap = await reader.current();
      const la = snap ? benchmarkLaFor(p.areaCode, snap) : undefined;
      const year = snap?.years.get(measure.id)?.[0];
      if (snap && la && year !== undefined) {
        const b = await reader.benchmark(snap, measure.id, la, year);
        const show = (v: number | null) => (v === null ? 'Not published' : fmt(v));
        benchmark = {
          period: periodLabel(year, measure.periodType), la: b.la.name,
          rows: [
            { key: { text: `${b.la.name} (published)` }, value: { text: show(b.la.value) } },
            { key: { text: 'Statistical neighbours (mean)' }, value: { text: show(b.statisticalNeighbours.mean) } },
            { key: { text: b.region.name || 'Region' }, value: { text: show(b.region.value) } },
            { key: { text: 'England' }, value: { text: show(b.england.value) } },
            { key: { text: `${p.areaName}, this period` }, value: { text: formatValue(row.value, def.unit) } },
          ],
        };
      }
    }

    const canDrill = can(p, 'performance.drill-down');
    let drill: { numerator: readonly string[]; denominator: readonly string[] } | null = null;
    if (canDrill && first(q.drill) === '1' && !errors) {
      const result = computeKpi(def.id, s.cases, period);
      drill = result.caseIds;
      await auditDrillDown(db, auditCtx(req), def.id, period, [...new Set([...drill.numerator, ...drill.denominator])]);
    }
    const canEdit = can(p, 'performance.edit-targets');
    const qs = periodQuery(period);
    return reply.page(`${V}/kpi.njk`, {
      title: def.name, def, row, period, previous: s.previous, errors: formErrors ?? errors,
      valueText: formatValue(row.value, def.unit), targetText: row.target === null ? 'None set' : fmt(row.target),
      rag: ragTag(row), directionText: directionWords(row.value, row.previous, row.polarity, row.unit),
      polarityText: POLARITY_WORDS[def.polarity],
      trendChart: lineChart(trend), trendTable: lineChartTable(trend, 'Month'),
      benchmark, canDrill, drill, drillUrl: `${BASE}/kpis/${encodeURIComponent(def.id)}?${qs}&drill=1`, backUrl: `${BASE}?${qs}`,
      canEdit, targetAction: `${BASE}/kpis/${encodeURIComponent(def.id)}/target?${qs}`,
      targetValues: formValues ?? {
        target: row.target === null ? '' : String(row.target), tolerance: row.tolerance === null ? '' : String(row.tolerance),
        responsibleOfficer: row.responsibleOfficer ?? '', commentary: row.commentary ?? '',
      },
    }, formErrors || errors ? 400 : 200);
  }

  app.get<{ Params: { id: string }; Querystring: Query }>(`${BASE}/kpis/:id`, async (req, reply) => {
    const p = authorise(req.principal, 'performance.view');
    return kpiPage(req, reply, p);
  });

  app.post<{ Params: { id: string }; Querystring: Query }>(`${BASE}/kpis/:id/target`, async (req, reply) => {
    const p = authorise(req.principal, 'performance.edit-targets');
    if (!getKpi(req.params.id)) return reply.callNotFound();
    const input = { target: field(req.body, 'target'), tolerance: field(req.body, 'tolerance'), responsibleOfficer: field(req.body, 'responsibleOfficer'), commentary: field(req.body, 'commentary') };
    try {
      await saveTarget(db, auditCtx(req), req.params.id, input, ctx.clock.now());
    } catch (err) {
      if (err instanceof ValidationError) return kpiPage(req, reply, p, err.errors, input);
      throw err;
    }
    const { period } = periodFrom(req.query ?? {});
    return reply.redirect(`${BASE}/kpis/${encodeURIComponent(req.params.id)}?${periodQuery(period)}`, 303);
  });
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
