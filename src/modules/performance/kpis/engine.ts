/**
 * The KPI engine: computes catalogue KPIs over `KpiCase`s.
 *
 * - `computeKpis(cases, ctx, ids?)` — every KPI (or those listed), facts derived once per call.
 * - `computeKpi(id, cases, ctx)` — one KPI.
 * - `computeBreakdowns(cases, ctx, by, ids?)` — the same for several KPIs, facts derived once.
 * - `computeBreakdown(id, cases, ctx, by)` — the KPI computed separately for each group of cases
 *   (team, setting, setting type, primary need, age band on asAt, cease reason). Enumerated
 *   dimensions list every category, even empty ones, in code-list order, then 'not-recorded';
 *   team and setting list the values seen, sorted, then 'not-recorded'.
 * - `monthlySeries(id, cases, months)` — each 'YYYY-MM' computed as the period [1st, last day]
 *   with asAt = the last day, for trend lines and month-end snapshots.
 *
 * Pure and synchronous: no clock, no I/O. Unknown KPI ids throw a RangeError (a programming error).
 */
import { monthBounds } from './arith.ts';
import { getKpi, KPIS, type BreakdownDimension, type KpiDefinition, type KpiPolarity, type KpiUnit, type KpiValue } from './catalogue.ts';
import { AGE_BANDS, deriveFacts, maskFacts, parseCases, toPeriod, type Facts } from './facts.ts';
import {
  CEASE_REASON_LABELS,
  CEASE_REASONS,
  NEED_CODES,
  NEED_LABELS,
  SETTING_TYPE_LABELS,
  SETTING_TYPES,
  type KpiCase,
  type KpiContext,
  type KpiExternals,
} from './types.ts';

export interface KpiResult extends KpiValue {
  readonly id: string;
  readonly name: string;
  readonly unit: KpiUnit;
  readonly polarity: KpiPolarity;
}

export interface BreakdownRow {
  /** Group key: a code ('ASD', 'mainstream', '2', '0-4'), a team or setting id, or 'not-recorded'. */
  readonly key: string;
  readonly label: string;
  readonly result: KpiResult;
}

export interface SeriesPoint {
  readonly month: string;
  readonly from: string;
  readonly to: string;
  readonly result: KpiResult;
}

export const NOT_RECORDED = 'not-recorded';

function kpiOrThrow(id: string): KpiDefinition {
  const def = getKpi(id);
  if (def === undefined) throw new RangeError(`unknown KPI id: ${id}`);
  return def;
}

function asResult(def: KpiDefinition, value: KpiValue): KpiResult {
  return { id: def.id, name: def.name, unit: def.unit, polarity: def.polarity, ...value };
}

export function computeKpis(cases: readonly KpiCase[], ctx: KpiContext, ids?: readonly string[]): KpiResult[] {
  const defs = ids === undefined ? KPIS : ids.map(kpiOrThrow);
  const p = toPeriod(ctx, cases.length);
  const all = { facts: deriveFacts(cases, p), rows: null };
  return defs.map((def) => asResult(def, def.evaluate(all, p)));
}

export function computeKpi(id: string, cases: readonly KpiCase[], ctx: KpiContext): KpiResult {
  const def = kpiOrThrow(id);
  const p = toPeriod(ctx, cases.length);
  return asResult(def, def.evaluate({ facts: deriveFacts(cases, p), rows: null }, p));
}

interface Dimension {
  readonly key: (F: Facts, i: number) => string | undefined;
  /** Fixed categories in display order, or undefined for observed values. */
  readonly categories?: readonly string[];
  readonly label: (key: string) => string;
  /** For observed values: a case's display label for its key (the key itself when absent). */
  readonly labelOf?: (F: Facts, i: number) => string | undefined;
}

const caseAt = (F: Facts, i: number): KpiCase => F.cases[i] as KpiCase;

