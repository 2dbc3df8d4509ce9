// Letters and uploads end to end on each backend: a caseworker issues a decision letter (the Word
// document names the child and gives the right dates; the PDF is a PDF), a final plan letter encloses
// the plan, an upload round-trips byte for byte, wrong types and oversized files are refused with a
// message and nothing saved, another area's or an uninvolved professional's request is a 404, every
// step is audited, and an administrator's template edit with a bad placeholder saves nothing.
// Today is Monday 23 November 2026.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as cheerio from 'cheerio';
import { sql } from 'kysely';
import { backends } from '../helpers/db.ts';
import { buildTestApp, type TestBrowser } from '../helpers/app.ts';
import { docxParagraphs } from '../governance/papers-fixture.ts';
import { asSystem } from '../../src/platform/db/database.ts';
import { downloadDocument, installDefaultTemplatesEverywhere, issueLetter, listDocuments, listTemplates } from '../../src/modules/casework/documents/service.ts';
import type { Principal } from '../../src/platform/auth/policy.ts';
import { renderPdf } from '../../src/modules/governance/papers/pdf.ts';
import { totp } from '../../src/platform/auth/totp.ts';
import { DEMO_ADMIN_TOTP_SECRET, DEMO_PASSWORD } from '../../src/platform/demo/people.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

function multipart(fields: Record<string, string>, file?: { name: string; bytes: Buffer; type?: string }): { payload: Buffer; contentType: string } {
  const boundary = `----joinedup${randomUUID()}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`), file.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

