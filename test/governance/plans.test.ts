// Improvement plans end to end: import through the page and the API (CSV and XLSX), progress updates,
// the summary as at two dates, history that reproduces a past date, closed plans, area isolation and
// board members' read-only access. Today is 23 November 2026 (the test clock).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { sql } from 'kysely';
import { buildTestApp, type TestApp, type TestBrowser } from '../helpers/app.ts';
import { asSystem } from '../../src/platform/db/database.ts';
import { sendPlanReminders } from '../../src/modules/governance/plans/reminders.ts';
import { DIRTY_CSV, DIRTY_PROBLEM_FIELDS, PLAN_CSV, multipart, planXlsx } from './plans-fixtures.ts';

const MANAGER = 'manager@demo.joinedup.invalid';
const BOARD = 'board@demo.joinedup.invalid';
const CASEWORKER = 'caseworker@demo.joinedup.invalid';

let t: TestApp;
let manager: TestBrowser;
let board: TestBrowser;
let csvPlanId = '';
let xlsxPlanId = '';
let managerToken = '';

before(async () => {
  t = await buildTestApp();
  manager = await t.signIn(MANAGER);
  board = await t.signIn(BOARD);
});
after(async () => { await t.close(); });

/** A CSRF token for a browser, from a page that has a form (read-only pages have none). */
async function csrfOf(b: TestBrowser): Promise<string> {
  await b.get('/account');
  return b.csrf();
}

async function tokenFor(email: string): Promise<string> {
  const b = await t.signIn(email);
  await b.get('/account');
  const res = await b.post('/account/tokens', { name: 'plans test', days: '30' });
  assert.equal(res.statusCode, 200);
  return cheerio.load(res.body)('#new-token').text();
}

/** Posts the import page's multipart form the way a browser does: the CSRF token in the action URL. */
async function importThroughPage(b: TestBrowser, fields: Record<string, string>, file: { name: string; type: string; bytes: Uint8Array | string }) {
  const page = await b.get('/governance/plans/import');
  assert.equal(page.statusCode, 200);
  const action = cheerio.load(page.body)('form[enctype="multipart/form-data"]').attr('action')!;
  assert.match(action, /^\/governance\/plans\/import\?_csrf=/);
  const { payload, contentType } = await multipart(fields, file);
  return t.app.inject({ method: 'POST', url: action.replace(/&amp;/g, '&'), payload, headers: { cookie: b.cookieHeader(), 'content-type': contentType } });
}

