// A case's status and every deadline, derived by replaying its events. Pure: no clock, no I/O.
//
//   fold(events, asAt) → CaseSummary
//
// 1. Corrections are applied first: a `correction` event voids its target or replaces the target's
//    date and data. Corrections always apply, whatever `asAt` (the case "as we now know it").
// 2. The remaining events with an effective date on or before `asAt` are replayed in order of
//    effective date, then sequence number. Each event is checked against the state before it
//    (`apply`), which is also how new events are validated: `checkNewEvent` replays the existing
//    events plus the new one and reports the first rule broken, naming the rule and the dates.
// 3. The state becomes `CaseFacts` for `caseDeadlines()` (statutory module). Review periods that have
//    closed are kept as history with their own deadlines; steps that no longer apply once a case has
//    closed are marked so and do not count as late.
import {
  caseDeadlines, deadlineStatus, draftPlanTimescales, formatLongDate, isBefore,
  type CaseFacts, type DeadlineItem, type DeadlineStatus, type ExceptionCode, type PhaseTransfer, type PlainDate, type ReviewDecision, type TribunalOrder,
} from '../statutory/index.ts';
import {
  APPEAL_OUTCOMES, APPEAL_SUBJECTS, CEASE_REASONS, CONSULTATION_RESPONSES, CONTRIBUTORS, EVENT_LABELS, EXCEPTION_LABELS, PHASE_KINDS, REQUESTERS, REVIEW_DECISIONS,
  type EventType, type PlanData,
} from './events.ts';

export interface CaseEventRecord {
  id: string;
  seq: number;
  type: EventType;
  /** 'YYYY-MM-DD' */
  effectiveDate: string;
  data: Record<string, unknown>;
  reason?: string | null;
  correctsEventId?: string | null;
  recordedAt?: Date | string | null;
  recordedBy?: string | null;
}

export const STAGES = {
  'request': 'Request received: deciding whether to assess',
  'assessment': 'Assessing: gathering advice',
  'drafting': 'Decided to issue: drafting the plan',
  'draft': 'Draft plan issued',
  'plan': 'Plan in force',
  'review': 'Annual review: decision due',
  'amendment': 'Amending the plan',
  'reassessment-request': 'Re-assessment requested: deciding whether to re-assess',
  'reassessment': 'Re-assessing: the new plan is due within 14 weeks',
  'appeal': 'Appeal to the Tribunal',
  'not-assessing': 'Closed: decided not to assess',
  'not-issuing': 'Closed: decided not to issue a plan',
  'ceased': 'Closed: plan ceased',
  'transferred-out': 'Closed: transferred to another council',
} as const;
export type Stage = keyof typeof STAGES;
export const OPEN_STAGES: readonly Stage[] = ['request', 'assessment', 'drafting', 'draft', 'plan', 'review', 'amendment', 'reassessment-request', 'reassessment', 'appeal'];

type ClosedReason = 'not-assessing' | 'not-issuing' | 'ceased' | 'transferred-out';

interface Advice { eventId: string; contributor: string; contributorLabel: string; contributorUserId: string | null; requestedOn: PlainDate; returnedOn?: PlainDate | undefined }

/** One assessment: the first one, or one the Tribunal ordered. */
interface Assessment {
  kind: 'main' | 'tribunal';
  decisionToAssessOn?: PlainDate | undefined;
  decidedToAssess?: boolean | undefined;
  decisionToIssueOn?: PlainDate | undefined;
  decisionNotToIssueOn?: PlainDate | undefined;
  draftOn?: PlainDate | undefined;
  finalOn?: PlainDate | undefined;
}

interface Cycle {
  start: PlainDate;
  meetingOn?: PlainDate | undefined;
  decisionOn?: PlainDate | undefined;
  decision?: ReviewDecision | undefined;
  proposalsOn?: PlainDate | undefined;
  amendedOn?: PlainDate | undefined;
}

interface Consultation { eventId: string; setting: string; urn?: string | undefined; consultedOn: PlainDate; requestedBy?: PlainDate | undefined; respondedOn?: PlainDate | undefined; response?: string | undefined }

interface State {
  startedOn?: PlainDate;
  requestReceived?: PlainDate;
  requester?: string;
  main: Assessment;
  tribunalAsmt?: Assessment;
  tribunal?: { order: TribunalOrder; orderDate: PlainDate; amendedOn?: PlainDate };
  advice: Advice[];
  /** Settings consulted on being named in the plan (s.39(2), s.40), and their answers. */
  consultations: Consultation[];
  exceptions: { code: ExceptionCode; on: PlainDate }[];
  planInForce: boolean;
  plan?: PlanData;
  cycle?: Cycle;
  history: DeadlineItem[];
  phase?: { transfer: PhaseTransfer; completedOn?: PlainDate };
  /** The latest re-assessment: requested (s.44(2)) and/or decided on (s.44(3)); the plan it leads to. */
  reassessment?: { requestedOn?: PlainDate; decidedOn?: PlainDate; agreed?: boolean; finalOn?: PlainDate };
  transferIn?: { on: PlainDate; fromLa: string; confirmedOn?: PlainDate };
  closed?: { on: PlainDate; reason: ClosedReason; ceaseReason?: string };
  appeal?: { decisionLetter: PlainDate; certificate?: PlainDate; registeredOn?: PlainDate; subject?: string; outcome?: string; outcomeOn?: PlainDate };
}

export type Owner = 'council' | 'contributor' | 'family';

export interface DeadlineView {
  key: string;
  label: string;
  due: string;
  basis: string;
  explanation: string;
  met: string | null;
  exceptions: readonly ExceptionCode[];
  owner: Owner;
  /** False once the case has closed and the step will never happen. */
  applies: boolean;
  /** Applies only if the council decides so (e.g. the 16-week limit while the outcome is open). */
  conditional: boolean;
  status: DeadlineStatus | 'no-longer-applies';
  statusLabel: string;
  /** Counts towards "next due" and "overdue". */
  counts: boolean;
}

