// People and access: invitations, password reset, password change, second factor, tokens, and the
// area administrator's management of organisations, people and roles. Every change is one transaction
// with its audit event.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db-types.ts';
import { asSystem, withArea } from '../../platform/db/database.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../../platform/auth/password.ts';
import { randomToken, sha256 } from '../../platform/auth/secrets.ts';
import { audit, type AuditContext } from '../../platform/audit/audit.ts';
import { createApiToken } from '../../platform/auth/api-tokens.ts';
import { revokeAllSessions } from '../../platform/http/session.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { ROLE_LABELS, isRole, type Role, ORGANISATION_KINDS } from '../../platform/auth/roles.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import type { Clock } from '../../platform/time/clock.ts';
import type { Principal } from '../../platform/auth/policy.ts';
import { normaliseEmail } from './sign-in.ts';

export const INVITE_DAYS = 7;
export const RESET_MINUTES = 60;

export interface PeopleDeps { db: Kysely<DB>; clock: Clock; mailer: Mailer; publicUrl: string }

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

async function issueToken(trx: Transaction<DB>, clock: Clock, purpose: 'invite' | 'reset', userId: string, areaId: string | null, ms: number): Promise<string> {
  const token = randomToken(32);
  // A new link replaces any earlier unused link of the same purpose.
  await trx.updateTable('one_time_token').set({ used_at: clock.now() }).where('user_id', '=', userId).where('purpose', '=', purpose).where('used_at', 'is', null).execute();
  await trx.insertInto('one_time_token').values({ token_hash: sha256(token), purpose, user_id: userId, area_id: areaId, expires_at: new Date(clock.now().getTime() + ms) }).execute();
  return token;
}

export interface InviteInput { email: string; name: string; organisationId: string; role: string }

export async function invitePerson(deps: PeopleDeps, ctx: AuditContext & { principal: Principal }, input: InviteInput): Promise<{ userId: string; existing: boolean }> {
  const errors = [];
  const email = normaliseEmail(input.email);
  // In the order the fields appear on the form, as the error summary lists them.
  if (!input.name.trim()) errors.push({ field: 'name', message: 'Enter their full name' });
  if (!EMAIL.test(email)) errors.push({ field: 'email', message: 'Enter an email address in the correct format, like name@example.com' });
  if (!isRole(input.role)) errors.push({ field: 'role', message: 'Select a role' });
  if (!input.organisationId) errors.push({ field: 'organisationId', message: 'Select an organisation' });
  if (errors.length) throw new ValidationError(errors);
  const areaId = ctx.principal.areaId;

  // The user row is global (a person may work in several areas); the membership is this area's.
  return asSystem(deps.db, async (sys) => {
    const org = await withAreaCheck(sys, areaId, input.organisationId);
    if (!org) throw new ValidationError([{ field: 'organisationId', message: 'Select an organisation in this area' }]);
    let user = await sys.selectFrom('app_user').select(['id', 'status', 'name']).where('email', '=', email).executeTakeFirst();
    const existing = Boolean(user);
    if (!user) {
      user = await sys.insertInto('app_user').values({ email, name: input.name.trim(), status: 'invited' }).returning(['id', 'status', 'name']).executeTakeFirstOrThrow();
    }
    const dup = await sys.selectFrom('membership').select('id').where('user_id', '=', user.id).where('organisation_id', '=', org.id).where('role', '=', input.role).executeTakeFirst();
    if (dup) throw new ValidationError([{ field: 'role', message: `${input.name.trim()} already has this role in ${org.name}` }]);
    await sys.insertInto('membership').values({ area_id: areaId, user_id: user.id, organisation_id: org.id, role: input.role }).execute();
    await audit(sys, ctx, { action: 'membership.added', entityType: 'user', entityId: user.id, detail: { role: input.role, organisationId: org.id } });
    if (user.status === 'invited') {
      const token = await issueToken(sys, deps.clock, 'invite', user.id, areaId, INVITE_DAYS * 86400_000);
      await deps.mailer.send(sys, {
        to: email, areaId,
        subject: `You have been invited to Joined Up (${ctx.principal.areaName})`,
        text: `${ctx.principal.name} has invited you to Joined Up, the SEND partnership system for ${ctx.principal.areaName}, as ${ROLE_LABELS[input.role as Role]} at ${org.name}.\n\nTo accept, set your password here within ${INVITE_DAYS} days:\n${deps.publicUrl}/invitation/${token}\n\nIf you were not expecting this, you can ignore this email.`,
      });
      await audit(sys, ctx, { action: 'user.invited', entityType: 'user', entityId: user.id });
    }
    return { userId: user.id, existing };
  });
}

