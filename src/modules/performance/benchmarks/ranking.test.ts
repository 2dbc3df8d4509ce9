import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BenchmarkValue, LaRecord, StatisticalNeighbour } from './import.ts';
import { benchmarkFor, buildBenchmarkData, competitionRanks, neighbourMean, quartileOf, rankAmong, type RankEntry } from './ranking.ts';

const e = (code: string, value: number | null): RankEntry => ({ code, value });

// ── Ranks ────────────────────────────────────────────────────────────────────

const rankCases: { name: string; polarity: 'higher' | 'lower' | 'neutral'; entries: RankEntry[]; expected: Record<string, number> }[] = [
  {
    name: 'higher is better, ties share the better rank (1,2,2,4)',
    polarity: 'higher',
    entries: [e('A', 90), e('B', 80), e('C', 80), e('D', 70)],
    expected: { A: 1, B: 2, C: 2, D: 4 },
  },
  {
    name: 'lower is better',
    polarity: 'lower',
    entries: [e('A', 90), e('B', 80), e('C', 80), e('D', 70)],
    expected: { D: 1, B: 2, C: 2, A: 4 },
  },
  {
    name: 'neutral ranks by value descending',
    polarity: 'neutral',
    entries: [e('A', 10), e('B', 30), e('C', 20)],
    expected: { B: 1, C: 2, A: 3 },
  },
  {
    name: 'tie at the top (1,1,3)',
    polarity: 'higher',
    entries: [e('A', 5), e('B', 5), e('C', 4)],
    expected: { A: 1, B: 1, C: 3 },
  },
  {
    name: 'all tied',
    polarity: 'lower',
    entries: [e('A', 1), e('B', 1), e('C', 1)],
    expected: { A: 1, B: 1, C: 1 },
  },
  {
    name: 'nulls (suppressed) are excluded from ranks, and a zero is a real value',
    polarity: 'higher',
    entries: [e('A', null), e('B', 0), e('C', 50), e('D', null), e('E', 50)],
    expected: { C: 1, E: 1, B: 3 },
  },
  {
    name: 'order of input does not matter',
    polarity: 'higher',
    entries: [e('D', 70), e('C', 80), e('A', 90), e('B', 80)],
    expected: { A: 1, B: 2, C: 2, D: 4 },
  },
];
for (const c of rankCases) {
  test(`competitionRanks: ${c.name}`, () => {
    assert.deepEqual(Object.fromEntries(competitionRanks(c.entries, c.polarity)), c.expected);
  });
}

test('rankAmong: `of` counts only LAs with a value; no value → null rank and quartile', () => {
  const entries = [e('A', null), e('B', 10), e('C', 20), e('D', null)];
  assert.deepEqual(rankAmong('C', entries, 'higher'), { rank: 1, of: 2, quartile: 2 });
  assert.deepEqual(rankAmong('A', entries, 'higher'), { rank: null, of: 2, quartile: null });
  assert.deepEqual(rankAmong('Z', entries, 'higher'), { rank: null, of: 2, quartile: null });
  assert.deepEqual(rankAmong('A', [], 'higher'), { rank: null, of: 0, quartile: null });
});

// ── Quartiles ────────────────────────────────────────────────────────────────

const quartileCases: [rank: number, count: number, quartile: number][] = [
  [1, 150, 1],
  [37, 150, 1],
  [38, 150, 2],
  [75, 150, 2],
  [76, 150, 3],
  [112, 150, 3],
  [113, 150, 4],
  [150, 150, 4],
  [1, 1, 4], // the only LA: ceil(4 × 1 ÷ 1)
  [1, 4, 1],
  [2, 4, 2],
  [4, 4, 4],
  [38, 153, 1], // 152/153 < 1
  [39, 153, 2],
];
for (const [rank, count, q] of quartileCases) {
  test(`quartileOf(${rank}, ${count}) = ${q}`, () => assert.equal(quartileOf(rank, count), q));
}

test('quartileOf rejects impossible input', () => {
  assert.throws(() => quartileOf(0, 10), RangeError);
  assert.throws(() => quartileOf(11, 10), RangeError);
  assert.throws(() => quartileOf(1.5, 10), RangeError);
});

