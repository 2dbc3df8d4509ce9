/**
 * Written statement of action (2016 framework): due within 70 working days of the inspection
 * report's publication (Worcestershire cabinet paper, July 2018: "within 70 days of the publication
 * of the report"; domain.md §4.2 words the legal basis as 70 working days of *receiving* the
 * report — pass that date instead if the area received the report before it was published).
 *
 * Counting: the 70th working day after the publication date, which itself is not counted; working
 * days exclude weekends and England and Wales bank holidays (statutory/working-days.ts).
 */
import { addWorkingDays } from '../statutory/working-days.ts';
import { toPlainDate, type DateLike } from './dates.ts';

export const WSOA_WORKING_DAYS = 70;

export function wsoaDueDate(reportPublishedOn: DateLike): Temporal.PlainDate {
  return addWorkingDays(toPlainDate(reportPublishedOn, 'reportPublishedOn'), WSOA_WORKING_DAYS);
}
