import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { caseDeadlines, deadlineStatus, dueWithin, type CaseFacts, type DeadlineItem } from './case-deadlines.ts';

const d = (s: string): Temporal.PlainDate => Temporal.PlainDate.from(s);

/** key → [due, met] as strings, for compact assertions. */
function summary(items: readonly DeadlineItem[]): [string, string, string | null][] {
  return items.map((i) => [i.key, i.due.toString(), i.met?.toString() ?? null]);
}

describe('caseDeadlines', () => {
  it('no facts, no deadlines', () => assert.deepEqual(caseDeadlines({}), []));

  it('a new request: decision, not-to-issue and final plan, none met yet', () => {
    assert.deepEqual(summary(caseDeadlines({ requestReceived: d('2024-01-10') })), [
      ['decision-to-assess', '2024-02-21', null],
      ['decision-not-to-issue', '2024-05-01', null],
      ['final-plan', '2024-05-29', null],
    ]);
  });

  it('a refusal to assess ends the assessment deadlines', () => {
    const items = caseDeadlines({ requestReceived: d('2024-01-10'), decisionToAssessOn: d('2024-02-20'), decidedToAssess: false });
    assert.deepEqual(summary(items), [['decision-to-assess', '2024-02-21', '2024-02-20']]);
  });

  it('a decision not to issue replaces the final-plan deadline', () => {
    const items = caseDeadlines({ requestReceived: d('2024-01-10'), decisionToAssessOn: d('2024-02-21'), decisionNotToIssueOn: d('2024-05-02') });
    assert.deepEqual(summary(items), [
      ['decision-to-assess', '2024-02-21', '2024-02-21'],
      ['decision-not-to-issue', '2024-05-01', '2024-05-02'],
    ]);
  });

  it('a draft plan means the council is issuing: the not-to-issue deadline drops out', () => {
    const items = caseDeadlines({ requestReceived: d('2024-01-10'), draftServedOn: d('2024-04-10') });
    assert.deepEqual(items.map((i) => i.key), ['decision-to-assess', 'final-plan']);
  });

  it('an issued plan starts the review clock (within 12 months of issue)', () => {
    const items = caseDeadlines({ requestReceived: d('2024-01-10'), decisionToAssessOn: d('2024-02-01'), finalIssuedOn: d('2024-05-29') });
    assert.deepEqual(summary(items), [
      ['decision-to-assess', '2024-02-21', '2024-02-01'],
      ['final-plan', '2024-05-29', '2024-05-29'],
      ['next-review', '2025-05-29', null],
    ]);
  });

  it('advice requests each have their own 6 weeks', () => {
    const items = caseDeadlines({
      adviceRequests: [
        { contributor: 'Educational psychology service', requestedOn: d('2025-07-14'), returnedOn: d('2025-08-20') },
        { contributor: 'Speech and language therapy', requestedOn: d('2025-07-10') },
      ],
    });
    assert.deepEqual(summary(items), [
      ['advice:1', '2025-08-21', null],
      ['advice:0', '2025-08-25', '2025-08-20'],
    ]);
    assert.equal(items[0]?.label, 'Advice from Speech and language therapy');
    assert.equal(items[0]?.basis, 'SEND Regulations 2014, reg 8(1)');
  });

  it('recorded exceptions are attached only to the limits they can excuse, and never move the date', () => {
    const plain = caseDeadlines({ requestReceived: d('2025-06-02') });
    const excused = caseDeadlines({ requestReceived: d('2025-06-02'), exceptions: ['b', 'c'] });
    assert.deepEqual(summary(excused), summary(plain));
    assert.deepEqual(
      excused.map((i) => [i.key, i.exceptions]),
      [
        ['decision-to-assess', ['c']],
        ['decision-not-to-issue', ['b', 'c']],
        ['final-plan', ['b', 'c']],
      ],
    );
    const withAdvice = caseDeadlines({ exceptions: ['c'], adviceRequests: [{ contributor: 'School', requestedOn: d('2025-06-02') }] });
    assert.deepEqual(withAdvice[0]?.exceptions, []);
  });

  it('review cycle: meeting, decision to amend, amendment notice and amended plan', () => {
    const facts: CaseFacts = {
      lastReviewOrIssue: d('2024-07-01'),
      reviewMeetingOn: d('2025-06-30'),
      reviewDecisionOn: d('2025-07-25'),
      reviewDecision: 'amend',
      amendmentProposalsSentOn: d('2025-07-25'),
      amendedPlanIssuedOn: d('2025-09-30'),
    };
    assert.deepEqual(summary(caseDeadlines(facts)), [
      ['next-review', '2025-07-01', '2025-06-30'],
      ['review-decision', '2025-07-28', '2025-07-25'],
      ['amendment-final', '2025-09-19', '2025-09-30'],
      ['review-amended-plan', '2025-09-22', '2025-09-30'],
    ]);
  });

  it('a review meeting before the current period does not count as the next review', () => {
    const items = caseDeadlines({ lastReviewOrIssue: d('2025-03-10'), reviewMeetingOn: d('2025-03-01') });
    assert.deepEqual(summary(items).find(([k]) => k === 'next-review'), ['next-review', '2026-03-10', null]);
  });

  it('a decision to maintain has no amended-plan deadline', () => {
    const items = caseDeadlines({ reviewMeetingOn: d('2025-06-30'), reviewDecision: 'maintain' });
    assert.deepEqual(items.map((i) => i.key), ['review-decision']);
  });

  it('phase transfer and re-assessment', () => {
    const items = caseDeadlines({
      phaseTransfer: { kind: 'school', year: 2026 },
      phaseTransferCompletedOn: d('2026-02-10'),
      reassessmentNotifiedOn: d('2025-05-01'),
      exceptions: ['d'],
    });
    assert.deepEqual(summary(items), [
      ['reassessment-final-plan', '2025-08-07', null],
      ['phase-transfer', '2026-02-15', '2026-02-10'],
    ]);
    assert.deepEqual(items[0]?.exceptions, ['d']);
  });

  it('moving council: transfer, then the new council letter and review', () => {
    const items = caseDeadlines({
      lastReviewOrIssue: d('2024-11-20'),
      laTransfer: { learnedOfMove: d('2025-04-14'), moveDate: d('2025-04-01'), transferredOn: d('2025-05-07') },
    });
    assert.deepEqual(summary(items), [
      ['la-transfer', '2025-05-08', '2025-05-07'],
      ['new-council-letter', '2025-06-18', null],
      ['new-council-review', '2025-11-20', null],
      ['next-review', '2025-11-20', null],
    ]);
  });

  it('moving council before the transfer has happened: only the transfer deadline', () => {
    const items = caseDeadlines({ laTransfer: { learnedOfMove: d('2025-12-15'), moveDate: d('2025-12-20') } });
    assert.deepEqual(summary(items), [['la-transfer', '2026-01-08', null]]);
  });

  it('Tribunal order to assess: outcome logic as for a new request', () => {
    const pending = caseDeadlines({ tribunalOrder: { order: 'assess', orderDate: d('2025-03-10') } });
    assert.deepEqual(summary(pending), [
      ['tribunal-assess', '2025-03-24', null],
      ['tribunal-decision-not-to-issue', '2025-05-19', null],
      ['tribunal-final-plan', '2025-06-16', null],
    ]);
    const issued = caseDeadlines({ tribunalOrder: { order: 'assess', orderDate: d('2025-03-10'), assessConfirmedOn: d('2025-03-20'), finalIssuedOn: d('2025-06-01') } });
    assert.deepEqual(summary(issued), [
      ['tribunal-assess', '2025-03-24', '2025-03-20'],
      ['tribunal-final-plan', '2025-06-16', '2025-06-01'],
    ]);
  });

  it('Tribunal orders to make or amend a plan', () => {
    assert.deepEqual(summary(caseDeadlines({ tribunalOrder: { order: 'make-plan', orderDate: d('2025-03-10'), draftIssuedOn: d('2025-04-01') } })), [
      ['tribunal-draft-plan', '2025-04-14', '2025-04-01'],
      ['tribunal-final-plan', '2025-05-26', null],
    ]);
    assert.deepEqual(summary(caseDeadlines({ tribunalOrder: { order: 'amend-content', orderDate: d('2025-03-10') } })), [
      ['tribunal-amended-plan', '2025-04-14', null],
    ]);
  });

  it("the family's appeal deadline", () => {
    const items = caseDeadlines({ appeal: { decisionLetter: d('2025-06-15'), registeredOn: d('2025-08-28') } });
    assert.deepEqual(summary(items), [['appeal-deadline', '2025-09-01', '2025-08-28']]);
    assert.match(items[0]?.basis ?? '', /Tribunal Procedure/);
  });

  it('every item carries a label, basis and an explanation', () => {
    const items = caseDeadlines({
      requestReceived: d('2025-01-06'),
      finalIssuedOn: d('2025-05-20'),
      reviewMeetingOn: d('2026-05-01'),
      reviewDecision: 'amend',
      appeal: { decisionLetter: d('2025-05-20') },
    });
    assert.ok(items.length >= 5);
    for (const i of items) assert.ok(i.label.length > 0 && i.basis.length > 0 && i.explanation.length > 0, i.key);
  });
});