async function summary(planId: string, asAt: string, auth: Record<string, string>) {
  const res = await t.app.inject({ url: `/api/v1/improvement-plans/${planId}/summary?asAt=${asAt}`, headers: auth });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

const counts = (c: Record<string, unknown>) => [c['actions'], c['complete'], c['onTarget'], c['delayed'], c['notStarted']];
const percents = (c: Record<string, unknown>) => [c['percentComplete'], c['percentOnTarget'], c['percentDelayed'], c['percentNotStarted'], c['percentCompleteOrOnTarget']];

async function actionId(planId: string, reference: string): Promise<string> {
  const r = await t.database.db.selectFrom('plan_action').select('id').where('plan_id', '=', planId).where('reference', '=', reference).executeTakeFirstOrThrow();
  return r.id;
}

async function postUpdate(b: TestBrowser, planId: string, ref: string, date: string, narrative: string, newStatus = '') {
  const id = await actionId(planId, ref);
  await b.get(`/governance/plans/${planId}/actions/${id}`);
  const [y, m, d] = date.split('-');
  return b.post(`/governance/plans/${planId}/actions/${id}/updates`, { 'date-day': d!, 'date-month': m!, 'date-year': y!, narrative, evidenceUrl: '', evidenceText: '', newStatus });
}

test('a CSV imported through the page creates the plan, priorities, actions, first statuses and updates', async () => {
  const res = await importThroughPage(manager, { name: 'Priority action plan 2026', kind: 'priority-action-plan', scheme: 'rag', 'asAt-day': '30', 'asAt-month': '6', 'asAt-year': '2026', inspectionId: '' },
    { name: 'pap.csv', type: 'text/csv', bytes: PLAN_CSV });
  assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
  const m = /^\/governance\/plans\/([0-9a-f-]{36})\?imported=1$/.exec(String(res.headers.location));
  assert.ok(m, String(res.headers.location));
  csvPlanId = m[1]!;

  const db = t.database.db;
  const priorities = await db.selectFrom('plan_priority').select(['reference', 'title']).where('plan_id', '=', csvPlanId).orderBy('position').execute();
  assert.deepEqual(priorities.map((p) => p.reference), ['1', '2', '3']);
  assert.equal(priorities[0]!.title, 'Leaders should cooperate at pace to improve shared strategic oversight, governance, support and challenge');
  const a12 = await db.selectFrom('plan_action').selectAll().where('plan_id', '=', csvPlanId).where('reference', '=', '1.2').executeTakeFirstOrThrow();
  assert.equal(a12.description, 'Integrated SEND performance dashboard, 25-30 KPIs');
  assert.equal(a12.lead_officer, 'BI lead');
  assert.equal(a12.senior_responsible_officer, 'Director of Children\'s Services');
  assert.equal(a12.start_date, '2026-02-01');
  assert.equal(a12.due_date, '2026-04-30');
  assert.equal(a12.success_measures, 'KPI EHC-20WK and ND-WAIT reported monthly');
  assert.equal(a12.created_on, '2026-06-30');
  assert.equal((await db.selectFrom('plan_action').select('id').where('plan_id', '=', csvPlanId).execute()).length, 15);
  const history = await db.selectFrom('plan_action_status').select(['effective_date', 'status']).where('plan_id', '=', csvPlanId).execute();
  assert.equal(history.length, 15);
  assert.ok(history.every((h) => h.effective_date === '2026-06-30'));
  // The update column became the first progress update, dated as at the import.
  const updates = await db.selectFrom('plan_action_update').select(['action_id', 'update_date', 'narrative', 'new_status']).where('plan_id', '=', csvPlanId).execute();
  assert.equal(updates.length, 6);
  const u12 = updates.find((u) => u.action_id === a12.id)!;
  assert.deepEqual(u12, { action_id: a12.id, update_date: '2026-06-30', narrative: 'Working group set up;\nfirst draft presented 20 June', new_status: 'complete' });
  const events = await db.selectFrom('audit_event').select(['action', 'detail']).where('action', '=', 'improvement-plan.imported').execute();
  assert.deepEqual(events.map((e) => e.detail), [{ priorities: 3, actions: 15, scheme: 'rag', asAt: '2026-06-30' }]);

  const page = await manager.get(`/governance/plans/${csvPlanId}?asAt=2026-06-30`);
  assert.equal(page.statusCode, 200);
  const $ = cheerio.load(page.body);
  const overall = $('#progress tbody tr').last().find('td').map((_, td) => $(td).text().replace(/\s+/g, ' ').trim()).get();
  assert.deepEqual(overall, ['15', '4 (27%)', '6 (40%)', '4 (27%)', '1 (7%)', '67%']);
});

test('progress updates change status from their date; the summary API gives exact figures as at two dates', async () => {
  const before = await summary(csvPlanId, '2026-06-30', { cookie: manager.cookieHeader() });
  assert.deepEqual(before.priorities.map((p: Record<string, unknown>) => [p['reference'], ...counts(p), ...percents(p)]), [
    ['1', 7, 3, 2, 1, 1, 43, 29, 14, 14, 71],
    ['2', 5, 0, 3, 2, 0, 0, 60, 40, 0, 60],
    ['3', 3, 1, 1, 1, 0, 33, 33, 33, 0, 67],
  ]);
  assert.deepEqual([...counts(before.overall), ...percents(before.overall)], [15, 4, 6, 4, 1, 27, 40, 27, 7, 67]);
  assert.deepEqual(before.plan, { id: csvPlanId, name: 'Priority action plan 2026', kind: 'priority-action-plan', kindLabel: 'Priority action plan (2023 framework)', scheme: 'rag', status: 'open', inspectionId: null, createdOn: '2026-06-30', closedOn: null, asAt: '2026-06-30' });

  for (const [ref, date, status] of [['1.4', '2026-09-15', 'complete'], ['1.6', '2026-09-15', 'on-target'], ['1.7', '2026-11-01', 'on-target'], ['2.4', '2026-11-01', 'complete'], ['3.3', '2026-11-01', '']] as const) {
    const res = await postUpdate(manager, csvPlanId, ref, date, `Progress on ${ref} reported to the board`, status);
    assert.equal(res.statusCode, 303, res.body.slice(0, 1500));
  }
  // A caseworker (governance.update-action) may record updates too.
  const byCaseworker = await postUpdate(await t.signIn(CASEWORKER), csvPlanId, '2.1', '2026-11-20', 'Protocol drafted');
  assert.equal(byCaseworker.statusCode, 303);

  const now = await summary(csvPlanId, '2026-11-23', { cookie: manager.cookieHeader() });
  assert.deepEqual(now.priorities.map((p: Record<string, unknown>) => [p['reference'], ...counts(p), ...percents(p)]), [
    ['1', 7, 4, 3, 0, 0, 57, 43, 0, 0, 100],
    ['2', 5, 1, 3, 1, 0, 20, 60, 20, 0, 80],
    ['3', 3, 1, 1, 1, 0, 33, 33, 33, 0, 67],
  ]);
  assert.deepEqual([...counts(now.overall), ...percents(now.overall)], [15, 6, 7, 2, 0, 40, 47, 13, 0, 87]);
  // Between the two changes.
  const mid = await summary(csvPlanId, '2026-10-01', { cookie: manager.cookieHeader() });
  assert.deepEqual([...counts(mid.priorities[0]), ...percents(mid.priorities[0])], [7, 4, 2, 0, 1, 57, 29, 0, 14, 86]);
  // Before the plan existed in the system it had no actions.
  const early = await summary(csvPlanId, '2026-01-01', { cookie: manager.cookieHeader() });
  assert.deepEqual([early.overall.actions, early.overall.percentComplete], [0, null]);

  // The action page shows the update, who recorded it and the status history.
  const page = await manager.get(`/governance/plans/${csvPlanId}/actions/${await actionId(csvPlanId, '1.4')}`);
  const $ = cheerio.load(page.body);
  assert.deepEqual($('#history tbody tr').map((_, tr) => $(tr).find('th, td').slice(0, 3).map((__, c) => $(c).text().trim()).get().join(' | ')).get(),
    ['15 September 2026 | Complete | Morgan Manager', '30 June 2026 | On target | Morgan Manager']);
  assert.match(page.body, /Progress on 1\.4 reported to the board/);
});

test('status history is append-only and reproduces a past reporting date exactly after later changes', async () => {
  const snapshot = await summary(csvPlanId, '2026-09-30', { cookie: manager.cookieHeader() });
  // Later changes, and one dated before the last change of 1.1's status, which is refused.
  assert.equal((await postUpdate(manager, csvPlanId, '1.5', '2026-11-22', 'Slipped', 'delayed')).statusCode, 303);
  assert.equal((await postUpdate(manager, csvPlanId, '1.5', '2026-11-23', 'Recovered', 'on-target')).statusCode, 303);
  const backdated = await postUpdate(manager, csvPlanId, '1.4', '2026-09-01', 'Rewriting history', 'delayed');
  assert.equal(backdated.statusCode, 400);
  assert.match(backdated.body, /The status already changed on 2026-09-15/);
  const impossible = await postUpdate(manager, csvPlanId, '1.5', '2026-02-31', '', 'complete');
  assert.equal(impossible.statusCode, 400);
  assert.deepEqual(cheerio.load(impossible.body)('.govuk-error-summary__list a').map((_, a) => cheerio.load(impossible.body)(a).text().trim()).get(),
    ['The date of the update must be a real date', 'Enter what progress has been made']);
  const future = await postUpdate(manager, csvPlanId, '1.5', '2026-12-01', 'Not yet', 'complete');
  assert.equal(future.statusCode, 400);
  assert.match(future.body, /must be today or in the past/);
  assert.deepEqual(await summary(csvPlanId, '2026-09-30', { cookie: manager.cookieHeader() }), snapshot);

  // The database itself refuses to rewrite history, even for the owner.
  const db = t.database.db;
  await assert.rejects(db.updateTable('plan_action_status').set({ status: 'complete' }).where('plan_id', '=', csvPlanId).execute(), /append-only/);
  await assert.rejects(db.deleteFrom('plan_action_status').where('plan_id', '=', csvPlanId).execute(), /append-only/);
  await assert.rejects(db.deleteFrom('plan_action_update').where('plan_id', '=', csvPlanId).execute(), /append-only/);
  await assert.rejects(sql`truncate plan_action_status`.execute(db), /append-only/);
});

test('the plan page filters by status, lead and priority and flags actions needing an update', async () => {
  const res = await board.get(`/governance/plans/${csvPlanId}?status=delayed`);
  assert.equal(res.statusCode, 200);
  const refs = (html: string) => { const $ = cheerio.load(html); return $('#action-list tbody tr').map((_, tr) => $(tr).attr('data-reference')).get(); };
  assert.deepEqual(refs(res.body), ['2.5', '3.3']);
  assert.deepEqual(refs((await board.get(`/governance/plans/${csvPlanId}?lead=BI%20lead`)).body), ['1.2', '1.7']);
  assert.deepEqual(refs((await board.get(`/governance/plans/${csvPlanId}?priority=3`)).body), ['3.1', '3.2', '3.3']);
  // Not complete and either no update since 23 October (1.6, 2.3, 3.2) or past the due date (1.5, 2.2, 2.5, 3.3).
  const needs = refs((await board.get(`/governance/plans/${csvPlanId}?status=needs-update`)).body);
  assert.deepEqual(needs, ['1.5', '1.6', '2.2', '2.3', '2.5', '3.2', '3.3']);
  const page = cheerio.load((await board.get(`/governance/plans/${csvPlanId}?status=needs-update`)).body);
  assert.match(page('#action-list tr[data-reference="2.5"]').text(), /Past due date/);
  assert.match(page('#action-list tr[data-reference="2.2"]').text(), /Update overdue/);
  // As at an earlier date, the table shows the statuses then.
  assert.deepEqual(refs((await board.get(`/governance/plans/${csvPlanId}?asAt=2026-06-30&status=not-started`)).body), ['1.7']);
});

test('an XLSX imported through the API (BRAG) gives exact half-up percentages', async () => {
  const token = managerToken = await tokenFor(MANAGER);
  const { payload, contentType } = await multipart({ name: 'Neurodevelopmental pathway plan', scheme: 'brag', asAt: '2026-07-01' },
    { name: 'plan.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes: await planXlsx() });
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/improvement-plans/import', payload, headers: { authorization: `Bearer ${token}`, 'content-type': contentType } });
  assert.equal(res.statusCode, 201, res.body);
  const { id, plan } = res.json();
  xlsxPlanId = id;
  assert.equal(plan.scheme, 'brag');
  const s = await summary(id, '2026-07-01', { authorization: `Bearer ${token}` });
  assert.deepEqual(s.overall, {
    actions: 8, complete: 3, onTarget: 3, delayed: 1, notStarted: 1, embedded: 1,
    percentComplete: 38, percentOnTarget: 38, percentDelayed: 13, percentNotStarted: 13, percentCompleteOrOnTarget: 75, percentEmbedded: 13,
  });
  assert.deepEqual(s.priorities.map((p: Record<string, unknown>) => [p['reference'], p['title']]), [['4', 'Improve early identification and access to specialist health pathways']]);
  const list = await t.app.inject({ url: '/api/v1/improvement-plans', headers: { authorization: `Bearer ${token}` } });
  assert.deepEqual(list.json().plans.map((p: { name: string; actions: number }) => [p.name, p.actions]).sort(), [['Neurodevelopmental pathway plan', 8], ['Priority action plan 2026', 15]]);
  // The same workbook through the page.
  const page = await importThroughPage(manager, { name: 'Workbook via page', kind: 'wsoa', scheme: 'brag' }, { name: 'plan.xlsx', type: 'application/octet-stream', bytes: await planXlsx() });
  assert.equal(page.statusCode, 303, page.body.slice(0, 1000));
  const pageId = /plans\/([0-9a-f-]{36})/.exec(String(page.headers.location))![1]!;
  const viaPage = await summary(pageId, '2026-11-23', { authorization: `Bearer ${token}` });
  assert.deepEqual(viaPage.overall, s.overall);
  assert.equal(viaPage.plan.kind, 'wsoa');
});

test('updates through the API: 201, a status the scheme lacks is 400, a closed plan is 409', async () => {
  const auth = { authorization: `Bearer ${managerToken}`, 'content-type': 'application/json' };
  const post = (planId: string, id: string, body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: `/api/v1/improvement-plans/${planId}/actions/${id}/updates`, headers: auth, payload: JSON.stringify(body) });
  const ok = await post(xlsxPlanId, await actionId(xlsxPlanId, '4.8'), { date: '2026-11-20', narrative: 'Started early', newStatus: 'on-target', evidenceUrl: 'https://example.org/report' });
  assert.equal(ok.statusCode, 201, ok.body);
  const s = await summary(xlsxPlanId, '2026-11-23', { authorization: `Bearer ${managerToken}` });
  assert.deepEqual([s.overall.onTarget, s.overall.notStarted], [4, 0]);
  const rag = await post(csvPlanId, await actionId(csvPlanId, '1.5'), { date: '2026-11-23', narrative: 'x', newStatus: 'embedded' });
  assert.equal(rag.statusCode, 400);
  assert.deepEqual(rag.json().errors.map((e: { field: string }) => e.field), ['newStatus']);
  const missing = await post(xlsxPlanId, await actionId(xlsxPlanId, '4.8'), { narrative: '' });
  assert.equal(missing.statusCode, 400);
  assert.deepEqual(missing.json().errors.map((e: { field: string }) => e.field).sort(), ['date']);
  await asSystem(t.database.db, (trx) => trx.updateTable('improvement_plan').set({ status: 'closed', closed_on: '2026-11-23' }).where('id', '=', xlsxPlanId).execute());
  const closed = await post(xlsxPlanId, await actionId(xlsxPlanId, '4.8'), { date: '2026-11-23', narrative: 'Too late' });
  assert.equal(closed.statusCode, 409);
  assert.match(closed.json().detail, /is closed, so its actions cannot be updated/);
});

test('a dirty file lists every problem and writes nothing, through the page and the API', async () => {
  const db = t.database.db;
  const countRows = async () => Promise.all(['improvement_plan', 'plan_priority', 'plan_action', 'plan_action_status', 'plan_action_update'].map(async (table) =>
    Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db)).rows[0]!.n)));
  const before = await countRows();

  const res = await importThroughPage(manager, { name: 'Dirty plan', kind: 'priority-action-plan', scheme: 'rag' }, { name: 'dirty.csv', type: 'text/csv', bytes: DIRTY_CSV });
  assert.equal(res.statusCode, 400);
  const $ = cheerio.load(res.body);
  assert.match($('.govuk-error-summary').text(), /The file has 8 problems: nothing was imported/);
  const rows = $('#problems tbody tr').map((_, tr) => [$(tr).find('th, td').map((__, c) => $(c).text().trim()).get()]).get() as unknown as string[][];
  assert.equal(rows.length, 8);
  assert.deepEqual(rows[0], ['3', 'status (G3)', 'Finished', rows[0]![3]!]);
  assert.match(rows[0]![3]!, /"Finished" is not a recognised RAG status/);
  assert.deepEqual(rows.map((r) => `row ${r[0]} ${r[1]!.split(' ')[0]}`), DIRTY_PROBLEM_FIELDS);
  assert.equal($('input[name="name"]').val(), 'Dirty plan', 'the form keeps what was entered');

  const token = await tokenFor(MANAGER);
  const { payload, contentType } = await multipart({ name: 'Dirty plan' }, { name: 'dirty.csv', type: 'text/csv', bytes: DIRTY_CSV });
  const api = await t.app.inject({ method: 'POST', url: '/api/v1/improvement-plans/import', payload, headers: { authorization: `Bearer ${token}`, 'content-type': contentType } });
  assert.equal(api.statusCode, 400);
  assert.match(String(api.headers['content-type']), /^application\/problem\+json/);
  const problem = api.json();
  assert.deepEqual(problem.errors.map((e: { field: string }) => e.field), DIRTY_PROBLEM_FIELDS);
  assert.match(problem.errors[7].message, /^Cell G6: "In progress" is not a recognised RAG status/);
  assert.match(problem.errors[6].message, /^Cell F6: Due date: "next week" is not a date/);

  // Missing details are listed too.
  const none = await multipart({ name: '', scheme: 'purple' });
  const bad = await t.app.inject({ method: 'POST', url: '/api/v1/improvement-plans/import', payload: none.payload, headers: { authorization: `Bearer ${token}`, 'content-type': none.contentType } });
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(bad.json().errors.map((e: { field: string }) => e.field), ['name', 'scheme', 'file']);
  assert.deepEqual(await countRows(), before);
});

