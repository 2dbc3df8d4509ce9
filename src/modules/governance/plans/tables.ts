// Table types for inspections and improvement plans (migration 0200-governance-plans).
import type { Generated } from 'kysely';
import type { DateString } from '../../../platform/db/platform-tables.ts';

export interface InspectionTable {
  id: Generated<string>;
  area_id: string;
  framework: string; // 'send-2016' | 'send-2023'
  kind: string; // 'full' | 'revisit' | 'monitoring'
  started_on: DateString;
  ended_on: DateString;
  published_on: DateString | null;
  inspectorates: Generated<string>;
  report_url: string | null;
  outcome: number | null;
  wsoa_required: boolean | null;
  summary: Generated<string>;
  created_at: Generated<Date>;
}

export interface InspectionFindingTable {
  id: Generated<string>;
  area_id: string;
  inspection_id: string;
  kind: string;
  reference: Generated<string>;
  text: string;
  position: Generated<number>;
  created_at: Generated<Date>;
}

export interface ImprovementPlanTable {
  id: Generated<string>;
  area_id: string;
  name: string;
  kind: string; // 'priority-action-plan' | 'wsoa' | 'accelerated-progress-plan' | 'other'
  scheme: string; // 'rag' | 'brag'
  status: Generated<string>; // 'open' | 'closed'
  inspection_id: string | null;
  created_on: DateString;
  closed_on: DateString | null;
  created_at: Generated<Date>;
}

export interface PlanPriorityTable {
  id: Generated<string>;
  area_id: string;
  plan_id: string;
  reference: string;
  title: string;
  finding_id: string | null;
  position: number;
}

export interface PlanActionTable {
  id: Generated<string>;
  area_id: string;
  plan_id: string;
  priority_id: string;
  reference: string;
  description: string;
  lead_officer: string;
  senior_responsible_officer: string | null;
  partner_organisation: string | null;
  start_date: DateString | null;
  due_date: DateString;
  success_measures: string | null;
  evidence: string | null;
  created_on: DateString;
  position: number;
}

export interface PlanActionUpdateTable {
  id: Generated<string>;
  area_id: string;
  plan_id: string;
  action_id: string;
  update_date: DateString;
  narrative: string;
  evidence_url: string | null;
  evidence_text: string | null;
  new_status: string | null;
  recorded_by_user_id: string | null;
  recorded_by_label: string;
  recorded_at: Generated<Date>;
}

export interface PlanActionStatusTable {
  id: Generated<number>;
  area_id: string;
  plan_id: string;
  action_id: string;
  effective_date: DateString;
  status: string;
  update_id: string | null;
  recorded_by_user_id: string | null;
  recorded_by_label: string;
  recorded_at: Generated<Date>;
}

export interface GovernancePlanTables {
  inspection: InspectionTable;
  inspection_finding: InspectionFindingTable;
  improvement_plan: ImprovementPlanTable;
  plan_priority: PlanPriorityTable;
  plan_action: PlanActionTable;
  plan_action_update: PlanActionUpdateTable;
  plan_action_status: PlanActionStatusTable;
}
