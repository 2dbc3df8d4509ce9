/**
 * Benchmark maths: ranks, quartiles, statistical-neighbour means, and the assembled benchmark for
 * one LA, measure and year. Pure functions over imported values.
 *
 * - Only LAs with a value take part: a suppressed (null) value is neither ranked nor counted in
 *   `of`, and is left out of the statistical-neighbour mean.
 * - Rank 1 is best by the measure's polarity. Ties share the better rank (standard competition
 *   ranking: 1, 2, 2, 4). Values are compared exactly as published.
 * - Neutral measures (volumes and shares where neither direction is better) are ranked by value
 *   descending: rank 1 is the largest value, and quartile 1 the largest quarter.
 * - Quartile = ceil(4 × rank ÷ of), so 1 is the best quarter. With 150 LAs ranks 1–37 are
 *   quartile 1, 38–75 quartile 2, 76–112 quartile 3 and 113–150 quartile 4.
 * - The statistical-neighbour mean is the plain (unweighted) mean of the neighbours that have a
 *   value, as LAIT does, rounded half-up to one decimal place (for counts as well as percentages).
 */

import { ENGLAND_CODE, round1, type BenchmarkValue, type LaRecord, type StatisticalNeighbour } from './import.ts';
import { getMeasure, MEASURES, type MeasureDefinition, type Polarity, type Unit } from './measures.ts';

export interface RankEntry {
  readonly code: string;
  readonly value: number | null;
}

export interface RankResult {
  /** null when the LA has no value. */
  readonly rank: number | null;
  /** Number of LAs with a value. */
  readonly of: number;
  /** 1 (best quarter) … 4; null when the LA has no value. */
  readonly quartile: number | null;
}

/** ceil(4 × rank ÷ count), in integer arithmetic. */
export function quartileOf(rank: number, count: number): number {
  if (!Number.isInteger(rank) || !Number.isInteger(count) || rank < 1 || count < 1 || rank > count) {
    throw new RangeError(`quartileOf: need 1 ≤ rank ≤ count (got rank ${rank}, count ${count})`);
  }
  return Math.floor((4 * rank + count - 1) / count);
}

/** True when `a` is strictly better than `b` under the polarity (neutral: larger is "better"). */
function better(a: number, b: number, polarity: Polarity): boolean {
  return polarity === 'lower' ? a < b : a > b;
}

/**
 * Competition ranks of every entry with a value. Entries with a null value are left out.
 * Repeated codes: the first entry is used.
 */
export function competitionRanks(entries: readonly RankEntry[], polarity: Polarity): Map<string, number> {
  const withValues: { code: string; value: number }[] = [];
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.code)) continue;
    seen.add(e.code);
    if (e.value !== null && Number.isFinite(e.value)) withValues.push({ code: e.code, value: e.value });
  }
  withValues.sort((a, b) => (better(a.value, b.value, polarity) ? -1 : better(b.value, a.value, polarity) ? 1 : 0));
  const ranks = new Map<string, number>();
  let rank = 0;
  withValues.forEach((e, i) => {
    const prev = withValues[i - 1];
    if (!prev || prev.value !== e.value) rank = i + 1;
    ranks.set(e.code, rank);
  });
  return ranks;
}

/** Rank, count and quartile of one LA among `entries`. */
export function rankAmong(code: string, entries: readonly RankEntry[], polarity: Polarity): RankResult {
  const ranks = competitionRanks(entries, polarity);
  const of = ranks.size;
  const rank = ranks.get(code) ?? null;
  return { rank, of, quartile: rank === null ? null : quartileOf(rank, of) };
}


export interface AreaValue {
  readonly code: string;
  readonly name: string;
  readonly value: number | null;
}

export interface NeighbourMean {
  /** Mean over neighbours with a value, one decimal place; null when none has a value. */
  readonly mean: number | null;
  /** How many neighbours have a value. */
  readonly count: number;
  /** Every neighbour in statistical-neighbour rank order (closest first), value null when missing. */
  readonly members: AreaValue[];
}

/**
 * Mean of the neighbours' values. `valueOf` returns the neighbour's value, or null/undefined when it
 * has none. Values are summed in tenths as integers when they are all published to one decimal
 * place, so the mean is exact before rounding.
 */
export function neighbourMean(
  neighbours: readonly { readonly code: string; readonly name: string }[],
  valueOf: (code: string) => number | null | undefined,
): NeighbourMean {
  const members: AreaValue[] = neighbours.map((n) => ({ code: n.code, name: n.name, value: valueOf(n.code) ?? null }));
  const present = members.map((m) => m.value).filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0) return { mean: null, count: 0, members };
  const tenths = present.map((v) => v * 10);
  const exact = tenths.every((t) => Math.abs(t - Math.round(t)) < 1e-9);
  const mean = exact
    ? Math.round(tenths.reduce((a, t) => a + Math.round(t), 0) / present.length) / 10
    : round1(present.reduce((a, v) => a + v, 0) / present.length);
  return { mean, count: present.length, members };
}

