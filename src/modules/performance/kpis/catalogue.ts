/**
 * The KPI catalogue: every KPI a local-area SEND dashboard shows, each with its definition in
 * words and as a function.
 *
 * Ids are stable; where a DfE (or MoJ/DfE) published measure exists the KPI uses the same id as
 * the benchmark measure in `../benchmarks/measures.ts`, so a local value sits beside its national
 * and neighbour benchmarks. Never rename an id; add a new one.
 *
 * Cohorts, in short (each KPI's `formula` gives the exact rule):
 * - **activity in the period**: events dated from `ctx.from` to `ctx.to` inclusive (requests,
 *   decisions, plans issued, cessations, appeals);
 * - **snapshot at asAt**: plans in force on `ctx.asAt` (DfE uses the January census date);
 * - **due in the period**: things with a deadline in the period (reviews, phase transfers, advice),
 *   counted once that deadline has passed by asAt, so an overdue, still-outstanding item counts
 *   as late rather than disappearing.
 * Events after asAt are ignored everywhere (types.ts).
 *
 * No data → `value: null` with `noDataReason`, never 0%: a percentage whose denominator is 0 is
 * null. A count is null when the engine was given no cases at all (nothing loaded is not "none
 * happened"), and 0 when there are cases but none matched (a count of zero is then a fact, so an
 * empty category in a breakdown or a quiet month in a series shows 0).
 * Percentages are rounded to one decimal place half up on the exact fraction, as DfE publishes
 * them (arith.ts).
 */
import { meanWeeks1dp, percent1dp } from './arith.ts';
import { AGE_BANDS, contributorCode, deriveFacts, inPeriod, toPeriod, type AgeBand, type Facts, type ItemIndex, type Period, type Rows } from './facts.ts';
import type { AdviceContributor, KpiCase, KpiContext } from './types.ts';

export type KpiUnit = 'count' | 'percent' | 'weeks' | 'days';
export type KpiPolarity = 'higher' | 'lower' | 'neutral';
export type KpiDomain =
  | 'requests'
  | 'assessments'
  | 'new-plans'
  | 'caseload'
  | 'ceased'
  | 'reviews'
  | 'phase-transfer'
  | 'advice'
  | 'disputes'
  | 'improvement'
  | 'health';

/** Dimensions for `computeBreakdown`. */
export type BreakdownDimension = 'team' | 'setting' | 'settingType' | 'primaryNeed' | 'ageBand' | 'ceaseReason';

export interface KpiSource {
  /** 'DfE' (SEN2 / EHCP statistics), 'MoJ/DfE' (appeal rate) or 'local' (no published counterpart). */
  readonly publisher: 'DfE' | 'MoJ/DfE' | 'local';
  /** The published measure it follows: file and column, and the benchmark measure id when there is one. */
  readonly reference: string;
  /** Where the local definition differs from the published one. */
  readonly differences?: string;
}

export interface KpiFormula {
  readonly numerator: string;
  readonly denominator: string;
  readonly exclusions: string;
}

export interface KpiValue {
  readonly value: number | null;
  readonly numerator?: number;
  readonly denominator?: number;
  /** Case ids behind the figure, for drill-down. Each list holds a case at most once. */
  readonly caseIds: { readonly numerator: readonly string[]; readonly denominator: readonly string[] };
  /** Why `value` is null, in words: 'no data' unless more can be said. */
  readonly noDataReason?: string;
}

export interface KpiDefinition {
  readonly id: string;
  readonly name: string;
  readonly domain: KpiDomain;
  /** Plain-English meaning for a dashboard reader. */
  readonly meaning: string;
  readonly formula: KpiFormula;
  readonly unit: KpiUnit;
  readonly polarity: KpiPolarity;
  readonly source: KpiSource;
  /** The KpiCase fields (or ctx fields) the KPI reads. */
  readonly reads: readonly string[];
  /** The breakdown a dashboard shows by default (e.g. cease reason for plans ceased). */
  readonly defaultBreakdown?: BreakdownDimension;
  /** Compute from derived facts (the engine calls this with facts derived once per call). */
  readonly evaluate: (rows: Rows, p: Period) => KpiValue;
  /** Compute from raw cases: derives the facts and evaluates. */
  readonly compute: (cases: readonly KpiCase[], ctx: KpiContext) => KpiValue;
}

type Spec = Omit<KpiDefinition, 'compute'>;

// ── Builders ────────────────────────────────────────────────────────────────

const NO_DATA = 'no data';
const NO_CASES = 'no data: no cases supplied';

function nullValue(reason = NO_DATA): KpiValue {
  return { value: null, caseIds: { numerator: [], denominator: [] }, noDataReason: reason };
}

type CasePred = (F: Facts, i: number, p: Period) => boolean;
/** j = the item's index in the item columns, i = its case's row. */
type ItemPred = (F: Facts, j: number, i: number, p: Period) => boolean;

const idOf = (F: Facts, i: number): string => (F.cases[i] as KpiCase).caseId;
const rowCount = (rs: Rows): number => (rs.rows === null ? rs.facts.n : rs.rows.length);
const rowAt = (rs: Rows, k: number): number => (rs.rows === null ? k : (rs.rows[k] as number));

/** Count of cases matching `pred`. */
function countCases(pred: CasePred) {
  return (rs: Rows, p: Period): KpiValue => {
    if (p.noCases) return nullValue(NO_CASES);
    const F = rs.facts;
    const ids: string[] = [];
    const m = rowCount(rs);
    for (let k = 0; k < m; k++) {
      const i = rowAt(rs, k);
      if (pred(F, i, p)) ids.push(idOf(F, i));
    }
    return { value: ids.length, numerator: ids.length, caseIds: { numerator: ids, denominator: [] } };
  };
}

function percentValue(num: number, den: number, n: string[], d: string[]): KpiValue {
  const value = percent1dp(num, den);
  return {
    value,
    numerator: num,
    denominator: den,
    caseIds: { numerator: n, denominator: d },
    ...(value === null ? { noDataReason: NO_DATA } : {}),
  };
}

/** Percentage of cases matching `den` that also match `num`. */
function percentCases(den: CasePred, num: CasePred) {
  return (rs: Rows, p: Period): KpiValue => {
    const F = rs.facts;
    const d: string[] = [];
    const n: string[] = [];
    const m = rowCount(rs);
    for (let k = 0; k < m; k++) {
      const i = rowAt(rs, k);
      if (!den(F, i, p)) continue;
      const id = idOf(F, i);
      d.push(id);
      if (num(F, i, p)) n.push(id);
    }
    return percentValue(n.length, d.length, n, d);
  };
}

