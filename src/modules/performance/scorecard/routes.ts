// The KPI scorecard: the area's KPIs over a period against its targets.
//
//   GET  /api/v1/kpis?from=&to=   (or ?asAt=; default the 12 months to today; &by=team|setting)   performance.view
//   GET  /performance             the scorecard with 12-month sparklines, the exception report; ?format=csv|xlsx
//   GET  /performance/exceptions  the exception report as ?format=csv|xlsx
//   GET  /performance/kpis/:id    a KPI: definition, 12-month trend, breakdown (?by=team|setting), benchmark, drill-down (?drill=1)
//   GET  /performance/kpis/:id/breakdown?by=team|setting&format=csv|xlsx
//   GET  /performance/kpis/:id/cases?format=csv|xlsx     the drill-down, audited      performance.drill-down
//   POST /performance/kpis/:id/target                                           performance.edit-targets
//
// The folded cases and the figures computed from them are cached per area and data version
// (case-cache.ts; the version is bumped by database triggers when the casework changes) and past
// months come from the month-end snapshots (snapshots.ts, written by the KPI_SNAPSHOT_QUEUE job), so
// a warm page reads the version, the targets and the snapshots, and computes nothing it has before.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorise, can, type Principal } from '../../../platform/auth/policy.ts';
import { ValidationError, type FieldError } from '../../../platform/http/errors.ts';
import { toCsv } from '../../../platform/http/csv.ts';
import { field } from '../../../platform/forms/forms.ts';
import { lineChart, lineChartTable, sparkline, type LineChartOptions } from '../../../platform/charts/index.ts';
import { sendXlsx, xlsxDate, xlsxPercent, type XlsxCell } from '../../../platform/http/xlsx.ts';
import { DIRECTION_WORDS, RAG_WORDS, computeBreakdowns, computeKpi, directionWords, getKpi, type BreakdownRow, type KpiCase, type KpiUnit } from '../kpis/index.ts';
import { getMeasure, periodLabel } from '../benchmarks/measures.ts';
import { BenchmarkReader } from '../benchmarks/service.ts';
import { benchmarkLaFor } from '../benchmarks/routes.ts';
import { auditDrillDown, formatValue, loadScorecard, resolvePeriod, saveTarget, type Period, type Scorecard, type ScorecardRow } from './service.ts';
import { KpiCaseCache } from './case-cache.ts';
import { snapshotEveryArea } from './snapshots.ts';
import { KPI_SNAPSHOT_CRON, KPI_SNAPSHOT_QUEUE } from './queue.ts';

const V = 'modules/performance/scorecard/views';
const BASE = '/performance';

export { formatValue };

const RAG_TAG = { green: 'govuk-tag--green', amber: 'govuk-tag--yellow', red: 'govuk-tag--red' } as const;

function ragTag(r: ScorecardRow) {
  if (r.rag === null) return { text: r.target === null ? 'No target' : 'Not rated', classes: 'govuk-tag--grey' };
  return { text: RAG_WORDS[r.rag], classes: RAG_TAG[r.rag] };
}

const POLARITY_WORDS = { higher: 'Higher is better', lower: 'Lower is better', neutral: 'Neither higher nor lower is better (context)' } as const;

type Query = { from?: string; to?: string; asAt?: string; format?: string; drill?: string; by?: string };

const BREAKDOWNS = { team: 'Team', setting: 'Setting' } as const;
type By = keyof typeof BREAKDOWNS;
const byFrom = (v: string | undefined): By | undefined => (v === 'team' || v === 'setting' ? v : undefined);

const monthLabel = (month: string) => Temporal.PlainYearMonth.from(month).toLocaleString('en-GB', { month: 'short', year: 'numeric', calendar: 'iso8601' });

/** A KPI figure as a spreadsheet cell: percentages with a % format, other units as numbers. */
const figure = (v: number | null | undefined, unit: KpiUnit): XlsxCell => (unit === 'percent' ? xlsxPercent(v) : (v ?? null));

function ragWords(r: ScorecardRow): string {
  return r.rag === null ? (r.target === null ? 'No target' : 'Not rated') : RAG_WORDS[r.rag];
}
const first = (v: unknown): string | undefined => (Array.isArray(v) ? first(v[0]) : typeof v === 'string' && v !== '' ? v : undefined);

