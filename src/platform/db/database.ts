// Opens the database: PostgreSQL when DATABASE_URL is set, otherwise the embedded PGlite in DATA_DIR.
// Both speak one dialect (PostgreSQL 15 subset) and return identical row shapes: dates as
// 'YYYY-MM-DD' strings (never JS Dates, which shift a day under BST on node-postgres), int8 and
// numeric as numbers.
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import fs from 'node:fs';
import path from 'node:path';
import type { DB } from '../../db-types.ts';
import { acquireDataDirLock, type DataDirLock } from './lock.ts';
import { PipelinedPGliteDialect } from './pglite-dialect.ts';

export type Backend = 'pglite' | 'postgres';
export type Executor = Kysely<DB> | Transaction<DB>;

export interface Database {
  db: Kysely<DB>;
  backend: Backend;
  schema: string;
  /** The PGlite instance (embedded only), for pg-boss and backups. */
  pglite: PGlite | undefined;
  /** The connection string (PostgreSQL only), for pg-boss. */
  connectionString: string | undefined;
  close(): Promise<void>;
}

const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const identity = (v: string) => v;
const toNumber = (v: string) => Number(v);

export const PGLITE_PARSERS = { [DATE_OID]: identity, [INT8_OID]: toNumber, [NUMERIC_OID]: toNumber };

/**
 * Embedded PostgreSQL settings. Shared buffers live in PGlite's WebAssembly memory, which never shrinks,
 * and every buffer used once stays resident: 16 MB instead of 32 MB took 18 MB off every server, 8 MB
 * instead of 16 MB another 10 MB or so, with the same throughput on the authenticated pages and the
 * 20,000-child work tray. Pages beyond it are read from the operating system's file cache, which keeps
 * the data folder's hot pages anyway.
 */
export const PGLITE_CONF = ['shared_buffers = 8MB', 'work_mem = 8MB', 'maintenance_work_mem = 32MB'];

function pgTypes(): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
      if (oid === DATE_OID) return identity;
      if (oid === INT8_OID || oid === NUMERIC_OID) return toNumber;
      return pg.types.getTypeParser(oid, format);
    }) as pg.CustomTypesConfig['getTypeParser'],
  };
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  schema?: string;
  dataDir?: string;
  /** An already-created PGlite (tests clone a migrated template into memory). */
  pglite?: PGlite;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const schema = opts.schema ?? 'public';
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, schema, opts.poolSize ?? 10);
  if (opts.pglite) return wrapPglite(opts.pglite, undefined);
  if (!opts.dataDir) throw new Error('openDatabase needs DATABASE_URL, a dataDir or a PGlite instance');
  const pgDir = path.join(opts.dataDir, 'pgdata');
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const lock = acquireDataDirLock(opts.dataDir);
  try {
    const pglite = await PGlite.create(pgDir, { parsers: PGLITE_PARSERS, postgresqlconf: PGLITE_CONF });
    return wrapPglite(pglite, lock);
  } catch (err) {
    lock.release();
    throw err;
  }
}

function wrapPglite(pglite: PGlite, lock: DataDirLock | undefined): Database {
  const db = new Kysely<DB>({ dialect: new PipelinedPGliteDialect(pglite) });
  let closed = false;
  return {
    db, backend: 'pglite', schema: 'public', pglite, connectionString: undefined,
    async close() {
      if (closed) return;
      closed = true;
      try {
        // A checkpoint before closing leaves the data folder consistent if the process is then killed.
        if (!pglite.closed) await pglite.exec('CHECKPOINT');
      } finally {
        await db.destroy();
        // Kysely does not close an instance it was handed; close it so the data folder is released.
        if (!pglite.closed) await pglite.close();
        lock?.release();
      }
    },
  };
}

async function openPostgres(connectionString: string, schema: string, max: number): Promise<Database> {
  // Make sure the schema exists before the pool pins search_path to it.
  const bootstrap = new pg.Client({ connectionString });
  await bootstrap.connect();
  try {
    await bootstrap.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
  } finally {
    await bootstrap.end();
  }
  const pool = new pg.Pool({
    connectionString, max, types: pgTypes(),
    options: `-c search_path=${schema} -c TimeZone=UTC`,
  });
  pool.on('error', () => { /* a dropped idle client is replaced on next use; the query that needs it reports */ });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    db, backend: 'postgres', schema, pglite: undefined, connectionString,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a safe SQL identifier: ${name}`);
  return `"${name}"`;
}

/** The role area-scoped work runs as. It is not a superuser and not the table owner, so row-level security applies. */
export const APP_ROLE = 'joinedup_app';

/**
 * Runs `fn` in a transaction that can see only one area's rows. Row-level security policies on every
 * area table compare `area_id` with the per-transaction setting `app.area_id`, so a query that
 * forgets its `where area_id = …` still cannot read or write another area.
 */
export async function withArea<T>(db: Kysely<DB>, areaId: string, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    // One round trip: set_config('role', …, true) is SET LOCAL ROLE.
    await sql`select set_config('app.area_id', ${areaId}, true), set_config('role', ${APP_ROLE}, true)`.execute(trx);
    return fn(trx);
  });
}

/** A transaction with full access, for system work: sign-in, migrations, seeding, the CLI, jobs that span areas. */
export async function asSystem<T>(db: Kysely<DB>, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}

export async function pingDatabase(db: Kysely<DB>): Promise<void> {
  await sql`select 1`.execute(db);
}
