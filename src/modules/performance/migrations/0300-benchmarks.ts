import type { Kysely } from 'kysely';
import { runSqlScript } from '../../../platform/db/sql-script.ts';
import { grantAppRole } from '../../../platform/db/rls.ts';

// Published benchmark data (DfE EHC plan statistics, the MoJ/DfE appeal-rate table, the LAIT LA lookup
// and statistical-neighbour model). Not an area's data: no area_id and no row-level security; anyone
// may read it. `joinedup benchmarks import` (and the first start) replace the four data tables in one
// transaction; `benchmark_import` records every attempt.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table benchmark_import (
      id bigint generated always as identity primary key,
      imported_at timestamptz not null default now(),
      source text not null,
      file_count integer not null,
      row_count integer not null,
      problems jsonb not null default '[]'::jsonb,
      status text not null check (status in ('succeeded','rejected')),
      actor text not null default 'system'
    );
    create index benchmark_import_latest on benchmark_import (status, id desc);
    create table benchmark_la (
      code text primary key,
      old_code text,
      name text not null,
      region_code text not null,
      region_name text not null
    );
    create table benchmark_neighbour (
      la_code text not null,
      rank smallint not null check (rank between 1 and 10),
      neighbour_code text not null,
      neighbour_name text not null,
      proximity text,
      primary key (la_code, rank)
    );
    create table benchmark_value (
      measure text not null,
      year integer not null,
      level text not null check (level in ('national','regional','la')),
      code text not null,
      name text not null,
      value numeric,
      numerator numeric,
      denominator numeric,
      primary key (measure, year, level, code)
    );
  `);
  await grantAppRole(db);
}
