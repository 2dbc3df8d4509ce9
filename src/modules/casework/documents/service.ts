// Case documents: uploads (advice, evidence), letters issued from the area's templates, plan documents,
// and the templates themselves. Each change is one area transaction with its audit row; every read of
// a child's document checks the policy on the case and is audited in the same transaction.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db-types.ts';
import { asSystem, withArea, type Executor } from '../../../platform/db/database.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { authorise } from '../../../platform/auth/policy.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/http/errors.ts';
import { renderDocx, type DocMeta } from '../../governance/papers/docx.ts';
import { renderPdf } from '../../governance/papers/pdf.ts';
import { longDate, type Block } from '../../governance/papers/model.ts';
import { EVENT_LABELS, type PlanData } from '../events.ts';
import { effectiveEvents, fold } from '../fold.ts';
import { planVersions } from '../plan-versions.ts';
import * as caseRepo from '../repository.ts';
import { loadForAccess, type CaseCtx, type CaseworkDeps } from '../service.ts';
import {
  LETTER_KINDS, LETTER_KIND_KEYS, caseReference, checkLetterTemplate, isLetterKind, letterBlocks, letterKindFor, planBlocks, placeholdersFor,
  type LetterFacts, type LetterKind,
} from './letters.ts';
import * as repo from './repository.ts';
import { sniffFile } from './sniff.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
type Trx = Parameters<Parameters<typeof withArea>[2]>[0];

export const UPLOAD_KINDS = {
  'advice-ep': 'Advice from an educational psychologist',
  'advice-health': 'Advice from health',
  'advice-social-care': 'Advice from social care',
  'advice-setting': 'Advice from the school, college or setting',
  'evidence': 'Evidence',
  'other': 'Other',
} as const;
export type UploadKind = keyof typeof UPLOAD_KINDS;

