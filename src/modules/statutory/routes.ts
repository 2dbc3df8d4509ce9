// The public statutory-timescales calculator: a page anyone can use without signing in, and the same
// calculation as a JSON API operation. Both validate through `calculate()`, so they cannot disagree.
//
// The page uses GET forms, so a result is a bookmarkable address. Dates arrive either from the
// GOV.UK date input (`requestReceived-day`, `-month`, `-year`) or, for links from elsewhere, as one
// `requestReceived=YYYY-MM-DD` parameter.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ValidationError } from '../../platform/http/errors.ts';
import {
  calculate,
  DATE_HINT,
  findProcess,
  PROCESSES,
  type CalculatorParams,
  type ParameterDescription,
  type ProcessDescription,
} from './calculator.ts';
import { formatLongDate } from './dates.ts';

const V = 'modules/statutory/views';
const PAGE_PATH = '/statutory-timescales';
const API_PATH = '/api/v1/statutory-timescales';
const PAGE_TITLE = 'Statutory timescales calculator';
const FORM_DATE_HINT = 'For example, 27 3 2025';
const DATE_PARTS = ['day', 'month', 'year'] as const;
type DatePart = (typeof DATE_PARTS)[number];

type Query = Readonly<Record<string, unknown>>;

export function registerStatutory(app: FastifyInstance): void {
  app.get(PAGE_PATH, async (req, reply) => {
    const query = (req.query ?? {}) as Query;
    const processId = first(query['process']);
    if (processId === undefined || processId.trim() === '') {
      return reply.page(`${V}/index.njk`, { title: PAGE_TITLE, processes: PROCESSES });
    }
    const description = findProcess(processId.trim());
    if (description === undefined) {
      const errors = [{ field: 'processes', message: 'Choose a timescale to calculate from the list' }];
      return reply.page(`${V}/index.njk`, { title: PAGE_TITLE, processes: PROCESSES, errors }, 400);
    }
    const page = processPage(description, query);
    return reply.page(`${V}/process.njk`, page, page.errors.length > 0 ? 400 : 200);
  });

  app.ctx.api.add({
    method: 'GET',
    path: API_PATH,
    summary: 'Calculate statutory EHC timescales',
    tag: 'Statutory timescales',
    auth: 'public',
    query: apiQuerySchema(),
    response: z.object({
      process: z.string(),
      dates: z.record(z.string(), z.string()).describe('Each due date as YYYY-MM-DD'),
      explanations: z.record(z.string(), z.string()).describe('A plain-English explanation of each date'),
      bases: z.record(z.string(), z.string()).describe('The legal basis of each date'),
    }),
    responseDescription:
      'The due dates for the process. Which parameters a process takes, and which dates it returns, are listed ' +
      'on each parameter. A missing or impossible parameter is a 400 problem naming it in `errors[].field`.',
    handler: async ({ query }) => {
      const params = query as CalculatorParams;
      const outcome = calculate(params['process'] ?? '', params);
      if (!outcome.ok) {
        throw new ValidationError(
          outcome.errors.map((e) => ({ field: e.param, message: e.message })),
          outcome.errors.map((e) => `${e.param}: ${e.message}`).join('; '),
        );
      }
      return outcome.result;
    },
  });
}

// ---------------------------------------------------------------------------
// API schema: one loose query object documenting every process's parameters
// ---------------------------------------------------------------------------

