import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countStatuses, percent, rollupPlan, statusesAsAt, type RollupAction, type StatusHistoryEntry } from './rollup.ts';
import type { ActionStatus } from './status.ts';

const roundingCases: ReadonlyArray<readonly [number, number, number | null]> = [
  [1, 8, 13], // 12.5 → 13
  [3, 8, 38], // 37.5 → 38
  [5, 8, 63], // 62.5 → 63
  [7, 8, 88], // 87.5 → 88
  [1, 40, 3], // 2.5 → 3
  [1, 200, 1], // 0.5 → 1
  [1, 201, 0], // 0.497… → 0
  [3, 7, 43],
  [2, 7, 29],
  [1, 7, 14],
  [5, 7, 71],
  [1, 3, 33],
  [2, 3, 67],
  [1, 6, 17], // 16.67
  [0, 5, 0],
  [5, 5, 100],
  [0, 0, null],
  [4, 9, 44],
  [5, 9, 56], // Halton reported 55 (44 + 11); computed from its own count it is 56
  [29, 1000, 3], // 2.9
  [149, 1000, 15], // 14.9
  [145, 1000, 15], // 14.5 exactly
];
for (const [part, whole, expected] of roundingCases) {
  test(`percent(${part}, ${whole}) = ${expected}`, () => assert.equal(percent(part, whole), expected));
}

test('percent rejects non-integers and negatives', () => {
  assert.throws(() => percent(0.5, 2), RangeError);
  assert.throws(() => percent(-1, 2), RangeError);
});

function plan(spec: Record<string, ActionStatus[]>, date = '2024-06-01') {
  const actions: RollupAction[] = [];
  const history: StatusHistoryEntry[] = [];
  for (const [priorityRef, statuses] of Object.entries(spec)) {
    statuses.forEach((status, i) => {
      const id = `${priorityRef}.${i + 1}`;
      actions.push({ id, priorityRef });
      if (status !== 'not-started') history.push({ actionId: id, effectiveDate: date, status });
    });
  }
  return { actions, history };
}

test('council-paper-like priority: 7 actions 3/2/1/1 → 43, 29, 14, 14, 71', () => {
  const { actions, history } = plan({
    '1': ['complete', 'complete', 'complete', 'on-target', 'on-target', 'delayed', 'not-started'],
  });
  const r = rollupPlan(actions, history, '2024-07-01');
  assert.deepEqual(r.priorities[0], {
    priorityRef: '1',
    actions: 7,
    complete: 3,
    onTarget: 2,
    delayed: 1,
    notStarted: 1,
    percentComplete: 43,
    percentOnTarget: 29,
    percentDelayed: 14,
    percentNotStarted: 14,
    percentCompleteOrOnTarget: 71,
  });
  // 43 + 29 + 14 + 14 = 100 here, but rows need not sum to 100 (see next test)
});

test('percentages are computed from their own counts, so a row may not sum to 100', () => {
  const { actions, history } = plan({ '2': ['complete', 'on-target', 'delayed'] });
  const p = rollupPlan(actions, history, '2024-07-01').priorities[0]!;
  assert.deepEqual([p.percentComplete, p.percentOnTarget, p.percentDelayed, p.percentNotStarted], [33, 33, 33, 0]);
  assert.equal(p.percentCompleteOrOnTarget, 67); // not 33 + 33
});

test('Halton-like plan: per priority and overall', () => {
  const { actions, history } = plan({
    '1': [...Array<ActionStatus>(4).fill('complete'), 'on-target', ...Array<ActionStatus>(4).fill('delayed')],
    '2': [...Array<ActionStatus>(3).fill('on-target'), ...Array<ActionStatus>(2).fill('delayed')],
    '4': [...Array<ActionStatus>(7).fill('on-target'), ...Array<ActionStatus>(3).fill('delayed'), 'not-started', 'not-started'],
  });
  const r = rollupPlan(actions, history, '2024-07-15');
  const p = Object.fromEntries(r.priorities.map((x) => [x.priorityRef, x]));
  assert.deepEqual([p['1']!.percentComplete, p['1']!.percentDelayed, p['1']!.percentCompleteOrOnTarget], [44, 44, 56]);
  assert.deepEqual([p['2']!.percentOnTarget, p['2']!.percentDelayed, p['2']!.percentComplete], [60, 40, 0]);
  assert.deepEqual([p['4']!.percentOnTarget, p['4']!.percentDelayed, p['4']!.percentNotStarted], [58, 25, 17]);
  assert.equal(r.overall.actions, 26);
  assert.deepEqual(
    [r.overall.complete, r.overall.onTarget, r.overall.delayed, r.overall.notStarted],
    [4, 11, 9, 2],
  );
  assert.deepEqual(
    [r.overall.percentComplete, r.overall.percentOnTarget, r.overall.percentDelayed, r.overall.percentNotStarted],
    [15, 42, 35, 8],
  );
});

