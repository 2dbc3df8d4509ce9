/**
 * Catalogue of benchmark measures taken from the DfE "Education, health and care plans" release
 * (reporting year 2025, explore-education-statistics CSV files) and the MoJ/DfE SEND Tribunal
 * appeal-rate table.
 *
 * Measure ids are stable and shared with the KPI engine: never rename one; add a new id instead.
 *
 * Periods (`BenchmarkValue.year`) are the file's `time_period` exactly as DfE publishes it, as a
 * number:
 * - calendar-year activity files (requests, assessments, new plans, 20-week timeliness, annual
 *   reviews, ceased plans, appeal rate): `2024` = activity in calendar year 2024, published in the
 *   2025 release;
 * - January-census files (caseload): `202425` = plans in force in January 2025 (academic year
 *   2024/25).
 * `periodLabel()` turns a period into words.
 *
 * Polarity says which direction is better when ranking: 'higher', 'lower', or 'neutral' for
 * context measures (volumes, shares) where neither is better. Neutral measures are still ranked,
 * by value descending (rank 1 = largest value), so "rank 1 of 153" reads as "the largest".
 */

export type Polarity = 'higher' | 'lower' | 'neutral';
export type Unit = 'count' | 'percent';
export type PeriodType = 'calendar-year' | 'january-census';

/** A measure read from a tidy explore-education-statistics (EES) CSV file. */
export interface EesSource {
  readonly format: 'ees';
  /** File name as DfE publishes it (matched case-insensitively, ignoring any folder). */
  readonly file: string;
  /** Row filter: every listed column must equal the listed value exactly. */
  readonly filter: Readonly<Record<string, string>>;
  /** Column holding the published value (a percentage is published to one decimal place). */
  readonly valueColumn: string;
  /** Column holding the published numerator, where one exists. */
  readonly numeratorColumn?: string;
  /**
   * Column(s) whose sum is the published denominator, where the sum is exactly what DfE divided by
   * (checked against the published percentages for every row of the 2025 release).
   */
  readonly denominatorColumns?: readonly string[];
}

/** A measure read from the wide, human-formatted MoJ/DfE SEND Tribunal appeal-rate table. */
export interface AppealRateSource {
  readonly format: 'moj-appeal-rate';
  readonly file: string;
  /** Sub-heading (second header row) of the value column, matched by prefix, footnote digits ignored. */
  readonly valueHeading: string;
  readonly numeratorHeading?: string;
  readonly denominatorHeading?: string;
}

export type MeasureSource = EesSource | AppealRateSource;

export interface MeasureDefinition {
  readonly id: string;
  readonly name: string;
  /** Plain-English description for people reading a dashboard. */
  readonly description: string;
  readonly unit: Unit;
  readonly polarity: Polarity;
  readonly periodType: PeriodType;
  readonly source: MeasureSource;
  /** Years (as published) in which the source holds values; earlier rows are all `x`. */
  readonly firstYear: number;
  /** Caveats a reader should see next to the figure. */
  readonly notes?: string;
}

export const EES_FILES = {
  caseload: 'caseload.csv',
  requests: 'requests.csv',
  assessments: 'assessments.csv',
  newPlans: 'newplans.csv',
  timeliness: 'timeliness_20_week.csv',
  annualReviews: 'annual_reviews.csv',
  ceased: 'ceased_plans.csv',
} as const;

export const APPEAL_RATE_FILE = 'send_tribunals_appeal_rate_2014_2024.csv';

const ALL_PLANS = { breakdown_topic: 'All EHC plans', breakdown: 'All EHC plans' };
const ALL_REQUESTS = {
  breakdown_topic: 'All requests for EHC needs assessments',
  breakdown: 'All requests for EHC needs assessments',
};
const ALL_ASSESSMENTS = { breakdown_topic: 'All EHC needs assessments', breakdown: 'All EHC needs assessments' };
const ALL_NEW_PLANS = { breakdown_topic: 'New EHC plans', breakdown: 'New EHC plans' };
const ALL_ISSUED = { breakdown_topic: 'All EHC plans issued', breakdown: 'All EHC plans issued' };
const ALL_REVIEWS = { breakdown_topic: 'All annual reviews', breakdown: 'All annual reviews' };
const ALL_CEASED = { breakdown_topic: 'All ceased EHC plans', breakdown: 'All ceased EHC plans' };

