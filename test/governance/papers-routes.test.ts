// Board paper pages end to end: create a paper on a real plan, edit its narrative, preview it, download
// Word and PDF built from live data, issue it (documents and data stored), and then: immutable,
// downloads exactly as issued even after the data changes. Board members read; others' papers 404.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as cheerio from 'cheerio';
import { sql } from 'kysely';
import { buildTestApp, type TestApp, type TestBrowser } from '../helpers/app.ts';
import { asSystem } from '../../src/platform/db/database.ts';
import { createImportedPlan } from '../../src/modules/governance/plans/service.ts';
import { importedPlanFixture, docxParagraphs } from './papers-fixture.ts';

let t: TestApp;
let manager: TestBrowser;
let board: TestBrowser;
let planId = '';
let paperId = '';
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

before(async () => {
  t = await buildTestApp();
  manager = await t.signIn('manager@demo.joinedup.invalid');
  board = await t.signIn('board@demo.joinedup.invalid');
  const areaId = (await asSystem(t.database.db, (trx) => trx.selectFrom('area').select('id').where('code', '=', 'E99999999').executeTakeFirstOrThrow())).id;
  planId = await asSystem(t.database.db, (trx) => createImportedPlan(trx, { actorLabel: 'test', areaId }, areaId,
    { name: 'Priority action plan 2026', kind: 'priority-action-plan', scheme: 'rag', asAt: Temporal.PlainDate.from('2026-10-01') }, importedPlanFixture(40)));
  // A risk in the top band, linked to priority 5, so the extract has a row.
  await manager.get('/governance/risks/new');
  const r = await manager.post('/governance/risks/new', {
    reference: 'R1', title: 'EHCNA backlog grows', owner: 'Head of SEND', category: 'operational', treatment: 'treat', linkedPriorities: '5', raisedOn: '2026-09-01', nextReviewOn: '2026-12-01',
    inherentLikelihood: '5', inherentImpact: '5', residualLikelihood: '4', residualImpact: '4', targetLikelihood: '2', targetImpact: '2',
  });
  assert.equal(r.statusCode, 303, r.body.slice(0, 1000));
});
after(async () => { await t.close(); });

test('a new paper needs a plan, real dates and a title block; the as-at date cannot be in the future', async () => {
  await manager.get('/governance/papers/new');
  const res = await manager.post('/governance/papers/new', { planId: '', reportTo: '', reportingOfficer: 'DCS', subject: 'x', asAt: '2027-01-01', 'paperDate-day': '31', 'paperDate-month': '2', 'paperDate-year': '2026' });
  assert.equal(res.statusCode, 400);
  const $ = cheerio.load(res.body);
  assert.deepEqual($('.govuk-error-summary a').map((_, a) => $(a).attr('href')).get().sort(), ['#asAt', '#paperDate', '#planId', '#reportTo']);
});

