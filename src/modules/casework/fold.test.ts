import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fold, checkNewEvent, nextEventTypes, type CaseEventRecord } from './fold.ts';
import type { EventType } from './events.ts';

const D = (s: string) => Temporal.PlainDate.from(s);
const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Builds events from [type, date, data?, extra?] rows; ids and seq numbers follow the row order. */
function events(...rows: [EventType, string, Record<string, unknown>?, Partial<CaseEventRecord>?][]): CaseEventRecord[] {
  return rows.map(([type, effectiveDate, data, extra], i) => ({ id: ID(i + 1), seq: i + 1, type, effectiveDate, data: data ?? {}, ...extra }));
}

const REQUEST: [EventType, string, Record<string, unknown>] = ['request-received', '2026-01-05', { requester: 'parent' }];
const TO_PLAN: [EventType, string, Record<string, unknown>?][] = [
  REQUEST,
  ['decision-to-assess', '2026-02-10'],
  ['advice-requested', '2026-02-10', { contributor: 'ep' }],
  ['advice-received', '2026-03-20', { adviceEventId: ID(3) }],
  ['decision-to-issue', '2026-04-01'],
  ['draft-plan-issued', '2026-04-20', { plan: { needs: [{ senType: 'SLCN', description: 'Speech', outcomes: [], provision: [] }], namedSetting: { name: 'Riverside Primary' } } }],
  ['final-plan-issued', '2026-05-12'],
];

/** [key, due, met, status] for every deadline. */
const table = (s: ReturnType<typeof fold>) => s.deadlines.map((d) => [d.key, d.due, d.met, d.status]);

