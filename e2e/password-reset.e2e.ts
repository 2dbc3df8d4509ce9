// A caseworker who forgot their password resets it through the emailed link (the demo outbox) and
// signs in with the new one; the old one stops working.
import assert from 'node:assert/strict';
import { assertErrorSummary, checkA11y, e2eSuite, follow, heading, linkFromOutbox, navigating, signIn, submit, visit } from './helpers.ts';

const e2e = e2eSuite();

e2e.test('a caseworker resets their password from the emailed link and signs in with it', async (page) => {
  const email = 'caseworker@demo.joinedup.invalid';
  await visit(page, e2e.server, '/sign-in');
  await follow(page, page.getByRole('link', { name: 'I have forgotten my password' }));
  assert.equal(new URL(page.url()).pathname, '/reset-password');
  assert.equal(await heading(page), 'Reset your password');

  await page.locator('#email').fill('not an email');
  const bad = await submit(page, 'form[action="/reset-password"]');
  assert.equal(bad.status(), 400);
  await assertErrorSummary(page, [{ message: 'Enter an email address in the correct format', field: 'email' }]);
  await checkA11y(page);

  await page.locator('#email').fill(email);
  const sent = await submit(page, 'form[action="/reset-password"]');
  assert.equal(sent.status(), 200);
  assert.equal(await heading(page), 'Check your email');
  await checkA11y(page);
  await navigating(page, () => page.getByRole('link', { name: 'demo outbox' }).click());
  assert.equal(new URL(page.url()).pathname, '/outbox'); // checked by linkFromOutbox

  const link = await linkFromOutbox(page, e2e.server, email, 'Reset your Joined Up password');
  assert.match(link, new RegExp(`^${e2e.server.url}/reset-password/`));
  await follow(page, page.locator(`a[href="${link}"]`).first());
  assert.equal(await heading(page), 'Choose a new password');

  const tooShort = 'short';
  await page.locator('#password').fill(tooShort);
  await page.locator('#confirm').fill(tooShort);
  const weak = await submit(page, 'form');
  assert.equal(weak.status(), 400);
  assert.equal(await page.locator('.govuk-error-summary a[href="#password"]').count(), 1, 'the problem links to the password field');
  await checkA11y(page);

  const password = 'kettle harbour violet';
  await page.locator('#password').fill(password);
  await page.locator('#confirm').fill(password);
  const done = await submit(page, 'form');
  assert.equal(done.status(), 200);
  assert.match(await page.locator('.govuk-panel').innerText(), /Your password has been changed/);
  await checkA11y(page);

  // The link cannot be used twice.
  await visit(page, e2e.server, new URL(link).pathname, 404);
  assert.equal(await heading(page), 'This link has expired');

  // The old password no longer works; the new one does.
  const old = await signIn(page, e2e.server, email);
  assert.equal(old.status(), 401);
  await signIn(page, e2e.server, email, password);
  assert.equal(new URL(page.url()).pathname, '/casework');
  assert.match(await page.locator('header').innerText(), /Casey Worker/);
  await visit(page, e2e.server, '/account');
  assert.match(await page.locator('.govuk-summary-list').innerText(), /Casey Worker/);
});

e2e.test('a reset asked for an unknown address answers the same way and sends nothing', async (page) => {
  await visit(page, e2e.server, '/reset-password');
  await page.locator('#email').fill('nobody@example.invalid');
  const res = await submit(page, 'form[action="/reset-password"]');
  assert.equal(res.status(), 200);
  assert.equal(await heading(page), 'Check your email');
  await checkA11y(page);
  await visit(page, e2e.server, '/outbox');
  assert.doesNotMatch(await page.locator('main').innerText(), /nobody@example\.invalid/);
});

e2e.test('a made-up reset link shows "This link has expired"', async (page) => {
  await visit(page, e2e.server, '/reset-password/not-a-real-token', 404);
  assert.equal(await heading(page), 'This link has expired');
  await visit(page, e2e.server, '/invitation/not-a-real-token', 404);
});
