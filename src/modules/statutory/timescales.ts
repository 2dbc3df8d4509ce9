/**
 * One pure function per statutory process. Each takes the known dates and
 * returns the due dates, a plain-English explanation a parent can read, and the
 * legal basis of each date. No I/O, no clock: "today" never enters here.
 *
 * "SEND Regulations 2014" in a basis means the Special Educational Needs and
 * Disability Regulations 2014 (SI 2014/1530).
 */
import { addDays, addMonths, addWeeks, daysBeginningWith, epochDay, formatLongDate as fmt, isAfter, laterOf, type PlainDate } from './dates.ts';
import { addWorkingDays, isWorkingDay, nextWorkingDayOnOrAfter } from './working-days.ts';

export interface Timescale<K extends string> {
  readonly dates: Readonly<Record<K, PlainDate>>;
  readonly explanations: Readonly<Record<K, string>>;
  readonly bases: Readonly<Record<K, string>>;
}

interface Entry {
  readonly date: PlainDate;
  readonly explanation: string;
  readonly basis: string;
}

function timescale<K extends string>(entries: Record<K, Entry>): Timescale<K> {
  const dates = {} as Record<K, PlainDate>;
  const explanations = {} as Record<K, string>;
  const bases = {} as Record<K, string>;
  for (const key of Object.keys(entries) as K[]) {
    const entry = entries[key];
    dates[key] = entry.date;
    explanations[key] = entry.explanation;
    bases[key] = entry.basis;
  }
  return { dates, explanations, bases };
}

/**
 * The timescales that run from one date are pure functions of it, and a caseload keeps asking about
 * the same few thousand dates: recomputing 8,000 cases asks about 100,000 times. So each answer is
 * kept, keyed on the date, and frozen so that no caller can change an answer another will be given.
 * Bounded: the memo starts again once it holds MEMO_LIMIT dates.
 */
const MEMO_LIMIT = 20_000;
function byDate<K extends string>(compute: (date: PlainDate) => Timescale<K>): (date: PlainDate) => Timescale<K> {
  const memo = new Map<number, Timescale<K>>();
  return (date) => {
    const key = epochDay(date);
    let answer = memo.get(key);
    if (answer === undefined) {
      const t = compute(date);
      answer = Object.freeze({ dates: Object.freeze(t.dates), explanations: Object.freeze(t.explanations), bases: Object.freeze(t.bases) });
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(key, answer);
    }
    return answer;
  };
}

const REGS = 'SEND Regulations 2014';
const TRIBUNAL_RULES = 'Tribunal Procedure (First-tier Tribunal) (Health, Education and Social Care Chamber) Rules 2008';

/** When counting whole months landed on a shorter month's last day, say so (with a leading space); otherwise ''. */
function monthEndNote(from: PlainDate, to: PlainDate): string {
  if (from.day === to.day) return '';
  const [, , month, year] = fmt(to).split(' ');
  return ` There is no ${String(from.day)} ${month ?? ''} ${year ?? ''}, so the date is the last day of that month.`;
}

const EXCEPTIONS_NOTE =
  'This time limit does not apply if meeting it is impractical because of one of the circumstances the law allows: ' +
  'advice was asked for while a school, college or early years setting was closed for at least 4 weeks (usually the ' +
  'summer holiday), exceptional personal circumstances, or the family being away from the area for at least 4 weeks. ' +
  'The council must still act as soon as it can.';

// ---------------------------------------------------------------------------
// New EHC needs assessment (regs 5, 10 and 13)
// ---------------------------------------------------------------------------

/** All three limits run from the day the council received the request (or became responsible under s.24 CFA 2014). */
function newAssessmentTimescalesUncached(
  requestReceived: PlainDate,
): Timescale<'decisionToAssess' | 'decisionNotToIssue' | 'finalPlan'> {
  const decisionToAssess = addWeeks(requestReceived, 6);
  const decisionNotToIssue = addWeeks(requestReceived, 16);
  const finalPlan = addWeeks(requestReceived, 20);
  return timescale({
    decisionToAssess: {
      date: decisionToAssess,
      basis: `${REGS}, reg 5(1)`,
      explanation:
        `The council must tell you whether it will carry out an EHC needs assessment as soon as practicable, and no later ` +
        `than 6 weeks after it received the request on ${fmt(requestReceived)}: by ${fmt(decisionToAssess)}. ` +
        EXCEPTIONS_NOTE,
    },
    decisionNotToIssue: {
      date: decisionNotToIssue,
      basis: `${REGS}, reg 10(1)`,
      explanation:
        `If, after the assessment, the council decides not to issue an EHC plan, it must tell you no later than 16 weeks ` +
        `after it received the request: by ${fmt(decisionNotToIssue)}. ` +
        EXCEPTIONS_NOTE,
    },
    finalPlan: {
      date: finalPlan,
      basis: `${REGS}, reg 13(2)`,
      explanation:
        `If the council decides to issue an EHC plan, the final plan must be sent to you no later than 20 weeks after it ` +
        `received the request: by ${fmt(finalPlan)}. ` +
        EXCEPTIONS_NOTE,
    },
  });
}

