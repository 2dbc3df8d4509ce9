// Consulting schools and colleges on being named in a plan (CFA 2014 s.39(2) and s.40), through the
// pages and the API: recorded with a date to answer by, shown on the case page (late when the date has
// passed), answered, and refused with the rule when out of order. Today is Monday 23 November 2026.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { sql } from 'kysely';
import { buildTestApp, type TestApp, type TestBrowser } from '../helpers/app.ts';
import { dateFields, errorSummary, recordEvent as record, text } from './page-helpers.ts';

let t: TestApp;
let cw: TestBrowser;
before(async () => {
  t = await buildTestApp();
  cw = await t.signIn('caseworker@demo.joinedup.invalid');
});
after(async () => { await t.close(); });

const eventCount = async () => Number((await sql<{ n: number }>`select count(*)::int as n from case_event`.execute(t.database.db)).rows[0]!.n);
const consultationRows = (html: string) => {
  const $ = cheerio.load(html);
  return $('#consultations tbody tr').map((_, tr) => [$(tr).find('th, td').map((__, c) => $(c).text().replace(/\s+/g, ' ').trim()).get()]).get() as string[][];
};

test('a caseworker consults two settings on the draft plan, one answers; the case page and the API show both', async () => {
  await cw.get('/casework/new');
  const opened = await cw.post('/casework/new', { givenName: 'Łukasz', familyName: 'Nowak', ...dateFields('dateOfBirth', '2016-02-29'), requester: 'parent', ...dateFields('receivedOn', '2026-07-01'), carerName: 'A Carer', carerEmail: 'carer@example.invalid', carerContactBy: 'email' });
  assert.equal(opened.statusCode, 303, errorSummary(opened.body));
  const id = /\/casework\/cases\/([0-9a-f-]{36})/.exec(String(opened.headers.location))![1]!;

  // Not yet: the council has not decided to issue a plan.
  let before = await eventCount();
  let res = await cw.post(`/casework/cases/${id}/record/setting-consulted`, { ...dateFields('effectiveDate', '2026-07-10'), settingName: 'Hillside School' });
  assert.equal(res.statusCode, 400);
  assert.match(errorSummary(res.body), /Setting consulted on being named cannot be recorded yet: the council has not decided to issue a plan, and there is no plan to amend/);
  assert.equal(await eventCount(), before, 'nothing saved');

  for (const [type, on] of [['decision-to-assess', '2026-08-03'], ['decision-to-issue', '2026-10-01']] as const) {
    res = await record(cw, id, type, on);
    assert.equal(res.statusCode, 303, errorSummary(res.body));
  }
  res = await record(cw, id, 'draft-plan-issued', '2026-10-05', { need1SenType: 'SLCN', need1Description: 'Expressive language', settingName: 'Hillside School' });
  assert.equal(res.statusCode, 303, errorSummary(res.body));

  // Bad input: no name, an impossible URN, an answer-by date before the consultation.
  before = await eventCount();
  res = await cw.post(`/casework/cases/${id}/record/setting-consulted`, { ...dateFields('effectiveDate', '2026-10-06'), settingName: '', urn: '12', ...dateFields('responseRequestedBy', '2026-10-01') });
  assert.equal(res.statusCode, 400);
  assert.match(errorSummary(res.body), /Enter the name of the school, college or setting consulted/);
  assert.match(errorSummary(res.body), /must be a 6 or 7 digit URN/);
  res = await cw.post(`/casework/cases/${id}/record/setting-consulted`, { ...dateFields('effectiveDate', '2026-10-06'), settingName: 'Hillside School', ...dateFields('responseRequestedBy', '2026-10-01') });
  assert.equal(res.statusCode, 400);
  assert.match(errorSummary(res.body), /The date to answer by \(Thursday 1 October 2026\) cannot be before the consultation \(Tuesday 6 October 2026\)/);
  assert.equal(await eventCount(), before, 'nothing saved');

  res = await record(cw, id, 'setting-consulted', '2026-10-06', { settingName: 'Hillside School', urn: '123456', ...dateFields('responseRequestedBy', '2026-10-21') });
  assert.equal(res.statusCode, 303, errorSummary(res.body));
  res = await record(cw, id, 'setting-consulted', '2026-10-07', { settingName: 'Brookfield Academy', ...dateFields('responseRequestedBy', '2026-12-01') });
  assert.equal(res.statusCode, 303, errorSummary(res.body));

  let page = await cw.get(`/casework/cases/${id}`);
  assert.deepEqual(consultationRows(page.body), [
    ['Hillside School (URN 123456)', '6 October 2026', '21 October 2026', 'No answer yet: it was due 21 October 2026'],
    ['Brookfield Academy', '7 October 2026', '1 December 2026', 'No answer yet'],
  ]);

  // The answer form lists only the consultations still waiting; an answer dated before its consultation is refused.
  const form = await cw.get(`/casework/cases/${id}/record/consultation-response`);
  const $f = cheerio.load(form.body);
  const options = $f('input[name="consultationEventId"]').map((_, el) => ({ value: $f(el).attr('value')!, label: $f(`label[for="${$f(el).attr('id')}"]`).text().trim() })).get();
  assert.deepEqual(options.map((o) => o.label), ['Hillside School, consulted 6 October 2026', 'Brookfield Academy, consulted 7 October 2026']);
  const hillside = options[0]!.value;
  res = await cw.post(`/casework/cases/${id}/record/consultation-response`, { ...dateFields('effectiveDate', '2026-10-05'), consultationEventId: hillside, response: 'cannot-meet-needs' });
  assert.equal(res.statusCode, 400);
  assert.match(errorSummary(res.body), /cannot be before Hillside School was consulted/);
  res = await cw.post(`/casework/cases/${id}/record/consultation-response`, { ...dateFields('effectiveDate', '2026-10-20'), consultationEventId: hillside, response: 'cannot-meet-needs', summary: 'No place in year 6' });
  assert.equal(res.statusCode, 303, errorSummary(res.body));

  page = await cw.get(`/casework/cases/${id}`);
  assert.deepEqual(consultationRows(page.body)[0], ['Hillside School (URN 123456)', '6 October 2026', '21 October 2026', 'It says it cannot meet the needs (20 October 2026)']);
  assert.match(text(page.body, '#timeline-list'), /Setting answered the consultation.*Answer from: Hillside School, consulted on Tuesday 6 October 2026.*Answer: It says it cannot meet the needs.*Summary: No place in year 6/);

  // The API shows the same, and records an answer the same way (with the same rules).
  const token = await (async () => {
    await cw.get('/account');
    const made = await cw.post('/account/tokens', { name: 'consultations test', days: '30' });
    return cheerio.load(made.body)('#new-token').text();
  })();
  const call = (method: 'GET' | 'POST', url: string, body?: unknown) =>
    t.app.inject({ method, url, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { payload: JSON.stringify(body) } : {}) });
  const brookfield = options[1]!.value;
  const bad = await call('POST', `/api/v1/cases/${id}/events`, { type: 'consultation-response', effectiveDate: '2026-11-02', data: { consultationEventId: brookfield, response: 'maybe' } });
  assert.equal(bad.statusCode, 400);
  assert.ok(JSON.stringify(bad.json()).includes('data.response'), JSON.stringify(bad.json()));
  const ok = await call('POST', `/api/v1/cases/${id}/events`, { type: 'consultation-response', effectiveDate: '2026-11-02', data: { consultationEventId: brookfield, response: 'can-meet-needs' } });
  assert.equal(ok.statusCode, 201, ok.body);
  const got = (await call('GET', `/api/v1/cases/${id}`)).json();
  assert.deepEqual(got.consultations.map((k: { setting: string; response: string | null; respondedOn: string | null }) => [k.setting, k.response, k.respondedOn]), [
    ['Hillside School', 'cannot-meet-needs', '2026-10-20'],
    ['Brookfield Academy', 'can-meet-needs', '2026-11-02'],
  ]);
  const past = (await call('GET', `/api/v1/cases/${id}?asAt=2026-10-10`)).json();
  assert.deepEqual(past.consultations.map((k: { respondedOn: string | null }) => k.respondedOn), [null, null], 'as at 10 October neither had answered');
});