function apiQuerySchema() {
  const ids = PROCESSES.map((p) => p.id);
  const processMessage = `Choose a timescale to calculate: ${ids.join(', ')}`;
  const shape: Record<string, z.ZodType> = {
    process: z.string({ error: processMessage }).meta({
      enum: ids,
      description: `The process to calculate. ${PROCESSES.map((p) => `${p.id}: ${p.title}.`).join(' ')}`,
    }),
  };
  const used = new Map<string, { p: ParameterDescription; processes: string[] }>();
  for (const process of PROCESSES) {
    for (const p of process.parameters) {
      const entry = used.get(p.name) ?? { p, processes: [] };
      entry.processes.push(process.id);
      used.set(p.name, entry);
    }
  }
  for (const [name, { p, processes }] of used) {
    const format =
      p.type === 'date' ? 'A date, YYYY-MM-DD.' : p.type === 'year' ? 'A year, YYYY.' : `One of: ${(p.options ?? []).map((o) => o.value).join(', ')}.`;
    const needed = p.required ? (p.when ? `Required when ${p.when.param} is ${p.when.values.join(' or ')}.` : 'Required.') : 'Optional.';
    const description = `${p.label}. ${format} For process ${processes.join(', ')}. ${needed} ${p.hint.replace(DATE_HINT, '').trim()}`.trim();
    const schema = z.string({ error: `${p.label} must be given once, as text` }).optional();
    shape[name] = p.type === 'choice' ? schema.meta({ description, enum: (p.options ?? []).map((o) => o.value) }) : schema.describe(description);
  }
  return z.object(shape);
}

// ---------------------------------------------------------------------------
// The page for one process
// ---------------------------------------------------------------------------

interface FieldView {
  readonly name: string;
  readonly type: ParameterDescription['type'];
  readonly label: string;
  readonly hint: string;
  readonly value: string;
  readonly dateParts: Readonly<Record<DatePart, string>>;
  readonly partErrors: readonly DatePart[];
  readonly errorMessage: { text: string } | undefined;
  readonly options: readonly { value: string; text: string; checked: boolean }[];
}

interface ResultRow {
  readonly name: string;
  readonly label: string;
  readonly iso: string;
  readonly long: string;
  readonly explanation: string;
  readonly basis: string;
}

interface ProcessPage {
  readonly title: string;
  readonly process: ProcessDescription;
  readonly fields: readonly FieldView[];
  readonly results: readonly ResultRow[] | undefined;
  readonly apiHref: string | undefined;
  /** For the layout's error summary: `field` is the id of the input to link to. */
  readonly errors: readonly { field: string; message: string }[];
  readonly [key: string]: unknown;
}

interface ReadDate {
  readonly iso: string | undefined;
  readonly parts: Record<DatePart, string>;
  readonly error: { message: string; parts: DatePart[] } | undefined;
}

function processPage(description: ProcessDescription, query: Query): ProcessPage {
  const params: Record<string, string | undefined> = {};
  const dates = new Map<string, ReadDate>();
  let submitted = false;
  for (const p of description.parameters) {
    if (p.type === 'date') {
      const read = readDate(p, query);
      dates.set(p.name, read);
      params[p.name] = read.iso;
      if (DATE_PARTS.some((part) => first(query[`${p.name}-${part}`]) !== undefined)) submitted = true;
    } else {
      params[p.name] = first(query[p.name]);
    }
    if (first(query[p.name]) !== undefined) submitted = true;
  }

  const errorsByParam = new Map<string, { message: string; parts: DatePart[] }>();
  let results: ResultRow[] | undefined;
  if (submitted) {
    for (const [name, read] of dates) if (read.error) errorsByParam.set(name, read.error);
    const outcome = calculate(description.id, params);
    if (outcome.ok && errorsByParam.size === 0) {
      const labels = new Map(description.dates.map((d) => [d.name, d.label]));
      results = Object.entries(outcome.result.dates).map(([name, iso]) => ({
        name,
        label: labels.get(name) ?? name,
        iso,
        long: formatLongDate(Temporal.PlainDate.from(iso)),
        explanation: outcome.result.explanations[name] ?? '',
        basis: outcome.result.bases[name] ?? '',
      }));
    } else if (!outcome.ok) {
      for (const e of outcome.errors) if (!errorsByParam.has(e.param)) errorsByParam.set(e.param, { message: e.message, parts: [] });
    }
  }

  const fields = description.parameters.map((p): FieldView => {
    const error = errorsByParam.get(p.name);
    const current = params[p.name] ?? '';
    return {
      name: p.name,
      type: p.type,
      label: p.label,
      hint: fieldHint(description, p),
      value: current,
      dateParts: dates.get(p.name)?.parts ?? { day: '', month: '', year: '' },
      partErrors: error?.parts ?? [],
      errorMessage: error ? { text: error.message } : undefined,
      options: (p.options ?? []).map((o) => ({ value: o.value, text: o.label, checked: o.value === current })),
    };
  });

  // The error summary lists errors in the order of the form, each linked to the input to correct.
  const errors = description.parameters.flatMap((p) => {
    const error = errorsByParam.get(p.name);
    if (error === undefined) return [];
    const anchor = p.type === 'date' ? `${p.name}-${error.parts[0] ?? 'day'}` : p.name;
    return [{ field: anchor, message: error.message }];
  });

  let apiHref: string | undefined;
  if (results !== undefined) {
    const search = new URLSearchParams({ process: description.id });
    for (const [name, value] of Object.entries(params)) if (value !== undefined && value.trim() !== '') search.set(name, value.trim());
    apiHref = `${API_PATH}?${search.toString()}`;
  }

  return {
    title: `${description.title} – ${PAGE_TITLE}`,
    process: description,
    fields,
    results,
    apiHref,
    errors,
  };
}

