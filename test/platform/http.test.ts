import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import * as cheerio from 'cheerio';
import { buildTestApp, type TestApp } from '../helpers/app.ts';

const logLines: string[] = [];
const logStream = new Writable({ write(chunk, _enc, cb) { logLines.push(String(chunk)); cb(); } });
let t: TestApp;
before(async () => { t = await buildTestApp({ logStream }); });
after(async () => { await t.close(); });

test('/healthz answers ok while the database answers, 503 with a reason when it does not', async () => {
  const ok = await t.app.inject('/healthz');
  assert.equal(ok.statusCode, 200);
  assert.deepEqual(ok.json(), { status: 'ok', database: 'ok' });
  const broken = await buildTestApp({ seed: false });
  await broken.database.close();
  const down = await broken.app.inject('/healthz');
  assert.equal(down.statusCode, 503);
  assert.equal(down.json().database, 'unavailable');
  assert.match(down.json().reason, /database/);
  await broken.app.close();
});

test('pages carry strict security headers with a per-request CSP nonce', async () => {
  const a = await t.app.inject('/sign-in');
  const b = await t.app.inject('/sign-in');
  const csp = String(a.headers['content-security-policy']);
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(csp, /object-src 'none'/);
  assert.notEqual(csp, String(b.headers['content-security-policy']), 'a fresh nonce each time');
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  const $ = cheerio.load(a.body);
  $('script').each((_, s) => assert.equal($(s).attr('nonce'), nonce, 'every script carries the nonce'));
  assert.equal(a.headers['x-content-type-options'], 'nosniff');
  assert.equal(a.headers['x-frame-options'], 'SAMEORIGIN');
  assert.match(String(a.headers['referrer-policy']), /no-referrer/);
  assert.match(String(a.headers['x-request-id']), /^[0-9a-f-]{36}$/);
});

test('the layout uses the generic header, no crown and no GOV.UK branding', async () => {
  const $ = cheerio.load((await t.app.inject('/')).body);
  assert.equal($('.govuk-generic-header').length, 1);
  assert.equal($('.govuk-header__logotype').length, 0);
  assert.doesNotMatch($('title').text(), /GOV\.UK/);
  assert.doesNotMatch($('footer').text(), /Crown copyright/);
  for (const href of ['/accessibility', '/cookies', '/privacy']) assert.equal($(`footer a[href="${href}"]`).length, 1, href);
});

test('static assets are compressed and cached for a year', async () => {
  const css = await t.app.inject({ url: '/static/app.css', headers: { 'accept-encoding': 'br, gzip' } });
  assert.equal(css.statusCode, 200);
  assert.match(String(css.headers['cache-control']), /max-age=31536000/);
  assert.match(String(css.headers['cache-control']), /immutable/);
  assert.ok(['br', 'gzip'].includes(String(css.headers['content-encoding'])));
  const font = await t.app.inject('/assets/govuk-frontend.min.js');
  assert.equal(font.statusCode, 200);
  assert.equal((await t.app.inject('/assets/components/button/template.njk')).statusCode, 404, 'templates are not served');
});

test('GOV.UK-style 404, and problem+json for the API', async () => {
  const page = await t.app.inject('/no-such-page');
  assert.equal(page.statusCode, 404);
  assert.equal(cheerio.load(page.body)('h1').text(), 'Page not found');
  const api = await t.app.inject('/api/v1/no-such-thing');
  assert.equal(api.statusCode, 404);
  assert.match(String(api.headers['content-type']), /^application\/problem\+json/);
  assert.equal(api.json().status, 404);
});

test('malformed JSON is a 400 problem, an oversized body a 413, an unsupported type a 415', async () => {
  const bad = await t.app.inject({ method: 'POST', url: '/api/v1/me', payload: '{"a":', headers: { 'content-type': 'application/json' } });
  assert.equal(bad.statusCode, 400);
  assert.match(String(bad.headers['content-type']), /^application\/problem\+json/);
  assert.match(bad.json().detail, /could not be read/);
  const big = await t.app.inject({ method: 'POST', url: '/sign-in', payload: `email=${'a'.repeat(1_100_000)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(big.statusCode, 413);
  assert.match(cheerio.load(big.body)('h1').text(), /too large/);
  const odd = await t.app.inject({ method: 'POST', url: '/sign-in', payload: 'x', headers: { 'content-type': 'text/xml' } });
  assert.equal(odd.statusCode, 415);
});

test('an unexpected error shows a 500 page with a request id; the detail goes to the log only', async () => {
  const fresh = await buildTestApp({ seed: false, logStream });
  await fresh.database.close(); // the database going away is an unexpected failure for any page that reads it
  const boom = await fresh.app.inject({ url: '/account', headers: { cookie: 'jusid=some-session-id' } });
  assert.equal(boom.statusCode, 500);
  const $ = cheerio.load(boom.body);
  assert.match($('h1').text(), /problem with the service/);
  const ref = $('.app-mono').text();
  assert.equal(ref, boom.headers['x-request-id']);
  assert.doesNotMatch(boom.body, /PGlite|closed|Error:|at .*\.ts/, 'no internal detail on the page');
  assert.ok(logLines.some((l) => l.includes(ref) && l.includes('"level":50') && l.includes('PGlite')), 'the error is logged with the request id');
  await fresh.app.close();
});

test('logs hold no personal data: no emails, passwords, cookies or query strings', async () => {
  const b = t.browser();
  await b.get('/sign-in');
  await b.post('/sign-in', { email: 'caseworker@demo.joinedup.invalid', password: 'demo-password-1' });
  await b.get('/admin/audit?actor=Casey%20Worker');
  const all = logLines.join('\n');
  assert.ok(all.length > 0, 'something was logged');
  assert.doesNotMatch(all, /caseworker@demo/);
  assert.doesNotMatch(all, /demo-password-1/);
  assert.doesNotMatch(all, /jusid=/);
  assert.doesNotMatch(all, /Casey/);
});
