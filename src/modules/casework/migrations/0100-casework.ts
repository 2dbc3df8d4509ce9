import type { Kysely } from 'kysely';
import { runSqlScript } from '../../../platform/db/sql-script.ts';
import { APP_ROLE } from '../../../platform/db/database.ts';
import { enableAreaIsolation, grantAppRole, makeAppendOnly } from '../../../platform/db/rls.ts';

// Statutory casework (SEN2-shaped): the child, the EHC case with cached derived columns for fast
// trays, the append-only event log every status and deadline is derived from, and who is involved.
// Child rows carry (parent id, area_id) foreign keys, so a row can never point into another area.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table child (
      id uuid primary key default gen_random_uuid(),
      area_id uuid not null references area(id),
      given_name text not null check (length(given_name) between 1 and 100),
      family_name text not null check (length(family_name) between 1 and 100),
      date_of_birth date not null,
      upn text check (upn ~ '^[A-Z][0-9]{11}[0-9A-Z]$'),
      uln text check (uln ~ '^[0-9]{10}$'),
      nhs_number text check (nhs_number ~ '^[0-9]{10}$'),
      home_la_code text check (home_la_code ~ '^[0-9]{3}$'),
      carers jsonb not null default '[]'::jsonb,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (id, area_id)
    );
    create index child_area_name on child(area_id, lower(family_name), lower(given_name), date_of_birth);
    create unique index child_area_upn on child(area_id, upn) where upn is not null;

    create table ehc_case (
      id uuid primary key default gen_random_uuid(),
      area_id uuid not null references area(id),
      child_id uuid not null,
      assigned_to uuid references app_user(id),
      opened_on date not null,
      closed_on date,
      stage text not null,
      is_open boolean not null default true,
      next_due_on date,
      next_due_key text,
      next_due_label text,
      overdue boolean not null default false,
      plan_in_force boolean not null default false,
      request_received_on date,
      final_issued_on date,
      event_count integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (id, area_id),
      foreign key (child_id, area_id) references child(id, area_id)
    );
    create index ehc_case_tray on ehc_case(area_id, assigned_to, is_open, next_due_on);
    create index ehc_case_area_due on ehc_case(area_id, is_open, next_due_on);
    create index ehc_case_child on ehc_case(child_id);
    -- One open case per child: a second request while one is open is refused by the service, and
    -- by the database if two arrive at once.
    create unique index ehc_case_one_open on ehc_case(child_id) where is_open;

    create table case_event (
      id uuid primary key default gen_random_uuid(),
      area_id uuid not null,
      case_id uuid not null,
      seq integer not null check (seq >= 1),
      type text not null,
      effective_date date not null,
      recorded_at timestamptz not null default now(),
      recorded_by uuid references app_user(id),
      data jsonb not null default '{}'::jsonb,
      reason text check (reason is null or length(reason) <= 2000),
      corrects_event_id uuid references case_event(id),
      unique (case_id, seq),
      foreign key (case_id, area_id) references ehc_case(id, area_id),
      check ((type = 'correction') = (corrects_event_id is not null)),
      check (type <> 'correction' or reason is not null)
    );

    create table case_involvement (
      area_id uuid not null,
      case_id uuid not null,
      user_id uuid not null references app_user(id),
      reason text not null,
      created_at timestamptz not null default now(),
      primary key (case_id, user_id),
      foreign key (case_id, area_id) references ehc_case(id, area_id)
    );
    create index case_involvement_user on case_involvement(area_id, user_id);


  `);
  // The event log is append-only, like the audit log: corrections are new events, never edits.
  await makeAppendOnly(db, ['case_event']);
  await enableAreaIsolation(db, ['child', 'ehc_case', 'case_event', 'case_involvement']);
  await grantAppRole(db);
  await runSqlScript(db, `revoke update, delete on case_event from ${APP_ROLE};`);
}