/**
 * Percentage over items inside cases (reviews, advice requests, phase transfers):
 * numerator and denominator count items; the drill-down lists each case once.
 */
function percentItems(items: (F: Facts) => ItemIndex, den: ItemPred, num: ItemPred) {
  return (rs: Rows, p: Period): KpiValue => {
    const F = rs.facts;
    const start = items(F).start;
    let dn = 0;
    let nn = 0;
    const d: string[] = [];
    const n: string[] = [];
    const m = rowCount(rs);
    for (let k = 0; k < m; k++) {
      const i = rowAt(rs, k);
      const end = start[i + 1] as number;
      let inD = false;
      let inN = false;
      for (let j = start[i] as number; j < end; j++) {
        if (!den(F, j, i, p)) continue;
        dn += 1;
        inD = true;
        if (num(F, j, i, p)) {
          nn += 1;
          inN = true;
        }
      }
      if (inD) d.push(idOf(F, i));
      if (inN) n.push(idOf(F, i));
    }
    return percentValue(nn, dn, n, d);
  };
}

/** Count of items inside cases; the drill-down lists each case once. */
function countItems(items: (F: Facts) => ItemIndex, pred: ItemPred) {
  return (rs: Rows, p: Period): KpiValue => {
    if (p.noCases) return nullValue(NO_CASES);
    const F = rs.facts;
    const start = items(F).start;
    let count = 0;
    const ids: string[] = [];
    const m = rowCount(rs);
    for (let k = 0; k < m; k++) {
      const i = rowAt(rs, k);
      const end = start[i + 1] as number;
      let hit = false;
      for (let j = start[i] as number; j < end; j++) {
        if (pred(F, j, i, p)) {
          count += 1;
          hit = true;
        }
      }
      if (hit) ids.push(idOf(F, i));
    }
    return { value: count, numerator: count, caseIds: { numerator: ids, denominator: [] } };
  };
}

function define(spec: Spec): KpiDefinition {
  return {
    ...spec,
    compute: (cases, ctx) => {
      const p = toPeriod(ctx, cases.length);
      return spec.evaluate({ facts: deriveFacts(cases, p), rows: null }, p);
    },
  };
}

// ── Shared predicates ──────────────────────────────────────────────────────

const W6 = 42;
const W16 = 112;
const W20 = 140;
const W52 = 364;
const W4 = 28;

const requestInPeriod: CasePred = (F, i, p) => inPeriod(v(F.request, i), p);
/** Final plan issued by this council in the period, with a request date to time it from. */
const timedPlanIssued: CasePred = (F, i, p) => inPeriod(v(F.finalIssued, i), p) && !Number.isNaN(v(F.request, i));
const timedPlanIssuedNoException: CasePred = (F, i, p) => timedPlanIssued(F, i, p) && F.exception[i] === 0;
const inForce: CasePred = (F, i) => F.inForce[i] === 1;
const ceasedInPeriod: CasePred = (F, i, p) => inPeriod(v(F.ceased, i), p);
/** A review or transfer is not due if the plan had ceased before its due date. */
const planLiveOn = (F: Facts, i: number, day: number) => !(v(F.ceased, i) < day);
const reviews = (F: Facts) => F.reviews;
const transfers = (F: Facts) => F.transfers;
const adviceOf = (F: Facts) => F.advice;
/** Read a column (typed-array reads are `number | undefined` under noUncheckedIndexedAccess). */
const v = (a: Float64Array, i: number): number => a[i] as number;
const setting = (F: Facts, i: number) => (F.cases[i] as KpiCase).settingType;

const REQUEST_EXCLUSIONS =
  'Transferred-in plans with no request to this council are not requests. Requests received after asAt are ignored.';
const ISSUE_EXCLUSIONS =
  'Plans transferred in from another council (their timing is that council\'s). Plans with no request date (cannot be timed). Events after asAt.';

function ageBandKpi(band: AgeBand, low: number, high: number): Spec {
  const bandIndex = AGE_BANDS.indexOf(band);
  return {
    id: `plans-in-force-age-${band}`,
    name: `EHC plans in force: age ${String(low)} to ${String(high)}`,
    domain: 'caseload',
    meaning: `Number of plans in force on the as-at date for children and young people aged ${String(low)} to ${String(high)} on that date.`,
    formula: {
      numerator: `Plans in force on asAt where the age in whole years on asAt is ${String(low)}–${String(high)}.`,
      denominator: 'None (a count).',
      exclusions: 'Plans with no date of birth, or an age outside 0–25, are in no age band (they still count in plans-in-force).',
    },
    unit: 'count',
    polarity: 'neutral',
    source: {
      publisher: 'DfE',
      reference: 'caseload.csv age breakdown (benchmark measure plans-in-force)',
      differences:
        'DfE bands ages at 31 August before the school year and uses under 5 / 5–10 / 11–15 / 16–19 / 20–25; here age is on asAt. A 29 February birthday is reached on 1 March in a common year.',
    },
    reads: ['dateOfBirth', 'finalIssuedOn', 'transferredInOn', 'ceasedOn'],
    evaluate: countCases((F, i) => F.inForce[i] === 1 && F.ageBand[i] === bandIndex),
  };
}

function adviceKpi(contributor: AdviceContributor | 'all', id: string, who: string): Spec {
  const code = contributor === 'all' ? -1 : contributorCode(contributor);
  const match = (F: Facts, j: number) => code === -1 || F.adviceContributor[j] === code;
  return {
    id,
    name: `Advice returned within 6 weeks: ${who} (%)`,
    domain: 'advice',
    meaning: `Of the requests for ${who} advice whose 6-week deadline fell in the period, the percentage returned on time (reg 8(1): within 6 weeks of the request being received).`,
    formula: {
      numerator: 'Of the denominator, advice returned on or before requestedOn + 42 days.',
      denominator: `${contributor === 'all' ? 'All advice requests' : `Advice requests to ${who}`} whose deadline (requestedOn + 42 days) is in the period and on or before asAt.`,
      exclusions:
        'Requests whose deadline is after asAt (not yet judged). Advice still outstanding after its deadline counts as late. Reg 8(2) exceptions are not modelled.',
    },
    unit: 'percent',
    polarity: 'higher',
    source: { publisher: 'local', reference: 'SEND Regulations 2014 reg 8(1); no published national measure.' },
    reads: ['advice'],
    evaluate: percentItems(
      adviceOf,
      (F, j, _i, p) => match(F, j) && inPeriod(v(F.adviceDeadline, j), p) && v(F.adviceDeadline, j) <= p.asAt,
      (F, j) => v(F.adviceReturned, j) <= v(F.adviceDeadline, j),
    ),
  };
}