async function withAreaCheck(trx: Transaction<DB>, areaId: string, organisationId: string) {
  if (!/^[0-9a-f-]{36}$/.test(organisationId)) return undefined;
  return trx.selectFrom('organisation').select(['id', 'name']).where('id', '=', organisationId).where('area_id', '=', areaId).executeTakeFirst();
}

/** Looks up an unused, unexpired one-time link. */
export async function findToken(db: Kysely<DB>, clock: Clock, purpose: 'invite' | 'reset', token: string) {
  if (!token || token.length > 100) return undefined;
  return db.selectFrom('one_time_token as t').innerJoin('app_user as u', 'u.id', 't.user_id')
    .select(['t.id', 't.user_id', 't.area_id', 'u.email', 'u.name', 'u.status'])
    .where('t.token_hash', '=', sha256(token)).where('t.purpose', '=', purpose).where('t.used_at', 'is', null).where('t.expires_at', '>', clock.now())
    .executeTakeFirst();
}

export async function completeWithPassword(deps: PeopleDeps, purpose: 'invite' | 'reset', token: string, password: string, confirm: string, meta: { ip: string | null; requestId: string }): Promise<{ userId: string }> {
  const found = await findToken(deps.db, deps.clock, purpose, token);
  if (!found || found.status === 'disabled') throw new NotFoundError('This link has expired or has already been used');
  const problem = passwordProblem(password);
  const errors = [];
  if (problem) errors.push({ field: 'password', message: problem });
  else if (password !== confirm) errors.push({ field: 'confirm', message: 'The passwords do not match' });
  if (errors.length) throw new ValidationError(errors);
  const hash = await hashPassword(password);
  return asSystem(deps.db, async (trx) => {
    const used = await trx.updateTable('one_time_token').set({ used_at: deps.clock.now() }).where('id', '=', found.id).where('used_at', 'is', null).executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw new NotFoundError('This link has expired or has already been used');
    await trx.updateTable('app_user').set({ password_hash: hash, status: 'active', password_changed_at: deps.clock.now(), failed_sign_ins: 0, locked_until: null }).where('id', '=', found.user_id).execute();
    await trx.deleteFrom('user_session').where('user_id', '=', found.user_id).execute();
    await audit(trx, { actorLabel: `user:${found.user_id}`, actorUserId: found.user_id, areaId: found.area_id, ip: meta.ip, requestId: meta.requestId },
      { action: purpose === 'invite' ? 'user.invitation-accepted' : 'user.password-reset', entityType: 'user', entityId: found.user_id });
    return { userId: found.user_id };
  });
}

/** Always answers the same way; sends a link only when the address belongs to an active person. */
export async function requestPasswordReset(deps: PeopleDeps, email: string, meta: { ip: string | null; requestId: string }): Promise<void> {
  const normalised = normaliseEmail(email);
  if (!EMAIL.test(normalised)) throw new ValidationError([{ field: 'email', message: 'Enter an email address in the correct format, like name@example.com' }]);
  const user = await deps.db.selectFrom('app_user').select(['id', 'status']).where('email', '=', normalised).executeTakeFirst();
  await asSystem(deps.db, async (trx) => {
    await audit(trx, { actorLabel: 'anonymous', actorUserId: user?.id ?? null, areaId: null, ip: meta.ip, requestId: meta.requestId },
      { action: 'user.password-reset-requested', entityType: user ? 'user' : undefined, entityId: user?.id ?? null, detail: { emailHash: sha256(`sign-in:${normalised}`) } });
    if (!user || user.status !== 'active') return;
    const token = await issueToken(trx, deps.clock, 'reset', user.id, null, RESET_MINUTES * 60_000);
    await deps.mailer.send(trx, {
      to: normalised,
      subject: 'Reset your Joined Up password',
      text: `Someone asked to reset the password for this email address on Joined Up.\n\nTo choose a new password, use this link within ${RESET_MINUTES} minutes:\n${deps.publicUrl}/reset-password/${token}\n\nIf it was not you, ignore this email: your password has not changed.`,
    });
  });
}