export const FORMAT_TYPES = { docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', pdf: 'application/pdf' } as const;
export type LetterFormat = keyof typeof FORMAT_TYPES;

// ---------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------

/** Makes sure every area has the shipped wording (first start, and new areas). */
export async function installDefaultTemplatesEverywhere(db: Kysely<DB>): Promise<number> {
  return asSystem(db, async (trx) => {
    let n = 0;
    for (const a of await trx.selectFrom('area').select('id').execute()) n += await repo.installDefaultTemplates(trx, a.id);
    return n;
  });
}

/** The current templates, installing the defaults first for an area created since the last start. */
async function ensureTemplates(trx: Executor, areaId: string) {
  let current = await repo.currentTemplates(trx, areaId);
  if (current.size < LETTER_KIND_KEYS.length) {
    await repo.installDefaultTemplates(trx, areaId);
    current = await repo.currentTemplates(trx, areaId);
  }
  return current;
}

export async function listTemplates(deps: CaseworkDeps, ctx: CaseCtx) {
  const p = authorise(ctx.principal, 'admin.templates');
  return withArea(deps.db, p.areaId, async (trx) => {
    const current = await ensureTemplates(trx, p.areaId);
    return LETTER_KIND_KEYS.map((kind) => ({ kind, label: LETTER_KINDS[kind].label, current: current.get(kind)! }));
  });
}

function kindOrNotFound(kind: string): LetterKind {
  if (!isLetterKind(kind)) throw new NotFoundError();
  return kind;
}

export async function templateHistory(deps: CaseworkDeps, ctx: CaseCtx, kindParam: string) {
  const p = authorise(ctx.principal, 'admin.templates');
  const kind = kindOrNotFound(kindParam);
  return withArea(deps.db, p.areaId, async (trx) => {
    await ensureTemplates(trx, p.areaId);
    return { kind, label: LETTER_KINDS[kind].label, placeholders: placeholdersFor(kind), versions: await repo.templateVersions(trx, p.areaId, kind) };
  });
}

/** A sample case, so an administrator sees a template filled in before saving it. */
export function sampleFacts(kind: LetterKind, councilName: string, today: Temporal.PlainDate): LetterFacts {
  const event = LETTER_KINDS[kind].events[0]!;
  const decided = today.subtract({ days: 2 }).toString();
  const plan: PlanData = {
    a: 'Sam loves drawing and wants to become an illustrator.',
    needs: [{ senType: 'SLCN', description: 'Sam finds it hard to follow spoken instructions.', outcomes: ['By the end of Year 6, Sam follows two-step instructions in class.'], provision: ['Speech and language therapy, 30 minutes a week.'] }],
    namedSetting: { name: 'Riverside Primary School' },
  };
  return {
    councilName, letterDate: today.toString(), caseReference: 'EHC-SAMPLE01', child: { givenName: 'Sam', familyName: 'Sample', dateOfBirth: '2016-04-01' },
    carerNames: ['Jo Sample'], caseworkerName: 'A caseworker',
    event: { type: event, effectiveDate: decided, data: { reasons: 'The reasons recorded with the decision appear here.', decision: 'maintain', reason: '2' } },
    requestReceived: today.subtract({ weeks: 6 }).toString(),
    deadlines: [{ key: 'decision-not-to-issue', due: today.add({ weeks: 10 }).toString() }, { key: 'final-plan', due: today.add({ weeks: 14 }).toString() }, { key: 'representations', due: today.add({ days: 13 }).toString() }],
    plan,
  };
}

/** Checks a template and shows it filled in with a sample case; saves nothing. */
export function previewTemplate(kindParam: string, input: { subject: string; body: string }, councilName: string, today: Temporal.PlainDate): { subject: string; blocks: Block[] } {
  const kind = kindOrNotFound(kindParam);
  const errors = checkLetterTemplate(kind, input.subject, input.body);
  if (errors.length) throw new ValidationError(errors);
  return letterBlocks(kind, input, sampleFacts(kind, councilName, today), 'Final EHC plan (sample)');
}

/** Saves an edited template as the next version. A bad placeholder or brace saves nothing. */
export async function saveTemplate(deps: CaseworkDeps, ctx: CaseCtx, kindParam: string, input: { subject: string; body: string }): Promise<{ id: string; version: number }> {
  const p = authorise(ctx.principal, 'admin.templates');
  const kind = kindOrNotFound(kindParam);
  const subject = input.subject.trim();
  const body = input.body.replace(/\r\n/g, '\n').trim();
  const errors = checkLetterTemplate(kind, subject, body);
  if (errors.length) throw new ValidationError(errors);
  try {
    return await withArea(deps.db, p.areaId, async (trx) => {
      const current = (await ensureTemplates(trx, p.areaId)).get(kind)!;
      const row = await trx.insertInto('document_template_version').values({ area_id: p.areaId, kind, version: current.version + 1, subject, body, created_by: p.userId })
        .returning(['id', 'version']).executeTakeFirstOrThrow();
      await audit(trx, ctx, { action: 'letter-template.saved', entityType: 'document_template_version', entityId: row.id, detail: { kind, version: row.version, previousVersionId: current.id } });
      return row;
    });
  } catch (err) {
    // Two administrators saving at once: the unique (area, kind, version) refuses the second.
    if ((err as { code?: string }).code === '23505') throw new ConflictError('Someone else saved this template at the same time. Reload the page to see their version, then make your changes again.');
    throw err;
  }
}

// ---------------------------------------------------------------------------
// Letters
// ---------------------------------------------------------------------------

export interface LetterCandidate { eventId: string; type: string; label: string; effectiveDate: string; kind: LetterKind; kindLabel: string; documentId: string | null }

/** The events on a case that warrant a letter, each with the letter issued for it, if any. */
export function letterCandidates(events: Parameters<typeof effectiveEvents>[0], documents: readonly repo.CaseDocumentInfo[]): LetterCandidate[] {
  const out: LetterCandidate[] = [];
  for (const e of effectiveEvents(events).live) {
    const kind = letterKindFor(e.type);
    if (!kind) continue;
    const doc = documents.find((d) => d.source === 'letter' && d.eventId === e.id);
    out.push({ eventId: e.id, type: e.type, label: EVENT_LABELS[e.type], effectiveDate: e.effectiveDate, kind, kindLabel: LETTER_KINDS[kind].label, documentId: doc?.id ?? null });
  }
  return out;
}

async function letterFor(deps: CaseworkDeps, ctx: CaseCtx, trx: Trx, caseId: string, eventId: string) {
  const row = await loadForAccess(trx, ctx.principal, caseId, 'case.letter-issue');
  const events = await caseRepo.loadEvents(trx, caseId);
  const event = UUID.test(eventId) ? effectiveEvents(events).live.find((e) => e.id === eventId) : undefined;
  if (!event) throw new NotFoundError();
  const kind = letterKindFor(event.type);
  if (!kind) throw new ValidationError([{ field: 'eventId', message: `${EVENT_LABELS[event.type]} does not need a letter` }]);
  const template = (await ensureTemplates(trx, ctx.principal.areaId)).get(kind)!;
  const today = deps.clock.today();
  const summary = fold(events, today);
  const version = planVersions(events).find((v) => v.eventId === event.id);
  const facts: LetterFacts = {
    councilName: ctx.principal.areaName, letterDate: today.toString(), caseReference: caseReference(caseId),
    child: { givenName: row.given_name, familyName: row.family_name, dateOfBirth: row.date_of_birth },
    carerNames: (row.carers ?? []).map((c) => c.name), caseworkerName: ctx.principal.name,
    event: { type: event.type, effectiveDate: event.effectiveDate, data: event.data },
    requestReceived: summary.requestReceived, deadlines: summary.deadlines.map((d) => ({ key: d.key, due: d.due })), plan: version?.plan ?? null,
  };
  const planLabel = event.type === 'draft-plan-issued' ? 'Draft education, health and care plan' : event.type === 'amended-plan-issued' ? 'Amended education, health and care plan' : 'Final education, health and care plan';
  return { row, event, kind, template, rendered: letterBlocks(kind, template, facts, planLabel) };
}

/** The letter as it would be issued now (read-only; audited as a view of the case). */
export async function previewLetter(deps: CaseworkDeps, ctx: CaseCtx, caseId: string, eventId: string) {
  authorise(ctx.principal, 'case.letter-issue');
  return withArea(deps.db, ctx.principal.areaId, async (trx) => {
    const l = await letterFor(deps, ctx, trx, caseId, eventId);
    const issued = await trx.selectFrom('case_document').select(['id', 'created_at']).where('event_id', '=', l.event.id).where('source', '=', 'letter').executeTakeFirst();
    await audit(trx, ctx, { action: 'case.letter-previewed', entityType: 'ehc_case', entityId: caseId, detail: { childId: l.row.child_id, eventId: l.event.id, kind: l.kind, templateVersionId: l.template.id } });
    return { case: l.row, kind: l.kind, kindLabel: LETTER_KINDS[l.kind].label, event: { id: l.event.id, label: EVENT_LABELS[l.event.type], effectiveDate: l.event.effectiveDate }, templateVersion: l.template.version, ...l.rendered, issued: issued ?? null };
  });
}

function fileSlug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'document';
}

