// Which reminder a statutory deadline is due today, and what the emails say. Pure: no clock, no I/O.
//
// A deadline gets at most one reminder per stage: one for each configured lead ("10 working days
// before", "2 working days before"), and one once it is overdue. On any day only the latest stage
// reached applies (a deadline first seen 1 working day out gets the 2-day reminder, not both), and
// the job records each one sent, so stages are never repeated. Emails carry the case reference and
// a link, never the child's name.
import { adviceTimescales, formatLongDate, isWorkingDay, type PlainDate } from '../statutory/index.ts';

/** Working days after `today` up to and including `due` (0 when due today). */
export function workingDaysUntil(today: PlainDate, due: PlainDate): number {
  let n = 0;
  for (let d = today.add({ days: 1 }); Temporal.PlainDate.compare(d, due) <= 0; d = d.add({ days: 1 })) if (isWorkingDay(d)) n++;
  return n;
}

/** 'overdue', 'lead-<N>' for the smallest lead already reached, or null when no reminder is due yet. */
export function reminderStage(due: PlainDate, today: PlainDate, leads: readonly number[]): string | null {
  if (Temporal.PlainDate.compare(today, due) > 0) return 'overdue';
  const left = workingDaysUntil(today, due);
  const reached = [...leads].sort((a, b) => a - b).find((lead) => left <= lead);
  return reached === undefined ? null : `lead-${reached}`;
}

/** The reference people quote for a case in email (no names): the first 8 characters of its id. */
export function caseReference(caseId: string): string {
  return caseId.slice(0, 8).toUpperCase();
}

export interface Mail { subject: string; text: string }

const when = (stage: string, due: PlainDate, today: PlainDate): string => {
  if (stage === 'overdue') return `was due on ${formatLongDate(due)} and is overdue`;
  const left = workingDaysUntil(today, due);
  return left === 0 ? `is due today, ${formatLongDate(due)}` : `is due on ${formatLongDate(due)}, in ${left} working ${left === 1 ? 'day' : 'days'}`;
};

/** To the caseworker holding the case: one statutory step the council owes. */
export function caseworkerReminder(o: { caseId: string; label: string; basis: string; due: PlainDate; stage: string; today: PlainDate; publicUrl: string }): Mail {
  const ref = caseReference(o.caseId);
  const status = o.stage === 'overdue' ? 'overdue' : `due ${formatLongDate(o.due)}`;
  return {
    subject: `Case ${ref}: ${o.label} ${status}`,
    text: `A statutory step on case ${ref}, which you hold, ${when(o.stage, o.due, o.today)}.\n\n`
      + `Step: ${o.label}\nDue: ${formatLongDate(o.due)}\nLegal basis: ${o.basis}\n\n`
      + `Open the case: ${o.publicUrl}/casework/cases/${o.caseId}\n\n`
      + (o.stage === 'overdue' ? 'This is the only reminder sent once a step is overdue.' : 'You will be reminded again nearer the date and once if it becomes overdue.'),
  };
}

export interface AdviceMailInput {
  caseId: string;
  /** The day the contributor received the request (reg 8(1) counts from receipt). */
  requestedOn: PlainDate;
  caseworker: { name: string; email: string } | null;
  /** A link to the case for a Joined Up user; external contributors cannot open it. */
  publicUrl: string | null;
}

function adviceDue(requestedOn: PlainDate) {
  const t = adviceTimescales(requestedOn);
  return { due: t.dates.adviceDue, basis: t.bases.adviceDue };
}

function contact(i: AdviceMailInput): string {
  return (i.publicUrl ? `Open the case: ${i.publicUrl}/casework/cases/${i.caseId}\n` : '')
    + (i.caseworker ? `Send your advice to, or ask questions of, the caseworker: ${i.caseworker.name} <${i.caseworker.email}>\n` : '');
}

/** The request for advice itself, sent when it is recorded. */
export function adviceRequestMail(i: AdviceMailInput): Mail & { due: PlainDate } {
  const ref = caseReference(i.caseId);
  const { due, basis } = adviceDue(i.requestedOn);
  return {
    due,
    subject: `Advice requested for EHC needs assessment ${ref}: due ${formatLongDate(due)}`,
    text: `The council has asked you for advice and information for an education, health and care needs assessment (case ${ref}).\n\n`
      + `Please send your advice by ${formatLongDate(due)}: 6 weeks from ${formatLongDate(i.requestedOn)}, the day you received the request (${basis}).\n\n`
      + `${contact(i)}\nYou will be reminded before the date, and once if it passes, until your advice is recorded as received.`,
  };
}

/** A reminder to a contributor whose advice has not been received yet. */
export function adviceReminderMail(i: AdviceMailInput & { stage: string; today: PlainDate }): Mail & { due: PlainDate } {
  const ref = caseReference(i.caseId);
  const { due } = adviceDue(i.requestedOn);
  return {
    due,
    subject: `Reminder: advice for EHC needs assessment ${ref} ${i.stage === 'overdue' ? 'is overdue' : `due ${formatLongDate(due)}`}`,
    text: `Your advice for education, health and care needs assessment ${ref}, requested on ${formatLongDate(i.requestedOn)}, ${when(i.stage, due, i.today)}.\n\n${contact(i)}`,
  };
}
