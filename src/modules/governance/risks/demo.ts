// Demo data (synthetic, deterministic from the seeding date): a SEND improvement risk register of 12
// risks with a year of quarterly assessments, controls and further actions; a self-evaluation against
// the 2023 framework with twelve months of ratings; and a draft board paper on the demo plan.
import type { DemoContext, DemoSeeder } from '../../../platform/demo/seed.ts';
import { scoreRisk } from '../risk.ts';
import { frameworkCriteria, FRAMEWORK_2023, type Rag } from '../frameworks.ts';

interface DemoRisk {
  ref: string; title: string; cause: string; consequence: string; owner: string; category: string; priorities: string[];
  inherent: [number, number]; residual: Array<[number, number]>; target: [number, number];
  controls: Array<[string, string, string]>; actions: Array<[string, string, number]>;
  /** Days from today to the next review (negative: overdue). */
  nextReview: number;
}

const RISKS: DemoRisk[] = [
  { ref: 'R1', title: 'High needs block deficit grows faster than the recovery plan', cause: 'Rising numbers of EHC plans and independent placements', consequence: 'Dedicated schools grant deficit; spending controls on SEND services', owner: 'Director of Education', category: 'financial', priorities: ['3'], inherent: [5, 5], residual: [[5, 4], [4, 4], [4, 4], [4, 4]], target: [3, 4], controls: [['Monthly high needs budget monitoring at the Schools Forum', 'Finance business partner', 'partly-effective'], ['Delivering Better Value programme board', 'Director of Education', 'effective']], actions: [['Agree the revised deficit management plan with DfE', 'Director of Education', 60], ['Open two new resource bases to reduce independent placements', 'Head of SEND', 240]], nextReview: 20 },
  { ref: 'R2', title: 'EHC needs assessments are not completed within 20 weeks', cause: 'Educational psychologist vacancies and rising requests', consequence: 'Children wait for support; tribunal appeals; inspection finding', owner: 'Head of SEND', category: 'legal-regulatory', priorities: ['5'], inherent: [5, 4], residual: [[5, 4], [4, 4], [4, 3], [3, 3]], target: [2, 3], controls: [['Weekly timeliness panel with a tracker of every open assessment', 'SEND team manager', 'effective']], actions: [['Commission locum educational psychologist capacity', 'Principal educational psychologist', 30]], nextReview: -12 },
  { ref: 'R3', title: 'Tribunal appeals rise and are mostly conceded or lost', cause: 'Plans not specific; late decisions', consequence: 'Legal costs, placement costs and loss of parental confidence', owner: 'Head of SEND', category: 'legal-regulatory', priorities: ['5'], inherent: [4, 4], residual: [[4, 4], [4, 4], [3, 4], [3, 4]], target: [2, 3], controls: [['Mediation offered on every appealable decision', 'SEND team manager', 'partly-effective']], actions: [['Quality assurance of plans against the EHC plan audit tool', 'Quality assurance lead', 90]], nextReview: 45 },
  { ref: 'R4', title: 'Not enough specialist school places in the borough', cause: 'Growth in autism and SEMH needs', consequence: 'Out-of-area placements, long journeys, cost', owner: 'Head of School Organisation', category: 'strategic', priorities: ['3'], inherent: [5, 4], residual: [[5, 4], [5, 4], [4, 4], [4, 4]], target: [3, 3], controls: [['SEND sufficiency strategy and annual place planning', 'Head of School Organisation', 'partly-effective']], actions: [['Publish the SEND Sufficiency Strategy', 'Head of School Organisation', 120]], nextReview: 30 },
  { ref: 'R5', title: 'Neurodevelopmental assessment waiting times exceed 18 months', cause: 'Demand far above commissioned capacity', consequence: 'Children and families wait without support; complaints', owner: 'ICB Director of Nursing', category: 'partnership', priorities: ['4'], inherent: [5, 4], residual: [[5, 4], [5, 4], [5, 4], [4, 4]], target: [3, 3], controls: [['Waiting well offer and support without diagnosis', 'ICB commissioning lead', 'partly-effective']], actions: [['Commission additional assessment capacity for 2027', 'ICB commissioning lead', 150]], nextReview: -3 },
  { ref: 'R6', title: 'Speech and language therapy waits are too long', cause: 'Therapist vacancies', consequence: 'Needs go unmet in early years', owner: 'ICB Director of Nursing', category: 'partnership', priorities: ['4'], inherent: [4, 4], residual: [[4, 4], [4, 3], [4, 3], [3, 3]], target: [2, 3], controls: [['Early language pathway in all settings', 'Early years lead', 'effective']], actions: [['Recruit two speech and language therapy assistants', 'Provider service manager', 45]], nextReview: 60 },
  { ref: 'R7', title: 'Annual reviews are not held or amended on time', cause: 'Caseworker capacity', consequence: 'Plans out of date at phase transfer', owner: 'SEND team manager', category: 'operational', priorities: ['5'], inherent: [4, 3], residual: [[4, 3], [4, 3], [3, 3], [3, 3]], target: [2, 2], controls: [['Annual review tracker reviewed monthly', 'SEND team manager', 'effective']], actions: [['Clear the backlog of reviews awaiting amendment', 'SEND team manager', -10]], nextReview: 15 },
  { ref: 'R8', title: 'Shortage of educational psychologists', cause: 'National workforce shortage', consequence: 'Statutory advice late; less early intervention', owner: 'Principal educational psychologist', category: 'people', priorities: ['2', '5'], inherent: [5, 4], residual: [[5, 4], [5, 4], [4, 4], [4, 4]], target: [3, 3], controls: [['Trainee educational psychologist placements', 'Principal educational psychologist', 'partly-effective']], actions: [['Market supplement for educational psychologist posts', 'HR business partner', 75]], nextReview: 40 },
  { ref: 'R9', title: 'Monitoring inspection finds insufficient progress', cause: 'Slow delivery of the priority action plan', consequence: 'DfE intervention; reputational damage', owner: 'Director of Children\'s Services', category: 'reputational', priorities: ['1'], inherent: [4, 5], residual: [[4, 5], [3, 5], [3, 5], [3, 4]], target: [2, 4], controls: [['Monthly SEND Improvement Board with independent chair', 'Director of Children\'s Services', 'effective']], actions: [['Mock monitoring visit with peer challenge', 'Director of Children\'s Services', 100]], nextReview: 25 },
  { ref: 'R10', title: 'Parent and carer confidence does not improve', cause: 'Poor communication and late decisions', consequence: 'Complaints, appeals, low co-production', owner: 'Head of SEND', category: 'reputational', priorities: ['1', '2'], inherent: [4, 4], residual: [[4, 4], [4, 3], [3, 3], [3, 3]], target: [2, 2], controls: [['Co-production charter with the parent carer forum', 'Parent carer forum chair', 'effective']], actions: [['Run the annual parent carer survey', 'Participation lead', 20]], nextReview: 55 },
  { ref: 'R11', title: 'Integrated SEND performance dashboard is not delivered', cause: 'Data held in separate systems with no sharing agreement', consequence: 'The board cannot see progress or outcomes', owner: 'Head of Business Intelligence', category: 'operational', priorities: ['2'], inherent: [4, 3], residual: [[4, 3], [3, 3], [3, 3], [2, 3]], target: [1, 3], controls: [['Data sharing agreement between the council and the ICB', 'Information governance lead', 'effective']], actions: [['Publish the dashboard to board members', 'Head of Business Intelligence', 35]], nextReview: -20 },
  { ref: 'R12', title: 'Improvement capacity: programme manager post unfilled', cause: 'Recruitment delays', consequence: 'Actions across all priorities slip', owner: 'Director of Children\'s Services', category: 'people', priorities: ['1', '5'], inherent: [4, 3], residual: [[4, 3], [4, 3], [3, 3], [2, 2]], target: [1, 2], controls: [['Interim programme support from the regional team', 'Director of Children\'s Services', 'partly-effective']], actions: [['Appoint the SEND programme manager', 'HR business partner', -5]], nextReview: 80 },
];

