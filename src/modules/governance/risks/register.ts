// The risk register's rules that need no database: reading and checking the risk form, and the view
// models the pages and board papers share (a risk's row, the heat map grid with words and colours).
import {
  bandFor, buildHeatMap, directionOfTravel, isReviewOverdue, scoreRisk, IMPACT_LABELS, LIKELIHOOD_LABELS,
  type AssessmentKind, type DirectionOfTravel, type HeatMapRisk, type RiskBand, type RiskLevel, type RiskScore,
} from '../risk.ts';
import { field } from '../../../platform/forms/forms.ts';
import type { FieldError } from '../../../platform/http/errors.ts';

export const RISK_CATEGORIES = {
  strategic: 'Strategic',
  financial: 'Financial',
  'legal-regulatory': 'Legal and regulatory',
  reputational: 'Reputational',
  operational: 'Operational and service delivery',
  people: 'People and workforce',
  partnership: 'Partnership',
  safeguarding: 'Safeguarding',
} as const;
export type RiskCategory = keyof typeof RISK_CATEGORIES;

export const TREATMENTS = { treat: 'Treat', tolerate: 'Tolerate', transfer: 'Transfer', terminate: 'Terminate' } as const;
export type Treatment = keyof typeof TREATMENTS;

export const EFFECTIVENESS = { effective: 'Effective', 'partly-effective': 'Partly effective', 'not-effective': 'Not effective' } as const;

export const LEVELS: readonly RiskLevel[] = [1, 2, 3, 4, 5];

export interface LI { likelihood: number; impact: number }

export interface RiskInput {
  reference: string;
  title: string;
  cause: string;
  consequence: string;
  owner: string;
  category: string;
  linkedPriorities: string[];
  treatment: string;
  raisedOn: string | null;
  nextReviewOn: string | null;
  inherent: LI | null;
  residual: LI | null;
  target: LI | null;
}

/** A form's 1–5 level, or NaN when it is not one (so validation can say so). */
function level(body: unknown, name: string): number | null {
  const v = field(body, name);
  if (v === '') return null;
  return /^\d+$/.test(v) ? Number(v) : Number.NaN;
}

