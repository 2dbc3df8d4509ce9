// Pages and API for inspections and improvement plans. Board members and other readers
// (governance.view) see everything read-only; plan owners record updates (governance.update-action);
// managers record inspections, import and close plans (governance.edit).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { withArea } from '../../../platform/db/database.ts';
import { authorise, can, type Principal } from '../../../platform/auth/policy.ts';
import { field, dateField } from '../../../platform/forms/forms.ts';
import { ValidationError, type FieldError } from '../../../platform/http/errors.ts';
import { isoDate } from '../../../platform/http/api.ts';
import { statusesFor, statusLabel, statusColour, type ActionStatus, type StatusScheme } from '../status.ts';
import * as plans from './service.ts';
import * as inspections from './inspections.ts';
import { registerPlanReminders } from './reminders.ts';
import { govukDate } from '../../../platform/time/format.ts';

const V = 'modules/governance/plans/views';

const TAG_CLASS: Record<string, string> = { blue: 'govuk-tag--blue', 'light-blue': 'govuk-tag--light-blue', green: 'govuk-tag--green', amber: 'govuk-tag--yellow', grey: 'govuk-tag--grey' };

export function statusTag(status: ActionStatus, scheme: StatusScheme): { text: string; classes: string } {
  return { text: statusLabel(status), classes: TAG_CLASS[statusColour(status, scheme)]! };
}

interface MultipartForm { fields: Record<string, string>; file: plans.UploadedFile | null }

async function readMultipart(req: FastifyRequest): Promise<MultipartForm> {
  const fields: Record<string, string> = {};
  let file: plans.UploadedFile | null = null;
  if (!req.isMultipart()) return { fields, file };
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      const buf = await part.toBuffer();
      if (part.fieldname === 'file' && !file && (buf.length > 0 || part.filename)) file = { filename: part.filename ?? '', bytes: new Uint8Array(buf) };
    } else {
      fields[part.fieldname] = typeof part.value === 'string' ? part.value : String(part.value ?? '');
    }
  }
  return { fields, file };
}

const countsSchema = z.object({
  actions: z.number().int(), complete: z.number().int(), onTarget: z.number().int(), delayed: z.number().int(), notStarted: z.number().int(),
  embedded: z.number().int().optional().describe('BRAG only: of `complete`, how many are embedded'),
  percentComplete: z.number().int().nullable(), percentOnTarget: z.number().int().nullable(), percentDelayed: z.number().int().nullable(),
  percentNotStarted: z.number().int().nullable(), percentCompleteOrOnTarget: z.number().int().nullable(),
  percentEmbedded: z.number().int().nullable().optional(),
});
const planSchema = z.object({
  id: z.string(), name: z.string(), kind: z.enum(Object.keys(plans.PLAN_KINDS) as [plans.PlanKind, ...plans.PlanKind[]]), kindLabel: z.string(),
  scheme: z.enum(['rag', 'brag']), status: z.enum(['open', 'closed']), inspectionId: z.string().nullable(), createdOn: z.string(), closedOn: z.string().nullable(),
});

