// The board paper's KPI section. A hook, filled when the performance module lands: until
// `src/modules/performance` exports a scorecard, every paper says "No KPI data available".
import type { Executor } from '../../../platform/db/database.ts';
import type { PaperKpis } from './model.ts';

export const NO_KPI_DATA = 'No KPI data available';

export async function kpiSection(_trx: Executor, _asAt: Temporal.PlainDate): Promise<PaperKpis> {
  // Filled when the performance module lands: call its scorecard here and map each measure to a row.
  return { available: false, message: NO_KPI_DATA, rows: [] };
}