export interface TimelineEntry {
  id: string;
  seq: number;
  type: EventType;
  label: string;
  effectiveDate: string;
  details: string[];
  reason: string | null;
  recordedAt: Date | string | null;
  recordedBy: string | null;
  voided: boolean;
  replaced: boolean;
  correctsEventId: string | null;
  /** Why the event was left out of the replay, if it was. */
  rejected: string | null;
}

export interface CaseSummary {
  asAt: string;
  stage: Stage;
  stageLabel: string;
  open: boolean;
  planInForce: boolean;
  requestReceived: string | null;
  requester: string | null;
  startedOn: string | null;
  closedOn: string | null;
  ceaseReason: string | null;
  appealOpen: boolean;
  plan: PlanData | null;
  /** `contributorUserId`: the Joined Up user asked, when the request named one (as corrected, if it was). */
  advice: { eventId: string; contributor: string; contributorUserId: string | null; requestedOn: string; returnedOn: string | null }[];
  consultations: { eventId: string; setting: string; urn: string | null; consultedOn: string; requestedBy: string | null; respondedOn: string | null; response: string | null; responseLabel: string | null }[];
  exceptions: { code: ExceptionCode; on: string }[];
  facts: CaseFacts;
  deadlines: DeadlineView[];
  nextDue: DeadlineView | null;
  overdue: DeadlineView[];
  timeline: TimelineEntry[];
  /** Events left out because they break the rules (should not happen; reported, not hidden). */
  rejected: { eventId: string; message: string }[];
}

export class RuleError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

// Dates are immutable, and a caseload's events fall on a few thousand distinct days, so each one is
// parsed once and shared (recomputing 8,000 cases would otherwise parse some 300,000 dates).
const parsedDates = new Map<string, PlainDate>();
const D = (s: string): PlainDate => {
  let d = parsedDates.get(s);
  if (d === undefined) {
    d = Temporal.PlainDate.from(s);
    if (parsedDates.size >= 20_000) parsedDates.clear();
    parsedDates.set(s, d);
  }
  return d;
};
const fmt = (d: PlainDate) => formatLongDate(d);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

// ---------------------------------------------------------------------------
// Corrections
// ---------------------------------------------------------------------------

/** Applies corrections: voided events drop out, replaced events take the correction's date and data. */
export function effectiveEvents(events: readonly CaseEventRecord[]): { live: CaseEventRecord[]; voided: Set<string>; replaced: Set<string> } {
  // Most cases have no corrections at all: then every event is live as recorded.
  if (!events.some((e) => e.type === 'correction')) return { live: sortEvents([...events]), voided: new Set(), replaced: new Set() };
  const voided = new Set<string>();
  const replaced = new Set<string>();
  const replacement = new Map<string, CaseEventRecord>();
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    if (e.type !== 'correction' || !e.correctsEventId) continue;
    if (e.data['action'] === 'void') {
      voided.add(e.correctsEventId);
      replacement.delete(e.correctsEventId);
    } else {
      replaced.add(e.correctsEventId);
      replacement.set(e.correctsEventId, e);
    }
  }
  const live: CaseEventRecord[] = [];
  for (const e of events) {
    if (e.type === 'correction' || voided.has(e.id)) continue;
    const r = replacement.get(e.id);
    live.push(r ? { ...e, effectiveDate: str(r.data['effectiveDate']) ?? e.effectiveDate, data: (r.data['data'] as Record<string, unknown> | undefined) ?? e.data } : e);
  }
  return { live: sortEvents(live), voided, replaced };
}

export function sortEvents<T extends { effectiveDate: string; seq: number }>(events: T[]): T[] {
  return events.sort((a, b) => (a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : a.seq - b.seq));
}

// ---------------------------------------------------------------------------
// Replaying one event
// ---------------------------------------------------------------------------

function emptyState(): State {
  return { main: { kind: 'main' }, advice: [], consultations: [], exceptions: [], planInForce: false, history: [] };
}

/** The assessment in hand: a Tribunal-ordered one once ordered, else the first one. */
function current(s: State): Assessment {
  return s.tribunalAsmt ?? s.main;
}

function assessing(a: Assessment): boolean {
  return a.decidedToAssess === true && a.decisionToIssueOn === undefined && a.decisionNotToIssueOn === undefined && a.finalOn === undefined;
}

function notBefore(d: PlainDate, earlier: PlainDate | undefined, what: string): void {
  if (earlier !== undefined && isBefore(d, earlier)) {
    throw new RuleError('effectiveDate', `The date (${fmt(d)}) cannot be before ${what} (${fmt(earlier)})`);
  }
}

function outOfOrder(type: EventType, why: string): never {
  throw new RuleError('type', `${EVENT_LABELS[type]} cannot be recorded yet: ${why}`);
}

function archiveCycle(s: State, nextStart: PlainDate | undefined, metOnly = false): void {
  const c = s.cycle;
  if (!c) return;
  const all = caseDeadlines({
    lastReviewOrIssue: c.start, reviewMeetingOn: c.meetingOn, reviewDecisionOn: c.decisionOn, reviewDecision: c.decision,
    amendmentProposalsSentOn: c.proposalsOn, amendedPlanIssuedOn: c.amendedOn,
  });
  const items = metOnly ? all.filter((i) => i.met !== null) : all;
  const tag = c.start.toString();
  for (const i of items) s.history.push({ ...i, key: `${tag}/${i.key}`, label: `${i.label} (period from ${fmt(c.start)})` });
  s.cycle = nextStart ? { start: nextStart } : undefined;
}

/** A finished re-assessment's deadline goes into the history before another one starts. */
function archiveReassessment(s: State): void {
  const r = s.reassessment;
  if (!r?.agreed || !r.decidedOn) return;
  const items = caseDeadlines({ reassessmentNotifiedOn: r.decidedOn, reassessmentFinalOn: r.finalOn });
  for (const i of items) s.history.push({ ...i, key: `${r.decidedOn.toString()}/${i.key}` });
}

