// The command line against PostgreSQL (DATABASE_URL), in a schema of its own that is dropped afterwards.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { once } from 'node:events';
import { runCli, startCli, tempDir, waitForStderr } from './testing.ts';
import { sha256 } from '../platform/auth/secrets.ts';

const DATABASE_URL = process.env['DATABASE_URL'];
const SCHEMA = `cli_test_${randomBytes(5).toString('hex')}`;
const skip = DATABASE_URL ? false : 'DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)';
const env = { DATABASE_URL, DATABASE_SCHEMA: SCHEMA, DATA_DIR: tempDir('cli-pg') };

after(async () => {
  if (!DATABASE_URL) return;
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${SCHEMA} cascade`);
    await client.query(`drop schema if exists ${SCHEMA}_boss cascade`);
  } finally {
    await client.end();
  }
});

test('areas, users and tokens on PostgreSQL; backup points to pg_dump', { skip }, async () => {
  const area = await runCli(['areas', 'create', '--code', 'E06000001', '--name', 'Hartlepool'], env);
  assert.equal(area.code, 0, area.stderr);
  const user = await runCli(['users', 'create', '--email', 'pg@example.org', '--area', 'E06000001', '--role', 'performance-analyst', '--name', 'Pat Gres'], env, 'a postgres test password\n');
  assert.equal(user.code, 0, user.stderr);
  const token = await runCli(['tokens', 'create', '--email', 'pg@example.org'], env);
  assert.equal(token.code, 0, token.stderr);
  assert.match(token.stdout, /^ju_\S+\n$/);
  const list = await runCli(['users', 'list', '--area', 'E06000001'], env);
  assert.match(list.stdout, /pg@example\.org\s+Pat Gres\s+active\s+performance-analyst/);

  const backup = await runCli(['backup', `${env.DATA_DIR}/x.tar.gz`], env);
  assert.equal(backup.code, 1);
  assert.match(backup.stderr, /pg_dump/);

  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const areas = await client.query(`select code from ${SCHEMA}.area`);
    assert.deepEqual(areas.rows, [{ code: 'E06000001' }]);
    const tokens = await client.query(`select count(*)::int as n from ${SCHEMA}.api_token where token_hash = $1`, [sha256(token.stdout.trim())]);
    assert.equal(tokens.rows[0].n, 1);
    const audit = await client.query(`select action from ${SCHEMA}.audit_event where actor_label like 'cli:%' order by id`);
    assert.deepEqual(audit.rows.map((r: { action: string }) => r.action), ['area.created', 'organisation.created', 'user.created', 'membership.added', 'token.created']);
  } finally {
    await client.end();
  }
});

test('worker runs on PostgreSQL and stops cleanly on SIGINT', { skip }, async () => {
  const worker = startCli(['worker'], env);
  try {
    await waitForStderr(worker, /worker running \(PostgreSQL schema cli_test_/);
    const exited = once(worker, 'exit');
    worker.kill('SIGINT');
    const [code, signal] = await exited as [number | null, NodeJS.Signals | null];
    assert.deepEqual({ code, signal }, { code: 0, signal: null }, 'the worker handled the signal and exited 0');
  } finally {
    if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
  }
});
