/**
 * Working days: every day except Saturdays, Sundays and England and Wales bank
 * holidays (which include Christmas Day and Good Friday). This matches the
 * definition in the Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008,
 * rule 1(3), and the ordinary meaning in the SEND Regulations 2014.
 */
import { isBankHoliday } from './bank-holidays.ts';

export type PlainDate = Temporal.PlainDate;

const SATURDAY = 6;

export function isWorkingDay(date: PlainDate): boolean {
  return date.dayOfWeek < SATURDAY && !isBankHoliday(date);
}

/**
 * "Within N working days of D": the Nth working day after D, D not counted.
 * n = 0 returns D unchanged; a negative n counts back the same way
 * (the |n|th working day before D).
 */
export function addWorkingDays(date: PlainDate, n: number): PlainDate {
  if (!Number.isInteger(n)) throw new RangeError('working days must be a whole number');
  const step = n < 0 ? -1 : 1;
  let remaining = Math.abs(n);
  let day = date;
  while (remaining > 0) {
    day = day.add({ days: step });
    if (isWorkingDay(day)) remaining -= 1;
  }
  return day;
}

/** D if it is a working day, otherwise the first working day after it. */
export function nextWorkingDayOnOrAfter(date: PlainDate): PlainDate {
  let day = date;
  while (!isWorkingDay(day)) day = day.add({ days: 1 });
  return day;
}

/**
 * The last day of "N working days beginning with D" (reg 15(2)): D counts as the
 * first of them if it is a working day; otherwise counting starts on the next
 * working day.
 */
export function lastOfWorkingDaysBeginningWith(date: PlainDate, n: number): PlainDate {
  if (!Number.isInteger(n) || n < 1) throw new RangeError('a period must be at least one working day long');
  return isWorkingDay(date) ? addWorkingDays(date, n - 1) : addWorkingDays(date, n);
}
