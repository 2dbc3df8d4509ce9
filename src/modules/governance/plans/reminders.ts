// Monthly reminder to action leads whose actions need an update (no update in the last month, or past
// their due date and not complete). A lead is matched to a person in the area by email address (when
// the lead column holds one) or by name (case-insensitive); leads that match nobody are skipped.
// One email per person per area, listing their actions. Runs as a pg-boss job on a monthly cron.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db-types.ts';
import { asSystem, withArea } from '../../../platform/db/database.ts';
import { audit } from '../../../platform/audit/audit.ts';
import type { Mailer } from '../../../platform/mail/mailer.ts';
import { planActions } from './service.ts';
import { PLAN_REMINDER_QUEUE } from './queue.ts';

export { PLAN_REMINDER_QUEUE };
/** 08:00 on the first working-ish day: the 1st of each month (Europe/London). */
export const PLAN_REMINDER_CRON = '0 8 1 * *';

export interface ReminderResult { sent: number; skippedLeads: number }

function normalise(s: string): string {
  return s.trim().toLowerCase().replace(/\s+/g, ' ');
}

export async function sendPlanReminders(db: Kysely<DB>, mailer: Mailer, today: Temporal.PlainDate, publicUrl: string): Promise<ReminderResult> {
  const areas = await asSystem(db, (trx) => trx.selectFrom('improvement_plan').select('area_id').distinct().where('status', '=', 'open').execute());
  let sent = 0;
  let skippedLeads = 0;
  for (const { area_id: areaId } of areas) {
    await withArea(db, areaId, async (trx) => {
      const open = await trx.selectFrom('improvement_plan').select(['id', 'name']).where('status', '=', 'open').orderBy('name').execute();
      const people = await trx.selectFrom('membership as m').innerJoin('app_user as u', 'u.id', 'm.user_id')
        .select(['u.id', 'u.email', 'u.name']).distinct().where('m.area_id', '=', areaId).where('u.status', '=', 'active').execute();
      const byEmail = new Map(people.map((p) => [p.email.toLowerCase(), p]));
      const byName = new Map<string, typeof people[number] | null>();
      for (const p of people) byName.set(normalise(p.name), byName.has(normalise(p.name)) ? null : p); // an ambiguous name matches nobody
      const due = new Map<string, { person: typeof people[number]; lines: string[] }>();
      const unmatched = new Set<string>();
      for (const plan of open) {
        for (const a of await planActions(trx, plan.id, today)) {
          if (!a.flags.updateOverdue && !a.flags.pastDueDate) continue;
          const person = byEmail.get(a.leadOfficer.trim().toLowerCase()) ?? byName.get(normalise(a.leadOfficer)) ?? null;
          if (!person) {
            unmatched.add(a.leadOfficer);
            continue;
          }
          const why = [a.flags.updateOverdue ? (a.lastUpdateDate ? `last update ${a.lastUpdateDate}` : 'no update yet') : '', a.flags.pastDueDate ? `due ${a.dueDate}` : ''].filter(Boolean).join('; ');
          const entry = due.get(person.id) ?? { person, lines: [] };
          entry.lines.push(`- ${plan.name}, action ${a.reference} (${a.statusLabel}; ${why}): ${publicUrl}/governance/plans/${plan.id}/actions/${a.id}`);
          due.set(person.id, entry);
        }
      }
      skippedLeads += unmatched.size;
      for (const { person, lines } of due.values()) {
        await mailer.send(trx, {
          to: person.email, areaId,
          subject: `Improvement plan updates due (${lines.length} ${lines.length === 1 ? 'action' : 'actions'})`,
          text: `Hello ${person.name},\n\nThese improvement plan actions you lead need a progress update:\n\n${lines.join('\n')}\n\nAdd an update on each action's page. Complete actions need no further updates.`,
        });
        sent++;
      }
      await audit(trx, { actorLabel: 'system:plan-reminders', areaId }, { action: 'improvement-plan.reminders-sent', detail: { sent: due.size, skippedLeads: unmatched.size } });
    });
  }
  return { sent, skippedLeads };
}

export function registerPlanReminders(app: FastifyInstance): void {
  const { ctx } = app;
  ctx.jobDefinitions.push({
    name: PLAN_REMINDER_QUEUE, cron: PLAN_REMINDER_CRON, retryLimit: 2, retryDelaySeconds: 300,
    handler: async () => { await sendPlanReminders(ctx.database.db, ctx.mailer, ctx.clock.today(), ctx.config.publicUrl); },
  });
}
