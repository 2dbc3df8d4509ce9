import type { Kysely } from 'kysely';
import { runSqlScript } from '../sql-script.ts';
import { APP_ROLE } from '../database.ts';
import { enableAreaIsolation, ensureAppRole, grantAppRole, makeAppendOnly } from '../rls.ts';

// The foundation: areas, organisations, people, sessions, tokens, mail, and the append-only audit log.
export async function up(db: Kysely<unknown>): Promise<void> {
  await ensureAppRole(db);
  await runSqlScript(db, `
    create table area (
      id uuid primary key default gen_random_uuid(),
      code text not null unique check (code ~ '^[A-Z][0-9]{8}$'),
      name text not null check (length(name) between 1 and 200),
      region_code text, region_name text, icb_name text,
      created_at timestamptz not null default now()
    );
    create table organisation (
      id uuid primary key default gen_random_uuid(),
      area_id uuid not null references area(id),
      kind text not null check (kind in ('la-team','icb','nhs-provider','school','college','early-years','social-care','parent-carer-forum','other')),
      name text not null check (length(name) between 1 and 200),
      urn text check (urn ~ '^[0-9]{6,7}$'),
      ukprn text check (ukprn ~ '^[0-9]{8}$'),
      created_at timestamptz not null default now(),
      unique (area_id, name)
    );
    create table app_user (
      id uuid primary key default gen_random_uuid(),
      email text not null unique check (email = lower(email) and email like '%@%'),
      name text not null,
      password_hash text,
      status text not null default 'invited' check (status in ('active','invited','disabled')),
      totp_secret text,
      totp_enabled boolean not null default false,
      totp_last_step bigint,
      failed_sign_ins integer not null default 0,
      locked_until timestamptz,
      password_changed_at timestamptz,
      created_at timestamptz not null default now()
    );
    create table membership (
      id uuid primary key default gen_random_uuid(),
      area_id uuid not null references area(id),
      user_id uuid not null references app_user(id),
      organisation_id uuid not null references organisation(id),
      role text not null,
      created_at timestamptz not null default now(),
      unique (user_id, organisation_id, role)
    );
    create index membership_area_user on membership(area_id, user_id);
    create table user_session (
      id_hash text primary key,
      user_id uuid not null references app_user(id),
      area_id uuid not null references area(id),
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null,
      second_factor_done boolean not null default false,
      ip text, user_agent text
    );
    create index user_session_by_user on user_session(user_id);
    create table one_time_token (
      id uuid primary key default gen_random_uuid(),
      token_hash text not null unique,
      purpose text not null check (purpose in ('invite','reset')),
      user_id uuid not null references app_user(id),
      area_id uuid references area(id),
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null default now()
    );
    create table api_token (
      id uuid primary key default gen_random_uuid(),
      area_id uuid not null references area(id),
      user_id uuid not null references app_user(id),
      name text not null,
      token_hash text not null unique,
      prefix text not null,
      expires_at timestamptz not null,
      revoked_at timestamptz,
      last_used_at timestamptz,
      created_at timestamptz not null default now()
    );
    -- Failed sign-ins are counted per email address (hashed), whether or not the address belongs to
    -- anyone, so lockout answers the same for an unknown email as for a wrong password.
    create table sign_in_throttle (
      email_hash text primary key,
      failures integer not null default 0,
      first_failure_at timestamptz not null,
      locked_until timestamptz
    );
    create table audit_event (
      id bigserial primary key,
      area_id uuid references area(id),
      at timestamptz not null default now(),
      actor_user_id uuid,
      actor_label text not null,
      action text not null,
      entity_type text, entity_id text,
      ip text, request_id text,
      detail jsonb
    );
    create index audit_event_area_at on audit_event(area_id, at desc);
    create table mail (
      id uuid primary key default gen_random_uuid(),
      area_id uuid references area(id),
      to_address text not null,
      subject text not null,
      body_text text not null,
      status text not null default 'queued' check (status in ('queued','sent','failed')),
      attempts integer not null default 0,
      last_error text,
      created_at timestamptz not null default now(),
      sent_at timestamptz
    );


  `);

  // The audit log is append-only: the database itself refuses to change or remove a row.
  await makeAppendOnly(db, ['audit_event']);
  await enableAreaIsolation(db, ['organisation', 'membership', 'api_token', 'audit_event', 'mail']);
  // The area row itself: an area-scoped transaction sees only its own area.
  await runSqlScript(db, `
    alter table area enable row level security;
    create policy area_isolation on area using (id = nullif(current_setting('app.area_id', true), '')::uuid);
  `);
  // Users are global (one person may work in several areas); area work may read them but not
  // change credentials, which only the system path (sign-in, CLI) does.
  await grantAppRole(db);
  await runSqlScript(db, `revoke update, delete on audit_event from ${APP_ROLE}; revoke delete on user_session from ${APP_ROLE};`);
}
