// Demo data: a 2023-framework area SEND inspection (outcome 3) with five areas for priority action and
// four areas for improvement, and the priority action plan that answers it: 40 actions (8 a priority)
// with 18 months of monthly progress updates and status changes up to the demo's today. Deterministic
// (a fixed pseudo-random sequence) and synthetic: every name and sentence is made up.
import { randomUUID } from 'node:crypto';
import type { DemoSeeder } from '../../../platform/demo/seed.ts';
import type { ActionStatus } from '../status.ts';

const PRIORITIES = [
  { ref: '1', title: 'Leaders across the partnership should strengthen shared strategic oversight, governance, support and challenge so that improvements for children and young people with SEND happen at pace.' },
  { ref: '2', title: 'Leaders should improve how information is gathered and shared between education, health and social care so that needs are understood accurately and met swiftly.' },
  { ref: '3', title: 'Leaders should improve the joint commissioning of services so that children, young people and their families receive sufficient support.' },
  { ref: '4', title: 'Leaders should urgently improve early identification of needs and access to specialist health pathways, including neurodevelopmental assessment and speech and language therapy, and the support available while families wait.' },
  { ref: '5', title: 'Leaders should improve the timeliness of new EHC plans and of updates following annual reviews, so that children and young people receive an effective plan within statutory timescales.' },
];

const IMPROVEMENTS = [
  'Leaders should improve the quality of assessment, advice and planning across education, health and social care.',
  'Leaders should strengthen quality assurance of EHC plans and use it to improve new and existing plans.',
  'Leaders should improve communication with parents, carers, children and young people about how systems are changing.',
  'Leaders should increase the pace of the alternative provision strategy so that it benefits children and young people with SEND.',
];

const ACTIONS: Record<string, string[]> = {
  '1': ['Refresh the SEND partnership board terms of reference and membership', 'Appoint a SEND improvement programme manager', 'Build an integrated SEND performance dashboard of 25 to 30 measures', 'Run a parent carer survey and publish the results', 'Agree a joint SEND and alternative provision strategy', 'Set up quarterly scrutiny of the plan by the improvement board', 'Publish a partnership risk register with named owners', 'Train board members in reading SEND performance data'],
  '2': ['Agree a data sharing protocol between the council, the ICB and providers', 'Give health professionals access to draft EHC plans', 'Refresh the local offer with co-produced content', 'Introduce a single referral form for early help and SEND', 'Set up a weekly multi-agency panel for complex cases', 'Record children\'s views consistently in case notes', 'Audit information shared at transition points', 'Publish a communication plan for families'],
  '3': ['Write a joint commissioning strategy', 'Map demand and sufficiency of specialist places', 'Re-procure the speech and language therapy service', 'Commission short breaks from the joint budget', 'Agree a joint funding panel for packages of support', 'Review occupational therapy capacity', 'Commission an independent advice and support service', 'Publish a sufficiency statement'],
  '4': ['Reduce the waiting list for neurodevelopmental assessment', 'Start a waiting well offer for families awaiting assessment', 'Train early years settings in early identification', 'Introduce speech and language drop-in sessions', 'Agree a graduated approach toolkit for schools', 'Track waiting times for therapies monthly', 'Set up a neurodevelopmental support hub', 'Report waiting times to the board each quarter'],
  '5': ['Recover the 20-week timeliness of new EHC plans', 'Clear the backlog of annual review amendments', 'Recruit additional educational psychologists', 'Introduce EHC plan quality audits with partners', 'Train SEND caseworkers in outcome writing', 'Agree turnaround times for health and social care advice', 'Introduce a phase transfer timetable', 'Publish monthly timeliness figures'],
};