/** Applies one event to the state, or throws a RuleError naming the rule it breaks. */
function apply(s: State, e: CaseEventRecord): void {
  const d = D(e.effectiveDate);
  const t = e.type;
  const data = e.data;
  if (t !== 'request-received' && t !== 'transfer-in') {
    if (s.startedOn === undefined) outOfOrder(t, 'the case has no request for assessment or transfer in');
    notBefore(d, s.requestReceived, 'the day the request was received');
    notBefore(d, s.startedOn, 'the day the case started');
  }
  const a = current(s);
  switch (t) {
    case 'request-received': {
      if (s.startedOn !== undefined) outOfOrder(t, 'this case already has a request or transfer in');
      s.startedOn = d;
      s.requestReceived = d;
      s.requester = str(data['requester']);
      return;
    }
    case 'transfer-in': {
      if (s.startedOn !== undefined) outOfOrder(t, 'this case already has a request or transfer in');
      const last = D(String(data['lastReviewOn']));
      if (isBefore(d, last)) throw new RuleError('data.lastReviewOn', `The day the plan was issued or last reviewed (${fmt(last)}) cannot be after the transfer (${fmt(d)})`);
      s.startedOn = d;
      s.transferIn = { on: d, fromLa: String(data['fromLa']) };
      s.planInForce = true;
      s.cycle = { start: last };
      return;
    }
    case 'transfer-in-confirmed': {
      if (!s.transferIn) outOfOrder(t, 'the plan was not transferred in');
      if (s.transferIn.confirmedOn) outOfOrder(t, 'the transfer has already been confirmed');
      s.transferIn.confirmedOn = d;
      return;
    }
    case 'decision-to-assess':
    case 'decision-not-to-assess': {
      if (s.tribunal?.order === 'assess' && s.tribunalAsmt && s.tribunalAsmt.decidedToAssess === undefined) {
        if (t === 'decision-not-to-assess') outOfOrder(t, 'the Tribunal has ordered an assessment');
        s.tribunalAsmt.decidedToAssess = true;
        s.tribunalAsmt.decisionToAssessOn = d;
        return;
      }
      if (s.requestReceived === undefined) outOfOrder(t, 'there is no request for assessment');
      if (s.main.decidedToAssess !== undefined) outOfOrder(t, `the decision whether to assess was already recorded on ${fmt(s.main.decisionToAssessOn!)}`);
      s.main.decidedToAssess = t === 'decision-to-assess';
      s.main.decisionToAssessOn = d;
      if (t === 'decision-not-to-assess') {
        s.closed = { on: d, reason: 'not-assessing' };
        s.appeal = { decisionLetter: d };
      }
      return;
    }
    case 'advice-requested': {
      if (!assessing(a)) outOfOrder(t, 'advice is asked for during an assessment, after the decision to assess and before the decision whether to issue a plan');
      const contributor = String(data['contributor']);
      const label = str(data['contributorName']) ?? CONTRIBUTORS[contributor as keyof typeof CONTRIBUTORS] ?? contributor;
      s.advice.push({ eventId: e.id, contributor, contributorLabel: label, contributorUserId: str(data['contributorUserId']) ?? null, requestedOn: d });
      return;
    }
    case 'advice-received': {
      const req = s.advice.find((x) => x.eventId === data['adviceEventId']);
      if (!req) throw new RuleError('data.adviceEventId', 'Select an advice request recorded on this case');
      if (req.returnedOn) throw new RuleError('data.adviceEventId', `That advice was already received on ${fmt(req.returnedOn)}`);
      notBefore(d, req.requestedOn, 'the day the advice was requested');
      req.returnedOn = d;
      return;
    }
    case 'setting-consulted': {
      // Consulting a setting belongs to drafting a plan or to changing one (an amendment, a phase transfer).
      if (s.closed) outOfOrder(t, 'the case is closed');
      if (a.decisionToIssueOn === undefined && !s.planInForce) outOfOrder(t, 'the council has not decided to issue a plan, and there is no plan to amend');
      const requestedBy = str(data['responseRequestedBy']);
      if (requestedBy !== undefined && isBefore(D(requestedBy), d)) throw new RuleError('data.responseRequestedBy', `The date to answer by (${fmt(D(requestedBy))}) cannot be before the consultation (${fmt(d)})`);
      s.consultations.push({ eventId: e.id, setting: String(data['settingName']), urn: str(data['urn']), consultedOn: d, requestedBy: requestedBy === undefined ? undefined : D(requestedBy) });
      return;
    }
    case 'consultation-response': {
      const c = s.consultations.find((x) => x.eventId === data['consultationEventId']);
      if (!c) throw new RuleError('data.consultationEventId', 'Select a consultation recorded on this case');
      if (c.respondedOn) throw new RuleError('data.consultationEventId', `${c.setting} already answered on ${fmt(c.respondedOn)}`);
      notBefore(d, c.consultedOn, `${c.setting} was consulted`);
      c.respondedOn = d;
      c.response = str(data['response']);
      return;
    }
    case 'decision-to-issue':
    case 'decision-not-to-issue': {
      if (!assessing(a)) {
        if (a.decidedToAssess !== true) outOfOrder(t, 'the council has not decided to assess');
        outOfOrder(t, 'the decision whether to issue a plan has already been made');
      }
      notBefore(d, a.decisionToAssessOn, 'the decision to assess');
      if (t === 'decision-to-issue') a.decisionToIssueOn = d;
      else {
        a.decisionNotToIssueOn = d;
        s.closed = { on: d, reason: 'not-issuing' };
        s.appeal = { decisionLetter: d };
      }
      return;
    }
    case 'draft-plan-issued': {
      if (a.decisionToIssueOn === undefined) outOfOrder(t, 'the council has not decided to issue a plan');
      if (a.finalOn !== undefined) outOfOrder(t, `the final plan was already issued on ${fmt(a.finalOn)}`);
      notBefore(d, a.decisionToIssueOn, 'the decision to issue a plan');
      a.draftOn = d;
      s.plan = data['plan'] as PlanData;
      return;
    }
    case 'representations-received': {
      if (a.draftOn === undefined || a.finalOn !== undefined) {
        if (!(s.cycle?.proposalsOn && !s.cycle.amendedOn)) outOfOrder(t, 'there is no draft plan or proposed amendment waiting for comments');
        notBefore(d, s.cycle.proposalsOn, 'the amendments were proposed');
        return;
      }
      notBefore(d, a.draftOn, 'the draft plan was issued');
      return;
    }
    case 'final-plan-issued': {
      if (a.draftOn === undefined) outOfOrder(t, 'a final plan needs a draft plan first (reg 13(1))');
      if (a.finalOn !== undefined) outOfOrder(t, `the final plan was already issued on ${fmt(a.finalOn)}`);
      if (isBefore(d, a.draftOn)) throw new RuleError('effectiveDate', `The final plan (${fmt(d)}) cannot be issued before its draft (${fmt(a.draftOn)})`);
      const earliest = draftPlanTimescales(a.draftOn).dates.earliestFinalPlan;
      if (isBefore(d, earliest)) {
        throw new RuleError('effectiveDate', `The final plan cannot be issued before ${fmt(earliest)}: the family has 15 days from the draft on ${fmt(a.draftOn)} to comment (SEND Regulations 2014, reg 13(1)(a))`);
      }
      a.finalOn = d;
      if (data['plan']) s.plan = data['plan'] as PlanData;
      s.planInForce = true;
      s.closed = undefined;
      archiveCycle(s, undefined);
      s.cycle = { start: d };
      return;
    }
    case 'exception-recorded': {
      if (s.requestReceived === undefined && !s.tribunalAsmt) outOfOrder(t, 'exceptions apply to an assessment, and there is none');
      if (a.finalOn !== undefined || a.decisionNotToIssueOn !== undefined) outOfOrder(t, 'the assessment has finished');
      s.exceptions.push({ code: data['code'] as ExceptionCode, on: d });
      return;
    }
    case 'review-meeting-held': {
      if (!s.planInForce || !s.cycle) outOfOrder(t, 'there is no plan in force to review');
      notBefore(d, s.cycle.start, 'the plan was issued or last reviewed');
      if (s.cycle.meetingOn) {
        notBefore(d, s.cycle.meetingOn, 'the last review meeting');
        archiveCycle(s, s.cycle.meetingOn);
      }
      s.cycle!.meetingOn = d;
      return;
    }
    case 'review-decision': {
      const c = s.cycle;
      if (!s.planInForce || !c?.meetingOn) outOfOrder(t, 'no review meeting has been recorded');
      if (c.decisionOn) outOfOrder(t, `the decision after this review was already made on ${fmt(c.decisionOn)}`);
      notBefore(d, c.meetingOn, 'the review meeting');
      c.decisionOn = d;
      c.decision = data['decision'] as ReviewDecision;
      if (c.decision === 'maintain') {
        if (s.phase && !s.phase.completedOn) s.phase.completedOn = d;
        archiveCycle(s, c.meetingOn);
      }
      return;
    }
    case 'amendment-proposed': {
      if (!s.planInForce || !s.cycle) outOfOrder(t, 'there is no plan in force to amend');
      if (s.cycle.proposalsOn && !s.cycle.amendedOn) outOfOrder(t, `amendments proposed on ${fmt(s.cycle.proposalsOn)} are still waiting for the amended plan`);
      notBefore(d, s.cycle.meetingOn ?? s.cycle.start, s.cycle.meetingOn ? 'the review meeting' : 'the plan was issued');
      s.cycle.proposalsOn = d;
      return;
    }
    case 'amended-plan-issued': {
      const c = s.cycle;
      const ordered = s.tribunal?.order === 'amend-content' && !s.tribunal.amendedOn;
      if (!s.planInForce || !c || (!(c.proposalsOn && !c.amendedOn) && !ordered)) outOfOrder(t, 'no amendments have been proposed (reg 22)');
      if (c.proposalsOn) {
        notBefore(d, c.proposalsOn, 'the amendments were proposed');
        const window = D(c.proposalsOn.toString()).add({ days: 15 });
        if (isBefore(d, window)) throw new RuleError('effectiveDate', `The amended plan cannot be issued before ${fmt(window)}: the family has 15 days from the proposed amendments on ${fmt(c.proposalsOn)} to comment (SEND Regulations 2014, reg 22(2))`);
      }
      if (ordered) s.tribunal!.amendedOn = d;
      c.amendedOn = d;
      if (data['plan']) s.plan = data['plan'] as PlanData;
      if (s.phase && !s.phase.completedOn) s.phase.completedOn = d;
      archiveCycle(s, c.meetingOn ?? c.start);
      return;
    }
    case 'phase-transfer': {
      if (!s.planInForce) outOfOrder(t, 'there is no plan in force');
      if (s.phase) {
        const old = caseDeadlines({ phaseTransfer: s.phase.transfer, phaseTransferCompletedOn: s.phase.completedOn });
        s.history.push(...old.map((i) => ({ ...i, key: `${i.due.toString()}/${i.key}` })));
      }
      const kind = String(data['kind']);
      s.phase = { transfer: kind === 'post16-move' ? { kind: 'post16-move', transferDate: D(String(data['transferDate'])) } : { kind: kind as 'school' | 'post16', year: Number(data['year']) } };
      return;
    }
    case 'reassessment-requested': {
      if (!s.planInForce) outOfOrder(t, 'a re-assessment needs a plan in force');
      const r = s.reassessment;
      if (r && r.agreed === undefined) outOfOrder(t, `the re-assessment requested on ${fmt(r.requestedOn!)} is still waiting for a decision`);
      if (r?.agreed && !r.finalOn) outOfOrder(t, `the re-assessment decided on ${fmt(r.decidedOn!)} is still under way`);
      archiveReassessment(s);
      s.reassessment = { requestedOn: d };
      return;
    }
    case 'decision-to-reassess':
    case 'decision-not-to-reassess': {
      if (!s.planInForce) outOfOrder(t, 'a re-assessment needs a plan in force');
      const r = s.reassessment;
      const pending = r !== undefined && r.agreed === undefined;
      if (r?.agreed && !r.finalOn) outOfOrder(t, `the council already decided to re-assess on ${fmt(r.decidedOn!)}`);
      // The council may re-assess of its own accord (s.44(3)); refusing needs a request to refuse.
      if (t === 'decision-not-to-reassess' && !pending) outOfOrder(t, 'there is no request for a re-assessment waiting for a decision');
      if (pending) notBefore(d, r.requestedOn, 'the re-assessment was requested');
      else archiveReassessment(s);
      s.reassessment = { ...(pending ? { requestedOn: r.requestedOn } : {}), decidedOn: d, agreed: t === 'decision-to-reassess' };
      return;
    }
    case 'reassessment-plan-issued': {
      const r = s.reassessment;
      if (!s.planInForce || !r?.agreed || r.finalOn) outOfOrder(t, 'the council has not decided to re-assess');
      notBefore(d, r.decidedOn, 'the decision to re-assess');
      r.finalOn = d;
      if (data['plan']) s.plan = data['plan'] as PlanData;
      // A new plan: the review period starts again from its issue (s.44(1)). Steps of the old period
      // not yet done no longer arise; those done stay in the history.
      archiveCycle(s, undefined, true);
      s.cycle = { start: d };
      return;
    }
    case 'plan-ceased': {
      if (!s.planInForce) outOfOrder(t, 'there is no plan in force to cease');
      s.planInForce = false;
      s.closed = { on: d, reason: 'ceased', ceaseReason: String(data['reason']) };
      s.appeal = { decisionLetter: d };
      return;
    }
    case 'transfer-out': {
      if (!s.planInForce) outOfOrder(t, 'there is no plan in force to transfer');
      s.planInForce = false;
      s.closed = { on: d, reason: 'transferred-out', ceaseReason: '5' };
      return;
    }
    case 'mediation': {
      const letter = D(String(data['decisionDate']));
      if (isBefore(d, letter)) throw new RuleError('data.decisionDate', `The decision letter (${fmt(letter)}) cannot be after the mediation (${fmt(d)})`);
      const cert = str(data['certificateOn']);
      s.appeal = { ...(s.appeal?.registeredOn && !s.appeal.outcome ? s.appeal : {}), decisionLetter: letter, ...(cert ? { certificate: D(cert) } : {}) };
      return;
    }
    case 'appeal-registered': {
      if (s.appeal?.registeredOn && !s.appeal.outcome) outOfOrder(t, `an appeal registered on ${fmt(s.appeal.registeredOn)} is still open`);
      const letter = D(String(data['decisionDate']));
      if (isBefore(d, letter)) throw new RuleError('data.decisionDate', `The decision letter (${fmt(letter)}) cannot be after the appeal was registered (${fmt(d)})`);
      const cert = s.appeal && !s.appeal.registeredOn && s.appeal.decisionLetter.equals(letter) ? s.appeal.certificate : undefined;
      s.appeal = { decisionLetter: letter, ...(cert ? { certificate: cert } : {}), registeredOn: d, subject: String(data['subject']) };
      return;
    }
    case 'appeal-outcome': {
      if (!s.appeal?.registeredOn || s.appeal.outcome) outOfOrder(t, 'there is no open appeal');
      notBefore(d, s.appeal.registeredOn, 'the appeal was registered');
      const outcome = String(data['outcome']);
      s.appeal.outcome = outcome;
      s.appeal.outcomeOn = d;
      if (outcome === 'order-assess') {
        s.tribunal = { order: 'assess', orderDate: d };
        s.tribunalAsmt = { kind: 'tribunal' };
        s.closed = undefined;
      } else if (outcome === 'order-make-plan') {
        s.tribunal = { order: 'make-plan', orderDate: d };
        s.tribunalAsmt = { kind: 'tribunal', decidedToAssess: true, decisionToAssessOn: d, decisionToIssueOn: d };
        s.closed = undefined;
      } else if (outcome === 'order-amend') {
        if (!s.planInForce) outOfOrder(t, 'an order to amend needs a plan in force');
        s.tribunal = { order: 'amend-content', orderDate: d };
      }
      return;
    }
    case 'correction':
      return;
  }
}

