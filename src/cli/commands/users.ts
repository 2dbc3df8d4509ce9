// `joinedup users create|list|disable`: people who sign in. The password never appears on the command
// line (it would be in the shell history and the process list): it is typed without echo, or piped in.
import { sql } from 'kysely';
import { asSystem } from '../../platform/db/database.ts';
import { audit } from '../../platform/audit/audit.ts';
import { hashPassword, passwordProblem } from '../../platform/auth/password.ts';
import { ROLES, ROLES_REQUIRING_TOTP, isRole } from '../../platform/auth/roles.ts';
import { disableUser } from '../../modules/people/service.ts';
import { CliError, UsageError, registerCommand } from '../registry.ts';
import { formatTable } from '../io.ts';
import { areaByCode, emailOption, userByEmail } from '../lookup.ts';

registerCommand({
  name: 'users create',
  usage: 'users create --email EMAIL --area CODE --role ROLE [--name NAME] [--organisation NAME]',
  description: 'Create an active user with a password, or give an existing user a role',
  details: [
    'The password is read from standard input: typed without echo (twice) at a terminal, otherwise',
    'the first line, e.g. `printf "%s\\n" "$PASSWORD" | joinedup users create …`. It must be 12 to 200',
    'characters. A user who already has a password keeps it and is only given the new role.',
    '',
    'Without --organisation the role is held in "<area name> (default)", a local authority team that',
    'is created when needed. With --organisation, that organisation must already exist in the area.',
    '',
    `Roles: ${ROLES.join(', ')}.`,
  ].join('\n'),
  options: {
    email: { type: 'string', value: 'EMAIL', description: 'Their email address (their sign-in name)', required: true },
    area: { type: 'string', value: 'CODE', description: 'Code of the area they work in', required: true },
    role: { type: 'string', value: 'ROLE', description: 'Their role in the area', required: true },
    name: { type: 'string', value: 'NAME', description: 'Their full name (for a new user; defaults to the start of the email)' },
    organisation: { type: 'string', value: 'NAME', description: 'Name of the organisation they belong to, in the area' },
  },
  async run(args, io) {
    const email = emailOption(args.string('email')!);
    const role = args.string('role')!.trim();
    if (!isRole(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')} (got "${role}")`);
    const name = args.string('name')?.trim() || email.split('@')[0]!;
    if (name.length > 200) throw new UsageError('--name must be 200 characters or fewer');
    const orgName = args.string('organisation')?.trim();
    const result = await io.withDatabase(async (database) => {
      const db = database.db;
      const area = await areaByCode(db, args.string('area')!);
      const before = await db.selectFrom('app_user').select(['id', 'status', 'password_hash']).where('email', '=', email).executeTakeFirst();
      // A password is needed only for someone who has none yet. Checked before anything is written.
      let hash: string | undefined;
      if (!before || !before.password_hash) {
        const password = await io.readSecret(`Password for ${email}: `, { confirm: true });
        const problem = passwordProblem(password);
        if (problem) throw new CliError(`${problem}. Nothing was changed.`);
        hash = await hashPassword(password);
      }
      return asSystem(db, async (trx) => {
        const ctx = io.auditContext(area.id);
        const notes: string[] = [];
        // The organisation the role is held through.
        let org: { id: string; name: string } | undefined;
        if (orgName) {
          org = await trx.selectFrom('organisation').select(['id', 'name']).where('area_id', '=', area.id).where('name', '=', orgName).executeTakeFirst();
          if (!org) {
            const names = await trx.selectFrom('organisation').select('name').where('area_id', '=', area.id).orderBy('name').execute();
            throw new CliError(`Area ${area.code} has no organisation named "${orgName}". ${names.length ? `Its organisations: ${names.map((n) => `"${n.name}"`).join(', ')}.` : 'It has no organisations yet; leave out --organisation to use a default one.'}`);
          }
        } else {
          const defaultName = `${area.name.slice(0, 189)} (default)`;
          org = await trx.selectFrom('organisation').select(['id', 'name']).where('area_id', '=', area.id).where('name', '=', defaultName).executeTakeFirst();
          if (!org) {
            org = await trx.insertInto('organisation').values({ area_id: area.id, kind: 'la-team', name: defaultName }).returning(['id', 'name']).executeTakeFirstOrThrow();
            await audit(trx, ctx, { action: 'organisation.created', entityType: 'organisation', entityId: org.id, detail: { kind: 'la-team' } });
            notes.push(`created the organisation "${org.name}"`);
          }
        }
        // The person.
        let user = await trx.selectFrom('app_user').select(['id', 'status', 'password_hash']).where('email', '=', email).executeTakeFirst();
        let created = false;
        if (!user) {
          user = await trx.insertInto('app_user').values({ email, name, password_hash: hash!, status: 'active', password_changed_at: new Date() })
            .returning(['id', 'status', 'password_hash']).executeTakeFirstOrThrow();
          await audit(trx, ctx, { action: 'user.created', entityType: 'user', entityId: user.id, detail: { via: 'cli' } });
          created = true;
        } else if (!user.password_hash) {
          if (!hash) throw new CliError('The user changed while this command ran. Nothing was changed; run it again.');
          await trx.updateTable('app_user').set({ password_hash: hash, status: user.status === 'disabled' ? 'disabled' : 'active', password_changed_at: new Date() }).where('id', '=', user.id).execute();
          // An invitation still in the post would otherwise replace this password.
          await trx.updateTable('one_time_token').set({ used_at: new Date() }).where('user_id', '=', user.id).where('used_at', 'is', null).execute();
          await audit(trx, ctx, { action: 'user.password-set', entityType: 'user', entityId: user.id, detail: { via: 'cli' } });
          notes.push('set their password');
        } else {
          notes.push('they already had an account; their password is unchanged');
        }
        if (user.status === 'disabled') notes.push('their account is disabled, so they cannot sign in');
        // The role.
        const dup = await trx.selectFrom('membership').select('id').where('user_id', '=', user.id).where('organisation_id', '=', org.id).where('role', '=', role).executeTakeFirst();
        if (dup) {
          notes.push(`they already have the role ${role} in "${org.name}"`);
        } else {
          await trx.insertInto('membership').values({ area_id: area.id, user_id: user.id, organisation_id: org.id, role }).execute();
          await audit(trx, ctx, { action: 'membership.added', entityType: 'user', entityId: user.id, detail: { role, organisationId: org.id } });
        }
        if ((ROLES_REQUIRING_TOTP as readonly string[]).includes(role)) notes.push('they will be asked to set up a security code (authenticator app) when they first sign in');
        return { userId: user.id, created, roleAdded: !dup, area, org, notes };
      });
    });
    io.out(result.userId);
    const what = result.created ? `Created ${email}` : `Updated ${email}`;
    io.err(`${what}${result.roleAdded ? ` as ${role} in "${result.org.name}" (${result.area.code})` : ''}${result.notes.length ? `; ${result.notes.join('; ')}` : ''}.`);
  },
});

registerCommand({
  name: 'users list',
  usage: 'users list [--area CODE]',
  description: 'List users with their status and roles (in one area, or everywhere)',
  options: {
    area: { type: 'string', value: 'CODE', description: 'Only people with a role in this area' },
  },
  async run(args, io) {
    const areaCode = args.string('area');
    const rows = await io.withDatabase((database) => asSystem(database.db, async (trx) => {
      const area = areaCode ? await areaByCode(trx, areaCode) : undefined;
      let q = trx.selectFrom('app_user as u')
        .select(['u.id', 'u.email', 'u.name', 'u.status', 'u.totp_enabled'])
        .select((eb) => eb.selectFrom('membership as m').innerJoin('area as a', 'a.id', 'm.area_id')
          .select(sql<string>`coalesce(string_agg(distinct ${area ? sql`m.role` : sql`a.code || ' ' || m.role`}, ', '), '')`.as('roles'))
          .whereRef('m.user_id', '=', 'u.id')
          .$if(Boolean(area), (s) => s.where('m.area_id', '=', area!.id))
          .as('roles'))
        .orderBy('u.email');
      if (area) q = q.where((eb) => eb.exists(eb.selectFrom('membership as m').select('m.id').whereRef('m.user_id', '=', 'u.id').where('m.area_id', '=', area.id)));
      return q.execute();
    }));
    if (rows.length === 0) {
      io.err(areaCode ? `Nobody has a role in ${areaCode.toUpperCase()} yet.` : 'There are no users yet. Create one with `joinedup users create`.');
      return;
    }
    io.out(formatTable(['email', 'name', 'status', 'roles'], rows.map((r) => [r.email, r.name, r.status, r.roles])));
  },
});

registerCommand({
  name: 'users disable',
  usage: 'users disable --email EMAIL',
  description: 'Disable a user: they cannot sign in, and their sessions and tokens stop working at once',
  options: {
    email: { type: 'string', value: 'EMAIL', description: 'Their email address', required: true },
  },
  async run(args, io) {
    const email = emailOption(args.string('email')!);
    const changed = await io.withDatabase(async (database) => {
      const user = await userByEmail(database.db, email);
      if (user.status === 'disabled') return false;
      await disableUser(database.db, io.auditContext(null), user.id, null);
      return true;
    });
    io.err(changed ? `Disabled ${email}: their sessions have ended and their tokens are revoked.` : `${email} was already disabled: nothing was changed.`);
  },
});