export async function changePassword(deps: PeopleDeps, ctx: AuditContext & { principal: Principal }, current: string, next: string, confirm: string): Promise<void> {
  const user = await deps.db.selectFrom('app_user').select('password_hash').where('id', '=', ctx.principal.userId).executeTakeFirstOrThrow();
  const errors = [];
  if (!user.password_hash || !(await verifyPassword(user.password_hash, current))) errors.push({ field: 'current', message: 'Your current password is not correct' });
  const problem = passwordProblem(next);
  if (problem) errors.push({ field: 'password', message: problem });
  else if (next !== confirm) errors.push({ field: 'confirm', message: 'The passwords do not match' });
  if (errors.length) throw new ValidationError(errors);
  const hash = await hashPassword(next);
  await asSystem(deps.db, async (trx) => {
    await trx.updateTable('app_user').set({ password_hash: hash, password_changed_at: deps.clock.now() }).where('id', '=', ctx.principal.userId).execute();
    // Every session, this one included, is revoked: the caller signs the person in again.
    await trx.deleteFrom('user_session').where('user_id', '=', ctx.principal.userId).execute();
    await audit(trx, ctx, { action: 'user.password-changed', entityType: 'user', entityId: ctx.principal.userId });
  });
}

export async function enableTotp(db: Kysely<DB>, ctx: AuditContext, userId: string, secret: string): Promise<void> {
  await asSystem(db, async (trx) => {
    await trx.updateTable('app_user').set({ totp_secret: secret, totp_enabled: true }).where('id', '=', userId).execute();
    await audit(trx, { ...ctx, actorUserId: userId, actorLabel: `user:${userId}` }, { action: 'user.totp-enabled', entityType: 'user', entityId: userId });
  });
}

export async function disableTotp(db: Kysely<DB>, ctx: AuditContext & { principal: Principal }): Promise<void> {
  await asSystem(db, async (trx) => {
    await trx.updateTable('app_user').set({ totp_secret: null, totp_enabled: false, totp_last_step: null }).where('id', '=', ctx.principal.userId).execute();
    await audit(trx, ctx, { action: 'user.totp-disabled', entityType: 'user', entityId: ctx.principal.userId });
  });
}

export async function signOutEverywhere(db: Kysely<DB>, ctx: AuditContext & { principal: Principal }): Promise<number> {
  return asSystem(db, async (trx) => {
    const n = await revokeAllSessions(trx as unknown as Kysely<DB>, ctx.principal.userId);
    await audit(trx, ctx, { action: 'user.signed-out-everywhere', entityType: 'user', entityId: ctx.principal.userId, detail: { sessions: n } });
    return n;
  });
}

// --- Tokens ---------------------------------------------------------------------------------------

export async function createTokenFor(db: Kysely<DB>, ctx: AuditContext & { principal: Principal }, name: string, days: number, clock: Clock): Promise<string> {
  const errors = [];
  if (!name.trim() || name.length > 100) errors.push({ field: 'name', message: 'Enter a name for the token, up to 100 characters' });
  if (!Number.isInteger(days) || days < 1 || days > 366) errors.push({ field: 'days', message: 'Enter a number of days from 1 to 366' });
  if (errors.length) throw new ValidationError(errors);
  return withArea(db, ctx.principal.areaId, async (trx) => {
    const t = await createApiToken(trx, { userId: ctx.principal.userId, areaId: ctx.principal.areaId, name: name.trim(), expiresAt: new Date(clock.now().getTime() + days * 86400_000) });
    await audit(trx, ctx, { action: 'token.created', entityType: 'api_token', entityId: t.id });
    return t.token;
  });
}

