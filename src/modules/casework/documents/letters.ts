// Letters: the kinds the council sends, which case event each one answers, the placeholders each may
// use, the shipped default wording, and how a letter (and the plan it may enclose) becomes the block
// model the board papers use, so one Word renderer and one PDF renderer draw both. Pure: no I/O.
import { appealTimescales } from '../../statutory/index.ts';
import { longDate, type Block } from '../../governance/papers/model.ts';
import { CEASE_REASONS, REVIEW_DECISIONS, SEN_TYPES, type EventType, type PlanData } from '../events.ts';
import { checkTemplate, fillTemplate } from './placeholders.ts';
import type { FieldError } from '../../../platform/http/errors.ts';

export const COMMON_PLACEHOLDERS = {
  'council.name': 'The council\'s name',
  'letter.date': 'The date the letter is issued',
  'case.reference': 'The case reference',
  'child.fullName': 'The child or young person\'s full name',
  'child.firstName': 'The child or young person\'s first name',
  'child.dateOfBirth': 'Their date of birth',
  'family.names': 'The parents\' or carers\' names (or "Parent or carer" when none are recorded)',
  'caseworker.name': 'The name of the person issuing the letter',
  'decision.date': 'The date of the decision or step the letter is about',
  'request.date': 'The date the request for assessment was received',
} as const;

export const EXTRA_PLACEHOLDERS = {
  'appeal.deadline': 'The last day to appeal to the Tribunal (2 months from the decision; later with a mediation certificate)',
  'decision.reasons': 'The reasons recorded with the decision',
  'assessment.decisionDeadline': 'The 16-week date to decide whether to issue a plan',
  'plan.finalDeadline': 'The 20-week date to issue the final plan',
  'representations.deadline': 'The last day of the family\'s 15 days to comment on the draft plan',
  'plan.setting': 'The school, college or setting named in section I',
  'review.decision': 'The review decision, in words',
  'cease.reason': 'The reason the plan is ceasing',
} as const;

export type Placeholder = keyof typeof COMMON_PLACEHOLDERS | keyof typeof EXTRA_PLACEHOLDERS;

interface KindDef {
  label: string;
  /** The case events this letter answers. */
  events: readonly EventType[];
  extra: readonly (keyof typeof EXTRA_PLACEHOLDERS)[];
  /** Encloses the plan as it stood at the event (draft or final). */
  enclosesPlan: boolean;
  subject: string;
  body: string;
}

const APPEAL_RIGHTS = `## If you disagree
You can appeal against this decision to the First-tier Tribunal (Special Educational Needs and Disability). The last day to appeal is {{appeal.deadline}}.
Before you appeal, you must contact a mediation adviser to talk about mediation. You do not have to go to mediation, but you will need the certificate the mediation adviser gives you to register your appeal. If you go to mediation, you have until 1 month after the date of the certificate to appeal, if that is later.
You can also ask us to meet you to talk about the decision, and get free, impartial advice from the local SEND information, advice and support service.`;

const SIGN_OFF = `Yours sincerely
{{caseworker.name}}
SEND Casework Team, {{council.name}}`;