test('a closed plan refuses updates with its own error; reopening allows them again', async () => {
  const page = await manager.get(`/governance/plans/${csvPlanId}`);
  assert.equal(page.statusCode, 200);
  const closed = await manager.post(`/governance/plans/${csvPlanId}/close`, {});
  assert.equal(closed.statusCode, 303);
  const before = (await t.database.db.selectFrom('plan_action_update').select('id').execute()).length;
  const id = await actionId(csvPlanId, '2.2');
  const actionPage = await manager.get(`/governance/plans/${csvPlanId}/actions/${id}`);
  assert.match(actionPage.body, /This plan was closed on 23 November 2026/);
  assert.equal(cheerio.load(actionPage.body)('form[action$="/updates"]').length, 0, 'no update form on a closed plan');
  const res = await manager.post(`/governance/plans/${csvPlanId}/actions/${id}/updates`, { _csrf: await csrfOf(manager), 'date-day': '23', 'date-month': '11', 'date-year': '2026', narrative: 'Too late', newStatus: 'complete' });
  assert.equal(res.statusCode, 409);
  assert.match(cheerio.load(res.body)('.govuk-error-summary').text(), /“Priority action plan 2026” is closed, so its actions cannot be updated/);
  assert.equal((await t.database.db.selectFrom('plan_action_update').select('id').execute()).length, before);
  const plan = await t.database.db.selectFrom('improvement_plan').select(['status', 'closed_on']).where('id', '=', csvPlanId).executeTakeFirstOrThrow();
  assert.deepEqual(plan, { status: 'closed', closed_on: '2026-11-23' });

  await manager.get(`/governance/plans/${csvPlanId}`);
  assert.equal((await manager.post(`/governance/plans/${csvPlanId}/reopen`, {})).statusCode, 303);
  assert.equal((await postUpdate(manager, csvPlanId, '2.2', '2026-11-23', 'Now done', 'complete')).statusCode, 303);
});

