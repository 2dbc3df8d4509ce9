/**
 * Statutory timescales for EHC needs assessments and plans (England): pure
 * rules, no I/O. See calculator.ts for the public calculator contract and
 * case-deadlines.ts for per-case deadlines.
 */
export * from './dates.ts';
export { BANK_HOLIDAY_SOURCE, PUBLISHED_YEARS, bankHolidaysIn, easterSunday, isBankHoliday, type BankHoliday } from './bank-holidays.ts';
export { addWorkingDays, isWorkingDay, nextWorkingDayOnOrAfter } from './working-days.ts';
export * from './exceptions.ts';
export * from './timescales.ts';
export * from './calculator.ts';
export * from './case-deadlines.ts';
