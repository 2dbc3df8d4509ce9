// The event types of a statutory EHC case, their code lists and the shape of each event's data.
// Pure: no I/O. The same zod schemas validate the pages' forms (after form parsing), the API and the
// demo seeder, so an event cannot be stored in a shape the fold does not understand.
import { z } from 'zod';

export const REQUESTERS = {
  'parent': 'Parent or carer',
  'young-person': 'Young person',
  'school': 'School or college',
  'health': 'Health',
  'social-care': 'Social care',
  'other': 'Someone else',
} as const;

export const CONTRIBUTORS = {
  'ep': 'Educational psychologist',
  'health': 'Health (through the DMO or DCO)',
  'social-care': 'Social care',
  'setting': 'Education setting',
  'other': 'Other',
} as const;

/** SEN2 `<CeaseReason>` (item 4.6). */
export const CEASE_REASONS = {
  '1': 'Reached maximum age',
  '2': 'Needs being met without an EHC plan',
  '3': 'Moved on to higher education',
  '4': 'Moved on to paid employment (not an apprenticeship)',
  '5': 'Transferred to another council in England',
  '6': 'Young person no longer wishes to engage in education or training',
  '7': 'Moved outside England',
  '8': 'Deceased',
  '9': 'Other',
} as const;

export const REVIEW_DECISIONS = { maintain: 'Keep the plan as it is', amend: 'Amend the plan', cease: 'Stop maintaining the plan' } as const;

export const PHASE_KINDS = {
  'school': 'Between school phases (15 February)',
  'post16': 'Secondary school to post-16 (31 March)',
  'post16-move': 'Between post-16 institutions (5 months before)',
} as const;

export const APPEAL_SUBJECTS = {
  'refusal-to-assess': 'Refusal to assess',
  'refusal-to-issue': 'Refusal to issue a plan',
  'plan-content': 'Contents of the plan (including the named setting)',
  'cease': 'Decision to cease the plan',
} as const;

export const APPEAL_OUTCOMES = {
  'order-assess': 'Tribunal ordered an assessment',
  'order-make-plan': 'Tribunal ordered the council to make a plan',
  'order-amend': 'Tribunal ordered changes to the plan',
  'dismissed': 'Appeal dismissed',
  'withdrawn': 'Appeal withdrawn',
} as const;

/** What a school, college or other setting said when consulted on being named in a plan (CFA 2014 s.39(2) and s.40). */
export const CONSULTATION_RESPONSES = {
  'can-meet-needs': 'It can meet the needs and agrees to be named',
  'cannot-meet-needs': 'It says it cannot meet the needs',
  'other': 'Another answer (see the summary)',
} as const;

/** SEN2 `<SENtype>` codes for plans (NSA is school census only). */
export const SEN_TYPES = {
  SPLD: 'Specific learning difficulty', MLD: 'Moderate learning difficulty', SLD: 'Severe learning difficulty',
  PMLD: 'Profound and multiple learning difficulty', SEMH: 'Social, emotional and mental health',
  SLCN: 'Speech, language and communication needs', HI: 'Hearing impairment', VI: 'Vision impairment',
  MSI: 'Multi-sensory impairment', PD: 'Physical disability', ASD: 'Autistic spectrum disorder', DS: 'Down syndrome', OTH: 'Other difficulty or disability',
} as const;

export const EXCEPTION_LABELS = {
  a: '(a) School or college closed for 4 weeks or more when advice was asked for',
  b: '(b) Early years provider closed for 4 weeks or more when advice was asked for',
  c: '(c) Exceptional personal circumstances',
  d: '(d) Away from the area for 4 weeks or more',
} as const;

const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const text = (max: number) => z.string().trim().max(max, `must be ${max} characters or fewer`);
const required = (max: number, message: string) => z.string({ error: message }).trim().min(1, message).max(max, `must be ${max} characters or fewer`);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date in the form YYYY-MM-DD').refine((s) => {
  try { Temporal.PlainDate.from(s, { overflow: 'reject' }); return true; } catch { return false; }
}, 'must be a real date');
const laCode = z.string().trim().regex(/^\d{3}$|^E\d{8}$/, 'must be a 3-digit LA number or an E-code such as E09000001');

