// Risk register rules: one transaction per change, each audited in it. Scores go through risk.ts;
// every assessment is appended to the history (the database refuses to change one).
import type { Kysely } from 'kysely';
import type { DB } from '../../../db-types.ts';
import { withArea, type Executor } from '../../../platform/db/database.ts';
import { audit, type AuditContext } from '../../../platform/audit/audit.ts';
import type { Principal } from '../../../platform/auth/policy.ts';
import { NotFoundError, ValidationError, type FieldError } from '../../../platform/http/errors.ts';
import { scoreRisk, validateRiskBands, ASSESSMENT_KINDS, type AssessmentKind, type RiskBand } from '../risk.ts';
import * as repo from './repository.ts';
import {
  bandCounts, heatMapView, parseDate, riskView, sortByResidual, validateReview, validateRisk, EFFECTIVENESS,
  type HeatMapView, type LI, type ReviewInput, type RiskInput, type RiskView, type TagColour,
} from './register.ts';

export type Ctx = AuditContext & { principal: Principal };

export interface ControlView { id: string; kind: string; description: string; owner: string; dueOn: string | null; effectiveness: string | null; effectivenessLabel: string | null; status: string; overdue: boolean }

export interface RegisterData {
  bands: RiskBand[];
  risks: RiskView[];
  controls: Record<string, ControlView[]>;
  heatMaps: Record<AssessmentKind, HeatMapView>;
  overdueReviews: RiskView[];
  bandCounts: Array<{ band: string; label: string; colour: TagColour; count: number }>;
}

function controlView(c: repo.ControlRow, today: Temporal.PlainDate): ControlView {
  return {
    id: c.id, kind: c.kind, description: c.description, owner: c.owner, dueOn: c.due_on, effectiveness: c.effectiveness,
    effectivenessLabel: c.effectiveness ? EFFECTIVENESS[c.effectiveness as keyof typeof EFFECTIVENESS] ?? c.effectiveness : null,
    status: c.status, overdue: c.kind === 'action' && c.status === 'open' && c.due_on !== null && c.due_on < today.toString(),
  };
}

/** The open register as the pages and board papers show it, highest residual score first. */
export async function registerData(trx: Executor, today: Temporal.PlainDate): Promise<RegisterData> {
  const bands = await repo.getBands(trx);
  const rows = await repo.listRiskRows(trx);
  const previous = await repo.previousResidualScores(trx);
  const risks = sortByResidual(rows.map((r) => riskView(r, bands, today, previous.get(r.id) ?? null)));
  const controls: Record<string, ControlView[]> = {};
  for (const c of await repo.controlsFor(trx, risks.map((r) => r.id))) (controls[c.risk_id] ??= []).push(controlView(c, today));
  return {
    bands, risks, controls,
    heatMaps: { inherent: heatMapView(risks, 'inherent', bands), residual: heatMapView(risks, 'residual', bands), target: heatMapView(risks, 'target', bands) },
    overdueReviews: risks.filter((r) => r.reviewOverdue),
    bandCounts: bandCounts(risks, bands),
  };
}

export async function loadRegister(db: Kysely<DB>, areaId: string, today: Temporal.PlainDate): Promise<RegisterData> {
  return withArea(db, areaId, (trx) => registerData(trx, today));
}

export async function getRisk(db: Kysely<DB>, areaId: string, id: string, today: Temporal.PlainDate) {
  return withArea(db, areaId, async (trx) => {
    const row = await repo.findRiskRow(trx, id);
    if (!row) throw new NotFoundError();
    const bands = await repo.getBands(trx);
    const assessments = await repo.assessmentsFor(trx, id);
    const prevResidual = assessments.filter((a) => a.kind === 'residual')[1]?.score ?? null;
    const controls = (await repo.controlsFor(trx, [id])).map((c) => controlView(c, today));
    return { risk: riskView(row, bands, today, prevResidual), row, bands, assessments, controls };
  });
}

async function appendAssessments(trx: Executor, areaId: string, riskId: string, on: string, scores: Partial<Record<AssessmentKind, LI | null>>, bands: RiskBand[], note: string | null, userId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const kind of ASSESSMENT_KINDS) {
    const li = scores[kind];
    if (!li) continue;
    const s = scoreRisk(li.likelihood, li.impact, bands);
    await repo.insertAssessment(trx, { areaId, riskId, assessedOn: on, kind, likelihood: s.likelihood, impact: s.impact, score: s.score, band: s.band, note, userId });
    out[kind] = s.score;
  }
  return out;
}