test('an editor creates a paper, writes its narrative and previews it from live data', async () => {
  await manager.get('/governance/papers/new');
  const res = await manager.post('/governance/papers/new', {
    planId, reportTo: 'SEND Improvement Board', reportingOfficer: 'Director of Children\'s Services', subject: 'SEND Improvement Plan Update',
    'asAt-day': '1', 'asAt-month': '11', 'asAt-year': '2026', 'paperDate-day': '1', 'paperDate-month': '12', 'paperDate-year': '2026',
  });
  assert.equal(res.statusCode, 303, res.body.slice(0, 1500));
  paperId = String(res.headers.location).split('/')[3]!;
  const form = await manager.get(`/governance/papers/${paperId}/edit`);
  const $f = cheerio.load(form.body);
  const values = Object.fromEntries(['planId', 'reportTo', 'reportingOfficer', 'subject', 'purpose', 'summary', 'freeText'].map((n) => [n, String($f(`[name="${n}"]`).val() ?? '')]));
  const saved = await manager.post(`/governance/papers/${paperId}/edit`, {
    ...values, 'asAt-day': '1', 'asAt-month': '11', 'asAt-year': '2026', 'paperDate-day': '1', 'paperDate-month': '12', 'paperDate-year': '2026',
    recommendations: 'That the report be noted.\n\n- That the board agrees the revised risk scores',
    summary: 'Progress continues across all five priorities.', freeText: 'The parent carer survey closes on 30 November.',
  });
  assert.equal(saved.statusCode, 303, saved.body.slice(0, 1500));

  const page = await board.get(`/governance/papers/${paperId}`);
  assert.equal(page.statusCode, 200);
  const $ = cheerio.load(page.body);
  assert.equal($('h1').text().trim(), 'SEND Improvement Plan Update');
  assert.deepEqual($('article h2').map((_, h) => $(h).text()).get().slice(0, 10), [
    '1. Purpose of the report', '2. Recommendations', '3. Summary', '4. Progress against the plan', '5. Exceptions: delayed actions',
    '6. Risk register extract', '7. Self-evaluation', '8. Key performance indicators', '9. Other matters', '10. Appendices',
  ]);
  // 40 actions, 8 a priority; priority 1 takes every fifth status of the cycle: 6 complete, 2 delayed.
  const t1 = $('caption:contains("Table 1")').closest('table');
  const p1 = t1.find('tbody tr').first().find('td').map((_, td) => $(td).text().trim()).get();
  assert.deepEqual(p1, ['1', 'Priority 1: improve the timeliness of EHC plans', '8', '75%', '0%', '25%', '0%', '75%']);
  assert.equal(t1.find('tbody tr').last().find('td').first().text().trim(), 'All');
  const exceptions = $('caption:contains("Table 2")').closest('table').find('tbody tr');
  assert.equal(exceptions.length, 12);
  assert.match(exceptions.first().text(), /Delayed: waiting for the parent carer survey/);
  assert.match($('caption:contains("Table 3")').closest('table').text(), /R1\s*EHCNA backlog grows/);
  assert.match($('article').text(), /No KPI data available/);
  assert.ok($('article li').map((_, li) => $(li).text()).get().includes('That the board agrees the revised risk scores'));
  assert.equal($('form[action$="/issue"]').length, 0, 'board members cannot issue');
});

