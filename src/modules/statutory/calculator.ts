/**
 * The public statutory-timescale calculator contract.
 *
 * `calculate(process, params)` takes untrusted strings (a query string or form
 * body), validates every parameter, and either returns the due dates as
 * 'YYYY-MM-DD' strings with explanations and legal bases, or a list of errors
 * each naming the parameter at fault (GOV.UK error-summary style). It never
 * throws for bad input.
 *
 * `PROCESSES` describes each process (parameters with labels, hints, types,
 * options and when they apply; the dates it returns), so the web form and the
 * API documentation can be generated from it rather than written twice.
 */
import { parseIsoDate, SUPPORTED_YEARS, isBefore, type PlainDate } from './dates.ts';
import {
  adviceTimescales,
  amendmentTimescales,
  annualReviewTimescales,
  appealTimescales,
  draftPlanTimescales,
  laTransferTimescales,
  newAssessmentTimescales,
  nextReviewTimescales,
  phaseTransferTimescales,
  reassessmentTimescales,
  tribunalOrderTimescales,
  type PhaseTransfer,
  type Timescale,
  type TribunalOrder,
} from './timescales.ts';

export type ProcessId =
  | 'new-assessment'
  | 'advice'
  | 'draft-plan'
  | 'amendment'
  | 'annual-review'
  | 'next-review'
  | 'phase-transfer'
  | 'reassessment'
  | 'tribunal-order'
  | 'appeal'
  | 'la-transfer';

export type ParameterType = 'date' | 'year' | 'choice';

/** A parameter (or date) that only applies when another parameter has one of these values. */
export interface Condition {
  readonly param: string;
  readonly values: readonly string[];
}

export interface ParameterDescription {
  readonly name: string;
  /** A noun phrase, used as the form label and inside error messages. */
  readonly label: string;
  readonly hint: string;
  readonly type: ParameterType;
  /** Required whenever it applies (see `when`). */
  readonly required: boolean;
  /** The error when a required value is missing, where "Enter the …" or "Select the …" would read badly. */
  readonly missingMessage?: string;
  readonly options?: readonly { readonly value: string; readonly label: string }[];
  readonly when?: Condition;
}

export interface DateDescription {
  readonly name: string;
  readonly label: string;
  readonly when?: Condition;
}

export interface ProcessDescription {
  readonly id: ProcessId;
  readonly title: string;
  readonly summary: string;
  readonly parameters: readonly ParameterDescription[];
  readonly dates: readonly DateDescription[];
}

/** The example in date hints; forms with a GOV.UK date input replace it with their own example. */
export const DATE_HINT = 'For example, 2025-03-27';