const history: StatusHistoryEntry[] = [
  { actionId: 'a', effectiveDate: '2024-01-10', status: 'on-target' },
  { actionId: 'a', effectiveDate: '2024-03-01', status: 'delayed' },
  { actionId: 'a', effectiveDate: '2024-05-01', status: 'complete' },
  { actionId: 'b', effectiveDate: '2024-02-01', status: 'on-target' },
  { actionId: 'b', effectiveDate: '2024-02-01', status: 'delayed' }, // same day: later entry wins
  { actionId: 'ghost', effectiveDate: '2024-01-01', status: 'complete' }, // unknown action: ignored
];
const actions: RollupAction[] = [
  { id: 'a', priorityRef: 'P1', createdOn: '2024-01-01' },
  { id: 'b', priorityRef: 'P1' },
  { id: 'c', priorityRef: 'P2', createdOn: Temporal.PlainDate.from('2024-04-01') },
];

const asAtCases: ReadonlyArray<readonly [string, Record<string, ActionStatus | undefined>]> = [
  ['2023-12-31', { a: undefined, b: 'not-started', c: undefined }], // a and c not yet in the plan
  ['2024-01-01', { a: 'not-started', b: 'not-started', c: undefined }], // created that day: included
  ['2024-01-09', { a: 'not-started', b: 'not-started', c: undefined }],
  ['2024-01-10', { a: 'on-target', b: 'not-started', c: undefined }], // effective on the as-at date
  ['2024-02-29', { a: 'on-target', b: 'delayed', c: undefined }],
  ['2024-03-01', { a: 'delayed', b: 'delayed', c: undefined }],
  ['2024-04-01', { a: 'delayed', b: 'delayed', c: 'not-started' }],
  ['2024-04-30', { a: 'delayed', b: 'delayed', c: 'not-started' }],
  ['2024-05-01', { a: 'complete', b: 'delayed', c: 'not-started' }],
];
for (const [asAt, expected] of asAtCases) {
  test(`statuses as at ${asAt}`, () => {
    const got = Object.fromEntries(statusesAsAt(actions, history, asAt).map((s) => [s.actionId, s.status]));
    const want = Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== undefined));
    assert.deepEqual(got, want);
  });
}

test('as-at result records since-date and priorities with no actions yet get null percentages', () => {
  const r = rollupPlan(actions, history, '2024-03-15', { priorityRefs: ['P0'] });
  assert.deepEqual(
    r.priorities.map((p) => p.priorityRef),
    ['P0', 'P1', 'P2'],
  );
  const p2 = r.priorities[2]!;
  assert.equal(p2.actions, 0);
  assert.deepEqual(
    [p2.percentComplete, p2.percentOnTarget, p2.percentDelayed, p2.percentNotStarted, p2.percentCompleteOrOnTarget],
    [null, null, null, null, null],
  );
  assert.deepEqual(r.actions[0], { actionId: 'a', priorityRef: 'P1', status: 'delayed', since: '2024-03-01' });
  assert.deepEqual(r.actions[1], { actionId: 'b', priorityRef: 'P1', status: 'delayed', since: '2024-02-01' });
  assert.equal(r.asAt, '2024-03-15');
});

test('history order does not matter except for same-day ties', () => {
  const reversed = [...history].reverse();
  const s = statusesAsAt(actions, reversed, '2024-06-01');
  assert.equal(s.find((x) => x.actionId === 'a')!.status, 'complete');
  assert.equal(s.find((x) => x.actionId === 'b')!.status, 'on-target'); // the later same-day entry now is on-target
});

test('empty plan: zero actions, null percentages, no priorities', () => {
  const r = rollupPlan([], [], '2024-01-01');
  assert.deepEqual(r.priorities, []);
  assert.deepEqual(r.overall, {
    actions: 0,
    complete: 0,
    onTarget: 0,
    delayed: 0,
    notStarted: 0,
    percentComplete: null,
    percentOnTarget: null,
    percentDelayed: null,
    percentNotStarted: null,
    percentCompleteOrOnTarget: null,
  });
  const brag = rollupPlan([], [], '2024-01-01', { scheme: 'brag' });
  assert.equal(brag.overall.embedded, 0);
  assert.equal(brag.overall.percentEmbedded, null);
});

test('BRAG: complete includes embedded; embedded counts towards complete-or-on-target', () => {
  const c = countStatuses(['embedded', 'embedded', 'complete', 'on-target', 'delayed', 'not-started', 'on-target', 'delayed'], 'brag');
  assert.deepEqual(c, {
    actions: 8,
    complete: 3,
    onTarget: 2,
    delayed: 2,
    notStarted: 1,
    embedded: 2,
    percentComplete: 38, // 37.5
    percentOnTarget: 25,
    percentDelayed: 25,
    percentNotStarted: 13, // 12.5
    percentCompleteOrOnTarget: 63, // 62.5
    percentEmbedded: 25,
  });
});

test('RAG: an embedded history entry counts as complete and no embedded field appears', () => {
  const r = rollupPlan(
    [{ id: 'x', priorityRef: '1' }],
    [{ actionId: 'x', effectiveDate: '2024-01-01', status: 'embedded' }],
    '2024-02-01',
  );
  assert.equal(r.overall.complete, 1);
  assert.equal('embedded' in r.overall, false);
  assert.equal(r.actions[0]!.status, 'complete');
});

test('bad dates are rejected', () => {
  assert.throws(() => rollupPlan([], [], '2024-02-30'), RangeError);
  assert.throws(() => rollupPlan([{ id: 'x', priorityRef: '1', createdOn: '01/02/2024' }], [], '2024-02-01'), RangeError);
});
