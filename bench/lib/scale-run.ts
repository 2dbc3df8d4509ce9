// Shared by the at-scale scenarios (casework-scale.ts, kpi-scale.ts): seeding a data set with
// bench/lib/scale.ts in a child process, the embedded data folder kept between runs while the seed is
// unchanged, a throw-away schema on PostgreSQL, and timing pages one request at a time.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BENCH_DIR, ROOT, seedFingerprint, serverEnv } from './server.ts';
import { benchSchemaName, dropSchema } from './postgres.ts';
import type { BenchContext } from './types.ts';

export const SCALE_SCRIPT = path.join(ROOT, 'bench/lib/scale.ts');
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
export const r1 = (n: number) => Math.round(n * 10) / 10;

export type DataSet = 'casework' | 'kpi';

export function runScaleScript(args: string[], settings: Record<string, string>): string {
  return execFileSync(process.execPath, [SCALE_SCRIPT, ...args], { cwd: ROOT, env: serverEnv(settings), encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 1024 * 1024 }).trim().split('\n').pop()!;
}

export interface Seeded { settings: Record<string, string>; cleanup: () => Promise<void>; seed: Record<string, number> | undefined }

/**
 * The data set on the backend being measured. Embedded: a folder in .bench/<dir>, kept between runs
 * while the seed (code and parameters) is unchanged, its seed figures in a file beside it. PostgreSQL:
 * a throw-away schema, seeded every run and dropped by `cleanup`.
 */
export function scaleData(ctx: BenchContext, set: DataSet, dir: string, what: string): Seeded {
  if (ctx.backend === 'pglite') {
    const dataDir = path.join(BENCH_DIR, dir);
    const stampFile = path.join(dataDir, 'bench-seed-stamp');
    const seedFile = path.join(dataDir, 'bench-seed.json');
    const stamp = createHash('sha256').update(seedFingerprint()).update(fs.readFileSync(SCALE_SCRIPT)).update(set).digest('hex').slice(0, 16);
    const settings = { DATA_DIR: dataDir };
    if (!(fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp)) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      ctx.log(`seeding ${what} (kept in .bench/${dir} for later runs)…`);
      const out = runScaleScript(['seed', set], settings);
      ctx.log(`seeded: ${out}`);
      fs.writeFileSync(seedFile, out);
      fs.writeFileSync(stampFile, stamp);
    }
    let seed: Record<string, number> | undefined;
    try { seed = JSON.parse(fs.readFileSync(seedFile, 'utf8')) as Record<string, number>; } catch { seed = undefined; }
    return { settings, cleanup: async () => {}, seed };
  }
  const url = process.env['DATABASE_URL']!;
  const schema = benchSchemaName();
  const settings = { DATA_DIR: path.join(BENCH_DIR, 'pg-files'), DATABASE_URL: url, DATABASE_SCHEMA: schema };
  ctx.log(`seeding ${what} in schema ${schema}…`);
  const out = runScaleScript(['seed', set], settings);
  ctx.log(`seeded: ${out}`);
  return { settings, cleanup: () => dropSchema(url, schema), seed: JSON.parse(out) as Record<string, number> };
}

/** Each path in turn, `rounds` times, one request at a time: the latency a person sees. */
export async function sequential(baseUrl: string, paths: string[], cookie: string, rounds: number): Promise<{ p50: number; p95: number; bad: number; n: number }> {
  const times: number[] = [];
  let bad = 0;
  for (let r = 0; r < rounds; r++) {
    for (const p of paths) {
      const started = performance.now();
      const res = await fetch(baseUrl + p, { headers: { cookie }, redirect: 'manual' });
      await res.arrayBuffer();
      times.push(performance.now() - started);
      if (res.status !== 200) bad++;
    }
  }
  times.sort((a, b) => a - b);
  return { p50: r1(pct(times, 50)), p95: r1(pct(times, 95)), bad, n: times.length };
}
