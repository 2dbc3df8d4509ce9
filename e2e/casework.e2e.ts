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

e2e.test('a caseworker consults a school on being named in a plan, and records its answer', async (page) => {
  await signIn(page, e2e.server, 'caseworker@demo.joinedup.invalid');
  await visit(page, e2e.server, '/casework?filter=all');
  for (let n = 1; n <= 20 && (await page.locator('#tray tbody tr', { hasText: 'Plan in force' }).count()) === 0; n++) {
    await visit(page, e2e.server, `/casework?filter=all&page=${n}`);
  }
  await follow(page, page.locator('#tray tbody tr', { hasText: 'Plan in force' }).locator('th a').first());
  const fillDate = async (prefix: string, d: Temporal.PlainDate) => {
    await page.locator(`#${prefix}-day`).fill(String(d.day));
    await page.locator(`#${prefix}-month`).fill(String(d.month));
    await page.locator(`#${prefix}-year`).fill(String(d.year));
  };
  await follow(page, page.locator('#next-steps a', { hasText: 'Setting consulted on being named' }));
  await checkA11y(page);
  await fillDate('effectiveDate', today);
  const refused = await submit(page, 'form[method="post"]');
  assert.equal(refused.status(), 400);
  await assertErrorSummary(page, [{ message: 'Enter the name of the school, college or setting consulted', field: 'settingName' }]);
  await page.locator('#settingName').fill('Brookfield Academy');
  await fillDate('responseRequestedBy', today.add({ days: 14 }));
  const saved = await submit(page, 'form[method="post"]');
  assert.equal(saved.status(), 200);
  assert.match(await page.locator('#consultations').innerText(), /Brookfield Academy[\s\S]*No answer yet/);
  await checkA11y(page);
  await follow(page, page.locator('#next-steps a', { hasText: 'Setting answered the consultation' }));
  await page.locator('label', { hasText: 'Brookfield Academy' }).check();
  await page.locator('input[name="response"][value="can-meet-needs"]').check();
  await fillDate('effectiveDate', today);
  const answered = await submit(page, 'form[method="post"]');
  assert.equal(answered.status(), 200);
  assert.match(await page.locator('#consultations').innerText(), /It can meet the needs and agrees to be named/);
  await checkA11y(page);
});
