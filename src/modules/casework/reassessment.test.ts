// Re-assessment (s.44 CFA 2014; SEND Regulations 2014, reg 27): the events, their order rules and the
// 14-week limit, folded into the case's deadlines.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fold, checkNewEvent, nextEventTypes, type CaseEventRecord } from './fold.ts';
import type { EventType } from './events.ts';

const D = (s: string) => Temporal.PlainDate.from(s);
type Row = [EventType, string, Record<string, unknown>?];
function events(...rows: Row[]): CaseEventRecord[] {
  return rows.map(([type, effectiveDate, data], i) => ({ id: `e${i + 1}`, seq: i + 1, type, effectiveDate, data: data ?? {} }));
}
const PLAN: Row[] = [
  ['request-received', '2026-01-05', { requester: 'parent' }], ['decision-to-assess', '2026-02-10'], ['decision-to-issue', '2026-04-01'],
  ['draft-plan-issued', '2026-04-20', { plan: { needs: [] } }], ['final-plan-issued', '2026-05-12'],
];
const REQUESTED: Row = ['reassessment-requested', '2026-07-01', { requester: 'school' }];
const DECIDED: Row = ['decision-to-reassess', '2026-07-10'];
/** Deadlines that are not the first assessment's. */
const later = (s: ReturnType<typeof fold>) => s.deadlines.filter((d) => !['decision-to-assess', 'final-plan', 'decision-not-to-issue'].includes(d.key)).map((d) => [d.key, d.due, d.met, d.status]);

describe('fold: re-assessment stages and deadlines', () => {
  const cases: { name: string; rows: Row[]; asAt: string; stage: string; next: [string, string] | null; deadlines: unknown[] }[] = [
    {
      name: 'a request waits for the council\'s decision; no limit runs yet', rows: [...PLAN, REQUESTED], asAt: '2026-07-02', stage: 'reassessment-request',
      next: ['next-review', '2027-05-12'], deadlines: [['next-review', '2027-05-12', null, 'upcoming']],
    },
    {
      name: 'deciding to re-assess starts the 14 weeks (reg 27)', rows: [...PLAN, REQUESTED, DECIDED], asAt: '2026-07-10', stage: 'reassessment',
      next: ['reassessment-final-plan', '2026-10-16'], deadlines: [['reassessment-final-plan', '2026-10-16', null, 'upcoming'], ['next-review', '2027-05-12', null, 'upcoming']],
    },
    {
      name: 'the new plan is late the day after the 14 weeks', rows: [...PLAN, REQUESTED, DECIDED], asAt: '2026-10-17', stage: 'reassessment',
      next: ['reassessment-final-plan', '2026-10-16'], deadlines: [['reassessment-final-plan', '2026-10-16', null, 'overdue'], ['next-review', '2027-05-12', null, 'upcoming']],
    },
    {
      name: 'the council may re-assess of its own accord (s.44(3)), without a request', rows: [...PLAN, ['decision-to-reassess', '2026-08-03']], asAt: '2026-08-03', stage: 'reassessment',
      next: ['reassessment-final-plan', '2026-11-09'], deadlines: [['reassessment-final-plan', '2026-11-09', null, 'upcoming'], ['next-review', '2027-05-12', null, 'upcoming']],
    },
    {
      name: 'the plan after re-assessment meets the limit and restarts the review period', rows: [...PLAN, REQUESTED, DECIDED, ['reassessment-plan-issued', '2026-10-01']], asAt: '2026-10-02', stage: 'plan',
      next: ['next-review', '2027-10-01'], deadlines: [['reassessment-final-plan', '2026-10-16', '2026-10-01', 'met-on-time'], ['next-review', '2027-10-01', null, 'upcoming']],
    },
    {
      name: 'a refusal closes the request; the plan carries on', rows: [...PLAN, REQUESTED, ['decision-not-to-reassess', '2026-07-14', { reasons: 'Assessed less than 6 months ago' }]], asAt: '2026-07-15', stage: 'plan',
      next: ['next-review', '2027-05-12'], deadlines: [['next-review', '2027-05-12', null, 'upcoming']],
    },
    {
      name: 'a second re-assessment keeps the first one\'s deadline as history',
      rows: [...PLAN, REQUESTED, DECIDED, ['reassessment-plan-issued', '2026-10-01'], ['decision-to-reassess', '2026-11-02']], asAt: '2026-11-02', stage: 'reassessment',
      next: ['reassessment-final-plan', '2027-02-08'],
      deadlines: [['2026-07-10/reassessment-final-plan', '2026-10-16', '2026-10-01', 'met-on-time'], ['reassessment-final-plan', '2027-02-08', null, 'upcoming'], ['next-review', '2027-10-01', null, 'upcoming']],
    },
    {
      name: 'once the plan ceases, an unfinished re-assessment no longer applies', rows: [...PLAN, REQUESTED, DECIDED, ['plan-ceased', '2026-08-01', { reason: '3' }]], asAt: '2026-08-02', stage: 'ceased',
      next: null, deadlines: [['appeal-deadline', '2026-10-01', null, 'upcoming'], ['reassessment-final-plan', '2026-10-16', null, 'no-longer-applies'], ['next-review', '2027-05-12', null, 'no-longer-applies']],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const s = fold(events(...c.rows), D(c.asAt));
      assert.deepEqual(s.rejected, []);
      assert.equal(s.stage, c.stage);
      assert.deepEqual(s.nextDue && [s.nextDue.key, s.nextDue.due], c.next);
      assert.deepEqual(later(s), c.deadlines);
    });
  }

  it('the limit names its legal basis', () => {
    const d = fold(events(...PLAN, DECIDED), D('2026-07-10')).deadlines.find((x) => x.key === 'reassessment-final-plan')!;
    assert.equal(d.basis, 'SEND Regulations 2014, reg 27(2)');
    assert.equal(d.label, 'Final plan after re-assessment');
  });
});

