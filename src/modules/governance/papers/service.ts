// Board papers: drafts (title block and narrative) generated from live data as Word, PDF and HTML;
// issuing stores the generated documents and the data exactly as issued, after which the paper is
// immutable (the database refuses changes) and downloads serve the stored bytes.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db-types.ts';
import { withArea, type Executor } from '../../../platform/db/database.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../../../platform/http/errors.ts';
import type { Ctx } from '../risks/service.ts';
import { listSelfEvaluations } from '../selfeval/service.ts';
import { buildPaperData, plansToChoose, type PaperRecord } from './data.ts';
import { paperBlocks, type Block, type PaperData } from './model.ts';
import { renderDocx, type DocMeta } from './docx.ts';
import { renderPdf } from './pdf.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface PaperInput {
  planId: string;
  selfEvaluationId: string;
  asAt: string | null;
  paperDate: string | null;
  reportTo: string;
  reportingOfficer: string;
  subject: string;
}

export interface NarrativeInput { purpose: string; recommendations: string; summary: string; freeText: string }

const PAPER_COLUMNS = ['id', 'plan_id', 'self_evaluation_id', 'as_at', 'paper_date', 'report_to', 'reporting_officer', 'subject', 'purpose', 'recommendations', 'summary', 'free_text', 'status', 'created_at', 'updated_at'] as const;

function realDate(s: string | null): Temporal.PlainDate | null {
  if (!s || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return null;
  try { return Temporal.PlainDate.from(s, { overflow: 'reject' }); } catch { return null; }
}

export async function choices(trx: Executor) {
  const [plans, evaluations] = await Promise.all([plansToChoose(trx), listSelfEvaluations(trx)]);
  return { plans: plans.map((p) => ({ value: p.id, text: `${p.name} (${p.kindLabel})` })), evaluations: evaluations.map((e) => ({ value: e.id, text: e.title })) };
}

/** Problems with a paper's title block and sources (plans and self-evaluations must be this area's). */
export async function paperInputErrors(trx: Executor, input: PaperInput, today: Temporal.PlainDate): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const { plans, evaluations } = await choices(trx);
  if (input.planId ? !plans.some((p) => p.value === input.planId) : plans.length > 0) errors.push({ field: 'planId', message: 'Select the improvement plan the paper reports on' });
  if (input.selfEvaluationId && !evaluations.some((e) => e.value === input.selfEvaluationId)) errors.push({ field: 'selfEvaluationId', message: 'Select a self-evaluation of this area' });
  const asAt = realDate(input.asAt);
  if (!input.asAt) errors.push({ field: 'asAt', message: 'Enter the date the figures are as at' });
  else if (!asAt) errors.push({ field: 'asAt', message: 'The as-at date must be a real date' });
  else if (Temporal.PlainDate.compare(asAt, today) > 0) errors.push({ field: 'asAt', message: 'The as-at date cannot be in the future' });
  if (!input.paperDate) errors.push({ field: 'paperDate', message: 'Enter the date of the meeting or paper' });
  else if (!realDate(input.paperDate)) errors.push({ field: 'paperDate', message: 'The paper date must be a real date' });
  for (const [f, v, label] of [['reportTo', input.reportTo, 'who the report is to'], ['reportingOfficer', input.reportingOfficer, 'the reporting officer'], ['subject', input.subject, 'the subject']] as const) {
    if (!v) errors.push({ field: f, message: `Enter ${label}` });
    else if (v.length > 300) errors.push({ field: f, message: `${label.charAt(0).toUpperCase()}${label.slice(1)} must be 300 characters or fewer` });
  }
  return errors;
}

export function narrativeErrors(n: NarrativeInput): FieldError[] {
  const errors: FieldError[] = [];
  for (const [f, v] of Object.entries(n)) if (v.length > 20000) errors.push({ field: f, message: 'Each section must be 20,000 characters or fewer' });
  return errors;
}