// ---------------------------------------------------------------------------
// Advice and information for the assessment (reg 8)
// ---------------------------------------------------------------------------

function adviceTimescalesUncached(adviceRequested: PlainDate): Timescale<'adviceDue'> {
  const adviceDue = addWeeks(adviceRequested, 6);
  return timescale({
    adviceDue: {
      date: adviceDue,
      basis: `${REGS}, reg 8(1)`,
      explanation:
        `A service asked for advice for an EHC needs assessment (for example a school, an educational psychologist, ` +
        `health or social care) must give it within 6 weeks of receiving the request on ${fmt(adviceRequested)}: ` +
        `by ${fmt(adviceDue)}. It need not meet this limit only if exceptional circumstances affect the family, the ` +
        `family is away from the area for at least 4 weeks, or the child or young person misses an appointment, ` +
        `during those 6 weeks (reg 8(2)).`,
    },
  });
}

// ---------------------------------------------------------------------------
// Draft plan (reg 13(1))
// ---------------------------------------------------------------------------

function draftPlanTimescalesUncached(draftServed: PlainDate): Timescale<'representationsClose' | 'earliestFinalPlan'> {
  const window = daysBeginningWith(draftServed, 15);
  const earliestFinalPlan = addDays(window.last, 1);
  return timescale({
    representationsClose: {
      date: window.last,
      basis: `${REGS}, reg 13(1)(a)`,
      explanation:
        `You have at least 15 days, beginning with the day the draft plan was served (${fmt(draftServed)}), to comment ` +
        `on it, ask for a particular school or college to be named and ask to meet a council officer. The 15 days end on ` +
        `${fmt(window.last)}.`,
    },
    earliestFinalPlan: {
      date: earliestFinalPlan,
      basis: `${REGS}, reg 13(1)(a)`,
      explanation:
        `The council must give you the full 15 days, so it should not finalise the plan before ${fmt(earliestFinalPlan)}. ` +
        `The final plan is still due within 20 weeks of the original request.`,
    },
  });
}

// ---------------------------------------------------------------------------
// Amending a plan (reg 22)
// ---------------------------------------------------------------------------

function amendmentTimescalesUncached(proposalsSent: PlainDate): Timescale<'representationsClose' | 'finalAmendedPlan'> {
  const window = daysBeginningWith(proposalsSent, 15);
  const finalAmendedPlan = addWeeks(proposalsSent, 8);
  return timescale({
    representationsClose: {
      date: window.last,
      basis: `${REGS}, reg 22(2)(c)`,
      explanation:
        `You have at least 15 days, beginning with the day the proposed amendments were served (${fmt(proposalsSent)}), ` +
        `to comment on them, ask for a particular school or college and ask for a meeting. The 15 days end on ` +
        `${fmt(window.last)}.`,
    },
    finalAmendedPlan: {
      date: finalAmendedPlan,
      basis: `${REGS}, reg 22(3)`,
      explanation:
        `If the council goes ahead with the changes, it must send you the final amended plan no later than 8 weeks after ` +
        `it sent the proposed amendments: by ${fmt(finalAmendedPlan)}.`,
    },
  });
}

// ---------------------------------------------------------------------------
// Annual review (reg 20; Devon)
// ---------------------------------------------------------------------------

