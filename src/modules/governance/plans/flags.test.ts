import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actionFlags, needsUpdate, type FlagInput } from './flags.ts';
import type { ActionStatus } from '../status.ts';

const asAt = Temporal.PlainDate.from('2025-03-31');
const cases: ReadonlyArray<readonly [string, ActionStatus, string, string | null, string | null, boolean, boolean]> = [
  // name, status, due, start, last update, update overdue, past due
  ['on target, updated this month', 'on-target', '2025-12-31', null, '2025-03-15', false, false],
  ['on target, updated exactly a month ago', 'on-target', '2025-12-31', null, '2025-02-28', false, false],
  ['on target, last update a month and a day ago', 'on-target', '2025-12-31', null, '2025-02-27', true, false],
  ['delayed, never updated', 'delayed', '2025-12-31', null, null, true, false],
  ['delayed, past its due date', 'delayed', '2025-03-30', null, '2025-03-20', false, true],
  ['due today is not past due', 'on-target', '2025-03-31', null, '2025-03-20', false, false],
  ['complete, old update and past due', 'complete', '2024-01-01', null, '2023-12-01', false, false],
  ['embedded needs nothing', 'embedded', '2024-01-01', null, null, false, false],
  ['not started, starts later: no update needed yet', 'not-started', '2025-12-31', '2025-06-01', null, false, false],
  ['not started, should have started', 'not-started', '2025-12-31', '2025-01-01', null, true, false],
  ['not started, past due even though the start is later', 'not-started', '2025-03-01', null, null, true, true],
];
for (const [name, status, dueDate, startDate, lastUpdateDate, overdue, pastDue] of cases) {
  test(`flags: ${name}`, () => {
    const input: FlagInput = { status, dueDate, startDate, lastUpdateDate };
    assert.deepEqual(actionFlags(input, asAt), { updateOverdue: overdue, pastDueDate: pastDue });
    assert.equal(needsUpdate(input, asAt), overdue || pastDue);
  });
}