const DIMENSIONS: Readonly<Record<BreakdownDimension, Dimension>> = {
  team: { key: (F, i) => caseAt(F, i).team, label: (k) => k },
  setting: { key: (F, i) => caseAt(F, i).settingId, label: (k) => k, labelOf: (F, i) => caseAt(F, i).settingName },
  settingType: {
    key: (F, i) => caseAt(F, i).settingType,
    categories: SETTING_TYPES,
    label: (k) => SETTING_TYPE_LABELS[k as keyof typeof SETTING_TYPE_LABELS],
  },
  primaryNeed: {
    key: (F, i) => caseAt(F, i).primaryNeed,
    categories: NEED_CODES,
    label: (k) => NEED_LABELS[k as keyof typeof NEED_LABELS],
  },
  ageBand: {
    key: (F, i) => AGE_BANDS[F.ageBand[i] ?? -1],
    categories: AGE_BANDS,
    label: (k) => `Age ${k.replace('-', ' to ')}`,
  },
  ceaseReason: {
    key: (F, i) => (F.ceaseReason[i] ? String(F.ceaseReason[i]) : undefined),
    categories: CEASE_REASONS.map(String),
    label: (k) => CEASE_REASON_LABELS[Number(k) as keyof typeof CEASE_REASON_LABELS],
  },
};

export function computeBreakdown(
  id: string,
  cases: readonly KpiCase[],
  ctx: KpiContext,
  by: BreakdownDimension,
): BreakdownRow[] {
  return computeBreakdowns(cases, ctx, by, [id]).get(id) as BreakdownRow[];
}

/** Several KPIs (default every one) broken down the same way, facts derived once: id → rows. */
export function computeBreakdowns(
  cases: readonly KpiCase[],
  ctx: KpiContext,
  by: BreakdownDimension,
  ids?: readonly string[],
): Map<string, BreakdownRow[]> {
  const defs = ids === undefined ? KPIS : ids.map(kpiOrThrow);
  const dim = DIMENSIONS[by];
  const p = toPeriod(ctx, cases.length);
  const facts = deriveFacts(cases, p);
  const groups = new Map<string, number[]>();
  for (const c of dim.categories ?? []) groups.set(c, []);
  const unrecorded: number[] = [];
  const labels = new Map<string, string>();
  for (let i = 0; i < facts.n; i++) {
    const key = dim.key(facts, i);
    if (key === undefined || key === '') {
      unrecorded.push(i);
      continue;
    }
    let group = groups.get(key);
    if (group === undefined) {
      // A value outside a fixed code list is treated as not recorded.
      if (dim.categories !== undefined) {
        unrecorded.push(i);
        continue;
      }
      group = [];
      groups.set(key, group);
    }
    if (dim.labelOf && !labels.has(key)) {
      const l = dim.labelOf(facts, i);
      if (l) labels.set(key, l);
    }
    group.push(i);
  }
  const labelFor = (key: string) => labels.get(key) ?? dim.label(key);
  // Observed values are listed by their label (a setting's name, not its URN), then key.
  const keys = dim.categories ?? [...groups.keys()].sort((a, b) => labelFor(a).localeCompare(labelFor(b), 'en-GB') || a.localeCompare(b, 'en-GB'));
  const rowSets = keys.map((key) => ({ key, label: labelFor(key), rows: Int32Array.from(groups.get(key) ?? []) }));
  if (unrecorded.length > 0) rowSets.push({ key: NOT_RECORDED, label: 'Not recorded', rows: Int32Array.from(unrecorded) });
  return new Map(defs.map((def) => [def.id, rowSets.map((g) => ({ key: g.key, label: g.label, result: asResult(def, def.evaluate({ facts, rows: g.rows }, p)) }))]));
}

export function monthlySeries(
  id: string,
  cases: readonly KpiCase[],
  months: readonly string[],
  externals?: KpiExternals,
): SeriesPoint[] {
  const def = kpiOrThrow(id);
  const parsed = parseCases(cases);
  return months.map((month) => {
    const { from, to } = monthBounds(month);
    const ctx: KpiContext = { from, to, asAt: to, ...(externals === undefined ? {} : { externals }) };
    const p = toPeriod(ctx, cases.length);
    return { month, from, to, result: asResult(def, def.evaluate({ facts: maskFacts(parsed, p), rows: null }, p)) };
  });
}

/** Every KPI id, in catalogue order. */
export function kpiIds(): string[] {
  return KPIS.map((k) => k.id);
}
