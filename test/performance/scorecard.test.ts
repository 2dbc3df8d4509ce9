// The KPI scorecard against the demo area: a small hand-built caseload in 2010 (before any demo case),
// so every figure for 2010 is known. Today is Monday 23 November 2026.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { buildTestApp, type TestApp, type TestBrowser } from '../helpers/app.ts';
import { asSystem } from '../../src/platform/db/database.ts';
import { hashPassword } from '../../src/platform/auth/password.ts';
import { computeKpis, kpiIds, type KpiCase } from '../../src/modules/performance/kpis/index.ts';
import { importBenchmarkFolder } from '../../src/modules/performance/benchmarks/service.ts';
import { ROOT_DIR } from '../../src/platform/views/nunjucks.ts';
import path from 'node:path';

let t: TestApp;
let caseworker: TestBrowser;
let analyst: TestBrowser;
const ids: Record<'A' | 'B' | 'C', string> = { A: '', B: '', C: '' };
const Y2010 = '/api/v1/kpis?from=2010-01-01&to=2010-12-31';
type Row = { id: string; name: string; value: number | null; numerator: number | null; denominator: number | null; unit: string; polarity: string; target: number | null; rag: string | null; direction: string | null };

const PLAN = { needs: [{ senType: 'ASD', description: 'Social communication', outcomes: [], provision: [] }] };

async function api(b: TestBrowser, url: string, body?: unknown) {
  if (body === undefined) return b.get(url, { accept: 'application/json' });
  return t.app.inject({ method: 'POST', url, headers: { cookie: b.cookieHeader(), 'content-type': 'application/json', 'x-csrf-token': b.csrf() }, payload: JSON.stringify(body) });
}

async function openCase(givenName: string, receivedOn: string, events: [string, string, Record<string, unknown>?][]): Promise<string> {
  await caseworker.get('/account');
  const res = await api(caseworker, '/api/v1/cases', { child: { givenName, familyName: 'Kpi', dateOfBirth: '2003-03-01' }, requester: 'school', receivedOn });
  assert.equal(res.statusCode, 201, res.body);
  const id = res.json().id as string;
  for (const [type, effectiveDate, data] of events) {
    const r = await api(caseworker, `/api/v1/cases/${id}/events`, { type, effectiveDate, data: data ?? {} });
    assert.equal(r.statusCode, 201, `${type}: ${r.body}`);
  }
  return id;
}

before(async () => {
  t = await buildTestApp({ demoData: true });
  caseworker = await t.signIn('caseworker@demo.joinedup.invalid');
  analyst = await t.signIn('analyst@demo.joinedup.invalid');
  // A: decided in 4 weeks, plan issued in 19 weeks. B: decided in 59 days, plan in 212 days. C: refused in 4 weeks.
  ids.A = await openCase('Ada', '2010-01-04', [['decision-to-assess', '2010-02-01'], ['decision-to-issue', '2010-04-01'], ['draft-plan-issued', '2010-04-12', { plan: PLAN }], ['final-plan-issued', '2010-05-17']]);
  ids.B = await openCase('Ben', '2010-02-01', [['decision-to-assess', '2010-04-01'], ['decision-to-issue', '2010-06-01'], ['draft-plan-issued', '2010-07-01', { plan: PLAN }], ['final-plan-issued', '2010-09-01']]);
  ids.C = await openCase('Cal', '2010-03-01', [['decision-not-to-assess', '2010-03-29', { reasons: 'Needs can be met by the school' }]]);
});
after(async () => { await t.close(); });

const byId = (rows: Row[]) => new Map(rows.map((r) => [r.id, r]));