/** A deterministic rating: each criterion improves over the year at its own pace. */
function demoRag(criterion: number, monthIndex: number): Rag {
  const start = [0, 1, 0, 1, 1, 0][criterion % 6]!; // 0 red, 1 amber
  const improveAt = [4, 7, 9, 3, 11, 6][criterion % 6]!;
  const level = Math.min(2, start + (monthIndex >= improveAt ? 1 : 0) + (monthIndex >= improveAt + 5 ? 1 : 0));
  return (['red', 'amber', 'green'] as const)[level]!;
}

export async function seedRisksAndSelfEvaluation(ctx: DemoContext): Promise<void> {
  const { trx, areaId, today } = ctx;
  const assessor = ctx.userIds['team-manager'] ?? null;
  const raised = today.subtract({ months: 12 });
  for (const r of RISKS) {
    const last = r.residual.at(-1)!;
    const lastReview = raised.add({ months: 3 * (r.residual.length - 1) });
    const row = await trx.insertInto('risk').values({
      area_id: areaId, reference: r.ref, title: r.title, cause: r.cause, consequence: r.consequence, owner: r.owner, category: r.category,
      linked_priorities: JSON.stringify(r.priorities), treatment: 'treat', raised_on: raised.toString(), last_reviewed_on: lastReview.toString(),
      next_review_on: today.add({ days: r.nextReview }).toString(),
      inherent_likelihood: r.inherent[0], inherent_impact: r.inherent[1], residual_likelihood: last[0], residual_impact: last[1], target_likelihood: r.target[0], target_impact: r.target[1],
    }).returning('id').executeTakeFirstOrThrow();
    const add = async (on: Temporal.PlainDate, kind: string, [l, i]: [number, number], note: string) => {
      const s = scoreRisk(l, i);
      await trx.insertInto('risk_assessment').values({ area_id: areaId, risk_id: row.id, assessed_on: on.toString(), kind, likelihood: l, impact: i, score: s.score, band: s.band, note, assessed_by: assessor }).execute();
    };
    await add(raised, 'inherent', r.inherent, 'Initial assessment');
    await add(raised, 'target', r.target, 'Initial assessment');
    for (const [q, li] of r.residual.entries()) await add(raised.add({ months: 3 * q }), 'residual', li, q === 0 ? 'Initial assessment' : 'Quarterly review');
    for (const [description, owner, effectiveness] of r.controls) {
      await trx.insertInto('risk_control').values({ area_id: areaId, risk_id: row.id, kind: 'control', description, owner, effectiveness }).execute();
    }
    for (const [description, owner, days] of r.actions) {
      await trx.insertInto('risk_control').values({ area_id: areaId, risk_id: row.id, kind: 'action', description, owner, due_on: today.add({ days }).toString() }).execute();
    }
  }

  const se = await trx.insertInto('self_evaluation').values({ area_id: areaId, framework_id: FRAMEWORK_2023.id, title: 'Local area SEND self-evaluation' }).returning('id').executeTakeFirstOrThrow();
  const criteria = frameworkCriteria(FRAMEWORK_2023);
  const first = today.toPlainYearMonth().subtract({ months: 11 });
  for (let m = 0; m < 12; m++) {
    const month = first.add({ months: m }).toString();
    for (const [ci, c] of criteria.entries()) {
      const rag = demoRag(ci, m);
      const changed = m > 0 && demoRag(ci, m - 1) !== rag;
      await trx.insertInto('self_evaluation_rating').values({
        area_id: areaId, self_evaluation_id: se.id, criterion_id: c.id, month, rag,
        narrative: changed ? `Rating moved to ${rag} after the ${month} review of evidence.` : rag === 'red' ? 'Substantial work still needed across all partners.' : null,
        evidence: rag === 'green' ? 'Board dashboard and case audit results' : null, recorded_by: assessor,
      }).execute();
    }
  }

  // A draft board paper on the demo improvement plan, when there is one.
  const plan = await trx.selectFrom('improvement_plan').select('id').where('area_id', '=', areaId).orderBy('created_on', 'desc').executeTakeFirst();
  if (plan) {
    await trx.insertInto('board_paper').values({
      area_id: areaId, plan_id: plan.id, self_evaluation_id: se.id, as_at: today.toString(), paper_date: today.add({ days: 14 }).toString(),
      report_to: 'SEND Improvement Board', reporting_officer: 'Director of Children\'s Services', subject: 'SEND Improvement Plan Update',
      purpose: 'To assure the board of progress against the targets in the Area Priority Action Plan, and to set out the current risks to delivery and the control measures in place.',
      recommendations: 'That the report be noted.',
      summary: 'Progress continues across all five priorities. The risks to delivery and the self-evaluation are summarised in sections 6 and 7.',
      created_by: assessor,
    }).execute();
  }
}

export const governanceRisksDemo: DemoSeeder = { name: 'governance-risks-selfeval-papers', seed: seedRisksAndSelfEvaluation };
