// Statutory casework: opening a case on a request, recording events, viewing a case (as at any date),
// the work trays and reassignment. Each change is one area transaction with its audit event; nothing
// is half-saved. Status and deadlines are never stored as facts: they are folded from the events and
// the result is cached on the case row for the trays.
import type { Kysely } from 'kysely';
import type { DB } from '../../db-types.ts';
import { withArea } from '../../platform/db/database.ts';
import { audit, type AuditContext } from '../../platform/audit/audit.ts';
import { authorise, isAreaWide, type Action, type Principal } from '../../platform/auth/policy.ts';
import { NotFoundError, ValidationError, type FieldError } from '../../platform/http/errors.ts';
import type { Clock } from '../../platform/time/clock.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { formatLongDate } from '../statutory/index.ts';
import { EVENT_LABELS, FIRST_EVENT_TYPES, isEventType, parseEventData, REQUESTERS, type EventType } from './events.ts';
import { checkNewEvent, fold, nextEventTypes, type CaseSummary } from './fold.ts';
import * as repo from './repository.ts';
import { comparePlans, planVersions } from './plan-versions.ts';
import { listCaseDocuments } from './documents/repository.ts';
import type { Carer } from './tables.ts';
import { sendAdviceRequest } from './reminders.ts';

/** `mailer` and `publicUrl` (given by the routes) let an advice request be emailed as it is recorded. */
export interface CaseworkDeps { db: Kysely<DB>; clock: Clock; mailer?: Mailer | undefined; publicUrl?: string | undefined }
export type CaseCtx = AuditContext & { principal: Principal };

/** Days ahead that count as "at risk" on the trays. */
export const AT_RISK_DAYS = 14;
export const PAGE_SIZE = 50;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO = /^\d{4}-\d{2}-\d{2}$/;

function plainDate(s: string): Temporal.PlainDate | null {
  if (!ISO.test(s)) return null;
  try { return Temporal.PlainDate.from(s, { overflow: 'reject' }); } catch { return null; }
}

// ---------------------------------------------------------------------------
// A new request for assessment
// ---------------------------------------------------------------------------

export interface NewRequestInput {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  upn?: string | undefined;
  uln?: string | undefined;
  nhsNumber?: string | undefined;
  homeLaCode?: string | undefined;
  carers?: Carer[] | undefined;
  /** Who asked (a request); ignored for a transfer in. */
  requester: string;
  requesterDetail?: string | undefined;
  /** The day the request was received, or for a transfer in the day the plan was transferred. */
  receivedOn: string;
  /** A plan transferred in from another council (reg 15) instead of a new request. */
  transferIn?: { fromLa: string; lastReviewOn: string } | undefined;
  /** Who holds the case; the person recording it when not given. */
  assignedTo?: string | undefined;
}

