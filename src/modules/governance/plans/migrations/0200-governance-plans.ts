import type { Kysely } from 'kysely';
import { runSqlScript } from '../../../../platform/db/sql-script.ts';
import { APP_ROLE } from '../../../../platform/db/database.ts';
import { enableAreaIsolation, grantAppRole, makeAppendOnly } from '../../../../platform/db/rls.ts';

// Inspections and their findings (2016 and 2023 frameworks, domain.md §4), and improvement plans
// (written statement of action / priority action plan): priorities, actions, the append-only status
// history that reproduces any reporting date, and dated progress updates.
// Child rows carry (parent id, area_id) foreign keys, so a row can never point into another area.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table inspection (
      id uuid primary key default gen_random_uuid(),
      area_id uuid not null references area(id),
      framework text not null check (framework in ('send-2016','send-2023')),
      kind text not null check (kind in ('full','revisit','monitoring')),
      started_on date not null,
      ended_on date not null,
      published_on date,
      inspectorates text not null default 'Ofsted and CQC' check (length(inspectorates) between 1 and 200),
      report_url text check (report_url is null or report_url ~ '^https?://'),
      outcome smallint check (outcome between 1 and 3),
      wsoa_required boolean,
      summary text not null default '',
      created_at timestamptz not null default now(),
      unique (id, area_id),
      check (ended_on >= started_on),
      check (published_on is null or published_on >= started_on),
      check (framework = 'send-2023' or outcome is null),
      check (framework = 'send-2016' or wsoa_required is null)
    );
    create index inspection_area on inspection(area_id, started_on desc);
    create table inspection_finding (
      id uuid primary key default gen_random_uuid(),
      area_id uuid not null,
      inspection_id uuid not null,
      kind text not null check (kind in ('area-for-priority-action','area-for-improvement','significant-weakness','strength','sufficient-progress','insufficient-progress')),
      reference text not null default '' check (length(reference) <= 30),
      text text not null check (length(text) between 1 and 5000),
      position integer not null default 0,
      created_at timestamptz not null default now(),
      unique (id, area_id),
      foreign key (inspection_id, area_id) references inspection(id, area_id)
    );
    create index inspection_finding_by_inspection on inspection_finding(inspection_id, position);

    create table improvement_plan (
      id uuid primary key default gen_random_uuid(),
      area_id uuid not null references area(id),
      name text not null check (length(name) between 1 and 200),
      kind text not null check (kind in ('priority-action-plan','wsoa','accelerated-progress-plan','other')),
      scheme text not null check (scheme in ('rag','brag')),
      status text not null default 'open' check (status in ('open','closed')),
      inspection_id uuid,
      created_on date not null,
      closed_on date,
      created_at timestamptz not null default now(),
      unique (id, area_id),
      foreign key (inspection_id, area_id) references inspection(id, area_id),
      check ((status = 'closed') = (closed_on is not null))
    );
    create index improvement_plan_area on improvement_plan(area_id, created_on desc);
    create table plan_priority (
      id uuid primary key default gen_random_uuid(),
      area_id uuid not null,
      plan_id uuid not null,
      reference text not null check (length(reference) between 1 and 30),
      title text not null check (length(title) between 1 and 2000),
      finding_id uuid,
      position integer not null,
      unique (id, area_id),
      unique (plan_id, reference),
      foreign key (plan_id, area_id) references improvement_plan(id, area_id),
      foreign key (finding_id, area_id) references inspection_finding(id, area_id)
    );
    create table plan_action (
      id uuid primary key default gen_random_uuid(),
      area_id uuid not null,
      plan_id uuid not null,
      priority_id uuid not null,
      reference text not null check (length(reference) between 1 and 30),
      description text not null check (length(description) between 1 and 5000),
      lead_officer text not null check (length(lead_officer) between 1 and 200),
      senior_responsible_officer text,
      partner_organisation text,
      start_date date,
      due_date date not null,
      success_measures text,
      evidence text,
      created_on date not null,
      position integer not null,
      unique (id, area_id),
      foreign key (plan_id, area_id) references improvement_plan(id, area_id),
      foreign key (priority_id, area_id) references plan_priority(id, area_id),
      check (start_date is null or due_date >= start_date)
    );
    create unique index plan_action_reference on plan_action(plan_id, lower(reference));
    create index plan_action_by_plan on plan_action(plan_id, position);

    create table plan_action_update (
      id uuid primary key default gen_random_uuid(),
      area_id uuid not null,
      plan_id uuid not null,
      action_id uuid not null,
      update_date date not null,
      narrative text not null check (length(narrative) between 1 and 10000),
      evidence_url text check (evidence_url is null or evidence_url ~ '^https?://'),
      evidence_text text,
      new_status text check (new_status in ('complete','on-target','delayed','not-started','embedded')),
      recorded_by_user_id uuid references app_user(id),
      recorded_by_label text not null,
      recorded_at timestamptz not null default now(),
      unique (id, area_id),
      foreign key (action_id, area_id) references plan_action(id, area_id),
      foreign key (plan_id, area_id) references improvement_plan(id, area_id)
    );
    create index plan_action_update_by_action on plan_action_update(action_id, update_date desc, recorded_at desc);
    create index plan_action_update_by_plan on plan_action_update(plan_id, update_date);

    -- Status history: the status each action had from each effective date. Append-only, so any past
    -- reporting date can be reproduced; a later entry on the same date wins (id order).
    create table plan_action_status (
      id bigserial primary key,
      area_id uuid not null,
      plan_id uuid not null,
      action_id uuid not null,
      effective_date date not null,
      status text not null check (status in ('complete','on-target','delayed','not-started','embedded')),
      update_id uuid,
      recorded_by_user_id uuid references app_user(id),
      recorded_by_label text not null,
      recorded_at timestamptz not null default now(),
      foreign key (action_id, area_id) references plan_action(id, area_id),
      foreign key (plan_id, area_id) references improvement_plan(id, area_id),
      foreign key (update_id, area_id) references plan_action_update(id, area_id)
    );
    create index plan_action_status_as_at on plan_action_status(plan_id, action_id, effective_date desc, id desc);



  `);
  await makeAppendOnly(db, ['plan_action_status', 'plan_action_update']);
  await enableAreaIsolation(db, ['inspection', 'inspection_finding', 'improvement_plan', 'plan_priority', 'plan_action', 'plan_action_update', 'plan_action_status']);
  await grantAppRole(db);
  await runSqlScript(db, `revoke update, delete on plan_action_status, plan_action_update from ${APP_ROLE};`);
}