test('quartiles over 150 LAs with real ranks from values', () => {
  const entries = Array.from({ length: 150 }, (_, i) => e(`LA${i + 1}`, 1000 - i)); // LA1 best
  for (const [rank, q] of [[37, 1], [38, 2], [75, 2], [76, 3], [150, 4]] as const) {
    assert.deepEqual(rankAmong(`LA${rank}`, entries, 'higher'), { rank, of: 150, quartile: q });
  }
});

// ── Statistical-neighbour means ──────────────────────────────────────────────

const nb = (codes: string[]) => codes.map((code) => ({ code, name: `Name ${code}` }));

const meanCases: { name: string; values: Record<string, number | null>; mean: number | null; count: number }[] = [
  { name: 'all present', values: { A: 10, B: 20, C: 30 }, mean: 20, count: 3 },
  { name: 'suppressed excluded, not zero', values: { A: 10, B: null, C: 30 }, mean: 20, count: 2 },
  { name: 'missing from data excluded', values: { A: 10 }, mean: 10, count: 1 },
  { name: 'none has a value', values: { A: null, B: null }, mean: null, count: 0 },
  { name: 'zero is a value', values: { A: 0, B: 10, C: null }, mean: 5, count: 2 },
  { name: 'rounds half up to one decimal', values: { A: 45.2, B: 45.3 }, mean: 45.3, count: 2 }, // 45.25
  { name: 'float-prone sum', values: { A: 0.1, B: 0.2 }, mean: 0.2, count: 2 }, // 0.15 → 0.2
  { name: 'thirds', values: { A: 1, B: 1, C: 2 }, mean: 1.3, count: 3 },
  { name: 'counts are rounded too', values: { A: 100, B: 101, C: 101 }, mean: 100.7, count: 3 },
];
for (const c of meanCases) {
  test(`neighbourMean: ${c.name}`, () => {
    const result = neighbourMean(nb(['A', 'B', 'C']), (code) => c.values[code]);
    assert.equal(result.mean, c.mean);
    assert.equal(result.count, c.count);
    assert.deepEqual(
      result.members.map((m) => [m.code, m.value]),
      ['A', 'B', 'C'].map((code) => [code, c.values[code] ?? null]),
    );
  });
}

test('neighbourMean with no neighbours at all', () => {
  assert.deepEqual(neighbourMean([], () => 1), { mean: null, count: 0, members: [] });
});

// ── benchmarkFor ─────────────────────────────────────────────────────────────

const LAS: LaRecord[] = [
  { code: 'E06000001', oldCode: '805', name: 'Alpha', regionCode: 'E12000001', regionName: 'North East' },
  { code: 'E06000002', oldCode: '806', name: 'Beta', regionCode: 'E12000001', regionName: 'North East' },
  { code: 'E06000003', oldCode: '807', name: 'Gamma', regionCode: 'E12000002', regionName: 'North West' },
  { code: 'E06000004', oldCode: '808', name: 'Delta', regionCode: 'E12000002', regionName: 'North West' },
  { code: 'E06000005', oldCode: '809', name: 'Epsilon', regionCode: 'E12000002', regionName: 'North West' },
];
const SN: StatisticalNeighbour[] = [
  { laCode: 'E06000001', laName: 'Alpha', rank: 2, neighbourCode: 'E06000003', neighbourName: 'Gamma', proximity: 'Close' },
  { laCode: 'E06000001', laName: 'Alpha', rank: 1, neighbourCode: 'E06000002', neighbourName: 'Beta', proximity: 'Very close' },
  { laCode: 'E06000001', laName: 'Alpha', rank: 3, neighbourCode: 'E06000004', neighbourName: 'Delta', proximity: 'Close' },
  { laCode: 'E06000005', laName: 'Epsilon', rank: 1, neighbourCode: 'E06000004', neighbourName: 'Delta', proximity: 'Close' },
];
const M = 'plans-issued-within-20-weeks-excl-exceptions-pc';
const v = (level: BenchmarkValue['level'], code: string, value: number | null, measure = M, year = 2024): BenchmarkValue => ({ measure, year, level, code, name: code, value });
const VALUES: BenchmarkValue[] = [
  v('national', 'E92000001', 46.4),
  v('regional', 'E12000001', 50.5),
  v('regional', 'E12000002', 40.1),
  v('la', 'E06000001', 60),
  v('la', 'E06000002', 70.1),
  v('la', 'E06000003', null),
  v('la', 'E06000004', 60),
  v('la', 'E06000005', null),
  // Another year and measure must not leak in.
  v('la', 'E06000003', 99.9, M, 2023),
  v('la', 'E06000003', 99.9, 'plans-issued-within-20-weeks-pc'),
];
const data = buildBenchmarkData({ values: VALUES, las: LAS, neighbours: SN });

