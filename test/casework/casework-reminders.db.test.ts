// Casework email over a real SMTP server started in-process: reminders before each statutory deadline
// and once overdue, advice requests and reminders to contributors, the morning digest. Each reminder
// is sent exactly once however often the job runs. Today is Monday 23 November 2026 (the test clock).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { buildTestApp, type TestBrowser } from '../helpers/app.ts';
import { backends } from '../helpers/db.ts';
import { CASEWORK_DIGEST_QUEUE, CASEWORK_REMINDER_QUEUE } from '../../src/modules/casework/queue.ts';

interface Received { to: string[]; subject: string; text: string }

/** An SMTP server on a free port that keeps what it receives (plain text mail, as the app sends). */
async function startSmtp(): Promise<{ port: number; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (d: string) => { raw += d; });
      stream.on('end', () => {
        const split = raw.indexOf('\r\n\r\n');
        const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
        let body = raw.slice(split + 4);
        if (/^Content-Transfer-Encoding: quoted-printable/mi.test(head)) {
          body = Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
        }
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: /^Subject: (.*)$/m.exec(head)?.[1] ?? '', text: body.replace(/\r\n/g, '\n') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.server.address() as AddressInfo).port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const date = (prefix: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${prefix}-day`]: String(Number(d)), [`${prefix}-month`]: String(Number(m)), [`${prefix}-year`]: y! };
};
async function newCase(b: TestBrowser, given: string, family: string, receivedOn: string): Promise<string> {
  await b.get('/casework/new');
  const res = await b.post('/casework/new', { givenName: given, familyName: family, ...date('dateOfBirth', '2016-05-05'), requester: 'parent', ...date('receivedOn', receivedOn) });
  assert.equal(res.statusCode, 303, res.body);
  return /\/casework\/cases\/([0-9a-f-]{36})/.exec(String(res.headers.location))![1]!;
}
async function record(b: TestBrowser, caseId: string, type: string, on: string, form: Record<string, string> = {}) {
  await b.get(`/casework/cases/${caseId}/record/${type}`);
  const res = await b.post(`/casework/cases/${caseId}/record/${type}`, { ...date('effectiveDate', on), ...form });
  assert.equal(res.statusCode, 303, res.body);
  assert.equal(res.headers.location, `/casework/cases/${caseId}?done=recorded`);
}
const ref = (id: string) => id.slice(0, 8).toUpperCase();
const NAMES = /Zebedee|Quill|Ottoline|Marsh|Peregrine|Fitch|Winifred|Hale|Barnaby|Stroud/;

for (const backend of backends()) {
  test(`${backend.name}: reminders, advice requests and the digest arrive over SMTP, each once`, async (t) => {
    const smtp = await startSmtp();
    const database = await backend.open('reminders');
    const app = await buildTestApp({ database, env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, PUBLIC_URL: 'https://joinedup.example' } });
    t.after(async () => { await app.close(); await database.close(); await smtp.close(); });
    assert.equal(app.app.ctx.mailer.transport.kind, 'smtp');
    const runJob = async (name: string) => {
      await app.app.ctx.jobDefinitions.find((j) => j.name === name)!.handler({});
      return app.app.ctx.mailer.deliverQueued();
    };

    const cw = await app.signIn('caseworker@demo.joinedup.invalid');
    const mgr = await app.signIn('manager@demo.joinedup.invalid');
    const epId = (await database.db.selectFrom('app_user').select('id').where('email', '=', 'ep@demo.joinedup.invalid').executeTakeFirstOrThrow()).id;
    // Decision whether to assess due Tuesday 24 November (1 working day), Monday 7 December
    // (10 working days), Monday 14 December (15: nothing yet), and one overdue since 13 October.
    const soon = await newCase(cw, 'Zebedee', 'Quill', '2026-10-13');
    const tenDays = await newCase(cw, 'Ottoline', 'Marsh', '2026-10-26');
    await newCase(cw, 'Peregrine', 'Fitch', '2026-11-02');
    const late = await newCase(cw, 'Winifred', 'Hale', '2026-09-01');
    // The manager's case is gathering advice: from the EP (a Joined Up user, overdue since 16 November)
    // and from an external health adviser whose request is recorded now.
    const advice = await newCase(mgr, 'Barnaby', 'Stroud', '2026-09-01');
    await record(mgr, advice, 'decision-to-assess', '2026-09-20');
    await record(mgr, advice, 'advice-requested', '2026-10-05', { contributor: 'ep', contributorUserId: epId });
    await record(mgr, advice, 'advice-requested', '2026-11-20', { contributor: 'health', contributorName: 'Community paediatrics', contributorEmail: 'adviser@health.example' });

    await t.test('the advice request is emailed when it is recorded, with its due date (6 weeks from receipt)', async () => {
      assert.equal(await app.app.ctx.mailer.deliverQueued(), 1, 'the EP\'s request was already overdue when recorded: the job reminds instead');
      assert.equal(smtp.received.length, 1);
      const [m] = smtp.received;
      assert.deepEqual(m!.to, ['adviser@health.example']);
      assert.equal(m!.subject, `Advice requested for EHC needs assessment ${ref(advice)}: due Friday 1 January 2027`);
      assert.match(m!.text, /Please send your advice by Friday 1 January 2027: 6 weeks from Friday 20 November 2026, the day you received the request/);
      assert.match(m!.text, /Morgan Manager <manager@demo\.joinedup\.invalid>/);
      assert.doesNotMatch(m!.text, /casework\/cases/, 'no link for someone who cannot sign in');
      assert.doesNotMatch(m!.text, NAMES);
    });

    await t.test('the daily job emails each reminder due today, naming no child', async () => {
      smtp.received.length = 0;
      assert.equal(await runJob(CASEWORK_REMINDER_QUEUE), 4);
      const got = smtp.received.map((m) => [m.to.join(','), m.subject]).sort();
      assert.deepEqual(got, [
        ['caseworker@demo.joinedup.invalid', `Case ${ref(late)}: Decision whether to assess overdue`],
        ['caseworker@demo.joinedup.invalid', `Case ${ref(soon)}: Decision whether to assess due Tuesday 24 November 2026`],
        ['caseworker@demo.joinedup.invalid', `Case ${ref(tenDays)}: Decision whether to assess due Monday 7 December 2026`],
        ['ep@demo.joinedup.invalid', `Reminder: advice for EHC needs assessment ${ref(advice)} is overdue`],
      ].sort());
      const bySubject = (s: string) => smtp.received.find((m) => m.subject.includes(s))!;
      assert.match(bySubject(ref(soon)).text, /is due on Tuesday 24 November 2026, in 1 working day\./);
      assert.match(bySubject(ref(soon)).text, new RegExp(`Open the case: https://joinedup\\.example/casework/cases/${soon}`));
      assert.match(bySubject(ref(late)).text, /was due on Tuesday 13 October 2026 and is overdue/);
      assert.match(bySubject(ref(tenDays)).text, /in 10 working days/);
      assert.match(bySubject('Reminder: advice').text, /requested on Monday 5 October 2026, was due on Monday 16 November 2026 and is overdue/);
      for (const m of smtp.received) assert.doesNotMatch(`${m.subject}\n${m.text}`, NAMES);
    });

    await t.test('running the job again (a retry, a second worker, the next day) sends nothing new', async () => {
      smtp.received.length = 0;
      assert.equal(await runJob(CASEWORK_REMINDER_QUEUE), 0);
      app.clock.set('2026-11-24T10:00:00Z'); // Zebedee's decision is due today: still the same 2-day stage
      assert.equal(await runJob(CASEWORK_REMINDER_QUEUE), 0);
      assert.equal(smtp.received.length, 0);
      const reminders = await database.db.selectFrom('case_reminder').select(['case_id', 'stage']).execute();
      assert.equal(reminders.length, 5);
    });

    await t.test('a step that becomes overdue gets one more email; advice once received gets no more reminders', async () => {
      smtp.received.length = 0;
      app.clock.set('2026-11-25T10:00:00Z');
      assert.equal(await runJob(CASEWORK_REMINDER_QUEUE), 1);
      assert.deepEqual(smtp.received.map((m) => [m.to.join(','), m.subject]), [['caseworker@demo.joinedup.invalid', `Case ${ref(soon)}: Decision whether to assess overdue`]]);
      // The health adviser answers; on 21 December their advice (due 1 January) would be 6 working days away.
      const requests = await database.db.selectFrom('case_event').select('id').where('case_id', '=', advice).where('type', '=', 'advice-requested').orderBy('seq').execute();
      // Two days on, the manager signs in again (sessions do not last that long).
      await record(await app.signIn('manager@demo.joinedup.invalid'), advice, 'advice-received', '2026-11-25', { adviceEventId: requests[1]!.id });
      smtp.received.length = 0;
      app.clock.set('2026-12-21T10:00:00Z');
      assert.ok(await runJob(CASEWORK_REMINDER_QUEUE) > 0);
      assert.deepEqual(smtp.received.filter((m) => m.to.includes('adviser@health.example')), []);
      assert.ok(smtp.received.some((m) => m.subject === `Case ${ref(tenDays)}: Decision whether to assess overdue`));
    });

    await t.test('the morning digest arrives over SMTP too', async () => {
      app.clock.set('2026-11-23T10:00:00Z');
      smtp.received.length = 0;
      assert.equal(await runJob(CASEWORK_DIGEST_QUEUE), 2);
      assert.deepEqual(smtp.received.map((m) => [m.to.join(','), m.subject]).sort(), [
        ['caseworker@demo.joinedup.invalid', 'Your casework: 1 overdue, 2 due within 14 days'],
        ['manager@demo.joinedup.invalid', 'Your casework: 1 overdue'],
      ]);
      assert.match(smtp.received.find((m) => m.to[0] === 'caseworker@demo.joinedup.invalid')!.text, /Overdue: https:\/\/joinedup\.example\/casework\?filter=overdue/);
      for (const m of smtp.received) assert.doesNotMatch(m.text, NAMES);
    });
  });
}