export function registerScorecard(app: FastifyInstance): void {
  const { ctx } = app;
  const db = ctx.database.db;
  const reader = new BenchmarkReader(db);
  const cache = new KpiCaseCache();
  const load = (areaId: string, period: Period, ids?: readonly string[]) => loadScorecard(db, areaId, period, ctx.clock.today(), cache, ids);

  ctx.jobDefinitions.push({
    name: KPI_SNAPSHOT_QUEUE, cron: KPI_SNAPSHOT_CRON, retryLimit: 3, retryDelaySeconds: 600, runOnStart: true,
    handler: async () => { await snapshotEveryArea(db, ctx.clock.today(), cache); },
  });
  const auditCtx = (req: FastifyRequest) => ({ principal: req.principal!, ip: req.ip, requestId: req.id });

  ctx.navItems.push({ href: BASE, text: 'Performance', permission: 'performance.view', order: 50 });

  ctx.api.add({
    method: 'GET', path: '/api/v1/kpis', tag: 'Performance', auth: 'performance.view',
    summary: 'Every KPI for your area over a period, with target, RAG rating and direction of travel',
    query: z.object({
      from: z.string().optional().describe('First day of the period, YYYY-MM-DD (with to)'),
      to: z.string().optional().describe('Last day of the period, YYYY-MM-DD'),
      asAt: z.string().optional().describe('The day the data is as at; alone, the period is the 12 months to it'),
      by: z.enum(['team', 'setting']).optional().describe('Adds each KPI broken down by team (the LA team of the assigned caseworker) or by setting (the setting named in the plan in force: URN, or name when no URN)'),
    }),
    response: z.array(z.object({
      id: z.string(), name: z.string(), value: z.number().nullable(), numerator: z.number().nullable(), denominator: z.number().nullable(),
      unit: z.string(), polarity: z.string(), target: z.number().nullable(), rag: z.enum(['green', 'amber', 'red']).nullable(),
      direction: z.enum(['improving', 'worsening', 'no-change']).nullable(),
      breakdown: z.array(z.object({ key: z.string(), label: z.string(), value: z.number().nullable(), numerator: z.number().nullable(), denominator: z.number().nullable() })).optional()
        .describe('With ?by=: one row per team or setting, then "not-recorded"'),
    })),
    handler: async ({ principal, query }) => {
      const period = resolvePeriod(query, ctx.clock.today());
      const s = await load(principal.areaId, period);
      const breakdowns = query.by ? computeBreakdowns(s.cases, period, query.by) : undefined;
      return s.rows.map((r) => ({
        id: r.id, name: r.name, value: r.value, numerator: r.numerator, denominator: r.denominator,
        unit: r.unit, polarity: r.polarity, target: r.target, rag: r.rag, direction: r.direction,
        ...(breakdowns ? { breakdown: (breakdowns.get(r.id) ?? []).map((b) => ({ key: b.key, label: b.label, value: b.result.value, numerator: b.result.numerator ?? null, denominator: b.result.denominator ?? null })) } : {}),
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

  const SCORECARD_HEADER = ['kpi_id', 'kpi', 'value', 'numerator', 'denominator', 'unit', 'polarity', 'target', 'tolerance', 'rag', 'previous_value', 'direction', 'responsible_officer', 'commentary'];
  const EXCEPTION_HEADER = ['kpi_id', 'kpi', 'value', 'target', 'tolerance', 'unit', 'rag', 'direction', 'responsible_officer', 'commentary'];
  const periodNote = (p: Principal, s: Scorecard) => `${p.areaName} KPI scorecard, ${s.period.from} to ${s.period.to}, as at ${s.period.asAt}. Direction compares with ${s.previous.from} to ${s.previous.to}.`;
  const reds = (s: Scorecard) => s.rows.filter((r) => r.rag === 'red');
  const exceptionCells = (r: ScorecardRow): XlsxCell[] => [r.id, r.name, figure(r.value, r.unit), figure(r.target, r.unit), figure(r.tolerance, r.unit), r.unit, ragWords(r), directionWords(r.value, r.previous, r.polarity, r.unit), r.responsibleOfficer, r.commentary];
  const exceptionsSheet = (p: Principal, s: Scorecard) => ({
    name: 'Exception report', notes: [`KPIs rated “Below target”. ${periodNote(p, s)}`],
    columns: EXCEPTION_HEADER.map((header) => ({ header, width: header === 'kpi' || header === 'commentary' ? 48 : 14 })),
    rows: reds(s).map(exceptionCells),
  });

  app.get<{ Querystring: Query }>(BASE, async (req, reply) => {
    const p = authorise(req.principal, 'performance.view');
    const q = req.query ?? {};
    const { period, errors } = periodFrom(q);
    const s = await load(p.areaId, period);
    const format = first(q.format);
    if (format === 'csv' && !errors) {
      const csv = toCsv(
        SCORECARD_HEADER,
        [...s.rows.map((r) => [r.id, r.name, r.value, r.numerator, r.denominator, r.unit, r.polarity, r.target, r.tolerance, r.rag === null ? '' : RAG_WORDS[r.rag], r.previous, r.direction === null ? '' : DIRECTION_WORDS[r.direction], r.responsibleOfficer, r.commentary]),
          [], [periodNote(p, s)]],
      );
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="kpi-scorecard-${period.from}-to-${period.to}.csv"`).send(csv);
    }
    if (format === 'xlsx' && !errors) {
      return sendXlsx(reply, `kpi-scorecard-${period.from}-to-${period.to}`, [{
        name: 'Scorecard', notes: [periodNote(p, s), 'Percentages are stored as numbers formatted as %; an empty cell means no data.'],
        columns: SCORECARD_HEADER.map((header) => ({ header, width: header === 'kpi' || header === 'commentary' ? 48 : 14 })),
        rows: s.rows.map((r) => [r.id, r.name, figure(r.value, r.unit), r.numerator, r.denominator, r.unit, r.polarity, figure(r.target, r.unit), figure(r.tolerance, r.unit),
          r.rag === null ? null : RAG_WORDS[r.rag], figure(r.previous, r.unit), r.direction === null ? null : DIRECTION_WORDS[r.direction], r.responsibleOfficer, r.commentary]),
      }, exceptionsSheet(p, s)]);
    }
    const qs = periodQuery(period);
    const monthNames = s.trend.months.map(monthLabel);
    const table = {
      caption: `KPIs, ${period.from} to ${period.to}`, captionClasses: 'govuk-table__caption--m', firstCellIsHeader: true,
      head: [{ text: 'KPI' }, { text: 'Value', format: 'numeric' }, { text: 'Target', format: 'numeric' }, { text: 'Rating' }, { text: 'Direction of travel' }, { text: 'Last 12 months' }],
      rows: s.rows.map((r, i) => [
        { html: `<a class="govuk-link" href="${BASE}/kpis/${encodeURIComponent(r.id)}?${qs}">${escapeHtml(r.name)}</a>` },
        { text: formatValue(r.value, r.unit), format: 'numeric' },
        { text: r.target === null ? 'None set' : formatValue(r.target, r.unit), format: 'numeric' },
        { html: `<strong class="govuk-tag ${ragTag(r).classes}">${escapeHtml(ragTag(r).text)}</strong>` },
        { text: directionWords(r.value, r.previous, r.polarity, r.unit) },
        { html: sparkline({
          values: s.trend.months.map((m) => s.trend.values.get(m)?.get(r.id)?.value ?? null), labels: monthNames,
          format: (v) => formatValue(v, r.unit), title: `${r.name}, month by month`, idPrefix: `spark-${i}`,
        }) },
      ]),
    };
    const exceptions = reds(s).map((r) => ({
      ...r, href: `${BASE}/kpis/${encodeURIComponent(r.id)}?${qs}`, valueText: formatValue(r.value, r.unit), targetText: formatValue(r.target, r.unit),
    }));
    return reply.page(`${V}/index.njk`, {
      title: 'Performance scorecard', period, previous: s.previous, table, exceptions, errors,
      values: { from: first(q.from) ?? period.from, to: first(q.to) ?? period.to },
      csvUrl: `${BASE}?${qs}&format=csv`, xlsxUrl: `${BASE}?${qs}&format=xlsx`,
      exceptionsCsvUrl: `${BASE}/exceptions?${qs}&format=csv`, exceptionsXlsxUrl: `${BASE}/exceptions?${qs}&format=xlsx`,
    }, errors ? 400 : 200);
  });

  app.get<{ Querystring: Query }>(`${BASE}/exceptions`, async (req, reply) => {
    const p = authorise(req.principal, 'performance.view');
    const q = req.query ?? {};
    const { period, errors } = periodFrom(q);
    const format = first(q.format);
    if (errors) throw new ValidationError(errors);
    if (format !== 'csv' && format !== 'xlsx') throw new ValidationError([{ field: 'format', message: 'Choose csv or xlsx' }]);
    const s = await load(p.areaId, period);
    const file = `kpi-exceptions-${period.from}-to-${period.to}`;
    if (format === 'xlsx') return sendXlsx(reply, file, [exceptionsSheet(p, s)]);
    const csv = toCsv(EXCEPTION_HEADER, [...reds(s).map((r) => [r.id, r.name, r.value, r.target, r.tolerance, r.unit, ragWords(r), directionWords(r.value, r.previous, r.polarity, r.unit), r.responsibleOfficer, r.commentary]), [], [periodNote(p, s)]]);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}.csv"`).send(csv);
  });

  async function kpiPage(req: FastifyRequest<{ Params: { id: string }; Querystring: Query }>, reply: FastifyReply, p: Principal, formErrors?: FieldError[], formValues?: Record<string, string>) {
    const def = getKpi(req.params.id);
    if (!def) return reply.callNotFound();
    const q = req.query ?? {};
    const { period, errors } = periodFrom(q);
    // This KPI only: its figures, previous period and trend (the cache keeps them for next time).
    const s = await load(p.areaId, period, [def.id]);
    const row = s.rows.find((r) => r.id === def.id)!;
    const fmt = (v: number) => formatValue(v, def.unit);

    // Past months from the month-end snapshots; only the running month is computed now.
    const trend: LineChartOptions = {
      title: `${def.name}: month by month`, idPrefix: 'kpi-trend', format: fmt, unit: def.unit === 'percent' ? 'percent' : 'number',
      ...(def.unit === 'percent' ? { domain: [0, 100] as const } : {}),
      categories: s.trend.months.map(monthLabel),
      series: [{ name: p.areaName, values: s.trend.months.map((m) => s.trend.values.get(m)?.get(def.id)?.value ?? null), highlight: true }],
    };

    const by = byFrom(first(q.by)) ?? 'team';
    const groups = computeBreakdowns(s.cases, period, by, [def.id]).get(def.id) ?? [];
    const qsBy = `${periodQuery(period)}&by=${by}`;
    const breakdown = {
      by, byLabel: BREAKDOWNS[by],
      links: (Object.keys(BREAKDOWNS) as By[]).map((k) => ({ key: k, text: BREAKDOWNS[k], href: `${BASE}/kpis/${encodeURIComponent(def.id)}?${periodQuery(period)}&by=${k}#breakdown`, current: k === by })),
      csvUrl: `${BASE}/kpis/${encodeURIComponent(def.id)}/breakdown?${qsBy}&format=csv`,
      xlsxUrl: `${BASE}/kpis/${encodeURIComponent(def.id)}/breakdown?${qsBy}&format=xlsx`,
      table: {
        caption: `${def.name} by ${BREAKDOWNS[by].toLowerCase()}, ${period.from} to ${period.to}`, captionClasses: 'govuk-table__caption--m', firstCellIsHeader: true,
        head: [{ text: BREAKDOWNS[by] }, { text: 'Value', format: 'numeric' }, { text: 'Numerator', format: 'numeric' }, { text: 'Denominator', format: 'numeric' }],
        rows: groups.map((g) => [
          { text: g.label }, { text: formatValue(g.result.value, def.unit), format: 'numeric' },
          { text: g.result.numerator === undefined ? 'Not applicable' : String(g.result.numerator), format: 'numeric' },
          { text: g.result.denominator === undefined ? 'Not applicable' : String(g.result.denominator), format: 'numeric' },
        ]),
      },
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
      drillCsvUrl: `${BASE}/kpis/${encodeURIComponent(def.id)}/cases?${qs}&format=csv`, drillXlsxUrl: `${BASE}/kpis/${encodeURIComponent(def.id)}/cases?${qs}&format=xlsx`,
      breakdown,
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

  /** A download's KPI, period and format, or a ValidationError naming the bad field. */
  function exportRequest(req: FastifyRequest<{ Params: { id: string }; Querystring: Query }>) {
    const def = getKpi(req.params.id);
    const q = req.query ?? {};
    const { period, errors } = periodFrom(q);
    const format = first(q.format);
    const all = [...(errors ?? [])];
    if (format !== 'csv' && format !== 'xlsx') all.push({ field: 'format', message: 'Choose csv or xlsx' });
    if (all.length) throw new ValidationError(all);
    return { def, period, format: format as 'csv' | 'xlsx', q };
  }

  const BREAKDOWN_HEADER = (by: By) => [by, `${by}_key`, 'value', 'numerator', 'denominator', 'unit'];
  app.get<{ Params: { id: string }; Querystring: Query }>(`${BASE}/kpis/:id/breakdown`, async (req, reply) => {
    const p = authorise(req.principal, 'performance.view');
    const { def, period, format, q } = exportRequest(req);
    if (!def) return reply.callNotFound();
    const by = byFrom(first(q.by));
    if (!by) throw new ValidationError([{ field: 'by', message: 'Choose a breakdown: team or setting' }]);
    const s = await load(p.areaId, period, [def.id]);
    const groups: BreakdownRow[] = computeBreakdowns(s.cases, period, by, [def.id]).get(def.id) ?? [];
    const note = `${def.name} by ${BREAKDOWNS[by].toLowerCase()}, ${p.areaName}, ${period.from} to ${period.to}, as at ${period.asAt}.`;
    const file = `kpi-${def.id}-by-${by}-${period.from}-to-${period.to}`;
    if (format === 'xlsx') {
      return sendXlsx(reply, file, [{
        name: `By ${by}`, notes: [note], columns: BREAKDOWN_HEADER(by).map((header, i) => ({ header, width: i === 0 ? 44 : 14 })),
        rows: groups.map((g) => [g.label, g.key, figure(g.result.value, def.unit), g.result.numerator ?? null, g.result.denominator ?? null, def.unit]),
      }]);
    }
    const csv = toCsv(BREAKDOWN_HEADER(by), [...groups.map((g) => [g.label, g.key, g.result.value, g.result.numerator, g.result.denominator, def.unit]), [], [note]]);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}.csv"`).send(csv);
  });

  const DRILL_HEADER = ['case_id', 'in_numerator', 'in_denominator', 'request_received_on', 'final_plan_issued_on'];
  app.get<{ Params: { id: string }; Querystring: Query }>(`${BASE}/kpis/:id/cases`, async (req, reply) => {
    const p = authorise(req.principal, 'performance.drill-down');
    const { def, period, format } = exportRequest(req);
    if (!def) return reply.callNotFound();
    const s = await load(p.areaId, period, [def.id]);
    const result = computeKpi(def.id, s.cases, period);
    const inNum = new Set(result.caseIds.numerator);
    const inDen = new Set(result.caseIds.denominator);
    const ids = [...new Set([...result.caseIds.denominator, ...result.caseIds.numerator])];
    await auditDrillDown(db, auditCtx(req), def.id, period, ids);
    const byId = new Map<string, KpiCase>(s.cases.map((c) => [c.caseId, c]));
    const note = `Cases behind ${def.name}, ${p.areaName}, ${period.from} to ${period.to}, as at ${period.asAt}. Case identifiers only; open a case in Joined Up to see the child's record.`;
    const file = `kpi-${def.id}-cases-${period.from}-to-${period.to}`;
    const yes = (b: boolean) => (b ? 'yes' : 'no');
    if (format === 'xlsx') {
      return sendXlsx(reply, file, [{
        name: 'Cases', notes: [note], columns: DRILL_HEADER.map((header, i) => ({ header, width: i === 0 ? 40 : 20 })),
        rows: ids.map((id) => [id, yes(inNum.has(id)), yes(inDen.has(id)), xlsxDate(byId.get(id)?.requestReceivedOn), xlsxDate(byId.get(id)?.finalIssuedOn)]),
      }]);
    }
    const csv = toCsv(DRILL_HEADER, [...ids.map((id) => [id, yes(inNum.has(id)), yes(inDen.has(id)), byId.get(id)?.requestReceivedOn, byId.get(id)?.finalIssuedOn]), [], [note]]);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}.csv"`).send(csv);
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
