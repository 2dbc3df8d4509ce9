import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitSqlScript } from './sql-script.ts';

test('splits a script into statements, respecting quotes, dollar quotes and comments', () => {
  const cases: [string, string[]][] = [
    ['select 1; select 2;', ['select 1', 'select 2']],
    ["select ';'; select 'it''s;'", ["select ';'", "select 'it''s;'"]],
    ['-- a comment; with semicolon\nselect 1', ['select 1']],
    ['create function f() returns int as $$ begin return 1; end $$ language plpgsql; select 3',
      ['create function f() returns int as $$ begin return 1; end $$ language plpgsql', 'select 3']],
    ['do $body$ begin perform 1; end $body$;', ['do $body$ begin perform 1; end $body$']],
    ['  ;  ; ', []],
  ];
  for (const [input, expected] of cases) assert.deepEqual(splitSqlScript(input), expected, input);
});

test('an unterminated dollar quote is an error, not a silent truncation', () => {
  assert.throws(() => splitSqlScript('do $$ begin'), /Unterminated/);
});