/** An EHC plan as data: sections A–K, with needs (B) → outcomes (E) → provision (F). */
export const planSchema = z.object({
  a: text(5000).optional().describe('Section A: views, interests and aspirations'),
  needs: z.array(z.object({
    senType: z.enum(keys(SEN_TYPES), { error: 'Select the type of need' }),
    description: required(2000, 'Describe the need'),
    outcomes: z.array(text(1000)).default([]).describe('Section E outcomes for this need'),
    provision: z.array(text(1000)).default([]).describe('Section F provision for this need'),
  })).max(20).default([]).describe('Section B needs, each with its section E outcomes and section F provision'),
  c: text(5000).optional().describe('Section C: health needs'),
  d: text(5000).optional().describe('Section D: social care needs'),
  g: text(5000).optional().describe('Section G: health provision'),
  h1: text(5000).optional().describe('Section H1: social care provision under s.2 CSDPA 1970'),
  h2: text(5000).optional().describe('Section H2: other social care provision'),
  namedSetting: z.object({
    name: required(200, 'Enter the name of the school, college or setting'),
    urn: z.string().regex(/^\d{6,7}$/, 'must be a 6 or 7 digit URN').optional(),
  }).optional().describe('Section I: the named school, college or other institution'),
  j: text(5000).optional().describe('Section J: personal budget'),
  k: text(5000).optional().describe('Section K: advice and information (list of appendices)'),
});
export type PlanData = z.infer<typeof planSchema>;

const empty = z.object({}).strict();

/** Every event type: its label, whether it starts a case, and its data. */
export const EVENT_DATA = {
  'request-received': z.object({
    requester: z.enum(keys(REQUESTERS), { error: 'Select who asked for the assessment' }), requesterDetail: text(200).optional(),
    externalReference: text(100).optional().describe('The case\'s reference in the system it was imported from (`joinedup cases import`)'),
  }),
  'transfer-in': z.object({ fromLa: laCode, lastReviewOn: isoDate.describe('The day the plan was issued or last reviewed by the old council') }),
  'transfer-in-confirmed': empty,
  'decision-to-assess': empty,
  'decision-not-to-assess': z.object({ reasons: required(2000, 'Enter the reasons for not assessing') }),
  'advice-requested': z.object({ contributor: z.enum(keys(CONTRIBUTORS), { error: 'Select who advice was asked from' }), contributorName: text(200).optional(), contributorUserId: z.uuid('must be a user id').optional(),
    contributorEmail: z.email('Enter an email address in the correct format, like name@example.com').max(254).optional().describe('Where the request and reminders are emailed when the contributor is not a Joined Up user'),
  }),
  'advice-received': z.object({ adviceEventId: z.uuid({ error: 'Select which advice request this answers' }) }),
  'decision-to-issue': empty,
  'decision-not-to-issue': z.object({ reasons: required(2000, 'Enter the reasons for not issuing a plan') }),
  'draft-plan-issued': z.object({ plan: planSchema }),
  'representations-received': z.object({ requestedSetting: text(200).optional(), summary: text(2000).optional() }),
  'setting-consulted': z.object({
    settingName: required(200, 'Enter the name of the school, college or setting consulted'),
    urn: z.string().regex(/^\d{6,7}$/, 'must be a 6 or 7 digit URN').optional(),
    responseRequestedBy: isoDate.optional().describe('The date the council asked the setting to answer by'),
  }),
  'consultation-response': z.object({
    consultationEventId: z.uuid({ error: 'Select which consultation this answers' }),
    response: z.enum(keys(CONSULTATION_RESPONSES), { error: 'Select what the setting said' }),
    summary: text(2000).optional(),
  }),
  'final-plan-issued': z.object({ plan: planSchema.optional() }),
  'exception-recorded': z.object({ code: z.enum(['a', 'b', 'c', 'd'], { error: 'Select which exception applies' }), reason: required(2000, 'Enter why the exception applies'), evidence: required(2000, 'Describe the evidence') }),
  'review-meeting-held': empty,
  'review-decision': z.object({ decision: z.enum(keys(REVIEW_DECISIONS), { error: 'Select the decision' }) }),
  'amendment-proposed': z.object({ summary: text(2000).optional() }),
  'amended-plan-issued': z.object({ plan: planSchema.optional() }),
  'phase-transfer': z.object({ kind: z.enum(keys(PHASE_KINDS), { error: 'Select the kind of transfer' }), year: z.number().int().min(2000).max(2199).optional(), transferDate: isoDate.optional() })
    .refine((v) => (v.kind === 'post16-move' ? v.transferDate !== undefined : v.year !== undefined), { message: 'Enter the year of transfer, or for a move between post-16 institutions the date of the move', path: ['year'] }),
  'reassessment-requested': z.object({ requester: z.enum(keys(REQUESTERS), { error: 'Select who asked for the re-assessment' }), requesterDetail: text(200).optional() }),
  'decision-to-reassess': empty,
  'decision-not-to-reassess': z.object({ reasons: required(2000, 'Enter the reasons for not re-assessing') }),
  'reassessment-plan-issued': z.object({ plan: planSchema.optional() }),
  'plan-ceased': z.object({ reason: z.enum(keys(CEASE_REASONS), { error: 'Select the reason the plan ceased' }), detail: text(2000).optional() }),
  'transfer-out': z.object({ toLa: laCode, learnedOfMove: isoDate, moveDate: isoDate }),
  'mediation': z.object({ decisionDate: isoDate.describe('Date of the decision letter being disputed'), certificateOn: isoDate.optional().describe('Date of the mediation certificate') }),
  'appeal-registered': z.object({ subject: z.enum(keys(APPEAL_SUBJECTS), { error: 'Select what the appeal is about' }), decisionDate: isoDate.describe('Date of the decision letter appealed against') }),
  'appeal-outcome': z.object({ outcome: z.enum(keys(APPEAL_OUTCOMES), { error: 'Select the outcome' }) }),
  'correction': z.object({ action: z.enum(['void', 'replace'], { error: 'Select whether to remove or replace the event' }), effectiveDate: isoDate.optional(), data: z.record(z.string(), z.unknown()).optional() }),
} as const;

