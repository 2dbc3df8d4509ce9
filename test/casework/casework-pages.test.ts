// Statutory casework through the pages: a request from receipt to final plan with the deadlines moving
// as events are recorded (exact dates), each bad-input rule, the work tray, the team view, access
// rules and the audit trail. Today is Monday 23 November 2026 (the test clock).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { sql } from 'kysely';
import { buildTestApp, type TestApp, type TestBrowser } from '../helpers/app.ts';
import { dateFields, deadlineRow, errorSummary, recordEvent as record, text } from './page-helpers.ts';
import { asSystem } from '../../src/platform/db/database.ts';
import { createRequest } from '../../src/modules/casework/service.ts';
import type { Principal } from '../../src/platform/auth/policy.ts';

let t: TestApp;
let cw: TestBrowser;
before(async () => {
  t = await buildTestApp();
  cw = await t.signIn('caseworker@demo.joinedup.invalid');
});
after(async () => { await t.close(); });

const date = dateFields;
const row = deadlineRow;
const eventCount = async () => Number((await sql<{ n: number }>`select count(*)::int as n from case_event`.execute(t.database.db)).rows[0]!.n);

async function newRequest(b: TestBrowser, child: { given: string; family: string; dob: string; upn?: string }, receivedOn: string) {
  await b.get('/casework/new');
  return b.post('/casework/new', { givenName: child.given, familyName: child.family, ...date('dateOfBirth', child.dob), upn: child.upn ?? '', requester: 'parent', ...date('receivedOn', receivedOn), carerName: 'A Carer', carerEmail: 'carer@example.invalid', carerContactBy: 'email' });
}
const caseIdFrom = (location: unknown) => /\/casework\/cases\/([0-9a-f-]{36})/.exec(String(location))![1]!;

const ids: Record<string, string> = {};

test('a caseworker lands on their work tray', async () => {
  const res = await cw.get('/');
  assert.equal(res.statusCode, 302);
  assert.equal(res.headers.location, '/casework');
  const tray = await cw.get('/casework');
  assert.equal(tray.statusCode, 200);
  assert.match(text(tray.body, 'h1'), /Your work tray/);
});

