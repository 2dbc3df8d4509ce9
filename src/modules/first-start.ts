// Loaders that run on every start and fill in shipped reference data once (idempotent).
import type { Config } from '../config.ts';
import type { Database } from '../platform/db/database.ts';
import { loadShippedBenchmarks } from './performance/benchmarks/first-start.ts';
import { installDefaultTemplatesEverywhere } from './casework/documents/service.ts';

export async function runFirstStartLoaders(database: Database, config: Config): Promise<void> {
  const log = config.logLevel === 'silent' ? undefined : (line: string) => console.log(line);
  // The published benchmarks in reference/ (DfE EHC plan statistics, LAIT neighbours), when none are loaded.
  await loadShippedBenchmarks(database, log ? { log } : {});
  // The standard letter wording for every area that has none yet (areas made before letters existed, or
  // since the last start); an area's edited versions are never touched.
  const installed = await installDefaultTemplatesEverywhere(database.db);
  if (installed && log) log(`Installed ${installed} standard letter templates.`);
}
