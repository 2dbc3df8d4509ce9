// Risk register view models and form rules (pure, table-driven).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  bandColour, bandCounts, heatMapView, readBandsForm, readRiskForm, riskView, sortByResidual, splitReferences, validateReview, validateRisk,
  type RiskInput, type RiskRowData,
} from '../../src/modules/governance/risks/register.ts';
import { DEFAULT_RISK_BANDS, validateRiskBands, type RiskBand } from '../../src/modules/governance/risk.ts';

const FOUR: RiskBand[] = [{ name: 'low', min: 1, max: 4 }, { name: 'medium', min: 5, max: 10 }, { name: 'high', min: 12, max: 19 }, { name: 'critical', label: 'Critical', min: 20, max: 25 }];

const colours: ReadonlyArray<readonly [string, readonly RiskBand[], string, string]> = [
  ['default low', DEFAULT_RISK_BANDS, 'low', 'green'],
  ['default medium', DEFAULT_RISK_BANDS, 'medium', 'yellow'],
  ['default high', DEFAULT_RISK_BANDS, 'high', 'red'],
  ['four bands: second', FOUR, 'medium', 'yellow'],
  ['four bands: third', FOUR, 'high', 'orange'],
  ['four bands: top', FOUR, 'critical', 'red'],
  ['two bands: top', [{ name: 'a', min: 1, max: 9 }, { name: 'b', min: 10, max: 25 }], 'b', 'red'],
  ['unknown band', DEFAULT_RISK_BANDS, 'nope', 'grey'],
];
for (const [name, bands, band, colour] of colours) test(`band colour by rank: ${name}`, () => assert.equal(bandColour(bands, band), colour));

const base: RiskInput = {
  reference: 'R1', title: 'A risk', cause: '', consequence: '', owner: 'Head of SEND', category: 'strategic', linkedPriorities: [], treatment: 'treat',
  raisedOn: '2026-09-01', nextReviewOn: '2026-12-01', inherent: { likelihood: 4, impact: 4 }, residual: { likelihood: 3, impact: 4 }, target: null,
};
const riskCases: ReadonlyArray<readonly [string, Partial<RiskInput>, string[]]> = [
  ['valid', {}, []],
  ['no reference or title', { reference: '', title: '' }, ['reference', 'title']],
  ['reference with odd characters', { reference: 'R1;drop' }, ['reference']],
  ['likelihood 6', { residual: { likelihood: 6, impact: 3 } }, ['residualLikelihood']],
  ['impact 0 and a fraction', { inherent: { likelihood: 2.5, impact: 0 } }, ['inherentLikelihood', 'inherentImpact']],
  ['impact not a number', { inherent: { likelihood: 3, impact: Number.NaN } }, ['inherentImpact']],
  ['no residual score', { residual: null }, ['residualLikelihood']],
  ['review before raised', { nextReviewOn: '2026-08-31' }, ['nextReviewOn']],
  ['review on the day raised is fine', { nextReviewOn: '2026-09-01' }, []],
  ['impossible date raised', { raisedOn: '2026-02-30' }, ['raisedOn']],
  ['unknown category and treatment', { category: 'vibes', treatment: 'ignore' }, ['category', 'treatment']],
];
for (const [name, over, fields] of riskCases) {
  test(`risk validation: ${name}`, () => assert.deepEqual(validateRisk({ ...base, ...over }, { requireScores: true }).map((e) => e.field), fields));
}

const reviewCases: ReadonlyArray<readonly [string, Record<string, unknown>, string[]]> = [
  ['valid', { reviewedOn: '2026-11-01', nextReviewOn: '2027-02-01' }, []],
  ['reviewed before raised', { reviewedOn: '2026-08-01' }, ['reviewedOn']],
  ['next review before the review', { reviewedOn: '2026-11-01', nextReviewOn: '2026-10-01' }, ['nextReviewOn']],
  ['next review before raised', { reviewedOn: '2026-11-01', nextReviewOn: '2026-01-01' }, ['nextReviewOn']],
  ['no date', { reviewedOn: null }, ['reviewedOn']],
  ['no residual', { reviewedOn: '2026-11-01', residual: null }, ['residualLikelihood']],
  ['target out of range', { reviewedOn: '2026-11-01', target: { likelihood: 1, impact: 9 } }, ['targetImpact']],
];
for (const [name, over, fields] of reviewCases) {
  test(`review validation: ${name}`, () => {
    const input = { reviewedOn: '2026-11-01', nextReviewOn: null, inherent: null, residual: { likelihood: 2, impact: 2 }, target: null, note: '', ...over } as Parameters<typeof validateReview>[0];
    assert.deepEqual(validateReview(input, '2026-09-01').map((e) => e.field), fields);
  });
}

