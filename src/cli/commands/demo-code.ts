// `joinedup demo-code`: the demo administrator's current security code, so the demo can be signed in to
// without an authenticator app. The key is published; the demo area never exists in production.
import { DEMO_ADMIN_TOTP_SECRET, DEMO_PEOPLE } from '../../platform/demo/people.ts';
import { STEP_SECONDS, totp } from '../../platform/auth/totp.ts';
import { CliError, registerCommand } from '../registry.ts';

registerCommand({
  name: 'demo-code',
  usage: 'demo-code',
  description: 'Print the demo administrator\'s current 6-digit security code (not in production)',
  async run(_args, io) {
    if (io.config().isProduction) throw new CliError('Refusing: there is no demo in production (NODE_ENV is production).');
    const now = new Date();
    const admin = DEMO_PEOPLE.find((p) => p.role === 'area-admin');
    io.out(totp(DEMO_ADMIN_TOTP_SECRET, now));
    const left = STEP_SECONDS - (Math.floor(now.getTime() / 1000) % STEP_SECONDS);
    io.err(`Security code for ${admin?.email ?? 'the demo administrator'}, valid for about ${left} more seconds.`);
  },
});