test('a request from receipt to final plan: each deadline moves as events are recorded', async () => {
  const opened = await newRequest(cw, { given: 'Ada', family: 'Lovelace', dob: '2015-12-10', upn: 'A12345678901B' }, '2026-09-07');
  assert.equal(opened.statusCode, 303, errorSummary(opened.body));
  const id = ids['A'] = caseIdFrom(opened.headers.location);
  let page = await cw.get(`/casework/cases/${id}`);
  assert.equal(page.statusCode, 200);
  assert.match(text(page.body, '.govuk-summary-list'), /Request received: deciding whether to assess/);
  // 6 weeks from Monday 7 September 2026 is Monday 19 October: late by today.
  assert.deepEqual(row(page.body, 'decision-to-assess'), ['19 October 2026', 'Not yet', 'Overdue']);
  assert.deepEqual(row(page.body, 'final-plan'), ['25 January 2027', 'Not yet', 'Not yet due']);
  assert.match(text(page.body, '#overdue-list'), /Decision whether to assess: was due 19 October 2026 \(SEND Regulations 2014, reg 5\(1\)\)/);

  let res = await record(cw, id, 'decision-to-assess', '2026-10-12');
  assert.equal(res.statusCode, 303, errorSummary(res.body));
  page = await cw.get(`/casework/cases/${id}`);
  assert.deepEqual(row(page.body, 'decision-to-assess'), ['19 October 2026', '12 October 2026', 'Done on time']);
  assert.equal(text(page.body, '#overdue-list'), 'Nothing is late.');
  assert.match(text(page.body, '#next-due'), /Final EHC plan by 25 January 2027/);

  res = await record(cw, id, 'advice-requested', '2026-10-13', { contributor: 'ep', contributorName: 'Educational psychology service' });
  assert.equal(res.statusCode, 303, errorSummary(res.body));
  page = await cw.get(`/casework/cases/${id}`);
  // 6 weeks from Tuesday 13 October is Tuesday 24 November: tomorrow.
  assert.deepEqual(row(page.body, 'advice:0'), ['24 November 2026', 'Not yet', 'Not yet due']);
  assert.match(text(page.body, '#next-due'), /Advice from Educational psychology service by 24 November 2026/);

  const form = await cw.get(`/casework/cases/${id}/record/advice-received`);
  const adviceEventId = cheerio.load(form.body)('input[name="adviceEventId"]').attr('value')!;
  res = await cw.post(`/casework/cases/${id}/record/advice-received`, { ...date('effectiveDate', '2026-11-02'), adviceEventId });
  assert.equal(res.statusCode, 303, errorSummary(res.body));
  res = await record(cw, id, 'decision-to-issue', '2026-11-03');
  assert.equal(res.statusCode, 303, errorSummary(res.body));
  page = await cw.get(`/casework/cases/${id}`);
  assert.equal(row(page.body, 'decision-not-to-issue'), null, 'the 16-week limit no longer arises once the council decides to issue');

  res = await record(cw, id, 'draft-plan-issued', '2026-11-05', {
    sectionA: 'Loves mathematics', need1SenType: 'SLCN', need1Description: 'Difficulty with expressive language', need1Outcomes: 'Uses sentences of 5 words\nJoins in group talk', need1Provision: 'Speech and language therapy, 1 hour a week', settingName: 'Riverside Primary School', settingUrn: '999001',
  });
  assert.equal(res.statusCode, 303, errorSummary(res.body));
  page = await cw.get(`/casework/cases/${id}`);
  assert.deepEqual(row(page.body, 'representations'), ['19 November 2026', 'Not yet', 'Overdue']);
  assert.match(text(page.body, 'body'), /Need 1: Speech, language and communication needs/);
  assert.match(text(page.body, 'body'), /Uses sentences of 5 words/);

  // The family has 15 days beginning with Thursday 5 November: the plan cannot be final before the 20th.
  const before = await eventCount();
  res = await record(cw, id, 'final-plan-issued', '2026-11-19');
  assert.equal(res.statusCode, 400);
  assert.match(errorSummary(res.body), /The final plan cannot be issued before Friday 20 November 2026: the family has 15 days from the draft on Thursday 5 November 2026/);
  assert.equal(await eventCount(), before, 'nothing saved');

  res = await record(cw, id, 'final-plan-issued', '2026-11-20');
  assert.equal(res.statusCode, 303, errorSummary(res.body));
  page = await cw.get(`/casework/cases/${id}`);
  assert.match(text(page.body, '.govuk-summary-list'), /Plan in force/);
  assert.deepEqual(row(page.body, 'final-plan'), ['25 January 2027', '20 November 2026', 'Done on time']);
  assert.deepEqual(row(page.body, 'next-review'), ['20 November 2027', 'Not yet', 'Not yet due']);
  assert.match(text(page.body, '#next-due'), /Annual review by 20 November 2027 \(Children and Families Act 2014, s\.44\(1\)\)/);
  assert.equal(cheerio.load(page.body)('#timeline-list > li').length, 7);
});

test('the case as at a past date leaves out later events', async () => {
  const page = await cw.get(`/casework/cases/${ids['A']}?asAt=2026-10-01`);
  assert.equal(page.statusCode, 200);
  assert.match(text(page.body, '.govuk-inset-text'), /as it stood on 1 October 2026/);
  assert.match(text(page.body, '.govuk-summary-list'), /Request received: deciding whether to assess/);
  assert.deepEqual(row(page.body, 'decision-to-assess'), ['19 October 2026', 'Not yet', 'Not yet due']);
  assert.equal(cheerio.load(page.body)('#timeline-list > li').length, 1);
  assert.equal(cheerio.load(page.body)('#next-steps').length, 0, 'no recording forms when looking back');
  const bad = await cw.get(`/casework/cases/${ids['A']}?asAt=2026-12-01`);
  assert.equal(bad.statusCode, 400);
  assert.match(errorSummary(bad.body), /cannot be in the future/);
});

