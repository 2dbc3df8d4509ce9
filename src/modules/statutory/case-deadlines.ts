/**
 * Case-level statutory deadlines for casework.
 *
 * `caseDeadlines(facts)` takes what is known about one child's or young
 * person's case — plain `Temporal.PlainDate`s, all optional — and returns every
 * statutory deadline those facts give rise to, each with the date the step was
 * actually done (`met`) if the facts record it. It is pure: no clock, no I/O.
 * Whether a deadline is overdue depends on "today", which the caller passes to
 * `deadlineStatus`.
 *
 * How the facts map to deadlines:
 *
 * | facts                                  | key(s)                                   | met by                     |
 * |----------------------------------------|------------------------------------------|----------------------------|
 * | requestReceived                        | decision-to-assess                       | decisionToAssessOn         |
 * |   … unless decidedToAssess === false:  | decision-not-to-issue, final-plan (1)    | decisionNotToIssueOn, finalIssuedOn |
 * | adviceRequests[i]                      | advice:i                                 | adviceRequests[i].returnedOn |
 * | lastReviewOrIssue (else finalIssuedOn) | next-review                              | reviewMeetingOn (2)        |
 * | reviewMeetingOn                        | review-decision                          | reviewDecisionOn           |
 * |   … and reviewDecision === 'amend'     | review-amended-plan (12 weeks, Devon)    | amendedPlanIssuedOn        |
 * | amendmentProposalsSentOn               | amendment-final (8 weeks, reg 22(3))     | amendedPlanIssuedOn        |
 * | phaseTransfer                          | phase-transfer                           | phaseTransferCompletedOn   |
 * | reassessmentNotifiedOn                 | reassessment-final-plan                  | reassessmentFinalOn        |
 * | laTransfer                             | la-transfer                              | laTransfer.transferredOn   |
 * |   … and transferredOn                  | new-council-letter, new-council-review (3) | newCouncilWroteOn, reviewMeetingOn (2) |
 * | tribunalOrder                          | tribunal-… (depends on the order)        | the matching tribunalOrder field |
 * | appeal                                 | appeal-deadline (the family's deadline)  | appeal.registeredOn        |
 *
 * (1) Which outcome applies: if decisionNotToIssueOn is recorded, only the
 *     16-week deadline is listed; if a draft or final plan is recorded, only the
 *     20-week one; if neither, both (the outcome is not known yet).
 * (2) A review meeting counts only if it is on or after the start of the period.
 * (3) new-council-review also needs lastReviewOrIssue or finalIssuedOn.
 *
 * `exceptions` on each item lists the recorded reg 10(4)(a)–(d) circumstances
 * (facts.exceptions) that the law allows for that particular limit. They never
 * move `due`; reporting uses them to count timeliness "excluding exceptions".
 * facts.exceptions applies to the assessment or re-assessment in hand.
 *
 * Items come back sorted by due date, then key. Inconsistent facts (a step done
 * before its trigger) are not rejected here; validate them where they are entered.
 */
import { addDays, compareDates, isBefore, type PlainDate } from './dates.ts';
import { applicableExceptions, type ExceptionCode, type LimitWithExceptions } from './exceptions.ts';
import {
  adviceTimescales,
  amendmentTimescales,
  annualReviewTimescales,
  appealTimescales,
  laTransferTimescales,
  newAssessmentTimescales,
  newCouncilTimescales,
  nextReviewTimescales,
  phaseTransferTimescales,
  reassessmentTimescales,
  tribunalOrderTimescales,
  type PhaseTransfer,
  type Timescale,
  type TribunalOrder,
} from './timescales.ts';

export interface AdviceRequestFact {
  /** Who was asked, e.g. "Educational psychology service". */
  readonly contributor: string;
  /** The day that body received the council's request (reg 8(1) runs from receipt). */
  readonly requestedOn: PlainDate;
  readonly returnedOn?: PlainDate | undefined;
}

export type ReviewDecision = 'maintain' | 'amend' | 'cease';

export interface CaseFacts {
  // --- New EHC needs assessment ---
  /** Request received under s.36(1) CFA 2014, or the day the council became responsible under s.24. */
  readonly requestReceived?: PlainDate | undefined;
  /** The day the council notified its decision whether to assess. */
  readonly decisionToAssessOn?: PlainDate | undefined;
  /** false when that decision was not to assess: later assessment deadlines then do not arise. */
  readonly decidedToAssess?: boolean | undefined;
  readonly adviceRequests?: readonly AdviceRequestFact[] | undefined;
  /** The day the council notified a decision not to issue a plan after assessment. */
  readonly decisionNotToIssueOn?: PlainDate | undefined;
  readonly draftServedOn?: PlainDate | undefined;
  /** The day the final EHC plan was issued. */
  readonly finalIssuedOn?: PlainDate | undefined;
  /** reg 10(4)(a)–(d) circumstances recorded for the assessment or re-assessment in hand. */
  readonly exceptions?: readonly ExceptionCode[] | undefined;

