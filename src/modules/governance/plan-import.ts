/**
 * Import an existing improvement plan (WSoA / priority action plan) from a spreadsheet:
 * CSV text or an XLSX workbook. One row per action; header in row 1.
 *
 * Required columns: priority, reference, action, lead, due_date, status.
 * Optional columns: priority_title, sro, start_date, success_measure, update.
 * Headers match case-insensitively after trimming; spaces and hyphens count as underscores
 * ("Due date" = "due_date"). Other columns are ignored (listed in `ignoredColumns`).
 *
 * Every problem is reported, never just the first. Row numbers are spreadsheet row numbers.
 * Decisions where the brief was silent:
 *  - Completely blank rows are skipped (spreadsheets often have them); a file with no action rows
 *    is a problem.
 *  - Action references must be unique across the whole plan (compared case-insensitively), since
 *    updates and board papers cite "action 3.2" without the priority.
 *  - A priority's title is the first non-empty priority_title on its rows; a different title on a
 *    later row of the same priority is a problem. Titles may also come from
 *    `options.priorityTitles` (e.g. from the inspection's areas for priority action).
 *  - XLSX: date cells, numbers, rich text, hyperlinks and formula results are read; a plain number
 *    in a date column is read as an Excel date serial; a formula error (#REF!…) is a problem.
 *    CSV: dates must be text YYYY-MM-DD or DD/MM/YYYY.
 *  - Numbers in text columns become their JavaScript string form (a reference typed 1.10 as a
 *    number in Excel arrives as "1.1"; format such columns as text).
 */
import type ExcelJS from 'exceljs';
import { excel } from '../../platform/lazy.ts';
import { parseCsv, CsvError } from './csv.ts';
import { dateFromParts, parseDateText } from './dates.ts';
import { parseStatusLabel, type ActionStatus, type StatusScheme } from './status.ts';

export const REQUIRED_COLUMNS = ['priority', 'reference', 'action', 'lead', 'due_date', 'status'] as const;
export const OPTIONAL_COLUMNS = ['priority_title', 'sro', 'start_date', 'success_measure', 'update'] as const;
export type PlanColumn = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];
const ALL_COLUMNS: readonly PlanColumn[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];

/** A spreadsheet cell after reading: text, number, boolean, a date, a formula error, or empty. */
export type CellValue = string | number | boolean | Temporal.PlainDate | { error: string } | null;

export interface ImportedAction {
  /** Spreadsheet row the action came from. */
  row: number;
  reference: string;
  priorityRef: string;
  action: string;
  lead: string;
  sro: string | null;
  startDate: string | null;
  dueDate: string;
  status: ActionStatus;
  successMeasure: string | null;
  update: string | null;
}

export interface ImportedPriority {
  reference: string;
  title: string;
  actions: ImportedAction[];
}

export interface ImportedPlan {
  scheme: StatusScheme;
  priorities: ImportedPriority[];
}

export interface ImportProblem {
  row: number;
  /** Canonical column name (e.g. 'due_date'), or null for a whole-row / whole-file problem. */
  column: string | null;
  /** The offending cell as text, or null if empty / missing. */
  value: string | null;
  message: string;
  /** A1-style cell reference where known, e.g. 'F7'. */
  cell: string | null;
}

export type PlanImportResult =
  | { ok: true; plan: ImportedPlan; ignoredColumns: string[] }
  | { ok: false; problems: ImportProblem[] };

export interface PlanImportOptions {
  scheme: StatusScheme;
  /** Titles known from elsewhere, by priority reference. Used when the sheet gives none. */
  priorityTitles?: Readonly<Record<string, string>>;
}

export interface XlsxImportOptions extends PlanImportOptions {
  /** Worksheet name, or 0-based index. Default: the first worksheet. */
  sheet?: string | number;
}

// ---------------------------------------------------------------------------------------------

