// The self-evaluation grid view and the record-a-month form (pure, table-driven).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addMonths, gridMonths, gridView, monthLabel, readMonthForm } from '../../src/modules/governance/selfeval/grid.ts';
import { FRAMEWORK_2016, FRAMEWORK_2023 } from '../../src/modules/governance/frameworks.ts';

const labels: ReadonlyArray<readonly [string, boolean, string]> = [
  ['2026-03', false, 'March 2026'], ['2026-12', true, 'Dec 2026'], ['2026-13', false, '2026-13'],
];
for (const [m, short, out] of labels) test(`month label ${m}${short ? ' (short)' : ''}`, () => assert.equal(monthLabel(m, short), out));

test('month arithmetic crosses years', () => {
  assert.equal(addMonths('2026-01', -1), '2025-12');
  assert.equal(addMonths('2026-11', 2), '2027-01');
});

test('grid columns: rated months up to a month, the last n of them', () => {
  assert.deepEqual(gridMonths(['2026-05', '2026-01', '2026-03', '2026-05', '2026-07'], '2026-06', 2), ['2026-03', '2026-05']);
  assert.deepEqual(gridMonths([], '2026-06'), []);
});

test('the grid view follows the framework: sections, paper labels, every criterion a row, words and colours', () => {
  const v = gridView(FRAMEWORK_2016, [
    { criterionId: 'A1', month: '2018-01', rag: 'red' }, { criterionId: 'A1', month: '2018-02', rag: 'amber', narrative: 'Better' },
    { criterionId: 'C14', month: '2018-02', rag: 'red' }, { criterionId: 'B3', month: '2018-01', rag: 'green' }, { criterionId: 'B3', month: '2018-02', rag: 'amber' },
    { criterionId: 'ZZ', month: '2018-02', rag: 'green' },
  ], ['2018-01', '2018-02']);
  assert.deepEqual(v.sections.map((s) => s.id), ['A', 'B', 'C']);
  assert.equal(v.sections.flatMap((s) => s.rows).length, 44, 'every 2016 criterion, unknown ids ignored');
  const c14 = v.sections[2]!.rows.find((r) => r.criterionId === 'C14')!;
  assert.equal(c14.label, 'C 14');
  assert.deepEqual(c14.cells.map((c) => `${c.label}/${c.tag}`), ['Not rated/null', 'Red/red']);
  assert.deepEqual(v.reds.map((r) => r.label), ['C 14']);
  assert.deepEqual(v.changes.map((c) => `${c.label} ${c.direction} ${c.from}→${c.to} ${c.narrative}`), ['A1 improved Red→Amber Better', 'B3 worsened Green→Amber null']);
  assert.deepEqual(v.counts.map((c) => `${c.label}:${c.count}`), ['Red:1', 'Amber:2', 'Green:0']);
  assert.equal(v.unrated, 41);
  assert.deepEqual(v.ragKey.map((k) => k.meaning), ['Substantial work to be carried out across all service areas', 'Work started but not embedded', 'Work started strengths identified in the area']);
  assert.deepEqual([v.latestLabel, v.previousLabel], ['February 2018', 'January 2018']);
});

const forms: ReadonlyArray<readonly [string, string, Record<string, string>, string[], number]> = [
  ['two ratings', '2026-10', { 'rag-EO1': 'red', 'rag-PW1': 'green', 'narrative-EO1': 'x' }, [], 2],
  ['future month', '2026-12', { 'rag-EO1': 'red' }, ['month'], 1],
  ['bad month', '2026-1', { 'rag-EO1': 'red' }, ['month'], 1],
  ['bad rating', '2026-10', { 'rag-EO1': 'blue' }, ['rag-EO1'], 0],
  ['narrative without a rating', '2026-10', { 'rag-EO1': 'amber', 'evidence-EO2': 'file' }, ['rag-EO2'], 1],
  ['nothing rated', '2026-10', {}, ['rag-EO1'], 0],
];
for (const [name, month, body, fields, n] of forms) {
  test(`record-a-month form: ${name}`, () => {
    const r = readMonthForm(FRAMEWORK_2023, body, month, '2026-11');
    assert.deepEqual(r.errors.map((e) => e.field), fields);
    assert.equal(r.ratings.length, n);
  });
}