export function validateRequest(input: NewRequestInput, today: Temporal.PlainDate): FieldError[] {
  const errors: FieldError[] = [];
  if (!input.givenName.trim()) errors.push({ field: 'givenName', message: 'Enter the child or young person\'s first name' });
  else if (input.givenName.length > 100) errors.push({ field: 'givenName', message: 'First name must be 100 characters or fewer' });
  if (!input.familyName.trim()) errors.push({ field: 'familyName', message: 'Enter the child or young person\'s last name' });
  else if (input.familyName.length > 100) errors.push({ field: 'familyName', message: 'Last name must be 100 characters or fewer' });
  const dob = plainDate(input.dateOfBirth);
  if (!input.dateOfBirth) errors.push({ field: 'dateOfBirth', message: 'Enter their date of birth' });
  else if (!dob) errors.push({ field: 'dateOfBirth', message: 'Date of birth must be a real date' });
  else if (Temporal.PlainDate.compare(dob, today) > 0) errors.push({ field: 'dateOfBirth', message: 'Date of birth must be in the past' });
  else if (dob.until(today, { largestUnit: 'years' }).years >= 26) errors.push({ field: 'dateOfBirth', message: 'An EHC plan can be kept only until the end of the academic year in which the young person turns 25' });
  if (input.upn && !/^[A-Z][0-9]{11}[0-9A-Z]$/.test(input.upn)) errors.push({ field: 'upn', message: 'Unique pupil number must be 13 characters: a letter, 11 digits, then a digit or letter' });
  if (input.uln && !/^[0-9]{10}$/.test(input.uln)) errors.push({ field: 'uln', message: 'Unique learner number must be 10 digits' });
  if (input.nhsNumber && !/^[0-9]{10}$/.test(input.nhsNumber.replace(/\s/g, ''))) errors.push({ field: 'nhsNumber', message: 'NHS number must be 10 digits' });
  if (input.homeLaCode && !/^[0-9]{3}$/.test(input.homeLaCode)) errors.push({ field: 'homeLaCode', message: 'Home local authority must be a 3-digit LA number' });
  for (const [i, c] of (input.carers ?? []).entries()) {
    if (c.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(c.email)) errors.push({ field: i === 0 ? 'carerEmail' : `carers.${i}.email`, message: 'Enter an email address in the correct format, like name@example.com' });
    if (c.contactBy === 'email' && !c.email) errors.push({ field: i === 0 ? 'carerEmail' : `carers.${i}.email`, message: 'Enter an email address, or choose another way to contact them' });
    if (c.contactBy === 'phone' && !c.phone) errors.push({ field: i === 0 ? 'carerPhone' : `carers.${i}.phone`, message: 'Enter a phone number, or choose another way to contact them' });
  }
  const t = input.transferIn;
  if (t) {
    if (!/^[0-9]{3}$/.test(t.fromLa)) errors.push({ field: 'fromLa', message: 'Enter the old council\'s 3-digit LA number' });
  } else if (!Object.prototype.hasOwnProperty.call(REQUESTERS, input.requester)) errors.push({ field: 'requester', message: 'Select who asked for the assessment' });
  const what = t ? 'the date the plan was transferred' : 'the date the request was received';
  const What = what.charAt(0).toUpperCase() + what.slice(1);
  const received = plainDate(input.receivedOn);
  if (!input.receivedOn) errors.push({ field: 'receivedOn', message: `Enter ${what}` });
  else if (!received) errors.push({ field: 'receivedOn', message: `${What} must be a real date` });
  else if (Temporal.PlainDate.compare(received, today) > 0) errors.push({ field: 'receivedOn', message: `${What} (${formatLongDate(received)}) cannot be in the future: today is ${formatLongDate(today)}` });
  else if (dob && Temporal.PlainDate.compare(received, dob) < 0) errors.push({ field: 'receivedOn', message: `${What} cannot be before the date of birth` });
  if (t) {
    const last = plainDate(t.lastReviewOn);
    if (!t.lastReviewOn) errors.push({ field: 'lastReviewOn', message: 'Enter the date the plan was issued or last reviewed' });
    else if (!last) errors.push({ field: 'lastReviewOn', message: 'The date the plan was issued or last reviewed must be a real date' });
    else if (received && Temporal.PlainDate.compare(last, received) > 0) errors.push({ field: 'lastReviewOn', message: `The date the plan was issued or last reviewed (${formatLongDate(last)}) cannot be after the transfer (${formatLongDate(received)})` });
  }
  return errors;
}

