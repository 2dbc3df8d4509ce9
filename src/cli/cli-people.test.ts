// Areas, users and tokens through the command line, on one embedded database (a fresh DATA_DIR),
// checked afterwards by opening the database directly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, tempDir } from './testing.ts';
import { openDatabase } from '../platform/db/database.ts';
import { sha256 } from '../platform/auth/secrets.ts';
import { osUserName } from './io.ts';

const DATA_DIR = tempDir('cli-people');
const env = { DATA_DIR };
const PASSWORD = 'correct horse battery staple';
let areaId = '';
const tokens: { id: string; token: string }[] = [];

test('migrate applies the migrations once', async () => {
  const first = await runCli(['migrate'], env);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /^0001-foundation$/m);
  const again = await runCli(['migrate'], env);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(again.stdout, '');
  assert.match(again.stderr, /up to date/);
});

test('areas create prints the new id; areas list shows it; a duplicate code is refused', async () => {
  const r = await runCli(['areas', 'create', '--code', 'e09000033', '--name', 'Westminster', '--region-code', 'E12000007', '--region-name', 'London'], env);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^[0-9a-f-]{36}\n$/);
  areaId = r.stdout.trim();
  const dup = await runCli(['areas', 'create', '--code', 'E09000033', '--name', 'Again'], env);
  assert.equal(dup.code, 1);
  assert.match(dup.stderr, /already exists/);
  const list = await runCli(['areas', 'list'], env);
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, new RegExp(`E09000033\\s+Westminster\\s+London\\s+0\\s+0\\s+${areaId}`));
});

test('users create reads the password from stdin; users list shows the user', async () => {
  const r = await runCli(['users', 'create', '--email', 'Ann.Example@Example.org', '--area', 'E09000033', '--role', 'caseworker', '--name', 'Ann Example'], env, `${PASSWORD}\nignored second line\n`);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^[0-9a-f-]{36}\n$/);
  assert.match(r.stderr, /Created ann\.example@example\.org as caseworker in "Westminster \(default\)"/);
  assert.ok(!r.stdout.includes(PASSWORD) && !r.stderr.includes(PASSWORD));
  // A second role for the same person keeps their password and needs none.
  const second = await runCli(['users', 'create', '--email', 'ann.example@example.org', '--area', 'E09000033', '--role', 'team-manager'], env);
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stderr, /password is unchanged/);

  const list = await runCli(['users', 'list', '--area', 'E09000033'], env);
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, /^email\s+name\s+status\s+roles$/m);
  assert.match(list.stdout, /^ann\.example@example\.org\s+Ann Example\s+active\s+caseworker, team-manager$/m);
});

test('a password that is too short is refused with exit 1, and nobody is created', async () => {
  const r = await runCli(['users', 'create', '--email', 'bob@example.org', '--area', 'E09000033', '--role', 'senco'], env, 'short\n');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /Password must be 12 characters or more\. Nothing was changed\./);
  const empty = await runCli(['users', 'create', '--email', 'bob@example.org', '--area', 'E09000033', '--role', 'senco'], env, '');
  assert.equal(empty.code, 1);
  assert.match(empty.stderr, /Nothing was given on standard input/);
  // That nobody was created is checked in the database at the end.
});

test('tokens create prints only the token; tokens list and revoke', async () => {
  for (let i = 0; i < 2; i++) {
    const r = await runCli(['tokens', 'create', '--email', 'ann.example@example.org', '--name', `script ${i}`, '--days', '30'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^ju_[A-Za-z0-9_-]{40}\n$/, 'stdout holds the token and nothing else');
    const id = /Created token ([0-9a-f-]{36})/.exec(r.stderr)?.[1];
    assert.ok(id, r.stderr);
    tokens.push({ id, token: r.stdout.trim() });
  }
  const list = await runCli(['tokens', 'list', '--email', 'ann.example@example.org'], env);
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, new RegExp(`${tokens[0]!.id}\\s+E09000033\\s+script 0\\s+${tokens[0]!.token.slice(0, 10)}…\\s+active`));
  assert.ok(!list.stdout.includes(tokens[0]!.token), 'the list never shows a whole token');

  const byId = await runCli(['tokens', 'revoke', '--id', tokens[0]!.id], env);
  assert.equal(byId.code, 0, byId.stderr);
  assert.match(byId.stderr, /Revoked token/);
  const byToken = await runCli(['tokens', 'revoke', '--token', tokens[1]!.token], env);
  assert.equal(byToken.code, 0, byToken.stderr);
  const unknown = await runCli(['tokens', 'revoke', '--token', 'ju_not-a-real-token'], env);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /not known/);
});

test('users disable disables the user', async () => {
  const live = await runCli(['tokens', 'create', '--email', 'ann.example@example.org'], env);
  assert.equal(live.code, 0, live.stderr);
  tokens.push({ id: /Created token ([0-9a-f-]{36})/.exec(live.stderr)![1]!, token: live.stdout.trim() });
  const r = await runCli(['users', 'disable', '--email', 'ann.example@example.org'], env);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /Disabled ann\.example@example\.org/);
  const missing = await runCli(['users', 'disable', '--email', 'nobody@example.org'], env);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /There is nobody with the email address nobody@example\.org/);
});

test('the database holds what the commands did, with hashed tokens and a cli audit trail', async () => {
  const database = await openDatabase({ dataDir: DATA_DIR });
  try {
    const db = database.db;
    const users = await db.selectFrom('app_user').select(['email', 'status', 'password_hash']).orderBy('email').execute();
    assert.deepEqual(users.map((u) => [u.email, u.status]), [['ann.example@example.org', 'disabled']]);
    assert.match(users[0]!.password_hash!, /^\$argon2id\$/);
    const memberships = await db.selectFrom('membership').select(['role', 'area_id']).orderBy('role').execute();
    assert.deepEqual(memberships, [{ role: 'caseworker', area_id: areaId }, { role: 'team-manager', area_id: areaId }]);
    const orgs = await db.selectFrom('organisation').select(['name', 'kind']).execute();
    assert.deepEqual(orgs, [{ name: 'Westminster (default)', kind: 'la-team' }]);
    const templates = await db.selectFrom('document_template_version').select(['kind', 'version']).where('area_id', '=', areaId).execute();
    assert.equal(templates.length, 7, 'a new area starts with the standard letter wording');
    assert.ok(templates.every((x) => x.version === 1));
    for (const t of tokens) {
      const row = await db.selectFrom('api_token').select(['id', 'token_hash', 'revoked_at', 'area_id']).where('token_hash', '=', sha256(t.token)).executeTakeFirst();
      assert.ok(row, 'the token is stored as its hash');
      assert.equal(row.id, t.id);
      assert.equal(row.area_id, areaId);
      assert.ok(row.revoked_at, 'revoked (by the command, or by disabling the user)');
    }
    const raw = await db.selectFrom('api_token').select('token_hash').execute();
    assert.ok(raw.every((r) => !r.token_hash.startsWith('ju_')), 'no token is stored in clear');
    const events = await db.selectFrom('audit_event').select(['action', 'actor_label']).orderBy('id').execute();
    const actor = `cli:${osUserName()}`;
    const byCli = events.filter((e) => e.actor_label === actor).map((e) => e.action);
    for (const action of ['database.migrated', 'area.created', 'organisation.created', 'user.created', 'membership.added', 'token.created', 'token.revoked', 'user.disabled']) {
      assert.ok(byCli.includes(action), `audit has ${action} by ${actor}: ${byCli.join(', ')}`);
    }
    assert.equal(byCli.filter((a) => a === 'token.revoked').length, 2);
  } finally {
    await database.close();
  }
});
