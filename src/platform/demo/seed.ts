// Seeds the synthetic demo area on first start (never in production). Idempotent: an existing demo
// area is left as it is. Modules add their own demo data through `demoSeeders`.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db-types.ts';
import { asSystem } from '../db/database.ts';
import { hashPassword } from '../auth/password.ts';
import { audit } from '../audit/audit.ts';
import { DEMO_AREA, DEMO_ORGANISATIONS, DEMO_PEOPLE, DEMO_PASSWORD, DEMO_ADMIN_TOTP_SECRET } from './people.ts';

export interface DemoContext { trx: Transaction<DB>; areaId: string; orgIds: Record<string, string>; userIds: Record<string, string>; today: Temporal.PlainDate }
export type DemoSeeder = { name: string; seed: (ctx: DemoContext) => Promise<void> };

export async function demoAreaExists(db: Kysely<DB>): Promise<boolean> {
  return Boolean(await db.selectFrom('area').select('id').where('code', '=', DEMO_AREA.code).executeTakeFirst());
}

export async function seedDemo(db: Kysely<DB>, today: Temporal.PlainDate, seeders: DemoSeeder[] = []): Promise<{ created: boolean; areaId: string }> {
  const existing = await db.selectFrom('area').select('id').where('code', '=', DEMO_AREA.code).executeTakeFirst();
  if (existing) return { created: false, areaId: existing.id };
  const hash = await hashPassword(DEMO_PASSWORD);
  const seeded = await asSystem(db, async (trx) => {
    const area = await trx.insertInto('area').values({ code: DEMO_AREA.code, name: DEMO_AREA.name, region_code: DEMO_AREA.regionCode, region_name: DEMO_AREA.regionName, icb_name: DEMO_AREA.icbName })
      .returning('id').executeTakeFirstOrThrow();
    const orgIds: Record<string, string> = {};
    for (const o of DEMO_ORGANISATIONS) {
      const row = await trx.insertInto('organisation').values({ area_id: area.id, kind: o.kind, name: o.name, urn: 'urn' in o ? o.urn : null, ukprn: 'ukprn' in o ? o.ukprn : null })
        .returning('id').executeTakeFirstOrThrow();
      orgIds[o.key] = row.id;
    }
    const userIds: Record<string, string> = {};
    for (const p of DEMO_PEOPLE) {
      const existingUser = await trx.selectFrom('app_user').select('id').where('email', '=', p.email).executeTakeFirst();
      const user = existingUser ?? await trx.insertInto('app_user').values({
        email: p.email, name: p.name, password_hash: hash, status: 'active', password_changed_at: new Date(),
        totp_secret: p.role === 'area-admin' ? DEMO_ADMIN_TOTP_SECRET : null, totp_enabled: p.role === 'area-admin',
      }).returning('id').executeTakeFirstOrThrow();
      userIds[p.role] = user.id;
      await trx.insertInto('membership').values({ area_id: area.id, user_id: user.id, organisation_id: orgIds[p.org]!, role: p.role }).execute();
    }
    for (const s of seeders) await s.seed({ trx, areaId: area.id, orgIds, userIds, today });
    await audit(trx, { actorLabel: 'system:seed-demo', areaId: area.id }, { action: 'demo.seeded', entityType: 'area', entityId: area.id });
    return { created: true, areaId: area.id };
  });
  return seeded;
}

export function demoSignInText(): string {
  const rows = DEMO_PEOPLE.map((p) => `    ${p.email.padEnd(36)} ${p.role}`).join('\n');
  return `Demo sign-in (synthetic people, demo area "${DEMO_AREA.name}" ${DEMO_AREA.code}). Password for all: ${DEMO_PASSWORD}\n${rows}\n`
    + `    The administrator also needs a security code: run \`npx joinedup demo-code\` (authenticator key ${DEMO_ADMIN_TOTP_SECRET}).`;
}