export type EventType = keyof typeof EVENT_DATA;
export const EVENT_TYPES = Object.keys(EVENT_DATA) as EventType[];
export type EventData<T extends EventType> = z.infer<(typeof EVENT_DATA)[T]>;

export const EVENT_LABELS: Record<EventType, string> = {
  'request-received': 'Request for assessment received',
  'transfer-in': 'Plan transferred in from another council',
  'transfer-in-confirmed': 'Family told the transfer is confirmed',
  'decision-to-assess': 'Decided to assess',
  'decision-not-to-assess': 'Decided not to assess',
  'advice-requested': 'Advice requested',
  'advice-received': 'Advice received',
  'decision-to-issue': 'Decided to issue a plan',
  'decision-not-to-issue': 'Decided not to issue a plan',
  'draft-plan-issued': 'Draft plan issued',
  'representations-received': 'Representations on the draft received',
  'setting-consulted': 'Setting consulted on being named',
  'consultation-response': 'Setting answered the consultation',
  'final-plan-issued': 'Final plan issued',
  'exception-recorded': 'Time limit exception recorded (reg 10(4))',
  'review-meeting-held': 'Annual review meeting held',
  'review-decision': 'Review decision made',
  'amendment-proposed': 'Amendments proposed',
  'amended-plan-issued': 'Amended plan issued',
  'phase-transfer': 'Phase transfer due',
  'reassessment-requested': 'Re-assessment requested',
  'decision-to-reassess': 'Decided to re-assess',
  'decision-not-to-reassess': 'Decided not to re-assess',
  'reassessment-plan-issued': 'Plan issued after re-assessment',
  'plan-ceased': 'Plan ceased',
  'transfer-out': 'Plan transferred to another council',
  'mediation': 'Mediation',
  'appeal-registered': 'Appeal registered with the Tribunal',
  'appeal-outcome': 'Appeal outcome',
  'correction': 'Correction',
};

/** Types that open a case; every other type needs an open case. */
export const FIRST_EVENT_TYPES: readonly EventType[] = ['request-received', 'transfer-in'];

export function isEventType(s: string): s is EventType {
  return Object.prototype.hasOwnProperty.call(EVENT_DATA, s);
}

export function parseEventData(type: EventType, data: unknown): { ok: true; data: Record<string, unknown> } | { ok: false; errors: { field: string; message: string }[] } {
  const r = (EVENT_DATA[type] as z.ZodType).safeParse(data ?? {});
  if (r.success) return { ok: true, data: r.data as Record<string, unknown> };
  return { ok: false, errors: r.error.issues.map((i) => ({ field: ['data', ...i.path.map(String)].join('.'), message: i.message })) };
}
