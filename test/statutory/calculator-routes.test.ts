// The public statutory-timescales calculator: the JSON API and the GOV.UK page, with no sign-in.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { PROCESSES } from '../../src/modules/statutory/calculator.ts';

let t: TestApp;
before(async () => { t = await buildTestApp({ seed: false }); });
after(async () => { await t.close(); });

/** No cookie or authorization header: the calculator is open to anyone. */
const get = (url: string) => t.app.inject({ method: 'GET', url });

const api = (params: Record<string, string>) => get(`/api/v1/statutory-timescales?${new URLSearchParams(params).toString()}`);

const page = (params: Record<string, string>) => get(`/statutory-timescales?${new URLSearchParams(params).toString()}`);

interface Problem { status: number; detail: string; errors?: { field: string; message: string }[] }

function problem(res: Awaited<ReturnType<typeof get>>): Problem {
  assert.equal(res.statusCode, 400, res.body);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  return res.json();
}

/** Each result row on the page: label → [long date, explanation and basis text]. */
function resultRows(html: string): Record<string, { date: string; datetime: string; text: string }> {
  const $ = cheerio.load(html);
  const rows: Record<string, { date: string; datetime: string; text: string }> = {};
  $('#dates .govuk-summary-list__row').each((_, row) => {
    const key = $(row).find('.govuk-summary-list__key').text().trim();
    const value = $(row).find('.govuk-summary-list__value');
    rows[key] = {
      date: value.find('time').text().trim(),
      datetime: value.find('time').attr('datetime') ?? '',
      text: value.text().replace(/\s+/g, ' ').trim(),
    };
  });
  return rows;
}

function errorSummaryLinks(html: string): { href: string; text: string }[] {
  const $ = cheerio.load(html);
  return $('.govuk-error-summary a').map((_, a) => ({ href: $(a).attr('href') ?? '', text: $(a).text().trim() })).get();
}

