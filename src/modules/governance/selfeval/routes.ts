// Self-evaluation pages: the list, the month-by-month RAG grid (with reds and changes since last
// month), and the form to record a month's ratings. Board members read; editors record.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorise, can } from '../../../platform/auth/policy.ts';
import { withArea } from '../../../platform/db/database.ts';
import { ValidationError } from '../../../platform/http/errors.ts';
import { field } from '../../../platform/forms/forms.ts';
import { FRAMEWORKS, RAG_VALUES } from '../frameworks.ts';
import * as selfeval from './service.ts';
import { addMonths, isMonth, monthLabel, readMonthForm, RAG_LABELS } from './grid.ts';

const V = 'modules/governance/selfeval/views';
const BASE = '/governance/self-evaluation';

type IdParams = { Params: { id: string }; Querystring: { month?: string; to?: string } };

export function registerSelfEvaluation(app: FastifyInstance): void {
  const { ctx } = app;
  const db = ctx.database.db;
  const auditCtx = (req: FastifyRequest) => ({ principal: req.principal!, ip: req.ip, requestId: req.id });
  const frameworks = FRAMEWORKS.map((f) => ({ value: f.id, text: f.name }));

  ctx.navItems.push({ href: BASE, text: 'Self-evaluation', permission: 'governance.view', order: 44 });

  const listPage = async (req: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const p = req.principal!;
    const items = await withArea(db, p.areaId, (trx) => selfeval.listSelfEvaluations(trx));
    return reply.page(`${V}/index.njk`, { title: 'Self-evaluation', items: items.map((i) => ({ ...i, latestLabel: i.latestMonth ? monthLabel(i.latestMonth) : null })), frameworks, canEdit: can(p, 'governance.edit'), values: {}, ...extra }, status);
  };

  app.get(BASE, async (req, reply) => {
    authorise(req.principal, 'governance.view');
    return listPage(req, reply);
  });

  app.post(BASE, async (req, reply) => {
    authorise(req.principal, 'governance.edit');
    const input = { frameworkId: field(req.body, 'frameworkId'), title: field(req.body, 'title') };
    try {
      const id = await selfeval.createSelfEvaluation(db, auditCtx(req), input);
      return reply.redirect(`${BASE}/${id}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return listPage(req, reply, { errors: err.errors, values: input }, 400);
      throw err;
    }
  });

  app.get<IdParams>(`${BASE}/:id`, async (req, reply) => {
    const p = authorise(req.principal, 'governance.view');
    const current = selfeval.currentMonth(ctx.clock.today());
    const upTo = req.query.to && isMonth(req.query.to) ? req.query.to : current;
    const data = await withArea(db, p.areaId, (trx) => selfeval.selfEvaluationView(trx, req.params.id, upTo, 6));
    const first = data.grid.months[0]?.month;
    const earlier = first && data.earliestMonth && data.earliestMonth < first ? addMonths(first, -1) : null;
    const later = upTo < current ? addMonths(upTo, 6) : null;
    return reply.page(`${V}/grid.njk`, {
      title: data.evaluation.title, ...data, canEdit: can(p, 'governance.edit'), currentMonth: current,
      earlier: earlier ? { to: earlier, label: monthLabel(earlier) } : null, later: later ? { to: later > current ? current : later, label: monthLabel(later > current ? current : later) } : null, flash: (req.query as { saved?: string }).saved ? `The ratings for ${monthLabel(String((req.query as { saved?: string }).saved))} have been saved.` : undefined });
  });

  const recordPage = async (req: FastifyRequest<IdParams>, reply: FastifyReply, month: string, values: Record<string, string> | null, errors: unknown[] | undefined, status: number) => {
    const p = req.principal!;
    return withArea(db, p.areaId, async (trx) => {
      const evaluation = await selfeval.getSelfEvaluation(trx, req.params.id);
      let prefill = values;
      let prefilledFrom: string | null = null;
      if (!prefill) {
        // This month's ratings if any, otherwise last month's to start from.
        let rows = isMonth(month) ? await selfeval.ratingsOf(trx, evaluation.id, [month]) : [];
        if (rows.length === 0 && isMonth(month)) {
          rows = await selfeval.ratingsOf(trx, evaluation.id, [addMonths(month, -1)]);
          if (rows.length) prefilledFrom = monthLabel(addMonths(month, -1));
        }
        prefill = {};
        for (const r of rows) {
          prefill[`rag-${r.criterion_id}`] = r.rag;
          prefill[`narrative-${r.criterion_id}`] = r.narrative ?? '';
          prefill[`evidence-${r.criterion_id}`] = r.evidence ?? '';
        }
      }
      return reply.page(`${V}/record.njk`, {
        title: `Record ratings – ${evaluation.title}`, evaluation, month, monthLabel: isMonth(month) ? monthLabel(month) : month, values: prefill, errors, prefilledFrom,
        ragItems: RAG_VALUES.map((r) => ({ value: r, text: RAG_LABELS[r] })),
      }, status);
    });
  };

  app.get<IdParams>(`${BASE}/:id/record`, async (req, reply) => {
    authorise(req.principal, 'governance.edit');
    const month = req.query.month && isMonth(req.query.month) ? req.query.month : selfeval.currentMonth(ctx.clock.today());
    return recordPage(req, reply, month, null, undefined, 200);
  });

  app.post<IdParams>(`${BASE}/:id/record`, async (req, reply) => {
    const p = authorise(req.principal, 'governance.edit');
    const month = field(req.body, 'month');
    const current = selfeval.currentMonth(ctx.clock.today());
    const outcome = await withArea(db, p.areaId, async (trx) => {
      const evaluation = await selfeval.getSelfEvaluation(trx, req.params.id);
      const { ratings, errors } = readMonthForm(evaluation.framework, req.body, month, current);
      if (errors.length) return errors;
      await selfeval.recordMonth(trx, auditCtx(req), evaluation.id, month, ratings);
      return null;
    });
    if (outcome) {
      const values: Record<string, string> = {};
      for (const [k, v] of Object.entries((req.body ?? {}) as Record<string, unknown>)) if (typeof v === 'string') values[k] = v;
      return recordPage(req, reply, month, values, outcome, 400);
    }
    return reply.redirect(`${BASE}/${req.params.id}?saved=${month}`, 303);
  });
}