// ---------------------------------------------------------------------------
// The fold
// ---------------------------------------------------------------------------

/**
 * Replays events in order. Stored events passed the rules when recorded; should one no longer fit
 * (a rule changed), it is left out and reported rather than making the case unreadable.
 */
function replay(live: readonly CaseEventRecord[], rejected: Map<string, string>): State {
  const s = emptyState();
  for (const e of live) {
    try {
      apply(s, e);
    } catch (err) {
      if (!(err instanceof RuleError)) throw err;
      rejected.set(e.id, err.message);
    }
  }
  return s;
}

function toFacts(s: State): CaseFacts {
  const m = s.main;
  const c = s.cycle;
  const ta = s.tribunalAsmt;
  const facts: CaseFacts = {
    requestReceived: s.requestReceived,
    decisionToAssessOn: m.decisionToAssessOn,
    decidedToAssess: m.decidedToAssess,
    adviceRequests: s.advice.map((x) => ({ contributor: x.contributorLabel, requestedOn: x.requestedOn, returnedOn: x.returnedOn })),
    decisionNotToIssueOn: m.decisionNotToIssueOn,
    draftServedOn: m.draftOn,
    finalIssuedOn: m.finalOn,
    exceptions: [...new Set(s.exceptions.map((x) => x.code))],
    lastReviewOrIssue: s.planInForce ? c?.start : undefined,
    reviewMeetingOn: c?.meetingOn,
    reviewDecisionOn: c?.decisionOn,
    reviewDecision: c?.decision,
    amendmentProposalsSentOn: c?.proposalsOn,
    amendedPlanIssuedOn: c?.amendedOn,
    phaseTransfer: s.phase?.transfer,
    phaseTransferCompletedOn: s.phase?.completedOn,
    reassessmentNotifiedOn: s.reassessment?.agreed ? s.reassessment.decidedOn : undefined,
    reassessmentFinalOn: s.reassessment?.agreed ? s.reassessment.finalOn : undefined,
    laTransfer: s.transferIn ? { learnedOfMove: s.transferIn.on, moveDate: s.transferIn.on, transferredOn: s.transferIn.on, newCouncilWroteOn: s.transferIn.confirmedOn } : undefined,
    tribunalOrder: s.tribunal ? {
      order: s.tribunal.order, orderDate: s.tribunal.orderDate,
      assessConfirmedOn: ta?.decisionToAssessOn, decisionNotToIssueOn: ta?.decisionNotToIssueOn,
      draftIssuedOn: ta?.draftOn, finalIssuedOn: ta?.finalOn, amendedPlanIssuedOn: s.tribunal.amendedOn,
    } : undefined,
    appeal: s.appeal ? { decisionLetter: s.appeal.decisionLetter, mediationCertificate: s.appeal.certificate, registeredOn: s.appeal.registeredOn } : undefined,
  };
  return facts;
}

