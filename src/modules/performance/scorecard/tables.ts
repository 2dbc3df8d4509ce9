// Table types for KPI targets (migration 0310-kpi-targets), month-end snapshots (0320-kpi-snapshots) and
// the per-area data version the scorecard cache is keyed on (0330-kpi-data-version).
import type { Generated } from 'kysely';
import type { DateString } from '../../../platform/db/platform-tables.ts';

export interface KpiTargetTable {
  area_id: string;
  kpi_id: string;
  target: number;
  tolerance: Generated<number>;
  responsible_officer: Generated<string>;
  commentary: Generated<string>;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface KpiSnapshotTable {
  area_id: string;
  /** The last day of the month, 'YYYY-MM-DD'. */
  month_end: DateString;
  kpi_id: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  computed_at: Generated<Date>;
}

/** Bumped by triggers (at commit, once per transaction) when anything the KPIs read changes. */
export interface KpiDataVersionTable {
  area_id: string;
  version: Generated<number>;
}

export interface KpiTargetTables {
  kpi_target: KpiTargetTable;
  kpi_snapshot: KpiSnapshotTable;
  kpi_data_version: KpiDataVersionTable;
}
