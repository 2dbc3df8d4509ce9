import { test } from 'node:test';
import assert from 'node:assert/strict';
import nunjucks from 'nunjucks';
import { createNunjucks } from './nunjucks.ts';
import { MacroCache, memoiseTemplates } from './memo.ts';

const memoised = () => {
  const env = createNunjucks({ watch: true }); // watch: no memo of its own, so each test owns its cache
  const cache = memoiseTemplates(env);
  return { env, cache };
};
const plain = () => createNunjucks({ watch: true });

const PAGE = `
{% from "govuk/components/button/macro.njk" import govukButton %}
{% from "govuk/components/inset-text/macro.njk" import govukInsetText %}
{% from "govuk/components/summary-list/macro.njk" import govukSummaryList %}
{{ govukButton({ text: "Save", classes: "govuk-button--secondary" }) }}
{{ govukInsetText({ text: who }) }}
{{ govukSummaryList({ rows: [{ key: { text: "Name" }, value: { text: who } }, { key: { text: "When" }, value: { text: when | govukDate } }] }) }}
`;

test('component HTML is the same with and without the cache, first time and after', () => {
  const { env, cache } = memoised();
  const reference = plain();
  for (const who of ['Casey Worker', 'Mo <Manager>', 'Casey Worker', 'Mo <Manager>']) {
    const data = { who, when: '2026-03-01' };
    assert.equal(env.renderString(PAGE, data), reference.renderString(PAGE, data));
  }
  assert.ok(cache.hits >= 4, `the repeated calls were answered from the cache (${cache.hits} hits)`);
  assert.match(env.renderString(PAGE, { who: 'Mo <Manager>' }), /Mo &lt;Manager&gt;/);
});

test('a call is keyed by everything the template sees: text and markup differ, as do null and undefined', () => {
  const { env } = memoised();
  const tpl = '{% from "govuk/components/inset-text/macro.njk" import govukInsetText %}{{ govukInsetText({ text: t }) }}';
  const escaped = env.renderString(tpl, { t: '<b>bold</b>' });
  const markup = env.renderString(tpl, { t: new nunjucks.runtime.SafeString('<b>bold</b>') });
  assert.match(escaped, /&lt;b&gt;bold/);
  assert.match(markup, /<b>bold<\/b>/);
  const tag = '{% from "govuk/components/tag/macro.njk" import govukTag %}{{ govukTag({ text: "x", classes: c }) }}';
  assert.equal(env.renderString(tag, { c: null }), plain().renderString(tag, { c: null }));
  assert.equal(env.renderString(tag, {}), plain().renderString(tag, {}));
});

test('a {% call %} block is never cached: each caller body is rendered', () => {
  const { env, cache } = memoised();
  const tpl = '{% from "govuk/components/fieldset/macro.njk" import govukFieldset %}{% call govukFieldset({ legend: { text: "L" } }) %}<p>{{ body }}</p>{% endcall %}';
  assert.match(env.renderString(tpl, { body: 'first' }), /<p>first<\/p>/);
  assert.match(env.renderString(tpl, { body: 'second' }), /<p>second<\/p>/);
  assert.equal(cache.hits, 0);
});

test('the cache holds at most its limit of characters, dropping the least recently used', () => {
  const cache = new MacroCache({ maxChars: 100, maxKeyChars: 50, maxHtmlChars: 45 });
  const html = (s: string) => new nunjucks.runtime.SafeString(s) as unknown as { val: string };
  cache.set('a', html('x'.repeat(40)));
  cache.set('b', html('y'.repeat(40)));
  assert.ok(cache.get('a')); // a is now the most recently used
  cache.set('c', html('z'.repeat(40)));
  assert.equal(cache.get('b'), undefined);
  assert.ok(cache.get('a'));
  assert.ok(cache.get('c'));
  assert.ok(cache.chars <= 100);
  cache.set('d', html('w'.repeat(46)));
  assert.equal(cache.get('d'), undefined, 'HTML over maxHtmlChars is not kept');
});

test('calls whose arguments are not plain data are rendered every time', () => {
  const { env, cache } = memoised();
  class Thing { text = 'odd'; }
  const tpl = '{% from "govuk/components/tag/macro.njk" import govukTag %}{{ govukTag(p) }}';
  env.renderString(tpl, { p: new Thing() });
  env.renderString(tpl, { p: new Thing() });
  assert.equal(cache.hits, 0);
  assert.equal(cache.size, 0);
});
