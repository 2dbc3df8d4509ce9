// Board paper pages: the list, a new paper (plan, as-at date, title block), editing the narrative,
// the HTML preview, Word and PDF downloads, and issuing. Board members read and download; people who
// may generate reports create, edit and issue.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorise, can } from '../../../platform/auth/policy.ts';
import { withArea } from '../../../platform/db/database.ts';
import { ValidationError } from '../../../platform/http/errors.ts';
import { field } from '../../../platform/forms/forms.ts';
import * as papers from './service.ts';
import { dateValue } from '../risks/register.ts';

const V = 'modules/governance/papers/views';
const BASE = '/governance/papers';

type IdParams = { Params: { id: string } };


function readPaperForm(body: unknown): papers.PaperInput {
  return {
    planId: field(body, 'planId'), selfEvaluationId: field(body, 'selfEvaluationId'), asAt: dateValue(body, 'asAt'), paperDate: dateValue(body, 'paperDate'),
    reportTo: field(body, 'reportTo'), reportingOfficer: field(body, 'reportingOfficer'), subject: field(body, 'subject'),
  };
}

/** Narrative keeps its line breaks (only the ends are trimmed). */
function readNarrative(body: unknown): papers.NarrativeInput {
  const raw = (name: string) => {
    const v = (body as Record<string, unknown> | undefined)?.[name];
    return typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : '';
  };
  return { purpose: raw('purpose'), recommendations: raw('recommendations'), summary: raw('summary'), freeText: raw('freeText') };
}

