// Test databases. Every test file gets its own: PGlite cloned from a migrated template (built once per
// migration set and cached on disk, ~0.3 s to clone instead of ~3 s to create and migrate), and, when
// DATABASE_URL is set, a PostgreSQL schema of its own that is dropped afterwards.
import { PGlite } from '@electric-sql/pglite';
import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, PGLITE_CONF, PGLITE_PARSERS, quoteIdent, type Database } from '../../src/platform/db/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { ROOT_DIR } from '../../src/platform/views/nunjucks.ts';

function migrationFingerprint(): string {
  const h = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (p.includes(`${path.sep}migrations${path.sep}`) || p.endsWith('migrate.ts') || p.endsWith('rls.ts')) h.update(p).update(fs.readFileSync(p));
    }
  };
  walk(path.join(ROOT_DIR, 'src'));
  h.update(JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')).version);
  return h.digest('hex').slice(0, 16);
}

async function templateBytes(): Promise<Buffer> {
  const dir = path.join(ROOT_DIR, 'node_modules/.cache/joinedup');
  const file = path.join(dir, `pglite-template-${migrationFingerprint()}.tgz`);
  if (fs.existsSync(file)) return fs.readFileSync(file);
  const pglite = await PGlite.create({ parsers: PGLITE_PARSERS });
  const database = await openDatabase({ pglite });
  await migrateToLatest(database.db);
  const blob = await pglite.dumpDataDir('gzip');
  await database.close();
  const bytes = Buffer.from(await blob.arrayBuffer());
  fs.mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, file); // atomic: parallel test files never read half a template
  return bytes;
}

/** A migrated embedded database in memory, private to the caller. */
export async function pgliteTestDatabase(): Promise<Database> {
  const bytes = await templateBytes();
  const pglite = await PGlite.create({ loadDataDir: new Blob([new Uint8Array(bytes)]), parsers: PGLITE_PARSERS, postgresqlconf: PGLITE_CONF });
  return openDatabase({ pglite });
}

/**
 * Kysely's migrator reads the columns of every table in the database (to see whether its own table
 * exists), and on a server shared by test files running at once another file's schema can be dropped
 * in the middle of that read: PostgreSQL then answers "schema … does not exist" (3F000) about a schema
 * that is not ours. Nothing has been migrated at that point (migrations run in a transaction after
 * it), so trying again is safe. Production databases have one schema and never meet this.
 */
async function migrateRetryingSchemaRace(database: Database): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await migrateToLatest(database.db);
      return;
    } catch (err) {
      const foreign = (err as { code?: string }).code === '3F000' && !(err as Error).message.includes(database.schema);
      if (!foreign || attempt >= 5) throw err;
    }
  }
}

/** A migrated PostgreSQL schema private to the caller; dropped (with its job-queue schema) on close. */
export async function postgresTestDatabase(url: string, label = 'test'): Promise<Database> {
  const schema = `t_${label.replace(/[^a-z0-9]/gi, '').toLowerCase().slice(0, 20)}_${randomBytes(4).toString('hex')}`;
  const database = await openDatabase({ databaseUrl: url, schema, poolSize: 5 });
  await migrateRetryingSchemaRace(database);
  const close = database.close.bind(database);
  return {
    ...database,
    async close() {
      await close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
        await c.query(`DROP SCHEMA IF EXISTS ${quoteIdent(`${schema}_boss`)} CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}

export interface Backend { name: 'pglite' | 'postgres'; open(label?: string): Promise<Database> }

/** The backends a database test runs on: PGlite always, PostgreSQL too when DATABASE_URL is set. */
export function backends(): Backend[] {
  const list: Backend[] = [{ name: 'pglite', open: () => pgliteTestDatabase() }];
  const url = process.env['DATABASE_URL'];
  if (url) list.push({ name: 'postgres', open: (label) => postgresTestDatabase(url, label) });
  return list;
}
