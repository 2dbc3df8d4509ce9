import type { Kysely } from 'kysely';
import { runSqlScript } from '../../../../platform/db/sql-script.ts';
import { enableAreaIsolation, grantAppRole } from '../../../../platform/db/rls.ts';

// A per-area version number of everything the KPI scorecard is computed from, kept by the database
// itself: the scorecard caches its figures per (area, version) and a warm request reads one row.
//
// What counts: any case event recorded (or, were the log ever changed, changed or removed); a case
// opened, removed, reassigned or moved to another child; a child added, removed or their date of birth
// changed (age bands); a membership added, changed or removed, and an organisation renamed, re-kinded
// or removed (a case's team is the LA team of its caseworker). Nothing else: the projection columns
// of ehc_case that change on every event and every recompute (stage, next_due_on…) do not.
//
// How: DEFERRABLE INITIALLY DEFERRED row-level constraint triggers, so the bump happens at commit,
// once per transaction and area (a transaction-local setting remembers the areas bumped). Two reasons:
//  * write contention: the version row is locked only from the bump to the commit (the very end of the
//    transaction) instead of from a transaction's first insert, so writers in one area queue for
//    moments, not for the length of each other's transactions, and, as it is the last lock a
//    transaction takes, it cannot take part in a deadlock with the casework rows;
//  * one increment per transaction however many rows it writes (a bulk import of 500,000 events costs
//    one row update, and the trigger calls return at once after the first).
// Because every increment is made while committing and under the row lock, versions follow commit
// order: a transaction that reads version v sees exactly the changes of the transactions that made
// versions ≤ v, so figures cached under v are never stale. (A sequence or an insert-only change log
// was considered: both can expose a later number before an earlier transaction commits, which makes a
// max() stale; count() is exact but grows with the log.)
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSqlScript(db, `
    create table kpi_data_version (
      area_id uuid primary key references area(id),
      version bigint not null default 0
    );

    create or replace function kpi_data_changed() returns trigger language plpgsql as $$
    declare
      a uuid := case when tg_op = 'DELETE' then old.area_id else new.area_id end;
      done text := coalesce(current_setting('joinedup.kpi_data_bumped', true), '');
    begin
      if strpos(done, a::text) > 0 then
        return null;
      end if;
      insert into kpi_data_version as v (area_id, version) values (a, 1)
        on conflict (area_id) do update set version = v.version + 1;
      perform set_config('joinedup.kpi_data_bumped', done || a::text || ',', true);
      return null;
    end $$;

    create constraint trigger case_event_kpi_data after insert or update or delete on case_event
      deferrable initially deferred for each row execute function kpi_data_changed();
    create constraint trigger ehc_case_kpi_data after insert or delete on ehc_case
      deferrable initially deferred for each row execute function kpi_data_changed();
    create constraint trigger ehc_case_kpi_data_assigned after update on ehc_case
      deferrable initially deferred for each row
      when (old.assigned_to is distinct from new.assigned_to or old.child_id is distinct from new.child_id or old.area_id is distinct from new.area_id)
      execute function kpi_data_changed();
    create constraint trigger child_kpi_data after insert or delete on child
      deferrable initially deferred for each row execute function kpi_data_changed();
    create constraint trigger child_kpi_data_dob after update on child
      deferrable initially deferred for each row
      when (old.date_of_birth is distinct from new.date_of_birth or old.area_id is distinct from new.area_id)
      execute function kpi_data_changed();
    create constraint trigger membership_kpi_data after insert or update or delete on membership
      deferrable initially deferred for each row execute function kpi_data_changed();
    create constraint trigger organisation_kpi_data after delete on organisation
      deferrable initially deferred for each row execute function kpi_data_changed();
    create constraint trigger organisation_kpi_data_named after update on organisation
      deferrable initially deferred for each row
      when (old.name is distinct from new.name or old.kind is distinct from new.kind or old.area_id is distinct from new.area_id)
      execute function kpi_data_changed();
  `);
  await enableAreaIsolation(db, ['kpi_data_version']);
  await grantAppRole(db);
}