export function columnLetter(index0: number): string {
  let n = index0 + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function normaliseHeader(value: CellValue): string {
  return cellText(value)
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

function isError(value: CellValue): value is { error: string } {
  return typeof value === 'object' && value !== null && 'error' in value;
}

/** Text form of a cell (trimmed later by callers). */
function cellText(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (isError(value)) return value.error;
  return value.toString();
}

function displayValue(value: CellValue): string | null {
  const t = cellText(value).trim();
  return t === '' ? null : t;
}

function isBlank(value: CellValue): boolean {
  return displayValue(value) === null;
}

/** Excel serial day number → date (1900 system with its phantom 29 Feb 1900, or 1904 system). */
export function excelSerialToDate(serial: number, date1904 = false): Temporal.PlainDate | null {
  if (!Number.isFinite(serial) || serial < 1) return null;
  const whole = Math.floor(serial);
  if (date1904) return Temporal.PlainDate.from('1904-01-01').add({ days: whole });
  if (whole === 60) return null; // 1900-02-29 never existed
  const epoch = Temporal.PlainDate.from(whole < 60 ? '1899-12-31' : '1899-12-30');
  return epoch.add({ days: whole });
}

// ---------------------------------------------------------------------------------------------

interface Reader {
  /** Parse a date cell; returns the date or a message. */
  date(value: CellValue): Temporal.PlainDate | string;
}

function makeReader(date1904: boolean | null): Reader {
  return {
    date(value) {
      if (value instanceof Temporal.PlainDate) return value;
      if (typeof value === 'number') {
        if (date1904 === null) return `"${value}" is not a date: use YYYY-MM-DD or DD/MM/YYYY`;
        return excelSerialToDate(value, date1904) ?? `${value} is not a valid Excel date`;
      }
      const text = cellText(value).trim();
      const parsed = parseDateText(text);
      if (parsed) return parsed;
      if (/^\d{4}-\d{1,2}-\d{1,2}$|^\d{1,2}\/\d{1,2}\/\d{4}$/.test(text)) return `"${text}" is not a real date`;
      return `"${text}" is not a date: use YYYY-MM-DD or DD/MM/YYYY`;
    },
  };
}

const COLUMN_LABELS: Record<PlanColumn, string> = {
  priority: 'Priority',
  reference: 'Reference',
  action: 'Action',
  lead: 'Lead',
  due_date: 'Due date',
  status: 'Status',
  priority_title: 'Priority title',
  sro: 'SRO',
  start_date: 'Start date',
  success_measure: 'Success measure',
  update: 'Update',
};

function validateRows(rows: readonly (readonly CellValue[])[], options: PlanImportOptions, reader: Reader): PlanImportResult {
  const problems: Array<ImportProblem & { order: number }> = [];
  const problem = (row: number, column: PlanColumn | null, colIndex: number | null, value: CellValue, message: string) => {
    problems.push({
      row,
      column,
      value: displayValue(value),
      message,
      cell: colIndex === null ? null : `${columnLetter(colIndex)}${row}`,
      order: colIndex ?? -1,
    });
  };

  // Header ------------------------------------------------------------------------------------
  const header = rows[0] ?? [];
  const index = new Map<PlanColumn, number>();
  const ignoredColumns: string[] = [];
  header.forEach((value, i) => {
    const name = normaliseHeader(value);
    if (name === '') return;
    if ((ALL_COLUMNS as readonly string[]).includes(name)) {
      const col = name as PlanColumn;
      const first = index.get(col);
      if (first !== undefined) {
        problem(1, col, i, value, `The ${col} column appears twice (columns ${columnLetter(first)} and ${columnLetter(i)})`);
      } else {
        index.set(col, i);
      }
    } else {
      ignoredColumns.push(cellText(value).trim());
    }
  });
  for (const col of REQUIRED_COLUMNS) {
    if (!index.has(col)) problem(1, col, null, null, `Required column "${col}" is missing from the header row`);
  }

  const get = (row: readonly CellValue[], col: PlanColumn): CellValue => {
    const i = index.get(col);
    return i === undefined ? null : (row[i] ?? null);
  };
  const text = (row: readonly CellValue[], col: PlanColumn): string | null => displayValue(get(row, col));

  // Rows --------------------------------------------------------------------------------------
  const actions: ImportedAction[] = [];
  const seenReferences = new Map<string, number>();
  const priorityRows = new Map<string, number[]>();
  const priorityTitle = new Map<string, { title: string; row: number }>();
  let dataRows = 0;

  for (let r = 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const rowNumber = r + 1;
    if (row.every(isBlank)) continue;
    dataRows++;
    let rowOk = true;

    for (const [col, i] of index) {
      const v = row[i] ?? null;
      if (isError(v)) {
        problem(rowNumber, col, i, v, `${COLUMN_LABELS[col]} cell contains a formula error (${v.error})`);
        rowOk = false;
      }
    }
    const hasError = (col: PlanColumn) => isError(get(row, col));

    const required = (col: PlanColumn): string | null => {
      if (!index.has(col) || hasError(col)) return null;
      const t = text(row, col);
      if (t === null) {
        problem(rowNumber, col, index.get(col)!, null, `${COLUMN_LABELS[col]} is required`);
        rowOk = false;
      }
      return t;
    };
    const priorityRef = required('priority');
    const reference = required('reference');
    const actionText = required('action');
    const lead = required('lead');

    const readDate = (col: 'due_date' | 'start_date', isRequired: boolean): Temporal.PlainDate | null => {
      if (!index.has(col) || hasError(col)) return null;
      const v = get(row, col);
      if (isBlank(v)) {
        if (isRequired) {
          problem(rowNumber, col, index.get(col)!, null, `${COLUMN_LABELS[col]} is required`);
          rowOk = false;
        }
        return null;
      }
      const d = reader.date(v);
      if (typeof d === 'string') {
        problem(rowNumber, col, index.get(col)!, v, `${COLUMN_LABELS[col]}: ${d}`);
        rowOk = false;
        return null;
      }
      return d;
    };
    const dueDate = readDate('due_date', true);
    const startDate = readDate('start_date', false);
    if (dueDate && startDate && Temporal.PlainDate.compare(dueDate, startDate) < 0) {
      problem(
        rowNumber,
        'due_date',
        index.get('due_date')!,
        get(row, 'due_date'),
        `Due date ${dueDate.toString()} is before the start date ${startDate.toString()}`,
      );
      rowOk = false;
    }

    let status: ActionStatus | null = null;
    const statusText = required('status');
    if (statusText !== null) {
      const parsed = parseStatusLabel(statusText, options.scheme);
      if (parsed.ok) status = parsed.status;
      else {
        problem(rowNumber, 'status', index.get('status')!, get(row, 'status'), parsed.error);
        rowOk = false;
      }
    }

    if (reference !== null) {
      const key = reference.toLowerCase();
      const earlier = seenReferences.get(key);
      if (earlier !== undefined) {
        problem(
          rowNumber,
          'reference',
          index.get('reference')!,
          get(row, 'reference'),
          `Action reference "${reference}" is already used on row ${earlier}`,
        );
        rowOk = false;
      } else {
        seenReferences.set(key, rowNumber);
      }
    }

    if (priorityRef !== null) {
      const list = priorityRows.get(priorityRef) ?? [];
      list.push(rowNumber);
      priorityRows.set(priorityRef, list);
      const title = !hasError('priority_title') ? text(row, 'priority_title') : null;
      if (title !== null) {
        const known = priorityTitle.get(priorityRef);
        if (!known) priorityTitle.set(priorityRef, { title, row: rowNumber });
        else if (known.title.replace(/\s+/g, ' ') !== title.replace(/\s+/g, ' ')) {
          problem(
            rowNumber,
            'priority_title',
            index.get('priority_title')!,
            get(row, 'priority_title'),
            `Priority ${priorityRef} is titled "${known.title}" on row ${known.row}, but "${title}" here`,
          );
          rowOk = false;
        }
      }
    }

    if (rowOk && priorityRef !== null && reference !== null && actionText !== null && lead !== null && dueDate && status) {
      actions.push({
        row: rowNumber,
        reference,
        priorityRef,
        action: actionText,
        lead,
        sro: hasError('sro') ? null : text(row, 'sro'),
        startDate: startDate ? startDate.toString() : null,
        dueDate: dueDate.toString(),
        status,
        successMeasure: hasError('success_measure') ? null : text(row, 'success_measure'),
        update: hasError('update') ? null : text(row, 'update'),
      });
    }
  }

  if (dataRows === 0 && rows.length > 0 && index.size > 0) {
    problem(2, null, null, null, 'The file has no action rows below the header');
  } else if (rows.length === 0) {
    problem(1, null, null, null, 'The file is empty');
  }

  // Priorities with no title anywhere ------------------------------------------------------------
  for (const [ref, rowNumbers] of priorityRows) {
    if (priorityTitle.has(ref)) continue;
    const fallback = options.priorityTitles?.[ref]?.trim();
    if (fallback) {
      priorityTitle.set(ref, { title: fallback, row: 0 });
      continue;
    }
    const where = rowNumbers.length === 1 ? `row ${rowNumbers[0]}` : `rows ${rowNumbers.join(', ')}`;
    const hint = index.has('priority_title') ? '' : ' (add a priority_title column)';
    problem(
      rowNumbers[0]!,
      'priority_title',
      index.get('priority_title') ?? null,
      null,
      `Priority ${ref} has no title on any of its rows (${where})${hint}`,
    );
  }

  if (problems.length > 0) {
    problems.sort((a, b) => a.row - b.row || a.order - b.order);
    return { ok: false, problems: problems.map(({ order: _order, ...p }) => p) };
  }

  const priorities: ImportedPriority[] = [];
  const byRef = new Map<string, ImportedPriority>();
  for (const action of actions) {
    let p = byRef.get(action.priorityRef);
    if (!p) {
      p = { reference: action.priorityRef, title: priorityTitle.get(action.priorityRef)!.title, actions: [] };
      byRef.set(action.priorityRef, p);
      priorities.push(p);
    }
    p.actions.push(action);
  }
  return { ok: true, plan: { scheme: options.scheme, priorities }, ignoredColumns };
}

/** Validate an already-read grid: rows[0] is the header (spreadsheet row 1). Text-only cells (CSV). */
export function importPlanRows(rows: readonly (readonly CellValue[])[], options: PlanImportOptions): PlanImportResult {
  return validateRows(rows, options, makeReader(null));
}

export function importPlanCsv(text: string, options: PlanImportOptions): PlanImportResult {
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvError) {
      return { ok: false, problems: [{ row: err.row, column: null, value: null, message: err.message, cell: null }] };
    }
    throw err;
  }
  return validateRows(rows, options, makeReader(null));
}

