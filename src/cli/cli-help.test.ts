// The command line without a database: help, usage errors, configuration errors, demo-code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import './commands/index.ts';
import { allCommands } from './registry.ts';
import { runCli as runInProcess } from './main.ts';
import { createIO } from './io.ts';
import { runCli, tempDir } from './testing.ts';
import { hotp, totpStep } from '../platform/auth/totp.ts';
import { DEMO_ADMIN_TOTP_SECRET } from '../platform/demo/people.ts';

const DATA_DIR = tempDir('cli-help');
const env = { DATA_DIR };

const EXPECTED = ['migrate', 'seed-demo', 'demo-code', 'areas create', 'areas list', 'users create', 'users list', 'users disable',
  'tokens create', 'tokens revoke', 'tokens list', 'backup', 'restore', 'worker'];

test('--help lists every command and exits 0', async () => {
  const r = await runCli(['--help'], env);
  assert.equal(r.code, 0, r.stderr);
  const registered = allCommands().map((c) => c.name);
  for (const name of EXPECTED) assert.ok(registered.includes(name), `${name} is registered`);
  // Modules register more (plans, benchmarks, …): the help lists whatever is in the registry.
  for (const name of registered) assert.match(r.stdout, new RegExp(`^  ${name} `, 'm'), `help lists ${name}`);
});

test('an unknown command prints the help and exits 2', async () => {
  const r = await runCli(['frobnicate'], env);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown command "frobnicate"/);
  assert.match(r.stderr, /users create/);
  assert.equal(r.stdout, '');
  const sub = await runCli(['users', 'delete'], env);
  assert.equal(sub.code, 2);
  assert.match(sub.stderr, /unknown command "users delete"/);
  const none = await runCli([], env);
  assert.equal(none.code, 2);
});

test('usage errors exit 2 with one clear line and create nothing', async () => {
  const missing = await runCli(['areas', 'create', '--name', 'Westminster'], env);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^joinedup areas create: --code is required\. Run `joinedup areas create --help` for usage\.\n$/);
  const unknownOption = await runCli(['areas', 'list', '--colour', 'red'], env);
  assert.equal(unknownOption.code, 2);
  assert.match(unknownOption.stderr, /Unknown option '--colour'/);
  const badRole = await runCli(['users', 'create', '--email', 'a@example.org', '--area', 'E09000033', '--role', 'wizard'], env, 'a long enough password\n');
  assert.equal(badRole.code, 2);
  assert.match(badRole.stderr, /--role must be one of area-admin, caseworker/);
  const badCode = await runCli(['areas', 'create', '--code', 'X1', '--name', 'X'], env);
  assert.equal(badCode.code, 2);
  assert.match(badCode.stderr, /--code must be an ONS code/);
  const extra = await runCli(['backup', 'a.tar.gz', 'b.tar.gz'], env);
  assert.equal(extra.code, 2);
  assert.match(extra.stderr, /unexpected argument "b.tar.gz"/);
});

test('every command and group has its own --help', async () => {
  for (const spec of allCommands()) {
    let out = '';
    const stdout = new PassThrough().on('data', (d: Buffer) => { out += d.toString(); });
    const code = await runInProcess([...spec.name.split(' '), '--help'], createIO({ stdout, stderr: new PassThrough(), env }));
    assert.equal(code, 0, spec.name);
    assert.match(out, new RegExp(`^Usage: joinedup ${spec.name}`), spec.name);
    assert.match(out, /-h, --help/);
  }
  const r = await runCli(['tokens', '--help'], env);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /tokens create[\s\S]*tokens revoke[\s\S]*tokens list/);
  const viaHelp = await runCli(['help', 'users', 'create'], env);
  assert.equal(viaHelp.code, 0);
  assert.match(viaHelp.stdout, /Usage: joinedup users create --email EMAIL/);
});

test('a configuration error prints its message and exits 1', async () => {
  const r = await runCli(['areas', 'list'], { ...env, DATABASE_URL: 'mysql://nope' });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /configuration is invalid[\s\S]*DATABASE_URL: must start with postgres:\/\//);
});

test('demo-code prints the demo administrator\'s current code, and refuses in production', async () => {
  const before = totpStep(new Date());
  const r = await runCli(['demo-code'], env);
  const after = totpStep(new Date());
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^\d{6}\n$/);
  const codes = new Set([hotp(DEMO_ADMIN_TOTP_SECRET, before), hotp(DEMO_ADMIN_TOTP_SECRET, after)]);
  assert.ok(codes.has(r.stdout.trim()), 'the code is the demo secret\'s TOTP now');

  const production = { ...env, NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) };
  const refused = await runCli(['demo-code'], production);
  assert.equal(refused.code, 1);
  assert.equal(refused.stdout, '');
  assert.match(refused.stderr, /production/);
  const seed = await runCli(['seed-demo'], production);
  assert.equal(seed.code, 1);
  assert.match(seed.stderr, /Refusing to create demo accounts/);
});