export const LETTER_KINDS = {
  'decision-to-assess': {
    label: 'Decision to assess', events: ['decision-to-assess'], extra: ['assessment.decisionDeadline', 'plan.finalDeadline'], enclosesPlan: false,
    subject: 'We will carry out an EHC needs assessment for {{child.fullName}}',
    body: `Dear {{family.names}}
We received the request for an education, health and care (EHC) needs assessment for {{child.fullName}} on {{request.date}}. On {{decision.date}} we decided to carry out the assessment.
## What happens next
We will ask for advice and information from the people who know {{child.firstName}}, including their school or setting, an educational psychologist, health and social care. We will also ask for your views and those of {{child.firstName}}.
We will tell you by {{assessment.decisionDeadline}} whether we will issue an EHC plan. If we do, the final plan will be issued by {{plan.finalDeadline}}.
If you have any questions, contact us and quote reference {{case.reference}}.
${SIGN_OFF}`,
  },
  'decision-not-to-assess': {
    label: 'Decision not to assess', events: ['decision-not-to-assess'], extra: ['appeal.deadline', 'decision.reasons'], enclosesPlan: false,
    subject: 'We will not carry out an EHC needs assessment for {{child.fullName}}',
    body: `Dear {{family.names}}
We received the request for an education, health and care (EHC) needs assessment for {{child.fullName}} on {{request.date}}. On {{decision.date}} we decided not to carry out the assessment.
## Why we made this decision
{{decision.reasons}}
${APPEAL_RIGHTS}
If you have any questions, contact us and quote reference {{case.reference}}.
${SIGN_OFF}`,
  },
  'decision-not-to-issue': {
    label: 'Decision not to issue a plan', events: ['decision-not-to-issue'], extra: ['appeal.deadline', 'decision.reasons'], enclosesPlan: false,
    subject: 'We will not issue an EHC plan for {{child.fullName}}',
    body: `Dear {{family.names}}
We have finished the education, health and care (EHC) needs assessment for {{child.fullName}}. On {{decision.date}} we decided not to issue an EHC plan.
## Why we made this decision
{{decision.reasons}}
We will send you the advice and information gathered during the assessment, and we will talk to {{child.firstName}}'s school or setting about how it can meet their needs.
${APPEAL_RIGHTS}
If you have any questions, contact us and quote reference {{case.reference}}.
${SIGN_OFF}`,
  },
  'draft-plan-cover': {
    label: 'Draft plan cover letter', events: ['draft-plan-issued'], extra: ['representations.deadline'], enclosesPlan: true,
    subject: 'The draft EHC plan for {{child.fullName}}',
    body: `Dear {{family.names}}
With this letter is the draft education, health and care (EHC) plan for {{child.fullName}}, issued on {{decision.date}}.
## What you can do now
You have 15 days to tell us what you think of the draft plan. Send us your comments by {{representations.deadline}}.
- You can ask us to meet you to talk about the draft plan.
- You can ask for a particular school, college or other setting to be named in the plan. The draft plan does not name one yet.
- You can ask for a personal budget.
We will then issue the final plan, and tell you about your right to appeal.
If you have any questions, contact us and quote reference {{case.reference}}.
${SIGN_OFF}`,
  },
  'final-plan-cover': {
    label: 'Final plan cover letter', events: ['final-plan-issued', 'amended-plan-issued'], extra: ['appeal.deadline', 'plan.setting'], enclosesPlan: true,
    subject: 'The final EHC plan for {{child.fullName}}',
    body: `Dear {{family.names}}
With this letter is the final education, health and care (EHC) plan for {{child.fullName}}, issued on {{decision.date}}. The plan names {{plan.setting}}.
${APPEAL_RIGHTS.replace('against this decision', 'about the description of needs (section B), the provision (section F) or the setting named (section I)')}
If you have any questions, contact us and quote reference {{case.reference}}.
${SIGN_OFF}`,
  },
  'annual-review-decision': {
    label: 'Annual review decision', events: ['review-decision'], extra: ['appeal.deadline', 'review.decision'], enclosesPlan: false,
    subject: 'The outcome of the annual review of {{child.fullName}}\'s EHC plan',
    body: `Dear {{family.names}}
We have considered the annual review of the education, health and care (EHC) plan for {{child.fullName}}. On {{decision.date}} we decided to {{review.decision}}.
If we are amending the plan, we will send you the proposed changes and you will have 15 days to comment. You will be able to appeal when the amended plan is issued.
${APPEAL_RIGHTS}
If you have any questions, contact us and quote reference {{case.reference}}.
${SIGN_OFF}`,
  },
  'decision-to-cease': {
    label: 'Decision to cease the plan', events: ['plan-ceased'], extra: ['appeal.deadline', 'cease.reason'], enclosesPlan: false,
    subject: 'We have decided to stop maintaining the EHC plan for {{child.fullName}}',
    body: `Dear {{family.names}}
On {{decision.date}} we decided to stop maintaining the education, health and care (EHC) plan for {{child.fullName}}.
## Why we made this decision
{{cease.reason}}
${APPEAL_RIGHTS}
If you appeal, we will keep the plan in place until the appeal is decided.
If you have any questions, contact us and quote reference {{case.reference}}.
${SIGN_OFF}`,
  },
} as const satisfies Record<string, KindDef>;

export type LetterKind = keyof typeof LETTER_KINDS;
export const LETTER_KIND_KEYS = Object.keys(LETTER_KINDS) as LetterKind[];

export function isLetterKind(s: string): s is LetterKind {
  return Object.prototype.hasOwnProperty.call(LETTER_KINDS, s);
}

/** The letter an event of this type warrants, if any. */
export function letterKindFor(eventType: string): LetterKind | null {
  return LETTER_KIND_KEYS.find((k) => (LETTER_KINDS[k].events as readonly string[]).includes(eventType)) ?? null;
}

