// The roles a person can hold in an area, through a membership of one organisation.
export const ROLES = [
  'area-admin', 'caseworker', 'team-manager', 'educational-psychologist', 'health-professional',
  'social-care-professional', 'senco', 'parent-carer', 'young-person', 'board-member', 'performance-analyst',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  'area-admin': 'Area administrator',
  'caseworker': 'SEND caseworker',
  'team-manager': 'SEND team manager',
  'educational-psychologist': 'Educational psychologist',
  'health-professional': 'Health professional',
  'social-care-professional': 'Social care professional',
  'senco': 'Setting SENCO',
  'parent-carer': 'Parent or carer',
  'young-person': 'Young person',
  'board-member': 'Board member (read only)',
  'performance-analyst': 'Performance analyst',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Roles that must use a second factor (time-based one-time passwords) to sign in. */
export const ROLES_REQUIRING_TOTP: readonly Role[] = ['area-admin'];

export const ORGANISATION_KINDS = {
  'la-team': 'Local authority team',
  'icb': 'Integrated care board',
  'nhs-provider': 'NHS provider',
  'school': 'School',
  'college': 'College',
  'early-years': 'Early years setting',
  'social-care': 'Social care',
  'parent-carer-forum': 'Parent carer forum',
  'other': 'Other',
} as const;
export type OrganisationKind = keyof typeof ORGANISATION_KINDS;
