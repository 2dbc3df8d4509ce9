// Month-end KPI snapshots (table kpi_snapshot, migration 0320). A completed month's figures are
// computed once, by the snapshot job, exactly as the scorecard computes that month as at its last day
// (`computeKpis(cases, { from: 1st, to: last day, asAt: last day })`), and kept; trend lines then read
// past months from the table and compute only the months without a snapshot (the current month, a
// month the job has not reached, a KPI added since) live.
//
// Writing is idempotent: a month that already has a snapshot is left as it was (insert … on conflict
// do nothing), so the job can run any number of times and concurrent runs cannot disagree.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db-types.ts';
import { asSystem, withArea, type Executor } from '../../../platform/db/database.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { monthBounds } from '../kpis/arith.ts';
import { computeKpis, kpiIds, type KpiCase, type KpiContext } from '../kpis/index.ts';
import type { KpiCaseCache } from './case-cache.ts';
import { readKpiCases } from './from-casework.ts';

/** How many completed months the job keeps filled. */
export const SNAPSHOT_MONTHS = 24;

export interface MonthValue { value: number | null; numerator: number | null; denominator: number | null }
/** month 'YYYY-MM' → KPI id → figures. */
export type MonthValues = Map<string, Map<string, MonthValue>>;

/** The `n` months before the month of `today`, oldest first: the months that have ended. */
export function completedMonths(today: Temporal.PlainDate, n = SNAPSHOT_MONTHS): string[] {
  const current = today.toPlainYearMonth();
  return Array.from({ length: n }, (_, i) => current.subtract({ months: n - i }).toString());
}

/** A month as a KPI period: 1st to last day, as at the last day, or today while the month is running. */
export function monthContext(month: string, today: Temporal.PlainDate): KpiContext {
  const { from, to } = monthBounds(month);
  const asAt = to > today.toString() ? today.toString() : to;
  return { from, to, asAt };
}

/** Pure: every KPI (or `ids`) for one month, as snapshot figures. */
export function monthFigures(cases: readonly KpiCase[], month: string, today: Temporal.PlainDate, ids?: readonly string[]): Map<string, MonthValue> {
  return new Map(computeKpis(cases, monthContext(month, today), ids).map((r) => [r.id, { value: r.value, numerator: r.numerator ?? null, denominator: r.denominator ?? null }]));
}

/**
 * Pure: the figures for each month, from `stored` snapshots where a month has one for every KPI
 * asked for, computed from `cases` otherwise. Months that have not ended are always computed. With
 * `kept` (the cache's computed months for these same cases and today), figures computed before are
 * reused and new ones added to it.
 */
export function monthlyValues(cases: readonly KpiCase[], months: readonly string[], stored: MonthValues, today: Temporal.PlainDate, ids: readonly string[] = kpiIds(), kept?: MonthValues): MonthValues {
  const out: MonthValues = new Map();
  const thisMonth = today.toPlainYearMonth().toString();
  for (const month of months) {
    const snap = stored.get(month);
    if (month < thisMonth && snap && ids.every((id) => snap.has(id))) { out.set(month, snap); continue; }
    if (!kept) { out.set(month, monthFigures(cases, month, today, ids)); continue; }
    let have = kept.get(month);
    if (!have) kept.set(month, (have = new Map()));
    const missing = ids.filter((id) => !have.has(id));
    if (missing.length) for (const [id, f] of monthFigures(cases, month, today, missing)) have.set(id, f);
    out.set(month, new Map(ids.map((id) => [id, have.get(id)!])));
  }
  return out;
}

/** The stored snapshots for these months (area transaction). */
export async function readSnapshots(trx: Executor, months: readonly string[], ids?: readonly string[]): Promise<MonthValues> {
  const out: MonthValues = new Map();
  if (months.length === 0) return out;
  let q = trx.selectFrom('kpi_snapshot').select(['month_end', 'kpi_id', 'value', 'numerator', 'denominator'])
    .where('month_end', 'in', months.map((m) => monthBounds(m).to));
  if (ids) q = q.where('kpi_id', 'in', ids.length ? [...ids] : ['']);
  for (const r of await q.execute()) {
    const month = r.month_end.slice(0, 7);
    let m = out.get(month);
    if (!m) out.set(month, (m = new Map()));
    m.set(r.kpi_id, { value: r.value, numerator: r.numerator, denominator: r.denominator });
  }
  return out;
}

/** Months (of those given) that have no snapshot for some KPI in the catalogue. */
export async function missingMonths(trx: Executor, months: readonly string[]): Promise<string[]> {
  const stored = await readSnapshots(trx, months);
  const ids = kpiIds();
  return months.filter((m) => !ids.every((id) => stored.get(m)?.has(id)));
}

/** Computes and stores the snapshot of each month given (kept as it was where one exists). */
export async function writeSnapshots(trx: Executor, areaId: string, cases: readonly KpiCase[], months: readonly string[]): Promise<void> {
  for (const month of months) {
    const { to } = monthBounds(month);
    // The month has ended, so "today" plays no part: asAt is its last day.
    const figures = monthFigures(cases, month, Temporal.PlainDate.from(to).add({ days: 1 }));
    await trx.insertInto('kpi_snapshot')
      .values([...figures].map(([kpiId, f]) => ({ area_id: areaId, month_end: to, kpi_id: kpiId, value: f.value, numerator: f.numerator, denominator: f.denominator })))
      .onConflict((oc) => oc.columns(['area_id', 'month_end', 'kpi_id']).doNothing())
      .execute();
  }
}

/**
 * Fills the area's missing month-end snapshots for the SNAPSHOT_MONTHS months before today's month,
 * in one area transaction. Returns the months written (none when all were there).
 */
export async function backfillSnapshots(db: Kysely<DB>, areaId: string, today: Temporal.PlainDate, cache?: KpiCaseCache): Promise<string[]> {
  return withArea(db, areaId, async (trx) => {
    const missing = await missingMonths(trx, completedMonths(today));
    if (missing.length === 0) return [];
    // The same cases, folded as at today, that the scorecard reads for any period (and the cache's
    // entry stays valid: writing snapshots changes no data version).
    const cases = cache ? await cache.get(trx, areaId, today) : await readKpiCases(trx, today);
    await writeSnapshots(trx, areaId, cases, missing);
    await audit(trx, { actorLabel: 'system:kpi-snapshots', areaId }, { action: 'performance.snapshots-written', entityType: 'kpi_snapshot', detail: { months: missing } });
    return missing;
  });
}

/** The job: every area's missing snapshots. */
export async function snapshotEveryArea(db: Kysely<DB>, today: Temporal.PlainDate, cache?: KpiCaseCache): Promise<Map<string, string[]>> {
  const areas = await asSystem(db, (trx) => trx.selectFrom('area').select('id').orderBy('id').execute());
  const written = new Map<string, string[]>();
  for (const a of areas) written.set(a.id, await backfillSnapshots(db, a.id, today, cache));
  return written;
}