let draftDocx: Buffer;
test('drafts download as Word and PDF generated from the live data', async () => {
  const docx = await board.get(`/governance/papers/${paperId}/paper.docx`);
  assert.equal(docx.statusCode, 200);
  assert.equal(docx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  assert.match(String(docx.headers['content-disposition']), /attachment; filename="2026-12-01-send-improvement-plan-update.docx"/);
  assert.equal(docx.headers['x-board-paper'], 'draft');
  draftDocx = docx.rawPayload;
  const { paragraphs } = await docxParagraphs(draftDocx);
  assert.ok(paragraphs.includes('9. Other matters'));
  assert.ok(paragraphs.includes('The parent carer survey closes on 30 November.'));
  const i = paragraphs.indexOf('Priority 1: improve the timeliness of EHC plans');
  assert.deepEqual(paragraphs.slice(i + 1, i + 7), ['8', '75%', '0%', '25%', '0%', '75%']);
  const pdf = await board.get(`/governance/papers/${paperId}/paper.pdf`);
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
});

test('issuing stores the documents and data; the issued paper is immutable and downloads exactly as issued', async () => {
  await board.get('/account');
  assert.equal((await board.post(`/governance/papers/${paperId}/issue`, { _csrf: board.csrf() })).statusCode, 403);
  await manager.get(`/governance/papers/${paperId}`);
  const issued = await manager.post(`/governance/papers/${paperId}/issue`, {});
  assert.equal(issued.statusCode, 303);
  const stored = await asSystem(t.database.db, (trx) => trx.selectFrom('board_paper_issue').select(['issued_on', 'docx_sha256', 'pdf_sha256', 'data']).where('paper_id', '=', paperId).executeTakeFirstOrThrow());
  assert.equal(stored.issued_on, '2026-11-23');
  assert.equal((stored.data as { titleBlock: { subject: string } }).titleBlock.subject, 'SEND Improvement Plan Update');

  const docx1 = await board.get(`/governance/papers/${paperId}/paper.docx`);
  const pdf1 = await board.get(`/governance/papers/${paperId}/paper.pdf`);
  assert.equal(docx1.headers['x-board-paper'], 'issued');
  assert.equal(sha(docx1.rawPayload), stored.docx_sha256);
  assert.equal(sha(pdf1.rawPayload), stored.pdf_sha256);

  // The live data moves on: another risk, a changed title in the register. The issued paper does not.
  await manager.get('/governance/risks/new');
  await manager.post('/governance/risks/new', { reference: 'R2', title: 'Raised after issue', category: 'strategic', treatment: 'treat', raisedOn: '2026-11-20', inherentLikelihood: '5', inherentImpact: '5', residualLikelihood: '5', residualImpact: '5' });
  const docx2 = await board.get(`/governance/papers/${paperId}/paper.docx`);
  assert.equal(sha(docx2.rawPayload), stored.docx_sha256, 'byte for byte as issued');
  const view = cheerio.load((await board.get(`/governance/papers/${paperId}`)).body);
  assert.match(view('.govuk-inset-text').text(), /Issued\s+on 23 November 2026/);
  assert.doesNotMatch(view('article').text(), /Raised after issue/);

  // No more edits, and the database refuses them too.
  assert.equal((await manager.get(`/governance/papers/${paperId}/edit`)).statusCode, 303);
  await manager.get('/account');
  assert.equal((await manager.post(`/governance/papers/${paperId}/edit`, { subject: 'Changed' })).statusCode, 409);
  await manager.get('/account');
  assert.equal((await manager.post(`/governance/papers/${paperId}/issue`, {})).statusCode, 409);
  await assert.rejects(asSystem(t.database.db, (trx) => sql`update board_paper_issue set issued_on = '2020-01-01' where paper_id = ${paperId}`.execute(trx)), /cannot be changed/);
  await assert.rejects(asSystem(t.database.db, (trx) => sql`update board_paper set subject = 'x' where id = ${paperId}`.execute(trx)), /cannot be changed/);

  const api = await board.get(`/api/v1/governance/papers/${paperId}/data`, { accept: 'application/json' });
  assert.equal(api.statusCode, 200, api.body);
  assert.equal(api.json().status, 'issued');
  assert.equal(api.json().data.progress.overall.actions, 40);
  assert.equal(api.json().data.risks.total, 1, 'the data as issued: R2 came later');
  const listed = (await board.get('/api/v1/governance/papers', { accept: 'application/json' })).json();
  assert.deepEqual(listed.papers.map((p: { status: string; issuedOn: string }) => `${p.status} ${p.issuedOn}`), ['issued 2026-11-23']);

  const audits = await asSystem(t.database.db, (trx) => trx.selectFrom('audit_event').select('action').where('entity_id', '=', paperId).orderBy('id').execute());
  assert.deepEqual(audits.map((a) => a.action), ['board-paper.created', 'board-paper.updated', 'board-paper.issued']);
});

test('the papers list shows drafts and issued papers; board members cannot create (403); other areas\' papers 404', async () => {
  const list = cheerio.load((await board.get('/governance/papers')).body);
  assert.match(list('table tbody').text(), /SEND Improvement Plan Update[\s\S]*Issued\s+23 November 2026/);
  assert.equal(list('a[href="/governance/papers/new"]').length, 0);
  assert.equal((await board.get('/governance/papers/new')).statusCode, 403);
  const other = await asSystem(t.database.db, async (trx) => {
    const area = await trx.insertInto('area').values({ code: 'E66666666', name: 'Another' }).returning('id').executeTakeFirstOrThrow();
    return trx.insertInto('board_paper').values({ area_id: area.id, as_at: '2026-01-01', paper_date: '2026-01-01', report_to: 'x', reporting_officer: 'y', subject: 'Theirs' }).returning('id').executeTakeFirstOrThrow();
  });
  for (const path of ['', '/paper.docx', '/paper.pdf', '/edit']) assert.equal((await manager.get(`/governance/papers/${other.id}${path}`)).statusCode, 404, path);
  await manager.get('/account');
  assert.equal((await manager.post(`/governance/papers/${other.id}/issue`, {})).statusCode, 404);
});

test('the KPI section: the scorecard as at the paper\'s date with the exception report; an issued paper keeps what it had', async () => {
  // One plan issued in 30 weeks (late) in 2026, and a 60% target for timeliness: below target.
  const caseworker = await t.signIn('caseworker@demo.joinedup.invalid');
  await caseworker.get('/account');
  const post = (url: string, body: unknown) => t.app.inject({ method: 'POST', url, headers: { cookie: caseworker.cookieHeader(), 'content-type': 'application/json', 'x-csrf-token': caseworker.csrf() }, payload: JSON.stringify(body) });
  const created = await post('/api/v1/cases', { child: { givenName: 'Kit', familyName: 'Paper', dateOfBirth: '2015-05-01' }, requester: 'school', receivedOn: '2026-01-05' });
  assert.equal(created.statusCode, 201, created.body);
  const caseId = created.json().id as string;
  const plan = { needs: [{ senType: 'SEMH', description: 'Anxiety', outcomes: [], provision: [] }] };
  for (const [type, effectiveDate, data] of [['decision-to-assess', '2026-02-02', {}], ['decision-to-issue', '2026-05-01', {}], ['draft-plan-issued', '2026-06-01', { plan }], ['final-plan-issued', '2026-08-03', {}]] as const) {
    const r = await post(`/api/v1/cases/${caseId}/events`, { type, effectiveDate, data });
    assert.equal(r.statusCode, 201, r.body);
  }
  const analyst = await t.signIn('analyst@demo.joinedup.invalid');
  await analyst.get('/performance/kpis/plans-issued-within-20-weeks-pc');
  assert.equal((await analyst.post('/performance/kpis/plans-issued-within-20-weeks-pc/target', { target: '60', tolerance: '5', responsibleOfficer: 'Head of SEND', commentary: 'Locum capacity commissioned' })).statusCode, 303);

  await manager.get('/governance/papers/new');
  const res = await manager.post('/governance/papers/new', {
    planId, reportTo: 'SEND Improvement Board', reportingOfficer: 'Director of Children\'s Services', subject: 'KPI update',
    'asAt-day': '31', 'asAt-month': '10', 'asAt-year': '2026', 'paperDate-day': '5', 'paperDate-month': '11', 'paperDate-year': '2026',
  });
  assert.equal(res.statusCode, 303, res.body.slice(0, 1500));
  const kpiPaper = String(res.headers.location).split('/')[3]!;
  const $ = cheerio.load((await board.get(`/governance/papers/${kpiPaper}`)).body);
  const table = $('caption:contains("Key performance indicators as at 31 October 2026")').closest('table');
  assert.equal(table.length, 1);
  const timely = table.find('tbody tr').filter((_, tr) => $(tr).text().includes('within 20 weeks')).first();
  assert.deepEqual(timely.find('td, th').map((_, c) => $(c).text().trim()).get().slice(1), ['0.0%', '60.0%', 'Below target', 'No previous figure']);
  assert.match($('article').text(), /1 KPI is rated below target/);
  assert.match($('caption:contains("KPIs below target, with commentary")').closest('table').text(), /Head of SEND\s*Locum capacity commissioned/);
  assert.doesNotMatch($('article').text(), /No KPI data available/);
  // The paper issued earlier keeps its stored section.
  assert.match(cheerio.load((await board.get(`/governance/papers/${paperId}`)).body)('article').text(), /No KPI data available/);
  // Word, from the same blocks.
  const { paragraphs } = await docxParagraphs((await board.get(`/governance/papers/${kpiPaper}/paper.docx`)).rawPayload);
  assert.ok(paragraphs.includes('KPI exception report'));
  assert.ok(paragraphs.includes('Locum capacity commissioned'));
});
