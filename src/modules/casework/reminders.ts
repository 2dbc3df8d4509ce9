// Casework email: the morning digest, the reminders before each deadline, and advice requests.
//
// The morning deadline digest: each person holding open cases with a step overdue or due within 14
// days gets one email per area with the counts and links to their tray. The email names no child:
// it carries no personal data beyond the recipient's own name. Runs as a pg-boss job on a weekday cron.
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db-types.ts';
import { asSystem, withArea } from '../../platform/db/database.ts';
import { audit } from '../../platform/audit/audit.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { AT_RISK_DAYS } from './service.ts';
import { addWorkingDays } from '../statutory/index.ts';
import { fold } from './fold.ts';
import { loadEvents } from './repository.ts';
import { adviceReminderMail, adviceRequestMail, caseworkerReminder, reminderStage } from './reminder-rules.ts';

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

// ---------------------------------------------------------------------------
// Reminders before each deadline, and advice requests by email
// ---------------------------------------------------------------------------

/** Records that a reminder is being sent; false when it already was (then nothing is sent). */
async function claim(trx: Transaction<DB>, r: { areaId: string; caseId: string; key: string; due: string; stage: string; recipient: string; today: string }): Promise<boolean> {
  const row = await trx.insertInto('case_reminder')
    .values({ area_id: r.areaId, case_id: r.caseId, deadline_key: r.key, due_on: r.due, stage: r.stage, recipient: r.recipient, sent_on: r.today })
    .onConflict((oc) => oc.columns(['case_id', 'deadline_key', 'due_on', 'stage']).doNothing())
    .returning('case_id').executeTakeFirst();
  return row !== undefined;
}

/** Where an advice request goes: the Joined Up user asked (if still active in the area), else the address on the form. */
async function adviceRecipient(trx: Transaction<DB>, areaId: string, data: Record<string, unknown>): Promise<{ email: string; isUser: boolean } | null> {
  if (typeof data['contributorUserId'] === 'string') {
    const u = await trx.selectFrom('app_user as u').innerJoin('membership as m', 'm.user_id', 'u.id').select('u.email')
      .where('u.id', '=', data['contributorUserId']).where('m.area_id', '=', areaId).where('u.status', '=', 'active').executeTakeFirst();
    if (u) return { email: u.email, isUser: true };
  }
  return typeof data['contributorEmail'] === 'string' && data['contributorEmail'] ? { email: data['contributorEmail'], isUser: false } : null;
}

async function caseworkerOf(trx: Transaction<DB>, caseId: string) {
  return trx.selectFrom('ehc_case as k').innerJoin('app_user as u', 'u.id', 'k.assigned_to').select(['u.name', 'u.email', 'u.status'])
    .where('k.id', '=', caseId).executeTakeFirst();
}

/**
 * Emails an advice request to the contributor, once (recorded like a reminder). Called in the
 * transaction that records the `advice-requested` event, and by the daily job for any request not
 * yet sent (e.g. recorded when mail was not configured). Not sent once the advice is overdue: the
 * overdue reminder says the same thing.
 */
export async function sendAdviceRequest(trx: Transaction<DB>, mailer: Mailer, o: { areaId: string; caseId: string; eventId: string; requestedOn: string; data: Record<string, unknown>; today: Temporal.PlainDate; publicUrl: string }): Promise<boolean> {
  const to = await adviceRecipient(trx, o.areaId, o.data);
  if (!to) return false;
  const requestedOn = Temporal.PlainDate.from(o.requestedOn);
  const worker = await caseworkerOf(trx, o.caseId);
  const mail = adviceRequestMail({ caseId: o.caseId, requestedOn, caseworker: worker ? { name: worker.name, email: worker.email } : null, publicUrl: to.isUser ? o.publicUrl : null });
  if (reminderStage(mail.due, o.today, []) === 'overdue') return false;
  if (!(await claim(trx, { areaId: o.areaId, caseId: o.caseId, key: `advice:${o.eventId}`, due: mail.due.toString(), stage: 'request', recipient: to.email, today: o.today.toString() }))) return false;
  await mailer.send(trx, { to: to.email, subject: mail.subject, text: mail.text, areaId: o.areaId });
  return true;
}

