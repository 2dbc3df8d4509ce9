// The morning deadline digest: each person holding open cases with a step overdue or due within 14
// days gets one email per area with the counts and links to their tray. The email names no child:
// it carries no personal data beyond the recipient's own name. Runs as a pg-boss job on a weekday cron.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db-types.ts';
import { asSystem, withArea } from '../../platform/db/database.ts';
import { audit } from '../../platform/audit/audit.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { AT_RISK_DAYS } from './service.ts';

export async function sendDeadlineDigests(db: Kysely<DB>, mailer: Mailer, today: Temporal.PlainDate, publicUrl: string): Promise<{ sent: number }> {
  const t = today.toString();
  const horizon = today.add({ days: AT_RISK_DAYS }).toString();
  const areas = await asSystem(db, (trx) => trx.selectFrom('ehc_case').select('area_id').distinct().where('is_open', '=', true).execute());
  let sent = 0;
  for (const { area_id: areaId } of areas) {
    await withArea(db, areaId, async (trx) => {
      const rows = await trx.selectFrom('ehc_case as k').innerJoin('app_user as u', 'u.id', 'k.assigned_to')
        .select(['u.id', 'u.name', 'u.email',
          sql<number>`count(*) filter (where k.next_due_on < ${t})::int`.as('overdue'),
          sql<number>`count(*) filter (where k.next_due_on >= ${t} and k.next_due_on <= ${horizon})::int`.as('atRisk')])
        .where('k.is_open', '=', true).where('u.status', '=', 'active').groupBy(['u.id', 'u.name', 'u.email']).orderBy('u.email').execute();
      let here = 0;
      for (const r of rows) {
        const overdue = Number(r.overdue);
        const atRisk = Number(r.atRisk);
        if (overdue + atRisk === 0) continue;
        const parts = [overdue ? `${overdue} overdue` : '', atRisk ? `${atRisk} due within ${AT_RISK_DAYS} days` : ''].filter(Boolean);
        await mailer.send(trx, {
          to: r.email, areaId,
          subject: `Your casework: ${parts.join(', ')}`,
          text: `Hello ${r.name},\n\nCases assigned to you have statutory steps ${parts.join(' and ')}.\n\n`
            + (overdue ? `Overdue: ${publicUrl}/casework?filter=overdue\n` : '')
            + (atRisk ? `Due soon: ${publicUrl}/casework?filter=at-risk\n` : '')
            + '\nThis email is sent each weekday morning while you have cases overdue or due soon.',
        });
        here++;
      }
      await audit(trx, { actorLabel: 'system:casework-digest', areaId }, { action: 'case.digest-sent', detail: { today: t, sent: here } });
      sent += here;
    });
  }
  return { sent };
}
