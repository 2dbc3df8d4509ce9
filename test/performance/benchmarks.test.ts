// The benchmark import, API, pages and exports against the real DfE files in reference/, on one
// private PGlite database (imported once: parsing the 2025 release takes a few seconds).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import * as cheerio from 'cheerio';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { ROOT_DIR } from '../../src/platform/views/nunjucks.ts';
import { importBenchmarkFolder, locateBenchmarkFiles } from '../../src/modules/performance/benchmarks/service.ts';

const REFERENCE = path.join(ROOT_DIR, 'reference');
const HEADLINE = 'plans-issued-within-20-weeks-excl-exceptions-pc';
const HALTON = 'E06000006';
let t: TestApp;
let firstImportId: number | undefined;

before(async () => {
  t = await buildTestApp();
  const r = await importBenchmarkFolder(t.database.db, REFERENCE, { actor: 'test' });
  assert.ok(r.ok, JSON.stringify(r.errors.slice(0, 3)));
  firstImportId = r.importId;
});
after(async () => { await t?.close(); });

const api = async (query: string) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/benchmarks?${query}` });
  return { status: res.statusCode, type: String(res.headers['content-type']), body: JSON.parse(res.body) as Record<string, unknown> };
};

test('the import reads every file and records itself', async () => {
  const rows = await t.database.db.selectFrom('benchmark_import').selectAll().execute();
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.status, 'succeeded');
  assert.equal(rows[0]!.file_count, 10);
  const counts = await Promise.all((['benchmark_la', 'benchmark_neighbour', 'benchmark_value'] as const).map(async (table) =>
    Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)));
  assert.equal(counts[0], 153);
  assert.equal(counts[1], 1530);
  assert.equal(counts[2], rows[0]!.row_count);
  assert.ok(counts[2]! > 19000);
  const audit = await t.database.db.selectFrom('audit_event').select(['action', 'entity_id']).where('action', '=', 'benchmarks.imported').execute();
  assert.deepEqual(audit, [{ action: 'benchmarks.imported', entity_id: String(firstImportId) }]);
});

test('the lait files are found in the folder itself, a sibling lait-* folder, or under reference/', () => {
  const fromRef = locateBenchmarkFiles(REFERENCE);
  const fromDfe = locateBenchmarkFiles(path.join(REFERENCE, 'dfe-ehcp-2025'));
  for (const l of [fromRef, fromDfe]) {
    assert.deepEqual(l.problems, []);
    assert.equal(l.dataFiles.length, 8);
    assert.match(l.laLookup ?? '', /lait-2025[\\/]la-lookup\.csv$/);
    assert.match(l.neighbours ?? '', /lait-2025[\\/]sn-model-long\.csv$/);
  }
  const empty = locateBenchmarkFiles(fs.mkdtempSync(path.join(os.tmpdir(), 'joinedup-bm-empty-')));
  assert.ok(empty.problems.some((p) => p.file === 'timeliness_20_week.csv' && p.severity === 'error' && /not found/.test(p.message)));
  assert.ok(empty.problems.some((p) => p.file === 'la-lookup.csv' && p.severity === 'error'));
});

test('API: Halton, headline 20-week timeliness 2024, matches the published files', async () => {
  const r = await api(`measure=${HEADLINE}&la=${HALTON}&year=2024`);
  assert.equal(r.status, 200);
  const b = r.body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  assert.equal(b.measure, HEADLINE);
  assert.equal(b.year, 2024);
  assert.deepEqual(b.la, { code: HALTON, name: 'Halton', value: 56.5 });
  assert.deepEqual(b.england, { value: 46.4 });
  assert.deepEqual(b.region, { code: 'E12000002', name: 'North West', value: 50.5 });
  assert.equal(b.statisticalNeighbours.mean, 56.4);
  assert.equal(b.statisticalNeighbours.count, 10);
  assert.deepEqual(b.statisticalNeighbours.members[0], { code: 'E08000013', name: 'St Helens', value: 28.8 });
  assert.equal(b.statisticalNeighbours.members.length, 10);
  assert.deepEqual([b.rank, b.of, b.quartile], [68, 151, 2]);
  // Exactly the documented keys (plus period, unit, polarity and the licence attribution).
  assert.deepEqual(Object.keys(b).sort(), ['attribution', 'england', 'la', 'measure', 'of', 'period', 'polarity', 'quartile', 'rank', 'region', 'statisticalNeighbours', 'unit', 'year']);
  assert.equal(b.attribution, 'Contains public sector information licensed under the Open Government Licence v3.0 – Department for Education.');
});

test('API: year defaults to the latest; census measures take 202425 or 2025; suppressed is null', async () => {
  const latest = await api(`measure=${HEADLINE}&la=${HALTON}`);
  assert.equal(latest.body['year'], 2024);
  const census = await api(`measure=plans-in-force&la=${HALTON}&year=2025`);
  assert.equal(census.status, 200);
  assert.equal(census.body['year'], 202425);
  assert.equal(census.body['period'], 'January 2025');
  assert.deepEqual((census.body['la'] as { value: number }).value, 1712);
  const dorset = await api(`measure=${HEADLINE}&la=E06000059&year=2024`);
  assert.equal((dorset.body['la'] as { value: null }).value, null);
  assert.equal(dorset.body['rank'], null);
  assert.equal(dorset.body['quartile'], null);
  assert.equal(dorset.body['of'], 151);
});

test('API: an unknown measure, council or year is a 400 problem naming the parameter', async () => {
  const cases: [string, string][] = [
    [`measure=no-such-measure&la=${HALTON}`, 'measure'],
    [`measure=${HEADLINE}&la=E99999999`, 'la'],
    [`measure=${HEADLINE}&la=${HALTON}&year=2016`, 'year'],
    [`measure=${HEADLINE}&la=${HALTON}&year=twenty`, 'year'],
    [`measure=${HEADLINE}`, 'la'],
    [`la=${HALTON}`, 'measure'],
  ];
  for (const [query, field] of cases) {
    const r = await api(query);
    assert.equal(r.status, 400, query);
    assert.match(r.type, /^application\/problem\+json/, query);
    const errors = r.body['errors'] as { field: string }[];
    assert.ok(errors.some((e) => e.field === field), `${query}: ${JSON.stringify(errors)}`);
  }
});

test('API: the measures and their years', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/benchmarks/measures' });
  assert.equal(res.statusCode, 200);
  const body = JSON.parse(res.body) as { measures: { id: string; years: { year: number; period: string }[] }[]; attribution: string };
  const headline = body.measures.find((m) => m.id === HEADLINE)!;
  assert.deepEqual(headline.years.map((y) => y.year), [2024, 2023, 2022, 2021, 2020, 2019]);
  assert.deepEqual(body.measures.find((m) => m.id === 'plans-in-force')!.years[0], { year: 202425, period: 'January 2025' });
  assert.match(body.attribution, /Open Government Licence v3\.0 – Department for Education\./);
});

test('the compare page shows the values, the neighbours, rank and quartile, with charts and attribution', async () => {
  const res = await t.browser().get(`/benchmarks?measure=${HEADLINE}&year=2024&la=${HALTON}`);
  assert.equal(res.statusCode, 200);
  const $ = cheerio.load(res.body);
  const summary = Object.fromEntries($('.app-benchmark-summary .govuk-summary-list__row').toArray().map((r) => [$(r).find('dt').text().trim(), $(r).find('dd').text().trim().replace(/\s+/g, ' ')]));
  assert.equal(summary['Halton (selected)'], '56.5%');
  assert.equal(summary['England'], '46.4%');
  assert.equal(summary['North West'], '50.5%');
  assert.match(summary['Statistical neighbours (mean)'] ?? '', /^56\.4% \(mean of the 10 of 10 neighbours/);
  assert.match(summary['Rank'] ?? '', /^68th of 151/);
  assert.match(summary['Quartile'] ?? '', /^Quartile 2/);
  assert.ok($('table').text().includes('St Helens'));
  assert.equal($('svg[role="img"]').length, 2);
  assert.match($('svg[role="img"]').first().find('desc').text(), /Halton \(selected\): 56\.5%/);
  assert.match(res.body, /Contains public sector information licensed under the Open Government Licence v3\.0 – Department for Education\./);
  assert.equal($('#la option[selected]').attr('value'), HALTON);
});

test('the compare page defaults to the demo area\'s council when signed in, to none otherwise', async () => {
  const anon = cheerio.load((await t.browser().get('/benchmarks')).body);
  assert.equal(anon('#la option[selected]').attr('value'), '');
  const signedIn = await t.signIn('caseworker@demo.joinedup.invalid');
  const page = cheerio.load((await signedIn.get('/benchmarks')).body);
  assert.equal(page('#la option[selected]').attr('value'), HALTON);
  // A GET form whose measure changed keeps the old year: the latest is shown, and the page says so.
  const moved = await t.browser().get(`/benchmarks?measure=annual-review-decisions-within-4-weeks-pc&year=2019&la=${HALTON}`);
  assert.equal(moved.statusCode, 200);
  const $m = cheerio.load(moved.body);
  assert.match($m('#notice').text(), /There are no figures for Annual review decisions communicated within 4 weeks \(%\) for 2019, so the latest \(2024\) are shown/);
  assert.equal($m('#year option[selected]').attr('value'), '2024');
  // A census measure given a calendar year reads it as that January's census.
  const census = cheerio.load((await t.browser().get(`/benchmarks?measure=plans-in-force&year=2024&la=${HALTON}`)).body);
  assert.equal(census('#year option[selected]').text(), 'January 2024');
  // Suppressed (a row with x) and absent (no row: Cumberland was created in 2023) read differently.
  const dorset = cheerio.load((await t.browser().get(`/benchmarks?measure=${HEADLINE}&year=2024&la=E06000059`)).body);
  assert.equal(dorset('.app-benchmark-summary dd').first().text().trim(), 'not published (suppressed)');
  const cumberland = cheerio.load((await t.browser().get(`/benchmarks?measure=${HEADLINE}&year=2019&la=E06000063`)).body);
  assert.equal(cumberland('.app-benchmark-summary dd').first().text().trim(), 'no figure published for this council for this year');
  const bad = await t.browser().get(`/benchmarks?measure=no-such&la=${HALTON}`);
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Choose a measure from the list/);
  const badLa = await t.browser().get(`/benchmarks?measure=${HEADLINE}&la=E0600000X`);
  assert.equal(badLa.statusCode, 400);
  assert.match(badLa.body, /is not a council in the LA lookup/);
});

test('the API operation is in the OpenAPI description, public, with its parameters', async () => {
  const doc = JSON.parse((await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).body) as { paths: Record<string, { get: { security: unknown[]; parameters: { name: string; required: boolean }[] } }> };
  const op = doc.paths['/api/v1/benchmarks']!.get;
  assert.deepEqual(op.security, []);
  assert.deepEqual(op.parameters.map((p) => [p.name, p.required]), [['measure', true], ['la', true], ['year', false]]);
});

test('the ranking page lists every council, suppressed ones as not published, the chosen one highlighted', async () => {
  const res = await t.browser().get(`/benchmarks/${HEADLINE}?year=2024&la=${HALTON}`);
  assert.equal(res.statusCode, 200);
  const $ = cheerio.load(res.body);
  const rows = $('#ranking tbody tr').toArray().map((r) => $(r).children().toArray().map((c) => $(c).text().trim()));
  assert.equal(rows.length, 153);
  assert.deepEqual(rows.find((r) => r[1]?.startsWith('Halton')), ['68', 'Halton (selected)', 'North West', '56.5%', '2']);
  assert.equal($('#selected').length, 1);
  const dorset = rows.find((r) => r[1] === 'Dorset');
  assert.deepEqual(dorset, ['–', 'Dorset', 'South West', 'not published (suppressed)', '']);
  assert.ok(!rows.some((r) => r[3] === '0.0%' && r[1] === 'Dorset'));
  assert.equal(rows[0]![0], '1');
  const svg = $('svg[role="img"]');
  assert.equal(svg.length, 1);
  assert.ok(svg.find('text').toArray().some((n) => $(n).text() === '68. Halton (selected)'));
  assert.match(res.body, /Open Government Licence v3\.0 – Department for Education\./);
  assert.equal((await t.browser().get('/benchmarks/not-a-measure')).statusCode, 404);
});

test('CSV export holds the ranking values and the attribution', async () => {
  const res = await t.browser().get(`/benchmarks/${HEADLINE}?year=2024&la=${HALTON}&format=csv`);
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /^text\/csv/);
  assert.match(String(res.headers['content-disposition']), /attachment; filename="benchmark-plans-issued-within-20-weeks-excl-exceptions-pc-2024\.csv"/);
  const lines = res.body.split('\r\n');
  assert.equal(lines[0], 'rank,la_code,la_name,region,value,numerator,denominator,quartile,status');
  assert.ok(lines.includes('68,E06000006,Halton,North West,56.5,87,154,2,published'), lines.slice(60, 75).join('\n'));
  // Dorset classed every 2024 plan as an exception: the value is x (empty), never 0; 0 of 0 plans.
  assert.ok(lines.includes(',E06000059,Dorset,South West,,0,0,,not published (suppressed)'), lines.filter((l) => l.includes('Dorset')).join('\n'));
  assert.equal(lines.filter((l) => /^(\d+)?,E/.test(l)).length, 153);
  assert.match(res.body, /Open Government Licence v3\.0 – Department for Education\./);
});

test('Excel export has real number cells and the attribution', async () => {
  const res = await t.browser().get(`/benchmarks/${HEADLINE}?year=2024&la=${HALTON}&format=xlsx`);
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /spreadsheetml/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('Ranking')!;
  let halton: ExcelJS.Row | undefined;
  ws.eachRow((row) => { if (row.getCell(2).value === HALTON) halton = row; });
  assert.ok(halton);
  assert.equal(halton.getCell(1).value, 68);
  assert.equal(halton.getCell(5).value, 0.565, '56.5% as a number with a % format');
  assert.equal(halton.getCell(5).numFmt, '0.0%');
  assert.equal(halton.getCell(5).type, ExcelJS.ValueType.Number);
  let suppressed: ExcelJS.Row | undefined;
  ws.eachRow((row) => { if (row.getCell(9).value === 'not published (suppressed)' && !suppressed) suppressed = row; });
  if (suppressed) assert.equal(suppressed.getCell(5).type, ExcelJS.ValueType.Null, 'a suppressed figure is an empty cell, not 0');
  assert.equal(halton.getCell(8).type, ExcelJS.ValueType.Number);
  const texts: string[] = [];
  ws.eachRow((row) => texts.push(String(row.getCell(1).value ?? '')));
  assert.ok(texts.some((s) => s.includes('Open Government Licence v3.0 – Department for Education.')));
});

test('a broken import reports file, row and column, writes nothing, and the previous data stays in force', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'joinedup-bm-broken-'));
  try {
    fs.cpSync(REFERENCE, dir, { recursive: true });
    fs.chmodSync(path.join(dir, 'dfe-ehcp-2025'), 0o755);
    const timeliness = path.join(dir, 'dfe-ehcp-2025', 'timeliness_20_week.csv');
    const requests = path.join(dir, 'dfe-ehcp-2025', 'requests.csv');
    for (const f of [timeliness, requests]) fs.chmodSync(f, 0o644);
    // A renamed column…
    const text = fs.readFileSync(timeliness, 'utf8');
    fs.writeFileSync(timeliness, text.replace('PC_plans_issued_20_weeks_ex', 'PC_plans_20wk_ex'));
    // …and a truncated row (line 3 cut after its fifth field).
    const lines = fs.readFileSync(requests, 'utf8').split('\n');
    lines[2] = lines[2]!.split(',').slice(0, 5).join(',');
    fs.writeFileSync(requests, lines.join('\n'));

    const r = await importBenchmarkFolder(t.database.db, path.join(dir, 'dfe-ehcp-2025'), { actor: 'test' });
    assert.equal(r.ok, false);
    const renamed = r.errors.find((p) => p.file === 'timeliness_20_week.csv' && p.column === 'PC_plans_issued_20_weeks_ex');
    assert.ok(renamed, JSON.stringify(r.errors));
    assert.equal(renamed.row, 1);
    const truncated = r.errors.find((p) => p.file === 'requests.csv' && p.row === 3);
    assert.ok(truncated, JSON.stringify(r.errors));
    assert.match(truncated.message, /truncated or malformed/);

    const imports = await t.database.db.selectFrom('benchmark_import').select(['id', 'status', 'row_count']).orderBy('id').execute();
    assert.deepEqual(imports.map((i) => i.status), ['succeeded', 'rejected']);
    assert.equal(imports[1]!.row_count, 0);
    // The previous import still answers.
    const b = await api(`measure=${HEADLINE}&la=${HALTON}&year=2024`);
    assert.equal((b.body['la'] as { value: number }).value, 56.5);
    const n = await t.database.db.selectFrom('benchmark_value').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    assert.ok(Number(n.n) > 19000);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