test('GET /api/v1/kpis returns every KPI with exact values for a hand-built caseload', async () => {
  const res = await api(analyst, Y2010);
  assert.equal(res.statusCode, 200, res.body);
  const rows = res.json() as Row[];
  assert.deepEqual(rows.map((r) => r.id), kpiIds(), 'every KPI, in catalogue order');
  for (const r of rows) assert.deepEqual(Object.keys(r), ['id', 'name', 'value', 'numerator', 'denominator', 'unit', 'polarity', 'target', 'rag', 'direction']);
  const k = byId(rows);
  // Hand-worked figures.
  assert.equal(k.get('requests-received')!.value, 3);
  assert.equal(k.get('refusals-to-assess')!.value, 1);
  assert.equal(k.get('new-plans')!.value, 2);
  assert.deepEqual([k.get('plans-issued-within-20-weeks-pc')!.value, k.get('plans-issued-within-20-weeks-pc')!.numerator, k.get('plans-issued-within-20-weeks-pc')!.denominator], [50, 1, 2]);
  assert.equal(k.get('plans-issued-20-to-52-weeks-pc')!.value, 50);
  assert.equal(k.get('plans-issued-over-52-weeks-pc')!.value, 0);
  assert.equal(k.get('average-weeks-to-issue')!.value, 24.6, '(133 + 212) / 2 days = 24.64 weeks');
  assert.equal(k.get('plans-in-force')!.value, 2);
  assert.equal(k.get('send-tribunal-appeals-registered')!.value, 0);
  // Every KPI equals the engine's answer on the same caseload written out by hand.
  const none = { reviews: [], phaseTransfers: [], advice: [], mediations: [], appeals: [] };
  const hand: KpiCase[] = [
    { caseId: ids.A, childId: 'a', dateOfBirth: '2003-03-01', primaryNeed: 'ASD', requestReceivedOn: '2010-01-04', decisionToAssess: { on: '2010-02-01', outcome: 'assess' }, issueDecision: { on: '2010-04-01', outcome: 'issue' }, draftIssuedOn: '2010-04-12', finalIssuedOn: '2010-05-17', ...none, reviews: [{ dueOn: '2011-05-17' }] },
    { caseId: ids.B, childId: 'b', dateOfBirth: '2003-03-01', primaryNeed: 'ASD', requestReceivedOn: '2010-02-01', decisionToAssess: { on: '2010-04-01', outcome: 'assess' }, issueDecision: { on: '2010-06-01', outcome: 'issue' }, draftIssuedOn: '2010-07-01', finalIssuedOn: '2010-09-01', ...none, reviews: [{ dueOn: '2011-09-01' }] },
    { caseId: ids.C, childId: 'c', dateOfBirth: '2003-03-01', requestReceivedOn: '2010-03-01', decisionToAssess: { on: '2010-03-29', outcome: 'refuse' }, ...none },
  ];
  for (const e of computeKpis(hand, { from: '2010-01-01', to: '2010-12-31', asAt: '2010-12-31' })) {
    const r = k.get(e.id)!;
    assert.deepEqual([r.value, r.numerator, r.denominator], [e.value, e.numerator ?? null, e.denominator ?? null], e.id);
  }
  // The previous year (2009) has no figures: direction is not given rather than invented.
  assert.equal(k.get('plans-issued-within-20-weeks-pc')!.direction, null);
});

test('a period with no data gives null, not 0, for percentages', async () => {
  const rows = (await api(analyst, '/api/v1/kpis?from=2008-01-01&to=2008-12-31')).json() as Row[];
  const k = byId(rows);
  for (const id of ['plans-issued-within-20-weeks-pc', 'requests-decided-within-6-weeks-pc', 'annual-reviews-on-time-pc', 'average-weeks-to-issue']) {
    assert.equal(k.get(id)!.value, null, id);
    assert.equal(k.get(id)!.rag, null, `${id}: no value, no rating`);
  }
  assert.equal(k.get('new-plans')!.value, 0, 'a count with cases loaded but none in the period is 0');
  const bad = await api(analyst, '/api/v1/kpis?from=2010-13-01&to=2010-12-31');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /from/);
});

