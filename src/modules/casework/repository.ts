// Casework queries (Kysely only). Every function takes the executor it runs on: an area transaction
// from `withArea`, so row-level security applies whatever the query says.
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { CaseEventRecord, CaseSummary } from './fold.ts';
import type { EventType } from './events.ts';
import type { Carer } from './tables.ts';

export interface ChildInput {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  upn: string | null;
  uln: string | null;
  nhsNumber: string | null;
  homeLaCode: string | null;
  carers: Carer[];
}

export async function findChildWithOpenCase(db: Executor, areaId: string, c: Pick<ChildInput, 'givenName' | 'familyName' | 'dateOfBirth' | 'upn'>) {
  let q = db.selectFrom('child as ch').leftJoin('ehc_case as k', (j) => j.onRef('k.child_id', '=', 'ch.id').on('k.is_open', '=', true))
    .select(['ch.id as childId', 'k.id as caseId', 'k.opened_on as openedOn']).where('ch.area_id', '=', areaId);
  q = c.upn
    ? q.where((eb) => eb.or([eb('ch.upn', '=', c.upn), eb.and([eb(sql`lower(ch.family_name)`, '=', c.familyName.toLowerCase()), eb(sql`lower(ch.given_name)`, '=', c.givenName.toLowerCase()), eb('ch.date_of_birth', '=', c.dateOfBirth)])]))
    : q.where(sql`lower(ch.family_name)`, '=', c.familyName.toLowerCase()).where(sql`lower(ch.given_name)`, '=', c.givenName.toLowerCase()).where('ch.date_of_birth', '=', c.dateOfBirth);
  return q.orderBy('k.id').execute();
}