  // --- Reviews and amendments ---
  /** Start of the current review period: the day the plan was issued or last reviewed. Defaults to finalIssuedOn. */
  readonly lastReviewOrIssue?: PlainDate | undefined;
  readonly reviewMeetingOn?: PlainDate | undefined;
  readonly reviewDecisionOn?: PlainDate | undefined;
  readonly reviewDecision?: ReviewDecision | undefined;
  readonly amendmentProposalsSentOn?: PlainDate | undefined;
  readonly amendedPlanIssuedOn?: PlainDate | undefined;
  readonly phaseTransfer?: PhaseTransfer | undefined;
  readonly phaseTransferCompletedOn?: PlainDate | undefined;

  // --- Re-assessment ---
  readonly reassessmentNotifiedOn?: PlainDate | undefined;
  readonly reassessmentFinalOn?: PlainDate | undefined;

  // --- Moving to another council ---
  readonly laTransfer?:
    | {
        readonly learnedOfMove: PlainDate;
        readonly moveDate: PlainDate;
        readonly transferredOn?: PlainDate | undefined;
        readonly newCouncilWroteOn?: PlainDate | undefined;
      }
    | undefined;

  // --- Tribunal ---
  readonly tribunalOrder?:
    | {
        readonly order: TribunalOrder;
        /** The order date, or for an unopposed appeal the day the council told the Tribunal it would not oppose. */
        readonly orderDate: PlainDate;
        readonly assessConfirmedOn?: PlainDate | undefined;
        readonly decisionNotToIssueOn?: PlainDate | undefined;
        readonly draftIssuedOn?: PlainDate | undefined;
        readonly finalIssuedOn?: PlainDate | undefined;
        readonly amendedPlanIssuedOn?: PlainDate | undefined;
      }
    | undefined;
  readonly appeal?:
    | {
        readonly decisionLetter: PlainDate;
        readonly mediationCertificate?: PlainDate | undefined;
        readonly registeredOn?: PlainDate | undefined;
      }
    | undefined;
}

export interface DeadlineItem {
  /** Stable identifier, e.g. 'final-plan' or 'advice:0'. */
  readonly key: string;
  readonly label: string;
  readonly due: PlainDate;
  readonly basis: string;
  readonly explanation: string;
  /** The day the step was done, or null if the facts do not record it. */
  readonly met: PlainDate | null;
  /** Recorded exception codes that the law allows for this limit (empty if none apply). */
  readonly exceptions: readonly ExceptionCode[];
}

