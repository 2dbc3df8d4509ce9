// Heavy libraries that only a few requests need (spreadsheets, PDFs, Word documents, SMTP) are not loaded
// when the app starts (src/platform/lazy.ts): together they cost start-up time and tens of MB of memory
// that every server would otherwise carry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { registerHooks } from 'node:module';

const LAZY = ['exceljs', 'pdfkit', 'docx', 'nodemailer'];
const loaded = new Set<string>();
registerHooks({
  resolve(specifier, context, nextResolve) {
    const r = nextResolve(specifier, context);
    const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(r.url);
    if (m) loaded.add(m[1]!);
    return r;
  },
});

test('building the app and serving a page loads none of the heavy document and mail libraries', async () => {
  const { buildTestApp } = await import('../helpers/app.ts');
  const t = await buildTestApp();
  try {
    const b = await t.signIn('caseworker@demo.joinedup.invalid');
    assert.equal((await b.get('/account')).statusCode, 200);
    assert.ok(loaded.has('fastify') && loaded.has('nunjucks'), 'the hook sees packages being loaded');
    assert.deepEqual(LAZY.filter((p) => loaded.has(p)), []);
  } finally {
    await t.close();
  }
});
