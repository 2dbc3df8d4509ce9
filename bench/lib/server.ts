// Starting and stopping the server as `npm start` does (`[settings] node [its options] src/server.ts`) as a child
// process, timing spawn → /healthz 200.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const BENCH_DIR = path.join(ROOT, '.bench');

export interface ServerHandle {
  pid: number;
  port: number;
  baseUrl: string;
  /** Spawn → first /healthz 200, in ms. */
  readyMs: number;
  /** The "ready in N ms" the server prints (in-process, excludes Node's own start). */
  reportedReadyMs: number | undefined;
  output(): string;
  /** SIGTERM, wait for exit; returns how long it took in ms. */
  stop(): Promise<number>;
}

const live = new Set<ServerHandle>();

/** Stops every server this process started (used on Ctrl-C and on errors). */
export async function stopAll(): Promise<void> {
  await Promise.allSettled([...live].map((s) => s.stop()));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

// Settings the benchmark decides; anything inherited would make runs differ.
const CONTROLLED = ['DATA_DIR', 'PORT', 'HOST', 'PUBLIC_URL', 'LOG_LEVEL', 'NODE_ENV', 'RUN_JOBS', 'DATABASE_URL', 'DATABASE_SCHEMA', 'SEED_DEMO', 'SESSION_SECRET', 'TRUST_PROXY', 'SMTP_URL'];

export function serverEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of CONTROLLED) delete env[k];
  // NODE_ENV=development (what `npm start` gives) re-reads and recompiles templates on every render;
  // BENCH_NODE_ENV=test measures with the template cache that production has.
  return { ...env, LOG_LEVEL: 'warn', NODE_ENV: process.env['BENCH_NODE_ENV'] || 'development', RUN_JOBS: 'true', HOST: '127.0.0.1', ...settings };
}

/**
 * How `npm start` runs the server: package.json's start script, `[NAME=value …] node [--options]
 * src/server.ts` (e.g. the C library's allocator settings and the garbage collector's), so the
 * benchmark measures the server as it is started.
 */
export function startScript(script = readStartScript()): { env: Record<string, string>; flags: string[] } {
  const words = script.trim().split(/\s+/);
  const env: Record<string, string> = {};
  while (words[0] && /^[A-Z_][A-Z0-9_]*=/.test(words[0])) {
    const word = words.shift()!;
    const eq = word.indexOf('=');
    env[word.slice(0, eq)] = word.slice(eq + 1);
  }
  if (words[0] !== 'node' || words.at(-1) !== 'src/server.ts' || !words.slice(1, -1).every((w) => w.startsWith('--'))) {
    throw new Error(`package.json's start script is not "[NAME=value …] node [--options] src/server.ts": ${script}`);
  }
  return { env, flags: words.slice(1, -1) };
}

function readStartScript(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  return pkg.scripts['start']!;
}

export async function startServer(settings: Record<string, string>, timeoutMs = 120_000): Promise<ServerHandle> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const start = startScript();
  const child: ChildProcess = spawn(process.execPath, [...start.flags, 'src/server.ts'], {
    cwd: ROOT, env: serverEnv({ ...start.env, ...settings, PORT: String(port), PUBLIC_URL: baseUrl }), stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (b: Buffer) => { out = (out + b.toString()).slice(-20_000); };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) => child.once('exit', (code, signal) => { exited = code ?? (signal ? 128 : 1); resolve(); }));

  let readyMs: number | undefined;
  while (readyMs === undefined) {
    if (exited !== undefined) throw new Error(`The server exited (code ${exited}) before it was ready:\n${out}`);
    if (performance.now() - started > timeoutMs) {
      child.kill('SIGTERM');
      throw new Error(`The server was not ready after ${timeoutMs} ms:\n${out}`);
    }
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) readyMs = performance.now() - started;
    } catch { /* not listening yet */ }
    if (readyMs === undefined) await new Promise((r) => setTimeout(r, 20));
  }

  let stopping: Promise<number> | undefined;
  const handle: ServerHandle = {
    pid: child.pid!, port, baseUrl, readyMs,
    get reportedReadyMs() {
      const m = /ready in (\d+) ms/.exec(out);
      return m ? Number(m[1]) : undefined;
    },
    output: () => out,
    stop() {
      stopping ??= (async () => {
        const t = performance.now();
        if (exited === undefined) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
          await exit;
          clearTimeout(timer);
        }
        live.delete(handle);
        return performance.now() - t;
      })();
      return stopping;
    },
  };
  live.add(handle);
  return handle;
}

/**
 * A fingerprint of what decides the contents of a freshly seeded data folder (migrations, demo seeders,
 * first-start loaders). When it changes, the benchmark's data folder is rebuilt.
 */
export function seedFingerprint(): string {
  const h = createHash('sha256');
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/(migrations\/|migrate\.ts$|seed|demo|first-start)/.test(path.relative(ROOT, p)) && !/\.test\.ts$/.test(p)) {
        h.update(path.relative(ROOT, p)).update('\0').update(fs.readFileSync(p)).update('\0');
      }
    }
  };
  walk(path.join(ROOT, 'src'));
  return h.digest('hex').slice(0, 16);
}

/**
 * Makes sure `dataDir` holds a migrated, seeded embedded database matching the current code: if it is
 * absent (or was seeded by other code), the server is started once to create it, then stopped.
 * Returns how long the preparation took in ms, or 0 when the folder was ready.
 */
export async function prepareDataDir(dataDir: string, fresh: boolean): Promise<number> {
  const stampFile = path.join(dataDir, 'bench-seed-stamp');
  const stamp = seedFingerprint();
  const current = fs.existsSync(path.join(dataDir, 'pgdata')) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp;
  if (current && !fresh) return 0;
  fs.rmSync(dataDir, { recursive: true, force: true });
  const t = performance.now();
  const s = await startServer({ DATA_DIR: dataDir });
  await s.stop();
  fs.writeFileSync(stampFile, stamp);
  return performance.now() - t;
}