/** The hint for a form field: a date example in the date input's own form, and when the field applies. */
function fieldHint(description: ProcessDescription, p: ParameterDescription): string {
  let hint = p.type === 'date' ? p.hint.replace(DATE_HINT, FORM_DATE_HINT) : p.hint;
  if (p.when !== undefined) {
    const controller = description.parameters.find((x) => x.name === p.when?.param);
    const chosen = (controller?.options ?? []).filter((o) => p.when?.values.includes(o.value)).map((o) => `“${o.label}”`);
    if (controller !== undefined && chosen.length > 0) {
      hint = `Only needed if the ${controller.label.toLowerCase()} is ${chosen.join(' or ')}. ${hint}`;
    }
  }
  return hint;
}

/**
 * Reads one date parameter. If any of its day, month or year fields were sent (the date input),
 * they are used; otherwise the plain `name=YYYY-MM-DD` parameter is. Problems only the date input
 * can have (a missing part, letters in a field) are reported here; everything else is left to
 * `calculate()`, which reports a missing or impossible date the same way for the page and the API.
 */
function readDate(p: ParameterDescription, query: Query): ReadDate {
  const sent = DATE_PARTS.map((part) => first(query[`${p.name}-${part}`]));
  if (sent.every((v) => v === undefined)) {
    const iso = first(query[p.name])?.trim();
    const m = iso === undefined ? null : /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    const parts = m ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1] ?? '' } : { day: '', month: '', year: '' };
    return { iso: iso === '' ? undefined : iso, parts, error: undefined };
  }
  const [day = '', month = '', year = ''] = sent.map((v) => (v ?? '').trim());
  const parts = { day, month, year };
  if (day === '' && month === '' && year === '') return { iso: undefined, parts, error: undefined };
  const missing = DATE_PARTS.filter((part) => parts[part] === '');
  if (missing.length > 0) {
    return { iso: undefined, parts, error: { message: `${p.label} must include a ${joinWords(missing)}`, parts: missing } };
  }
  const notNumbers = DATE_PARTS.filter((part) => !/^\d+$/.test(parts[part]));
  if (notNumbers.length > 0 || day.length > 2 || month.length > 2) {
    const bad = notNumbers.length > 0 ? notNumbers : DATE_PARTS.filter((part) => part !== 'year' && parts[part].length > 2);
    return { iso: undefined, parts, error: { message: `${p.label} must be a real date`, parts: bad } };
  }
  if (year.length !== 4) {
    return { iso: undefined, parts, error: { message: `${p.label} must include a year with 4 numbers, for example 2025`, parts: ['year'] } };
  }
  return { iso: `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`, parts, error: undefined };
}

function first(value: unknown): string | undefined {
  if (Array.isArray(value)) return first(value[0]);
  return typeof value === 'string' ? value : undefined;
}

function joinWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1] ?? ''}`;
}
