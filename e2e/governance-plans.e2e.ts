// Improvement plans in a real browser: a board member reads the demo plan (progress as at a date,
// filters, an action's history); a manager records an update through the form, uploads a plan file
// (multipart, CSRF token in the form's action) and sees every problem in a dirty one. axe on each page.
import assert from 'node:assert/strict';
import { assertErrorSummary, checkA11y, e2eSuite, follow, heading, signIn, submit, visit } from './helpers.ts';
import { DIRTY_CSV, PLAN_CSV } from '../test/governance/plans-fixtures.ts';

const e2e = e2eSuite();

e2e.test('a board member reads the demo plan, as at an earlier date and filtered, read-only', async (page) => {
  await signIn(page, e2e.server, 'board@demo.joinedup.invalid');
  await visit(page, e2e.server, '/governance/plans');
  assert.equal(await heading(page), 'Improvement plans');
  await follow(page, page.locator('a', { hasText: 'Demo Borough priority action plan' }));
  await checkA11y(page);
  assert.match(await page.locator('#progress caption').innerText(), /\(today\)/);
  assert.match(await page.locator('#progress tbody tr').last().innerText(), /^All priorities\s+40\b/);
  assert.equal(await page.locator('form[action$="/close"]').count(), 0);

  const monthsAgo = new Date();
  monthsAgo.setMonth(monthsAgo.getMonth() - 17);
  await page.locator('#asAt-day').fill('1');
  await page.locator('#asAt-month').fill(String(monthsAgo.getMonth() + 1));
  await page.locator('#asAt-year').fill(String(monthsAgo.getFullYear()));
  await submit(page, 'form[method="get"]:has(#asAt-day)');
  await checkA11y(page);
  assert.doesNotMatch(await page.locator('#progress caption').innerText(), /today/);

  await page.locator('#status').selectOption('delayed');
  await submit(page, 'form[method="get"]:has(#status)');
  const statuses = await page.locator('#action-list tbody tr td:nth-child(4)').allInnerTexts();
  assert.ok(statuses.every((s) => s.trim() === 'Delayed'), statuses.join(', '));
  await checkA11y(page);

  await visit(page, e2e.server, '/governance/inspections');
  await follow(page, page.locator('#main-content table a').first());
  await checkA11y(page);
  assert.match(await page.locator('main').innerText(), /Outcome 3: There are widespread and\/or systemic failings/);
  await visit(page, e2e.server, '/governance/plans/import', 403);
});

e2e.test('a manager records an update, imports a plan file and sees every problem in a dirty one', async (page) => {
  await signIn(page, e2e.server, 'manager@demo.joinedup.invalid');
  await visit(page, e2e.server, '/governance/plans');
  await follow(page, page.locator('a', { hasText: 'Demo Borough priority action plan' }));
  await follow(page, page.locator('#action-list tbody tr a').first());
  await checkA11y(page);
  const empty = await submit(page, 'form[action$="/updates"]');
  assert.equal(empty.status(), 400);
  await assertErrorSummary(page, [{ message: 'Enter what progress has been made', field: 'narrative' }]);
  await checkA11y(page);
  await page.locator('#narrative').fill('Reported to the board this month');
  await page.locator('input[name="newStatus"][value="delayed"]').check();
  const saved = await submit(page, 'form[action$="/updates"]');
  assert.equal(saved.status(), 200);
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /Your update has been recorded/);
  assert.match(await page.locator('#history tbody tr').first().innerText(), /Delayed\s+Morgan Manager/);

  // The forms to grow a plan and change an inspection pass axe too.
  await visit(page, e2e.server, '/governance/plans');
  await follow(page, page.locator('a', { hasText: 'Demo Borough priority action plan' }));
  await follow(page, page.locator('a', { hasText: 'Add an action' }));
  await checkA11y(page);
  const noPriority = await submit(page, 'form[action$="/actions"]');
  assert.equal(noPriority.status(), 400);
  await checkA11y(page);
  await visit(page, e2e.server, '/governance/inspections');
  await follow(page, page.locator('#main-content table a').first());
  await follow(page, page.locator('a', { hasText: 'Change the inspection details' }));
  await checkA11y(page);

  await visit(page, e2e.server, '/governance/plans/import');
  assert.match(await page.locator('form[enctype="multipart/form-data"]').getAttribute('action') ?? '', /\?_csrf=/);
  await page.locator('#name').fill('Dirty plan');
  await page.locator('#file').setInputFiles({ name: 'dirty.csv', mimeType: 'text/csv', buffer: Buffer.from(DIRTY_CSV) });
  const dirty = await submit(page, 'form[enctype="multipart/form-data"]');
  assert.equal(dirty.status(), 400);
  assert.equal(await page.locator('#problems tbody tr').count(), 8);
  await checkA11y(page);

  await page.locator('#name').fill('Uploaded plan');
  await page.locator('#file').setInputFiles({ name: 'plan.csv', mimeType: 'text/csv', buffer: Buffer.from(PLAN_CSV) });
  const ok = await submit(page, 'form[enctype="multipart/form-data"]');
  assert.equal(ok.status(), 200);
  assert.equal(await heading(page), 'Uploaded plan');
  assert.match(await page.locator('#progress tbody tr').last().innerText(), /^All priorities\s+15\s+4 \(27%\)\s+6 \(40%\)\s+4 \(27%\)\s+1 \(7%\)\s+67%$/);
  await checkA11y(page);
});