export const PROCESSES: readonly ProcessDescription[] = [
  {
    id: 'new-assessment',
    title: 'New EHC needs assessment',
    summary: 'Deadlines that run from the day the council receives a request for an EHC needs assessment.',
    parameters: [
      {
        name: 'requestReceived',
        label: 'Date the council received the request',
        hint: `The day the request arrived at the council, not the day it was sent. ${DATE_HINT}`,
        type: 'date',
        required: true,
      },
    ],
    dates: [
      { name: 'decisionToAssess', label: 'Decision whether to assess' },
      { name: 'decisionNotToIssue', label: 'Decision not to issue a plan (if that is the decision)' },
      { name: 'finalPlan', label: 'Final EHC plan' },
    ],
  },
  {
    id: 'advice',
    title: 'Advice for an assessment',
    summary: 'When a service asked for advice or information for an EHC needs assessment must reply.',
    parameters: [
      {
        name: 'adviceRequested',
        label: 'Date the service received the request for advice',
        hint: `Each service has its own 6 weeks, from the day it received the council's request. ${DATE_HINT}`,
        type: 'date',
        required: true,
      },
    ],
    dates: [{ name: 'adviceDue', label: 'Advice due' }],
  },
  {
    id: 'draft-plan',
    title: 'Draft EHC plan',
    summary: 'Your time to comment on a draft plan, and the earliest the council can finalise it.',
    parameters: [
      {
        name: 'draftServed',
        label: 'Date the draft plan was served',
        hint: `The day the council gave or sent you the draft plan. ${DATE_HINT}`,
        type: 'date',
        required: true,
      },
    ],
    dates: [
      { name: 'representationsClose', label: 'Last day to comment' },
      { name: 'earliestFinalPlan', label: 'Earliest date for the final plan' },
    ],
  },
  {
    id: 'amendment',
    title: 'Amending a plan',
    summary: 'Deadlines after the council sends proposed amendments to a plan.',
    parameters: [
      {
        name: 'proposalsSent',
        label: 'Date the proposed amendments were sent',
        hint: `The day the council sent the notice of proposed amendments. ${DATE_HINT}`,
        type: 'date',
        required: true,
      },
    ],
    dates: [
      { name: 'representationsClose', label: 'Last day to comment' },
      { name: 'finalAmendedPlan', label: 'Final amended plan' },
    ],
  },
  {
    id: 'annual-review',
    title: 'After an annual review meeting',
    summary: "The council's decision and any amended plan after a review meeting.",
    parameters: [
      { name: 'meeting', label: 'Date of the review meeting', hint: DATE_HINT, type: 'date', required: true },
    ],
    dates: [
      { name: 'decisionDue', label: 'Decision to keep, amend or stop the plan' },
      { name: 'finalAmendedPlan', label: 'Final amended plan (if amending)' },
    ],
  },
  {
    id: 'next-review',
    title: 'Next annual review',
    summary: 'The last day for the next review of a plan.',
    parameters: [
      {
        name: 'lastReviewOrIssue',
        label: 'Date the plan was issued or last reviewed',
        hint: `Use the date the plan was first issued if it has not been reviewed yet. ${DATE_HINT}`,
        type: 'date',
        required: true,
      },
    ],
    dates: [{ name: 'nextReviewDue', label: 'Next review due' }],
  },
  {
    id: 'phase-transfer',
    title: 'Moving to a new phase of education',
    summary: 'When the plan must be reviewed and amended before a move to a new school or college.',
    parameters: [
      {
        name: 'kind',
        label: 'Type of move',
        hint: 'Choose the move the child or young person is making.',
        type: 'choice',
        required: true,
        options: [
          { value: 'school', label: 'Early years to school, infant to junior, primary to middle, or to secondary school' },
          { value: 'post16', label: 'Secondary school to a post-16 institution' },
          { value: 'post16-move', label: 'One post-16 institution to another' },
        ],
      },
      {
        name: 'year',
        label: 'Year of the move',
        hint: 'The calendar year in which the move happens, for example 2026',
        type: 'year',
        required: true,
        when: { param: 'kind', values: ['school', 'post16'] },
      },
      {
        name: 'transferDate',
        label: 'Date of the move',
        hint: DATE_HINT,
        type: 'date',
        required: true,
        when: { param: 'kind', values: ['post16-move'] },
      },
    ],
    dates: [{ name: 'finalPlanDue', label: 'Review and amended plan due' }],
  },
  {
    id: 'reassessment',
    title: 'Re-assessment',
    summary: 'When an amended or replacement plan is due after a re-assessment.',
    parameters: [
      {
        name: 'notified',
        label: 'Date the council gave notice of the re-assessment',
        hint: `Or the date it decided a re-assessment was needed. ${DATE_HINT}`,
        type: 'date',
        required: true,
      },
    ],
    dates: [{ name: 'finalPlan', label: 'Final plan' }],
  },
  {
    id: 'tribunal-order',
    title: 'After a Tribunal order',
    summary: 'What the council must do, and by when, after the SEND Tribunal orders it to act.',
    parameters: [
      {
        name: 'order',
        label: 'What the Tribunal ordered',
        hint: 'Choose the order.',
        type: 'choice',
        required: true,
        missingMessage: 'Select what the Tribunal ordered',
        options: [
          { value: 'assess', label: 'Carry out an EHC needs assessment' },
          { value: 'make-plan', label: 'Make and maintain an EHC plan' },
          { value: 'amend-content', label: 'Amend the content of a plan' },
        ],
      },
      {
        name: 'orderDate',
        label: 'Date of the order',
        hint: `For an appeal the council did not oppose, the day it told the Tribunal so. ${DATE_HINT}`,
        type: 'date',
        required: true,
      },
    ],
    dates: [
      { name: 'decisionToAssess', label: 'Council confirms it will assess', when: { param: 'order', values: ['assess'] } },
      {
        name: 'decisionNotToIssue',
        label: 'Decision not to issue a plan (if that is the decision)',
        when: { param: 'order', values: ['assess'] },
      },
      { name: 'draftPlan', label: 'Draft plan', when: { param: 'order', values: ['make-plan'] } },
      { name: 'finalPlan', label: 'Final plan', when: { param: 'order', values: ['assess', 'make-plan'] } },
      { name: 'amendedPlan', label: 'Amended plan', when: { param: 'order', values: ['amend-content'] } },
    ],
  },
  {
    id: 'appeal',
    title: 'Appeal deadline',
    summary: 'The last day to register an appeal with the SEND Tribunal.',
    parameters: [
      {
        name: 'decisionLetter',
        label: 'Date of the decision letter',
        hint: `The date on the council's letter telling you its decision, or the letter with the final plan. ${DATE_HINT}`,
        type: 'date',
        required: true,
      },
      {
        name: 'mediationCertificate',
        label: 'Date of the mediation certificate',
        hint: `Leave blank if you do not have one. ${DATE_HINT}`,
        type: 'date',
        required: false,
      },
    ],
    dates: [{ name: 'appealDeadline', label: 'Appeal deadline' }],
  },
  {
    id: 'la-transfer',
    title: 'Moving to another council area',
    summary: 'When the old council must pass the plan to the new council.',
    parameters: [
      {
        name: 'learnedOfMove',
        label: 'Date the old council learned of the move',
        hint: DATE_HINT,
        type: 'date',
        required: true,
      },
      { name: 'moveDate', label: 'Date of the move', hint: DATE_HINT, type: 'date', required: true },
    ],
    dates: [{ name: 'transferPlanBy', label: 'Plan transferred to the new council' }],
  },
];

