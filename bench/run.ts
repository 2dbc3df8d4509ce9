// `npm run bench`: measures Joined Up as people will run it.
//  1. start-up to ready on an existing (migrated, seeded) embedded data folder in .bench/data;
//  2. every scenario in bench/scenarios/ (autocannon, one after the other) against that server;
//  3. the server's resident memory after the load (and, when more follows them, right after the
//     foundation scenarios of issue #3: sign-in page, authenticated page, API call): read at the last
//     response, and again three seconds later, once the quiet server has given freed memory back
//     (src/platform/memory/). The target is judged on the second.
// Then the same against PostgreSQL when DATABASE_URL is set (a throw-away schema bench_<random>).
// Prints a table and writes .bench/results.json. Exits 1 only when requests fail or a scenario breaks;
// a missed target is a finding, not an error.
//
// Settings (environment): BENCH_DURATION seconds per scenario (10), BENCH_CONNECTIONS (20),
// BENCH_WARMUP seconds before each (1), BENCH_STARTUPS timed starts (3, median reported),
// BENCH_ONLY comma-separated scenario names, BENCH_BACKENDS pglite,postgres, BENCH_FRESH=1 rebuilds
// the data folder, DATABASE_URL enables the PostgreSQL pass.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BENCH_DIR, ROOT, prepareDataDir, startServer, stopAll, type ServerHandle } from './lib/server.ts';
import { CASEWORKER, createTokenViaWeb, signIn } from './lib/http.ts';
import { LoadFailure, runLoad, type LoadSettings } from './lib/load.ts';
import { readMemory, type Memory } from './lib/rss.ts';
import { SERVER_IDLE_TRIM } from '../src/platform/memory/idle-trim.ts';
import { table, writeJson } from './lib/report.ts';
import { benchSchemaName, dropSchema } from './lib/postgres.ts';
import type { Backend, BenchContext, MeasureOptions, Row, Scenario } from './lib/types.ts';

const TARGETS = { startupMs: 3000, rssMb: 250 };

