// Wires a running Joined Up from its configuration: database (migrated), demo seed, jobs, app.
// Shared by the web server, the worker and the benchmark, so they start the same way.
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { createJobs, type Jobs } from './platform/jobs/jobs.ts';
import { QUEUES } from './platform/jobs/queues.ts';
import { buildApp } from './app.ts';
import { systemClock, type Clock } from './platform/time/clock.ts';
import { resolveSecret } from './platform/secret.ts';
import { seedDemo } from './platform/demo/seed.ts';
import { demoSeeders } from './modules/demo-seeders.ts';
import { runFirstStartLoaders } from './modules/first-start.ts';

export interface Runtime {
  config: Config; database: Database; jobs: Jobs; app: FastifyInstance; clock: Clock;
  /** Settles when the job queue has started (and, with runJobs, is working its queues). */
  jobsStarted: Promise<void>;
  close(): Promise<void>;
}

export async function openMigratedDatabase(config: Config): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, schema: config.databaseSchema, dataDir: config.dataDir });
  try {
    await migrateToLatest(database.db);
  } catch (err) {
    await database.close();
    throw err;
  }
  return database;
}

export async function startRuntime(config: Config, opts: { clock?: Clock; runJobs?: boolean; logStream?: NodeJS.WritableStream } = {}): Promise<Runtime> {
  const clock = opts.clock ?? systemClock;
  const database = await openMigratedDatabase(config);
  let jobs: Jobs | undefined;
  try {
    if (config.seedDemo) await seedDemo(database.db, clock.today(), demoSeeders);
    await runFirstStartLoaders(database, config);
    // The job queue starts while the app is built and goes on starting after it listens (see jobs.ts).
    jobs = createJobs(database, QUEUES);
    const app = await buildApp({ config, database, clock, secret: resolveSecret(config.sessionSecret, config.dataDir), jobs, ...(opts.logStream ? { logStream: opts.logStream } : {}) });
    const starting = (opts.runJobs ?? config.runJobs) ? jobs.work(app.ctx.jobDefinitions) : jobs.ready;
    starting.catch((err: unknown) => app.log.error({ err }, 'the job queue could not start'));
    const j = jobs;
    let closed = false;
    return {
      config, database, jobs, app, clock, jobsStarted: starting,
      async close() {
        if (closed) return;
        closed = true;
        await app.close(); // stops accepting, drains in-flight requests
        await j.stop();
        await database.close();
      },
    };
  } catch (err) {
    await jobs?.stop().catch(() => undefined);
    await database.close();
    throw err;
  }
}
