// First start: load the benchmark data shipped in reference/ when the benchmark tables are empty, so a
// new installation has benchmarks at once. Runs on every start; after the first it costs one query.
// The import takes about 6–10 s on PGlite (parsing the 36 MB DfE release is most of it), once.
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../../platform/db/database.ts';
import { ROOT_DIR } from '../../../platform/views/nunjucks.ts';
import { hasBenchmarks } from './repository.ts';
import { describeProblem, importBenchmarkFolder } from './service.ts';

export const REFERENCE_DIR = path.join(ROOT_DIR, 'reference');

export interface FirstStartResult { loaded: boolean; reason: string; ms: number; values?: number }

export async function loadShippedBenchmarks(database: Database, opts: { referenceDir?: string; log?: (line: string) => void } = {}): Promise<FirstStartResult> {
  const started = performance.now();
  const dir = opts.referenceDir ?? REFERENCE_DIR;
  const log = opts.log ?? (() => undefined);
  if (await hasBenchmarks(database.db)) return { loaded: false, reason: 'already loaded', ms: performance.now() - started };
  if (!fs.existsSync(dir)) {
    log(`Benchmarks: no reference folder at ${dir}; load them with \`joinedup benchmarks import <folder>\`.`);
    return { loaded: false, reason: 'no reference folder', ms: performance.now() - started };
  }
  const r = await importBenchmarkFolder(database.db, dir, { actor: 'system:first-start', sourceLabel: 'reference (shipped with Joined Up)', onlyIfEmpty: true });
  const ms = performance.now() - started;
  if (!r.ok) {
    // A broken shipped folder must not stop the service: say so, and carry on without benchmarks.
    log(`Benchmarks: the shipped reference data could not be loaded (${r.errors.length} problems), so benchmark pages are empty:\n${r.errors.slice(0, 10).map((p) => `  - ${describeProblem(p)}`).join('\n')}`);
    return { loaded: false, reason: 'rejected', ms };
  }
  if (r.skipped) return { loaded: false, reason: 'loaded by another process', ms };
  log(`Benchmarks: loaded ${r.values.toLocaleString('en-GB')} published figures for ${r.las} councils from ${path.relative(process.cwd(), dir) || dir} in ${(ms / 1000).toFixed(1)} s.`);
  return { loaded: true, reason: 'loaded', ms, values: r.values };
}