test('bad input is refused with the rule and the date, and nothing is saved', async () => {
  const opened = await newRequest(cw, { given: 'Brook', family: 'Taylor', dob: '2018-04-01' }, '2026-11-02');
  assert.equal(opened.statusCode, 303, errorSummary(opened.body));
  const id = ids['B'] = caseIdFrom(opened.headers.location);
  const before = await eventCount();

  let res = await record(cw, id, 'decision-to-assess', '2026-11-01');
  assert.equal(res.statusCode, 400);
  assert.match(errorSummary(res.body), /The date \(Sunday 1 November 2026\) cannot be before the day the request was received \(Monday 2 November 2026\)/);
  assert.equal(cheerio.load(res.body)('.govuk-error-summary a').attr('href'), '#effectiveDate');

  res = await record(cw, id, 'decision-to-assess', '2026-11-24');
  assert.equal(res.statusCode, 400);
  assert.match(errorSummary(res.body), /The date \(Tuesday 24 November 2026\) cannot be in the future: today is Monday 23 November 2026/);

  res = await record(cw, id, 'final-plan-issued', '2026-11-20');
  assert.equal(res.statusCode, 400);
  assert.match(errorSummary(res.body), /Final plan issued cannot be recorded yet: a final plan needs a draft plan first/);

  res = await record(cw, id, 'decision-not-to-assess', '2026-11-20');
  assert.equal(res.statusCode, 400);
  assert.match(errorSummary(res.body), /Enter the reasons for not assessing/);

  await cw.get(`/casework/cases/${id}/record/decision-to-assess`);
  res = await cw.post(`/casework/cases/${id}/record/decision-to-assess`, {});
  assert.equal(res.statusCode, 400);
  assert.match(errorSummary(res.body), /Enter the date it happened/);

  const dup = await newRequest(cw, { given: 'brook', family: 'TAYLOR', dob: '2018-04-01' }, '2026-11-10');
  assert.equal(dup.statusCode, 400);
  assert.match(errorSummary(dup.body), /This child already has an open case, opened on Monday 2 November 2026/);

  const empty = await cw.post('/casework/new', { requester: '' });
  assert.equal(empty.statusCode, 400);
  const $ = cheerio.load(empty.body);
  assert.deepEqual($('.govuk-error-summary__list a').map((_, a) => $(a).attr('href')).get(), ['#givenName', '#familyName', '#dateOfBirth', '#requester', '#receivedOn']);
  assert.equal(await eventCount(), before, 'nothing saved by any refused form');
  assert.equal(Number((await sql<{ n: number }>`select count(*)::int as n from ehc_case`.execute(t.database.db)).rows[0]!.n), 2);
});

test('the work tray orders by the next statutory deadline, with overdue and due-soon filters and counts', async () => {
  ids['C'] = caseIdFrom((await newRequest(cw, { given: 'Cleo', family: 'Moss', dob: '2016-02-02' }, '2026-08-03')).headers.location); // decision due 14 Sep: overdue
  ids['D'] = caseIdFrom((await newRequest(cw, { given: 'Dan', family: 'Reed', dob: '2017-03-03' }, '2026-10-20')).headers.location); // decision due 1 Dec: due soon
  const tray = await cw.get('/casework');
  const $ = cheerio.load(tray.body);
  const names = $('#tray tbody tr th a').map((_, a) => $(a).text()).get();
  assert.deepEqual(names, ['Cleo Moss', 'Dan Reed', 'Brook Taylor', 'Ada Lovelace']);
  assert.deepEqual($('#tray tbody tr td:nth-child(4)').map((_, td) => $(td).text().trim()).get(), ['14 September 2026', '1 December 2026', '14 December 2026', '20 November 2027']);
  assert.deepEqual($('#tray tbody tr td:nth-child(5)').map((_, td) => $(td).text().trim()).get(), ['Overdue', 'Due soon', 'On track', 'On track']);
  assert.match(text(tray.body, 'nav[aria-label="Filter cases"]'), /All open cases \(4\) Overdue \(1\) Due within 14 days \(1\)/);
  const overdue = await cw.get('/casework?filter=overdue');
  assert.deepEqual(cheerio.load(overdue.body)('#tray tbody tr th a').map((_, a) => cheerio.load(a).text()).get(), ['Cleo Moss']);
  const soon = await cw.get('/casework?filter=at-risk');
  assert.deepEqual(cheerio.load(soon.body)('#tray tbody tr th a').map((_, a) => cheerio.load(a).text()).get(), ['Dan Reed']);
});

