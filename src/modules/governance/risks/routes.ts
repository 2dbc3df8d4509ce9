// Risk register pages: the register with its heat map, a risk's page (history, controls, actions),
// forms to raise, edit and review a risk, and the area's scoring bands. Board members read; editors change.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorise, can } from '../../../platform/auth/policy.ts';
import { ValidationError } from '../../../platform/http/errors.ts';
import { field } from '../../../platform/forms/forms.ts';
import { IMPACT_LABELS, LIKELIHOOD_LABELS, ASSESSMENT_KINDS, type AssessmentKind } from '../risk.ts';
import * as risks from './service.ts';
import { dateValue, readBandsForm, readReviewForm, readRiskForm, EFFECTIVENESS, LEVELS, RISK_CATEGORIES, TREATMENTS } from './register.ts';

const V = 'modules/governance/risks/views';
const BASE = '/governance/risks';

type IdParams = { Params: { id: string } };

export function registerRisks(app: FastifyInstance): void {
  const { ctx } = app;
  const db = ctx.database.db;
  const auditCtx = (req: FastifyRequest) => ({ principal: req.principal!, ip: req.ip, requestId: req.id });
  const choices = {
    likelihoods: LEVELS.map((l) => ({ value: String(l), text: `${l} – ${LIKELIHOOD_LABELS[l]}` })),
    impacts: LEVELS.map((l) => ({ value: String(l), text: `${l} – ${IMPACT_LABELS[l]}` })),
    categories: Object.entries(RISK_CATEGORIES).map(([value, text]) => ({ value, text })),
    treatments: Object.entries(TREATMENTS).map(([value, text]) => ({ value, text })),
    effectiveness: Object.entries(EFFECTIVENESS).map(([value, text]) => ({ value, text })),
  };

  ctx.navItems.push({ href: BASE, text: 'Risks', permission: 'governance.view', order: 42 });

  /** Runs a change; on bad input re-renders the form with its errors (400). */
  async function orForm(reply: FastifyReply, change: () => Promise<unknown>, form: (errors: { field: string; message: string }[]) => Promise<FastifyReply>): Promise<FastifyReply | null> {
    try {
      await change();
      return null;
    } catch (err) {
      if (err instanceof ValidationError) return form(err.errors);
      throw err;
    }
  }

  app.get<{ Querystring: { map?: string } }>(BASE, async (req, reply) => {
    const p = authorise(req.principal, 'governance.view');
    const kind: AssessmentKind = (ASSESSMENT_KINDS as readonly string[]).includes(req.query.map ?? '') ? req.query.map as AssessmentKind : 'residual';
    const data = await risks.loadRegister(db, p.areaId, ctx.clock.today());
    return reply.page(`${V}/index.njk`, { title: 'Risk register', ...data, mapView: data.heatMaps[kind], mapKind: kind, canEdit: can(p, 'governance.edit') });
  });

  const riskForm = (reply: FastifyReply, values: Record<string, unknown>, errors: unknown[] | undefined, status: number, mode: { action: string; title: string; isNew: boolean }) =>
    reply.page(`${V}/form.njk`, { values, errors, ...choices, ...mode }, status);

  app.get(`${BASE}/new`, async (req, reply) => {
    authorise(req.principal, 'governance.edit');
    return riskForm(reply, { raisedOn: ctx.clock.today().toString(), category: 'strategic', treatment: 'treat' }, undefined, 200, { action: `${BASE}/new`, title: 'Add a risk', isNew: true });
  });

  app.post(`${BASE}/new`, async (req, reply) => {
    authorise(req.principal, 'governance.edit');
    const input = readRiskForm(req.body);
    let id = '';
    const failed = await orForm(reply, async () => { id = await risks.createRisk(db, auditCtx(req), input); },
      async (errors) => riskForm(reply, formValues(req.body), errors, 400, { action: `${BASE}/new`, title: 'Add a risk', isNew: true }));
    return failed ?? reply.redirect(`${BASE}/${id}`, 303);
  });

  app.get(`${BASE}/settings`, async (req, reply) => {
    const p = authorise(req.principal, 'governance.edit');
    const { bands, custom } = await risks.loadBands(db, p.areaId);
    return bandsPage(reply, bandRows(bands), custom, undefined, 200);
  });

  const bandRows = (bands: Array<{ name: string; label?: string | undefined; min: number; max: number }>) =>
    Array.from({ length: 5 }, (_, i) => ({ name: bands[i]?.name ?? '', label: bands[i]?.label ?? '', min: bands[i] ? String(bands[i].min) : '', max: bands[i] ? String(bands[i].max) : '' }));
  const bandsPage = (reply: FastifyReply, rows: unknown[], custom: boolean, errors: unknown[] | undefined, status: number, flash?: string) =>
    reply.page(`${V}/settings.njk`, { title: 'Risk scoring bands', rows, custom, errors, flash }, status);

  app.post(`${BASE}/settings`, async (req, reply) => {
    authorise(req.principal, 'governance.edit');
    const raw = readBandsForm(req.body);
    const failed = await orForm(reply, () => risks.saveBandSettings(db, auditCtx(req), raw), async (errors) => {
      const rows = Array.from({ length: 5 }, (_, i) => ({ name: field(req.body, `band${i}Name`), label: field(req.body, `band${i}Label`), min: field(req.body, `band${i}Min`), max: field(req.body, `band${i}Max`) }));
      return bandsPage(reply, rows, true, errors, 400);
    });
    if (failed) return failed;
    const { bands } = await risks.loadBands(db, req.principal!.areaId);
    return bandsPage(reply, bandRows(bands), true, undefined, 200, 'The scoring bands have been saved.');
  });

  app.get<IdParams>(`${BASE}/:id`, async (req, reply) => {
    const p = authorise(req.principal, 'governance.view');
    const d = await risks.getRisk(db, p.areaId, req.params.id, ctx.clock.today());
    return reply.page(`${V}/risk.njk`, { title: `${d.risk.reference}: ${d.risk.title}`, ...d, canEdit: can(p, 'governance.edit'), ...choices, flash: flashFor(req) });
  });

  app.get<IdParams>(`${BASE}/:id/edit`, async (req, reply) => {
    const p = authorise(req.principal, 'governance.edit');
    const d = await risks.getRisk(db, p.areaId, req.params.id, ctx.clock.today());
    const values = { reference: d.row.reference, title: d.row.title, cause: d.row.cause, consequence: d.row.consequence, owner: d.row.owner, category: d.row.category, treatment: d.row.treatment, linkedPriorities: d.row.linked_priorities.join(', '), raisedOn: d.row.raised_on, nextReviewOn: d.row.next_review_on ?? '' };
    return riskForm(reply, values, undefined, 200, { action: `${BASE}/${req.params.id}/edit`, title: `Edit risk ${d.row.reference}`, isNew: false });
  });

  app.post<IdParams>(`${BASE}/:id/edit`, async (req, reply) => {
    authorise(req.principal, 'governance.edit');
    const failed = await orForm(reply, () => risks.updateRisk(db, auditCtx(req), req.params.id, readRiskForm(req.body)),
      async (errors) => riskForm(reply, formValues(req.body), errors, 400, { action: `${BASE}/${req.params.id}/edit`, title: 'Edit risk', isNew: false }));
    return failed ?? reply.redirect(`${BASE}/${req.params.id}?done=updated`, 303);
  });

  const reviewPage = async (req: FastifyRequest<IdParams>, reply: FastifyReply, values: Record<string, unknown>, errors: unknown[] | undefined, status: number) => {
    const d = await risks.getRisk(db, req.principal!.areaId, req.params.id, ctx.clock.today());
    return reply.page(`${V}/review.njk`, { title: `Review risk ${d.risk.reference}`, risk: d.risk, values, errors, ...choices }, status);
  };

  app.get<IdParams>(`${BASE}/:id/review`, async (req, reply) => {
    const p = authorise(req.principal, 'governance.edit');
    const d = await risks.getRisk(db, p.areaId, req.params.id, ctx.clock.today());
    return reviewPage(req, reply, {
      reviewedOn: ctx.clock.today().toString(),
      residualLikelihood: String(d.row.residual_likelihood ?? ''), residualImpact: String(d.row.residual_impact ?? ''),
    }, undefined, 200);
  });

  app.post<IdParams>(`${BASE}/:id/review`, async (req, reply) => {
    authorise(req.principal, 'governance.edit');
    const failed = await orForm(reply, () => risks.reviewRisk(db, auditCtx(req), req.params.id, readReviewForm(req.body)),
      async (errors) => reviewPage(req, reply, formValues(req.body), errors, 400));
    return failed ?? reply.redirect(`${BASE}/${req.params.id}?done=reviewed`, 303);
  });

  app.post<IdParams>(`${BASE}/:id/controls`, async (req, reply) => {
    const p = authorise(req.principal, 'governance.edit');
    const input = { kind: field(req.body, 'kind'), description: field(req.body, 'description'), owner: field(req.body, 'owner'), dueOn: dateValue(req.body, 'dueOn'), effectiveness: field(req.body, 'effectiveness') };
    const failed = await orForm(reply, () => risks.addControl(db, auditCtx(req), req.params.id, input), async (errors) => {
      const d = await risks.getRisk(db, p.areaId, req.params.id, ctx.clock.today());
      return reply.page(`${V}/risk.njk`, { title: `${d.risk.reference}: ${d.risk.title}`, ...d, canEdit: true, ...choices, errors, values: formValues(req.body) }, 400);
    });
    return failed ?? reply.redirect(`${BASE}/${req.params.id}?done=control`, 303);
  });

  app.post<{ Params: { id: string; cid: string } }>(`${BASE}/:id/controls/:cid/complete`, async (req, reply) => {
    authorise(req.principal, 'governance.edit');
    await risks.completeAction(db, auditCtx(req), req.params.id, req.params.cid);
    return reply.redirect(`${BASE}/${req.params.id}?done=action`, 303);
  });

  app.post<IdParams>(`${BASE}/:id/status`, async (req, reply) => {
    authorise(req.principal, 'governance.edit');
    const status = field(req.body, 'status') === 'closed' ? 'closed' : 'open';
    if (!/^[0-9a-f-]{36}$/.test(req.params.id)) return reply.callNotFound();
    await risks.setRiskStatus(db, auditCtx(req), req.params.id, status);
    return reply.redirect(`${BASE}/${req.params.id}?done=${status}`, 303);
  });

  ctx.api.add({
    method: 'GET', path: '/api/v1/governance/risks', summary: 'The open risk register with scores, bands and review status', tag: 'Governance', auth: 'governance.view',
    response: z.object({ risks: z.array(z.object({ id: z.string(), reference: z.string(), title: z.string(), owner: z.string(), category: z.string(), reviewOverdue: z.boolean() }).loose()) }),
    handler: async ({ principal }) => {
      const data = await risks.loadRegister(db, principal.areaId, ctx.clock.today());
      return { bands: data.bands, risks: data.risks, heatMap: data.heatMaps.residual.rows.map((r) => r.cells.map((c) => c.count)) };
    },
  });
}

const FLASH: Record<string, string> = { updated: 'The risk has been updated.', reviewed: 'The review has been recorded.', control: 'The control or action has been added.', action: 'The action has been marked as done.', closed: 'The risk has been closed.', open: 'The risk has been reopened.' };
function flashFor(req: FastifyRequest): string | undefined {
  const done = (req.query as { done?: string }).done;
  return done ? FLASH[done] : undefined;
}


/** The submitted form as template values (dates folded back from day/month/year). */
function formValues(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) if (typeof v === 'string' && k !== '_csrf') out[k] = v;
  for (const name of ['raisedOn', 'nextReviewOn', 'reviewedOn', 'dueOn']) {
    const d = dateValue(body, name);
    if (d) out[name] = d;
  }
  return out;
}
