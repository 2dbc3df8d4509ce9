// Performance intelligence in a real browser, with axe on every page: the analyst reads the scorecard
// (with its sparklines), opens a KPI, looks at a breakdown, drills down to the cases and downloads the
// scorecard as Excel; anyone can open the public benchmarking pages without signing in.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { checkA11y, e2eSuite, follow, heading, signIn, visit } from './helpers.ts';

const e2e = e2eSuite();

e2e.test('the analyst reads the scorecard, opens a KPI, drills down and downloads the Excel export', async (page) => {
  await signIn(page, e2e.server, 'analyst@demo.joinedup.invalid');
  await visit(page, e2e.server, '/performance');
  assert.equal(await heading(page), 'Performance scorecard');
  const rows = page.locator('main table').first().locator('tbody tr');
  assert.ok((await rows.count()) >= 40, 'every KPI is a row');
  assert.ok((await page.locator('main table tbody svg[role="img"]').count()) >= 40, 'a sparkline per KPI');
  assert.match((await page.locator('main table').first().innerText()), /On target|Close to target|Below target|No target/, 'ratings in words');

  // Excel: a real .xlsx, with percentages as numbers formatted as %.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#xlsx-link').click()]);
  assert.match(download.suggestedFilename(), /^kpi-scorecard-.*\.xlsx$/);
  const file = await download.path();
  const bytes = fs.readFileSync(file);
  assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'an xlsx is a zip');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('Scorecard');
  assert.ok(ws, 'the Scorecard sheet');
  assert.equal(ws.getRow(1).getCell(1).value, 'kpi_id');
  let timely: ExcelJS.Row | undefined;
  ws.eachRow((r) => { if (r.getCell(1).value === 'plans-issued-within-20-weeks-pc') timely = r; });
  assert.ok(timely);
  assert.equal(timely.getCell(3).type, ExcelJS.ValueType.Number);
  assert.equal(timely.getCell(3).numFmt, '0.0%');

  // A KPI page: definition, trend, breakdown by team and by setting.
  await follow(page, page.locator('main table a[href^="/performance/kpis/plans-issued-within-20-weeks-pc?"]'));
  assert.match(await heading(page), /within 20 weeks/);
  assert.match(await page.locator('#breakdown').innerText(), /Breakdown by team/);
  await follow(page, page.locator('main a', { hasText: 'By setting' }));
  assert.match(await page.locator('#breakdown').innerText(), /Breakdown by setting/);

  // Drill-down: the case ids behind the figure (recorded in the audit trail).
  await follow(page, page.locator('main a', { hasText: 'Show the cases behind this figure' }));
  assert.ok((await page.locator('#denominator-cases a[href^="/casework/cases/"]').count()) > 0, 'the cases are listed');
  const drill = await page.request.get(new URL((await page.locator('#drill-xlsx').getAttribute('href'))!, e2e.server.url).href);
  assert.equal(drill.status(), 200);
  assert.match(drill.headers()['content-type'] ?? '', /spreadsheetml/);
  await checkA11y(page);
});

e2e.test('the public benchmarking pages open without signing in', async (page) => {
  await visit(page, e2e.server, '/benchmarks');
  assert.match(await heading(page), /enchmark/);
  const measure = page.locator('main a[href^="/benchmarks/"]').first();
  assert.ok((await measure.count()) > 0, 'measures are listed');
  await follow(page, measure);
  assert.match(await page.locator('main').innerText(), /Open Government Licence/);
  // The area's own scorecard is not public: it asks the visitor to sign in.
  await page.goto(`${e2e.server.url}/performance`);
  assert.equal(new URL(page.url()).pathname, '/sign-in');
});
