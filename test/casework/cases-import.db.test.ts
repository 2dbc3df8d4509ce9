// `cases import` on each backend: imported deadlines equal those of the same facts entered through the
// service, one bad row writes nothing, and importing the same file again is refused as duplicates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { backends } from '../helpers/db.ts';
import { asSystem, withArea } from '../../src/platform/db/database.ts';
import { fixedClock } from '../../src/platform/time/clock.ts';
import type { Principal } from '../../src/platform/auth/policy.ts';
import { createRequest, recordEvent, viewCase } from '../../src/modules/casework/service.ts';
import { describeProblem, readCaseFile } from '../../src/modules/casework/import.ts';
import { importCases, ImportRefused } from '../../src/modules/casework/import-service.ts';

const HEADER = 'given_name,family_name,date_of_birth,upn,request_received,requester,decision_to_assess_on,decided_to_assess,draft_issued_on,final_issued_on,last_review_meeting_on,last_review_decision_on,last_review_decision,caseworker_email,external_reference';
const FILE = [
  HEADER,
  'Ann,Able,2015-03-04,A123456789012,2026-01-05,parent,2026-02-10,yes,2026-04-20,2026-05-15,,,,cw@import.invalid,OLD-1',
  'Ben,Baker,12/07/2016,,2026-09-01,school,,,,,,,,,OLD-2',
  'Dan,Dee,2010-01-01,,2020-01-05,parent,2020-02-10,yes,2020-04-20,2020-05-15,2025-03-01,2025-03-10,maintain,cw@import.invalid,OLD-3',
].join('\n');

