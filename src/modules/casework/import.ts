// Reading a file of open cases from another system (`joinedup cases import`). Pure: no I/O, no clock.
//
// One row per case: the child, who holds the case and the case's key dates. Each row becomes the
// events that reproduce those dates, and every event is checked by `checkNewEvent`, the same rules
// the pages and the API apply, so an imported case has exactly the deadlines it would have had if
// its history had been recorded here. The checks that need the database (is the caseworker known,
// has the child an open case already) are done by the service; everything else is done here, and
// every problem in the file is reported, not just the first.
import { parseCsv, CsvError } from '../governance/csv.ts';
import { formatLongDate } from '../statutory/index.ts';
import { parseEventData, REQUESTERS, REVIEW_DECISIONS, type EventType } from './events.ts';
import { checkNewEvent, type CaseEventRecord, type NewEvent } from './fold.ts';
// validateRequest is the page's own check of the child and the request, reused so both say the same.
import { validateRequest, type NewRequestInput } from './service.ts';

export interface ImportColumn { name: string; required: boolean; description: string }

/** The header of an import file, in the order the template lists them (any order is accepted). */
export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  { name: 'given_name', required: true, description: 'Child or young person\'s first name' },
  { name: 'family_name', required: true, description: 'Last name' },
  { name: 'date_of_birth', required: true, description: 'Date of birth' },
  { name: 'upn', required: false, description: 'Unique pupil number (13 characters)' },
  { name: 'uln', required: false, description: 'Unique learner number (10 digits)' },
  { name: 'home_la', required: false, description: 'Home local authority, 3-digit LA number' },
  { name: 'request_received', required: true, description: 'Day the request for an EHC needs assessment was received' },
  { name: 'requester', required: true, description: `Who asked: ${Object.keys(REQUESTERS).join(', ')}` },
  { name: 'decision_to_assess_on', required: false, description: 'Day the decision whether to assess was sent' },
  { name: 'decided_to_assess', required: false, description: 'yes or no (blank with a date means yes); "no" closes a case, so it cannot be imported' },
  { name: 'decision_to_issue_on', required: false, description: 'Day the council decided to issue a plan (default: the draft plan\'s date)' },
  { name: 'draft_issued_on', required: false, description: 'Day the draft plan was issued' },
  { name: 'final_issued_on', required: false, description: 'Day the final plan was issued' },
  { name: 'last_review_meeting_on', required: false, description: 'Day of the last annual review meeting' },
  { name: 'last_review_decision_on', required: false, description: 'Day the decision after that meeting was sent' },
  { name: 'last_review_decision', required: false, description: `${Object.keys(REVIEW_DECISIONS).join(', ')}` },
  { name: 'caseworker_email', required: false, description: 'Email of the caseworker or team manager who holds the case (blank: unassigned)' },
  { name: 'external_reference', required: false, description: 'The case\'s reference in the other system (kept on the request event)' },
];

export interface ImportProblem { row: number; column: string; message: string }

export interface ImportRow {
  /** Spreadsheet row (the header is row 1). */
  row: number;
  child: { givenName: string; familyName: string; dateOfBirth: string; upn: string | null; uln: string | null; homeLaCode: string | null };
  caseworkerEmail: string | null;
  externalReference: string | null;
  receivedOn: string;
  /** The events that reproduce the row's dates, in the order they are recorded (seq 1, 2, …). */
  events: NewEvent[];
}