export const MEASURES: readonly MeasureDefinition[] = [
  // ── Caseload (January census) ────────────────────────────────────────────────
  {
    id: 'plans-in-force',
    name: 'EHC plans in force',
    description: 'Number of education, health and care plans in force on the January census date.',
    unit: 'count',
    polarity: 'neutral',
    periodType: 'january-census',
    firstYear: 201819,
    source: { format: 'ees', file: EES_FILES.caseload, filter: ALL_PLANS, valueColumn: 'ehcplans' },
    notes: 'A volume: it grows with the population, so compare areas of similar size. DfE publishes no population base, so no rate per 1,000 is given.',
  },
  {
    id: 'plans-in-mainstream-pc',
    name: 'Plans in mainstream schools (%)',
    description: 'Of the plans in force in January, the percentage where the child or young person attends a mainstream school.',
    unit: 'percent',
    polarity: 'neutral',
    periodType: 'january-census',
    firstYear: 201819,
    source: {
      format: 'ees',
      file: EES_FILES.caseload,
      filter: ALL_PLANS,
      valueColumn: 'mainstream_total_pc',
      numeratorColumn: 'mainstream_total',
      denominatorColumns: ['ehcplans'],
    },
  },
  {
    id: 'plans-in-special-pc',
    name: 'Plans in special schools (%)',
    description: 'Of the plans in force in January, the percentage where the child or young person attends a special school (maintained, academy, non-maintained or independent).',
    unit: 'percent',
    polarity: 'neutral',
    periodType: 'january-census',
    firstYear: 201819,
    source: {
      format: 'ees',
      file: EES_FILES.caseload,
      filter: ALL_PLANS,
      valueColumn: 'special_total_pc',
      numeratorColumn: 'special_total',
      denominatorColumns: ['ehcplans'],
    },
  },
  {
    id: 'plans-placement-not-recorded-pc',
    name: 'Plans with no placement recorded (%)',
    description: 'Of the plans in force in January, the percentage with no setting recorded in the return. A data-quality measure: lower is better.',
    unit: 'percent',
    polarity: 'lower',
    periodType: 'january-census',
    firstYear: 202223,
    source: {
      format: 'ees',
      file: EES_FILES.caseload,
      filter: ALL_PLANS,
      valueColumn: 'placement_unknown_pc',
      numeratorColumn: 'placement_unknown',
      denominatorColumns: ['ehcplans'],
    },
    notes: 'Cambridgeshire and North East Lincolnshire could not return placements for many plans in 2025.',
  },
  // ── Requests (calendar year) ────────────────────────────────────────────────
  {
    id: 'requests-received',
    name: 'Requests for an EHC needs assessment',
    description: 'Number of initial requests for an education, health and care needs assessment received in the calendar year.',
    unit: 'count',
    polarity: 'neutral',
    periodType: 'calendar-year',
    firstYear: 2019,
    source: { format: 'ees', file: EES_FILES.requests, filter: ALL_REQUESTS, valueColumn: 'requests_received_in_year' },
  },
  {
    id: 'requests-agreed-to-assess-pc',
    name: 'Requests agreed for assessment (%)',
    description: 'Of the requests received in the year, the percentage where the council decided to carry out an assessment.',
    unit: 'percent',
    polarity: 'neutral',
    periodType: 'calendar-year',
    firstYear: 2023,
    source: {
      format: 'ees',
      file: EES_FILES.requests,
      filter: ALL_REQUESTS,
      valueColumn: 'request_assess_pc',
      numeratorColumn: 'requests_decided_to_assess',
      denominatorColumns: ['requests_received_in_year'],
    },
  },
  {
    id: 'requests-refused-pc',
    name: 'Refusal-to-assess rate (%)',
    description: 'Of the requests received in the year, the percentage where the council decided not to carry out an assessment.',
    unit: 'percent',
    polarity: 'neutral',
    periodType: 'calendar-year',
    firstYear: 2023,
    source: {
      format: 'ees',
      file: EES_FILES.requests,
      filter: ALL_REQUESTS,
      valueColumn: 'request_not_assess_pc',
      numeratorColumn: 'requests_decided_not_to_assess',
      denominatorColumns: ['requests_received_in_year'],
    },
    notes: 'The denominator is all requests received, including those still undecided or withdrawn. The count of refusals (requests_decided_not_to_assess) is published for 2019 onwards but the percentage only from 2023.',
  },
  {
    id: 'requests-decided-within-6-weeks-pc',
    name: 'Decisions whether to assess made within 6 weeks (%)',
    description: 'Of the requests received in the year, the percentage where the council decided whether to assess within the statutory 6 weeks.',
    unit: 'percent',
    polarity: 'higher',
    periodType: 'calendar-year',
    firstYear: 2023,
    source: {
      format: 'ees',
      file: EES_FILES.requests,
      filter: ALL_REQUESTS,
      valueColumn: 'request_outcome_six_weeks_pc',
      numeratorColumn: 'request_outcome_six_weeks',
    },
    notes: 'Published in requests.csv for 2023 and 2024 only. DfE does not publish the denominator: "within 6 weeks" plus "over 6 weeks" does not reproduce the published percentage in 38 of the 2023–24 rows, so no denominator is given.',
  },
  // ── Assessments (calendar year) ─────────────────────────────────────────────
  {
    id: 'assessments-completed',
    name: 'EHC needs assessments',
    description: 'Number of education, health and care needs assessments in the calendar year.',
    unit: 'count',
    polarity: 'neutral',
    periodType: 'calendar-year',
    firstYear: 2022,
    source: { format: 'ees', file: EES_FILES.assessments, filter: ALL_ASSESSMENTS, valueColumn: 'assess_in_year' },
  },
  {
    id: 'assessments-not-leading-to-plan-pc',
    name: 'Assessments not leading to a plan (%)',
    description: 'Of the assessments in the year, the percentage where the council decided not to issue a plan.',
    unit: 'percent',
    polarity: 'neutral',
    periodType: 'calendar-year',
    firstYear: 2022,
    source: {
      format: 'ees',
      file: EES_FILES.assessments,
      filter: ALL_ASSESSMENTS,
      valueColumn: 'assess_not_issued_pc',
      numeratorColumn: 'assess_not_issued',
      denominatorColumns: ['assess_in_year'],
    },
  },
  {
    id: 'not-to-issue-decisions-within-16-weeks-pc',
    name: 'Decisions not to issue made within 16 weeks (%)',
    description: 'Of the assessments where the council decided not to issue a plan, the percentage where that decision was made within the statutory 16 weeks.',
    unit: 'percent',
    polarity: 'higher',
    periodType: 'calendar-year',
    firstYear: 2023,
    source: {
      format: 'ees',
      file: EES_FILES.assessments,
      filter: ALL_ASSESSMENTS,
      valueColumn: 'outcome_decision_within_time_pc',
      numeratorColumn: 'outcome_decision_within_time',
      denominatorColumns: ['outcome_decision_within_time', 'outcome_decision_over_time'],
    },
  },
  // ── New plans and 20-week timeliness (calendar year) ────────────────────────
  {
    id: 'new-plans',
    name: 'New EHC plans',
    description: 'Number of new education, health and care plans made in the calendar year.',
    unit: 'count',
    polarity: 'neutral',
    periodType: 'calendar-year',
    firstYear: 2019,
    source: { format: 'ees', file: EES_FILES.newPlans, filter: ALL_NEW_PLANS, valueColumn: 'new_ehc_plans' },
    notes: 'newplans.csv (97,747 in England in 2024) counts plans starting in the year; the 20-week timeliness file counts plans issued (90,392), so the two differ.',
  },
  {
    id: 'plans-issued-within-20-weeks-pc',
    name: 'New plans issued within 20 weeks, including exceptions (%)',
    description: 'Of the new plans issued in the year, the percentage issued within the statutory 20 weeks of the request, counting every plan, including those where an exception to the time limit applied.',
    unit: 'percent',
    polarity: 'higher',
    periodType: 'calendar-year',
    firstYear: 2019,
    source: {
      format: 'ees',
      file: EES_FILES.timeliness,
      filter: ALL_ISSUED,
      valueColumn: 'pc_plans_issued_within_20_weeks',
      numeratorColumn: 'plans_issued_within_20_weeks',
      denominatorColumns: ['plans_issued_den'],
    },
  },
  {
    id: 'plans-issued-within-20-weeks-excl-exceptions-pc',
    name: 'New plans issued within 20 weeks, excluding exceptions (%)',
    description: 'Of the new plans issued in the year where no exception to the time limit applied, the percentage issued within the statutory 20 weeks. This is the headline national measure.',
    unit: 'percent',
    polarity: 'higher',
    periodType: 'calendar-year',
    firstYear: 2019,
    source: {
      format: 'ees',
      file: EES_FILES.timeliness,
      filter: ALL_ISSUED,
      valueColumn: 'PC_plans_issued_20_weeks_ex',
      numeratorColumn: 'plans_issued_20_weeks_ex',
      denominatorColumns: ['plans_issued_den_ex'],
    },
    notes: 'For 2024, Dorset and City of London classed every new plan as having an exception, so they have no value here.',
  },
  {
    id: 'plans-issued-over-52-weeks-pc',
    name: 'New plans issued after more than a year, including exceptions (%)',
    description: 'Of the new plans issued in the year, the percentage issued more than 52 weeks after the request.',
    unit: 'percent',
    polarity: 'lower',
    periodType: 'calendar-year',
    firstYear: 2023,
    source: {
      format: 'ees',
      file: EES_FILES.timeliness,
      filter: ALL_ISSUED,
      valueColumn: 'pc_plans_issued_gt_1_year',
      numeratorColumn: 'plans_issued_gt_1_year',
      denominatorColumns: ['plans_issued_den'],
    },
  },
  // ── Annual reviews (calendar year) ──────────────────────────────────────────
  {
    id: 'annual-review-decisions-within-4-weeks-pc',
    name: 'Annual review decisions communicated within 4 weeks (%)',
    description: 'Of the annual reviews with a decision recorded, the percentage where the outcome was communicated within 4 weeks of the review meeting.',
    unit: 'percent',
    polarity: 'higher',
    periodType: 'calendar-year',
    firstYear: 2024,
    source: {
      format: 'ees',
      file: EES_FILES.annualReviews,
      filter: ALL_REVIEWS,
      valueColumn: 'pc_decsion_4weeks',
      numeratorColumn: 'number_decsion_4weeks',
      denominatorColumns: ['number_decsion_4weeks', 'number_decision_gt_4weeks'],
    },
    notes: 'Published for 2024 only. DfE suppressed eleven councils (x) pending data-quality checks. Column names are spelt "decsion" by DfE.',
  },
  // ── Ceased plans (calendar year) ────────────────────────────────────────────
  {
    id: 'plans-ceased',
    name: 'EHC plans ceased',
    description: 'Number of education, health and care plans that ended in the calendar year, for any reason.',
    unit: 'count',
    polarity: 'neutral',
    periodType: 'calendar-year',
    firstYear: 2022,
    source: { format: 'ees', file: EES_FILES.ceased, filter: ALL_CEASED, valueColumn: 'total_ceased' },
  },
  {
    id: 'plans-ceased-needs-met',
    name: 'EHC plans ceased because needs were met',
    description: 'Number of plans that ended in the calendar year because the child or young person\'s needs could be met without a plan.',
    unit: 'count',
    polarity: 'neutral',
    periodType: 'calendar-year',
    firstYear: 2022,
    source: { format: 'ees', file: EES_FILES.ceased, filter: ALL_CEASED, valueColumn: 'needs_met' },
  },
  // ── SEND Tribunal (MoJ/DfE, calendar year) ──────────────────────────────────
  {
    id: 'send-tribunal-appeal-rate-pc',
    name: 'SEND Tribunal appeal rate (%)',
    description: 'SEND Tribunal appeals registered in the calendar year as a percentage of all appealable decisions (refusals to assess, decisions not to issue a plan, plans in force in January, and plans ceased because needs were met).',
    unit: 'percent',
    polarity: 'lower',
    periodType: 'calendar-year',
    firstYear: 2014,
    source: {
      format: 'moj-appeal-rate',
      file: APPEAL_RATE_FILE,
      valueHeading: 'SEND Tribunal Appeal Rate',
      numeratorHeading: 'Appeals registered',
      denominatorHeading: 'Total Appealable Decisions',
    },
    notes: 'Ministry of Justice / DfE table: LA and England only (no regional figures). The 2024 "in development" appealable-decisions measure is not used. The table\'s own LA codes are wrong for some councils; rows are matched by name.',
  },
  {
    id: 'send-tribunal-appeals-registered',
    name: 'SEND Tribunal appeals registered',
    description: 'Number of appeals to the SEND Tribunal registered in the calendar year.',
    unit: 'count',
    polarity: 'neutral',
    periodType: 'calendar-year',
    firstYear: 2014,
    source: { format: 'moj-appeal-rate', file: APPEAL_RATE_FILE, valueHeading: 'Appeals registered' },
  },
];

const BY_ID = new Map(MEASURES.map((m) => [m.id, m]));

export function getMeasure(id: string): MeasureDefinition | undefined {
  return BY_ID.get(id);
}

/** The ids the KPI engine relies on. */
export const CORE_MEASURE_IDS = [
  'plans-in-force',
  'requests-received',
  'requests-decided-within-6-weeks-pc',
  'plans-issued-within-20-weeks-pc',
  'plans-issued-within-20-weeks-excl-exceptions-pc',
  'annual-review-decisions-within-4-weeks-pc',
] as const;

/**
 * Words for a published period: `2024` → "2024" (calendar year); `202425` → "January 2025".
 */
export function periodLabel(year: number, periodType: PeriodType): string {
  if (periodType === 'january-census') {
    const s = String(year);
    if (s.length === 6) return `January ${Number(s.slice(0, 4)) + 1}`;
  }
  return String(year);
}