test('a priority and an action added later count only from the date they were added', async () => {
  await manager.get(`/governance/plans/${csvPlanId}`);
  const dup = await manager.post(`/governance/plans/${csvPlanId}/priorities`, { priorityReference: '3', priorityTitle: 'Again' });
  assert.equal(dup.statusCode, 400);
  assert.match(cheerio.load(dup.body)('.govuk-error-summary').text(), /The plan already has a priority 3/);
  const added = await manager.post(`/governance/plans/${csvPlanId}/priorities`, { priorityReference: '4', priorityTitle: 'Preparation for adulthood' });
  assert.equal(added.statusCode, 303);
  const empty = await summary(csvPlanId, '2026-11-23', { cookie: manager.cookieHeader() });
  assert.deepEqual(empty.priorities.at(-1), { reference: '4', title: 'Preparation for adulthood', actions: 0, complete: 0, onTarget: 0, delayed: 0, notStarted: 0, percentComplete: null, percentOnTarget: null, percentDelayed: null, percentNotStarted: null, percentCompleteOrOnTarget: null });

  const form = await manager.get(`/governance/plans/${csvPlanId}/actions/new`);
  assert.equal(form.statusCode, 200);
  const p4 = cheerio.load(form.body)('#priorityId option').filter((_, o) => cheerio.load(form.body)(o).text().startsWith('Priority 4')).attr('value')!;
  const fields = { priorityId: p4, reference: '1.1', description: 'Transition protocol with adult services', leadOfficer: 'Transitions lead', seniorResponsibleOfficer: '', partnerOrganisation: 'Adult social care',
    'dueDate-day': '31', 'dueDate-month': '3', 'dueDate-year': '2027', status: 'on-target', 'addedOn-day': '23', 'addedOn-month': '11', 'addedOn-year': '2026', successMeasures: '', evidence: '' };
  const taken = await manager.post(`/governance/plans/${csvPlanId}/actions`, fields);
  assert.equal(taken.statusCode, 400);
  assert.match(cheerio.load(taken.body)('.govuk-error-summary').text(), /The plan already has an action 1\.1/);
  const ok = await manager.post(`/governance/plans/${csvPlanId}/actions`, { ...fields, reference: '4.1' });
  assert.equal(ok.statusCode, 303, ok.body.slice(0, 1500));
  const before = await summary(csvPlanId, '2026-11-22', { cookie: manager.cookieHeader() });
  const after = await summary(csvPlanId, '2026-11-23', { cookie: manager.cookieHeader() });
  assert.equal(before.priorities.at(-1).actions, 0);
  assert.deepEqual([after.priorities.at(-1).actions, after.priorities.at(-1).onTarget, after.priorities.at(-1).percentOnTarget], [1, 1, 100]);
  assert.equal(after.overall.actions, before.overall.actions + 1);
  const row = await t.database.db.selectFrom('plan_action').select(['created_on', 'partner_organisation']).where('plan_id', '=', csvPlanId).where('reference', '=', '4.1').executeTakeFirstOrThrow();
  assert.deepEqual(row, { created_on: '2026-11-23', partner_organisation: 'Adult social care' });
  const _csrf = await csrfOf(board);
  assert.equal((await board.post(`/governance/plans/${csvPlanId}/actions`, { ...fields, _csrf, reference: '4.2' })).statusCode, 403);
  assert.equal((await board.post(`/governance/plans/${csvPlanId}/priorities`, { _csrf, priorityReference: '5', priorityTitle: 'x' })).statusCode, 403);
});

