import type { Kysely } from 'kysely';
import { runSqlScript } from '../../../../platform/db/sql-script.ts';
import { enableAreaIsolation, grantAppRole } from '../../../../platform/db/rls.ts';

// Month-end KPI snapshots: each KPI's value, numerator and denominator for each completed month
// (the period 1st … last day, as at the last day), written once by the snapshot job so trend lines
// read them instead of recomputing every past month. A missing value (no data) is null, never 0.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table kpi_snapshot (
      area_id uuid not null references area(id),
      month_end date not null check (month_end = (date_trunc('month', month_end) + interval '1 month - 1 day')::date),
      kpi_id text not null check (length(kpi_id) between 1 and 100),
      value double precision,
      numerator double precision,
      denominator double precision,
      computed_at timestamptz not null default now(),
      primary key (area_id, month_end, kpi_id)
    );
  `);
  await enableAreaIsolation(db, ['kpi_snapshot']);
  await grantAppRole(db);
}
