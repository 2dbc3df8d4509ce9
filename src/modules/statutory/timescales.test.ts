import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  adjustAppealDeadline,
  adviceTimescales,
  amendmentTimescales,
  annualReviewTimescales,
  appealDeadline,
  appealTimescales,
  draftPlanTimescales,
  laTransferTimescales,
  newAssessmentTimescales,
  newCouncilTimescales,
  nextReviewTimescales,
  phaseTransferTimescales,
  reassessmentTimescales,
  tribunalOrderTimescales,
  type Timescale,
} from './timescales.ts';
import { formatLongDate } from './dates.ts';

const d = (s: string): Temporal.PlainDate => Temporal.PlainDate.from(s);

function isoDates<K extends string>(t: Timescale<K>): Record<string, string> {
  return Object.fromEntries(Object.entries<Temporal.PlainDate>(t.dates).map(([k, v]) => [k, v.toString()]));
}

/** Every date has an explanation that names that date and a legal basis, and nothing else is returned. */
function assertWellFormed<K extends string>(t: Timescale<K>): void {
  const keys = Object.keys(t.dates).sort();
  assert.deepEqual(Object.keys(t.explanations).sort(), keys);
  assert.deepEqual(Object.keys(t.bases).sort(), keys);
  for (const key of keys as K[]) {
    assert.ok(t.explanations[key].includes(formatLongDate(t.dates[key])), `${key}: explanation names the date`);
    assert.ok(t.bases[key].length > 0, `${key}: has a basis`);
  }
}

describe('new EHC needs assessment: 6, 16 and 20 weeks from receipt', () => {
  const cases: [string, string, string, string][] = [
    // requestReceived, decisionToAssess, decisionNotToIssue, finalPlan
    ['2024-01-10', '2024-02-21', '2024-05-01', '2024-05-29'], // leap year
    ['2024-02-29', '2024-04-11', '2024-06-20', '2024-07-18'],
    ['2023-12-31', '2024-02-11', '2024-04-21', '2024-05-19'],
    ['2025-09-01', '2025-10-13', '2025-12-22', '2026-01-19'],
    ['2025-10-20', '2025-12-01', '2026-02-09', '2026-03-09'], // bank holidays do not move week limits
  ];
  for (const [received, decision, notIssue, finalPlan] of cases) {
    it(`request received ${received}`, () => {
      const t = newAssessmentTimescales(d(received));
      assert.deepEqual(isoDates(t), { decisionToAssess: decision, decisionNotToIssue: notIssue, finalPlan });
      assertWellFormed(t);
    });
  }
  it('cites regs 5(1), 10(1) and 13(2)', () => {
    const t = newAssessmentTimescales(d('2025-01-06'));
    assert.deepEqual(t.bases, {
      decisionToAssess: 'SEND Regulations 2014, reg 5(1)',
      decisionNotToIssue: 'SEND Regulations 2014, reg 10(1)',
      finalPlan: 'SEND Regulations 2014, reg 13(2)',
    });
    assert.match(t.explanations.finalPlan, /20 weeks/);
    assert.match(t.explanations.finalPlan, /summer holiday/); // the exceptions are explained
  });
});

describe('advice: 6 weeks from that body receiving the request', () => {
  const cases: [string, string][] = [
    ['2025-07-14', '2025-08-25'], // a bank holiday, but week limits are calendar days
    ['2024-01-18', '2024-02-29'],
    ['2025-12-01', '2026-01-12'],
  ];
  for (const [requested, due] of cases) {
    it(`${requested} → ${due}`, () => {
      const t = adviceTimescales(d(requested));
      assert.deepEqual(isoDates(t), { adviceDue: due });
      assert.equal(t.bases.adviceDue, 'SEND Regulations 2014, reg 8(1)');
      assertWellFormed(t);
    });
  }
});