export function registerPapers(app: FastifyInstance): void {
  const { ctx } = app;
  const db = ctx.database.db;
  const auditCtx = (req: FastifyRequest) => ({ principal: req.principal!, ip: req.ip, requestId: req.id });

  ctx.navItems.push({ href: BASE, text: 'Board papers', permission: 'governance.view', order: 46 });

  app.get(BASE, async (req, reply) => {
    const p = authorise(req.principal, 'governance.view');
    const list = await withArea(db, p.areaId, (trx) => papers.listPapers(trx));
    return reply.page(`${V}/index.njk`, { title: 'Board papers', papers: list, canEdit: can(p, 'reports.generate') });
  });

  const formPage = async (req: FastifyRequest, reply: FastifyReply, opts: { values: Record<string, unknown>; errors?: unknown[]; status?: number; paperId?: string }) => {
    const c = await withArea(db, req.principal!.areaId, (trx) => papers.choices(trx));
    const editing = Boolean(opts.paperId);
    return reply.page(`${V}/form.njk`, {
      title: editing ? 'Edit board paper' : 'Create a board paper', ...c, values: opts.values, errors: opts.errors, narrative: editing,
      action: editing ? `${BASE}/${opts.paperId}/edit` : `${BASE}/new`, back: editing ? `${BASE}/${opts.paperId}` : BASE, button: editing ? 'Save' : 'Create paper',
    }, opts.status ?? 200);
  };

  app.get(`${BASE}/new`, async (req, reply) => {
    authorise(req.principal, 'reports.generate');
    const today = ctx.clock.today().toString();
    return formPage(req, reply, { values: { asAt: today, paperDate: today, subject: 'SEND Improvement Plan Update', reportTo: 'SEND Improvement Board' } });
  });

  app.post(`${BASE}/new`, async (req, reply) => {
    authorise(req.principal, 'reports.generate');
    const input = readPaperForm(req.body);
    try {
      const id = await papers.createPaper(db, auditCtx(req), input, ctx.clock.today());
      return reply.redirect(`${BASE}/${id}/edit`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return formPage(req, reply, { values: { ...input }, errors: err.errors, status: 400 });
      throw err;
    }
  });

  app.get<IdParams>(`${BASE}/:id`, async (req, reply) => {
    const p = authorise(req.principal, 'governance.view');
    const view = await papers.paperView(db, p.areaId, p.areaName, req.params.id);
    return reply.page(`${V}/paper.njk`, { title: view.paper.subject, ...view, canEdit: can(p, 'reports.generate') });
  });

  app.get<IdParams>(`${BASE}/:id/edit`, async (req, reply) => {
    const p = authorise(req.principal, 'reports.generate');
    const paper = await withArea(db, p.areaId, (trx) => papers.getPaper(trx, req.params.id));
    if (paper.status !== 'draft') return reply.redirect(`${BASE}/${paper.id}`, 303);
    return formPage(req, reply, {
      paperId: paper.id,
      values: {
        planId: paper.plan_id ?? '', selfEvaluationId: paper.self_evaluation_id ?? '', asAt: paper.as_at, paperDate: paper.paper_date, reportTo: paper.report_to,
        reportingOfficer: paper.reporting_officer, subject: paper.subject, purpose: paper.purpose, recommendations: paper.recommendations, summary: paper.summary, freeText: paper.free_text,
      },
    });
  });

  app.post<IdParams>(`${BASE}/:id/edit`, async (req, reply) => {
    authorise(req.principal, 'reports.generate');
    const input = readPaperForm(req.body);
    const narrative = readNarrative(req.body);
    try {
      await papers.updatePaper(db, auditCtx(req), req.params.id, input, narrative, ctx.clock.today());
      return reply.redirect(`${BASE}/${req.params.id}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return formPage(req, reply, { paperId: req.params.id, values: { ...input, ...narrative }, errors: err.errors, status: 400 });
      throw err;
    }
  });

  app.post<IdParams>(`${BASE}/:id/issue`, async (req, reply) => {
    authorise(req.principal, 'reports.generate');
    await papers.issuePaper(db, auditCtx(req), req.params.id, ctx.clock.today());
    return reply.redirect(`${BASE}/${req.params.id}`, 303);
  });

  ctx.api.add({
    method: 'GET', path: '/api/v1/governance/papers', summary: 'Board papers, newest first', tag: 'Governance', auth: 'governance.view',
    response: z.object({ papers: z.array(z.object({ id: z.string(), subject: z.string(), reportTo: z.string(), paperDate: z.string(), asAt: z.string(), status: z.enum(['draft', 'issued']), issuedOn: z.string().nullable() })) }),
    handler: async ({ principal }) => {
      const list = await withArea(db, principal.areaId, (trx) => papers.listPapers(trx));
      return { papers: list.map((p) => ({ id: p.id, subject: p.subject, reportTo: p.report_to, paperDate: p.paper_date, asAt: p.as_at, status: p.status, issuedOn: p.issued_on ?? null })) };
    },
  });
  ctx.api.add({
    method: 'GET', path: '/api/v1/governance/papers/:id/data', summary: 'A board paper\'s data: as issued once issued, otherwise from the live data now', tag: 'Governance', auth: 'governance.view',
    params: z.object({ id: z.string() }),
    response: z.object({ status: z.enum(['draft', 'issued']), data: z.record(z.string(), z.unknown()) }),
    handler: async ({ principal, params }) => {
      const d = await papers.paperData(db, principal.areaId, principal.areaName, params.id);
      return { status: d.issued ? 'issued' : 'draft', data: d.data };
    },
  });

  const TYPES = { docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', pdf: 'application/pdf' } as const;
  for (const format of ['docx', 'pdf'] as const) {
    app.get<IdParams>(`${BASE}/:id/paper.${format}`, async (req, reply) => {
      const p = authorise(req.principal, 'governance.view');
      const doc = await papers.documentFor(db, p.areaId, p.areaName, req.params.id, format);
      return reply.type(TYPES[format]).header('content-disposition', `attachment; filename="${doc.filename}"`)
        .header('x-board-paper', doc.issued ? 'issued' : 'draft').header('cache-control', 'private, no-store').send(doc.bytes);
    });
  }
}