describe('API: GET /api/v1/statutory-timescales', () => {
  const cases: [Record<string, string>, Record<string, string>][] = [
    [{ process: 'new-assessment', requestReceived: '2025-01-06' }, { decisionToAssess: '2025-02-17', decisionNotToIssue: '2025-04-28', finalPlan: '2025-05-26' }],
    [{ process: 'advice', adviceRequested: '2025-07-14' }, { adviceDue: '2025-08-25' }],
    [{ process: 'draft-plan', draftServed: '2025-03-03' }, { representationsClose: '2025-03-17', earliestFinalPlan: '2025-03-18' }],
    [{ process: 'amendment', proposalsSent: '2025-01-31' }, { representationsClose: '2025-02-14', finalAmendedPlan: '2025-03-28' }],
    [{ process: 'annual-review', meeting: '2025-06-30' }, { decisionDue: '2025-07-28', finalAmendedPlan: '2025-09-22' }],
    [{ process: 'next-review', lastReviewOrIssue: '2025-03-10' }, { nextReviewDue: '2026-03-10' }],
    [{ process: 'next-review', lastReviewOrIssue: '2024-02-29' }, { nextReviewDue: '2025-02-28' }],
    [{ process: 'next-review', lastReviewOrIssue: '2023-03-01' }, { nextReviewDue: '2024-03-01' }],
    [{ process: 'phase-transfer', kind: 'school', year: '2026' }, { finalPlanDue: '2026-02-15' }],
    [{ process: 'phase-transfer', kind: 'post16', year: '2026' }, { finalPlanDue: '2026-03-31' }],
    [{ process: 'phase-transfer', kind: 'post16-move', transferDate: '2025-07-31' }, { finalPlanDue: '2025-02-28' }],
    [{ process: 'phase-transfer', kind: 'post16-move', transferDate: '2025-09-01' }, { finalPlanDue: '2025-04-01' }],
    [{ process: 'reassessment', notified: '2025-05-01' }, { finalPlan: '2025-08-07' }],
    [{ process: 'tribunal-order', order: 'assess', orderDate: '2025-03-10' }, { decisionToAssess: '2025-03-24', decisionNotToIssue: '2025-05-19', finalPlan: '2025-06-16' }],
    [{ process: 'tribunal-order', order: 'make-plan', orderDate: '2025-03-10' }, { draftPlan: '2025-04-14', finalPlan: '2025-05-26' }],
    [{ process: 'tribunal-order', order: 'amend-content', orderDate: '2025-03-10' }, { amendedPlan: '2025-04-14' }],
    [{ process: 'appeal', decisionLetter: '2025-06-15' }, { appealDeadline: '2025-09-01' }],
    [{ process: 'appeal', decisionLetter: '2025-10-01', mediationCertificate: '2025-11-29' }, { appealDeadline: '2026-01-02' }],
    [{ process: 'la-transfer', learnedOfMove: '2025-01-06', moveDate: '2025-03-01' }, { transferPlanBy: '2025-03-01' }],
    [{ process: 'la-transfer', learnedOfMove: '2025-03-03', moveDate: '2025-03-24' }, { transferPlanBy: '2025-03-24' }],
    [{ process: 'la-transfer', learnedOfMove: '2025-03-04', moveDate: '2025-03-24' }, { transferPlanBy: '2025-03-25' }],
    [{ process: 'la-transfer', learnedOfMove: '2025-12-15', moveDate: '2025-12-20' }, { transferPlanBy: '2026-01-08' }],
  ];
  for (const [params, dates] of cases) {
    it(`${new URLSearchParams(params).toString()} → ${JSON.stringify(dates)}`, async () => {
      const res = await api(params);
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers['content-type']), /^application\/json/);
      const body = res.json();
      assert.deepEqual(Object.keys(body).sort(), ['bases', 'dates', 'explanations', 'process']);
      assert.equal(body.process, params['process']);
      assert.deepEqual(body.dates, dates);
      assert.deepEqual(Object.keys(body.explanations).sort(), Object.keys(dates).sort());
      assert.deepEqual(Object.keys(body.bases).sort(), Object.keys(dates).sort());
      for (const name of Object.keys(dates)) {
        assert.ok(body.explanations[name].length > 30, name);
        assert.match(body.bases[name], /SEND Regulations 2014|Children and Families Act 2014|Tribunal Procedure/);
      }
    });
  }
  it('covers every process', () => {
    assert.deepEqual([...new Set(cases.map(([p]) => p['process']))].sort(), PROCESSES.map((p) => p.id).sort());
  });
  it('needs no sign-in and sets no cookie', async () => {
    const res = await api({ process: 'advice', adviceRequested: '2025-07-14' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['set-cookie'], undefined);
  });

  it('an unknown process is a 400 problem naming process', async () => {
    const p = problem(await api({ process: 'no-such-process', requestReceived: '2025-01-06' }));
    assert.deepEqual(p.errors?.map((e) => e.field), ['process']);
    assert.match(p.errors?.[0]?.message ?? '', /new-assessment/);
  });
  it('no process at all is a 400 problem naming process', async () => {
    const p = problem(await get('/api/v1/statutory-timescales'));
    assert.deepEqual(p.errors?.map((e) => e.field), ['process']);
  });
  it('a missing parameter is a 400 problem naming it', async () => {
    const p = problem(await api({ process: 'new-assessment' }));
    assert.deepEqual(p.errors, [{ field: 'requestReceived', pointer: '/requestReceived', message: 'Enter the date the council received the request' }]);
    assert.match(p.detail, /requestReceived/);
  });
  it('an impossible date is a 400 problem naming it', async () => {
    const p = problem(await api({ process: 'new-assessment', requestReceived: '2025-02-30' }));
    assert.deepEqual(p.errors?.map((e) => [e.field, e.message]), [['requestReceived', 'Date the council received the request must be a real date']]);
  });
  it('a date in another format is a 400 problem naming it', async () => {
    const p = problem(await api({ process: 'advice', adviceRequested: '14/07/2025' }));
    assert.deepEqual(p.errors?.map((e) => e.field), ['adviceRequested']);
    assert.match(p.errors?.[0]?.message ?? '', /YYYY-MM-DD/);
  });
  it('names every missing parameter at once', async () => {
    const p = problem(await api({ process: 'la-transfer' }));
    assert.deepEqual(p.errors?.map((e) => e.field), ['learnedOfMove', 'moveDate']);
  });
  it('names a parameter that only applies to the chosen option', async () => {
    assert.deepEqual(problem(await api({ process: 'phase-transfer', kind: 'post16-move' })).errors?.map((e) => e.field), ['transferDate']);
    assert.deepEqual(problem(await api({ process: 'phase-transfer', kind: 'university' })).errors?.map((e) => e.field), ['kind']);
  });
  it('a parameter sent twice is a 400 problem naming it', async () => {
    const p = problem(await get('/api/v1/statutory-timescales?process=advice&adviceRequested=2025-07-14&adviceRequested=2025-07-15'));
    assert.deepEqual(p.errors?.map((e) => e.field), ['adviceRequested']);
  });
  it('is documented in the OpenAPI document as a public operation', async () => {
    const doc = (await get('/api/v1/openapi.json')).json();
    const op = doc.paths['/api/v1/statutory-timescales'].get;
    assert.deepEqual(op.security, []);
    const byName = new Map<string, { required: boolean; schema: { enum?: string[]; type?: string; description?: string } }>(
      op.parameters.map((p: { name: string }) => [p.name, p]),
    );
    assert.deepEqual(byName.get('process')?.schema.enum, PROCESSES.map((p) => p.id));
    assert.equal(byName.get('process')?.required, true);
    for (const name of new Set(PROCESSES.flatMap((p) => p.parameters.map((x) => x.name)))) {
      const param = byName.get(name);
      assert.ok(param, `${name} is documented`);
      assert.equal(param.required, false, name);
      assert.equal(param.schema.type, 'string', name);
      assert.ok((param.schema.description ?? '').length > 10, name);
    }
    assert.deepEqual(byName.get('kind')?.schema.enum, ['school', 'post16', 'post16-move']);
  });
});