// Synthetic leads; "Morgan Manager" is the demo team manager, so reminders reach a real demo account.
const LEADS = ['Morgan Manager', 'Robin Ashdown', 'Dr Priya Kettle', 'Sam Okafor', 'Lee Hartwell', 'Jo Fenwick', 'Chris Bellamy', 'Tariq Moss'];
const SROS = ['Director of Children\'s Services', 'ICB Director of Nursing', 'Head of SEND', 'Assistant Director, Education', 'Designated Clinical Officer'];
const KPIS = ['EHC-20WK', 'ND-WAIT', 'AR-4WK', 'PCF-SAT'];
const PARTNERS = ['Demo Borough Council', 'NHS Demo Integrated Care Board', 'Demo Community Health NHS Trust', 'Demo Borough Parent Carer Forum'];

/** A small deterministic pseudo-random sequence (LCG). */
function sequence(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 0x1_0000_0000;
  };
}

const NARRATIVES: Record<ActionStatus, string[]> = {
  'not-started': ['Work has not started: it is scheduled to begin later in the plan.'],
  'on-target': ['Work is progressing to plan; the working group met this month.', 'Milestones for this month were met and reported to the board.', 'Draft shared with partners for comment; on track for the due date.', 'Partners have agreed the approach; delivery continues to plan.'],
  delayed: ['Slippage this month because of staff capacity; a recovery plan is agreed.', 'Delayed while partners agree funding; escalated to the senior responsible officer.', 'Recruitment has taken longer than planned; interim cover is in place.'],
  complete: ['Complete: the outcome has been signed off by the board.', 'Complete, with evidence filed in the board papers.'],
  embedded: ['Complete and embedded into business as usual.'],
};

