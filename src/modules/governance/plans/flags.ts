/**
 * When an action needs attention, as at a date (pure rules; table-driven tests in flags.test.ts).
 *
 *  - "Update overdue": the action is not complete (or embedded) and its latest progress update is
 *    more than one calendar month before the date (or it has none). An update dated exactly one
 *    month before still counts as "in the last month".
 *  - "Past due date": the action is not complete (or embedded) and its due date is before the date.
 *  - Complete and embedded actions need neither.
 *  - An action whose start date is still in the future and that has not started is not flagged as
 *    needing an update (there is nothing to report yet) — but it is still flagged if past its due date.
 */
import type { ActionStatus } from '../status.ts';

export interface FlagInput {
  status: ActionStatus;
  dueDate: string;
  startDate: string | null;
  lastUpdateDate: string | null;
}

export interface ActionFlags {
  updateOverdue: boolean;
  pastDueDate: boolean;
}

export function isDone(status: ActionStatus): boolean {
  return status === 'complete' || status === 'embedded';
}

export function actionFlags(a: FlagInput, asAt: Temporal.PlainDate): ActionFlags {
  if (isDone(a.status)) return { updateOverdue: false, pastDueDate: false };
  const pastDueDate = Temporal.PlainDate.compare(Temporal.PlainDate.from(a.dueDate), asAt) < 0;
  const notYetStarting = a.status === 'not-started' && a.startDate !== null && Temporal.PlainDate.compare(Temporal.PlainDate.from(a.startDate), asAt) > 0;
  const monthAgo = asAt.subtract({ months: 1 });
  const updateOverdue = !notYetStarting && (a.lastUpdateDate === null || Temporal.PlainDate.compare(Temporal.PlainDate.from(a.lastUpdateDate), monthAgo) < 0);
  return { updateOverdue, pastDueDate };
}

export function needsUpdate(a: FlagInput, asAt: Temporal.PlainDate): boolean {
  const f = actionFlags(a, asAt);
  return f.updateOverdue || f.pastDueDate;
}
