/**
 * The input the KPI engine reads: one `KpiCase` per EHC case, plus a `KpiContext` saying which
 * period to measure and the date the data is "as at".
 *
 * Designed to be easy to produce from the casework event log: every field is a plain value or a
 * 'YYYY-MM-DD' string, everything optional except the identifiers and the (possibly empty) lists.
 *
 * Conventions the engine applies (see catalogue.ts for each KPI's exact formula):
 * - Dates are calendar days, 'YYYY-MM-DD'. A malformed or impossible date is treated as missing.
 * - **Nothing after `asAt` has happened yet.** Every event date later than `ctx.asAt` is ignored
 *   (a decision dated after asAt counts as "no decision yet"). Due dates (`reviews[].dueOn`,
 *   `phaseTransfers[].dueOn`) are not events and are never ignored.
 * - "Within N weeks of D" means on or before D + 7N days (D is day 0), the same convention as
 *   `src/modules/statutory/dates.ts` `addWeeks` and DfE's SEN2 counting: a final plan issued 140
 *   days after the request is within 20 weeks; 141 days is not.
 * - A plan is **in force** on a day when it has started (the day the final plan was issued, or for
 *   a plan transferred in from another council the day it was transferred in) and that day is not
 *   after `ceasedOn` (a plan is still counted on the day it ceases, as witan.sen2 and DfE's census
 *   do: start ≤ day ≤ cease).
 * - A case with `transferredInOn` holds a plan another council made. Its `finalIssuedOn`, if
 *   given, is the date that council issued it (reg 15(3)); it is counted in caseload measures but
 *   never in this council's new-plan or timeliness measures.
 */

/** SEN2 type-of-need codes (`<SENtype>`, SEN2 2025 item 5.8a). */
export const NEED_CODES = [
  'SPLD', 'MLD', 'SLD', 'PMLD', 'SEMH', 'SLCN', 'HI', 'VI', 'MSI', 'PD', 'ASD', 'DS', 'OTH',
] as const;
export type NeedCode = (typeof NEED_CODES)[number];

export const NEED_LABELS: Readonly<Record<NeedCode, string>> = {
  SPLD: 'Specific learning difficulty',
  MLD: 'Moderate learning difficulty',
  SLD: 'Severe learning difficulty',
  PMLD: 'Profound and multiple learning difficulty',
  SEMH: 'Social, emotional and mental health',
  SLCN: 'Speech, language and communication needs',
  HI: 'Hearing impairment',
  VI: 'Vision impairment',
  MSI: 'Multi-sensory impairment',
  PD: 'Physical disability',
  ASD: 'Autistic spectrum disorder',
  DS: 'Down syndrome',
  OTH: 'Other difficulty or disability',
};

/**
 * The kind of setting the child or young person attends, grouped as DfE publishes caseload:
 * mainstream (including units and resourced provision), special (maintained, academy,
 * non-maintained, independent), AP/PRU, further education and other post-16, other (EHE, EOTAS,
 * early years, not in education…). Missing = placement not recorded.
 */
export const SETTING_TYPES = ['mainstream', 'special', 'ap', 'post16', 'other'] as const;
export type SettingType = (typeof SETTING_TYPES)[number];

export const SETTING_TYPE_LABELS: Readonly<Record<SettingType, string>> = {
  mainstream: 'Mainstream',
  special: 'Special',
  ap: 'Alternative provision / PRU',
  post16: 'Further education and post-16',
  other: 'Other arrangements',
};

/** SEN2 reason EHC plan ceased (`<CeaseReason>`, SEN2 2025 item 4.6). */
export type CeaseReason = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
export const CEASE_REASONS: readonly CeaseReason[] = [1, 2, 3, 4, 5, 6, 7, 8, 9];
export const CEASE_REASON_LABELS: Readonly<Record<CeaseReason, string>> = {
  1: 'Reached maximum age',
  2: 'Needs met without an EHC plan',
  3: 'Moved on to higher education',
  4: 'Moved on to paid employment',
  5: 'Transferred to another council in England',
  6: 'Young person no longer wishes to engage in education or training',
  7: 'Moved outside England',
  8: 'Deceased',
  9: 'Other',
};

export const ADVICE_CONTRIBUTORS = ['educational-psychologist', 'health', 'social-care', 'education', 'other'] as const;
export type AdviceContributor = (typeof ADVICE_CONTRIBUTORS)[number];

/** An ISO calendar date, 'YYYY-MM-DD'. */
export type IsoDate = string;

export interface KpiReview {
  /** The day the annual review was due (12 months after the plan was issued or last reviewed). */
  readonly dueOn: IsoDate;
  /** The day the review meeting was held. */
  readonly meetingOn?: IsoDate | undefined;
  /** The day the council notified its decision (maintain / amend / cease), reg 20(10). */
  readonly decisionOn?: IsoDate | undefined;
}