export async function listOwnTokens(db: Kysely<DB>, p: Principal) {
  return withArea(db, p.areaId, (trx) => trx.selectFrom('api_token').select(['id', 'name', 'prefix', 'created_at', 'expires_at', 'revoked_at', 'last_used_at'])
    .where('user_id', '=', p.userId).orderBy('created_at', 'desc').execute());
}

export async function revokeToken(db: Kysely<DB>, ctx: AuditContext & { principal: Principal }, tokenId: string, clock: Clock): Promise<void> {
  if (!/^[0-9a-f-]{36}$/.test(tokenId)) throw new NotFoundError();
  await withArea(db, ctx.principal.areaId, async (trx) => {
    const res = await trx.updateTable('api_token').set({ revoked_at: clock.now() })
      .where('id', '=', tokenId).where('user_id', '=', ctx.principal.userId).where('revoked_at', 'is', null).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new NotFoundError('No such token');
    await audit(trx, ctx, { action: 'token.revoked', entityType: 'api_token', entityId: tokenId });
  });
}

// --- Area administration ----------------------------------------------------------------------------

export async function listOrganisations(db: Kysely<DB>, areaId: string) {
  return withArea(db, areaId, (trx) => trx.selectFrom('organisation').selectAll().orderBy('name').execute());
}

export async function createOrganisation(db: Kysely<DB>, ctx: AuditContext & { principal: Principal }, input: { kind: string; name: string; urn?: string; ukprn?: string }): Promise<string> {
  const errors = [];
  if (!(input.kind in ORGANISATION_KINDS)) errors.push({ field: 'kind', message: 'Select the kind of organisation' });
  if (!input.name.trim() || input.name.length > 200) errors.push({ field: 'name', message: 'Enter the organisation name, up to 200 characters' });
  if (input.urn && !/^\d{6,7}$/.test(input.urn)) errors.push({ field: 'urn', message: 'URN must be 6 or 7 digits' });
  if (input.ukprn && !/^\d{8}$/.test(input.ukprn)) errors.push({ field: 'ukprn', message: 'UKPRN must be 8 digits' });
  if (errors.length) throw new ValidationError(errors);
  return withArea(db, ctx.principal.areaId, async (trx) => {
    const dup = await trx.selectFrom('organisation').select('id').where('name', '=', input.name.trim()).executeTakeFirst();
    if (dup) throw new ValidationError([{ field: 'name', message: 'An organisation with this name already exists in this area' }]);
    const row = await trx.insertInto('organisation').values({ area_id: ctx.principal.areaId, kind: input.kind, name: input.name.trim(), urn: input.urn || null, ukprn: input.ukprn || null })
      .returning('id').executeTakeFirstOrThrow();
    await audit(trx, ctx, { action: 'organisation.created', entityType: 'organisation', entityId: row.id, detail: { kind: input.kind } });
    return row.id;
  });
}

export interface PersonRow { userId: string; name: string; email: string; status: string; memberships: { id: string; role: string; organisationName: string }[] }

export async function listPeople(db: Kysely<DB>, areaId: string, filter: { role?: string | undefined; q?: string | undefined } = {}): Promise<PersonRow[]> {
  return withArea(db, areaId, async (trx) => {
    let q = trx.selectFrom('membership as m').innerJoin('app_user as u', 'u.id', 'm.user_id').innerJoin('organisation as o', 'o.id', 'm.organisation_id')
      .select(['m.id', 'm.role', 'o.name as org', 'u.id as user_id', 'u.name', 'u.email', 'u.status']).orderBy('u.name');
    if (filter.role) q = q.where('m.role', '=', filter.role);
    if (filter.q) q = q.where((eb) => eb.or([eb('u.name', 'ilike', `%${filter.q}%`), eb('u.email', 'ilike', `%${filter.q}%`)]));
    const rows = await q.execute();
    const people = new Map<string, PersonRow>();
    for (const r of rows) {
      const p = people.get(r.user_id) ?? { userId: r.user_id, name: r.name, email: r.email, status: r.status, memberships: [] };
      p.memberships.push({ id: r.id, role: r.role, organisationName: r.org });
      people.set(r.user_id, p);
    }
    return [...people.values()];
  });
}

