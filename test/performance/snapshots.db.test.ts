// Month-end KPI snapshots, the folded-case cache, breakdowns by team and setting, and the Excel
// exports, on PGlite and (with DATABASE_URL) PostgreSQL. A small hand-built caseload in 2026; today
// is Monday 23 November 2026, so January–October 2026 are completed months.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import * as cheerio from 'cheerio';
import { backends } from '../helpers/db.ts';
import { buildTestApp, type TestApp, type TestBrowser } from '../helpers/app.ts';
import { asSystem, withArea } from '../../src/platform/db/database.ts';
import { kpiIds } from '../../src/modules/performance/kpis/index.ts';
import { completedMonths, snapshotEveryArea, SNAPSHOT_MONTHS } from '../../src/modules/performance/scorecard/snapshots.ts';
import { KpiCaseCache } from '../../src/modules/performance/scorecard/case-cache.ts';
import { KPI_SNAPSHOT_QUEUE } from '../../src/modules/performance/scorecard/queue.ts';
import { monthBounds } from '../../src/modules/performance/kpis/arith.ts';

type Row = { id: string; value: number | null; numerator: number | null; denominator: number | null; breakdown?: { key: string; label: string; value: number | null; numerator: number | null; denominator: number | null }[] };

const PLAN = (setting?: { name: string; urn?: string }) => ({ needs: [{ senType: 'ASD', description: 'Social communication', outcomes: [], provision: [] }], ...(setting ? { namedSetting: setting } : {}) });

async function api(t: TestApp, b: TestBrowser, url: string, body?: unknown) {
  if (body === undefined) return b.get(url, { accept: 'application/json' });
  return t.app.inject({ method: 'POST', url, headers: { cookie: b.cookieHeader(), 'content-type': 'application/json', 'x-csrf-token': b.csrf() }, payload: JSON.stringify(body) });
}

async function openCase(t: TestApp, b: TestBrowser, givenName: string, receivedOn: string, events: [string, string, Record<string, unknown>?][]): Promise<string> {
  await b.get('/account');
  const res = await api(t, b, '/api/v1/cases', { child: { givenName, familyName: 'Snap', dateOfBirth: '2014-03-01' }, requester: 'school', receivedOn });
  assert.equal(res.statusCode, 201, res.body);
  const id = res.json().id as string;
  for (const [type, effectiveDate, data] of events) {
    const r = await api(t, b, `/api/v1/cases/${id}/events`, { type, effectiveDate, data: data ?? {} });
    assert.equal(r.statusCode, 201, `${type}: ${r.body}`);
  }
  return id;
}