test('another area\'s plan and inspection are not found, on pages and through the API', async () => {
  const other = await asSystem(t.database.db, async (trx) => {
    const area = await trx.insertInto('area').values({ code: 'E99999998', name: 'Other Borough' }).returning('id').executeTakeFirstOrThrow();
    const plan = await trx.insertInto('improvement_plan').values({ area_id: area.id, name: 'Their plan', kind: 'wsoa', scheme: 'rag', created_on: '2026-01-01' }).returning('id').executeTakeFirstOrThrow();
    const insp = await trx.insertInto('inspection').values({ area_id: area.id, framework: 'send-2016', kind: 'full', started_on: '2018-03-05', ended_on: '2018-03-09', wsoa_required: true }).returning('id').executeTakeFirstOrThrow();
    return { plan: plan.id, inspection: insp.id };
  });
  assert.equal((await manager.get(`/governance/plans/${other.plan}`)).statusCode, 404);
  assert.equal((await manager.get(`/governance/inspections/${other.inspection}`)).statusCode, 404);
  assert.equal((await manager.get('/governance/plans/not-a-uuid')).statusCode, 404);
  const api = await t.app.inject({ url: `/api/v1/improvement-plans/${other.plan}/summary`, headers: { cookie: manager.cookieHeader() } });
  assert.equal(api.statusCode, 404);
  assert.match(String(api.headers['content-type']), /^application\/problem\+json/);
  const list = await t.app.inject({ url: '/api/v1/improvement-plans', headers: { cookie: manager.cookieHeader() } });
  assert.ok(!list.body.includes('Their plan'));
});

