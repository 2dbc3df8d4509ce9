// The `npm start` contract, with a real process: ready line and demo sign-in on the console, health,
// a second process on the same data folder refused at once, a clean stop on SIGTERM, a restart on the
// existing folder, and a configuration error that names every bad key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SERVER = path.resolve('src/server.ts');

function start(env: Record<string, string>): { child: ChildProcess; output: () => string; ready: Promise<string> } {
  const child = spawn(process.execPath, [SERVER], { env: { ...process.env, LOG_LEVEL: 'warn', NODE_ENV: 'development', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const ready = new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += String(d);
      const m = /running at (http:\/\/localhost:\d+)/.exec(out);
      // The demo sign-in details follow the ready line; wait for them when a demo area exists.
      if (m && (/demo-code/.test(out) || env['SEED_DEMO'] === 'false')) resolve(m[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    setTimeout(() => reject(new Error(`not ready in 60 s: ${out}`)), 60_000).unref();
  });
  return { child, output: () => out, ready };
}

const exited = (child: ChildProcess) => new Promise<number | null>((r) => child.once('exit', (code) => r(code)));

test('npm start: ready, healthy, exclusive, stops cleanly and restarts on its data', { timeout: 180_000 }, async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'joinedup-server-'));
  try {
    const first = start({ DATA_DIR: dataDir, PORT: '0' });
    const url = await first.ready;
    assert.match(first.output(), /caseworker@demo\.joinedup\.invalid/, 'demo sign-in details are printed');
    assert.match(first.output(), /demo-password-1/);
    const health = await fetch(`${url}/healthz`);
    assert.deepEqual(await health.json(), { status: 'ok', database: 'ok' });

    const second = spawnSync(process.execPath, [SERVER], { env: { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' }, encoding: 'utf8', timeout: 30_000 });
    assert.equal(second.status, 1);
    assert.match(second.stderr, /already in use by another Joined Up process/);

    first.child.kill('SIGTERM');
    assert.equal(await exited(first.child), 0);
    assert.equal(fs.existsSync(path.join(dataDir, 'joinedup.lock')), false, 'the lock is released');

    const again = start({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'debug' });
    const url2 = await again.ready;
    const signIn = await fetch(`${url2}/sign-in`);
    assert.equal(signIn.status, 200);
    // Two seconds after the last request, the server gives freed memory back (src/platform/memory).
    const trimmed = () => /"rssBeforeMb":\d+,"rssAfterMb":\d+,"msg":"idle: freed memory given back to the system"/.test(again.output());
    for (let i = 0; i < 100 && !trimmed(); i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(trimmed(), 'the idle trim ran and was logged');
    again.child.kill('SIGINT');
    assert.equal(await exited(again.child), 0);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a bad configuration stops start-up with one message listing every bad key', () => {
  const res = spawnSync(process.execPath, [SERVER], { env: { ...process.env, PORT: 'eighty', LOG_LEVEL: 'chatty', DATABASE_URL: 'mysql://nope' }, encoding: 'utf8', timeout: 30_000 });
  assert.equal(res.status, 1);
  for (const key of ['PORT', 'LOG_LEVEL', 'DATABASE_URL']) assert.match(res.stderr, new RegExp(`${key}:`));
  assert.match(res.stderr, /settings table in README/);
});
