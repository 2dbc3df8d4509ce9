import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatNumber } from './nunjucks.ts';

test('formatNumber: thousands separators, fixed decimals when asked, nothing for nothing', () => {
  const table: [unknown, number | undefined, string][] = [
    [1234567, undefined, '1,234,567'],
    [1234.5678, undefined, '1,234.568'], // en-GB default: up to 3 decimals
    [46.44, 1, '46.4'],
    [46.45, 1, '46.5'],
    [0, 1, '0.0'],
    [-1200, 0, '-1,200'],
    ['2500', undefined, '2,500'],
    [null, 1, ''],
    [undefined, undefined, ''],
    ['', 1, ''],
    ['n/a', 1, 'n/a'],
    [Number.NaN, 1, 'NaN'],
  ];
  for (const [value, decimals, words] of table) assert.equal(formatNumber(value, decimals), words, `${String(value)} with ${String(decimals)} decimals`);
  // The same answers the second time, from the kept formatter.
  assert.equal(formatNumber(46.44, 1), '46.4');
  assert.equal(formatNumber(1234567), '1,234,567');
});
