import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  addDays,
  addMonths,
  addWeeks,
  compareDates,
  daysBeginningWith,
  epochDay,
  fromEpochDay,
  formatLongDate,
  laterOf,
  parseIsoDate,
} from './dates.ts';

const d = (s: string): Temporal.PlainDate => Temporal.PlainDate.from(s);

describe('parseIsoDate', () => {
  for (const good of ['2025-01-01', '2024-02-29', '2000-01-01', '2199-12-31', '2025-12-31', '2025-04-30']) {
    it(`accepts ${good}`, () => {
      const r = parseIsoDate(good);
      assert.equal(r.ok, true);
      if (r.ok) assert.equal(r.date.toString(), good);
    });
  }

  const bad: [string, 'format' | 'impossible' | 'range'][] = [
    ['2025-02-30', 'impossible'],
    ['2025-02-29', 'impossible'], // 2025 is not a leap year
    ['2100-02-29', 'impossible'], // century rule: 2100 is not a leap year
    ['2025-13-01', 'impossible'],
    ['2025-00-10', 'impossible'],
    ['2025-01-00', 'impossible'],
    ['2025-04-31', 'impossible'],
    ['2025-01-32', 'impossible'],
    ['2025-2-3', 'format'],
    ['2025-02-3', 'format'],
    ['25-02-03', 'format'],
    ['2025/02/03', 'format'],
    ['03/02/2025', 'format'],
    [' 2025-02-03', 'format'],
    ['2025-02-03 ', 'format'],
    ['2025-02-03T00:00', 'format'],
    ['+002025-02-03', 'format'],
    ['20250203', 'format'],
    ['', 'format'],
    ['yesterday', 'format'],
    ['1999-12-31', 'range'],
    ['2200-01-01', 'range'],
    ['0000-01-01', 'range'],
  ];
  for (const [text, reason] of bad) {
    it(`rejects ${JSON.stringify(text)} (${reason})`, () => {
      const r = parseIsoDate(text);
      assert.equal(r.ok, false);
      if (!r.ok) {
        assert.equal(r.reason, reason);
        assert.ok(r.message.length > 0);
      }
    });
  }
});

describe('addWeeks: "within N weeks of D" ends on D + 7N', () => {
  const cases: [string, number, string][] = [
    ['2024-01-10', 6, '2024-02-21'],
    ['2024-01-10', 16, '2024-05-01'],
    ['2024-01-10', 20, '2024-05-29'], // leap year: passes 29 February 2024
    ['2023-01-10', 20, '2023-05-30'], // same request date a year earlier: one day later
    ['2024-02-01', 4, '2024-02-29'],
    ['2023-02-01', 4, '2023-03-01'],
    ['2023-12-20', 6, '2024-01-31'], // across the year end
    ['2025-03-10', 0, '2025-03-10'],
  ];
  for (const [from, weeks, expected] of cases) {
    it(`${from} + ${String(weeks)} weeks = ${expected}`, () => {
      assert.equal(addWeeks(d(from), weeks).toString(), expected);
    });
  }
});

describe('addDays', () => {
  it('adds and subtracts across month, year and leap-day boundaries', () => {
    assert.equal(addDays(d('2024-02-28'), 1).toString(), '2024-02-29');
    assert.equal(addDays(d('2025-02-28'), 1).toString(), '2025-03-01');
    assert.equal(addDays(d('2025-12-31'), 1).toString(), '2026-01-01');
    assert.equal(addDays(d('2025-01-01'), -1).toString(), '2024-12-31');
  });
});

