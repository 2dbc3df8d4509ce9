// Pages and API for a case's documents: uploading advice and evidence (multipart, checked by content),
// downloading (the policy is asked on every request, and the download audited), issuing letters from
// the area's templates, plan documents, and the area administrator's letter templates.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorise } from '../../../platform/auth/policy.ts';
import { field } from '../../../platform/forms/forms.ts';
import { ValidationError } from '../../../platform/http/errors.ts';
import { sendProblem } from '../../../platform/http/problem.ts';
import { viewCase } from '../service.ts';
import { LETTER_KINDS, placeholdersFor } from './letters.ts';
import * as docs from './service.ts';
import { ACCEPTED } from './sniff.ts';
import { caseDocumentsSection } from './section.ts';

const V = 'modules/casework/documents/views';

interface Upload { fields: Record<string, string>; file: { fileName: string; bytes: Buffer } | null; tooLarge: boolean }

/** Reads a multipart form: its fields and its one file. A file over the limit is reported, not thrown. */
async function readUpload(req: FastifyRequest): Promise<Upload> {
  const out: Upload = { fields: {}, file: null, tooLarge: false };
  if (!req.isMultipart()) return out;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        // A file input left empty still sends a part, with no name and no bytes.
        if (part.filename && !out.file) out.file = { fileName: part.filename, bytes };
      } else if (typeof part.value === 'string' && part.value.length <= 1000) {
        out.fields[part.fieldname] = part.value;
      }
    }
  } catch (err) {
    // Over the limit: the plugin stops reading and fails the whole form; say so on the page.
    if ((err as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw err;
    out.tooLarge = true;
  }
  return out;
}

/** Content-Disposition for a download: an ASCII fallback name and the exact name (RFC 6266). */
function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

function sendFile(reply: FastifyReply, file: { bytes: Buffer; fileName: string; contentType: string }): FastifyReply {
  return reply.code(200).type(file.contentType).header('content-disposition', attachment(file.fileName))
    .header('x-content-type-options', 'nosniff').header('cache-control', 'private, no-store').send(file.bytes);
}

export function registerCaseDocuments(app: FastifyInstance): void {
  const { ctx } = app;
  const deps = { db: ctx.database.db, clock: ctx.clock };
  const auditCtx = (req: FastifyRequest) => ({ principal: req.principal!, ip: req.ip, requestId: req.id });
  const limitMb = Math.round(ctx.config.uploadLimitBytes / (1024 * 1024));
  const tooLargeMessage = `The selected file must be smaller than ${limitMb} MB`;

  ctx.navItems.push({ href: '/letter-templates', text: 'Letter templates', permission: 'admin.templates', order: 85 });

  // --- Uploading on the case page ---
  const uploadPage = async (req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const p = authorise(req.principal, 'case.document-upload');
    const view = await viewCase(deps, auditCtx(req), req.params.id);
    return reply.page(`${V}/upload.njk`, { title: 'Upload a document', c: view.case, ds: caseDocumentsSection(p, view, ctx.config.uploadLimitBytes), values: {}, ...extra }, status);
  };
  app.get<{ Params: { id: string } }>('/casework/cases/:id/documents/new', (req, reply) => uploadPage(req, reply));
  app.post<{ Params: { id: string } }>('/casework/cases/:id/documents', async (req, reply) => {
    authorise(req.principal, 'case.document-upload');
    const upload = await readUpload(req);
    const values = upload.fields;
    if (upload.tooLarge) return uploadPage(req, reply, { errors: [{ field: 'file', message: tooLargeMessage }], values }, 413);
    try {
      await docs.uploadDocument(deps, auditCtx(req), req.params.id, { fileName: upload.file?.fileName ?? '', bytes: upload.file?.bytes ?? Buffer.alloc(0), kind: values['kind'] ?? '', adviceEventId: values['adviceEventId'] });
    } catch (err) {
      if (err instanceof ValidationError) return uploadPage(req, reply, { errors: err.errors, values }, 400);
      throw err;
    }
    return reply.redirect(`/casework/cases/${req.params.id}?done=uploaded#documents`, 303);
  });

  // --- Downloading: the policy and the audit on every request ---
  app.get<{ Params: { id: string; docId: string; format: string } }>('/casework/cases/:id/documents/:docId/:format', async (req, reply) => {
    authorise(req.principal, 'case.document-download');
    return sendFile(reply, await docs.downloadDocument(deps, auditCtx(req), req.params.id, req.params.docId, req.params.format));
  });
  for (const format of ['docx', 'pdf'] as const) {
    app.get<{ Params: { id: string; eventId: string } }>(`/casework/cases/:id/plan/:eventId/plan.${format}`, async (req, reply) => {
      authorise(req.principal, 'case.document-download');
      const doc = await docs.planDocument(deps, auditCtx(req), req.params.id, req.params.eventId, format);
      return sendFile(reply, { ...doc, contentType: docs.FORMAT_TYPES[format] });
    });
  }

  // --- Letters: preview, then issue ---
  const letterPage = async (req: FastifyRequest<{ Params: { id: string; eventId: string } }>, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const l = await docs.previewLetter(deps, auditCtx(req), req.params.id, req.params.eventId);
    return reply.page(`${V}/letter.njk`, { title: `${l.kindLabel} letter`, l, ...extra }, status);
  };
  app.get<{ Params: { id: string; eventId: string } }>('/casework/cases/:id/letters/:eventId', (req, reply) => letterPage(req, reply));
  app.post<{ Params: { id: string; eventId: string } }>('/casework/cases/:id/letters/:eventId', async (req, reply) => {
    authorise(req.principal, 'case.letter-issue');
    try {
      await docs.issueLetter(deps, auditCtx(req), req.params.id, req.params.eventId);
    } catch (err) {
      if (err instanceof ValidationError) return letterPage(req, reply, { errors: err.errors }, 400);
      throw err;
    }
    return reply.redirect(`/casework/cases/${req.params.id}?done=letter#documents`, 303);
  });

  // --- Letter templates (area administrator) ---
  app.get<{ Querystring: { done?: string } }>('/letter-templates', async (req, reply) => {
    const templates = await docs.listTemplates(deps, auditCtx(req));
    return reply.page(`${V}/templates.njk`, { title: 'Letter templates', templates, flash: req.query.done === 'saved' ? 'The template has been saved as a new version' : undefined });
  });
  const editPage = async (req: FastifyRequest<{ Params: { kind: string } }>, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const h = await docs.templateHistory(deps, auditCtx(req), req.params.kind);
    const current = h.versions[0]!;
    return reply.page(`${V}/template-edit.njk`, { title: `Edit the ${h.label.toLowerCase()} letter`, h, current, values: { subject: current.subject, body: current.body }, ...extra }, status);
  };
  app.get<{ Params: { kind: string } }>('/letter-templates/:kind', (req, reply) => editPage(req, reply));
  app.post<{ Params: { kind: string } }>('/letter-templates/:kind', async (req, reply) => {
    authorise(req.principal, 'admin.templates');
    // Not trimmed: the text is saved as written (the service trims the ends only).
    const values = { subject: field(req.body, 'subject'), body: String((req.body as Record<string, unknown> | undefined)?.['body'] ?? '') };
    try {
      if (field(req.body, 'action') === 'preview') {
        const preview = docs.previewTemplate(req.params.kind, values, req.principal!.areaName, ctx.clock.today());
        return await editPage(req, reply, { values, preview });
      }
      await docs.saveTemplate(deps, auditCtx(req), req.params.kind, values);
    } catch (err) {
      if (err instanceof ValidationError) return editPage(req, reply, { errors: err.errors, values }, 400);
      throw err;
    }
    return reply.redirect('/letter-templates?done=saved', 303);
  });
  app.get<{ Params: { kind: string }; Querystring: { version?: string } }>('/letter-templates/:kind/history', async (req, reply) => {
    const h = await docs.templateHistory(deps, auditCtx(req), req.params.kind);
    const shown = h.versions.find((v) => String(v.version) === req.query.version) ?? h.versions[0]!;
    return reply.page(`${V}/template-history.njk`, { title: `Versions of the ${h.label.toLowerCase()} letter`, h, shown });
  });

  // --- API ---
  const idParams = z.object({ id: z.uuid('must be a case id') });
  const fileOut = z.object({ format: z.enum(['original', 'docx', 'pdf']), fileName: z.string(), contentType: z.string(), sizeBytes: z.number(), sha256: z.string(), href: z.string() });
  const documentOut = z.object({
    id: z.string(), source: z.enum(['upload', 'letter']), kind: z.string(), title: z.string(), eventId: z.string().nullable(), adviceEventId: z.string().nullable(),
    templateVersion: z.number().nullable().describe('For a letter: the version of the template it was made from'), createdAt: z.string(), files: z.array(fileOut),
  });
  const toOut = (caseId: string, d: Awaited<ReturnType<typeof docs.listDocuments>>[number]) => ({
    id: d.id, source: d.source, kind: d.kind, title: d.title, eventId: d.eventId, adviceEventId: d.adviceEventId, templateVersion: d.templateVersion, createdAt: d.createdAt.toISOString(),
    files: d.files.map((f) => ({ ...f, href: `/api/v1/cases/${caseId}/documents/${d.id}/${f.format}` })),
  });

  ctx.api.add({
    method: 'GET', path: '/api/v1/cases/:id/documents', tag: 'Casework', summary: 'A case\'s documents: uploaded advice and evidence, and letters issued', auth: 'case.view',
    params: idParams, response: z.object({ documents: z.array(documentOut) }),
    handler: async ({ params, req }) => ({ documents: (await docs.listDocuments(deps, auditCtx(req), params.id)).map((d) => toOut(params.id, d)) }),
  });

  ctx.api.add({
    method: 'POST', path: '/api/v1/cases/:id/documents', tag: 'Casework', auth: 'case.document-upload', bodyKind: 'multipart',
    summary: `Upload a document to a case (multipart/form-data): ${ACCEPTED}, checked by content; at most ${limitMb} MB`,
    params: idParams,
    body: z.object({
      file: z.string().describe('The file (one)'), kind: z.enum(Object.keys(docs.UPLOAD_KINDS) as [string, ...string[]]).describe(Object.entries(docs.UPLOAD_KINDS).map(([k, v]) => `${k}: ${v}`).join('; ')),
      adviceEventId: z.uuid().optional().describe('The advice request (an advice-requested event) this answers'),
    }),
    response: z.object({ id: z.string(), contentType: z.string() }),
    responseDescription: 'Stored (201). A file of the wrong type, or whose name does not match its content, is a 400 naming the field; a file over the limit is a 413.',
    handler: async ({ params, req, reply }) => {
      const upload = await readUpload(req);
      if (upload.tooLarge) return sendProblem(req, reply, 413, tooLargeMessage, [{ field: 'file', message: tooLargeMessage }]);
      const r = await docs.uploadDocument(deps, auditCtx(req), params.id, { fileName: upload.file?.fileName ?? '', bytes: upload.file?.bytes ?? Buffer.alloc(0), kind: upload.fields['kind'] ?? '', adviceEventId: upload.fields['adviceEventId'] });
      reply.code(201);
      return { id: r.documentId, contentType: r.contentType };
    },
  });

  ctx.api.add({
    method: 'GET', path: '/api/v1/cases/:id/documents/:documentId/:format', tag: 'Casework', auth: 'case.document-download',
    summary: 'Download a document: "original" for an upload, "docx" or "pdf" for a letter (sent as an attachment)',
    params: z.object({ id: z.uuid('must be a case id'), documentId: z.uuid('must be a document id'), format: z.enum(['original', 'docx', 'pdf']) }),
    responseBinary: ['application/pdf', docs.FORMAT_TYPES.docx, 'application/msword', 'image/png', 'image/jpeg'],
    handler: async ({ params, req, reply }) => sendFile(reply, await docs.downloadDocument(deps, auditCtx(req), params.id, params.documentId, params.format)),
  });

  ctx.api.add({
    method: 'POST', path: '/api/v1/cases/:id/letters', tag: 'Casework', auth: 'case.letter-issue',
    summary: 'Issue the letter an event warrants (decisions, draft and final plans), from the area\'s current template, as Word and PDF',
    params: idParams, body: z.object({ eventId: z.uuid('must be an event id').describe('The event the letter is about') }),
    response: documentOut,
    handler: async ({ params, body, req, reply }) => {
      const r = await docs.issueLetter(deps, auditCtx(req), params.id, body.eventId);
      const list = await docs.listDocuments(deps, auditCtx(req), params.id);
      reply.code(201);
      return toOut(params.id, list.find((d) => d.id === r.documentId)!);
    },
  });

  ctx.api.add({
    method: 'GET', path: '/api/v1/cases/:id/plans/:eventId/:format', tag: 'Casework', auth: 'case.document-download',
    summary: 'A version of the plan (draft, final or amended; the event that issued it) as Word or PDF: sections A–K, needs with their outcomes and provision',
    params: z.object({ id: z.uuid('must be a case id'), eventId: z.uuid('must be an event id'), format: z.enum(['docx', 'pdf']) }),
    responseBinary: [docs.FORMAT_TYPES.docx, docs.FORMAT_TYPES.pdf],
    handler: async ({ params, req, reply }) => {
      const doc = await docs.planDocument(deps, auditCtx(req), params.id, params.eventId, params.format as docs.LetterFormat);
      return sendFile(reply, { ...doc, contentType: docs.FORMAT_TYPES[params.format as docs.LetterFormat] });
    },
  });

  const templateOut = z.object({ kind: z.string(), label: z.string(), version: z.number(), subject: z.string(), body: z.string(), placeholders: z.array(z.string()) });
  ctx.api.add({
    method: 'GET', path: '/api/v1/letter-templates', tag: 'Casework', auth: 'admin.templates', summary: 'The area\'s current letter templates and the placeholders each may use',
    response: z.object({ templates: z.array(templateOut) }),
    handler: async ({ req }) => ({
      templates: (await docs.listTemplates(deps, auditCtx(req))).map((t) => ({ kind: t.kind, label: t.label, version: t.current.version, subject: t.current.subject, body: t.current.body, placeholders: placeholdersFor(t.kind).map((p) => p.name) })),
    }),
  });
  ctx.api.add({
    method: 'GET', path: '/api/v1/letter-templates/:kind/versions', tag: 'Casework', auth: 'admin.templates', summary: 'Every saved version of a letter template, newest first',
    params: z.object({ kind: z.enum(Object.keys(LETTER_KINDS) as [string, ...string[]]) }),
    response: z.object({ versions: z.array(z.object({ id: z.string(), version: z.number(), subject: z.string(), body: z.string(), createdAt: z.string(), createdBy: z.string().nullable() })) }),
    handler: async ({ params, req }) => ({
      versions: (await docs.templateHistory(deps, auditCtx(req), params.kind)).versions.map((v) => ({ id: v.id, version: v.version, subject: v.subject, body: v.body, createdAt: v.createdAt.toISOString(), createdBy: v.createdByName })),
    }),
  });
  ctx.api.add({
    method: 'PUT', path: '/api/v1/letter-templates/:kind', tag: 'Casework', auth: 'admin.templates',
    summary: 'Save a new version of a letter template. Placeholders are written {{like.this}}; an unknown one or unbalanced braces is a 400 naming the line',
    params: z.object({ kind: z.enum(Object.keys(LETTER_KINDS) as [string, ...string[]]) }),
    body: z.object({ subject: z.string().max(300), body: z.string().max(20000) }),
    response: z.object({ id: z.string(), version: z.number() }),
    handler: async ({ params, body, req }) => docs.saveTemplate(deps, auditCtx(req), params.kind, body),
  });
}
