// The scorecard's cache (case-cache.ts) and the per-area data version it is keyed on (migration 0330),
// on PGlite and (with DATABASE_URL) PostgreSQL:
//  * the version: bumped once per committed transaction by exactly what the KPIs read (events, case
//    assignment, dates of birth, memberships, LA teams), not by the projection columns every event and
//    recompute rewrites, not by a rolled-back transaction, per area and behind row-level security; on
//    PostgreSQL, writers in one area do not queue behind each other's open transactions;
//  * invalidation: after each kind of change the cached scorecard equals one computed from scratch,
//    refolding only the cases the change touched;
//  * past dates: a KPI as at a past date read through the cache (that KPI only, from the cases folded
//    as at today) equals the whole scorecard computed without the cache, table-driven over dates and
//    KPIs, including a correction recorded after the date.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { backends } from '../helpers/db.ts';
import { buildTestApp, type TestApp, type TestBrowser } from '../helpers/app.ts';
import { asSystem, withArea } from '../../src/platform/db/database.ts';
import { KpiCaseCache, kpiDataVersion } from '../../src/modules/performance/scorecard/case-cache.ts';
import { loadScorecard, resolvePeriod, type Scorecard } from '../../src/modules/performance/scorecard/service.ts';
import { computeKpis } from '../../src/modules/performance/kpis/index.ts';
import { readKpiCases } from '../../src/modules/performance/scorecard/from-casework.ts';

type Row = { id: string; value: number | null; numerator: number | null; denominator: number | null; breakdown?: { key: string; label: string; value: number | null }[] };

const PLAN = { needs: [{ senType: 'ASD', description: 'Social communication', outcomes: [], provision: [] }], namedSetting: { name: 'Alder Primary', urn: '100001' } };

async function api(t: TestApp, b: TestBrowser, url: string, body?: unknown) {
  if (body === undefined) return b.get(url, { accept: 'application/json' });
  return t.app.inject({ method: 'POST', url, headers: { cookie: b.cookieHeader(), 'content-type': 'application/json', 'x-csrf-token': b.csrf() }, payload: JSON.stringify(body) });
}

async function openCase(t: TestApp, b: TestBrowser, givenName: string, dateOfBirth: string, receivedOn: string, events: [string, string, Record<string, unknown>?][]): Promise<{ id: string; events: Map<string, string> }> {
  await b.get('/account');
  const res = await api(t, b, '/api/v1/cases', { child: { givenName, familyName: 'Cache', dateOfBirth }, requester: 'school', receivedOn });
  assert.equal(res.statusCode, 201, res.body);
  const id = res.json().id as string;
  const ids = new Map<string, string>();
  for (const [type, effectiveDate, data] of events) {
    const r = await api(t, b, `/api/v1/cases/${id}/events`, { type, effectiveDate, data: data ?? {} });
    assert.equal(r.statusCode, 201, `${type}: ${r.body}`);
    ids.set(type, r.json().id as string);
  }
  return { id, events: ids };
}

/** The figures of a scorecard, without the case list: what a page shows. */
const figures = (s: Scorecard) => ({
  rows: s.rows,
  trend: [...s.trend.values].map(([m, v]) => [m, [...v].map(([id, f]) => [id, f.value, f.numerator, f.denominator])]),
});

