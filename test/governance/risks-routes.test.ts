// Risk register pages: editors raise, review and control risks; board members read; bad scores and
// dates are refused with named fields; another area's risk is not found; every change is audited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { sql } from 'kysely';
import { buildTestApp, type TestApp, type TestBrowser } from '../helpers/app.ts';
import { asSystem } from '../../src/platform/db/database.ts';

let t: TestApp;
let manager: TestBrowser;
let board: TestBrowser;
before(async () => {
  t = await buildTestApp();
  manager = await t.signIn('manager@demo.joinedup.invalid');
  board = await t.signIn('board@demo.joinedup.invalid');
});
after(async () => { await t.close(); });

const riskForm = (over: Record<string, string> = {}) => ({
  reference: 'R1', title: 'EHCNA backlog grows', cause: 'Educational psychologist vacancies', consequence: 'Plans issued late',
  owner: 'Head of SEND', category: 'operational', treatment: 'treat', linkedPriorities: '5, 1',
  'raisedOn-day': '1', 'raisedOn-month': '9', 'raisedOn-year': '2026', 'nextReviewOn-day': '1', 'nextReviewOn-month': '11', 'nextReviewOn-year': '2026',
  inherentLikelihood: '5', inherentImpact: '4', residualLikelihood: '4', residualImpact: '4', targetLikelihood: '2', targetImpact: '3', ...over,
});

async function createRisk(over: Record<string, string> = {}): Promise<string> {
  await manager.get('/governance/risks/new');
  const res = await manager.post('/governance/risks/new', riskForm(over));
  assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
  return String(res.headers.location).split('/').pop()!;
}

test('an editor raises a risk: scored inherent, residual and target, history started, audited', async () => {
  const id = await createRisk();
  const page = await manager.get(`/governance/risks/${id}`);
  assert.equal(page.statusCode, 200);
  const $ = cheerio.load(page.body);
  assert.equal($('h1').text().trim(), 'EHCNA backlog grows');
  const text = $('main').text().replace(/\s+/g, ' ');
  assert.match(text, /Inherent score 20 High L5 × I4/);
  assert.match(text, /Residual score 16 High L4 × I4/);
  assert.match(text, /Target score 6 Medium L2 × I3/);
  assert.match(text, /Linked priorities 5, 1/);
  // The review date (1 Nov 2026) is before today (23 Nov 2026): overdue, in words.
  assert.match(text, /Next review 1 November 2026 Overdue/);
  assert.equal($('h2:contains("Assessment history") + table tbody tr').length, 3);
  const audits = await asSystem(t.database.db, (trx) => trx.selectFrom('audit_event').select(['action', 'entity_id']).where('action', '=', 'risk.created').execute());
  assert.deepEqual(audits.map((a) => a.entity_id), [id]);
});

test('scores outside 1–5 and a review date before the risk was raised are refused, naming the fields', async () => {
  await manager.get('/governance/risks/new');
  const res = await manager.post('/governance/risks/new', riskForm({ reference: 'R9', residualLikelihood: '6', inherentImpact: '0', 'nextReviewOn-year': '2025' }));
  assert.equal(res.statusCode, 400);
  const $ = cheerio.load(res.body);
  const summary = $('.govuk-error-summary a').map((_, a) => `${$(a).attr('href')} ${$(a).text().trim()}`).get();
  assert.ok(summary.includes('#residualLikelihood The residual (with controls) likelihood must be a whole number from 1 to 5'), summary.join('\n'));
  assert.ok(summary.includes('#inherentImpact The inherent (before controls) impact must be a whole number from 1 to 5'), summary.join('\n'));
  assert.ok(summary.includes('#nextReviewOn The next review date must be on or after the date the risk was raised'), summary.join('\n'));
  assert.equal($('#title').val(), 'EHCNA backlog grows', 'the form keeps what was typed');
  const n = await asSystem(t.database.db, (trx) => trx.selectFrom('risk').select('id').where('reference', '=', 'R9').execute());
  assert.equal(n.length, 0, 'nothing half-saved');
});

