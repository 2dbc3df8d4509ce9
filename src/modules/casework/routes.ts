// Casework pages (work tray, team caseload, new request, case page, record an event) and the cases API.
// Every page and operation asks the policy; the service checks the record-level rules (area,
// involvement) in the same transaction that reads it and writes the audit event.
import { sql } from 'kysely';
import { recomputeAllAreas } from './recompute.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorise, can, isAreaWide, PROFESSIONAL_ROLES } from '../../platform/auth/policy.ts';
import { field } from '../../platform/forms/forms.ts';
import { ValidationError } from '../../platform/http/errors.ts';
import { isoDate } from '../../platform/http/api.ts';
import { withArea } from '../../platform/db/database.ts';
import {
  APPEAL_OUTCOMES, APPEAL_SUBJECTS, CEASE_REASONS, CONSULTATION_RESPONSES, CONTRIBUTORS, EVENT_DATA, EVENT_LABELS, EVENT_TYPES, EXCEPTION_LABELS, FIRST_EVENT_TYPES, PHASE_KINDS,
  REQUESTERS, REVIEW_DECISIONS, SEN_TYPES, isEventType,
} from './events.ts';
import { STAGES, type CaseSummary } from './fold.ts';
import { eventFromForm, MAX_NEEDS, pageField, requestFromForm } from './forms.ts';
import * as casework from './service.ts';
import * as repo from './repository.ts';
import { CASEWORK_DIGEST_CRON, CASEWORK_DIGEST_QUEUE, CASEWORK_REFRESH_CRON, CASEWORK_REFRESH_QUEUE, CASEWORK_REMINDER_CRON, CASEWORK_REMINDER_QUEUE } from './queue.ts';
import { sendDeadlineDigests, sendDeadlineReminders } from './reminders.ts';
import { caseDocumentsSection } from './documents/section.ts';

const V = 'modules/casework/views';

