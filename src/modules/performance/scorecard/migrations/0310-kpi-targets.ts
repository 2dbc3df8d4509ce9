import type { Kysely } from 'kysely';
import { runSqlScript } from '../../../../platform/db/sql-script.ts';
import { enableAreaIsolation, grantAppRole } from '../../../../platform/db/rls.ts';

// An area's targets for its KPIs: one row per KPI, with the amber tolerance, the officer responsible
// and the commentary shown in the exception report.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table kpi_target (
      area_id uuid not null references area(id),
      kpi_id text not null check (length(kpi_id) between 1 and 100),
      target double precision not null,
      tolerance double precision not null default 0 check (tolerance >= 0),
      responsible_officer text not null default '' check (length(responsible_officer) <= 200),
      commentary text not null default '' check (length(commentary) <= 4000),
      updated_by uuid,
      updated_at timestamptz not null default now(),
      primary key (area_id, kpi_id)
    );
  `);
  await enableAreaIsolation(db, ['kpi_target']);
  await grantAppRole(db);
}