function annualReviewTimescalesUncached(meeting: PlainDate): Timescale<'decisionDue' | 'finalAmendedPlan'> {
  const decisionDue = addWeeks(meeting, 4);
  const finalAmendedPlan = addWeeks(meeting, 12);
  return timescale({
    decisionDue: {
      date: decisionDue,
      basis: `${REGS}, reg 20(10)`,
      explanation:
        `Within 4 weeks of the review meeting on ${fmt(meeting)} the council must tell you whether it will keep the plan ` +
        `as it is, amend it or stop maintaining it: by ${fmt(decisionDue)}. If it is amending the plan, the proposed ` +
        `changes must come with that decision.`,
    },
    finalAmendedPlan: {
      date: finalAmendedPlan,
      basis: `${REGS}, regs 20(10) and 22(3); R (L, M and P) v Devon CC [2022] EWHC 493 (Admin)`,
      explanation:
        `If the council is amending the plan, the final amended plan is due within 8 weeks of the proposed changes, ` +
        `which must be sent within 4 weeks of the meeting. So it is due no later than 12 weeks after the review meeting: ` +
        `by ${fmt(finalAmendedPlan)}.`,
    },
  });
}

/**
 * CFA 2014 s.44(1): the plan is reviewed within 12 months of the date it was
 * issued or last reviewed. Counted as calendar months, the due date is the same
 * date 12 months later, clamped to the month end (2024-02-29 → 2025-02-28).
 * The Act's "period of 12 months starting with" that date is read this way, as
 * DfE counts it; only regs 13 and 22 use the "beginning with" day count.
 */
function nextReviewTimescalesUncached(lastReviewOrIssue: PlainDate): Timescale<'nextReviewDue'> {
  const nextReviewDue = addMonths(lastReviewOrIssue, 12);
  return timescale({
    nextReviewDue: {
      date: nextReviewDue,
      basis: 'Children and Families Act 2014, s.44(1)',
      explanation:
        `The plan must be reviewed within 12 months of the day it was issued or last reviewed ` +
        `(${fmt(lastReviewOrIssue)}): by ${fmt(nextReviewDue)}.${monthEndNote(lastReviewOrIssue, nextReviewDue)} ` +
        `For a child under 5, the SEND Code of Practice says councils should consider reviewing every 3 to 6 months.`,
    },
  });
}

// ---------------------------------------------------------------------------
// Phase transfer (reg 18)
// ---------------------------------------------------------------------------

export type PhaseTransferKind = 'school' | 'post16' | 'post16-move';

export type PhaseTransfer =
  | { readonly kind: 'school'; readonly year: number }
  | { readonly kind: 'post16'; readonly year: number }
  | { readonly kind: 'post16-move'; readonly transferDate: PlainDate };

/**
 * Reg 18(1): the review and any amendment are completed by 15 February (or 31
 * March for secondary school to post-16) in the calendar year of transfer. The
 * regulation says "before" that date; it is read, as DfE counts it, with that
 * date itself as the due date. Reg 18(2) requires it "at least five months
 * before" a post-16 to post-16 move: the date five calendar months before the
 * move, clamped to the month end (2025-07-31 → 2025-02-28).
 */
export function phaseTransferTimescales(transfer: PhaseTransfer): Timescale<'finalPlanDue'> {
  switch (transfer.kind) {
    case 'school': {
      const due = Temporal.PlainDate.from({ year: transfer.year, month: 2, day: 15 });
      return timescale({
        finalPlanDue: {
          date: due,
          basis: `${REGS}, reg 18(1)(b)`,
          explanation:
            `For a move between phases of education in ${String(transfer.year)} (for example nursery to school, infant ` +
            `to junior, or primary to secondary), the council must review the plan and make any changes, including ` +
            `naming the new school, by ${fmt(due)}. ${phaseTransferWording('15 February')}`,
        },
      });
    }
    case 'post16': {
      const due = Temporal.PlainDate.from({ year: transfer.year, month: 3, day: 31 });
      return timescale({
        finalPlanDue: {
          date: due,
          basis: `${REGS}, reg 18(1)(a)`,
          explanation:
            `For a move from secondary school to a post-16 institution in ${String(transfer.year)}, the council must ` +
            `review the plan and make any changes, including naming the college or other institution, by ` +
            `${fmt(due)}. ${phaseTransferWording('31 March')}`,
        },
      });
    }
    case 'post16-move': {
      const due = addMonths(transfer.transferDate, -5);
      return timescale({
        finalPlanDue: {
          date: due,
          basis: `${REGS}, reg 18(2)`,
          explanation:
            `For a move from one post-16 institution to another on ${fmt(transfer.transferDate)}, the council must ` +
            `review the plan and make any changes, including naming the new institution, at least 5 months before ` +
            `the move: by ${fmt(due)}.${monthEndNote(transfer.transferDate, due)}`,
        },
      });
    }
  }
}