test('a board member can read plans and inspections but gets 403 on every change', async () => {
  assert.equal((await board.get('/governance/plans')).statusCode, 200);
  const planPage = await board.get(`/governance/plans/${csvPlanId}`);
  assert.equal(planPage.statusCode, 200);
  assert.equal(cheerio.load(planPage.body)('form[action$="/close"]').length, 0, 'no close button for a reader');
  const id = await actionId(csvPlanId, '3.2');
  const actionPage = await board.get(`/governance/plans/${csvPlanId}/actions/${id}`);
  assert.equal(actionPage.statusCode, 200);
  assert.equal(cheerio.load(actionPage.body)('form[action$="/updates"]').length, 0, 'no update form for a reader');
  assert.equal((await board.get('/governance/inspections')).statusCode, 200);

  assert.equal((await board.get('/governance/plans/import')).statusCode, 403);
  assert.equal((await board.get('/governance/inspections/new')).statusCode, 403);
  const _csrf = await csrfOf(board);
  assert.equal((await board.post(`/governance/plans/${csvPlanId}/actions/${id}/updates`, { _csrf, 'date-day': '23', 'date-month': '11', 'date-year': '2026', narrative: 'x' })).statusCode, 403);
  assert.equal((await board.post(`/governance/plans/${csvPlanId}/close`, { _csrf })).statusCode, 403);
  assert.equal((await board.post('/governance/inspections', { _csrf, framework: 'send-2023' })).statusCode, 403);
  assert.equal((await board.post(`/governance/inspections/${(await t.database.db.selectFrom('inspection').select('id').executeTakeFirstOrThrow()).id}/findings`, { _csrf, kind: 'strength', text: 'x' })).statusCode, 403);
  const token = await tokenFor(BOARD);
  assert.equal((await t.app.inject({ url: `/api/v1/improvement-plans/${csvPlanId}/summary`, headers: { authorization: `Bearer ${token}` } })).statusCode, 200);
  const { payload, contentType } = await multipart({ name: 'No' }, { name: 'p.csv', type: 'text/csv', bytes: PLAN_CSV });
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/improvement-plans/import', payload, headers: { authorization: `Bearer ${token}`, 'content-type': contentType } });
  assert.equal(res.statusCode, 403);
  // Without a CSRF token in the URL a signed-in multipart post is refused before anything is read.
  const mp = await multipart({ name: 'x' }, { name: 'p.csv', type: 'text/csv', bytes: PLAN_CSV });
  assert.equal((await t.app.inject({ method: 'POST', url: '/governance/plans/import', payload: mp.payload, headers: { cookie: manager.cookieHeader(), 'content-type': mp.contentType } })).statusCode, 403);
});

