// Inspections (2016 joint local area SEND inspections and revisits; 2023 area SEND inspections and
// monitoring visits) and their findings, one record per finding. domain.md §4.
import type { Executor } from '../../../platform/db/database.ts';
import { audit, type AuditContext } from '../../../platform/audit/audit.ts';
import { NotFoundError, ValidationError, type FieldError } from '../../../platform/http/errors.ts';
import { INSPECTION_OUTCOMES_2023 } from '../frameworks.ts';
import { wsoaDueDate } from '../wsoa.ts';
import { isUuid } from './service.ts';

export const FRAMEWORKS = {
  'send-2023': 'Area SEND inspection (2023 framework)',
  'send-2016': 'Joint local area SEND inspection (2016 framework)',
} as const;
export type FrameworkId = keyof typeof FRAMEWORKS;

export const INSPECTION_KINDS: Record<FrameworkId, Record<string, string>> = {
  'send-2023': { full: 'Full inspection', monitoring: 'Monitoring inspection' },
  'send-2016': { full: 'Joint local area inspection', revisit: 'Revisit' },
};

export const FINDING_KINDS: Record<FrameworkId, Record<string, string>> = {
  'send-2023': { 'area-for-priority-action': 'Area for priority action', 'area-for-improvement': 'Area for improvement', strength: 'Strength' },
  'send-2016': { 'significant-weakness': 'Significant area of weakness', strength: 'Strength', 'sufficient-progress': 'Sufficient progress (revisit)', 'insufficient-progress': 'Insufficient progress (revisit)' },
};

export const ALL_FINDING_LABELS: Record<string, string> = { ...FINDING_KINDS['send-2023'], ...FINDING_KINDS['send-2016'] };

export interface InspectionInput {
  framework: string;
  kind: string;
  startedOn: string | null;
  endedOn: string | null;
  publishedOn: string | null;
  inspectorates: string;
  reportUrl: string;
  outcome: string;
  wsoaRequired: string;
  summary: string;
}

export interface InspectionRecord {
  id: string;
  framework: FrameworkId;
  frameworkLabel: string;
  kind: string;
  kindLabel: string;
  startedOn: string;
  endedOn: string;
  publishedOn: string | null;
  inspectorates: string;
  reportUrl: string | null;
  outcome: number | null;
  outcomeText: string | null;
  wsoaRequired: boolean | null;
  /** 2016 framework, WSoA required and report published: 70 working days after publication. */
  wsoaDueOn: string | null;
  summary: string;
}

export interface FindingRecord { id: string; kind: string; kindLabel: string; reference: string; text: string; position: number }

function isFramework(v: string): v is FrameworkId {
  return v === 'send-2016' || v === 'send-2023';
}

function toRecord(r: { id: string; framework: string; kind: string; started_on: string; ended_on: string; published_on: string | null; inspectorates: string; report_url: string | null; outcome: number | null; wsoa_required: boolean | null; summary: string }): InspectionRecord {
  const framework = (isFramework(r.framework) ? r.framework : 'send-2023') as FrameworkId;
  const outcome = r.outcome === null ? null : Number(r.outcome);
  return {
    id: r.id, framework, frameworkLabel: FRAMEWORKS[framework], kind: r.kind, kindLabel: INSPECTION_KINDS[framework][r.kind] ?? r.kind,
    startedOn: r.started_on, endedOn: r.ended_on, publishedOn: r.published_on, inspectorates: r.inspectorates, reportUrl: r.report_url,
    outcome, outcomeText: outcome ? INSPECTION_OUTCOMES_2023[outcome as 1 | 2 | 3] : null, wsoaRequired: r.wsoa_required,
    wsoaDueOn: framework === 'send-2016' && r.wsoa_required && r.published_on ? wsoaDueDate(r.published_on).toString() : null,
    summary: r.summary,
  };
}

const COLUMNS = ['id', 'framework', 'kind', 'started_on', 'ended_on', 'published_on', 'inspectorates', 'report_url', 'outcome', 'wsoa_required', 'summary'] as const;