describe('draft plan: 15 days beginning with the day served', () => {
  const cases: [string, string, string][] = [
    ['2025-03-03', '2025-03-17', '2025-03-18'],
    ['2024-02-20', '2024-03-05', '2024-03-06'], // leap year
    ['2025-02-20', '2025-03-06', '2025-03-07'],
    ['2025-12-22', '2026-01-05', '2026-01-06'], // calendar days: Christmas counts
  ];
  for (const [served, close, earliest] of cases) {
    it(`served ${served}: comments close ${close}, final plan no earlier than ${earliest}`, () => {
      const t = draftPlanTimescales(d(served));
      assert.deepEqual(isoDates(t), { representationsClose: close, earliestFinalPlan: earliest });
      assert.equal(t.bases.representationsClose, 'SEND Regulations 2014, reg 13(1)(a)');
      assertWellFormed(t);
    });
  }
});

describe('amendment: 15 days to comment, final within 8 weeks of the proposals', () => {
  const cases: [string, string, string][] = [
    ['2025-01-31', '2025-02-14', '2025-03-28'],
    ['2024-02-01', '2024-02-15', '2024-03-28'],
    ['2025-12-20', '2026-01-03', '2026-02-14'],
  ];
  for (const [sent, close, final] of cases) {
    it(`proposals sent ${sent}`, () => {
      const t = amendmentTimescales(d(sent));
      assert.deepEqual(isoDates(t), { representationsClose: close, finalAmendedPlan: final });
      assert.deepEqual(t.bases, {
        representationsClose: 'SEND Regulations 2014, reg 22(2)(c)',
        finalAmendedPlan: 'SEND Regulations 2014, reg 22(3)',
      });
      assertWellFormed(t);
    });
  }
});

describe('annual review: decision within 4 weeks, amended plan within 12 weeks of the meeting', () => {
  const cases: [string, string, string][] = [
    ['2025-06-30', '2025-07-28', '2025-09-22'],
    ['2024-02-01', '2024-02-29', '2024-04-25'],
    ['2025-11-20', '2025-12-18', '2026-02-12'],
  ];
  for (const [meeting, decision, final] of cases) {
    it(`meeting ${meeting}`, () => {
      const t = annualReviewTimescales(d(meeting));
      assert.deepEqual(isoDates(t), { decisionDue: decision, finalAmendedPlan: final });
      assert.equal(t.bases.decisionDue, 'SEND Regulations 2014, reg 20(10)');
      assert.match(t.bases.finalAmendedPlan, /Devon/);
      assertWellFormed(t);
    });
  }
});

describe('next review: within 12 months of issue or the last review (D + 12 calendar months)', () => {
  const cases: [string, string][] = [
    ['2025-03-10', '2026-03-10'],
    ['2024-02-29', '2025-02-28'], // leap day: no 29 February 2025, clamps to the month end
    ['2023-03-01', '2024-03-01'], // not the leap day before it
    ['2024-03-01', '2025-03-01'],
    ['2025-01-01', '2026-01-01'],
    ['2024-12-31', '2025-12-31'],
    ['2027-02-28', '2028-02-28'], // into a leap year: the same date, not the month end
  ];
  for (const [last, due] of cases) {
    it(`${last} → ${due}`, () => {
      const t = nextReviewTimescales(d(last));
      assert.deepEqual(isoDates(t), { nextReviewDue: due });
      assert.equal(t.bases.nextReviewDue, 'Children and Families Act 2014, s.44(1)');
      assert.match(t.explanations.nextReviewDue, /within 12 months of the day it was issued or last reviewed/);
      assertWellFormed(t);
    });
  }
  it('says when the date was clamped to the month end, and only then', () => {
    assert.match(nextReviewTimescales(d('2024-02-29')).explanations.nextReviewDue, /by Friday 28 February 2025\. There is no 29 February 2025/);
    assert.doesNotMatch(nextReviewTimescales(d('2025-03-10')).explanations.nextReviewDue, /There is no/);
  });
});