export async function createPaper(db: Kysely<DB>, ctx: Ctx, input: PaperInput, today: Temporal.PlainDate): Promise<string> {
  return withArea(db, ctx.principal.areaId, async (trx) => {
    const errors = await paperInputErrors(trx, input, today);
    if (errors.length) throw new ValidationError(errors);
    const row = await trx.insertInto('board_paper').values({
      area_id: ctx.principal.areaId, plan_id: input.planId || null, self_evaluation_id: input.selfEvaluationId || null, as_at: input.asAt!, paper_date: input.paperDate!,
      report_to: input.reportTo, reporting_officer: input.reportingOfficer, subject: input.subject, created_by: ctx.principal.userId,
      purpose: `To update the ${input.reportTo} on progress against the improvement plan, the risks to delivery and the area's self-evaluation.`,
      recommendations: 'That the report be noted.',
    }).returning('id').executeTakeFirstOrThrow();
    await audit(trx, ctx, { action: 'board-paper.created', entityType: 'board_paper', entityId: row.id, detail: { planId: input.planId || null, asAt: input.asAt } });
    return row.id;
  });
}

export type PaperRow = PaperRecord & { id: string; status: string; created_at: Date; updated_at: Date };

export async function getPaper(trx: Executor, id: string): Promise<PaperRow> {
  if (!UUID.test(id)) throw new NotFoundError();
  const row = await trx.selectFrom('board_paper').select(PAPER_COLUMNS).where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError();
  return row;
}

export async function listPapers(trx: Executor) {
  const rows = await trx.selectFrom('board_paper as p').leftJoin('board_paper_issue as i', 'i.paper_id', 'p.id')
    .select(['p.id', 'p.subject', 'p.report_to', 'p.paper_date', 'p.as_at', 'p.status', 'p.updated_at', 'i.issued_on'])
    .orderBy('p.paper_date', 'desc').orderBy('p.created_at', 'desc').execute();
  return rows;
}

function assertDraft(p: PaperRow): void {
  if (p.status !== 'draft') throw new ConflictError('This paper has been issued and cannot be changed');
}

export async function updatePaper(db: Kysely<DB>, ctx: Ctx, id: string, input: PaperInput, narrative: NarrativeInput, today: Temporal.PlainDate): Promise<void> {
  await withArea(db, ctx.principal.areaId, async (trx) => {
    const paper = await getPaper(trx, id);
    assertDraft(paper);
    const errors = [...await paperInputErrors(trx, input, today), ...narrativeErrors(narrative)];
    if (errors.length) throw new ValidationError(errors);
    await trx.updateTable('board_paper').set({
      plan_id: input.planId || null, self_evaluation_id: input.selfEvaluationId || null, as_at: input.asAt!, paper_date: input.paperDate!,
      report_to: input.reportTo, reporting_officer: input.reportingOfficer, subject: input.subject,
      purpose: narrative.purpose, recommendations: narrative.recommendations, summary: narrative.summary, free_text: narrative.freeText, updated_at: new Date(),
    }).where('id', '=', id).execute();
    await audit(trx, ctx, { action: 'board-paper.updated', entityType: 'board_paper', entityId: id });
  });
}

export function docMeta(data: PaperData): DocMeta {
  return { title: `${data.titleBlock.subject} – ${data.titleBlock.reportTo}`, subject: data.titleBlock.subject, areaName: data.areaName };
}

export interface Generated { data: PaperData; blocks: Block[] }

export async function generate(trx: Executor, paper: PaperRow, areaName: string): Promise<Generated> {
  const data = await buildPaperData(trx, paper, areaName);
  return { data, blocks: paperBlocks(data) };
}

export interface PaperView { paper: PaperRow; blocks: Block[]; issued: { issuedOn: string; issuedAt: Date; docxSha256: string; pdfSha256: string } | null }