export function placeholdersFor(kind: LetterKind): Array<{ name: Placeholder; description: string }> {
  return [
    ...Object.entries(COMMON_PLACEHOLDERS).map(([name, description]) => ({ name: name as Placeholder, description })),
    ...LETTER_KINDS[kind].extra.map((name) => ({ name, description: EXTRA_PLACEHOLDERS[name] })),
  ];
}

export const MAX_SUBJECT = 300;
export const MAX_BODY = 20_000;

/** Checks an edited template: lengths, then every placeholder and brace, line by line. */
export function checkLetterTemplate(kind: LetterKind, subject: string, body: string): FieldError[] {
  const allowed = new Set<string>(placeholdersFor(kind).map((p) => p.name));
  const errors: FieldError[] = [];
  if (!subject.trim()) errors.push({ field: 'subject', message: 'Enter the letter\'s heading' });
  else if (subject.length > MAX_SUBJECT) errors.push({ field: 'subject', message: `The heading must be ${MAX_SUBJECT} characters or fewer` });
  else errors.push(...checkTemplate(subject, allowed, 'subject', `${LETTER_KINDS[kind].label.toLowerCase()} letter`).map((e) => ({ ...e, message: `Heading: ${e.message.replace(/^Line 1: /, '')}` })));
  if (!body.trim()) errors.push({ field: 'body', message: 'Enter the letter\'s text' });
  else if (body.length > MAX_BODY) errors.push({ field: 'body', message: `The letter's text must be ${MAX_BODY.toLocaleString('en-GB')} characters or fewer` });
  else errors.push(...checkTemplate(body, allowed, 'body', `${LETTER_KINDS[kind].label.toLowerCase()} letter`));
  return errors;
}

// --- Facts → placeholder values -------------------------------------------------------------------

export interface LetterFacts {
  councilName: string;
  letterDate: string;
  caseReference: string;
  child: { givenName: string; familyName: string; dateOfBirth: string };
  carerNames: readonly string[];
  caseworkerName: string;
  event: { type: string; effectiveDate: string; data: Record<string, unknown> };
  requestReceived: string | null;
  /** The case's statutory deadlines from the fold (key → due date). */
  deadlines: ReadonlyArray<{ key: string; due: string }>;
  /** The plan as it stood at the event, for the plan letters. */
  plan: PlanData | null;
}

