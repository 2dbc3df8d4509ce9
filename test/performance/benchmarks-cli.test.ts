// `joinedup benchmarks import` on an embedded database: a folder with errors is refused with every
// problem listed and exit 1; the shipped reference folder imports and is listed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runCli, tempDir, ROOT } from '../../src/cli/testing.ts';

const DATA_DIR = tempDir('cli-benchmarks');
const env = { DATA_DIR };

test('a folder with a renamed column and missing files is refused: exit 1, each problem with file, line and column', async () => {
  const dir = tempDir('cli-benchmarks-bad');
  for (const f of ['la-lookup.csv', 'sn-model-long.csv']) fs.copyFileSync(path.join(ROOT, 'reference/lait-2025', f), path.join(dir, f));
  const text = fs.readFileSync(path.join(ROOT, 'reference/dfe-ehcp-2025/timeliness_20_week.csv'), 'utf8');
  fs.writeFileSync(path.join(dir, 'timeliness_20_week.csv'), text.replace('plans_issued_den_ex', 'plans_issued_denominator_ex'));
  const r = await runCli(['benchmarks', 'import', dir], env);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /Nothing was changed: the previous benchmark data stays in force/);
  assert.match(r.stderr, /- timeliness_20_week\.csv, line 1, column plans_issued_den_ex: required column "plans_issued_den_ex" is missing/);
  assert.match(r.stderr, /- caseload\.csv: file not found/);
  assert.equal(r.stdout, '');
});

test('the reference folder imports; the imports are listed', async () => {
  const r = await runCli(['benchmarks', 'import', path.join(ROOT, 'reference')], env);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^import\s+files\s+councils\s+neighbours\s+values\s+warnings\s+seconds$/m);
  assert.match(r.stdout, /^2\s+10\s+153\s+1530\s+19\d{3}\s+44\s+[\d.]+$/m);
  const list = await runCli(['benchmarks', 'imports'], env);
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, /^2\s+\S+ \S+\s+succeeded\s+10\s+19\d{3}\s+cli:/m);
  assert.match(list.stdout, /^1\s+\S+ \S+\s+rejected\s+/m);
});