/** What the preview shows: an issued paper from its stored data (exactly as issued), a draft from live data. */
export async function paperView(db: Kysely<DB>, areaId: string, areaName: string, id: string): Promise<PaperView> {
  return withArea(db, areaId, async (trx) => {
    const paper = await getPaper(trx, id);
    const issue = await trx.selectFrom('board_paper_issue').select(['issued_on', 'issued_at', 'docx_sha256', 'pdf_sha256', 'data']).where('paper_id', '=', id).executeTakeFirst();
    if (issue) return { paper, blocks: paperBlocks(issue.data as unknown as PaperData), issued: { issuedOn: issue.issued_on, issuedAt: issue.issued_at, docxSha256: issue.docx_sha256, pdfSha256: issue.pdf_sha256 } };
    const g = await generate(trx, paper, areaName);
    return { paper, blocks: g.blocks, issued: null };
  });
}

/** The paper's data: the stored data once issued, otherwise gathered now. */
export async function paperData(db: Kysely<DB>, areaId: string, areaName: string, id: string): Promise<{ data: PaperData; issued: boolean }> {
  return withArea(db, areaId, async (trx) => {
    const paper = await getPaper(trx, id);
    const issue = await trx.selectFrom('board_paper_issue').select('data').where('paper_id', '=', id).executeTakeFirst();
    if (issue) return { data: issue.data as unknown as PaperData, issued: true };
    return { data: (await generate(trx, paper, areaName)).data, issued: false };
  });
}

export type Format = 'docx' | 'pdf';

/** The document bytes: the stored ones once issued, otherwise generated now from live data. */
export async function documentFor(db: Kysely<DB>, areaId: string, areaName: string, id: string, format: Format): Promise<{ bytes: Buffer; filename: string; issued: boolean }> {
  const found = await withArea(db, areaId, async (trx) => {
    const paper = await getPaper(trx, id);
    const issue = await trx.selectFrom('board_paper_issue').select(format).where('paper_id', '=', id).executeTakeFirst();
    if (issue) return { paper, bytes: Buffer.from(issue[format] as Uint8Array), generated: null };
    return { paper, bytes: null, generated: await generate(trx, paper, areaName) };
  });
  const bytes = found.bytes ?? (format === 'docx' ? await renderDocx(found.generated!.blocks, docMeta(found.generated!.data)) : await renderPdf(found.generated!.blocks, docMeta(found.generated!.data)));
  return { bytes, filename: fileName(found.paper, format), issued: found.bytes !== null };
}

export function fileName(p: { paper_date: string; subject: string }, format: Format): string {
  const slug = p.subject.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'board-paper';
  return `${p.paper_date}-${slug}.${format}`;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Issues a draft: generates both documents from the data as it is now and stores them with the data. */
export async function issuePaper(db: Kysely<DB>, ctx: Ctx, id: string, today: Temporal.PlainDate): Promise<void> {
  if (!UUID.test(id)) throw new NotFoundError();
  await withArea(db, ctx.principal.areaId, async (trx) => {
    // Lock the row first, so of two people issuing at once the second sees it issued (409).
    await trx.selectFrom('board_paper').select('id').where('id', '=', id).forUpdate().execute();
    const paper = await getPaper(trx, id);
    assertDraft(paper);
    const { data, blocks } = await generate(trx, paper, ctx.principal.areaName);
    const meta = docMeta(data);
    const [docx, pdf] = [await renderDocx(blocks, meta), await renderPdf(blocks, meta)];
    await trx.insertInto('board_paper_issue').values({
      paper_id: id, area_id: ctx.principal.areaId, issued_on: today.toString(), issued_by: ctx.principal.userId,
      docx, pdf, docx_sha256: sha256(docx), pdf_sha256: sha256(pdf), data: JSON.stringify(data),
    }).execute();
    await trx.updateTable('board_paper').set({ status: 'issued', updated_at: new Date() }).where('id', '=', id).execute();
    await audit(trx, ctx, { action: 'board-paper.issued', entityType: 'board_paper', entityId: id, detail: { issuedOn: today.toString(), docxSha256: sha256(docx), pdfSha256: sha256(pdf) } });
  });
}
