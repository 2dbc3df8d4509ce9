// Helpers for the CLI tests: run `node src/cli.ts …` as a child process on a given environment.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'src', 'cli.ts');

export interface CliResult { code: number | null; stdout: string; stderr: string; ms: number }

/** A fresh temporary folder, removed when the test process exits. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `joinedup-${prefix}-`));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The environment for a child: this one without database or test-runner settings, plus `env`. */
export function childEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', NODE_ENV: 'test' };
  for (const key of ['DATABASE_URL', 'DATABASE_SCHEMA', 'DATA_DIR', 'SESSION_SECRET', 'SEED_DEMO', 'PORT', 'NODE_TEST_CONTEXT', 'NODE_OPTIONS']) delete base[key];
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete base[k];
    else base[k] = v;
  }
  return base;
}

export function startCli(args: string[], env: Record<string, string | undefined>): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: childEnv(env), stdio: 'pipe' });
}

/** Runs the CLI to completion; `input` is written to its stdin, which is then closed. */
export function runCli(args: string[], env: Record<string, string | undefined>, input?: string): Promise<CliResult> {
  const started = performance.now();
  const child = startCli(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
  child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  child.stdin.on('error', () => { /* the CLI may exit without reading */ });
  child.stdin.end(input ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started }));
  });
}

/** Resolves once `pattern` appears in the child's stderr; rejects if the child exits first or time runs out. */
export function waitForStderr(child: ChildProcessWithoutNullStreams, pattern: RegExp, ms = 300_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; stderr so far: ${seen}`)), ms);
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      seen += d;
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve(seen);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the command exited (${code}) before ${pattern}; stderr: ${seen}`));
    });
  });
}