async function workbook(body: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

for (const backend of backends()) {
  test(`${backend.name}: snapshots equal the as-at figures, are written once, feed the trend; cache, breakdowns and Excel`, async () => {
    const database = await backend.open('kpi-snapshots');
    const t = await buildTestApp({ database });
    try {
      const db = t.database.db;
      const today = t.clock.today();
      const caseworker = await t.signIn('caseworker@demo.joinedup.invalid');
      const analyst = await t.signIn('analyst@demo.joinedup.invalid');
      // A: plan in 19 weeks, named setting with a URN. B: plan in 30 weeks, setting without a URN. C: refused. D: open request.
      const A = await openCase(t, caseworker, 'Ada', '2026-01-05', [['decision-to-assess', '2026-02-02'], ['decision-to-issue', '2026-04-01'], ['draft-plan-issued', '2026-04-13', { plan: PLAN({ name: 'Alder Primary', urn: '100001' }) }], ['final-plan-issued', '2026-05-18']]);
      const B = await openCase(t, caseworker, 'Ben', '2026-02-02', [['decision-to-assess', '2026-04-01'], ['decision-to-issue', '2026-06-01'], ['draft-plan-issued', '2026-07-01', { plan: PLAN({ name: 'Riverside Academy' }) }], ['final-plan-issued', '2026-08-31']]);
      const C = await openCase(t, caseworker, 'Cal', '2026-03-02', [['decision-not-to-assess', '2026-03-30', { reasons: 'Needs can be met by the school' }]]);
      await openCase(t, caseworker, 'Dee', '2026-10-05', []);

      // --- Snapshots: the first run backfills every completed month, idempotently --------------------
      const months = completedMonths(today);
      assert.equal(months.length, SNAPSHOT_MONTHS);
      assert.deepEqual([months[0], months.at(-1)], ['2024-11', '2026-10']);
      const cache = new KpiCaseCache();
      const written = [...(await snapshotEveryArea(db, today, cache)).values()];
      assert.deepEqual(written, [months], 'one area, every completed month written');
      const count = async () => Number((await asSystem(db, (trx) => trx.selectFrom('kpi_snapshot').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow())).n);
      assert.equal(await count(), SNAPSHOT_MONTHS * kpiIds().length);
      assert.deepEqual([...(await snapshotEveryArea(db, today, cache)).values()], [[]], 'a second run writes nothing');
      assert.equal(await count(), SNAPSHOT_MONTHS * kpiIds().length);
      // The registered job: monthly, also run after start; running it again changes nothing.
      const job = t.app.ctx.jobDefinitions.find((d) => d.name === KPI_SNAPSHOT_QUEUE);
      assert.deepEqual([job?.cron, job?.runOnStart], ['30 1 1 * *', true]);
      await job!.handler({});
      assert.equal(await count(), SNAPSHOT_MONTHS * kpiIds().length);

      // A past month's snapshot equals what the scorecard computes as at that month's end.
      for (const month of ['2026-01', '2026-03', '2026-05', '2026-08', '2026-10']) {
        const { from, to } = monthBounds(month);
        const live = (await api(t, analyst, `/api/v1/kpis?from=${from}&to=${to}&asAt=${to}`)).json() as Row[];
        const stored = await asSystem(db, (trx) => trx.selectFrom('kpi_snapshot').select(['kpi_id', 'value', 'numerator', 'denominator']).where('month_end', '=', to).execute());
        const byId = new Map(stored.map((r) => [r.kpi_id, r]));
        for (const r of live) {
          const s = byId.get(r.id);
          assert.ok(s, `${month} ${r.id} stored`);
          assert.deepEqual([s.value, s.numerator, s.denominator], [r.value, r.numerator, r.denominator], `${month} ${r.id}`);
        }
      }
      const may = await asSystem(db, (trx) => trx.selectFrom('kpi_snapshot').select(['value', 'numerator', 'denominator']).where('month_end', '=', '2026-05-31').where('kpi_id', '=', 'plans-issued-within-20-weeks-pc').executeTakeFirstOrThrow());
      assert.deepEqual(may, { value: 100, numerator: 1, denominator: 1 }, 'A issued within 20 weeks in May');
      const march = await asSystem(db, (trx) => trx.selectFrom('kpi_snapshot').select(['value']).where('month_end', '=', '2026-03-31').where('kpi_id', '=', 'plans-issued-within-20-weeks-pc').executeTakeFirstOrThrow());
      assert.equal(march.value, null, 'no plans issued in March: no data, not 0');

      // The job's audit row names the months, nothing about children.
      const audits = await asSystem(db, (trx) => trx.selectFrom('audit_event').select(['detail', 'actor_label']).where('action', '=', 'performance.snapshots-written').execute());
      assert.equal(audits.length, 1);
      assert.deepEqual((audits[0]!.detail as { months: string[] }).months, months);

      // Another area sees none of these snapshots (row-level security).
      const other = await asSystem(db, (trx) => trx.insertInto('area').values({ code: 'E55555555', name: 'Elsewhere' }).returning('id').executeTakeFirstOrThrow());
      assert.equal((await withArea(db, other.id, (trx) => trx.selectFrom('kpi_snapshot').selectAll().execute())).length, 0);

      // The KPI page's trend reads the snapshots for past months: a stored figure is what it shows.
      await asSystem(db, (trx) => trx.updateTable('kpi_snapshot').set({ value: 42 }).where('month_end', '=', '2026-05-31').where('kpi_id', '=', 'new-plans').execute());
      const kpiPage = await analyst.get('/performance/kpis/new-plans');
      assert.equal(kpiPage.statusCode, 200, kpiPage.body.slice(0, 3000));
      let $ = cheerio.load(kpiPage.body);
      const trendRow = (month: string, year: string) => $('table').filter((_, el) => $(el).find('caption').text().includes('month by month')).find('tbody tr')
        .filter((_, tr) => $(tr).text().includes(month) && $(tr).text().includes(year)).text();
      assert.match(trendRow('May', '2026'), /42/, 'May 2026 from the snapshot');
      assert.match(trendRow('Apr', '2026'), /\b0\b/, 'April 2026 from its snapshot: no new plans');
      assert.match(trendRow('Nov', '2026'), /\b0\b/, 'the running month computed live');
      // The scorecard's sparkline says the same in words.
      $ = cheerio.load((await analyst.get('/performance')).body);
      const newPlansRow = $('table tbody tr').filter((_, tr) => $(tr).find('a[href^="/performance/kpis/new-plans?"]').length > 0);
      assert.match(newPlansRow.find('svg title').text(), /highest 42/);
      assert.equal($('table tbody tr svg[role="img"]').length, kpiIds().length, 'a sparkline on every row');

      // --- The cache: any recorded event, or a change of team, is seen at once ---------------------
      const y2026 = '/api/v1/kpis?from=2026-01-01&to=2026-10-31';
      const k = async (url = y2026) => new Map(((await api(t, analyst, url)).json() as Row[]).map((r) => [r.id, r]));
      assert.equal((await k()).get('refusals-to-assess')!.value, 1);
      await openCase(t, caseworker, 'Eve', '2026-04-06', [['decision-not-to-assess', '2026-05-01', { reasons: 'Needs can be met by the school' }]]);
      assert.equal((await k()).get('refusals-to-assess')!.value, 2, 'a new case is counted straight away');

      // --- Breakdowns by team and by setting -------------------------------------------------------
      const team = (await k(`${y2026}&by=team`)).get('requests-received')!.breakdown!;
      assert.deepEqual(team.map((g) => [g.label, g.value]), [['Demo Borough Council SEND Service', 5]]);
      const ep = await asSystem(db, (trx) => trx.selectFrom('app_user').select('id').where('email', '=', 'ep@demo.joinedup.invalid').executeTakeFirstOrThrow());
      await asSystem(db, (trx) => trx.updateTable('ehc_case').set({ assigned_to: ep.id }).where('id', '=', C).execute());
      const moved = (await k(`${y2026}&by=team`)).get('requests-received')!.breakdown!;
      assert.deepEqual(moved.map((g) => [g.label, g.value]), [['Demo Borough Council SEND Service', 4], ['Demo Borough Educational Psychology Service', 1]], 'reassignment moves the case to the new team');
      const setting = (await k(`${y2026}&by=setting`)).get('plans-in-force')!.breakdown!;
      assert.deepEqual(setting.map((g) => [g.key, g.label, g.value]), [['100001', 'Alder Primary', 1], ['Riverside Academy', 'Riverside Academy', 1], ['not-recorded', 'Not recorded', 0]]);
      assert.equal((await api(t, analyst, `${y2026}&by=need`)).statusCode, 400);

      const page = cheerio.load((await analyst.get('/performance/kpis/plans-in-force?from=2026-01-01&to=2026-10-31&by=setting')).body);
      const bt = page('#breakdown').nextAll('table').first();
      assert.match(bt.find('caption').text(), /by setting/);
      assert.deepEqual(bt.find('tbody tr th').map((_, th) => page(th).text().trim()).get(), ['Alder Primary', 'Riverside Academy', 'Not recorded']);

      // --- Excel exports: real numbers with a % format, real dates, empty cells for no data ----------
      await analyst.get('/performance/kpis/plans-issued-within-20-weeks-pc');
      const set = await analyst.post('/performance/kpis/plans-issued-within-20-weeks-pc/target', { target: '60', tolerance: '5', responsibleOfficer: 'Head of SEND', commentary: 'Recovery plan agreed' });
      assert.equal(set.statusCode, 303);
      const sc = await analyst.get('/performance?from=2026-01-01&to=2026-10-31&format=xlsx');
      assert.equal(sc.statusCode, 200);
      assert.match(String(sc.headers['content-type']), /spreadsheetml/);
      let wb = await workbook(sc.rawPayload);
      const ws = wb.getWorksheet('Scorecard')!;
      assert.deepEqual((ws.getRow(1).values as unknown[]).slice(1, 6), ['kpi_id', 'kpi', 'value', 'numerator', 'denominator']);
      const rowOf = (sheet: ExcelJS.Worksheet, id: string) => { let found: ExcelJS.Row | undefined; sheet.eachRow((r) => { if (r.getCell(1).value === id) found = r; }); assert.ok(found, id); return found; };
      const timely = rowOf(ws, 'plans-issued-within-20-weeks-pc');
      assert.equal(timely.getCell(3).type, ExcelJS.ValueType.Number);
      assert.equal(timely.getCell(3).value, 0.5, 'A in 19 weeks, B in 30: 50.0% stored as 0.5');
      assert.equal(timely.getCell(3).numFmt, '0.0%');
      assert.deepEqual([timely.getCell(4).value, timely.getCell(5).value], [1, 2]);
      assert.equal(rowOf(ws, 'requests-received').getCell(3).value, 5);
      const noData = rowOf(ws, 'annual-reviews-on-time-pc');
      assert.equal(noData.getCell(3).type, ExcelJS.ValueType.Null, 'no data is an empty cell, not 0');
      assert.ok(wb.getWorksheet('Exception report'), 'the exception report is a second sheet');
      assert.equal(rowOf(wb.getWorksheet('Exception report')!, 'plans-issued-within-20-weeks-pc').getCell(7).value, 'Below target');

      const ex = await analyst.get('/performance/exceptions?from=2026-01-01&to=2026-10-31&format=xlsx');
      wb = await workbook(ex.rawPayload);
      assert.equal(rowOf(wb.worksheets[0]!, 'plans-issued-within-20-weeks-pc').getCell(4).value, 0.6, 'the demo target, 60%');
      assert.match((await analyst.get('/performance/exceptions?from=2026-01-01&to=2026-10-31&format=csv')).body, /^kpi_id,kpi,value,target/);
      assert.equal((await analyst.get('/performance/exceptions?format=pdf')).statusCode, 400);

      const br = await analyst.get('/performance/kpis/plans-in-force/breakdown?from=2026-01-01&to=2026-10-31&by=setting&format=xlsx');
      assert.equal(br.statusCode, 200);
      wb = await workbook(br.rawPayload);
      const bws = wb.worksheets[0]!;
      assert.deepEqual((bws.getRow(2).values as unknown[]).slice(1, 4), ['Alder Primary', '100001', 1]);
      assert.equal(bws.getRow(2).getCell(3).type, ExcelJS.ValueType.Number);
      const brPc = await workbook((await analyst.get('/performance/kpis/plans-issued-within-20-weeks-pc/breakdown?from=2026-01-01&to=2026-10-31&by=team&format=xlsx')).rawPayload);
      const teamRows: unknown[][] = [];
      brPc.worksheets[0]!.eachRow((r, n) => { if (n > 1 && r.getCell(2).value) teamRows.push([r.getCell(1).value, r.getCell(3).value]); });
      assert.deepEqual(teamRows, [['Demo Borough Council SEND Service', 0.5], ['Demo Borough Educational Psychology Service', null]], 'a team with no plans: empty, not 0%');
      assert.equal(brPc.worksheets[0]!.getRow(2).getCell(3).numFmt, '0.0%');
      assert.match((await analyst.get('/performance/kpis/plans-in-force/breakdown?by=team&format=csv')).body, /^team,team_key,value/);
      assert.equal((await analyst.get('/performance/kpis/plans-in-force/breakdown?by=colour&format=csv')).statusCode, 400);

      const drill = await analyst.get('/performance/kpis/plans-issued-within-20-weeks-pc/cases?from=2026-01-01&to=2026-10-31&format=xlsx');
      assert.equal(drill.statusCode, 200);
      wb = await workbook(drill.rawPayload);
      const dws = wb.worksheets[0]!;
      const a = rowOf(dws, A);
      assert.deepEqual([a.getCell(2).value, a.getCell(3).value], ['yes', 'yes']);
      assert.equal(a.getCell(4).type, ExcelJS.ValueType.Date);
      assert.equal((a.getCell(4).value as Date).toISOString().slice(0, 10), '2026-01-05');
      assert.equal((rowOf(dws, B).getCell(5).value as Date).toISOString().slice(0, 10), '2026-08-31');
      assert.equal(rowOf(dws, B).getCell(2).value, 'no');
      const drillAudits = await asSystem(db, (trx) => trx.selectFrom('audit_event').select(['entity_id']).where('action', '=', 'performance.drill-down').execute());
      assert.deepEqual(drillAudits.map((r) => r.entity_id), ['plans-issued-within-20-weeks-pc'], 'the download is audited');
      const board = await t.signIn('board@demo.joinedup.invalid');
      assert.equal((await board.get('/performance/kpis/plans-issued-within-20-weeks-pc/cases?format=xlsx')).statusCode, 403, 'board members cannot download cases');
    } finally {
      await t.close();
      await database.close();
    }
  });
}