export async function insertChild(db: Executor, areaId: string, c: ChildInput): Promise<string> {
  const row = await db.insertInto('child').values({
    area_id: areaId, given_name: c.givenName, family_name: c.familyName, date_of_birth: c.dateOfBirth,
    upn: c.upn, uln: c.uln, nhs_number: c.nhsNumber, home_la_code: c.homeLaCode, carers: JSON.stringify(c.carers),
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertCase(db: Executor, areaId: string, childId: string, assignedTo: string | null, openedOn: string): Promise<string> {
  const row = await db.insertInto('ehc_case').values({ area_id: areaId, child_id: childId, assigned_to: assignedTo, opened_on: openedOn, stage: 'request' })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function lockCase(db: Executor, caseId: string) {
  return db.selectFrom('ehc_case').selectAll().where('id', '=', caseId).forUpdate().executeTakeFirst();
}

export async function getCase(db: Executor, caseId: string) {
  return db.selectFrom('ehc_case as k').innerJoin('child as ch', 'ch.id', 'k.child_id').leftJoin('app_user as u', 'u.id', 'k.assigned_to')
    .select(['k.id', 'k.area_id', 'k.child_id', 'k.assigned_to', 'k.opened_on', 'k.closed_on', 'k.stage', 'k.is_open', 'k.next_due_on', 'k.next_due_label', 'k.plan_in_force', 'k.updated_at',
      'ch.given_name', 'ch.family_name', 'ch.date_of_birth', 'ch.upn', 'ch.uln', 'ch.nhs_number', 'ch.home_la_code', 'ch.carers', 'u.name as assigned_name'])
    .where('k.id', '=', caseId).executeTakeFirst();
}

export async function involvedUserIds(db: Executor, caseId: string): Promise<string[]> {
  const rows = await db.selectFrom('case_involvement').select('user_id').where('case_id', '=', caseId).execute();
  return rows.map((r) => r.user_id);
}

export async function addInvolvement(db: Executor, areaId: string, caseId: string, userId: string, reason: string): Promise<void> {
  await db.insertInto('case_involvement').values({ area_id: areaId, case_id: caseId, user_id: userId, reason }).onConflict((oc) => oc.columns(['case_id', 'user_id']).doNothing()).execute();
}

export async function loadEvents(db: Executor, caseId: string): Promise<(CaseEventRecord & { recordedByName: string | null })[]> {
  const rows = await db.selectFrom('case_event as e').leftJoin('app_user as u', 'u.id', 'e.recorded_by')
    .select(['e.id', 'e.seq', 'e.type', 'e.effective_date', 'e.data', 'e.reason', 'e.corrects_event_id', 'e.recorded_at', 'e.recorded_by', 'u.name as recorded_by_name'])
    .where('e.case_id', '=', caseId).orderBy('e.seq').execute();
  return rows.map((r) => ({
    id: r.id, seq: r.seq, type: r.type as EventType, effectiveDate: r.effective_date, data: r.data, reason: r.reason, correctsEventId: r.corrects_event_id,
    recordedAt: r.recorded_at, recordedBy: r.recorded_by, recordedByName: r.recorded_by_name,
  }));
}

/** Whose events `loadEventsByCase` reads. */
export type EventScope =
  | 'open' | 'all'
  | { involving: string }
  | { caseIds: readonly string[] }
  | { caseIdsBetween: readonly [string, string] };

/**
 * Many cases' events in one read: every open case's, every case's, those of the cases a person is
 * involved in, of a list of cases, or of the cases whose ids fall in a range (inclusive). Each case's
 * events come as one JSON array: one row a case rather than one an event is what makes the read fast
 * on the embedded database (~0.6 s instead of ~2.5 s for 140,000 events).
 */
export async function loadEventsByCase(db: Executor, which: EventScope): Promise<{ byCase: Map<string, CaseEventRecord[]>; eventCount: number }> {
  const eventsAsJson = sql`json_agg(json_build_array(e.id, e.seq, e.type, e.effective_date, e.data, e.corrects_event_id) order by e.seq)::text`;
  const grouped = (where: RawBuilder<unknown>) => sql<{ case_id: string; events: string | null }>`
    select e.case_id, ${eventsAsJson} as events from case_event e ${where} group by e.case_id`.execute(db);
  if (typeof which === 'object' && 'caseIds' in which && which.caseIds.length === 0) return { byCase: new Map(), eventCount: 0 };
  // A whole area is one scan; a person's few cases are looked up case by case through the
  // (case_id, seq) index, which the planner would otherwise trade for a scan of every event.
  const { rows } = which === 'open' ? await grouped(sql`join ehc_case k on k.id = e.case_id and k.is_open`)
    : which === 'all' ? await grouped(sql``)
      : 'involving' in which ? await sql<{ case_id: string; events: string | null }>`
        select ci.case_id, (select ${eventsAsJson} from case_event e where e.case_id = ci.case_id) as events
        from case_involvement ci where ci.user_id = ${which.involving}`.execute(db)
        : 'caseIds' in which ? await grouped(sql`where e.case_id in (${sql.join([...which.caseIds])})`)
          : await grouped(sql`where e.case_id >= ${which.caseIdsBetween[0]} and e.case_id <= ${which.caseIdsBetween[1]}`);
  const byCase = new Map<string, CaseEventRecord[]>();
  let eventCount = 0;
  for (const r of rows) {
    if (r.events === null) continue;
    const list = (JSON.parse(r.events) as [string, number, EventType, string, Record<string, unknown>, string | null][])
      .map(([id, seq, type, effectiveDate, data, correctsEventId]) => ({ id, seq, type, effectiveDate, data, correctsEventId }));
    eventCount += list.length;
    byCase.set(r.case_id, list);
  }
  return { byCase, eventCount };
}

export interface EventInsert { id?: string; areaId: string; caseId: string; seq: number; type: EventType; effectiveDate: string; recordedBy: string | null; data: Record<string, unknown>; reason: string | null; correctsEventId: string | null; recordedAt?: Date }

export async function insertEvents(db: Executor, events: EventInsert[]): Promise<string[]> {
  if (!events.length) return [];
  const rows = await db.insertInto('case_event').values(events.map((e) => ({
    ...(e.id ? { id: e.id } : {}), area_id: e.areaId, case_id: e.caseId, seq: e.seq, type: e.type, effective_date: e.effectiveDate, recorded_by: e.recordedBy,
    data: JSON.stringify(e.data), reason: e.reason, corrects_event_id: e.correctsEventId, ...(e.recordedAt ? { recorded_at: e.recordedAt } : {}),
  }))).returning('id').execute();
  return rows.map((r) => r.id);
}

/** The cached, derived columns the trays sort and filter on. */
export function cacheColumns(s: CaseSummary, eventCount: number) {
  return {
    stage: s.stage, is_open: s.open, closed_on: s.open ? null : s.closedOn,
    next_due_on: s.nextDue?.due ?? null, next_due_key: s.nextDue?.key ?? null, next_due_label: s.nextDue?.label ?? null,
    overdue: s.overdue.length > 0, plan_in_force: s.planInForce, request_received_on: s.requestReceived,
    final_issued_on: s.deadlines.find((d) => d.key === 'final-plan')?.met ?? null, event_count: eventCount,
  };
}

export async function updateCache(db: Executor, caseId: string, s: CaseSummary, eventCount: number, now: Date): Promise<void> {
  await db.updateTable('ehc_case').set({ ...cacheColumns(s, eventCount), updated_at: now }).where('id', '=', caseId).execute();
}

export type TrayFilter = 'all' | 'overdue' | 'at-risk';

export interface TrayQuery { areaId: string; assignedTo?: string | undefined; involvedUserId?: string | undefined; filter: TrayFilter; today: string; horizon: string; limit: number; offset: number; stage?: string | undefined }

function trayBase(db: Executor, q: Omit<TrayQuery, 'filter' | 'limit' | 'offset'>) {
  let b = db.selectFrom('ehc_case as k').innerJoin('child as ch', 'ch.id', 'k.child_id').where('k.area_id', '=', q.areaId).where('k.is_open', '=', true);
  if (q.assignedTo) b = b.where('k.assigned_to', '=', q.assignedTo);
  if (q.involvedUserId) {
    const uid = q.involvedUserId;
    b = b.where((eb) => eb.exists(eb.selectFrom('case_involvement as ci').select('ci.user_id').whereRef('ci.case_id', '=', 'k.id').where('ci.user_id', '=', uid)));
  }
  if (q.stage) b = b.where('k.stage', '=', q.stage);
  return b;
}

/** The cases a person is involved in (e.g. asked for advice), with the child and the caseworker. */
export async function casesInvolving(db: Executor, userId: string) {
  return db.selectFrom('case_involvement as ci').innerJoin('ehc_case as k', 'k.id', 'ci.case_id').innerJoin('child as ch', 'ch.id', 'k.child_id')
    .leftJoin('app_user as u', 'u.id', 'k.assigned_to')
    .select(['k.id', 'k.is_open', 'ch.given_name', 'ch.family_name', 'ch.date_of_birth', 'u.name as assigned_name', 'u.email as assigned_email'])
    .where('ci.user_id', '=', userId).orderBy('k.id').execute();
}

export async function trayRows(db: Executor, q: TrayQuery) {
  let b = trayBase(db, q).leftJoin('app_user as u', 'u.id', 'k.assigned_to');
  if (q.filter === 'overdue') b = b.where('k.next_due_on', '<', q.today);
  if (q.filter === 'at-risk') b = b.where('k.next_due_on', '>=', q.today).where('k.next_due_on', '<=', q.horizon);
  return b.select(['k.id', 'k.stage', 'k.next_due_on', 'k.next_due_key', 'k.next_due_label', 'k.plan_in_force', 'k.opened_on', 'ch.given_name', 'ch.family_name', 'ch.date_of_birth', 'u.name as assigned_name', 'k.assigned_to'])
    .orderBy(sql`k.next_due_on asc nulls last`).orderBy('k.opened_on').orderBy('k.id').limit(q.limit).offset(q.offset).execute();
}

export async function trayCounts(db: Executor, q: Omit<TrayQuery, 'filter' | 'limit' | 'offset'>) {
  const row = await trayBase(db, q).select([
    sql<number>`count(*)::int`.as('all'),
    sql<number>`count(*) filter (where k.next_due_on < ${q.today})::int`.as('overdue'),
    sql<number>`count(*) filter (where k.next_due_on >= ${q.today} and k.next_due_on <= ${q.horizon})::int`.as('atRisk'),
  ]).executeTakeFirstOrThrow();
  return { all: Number(row.all), overdue: Number(row.overdue), atRisk: Number(row.atRisk) };
}

export async function countsByStage(db: Executor, areaId: string, today: string) {
  return db.selectFrom('ehc_case').where('area_id', '=', areaId)
    .select(['stage', sql<number>`count(*)::int`.as('count'), sql<number>`count(*) filter (where is_open and next_due_on < ${today})::int`.as('overdue')])
    .groupBy('stage').execute();
}

export async function caseloadByWorker(db: Executor, areaId: string, today: string, horizon: string) {
  return db.selectFrom('ehc_case as k').leftJoin('app_user as u', 'u.id', 'k.assigned_to').where('k.area_id', '=', areaId).where('k.is_open', '=', true)
    .select(['k.assigned_to', 'u.name', sql<number>`count(*)::int`.as('open'),
      sql<number>`count(*) filter (where k.next_due_on < ${today})::int`.as('overdue'),
      sql<number>`count(*) filter (where k.next_due_on >= ${today} and k.next_due_on <= ${horizon})::int`.as('atRisk')])
    .groupBy(['k.assigned_to', 'u.name']).orderBy('u.name').execute();
}

/** People in the area who can hold a caseload. */
export async function caseworkers(db: Executor, areaId: string) {
  return db.selectFrom('membership as m').innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.name']).distinct().where('m.area_id', '=', areaId).where('m.role', 'in', ['caseworker', 'team-manager']).where('u.status', '<>', 'disabled')
    .orderBy('u.name').execute();
}

/** Professionals in the area who can be asked for advice (and so become involved with a case). */
export async function professionals(db: Executor, areaId: string) {
  return db.selectFrom('membership as m').innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.name', 'm.role']).where('m.area_id', '=', areaId)
    .where('m.role', 'in', ['educational-psychologist', 'health-professional', 'social-care-professional', 'senco']).where('u.status', '<>', 'disabled')
    .orderBy('u.name').execute();
}
