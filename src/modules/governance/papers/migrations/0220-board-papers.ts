import type { Kysely } from 'kysely';
import { runSqlScript } from '../../../../platform/db/sql-script.ts';
import { APP_ROLE } from '../../../../platform/db/database.ts';
import { enableAreaIsolation, grantAppRole } from '../../../../platform/db/rls.ts';

// Board papers: a draft's title block and narrative, and, once issued, the exact documents and data
// as issued. An issue row is immutable: the database refuses to change or remove it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table board_paper (
      id uuid primary key default gen_random_uuid(),
      area_id uuid not null references area(id),
      plan_id text,
      self_evaluation_id uuid references self_evaluation(id),
      as_at date not null,
      paper_date date not null,
      report_to text not null check (length(report_to) between 1 and 300),
      reporting_officer text not null check (length(reporting_officer) between 1 and 300),
      subject text not null check (length(subject) between 1 and 300),
      purpose text not null default '',
      recommendations text not null default '',
      summary text not null default '',
      free_text text not null default '',
      status text not null default 'draft' check (status in ('draft','issued')),
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index board_paper_area on board_paper(area_id, created_at desc);
    create table board_paper_issue (
      paper_id uuid primary key references board_paper(id),
      area_id uuid not null references area(id),
      issued_on date not null,
      issued_at timestamptz not null default now(),
      issued_by uuid,
      docx bytea not null,
      pdf bytea not null,
      docx_sha256 text not null,
      pdf_sha256 text not null,
      data jsonb not null
    );
    create function refuse_board_paper_issue_change() returns trigger language plpgsql as $$
    begin
      raise exception 'an issued board paper cannot be changed: % is not allowed', tg_op using errcode = '42501';
    end $$;
    create trigger board_paper_issue_immutable before update or delete on board_paper_issue
      for each row execute function refuse_board_paper_issue_change();
    -- Once issued, a paper's own row is frozen too.
    create function refuse_issued_paper_change() returns trigger language plpgsql as $$
    begin
      if old.status = 'issued' then
        raise exception 'an issued board paper cannot be changed' using errcode = '42501';
      end if;
      return case when tg_op = 'DELETE' then old else new end;
    end $$;
    create trigger board_paper_frozen_when_issued before update or delete on board_paper
      for each row execute function refuse_issued_paper_change();
  `);
  await enableAreaIsolation(db, ['board_paper', 'board_paper_issue']);
  await grantAppRole(db);
  await runSqlScript(db, `revoke update, delete on board_paper_issue from ${APP_ROLE};`);
}
