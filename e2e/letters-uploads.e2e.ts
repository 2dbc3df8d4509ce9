// Letters and uploads in a real browser with JavaScript turned off, axe on every page: a caseworker
// uploads a file on a demo case page (a wrong type first), previews and issues a letter, and the area
// administrator edits a letter template (a bad placeholder first, then a preview, then a save).
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { assertErrorSummary, checkA11y, follow, navigating, signIn, signInAdmin, visit, e2eSuite } from './helpers.ts';

const e2e = e2eSuite();
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** The first case on the caseworker's tray with a letter still to issue. */
async function caseWithLetterToIssue(page: Page): Promise<string> {
  const hrefs = await page.locator('#tray tbody tr th a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  for (const href of hrefs.slice(0, 25)) {
    await page.goto(e2e.server.url + href);
    if (await page.locator('#letters a', { hasText: 'Preview and issue' }).count()) return href;
  }
  assert.fail('no demo case on the tray has a letter to issue');
}

e2e.test('a caseworker uploads a document and issues a letter, without JavaScript', async (page) => {
  await signIn(page, e2e.server, 'caseworker@demo.joinedup.invalid');
  const casePath = await caseWithLetterToIssue(page);
  await visit(page, e2e.server, casePath);

  // A file whose content is not an accepted type: the error summary links to the file input.
  await page.locator('#upload-form input[name="kind"][value="evidence"]').check();
  await page.locator('#file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a document') });
  const refused = await navigating(page, () => page.locator('#upload-form button[type="submit"]').click());
  assert.equal(refused.status(), 400);
  await assertErrorSummary(page, [{ message: 'The selected file must be a PDF, Word document (DOCX or DOC), PNG or JPEG', field: 'file' }]);
  await checkA11y(page);

  // The upload page keeps the chosen kind; a real PNG is stored and listed on the case page.
  assert.ok(await page.locator('#upload-form input[name="kind"][value="evidence"]').isChecked());
  await page.locator('#file').setInputFiles({ name: 'classroom.png', mimeType: 'image/png', buffer: PNG });
  const stored = await navigating(page, () => page.locator('#upload-form button[type="submit"]').click());
  assert.equal(stored.status(), 200);
  assert.equal(new URL(page.url()).pathname, casePath);
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /The document has been uploaded/);
  const row = page.locator('#document-list tbody tr', { hasText: 'classroom.png' });
  assert.equal(await row.count(), 1);
  assert.equal((await row.locator('td').first().innerText()).trim(), 'Evidence');
  await checkA11y(page);

  // Preview the letter, then issue it.
  const letterRow = page.locator('#letters tbody tr', { has: page.locator('a', { hasText: 'Preview and issue' }) }).first();
  const eventId = await letterRow.getAttribute('data-event');
  await follow(page, letterRow.locator('a', { hasText: 'Preview and issue' }));
  assert.match(await page.locator('h1').innerText(), / letter$/);
  assert.ok(await page.locator('.app-letter-preview').count());
  const issued = await navigating(page, () => page.locator('#issue-letter').click());
  assert.equal(issued.status(), 200);
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /The letter has been issued/);
  const done = page.locator(`#letters tr[data-event="${eventId}"]`);
  assert.equal((await done.locator('td').nth(1).innerText()).trim(), 'Issued');
  assert.equal(await done.locator('a').count(), 2, 'Word and PDF');
  await checkA11y(page);
}, { javaScriptEnabled: false });

e2e.test('the area administrator edits a letter template: error, preview, save, versions', async (page) => {
  await signInAdmin(page, e2e.server);
  await visit(page, e2e.server, '/letter-templates');
  assert.equal(await page.locator('#templates tbody tr').count(), 7);
  await follow(page, page.locator('#templates tr[data-kind="decision-to-assess"] a').first());

  const body = page.locator('#body');
  await body.fill('Dear {{family.names}}\nWe decided on {{decision.date}} to assess {{child.firstName}}.\nAppeal by {{appeal.deadline}}.');
  const bad = await navigating(page, () => page.locator('button[value="save"]').click());
  assert.equal(bad.status(), 400);
  await assertErrorSummary(page, [{ message: 'Line 3: {{appeal.deadline}} is not a placeholder this decision to assess letter can use', field: 'body' }]);
  await checkA11y(page);

  await body.fill('Dear {{family.names}}\nWe decided on {{decision.date}} to assess {{child.firstName}}.');
  const preview = await navigating(page, () => page.locator('button[value="preview"]').click());
  assert.equal(preview.status(), 200);
  assert.match(await page.locator('.app-letter-preview').innerText(), /Dear Jo Sample/);
  await checkA11y(page);

  const saved = await navigating(page, () => page.locator('button[value="save"]').click());
  assert.equal(saved.status(), 200);
  assert.equal(new URL(page.url()).pathname, '/letter-templates');
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /saved as a new version/);
  assert.match(await page.locator('#templates tr[data-kind="decision-to-assess"] td').first().innerText(), /^2/);
  await checkA11y(page);

  await visit(page, e2e.server, '/letter-templates/decision-to-assess/history');
  assert.equal(await page.locator('#versions tbody tr').count(), 2);
});