test('RAG comes from the target set on the KPI page; the change is audited', async () => {
  // The demo target (60%, tolerance 5) makes 50% red.
  let k = byId((await api(analyst, Y2010)).json() as Row[]);
  assert.deepEqual([k.get('plans-issued-within-20-weeks-pc')!.target, k.get('plans-issued-within-20-weeks-pc')!.rag], [60, 'red']);
  const page = await analyst.get('/performance/kpis/plans-issued-within-20-weeks-pc?from=2010-01-01&to=2010-12-31');
  assert.equal(page.statusCode, 200);
  const bad = await analyst.post('/performance/kpis/plans-issued-within-20-weeks-pc/target?from=2010-01-01&to=2010-12-31', { target: 'lots', tolerance: '', responsibleOfficer: '', commentary: '' });
  assert.equal(bad.statusCode, 400);
  assert.match(cheerio.load(bad.body)('.govuk-error-summary').text(), /target as a number/);
  await analyst.get('/performance/kpis/plans-issued-within-20-weeks-pc');
  const ok = await analyst.post('/performance/kpis/plans-issued-within-20-weeks-pc/target?from=2010-01-01&to=2010-12-31', { target: '52', tolerance: '3', responsibleOfficer: 'Head of SEND', commentary: 'Recovery plan agreed' });
  assert.equal(ok.statusCode, 303);
  k = byId((await api(analyst, Y2010)).json() as Row[]);
  assert.deepEqual([k.get('plans-issued-within-20-weeks-pc')!.target, k.get('plans-issued-within-20-weeks-pc')!.rag], [52, 'amber']);
  const audits = await asSystem(t.database.db, (trx) => trx.selectFrom('audit_event').select(['entity_id']).where('action', '=', 'performance.target-set').execute());
  assert.deepEqual(audits.map((a) => a.entity_id), ['plans-issued-within-20-weeks-pc']);
});

test('the scorecard page renders every KPI with words for RAG and direction; CSV export; the exception report', async () => {
  const res = await analyst.get('/performance?from=2010-01-01&to=2010-12-31');
  assert.equal(res.statusCode, 200);
  const $ = cheerio.load(res.body);
  assert.equal($('table tbody tr').length, kpiIds().length);
  const row = $('table tbody tr').filter((_, el) => $(el).text().includes('Average time to issue') || $(el).find('a[href^="/performance/kpis/average-weeks-to-issue"]').length > 0).first();
  assert.match(row.text(), /24\.6 weeks/);
  assert.match(row.text(), /Below target/, 'RAG shown as words');
  assert.match($('#exceptions').nextAll().text(), /Average time|average/i);
  const csv = await analyst.get('/performance?from=2010-01-01&to=2010-12-31&format=csv');
  assert.equal(csv.statusCode, 200);
  assert.match(String(csv.headers['content-type']), /text\/csv/);
  assert.match(csv.body, /^kpi_id,kpi,value/);
  assert.match(csv.body, /\r\nplans-issued-within-20-weeks-pc,[^\r\n]*,50,1,2,percent,higher,52,3,Close to target/);
  const bad = await analyst.get('/performance?from=2010-02-31');
  assert.equal(bad.statusCode, 400);
  assert.equal((await analyst.get('/performance/kpis/no-such-kpi')).statusCode, 404);
});

