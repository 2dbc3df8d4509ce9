// Loaders that run on every start and fill in shipped reference data once (idempotent).
import type { Config } from '../config.ts';
import type { Database } from '../platform/db/database.ts';

export async function runFirstStartLoaders(_database: Database, _config: Config): Promise<void> {
  // The benchmark data shipped in reference/ is loaded here once the performance module lands.
}
