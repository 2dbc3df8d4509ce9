/**
 * Integer day numbers and exact rounding for the KPI engine.
 *
 * The engine turns every 'YYYY-MM-DD' string into a day number once per call (days since
 * 1970-01-01, proleptic Gregorian), so the hot loops compare integers instead of building
 * `Temporal.PlainDate`s. `dayNumber` agrees with `Temporal.PlainDate.from(s).since('1970-01-01').days`
 * (tested). A missing or malformed date is `NaN`, and every comparison with NaN is false, so a
 * missing date never falls "in" a period nor "within" a limit.
 */
import { daysFromCivil } from '../../../platform/time/civil-days.ts';

export { daysFromCivil };

/**
 * Reads 'YYYY-MM-DD' into `out` as [year, month, day]; false when missing, malformed or impossible.
 * Hand-rolled (no regex, no allocation): the engine parses hundreds of thousands of dates a call.
 */
function readYmd(text: string | undefined, out: Int32Array): boolean {
  if (text === undefined || text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  const y0 = text.charCodeAt(0) - 48;
  const y1 = text.charCodeAt(1) - 48;
  const y2 = text.charCodeAt(2) - 48;
  const y3 = text.charCodeAt(3) - 48;
  const m0 = text.charCodeAt(5) - 48;
  const m1 = text.charCodeAt(6) - 48;
  const d0 = text.charCodeAt(8) - 48;
  const d1 = text.charCodeAt(9) - 48;
  if (
    y0 < 0 || y0 > 9 || y1 < 0 || y1 > 9 || y2 < 0 || y2 > 9 || y3 < 0 || y3 > 9 ||
    m0 < 0 || m0 > 9 || m1 < 0 || m1 > 9 || d0 < 0 || d0 > 9 || d1 < 0 || d1 > 9
  ) {
    return false;
  }
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const m = m0 * 10 + m1;
  const d = d0 * 10 + d1;
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return false;
  out[0] = y;
  out[1] = m;
  out[2] = d;
  return true;
}

const YMD = new Int32Array(3);

/**
 * 'YYYY-MM-DD' → the packed integer yyyymmdd (20240229); NaN when missing, malformed or impossible.
 * Packed dates order like dates, and floor((on − born) / 10000) is the age in whole years.
 */
export function packedDate(text: string | undefined): number {
  if (!readYmd(text, YMD)) return NaN;
  return (YMD[0] as number) * 10000 + (YMD[1] as number) * 100 + (YMD[2] as number);
}

/** 'YYYY-MM-DD' → days since 1970-01-01; NaN when missing, malformed or impossible. */
export function dayNumber(text: string | undefined): number {
  if (!readYmd(text, YMD)) return NaN;
  return daysFromCivil(YMD[0] as number, YMD[1] as number, YMD[2] as number);
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/**
 * Age in whole years on `on`, both 'YYYY-MM-DD'; NaN when either is missing or the birth is after `on`.
 * A person born on 29 February reaches each new age on 1 March in a common year (the reading of
 * s.9 Family Law Reform Act 1969 used in England): on 28 February 2025 a child born 29 February
 * 2020 is still 4; on 1 March 2025 they are 5.
 */
export function ageOn(dateOfBirth: string | undefined, on: string): number {
  return ageFromPacked(packedDate(dateOfBirth), packedDate(on));
}

/** Age in whole years from packed dates (NaN when unknown or born after `on`). */
export function ageFromPacked(born: number, on: number): number {
  const age = Math.floor((on - born) / 10000);
  return age >= 0 ? age : NaN;
}

/**
 * `numerator / denominator` as a percentage with one decimal place, rounded half up on the exact
 * fraction (integer arithmetic, so 1/8 → 12.5, 2/3 → 66.7, 39407/84866 → 46.4). Null when the
 * denominator is 0: "no data", never 0%.
 */
export function percent1dp(numerator: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  // tenths of a percent = 1000·n/d; round half up = floor((2000·n + d) / 2d).
  const tenths = Math.floor((2000 * numerator + denominator) / (2 * denominator));
  return tenths / 10;
}

/** `totalDays / count` expressed in weeks to one decimal place, rounded half up exactly. Null when count is 0. */
export function meanWeeks1dp(totalDays: number, count: number): number | null {
  if (count <= 0) return null;
  // tenths of a week = 10·total / 7n; round half up = floor((20·total + 7n) / 14n).
  const tenths = Math.floor((20 * totalDays + 7 * count) / (14 * count));
  return tenths / 10;
}

/** 'YYYY-MM' → first and last day, 'YYYY-MM-DD'. Throws on a malformed month. */
export function monthBounds(month: string): { from: string; to: string } {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const y = Number(match?.[1]);
  const m = Number(match?.[2]);
  if (match === null || m < 1 || m > 12) throw new RangeError(`not a month 'YYYY-MM': ${month}`);
  const last = daysInMonth(y, m);
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}
