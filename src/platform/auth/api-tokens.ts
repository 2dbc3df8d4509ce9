// Personal access tokens for the JSON API: `Authorization: Bearer ju_…`. Stored as SHA-256 hashes,
// scoped to one user and one area, with an expiry; revocable from a page and the CLI.
import type { Kysely } from 'kysely';
import type { DB } from '../../db-types.ts';
import { randomToken, sha256 } from './secrets.ts';
import type { Principal } from './policy.ts';
import { isRole, type Role } from './roles.ts';
import type { Clock } from '../time/clock.ts';
import type { Executor } from '../db/database.ts';
import { audit } from '../audit/audit.ts';

export const TOKEN_PREFIX = 'ju_';

export function newApiToken(): { token: string; hash: string; prefix: string } {
  const token = `${TOKEN_PREFIX}${randomToken(30)}`;
  return { token, hash: sha256(token), prefix: token.slice(0, 10) };
}

export async function createApiToken(db: Executor, args: { userId: string; areaId: string; name: string; expiresAt: Date }): Promise<{ id: string; token: string }> {
  const t = newApiToken();
  const row = await db.insertInto('api_token').values({
    area_id: args.areaId, user_id: args.userId, name: args.name, token_hash: t.hash, prefix: t.prefix, expires_at: args.expiresAt,
  }).returning('id').executeTakeFirstOrThrow();
  return { id: row.id, token: t.token };
}

/** The principal a bearer token stands for, or null if unknown, revoked, expired or its user disabled. */
export async function principalForToken(db: Kysely<DB>, clock: Clock, token: string): Promise<Principal | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
  const row = await db.selectFrom('api_token as t')
    .innerJoin('app_user as u', 'u.id', 't.user_id')
    .innerJoin('area as a', 'a.id', 't.area_id')
    .select(['t.id', 't.user_id', 't.area_id', 't.expires_at', 't.revoked_at', 't.last_used_at', 'u.name', 'u.email', 'u.status', 'a.code', 'a.name as area_name'])
    .where('t.token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.revoked_at || row.expires_at.getTime() <= clock.now().getTime() || row.status !== 'active') return null;
  const memberships = await db.selectFrom('membership').select(['role', 'organisation_id'])
    .where('user_id', '=', row.user_id).where('area_id', '=', row.area_id).execute();
  const roles = new Set<Role>(memberships.map((m) => m.role).filter(isRole));
  if (roles.size === 0) return null;
  // Token use is audited when its last-used time is refreshed: at most once a minute per token, so a
  // busy integration leaves a trail without flooding the log.
  if (!row.last_used_at || clock.now().getTime() - row.last_used_at.getTime() > 60_000) {
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('api_token').set({ last_used_at: clock.now() }).where('id', '=', row.id).execute();
      await audit(trx, { actorUserId: row.user_id, actorLabel: `token:${row.id}`, areaId: row.area_id }, { action: 'token.used', entityType: 'api_token', entityId: row.id });
    });
  }
  return {
    userId: row.user_id, name: row.name, email: row.email, areaId: row.area_id, areaCode: row.code, areaName: row.area_name,
    roles, organisationIds: [...new Set(memberships.map((m) => m.organisation_id))], via: 'token', tokenId: row.id,
  };
}
