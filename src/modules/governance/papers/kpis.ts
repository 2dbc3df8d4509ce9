// The board paper's KPI section: the area's scorecard as at the paper's reporting date (the 12 months
// to it, against the area's targets, with direction of travel against the 12 months before) and the
// exception report (KPIs rated "Below target" with the responsible officer's commentary). Read on the
// paper's area transaction, with the cases folded as at the reporting date. The figures are turned
// into words here, so an issued paper keeps exactly what the board saw.
import type { Executor } from '../../../platform/db/database.ts';
import { computeKpis, directionWords, RAG_WORDS, type Rag } from '../../performance/kpis/index.ts';
import { readKpiCases } from '../../performance/scorecard/from-casework.ts';
import { formatValue, previousPeriod, readTargets, resolvePeriod, scorecardRows } from '../../performance/scorecard/service.ts';
import type { TagColour } from '../risks/register.ts';
import type { PaperKpis } from './model.ts';

export const NO_KPI_DATA = 'No KPI data available';

const RAG_COLOUR: Record<Rag, TagColour> = { green: 'green', amber: 'yellow', red: 'red' };

export async function kpiSection(trx: Executor, asAt: Temporal.PlainDate): Promise<PaperKpis> {
  const cases = await readKpiCases(trx, asAt);
  if (cases.length === 0) return { available: false, message: NO_KPI_DATA, rows: [] };
  const targets = await readTargets(trx);
  const period = resolvePeriod({ asAt: asAt.toString() }, asAt);
  const previous = previousPeriod(period);
  const all = scorecardRows(computeKpis(cases, period), computeKpis(cases, previous), targets);
  // KPIs with neither a figure nor a target (e.g. health waiting lists, not yet connected) are left out
  // of the board's table and counted in a sentence instead.
  const shown = all.filter((r) => r.value !== null || r.target !== null);
  const fmt = (v: number | null, unit: (typeof all)[number]['unit']) => formatValue(v, unit);
  return {
    available: true,
    message: '',
    period: { from: period.from, to: period.to, asAt: period.asAt, previousFrom: previous.from, previousTo: previous.to },
    rows: shown.map((r) => ({
      measure: r.name,
      value: fmt(r.value, r.unit),
      target: r.target === null ? 'None set' : fmt(r.target, r.unit),
      rag: r.rag === null ? (r.target === null ? 'No target' : 'Not rated') : RAG_WORDS[r.rag],
      ragColour: r.rag === null ? undefined : RAG_COLOUR[r.rag],
      direction: directionWords(r.value, r.previous, r.polarity, r.unit),
    })),
    exceptions: shown.filter((r) => r.rag === 'red').map((r) => ({
      measure: r.name, value: fmt(r.value, r.unit), target: fmt(r.target, r.unit),
      officer: r.responsibleOfficer || 'Not recorded', commentary: r.commentary || 'No commentary yet',
    })),
    omitted: all.length - shown.length,
  };
}
