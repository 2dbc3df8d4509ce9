// Builds a Joined Up app for tests on its own database, with a fixed clock, and a small browser that
// keeps cookies and sends the CSRF token the way a real form would.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { fixedClock } from '../../src/platform/time/clock.ts';
import { seedDemo } from '../../src/platform/demo/seed.ts';
import { demoSeeders } from '../../src/modules/demo-seeders.ts';
import { startJobs, type Jobs } from '../../src/platform/jobs/jobs.ts';
import { QUEUES } from '../../src/platform/jobs/queues.ts';
import { pgliteTestDatabase } from './db.ts';
import { DEMO_PASSWORD } from '../../src/platform/demo/people.ts';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  clock: ReturnType<typeof fixedClock>;
  jobs: Jobs | undefined;
  dataDir: string;
  browser(): TestBrowser;
  signIn(email: string, password?: string): Promise<TestBrowser>;
  close(): Promise<void>;
}

export async function buildTestApp(opts: { database?: Database; seed?: boolean; demoData?: boolean; jobs?: boolean; now?: string; env?: Record<string, string>; logStream?: NodeJS.WritableStream } = {}): Promise<TestApp> {
  const database = opts.database ?? (await pgliteTestDatabase());
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'joinedup-test-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: opts.logStream ? 'info' : 'silent', SIGN_IN_RATE_LIMIT: '10000', ...opts.env });
  const clock = fixedClock(opts.now ?? '2026-11-23T10:00:00Z');
  if (opts.seed ?? true) await seedDemo(database.db, clock.today(), opts.demoData ? demoSeeders : []);
  const jobs = opts.jobs ? await startJobs(database, QUEUES) : undefined;
  const app = await buildApp({ config, database, clock, secret: 'test-secret-test-secret-test-secret!', jobs, ...(opts.logStream ? { logStream: opts.logStream } : {}) });
  if (jobs) await jobs.work(app.ctx.jobDefinitions);
  await app.ready();
  const t: TestApp = {
    app, database, config, clock, jobs, dataDir,
    browser: () => new TestBrowser(app),
    async signIn(email, password = DEMO_PASSWORD) {
      const b = new TestBrowser(app);
      await b.get('/sign-in');
      const res = await b.post('/sign-in', { email, password });
      if (res.statusCode !== 303) throw new Error(`sign-in as ${email} failed: ${res.statusCode}`);
      return b;
    },
    async close() {
      await app.close();
      await jobs?.stop();
      if (!opts.database) await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}

/** Keeps cookies across requests and fills in `_csrf` from the last page it saw. */
export class TestBrowser {
  readonly cookies = new Map<string, string>();
  lastHtml = '';
  readonly app: FastifyInstance;
  constructor(app: FastifyInstance) { this.app = app; }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: LightMyRequestResponse): void {
    const set = res.headers['set-cookie'];
    for (const c of Array.isArray(set) ? set : set ? [set] : []) {
      const [pair = ''] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i);
      const value = pair.slice(i + 1);
      if (!value || /expires=Thu, 01 Jan 1970/i.test(c) || /max-age=0/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    if (String(res.headers['content-type'] ?? '').startsWith('text/html')) this.lastHtml = res.body;
  }

  csrf(): string {
    const m = /name="_csrf" value="([^"]+)"/.exec(this.lastHtml);
    if (!m) throw new Error('no CSRF token on the last page');
    return m[1]!;
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), ...headers } });
    this.remember(res);
    return res;
  }

  /** Posts a form; `_csrf` is taken from the last page unless given (pass `_csrf: ''` to send none). */
  async post(url: string, form: Record<string, string | string[]>, opts: { csrf?: boolean } = {}): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams();
    if (opts.csrf !== false && !('_csrf' in form)) body.append('_csrf', this.csrf());
    for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    const res = await this.app.inject({ method: 'POST', url, payload: body.toString(), headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' } });
    this.remember(res);
    return res;
  }
}