export async function createRisk(db: Kysely<DB>, ctx: Ctx, input: RiskInput): Promise<string> {
  const errors = validateRisk(input, { requireScores: true });
  if (errors.length) throw new ValidationError(errors);
  const areaId = ctx.principal.areaId;
  return withArea(db, areaId, async (trx) => {
    if (await repo.referenceTaken(trx, input.reference)) throw new ValidationError([{ field: 'reference', message: `A risk with reference ${input.reference} already exists` }]);
    const bands = await repo.getBands(trx);
    const row = await trx.insertInto('risk').values({
      area_id: areaId, reference: input.reference, title: input.title, cause: input.cause, consequence: input.consequence, owner: input.owner,
      category: input.category, linked_priorities: JSON.stringify(input.linkedPriorities), treatment: input.treatment,
      raised_on: input.raisedOn!, last_reviewed_on: input.raisedOn!, next_review_on: input.nextReviewOn,
      inherent_likelihood: input.inherent!.likelihood, inherent_impact: input.inherent!.impact,
      residual_likelihood: input.residual!.likelihood, residual_impact: input.residual!.impact,
      target_likelihood: input.target?.likelihood ?? null, target_impact: input.target?.impact ?? null,
    }).returning('id').executeTakeFirstOrThrow();
    const scores = await appendAssessments(trx, areaId, row.id, input.raisedOn!, input, bands, 'Initial assessment', ctx.principal.userId);
    await audit(trx, ctx, { action: 'risk.created', entityType: 'risk', entityId: row.id, detail: { scores } });
    return row.id;
  });
}

/** Changes a risk's description, owner, category, links, treatment and next review date. Scores change only through a review. */
export async function updateRisk(db: Kysely<DB>, ctx: Ctx, id: string, input: RiskInput): Promise<void> {
  await withArea(db, ctx.principal.areaId, async (trx) => {
    const row = await repo.findRiskRow(trx, id);
    if (!row) throw new NotFoundError();
    const merged = { ...input, raisedOn: input.raisedOn ?? row.raised_on };
    const errors = validateRisk(merged, { requireScores: false });
    if (errors.length) throw new ValidationError(errors);
    if (await repo.referenceTaken(trx, input.reference, id)) throw new ValidationError([{ field: 'reference', message: `A risk with reference ${input.reference} already exists` }]);
    if (merged.raisedOn !== row.raised_on && row.last_reviewed_on && merged.raisedOn! > row.last_reviewed_on) {
      throw new ValidationError([{ field: 'raisedOn', message: 'The date raised cannot be after the risk was last reviewed' }]);
    }
    await trx.updateTable('risk').set({
      reference: input.reference, title: input.title, cause: input.cause, consequence: input.consequence, owner: input.owner, category: input.category,
      linked_priorities: JSON.stringify(input.linkedPriorities), treatment: input.treatment, raised_on: merged.raisedOn!, next_review_on: input.nextReviewOn, updated_at: new Date(),
    }).where('id', '=', id).execute();
    await audit(trx, ctx, { action: 'risk.updated', entityType: 'risk', entityId: id });
  });
}

/** Records a review: new scores appended to the history, the current scores and review dates updated. */
export async function reviewRisk(db: Kysely<DB>, ctx: Ctx, id: string, input: ReviewInput): Promise<void> {
  await withArea(db, ctx.principal.areaId, async (trx) => {
    const row = await repo.findRiskRow(trx, id);
    if (!row) throw new NotFoundError();
    const errors = validateReview(input, row.raised_on);
    if (errors.length) throw new ValidationError(errors);
    const bands = await repo.getBands(trx);
    const scores = await appendAssessments(trx, ctx.principal.areaId, id, input.reviewedOn!, input, bands, input.note || null, ctx.principal.userId);
    await trx.updateTable('risk').set({
      last_reviewed_on: input.reviewedOn!, next_review_on: input.nextReviewOn, updated_at: new Date(),
      residual_likelihood: input.residual!.likelihood, residual_impact: input.residual!.impact,
      ...(input.inherent ? { inherent_likelihood: input.inherent.likelihood, inherent_impact: input.inherent.impact } : {}),
      ...(input.target ? { target_likelihood: input.target.likelihood, target_impact: input.target.impact } : {}),
    }).where('id', '=', id).execute();
    await audit(trx, ctx, { action: 'risk.reviewed', entityType: 'risk', entityId: id, detail: { reviewedOn: input.reviewedOn, scores } });
  });
}