function appealRate(rs: Rows, p: Period): KpiValue {
  const F = rs.facts;
  const start = F.appeals.start;
  let appeals = 0;
  let decisions = 0;
  const n: string[] = [];
  const d: string[] = [];
  const m = rowCount(rs);
  for (let k = 0; k < m; k++) {
    const i = rowAt(rs, k);
    let caseAppeals = 0;
    const end = start[i + 1] as number;
    for (let j = start[i] as number; j < end; j++) if (inPeriod(v(F.appealOn, j), p)) caseAppeals += 1;
    let caseDecisions = 0;
    if (F.refuse[i] === 1 && inPeriod(v(F.decisionToAssess, i), p)) caseDecisions += 1;
    if (F.notIssue[i] === 1 && inPeriod(v(F.issueDecision, i), p)) caseDecisions += 1;
    if (F.inForce[i] === 1) caseDecisions += 1;
    if (F.ceaseReason[i] === 2 && inPeriod(v(F.ceased, i), p)) caseDecisions += 1;
    appeals += caseAppeals;
    decisions += caseDecisions;
    if (caseAppeals > 0) n.push(idOf(F, i));
    if (caseDecisions > 0) d.push(idOf(F, i));
  }
  return percentValue(appeals, decisions, n, d);
}

function averageWeeksToIssue(rs: Rows, p: Period): KpiValue {
  const F = rs.facts;
  let total = 0;
  const ids: string[] = [];
  const m = rowCount(rs);
  for (let k = 0; k < m; k++) {
    const i = rowAt(rs, k);
    if (!timedPlanIssued(F, i, p)) continue;
    total += v(F.daysToIssue, i);
    ids.push(idOf(F, i));
  }
  const value = meanWeeks1dp(total, ids.length);
  return {
    value,
    denominator: ids.length,
    caseIds: { numerator: ids, denominator: ids },
    ...(value === null ? { noDataReason: NO_DATA } : {}),
  };
}

const hasMediationInPeriod: CasePred = (F, i, p) => {
  const start = F.mediations.start;
  const end = start[i + 1] as number;
  for (let j = start[i] as number; j < end; j++) if (inPeriod(v(F.mediationOn, j), p)) return true;
  return false;
};

function improvementPlanDelivery(_rows: Rows, p: Period): KpiValue {
  const plan = p.ctx.externals?.improvementPlan;
  if (plan === undefined) return nullValue('no data: no improvement plan figures supplied');
  const num = plan.complete + plan.onTarget;
  const den = num + plan.delayed + plan.significantlyDelayed;
  const value = percent1dp(num, den);
  return {
    value,
    numerator: num,
    denominator: den,
    caseIds: { numerator: [], denominator: [] },
    ...(value === null ? { noDataReason: 'no data: no improvement plan actions under way' } : {}),
  };
}

const WAITING_LIST_REASON = 'no data: health waiting-list data is not connected yet';

// ── The catalogue ───────────────────────────────────────────────────────────

