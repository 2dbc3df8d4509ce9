import type { Kysely } from 'kysely';
import { runSqlScript } from '../../../../platform/db/sql-script.ts';
import { APP_ROLE } from '../../../../platform/db/database.ts';
import { enableAreaIsolation, grantAppRole, makeAppendOnly } from '../../../../platform/db/rls.ts';

// Letter templates an area administrator edits: every save is a new version (append-only), the
// current one is the highest. An issued letter records the version it was made from.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table document_template_version (
      id uuid primary key default gen_random_uuid(),
      area_id uuid not null references area(id),
      kind text not null check (length(kind) between 1 and 60),
      version integer not null check (version >= 1),
      subject text not null check (length(subject) between 1 and 300),
      body text not null check (length(body) between 1 and 20000),
      created_by uuid references app_user(id),
      created_at timestamptz not null default now(),
      unique (area_id, kind, version)
    );
    alter table case_document add column template_version_id uuid references document_template_version(id);
  `);
  await makeAppendOnly(db, ['document_template_version']);
  await enableAreaIsolation(db, ['document_template_version']);
  await grantAppRole(db);
  await runSqlScript(db, `revoke update, delete on document_template_version from ${APP_ROLE};`);
}
