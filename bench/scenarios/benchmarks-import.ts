// Importing the whole DfE release shipped in reference/ (every year, England, regions and all LAs, and
// the statistical neighbours), in process on a fresh database of the backend being measured: the
// issue's target is ≤ 30 s. The same import runs on a new installation's first start.
import { PGlite } from '@electric-sql/pglite';
import { openDatabase, PGLITE_CONF, PGLITE_PARSERS, type Database } from '../../src/platform/db/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { importBenchmarkFolder } from '../../src/modules/performance/benchmarks/service.ts';
import { REFERENCE_DIR } from '../../src/modules/performance/benchmarks/first-start.ts';
import { benchSchemaName, dropSchema } from '../lib/postgres.ts';
import type { Scenario } from '../lib/types.ts';

export default {
  name: 'benchmarks import',
  order: 70,
  async run(ctx) {
    let database: Database;
    let cleanup = async () => {};
    if (ctx.backend === 'pglite') {
      database = await openDatabase({ pglite: await PGlite.create({ parsers: PGLITE_PARSERS, postgresqlconf: PGLITE_CONF }) });
    } else {
      const url = process.env['DATABASE_URL']!;
      const schema = benchSchemaName();
      database = await openDatabase({ databaseUrl: url, schema, poolSize: 2 });
      cleanup = () => dropSchema(url, schema);
    }
    try {
      await migrateToLatest(database.db);
      const started = performance.now();
      const r = await importBenchmarkFolder(database.db, REFERENCE_DIR, { actor: 'bench', sourceLabel: 'reference' });
      const ms = Math.round(performance.now() - started);
      const failed = r.ok ? undefined : `the shipped release was refused: ${r.errors.length} problems`;
      ctx.log(`imported ${r.ok ? `${r.values.toLocaleString('en-GB')} figures for ${r.las} councils` : 'nothing'} in ${ms} ms`);
      return [{ backend: ctx.backend, scenario: 'benchmarks import', figure: 'import the whole DfE release (reference/)', value: ms, unit: 'ms', target: { op: '<=', value: 30_000 }, ...(failed ? { failed } : {}) }];
    } finally {
      await database.close();
      await cleanup();
    }
  },
} satisfies Scenario;
