// Forward-only migrations in code. Each module adds its files to the list below, in order; names sort
// by their number so a new migration always runs after the ones already applied.
import { Migrator, type Migration, type MigrationResultSet } from 'kysely/migration';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db-types.ts';
import * as m0001 from './migrations/0001-foundation.ts';
import * as m0002 from './migrations/0002-principal-changes.ts';
import * as m0100 from '../../modules/casework/migrations/0100-casework.ts';
import * as m0110 from '../../modules/casework/documents/migrations/0110-case-documents.ts';
import * as m0120 from '../../modules/casework/documents/migrations/0120-document-templates.ts';
import * as m0130 from '../../modules/casework/migrations/0130-casework-reminders.ts';
import * as m0200 from '../../modules/governance/plans/migrations/0200-governance-plans.ts';
import * as m0210 from '../../modules/governance/risks/migrations/0210-governance-risks-selfeval.ts';
import * as m0220 from '../../modules/governance/papers/migrations/0220-board-papers.ts';
import * as m0300 from '../../modules/performance/migrations/0300-benchmarks.ts';
import * as m0310 from '../../modules/performance/scorecard/migrations/0310-kpi-targets.ts';
import * as m0320 from '../../modules/performance/scorecard/migrations/0320-kpi-snapshots.ts';
import * as m0330 from '../../modules/performance/scorecard/migrations/0330-kpi-data-version.ts';

export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-principal-changes': m0002,
  '0100-casework': m0100,
  '0110-case-documents': m0110,
  '0120-document-templates': m0120,
  '0130-casework-reminders': m0130,
  '0200-governance-plans': m0200,
  '0210-governance-risks-selfeval': m0210,
  '0220-board-papers': m0220,
  '0300-benchmarks': m0300,
  '0310-kpi-targets': m0310,
  '0320-kpi-snapshots': m0320,
  '0330-kpi-data-version': m0330,
};

export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  // Pin the migration tables to this connection's schema: the migrator otherwise finds another
  // schema's tables on a shared server (one schema per test file) and then cannot reach them.
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  // Fast path on every start: when every migration is recorded, there is nothing to lock or run.
  const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(db).then((r) => r.rows.map((x) => x.name), () => null);
  if (applied && Object.keys(migrations).every((name) => applied.includes(name))) return [];
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: rows[0]!.schema,
    // Each module's migrations depend only on the foundation, so a module that lands later may bring
    // a migration named before one already applied.
    allowUnorderedMigrations: true,
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const err = result.error instanceof Error ? result.error : new Error(String(result.error));
    err.message = `Migration ${failed?.migrationName ?? '(unknown)'} failed: ${err.message}`;
    throw err;
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
