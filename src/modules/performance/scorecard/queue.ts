// The month-end KPI snapshot job (its own file, so the platform's queue list does not load the module).
// It runs early on the 1st of each month and, being idempotent, also fills any earlier month that is
// missing (the first run backfills the last SNAPSHOT_MONTHS months).
export const KPI_SNAPSHOT_QUEUE = 'performance-kpi-snapshots';
export const KPI_SNAPSHOT_CRON = '30 1 1 * *';