test('a KPI page shows the definition, trend table and benchmark; drill-down lists the cases and is audited', async () => {
  const res = await analyst.get('/performance/kpis/plans-issued-within-20-weeks-pc?from=2010-01-01&to=2010-12-31');
  let $ = cheerio.load(res.body);
  assert.match($('main').text(), /Numerator/);
  assert.equal($('#benchmark').length, 0, 'no benchmark data imported yet: no comparison');
  const imported = await importBenchmarkFolder(t.database.db, path.join(ROOT_DIR, 'reference'), { actor: 'test' });
  assert.ok(imported.ok);
  await new Promise((r) => setTimeout(r, 2100)); // the reader rechecks which import is current every 2 s
  $ = cheerio.load((await analyst.get('/performance/kpis/plans-issued-within-20-weeks-pc?from=2010-01-01&to=2010-12-31')).body);
  assert.match($('#benchmark').text(), /Benchmark, 2024/);
  assert.match($('main').text(), /Halton \(published\)/);
  assert.match($('main').text(), /England/);
  assert.equal($('svg[role="img"]').length, 1);
  assert.ok($('table caption').text().includes('month by month'));
  const drill = cheerio.load((await analyst.get('/performance/kpis/plans-issued-within-20-weeks-pc?from=2010-01-01&to=2010-12-31&drill=1')).body);
  assert.deepEqual(drill('#numerator-cases a').map((_, a) => drill(a).attr('href')).get(), [`/casework/cases/${ids.A}`]);
  assert.deepEqual(drill('#denominator-cases a').map((_, a) => drill(a).attr('href')).get().sort(), [`/casework/cases/${ids.A}`, `/casework/cases/${ids.B}`].sort());
  const audits = await asSystem(t.database.db, (trx) => trx.selectFrom('audit_event').select(['entity_id', 'detail']).where('action', '=', 'performance.drill-down').execute());
  assert.equal(audits.length, 1);
  // Board members see the scorecard but not the cases.
  const board = await t.signIn('board@demo.joinedup.invalid');
  const b = cheerio.load((await board.get('/performance/kpis/plans-issued-within-20-weeks-pc?from=2010-01-01&to=2010-12-31&drill=1')).body);
  assert.equal(b('#numerator-cases').length, 0);
  assert.equal(b('form[action*="/target"]').length, 0);
});

test('analysts and board members land on /performance; a SENCO is refused (403)', async () => {
  const senco = await t.signIn('senco@demo.joinedup.invalid');
  assert.equal((await senco.get('/performance')).statusCode, 403);
  assert.equal((await senco.get('/performance/kpis/new-plans')).statusCode, 403);
  assert.equal((await api(senco, Y2010)).statusCode, 403);
  assert.equal((await analyst.get('/')).headers.location, '/performance');
  const board = await t.signIn('board@demo.joinedup.invalid');
  assert.equal((await board.get('/')).headers.location, '/performance');
});

test('another area sees nothing of this one', async () => {
  const hash = await hashPassword('Another-area-password-1');
  await asSystem(t.database.db, async (trx) => {
    const area = await trx.insertInto('area').values({ code: 'E55555555', name: 'Elsewhere' }).returning('id').executeTakeFirstOrThrow();
    const org = await trx.insertInto('organisation').values({ area_id: area.id, kind: 'la-team', name: 'Elsewhere SEND' }).returning('id').executeTakeFirstOrThrow();
    const user = await trx.insertInto('app_user').values({ email: 'analyst@elsewhere.invalid', name: 'Other Analyst', password_hash: hash, status: 'active', password_changed_at: new Date() }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('membership').values({ area_id: area.id, user_id: user.id, organisation_id: org.id, role: 'performance-analyst' }).execute();
  });
  const other = await t.signIn('analyst@elsewhere.invalid', 'Another-area-password-1');
  const rows = (await api(other, Y2010)).json() as Row[];
  const k = byId(rows);
  assert.equal(k.get('requests-received')!.value, null, 'no cases at all: a count is null');
  assert.ok(rows.every((r) => r.target === null && r.numerator !== 1 && (r.value === null || r.value === 0)), 'none of the demo area\'s cases or targets');
  const drill = cheerio.load((await other.get('/performance/kpis/plans-issued-within-20-weeks-pc?from=2010-01-01&to=2010-12-31&drill=1')).body);
  assert.equal(drill('#numerator-cases a').length, 0);
  assert.ok(!drill.html().includes(ids.A));
});