describe('field arithmetic agrees with Temporal', () => {
  const table: [string, number, number][] = [
    // [date, its day number since 1970-01-01, days to add]
    ['1970-01-01', 0, 1],
    ['1969-12-31', -1, 1],
    ['2000-02-28', 11015, 1], // 2000 is a leap year (divisible by 400)
    ['2000-02-29', 11016, 1],
    ['2100-02-28', 47540, 1], // 2100 is not
    ['2024-02-28', 19781, 1],
    ['2024-12-31', 20088, 1],
    ['2025-01-01', 20089, -1],
    ['2025-03-01', 20148, -1],
    ['2024-03-01', 19783, -1], // back over 29 February
    ['2025-08-29', 20329, 140], // 20 weeks
    ['2199-12-31', 84005, -366],
  ];
  for (const [iso, n, k] of table) {
    it(`${iso} is day ${String(n)}; plus ${String(k)} days is what Temporal says`, () => {
      assert.equal(epochDay(d(iso)), n);
      assert.equal(fromEpochDay(n).toString(), iso);
      assert.equal(addDays(d(iso), k).toString(), d(iso).add({ days: k }).toString());
    });
  }

  it('every day from 1900 to 2300 round-trips and steps as Temporal does', () => {
    let day = d('1900-01-01');
    let n = epochDay(day);
    while (day.year < 2300) {
      const next = day.add({ days: 1 });
      assert.equal(fromEpochDay(n).toString(), day.toString());
      assert.equal(addDays(day, 1).toString(), next.toString());
      assert.equal(epochDay(next), n + 1);
      day = next;
      n += 1;
    }
  });

  it('compareDates has the sign of Temporal.PlainDate.compare', () => {
    const dates = ['2024-02-29', '2024-03-01', '2023-12-31', '2024-01-01', '2024-12-01', '2025-01-31', '2024-02-29'].map(d);
    for (const a of dates) for (const b of dates) assert.equal(Math.sign(compareDates(a, b)), Temporal.PlainDate.compare(a, b), `${a.toString()} vs ${b.toString()}`);
  });

  it('addDays refuses a fraction of a day and returns the same date for 0', () => {
    assert.throws(() => addDays(d('2025-01-01'), 0.5), RangeError);
    assert.equal(addDays(d('2025-01-01'), 0).toString(), '2025-01-01');
  });
});

describe('addMonths: calendar months with end-of-month clamp', () => {
  const cases: [string, number, string][] = [
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2025-03-10', 12, '2026-03-10'], // the next annual review: the same date a year on
    ['2023-03-01', 12, '2024-03-01'],
    ['2025-05-07', 3, '2025-08-07'],
    ['2025-09-01', -5, '2025-04-01'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2025-03-31', 1, '2025-04-30'],
    ['2025-06-15', 2, '2025-08-15'],
    ['2025-10-31', 2, '2025-12-31'],
    ['2025-12-31', 2, '2026-02-28'],
    ['2027-12-31', 2, '2028-02-29'],
    ['2025-11-29', 1, '2025-12-29'],
    ['2025-07-31', -5, '2025-02-28'],
    ['2024-07-31', -5, '2024-02-29'],
    ['2026-01-05', -5, '2025-08-05'],
    ['2025-08-30', -6, '2025-02-28'],
  ];
  for (const [from, months, expected] of cases) {
    it(`${from} ${months >= 0 ? '+' : '−'} ${String(Math.abs(months))} months = ${expected}`, () => {
      assert.equal(addMonths(d(from), months).toString(), expected);
    });
  }
});

describe('daysBeginningWith: "N days beginning with D" is D … D+N−1', () => {
  const cases: [string, number, string][] = [
    ['2025-03-03', 15, '2025-03-17'],
    ['2024-02-20', 15, '2024-03-05'], // leap year
    ['2025-02-20', 15, '2025-03-06'],
    ['2025-12-25', 15, '2026-01-08'],
    ['2025-03-03', 1, '2025-03-03'],
  ];
  for (const [from, n, last] of cases) {
    it(`${String(n)} days beginning with ${from} end on ${last}`, () => {
      const p = daysBeginningWith(d(from), n);
      assert.equal(p.first.toString(), from);
      assert.equal(p.last.toString(), last);
    });
  }
  it('rejects an empty or fractional period', () => {
    assert.throws(() => daysBeginningWith(d('2025-01-01'), 0), RangeError);
    assert.throws(() => daysBeginningWith(d('2025-01-01'), 1.5), RangeError);
  });
});

describe('helpers', () => {
  it('laterOf picks the later date either way round', () => {
    assert.equal(laterOf(d('2025-01-02'), d('2025-01-01')).toString(), '2025-01-02');
    assert.equal(laterOf(d('2025-01-01'), d('2025-01-02')).toString(), '2025-01-02');
    assert.equal(laterOf(d('2025-01-01'), d('2025-01-01')).toString(), '2025-01-01');
  });
  it('formatLongDate uses the GOV.UK style', () => {
    assert.equal(formatLongDate(d('2025-08-15')), 'Friday 15 August 2025');
    assert.equal(formatLongDate(d('2024-02-29')), 'Thursday 29 February 2024');
    assert.equal(formatLongDate(d('2026-01-04')), 'Sunday 4 January 2026');
  });
});