/**
 * The daily reminder job. For every open case with a step due within the longest lead (or gathering
 * advice): the assigned caseworker is emailed about each council-owed step reaching a lead or
 * becoming overdue, and each contributor whose advice is outstanding gets their request (if never
 * sent) or a reminder. Each reminder is sent once: see `case_reminder`.
 */
export async function sendDeadlineReminders(db: Kysely<DB>, mailer: Mailer, o: { today: Temporal.PlainDate; publicUrl: string; leads: readonly number[] }): Promise<{ sent: number }> {
  const t = o.today.toString();
  const horizon = addWorkingDays(o.today, Math.max(0, ...o.leads)).toString();
  const areas = await asSystem(db, (trx) => trx.selectFrom('ehc_case').select('area_id').distinct().where('is_open', '=', true).execute());
  let sent = 0;
  for (const { area_id: areaId } of areas) {
    await withArea(db, areaId, async (trx) => {
      const cases = await trx.selectFrom('ehc_case as k').leftJoin('app_user as u', 'u.id', 'k.assigned_to')
        .select(['k.id', 'u.name', 'u.email', 'u.status'])
        .where('k.is_open', '=', true).where((eb) => eb.or([eb('k.next_due_on', '<=', horizon), eb('k.stage', '=', 'assessment')]))
        .orderBy('k.id').execute();
      const done: { caseId: string; key: string; stage: string }[] = [];
      for (const k of cases) {
        const events = await loadEvents(trx, k.id);
        const summary = fold(events, o.today);
        if (k.email && k.status === 'active') {
          for (const d of summary.deadlines) {
            if (!d.counts || d.owner !== 'council') continue;
            const due = Temporal.PlainDate.from(d.due);
            const stage = reminderStage(due, o.today, o.leads);
            if (!stage || !(await claim(trx, { areaId, caseId: k.id, key: d.key, due: d.due, stage, recipient: k.email, today: t }))) continue;
            const mail = caseworkerReminder({ caseId: k.id, label: d.label, basis: d.basis, due, stage, today: o.today, publicUrl: o.publicUrl });
            await mailer.send(trx, { to: k.email, subject: mail.subject, text: mail.text, areaId });
            done.push({ caseId: k.id, key: d.key, stage });
          }
        }
        for (const [i, a] of summary.advice.entries()) {
          if (a.returnedOn || !summary.deadlines.find((d) => d.key === `advice:${i}`)?.applies) continue;
          const data = events.find((e) => e.id === a.eventId)?.data ?? {};
          const common = { areaId, caseId: k.id, eventId: a.eventId, requestedOn: a.requestedOn, data, today: o.today, publicUrl: o.publicUrl };
          if (await sendAdviceRequest(trx, mailer, common)) {
            done.push({ caseId: k.id, key: `advice:${a.eventId}`, stage: 'request' });
            continue;
          }
          const to = await adviceRecipient(trx, areaId, data);
          if (!to) continue;
          const worker = k.email && k.status === 'active' ? { name: k.name!, email: k.email } : null;
          const requestedOn = Temporal.PlainDate.from(a.requestedOn);
          const due = adviceRequestMail({ caseId: k.id, requestedOn, caseworker: null, publicUrl: null }).due;
          const stage = reminderStage(due, o.today, o.leads);
          if (!stage || !(await claim(trx, { areaId, caseId: k.id, key: `advice:${a.eventId}`, due: due.toString(), stage, recipient: to.email, today: t }))) continue;
          const mail = adviceReminderMail({ caseId: k.id, requestedOn, caseworker: worker, publicUrl: to.isUser ? o.publicUrl : null, stage, today: o.today });
          await mailer.send(trx, { to: to.email, subject: mail.subject, text: mail.text, areaId });
          done.push({ caseId: k.id, key: `advice:${a.eventId}`, stage });
        }
      }
      // The job read these cases' records: audited, identifiers only.
      if (cases.length) await audit(trx, { actorLabel: 'system:casework-reminders', areaId }, { action: 'case.reminders-sent', detail: { today: t, casesChecked: cases.length, sent: done } });
      sent += done.length;
    });
  }
  return { sent };
}