export function caseDeadlines(facts: CaseFacts): readonly DeadlineItem[] {
  const items: DeadlineItem[] = [];
  const recorded = facts.exceptions ?? [];

  function add<K extends string>(
    key: string,
    label: string,
    t: Timescale<K>,
    name: K,
    met: PlainDate | undefined,
    limit?: LimitWithExceptions,
  ): void {
    items.push({
      key,
      label,
      due: t.dates[name],
      basis: t.bases[name],
      explanation: t.explanations[name],
      met: met ?? null,
      exceptions: limit === undefined ? [] : applicableExceptions(limit, recorded),
    });
  }

  // New assessment.
  if (facts.requestReceived !== undefined) {
    const t = newAssessmentTimescales(facts.requestReceived);
    add('decision-to-assess', 'Decision whether to assess', t, 'decisionToAssess', facts.decisionToAssessOn, 'decisionToAssess');
    if (facts.decidedToAssess !== false) {
      const outcome = assessmentOutcome(facts.decisionNotToIssueOn, facts.draftServedOn ?? facts.finalIssuedOn);
      if (outcome !== 'issue') {
        add('decision-not-to-issue', 'Decision not to issue a plan', t, 'decisionNotToIssue', facts.decisionNotToIssueOn, 'decisionNotToIssue');
      }
      if (outcome !== 'not-issue') {
        add('final-plan', 'Final EHC plan', t, 'finalPlan', facts.finalIssuedOn, 'finalPlan');
      }
    }
  }
  (facts.adviceRequests ?? []).forEach((request, index) => {
    add(`advice:${String(index)}`, `Advice from ${request.contributor}`, adviceTimescales(request.requestedOn), 'adviceDue', request.returnedOn);
  });

  // Reviews.
  const periodStart = facts.lastReviewOrIssue ?? facts.finalIssuedOn;
  if (periodStart !== undefined) {
    add('next-review', 'Annual review', nextReviewTimescales(periodStart), 'nextReviewDue', onOrAfter(facts.reviewMeetingOn, periodStart));
  }
  if (facts.reviewMeetingOn !== undefined) {
    const t = annualReviewTimescales(facts.reviewMeetingOn);
    add('review-decision', 'Decision after the review meeting', t, 'decisionDue', facts.reviewDecisionOn);
    if (facts.reviewDecision === 'amend') {
      add('review-amended-plan', 'Amended plan after review', t, 'finalAmendedPlan', facts.amendedPlanIssuedOn);
    }
  }
  if (facts.amendmentProposalsSentOn !== undefined) {
    add('amendment-final', 'Final amended plan', amendmentTimescales(facts.amendmentProposalsSentOn), 'finalAmendedPlan', facts.amendedPlanIssuedOn);
  }
  if (facts.phaseTransfer !== undefined) {
    add('phase-transfer', 'Phase transfer review and amended plan', phaseTransferTimescales(facts.phaseTransfer), 'finalPlanDue', facts.phaseTransferCompletedOn);
  }

  // Re-assessment.
  if (facts.reassessmentNotifiedOn !== undefined) {
    add(
      'reassessment-final-plan',
      'Final plan after re-assessment',
      reassessmentTimescales(facts.reassessmentNotifiedOn),
      'finalPlan',
      facts.reassessmentFinalOn,
      'reassessmentFinalPlan',
    );
  }

  // Moving to another council.
  if (facts.laTransfer !== undefined) {
    const move = facts.laTransfer;
    add('la-transfer', 'Plan transferred to the new council', laTransferTimescales(move.learnedOfMove, move.moveDate), 'transferPlanBy', move.transferredOn);
    if (move.transferredOn !== undefined) {
      const start = periodStart ?? move.transferredOn;
      const t = newCouncilTimescales(move.transferredOn, start);
      add('new-council-letter', 'New council confirms the transfer', t, 'newCouncilLetter', move.newCouncilWroteOn);
      if (periodStart !== undefined) {
        add('new-council-review', 'First review by the new council', t, 'newCouncilReview', onOrAfter(facts.reviewMeetingOn, move.transferredOn));
      }
    }
  }

  // Tribunal.
  if (facts.tribunalOrder !== undefined) {
    const o = facts.tribunalOrder;
    switch (o.order) {
      case 'assess': {
        const t = tribunalOrderTimescales('assess', o.orderDate);
        add('tribunal-assess', 'Council confirms it will assess (Tribunal order)', t, 'decisionToAssess', o.assessConfirmedOn);
        const outcome = assessmentOutcome(o.decisionNotToIssueOn, o.finalIssuedOn);
        if (outcome !== 'issue') {
          add('tribunal-decision-not-to-issue', 'Decision not to issue a plan (Tribunal order)', t, 'decisionNotToIssue', o.decisionNotToIssueOn);
        }
        if (outcome !== 'not-issue') add('tribunal-final-plan', 'Final plan (Tribunal order)', t, 'finalPlan', o.finalIssuedOn);
        break;
      }
      case 'make-plan': {
        const t = tribunalOrderTimescales('make-plan', o.orderDate);
        add('tribunal-draft-plan', 'Draft plan (Tribunal order)', t, 'draftPlan', o.draftIssuedOn);
        add('tribunal-final-plan', 'Final plan (Tribunal order)', t, 'finalPlan', o.finalIssuedOn);
        break;
      }
      case 'amend-content': {
        const t = tribunalOrderTimescales('amend-content', o.orderDate);
        add('tribunal-amended-plan', 'Amended plan (Tribunal order)', t, 'amendedPlan', o.amendedPlanIssuedOn);
        break;
      }
    }
  }
  if (facts.appeal !== undefined) {
    const a = facts.appeal;
    add('appeal-deadline', 'Appeal to the SEND Tribunal', appealTimescales(a.decisionLetter, a.mediationCertificate), 'appealDeadline', a.registeredOn);
  }

  return items.sort((x, y) => compareDates(x.due, y.due) || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}

function assessmentOutcome(notIssuedOn: PlainDate | undefined, issuedOn: PlainDate | undefined): 'not-issue' | 'issue' | 'unknown' {
  if (notIssuedOn !== undefined) return 'not-issue';
  if (issuedOn !== undefined) return 'issue';
  return 'unknown';
}

function onOrAfter(date: PlainDate | undefined, start: PlainDate): PlainDate | undefined {
  return date !== undefined && !isBefore(date, start) ? date : undefined;
}

export type DeadlineStatus = 'met-on-time' | 'met-late' | 'overdue' | 'due-today' | 'upcoming';

/** Where a deadline stands on `today`. A step done on the due day is on time. */
export function deadlineStatus(item: Pick<DeadlineItem, 'due' | 'met'>, today: PlainDate): DeadlineStatus {
  const cmp = compareDates;
  if (item.met !== null) return cmp(item.met, item.due) <= 0 ? 'met-on-time' : 'met-late';
  const c = cmp(today, item.due);
  if (c > 0) return 'overdue';
  return c === 0 ? 'due-today' : 'upcoming';
}

/** Deadlines with no recorded completion that fall due within `days` days of `today` (overdue ones included). */
export function dueWithin(items: readonly DeadlineItem[], today: PlainDate, days: number): readonly DeadlineItem[] {
  const horizon = addDays(today, days);
  return items.filter((i) => i.met === null && !isBefore(horizon, i.due));
}
