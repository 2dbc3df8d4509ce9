/**
 * Reconciles the importer and the benchmark maths against the real DfE 2025 release, the MoJ/DfE
 * appeal-rate table and the LAIT statistical-neighbour model in /reference.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseBenchmarkFiles, parseLaLookup, parseStatisticalNeighbours, type BenchmarkValue } from './import.ts';
import { MEASURES } from './measures.ts';
import { benchmarkFor, buildBenchmarkData } from './ranking.ts';

const root = fileURLToPath(new URL('../../../../reference/', import.meta.url));
const dfeDir = `${root}dfe-ehcp-2025/`;
const files = readdirSync(dfeDir)
  .sort()
  .map((name) => ({ name, text: readFileSync(dfeDir + name, 'utf8') }));
const lookup = parseLaLookup(readFileSync(`${root}lait-2025/la-lookup.csv`, 'utf8'));
const sn = parseStatisticalNeighbours(readFileSync(`${root}lait-2025/sn-model-long.csv`, 'utf8'), lookup.las);
const imported = parseBenchmarkFiles(files, lookup.las);
const data = buildBenchmarkData({ values: imported.values, las: lookup.las, neighbours: sn.neighbours });

function get(measure: string, year: number, code: string): BenchmarkValue | undefined {
  return imported.values.find((v) => v.measure === measure && v.year === year && v.code === code);
}

test('LA lookup and statistical neighbours load cleanly', () => {
  assert.deepEqual(lookup.problems, []);
  assert.equal(lookup.las.length, 153);
  assert.deepEqual(sn.problems, []);
  assert.equal(sn.neighbours.length, 1530);
});

test('no errors in the real files; the expected warnings are there', () => {
  const errors = imported.problems.filter((p) => p.severity === 'error');
  assert.deepEqual(errors, []);
  const has = (file: string, re: RegExp) => imported.problems.some((p) => p.file === file && re.test(p.message));
  assert.ok(has('annual_reviews.csv', /"review_meeting_prior_24" appears more than once/));
  assert.ok(has('timeliness_20_week.csv', /E10000023 \(North Yorkshire\).*matched by old LA code 815 to E06000065/));
  assert.ok(has('caseload.csv', /unknown LA code E10000006 \(Cumbria\)/));
  assert.ok(has('send_tribunals_appeal_rate_2014_2024.csv', /LA code 873 belongs to Cambridgeshire.*Central Bedfordshire/));
  assert.ok(has('data-guidance.txt', /not a recognised benchmark file/));
});

test('every measure in the catalogue has an England value in its first year', () => {
  for (const m of MEASURES) {
    const v = get(m.id, m.firstYear, 'E92000001');
    assert.ok(v && v.value !== null, `${m.id} ${m.firstYear}`);
  }
});

test('England headline figures (2025 release)', () => {
  const ex = get('plans-issued-within-20-weeks-excl-exceptions-pc', 2024, 'E92000001');
  assert.deepEqual([ex?.value, ex?.numerator, ex?.denominator], [46.4, 39407, 84866]);
  const inc = get('plans-issued-within-20-weeks-pc', 2024, 'E92000001');
  assert.deepEqual([inc?.value, inc?.numerator, inc?.denominator], [45.9, 41448, 90392]);
  assert.equal(get('plans-in-force', 202425, 'E92000001')?.value, 638745);
  assert.equal(get('requests-received', 2024, 'E92000001')?.value, 154489);
  assert.equal(get('requests-decided-within-6-weeks-pc', 2024, 'E92000001')?.value, 84.8);
  assert.equal(get('requests-refused-pc', 2024, 'E92000001')?.value, 25.2);
  assert.equal(get('not-to-issue-decisions-within-16-weeks-pc', 2024, 'E92000001')?.value, 34.1);
  const ar = get('annual-review-decisions-within-4-weeks-pc', 2024, 'E92000001');
  assert.deepEqual([ar?.value, ar?.numerator, ar?.denominator], [44.4, 154924, 348759]);
  assert.equal(get('plans-ceased', 2024, 'E92000001')?.value, 44862);
  assert.equal(get('new-plans', 2024, 'E92000001')?.value, 97747);
  const appeal = get('send-tribunal-appeal-rate-pc', 2024, 'E92000001');
  assert.deepEqual([appeal?.value, appeal?.numerator, appeal?.denominator], [3.2, 22276, 689739]);
});

test('every LA value for 2024 / January 2025 is under a current LA code', () => {
  const codes = new Set(lookup.las.map((l) => l.code));
  const recent = imported.values.filter((v) => v.level === 'la' && (v.year === 2024 || v.year === 202425));
  assert.ok(recent.length > 0);
  assert.deepEqual(recent.filter((v) => !codes.has(v.code)), []);
  const timeliness = recent.filter((v) => v.measure === 'plans-issued-within-20-weeks-excl-exceptions-pc');
  assert.equal(timeliness.length, 153);
  // Dorset and City of London classed every 2024 plan as an exception: published as x.
  assert.deepEqual(
    timeliness.filter((v) => v.value === null).map((v) => v.name).sort(),
    ['City of London', 'Dorset'],
  );
});

test('Halton (E06000006): 20-week timeliness excluding exceptions, 2024', () => {
  const b = benchmarkFor('plans-issued-within-20-weeks-excl-exceptions-pc', 'E06000006', 2024, data);
  assert.deepEqual(b.la, { code: 'E06000006', name: 'Halton', value: 56.5 });
  assert.deepEqual(b.england, { value: 46.4 });
  assert.deepEqual(b.region, { code: 'E12000002', name: 'North West', value: 50.5 });
  // Hand-computed from timeliness_20_week.csv (PC_plans_issued_20_weeks_ex, 2024) for Halton's ten
  // LAIT neighbours, in rank order:
  const byHand: [string, number][] = [
    ['E08000013', 28.8], // St Helens
    ['E06000047', 18.3], // County Durham
    ['E08000015', 12.6], // Wirral
    ['E08000024', 79.1], // Sunderland
    ['E06000003', 45.7], // Redcar and Cleveland
    ['E08000016', 96.8], // Barnsley
    ['E08000037', 80.8], // Gateshead
    ['E08000018', 77.7], // Rotherham
    ['E06000004', 71.2], // Stockton-on-Tees
    ['E08000014', 53.1], // Sefton
  ];
  assert.deepEqual(
    b.statisticalNeighbours.members.map((m) => [m.code, m.value]),
    byHand,
  );
  assert.equal(b.statisticalNeighbours.count, 10);
  assert.equal(b.statisticalNeighbours.mean, 56.4); // 564.1 / 10 = 56.41
  // 67 of the 151 LAs with a value are above 56.5%; Dorset and City of London have none.
  assert.deepEqual([b.rank, b.of, b.quartile], [68, 151, 2]);
  const raw = get('plans-issued-within-20-weeks-excl-exceptions-pc', 2024, 'E06000006');
  assert.deepEqual([raw?.numerator, raw?.denominator], [87, 154]);
});

test('Halton (E06000006): caseload and requests', () => {
  const plans = benchmarkFor('plans-in-force', 'E06000006', 202425, data);
  assert.deepEqual([plans.la.value, plans.region.value, plans.england.value], [1712, 92839, 638745]);
  assert.equal(plans.of, 153);
  const six = benchmarkFor('requests-decided-within-6-weeks-pc', 'E06000006', 2024, data);
  assert.deepEqual([six.la.value, six.region.value, six.england.value], [90.1, 88.7, 84.8]);
  assert.equal(get('requests-received', 2024, 'E06000006')?.value, 492);
});

test('Barnet (E09000003): annual reviews, four suppressed neighbours left out of the mean', () => {
  const b = benchmarkFor('annual-review-decisions-within-4-weeks-pc', 'E09000003', 2024, data);
  assert.equal(b.la.value, 44.9);
  assert.equal(b.region.value, 39.6);
  assert.deepEqual(
    b.statisticalNeighbours.members.map((m) => m.value),
    [null, null, 30.9, null, 50.2, 19.1, null, 39.7, 32.9, 32], // Waltham Forest, Reading, Redbridge, Lewisham: x
  );
  assert.equal(b.statisticalNeighbours.count, 6);
  assert.equal(b.statisticalNeighbours.mean, 34.1); // 204.8 / 6 = 34.13
  // Eleven councils are suppressed for annual reviews in 2024.
  assert.equal(b.of, 153 - 11);
});

test('appeal-rate table: rows matched by name despite swapped codes', () => {
  // The table prints Central Bedfordshire with Cambridgeshire's code (873) and vice versa.
  const cb = get('send-tribunal-appeal-rate-pc', 2023, 'E06000056');
  assert.deepEqual([cb?.name, cb?.value, cb?.numerator, cb?.denominator], ['Central Bedfordshire', 2.6, 96, 3711]);
  const cambs = get('send-tribunal-appeal-rate-pc', 2023, 'E10000003');
  assert.deepEqual([cambs?.name, cambs?.value, cambs?.numerator, cambs?.denominator], ['Cambridgeshire', 1.6, 126, 7655]);
  const halton = benchmarkFor('send-tribunal-appeal-rate-pc', 'E06000006', 2024, data);
  assert.deepEqual([halton.la.value, halton.england.value, halton.region.value], [1.7, 3.2, null]);
});