function phaseTransferWording(day: string): string {
  return (
    `The regulation says this must be done "before ${day}"; this calculator follows the Department for Education's ` +
    `counting, which takes ${day} itself as the deadline.`
  );
}

// ---------------------------------------------------------------------------
// Re-assessment (reg 27)
// ---------------------------------------------------------------------------

function reassessmentTimescalesUncached(notified: PlainDate): Timescale<'finalPlan'> {
  const finalPlan = addWeeks(notified, 14);
  return timescale({
    finalPlan: {
      date: finalPlan,
      basis: `${REGS}, reg 27(2)`,
      explanation:
        `After a re-assessment, an amended or replacement plan must be sent no later than 14 weeks after the council ` +
        `gave notice of the re-assessment (or decided one was needed) on ${fmt(notified)}: by ${fmt(finalPlan)}. ` +
        `The same circumstances as for a first assessment can excuse this limit (reg 27(3)).`,
    },
  });
}

// ---------------------------------------------------------------------------
// Tribunal orders (regs 44 and 45)
// ---------------------------------------------------------------------------

export type TribunalOrder = 'assess' | 'make-plan' | 'amend-content';

export const TRIBUNAL_ORDERS: readonly TribunalOrder[] = ['assess', 'make-plan', 'amend-content'];

export function tribunalOrderTimescales(
  order: 'assess',
  orderDate: PlainDate,
): Timescale<'decisionToAssess' | 'decisionNotToIssue' | 'finalPlan'>;
export function tribunalOrderTimescales(order: 'make-plan', orderDate: PlainDate): Timescale<'draftPlan' | 'finalPlan'>;
export function tribunalOrderTimescales(order: 'amend-content', orderDate: PlainDate): Timescale<'amendedPlan'>;
export function tribunalOrderTimescales(order: TribunalOrder, orderDate: PlainDate): Timescale<string>;
export function tribunalOrderTimescales(order: TribunalOrder, orderDate: PlainDate): Timescale<string> {
  const UNOPPOSED =
    'If the council decided not to oppose the appeal, the same periods run from the day it told the Tribunal so ' +
    '(reg 45, as amended in 2015).';
  switch (order) {
    case 'assess': {
      const decisionToAssess = addWeeks(orderDate, 2);
      const decisionNotToIssue = addWeeks(orderDate, 10);
      const finalPlan = addWeeks(orderDate, 14);
      return timescale({
        decisionToAssess: {
          date: decisionToAssess,
          basis: `${REGS}, reg 44(2)(b)`,
          explanation:
            `The Tribunal ordered an EHC needs assessment on ${fmt(orderDate)}. The council must tell you within 2 weeks ` +
            `that it will carry out the assessment: by ${fmt(decisionToAssess)}. ${UNOPPOSED}`,
        },
        decisionNotToIssue: {
          date: decisionNotToIssue,
          basis: `${REGS}, reg 44(2)(b)(i)`,
          explanation:
            `If after the assessment the council decides not to issue a plan, it must tell you with reasons within ` +
            `10 weeks of the order: by ${fmt(decisionNotToIssue)}.`,
        },
        finalPlan: {
          date: finalPlan,
          basis: `${REGS}, reg 44(2)(b)(ii)`,
          explanation:
            `If the council decides to issue a plan, the final plan must be sent within 14 weeks of the order: ` +
            `by ${fmt(finalPlan)}.`,
        },
      });
    }
    case 'make-plan': {
      const draftPlan = addWeeks(orderDate, 5);
      const finalPlan = addWeeks(orderDate, 11);
      return timescale({
        draftPlan: {
          date: draftPlan,
          basis: `${REGS}, reg 44(2)(c)(i)`,
          explanation:
            `The Tribunal ordered the council to make and maintain an EHC plan on ${fmt(orderDate)}. The council must ` +
            `issue a draft plan within 5 weeks of the order: by ${fmt(draftPlan)}.`,
        },
        finalPlan: {
          date: finalPlan,
          basis: `${REGS}, reg 44(2)(c)(ii)`,
          explanation: `The final plan must be sent within 11 weeks of the order: by ${fmt(finalPlan)}.`,
        },
      });
    }
    case 'amend-content': {
      const amendedPlan = addWeeks(orderDate, 5);
      return timescale({
        amendedPlan: {
          date: amendedPlan,
          basis: `${REGS}, reg 45(4) (as substituted by SI 2015/359); reg 44(2) for an order after a hearing`,
          explanation:
            `The council must issue the amended plan within 5 weeks of ${fmt(orderDate)}: by ${fmt(amendedPlan)}. ` +
            `For an unopposed appeal about the content of a plan, the 5 weeks run from the day the council told the ` +
            `Tribunal it would not oppose the appeal.`,
        },
      });
    }
  }
}