for (const backend of backends()) {
  test(`${backend.name}: the KPI data version moves once per committed transaction, on exactly what the KPIs read`, async () => {
    const database = await backend.open('kpi-version');
    const t = await buildTestApp({ database });
    try {
      const db = t.database.db;
      const caseworker = await t.signIn('caseworker@demo.joinedup.invalid');
      const area = await asSystem(db, (trx) => trx.selectFrom('area').select('id').executeTakeFirstOrThrow());
      const version = () => withArea(db, area.id, (trx) => kpiDataVersion(trx, area.id));
      const v0 = await version();
      const { id: caseId } = await openCase(t, caseworker, 'Val', '2015-05-05', '2026-03-02', []);
      const v1 = await version();
      assert.ok(v1 > v0, 'opening a case (through the API, as the app role) moves the version');

      const c = await asSystem(db, (trx) => trx.selectFrom('ehc_case').select(['child_id', 'assigned_to', 'event_count']).where('id', '=', caseId).executeTakeFirstOrThrow());
      const users = await asSystem(db, (trx) => trx.selectFrom('app_user').select(['id', 'email']).execute());
      const userId = (email: string) => users.find((u) => u.email === email)!.id;
      const event = (seq: number, type: string, date: string) => ({ id: crypto.randomUUID(), area_id: area.id, case_id: caseId, seq, type, effective_date: date, recorded_by: c.assigned_to, data: '{}' });
      const orgs = await asSystem(db, (trx) => trx.selectFrom('organisation').select(['id', 'name', 'kind']).where('kind', '=', 'la-team').orderBy('name').execute());

      // [what, change (in one area transaction), how far the version moves]
      const cases: [string, Parameters<typeof withArea>[2], number][] = [
        ['two events in one transaction', async (trx) => {
          await trx.insertInto('case_event').values(event(Number(c.event_count) + 1, 'decision-to-assess', '2026-03-30')).execute();
          await trx.insertInto('case_event').values(event(Number(c.event_count) + 2, 'advice-requested', '2026-03-31')).execute();
        }, 1],
        ['projection columns (every event and recompute rewrites them)', (trx) => trx.updateTable('ehc_case').set({ next_due_on: '2027-01-01', overdue: true, stage: 'assessment' }).where('id', '=', caseId).execute(), 0],
        ['a reassignment', (trx) => trx.updateTable('ehc_case').set({ assigned_to: userId('manager@demo.joinedup.invalid') }).where('id', '=', caseId).execute(), 1],
        ['an assignment to the same person', (trx) => trx.updateTable('ehc_case').set({ assigned_to: userId('manager@demo.joinedup.invalid') }).where('id', '=', caseId).execute(), 0],
        ['a date of birth', (trx) => trx.updateTable('child').set({ date_of_birth: '2015-06-06' }).where('id', '=', c.child_id).execute(), 1],
        ['the same date of birth, and a name', (trx) => trx.updateTable('child').set({ date_of_birth: '2015-06-06', given_name: 'Valerie' }).where('id', '=', c.child_id).execute(), 0],
        ['a membership added', (trx) => trx.insertInto('membership').values({ area_id: area.id, user_id: userId('manager@demo.joinedup.invalid'), organisation_id: orgs.at(-1)!.id, role: 'caseworker' }).execute(), 1],
        ['a membership removed', (trx) => trx.deleteFrom('membership').where('user_id', '=', userId('manager@demo.joinedup.invalid')).where('organisation_id', '=', orgs.at(-1)!.id).where('role', '=', 'caseworker').execute(), 1],
        ['an LA team renamed', (trx) => trx.updateTable('organisation').set({ name: `${orgs[0]!.name} (renamed)` }).where('id', '=', orgs[0]!.id).execute(), 1],
        ['a KPI target (read every request, not cached)', (trx) => trx.insertInto('kpi_target').values({ area_id: area.id, kpi_id: 'new-plans', target: 10 }).execute(), 0],
        ['nothing the KPIs read', (trx) => trx.selectFrom('ehc_case').select('id').execute(), 0],
      ];
      for (const [what, change, moves] of cases) {
        const before = await version();
        await withArea(db, area.id, change);
        assert.equal(await version(), before + moves, what);
      }
      // Rolled back: the version does not move.
      const before = await version();
      await assert.rejects(withArea(db, area.id, async (trx) => {
        await trx.updateTable('child').set({ date_of_birth: '2014-01-01' }).where('id', '=', c.child_id).execute();
        throw new Error('changed my mind');
      }), /changed my mind/);
      assert.equal(await version(), before, 'a rolled-back transaction');
      // System work (seeding, imports) bumps the area it touched.
      await asSystem(db, (trx) => trx.updateTable('child').set({ date_of_birth: '2014-01-01' }).where('id', '=', c.child_id).execute());
      assert.equal(await version(), before + 1, 'a change made outside any area transaction');

      // Another area: its own version, and it cannot see this one's (row-level security).
      const other = await asSystem(db, (trx) => trx.insertInto('area').values({ code: 'E66666666', name: 'Otherwhere' }).returning('id').executeTakeFirstOrThrow());
      assert.equal(await withArea(db, other.id, (trx) => kpiDataVersion(trx, other.id)), 0);
      assert.equal(await withArea(db, other.id, (trx) => kpiDataVersion(trx, area.id)), 0, 'another area reads nothing of this one');
      assert.equal((await withArea(db, other.id, (trx) => trx.selectFrom('kpi_data_version').selectAll().execute())).length, 0);

      if (backend.name === 'postgres') {
        // Two writers in one area: the second commits while the first is still open (the version row is
        // locked only while committing), and both count.
        const start = await version();
        let release!: () => void;
        const held = new Promise<void>((r) => { release = r; });
        let firstInserted!: () => void;
        const inserted = new Promise<void>((r) => { firstInserted = r; });
        const first = withArea(db, area.id, async (trx) => {
          await trx.insertInto('case_event').values(event(Number(c.event_count) + 3, 'advice-requested', '2026-04-01')).execute();
          firstInserted();
          await held;
        });
        await inserted;
        const second = withArea(db, area.id, async (trx) => {
          await sql`set local lock_timeout = '2s'`.execute(trx);
          const other = await openCaseRow(trx, area.id, c.assigned_to);
          await trx.insertInto('case_event').values({ ...event(1, 'request-received', '2026-04-02'), case_id: other, data: JSON.stringify({ requester: 'parent' }) }).execute();
        });
        await second;
        assert.equal(await version(), start + 1, 'the second writer committed while the first was open');
        release();
        await first;
        assert.equal(await version(), start + 2, 'and the first counts too');
      }
    } finally {
      await t.close();
      await database.close();
    }
  });

  test(`${backend.name}: after each change the cached scorecard equals one computed afresh; past dates through the cache equal the whole scorecard uncached`, async () => {
    const database = await backend.open('kpi-cache');
    const t = await buildTestApp({ database });
    try {
      const db = t.database.db;
      const today = t.clock.today();
      const caseworker = await t.signIn('caseworker@demo.joinedup.invalid');
      const analyst = await t.signIn('analyst@demo.joinedup.invalid');
      const area = await asSystem(db, (trx) => trx.selectFrom('area').select('id').executeTakeFirstOrThrow());
      // A: plan in 19 weeks. B: plan in 30 weeks, corrected on 23 November (today) to 19 weeks. C: refused. D: open.
      const A = await openCase(t, caseworker, 'Ada', '2014-03-01', '2026-01-05', [['decision-to-assess', '2026-02-02'], ['decision-to-issue', '2026-04-01'], ['draft-plan-issued', '2026-04-13', { plan: PLAN }], ['final-plan-issued', '2026-05-18']]);
      const B = await openCase(t, caseworker, 'Ben', '2010-09-01', '2026-02-02', [['decision-to-assess', '2026-03-16'], ['decision-to-issue', '2026-05-11'], ['draft-plan-issued', '2026-05-20', { plan: PLAN }], ['final-plan-issued', '2026-08-31']]);
      await openCase(t, caseworker, 'Cal', '2019-01-10', '2026-03-02', [['decision-not-to-assess', '2026-03-30', { reasons: 'Needs can be met by the school' }]]);
      await openCase(t, caseworker, 'Dee', '2012-07-07', '2026-10-05', []);

      const cache = new KpiCaseCache();
      const period = resolvePeriod({}, today);
      const cached = (p = period, ids?: string[]) => loadScorecard(db, area.id, p, today, cache, ids);
      const fresh = (p = period) => loadScorecard(db, area.id, p, today);
      const check = async (what: string, refolds: number) => {
        const misses = cache.misses;
        const refolded = cache.refolded;
        const c = await cached();
        const f = await fresh();
        assert.equal(cache.misses, misses + 1, `${what}: the cache folds again`);
        assert.equal(cache.refolded, refolded + refolds, `${what}: only the cases it touched`);
        assert.deepEqual(c.cases, f.cases, `${what}: the cases (partly refolded) are the ones folded afresh`);
        assert.deepEqual(figures(c), figures(f), `${what}: the cached scorecard is the fresh one`);
        const hits = cache.hits;
        assert.deepEqual(figures(await cached()), figures(c), `${what}: and stays so`);
        assert.equal(cache.hits, hits + 1, `${what}: served from the cache`);
        return new Map(c.rows.map((r) => [r.id, r]));
      };
      let rows = await check('first', 4);
      assert.equal(rows.get('refusals-to-assess')!.value, 1);
      assert.equal(rows.get('plans-issued-within-20-weeks-pc')!.value, 50);

      // A recorded event.
      await api(t, caseworker, `/api/v1/cases/${A.id}/events`, { type: 'review-meeting-held', effectiveDate: '2026-11-20', data: {} });
      const e = await openCase(t, caseworker, 'Eve', '2013-02-02', '2026-04-06', [['decision-not-to-assess', '2026-05-01', { reasons: 'Needs can be met by the school' }]]);
      rows = await check('a recorded event and a new case', 2);
      assert.equal(rows.get('refusals-to-assess')!.value, 2);
      // A correction recorded today (after every past date below): B's plan was issued in 19 weeks.
      const corr = await api(t, caseworker, `/api/v1/cases/${B.id}/events`, { type: 'correction', effectiveDate: '2026-11-23', correctsEventId: B.events.get('final-plan-issued'), reason: 'Date keyed wrongly', data: { action: 'replace', effectiveDate: '2026-06-12' } });
      assert.equal(corr.statusCode, 201, corr.body);
      rows = await check('a correction', 1);
      assert.equal(rows.get('plans-issued-within-20-weeks-pc')!.value, 100);
      // A reassignment: the case moves team.
      const ep = await asSystem(db, (trx) => trx.selectFrom('app_user').select('id').where('email', '=', 'ep@demo.joinedup.invalid').executeTakeFirstOrThrow());
      await withArea(db, area.id, (trx) => trx.updateTable('ehc_case').set({ assigned_to: ep.id }).where('id', '=', e.id).execute());
      await check('a reassignment (the team is taken afresh, nothing refolded)', 0);
      const byTeam = async () => ((await api(t, analyst, '/api/v1/kpis?by=team')).json() as Row[]).find((r) => r.id === 'requests-received')!.breakdown!.map((g) => [g.label, g.value]);
      assert.deepEqual(await byTeam(), [['Demo Borough Council SEND Service', 4], ['Demo Borough Educational Psychology Service', 1]]);
      // A date of birth: Ben (plan in force) moves from the 16–19 band to 11–15.
      const band = (r: Map<string, { value: number | null }>) => [r.get('plans-in-force-age-11-15')!.value, r.get('plans-in-force-age-16-19')!.value];
      assert.deepEqual(band(rows), [1, 1]);
      const ben = await asSystem(db, (trx) => trx.selectFrom('ehc_case').select('child_id').where('id', '=', B.id).executeTakeFirstOrThrow());
      await withArea(db, area.id, (trx) => trx.updateTable('child').set({ date_of_birth: '2013-09-01' }).where('id', '=', ben.child_id).execute());
      rows = await check('a date of birth', 1);
      assert.deepEqual(band(rows), [2, 0]);
      // A membership move: the EP joins the SEND service team too (the first team by name wins).
      const send = await asSystem(db, (trx) => trx.selectFrom('organisation').select('id').where('name', '=', 'Demo Borough Council SEND Service').executeTakeFirstOrThrow());
      await withArea(db, area.id, (trx) => trx.deleteFrom('membership').where('user_id', '=', ep.id).execute());
      await withArea(db, area.id, (trx) => trx.insertInto('membership').values({ area_id: area.id, user_id: ep.id, organisation_id: send.id, role: 'caseworker' }).execute());
      await check('a membership move', 0);
      assert.deepEqual(await byTeam(), [['Demo Borough Council SEND Service', 5]], 'the route\'s own cache sees it too');
      const r0 = cache.refolded;
      await loadScorecard(db, area.id, period, today.add({ days: 1 }), cache);
      assert.equal(cache.refolded - r0, 5, 'a new day folds every case again');

      // Past dates, table-driven: [as at, KPI, value]. The correction recorded on 23 November counts
      // as at every date (corrections apply retrospectively, as they always have live; the month-end
      // snapshots are what keep figures as they were known).
      const table: [string, string, number | null][] = [
        ['2026-04-30', 'requests-received', 4],
        ['2026-04-30', 'refusals-to-assess', 1],
        ['2026-04-30', 'plans-issued-within-20-weeks-pc', null],
        ['2026-05-31', 'plans-issued-within-20-weeks-pc', 100],
        ['2026-06-30', 'plans-issued-within-20-weeks-pc', 100],
        ['2026-06-30', 'plans-in-force', 2],
        ['2026-05-31', 'plans-in-force', 1],
        ['2026-09-30', 'requests-received', 4],
        ['2026-09-30', 'refusals-to-assess', 2],
        ['2026-12-31', 'requests-received', 5],
        ['2025-12-31', 'requests-received', 0],
      ];
      for (const [asAt, id, expected] of table) {
        const p = resolvePeriod({ asAt }, today);
        const one = await cached(p, [id]);
        const all = await fresh(p);
        const row = one.rows.find((r) => r.id === id)!;
        assert.equal(one.rows.length, 1, `${asAt} ${id}: only the KPI asked for`);
        assert.deepEqual(row, all.rows.find((r) => r.id === id), `${asAt} ${id}: through the cache = the whole scorecard uncached`);
        assert.deepEqual(figures(one).trend, figures(all).trend.map(([m, v]) => [m, (v as unknown[][]).filter((f) => f[0] === id)]), `${asAt} ${id}: trend`);
        const direct = computeKpis(await withArea(db, area.id, (trx) => readKpiCases(trx, today)), p, [id])[0]!;
        assert.equal(row.value, direct.value, `${asAt} ${id}: the engine on the cases read afresh`);
        assert.equal(row.value, expected, `${asAt} ${id}`);
      }
      // And the KPI page, through the route, as at a past date.
      const page = await analyst.get('/performance/kpis/plans-issued-within-20-weeks-pc?asAt=2026-06-30');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /100\.0%/);
    } finally {
      await t.close();
      await database.close();
    }
  });
}

/** A bare case row for the concurrency check (a second case, so the two writers touch different cases). */
async function openCaseRow(trx: Parameters<Parameters<typeof withArea>[2]>[0], areaId: string, assignedTo: string | null): Promise<string> {
  const child = await trx.insertInto('child').values({ area_id: areaId, given_name: 'Con', family_name: 'Current', date_of_birth: '2016-01-01', carers: JSON.stringify([]) }).returning('id').executeTakeFirstOrThrow();
  const c = await trx.insertInto('ehc_case').values({ area_id: areaId, child_id: child.id, assigned_to: assignedTo, opened_on: '2026-04-02', stage: 'request' }).returning('id').executeTakeFirstOrThrow();
  return c.id;
}
