import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { acquireDataDirLock, DataDirInUseError } from '../../src/platform/db/lock.ts';

test('a data folder can be opened by one process at a time; a stale lock is taken over', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'joinedup-lock-'));
  try {
    const lock = acquireDataDirLock(dir);
    assert.throws(() => acquireDataDirLock(dir), DataDirInUseError);
    // Another process trying the same folder fails at once with the message.
    const child = spawnSync(process.execPath, ['-e', `import('${path.resolve('src/platform/db/lock.ts')}').then(m => { try { m.acquireDataDirLock(${JSON.stringify(dir)}); console.log('GOT'); } catch (e) { console.log(e.message); } })`], { encoding: 'utf8' });
    assert.match(child.stdout, /already in use by another Joined Up process/);
    lock.release();
    assert.equal(fs.existsSync(path.join(dir, 'joinedup.lock')), false);
    fs.writeFileSync(path.join(dir, 'joinedup.lock'), '999999'); // a pid that does not exist
    const again = acquireDataDirLock(dir);
    assert.equal(fs.readFileSync(path.join(dir, 'joinedup.lock'), 'utf8'), String(process.pid));
    again.release();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
