// Board paper content as blocks (pure): the council papers' order, the roll-up percentages, narrative
// paragraphs and lists, the KPI placeholder, and a paper without a plan.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blocksText, narrativeBlocks, paperBlocks, pct, type Block } from '../../src/modules/governance/papers/model.ts';
import { KPI_SECTION_FIXTURE, paperFixture } from './papers-fixture.ts';

const headings = (blocks: Block[]) => blocks.filter((b) => b.kind === 'heading' && b.level === 1).map((b) => (b as { text: string }).text);

test('a paper has the council papers\' sections in order', () => {
  const blocks = paperBlocks(paperFixture());
  assert.equal(blocks[0]!.kind, 'title');
  assert.deepEqual((blocks[1] as Extract<Block, { kind: 'titleBlock' }>).rows.map((r) => r[0]), ['Report to', 'Date', 'Reporting officer', 'Subject', 'Area', 'Data as at']);
  assert.deepEqual(headings(blocks), [
    '1. Purpose of the report', '2. Recommendations', '3. Summary', '4. Progress against the plan', '5. Exceptions: delayed actions',
    '6. Risk register extract', '7. Self-evaluation', '8. Key performance indicators', '9. Appendices',
    'Appendix A: Risk register in full', 'Appendix B: Self-evaluation narrative and evidence',
  ]);
});

test('the progress table carries each priority\'s roll-up percentages and an overall row', () => {
  const data = paperFixture({ actions: 20 });
  const table = paperBlocks(data).find((b) => b.kind === 'table' && b.caption.startsWith('Table 1')) as Extract<Block, { kind: 'table' }>;
  assert.deepEqual(table.header, ['Priority', 'Title', 'Actions', '% complete', '% on target', '% delayed', '% not started', '% complete or on target']);
  // 4 actions a priority: 0 complete, 1 on target, 1 delayed, 2 not started (floor rounding in the fixture).
  assert.deepEqual(table.rows[0]!.map((c) => c.text).slice(2), ['4', '0%', '25%', '25%', '50%', '25%']);
  const overall = table.rows.at(-1)!;
  assert.equal(overall[0]!.text, 'All');
  assert.ok(overall.every((c) => c.bold));
  assert.equal(overall[2]!.text, '20');
});

const narratives: ReadonlyArray<readonly [string, string, Block[]]> = [
  ['empty gives the placeholder', '  ', [{ kind: 'paragraph', text: 'EMPTY', style: 'placeholder' }]],
  ['lines of one paragraph are joined', 'One\ntwo', [{ kind: 'paragraph', text: 'One two' }]],
  ['blank lines separate paragraphs', 'One\n\nTwo', [{ kind: 'paragraph', text: 'One' }, { kind: 'paragraph', text: 'Two' }]],
  ['hyphen lines make a list', 'Noted.\n\n- first\n- second', [{ kind: 'paragraph', text: 'Noted.' }, { kind: 'list', items: ['first', 'second'] }]],
];
for (const [name, text, expected] of narratives) {
  test(`narrative: ${name}`, () => assert.deepEqual(narrativeBlocks(text, 'EMPTY'), expected));
}

test('percentages: whole numbers with a sign, a dash when there are no actions', () => {
  assert.deepEqual([pct(0), pct(44), pct(100), pct(null)], ['0%', '44%', '100%', '–']);
});

test('the KPI section is a labelled placeholder until the performance module lands', () => {
  const text = blocksText(paperBlocks(paperFixture()));
  const i = text.indexOf('8. Key performance indicators');
  assert.equal(text[i + 1], 'No KPI data available');
});