/** A GOV.UK date input (name-day/-month/-year) or one ISO field, as 'YYYY-MM-DD' (unchecked), or null when blank. */
export function dateValue(body: unknown, name: string): string | null {
  const iso = field(body, name);
  if (iso) return iso;
  const d = field(body, `${name}-day`), m = field(body, `${name}-month`), y = field(body, `${name}-year`);
  if (!d && !m && !y) return null;
  return `${y.padStart(4, '0')}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

function pair(body: unknown, kind: AssessmentKind): LI | null {
  const l = level(body, `${kind}Likelihood`);
  const i = level(body, `${kind}Impact`);
  if (l === null && i === null) return null;
  return { likelihood: l ?? Number.NaN, impact: i ?? Number.NaN };
}

export function splitReferences(text: string): string[] {
  return [...new Set(text.split(/[,;\n]/).map((s) => s.trim()).filter(Boolean))];
}

export function readRiskForm(body: unknown): RiskInput {
  return {
    reference: field(body, 'reference'),
    title: field(body, 'title'),
    cause: field(body, 'cause'),
    consequence: field(body, 'consequence'),
    owner: field(body, 'owner'),
    category: field(body, 'category') || 'strategic',
    linkedPriorities: splitReferences(field(body, 'linkedPriorities')),
    treatment: field(body, 'treatment') || 'treat',
    raisedOn: dateValue(body, 'raisedOn'),
    nextReviewOn: dateValue(body, 'nextReviewOn'),
    inherent: pair(body, 'inherent'),
    residual: pair(body, 'residual'),
    target: pair(body, 'target'),
  };
}

export function parseDate(value: string | null): Temporal.PlainDate | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  try { return Temporal.PlainDate.from(value, { overflow: 'reject' }); } catch { return null; }
}

const KIND_WORDS: Record<AssessmentKind, string> = { inherent: 'inherent (before controls)', residual: 'residual (with controls)', target: 'target' };

/** Errors in one likelihood × impact pair; `required` when the kind must be given. */
export function scoreErrors(kind: AssessmentKind, li: LI | null, required: boolean): FieldError[] {
  if (!li) return required ? [{ field: `${kind}Likelihood`, message: `Select the ${KIND_WORDS[kind]} likelihood and impact` }] : [];
  const errors: FieldError[] = [];
  for (const part of ['likelihood', 'impact'] as const) {
    const v = li[part];
    if (!Number.isInteger(v) || v < 1 || v > 5) {
      errors.push({ field: `${kind}${part === 'likelihood' ? 'Likelihood' : 'Impact'}`, message: `The ${KIND_WORDS[kind]} ${part} must be a whole number from 1 to 5` });
    }
  }
  return errors;
}

/** Every problem with a new or edited risk; `reviewedOn` is checked too when a review is recorded. */
export function validateRisk(input: RiskInput, opts: { requireScores: boolean }): FieldError[] {
  const errors: FieldError[] = [];
  if (!input.reference) errors.push({ field: 'reference', message: 'Enter a reference for the risk, like R1' });
  else if (input.reference.length > 30 || !/^[A-Za-z0-9][A-Za-z0-9 ./_-]*$/.test(input.reference)) errors.push({ field: 'reference', message: 'Reference must be up to 30 letters, numbers, spaces, dots, slashes, hyphens or underscores' });
  if (!input.title) errors.push({ field: 'title', message: 'Enter a title for the risk' });
  else if (input.title.length > 300) errors.push({ field: 'title', message: 'Title must be 300 characters or fewer' });
  for (const [f, v] of [['cause', input.cause], ['consequence', input.consequence]] as const) {
    if (v.length > 4000) errors.push({ field: f, message: `The ${f} must be 4,000 characters or fewer` });
  }
  if (input.owner.length > 200) errors.push({ field: 'owner', message: 'Owner must be 200 characters or fewer' });
  if (!(input.category in RISK_CATEGORIES)) errors.push({ field: 'category', message: 'Select a category' });
  if (!(input.treatment in TREATMENTS)) errors.push({ field: 'treatment', message: 'Select how the risk is treated: treat, tolerate, transfer or terminate' });
  if (input.linkedPriorities.some((p) => p.length > 30)) errors.push({ field: 'linkedPriorities', message: 'Each linked priority reference must be 30 characters or fewer' });
  const raised = parseDate(input.raisedOn);
  if (!input.raisedOn) errors.push({ field: 'raisedOn', message: 'Enter the date the risk was raised' });
  else if (!raised) errors.push({ field: 'raisedOn', message: 'The date the risk was raised must be a real date' });
  const next = parseDate(input.nextReviewOn);
  if (input.nextReviewOn && !next) errors.push({ field: 'nextReviewOn', message: 'The next review date must be a real date' });
  if (raised && next && Temporal.PlainDate.compare(next, raised) < 0) {
    errors.push({ field: 'nextReviewOn', message: 'The next review date must be on or after the date the risk was raised' });
  }
  if (opts.requireScores) {
    errors.push(...scoreErrors('inherent', input.inherent, true), ...scoreErrors('residual', input.residual, true), ...scoreErrors('target', input.target, false));
  }
  return errors;
}

export interface ReviewInput {
  reviewedOn: string | null;
  nextReviewOn: string | null;
  inherent: LI | null;
  residual: LI | null;
  target: LI | null;
  note: string;
}

export function readReviewForm(body: unknown): ReviewInput {
  return {
    reviewedOn: dateValue(body, 'reviewedOn'),
    nextReviewOn: dateValue(body, 'nextReviewOn'),
    inherent: pair(body, 'inherent'),
    residual: pair(body, 'residual'),
    target: pair(body, 'target'),
    note: field(body, 'note'),
  };
}

/** A review (a reassessment): the residual score is required, the others optional; dates not before the risk was raised. */
export function validateReview(input: ReviewInput, raisedOn: string): FieldError[] {
  const errors: FieldError[] = [];
  const raised = parseDate(raisedOn)!;
  const reviewed = parseDate(input.reviewedOn);
  if (!input.reviewedOn) errors.push({ field: 'reviewedOn', message: 'Enter the date of the review' });
  else if (!reviewed) errors.push({ field: 'reviewedOn', message: 'The review date must be a real date' });
  else if (Temporal.PlainDate.compare(reviewed, raised) < 0) errors.push({ field: 'reviewedOn', message: 'The review date must be on or after the date the risk was raised' });
  const next = parseDate(input.nextReviewOn);
  if (input.nextReviewOn && !next) errors.push({ field: 'nextReviewOn', message: 'The next review date must be a real date' });
  else if (next && Temporal.PlainDate.compare(next, raised) < 0) errors.push({ field: 'nextReviewOn', message: 'The next review date must be on or after the date the risk was raised' });
  else if (next && reviewed && Temporal.PlainDate.compare(next, reviewed) < 0) errors.push({ field: 'nextReviewOn', message: 'The next review date must be on or after the review date' });
  errors.push(...scoreErrors('residual', input.residual, true), ...scoreErrors('inherent', input.inherent, false), ...scoreErrors('target', input.target, false));
  if (input.note.length > 4000) errors.push({ field: 'note', message: 'The note must be 4,000 characters or fewer' });
  return errors;
}

// --- View models ---------------------------------------------------------------------------------

export type TagColour = 'green' | 'yellow' | 'orange' | 'red' | 'grey';

/** A band's display colour by its rank among the area's bands: lowest green, highest red. Always shown with its word. */
export function bandColour(bands: readonly RiskBand[], bandName: string): TagColour {
  const sorted = [...bands].sort((a, b) => a.min - b.min);
  const i = sorted.findIndex((b) => b.name === bandName);
  if (i < 0) return 'grey';
  const n = sorted.length;
  if (n === 1) return 'yellow';
  const palette: TagColour[] = n === 2 ? ['green', 'red'] : n === 3 ? ['green', 'yellow', 'red'] : ['green', 'yellow', 'orange', 'red'];
  return palette[Math.min(palette.length - 1, Math.round((i * (palette.length - 1)) / (n - 1)))]!;
}

export function bandLabel(bands: readonly RiskBand[], bandName: string): string {
  const b = bands.find((x) => x.name === bandName);
  return b?.label ?? b?.name ?? bandName;
}

export interface ScoreView { likelihood: number; impact: number; score: number; band: string; bandLabel: string; colour: TagColour; text: string }

export function scoreView(li: LI | null, bands: readonly RiskBand[]): ScoreView | null {
  if (!li) return null;
  const s: RiskScore = scoreRisk(li.likelihood, li.impact, bands);
  const label = bandLabel(bands, s.band);
  return { likelihood: s.likelihood, impact: s.impact, score: s.score, band: s.band, bandLabel: label, colour: bandColour(bands, s.band), text: `${s.score} ${label} (L${s.likelihood} × I${s.impact})` };
}

export interface RiskRowData {
  id: string;
  reference: string;
  title: string;
  cause: string;
  consequence: string;
  owner: string;
  category: string;
  linked_priorities: string[];
  treatment: string;
  status: string;
  raised_on: string;
  last_reviewed_on: string | null;
  next_review_on: string | null;
  inherent_likelihood: number | null; inherent_impact: number | null;
  residual_likelihood: number | null; residual_impact: number | null;
  target_likelihood: number | null; target_impact: number | null;
}

export interface RiskView {
  id: string;
  reference: string;
  title: string;
  cause: string;
  consequence: string;
  owner: string;
  category: string;
  categoryLabel: string;
  linkedPriorities: string[];
  treatment: string;
  treatmentLabel: string;
  status: string;
  raisedOn: string;
  lastReviewedOn: string | null;
  nextReviewOn: string | null;
  reviewOverdue: boolean;
  inherent: ScoreView | null;
  residual: ScoreView | null;
  target: ScoreView | null;
  /** Residual direction of travel against the previous residual assessment, if any. */
  direction: DirectionOfTravel | null;
  directionLabel: string;
}

const liOf = (l: number | null, i: number | null): LI | null => (l != null && i != null ? { likelihood: l, impact: i } : null);

export function riskView(row: RiskRowData, bands: readonly RiskBand[], today: Temporal.PlainDate, previousResidualScore?: number | null): RiskView {
  const residual = scoreView(liOf(row.residual_likelihood, row.residual_impact), bands);
  const direction = residual && previousResidualScore != null ? directionOfTravel(previousResidualScore, residual.score) : null;
  return {
    id: row.id, reference: row.reference, title: row.title, cause: row.cause, consequence: row.consequence, owner: row.owner,
    category: row.category, categoryLabel: RISK_CATEGORIES[row.category as RiskCategory] ?? row.category,
    linkedPriorities: row.linked_priorities, treatment: row.treatment, treatmentLabel: TREATMENTS[row.treatment as Treatment] ?? row.treatment,
    status: row.status, raisedOn: row.raised_on, lastReviewedOn: row.last_reviewed_on, nextReviewOn: row.next_review_on,
    reviewOverdue: row.status === 'open' && isReviewOverdue(row.next_review_on, today),
    inherent: scoreView(liOf(row.inherent_likelihood, row.inherent_impact), bands),
    residual,
    target: scoreView(liOf(row.target_likelihood, row.target_impact), bands),
    direction,
    directionLabel: direction === 'improved' ? 'Improved' : direction === 'worsened' ? 'Worsened' : direction === 'same' ? 'No change' : 'New',
  };
}

/** Highest residual score first, then reference. */
export function sortByResidual(risks: RiskView[]): RiskView[] {
  return [...risks].sort((a, b) => (b.residual?.score ?? 0) - (a.residual?.score ?? 0) || a.reference.localeCompare(b.reference, 'en', { numeric: true }));
}

export interface HeatCellView { likelihood: number; impact: number; score: number; band: string; bandLabel: string; colour: TagColour; count: number; references: string[]; text: string }
export interface HeatMapView {
  kind: AssessmentKind;
  impactHeadings: Array<{ level: number; label: string }>;
  rows: Array<{ likelihood: number; label: string; cells: HeatCellView[] }>;
  total: number;
  unassessed: string[];
}

/** The 5×5 grid as a table: likelihood 5 at the top, impact 1–5 left to right; each cell has its count and band word. */
export function heatMapView(risks: readonly RiskView[], kind: AssessmentKind, bands: readonly RiskBand[]): HeatMapView {
  const input: HeatMapRisk[] = risks.map((r) => ({ id: r.id, [kind]: r[kind] ? { likelihood: r[kind].likelihood, impact: r[kind].impact } : null }));
  const map = buildHeatMap(input, kind, bands);
  const refById = new Map(risks.map((r) => [r.id, r.reference]));
  return {
    kind,
    impactHeadings: LEVELS.map((l) => ({ level: l, label: IMPACT_LABELS[l] })),
    rows: map.rows.map((row) => ({
      likelihood: row[0]!.likelihood,
      label: LIKELIHOOD_LABELS[row[0]!.likelihood],
      cells: row.map((c) => {
        const label = bandLabel(bands, c.band);
        return {
          likelihood: c.likelihood, impact: c.impact, score: c.score, band: c.band, bandLabel: label, colour: bandColour(bands, c.band), count: c.count,
          references: c.riskIds.map((id) => refById.get(id) ?? id),
          text: `${c.count} ${c.count === 1 ? 'risk' : 'risks'}, ${label} (score ${c.score})`,
        };
      }),
    })),
    total: map.total,
    unassessed: map.unassessed.map((id) => refById.get(id) ?? id),
  };
}

/** Counts of open risks per residual band, lowest band first. */
export function bandCounts(risks: readonly RiskView[], bands: readonly RiskBand[]): Array<{ band: string; label: string; colour: TagColour; count: number }> {
  return [...bands].sort((a, b) => a.min - b.min).map((b) => ({
    band: b.name, label: b.label ?? b.name, colour: bandColour(bands, b.name),
    count: risks.filter((r) => r.residual && bandFor(r.residual.score, bands).name === b.name).length,
  }));
}

/** The settings form's band rows → the shape validateRiskBands takes (blank rows ignored). */
export function readBandsForm(body: unknown, rows = 5): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < rows; i++) {
    const name = field(body, `band${i}Name`), label = field(body, `band${i}Label`), min = field(body, `band${i}Min`), max = field(body, `band${i}Max`);
    if (!name && !label && !min && !max) continue;
    const num = (s: string) => (/^-?\d+$/.test(s) ? Number(s) : s === '' ? Number.NaN : Number(s));
    out.push({ name: name || label.toLowerCase(), ...(label ? { label } : {}), min: num(min), max: num(max) });
  }
  return out;
}
