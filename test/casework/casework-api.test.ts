// The cases API: open a case, record events, read the case, its deadlines and the list, with
// problem+json naming the field or rule on bad input. Today is Monday 23 November 2026.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { buildTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let token: string;
before(async () => {
  t = await buildTestApp();
  token = await tokenFor('caseworker@demo.joinedup.invalid');
});
after(async () => { await t.close(); });

async function tokenFor(email: string): Promise<string> {
  const b = await t.signIn(email);
  await b.get('/account');
  const res = await b.post('/account/tokens', { name: 'casework test', days: '30' });
  return cheerio.load(res.body)('#new-token').text();
}
const call = (method: 'GET' | 'POST', url: string, body?: unknown, bearer = token) =>
  t.app.inject({ method, url, headers: { authorization: `Bearer ${bearer}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { payload: JSON.stringify(body) } : {}) });

let caseId = '';

test('POST /api/v1/cases opens a case; events move the deadlines; GET returns summary, deadlines and timeline', async () => {
  const created = await call('POST', '/api/v1/cases', {
    child: { givenName: 'Iris', familyName: 'Api', dateOfBirth: '2014-05-05', upn: 'B12345678901C', carers: [{ name: 'Pat Api', email: 'pat@example.invalid', contactBy: 'email' }] },
    requester: 'school', requesterDetail: 'Riverside Primary School', receivedOn: '2026-06-01',
  });
  assert.equal(created.statusCode, 201, created.body);
  caseId = created.json().id;

  let d = await call('GET', `/api/v1/cases/${caseId}/deadlines`);
  assert.equal(d.statusCode, 200);
  assert.deepEqual(d.json().deadlines.map((x: { key: string; due: string; status: string }) => [x.key, x.due, x.status]), [
    ['decision-to-assess', '2026-07-13', 'overdue'],
    ['decision-not-to-issue', '2026-09-21', 'overdue'],
    ['final-plan', '2026-10-19', 'overdue'],
  ]);
  assert.deepEqual(d.json().overdue, ['decision-to-assess', 'final-plan'], 'the conditional 16-week limit is not counted as late');
  assert.equal(d.json().nextDue.basis, 'SEND Regulations 2014, reg 5(1)');

  for (const [type, effectiveDate, data] of [
    ['decision-to-assess', '2026-07-10', {}],
    ['exception-recorded', '2026-07-20', { code: 'a', reason: 'School closed for the summer', evidence: 'Term dates' }],
    ['decision-to-issue', '2026-09-01', {}],
    ['draft-plan-issued', '2026-09-14', { plan: { needs: [{ senType: 'ASD', description: 'Social communication', outcomes: ['Joins a club'], provision: ['Social skills group weekly'] }], namedSetting: { name: 'Hillcrest Academy' } } }],
  ] as const) {
    const r = await call('POST', `/api/v1/cases/${caseId}/events`, { type, effectiveDate, data });
    assert.equal(r.statusCode, 201, r.body);
  }
  d = await call('GET', `/api/v1/cases/${caseId}/deadlines`);
  assert.deepEqual(d.json().deadlines.map((x: { key: string; due: string; met: string | null; status: string; exceptions: string[] }) => [x.key, x.due, x.met, x.status, x.exceptions]), [
    ['decision-to-assess', '2026-07-13', '2026-07-10', 'met-on-time', ['a']],
    ['representations', '2026-09-28', null, 'overdue', []],
    ['final-plan', '2026-10-19', null, 'overdue', ['a']],
  ]);
  const last = await call('POST', `/api/v1/cases/${caseId}/events`, { type: 'final-plan-issued', effectiveDate: '2026-10-26' });
  assert.equal(last.statusCode, 201);
  assert.deepEqual(last.json().nextDue, { key: 'next-review', label: 'Annual review', due: '2027-10-26' });

  const got = await call('GET', `/api/v1/cases/${caseId}`);
  assert.equal(got.statusCode, 200);
  const c = got.json();
  assert.equal(c.stage, 'plan');
  assert.equal(c.planInForce, true);
  assert.equal(c.plan.namedSetting.name, 'Hillcrest Academy');
  assert.deepEqual(c.timeline.map((e: { type: string }) => e.type), ['request-received', 'decision-to-assess', 'exception-recorded', 'decision-to-issue', 'draft-plan-issued', 'final-plan-issued']);
  assert.equal(c.deadlines.find((x: { key: string }) => x.key === 'final-plan').status, 'met-late');

  const past = await call('GET', `/api/v1/cases/${caseId}?asAt=2026-09-01`);
  assert.equal(past.json().stage, 'drafting');
  assert.equal(past.json().timeline.length, 4);
});

test('bad input: 400 problem+json naming the field or the rule, nothing saved', async () => {
  const cases: [unknown, string, RegExp][] = [
    [{ type: 'review-decision', effectiveDate: '2026-11-01', data: { decision: 'sometimes' } }, 'data.decision', /Select the decision/],
    [{ type: 'review-decision', effectiveDate: '2026-11-01', data: { decision: 'maintain' } }, 'type', /no review meeting has been recorded/],
    [{ type: 'review-meeting-held', effectiveDate: '2026-12-01' }, 'effectiveDate', /cannot be in the future: today is Monday 23 November 2026/],
    [{ type: 'review-meeting-held', effectiveDate: '2026-02-30' }, 'effectiveDate', /real date/],
    [{ type: 'review-meeting-held', effectiveDate: '2026-10-01' }, 'effectiveDate', /cannot be before the plan was issued or last reviewed \(Monday 26 October 2026\)/],
    [{ type: 'nonsense', effectiveDate: '2026-11-01' }, 'type', /type must be one of/],
    [{ type: 'correction', effectiveDate: '2026-11-01', data: { action: 'void' } }, 'reason', /Enter why the correction is needed/],
  ];
  for (const [body, fieldName, message] of cases) {
    const r = await call('POST', `/api/v1/cases/${caseId}/events`, body);
    assert.equal(r.statusCode, 400, JSON.stringify(body));
    assert.match(String(r.headers['content-type']), /^application\/problem\+json/);
    const e = r.json().errors.find((x: { field: string }) => x.field === fieldName);
    assert.ok(e, `${JSON.stringify(body)} names ${fieldName}: ${r.body}`);
    assert.match(e.message, message);
  }
  const dup = await call('POST', '/api/v1/cases', { child: { givenName: 'Other', familyName: 'Name', dateOfBirth: '2014-05-05', upn: 'B12345678901C' }, requester: 'parent', receivedOn: '2026-11-01' });
  assert.equal(dup.statusCode, 400, 'the same UPN with an open case');
  assert.match(dup.json().errors[0].message, /already has an open case/);
  const after = await call('GET', `/api/v1/cases/${caseId}`);
  assert.equal(after.json().timeline.length, 6);
});

test('GET /api/v1/cases lists the caller\'s area with overdue and assignedTo=me filters', async () => {
  const other = await call('POST', '/api/v1/cases', { child: { givenName: 'Omar', familyName: 'Late', dateOfBirth: '2016-01-01' }, requester: 'parent', receivedOn: '2026-09-01' });
  assert.equal(other.statusCode, 201);
  const all = await call('GET', '/api/v1/cases');
  assert.equal(all.statusCode, 200);
  assert.deepEqual(all.json().cases.map((c: { child: { familyName: string } }) => c.child.familyName), ['Late', 'Api']);
  assert.deepEqual(all.json().counts, { all: 2, overdue: 1, atRisk: 0 });
  const overdue = await call('GET', '/api/v1/cases?overdue=true');
  assert.deepEqual(overdue.json().cases.map((c: { nextDue: { key: string; due: string } }) => [c.nextDue.key, c.nextDue.due]), [['decision-to-assess', '2026-10-13']]);
  const mgrToken = await tokenFor('manager@demo.joinedup.invalid');
  assert.equal((await call('GET', '/api/v1/cases?assignedTo=me', undefined, mgrToken)).json().cases.length, 0);
  assert.equal((await call('GET', '/api/v1/cases', undefined, mgrToken)).json().cases.length, 2);
  const bad = await call('GET', '/api/v1/cases?overdue=maybe');
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().errors[0].field, 'overdue');
});

test('API access: an uninvolved professional gets 404 (and cannot record), no token 401', async () => {
  assert.equal((await t.app.inject(`/api/v1/cases/${caseId}`)).statusCode, 401);
  const ep = await tokenFor('ep@demo.joinedup.invalid');
  assert.equal((await call('GET', `/api/v1/cases/${caseId}`, undefined, ep)).statusCode, 404);
  assert.equal((await call('POST', `/api/v1/cases/${caseId}/events`, { type: 'review-meeting-held', effectiveDate: '2026-11-20' }, ep)).statusCode, 403);
  assert.equal((await call('GET', '/api/v1/cases/00000000-0000-4000-8000-000000000000')).statusCode, 404);
  const doc = (await t.app.inject('/api/v1/openapi.json')).json();
  for (const p of ['/api/v1/cases', '/api/v1/cases/{id}', '/api/v1/cases/{id}/events', '/api/v1/cases/{id}/deadlines']) assert.ok(doc.paths[p], `${p} documented`);
  assert.ok(doc.paths['/api/v1/cases'].post.requestBody);
});

test('POST /api/v1/cases with transferIn opens a case with a plan in force', async () => {
  const r = await call('POST', '/api/v1/cases', { child: { givenName: 'Tia', familyName: 'Transfer', dateOfBirth: '2013-02-02' }, receivedOn: '2026-11-02', transferIn: { fromLa: '330', lastReviewOn: '2026-01-20' } });
  assert.equal(r.statusCode, 201, r.body);
  const c = (await call('GET', `/api/v1/cases/${r.json().id}`)).json();
  assert.equal(c.stage, 'plan');
  assert.deepEqual(c.nextDue, { key: 'new-council-letter', label: 'New council confirms the transfer', due: '2026-12-14' });
  const none = await call('POST', '/api/v1/cases', { child: { givenName: 'No', familyName: 'Requester', dateOfBirth: '2013-02-02' }, receivedOn: '2026-11-02' });
  assert.equal(none.statusCode, 400);
  assert.equal(none.json().errors[0].field, 'requester');
});

test('plan versions: an amendment is compared with the final plan, section by section', async () => {
  assert.equal((await call('POST', `/api/v1/cases/${caseId}/events`, { type: 'amendment-proposed', effectiveDate: '2026-10-27', data: { summary: 'Add a need' } })).statusCode, 201);
  const early = await call('POST', `/api/v1/cases/${caseId}/events`, { type: 'amended-plan-issued', effectiveDate: '2026-11-10' });
  assert.equal(early.statusCode, 400);
  assert.match(early.json().errors[0].message, /cannot be issued before Wednesday 11 November 2026: the family has 15 days/);
  const amended = await call('POST', `/api/v1/cases/${caseId}/events`, { type: 'amended-plan-issued', effectiveDate: '2026-11-12', data: { plan: {
    needs: [{ senType: 'ASD', description: 'Social communication', outcomes: ['Joins a club'], provision: ['Social skills group weekly', 'Lunchtime club'] }],
    namedSetting: { name: 'Hillcrest Academy' }, c: 'Sleep difficulties',
  } } });
  assert.equal(amended.statusCode, 201, amended.body);
  const r = await call('GET', `/api/v1/cases/${caseId}/plans`);
  assert.equal(r.statusCode, 200);
  const body = r.json();
  assert.deepEqual(body.versions.map((v: { type: string; issuedOn: string; carriedForward: boolean }) => [v.type, v.issuedOn, v.carriedForward]), [
    ['draft-plan-issued', '2026-09-14', false], ['final-plan-issued', '2026-10-26', true], ['amended-plan-issued', '2026-11-12', false],
  ]);
  assert.deepEqual(body.changes.filter((c: { change: string }) => c.change !== 'unchanged').map((c: { section: string; change: string; added: string[] }) => [c.section, c.change, c.added]), [
    ['Section F: provision for Autistic spectrum disorder', 'changed', ['Lunchtime club']],
    ['Section C: health needs', 'added', []],
  ]);
  const b = await t.signIn('caseworker@demo.joinedup.invalid');
  const page = await b.get(`/casework/cases/${caseId}/plan`);
  assert.equal(page.statusCode, 200);
  const $ = cheerio.load(page.body);
  assert.equal($('#versions tbody tr').length, 3);
  assert.deepEqual($('#changes tr[data-change="changed"] th').map((_, th) => $(th).text()).get(), ['Section F: provision for Autistic spectrum disorder']);
  assert.match($('#changes').text(), /Added: Lunchtime club/);
});
