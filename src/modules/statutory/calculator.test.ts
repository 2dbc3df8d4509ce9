import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { calculate, findProcess, PROCESSES, type CalculationOutcome, type CalculatorParams } from './calculator.ts';
import { TRIBUNAL_ORDERS } from './timescales.ts';

function ok(outcome: CalculationOutcome): Extract<CalculationOutcome, { ok: true }>['result'] {
  if (!outcome.ok) assert.fail(`expected success, got ${JSON.stringify(outcome.errors)}`);
  return outcome.result;
}

function errors(outcome: CalculationOutcome): readonly { param: string; message: string }[] {
  if (outcome.ok) assert.fail(`expected errors, got ${JSON.stringify(outcome.result)}`);
  return outcome.errors;
}

/** Every supported process, with valid parameters and the exact dates expected. */
const HAPPY: [process: string, params: CalculatorParams, dates: Record<string, string>][] = [
  ['new-assessment', { requestReceived: '2024-01-10' }, { decisionToAssess: '2024-02-21', decisionNotToIssue: '2024-05-01', finalPlan: '2024-05-29' }],
  ['advice', { adviceRequested: '2025-07-14' }, { adviceDue: '2025-08-25' }],
  ['draft-plan', { draftServed: '2025-03-03' }, { representationsClose: '2025-03-17', earliestFinalPlan: '2025-03-18' }],
  ['amendment', { proposalsSent: '2025-01-31' }, { representationsClose: '2025-02-14', finalAmendedPlan: '2025-03-28' }],
  ['annual-review', { meeting: '2025-06-30' }, { decisionDue: '2025-07-28', finalAmendedPlan: '2025-09-22' }],
  ['next-review', { lastReviewOrIssue: '2025-03-10' }, { nextReviewDue: '2026-03-10' }],
  ['next-review', { lastReviewOrIssue: '2024-02-29' }, { nextReviewDue: '2025-02-28' }],
  ['next-review', { lastReviewOrIssue: '2023-03-01' }, { nextReviewDue: '2024-03-01' }],
  ['phase-transfer', { kind: 'school', year: '2026' }, { finalPlanDue: '2026-02-15' }],
  ['phase-transfer', { kind: 'post16', year: '2026' }, { finalPlanDue: '2026-03-31' }],
  ['phase-transfer', { kind: 'post16-move', transferDate: '2025-07-31' }, { finalPlanDue: '2025-02-28' }],
  ['phase-transfer', { kind: 'post16-move', transferDate: '2025-09-01' }, { finalPlanDue: '2025-04-01' }],
  ['reassessment', { notified: '2025-05-01' }, { finalPlan: '2025-08-07' }],
  ['tribunal-order', { order: 'assess', orderDate: '2025-03-10' }, { decisionToAssess: '2025-03-24', decisionNotToIssue: '2025-05-19', finalPlan: '2025-06-16' }],
  ['tribunal-order', { order: 'make-plan', orderDate: '2025-03-10' }, { draftPlan: '2025-04-14', finalPlan: '2025-05-26' }],
  ['tribunal-order', { order: 'amend-content', orderDate: '2025-03-10' }, { amendedPlan: '2025-04-14' }],
  ['appeal', { decisionLetter: '2025-06-15' }, { appealDeadline: '2025-09-01' }],
  ['appeal', { decisionLetter: '2025-06-15', mediationCertificate: '' }, { appealDeadline: '2025-09-01' }],
  ['appeal', { decisionLetter: '2025-10-01', mediationCertificate: '2025-11-29' }, { appealDeadline: '2026-01-02' }],
  ['appeal', { decisionLetter: '2025-03-03', mediationCertificate: '2025-04-20' }, { appealDeadline: '2025-05-20' }],
  ['la-transfer', { learnedOfMove: '2025-01-06', moveDate: '2025-03-01' }, { transferPlanBy: '2025-03-01' }],
  ['la-transfer', { learnedOfMove: '2025-12-15', moveDate: '2025-12-20' }, { transferPlanBy: '2026-01-08' }],
  ['la-transfer', { learnedOfMove: '2025-03-04', moveDate: '2025-03-24' }, { transferPlanBy: '2025-03-25' }],
];

