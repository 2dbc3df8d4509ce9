import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  FRAMEWORK_2016,
  FRAMEWORK_2023,
  compareCriterionIds,
  findCriterion,
  frameworkCriteria,
  selfEvaluationGrid,
  type SelfEvaluationRating,
} from './frameworks.ts';

test('2016 framework: A1–A18, B1–B6, C1–C19 plus the paper’s second C11', () => {
  const ids = frameworkCriteria(FRAMEWORK_2016).map((c) => c.id);
  const expected = [
    ...Array.from({ length: 18 }, (_, i) => `A${i + 1}`),
    ...Array.from({ length: 6 }, (_, i) => `B${i + 1}`),
    ...Array.from({ length: 11 }, (_, i) => `C${i + 1}`),
    'C11b',
    ...Array.from({ length: 8 }, (_, i) => `C${i + 12}`),
  ];
  assert.deepEqual(ids, expected);
  assert.equal(new Set(ids).size, 44);
  assert.deepEqual(
    FRAMEWORK_2016.sections.map((s) => [s.id, s.criteria.length]),
    [
      ['A', 18],
      ['B', 6],
      ['C', 20],
    ],
  );
  assert.ok(frameworkCriteria(FRAMEWORK_2016).every((c) => c.text.length > 0 && c.wordingConfirmed));
});

const wording: ReadonlyArray<readonly [string, string]> = [
  [
    'A1',
    'When potential needs were raised with the local area by the young person, parents and carers or teachers or other staff working with the young person, and the efficiency and appropriateness of the response',
  ],
  ['A8', 'how school census data is used to identify possible inconsistencies in Identification of needs.'],
  [
    'A9',
    'establishing a baseline for setting targets for progress and improvement towards meeting education, health and social care support or therapy needs',
  ],
  [
    'B2',
    'effectiveness of coordination of assessment between agencies in joint commissioning – clear roles, responsibilities and accountability of partners in assessing and meeting needs',
  ],
  ['B3', 'the suitability of EHC plan, (including where relevant alignment with child in need and child protection plans)'],
  ['C3', 'the impact of teaching and other education, health and social care support or therapy'],
  ['C11', 'availability of services at universal, targeted and specialist levels as identified in the early help and local offer'],
  ['C11b', 'commissioning of education for students who have high levels of need.'],
  ['C14', 'short-break care'],
  [
    'C19',
    "the thoroughness of the local area's understanding of the views of children and young people who have special educational needs and/or disabilities, and their parents and carers.",
  ],
];
for (const [id, text] of wording) {
  test(`2016 ${id} wording is the Sunderland paper's`, () => assert.equal(findCriterion(FRAMEWORK_2016, id)?.text, text));
}

test('2016 source quirks are recorded', () => {
  assert.equal(findCriterion(FRAMEWORK_2016, 'C14')!.paperLabel, 'C 14');
  assert.equal(findCriterion(FRAMEWORK_2016, 'C11b')!.paperLabel, 'C11');
  assert.match(findCriterion(FRAMEWORK_2016, 'C3')!.narrativeWording!, /^The effectiveness of the teaching/);
  assert.match(findCriterion(FRAMEWORK_2016, 'A10')!.group!, /^Quality of identification/);
  assert.match(findCriterion(FRAMEWORK_2016, 'A13')!.group!, /^Reporting on the effectiveness of identification of need\n\nIn arriving/);
  assert.equal(findCriterion(FRAMEWORK_2016, 'A8')!.group, null);
  assert.match(findCriterion(FRAMEWORK_2016, 'C12')!.group!, /^Inspectors should review information/);
  assert.equal(findCriterion(FRAMEWORK_2016, 'C11')!.group, null);
  assert.equal(FRAMEWORK_2016.ragKey.amber, 'Work started but not embedded');
});

test('2023 framework: themes from domain.md §4.1, flagged as unconfirmed wording', () => {
  const criteria = frameworkCriteria(FRAMEWORK_2023);
  assert.deepEqual(
    criteria.map((c) => c.id),
    ['EO1', 'EO2', 'EO3', 'EO4', 'EO5', 'PW1'],
  );
  assert.ok(criteria.every((c) => !c.wordingConfirmed));
  assert.equal(findCriterion(FRAMEWORK_2023, 'EO3')!.text, 'The right help at the right time');
});

test('criterion ids sort naturally', () => {
  assert.deepEqual(['C12', 'A10', 'C11b', 'A2', 'B1', 'C11', 'A1'].sort(compareCriterionIds), ['A1', 'A2', 'A10', 'B1', 'C11', 'C11b', 'C12']);
});