describe('fold: each event sequence gives its stage and deadlines', () => {
  const cases: { name: string; events: CaseEventRecord[]; asAt: string; stage: string; next: [string, string] | null; overdue?: string[]; deadlines?: unknown[] }[] = [
    {
      name: 'a request just received',
      events: events(REQUEST), asAt: '2026-01-10', stage: 'request', next: ['decision-to-assess', '2026-02-16'], overdue: [],
      deadlines: [
        ['decision-to-assess', '2026-02-16', null, 'upcoming'],
        ['decision-not-to-issue', '2026-04-27', null, 'upcoming'],
        ['final-plan', '2026-05-25', null, 'upcoming'],
      ],
    },
    {
      name: 'no decision after 6 weeks is overdue the next day, not on the day',
      events: events(REQUEST), asAt: '2026-02-17', stage: 'request', next: ['decision-to-assess', '2026-02-16'], overdue: ['decision-to-assess'],
    },
    {
      name: 'due today is not overdue',
      events: events(REQUEST), asAt: '2026-02-16', stage: 'request', next: ['decision-to-assess', '2026-02-16'], overdue: [],
    },
    {
      name: 'decided to assess: the 20-week limit is next (the 16-week one is conditional)',
      events: events(REQUEST, ['decision-to-assess', '2026-02-10']), asAt: '2026-02-10', stage: 'assessment', next: ['final-plan', '2026-05-25'],
      deadlines: [
        ['decision-to-assess', '2026-02-16', '2026-02-10', 'met-on-time'],
        ['decision-not-to-issue', '2026-04-27', null, 'upcoming'],
        ['final-plan', '2026-05-25', null, 'upcoming'],
      ],
    },
    {
      name: 'advice requested: due 6 weeks after',
      events: events(...TO_PLAN.slice(0, 3)), asAt: '2026-02-11', stage: 'assessment', next: ['advice:0', '2026-03-24'],
    },
    {
      name: 'decided to issue: the 16-week limit no longer arises',
      events: events(...TO_PLAN.slice(0, 5)), asAt: '2026-04-02', stage: 'drafting', next: ['final-plan', '2026-05-25'],
      deadlines: [
        ['decision-to-assess', '2026-02-16', '2026-02-10', 'met-on-time'],
        ['advice:0', '2026-03-24', '2026-03-20', 'met-on-time'],
        ['final-plan', '2026-05-25', null, 'upcoming'],
      ],
    },
    {
      name: 'draft issued: the family\'s 15 days are shown but do not count as the council\'s',
      events: events(...TO_PLAN.slice(0, 6)), asAt: '2026-04-21', stage: 'draft', next: ['final-plan', '2026-05-25'],
      deadlines: [
        ['decision-to-assess', '2026-02-16', '2026-02-10', 'met-on-time'],
        ['advice:0', '2026-03-24', '2026-03-20', 'met-on-time'],
        ['representations', '2026-05-04', null, 'upcoming'],
        ['final-plan', '2026-05-25', null, 'upcoming'],
      ],
    },
    {
      name: 'final plan issued: the annual review is next, 12 months on',
      events: events(...TO_PLAN), asAt: '2026-05-12', stage: 'plan', next: ['next-review', '2027-05-12'],
      deadlines: [
        ['decision-to-assess', '2026-02-16', '2026-02-10', 'met-on-time'],
        ['advice:0', '2026-03-24', '2026-03-20', 'met-on-time'],
        ['final-plan', '2026-05-25', '2026-05-12', 'met-on-time'],
        ['next-review', '2027-05-12', null, 'upcoming'],
      ],
    },
    {
      name: 'a final plan after 20 weeks is met late',
      events: events(...TO_PLAN.slice(0, 6), ['final-plan-issued', '2026-06-01']), asAt: '2026-06-01', stage: 'plan', next: ['next-review', '2027-06-01'],
    },
    {
      name: 'decided not to assess: closed, and the family\'s appeal deadline runs',
      events: events(REQUEST, ['decision-not-to-assess', '2026-02-20', { reasons: 'Needs met at SEN support' }]), asAt: '2026-03-01', stage: 'not-assessing', next: null,
      deadlines: [
        ['decision-to-assess', '2026-02-16', '2026-02-20', 'met-late'],
        ['appeal-deadline', '2026-04-20', null, 'upcoming'],
      ],
    },
    {
      name: 'review, then a decision to keep the plan: a new review period starts from the meeting',
      events: events(...TO_PLAN, ['review-meeting-held', '2027-04-20'], ['review-decision', '2027-05-10', { decision: 'maintain' }]),
      asAt: '2027-05-10', stage: 'plan', next: ['next-review', '2028-04-20'],
    },
    {
      name: 'review meeting held: decision due within 4 weeks',
      events: events(...TO_PLAN, ['review-meeting-held', '2027-04-20']), asAt: '2027-05-19', stage: 'review', next: ['review-decision', '2027-05-18'], overdue: ['review-decision'],
    },
    {
      name: 'review decision to amend with proposals: 8 weeks from the proposals, 12 from the meeting',
      events: events(...TO_PLAN, ['review-meeting-held', '2027-04-20'], ['review-decision', '2027-05-10', { decision: 'amend' }], ['amendment-proposed', '2027-05-10']),
      asAt: '2027-05-10', stage: 'amendment', next: ['amendment-final', '2027-07-05'],
    },
    {
      name: 'plan ceased: the review no longer applies, the appeal deadline moves out of August',
      events: events(...TO_PLAN, ['plan-ceased', '2026-06-01', { reason: '2' }]), asAt: '2026-06-02', stage: 'ceased', next: null,
      deadlines: [
        ['decision-to-assess', '2026-02-16', '2026-02-10', 'met-on-time'],
        ['advice:0', '2026-03-24', '2026-03-20', 'met-on-time'],
        ['final-plan', '2026-05-25', '2026-05-12', 'met-on-time'],
        ['appeal-deadline', '2026-09-01', null, 'upcoming'],
        ['next-review', '2027-05-12', null, 'no-longer-applies'],
      ],
    },
    {
      name: 'transferred in: the new council writes within 6 weeks and reviews by the later date',
      events: events(['transfer-in', '2026-02-02', { fromLa: '202', lastReviewOn: '2025-06-15' }]), asAt: '2026-02-02', stage: 'plan', next: ['new-council-letter', '2026-03-16'],
      deadlines: [
        ['la-transfer', '2026-02-23', '2026-02-02', 'met-on-time'],
        ['new-council-letter', '2026-03-16', null, 'upcoming'],
        ['new-council-review', '2026-06-15', null, 'upcoming'],
        ['next-review', '2026-06-15', null, 'upcoming'],
      ],
    },
    {
      name: 'phase transfer: 15 February of the year of transfer',
      events: events(...TO_PLAN, ['phase-transfer', '2026-09-01', { kind: 'school', year: 2027 }]), asAt: '2026-09-01', stage: 'plan', next: ['phase-transfer', '2027-02-15'],
    },
    {
      name: 'appeal against a refusal to assess, then an order to assess: 2 weeks to confirm',
      events: events(REQUEST, ['decision-not-to-assess', '2026-02-10', { reasons: 'x' }], ['appeal-registered', '2026-03-02', { subject: 'refusal-to-assess', decisionDate: '2026-02-10' }],
        ['appeal-outcome', '2026-07-01', { outcome: 'order-assess' }]),
      asAt: '2026-07-01', stage: 'request', next: ['tribunal-assess', '2026-07-15'],
    },
    {
      name: 'an open appeal shows as the stage of a closed case',
      events: events(REQUEST, ['decision-not-to-assess', '2026-02-10', { reasons: 'x' }], ['appeal-registered', '2026-03-02', { subject: 'refusal-to-assess', decisionDate: '2026-02-10' }]),
      asAt: '2026-03-02', stage: 'appeal', next: null,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const s = fold(c.events, D(c.asAt));
      assert.equal(s.stage, c.stage);
      assert.deepEqual(s.nextDue ? [s.nextDue.key, s.nextDue.due] : null, c.next);
      if (c.overdue) assert.deepEqual(s.overdue.map((x) => x.key), c.overdue);
      if (c.deadlines) assert.deepEqual(table(s), c.deadlines);
    });
  }

  it('review history is kept with its own deadlines after the period rolls over', () => {
    const s = fold(events(...TO_PLAN, ['review-meeting-held', '2027-04-20'], ['review-decision', '2027-05-10', { decision: 'maintain' }]), D('2027-06-01'));
    assert.deepEqual(s.deadlines.filter((x) => x.key.startsWith('2026-05-12/')).map((x) => [x.key, x.due, x.met, x.status]), [
      ['2026-05-12/review-decision', '2027-05-18', '2027-05-10', 'met-on-time'],
      ['2026-05-12/next-review', '2027-05-12', '2027-04-20', 'met-on-time'],
    ].sort((a, b) => (a[1]! < b[1]! ? -1 : 1)));
  });
});

