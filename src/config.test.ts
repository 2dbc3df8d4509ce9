import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, ConfigError } from './config.ts';

test('defaults give a working development configuration', () => {
  const c = loadConfig({});
  assert.equal(c.port, 3000);
  assert.equal(c.env, 'development');
  assert.equal(c.databaseUrl, undefined);
  assert.equal(c.seedDemo, true);
  assert.equal(c.publicUrl, 'http://localhost:3000');
  assert.match(c.dataDir, /\/data$/);
});

test('one error lists every bad key and what it expects', () => {
  try {
    loadConfig({ PORT: 'abc', NODE_ENV: 'production', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', SEED_DEMO: 'true' });
    assert.fail('should have thrown');
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    const keys = err.problems.map((p) => p.split(':')[0]);
    assert.deepEqual(keys.sort(), ['DATABASE_URL', 'LOG_LEVEL', 'PORT', 'SEED_DEMO', 'SESSION_SECRET']);
    assert.match(err.message, /PORT: .*\(got "abc"\)/);
    assert.doesNotMatch(err.message, /mysql:\/\/x/, 'connection strings (which may hold passwords) are not echoed');
  }
});

test('production never seeds demo accounts; empty strings count as unset', () => {
  const c = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), DATABASE_URL: '' });
  assert.equal(c.seedDemo, false);
  assert.equal(c.databaseUrl, undefined);
  assert.equal(loadConfig({ SEED_DEMO: 'false' }).seedDemo, false);
  assert.equal(loadConfig({ PUBLIC_URL: 'https://send.example.gov.uk/' }).publicUrl, 'https://send.example.gov.uk');
});
