// Self-evaluations: an area rates each criterion of an inspection framework red, amber or green each
// month, with narrative and evidence. Reads take an executor; changes run in one audited transaction.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db-types.ts';
import { withArea, type Executor } from '../../../platform/db/database.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { NotFoundError, ValidationError } from '../../../platform/http/errors.ts';
import type { Rag, SelfEvaluationRating } from '../frameworks.ts';
import type { Ctx } from '../risks/service.ts';
import { findFramework, gridMonths, gridView, monthOf, type MonthRatingInput, type SelfEvalGridView } from './grid.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface SelfEvaluationItem { id: string; frameworkId: string; frameworkName: string; title: string; months: number; latestMonth: string | null }

export async function listSelfEvaluations(trx: Executor): Promise<SelfEvaluationItem[]> {
  const rows = await trx.selectFrom('self_evaluation as s')
    .select(['s.id', 's.framework_id', 's.title'])
    .select((eb) => [
      eb.selectFrom('self_evaluation_rating as r').whereRef('r.self_evaluation_id', '=', 's.id').select((e) => e.fn.count<number>('r.month').distinct().as('n')).as('months'),
      eb.selectFrom('self_evaluation_rating as r').whereRef('r.self_evaluation_id', '=', 's.id').select((e) => e.fn.max('r.month').as('m')).as('latest'),
    ])
    .orderBy('s.created_at', 'desc').execute();
  return rows.map((r) => ({ id: r.id, frameworkId: r.framework_id, frameworkName: findFramework(r.framework_id)?.name ?? r.framework_id, title: r.title, months: Number(r.months ?? 0), latestMonth: (r.latest as string | null) ?? null }));
}

export async function getSelfEvaluation(trx: Executor, id: string) {
  if (!UUID.test(id)) throw new NotFoundError();
  const row = await trx.selectFrom('self_evaluation').select(['id', 'framework_id', 'title']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError();
  const framework = findFramework(row.framework_id);
  if (!framework) throw new NotFoundError();
  return { id: row.id, title: row.title, framework };
}

export interface RatingRow { criterion_id: string; month: string; rag: string; narrative: string | null; evidence: string | null }

export async function ratingsOf(trx: Executor, id: string, months?: readonly string[]): Promise<RatingRow[]> {
  let q = trx.selectFrom('self_evaluation_rating').select(['criterion_id', 'month', 'rag', 'narrative', 'evidence']).where('self_evaluation_id', '=', id);
  if (months) {
    if (months.length === 0) return [];
    q = q.where('month', 'in', months);
  }
  return q.orderBy('month').execute();
}

/** The grid up to a month (default: this month), the last `count` rated months. */
export async function selfEvaluationView(trx: Executor, id: string, upTo: string, count = 12): Promise<{ evaluation: Awaited<ReturnType<typeof getSelfEvaluation>>; grid: SelfEvalGridView; evidence: Record<string, string | null>; earliestMonth: string | null }> {
  const evaluation = await getSelfEvaluation(trx, id);
  const monthRows = await trx.selectFrom('self_evaluation_rating').select('month').distinct().where('self_evaluation_id', '=', id).execute();
  const months = gridMonths(monthRows.map((m) => m.month), upTo, count);
  const rows = await ratingsOf(trx, id, months);
  const ratings: SelfEvaluationRating[] = rows.map((r) => ({ criterionId: r.criterion_id, month: r.month, rag: r.rag as Rag, narrative: r.narrative }));
  const latest = months.at(-1);
  const evidence: Record<string, string | null> = {};
  for (const r of rows) if (r.month === latest) evidence[r.criterion_id] = r.evidence;
  const earliestMonth = monthRows.map((m) => m.month).sort()[0] ?? null;
  return { evaluation, grid: gridView(evaluation.framework, ratings, months), evidence, earliestMonth };
}

export async function createSelfEvaluation(db: Kysely<DB>, ctx: Ctx, input: { frameworkId: string; title: string }): Promise<string> {
  const errors = [];
  if (!findFramework(input.frameworkId)) errors.push({ field: 'frameworkId', message: 'Select the inspection framework' });
  if (!input.title) errors.push({ field: 'title', message: 'Enter a title for the self-evaluation' });
  else if (input.title.length > 200) errors.push({ field: 'title', message: 'Title must be 200 characters or fewer' });
  if (errors.length) throw new ValidationError(errors);
  return withArea(db, ctx.principal.areaId, async (trx) => {
    const dup = await trx.selectFrom('self_evaluation').select('id').where('title', '=', input.title).executeTakeFirst();
    if (dup) throw new ValidationError([{ field: 'title', message: 'A self-evaluation with this title already exists' }]);
    const row = await trx.insertInto('self_evaluation').values({ area_id: ctx.principal.areaId, framework_id: input.frameworkId, title: input.title }).returning('id').executeTakeFirstOrThrow();
    await audit(trx, ctx, { action: 'self-evaluation.created', entityType: 'self_evaluation', entityId: row.id, detail: { frameworkId: input.frameworkId } });
    return row.id;
  });
}

/** Saves a month's ratings (replacing that month's earlier ratings of the same criteria). */
export async function recordMonth(trx: Executor, ctx: Ctx, id: string, month: string, ratings: readonly MonthRatingInput[]): Promise<void> {
  const evaluation = await getSelfEvaluation(trx, id);
  for (const r of ratings) {
    await trx.insertInto('self_evaluation_rating').values({
      area_id: ctx.principal.areaId, self_evaluation_id: evaluation.id, criterion_id: r.criterionId, month, rag: r.rag, narrative: r.narrative, evidence: r.evidence, recorded_by: ctx.principal.userId,
    }).onConflict((oc) => oc.columns(['self_evaluation_id', 'criterion_id', 'month']).doUpdateSet({ rag: r.rag, narrative: r.narrative, evidence: r.evidence, recorded_by: ctx.principal.userId, recorded_at: new Date() })).execute();
  }
  const counts = { red: 0, amber: 0, green: 0 };
  for (const r of ratings) counts[r.rag]++;
  await audit(trx, ctx, { action: 'self-evaluation.month-recorded', entityType: 'self_evaluation', entityId: evaluation.id, detail: { month, ...counts } });
}

export function currentMonth(today: Temporal.PlainDate): string {
  return monthOf(today);
}
