// Jobs are enqueued in the transaction of the change that causes them: a rolled-back change sends
// nothing. Email goes through the queue with retries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backends } from '../helpers/db.ts';
import { startJobs } from '../../src/platform/jobs/jobs.ts';
import { QUEUES } from '../../src/platform/jobs/queues.ts';
import { createMailer } from '../../src/platform/mail/mailer.ts';
import { readOutbox } from '../../src/platform/mail/transport.ts';
import { withArea } from '../../src/platform/db/database.ts';

async function waitFor(check: () => boolean, ms = 15000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timed out waiting');
}

for (const backend of backends()) {
  test(`${backend.name}: mail enqueued in a committed transaction is delivered; a rolled-back one is not`, async (t) => {
    const database = await backend.open('jobs');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'joinedup-jobs-'));
    const jobs = await startJobs(database, QUEUES);
    t.after(async () => { await jobs.stop(); await database.close(); fs.rmSync(dataDir, { recursive: true, force: true }); });
    const mailer = createMailer({ database, jobs }, { smtpUrl: undefined, mailFrom: 'test@example.test', dataDir });
    await jobs.work([mailer.jobDefinition()]);
    const area = await database.db.insertInto('area').values({ code: 'E99999993', name: 'Jobs area' }).returning('id').executeTakeFirstOrThrow();

    // Enqueued from an area-scoped transaction (the app role), as request handlers do.
    await withArea(database.db, area.id, (trx) => mailer.send(trx, { to: 'kept@example.test', subject: 'Kept', text: 'hello', areaId: area.id }));
    await assert.rejects(withArea(database.db, area.id, async (trx) => {
      await mailer.send(trx, { to: 'lost@example.test', subject: 'Lost', text: 'never', areaId: area.id });
      throw new Error('the change failed');
    }));
    await waitFor(() => readOutbox(mailer.outboxDir).length >= 1);
    await new Promise((r) => setTimeout(r, 1500)); // give a wrongly queued second mail time to appear
    assert.deepEqual(readOutbox(mailer.outboxDir).map((m) => m.to), ['kept@example.test']);
    const rows = await database.db.selectFrom('mail').select(['to_address', 'status']).execute();
    assert.deepEqual(rows, [{ to_address: 'kept@example.test', status: 'sent' }]);
  });
}
