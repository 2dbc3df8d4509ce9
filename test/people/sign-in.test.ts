import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { totp } from '../../src/platform/auth/totp.ts';
import { DEMO_ADMIN_TOTP_SECRET } from '../../src/platform/demo/people.ts';
import { readOutbox } from '../../src/platform/mail/transport.ts';

let t: TestApp;
before(async () => { t = await buildTestApp(); });
after(async () => { await t.close(); });

const errorSummary = (html: string) => cheerio.load(html)('.govuk-error-summary').text().replace(/\s+/g, ' ').trim();

test('a caseworker signs in and lands on their start page', async () => {
  const b = await t.signIn('caseworker@demo.joinedup.invalid');
  const home = await b.get('/home');
  assert.equal(home.statusCode, 200);
  const $ = cheerio.load(home.body);
  assert.match($('h1').text(), /Casey Worker/);
  assert.match($('.app-header-area').text(), /Demo Borough/);
  assert.equal((await t.database.db.selectFrom('audit_event').select('action').where('action', '=', 'sign-in.succeeded').execute()).length >= 1, true);
});

test('a wrong password and an unknown email get the same answer', async () => {
  const b = t.browser();
  await b.get('/sign-in');
  const wrong = await b.post('/sign-in', { email: 'senco@demo.joinedup.invalid', password: 'not the password' });
  await b.get('/sign-in');
  const unknown = await b.post('/sign-in', { email: 'nobody@demo.joinedup.invalid', password: 'not the password' });
  assert.equal(wrong.statusCode, 401);
  assert.equal(unknown.statusCode, 401);
  assert.equal(errorSummary(wrong.body), errorSummary(unknown.body));
  assert.match(errorSummary(wrong.body), /Enter a correct email address and password/);
  assert.equal(b.cookies.has('jusid'), false);
});

test('five failures lock the address for 15 minutes, known or unknown, then it unlocks', async () => {
  for (const email of ['board@demo.joinedup.invalid', 'ghost@demo.joinedup.invalid']) {
    const b = t.browser();
    for (let i = 1; i <= 5; i++) {
      await b.get('/sign-in');
      const res = await b.post('/sign-in', { email, password: `wrong-${i}` });
      assert.equal(res.statusCode, i < 5 ? 401 : 429, `${email} attempt ${i}`);
    }
    await b.get('/sign-in');
    const locked = await b.post('/sign-in', { email, password: 'demo-password-1' });
    assert.equal(locked.statusCode, 429, 'even the right password is refused while locked');
    assert.match(errorSummary(locked.body), /too many attempts/);
  }
  const lockouts = await t.database.db.selectFrom('audit_event').select('action').where('action', '=', 'sign-in.lockout').execute();
  assert.equal(lockouts.length, 2);
  t.clock.advance(16 * 60 * 1000);
  const b = t.browser();
  await b.get('/sign-in');
  assert.equal((await b.post('/sign-in', { email: 'board@demo.joinedup.invalid', password: 'demo-password-1' })).statusCode, 303);
});

test('sessions end after 30 idle minutes and after 12 hours whatever happens', async () => {
  const b = await t.signIn('analyst@demo.joinedup.invalid');
  assert.equal((await b.get('/account')).statusCode, 200);
  t.clock.advance(29 * 60 * 1000);
  assert.equal((await b.get('/account')).statusCode, 200, 'still active after 29 minutes');
  t.clock.advance(31 * 60 * 1000);
  assert.equal((await b.get('/account')).statusCode, 303, 'idle for 31 minutes: sent to sign in');

  const c = await t.signIn('analyst@demo.joinedup.invalid');
  for (let i = 0; i < 25; i++) {
    t.clock.advance(29 * 60 * 1000);
    await c.get('/account');
  }
  assert.equal((await c.get('/account')).statusCode, 303, 'absolute lifetime of 12 hours');
});

test('sign out revokes the session on the server, not just the cookie', async () => {
  const b = await t.signIn('manager@demo.joinedup.invalid');
  const cookie = b.cookies.get('jusid')!;
  await b.get('/sign-out');
  const replay = await t.app.inject({ method: 'GET', url: '/account', headers: { cookie: `jusid=${cookie}` } });
  assert.equal(replay.statusCode, 303);
  assert.equal(replay.headers['location'], '/sign-in?returnTo=%2Faccount');
});