test('the risk form reads GOV.UK date inputs, levels and comma-separated priorities', () => {
  const input = readRiskForm({ reference: ' R7 ', title: 'T', 'raisedOn-day': '3', 'raisedOn-month': '9', 'raisedOn-year': '2026', residualLikelihood: '4', residualImpact: 'x', linkedPriorities: '1, 5;5\n2' });
  assert.equal(input.reference, 'R7');
  assert.equal(input.raisedOn, '2026-09-03');
  assert.equal(input.nextReviewOn, null);
  assert.equal(input.residual!.likelihood, 4);
  assert.ok(Number.isNaN(input.residual!.impact));
  assert.equal(input.inherent, null);
  assert.deepEqual(input.linkedPriorities, ['1', '5', '2']);
  assert.deepEqual(splitReferences(' , '), []);
});

test('the bands form skips blank rows and feeds validateRiskBands', () => {
  const raw = readBandsForm({ band0Name: 'low', band0Min: '1', band0Max: '4', band2Name: 'high', band2Label: 'High', band2Min: '5', band2Max: '25' });
  assert.deepEqual(raw, [{ name: 'low', min: 1, max: 4 }, { name: 'high', label: 'High', min: 5, max: 25 }]);
  assert.equal(validateRiskBands(raw).ok, true);
  const bad = validateRiskBands(readBandsForm({ band0Name: 'low', band0Min: 'one', band0Max: '25' }));
  assert.equal(bad.ok, false);
});

const row = (ref: string, residual: [number, number] | null, next: string | null, over: Partial<RiskRowData> = {}): RiskRowData => ({
  id: `id-${ref}`, reference: ref, title: ref, cause: '', consequence: '', owner: '', category: 'strategic', linked_priorities: [], treatment: 'treat', status: 'open',
  raised_on: '2026-01-01', last_reviewed_on: null, next_review_on: next, inherent_likelihood: 5, inherent_impact: 5,
  residual_likelihood: residual?.[0] ?? null, residual_impact: residual?.[1] ?? null, target_likelihood: null, target_impact: null, ...over,
});
const today = Temporal.PlainDate.from('2026-11-23');

test('a risk view: scores with band words, overdue reviews, direction of travel', () => {
  const v = riskView(row('R1', [4, 4], '2026-11-22'), DEFAULT_RISK_BANDS, today, 20);
  assert.equal(v.residual!.text, '16 High (L4 × I4)');
  assert.equal(v.residual!.colour, 'red');
  assert.equal(v.reviewOverdue, true);
  assert.equal(v.directionLabel, 'Improved');
  assert.equal(riskView(row('R2', [2, 2], '2026-11-23'), DEFAULT_RISK_BANDS, today, 4).directionLabel, 'No change');
  assert.equal(riskView(row('R2', [2, 2], '2026-11-23'), DEFAULT_RISK_BANDS, today).reviewOverdue, false, 'due today is not overdue');
  assert.equal(riskView(row('R3', [2, 2], null), DEFAULT_RISK_BANDS, today).reviewOverdue, true, 'no review date surfaces as overdue');
  assert.equal(riskView(row('R4', [2, 2], null, { status: 'closed' }), DEFAULT_RISK_BANDS, today).reviewOverdue, false, 'closed risks are not chased');
  assert.equal(riskView(row('R5', [5, 5], null), DEFAULT_RISK_BANDS, today, 20).directionLabel, 'Worsened');
  assert.equal(riskView(row('R6', null, null), DEFAULT_RISK_BANDS, today).residual, null);
});

test('the heat map view: likelihood 5 first, counts, references and band words in every cell', () => {
  const risks = sortByResidual([row('R1', [4, 4], null), row('R2', [4, 4], null), row('R3', [1, 2], null), row('R4', null, null)].map((r) => riskView(r, FOUR, today)));
  assert.deepEqual(risks.map((r) => r.reference), ['R1', 'R2', 'R3', 'R4']);
  const map = heatMapView(risks, 'residual', FOUR);
  assert.deepEqual(map.rows.map((r) => r.likelihood), [5, 4, 3, 2, 1]);
  assert.deepEqual(map.impactHeadings.map((h) => h.label), ['Insignificant', 'Minor', 'Moderate', 'Major', 'Severe']);
  const cell = map.rows[1]!.cells[3]!;
  assert.deepEqual([cell.count, cell.references, cell.text, cell.colour], [2, ['R1', 'R2'], '2 risks, high (score 16)', 'orange']);
  assert.equal(map.rows[0]!.cells[4]!.text, '0 risks, Critical (score 25)');
  assert.equal(map.rows[4]!.cells[1]!.text, '1 risk, low (score 2)');
  assert.equal(map.total, 3);
  assert.deepEqual(map.unassessed, ['R4']);
  assert.deepEqual(bandCounts(risks, FOUR).map((b) => `${b.label}:${b.count}`), ['low:1', 'medium:0', 'high:2', 'Critical:0']);
});
