// The pure mapping of casework events into the KPI engine's input, and the period rules.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toKpiCase } from '../../src/modules/performance/scorecard/from-casework.ts';
import { previousPeriod, resolvePeriod, scorecardRows, monthsEnding } from '../../src/modules/performance/scorecard/service.ts';
import type { CaseEventRecord } from '../../src/modules/casework/fold.ts';
import type { EventType } from '../../src/modules/casework/events.ts';
import { ValidationError } from '../../src/platform/http/errors.ts';
import type { KpiCase, KpiResult } from '../../src/modules/performance/kpis/index.ts';

const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
function events(...rows: [EventType, string, Record<string, unknown>?, Partial<CaseEventRecord>?][]): CaseEventRecord[] {
  return rows.map(([type, effectiveDate, data, extra], i) => ({ id: ID(i + 1), seq: i + 1, type, effectiveDate, data: data ?? {}, ...extra }));
}
const PLAN = { needs: [{ senType: 'SLCN', description: 'Speech', outcomes: [], provision: [] }] };
const TO_PLAN: [EventType, string, Record<string, unknown>?][] = [
  ['request-received', '2026-01-05', { requester: 'parent' }],
  ['decision-to-assess', '2026-02-10'],
  ['advice-requested', '2026-02-10', { contributor: 'ep' }],
  ['advice-received', '2026-03-20', { adviceEventId: ID(3) }],
  ['decision-to-issue', '2026-04-01'],
  ['draft-plan-issued', '2026-04-20', { plan: PLAN }],
  ['final-plan-issued', '2026-05-12'],
];
const ROW = { caseId: 'case-1', childId: 'child-1', dateOfBirth: '2015-03-01' };
const EMPTY = { reviews: [], phaseTransfers: [], advice: [], mediations: [], appeals: [] };