test('a review appends to the history, moves the scores and reports direction of travel; a review before raising is refused', async () => {
  const id = await createRisk({ reference: 'R2', title: 'High needs block deficit' });
  await manager.get(`/governance/risks/${id}/review`);
  const bad = await manager.post(`/governance/risks/${id}/review`, { 'reviewedOn-day': '1', 'reviewedOn-month': '8', 'reviewedOn-year': '2026', residualLikelihood: '3', residualImpact: '4' });
  assert.equal(bad.statusCode, 400);
  assert.match(cheerio.load(bad.body)('.govuk-error-summary').text(), /The review date must be on or after the date the risk was raised/);
  await manager.get(`/governance/risks/${id}/review`);
  const ok = await manager.post(`/governance/risks/${id}/review`, {
    'reviewedOn-day': '20', 'reviewedOn-month': '11', 'reviewedOn-year': '2026', residualLikelihood: '3', residualImpact: '4',
    'nextReviewOn-day': '20', 'nextReviewOn-month': '2', 'nextReviewOn-year': '2027', note: 'Recovery plan agreed',
  });
  assert.equal(ok.statusCode, 303, ok.body.slice(0, 1500));
  const text = cheerio.load((await manager.get(`/governance/risks/${id}`)).body)('main').text().replace(/\s+/g, ' ');
  assert.match(text, /Residual score 12 Medium L3 × I4/);
  assert.match(text, /Direction of travel Improved/);
  assert.doesNotMatch(text, /Overdue/);
  assert.match(text, /Recovery plan agreed/);
  const history = await asSystem(t.database.db, (trx) => trx.selectFrom('risk_assessment').select(['kind', 'score']).where('risk_id', '=', id).orderBy('id').execute());
  assert.deepEqual(history.map((h) => `${h.kind}:${h.score}`), ['inherent:20', 'residual:16', 'target:6', 'residual:12']);
  await assert.rejects(asSystem(t.database.db, (trx) => sql`update risk_assessment set score = 1 where risk_id = ${id}`.execute(trx)), /append-only/);
});

test('controls and further actions with owners and dates; an action can be marked done', async () => {
  const id = await createRisk({ reference: 'R3', title: 'Tribunal volume' });
  await manager.get(`/governance/risks/${id}`);
  const missing = await manager.post(`/governance/risks/${id}/controls`, { kind: 'action', description: 'Mediation drive', owner: 'SEND manager' });
  assert.equal(missing.statusCode, 400);
  assert.match(missing.body, /Enter the date the action is due/);
  await manager.get(`/governance/risks/${id}`);
  assert.equal((await manager.post(`/governance/risks/${id}/controls`, { kind: 'control', description: 'Weekly tribunal panel', owner: 'Legal lead', effectiveness: 'partly-effective' })).statusCode, 303);
  await manager.get(`/governance/risks/${id}`);
  assert.equal((await manager.post(`/governance/risks/${id}/controls`, { kind: 'action', description: 'Mediation drive', owner: 'SEND manager', 'dueOn-day': '31', 'dueOn-month': '1', 'dueOn-year': '2027' })).statusCode, 303);
  const page = await manager.get(`/governance/risks/${id}`);
  const $ = cheerio.load(page.body);
  assert.match($('main').text(), /Weekly tribunal panel\s*Legal lead\s*Partly effective/);
  const form = $('form[action*="/complete"]').attr('action')!;
  assert.equal((await manager.post(form, {})).statusCode, 303);
  const after = await asSystem(t.database.db, (trx) => trx.selectFrom('risk_control').select(['kind', 'status']).where('risk_id', '=', id).orderBy('kind').execute());
  assert.deepEqual(after, [{ kind: 'action', status: 'done' }, { kind: 'control', status: 'open' }]);
});

