// Row-level security helpers shared by every module's migrations.
import type { Kysely } from 'kysely';
import { runSqlScript } from './sql-script.ts';
import { APP_ROLE } from './database.ts';

/** Creates the non-superuser role area work runs as (roles are cluster-wide, so tolerate a concurrent create). */
export async function ensureAppRole(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    do $$ begin
      if not exists (select 1 from pg_roles where rolname = '${APP_ROLE}') then
        create role ${APP_ROLE} nologin;
      end if;
    exception when duplicate_object or unique_violation then null;
    end $$;
  `);
  // The connecting user must be a member to SET ROLE (superusers are anyway).
  await runSqlScript(db, `
    do $$ begin
      execute format('grant ${APP_ROLE} to %I', current_user);
    exception when others then null;
    end $$;
  `);
}

/**
 * Turns on row-level security for tables holding one area's data. The policy compares area_id with the
 * transaction's `app.area_id`; when it is unset nothing is visible to the app role.
 */
export async function enableAreaIsolation(db: Kysely<unknown>, tables: string[]): Promise<void> {
  for (const t of tables) {
    if (!/^[a-z_]+$/.test(t)) throw new Error(`bad table name ${t}`);
    await runSqlScript(db, `
      alter table ${t} enable row level security;
      create policy ${t}_area_isolation on ${t}
        using (area_id = nullif(current_setting('app.area_id', true), '')::uuid)
        with check (area_id = nullif(current_setting('app.area_id', true), '')::uuid);
    `);
  }
}

/** Grants the app role use of everything in the current schema (call at the end of each migration). */
export async function grantAppRole(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    do $$ begin
      execute format('grant usage on schema %I to ${APP_ROLE}', current_schema());
      execute format('grant select, insert, update, delete on all tables in schema %I to ${APP_ROLE}', current_schema());
      execute format('grant usage, select on all sequences in schema %I to ${APP_ROLE}', current_schema());
    end $$;
  `);
}

/**
 * Makes tables append-only in the database itself: update, delete and truncate are refused whoever asks
 * (triggers apply to the owner and superusers too). Used for the audit log and every history table.
 */
export async function makeAppendOnly(db: Kysely<unknown>, tables: string[]): Promise<void> {
  await runSqlScript(db, `
    create or replace function refuse_append_only_change() returns trigger language plpgsql as $$
    begin
      raise exception '% is append-only: % is not allowed', tg_table_name, tg_op using errcode = '42501';
    end $$;
  `);
  for (const t of tables) {
    if (!/^[a-z_]+$/.test(t)) throw new Error(`bad table name ${t}`);
    await runSqlScript(db, `
      create trigger ${t}_append_only before update or delete on ${t}
        for each row execute function refuse_append_only_change();
      create trigger ${t}_no_truncate before truncate on ${t}
        for each statement execute function refuse_append_only_change();
    `);
  }
}