describe('toKpiCase: casework events → KpiCase', () => {
  const cases: { name: string; events: CaseEventRecord[]; asAt: string; expect: Partial<KpiCase> }[] = [
    {
      name: 'a request only',
      events: events(['request-received', '2026-01-05', { requester: 'school' }]), asAt: '2026-01-10',
      expect: { requestReceivedOn: '2026-01-05', requestSource: 'school', decisionToAssess: undefined, finalIssuedOn: undefined, ...EMPTY },
    },
    {
      name: 'refused',
      events: events(['request-received', '2026-01-05', { requester: 'parent' }], ['decision-not-to-assess', '2026-02-01', { reasons: 'x' }]), asAt: '2026-03-01',
      expect: { decisionToAssess: { on: '2026-02-01', outcome: 'refuse' }, issueDecision: undefined },
    },
    {
      name: 'to a final plan, with advice, need and the first review due',
      events: events(...TO_PLAN), asAt: '2026-06-01',
      expect: {
        decisionToAssess: { on: '2026-02-10', outcome: 'assess' }, issueDecision: { on: '2026-04-01', outcome: 'issue' },
        draftIssuedOn: '2026-04-20', finalIssuedOn: '2026-05-12', primaryNeed: 'SLCN',
        advice: [{ contributor: 'educational-psychologist', requestedOn: '2026-02-10', returnedOn: '2026-03-20' }],
        reviews: [{ dueOn: '2027-05-12', meetingOn: undefined, decisionOn: undefined }],
      },
    },
    {
      name: 'reviewed and maintained: the closed period is kept with its meeting and decision',
      events: events(...TO_PLAN, ['review-meeting-held', '2027-04-20'], ['review-decision', '2027-05-10', { decision: 'maintain' }]), asAt: '2027-06-01',
      expect: {
        reviews: [{ dueOn: '2027-05-12', meetingOn: '2027-04-20', decisionOn: '2027-05-10' }, { dueOn: '2028-04-20', meetingOn: undefined, decisionOn: undefined }],
      },
    },
    {
      name: 'not issuing',
      events: events(...TO_PLAN.slice(0, 2), ['decision-not-to-issue', '2026-04-01', { reasons: 'x' }]), asAt: '2026-05-01',
      expect: { issueDecision: { on: '2026-04-01', outcome: 'not-issue' }, draftIssuedOn: undefined },
    },
    {
      name: 'exception recorded, then ceased',
      events: events(...TO_PLAN.slice(0, 2), ['exception-recorded', '2026-02-20', { code: 'c', reason: 'x', evidence: 'y' }], ...TO_PLAN.slice(4), ['plan-ceased', '2026-09-01', { reason: '2' }]), asAt: '2026-10-01',
      expect: { twentyWeekExceptions: ['c'], ceasedOn: '2026-09-01', ceaseReason: 2 },
    },
    {
      name: 'transferred in, then out (cease reason 5)',
      events: events(['transfer-in', '2026-01-10', { fromLa: '876', lastReviewOn: '2025-09-01' }], ['transfer-out', '2026-06-01', { toLa: '877', learnedOfMove: '2026-05-01', moveDate: '2026-06-01' }]), asAt: '2026-07-01',
      expect: { transferredInOn: '2026-01-10', requestReceivedOn: undefined, ceasedOn: '2026-06-01', ceaseReason: 5 },
    },
    {
      name: 'a voided decision is not counted; mediation and appeal with outcome',
      events: events(['request-received', '2026-01-05', { requester: 'parent' }], ['decision-not-to-assess', '2026-02-01', { reasons: 'x' }],
        ['mediation', '2026-03-01', { decisionDate: '2026-02-01' }], ['appeal-registered', '2026-04-01', { subject: 'refusal-to-assess', decisionDate: '2026-02-01' }],
        ['appeal-outcome', '2026-08-01', { outcome: 'dismissed' }], ['correction', '2026-08-02', { action: 'void' }, { correctsEventId: ID(3), reason: 'Wrong case' }]),
      asAt: '2026-09-01',
      expect: { mediations: [], appeals: [{ registeredOn: '2026-04-01', outcome: 'dismissed' }], decisionToAssess: { on: '2026-02-01', outcome: 'refuse' } },
    },
    {
      name: 'the named setting (section I) of the plan in force, by URN when recorded',
      events: events(...TO_PLAN.slice(0, 5), ['draft-plan-issued', '2026-04-20', { plan: { ...PLAN, namedSetting: { name: 'Alder Primary', urn: '100001' } } }], ['final-plan-issued', '2026-05-12']),
      asAt: '2026-06-01',
      expect: { settingId: '100001', settingName: 'Alder Primary', team: undefined },
    },
    {
      name: 'a named setting without a URN is keyed by its name',
      events: events(...TO_PLAN.slice(0, 5), ['draft-plan-issued', '2026-04-20', { plan: { ...PLAN, namedSetting: { name: 'Riverside' } } }], ['final-plan-issued', '2026-05-12']),
      asAt: '2026-06-01',
      expect: { settingId: 'Riverside', settingName: 'Riverside' },
    },
    {
      name: 'a draft plan is not in force: its named setting is not counted yet',
      events: events(...TO_PLAN.slice(0, 5), ['draft-plan-issued', '2026-04-20', { plan: { ...PLAN, namedSetting: { name: 'Alder Primary', urn: '100001' } } }]),
      asAt: '2026-04-25',
      expect: { settingId: undefined, settingName: undefined },
    },
    {
      name: 'a ceased plan has no setting',
      events: events(...TO_PLAN.slice(0, 5), ['draft-plan-issued', '2026-04-20', { plan: { ...PLAN, namedSetting: { name: 'Alder Primary', urn: '100001' } } }], ['final-plan-issued', '2026-05-12'], ['plan-ceased', '2026-09-01', { reason: '2' }]),
      asAt: '2026-10-01',
      expect: { settingId: undefined, ceaseReason: 2 },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const k = toKpiCase(ROW, c.events, Temporal.PlainDate.from(c.asAt));
      assert.equal(k.caseId, 'case-1');
      assert.equal(k.childId, 'child-1');
      assert.equal(k.dateOfBirth, '2015-03-01');
      assert.equal(k.team, undefined);
      for (const [key, value] of Object.entries(c.expect)) assert.deepEqual(k[key as keyof KpiCase], value, key);
    });
  }
  it('carries the team of the assigned caseworker from the row', () => {
    assert.equal(toKpiCase({ ...ROW, team: 'North SEND team' }, events(...TO_PLAN), Temporal.PlainDate.from('2026-06-01')).team, 'North SEND team');
  });
});

