// Table types for KPI targets (migration 0310-kpi-targets).
import type { Generated } from 'kysely';

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

export interface KpiTargetTables {
  kpi_target: KpiTargetTable;
}