describe('calculate: every process', () => {
  for (const [process, params, dates] of HAPPY) {
    it(`${process} ${JSON.stringify(params)}`, () => {
      const result = ok(calculate(process, params));
      assert.equal(result.process, process);
      assert.deepEqual(result.dates, dates);
      assert.deepEqual(Object.keys(result.explanations).sort(), Object.keys(dates).sort());
      assert.deepEqual(Object.keys(result.bases).sort(), Object.keys(dates).sort());
      for (const name of Object.keys(dates)) {
        assert.equal(typeof result.explanations[name], 'string');
        assert.ok((result.explanations[name] ?? '').length > 30);
        assert.match(result.bases[name] ?? '', /SEND Regulations 2014|Children and Families Act 2014|Tribunal Procedure/);
      }
      // The result crosses an HTTP boundary: it must survive JSON unchanged.
      assert.deepEqual(JSON.parse(JSON.stringify(result)), result);
    });
  }
  it('covers every process in PROCESSES', () => {
    assert.deepEqual([...new Set(HAPPY.map(([p]) => p))].sort(), PROCESSES.map((p) => p.id).sort());
  });
  it('trims surrounding white space from form input and ignores unknown parameters', () => {
    const result = ok(calculate('new-assessment', { requestReceived: ' 2024-01-10 ', extra: 'x' }));
    assert.equal(result.dates.finalPlan, '2024-05-29');
  });
});

describe('PROCESSES describes the contract', () => {
  const expected: Record<string, { params: string[]; dates: string[] }> = {
    'new-assessment': { params: ['requestReceived'], dates: ['decisionToAssess', 'decisionNotToIssue', 'finalPlan'] },
    advice: { params: ['adviceRequested'], dates: ['adviceDue'] },
    'draft-plan': { params: ['draftServed'], dates: ['representationsClose', 'earliestFinalPlan'] },
    amendment: { params: ['proposalsSent'], dates: ['representationsClose', 'finalAmendedPlan'] },
    'annual-review': { params: ['meeting'], dates: ['decisionDue', 'finalAmendedPlan'] },
    'next-review': { params: ['lastReviewOrIssue'], dates: ['nextReviewDue'] },
    'phase-transfer': { params: ['kind', 'year', 'transferDate'], dates: ['finalPlanDue'] },
    reassessment: { params: ['notified'], dates: ['finalPlan'] },
    'tribunal-order': { params: ['order', 'orderDate'], dates: ['decisionToAssess', 'decisionNotToIssue', 'draftPlan', 'finalPlan', 'amendedPlan'] },
    appeal: { params: ['decisionLetter', 'mediationCertificate'], dates: ['appealDeadline'] },
    'la-transfer': { params: ['learnedOfMove', 'moveDate'], dates: ['transferPlanBy'] },
  };
  it('has exactly the agreed processes, parameters and date names', () => {
    assert.deepEqual(
      Object.fromEntries(PROCESSES.map((p) => [p.id, { params: p.parameters.map((x) => x.name), dates: p.dates.map((x) => x.name) }])),
      expected,
    );
  });
  it('every parameter and date has a label; choices have options; conditions point at real choices', () => {
    for (const p of PROCESSES) {
      assert.ok(p.title.length > 0 && p.summary.length > 0, p.id);
      for (const param of p.parameters) {
        assert.ok(param.label.length > 0 && param.hint.length > 0, `${p.id}.${param.name}`);
        if (param.type === 'choice') assert.ok((param.options ?? []).length > 0, `${p.id}.${param.name}`);
        if (param.when !== undefined) {
          const on = p.parameters.find((x) => x.name === param.when?.param);
          assert.equal(on?.type, 'choice');
          for (const v of param.when.values) assert.ok(on.options?.some((o) => o.value === v), `${p.id}.${param.name}: ${v}`);
        }
      }
      for (const date of p.dates) assert.ok(date.label.length > 0, `${p.id}.${date.name}`);
    }
  });
  it('tribunal-order options are the orders the timescales know', () => {
    assert.deepEqual(findProcess('tribunal-order')?.parameters.find((x) => x.name === 'order')?.options?.map((o) => o.value), TRIBUNAL_ORDERS);
  });
  it('the dates a process returns are the dates it describes (respecting conditions)', () => {
    for (const [process, params] of HAPPY) {
      const description = findProcess(process);
      assert.ok(description);
      const described = description.dates
        .filter((x) => x.when === undefined || x.when.values.includes(params[x.when.param] ?? ''))
        .map((x) => x.name)
        .sort();
      assert.deepEqual(Object.keys(ok(calculate(process, params)).dates).sort(), described, process);
    }
  });
});

