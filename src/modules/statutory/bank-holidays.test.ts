import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyOneOffs,
  BANK_HOLIDAY_SOURCE,
  bankHolidaysIn,
  easterSunday,
  HISTORIC_ONE_OFFS,
  isBankHoliday,
  PUBLISHED_ONE_OFFS,
  PUBLISHED_YEARS,
  publishedBankHolidays,
  ruleBasedBankHolidays,
  type BankHoliday,
} from './bank-holidays.ts';

const d = (s: string): Temporal.PlainDate => Temporal.PlainDate.from(s);
const isoList = (days: readonly BankHoliday[]): string[] => days.map((h) => h.date.toString());

describe('easterSunday', () => {
  const cases: [number, string][] = [
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2018, '2018-04-01'],
    [2019, '2019-04-21'],
    [2020, '2020-04-12'],
    [2021, '2021-04-04'],
    [2022, '2022-04-17'],
    [2023, '2023-04-09'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2030, '2030-04-21'],
    [2038, '2038-04-25'], // the latest possible date
    [2285, '2285-03-22'], // the earliest possible date
  ];
  for (const [year, expected] of cases) {
    it(`${String(year)} → ${expected}`, () => assert.equal(easterSunday(year).toString(), expected));
  }
  it('is always a Sunday between 22 March and 25 April (1583–4099)', () => {
    for (let year = 1583; year <= 4099; year++) {
      const e = easterSunday(year);
      assert.equal(e.dayOfWeek, 7, `${String(year)}`);
      const md = e.month * 100 + e.day;
      assert.ok(md >= 322 && md <= 425, `${String(year)}: ${e.toString()}`);
    }
  });
});

describe('Easter bank holidays', () => {
  const cases: [number, string, string][] = [
    [2024, '2024-03-29', '2024-04-01'],
    [2025, '2025-04-18', '2025-04-21'],
    [2026, '2026-04-03', '2026-04-06'],
    [2030, '2030-04-19', '2030-04-22'],
    [2038, '2038-04-23', '2038-04-26'],
  ];
  for (const [year, goodFriday, easterMonday] of cases) {
    it(`${String(year)}: Good Friday ${goodFriday}, Easter Monday ${easterMonday}`, () => {
      assert.equal(isBankHoliday(d(goodFriday)), true);
      assert.equal(isBankHoliday(d(easterMonday)), true);
      assert.equal(isBankHoliday(d(goodFriday).add({ days: 1 })), false); // Easter Saturday
      assert.equal(isBankHoliday(d(goodFriday).add({ days: 2 })), false); // Easter Sunday is not a bank holiday
    });
  }
});

describe('one-off and moved days', () => {
  const holidays = [
    '2020-05-08', // VE day: early May moved from Monday 4 May
    '2022-06-02', // spring bank holiday moved from Monday 30 May
    '2022-06-03', // Platinum Jubilee
    '2022-09-19', // State Funeral of Queen Elizabeth II
    '2023-05-08', // Coronation of King Charles III
    '2011-04-29', // Royal wedding (before the published list)
    '2012-06-04', // spring bank holiday moved
    '2012-06-05', // Diamond Jubilee
    '2002-06-03', // Golden Jubilee
    '2002-06-04', // spring bank holiday moved
  ];
  for (const iso of holidays) it(`${iso} is a bank holiday`, () => assert.equal(isBankHoliday(d(iso)), true));

  const notHolidays = ['2020-05-04', '2022-05-30', '2012-05-28', '2002-05-27', '2023-05-06', '2023-05-09'];
  for (const iso of notHolidays) it(`${iso} is not a bank holiday`, () => assert.equal(isBankHoliday(d(iso)), false));
});

describe('substitute days', () => {
  const cases: [string, boolean][] = [
    ['2021-12-25', false], // Saturday
    ['2021-12-26', false], // Sunday
    ['2021-12-27', true], // Christmas Day (substitute)
    ['2021-12-28', true], // Boxing Day (substitute)
    ['2022-12-25', false], // Sunday
    ['2022-12-26', true], // Boxing Day
    ['2022-12-27', true], // Christmas Day (substitute)
    ['2022-12-28', false],
    ['2020-12-25', true], // Friday
    ['2020-12-28', true], // Boxing Day (substitute) for Saturday 26
    ['2022-01-01', false], // Saturday
    ['2022-01-03', true], // New Year's Day (substitute)
    ['2023-01-01', false], // Sunday
    ['2023-01-02', true], // New Year's Day (substitute)
    ['2026-12-28', true], // Boxing Day (substitute) for Saturday 26
    ['2027-12-27', true],
    ['2027-12-28', true],
    ['2028-01-03', true], // computed year: New Year's Day on a Saturday
    ['2015-12-28', true], // before the published list: Boxing Day on a Saturday
    ['2016-12-27', true], // Christmas Day on a Sunday
    ['2017-01-02', true], // New Year's Day on a Sunday
  ];
  for (const [iso, expected] of cases) {
    it(`${iso} ${expected ? 'is' : 'is not'} a bank holiday`, () => assert.equal(isBankHoliday(d(iso)), expected));
  }
});

