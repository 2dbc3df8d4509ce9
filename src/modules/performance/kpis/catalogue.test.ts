/**
 * Table-driven tests: every KPI in the catalogue has rows here (checked at the end), including
 * empty input, boundaries (day 140 / 141, day 42 / 43, exactly on a due date), leap years,
 * as-at before events, ceased and transferred-in plans, and 29 February birthdays.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addWeeks } from '../../statutory/dates.ts';
import { MEASURES } from '../benchmarks/measures.ts';
import { getKpi, KPIS } from './catalogue.ts';
import { issued, kase, plus, Y2024 } from './fixtures.ts';
import type { KpiCase, KpiContext } from './types.ts';

interface Row {
  readonly id: string;
  readonly name: string;
  readonly cases: readonly KpiCase[];
  readonly ctx?: KpiContext;
  readonly value: number | null;
  readonly numerator?: number;
  readonly denominator?: number;
  readonly numeratorIds?: readonly string[];
  readonly denominatorIds?: readonly string[];
}

const REQ = '2024-01-10';
// The statutory module's "within 20 weeks" last day is the same day 140 the KPIs use.
const DAY_140 = addWeeks(Temporal.PlainDate.from(REQ), 20).toString();

// ── Shared scenarios ────────────────────────────────────────────────────────

const timeliness = [
  issued(REQ, 140, { caseId: 'd140' }),
  issued(REQ, 141, { caseId: 'd141' }),
  issued('2023-11-20', 100, { caseId: 'leap' }), // 2023-11-20 + 100 days = 2024-02-28, across no leap day
  issued('2023-12-20', 140, { caseId: 'leap140' }), // crosses 29 Feb 2024: issued 2024-05-08
  issued('2023-09-01', 365, { caseId: 'd365' }), // over 52 weeks: issued 2024-08-31
  issued('2023-10-01', 364, { caseId: 'd364' }), // exactly 52 weeks: 20–52 band
  issued('2024-02-01', 90, { caseId: 'exc-in', twentyWeekExceptions: ['c'] }),
  issued('2024-02-01', 200, { caseId: 'exc-late', twentyWeekExceptions: ['a', 'd'] }),
  kase({ caseId: 'no-request', finalIssuedOn: '2024-03-01' }),
  kase({ caseId: 'transfer', requestReceivedOn: '2023-01-01', finalIssuedOn: '2024-03-01', transferredInOn: '2024-04-01' }),
  issued('2024-10-01', 120, { caseId: 'next-year' }), // issued 2025-01-29: after the period (and after asAt)
];

const requests = [
  kase({ caseId: 'r42', requestReceivedOn: '2024-01-01', decisionToAssess: { on: plus('2024-01-01', 42), outcome: 'assess' } }),
  kase({ caseId: 'r43', requestReceivedOn: '2024-03-01', decisionToAssess: { on: plus('2024-03-01', 43), outcome: 'refuse' } }),
  kase({ caseId: 'r-leap', requestReceivedOn: '2024-02-10', decisionToAssess: { on: '2024-03-23', outcome: 'assess' } }), // 42 days across 29 Feb
  kase({ caseId: 'r-open', requestReceivedOn: '2024-12-31' }),
  kase({ caseId: 'r-after-asat', requestReceivedOn: '2024-12-20', decisionToAssess: { on: '2025-02-01', outcome: 'assess' } }),
  kase({ caseId: 'r-2023', requestReceivedOn: '2023-12-31', decisionToAssess: { on: '2024-01-05', outcome: 'refuse' } }),
  kase({ caseId: 'r-2025', requestReceivedOn: '2025-01-01', decisionToAssess: { on: '2025-01-10', outcome: 'refuse' } }),
];

const assessments = [
  kase({ caseId: 'a-issue', requestReceivedOn: '2024-01-01', issueDecision: { on: '2024-04-01', outcome: 'issue' } }),
  kase({ caseId: 'a-not-112', requestReceivedOn: '2024-01-01', issueDecision: { on: plus('2024-01-01', 112), outcome: 'not-issue' } }),
  kase({ caseId: 'a-not-113', requestReceivedOn: '2024-02-01', issueDecision: { on: plus('2024-02-01', 113), outcome: 'not-issue' } }),
  kase({ caseId: 'a-2025', requestReceivedOn: '2024-10-01', issueDecision: { on: '2025-01-10', outcome: 'issue' } }),
  kase({ caseId: 'a-undecided', requestReceivedOn: '2024-10-01', decisionToAssess: { on: '2024-11-01', outcome: 'assess' } }),
];

const caseload = [
  kase({ caseId: 'open', finalIssuedOn: '2020-05-01', settingType: 'mainstream', primaryNeed: 'ASD' }),
  kase({ caseId: 'ceases-on-asat', finalIssuedOn: '2021-05-01', ceasedOn: '2025-01-16', ceaseReason: 2, settingType: 'mainstream', primaryNeed: 'SEMH' }),
  kase({ caseId: 'ceased-before', finalIssuedOn: '2021-05-01', ceasedOn: '2025-01-15', ceaseReason: 5, settingType: 'special' }),
  kase({ caseId: 'ceases-after-asat', finalIssuedOn: '2022-05-01', ceasedOn: '2025-03-01', settingType: 'special', primaryNeed: 'SLCN' }),
  kase({ caseId: 'transferred-in', finalIssuedOn: '2019-01-01', transferredInOn: '2024-06-01', primaryNeed: 'MLD' }),
  kase({ caseId: 'transfer-after-asat', finalIssuedOn: '2019-01-01', transferredInOn: '2025-02-01' }),
  kase({ caseId: 'issued-after-asat', finalIssuedOn: '2025-01-17' }),
  kase({ caseId: 'refused', requestReceivedOn: '2024-01-01', decisionToAssess: { on: '2024-02-01', outcome: 'refuse' } }),
];
const IN_FORCE = ['open', 'ceases-on-asat', 'ceases-after-asat', 'transferred-in'];

function aged(caseId: string, dateOfBirth: string): KpiCase {
  return kase({ caseId, dateOfBirth, finalIssuedOn: '2023-01-01' });
}
const ages = [
  aged('leapling', '2020-02-29'),
  aged('age5', '2019-06-01'),
  aged('age10', '2014-03-01'),
  aged('age11', '2014-02-28'),
  aged('age15', '2009-03-01'),
  aged('age16', '2009-02-28'),
  aged('age19', '2005-03-01'),
  aged('age20', '2005-02-28'),
  aged('age25', '1999-03-01'),
  aged('age26', '1999-02-28'),
  kase({ caseId: 'no-dob', finalIssuedOn: '2023-01-01' }),
];
const FEB28: KpiContext = { from: '2024-03-01', to: '2025-02-28', asAt: '2025-02-28' };
const MAR1: KpiContext = { from: '2024-03-02', to: '2025-03-01', asAt: '2025-03-01' };

const reviewCases = [
  kase({
    caseId: 'rev',
    finalIssuedOn: '2020-01-01',
    reviews: [
      { dueOn: '2024-03-01', meetingOn: '2024-03-01', decisionOn: plus('2024-03-01', 28) },
      { dueOn: '2024-06-01', meetingOn: '2024-06-02', decisionOn: plus('2024-06-02', 29) },
      { dueOn: '2024-12-01' },
      { dueOn: '2025-06-01' },
    ],
  }),
  kase({
    caseId: 'rev-ceased',
    finalIssuedOn: '2020-01-01',
    ceasedOn: '2024-04-01',
    ceaseReason: 2,
    reviews: [{ dueOn: '2024-09-01' }],
  }),
  kase({
    caseId: 'rev-other',
    finalIssuedOn: '2020-01-01',
    reviews: [
      { dueOn: '2023-11-01', meetingOn: '2023-11-01', decisionOn: '2023-11-20' },
      { dueOn: '2024-11-01', meetingOn: '2024-11-20' },
      { dueOn: '2024-12-20', meetingOn: '2025-02-01' }, // meeting after asAt: not held yet
    ],
  }),
];

const transfers = [
  kase({ caseId: 'pt-on', finalIssuedOn: '2020-01-01', phaseTransfers: [{ dueOn: '2024-02-15', finalisedOn: '2024-02-15' }] }),
  kase({ caseId: 'pt-late', finalIssuedOn: '2020-01-01', phaseTransfers: [{ dueOn: '2024-02-15', finalisedOn: '2024-02-16' }] }),
  kase({ caseId: 'pt-none', finalIssuedOn: '2020-01-01', phaseTransfers: [{ dueOn: '2024-03-31' }] }),
  kase({ caseId: 'pt-2025', finalIssuedOn: '2020-01-01', phaseTransfers: [{ dueOn: '2025-02-15' }] }),
  kase({ caseId: 'pt-ceased', finalIssuedOn: '2020-01-01', ceasedOn: '2023-12-01', phaseTransfers: [{ dueOn: '2024-02-15' }] }),
];

const advice = [
  kase({
    caseId: 'adv',
    advice: [
      { contributor: 'educational-psychologist', requestedOn: '2024-03-01', returnedOn: plus('2024-03-01', 42) },
      { contributor: 'health', requestedOn: '2024-03-01', returnedOn: plus('2024-03-01', 43) },
      { contributor: 'social-care', requestedOn: '2024-03-01' },
      { contributor: 'education', requestedOn: '2024-03-01', returnedOn: '2024-03-11' },
      { contributor: 'other', requestedOn: '2024-03-01', returnedOn: '2024-03-02' },
    ],
  }),
  kase({
    caseId: 'adv-late-2024',
    advice: [
      { contributor: 'health', requestedOn: '2024-12-20' }, // deadline 2025-01-31: after asAt, not judged
      { contributor: 'education', requestedOn: '2023-11-01', returnedOn: '2023-11-05' }, // deadline 2023
    ],
  }),
];

const disputes = [
  kase({ caseId: 'refuse', requestReceivedOn: '2024-01-01', decisionToAssess: { on: '2024-02-01', outcome: 'refuse' }, appeals: [{ registeredOn: '2024-04-01' }] }),
  kase({ caseId: 'not-issue', requestReceivedOn: '2024-01-01', issueDecision: { on: '2024-04-01', outcome: 'not-issue' }, mediations: [{ on: '2024-05-01' }, { on: '2024-06-01' }] }),
  kase({ caseId: 'plan-a', finalIssuedOn: '2022-01-01', appeals: [{ registeredOn: '2023-06-01' }, { registeredOn: '2024-06-01' }], mediations: [{ on: '2023-05-01' }] }),
  kase({ caseId: 'plan-b', finalIssuedOn: '2024-07-01' }),
  kase({ caseId: 'ceased-met', finalIssuedOn: '2020-01-01', ceasedOn: '2024-08-01', ceaseReason: 2 }),
  kase({ caseId: 'ceased-moved', finalIssuedOn: '2020-01-01', ceasedOn: '2024-08-01', ceaseReason: 5, appeals: [{ registeredOn: '2025-03-01' }] }),
];

const plan = { complete: 3, onTarget: 4, delayed: 2, significantlyDelayed: 1, notStarted: 5, closed: 2 };

// ── The table ───────────────────────────────────────────────────────────────

const ROWS: readonly Row[] = [
  // requests-received
  { id: 'requests-received', name: 'empty input is no data', cases: [], value: null },
  { id: 'requests-received', name: 'cases but no requests: 0', cases: caseload.slice(0, 2), value: 0 },
  {
    id: 'requests-received',
    name: 'counts 1 Jan to 31 Dec inclusive only',
    cases: requests,
    value: 5,
    numeratorIds: ['r42', 'r43', 'r-leap', 'r-open', 'r-after-asat'],
  },
  {
    id: 'requests-received',
    name: 'a request after asAt has not happened',
    cases: requests,
    ctx: { from: '2024-01-01', to: '2024-12-31', asAt: '2024-02-29' },
    value: 2,
    numeratorIds: ['r42', 'r-leap'],
  },
  // requests-decided-within-6-weeks-pc
  { id: 'requests-decided-within-6-weeks-pc', name: 'empty', cases: [], value: null },
  { id: 'requests-decided-within-6-weeks-pc', name: 'no decisions yet: null, not 0%', cases: [requests[3] as KpiCase], value: null, denominator: 0 },
  {
    id: 'requests-decided-within-6-weeks-pc',
    name: 'day 42 within (also across 29 Feb), day 43 not; undecided, after-asAt and other-year requests excluded',
    cases: requests,
    value: 66.7,
    numerator: 2,
    denominator: 3,
    numeratorIds: ['r42', 'r-leap'],
    denominatorIds: ['r42', 'r43', 'r-leap'],
  },
  // decisions-to-assess-made-in-period-within-6-weeks-pc
  { id: 'decisions-to-assess-made-in-period-within-6-weeks-pc', name: 'empty', cases: [], value: null },
  {
    id: 'decisions-to-assess-made-in-period-within-6-weeks-pc',
    name: 'decision-date cohort includes a 2023 request decided in 2024',
    cases: requests,
    value: 75,
    numerator: 3,
    denominator: 4,
    denominatorIds: ['r42', 'r43', 'r-leap', 'r-2023'],
  },
  // requests-agreed-to-assess-pc / requests-refused-pc / refusals-to-assess
  { id: 'requests-agreed-to-assess-pc', name: 'empty', cases: [], value: null },
  {
    id: 'requests-agreed-to-assess-pc',
    name: 'denominator is every request received, decided or not',
    cases: requests,
    value: 40,
    numerator: 2,
    denominator: 5,
  },
  { id: 'requests-refused-pc', name: 'empty', cases: [], value: null },
  { id: 'requests-refused-pc', name: '1 refusal of 5 requests', cases: requests, value: 20, numerator: 1, denominator: 5, numeratorIds: ['r43'] },
  { id: 'refusals-to-assess', name: 'empty', cases: [], value: null },
  {
    id: 'refusals-to-assess',
    name: 'by decision date: the 2023 request refused in 2024 counts; the 2025 refusal does not',
    cases: requests,
    value: 2,
    numeratorIds: ['r43', 'r-2023'],
  },
  // assessments
  { id: 'assessments-completed', name: 'empty', cases: [], value: null },
  { id: 'assessments-completed', name: 'decisions dated in the period', cases: assessments, value: 3 },
  { id: 'assessments-leading-to-plan-pc', name: 'empty', cases: [], value: null },
  { id: 'assessments-leading-to-plan-pc', name: '1 of 3', cases: assessments, value: 33.3, numerator: 1, denominator: 3 },
  { id: 'assessments-not-leading-to-plan-pc', name: 'empty', cases: [], value: null },
  { id: 'assessments-not-leading-to-plan-pc', name: '2 of 3', cases: assessments, value: 66.7, numerator: 2, denominator: 3 },
  { id: 'not-to-issue-decisions-within-16-weeks-pc', name: 'empty', cases: [], value: null },
  {
    id: 'not-to-issue-decisions-within-16-weeks-pc',
    name: 'day 112 within, day 113 not',
    cases: assessments,
    value: 50,
    numerator: 1,
    denominator: 2,
    numeratorIds: ['a-not-112'],
  },
  { id: 'not-to-issue-decisions-within-16-weeks-pc', name: 'only issue decisions: null', cases: assessments.slice(0, 1), value: null },
  // new plans and timeliness
  { id: 'new-plans', name: 'empty', cases: [], value: null },
  {
    id: 'new-plans',
    name: 'issued in the period by this council (a plan with no request date still counts; transfer-in does not)',
    cases: timeliness,
    value: 9,
  },
  { id: 'plans-issued-within-20-weeks-pc', name: 'empty', cases: [], value: null },
  {
    id: 'plans-issued-within-20-weeks-pc',
    name: 'day 140 within, 141 not; exceptions count; untimed and transferred-in excluded',
    cases: timeliness,
    value: 50,
    numerator: 4,
    denominator: 8,
    numeratorIds: ['d140', 'leap', 'leap140', 'exc-in'],
    denominatorIds: ['d140', 'd141', 'leap', 'leap140', 'd365', 'd364', 'exc-in', 'exc-late'],
  },
  {
    id: 'plans-issued-within-20-weeks-pc',
    name: 'as at the day before day 140 the plan is not issued yet',
    cases: [issued(REQ, 140, { caseId: 'x' })],
    ctx: { from: '2024-01-01', to: '2024-12-31', asAt: plus(DAY_140, -1) },
    value: null,
  },
  {
    id: 'plans-issued-within-20-weeks-pc',
    name: 'request on 29 Feb 2024: plan on 18 Jul (day 140) within, 19 Jul not',
    cases: [
      kase({ caseId: 'on', requestReceivedOn: '2024-02-29', finalIssuedOn: '2024-07-18' }),
      kase({ caseId: 'late', requestReceivedOn: '2024-02-29', finalIssuedOn: '2024-07-19' }),
    ],
    value: 50,
    numeratorIds: ['on'],
  },
  {
    id: 'plans-issued-within-20-weeks-pc',
    name: 'a malformed or impossible date counts as missing',
    cases: [
      kase({ caseId: 'bad-request', requestReceivedOn: '2023-02-29', finalIssuedOn: '2024-03-01' }),
      kase({ caseId: 'ok', requestReceivedOn: '2023-12-01', finalIssuedOn: '2024-03-01' }),
    ],
    value: 100,
    denominatorIds: ['ok'],
  },
  { id: 'plans-issued-within-20-weeks-excl-exceptions-pc', name: 'empty', cases: [], value: null },
  {
    id: 'plans-issued-within-20-weeks-excl-exceptions-pc',
    name: 'plans with an exception leave numerator and denominator',
    cases: timeliness,
    value: 50,
    numerator: 3,
    denominator: 6,
    numeratorIds: ['d140', 'leap', 'leap140'],
  },
  {
    id: 'plans-issued-within-20-weeks-excl-exceptions-pc',
    name: 'every plan had an exception: null (Dorset 2024)',
    cases: timeliness.slice(6, 8),
    value: null,
    denominator: 0,
  },
  { id: 'plans-issued-20-to-52-weeks-pc', name: 'empty', cases: [], value: null },
  {
    id: 'plans-issued-20-to-52-weeks-pc',
    name: 'day 141 and day 364 are in the band; day 365 is not',
    cases: timeliness,
    value: 37.5,
    numerator: 3,
    denominator: 8,
    numeratorIds: ['d141', 'd364', 'exc-late'],
  },
  { id: 'plans-issued-over-52-weeks-pc', name: 'empty', cases: [], value: null },
  { id: 'plans-issued-over-52-weeks-pc', name: 'day 365 only', cases: timeliness, value: 12.5, numerator: 1, denominator: 8, numeratorIds: ['d365'] },
  { id: 'average-weeks-to-issue', name: 'empty', cases: [], value: null },
  { id: 'average-weeks-to-issue', name: '140 and 141 days → 20.07 → 20.1 weeks', cases: timeliness.slice(0, 2), value: 20.1, denominator: 2 },
  {
    id: 'average-weeks-to-issue',
    name: 'exactly 1.05 weeks rounds half up to 1.1',
    cases: [
      ...Array.from({ length: 7 }, () => issued(REQ, 8)),
      ...Array.from({ length: 13 }, () => issued(REQ, 7)),
    ],
    value: 1.1,
    denominator: 20,
  },
  // caseload
  { id: 'plans-in-force', name: 'empty', cases: [], value: null },
  {
    id: 'plans-in-force',
    name: 'counted on the cease date, not after; transferred-in from the transfer date; nothing after asAt',
    cases: caseload,
    value: 4,
    numeratorIds: IN_FORCE,
  },
  {
    id: 'plans-in-force',
    name: 'a later asAt: the 2025 cessation and transfer-in now apply',
    cases: caseload,
    ctx: { from: '2025-01-01', to: '2025-03-31', asAt: '2025-03-31' },
    value: 4,
    numeratorIds: ['open', 'transferred-in', 'transfer-after-asat', 'issued-after-asat'],
  },
  { id: 'plans-in-force-age-0-4', name: 'empty', cases: [], value: null },
  { id: 'plans-in-force-age-0-4', name: '29 Feb 2020 birthday: still 4 on 28 Feb 2025', cases: ages, ctx: FEB28, value: 1, numeratorIds: ['leapling'] },
  { id: 'plans-in-force-age-0-4', name: '…and 5 on 1 March 2025', cases: ages, ctx: MAR1, value: 0 },
  {
    id: 'plans-in-force-age-0-4',
    name: '29 Feb 2020 birthday is 4 on 29 Feb 2024',
    cases: [aged('leap4', '2020-02-29')],
    ctx: { from: '2024-02-01', to: '2024-02-29', asAt: '2024-02-29' },
    value: 1,
  },
  { id: 'plans-in-force-age-5-10', name: 'empty', cases: [], value: null },
  { id: 'plans-in-force-age-5-10', name: 'ages 5 and 10 on 28 Feb 2025', cases: ages, ctx: FEB28, value: 2, numeratorIds: ['age5', 'age10'] },
  { id: 'plans-in-force-age-5-10', name: 'the leapling joins on 1 March', cases: ages, ctx: MAR1, value: 2, numeratorIds: ['leapling', 'age5'] },
  { id: 'plans-in-force-age-11-15', name: 'empty', cases: [], value: null },
  { id: 'plans-in-force-age-11-15', name: 'ages 11 and 15', cases: ages, ctx: FEB28, value: 2, numeratorIds: ['age11', 'age15'] },
  { id: 'plans-in-force-age-16-19', name: 'empty', cases: [], value: null },
  { id: 'plans-in-force-age-16-19', name: 'ages 16 and 19', cases: ages, ctx: FEB28, value: 2, numeratorIds: ['age16', 'age19'] },
  { id: 'plans-in-force-age-20-25', name: 'empty', cases: [], value: null },
  { id: 'plans-in-force-age-20-25', name: 'ages 20 and 25; 26 and no date of birth in no band', cases: ages, ctx: FEB28, value: 2, numeratorIds: ['age20', 'age25'] },
  { id: 'plans-in-mainstream-pc', name: 'empty', cases: [], value: null },
  { id: 'plans-in-mainstream-pc', name: '2 of 4 in force', cases: caseload, value: 50, numerator: 2, denominator: 4 },
  { id: 'plans-in-special-pc', name: 'empty', cases: [], value: null },
  { id: 'plans-in-special-pc', name: 'the special-school plan that ceased before asAt is not counted', cases: caseload, value: 25, numerator: 1, denominator: 4 },
  { id: 'plans-placement-not-recorded-pc', name: 'empty', cases: [], value: null },
  { id: 'plans-placement-not-recorded-pc', name: '1 of 4', cases: caseload, value: 25, numeratorIds: ['transferred-in'] },
  { id: 'plans-primary-need-not-recorded-pc', name: 'empty', cases: [], value: null },
  { id: 'plans-primary-need-not-recorded-pc', name: 'all recorded: 0.0%, a real zero', cases: caseload, value: 0, numerator: 0, denominator: 4 },
  { id: 'plans-transferred-in', name: 'empty', cases: [], value: null },
  { id: 'plans-transferred-in', name: 'in 2024; the 2025 one is after the period', cases: caseload, value: 1, numeratorIds: ['transferred-in'] },
  // ceased
  { id: 'plans-ceased', name: 'empty', cases: [], value: null },
  {
    id: 'plans-ceased',
    name: 'ceased in the period, whatever the reason',
    cases: disputes,
    value: 2,
    numeratorIds: ['ceased-met', 'ceased-moved'],
  },
  {
    id: 'plans-ceased',
    name: 'a cessation after asAt has not happened',
    cases: caseload,
    ctx: { from: '2025-01-01', to: '2025-12-31', asAt: '2025-02-01' },
    value: 2,
    numeratorIds: ['ceases-on-asat', 'ceased-before'],
  },
  { id: 'plans-ceased-needs-met', name: 'empty', cases: [], value: null },
  { id: 'plans-ceased-needs-met', name: 'reason 2 only', cases: disputes, value: 1, numeratorIds: ['ceased-met'] },
  // reviews
  { id: 'annual-reviews-due', name: 'empty', cases: [], value: null },
  {
    id: 'annual-reviews-due',
    name: 'due in 2024; the review of a plan ceased before its due date is not due',
    cases: reviewCases,
    value: 5,
    numeratorIds: ['rev', 'rev-other'],
  },
  { id: 'annual-reviews-on-time-pc', name: 'empty', cases: [], value: null },
  {
    id: 'annual-reviews-on-time-pc',
    name: 'meeting on the due date is on time; a day late, none, or after asAt is late',
    cases: reviewCases,
    value: 20,
    numerator: 1,
    denominator: 5,
  },
  {
    id: 'annual-reviews-on-time-pc',
    name: 'reviews not yet due at asAt are not judged',
    cases: reviewCases,
    ctx: { from: '2024-01-01', to: '2024-12-31', asAt: '2024-06-30' },
    value: 50,
    numerator: 1,
    denominator: 2,
  },
  { id: 'annual-review-decisions-within-4-weeks-pc', name: 'empty', cases: [], value: null },
  {
    id: 'annual-review-decisions-within-4-weeks-pc',
    name: 'day 28 within, day 29 not; 2023 decisions and undecided reviews excluded',
    cases: reviewCases,
    value: 50,
    numerator: 1,
    denominator: 2,
  },
  { id: 'annual-reviews-overdue', name: 'empty', cases: [], value: null },
  {
    id: 'annual-reviews-overdue',
    name: 'due before asAt with no meeting by asAt, plans in force only',
    cases: reviewCases,
    value: 2,
    numeratorIds: ['rev', 'rev-other'],
  },
  // phase transfers
  { id: 'phase-transfers-finalised-by-deadline-pc', name: 'empty', cases: [], value: null },
  {
    id: 'phase-transfers-finalised-by-deadline-pc',
    name: 'on the deadline counts; a day late or not finalised does not; ceased plans excluded',
    cases: transfers,
    value: 33.3,
    numerator: 1,
    denominator: 3,
    numeratorIds: ['pt-on'],
    denominatorIds: ['pt-on', 'pt-late', 'pt-none'],
  },
  // advice
  { id: 'advice-returned-within-6-weeks-pc', name: 'empty', cases: [], value: null },
  { id: 'advice-returned-within-6-weeks-pc', name: 'all contributors, deadline in period and passed', cases: advice, value: 60, numerator: 3, denominator: 5 },
  { id: 'advice-returned-within-6-weeks-education-pc', name: 'empty', cases: [], value: null },
  { id: 'advice-returned-within-6-weeks-education-pc', name: 'returned in 10 days', cases: advice, value: 100, numerator: 1, denominator: 1 },
  { id: 'advice-returned-within-6-weeks-health-pc', name: 'empty', cases: [], value: null },
  { id: 'advice-returned-within-6-weeks-health-pc', name: 'day 43 is late: 0.0%, and the undue one is not judged', cases: advice, value: 0, numerator: 0, denominator: 1 },
  { id: 'advice-returned-within-6-weeks-social-care-pc', name: 'empty', cases: [], value: null },
  { id: 'advice-returned-within-6-weeks-social-care-pc', name: 'never returned: late', cases: advice, value: 0, denominator: 1 },
  { id: 'advice-returned-within-6-weeks-ep-pc', name: 'empty', cases: [], value: null },
  { id: 'advice-returned-within-6-weeks-ep-pc', name: 'day 42 is within', cases: advice, value: 100, denominator: 1 },
  // disputes
  { id: 'send-tribunal-appeals-registered', name: 'empty', cases: [], value: null },
  {
    id: 'send-tribunal-appeals-registered',
    name: 'registered in the period; 2023 and after-asAt appeals excluded',
    cases: disputes,
    value: 2,
    numeratorIds: ['refuse', 'plan-a'],
  },
  { id: 'send-tribunal-appeal-rate-pc', name: 'empty', cases: [], value: null },
  {
    id: 'send-tribunal-appeal-rate-pc',
    name: 'refusals + not-issue + in force at asAt + ceased needs met',
    cases: disputes,
    value: 40,
    numerator: 2,
    denominator: 5,
    denominatorIds: ['refuse', 'not-issue', 'plan-a', 'plan-b', 'ceased-met'],
  },
  { id: 'mediation-cases', name: 'empty', cases: [], value: null },
  { id: 'mediation-cases', name: 'a case with two mediations counts once', cases: disputes, value: 1, numeratorIds: ['not-issue'] },
  // improvement plan
  { id: 'improvement-plan-delivery-pc', name: 'no plan figures: null', cases: disputes, value: null },
  {
    id: 'improvement-plan-delivery-pc',
    name: 'complete + on target ÷ under way or finished (not started and closed excluded)',
    cases: [],
    ctx: { ...Y2024, externals: { improvementPlan: plan } },
    value: 70,
    numerator: 7,
    denominator: 10,
  },
  {
    id: 'improvement-plan-delivery-pc',
    name: 'nothing under way: null',
    cases: [],
    ctx: { ...Y2024, externals: { improvementPlan: { complete: 0, onTarget: 0, delayed: 0, significantlyDelayed: 0, notStarted: 4 } } },
    value: null,
  },
  // health placeholders
  { id: 'health-neurodevelopmental-assessment-wait-weeks', name: 'empty', cases: [], value: null },
  {
    id: 'health-neurodevelopmental-assessment-wait-weeks',
    name: 'no data even with cases and externals',
    cases: caseload,
    ctx: { ...Y2024, externals: { waitingLists: { anything: 1 } } },
    value: null,
  },
  { id: 'health-salt-wait-weeks', name: 'empty', cases: [], value: null },
  { id: 'health-salt-wait-weeks', name: 'no data with cases', cases: caseload, value: null },
];

for (const row of ROWS) {
  test(`${row.id}: ${row.name}`, () => {
    const def = getKpi(row.id);
    assert.ok(def, `unknown KPI ${row.id}`);
    const r = def.compute(row.cases, row.ctx ?? Y2024);
    assert.equal(r.value, row.value);
    if (row.value === null) assert.match(r.noDataReason ?? '', /^no data/);
    if (row.numerator !== undefined) assert.equal(r.numerator, row.numerator, 'numerator');
    if (row.denominator !== undefined) assert.equal(r.denominator, row.denominator, 'denominator');
    if (row.numeratorIds !== undefined) assert.deepEqual([...r.caseIds.numerator].sort(), [...row.numeratorIds].sort(), 'numerator ids');
    if (row.denominatorIds !== undefined) {
      assert.deepEqual([...r.caseIds.denominator].sort(), [...row.denominatorIds].sort(), 'denominator ids');
    }
    // Drill-down lists name each case at most once.
    assert.equal(new Set(r.caseIds.numerator).size, r.caseIds.numerator.length);
    assert.equal(new Set(r.caseIds.denominator).size, r.caseIds.denominator.length);
  });
}

test('every KPI has a row in the table, including an empty-input row', () => {
  const covered = new Set(ROWS.map((r) => r.id));
  const emptyCovered = new Set(ROWS.filter((r) => r.cases.length === 0 && r.ctx === undefined).map((r) => r.id));
  for (const k of KPIS) {
    assert.ok(covered.has(k.id), `${k.id} has no test row`);
    if (k.id !== 'improvement-plan-delivery-pc') assert.ok(emptyCovered.has(k.id), `${k.id} has no empty-input row`);
  }
});

test('the statutory day 140 (addWeeks in statutory/dates.ts) is the KPI day 140', () => {
  assert.equal(DAY_140, plus(REQ, 140));
  assert.equal(DAY_140, '2024-05-29');
});

test('catalogue: at least 32 KPIs, unique ids, every definition complete', () => {
  assert.ok(KPIS.length >= 32, `only ${String(KPIS.length)} KPIs`);
  assert.equal(new Set(KPIS.map((k) => k.id)).size, KPIS.length);
  for (const k of KPIS) {
    assert.match(k.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, k.id);
    for (const text of [k.name, k.meaning, k.formula.numerator, k.formula.denominator, k.formula.exclusions, k.source.reference]) {
      assert.ok(text.trim().length > 0, `${k.id} has an empty text field`);
    }
    assert.ok(k.reads.length > 0, `${k.id} reads nothing`);
    assert.ok(['count', 'percent', 'weeks', 'days'].includes(k.unit));
    assert.ok(['higher', 'lower', 'neutral'].includes(k.polarity));
  }
});

test('ids shared with the benchmarks have the same unit and polarity', () => {
  const required = [
    'plans-in-force',
    'requests-received',
    'requests-decided-within-6-weeks-pc',
    'plans-issued-within-20-weeks-pc',
    'plans-issued-within-20-weeks-excl-exceptions-pc',
    'annual-review-decisions-within-4-weeks-pc',
  ];
  for (const id of required) assert.ok(getKpi(id), `missing shared KPI ${id}`);
  let shared = 0;
  for (const m of MEASURES) {
    const k = getKpi(m.id);
    if (k === undefined) continue;
    shared += 1;
    assert.equal(k.unit, m.unit, `${m.id} unit`);
    assert.equal(k.polarity, m.polarity, `${m.id} polarity`);
  }
  // Every benchmark measure has a KPI counterpart.
  assert.equal(shared, MEASURES.length);
});
