// Authorisation is decided here and nowhere else. Routes ask `can(principal, action, record?)` or
// `authorise(...)`, which throws the right error: 403 for a forbidden action, 404 for a record of
// another area (its existence is not revealed).
import type { Role } from './roles.ts';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../http/errors.ts';

export interface Principal {
  userId: string;
  name: string;
  email: string;
  areaId: string;
  areaCode: string;
  areaName: string;
  roles: ReadonlySet<Role>;
  organisationIds: readonly string[];
  via: 'session' | 'token';
  sessionIdHash?: string;
  tokenId?: string;
}

const STAFF: Role[] = ['caseworker', 'team-manager', 'area-admin'];
/** People outside the council asked for advice on a child (and so involved with that child's case). */
export const PROFESSIONAL_ROLES = ['educational-psychologist', 'health-professional', 'social-care-professional', 'senco'] as const satisfies readonly Role[];
const PROFESSIONALS: Role[] = [...PROFESSIONAL_ROLES];
const LEADERS: Role[] = ['team-manager', 'area-admin', 'board-member', 'performance-analyst'];

/** Which roles may do each action at all. Record-level rules (area, involvement) are applied on top. */
export const PERMISSIONS = {
  'admin.people': ['area-admin'],
  'admin.organisations': ['area-admin'],
  'admin.templates': ['area-admin'],
  'audit.view': ['area-admin'],
  'tokens.own': ['area-admin', 'caseworker', 'team-manager', 'performance-analyst', 'educational-psychologist', 'health-professional', 'social-care-professional', 'senco', 'board-member'],
  'case.view': [...STAFF, ...PROFESSIONALS],
  'case.edit': STAFF,
  'case.assign': ['team-manager', 'area-admin'],
  'case.team-view': ['team-manager', 'area-admin'],
  'case.import': ['team-manager', 'area-admin'],
  'case.letter-issue': STAFF,
  'case.document-upload': [...STAFF, ...PROFESSIONALS],
  'case.document-download': [...STAFF, ...PROFESSIONALS],
  'advice.contribute': [...PROFESSIONALS, ...STAFF],
  'portal.view-own': ['parent-carer', 'young-person'],
  'governance.view': [...LEADERS, 'caseworker'],
  'governance.edit': ['team-manager', 'area-admin'],
  'governance.update-action': ['team-manager', 'area-admin', 'caseworker', 'performance-analyst'],
  'performance.view': [...LEADERS, 'caseworker'],
  'performance.edit-targets': ['performance-analyst', 'team-manager', 'area-admin'],
  'performance.drill-down': ['performance-analyst', 'team-manager', 'area-admin'],
  'benchmarks.import': ['performance-analyst', 'area-admin'],
  'reports.generate': ['team-manager', 'area-admin', 'performance-analyst'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

/** A record owned by an area; `involvedUserIds` lists the people with a need to know (child records). */
export interface AreaRecord {
  areaId: string;
  involvedUserIds?: readonly string[];
}

export function hasPermission(p: Principal, action: Action): boolean {
  const allowed: readonly Role[] = PERMISSIONS[action];
  for (const r of p.roles) if (allowed.includes(r)) return true;
  return false;
}

export type Decision = 'allow' | 'forbidden' | 'not-found';

export function decide(p: Principal, action: Action, record?: AreaRecord): Decision {
  if (record && record.areaId !== p.areaId) return 'not-found';
  if (!hasPermission(p, action)) return 'forbidden';
  if (record?.involvedUserIds && !isAreaWide(p) && !record.involvedUserIds.includes(p.userId)) {
    // A professional or family member sees a child's record only while involved with it.
    return 'not-found';
  }
  return 'allow';
}

/** Staff whose role gives them the whole area's caseload. */
export function isAreaWide(p: Principal): boolean {
  return p.roles.has('caseworker') || p.roles.has('team-manager') || p.roles.has('area-admin');
}

export function can(p: Principal, action: Action, record?: AreaRecord): boolean {
  return decide(p, action, record) === 'allow';
}

export function authorise(p: Principal | undefined, action: Action, record?: AreaRecord): Principal {
  if (!p) throw new UnauthenticatedError();
  const d = decide(p, action, record);
  if (d === 'not-found') throw new NotFoundError();
  if (d === 'forbidden') throw new ForbiddenError();
  return p;
}
