// The demo area's people: one synthetic person for each role, all with the same password.
// `.invalid` addresses can never receive real email.
import type { Role } from '../auth/roles.ts';

export const DEMO_AREA = { code: 'E99999999', name: 'Demo Borough', regionCode: 'E12000002', regionName: 'North West', icbName: 'NHS Demo Integrated Care Board' };
export const DEMO_PASSWORD = 'demo-password-1';
/** The demo administrator's authenticator key (published: the demo has no secrets). */
export const DEMO_ADMIN_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

export const DEMO_ORGANISATIONS = [
  { key: 'send', kind: 'la-team', name: 'Demo Borough Council SEND Service' },
  { key: 'ep', kind: 'la-team', name: 'Demo Borough Educational Psychology Service' },
  { key: 'icb', kind: 'icb', name: 'NHS Demo Integrated Care Board' },
  { key: 'health', kind: 'nhs-provider', name: 'Demo Community Health NHS Trust' },
  { key: 'social', kind: 'social-care', name: 'Demo Borough Children\'s Social Care' },
  { key: 'school', kind: 'school', name: 'Riverside Primary School', urn: '999001' },
  { key: 'college', kind: 'college', name: 'Demo Borough College', ukprn: '99990001' },
  { key: 'pcf', kind: 'parent-carer-forum', name: 'Demo Borough Parent Carer Forum' },
] as const;

export const DEMO_PEOPLE: { email: string; name: string; role: Role; org: (typeof DEMO_ORGANISATIONS)[number]['key'] }[] = [
  { email: 'admin@demo.joinedup.invalid', name: 'Alex Admin', role: 'area-admin', org: 'send' },
  { email: 'caseworker@demo.joinedup.invalid', name: 'Casey Worker', role: 'caseworker', org: 'send' },
  { email: 'manager@demo.joinedup.invalid', name: 'Morgan Manager', role: 'team-manager', org: 'send' },
  { email: 'ep@demo.joinedup.invalid', name: 'Evelyn Psychologist', role: 'educational-psychologist', org: 'ep' },
  { email: 'health@demo.joinedup.invalid', name: 'Harper Health', role: 'health-professional', org: 'health' },
  { email: 'socialcare@demo.joinedup.invalid', name: 'Sam Social', role: 'social-care-professional', org: 'social' },
  { email: 'senco@demo.joinedup.invalid', name: 'Sian Senco', role: 'senco', org: 'school' },
  { email: 'parent@demo.joinedup.invalid', name: 'Pat Parent', role: 'parent-carer', org: 'pcf' },
  { email: 'youngperson@demo.joinedup.invalid', name: 'Jordan Young', role: 'young-person', org: 'pcf' },
  { email: 'board@demo.joinedup.invalid', name: 'Blake Board', role: 'board-member', org: 'icb' },
  { email: 'analyst@demo.joinedup.invalid', name: 'Avery Analyst', role: 'performance-analyst', org: 'send' },
];