describe('fold: corrections and as-at replay', () => {
  it('voiding the decision to issue puts the case back to assessment, and the timeline shows both', () => {
    const evs = events(...TO_PLAN.slice(0, 5), ['correction', '2026-04-03', { action: 'void' }, { correctsEventId: ID(5), reason: 'Recorded on the wrong case' }]);
    const s = fold(evs, D('2026-04-03'));
    assert.equal(s.stage, 'assessment');
    assert.ok(s.deadlines.some((x) => x.key === 'decision-not-to-issue'));
    const voided = s.timeline.find((x) => x.id === ID(5))!;
    assert.equal(voided.voided, true);
    assert.equal(s.timeline.at(-1)!.reason, 'Recorded on the wrong case');
  });

  it('replacing the final plan\'s date moves the next review', () => {
    const evs = events(...TO_PLAN, ['correction', '2026-05-20', { action: 'replace', effectiveDate: '2026-05-14', data: {} }, { correctsEventId: ID(7), reason: 'Wrong date' }]);
    const s = fold(evs, D('2026-05-20'));
    assert.deepEqual([s.nextDue?.key, s.nextDue?.due], ['next-review', '2027-05-14']);
    assert.equal(s.deadlines.find((x) => x.key === 'final-plan')!.met, '2026-05-14');
  });

  it('as at a past date leaves out later events', () => {
    const evs = events(...TO_PLAN);
    assert.equal(fold(evs, D('2026-03-01')).stage, 'assessment');
    assert.equal(fold(evs, D('2026-03-01')).timeline.length, 3);
    assert.deepEqual(fold(evs, D('2026-03-25')).overdue.map((x) => x.key), [], 'advice came back on the 20th');
    assert.deepEqual(fold(events(...TO_PLAN.slice(0, 3)), D('2026-03-25')).overdue.map((x) => x.key), ['advice:0']);
    assert.equal(fold(evs, D('2026-05-11')).stage, 'draft');
    assert.equal(fold(evs, D('2026-05-12')).stage, 'plan');
  });
});