export function describeProblem(p: ImportProblem): string {
  return p.row === 0 ? `${p.column === '' ? 'file' : `column ${p.column}`}: ${p.message}` : `row ${p.row}, column ${p.column}: ${p.message}`;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const UK = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** A date cell: '' when blank, the ISO date, or a message saying what is wrong with it. */
export function readDate(text: string): { ok: true; iso: string } | { ok: false; message: string } {
  const t = text.trim();
  if (t === '') return { ok: true, iso: '' };
  const m = ISO.exec(t) ?? UK.exec(t);
  if (!m) return { ok: false, message: `"${t}" is not a date: use YYYY-MM-DD or DD/MM/YYYY` };
  const [year, month, day] = ISO.test(t) ? [m[1], m[2], m[3]] : [m[3], m[2], m[1]];
  try {
    return { ok: true, iso: Temporal.PlainDate.from({ year: Number(year), month: Number(month), day: Number(day) }, { overflow: 'reject' }).toString() };
  } catch {
    return { ok: false, message: `"${t}" is not a real date` };
  }
}

/** The columns the case's events are made from. */
const EVENT_COLUMNS = new Set(['request_received', 'requester', 'decision_to_assess_on', 'decided_to_assess', 'decision_to_issue_on', 'draft_issued_on', 'final_issued_on',
  'last_review_meeting_on', 'last_review_decision_on', 'last_review_decision', 'external_reference']);

const FIELD_TO_COLUMN: Record<string, string> = {
  givenName: 'given_name', familyName: 'family_name', dateOfBirth: 'date_of_birth', upn: 'upn', uln: 'uln', homeLaCode: 'home_la',
  requester: 'requester', receivedOn: 'request_received',
};

/**
 * Reads and checks an import file. Returns every row that passed and every problem found; the
 * caller writes nothing unless `problems` is empty (after its own database checks).
 */
export function readCaseFile(text: string, today: Temporal.PlainDate): { rows: ImportRow[]; problems: ImportProblem[] } {
  let records: string[][];
  try {
    records = parseCsv(text).filter((r) => r.some((c) => c.trim() !== ''));
  } catch (err) {
    if (err instanceof CsvError) return { rows: [], problems: [{ row: err.row, column: '', message: err.message }] };
    throw err;
  }
  const problems: ImportProblem[] = [];
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  if (records.length === 0) return { rows: [], problems: [{ row: 0, column: '', message: 'the file is empty: the first row must be the header' }] };
  const known = new Set(IMPORT_COLUMNS.map((c) => c.name));
  for (const h of header) if (h !== '' && !known.has(h)) problems.push({ row: 1, column: h, message: `unknown column: the columns are ${[...known].join(', ')}` });
  for (const c of IMPORT_COLUMNS) if (c.required && !header.includes(c.name)) problems.push({ row: 1, column: c.name, message: 'this column is required' });
  if (problems.length) return { rows: [], problems };
  if (records.length === 1) return { rows: [], problems: [{ row: 0, column: '', message: 'the file has a header but no cases' }] };

  const rows: ImportRow[] = [];
  records.slice(1).forEach((cells, i) => {
    const rowNo = i + 2;
    const rowProblems: ImportProblem[] = [];
    const cell = (name: string) => (cells[header.indexOf(name)] ?? '').trim();
    const add = (column: string, message: string) => rowProblems.push({ row: rowNo, column, message });
    if (cells.length > header.length && cells.slice(header.length).some((c) => c.trim() !== '')) add('', `the row has ${cells.length} cells but the header has ${header.length}`);
    const dates: Record<string, string> = {};
    for (const c of ['date_of_birth', 'request_received', 'decision_to_assess_on', 'decision_to_issue_on', 'draft_issued_on', 'final_issued_on', 'last_review_meeting_on', 'last_review_decision_on']) {
      const d = readDate(cell(c));
      if (d.ok) dates[c] = d.iso;
      else add(c, d.message);
    }
    const input: NewRequestInput = {
      givenName: cell('given_name'), familyName: cell('family_name'), dateOfBirth: dates['date_of_birth'] ?? cell('date_of_birth'),
      upn: cell('upn').toUpperCase() || undefined, uln: cell('uln') || undefined, homeLaCode: cell('home_la') || undefined,
      requester: cell('requester').toLowerCase(), receivedOn: dates['request_received'] ?? cell('request_received'),
    };
    for (const e of validateRequest(input, today)) {
      const column = FIELD_TO_COLUMN[e.field] ?? e.field;
      if (!rowProblems.some((p) => p.column === column)) add(column, e.message);
    }
    const email = cell('caseworker_email').toLowerCase();
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) add('caseworker_email', `"${email}" is not an email address`);
    const ref = cell('external_reference');
    if (ref.length > 100) add('external_reference', 'must be 100 characters or fewer');

    // Yes/no and decision codes, before the dates are turned into events.
    const decided = cell('decided_to_assess').toLowerCase();
    if (decided && !['yes', 'no', 'y', 'n'].includes(decided)) add('decided_to_assess', `"${cell('decided_to_assess')}" must be yes or no`);
    else if (decided.startsWith('n')) add('decided_to_assess', 'a decision not to assess closes the case: only open cases can be imported');
    else if (decided.startsWith('y') && !dates['decision_to_assess_on'] && !rowProblems.some((p) => p.column === 'decision_to_assess_on')) add('decision_to_assess_on', 'enter the day the decision to assess was sent');
    const decision = cell('last_review_decision').toLowerCase();
    if (decision && !Object.prototype.hasOwnProperty.call(REVIEW_DECISIONS, decision)) add('last_review_decision', `"${cell('last_review_decision')}" must be one of ${Object.keys(REVIEW_DECISIONS).join(', ')}`);
    if (decision && !dates['last_review_decision_on'] && !rowProblems.some((p) => p.column === 'last_review_decision_on')) add('last_review_decision_on', 'enter the day the review decision was sent');
    if (!decision && dates['last_review_decision_on']) add('last_review_decision', `enter the decision (${Object.keys(REVIEW_DECISIONS).join(', ')})`);
    // A problem with the child alone still lets the dates be checked; a problem with a date does not.
    if (rowProblems.some((p) => EVENT_COLUMNS.has(p.column))) {
      problems.push(...rowProblems);
      return;
    }

    // The events, each through the same rules as the pages; the first broken rule is reported on the
    // column whose date made the event (later events depend on it, so they are not checked).
    const planned: [EventType, string, Record<string, unknown>, string][] = [
      ['request-received', dates['request_received']!, { requester: input.requester, ...(ref ? { externalReference: ref } : {}) }, 'request_received'],
    ];
    if (dates['decision_to_assess_on']) planned.push(['decision-to-assess', dates['decision_to_assess_on'], {}, 'decision_to_assess_on']);
    const issueOn = dates['decision_to_issue_on'] || dates['draft_issued_on'];
    if (issueOn) planned.push(['decision-to-issue', issueOn, {}, dates['decision_to_issue_on'] ? 'decision_to_issue_on' : 'draft_issued_on']);
    if (dates['draft_issued_on']) planned.push(['draft-plan-issued', dates['draft_issued_on'], { plan: {} }, 'draft_issued_on']);
    if (dates['final_issued_on']) planned.push(['final-plan-issued', dates['final_issued_on'], {}, 'final_issued_on']);
    if (dates['last_review_meeting_on']) planned.push(['review-meeting-held', dates['last_review_meeting_on'], {}, 'last_review_meeting_on']);
    if (dates['last_review_decision_on']) planned.push(['review-decision', dates['last_review_decision_on'], { decision }, 'last_review_decision_on']);
    const existing: CaseEventRecord[] = [];
    for (const [type, effectiveDate, raw, column] of planned) {
      const parsed = parseEventData(type, raw);
      if (!parsed.ok) {
        add(column, parsed.errors.map((e) => e.message).join('; '));
        break;
      }
      const ev: NewEvent = { type, effectiveDate, data: parsed.data };
      const errs = checkNewEvent(existing, ev, today);
      if (errs.length) {
        // Say which date, unless the rule's message already does.
        const when = formatLongDate(Temporal.PlainDate.from(effectiveDate));
        add(column, errs[0]!.message.includes(when) ? errs[0]!.message : `${errs[0]!.message} (the date given is ${when})`);
        break;
      }
      existing.push({ id: `row${rowNo}-${existing.length + 1}`, seq: existing.length + 1, ...ev });
    }
    if (rowProblems.length) {
      problems.push(...rowProblems);
      return;
    }
    rows.push({
      row: rowNo,
      child: { givenName: input.givenName, familyName: input.familyName, dateOfBirth: input.dateOfBirth, upn: input.upn ?? null, uln: input.uln ?? null, homeLaCode: input.homeLaCode ?? null },
      caseworkerEmail: email || null, externalReference: ref || null, receivedOn: input.receivedOn,
      events: existing.map(({ type, effectiveDate, data }) => ({ type, effectiveDate, data })),
    });
  });

  // The same child twice in one file (by UPN, or by name and date of birth).
  const seen = new Map<string, number>();
  for (const r of rows) {
    const keys = [`n:${r.child.givenName.toLowerCase()}|${r.child.familyName.toLowerCase()}|${r.child.dateOfBirth}`, ...(r.child.upn ? [`u:${r.child.upn}`] : [])];
    const first = keys.map((k) => seen.get(k)).find((x) => x !== undefined);
    if (first !== undefined) {
      problems.push({ row: r.row, column: keys.some((k) => k.startsWith('u:') && seen.has(k)) ? 'upn' : 'given_name', message: `the same child as row ${first}: a child can have only one open case` });
      continue;
    }
    for (const k of keys) seen.set(k, r.row);
  }
  problems.sort((a, b) => a.row - b.row);
  return { rows: problems.length ? rows.filter((r) => !problems.some((p) => p.row === r.row)) : rows, problems };
}
