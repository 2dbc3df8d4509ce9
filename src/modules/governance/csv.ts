/**
 * Minimal RFC 4180 CSV parser: quoted fields, "" escapes, embedded commas and line breaks,
 * CRLF / LF / lone CR line endings, a leading UTF-8 BOM. One returned record per spreadsheet row
 * (a line break inside quotes does not start a new record). A final empty line is not a record.
 *
 * Lenient where Excel is: text after a closing quote is kept (`"ab"c` → `abc`), and a quote inside
 * an unquoted field is literal. An unterminated quoted field is an error.
 */

export class CsvError extends Error {
  /** 1-based record (spreadsheet row) where the problem starts. */
  readonly row: number;
  constructor(message: string, row: number) {
    super(message);
    this.name = 'CsvError';
    this.row = row;
  }
}

export function parseCsv(text: string, delimiter = ','): string[][] {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new RangeError('delimiter must be one character other than a quote or line break');
  }
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let quoteStartRecord = 0;
  let inQuotes = false;
  let started = false; // has the current record consumed any character?
  const n = input.length;

  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
    started = false;
  };

  while (i < n) {
    const ch = input[i]!;
    started = true;
    if (inQuotes) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      inQuotes = true;
      quoteStartRecord = records.length + 1;
      i++;
      continue;
    }
    if (ch === delimiter) {
      endField();
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && input[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += ch;
    i++;
  }
  if (inQuotes) throw new CsvError(`Row ${quoteStartRecord}: a quoted field is never closed`, quoteStartRecord);
  // Last record, unless the text ended with a line break (or was empty).
  if (started) endRecord();
  return records;
}

function quoteField(value: string, delimiter: string): string {
  return /["\r\n]/.test(value) || value.includes(delimiter) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Serialise rows as RFC 4180 CSV with CRLF line endings. */
export function formatCsv(rows: readonly (readonly string[])[], delimiter = ','): string {
  return rows.map((row) => row.map((v) => quoteField(v, delimiter)).join(delimiter)).join('\r\n') + (rows.length ? '\r\n' : '');
}
