// Risk register queries. Every function takes the executor it runs on (an area transaction).
import type { Executor } from '../../../platform/db/database.ts';
import { DEFAULT_RISK_BANDS, validateRiskBands, type AssessmentKind, type RiskBand } from '../risk.ts';
import type { RiskRowData } from './register.ts';

const RISK_COLUMNS = [
  'id', 'reference', 'title', 'cause', 'consequence', 'owner', 'category', 'linked_priorities', 'treatment', 'status',
  'raised_on', 'last_reviewed_on', 'next_review_on', 'inherent_likelihood', 'inherent_impact', 'residual_likelihood',
  'residual_impact', 'target_likelihood', 'target_impact',
] as const;

/** The area's bands, or the defaults when none are set (or the stored set no longer validates). */
export async function getBands(trx: Executor): Promise<RiskBand[]> {
  const row = await trx.selectFrom('risk_band_setting').select('bands').executeTakeFirst();
  if (!row) return DEFAULT_RISK_BANDS.map((b) => ({ ...b }));
  const v = validateRiskBands(row.bands);
  return v.ok ? v.bands : DEFAULT_RISK_BANDS.map((b) => ({ ...b }));
}

export async function hasCustomBands(trx: Executor): Promise<boolean> {
  return Boolean(await trx.selectFrom('risk_band_setting').select('area_id').executeTakeFirst());
}

export async function saveBands(trx: Executor, areaId: string, bands: RiskBand[], userId: string | null): Promise<void> {
  const json = JSON.stringify(bands);
  await trx.insertInto('risk_band_setting').values({ area_id: areaId, bands: json, updated_by: userId })
    .onConflict((oc) => oc.column('area_id').doUpdateSet({ bands: json, updated_by: userId, updated_at: new Date() })).execute();
}

export async function listRiskRows(trx: Executor, opts: { includeClosed?: boolean } = {}): Promise<RiskRowData[]> {
  let q = trx.selectFrom('risk').select(RISK_COLUMNS);
  if (!opts.includeClosed) q = q.where('status', '=', 'open');
  return q.orderBy('reference').execute();
}

export async function findRiskRow(trx: Executor, id: string): Promise<RiskRowData | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  return trx.selectFrom('risk').select(RISK_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function referenceTaken(trx: Executor, reference: string, exceptId?: string): Promise<boolean> {
  let q = trx.selectFrom('risk').select('id').where((eb) => eb(eb.fn('lower', ['reference']), '=', reference.toLowerCase()));
  if (exceptId) q = q.where('id', '!=', exceptId);
  return Boolean(await q.executeTakeFirst());
}

export interface AssessmentRow { id: number; risk_id: string; assessed_on: string; kind: string; likelihood: number; impact: number; score: number; band: string; note: string | null; assessed_by: string | null; assessor_name: string | null }

export async function assessmentsFor(trx: Executor, riskId: string): Promise<AssessmentRow[]> {
  return trx.selectFrom('risk_assessment as a').leftJoin('app_user as u', 'u.id', 'a.assessed_by')
    .select(['a.id', 'a.risk_id', 'a.assessed_on', 'a.kind', 'a.likelihood', 'a.impact', 'a.score', 'a.band', 'a.note', 'a.assessed_by', 'u.name as assessor_name'])
    .where('a.risk_id', '=', riskId).orderBy('a.assessed_on', 'desc').orderBy('a.id', 'desc').execute();
}

/** For each risk, the residual score before its latest residual assessment (for direction of travel). */
export async function previousResidualScores(trx: Executor): Promise<Map<string, number>> {
  const rows = await trx.selectFrom('risk_assessment').select(['risk_id', 'score', 'assessed_on', 'id']).where('kind', '=', 'residual')
    .orderBy('risk_id').orderBy('assessed_on', 'desc').orderBy('id', 'desc').execute();
  const seen = new Map<string, number>();
  const out = new Map<string, number>();
  for (const r of rows) {
    const n = seen.get(r.risk_id) ?? 0;
    if (n === 1) out.set(r.risk_id, r.score);
    seen.set(r.risk_id, n + 1);
  }
  return out;
}

export async function insertAssessment(trx: Executor, v: { areaId: string; riskId: string; assessedOn: string; kind: AssessmentKind; likelihood: number; impact: number; score: number; band: string; note: string | null; userId: string | null }): Promise<void> {
  await trx.insertInto('risk_assessment').values({
    area_id: v.areaId, risk_id: v.riskId, assessed_on: v.assessedOn, kind: v.kind, likelihood: v.likelihood, impact: v.impact,
    score: v.score, band: v.band, note: v.note, assessed_by: v.userId,
  }).execute();
}

export interface ControlRow { id: string; risk_id: string; kind: string; description: string; owner: string; due_on: string | null; effectiveness: string | null; status: string }

export async function controlsFor(trx: Executor, riskIds: readonly string[]): Promise<ControlRow[]> {
  if (riskIds.length === 0) return [];
  return trx.selectFrom('risk_control').select(['id', 'risk_id', 'kind', 'description', 'owner', 'due_on', 'effectiveness', 'status'])
    .where('risk_id', 'in', riskIds).orderBy('created_at').orderBy('id').execute();
}