export async function createRequest(deps: CaseworkDeps, ctx: CaseCtx, input: NewRequestInput): Promise<{ caseId: string; childId: string }> {
  authorise(ctx.principal, 'case.edit');
  const today = deps.clock.today();
  const errors = validateRequest(input, today);
  if (errors.length) throw new ValidationError(errors);
  const areaId = ctx.principal.areaId;
  return withArea(deps.db, areaId, async (trx) => {
    if (input.assignedTo) {
      if (!UUID.test(input.assignedTo) || !(await repo.caseworkers(trx, areaId)).some((w) => w.id === input.assignedTo)) {
        throw new ValidationError([{ field: 'assignedTo', message: 'Select a caseworker in this area' }]);
      }
    }
    const child = { givenName: input.givenName.trim(), familyName: input.familyName.trim(), dateOfBirth: input.dateOfBirth, upn: input.upn || null };
    const matches = await repo.findChildWithOpenCase(trx, areaId, child);
    const open = matches.find((m) => m.caseId);
    if (open) {
      throw new ValidationError([{ field: 'givenName', message: `This child already has an open case, opened on ${formatLongDate(Temporal.PlainDate.from(open.openedOn!))}: record it on that case, or close that case first` }]);
    }
    const childId = matches[0]?.childId ?? await repo.insertChild(trx, areaId, {
      ...child, uln: input.uln || null, nhsNumber: input.nhsNumber?.replace(/\s/g, '') || null, homeLaCode: input.homeLaCode || null, carers: input.carers ?? [],
    });
    const caseId = await repo.insertCase(trx, areaId, childId, input.assignedTo ?? ctx.principal.userId, input.receivedOn);
    const [type, data]: [EventType, Record<string, unknown>] = input.transferIn
      ? ['transfer-in', { fromLa: input.transferIn.fromLa, lastReviewOn: input.transferIn.lastReviewOn }]
      : ['request-received', { requester: input.requester, ...(input.requesterDetail ? { requesterDetail: input.requesterDetail } : {}) }];
    const [eventId] = await repo.insertEvents(trx, [{ areaId, caseId, seq: 1, type, effectiveDate: input.receivedOn, recordedBy: ctx.principal.userId, data, reason: null, correctsEventId: null }]);
    const events = await repo.loadEvents(trx, caseId);
    await repo.updateCache(trx, caseId, fold(events, today), events.length, deps.clock.now());
    await audit(trx, ctx, { action: 'case.opened', entityType: 'ehc_case', entityId: caseId, detail: { childId, eventId, type, reusedChild: Boolean(matches[0]) } });
    return { caseId, childId };
  });
}

// ---------------------------------------------------------------------------
// Recording an event
// ---------------------------------------------------------------------------

export interface EventInput { type: string; effectiveDate: string; data?: Record<string, unknown> | undefined; reason?: string | undefined; correctsEventId?: string | undefined }

/** The case row, once the policy allows `action` on it (another area's case, or one the person is not involved in, is a 404). */
export async function loadForAccess(trx: Parameters<Parameters<typeof withArea>[2]>[0], principal: Principal, caseId: string, action: Action) {
  const row = UUID.test(caseId) ? await repo.getCase(trx, caseId) : undefined;
  if (!row) throw new NotFoundError();
  const involved = [row.assigned_to, ...(await repo.involvedUserIds(trx, caseId))].filter((x): x is string => Boolean(x));
  authorise(principal, action, { areaId: row.area_id, involvedUserIds: involved });
  return row;
}