export interface CalculationResult {
  readonly process: ProcessId;
  readonly dates: Readonly<Record<string, string>>;
  readonly explanations: Readonly<Record<string, string>>;
  readonly bases: Readonly<Record<string, string>>;
}

export interface CalculationError {
  readonly param: string;
  readonly message: string;
}

export type CalculationOutcome =
  | { readonly ok: true; readonly result: CalculationResult }
  | { readonly ok: false; readonly errors: readonly CalculationError[] };

export type CalculatorParams = Readonly<Record<string, string | undefined>>;

export function findProcess(id: string): ProcessDescription | undefined {
  return PROCESSES.find((p) => p.id === id);
}

/** Validates the parameters for `process` and calculates its dates. */
export function calculate(process: string, params: CalculatorParams): CalculationOutcome {
  const description = findProcess(process);
  if (description === undefined) {
    return {
      ok: false,
      errors: [{ param: 'process', message: `Choose a timescale to calculate: ${PROCESSES.map((p) => p.id).join(', ')}` }],
    };
  }
  const reader = new ParamReader(description, params);
  const timescale = compute(description.id, reader);
  if (timescale === undefined || reader.errors.length > 0) return { ok: false, errors: reader.errors };
  return { ok: true, result: serialise(description.id, timescale) };
}

