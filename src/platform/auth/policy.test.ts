import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decide, authorise, PERMISSIONS, type Principal } from './policy.ts';
import { ROLES, type Role } from './roles.ts';

const principal = (roles: Role[], over: Partial<Principal> = {}): Principal => ({
  userId: 'u1', name: 'Test', email: 't@example.test', areaId: 'area-a', areaCode: 'E99999999', areaName: 'Demo',
  roles: new Set(roles), organisationIds: [], via: 'session', ...over,
});

test('every permission names only real roles', () => {
  for (const [action, roles] of Object.entries(PERMISSIONS)) {
    for (const r of roles) assert.ok((ROLES as readonly string[]).includes(r), `${action}: ${r}`);
  }
});

test('decisions: role, area and involvement', () => {
  const cases: [Role[], Parameters<typeof decide>[1], Parameters<typeof decide>[2], string][] = [
    [['area-admin'], 'admin.people', undefined, 'allow'],
    [['caseworker'], 'admin.people', undefined, 'forbidden'],
    [['board-member'], 'governance.edit', undefined, 'forbidden'],
    [['board-member'], 'governance.view', undefined, 'allow'],
    [['caseworker'], 'case.view', { areaId: 'area-b' }, 'not-found'],
    [['area-admin'], 'admin.people', { areaId: 'area-b' }, 'not-found'],
    [['caseworker'], 'case.view', { areaId: 'area-a', involvedUserIds: [] }, 'allow'],
    [['health-professional'], 'case.view', { areaId: 'area-a', involvedUserIds: ['someone-else'] }, 'not-found'],
    [['health-professional'], 'case.view', { areaId: 'area-a', involvedUserIds: ['u1'] }, 'allow'],
    [['parent-carer'], 'case.view', { areaId: 'area-a', involvedUserIds: ['u1'] }, 'forbidden'],
    [['parent-carer'], 'portal.view-own', { areaId: 'area-a', involvedUserIds: ['u2'] }, 'not-found'],
  ];
  for (const [roles, action, record, expected] of cases) {
    assert.equal(decide(principal(roles), action, record), expected, `${roles.join()} ${action} ${JSON.stringify(record)}`);
  }
});

test('authorise throws 403 or 404 as decided', () => {
  assert.throws(() => authorise(principal(['caseworker']), 'audit.view'), { status: 403 });
  assert.throws(() => authorise(principal(['area-admin']), 'audit.view', { areaId: 'area-b' }), { status: 404 });
  assert.throws(() => authorise(undefined, 'audit.view'), { status: 401 });
  assert.equal(authorise(principal(['area-admin']), 'audit.view').userId, 'u1');
});