export async function getPerson(db: Kysely<DB>, areaId: string, userId: string): Promise<PersonRow> {
  if (!/^[0-9a-f-]{36}$/.test(userId)) throw new NotFoundError();
  const people = await withArea(db, areaId, async (trx) => {
    const rows = await trx.selectFrom('membership as m').innerJoin('app_user as u', 'u.id', 'm.user_id').innerJoin('organisation as o', 'o.id', 'm.organisation_id')
      .select(['m.id', 'm.role', 'o.name as org', 'u.id as user_id', 'u.name', 'u.email', 'u.status']).where('m.user_id', '=', userId).execute();
    return rows;
  });
  if (people.length === 0) throw new NotFoundError(); // not a member of this area: do not reveal
  const first = people[0]!;
  return { userId, name: first.name, email: first.email, status: first.status, memberships: people.map((r) => ({ id: r.id, role: r.role, organisationName: r.org })) };
}

export async function removeMembership(db: Kysely<DB>, ctx: AuditContext & { principal: Principal }, membershipId: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/.test(membershipId)) throw new NotFoundError();
  await withArea(db, ctx.principal.areaId, async (trx) => {
    const m = await trx.selectFrom('membership').select(['id', 'user_id', 'role']).where('id', '=', membershipId).executeTakeFirst();
    if (!m) throw new NotFoundError();
    if (m.user_id === ctx.principal.userId && m.role === 'area-admin') {
      const admins = await trx.selectFrom('membership').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', 'area-admin').executeTakeFirstOrThrow();
      if (Number(admins.n) <= 1) throw new ConflictError('You cannot remove the last area administrator');
    }
    await trx.deleteFrom('membership').where('id', '=', membershipId).execute();
    await audit(trx, ctx, { action: 'membership.removed', entityType: 'user', entityId: m.user_id, detail: { role: m.role } });
  });
}

/** Disables a person: they can no longer sign in, and every session and token stops working at once. */
export async function disableUser(db: Kysely<DB>, ctx: AuditContext, userId: string, areaId: string | null): Promise<void> {
  await asSystem(db, async (trx) => {
    const res = await trx.updateTable('app_user').set({ status: 'disabled' }).where('id', '=', userId).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new NotFoundError();
    await trx.deleteFrom('user_session').where('user_id', '=', userId).execute();
    await trx.updateTable('api_token').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
    await audit(trx, { ...ctx, areaId }, { action: 'user.disabled', entityType: 'user', entityId: userId });
  });
}

// --- Audit ---------------------------------------------------------------------------------------------

export interface AuditFilter { action?: string | undefined; actor?: string | undefined; from?: string | undefined; to?: string | undefined; entityId?: string | undefined }

export async function queryAudit(db: Kysely<DB>, areaId: string, f: AuditFilter, limit: number, offset = 0) {
  return withArea(db, areaId, async (trx) => {
    let q = trx.selectFrom('audit_event as e').leftJoin('app_user as u', 'u.id', 'e.actor_user_id')
      .select(['e.id', 'e.at', 'e.action', 'e.entity_type', 'e.entity_id', 'e.actor_label', 'e.actor_user_id', 'u.name as actor_name', 'u.email as actor_email', 'e.ip', 'e.request_id', 'e.detail'])
      .orderBy('e.id', 'desc');
    if (f.action) q = q.where('e.action', 'like', `${f.action}%`);
    if (f.actor) q = q.where((eb) => eb.or([eb('u.email', 'ilike', `%${f.actor}%`), eb('u.name', 'ilike', `%${f.actor}%`)]));
    if (f.from) q = q.where('e.at', '>=', new Date(`${f.from}T00:00:00Z`));
    if (f.to) q = q.where('e.at', '<', new Date(new Date(`${f.to}T00:00:00Z`).getTime() + 86400_000));
    if (f.entityId) q = q.where('e.entity_id', '=', f.entityId);
    return q.limit(limit).offset(offset).execute();
  });
}