test('the register lists risks highest residual first, with an accessible heat map of counts and band words', async () => {
  const res = await board.get('/governance/risks');
  assert.equal(res.statusCode, 200);
  const $ = cheerio.load(res.body);
  const refs = $('table').first().find('tbody tr td:first-child').map((_, td) => $(td).text().trim()).get();
  assert.deepEqual(refs.slice(0, 3), ['R1', 'R3', 'R2']);
  const map = $('table.app-heat-map');
  assert.match(map.find('caption').text(), /residual likelihood and impact/);
  assert.equal(map.find('tbody tr').length, 5);
  assert.equal(map.find('thead th[scope=col]').length, 5);
  // Likelihood 4 (second row) × impact 4 (fourth cell): R1 and R3.
  const cell = map.find('tbody tr').eq(1).find('td').eq(3).text().replace(/\s+/g, ' ');
  assert.match(cell, /High 16 2 risks R1, R3/);
  assert.equal($('a[href="/governance/risks/new"]').length, 0, 'board members are not offered editing');
});

test('board members cannot change anything (403); another area\'s risk is not found (404)', async () => {
  const id = await createRisk({ reference: 'R4' });
  assert.equal((await board.get('/governance/risks/new')).statusCode, 403);
  await board.get('/account');
  const _csrf = board.csrf();
  assert.equal((await board.post('/governance/risks/new', { ...riskForm({ reference: 'R5' }), _csrf })).statusCode, 403);
  assert.equal((await board.post(`/governance/risks/${id}/review`, { residualLikelihood: '1', residualImpact: '1', _csrf })).statusCode, 403);
  assert.equal((await board.post('/governance/risks/settings', { _csrf })).statusCode, 403);
  const other = await asSystem(t.database.db, async (trx) => {
    const area = await trx.insertInto('area').values({ code: 'E88888888', name: 'Other Borough' }).returning('id').executeTakeFirstOrThrow();
    return trx.insertInto('risk').values({ area_id: area.id, reference: 'X1', title: 'Theirs', raised_on: '2026-01-01', linked_priorities: '[]' }).returning('id').executeTakeFirstOrThrow();
  });
  assert.equal((await manager.get(`/governance/risks/${other.id}`)).statusCode, 404);
  await manager.get('/account');
  assert.equal((await manager.post(`/governance/risks/${other.id}/review`, { 'reviewedOn': '2026-11-01', residualLikelihood: '1', residualImpact: '1' })).statusCode, 404);
  assert.equal((await manager.get('/governance/risks/not-a-uuid')).statusCode, 404);
});

test('scoring bands are configurable per area, validated, and re-band the register', async () => {
  await manager.get('/governance/risks/settings');
  const bad = await manager.post('/governance/risks/settings', { band0Name: 'low', band0Min: '1', band0Max: '3', band1Name: 'high', band1Min: '5', band1Max: '25' });
  assert.equal(bad.statusCode, 400);
  assert.match(cheerio.load(bad.body)('.govuk-error-summary').text(), /No band covers the achievable score 4/);
  await manager.get('/governance/risks/settings');
  const ok = await manager.post('/governance/risks/settings', {
    band0Name: 'low', band0Label: 'Low', band0Min: '1', band0Max: '4', band1Name: 'medium', band1Label: 'Medium', band1Min: '5', band1Max: '10',
    band2Name: 'high', band2Label: 'High', band2Min: '12', band2Max: '19', band3Name: 'critical', band3Label: 'Critical', band3Min: '20', band3Max: '25',
  });
  assert.equal(ok.statusCode, 200);
  const reg = cheerio.load((await manager.get('/governance/risks?map=inherent')).body);
  assert.match(reg('main').text().replace(/\s+/g, ' '), /20 Critical/);
  assert.match(reg('table.app-heat-map caption').text(), /inherent/);
  const audits = await asSystem(t.database.db, (trx) => trx.selectFrom('audit_event').select('action').where('action', '=', 'risk.bands-changed').execute());
  assert.equal(audits.length, 1);
});

test('the API lists the register for a token holder with governance.view', async () => {
  const res = await manager.get('/api/v1/governance/risks', { accept: 'application/json' });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.ok(body.risks.length >= 4);
  assert.equal(body.heatMap.length, 5);
});