/** Issues the letter an event warrants: rendered once, stored as Word and PDF, never changed. */
export async function issueLetter(deps: CaseworkDeps, ctx: CaseCtx, caseId: string, eventId: string): Promise<{ documentId: string; kind: LetterKind }> {
  authorise(ctx.principal, 'case.letter-issue');
  return withArea(deps.db, ctx.principal.areaId, async (trx) => {
    if (UUID.test(caseId)) await caseRepo.lockCase(trx, caseId);
    const l = await letterFor(deps, ctx, trx, caseId, eventId);
    const already = await trx.selectFrom('case_document').select('created_at').where('event_id', '=', l.event.id).where('source', '=', 'letter').executeTakeFirst();
    if (already) throw new ValidationError([{ field: 'eventId', message: `The ${LETTER_KINDS[l.kind].label.toLowerCase()} letter for this event was already issued on ${longDate(Temporal.Instant.fromEpochMilliseconds(already.created_at.getTime()).toZonedDateTimeISO('Europe/London').toPlainDate().toString())}: download it from the case page` }]);
    const meta: DocMeta = { title: l.rendered.subject, subject: LETTER_KINDS[l.kind].label, areaName: ctx.principal.areaName, description: 'Letter generated by Joined Up' };
    const docx = await renderDocx(l.rendered.blocks, meta);
    const pdf = await renderPdf(l.rendered.blocks, meta);
    const doc = await trx.insertInto('case_document').values({
      area_id: ctx.principal.areaId, case_id: caseId, source: 'letter', kind: l.kind, title: `${LETTER_KINDS[l.kind].label} letter`, event_id: l.event.id,
      template_version_id: l.template.id, created_by: ctx.principal.userId, created_at: deps.clock.now(),
    }).returning('id').executeTakeFirstOrThrow();
    const base = `${deps.clock.today().toString()}-${fileSlug(LETTER_KINDS[l.kind].label)}-${caseReference(caseId).toLowerCase()}`;
    const files = { docx, pdf };
    for (const format of ['docx', 'pdf'] as const) {
      const bytes = files[format];
      await trx.insertInto('case_document_file').values({ document_id: doc.id, area_id: ctx.principal.areaId, format, file_name: `${base}.${format}`, content_type: FORMAT_TYPES[format], size_bytes: bytes.length, sha256: sha256(bytes), bytes }).execute();
    }
    await audit(trx, ctx, { action: 'case.letter-issued', entityType: 'ehc_case', entityId: caseId, detail: { childId: l.row.child_id, documentId: doc.id, eventId: l.event.id, kind: l.kind, templateVersionId: l.template.id, docxSha256: sha256(docx), pdfSha256: sha256(pdf) } });
    return { documentId: doc.id, kind: l.kind };
  });
}