test('sign out everywhere ends every session of that person', async () => {
  const one = await t.signIn('ep@demo.joinedup.invalid');
  const two = await t.signIn('ep@demo.joinedup.invalid');
  await one.get('/account');
  const res = await one.post('/account/sign-out-everywhere', {});
  assert.equal(res.statusCode, 200);
  assert.equal((await two.get('/account')).statusCode, 303);
  assert.equal((await one.get('/account')).statusCode, 303);
});

test('the administrator must give a security code; a wrong or replayed code is refused', async () => {
  const b = t.browser();
  await b.get('/sign-in');
  const res = await b.post('/sign-in', { email: 'admin@demo.joinedup.invalid', password: 'demo-password-1' });
  assert.equal(res.headers['location'], '/sign-in/two-factor');
  const early = await b.get('/admin');
  assert.equal(early.statusCode, 303, 'no access before the second factor');
  assert.equal(early.headers['location'], '/sign-in/two-factor');
  await b.get('/sign-in/two-factor');
  assert.equal((await b.post('/sign-in/two-factor', { code: '000000' })).statusCode, 400);
  const code = totp(DEMO_ADMIN_TOTP_SECRET, t.clock.now());
  await b.get('/sign-in/two-factor');
  assert.equal((await b.post('/sign-in/two-factor', { code })).statusCode, 303);
  assert.equal((await b.get('/admin')).statusCode, 200);

  const again = t.browser();
  await again.get('/sign-in');
  await again.post('/sign-in', { email: 'admin@demo.joinedup.invalid', password: 'demo-password-1' });
  await again.get('/sign-in/two-factor');
  assert.equal((await again.post('/sign-in/two-factor', { code })).statusCode, 400, 'the same code cannot be used twice');
});

test('a form without a CSRF token is refused with a 403 page and changes nothing', async () => {
  const b = await t.signIn('senco@demo.joinedup.invalid');
  await b.get('/account');
  const res = await b.post('/account/tokens', { name: 'x', days: '10', _csrf: '' });
  assert.equal(res.statusCode, 403);
  assert.match(cheerio.load(res.body)('h1').text(), /could not be sent/);
  const forged = await b.post('/account/tokens', { name: 'x', days: '10', _csrf: 'forged' });
  assert.equal(forged.statusCode, 403);
  const tokens = await t.database.db.selectFrom('api_token').select('id').execute();
  assert.equal(tokens.length, 0);
});

test('password reset through the outbox, then sign in with the new password; the old one fails', async () => {
  const b = t.browser();
  await b.get('/reset-password');
  const sent = await b.post('/reset-password', { email: 'health@demo.joinedup.invalid' });
  assert.equal(sent.statusCode, 200);
  await b.get('/reset-password');
  const unknown = await b.post('/reset-password', { email: 'nobody@demo.joinedup.invalid' });
  assert.equal(cheerio.load(unknown.body)('h1').text(), cheerio.load(sent.body)('h1').text(), 'same answer for an unknown address');
  await t.app.ctx.mailer.deliverQueued();
  const mail = readOutbox(t.app.ctx.mailer.outboxDir).find((m) => m.to === 'health@demo.joinedup.invalid');
  assert.ok(mail, 'a reset email was written to the outbox');
  const link = /\/reset-password\/\S+/.exec(mail.text)![0];
  assert.equal((await b.get(link)).statusCode, 200);
  const mismatch = await b.post(link, { password: 'a brand new password', confirm: 'another one entirely' });
  assert.equal(mismatch.statusCode, 400);
  assert.equal((await b.post(link, { password: 'a brand new password', confirm: 'a brand new password', _csrf: b.csrf() })).statusCode, 200);
  assert.equal((await b.get(link)).statusCode, 404, 'the link works once');
  await t.signIn('health@demo.joinedup.invalid', 'a brand new password');
  await assert.rejects(() => t.signIn('health@demo.joinedup.invalid'), /401/);
});

