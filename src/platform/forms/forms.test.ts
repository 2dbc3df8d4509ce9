import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dateField, field, fieldList } from './forms.ts';

test('fields: single, repeated and missing', () => {
  assert.equal(field({ a: ' x ' }, 'a'), 'x');
  assert.equal(field({ a: ['y', 'z'] }, 'a'), 'y');
  assert.equal(field({}, 'a'), '');
  assert.deepEqual(fieldList({ a: 'x' }, 'a'), ['x']);
  assert.deepEqual(fieldList({ a: ['x', ' ', 'y'] }, 'a'), ['x', 'y']);
});

test('GOV.UK date inputs', () => {
  const cases: [Record<string, string>, { value: string | null; error?: string }][] = [
    [{ 'd-day': '29', 'd-month': '2', 'd-year': '2024' }, { value: '2024-02-29' }],
    [{ 'd-day': '29', 'd-month': '2', 'd-year': '2025' }, { value: null, error: 'The date must be a real date' }],
    [{ 'd-day': '31', 'd-month': '4', 'd-year': '2025' }, { value: null, error: 'The date must be a real date' }],
    [{ 'd-day': '1', 'd-month': '', 'd-year': '2025' }, { value: null, error: 'The date must include a day, month and year' }],
    [{}, { value: null, error: 'Enter the date' }],
    [{ 'd-day': 'x', 'd-month': '1', 'd-year': '2025' }, { value: null, error: 'The date must be a real date' }],
  ];
  for (const [body, expected] of cases) assert.deepEqual(dateField(body, 'd', 'the date'), expected, JSON.stringify(body));
  assert.deepEqual(dateField({}, 'd', 'the date', false), { value: null });
});
