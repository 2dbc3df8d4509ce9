/**
 * Per-case derived facts, computed once per engine call so every KPI reads numbers.
 *
 * `deriveFacts(cases, p)` = `maskFacts(parseCases(cases), p)`: `parseCases` turns each date into a
 * day number (arith.ts) once; `maskFacts` drops every event dated after asAt (it has not happened
 * yet, as far as this report knows) and works out what several KPIs share: whether the plan is in
 * force at asAt, the age band, the request-to-final-plan interval.
 *
 * The facts are a column table (one typed array per fact, row i = cases[i]) rather than one object
 * per case: 20,000 cases then cost a few dozen allocations instead of a few hundred thousand, which
 * keeps the garbage collector out of the way and the loops cache-friendly. Lists inside a case
 * (reviews, advice…) are stored CSR-style: the items of row i are `start[i] … start[i+1] − 1`.
 * Missing dates are NaN, and every comparison with NaN is false.
 */
import { ageFromPacked, dayNumber, packedDate } from './arith.ts';
import { ADVICE_CONTRIBUTORS, type AdviceContributor, type KpiCase, type KpiContext } from './types.ts';

export interface Period {
  readonly from: number;
  readonly to: number;
  readonly asAt: number;
  /** True when the engine was given no cases at all: counts are then "no data", not 0. */
  readonly noCases: boolean;
  /** asAt as packed yyyymmdd, for ages. */
  readonly asAtPacked: number;
  readonly ctx: KpiContext;
}

