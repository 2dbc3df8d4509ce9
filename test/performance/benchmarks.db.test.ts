// First-start loading of the shipped benchmarks and the API over them, on PGlite and (with
// DATABASE_URL) PostgreSQL: the same figures from both backends, within the 30 s import target.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from '../helpers/db.ts';
import { buildTestApp } from '../helpers/app.ts';
import { loadShippedBenchmarks } from '../../src/modules/performance/benchmarks/first-start.ts';

for (const backend of backends()) {
  test(`${backend.name}: first start loads reference/ once, then the API answers from the database`, async () => {
    const database = await backend.open('benchmarks');
    try {
      const lines: string[] = [];
      const first = await loadShippedBenchmarks(database, { log: (l) => lines.push(l) });
      assert.equal(first.loaded, true, lines.join('\n'));
      assert.ok(first.ms < 30_000, `the import took ${Math.round(first.ms)} ms (target 30 s)`);
      assert.match(lines.join('\n'), /Benchmarks: loaded 19,7\d\d published figures for 153 councils/);
      const again = await loadShippedBenchmarks(database);
      assert.deepEqual([again.loaded, again.reason], [false, 'already loaded']);
      const imports = await database.db.selectFrom('benchmark_import').select(['status', 'actor', 'source']).execute();
      assert.deepEqual(imports, [{ status: 'succeeded', actor: 'system:first-start', source: 'reference (shipped with Joined Up)' }]);

      const t = await buildTestApp({ database });
      try {
        const res = await t.app.inject({ method: 'GET', url: '/api/v1/benchmarks?measure=plans-issued-within-20-weeks-excl-exceptions-pc&la=E06000006&year=2024' });
        assert.equal(res.statusCode, 200, res.body);
        const b = JSON.parse(res.body) as Record<string, unknown>;
        assert.deepEqual(b['la'], { code: 'E06000006', name: 'Halton', value: 56.5 });
        assert.deepEqual(b['england'], { value: 46.4 });
        assert.deepEqual(b['region'], { code: 'E12000002', name: 'North West', value: 50.5 });
        assert.equal((b['statisticalNeighbours'] as { mean: number }).mean, 56.4);
        assert.deepEqual([b['rank'], b['of'], b['quartile']], [68, 151, 2]);
        // A count measure and a lower-is-better measure come back as numbers too.
        const appeal = JSON.parse((await t.app.inject({ method: 'GET', url: '/api/v1/benchmarks?measure=send-tribunal-appeal-rate-pc&la=E06000006&year=2024' })).body) as Record<string, { value: number | null }>;
        assert.deepEqual([appeal['la']!.value, appeal['england']!.value, appeal['region']!.value], [1.7, 3.2, null]);
      } finally {
        await t.close();
      }
    } finally {
      await database.close();
    }
  });
}
