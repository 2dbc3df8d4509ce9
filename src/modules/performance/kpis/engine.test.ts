import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getKpi, KPIS } from './catalogue.ts';
import { computeBreakdown, computeBreakdowns, computeKpi, computeKpis, kpiIds, monthlySeries, NOT_RECORDED } from './engine.ts';
import { issued, kase, Y2024 } from './fixtures.ts';
import { syntheticCases } from './synthetic.ts';
import { CEASE_REASONS, NEED_CODES, SETTING_TYPES } from './types.ts';

const synthetic = syntheticCases(3000, 7);

test('computeKpis: every KPI in catalogue order, each equal to computing it alone', () => {
  const all = computeKpis(synthetic, Y2024);
  assert.deepEqual(all.map((r) => r.id), kpiIds());
  for (const r of all) {
    const def = getKpi(r.id);
    assert.ok(def);
    const alone = def.compute(synthetic, Y2024);
    assert.deepEqual({ ...r }, { id: def.id, name: def.name, unit: def.unit, polarity: def.polarity, ...alone }, r.id);
    assert.deepEqual(computeKpi(r.id, synthetic, Y2024), r);
  }
});

test('computeKpis: synthetic data gives a value for every case-based KPI', () => {
  const byId = new Map(computeKpis(synthetic, Y2024).map((r) => [r.id, r]));
  for (const k of KPIS) {
    if (k.domain === 'health' || k.domain === 'improvement') continue;
    assert.notEqual(byId.get(k.id)?.value, null, k.id);
  }
});

test('computeKpis: a chosen subset, in the order asked', () => {
  const r = computeKpis(synthetic, Y2024, ['plans-in-force', 'requests-received']);
  assert.deepEqual(r.map((x) => x.id), ['plans-in-force', 'requests-received']);
});

test('unknown ids and bad contexts throw', () => {
  assert.throws(() => computeKpi('no-such-kpi', [], Y2024), RangeError);
  assert.throws(() => computeKpis([], Y2024, ['plans-in-force', 'nope']), RangeError);
  assert.throws(() => computeKpi('plans-in-force', [], { from: '2024-12-31', to: '2024-01-01', asAt: '2025-01-16' }), RangeError);
  assert.throws(() => computeKpi('plans-in-force', [], { from: '2024-01-01', to: '2024-02-30', asAt: '2025-01-16' }), RangeError);
  assert.throws(() => monthlySeries('plans-in-force', [], ['2024-13']), RangeError);
});

test('breakdown by primary need: every SEN2 code in order, then not recorded; counts add up', () => {
  const rows = computeBreakdown('plans-in-force', synthetic, Y2024, 'primaryNeed');
  assert.deepEqual(rows.map((r) => r.key), [...NEED_CODES, NOT_RECORDED]);
  assert.equal(rows[0]?.label, 'Specific learning difficulty');
  const total = computeKpi('plans-in-force', synthetic, Y2024).value;
  assert.equal(rows.reduce((s, r) => s + (r.result.value ?? 0), 0), total);
});

test('breakdown by setting type and age band: counts add up; empty categories show 0, not null', () => {
  const cases = [
    kase({ finalIssuedOn: '2020-01-01', settingType: 'special', dateOfBirth: '2015-01-01' }),
    kase({ finalIssuedOn: '2020-01-01', dateOfBirth: '1990-01-01' }),
  ];
  const bySetting = computeBreakdown('plans-in-force', cases, Y2024, 'settingType');
  assert.deepEqual(bySetting.map((r) => [r.key, r.result.value]), [
    ...SETTING_TYPES.map((t) => [t, t === 'special' ? 1 : 0]),
    [NOT_RECORDED, 1],
  ]);
  const byAge = computeBreakdown('plans-in-force', cases, Y2024, 'ageBand');
  assert.deepEqual(byAge.map((r) => [r.key, r.result.value]), [
    ['0-4', 0],
    ['5-10', 1],
    ['11-15', 0],
    ['16-19', 0],
    ['20-25', 0],
    [NOT_RECORDED, 1],
  ]);
  assert.equal(byAge[1]?.label, 'Age 5 to 10');
});

