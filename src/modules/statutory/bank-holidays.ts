/**
 * England and Wales bank holidays.
 *
 * Two sources, in this order:
 * 1. PUBLISHED_BANK_HOLIDAYS — the government's published list, copied from
 *    BANK_HOLIDAY_SOURCE for 2018–2027. It is authoritative for those years,
 *    including one-off days (VE Day 2020, Platinum Jubilee 2022, the Queen's
 *    funeral 2022, the Coronation 2023) and moved days.
 * 2. For any other year, the standing rules (Banking and Financial Dealings Act
 *    1971, Schedule 1, and the annual Royal Proclamations), plus the one-off
 *    changes in HISTORIC_ONE_OFFS. A year after 2027 is computed by rule, so a
 *    one-off day announced later must be added to the published list when
 *    gov.uk publishes it.
 *
 * A unit test checks that rules + one-offs reproduce the published list for
 * every published year, so a typo in either is caught.
 */

export type PlainDate = Temporal.PlainDate;

export interface BankHoliday {
  readonly date: PlainDate;
  readonly title: string;
}

export const BANK_HOLIDAY_SOURCE =
  'GOV.UK, "UK bank holidays", division england-and-wales: https://www.gov.uk/bank-holidays.json';

/** Years for which the published list is embedded. */
export const PUBLISHED_YEARS = { first: 2018, last: 2027 } as const;

/** The rules below only describe England and Wales since early May became a bank holiday in 1978. */
export const FIRST_SUPPORTED_YEAR = 1978;

type Row = readonly [isoDate: string, title: string];

/** Copied from BANK_HOLIDAY_SOURCE, england-and-wales. */
const PUBLISHED: readonly Row[] = [
  ['2018-01-01', "New Year's Day"],
  ['2018-03-30', 'Good Friday'],
  ['2018-04-02', 'Easter Monday'],
  ['2018-05-07', 'Early May bank holiday'],
  ['2018-05-28', 'Spring bank holiday'],
  ['2018-08-27', 'Summer bank holiday'],
  ['2018-12-25', 'Christmas Day'],
  ['2018-12-26', 'Boxing Day'],

  ['2019-01-01', "New Year's Day"],
  ['2019-04-19', 'Good Friday'],
  ['2019-04-22', 'Easter Monday'],
  ['2019-05-06', 'Early May bank holiday'],
  ['2019-05-27', 'Spring bank holiday'],
  ['2019-08-26', 'Summer bank holiday'],
  ['2019-12-25', 'Christmas Day'],
  ['2019-12-26', 'Boxing Day'],

  ['2020-01-01', "New Year's Day"],
  ['2020-04-10', 'Good Friday'],
  ['2020-04-13', 'Easter Monday'],
  ['2020-05-08', 'Early May bank holiday (VE day)'], // moved from Monday 4 May
  ['2020-05-25', 'Spring bank holiday'],
  ['2020-08-31', 'Summer bank holiday'],
  ['2020-12-25', 'Christmas Day'],
  ['2020-12-28', 'Boxing Day (substitute day)'],

  ['2021-01-01', "New Year's Day"],
  ['2021-04-02', 'Good Friday'],
  ['2021-04-05', 'Easter Monday'],
  ['2021-05-03', 'Early May bank holiday'],
  ['2021-05-31', 'Spring bank holiday'],
  ['2021-08-30', 'Summer bank holiday'],
  ['2021-12-27', 'Christmas Day (substitute day)'],
  ['2021-12-28', 'Boxing Day (substitute day)'],

  ['2022-01-03', "New Year's Day (substitute day)"],
  ['2022-04-15', 'Good Friday'],
  ['2022-04-18', 'Easter Monday'],
  ['2022-05-02', 'Early May bank holiday'],
  ['2022-06-02', 'Spring bank holiday'], // moved from Monday 30 May
  ['2022-06-03', 'Platinum Jubilee bank holiday'],
  ['2022-08-29', 'Summer bank holiday'],
  ['2022-09-19', 'Bank Holiday for the State Funeral of Queen Elizabeth II'],
  ['2022-12-26', 'Boxing Day'],
  ['2022-12-27', 'Christmas Day (substitute day)'],

  ['2023-01-02', "New Year's Day (substitute day)"],
  ['2023-04-07', 'Good Friday'],
  ['2023-04-10', 'Easter Monday'],
  ['2023-05-01', 'Early May bank holiday'],
  ['2023-05-08', 'Bank holiday for the coronation of King Charles III'],
  ['2023-05-29', 'Spring bank holiday'],
  ['2023-08-28', 'Summer bank holiday'],
  ['2023-12-25', 'Christmas Day'],
  ['2023-12-26', 'Boxing Day'],

  ['2024-01-01', "New Year's Day"],
  ['2024-03-29', 'Good Friday'],
  ['2024-04-01', 'Easter Monday'],
  ['2024-05-06', 'Early May bank holiday'],
  ['2024-05-27', 'Spring bank holiday'],
  ['2024-08-26', 'Summer bank holiday'],
  ['2024-12-25', 'Christmas Day'],
  ['2024-12-26', 'Boxing Day'],

  ['2025-01-01', "New Year's Day"],
  ['2025-04-18', 'Good Friday'],
  ['2025-04-21', 'Easter Monday'],
  ['2025-05-05', 'Early May bank holiday'],
  ['2025-05-26', 'Spring bank holiday'],
  ['2025-08-25', 'Summer bank holiday'],
  ['2025-12-25', 'Christmas Day'],
  ['2025-12-26', 'Boxing Day'],

  ['2026-01-01', "New Year's Day"],
  ['2026-04-03', 'Good Friday'],
  ['2026-04-06', 'Easter Monday'],
  ['2026-05-04', 'Early May bank holiday'],
  ['2026-05-25', 'Spring bank holiday'],
  ['2026-08-31', 'Summer bank holiday'],
  ['2026-12-25', 'Christmas Day'],
  ['2026-12-28', 'Boxing Day (substitute day)'],

  ['2027-01-01', "New Year's Day"],
  ['2027-03-26', 'Good Friday'],
  ['2027-03-29', 'Easter Monday'],
  ['2027-05-03', 'Early May bank holiday'],
  ['2027-05-31', 'Spring bank holiday'],
  ['2027-08-30', 'Summer bank holiday'],
  ['2027-12-27', 'Christmas Day (substitute day)'],
  ['2027-12-28', 'Boxing Day (substitute day)'],
];