test('benchmarkFor assembles LA, England, region, neighbours and rank', () => {
  assert.deepEqual(benchmarkFor(M, 'E06000001', 2024, data), {
    measure: M,
    year: 2024,
    unit: 'percent',
    polarity: 'higher',
    la: { code: 'E06000001', name: 'Alpha', value: 60 },
    england: { value: 46.4 },
    region: { code: 'E12000001', name: 'North East', value: 50.5 },
    statisticalNeighbours: {
      mean: 65.1, // (70.1 + 60) / 2 = 65.05 → 65.1; Gamma is suppressed
      count: 2,
      members: [
        { code: 'E06000002', name: 'Beta', value: 70.1 },
        { code: 'E06000003', name: 'Gamma', value: null },
        { code: 'E06000004', name: 'Delta', value: 60 },
      ],
    },
    rank: 2, // tied with Delta behind Beta
    of: 3, // Gamma and Epsilon have no value
    quartile: 3, // ceil(8 / 3)
  });
});

test('benchmarkFor: an LA without a value has null rank and quartile; neighbours with no values give mean null', () => {
  const b = benchmarkFor(M, 'E06000005', 2024, data);
  assert.equal(b.la.value, null);
  assert.equal(b.rank, null);
  assert.equal(b.quartile, null);
  assert.equal(b.of, 3);
  assert.equal(b.region.value, 40.1);
  assert.deepEqual(b.statisticalNeighbours.count, 1);
  const noValues = buildBenchmarkData({ values: VALUES, las: LAS, neighbours: [{ ...SN[0], laCode: 'E06000004', neighbourCode: 'E06000003' } as StatisticalNeighbour] });
  const d = benchmarkFor(M, 'E06000004', 2024, noValues);
  assert.deepEqual(d.statisticalNeighbours, { mean: null, count: 0, members: [{ code: 'E06000003', name: 'Gamma', value: null }] });
  assert.equal(d.rank, 2);
});

test('benchmarkFor: lower-is-better and neutral measures rank from the right end', () => {
  const lower = 'plans-issued-over-52-weeks-pc';
  const neutral = 'plans-in-force';
  const vs = [v('la', 'E06000001', 5, lower), v('la', 'E06000002', 9, lower), v('la', 'E06000001', 500, neutral, 202425), v('la', 'E06000002', 900, neutral, 202425)];
  const d = buildBenchmarkData({ values: vs, las: LAS, neighbours: SN });
  assert.equal(benchmarkFor(lower, 'E06000001', 2024, d).rank, 1);
  assert.equal(benchmarkFor(neutral, 'E06000001', 202425, d).rank, 2);
  assert.equal(benchmarkFor(neutral, 'E06000002', 202425, d).polarity, 'neutral');
});

test('benchmarkFor: a year with no data gives nulls and of 0', () => {
  const b = benchmarkFor(M, 'E06000001', 2019, data);
  assert.deepEqual([b.la.value, b.england.value, b.region.value, b.rank, b.of, b.quartile, b.statisticalNeighbours.count], [null, null, null, null, 0, null, 0]);
  assert.equal(b.la.name, 'Alpha');
});

test('benchmarkFor: unknown measure throws', () => {
  assert.throws(() => benchmarkFor('no-such-measure', 'E06000001', 2024, data), RangeError);
});