/** A version of the plan (draft, final or amended) as Word or PDF, rendered from the event's data. */
export async function planDocument(deps: CaseworkDeps, ctx: CaseCtx, caseId: string, eventId: string, format: LetterFormat): Promise<{ bytes: Buffer; fileName: string }> {
  authorise(ctx.principal, 'case.document-download');
  const found = await withArea(deps.db, ctx.principal.areaId, async (trx) => {
    const row = await loadForAccess(trx, ctx.principal, caseId, 'case.document-download');
    const version = planVersions(await caseRepo.loadEvents(trx, caseId)).find((v) => v.eventId === eventId);
    if (!version) throw new NotFoundError();
    await audit(trx, ctx, { action: 'case.plan-downloaded', entityType: 'ehc_case', entityId: caseId, detail: { childId: row.child_id, eventId, format } });
    return { row, version };
  });
  const title = found.version.type === 'draft-plan-issued' ? 'Draft education, health and care plan' : found.version.type === 'amended-plan-issued' ? 'Amended education, health and care plan' : 'Final education, health and care plan';
  const blocks = planBlocks(found.version.plan, {
    title, childName: `${found.row.given_name} ${found.row.family_name}`, dateOfBirth: found.row.date_of_birth, issuedOn: found.version.issuedOn, reference: caseReference(caseId), draft: found.version.type === 'draft-plan-issued',
  });
  const meta: DocMeta = { title, subject: title, areaName: ctx.principal.areaName, description: 'EHC plan generated by Joined Up' };
  const bytes = format === 'docx' ? await renderDocx(blocks, meta) : await renderPdf(blocks, meta);
  return { bytes, fileName: `${found.version.issuedOn}-${fileSlug(title)}-${caseReference(caseId).toLowerCase()}.${format}` };
}

// ---------------------------------------------------------------------------
// Uploads and downloads
// ---------------------------------------------------------------------------

export interface UploadInput { fileName: string; bytes: Buffer; kind: string; adviceEventId?: string | undefined }

