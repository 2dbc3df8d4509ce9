import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeProblem, readCaseFile, readDate } from './import.ts';
import { fold, type CaseEventRecord } from './fold.ts';

const TODAY = Temporal.PlainDate.from('2026-11-23');
const HEADER = 'given_name,family_name,date_of_birth,upn,request_received,requester,decision_to_assess_on,decided_to_assess,decision_to_issue_on,draft_issued_on,final_issued_on,last_review_meeting_on,last_review_decision_on,last_review_decision,caseworker_email,external_reference';
const GOOD = 'Ann,Able,2015-03-04,A123456789012,2026-01-05,parent,2026-02-10,yes,2026-04-01,2026-04-20,2026-05-15,,,,cw@example.org,OLD-1';

const problems = (...rows: string[]) => readCaseFile([HEADER, ...rows].join('\n'), TODAY).problems.map(describeProblem);

describe('readDate', () => {
  const cases: [string, string | null, RegExp?][] = [
    ['2026-01-05', '2026-01-05'], ['5/1/2026', '2026-01-05'], ['05/01/2026', '2026-01-05'], ['', ''],
    ['2026-02-30', null, /not a real date/], ['31/04/2026', null, /not a real date/], ['5 Jan 2026', null, /not a date: use YYYY-MM-DD or DD\/MM\/YYYY/], ['2026-1-5', null, /not a date/],
  ];
  for (const [text, iso, message] of cases) {
    it(`"${text}"`, () => {
      const r = readDate(text);
      if (iso !== null) assert.deepEqual(r, { ok: true, iso });
      else assert.ok(!r.ok && message!.test(r.message), JSON.stringify(r));
    });
  }
});

describe('readCaseFile: a good row becomes the events that reproduce its dates', () => {
  it('request, decisions, draft and final, with the reference kept on the request', () => {
    const { rows, problems: p } = readCaseFile(`${HEADER}\n${GOOD}\n`, TODAY);
    assert.deepEqual(p, []);
    assert.equal(rows.length, 1);
    const r = rows[0]!;
    assert.deepEqual(r.child, { givenName: 'Ann', familyName: 'Able', dateOfBirth: '2015-03-04', upn: 'A123456789012', uln: null, homeLaCode: null });
    assert.equal(r.caseworkerEmail, 'cw@example.org');
    assert.deepEqual(r.events.map((e) => [e.type, e.effectiveDate]), [
      ['request-received', '2026-01-05'], ['decision-to-assess', '2026-02-10'], ['decision-to-issue', '2026-04-01'], ['draft-plan-issued', '2026-04-20'], ['final-plan-issued', '2026-05-15'],
    ]);
    assert.deepEqual(r.events[0]!.data, { requester: 'parent', externalReference: 'OLD-1' });
    const s = fold(r.events.map((e, i): CaseEventRecord => ({ id: String(i), seq: i + 1, ...e })), TODAY);
    assert.equal(s.stage, 'plan');
    assert.deepEqual(s.deadlines.find((d) => d.key === 'final-plan')!.met, '2026-05-15');
    assert.deepEqual(s.nextDue && [s.nextDue.key, s.nextDue.due], ['next-review', '2027-05-15']);
  });

  it('with no decision to issue date, the draft date is taken; UK dates and a review are read', () => {
    const { rows, problems: p } = readCaseFile(`${HEADER}\nDan,Dee,1/1/2010,,05/01/2020,school,10/02/2020,,,20/04/2020,15/05/2020,01/03/2025,10/03/2025,maintain,,\n`, TODAY);
    assert.deepEqual(p, []);
    assert.deepEqual(rows[0]!.events.map((e) => [e.type, e.effectiveDate]), [
      ['request-received', '2020-01-05'], ['decision-to-assess', '2020-02-10'], ['decision-to-issue', '2020-04-20'], ['draft-plan-issued', '2020-04-20'],
      ['final-plan-issued', '2020-05-15'], ['review-meeting-held', '2025-03-01'], ['review-decision', '2025-03-10'],
    ]);
    assert.equal(rows[0]!.caseworkerEmail, null);
  });
});