export function registerCasework(app: FastifyInstance): void {
  const { ctx } = app;
  const deps = { db: ctx.database.db, clock: ctx.clock, mailer: ctx.mailer, publicUrl: ctx.config.publicUrl };
  const auditCtx = (req: FastifyRequest) => ({ principal: req.principal!, ip: req.ip, requestId: req.id });
  const codeLists = { CONSULTATION_RESPONSES, REQUESTERS, CONTRIBUTORS, CEASE_REASONS, REVIEW_DECISIONS, PHASE_KINDS, APPEAL_SUBJECTS, APPEAL_OUTCOMES, SEN_TYPES, EXCEPTION_LABELS, STAGES, EVENT_LABELS };

  ctx.jobDefinitions.push({
    name: CASEWORK_REFRESH_QUEUE, cron: CASEWORK_REFRESH_CRON, retryLimit: 3, retryDelaySeconds: 600,
    handler: async () => {
      await recomputeAllAreas(ctx.database.db, ctx.clock.today());
      // The embedded database runs no autovacuum: the nightly job keeps the planner's statistics fresh.
      if (ctx.database.backend === 'pglite') await sql`analyze`.execute(ctx.database.db);
    },
  }, {
    name: CASEWORK_DIGEST_QUEUE, cron: CASEWORK_DIGEST_CRON, retryLimit: 2, retryDelaySeconds: 600,
    handler: async () => { await sendDeadlineDigests(ctx.database.db, ctx.mailer, ctx.clock.today(), ctx.config.publicUrl); },
  }, {
    // Retries are safe: a reminder already recorded in case_reminder is never sent again.
    name: CASEWORK_REMINDER_QUEUE, cron: CASEWORK_REMINDER_CRON, retryLimit: 3, retryDelaySeconds: 600,
    handler: async () => { await sendDeadlineReminders(ctx.database.db, ctx.mailer, { today: ctx.clock.today(), publicUrl: ctx.config.publicUrl, leads: ctx.config.caseworkReminderDays }); },
  });
  ctx.navItems.push(
    { href: '/casework', text: 'Casework', permission: 'case.view', order: 10 },
    { href: '/casework/team', text: 'Team caseload', permission: 'case.team-view', order: 11 },
    { href: '/casework/advice', text: 'Advice requests', permission: 'advice.contribute', roles: [...PROFESSIONAL_ROLES], order: 9 },
  );

  // --- Advice requests: a professional's start page ---
  app.get('/casework/advice', async (req, reply) => {
    const advice = await casework.adviceRequestsFor(deps, auditCtx(req));
    return reply.page(`${V}/advice.njk`, { title: 'Advice requests', advice });
  });

  // --- Work tray ---
  app.get<{ Querystring: { filter?: string; page?: string; scope?: string } }>('/casework', async (req, reply) => {
    authorise(req.principal, 'case.view');
    const scope = req.query.scope === 'all' && can(req.principal!, 'case.team-view') ? 'all' : 'me';
    const tray = await casework.workTray(deps, auditCtx(req), { filter: req.query.filter, page: Number(req.query.page ?? '1'), assignedTo: scope });
    const involvedOnly = !isAreaWide(req.principal!);
    return reply.page(`${V}/tray.njk`, { title: scope === 'all' ? 'All open cases' : involvedOnly ? 'Cases you are involved in' : 'Your work tray', tray, scope, involvedOnly, stages: STAGES, atRiskDays: casework.AT_RISK_DAYS, canEdit: can(req.principal!, 'case.edit'), canTeam: can(req.principal!, 'case.team-view') });
  });

  // --- Team caseload ---
  const teamPage = async (req: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const team = await casework.teamView(deps, auditCtx(req));
    const stageRows = Object.entries(STAGES).map(([key, label]) => {
      const r = team.byStage.find((x) => x.stage === key);
      return { key, label, count: Number(r?.count ?? 0), overdue: Number(r?.overdue ?? 0) };
    });
    return reply.page(`${V}/team.njk`, { title: 'Team caseload', team, stageRows, canAssign: can(req.principal!, 'case.assign'), ...extra }, status);
  };
  app.get<{ Querystring: { done?: string } }>('/casework/team', async (req, reply) => {
    authorise(req.principal, 'case.team-view');
    return teamPage(req, reply, req.query.done === 'reassigned' ? { flash: 'The case has been reassigned' } : {});
  });
  app.post('/casework/team/reassign', async (req, reply) => {
    authorise(req.principal, 'case.assign');
    const caseId = field(req.body, 'caseId');
    try {
      await casework.reassign(deps, auditCtx(req), caseId, field(req.body, 'assignedTo'));
    } catch (err) {
      if (err instanceof ValidationError) return teamPage(req, reply, { errors: err.errors.map((e) => ({ ...e, field: `assignedTo-${caseId}` })) }, 400);
      throw err;
    }
    return reply.redirect('/casework/team?done=reassigned', 303);
  });

  // --- New request for assessment ---
  const newPage = async (req: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const p = authorise(req.principal, 'case.edit');
    const workers = can(p, 'case.assign') ? await withArea(deps.db, p.areaId, (trx) => repo.caseworkers(trx, p.areaId)) : [];
    const transfer = req.url.startsWith('/casework/transfer-in');
    return reply.page(`${V}/new.njk`, {
      title: transfer ? 'Record a plan transferred in from another council' : 'New request for an EHC needs assessment', transfer,
      action: transfer ? '/casework/transfer-in' : '/casework/new', values: {}, requesters: REQUESTERS, workers, ...extra,
    }, status);
  };
  app.get('/casework/new', async (req, reply) => newPage(req, reply));
  app.get('/casework/transfer-in', async (req, reply) => newPage(req, reply));
  const openCase = async (req: FastifyRequest, reply: FastifyReply) => {
    authorise(req.principal, 'case.edit');
    const transfer = req.url.startsWith('/casework/transfer-in');
    const { input, errors } = requestFromForm({ ...(req.body as object), kind: transfer ? 'transfer-in' : 'request' });
    const assignedTo = field(req.body, 'assignedTo');
    if (assignedTo && can(req.principal!, 'case.assign')) input.assignedTo = assignedTo;
    try {
      if (errors.length) {
        // Report the form's own date errors together with the other fields' errors.
        const others = casework.validateRequest({ ...input, dateOfBirth: input.dateOfBirth || '2000-01-01', receivedOn: input.receivedOn || '2000-01-02', ...(input.transferIn ? { transferIn: { ...input.transferIn, lastReviewOn: input.transferIn.lastReviewOn || '2000-01-02' } } : {}) }, ctx.clock.today());
        throw new ValidationError([...errors, ...others.filter((e) => !errors.some((x) => x.field === e.field) && !['receivedOn', 'dateOfBirth', 'lastReviewOn'].includes(e.field))]);
      }
      const r = await casework.createRequest(deps, auditCtx(req), input);
      return reply.redirect(`/casework/cases/${r.caseId}?done=opened`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return newPage(req, reply, { errors: orderErrors(err.errors), values: req.body }, 400);
      throw err;
    }
  };
  app.post('/casework/new', openCase);
  app.post('/casework/transfer-in', openCase);

  // --- The case page ---
  const casePage = async (req: FastifyRequest<{ Params: { id: string }; Querystring: { asAt?: string; done?: string } }>, reply: FastifyReply) => {
    authorise(req.principal, 'case.view');
    let asAt = req.query.asAt?.trim() || undefined;
    let errors: { field: string; message: string }[] = [];
    let view;
    try {
      view = await casework.viewCase(deps, auditCtx(req), req.params.id, asAt);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      errors = err.errors;
      asAt = undefined;
      view = await casework.viewCase(deps, auditCtx(req), req.params.id);
    }
    const p = req.principal!;
    const workers = can(p, 'case.assign') ? await withArea(deps.db, p.areaId, (trx) => repo.caseworkers(trx, p.areaId)) : [];
    const flashes: Record<string, string> = { opened: 'The request has been recorded and the case opened', recorded: 'The event has been recorded', reassigned: 'The case has been reassigned', letter: 'The letter has been issued', uploaded: 'The document has been uploaded' };
    const flash = flashes[req.query.done ?? ''];
    return reply.page(`${V}/case.njk`, {
      title: `${view.case.given_name} ${view.case.family_name}`, view, s: view.summary, asAtValue: asAt ?? '', errors, flash,
      canEdit: can(p, 'case.edit') && view.isToday, canAssign: can(p, 'case.assign'), workers, lists: codeLists,
      documentsSection: caseDocumentsSection(p, view, ctx.config.uploadLimitBytes),
    }, errors.length ? 400 : 200);
  };
  app.get<{ Params: { id: string }; Querystring: { asAt?: string; done?: string } }>('/casework/cases/:id', casePage);

  app.post<{ Params: { id: string } }>('/casework/cases/:id/assign', async (req, reply) => {
    authorise(req.principal, 'case.assign');
    await casework.reassign(deps, auditCtx(req), req.params.id, field(req.body, 'assignedTo'));
    return reply.redirect(`/casework/cases/${req.params.id}?done=reassigned`, 303);
  });

  // --- Plan versions and what changed ---
  app.get<{ Params: { id: string }; Querystring: { from?: string; to?: string } }>('/casework/cases/:id/plan', async (req, reply) => {
    authorise(req.principal, 'case.view');
    const h = await casework.planHistory(deps, auditCtx(req), req.params.id, req.query.from, req.query.to);
    return reply.page(`${V}/plan.njk`, { title: `Plan versions: ${h.case.given_name} ${h.case.family_name}`, h, lists: codeLists });
  });

  // --- Record an event: one page per kind of event ---
  const recordPage = async (req: FastifyRequest<{ Params: { id: string; type: string } }>, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const p = authorise(req.principal, 'case.edit');
    const type = req.params.type;
    if (!isEventType(type) || FIRST_EVENT_TYPES.includes(type)) return reply.page('platform/views/pages/error.njk', { title: 'Page not found', status: 404 }, 404);
    const view = await casework.viewCase(deps, auditCtx(req), req.params.id);
    const professionals = type === 'advice-requested' ? await withArea(deps.db, p.areaId, (trx) => repo.professionals(trx, p.areaId)) : [];
    const correctable = view.summary.timeline.filter((t) => t.type !== 'correction' && !t.voided);
    return reply.page(`${V}/record.njk`, {
      title: EVENT_LABELS[type], type, view, s: view.summary, values: {}, lists: codeLists, professionals, correctable, maxNeeds: Array.from({ length: MAX_NEEDS }, (_, i) => i + 1), ...extra,
    }, status);
  };
  app.get<{ Params: { id: string; type: string } }>('/casework/cases/:id/record/:type', (req, reply) => recordPage(req, reply));
  app.post<{ Params: { id: string; type: string } }>('/casework/cases/:id/record/:type', async (req, reply) => {
    authorise(req.principal, 'case.edit');
    const { input, errors } = eventFromForm(req.params.type, req.body);
    try {
      if (errors.length) throw new ValidationError(errors);
      await casework.recordEvent(deps, auditCtx(req), req.params.id, input);
    } catch (err) {
      if (err instanceof ValidationError) return recordPage(req, reply, { errors: orderErrors(err.errors.map((e) => ({ ...e, field: pageField(e.field) }))), values: req.body }, 400);
      throw err;
    }
    return reply.redirect(`/casework/cases/${req.params.id}?done=recorded`, 303);
  });

  // --- API ---
  const childSchema = z.object({
    givenName: z.string().max(100), familyName: z.string().max(100), dateOfBirth: isoDate,
    upn: z.string().optional(), uln: z.string().optional(), nhsNumber: z.string().optional(), homeLaCode: z.string().optional().describe('3-digit LA number'),
    carers: z.array(z.object({ name: z.string().min(1).max(200), relationship: z.string().max(100).optional(), email: z.string().max(200).optional(), phone: z.string().max(50).optional(), contactBy: z.enum(['email', 'phone', 'post']).optional() })).max(5).optional(),
  });
  const deadlineSchema = z.object({
    key: z.string(), label: z.string(), due: z.string(), met: z.string().nullable(), status: z.string(), basis: z.string(), explanation: z.string(),
    owner: z.enum(['council', 'contributor', 'family']), applies: z.boolean(), counts: z.boolean(), exceptions: z.array(z.string()),
  });
  const trayItem = z.object({ id: z.string(), child: z.object({ givenName: z.string(), familyName: z.string(), dateOfBirth: z.string() }), stage: z.string(), nextDue: z.object({ key: z.string(), label: z.string(), due: z.string() }).nullable(), status: z.string(), assignedTo: z.string().nullable() });
  const deadlinesOut = (s: CaseSummary) => s.deadlines.map((d) => ({ key: d.key, label: d.label, due: d.due, met: d.met, status: d.status, basis: d.basis, explanation: d.explanation, owner: d.owner, applies: d.applies, counts: d.counts, exceptions: [...d.exceptions] }));
  const adviceRequestItem = z.object({
    caseId: z.string(), child: z.object({ givenName: z.string(), familyName: z.string(), dateOfBirth: z.string() }),
    caseworker: z.object({ name: z.string(), email: z.string() }).nullable(), contributor: z.string(),
    requestedOn: z.string(), due: z.string(), basis: z.string(), returnedOn: z.string().nullable(),
    status: z.enum(['overdue', 'at-risk', 'on-track', 'received-on-time', 'received-late']),
  });
  const idParams = z.object({ id: z.uuid('must be a case id') });
  const asAtQuery = z.object({ asAt: isoDate.optional().describe('View the case as at this date (YYYY-MM-DD); default today') });

  ctx.api.add({
    method: 'GET', path: '/api/v1/cases', tag: 'Casework', summary: 'List open cases in your area, by next statutory deadline', auth: 'case.view',
    query: z.object({
      overdue: z.enum(['true', 'false']).optional().describe('Only cases with an overdue statutory step'),
      atRisk: z.enum(['true', 'false']).optional().describe(`Only cases with a step due within ${casework.AT_RISK_DAYS} days`),
      assignedTo: z.enum(['me', 'all']).default('all').describe('"me" for your own caseload'),
      page: z.coerce.number().int().min(1).max(10000).default(1),
    }),
    response: z.object({ cases: z.array(trayItem), counts: z.object({ all: z.number(), overdue: z.number(), atRisk: z.number() }), page: z.number(), hasNext: z.boolean() }),
    handler: async ({ query, req }) => {
      const tray = await casework.workTray(deps, auditCtx(req), { filter: query.overdue === 'true' ? 'overdue' : query.atRisk === 'true' ? 'at-risk' : 'all', page: query.page, assignedTo: query.assignedTo });
      return {
        cases: tray.rows.map((r) => ({ id: r.id, child: { givenName: r.given_name, familyName: r.family_name, dateOfBirth: r.date_of_birth }, stage: r.stage, nextDue: r.next_due_on ? { key: r.next_due_key ?? '', label: r.next_due_label ?? '', due: r.next_due_on } : null, status: r.status, assignedTo: r.assigned_to })),
        counts: tray.counts, page: tray.page, hasNext: tray.hasNext,
      };
    },
  });

  ctx.api.add({
    method: 'GET', path: '/api/v1/advice-requests', tag: 'Casework', summary: 'The advice requests naming you: those waiting (next due first) and those you have given in the last 12 months', auth: 'advice.contribute',
    response: z.object({
      today: z.string(),
      waiting: z.array(adviceRequestItem), given: z.array(adviceRequestItem),
    }),
    handler: async ({ req }) => {
      const { today, waiting, given } = await casework.adviceRequestsFor(deps, auditCtx(req));
      return { today, waiting, given };
    },
  });

  ctx.api.add({
    method: 'GET', path: '/api/v1/cases/:id', tag: 'Casework', summary: 'A case: summary, deadlines and timeline (optionally as at a past date)', auth: 'case.view',
    params: idParams, query: asAtQuery,
    response: z.object({
      id: z.string(), child: z.object({ id: z.string(), givenName: z.string(), familyName: z.string(), dateOfBirth: z.string(), upn: z.string().nullable(), uln: z.string().nullable() }),
      assignedTo: z.string().nullable(), asAt: z.string(), stage: z.enum(Object.keys(STAGES) as [string, ...string[]]), stageLabel: z.string(), open: z.boolean(), planInForce: z.boolean(),
      requestReceived: z.string().nullable(), closedOn: z.string().nullable(), ceaseReason: z.string().nullable().describe('SEN2 cease reason 1–9'), appealOpen: z.boolean(),
      nextDue: z.object({ key: z.string(), label: z.string(), due: z.string() }).nullable(), overdue: z.array(z.object({ key: z.string(), label: z.string(), due: z.string() })),
      deadlines: z.array(deadlineSchema), plan: z.unknown().describe('The plan in force or in draft: sections A–K, needs → outcomes → provision'),
      consultations: z.array(z.object({
        eventId: z.string(), setting: z.string(), urn: z.string().nullable(), consultedOn: z.string(), requestedBy: z.string().nullable(),
        respondedOn: z.string().nullable(), response: z.enum(Object.keys(CONSULTATION_RESPONSES) as [string, ...string[]]).nullable(),
      })).describe('Settings consulted on being named in the plan (CFA 2014 s.39(2), s.40), and their answers'),
      timeline: z.array(z.object({ id: z.string(), seq: z.number(), type: z.string(), label: z.string(), effectiveDate: z.string(), details: z.array(z.string()), reason: z.string().nullable(), voided: z.boolean(), replaced: z.boolean(), correctsEventId: z.string().nullable(), recordedAt: z.unknown(), recordedBy: z.string().nullable() })),
    }),
    handler: async ({ params, query, req }) => {
      const v = await casework.viewCase(deps, auditCtx(req), params.id, query.asAt);
      const s = v.summary;
      return {
        id: v.case.id, child: { id: v.case.child_id, givenName: v.case.given_name, familyName: v.case.family_name, dateOfBirth: v.case.date_of_birth, upn: v.case.upn, uln: v.case.uln },
        assignedTo: v.case.assigned_to, asAt: s.asAt, stage: s.stage, stageLabel: s.stageLabel, open: s.open, planInForce: s.planInForce,
        requestReceived: s.requestReceived, closedOn: s.closedOn, ceaseReason: s.ceaseReason, appealOpen: s.appealOpen,
        nextDue: s.nextDue ? { key: s.nextDue.key, label: s.nextDue.label, due: s.nextDue.due } : null,
        overdue: s.overdue.map((d) => ({ key: d.key, label: d.label, due: d.due })),
        deadlines: deadlinesOut(s), plan: s.plan,
        consultations: s.consultations.map((k) => ({ eventId: k.eventId, setting: k.setting, urn: k.urn, consultedOn: k.consultedOn, requestedBy: k.requestedBy, respondedOn: k.respondedOn, response: k.response })),
        timeline: s.timeline.map((t) => ({ id: t.id, seq: t.seq, type: t.type, label: t.label, effectiveDate: t.effectiveDate, details: t.details, reason: t.reason, voided: t.voided, replaced: t.replaced, correctsEventId: t.correctsEventId, recordedAt: t.recordedAt, recordedBy: t.recordedBy })),
      };
    },
  });

  ctx.api.add({
    method: 'GET', path: '/api/v1/cases/:id/plans', tag: 'Casework', summary: 'A case\'s plan versions (draft, final, amendments) and the changes between two of them', auth: 'case.view',
    params: idParams, query: z.object({ from: z.uuid().optional().describe('Event id of the earlier version (default: the one before `to`)'), to: z.uuid().optional().describe('Event id of the later version (default: the latest)') }),
    handler: async ({ params, query, req }) => {
      const h = await casework.planHistory(deps, auditCtx(req), params.id, query.from, query.to);
      return { versions: h.versions, from: h.from?.eventId ?? null, to: h.to?.eventId ?? null, changes: h.changes };
    },
  });

  ctx.api.add({
    method: 'GET', path: '/api/v1/cases/:id/deadlines', tag: 'Casework', summary: 'A case\'s statutory deadlines, each with its legal basis', auth: 'case.view',
    params: idParams, query: asAtQuery,
    response: z.object({ asAt: z.string(), nextDue: deadlineSchema.nullable(), overdue: z.array(z.string()), deadlines: z.array(deadlineSchema) }),
    handler: async ({ params, query, req }) => {
      const v = await casework.viewCase(deps, auditCtx(req), params.id, query.asAt);
      const all = deadlinesOut(v.summary);
      return { asAt: v.summary.asAt, nextDue: all.find((d) => d.key === v.summary.nextDue?.key) ?? null, overdue: v.summary.overdue.map((d) => d.key), deadlines: all };
    },
  });

  ctx.api.add({
    method: 'POST', path: '/api/v1/cases', tag: 'Casework', summary: 'Open a case: a new request for an EHC needs assessment, or a plan transferred in', auth: 'case.edit',
    body: z.object({
      child: childSchema, requester: z.enum(Object.keys(REQUESTERS) as [string, ...string[]]).optional().describe('Who asked (required for a request)'), requesterDetail: z.string().max(200).optional(),
      receivedOn: isoDate.describe('The day the council received the request, or for a transfer in the day the plan was transferred'), assignedTo: z.uuid().optional(),
      transferIn: z.object({ fromLa: z.string().describe('The old council\'s 3-digit LA number'), lastReviewOn: isoDate.describe('The day the plan was issued or last reviewed') }).optional()
        .describe('Give this instead of requester for a plan transferred in from another council (reg 15)'),
    }),
    response: z.object({ id: z.string(), childId: z.string() }),
    handler: async ({ body, req, reply }) => {
      const r = await casework.createRequest(deps, auditCtx(req), { ...body.child, requester: body.requester ?? '', requesterDetail: body.requesterDetail, receivedOn: body.receivedOn, assignedTo: body.assignedTo, transferIn: body.transferIn });
      reply.code(201);
      return { id: r.caseId, childId: r.childId };
    },
  });

  const recordable = EVENT_TYPES.filter((t) => !FIRST_EVENT_TYPES.includes(t));
  ctx.api.add({
    method: 'POST', path: '/api/v1/cases/:id/events', tag: 'Casework', summary: 'Record an event on a case (append-only; corrections are events too)', auth: 'case.edit',
    params: idParams,
    body: z.object({
      type: z.enum(recordable as [string, ...string[]], { error: `type must be one of: ${recordable.join(', ')}` }),
      effectiveDate: isoDate.describe('The day it happened'),
      data: z.record(z.string(), z.unknown()).optional().describe(`The event's details. ${recordable.map((t) => `${t}: ${Object.keys((EVENT_DATA[t] as unknown as { shape?: Record<string, unknown> }).shape ?? {}).join(', ') || '(none)'}`).join('; ')}.`),
      reason: z.string().max(2000).optional().describe('Why (required for a correction)'),
      correctsEventId: z.uuid().optional().describe('For a correction: the event it voids or replaces'),
    }),
    response: z.object({ id: z.string(), stage: z.string(), nextDue: z.object({ key: z.string(), label: z.string(), due: z.string() }).nullable(), overdue: z.array(z.string()) }),
    responseDescription: 'The event was recorded (201). A date in the future, before the request, or a step out of order is a 400 problem naming the field and the rule.',
    handler: async ({ params, body, req, reply }) => {
      const r = await casework.recordEvent(deps, auditCtx(req), params.id, body);
      reply.code(201);
      return { id: r.eventId, stage: r.summary.stage, nextDue: r.summary.nextDue ? { key: r.summary.nextDue.key, label: r.summary.nextDue.label, due: r.summary.nextDue.due } : null, overdue: r.summary.overdue.map((d) => d.key) };
    },
  });
}

/** Form order for the error summary: the fields in the order the pages show them. */
const ORDER = ['givenName', 'familyName', 'dateOfBirth', 'upn', 'uln', 'nhsNumber', 'homeLaCode', 'carerEmail', 'carerPhone', 'requester', 'fromLa', 'receivedOn', 'lastReviewOn', 'assignedTo', 'type', 'correctsEventId', 'action', 'effectiveDate'];
function orderErrors<T extends { field: string }>(errors: T[]): T[] {
  const rank = (f: string) => { const i = ORDER.indexOf(f); return i < 0 ? ORDER.length : i; };
  return [...errors].sort((a, b) => rank(a.field) - rank(b.field));
}