export async function recordEvent(deps: CaseworkDeps, ctx: CaseCtx, caseId: string, input: EventInput): Promise<{ eventId: string; summary: CaseSummary }> {
  authorise(ctx.principal, 'case.edit');
  const today = deps.clock.today();
  const errors: FieldError[] = [];
  if (!isEventType(input.type) || FIRST_EVENT_TYPES.includes(input.type)) errors.push({ field: 'type', message: 'Choose a kind of event to record' });
  if (!input.effectiveDate) errors.push({ field: 'effectiveDate', message: 'Enter the date it happened' });
  else if (!plainDate(input.effectiveDate)) errors.push({ field: 'effectiveDate', message: 'The date must be a real date' });
  let data: Record<string, unknown> = {};
  if (errors.length === 0) {
    const parsed = parseEventData(input.type as EventType, input.data);
    if (parsed.ok) data = parsed.data;
    else errors.push(...parsed.errors);
  }
  const type = input.type as EventType;
  const reason = input.reason?.trim() || null;
  if (type === 'correction') {
    if (!reason) errors.push({ field: 'reason', message: 'Enter why the correction is needed' });
    if (!input.correctsEventId || !UUID.test(input.correctsEventId)) errors.push({ field: 'correctsEventId', message: 'Select an event on this case to correct' });
  }
  if (reason && reason.length > 2000) errors.push({ field: 'reason', message: 'The reason must be 2000 characters or fewer' });
  if (errors.length) throw new ValidationError(errors);
  const areaId = ctx.principal.areaId;
  return withArea(deps.db, areaId, async (trx) => {
    await loadForAccess(trx, ctx.principal, caseId, 'case.edit');
    await repo.lockCase(trx, caseId);
    const events = await repo.loadEvents(trx, caseId);
    const problems = checkNewEvent(events, { type, effectiveDate: input.effectiveDate, data, correctsEventId: input.correctsEventId ?? null }, today);
    if (problems.length) throw new ValidationError(problems);
    const seq = events.reduce((m, e) => Math.max(m, e.seq), 0) + 1;
    const [eventId] = await repo.insertEvents(trx, [{ areaId, caseId, seq, type, effectiveDate: input.effectiveDate, recordedBy: ctx.principal.userId, data, reason, correctsEventId: type === 'correction' ? input.correctsEventId! : null }]);
    if (type === 'advice-requested' && typeof data['contributorUserId'] === 'string') {
      const member = await trx.selectFrom('membership').select('user_id').where('area_id', '=', areaId).where('user_id', '=', data['contributorUserId']).executeTakeFirst();
      if (!member) throw new ValidationError([{ field: 'data.contributorUserId', message: 'The person asked for advice must work in this area' }]);
      await repo.addInvolvement(trx, areaId, caseId, member.user_id, 'advice');
    }
    // The contributor gets the request by email in this transaction (sent only if it commits).
    if (type === 'advice-requested' && deps.mailer) {
      await sendAdviceRequest(trx, deps.mailer, { areaId, caseId, eventId: eventId!, requestedOn: input.effectiveDate, data, today, publicUrl: deps.publicUrl ?? '' });
    }
    const all = await repo.loadEvents(trx, caseId);
    const summary = fold(all, today);
    await repo.updateCache(trx, caseId, summary, all.length, deps.clock.now());
    await audit(trx, ctx, { action: 'case.event-recorded', entityType: 'ehc_case', entityId: caseId, detail: { eventId, type, seq, ...(type === 'correction' ? { correctsEventId: input.correctsEventId } : {}) } });
    return { eventId: eventId!, summary };
  });
}

// ---------------------------------------------------------------------------
// Viewing a case
// ---------------------------------------------------------------------------

export async function viewCase(deps: CaseworkDeps, ctx: CaseCtx, caseId: string, asAt?: string | undefined) {
  const today = deps.clock.today();
  let at = today;
  if (asAt) {
    const d = plainDate(asAt);
    if (!d) throw new ValidationError([{ field: 'asAt', message: 'The date to view the case at must be a real date, as YYYY-MM-DD' }]);
    if (Temporal.PlainDate.compare(d, today) > 0) throw new ValidationError([{ field: 'asAt', message: `The date to view the case at cannot be in the future: today is ${formatLongDate(today)}` }]);
    at = d;
  }
  return withArea(deps.db, ctx.principal.areaId, async (trx) => {
    const row = await loadForAccess(trx, ctx.principal, caseId, 'case.view');
    const events = await repo.loadEvents(trx, caseId);
    const summary = fold(events, at);
    const names = new Map(events.map((e) => [e.recordedBy ?? '', e.recordedByName ?? '']));
    for (const t of summary.timeline) (t as typeof t & { recordedByName: string }).recordedByName = names.get(t.recordedBy ?? '') ?? '';
    await audit(trx, ctx, { action: 'case.viewed', entityType: 'ehc_case', entityId: caseId, detail: { childId: row.child_id, ...(asAt ? { asAt: at.toString() } : {}) } });
    const isToday = at.equals(today);
    const documents = await listCaseDocuments(trx, caseId);
    return {
      case: row, summary, events, isToday, today: today.toString(), documents,
      nextTypes: isToday ? nextEventTypes(summary, events, today) : [],
      nextUpcoming: summary.deadlines.find((d) => d.counts && d.due >= at.toString()) ?? null,
      dueSoon: summary.deadlines.filter((d) => d.counts && d.due >= at.toString() && d.due <= at.add({ days: AT_RISK_DAYS }).toString()),
    };
  });
}

