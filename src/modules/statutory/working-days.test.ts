import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addWorkingDays, isWorkingDay, nextWorkingDayOnOrAfter } from './working-days.ts';

const d = (s: string): Temporal.PlainDate => Temporal.PlainDate.from(s);

describe('isWorkingDay', () => {
  const cases: [string, boolean][] = [
    ['2025-03-03', true], // Monday
    ['2025-03-07', true], // Friday
    ['2025-03-08', false], // Saturday
    ['2025-03-09', false], // Sunday
    ['2025-12-25', false], // Christmas Day
    ['2025-12-24', true], // Christmas Eve is a working day
    ['2025-08-25', false], // summer bank holiday
    ['2023-05-08', false], // Coronation
    ['2022-09-19', false], // Queen's funeral
    ['2022-05-30', true], // the usual spring bank holiday date, moved in 2022
  ];
  for (const [iso, expected] of cases) it(`${iso} → ${String(expected)}`, () => assert.equal(isWorkingDay(d(iso)), expected));
});

describe('addWorkingDays: the Nth working day after D, D not counted', () => {
  const cases: [string, number, string][] = [
    ['2025-03-03', 1, '2025-03-04'],
    ['2025-03-07', 1, '2025-03-10'], // Friday → Monday
    ['2025-03-08', 1, '2025-03-10'], // from a Saturday
    ['2025-12-19', 1, '2025-12-22'],
    ['2025-12-23', 1, '2025-12-24'],
    ['2025-12-24', 1, '2025-12-29'], // over Christmas, Boxing Day and the weekend
    ['2025-12-24', 3, '2025-12-31'],
    ['2025-12-24', 4, '2026-01-02'], // over New Year's Day
    ['2025-12-15', 15, '2026-01-08'],
    ['2025-03-03', 15, '2025-03-24'], // Monday: the 15th working day after, not the 21st (D is not day 1)
    ['2025-03-01', 15, '2025-03-21'], // from a Saturday
    ['2025-04-14', 15, '2025-05-08'], // Easter and early May
    ['2021-12-24', 1, '2021-12-29'], // over the 27/28 December 2021 substitute days
    ['2022-12-23', 1, '2022-12-28'], // over 26/27 December 2022
    ['2025-04-17', 1, '2025-04-22'], // over Good Friday and Easter Monday
    ['2022-06-01', 1, '2022-06-06'], // over the Platinum Jubilee days
    ['2025-03-03', 0, '2025-03-03'],
    ['2026-01-02', -1, '2025-12-31'],
    ['2025-03-24', -15, '2025-03-03'],
  ];
  for (const [from, n, expected] of cases) {
    it(`${from} + ${String(n)} working days = ${expected}`, () => assert.equal(addWorkingDays(d(from), n).toString(), expected));
  }
  it('adding one working day always lands on the next working day (every day 2018–2030)', () => {
    for (let day = d('2018-01-01'); Temporal.PlainDate.compare(day, d('2030-12-31')) <= 0; day = day.add({ days: 1 })) {
      const next = addWorkingDays(day, 1);
      assert.ok(isWorkingDay(next), next.toString());
      for (let between = day.add({ days: 1 }); Temporal.PlainDate.compare(between, next) < 0; between = between.add({ days: 1 })) {
        assert.equal(isWorkingDay(between), false, between.toString());
      }
    }
  });
  it('rejects a fractional count', () => assert.throws(() => addWorkingDays(d('2025-01-01'), 1.5), RangeError));
});

describe('nextWorkingDayOnOrAfter', () => {
  const cases: [string, string][] = [
    ['2025-12-25', '2025-12-29'],
    ['2025-12-29', '2025-12-29'],
    ['2026-01-01', '2026-01-02'],
    ['2023-05-06', '2023-05-09'], // Saturday, then the Coronation Monday
    ['2022-06-02', '2022-06-06'],
    ['2022-09-17', '2022-09-20'],
    ['2026-08-29', '2026-09-01'], // Saturday before the summer bank holiday
  ];
  for (const [from, expected] of cases) it(`${from} → ${expected}`, () => assert.equal(nextWorkingDayOnOrAfter(d(from)).toString(), expected));
});