describe('the published list agrees with the rules', () => {
  const yearsWithoutOneOffs = [2018, 2019, 2021, 2024, 2025, 2026, 2027];
  for (const year of yearsWithoutOneOffs) {
    it(`${String(year)}: rules alone give exactly the published days and titles`, () => {
      assert.deepEqual(
        ruleBasedBankHolidays(year).map((h) => [h.date.toString(), h.title]),
        (publishedBankHolidays(year) ?? []).map((h) => [h.date.toString(), h.title]),
      );
    });
  }
  for (let year = PUBLISHED_YEARS.first; year <= PUBLISHED_YEARS.last; year++) {
    it(`${String(year)}: rules plus the announced one-offs give exactly the published days and titles`, () => {
      const expected = applyOneOffs(
        ruleBasedBankHolidays(year),
        PUBLISHED_ONE_OFFS.filter((c) => c.year === year),
      );
      assert.deepEqual(
        expected.map((h) => [h.date.toString(), h.title]),
        (publishedBankHolidays(year) ?? []).map((h) => [h.date.toString(), h.title]),
      );
    });
  }
  it('only 2020, 2022 and 2023 have one-offs in the published years', () => {
    assert.deepEqual([...new Set(PUBLISHED_ONE_OFFS.map((c) => c.year))], [2020, 2022, 2023]);
  });
  it('every published day is a weekday, in date order, without duplicates', () => {
    for (let year = PUBLISHED_YEARS.first; year <= PUBLISHED_YEARS.last; year++) {
      const list = publishedBankHolidays(year) ?? [];
      assert.ok(list.length >= 8, `${String(year)}`);
      for (const h of list) assert.ok(h.date.dayOfWeek <= 5, h.date.toString());
      const iso = isoList(list);
      assert.deepEqual(iso, [...new Set(iso)].sort());
    }
  });
  it('counts: 8 a year, 10 in 2022, 9 in 2023', () => {
    assert.equal(bankHolidaysIn(2020).length, 8);
    assert.equal(bankHolidaysIn(2022).length, 10);
    assert.equal(bankHolidaysIn(2023).length, 9);
    assert.equal(bankHolidaysIn(2025).length, 8);
  });
  it('records its source', () => {
    assert.match(BANK_HOLIDAY_SOURCE, /gov\.uk\/bank-holidays\.json/);
    assert.match(BANK_HOLIDAY_SOURCE, /england-and-wales/);
  });
});

describe('computed years', () => {
  /**
   * An independent oracle: the python-holidays package (0.105, UK, subdiv ENG),
   * observed weekday dates. The same comparison was run for every year from
   * 1978 to 2100 when this module was written; these rows keep a sample in CI.
   */
  const ORACLE: [number, string][] = [
    [2028, '01-03 04-14 04-17 05-01 05-29 08-28 12-25 12-26'],
    [2029, '01-01 03-30 04-02 05-07 05-28 08-27 12-25 12-26'],
    [2030, '01-01 04-19 04-22 05-06 05-27 08-26 12-25 12-26'],
    [2031, '01-01 04-11 04-14 05-05 05-26 08-25 12-25 12-26'],
    [2032, '01-01 03-26 03-29 05-03 05-31 08-30 12-27 12-28'],
    [2033, '01-03 04-15 04-18 05-02 05-30 08-29 12-26 12-27'],
    [2034, '01-02 04-07 04-10 05-01 05-29 08-28 12-25 12-26'],
    [2035, '01-01 03-23 03-26 05-07 05-28 08-27 12-25 12-26'],
    [2036, '01-01 04-11 04-14 05-05 05-26 08-25 12-25 12-26'],
    [2037, '01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28'],
    [2038, '01-01 04-23 04-26 05-03 05-31 08-30 12-27 12-28'],
    [2039, '01-03 04-08 04-11 05-02 05-30 08-29 12-26 12-27'],
    [2040, '01-02 03-30 04-02 05-07 05-28 08-27 12-25 12-26'],
    [2041, '01-01 04-19 04-22 05-06 05-27 08-26 12-25 12-26'],
    [2042, '01-01 04-04 04-07 05-05 05-26 08-25 12-25 12-26'],
    [2043, '01-01 03-27 03-30 05-04 05-25 08-31 12-25 12-28'],
    [2044, '01-01 04-15 04-18 05-02 05-30 08-29 12-26 12-27'],
    [2045, '01-02 04-07 04-10 05-01 05-29 08-28 12-25 12-26'],
  ];
  for (const [year, days] of ORACLE) {
    it(`${String(year)}`, () => {
      assert.deepEqual(
        isoList(bankHolidaysIn(year)),
        days.split(' ').map((md) => `${String(year)}-${md}`),
      );
    });
  }
  it('2030 in full, with titles', () => {
    assert.deepEqual(
      bankHolidaysIn(2030).map((h) => [h.date.toString(), h.title]),
      [
        ['2030-01-01', "New Year's Day"],
        ['2030-04-19', 'Good Friday'],
        ['2030-04-22', 'Easter Monday'],
        ['2030-05-06', 'Early May bank holiday'],
        ['2030-05-27', 'Spring bank holiday'],
        ['2030-08-26', 'Summer bank holiday'],
        ['2030-12-25', 'Christmas Day'],
        ['2030-12-26', 'Boxing Day'],
      ],
    );
  });
  it('historic one-offs are applied to computed years and each moves a real rule-based day', () => {
    for (const year of new Set(HISTORIC_ONE_OFFS.map((c) => c.year))) {
      const list = isoList(bankHolidaysIn(year));
      for (const change of HISTORIC_ONE_OFFS.filter((c) => c.year === year)) {
        assert.ok(list.includes(change.to), change.to);
        if (change.from !== undefined) assert.ok(!list.includes(change.from), change.from);
      }
    }
  });
  it('applyOneOffs refuses to move a day that is not a bank holiday', () => {
    assert.throws(() => applyOneOffs(ruleBasedBankHolidays(2030), [{ year: 2030, from: '2030-05-07', to: '2030-05-08', title: 'x' }]));
  });
  it('refuses years before the rules apply', () => {
    assert.throws(() => bankHolidaysIn(1977), RangeError);
    assert.throws(() => isBankHoliday(d('1977-06-07')), RangeError);
    assert.equal(bankHolidaysIn(1978).length, 8);
  });
});
