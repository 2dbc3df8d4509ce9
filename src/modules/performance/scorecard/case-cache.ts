// The area's folded cases and the KPI figures computed from them, kept between requests. Folding every
// case's events is the expensive part (seconds for 20,000 plans and half a million events); computing
// the KPIs for a period is tens of milliseconds, which still matters when a page needs 14 periods.
//
// What is kept, per area: the cases folded as at today, and every KPI figure computed from them so far
// (per period and per trend month), all under the area's data version (`kpi_data_version`, migration
// 0330): a number the database itself bumps, at commit, whenever a case event is recorded, a case is
// opened or reassigned, a child's date of birth changes, or a membership or LA team changes. A request
// reads that one row on the area's transaction (row-level security applies, so one area's cache can
// never be filled from or shown to another) and, when it differs from the entry's, folds again the
// cases that changed (refreshKpiCases: one count of events per case, the log being append-only, and
// each case's child, date of birth and team) and starts the figures afresh. A new day folds every case
// again (the fold and the running month are as at today). Versions follow commit order, so figures kept under a version are exactly those of the data
// a transaction reading that version sees: nothing is served stale.
//
// Targets and month-end snapshots are not kept here: they are small, read on every request, and
// combined with the kept figures afterwards (scorecardRows, monthlyValues).
import type { Executor } from '../../../platform/db/database.ts';
import { computeKpis, type KpiCase, type KpiContext, type KpiResult } from '../kpis/index.ts';
import { foldKpiCases, refreshKpiCases, type FoldedCases } from './from-casework.ts';
import type { MonthValues } from './snapshots.ts';

/** The area's data version (0 until anything has changed since migration 0330), read on `trx`. */
export async function kpiDataVersion(trx: Executor, areaId: string): Promise<number> {
  const r = await trx.selectFrom('kpi_data_version').select('version').where('area_id', '=', areaId).executeTakeFirst();
  return r ? Number(r.version) : 0;
}

const NO_CASE_IDS = Object.freeze({ numerator: Object.freeze([]), denominator: Object.freeze([]) });

/** One area's cases as at `today` under `version`, and the figures computed from them so far. */
export class KpiAreaEntry {
  readonly version: number;
  readonly today: string;
  readonly cases: KpiCase[];
  readonly folded: FoldedCases;
  /** period key → KPI id → result. */
  readonly #results = new Map<string, Map<string, KpiResult>>();
  /** month 'YYYY-MM' → KPI id → figures (months computed live: not snapshotted, or running). */
  readonly months: MonthValues = new Map();
  static readonly MAX_PERIODS = 256;

  constructor(version: number, folded: FoldedCases) {
    this.version = version;
    this.today = folded.asAt;
    this.cases = folded.cases;
    this.folded = folded;
  }

  /**
   * The KPIs `ids` (default every one) for a period, in the order asked: kept ones as they are,
   * the rest computed together (the facts derived once) and kept.
   */
  results(ctx: KpiContext, ids: readonly string[]): KpiResult[] {
    const key = `${ctx.from}|${ctx.to}|${ctx.asAt}`;
    let kept = this.#results.get(key);
    if (!kept) {
      if (this.#results.size >= KpiAreaEntry.MAX_PERIODS) this.#results.clear();
      this.#results.set(key, (kept = new Map()));
    }
    const missing = ids.filter((id) => !kept.has(id));
    // Kept without their case ids (thousands per KPI): a drill-down computes its one KPI afresh.
    if (missing.length) for (const r of computeKpis(this.cases, ctx, missing)) kept.set(r.id, { ...r, caseIds: NO_CASE_IDS });
    return ids.map((id) => kept.get(id)!);
  }
}

export class KpiCaseCache {
  readonly #entries = new Map<string, KpiAreaEntry>();
  readonly #max: number;
  hits = 0;
  misses = 0;
  /** Cases folded on misses, in all (a change refolds only the cases it touched). */
  refolded = 0;

  /** `max`: how many areas to keep; the least recently used is dropped first. */
  constructor(max = 8) {
    this.#max = max;
  }

  /** The area's entry as at `today`, read on `trx` (which must be that area's transaction). */
  async entry(trx: Executor, areaId: string, today: Temporal.PlainDate): Promise<KpiAreaEntry> {
    const version = await kpiDataVersion(trx, areaId);
    const day = today.toString();
    const hit = this.#entries.get(areaId);
    if (hit && hit.version === version && hit.today === day) {
      this.hits += 1;
      // Most recently used last, so the first key is the one to drop.
      this.#entries.delete(areaId);
      this.#entries.set(areaId, hit);
      return hit;
    }
    this.misses += 1;
    // After a change, only the cases that changed are folded again (all of them on a new day).
    const folded = hit ? await refreshKpiCases(trx, today, hit.folded) : await foldKpiCases(trx, today);
    this.refolded += folded.refolded;
    const entry = new KpiAreaEntry(version, folded);
    this.#entries.delete(areaId);
    this.#entries.set(areaId, entry);
    while (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value as string);
    return entry;
  }

  /** The area's cases folded as at `today` (see `entry`). */
  async get(trx: Executor, areaId: string, today: Temporal.PlainDate): Promise<KpiCase[]> {
    return (await this.entry(trx, areaId, today)).cases;
  }
}
