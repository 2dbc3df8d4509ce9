/**
 * RAG ratings against targets, and direction of travel.
 *
 * Rules (Stockport / Kent scorecard practice, domain.md §5):
 * - higher is better: green when value ≥ target; amber when value ≥ target − tolerance; else red.
 * - lower is better:  green when value ≤ target; amber when value ≤ target + tolerance; else red.
 * - neutral (context measures), no value, or no target → null (not rated).
 * Exactly at the target is green; exactly at the tolerance edge is amber.
 *
 * Direction of travel compares this period with the previous one: 'improving' when the value
 * moved the good way, 'worsening' the bad way, 'no-change' when equal; null when either value is
 * missing or the KPI is neutral (a volume going up is neither better nor worse).
 *
 * Comparisons are made on values scaled to thousandths and rounded, so 46.4 − 0.1 is exactly
 * the edge 46.3 (no floating-point traps).
 */
import type { KpiPolarity, KpiUnit } from './catalogue.ts';

export type Rag = 'green' | 'amber' | 'red';
export type Direction = 'improving' | 'worsening' | 'no-change';

export interface KpiTarget {
  readonly target: number;
  /** How far short of target still counts as amber (same unit as the KPI; 0 = no amber band). */
  readonly tolerance: number;
}

/** Targets by KPI id. */
export type KpiTargets = Readonly<Record<string, KpiTarget | undefined>>;

const SCALE = 1000;
const scaled = (x: number) => Math.round(x * SCALE);

export function rag(
  value: number | null | undefined,
  polarity: KpiPolarity,
  target: number | null | undefined,
  tolerance = 0,
): Rag | null {
  if (value === null || value === undefined || target === null || target === undefined) return null;
  if (polarity === 'neutral' || !Number.isFinite(value) || !Number.isFinite(target)) return null;
  const v = scaled(value);
  const t = scaled(target);
  const tol = Math.abs(scaled(tolerance));
  // Distance short of target, in the bad direction (≤ 0 means target met).
  const shortfall = polarity === 'higher' ? t - v : v - t;
  if (shortfall <= 0) return 'green';
  if (shortfall <= tol) return 'amber';
  return 'red';
}

/** RAG for a KPI result against a targets table: null when the KPI has no target. */
export function ragFor(
  result: { readonly id: string; readonly value: number | null; readonly polarity: KpiPolarity },
  targets: KpiTargets,
): Rag | null {
  const t = targets[result.id];
  return t === undefined ? null : rag(result.value, result.polarity, t.target, t.tolerance);
}

export function direction(
  current: number | null | undefined,
  previous: number | null | undefined,
  polarity: KpiPolarity,
): Direction | null {
  if (current === null || current === undefined || previous === null || previous === undefined) return null;
  const diff = scaled(current) - scaled(previous);
  if (diff === 0) return 'no-change';
  if (polarity === 'neutral') return null;
  const better = polarity === 'higher' ? diff > 0 : diff < 0;
  return better ? 'improving' : 'worsening';
}

export const RAG_WORDS: Readonly<Record<Rag, string>> = {
  green: 'Meets target',
  amber: 'Close to target',
  red: 'Below target',
};

export const DIRECTION_WORDS: Readonly<Record<Direction, string>> = {
  improving: 'Improving',
  worsening: 'Worsening',
  'no-change': 'No change',
};

function formatAmount(x: number, unit: KpiUnit): string {
  const abs = Math.abs(x);
  const n = Number.isInteger(abs) ? String(abs) : abs.toFixed(1);
  switch (unit) {
    case 'percent':
      return `${n} percentage point${abs === 1 ? '' : 's'}`;
    case 'weeks':
      return `${n} week${abs === 1 ? '' : 's'}`;
    case 'days':
      return `${n} day${abs === 1 ? '' : 's'}`;
    default:
      return n;
  }
}

/**
 * Words for a change, for display beside the arrow: "Improving: up 3.2 percentage points",
 * "Worsening: up 2 weeks", "No change", "Up 12" (neutral), or "No previous figure".
 */
export function directionWords(
  current: number | null | undefined,
  previous: number | null | undefined,
  polarity: KpiPolarity,
  unit: KpiUnit,
): string {
  if (current === null || current === undefined || previous === null || previous === undefined) return 'No previous figure';
  const d = direction(current, previous, polarity);
  if (d === 'no-change') return DIRECTION_WORDS['no-change'];
  const delta = (scaled(current) - scaled(previous)) / SCALE;
  const movement = `${delta > 0 ? 'up' : 'down'} ${formatAmount(delta, unit)}`;
  if (d === null) return movement.charAt(0).toUpperCase() + movement.slice(1);
  return `${DIRECTION_WORDS[d]}: ${movement}`;
}
