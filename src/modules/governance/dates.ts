/** Small date helpers shared by the governance rules. Calendar dates are Temporal.PlainDate. */

export type DateLike = Temporal.PlainDate | string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** A real calendar date from parts, or null if impossible (31 Feb, month 13…). */
export function dateFromParts(year: number, month: number, day: number): Temporal.PlainDate | null {
  try {
    return Temporal.PlainDate.from({ year, month, day }, { overflow: 'reject' });
  } catch {
    return null;
  }
}

/** Strict 'YYYY-MM-DD' → PlainDate, or null. */
export function parseIsoDate(text: string): Temporal.PlainDate | null {
  const m = ISO_DATE.exec(text.trim());
  if (!m) return null;
  return dateFromParts(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** 'YYYY-MM-DD' or UK 'DD/MM/YYYY' (day and month may be one digit) → PlainDate, or null. */
export function parseDateText(text: string): Temporal.PlainDate | null {
  const t = text.trim();
  const iso = parseIsoDate(t);
  if (iso) return iso;
  const m = UK_DATE.exec(t);
  if (!m) return null;
  return dateFromParts(Number(m[3]), Number(m[2]), Number(m[1]));
}

/** Accept a PlainDate or a strict 'YYYY-MM-DD' string; throw RangeError otherwise. */
export function toPlainDate(value: DateLike, what = 'date'): Temporal.PlainDate {
  if (typeof value !== 'string') return value;
  const d = parseIsoDate(value);
  if (!d) throw new RangeError(`${what} must be a real date in the form YYYY-MM-DD, got "${value}"`);
  return d;
}
