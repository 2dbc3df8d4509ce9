import type { Kysely } from 'kysely';
import { runSqlScript } from '../../../platform/db/sql-script.ts';
import { enableAreaIsolation, grantAppRole } from '../../../platform/db/rls.ts';

// Reminders already sent, one row per case, deadline, due date and stage ("10 working days before",
// "overdue", the advice request itself…). The reminder job inserts the row in the same transaction
// as the email's outbox row and sends only when the insert is new, so retries, re-runs and two
// workers at once never send the same reminder twice. A corrected due date is a new deadline.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table case_reminder (
      area_id uuid not null,
      case_id uuid not null,
      deadline_key text not null,
      due_on date not null,
      stage text not null,
      recipient text not null,
      sent_on date not null,
      created_at timestamptz not null default now(),
      primary key (case_id, deadline_key, due_on, stage),
      foreign key (case_id, area_id) references ehc_case(id, area_id)
    );
    create index case_reminder_area on case_reminder(area_id, sent_on);
  `);
  await enableAreaIsolation(db, ['case_reminder']);
  await grantAppRole(db);
}
