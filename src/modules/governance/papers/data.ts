// Gathers a board paper's data from the live records, as at its date: the plan's roll-up and delayed
// actions (plans service), the risk register, the self-evaluation grid and the KPI hook.
import type { Executor } from '../../../platform/db/database.ts';
import { listPlans, planSummary, delayedActions } from '../plans/service.ts';
import { registerData, type ControlView } from '../risks/service.ts';
import type { RiskView, ScoreView } from '../risks/register.ts';
import { selfEvaluationView } from '../selfeval/service.ts';
import { monthOf } from '../selfeval/grid.ts';
import { kpiSection } from './kpis.ts';
import { PAPER_DATA_VERSION, type PaperData, type PaperRisk, type PaperScore, type PercentRow } from './model.ts';

export interface PaperRecord {
  plan_id: string | null;
  self_evaluation_id: string | null;
  as_at: string;
  paper_date: string;
  report_to: string;
  reporting_officer: string;
  subject: string;
  purpose: string;
  recommendations: string;
  summary: string;
  free_text: string;
}

/** The plans a new paper can be built on. */
export async function plansToChoose(trx: Executor) {
  return listPlans(trx);
}

const score = (s: ScoreView | null): PaperScore | null => (s ? { score: s.score, bandLabel: s.bandLabel, colour: s.colour, likelihood: s.likelihood, impact: s.impact } : null);

function paperRisk(r: RiskView, controls: readonly ControlView[]): PaperRisk {
  return {
    reference: r.reference, title: r.title, cause: r.cause, consequence: r.consequence, owner: r.owner, category: r.categoryLabel, linkedPriorities: r.linkedPriorities,
    inherent: score(r.inherent), residual: score(r.residual), target: score(r.target), direction: r.directionLabel,
    lastReviewedOn: r.lastReviewedOn, nextReviewOn: r.nextReviewOn, reviewOverdue: r.reviewOverdue,
    controls: controls.filter((c) => c.kind === 'control').map((c) => ({ description: c.description, owner: c.owner, effectiveness: c.effectivenessLabel })),
    actions: controls.filter((c) => c.kind === 'action').map((c) => ({ description: c.description, owner: c.owner, dueOn: c.dueOn, status: c.status })),
  };
}

const percentRow = (reference: string, title: string, c: Omit<PercentRow, 'reference' | 'title'>): PercentRow => ({
  reference, title, actions: c.actions, complete: c.complete, onTarget: c.onTarget, delayed: c.delayed, notStarted: c.notStarted,
  percentComplete: c.percentComplete, percentOnTarget: c.percentOnTarget, percentDelayed: c.percentDelayed, percentNotStarted: c.percentNotStarted,
  percentCompleteOrOnTarget: c.percentCompleteOrOnTarget,
});

export async function buildPaperData(trx: Executor, paper: PaperRecord, areaName: string): Promise<PaperData> {
  const asAt = Temporal.PlainDate.from(paper.as_at);
  let plan: PaperData['plan'] = null;
  let progress: PaperData['progress'] = null;
  let exceptions: PaperData['exceptions'] = [];
  if (paper.plan_id) {
    const summary = await planSummary(trx, paper.plan_id, asAt);
    plan = { id: summary.plan.id, name: summary.plan.name, kindLabel: summary.plan.kindLabel, scheme: summary.plan.scheme };
    progress = { priorities: summary.priorities.map((p) => percentRow(p.reference, p.title, p)), overall: percentRow('All', 'All priorities', summary.overall) };
    exceptions = (await delayedActions(trx, paper.plan_id, asAt)).map((a) => ({
      reference: a.reference, priorityReference: a.priorityReference, priorityTitle: a.priorityTitle, description: a.description, leadOfficer: a.leadOfficer,
      dueDate: a.dueDate, delayedSince: a.delayedSince, latestUpdate: a.latestUpdate,
    }));
  }

  const reg = await registerData(trx, asAt);
  const topBand = [...reg.bands].sort((a, b) => b.min - a.min)[0]!.name;
  const priorityRefs = new Set(progress?.priorities.map((p) => p.reference.toLowerCase()) ?? []);
  let extract = reg.risks.filter((r) => r.residual?.band === topBand || r.linkedPriorities.some((p) => priorityRefs.has(p.toLowerCase())));
  if (extract.length === 0) extract = reg.risks.slice(0, 5);
  const hm = reg.heatMaps.residual;

  let selfEvaluation: PaperData['selfEvaluation'] = null;
  if (paper.self_evaluation_id) {
    const v = await selfEvaluationView(trx, paper.self_evaluation_id, monthOf(asAt), 6);
    selfEvaluation = { title: v.evaluation.title, grid: v.grid, evidence: v.evidence };
  }

  return {
    version: PAPER_DATA_VERSION,
    areaName,
    titleBlock: { reportTo: paper.report_to, date: paper.paper_date, reportingOfficer: paper.reporting_officer, subject: paper.subject, asAt: paper.as_at },
    narrative: { purpose: paper.purpose, recommendations: paper.recommendations, summary: paper.summary, freeText: paper.free_text },
    plan, progress, exceptions,
    risks: {
      total: reg.risks.length,
      overdueReviews: reg.overdueReviews.length,
      bands: reg.bandCounts.map((b) => ({ label: b.label, colour: b.colour, count: b.count })),
      extract: extract.map((r) => paperRisk(r, reg.controls[r.id] ?? [])),
      all: reg.risks.map((r) => paperRisk(r, reg.controls[r.id] ?? [])),
      heatMap: {
        impactHeadings: hm.impactHeadings.map((h) => `${h.level} ${h.label}`),
        rows: hm.rows.map((r) => ({ label: `${r.likelihood} ${r.label}`, cells: r.cells.map((c) => ({ count: c.count, bandLabel: c.bandLabel, score: c.score, colour: c.colour })) })),
      },
    },
    selfEvaluation,
    kpis: await kpiSection(trx, asAt),
  };
}