export async function listInspections(trx: Executor): Promise<(InspectionRecord & { findings: number })[]> {
  const rows = await trx.selectFrom('inspection as i').select(COLUMNS.map((c) => `i.${c}` as const))
    .select((eb) => eb.selectFrom('inspection_finding as f').whereRef('f.inspection_id', '=', 'i.id').select(eb.fn.countAll<number>().as('n')).as('findings'))
    .orderBy('i.started_on', 'desc').execute();
  return rows.map((r) => ({ ...toRecord(r), findings: Number(r.findings ?? 0) }));
}

export async function getInspection(trx: Executor, id: string): Promise<{ inspection: InspectionRecord; findings: FindingRecord[] }> {
  if (!isUuid(id)) throw new NotFoundError('There is no such inspection');
  const row = await trx.selectFrom('inspection').select([...COLUMNS]).where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('There is no such inspection');
  const inspection = toRecord(row);
  const findings = await trx.selectFrom('inspection_finding').select(['id', 'kind', 'reference', 'text', 'position'])
    .where('inspection_id', '=', id).orderBy('position').orderBy('created_at').execute();
  return { inspection, findings: findings.map((f) => ({ ...f, kindLabel: ALL_FINDING_LABELS[f.kind] ?? f.kind })) };
}

export function validateInspection(input: InspectionInput, today: Temporal.PlainDate): FieldError[] {
  const errors: FieldError[] = [];
  const fw = input.framework;
  if (!isFramework(fw)) errors.push({ field: 'framework', message: 'Choose the inspection framework' });
  else if (!INSPECTION_KINDS[fw][input.kind]) errors.push({ field: 'kind', message: 'Choose what kind of inspection it was' });
  if (!input.startedOn) errors.push({ field: 'startedOn', message: 'Enter the first day of the inspection' });
  if (!input.endedOn) errors.push({ field: 'endedOn', message: 'Enter the last day of the inspection' });
  else if (input.startedOn && input.endedOn < input.startedOn) errors.push({ field: 'endedOn', message: 'The last day must be the same as or after the first day' });
  if (input.startedOn && Temporal.PlainDate.compare(Temporal.PlainDate.from(input.startedOn), today) > 0) errors.push({ field: 'startedOn', message: 'The first day of the inspection must be today or in the past' });
  if (input.publishedOn && input.startedOn && input.publishedOn < input.startedOn) errors.push({ field: 'publishedOn', message: 'The report must be published on or after the first day of the inspection' });
  if (!input.inspectorates.trim()) errors.push({ field: 'inspectorates', message: 'Enter the inspectorates, for example Ofsted and CQC' });
  else if (input.inspectorates.trim().length > 200) errors.push({ field: 'inspectorates', message: 'The inspectorates must be 200 characters or fewer' });
  const url = input.reportUrl.trim();
  if (url && (!/^https?:\/\/\S+$/.test(url) || url.length > 2000)) errors.push({ field: 'reportUrl', message: 'Enter the link to the published report, starting with https://' });
  if (fw === 'send-2023' && input.kind === 'full' && !['1', '2', '3'].includes(input.outcome)) errors.push({ field: 'outcome', message: 'Choose the inspection outcome' });
  if (fw === 'send-2016' && input.kind === 'full' && !['yes', 'no'].includes(input.wsoaRequired)) errors.push({ field: 'wsoaRequired', message: 'Say whether a written statement of action was required' });
  return errors;
}

export async function createInspection(trx: Executor, ctx: AuditContext, areaId: string, input: InspectionInput, today: Temporal.PlainDate): Promise<string> {
  const errors = validateInspection(input, today);
  if (errors.length) throw new ValidationError(errors);
  const fw = input.framework as FrameworkId;
  const row = await trx.insertInto('inspection').values({
    area_id: areaId, framework: fw, kind: input.kind, started_on: input.startedOn!, ended_on: input.endedOn!, published_on: input.publishedOn || null,
    inspectorates: input.inspectorates.trim(), report_url: input.reportUrl.trim() || null,
    outcome: fw === 'send-2023' && ['1', '2', '3'].includes(input.outcome) ? Number(input.outcome) : null,
    wsoa_required: fw === 'send-2016' && ['yes', 'no'].includes(input.wsoaRequired) ? input.wsoaRequired === 'yes' : null,
    summary: input.summary.trim(),
  }).returning('id').executeTakeFirstOrThrow();
  await audit(trx, ctx, { action: 'inspection.recorded', entityType: 'inspection', entityId: row.id, detail: { framework: fw, kind: input.kind } });
  return row.id;
}