export function caseReference(caseId: string): string {
  return `EHC-${caseId.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}

export function placeholderValues(f: LetterFacts): Record<Placeholder, string> {
  const due = (key: string) => longDate(f.deadlines.find((d) => d.key === key)?.due) || 'the date set by law';
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const names = f.carerNames.filter(Boolean);
  return {
    'council.name': f.councilName,
    'letter.date': longDate(f.letterDate),
    'case.reference': f.caseReference,
    'child.fullName': `${f.child.givenName} ${f.child.familyName}`,
    'child.firstName': f.child.givenName,
    'child.dateOfBirth': longDate(f.child.dateOfBirth),
    'family.names': names.length ? names.join(' and ') : 'Parent or carer',
    'caseworker.name': f.caseworkerName,
    'decision.date': longDate(f.event.effectiveDate),
    'request.date': longDate(f.requestReceived) || 'not applicable',
    // The statutory module's rule: 2 months from the decision letter (moved off August, Christmas and
    // non-working days). The event's date is the decision letter's date, as in the fold.
    'appeal.deadline': longDate(appealTimescales(Temporal.PlainDate.from(f.event.effectiveDate)).dates.appealDeadline.toString()),
    'decision.reasons': str(f.event.data['reasons']) || 'No reasons were recorded.',
    'assessment.decisionDeadline': due('decision-not-to-issue'),
    'plan.finalDeadline': due('final-plan'),
    'representations.deadline': due('representations'),
    'plan.setting': f.plan?.namedSetting?.name ?? 'no school, college or setting yet',
    'review.decision': (REVIEW_DECISIONS[str(f.event.data['decision']) as keyof typeof REVIEW_DECISIONS] ?? '').toLowerCase() || 'make a decision',
    'cease.reason': CEASE_REASONS[str(f.event.data['reason']) as keyof typeof CEASE_REASONS] ?? 'Not recorded',
  } satisfies Record<Placeholder, string>;
}

// --- Blocks ---------------------------------------------------------------------------------------

/** A template's text → blocks: one paragraph a line, "## " a heading, "- " lines a bulleted list. */
export function bodyBlocks(text: string): Block[] {
  const out: Block[] = [];
  let list: string[] | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const bullet = /^[-*•]\s+(.*)$/.exec(line);
    if (bullet) { (list ??= []).push(bullet[1]!); continue; }
    if (list) { out.push({ kind: 'list', items: list }); list = null; }
    if (!line) continue;
    if (line.startsWith('## ')) out.push({ kind: 'heading', level: 1, text: line.slice(3) });
    else out.push({ kind: 'paragraph', text: line });
  }
  if (list) out.push({ kind: 'list', items: list });
  return out;
}

export interface RenderedLetter { subject: string; blocks: Block[] }

export function letterBlocks(kind: LetterKind, template: { subject: string; body: string }, f: LetterFacts, planLabel?: string): RenderedLetter {
  const values = placeholderValues(f);
  const subject = fillTemplate(template.subject, values).trim();
  const blocks: Block[] = [
    { kind: 'paragraph', text: f.councilName, style: 'bold' },
    { kind: 'titleBlock', rows: [['Date', longDate(f.letterDate)], ['Our reference', f.caseReference], ['About', `${values['child.fullName']}, born ${values['child.dateOfBirth']}`]] },
    { kind: 'title', text: subject },
    ...bodyBlocks(fillTemplate(template.body, values)),
  ];
  if (LETTER_KINDS[kind].enclosesPlan && f.plan) {
    blocks.push({ kind: 'pageBreak' }, ...planBlocks(f.plan, { title: planLabel ?? 'Education, health and care plan', childName: values['child.fullName'], dateOfBirth: f.child.dateOfBirth, issuedOn: f.event.effectiveDate, reference: f.caseReference, draft: f.event.type === 'draft-plan-issued' }));
  }
  return { subject, blocks };
}

const SECTION_TEXT: Array<[keyof PlanData, string]> = [
  ['c', 'Section C: health needs'], ['d', 'Section D: social care needs'], ['g', 'Section G: health provision'],
  ['h1', 'Section H1: social care provision (Chronically Sick and Disabled Persons Act 1970, s.2)'], ['h2', 'Section H2: other social care provision'],
];

/** An EHC plan, sections A–K, with each need (B) beside its outcomes (E) and provision (F). */
export function planBlocks(plan: PlanData, meta: { title: string; childName: string; dateOfBirth: string; issuedOn: string; reference: string; draft: boolean }): Block[] {
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : 'None recorded.');
  const b: Block[] = [
    { kind: 'title', text: meta.title },
    { kind: 'titleBlock', rows: [['Name', meta.childName], ['Date of birth', longDate(meta.dateOfBirth)], ['Issued on', longDate(meta.issuedOn)], ['Reference', meta.reference]] },
    { kind: 'heading', level: 1, text: 'Section A: views, interests and aspirations' }, { kind: 'paragraph', text: text(plan.a) },
    { kind: 'heading', level: 1, text: 'Sections B, E and F: needs, outcomes and provision' },
  ];
  if (!plan.needs.length) b.push({ kind: 'paragraph', text: 'No special educational needs recorded.' });
  plan.needs.forEach((n, i) => {
    const items = (xs: readonly string[]) => (xs.length ? xs.map((x) => `• ${x}`).join('\n') : 'None recorded');
    b.push({
      kind: 'table', caption: `Need ${i + 1}: ${SEN_TYPES[n.senType]}`, header: ['Section B: special educational need', 'Section E: outcomes', 'Section F: special educational provision'],
      rows: [[{ text: n.description }, { text: items(n.outcomes) }, { text: items(n.provision) }]], widths: [34, 33, 33],
    });
  });
  for (const [key, label] of SECTION_TEXT) b.push({ kind: 'heading', level: 1, text: label }, { kind: 'paragraph', text: text(plan[key]) });
  b.push({ kind: 'heading', level: 1, text: 'Section I: placement' }, {
    kind: 'paragraph',
    text: meta.draft ? 'A draft plan does not name a school, college or other setting.' : plan.namedSetting ? `${plan.namedSetting.name}${plan.namedSetting.urn ? ` (URN ${plan.namedSetting.urn})` : ''}` : 'None named.',
  });
  b.push({ kind: 'heading', level: 1, text: 'Section J: personal budget' }, { kind: 'paragraph', text: text(plan.j) });
  b.push({ kind: 'heading', level: 1, text: 'Section K: advice and information' }, { kind: 'paragraph', text: text(plan.k) });
  return b;
}
