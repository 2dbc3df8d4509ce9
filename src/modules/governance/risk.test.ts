import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ACHIEVABLE_SCORES,
  DEFAULT_RISK_BANDS,
  buildHeatMap,
  directionOfTravel,
  heatMapCount,
  isReviewOverdue,
  scoreAssessments,
  scoreRisk,
  validateRiskBands,
  type HeatMapRisk,
  type RiskBand,
} from './risk.ts';

test('achievable scores of a 5×5 matrix', () => {
  assert.deepEqual(ACHIEVABLE_SCORES, [1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 20, 25]);
});

const validConfigs: ReadonlyArray<readonly [string, unknown]> = [
  ['default 1–4 / 5–12 / 15–25', DEFAULT_RISK_BANDS],
  [
    'template Low 1–4, Medium 5–10, High 12–25 (11 is not achievable)',
    [
      { name: 'low', min: 1, max: 4 },
      { name: 'medium', min: 5, max: 10 },
      { name: 'high', min: 12, max: 25 },
    ],
  ],
  [
    'four bands given out of order, touching',
    [
      { name: 'very-high', min: 20, max: 25 },
      { name: 'low', min: 1, max: 3 },
      { name: 'high', min: 10, max: 19 },
      { name: 'medium', min: 4, max: 9 },
    ],
  ],
  ['one band', [{ name: 'all', min: 1, max: 25 }]],
];
for (const [name, config] of validConfigs) {
  test(`valid bands: ${name}`, () => {
    const r = validateRiskBands(config);
    assert.equal(r.ok, true, JSON.stringify(r));
    if (r.ok) assert.deepEqual(r.bands.map((b) => b.min), [...r.bands.map((b) => b.min)].sort((a, b) => a - b));
  });
}

const invalidConfigs: ReadonlyArray<readonly [string, unknown, readonly string[]]> = [
  [
    'gap holding achievable score 4',
    [
      { name: 'low', min: 1, max: 3 },
      { name: 'medium', min: 5, max: 12 },
      { name: 'high', min: 15, max: 25 },
    ],
    ['No band covers the achievable score 4'],
  ],
  [
    'overlap',
    [
      { name: 'low', min: 1, max: 5 },
      { name: 'medium', min: 5, max: 12 },
      { name: 'high', min: 12, max: 25 },
    ],
    ['Bands "low" (1–5) and "medium" (5–12) overlap', 'Bands "medium" (5–12) and "high" (12–25) overlap'],
  ],
  [
    'top not covered',
    [
      { name: 'low', min: 1, max: 4 },
      { name: 'medium', min: 5, max: 12 },
      { name: 'high', min: 15, max: 20 },
    ],
    ['No band covers the achievable score 25'],
  ],
  [
    'min > max, out of range, useless band, duplicate name',
    [
      { name: 'low', min: 4, max: 1 },
      { name: 'medium', min: 5, max: 12 },
      { name: 'gap', min: 13, max: 14 },
      { name: 'HIGH', min: 15, max: 30 },
      { name: 'high', min: 0, max: 0 },
    ],
    [
      'Band "high" (0–0) must lie within 1–25',
      'Band "high" (0–0) contains no achievable score',
      'Band "low": min 4 is greater than max 1',
      'Band "gap" (13–14) contains no achievable score',
      'Band name "HIGH" is used twice',
      'Band "HIGH" (15–30) must lie within 1–25',
      'No band covers the achievable scores 1, 2, 3, 4',
    ],
  ],
  ['empty', [], ['at least one band is required']],
  ['not an array', { low: [1, 4] }, []],
  [
    'non-integer and missing name',
    [
      { name: '', min: 1, max: 4.5 },
      { name: 'rest', min: 5, max: 25 },
    ],
    ['bands.0.name: band name is required', 'bands.0.max: max must be a whole number'],
  ],
];
for (const [name, config, expected] of invalidConfigs) {
  test(`invalid bands: ${name}`, () => {
    const r = validateRiskBands(config);
    assert.equal(r.ok, false);
    if (r.ok) return;
    if (expected.length) assert.deepEqual(r.errors, expected);
    else assert.ok(r.errors.length > 0);
  });
}

const scoring: ReadonlyArray<readonly [number, number, number, string]> = [
  [1, 1, 1, 'low'],
  [2, 2, 4, 'low'],
  [1, 5, 5, 'medium'],
  [5, 1, 5, 'medium'],
  [3, 4, 12, 'medium'],
  [4, 3, 12, 'medium'],
  [3, 5, 15, 'high'],
  [4, 4, 16, 'high'],
  [5, 5, 25, 'high'],
];
for (const [l, i, score, band] of scoring) {
  test(`scoreRisk(${l}, ${i}) = ${score} ${band}`, () => {
    assert.deepEqual(scoreRisk(l, i), { likelihood: l, impact: i, score, band });
  });
}

test('scoreRisk with area bands (High ≥ 12)', () => {
  const bands: RiskBand[] = [
    { name: 'low', min: 1, max: 4 },
    { name: 'medium', min: 5, max: 10 },
    { name: 'high', min: 12, max: 25 },
  ];
  assert.equal(scoreRisk(3, 4, bands).band, 'high');
  assert.equal(scoreRisk(2, 5, bands).band, 'medium');
});

