// Self-evaluation pages: start one against a framework, record months of RAG ratings, read the grid
// with reds in the latest month and changes since the last; board members read only; other areas 404.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { buildTestApp, type TestApp, type TestBrowser } from '../helpers/app.ts';
import { asSystem } from '../../src/platform/db/database.ts';

let t: TestApp;
let manager: TestBrowser;
let board: TestBrowser;
let id = '';
before(async () => {
  t = await buildTestApp();
  manager = await t.signIn('manager@demo.joinedup.invalid');
  board = await t.signIn('board@demo.joinedup.invalid');
});
after(async () => { await t.close(); });

test('an editor starts a self-evaluation against the 2023 framework', async () => {
  await manager.get('/governance/self-evaluation');
  const bad = await manager.post('/governance/self-evaluation', { title: '', frameworkId: 'nope' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Select the inspection framework/);
  const res = await manager.post('/governance/self-evaluation', { title: 'Area SEND self-evaluation', frameworkId: 'send-2023' });
  assert.equal(res.statusCode, 303);
  id = String(res.headers.location).split('/').pop()!;
});

test('recording months builds the grid; reds and changes since last month are listed in words', async () => {
  await manager.get(`/governance/self-evaluation/${id}/record?month=2026-10`);
  const oct = await manager.post(`/governance/self-evaluation/${id}/record`, {
    month: '2026-10', 'rag-EO1': 'red', 'rag-EO2': 'amber', 'rag-EO3': 'amber', 'rag-EO4': 'green', 'rag-EO5': 'amber', 'rag-PW1': 'red', 'narrative-EO1': 'Timeliness 31%',
  });
  assert.equal(oct.statusCode, 303, oct.body.slice(0, 500));
  // November's form starts from October's ratings.
  const form = await manager.get(`/governance/self-evaluation/${id}/record?month=2026-11`);
  assert.match(form.body, /The ratings from October 2026 are filled in/);
  assert.equal(cheerio.load(form.body)('input[name="rag-EO1"][checked]').val(), 'red');
  const nov = await manager.post(`/governance/self-evaluation/${id}/record`, {
    month: '2026-11', 'rag-EO1': 'amber', 'rag-EO2': 'red', 'rag-EO3': 'amber', 'rag-EO4': 'green', 'rag-EO5': 'amber', 'rag-PW1': 'red',
    'narrative-EO1': 'Timeliness 58%', 'narrative-PW1': 'Board terms of reference not agreed', 'evidence-EO1': 'SEN2 dashboard',
  });
  assert.equal(nov.statusCode, 303);

  const page = await board.get(`/governance/self-evaluation/${id}`);
  assert.equal(page.statusCode, 200);
  const $ = cheerio.load(page.body);
  const text = $('main').text().replace(/\s+/g, ' ');
  const items = (heading: string) => $(`h2:contains("${heading}") + ul li`).map((_, li) => $(li).text().replace(/\s+/g, ' ').trim()).get();
  assert.match(text, /November 2026 at a glance Red 2 criteria ?Amber 3 criteria ?Green 1 criterion/);
  assert.deepEqual(items('Red in November 2026'), ['EO2 Children and families taking part in decisions', 'PW1 Leadership, commissioning and joint workingBoard terms of reference not agreed']);
  assert.deepEqual(items('Changes since October 2026'), [
    'EO1 Improved: Red to Amber. Timely and accurate identification and assessment of needTimeliness 58%',
    'EO2 Worsened: Amber to Red. Children and families taking part in decisions',
  ]);
  const grid = $('table.app-rag-grid').first();
  assert.deepEqual(grid.find('thead th').map((_, th) => $(th).text().trim()).get(), ['Criterion', 'Oct 2026', 'Nov 2026']);
  const eo1 = grid.find('tbody tr').first();
  assert.equal(eo1.find('th[scope=row]').text().trim().replace(/\s+/g, ' '), 'EO1 Timely and accurate identification and assessment of need');
  assert.deepEqual(eo1.find('td').map((_, td) => $(td).text().trim()).get(), ['Red', 'Amber']);
  assert.equal(eo1.find('td .govuk-tag--red').length, 1, 'colour repeats the word');
  assert.deepEqual($('h2:contains("Narrative and evidence") + table tbody tr').first().children().map((_, c) => $(c).text().trim()).get(), ['EO1', 'Amber', 'Timeliness 58%', 'SEN2 dashboard']);
  assert.equal($('a:contains("Months to")').length, 0, 'no earlier months to page back to');
  assert.equal($('a[href*="/record"]').length, 0, 'board members are not offered recording');
  const back = cheerio.load((await board.get(`/governance/self-evaluation/${id}?to=2026-10`)).body);
  assert.deepEqual(back('table.app-rag-grid').first().find('thead th').map((_, th) => back(th).text().trim()).get(), ['Criterion', 'Oct 2026']);
  assert.equal(back('a:contains("Months to November 2026")').length, 1, 'a link forward to the latest months');
});

test('a future month, a bad rating and a narrative without a rating are refused with named fields', async () => {
  await manager.get(`/governance/self-evaluation/${id}/record`);
  const res = await manager.post(`/governance/self-evaluation/${id}/record`, { month: '2027-01', 'rag-EO1': 'purple', 'narrative-EO2': 'words' });
  assert.equal(res.statusCode, 400);
  const errs = cheerio.load(res.body)('.govuk-error-summary a').map((_, a) => cheerio.load(res.body)(a).attr('href')).get();
  assert.deepEqual(errs.sort(), ['#month', '#rag-EO1', '#rag-EO2'].sort());
  const rows = await asSystem(t.database.db, (trx) => trx.selectFrom('self_evaluation_rating').select('month').where('month', '=', '2027-01').execute());
  assert.equal(rows.length, 0);
});

test('board members cannot record (403); another area\'s self-evaluation is not found (404); changes are audited', async () => {
  assert.equal((await board.get(`/governance/self-evaluation/${id}/record`)).statusCode, 403);
  await board.get('/account');
  assert.equal((await board.post(`/governance/self-evaluation/${id}/record`, { month: '2026-11', 'rag-EO1': 'green', _csrf: board.csrf() })).statusCode, 403);
  const other = await asSystem(t.database.db, async (trx) => {
    const area = await trx.insertInto('area').values({ code: 'E77777777', name: 'Elsewhere' }).returning('id').executeTakeFirstOrThrow();
    return trx.insertInto('self_evaluation').values({ area_id: area.id, framework_id: 'send-2016', title: 'Theirs' }).returning('id').executeTakeFirstOrThrow();
  });
  assert.equal((await manager.get(`/governance/self-evaluation/${other.id}`)).statusCode, 404);
  await manager.get('/account');
  assert.equal((await manager.post(`/governance/self-evaluation/${other.id}/record`, { month: '2026-11', 'rag-A1': 'green' })).statusCode, 404);
  const audits = await asSystem(t.database.db, (trx) => trx.selectFrom('audit_event').select(['action', 'detail']).where('action', 'like', 'self-evaluation.%').orderBy('id').execute());
  assert.deepEqual(audits.map((a) => a.action), ['self-evaluation.created', 'self-evaluation.month-recorded', 'self-evaluation.month-recorded']);
  assert.deepEqual(audits[2]!.detail, { month: '2026-11', red: 2, amber: 3, green: 1 });
});
