import { test } from 'node:test';
import assert from 'node:assert/strict';
import { direction, directionWords, rag, ragFor, type Direction, type Rag } from './rag.ts';
import type { KpiPolarity, KpiUnit } from './catalogue.ts';

const RAG_ROWS: readonly [string, number | null, KpiPolarity, number | null, number, Rag | null][] = [
  // name, value, polarity, target, tolerance, expected
  ['higher: above target', 90, 'higher', 85, 5, 'green'],
  ['higher: exactly at target', 85, 'higher', 85, 5, 'green'],
  ['higher: just under target', 84.9, 'higher', 85, 5, 'amber'],
  ['higher: exactly at the tolerance edge', 80, 'higher', 85, 5, 'amber'],
  ['higher: just past the tolerance edge', 79.9, 'higher', 85, 5, 'red'],
  ['higher: float edge 46.4 − 0.1', 46.3, 'higher', 46.4, 0.1, 'amber'],
  ['higher: float edge just past', 46.2, 'higher', 46.4, 0.1, 'red'],
  ['higher: no tolerance, just under', 84.9, 'higher', 85, 0, 'red'],
  ['higher: 0% is a value', 0, 'higher', 50, 10, 'red'],
  ['lower: below target', 10, 'lower', 20, 5, 'green'],
  ['lower: exactly at target', 20, 'lower', 20, 5, 'green'],
  ['lower: just over target', 20.1, 'lower', 20, 5, 'amber'],
  ['lower: exactly at the tolerance edge', 25, 'lower', 20, 5, 'amber'],
  ['lower: just past the tolerance edge', 25.1, 'lower', 20, 5, 'red'],
  ['lower: float edge 0.3 = 0.1 + 0.2', 0.3, 'lower', 0.1, 0.2, 'amber'],
  ['lower: weeks at target', 20, 'lower', 20, 0, 'green'],
  ['neutral is never rated', 50, 'neutral', 50, 5, null],
  ['no value', null, 'higher', 85, 5, null],
  ['no target', 90, 'higher', null, 5, null],
];

for (const [name, value, polarity, target, tolerance, expected] of RAG_ROWS) {
  test(`rag: ${name}`, () => {
    assert.equal(rag(value, polarity, target, tolerance), expected);
  });
}

test('rag: a negative tolerance is read as its size', () => {
  assert.equal(rag(82, 'higher', 85, -5), 'amber');
});

test('ragFor: looks the target up by KPI id; no target → null', () => {
  const targets = { 'plans-issued-within-20-weeks-excl-exceptions-pc': { target: 60, tolerance: 10 } };
  assert.equal(ragFor({ id: 'plans-issued-within-20-weeks-excl-exceptions-pc', value: 55, polarity: 'higher' }, targets), 'amber');
  assert.equal(ragFor({ id: 'requests-received', value: 55, polarity: 'neutral' }, targets), null);
  assert.equal(ragFor({ id: 'plans-issued-within-20-weeks-excl-exceptions-pc', value: null, polarity: 'higher' }, targets), null);
});

const DIRECTION_ROWS: readonly [string, number | null, number | null, KpiPolarity, Direction | null][] = [
  ['higher, up', 50, 45, 'higher', 'improving'],
  ['higher, down', 45, 50, 'higher', 'worsening'],
  ['higher, same', 45, 45, 'higher', 'no-change'],
  ['lower, down', 10, 12, 'lower', 'improving'],
  ['lower, up', 12, 10, 'lower', 'worsening'],
  ['lower, same after float noise', 0.1 + 0.2, 0.3, 'lower', 'no-change'],
  ['neutral, up', 120, 100, 'neutral', null],
  ['neutral, same', 100, 100, 'neutral', 'no-change'],
  ['no previous', 50, null, 'higher', null],
  ['no current', null, 50, 'higher', null],
  ['zero to something', 5, 0, 'higher', 'improving'],
];

for (const [name, current, previous, polarity, expected] of DIRECTION_ROWS) {
  test(`direction: ${name}`, () => {
    assert.equal(direction(current, previous, polarity), expected);
  });
}

const WORDS_ROWS: readonly [number | null, number | null, KpiPolarity, KpiUnit, string][] = [
  [48.3, 45.1, 'higher', 'percent', 'Improving: up 3.2 percentage points'],
  [44.1, 45.1, 'higher', 'percent', 'Worsening: down 1 percentage point'],
  [22, 20, 'lower', 'weeks', 'Worsening: up 2 weeks'],
  [19.5, 20, 'lower', 'weeks', 'Improving: down 0.5 weeks'],
  [120, 108, 'neutral', 'count', 'Up 12'],
  [100, 100, 'neutral', 'count', 'No change'],
  [5, null, 'higher', 'percent', 'No previous figure'],
  [3, 4, 'lower', 'days', 'Improving: down 1 day'],
];

for (const [current, previous, polarity, unit, expected] of WORDS_ROWS) {
  test(`directionWords: ${String(current)} from ${String(previous)} (${polarity}, ${unit})`, () => {
    assert.equal(directionWords(current, previous, polarity, unit), expected);
  });
}