test('scoreRisk rejects levels outside 1–5 and bands that miss the score', () => {
  for (const [l, i] of [
    [0, 3],
    [6, 1],
    [2.5, 2],
    [3, NaN],
  ] as const) {
    assert.throws(() => scoreRisk(l, i), RangeError);
  }
  assert.throws(() => scoreRisk(5, 5, [{ name: 'low', min: 1, max: 4 }]), /No risk band covers score 25/);
});

test('inherent / residual / target scoring with advisory warnings', () => {
  const r = scoreAssessments({
    inherent: { likelihood: 4, impact: 5 },
    residual: { likelihood: 3, impact: 4 },
    target: { likelihood: 2, impact: 3 },
  });
  assert.deepEqual(
    [r.inherent?.score, r.inherent?.band, r.residual?.score, r.residual?.band, r.target?.score, r.target?.band],
    [20, 'high', 12, 'medium', 6, 'medium'],
  );
  assert.deepEqual(r.warnings, []);
  const odd = scoreAssessments({ inherent: { likelihood: 2, impact: 2 }, residual: { likelihood: 3, impact: 3 }, target: { likelihood: 5, impact: 5 } });
  assert.deepEqual(odd.warnings, ['Residual score 9 is higher than the inherent score 4', 'Target score 25 is higher than the residual score 9']);
  const partial = scoreAssessments({ residual: { likelihood: 1, impact: 1 } });
  assert.equal(partial.inherent, null);
  assert.equal(partial.target, null);
});

test('direction of travel', () => {
  assert.equal(directionOfTravel(16, 12), 'improved');
  assert.equal(directionOfTravel(12, 16), 'worsened');
  assert.equal(directionOfTravel(12, 12), 'same');
});

const reviews: ReadonlyArray<readonly [string | null, string, boolean]> = [
  ['2024-06-30', '2024-06-29', false],
  ['2024-06-30', '2024-06-30', false], // due today is not overdue
  ['2024-06-30', '2024-07-01', true],
  ['2023-12-31', '2024-01-01', true],
  [null, '2024-01-01', true], // never scheduled
];
for (const [next, today, overdue] of reviews) {
  test(`isReviewOverdue(${next}, ${today}) = ${overdue}`, () => {
    assert.equal(isReviewOverdue(next, today), overdue);
    assert.equal(isReviewOverdue(next === null ? null : Temporal.PlainDate.from(next), Temporal.PlainDate.from(today)), overdue);
  });
}

test('heat map counts risks per cell for the chosen assessment kind', () => {
  const risks: HeatMapRisk[] = [
    { id: 'R1', inherent: { likelihood: 5, impact: 5 }, residual: { likelihood: 4, impact: 4 }, target: { likelihood: 2, impact: 3 } },
    { id: 'R2', inherent: { likelihood: 5, impact: 5 }, residual: { likelihood: 4, impact: 4 } },
    { id: 'R3', inherent: { likelihood: 3, impact: 4 }, residual: { likelihood: 1, impact: 2 } },
    { id: 'R4', inherent: { likelihood: 2, impact: 3 }, residual: null },
  ];
  const inherent = buildHeatMap(risks, 'inherent');
  assert.equal(inherent.total, 4);
  assert.deepEqual(inherent.unassessed, []);
  assert.equal(heatMapCount(inherent, 5, 5), 2);
  assert.equal(heatMapCount(inherent, 3, 4), 1);
  assert.equal(heatMapCount(inherent, 4, 3), 0);
  assert.deepEqual(inherent.rows[0]![4], { likelihood: 5, impact: 5, score: 25, band: 'high', count: 2, riskIds: ['R1', 'R2'] });
  // display order: top row likelihood 5, bottom row likelihood 1; impact 1..5 left to right
  assert.deepEqual(
    inherent.rows.map((row) => row.map((c) => c.count)),
    [
      [0, 0, 0, 0, 2],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 1, 0],
      [0, 0, 1, 0, 0],
      [0, 0, 0, 0, 0],
    ],
  );
  assert.deepEqual(
    inherent.rows.map((row) => row.map((c) => c.band.charAt(0))),
    [
      ['m', 'm', 'h', 'h', 'h'],
      ['l', 'm', 'm', 'h', 'h'],
      ['l', 'm', 'm', 'm', 'h'],
      ['l', 'l', 'm', 'm', 'm'],
      ['l', 'l', 'l', 'l', 'm'],
    ],
  );
  const residual = buildHeatMap(risks, 'residual');
  assert.equal(heatMapCount(residual, 4, 4), 2);
  assert.equal(heatMapCount(residual, 1, 2), 1);
  assert.deepEqual(residual.unassessed, ['R4']);
  const target = buildHeatMap(risks, 'target');
  assert.equal(target.total, 1);
  assert.deepEqual(target.unassessed, ['R2', 'R3', 'R4']);
  assert.throws(() => buildHeatMap([{ id: 'bad', inherent: { likelihood: 6, impact: 1 } }], 'inherent'), RangeError);
});
