// The scorecard: every KPI for an area over a period, against its targets, with direction of travel
// against the previous period of equal length. Reads run in the area's transaction (row-level
// security); changing a target writes an audit row in the same transaction.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db-types.ts';
import { withArea, type Executor } from '../../../platform/db/database.ts';
import { audit, type AuditContext } from '../../../platform/audit/audit.ts';
import { ValidationError, type FieldError } from '../../../platform/http/errors.ts';
import { computeKpis, direction, getKpi, kpiIds, rag, type KpiCase, type KpiPolarity, type KpiResult, type KpiUnit, type Rag, type Direction } from '../kpis/index.ts';
import { readKpiCases } from './from-casework.ts';
import type { KpiCaseCache } from './case-cache.ts';
import { monthlyValues, readSnapshots, type MonthValues } from './snapshots.ts';

export interface Period { from: string; to: string; asAt: string }

export interface TargetRow { kpiId: string; target: number; tolerance: number; responsibleOfficer: string; commentary: string; updatedAt: Date | null }

export interface ScorecardRow {
  id: string;
  name: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  unit: KpiUnit;
  polarity: KpiPolarity;
  target: number | null;
  rag: Rag | null;
  direction: Direction | null;
  previous: number | null;
  tolerance: number | null;
  responsibleOfficer: string | null;
  commentary: string | null;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

const NUMBER = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const PERCENT = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A KPI figure in words for pages and papers: "46.4%", "24.6 weeks", "1,234"; null is "No data". */
export function formatValue(v: number | null | undefined, unit: KpiUnit): string {
  if (v === null || v === undefined) return 'No data';
  switch (unit) {
    case 'percent': return `${PERCENT.format(v)}%`;
    case 'weeks': return `${NUMBER.format(v)} weeks`;
    case 'days': return `${NUMBER.format(v)} days`;
    default: return NUMBER.format(v);
  }
}

function parseDate(s: string | undefined, field: string, errors: FieldError[]): Temporal.PlainDate | undefined {
  if (s === undefined || s === '') return undefined;
  if (!ISO.test(s)) { errors.push({ field, message: `${field} must be a date in the form YYYY-MM-DD` }); return undefined; }
  try { return Temporal.PlainDate.from(s, { overflow: 'reject' }); } catch { errors.push({ field, message: `${field} must be a real date` }); return undefined; }
}

/**
 * The period asked for: `from`/`to` (both inclusive), or `asAt` alone (the 12 months to it), or by
 * default the 12 months to today. The data is as at `asAt` when given, else the end of the period
 * (or today, if the period ends later).
 */
export function resolvePeriod(q: { from?: string | undefined; to?: string | undefined; asAt?: string | undefined }, today: Temporal.PlainDate): Period {
  const errors: FieldError[] = [];
  const from = parseDate(q.from, 'from', errors);
  const to = parseDate(q.to, 'to', errors);
  const asAt = parseDate(q.asAt, 'asAt', errors);
  if (errors.length) throw new ValidationError(errors);
  const end = to ?? asAt ?? (from ? undefined : today);
  if (from && !end) throw new ValidationError([{ field: 'to', message: 'Enter the end of the period (to) as well as its start' }]);
  const last = end!;
  const first = from ?? last.subtract({ months: 12 }).add({ days: 1 });
  if (Temporal.PlainDate.compare(first, last) > 0) throw new ValidationError([{ field: 'from', message: 'The start of the period (from) must be on or before its end (to)' }]);
  const at = asAt ?? (Temporal.PlainDate.compare(last, today) > 0 ? today : last);
  return { from: first.toString(), to: last.toString(), asAt: at.toString() };
}

/** The period of equal length just before (in months when whole months, else days): ends the day before `from`, as at its own last day. */
export function previousPeriod(p: Period): Period {
  const from = Temporal.PlainDate.from(p.from);
  const end = Temporal.PlainDate.from(p.to);
  const to = from.subtract({ days: 1 });
  // A whole number of months (a year, a quarter, the 12 months to a day) steps back by months.
  const span = from.until(end.add({ days: 1 }), { largestUnit: 'months' });
  if (span.days === 0 && span.months > 0) return { from: from.subtract({ months: span.months }).toString(), to: to.toString(), asAt: to.toString() };
  const days = from.until(end).days;
  return { from: to.subtract({ days }).toString(), to: to.toString(), asAt: to.toString() };
}

export async function readTargets(trx: Executor): Promise<Map<string, TargetRow>> {
  const rows = await trx.selectFrom('kpi_target').selectAll().execute();
  return new Map(rows.map((r) => [r.kpi_id, {
    kpiId: r.kpi_id, target: Number(r.target), tolerance: Number(r.tolerance), responsibleOfficer: r.responsible_officer, commentary: r.commentary, updatedAt: r.updated_at,
  }]));
}

/** Pure: the scorecard rows from this period's and the previous period's results and the targets. */
export function scorecardRows(current: readonly KpiResult[], previous: readonly KpiResult[], targets: ReadonlyMap<string, TargetRow>): ScorecardRow[] {
  const prev = new Map(previous.map((r) => [r.id, r.value]));
  return current.map((r) => {
    const t = targets.get(r.id);
    const before = prev.get(r.id) ?? null;
    return {
      id: r.id, name: r.name, value: r.value, numerator: r.numerator ?? null, denominator: r.denominator ?? null,
      unit: r.unit, polarity: r.polarity,
      target: t?.target ?? null,
      rag: t ? rag(r.value, r.polarity, t.target, t.tolerance) : null,
      direction: direction(r.value, before, r.polarity),
      previous: before,
      tolerance: t?.tolerance ?? null,
      responsibleOfficer: t?.responsibleOfficer ?? null,
      commentary: t?.commentary ?? null,
    };
  });
}

export interface Scorecard {
  period: Period;
  previous: Period;
  /** One per KPI asked for (every KPI unless `ids` was given), in catalogue order. */
  rows: ScorecardRow[];
  cases: KpiCase[];
  /** Figures only when read through the cache (case ids are left out; compute one KPI for a drill-down). */
  results: KpiResult[];
  /** The 12 months ending with the period's last month: month-end snapshots where kept, else live. */
  trend: { months: string[]; values: MonthValues };
}

/**
 * Everything for the scorecard (or, with `ids`, for those KPIs only: a KPI page), read in one area
 * transaction. With `cache`, the cases and every figure computed live come from it (kept per area data
 * version: recomputed only when the casework has changed); past months of the trend come from the
 * snapshots; targets and snapshots are read every time.
 */
export async function loadScorecard(db: Kysely<DB>, areaId: string, period: Period, today: Temporal.PlainDate, cache?: KpiCaseCache, ids?: readonly string[]): Promise<Scorecard> {
  const months = monthsEnding(period.to);
  const which = ids ?? kpiIds();
  const { entry, cases, targets, stored } = await withArea(db, areaId, async (trx) => {
    const e = cache ? await cache.entry(trx, areaId, today) : undefined;
    return {
      entry: e,
      cases: e ? e.cases : await readKpiCases(trx, today),
      targets: await readTargets(trx),
      stored: await readSnapshots(trx, months, ids),
    };
  });
  const previous = previousPeriod(period);
  const compute = (p: Period) => (entry ? entry.results(p, which) : computeKpis(cases, p, which));
  const results = compute(period);
  const rows = scorecardRows(results, compute(previous), targets);
  return { period, previous, rows, cases, results, trend: { months, values: monthlyValues(cases, months, stored, today, which, entry?.months) } };
}

export interface TargetInput { target: string; tolerance: string; responsibleOfficer: string; commentary: string }

export function validateTarget(kpiId: string, input: TargetInput): { target: number; tolerance: number; responsibleOfficer: string; commentary: string } {
  const errors: FieldError[] = [];
  const def = getKpi(kpiId);
  if (!def) throw new ValidationError([{ field: 'kpiId', message: 'Unknown KPI' }]);
  const num = (s: string, field: string, label: string, min?: number): number => {
    const t = s.trim();
    if (!/^-?\d+(\.\d+)?$/.test(t)) { errors.push({ field, message: `Enter the ${label} as a number, like 60 or 12.5` }); return NaN; }
    const n = Number(t);
    if (min !== undefined && n < min) errors.push({ field, message: `The ${label} must be ${min} or more` });
    if (def.unit === 'percent' && n > 100) errors.push({ field, message: `The ${label} must be 100 or less` });
    return n;
  };
  const target = num(input.target, 'target', 'target', def.unit === 'percent' || def.unit === 'count' ? 0 : undefined);
  const tolerance = input.tolerance.trim() === '' ? 0 : num(input.tolerance, 'tolerance', 'tolerance', 0);
  if (input.responsibleOfficer.length > 200) errors.push({ field: 'responsibleOfficer', message: 'Responsible officer must be 200 characters or fewer' });
  if (input.commentary.length > 4000) errors.push({ field: 'commentary', message: 'Commentary must be 4,000 characters or fewer' });
  if (errors.length) throw new ValidationError(errors);
  return { target, tolerance, responsibleOfficer: input.responsibleOfficer.trim(), commentary: input.commentary.trim() };
}

/** Sets (or replaces) the area's target for a KPI, with its audit row. */
export async function saveTarget(db: Kysely<DB>, ctx: AuditContext & { principal: { areaId: string; userId: string } }, kpiId: string, input: TargetInput, now: Date): Promise<void> {
  const v = validateTarget(kpiId, input);
  await withArea(db, ctx.principal.areaId, async (trx) => {
    await trx.insertInto('kpi_target').values({
      area_id: ctx.principal.areaId, kpi_id: kpiId, target: v.target, tolerance: v.tolerance,
      responsible_officer: v.responsibleOfficer, commentary: v.commentary, updated_by: ctx.principal.userId, updated_at: now,
    }).onConflict((oc) => oc.columns(['area_id', 'kpi_id']).doUpdateSet({
      target: v.target, tolerance: v.tolerance, responsible_officer: v.responsibleOfficer, commentary: v.commentary, updated_by: ctx.principal.userId, updated_at: now,
    })).execute();
    await audit(trx, ctx, { action: 'performance.target-set', entityType: 'kpi_target', entityId: kpiId, detail: { kpiId, target: v.target, tolerance: v.tolerance } });
  });
}

/** Records that someone viewed the case ids behind a KPI (a read of children's records). */
export async function auditDrillDown(db: Kysely<DB>, ctx: AuditContext & { principal: { areaId: string } }, kpiId: string, period: Period, caseIds: readonly string[]): Promise<void> {
  await withArea(db, ctx.principal.areaId, (trx) => audit(trx, ctx, {
    action: 'performance.drill-down', entityType: 'kpi', entityId: kpiId,
    detail: { kpiId, from: period.from, to: period.to, asAt: period.asAt, caseCount: caseIds.length, caseIds: caseIds.slice(0, 500) },
  }));
}

/** The last `n` months ending with the month of `to`, as 'YYYY-MM'. */
export function monthsEnding(to: string, n = 12): string[] {
  const end = Temporal.PlainYearMonth.from(to.slice(0, 7));
  return Array.from({ length: n }, (_, i) => end.subtract({ months: n - 1 - i }).toString());
}
