// backup and restore of the embedded database, and the data-folder lock between two commands.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { runCli, startCli, tempDir, waitForStderr } from './testing.ts';
import { openDatabase } from '../platform/db/database.ts';

const TMP = tempDir('cli-backup');
const SOURCE = path.join(TMP, 'source');
const BACKUP = path.join(TMP, 'backup.tar.gz');

async function rows(dataDir: string) {
  const database = await openDatabase({ dataDir });
  try {
    return {
      areas: await database.db.selectFrom('area').select(['id', 'code', 'name']).orderBy('code').execute(),
      users: await database.db.selectFrom('app_user').select(['id', 'email', 'status', 'password_hash']).orderBy('email').execute(),
      memberships: await database.db.selectFrom('membership').select(['id', 'role']).orderBy('id').execute(),
    };
  } finally {
    await database.close();
  }
}

/** Every file of a folder with its size and modification time, to show it was not touched. */
function snapshot(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    .map((e) => { const f = path.join(e.parentPath, e.name); const s = fs.statSync(f); return `${f} ${s.size} ${s.mtimeMs}`; }).sort();
}

test('backup refuses when there is no database yet', async () => {
  const r = await runCli(['backup', BACKUP], { DATA_DIR: path.join(TMP, 'nothing') });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /There is no database in .*nothing to back up/);
  assert.equal(fs.existsSync(BACKUP), false);
});

test('backup, then restore into an empty folder, gives the same rows', async () => {
  const env = { DATA_DIR: SOURCE };
  assert.equal((await runCli(['areas', 'create', '--code', 'E08000003', '--name', 'Manchester'], env)).code, 0);
  const user = await runCli(['users', 'create', '--email', 'kim@example.org', '--area', 'E08000003', '--role', 'area-admin'], env, 'a backup test password\n');
  assert.equal(user.code, 0, user.stderr);

  const backup = await runCli(['backup', BACKUP], env);
  assert.equal(backup.code, 0, backup.stderr);
  const head = fs.readFileSync(BACKUP).subarray(0, 2);
  assert.deepEqual([...head], [0x1f, 0x8b], 'a gzip file');

  const target = path.join(TMP, 'restored');
  const restore = await runCli(['restore', BACKUP], { DATA_DIR: target });
  assert.equal(restore.code, 0, restore.stderr);
  assert.match(restore.stderr, /1 area, 1 user/);
  assert.equal(fs.existsSync(path.join(target, 'joinedup.lock')), false, 'the lock is released');

  const [before, after] = [await rows(SOURCE), await rows(target)];
  assert.equal(after.areas.length, 1);
  assert.equal(after.users.length, 1);
  assert.deepEqual(after, before);
  // The restored copy works for the command line too.
  const list = await runCli(['users', 'list'], { DATA_DIR: target });
  assert.match(list.stdout, /kim@example\.org\s+kim\s+active\s+E08000003 area-admin/);
});

test('restore into a folder that holds a database refuses and leaves it alone', async () => {
  const before = snapshot(path.join(SOURCE, 'pgdata'));
  const r = await runCli(['restore', BACKUP], { DATA_DIR: SOURCE });
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /already holds a database/);
  assert.deepEqual(snapshot(path.join(SOURCE, 'pgdata')), before);
  const notABackup = path.join(TMP, 'not-a-backup.txt');
  fs.writeFileSync(notABackup, 'hello');
  const bad = await runCli(['restore', notABackup], { DATA_DIR: path.join(TMP, 'other') });
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /not a backup/);
  assert.equal(fs.existsSync(path.join(TMP, 'other', 'pgdata')), false);
});

test('a second command on a data folder in use fails at once; the worker stops cleanly on SIGTERM', async () => {
  const worker = startCli(['worker'], { DATA_DIR: SOURCE });
  try {
    await waitForStderr(worker, /worker running/);
    const second = await runCli(['areas', 'list'], { DATA_DIR: SOURCE });
    assert.equal(second.code, 1);
    assert.match(second.stderr, new RegExp(`already in use by another Joined Up process \\(pid ${worker.pid}\\)`));
    assert.equal(second.stdout, '');
    assert.ok(second.ms < 30_000, `failed at once (${Math.round(second.ms)} ms), without waiting for the database`);
    const restore = await runCli(['restore', BACKUP], { DATA_DIR: SOURCE });
    assert.notEqual(restore.code, 0);

    const exited = once(worker, 'exit');
    worker.kill('SIGTERM');
    const [code, signal] = await exited as [number | null, NodeJS.Signals | null];
    assert.deepEqual({ code, signal }, { code: 0, signal: null }, 'the worker handled the signal and exited 0');
    assert.equal(fs.existsSync(path.join(SOURCE, 'joinedup.lock')), false, 'the worker released the lock');
  } finally {
    if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
  }
  // Usable again afterwards.
  const after = await runCli(['areas', 'list'], { DATA_DIR: SOURCE });
  assert.equal(after.code, 0, after.stderr);
  assert.match(after.stdout, /E08000003\s+Manchester/);
});