describe('deadlineStatus', () => {
  const item = (due: string, met: string | null): Pick<DeadlineItem, 'due' | 'met'> => ({ due: d(due), met: met === null ? null : d(met) });
  const cases: [string, string | null, string, string][] = [
    ['2025-05-29', '2025-05-29', '2025-06-10', 'met-on-time'], // done on the due day
    ['2025-05-29', '2025-05-01', '2025-06-10', 'met-on-time'],
    ['2025-05-29', '2025-05-30', '2025-06-10', 'met-late'],
    ['2025-05-29', null, '2025-05-30', 'overdue'],
    ['2025-05-29', null, '2025-05-29', 'due-today'],
    ['2025-05-29', null, '2025-05-28', 'upcoming'],
  ];
  for (const [due, met, today, expected] of cases) {
    it(`due ${due}, met ${String(met)}, today ${today} → ${expected}`, () => assert.equal(deadlineStatus(item(due, met), d(today)), expected));
  }
});

describe('dueWithin', () => {
  it('lists unmet deadlines due by the horizon, including overdue ones', () => {
    const items = caseDeadlines({ requestReceived: d('2024-01-10'), decisionToAssessOn: d('2024-02-01') });
    assert.deepEqual(dueWithin(items, d('2024-04-20'), 11).map((i) => i.key), ['decision-not-to-issue']);
    assert.deepEqual(dueWithin(items, d('2024-04-20'), 10).map((i) => i.key), []);
    assert.deepEqual(dueWithin(items, d('2024-06-01'), 0).map((i) => i.key), ['decision-not-to-issue', 'final-plan']);
  });
});