describe('consulting settings on being named (s.39(2), s.40)', () => {
  const DRAFTED = TO_PLAN.slice(0, 6);
  const consult = (on: string, data: Record<string, unknown> = {}): [EventType, string, Record<string, unknown>] => ['setting-consulted', on, { settingName: 'Hillside School', ...data }];
  const answer = (on: string, n: number, response = 'can-meet-needs'): [EventType, string, Record<string, unknown>] => ['consultation-response', on, { consultationEventId: ID(n), response }];

  it('a consultation and its answer are listed, with the answer in words, and stand on the timeline', () => {
    const s = fold(events(...DRAFTED, consult('2026-04-21', { urn: '123456', responseRequestedBy: '2026-05-06' }), answer('2026-04-30', 7)), D('2026-05-01'));
    assert.deepEqual(s.consultations, [{ eventId: ID(7), setting: 'Hillside School', urn: '123456', consultedOn: '2026-04-21', requestedBy: '2026-05-06', respondedOn: '2026-04-30', response: 'can-meet-needs', responseLabel: 'It can meet the needs and agrees to be named' }]);
    assert.deepEqual(s.timeline.at(-1)!.details, ['Answer from: Hillside School, consulted on Tuesday 21 April 2026', 'Answer: It can meet the needs and agrees to be named']);
    assert.equal(s.stage, 'draft', 'consulting does not move the stage');
  });

  it('as at a date before the answer, the consultation is still waiting', () => {
    const s = fold(events(...DRAFTED, consult('2026-04-21'), answer('2026-04-30', 7)), D('2026-04-25'));
    assert.equal(s.consultations[0]!.respondedOn, null);
  });

  const refused: [string, [EventType, string, Record<string, unknown>?][], string, RegExp][] = [
    ['before the decision to issue, with no plan to amend', [...TO_PLAN.slice(0, 4), consult('2026-03-25')], 'type', /cannot be recorded yet: the council has not decided to issue a plan, and there is no plan to amend/],
    ['an answer-by date before the consultation', [...DRAFTED, consult('2026-04-21', { responseRequestedBy: '2026-04-20' })], 'data.responseRequestedBy', /The date to answer by \(Monday 20 April 2026\) cannot be before the consultation \(Tuesday 21 April 2026\)/],
    ['an answer before the consultation', [...DRAFTED, consult('2026-04-21'), answer('2026-04-20', 7)], 'effectiveDate', /cannot be before Hillside School was consulted/],
    ['an answer to no consultation', [...DRAFTED, answer('2026-04-22', 3)], 'data.consultationEventId', /Select a consultation recorded on this case/],
    ['a second answer to the same consultation', [...DRAFTED, consult('2026-04-21'), answer('2026-04-22', 7), answer('2026-04-23', 7, 'other')], 'data.consultationEventId', /Hillside School already answered on Wednesday 22 April 2026/],
    ['a consultation after the plan ceased', [...TO_PLAN, ['plan-ceased', '2026-06-01', { reason: '9' }], consult('2026-06-02')], 'type', /the case is closed/],
  ];
  for (const [name, rows, field, message] of refused) {
    it(`refused: ${name}`, () => {
      const all = events(...rows);
      const last = all.at(-1)!;
      const errs = checkNewEvent(all.slice(0, -1), { type: last.type, effectiveDate: last.effectiveDate, data: last.data }, D('2026-07-01'));
      assert.equal(errs.length, 1, JSON.stringify(errs));
      assert.equal(errs[0]!.field, field);
      assert.match(errs[0]!.message, message);
    });
  }

  it('is offered once a plan is being drafted or is in force; an answer only while one is waiting', () => {
    const drafting = events(...TO_PLAN.slice(0, 5));
    assert.ok(nextEventTypes(fold(drafting, D('2026-04-02')), drafting, D('2026-04-02')).includes('setting-consulted'));
    assert.ok(!nextEventTypes(fold(drafting, D('2026-04-02')), drafting, D('2026-04-02')).includes('consultation-response'));
    const waiting = events(...TO_PLAN.slice(0, 5), consult('2026-04-02'));
    assert.ok(nextEventTypes(fold(waiting, D('2026-04-03')), waiting, D('2026-04-03')).includes('consultation-response'));
    const assessing = events(...TO_PLAN.slice(0, 3));
    assert.ok(!nextEventTypes(fold(assessing, D('2026-03-01')), assessing, D('2026-03-01')).includes('setting-consulted'));
    const inForce = events(...TO_PLAN);
    assert.ok(nextEventTypes(fold(inForce, D('2026-06-01')), inForce, D('2026-06-01')).includes('setting-consulted'), 'an amendment or phase transfer may name a new setting');
  });
});