export function registerGovernancePlans(app: FastifyInstance): void {
  const { ctx } = app;
  const db = ctx.database.db;
  const auditCtx = (req: FastifyRequest, p: Principal) => ({ principal: p, ip: req.ip, requestId: req.id });
  const today = () => ctx.clock.today();

  ctx.navItems.push({ href: '/governance/plans', text: 'Improvement plans', permission: 'governance.view', order: 50 });
  registerPlanReminders(app);

  // --- Inspections ---------------------------------------------------------------------------

  app.get('/governance/inspections', async (req, reply) => {
    const p = authorise(req.principal, 'governance.view');
    const list = await withArea(db, p.areaId, (trx) => inspections.listInspections(trx));
    return reply.page(`${V}/inspections.njk`, { title: 'Inspections', inspections: list, canEdit: can(p, 'governance.edit') });
  });

  const inspectionForm = (data: Record<string, unknown> = {}) => ({
    title: 'Record an inspection', frameworks: inspections.FRAMEWORKS, kinds: inspections.INSPECTION_KINDS, ...data,
  });
  app.get('/governance/inspections/new', async (req, reply) => {
    authorise(req.principal, 'governance.edit');
    return reply.page(`${V}/inspection-new.njk`, inspectionForm({ values: { inspectorates: 'Ofsted and CQC', framework: 'send-2023' } }));
  });
  const readInspectionForm = (b: unknown, framework: string): { input: inspections.InspectionInput; dateErrors: FieldError[] } => {
    const dates = { startedOn: dateField(b, 'startedOn', 'the first day of the inspection'), endedOn: dateField(b, 'endedOn', 'the last day of the inspection'), publishedOn: dateField(b, 'publishedOn', 'the date the report was published', false) };
    const input: inspections.InspectionInput = {
      framework, kind: field(b, framework === 'send-2016' ? 'kind2016' : 'kind2023') || field(b, 'kind'),
      startedOn: dates.startedOn.value, endedOn: dates.endedOn.value, publishedOn: dates.publishedOn.value,
      inspectorates: field(b, 'inspectorates'), reportUrl: field(b, 'reportUrl'), outcome: field(b, 'outcome'), wsoaRequired: field(b, 'wsoaRequired'), summary: field(b, 'summary'),
    };
    return { input, dateErrors: Object.entries(dates).filter(([, d]) => d.error).map(([k, d]) => ({ field: k, message: d.error! })) };
  };
  const inspectionErrors = (input: inspections.InspectionInput, dateErrors: FieldError[]) =>
    [...dateErrors, ...inspections.validateInspection(input, today()).filter((e) => !dateErrors.some((d) => d.field === e.field))];

  app.post('/governance/inspections', async (req, reply) => {
    const p = authorise(req.principal, 'governance.edit');
    const { input, dateErrors } = readInspectionForm(req.body, field(req.body, 'framework'));
    const errors = inspectionErrors(input, dateErrors);
    if (errors.length) return reply.page(`${V}/inspection-new.njk`, inspectionForm({ errors, values: req.body }), 400);
    const id = await withArea(db, p.areaId, (trx) => inspections.createInspection(trx, auditCtx(req, p), p.areaId, input, today()));
    return reply.redirect(`/governance/inspections/${id}`, 303);
  });

  app.get<{ Params: { id: string } }>('/governance/inspections/:id/edit', async (req, reply) => {
    const p = authorise(req.principal, 'governance.edit');
    const { inspection } = await withArea(db, p.areaId, (trx) => inspections.getInspection(trx, req.params.id));
    return reply.page(`${V}/inspection-new.njk`, inspectionForm({ title: 'Change the inspection', inspection, values: inspections.inspectionFormValues(inspection) }));
  });
  app.post<{ Params: { id: string } }>('/governance/inspections/:id/edit', async (req, reply) => {
    const p = authorise(req.principal, 'governance.edit');
    const { inspection } = await withArea(db, p.areaId, (trx) => inspections.getInspection(trx, req.params.id));
    const { input, dateErrors } = readInspectionForm(req.body, inspection.framework);
    const errors = inspectionErrors(input, dateErrors);
    if (errors.length) return reply.page(`${V}/inspection-new.njk`, inspectionForm({ title: 'Change the inspection', inspection, errors, values: { ...(req.body as object), framework: inspection.framework } }), 400);
    await withArea(db, p.areaId, (trx) => inspections.updateInspection(trx, auditCtx(req, p), req.params.id, input, today()));
    return reply.redirect(`/governance/inspections/${req.params.id}`, 303);
  });

  const inspectionPage = async (req: FastifyRequest<{ Params: { id: string } }>, p: Principal, extra: Record<string, unknown> = {}) => {
    const data = await withArea(db, p.areaId, async (trx) => {
      const found = await inspections.getInspection(trx, req.params.id);
      const linked = (await plans.listPlans(trx)).filter((x) => x.inspectionId === req.params.id);
      return { ...found, plans: linked };
    });
    return {
      title: `${data.inspection.kindLabel}, ${govukDate(data.inspection.startedOn)}`, ...data,
      findingKinds: inspections.FINDING_KINDS[data.inspection.framework], canEdit: can(p, 'governance.edit'), ...extra,
    };
  };
  app.get<{ Params: { id: string } }>('/governance/inspections/:id', async (req, reply) => {
    const p = authorise(req.principal, 'governance.view');
    return reply.page(`${V}/inspection.njk`, await inspectionPage(req, p));
  });
  app.post<{ Params: { id: string } }>('/governance/inspections/:id/findings', async (req, reply) => {
    const p = authorise(req.principal, 'governance.edit');
    try {
      await withArea(db, p.areaId, (trx) => inspections.addFinding(trx, auditCtx(req, p), req.params.id, { kind: field(req.body, 'kind'), reference: field(req.body, 'reference'), text: field(req.body, 'text') }));
      return reply.redirect(`/governance/inspections/${req.params.id}#findings`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply.page(`${V}/inspection.njk`, await inspectionPage(req, p, { errors: err.errors, values: req.body }), 400);
    }
  });

  // --- Plans ---------------------------------------------------------------------------------

  app.get('/governance/plans', async (req, reply) => {
    const p = authorise(req.principal, 'governance.view');
    const list = await withArea(db, p.areaId, (trx) => plans.listPlans(trx));
    return reply.page(`${V}/plans.njk`, { title: 'Improvement plans', plans: list, canEdit: can(p, 'governance.edit') });
  });

  const importPage = async (p: Principal, data: Record<string, unknown> = {}) => {
    const list = await withArea(db, p.areaId, (trx) => inspections.listInspections(trx));
    return { title: 'Import an improvement plan', kinds: plans.PLAN_KINDS, inspections: list, values: { kind: 'priority-action-plan', scheme: 'rag' }, ...data };
  };
  app.get('/governance/plans/import', async (req, reply) => {
    const p = authorise(req.principal, 'governance.edit');
    return reply.page(`${V}/import.njk`, await importPage(p));
  });
  app.post('/governance/plans/import', async (req, reply) => {
    const p = authorise(req.principal, 'governance.edit');
    const { fields, file } = await readMultipart(req);
    const asAt = dateField(fields, 'asAt', 'the date the statuses are as at', false);
    const input = { name: fields['name'] ?? '', kind: fields['kind'] ?? '', scheme: fields['scheme'] ?? '', asAt: asAt.value, inspectionId: fields['inspectionId'] || null };
    const errors = plans.validateImportInput(input, today());
    if (asAt.error) errors.push({ field: 'asAt', message: asAt.error });
    if (!file) errors.push({ field: 'file', message: 'Choose a CSV or Excel (.xlsx) file' });
    if (errors.length) return reply.page(`${V}/import.njk`, await importPage(p, { errors, values: fields }), 400);
    try {
      const id = await withArea(db, p.areaId, (trx) => plans.importPlanFile(trx, auditCtx(req, p), p.areaId,
        { name: input.name, kind: input.kind as plans.PlanKind, scheme: input.scheme as StatusScheme, asAt: input.asAt ? Temporal.PlainDate.from(input.asAt) : today(), inspectionId: input.inspectionId }, file!));
      return reply.redirect(`/governance/plans/${id}?imported=1`, 303);
    } catch (err) {
      if (err instanceof plans.ImportProblemsError) {
        return reply.page(`${V}/import.njk`, await importPage(p, { errors: [{ field: 'file', message: err.message }], problems: err.problems, values: fields }), 400);
      }
      if (err instanceof ValidationError) return reply.page(`${V}/import.njk`, await importPage(p, { errors: err.errors, values: fields }), 400);
      throw err;
    }
  });

  const planPage = async (req: FastifyRequest<{ Params: { id: string }; Querystring: Record<string, string> }>, reply: FastifyReply, extra: Record<string, unknown> = {}, status?: number) => {
    const p = authorise(req.principal, 'governance.view');
    const q = extra['errors'] ? {} : (req.query ?? {});
    const errors: FieldError[] = [];
    let asAt = today();
    if (q['asAt']) {
      try { asAt = Temporal.PlainDate.from(q['asAt'], { overflow: 'reject' }); } catch { errors.push({ field: 'asAt', message: 'The date must be a real date' }); }
    } else if (q['asAt-day'] || q['asAt-month'] || q['asAt-year']) {
      const d = dateField(q, 'asAt', 'the date to report as at');
      if (d.error) errors.push({ field: 'asAt', message: d.error });
      else asAt = Temporal.PlainDate.from(d.value!);
    }
    const data = await withArea(db, p.areaId, async (trx) => {
      const summary = await plans.planSummary(trx, req.params.id, asAt);
      const actions = await plans.planActions(trx, req.params.id, asAt);
      return { summary, actions };
    });
    const filters = { status: q['status'] ?? '', lead: q['lead'] ?? '', priority: q['priority'] ?? '' };
    const scheme = data.summary.plan.scheme;
    const shown = data.actions.filter((a) => (!filters.status || a.status === filters.status || (filters.status === 'needs-update' && (a.flags.updateOverdue || a.flags.pastDueDate)))
      && (!filters.lead || a.leadOfficer === filters.lead) && (!filters.priority || a.priorityReference === filters.priority));
    return reply.page(`${V}/plan.njk`, {
      title: data.summary.plan.name, summary: data.summary, plan: data.summary.plan, asAt: asAt.toString(), isToday: asAt.equals(today()),
      asAtParts: { day: String(asAt.day), month: String(asAt.month), year: String(asAt.year) },
      actions: shown.map((a) => ({ ...a, tag: statusTag(a.status, scheme) })), totalActions: data.actions.length,
      needingUpdate: data.actions.filter((a) => a.flags.updateOverdue || a.flags.pastDueDate).length,
      filters, statusOptions: statusesFor(scheme).map((s) => ({ value: s, text: statusLabel(s) })),
      leads: [...new Set(data.actions.map((a) => a.leadOfficer))].sort(), priorityRefs: data.summary.priorities.map((x) => x.reference),
      canEdit: can(p, 'governance.edit'), errors,
      flash: q['imported'] ? 'The plan was imported.' : q['closed'] ? 'The plan is closed.' : q['reopened'] ? 'The plan is open again.' : q['priorityAdded'] ? 'The priority was added.' : undefined,
      ...extra,
    }, status ?? (errors.length ? 400 : 200));
  };
  app.get<{ Params: { id: string }; Querystring: Record<string, string> }>('/governance/plans/:id', async (req, reply) => planPage(req, reply));

  for (const [path, status] of [['close', 'closed'], ['reopen', 'open']] as const) {
    app.post<{ Params: { id: string } }>(`/governance/plans/:id/${path}`, async (req, reply) => {
      const p = authorise(req.principal, 'governance.edit');
      await withArea(db, p.areaId, (trx) => plans.setPlanStatus(trx, auditCtx(req, p), req.params.id, status, today()));
      return reply.redirect(`/governance/plans/${req.params.id}?${status === 'closed' ? 'closed' : 'reopened'}=1`, 303);
    });
  }

  const newActionPage = async (req: FastifyRequest<{ Params: { id: string } }>, p: Principal, extra: Record<string, unknown> = {}) => {
    const d = await withArea(db, p.areaId, async (trx) => ({
      plan: await plans.getPlan(trx, req.params.id),
      priorities: await trx.selectFrom('plan_priority').select(['id', 'reference', 'title']).where('plan_id', '=', req.params.id).orderBy('position').execute(),
    }));
    const t = today();
    return {
      title: 'Add an action', ...d, statusOptions: statusesFor(d.plan.scheme).map((s) => ({ value: s, text: statusLabel(s) })),
      values: { status: 'not-started', 'addedOn-day': String(t.day), 'addedOn-month': String(t.month), 'addedOn-year': String(t.year) }, ...extra,
    };
  };
  app.get<{ Params: { id: string } }>('/governance/plans/:id/actions/new', async (req, reply) => {
    const p = authorise(req.principal, 'governance.edit');
    return reply.page(`${V}/action-new.njk`, await newActionPage(req, p));
  });
  app.post<{ Params: { id: string } }>('/governance/plans/:id/actions', async (req, reply) => {
    const p = authorise(req.principal, 'governance.edit');
    const b = req.body;
    const dates = { startDate: dateField(b, 'startDate', 'the start date', false), dueDate: dateField(b, 'dueDate', 'the due date'), addedOn: dateField(b, 'addedOn', 'the date the action was added to the plan') };
    const input: plans.NewActionInput = {
      priorityId: field(b, 'priorityId'), reference: field(b, 'reference'), status: field(b, 'status'), addedOn: dates.addedOn.value,
      description: field(b, 'description'), leadOfficer: field(b, 'leadOfficer'), seniorResponsibleOfficer: field(b, 'seniorResponsibleOfficer'),
      partnerOrganisation: field(b, 'partnerOrganisation'), startDate: dates.startDate.value, dueDate: dates.dueDate.value, successMeasures: field(b, 'successMeasures'), evidence: field(b, 'evidence'),
    };
    const dateErrors: FieldError[] = Object.entries(dates).filter(([, d]) => d.error).map(([k, d]) => ({ field: k, message: d.error! }));
    try {
      const id = await withArea(db, p.areaId, async (trx) => {
        try {
          return await plans.addAction(trx, auditCtx(req, p), req.params.id, input, today());
        } catch (err) {
          if (err instanceof ValidationError && dateErrors.length) throw new ValidationError([...err.errors.filter((e) => !dateErrors.some((d) => d.field === e.field)), ...dateErrors]);
          throw err;
        }
      });
      return reply.redirect(`/governance/plans/${req.params.id}/actions/${id}?added=1`, 303);
    } catch (err) {
      if (err instanceof plans.PlanClosedError) return reply.page(`${V}/action-new.njk`, await newActionPage(req, p, { errors: [{ field: 'reference', message: err.message }], values: b }), 409);
      if (err instanceof ValidationError) return reply.page(`${V}/action-new.njk`, await newActionPage(req, p, { errors: err.errors, values: b }), 400);
      throw err;
    }
  });
  app.post<{ Params: { id: string } }>('/governance/plans/:id/priorities', async (req, reply) => {
    const p = authorise(req.principal, 'governance.edit');
    try {
      await withArea(db, p.areaId, (trx) => plans.addPriority(trx, auditCtx(req, p), req.params.id, { reference: field(req.body, 'priorityReference'), title: field(req.body, 'priorityTitle') }));
      return reply.redirect(`/governance/plans/${req.params.id}?priorityAdded=1`, 303);
    } catch (err) {
      if (err instanceof ValidationError || err instanceof plans.PlanClosedError) {
        const errors = err instanceof ValidationError ? err.errors : [{ field: 'priorityReference', message: err.message }];
        return planPage(req as unknown as FastifyRequest<{ Params: { id: string }; Querystring: Record<string, string> }>, reply, { errors, priorityValues: req.body }, err instanceof plans.PlanClosedError ? 409 : 400);
      }
      throw err;
    }
  });

  const actionPage = async (req: FastifyRequest<{ Params: { id: string; actionId: string } }>, p: Principal, extra: Record<string, unknown> = {}) => {
    const d = await withArea(db, p.areaId, (trx) => plans.actionDetail(trx, req.params.id, req.params.actionId, today()));
    const scheme = d.plan.scheme;
    return {
      title: `Action ${d.action.reference}`, ...d, tag: statusTag(d.action.status, scheme),
      history: d.history.map((h) => ({ ...h, tag: statusTag(h.status, scheme) })),
      updates: d.updates.map((u) => ({ ...u, tag: u.newStatus ? statusTag(u.newStatus, scheme) : null })),
      statusOptions: statusesFor(scheme).map((s) => ({ value: s, text: statusLabel(s) })),
      canUpdate: can(p, 'governance.update-action') && d.plan.status === 'open', canEdit: can(p, 'governance.edit') && d.plan.status === 'open',
      todayParts: { day: String(today().day), month: String(today().month), year: String(today().year) }, ...extra,
    };
  };
  app.get<{ Params: { id: string; actionId: string } }>('/governance/plans/:id/actions/:actionId', async (req, reply) => {
    const p = authorise(req.principal, 'governance.view');
    const q = (req.query ?? {}) as Record<string, string>;
    const flash = q['updated'] ? 'Your update has been recorded.' : q['changed'] ? 'The action\'s details have been changed.' : q['added'] ? 'The action was added to the plan.' : undefined;
    return reply.page(`${V}/action.njk`, await actionPage(req, p, flash ? { flash } : {}));
  });
  app.post<{ Params: { id: string; actionId: string } }>('/governance/plans/:id/actions/:actionId/updates', async (req, reply) => {
    const p = authorise(req.principal, 'governance.update-action');
    const b = req.body;
    const date = dateField(b, 'date', 'the date of the update');
    try {
      await withArea(db, p.areaId, (trx) => plans.addUpdate(trx, auditCtx(req, p), req.params.id, req.params.actionId, {
        date: date.value, dateError: date.error, narrative: field(b, 'narrative'), evidenceUrl: field(b, 'evidenceUrl'), evidenceText: field(b, 'evidenceText'), newStatus: field(b, 'newStatus'),
      }, today()));
      return reply.redirect(`/governance/plans/${req.params.id}/actions/${req.params.actionId}?updated=1`, 303);
    } catch (err) {
      if (err instanceof plans.PlanClosedError) return reply.page(`${V}/action.njk`, await actionPage(req, p, { errors: [{ field: 'updates', message: err.message }], values: b }), 409);
      if (err instanceof ValidationError) return reply.page(`${V}/action.njk`, await actionPage(req, p, { errors: err.errors, values: b }), 400);
      throw err;
    }
  });

  const editPage = async (req: FastifyRequest<{ Params: { id: string; actionId: string } }>, p: Principal, extra: Record<string, unknown> = {}) => {
    const d = await withArea(db, p.areaId, (trx) => plans.actionDetail(trx, req.params.id, req.params.actionId, today()));
    const parts = (iso: string | null) => (iso ? { day: String(Number(iso.slice(8, 10))), month: String(Number(iso.slice(5, 7))), year: iso.slice(0, 4) } : { day: '', month: '', year: '' });
    const a = d.action;
    const values = {
      description: a.description, leadOfficer: a.leadOfficer, seniorResponsibleOfficer: a.seniorResponsibleOfficer ?? '', partnerOrganisation: a.partnerOrganisation ?? '',
      successMeasures: a.successMeasures ?? '', evidence: a.evidence ?? '',
      ...Object.fromEntries(Object.entries(parts(a.startDate)).map(([k, v]) => [`startDate-${k}`, v])),
      ...Object.fromEntries(Object.entries(parts(a.dueDate)).map(([k, v]) => [`dueDate-${k}`, v])),
    };
    return { title: `Change action ${a.reference}`, plan: d.plan, action: a, values, ...extra };
  };
  app.get<{ Params: { id: string; actionId: string } }>('/governance/plans/:id/actions/:actionId/edit', async (req, reply) => {
    const p = authorise(req.principal, 'governance.edit');
    return reply.page(`${V}/action-edit.njk`, await editPage(req, p));
  });
  app.post<{ Params: { id: string; actionId: string } }>('/governance/plans/:id/actions/:actionId/edit', async (req, reply) => {
    const p = authorise(req.principal, 'governance.edit');
    const b = req.body;
    const start = dateField(b, 'startDate', 'the start date', false);
    const due = dateField(b, 'dueDate', 'the due date');
    const input: plans.ActionDetailsInput = {
      description: field(b, 'description'), leadOfficer: field(b, 'leadOfficer'), seniorResponsibleOfficer: field(b, 'seniorResponsibleOfficer'),
      partnerOrganisation: field(b, 'partnerOrganisation'), startDate: start.value, dueDate: due.value, successMeasures: field(b, 'successMeasures'), evidence: field(b, 'evidence'),
    };
    const dateErrors: FieldError[] = [...(start.error ? [{ field: 'startDate', message: start.error }] : []), ...(due.error ? [{ field: 'dueDate', message: due.error }] : [])];
    try {
      if (dateErrors.length) throw new ValidationError([...plans.validateActionDetails({ ...input, dueDate: input.dueDate ?? '9999-12-31' }).filter((e) => e.field !== 'dueDate'), ...dateErrors]);
      await withArea(db, p.areaId, (trx) => plans.editActionDetails(trx, auditCtx(req, p), req.params.id, req.params.actionId, input));
      return reply.redirect(`/governance/plans/${req.params.id}/actions/${req.params.actionId}?changed=1`, 303);
    } catch (err) {
      if (err instanceof plans.PlanClosedError) return reply.page(`${V}/action-edit.njk`, await editPage(req, p, { errors: [{ field: 'description', message: err.message }], values: b }), 409);
      if (err instanceof ValidationError) return reply.page(`${V}/action-edit.njk`, await editPage(req, p, { errors: err.errors, values: b }), 400);
      throw err;
    }
  });

  // --- API -----------------------------------------------------------------------------------

  ctx.api.add({
    method: 'GET', path: '/api/v1/inspections', summary: 'List inspections (with the WSoA due date for 2016 inspections that need one)', tag: 'Inspections', auth: 'governance.view',
    handler: async ({ principal }) => ({ inspections: await withArea(db, principal.areaId, (trx) => inspections.listInspections(trx)) }),
  });
  ctx.api.add({
    method: 'GET', path: '/api/v1/inspections/:id', summary: 'An inspection and its findings', tag: 'Inspections', auth: 'governance.view',
    params: z.object({ id: z.string() }),
    handler: async ({ principal, params }) => withArea(db, principal.areaId, (trx) => inspections.getInspection(trx, params.id)),
  });

  ctx.api.add({
    method: 'GET', path: '/api/v1/improvement-plans', summary: 'List improvement plans', tag: 'Improvement plans', auth: 'governance.view',
    response: z.object({ plans: z.array(planSchema.extend({ actions: z.number().int(), priorities: z.number().int() })) }),
    handler: async ({ principal }) => ({ plans: await withArea(db, principal.areaId, (trx) => plans.listPlans(trx)) }),
  });

  ctx.api.add({
    method: 'GET', path: '/api/v1/improvement-plans/:id/summary', summary: 'Progress of an improvement plan as at a date', tag: 'Improvement plans', auth: 'governance.view',
    params: z.object({ id: z.string().describe('The plan id') }),
    query: z.object({ asAt: isoDate.optional().describe('Report as at this date (YYYY-MM-DD); default today') }),
    response: z.object({ plan: planSchema.extend({ asAt: z.string() }), asAt: z.string(), priorities: z.array(countsSchema.extend({ reference: z.string(), title: z.string() })), overall: countsSchema }),
    responseDescription: 'Per priority and overall: the number of actions complete, on target, delayed and not started as at the date, and each as a percentage of the actions (rounded half up from its own count, so a row need not sum to 100). Under BRAG, complete includes embedded.',
    handler: async ({ principal, params, query }) => {
      const asAt = query.asAt ? Temporal.PlainDate.from(query.asAt) : today();
      return withArea(db, principal.areaId, (trx) => plans.planSummary(trx, params.id, asAt));
    },
  });

  ctx.api.add({
    method: 'GET', path: '/api/v1/improvement-plans/:id/actions', summary: 'Actions of an improvement plan with their status as at a date', tag: 'Improvement plans', auth: 'governance.view',
    params: z.object({ id: z.string() }),
    query: z.object({ asAt: isoDate.optional().describe('Status as at this date (YYYY-MM-DD); default today') }),
    handler: async ({ principal, params, query }) => {
      const asAt = query.asAt ? Temporal.PlainDate.from(query.asAt) : today();
      const actions = await withArea(db, principal.areaId, (trx) => plans.planActions(trx, params.id, asAt));
      return { asAt: asAt.toString(), actions: actions.map(({ priorityId: _p, ...a }) => a) };
    },
  });

  ctx.api.add({
    method: 'POST', path: '/api/v1/improvement-plans/:id/actions/:actionId/updates', summary: 'Record a progress update on an action, optionally changing its status', tag: 'Improvement plans', auth: 'governance.update-action',
    params: z.object({ id: z.string(), actionId: z.string() }),
    body: z.object({
      date: isoDate.describe('The date of the update (YYYY-MM-DD), today or earlier; a status change takes effect from it'),
      narrative: z.string().describe('The progress made'),
      evidenceUrl: z.string().optional(), evidenceText: z.string().optional(),
      newStatus: z.enum(['complete', 'on-target', 'delayed', 'not-started', 'embedded']).optional().describe('Leave out for no change; embedded only under BRAG'),
    }),
    response: z.object({ id: z.string() }),
    responseDescription: 'The update was recorded. A closed plan answers 409; a status change dated before the action\'s latest status change answers 400.',
    handler: async ({ principal, params, body, req, reply }) => {
      const r = await withArea(db, principal.areaId, (trx) => plans.addUpdate(trx, { principal, ip: req.ip, requestId: req.id }, params.id, params.actionId,
        { date: body.date, narrative: body.narrative, evidenceUrl: body.evidenceUrl ?? '', evidenceText: body.evidenceText ?? '', newStatus: body.newStatus ?? '' }, today()));
      reply.code(201);
      return { id: r.updateId };
    },
  });

  ctx.api.add({
    method: 'POST', path: '/api/v1/improvement-plans/import', summary: 'Import an improvement plan from a CSV or XLSX file', tag: 'Improvement plans', auth: 'governance.edit',
    bodyKind: 'multipart',
    body: z.object({
      file: z.string().describe('The CSV or XLSX file: one row per action; columns priority, reference, action, lead, due_date, status (required), priority_title, sro, start_date, success_measure, update (optional)'),
      name: z.string().describe('The plan\'s name'),
      scheme: z.enum(['rag', 'brag']).optional().describe('Status scheme (default rag)'),
      kind: z.enum(Object.keys(plans.PLAN_KINDS) as [string, ...string[]]).optional().describe('Default priority-action-plan'),
      asAt: isoDate.optional().describe('The date the statuses are as at (default today)'),
      inspectionId: z.string().optional(),
    }),
    response: z.object({ id: z.string(), plan: planSchema }),
    responseDescription: 'The new plan. A file with problems is a 400 problem listing every one in `errors` (field like "row 7 status"); nothing is written.',
    handler: async ({ principal, req, reply }) => {
      const { fields, file } = await readMultipart(req);
      const asAtText = fields['asAt'] ?? '';
      const errors: FieldError[] = [];
      if (asAtText && !isoDate.safeParse(asAtText).success) errors.push({ field: 'asAt', message: 'must be a real date in the form YYYY-MM-DD' });
      const input = { name: fields['name'] ?? '', kind: fields['kind'] || 'priority-action-plan', scheme: fields['scheme'] || 'rag', asAt: errors.length ? null : asAtText || null, inspectionId: fields['inspectionId'] || null };
      errors.push(...plans.validateImportInput(input, today()));
      if (!file) errors.push({ field: 'file', message: 'Send the plan as a file part named "file"' });
      if (errors.length) throw new ValidationError(errors, errors.map((e) => `${e.field}: ${e.message}`).join('; '));
      const result = await withArea(db, principal.areaId, async (trx) => {
        const id = await plans.importPlanFile(trx, { principal, ip: req.ip, requestId: req.id }, principal.areaId,
          { name: input.name, kind: input.kind as plans.PlanKind, scheme: input.scheme as StatusScheme, asAt: input.asAt ? Temporal.PlainDate.from(input.asAt) : today(), inspectionId: input.inspectionId }, file!);
        return { id, plan: await plans.getPlan(trx, id) };
      });
      reply.code(201).header('location', `/api/v1/improvement-plans/${result.id}/summary`);
      return result;
    },
  });
}