test('breakdown of a percentage: each group is its own fraction; an empty group is null', () => {
  const cases = [
    issued('2024-01-10', 140, { team: 'North' }),
    issued('2024-01-10', 141, { team: 'North' }),
    issued('2024-01-10', 100, { team: 'South' }),
    kase({ team: 'East' }),
  ];
  const rows = computeBreakdown('plans-issued-within-20-weeks-pc', cases, Y2024, 'team');
  assert.deepEqual(rows.map((r) => [r.key, r.result.value, r.result.denominator]), [
    ['East', null, 0],
    ['North', 50, 2],
    ['South', 100, 1],
  ]);
});

test('breakdown of plans ceased by reason (its default breakdown): codes 1–9 and not recorded', () => {
  const def = getKpi('plans-ceased');
  assert.equal(def?.defaultBreakdown, 'ceaseReason');
  const cases = [
    kase({ finalIssuedOn: '2020-01-01', ceasedOn: '2024-03-01', ceaseReason: 6 }),
    kase({ finalIssuedOn: '2020-01-01', ceasedOn: '2024-04-01', ceaseReason: 6 }),
    kase({ finalIssuedOn: '2020-01-01', ceasedOn: '2024-05-01', ceaseReason: 5 }),
    kase({ finalIssuedOn: '2020-01-01', ceasedOn: '2024-05-01' }),
    kase({ finalIssuedOn: '2020-01-01' }),
  ];
  const rows = computeBreakdown('plans-ceased', cases, Y2024, 'ceaseReason');
  assert.deepEqual(rows.map((r) => r.key), [...CEASE_REASONS.map(String), NOT_RECORDED]);
  const counts = Object.fromEntries(rows.map((r) => [r.key, r.result.value]));
  assert.equal(counts['6'], 2);
  assert.equal(counts['5'], 1);
  assert.equal(counts['1'], 0);
  assert.equal(counts[NOT_RECORDED], 1);
  assert.equal(rows.find((r) => r.key === '5')?.label, 'Transferred to another council in England');
});

test('breakdown by setting id lists the settings seen, sorted', () => {
  const cases = [
    kase({ finalIssuedOn: '2020-01-01', settingId: 'URN200' }),
    kase({ finalIssuedOn: '2020-01-01', settingId: 'URN100' }),
    kase({ finalIssuedOn: '2020-01-01', settingId: 'URN200' }),
  ];
  const rows = computeBreakdown('plans-in-force', cases, Y2024, 'setting');
  assert.deepEqual(rows.map((r) => [r.key, r.result.value, r.result.caseIds.numerator.length]), [
    ['URN100', 1, 1],
    ['URN200', 2, 2],
  ]);
});

test('breakdown by setting: labelled by the setting name, sorted by name; a name without an id is not a group', () => {
  const table: { cases: Parameters<typeof kase>[0][]; expect: [string, string, number | null][] }[] = [
    {
      cases: [
        { finalIssuedOn: '2020-01-01', settingId: '100002', settingName: 'Zebra Academy' },
        { finalIssuedOn: '2020-01-01', settingId: '100001', settingName: 'Alder School' },
        { finalIssuedOn: '2020-01-01', settingId: '100002', settingName: 'Zebra Academy' },
      ],
      expect: [['100001', 'Alder School', 1], ['100002', 'Zebra Academy', 2]],
    },
    {
      // Two settings with the same name stay apart (different URNs); no id = not recorded.
      cases: [
        { finalIssuedOn: '2020-01-01', settingId: '100003', settingName: 'St Mary' },
        { finalIssuedOn: '2020-01-01', settingId: '100004', settingName: 'St Mary' },
        { finalIssuedOn: '2020-01-01', settingName: 'Nameless' },
      ],
      expect: [['100003', 'St Mary', 1], ['100004', 'St Mary', 1], [NOT_RECORDED, 'Not recorded', 1]],
    },
    {
      // A setting recorded without a name (a local id only) is labelled by its id.
      cases: [{ finalIssuedOn: '2020-01-01', settingId: 'Riverside' }],
      expect: [['Riverside', 'Riverside', 1]],
    },
  ];
  for (const row of table) {
    const rows = computeBreakdown('plans-in-force', row.cases.map((c) => kase(c)), Y2024, 'setting');
    assert.deepEqual(rows.map((r) => [r.key, r.label, r.result.value]), row.expect);
  }
});

