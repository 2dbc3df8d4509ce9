// Pages anyone can open without signing in: the start page, the information pages, and the
// "page not found" page.
import assert from 'node:assert/strict';
import { e2eSuite, follow, heading, visit } from './helpers.ts';

const e2e = e2eSuite();

e2e.test('the start page explains the service and links to sign in', async (page) => {
  await visit(page, e2e.server, '/');
  assert.equal(await heading(page), 'Joined Up');
  assert.match(await page.title(), /Joined Up/);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await follow(page, page.getByRole('button', { name: 'Sign in' }));
  assert.equal(new URL(page.url()).pathname, '/sign-in');
  assert.equal(await heading(page), 'Sign in');
});

for (const [url, title] of [['/accessibility', 'Accessibility statement'], ['/cookies', 'Cookies'], ['/privacy', 'Privacy notice']] as const) {
  e2e.test(`${url} is public, linked from the footer and accessible`, async (page) => {
    await page.goto(`${e2e.server.url}/`); // checked by the start page test
    const footerLink = page.locator(`.govuk-footer a[href="${url}"]`);
    assert.equal(await footerLink.count(), 1, `the footer should link to ${url}`);
    await follow(page, footerLink);
    assert.equal(new URL(page.url()).pathname, url);
    assert.match(await page.title(), new RegExp(`^${title}`));
    assert.ok((await heading(page)).length > 0, 'the page has a heading');
  });
}

e2e.test('an unknown address shows a GOV.UK-style "Page not found" page with status 404', async (page) => {
  await visit(page, e2e.server, '/no-such-page-here', 404);
  assert.equal(await heading(page), 'Page not found');
  assert.match(await page.title(), /^Page not found/);
  assert.match(await page.locator('main').innerText(), /If you typed the web address, check it is correct/);
  assert.equal(await page.locator('main a[href="/"]').count(), 1, 'links back to the start page');
  await visit(page, e2e.server, '/sign-in/no-such-step', 404);
});

e2e.test('the health check answers', async (page) => {
  const res = await page.request.get(`${e2e.server.url}/healthz`);
  assert.equal(res.status(), 200);
  assert.deepEqual(await res.json(), { status: 'ok', database: 'ok' });
});