// XLSX ---------------------------------------------------------------------------------------------

/** exceljs cell value → CellValue. */
export function fromExcelValue(value: ExcelJS.CellValue | undefined): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { error: '#VALUE!' };
    // exceljs builds dates from the serial in UTC; take the UTC calendar day.
    return dateFromParts(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  if (typeof value === 'object') {
    if ('error' in value) return { error: String(value.error) };
    if ('richText' in value) return value.richText.map((run) => run.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result;
      if (result !== undefined && typeof result === 'object' && result !== null && 'error' in result) {
        return { error: String((result as { error: unknown }).error) };
      }
      return fromExcelValue(result as ExcelJS.CellValue | undefined);
    }
    if ('text' in value) {
      const t = (value as { text: unknown }).text;
      if (typeof t === 'string') return t;
      return fromExcelValue(t as ExcelJS.CellValue);
    }
  }
  return null;
}

export async function importPlanXlsx(data: Uint8Array | ArrayBuffer, options: XlsxImportOptions): Promise<PlanImportResult> {
  const workbook = new (excel().Workbook)();
  const fail = (message: string): PlanImportResult => ({
    ok: false,
    problems: [{ row: 1, column: null, value: null, message, cell: null }],
  });
  try {
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    // exceljs declares its own Buffer type (extends ArrayBuffer); a Node Buffer is what it reads.
    type LoadInput = Parameters<typeof workbook.xlsx.load>[0];
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as LoadInput);
  } catch {
    return fail('The file could not be read as an Excel (.xlsx) workbook');
  }
  const sheetChoice = options.sheet ?? 0;
  const sheet = typeof sheetChoice === 'number' ? workbook.worksheets[sheetChoice] : workbook.getWorksheet(sheetChoice);
  if (!sheet) {
    return fail(
      typeof sheetChoice === 'number' ? `The workbook has no worksheet number ${sheetChoice + 1}` : `The workbook has no worksheet named "${sheetChoice}"`,
    );
  }
  const rows: CellValue[][] = [];
  const width = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: CellValue[] = [];
    for (let c = 1; c <= width; c++) cells.push(fromExcelValue(row.getCell(c).value));
    rows.push(cells);
  }
  return validateRows(rows, options, makeReader(workbook.properties.date1904 === true));
}
