// The casework service on each backend: one transaction per change with its audit row, the
// append-only event log, area isolation of every casework table, and the cached tray columns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { backends } from '../helpers/db.ts';
import { asSystem, withArea } from '../../src/platform/db/database.ts';
import { fixedClock } from '../../src/platform/time/clock.ts';
import type { Principal } from '../../src/platform/auth/policy.ts';
import { createRequest, recordEvent, viewCase, workTray } from '../../src/modules/casework/service.ts';
import { recomputeArea } from '../../src/modules/casework/recompute.ts';
import { ValidationError } from '../../src/platform/http/errors.ts';

for (const backend of backends()) {
  test(`${backend.name}: casework service, append-only events, area isolation`, async (t) => {
    const database = await backend.open('casework');
    t.after(() => database.close());
    const db = database.db;
    const clock = fixedClock('2026-11-23T10:00:00Z');
    const deps = { db, clock };
    const { areaA, areaB, userA, userB } = await asSystem(db, async (trx) => {
      const a = await trx.insertInto('area').values({ code: 'E99999981', name: 'Area A' }).returning('id').executeTakeFirstOrThrow();
      const b = await trx.insertInto('area').values({ code: 'E99999982', name: 'Area B' }).returning('id').executeTakeFirstOrThrow();
      const ua = await trx.insertInto('app_user').values({ email: `a-${backend.name}@t.invalid`, name: 'Worker A', status: 'active' }).returning('id').executeTakeFirstOrThrow();
      const ub = await trx.insertInto('app_user').values({ email: `b-${backend.name}@t.invalid`, name: 'Worker B', status: 'active' }).returning('id').executeTakeFirstOrThrow();
      return { areaA: a.id, areaB: b.id, userA: ua.id, userB: ub.id };
    });
    const principal = (areaId: string, userId: string): Principal => ({ userId, name: 'W', email: 'w@t.invalid', areaId, areaCode: 'E99999981', areaName: 'A', roles: new Set(['caseworker']), organisationIds: [], via: 'session' });
    const ctxA = { principal: principal(areaA, userA) };
    const ctxB = { principal: principal(areaB, userB) };

    const a = await createRequest(deps, ctxA, { givenName: 'Alex', familyName: 'Alpha', dateOfBirth: '2015-01-01', requester: 'parent', receivedOn: '2026-06-01' });
    await createRequest(deps, ctxB, { givenName: 'Bea', familyName: 'Beta', dateOfBirth: '2015-01-01', requester: 'school', receivedOn: '2026-06-01' });

    await t.test('recording events updates the cached tray columns from the fold', async () => {
      await recordEvent(deps, ctxA, a.caseId, { type: 'decision-to-assess', effectiveDate: '2026-07-01' });
      const row = await db.selectFrom('ehc_case').select(['stage', 'next_due_on', 'next_due_key', 'overdue', 'event_count', 'is_open']).where('id', '=', a.caseId).executeTakeFirstOrThrow();
      assert.deepEqual(row, { stage: 'assessment', next_due_on: '2026-10-19', next_due_key: 'final-plan', overdue: true, event_count: 2, is_open: true });
      const view = await viewCase(deps, ctxA, a.caseId);
      assert.equal(view.summary.stage, 'assessment');
      const tray = await workTray(deps, ctxA, {});
      assert.deepEqual(tray.rows.map((r) => r.id), [a.caseId]);
      assert.deepEqual(tray.counts, { all: 1, overdue: 1, atRisk: 0 });
    });

    await t.test('a refused event saves nothing, not even its audit row', async () => {
      const audits = async () => Number((await sql<{ n: number }>`select count(*)::int as n from audit_event`.execute(db)).rows[0]!.n);
      const before = await audits();
      await assert.rejects(recordEvent(deps, ctxA, a.caseId, { type: 'final-plan-issued', effectiveDate: '2026-08-01' }), (e: unknown) => e instanceof ValidationError && /draft plan first/.test(e.errors[0]!.message));
      assert.equal(await audits(), before);
      assert.equal((await db.selectFrom('case_event').select('id').where('case_id', '=', a.caseId).execute()).length, 2);
    });

    await t.test('the event log refuses update, delete and truncate, even for the owner', async () => {
      await assert.rejects(db.updateTable('case_event').set({ effective_date: '2026-01-01' }).execute(), /append-only/);
      await assert.rejects(db.deleteFrom('case_event').execute(), /append-only/);
      await assert.rejects(sql`truncate case_event cascade`.execute(db), /append-only/);
    });

    await t.test('each area sees only its own children, cases, events and involvement', async () => {
      const seen = await withArea(db, areaA, async (trx) => ({
        children: (await trx.selectFrom('child').select('family_name').execute()).map((r) => r.family_name),
        cases: (await trx.selectFrom('ehc_case').select('id').execute()).length,
        events: (await trx.selectFrom('case_event').select('id').execute()).length,
      }));
      assert.deepEqual(seen, { children: ['Alpha'], cases: 1, events: 2 });
      await assert.rejects(viewCase(deps, ctxB, a.caseId), /Page not found/);
      await assert.rejects(recordEvent(deps, ctxB, a.caseId, { type: 'decision-to-issue', effectiveDate: '2026-08-01' }), /Page not found/);
      await assert.rejects(
        withArea(db, areaB, (trx) => trx.insertInto('case_event').values({ area_id: areaA, case_id: a.caseId, seq: 99, type: 'decision-to-issue', effective_date: '2026-08-01', data: '{}' }).execute()),
        /row-level security|violates/,
      );
    });

    await t.test('the nightly recompute re-flags overdue cases as the days pass and repairs drifted columns', async () => {
      const b = await createRequest(deps, ctxA, { givenName: 'Cal', familyName: 'Gamma', dateOfBirth: '2015-01-01', requester: 'parent', receivedOn: '2026-10-20' });
      const row = async () => db.selectFrom('ehc_case').select(['overdue', 'stage', 'next_due_on', 'next_due_key']).where('id', '=', b.caseId).executeTakeFirstOrThrow();
      assert.equal((await row()).overdue, false, 'decision due 1 December 2026');
      await recomputeArea(db, areaA, Temporal.PlainDate.from('2026-12-01'));
      assert.equal((await row()).overdue, false, 'due today is not overdue');
      const late = await recomputeArea(db, areaA, Temporal.PlainDate.from('2026-12-02'));
      assert.equal((await row()).overdue, true);
      assert.ok(late.changed >= 1 && late.cases >= 2, JSON.stringify(late));
      assert.equal((await recomputeArea(db, areaA, Temporal.PlainDate.from('2026-12-02'))).changed, 0, 'nothing left to change');

      // Cached columns damaged behind the fold's back are put right from the events.
      const before = await row();
      await asSystem(db, (trx) => trx.updateTable('ehc_case').set({ stage: 'plan', next_due_on: null, next_due_key: null }).where('id', '=', b.caseId).execute());
      const repaired = await recomputeArea(db, areaA, Temporal.PlainDate.from('2026-12-02'));
      assert.equal(repaired.changed, 1);
      assert.deepEqual(await row(), before);
      assert.equal(before.next_due_on, '2026-12-01');
      // A case wrongly marked closed is outside the nightly (open-cases) replay; the full replay repairs it.
      await asSystem(db, (trx) => trx.updateTable('ehc_case').set({ is_open: false }).where('id', '=', b.caseId).execute());
      assert.equal((await recomputeArea(db, areaA, Temporal.PlainDate.from('2026-12-02'))).changed, 0);
      assert.equal((await recomputeArea(db, areaA, Temporal.PlainDate.from('2026-12-02'), 'test', 'all')).changed, 1);
      assert.equal((await db.selectFrom('ehc_case').select('is_open').where('id', '=', b.caseId).executeTakeFirstOrThrow()).is_open, true);
      const audited = await db.selectFrom('audit_event').select('detail').where('action', '=', 'case.deadlines-recomputed').orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.deepEqual(audited.detail, { today: '2026-12-02', scope: 'all', cases: (await db.selectFrom('ehc_case').select('id').where('area_id', '=', areaA).execute()).length, changed: 1, rejected: 0 });
      // Each area's recompute sees only its own cases (it runs under that area's row-level security).
      const inB = (await db.selectFrom('ehc_case').select('id').where('area_id', '=', areaB).execute()).length;
      assert.equal((await recomputeArea(db, areaB, Temporal.PlainDate.from('2026-12-02'))).cases, inB);
    });

    await t.test('one open case per child, enforced by the database too', async () => {
      await assert.rejects(
        asSystem(db, (trx) => trx.insertInto('ehc_case').values({ area_id: areaA, child_id: a.childId, opened_on: '2026-11-01', stage: 'request' }).execute()),
        /duplicate key|unique/,
      );
    });
  });
}