describe('checkNewEvent: re-assessment steps out of order are refused, saying which rule and which date', () => {
  const today = D('2026-11-23');
  const check = (rows: Row[], type: EventType, on: string, data: Record<string, unknown> = {}) => checkNewEvent(events(...rows), { type, effectiveDate: on, data }, today);
  const cases: [string, Row[], EventType, string, Record<string, unknown>, { field: string; message: string }[]][] = [
    ['a request with no plan in force', PLAN.slice(0, 2), 'reassessment-requested', '2026-03-01', { requester: 'parent' },
      [{ field: 'type', message: 'Re-assessment requested cannot be recorded yet: a re-assessment needs a plan in force' }]],
    ['a decision with no plan in force', PLAN.slice(0, 2), 'decision-to-reassess', '2026-03-01', {},
      [{ field: 'type', message: 'Decided to re-assess cannot be recorded yet: a re-assessment needs a plan in force' }]],
    ['a plan after re-assessment with no decision to re-assess', [...PLAN, REQUESTED], 'reassessment-plan-issued', '2026-08-01', {},
      [{ field: 'type', message: 'Plan issued after re-assessment cannot be recorded yet: the council has not decided to re-assess' }]],
    ['a refusal with no request', PLAN, 'decision-not-to-reassess', '2026-08-01', { reasons: 'x' },
      [{ field: 'type', message: 'Decided not to re-assess cannot be recorded yet: there is no request for a re-assessment waiting for a decision' }]],
    ['a decision dated before the request', [...PLAN, REQUESTED], 'decision-to-reassess', '2026-06-20', {},
      [{ field: 'effectiveDate', message: 'The date (Saturday 20 June 2026) cannot be before the re-assessment was requested (Wednesday 1 July 2026)' }]],
    ['a second request while one waits', [...PLAN, REQUESTED], 'reassessment-requested', '2026-07-05', { requester: 'parent' },
      [{ field: 'type', message: 'Re-assessment requested cannot be recorded yet: the re-assessment requested on Wednesday 1 July 2026 is still waiting for a decision' }]],
    ['a second decision while one is under way', [...PLAN, REQUESTED, DECIDED], 'decision-to-reassess', '2026-08-05', {},
      [{ field: 'type', message: 'Decided to re-assess cannot be recorded yet: the council already decided to re-assess on Friday 10 July 2026' }]],
    ['the new plan dated before the decision', [...PLAN, REQUESTED, DECIDED], 'reassessment-plan-issued', '2026-07-09', {},
      [{ field: 'effectiveDate', message: 'The date (Thursday 9 July 2026) cannot be before the decision to re-assess (Friday 10 July 2026)' }]],
    ['a back-dated request that would put the later decision out of order', [...PLAN, DECIDED], 'reassessment-requested', '2026-07-01', { requester: 'parent' }, []],
    ['a request after a refusal', [...PLAN, REQUESTED, ['decision-not-to-reassess', '2026-07-14', { reasons: 'x' }]], 'reassessment-requested', '2026-09-01', { requester: 'parent' }, []],
  ];
  for (const [name, rows, type, on, data, expected] of cases) it(name, () => assert.deepEqual(check(rows, type, on, data), expected));

  it('the case page offers re-assessment once a plan is in force, and the new plan only after the decision', () => {
    const plan = events(...PLAN);
    const offered = nextEventTypes(fold(plan, today), plan, today);
    assert.ok(offered.includes('reassessment-requested') && offered.includes('decision-to-reassess'));
    assert.ok(!offered.includes('reassessment-plan-issued') && !offered.includes('decision-not-to-reassess'));
    const decided = events(...PLAN, DECIDED);
    assert.ok(nextEventTypes(fold(decided, today), decided, today).includes('reassessment-plan-issued'));
  });
});