describe('phase transfer (reg 18)', () => {
  it('school transfers: 15 February in the year of transfer', () => {
    const t = phaseTransferTimescales({ kind: 'school', year: 2026 });
    assert.deepEqual(isoDates(t), { finalPlanDue: '2026-02-15' });
    assert.equal(t.bases.finalPlanDue, 'SEND Regulations 2014, reg 18(1)(b)');
    assert.match(t.explanations.finalPlanDue, /by Sunday 15 February 2026\./);
    assert.match(t.explanations.finalPlanDue, /"before 15 February"/);
    assertWellFormed(t);
  });
  it('secondary to post-16: 31 March in the year of transfer', () => {
    const t = phaseTransferTimescales({ kind: 'post16', year: 2026 });
    assert.deepEqual(isoDates(t), { finalPlanDue: '2026-03-31' });
    assert.equal(t.bases.finalPlanDue, 'SEND Regulations 2014, reg 18(1)(a)');
    assert.match(t.explanations.finalPlanDue, /by Tuesday 31 March 2026\./);
    assertWellFormed(t);
    assert.equal(phaseTransferTimescales({ kind: 'post16', year: 2024 }).dates.finalPlanDue.toString(), '2024-03-31');
    assert.equal(phaseTransferTimescales({ kind: 'school', year: 2028 }).dates.finalPlanDue.toString(), '2028-02-15');
  });
  const moves: [string, string][] = [
    ['2026-01-05', '2025-08-05'],
    ['2025-07-31', '2025-02-28'], // no 31 February: clamps to the month end
    ['2024-07-31', '2024-02-29'], // leap year
    ['2025-09-01', '2025-04-01'],
    ['2026-09-01', '2026-04-01'],
  ];
  for (const [move, due] of moves) {
    it(`post-16 to post-16 move on ${move}: at least 5 months before, so by ${due}`, () => {
      const t = phaseTransferTimescales({ kind: 'post16-move', transferDate: d(move) });
      assert.deepEqual(isoDates(t), { finalPlanDue: due });
      assert.equal(t.bases.finalPlanDue, 'SEND Regulations 2014, reg 18(2)');
      assertWellFormed(t);
    });
  }
});

describe('re-assessment: 14 weeks from the notification', () => {
  const cases: [string, string][] = [
    ['2025-05-01', '2025-08-07'],
    ['2024-01-25', '2024-05-02'],
  ];
  for (const [notified, due] of cases) {
    it(`${notified} → ${due}`, () => {
      const t = reassessmentTimescales(d(notified));
      assert.deepEqual(isoDates(t), { finalPlan: due });
      assert.equal(t.bases.finalPlan, 'SEND Regulations 2014, reg 27(2)');
      assertWellFormed(t);
    });
  }
});

describe('Tribunal orders', () => {
  it('order to assess: 2, 10 and 14 weeks', () => {
    const t = tribunalOrderTimescales('assess', d('2025-03-10'));
    assert.deepEqual(isoDates(t), { decisionToAssess: '2025-03-24', decisionNotToIssue: '2025-05-19', finalPlan: '2025-06-16' });
    assert.deepEqual(t.bases, {
      decisionToAssess: 'SEND Regulations 2014, reg 44(2)(b)',
      decisionNotToIssue: 'SEND Regulations 2014, reg 44(2)(b)(i)',
      finalPlan: 'SEND Regulations 2014, reg 44(2)(b)(ii)',
    });
    assertWellFormed(t);
  });
  it('order to make a plan: draft 5 weeks, final 11 weeks', () => {
    const t = tribunalOrderTimescales('make-plan', d('2025-03-10'));
    assert.deepEqual(isoDates(t), { draftPlan: '2025-04-14', finalPlan: '2025-05-26' });
    assert.equal(t.bases.draftPlan, 'SEND Regulations 2014, reg 44(2)(c)(i)');
    assertWellFormed(t);
  });
  it('amend content (unopposed): 5 weeks', () => {
    const t = tribunalOrderTimescales('amend-content', d('2025-03-10'));
    assert.deepEqual(isoDates(t), { amendedPlan: '2025-04-14' });
    assert.match(t.bases.amendedPlan, /reg 45\(4\)/);
    assertWellFormed(t);
  });
  it('leap year', () => {
    assert.deepEqual(isoDates(tribunalOrderTimescales('make-plan', d('2024-01-25'))), { draftPlan: '2024-02-29', finalPlan: '2024-04-11' });
  });
});

