// The account page under the template caches (GOV.UK component HTML kept by its arguments, see
// src/platform/views/memo.ts): people asking in turn each see only their own name, email and tokens.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { buildTestApp, type TestApp, type TestBrowser } from '../helpers/app.ts';

let t: TestApp;
before(async () => { t = await buildTestApp(); });
after(async () => { await t.close(); });

const PEOPLE = [
  { email: 'caseworker@demo.joinedup.invalid', token: 'casey-extract' },
  { email: 'manager@demo.joinedup.invalid', token: 'morgan-dashboard' },
  { email: 'analyst@demo.joinedup.invalid', token: 'ada-report' },
];

test('each person sees their own name, email and tokens on /account, however the requests interleave', async () => {
  const browsers = new Map<string, TestBrowser>();
  for (const p of PEOPLE) {
    const b = await t.signIn(p.email);
    browsers.set(p.email, b);
    await b.get('/account');
    const made = await b.post('/account/tokens', { name: p.token, days: '30' });
    assert.equal(made.statusCode, 200);
  }
  const names = new Map((await t.database.db.selectFrom('app_user').select(['email', 'name']).execute()).map((u) => [u.email, u.name]));
  for (let round = 0; round < 3; round++) {
    for (const p of round % 2 ? [...PEOPLE].reverse() : PEOPLE) {
      const res = await browsers.get(p.email)!.get('/account');
      assert.equal(res.statusCode, 200);
      const $ = cheerio.load(res.body);
      const list = $('.govuk-summary-list').text();
      assert.ok(list.includes(names.get(p.email)!), `${p.email} sees their name`);
      assert.ok(list.includes(p.email), `${p.email} sees their email`);
      assert.match($('.app-header-user').text(), new RegExp(names.get(p.email)!));
      const tokens = $('table.govuk-table tbody td:first-child').map((_, el) => $(el).text()).get();
      assert.deepEqual(tokens, [p.token], `${p.email} sees only their own token`);
      for (const other of PEOPLE.filter((o) => o !== p)) {
        assert.ok(!res.body.includes(other.email), `${p.email} does not see ${other.email}`);
        assert.ok(!res.body.includes(names.get(other.email)!), `${p.email} does not see ${other.email}'s name`);
        assert.ok(!res.body.includes(other.token), `${p.email} does not see ${other.token}`);
      }
    }
  }
});

test('every page carries its own CSP nonce and its forms a CSRF token, cached components or not', async () => {
  const b = await t.signIn('caseworker@demo.joinedup.invalid');
  const seen = new Set<string>();
  for (let i = 0; i < 3; i++) {
    const res = await b.get('/account');
    const nonce = /script-src[^;]*'nonce-([^']+)'/.exec(String(res.headers['content-security-policy']))?.[1];
    assert.ok(nonce);
    assert.ok(!seen.has(nonce), 'a fresh nonce each time');
    seen.add(nonce);
    const $ = cheerio.load(res.body);
    assert.ok($('script[nonce]').get().every((s) => $(s).attr('nonce') === nonce));
    assert.ok($('input[name="_csrf"]').length > 0);
  }
});
