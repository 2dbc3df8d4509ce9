// The self-evaluation grid as pages and board papers show it: framework sections and criteria as rows,
// months as columns, each rating as a word and a colour; reds in the latest month and changes since
// the previous column listed. Built on frameworks.ts `selfEvaluationGrid`.
import {
  findCriterion, frameworkCriteria, selfEvaluationGrid, FRAMEWORKS, RAG_VALUES,
  type Framework, type Rag, type SelfEvaluationRating,
} from '../frameworks.ts';
import { field } from '../../../platform/forms/forms.ts';
import { MONTH_NAMES } from '../../../platform/time/format.ts';
import type { FieldError } from '../../../platform/http/errors.ts';

export const RAG_LABELS: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green' };
export const RAG_TAG: Record<Rag, string> = { red: 'red', amber: 'yellow', green: 'green' };
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(s: string): boolean {
  return MONTH.test(s);
}

/** '2026-03' → 'March 2026'; short: 'Mar 2026'. */
export function monthLabel(month: string, short = false): string {
  const m = MONTH.exec(month);
  if (!m) return month;
  const name = MONTH_NAMES[Number(m[2]) - 1]!;
  return `${short ? name.slice(0, 3) : name} ${m[1]}`;
}

export function monthOf(date: Temporal.PlainDate): string {
  return date.toPlainYearMonth().toString();
}

export function addMonths(month: string, n: number): string {
  return Temporal.PlainYearMonth.from(month).add({ months: n }).toString();
}

export function findFramework(id: string): Framework | undefined {
  return FRAMEWORKS.find((f) => f.id === id);
}

/** The grid's columns: the months that have ratings, up to and including `upTo`, the last `count` of them. */
export function gridMonths(ratedMonths: readonly string[], upTo: string, count = 12): string[] {
  return [...new Set(ratedMonths)].filter((m) => m <= upTo).sort().slice(-count);
}

export interface GridCellView { month: string; rag: Rag | null; label: string; tag: string | null; narrative: string | null }
export interface GridRowView { criterionId: string; label: string; text: string; cells: GridCellView[] }
export interface GridSectionView { id: string; title: string; rows: GridRowView[] }
export interface SelfEvalGridView {
  frameworkId: string;
  frameworkName: string;
  ragKey: Array<{ rag: Rag; label: string; tag: string; meaning: string }>;
  months: Array<{ month: string; label: string; short: string }>;
  latestMonth: string | null;
  latestLabel: string | null;
  previousLabel: string | null;
  sections: GridSectionView[];
  reds: Array<{ criterionId: string; label: string; text: string; narrative: string | null }>;
  changes: Array<{ criterionId: string; label: string; text: string; from: string; to: string; direction: 'improved' | 'worsened'; narrative: string | null }>;
  counts: Array<{ rag: Rag; label: string; tag: string; count: number }>;
  unrated: number;
}

export function gridView(framework: Framework, ratings: readonly SelfEvaluationRating[], months: readonly string[]): SelfEvalGridView {
  const ids = frameworkCriteria(framework).map((c) => c.id);
  const grid = selfEvaluationGrid(ratings.filter((r) => ids.includes(r.criterionId)), months, { criteria: ids });
  const rowById = new Map(grid.rows.map((r) => [r.criterionId, r]));
  const crit = (id: string) => findCriterion(framework, id)!;
  const latestCells = grid.rows.map((r) => r.cells.at(-1)?.rag ?? null);
  return {
    frameworkId: framework.id,
    frameworkName: framework.name,
    ragKey: RAG_VALUES.map((rag) => ({ rag, label: RAG_LABELS[rag], tag: RAG_TAG[rag], meaning: framework.ragKey[rag] ?? '' })),
    months: grid.months.map((m) => ({ month: m, label: monthLabel(m), short: monthLabel(m, true) })),
    latestMonth: grid.latestMonth,
    latestLabel: grid.latestMonth ? monthLabel(grid.latestMonth) : null,
    previousLabel: grid.previousMonth ? monthLabel(grid.previousMonth) : null,
    sections: framework.sections.map((s) => ({
      id: s.id, title: s.title,
      rows: s.criteria.map((c) => ({
        criterionId: c.id, label: c.paperLabel, text: c.text,
        cells: rowById.get(c.id)!.cells.map((cell) => ({ month: cell.month, rag: cell.rag, label: cell.rag ? RAG_LABELS[cell.rag] : 'Not rated', tag: cell.rag ? RAG_TAG[cell.rag] : null, narrative: cell.narrative })),
      })),
    })),
    reds: grid.reds.map((r) => ({ criterionId: r.criterionId, label: crit(r.criterionId).paperLabel, text: crit(r.criterionId).text, narrative: r.narrative })),
    changes: grid.changes.map((c) => ({ criterionId: c.criterionId, label: crit(c.criterionId).paperLabel, text: crit(c.criterionId).text, from: RAG_LABELS[c.from], to: RAG_LABELS[c.to], direction: c.direction, narrative: c.narrative })),
    counts: RAG_VALUES.map((rag) => ({ rag, label: RAG_LABELS[rag], tag: RAG_TAG[rag], count: latestCells.filter((x) => x === rag).length })),
    unrated: grid.latestMonth ? grid.unratedInLatest.length : 0,
  };
}

export interface MonthRatingInput { criterionId: string; rag: Rag; narrative: string | null; evidence: string | null }

/**
 * Reads the record-a-month form: `rag-<id>`, `narrative-<id>`, `evidence-<id>` per criterion.
 * A criterion left unrated is skipped; a narrative without a rating is an error.
 */
export function readMonthForm(framework: Framework, body: unknown, month: string, currentMonth: string): { ratings: MonthRatingInput[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (!isMonth(month)) errors.push({ field: 'month', message: 'Enter the month as a year and month, like 2026-03' });
  else if (month > currentMonth) errors.push({ field: 'month', message: 'The month cannot be in the future' });
  const ratings: MonthRatingInput[] = [];
  for (const c of frameworkCriteria(framework)) {
    const rag = field(body, `rag-${c.id}`);
    const narrative = field(body, `narrative-${c.id}`);
    const evidence = field(body, `evidence-${c.id}`);
    if (!rag) {
      if (narrative || evidence) errors.push({ field: `rag-${c.id}`, message: `Select a rating for ${c.paperLabel}, or remove its narrative and evidence` });
      continue;
    }
    if (!(RAG_VALUES as readonly string[]).includes(rag)) { errors.push({ field: `rag-${c.id}`, message: `The rating for ${c.paperLabel} must be red, amber or green` }); continue; }
    if (narrative.length > 4000) errors.push({ field: `narrative-${c.id}`, message: `The narrative for ${c.paperLabel} must be 4,000 characters or fewer` });
    if (evidence.length > 2000) errors.push({ field: `evidence-${c.id}`, message: `The evidence for ${c.paperLabel} must be 2,000 characters or fewer` });
    ratings.push({ criterionId: c.id, rag: rag as Rag, narrative: narrative || null, evidence: evidence || null });
  }
  if (ratings.length === 0 && errors.length === 0) errors.push({ field: `rag-${frameworkCriteria(framework)[0]!.id}`, message: 'Rate at least one criterion' });
  return { ratings, errors };
}
