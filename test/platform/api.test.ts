import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { sha256 } from '../../src/platform/auth/secrets.ts';

let t: TestApp;
before(async () => { t = await buildTestApp(); });
after(async () => { await t.close(); });

async function tokenFor(email: string, days = '30'): Promise<string> {
  const b = await t.signIn(email);
  await b.get('/account');
  const res = await b.post('/account/tokens', { name: 'test token', days });
  assert.equal(res.statusCode, 200);
  return cheerio.load(res.body)('#new-token').text();
}

test('a personal access token is shown once, stored only as a hash, and identifies its owner and area', async () => {
  const token = await tokenFor('analyst@demo.joinedup.invalid');
  assert.match(token, /^ju_[A-Za-z0-9_-]{40}$/);
  const rows = await t.database.db.selectFrom('api_token').select(['token_hash', 'prefix']).execute();
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.token_hash, sha256(token));
  assert.ok(!JSON.stringify(rows).includes(token.slice(10)), 'the token itself is not stored');
  const me = await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
  assert.equal(me.statusCode, 200);
  assert.deepEqual(me.json(), { id: me.json().id, name: 'Avery Analyst', email: 'analyst@demo.joinedup.invalid', area: { code: 'E99999999', name: 'Demo Borough' }, roles: ['performance-analyst'] });
  await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
  const used = await t.database.db.selectFrom('audit_event').select(['actor_label']).where('action', '=', 'token.used').execute();
  assert.equal(used.length, 1, 'token use is audited, once a minute at most');
  assert.match(used[0]!.actor_label, /^token:/);
});

test('no token, a wrong token, a revoked or expired token: 401 problem+json', async () => {
  const none = await t.app.inject('/api/v1/me');
  assert.equal(none.statusCode, 401);
  assert.match(String(none.headers['www-authenticate']), /^Bearer/);
  assert.match(String(none.headers['content-type']), /^application\/problem\+json/);
  assert.equal((await t.app.inject({ url: '/api/v1/me', headers: { authorization: 'Bearer ju_nonsense' } })).statusCode, 401);

  const token = await tokenFor('board@demo.joinedup.invalid', '1');
  const ok = await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
  assert.equal(ok.statusCode, 200);
  t.clock.advance(25 * 3600 * 1000);
  assert.equal((await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode, 401, 'expired after a day');

  const b = await t.signIn('senco@demo.joinedup.invalid');
  await b.get('/account');
  const created = await b.post('/account/tokens', { name: 'to revoke', days: '30' });
  const token2 = cheerio.load(created.body)('#new-token').text();
  const id = cheerio.load(created.body)('form[action$="/revoke"]').attr('action')!.split('/')[3]!;
  assert.equal((await b.post(`/account/tokens/${id}/revoke`, {})).statusCode, 200);
  assert.equal((await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token2}` } })).statusCode, 401, 'revoked');
  const events = (await t.database.db.selectFrom('audit_event').select('action').execute()).map((e) => e.action);
  assert.ok(events.includes('token.created') && events.includes('token.revoked'));
});

test('token form errors name the field and nothing is created', async () => {
  const b = await t.signIn('ep@demo.joinedup.invalid');
  await b.get('/account');
  const before = (await t.database.db.selectFrom('api_token').select('id').execute()).length;
  const res = await b.post('/account/tokens', { name: '', days: '9999' });
  assert.equal(res.statusCode, 400);
  const $ = cheerio.load(res.body);
  assert.deepEqual($('.govuk-error-summary__list a').map((_, a) => $(a).attr('href')).get(), ['#name', '#days']);
  assert.equal((await t.database.db.selectFrom('api_token').select('id').execute()).length, before);
});

test('the OpenAPI 3.1 document describes every operation with its security', async () => {
  const res = await t.app.inject('/api/v1/openapi.json');
  assert.equal(res.statusCode, 200);
  const doc = res.json();
  assert.equal(doc.openapi, '3.1.0');
  assert.ok(doc.paths['/api/v1/me'].get);
  assert.deepEqual(doc.paths['/api/v1/me'].get.security, [{ bearer: [] }]);
  assert.equal(doc.components.securitySchemes.bearer.scheme, 'bearer');
  for (const op of t.app.ctx.api.operations) {
    const path = op.path.replace(/:([A-Za-z]+)/g, '{$1}');
    assert.ok(doc.paths[path]?.[op.method.toLowerCase()], `${op.method} ${path} is documented`);
  }
});

test('the audit page lists events with filters and exports CSV (itself audited); admins only', async () => {
  const { totp } = await import('../../src/platform/auth/totp.ts');
  const { DEMO_ADMIN_TOTP_SECRET } = await import('../../src/platform/demo/people.ts');
  const admin = t.browser();
  await admin.get('/sign-in');
  await admin.post('/sign-in', { email: 'admin@demo.joinedup.invalid', password: 'demo-password-1' });
  await admin.get('/sign-in/two-factor');
  await admin.post('/sign-in/two-factor', { code: totp(DEMO_ADMIN_TOTP_SECRET, t.clock.now()) });
  const page = await admin.get('/admin/audit?action=token.');
  assert.equal(page.statusCode, 200);
  const actions = cheerio.load(page.body)('tbody tr td:nth-child(2)').map((_, td) => cheerio.load(td).text()).get();
  assert.ok(actions.length >= 2);
  assert.ok(actions.every((a) => a.startsWith('token.')), actions.join());
  const bad = await admin.get('/admin/audit?from=2025-02-30');
  assert.equal(bad.statusCode, 400);
  const csv = await admin.get('/admin/audit?action=token.&format=csv');
  assert.equal(csv.statusCode, 200);
  assert.match(String(csv.headers['content-type']), /^text\/csv/);
  const lines = csv.body.trim().split('\r\n');
  assert.equal(lines[0], 'id,at,action,actor_user_id,actor_email,entity_type,entity_id,ip,request_id,detail');
  assert.equal(lines.length - 1, actions.length);
  const exported = await t.database.db.selectFrom('audit_event').select('action').where('action', '=', 'audit.exported').execute();
  assert.equal(exported.length, 1);
});
