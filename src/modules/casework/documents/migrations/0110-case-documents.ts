import type { Kysely } from 'kysely';
import { runSqlScript } from '../../../../platform/db/sql-script.ts';
import { APP_ROLE } from '../../../../platform/db/database.ts';
import { enableAreaIsolation, grantAppRole, makeAppendOnly } from '../../../../platform/db/rls.ts';

// A case's documents: files uploaded (advice, evidence) and letters issued. The row describes the
// document; its bytes live in case_document_file (one row per format: the uploaded original, or a
// letter's Word and PDF), so lists never load them. Both are append-only: an issued letter or an
// uploaded piece of advice is a record of what was sent or received, never edited in place.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table case_document (
      id uuid primary key default gen_random_uuid(),
      area_id uuid not null references area(id),
      case_id uuid not null,
      source text not null check (source in ('upload', 'letter')),
      kind text not null check (length(kind) between 1 and 60),
      title text not null check (length(title) between 1 and 300),
      advice_event_id uuid references case_event(id),
      event_id uuid references case_event(id),
      created_by uuid references app_user(id),
      created_at timestamptz not null default now(),
      unique (id, area_id),
      foreign key (case_id, area_id) references ehc_case(id, area_id),
      check (source <> 'letter' or event_id is not null)
    );
    create index case_document_case on case_document(case_id, created_at);
    -- One letter per event: issuing twice would send the family two differing "originals".
    create unique index case_document_one_letter on case_document(event_id) where source = 'letter';

    create table case_document_file (
      document_id uuid not null,
      area_id uuid not null,
      format text not null check (format in ('original', 'docx', 'pdf')),
      file_name text not null check (length(file_name) between 1 and 255),
      content_type text not null,
      size_bytes integer not null check (size_bytes > 0),
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      bytes bytea not null,
      primary key (document_id, format),
      foreign key (document_id, area_id) references case_document(id, area_id)
    );
  `);
  await makeAppendOnly(db, ['case_document', 'case_document_file']);
  await enableAreaIsolation(db, ['case_document', 'case_document_file']);
  await grantAppRole(db);
  await runSqlScript(db, `revoke update, delete on case_document, case_document_file from ${APP_ROLE};`);
}