const STATUS_LABELS: Record<DeadlineView['status'], string> = {
  'met-on-time': 'Done on time', 'met-late': 'Done late', 'overdue': 'Overdue', 'due-today': 'Due today', 'upcoming': 'Not yet due', 'no-longer-applies': 'No longer applies',
};

function ownerOf(key: string): Owner {
  const k = key.includes('/') ? key.slice(key.indexOf('/') + 1) : key;
  if (k.startsWith('advice:')) return 'contributor';
  if (k === 'appeal-deadline' || k === 'representations') return 'family';
  return 'council';
}

function stageOf(s: State): Stage {
  const appealOpen = Boolean(s.appeal?.registeredOn && !s.appeal.outcome);
  if (s.closed) return appealOpen ? 'appeal' : s.closed.reason;
  const a = current(s);
  if (!s.planInForce || (s.tribunalAsmt && !s.tribunalAsmt.finalOn)) {
    if (a.decidedToAssess === undefined) return appealOpen ? 'appeal' : 'request';
    if (a.decisionToIssueOn === undefined) return 'assessment';
    if (a.draftOn === undefined) return 'drafting';
    if (a.finalOn === undefined) return 'draft';
  }
  const c = s.cycle;
  if ((c?.proposalsOn && !c.amendedOn) || (c?.decision === 'amend' && !c.amendedOn) || (s.tribunal?.order === 'amend-content' && !s.tribunal.amendedOn)) return 'amendment';
  if (c?.meetingOn && !c.decisionOn) return 'review';
  const r = s.reassessment;
  if (r?.agreed && !r.finalOn) return 'reassessment';
  if (r && r.agreed === undefined) return 'reassessment-request';
  return appealOpen ? 'appeal' : 'plan';
}