// A Sunderland-like grid: Feb 18 and Mar 18.
const ratings: SelfEvaluationRating[] = [
  { criterionId: 'A9', month: '2018-02', rag: 'red', narrative: 'Joint working protocols not yet agreed' },
  { criterionId: 'A9', month: '2018-03', rag: 'red', narrative: 'Challenge remains around establishing joint working protocols' },
  { criterionId: 'A4', month: '2018-02', rag: 'red', narrative: null },
  { criterionId: 'A4', month: '2018-03', rag: 'amber', narrative: 'CIN assessment accepted as part of the process' },
  { criterionId: 'A10', month: '2018-02', rag: 'red' },
  { criterionId: 'A10', month: '2018-03', rag: 'amber', narrative: 'Commissioning process agreed' },
  { criterionId: 'B2', month: '2018-02', rag: 'red' },
  { criterionId: 'B2', month: '2018-03', rag: 'amber' },
  { criterionId: 'A14', month: '2018-02', rag: 'green' },
  { criterionId: 'A14', month: '2018-03', rag: 'green' },
  { criterionId: 'A6', month: '2018-02', rag: 'green' },
  { criterionId: 'A6', month: '2018-03', rag: 'amber', narrative: 'Timeliness dipped' },
  { criterionId: 'C3', month: '2018-03', rag: 'amber' }, // first rated in March: not a change
  { criterionId: 'A15', month: '2018-02', rag: 'amber' }, // not rated in March
  { criterionId: 'B1', month: '2018-03', rag: 'red', narrative: 'first' },
  { criterionId: 'B1', month: '2018-03', rag: 'red', narrative: 'second wins' }, // duplicate
  { criterionId: 'A1', month: '2018-01', rag: 'red' }, // outside the grid's months: ignored
];

test('self-evaluation grid: rows, reds in the latest month, changes since the previous month', () => {
  const g = selfEvaluationGrid(ratings, ['2018-03', '2018-02']);
  assert.deepEqual(g.months, ['2018-02', '2018-03']);
  assert.equal(g.latestMonth, '2018-03');
  assert.equal(g.previousMonth, '2018-02');
  assert.deepEqual(
    g.rows.map((r) => [r.criterionId, ...r.cells.map((c) => c.rag)]),
    [
      ['A4', 'red', 'amber'],
      ['A6', 'green', 'amber'],
      ['A9', 'red', 'red'],
      ['A10', 'red', 'amber'],
      ['A14', 'green', 'green'],
      ['A15', 'amber', null],
      ['B1', null, 'red'],
      ['B2', 'red', 'amber'],
      ['C3', null, 'amber'],
    ],
  );
  assert.deepEqual(g.reds, [
    { criterionId: 'A9', narrative: 'Challenge remains around establishing joint working protocols' },
    { criterionId: 'B1', narrative: 'second wins' },
  ]);
  assert.deepEqual(
    g.changes.map((c) => [c.criterionId, c.from, c.to, c.direction]),
    [
      ['A4', 'red', 'amber', 'improved'],
      ['A6', 'green', 'amber', 'worsened'],
      ['A10', 'red', 'amber', 'improved'],
      ['B2', 'red', 'amber', 'improved'],
    ],
  );
  assert.equal(g.changes[0]!.narrative, 'CIN assessment accepted as part of the process');
  assert.deepEqual(g.unratedInLatest, ['A15']);
  assert.deepEqual(g.duplicates, [{ criterionId: 'B1', month: '2018-03' }]);
});

test('grid rows can follow a framework, showing unrated criteria', () => {
  const g = selfEvaluationGrid(ratings, ['2018-02', '2018-03'], { criteria: frameworkCriteria(FRAMEWORK_2016).map((c) => c.id) });
  assert.equal(g.rows.length, 44);
  assert.equal(g.rows[0]!.criterionId, 'A1');
  assert.deepEqual(g.rows[0]!.cells, [
    { month: '2018-02', rag: null, narrative: null },
    { month: '2018-03', rag: null, narrative: null },
  ]);
  assert.equal(g.unratedInLatest.length, 44 - 8);
});

test('single month: reds but no changes; no months: empty grid', () => {
  const one = selfEvaluationGrid(ratings, ['2018-02']);
  assert.equal(one.previousMonth, null);
  assert.deepEqual(
    one.reds.map((r) => r.criterionId),
    ['A4', 'A9', 'A10', 'B2'],
  );
  assert.deepEqual(one.changes, []);
  const none = selfEvaluationGrid(ratings, []);
  assert.deepEqual([none.latestMonth, none.rows, none.reds, none.changes], [null, [], [], []]);
});

test('previous month is the previous column (quarterly grids)', () => {
  const g = selfEvaluationGrid(
    [
      { criterionId: 'A1', month: '2018-01', rag: 'amber' },
      { criterionId: 'A1', month: '2018-04', rag: 'green' },
    ],
    ['2018-01', '2018-04'],
  );
  assert.deepEqual(
    g.changes.map((c) => [c.from, c.to, c.direction]),
    [['amber', 'green', 'improved']],
  );
});

test('grid rejects bad months and RAG values', () => {
  assert.throws(() => selfEvaluationGrid([], ['2018-13']), RangeError);
  assert.throws(() => selfEvaluationGrid([], ['Feb 18']), RangeError);
  assert.throws(() => selfEvaluationGrid([{ criterionId: 'A1', month: '2018-2', rag: 'red' }], ['2018-02']), RangeError);
  assert.throws(
    () => selfEvaluationGrid([{ criterionId: 'A1', month: '2018-02', rag: 'blue' as never }], ['2018-02']),
    RangeError,
  );
});
