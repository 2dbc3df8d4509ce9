/**
 * Risk scoring: likelihood × impact, each 1–5 (domain.md §6.2), banded per area.
 *
 * Bands are inclusive score ranges. A valid band set must give every ACHIEVABLE score (the
 * products of 1..5 × 1..5: 1,2,3,4,5,6,8,9,10,12,15,16,20,25) exactly one band. Gaps that hold no
 * achievable score are fine (the default 5–12 / 15–25 skips 13–14), which is what "contiguous"
 * means here. A band that holds no achievable score is an error (it could never be used).
 */
import { z } from 'zod';
import { toPlainDate, type DateLike } from './dates.ts';

export type RiskLevel = 1 | 2 | 3 | 4 | 5;

export const LIKELIHOOD_LABELS: Record<RiskLevel, string> = {
  1: 'Rare',
  2: 'Unlikely',
  3: 'Possible',
  4: 'Likely',
  5: 'Almost certain',
};
export const IMPACT_LABELS: Record<RiskLevel, string> = {
  1: 'Insignificant',
  2: 'Minor',
  3: 'Moderate',
  4: 'Major',
  5: 'Severe',
};

export interface RiskBand {
  /** Machine name, e.g. 'low'. */
  name: string;
  /** Display label, e.g. 'Low'. Defaults to the name. */
  label?: string;
  min: number;
  max: number;
}

export const DEFAULT_RISK_BANDS: readonly RiskBand[] = Object.freeze([
  { name: 'low', label: 'Low', min: 1, max: 4 },
  { name: 'medium', label: 'Medium', min: 5, max: 12 },
  { name: 'high', label: 'High', min: 15, max: 25 },
]);

/** Every score a 5×5 matrix can produce, ascending. */
export const ACHIEVABLE_SCORES: readonly number[] = [
  ...new Set(Array.from({ length: 25 }, (_, k) => (Math.floor(k / 5) + 1) * ((k % 5) + 1))),
].sort((a, b) => a - b);

const bandSchema = z.object({
  name: z.string().trim().min(1, 'band name is required'),
  label: z.string().trim().min(1).optional(),
  min: z.number().int('min must be a whole number'),
  max: z.number().int('max must be a whole number'),
});
const bandsSchema = z.array(bandSchema).min(1, 'at least one band is required');

export type BandValidation = { ok: true; bands: RiskBand[] } | { ok: false; errors: string[] };

/** Validate an area's band configuration; returns the bands sorted by min, or every error found. */
export function validateRiskBands(input: unknown): BandValidation {
  const parsed = bandsSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => (issue.path.length ? `bands.${issue.path.join('.')}: ${issue.message}` : issue.message)),
    };
  }
  const errors: string[] = [];
  const bands = parsed.data.map((b) => ({ ...b })).sort((a, b) => a.min - b.min || a.max - b.max);
  const names = new Set<string>();
  for (const b of bands) {
    const key = b.name.toLowerCase();
    if (names.has(key)) errors.push(`Band name "${b.name}" is used twice`);
    names.add(key);
    if (b.min > b.max) errors.push(`Band "${b.name}": min ${b.min} is greater than max ${b.max}`);
    if (b.min < 1 || b.max > 25) errors.push(`Band "${b.name}" (${b.min}–${b.max}) must lie within 1–25`);
    if (b.min <= b.max && !ACHIEVABLE_SCORES.some((s) => s >= b.min && s <= b.max)) {
      errors.push(`Band "${b.name}" (${b.min}–${b.max}) contains no achievable score`);
    }
  }
  for (let i = 1; i < bands.length; i++) {
    const prev = bands[i - 1]!;
    const cur = bands[i]!;
    if (cur.min <= prev.max) {
      errors.push(`Bands "${prev.name}" (${prev.min}–${prev.max}) and "${cur.name}" (${cur.min}–${cur.max}) overlap`);
    }
  }
  const uncovered = ACHIEVABLE_SCORES.filter((s) => !bands.some((b) => s >= b.min && s <= b.max));
  if (uncovered.length) errors.push(`No band covers the achievable score${uncovered.length > 1 ? 's' : ''} ${uncovered.join(', ')}`);
  return errors.length ? { ok: false, errors } : { ok: true, bands };
}

function assertLevel(value: number, what: string): asserts value is RiskLevel {
  if (!Number.isInteger(value) || value < 1 || value > 5) throw new RangeError(`${what} must be a whole number from 1 to 5, got ${value}`);
}

export interface RiskScore {
  likelihood: RiskLevel;
  impact: RiskLevel;
  score: number;
  band: string;
}

export function bandFor(score: number, bands: readonly RiskBand[] = DEFAULT_RISK_BANDS): RiskBand {
  const band = bands.find((b) => score >= b.min && score <= b.max);
  if (!band) throw new RangeError(`No risk band covers score ${score}; validate the bands with validateRiskBands`);
  return band;
}

