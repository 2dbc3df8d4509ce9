// Background jobs on pg-boss, in the same database as everything else (PGlite or PostgreSQL).
// Jobs are enqueued inside the transaction of the change that causes them (`enqueue(trx, …)`), so a
// rolled-back change never sends its email.
import { PgBoss, fromKysely, fromPglite } from 'pg-boss';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db-types.ts';
import { APP_ROLE, type Database } from '../db/database.ts';

export type JobHandler = (data: Record<string, unknown>) => Promise<void>;
export interface JobDefinition {
  name: string;
  handler: JobHandler;
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** Optional cron schedule (Europe/London). */
  cron?: string;
  /** Also run once shortly after the worker starts (for idempotent catch-up jobs, e.g. backfills). */
  runOnStart?: boolean;
}

export interface Jobs {
  /** Settles when the queue has started (its schema migrated, queues created); rejects if it could not. */
  ready: Promise<void>;
  enqueue(trx: Transaction<DB>, name: string, data: Record<string, unknown>): Promise<void>;
  /** Starts working the registered queues (the web server or `joinedup worker`). */
  work(definitions: JobDefinition[]): Promise<void>;
  stop(): Promise<void>;
  boss: PgBoss;
}

/** Starts the job queue and waits until it is ready (tests, the CLI, the worker). */
export async function startJobs(database: Database, queues: { name: string; retryLimit?: number; retryDelaySeconds?: number }[]): Promise<Jobs> {
  const jobs = createJobs(database, queues);
  await jobs.ready;
  return jobs;
}

/**
 * Starts the job queue in the background: pg-boss's start (schema check, maintenance, the first cron
 * pass) takes a second or more, and the web server need not wait for it to answer pages. Until `ready`
 * settles, `enqueue` refuses rather than wait: on the embedded database a request's transaction holds
 * the only connection the queue needs to start, so waiting inside one would never end. The web server
 * holds back unsafe requests until `ready` (see app.ts), so no transaction ever meets that refusal.
 */
export function createJobs(database: Database, queues: { name: string; retryLimit?: number; retryDelaySeconds?: number }[]): Jobs {
  const bossSchema = database.backend === 'postgres' && database.schema !== 'public' ? `${database.schema}_boss` : 'pgboss';
  const boss = database.pglite
    ? new PgBoss({ db: fromPglite(database.pglite), backend: 'pglite', schema: bossSchema })
    : new PgBoss({ connectionString: database.connectionString!, schema: bossSchema, max: 4 });
  boss.on('error', (err: Error) => { process.emitWarning(`job queue: ${err.message}`); });
  let started = false;
  const ready = (async () => {
    await boss.start();
    // Area-scoped transactions run as the app role and enqueue through it, so it may use the queue.
    await database.db.executeQuery(sql.raw(`
      do $$ begin
        execute 'grant usage on schema ${bossSchema} to ${APP_ROLE}';
        execute 'grant select, insert, update, delete on all tables in schema ${bossSchema} to ${APP_ROLE}';
        execute 'grant usage, select on all sequences in schema ${bossSchema} to ${APP_ROLE}';
        execute 'grant execute on all functions in schema ${bossSchema} to ${APP_ROLE}';
        execute 'alter default privileges in schema ${bossSchema} grant select, insert, update, delete on tables to ${APP_ROLE}';
      end $$`).compile(database.db));
    for (const q of queues) {
      await boss.createQueue(q.name, { retryLimit: q.retryLimit ?? 5, retryDelay: q.retryDelaySeconds ?? 30, retryBackoff: true });
    }
    started = true;
  })();
  ready.catch(() => { /* reported to whoever awaits ready */ });
  let working = false;
  return {
    boss, ready,
    async enqueue(trx, name, data) {
      if (!started) throw new Error('The job queue is still starting; try again in a moment');
      await boss.send(name, data, { db: fromKysely(trx) });
    },
    async work(definitions) {
      await ready;
      if (working) return;
      working = true;
      for (const def of definitions) {
        if (!queues.some((q) => q.name === def.name)) await boss.createQueue(def.name, { retryLimit: def.retryLimit ?? 5, retryDelay: def.retryDelaySeconds ?? 30, retryBackoff: true });
        await boss.work(def.name, { batchSize: 1 }, async (jobs) => {
          for (const job of jobs) await def.handler(job.data as Record<string, unknown>);
        });
        if (def.cron) await boss.schedule(def.name, def.cron, {}, { tz: 'Europe/London' });
        // A minute later, so catch-up work does not compete with start-up and the first requests.
        if (def.runOnStart) await boss.send(def.name, {}, { startAfter: 60 });
      }
    },
    async stop() {
      await ready.catch(() => undefined); // a start still under way finishes before the queue stops
      await boss.stop({ graceful: true, timeout: 5000 });
    },
  };
}
