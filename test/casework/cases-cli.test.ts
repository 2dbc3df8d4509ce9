// `joinedup cases import` as an administrator runs it, on a fresh embedded database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runCli, tempDir } from '../../src/cli/testing.ts';

const DATA_DIR = tempDir('cli-cases');
const env = { DATA_DIR };
const HEADER = 'given_name,family_name,date_of_birth,upn,request_received,requester,decision_to_assess_on,decided_to_assess,draft_issued_on,final_issued_on,caseworker_email,external_reference';
const GOOD = [HEADER, 'Ann,Able,2015-03-04,A123456789012,2026-01-05,parent,2026-02-10,yes,2026-04-20,2026-05-15,cw@cli.invalid,OLD-1', 'Ben,Baker,12/07/2016,,2026-09-01,school,,,,,,OLD-2'].join('\n');

test('cases import: a dirty file is refused row by row; a good one imports once; the same file again is refused', async () => {
  assert.equal((await runCli(['areas', 'create', '--code', 'E09000098', '--name', 'Import Borough'], env)).code, 0);
  const user = await runCli(['users', 'create', '--email', 'cw@cli.invalid', '--area', 'E09000098', '--role', 'caseworker', '--name', 'Casey Worker'], env, 'a long enough test password\n');
  assert.equal(user.code, 0, user.stderr);

  const dirty = path.join(DATA_DIR, 'dirty.csv');
  fs.writeFileSync(dirty, `${GOOD}\nCal,Carr,2012-02-30,,2026-01-05,parent,2026-02-10,yes,2026-05-20,2026-05-01,,\n`);
  const d = await runCli(['cases', 'import', dirty, '--area', 'E09000098'], env);
  assert.equal(d.code, 1);
  assert.equal(d.stdout, '');
  assert.deepEqual(d.stderr.trim().split('\n'), [
    'row 4, column date_of_birth: "2012-02-30" is not a real date',
    'row 4, column final_issued_on: The final plan (Friday 1 May 2026) cannot be issued before its draft (Wednesday 20 May 2026)',
    `joinedup cases import: 2 problems in ${dirty}. Nothing was imported.`,
  ]);

  const good = path.join(DATA_DIR, 'good.csv');
  fs.writeFileSync(good, GOOD);
  const dry = await runCli(['cases', 'import', good, '--area', 'E09000098', '--dry-run'], env);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /^Checked \(dry run, nothing written\): 2 cases, 2 new children, 6 events;/);
  const r = await runCli(['cases', 'import', good, '--area', 'e09000098'], env);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Imported: 2 cases, 2 new children, 6 events; \d+ with a step overdue today\.\n {2}Plan in force: 1\n {2}Request received: deciding whether to assess: 1\n$/);

  const again = await runCli(['cases', 'import', good, '--area', 'E09000098'], env);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /^row 2, column upn: this child already has an open case in this area, opened on Monday 5 January 2026: a duplicate request cannot be imported\nrow 3, column given_name: this child already has an open case/);
  assert.match(again.stderr, /2 problems in .*good\.csv\. Nothing was imported\.\n$/);
});

test('cases recompute replays the imported cases and reports what changed', async () => {
  // Runs after the import above, on the same data folder: its two open cases are already up to date.
  const r = await runCli(['cases', 'recompute', '--area', 'E09000098'], env);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^E09000098: 2 cases \(6 events\) replayed in \d+ ms; 0 updated\.\n$/);
  const all = await runCli(['cases', 'recompute', '--all'], env);
  assert.equal(all.code, 0, all.stderr);
  assert.match(all.stdout, /E09000098: 2 cases \(6 events\) replayed in \d+ ms; 0 updated\./);
  const bad = await runCli(['cases', 'recompute', '--area', 'E09000097'], env);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /There is no area with code E09000097/);
});
