import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sparkline, sparklineSummary } from './index.ts';

const pc = (v: number) => `${v.toFixed(1)}%`;
const L = ['Jan', 'Feb', 'Mar', 'Apr'];

test('sparklineSummary says the trend in words', () => {
  const table: [(number | null)[], string][] = [
    [[10, 20, 15, 30], '10.0% in Jan to 30.0% in Apr; lowest 10.0%, highest 30.0%.'],
    [[null, 20, null, 5], '20.0% in Feb to 5.0% in Apr; lowest 5.0%, highest 20.0%; no data for 2 months.'],
    [[null, null, 7, null], '7.0% in Mar; no data for the other months.'],
    [[null, null, null, null], 'No data.'],
  ];
  for (const [values, words] of table) assert.equal(sparklineSummary({ values, labels: L, format: pc }), words);
});

test('sparkline: an image named by its summary; a gap breaks the line; the last point is marked', () => {
  const svg = sparkline({ values: [10, null, 20, 30], labels: L, format: pc, title: 'Timeliness', idPrefix: 'spark-1', width: 100, height: 20 });
  assert.match(svg, /role="img" aria-labelledby="spark-1-title"/);
  assert.match(svg, /<title id="spark-1-title">Timeliness: 10\.0% in Jan to 30\.0% in Apr/);
  const paths = [...svg.matchAll(/<path d="([^"]+)"/g)].map((m) => m[1]);
  assert.equal(paths.length, 2, 'two runs either side of the gap');
  assert.match(paths[0]!, /^M3 17$/, 'the lowest value sits at the bottom (height − padding)');
  assert.match(paths[1]!, /^M\S+ \S+L97 3$/, 'the highest at the top, the last at the right');
  assert.match(svg, /<circle cx="97" cy="3"/);
  assert.doesNotMatch(svg, /style=/, 'no inline styles (CSP)');
  const flat = sparkline({ values: [5, 5], labels: ['a', 'b'], format: pc, title: 'Flat', idPrefix: 'f' });
  assert.match(flat, /M3 14L117 14/, 'a flat line sits in the middle');
});
