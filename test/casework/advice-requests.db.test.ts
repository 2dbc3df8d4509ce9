// A professional's start page: the advice requests naming them, waiting (next due first) and given,
// through the page and the API, with the tray's due-soon window, an audit row, and nobody else's; on
// each database (the events are read through a query of their own).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { sql } from 'kysely';
import { buildTestApp, type TestApp, type TestBrowser } from '../helpers/app.ts';
import { backends } from '../helpers/db.ts';
import { dateFields as date, errorSummary, recordEvent as record } from './page-helpers.ts';

for (const backend of backends()) test(`${backend.name}: a professional's advice requests`, async (suite) => {
  const database = await backend.open('advice');
  const t: TestApp = await buildTestApp({ database }); // today is 23 November 2026
  suite.after(async () => { await t.close(); await database.close(); });
  const cw: TestBrowser = await t.signIn('caseworker@demo.joinedup.invalid');
  const ep: TestBrowser = await t.signIn('ep@demo.joinedup.invalid');
  const users = await sql<{ id: string; email: string }>`select id, email from app_user`.execute(t.database.db);
  const epId = users.rows.find((u) => u.email === 'ep@demo.joinedup.invalid')!.id;
  const healthId = users.rows.find((u) => u.email === 'health@demo.joinedup.invalid')!.id;

  async function assessing(given: string, receivedOn: string, decidedOn: string): Promise<string> {
    await cw.get('/casework/new');
    const res = await cw.post('/casework/new', { givenName: given, familyName: 'Advice', ...date('dateOfBirth', '2016-05-01'), upn: '', requester: 'parent', ...date('receivedOn', receivedOn), carerName: 'A Carer', carerEmail: 'carer@example.invalid', carerContactBy: 'email' });
    assert.equal(res.statusCode, 303, errorSummary(res.body));
    const id = /\/casework\/cases\/([0-9a-f-]{36})/.exec(String(res.headers.location))![1]!;
    assert.equal((await record(cw, id, 'decision-to-assess', decidedOn)).statusCode, 303);
    return id;
  }

  async function askAdvice(caseId: string, on: string, userId: string | undefined): Promise<void> {
    const res = await record(cw, caseId, 'advice-requested', on, { contributor: 'ep', ...(userId ? { contributorUserId: userId } : {}) });
    assert.equal(res.statusCode, 303, errorSummary(res.body));
  }

  const rowsOf = (html: string, table: string) => {
    const $ = cheerio.load(html);
    $('br').replaceWith(' ');
    return $(`#${table} tbody tr`).map((_, tr) => [$(tr).find('th, td').map((__, c) => $(c).text().replace(/\s+/g, ' ').trim()).get()]).get() as unknown as string[][];
  };

  await suite.test('a professional lands on their advice requests; with none, the page says so', async () => {
    const home = await ep.get('/');
    assert.equal(home.statusCode, 302);
    assert.equal(home.headers.location, '/casework/advice');
    const page = await ep.get('/casework/advice');
    assert.equal(page.statusCode, 200);
    const $ = cheerio.load(page.body);
    assert.equal($('h1').text(), 'Advice requests');
    assert.match($('#waiting-empty').text(), /Nobody is waiting for advice from you/);
    assert.match($('#given-empty').text(), /No advice from you/);
    assert.equal($('.govuk-service-navigation__item--active a').text().trim(), 'Advice requests', 'only its own link is the current section');
  });

  await suite.test('waiting requests, next due first, with status against today; given ones with on time or late', async () => {
    const overdue = await assessing('Olive', '2026-09-01', '2026-09-25'); // asked 1 Oct: due 12 Nov
    const soon = await assessing('Sam', '2026-09-20', '2026-10-15'); // asked 20 Oct: due 1 Dec, within 14 days
    const later = await assessing('Lou', '2026-10-20', '2026-11-05'); // asked 10 Nov: due 22 Dec
    const notMine = await assessing('Nell', '2026-10-01', '2026-10-20');
    await askAdvice(overdue, '2026-10-01', epId);
    await askAdvice(soon, '2026-10-20', epId);
    await askAdvice(later, '2026-11-10', epId);
    await askAdvice(notMine, '2026-10-21', healthId);
    await askAdvice(notMine, '2026-10-22', undefined); // an EP outside Joined Up, named on the form only

    let page = await ep.get('/casework/advice');
    assert.deepEqual(rowsOf(page.body, 'waiting').map((r) => r.slice(0, 4)), [
      ['Olive Advice Born 1 May 2016', '1 October 2026', '12 November 2026', 'Overdue'],
      ['Sam Advice Born 1 May 2016', '20 October 2026', '1 December 2026', 'Due soon'],
      ['Lou Advice Born 1 May 2016', '10 November 2026', '22 December 2026', 'On track'],
    ]);
    assert.match(rowsOf(page.body, 'waiting')[0]![4]!, /Casey Worker/);
    assert.equal(cheerio.load(page.body)('#waiting a[href^="/casework/cases/"]').first().attr('href'), `/casework/cases/${overdue}`);

    // Advice received: Sam's on time, Olive's late. Both move to "given", the latest first.
    const adviceEvent = async (caseId: string) => (await sql<{ id: string }>`select id from case_event where case_id = ${caseId} and type = 'advice-requested'`.execute(t.database.db)).rows[0]!.id;
    assert.equal((await record(cw, soon, 'advice-received', '2026-11-20', { adviceEventId: await adviceEvent(soon) })).statusCode, 303);
    assert.equal((await record(cw, overdue, 'advice-received', '2026-11-18', { adviceEventId: await adviceEvent(overdue) })).statusCode, 303);
    page = await ep.get('/casework/advice');
    assert.deepEqual(rowsOf(page.body, 'waiting').map((r) => r[0]), ['Lou Advice Born 1 May 2016']);
    assert.deepEqual(rowsOf(page.body, 'given'), [
      ['Sam Advice', '20 October 2026', '1 December 2026', '20 November 2026 On time'],
      ['Olive Advice', '1 October 2026', '12 November 2026', '18 November 2026 Late'],
    ]);

    // The tray a professional reaches from "Casework" says what it holds.
    const tray = cheerio.load((await ep.get('/casework')).body);
    assert.equal(tray('h1').text(), 'Cases you are involved in');
    assert.match(tray('main p').first().text(), /asked to contribute to/);

    // The health professional sees only the request naming them.
    const health = await t.signIn('health@demo.joinedup.invalid');
    assert.deepEqual(rowsOf((await health.get('/casework/advice')).body, 'waiting').map((r) => r[0]), ['Nell Advice Born 1 May 2016']);
  });

  await suite.test('a request no longer waited for is not listed: the council decided not to issue a plan before the advice came', async () => {
    const id = await assessing('Cal', '2026-10-01', '2026-10-20');
    await askAdvice(id, '2026-10-21', epId);
    assert.ok(rowsOf((await ep.get('/casework/advice')).body, 'waiting').some((r) => r[0]!.startsWith('Cal Advice')));
    const closed = await record(cw, id, 'decision-not-to-issue', '2026-11-02', { reasons: 'Needs can be met from SEN support' });
    assert.equal(closed.statusCode, 303, errorSummary(closed.body));
    assert.ok(!rowsOf((await ep.get('/casework/advice')).body, 'waiting').some((r) => r[0]!.startsWith('Cal Advice')));
  });

  await suite.test('advice given more than 12 months ago is no longer listed', async () => {
    const id = await assessing('Old', '2025-06-02', '2025-07-01');
    await askAdvice(id, '2025-07-01', epId);
    const adviceId = (await sql<{ id: string }>`select id from case_event where case_id = ${id} and type = 'advice-requested'`.execute(t.database.db)).rows[0]!.id;
    assert.equal((await record(cw, id, 'advice-received', '2025-08-01', { adviceEventId: adviceId })).statusCode, 303);
    const page = await ep.get('/casework/advice');
    assert.ok(!rowsOf(page.body, 'given').some((r) => r[0]!.startsWith('Old Advice')));
    assert.ok(!rowsOf(page.body, 'waiting').some((r) => r[0]!.startsWith('Old Advice')));
  });

  await suite.test('the API gives the same lists; a parent is refused on both; each view is audited without names', async () => {
    await ep.get('/account');
    const tokenPage = await ep.post('/account/tokens', { name: 'advice test', days: '30' });
    const token = cheerio.load(tokenPage.body)('#new-token').text();
    const res = await t.app.inject({ url: '/api/v1/advice-requests', headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as { today: string; waiting: { child: { givenName: string }; due: string; status: string; basis: string }[]; given: { child: { givenName: string }; status: string; returnedOn: string }[] };
    assert.equal(body.today, '2026-11-23');
    assert.deepEqual(body.waiting.map((r) => [r.child.givenName, r.due, r.status]), [['Lou', '2026-12-22', 'on-track']]);
    assert.match(body.waiting[0]!.basis, /SEND Regulations 2014, reg 8/);
    assert.deepEqual(body.given.map((r) => [r.child.givenName, r.returnedOn, r.status]), [['Sam', '2026-11-20', 'received-on-time'], ['Olive', '2026-11-18', 'received-late']]);

    const parent = await t.signIn('parent@demo.joinedup.invalid');
    assert.equal((await parent.get('/casework/advice')).statusCode, 403);

    const audit = await sql<{ detail: Record<string, unknown> }>`select detail from audit_event where action = 'case.advice-requests-viewed' order by id desc limit 1`.execute(t.database.db);
    assert.deepEqual(audit.rows[0]!.detail, { cases: 5, requests: 3 }, 'five cases read, three requests shown');
    assert.doesNotMatch(JSON.stringify(audit.rows), /Olive|Sam|Lou/);
  });
});