test('the team view: counts by stage, the overdue list and reassignment; caseworkers cannot see it', async () => {
  assert.equal((await cw.get('/casework/team')).statusCode, 403);
  const mgr = await t.signIn('manager@demo.joinedup.invalid');
  const page = await mgr.get('/casework/team');
  assert.equal(page.statusCode, 200);
  const $ = cheerio.load(page.body);
  const stage = (k: string) => $(`#by-stage tr[data-stage="${k}"] td`).map((_, td) => $(td).text().trim()).get();
  assert.deepEqual(stage('request'), ['3', '1']);
  assert.deepEqual(stage('plan'), ['1', '0']);
  assert.deepEqual($('#overdue tbody tr th a').map((_, a) => $(a).text()).get(), ['Cleo Moss']);
  const managerId = $(`#assignedTo-${ids['C']} option`).filter((_, o) => $(o).text() === 'Morgan Manager').attr('value')!;
  const res = await mgr.post('/casework/team/reassign', { caseId: ids['C']!, assignedTo: managerId });
  assert.equal(res.statusCode, 303);
  const trayNames = (html: string) => cheerio.load(html)('#tray tbody tr th a').map((_, a) => cheerio.load(a).text()).get();
  assert.ok(!trayNames((await cw.get('/casework')).body).includes('Cleo Moss'), 'gone from the caseworker\'s tray');
  assert.deepEqual(trayNames((await mgr.get('/casework')).body), ['Cleo Moss']);
  await mgr.get('/casework/team');
  const bad = await mgr.post('/casework/team/reassign', { caseId: ids['C']!, assignedTo: '00000000-0000-4000-8000-000000000000' });
  assert.equal(bad.statusCode, 400);
  assert.match(errorSummary(bad.body), /Select a caseworker in this area/);
  const audit = await t.database.db.selectFrom('audit_event').select(['detail']).where('action', '=', 'case.reassigned').execute();
  assert.equal(audit.length, 1);
  assert.deepEqual((audit[0]!.detail as { to: string }).to, managerId);
});

test('a professional not involved gets 404, a parent 403; asking them for advice involves them', async () => {
  const ep = await t.signIn('ep@demo.joinedup.invalid');
  assert.equal((await ep.get(`/casework/cases/${ids['B']}`)).statusCode, 404);
  const parent = await t.signIn('parent@demo.joinedup.invalid');
  assert.equal((await parent.get(`/casework/cases/${ids['B']}`)).statusCode, 403);
  assert.equal((await parent.get('/casework')).statusCode, 403);

  assert.equal((await record(cw, ids['B']!, 'decision-to-assess', '2026-11-16')).statusCode, 303);
  const form = await cw.get(`/casework/cases/${ids['B']}/record/advice-requested`);
  const $ = cheerio.load(form.body);
  const epId = $('#contributorUserId option').filter((_, o) => $(o).text() === 'Evelyn Psychologist').attr('value')!;
  const res = await cw.post(`/casework/cases/${ids['B']}/record/advice-requested`, { ...date('effectiveDate', '2026-11-17'), contributor: 'ep', contributorUserId: epId });
  assert.equal(res.statusCode, 303, errorSummary(res.body));
  const seen = await ep.get(`/casework/cases/${ids['B']}`);
  assert.equal(seen.statusCode, 200);
  assert.equal(cheerio.load(seen.body)('#next-steps').length, 0, 'a professional cannot record events');
  assert.equal((await ep.get(`/casework/cases/${ids['A']}`)).statusCode, 404, 'still not involved with another case');
  await ep.get('/account');
  assert.equal((await ep.post(`/casework/cases/${ids['B']}/record/decision-to-issue`, { ...date('effectiveDate', '2026-11-20') })).statusCode, 403);
  const tray = await ep.get('/casework');
  assert.deepEqual(cheerio.load(tray.body)('#tray tbody tr th a').map((_, a) => cheerio.load(a).text()).get(), ['Brook Taylor']);
});

