// Statutory casework in a real browser, with axe on every page: the caseworker's tray and filters, a
// demo case, a new request (errors, then saved) and its first event with JavaScript turned off, the
// team manager's caseload, and plan versions.
import assert from 'node:assert/strict';
import { assertErrorSummary, checkA11y, e2eSuite, follow, heading, signIn, submit, visit } from './helpers.ts';

const e2e = e2eSuite();
const today = Temporal.Now.plainDateISO('Europe/London');

e2e.test('a caseworker works their tray: filters, a demo case and its record forms', async (page) => {
  await signIn(page, e2e.server, 'caseworker@demo.joinedup.invalid');
  assert.equal(new URL(page.url()).pathname, '/casework');
  await checkA11y(page);
  assert.equal(await heading(page), 'Your work tray');
  await visit(page, e2e.server, '/casework?filter=overdue');
  const statuses = await page.locator('#tray tbody tr td:nth-child(5)').allInnerTexts();
  assert.ok(statuses.length > 0 && statuses.every((s) => s.trim() === 'Overdue'), statuses.join(', '));
  await follow(page, page.locator('#tray tbody tr th a').first());
  assert.ok(await page.locator('#overdue-list li').count() >= 1, 'an overdue case shows what is late');
  await follow(page, page.locator('#next-steps a', { hasText: 'Mediation' }));
  const res = await submit(page, 'form[method="post"]');
  assert.equal(res.status(), 400);
  await checkA11y(page);
});

e2e.test('a new request without JavaScript: errors, then the case and its first step', async (page) => {
  await signIn(page, e2e.server, 'caseworker@demo.joinedup.invalid');
  await visit(page, e2e.server, '/casework/new');
  const empty = await submit(page, 'form[action="/casework/new"]');
  assert.equal(empty.status(), 400);
  await assertErrorSummary(page, [{ message: 'Enter the child or young person\'s first name', field: 'givenName' }, { message: 'Enter the child or young person\'s last name', field: 'familyName' }]);
  await checkA11y(page);
  await page.locator('#givenName').fill('Eve');
  await page.locator('#familyName').fill('Browser');
  await page.locator('#dateOfBirth-day').fill('4');
  await page.locator('#dateOfBirth-month').fill('5');
  await page.locator('#dateOfBirth-year').fill('2016');
  await page.locator('input[name="requester"][value="school"]').check();
  const received = today.subtract({ days: 10 });
  await page.locator('#receivedOn-day').fill(String(received.day));
  await page.locator('#receivedOn-month').fill(String(received.month));
  await page.locator('#receivedOn-year').fill(String(received.year));
  const saved = await submit(page, 'form[action="/casework/new"]');
  assert.equal(saved.status(), 200);
  await checkA11y(page);
  assert.equal(await heading(page), 'Eve Browser');
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /The request has been recorded/);
  assert.match(await page.locator('#next-due').innerText(), /Decision whether to assess by/);
  await follow(page, page.locator('#next-steps a', { hasText: 'Decided to assess' }));
  await page.locator('#effectiveDate-day').fill(String(today.day));
  await page.locator('#effectiveDate-month').fill(String(today.month));
  await page.locator('#effectiveDate-year').fill(String(today.year));
  const recorded = await submit(page, 'form[method="post"]');
  assert.equal(recorded.status(), 200);
  await checkA11y(page);
  assert.match(await page.locator('#deadlines tr[data-key="decision-to-assess"]').innerText(), /Done on time/);
}, { javaScriptEnabled: false });

e2e.test('a team manager sees the whole caseload and a plan\'s versions', async (page) => {
  await signIn(page, e2e.server, 'manager@demo.joinedup.invalid');
  await visit(page, e2e.server, '/casework/team');
  assert.equal(await heading(page), 'Team caseload');
  assert.ok(await page.locator('#overdue tbody tr').count() > 0);
  await visit(page, e2e.server, '/casework?scope=all');
  await visit(page, e2e.server, '/casework?scope=all&filter=at-risk');
  // A case with a plan: page through the whole caseload, by deadline, until one shows.
  for (let n = 1; n <= 20 && (await page.locator('#tray tbody tr', { hasText: 'Plan in force' }).count()) === 0; n++) {
    await visit(page, e2e.server, `/casework?scope=all&filter=all&page=${n}`);
  }
  await follow(page, page.locator('#tray tbody tr', { hasText: 'Plan in force' }).locator('th a').first());
  await follow(page, page.locator('a', { hasText: 'Plan versions and what changed' }));
  assert.equal(await heading(page), 'Plan versions');
});
