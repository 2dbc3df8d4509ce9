// The area administrator: the security code at sign-in, and inviting a new person, who accepts
// through the link in the demo outbox and signs in.
import assert from 'node:assert/strict';
import { homeFor } from '../src/platform/http/home.ts';
import { DEMO_AREA } from '../src/platform/demo/people.ts';
import { assertErrorSummary, checkA11y, e2eSuite, follow, freshAdminCode, heading, linkFromOutbox, pathOf, signIn, signInAdmin, submit, visit, wrongCode } from './helpers.ts';

const e2e = e2eSuite();

e2e.test('the administrator needs a security code: a wrong one is refused, the right one lands on /admin', async (page) => {
  await signIn(page, e2e.server, 'admin@demo.joinedup.invalid');
  assert.equal(new URL(page.url()).pathname, '/sign-in/two-factor');
  assert.equal(await heading(page), 'Enter your security code');
  await checkA11y(page);

  // Half signed in grants nothing: any page sends you back to give the code.
  await visit(page, e2e.server, '/admin');
  assert.equal(new URL(page.url()).pathname, '/sign-in/two-factor');

  await page.locator('#code').fill(wrongCode());
  const wrong = await submit(page, 'form[action="/sign-in/two-factor"]');
  assert.equal(wrong.status(), 400);
  assert.equal(new URL(page.url()).pathname, '/sign-in/two-factor');
  await assertErrorSummary(page, [{ message: 'The security code is not correct or has expired', field: 'code' }]);
  await checkA11y(page);

  await page.locator('#code').fill(await freshAdminCode());
  const right = await submit(page, 'form[action="/sign-in/two-factor"]');
  assert.equal(right.status(), 200);
  assert.equal(new URL(page.url()).pathname, '/admin');
  assert.equal(await heading(page), 'People and organisations');
  assert.match(await page.locator('header').innerText(), /Alex Admin/);
  assert.match(await page.locator('header').innerText(), new RegExp(DEMO_AREA.name));
  await checkA11y(page);
  await visit(page, e2e.server, '/admin/audit');
  assert.match(await page.locator('table').innerText(), /sign-in\.totp-failed/, 'the failed code is audited');
});

e2e.test('an administrator invites a person, who sets a password from the emailed link and signs in', async (page, context) => {
  const invitee = { name: 'Hollis Newcomer', email: `hollis.newcomer.${Date.now()}@example.invalid` };
  await signInAdmin(page, e2e.server);
  assert.equal(new URL(page.url()).pathname, '/admin');
  await follow(page, page.getByRole('button', { name: 'Invite a person' }));
  assert.equal(new URL(page.url()).pathname, '/admin/invite');

  // Nothing filled in: every problem is listed.
  const empty = await submit(page, 'form[action="/admin/invite"]');
  assert.equal(empty.status(), 400);
  await assertErrorSummary(page, [
    { message: 'Enter their full name', field: 'name' },
    { message: 'Enter an email address in the correct format', field: 'email' },
    { message: 'Select an organisation', field: 'organisationId' },
    { message: 'Select a role', field: 'role' },
  ]);
  await checkA11y(page);

  await page.locator('#name').fill(invitee.name);
  await page.locator('#email').fill(invitee.email);
  await page.locator('#organisationId').selectOption({ label: 'Demo Community Health NHS Trust' });
  await page.locator('#role').selectOption({ label: 'Health professional' });
  await submit(page, 'form[action="/admin/invite"]');
  assert.match(pathOf(page), /^\/admin\/people\/[0-9a-f-]{36}\?done=invited$/);
  assert.match(await page.locator('.govuk-notification-banner').innerText(), new RegExp(`An invitation has been sent to ${invitee.email.replace(/\./g, '\\.')}`));
  assert.equal(await heading(page), invitee.name);
  assert.match(await page.locator('.govuk-summary-list').innerText(), /Invited/);
  await checkA11y(page);
  await follow(page, page.locator('header a[href="/sign-out"]'));
  await context.clearCookies();

  // The invitee, in the demo outbox.
  const link = await linkFromOutbox(page, e2e.server, invitee.email, 'You have been invited to Joined Up');
  assert.match(link, new RegExp(`^${e2e.server.url}/invitation/`));
  await follow(page, page.locator(`a[href="${link}"]`).first());
  assert.equal(page.url(), link);
  assert.equal(await heading(page), 'Set your password');
  assert.match(await page.locator('main').innerText(), new RegExp(`Welcome to Joined Up, ${invitee.name}`));

  const password = 'lantern orchard pebble';
  await page.locator('#password').fill(password);
  await page.locator('#confirm').fill(`${password} typo`);
  const mismatch = await submit(page, 'form');
  assert.equal(mismatch.status(), 400);
  await assertErrorSummary(page, [{ message: 'The passwords do not match', field: 'confirm' }]);
  await checkA11y(page);
  await page.locator('#password').fill(password);
  await page.locator('#confirm').fill(password);
  const set = await submit(page, 'form');
  assert.equal(set.status(), 200);
  assert.match(await page.locator('.govuk-panel').innerText(), /Your password has been set/);
  await checkA11y(page);

  // The link works once only.
  await visit(page, e2e.server, new URL(link).pathname, 404);
  assert.equal(await heading(page), 'This link has expired');

  await signIn(page, e2e.server, invitee.email, password);
  assert.equal(new URL(page.url()).pathname, homeFor({ roles: new Set(['health-professional']) }), 'a health professional lands on their start page');
  assert.match(await page.locator('header').innerText(), new RegExp(invitee.name));
  await visit(page, e2e.server, '/account');
  const summary = await page.locator('.govuk-summary-list').innerText();
  assert.match(summary, new RegExp(invitee.email.replace(/\./g, '\\.')));
  assert.match(summary, /Health professional/);
});