export const governancePlansDemo: DemoSeeder = {
  name: 'governance-plans',
  async seed({ trx, areaId, userIds, today }) {
    const planStart = today.subtract({ months: 18 });
    const inspectionStart = planStart.subtract({ months: 4 });
    const inspection = await trx.insertInto('inspection').values({
      area_id: areaId, framework: 'send-2023', kind: 'full', started_on: inspectionStart.toString(), ended_on: inspectionStart.add({ days: 4 }).toString(),
      published_on: inspectionStart.add({ days: 49 }).toString(), inspectorates: 'Ofsted and CQC', outcome: 3,
      report_url: 'https://example.org/demo-borough/area-send-inspection-report.pdf',
      summary: 'Synthetic demo inspection: widespread and/or systemic failings; a priority action plan is required and a monitoring inspection will follow in about 18 months.',
    }).returning('id').executeTakeFirstOrThrow();
    const findingIds: Record<string, string> = {};
    let position = 0;
    for (const p of PRIORITIES) {
      const f = await trx.insertInto('inspection_finding').values({ area_id: areaId, inspection_id: inspection.id, kind: 'area-for-priority-action', reference: p.ref, text: p.title, position: ++position })
        .returning('id').executeTakeFirstOrThrow();
      findingIds[p.ref] = f.id;
    }
    for (const [i, text] of IMPROVEMENTS.entries()) {
      await trx.insertInto('inspection_finding').values({ area_id: areaId, inspection_id: inspection.id, kind: 'area-for-improvement', reference: `AFI ${i + 1}`, text, position: ++position }).execute();
    }

    const plan = await trx.insertInto('improvement_plan').values({
      area_id: areaId, name: 'Demo Borough priority action plan', kind: 'priority-action-plan', scheme: 'rag', inspection_id: inspection.id, created_on: planStart.toString(),
    }).returning('id').executeTakeFirstOrThrow();
    const recorderId = userIds['team-manager'] ?? null;
    const who = { recorded_by_user_id: recorderId, recorded_by_label: recorderId ? `user:${recorderId}` : 'system:seed-demo' };
    const rnd = sequence(20231120);
    const months = Math.min(18, Math.floor(planStart.until(today, { largestUnit: 'months' }).months) + 1);
    const updates: { id: string; area_id: string; plan_id: string; action_id: string; update_date: string; narrative: string; evidence_url: string | null; evidence_text: string | null; new_status: string | null; recorded_by_user_id: string | null; recorded_by_label: string }[] = [];
    const statuses: { area_id: string; plan_id: string; action_id: string; effective_date: string; status: string; update_id: string | null; recorded_by_user_id: string | null; recorded_by_label: string }[] = [];
    let n = 0;
    for (const [pi, p] of PRIORITIES.entries()) {
      const priority = await trx.insertInto('plan_priority').values({ area_id: areaId, plan_id: plan.id, reference: p.ref, title: p.title, finding_id: findingIds[p.ref]!, position: pi + 1 })
        .returning('id').executeTakeFirstOrThrow();
      for (const [ai, description] of ACTIONS[p.ref]!.entries()) {
        n++;
        const startMonth = Math.floor(rnd() * 10); // starts in the first 10 months
        const length = 4 + Math.floor(rnd() * 12); // 4 to 15 months
        const dueMonth = startMonth + length;
        const action = await trx.insertInto('plan_action').values({
          area_id: areaId, plan_id: plan.id, priority_id: priority.id, reference: `${p.ref}.${ai + 1}`, description,
          lead_officer: LEADS[(n * 3 + pi) % LEADS.length]!, senior_responsible_officer: SROS[pi % SROS.length]!, partner_organisation: PARTNERS[n % PARTNERS.length]!,
          start_date: planStart.add({ months: startMonth }).toString(), due_date: planStart.add({ months: dueMonth }).subtract({ days: 1 }).toString(),
          success_measures: n % 4 === 0 ? `KPI ${KPIS[(n / 4) % KPIS.length]} improves against its baseline` : 'Signed off by the SEND partnership board',
          evidence: null, created_on: planStart.toString(), position: ai + 1,
        }).returning('id').executeTakeFirstOrThrow();
        statuses.push({ area_id: areaId, plan_id: plan.id, action_id: action.id, effective_date: planStart.toString(), status: 'not-started', update_id: null, ...who });
        let status: ActionStatus = 'not-started';
        const slip = rnd() < 0.3 ? 1 + Math.floor(rnd() * 3) : 0; // some actions finish late
        for (let m = 1; m < months; m++) {
          const date = planStart.add({ months: m }).with({ day: 1 }).add({ days: 24 + Math.floor(rnd() * 3) });
          if (Temporal.PlainDate.compare(date, today) > 0) break;
          let next: ActionStatus = status;
          if (status === 'complete') {
            if (rnd() < 0.7) continue; // complete actions are rarely updated again
          } else if (m < startMonth) {
            next = 'not-started';
            if (rnd() < 0.8) continue;
          } else if (m >= dueMonth + slip) {
            next = 'complete';
          } else if (m >= dueMonth) {
            next = 'delayed';
          } else {
            next = rnd() < 0.2 ? 'delayed' : 'on-target';
          }
          // Recent months: a few owners have not reported yet, so some actions show "update overdue".
          if (m >= months - 2 && rnd() < 0.15) continue;
          const pool = NARRATIVES[next];
          const id = randomUUID();
          updates.push({
            id, area_id: areaId, plan_id: plan.id, action_id: action.id, update_date: date.toString(), narrative: pool[Math.floor(rnd() * pool.length)]!,
            evidence_url: next === 'complete' ? 'https://example.org/demo-borough/board-papers' : null, evidence_text: null, new_status: next !== status ? next : null, ...who,
          });
          if (next !== status) statuses.push({ area_id: areaId, plan_id: plan.id, action_id: action.id, effective_date: date.toString(), status: next, update_id: id, ...who });
          status = next;
        }
      }
    }
    for (let i = 0; i < updates.length; i += 200) await trx.insertInto('plan_action_update').values(updates.slice(i, i + 200)).execute();
    for (let i = 0; i < statuses.length; i += 200) await trx.insertInto('plan_action_status').values(statuses.slice(i, i + 200)).execute();
  },
};
