// The letter templates' placeholder language and the letters built from it: table-driven checks of
// good and bad templates (each error names the line and the placeholder), filling, the shipped
// default wording (valid, and telling families about mediation, appeal and the deadline), and the
// dates a letter takes from the statutory rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTemplate, fillTemplate, placeholdersIn } from '../../src/modules/casework/documents/placeholders.ts';
import { LETTER_KINDS, LETTER_KIND_KEYS, bodyBlocks, checkLetterTemplate, letterBlocks, letterKindFor, type LetterFacts } from '../../src/modules/casework/documents/letters.ts';
import { blocksText } from '../../src/modules/governance/papers/model.ts';

const allowed = new Set(['child.fullName', 'appeal.deadline', 'council.name']);

const templates: Array<{ name: string; text: string; errors: string[] }> = [
  { name: 'plain text', text: 'Dear parent\nNo placeholders here.', errors: [] },
  { name: 'known placeholders, with spaces inside', text: 'About {{child.fullName}}\nAppeal by {{ appeal.deadline }}.', errors: [] },
  { name: 'an unknown placeholder names its line', text: 'Hello\nAbout {{child.nmae}}', errors: ['Line 2: {{child.nmae}} is not a placeholder this letter can use'] },
  { name: 'two problems on two lines', text: '{{council.name}}\n{{x.y}}\n\n{{appeal.deadlin}}', errors: ['Line 2: {{x.y}} is not a placeholder this letter can use', 'Line 4: {{appeal.deadlin}} is not a placeholder this letter can use'] },
  { name: 'unclosed braces', text: 'ok\nDear {{child.fullName', errors: ['Line 2: "{{" is not closed with "}}"'] },
  { name: 'a closing pair with no opening', text: 'child.fullName}} here', errors: ['Line 1: "}}" has no opening "{{"'] },
  { name: 'a single brace', text: 'a { b', errors: ['Line 1: a single "{" is not allowed: placeholders are written with two braces, like {{child.fullName}}'] },
  { name: 'three braces', text: '{{{child.fullName}}}', errors: ['Line 1: {{{child.fullName}}} has unbalanced braces: write placeholders as {{like.this}}'] },
  { name: 'a placeholder split over two lines', text: '{{child.\nfullName}}', errors: ['Line 1: "{{" is not closed with "}}"', 'Line 2: "}}" has no opening "{{"'] },
  { name: 'not a name (an expression)', text: 'x {{ child.fullName + 1 }}', errors: ['Line 1: {{ child.fullName + 1 }} is not a valid placeholder name: use letters and dots only, like {{child.fullName}}'] },
  { name: 'not a name (empty)', text: 'x {{}}', errors: ['Line 1: {{}} is not a valid placeholder name: use letters and dots only, like {{child.fullName}}'] },
  { name: 'no property walking', text: '{{constructor}} {{child.fullName.constructor}}', errors: ['Line 1: {{constructor}} is not a placeholder this letter can use', 'Line 1: {{child.fullName.constructor}} is not a placeholder this letter can use'] },
];

for (const c of templates) {
  test(`placeholder language: ${c.name}`, () => {
    assert.deepEqual(checkTemplate(c.text, allowed, 'body').map((e) => e.message), c.errors);
  });
}

test('filling replaces each placeholder and nothing else, values are not re-read as placeholders', () => {
  const out = fillTemplate('To {{council.name}}: {{ child.fullName }} {{child.fullName}}\nline two', { 'council.name': 'Demo', 'child.fullName': '{{council.name}} <b>' });
  assert.equal(out, 'To Demo: {{council.name}} <b> {{council.name}} <b>\nline two');
  assert.deepEqual(placeholdersIn('{{a.b}} {{c}} {{a.b}}'), ['a.b', 'c']);
});

test('every default template is valid for its kind; the appeal letters mention mediation, appeal and the deadline', () => {
  for (const kind of LETTER_KIND_KEYS) {
    const k = LETTER_KINDS[kind];
    assert.deepEqual(checkLetterTemplate(kind, k.subject, k.body), [], kind);
    if ((k.extra as readonly string[]).includes('appeal.deadline')) {
      assert.match(k.body, /\{\{appeal\.deadline\}\}/, kind);
      assert.match(k.body, /mediation/, kind);
      assert.match(k.body, /appeal/i, kind);
    }
  }
});

test('a placeholder allowed in one letter is refused in another, naming the letter', () => {
  const errors = checkLetterTemplate('decision-to-assess', 'Heading', 'Dear family\nAppeal by {{appeal.deadline}}');
  assert.deepEqual(errors, [{ field: 'body', message: 'Line 2: {{appeal.deadline}} is not a placeholder this decision to assess letter can use' }]);
  assert.deepEqual(checkLetterTemplate('decision-to-assess', '{{oops}}', 'x').map((e) => [e.field, e.message]), [['subject', 'Heading: {{oops}} is not a placeholder this decision to assess letter can use']]);
  assert.deepEqual(checkLetterTemplate('decision-to-assess', '', '').map((e) => e.field), ['subject', 'body']);
});