describe('readCaseFile: every problem, as "row N, column X: why"', () => {
  const cases: { name: string; rows: string[]; expect: string[] }[] = [
    { name: 'an impossible date of birth', rows: ['Ann,Able,2015-02-30,,2026-01-05,parent,,,,,,,,,,'], expect: ['row 2, column date_of_birth: "2015-02-30" is not a real date'] },
    { name: 'a date that is not a date', rows: ['Ann,Able,2015-02-03,,next week,parent,,,,,,,,,,'], expect: ['row 2, column request_received: "next week" is not a date: use YYYY-MM-DD or DD/MM/YYYY'] },
    { name: 'a request in the future', rows: ['Ann,Able,2015-02-03,,2027-01-05,parent,,,,,,,,,,'], expect: ['row 2, column request_received: The date the request was received (Tuesday 5 January 2027) cannot be in the future: today is Monday 23 November 2026'] },
    { name: 'an unknown requester', rows: ['Ann,Able,2015-02-03,,2026-01-05,granny,,,,,,,,,,'], expect: ['row 2, column requester: Select who asked for the assessment'] },
    { name: 'a decision before the request', rows: ['Ann,Able,2015-02-03,,2026-01-05,parent,2025-12-01,yes,,,,,,,,'], expect: ['row 2, column decision_to_assess_on: The date (Monday 1 December 2025) cannot be before the day the request was received (Monday 5 January 2026)'] },
    { name: 'a final plan before its draft', rows: ['Ann,Able,2015-02-03,,2026-01-05,parent,2026-02-10,yes,2026-04-01,2026-05-20,2026-05-01,,,,,'], expect: ['row 2, column final_issued_on: The final plan (Friday 1 May 2026) cannot be issued before its draft (Wednesday 20 May 2026)'] },
    { name: 'a final plan inside the family\'s 15 days', rows: ['Ann,Able,2015-02-03,,2026-01-05,parent,2026-02-10,yes,2026-04-01,2026-04-20,2026-04-25,,,,,'], expect: ['row 2, column final_issued_on: The final plan cannot be issued before Tuesday 5 May 2026: the family has 15 days from the draft on Monday 20 April 2026 to comment (SEND Regulations 2014, reg 13(1)(a)) (the date given is Saturday 25 April 2026)'] },
    { name: 'a step out of order: a draft with no decision to assess', rows: ['Ann,Able,2015-02-03,,2026-01-05,parent,,,,2026-04-20,,,,,,'], expect: ['row 2, column draft_issued_on: Decided to issue a plan cannot be recorded yet: the council has not decided to assess (the date given is Monday 20 April 2026)'] },
    { name: 'a review with no plan', rows: ['Ann,Able,2015-02-03,,2026-01-05,parent,2026-02-10,yes,,,,2026-06-01,,,,'], expect: ['row 2, column last_review_meeting_on: Annual review meeting held cannot be recorded yet: there is no plan in force to review (the date given is Monday 1 June 2026)'] },
    { name: 'a decision not to assess', rows: ['Ann,Able,2015-02-03,,2026-01-05,parent,2026-02-10,no,,,,,,,,'], expect: ['row 2, column decided_to_assess: a decision not to assess closes the case: only open cases can be imported'] },
    { name: 'a review decision without its date, and a bad email', rows: ['Ann,Able,2015-02-03,,2026-01-05,parent,,,,,,,,keep,someone,'], expect: ['row 2, column caseworker_email: "someone" is not an email address', 'row 2, column last_review_decision: "keep" must be one of maintain, amend, cease', 'row 2, column last_review_decision_on: enter the day the review decision was sent'] },
    { name: 'a child\'s problem does not hide a date problem', rows: ['Ann,,2015-02-03,BAD,2026-01-05,parent,2026-02-10,yes,2026-04-01,2026-05-20,2026-05-01,,,,,'], expect: [
      'row 2, column family_name: Enter the child or young person\'s last name',
      'row 2, column upn: Unique pupil number must be 13 characters: a letter, 11 digits, then a digit or letter',
      'row 2, column final_issued_on: The final plan (Friday 1 May 2026) cannot be issued before its draft (Wednesday 20 May 2026)',
    ] },
    { name: 'the same child twice (by name and date of birth)', rows: [GOOD, 'ann,ABLE,04/03/2015,,2026-02-05,parent,,,,,,,,,,'], expect: ['row 3, column given_name: the same child as row 2: a child can have only one open case'] },
    { name: 'the same child twice (by UPN)', rows: [GOOD, 'Annie,Able,2015-03-05,a123456789012,2026-02-05,parent,,,,,,,,,,'], expect: ['row 3, column upn: the same child as row 2: a child can have only one open case'] },
    { name: 'problems on several rows are all reported, in row order', rows: ['Ann,Able,2015-02-30,,2026-01-05,parent,,,,,,,,,,', GOOD, 'Cal,Carr,2015-02-03,,2026-01-05,nobody,,,,,,,,,,'], expect: ['row 2, column date_of_birth: "2015-02-30" is not a real date', 'row 4, column requester: Select who asked for the assessment'] },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(problems(...c.rows), c.expect));

  it('a header that is missing a required column or has an unknown one', () => {
    const r = readCaseFile('given_name,family_name,date_of_birth,requester,colour\nAnn,Able,2015-01-01,parent,red\n', TODAY);
    assert.deepEqual(r.problems.map(describeProblem), [
      'row 1, column colour: unknown column: the columns are given_name, family_name, date_of_birth, upn, uln, home_la, request_received, requester, decision_to_assess_on, decided_to_assess, decision_to_issue_on, draft_issued_on, final_issued_on, last_review_meeting_on, last_review_decision_on, last_review_decision, caseworker_email, external_reference',
      'row 1, column request_received: this column is required',
    ]);
    assert.deepEqual(r.rows, []);
  });

  it('an empty file, and a header with no cases', () => {
    assert.deepEqual(readCaseFile('', TODAY).problems.map(describeProblem), ['file: the file is empty: the first row must be the header']);
    assert.deepEqual(readCaseFile(`${HEADER}\n`, TODAY).problems.map(describeProblem), ['file: the file has a header but no cases']);
  });
});
