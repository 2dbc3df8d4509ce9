/**
 * Calendar arithmetic for statutory time limits.
 *
 * Every date here is a `Temporal.PlainDate`: a day on the calendar with no time
 * and no time zone, which is what the regulations talk about. JS `Date` is never
 * used, because it carries a time zone and turns into the previous day in BST.
 *
 * Counting conventions (they match how DfE counts in the SEN2 return; use
 * exactly these):
 * - "within N weeks of D": the last day in time is D + 7N days (D itself is day 0).
 * - "N days beginning with D": the period is D … D + N − 1 (D itself is day 1).
 *   This applies ONLY to the 15-day representation windows of regs 13 and 22.
 * - Months are calendar months: "within N months of D" is D + N months. When
 *   the target month has no such day (31 January + 1 month) it is that month's
 *   last day, which is Temporal's `overflow: 'constrain'` behaviour. So the
 *   next annual review after 2025-03-10 is due 2026-03-10.
 * - "within N working days of D": the Nth working day after D, D not counted
 *   (`addWorkingDays` in working-days.ts).
 */

import { civilFromDays, daysFromCivil } from '../../platform/time/civil-days.ts';
import { MONTH_NAMES } from '../../platform/time/format.ts';

export type PlainDate = Temporal.PlainDate;

/** Dates the public calculator accepts. Bank holidays are only modelled from 1978. */
export const SUPPORTED_YEARS = { min: 2000, max: 2199 } as const;

export type DateParseResult =
  | { readonly ok: true; readonly date: PlainDate }
  | { readonly ok: false; readonly reason: 'format' | 'impossible' | 'range'; readonly message: string };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parses a strict `YYYY-MM-DD` string. Rejects anything else, including
 * single-digit months or days ('2025-2-3'), impossible dates ('2025-02-30',
 * '2025-13-01') and years outside SUPPORTED_YEARS. Never throws.
 */
export function parseIsoDate(text: string): DateParseResult {
  const match = ISO_DATE.exec(text);
  if (match === null) {
    return { ok: false, reason: 'format', message: 'must be a date in the format YYYY-MM-DD, for example 2025-03-27' };
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  let date: PlainDate;
  try {
    // 'reject' makes 2025-02-30 an error instead of silently becoming 2025-02-28.
    date = Temporal.PlainDate.from({ year, month, day }, { overflow: 'reject' });
  } catch {
    return { ok: false, reason: 'impossible', message: 'must be a real date' };
  }
  if (year < SUPPORTED_YEARS.min || year > SUPPORTED_YEARS.max) {
    return {
      ok: false,
      reason: 'range',
      message: `must be between ${String(SUPPORTED_YEARS.min)} and ${String(SUPPORTED_YEARS.max)}`,
    };
  }
  return { ok: true, date };
}

// Day arithmetic and comparison are done on the date's fields rather than with `add` and
// `Temporal.PlainDate.compare`: a field read is about 20 times cheaper than `compare` and the
// arithmetic below half the cost of `add`, and recomputing every open case's deadlines makes
// hundreds of thousands of these calls (issue #4's benchmark: 8,000 cases in under 2 seconds).
// The results are identical (dates.test.ts checks them against Temporal across four centuries).

/** Days since 1970-01-01. */
export function epochDay(date: PlainDate): number {
  return daysFromCivil(date.year, date.month, date.day);
}

/** The date `n` days after 1970-01-01. */
export function fromEpochDay(n: number): PlainDate {
  const { year, month, day } = civilFromDays(n);
  return new Temporal.PlainDate(year, month, day);
}

export function addDays(date: PlainDate, days: number): PlainDate {
  if (!Number.isInteger(days)) throw new RangeError('days must be a whole number');
  return days === 0 ? date : fromEpochDay(epochDay(date) + days);
}

/** "Within N weeks of D" ends on D + 7N days. */
export function addWeeks(date: PlainDate, weeks: number): PlainDate {
  return addDays(date, 7 * weeks);
}

/**
 * Calendar months, clamped to the end of a shorter month
 * (2025-01-31 + 1 month = 2025-02-28; 2024-02-29 + 12 months = 2025-02-28).
 * Negative values count backwards with the same clamp
 * (2025-07-31 − 5 months = 2025-02-28).
 */
export function addMonths(date: PlainDate, months: number): PlainDate {
  return date.add({ months }, { overflow: 'constrain' });
}

/** The period of `days` days beginning with `date` (regs 13(1) and 22(2)): first and last day. */
export function daysBeginningWith(date: PlainDate, days: number): { first: PlainDate; last: PlainDate } {
  if (!Number.isInteger(days) || days < 1) throw new RangeError('a period must be at least one day long');
  return { first: date, last: addDays(date, days - 1) };
}

/** Negative, zero or positive as `a` is before, on or after `b` (`Temporal.PlainDate.compare`, cheaper). */
export function compareDates(a: PlainDate, b: PlainDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

export function isBefore(a: PlainDate, b: PlainDate): boolean {
  return compareDates(a, b) < 0;
}

export function isAfter(a: PlainDate, b: PlainDate): boolean {
  return compareDates(a, b) > 0;
}

export function laterOf(a: PlainDate, b: PlainDate): PlainDate {
  return isAfter(b, a) ? b : a;
}

export function toIsoDate(date: PlainDate): string {
  return date.toString();
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/**
 * "Friday 15 August 2025" — the GOV.UK style for dates in text. Built by hand
 * so the wording never depends on the ICU data shipped with Node.
 */
export function formatLongDate(date: PlainDate): string {
  return `${WEEKDAYS[date.dayOfWeek - 1] ?? ''} ${String(date.day)} ${MONTH_NAMES[date.month - 1] ?? ''} ${String(date.year)}`;
}
