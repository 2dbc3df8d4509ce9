// Server-side sessions in the database. The browser holds only a random id; the table holds its
// SHA-256. Idle timeout 30 minutes, absolute lifetime 12 hours; sessions are revocable one by one or all
// at once (sign out everywhere, password change).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db-types.ts';
import { randomToken, sha256 } from '../auth/secrets.ts';
import type { Principal } from '../auth/policy.ts';
import { isRole, type Role } from '../auth/roles.ts';
import type { Clock } from '../time/clock.ts';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { SessionCache } from './session-cache.ts';

export const SESSION_COOKIE = 'jusid';
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** last_seen_at is written at most this often, so reading a page is not always a write. */
const TOUCH_EVERY_MS = 60 * 1000;

export interface SessionState {
  idHash: string;
  userId: string;
  areaId: string;
  secondFactorDone: boolean;
  totpEnabled: boolean;
  principal: Principal;
}

export function cookieOptions(secure: boolean) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure };
}

export async function createSession(db: Kysely<DB>, clock: Clock, args: { userId: string; areaId: string; secondFactorDone: boolean; ip: string | null; userAgent: string | null }): Promise<string> {
  const id = randomToken(32);
  await db.insertInto('user_session').values({
    id_hash: sha256(id), user_id: args.userId, area_id: args.areaId, last_seen_at: clock.now(),
    created_at: clock.now(), second_factor_done: args.secondFactorDone, ip: args.ip, user_agent: args.userAgent?.slice(0, 300) ?? null,
  }).execute();
  return id;
}

export function setSessionCookie(reply: FastifyReply, id: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, id, { ...cookieOptions(secure), maxAge: ABSOLUTE_TIMEOUT_MS / 1000 });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(secure));
}

/**
 * Loads the principal for a session cookie, or null when absent, expired, revoked or the user is disabled.
 * With a cache (embedded database only), a session seen in the last minute is answered from memory;
 * the database is read again when `last_seen_at` is due its once-a-minute write, so the idle and
 * absolute timeouts behave exactly as without it.
 */
export async function loadSession(db: Kysely<DB>, clock: Clock, rawId: string | undefined, cache?: SessionCache): Promise<SessionState | null> {
  if (!rawId || rawId.length > 100) return null;
  const idHash = sha256(rawId);
  const now = clock.now().getTime();
  const hit = cache?.get(idHash);
  if (hit && now - hit.lastSeenAtMs <= TOUCH_EVERY_MS && now - hit.createdAtMs <= ABSOLUTE_TIMEOUT_MS) return hit.state;
  const generation = cache?.generation ?? 0;
  // One round trip: the session, its user and area, and the user's roles in that area.
  const row = await db.selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .innerJoin('area as a', 'a.id', 's.area_id')
    .select(['s.id_hash', 's.user_id', 's.area_id', 's.created_at', 's.last_seen_at', 's.second_factor_done',
      'u.name', 'u.email', 'u.status', 'u.totp_enabled', 'a.code as area_code', 'a.name as area_name'])
    .select((eb) => jsonArrayFrom(eb.selectFrom('membership as m').select(['m.role', 'm.organisation_id'])
      .whereRef('m.user_id', '=', 's.user_id').whereRef('m.area_id', '=', 's.area_id')).as('memberships'))
    .where('s.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!row) {
    cache?.delete(idHash);
    return null;
  }
  if (row.status !== 'active' || now - row.last_seen_at.getTime() > IDLE_TIMEOUT_MS || now - row.created_at.getTime() > ABSOLUTE_TIMEOUT_MS) {
    cache?.delete(idHash);
    await db.deleteFrom('user_session').where('id_hash', '=', idHash).execute();
    return null;
  }
  let lastSeenAtMs = row.last_seen_at.getTime();
  if (now - lastSeenAtMs > TOUCH_EVERY_MS) {
    await db.updateTable('user_session').set({ last_seen_at: clock.now() }).where('id_hash', '=', idHash).execute();
    lastSeenAtMs = now;
  }
  const memberships = row.memberships;
  const roles = new Set<Role>(memberships.map((m) => m.role).filter(isRole));
  if (roles.size === 0) return null;
  const state: SessionState = {
    idHash, userId: row.user_id, areaId: row.area_id, secondFactorDone: row.second_factor_done, totpEnabled: row.totp_enabled,
    principal: {
      userId: row.user_id, name: row.name, email: row.email, areaId: row.area_id, areaCode: row.area_code, areaName: row.area_name,
      roles, organisationIds: [...new Set(memberships.map((m) => m.organisation_id))], via: 'session', sessionIdHash: idHash,
    },
  };
  cache?.set(idHash, { state, createdAtMs: row.created_at.getTime(), lastSeenAtMs }, generation);
  return state;
}

export async function revokeSession(db: Kysely<DB>, idHash: string): Promise<void> {
  await db.deleteFrom('user_session').where('id_hash', '=', idHash).execute();
}

export async function revokeAllSessions(db: Kysely<DB>, userId: string, exceptIdHash?: string): Promise<number> {
  let q = db.deleteFrom('user_session').where('user_id', '=', userId);
  if (exceptIdHash) q = q.where('id_hash', '!=', exceptIdHash);
  const res = await q.executeTakeFirst();
  return Number(res.numDeletedRows);
}

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionState | null;
    principal: Principal | undefined;
  }
}

export function requestIp(req: FastifyRequest): string {
  return req.ip;
}
