import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsv, parseCsvRecords, readCsv } from './csv.ts';

const cases: { name: string; text: string; records: { line: number; fields: string[] }[]; issues?: number }[] = [
  { name: 'simple LF', text: 'a,b\n1,2\n', records: [{ line: 1, fields: ['a', 'b'] }, { line: 2, fields: ['1', '2'] }] },
  { name: 'CRLF', text: 'a,b\r\n1,2\r\n', records: [{ line: 1, fields: ['a', 'b'] }, { line: 2, fields: ['1', '2'] }] },
  { name: 'lone CR', text: 'a,b\r1,2', records: [{ line: 1, fields: ['a', 'b'] }, { line: 2, fields: ['1', '2'] }] },
  { name: 'no final newline', text: 'a\n1', records: [{ line: 1, fields: ['a'] }, { line: 2, fields: ['1'] }] },
  { name: 'BOM dropped', text: '\uFEFFtime_period,x\n2024,1', records: [{ line: 1, fields: ['time_period', 'x'] }, { line: 2, fields: ['2024', '1'] }] },
  {
    name: 'quoted comma',
    text: 'code,name\nE06000058,"Bournemouth, Christchurch and Poole"\n',
    records: [{ line: 1, fields: ['code', 'name'] }, { line: 2, fields: ['E06000058', 'Bournemouth, Christchurch and Poole'] }],
  },
  {
    name: 'escaped quotes',
    text: 'a\n"say ""hi"""\n',
    records: [{ line: 1, fields: ['a'] }, { line: 2, fields: ['say "hi"'] }],
  },
  {
    name: 'embedded newlines move later line numbers',
    text: 'a,b\n"line one\nline two\r\nline three",x\nnext,y\n',
    records: [
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['line one\nline two\r\nline three', 'x'] },
      { line: 5, fields: ['next', 'y'] },
    ],
  },
  {
    name: 'empty fields and trailing comma',
    text: 'a,,c,\n,,,\n',
    records: [{ line: 1, fields: ['a', '', 'c', ''] }, { line: 2, fields: ['', '', '', ''] }],
  },
  { name: 'trailing comma at end of text', text: 'a,', records: [{ line: 1, fields: ['a', ''] }] },
  {
    name: 'blank lines are not records but are counted',
    text: 'a\n\n\r\n1\n\n',
    records: [{ line: 1, fields: ['a'] }, { line: 4, fields: ['1'] }],
  },
  { name: 'empty quoted field', text: '"",x', records: [{ line: 1, fields: ['', 'x'] }] },
  { name: 'empty text', text: '', records: [] },
  { name: 'BOM only', text: '\uFEFF', records: [] },
  {
    name: 'text after closing quote is kept and reported',
    text: '"ab"c,d\n',
    records: [{ line: 1, fields: ['abc', 'd'] }],
    issues: 1,
  },
  {
    name: 'quote inside unquoted field is literal and reported',
    text: 'a"b,c\n',
    records: [{ line: 1, fields: ['a"b', 'c'] }],
    issues: 1,
  },
  {
    name: 'unterminated quote runs to end and is reported',
    text: 'a,"open\nstill open',
    records: [{ line: 1, fields: ['a', 'open\nstill open'] }],
    issues: 1,
  },
];

for (const c of cases) {
  test(`parseCsvRecords: ${c.name}`, () => {
    const { records, issues } = parseCsvRecords(c.text);
    assert.deepEqual(
      records.map((r) => ({ line: r.line, fields: r.fields })),
      c.records,
    );
    assert.equal(issues.length, c.issues ?? 0, JSON.stringify(issues));
  });
}

test('unterminated quote issue names the line where the quote opened', () => {
  const { issues } = parseCsvRecords('h\nok\nx,"never\nclosed\n');
  assert.equal(issues.length, 1);
  assert.equal(issues[0]?.line, 3);
  assert.match(issues[0]?.message ?? '', /never closed/);
});

test('parseCsv splits header (trimmed) from rows', () => {
  const t = parseCsv('\uFEFF a , b \r\n1,2\r\n3,4');
  assert.deepEqual(t.header, ['a', 'b']);
  assert.equal(t.headerLine, 1);
  assert.deepEqual(
    t.rows.map((r) => [r.line, ...r.fields]),
    [
      [2, '1', '2'],
      [3, '3', '4'],
    ],
  );
});

test('parseCsv of empty text has no header', () => {
  const t = parseCsv('');
  assert.deepEqual(t.header, []);
  assert.equal(t.headerLine, 0);
  assert.equal(t.rows.length, 0);
});

test('readCsv stops when the visitor returns false', () => {
  const seen: number[] = [];
  readCsv('a\nb\nc\n', (r) => {
    seen.push(r.line);
    return r.line < 2;
  });
  assert.deepEqual(seen, [1, 2]);
});
