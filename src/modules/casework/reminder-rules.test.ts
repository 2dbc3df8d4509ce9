import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { adviceReminderMail, adviceRequestMail, caseReference, caseworkerReminder, reminderStage, workingDaysUntil } from './reminder-rules.ts';

const D = (s: string) => Temporal.PlainDate.from(s);

describe('reminderStage: the latest stage reached, leads in working days', () => {
  const cases: [string, string, number[], string | null, number][] = [
    // today, due, leads, stage, working days left
    ['2026-11-23', '2026-12-08', [10, 2], null, 11],
    ['2026-11-23', '2026-12-07', [10, 2], 'lead-10', 10],
    ['2026-11-23', '2026-11-26', [10, 2], 'lead-10', 3],
    ['2026-11-23', '2026-11-25', [10, 2], 'lead-2', 2],
    ['2026-11-23', '2026-11-23', [10, 2], 'lead-2', 0],
    ['2026-11-24', '2026-11-23', [10, 2], 'overdue', 0],
    ['2026-11-21', '2026-11-24', [1], null, 2], // Saturday: Monday and Tuesday are left
    ['2026-12-21', '2027-01-05', [10, 2], 'lead-10', 8], // Christmas, Boxing Day (moved to the 28th) and New Year are not working days
    ['2026-12-24', '2026-12-29', [2, 10], 'lead-2', 1],
    ['2026-11-23', '2026-11-23', [], null, 0],
    ['2026-11-23', '2026-11-20', [], 'overdue', 0],
  ];
  for (const [today, due, leads, stage, left] of cases) {
    it(`${today} → ${due} with leads ${leads.join(',') || 'none'}: ${stage ?? 'nothing yet'}`, () => {
      assert.equal(reminderStage(D(due), D(today), leads), stage);
      if (stage !== 'overdue') assert.equal(workingDaysUntil(D(today), D(due)), left);
    });
  }
});

describe('the emails name no child: a case reference and a link', () => {
  const caseId = '0a1b2c3d-0000-4000-8000-000000000001';
  it('the reference is the first 8 characters of the id', () => assert.equal(caseReference(caseId), '0A1B2C3D'));

  it('a caseworker reminder before and after the date', () => {
    const before = caseworkerReminder({ caseId, label: 'Final EHC plan', basis: 'SEND Regulations 2014, reg 13(2)', due: D('2026-11-25'), stage: 'lead-2', today: D('2026-11-23'), publicUrl: 'https://ju.example' });
    assert.equal(before.subject, 'Case 0A1B2C3D: Final EHC plan due Wednesday 25 November 2026');
    assert.match(before.text, /is due on Wednesday 25 November 2026, in 2 working days\./);
    assert.match(before.text, /Legal basis: SEND Regulations 2014, reg 13\(2\)/);
    assert.match(before.text, /https:\/\/ju\.example\/casework\/cases\/0a1b2c3d-0000-4000-8000-000000000001/);
    const after = caseworkerReminder({ caseId, label: 'Final EHC plan', basis: 'x', due: D('2026-11-20'), stage: 'overdue', today: D('2026-11-23'), publicUrl: 'https://ju.example' });
    assert.equal(after.subject, 'Case 0A1B2C3D: Final EHC plan overdue');
    assert.match(after.text, /was due on Friday 20 November 2026 and is overdue/);
  });

  it('an advice request is due 6 weeks from receipt; an external contributor gets no link', () => {
    const m = adviceRequestMail({ caseId, requestedOn: D('2026-11-23'), caseworker: { name: 'Casey Worker', email: 'cw@la.example' }, publicUrl: null });
    assert.equal(m.due.toString(), '2027-01-04');
    assert.equal(m.subject, 'Advice requested for EHC needs assessment 0A1B2C3D: due Monday 4 January 2027');
    assert.match(m.text, /by Monday 4 January 2027: 6 weeks from Monday 23 November 2026, the day you received the request \(SEND Regulations 2014, reg 8\(1\)\)/);
    assert.match(m.text, /Casey Worker <cw@la\.example>/);
    assert.doesNotMatch(m.text, /casework\/cases/);
    const r = adviceReminderMail({ caseId, requestedOn: D('2026-11-23'), caseworker: null, publicUrl: 'https://ju.example', stage: 'overdue', today: D('2027-01-05') });
    assert.equal(r.subject, 'Reminder: advice for EHC needs assessment 0A1B2C3D is overdue');
    assert.match(r.text, /was due on Monday 4 January 2027 and is overdue/);
    assert.match(r.text, /https:\/\/ju\.example\/casework\/cases\//);
  });
});
