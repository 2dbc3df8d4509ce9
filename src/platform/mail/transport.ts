// Delivers an email: through SMTP when SMTP_URL is set, otherwise into the outbox folder in DATA_DIR
// (one .eml file a message), which the demo shows at /outbox.
import { nodemailer } from '../lazy.ts';
import fs from 'node:fs';
import path from 'node:path';

export interface OutgoingMail { to: string; subject: string; text: string }
export interface MailTransport { deliver(mail: OutgoingMail): Promise<void>; readonly kind: 'smtp' | 'outbox' }

export function createTransport(opts: { smtpUrl: string | undefined; from: string; outboxDir: string }): MailTransport {
  if (opts.smtpUrl) {
    const t = nodemailer().createTransport(opts.smtpUrl);
    return {
      kind: 'smtp',
      async deliver(m) { await t.sendMail({ from: opts.from, to: m.to, subject: m.subject, text: m.text }); },
    };
  }
  return {
    kind: 'outbox',
    async deliver(m) {
      fs.mkdirSync(opts.outboxDir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const file = path.join(opts.outboxDir, `${stamp}-${Math.random().toString(36).slice(2, 8)}.eml`);
      const eml = `From: ${opts.from}\r\nTo: ${m.to}\r\nSubject: ${m.subject}\r\nDate: ${new Date().toUTCString()}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${m.text}`;
      fs.writeFileSync(`${file}.tmp`, eml);
      fs.renameSync(`${file}.tmp`, file);
    },
  };
}

export interface OutboxMessage { file: string; to: string; subject: string; date: string; text: string }

/** Reads the outbox, newest first (demo and tests). */
export function readOutbox(outboxDir: string): OutboxMessage[] {
  if (!fs.existsSync(outboxDir)) return [];
  return fs.readdirSync(outboxDir).filter((f) => f.endsWith('.eml')).sort().reverse().map((file) => {
    const raw = fs.readFileSync(path.join(outboxDir, file), 'utf8');
    const [head = '', ...body] = raw.split('\r\n\r\n');
    const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'm').exec(head)?.[1] ?? '';
    return { file, to: header('To'), subject: header('Subject'), date: header('Date'), text: body.join('\r\n\r\n') };
  });
}
