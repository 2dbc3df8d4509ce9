// Where each role lands after signing in.
import type { Principal } from '../auth/policy.ts';

export function homeFor(p: Principal): string {
  if (p.roles.has('caseworker') || p.roles.has('team-manager')) return '/casework';
  if (p.roles.has('area-admin')) return '/admin';
  if (p.roles.has('performance-analyst') || p.roles.has('board-member')) return '/performance';
  if (p.roles.has('parent-carer') || p.roles.has('young-person')) return '/portal';
  return '/advice';
}