test('an administrator invites a person who accepts through the outbox and signs in', async () => {
  const admin = t.browser();
  await admin.get('/sign-in');
  await admin.post('/sign-in', { email: 'admin@demo.joinedup.invalid', password: 'demo-password-1' });
  t.clock.advance(60_000);
  await admin.get('/sign-in/two-factor');
  await admin.post('/sign-in/two-factor', { code: totp(DEMO_ADMIN_TOTP_SECRET, t.clock.now()) });
  const form = await admin.get('/admin/invite');
  const orgId = cheerio.load(form.body)('#organisationId option').filter((_, o) => /Riverside/.test(cheerio.load(o).text())).attr('value')!;
  const bad = await admin.post('/admin/invite', { name: '', email: 'not-an-email', organisationId: orgId, role: 'senco' });
  assert.equal(bad.statusCode, 400);
  assert.match(errorSummary(bad.body), /Enter their full name.*Enter an email address in the correct format/);
  const res = await admin.post('/admin/invite', { name: 'Nia New', email: 'Nia.New@Example.test', organisationId: orgId, role: 'senco', _csrf: admin.csrf() });
  assert.equal(res.statusCode, 303);
  await t.app.ctx.mailer.deliverQueued();
  const mail = readOutbox(t.app.ctx.mailer.outboxDir).find((m) => m.to === 'nia.new@example.test');
  assert.ok(mail);
  const link = /\/invitation\/\S+/.exec(mail.text)![0];
  const invitee = t.browser();
  assert.equal((await invitee.get(link)).statusCode, 200);
  assert.equal((await invitee.post(link, { password: 'nia chooses a password', confirm: 'nia chooses a password' })).statusCode, 200);
  const nia = await t.signIn('nia.new@example.test', 'nia chooses a password');
  assert.match((await nia.get('/home')).body, /Setting SENCO/);
  const events = (await t.database.db.selectFrom('audit_event').select('action').execute()).map((e) => e.action);
  for (const a of ['membership.added', 'user.invited', 'user.invitation-accepted']) assert.ok(events.includes(a), a);
});

test('changing the password revokes every session', async () => {
  const other = await t.signIn('socialcare@demo.joinedup.invalid');
  const b = await t.signIn('socialcare@demo.joinedup.invalid');
  await b.get('/account');
  const wrong = await b.post('/account/password', { current: 'nope', password: 'another good password', confirm: 'another good password' });
  assert.equal(wrong.statusCode, 400);
  const ok = await b.post('/account/password', { current: 'demo-password-1', password: 'another good password', confirm: 'another good password', _csrf: b.csrf() });
  assert.equal(ok.statusCode, 200);
  assert.equal((await other.get('/account')).statusCode, 303);
  assert.equal((await b.get('/account')).statusCode, 303);
});

test('roles decide what a person may open: 403 for the forbidden, 404 for other areas', async () => {
  const caseworker = await t.signIn('caseworker@demo.joinedup.invalid');
  const audit = await caseworker.get('/admin/audit');
  assert.equal(audit.statusCode, 403);
  assert.match(cheerio.load(audit.body)('h1').text(), /do not have permission/);
  assert.equal((await caseworker.get('/admin')).statusCode, 403);
});

test('after sign-in the person returns to the page they asked for, only ever on this site', async () => {
  const b = t.browser();
  const first = await b.get('/account');
  assert.equal(first.headers['location'], '/sign-in?returnTo=%2Faccount');
  await b.get('/sign-in?returnTo=%2Faccount');
  const res = await b.post('/sign-in', { email: 'analyst@demo.joinedup.invalid', password: 'demo-password-1', returnTo: '/account' });
  assert.equal(res.headers['location'], '/account');
  const { safeReturnTo } = await import('../../src/modules/people/routes.ts');
  const cases: [string | undefined, string | undefined][] = [
    ['/casework?overdue=1', '/casework?overdue=1'], ['//evil.example', undefined], ['https://evil.example', undefined],
    ['/\\evil.example', undefined], ['/sign-out', undefined], [undefined, undefined], ['', undefined],
  ];
  for (const [input, expected] of cases) assert.equal(safeReturnTo(input), expected, String(input));
});

test('the signed-out page is rendered for nobody', async () => {
  const b = await t.signIn('analyst@demo.joinedup.invalid');
  const res = await b.get('/sign-out');
  const $ = cheerio.load(res.body);
  assert.equal($('h1').text(), 'You have signed out');
  assert.equal($('.app-header-user').length, 0, 'no name or account links in the header');
});
