// The in-memory session cache of the embedded database: an authenticated page costs no query, and every
// change that could alter a session (however it is made — a page, the CLI, plain SQL) is heard on commit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { sql } from 'kysely';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { SessionCache } from '../../src/platform/http/session-cache.ts';
import type { SessionState } from '../../src/platform/http/session.ts';

let t: TestApp;
let queries = 0;
before(async () => {
  t = await buildTestApp();
  const pg = t.database.pglite!;
  const transaction = pg.transaction.bind(pg);
  (pg as unknown as Record<string, unknown>)['transaction'] = (fn: (tx: { query: (...a: unknown[]) => unknown }) => unknown) => transaction((tx) => {
    const query = tx.query.bind(tx) as (...a: unknown[]) => unknown;
    (tx as unknown as Record<string, unknown>)['query'] = (...a: unknown[]) => { queries++; return query(...a); };
    return fn(tx as never) as never;
  });
  for (const m of ['query', 'exec'] as const) {
    const original = pg[m].bind(pg) as (...a: unknown[]) => unknown;
    (pg as unknown as Record<string, unknown>)[m] = (...a: unknown[]) => { queries++; return original(...a); };
  }
});
after(async () => { await t.close(); });

const userId = async (email: string) => (await t.database.db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

test('a page for a session seen within the minute makes no database query', async () => {
  const b = await t.signIn('caseworker@demo.joinedup.invalid');
  assert.equal((await b.get('/home')).statusCode, 200);
  queries = 0;
  const res = await b.get('/home');
  assert.equal(res.statusCode, 200);
  assert.match(cheerio.load(res.body)('h1').text(), /Casey Worker/);
  assert.equal(queries, 0);
});

test('after a minute the session is read again and last_seen_at written, so the idle timeout still holds', async () => {
  const b = await t.signIn('senco@demo.joinedup.invalid');
  await b.get('/account');
  t.clock.advance(61_000);
  queries = 0;
  assert.equal((await b.get('/account')).statusCode, 200);
  assert.ok(queries >= 2, `expected a read and a write, saw ${queries} queries`);
  t.clock.advance(31 * 60_000);
  assert.equal((await b.get('/account')).statusCode, 303, 'idle for 31 minutes: signed out');
});

test('changes made outside the pages reach the cache when they commit', async () => {
  const b = await t.signIn('ep@demo.joinedup.invalid');
  assert.equal((await b.get('/account')).statusCode, 200);
  const id = await userId('ep@demo.joinedup.invalid');

  // A membership removed by plain SQL: the person has no role left in the area, so no session.
  const memberships = await t.database.db.selectFrom('membership').selectAll().where('user_id', '=', id).execute();
  await t.database.db.deleteFrom('membership').where('user_id', '=', id).execute();
  assert.equal((await b.get('/account')).statusCode, 303);
  await t.database.db.insertInto('membership').values(memberships).execute();
  assert.equal((await b.get('/account')).statusCode, 200, 'the role restored: the same session works again');

  // The area renamed: the header shows the new name at once.
  const area = await t.database.db.selectFrom('area').select(['id', 'name']).where('code', '=', 'E99999999').executeTakeFirstOrThrow();
  await t.database.db.updateTable('area').set({ name: 'Renamed Borough' }).where('id', '=', area.id).execute();
  assert.match((await b.get('/account')).body, /Renamed Borough/);
  await t.database.db.updateTable('area').set({ name: area.name }).where('id', '=', area.id).execute();

  // The user disabled (as `npx joinedup users disable` does, without touching sessions).
  await t.database.db.updateTable('app_user').set({ status: 'disabled' }).where('id', '=', id).execute();
  assert.equal((await b.get('/account')).statusCode, 303);
  await t.database.db.updateTable('app_user').set({ status: 'active' }).where('id', '=', id).execute();
});

test('a change rolled back announces nothing and changes nothing', async () => {
  const b = await t.signIn('board@demo.joinedup.invalid');
  assert.equal((await b.get('/account')).statusCode, 200);
  const id = await userId('board@demo.joinedup.invalid');
  await t.database.db.transaction().execute(async (trx) => {
    await trx.updateTable('app_user').set({ status: 'disabled' }).where('id', '=', id).execute();
    await sql`rollback`.execute(trx).catch(() => undefined);
    throw new Error('roll back');
  }).catch(() => undefined);
  assert.equal((await b.get('/account')).statusCode, 200);
});

test('the cache refuses a load that began before a change it has since heard of', () => {
  const cache = new SessionCache();
  const state = { userId: 'u1' } as SessionState;
  const before = cache.generation;
  cache.changed('someone-else');
  cache.set('h1', { state, createdAtMs: 0, lastSeenAtMs: 0 }, before);
  assert.equal(cache.get('h1'), undefined);
  cache.set('h1', { state, createdAtMs: 0, lastSeenAtMs: 0 }, cache.generation);
  assert.equal(cache.get('h1')?.state, state);
  cache.changed('u2');
  assert.ok(cache.get('h1'), 'another user changed: kept');
  cache.changed('u1');
  assert.equal(cache.get('h1'), undefined, 'its user changed: dropped');
  cache.set('h1', { state, createdAtMs: 0, lastSeenAtMs: 0 }, cache.generation);
  cache.changed('*');
  assert.equal(cache.size, 0);
});