describe('appeal deadline', () => {
  const cases: [string, string | undefined, string, string, string][] = [
    // decisionLetter, mediationCertificate, unadjusted, deadline, adjustment
    ['2025-06-15', undefined, '2025-08-15', '2025-09-01', 'august'],
    ['2025-06-01', undefined, '2025-08-01', '2025-09-01', 'august'],
    ['2025-06-30', undefined, '2025-08-30', '2025-09-01', 'august'],
    ['2026-06-30', undefined, '2026-08-30', '2026-09-01', 'august'], // 31 Aug 2026 is a bank holiday, but the rule says after 31 August
    ['2019-06-10', undefined, '2019-08-10', '2019-09-02', 'august'], // 1 September 2019 was a Sunday
    ['2027-06-30', undefined, '2027-08-30', '2027-09-01', 'august'],
    ['2024-10-25', undefined, '2024-12-25', '2025-01-02', 'christmas'],
    ['2025-10-31', undefined, '2025-12-31', '2026-01-02', 'christmas'],
    ['2022-11-01', undefined, '2023-01-01', '2023-01-03', 'christmas'], // 2 January 2023 was a bank holiday
    ['2021-10-27', undefined, '2021-12-27', '2022-01-04', 'christmas'], // 3 January 2022 was a bank holiday
    ['2025-10-24', undefined, '2025-12-24', '2025-12-24', 'none'], // 24 December is outside the window
    ['2025-11-02', undefined, '2026-01-02', '2026-01-02', 'none'], // 2 January is outside the window
    ['2025-03-10', undefined, '2025-05-10', '2025-05-12', 'non-working-day'], // Saturday
    ['2025-03-05', undefined, '2025-05-05', '2025-05-06', 'non-working-day'], // early May bank holiday
    ['2026-02-03', undefined, '2026-04-03', '2026-04-07', 'non-working-day'], // Good Friday, then Easter Monday
    ['2025-12-31', undefined, '2026-02-28', '2026-03-02', 'non-working-day'], // month-end clamp, then a Saturday
    ['2023-12-31', undefined, '2024-02-29', '2024-02-29', 'none'], // leap year
    ['2025-10-01', '2025-11-29', '2025-12-29', '2026-01-02', 'christmas'], // certificate later, into Christmas
    ['2025-03-03', '2025-04-20', '2025-05-20', '2025-05-20', 'none'], // certificate later
    ['2025-03-03', '2025-03-10', '2025-05-03', '2025-05-06', 'non-working-day'], // certificate earlier: 2 months wins
    ['2025-05-20', '2025-07-10', '2025-08-10', '2025-09-01', 'august'], // certificate pushes into August
    ['2025-01-02', '2025-01-31', '2025-03-02', '2025-03-03', 'non-working-day'], // certificate +1 month clamps to 28 Feb; 2 months later
  ];
  for (const [letter, certificate, unadjusted, deadline, adjustment] of cases) {
    it(`letter ${letter}${certificate === undefined ? '' : `, certificate ${certificate}`} → ${deadline} (${adjustment})`, () => {
      const a = appealDeadline(d(letter), certificate === undefined ? undefined : d(certificate));
      assert.equal(a.unadjusted.toString(), unadjusted);
      assert.equal(a.deadline.toString(), deadline);
      assert.equal(a.adjustment, adjustment);
      const t = appealTimescales(d(letter), certificate === undefined ? undefined : d(certificate));
      assert.deepEqual(isoDates(t), { appealDeadline: deadline });
      assertWellFormed(t);
    });
  }
  it('explains the August rule', () => {
    const t = appealTimescales(d('2025-06-15'));
    assert.match(t.explanations.appealDeadline, /August/);
    assert.match(t.explanations.appealDeadline, /Monday 1 September 2025/);
    assert.match(t.bases.appealDeadline, /rules 20 and 12/);
  });
  it('every day from 25 December to 1 January moves to the same first working day of January', () => {
    for (const iso of ['2025-12-25', '2025-12-26', '2025-12-27', '2025-12-28', '2025-12-29', '2025-12-30', '2025-12-31', '2026-01-01']) {
      assert.equal(adjustAppealDeadline(d(iso)).date.toString(), '2026-01-02', iso);
    }
  });
  it('every day in August 2025 moves to Monday 1 September 2025', () => {
    for (let day = d('2025-08-01'); day.month === 8; day = day.add({ days: 1 })) {
      const r = adjustAppealDeadline(day);
      assert.equal(r.date.toString(), '2025-09-01', day.toString());
      assert.equal(r.adjustment, 'august');
    }
  });
  it('a working day outside the windows is unchanged', () => {
    assert.deepEqual(adjustAppealDeadline(d('2025-09-02')).date.toString(), '2025-09-02');
    assert.equal(adjustAppealDeadline(d('2025-07-31')).adjustment, 'none');
  });
});

