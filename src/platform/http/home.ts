// Where each role lands after signing in. Families, whose portal has no start page yet, land on the
// home page, which lists what they can do.
import { PROFESSIONAL_ROLES, type Principal } from '../auth/policy.ts';

export function homeFor(p: Pick<Principal, 'roles'>): string {
  if (p.roles.has('caseworker') || p.roles.has('team-manager')) return '/casework';
  if (p.roles.has('area-admin')) return '/admin';
  if (p.roles.has('performance-analyst') || p.roles.has('board-member')) return '/performance';
  if (PROFESSIONAL_ROLES.some((r) => p.roles.has(r))) return '/casework/advice';
  return '/home';
}