describe('calculate: errors', () => {
  it('unknown process → error on "process"', () => {
    const e = errors(calculate('statement', { requestReceived: '2025-01-01' }));
    assert.equal(e.length, 1);
    assert.equal(e[0]?.param, 'process');
    assert.match(e[0]?.message ?? '', /new-assessment/);
  });
  it('an inherited property name is not a process', () => {
    assert.equal(errors(calculate('toString', {}))[0]?.param, 'process');
  });

  const cases: [process: string, params: CalculatorParams, expected: [param: string, message: RegExp][]][] = [
    ['new-assessment', {}, [['requestReceived', /^Enter the date the council received the request$/]]],
    ['new-assessment', { requestReceived: '' }, [['requestReceived', /^Enter the date/]]],
    ['new-assessment', { requestReceived: '   ' }, [['requestReceived', /^Enter the date/]]],
    ['new-assessment', { requestReceived: '2025-02-30' }, [['requestReceived', /^Date the council received the request must be a real date$/]]],
    ['new-assessment', { requestReceived: '2025-13-01' }, [['requestReceived', /real date/]]],
    ['new-assessment', { requestReceived: '2025-2-3' }, [['requestReceived', /format YYYY-MM-DD/]]],
    ['new-assessment', { requestReceived: '1999-12-31' }, [['requestReceived', /between 2000 and 2199/]]],
    ['advice', { adviceRequested: '2025-02-29' }, [['adviceRequested', /real date/]]],
    ['draft-plan', {}, [['draftServed', /^Enter/]]],
    ['amendment', {}, [['proposalsSent', /^Enter/]]],
    ['annual-review', { meeting: 'next week' }, [['meeting', /format/]]],
    ['next-review', {}, [['lastReviewOrIssue', /^Enter/]]],
    ['reassessment', {}, [['notified', /^Enter/]]],
    ['phase-transfer', {}, [['kind', /^Select the type of move$/]]],
    ['phase-transfer', { kind: 'university', year: '2026' }, [['kind', /must be one of: school, post16, post16-move/]]],
    ['phase-transfer', { kind: 'school' }, [['year', /^Enter the year of the move$/]]],
    ['phase-transfer', { kind: 'post16', year: '26' }, [['year', /format YYYY/]]],
    ['phase-transfer', { kind: 'post16', year: '2300' }, [['year', /between 2000 and 2199/]]],
    ['phase-transfer', { kind: 'post16-move' }, [['transferDate', /^Enter the date of the move$/]]],
    ['phase-transfer', { kind: 'post16-move', transferDate: '2025-06-31' }, [['transferDate', /real date/]]],
    ['tribunal-order', { order: 'quash', orderDate: '2025-03-10' }, [['order', /must be one of: assess, make-plan, amend-content/]]],
    ['tribunal-order', {}, [['order', /^Select what the Tribunal ordered$/], ['orderDate', /^Enter the date of the order$/]]],
    ['tribunal-order', { order: 'assess', orderDate: '2025-02-30' }, [['orderDate', /real date/]]],
    ['appeal', {}, [['decisionLetter', /^Enter the date of the decision letter$/]]],
    ['appeal', { decisionLetter: '2025-06-15', mediationCertificate: '2025-06-14' }, [['mediationCertificate', /same as or after/]]],
    ['appeal', { decisionLetter: '2025-06-15', mediationCertificate: '2025-09-31' }, [['mediationCertificate', /real date/]]],
    ['appeal', { decisionLetter: 'x', mediationCertificate: 'y' }, [['decisionLetter', /format/], ['mediationCertificate', /format/]]],
    ['la-transfer', {}, [['learnedOfMove', /^Enter/], ['moveDate', /^Enter/]]],
    ['la-transfer', { learnedOfMove: '2025-01-06', moveDate: '2025-02-29' }, [['moveDate', /real date/]]],
  ];
  for (const [process, params, expected] of cases) {
    it(`${process} ${JSON.stringify(params)} → ${expected.map(([p]) => p).join(', ')}`, () => {
      const e = errors(calculate(process, params));
      assert.deepEqual(e.map((x) => x.param), expected.map(([p]) => p));
      expected.forEach(([, message], i) => assert.match(e[i]?.message ?? '', message));
    });
  }
  it('never throws, whatever it is given', () => {
    const junk = ['', ' ', '0', '-1', '9999-99-99', '0000-01-01', '2025-02-29', '2025-00-00', 'null', '<script>', '2025-01-01T00:00Z'];
    for (const p of PROCESSES) {
      for (const value of junk) {
        const params = Object.fromEntries(p.parameters.map((x) => [x.name, value]));
        const outcome = calculate(p.id, params);
        assert.equal(outcome.ok, false, `${p.id} ${value}`);
      }
    }
  });
});
