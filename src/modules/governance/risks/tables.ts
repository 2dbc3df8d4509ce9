// Table types for risk registers and self-evaluation (migration 0210).
import type { Generated } from 'kysely';
import type { DateString, Json } from '../../../platform/db/platform-tables.ts';

export interface RiskBandSettingTable {
  area_id: string;
  bands: Json<Array<{ name: string; label?: string; min: number; max: number }>>;
  updated_at: Generated<Date>;
  updated_by: string | null;
}

export interface RiskTable {
  id: Generated<string>;
  area_id: string;
  reference: string;
  title: string;
  cause: Generated<string>;
  consequence: Generated<string>;
  owner: Generated<string>;
  category: Generated<string>;
  linked_priorities: Json<string[]>;
  treatment: Generated<string>;
  status: Generated<string>;
  raised_on: DateString;
  last_reviewed_on: DateString | null;
  next_review_on: DateString | null;
  inherent_likelihood: number | null;
  inherent_impact: number | null;
  residual_likelihood: number | null;
  residual_impact: number | null;
  target_likelihood: number | null;
  target_impact: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface RiskAssessmentTable {
  id: Generated<number>;
  area_id: string;
  risk_id: string;
  assessed_on: DateString;
  kind: string;
  likelihood: number;
  impact: number;
  score: number;
  band: string;
  note: string | null;
  assessed_by: string | null;
  created_at: Generated<Date>;
}

export interface RiskControlTable {
  id: Generated<string>;
  area_id: string;
  risk_id: string;
  kind: string;
  description: string;
  owner: Generated<string>;
  due_on: DateString | null;
  effectiveness: string | null;
  status: Generated<string>;
  created_at: Generated<Date>;
}

export interface SelfEvaluationTable {
  id: Generated<string>;
  area_id: string;
  framework_id: string;
  title: string;
  created_at: Generated<Date>;
}

export interface SelfEvaluationRatingTable {
  id: Generated<string>;
  area_id: string;
  self_evaluation_id: string;
  criterion_id: string;
  month: string;
  rag: string;
  narrative: string | null;
  evidence: string | null;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface GovernanceRiskTables {
  risk_band_setting: RiskBandSettingTable;
  risk: RiskTable;
  risk_assessment: RiskAssessmentTable;
  risk_control: RiskControlTable;
  self_evaluation: SelfEvaluationTable;
  self_evaluation_rating: SelfEvaluationRatingTable;
}
