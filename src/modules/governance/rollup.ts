/**
 * Action-plan progress roll-ups "as at" any date, in the shape council progress reports use:
 * per priority and overall, % of actions complete / on target / delayed / not started.
 *
 * Rules (decisions recorded here because the docs are silent):
 *  - An action's status as at D is the status of its latest history entry with effectiveDate ≤ D.
 *    Entries with the same effectiveDate: the later one in the input array wins.
 *  - An action with no entry on or before D counts as not started.
 *  - An action whose `createdOn` (the date it was added to the plan) is after D is excluded: it was
 *    not in the plan on that date. `startDate` never excludes: an action whose start date is still
 *    in the future is in the plan and counts as not started (Halton July 2024: "not yet started
 *    (although this does not mean they are delayed)").
 *  - Under BRAG, `complete` INCLUDES embedded actions; `embedded` is an "of which" count. So
 *    complete + onTarget + delayed + notStarted = actions in both schemes and % complete means the
 *    same thing in either. Under RAG an 'embedded' entry counts as complete and no embedded field
 *    is returned.
 *  - Each percentage is computed from its own count and rounded half up to a whole number with
 *    integer arithmetic, so a row need not sum to 100 (as in council papers). No actions → null.
 *  - History entries for actions not in the list are ignored.
 */
import { toPlainDate, type DateLike } from './dates.ts';
import type { ActionStatus, StatusScheme } from './status.ts';

export interface RollupAction {
  id: string;
  priorityRef: string;
  /** Date the action was added to the plan; actions created after asAt are excluded. */
  createdOn?: DateLike | null;
}

export interface StatusHistoryEntry {
  actionId: string;
  effectiveDate: DateLike;
  status: ActionStatus;
}

export interface RollupCounts {
  actions: number;
  /** Under BRAG includes embedded. */
  complete: number;
  onTarget: number;
  delayed: number;
  notStarted: number;
  /** BRAG only: of `complete`, how many are embedded. */
  embedded?: number;
  percentComplete: number | null;
  percentOnTarget: number | null;
  percentDelayed: number | null;
  percentNotStarted: number | null;
  percentCompleteOrOnTarget: number | null;
  /** BRAG only. */
  percentEmbedded?: number | null;
}

export interface PriorityRollup extends RollupCounts {
  priorityRef: string;
}

export interface ActionStatusAsAt {
  actionId: string;
  priorityRef: string;
  status: ActionStatus;
  /** effectiveDate ('YYYY-MM-DD') of the entry giving the status; null if none (not started). */
  since: string | null;
}

export interface PlanRollup {
  asAt: string;
  scheme: StatusScheme;
  priorities: PriorityRollup[];
  overall: RollupCounts;
  actions: ActionStatusAsAt[];
}

export interface RollupOptions {
  scheme?: StatusScheme;
  /** Priority order; priorities listed here appear even with no actions. Others follow in order of first appearance. */
  priorityRefs?: readonly string[];
}

/** round(100 × part / whole), half up, exact integer arithmetic; null when whole is 0. */
export function percent(part: number, whole: number): number | null {
  if (!Number.isInteger(part) || !Number.isInteger(whole) || part < 0 || whole < 0) {
    throw new RangeError(`percent needs non-negative integers, got ${part}/${whole}`);
  }
  if (whole === 0) return null;
  const numerator = 200 * part + whole; // (100p/w + 1/2) = (200p + w) / 2w
  const denominator = 2 * whole;
  return (numerator - (numerator % denominator)) / denominator;
}

/** Status of each action as at a date (excluding actions created after it). */
export function statusesAsAt(
  actions: readonly RollupAction[],
  history: readonly StatusHistoryEntry[],
  asAt: DateLike,
  scheme: StatusScheme = 'rag',
): ActionStatusAsAt[] {
  const date = toPlainDate(asAt, 'asAt');
  const latest = new Map<string, { date: Temporal.PlainDate; status: ActionStatus }>();
  for (const entry of history) {
    const effective = toPlainDate(entry.effectiveDate, `effectiveDate of action ${entry.actionId}`);
    if (Temporal.PlainDate.compare(effective, date) > 0) continue;
    const current = latest.get(entry.actionId);
    if (!current || Temporal.PlainDate.compare(effective, current.date) >= 0) {
      latest.set(entry.actionId, { date: effective, status: entry.status });
    }
  }
  const result: ActionStatusAsAt[] = [];
  for (const action of actions) {
    if (action.createdOn != null) {
      const created = toPlainDate(action.createdOn, `createdOn of action ${action.id}`);
      if (Temporal.PlainDate.compare(created, date) > 0) continue;
    }
    const found = latest.get(action.id);
    let status: ActionStatus = found ? found.status : 'not-started';
    if (status === 'embedded' && scheme === 'rag') status = 'complete';
    result.push({
      actionId: action.id,
      priorityRef: action.priorityRef,
      status,
      since: found ? found.date.toString() : null,
    });
  }
  return result;
}

/** Counts and percentages for a set of statuses. */
export function countStatuses(statuses: readonly ActionStatus[], scheme: StatusScheme = 'rag'): RollupCounts {
  let complete = 0;
  let onTarget = 0;
  let delayed = 0;
  let notStarted = 0;
  let embedded = 0;
  for (const status of statuses) {
    switch (status) {
      case 'embedded':
        embedded++;
        complete++;
        break;
      case 'complete':
        complete++;
        break;
      case 'on-target':
        onTarget++;
        break;
      case 'delayed':
        delayed++;
        break;
      case 'not-started':
        notStarted++;
        break;
    }
  }
  const actions = statuses.length;
  const counts: RollupCounts = {
    actions,
    complete,
    onTarget,
    delayed,
    notStarted,
    percentComplete: percent(complete, actions),
    percentOnTarget: percent(onTarget, actions),
    percentDelayed: percent(delayed, actions),
    percentNotStarted: percent(notStarted, actions),
    percentCompleteOrOnTarget: percent(complete + onTarget, actions),
  };
  if (scheme === 'brag') {
    counts.embedded = embedded;
    counts.percentEmbedded = percent(embedded, actions);
  }
  return counts;
}

/** Per-priority and overall roll-up as at a date. */
export function rollupPlan(
  actions: readonly RollupAction[],
  history: readonly StatusHistoryEntry[],
  asAt: DateLike,
  options: RollupOptions = {},
): PlanRollup {
  const scheme = options.scheme ?? 'rag';
  const asAtDate = toPlainDate(asAt, 'asAt');
  const statuses = statusesAsAt(actions, history, asAtDate, scheme);

  const order: string[] = [];
  const seen = new Set<string>();
  const add = (ref: string) => {
    if (!seen.has(ref)) {
      seen.add(ref);
      order.push(ref);
    }
  };
  for (const ref of options.priorityRefs ?? []) add(ref);
  for (const action of actions) add(action.priorityRef);

  const byPriority = new Map<string, ActionStatus[]>(order.map((ref) => [ref, []]));
  for (const s of statuses) byPriority.get(s.priorityRef)?.push(s.status);

  return {
    asAt: asAtDate.toString(),
    scheme,
    priorities: order.map((priorityRef) => ({ priorityRef, ...countStatuses(byPriority.get(priorityRef) ?? [], scheme) })),
    overall: countStatuses(
      statuses.map((s) => s.status),
      scheme,
    ),
    actions: statuses,
  };
}
