// Recomputes the derived columns of every case in an area by replaying its events: nightly (so an
// overdue step shows as overdue the morning it passes) and after the rules change (a new bank-holiday
// list, a corrected timescale), so the cached columns the trays sort on never drift from the fold.
// One area transaction: all the area's events in one ordered read, each case folded in memory, and
// only the rows whose columns changed written back, in batches of one JSON parameter each.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db-types.ts';
import { withArea } from '../../platform/db/database.ts';
import { audit } from '../../platform/audit/audit.ts';
import { fold } from './fold.ts';
import { cacheColumns, loadEventsByCase } from './repository.ts';

type Columns = ReturnType<typeof cacheColumns>;
const COLUMN_NAMES = ['stage', 'is_open', 'closed_on', 'next_due_on', 'next_due_key', 'next_due_label', 'overdue', 'plan_in_force', 'request_received_on', 'final_issued_on', 'event_count'] as const;

export interface RecomputeResult { cases: number; changed: number; events: number; rejected: number; ms: number }

/**
 * Which cases to replay. Open cases by default: they are the ones with deadlines, and their cached
 * columns move with the clock and the rules. A closed case's columns depend only on its own events
 * (its steps "no longer apply"), so `all` is needed only to repair a damaged cache.
 */
export type RecomputeScope = 'open' | 'all';

export async function recomputeArea(db: Kysely<DB>, areaId: string, today: Temporal.PlainDate, actorLabel = 'system:casework-recompute', scope: RecomputeScope = 'open'): Promise<RecomputeResult> {
  const started = performance.now();
  return withArea(db, areaId, async (trx) => {
    let casesQuery = trx.selectFrom('ehc_case').select(['id', ...COLUMN_NAMES]);
    if (scope === 'open') casesQuery = casesQuery.where('is_open', '=', true);
    const cached = await casesQuery.execute();
    const { byCase, eventCount } = await loadEventsByCase(trx, scope === 'open' ? 'open' : 'all');
    const changed: (Columns & { id: string })[] = [];
    let rejected = 0;
    for (const row of cached) {
      const records = byCase.get(row.id) ?? [];
      const s = fold(records, today, { timeline: false });
      if (s.rejected.length) rejected++; // stored events the current rules would refuse: kept, counted, never dropped
      const next = cacheColumns(s, records.length);
      if (COLUMN_NAMES.some((k) => (next[k] ?? null) !== (row[k] ?? null))) changed.push({ id: row.id, ...next });
    }
    for (let i = 0; i < changed.length; i += 2000) {
      const batch = changed.slice(i, i + 2000);
      await sql`
        update ehc_case k set stage = x.stage, is_open = x.is_open, closed_on = x.closed_on, next_due_on = x.next_due_on,
          next_due_key = x.next_due_key, next_due_label = x.next_due_label, overdue = x.overdue, plan_in_force = x.plan_in_force,
          request_received_on = x.request_received_on, final_issued_on = x.final_issued_on, event_count = x.event_count, updated_at = now()
        from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as x(id uuid, stage text, is_open boolean, closed_on date, next_due_on date,
          next_due_key text, next_due_label text, overdue boolean, plan_in_force boolean, request_received_on date, final_issued_on date, event_count int)
        where k.id = x.id`.execute(trx);
    }
    const result = { cases: cached.length, changed: changed.length, events: eventCount, rejected, ms: 0 };
    await audit(trx, { actorLabel, areaId }, { action: 'case.deadlines-recomputed', detail: { today: today.toString(), scope, cases: result.cases, changed: result.changed, rejected } });
    result.ms = Math.round(performance.now() - started);
    return result;
  });
}

/** The nightly job: every area with cases, one area transaction each. */
export async function recomputeAllAreas(db: Kysely<DB>, today: Temporal.PlainDate, scope: RecomputeScope = 'open'): Promise<Record<string, RecomputeResult>> {
  const areas = await db.selectFrom('area').select(['id', 'code']).orderBy('code').execute();
  const results: Record<string, RecomputeResult> = {};
  for (const a of areas) results[a.code] = await recomputeArea(db, a.id, today, undefined, scope);
  return results;
}