test('monthlySeries: each month is [1st, last day] as at the last day; February 2024 has 29 days', () => {
  const cases = [
    kase({ caseId: 'feb29', requestReceivedOn: '2024-02-29' }),
    kase({ caseId: 'mar1', requestReceivedOn: '2024-03-01' }),
    kase({ caseId: 'plan', finalIssuedOn: '2024-02-29', ceasedOn: '2024-04-15' }),
  ];
  const series = monthlySeries('requests-received', cases, ['2024-01', '2024-02', '2024-03']);
  assert.deepEqual(series.map((p) => [p.month, p.from, p.to, p.result.value]), [
    ['2024-01', '2024-01-01', '2024-01-31', 0],
    ['2024-02', '2024-02-01', '2024-02-29', 1],
    ['2024-03', '2024-03-01', '2024-03-31', 1],
  ]);
  const inForce = monthlySeries('plans-in-force', cases, ['2024-01', '2024-02', '2024-03', '2024-04']);
  assert.deepEqual(inForce.map((p) => p.result.value), [0, 1, 1, 0]);
});

test('monthlySeries: monthly counts add up to the year; externals are passed through', () => {
  const months = Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}`);
  for (const id of ['requests-received', 'new-plans', 'plans-ceased', 'annual-reviews-due']) {
    const monthly = monthlySeries(id, synthetic, months).reduce((s, p) => s + (p.result.value ?? 0), 0);
    const year = computeKpi(id, synthetic, { from: '2024-01-01', to: '2024-12-31', asAt: '2024-12-31' }).value;
    assert.equal(monthly, year, id);
  }
  const plan = { complete: 1, onTarget: 1, delayed: 1, significantlyDelayed: 1 };
  assert.equal(monthlySeries('improvement-plan-delivery-pc', [], ['2024-05'], { improvementPlan: plan })[0]?.result.value, 50);
});

test('every count KPI: the groups of every breakdown add up to the total', () => {
  const dims = ['team', 'setting', 'settingType', 'primaryNeed', 'ageBand', 'ceaseReason'] as const;
  for (const k of KPIS.filter((x) => x.unit === 'count')) {
    const total = computeKpi(k.id, synthetic, Y2024).value;
    for (const by of dims) {
      const rows = computeBreakdown(k.id, synthetic, Y2024, by);
      assert.equal(rows.reduce((s, r) => s + (r.result.value ?? 0), 0), total, `${k.id} by ${by}`);
    }
  }
});

test('monthlySeries equals computeKpi for each month', () => {
  const months = ['2023-02', '2024-02', '2024-07', '2024-12'];
  for (const id of ['plans-in-force', 'plans-issued-within-20-weeks-pc', 'annual-reviews-overdue', 'send-tribunal-appeal-rate-pc']) {
    for (const point of monthlySeries(id, synthetic, months)) {
      assert.deepEqual(point.result, computeKpi(id, synthetic, { from: point.from, to: point.to, asAt: point.to }), `${id} ${point.month}`);
    }
  }
});

test('computeBreakdowns: every KPI by team and by setting equals computeBreakdown one KPI at a time', () => {
  const teams = ['North', 'South', undefined];
  const cases = synthetic.slice(0, 600).map((c, i) => ({ ...c, team: teams[i % 3], settingId: i % 4 === 0 ? undefined : String(100000 + (i % 7)), settingName: `School ${i % 7}` }));
  for (const by of ['team', 'setting'] as const) {
    const all = computeBreakdowns(cases, Y2024, by);
    assert.deepEqual([...all.keys()], kpiIds());
    for (const id of kpiIds()) assert.deepEqual(all.get(id), computeBreakdown(id, cases, Y2024, by), `${by} ${id}`);
    const groups = all.get('plans-in-force')!.map((r) => r.key);
    assert.deepEqual(groups, by === 'team' ? ['North', 'South', NOT_RECORDED] : [...Array.from({ length: 7 }, (_, k) => String(100000 + k)), NOT_RECORDED]);
  }
  assert.deepEqual([...computeBreakdowns(cases, Y2024, 'team', ['new-plans']).keys()], ['new-plans']);
  assert.throws(() => computeBreakdowns(cases, Y2024, 'team', ['nope']), RangeError);
});
