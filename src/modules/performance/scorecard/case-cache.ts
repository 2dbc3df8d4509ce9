// The area's `KpiCase`s, kept between requests. Reading them means folding every case's events
// (~1 s for the demo area's 2,300 cases and 30,000 events) while the KPI engine itself takes ~20 ms,
// so the scorecard caches the folded cases per area and as-at date, keyed on a fingerprint of what
// they are built from. The fingerprint is one cheap query on the area's transaction (row-level
// security applies, so one area's cache can never be filled from or shown to another):
//  * the number of case events: the log is append-only (corrections are new events), so any
//    recorded event, correction or void changes it;
//  * a digest of every case's id and assigned caseworker (a new case, a reassignment → new team);
//  * a digest of the children's dates of birth (age bands);
//  * a digest of LA-team memberships (a caseworker moving team).
// Any change to those makes the next read fold again; nothing is served stale.
import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.ts';
import type { KpiCase } from '../kpis/index.ts';
import { readKpiCases } from './from-casework.ts';

export async function casesFingerprint(trx: Executor): Promise<string> {
  const r = await sql<{ events: string; cases: string | null; children: string | null; teams: string | null }>`
    select
      (select count(*) from case_event)::text as events,
      (select md5(string_agg(id::text || ':' || coalesce(assigned_to::text, '-'), ',' order by id)) from ehc_case) as cases,
      (select md5(string_agg(id::text || ':' || date_of_birth::text, ',' order by id)) from child) as children,
      (select md5(string_agg(m.user_id::text || ':' || o.id::text, ',' order by m.id))
         from membership m join organisation o on o.id = m.organisation_id where o.kind = 'la-team') as teams`.execute(trx);
  const row = r.rows[0];
  return row ? `${row.events}|${row.cases ?? ''}|${row.children ?? ''}|${row.teams ?? ''}` : '';
}

interface Entry { fingerprint: string; cases: KpiCase[] }

export class KpiCaseCache {
  readonly #entries = new Map<string, Entry>();
  readonly #max: number;
  hits = 0;
  misses = 0;

  /** `max`: how many (area, as-at date) entries to keep; the oldest used is dropped first. */
  constructor(max = 8) {
    this.#max = max;
  }

  /** The area's cases as at `asAt`, read on `trx` (which must be that area's transaction). */
  async get(trx: Executor, areaId: string, asAt: Temporal.PlainDate): Promise<KpiCase[]> {
    const key = `${areaId}|${asAt.toString()}`;
    const fingerprint = await casesFingerprint(trx);
    const hit = this.#entries.get(key);
    if (hit && hit.fingerprint === fingerprint) {
      this.hits += 1;
      // Most recently used last, so the first key is the one to drop.
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit.cases;
    }
    this.misses += 1;
    const cases = await readKpiCases(trx, asAt);
    this.#entries.delete(key);
    this.#entries.set(key, { fingerprint, cases });
    while (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value as string);
    return cases;
  }
}