describe('fold without the timeline', () => {
  const sequences: [string, CaseEventRecord[], string][] = [
    ['to a final plan', events(...TO_PLAN), '2026-06-01'],
    ['part way, with advice overdue', events(...TO_PLAN.slice(0, 3)), '2026-03-25'],
    ['with a voided decision', events(...TO_PLAN.slice(0, 5), ['correction', '2026-04-03', { action: 'void' }, { correctsEventId: ID(5), reason: 'Wrong case' }]), '2026-04-03'],
    ['with a replaced date', events(...TO_PLAN, ['correction', '2026-05-20', { action: 'replace', effectiveDate: '2026-05-14', data: {} }, { correctsEventId: ID(7), reason: 'Wrong date' }]), '2026-05-20'],
  ];
  for (const [name, evs, asAt] of sequences) {
    it(`${name}: everything but the timeline is the same`, () => {
      const full = fold(evs, D(asAt));
      const lean = fold(evs, D(asAt), { timeline: false });
      assert.ok(full.timeline.length > 0);
      assert.deepEqual(lean.timeline, []);
      assert.deepEqual({ ...lean, timeline: full.timeline }, full);
    });
  }
});

describe('checkNewEvent: the rules, naming the rule and the date', () => {
  const today = D('2026-11-23');
  const existing = events(...TO_PLAN.slice(0, 6));
  const check = (evs: CaseEventRecord[], type: EventType, date: string, data: Record<string, unknown> = {}, correctsEventId?: string) =>
    checkNewEvent(evs, { type, effectiveDate: date, data, correctsEventId: correctsEventId ?? null }, today);

  it('accepts a valid next step', () => {
    assert.deepEqual(check(existing, 'final-plan-issued', '2026-05-12'), []);
  });
  it('refuses a date before the request', () => {
    assert.deepEqual(check(events(REQUEST), 'decision-to-assess', '2026-01-04'), [{ field: 'effectiveDate', message: 'The date (Sunday 4 January 2026) cannot be before the day the request was received (Monday 5 January 2026)' }]);
  });
  it('refuses a final plan before its draft', () => {
    assert.deepEqual(check(existing, 'final-plan-issued', '2026-04-19'), [{ field: 'effectiveDate', message: 'The final plan (Sunday 19 April 2026) cannot be issued before its draft (Monday 20 April 2026)' }]);
  });
  it('refuses a final plan inside the family\'s 15 days', () => {
    const [e] = check(existing, 'final-plan-issued', '2026-05-04');
    assert.match(e!.message, /cannot be issued before Tuesday 5 May 2026: the family has 15 days .* reg 13\(1\)\(a\)/);
  });
  it('refuses a step out of order', () => {
    assert.deepEqual(check(events(REQUEST), 'final-plan-issued', '2026-03-01'), [{ field: 'type', message: 'Final plan issued cannot be recorded yet: a final plan needs a draft plan first (reg 13(1))' }]);
    assert.match(check(events(REQUEST), 'decision-to-issue', '2026-03-01')[0]!.message, /has not decided to assess/);
    assert.match(check(events(REQUEST), 'review-meeting-held', '2026-03-01')[0]!.message, /no plan in force/);
  });
  it('refuses a date in the future', () => {
    assert.deepEqual(check(existing, 'final-plan-issued', '2026-11-24'), [{ field: 'effectiveDate', message: 'The date (Tuesday 24 November 2026) cannot be in the future: today is Monday 23 November 2026' }]);
  });
  it('refuses a back-dated event that would put a later one out of order', () => {
    const [e] = check(events(...TO_PLAN.slice(0, 5)), 'decision-to-assess', '2026-01-20');
    assert.match(e!.message, /already recorded/);
    const withPlan = events(...TO_PLAN);
    const [r] = check(withPlan, 'plan-ceased', '2026-05-01', { reason: '2' });
    assert.match(r!.message, /no plan in force/);
  });
  it('refuses a correction that would leave a final plan without its draft', () => {
    const [e] = check(events(...TO_PLAN), 'correction', '2026-11-23', { action: 'void' }, ID(6));
    assert.equal(e!.field, 'correctsEventId');
    assert.match(e!.message, /Final plan issued.* out of order: .*draft plan first/);
  });
  it('refuses advice received before it was requested', () => {
    const [e] = check(events(...TO_PLAN.slice(0, 3)), 'advice-received', '2026-02-09', { adviceEventId: ID(3) });
    assert.match(e!.message, /cannot be before the day the advice was requested/);
  });
  it('offers only the steps the rules allow next', () => {
    const evs = events(REQUEST);
    const s = fold(evs, today);
    const next = nextEventTypes(s, evs, today);
    assert.ok(next.includes('decision-to-assess') && next.includes('decision-not-to-assess'));
    assert.ok(!next.includes('final-plan-issued') && !next.includes('review-meeting-held'));
  });
});