const SPECS: readonly Spec[] = [
  // ── Requests ──────────────────────────────────────────────────────────────
  {
    id: 'requests-received',
    name: 'Requests for an EHC needs assessment',
    domain: 'requests',
    meaning: 'Number of requests for an education, health and care needs assessment received in the period.',
    formula: { numerator: 'Cases with requestReceivedOn in the period.', denominator: 'None (a count).', exclusions: REQUEST_EXCLUSIONS },
    unit: 'count',
    polarity: 'neutral',
    source: { publisher: 'DfE', reference: 'requests.csv requests_received_in_year (benchmark measure requests-received)' },
    reads: ['requestReceivedOn'],
    evaluate: countCases(requestInPeriod),
  },
  {
    id: 'requests-decided-within-6-weeks-pc',
    name: 'Decisions whether to assess made within 6 weeks (%)',
    domain: 'requests',
    meaning:
      'Of the requests received in the period that have had a decision whether to assess, the percentage decided within the statutory 6 weeks (reg 5(1)).',
    formula: {
      numerator: 'Of the denominator, decisions made on or before requestReceivedOn + 42 days.',
      denominator: 'Requests received in the period with a decision to assess or refuse recorded on or before asAt.',
      exclusions: 'Requests with no decision yet (ongoing) or withdrawn. Decisions after asAt.',
    },
    unit: 'percent',
    polarity: 'higher',
    source: {
      publisher: 'DfE',
      reference:
        'requests.csv request_outcome_six_weeks ÷ (request_outcome_six_weeks + request_outcome_over_6_weeks) (benchmark measure requests-decided-within-6-weeks-pc)',
      differences:
        'DfE\'s cohort is requests received in the calendar year, judged at the January census: pass the census date as asAt. Reproduces e.g. Halton 2024 exactly (427 of 474 = 90.1%). In some councils\' published rows within + over 6 weeks exceeds the decisions made, so those rows cannot be reproduced.',
    },
    reads: ['requestReceivedOn', 'decisionToAssess'],
    evaluate: percentCases(
      (F, i, p) => requestInPeriod(F, i, p) && (F.assess[i] === 1 || F.refuse[i] === 1),
      (F, i) => v(F.decisionToAssess, i) - v(F.request, i) <= W6,
    ),
  },
  {
    id: 'decisions-to-assess-made-in-period-within-6-weeks-pc',
    name: 'Decisions made in the period within 6 weeks of the request (%)',
    domain: 'requests',
    meaning:
      'Of the decisions whether to assess made in the period (whenever the request arrived), the percentage made within 6 weeks of the request. Shows this month\'s decision-making, where the DfE measure follows each month\'s requests.',
    formula: {
      numerator: 'Of the denominator, decisions made on or before requestReceivedOn + 42 days.',
      denominator: 'Decisions to assess or refuse dated in the period, on cases with a request date.',
      exclusions: 'Decisions without a request date.',
    },
    unit: 'percent',
    polarity: 'higher',
    source: { publisher: 'local', reference: 'Decision-date cohort variant of DfE requests.csv request_outcome_six_weeks_pc.' },
    reads: ['requestReceivedOn', 'decisionToAssess'],
    evaluate: percentCases(
      (F, i, p) => (F.assess[i] === 1 || F.refuse[i] === 1) && inPeriod(v(F.decisionToAssess, i), p) && !Number.isNaN(v(F.request, i)),
      (F, i) => v(F.decisionToAssess, i) - v(F.request, i) <= W6,
    ),
  },
  {
    id: 'requests-agreed-to-assess-pc',
    name: 'Requests agreed for assessment (%)',
    domain: 'requests',
    meaning: 'Of the requests received in the period, the percentage where the council decided to carry out an assessment.',
    formula: {
      numerator: 'Of the denominator, requests with decisionToAssess.outcome = assess on or before asAt.',
      denominator: 'All requests received in the period (including those still undecided or withdrawn, as DfE counts).',
      exclusions: REQUEST_EXCLUSIONS,
    },
    unit: 'percent',
    polarity: 'neutral',
    source: { publisher: 'DfE', reference: 'requests.csv request_assess_pc = requests_decided_to_assess ÷ requests_received_in_year (benchmark measure requests-agreed-to-assess-pc)' },
    reads: ['requestReceivedOn', 'decisionToAssess'],
    evaluate: percentCases(requestInPeriod, (F, i) => F.assess[i] === 1),
  },
  {
    id: 'requests-refused-pc',
    name: 'Refusal-to-assess rate (%)',
    domain: 'requests',
    meaning: 'Of the requests received in the period, the percentage where the council decided not to carry out an assessment.',
    formula: {
      numerator: 'Of the denominator, requests with decisionToAssess.outcome = refuse on or before asAt.',
      denominator: 'All requests received in the period (including those still undecided or withdrawn, as DfE counts).',
      exclusions: REQUEST_EXCLUSIONS,
    },
    unit: 'percent',
    polarity: 'neutral',
    source: { publisher: 'DfE', reference: 'requests.csv request_not_assess_pc = requests_decided_not_to_assess ÷ requests_received_in_year (benchmark measure requests-refused-pc)' },
    reads: ['requestReceivedOn', 'decisionToAssess'],
    evaluate: percentCases(requestInPeriod, (F, i) => F.refuse[i] === 1),
  },
  {
    id: 'refusals-to-assess',
    name: 'Refusals to assess',
    domain: 'requests',
    meaning: 'Number of decisions not to carry out an EHC needs assessment made in the period. Each is an appealable decision.',
    formula: { numerator: 'Cases with decisionToAssess.outcome = refuse dated in the period.', denominator: 'None (a count).', exclusions: 'Decisions after asAt.' },
    unit: 'count',
    polarity: 'neutral',
    source: { publisher: 'MoJ/DfE', reference: 'Appealable-decision component "initial requests for EHC assessments refused" of the SEND Tribunal appeal rate.' },
    reads: ['decisionToAssess'],
    evaluate: countCases((F, i, p) => F.refuse[i] === 1 && inPeriod(v(F.decisionToAssess, i), p)),
  },
  // ── Assessments ───────────────────────────────────────────────────────────
  {
    id: 'assessments-completed',
    name: 'EHC needs assessments completed',
    domain: 'assessments',
    meaning: 'Number of assessments that reached a decision whether to issue a plan in the period.',
    formula: { numerator: 'Cases with issueDecision dated in the period.', denominator: 'None (a count).', exclusions: 'Decisions after asAt.' },
    unit: 'count',
    polarity: 'neutral',
    source: {
      publisher: 'DfE',
      reference: 'assessments.csv assess_in_year (benchmark measure assessments-completed)',
      differences: 'DfE also counts assessments still undecided or withdrawn in assess_in_year; here only those decided in the period.',
    },
    reads: ['issueDecision'],
    evaluate: countCases((F, i, p) => inPeriod(v(F.issueDecision, i), p)),
  },
  {
    id: 'assessments-leading-to-plan-pc',
    name: 'Assessments leading to a plan (%)',
    domain: 'assessments',
    meaning: 'Of the assessments decided in the period, the percentage where the council decided to issue a plan.',
    formula: {
      numerator: 'Of the denominator, issueDecision.outcome = issue.',
      denominator: 'Cases with issueDecision dated in the period.',
      exclusions: 'Assessments not yet decided or withdrawn ("percentages of assessments only apply where a decision was made", DfE).',
    },
    unit: 'percent',
    polarity: 'neutral',
    source: {
      publisher: 'DfE',
      reference: 'assessments.csv assess_issued_pc = assess_issued ÷ assess_in_year',
      differences:
        'DfE divides by every assessment in the year, including those still undecided or withdrawn (England 2024: 98,547 issued of 105,340, of which 62 undecided and 327 withdrawn); here only assessments decided in the period, so the local figure can be slightly higher.',
    },
    reads: ['issueDecision'],
    evaluate: percentCases((F, i, p) => inPeriod(v(F.issueDecision, i), p), (F, i) => F.issue[i] === 1),
  },
  {
    id: 'assessments-not-leading-to-plan-pc',
    name: 'Assessments not leading to a plan (%)',
    domain: 'assessments',
    meaning: 'Of the assessments decided in the period, the percentage where the council decided not to issue a plan.',
    formula: {
      numerator: 'Of the denominator, issueDecision.outcome = not-issue.',
      denominator: 'Cases with issueDecision dated in the period.',
      exclusions: 'Assessments not yet decided or withdrawn.',
    },
    unit: 'percent',
    polarity: 'neutral',
    source: {
      publisher: 'DfE',
      reference: 'assessments.csv assess_not_issued_pc = assess_not_issued ÷ assess_in_year (benchmark measure assessments-not-leading-to-plan-pc)',
      differences:
        'DfE divides by every assessment in the year, including those still undecided or withdrawn (England 2024: 6,404 not issued of 105,340, of which 62 undecided and 327 withdrawn); here only assessments decided in the period, so the local figure can be slightly higher.',
    },
    reads: ['issueDecision'],
    evaluate: percentCases((F, i, p) => inPeriod(v(F.issueDecision, i), p), (F, i) => F.notIssue[i] === 1),
  },
  {
    id: 'not-to-issue-decisions-within-16-weeks-pc',
    name: 'Decisions not to issue made within 16 weeks (%)',
    domain: 'assessments',
    meaning: 'Of the decisions not to issue a plan made in the period, the percentage made within the statutory 16 weeks of the request (reg 10(1)).',
    formula: {
      numerator: 'Of the denominator, issueDecision.on ≤ requestReceivedOn + 112 days.',
      denominator: 'Cases with issueDecision.outcome = not-issue dated in the period and a request date.',
      exclusions: 'Decisions without a request date. Exceptions are not removed (DfE publishes this measure including them).',
    },
    unit: 'percent',
    polarity: 'higher',
    source: { publisher: 'DfE', reference: 'assessments.csv outcome_decision_within_time_pc (benchmark measure not-to-issue-decisions-within-16-weeks-pc)' },
    reads: ['requestReceivedOn', 'issueDecision'],
    evaluate: percentCases(
      (F, i, p) => F.notIssue[i] === 1 && inPeriod(v(F.issueDecision, i), p) && !Number.isNaN(v(F.request, i)),
      (F, i) => v(F.issueDecision, i) - v(F.request, i) <= W16,
    ),
  },
  // ── New plans and 20-week timeliness ──────────────────────────────────────
  {
    id: 'new-plans',
    name: 'New EHC plans',
    domain: 'new-plans',
    meaning: 'Number of new plans this council issued in the period.',
    formula: {
      numerator: 'Cases with finalIssuedOn in the period.',
      denominator: 'None (a count).',
      exclusions: 'Plans transferred in from another council. Plans issued after asAt.',
    },
    unit: 'count',
    polarity: 'neutral',
    source: { publisher: 'DfE', reference: 'newplans.csv new_ehc_plans (benchmark measure new-plans)' },
    reads: ['finalIssuedOn', 'transferredInOn'],
    evaluate: countCases((F, i, p) => inPeriod(v(F.finalIssued, i), p)),
  },
  {
    id: 'plans-issued-within-20-weeks-pc',
    name: 'New plans issued within 20 weeks, including exceptions (%)',
    domain: 'new-plans',
    meaning: 'Of the new plans issued in the period, the percentage issued within 20 weeks of the request, counting every plan, including those where an exception to the time limit applied.',
    formula: {
      numerator: 'Of the denominator, finalIssuedOn − requestReceivedOn ≤ 140 days (day 140 is within; day 141 is not).',
      denominator: 'Plans issued by this council in the period with a request date.',
      exclusions: ISSUE_EXCLUSIONS,
    },
    unit: 'percent',
    polarity: 'higher',
    source: {
      publisher: 'DfE',
      reference: 'timeliness_20_week.csv plans_issued_within_20_weeks ÷ plans_issued_den (benchmark measure plans-issued-within-20-weeks-pc)',
    },
    reads: ['requestReceivedOn', 'finalIssuedOn', 'transferredInOn'],
    evaluate: percentCases(timedPlanIssued, (F, i) => v(F.daysToIssue, i) <= W20),
  },
  {
    id: 'plans-issued-within-20-weeks-excl-exceptions-pc',
    name: 'New plans issued within 20 weeks, excluding exceptions (%)',
    domain: 'new-plans',
    meaning: 'Of the new plans issued in the period where no exception to the time limit applied, the percentage issued within 20 weeks of the request. The headline national measure.',
    formula: {
      numerator: 'Of the denominator, finalIssuedOn − requestReceivedOn ≤ 140 days.',
      denominator: 'Plans issued by this council in the period with a request date and no twentyWeekExceptions.',
      exclusions: `Plans where any reg 10(4) exception applied are removed from numerator and denominator. ${ISSUE_EXCLUSIONS}`,
    },
    unit: 'percent',
    polarity: 'higher',
    source: {
      publisher: 'DfE',
      reference: 'timeliness_20_week.csv plans_issued_20_weeks_ex ÷ plans_issued_den_ex (benchmark measure plans-issued-within-20-weeks-excl-exceptions-pc)',
    },
    reads: ['requestReceivedOn', 'finalIssuedOn', 'transferredInOn', 'twentyWeekExceptions'],
    evaluate: percentCases(timedPlanIssuedNoException, (F, i) => v(F.daysToIssue, i) <= W20),
  },
  {
    id: 'plans-issued-20-to-52-weeks-pc',
    name: 'New plans issued after 20 and within 52 weeks, including exceptions (%)',
    domain: 'new-plans',
    meaning: 'Of the new plans issued in the period, the percentage issued more than 20 weeks but no more than 52 weeks after the request.',
    formula: {
      numerator: 'Of the denominator, 140 < finalIssuedOn − requestReceivedOn ≤ 364 days.',
      denominator: 'Plans issued by this council in the period with a request date.',
      exclusions: ISSUE_EXCLUSIONS,
    },
    unit: 'percent',
    polarity: 'lower',
    source: { publisher: 'DfE', reference: 'timeliness_20_week.csv pc_plans_issued_gt20weeks_ltYear' },
    reads: ['requestReceivedOn', 'finalIssuedOn', 'transferredInOn'],
    evaluate: percentCases(timedPlanIssued, (F, i) => v(F.daysToIssue, i) > W20 && v(F.daysToIssue, i) <= W52),
  },
  {
    id: 'plans-issued-over-52-weeks-pc',
    name: 'New plans issued after more than 52 weeks, including exceptions (%)',
    domain: 'new-plans',
    meaning: 'Of the new plans issued in the period, the percentage issued more than 52 weeks after the request.',
    formula: {
      numerator: 'Of the denominator, finalIssuedOn − requestReceivedOn > 364 days.',
      denominator: 'Plans issued by this council in the period with a request date.',
      exclusions: ISSUE_EXCLUSIONS,
    },
    unit: 'percent',
    polarity: 'lower',
    source: { publisher: 'DfE', reference: 'timeliness_20_week.csv pc_plans_issued_gt_1_year (benchmark measure plans-issued-over-52-weeks-pc)' },
    reads: ['requestReceivedOn', 'finalIssuedOn', 'transferredInOn'],
    evaluate: percentCases(timedPlanIssued, (F, i) => v(F.daysToIssue, i) > W52),
  },
  {
    id: 'average-weeks-to-issue',
    name: 'Average weeks from request to final plan',
    domain: 'new-plans',
    meaning: 'For the new plans issued in the period, the average number of weeks from the request to the final plan, including exceptions.',
    formula: {
      numerator: 'Sum over the plans of (finalIssuedOn − requestReceivedOn) in days, divided by 7.',
      denominator: 'Plans issued by this council in the period with a request date.',
      exclusions: `${ISSUE_EXCLUSIONS} Rounded to one decimal place, half up.`,
    },
    unit: 'weeks',
    polarity: 'lower',
    source: {
      publisher: 'DfE',
      reference: 'EHCP statistics 2026 release avg_weeks_issue_plan (no benchmark in the 2025 release)',
      differences: 'The exact DfE day arithmetic is unconfirmed; here weeks = days ÷ 7, averaged then rounded.',
    },
    reads: ['requestReceivedOn', 'finalIssuedOn', 'transferredInOn'],
    evaluate: averageWeeksToIssue,
  },
  // ── Caseload ──────────────────────────────────────────────────────────────
  {
    id: 'plans-in-force',
    name: 'EHC plans in force',
    domain: 'caseload',
    meaning:
      'Number of plans in force on the as-at date. Break it down by age band, primary need or setting type with computeBreakdown.',
    formula: {
      numerator: 'Cases whose plan started (finalIssuedOn, or transferredInOn for a plan transferred in) on or before asAt and did not cease before asAt.',
      denominator: 'None (a count).',
      exclusions: 'Plans ceased before asAt (a plan still counts on its cease date). Cases with no final plan.',
    },
    unit: 'count',
    polarity: 'neutral',
    source: {
      publisher: 'DfE',
      reference: 'caseload.csv ehcplans (benchmark measure plans-in-force)',
      differences: 'DfE counts at the January census date: pass it as asAt.',
    },
    reads: ['finalIssuedOn', 'transferredInOn', 'ceasedOn'],
    defaultBreakdown: 'ageBand',
    evaluate: countCases(inForce),
  },
  ageBandKpi('0-4', 0, 4),
  ageBandKpi('5-10', 5, 10),
  ageBandKpi('11-15', 11, 15),
  ageBandKpi('16-19', 16, 19),
  ageBandKpi('20-25', 20, 25),
  {
    id: 'plans-in-mainstream-pc',
    name: 'Plans in mainstream settings (%)',
    domain: 'caseload',
    meaning: 'Of the plans in force on the as-at date, the percentage where the child or young person attends a mainstream school.',
    formula: {
      numerator: 'Of the denominator, settingType = mainstream.',
      denominator: 'Plans in force on asAt (including those with no setting recorded, as DfE divides by all plans).',
      exclusions: 'As plans-in-force.',
    },
    unit: 'percent',
    polarity: 'neutral',
    source: { publisher: 'DfE', reference: 'caseload.csv mainstream_total_pc (benchmark measure plans-in-mainstream-pc)' },
    reads: ['settingType', 'finalIssuedOn', 'transferredInOn', 'ceasedOn'],
    defaultBreakdown: 'settingType',
    evaluate: percentCases(inForce, (F, i) => setting(F, i) === 'mainstream'),
  },
  {
    id: 'plans-in-special-pc',
    name: 'Plans in special schools (%)',
    domain: 'caseload',
    meaning: 'Of the plans in force on the as-at date, the percentage where the child or young person attends a special school.',
    formula: {
      numerator: 'Of the denominator, settingType = special.',
      denominator: 'Plans in force on asAt.',
      exclusions: 'As plans-in-force.',
    },
    unit: 'percent',
    polarity: 'neutral',
    source: { publisher: 'DfE', reference: 'caseload.csv special_total_pc (benchmark measure plans-in-special-pc)' },
    reads: ['settingType', 'finalIssuedOn', 'transferredInOn', 'ceasedOn'],
    defaultBreakdown: 'settingType',
    evaluate: percentCases(inForce, (F, i) => setting(F, i) === 'special'),
  },
  {
    id: 'plans-placement-not-recorded-pc',
    name: 'Plans with no setting recorded (%)',
    domain: 'caseload',
    meaning: 'Of the plans in force on the as-at date, the percentage with no setting type recorded. A data-quality measure: lower is better.',
    formula: {
      numerator: 'Of the denominator, settingType missing.',
      denominator: 'Plans in force on asAt.',
      exclusions: 'As plans-in-force.',
    },
    unit: 'percent',
    polarity: 'lower',
    source: { publisher: 'DfE', reference: 'caseload.csv placement_unknown_pc (benchmark measure plans-placement-not-recorded-pc)' },
    reads: ['settingType', 'finalIssuedOn', 'transferredInOn', 'ceasedOn'],
    evaluate: percentCases(inForce, (F, i) => setting(F, i) === undefined),
  },
  {
    id: 'plans-primary-need-not-recorded-pc',
    name: 'Plans with no primary need recorded (%)',
    domain: 'caseload',
    meaning: 'Of the plans in force on the as-at date, the percentage with no primary type of need recorded. The split by need is computeBreakdown(…, \'primaryNeed\') of plans-in-force.',
    formula: {
      numerator: 'Of the denominator, primaryNeed missing.',
      denominator: 'Plans in force on asAt.',
      exclusions: 'As plans-in-force.',
    },
    unit: 'percent',
    polarity: 'lower',
    source: { publisher: 'DfE', reference: 'sen_needs_all_plans.csv unknown_pc' },
    reads: ['primaryNeed', 'finalIssuedOn', 'transferredInOn', 'ceasedOn'],
    defaultBreakdown: 'primaryNeed',
    evaluate: percentCases(inForce, (F, i) => (F.cases[i] as KpiCase).primaryNeed === undefined),
  },
  {
    id: 'plans-transferred-in',
    name: 'Plans transferred in from other councils',
    domain: 'caseload',
    meaning: 'Number of plans transferred in from another council in the period (reg 15).',
    formula: { numerator: 'Cases with transferredInOn in the period.', denominator: 'None (a count).', exclusions: 'Transfers after asAt.' },
    unit: 'count',
    polarity: 'neutral',
    source: { publisher: 'DfE', reference: 'SEN2 module 5a "EHC Plan transferred in from another LA during calendar year" (no published measure)' },
    reads: ['transferredInOn'],
    evaluate: countCases((F, i, p) => inPeriod(v(F.transferredIn, i), p)),
  },
  // ── Ceased plans ──────────────────────────────────────────────────────────
  {
    id: 'plans-ceased',
    name: 'EHC plans ceased',
    domain: 'ceased',
    meaning:
      'Number of plans that ended in the period, for any reason. The split by reason (SEN2 codes 1–9) is computeBreakdown(…, \'ceaseReason\'), the default breakdown.',
    formula: { numerator: 'Cases with ceasedOn in the period.', denominator: 'None (a count).', exclusions: 'Cessations after asAt.' },
    unit: 'count',
    polarity: 'neutral',
    source: { publisher: 'DfE', reference: 'ceased_plans.csv total_ceased, and max_age … other by reason (benchmark measure plans-ceased)' },
    reads: ['ceasedOn', 'ceaseReason'],
    defaultBreakdown: 'ceaseReason',
    evaluate: countCases(ceasedInPeriod),
  },
  {
    id: 'plans-ceased-needs-met',
    name: 'EHC plans ceased because needs were met',
    domain: 'ceased',
    meaning: 'Number of plans that ended in the period because the needs could be met without a plan (SEN2 cease reason 2).',
    formula: { numerator: 'Cases with ceasedOn in the period and ceaseReason = 2.', denominator: 'None (a count).', exclusions: 'Cessations after asAt.' },
    unit: 'count',
    polarity: 'neutral',
    source: { publisher: 'DfE', reference: 'ceased_plans.csv needs_met (benchmark measure plans-ceased-needs-met)' },
    reads: ['ceasedOn', 'ceaseReason'],
    evaluate: countCases((F, i, p) => ceasedInPeriod(F, i, p) && F.ceaseReason[i] === 2),
  },
  // ── Annual reviews ────────────────────────────────────────────────────────
  {
    id: 'annual-reviews-due',
    name: 'Annual reviews due',
    domain: 'reviews',
    meaning: 'Number of annual reviews that fell due in the period.',
    formula: {
      numerator: 'Reviews with dueOn in the period.',
      denominator: 'None (a count).',
      exclusions: 'Reviews of plans that ceased before the due date.',
    },
    unit: 'count',
    polarity: 'neutral',
    source: { publisher: 'DfE', reference: 'annual_reviews.csv review_expected (close, not identical: DfE counts plans in force where a review was expected)' },
    reads: ['reviews', 'ceasedOn'],
    evaluate: countItems(reviews, (F, j, i, p) => inPeriod(v(F.reviewDue, j), p) && planLiveOn(F, i, v(F.reviewDue, j))),
  },
  {
    id: 'annual-reviews-on-time-pc',
    name: 'Annual reviews held on time (%)',
    domain: 'reviews',
    meaning: 'Of the annual reviews due in the period (and due by the as-at date), the percentage where the review meeting was held on or before the due date.',
    formula: {
      numerator: 'Of the denominator, meetingOn ≤ dueOn.',
      denominator: 'Reviews with dueOn in the period and on or before asAt.',
      exclusions: 'Reviews of plans that ceased before the due date; reviews not yet due at asAt. A review with no meeting by asAt counts as late.',
    },
    unit: 'percent',
    polarity: 'higher',
    source: { publisher: 'local', reference: 's.44 CFA 2014 (review within 12 months); no published national measure.' },
    reads: ['reviews', 'ceasedOn'],
    evaluate: percentItems(
      reviews,
      (F, j, i, p) => inPeriod(v(F.reviewDue, j), p) && v(F.reviewDue, j) <= p.asAt && planLiveOn(F, i, v(F.reviewDue, j)),
      (F, j) => v(F.reviewMeeting, j) <= v(F.reviewDue, j),
    ),
  },
  {
    id: 'annual-review-decisions-within-4-weeks-pc',
    name: 'Annual review decisions communicated within 4 weeks (%)',
    domain: 'reviews',
    meaning: 'Of the annual review decisions made in the period, the percentage notified within 4 weeks of the review meeting (reg 20(10)).',
    formula: {
      numerator: 'Of the denominator, decisionOn ≤ meetingOn + 28 days.',
      denominator: 'Reviews with decisionOn in the period and a meeting date.',
      exclusions: 'Reviews without a meeting date; decisions after asAt.',
    },
    unit: 'percent',
    polarity: 'higher',
    source: {
      publisher: 'DfE',
      reference: 'annual_reviews.csv number_decsion_4weeks ÷ (number_decsion_4weeks + number_decision_gt_4weeks) (benchmark measure annual-review-decisions-within-4-weeks-pc)',
      differences:
        'DfE counts the latest review decision of each plan in the January caseload, whatever year it was made; here decisions made in the period, which is what a monthly dashboard needs.',
    },
    reads: ['reviews'],
    evaluate: percentItems(
      reviews,
      (F, j, _i, p) => inPeriod(v(F.reviewDecision, j), p) && !Number.isNaN(v(F.reviewMeeting, j)),
      (F, j) => v(F.reviewDecision, j) - v(F.reviewMeeting, j) <= W4,
    ),
  },
  {
    id: 'annual-reviews-overdue',
    name: 'Overdue annual reviews',
    domain: 'reviews',
    meaning: 'Number of annual reviews of plans in force on the as-at date that were due before that date and have had no meeting: the review backlog.',
    formula: {
      numerator: 'Reviews of plans in force on asAt with dueOn before asAt and no meetingOn on or before asAt.',
      denominator: 'None (a count).',
      exclusions: 'Plans not in force on asAt.',
    },
    unit: 'count',
    polarity: 'lower',
    source: { publisher: 'local', reference: 'domain.md §5 "backlog of overdue reviews"' },
    reads: ['reviews', 'finalIssuedOn', 'transferredInOn', 'ceasedOn'],
    evaluate: countItems(reviews, (F, j, i, p) => F.inForce[i] === 1 && v(F.reviewDue, j) < p.asAt && Number.isNaN(v(F.reviewMeeting, j))),
  },
  // ── Phase transfers ───────────────────────────────────────────────────────
  {
    id: 'phase-transfers-finalised-by-deadline-pc',
    name: 'Phase transfer plans finalised by the deadline (%)',
    domain: 'phase-transfer',
    meaning: 'Of the phase-transfer plans due in the period (15 February, 31 March or 5 months before), the percentage finalised on or before the deadline (reg 18).',
    formula: {
      numerator: 'Of the denominator, finalisedOn ≤ dueOn.',
      denominator: 'Phase transfers with dueOn in the period and on or before asAt.',
      exclusions: 'Transfers of plans that ceased before the deadline; deadlines after asAt. One not finalised by asAt counts as late.',
    },
    unit: 'percent',
    polarity: 'higher',
    source: { publisher: 'local', reference: 'SEN2 module 5a phase-transfer due and final dates (≥v1.3); DfE 2026 phase_transfers.csv has no benchmark measure yet.' },
    reads: ['phaseTransfers', 'ceasedOn'],
    evaluate: percentItems(
      transfers,
      (F, j, i, p) => inPeriod(v(F.transferDue, j), p) && v(F.transferDue, j) <= p.asAt && planLiveOn(F, i, v(F.transferDue, j)),
      (F, j) => v(F.transferFinalised, j) <= v(F.transferDue, j),
    ),
  },
  // ── Advice ────────────────────────────────────────────────────────────────
  adviceKpi('all', 'advice-returned-within-6-weeks-pc', 'all contributors'),
  adviceKpi('education', 'advice-returned-within-6-weeks-education-pc', 'education'),
  adviceKpi('health', 'advice-returned-within-6-weeks-health-pc', 'health'),
  adviceKpi('social-care', 'advice-returned-within-6-weeks-social-care-pc', 'social care'),
  adviceKpi('educational-psychologist', 'advice-returned-within-6-weeks-ep-pc', 'educational psychology'),
  // ── Disputes ──────────────────────────────────────────────────────────────
  {
    id: 'send-tribunal-appeals-registered',
    name: 'SEND Tribunal appeals registered',
    domain: 'disputes',
    meaning: 'Number of appeals to the SEND Tribunal registered in the period.',
    formula: { numerator: 'Appeals with registeredOn in the period.', denominator: 'None (a count).', exclusions: 'Appeals registered after asAt.' },
    unit: 'count',
    polarity: 'neutral',
    source: { publisher: 'MoJ/DfE', reference: 'send_tribunals_appeal_rate_2014_2024.csv "Appeals registered" (benchmark measure send-tribunal-appeals-registered)' },
    reads: ['appeals'],
    evaluate: countItems((F) => F.appeals, (F, j, _i, p) => inPeriod(v(F.appealOn, j), p)),
  },
  {
    id: 'send-tribunal-appeal-rate-pc',
    name: 'SEND Tribunal appeal rate (%)',
    domain: 'disputes',
    meaning:
      'Appeals registered in the period as a percentage of the appealable decisions: refusals to assess, decisions not to issue a plan, plans in force, and plans ceased because needs were met.',
    formula: {
      numerator: 'Appeals with registeredOn in the period.',
      denominator:
        'Refusals to assess dated in the period + decisions not to issue dated in the period + plans in force on asAt + plans ceased in the period with ceaseReason 2 (needs met without a plan).',
      exclusions:
        'Events after asAt. New plans issued are not added separately: they are already in the plans in force, exactly as the MoJ/DfE table counts.',
    },
    unit: 'percent',
    polarity: 'lower',
    source: {
      publisher: 'MoJ/DfE',
      reference: 'send_tribunals_appeal_rate_2014_2024.csv "SEND Tribunal Appeal Rate" = Appeals registered ÷ Total Appealable Decisions (benchmark measure send-tribunal-appeal-rate-pc)',
      differences:
        'MoJ/DfE takes plans in force at the January census following the calendar year (England 2024: 38,889 + 6,404 + 638,745 + 3,955 ≈ 689,739): pass that census date as asAt.',
    },
    reads: ['appeals', 'decisionToAssess', 'issueDecision', 'finalIssuedOn', 'transferredInOn', 'ceasedOn', 'ceaseReason'],
    evaluate: appealRate,
  },
  {
    id: 'mediation-cases',
    name: 'Mediation cases',
    domain: 'disputes',
    meaning: 'Number of cases with a mediation opened in the period.',
    formula: { numerator: 'Cases with at least one mediation dated in the period (a case counts once).', denominator: 'None (a count).', exclusions: 'Mediations after asAt.' },
    unit: 'count',
    polarity: 'neutral',
    source: { publisher: 'DfE', reference: 'requests.csv mediation_related_request and assessments.csv number_*_mediation (close, not identical)' },
    reads: ['mediations'],
    evaluate: countCases(hasMediationInPeriod),
  },
  // ── Improvement plan ──────────────────────────────────────────────────────
  {
    id: 'improvement-plan-delivery-pc',
    name: 'Improvement plan actions complete or on target (%)',
    domain: 'improvement',
    meaning: 'Of the improvement-plan actions under way or finished, the percentage complete or on target.',
    formula: {
      numerator: 'complete + onTarget (from ctx.externals.improvementPlan).',
      denominator: 'complete + onTarget + delayed + significantlyDelayed.',
      exclusions: 'Actions not started, and actions closed, cancelled or suspended with approval. Null (no data) when no counts are supplied.',
    },
    unit: 'percent',
    polarity: 'higher',
    source: { publisher: 'local', reference: 'domain.md §6.1 action status (Complete / On target / Delayed / Significantly delayed / Not started)' },
    reads: ['ctx.externals.improvementPlan'],
    evaluate: improvementPlanDelivery,
  },
  // ── Health (placeholders) ─────────────────────────────────────────────────
  {
    id: 'health-neurodevelopmental-assessment-wait-weeks',
    name: 'Waiting time for a neurodevelopmental (autism/ADHD) assessment (weeks)',
    domain: 'health',
    meaning:
      'Placeholder: median weeks children have waited for an autism or ADHD assessment. Always "no data" until the health waiting-list capability lands.',
    formula: {
      numerator: 'Not yet defined (needs health waiting-list data).',
      denominator: 'Not yet defined.',
      exclusions: 'Returns null with reason "no data" in every case.',
    },
    unit: 'weeks',
    polarity: 'lower',
    source: { publisher: 'local', reference: 'domain.md §5 Health; national standard unconfirmed.' },
    reads: ['ctx.externals.waitingLists'],
    evaluate: () => nullValue(WAITING_LIST_REASON),
  },
  {
    id: 'health-salt-wait-weeks',
    name: 'Waiting time for speech and language therapy (weeks)',
    domain: 'health',
    meaning:
      'Placeholder: median weeks from referral to speech and language therapy assessment. Always "no data" until the health waiting-list capability lands.',
    formula: {
      numerator: 'Not yet defined (needs health waiting-list data).',
      denominator: 'Not yet defined.',
      exclusions: 'Returns null with reason "no data" in every case.',
    },
    unit: 'weeks',
    polarity: 'lower',
    source: { publisher: 'local', reference: 'domain.md §5 Health; target set locally.' },
    reads: ['ctx.externals.waitingLists'],
    evaluate: () => nullValue(WAITING_LIST_REASON),
  },
];

export const KPIS: readonly KpiDefinition[] = SPECS.map(define);

const BY_ID = new Map(KPIS.map((k) => [k.id, k]));

export function getKpi(id: string): KpiDefinition | undefined {
  return BY_ID.get(id);
}
