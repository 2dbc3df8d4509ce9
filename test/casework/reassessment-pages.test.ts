// Re-assessment through the pages and the API: the request, the decision (the 14-week limit appears on
// the case page), a step out of order refused with the rule and the dates, and the new plan.
// Today is Monday 23 November 2026 (the test clock).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { buildTestApp, type TestApp, type TestBrowser } from '../helpers/app.ts';
import { dateFields, deadlineRow, recordEvent, text } from './page-helpers.ts';

let t: TestApp;
let cw: TestBrowser;
before(async () => {
  t = await buildTestApp();
  cw = await t.signIn('caseworker@demo.joinedup.invalid');
});
after(async () => { await t.close(); });

const date = dateFields;
const row = (html: string, key: string) => deadlineRow(html, key) ?? [];
const record = (caseId: string, type: string, on: string, form: Record<string, string> = {}) => recordEvent(cw, caseId, type, on, form);

test('a re-assessment from request to new plan, through the pages and the API', async () => {
  await cw.get('/casework/new');
  const opened = await cw.post('/casework/new', { givenName: 'Rhea', familyName: 'Assess', ...date('dateOfBirth', '2015-02-02'), requester: 'parent', ...date('receivedOn', '2026-01-05') });
  assert.equal(opened.statusCode, 303);
  const id = /cases\/([0-9a-f-]{36})/.exec(String(opened.headers.location))![1]!;
  for (const [type, on, form] of [['decision-to-assess', '2026-02-10', {}], ['decision-to-issue', '2026-04-01', {}], ['draft-plan-issued', '2026-04-20', {}], ['final-plan-issued', '2026-05-12', {}]] as const) {
    assert.equal((await record(id, type, on, form)).statusCode, 303, type);
  }
  let page = await cw.get(`/casework/cases/${id}`);
  assert.match(text(page.body, '#next-steps'), /Re-assessment requested/);

  const form = await cw.get(`/casework/cases/${id}/record/reassessment-requested`);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /name="_csrf"/);
  assert.match(text(form.body, 'form'), /Who asked for the re-assessment\?/);
  const missing = await cw.post(`/casework/cases/${id}/record/reassessment-requested`, { ...date('effectiveDate', '2026-09-01') });
  assert.equal(missing.statusCode, 400);
  assert.match(text(missing.body, '.govuk-error-summary'), /Select who asked for the re-assessment/);
  assert.equal((await record(id, 'reassessment-requested', '2026-09-01', { requester: 'school', requesterDetail: 'Riverside Primary' })).statusCode, 303);

  const early = await record(id, 'decision-to-reassess', '2026-08-20');
  assert.equal(early.statusCode, 400);
  assert.match(text(early.body, '.govuk-error-summary'), /The date \(Thursday 20 August 2026\) cannot be before the re-assessment was requested \(Tuesday 1 September 2026\)/);
  assert.equal((await record(id, 'decision-to-reassess', '2026-09-10')).statusCode, 303);
  page = await cw.get(`/casework/cases/${id}`);
  assert.match(text(page.body, '.govuk-summary-list'), /Re-assessing: the new plan is due within 14 weeks/);
  assert.deepEqual(row(page.body, 'reassessment-final-plan').slice(0, 3), ['17 December 2026', 'Not yet', 'Not yet due']);

  // The API: its event types come from the same schemas, so the re-assessment events are there too.
  const b = await t.signIn('caseworker@demo.joinedup.invalid');
  await b.get('/account');
  const token = cheerio.load((await b.post('/account/tokens', { name: 'reassessment test', days: '30' })).body)('#new-token').text();
  const call = (body: unknown) => t.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/events`, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
  const twice = await call({ type: 'decision-to-reassess', effectiveDate: '2026-09-15' });
  assert.equal(twice.statusCode, 400);
  assert.match(twice.body, /the council already decided to re-assess on Thursday 10 September 2026/);
  const issued = await call({ type: 'reassessment-plan-issued', effectiveDate: '2026-11-20' });
  assert.equal(issued.statusCode, 201, issued.body);
  assert.deepEqual(JSON.parse(issued.body).stage, 'plan');
  assert.deepEqual(JSON.parse(issued.body).nextDue, { key: 'next-review', label: 'Annual review', due: '2027-11-20' });
  page = await cw.get(`/casework/cases/${id}`);
  assert.deepEqual(row(page.body, 'reassessment-final-plan').slice(0, 3), ['17 December 2026', '20 November 2026', 'Done on time']);
});
