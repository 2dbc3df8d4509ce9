// `joinedup plans import|summary|list` as an administrator runs them, on a fresh embedded database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runCli, tempDir } from '../../src/cli/testing.ts';
import { DIRTY_CSV, DIRTY_PROBLEM_FIELDS, PLAN_CSV, planXlsx } from './plans-fixtures.ts';

const DATA_DIR = tempDir('cli-plans');
const env = { DATA_DIR };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let planId = '';

test('plans import prints the new plan\'s id as the last line; plans summary prints its progress as JSON', async () => {
  const area = await runCli(['areas', 'create', '--code', 'E09000099', '--name', 'Test Borough'], env);
  assert.equal(area.code, 0, area.stderr);
  const file = path.join(DATA_DIR, 'pap.csv');
  fs.writeFileSync(file, PLAN_CSV);
  const r = await runCli(['plans', 'import', file, '--area', 'e09000099', '--name', 'Priority action plan 2026', '--as-at', '2026-06-30'], env);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  planId = lines.at(-1)!;
  assert.match(planId, UUID);
  assert.match(r.stderr, /Imported "Priority action plan 2026": 3 priorities, 15 actions, statuses as at 2026-06-30/);

  const s = await runCli(['plans', 'summary', planId, '--as-at', '2026-06-30'], env);
  assert.equal(s.code, 0, s.stderr);
  const summary = JSON.parse(s.stdout);
  assert.equal(summary.plan.id, planId);
  assert.deepEqual(summary.priorities.map((p: Record<string, number>) => [p['reference'], p['actions'], p['percentComplete'], p['percentOnTarget'], p['percentDelayed'], p['percentNotStarted'], p['percentCompleteOrOnTarget']]), [
    ['1', 7, 43, 29, 14, 14, 71], ['2', 5, 0, 60, 40, 0, 60], ['3', 3, 33, 33, 33, 0, 67],
  ]);
  assert.deepEqual([summary.overall.complete, summary.overall.onTarget, summary.overall.delayed, summary.overall.notStarted, summary.overall.percentComplete, summary.overall.percentCompleteOrOnTarget], [4, 6, 4, 1, 27, 67]);
  const before = await runCli(['plans', 'summary', planId, '--as-at', '2026-06-29'], env);
  assert.equal(JSON.parse(before.stdout).overall.actions, 0, 'not in the plan before the date it was imported as at');
});

test('an XLSX imports through the CLI under BRAG', async () => {
  const file = path.join(DATA_DIR, 'plan.xlsx');
  fs.writeFileSync(file, await planXlsx());
  const r = await runCli(['plans', 'import', file, '--area', 'E09000099', '--name', 'ND pathway', '--scheme', 'brag', '--kind', 'wsoa', '--as-at', '2026-07-01'], env);
  assert.equal(r.code, 0, r.stderr);
  const id = r.stdout.trim().split('\n').at(-1)!;
  const s = JSON.parse((await runCli(['plans', 'summary', id, '--as-at', '2026-07-01'], env)).stdout);
  assert.deepEqual([s.plan.scheme, s.plan.kind, s.overall.complete, s.overall.embedded, s.overall.percentComplete, s.overall.percentEmbedded, s.overall.percentCompleteOrOnTarget], ['brag', 'wsoa', 3, 1, 38, 13, 75]);
});

test('a dirty file: every problem on stderr, exit 1, nothing written', async () => {
  const file = path.join(DATA_DIR, 'dirty.csv');
  fs.writeFileSync(file, DIRTY_CSV);
  const r = await runCli(['plans', 'import', file, '--area', 'E09000099', '--name', 'Dirty'], env);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  const problems = r.stderr.trim().split('\n').slice(0, -1);
  assert.deepEqual(problems.map((l) => l.split(':')[0]), DIRTY_PROBLEM_FIELDS);
  assert.match(problems[0]!, /^row 3 status: Cell G3: "Finished" is not a recognised RAG status/);
  assert.match(r.stderr, /8 problems in .*dirty\.csv\. Nothing was imported\.\n$/);
  const list = await runCli(['plans', 'list', '--area', 'E09000099'], env);
  assert.equal(list.code, 0, list.stderr);
  assert.deepEqual(list.stdout.trim().split('\n').slice(2).map((l) => l.split(/\s{2,}/)[1]).sort(), ['ND pathway', 'Priority action plan 2026']);
});

test('usage errors: bad scheme, bad date, unknown plan, missing file', async () => {
  const bad = await runCli(['plans', 'import', 'x.csv', '--area', 'E09000099', '--name', 'X', '--scheme', 'purple'], env);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--scheme must be rag or brag/);
  const date = await runCli(['plans', 'summary', planId, '--as-at', '2026-02-30'], env);
  assert.equal(date.code, 2);
  const unknown = await runCli(['plans', 'summary', '00000000-0000-4000-8000-000000000000'], env);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /There is no improvement plan with id/);
  const missing = await runCli(['plans', 'import', path.join(DATA_DIR, 'nope.csv'), '--area', 'E09000099', '--name', 'X'], env);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no such file/);
});
