import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { govukDate, govukDateTime } from './format.ts';

describe('govukDate', () => {
  const table: [unknown, string][] = [
    ['2026-03-01', '1 March 2026'],
    ['2024-02-29', '29 February 2024'],
    ['2026-12-31T23:30:00Z', '31 December 2026'], // an ISO string is read for its date part as written
    [Temporal.PlainDate.from('2025-08-15'), '15 August 2025'],
    [new Date('2026-06-30T23:30:00Z'), '1 July 2026'], // a Date is a moment: 00:30 on 1 July in London (BST)
    [new Date('2026-12-31T23:30:00Z'), '31 December 2026'], // GMT in winter
    ['', ''],
    [null, ''],
    [undefined, ''],
    ['not a date', 'not a date'],
  ];
  for (const [value, words] of table) it(`${String(value)} → "${words}"`, () => assert.equal(govukDate(value), words));
});

describe('govukDateTime', () => {
  const table: [unknown, string][] = [
    [new Date('2026-03-01T14:05:00Z'), '1 March 2026 at 2:05pm'],
    [new Date('2026-07-01T11:00:00Z'), '1 July 2026 at 12:00pm'], // BST
    [new Date('2026-01-10T00:07:00Z'), '10 January 2026 at 12:07am'],
    [null, ''],
    ['already words', 'already words'],
  ];
  for (const [value, words] of table) it(`${String(value)} → "${words}"`, () => assert.equal(govukDateTime(value), words));
});