test('inspections: a 2016 inspection shows its WSoA due date; a 2023 one its outcome and findings', async () => {
  await manager.get('/governance/inspections/new');
  const res = await manager.post('/governance/inspections', {
    framework: 'send-2016', kind2016: 'full', wsoaRequired: 'yes', inspectorates: 'Ofsted and CQC', reportUrl: 'https://files.ofsted.gov.uk/v1/file/50000000',
    'startedOn-day': '5', 'startedOn-month': '3', 'startedOn-year': '2018', 'endedOn-day': '9', 'endedOn-month': '3', 'endedOn-year': '2018',
    'publishedOn-day': '16', 'publishedOn-month': '5', 'publishedOn-year': '2018', summary: '',
  });
  assert.equal(res.statusCode, 303, res.body.slice(0, 1500));
  const page = await manager.get(String(res.headers.location));
  const $ = cheerio.load(page.body);
  const row = $('.govuk-summary-list__row').filter((_, r) => $(r).find('dt').text().trim() === 'Written statement of action due');
  assert.equal(row.find('dd').text().trim(), '23 August 2018 (70 working days after the report was published)');
  assert.equal($('h1').text(), 'Joint local area inspection, 5 March 2018');
  assert.match(page.body, /href="https:\/\/files\.ofsted\.gov\.uk\/v1\/file\/50000000"/);
  const iid = String(res.headers.location).split('/').pop()!;
  const api = await t.app.inject({ url: `/api/v1/inspections/${iid}`, headers: { cookie: board.cookieHeader() } });
  assert.equal(api.statusCode, 200);
  assert.deepEqual([api.json().inspection.framework, api.json().inspection.wsoaDueOn, api.json().findings], ['send-2016', '2018-08-23', []]);
  const f = await manager.post(`/governance/inspections/${iid}/findings`, { kind: 'significant-weakness', reference: '1', text: 'The CCGs\' lack of strategic leadership in implementing the reforms' });
  assert.equal(f.statusCode, 303);
  const bad = await manager.post(`/governance/inspections/${iid}/findings`, { kind: 'area-for-priority-action', reference: '', text: '' });
  assert.equal(bad.statusCode, 400, 'a 2023 finding kind is not offered for a 2016 inspection');
  assert.deepEqual(cheerio.load(bad.body)('.govuk-error-summary__list a').map((_, a) => cheerio.load(bad.body)(a).attr('href')).get(), ['#kind', '#text']);

  await manager.get('/governance/inspections/new');
  const missing = await manager.post('/governance/inspections', { framework: 'send-2023', kind2023: 'full', inspectorates: 'Ofsted and CQC', 'startedOn-day': '31', 'startedOn-month': '2', 'startedOn-year': '2023' });
  assert.equal(missing.statusCode, 400);
  const hrefs = cheerio.load(missing.body)('.govuk-error-summary__list a').map((_, a) => cheerio.load(missing.body)(a).attr('href')).get();
  assert.deepEqual(hrefs, ['#startedOn', '#endedOn', '#outcome']);

  const made = await manager.post('/governance/inspections', { framework: 'send-2023', kind2023: 'full', outcome: '3', inspectorates: 'Ofsted and CQC', 'startedOn-day': '20', 'startedOn-month': '11', 'startedOn-year': '2023', 'endedOn-day': '24', 'endedOn-month': '11', 'endedOn-year': '2023' });
  assert.equal(made.statusCode, 303);
  const p2023 = await board.get(String(made.headers.location));
  assert.match(p2023.body, /Outcome 3: There are widespread and\/or systemic failings/);
  assert.doesNotMatch(p2023.body, /Written statement of action/);

  // Changing it once the report is published; the framework stays, the form is filled in.
  const editUrl = `${String(made.headers.location)}/edit`;
  assert.equal((await board.get(editUrl)).statusCode, 403);
  const form = await manager.get(editUrl);
  assert.equal(form.statusCode, 200);
  const $f = cheerio.load(form.body);
  assert.equal($f('input[name="framework"]').length, 0, 'the framework cannot change');
  assert.equal($f('input[name="outcome"][value="3"]').attr('checked'), 'checked');
  assert.equal($f('#startedOn-day').val(), '20');
  const changed = await manager.post(editUrl, { kind2023: 'full', outcome: '3', inspectorates: 'Ofsted and CQC', reportUrl: 'https://reports.ofsted.gov.uk/provider/44/80000',
    'startedOn-day': '20', 'startedOn-month': '11', 'startedOn-year': '2023', 'endedOn-day': '24', 'endedOn-month': '11', 'endedOn-year': '2023', 'publishedOn-day': '5', 'publishedOn-month': '1', 'publishedOn-year': '2024' });
  assert.equal(changed.statusCode, 303);
  const after = cheerio.load((await board.get(String(made.headers.location))).body);
  assert.match(after('main').text(), /Report published\s+5 January 2024/);
  assert.equal(after('a[href="https://reports.ofsted.gov.uk/provider/44/80000"]').length, 1);
  const badEdit = await manager.post(editUrl, { kind2023: 'full', outcome: '', inspectorates: '', 'startedOn-day': '20', 'startedOn-month': '11', 'startedOn-year': '2023', 'endedOn-day': '24', 'endedOn-month': '11', 'endedOn-year': '2023' });
  assert.equal(badEdit.statusCode, 400);
  assert.deepEqual(cheerio.load(badEdit.body)('.govuk-error-summary__list a').map((_, a) => cheerio.load(badEdit.body)(a).attr('href')).get(), ['#inspectorates', '#outcome']);
});

