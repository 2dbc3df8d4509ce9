// Casework → KPI engine input. `loadKpiCases` reads an area's cases and all their events (ordered
// by case, then sequence, a chunk of cases at a time) and the caseworkers' teams inside the area's
// transaction; `toKpiCase` is
// the pure mapping of one case's events, via the casework fold, into a `KpiCase`.
//
// Team = the LA team (organisation kind 'la-team') of the caseworker the case is assigned to now.
// Derived rather than stored on the case: the membership already says who works in which team, so
// there is nothing extra for caseworkers to keep up to date, and a reassignment moves the case to
// the new team's figures. (A case's history is therefore reported under its current team.)
import type { Kysely } from 'kysely';
import type { DB } from '../../../db-types.ts';
import { withArea, type Executor } from '../../../platform/db/database.ts';
import { effectiveEvents, fold, type CaseEventRecord } from '../../casework/fold.ts';
import { loadEventsByCase } from '../../casework/repository.ts';
import type { EventType } from '../../casework/events.ts';
import { NEED_CODES, type AdviceContributor, type CeaseReason, type KpiCase, type NeedCode } from '../kpis/index.ts';

export interface CaseRow {
  caseId: string;
  childId: string;
  dateOfBirth?: string | null | undefined;
  /** The LA team (organisation of kind 'la-team') of the assigned caseworker, if any. */
  team?: string | null | undefined;
}

const CONTRIBUTOR_MAP: Readonly<Record<string, AdviceContributor>> = {
  ep: 'educational-psychologist',
  health: 'health',
  'social-care': 'social-care',
  setting: 'education',
  other: 'other',
};

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const isNeed = (v: unknown): v is NeedCode => typeof v === 'string' && (NEED_CODES as readonly string[]).includes(v);

/** One case's events → a `KpiCase`. Corrections are applied; deadlines come from the casework fold as at `asAt`. */
export function toKpiCase(row: CaseRow, events: readonly CaseEventRecord[], asAt: Temporal.PlainDate): KpiCase {
  const { live } = effectiveEvents(events);
  const firstOf = (...types: EventType[]) => live.find((e) => types.includes(e.type));
  const request = firstOf('request-received');
  const assessDecision = firstOf('decision-to-assess', 'decision-not-to-assess');
  const issueDecision = firstOf('decision-to-issue', 'decision-not-to-issue');
  const draft = firstOf('draft-plan-issued');
  const final = firstOf('final-plan-issued');
  const transferIn = firstOf('transfer-in');
  const ended = firstOf('plan-ceased', 'transfer-out');
  const exceptions = [...new Set(live.filter((e) => e.type === 'exception-recorded').map((e) => String(e.data['code'])))];

  const returned = new Map<string, string>();
  for (const e of live) if (e.type === 'advice-received') returned.set(String(e.data['adviceEventId']), e.effectiveDate);
  const advice = live.filter((e) => e.type === 'advice-requested').map((e) => ({
    contributor: CONTRIBUTOR_MAP[String(e.data['contributor'])] ?? 'other',
    requestedOn: e.effectiveDate,
    returnedOn: returned.get(e.id),
  }));

  const appeals: { registeredOn: string; outcome?: string | undefined }[] = [];
  for (const e of live) {
    if (e.type === 'appeal-registered') appeals.push({ registeredOn: e.effectiveDate });
    else if (e.type === 'appeal-outcome') {
      const open = appeals.findLast((a) => a.outcome === undefined);
      if (open) open.outcome = str(e.data['outcome']);
    }
  }

  // Reviews and phase transfers: due dates and when they were met, from the fold's deadline list
  // (closed review periods are kept as history under '<start>/<key>').
  const summary = fold(events, asAt, { timeline: false });
  const met = new Map(summary.deadlines.map((d) => [d.key, d.met ?? undefined]));
  const reviews = summary.deadlines.filter((d) => d.key === 'next-review' || d.key.endsWith('/next-review')).map((d) => {
    const prefix = d.key.slice(0, d.key.length - 'next-review'.length);
    return { dueOn: d.due, meetingOn: d.met ?? undefined, decisionOn: met.get(`${prefix}review-decision`) };
  });
  const phaseTransfers = summary.deadlines.filter((d) => d.key === 'phase-transfer' || d.key.endsWith('/phase-transfer'))
    .map((d) => ({ dueOn: d.due, finalisedOn: d.met ?? undefined }));

  const need = summary.plan?.needs[0]?.senType;
  // The setting named in section I of the plan in force: keyed by URN when recorded, else by name.
  const named = summary.planInForce ? summary.plan?.namedSetting : undefined;
  const ceaseReason = ended ? (ended.type === 'transfer-out' ? 5 : Number(ended.data['reason'])) : undefined;
  return {
    caseId: row.caseId,
    childId: row.childId,
    dateOfBirth: row.dateOfBirth ?? undefined,
    team: row.team ?? undefined,
    settingId: named ? (named.urn ?? named.name) : undefined,
    settingName: named?.name,
    primaryNeed: isNeed(need) ? need : undefined,
    requestReceivedOn: request?.effectiveDate,
    requestSource: request ? str(request.data['requester']) : undefined,
    decisionToAssess: assessDecision ? { on: assessDecision.effectiveDate, outcome: assessDecision.type === 'decision-to-assess' ? 'assess' : 'refuse' } : undefined,
    issueDecision: issueDecision ? { on: issueDecision.effectiveDate, outcome: issueDecision.type === 'decision-to-issue' ? 'issue' : 'not-issue' } : undefined,
    draftIssuedOn: draft?.effectiveDate,
    finalIssuedOn: final?.effectiveDate,
    twentyWeekExceptions: exceptions.length ? exceptions : undefined,
    ceasedOn: ended?.effectiveDate,
    ceaseReason: ceaseReason !== undefined && ceaseReason >= 1 && ceaseReason <= 9 ? ceaseReason as CeaseReason : undefined,
    transferredInOn: transferIn?.effectiveDate,
    reviews,
    phaseTransfers,
    advice,
    mediations: live.filter((e) => e.type === 'mediation').map((e) => ({ on: e.effectiveDate })),
    appeals,
  };
}

