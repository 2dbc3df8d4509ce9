// Table types for the platform (people, sessions, tokens, audit). Hand-written, as the database is
// migrated from code; `Generated` marks columns the database fills in.
import type { ColumnType, Generated } from 'kysely';

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A calendar date, always 'YYYY-MM-DD' on the way in and out. */
export type DateString = string;
export type Json<T = unknown> = ColumnType<T, string, string>;

export interface AreaTable {
  id: Generated<string>;
  code: string;
  name: string;
  region_code: string | null;
  region_name: string | null;
  icb_name: string | null;
  created_at: Generated<Date>;
}

export interface OrganisationTable {
  id: Generated<string>;
  area_id: string;
  kind: string;
  name: string;
  urn: string | null;
  ukprn: string | null;
  created_at: Generated<Date>;
}

export interface AppUserTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string | null;
  status: string; // 'active' | 'invited' | 'disabled'
  totp_secret: string | null;
  totp_enabled: Generated<boolean>;
  totp_last_step: number | null;
  failed_sign_ins: Generated<number>;
  locked_until: Date | null;
  password_changed_at: Date | null;
  created_at: Generated<Date>;
}

export interface MembershipTable {
  id: Generated<string>;
  area_id: string;
  user_id: string;
  organisation_id: string;
  role: string;
  created_at: Generated<Date>;
}

export interface SessionTable {
  id_hash: string;
  user_id: string;
  area_id: string;
  created_at: Generated<Date>;
  last_seen_at: Date;
  second_factor_done: boolean;
  ip: string | null;
  user_agent: string | null;
}

export interface OneTimeTokenTable {
  id: Generated<string>;
  token_hash: string;
  purpose: string; // 'invite' | 'reset'
  user_id: string;
  area_id: string | null;
  expires_at: Date;
  used_at: Date | null;
  created_at: Generated<Date>;
}

export interface ApiTokenTable {
  id: Generated<string>;
  area_id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  expires_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
  created_at: Generated<Date>;
}

export interface AuditEventTable {
  id: Generated<number>;
  area_id: string | null;
  at: Generated<Date>;
  actor_user_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  ip: string | null;
  request_id: string | null;
  detail: Json<Record<string, unknown>> | null;
}

export interface OutboxMailTable {
  id: Generated<string>;
  area_id: string | null;
  to_address: string;
  subject: string;
  body_text: string;
  status: Generated<string>; // 'queued' | 'sent' | 'failed'
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Generated<Date>;
  sent_at: Date | null;
}

export interface SignInThrottleTable {
  email_hash: string;
  failures: number;
  first_failure_at: Date;
  locked_until: Date | null;
}

export interface PlatformTables {
  sign_in_throttle: SignInThrottleTable;
  area: AreaTable;
  organisation: OrganisationTable;
  app_user: AppUserTable;
  membership: MembershipTable;
  user_session: SessionTable;
  one_time_token: OneTimeTokenTable;
  api_token: ApiTokenTable;
  audit_event: AuditEventTable;
  mail: OutboxMailTable;
}