/** A file name safe to store and to send back in Content-Disposition: no path, no control characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // Control characters (code points below 32, and 127) could split a header or hide part of the name.
  return [...base].filter((ch) => ch.charCodeAt(0) >= 32 && ch.charCodeAt(0) !== 127 && ch !== '"').join('').trim().slice(-200) || 'upload';
}

export async function uploadDocument(deps: CaseworkDeps, ctx: CaseCtx, caseId: string, input: UploadInput): Promise<{ documentId: string; contentType: string }> {
  authorise(ctx.principal, 'case.document-upload');
  const errors: { field: string; message: string }[] = [];
  if (!Object.prototype.hasOwnProperty.call(UPLOAD_KINDS, input.kind)) errors.push({ field: 'kind', message: 'Select what kind of document this is' });
  const fileName = cleanFileName(input.fileName);
  let contentType = '';
  if (!input.fileName) errors.push({ field: 'file', message: 'Select a file' });
  else {
    const sniffed = sniffFile(input.bytes, fileName);
    if (sniffed.ok) contentType = sniffed.contentType;
    else errors.push({ field: 'file', message: sniffed.message });
  }
  const adviceEventId = input.adviceEventId?.trim() || undefined;
  if (adviceEventId && !UUID.test(adviceEventId)) errors.push({ field: 'adviceEventId', message: 'Select an advice request on this case' });
  if (errors.length) throw new ValidationError(errors);
  return withArea(deps.db, ctx.principal.areaId, async (trx) => {
    const row = await loadForAccess(trx, ctx.principal, caseId, 'case.document-upload');
    if (adviceEventId) {
      const live = effectiveEvents(await caseRepo.loadEvents(trx, caseId)).live;
      if (!live.some((e) => e.id === adviceEventId && e.type === 'advice-requested')) throw new ValidationError([{ field: 'adviceEventId', message: 'Select an advice request on this case' }]);
    }
    const doc = await trx.insertInto('case_document').values({
      area_id: ctx.principal.areaId, case_id: caseId, source: 'upload', kind: input.kind, title: fileName, advice_event_id: adviceEventId ?? null, created_by: ctx.principal.userId, created_at: deps.clock.now(),
    }).returning('id').executeTakeFirstOrThrow();
    const hash = sha256(input.bytes);
    await trx.insertInto('case_document_file').values({ document_id: doc.id, area_id: ctx.principal.areaId, format: 'original', file_name: fileName, content_type: contentType, size_bytes: input.bytes.length, sha256: hash, bytes: input.bytes }).execute();
    await audit(trx, ctx, { action: 'case.document-uploaded', entityType: 'ehc_case', entityId: caseId, detail: { childId: row.child_id, documentId: doc.id, kind: input.kind, contentType, sizeBytes: input.bytes.length, sha256: hash, adviceEventId: adviceEventId ?? null } });
    return { documentId: doc.id, contentType };
  });
}

export async function listDocuments(deps: CaseworkDeps, ctx: CaseCtx, caseId: string) {
  authorise(ctx.principal, 'case.view');
  return withArea(deps.db, ctx.principal.areaId, async (trx) => {
    const row = await loadForAccess(trx, ctx.principal, caseId, 'case.view');
    const documents = await repo.listCaseDocuments(trx, caseId);
    await audit(trx, ctx, { action: 'case.documents-listed', entityType: 'ehc_case', entityId: caseId, detail: { childId: row.child_id, documents: documents.length } });
    return documents;
  });
}

/** A stored file, after the policy allows it on this request; the download is audited. */
export async function downloadDocument(deps: CaseworkDeps, ctx: CaseCtx, caseId: string, documentId: string, format: string) {
  authorise(ctx.principal, 'case.document-download');
  if (!['original', 'docx', 'pdf'].includes(format)) throw new NotFoundError();
  return withArea(deps.db, ctx.principal.areaId, async (trx) => {
    const row = await loadForAccess(trx, ctx.principal, caseId, 'case.document-download');
    const file = UUID.test(documentId) ? await repo.getDocumentFile(trx, caseId, documentId, format) : undefined;
    if (!file) throw new NotFoundError();
    await audit(trx, ctx, { action: 'case.document-downloaded', entityType: 'ehc_case', entityId: caseId, detail: { childId: row.child_id, documentId, format, sha256: file.sha256 } });
    return { bytes: Buffer.from(file.bytes), fileName: file.file_name, contentType: file.content_type };
  });
}
