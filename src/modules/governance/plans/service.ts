// Improvement plans (priority action plans and written statements of action): import, progress
// updates, status history and roll-ups as at any date. Every function takes the executor it runs on;
// requests pass an area-scoped transaction (`withArea`), so another area's plan is simply not found.
// Every change writes its audit event in the same transaction.
//
// Exported for board papers (keep these signatures): planSummary, listPlans, delayedActions.
import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.ts';
import { audit, type AuditContext } from '../../../platform/audit/audit.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../../../platform/http/errors.ts';
import { rollupPlan, type RollupCounts } from '../rollup.ts';
import { isActionStatus, statusesFor, statusLabel, type ActionStatus, type StatusScheme } from '../status.ts';
import { importPlanCsv, importPlanXlsx, type ImportedPlan, type ImportProblem, type PlanImportResult } from '../plan-import.ts';
import { actionFlags, type ActionFlags } from './flags.ts';

export const PLAN_KINDS = {
  'priority-action-plan': 'Priority action plan (2023 framework)',
  'wsoa': 'Written statement of action (2016 framework)',
  'accelerated-progress-plan': 'Accelerated progress plan',
  'other': 'Other improvement plan',
} as const;
export type PlanKind = keyof typeof PLAN_KINDS;
export function isPlanKind(v: unknown): v is PlanKind {
  return typeof v === 'string' && Object.hasOwn(PLAN_KINDS, v);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(v: string): boolean {
  return UUID.test(v);
}

// ---------------------------------------------------------------------------------------------
// Shapes

export interface PlanRecord {
  id: string;
  name: string;
  kind: PlanKind;
  kindLabel: string;
  scheme: StatusScheme;
  status: 'open' | 'closed';
  inspectionId: string | null;
  createdOn: string;
  closedOn: string | null;
}

export interface PriorityProgress extends RollupCounts {
  reference: string;
  title: string;
}

/** The summary API's shape: `GET /api/v1/improvement-plans/{id}/summary`. */
export interface PlanSummary {
  plan: PlanRecord & { asAt: string };
  asAt: string;
  priorities: PriorityProgress[];
  overall: RollupCounts;
}

export interface PlanListItem extends PlanRecord {
  actions: number;
  priorities: number;
}

export interface ActionRow {
  id: string;
  reference: string;
  priorityId: string;
  priorityReference: string;
  priorityTitle: string;
  description: string;
  leadOfficer: string;
  seniorResponsibleOfficer: string | null;
  partnerOrganisation: string | null;
  startDate: string | null;
  dueDate: string;
  successMeasures: string | null;
  evidence: string | null;
  createdOn: string;
  /** Status as at the date asked for; null when the action was not yet in the plan then. */
  status: ActionStatus;
  statusLabel: string;
  statusSince: string | null;
  lastUpdateDate: string | null;
  flags: ActionFlags;
}

export interface DelayedAction {
  id: string;
  reference: string;
  priorityReference: string;
  priorityTitle: string;
  description: string;
  leadOfficer: string;
  seniorResponsibleOfficer: string | null;
  dueDate: string;
  delayedSince: string | null;
  latestUpdate: { date: string; narrative: string } | null;
}

function toPlan(r: { id: string; name: string; kind: string; scheme: string; status: string; inspection_id: string | null; created_on: string; closed_on: string | null }): PlanRecord {
  const kind = (isPlanKind(r.kind) ? r.kind : 'other') as PlanKind;
  return {
    id: r.id, name: r.name, kind, kindLabel: PLAN_KINDS[kind], scheme: r.scheme as StatusScheme, status: r.status as 'open' | 'closed',
    inspectionId: r.inspection_id, createdOn: r.created_on, closedOn: r.closed_on,
  };
}

const PLAN_COLUMNS = ['id', 'name', 'kind', 'scheme', 'status', 'inspection_id', 'created_on', 'closed_on'] as const;

// ---------------------------------------------------------------------------------------------
// Reading

/** Every plan the executor can see (an area-scoped transaction: that area's), newest first. */
export async function listPlans(trx: Executor): Promise<PlanListItem[]> {
  const rows = await trx.selectFrom('improvement_plan as p')
    .select(PLAN_COLUMNS.map((c) => `p.${c}` as const))
    .select((eb) => [
      eb.selectFrom('plan_action as a').whereRef('a.plan_id', '=', 'p.id').select(eb.fn.countAll<number>().as('n')).as('actions'),
      eb.selectFrom('plan_priority as r').whereRef('r.plan_id', '=', 'p.id').select(eb.fn.countAll<number>().as('n')).as('priorities'),
    ])
    .orderBy('p.created_on', 'desc').orderBy('p.name').execute();
  return rows.map((r) => ({ ...toPlan(r), actions: Number(r.actions ?? 0), priorities: Number(r.priorities ?? 0) }));
}

export async function getPlan(trx: Executor, planId: string): Promise<PlanRecord> {
  if (!isUuid(planId)) throw new NotFoundError('There is no such improvement plan');
  const row = await trx.selectFrom('improvement_plan').select([...PLAN_COLUMNS]).where('id', '=', planId).executeTakeFirst();
  if (!row) throw new NotFoundError('There is no such improvement plan');
  return toPlan(row);
}

async function prioritiesOf(trx: Executor, planId: string) {
  return trx.selectFrom('plan_priority').select(['id', 'reference', 'title', 'finding_id', 'position'])
    .where('plan_id', '=', planId).orderBy('position').execute();
}

/**
 * The plan's actions, each with its latest status entry on or before asAt (null when it has none):
 * one index seek per action, so the cost does not grow with the length of the history.
 */
async function actionsWithStatusAsAt(trx: Executor, planId: string, asAt: Temporal.PlainDate) {
  const { rows } = await sql<{ id: string; priority_id: string; created_on: string; status: string | null; effective_date: string | null }>`
    select a.id, a.priority_id, a.created_on, s.status, s.effective_date
    from plan_action a
    left join lateral (
      select status, effective_date from plan_action_status s
      where s.plan_id = a.plan_id and s.action_id = a.id and s.effective_date <= ${asAt.toString()}
      order by s.effective_date desc, s.id desc limit 1
    ) s on true
    where a.plan_id = ${planId}
    order by a.position`.execute(trx);
  return rows;
}

async function rollupFor(trx: Executor, plan: PlanRecord, asAt: Temporal.PlainDate) {
  const priorities = await prioritiesOf(trx, plan.id);
  const actions = await actionsWithStatusAsAt(trx, plan.id, asAt);
  const rollup = rollupPlan(
    actions.map((a) => ({ id: a.id, priorityRef: a.priority_id, createdOn: a.created_on })),
    actions.filter((a) => a.effective_date !== null && isActionStatus(a.status)).map((a) => ({ actionId: a.id, effectiveDate: a.effective_date!, status: a.status as ActionStatus })),
    asAt,
    { scheme: plan.scheme, priorityRefs: priorities.map((p) => p.id) },
  );
  return { priorities, rollup };
}

/** Per-priority and overall progress as at a date, in the board's shape (counts and percentages). */
export async function planSummary(trx: Executor, planId: string, asAt: Temporal.PlainDate): Promise<PlanSummary> {
  const plan = await getPlan(trx, planId);
  const { priorities, rollup } = await rollupFor(trx, plan, asAt);
  const byId = new Map(priorities.map((p) => [p.id, p]));
  return {
    plan: { ...plan, asAt: asAt.toString() },
    asAt: asAt.toString(),
    priorities: rollup.priorities.map(({ priorityRef, ...counts }) => {
      const p = byId.get(priorityRef)!;
      return { reference: p.reference, title: p.title, ...counts };
    }),
    overall: rollup.overall,
  };
}

/** The plan's actions with their status as at a date (actions added after it are left out). */
export async function planActions(trx: Executor, planId: string, asAt: Temporal.PlainDate): Promise<ActionRow[]> {
  const plan = await getPlan(trx, planId);
  const [{ rollup }, rows, lastUpdates] = await Promise.all([
    rollupFor(trx, plan, asAt),
    trx.selectFrom('plan_action as a').innerJoin('plan_priority as p', 'p.id', 'a.priority_id')
      .select(['a.id', 'a.reference', 'a.priority_id', 'p.reference as priority_reference', 'p.title as priority_title', 'a.description', 'a.lead_officer',
        'a.senior_responsible_officer', 'a.partner_organisation', 'a.start_date', 'a.due_date', 'a.success_measures', 'a.evidence', 'a.created_on'])
      .where('a.plan_id', '=', planId).orderBy('p.position').orderBy('a.position').execute(),
    trx.selectFrom('plan_action_update').select(['action_id', (eb) => eb.fn.max('update_date').as('last')])
      .where('plan_id', '=', planId).where('update_date', '<=', asAt.toString()).groupBy('action_id').execute(),
  ]);
  const status = new Map(rollup.actions.map((a) => [a.actionId, a]));
  const last = new Map(lastUpdates.map((u) => [u.action_id, u.last as string | null]));
  const out: ActionRow[] = [];
  for (const r of rows) {
    const s = status.get(r.id);
    if (!s) continue; // not in the plan yet on that date
    const lastUpdateDate = last.get(r.id) ?? null;
    out.push({
      id: r.id, reference: r.reference, priorityId: r.priority_id, priorityReference: r.priority_reference, priorityTitle: r.priority_title,
      description: r.description, leadOfficer: r.lead_officer, seniorResponsibleOfficer: r.senior_responsible_officer,
      partnerOrganisation: r.partner_organisation, startDate: r.start_date, dueDate: r.due_date, successMeasures: r.success_measures,
      evidence: r.evidence, createdOn: r.created_on, status: s.status, statusLabel: statusLabel(s.status), statusSince: s.since, lastUpdateDate,
      flags: actionFlags({ status: s.status, dueDate: r.due_date, startDate: r.start_date, lastUpdateDate }, asAt),
    });
  }
  return out;
}

/** Actions delayed as at a date, with their latest update on or before it (for board papers). */
export async function delayedActions(trx: Executor, planId: string, asAt: Temporal.PlainDate): Promise<DelayedAction[]> {
  const actions = (await planActions(trx, planId, asAt)).filter((a) => a.status === 'delayed');
  if (actions.length === 0) return [];
  const { rows } = await sql<{ action_id: string; update_date: string; narrative: string }>`
    select distinct on (action_id) action_id, update_date, narrative
    from plan_action_update
    where plan_id = ${planId} and update_date <= ${asAt.toString()}
    order by action_id, update_date desc, recorded_at desc, id desc`.execute(trx);
  const latest = new Map(rows.map((r) => [r.action_id, r]));
  return actions.map((a) => {
    const u = latest.get(a.id);
    return {
      id: a.id, reference: a.reference, priorityReference: a.priorityReference, priorityTitle: a.priorityTitle, description: a.description,
      leadOfficer: a.leadOfficer, seniorResponsibleOfficer: a.seniorResponsibleOfficer, dueDate: a.dueDate, delayedSince: a.statusSince,
      latestUpdate: u ? { date: u.update_date, narrative: u.narrative } : null,
    };
  });
}

export interface ActionDetail {
  plan: PlanRecord;
  action: ActionRow;
  history: { effectiveDate: string; status: ActionStatus; statusLabel: string; recordedBy: string; recordedAt: Date }[];
  updates: { id: string; date: string; narrative: string; evidenceUrl: string | null; evidenceText: string | null; newStatus: ActionStatus | null; newStatusLabel: string | null; recordedBy: string; recordedAt: Date }[];
}

/** One action with its status history and progress updates (newest first), as at today. */
export async function actionDetail(trx: Executor, planId: string, actionId: string, today: Temporal.PlainDate): Promise<ActionDetail> {
  const plan = await getPlan(trx, planId);
  if (!isUuid(actionId)) throw new NotFoundError('There is no such action');
  const actions = await planActions(trx, planId, today);
  let action = actions.find((a) => a.id === actionId);
  if (!action) {
    // Added with a future created date: show it as it will be.
    const exists = await trx.selectFrom('plan_action').select('created_on').where('id', '=', actionId).where('plan_id', '=', planId).executeTakeFirst();
    if (!exists) throw new NotFoundError('There is no such action');
    action = (await planActions(trx, planId, Temporal.PlainDate.from(exists.created_on))).find((a) => a.id === actionId)!;
  }
  const who = (id: string | null, label: string, name: string | null) => name ?? (id ? label : label.replace(/^cli:/, 'Command line: '));
  const [history, updates] = await Promise.all([
    trx.selectFrom('plan_action_status as s').leftJoin('app_user as u', 'u.id', 's.recorded_by_user_id')
      .select(['s.effective_date', 's.status', 's.recorded_by_user_id', 's.recorded_by_label', 's.recorded_at', 'u.name'])
      .where('s.action_id', '=', actionId).orderBy('s.effective_date', 'desc').orderBy('s.id', 'desc').execute(),
    trx.selectFrom('plan_action_update as d').leftJoin('app_user as u', 'u.id', 'd.recorded_by_user_id')
      .select(['d.id', 'd.update_date', 'd.narrative', 'd.evidence_url', 'd.evidence_text', 'd.new_status', 'd.recorded_by_user_id', 'd.recorded_by_label', 'd.recorded_at', 'u.name'])
      .where('d.action_id', '=', actionId).orderBy('d.update_date', 'desc').orderBy('d.recorded_at', 'desc').execute(),
  ]);
  return {
    plan, action,
    history: history.map((h) => ({ effectiveDate: h.effective_date, status: h.status as ActionStatus, statusLabel: statusLabel(h.status as ActionStatus), recordedBy: who(h.recorded_by_user_id, h.recorded_by_label, h.name), recordedAt: h.recorded_at })),
    updates: updates.map((u) => ({
      id: u.id, date: u.update_date, narrative: u.narrative, evidenceUrl: u.evidence_url, evidenceText: u.evidence_text,
      newStatus: (u.new_status as ActionStatus | null), newStatusLabel: u.new_status ? statusLabel(u.new_status as ActionStatus) : null,
      recordedBy: who(u.recorded_by_user_id, u.recorded_by_label, u.name), recordedAt: u.recorded_at,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Changing

function recorder(ctx: AuditContext): { recorded_by_user_id: string | null; recorded_by_label: string } {
  const userId = ctx.actorUserId !== undefined ? ctx.actorUserId : (ctx.principal?.userId ?? null);
  return { recorded_by_user_id: userId, recorded_by_label: ctx.actorLabel ?? (ctx.principal ? `user:${ctx.principal.userId}` : 'system') };
}

export class PlanClosedError extends ConflictError {
  constructor(name: string) {
    super(`“${name}” is closed, so its actions cannot be updated. Reopen the plan to record an update.`);
    this.name = 'PlanClosedError';
  }
}

export interface UpdateInput {
  date: string | null;
  /** Why the form's date could not be read (shown instead of "Enter the date"). */
  dateError?: string | undefined;
  narrative: string;
  evidenceUrl: string;
  evidenceText: string;
  /** '' for no change of status. */
  newStatus: string;
}

/**
 * Records a progress update, and a status change with the same effective date when one is given.
 * Rules: the plan must be open; the date may not be in the future, nor (with a status change) before
 * the action's latest status entry — history is only ever added to, so a reporting date already
 * passed keeps its figures unless a change is deliberately dated back to it.
 */
export async function addUpdate(trx: Executor, ctx: AuditContext, planId: string, actionId: string, input: UpdateInput, today: Temporal.PlainDate): Promise<{ updateId: string }> {
  const plan = await getPlan(trx, planId);
  if (!isUuid(actionId)) throw new NotFoundError('There is no such action');
  const action = await trx.selectFrom('plan_action').select(['id', 'area_id', 'created_on', 'reference']).where('id', '=', actionId).where('plan_id', '=', planId).executeTakeFirst();
  if (!action) throw new NotFoundError('There is no such action');
  if (plan.status === 'closed') throw new PlanClosedError(plan.name);

  const errors: FieldError[] = [];
  const narrative = input.narrative.trim();
  const date = input.date ? Temporal.PlainDate.from(input.date) : null;
  if (!input.date) errors.push({ field: 'date', message: input.dateError ?? 'Enter the date of the update' });
  else if (date && Temporal.PlainDate.compare(date, today) > 0) errors.push({ field: 'date', message: 'The date of the update must be today or in the past' });
  else if (date && Temporal.PlainDate.compare(date, Temporal.PlainDate.from(action.created_on)) < 0) errors.push({ field: 'date', message: `The date of the update must be on or after ${action.created_on}, when the action was added to the plan` });
  if (!narrative) errors.push({ field: 'narrative', message: 'Enter what progress has been made' });
  else if (narrative.length > 10000) errors.push({ field: 'narrative', message: 'The update must be 10,000 characters or fewer' });
  const evidenceUrl = input.evidenceUrl.trim();
  if (evidenceUrl && (!/^https?:\/\/\S+$/.test(evidenceUrl) || evidenceUrl.length > 2000)) errors.push({ field: 'evidenceUrl', message: 'Enter a link to the evidence starting with https://' });
  let newStatus: ActionStatus | null = null;
  if (input.newStatus) {
    if (!isActionStatus(input.newStatus) || !statusesFor(plan.scheme).includes(input.newStatus)) errors.push({ field: 'newStatus', message: `Choose a status from the list (${plan.scheme.toUpperCase()} scheme)` });
    else newStatus = input.newStatus;
  }
  if (newStatus && date && errors.length === 0) {
    const latest = await trx.selectFrom('plan_action_status').select('effective_date').where('action_id', '=', actionId)
      .orderBy('effective_date', 'desc').limit(1).executeTakeFirst();
    if (latest && latest.effective_date > date.toString()) {
      errors.push({ field: 'date', message: `The status already changed on ${latest.effective_date}: a status change must be dated on or after it` });
    }
  }
  if (errors.length) throw new ValidationError(errors);

  const who = recorder(ctx);
  const update = await trx.insertInto('plan_action_update').values({
    area_id: action.area_id, plan_id: planId, action_id: actionId, update_date: date!.toString(), narrative,
    evidence_url: evidenceUrl || null, evidence_text: input.evidenceText.trim() || null, new_status: newStatus, ...who,
  }).returning('id').executeTakeFirstOrThrow();
  if (newStatus) {
    await trx.insertInto('plan_action_status').values({
      area_id: action.area_id, plan_id: planId, action_id: actionId, effective_date: date!.toString(), status: newStatus, update_id: update.id, ...who,
    }).execute();
  }
  await audit(trx, ctx, { action: 'plan-action.updated', entityType: 'plan_action', entityId: actionId, detail: { planId, updateId: update.id, date: date!.toString(), ...(newStatus ? { newStatus } : {}) } });
  return { updateId: update.id };
}

export async function setPlanStatus(trx: Executor, ctx: AuditContext, planId: string, status: 'open' | 'closed', today: Temporal.PlainDate): Promise<void> {
  const plan = await getPlan(trx, planId);
  if (plan.status === status) return;
  await trx.updateTable('improvement_plan').set({ status, closed_on: status === 'closed' ? today.toString() : null }).where('id', '=', planId).execute();
  await audit(trx, ctx, { action: status === 'closed' ? 'improvement-plan.closed' : 'improvement-plan.reopened', entityType: 'improvement_plan', entityId: planId });
}

// ---------------------------------------------------------------------------------------------
// Import

export interface UploadedFile { filename: string; bytes: Uint8Array }

/** Reads an uploaded CSV or XLSX (told apart by content, not name) with plan-import.ts. */
export async function readPlanFile(file: UploadedFile, scheme: StatusScheme): Promise<PlanImportResult> {
  const b = file.bytes;
  const problem = (message: string): PlanImportResult => ({ ok: false, problems: [{ row: 1, column: null, value: null, message, cell: null }] });
  if (b.length === 0) return problem('The file is empty');
  const isZip = b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
  if (isZip) return importPlanXlsx(b, { scheme });
  const isOle = b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;
  if (isOle || /\.xls$/i.test(file.filename)) return problem('Old Excel (.xls) files cannot be read: save the sheet as .xlsx or CSV and upload that');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    text = new TextDecoder('windows-1252').decode(b); // Excel's "CSV" on Windows
  }
  return importPlanCsv(text, { scheme });
}

/** "row 7 status": how an import problem is named in problem+json and on the CLI. */
export function problemField(p: ImportProblem): string {
  return `row ${p.row} ${p.column ?? 'file'}`;
}

export function problemMessage(p: ImportProblem): string {
  const where = p.cell ? `Cell ${p.cell}: ` : '';
  const value = p.value !== null && !p.message.includes(p.value) ? ` (the cell has "${p.value}")` : '';
  return `${where}${p.message}${value}`;
}

export interface ImportInput {
  name: string;
  kind: PlanKind;
  scheme: StatusScheme;
  /** The date the imported statuses and the update column are as at (usually today). */
  asAt: Temporal.PlainDate;
  inspectionId?: string | null;
}

export class ImportProblemsError extends ValidationError {
  readonly problems: ImportProblem[];
  constructor(problems: ImportProblem[]) {
    super(problems.map((p) => ({ field: problemField(p), message: problemMessage(p) })), `The file has ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}: nothing was imported`);
    this.problems = problems;
  }
}

export function validateImportInput(input: { name: string; kind: string; scheme: string; asAt: string | null }, today: Temporal.PlainDate): FieldError[] {
  const errors: FieldError[] = [];
  if (!input.name.trim()) errors.push({ field: 'name', message: 'Enter a name for the plan' });
  else if (input.name.trim().length > 200) errors.push({ field: 'name', message: 'The name must be 200 characters or fewer' });
  if (!isPlanKind(input.kind)) errors.push({ field: 'kind', message: 'Choose what kind of plan it is' });
  if (input.scheme !== 'rag' && input.scheme !== 'brag') errors.push({ field: 'scheme', message: 'Choose the status scheme: RAG or BRAG' });
  if (input.asAt && Temporal.PlainDate.compare(Temporal.PlainDate.from(input.asAt), today) > 0) errors.push({ field: 'asAt', message: 'The date the statuses are as at must be today or in the past' });
  return errors;
}

/**
 * Creates the plan, its priorities and actions, each action's first status entry (as at input.asAt)
 * and, from the update column, its first progress update — all in the caller's transaction.
 */
export async function createImportedPlan(trx: Executor, ctx: AuditContext, areaId: string, input: ImportInput, imported: ImportedPlan): Promise<string> {
  const asAt = input.asAt.toString();
  if (input.inspectionId) {
    const found = isUuid(input.inspectionId) && await trx.selectFrom('inspection').select('id').where('id', '=', input.inspectionId).executeTakeFirst();
    if (!found) throw new ValidationError([{ field: 'inspectionId', message: 'Choose an inspection of this area' }]);
  }
  const findings = input.inspectionId
    ? await trx.selectFrom('inspection_finding').select(['id', 'reference']).where('inspection_id', '=', input.inspectionId).where('kind', 'in', ['area-for-priority-action', 'significant-weakness']).execute()
    : [];
  const plan = await trx.insertInto('improvement_plan').values({
    area_id: areaId, name: input.name.trim(), kind: input.kind, scheme: input.scheme, inspection_id: input.inspectionId ?? null, created_on: asAt,
  }).returning('id').executeTakeFirstOrThrow();
  const who = recorder(ctx);
  let actionCount = 0;
  for (const [pi, p] of imported.priorities.entries()) {
    const finding = findings.find((f) => f.reference && f.reference === p.reference);
    const priority = await trx.insertInto('plan_priority').values({
      area_id: areaId, plan_id: plan.id, reference: p.reference, title: p.title, finding_id: finding?.id ?? null, position: pi + 1,
    }).returning('id').executeTakeFirstOrThrow();
    for (const [ai, a] of p.actions.entries()) {
      actionCount++;
      const action = await trx.insertInto('plan_action').values({
        area_id: areaId, plan_id: plan.id, priority_id: priority.id, reference: a.reference, description: a.action, lead_officer: a.lead,
        senior_responsible_officer: a.sro, partner_organisation: null, start_date: a.startDate, due_date: a.dueDate,
        success_measures: a.successMeasure, evidence: null, created_on: asAt, position: ai + 1,
      }).returning('id').executeTakeFirstOrThrow();
      let updateId: string | null = null;
      if (a.update) {
        const u = await trx.insertInto('plan_action_update').values({
          area_id: areaId, plan_id: plan.id, action_id: action.id, update_date: asAt, narrative: a.update, evidence_url: null, evidence_text: null, new_status: a.status, ...who,
        }).returning('id').executeTakeFirstOrThrow();
        updateId = u.id;
      }
      await trx.insertInto('plan_action_status').values({
        area_id: areaId, plan_id: plan.id, action_id: action.id, effective_date: asAt, status: a.status, update_id: updateId, ...who,
      }).execute();
    }
  }
  await audit(trx, { ...ctx, areaId }, { action: 'improvement-plan.imported', entityType: 'improvement_plan', entityId: plan.id, detail: { priorities: imported.priorities.length, actions: actionCount, scheme: input.scheme, asAt } });
  return plan.id;
}

/** Validates the file and the details, then creates the plan; throws ImportProblemsError listing every problem. */
export async function importPlanFile(trx: Executor, ctx: AuditContext, areaId: string, input: ImportInput, file: UploadedFile): Promise<string> {
  const result = await readPlanFile(file, input.scheme);
  if (!result.ok) throw new ImportProblemsError(result.problems);
  return createImportedPlan(trx, ctx, areaId, input, result.plan);
}

// ---------------------------------------------------------------------------------------------
// Editing an action's details (not its status: that changes only through dated updates)

export interface ActionDetailsInput {
  description: string;
  leadOfficer: string;
  seniorResponsibleOfficer: string;
  partnerOrganisation: string;
  startDate: string | null;
  dueDate: string | null;
  successMeasures: string;
  evidence: string;
}

export function validateActionDetails(input: ActionDetailsInput): FieldError[] {
  const errors: FieldError[] = [];
  const text = (field: keyof ActionDetailsInput, label: string, max: number, required: boolean) => {
    const v = String(input[field] ?? '').trim();
    if (required && !v) errors.push({ field, message: `Enter the ${label}` });
    else if (v.length > max) errors.push({ field, message: `The ${label} must be ${max.toLocaleString('en-GB')} characters or fewer` });
  };
  text('description', 'action', 5000, true);
  text('leadOfficer', 'lead officer', 200, true);
  text('seniorResponsibleOfficer', 'senior responsible officer', 200, false);
  text('partnerOrganisation', 'partner organisation', 200, false);
  if (!input.dueDate) errors.push({ field: 'dueDate', message: 'Enter the due date' });
  else if (input.startDate && input.dueDate < input.startDate) errors.push({ field: 'dueDate', message: 'The due date must be the same as or after the start date' });
  text('successMeasures', 'success measures', 5000, false);
  text('evidence', 'evidence', 5000, false);
  return errors;
}

export async function editActionDetails(trx: Executor, ctx: AuditContext, planId: string, actionId: string, input: ActionDetailsInput): Promise<void> {
  const plan = await getPlan(trx, planId);
  if (!isUuid(actionId)) throw new NotFoundError('There is no such action');
  const exists = await trx.selectFrom('plan_action').select('id').where('id', '=', actionId).where('plan_id', '=', planId).executeTakeFirst();
  if (!exists) throw new NotFoundError('There is no such action');
  if (plan.status === 'closed') throw new PlanClosedError(plan.name);
  const errors = validateActionDetails(input);
  if (errors.length) throw new ValidationError(errors);
  const opt = (v: string) => v.trim() || null;
  await trx.updateTable('plan_action').set({
    description: input.description.trim(), lead_officer: input.leadOfficer.trim(), senior_responsible_officer: opt(input.seniorResponsibleOfficer),
    partner_organisation: opt(input.partnerOrganisation), start_date: input.startDate, due_date: input.dueDate!, success_measures: opt(input.successMeasures), evidence: opt(input.evidence),
  }).where('id', '=', actionId).execute();
  await audit(trx, ctx, { action: 'plan-action.edited', entityType: 'plan_action', entityId: actionId, detail: { planId } });
}

// ---------------------------------------------------------------------------------------------
// Growing a plan: priorities and actions added after it was imported. An action added later counts
// from the date it was added, so reports for earlier dates are unchanged.

export async function addPriority(trx: Executor, ctx: AuditContext, planId: string, input: { reference: string; title: string }): Promise<string> {
  const plan = await getPlan(trx, planId);
  if (plan.status === 'closed') throw new PlanClosedError(plan.name);
  const reference = input.reference.trim();
  const title = input.title.trim();
  const errors: FieldError[] = [];
  if (!reference) errors.push({ field: 'priorityReference', message: 'Enter the priority\'s reference, for example 6' });
  else if (reference.length > 30) errors.push({ field: 'priorityReference', message: 'The reference must be 30 characters or fewer' });
  else if (await trx.selectFrom('plan_priority').select('id').where('plan_id', '=', planId).where('reference', '=', reference).executeTakeFirst()) {
    errors.push({ field: 'priorityReference', message: `The plan already has a priority ${reference}` });
  }
  if (!title) errors.push({ field: 'priorityTitle', message: 'Enter the priority\'s title' });
  else if (title.length > 2000) errors.push({ field: 'priorityTitle', message: 'The title must be 2,000 characters or fewer' });
  if (errors.length) throw new ValidationError(errors);
  const p = await trx.selectFrom('improvement_plan').select('area_id').where('id', '=', planId).executeTakeFirstOrThrow();
  const last = await trx.selectFrom('plan_priority').select((eb) => eb.fn.max('position').as('n')).where('plan_id', '=', planId).executeTakeFirst();
  const inspectionFinding = plan.inspectionId
    ? await trx.selectFrom('inspection_finding').select('id').where('inspection_id', '=', plan.inspectionId).where('reference', '=', reference).where('kind', 'in', ['area-for-priority-action', 'significant-weakness']).executeTakeFirst()
    : undefined;
  const row = await trx.insertInto('plan_priority').values({
    area_id: p.area_id, plan_id: planId, reference, title, finding_id: inspectionFinding?.id ?? null, position: Number(last?.n ?? 0) + 1,
  }).returning('id').executeTakeFirstOrThrow();
  await audit(trx, ctx, { action: 'plan-priority.added', entityType: 'improvement_plan', entityId: planId, detail: { priorityId: row.id } });
  return row.id;
}

export interface NewActionInput extends ActionDetailsInput {
  priorityId: string;
  reference: string;
  status: string;
  /** The date the action joined the plan (its first status is from then). */
  addedOn: string | null;
}

export async function addAction(trx: Executor, ctx: AuditContext, planId: string, input: NewActionInput, today: Temporal.PlainDate): Promise<string> {
  const plan = await getPlan(trx, planId);
  if (plan.status === 'closed') throw new PlanClosedError(plan.name);
  const errors: FieldError[] = [];
  const priority = isUuid(input.priorityId) ? await trx.selectFrom('plan_priority').select(['id', 'area_id']).where('id', '=', input.priorityId).where('plan_id', '=', planId).executeTakeFirst() : undefined;
  if (!priority) errors.push({ field: 'priorityId', message: 'Choose the priority the action belongs to' });
  const reference = input.reference.trim();
  if (!reference) errors.push({ field: 'reference', message: 'Enter the action\'s reference, for example 2.6' });
  else if (reference.length > 30) errors.push({ field: 'reference', message: 'The reference must be 30 characters or fewer' });
  else if (await trx.selectFrom('plan_action').select('id').where('plan_id', '=', planId).where(sql<string>`lower(reference)`, '=', reference.toLowerCase()).executeTakeFirst()) {
    errors.push({ field: 'reference', message: `The plan already has an action ${reference}` });
  }
  errors.push(...validateActionDetails(input));
  if (!isActionStatus(input.status) || !statusesFor(plan.scheme).includes(input.status)) errors.push({ field: 'status', message: 'Choose the action\'s status' });
  if (!input.addedOn) errors.push({ field: 'addedOn', message: 'Enter the date the action was added to the plan' });
  else if (Temporal.PlainDate.compare(Temporal.PlainDate.from(input.addedOn), today) > 0) errors.push({ field: 'addedOn', message: 'The date the action was added must be today or in the past' });
  else if (input.addedOn < plan.createdOn) errors.push({ field: 'addedOn', message: `The date the action was added must be on or after ${plan.createdOn}, when the plan starts in Joined Up` });
  if (errors.length) throw new ValidationError(errors);
  const opt = (v: string) => v.trim() || null;
  const last = await trx.selectFrom('plan_action').select((eb) => eb.fn.max('position').as('n')).where('priority_id', '=', priority!.id).executeTakeFirst();
  const action = await trx.insertInto('plan_action').values({
    area_id: priority!.area_id, plan_id: planId, priority_id: priority!.id, reference, description: input.description.trim(), lead_officer: input.leadOfficer.trim(),
    senior_responsible_officer: opt(input.seniorResponsibleOfficer), partner_organisation: opt(input.partnerOrganisation), start_date: input.startDate, due_date: input.dueDate!,
    success_measures: opt(input.successMeasures), evidence: opt(input.evidence), created_on: input.addedOn!, position: Number(last?.n ?? 0) + 1,
  }).returning('id').executeTakeFirstOrThrow();
  await trx.insertInto('plan_action_status').values({
    area_id: priority!.area_id, plan_id: planId, action_id: action.id, effective_date: input.addedOn!, status: input.status, update_id: null, ...recorder(ctx),
  }).execute();
  await audit(trx, ctx, { action: 'plan-action.added', entityType: 'plan_action', entityId: action.id, detail: { planId, addedOn: input.addedOn, status: input.status } });
  return action.id;
}
