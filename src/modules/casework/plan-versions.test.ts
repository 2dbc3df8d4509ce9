import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { comparePlans, planVersions } from './plan-versions.ts';
import type { CaseEventRecord } from './fold.ts';
import type { PlanData } from './events.ts';

const plan = (over: Partial<PlanData> = {}): PlanData => ({
  a: 'Likes trains', needs: [{ senType: 'SLCN', description: 'Expressive language', outcomes: ['Uses 5-word sentences'], provision: ['SALT weekly'] }],
  namedSetting: { name: 'Riverside Primary School', urn: '999001' }, ...over,
});

describe('plan versions', () => {
  it('lists draft, final and amendments; a version with no plan of its own carries the last one forward; corrections apply', () => {
    const ev = (id: string, seq: number, type: CaseEventRecord['type'], effectiveDate: string, data: Record<string, unknown> = {}, extra: Partial<CaseEventRecord> = {}): CaseEventRecord => ({ id, seq, type, effectiveDate, data, ...extra });
    const events = [
      ev('1', 1, 'request-received', '2026-01-05', { requester: 'parent' }),
      ev('2', 2, 'draft-plan-issued', '2026-04-20', { plan: plan() }),
      ev('3', 3, 'final-plan-issued', '2026-05-12'),
      ev('4', 4, 'amended-plan-issued', '2027-06-01', { plan: plan({ namedSetting: { name: 'Northgate High School' } }) }),
      ev('5', 5, 'amended-plan-issued', '2027-09-01', { plan: plan({ a: 'Wrong' }) }),
      ev('6', 6, 'correction', '2027-09-02', { action: 'void' }, { correctsEventId: '5', reason: 'Wrong case' }),
    ];
    const v = planVersions(events);
    assert.deepEqual(v.map((x) => [x.eventId, x.type, x.issuedOn, x.carriedForward, x.plan.namedSetting?.name]), [
      ['2', 'draft-plan-issued', '2026-04-20', false, 'Riverside Primary School'],
      ['3', 'final-plan-issued', '2026-05-12', true, 'Riverside Primary School'],
      ['4', 'amended-plan-issued', '2027-06-01', false, 'Northgate High School'],
    ]);
  });

  it('compares section by section, needs matched by type, lists item by item', () => {
    const before = plan();
    const after = plan({
      needs: [
        { senType: 'SLCN', description: 'Expressive language', outcomes: ['Uses 5-word sentences', 'Tells a story'], provision: [] },
        { senType: 'SEMH', description: 'Anxiety at transitions', outcomes: [], provision: ['Key adult at the start of the day'] },
      ],
      namedSetting: { name: 'Northgate High School' },
      c: 'Asthma',
    });
    const rows = comparePlans(before, after).filter((r) => r.change !== 'unchanged');
    assert.deepEqual(rows.map((r) => [r.section, r.change, r.added, r.removed]), [
      ['Section E: outcomes for Speech, language and communication needs', 'changed', ['Tells a story'], []],
      ['Section F: provision for Speech, language and communication needs', 'removed', [], ['SALT weekly']],
      ['Section B: Social, emotional and mental health', 'added', [], []],
      ['Section F: provision for Social, emotional and mental health', 'added', ['Key adult at the start of the day'], []],
      ['Section C: health needs', 'added', [], []],
      ['Section I: placement', 'changed', [], []],
    ]);
    assert.equal(comparePlans(before, before).every((r) => r.change === 'unchanged'), true);
  });
});