function describe(e: CaseEventRecord, adviceLabels: Map<string, string>, consultationLabels: Map<string, string>): string[] {
  const d = e.data;
  const out: string[] = [];
  const add = (label: string, v: unknown) => {
    if (typeof v !== 'string' || !v) return;
    out.push(`${label}: ${/^\d{4}-\d{2}-\d{2}$/.test(v) ? fmt(D(v)) : v}`);
  };
  switch (e.type) {
    case 'request-received': add('Asked by', REQUESTERS[d['requester'] as keyof typeof REQUESTERS]); add('Details', d['requesterDetail']); add('Reference in the previous system', d['externalReference']); break;
    case 'transfer-in': add('From council', d['fromLa']); add('Plan issued or last reviewed', d['lastReviewOn']); break;
    case 'decision-not-to-assess': case 'decision-not-to-issue': case 'decision-not-to-reassess': add('Reasons', d['reasons']); break;
    case 'reassessment-requested': add('Asked by', REQUESTERS[d['requester'] as keyof typeof REQUESTERS]); add('Details', d['requesterDetail']); break;
    case 'advice-requested': add('From', str(d['contributorName']) ?? CONTRIBUTORS[d['contributor'] as keyof typeof CONTRIBUTORS]); break;
    case 'advice-received': add('Answers the request to', adviceLabels.get(String(d['adviceEventId']))); break;
    case 'draft-plan-issued': case 'final-plan-issued': case 'amended-plan-issued': case 'reassessment-plan-issued': {
      const p = d['plan'] as PlanData | undefined;
      if (p) { add('Named setting', p.namedSetting?.name); if (p.needs.length) out.push(`Needs: ${p.needs.map((n) => n.senType).join(', ')}`); }
      break;
    }
    case 'representations-received': add('Setting asked for', d['requestedSetting']); add('Summary', d['summary']); break;
    case 'setting-consulted': add('Setting', d['settingName']); add('URN', d['urn']); add('Asked to answer by', d['responseRequestedBy']); break;
    case 'consultation-response': add('Answer from', consultationLabels.get(String(d['consultationEventId']))); add('Answer', CONSULTATION_RESPONSES[d['response'] as keyof typeof CONSULTATION_RESPONSES]); add('Summary', d['summary']); break;
    case 'exception-recorded': add('Exception', EXCEPTION_LABELS[d['code'] as keyof typeof EXCEPTION_LABELS]); add('Why', d['reason']); add('Evidence', d['evidence']); break;
    case 'review-decision': add('Decision', REVIEW_DECISIONS[d['decision'] as keyof typeof REVIEW_DECISIONS]); break;
    case 'amendment-proposed': add('Summary', d['summary']); break;
    case 'phase-transfer': add('Kind', PHASE_KINDS[d['kind'] as keyof typeof PHASE_KINDS]); if (d['year'] !== undefined) out.push(`Year: ${String(d['year'])}`); add('Move date', d['transferDate']); break;
    case 'plan-ceased': add('Reason', `${String(d['reason'])}: ${CEASE_REASONS[d['reason'] as keyof typeof CEASE_REASONS] ?? ''}`); add('Details', d['detail']); break;
    case 'transfer-out': add('To council', d['toLa']); add('Learned of the move', d['learnedOfMove']); add('Move date', d['moveDate']); break;
    case 'mediation': add('Decision letter', d['decisionDate']); add('Certificate', d['certificateOn']); break;
    case 'appeal-registered': add('About', APPEAL_SUBJECTS[d['subject'] as keyof typeof APPEAL_SUBJECTS]); add('Decision letter', d['decisionDate']); break;
    case 'appeal-outcome': add('Outcome', APPEAL_OUTCOMES[d['outcome'] as keyof typeof APPEAL_OUTCOMES]); break;
    case 'correction': out.push(d['action'] === 'void' ? 'Removes an event entered in error' : 'Replaces an event'); add('New date', d['effectiveDate']); break;
    default: break;
  }
  return out;
}