/** The plan's versions and, for two of them (default: the last two), what changed. */
export async function planHistory(deps: CaseworkDeps, ctx: CaseCtx, caseId: string, fromId?: string | undefined, toId?: string | undefined) {
  return withArea(deps.db, ctx.principal.areaId, async (trx) => {
    const row = await loadForAccess(trx, ctx.principal, caseId, 'case.view');
    const versions = planVersions(await repo.loadEvents(trx, caseId));
    const to = versions.find((v) => v.eventId === toId) ?? versions.at(-1);
    const from = versions.find((v) => v.eventId === fromId) ?? (to ? versions[versions.indexOf(to) - 1] : undefined);
    await audit(trx, ctx, { action: 'case.plan-viewed', entityType: 'ehc_case', entityId: caseId, detail: { childId: row.child_id, from: from?.eventId ?? null, to: to?.eventId ?? null } });
    return { case: row, versions, from: from ?? null, to: to ?? null, changes: from && to ? comparePlans(from.plan, to.plan) : [] };
  });
}

// ---------------------------------------------------------------------------
// Work trays
// ---------------------------------------------------------------------------

/** A date something is due by, against today: past, within the at-risk window (to `horizon`), or later. */
function dueStatus(due: string, today: string, horizon: string): 'overdue' | 'at-risk' | 'on-track' {
  return due < today ? 'overdue' : due <= horizon ? 'at-risk' : 'on-track';
}

export interface TrayOptions { filter?: string | undefined; page?: number | undefined; assignedTo?: 'me' | 'all' | undefined; stage?: string | undefined }

export async function workTray(deps: CaseworkDeps, ctx: CaseCtx, opts: TrayOptions) {
  const p = authorise(ctx.principal, 'case.view');
  const today = deps.clock.today();
  const filter: repo.TrayFilter = opts.filter === 'overdue' || opts.filter === 'at-risk' ? opts.filter : 'all';
  const page = Math.max(1, Math.min(10_000, Math.floor(opts.page ?? 1) || 1));
  // Caseworkers and managers see what is assigned to them (or the whole area when asked); other
  // professionals see only the cases they are involved in.
  const scope = isAreaWide(p)
    ? { assignedTo: opts.assignedTo === 'all' ? undefined : p.userId }
    : { involvedUserId: p.userId };
  const base = { areaId: p.areaId, ...scope, today: today.toString(), horizon: today.add({ days: AT_RISK_DAYS }).toString(), stage: opts.stage };
  return withArea(deps.db, p.areaId, async (trx) => {
    const counts = await repo.trayCounts(trx, base);
    const rows = await repo.trayRows(trx, { ...base, filter, limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE });
    await audit(trx, ctx, { action: 'case.tray-viewed', detail: { filter, page, cases: Math.min(rows.length, PAGE_SIZE) } });
    return {
      filter, page, counts, today: today.toString(), hasNext: rows.length > PAGE_SIZE,
      rows: rows.slice(0, PAGE_SIZE).map((r) => ({ ...r, status: r.next_due_on ? dueStatus(r.next_due_on, base.today, base.horizon) : 'none' })),
    };
  });
}

// ---------------------------------------------------------------------------
// Advice asked of a professional: their start page
// ---------------------------------------------------------------------------

export interface AdviceRequestRow {
  caseId: string;
  child: { givenName: string; familyName: string; dateOfBirth: string };
  caseworker: { name: string; email: string } | null;
  contributor: string;
  requestedOn: string;
  /** The statutory date for the advice, and its legal basis. */
  due: string;
  basis: string;
  returnedOn: string | null;
  /** Outstanding: by the due date against today; received: whether it came in by the due date. */
  status: 'overdue' | 'at-risk' | 'on-track' | 'received-on-time' | 'received-late';
}

/**
 * The advice requests naming this person (as the Joined Up user asked), on the cases they are
 * involved in: those still waiting, the next due first, and those they have given in the last 12
 * months, the latest first.
 * A request on a closed case, or one the assessment has moved past, is no longer waited for and is
 * not listed.
 */