// ---------------------------------------------------------------------------
// Appeal to the First-tier Tribunal (SEND)
// ---------------------------------------------------------------------------

export type AppealAdjustment = 'none' | 'christmas' | 'august' | 'non-working-day';

/**
 * Tribunal Procedure (HESC) Rules 2008, rule 12(2)–(3): a deadline for starting a SEN appeal that falls from
 * 25 December to 1 January moves to the first working day after 1 January; one
 * that falls in August moves to the first working day after 31 August; one that
 * falls on any other non-working day moves to the next working day.
 */
export function adjustAppealDeadline(date: PlainDate): { date: PlainDate; adjustment: AppealAdjustment } {
  if (date.month === 12 && date.day >= 25) {
    return { date: nextWorkingDayOnOrAfter(Temporal.PlainDate.from({ year: date.year + 1, month: 1, day: 2 })), adjustment: 'christmas' };
  }
  if (date.month === 1 && date.day === 1) {
    return { date: nextWorkingDayOnOrAfter(addDays(date, 1)), adjustment: 'christmas' };
  }
  if (date.month === 8) {
    return { date: nextWorkingDayOnOrAfter(date.with({ month: 9, day: 1 })), adjustment: 'august' };
  }
  if (!isWorkingDay(date)) return { date: nextWorkingDayOnOrAfter(date), adjustment: 'non-working-day' };
  return { date, adjustment: 'none' };
}

export interface AppealDeadline {
  /** 2 months after the decision letter. */
  readonly fromDecision: PlainDate;
  /** 1 month after the mediation certificate, if there is one. */
  readonly fromCertificate: PlainDate | undefined;
  /** The later of the two, before the holiday rules. */
  readonly unadjusted: PlainDate;
  readonly deadline: PlainDate;
  readonly adjustment: AppealAdjustment;
}

export function appealDeadline(decisionLetter: PlainDate, mediationCertificate?: PlainDate): AppealDeadline {
  const fromDecision = addMonths(decisionLetter, 2);
  const fromCertificate = mediationCertificate === undefined ? undefined : addMonths(mediationCertificate, 1);
  const unadjusted = fromCertificate === undefined ? fromDecision : laterOf(fromDecision, fromCertificate);
  const { date, adjustment } = adjustAppealDeadline(unadjusted);
  return { fromDecision, fromCertificate, unadjusted, deadline: date, adjustment };
}

export function appealTimescales(decisionLetter: PlainDate, mediationCertificate?: PlainDate): Timescale<'appealDeadline'> {
  const a = appealDeadline(decisionLetter, mediationCertificate);
  let text = `You can appeal within 2 months of the date of the council's decision letter (${fmt(decisionLetter)}), which is ${fmt(a.fromDecision)}`;
  if (mediationCertificate !== undefined && a.fromCertificate !== undefined) {
    text +=
      `, or within 1 month of the date of your mediation certificate (${fmt(mediationCertificate)}), which is ` +
      `${fmt(a.fromCertificate)}, whichever is later: ${fmt(a.unadjusted)}.`;
  } else {
    text += '.';
  }
  switch (a.adjustment) {
    case 'christmas':
      text += ` Because that falls between 25 December and 1 January, the Tribunal accepts the appeal on the first working day after 1 January: ${fmt(a.deadline)}.`;
      break;
    case 'august':
      text += ` Because that falls in August, the Tribunal accepts the appeal on the first working day of September: ${fmt(a.deadline)}.`;
      break;
    case 'non-working-day':
      text += ` Because that is not a working day, the deadline moves to the next working day: ${fmt(a.deadline)}.`;
      break;
    case 'none':
      break;
  }
  if (mediationCertificate === undefined) {
    text += ' If you get a mediation certificate, you also have until 1 month after its date, if that is later.';
  }
  return timescale({
    appealDeadline: {
      date: a.deadline,
      basis: `${TRIBUNAL_RULES}, rules 20 and 12; Children and Families Act 2014, s.55 (mediation certificate)`,
      explanation: text,
    },
  });
}