export async function addFinding(trx: Executor, ctx: AuditContext, inspectionId: string, input: { kind: string; reference: string; text: string }): Promise<string> {
  const { inspection, findings } = await getInspection(trx, inspectionId);
  const errors: FieldError[] = [];
  if (!FINDING_KINDS[inspection.framework][input.kind]) errors.push({ field: 'kind', message: 'Choose what kind of finding it is' });
  if (input.reference.trim().length > 30) errors.push({ field: 'reference', message: 'The reference must be 30 characters or fewer' });
  if (!input.text.trim()) errors.push({ field: 'text', message: 'Enter the finding as the report words it' });
  else if (input.text.trim().length > 5000) errors.push({ field: 'text', message: 'The finding must be 5,000 characters or fewer' });
  if (errors.length) throw new ValidationError(errors);
  const area = await trx.selectFrom('inspection').select('area_id').where('id', '=', inspectionId).executeTakeFirstOrThrow();
  const row = await trx.insertInto('inspection_finding').values({
    area_id: area.area_id, inspection_id: inspectionId, kind: input.kind, reference: input.reference.trim(), text: input.text.trim(),
    position: findings.length + 1,
  }).returning('id').executeTakeFirstOrThrow();
  await audit(trx, ctx, { action: 'inspection-finding.added', entityType: 'inspection', entityId: inspectionId, detail: { findingId: row.id, kind: input.kind } });
  return row.id;
}

/** Changes an inspection's details (e.g. the publication date once the report is out). Its framework cannot change. */
export async function updateInspection(trx: Executor, ctx: AuditContext, id: string, input: InspectionInput, today: Temporal.PlainDate): Promise<void> {
  const { inspection } = await getInspection(trx, id);
  const errors = validateInspection({ ...input, framework: inspection.framework }, today);
  if (errors.length) throw new ValidationError(errors);
  const fw = inspection.framework;
  await trx.updateTable('inspection').set({
    kind: input.kind, started_on: input.startedOn!, ended_on: input.endedOn!, published_on: input.publishedOn || null,
    inspectorates: input.inspectorates.trim(), report_url: input.reportUrl.trim() || null,
    outcome: fw === 'send-2023' && ['1', '2', '3'].includes(input.outcome) ? Number(input.outcome) : null,
    wsoa_required: fw === 'send-2016' && ['yes', 'no'].includes(input.wsoaRequired) ? input.wsoaRequired === 'yes' : null,
    summary: input.summary.trim(),
  }).where('id', '=', id).execute();
  await audit(trx, ctx, { action: 'inspection.changed', entityType: 'inspection', entityId: id });
}

/** The form's values for an existing inspection (GOV.UK date inputs are three fields each). */
export function inspectionFormValues(i: InspectionRecord): Record<string, string> {
  const parts = (name: string, iso: string | null) => (iso ? { [`${name}-day`]: String(Number(iso.slice(8, 10))), [`${name}-month`]: String(Number(iso.slice(5, 7))), [`${name}-year`]: iso.slice(0, 4) } : {});
  return {
    framework: i.framework, [i.framework === 'send-2016' ? 'kind2016' : 'kind2023']: i.kind, inspectorates: i.inspectorates, reportUrl: i.reportUrl ?? '',
    outcome: i.outcome ? String(i.outcome) : '', wsoaRequired: i.wsoaRequired === null ? '' : i.wsoaRequired ? 'yes' : 'no', summary: i.summary,
    ...parts('startedOn', i.startedOn), ...parts('endedOn', i.endedOn), ...parts('publishedOn', i.publishedOn),
  };
}