test('a case of another area is not found, on the page and in the API', async () => {
  const other = await asSystem(t.database.db, async (trx) => {
    const area = await trx.insertInto('area').values({ code: 'E99999998', name: 'Other Borough' }).returning('id').executeTakeFirstOrThrow();
    const user = await trx.insertInto('app_user').values({ email: 'other@other.invalid', name: 'Olly Other', status: 'active' }).returning('id').executeTakeFirstOrThrow();
    return { areaId: area.id, userId: user.id };
  });
  const principal: Principal = { userId: other.userId, name: 'Olly Other', email: 'other@other.invalid', areaId: other.areaId, areaCode: 'E99999998', areaName: 'Other Borough', roles: new Set(['caseworker']), organisationIds: [], via: 'session' };
  const r = await createRequest({ db: t.database.db, clock: t.clock }, { principal }, { givenName: 'Zed', familyName: 'Elsewhere', dateOfBirth: '2016-01-01', requester: 'parent', receivedOn: '2026-11-01' });
  assert.equal((await cw.get(`/casework/cases/${r.caseId}`)).statusCode, 404);
  assert.equal((await cw.get(`/casework/cases/${r.caseId}/record/decision-to-assess`)).statusCode, 404);
  await cw.get('/account');
  assert.equal((await cw.post(`/casework/cases/${r.caseId}/record/decision-to-assess`, date('effectiveDate', '2026-11-10'))).statusCode, 404);
  const tray = await cw.get('/casework?scope=all');
  assert.ok(!tray.body.includes('Elsewhere'));
});

test('viewing a case writes an audit row with identifiers only, in the same transaction', async () => {
  const before = await t.database.db.selectFrom('audit_event').select('id').where('action', '=', 'case.viewed').where('entity_id', '=', ids['A']!).execute();
  await cw.get(`/casework/cases/${ids['A']}`);
  const rows = await t.database.db.selectFrom('audit_event').select(['actor_label', 'entity_type', 'detail', 'area_id']).where('action', '=', 'case.viewed').where('entity_id', '=', ids['A']!).execute();
  assert.equal(rows.length, before.length + 1);
  const last = rows.at(-1)!;
  assert.equal(last.entity_type, 'ehc_case');
  assert.match(last.actor_label, /^user:/);
  assert.ok(!JSON.stringify(last.detail).includes('Lovelace'), 'no names in the audit detail');
  const changes = await t.database.db.selectFrom('audit_event').select('action').where('entity_id', '=', ids['A']!).where('action', 'in', ['case.opened', 'case.event-recorded']).execute();
  assert.equal(changes.length, 7, 'one audit row for the opening and one per recorded event');
});

