// The web server answers pages while the job queue is still starting, holds back changes until it has
// started (they may enqueue inside their transaction), and answers 503 if it could not start.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp } from '../helpers/app.ts';
import type { Jobs } from '../../src/platform/jobs/jobs.ts';
import { buildApp } from '../../src/app.ts';
import { TestBrowser } from '../helpers/app.ts';

async function appWithJobs(ready: Promise<void>) {
  const base = await buildTestApp();
  const jobs = { ready, enqueue: async () => undefined, work: async () => undefined, stop: async () => undefined } as unknown as Jobs;
  const app = await buildApp({ config: base.config, database: base.database, clock: base.clock, secret: 'test-secret-test-secret-test-secret!', jobs });
  await app.ready();
  return { app, async close() { await app.close(); await base.close(); } };
}

test('pages are served while the queue starts; a form waits for it, then goes through', async () => {
  let start!: () => void;
  const t = await appWithJobs(new Promise<void>((resolve) => { start = resolve; }));
  try {
    const b = new TestBrowser(t.app);
    assert.equal((await b.get('/sign-in')).statusCode, 200);
    let answered = false;
    const post = b.post('/sign-in', { email: 'caseworker@demo.joinedup.invalid', password: 'demo-password-1' }).then((r) => { answered = true; return r; });
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(answered, false, 'the sign-in waits for the queue');
    start();
    assert.equal((await post).statusCode, 303);
  } finally {
    await t.close();
  }
});

test('a queue that could not start: changes get a 503, pages still work', async () => {
  const failed = Promise.reject(new Error('no queue'));
  failed.catch(() => undefined);
  const t = await appWithJobs(failed);
  try {
    const b = new TestBrowser(t.app);
    assert.equal((await b.get('/sign-in')).statusCode, 200);
    const res = await b.post('/sign-in', { email: 'caseworker@demo.joinedup.invalid', password: 'demo-password-1' });
    assert.equal(res.statusCode, 503);
    assert.match(res.body, /job queue is unavailable/);
  } finally {
    await t.close();
  }
});
