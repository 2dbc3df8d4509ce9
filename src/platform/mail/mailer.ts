// Email goes through the job queue: `send` records the message and enqueues its delivery in the caller's
// transaction; the worker delivers it (SMTP or the outbox folder) and retries with back-off on failure.
import path from 'node:path';
import type { Transaction } from 'kysely';
import type { DB } from '../../db-types.ts';
import type { Config } from '../../config.ts';
import type { Database } from '../db/database.ts';
import type { Jobs, JobDefinition } from '../jobs/jobs.ts';
import { createTransport, type MailTransport } from './transport.ts';

export const MAIL_QUEUE = 'mail-send';

export interface Mailer {
  transport: MailTransport;
  outboxDir: string;
  send(trx: Transaction<DB>, mail: { to: string; subject: string; text: string; areaId?: string | null }): Promise<void>;
  jobDefinition(): JobDefinition;
  /** Delivers every queued message now (the CLI and tests, when no worker runs). */
  deliverQueued(): Promise<number>;
}

export function createMailer(deps: { database: Database; jobs?: Jobs | undefined }, config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'dataDir'>): Mailer {
  const outboxDir = path.join(config.dataDir, 'outbox');
  const transport = createTransport({ smtpUrl: config.smtpUrl, from: config.mailFrom, outboxDir });
  const db = deps.database.db;

  async function deliver(id: string): Promise<void> {
    const mail = await db.selectFrom('mail').selectAll().where('id', '=', id).executeTakeFirst();
    if (!mail || mail.status === 'sent') return;
    try {
      await transport.deliver({ to: mail.to_address, subject: mail.subject, text: mail.body_text });
      await db.updateTable('mail').set({ status: 'sent', sent_at: new Date(), attempts: mail.attempts + 1, last_error: null }).where('id', '=', id).execute();
    } catch (err) {
      await db.updateTable('mail').set({ attempts: mail.attempts + 1, last_error: (err as Error).message.slice(0, 500) }).where('id', '=', id).execute();
      throw err; // pg-boss retries with back-off
    }
  }

  return {
    transport, outboxDir,
    async send(trx, mail) {
      const row = await trx.insertInto('mail').values({ to_address: mail.to, subject: mail.subject, body_text: mail.text, area_id: mail.areaId ?? null })
        .returning('id').executeTakeFirstOrThrow();
      if (deps.jobs) await deps.jobs.enqueue(trx, MAIL_QUEUE, { mailId: row.id });
    },
    jobDefinition: () => ({ name: MAIL_QUEUE, retryLimit: 8, retryDelaySeconds: 30, handler: async (data) => deliver(String(data['mailId'])) }),
    async deliverQueued() {
      const queued = await db.selectFrom('mail').select('id').where('status', '=', 'queued').orderBy('created_at').execute();
      for (const m of queued) await deliver(m.id);
      return queued.length;
    },
  };
}
