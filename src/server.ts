// `npm start`: configuration → database (migrated, demo seeded) → jobs → web server.
// SIGINT/SIGTERM drain requests, stop jobs, checkpoint the embedded database and close it.
import closeWithGrace from 'close-with-grace';
import { ConfigError, loadConfig } from './config.ts';
import { startRuntime } from './runtime.ts';
import { DataDirInUseError } from './platform/db/lock.ts';
import { demoAreaExists, demoSignInText } from './platform/demo/seed.ts';
import { createIdleTrimmer, SERVER_IDLE_TRIM } from './platform/memory/idle-trim.ts';
import { collectAndTrim } from './platform/memory/malloc-trim.ts';

const started = performance.now();
let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

let runtime;
try {
  runtime = await startRuntime(config);
} catch (err) {
  if (err instanceof DataDirInUseError) {
    console.error(err.message);
    process.exit(1);
  }
  console.error(`Joined Up could not start: ${(err as Error).message}`);
  process.exit(1);
}

const rt = runtime;
const trimmer = trimMemoryWhenIdle();
closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) rt.app.log.error({ err }, 'closing after an unexpected error');
  else rt.app.log.info({ signal }, 'shutting down');
  trimmer?.stop();
  await rt.close();
});

await rt.app.listen({ port: config.port, host: config.host });
const address = rt.app.server.address();
const port = typeof address === 'object' && address ? address.port : config.port;
const ms = Math.round(performance.now() - started);
const db = rt.database.backend === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL';
console.log(`\nJoined Up is running at http://localhost:${port} (${db}; ready in ${ms} ms)`);
if (!config.isProduction && (await demoAreaExists(rt.database.db))) console.log(`\n${demoSignInText()}\n`);

/** Gives freed memory back to the system when no request has come for a while (see src/platform/memory). */
function trimMemoryWhenIdle() {
  const release = collectAndTrim();
  if (!release) return undefined;
  const mb = (bytes: number) => Math.round(bytes / 1048576);
  const trimmer = createIdleTrimmer({
    ...SERVER_IDLE_TRIM,
    trim: () => {
      const before = process.memoryUsage.rss();
      const done = release();
      rt.app.log.debug({ rssBeforeMb: mb(before), rssAfterMb: mb(process.memoryUsage.rss()) }, 'idle: freed memory given back to the system');
      return done;
    },
    now: () => performance.now(),
    setTimer: (fn, ms) => {
      const t = setTimeout(fn, ms).unref();
      return { cancel: () => clearTimeout(t) };
    },
  });
  rt.app.server.on('request', (_req, res) => {
    trimmer.begin();
    res.once('close', () => trimmer.end());
  });
  return trimmer;
}