/**
 * A one-off change to the standing rules: a regular day moved, or a day added.
 * Used both for years outside the published list and, in tests, to check that
 * the rules explain every published day.
 */
export interface OneOffChange {
  readonly year: number;
  /** A rule-based date (ISO) that did not happen that year, replaced by `to`; absent for an extra day. */
  readonly from?: string;
  readonly to: string;
  readonly title: string;
}

/** One-off changes inside the published years, as announced by Royal Proclamation. */
export const PUBLISHED_ONE_OFFS: readonly OneOffChange[] = [
  { year: 2020, from: '2020-05-04', to: '2020-05-08', title: 'Early May bank holiday (VE day)' },
  { year: 2022, from: '2022-05-30', to: '2022-06-02', title: 'Spring bank holiday' },
  { year: 2022, to: '2022-06-03', title: 'Platinum Jubilee bank holiday' },
  { year: 2022, to: '2022-09-19', title: 'Bank Holiday for the State Funeral of Queen Elizabeth II' },
  { year: 2023, to: '2023-05-08', title: 'Bank holiday for the coronation of King Charles III' },
];

/**
 * One-off changes before the published list starts (Royal Proclamations), so
 * that historic casework dates (EHC plans began on 1 September 2014) are right.
 */
export const HISTORIC_ONE_OFFS: readonly OneOffChange[] = [
  { year: 1981, to: '1981-07-29', title: 'Royal wedding' },
  { year: 1995, from: '1995-05-01', to: '1995-05-08', title: 'Early May bank holiday (VE day)' },
  { year: 1999, to: '1999-12-31', title: 'Millennium bank holiday' },
  { year: 2002, from: '2002-05-27', to: '2002-06-04', title: 'Spring bank holiday' },
  { year: 2002, to: '2002-06-03', title: 'Golden Jubilee bank holiday' },
  { year: 2011, to: '2011-04-29', title: 'Royal wedding' },
  { year: 2012, from: '2012-05-28', to: '2012-06-04', title: 'Spring bank holiday' },
  { year: 2012, to: '2012-06-05', title: 'Diamond Jubilee bank holiday' },
];

/**
 * Easter Sunday in the Gregorian calendar (the "anonymous Gregorian algorithm",
 * Meeus/Jones/Butcher). Good Friday and Easter Monday hang off it.
 */
export function easterSunday(year: number): PlainDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Temporal.PlainDate.from({ year, month, day });
}

const MONDAY = 1;
const FRIDAY = 5;
const SATURDAY = 6;
const SUNDAY = 7;

function firstMondayOf(year: number, month: number): PlainDate {
  const first = Temporal.PlainDate.from({ year, month, day: 1 });
  return first.add({ days: (MONDAY - first.dayOfWeek + 7) % 7 });
}

function lastMondayOf(year: number, month: number): PlainDate {
  const first = Temporal.PlainDate.from({ year, month, day: 1 });
  const last = first.with({ day: first.daysInMonth });
  return last.subtract({ days: (last.dayOfWeek - MONDAY + 7) % 7 });
}

/**
 * The standing rules only, with no one-off changes:
 * New Year's Day (next Monday if it falls at a weekend); Good Friday; Easter
 * Monday; first Monday in May; last Monday in May; last Monday in August;
 * Christmas Day and Boxing Day, each moved to the next weekday not already a
 * holiday if it falls at a weekend (so Christmas on a Saturday gives Monday 27
 * and Tuesday 28 December; on a Sunday, Boxing Day is Monday 26 and the
 * Christmas substitute Tuesday 27).
 */