for (const backend of backends()) {
  test(`${backend.name}: cases import`, async (t) => {
    const database = await backend.open('casesimport');
    t.after(() => database.close());
    const db = database.db;
    const clock = fixedClock('2026-11-23T10:00:00Z');
    const today = clock.today();
    const { areaId, userId } = await asSystem(db, async (trx) => {
      const a = await trx.insertInto('area').values({ code: 'E99999971', name: 'Import Area' }).returning('id').executeTakeFirstOrThrow();
      const u = await trx.insertInto('app_user').values({ email: 'cw@import.invalid', name: 'Case Worker', status: 'active' }).returning('id').executeTakeFirstOrThrow();
      const o = await trx.insertInto('organisation').values({ area_id: a.id, kind: 'la-team', name: 'SEND team' }).returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('membership').values({ area_id: a.id, user_id: u.id, organisation_id: o.id, role: 'caseworker' }).execute();
      return { areaId: a.id, userId: u.id };
    });
    const ctx = { actorLabel: 'cli:test', actorUserId: null, areaId };
    const counts = async () => withArea(db, areaId, async (trx) => ({
      children: Number((await sql<{ n: number }>`select count(*)::int as n from child`.execute(trx)).rows[0]!.n),
      cases: Number((await sql<{ n: number }>`select count(*)::int as n from ehc_case`.execute(trx)).rows[0]!.n),
      events: Number((await sql<{ n: number }>`select count(*)::int as n from case_event`.execute(trx)).rows[0]!.n),
      audits: Number((await sql<{ n: number }>`select count(*)::int as n from audit_event where action like 'case.import%'`.execute(trx)).rows[0]!.n),
    }));

    await t.test('a file with one bad row (unknown caseworker) writes nothing', async () => {
      const bad = `${FILE}\nEve,Eye,2014-01-01,,2026-03-01,parent,,,,,,,,nobody@import.invalid,`;
      const { rows, problems } = readCaseFile(bad, today);
      assert.deepEqual(problems, []);
      await assert.rejects(importCases(db, ctx, areaId, rows, { today, now: clock.now() }), (e: unknown) => e instanceof ImportRefused
        && e.problems.map(describeProblem).join('|') === 'row 5, column caseworker_email: nobody@import.invalid is not a caseworker or team manager in this area');
      assert.deepEqual(await counts(), { children: 0, cases: 0, events: 0, audits: 0 });
    });

    await t.test('a dry run checks everything and writes nothing', async () => {
      const r = await importCases(db, ctx, areaId, readCaseFile(FILE, today).rows, { today, now: clock.now(), dryRun: true });
      assert.deepEqual(r, { cases: 3, newChildren: 3, events: 13, byStage: { plan: 2, request: 1 }, overdue: 2, dryRun: true });
      assert.deepEqual(await counts(), { children: 0, cases: 0, events: 0, audits: 0 });
    });

    await t.test('a good file: every row in one go, each deadline as if entered through the pages', async () => {
      const r = await importCases(db, ctx, areaId, readCaseFile(FILE, today).rows, { today, now: clock.now() });
      assert.deepEqual(r, { cases: 3, newChildren: 3, events: 13, byStage: { plan: 2, request: 1 }, overdue: 2, dryRun: false });
      assert.deepEqual(await counts(), { children: 3, cases: 3, events: 13, audits: 4 });

      // The same facts for Ann entered through the service, in a second area.
      const other = await asSystem(db, async (trx) => {
        const a = await trx.insertInto('area').values({ code: 'E99999972', name: 'By hand' }).returning('id').executeTakeFirstOrThrow();
        const o = await trx.insertInto('organisation').values({ area_id: a.id, kind: 'la-team', name: 'SEND team' }).returning('id').executeTakeFirstOrThrow();
        await trx.insertInto('membership').values({ area_id: a.id, user_id: userId, organisation_id: o.id, role: 'caseworker' }).execute();
        return a.id;
      });
      const principal = (area: string): Principal => ({ userId, name: 'W', email: 'cw@import.invalid', areaId: area, areaCode: 'X', areaName: 'X', roles: new Set(['caseworker']), organisationIds: [], via: 'session' });
      const deps = { db, clock };
      const byHand = await createRequest(deps, { principal: principal(other) }, { givenName: 'Ann', familyName: 'Able', dateOfBirth: '2015-03-04', requester: 'parent', receivedOn: '2026-01-05' });
      for (const [type, effectiveDate, data] of [['decision-to-assess', '2026-02-10'], ['decision-to-issue', '2026-04-20'], ['draft-plan-issued', '2026-04-20', { plan: {} }], ['final-plan-issued', '2026-05-15']] as const) {
        await recordEvent(deps, { principal: principal(other) }, byHand.caseId, { type, effectiveDate, data });
      }
      const imported = await withArea(db, areaId, (trx) => trx.selectFrom('ehc_case as k').innerJoin('child as c', 'c.id', 'k.child_id')
        .select(['k.id', 'k.assigned_to', 'k.stage', 'k.next_due_on', 'k.next_due_key', 'c.upn', 'c.family_name']).orderBy('c.family_name').execute());
      assert.deepEqual(imported.map((c) => [c.family_name, c.stage, c.next_due_key, c.next_due_on, c.assigned_to]), [
        ['Able', 'plan', 'next-review', '2027-05-15', userId],
        ['Baker', 'request', 'decision-to-assess', '2026-10-13', null],
        ['Dee', 'plan', 'next-review', '2026-03-01', userId],
      ]);
      const viewImported = await viewCase(deps, { principal: principal(areaId) }, imported[0]!.id);
      const viewByHand = await viewCase(deps, { principal: principal(other) }, byHand.caseId);
      const shape = (v: typeof viewImported) => v.summary.deadlines.map((d) => [d.key, d.due, d.met, d.status]);
      assert.deepEqual(shape(viewImported), [
        ['decision-to-assess', '2026-02-16', '2026-02-10', 'met-on-time'], ['final-plan', '2026-05-25', '2026-05-15', 'met-on-time'], ['next-review', '2027-05-15', null, 'upcoming'],
      ]);
      assert.deepEqual(shape(viewImported), shape(viewByHand));
      assert.equal(viewImported.summary.stage, viewByHand.summary.stage);
      assert.match(viewImported.summary.timeline[0]!.details.join('|'), /Reference in the previous system: OLD-1/);

      const audit = await withArea(db, areaId, (trx) => trx.selectFrom('audit_event').select(['action', 'entity_id', 'actor_label', 'detail']).where('action', '=', 'case.imported').orderBy('id').execute());
      assert.equal(audit.length, 3);
      assert.ok(audit.every((a) => a.actor_label === 'cli:test' && !JSON.stringify(a.detail).includes('Able')), 'identifiers only');
    });

    await t.test('importing the same file again is refused: each child already has an open case', async () => {
      const before = await counts();
      await assert.rejects(importCases(db, ctx, areaId, readCaseFile(FILE, today).rows, { today, now: clock.now() }), (e: unknown) => {
        assert.ok(e instanceof ImportRefused);
        assert.deepEqual(e.problems.map(describeProblem), [
          'row 2, column upn: this child already has an open case in this area, opened on Monday 5 January 2026: a duplicate request cannot be imported',
          'row 3, column given_name: this child already has an open case in this area, opened on Tuesday 1 September 2026: a duplicate request cannot be imported',
          'row 4, column given_name: this child already has an open case in this area, opened on Sunday 5 January 2020: a duplicate request cannot be imported',
        ]);
        return true;
      });
      assert.deepEqual(await counts(), before);
    });
  });
}
