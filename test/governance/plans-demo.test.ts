// The demo plan: a 2023 inspection with five areas for priority action, and a priority action plan of
// 40 actions with 18 months of monthly updates, the same on every seeding (relative to today).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pgliteTestDatabase } from '../helpers/db.ts';
import { seedDemo } from '../../src/platform/demo/seed.ts';
import { withArea } from '../../src/platform/db/database.ts';
import { governancePlansDemo } from '../../src/modules/governance/plans/demo.ts';
import { listPlans, planSummary, delayedActions } from '../../src/modules/governance/plans/service.ts';
import { getInspection, listInspections } from '../../src/modules/governance/plans/inspections.ts';

const today = Temporal.PlainDate.from('2026-11-23');

async function seeded() {
  const database = await pgliteTestDatabase();
  const { areaId } = await seedDemo(database.db, today, [governancePlansDemo]);
  const result = await withArea(database.db, areaId, async (trx) => {
    const [plan] = await listPlans(trx);
    const [inspection] = await listInspections(trx);
    const { findings } = await getInspection(trx, inspection!.id);
    const summaries = [];
    for (let m = 0; m <= 18; m += 3) summaries.push(await planSummary(trx, plan!.id, today.subtract({ months: 18 - m })));
    const updates = await trx.selectFrom('plan_action_update').select('update_date').execute();
    return { plan: plan!, inspection: inspection!, findings, summaries, updates, delayed: await delayedActions(trx, plan!.id, today) };
  });
  await database.close();
  return result;
}

test('the demo inspection and priority action plan', async () => {
  const first = await seeded();
  assert.deepEqual([first.inspection.framework, first.inspection.kind, first.inspection.outcome], ['send-2023', 'full', 3]);
  assert.equal(first.findings.filter((f) => f.kind === 'area-for-priority-action').length, 5);
  assert.deepEqual([first.plan.actions, first.plan.priorities, first.plan.createdOn, first.plan.inspectionId], [40, 5, '2025-05-23', first.inspection.id]);
  const dates = first.updates.map((u) => u.update_date).sort();
  assert.ok(first.updates.length >= 300, `${first.updates.length} updates`);
  assert.ok(dates[0]! > '2025-05-23' && dates.at(-1)! <= '2026-11-23', `${dates[0]} to ${dates.at(-1)}`);
  assert.ok(new Set(dates.map((d) => d.slice(0, 7))).size >= 17, 'updates in every month');
  // At the start nothing has started; by today there is a realistic mix.
  assert.equal(first.summaries[0]!.overall.notStarted, 40);
  const now = first.summaries.at(-1)!.overall;
  assert.ok(now.complete > 10 && now.complete < 40 && now.onTarget > 0 && now.delayed > 0, JSON.stringify(now));
  assert.ok(first.delayed.every((d) => d.latestUpdate !== null));
  const again = await seeded();
  assert.deepEqual(again.summaries.map((s) => [s.overall, s.priorities.map((p) => p.complete)]), first.summaries.map((s) => [s.overall, s.priorities.map((p) => p.complete)]), 'deterministic');
});
