// Reading form bodies: fields arrive as a string, an array (repeated checkboxes) or not at all.
export type FormBody = Record<string, string | string[] | undefined>;

export function field(body: unknown, name: string): string {
  const v = (body as FormBody | undefined)?.[name];
  if (Array.isArray(v)) return v[0]?.trim() ?? '';
  return typeof v === 'string' ? v.trim() : '';
}

/** A field without trimming (passwords). */
export function rawField(body: unknown, name: string): string {
  const v = (body as FormBody | undefined)?.[name];
  if (Array.isArray(v)) return v[0] ?? '';
  return typeof v === 'string' ? v : '';
}

export function fieldList(body: unknown, name: string): string[] {
  const v = (body as FormBody | undefined)?.[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter(Boolean);
}

/** A GOV.UK date input (name-day, name-month, name-year) → 'YYYY-MM-DD', or an error message. */
export function dateField(body: unknown, name: string, label: string, required = true): { value: string | null; error?: string } {
  const d = field(body, `${name}-day`);
  const m = field(body, `${name}-month`);
  const y = field(body, `${name}-year`);
  if (!d && !m && !y) return required ? { value: null, error: `Enter ${label}` } : { value: null };
  if (!d || !m || !y) return { value: null, error: `${capitalise(label)} must include a day, month and year` };
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return { value: null, error: `${capitalise(label)} must be a real date` };
  try {
    const date = Temporal.PlainDate.from({ year: Number(y), month: Number(m), day: Number(d) }, { overflow: 'reject' });
    return { value: date.toString() };
  } catch {
    return { value: null, error: `${capitalise(label)} must be a real date` };
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
