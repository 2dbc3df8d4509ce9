import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CsvError, formatCsv, parseCsv } from './csv.ts';

const cases: ReadonlyArray<readonly [string, string, string[][]]> = [
  ['simple', 'a,b,c\n1,2,3\n', [['a', 'b', 'c'], ['1', '2', '3']]],
  ['no final newline', 'a,b\n1,2', [['a', 'b'], ['1', '2']]],
  ['CRLF', 'a,b\r\n1,2\r\n', [['a', 'b'], ['1', '2']]],
  ['lone CR', 'a,b\r1,2', [['a', 'b'], ['1', '2']]],
  ['BOM', '\uFEFFpriority,status\n1,Green\n', [['priority', 'status'], ['1', 'Green']]],
  ['quoted comma', 'a,"b, c",d', [['a', 'b, c', 'd']]],
  ['escaped quote', '"say ""hi""",x', [['say "hi"', 'x']]],
  ['embedded CRLF', 'a,"line 1\r\nline 2",b\r\nc,d,e', [['a', 'line 1\r\nline 2', 'b'], ['c', 'd', 'e']]],
  ['embedded LF', '"x\ny"\nz', [['x\ny'], ['z']]],
  ['empty fields', ',,\n', [['', '', '']]],
  ['empty quoted field', '""', [['']]],
  ['blank line in middle', 'a\n\nb\n', [['a'], [''], ['b']]],
  ['empty input', '', []],
  ['only newline', '\n', [['']]],
  ['quote inside unquoted field is literal', 'ab"c,d', [['ab"c', 'd']]],
  ['text after closing quote kept', '"ab"c,d', [['abc', 'd']]],
  ['spaces preserved', ' a , b ', [[' a ', ' b ']]],
];
for (const [name, input, expected] of cases) {
  test(`parseCsv: ${name}`, () => assert.deepEqual(parseCsv(input), expected));
}

test('parseCsv: unterminated quote reports the row where it started', () => {
  assert.throws(
    () => parseCsv('a,b\nc,"never closed\nmore'),
    (err: unknown) => err instanceof CsvError && err.row === 2,
  );
});

test('parseCsv: other delimiter', () => {
  assert.deepEqual(parseCsv('a;"b;c"\n', ';'), [['a', 'b;c']]);
  assert.throws(() => parseCsv('x', '"'), RangeError);
});

test('formatCsv round-trips awkward values', () => {
  const rows = [
    ['plain', 'with, comma', 'with "quote"'],
    ['multi\nline', '', ' spaced '],
  ];
  const text = formatCsv(rows);
  assert.equal(text, 'plain,"with, comma","with ""quote"""\r\n"multi\nline",, spaced \r\n');
  assert.deepEqual(parseCsv(text), rows);
});