export function scoreRisk(likelihood: number, impact: number, bands: readonly RiskBand[] = DEFAULT_RISK_BANDS): RiskScore {
  assertLevel(likelihood, 'likelihood');
  assertLevel(impact, 'impact');
  const score = likelihood * impact;
  return { likelihood, impact, score, band: bandFor(score, bands).name };
}

export const ASSESSMENT_KINDS = ['inherent', 'residual', 'target'] as const;
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];

export interface LikelihoodImpact {
  likelihood: number;
  impact: number;
}

export interface RiskAssessments {
  /** Gross, before controls. */
  inherent?: LikelihoodImpact | null;
  /** Net / current, with existing controls. */
  residual?: LikelihoodImpact | null;
  /** After planned further actions. */
  target?: LikelihoodImpact | null;
}

export interface ScoredAssessments {
  inherent: RiskScore | null;
  residual: RiskScore | null;
  target: RiskScore | null;
  /** Advisory, not errors: controls should not raise a risk, nor a target exceed the current score. */
  warnings: string[];
}

export function scoreAssessments(risk: RiskAssessments, bands: readonly RiskBand[] = DEFAULT_RISK_BANDS): ScoredAssessments {
  const score = (a: LikelihoodImpact | null | undefined) => (a ? scoreRisk(a.likelihood, a.impact, bands) : null);
  const inherent = score(risk.inherent);
  const residual = score(risk.residual);
  const target = score(risk.target);
  const warnings: string[] = [];
  if (inherent && residual && residual.score > inherent.score) {
    warnings.push(`Residual score ${residual.score} is higher than the inherent score ${inherent.score}`);
  }
  if (residual && target && target.score > residual.score) {
    warnings.push(`Target score ${target.score} is higher than the residual score ${residual.score}`);
  }
  return { inherent, residual, target, warnings };
}

export type DirectionOfTravel = 'improved' | 'worsened' | 'same';

/** Compare two scores of the same risk over time: a lower score is an improvement. */
export function directionOfTravel(previousScore: number, currentScore: number): DirectionOfTravel {
  return currentScore < previousScore ? 'improved' : currentScore > previousScore ? 'worsened' : 'same';
}

/**
 * A review is overdue when today is after the next review date (due on the day itself is not
 * overdue). A risk with no next review date counts as overdue, so it surfaces for scheduling.
 */
export function isReviewOverdue(nextReviewOn: DateLike | null | undefined, today: DateLike): boolean {
  const t = toPlainDate(today, 'today');
  if (nextReviewOn == null) return true;
  return Temporal.PlainDate.compare(toPlainDate(nextReviewOn, 'nextReviewOn'), t) < 0;
}

// Heat map ---------------------------------------------------------------------------------------

export interface HeatMapRisk extends RiskAssessments {
  id: string;
}

export interface HeatMapCell {
  likelihood: RiskLevel;
  impact: RiskLevel;
  score: number;
  band: string;
  count: number;
  riskIds: string[];
}

export interface HeatMap {
  kind: AssessmentKind;
  /** Display order: likelihood 5 (top row) down to 1; each row has impact 1..5 left to right. */
  rows: HeatMapCell[][];
  /** Risks placed on the map. */
  total: number;
  /** Risks with no assessment of this kind. */
  unassessed: string[];
}

export function buildHeatMap(
  risks: readonly HeatMapRisk[],
  kind: AssessmentKind,
  bands: readonly RiskBand[] = DEFAULT_RISK_BANDS,
): HeatMap {
  const rows: HeatMapCell[][] = [];
  for (let l = 5; l >= 1; l--) {
    const row: HeatMapCell[] = [];
    for (let i = 1; i <= 5; i++) {
      const s = scoreRisk(l, i, bands);
      row.push({ likelihood: s.likelihood, impact: s.impact, score: s.score, band: s.band, count: 0, riskIds: [] });
    }
    rows.push(row);
  }
  const unassessed: string[] = [];
  let total = 0;
  for (const risk of risks) {
    const a = risk[kind];
    if (!a) {
      unassessed.push(risk.id);
      continue;
    }
    assertLevel(a.likelihood, `${kind} likelihood of risk ${risk.id}`);
    assertLevel(a.impact, `${kind} impact of risk ${risk.id}`);
    const cell = rows[5 - a.likelihood]![a.impact - 1]!;
    cell.count++;
    cell.riskIds.push(risk.id);
    total++;
  }
  return { kind, rows, total, unassessed };
}

/** Count for a (likelihood, impact) cell of a heat map. */
export function heatMapCount(map: HeatMap, likelihood: number, impact: number): number {
  assertLevel(likelihood, 'likelihood');
  assertLevel(impact, 'impact');
  return map.rows[5 - likelihood]![impact - 1]!.count;
}