/**
 * The case as at `asAt` (events effective after it are left out; corrections always apply).
 * `timeline: false` leaves the timeline empty, for callers that only want the status and deadlines
 * (recomputing a whole area's cached columns, where describing every event is a fifth of the work).
 */
export function fold(events: readonly CaseEventRecord[], asAt: PlainDate, options: { timeline?: boolean } = {}): CaseSummary {
  const { live, voided, replaced } = effectiveEvents(events);
  const asAtIso = asAt.toString();
  const upTo = live.filter((e) => e.effectiveDate <= asAtIso);
  const rejected = new Map<string, string>();
  const s = replay(upTo, rejected);
  const facts = toFacts(s);
  const closed = s.closed !== undefined;
  const main = current(s);
  const raw: DeadlineItem[] = [...s.history, ...caseDeadlines(facts)];
  // Informational: the family's 15 days on the draft plan.
  if (main.draftOn && !main.finalOn) {
    const t = draftPlanTimescales(main.draftOn);
    raw.push({ key: 'representations', label: 'Family\'s comments on the draft plan', due: t.dates.representationsClose, basis: t.bases.representationsClose, explanation: t.explanations.representationsClose, met: null, exceptions: [] });
  }
  const deadlines: DeadlineView[] = [];
  for (const i of raw) {
    // A decision to issue settles the outcome: the 16-week "not to issue" limit no longer arises.
    if (i.key === 'decision-not-to-issue' && s.main.decisionToIssueOn !== undefined) continue;
    if (i.key === 'tribunal-decision-not-to-issue' && s.tribunalAsmt?.decisionToIssueOn !== undefined) continue;
    const owner = ownerOf(i.key);
    const conditional = i.met === null && (i.key === 'decision-not-to-issue' || i.key === 'tribunal-decision-not-to-issue');
    const appealStillRuns = i.key === 'appeal-deadline';
    const applies = i.met !== null || !closed || appealStillRuns;
    const status = applies ? deadlineStatus(i, asAt) : 'no-longer-applies';
    // A conditional limit that has passed is not late: it only means a decision not to issue would now be.
    const statusLabel = conditional && status === 'overdue' ? 'Passed' : STATUS_LABELS[status];
    deadlines.push({
      key: i.key, label: i.label, due: i.due.toString(), basis: i.basis, explanation: i.explanation, met: i.met?.toString() ?? null,
      exceptions: i.exceptions, owner, applies, conditional, status, statusLabel,
      counts: applies && i.met === null && owner !== 'family' && !conditional,
    });
  }
  deadlines.sort((x, y) => (x.due < y.due ? -1 : x.due > y.due ? 1 : x.key < y.key ? -1 : 1));
  const counting = deadlines.filter((x) => x.counts);
  const adviceLabels = new Map(s.advice.map((x) => [x.eventId, `${x.contributorLabel} on ${fmt(x.requestedOn)}`]));
  const consultationLabels = new Map(s.consultations.map((x) => [x.eventId, `${x.setting}, consulted on ${fmt(x.consultedOn)}`]));
  const timeline: TimelineEntry[] = options.timeline === false ? [] : sortEvents(events.filter((e) => e.effectiveDate <= asAtIso).map((e) => ({ ...e })))
    .map((e) => ({
      id: e.id, seq: e.seq, type: e.type, label: EVENT_LABELS[e.type], effectiveDate: e.effectiveDate, details: describe(e, adviceLabels, consultationLabels),
      reason: e.reason ?? null, recordedAt: e.recordedAt ?? null, recordedBy: e.recordedBy ?? null,
      voided: voided.has(e.id), replaced: replaced.has(e.id), correctsEventId: e.correctsEventId ?? null, rejected: rejected.get(e.id) ?? null,
    }));
  const stage = stageOf(s);
  return {
    asAt: asAtIso, stage, stageLabel: STAGES[stage], open: OPEN_STAGES.includes(stage), planInForce: s.planInForce,
    requestReceived: s.requestReceived?.toString() ?? null, requester: s.requester ?? null, startedOn: s.startedOn?.toString() ?? null,
    closedOn: s.closed?.on.toString() ?? null, ceaseReason: s.closed?.ceaseReason ?? null,
    appealOpen: Boolean(s.appeal?.registeredOn && !s.appeal.outcome),
    plan: s.plan ?? null,
    advice: s.advice.map((x) => ({ eventId: x.eventId, contributor: x.contributorLabel, contributorUserId: x.contributorUserId, requestedOn: x.requestedOn.toString(), returnedOn: x.returnedOn?.toString() ?? null })),
    consultations: s.consultations.map((x) => ({
      eventId: x.eventId, setting: x.setting, urn: x.urn ?? null, consultedOn: x.consultedOn.toString(), requestedBy: x.requestedBy?.toString() ?? null,
      respondedOn: x.respondedOn?.toString() ?? null, response: x.response ?? null,
      responseLabel: x.response ? CONSULTATION_RESPONSES[x.response as keyof typeof CONSULTATION_RESPONSES] ?? x.response : null,
    })),
    exceptions: s.exceptions.map((x) => ({ code: x.code, on: x.on.toString() })),
    facts, deadlines,
    nextDue: counting[0] ?? null,
    overdue: counting.filter((x) => x.due < asAtIso),
    timeline,
    rejected: [...rejected].map(([eventId, message]) => ({ eventId, message })),
  };
}

// ---------------------------------------------------------------------------
// Validating a new event
// ---------------------------------------------------------------------------

