// The embedded database's Kysely dialect sends a transaction's queries to PGlite as one pipelined
// message (src/platform/db/pglite-dialect.ts). Values must come back exactly as from PGlite's own
// query(), errors must keep their codes and roll the transaction back, and affected rows must count.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { pgliteTestDatabase } from '../helpers/db.ts';
import type { Database } from '../../src/platform/db/database.ts';

let d: Database;
before(async () => {
  d = await pgliteTestDatabase();
  await sql`create table dialect_probe (id int primary key, t text, n numeric, b boolean, at timestamptz, day date, doc jsonb, big int8, u uuid)`.execute(d.db);
});
after(async () => { await d.close(); });

const row = {
  id: 1, t: 'Zoë – “quoted” \\ back', n: 12.5, b: true, at: new Date('2026-03-29T00:30:00.123Z'), day: '2026-03-29',
  doc: JSON.stringify({ a: [1, 'two', null], nested: { ok: true } }), big: 9007199254740991, u: '0b0ff5ae-4d97-4d15-a771-51f927b55c5d',
};

test('values written and read inside a transaction are the same as through PGlite query()', async () => {
  await d.db.transaction().execute(async (trx) => {
    await trx.insertInto('dialect_probe' as never).values(row as never).execute();
    await trx.insertInto('dialect_probe' as never).values({ id: 2, t: null, n: null, b: false, at: null, day: null, doc: null, big: null, u: null } as never).execute();
  });
  const inside = await d.db.transaction().execute((trx) => sql`select * from dialect_probe where id = any(${[1, 2]}) order by id`.execute(trx));
  const direct = await d.pglite!.query('select * from dialect_probe where id = any($1) order by id', [[1, 2]]);
  assert.deepEqual(inside.rows, direct.rows);
  const [one] = inside.rows as Record<string, unknown>[];
  assert.equal(one!['t'], row.t);
  assert.equal((one!['at'] as Date).toISOString(), row.at.toISOString());
  assert.equal(one!['day'], '2026-03-29');
  assert.deepEqual(one!['doc'], { a: [1, 'two', null], nested: { ok: true } });
  assert.equal(one!['big'], 9007199254740991);
  assert.equal(one!['n'], 12.5);
});

test('affected rows are counted, and parameters typed by the server from their context', async () => {
  const res = await d.db.transaction().execute((trx) => trx.updateTable('dialect_probe' as never).set({ b: true } as never).where('id' as never, 'in', [1, 2] as never).executeTakeFirst());
  assert.equal(Number(res.numUpdatedRows), 2);
  const got = await d.db.transaction().execute((trx) => sql<{ s: string; x: number }>`select ${'text'}::text || ${7} as s, ${3} + 4 as x`.execute(trx));
  assert.deepEqual(got.rows, [{ s: 'text7', x: 7 }]);
});

test('an error inside a transaction keeps its code, rolls everything back, and the next transaction works', async () => {
  await assert.rejects(
    d.db.transaction().execute(async (trx) => {
      await trx.insertInto('dialect_probe' as never).values({ id: 3, t: 'kept?' } as never).execute();
      await trx.insertInto('dialect_probe' as never).values({ id: 1, t: 'duplicate' } as never).execute();
    }),
    (err: { code?: string }) => err.code === '23505',
  );
  const after3 = await d.db.transaction().execute((trx) => sql`select count(*)::int as n from dialect_probe where id = 3`.execute(trx));
  assert.deepEqual(after3.rows, [{ n: 0 }]);
  await assert.rejects(d.db.transaction().execute((trx) => sql`select * from no_such_table`.execute(trx)), (err: { code?: string }) => err.code === '42P01');
  const ok = await d.db.transaction().execute((trx) => sql`select 1 as one`.execute(trx));
  assert.deepEqual(ok.rows, [{ one: 1 }]);
});
