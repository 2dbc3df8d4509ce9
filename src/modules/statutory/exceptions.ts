/**
 * The circumstances in which a council "need not comply" with a time limit
 * because compliance is impractical: SEND Regulations 2014, reg 10(4)(a)–(d),
 * which reg 13(3) applies to the 20-week limit and reg 27(3) repeats for
 * re-assessment.
 *
 * An exception never moves a due date. It changes how a late step is counted:
 * DfE's SEN2 return records "twenty week time limit exceptions apply", and the
 * published timeliness rate is shown both including and excluding plans where
 * an exception applied. The council must still act as soon as practicable.
 */

export type ExceptionCode = 'a' | 'b' | 'c' | 'd';

export interface TimescaleException {
  readonly code: ExceptionCode;
  /** Where the exception is written, in reg 10(4). */
  readonly basis: string;
  /** Plain English. */
  readonly label: string;
}

export const TIMESCALE_EXCEPTIONS: readonly TimescaleException[] = [
  {
    code: 'a',
    basis: 'SEND Regulations 2014, reg 10(4)(a)',
    label:
      'The council asked a school or college head teacher or principal for advice in the period from one week before ' +
      'the school or college closed for at least 4 weeks in a row (usually the summer holiday) to one week before it reopened.',
  },
  {
    code: 'b',
    basis: 'SEND Regulations 2014, reg 10(4)(b)',
    label:
      'The council asked an early years provider for advice in the period from one week before it closed for at least ' +
      '4 weeks in a row to one week before it reopened.',
  },
  {
    code: 'c',
    basis: 'SEND Regulations 2014, reg 10(4)(c)',
    label: 'Exceptional personal circumstances affected the child, their parent or the young person during the period.',
  },
  {
    code: 'd',
    basis: 'SEND Regulations 2014, reg 10(4)(d)',
    label:
      "The child, their parent or the young person was away from the council's area for at least 4 weeks in a row during the period.",
  },
];

export const EXCEPTION_CODES: readonly ExceptionCode[] = TIMESCALE_EXCEPTIONS.map((e) => e.code);

export function isExceptionCode(value: string): value is ExceptionCode {
  return (EXCEPTION_CODES as readonly string[]).includes(value);
}

/**
 * Which exception codes can excuse which limit.
 * - 16-week decision not to issue: reg 10(4)(a)–(d). (Reg 10(4) may also have a
 *   missed-appointment limb; it is not modelled.)
 * - 20-week final plan: reg 13(3) → reg 10(4)(a)–(d).
 * - 14-week re-assessment: reg 27(3)(a)–(d), the same four circumstances.
 * - 6-week decision whether to assess: reg 5(4) has the school/college closure,
 *   exceptional personal circumstances and absence limbs but no early years limb,
 *   so codes a, c and d. Only limb (a) was confirmed from the text seen; the rest
 *   mirror reg 10(4) (see domain.md §1.1).
 */
export const EXCEPTIONS_BY_LIMIT = {
  decisionToAssess: ['a', 'c', 'd'],
  decisionNotToIssue: ['a', 'b', 'c', 'd'],
  finalPlan: ['a', 'b', 'c', 'd'],
  reassessmentFinalPlan: ['a', 'b', 'c', 'd'],
} as const satisfies Record<string, readonly ExceptionCode[]>;

export type LimitWithExceptions = keyof typeof EXCEPTIONS_BY_LIMIT;

/** The recorded codes that the law allows for this limit, in code order, without duplicates. */
export function applicableExceptions(limit: LimitWithExceptions, recorded: readonly ExceptionCode[]): readonly ExceptionCode[] {
  const allowed: readonly ExceptionCode[] = EXCEPTIONS_BY_LIMIT[limit];
  return EXCEPTION_CODES.filter((code) => allowed.includes(code) && recorded.includes(code));
}
