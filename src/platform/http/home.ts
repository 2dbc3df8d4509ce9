// Where each role lands after signing in. Roles whose own capability has no start page yet (advice
// requests for professionals, the families' portal) land on the home page, which lists what they can do.
import type { Principal } from '../auth/policy.ts';

export function homeFor(p: Pick<Principal, 'roles'>): string {
  if (p.roles.has('caseworker') || p.roles.has('team-manager')) return '/casework';
  if (p.roles.has('area-admin')) return '/admin';
  if (p.roles.has('performance-analyst') || p.roles.has('board-member')) return '/performance';
  return '/home';
}
