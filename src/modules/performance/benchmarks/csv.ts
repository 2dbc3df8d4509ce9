/**
 * A small RFC 4180 CSV reader for published statistics files.
 *
 * - Quoted fields with `""` escapes, embedded commas and line breaks.
 * - LF, CRLF and lone CR line endings; a leading UTF-8 byte-order mark is dropped.
 * - Every record carries the 1-based physical line on which it starts, so problems can name the
 *   line a person sees in a text editor (a quoted line break makes later records start further down).
 * - Empty physical lines are not records. A line of only commas is a record of empty fields.
 * - Lenient where spreadsheets are, but says so: text after a closing quote is kept (`"ab"c` → `abc`)
 *   and a quote inside an unquoted field is literal; both are reported as issues. An unterminated
 *   quoted field runs to the end of the text and is reported.
 *
 * Pure: text in, values out. Files here are at most a few MB, so the whole text is held in memory;
 * `readCsv` visits records one at a time so callers need not keep them all.
 */

export interface CsvRecord {
  /** 1-based line number on which the record starts. */
  readonly line: number;
  readonly fields: string[];
}

export interface CsvIssue {
  /** 1-based line number where the problem is. */
  readonly line: number;
  readonly message: string;
}

export interface CsvTable {
  /** The first record (names trimmed); empty when the text has no records. */
  readonly header: string[];
  /** Line of the header record (0 when there is none). */
  readonly headerLine: number;
  /** Every record after the header. */
  readonly rows: CsvRecord[];
  readonly issues: CsvIssue[];
}

const QUOTE = 34; // "
const COMMA = 44; // ,
const LF = 10;
const CR = 13;

/**
 * Visit each record of `text` in order. Returns the issues found (lenient recoveries and an
 * unterminated quote). `visit` may return `false` to stop early.
 */
export function readCsv(text: string, visit: (record: CsvRecord) => boolean | void): CsvIssue[] {
  const issues: CsvIssue[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;

  while (i < n) {
    // An empty physical line is not a record.
    const c0 = text.charCodeAt(i);
    if (c0 === LF) {
      i += 1;
      line += 1;
      continue;
    }
    if (c0 === CR) {
      i += text.charCodeAt(i + 1) === LF ? 2 : 1;
      line += 1;
      continue;
    }

    const startLine = line;
    const fields: string[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      if (i < n && text.charCodeAt(i) === QUOTE) {
        // Quoted field.
        const quoteLine = line;
        i += 1;
        let value = '';
        let closed = false;
        while (i < n) {
          const q = text.indexOf('"', i);
          const chunkEnd = q === -1 ? n : q;
          const chunk = text.slice(i, chunkEnd);
          line += countLineBreaks(chunk);
          value += chunk;
          if (q === -1) {
            i = n;
            break;
          }
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            i = q + 2;
            continue;
          }
          i = q + 1;
          closed = true;
          break;
        }
        if (!closed) {
          issues.push({ line: quoteLine, message: 'quoted field is never closed (runs to the end of the file)' });
        } else {
          // Anything between the closing quote and the next delimiter is kept, and reported.
          const tailStart = i;
          while (i < n) {
            const c = text.charCodeAt(i);
            if (c === COMMA || c === LF || c === CR) break;
            i += 1;
          }
          if (i > tailStart) {
            value += text.slice(tailStart, i);
            issues.push({ line, message: `text after a closing quote: ${JSON.stringify(text.slice(tailStart, i))}` });
          }
        }
        fields.push(value);
      } else {
        const start = i;
        let sawQuote = false;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === COMMA || c === LF || c === CR) break;
          if (c === QUOTE) sawQuote = true;
          i += 1;
        }
        if (sawQuote) issues.push({ line, message: 'quote character inside an unquoted field (kept as text)' });
        fields.push(text.slice(start, i));
      }

      // Delimiter, line break or end of text.
      if (i >= n) {
        endOfRecord = true;
      } else {
        const c = text.charCodeAt(i);
        if (c === COMMA) {
          i += 1;
          if (i >= n) {
            fields.push('');
            endOfRecord = true;
          }
        } else {
          i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
          line += 1;
          endOfRecord = true;
        }
      }
    }
    if (visit({ line: startLine, fields }) === false) break;
  }
  return issues;
}

/** Parse all records, with no header handling. */
export function parseCsvRecords(text: string): { records: CsvRecord[]; issues: CsvIssue[] } {
  const records: CsvRecord[] = [];
  const issues = readCsv(text, (r) => {
    records.push(r);
  });
  return { records, issues };
}

/** Parse text whose first record is a header row. Header names are trimmed. */
export function parseCsv(text: string): CsvTable {
  const { records, issues } = parseCsvRecords(text);
  const first = records[0];
  if (!first) return { header: [], headerLine: 0, rows: [], issues };
  return {
    header: first.fields.map((h) => h.trim()),
    headerLine: first.line,
    rows: records.slice(1),
    issues,
  };
}

function countLineBreaks(s: string): number {
  let count = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === LF) count += 1;
    else if (c === CR) {
      count += 1;
      if (s.charCodeAt(k + 1) === LF) k += 1;
    }
  }
  return count;
}