export const AGE_BANDS = ['0-4', '5-10', '11-15', '16-19', '20-25'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Index of a contributor in ADVICE_CONTRIBUTORS (the code stored in `adviceContributor`). */
export function contributorCode(c: AdviceContributor): number {
  return ADVICE_CONTRIBUTORS.indexOf(c);
}

/** Items of one kind across all cases: the items of row i are start[i] … start[i+1] − 1. */
export interface ItemIndex {
  readonly start: Int32Array;
}

export interface Facts {
  readonly n: number;
  readonly cases: readonly KpiCase[];
  /** Age in whole years on asAt (NaN when unknown). */
  readonly age: Float64Array;
  /** Index into AGE_BANDS, −1 when no band. */
  readonly ageBand: Int8Array;
  readonly request: Float64Array;
  readonly decisionToAssess: Float64Array;
  /** 1 when the decision (on or before asAt) was to assess. */
  readonly assess: Uint8Array;
  readonly refuse: Uint8Array;
  readonly issueDecision: Float64Array;
  readonly issue: Uint8Array;
  readonly notIssue: Uint8Array;
  /** Final plan issued by THIS council (NaN for a transferred-in plan). */
  readonly finalIssued: Float64Array;
  /** Days from request to final plan issued by this council (NaN when either is missing). */
  readonly daysToIssue: Float64Array;
  readonly exception: Uint8Array;
  readonly ceased: Float64Array;
  /** SEN2 cease reason 1–9, 0 when none. */
  readonly ceaseReason: Uint8Array;
  readonly transferredIn: Float64Array;
  readonly inForce: Uint8Array;

  readonly reviews: ItemIndex;
  readonly reviewDue: Float64Array;
  readonly reviewMeeting: Float64Array;
  readonly reviewDecision: Float64Array;

  readonly transfers: ItemIndex;
  readonly transferDue: Float64Array;
  readonly transferFinalised: Float64Array;

  readonly advice: ItemIndex;
  /** contributorCode() of each advice request. */
  readonly adviceContributor: Uint8Array;
  /** requestedOn + 42 days: the reg 8(1) deadline. */
  readonly adviceDeadline: Float64Array;
  readonly adviceReturned: Float64Array;

  readonly mediations: ItemIndex;
  readonly mediationOn: Float64Array;

  readonly appeals: ItemIndex;
  readonly appealOn: Float64Array;
}

/**
 * The rows a KPI reads: every row, or a subset (a breakdown group). `rows === null` means all
 * `facts.n` rows.
 */
export interface Rows {
  readonly facts: Facts;
  readonly rows: Int32Array | null;
}

export function ageBandIndex(age: number): number {
  if (!(age >= 0)) return -1;
  if (age <= 4) return 0;
  if (age <= 10) return 1;
  if (age <= 15) return 2;
  if (age <= 19) return 3;
  if (age <= 25) return 4;
  return -1;
}

export function toPeriod(ctx: KpiContext, caseCount: number): Period {
  const from = dayNumber(ctx.from);
  const to = dayNumber(ctx.to);
  const asAt = dayNumber(ctx.asAt);
  if (Number.isNaN(from) || Number.isNaN(to) || Number.isNaN(asAt)) {
    throw new RangeError(`KpiContext dates must be 'YYYY-MM-DD': ${ctx.from} … ${ctx.to} as at ${ctx.asAt}`);
  }
  if (from > to) throw new RangeError(`KpiContext period is back to front: ${ctx.from} … ${ctx.to}`);
  return { from, to, asAt, noCases: caseCount === 0, asAtPacked: packedDate(ctx.asAt), ctx };
}

function itemIndex(cases: readonly KpiCase[], list: (c: KpiCase) => readonly unknown[]): Int32Array {
  const start = new Int32Array(cases.length + 1);
  let total = 0;
  for (let i = 0; i < cases.length; i++) {
    start[i] = total;
    total += list(cases[i] as KpiCase).length;
  }
  start[cases.length] = total;
  return start;
}

const CONTRIBUTOR_CODES = new Map<string, number>(ADVICE_CONTRIBUTORS.map((c, i) => [c, i]));

/**
 * The cases' dates as day numbers, before any as-at rule: parse once, then `maskFacts` for each
 * as-at date (a monthly series parses once and masks twelve times).
 */
export interface ParsedCases {
  readonly n: number;
  readonly cases: readonly KpiCase[];
  readonly dobPacked: Float64Array;
  readonly request: Float64Array;
  readonly decisionToAssess: Float64Array;
  /** 1 assess, 2 refuse, 0 none. */
  readonly dtaOutcome: Uint8Array;
  readonly issueDecision: Float64Array;
  /** 1 issue, 2 not-issue, 0 none. */
  readonly issueOutcome: Uint8Array;
  readonly finalIssued: Float64Array;
  readonly isTransfer: Uint8Array;
  readonly transferredIn: Float64Array;
  readonly ceased: Float64Array;
  readonly ceaseReason: Uint8Array;
  readonly exception: Uint8Array;
  readonly reviews: ItemIndex;
  readonly reviewDue: Float64Array;
  readonly reviewMeeting: Float64Array;
  readonly reviewDecision: Float64Array;
  readonly transfers: ItemIndex;
  readonly transferDue: Float64Array;
  readonly transferFinalised: Float64Array;
  readonly advice: ItemIndex;
  readonly adviceContributor: Uint8Array;
  readonly adviceRequested: Float64Array;
  readonly adviceReturned: Float64Array;
  readonly mediations: ItemIndex;
  readonly mediationOn: Float64Array;
  readonly appeals: ItemIndex;
  readonly appealOn: Float64Array;
}

export function parseCases(cases: readonly KpiCase[]): ParsedCases {
  const n = cases.length;
  const dobPacked = new Float64Array(n);
  const request = new Float64Array(n);
  const decisionToAssess = new Float64Array(n);
  const dtaOutcome = new Uint8Array(n);
  const issueDecision = new Float64Array(n);
  const issueOutcome = new Uint8Array(n);
  const finalIssued = new Float64Array(n);
  const isTransfer = new Uint8Array(n);
  const transferredIn = new Float64Array(n);
  const ceased = new Float64Array(n);
  const ceaseReason = new Uint8Array(n);
  const exception = new Uint8Array(n);

  const reviewStart = itemIndex(cases, (c) => c.reviews);
  const nr = reviewStart[n] ?? 0;
  const reviewDue = new Float64Array(nr);
  const reviewMeeting = new Float64Array(nr);
  const reviewDecision = new Float64Array(nr);
  const transferStart = itemIndex(cases, (c) => c.phaseTransfers);
  const nt = transferStart[n] ?? 0;
  const transferDue = new Float64Array(nt);
  const transferFinalised = new Float64Array(nt);
  const adviceStart = itemIndex(cases, (c) => c.advice);
  const na = adviceStart[n] ?? 0;
  const adviceContributor = new Uint8Array(na);
  const adviceRequested = new Float64Array(na);
  const adviceReturned = new Float64Array(na);
  const mediationStart = itemIndex(cases, (c) => c.mediations);
  const mediationOn = new Float64Array(mediationStart[n] ?? 0);
  const appealStart = itemIndex(cases, (c) => c.appeals);
  const appealOn = new Float64Array(appealStart[n] ?? 0);

  let r = 0;
  let t = 0;
  let a = 0;
  let m = 0;
  let ap = 0;
  for (let i = 0; i < n; i++) {
    const c = cases[i] as KpiCase;
    dobPacked[i] = packedDate(c.dateOfBirth);
    request[i] = dayNumber(c.requestReceivedOn);
    const dta = c.decisionToAssess;
    decisionToAssess[i] = dayNumber(dta?.on);
    dtaOutcome[i] = dta?.outcome === 'assess' ? 1 : dta?.outcome === 'refuse' ? 2 : 0;
    const iss = c.issueDecision;
    issueDecision[i] = dayNumber(iss?.on);
    issueOutcome[i] = iss?.outcome === 'issue' ? 1 : iss?.outcome === 'not-issue' ? 2 : 0;
    finalIssued[i] = dayNumber(c.finalIssuedOn);
    const tin = dayNumber(c.transferredInOn);
    transferredIn[i] = tin;
    isTransfer[i] = Number.isNaN(tin) ? 0 : 1;
    ceased[i] = dayNumber(c.ceasedOn);
    ceaseReason[i] = c.ceaseReason ?? 0;
    exception[i] = (c.twentyWeekExceptions?.length ?? 0) > 0 ? 1 : 0;

    for (const rv of c.reviews) {
      reviewDue[r] = dayNumber(rv.dueOn);
      reviewMeeting[r] = dayNumber(rv.meetingOn);
      reviewDecision[r] = dayNumber(rv.decisionOn);
      r += 1;
    }
    for (const pt of c.phaseTransfers) {
      transferDue[t] = dayNumber(pt.dueOn);
      transferFinalised[t] = dayNumber(pt.finalisedOn);
      t += 1;
    }
    for (const ad of c.advice) {
      adviceContributor[a] = CONTRIBUTOR_CODES.get(ad.contributor) ?? 255;
      adviceRequested[a] = dayNumber(ad.requestedOn);
      adviceReturned[a] = dayNumber(ad.returnedOn);
      a += 1;
    }
    for (const md of c.mediations) mediationOn[m++] = dayNumber(md.on);
    for (const al of c.appeals) appealOn[ap++] = dayNumber(al.registeredOn);
  }

  return {
    n,
    cases,
    dobPacked,
    request,
    decisionToAssess,
    dtaOutcome,
    issueDecision,
    issueOutcome,
    finalIssued,
    isTransfer,
    transferredIn,
    ceased,
    ceaseReason,
    exception,
    reviews: { start: reviewStart },
    reviewDue,
    reviewMeeting,
    reviewDecision,
    transfers: { start: transferStart },
    transferDue,
    transferFinalised,
    advice: { start: adviceStart },
    adviceContributor,
    adviceRequested,
    adviceReturned,
    mediations: { start: mediationStart },
    mediationOn,
    appeals: { start: appealStart },
    appealOn,
  };
}

/** Event dates after asAt have not happened yet: NaN. */
/**
 * A yes/no decision as two 0/1 columns (outcome 1 = yes, 2 = no), counted only where the decision is
 * dated as at the date asked about (`decidedOn` already masked: NaN when not yet made).
 */
function outcomeMasks(decidedOn: Float64Array, outcome: ArrayLike<number>): [Uint8Array, Uint8Array] {
  const yes = new Uint8Array(decidedOn.length);
  const no = new Uint8Array(decidedOn.length);
  for (let i = 0; i < decidedOn.length; i++) {
    if (Number.isNaN(decidedOn[i])) continue;
    yes[i] = outcome[i] === 1 ? 1 : 0;
    no[i] = outcome[i] === 2 ? 1 : 0;
  }
  return [yes, no];
}

function mask(raw: Float64Array, asAt: number): Float64Array {
  const out = new Float64Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const d = raw[i] as number;
    out[i] = d <= asAt ? d : NaN;
  }
  return out;
}

