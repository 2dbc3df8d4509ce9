// `joinedup tokens create|revoke|list`: personal access tokens for the JSON API. `create` prints only the
// token on stdout, so `TOKEN=$(joinedup tokens create …)` works; it cannot be shown again.
import { asSystem } from '../../platform/db/database.ts';
import { audit } from '../../platform/audit/audit.ts';
import { createApiToken, TOKEN_PREFIX } from '../../platform/auth/api-tokens.ts';
import { sha256 } from '../../platform/auth/secrets.ts';
import { CliError, UsageError, registerCommand } from '../registry.ts';
import { formatTable, shortTime } from '../io.ts';
import { areaByCode, emailOption, userByEmail } from '../lookup.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

registerCommand({
  name: 'tokens create',
  usage: 'tokens create --email EMAIL [--area CODE] [--name NAME] [--days 90]',
  description: 'Create an API token for a user (prints only the token)',
  details: 'The token acts as the user, with their roles in one area. --area may be left out when they work in only one area.\n'
    + 'Only a hash is stored: copy the token now, it cannot be shown again.',
  options: {
    email: { type: 'string', value: 'EMAIL', description: 'Whose token it is', required: true },
    area: { type: 'string', value: 'CODE', description: 'The area it works in' },
    name: { type: 'string', value: 'NAME', description: 'What it is for', default: 'Command line' },
    days: { type: 'string', value: 'DAYS', description: 'Days until it expires, 1 to 366', default: '90' },
  },
  async run(args, io) {
    const email = emailOption(args.string('email')!);
    const name = args.string('name')!.trim();
    if (!name || name.length > 100) throw new UsageError('--name must be 1 to 100 characters');
    const daysText = args.string('days')!;
    const days = Number(daysText);
    if (!/^\d+$/.test(daysText) || days < 1 || days > 366) throw new UsageError(`--days must be a whole number from 1 to 366 (got "${daysText}")`);
    const areaCode = args.string('area');
    const made = await io.withDatabase((database) => asSystem(database.db, async (trx) => {
      const user = await userByEmail(trx, email);
      if (user.status !== 'active') throw new CliError(`${email} is ${user.status}, not active: a token would not work.`);
      const areas = await trx.selectFrom('membership as m').innerJoin('area as a', 'a.id', 'm.area_id')
        .select(['a.id', 'a.code', 'a.name']).distinct().where('m.user_id', '=', user.id).orderBy('a.code').execute();
      let area;
      if (areaCode) {
        area = await areaByCode(trx, areaCode);
        if (!areas.some((a) => a.id === area!.id)) throw new CliError(`${email} has no role in ${area.code}${areas.length ? `; they work in ${areas.map((a) => a.code).join(', ')}` : ''}.`);
      } else if (areas.length === 1) {
        area = areas[0]!;
      } else if (areas.length === 0) {
        throw new CliError(`${email} has no role in any area: give them one with \`joinedup users create\` first.`);
      } else {
        throw new UsageError(`${email} works in several areas (${areas.map((a) => a.code).join(', ')}): say which with --area`);
      }
      const expiresAt = new Date(Date.now() + days * 86400_000);
      const t = await createApiToken(trx, { userId: user.id, areaId: area.id, name, expiresAt });
      await audit(trx, io.auditContext(area.id), { action: 'token.created', entityType: 'api_token', entityId: t.id, detail: { userId: user.id, days } });
      return { ...t, area, expiresAt };
    }));
    io.out(made.token);
    io.err(`Created token ${made.id} "${name}" for ${email} in ${made.area.code}, expiring ${shortTime(made.expiresAt)} UTC. Keep it secret: it cannot be shown again.`);
  },
});

registerCommand({
  name: 'tokens revoke',
  usage: 'tokens revoke --id ID | --token TOKEN',
  description: 'Revoke an API token, by its id or by the token itself',
  details: 'Passing the token on the command line leaves it in the shell history; that is fine for a token being revoked.',
  options: {
    id: { type: 'string', value: 'ID', description: 'The token\'s id (from `tokens list`)' },
    token: { type: 'string', value: 'TOKEN', description: `The token itself (${TOKEN_PREFIX}…)` },
  },
  async run(args, io) {
    const id = args.string('id')?.trim();
    const token = args.string('token')?.trim();
    if (Boolean(id) === Boolean(token)) throw new UsageError('give either --id or --token');
    if (id && !UUID.test(id)) throw new UsageError(`--id must be a token id like 0b7c…-… (got "${id}")`);
    const result = await io.withDatabase((database) => asSystem(database.db, async (trx) => {
      const row = await trx.selectFrom('api_token').select(['id', 'area_id', 'user_id', 'revoked_at', 'name'])
        .$if(Boolean(id), (q) => q.where('id', '=', id!))
        .$if(Boolean(token), (q) => q.where('token_hash', '=', sha256(token!)))
        .executeTakeFirst();
      if (!row) throw new CliError(id ? `There is no token with id ${id}.` : 'That token is not known.');
      if (row.revoked_at) return { row, changed: false };
      await trx.updateTable('api_token').set({ revoked_at: new Date() }).where('id', '=', row.id).execute();
      await audit(trx, io.auditContext(row.area_id), { action: 'token.revoked', entityType: 'api_token', entityId: row.id, detail: { userId: row.user_id } });
      return { row, changed: true };
    }));
    io.err(result.changed ? `Revoked token ${result.row.id} "${result.row.name}".` : `Token ${result.row.id} was already revoked: nothing was changed.`);
  },
});

registerCommand({
  name: 'tokens list',
  usage: 'tokens list --email EMAIL',
  description: 'List a user\'s API tokens (never the tokens themselves)',
  options: {
    email: { type: 'string', value: 'EMAIL', description: 'Whose tokens', required: true },
  },
  async run(args, io) {
    const email = emailOption(args.string('email')!);
    const rows = await io.withDatabase((database) => asSystem(database.db, async (trx) => {
      const user = await userByEmail(trx, email);
      return trx.selectFrom('api_token as t').innerJoin('area as a', 'a.id', 't.area_id')
        .select(['t.id', 't.name', 't.prefix', 't.created_at', 't.expires_at', 't.revoked_at', 't.last_used_at', 'a.code'])
        .where('t.user_id', '=', user.id).orderBy('t.created_at', 'desc').execute();
    }));
    if (rows.length === 0) {
      io.err(`${email} has no tokens.`);
      return;
    }
    const now = Date.now();
    io.out(formatTable(['id', 'area', 'name', 'starts', 'status', 'created', 'expires', 'last used'], rows.map((r) => [
      r.id, r.code, r.name, `${r.prefix}…`,
      r.revoked_at ? 'revoked' : r.expires_at.getTime() <= now ? 'expired' : 'active',
      shortTime(r.created_at), shortTime(r.expires_at), shortTime(r.last_used_at),
    ])));
  },
});
