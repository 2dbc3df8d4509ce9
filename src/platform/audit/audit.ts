// The audit trail: who read or changed what, when, from where. Written in the same transaction as the
// change it records, so neither exists without the other. The table is append-only in the database.
import type { Executor } from '../db/database.ts';
import type { Principal } from '../auth/policy.ts';

export interface AuditContext {
  principal?: Principal | undefined;
  /** Who, when there is no signed-in principal (sign-in attempts, the CLI, jobs). */
  actorLabel?: string;
  actorUserId?: string | null;
  areaId?: string | null;
  ip?: string | null;
  requestId?: string | null;
}

export interface AuditEntry {
  action: string;
  entityType?: string;
  entityId?: string | null;
  /** Facts about the event. Never personal data such as names or passwords: identifiers only. */
  detail?: Record<string, unknown>;
}

export async function audit(db: Executor, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  const p = ctx.principal;
  await db.insertInto('audit_event').values({
    area_id: ctx.areaId !== undefined ? ctx.areaId : (p?.areaId ?? null),
    actor_user_id: ctx.actorUserId !== undefined ? ctx.actorUserId : (p?.userId ?? null),
    actor_label: ctx.actorLabel ?? (p ? `user:${p.userId}` : 'anonymous'),
    action: entry.action,
    entity_type: entry.entityType ?? null,
    entity_id: entry.entityId ?? null,
    ip: ctx.ip ?? null,
    request_id: ctx.requestId ?? null,
    detail: entry.detail ? JSON.stringify(entry.detail) : null,
  }).execute();
}
