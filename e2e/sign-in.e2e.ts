// Signing in and out: wrong passwords, the lockout, signing out, the account page, a forbidden page,
// and signing in with JavaScript turned off.
import assert from 'node:assert/strict';
import { homeFor } from '../src/platform/http/home.ts';
import { DEMO_AREA } from '../src/platform/demo/people.ts';
import { assertErrorSummary, checkA11y, e2eSuite, follow, heading, signIn, submit, visit } from './helpers.ts';

const e2e = e2eSuite();

e2e.test('a wrong password shows an error summary linked to the field and stays on sign-in', async (page) => {
  const res = await signIn(page, e2e.server, 'caseworker@demo.joinedup.invalid', 'not-the-password', { a11y: true });
  assert.equal(res.status(), 401);
  assert.equal(new URL(page.url()).pathname, '/sign-in');
  await assertErrorSummary(page, [{ message: 'Enter a correct email address and password', field: 'email' }]);
  assert.equal(await page.locator('#email').inputValue(), 'caseworker@demo.joinedup.invalid', 'the email is kept');
  assert.equal(await page.locator('#password').inputValue(), '', 'the password is not sent back');
  assert.equal(await page.locator('header a[href="/sign-out"]').count(), 0, 'not signed in');
  await checkA11y(page);
  // The summary's link moves focus to the field.
  await page.locator('.govuk-error-summary a[href="#email"]').click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'email');
});

e2e.test('an empty form says what to enter', async (page) => {
  await visit(page, e2e.server, '/sign-in');
  const res = await submit(page, 'form[action="/sign-in"]');
  assert.equal(res.status(), 400);
  await assertErrorSummary(page, [{ message: 'Enter your email address', field: 'email' }, { message: 'Enter your password', field: 'password' }]);
  await checkA11y(page);
});

e2e.test('five wrong passwords lock the account for 15 minutes, even against the right password', async (page) => {
  const email = 'board@demo.joinedup.invalid'; // used by no other test in this file
  for (let i = 1; i <= 4; i++) {
    const res = await signIn(page, e2e.server, email, `wrong-password-${i}`);
    assert.equal(res.status(), 401, `attempt ${i}`);
  }
  const fifth = await signIn(page, e2e.server, email, 'wrong-password-5');
  assert.equal(fifth.status(), 429, 'the fifth failure locks the account');
  const locked = /There have been too many attempts to sign in with this email address\. Wait 15 minutes and try again, or reset your password\./;
  assert.match(await page.locator('.govuk-error-summary').innerText(), locked);
  await checkA11y(page);
  const right = await signIn(page, e2e.server, email);
  assert.equal(right.status(), 429, 'the right password is refused while locked');
  assert.equal(new URL(page.url()).pathname, '/sign-in');
  await assertErrorSummary(page, [{ message: locked, field: 'email' }]);
  await checkA11y(page);
});

e2e.test('signing out ends the session: the account page is no longer available', async (page) => {
  await signIn(page, e2e.server, 'senco@demo.joinedup.invalid');
  await visit(page, e2e.server, '/account');
  await follow(page, page.locator('header a[href="/sign-out"]'));
  assert.equal(await heading(page), 'You have signed out');
  assert.equal(await page.locator('header a[href="/sign-out"]').count(), 0, 'the signed-out page shows nobody in the header');
  const res = await page.goto(`${e2e.server.url}/account`);
  assert.ok(res);
  const at = new URL(page.url()).pathname;
  assert.equal(at, '/sign-in', `after signing out /account sends you to sign in (answered ${res.status()} at ${at})`);
  assert.doesNotMatch(await page.locator('main').innerText(), /Sian Senco/);
  assert.equal(await page.locator('header a[href="/sign-out"]').count(), 0, 'not signed in any more');
  await checkA11y(page);
});

e2e.test('the account page shows who you are, your area and roles', async (page) => {
  await signIn(page, e2e.server, 'analyst@demo.joinedup.invalid');
  await follow(page, page.locator('header a[href="/account"]'));
  assert.equal(await heading(page), 'Your account');
  const summary = await page.locator('.govuk-summary-list').innerText();
  for (const text of ['Avery Analyst', 'analyst@demo.joinedup.invalid', `${DEMO_AREA.name} (${DEMO_AREA.code})`, 'Performance analyst']) {
    assert.ok(summary.toLowerCase().includes(text.toLowerCase()), `the account summary should show "${text}": ${summary}`);
  }
  // A wrong current password is explained, linked to its field.
  await page.locator('#current').fill('not-my-password');
  await page.locator('#password').fill('a brand new password');
  await page.locator('#confirm').fill('a brand new password');
  const res = await submit(page, 'form[action="/account/password"]');
  assert.equal(res.status(), 400);
  const summaryLinks = await page.locator('.govuk-error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(summaryLinks.includes('#current'), `the error should link to the current password: ${summaryLinks.join(', ')}`);
  await checkA11y(page);
});

e2e.test('a caseworker opening the audit page gets a GOV.UK-style 403 page', async (page) => {
  await signIn(page, e2e.server, 'caseworker@demo.joinedup.invalid');
  await visit(page, e2e.server, '/admin/audit', 403);
  assert.equal(await heading(page), 'You do not have permission to see this page');
  assert.match(await page.locator('main').innerText(), /ask your area administrator/);
  await visit(page, e2e.server, '/admin', 403);
});

e2e.test('someone not signed in cannot see a signed-in page', async (page) => {
  const res = await page.goto(`${e2e.server.url}/account`);
  assert.ok(res);
  const at = new URL(page.url()).pathname;
  assert.ok(res.status() === 403 || res.status() === 401 || at === '/sign-in', `/account answered ${res.status()} at ${at}`);
  await checkA11y(page);
});

e2e.test('signing in works with JavaScript turned off', async (page) => {
  await page.goto(`${e2e.server.url}/sign-in`);
  assert.equal(await page.evaluate(() => document.body.classList.contains('govuk-frontend-supported')), false, 'GOV.UK Frontend JavaScript did not run');
  await checkA11y(page);
  const res = await signIn(page, e2e.server, 'parent@demo.joinedup.invalid');
  assert.equal(new URL(page.url()).pathname, homeFor({ roles: new Set(['parent-carer']) }));
  assert.equal(res.status(), 200);
  assert.match(await page.locator('header').innerText(), /Pat Parent/);
  await visit(page, e2e.server, '/account');
  assert.match(await page.locator('.govuk-summary-list').innerText(), /Pat Parent/);
}, { javaScriptEnabled: false });
