/**
 * Working days: every day except Saturdays, Sundays and England and Wales bank
 * holidays (which include Christmas Day and Good Friday). This matches the
 * definition in the Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008,
 * rule 1(3), and the ordinary meaning in the SEND Regulations 2014.
 */
import { isBankHoliday } from './bank-holidays.ts';
import { addDays } from './dates.ts';

export type PlainDate = Temporal.PlainDate;

const SATURDAY = 6;

export function isWorkingDay(date: PlainDate): boolean {
  return date.dayOfWeek < SATURDAY && !isBankHoliday(date);
}

/**
 * "Within N working days of D": the Nth working day after D, D not counted
 * (whether or not D is itself a working day). This is the only way working
 * days are counted in this module (reg 15(2) included).
 * n = 0 returns D unchanged; a negative n counts back the same way
 * (the |n|th working day before D).
 */
export function addWorkingDays(date: PlainDate, n: number): PlainDate {
  if (!Number.isInteger(n)) throw new RangeError('working days must be a whole number');
  const step = n < 0 ? -1 : 1;
  let remaining = Math.abs(n);
  let day = date;
  while (remaining > 0) {
    day = addDays(day, step);
    if (isWorkingDay(day)) remaining -= 1;
  }
  return day;
}

/** D if it is a working day, otherwise the first working day after it. */
export function nextWorkingDayOnOrAfter(date: PlainDate): PlainDate {
  let day = date;
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}
