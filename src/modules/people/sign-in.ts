// Signing in: password check with throttling and temporary lockout, then the second factor.
// The answer to a failed attempt is the same whether the email is unknown or the password wrong.
import type { Kysely } from 'kysely';
import type { DB } from '../../db-types.ts';
import { asSystem } from '../../platform/db/database.ts';
import { decoyHash, verifyPassword } from '../../platform/auth/password.ts';
import { sha256 } from '../../platform/auth/secrets.ts';
import { audit } from '../../platform/audit/audit.ts';
import { ROLES_REQUIRING_TOTP, isRole } from '../../platform/auth/roles.ts';
import { verifyTotp } from '../../platform/auth/totp.ts';
import type { Clock } from '../../platform/time/clock.ts';

export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
export const LOCKOUT_MS = 15 * 60 * 1000;

export type SignInResult =
  | { kind: 'ok'; userId: string; areaId: string; needs: 'nothing' | 'totp' | 'totp-setup' }
  | { kind: 'invalid' }
  | { kind: 'locked'; until: Date };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function attemptSignIn(db: Kysely<DB>, clock: Clock, email: string, password: string, meta: { ip: string | null; requestId: string }): Promise<SignInResult> {
  const normalised = normaliseEmail(email);
  const emailHash = sha256(`sign-in:${normalised}`);
  const now = clock.now();

  const throttle = await db.selectFrom('sign_in_throttle').selectAll().where('email_hash', '=', emailHash).executeTakeFirst();
  if (throttle?.locked_until && throttle.locked_until > now) {
    await asSystem(db, (trx) => audit(trx, { actorLabel: 'anonymous', ip: meta.ip, requestId: meta.requestId, areaId: null }, { action: 'sign-in.refused-locked', detail: { emailHash } }));
    return { kind: 'locked', until: throttle.locked_until };
  }

  const user = await db.selectFrom('app_user').select(['id', 'password_hash', 'status', 'totp_enabled']).where('email', '=', normalised).executeTakeFirst();
  // Verify against a decoy when there is no usable hash, so the time taken does not reveal the account.
  const ok = await verifyPassword(user?.password_hash ?? (await decoyHash()), password);
  const memberships = user && ok && user.status === 'active'
    ? await db.selectFrom('membership').select(['area_id', 'role']).where('user_id', '=', user.id).orderBy('created_at').execute()
    : [];

  if (!user || !ok || user.status !== 'active' || memberships.length === 0) {
    return asSystem(db, async (trx) => {
      const withinWindow = throttle && now.getTime() - throttle.first_failure_at.getTime() < FAILURE_WINDOW_MS;
      const failures = withinWindow ? throttle.failures + 1 : 1;
      const lockedUntil = failures >= MAX_FAILURES ? new Date(now.getTime() + LOCKOUT_MS) : null;
      await trx.insertInto('sign_in_throttle')
        .values({ email_hash: emailHash, failures, first_failure_at: withinWindow ? throttle.first_failure_at : now, locked_until: lockedUntil })
        .onConflict((oc) => oc.column('email_hash').doUpdateSet({ failures, first_failure_at: withinWindow ? throttle.first_failure_at : now, locked_until: lockedUntil }))
        .execute();
      await audit(trx, { actorLabel: 'anonymous', actorUserId: user?.id ?? null, ip: meta.ip, requestId: meta.requestId, areaId: null },
        { action: 'sign-in.failed', entityType: user ? 'user' : null as unknown as undefined, entityId: user?.id ?? null, detail: { emailHash, failures } });
      if (lockedUntil) {
        await audit(trx, { actorLabel: 'anonymous', actorUserId: user?.id ?? null, ip: meta.ip, requestId: meta.requestId, areaId: null },
          { action: 'sign-in.lockout', entityType: user ? 'user' : undefined, entityId: user?.id ?? null, detail: { emailHash, until: lockedUntil.toISOString() } });
        return { kind: 'locked', until: lockedUntil } as const;
      }
      return { kind: 'invalid' } as const;
    });
  }

  const areaId = memberships[0]!.area_id;
  const roles = memberships.filter((m) => m.area_id === areaId).map((m) => m.role).filter(isRole);
  const totpRequired = roles.some((r) => ROLES_REQUIRING_TOTP.includes(r));
  await asSystem(db, async (trx) => {
    await trx.deleteFrom('sign_in_throttle').where('email_hash', '=', emailHash).execute();
    await audit(trx, { actorLabel: `user:${user.id}`, actorUserId: user.id, ip: meta.ip, requestId: meta.requestId, areaId },
      { action: 'sign-in.password-ok', entityType: 'user', entityId: user.id });
  });
  const needs = user.totp_enabled ? 'totp' : totpRequired ? 'totp-setup' : 'nothing';
  return { kind: 'ok', userId: user.id, areaId, needs };
}

/** Checks a second-factor code and records its step, so the same code cannot be replayed. */
export async function checkTotp(db: Kysely<DB>, clock: Clock, userId: string, code: string, secretOverride?: string): Promise<boolean> {
  const user = await db.selectFrom('app_user').select(['totp_secret', 'totp_last_step']).where('id', '=', userId).executeTakeFirst();
  const secret = secretOverride ?? user?.totp_secret;
  if (!user || !secret) return false;
  const step = verifyTotp(secret, code.replace(/\s/g, ''), clock.now(), user.totp_last_step);
  if (step === null) return false;
  await db.updateTable('app_user').set({ totp_last_step: step }).where('id', '=', userId).execute();
  return true;
}
