// The README is part of the interface: its first commands and its settings table must stay true.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { settingsTable } from '../../src/config.ts';
import { DEMO_PEOPLE, DEMO_PASSWORD, DEMO_ADMIN_TOTP_SECRET } from '../../src/platform/demo/people.ts';

const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

test('the README starts with the two commands a new user needs', () => {
  const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)![1]!.trim().split('\n');
  assert.deepEqual(firstBlock, ['npm install && npm start', 'npm test']);
  assert.ok(readme.indexOf('```sh') < 40, 'they come first');
});

test('every setting is in the README table with its default', () => {
  for (const s of settingsTable()) {
    const row = readme.split('\n').find((l) => l.startsWith(`| \`${s.key}\` |`));
    assert.ok(row, `${s.key} is documented`);
    if (s.default) assert.ok(row.includes(`\`${s.default}\``), `${s.key} default ${s.default}`);
  }
});

test('every demo account and its password are in the README', () => {
  assert.ok(readme.includes(DEMO_PASSWORD));
  assert.ok(readme.includes(DEMO_ADMIN_TOTP_SECRET));
  for (const p of DEMO_PEOPLE) assert.ok(readme.includes(p.email), p.email);
});
