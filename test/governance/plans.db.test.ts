// Improvement plans at the database level, on PGlite and (with DATABASE_URL) PostgreSQL: area isolation
// (row-level security and area-bound foreign keys), append-only history, roll-ups as at any date and
// the functions board papers call (planSummary, listPlans, delayedActions).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { backends } from '../helpers/db.ts';
import { asSystem, withArea } from '../../src/platform/db/database.ts';
import { importPlanCsv } from '../../src/modules/governance/plan-import.ts';
import { addUpdate, createImportedPlan, delayedActions, listPlans, planSummary, setPlanStatus, PlanClosedError } from '../../src/modules/governance/plans/service.ts';
import { NotFoundError } from '../../src/platform/http/errors.ts';
import { PLAN_CSV } from './plans-fixtures.ts';

const D = (s: string) => Temporal.PlainDate.from(s);

for (const backend of backends()) {
  test(`${backend.name}: improvement plans — isolation, history and roll-ups`, async (t) => {
    const database = await backend.open('plans');
    t.after(() => database.close());
    const db = database.db;
    const a = await db.insertInto('area').values({ code: 'E99999981', name: 'Area A' }).returning('id').executeTakeFirstOrThrow();
    const b = await db.insertInto('area').values({ code: 'E99999982', name: 'Area B' }).returning('id').executeTakeFirstOrThrow();
    const parsed = importPlanCsv(PLAN_CSV, { scheme: 'rag' });
    assert.ok(parsed.ok);
    const ctxA = { actorLabel: 'test', actorUserId: null, areaId: a.id };
    const planId = await withArea(db, a.id, (trx) => createImportedPlan(trx, ctxA, a.id, { name: 'Plan A', kind: 'priority-action-plan', scheme: 'rag', asAt: D('2026-06-30') }, parsed.plan));

    await t.test('every plan table has area_id and row-level security', async () => {
      const tables = ['inspection', 'inspection_finding', 'improvement_plan', 'plan_priority', 'plan_action', 'plan_action_update', 'plan_action_status'];
      const { rows } = await sql<{ relname: string; relrowsecurity: boolean; has_area: boolean; policies: number }>`
        select c.relname, c.relrowsecurity,
          exists (select 1 from information_schema.columns k where k.table_schema = current_schema() and k.table_name = c.relname and k.column_name = 'area_id' and k.is_nullable = 'NO') as has_area,
          (select count(*)::int from pg_policies p where p.schemaname = current_schema() and p.tablename = c.relname) as policies
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = current_schema() and c.relname in (${sql.join(tables)}) order by c.relname`.execute(db);
      assert.deepEqual(rows.map((r) => [r.relname, r.relrowsecurity, r.has_area, r.policies]), [...tables].sort().map((name) => [name, true, true, 1]));
    });

    await t.test('another area cannot see, summarise or write into the plan', async () => {
      assert.deepEqual((await withArea(db, b.id, (trx) => listPlans(trx))).length, 0);
      await assert.rejects(withArea(db, b.id, (trx) => planSummary(trx, planId, D('2026-06-30'))), NotFoundError);
      const action = await db.selectFrom('plan_action').select(['id']).where('plan_id', '=', planId).limit(1).executeTakeFirstOrThrow();
      // Tagging a row with one's own area but pointing it at another area's plan breaks the area-bound foreign key.
      await assert.rejects(withArea(db, b.id, (trx) => trx.insertInto('plan_action_status').values({
        area_id: b.id, plan_id: planId, action_id: action.id, effective_date: '2026-07-01', status: 'complete', recorded_by_label: 'intruder',
      }).execute()), /foreign key/);
      await assert.rejects(withArea(db, b.id, (trx) => trx.insertInto('plan_action_status').values({
        area_id: a.id, plan_id: planId, action_id: action.id, effective_date: '2026-07-01', status: 'complete', recorded_by_label: 'intruder',
      }).execute()), /row-level security/);
      const updated = await withArea(db, b.id, (trx) => trx.updateTable('improvement_plan').set({ name: 'Stolen' }).where('id', '=', planId).executeTakeFirst());
      assert.equal(Number(updated.numUpdatedRows), 0);
      assert.deepEqual((await withArea(db, a.id, (trx) => listPlans(trx))).map((p) => [p.name, p.priorities, p.actions]), [['Plan A', 3, 15]]);
    });

    await t.test('updates move statuses from their date; summaries reproduce each date', async () => {
      const ids = Object.fromEntries((await db.selectFrom('plan_action').select(['id', 'reference']).where('plan_id', '=', planId).execute()).map((r) => [r.reference, r.id]));
      const today = D('2026-11-23');
      const up = (ref: string, date: string, narrative: string, newStatus = '') => withArea(db, a.id, (trx) => addUpdate(trx, ctxA, planId, ids[ref]!, { date, narrative, evidenceUrl: '', evidenceText: '', newStatus }, today));
      const june = await withArea(db, a.id, (trx) => planSummary(trx, planId, D('2026-06-30')));
      await up('1.1', '2026-08-01', 'Still fine');
      await up('2.1', '2026-08-01', 'Funding not agreed', 'delayed');
      await up('2.1', '2026-09-01', 'Escalated to the SRO; recovery plan agreed');
      await up('2.4', '2026-09-01', 'Now complete', 'complete');
      await up('1.6', '2026-08-01', 'Dates agreed', 'on-target');
      await up('1.6', '2026-08-01', 'Chair unavailable after all', 'delayed'); // same day: the later entry wins
      assert.deepEqual(await withArea(db, a.id, (trx) => planSummary(trx, planId, D('2026-06-30'))), june, 'June is reproduced exactly');
      const aug = await withArea(db, a.id, (trx) => planSummary(trx, planId, D('2026-08-15')));
      assert.deepEqual([aug.overall.complete, aug.overall.onTarget, aug.overall.delayed, aug.overall.notStarted], [4, 5, 5, 1]);
      const sep = await withArea(db, a.id, (trx) => planSummary(trx, planId, D('2026-09-30')));
      assert.deepEqual([sep.overall.complete, sep.overall.onTarget, sep.overall.delayed, sep.overall.notStarted], [5, 5, 4, 1]);
      assert.deepEqual(sep.priorities.map((p) => [p.reference, p.percentComplete, p.percentDelayed]), [['1', 43, 14], ['2', 20, 40], ['3', 33, 33]]);

      const delayed = await withArea(db, a.id, (trx) => delayedActions(trx, planId, D('2026-09-30')));
      assert.deepEqual(delayed.map((d) => [d.reference, d.leadOfficer, d.dueDate, d.delayedSince, d.latestUpdate]), [
        ['1.6', 'Head of SEND', '2026-12-31', '2026-08-01', { date: '2026-08-01', narrative: 'Chair unavailable after all' }],
        ['2.1', 'ICB lead', '2026-12-31', '2026-08-01', { date: '2026-09-01', narrative: 'Escalated to the SRO; recovery plan agreed' }],
        ['2.5', 'Head of SEND', '2026-08-31', '2026-06-30', null],
        ['3.3', 'Commissioning lead', '2026-08-31', '2026-06-30', { date: '2026-06-30', narrative: 'Capacity issues' }],
      ]);
      // As at June, 2.1 was not delayed and the later narrative is not shown.
      const juneDelayed = await withArea(db, a.id, (trx) => delayedActions(trx, planId, D('2026-06-30')));
      assert.deepEqual(juneDelayed.map((d) => d.reference), ['1.6', '2.4', '2.5', '3.3']);
      assert.equal(juneDelayed[0]!.latestUpdate?.narrative, 'Board dates not yet set');

      await withArea(db, a.id, (trx) => setPlanStatus(trx, ctxA, planId, 'closed', today));
      await assert.rejects(up('1.1', '2026-11-23', 'Closed'), PlanClosedError);
      const events = await asSystem(db, (trx) => trx.selectFrom('audit_event').select('action').where('area_id', '=', a.id).orderBy('id').execute());
      assert.deepEqual(events.map((e) => e.action).filter((x) => x !== 'plan-action.updated'), ['improvement-plan.imported', 'improvement-plan.closed']);
    });

    await t.test('history and updates are append-only for everyone; the app role may not even try', async () => {
      await assert.rejects(db.updateTable('plan_action_status').set({ status: 'complete' }).execute(), /append-only/);
      await assert.rejects(db.deleteFrom('plan_action_update').execute(), /append-only/);
      await assert.rejects(sql`truncate plan_action_status`.execute(db), /append-only/);
      await assert.rejects(sql`truncate plan_action_update`.execute(db), /append-only|cannot truncate/);
      await assert.rejects(withArea(db, a.id, (trx) => trx.deleteFrom('plan_action_status').execute()), /permission denied|append-only/);
    });
  });
}
