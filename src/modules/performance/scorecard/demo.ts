// Demo targets for the headline KPIs (synthetic, deterministic), with responsible officers and commentary.
import type { DemoSeeder } from '../../../platform/demo/seed.ts';

export const DEMO_TARGETS: { kpiId: string; target: number; tolerance: number; officer: string; commentary: string }[] = [
  { kpiId: 'plans-issued-within-20-weeks-pc', target: 60, tolerance: 5, officer: 'Head of SEND', commentary: 'Locum educational psychologist capacity commissioned; weekly timeliness panel tracks every open assessment.' },
  { kpiId: 'requests-decided-within-6-weeks-pc', target: 85, tolerance: 5, officer: 'SEND team manager', commentary: 'Decision-making panel now meets weekly.' },
  { kpiId: 'annual-reviews-on-time-pc', target: 75, tolerance: 10, officer: 'SEND team manager', commentary: 'Backlog of reviews awaiting amendment being cleared by a dedicated review team.' },
  { kpiId: 'annual-review-decisions-within-4-weeks-pc', target: 80, tolerance: 10, officer: 'SEND team manager', commentary: '' },
  { kpiId: 'phase-transfers-finalised-by-deadline-pc', target: 95, tolerance: 5, officer: 'Head of SEND', commentary: 'Phase transfer reviews scheduled from the autumn term.' },
  { kpiId: 'average-weeks-to-issue', target: 20, tolerance: 4, officer: 'Head of SEND', commentary: '' },
];

export const scorecardDemo: DemoSeeder = {
  name: 'performance-kpi-targets',
  async seed({ trx, areaId, userIds }) {
    await trx.insertInto('kpi_target').values(DEMO_TARGETS.map((t) => ({
      area_id: areaId, kpi_id: t.kpiId, target: t.target, tolerance: t.tolerance,
      responsible_officer: t.officer, commentary: t.commentary, updated_by: userIds['performance-analyst'] ?? null,
    }))).execute();
  },
};