export interface KpiPhaseTransfer {
  /** Statutory deadline for the amended plan: 15 February, 31 March, or 5 months before (reg 18). */
  readonly dueOn: IsoDate;
  /** The day the amended plan naming the next setting was finalised. */
  readonly finalisedOn?: IsoDate | undefined;
}

export interface KpiAdviceRequest {
  readonly contributor: AdviceContributor;
  /** The day the contributor received the council's request (reg 8(1) runs from receipt). */
  readonly requestedOn: IsoDate;
  readonly returnedOn?: IsoDate | undefined;
}

export interface KpiMediation {
  /** The day the mediation case was opened (the family asked for mediation). */
  readonly on: IsoDate;
}

export interface KpiAppeal {
  /** The day the SEND Tribunal registered the appeal. */
  readonly registeredOn: IsoDate;
  /** Free text or a code from the casework module, e.g. 'upheld', 'conceded', 'withdrawn'. Not read by any KPI yet. */
  readonly outcome?: string | undefined;
}

/**
 * One EHC case: one request for an EHC needs assessment and, if one follows, the plan it led to —
 * or a plan transferred in from another council. A child with a second request later is a second
 * case with the same `childId`.
 */
export interface KpiCase {
  /** Unique per case; returned in drill-down lists. */
  readonly caseId: string;
  readonly childId: string;
  readonly dateOfBirth?: IsoDate | undefined;
  /** Casework team that owns the case (for breakdowns). */
  readonly team?: string | undefined;
  /** The setting attended now (URN, UKPRN or a local id), for breakdowns. */
  readonly settingId?: string | undefined;
  /** The setting's name, shown as the breakdown label (the id when missing). */
  readonly settingName?: string | undefined;
  readonly settingType?: SettingType | undefined;
  /** Primary type of need (SEN2 need code, rank 1). */
  readonly primaryNeed?: NeedCode | undefined;

  // ── Request and assessment ────────────────────────────────────────────────
  /** The day the council received the request (or became responsible under s.24): the statutory clock starts. */
  readonly requestReceivedOn?: IsoDate | undefined;
  /** Who made the request, e.g. 'parent', 'school' (SEN2 ≥v1.3 code or local text). Not read by any KPI yet. */
  readonly requestSource?: string | undefined;
  /** The council's decision whether to carry out an EHC needs assessment (reg 5). */
  readonly decisionToAssess?: { readonly on: IsoDate; readonly outcome: 'assess' | 'refuse' } | undefined;
  /** After assessment, the decision whether to issue a plan (SEN2 "assessment outcome"). */
  readonly issueDecision?: { readonly on: IsoDate; readonly outcome: 'issue' | 'not-issue' } | undefined;
  readonly draftIssuedOn?: IsoDate | undefined;
  /** The day the final EHC plan was issued (SEN2 "EHC Plan Start Date"). */
  readonly finalIssuedOn?: IsoDate | undefined;
  /**
   * The reg 10(4) exception codes that applied to the 20-week limit ('a'–'d'). Non-empty = SEN2
   * "Twenty week time limit exceptions apply" is 1.
   */
  readonly twentyWeekExceptions?: readonly string[] | undefined;

  // ── The plan ──────────────────────────────────────────────────────────────
  readonly ceasedOn?: IsoDate | undefined;
  readonly ceaseReason?: CeaseReason | undefined;
  /** The day the plan was transferred in from another council (reg 15). */
  readonly transferredInOn?: IsoDate | undefined;
  readonly reviews: readonly KpiReview[];
  readonly phaseTransfers: readonly KpiPhaseTransfer[];
  readonly advice: readonly KpiAdviceRequest[];
  readonly mediations: readonly KpiMediation[];
  readonly appeals: readonly KpiAppeal[];
}

/** Improvement-plan action counts by delivery status (domain.md §6.1). */
export interface ImprovementPlanCounts {
  readonly complete: number;
  readonly onTarget: number;
  /** Amber: slipping, or issues identified. */
  readonly delayed: number;
  /** Red: significantly delayed or off track. */
  readonly significantlyDelayed: number;
  /** Not yet due to start; excluded from the delivery measure. */
  readonly notStarted?: number | undefined;
  /** Closed, cancelled or suspended with approval; excluded from the delivery measure. */
  readonly closed?: number | undefined;
}

export interface KpiExternals {
  readonly improvementPlan?: ImprovementPlanCounts | undefined;
  /**
   * Reserved for health waiting-list data (neurodevelopmental assessment, speech and language
   * therapy). No KPI reads it yet: the waiting-list KPIs return "no data" until that capability lands.
   */
  readonly waitingLists?: unknown;
}

export interface KpiContext {
  /** First day of the period, inclusive. */
  readonly from: IsoDate;
  /** Last day of the period, inclusive. */
  readonly to: IsoDate;
  /** The day the data is "as at": caseload snapshots are taken on it; later events are ignored. */
  readonly asAt: IsoDate;
  readonly externals?: KpiExternals | undefined;
}