test('which event warrants which letter', () => {
  const table: Array<[string, string | null]> = [
    ['decision-to-assess', 'decision-to-assess'], ['decision-not-to-assess', 'decision-not-to-assess'], ['decision-not-to-issue', 'decision-not-to-issue'],
    ['draft-plan-issued', 'draft-plan-cover'], ['final-plan-issued', 'final-plan-cover'], ['amended-plan-issued', 'final-plan-cover'],
    ['review-decision', 'annual-review-decision'], ['plan-ceased', 'decision-to-cease'], ['advice-requested', null], ['request-received', null],
  ];
  for (const [type, kind] of table) assert.equal(letterKindFor(type), kind, type);
});

const facts = (over: Partial<LetterFacts> = {}): LetterFacts => ({
  councilName: 'Demo Borough Council', letterDate: '2026-11-23', caseReference: 'EHC-ABCD1234',
  child: { givenName: 'Alex', familyName: 'Alpha', dateOfBirth: '2015-01-01' }, carerNames: ['Pat Alpha'], caseworkerName: 'Casey Worker',
  event: { type: 'decision-not-to-assess', effectiveDate: '2026-06-30', data: { reasons: 'Needs are met at school.' } },
  requestReceived: '2026-06-01', deadlines: [{ key: 'decision-not-to-issue', due: '2026-09-21' }, { key: 'final-plan', due: '2026-10-19' }], plan: null, ...over,
});

test('a decision letter: appeal deadline from the statutory rules (2 months, moved out of August), reasons, names', () => {
  const { subject, blocks } = letterBlocks('decision-not-to-assess', LETTER_KINDS['decision-not-to-assess'], facts());
  const text = blocksText(blocks).join('\n');
  assert.equal(subject, 'We will not carry out an EHC needs assessment for Alex Alpha');
  assert.match(text, /Dear Pat Alpha/);
  assert.match(text, /on 1 June 2026\. On 30 June 2026 we decided not to carry out the assessment/);
  assert.match(text, /Needs are met at school\./);
  // 30 June + 2 months = 30 August, in August, so the first working day of September.
  assert.match(text, /The last day to appeal is 1 September 2026\./);
  assert.match(text, /EHC-ABCD1234/);
  assert.match(text, /Casey Worker/);
});

test('the decision to assess letter gives the 16 and 20 week dates from the fold', () => {
  const text = blocksText(letterBlocks('decision-to-assess', LETTER_KINDS['decision-to-assess'], facts({ event: { type: 'decision-to-assess', effectiveDate: '2026-07-01', data: {} } })).blocks).join('\n');
  assert.match(text, /by 21 September 2026 whether we will issue an EHC plan/);
  assert.match(text, /issued by 19 October 2026/);
});

test('a final plan letter encloses the plan: sections A–K, each need with its outcomes and provision', () => {
  const plan = { a: 'Likes trains', needs: [{ senType: 'SLCN' as const, description: 'Speech is hard to follow', outcomes: ['Speaks in sentences'], provision: ['Speech therapy weekly'] }], namedSetting: { name: 'Riverside Primary School' } };
  const { blocks } = letterBlocks('final-plan-cover', LETTER_KINDS['final-plan-cover'], facts({ event: { type: 'final-plan-issued', effectiveDate: '2026-10-01', data: {} }, plan }), 'Final EHC plan');
  const text = blocksText(blocks);
  assert.ok(text.includes('The plan names Riverside Primary School.') || text.some((t) => t.includes('The plan names Riverside Primary School.')));
  assert.ok(blocks.some((b) => b.kind === 'pageBreak'));
  for (const s of ['Final EHC plan', 'Section A: views, interests and aspirations', 'Likes trains', 'Need 1: Speech, language and communication needs', 'Speech is hard to follow', '• Speaks in sentences', '• Speech therapy weekly', 'Section I: placement', 'Riverside Primary School', 'Section K: advice and information']) {
    assert.ok(text.includes(s), s);
  }
});

test('body text → blocks: a paragraph a line, headings, bullets', () => {
  assert.deepEqual(bodyBlocks('One\n\n## Two\n- a\n- b\nThree'), [
    { kind: 'paragraph', text: 'One' }, { kind: 'heading', level: 1, text: 'Two' }, { kind: 'list', items: ['a', 'b'] }, { kind: 'paragraph', text: 'Three' },
  ]);
});
