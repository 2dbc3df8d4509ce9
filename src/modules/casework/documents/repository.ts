// Kysely queries for case documents and letter templates. Every function takes the executor it runs on.
import type { Executor } from '../../../platform/db/database.ts';
import { LETTER_KINDS, LETTER_KIND_KEYS, type LetterKind } from './letters.ts';

export interface DocumentFileInfo { format: 'original' | 'docx' | 'pdf'; fileName: string; contentType: string; sizeBytes: number; sha256: string }
export interface CaseDocumentInfo {
  id: string;
  source: 'upload' | 'letter';
  kind: string;
  title: string;
  eventId: string | null;
  adviceEventId: string | null;
  templateVersion: number | null;
  createdAt: Date;
  createdByName: string | null;
  files: DocumentFileInfo[];
}

/** A case's documents, oldest first, with their files' details but never their bytes. */
export async function listCaseDocuments(db: Executor, caseId: string): Promise<CaseDocumentInfo[]> {
  const docs = await db.selectFrom('case_document as d').leftJoin('app_user as u', 'u.id', 'd.created_by')
    .leftJoin('document_template_version as t', 't.id', 'd.template_version_id')
    .select(['d.id', 'd.source', 'd.kind', 'd.title', 'd.event_id', 'd.advice_event_id', 'd.created_at', 'u.name as created_by_name', 't.version as template_version'])
    .where('d.case_id', '=', caseId).orderBy('d.created_at').orderBy('d.id').execute();
  if (!docs.length) return [];
  const files = await db.selectFrom('case_document_file').select(['document_id', 'format', 'file_name', 'content_type', 'size_bytes', 'sha256'])
    .where('document_id', 'in', docs.map((d) => d.id)).orderBy('format').execute();
  return docs.map((d) => ({
    id: d.id, source: d.source, kind: d.kind, title: d.title, eventId: d.event_id, adviceEventId: d.advice_event_id, templateVersion: d.template_version,
    createdAt: d.created_at, createdByName: d.created_by_name,
    files: files.filter((f) => f.document_id === d.id).map((f) => ({ format: f.format, fileName: f.file_name, contentType: f.content_type, sizeBytes: f.size_bytes, sha256: f.sha256 })),
  }));
}

export async function getDocumentFile(db: Executor, caseId: string, documentId: string, format: string) {
  return db.selectFrom('case_document as d').innerJoin('case_document_file as f', 'f.document_id', 'd.id')
    .select(['d.id', 'd.source', 'd.kind', 'f.format', 'f.file_name', 'f.content_type', 'f.size_bytes', 'f.sha256', 'f.bytes'])
    .where('d.id', '=', documentId).where('d.case_id', '=', caseId).where('f.format', '=', format as 'original').executeTakeFirst();
}

export interface TemplateVersion { id: string; kind: LetterKind; version: number; subject: string; body: string; createdAt: Date; createdByName: string | null }

/**
 * Installs the shipped wording as version 1 of every letter kind the area has no template for.
 * Idempotent and safe to race: a version another transaction has just written is left alone.
 */
export async function installDefaultTemplates(db: Executor, areaId: string): Promise<number> {
  const rows = LETTER_KIND_KEYS.map((kind) => ({ area_id: areaId, kind, version: 1, subject: LETTER_KINDS[kind].subject, body: LETTER_KINDS[kind].body, created_by: null }));
  const inserted = await db.insertInto('document_template_version').values(rows).onConflict((oc) => oc.columns(['area_id', 'kind', 'version']).doNothing()).returning('id').execute();
  return inserted.length;
}

/** The current (highest) version of each kind the area has. */
export async function currentTemplates(db: Executor, areaId: string): Promise<Map<LetterKind, TemplateVersion>> {
  const rows = await db.selectFrom('document_template_version as t').leftJoin('app_user as u', 'u.id', 't.created_by')
    .select(['t.id', 't.kind', 't.version', 't.subject', 't.body', 't.created_at', 'u.name as created_by_name'])
    .where('t.area_id', '=', areaId)
    .where(({ eb, selectFrom }) => eb('t.version', '=', selectFrom('document_template_version as x').select(({ fn }) => fn.max('x.version').as('v')).whereRef('x.area_id', '=', 't.area_id').whereRef('x.kind', '=', 't.kind')))
    .execute();
  return new Map(rows.map((r) => [r.kind as LetterKind, toVersion(r)]));
}

export async function templateVersions(db: Executor, areaId: string, kind: LetterKind): Promise<TemplateVersion[]> {
  const rows = await db.selectFrom('document_template_version as t').leftJoin('app_user as u', 'u.id', 't.created_by')
    .select(['t.id', 't.kind', 't.version', 't.subject', 't.body', 't.created_at', 'u.name as created_by_name'])
    .where('t.area_id', '=', areaId).where('t.kind', '=', kind).orderBy('t.version', 'desc').execute();
  return rows.map(toVersion);
}

function toVersion(r: { id: string; kind: string; version: number; subject: string; body: string; created_at: Date; created_by_name: string | null }): TemplateVersion {
  return { id: r.id, kind: r.kind as LetterKind, version: r.version, subject: r.subject, body: r.body, createdAt: r.created_at, createdByName: r.created_by_name };
}
