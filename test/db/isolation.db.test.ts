// Area isolation is enforced by the database itself, on both backends: a query that forgets its
// `where area_id = …` still sees only its own area, and cannot write into another.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { backends } from '../helpers/db.ts';
import { withArea, asSystem } from '../../src/platform/db/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { audit } from '../../src/platform/audit/audit.ts';

for (const backend of backends()) {
  test(`${backend.name}: area isolation, append-only audit, row shapes and migrations`, async (t) => {
    const database = await backend.open('isolation');
    t.after(() => database.close());
    const db = database.db;
    const a = await db.insertInto('area').values({ code: 'E99999991', name: 'Area A' }).returning('id').executeTakeFirstOrThrow();
    const b = await db.insertInto('area').values({ code: 'E99999992', name: 'Area B' }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('organisation').values([
      { area_id: a.id, kind: 'la-team', name: 'Team A' }, { area_id: b.id, kind: 'la-team', name: 'Team B' },
    ]).execute();

    await t.test('a query with no area filter sees only its own area', async () => {
      const seen = await withArea(db, a.id, (trx) => trx.selectFrom('organisation').select('name').execute());
      assert.deepEqual(seen.map((r) => r.name), ['Team A']);
      const areas = await withArea(db, b.id, (trx) => trx.selectFrom('area').select('code').execute());
      assert.deepEqual(areas.map((r) => r.code), ['E99999992']);
      const byId = await withArea(db, a.id, (trx) => trx.selectFrom('area').select('code').where('id', '=', b.id).execute());
      assert.deepEqual(byId, [], 'looking another area up by id finds nothing');
    });

    await t.test('writing into another area is refused and nothing is saved', async () => {
      await assert.rejects(
        withArea(db, a.id, async (trx) => {
          await trx.insertInto('organisation').values({ area_id: a.id, kind: 'school', name: 'Fine' }).execute();
          await trx.insertInto('organisation').values({ area_id: b.id, kind: 'school', name: 'Sneaky' }).execute();
        }),
        /row-level security/,
      );
      const names = (await db.selectFrom('organisation').select('name').execute()).map((r) => r.name).sort();
      assert.deepEqual(names, ['Team A', 'Team B'], 'the whole transaction rolled back');
      const moved = await withArea(db, a.id, (trx) => trx.updateTable('organisation').set({ name: 'Stolen' }).where('name', '=', 'Team B').executeTakeFirst());
      assert.equal(Number(moved.numUpdatedRows), 0, 'cannot update another area\'s row');
    });

    await t.test('without an area setting the app role sees nothing', async () => {
      const rows = await db.transaction().execute(async (trx) => {
        await sql.raw('SET LOCAL ROLE joinedup_app').execute(trx);
        return trx.selectFrom('organisation').select('name').execute();
      });
      assert.deepEqual(rows, []);
    });

    await t.test('the audit log refuses update and delete, even for the owner', async () => {
      await asSystem(db, (trx) => audit(trx, { actorLabel: 'test', areaId: a.id }, { action: 'test.event', detail: { n: 1 } }));
      await assert.rejects(db.updateTable('audit_event').set({ action: 'changed' }).execute(), /append-only/);
      await assert.rejects(db.deleteFrom('audit_event').execute(), /append-only/);
      await assert.rejects(sql`truncate audit_event`.execute(db), /append-only/);
      const rows = await db.selectFrom('audit_event').select(['action', 'detail']).execute();
      assert.deepEqual(rows, [{ action: 'test.event', detail: { n: 1 } }]);
      const fromOtherArea = await withArea(db, b.id, (trx) => trx.selectFrom('audit_event').select('id').execute());
      assert.equal(fromOtherArea.length, 0);
    });

    await t.test('dates come back as YYYY-MM-DD strings and counts as numbers, identically', async () => {
      const { rows } = await sql<{ d: string; n: number; big: number; num: number }>`select '2026-07-01'::date as d, count(*) as n, 9007199254740::bigint as big, 12.5::numeric as num from area`.execute(db);
      assert.deepEqual(rows[0], { d: '2026-07-01', n: 2, big: 9007199254740, num: 12.5 });
    });

    await t.test('migrations are forward-only and idempotent', async () => {
      assert.deepEqual(await migrateToLatest(db), [], 'nothing left to apply');
    });
  });
}