test('a manager changes an action\'s details (not its status); bad dates are refused; board members cannot', async () => {
  const id = await actionId(csvPlanId, '3.1');
  const url = `/governance/plans/${csvPlanId}/actions/${id}/edit`;
  assert.equal((await board.get(url)).statusCode, 403);
  const form = await manager.get(url);
  assert.equal(form.statusCode, 200);
  const $ = cheerio.load(form.body);
  assert.equal($('#dueDate-day').val(), '30');
  assert.equal($('#leadOfficer').val(), 'Commissioning lead');
  const fields = { description: 'Joint commissioning strategy 2026 to 2029', leadOfficer: 'Commissioning lead', seniorResponsibleOfficer: 'ICB Director of Nursing', partnerOrganisation: 'NHS Demo Integrated Care Board',
    'startDate-day': '5', 'startDate-month': '1', 'startDate-year': '2026', 'dueDate-day': '1', 'dueDate-month': '1', 'dueDate-year': '2026', successMeasures: 'Strategy signed off', evidence: 'Board minutes, 12 June 2026' };
  const bad = await manager.post(url, fields);
  assert.equal(bad.statusCode, 400);
  assert.match(cheerio.load(bad.body)('.govuk-error-summary').text(), /The due date must be the same as or after the start date/);
  const ok = await manager.post(url, { ...fields, 'dueDate-day': '30', 'dueDate-month': '6' });
  assert.equal(ok.statusCode, 303);
  const row = await t.database.db.selectFrom('plan_action').select(['description', 'partner_organisation', 'evidence', 'due_date']).where('id', '=', id).executeTakeFirstOrThrow();
  assert.deepEqual(row, { description: 'Joint commissioning strategy 2026 to 2029', partner_organisation: 'NHS Demo Integrated Care Board', evidence: 'Board minutes, 12 June 2026', due_date: '2026-06-30' });
  const history = await t.database.db.selectFrom('plan_action_status').select('status').where('action_id', '=', id).execute();
  assert.deepEqual(history.map((h) => h.status), ['complete'], 'the status history is untouched');
});

test('a plan imported for an inspection links its priorities to the findings with the same reference', async () => {
  const areaId = (await t.database.db.selectFrom('area').select('id').where('code', '=', 'E99999999').executeTakeFirstOrThrow()).id;
  const inspectionId = await asSystem(t.database.db, async (trx) => {
    const i = await trx.insertInto('inspection').values({ area_id: areaId, framework: 'send-2023', kind: 'full', started_on: '2025-11-17', ended_on: '2025-11-21', outcome: 3 }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('inspection_finding').values([
      { area_id: areaId, inspection_id: i.id, kind: 'area-for-priority-action', reference: '1', text: 'Governance', position: 1 },
      { area_id: areaId, inspection_id: i.id, kind: 'area-for-priority-action', reference: '3', text: 'Commissioning', position: 2 },
      { area_id: areaId, inspection_id: i.id, kind: 'area-for-improvement', reference: '2', text: 'Not a priority action', position: 3 },
    ]).execute();
    return i.id;
  });
  const { payload, contentType } = await multipart({ name: 'Linked plan', inspectionId }, { name: 'pap.csv', type: 'text/csv', bytes: PLAN_CSV });
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/improvement-plans/import', payload, headers: { authorization: `Bearer ${managerToken}`, 'content-type': contentType } });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.json().plan.inspectionId, inspectionId);
  const links = await t.database.db.selectFrom('plan_priority as p').leftJoin('inspection_finding as f', 'f.id', 'p.finding_id').select(['p.reference', 'f.text'])
    .where('p.plan_id', '=', res.json().id).orderBy('p.position').execute();
  assert.deepEqual(links, [{ reference: '1', text: 'Governance' }, { reference: '2', text: null }, { reference: '3', text: 'Commissioning' }]);
  const page = await board.get(`/governance/inspections/${inspectionId}`);
  assert.match(page.body, /Linked plan/);
  const { payload: p2, contentType: c2 } = await multipart({ name: 'Bad link', inspectionId: '00000000-0000-4000-8000-000000000000' }, { name: 'pap.csv', type: 'text/csv', bytes: PLAN_CSV });
  const bad = await t.app.inject({ method: 'POST', url: '/api/v1/improvement-plans/import', payload: p2, headers: { authorization: `Bearer ${managerToken}`, 'content-type': c2 } });
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(bad.json().errors.map((e: { field: string }) => e.field), ['inspectionId']);
});

test('the monthly reminder mails leads who match a person in the area, and skips the rest', async () => {
  const before = (await t.database.db.selectFrom('mail').select('id').execute()).length;
  // 1.3 is led by Morgan Manager (the demo team manager) and complete, so they need nothing yet…
  let r = await sendPlanReminders(t.database.db, t.app.ctx.mailer, Temporal.PlainDate.from('2026-11-23'), 'https://joinedup.example');
  assert.equal(r.sent, 0);
  assert.ok(r.skippedLeads > 0);
  // …until an action they lead is overdue for an update.
  await asSystem(t.database.db, (trx) => trx.updateTable('plan_action').set({ lead_officer: 'morgan manager' }).where('plan_id', '=', csvPlanId).where('reference', '=', '3.2').execute());
  r = await sendPlanReminders(t.database.db, t.app.ctx.mailer, Temporal.PlainDate.from('2026-11-23'), 'https://joinedup.example');
  assert.equal(r.sent, 1);
  const mails = await t.database.db.selectFrom('mail').select(['to_address', 'subject', 'body_text']).orderBy('created_at').execute();
  assert.equal(mails.length, before + 1);
  const m = mails.at(-1)!;
  assert.equal(m.to_address, MANAGER);
  assert.equal(m.subject, 'Improvement plan updates due (1 action)');
  assert.match(m.body_text, /Priority action plan 2026, action 3\.2 \(On target; no update yet\): https:\/\/joinedup\.example\/governance\/plans\//);
  assert.ok(t.app.ctx.jobDefinitions.some((d) => d.name === 'governance-plan-update-reminders' && d.cron === '0 8 1 * *'));
});