describe('page: GET /statutory-timescales', () => {
  it('lists every process, with no sign-in', async () => {
    const res = await get('/statutory-timescales');
    assert.equal(res.statusCode, 200);
    const $ = cheerio.load(res.body);
    assert.equal($('h1').text().trim(), 'Statutory timescales calculator');
    const links = $('#processes a').map((_, a) => $(a).attr('href')).get();
    assert.deepEqual(links, PROCESSES.map((p) => `/statutory-timescales?process=${p.id}`));
    assert.equal($('.govuk-error-summary').length, 0);
  });

  it('an unknown process shows the list with an error summary and status 400', async () => {
    const res = await page({ process: 'nonsense' });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(errorSummaryLinks(res.body), [{ href: '#processes', text: 'Choose a timescale to calculate from the list' }]);
    assert.equal(cheerio.load(res.body)('#processes a').length, PROCESSES.length);
  });

  it('a process with no details yet shows its empty form, no errors and no dates', async () => {
    const res = await page({ process: 'new-assessment' });
    assert.equal(res.statusCode, 200);
    const $ = cheerio.load(res.body);
    assert.equal($('h1').text().trim(), 'New EHC needs assessment');
    assert.equal($('form').attr('method'), 'get');
    assert.equal($('form input[name="process"]').val(), 'new-assessment');
    for (const part of ['day', 'month', 'year']) {
      assert.equal($(`#requestReceived-${part}`).attr('name'), `requestReceived-${part}`);
      assert.equal($(`label[for="requestReceived-${part}"]`).length, 1);
    }
    assert.equal($('.govuk-error-summary').length, 0);
    assert.equal($('#dates').length, 0);
  });

  it('shows each date in long form with its explanation and legal basis (plain YYYY-MM-DD link)', async () => {
    const res = await page({ process: 'new-assessment', requestReceived: '2025-01-06' });
    assert.equal(res.statusCode, 200);
    const rows = resultRows(res.body);
    assert.deepEqual(
      Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, [v.date, v.datetime]])),
      {
        'Decision whether to assess': ['Monday 17 February 2025', '2025-02-17'],
        'Decision not to issue a plan (if that is the decision)': ['Monday 28 April 2025', '2025-04-28'],
        'Final EHC plan': ['Monday 26 May 2025', '2025-05-26'],
      },
    );
    assert.match(rows['Final EHC plan']?.text ?? '', /no later than 20 weeks after it received the request/);
    assert.match(rows['Final EHC plan']?.text ?? '', /Legal basis: SEND Regulations 2014, reg 13\(2\)/);
    // The form is filled in with the date, ready to change.
    const $ = cheerio.load(res.body);
    assert.deepEqual(['day', 'month', 'year'].map((p) => $(`#requestReceived-${p}`).val()), ['6', '1', '2025']);
    assert.equal($('a[href^="/api/v1/statutory-timescales"]').attr('href'), '/api/v1/statutory-timescales?process=new-assessment&requestReceived=2025-01-06');
  });

  it('works from the GOV.UK date input (day, month and year fields)', async () => {
    const res = await page({ process: 'new-assessment', 'requestReceived-day': '6', 'requestReceived-month': '1', 'requestReceived-year': '2025' });
    assert.equal(res.statusCode, 200);
    const rows = resultRows(res.body);
    assert.equal(rows['Decision whether to assess']?.date, 'Monday 17 February 2025');
    assert.equal(rows['Final EHC plan']?.date, 'Monday 26 May 2025');
    const padded = await page({ process: 'next-review', 'lastReviewOrIssue-day': ' 10 ', 'lastReviewOrIssue-month': '03', 'lastReviewOrIssue-year': '2025' });
    assert.equal(resultRows(padded.body)['Next review due']?.date, 'Tuesday 10 March 2026');
  });

  it('the date input wins over a plain parameter of the same name', async () => {
    const res = await page({ process: 'advice', adviceRequested: '2020-01-01', 'adviceRequested-day': '14', 'adviceRequested-month': '7', 'adviceRequested-year': '2025' });
    assert.equal(resultRows(res.body)['Advice due']?.date, 'Monday 25 August 2025');
  });

  it('radios and a year: phase transfer and Tribunal orders', async () => {
    const school = await page({ process: 'phase-transfer', kind: 'school', year: '2026', 'transferDate-day': '', 'transferDate-month': '', 'transferDate-year': '' });
    assert.equal(school.statusCode, 200, errorSummaryLinks(school.body).map((l) => l.text).join());
    assert.equal(resultRows(school.body)['Review and amended plan due']?.date, 'Sunday 15 February 2026');
    assert.equal(cheerio.load(school.body)('input[name="kind"][value="school"]').attr('checked'), 'checked');
    const move = await page({ process: 'phase-transfer', kind: 'post16-move', year: '', 'transferDate-day': '1', 'transferDate-month': '9', 'transferDate-year': '2025' });
    assert.equal(resultRows(move.body)['Review and amended plan due']?.date, 'Tuesday 1 April 2025');
    const order = await page({ process: 'tribunal-order', order: 'make-plan', 'orderDate-day': '10', 'orderDate-month': '3', 'orderDate-year': '2025' });
    assert.deepEqual(
      Object.fromEntries(Object.entries(resultRows(order.body)).map(([k, v]) => [k, v.date])),
      { 'Draft plan': 'Monday 14 April 2025', 'Final plan': 'Monday 26 May 2025' },
    );
  });

  it('an impossible date re-renders the form with status 400 and an error summary linking to the field', async () => {
    const res = await page({ process: 'new-assessment', 'requestReceived-day': '30', 'requestReceived-month': '2', 'requestReceived-year': '2025' });
    assert.equal(res.statusCode, 400);
    const $ = cheerio.load(res.body);
    assert.match($('title').text(), /^Error: /);
    const links = errorSummaryLinks(res.body);
    assert.deepEqual(links, [{ href: '#requestReceived-day', text: 'Date the council received the request must be a real date' }]);
    assert.equal($(links[0]!.href).attr('name'), 'requestReceived-day', 'the link target exists');
    assert.match($('#requestReceived-error').text(), /must be a real date/);
    assert.equal($('.govuk-form-group--error').length, 1);
    assert.deepEqual(['day', 'month', 'year'].map((p) => $(`#requestReceived-${p}`).val()), ['30', '2', '2025'], 'what was typed is kept');
    assert.equal($('#dates').length, 0, 'no dates are shown');
  });

  it('a missing part of a date names the part and links to it', async () => {
    const res = await page({ process: 'new-assessment', 'requestReceived-day': '6', 'requestReceived-month': '', 'requestReceived-year': '2025' });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(errorSummaryLinks(res.body), [{ href: '#requestReceived-month', text: 'Date the council received the request must include a month' }]);
    const $ = cheerio.load(res.body);
    assert.match($('#requestReceived-month').attr('class') ?? '', /govuk-input--error/);
    assert.doesNotMatch($('#requestReceived-day').attr('class') ?? '', /govuk-input--error/);
  });

  it('a two-digit year and letters in a date are errors', async () => {
    const year = await page({ process: 'advice', 'adviceRequested-day': '6', 'adviceRequested-month': '1', 'adviceRequested-year': '25' });
    assert.equal(year.statusCode, 400);
    assert.deepEqual(errorSummaryLinks(year.body).map((l) => l.href), ['#adviceRequested-year']);
    const letters = await page({ process: 'advice', 'adviceRequested-day': 'six', 'adviceRequested-month': '1', 'adviceRequested-year': '2025' });
    assert.equal(letters.statusCode, 400);
    assert.deepEqual(errorSummaryLinks(letters.body), [{ href: '#adviceRequested-day', text: 'Date the service received the request for advice must be a real date' }]);
  });

  it('an empty submission lists every missing field, linked to the first input of each', async () => {
    const res = await page({ process: 'tribunal-order', 'orderDate-day': '', 'orderDate-month': '', 'orderDate-year': '' });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(errorSummaryLinks(res.body), [
      { href: '#order', text: 'Select what the Tribunal ordered' },
      { href: '#orderDate-day', text: 'Enter the date of the order' },
    ]);
    const $ = cheerio.load(res.body);
    assert.equal($('#order').attr('type'), 'radio', 'the link lands on the first radio');
  });

  it('a bad plain-parameter link is shown as an error too', async () => {
    const res = await page({ process: 'la-transfer', learnedOfMove: '2025-02-30', moveDate: '2025-03-10' });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(errorSummaryLinks(res.body).map((l) => l.href), ['#learnedOfMove-day']);
  });

  it('every process page renders without sign-in', async () => {
    for (const p of PROCESSES) {
      const res = await get(`/statutory-timescales?process=${p.id}`);
      assert.equal(res.statusCode, 200, p.id);
      assert.equal(cheerio.load(res.body)('h1').text().trim(), p.title);
    }
  });
});
