import type { Kysely } from 'kysely';
import { runSqlScript } from '../../../../platform/db/sql-script.ts';
import { APP_ROLE } from '../../../../platform/db/database.ts';
import { enableAreaIsolation, grantAppRole, makeAppendOnly } from '../../../../platform/db/rls.ts';

// Risk registers (domain.md §6.2) and RAG self-evaluation against an inspection framework.
// Assessments are an append-only history: the database refuses to change or remove one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table risk_band_setting (
      area_id uuid primary key references area(id),
      bands jsonb not null,
      updated_at timestamptz not null default now(),
      updated_by uuid
    );
    create table risk (
      id uuid primary key default gen_random_uuid(),
      area_id uuid not null references area(id),
      reference text not null check (length(reference) between 1 and 30),
      title text not null check (length(title) between 1 and 300),
      cause text not null default '',
      consequence text not null default '',
      owner text not null default '',
      category text not null default 'strategic',
      linked_priorities jsonb not null default '[]',
      treatment text not null default 'treat' check (treatment in ('treat','tolerate','transfer','terminate')),
      status text not null default 'open' check (status in ('open','closed')),
      raised_on date not null,
      last_reviewed_on date,
      next_review_on date,
      inherent_likelihood smallint check (inherent_likelihood between 1 and 5),
      inherent_impact smallint check (inherent_impact between 1 and 5),
      residual_likelihood smallint check (residual_likelihood between 1 and 5),
      residual_impact smallint check (residual_impact between 1 and 5),
      target_likelihood smallint check (target_likelihood between 1 and 5),
      target_impact smallint check (target_impact between 1 and 5),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (area_id, reference),
      check (next_review_on is null or next_review_on >= raised_on),
      check (last_reviewed_on is null or last_reviewed_on >= raised_on)
    );
    create table risk_assessment (
      id bigserial primary key,
      area_id uuid not null references area(id),
      risk_id uuid not null references risk(id),
      assessed_on date not null,
      kind text not null check (kind in ('inherent','residual','target')),
      likelihood smallint not null check (likelihood between 1 and 5),
      impact smallint not null check (impact between 1 and 5),
      score smallint not null check (score between 1 and 25),
      band text not null,
      note text,
      assessed_by uuid,
      created_at timestamptz not null default now()
    );
    create index risk_assessment_by_risk on risk_assessment(risk_id, assessed_on, id);
    create table risk_control (
      id uuid primary key default gen_random_uuid(),
      area_id uuid not null references area(id),
      risk_id uuid not null references risk(id),
      kind text not null check (kind in ('control','action')),
      description text not null check (length(description) between 1 and 2000),
      owner text not null default '',
      due_on date,
      effectiveness text check (effectiveness in ('effective','partly-effective','not-effective')),
      status text not null default 'open' check (status in ('open','done')),
      created_at timestamptz not null default now()
    );
    create index risk_control_by_risk on risk_control(risk_id);



    create table self_evaluation (
      id uuid primary key default gen_random_uuid(),
      area_id uuid not null references area(id),
      framework_id text not null check (framework_id in ('send-2016','send-2023')),
      title text not null check (length(title) between 1 and 200),
      created_at timestamptz not null default now(),
      unique (area_id, title)
    );
    create table self_evaluation_rating (
      id uuid primary key default gen_random_uuid(),
      area_id uuid not null references area(id),
      self_evaluation_id uuid not null references self_evaluation(id),
      criterion_id text not null,
      month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      rag text not null check (rag in ('red','amber','green')),
      narrative text,
      evidence text,
      recorded_by uuid,
      recorded_at timestamptz not null default now(),
      unique (self_evaluation_id, criterion_id, month)
    );
  `);
  await makeAppendOnly(db, ['risk_assessment']);
  await enableAreaIsolation(db, ['risk_band_setting', 'risk', 'risk_assessment', 'risk_control', 'self_evaluation', 'self_evaluation_rating']);
  await grantAppRole(db);
  await runSqlScript(db, `revoke update, delete on risk_assessment from ${APP_ROLE};`);
}