describe('periods', () => {
  const today = Temporal.PlainDate.from('2026-11-23');
  it('defaults to the 12 months to today', () => assert.deepEqual(resolvePeriod({}, today), { from: '2025-11-24', to: '2026-11-23', asAt: '2026-11-23' }));
  it('takes from and to; asAt is the end', () => assert.deepEqual(resolvePeriod({ from: '2025-04-01', to: '2026-03-31' }, today), { from: '2025-04-01', to: '2026-03-31', asAt: '2026-03-31' }));
  it('takes asAt alone', () => assert.deepEqual(resolvePeriod({ asAt: '2026-03-31' }, today), { from: '2025-04-01', to: '2026-03-31', asAt: '2026-03-31' }));
  it('refuses a bad date, and from after to', () => {
    assert.throws(() => resolvePeriod({ from: '2026-02-30', to: '2026-03-01' }, today), (e: unknown) => e instanceof ValidationError && e.errors[0]!.field === 'from');
    assert.throws(() => resolvePeriod({ from: '2026-04-01', to: '2026-03-01' }, today), ValidationError);
    assert.throws(() => resolvePeriod({ from: '2026-04-01' }, today), (e: unknown) => e instanceof ValidationError && e.errors[0]!.field === 'to');
  });
  it('previous period of equal length', () => {
    assert.deepEqual(previousPeriod({ from: '2026-04-01', to: '2026-06-30', asAt: '2026-06-30' }), { from: '2026-01-01', to: '2026-03-31', asAt: '2026-03-31' });
    assert.deepEqual(previousPeriod({ from: '2025-01-01', to: '2025-12-31', asAt: '2025-12-31' }), { from: '2024-01-01', to: '2024-12-31', asAt: '2024-12-31' });
    assert.deepEqual(previousPeriod({ from: '2026-03-10', to: '2026-03-19', asAt: '2026-03-19' }), { from: '2026-02-28', to: '2026-03-09', asAt: '2026-03-09' });
  });
  it('months ending', () => assert.deepEqual(monthsEnding('2026-03-31', 3), ['2026-01', '2026-02', '2026-03']));
});

describe('scorecardRows: target, RAG and direction', () => {
  const r = (id: string, value: number | null, polarity: 'higher' | 'lower' | 'neutral' = 'higher'): KpiResult => ({ id, name: id, unit: 'percent', polarity, value, caseIds: { numerator: [], denominator: [] } });
  const targets = new Map([['a', { kpiId: 'a', target: 60, tolerance: 5, responsibleOfficer: 'Head', commentary: 'c', updatedAt: null }], ['b', { kpiId: 'b', target: 60, tolerance: 5, responsibleOfficer: '', commentary: '', updatedAt: null }]]);
  const rows = scorecardRows([r('a', 50), r('b', 57), r('c', 10), r('d', null)], [r('a', 40), r('b', 60), r('c', 10), r('d', 5)], targets);
  const cases: [string, number | null, string | null, string | null][] = [
    ['a', 60, 'red', 'improving'], ['b', 60, 'amber', 'worsening'], ['c', null, null, 'no-change'], ['d', null, null, null],
  ];
  for (const [id, target, rag, direction] of cases) {
    it(id, () => {
      const row = rows.find((x) => x.id === id)!;
      assert.deepEqual([row.target, row.rag, row.direction], [target, rag, direction]);
    });
  }
});