/**
 * Each user's LA team: the organisation of kind 'la-team' they are a member of (the first by name
 * when they belong to several, so the answer is stable).
 */
export async function readTeams(trx: Executor): Promise<Map<string, string>> {
  const rows = await trx.selectFrom('membership').innerJoin('organisation', 'organisation.id', 'membership.organisation_id')
    .select(['membership.user_id as userId', 'organisation.name as team'])
    .where('organisation.kind', '=', 'la-team').orderBy('organisation.name').execute();
  const teams = new Map<string, string>();
  for (const r of rows) if (!teams.has(r.userId)) teams.set(r.userId, r.team);
  return teams;
}

/** Cases per events query in `readKpiCases`. */
export const READ_CHUNK = 2000;

interface CaseRowRead extends CaseRow { caseId: string; childId: string; dateOfBirth: string | null }

/** The area's cases with their child's date of birth and their LA team, by case id. */
async function readCaseRows(trx: Executor): Promise<CaseRowRead[]> {
  const teams = await readTeams(trx);
  return (await trx.selectFrom('ehc_case').innerJoin('child', 'child.id', 'ehc_case.child_id')
    .select(['ehc_case.id as caseId', 'ehc_case.child_id as childId', 'child.date_of_birth as dateOfBirth', 'ehc_case.assigned_to as assignedTo'])
    .orderBy('ehc_case.id').execute())
    .map(({ assignedTo, ...r }) => ({ ...r, team: assignedTo ? teams.get(assignedTo) : undefined }));
}

/** What a folded case was built from, besides its team: its number of events (the log is append-only), child and date of birth. */
const caseKey = (r: CaseRowRead, events: number) => `${events}|${r.childId}|${r.dateOfBirth ?? ''}`;