// ---------------------------------------------------------------------------
// Moving to another council (reg 15)
// ---------------------------------------------------------------------------

/**
 * Reg 15(2): the old council transfers the plan on the day of the move, or, if
 * it learned of the move fewer than 15 working days before it, within 15
 * working days of learning of it.
 *
 * Working days are counted as everywhere else here: the 15th working day after
 * the day it learned of the move, that day not counted (the regulation's
 * "beginning with" wording is read this way, as DfE counts it). The two limbs
 * then meet without a gap: the due date is the later of the move day and that
 * 15th working day.
 */
export function laTransferTimescales(learnedOfMove: PlainDate, moveDate: PlainDate): Timescale<'transferPlanBy'> {
  const fifteenth = addWorkingDays(learnedOfMove, 15);
  const enoughNotice = !isAfter(fifteenth, moveDate);
  const transferPlanBy = laterOf(moveDate, fifteenth);
  const newCouncil =
    ' The new council must then write to you within 6 weeks of the transfer to confirm it, say whether it will carry ' +
    'out a new EHC needs assessment and say when it will review the plan (reg 15(4)).';
  return timescale({
    transferPlanBy: {
      date: transferPlanBy,
      basis: `${REGS}, reg 15(2)`,
      explanation: enoughNotice
        ? `The old council learned of the move on ${fmt(learnedOfMove)}, at least 15 working days before the move on ` +
          `${fmt(moveDate)}, so it must transfer the plan to the new council on the day of the move: ${fmt(transferPlanBy)}.` +
          newCouncil
        : `The old council learned of the move on ${fmt(learnedOfMove)}, less than 15 working days before the move on ` +
          `${fmt(moveDate)}, so it must transfer the plan within 15 working days of learning of it: by ` +
          `${fmt(transferPlanBy)}. This counts 15 working days (not weekends or bank holidays) after the day it ` +
          `learned of the move, not counting that day.` +
          newCouncil,
    },
  });
}

/**
 * Reg 15(4): the new council writes within 6 weeks of the transfer. Reg 15(5):
 * it reviews the plan by the later of 12 months from the date the plan was made
 * or last reviewed and 3 months from the transfer. Months are calendar months
 * clamped to the month end, as for the next annual review (so the 12-month limb
 * agrees with nextReviewTimescales). Limb (b) of reg 15(5) was not confirmed
 * from the text seen (domain.md §1.7).
 */
export function newCouncilTimescales(
  transferredOn: PlainDate,
  lastReviewOrIssue: PlainDate,
): Timescale<'newCouncilLetter' | 'newCouncilReview'> {
  const letter = addWeeks(transferredOn, 6);
  const review = laterOf(addMonths(lastReviewOrIssue, 12), addMonths(transferredOn, 3));
  return timescale({
    newCouncilLetter: {
      date: letter,
      basis: `${REGS}, reg 15(4)`,
      explanation:
        `The plan was transferred on ${fmt(transferredOn)}. Within 6 weeks (by ${fmt(letter)}) the new council must ` +
        `tell you that it has the plan, whether it will carry out a new EHC needs assessment and when it will review the plan.`,
    },
    newCouncilReview: {
      date: review,
      basis: `${REGS}, reg 15(5)`,
      explanation:
        `The new council must review the plan within 12 months of when it was made or last reviewed, or within 3 months ` +
        `of the transfer, whichever is later: by ${fmt(review)}.`,
    },
  });
}

export const newAssessmentTimescales = byDate(newAssessmentTimescalesUncached);
export const adviceTimescales = byDate(adviceTimescalesUncached);
export const draftPlanTimescales = byDate(draftPlanTimescalesUncached);
export const amendmentTimescales = byDate(amendmentTimescalesUncached);
export const annualReviewTimescales = byDate(annualReviewTimescalesUncached);
export const nextReviewTimescales = byDate(nextReviewTimescalesUncached);
export const reassessmentTimescales = byDate(reassessmentTimescalesUncached);