export interface NewEvent { type: EventType; effectiveDate: string; data: Record<string, unknown>; correctsEventId?: string | null }

/**
 * The rules a new event must pass, given the case's existing events and today. Returns field errors
 * (empty when it may be recorded). The new event is replayed with the others in date order, so a
 * back-dated event that would put a later one out of order is refused too.
 */
export function checkNewEvent(existing: readonly CaseEventRecord[], ev: NewEvent, today: PlainDate): { field: string; message: string }[] {
  const date = D(ev.effectiveDate);
  if (Temporal.PlainDate.compare(date, today) > 0) {
    return [{ field: 'effectiveDate', message: `The date (${fmt(date)}) cannot be in the future: today is ${fmt(today)}` }];
  }
  if (ev.type === 'correction') {
    const target = existing.find((e) => e.id === ev.correctsEventId);
    if (!target || target.type === 'correction') return [{ field: 'correctsEventId', message: 'Select an event on this case to correct' }];
    if (effectiveEvents(existing).voided.has(target.id)) return [{ field: 'correctsEventId', message: 'That event has already been removed' }];
    if (ev.data['action'] === 'void' && (target.type === 'request-received' || target.type === 'transfer-in')) {
      return [{ field: 'correctsEventId', message: 'The event that opened the case cannot be removed; correct its date or details instead' }];
    }
    const newDate = str(ev.data['effectiveDate']);
    if (newDate && Temporal.PlainDate.compare(D(newDate), today) > 0) return [{ field: 'data.effectiveDate', message: `The corrected date (${fmt(D(newDate))}) cannot be in the future: today is ${fmt(today)}` }];
  }
  const nextSeq = existing.reduce((m, e) => Math.max(m, e.seq), 0) + 1;
  const candidate: CaseEventRecord = { id: 'new', seq: nextSeq, type: ev.type, effectiveDate: ev.effectiveDate, data: ev.data, correctsEventId: ev.correctsEventId ?? null };
  const { live } = effectiveEvents([...existing, candidate]);
  const s = emptyState();
  for (const e of live) {
    try {
      apply(s, e);
    } catch (err) {
      if (!(err instanceof RuleError)) throw err;
      if (e.id === 'new') return [specificDateError(existing, candidate) ?? { field: err.field, message: err.message }];
      if (ev.type === 'correction' && e.id === ev.correctsEventId) return [{ field: err.field, message: err.message }];
      const what = ev.type === 'correction' ? 'This correction' : `Recording this on ${fmt(date)}`;
      // A step dated before the one it answers (a decision before its request) reads better as that.
      const specific = ev.type === 'correction' ? undefined : specificDateError(existing, candidate);
      if (specific) return [specific];
      return [{ field: ev.type === 'correction' ? 'correctsEventId' : 'effectiveDate', message: `${what} would put the later "${EVENT_LABELS[e.type]}" of ${fmt(D(e.effectiveDate))} out of order: ${err.message}` }];
    }
  }
  return [];
}

/**
 * An event dated before the step it depends on sorts before it, so the ordered replay can only say
 * "out of order". Applied after all the existing events instead, the rule that names the two dates
 * speaks; that message is the more useful one when there is one.
 */
function specificDateError(existing: readonly CaseEventRecord[], candidate: CaseEventRecord): { field: string; message: string } | undefined {
  const s = emptyState();
  try {
    for (const e of effectiveEvents(existing).live) apply(s, e);
    apply(s, candidate);
  } catch (err) {
    if (err instanceof RuleError && err.field === 'effectiveDate') return { field: err.field, message: err.message };
  }
  return undefined;
}

/** Event types that make sense to record next (for the case page's forms). */
export function nextEventTypes(summary: CaseSummary, events: readonly CaseEventRecord[], today: PlainDate): EventType[] {
  const candidates: EventType[] = [
    'decision-to-assess', 'decision-not-to-assess', 'advice-requested', 'advice-received', 'exception-recorded', 'decision-to-issue', 'decision-not-to-issue',
    'draft-plan-issued', 'setting-consulted', 'consultation-response', 'representations-received', 'final-plan-issued', 'transfer-in-confirmed', 'review-meeting-held', 'review-decision', 'amendment-proposed',
    'amended-plan-issued', 'reassessment-requested', 'decision-to-reassess', 'decision-not-to-reassess', 'reassessment-plan-issued', 'phase-transfer', 'plan-ceased', 'transfer-out', 'mediation', 'appeal-registered', 'appeal-outcome',
  ];
  const sample: Record<string, Record<string, unknown>> = {
    'decision-not-to-assess': { reasons: 'x' }, 'decision-not-to-issue': { reasons: 'x' }, 'decision-not-to-reassess': { reasons: 'x' }, 'reassessment-requested': { requester: 'parent' }, 'advice-requested': { contributor: 'ep' },
    'advice-received': { adviceEventId: summary.advice.find((x) => !x.returnedOn)?.eventId ?? 'none' },
    'setting-consulted': { settingName: 'x' }, 'consultation-response': { consultationEventId: summary.consultations.find((x) => !x.respondedOn)?.eventId ?? 'none', response: 'other' },
    'draft-plan-issued': { plan: { needs: [] } }, 'exception-recorded': { code: 'c', reason: 'x', evidence: 'x' }, 'review-decision': { decision: 'maintain' },
    'phase-transfer': { kind: 'school', year: today.year + 1 }, 'plan-ceased': { reason: '9' }, 'transfer-out': { toLa: '999', learnedOfMove: today.toString(), moveDate: today.toString() },
    'mediation': { decisionDate: today.toString() }, 'appeal-registered': { subject: 'plan-content', decisionDate: today.toString() }, 'appeal-outcome': { outcome: 'dismissed' },
  };
  // Try each at today's date: offered if the rules allow it (the 15-day wait before a final plan aside).
  return candidates.filter((type) => {
    const errs = checkNewEvent(events, { type, effectiveDate: today.toString(), data: sample[type] ?? {} }, today);
    return errs.length === 0 || errs.every((e) => e.field === 'effectiveDate' && /15 days/.test(e.message));
  });
}
