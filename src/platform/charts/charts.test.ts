import { test } from 'node:test';
import assert from 'node:assert/strict';
import { barChart, barChartTable, lineChart, lineChartTable, niceScale, type BarChartOptions, type LineChartOptions } from './index.ts';

/** Every text node of the SVG (what a screen reader or a sighted reader gets), unescaped. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&'));
}
const desc = (svg: string) => /<desc[^>]*>([^<]*)<\/desc>/.exec(svg)?.[1] ?? '';

test('scales: round limits from zero with tidy steps', () => {
  const cases: [number, number, number, number, number[]][] = [
    [0, 96.8, 0, 100, [0, 20, 40, 60, 80, 100]],
    [12, 47, 0, 50, [0, 10, 20, 30, 40, 50]],
    [0, 0, 0, 1, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [-3, 7, -4, 8, [-4, -2, 0, 2, 4, 6, 8]],
    [0, 638745, 0, 800000, [0, 200000, 400000, 600000, 800000]],
  ];
  for (const [lo, hi, min, max, ticks] of cases) {
    const s = niceScale(lo, hi);
    assert.deepEqual([s.min, s.max, s.ticks], [min, max, ticks], `${lo}..${hi}`);
  }
});

const barCases: { name: string; options: BarChartOptions; check(svg: string, summary: string): void }[] = [
  {
    name: 'accessible name, description and role',
    options: { title: 'Plans within 20 weeks', unit: 'percent', data: [{ label: 'Halton', value: 56.5 }, { label: 'Barnsley', value: 96.8 }] },
    check(svg, summary) {
      assert.match(svg, /^<svg [^>]*role="img"/);
      const id = /aria-labelledby="([^ ]+)-title \1-desc"/.exec(svg)?.[1];
      assert.ok(id, 'aria-labelledby points at the title and desc');
      assert.match(svg, new RegExp(`<title id="${id}-title">Plans within 20 weeks</title>`));
      assert.equal(desc(svg), summary);
      assert.equal(summary, '2 values: highest Barnsley 96.8%, lowest Halton 56.5%.');
      assert.ok(!/style=/.test(svg), 'no inline styles (CSP)');
      assert.ok(!/#[0-9a-f]{3,6}"/i.test(svg), 'no hard-coded colours: currentColor only');
    },
  },
  {
    name: 'labels are escaped',
    options: { title: 'A <b>"bold"</b> & \'quoted\' title', data: [{ label: '<script>alert(1)</script>', value: 1 }, { label: 'Brighton & Hove', value: 2 }] },
    check(svg) {
      assert.ok(!svg.includes('<script>'));
      assert.ok(!svg.includes('<b>'));
      assert.match(svg, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
      assert.match(svg, /Brighton &amp; Hove/);
      assert.match(svg, /A &lt;b&gt;&quot;bold&quot;&lt;\/b&gt; &amp; &#39;quoted&#39; title/);
      assert.ok(texts(svg).includes('Brighton & Hove'));
    },
  },
  {
    name: 'the highlighted bar has a pattern, an outline and a text label, not only a colour',
    options: { title: 'Ranked', unit: 'percent', idPrefix: 'rank', data: [{ label: 'Halton', value: 56.5, highlight: true }, { label: 'Wirral', value: 12.6 }] },
    check(svg, summary) {
      assert.match(svg, /<pattern id="rank-hatch"/);
      assert.match(svg, /<rect [^>]*fill="url\(#rank-hatch\)" stroke="currentColor"/);
      assert.equal((svg.match(/fill="url\(#rank-hatch\)"/g) ?? []).length, 1);
      assert.ok(texts(svg).includes('Halton (selected)'));
      assert.match(svg, /font-weight="bold">Halton \(selected\)</);
      assert.match(summary, /Halton \(selected\): 56\.5%\./);
    },
  },
  {
    name: 'null values are gaps labelled "no data" (or the given words), never zero-length bars',
    options: {
      title: 'Suppressed', unit: 'percent',
      data: [{ label: 'A', value: 10 }, { label: 'Dorset', value: null, missingText: 'not published (suppressed)' }, { label: 'C', value: null }],
    },
    check(svg, summary) {
      assert.equal((svg.match(/<rect [^>]*height="14"/g) ?? []).length, 1, 'one bar only');
      assert.ok(texts(svg).includes('not published (suppressed)'));
      assert.ok(texts(svg).includes('no data'));
      assert.match(summary, /No value for Dorset, C\./);
    },
  },
  {
    name: 'empty data says so',
    options: { title: 'Nothing', data: [] },
    check(svg, summary) {
      assert.match(svg, /role="img"/);
      assert.ok(texts(svg).includes('No data'));
      assert.equal(summary, 'There is no data to show.');
    },
  },
  {
    name: 'all values missing',
    options: { title: 'All missing', data: [{ label: 'A', value: null }, { label: 'B', value: null }] },
    check(_svg, summary) {
      assert.equal(summary, 'None of the 2 items have a value. No value for A, B.');
    },
  },
  {
    name: 'bar lengths follow the scale; reference lines are labelled',
    options: { title: 'Scale', unit: 'count', width: 600, domain: [0, 100], data: [{ label: 'Half', value: 50 }, { label: 'Full', value: 100 }], references: [{ label: 'England', value: 25 }] },
    check(svg, summary) {
      const widths = [...svg.matchAll(/<rect x="[^"]+" y="[^"]+" width="([^"]+)" height="14"/g)].map((m) => Number(m[1]));
      assert.equal(widths.length, 2);
      assert.ok(Math.abs(widths[1]! - 2 * widths[0]!) < 0.5, `full is twice half: ${widths.join(', ')}`);
      assert.ok(texts(svg).includes('England 25'));
      assert.match(svg, /stroke-dasharray="6 4"/);
      assert.match(summary, /England: 25\./);
    },
  },
  {
    name: 'vertical bars put labels under the bars and keep the same rules',
    options: { orientation: 'vertical', title: 'Compare', unit: 'percent', data: [{ label: 'Halton', value: 56.5, highlight: true }, { label: 'England', value: 46.4 }, { label: 'Statistical neighbours', value: null }] },
    check(svg) {
      const t = texts(svg);
      assert.ok(t.includes('Halton (selected)'));
      assert.ok(t.includes('56.5%'));
      assert.ok(t.includes('no data'));
      assert.match(svg, /fill="url\(#[^)]+-hatch\)"/);
    },
  },
];

for (const c of barCases) {
  test(`bar chart: ${c.name}`, () => {
    const { svg, summary } = barChart(c.options);
    c.check(svg, summary);
  });
}

test('bar chart table: values formatted, missing words kept, highlighted row marked', () => {
  const t = barChartTable({ title: 'T', unit: 'percent', data: [{ label: 'Halton', value: 56.5, highlight: true }, { label: 'Dorset', value: null, missingText: 'not published (suppressed)' }] }, { label: 'Council', value: 'Percentage' });
  assert.deepEqual(t.rows.map((r) => r.map((c) => ('text' in c ? c.text : c.html))), [['Halton (selected)', '56.5%'], ['Dorset', 'not published (suppressed)']]);
  assert.equal(t.caption, 'T');
});

const lineCases: { name: string; options: LineChartOptions; check(svg: string, summary: string): void }[] = [
  {
    name: 'a null breaks the line into two segments and is listed in the summary',
    options: { title: 'Trend', unit: 'percent', categories: ['2021', '2022', '2023', '2024'], series: [{ name: 'Halton', values: [40, 45, null, 56.5], highlight: true }, { name: 'England', values: [59.9, 50.7, 50.3, 46.4] }] },
    check(svg, summary) {
      const paths = [...svg.matchAll(/<path d="([^"]+)" fill="none"/g)].map((m) => m[1]!);
      assert.equal(paths.length, 2);
      assert.equal((paths[0]!.match(/M/g) ?? []).length, 2, 'Halton: two segments around the gap');
      assert.equal((paths[1]!.match(/M/g) ?? []).length, 1);
      assert.equal(summary, 'Halton (selected): 40.0% in 2021 to 56.5% in 2024; no data for 2023. England: 59.9% in 2021 to 46.4% in 2024.');
      assert.equal(desc(svg), summary);
      assert.ok(texts(svg).includes('Halton (selected)'));
    },
  },
  {
    name: 'series differ by dash and marker, not colour',
    options: { title: 'Styles', categories: ['a', 'b'], series: [{ name: 'One', values: [1, 2] }, { name: 'Two', values: [2, 1] }, { name: 'Three', values: [3, 3] }] },
    check(svg) {
      assert.match(svg, /stroke-dasharray="8 4"/);
      assert.match(svg, /stroke-dasharray="2 4"/);
      assert.match(svg, /<circle /);
      assert.match(svg, /<rect [^>]*fill="none" stroke="currentColor"/);
      assert.ok(!/#[0-9a-f]{3,6}"/i.test(svg));
    },
  },
  {
    name: 'escaping and empty data',
    options: { title: '<T>', categories: [], series: [] },
    check(svg, summary) {
      assert.match(svg, /<title id="[^"]+">&lt;T&gt;<\/title>/);
      assert.equal(summary, 'There is no data to show.');
      assert.ok(texts(svg).includes('No data'));
    },
  },
  {
    name: 'a series with no values at all',
    options: { title: 'Gaps', categories: ['2023', '2024'], series: [{ name: 'Region <N&E>', values: [null, null] }] },
    check(svg, summary) {
      assert.equal(summary, 'Region <N&E>: no data.');
      assert.ok(!/<path d="[^"]+" fill="none"/.test(svg));
      assert.match(svg, /Region &lt;N&amp;E&gt;/);
    },
  },
];

for (const c of lineCases) {
  test(`line chart: ${c.name}`, () => {
    const { svg, summary } = lineChart(c.options);
    c.check(svg, summary);
  });
}

test('line chart table: one row per category', () => {
  const t = lineChartTable({ title: 'T', unit: 'percent', categories: ['2023', '2024'], series: [{ name: 'Halton', values: [null, 56.5], highlight: true }] }, 'Year');
  assert.deepEqual(t.head.map((h) => h.text), ['Year', 'Halton (selected)']);
  assert.deepEqual(t.rows.map((r) => r.map((c) => ('text' in c ? c.text : ''))), [['2023', 'no data'], ['2024', '56.5%']]);
});
