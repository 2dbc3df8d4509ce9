// Table types for statutory casework (migration 0100-casework).
import type { Generated } from 'kysely';
import type { DateString, Json } from '../../platform/db/platform-tables.ts';

export interface Carer {
  name: string;
  relationship?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  /** How they want to be contacted. */
  contactBy?: 'email' | 'phone' | 'post' | undefined;
}

export interface ChildTable {
  id: Generated<string>;
  area_id: string;
  given_name: string;
  family_name: string;
  date_of_birth: DateString;
  upn: string | null;
  uln: string | null;
  nhs_number: string | null;
  home_la_code: string | null;
  carers: Json<Carer[]>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface EhcCaseTable {
  id: Generated<string>;
  area_id: string;
  child_id: string;
  assigned_to: string | null;
  opened_on: DateString;
  closed_on: DateString | null;
  stage: string;
  is_open: Generated<boolean>;
  next_due_on: DateString | null;
  next_due_key: string | null;
  next_due_label: string | null;
  overdue: Generated<boolean>;
  plan_in_force: Generated<boolean>;
  request_received_on: DateString | null;
  final_issued_on: DateString | null;
  event_count: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CaseEventTable {
  id: Generated<string>;
  area_id: string;
  case_id: string;
  seq: number;
  type: string;
  effective_date: DateString;
  recorded_at: Generated<Date>;
  recorded_by: string | null;
  data: Json<Record<string, unknown>>;
  reason: string | null;
  corrects_event_id: string | null;
}

export interface CaseInvolvementTable {
  area_id: string;
  case_id: string;
  user_id: string;
  reason: string;
  created_at: Generated<Date>;
}

/** A reminder already sent (migration 0130-casework-reminders): never sent twice. */
export interface CaseReminderTable {
  area_id: string;
  case_id: string;
  /** The deadline's key ('final-plan', '2026-01-05/next-review'), or 'advice:<event id>' for an adviser. */
  deadline_key: string;
  due_on: DateString;
  /** 'request' (the advice request itself), 'lead-<N>' (N working days before) or 'overdue'. */
  stage: string;
  recipient: string;
  sent_on: DateString;
  created_at: Generated<Date>;
}

export interface CaseworkTables {
  child: ChildTable;
  ehc_case: EhcCaseTable;
  case_event: CaseEventTable;
  case_involvement: CaseInvolvementTable;
  case_reminder: CaseReminderTable;
}