export function ruleBasedBankHolidays(year: number): readonly BankHoliday[] {
  assertSupportedYear(year);
  const out: BankHoliday[] = [];

  const newYear = Temporal.PlainDate.from({ year, month: 1, day: 1 });
  if (newYear.dayOfWeek === SATURDAY) out.push({ date: newYear.add({ days: 2 }), title: "New Year's Day (substitute day)" });
  else if (newYear.dayOfWeek === SUNDAY) out.push({ date: newYear.add({ days: 1 }), title: "New Year's Day (substitute day)" });
  else out.push({ date: newYear, title: "New Year's Day" });

  const easter = easterSunday(year);
  out.push({ date: easter.subtract({ days: 2 }), title: 'Good Friday' });
  out.push({ date: easter.add({ days: 1 }), title: 'Easter Monday' });
  out.push({ date: firstMondayOf(year, 5), title: 'Early May bank holiday' });
  out.push({ date: lastMondayOf(year, 5), title: 'Spring bank holiday' });
  out.push({ date: lastMondayOf(year, 8), title: 'Summer bank holiday' });

  const christmas = Temporal.PlainDate.from({ year, month: 12, day: 25 });
  const boxing = christmas.add({ days: 1 });
  switch (christmas.dayOfWeek) {
    case SATURDAY: // Sat 25, Sun 26 → Mon 27, Tue 28
      out.push({ date: christmas.add({ days: 2 }), title: 'Christmas Day (substitute day)' });
      out.push({ date: christmas.add({ days: 3 }), title: 'Boxing Day (substitute day)' });
      break;
    case SUNDAY: // Sun 25, Mon 26 → Boxing Day stays, Christmas moves to Tue 27
      out.push({ date: boxing, title: 'Boxing Day' });
      out.push({ date: christmas.add({ days: 2 }), title: 'Christmas Day (substitute day)' });
      break;
    case FRIDAY: // Fri 25, Sat 26 → Boxing Day moves to Mon 28
      out.push({ date: christmas, title: 'Christmas Day' });
      out.push({ date: christmas.add({ days: 3 }), title: 'Boxing Day (substitute day)' });
      break;
    default:
      out.push({ date: christmas, title: 'Christmas Day' });
      out.push({ date: boxing, title: 'Boxing Day' });
  }
  return sortByDate(out);
}

/** Applies one-off changes to a rule-based list. Throws if a move does not match a rule-based day. */
export function applyOneOffs(base: readonly BankHoliday[], changes: readonly OneOffChange[]): readonly BankHoliday[] {
  let days = [...base];
  for (const change of changes) {
    const to = Temporal.PlainDate.from(change.to);
    if (change.from !== undefined) {
      const from = Temporal.PlainDate.from(change.from);
      const before = days.length;
      days = days.filter((d) => !d.date.equals(from));
      if (days.length === before) throw new Error(`one-off change moves ${change.from}, which is not a bank holiday by rule`);
    }
    days.push({ date: to, title: change.title });
  }
  return sortByDate(days);
}

function sortByDate(days: BankHoliday[]): BankHoliday[] {
  return days.sort((x, y) => Temporal.PlainDate.compare(x.date, y.date));
}

function assertSupportedYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_SUPPORTED_YEAR || year > 9999) {
    throw new RangeError(`bank holidays are only modelled from ${String(FIRST_SUPPORTED_YEAR)}; got ${String(year)}`);
  }
}

const publishedByYear: ReadonlyMap<number, readonly BankHoliday[]> = (() => {
  const map = new Map<number, BankHoliday[]>();
  for (const [iso, title] of PUBLISHED) {
    const date = Temporal.PlainDate.from(iso);
    const list = map.get(date.year) ?? [];
    list.push({ date, title });
    map.set(date.year, list);
  }
  return map;
})();

/** The published list for a year, or undefined outside PUBLISHED_YEARS. */
export function publishedBankHolidays(year: number): readonly BankHoliday[] | undefined {
  return publishedByYear.get(year);
}

const cache = new Map<number, { list: readonly BankHoliday[]; isoDates: ReadonlySet<string> }>();

function entryFor(year: number): { list: readonly BankHoliday[]; isoDates: ReadonlySet<string> } {
  const cached = cache.get(year);
  if (cached !== undefined) return cached;
  const list =
    publishedByYear.get(year) ??
    applyOneOffs(
      ruleBasedBankHolidays(year),
      HISTORIC_ONE_OFFS.filter((c) => c.year === year),
    );
  const entry = { list, isoDates: new Set(list.map((d) => d.date.toString())) };
  cache.set(year, entry);
  return entry;
}

/** England and Wales bank holidays in a calendar year, in date order. */
export function bankHolidaysIn(year: number): readonly BankHoliday[] {
  assertSupportedYear(year);
  return entryFor(year).list;
}

export function isBankHoliday(date: PlainDate): boolean {
  assertSupportedYear(date.year);
  return entryFor(date.year).isoDates.has(date.toString());
}