export async function adviceRequestsFor(deps: CaseworkDeps, ctx: CaseCtx) {
  const p = authorise(ctx.principal, 'advice.contribute');
  const today = deps.clock.today();
  const t = today.toString();
  const horizon = today.add({ days: AT_RISK_DAYS }).toString();
  return withArea(deps.db, p.areaId, async (trx) => {
    const cases = await repo.casesInvolving(trx, p.userId);
    const { byCase } = await repo.loadEventsByCase(trx, { involving: p.userId });
    const rows: AdviceRequestRow[] = [];
    for (const k of cases) {
      const events = byCase.get(k.id) ?? [];
      const summary = fold(events, today, { timeline: false });
      for (const [i, a] of summary.advice.entries()) {
        if (a.contributorUserId !== p.userId) continue;
        const deadline = summary.deadlines.find((d) => d.key === `advice:${i}`);
        if (!deadline || (!a.returnedOn && (!k.is_open || !deadline.applies))) continue;
        const status: AdviceRequestRow['status'] = a.returnedOn
          ? (a.returnedOn <= deadline.due ? 'received-on-time' : 'received-late')
          : dueStatus(deadline.due, t, horizon);
        rows.push({
          caseId: k.id, child: { givenName: k.given_name, familyName: k.family_name, dateOfBirth: k.date_of_birth },
          caseworker: k.assigned_name && k.assigned_email ? { name: k.assigned_name, email: k.assigned_email } : null,
          contributor: a.contributor, requestedOn: a.requestedOn, due: deadline.due, basis: deadline.basis, returnedOn: a.returnedOn, status,
        });
      }
    }
    const waiting = rows.filter((r) => !r.returnedOn).sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
    const yearAgo = today.subtract({ years: 1 }).toString();
    const given = rows.filter((r) => r.returnedOn && r.returnedOn > yearAgo).sort((a, b) => (a.returnedOn! > b.returnedOn! ? -1 : a.returnedOn! < b.returnedOn! ? 1 : 0));
    await audit(trx, ctx, { action: 'case.advice-requests-viewed', detail: { cases: cases.length, requests: waiting.length + given.length } });
    return { today: t, atRiskDays: AT_RISK_DAYS, waiting, given };
  });
}

export async function teamView(deps: CaseworkDeps, ctx: CaseCtx) {
  const p = authorise(ctx.principal, 'case.team-view');
  const today = deps.clock.today().toString();
  const horizon = deps.clock.today().add({ days: AT_RISK_DAYS }).toString();
  return withArea(deps.db, p.areaId, async (trx) => {
    const byStage = await repo.countsByStage(trx, p.areaId, today);
    const workers = await repo.caseloadByWorker(trx, p.areaId, today, horizon);
    const overdue = await repo.trayRows(trx, { areaId: p.areaId, filter: 'overdue', today, horizon, limit: 100, offset: 0 });
    const overdueTotal = (await repo.trayCounts(trx, { areaId: p.areaId, today, horizon })).overdue;
    const people = await repo.caseworkers(trx, p.areaId);
    await audit(trx, ctx, { action: 'case.team-viewed', detail: { overdueShown: overdue.length } });
    return { byStage, workers, overdue, overdueTotal, people, today };
  });
}

export async function reassign(deps: CaseworkDeps, ctx: CaseCtx, caseId: string, userId: string): Promise<void> {
  authorise(ctx.principal, 'case.assign');
  await withArea(deps.db, ctx.principal.areaId, async (trx) => {
    const row = await loadForAccess(trx, ctx.principal, caseId, 'case.assign');
    const people = await repo.caseworkers(trx, ctx.principal.areaId);
    if (!people.some((w) => w.id === userId)) throw new ValidationError([{ field: 'assignedTo', message: 'Select a caseworker in this area' }]);
    await trx.updateTable('ehc_case').set({ assigned_to: userId, updated_at: deps.clock.now() }).where('id', '=', caseId).execute();
    await audit(trx, ctx, { action: 'case.reassigned', entityType: 'ehc_case', entityId: caseId, detail: { from: row.assigned_to, to: userId } });
  });
}

export function eventLabel(type: string): string {
  return isEventType(type) ? EVENT_LABELS[type] : type;
}

