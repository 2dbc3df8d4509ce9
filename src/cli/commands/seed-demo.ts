// `joinedup seed-demo`: creates the synthetic demo area (never in production) and prints how to sign in.
import { seedDemo, demoSignInText } from '../../platform/demo/seed.ts';
import { demoSeeders } from '../../modules/demo-seeders.ts';
import { systemClock } from '../../platform/time/clock.ts';
import { asSystem } from '../../platform/db/database.ts';
import { audit } from '../../platform/audit/audit.ts';
import { CliError, registerCommand } from '../registry.ts';

registerCommand({
  name: 'seed-demo',
  usage: 'seed-demo',
  description: 'Create the synthetic demo area and its people (not in production)',
  details: 'Idempotent: an existing demo area is left as it is. Prints the demo sign-in details.',
  async run(_args, io) {
    if (io.config().isProduction) throw new CliError('Refusing to create demo accounts: NODE_ENV is production.');
    const result = await io.withDatabase(async (database) => {
      const r = await seedDemo(database.db, systemClock.today(), demoSeeders);
      // seedDemo records `demo.seeded` as system:seed-demo; this records who asked for it.
      if (r.created) await asSystem(database.db, (trx) => audit(trx, io.auditContext(r.areaId), { action: 'demo.seeded', entityType: 'area', entityId: r.areaId, detail: { via: 'cli' } }));
      return r;
    });
    io.err(result.created ? 'Created the demo area.' : 'The demo area already exists: nothing was changed.');
    io.out(demoSignInText());
  },
});