/**
 * Folds `rows` (in case id order), reading their events `READ_CHUNK` cases at a time: by id range when
 * `contiguous` (every case of the area), else by id list. Chunked so the events in memory at once are a
 * few tens of thousands, not all of an area's half a million: each chunk is folded and dropped while
 * it is young (cheap for the garbage collector), and the process (and the embedded database) never
 * holds the whole log at once. Sets each case's key in `keys`.
 */
async function foldRows(trx: Executor, rows: readonly CaseRowRead[], asAt: Temporal.PlainDate, contiguous: boolean, keys: Map<string, string>): Promise<Map<string, KpiCase>> {
  const out = new Map<string, KpiCase>();
  for (let k = 0; k < rows.length; k += READ_CHUNK) {
    const part = rows.slice(k, k + READ_CHUNK);
    const { byCase } = await loadEventsByCase(trx, contiguous ? { caseIdsBetween: [part[0]!.caseId, part[part.length - 1]!.caseId] } : { caseIds: part.map((r) => r.caseId) });
    for (const r of part) {
      const list = byCase.get(r.caseId) ?? [];
      keys.set(r.caseId, caseKey(r, list.length));
      out.set(r.caseId, toKpiCase(r, list, asAt));
    }
  }
  return out;
}

/** An area's folded cases and, per case id, what each was folded from (for `refreshKpiCases`). */
export interface FoldedCases { cases: KpiCase[]; keys: Map<string, string>; asAt: string; refolded: number }

/** Every case of the area folded as at `asAt`, with what each was folded from. */
export async function foldKpiCases(trx: Executor, asAt: Temporal.PlainDate): Promise<FoldedCases> {
  const rows = await readCaseRows(trx);
  const keys = new Map<string, string>();
  const folded = await foldRows(trx, rows, asAt, true, keys);
  return { cases: rows.map((r) => folded.get(r.caseId)!), keys, asAt: asAt.toString(), refolded: rows.length };
}

/**
 * The area's cases again after a change, folding only the cases whose events, child or date of birth
 * changed since `before` (one count of events per case tells: the log is append-only) and taking
 * every case's team afresh; the rest are `before`'s. Everything when `before` was folded as at
 * another day. The same cases, in the same order, as `foldKpiCases` (the tests check it).
 */
export async function refreshKpiCases(trx: Executor, asAt: Temporal.PlainDate, before: FoldedCases): Promise<FoldedCases> {
  if (before.asAt !== asAt.toString()) return foldKpiCases(trx, asAt);
  const rows = await readCaseRows(trx);
  const counts = new Map((await trx.selectFrom('case_event').select((eb) => ['case_id', eb.fn.countAll<number>().as('n')]).groupBy('case_id').execute())
    .map((r) => [r.case_id, Number(r.n)]));
  const previous = new Map(before.cases.map((c) => [c.caseId, c]));
  const keys = new Map<string, string>();
  const stale: CaseRowRead[] = [];
  for (const r of rows) {
    const key = caseKey(r, counts.get(r.caseId) ?? 0);
    if (previous.has(r.caseId) && before.keys.get(r.caseId) === key) keys.set(r.caseId, key);
    else stale.push(r);
  }
  const folded = await foldRows(trx, stale, asAt, false, keys);
  const cases = rows.map((r) => {
    const c = folded.get(r.caseId) ?? previous.get(r.caseId)!;
    const team = r.team ?? undefined;
    return c.team === team ? c : { ...c, team };
  });
  return { cases, keys, asAt: asAt.toString(), refolded: stale.length };
}

/** Every case of the area as `KpiCase`s, reading on the given (area) transaction. */
export async function readKpiCases(trx: Executor, asAt: Temporal.PlainDate): Promise<KpiCase[]> {
  return (await foldKpiCases(trx, asAt)).cases;
}

/** Loads the area's cases inside `withArea` (row-level security applies). */
export function loadKpiCases(db: Kysely<DB>, areaId: string, asAt: Temporal.PlainDate): Promise<KpiCase[]> {
  return withArea(db, areaId, (trx) => readKpiCases(trx, asAt));
}