export async function setRiskStatus(db: Kysely<DB>, ctx: Ctx, id: string, status: 'open' | 'closed'): Promise<void> {
  await withArea(db, ctx.principal.areaId, async (trx) => {
    const res = await trx.updateTable('risk').set({ status, updated_at: new Date() }).where('id', '=', id).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new NotFoundError();
    await audit(trx, ctx, { action: status === 'closed' ? 'risk.closed' : 'risk.reopened', entityType: 'risk', entityId: id });
  });
}

export interface ControlInput { kind: string; description: string; owner: string; dueOn: string | null; effectiveness: string }

export function validateControl(input: ControlInput): FieldError[] {
  const errors: FieldError[] = [];
  if (input.kind !== 'control' && input.kind !== 'action') errors.push({ field: 'kind', message: 'Select whether this is an existing control or a further action' });
  if (!input.description) errors.push({ field: 'description', message: 'Describe the control or action' });
  else if (input.description.length > 2000) errors.push({ field: 'description', message: 'The description must be 2,000 characters or fewer' });
  if (input.owner.length > 200) errors.push({ field: 'owner', message: 'Owner must be 200 characters or fewer' });
  if (input.dueOn && !parseDate(input.dueOn)) errors.push({ field: 'dueOn', message: 'The due date must be a real date' });
  if (input.kind === 'action' && !input.dueOn) errors.push({ field: 'dueOn', message: 'Enter the date the action is due' });
  if (input.effectiveness && !(input.effectiveness in EFFECTIVENESS)) errors.push({ field: 'effectiveness', message: 'Select how effective the control is' });
  return errors;
}

export async function addControl(db: Kysely<DB>, ctx: Ctx, riskId: string, input: ControlInput): Promise<string> {
  const errors = validateControl(input);
  if (errors.length) throw new ValidationError(errors);
  return withArea(db, ctx.principal.areaId, async (trx) => {
    const risk = await repo.findRiskRow(trx, riskId);
    if (!risk) throw new NotFoundError();
    const row = await trx.insertInto('risk_control').values({
      area_id: ctx.principal.areaId, risk_id: riskId, kind: input.kind, description: input.description, owner: input.owner,
      due_on: input.dueOn || null, effectiveness: input.kind === 'control' && input.effectiveness ? input.effectiveness : null,
    }).returning('id').executeTakeFirstOrThrow();
    await audit(trx, ctx, { action: `risk.${input.kind}-added`, entityType: 'risk', entityId: riskId, detail: { controlId: row.id } });
    return row.id;
  });
}

export async function completeAction(db: Kysely<DB>, ctx: Ctx, riskId: string, controlId: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/.test(controlId) || !/^[0-9a-f-]{36}$/.test(riskId)) throw new NotFoundError();
  await withArea(db, ctx.principal.areaId, async (trx) => {
    const res = await trx.updateTable('risk_control').set({ status: 'done' }).where('id', '=', controlId).where('risk_id', '=', riskId).where('kind', '=', 'action').executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new NotFoundError();
    await audit(trx, ctx, { action: 'risk.action-completed', entityType: 'risk', entityId: riskId, detail: { controlId } });
  });
}

export async function loadBands(db: Kysely<DB>, areaId: string): Promise<{ bands: RiskBand[]; custom: boolean }> {
  return withArea(db, areaId, async (trx) => ({ bands: await repo.getBands(trx), custom: await repo.hasCustomBands(trx) }));
}

export async function saveBandSettings(db: Kysely<DB>, ctx: Ctx, raw: unknown): Promise<RiskBand[]> {
  const v = validateRiskBands(raw);
  if (!v.ok) throw new ValidationError(v.errors.map((message) => ({ field: 'bands', message })));
  await withArea(db, ctx.principal.areaId, async (trx) => {
    await repo.saveBands(trx, ctx.principal.areaId, v.bands, ctx.principal.userId);
    await audit(trx, ctx, { action: 'risk.bands-changed', entityType: 'area', entityId: ctx.principal.areaId, detail: { bands: v.bands.map((b) => `${b.name}:${b.min}-${b.max}`) } });
  });
  return v.bands;
}