test('a correction voids an event and the case moves back; the original stays on the timeline', async () => {
  const form = await cw.get(`/casework/cases/${ids['D']}/record/correction`);
  assert.equal(form.statusCode, 200);
  assert.equal((await record(cw, ids['D']!, 'decision-to-assess', '2026-11-20')).statusCode, 303);
  let page = await cw.get(`/casework/cases/${ids['D']}`);
  assert.match(text(page.body, '.govuk-summary-list'), /Assessing/);
  const $ = cheerio.load((await cw.get(`/casework/cases/${ids['D']}/record/correction`)).body);
  const target = $('#correctsEventId option').filter((_, o) => /Decided to assess/.test($(o).text())).attr('value')!;
  const missing = await cw.post(`/casework/cases/${ids['D']}/record/correction`, { ...date('effectiveDate', '2026-11-23'), correctsEventId: target, action: 'void' });
  assert.equal(missing.statusCode, 400);
  assert.match(errorSummary(missing.body), /Enter why the correction is needed/);
  const res = await cw.post(`/casework/cases/${ids['D']}/record/correction`, { ...date('effectiveDate', '2026-11-23'), correctsEventId: target, action: 'void', correctionReason: 'Recorded on the wrong child' });
  assert.equal(res.statusCode, 303, errorSummary(res.body));
  page = await cw.get(`/casework/cases/${ids['D']}`);
  assert.match(text(page.body, '.govuk-summary-list'), /Request received/);
  assert.match(text(page.body, '#timeline-list'), /Decided to assess Removed/);
  assert.match(text(page.body, '#timeline-list'), /Reason: Recorded on the wrong child/);
});

test('a plan transferred in from another council: the new council\'s deadlines (reg 15)', async () => {
  await cw.get('/casework/transfer-in');
  const bad = await cw.post('/casework/transfer-in', { givenName: 'Tom', familyName: 'Moved', ...date('dateOfBirth', '2012-07-07'), fromLa: '12', ...date('receivedOn', '2026-10-05'), ...date('lastReviewOn', '2026-10-06') });
  assert.equal(bad.statusCode, 400);
  assert.match(errorSummary(bad.body), /Enter the old council's 3-digit LA number/);
  assert.match(errorSummary(bad.body), /cannot be after the transfer \(Monday 5 October 2026\)/);
  const res = await cw.post('/casework/transfer-in', { givenName: 'Tom', familyName: 'Moved', ...date('dateOfBirth', '2012-07-07'), fromLa: '812', ...date('receivedOn', '2026-10-05'), ...date('lastReviewOn', '2026-03-14'), carerName: 'Sam Moved', carerRelationship: 'Parent', carerPhone: '01234 567890', carerContactBy: 'phone' });
  assert.equal(res.statusCode, 303, errorSummary(res.body));
  const page = await cw.get(String(res.headers.location));
  assert.match(text(page.body, '.govuk-summary-list'), /Plan in force/);
  assert.match(text(page.body, '.govuk-summary-list'), /Sam Moved \(Parent\): prefers contact by phone, 01234 567890/);
  // 6 weeks from Monday 5 October to write to the family; the review by the later of 12 months from
  // the last review (14 March 2027) and 3 months from the transfer (5 January 2027).
  assert.deepEqual(row(page.body, 'new-council-letter'), ['16 November 2026', 'Not yet', 'Overdue']);
  assert.deepEqual(row(page.body, 'new-council-review'), ['14 March 2027', 'Not yet', 'Not yet due']);
  assert.match(text(page.body, '#next-steps'), /Family told the transfer is confirmed/);
});

test('the morning digest emails each caseworker their counts and links, and names no child', async () => {
  const { sendDeadlineDigests } = await import('../../src/modules/casework/reminders.ts');
  const r = await sendDeadlineDigests(t.database.db, t.app.ctx.mailer, t.clock.today(), 'https://joinedup.example');
  assert.equal(r.sent, 2);
  const mails = await t.database.db.selectFrom('mail').select(['to_address', 'subject', 'body_text']).where('subject', 'like', 'Your casework%').orderBy('to_address').execute();
  assert.deepEqual(mails.map((m) => [m.to_address, m.subject]), [
    ['caseworker@demo.joinedup.invalid', 'Your casework: 1 overdue, 1 due within 14 days'],
    ['manager@demo.joinedup.invalid', 'Your casework: 1 overdue'],
  ]);
  assert.match(mails[0]!.body_text, /https:\/\/joinedup\.example\/casework\?filter=overdue/);
  for (const m of mails) assert.doesNotMatch(m.body_text, /Lovelace|Moved|Reed|Moss|Taylor/);
});
