import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ageOn, dayNumber, meanWeeks1dp, monthBounds, packedDate, percent1dp } from './arith.ts';
import { isoFromDay } from './synthetic.ts';

const PERCENT_ROWS: readonly [number, number, number | null][] = [
  [1, 8, 12.5],
  [2, 3, 66.7],
  [1, 3, 33.3],
  [39407, 84866, 46.4],
  [41448, 90392, 45.9],
  [121, 208, 58.2],
  [87, 154, 56.5],
  [1, 2000, 0.1], // 0.05 exactly: half up
  [1, 2001, 0], // just under 0.05
  [0, 5, 0],
  [5, 5, 100],
  [0, 0, null],
  [3, 0, null],
];
for (const [n, d, expected] of PERCENT_ROWS) {
  test(`percent1dp(${String(n)}, ${String(d)}) = ${String(expected)}`, () => {
    assert.equal(percent1dp(n, d), expected);
  });
}

test('percent1dp agrees with exact decimal rounding for every fraction up to 400', () => {
  for (let d = 1; d <= 400; d++) {
    for (let n = 0; n <= d; n++) {
      // Exact: compare 1000n/d with k + 0.5 in integers.
      const k = Math.floor((1000 * n) / d);
      const rem = 1000 * n - k * d;
      const expected = (2 * rem >= d ? k + 1 : k) / 10;
      assert.equal(percent1dp(n, d), expected, `${String(n)}/${String(d)}`);
    }
  }
});

const WEEKS_ROWS: readonly [number, number, number | null][] = [
  [140, 1, 20],
  [281, 2, 20.1], // 20.07
  [147, 20, 1.1], // 1.05 exactly: half up
  [146, 20, 1], // 1.043
  [0, 3, 0],
  [10, 0, null],
];
for (const [total, count, expected] of WEEKS_ROWS) {
  test(`meanWeeks1dp(${String(total)}, ${String(count)}) = ${String(expected)}`, () => {
    assert.equal(meanWeeks1dp(total, count), expected);
  });
}

test('dayNumber agrees with Temporal across leap years and centuries', () => {
  const epoch = Temporal.PlainDate.from('1970-01-01');
  for (const iso of ['1970-01-01', '1999-12-31', '2000-02-29', '2024-02-29', '2024-03-01', '2025-01-16', '2100-03-01', '1900-02-28']) {
    assert.equal(dayNumber(iso), Temporal.PlainDate.from(iso).since(epoch).days, iso);
  }
  let d = Temporal.PlainDate.from('2019-06-01');
  for (let i = 0; i < 2500; i++, d = d.add({ days: 1 })) {
    const iso = d.toString();
    assert.equal(dayNumber(iso), d.since(epoch).days, iso);
    assert.equal(isoFromDay(dayNumber(iso)), iso);
  }
});

const BAD_DATES = [undefined, '', '2025-02-29', '2024-02-30', '2024-13-01', '2024-00-10', '2024-1-01', '2024/01/01', '24-01-01xx', '2024-01-1a'];
for (const bad of BAD_DATES) {
  test(`dayNumber(${JSON.stringify(bad)}) is NaN`, () => {
    assert.ok(Number.isNaN(dayNumber(bad)));
    assert.ok(Number.isNaN(packedDate(bad)));
  });
}

const AGE_ROWS: readonly [string | undefined, string, number][] = [
  ['2020-02-29', '2025-02-28', 4],
  ['2020-02-29', '2025-03-01', 5],
  ['2020-02-29', '2024-02-28', 3],
  ['2020-02-29', '2024-02-29', 4],
  ['2010-09-01', '2025-08-31', 14],
  ['2010-09-01', '2025-09-01', 15],
  ['2025-01-16', '2025-01-16', 0],
  ['2025-01-17', '2025-01-16', NaN],
  [undefined, '2025-01-16', NaN],
  ['2025-02-30', '2025-03-01', NaN],
];
for (const [dob, on, expected] of AGE_ROWS) {
  test(`ageOn(${String(dob)}, ${on}) = ${String(expected)}`, () => {
    assert.deepEqual(ageOn(dob, on), expected);
  });
}

test('monthBounds: last day of February in leap and common years; bad input throws', () => {
  assert.deepEqual(monthBounds('2024-02'), { from: '2024-02-01', to: '2024-02-29' });
  assert.deepEqual(monthBounds('2025-02'), { from: '2025-02-01', to: '2025-02-28' });
  assert.deepEqual(monthBounds('2025-04'), { from: '2025-04-01', to: '2025-04-30' });
  assert.deepEqual(monthBounds('2025-12'), { from: '2025-12-01', to: '2025-12-31' });
  assert.throws(() => monthBounds('2025-13'), RangeError);
  assert.throws(() => monthBounds('2025-1'), RangeError);
});