test('the KPI section: the scorecard with rating and direction in words, then the exception report with commentary', () => {
  const blocks = paperBlocks({ ...paperFixture(), kpis: KPI_SECTION_FIXTURE });
  const text = blocksText(blocks);
  const i = text.indexOf('8. Key performance indicators');
  assert.equal(text[i + 1], 'Figures from casework records for 2 December 2025 to 1 December 2026, as at 1 December 2026, against the area\'s targets. Direction of travel compares with 2 December 2024 to 1 December 2025. 4 KPIs have no data and no target and are not shown.');
  const table = blocks.find((b) => b.kind === 'table' && b.caption === 'Key performance indicators as at 1 December 2026') as Extract<Block, { kind: 'table' }>;
  assert.deepEqual(table.header, ['Measure', 'Value', 'Target', 'Rating', 'Direction of travel']);
  assert.deepEqual(table.rows.map((r) => r.map((c) => c.text)), KPI_SECTION_FIXTURE.rows.map((r) => [r.measure, r.value, r.target, r.rag, r.direction]));
  assert.deepEqual(table.rows.map((r) => r[3]!.colour), ['red', 'green', undefined], 'colour beside the words, never instead of them');
  const ex = blocks.find((b) => b.kind === 'table' && b.caption === 'KPIs below target, with commentary') as Extract<Block, { kind: 'table' }>;
  assert.deepEqual(ex.rows.map((r) => r.map((c) => c.text)), [['EHC plans issued within 20 weeks (excluding exceptions)', '41.2%', '60.0%', 'Head of SEND', 'Locum educational psychologists commissioned.']]);
  assert.ok(text.includes('KPI exception report') && text.includes('1 KPI is rated below target.'));
  // No reds: the exception report says so. A paper issued before the KPI section (no period, no exceptions) renders as it was.
  assert.ok(blocksText(paperBlocks({ ...paperFixture(), kpis: { ...KPI_SECTION_FIXTURE, exceptions: [] } })).includes('No KPI is below target.'));
  const old = paperBlocks({ ...paperFixture(), kpis: { available: true, message: '', rows: [{ measure: 'M', value: '1', target: '2', rag: 'Below target' }] } });
  const oldTable = old.find((b) => b.kind === 'table' && b.caption === 'Key performance indicators') as Extract<Block, { kind: 'table' }>;
  assert.deepEqual(oldTable.header, ['Measure', 'Value', 'Target', 'Rating']);
  assert.ok(!blocksText(old).includes('KPI exception report'));
});

test('exceptions list each delayed action with its latest update; heat map and RAG cells carry words as well as colours', () => {
  const blocks = paperBlocks(paperFixture({ actions: 20 }));
  const ex = blocks.find((b) => b.kind === 'table' && b.caption.startsWith('Table 2')) as Extract<Block, { kind: 'table' }>;
  assert.equal(ex.rows.length, 5);
  assert.match(ex.rows[0]![5]!.text, /^1 November 2026: Delayed by the parent carer survey/);
  const heat = blocks.find((b) => b.kind === 'table' && b.caption.startsWith('Table 4')) as Extract<Block, { kind: 'table' }>;
  assert.deepEqual(heat.rows[1]!.map((c) => c.text), ['4', '0 (Low 4)', '0 (Medium 8)', '0 (Medium 12)', '6 (High 16)', '0 (High 20)']);
  assert.ok(heat.rows.flat().slice(1).every((c) => c.text && (c.colour !== undefined || c.bold)));
  const grid = blocks.find((b) => b.kind === 'table' && b.caption.startsWith('Table 5')) as Extract<Block, { kind: 'table' }>;
  assert.equal(grid.header.length, 7);
  assert.deepEqual(grid.rows[0]!.slice(1).map((c) => `${c.text}/${c.colour}`), ['Red/red', 'Red/red', 'Red/red', 'Red/red', 'Amber/yellow', 'Amber/yellow']);
});

test('a paper without a plan says so in the progress and exceptions sections', () => {
  const d = { ...paperFixture(), plan: null, progress: null, exceptions: [] };
  const text = blocksText(paperBlocks(d));
  assert.equal(text.filter((t) => t === 'No improvement plan was chosen for this paper.').length, 2);
  assert.ok(!text.some((t) => t.startsWith('Table 1')));
});