/**
 * The facts as at `p.asAt`, each worked out the first time a KPI reads it and kept: a scorecard reads
 * nearly all of them, but one KPI (a KPI page's period, previous period and up to 12 trend months)
 * reads a few, and masking every column for 20,000 cases and their reviews and advice requests is
 * most of the cost of a period. Same values as working them all out at once.
 */
class MaskedFacts implements Facts {
  readonly n: number;
  readonly cases: readonly KpiCase[];
  readonly exception: Uint8Array;
  readonly ceaseReason: Uint8Array;
  readonly reviews: ItemIndex;
  // Due dates are not events: never masked.
  readonly reviewDue: Float64Array;
  readonly transfers: ItemIndex;
  readonly transferDue: Float64Array;
  readonly advice: ItemIndex;
  readonly adviceContributor: Uint8Array;
  readonly mediations: ItemIndex;
  readonly appeals: ItemIndex;
  readonly #pc: ParsedCases;
  readonly #p: Period;
  #request?: Float64Array;
  #decisionToAssess?: Float64Array;
  #issueDecision?: Float64Array;
  #transferredIn?: Float64Array;
  #ceased?: Float64Array;
  #ages?: { age: Float64Array; ageBand: Int8Array };
  #assessment?: { assess: Uint8Array; refuse: Uint8Array };
  #issueOutcome?: { issue: Uint8Array; notIssue: Uint8Array };
  #plans?: { finalIssued: Float64Array; daysToIssue: Float64Array; inForce: Uint8Array };
  #reviewMeeting?: Float64Array;
  #reviewDecision?: Float64Array;
  #transferFinalised?: Float64Array;
  #adviceDeadline?: Float64Array;
  #adviceReturned?: Float64Array;
  #mediationOn?: Float64Array;
  #appealOn?: Float64Array;

