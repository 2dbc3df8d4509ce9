// `joinedup migrate`: brings the database schema up to date and lists the migrations applied.
import { migrateToLatest } from '../../platform/db/migrate.ts';
import { asSystem } from '../../platform/db/database.ts';
import { audit } from '../../platform/audit/audit.ts';
import { registerCommand } from '../registry.ts';

registerCommand({
  name: 'migrate',
  usage: 'migrate',
  description: 'Run the database migrations and list the ones applied',
  details: 'Safe to run at any time: migrations already applied are skipped. The web server and the worker also migrate when they start.',
  async run(_args, io) {
    const applied = await io.withDatabase(async (database) => {
      const names = await migrateToLatest(database.db);
      if (names.length > 0) {
        await asSystem(database.db, (trx) => audit(trx, io.auditContext(null), { action: 'database.migrated', detail: { migrations: names } }));
      }
      return names;
    }, { migrate: false });
    for (const name of applied) io.out(name);
    io.err(applied.length === 0 ? 'The database is up to date: no migrations to apply.' : `Applied ${applied.length} migration${applied.length === 1 ? '' : 's'}.`);
  },
});