function compute(id: ProcessId, r: ParamReader): Timescale<string> | undefined {
  switch (id) {
    case 'new-assessment':
      return r.with(r.date('requestReceived'), newAssessmentTimescales);
    case 'advice':
      return r.with(r.date('adviceRequested'), adviceTimescales);
    case 'draft-plan':
      return r.with(r.date('draftServed'), draftPlanTimescales);
    case 'amendment':
      return r.with(r.date('proposalsSent'), amendmentTimescales);
    case 'annual-review':
      return r.with(r.date('meeting'), annualReviewTimescales);
    case 'next-review':
      return r.with(r.date('lastReviewOrIssue'), nextReviewTimescales);
    case 'reassessment':
      return r.with(r.date('notified'), reassessmentTimescales);
    case 'phase-transfer': {
      const kind = r.choice('kind');
      let transfer: PhaseTransfer | undefined;
      if (kind === 'school' || kind === 'post16') {
        const year = r.year('year');
        if (year !== undefined) transfer = { kind, year };
      } else if (kind === 'post16-move') {
        const transferDate = r.date('transferDate');
        if (transferDate !== undefined) transfer = { kind, transferDate };
      }
      return r.with(transfer, phaseTransferTimescales);
    }
    case 'tribunal-order': {
      const order = r.choice('order');
      const orderDate = r.date('orderDate');
      if (order === undefined || orderDate === undefined) return undefined;
      return tribunalOrderTimescales(order as TribunalOrder, orderDate);
    }
    case 'appeal': {
      const decisionLetter = r.date('decisionLetter');
      const certificate = r.date('mediationCertificate');
      if (decisionLetter !== undefined && certificate !== undefined && isBefore(certificate, decisionLetter)) {
        r.fail('mediationCertificate', 'Date of the mediation certificate must be the same as or after the date of the decision letter');
        return undefined;
      }
      if (decisionLetter === undefined) return undefined;
      return appealTimescales(decisionLetter, certificate);
    }
    case 'la-transfer': {
      const learnedOfMove = r.date('learnedOfMove');
      const moveDate = r.date('moveDate');
      if (learnedOfMove === undefined || moveDate === undefined) return undefined;
      return laTransferTimescales(learnedOfMove, moveDate);
    }
  }
}

/**
 * Reads and validates parameters against a process description, collecting
 * every error rather than stopping at the first, so a form can show them all.
 */
class ParamReader {
  readonly errors: CalculationError[] = [];
  private readonly description: ProcessDescription;
  private readonly params: CalculatorParams;

  constructor(description: ProcessDescription, params: CalculatorParams) {
    this.description = description;
    this.params = params;
  }

  with<T, R>(value: T | undefined, fn: (value: T) => R): R | undefined {
    return value === undefined ? undefined : fn(value);
  }

  fail(param: string, message: string): void {
    this.errors.push({ param, message });
  }

  /** Trimmed value, or undefined when absent or blank (an empty form field). */
  private raw(name: string): string | undefined {
    const value = this.params[name];
    if (typeof value !== 'string') return undefined;
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  }

  private parameter(name: string): ParameterDescription {
    const p = this.description.parameters.find((x) => x.name === name);
    if (p === undefined) throw new Error(`process ${this.description.id} has no parameter ${name}`);
    return p;
  }

  private missing(p: ParameterDescription): undefined {
    if (p.required) this.fail(p.name, p.missingMessage ?? `Enter the ${lowerFirst(p.label)}`);
    return undefined;
  }

  date(name: string): PlainDate | undefined {
    const p = this.parameter(name);
    const value = this.raw(name);
    if (value === undefined) return this.missing(p);
    const parsed = parseIsoDate(value);
    if (!parsed.ok) {
      this.fail(name, `${p.label} ${parsed.message}`);
      return undefined;
    }
    return parsed.date;
  }

  year(name: string): number | undefined {
    const p = this.parameter(name);
    const value = this.raw(name);
    if (value === undefined) return this.missing(p);
    if (!/^\d{4}$/.test(value)) {
      this.fail(name, `${p.label} must be a year in the format YYYY, for example 2026`);
      return undefined;
    }
    const year = Number(value);
    if (year < SUPPORTED_YEARS.min || year > SUPPORTED_YEARS.max) {
      this.fail(name, `${p.label} must be between ${String(SUPPORTED_YEARS.min)} and ${String(SUPPORTED_YEARS.max)}`);
      return undefined;
    }
    return year;
  }

  choice(name: string): string | undefined {
    const p = this.parameter(name);
    const value = this.raw(name);
    if (value === undefined) {
      if (p.required) this.fail(name, p.missingMessage ?? `Select the ${lowerFirst(p.label)}`);
      return undefined;
    }
    const options = p.options ?? [];
    if (!options.some((o) => o.value === value)) {
      this.fail(name, `${p.label} must be one of: ${options.map((o) => o.value).join(', ')}`);
      return undefined;
    }
    return value;
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function serialise(process: ProcessId, t: Timescale<string>): CalculationResult {
  const dates: Record<string, string> = {};
  for (const [name, date] of Object.entries(t.dates)) dates[name] = date.toString();
  return { process, dates, explanations: { ...t.explanations }, bases: { ...t.bases } };
}