// ── Assembled benchmark ───────────────────────────────────────────────────────

export interface Benchmark {
  readonly measure: string;
  readonly year: number;
  readonly unit: Unit;
  readonly polarity: Polarity;
  readonly la: AreaValue;
  readonly england: { readonly value: number | null };
  /** code/name empty strings when the LA's region is unknown. */
  readonly region: AreaValue;
  readonly statisticalNeighbours: NeighbourMean;
  readonly rank: number | null;
  readonly of: number;
  readonly quartile: number | null;
}

interface Slice {
  national: BenchmarkValue | undefined;
  readonly regions: Map<string, BenchmarkValue>;
  readonly las: Map<string, BenchmarkValue>;
}

export interface BenchmarkData {
  readonly slices: ReadonlyMap<string, Slice>;
  readonly las: ReadonlyMap<string, LaRecord>;
  /** LA code → neighbours, closest first. */
  readonly neighbours: ReadonlyMap<string, readonly StatisticalNeighbour[]>;
  readonly measures: ReadonlyMap<string, MeasureDefinition>;
}

const sliceKey = (measure: string, year: number) => `${measure}|${year}`;

/** Index imported values, the LA lookup and the neighbour model for `benchmarkFor`. */
export function buildBenchmarkData(input: {
  readonly values: readonly BenchmarkValue[];
  readonly las: readonly LaRecord[];
  readonly neighbours: readonly StatisticalNeighbour[];
  readonly measures?: readonly MeasureDefinition[];
}): BenchmarkData {
  const slices = new Map<string, Slice>();
  for (const v of input.values) {
    const key = sliceKey(v.measure, v.year);
    let s = slices.get(key);
    if (!s) {
      s = { national: undefined, regions: new Map(), las: new Map() };
      slices.set(key, s);
    }
    if (v.level === 'national') {
      if (v.code === ENGLAND_CODE && !s.national) s.national = v;
    } else if (v.level === 'regional') {
      if (!s.regions.has(v.code)) s.regions.set(v.code, v);
    } else if (!s.las.has(v.code)) {
      s.las.set(v.code, v);
    }
  }
  const las = new Map(input.las.map((l) => [l.code, l]));
  const neighbours = new Map<string, StatisticalNeighbour[]>();
  for (const n of input.neighbours) {
    const list = neighbours.get(n.laCode) ?? [];
    list.push(n);
    neighbours.set(n.laCode, list);
  }
  for (const list of neighbours.values()) list.sort((a, b) => a.rank - b.rank);
  const measures = new Map((input.measures ?? MEASURES).map((m) => [m.id, m]));
  return { slices, las, neighbours, measures };
}

/**
 * The benchmark for one LA on one measure in one year (`year` as published: 2024 or 202425).
 * Throws RangeError for a measure id that is not in the catalogue; an LA or year with no data gives
 * null values, `of` 0 and null rank.
 */
export function benchmarkFor(measure: string, la: string, year: number, data: BenchmarkData): Benchmark {
  const def = data.measures.get(measure) ?? getMeasure(measure);
  if (!def) throw new RangeError(`unknown benchmark measure "${measure}"`);
  const slice = data.slices.get(sliceKey(measure, year));
  const record = data.las.get(la);
  const own = slice?.las.get(la);
  const nameOf = (code: string, fallback: string) => data.las.get(code)?.name ?? slice?.las.get(code)?.name ?? fallback;

  const entries: RankEntry[] = slice ? [...slice.las.values()].map((v) => ({ code: v.code, value: v.value })) : [];
  const { rank, of, quartile } = rankAmong(la, entries, def.polarity);

  const regionCode = record?.regionCode ?? '';
  const regionValue = regionCode ? slice?.regions.get(regionCode) : undefined;
  const neighbours = (data.neighbours.get(la) ?? []).map((n) => ({ code: n.neighbourCode, name: nameOf(n.neighbourCode, n.neighbourName) }));
  const statisticalNeighbours = neighbourMean(neighbours, (code) => slice?.las.get(code)?.value);

  return {
    measure,
    year,
    unit: def.unit,
    polarity: def.polarity,
    la: { code: la, name: record?.name ?? own?.name ?? data.neighbours.get(la)?.[0]?.laName ?? la, value: own?.value ?? null },
    england: { value: slice?.national?.value ?? null },
    region: { code: regionCode, name: record?.regionName ?? regionValue?.name ?? '', value: regionValue?.value ?? null },
    statisticalNeighbours,
    rank,
    of,
    quartile,
  };
}