describe('moving to another council (reg 15)', () => {
  const cases: [string, string, string, boolean][] = [
    // learnedOfMove, moveDate, transferPlanBy, enough notice
    ['2025-01-06', '2025-03-01', '2025-03-01', true],
    ['2025-03-03', '2025-03-24', '2025-03-24', true], // exactly 15 working days' notice: the 15th working day after is the move day
    ['2025-03-04', '2025-03-24', '2025-03-25', false], // one day short: the 15th working day after is the day after the move
    ['2025-03-05', '2025-03-24', '2025-03-26', false],
    ['2025-03-03', '2025-03-21', '2025-03-24', false], // the learning day itself is not counted
    ['2025-12-15', '2025-12-20', '2026-01-08', false], // across Christmas and New Year
    ['2025-04-14', '2025-04-01', '2025-05-08', false], // learned after the move; across Easter and early May
    ['2025-03-01', '2025-03-10', '2025-03-21', false], // learned on a Saturday
    ['2025-02-28', '2025-03-21', '2025-03-21', true], // learned on the Friday before: exactly 15 working days
  ];
  for (const [learned, move, by, enough] of cases) {
    it(`learned ${learned}, move ${move} → ${by}`, () => {
      const t = laTransferTimescales(d(learned), d(move));
      assert.deepEqual(isoDates(t), { transferPlanBy: by });
      assert.equal(t.bases.transferPlanBy, 'SEND Regulations 2014, reg 15(2)');
      assert.match(t.explanations.transferPlanBy, enough ? /at least 15 working days/ : /less than 15 working days/);
      assertWellFormed(t);
    });
  }
  it('new council: letter within 6 weeks, review by the later of 12 months and 3 months', () => {
    const a = newCouncilTimescales(d('2025-05-07'), d('2024-11-20'));
    assert.deepEqual(isoDates(a), { newCouncilLetter: '2025-06-18', newCouncilReview: '2025-11-20' });
    const b = newCouncilTimescales(d('2025-05-07'), d('2024-06-01'));
    assert.deepEqual(isoDates(b), { newCouncilLetter: '2025-06-18', newCouncilReview: '2025-08-07' });
    assertWellFormed(a);
  });
});

describe('remembered answers', () => {
  it('the same date asked twice (as two different objects) gives the same answer, which no caller can change', () => {
    const first = annualReviewTimescales(Temporal.PlainDate.from('2025-03-10'));
    const second = annualReviewTimescales(Temporal.PlainDate.from('2025-03-10'));
    assert.equal(second, first);
    assert.throws(() => { (first.dates as Record<string, Temporal.PlainDate>)['decisionDue'] = Temporal.PlainDate.from('2000-01-01'); }, TypeError);
    assert.throws(() => { (first.explanations as Record<string, string>)['decisionDue'] = 'changed'; }, TypeError);
    assert.equal(annualReviewTimescales(Temporal.PlainDate.from('2025-03-10')).dates.decisionDue.toString(), '2025-04-07');
  });

  it('different dates get their own answers', () => {
    assert.equal(newAssessmentTimescales(Temporal.PlainDate.from('2025-01-06')).dates.finalPlan.toString(), '2025-05-26');
    assert.equal(newAssessmentTimescales(Temporal.PlainDate.from('2025-01-07')).dates.finalPlan.toString(), '2025-05-27');
  });
});
