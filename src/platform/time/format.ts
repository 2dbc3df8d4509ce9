// Dates in words, the GOV.UK way ("1 March 2026"), for pages, letters and board papers alike.
// Built by hand so the wording never depends on the ICU data shipped with Node.

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** '2026-03-01' → '1 March 2026'. Accepts a PlainDate, an ISO string or a Date (in London time); '' for nothing, anything else as it is. */
export function govukDate(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (value instanceof Date) {
    const d = Temporal.Instant.fromEpochMilliseconds(value.getTime()).toZonedDateTimeISO('Europe/London');
    return `${String(d.day)} ${MONTH_NAMES[d.month - 1] ?? ''} ${String(d.year)}`;
  }
  const s = String(value);
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (!m) return s;
  return `${String(Number(m[3]))} ${MONTH_NAMES[Number(m[2]) - 1] ?? ''} ${m[1] ?? ''}`;
}

/** A Date → '1 March 2026 at 2:05pm' in London time. */
export function govukDateTime(value: unknown): string {
  if (!(value instanceof Date)) return value ? String(value) : '';
  const d = Temporal.Instant.fromEpochMilliseconds(value.getTime()).toZonedDateTimeISO('Europe/London');
  const h12 = d.hour % 12 === 0 ? 12 : d.hour % 12;
  return `${String(d.day)} ${MONTH_NAMES[d.month - 1] ?? ''} ${String(d.year)} at ${String(h12)}:${String(d.minute).padStart(2, '0')}${d.hour < 12 ? 'am' : 'pm'}`;
}
