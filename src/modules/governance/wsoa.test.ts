import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wsoaDueDate } from './wsoa.ts';

const cases: ReadonlyArray<readonly [string, string, string]> = [
  // Worcestershire: report published Wed 16 May 2018; 14 weeks of weekdays = Wed 22 Aug, plus the
  // 28 May spring bank holiday → Thu 23 Aug 2018 (the CCGs aimed to submit by 20 August).
  ['2018-05-16', '2018-08-23', 'Worcestershire 2018, spring bank holiday inside the window'],
  // Published Mon 2 Dec 2024: Christmas Day, Boxing Day and New Year's Day fall inside → Thu 13 Mar 2025.
  ['2024-12-02', '2025-03-13', 'Christmas and New Year inside the window'],
  // Published on a Saturday: counting starts Monday 6 Jan 2025; no holidays until Good Friday 18 Apr.
  ['2025-01-04', '2025-04-11', 'published on a weekend'],
];
for (const [published, due, name] of cases) {
  test(`WSoA due date: ${name}: ${published} → ${due}`, () => {
    assert.equal(wsoaDueDate(published).toString(), due);
    assert.equal(wsoaDueDate(Temporal.PlainDate.from(published)).toString(), due);
  });
}

test('WSoA due date rejects a non-ISO date', () => {
  assert.throws(() => wsoaDueDate('16/05/2018'), RangeError);
});
