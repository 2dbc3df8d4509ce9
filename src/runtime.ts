// Wires a running Joined Up from its configuration: database (migrated), demo seed, jobs, app.
// Shared by the web server, the worker and the benchmark, so they start the same way.
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { startJobs, type Jobs } from './platform/jobs/jobs.ts';
import { QUEUES } from './platform/jobs/queues.ts';
import { buildApp } from './app.ts';
import { systemClock, type Clock } from './platform/time/clock.ts';
import { resolveSecret } from './platform/secret.ts';
import { seedDemo } from './platform/demo/seed.ts';
import { demoSeeders } from './modules/demo-seeders.ts';
import { runFirstStartLoaders } from './modules/first-start.ts';

export interface Runtime { config: Config; database: Database; jobs: Jobs; app: FastifyInstance; clock: Clock; close(): Promise<void> }

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
    jobs = await startJobs(database, QUEUES);
    const app = await buildApp({ config, database, clock, secret: resolveSecret(config.sessionSecret, config.dataDir), jobs, ...(opts.logStream ? { logStream: opts.logStream } : {}) });
    if (opts.runJobs ?? config.runJobs) await jobs.work(app.ctx.jobDefinitions);
    const j = jobs;
    let closed = false;
    return {
      config, database, jobs, app, clock,
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