for (const backend of backends()) {
  test(`${backend.name}: letters, plan documents, uploads and templates`, async (t) => {
    const database = await backend.open('documents');
    const app = await buildTestApp({ database, env: { UPLOAD_LIMIT_MB: '1' } });
    t.after(async () => { await app.close(); await database.close(); });
    const db = database.db;

    const tokenFor = async (email: string) => {
      const b = await app.signIn(email);
      await b.get('/account');
      const res = await b.post('/account/tokens', { name: 'documents test', days: '30' });
      return cheerio.load(res.body)('#new-token').text();
    };
    const token = await tokenFor('caseworker@demo.joinedup.invalid');
    const api = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, bearer = token) =>
      app.app.inject({ method, url, headers: { authorization: `Bearer ${bearer}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { payload: JSON.stringify(body) } : {}) });
    const audits = async (action: string) => Number((await sql<{ n: number }>`select count(*)::int as n from audit_event where action = ${action}`.execute(db)).rows[0]!.n);
    const count = async (table: 'case_document' | 'case_document_file' | 'document_template_version') => Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db)).rows[0]!.n);

    // A case where the council decided not to assess on 30 June 2026.
    const created = await api('POST', '/api/v1/cases', { child: { givenName: 'Alex', familyName: 'Lettersby', dateOfBirth: '2015-03-04', carers: [{ name: 'Pat Lettersby' }] }, requester: 'parent', receivedOn: '2026-06-01' });
    assert.equal(created.statusCode, 201, created.body);
    const caseId = created.json().id as string;
    const decision = await api('POST', `/api/v1/cases/${caseId}/events`, { type: 'decision-not-to-assess', effectiveDate: '2026-06-30', data: { reasons: 'The school can meet the needs from its own resources.' } });
    assert.equal(decision.statusCode, 201, decision.body);
    const decisionId = decision.json().id as string;

    const worker = await app.signIn('caseworker@demo.joinedup.invalid');

    await t.test('the case page offers the letter; issuing stores Word and PDF with the child\'s name and the right dates', async () => {
      const page = await worker.get(`/casework/cases/${caseId}`);
      assert.equal(page.statusCode, 200);
      const $ = cheerio.load(page.body);
      assert.equal($(`#letters tr[data-event="${decisionId}"] td`).eq(1).text().trim(), 'Not issued');
      assert.equal($(`#letters tr[data-event="${decisionId}"] a`).attr('href'), `/casework/cases/${caseId}/letters/${decisionId}`);

      const preview = await worker.get(`/casework/cases/${caseId}/letters/${decisionId}`);
      assert.equal(preview.statusCode, 200);
      assert.match(preview.body, /The last day to appeal is 1 September 2026\./);
      const issued = await worker.post(`/casework/cases/${caseId}/letters/${decisionId}`, {});
      assert.equal(issued.statusCode, 303, issued.body);
      assert.equal(issued.headers.location, `/casework/cases/${caseId}?done=letter#documents`);

      const after = cheerio.load((await worker.get(`/casework/cases/${caseId}`)).body);
      assert.equal(after(`#letters tr[data-event="${decisionId}"] td`).eq(1).text().trim(), 'Issued');
      const docxHref = after(`#letters tr[data-event="${decisionId}"] a`).first().attr('href')!;
      assert.match(docxHref, new RegExp(`^/casework/cases/${caseId}/documents/[0-9a-f-]{36}/docx$`));

      const docx = await worker.get(docxHref);
      assert.equal(docx.statusCode, 200);
      assert.equal(docx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      assert.match(String(docx.headers['content-disposition']), /^attachment; filename="2026-11-23-decision-not-to-assess-ehc-[0-9a-f]{8}\.docx"/);
      const { paragraphs } = await docxParagraphs(docx.rawPayload);
      const text = paragraphs.join('\n');
      assert.ok(paragraphs.includes('We will not carry out an EHC needs assessment for Alex Lettersby'), text);
      assert.match(text, /Dear Pat Lettersby/);
      assert.match(text, /DATE: 23 November 2026/);
      assert.match(text, /On 30 June 2026 we decided not to carry out the assessment/);
      assert.match(text, /The school can meet the needs from its own resources\./);
      assert.match(text, /The last day to appeal is 1 September 2026\./, 'two months from 30 June is in August, so the first working day of September');
      assert.match(text, /mediation adviser/);

      const pdf = await worker.get(docxHref.replace(/docx$/, 'pdf'));
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(pdf.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');

      const row = await db.selectFrom('case_document as d').innerJoin('document_template_version as v', 'v.id', 'd.template_version_id')
        .select(['d.kind', 'd.event_id', 'v.version']).where('d.case_id', '=', caseId).executeTakeFirstOrThrow();
      assert.deepEqual(row, { kind: 'decision-not-to-assess', event_id: decisionId, version: 1 });
      const file = await db.selectFrom('case_document_file').select(['sha256', 'size_bytes']).where('format', '=', 'docx').executeTakeFirstOrThrow();
      assert.equal(file.size_bytes, docx.rawPayload.length);
      assert.equal(await audits('case.letter-issued'), 1);
      assert.equal(await audits('case.document-downloaded'), 2);
    });

    await t.test('a letter is issued once; issuing again is refused and saves nothing', async () => {
      const before = await count('case_document');
      await worker.get(`/casework/cases/${caseId}`);
      const again = await worker.post(`/casework/cases/${caseId}/letters/${decisionId}`, {});
      // The page now shows the letter as issued, with no button; posting anyway is a 400 naming why.
      assert.equal(again.statusCode, 400);
      assert.match(again.body, /already issued on 23 November 2026/);
      assert.equal(await count('case_document'), before);
    });

    await t.test('a final plan letter encloses the plan; any plan version downloads as Word and PDF', async () => {
      const c2 = await api('POST', '/api/v1/cases', { child: { givenName: 'Bea', familyName: 'Planford', dateOfBirth: '2014-02-02' }, requester: 'school', receivedOn: '2026-05-01' });
      const id2 = c2.json().id as string;
      const plan = { a: 'Bea likes music.', needs: [{ senType: 'ASD', description: 'Finds changes of routine hard', outcomes: ['Copes with a change of classroom'], provision: ['A visual timetable every day'] }], namedSetting: { name: 'Riverside Primary School', urn: '999001' } };
      for (const [type, date, data] of [['decision-to-assess', '2026-06-01', {}], ['decision-to-issue', '2026-08-01', {}], ['draft-plan-issued', '2026-08-10', { plan }], ['final-plan-issued', '2026-09-01', {}]] as const) {
        const r = await api('POST', `/api/v1/cases/${id2}/events`, { type, effectiveDate: date, data });
        assert.equal(r.statusCode, 201, r.body);
      }
      const final = (await api('GET', `/api/v1/cases/${id2}`)).json().timeline.find((e: { type: string }) => e.type === 'final-plan-issued').id as string;
      const r = await api('POST', `/api/v1/cases/${id2}/letters`, { eventId: final });
      assert.equal(r.statusCode, 201, r.body);
      const out = r.json();
      assert.equal(out.kind, 'final-plan-cover');
      assert.equal(out.templateVersion, 1);
      const docx = await api('GET', out.files.find((f: { format: string }) => f.format === 'docx').href);
      assert.equal(docx.statusCode, 200);
      const text = (await docxParagraphs(docx.rawPayload)).paragraphs.join('\n');
      assert.match(text, /The plan names Riverside Primary School\./);
      assert.match(text, /The last day to appeal is 2 November 2026\./, '1 November 2026 is a Sunday');
      for (const s of ['Final education, health and care plan', 'Bea likes music.', 'Need 1: Autistic spectrum disorder', 'Finds changes of routine hard', '• Copes with a change of classroom', '• A visual timetable every day', 'Riverside Primary School (URN 999001)']) assert.match(text, new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), s);

      const page = cheerio.load((await worker.get(`/casework/cases/${id2}`)).body);
      const links = page('#plan-documents a').map((_, a) => page(a).attr('href')).get();
      assert.equal(links.length, 4, 'draft and final, each as Word and PDF');
      const draftPdf = await worker.get(links[1]!);
      assert.equal(draftPdf.statusCode, 200);
      assert.equal(draftPdf.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
      const draftDocx = (await docxParagraphs((await worker.get(links[0]!)).rawPayload)).paragraphs;
      assert.ok(draftDocx.includes('Draft education, health and care plan'));
      assert.ok(draftDocx.includes('A draft plan does not name a school, college or other setting.'));
      const viaApi = await api('GET', `/api/v1/cases/${id2}/plans/${final}/pdf`);
      assert.equal(viaApi.statusCode, 200);
      assert.equal(viaApi.headers['content-type'], 'application/pdf');
      assert.equal(viaApi.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
      assert.equal((await api('GET', `/api/v1/cases/${id2}/plans/${randomUUID()}/pdf`)).statusCode, 404);
      assert.equal(await audits('case.plan-downloaded'), 3);
    });

    const upload = (b: TestBrowser, fields: Record<string, string>, file?: { name: string; bytes: Buffer }, csrf = true) => {
      const m = multipart(fields, file);
      return app.app.inject({ method: 'POST', url: `/casework/cases/${caseId}/documents${csrf ? `?_csrf=${encodeURIComponent(b.csrf())}` : ''}`, payload: m.payload, headers: { cookie: b.cookieHeader(), 'content-type': m.contentType } });
    };
    const pdfBytes = await renderPdf([{ kind: 'paragraph', text: 'Educational psychology advice' }], { title: 'Advice', subject: 'Advice', areaName: 'Demo' });

    await t.test('an upload round-trips byte for byte, with the sniffed type, as an attachment, nosniff', async () => {
      await worker.get(`/casework/cases/${caseId}`);
      const res = await upload(worker, { kind: 'advice-ep' }, { name: 'EP advice.pdf', bytes: pdfBytes });
      assert.equal(res.statusCode, 303, res.body);
      const page = cheerio.load((await worker.get(`/casework/cases/${caseId}`)).body);
      const row = page('#document-list tbody tr').filter((_, tr) => page(tr).text().includes('EP advice.pdf'));
      assert.equal(row.find('td').first().text().trim(), 'Advice from an educational psychologist');
      const href = row.find('a').attr('href')!;
      const dl = await worker.get(href);
      assert.equal(dl.statusCode, 200);
      assert.ok(dl.rawPayload.equals(pdfBytes), 'the same bytes');
      assert.equal(dl.headers['content-type'], 'application/pdf');
      assert.equal(dl.headers['content-disposition'], 'attachment; filename="EP advice.pdf"; filename*=UTF-8\'\'EP%20advice.pdf');
      assert.equal(dl.headers['x-content-type-options'], 'nosniff');
      assert.equal(await audits('case.document-uploaded'), 1);
    });

    await t.test('wrong type, renamed file, no kind, too big, no CSRF token: a clear message and nothing saved', async () => {
      const before = [await count('case_document'), await count('case_document_file'), await audits('case.document-uploaded')];
      await worker.get(`/casework/cases/${caseId}/documents/new`);
      let res = await upload(worker, { kind: 'evidence' }, { name: 'notes.txt', bytes: Buffer.from('plain text') });
      assert.equal(res.statusCode, 400);
      assert.equal(cheerio.load(res.body)('.govuk-error-summary a[href="#file"]').text().trim(), 'The selected file must be a PDF, Word document (DOCX or DOC), PNG or JPEG');
      res = await upload(worker, { kind: 'evidence' }, { name: 'report.pdf', bytes: PNG });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /The selected file is called \.pdf but its content is a PNG image, not a PDF/);
      res = await upload(worker, {}, { name: 'photo.png', bytes: PNG });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /Select what kind of document this is/);
      res = await upload(worker, { kind: 'evidence' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /Select a file/);
      const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(1024 * 1024 + 10, 0x20), Buffer.from('%%EOF')]);
      res = await upload(worker, { kind: 'evidence' }, { name: 'big.pdf', bytes: big });
      assert.equal(res.statusCode, 413);
      assert.equal(cheerio.load(res.body)('.govuk-error-summary a[href="#file"]').text().trim(), 'The selected file must be smaller than 1 MB');
      res = await upload(worker, { kind: 'evidence' }, { name: 'photo.png', bytes: PNG }, false);
      assert.equal(res.statusCode, 403);
      assert.deepEqual([await count('case_document'), await count('case_document_file'), await audits('case.document-uploaded')], before);
    });

    await t.test('the API uploads, lists and downloads; too big is a 413 problem', async () => {
      const m = multipart({ kind: 'evidence' }, { name: 'photo.png', bytes: PNG });
      const res = await app.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/documents`, payload: m.payload, headers: { authorization: `Bearer ${token}`, 'content-type': m.contentType } });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().contentType, 'image/png');
      const list = (await api('GET', `/api/v1/cases/${caseId}/documents`)).json().documents as Array<{ id: string; title: string; files: Array<{ href: string }> }>;
      const png = list.find((d) => d.id === res.json().id)!;
      assert.equal(png.title, 'photo.png');
      const dl = await api('GET', png.files[0]!.href);
      assert.equal(dl.statusCode, 200);
      assert.ok(dl.rawPayload.equals(PNG));
      const bad = multipart({ kind: 'evidence' }, { name: 'x.pdf', bytes: Buffer.alloc(1024 * 1024 + 1, 0x41) });
      const tooBig = await app.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/documents`, payload: bad.payload, headers: { authorization: `Bearer ${token}`, 'content-type': bad.contentType } });
      assert.equal(tooBig.statusCode, 413);
      assert.equal(tooBig.json().errors[0].field, 'file');
      const paths = (await app.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json().paths;
      assert.ok(paths['/api/v1/cases/{id}/documents'].post.requestBody.content['multipart/form-data']);
      assert.ok(paths['/api/v1/cases/{id}/documents/{documentId}/{format}'].get.responses[200].content['application/pdf']);
      assert.ok(paths['/api/v1/cases/{id}/letters'].post);
      assert.ok(paths['/api/v1/letter-templates/{kind}'].put);
    });

    await t.test('another area\'s user and an uninvolved professional get 404; the download is refused before any bytes', async () => {
      const doc = (await db.selectFrom('case_document').select('id').where('case_id', '=', caseId).where('source', '=', 'upload').executeTakeFirstOrThrow()).id;
      const ep = await app.signIn('ep@demo.joinedup.invalid');
      const res = await ep.get(`/casework/cases/${caseId}/documents/${doc}/original`);
      assert.equal(res.statusCode, 404);
      const other = await asSystem(db, async (trx) => {
        const a = await trx.insertInto('area').values({ code: 'E99999970', name: 'Other Area' }).returning('id').executeTakeFirstOrThrow();
        const u = await trx.insertInto('app_user').values({ email: `other-${backend.name}@t.invalid`, name: 'Other', status: 'active' }).returning('id').executeTakeFirstOrThrow();
        return { areaId: a.id, userId: u.id };
      });
      const p: Principal = { userId: other.userId, name: 'Other', email: 'o@t.invalid', areaId: other.areaId, areaCode: 'E99999970', areaName: 'Other Area', roles: new Set(['caseworker']), organisationIds: [], via: 'session' };
      await assert.rejects(downloadDocument({ db, clock: app.clock }, { principal: p }, caseId, doc, 'original'), /Page not found/);
      await assert.rejects(listDocuments({ db, clock: app.clock }, { principal: p }, caseId), /Page not found/);
      await assert.rejects(issueLetter({ db, clock: app.clock }, { principal: p }, caseId, decisionId), /Page not found/);
      // The other area gets its own templates on first use (an area created after the last start).
      const templates = await listTemplates({ db, clock: app.clock }, { principal: { ...p, roles: new Set(['area-admin']) } });
      assert.equal(templates.length, 7);
      assert.equal((await db.selectFrom('document_template_version').select('id').where('area_id', '=', other.areaId).execute()).length, 7);
      // On start, every area without templates gets the standard wording; areas that have them are left alone.
      const third = await asSystem(db, (trx) => trx.insertInto('area').values({ code: 'E99999971', name: 'Third Area' }).returning('id').executeTakeFirstOrThrow());
      assert.equal(await installDefaultTemplatesEverywhere(db), 7, 'only the third area had none');
      assert.equal(await installDefaultTemplatesEverywhere(db), 0);
      assert.equal((await db.selectFrom('document_template_version').select('id').where('area_id', '=', third.id).execute()).length, 7);
    });

    await t.test('a professional asked for advice becomes involved: they may upload their advice and download the case\'s documents', async () => {
      const epId = (await db.selectFrom('app_user').select('id').where('email', '=', 'ep@demo.joinedup.invalid').executeTakeFirstOrThrow()).id;
      const c4 = await api('POST', '/api/v1/cases', { child: { givenName: 'Dee', familyName: 'Involved', dateOfBirth: '2015-05-05' }, requester: 'parent', receivedOn: '2026-09-01' });
      const id4 = c4.json().id as string;
      await api('POST', `/api/v1/cases/${id4}/events`, { type: 'decision-to-assess', effectiveDate: '2026-10-01' });
      const asked = await api('POST', `/api/v1/cases/${id4}/events`, { type: 'advice-requested', effectiveDate: '2026-10-02', data: { contributor: 'ep', contributorUserId: epId } });
      assert.equal(asked.statusCode, 201, asked.body);
      const ep = await app.signIn('ep@demo.joinedup.invalid');
      const form = await ep.get(`/casework/cases/${id4}/documents/new`);
      assert.equal(form.statusCode, 200);
      assert.equal(cheerio.load(form.body)('#adviceEventId option').length, 2, 'not linked, or the one advice request');
      const m = multipart({ kind: 'advice-ep', adviceEventId: asked.json().id }, { name: 'Évaluation EP.pdf', bytes: pdfBytes });
      const res = await app.app.inject({ method: 'POST', url: `/casework/cases/${id4}/documents?_csrf=${encodeURIComponent(ep.csrf())}`, payload: m.payload, headers: { cookie: ep.cookieHeader(), 'content-type': m.contentType } });
      assert.equal(res.statusCode, 303, res.body);
      const doc = await db.selectFrom('case_document').select(['id', 'advice_event_id', 'title']).where('case_id', '=', id4).executeTakeFirstOrThrow();
      assert.deepEqual([doc.advice_event_id, doc.title], [asked.json().id, 'Évaluation EP.pdf']);
      const dl = await ep.get(`/casework/cases/${id4}/documents/${doc.id}/original`);
      assert.equal(dl.statusCode, 200);
      assert.equal(dl.headers['content-disposition'], 'attachment; filename="_valuation EP.pdf"; filename*=UTF-8\'\'%C3%89valuation%20EP.pdf');
      // An EP may not issue letters.
      assert.equal((await ep.get(`/casework/cases/${caseId}/letters/${decisionId}`)).statusCode, 403);
      // The audit rows hold identifiers, never the file's name or the child's.
      const details = (await sql<{ detail: unknown }>`select detail from audit_event where action like 'case.document%' or action like 'case.letter%'`.execute(db)).rows.map((r) => JSON.stringify(r.detail));
      assert.ok(details.length >= 8);
      for (const d of details) assert.doesNotMatch(d, /Lettersby|Involved|valuation|EP advice|photo\.png/, d);
    });

    await t.test('the documents tables are append-only', async () => {
      await assert.rejects(db.updateTable('case_document').set({ title: 'x' }).execute(), /append-only/);
      await assert.rejects(db.deleteFrom('case_document_file').execute(), /append-only/);
      await assert.rejects(db.deleteFrom('document_template_version').execute(), /append-only/);
    });

    await t.test('an administrator edits a template: a bad placeholder is a 400 naming it and saves nothing; a good edit is version 2 and used next', async () => {
      const admin = app.browser();
      await admin.get('/sign-in');
      await admin.post('/sign-in', { email: 'admin@demo.joinedup.invalid', password: DEMO_PASSWORD });
      await admin.get('/sign-in/two-factor');
      assert.equal((await admin.post('/sign-in/two-factor', { code: totp(DEMO_ADMIN_TOTP_SECRET, app.clock.now()) })).statusCode, 303);
      const list = await admin.get('/letter-templates');
      assert.equal(list.statusCode, 200, list.body.slice(0, 300));
      assert.equal(cheerio.load(list.body)('#templates tbody tr').length, 7);
      const edit = await admin.get('/letter-templates/decision-to-assess');
      assert.equal(edit.statusCode, 200);
      const before = await count('document_template_version');
      const bad = await admin.post('/letter-templates/decision-to-assess', { subject: 'Assessment for {{child.fullName}}', body: 'Dear {{family.names}}\nWe will decide by {{assessment.decisionDeadline}}.\nAppeal by {{appeal.deadline}}', action: 'save' });
      assert.equal(bad.statusCode, 400);
      assert.equal(cheerio.load(bad.body)('.govuk-error-summary a[href="#body"]').text().trim(), 'Line 3: {{appeal.deadline}} is not a placeholder this decision to assess letter can use');
      assert.equal(await count('document_template_version'), before);
      const preview = await admin.post('/letter-templates/decision-to-assess', { subject: 'Assessment for {{child.fullName}}', body: 'Dear {{family.names}}\nWe decided on {{decision.date}}.', action: 'preview' });
      assert.equal(preview.statusCode, 200);
      assert.match(cheerio.load(preview.body)('#preview').nextAll('.app-letter-preview').text(), /Dear Jo Sample/);
      assert.equal(await count('document_template_version'), before, 'a preview saves nothing');
      const good = await admin.post('/letter-templates/decision-to-assess', { subject: 'Assessment for {{child.fullName}}', body: 'Dear {{family.names}}\nWe decided on {{decision.date}} to assess.', action: 'save' });
      assert.equal(good.statusCode, 303);
      const history = cheerio.load((await admin.get('/letter-templates/decision-to-assess/history')).body);
      assert.equal(history('#versions tbody tr').length, 2);
      assert.equal(await audits('letter-template.saved'), 1);
      // A caseworker may not edit templates.
      await worker.get(`/casework/cases/${caseId}`);
      assert.equal((await worker.get('/letter-templates')).statusCode, 403);
      // The API refuses a bad template the same way.
      await admin.get('/account');
      const adminToken = cheerio.load((await admin.post('/account/tokens', { name: 'templates', days: '30' })).body)('#new-token').text();
      const r = await api('PUT', '/api/v1/letter-templates/decision-to-assess', { subject: 'x', body: 'a {b}' }, adminToken);
      assert.equal(r.statusCode, 400);
      assert.equal(r.json().errors[0].message, 'Line 1: a single "{" is not allowed: placeholders are written with two braces, like {{child.fullName}}');
      assert.equal((await api('GET', '/api/v1/letter-templates', undefined, adminToken)).json().templates.find((x: { kind: string }) => x.kind === 'decision-to-assess').version, 2);
      const versions = (await api('GET', '/api/v1/letter-templates/decision-to-assess/versions', undefined, adminToken)).json().versions as Array<{ version: number; createdBy: string | null }>;
      assert.deepEqual(versions.map((v) => [v.version, v.createdBy]), [[2, 'Alex Admin'], [1, null]]);

      const c3 = await api('POST', '/api/v1/cases', { child: { givenName: 'Cal', familyName: 'Versioned', dateOfBirth: '2016-01-01' }, requester: 'parent', receivedOn: '2026-10-01' });
      const ev = await api('POST', `/api/v1/cases/${c3.json().id}/events`, { type: 'decision-to-assess', effectiveDate: '2026-11-02' });
      const letter = await api('POST', `/api/v1/cases/${c3.json().id}/letters`, { eventId: ev.json().id });
      assert.equal(letter.statusCode, 201, letter.body);
      assert.equal(letter.json().templateVersion, 2);
      const text = (await docxParagraphs((await api('GET', letter.json().files[0].href)).rawPayload)).paragraphs;
      assert.ok(text.includes('Assessment for Cal Versioned'));
      assert.ok(text.includes('We decided on 2 November 2026 to assess.'));
    });
  });
}