  constructor(pc: ParsedCases, p: Period) {
    this.#pc = pc;
    this.#p = p;
    this.n = pc.n;
    this.cases = pc.cases;
    this.exception = pc.exception;
    this.ceaseReason = pc.ceaseReason;
    this.reviews = pc.reviews;
    this.reviewDue = pc.reviewDue;
    this.transfers = pc.transfers;
    this.transferDue = pc.transferDue;
    this.advice = pc.advice;
    this.adviceContributor = pc.adviceContributor;
    this.mediations = pc.mediations;
    this.appeals = pc.appeals;
  }

  get request(): Float64Array { return (this.#request ??= mask(this.#pc.request, this.#p.asAt)); }
  get decisionToAssess(): Float64Array { return (this.#decisionToAssess ??= mask(this.#pc.decisionToAssess, this.#p.asAt)); }
  get issueDecision(): Float64Array { return (this.#issueDecision ??= mask(this.#pc.issueDecision, this.#p.asAt)); }
  get transferredIn(): Float64Array { return (this.#transferredIn ??= mask(this.#pc.transferredIn, this.#p.asAt)); }
  get ceased(): Float64Array { return (this.#ceased ??= mask(this.#pc.ceased, this.#p.asAt)); }

  #agesNow(): { age: Float64Array; ageBand: Int8Array } {
    if (this.#ages) return this.#ages;
    const age = new Float64Array(this.n);
    const ageBand = new Int8Array(this.n);
    for (let i = 0; i < this.n; i++) {
      const years = ageFromPacked(this.#pc.dobPacked[i] as number, this.#p.asAtPacked);
      age[i] = years;
      ageBand[i] = ageBandIndex(years);
    }
    return (this.#ages = { age, ageBand });
  }
  get age(): Float64Array { return this.#agesNow().age; }
  get ageBand(): Int8Array { return this.#agesNow().ageBand; }

  #assessmentNow(): { assess: Uint8Array; refuse: Uint8Array } {
    if (this.#assessment) return this.#assessment;
    const [assess, refuse] = outcomeMasks(this.decisionToAssess, this.#pc.dtaOutcome);
    return (this.#assessment = { assess, refuse });
  }
  get assess(): Uint8Array { return this.#assessmentNow().assess; }
  get refuse(): Uint8Array { return this.#assessmentNow().refuse; }

  #issueOutcomeNow(): { issue: Uint8Array; notIssue: Uint8Array } {
    if (this.#issueOutcome) return this.#issueOutcome;
    const [issue, notIssue] = outcomeMasks(this.issueDecision, this.#pc.issueOutcome);
    return (this.#issueOutcome = { issue, notIssue });
  }
  get issue(): Uint8Array { return this.#issueOutcomeNow().issue; }
  get notIssue(): Uint8Array { return this.#issueOutcomeNow().notIssue; }

  #plansNow(): { finalIssued: Float64Array; daysToIssue: Float64Array; inForce: Uint8Array } {
    if (this.#plans) return this.#plans;
    const pc = this.#pc;
    const asAt = this.#p.asAt;
    const request = this.request;
    const transferredIn = this.transferredIn;
    const ceased = this.ceased;
    const finalIssued = new Float64Array(this.n);
    const daysToIssue = new Float64Array(this.n);
    const inForce = new Uint8Array(this.n);
    for (let i = 0; i < this.n; i++) {
      const transfer = pc.isTransfer[i] === 1;
      const rawFinal = pc.finalIssued[i] as number;
      // A transferred-in plan's final date is the other council's: never this council's issue.
      const fin = transfer || !(rawFinal <= asAt) ? NaN : rawFinal;
      finalIssued[i] = fin;
      daysToIssue[i] = fin - (request[i] as number);
      const planStart = transfer ? (transferredIn[i] as number) : fin;
      // Started on or before asAt (NaN → false) and not ceased before asAt (start ≤ asAt ≤ cease).
      inForce[i] = planStart <= asAt && !((ceased[i] as number) < asAt) ? 1 : 0;
    }
    return (this.#plans = { finalIssued, daysToIssue, inForce });
  }
  get finalIssued(): Float64Array { return this.#plansNow().finalIssued; }
  get daysToIssue(): Float64Array { return this.#plansNow().daysToIssue; }
  get inForce(): Uint8Array { return this.#plansNow().inForce; }

  get reviewMeeting(): Float64Array { return (this.#reviewMeeting ??= mask(this.#pc.reviewMeeting, this.#p.asAt)); }
  get reviewDecision(): Float64Array { return (this.#reviewDecision ??= mask(this.#pc.reviewDecision, this.#p.asAt)); }
  get transferFinalised(): Float64Array { return (this.#transferFinalised ??= mask(this.#pc.transferFinalised, this.#p.asAt)); }
  get adviceDeadline(): Float64Array {
    if (this.#adviceDeadline) return this.#adviceDeadline;
    const requested = mask(this.#pc.adviceRequested, this.#p.asAt);
    for (let j = 0; j < requested.length; j++) requested[j] = (requested[j] as number) + 42;
    return (this.#adviceDeadline = requested);
  }
  get adviceReturned(): Float64Array { return (this.#adviceReturned ??= mask(this.#pc.adviceReturned, this.#p.asAt)); }
  get mediationOn(): Float64Array { return (this.#mediationOn ??= mask(this.#pc.mediationOn, this.#p.asAt)); }
  get appealOn(): Float64Array { return (this.#appealOn ??= mask(this.#pc.appealOn, this.#p.asAt)); }
}

/** Apply the as-at rule and work out the shared facts (each when first read). */
export function maskFacts(pc: ParsedCases, p: Period): Facts {
  return new MaskedFacts(pc, p);
}

// Parsing is most of the cost of a scorecard (~60 ms for 10,000 cases) and depends only on the cases:
// the scorecard asks for several periods of the same (cached, never mutated) array, so each array is
// parsed once. Keyed weakly on the array, and on its length as a guard against an array grown since.
const parsed = new WeakMap<readonly KpiCase[], { length: number; pc: ParsedCases }>();

export function deriveFacts(cases: readonly KpiCase[], p: Period): Facts {
  let hit = parsed.get(cases);
  if (!hit || hit.length !== cases.length) {
    hit = { length: cases.length, pc: parseCases(cases) };
    parsed.set(cases, hit);
  }
  return maskFacts(hit.pc, p);
}

export function inPeriod(day: number, p: Period): boolean {
  return day >= p.from && day <= p.to;
}