const num = (key: string, fallback: number) => {
  const v = process.env[key];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${key} must be a number, got "${v}"`);
  return n;
};
const load: LoadSettings = { durationSec: num('BENCH_DURATION', 10), connections: num('BENCH_CONNECTIONS', 20), warmupSec: num('BENCH_WARMUP', 1) };
const startups = Math.max(1, Math.round(num('BENCH_STARTUPS', 3)));
const only = (process.env['BENCH_ONLY'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const databaseUrl = process.env['DATABASE_URL'] || undefined;
const backends = ((process.env['BENCH_BACKENDS'] ?? 'pglite,postgres').split(',').map((s) => s.trim()) as Backend[])
  .filter((b) => b === 'pglite' || (b === 'postgres' && databaseUrl));

// How long after the last response memory is read for the target: the server collects garbage and trims
// the C heap once nothing has been in flight for SERVER_IDLE_TRIM.idleMs; a second more lets that finish.
const QUIET_S = SERVER_IDLE_TRIM.idleMs / 1000 + 1;

/** Resident memory at the last response and once the server has been quiet for QUIET_S seconds. */
async function memoryAfterRun(pid: number): Promise<{ atLastResponse: Memory; quiet: Memory } | undefined> {
  const atLastResponse = readMemory(pid);
  if (!atLastResponse) return undefined;
  await new Promise((r) => setTimeout(r, QUIET_S * 1000));
  const quiet = readMemory(pid);
  return quiet ? { atLastResponse, quiet } : undefined;
}

const rows: Row[] = [];
const failures: string[] = [];
const log = (m: string) => console.log(m);
const round = (v: number) => Math.round(v);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const fail = (message: string) => {
  failures.push(message);
  console.error(`\n!! FAILED: ${message}\n`);
};

/** API tokens made on the kept data folder, by email (the folder is rebuilt when the seed changes). */
class TokenCache {
  readonly file: string;
  constructor(file: string) { this.file = file; }
  private read(): Record<string, string> {
    try { return JSON.parse(fs.readFileSync(this.file, 'utf8')) as Record<string, string>; } catch { return {}; }
  }
  get(email: string): string | undefined { return this.read()[email]; }
  set(email: string, token: string): void { fs.writeFileSync(this.file, JSON.stringify({ ...this.read(), [email]: token }), { mode: 0o600 }); }
}

async function loadScenarios(): Promise<Scenario[]> {
  const dir = path.join(import.meta.dirname, 'scenarios');
  const found: { file: string; s: Scenario }[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.startsWith('_')).sort()) {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { default?: Scenario; scenario?: Scenario };
    const s = mod.default ?? mod.scenario;
    if (!s || typeof s.run !== 'function' || !s.name) throw new Error(`bench/scenarios/${file} exports no { name, run(ctx) }`);
    found.push({ file, s });
  }
  const chosen = found.filter(({ s }) => only.length === 0 || only.includes(s.name));
  if (only.length && chosen.length === 0) throw new Error(`BENCH_ONLY matched none of: ${found.map(({ s }) => s.name).join(', ')}`);
  return chosen.sort((a, b) => (a.s.order ?? 100) - (b.s.order ?? 100) || a.file.localeCompare(b.file)).map(({ s }) => s);
}

function contextFor(backend: Backend, server: ServerHandle, scenario: string, memo: Map<string, Promise<string>>, tokenCache: TokenCache | undefined): BenchContext {
  const once = (key: string, make: () => Promise<string>) => {
    if (!memo.has(key)) memo.set(key, make());
    return memo.get(key)!;
  };
  const ctx: BenchContext = {
    backend, baseUrl: server.baseUrl, pid: server.pid, connections: load.connections, durationSec: load.durationSec,
    session: (email = CASEWORKER) => once(`session:${email}`, async () => `jusid=${await signIn(server.baseUrl, email)}`),
    apiToken: (email = CASEWORKER) => once(`token:${email}`, async () => {
      // Tokens are listed on /account, so a new one each run would make that page grow from run to run:
      // on the kept embedded data folder the token is remembered and reused while it still works.
      const cached = tokenCache?.get(email);
      if (cached && (await fetch(`${server.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${cached}` } }).then(async (r) => (await r.arrayBuffer(), r.status))) === 200) return cached;
      const sid = (await ctx.session(email)).slice('jusid='.length);
      const token = await createTokenViaWeb(server.baseUrl, sid, 'benchmark', 30);
      tokenCache?.set(email, token);
      return token;
    }),
    load: (opts: MeasureOptions) => runLoad(server.baseUrl, opts, load),
    async measure(opts) {
      log(`  ${opts.figure}: ${load.connections} connections, ${load.durationSec} s…`);
      let f;
      let failed: string | undefined;
      try {
        f = await ctx.load(opts);
      } catch (err) {
        if (!(err instanceof LoadFailure)) throw err;
        fail(err.message);
        failed = err.message;
        f = err.figures;
        if (!f) return [{ backend, scenario, figure: opts.figure, value: NaN, unit: '', failed }];
      }
      log(`    ${f.rps} req/s, p50 ${f.p50} ms, p99 ${f.p99} ms (${f.requests} requests)`);
      const base = { backend, scenario, ...(failed ? { failed } : {}) };
      return [
        { ...base, figure: `${opts.figure} req/s`, value: f.rps, unit: 'req/s', ...(opts.rpsTarget ? { target: { op: '>=' as const, value: opts.rpsTarget } } : {}) },
        { ...base, figure: `${opts.figure} p50`, value: f.p50, unit: 'ms', ...(opts.p50TargetMs ? { target: { op: '<=' as const, value: opts.p50TargetMs } } : {}) },
        { ...base, figure: `${opts.figure} p99`, value: f.p99, unit: 'ms', ...(opts.p99TargetMs ? { target: { op: '<=' as const, value: opts.p99TargetMs } } : {}) },
      ];
    },
    log: (m) => log(`    ${m}`),
  };
  return ctx;
}

async function benchBackend(backend: Backend, scenarios: Scenario[]): Promise<void> {
  log(`\n== ${backend} ==`);
  let settings: Record<string, string>;
  let cleanup = async () => {};
  let tokenCache: TokenCache | undefined;
  if (backend === 'pglite') {
    const dataDir = path.join(BENCH_DIR, 'data');
    tokenCache = new TokenCache(path.join(dataDir, 'bench-api-tokens.json'));
    const prepMs = await prepareDataDir(dataDir, process.env['BENCH_FRESH'] === '1');
    log(prepMs ? `Created and seeded ${path.relative(ROOT, dataDir)} in ${round(prepMs)} ms` : `Using the existing ${path.relative(ROOT, dataDir)}`);
    settings = { DATA_DIR: dataDir };
  } else {
    const schema = benchSchemaName();
    const dataDir = path.join(BENCH_DIR, 'pg-files');
    settings = { DATA_DIR: dataDir, DATABASE_URL: databaseUrl!, DATABASE_SCHEMA: schema };
    cleanup = async () => {
      await dropSchema(databaseUrl!, schema);
      log(`Dropped schemas ${schema} and ${schema}_boss`);
    };
    const t = performance.now();
    try {
      await (await startServer(settings)).stop();
    } catch (err) {
      await cleanup().catch(() => undefined);
      throw err;
    }
    log(`Created, migrated and seeded schema ${schema} in ${round(performance.now() - t)} ms`);
  }

  try {
    const ready: number[] = [];
    const reported: number[] = [];
    const stops: number[] = [];
    let server!: ServerHandle;
    for (let i = 0; i < startups; i++) {
      server = await startServer(settings);
      ready.push(server.readyMs);
      if (server.reportedReadyMs !== undefined) reported.push(server.reportedReadyMs);
      if (i < startups - 1) stops.push(await server.stop());
    }
    log(`Start-up to ready: ${ready.map(round).join(', ')} ms (server's own "ready in": ${reported.join(', ')} ms)`);
    const what = startups > 1 ? ` (median of ${startups})` : '';
    rows.push({ backend, scenario: 'start-up', figure: `start-up to /healthz 200${what}`, value: round(median(ready)), unit: 'ms', target: { op: '<=', value: TARGETS.startupMs }, note: `all: ${ready.map(round).join(', ')} ms` });
    if (reported.length) rows.push({ backend, scenario: 'start-up', figure: `  of which in-process "ready in"${what}`, value: round(median(reported)), unit: 'ms' });
    if (stops.length) rows.push({ backend, scenario: 'start-up', figure: `shut-down on SIGTERM${startups > 2 ? ` (median of ${stops.length})` : ''}`, value: round(median(stops)), unit: 'ms' });

    const memo = new Map<string, Promise<string>>();
    const where = backend === 'postgres' ? ' (Node only; PostgreSQL not counted)' : '';
    const ours = scenarios.filter((s) => !s.backends || s.backends.includes(backend));
    const lastFoundation = ours.filter((s) => s.foundation).at(-1);
    for (const s of ours) {
      log(`Scenario: ${s.name}`);
      try {
        rows.push(...(await s.run(contextFor(backend, server, s.name, memo, tokenCache))));
      } catch (err) {
        fail(`${backend} / ${s.name}: ${(err as Error).stack ?? String(err)}`);
        rows.push({ backend, scenario: s.name, figure: s.name, value: NaN, unit: '', failed: (err as Error).message });
      }
      // Issue #3's figure: memory after its own run (sign-in page, authenticated page, API call), before
      // the heavier scenarios that follow. Shown only when something else runs after them.
      if (s === lastFoundation && s !== ours.at(-1)) {
        const m = await memoryAfterRun(server.pid);
        if (m) {
          log(`Memory after the foundation scenarios: RSS ${m.atLastResponse.rssMb} MB at the last response, ${m.quiet.rssMb} MB ${QUIET_S} s later`);
          rows.push({ backend, scenario: 'memory', figure: `resident memory after the foundation scenarios${where}`, value: m.quiet.rssMb, unit: 'MB', target: { op: '<=', value: TARGETS.rssMb }, note: `${m.atLastResponse.rssMb} MB at the last response` });
        }
      }
    }

    const mem = await memoryAfterRun(server.pid);
    if (mem) {
      log(`Memory after the load: RSS ${mem.atLastResponse.rssMb} MB at the last response, ${mem.quiet.rssMb} MB ${QUIET_S} s later, peak ${mem.quiet.peakRssMb} MB`);
      rows.push({ backend, scenario: 'memory', figure: `resident memory at the last response${where}`, value: mem.atLastResponse.rssMb, unit: 'MB' });
      rows.push({ backend, scenario: 'memory', figure: `resident memory after every scenario (${QUIET_S} s quiet)${where}`, value: mem.quiet.rssMb, unit: 'MB', target: { op: '<=', value: TARGETS.rssMb } });
      rows.push({ backend, scenario: 'memory', figure: 'peak resident memory', value: mem.quiet.peakRssMb, unit: 'MB' });
    }
    await server.stop();
  } finally {
    await stopAll();
    await cleanup();
  }
}

async function main(): Promise<number> {
  const t0 = performance.now();
  const scenarios = await loadScenarios();
  log(`Joined Up benchmark: ${scenarios.length} scenarios × ${backends.join(', ')}; ${load.connections} connections, ${load.durationSec} s each (+${load.warmupSec} s warm-up); ${os.cpus().length} CPUs, Node ${process.version}`);
  if (!databaseUrl) log('(DATABASE_URL is not set: PostgreSQL is skipped)');
  const loadBefore = os.loadavg()[0]!;
  if (loadBefore > os.cpus().length * 0.5) log(`Warning: the machine is busy (load average ${loadBefore.toFixed(1)} on ${os.cpus().length} CPUs); the figures will be pessimistic.`);
  for (const b of backends) {
    try {
      await benchBackend(b, scenarios);
    } catch (err) {
      fail(`${b}: ${(err as Error).stack ?? String(err)}`);
    }
  }
  log(`\n${table(rows)}\n`);
  log(`Load average: ${loadBefore.toFixed(1)} before, ${os.loadavg()[0]!.toFixed(1)} after (${os.cpus().length} CPUs)`);
  let commit: string | undefined;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch { /* not a git checkout */ }
  const file = path.join(BENCH_DIR, 'results.json');
  writeJson(file, {
    at: new Date().toISOString(), commit, loadAverage: { before: loadBefore, after: os.loadavg()[0] }, node: process.version, cpus: os.cpus().length, platform: `${os.platform()} ${os.release()}`,
    settings: { ...load, startups, backends, scenarios: scenarios.map((s) => s.name) }, targets: TARGETS,
  }, rows, failures);
  log(`Wrote ${path.relative(ROOT, file)} (${round((performance.now() - t0) / 1000)} s in all)`);
  if (failures.length) {
    console.error(`\n${failures.length} failure(s): the figures above are not trustworthy.`);
    for (const f of failures) console.error(`  - ${f.split('\n')[0]}`);
    return 1;
  }
  return 0;
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    console.error(`\n${sig}: stopping the server…`);
    void stopAll().finally(() => process.exit(130));
  });
}

process.exit(await main().catch(async (err: unknown) => {
  console.error(err);
  await stopAll();
  return 1;
}));
