// buildApp(deps): the platform plugins, then each module's routes, then the 404 and error handlers.
// No global state: tests build as many apps as they like, each on its own database.
import Fastify, { type FastifyInstance, type FastifyError } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import compress from '@fastify/compress';
import { securityHeaders } from './platform/http/security-headers.ts';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { randomUUID, createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config.ts';
import type { Database } from './platform/db/database.ts';
import type { Clock } from './platform/time/clock.ts';
import type { Jobs, JobDefinition } from './platform/jobs/jobs.ts';
import { createNunjucks, ROOT_DIR } from './platform/views/nunjucks.ts';
import { renderPage, type NavItem, type RenderContext } from './platform/http/render.ts';
import { loadSession } from './platform/http/session.ts';
import { PRINCIPAL_CHANNEL, SessionCache } from './platform/http/session-cache.ts';
import { csrfValid } from './platform/http/csrf.ts';
import { HttpError, UnauthenticatedError, ValidationError } from './platform/http/errors.ts';
import { sendProblem, isApiRequest } from './platform/http/problem.ts';
import { principalForToken } from './platform/auth/api-tokens.ts';
import { ApiRegistry } from './platform/http/api.ts';
import { registerPlatformRoutes } from './platform/http/platform-routes.ts';
import { registerPeople } from './modules/people/routes.ts';
import { createMailer, type Mailer } from './platform/mail/mailer.ts';

export interface AppDeps {
  config: Config;
  database: Database;
  clock: Clock;
  /** Secret for CSRF tokens (from SESSION_SECRET or the data folder). */
  secret: string;
  jobs?: Jobs | undefined;
  mailer?: Mailer;
  /** Log to this stream (tests pass a sink to assert nothing personal is logged). */
  logStream?: NodeJS.WritableStream;
}

export interface AppContext extends AppDeps {
  mailer: Mailer;
  /** Background job handlers modules register; the worker works them. */
  jobDefinitions: JobDefinition[];
  api: ApiRegistry;
  render: RenderContext;
  navItems: NavItem[];
}

declare module 'fastify' {
  interface FastifyInstance { ctx: AppContext }
}

function assetVersion(): string {
  const css = path.join(ROOT_DIR, 'public/app.css');
  return fs.existsSync(css) ? createHash('sha256').update(fs.readFileSync(css)).digest('hex').slice(0, 12) : 'dev';
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const secureCookies = config.publicUrl.startsWith('https://');
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : {
      level: config.logLevel,
      ...(deps.logStream ? { stream: deps.logStream } : {}),
      // Personal data never reaches the logs: no bodies, no cookies, no query strings (which may hold names).
      redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], remove: true },
      serializers: {
        req: (req) => ({ id: req.id, method: req.method, route: req.routeOptions?.url ?? (req.url.split('?')[0]), ip: req.ip }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    },
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
    connectionTimeout: 60_000,
    keepAliveTimeout: 10_000,
  });

  const navItems: NavItem[] = [];
  const render: RenderContext = {
    // Templates are recompiled on every render only under `npm run dev` (--watch): it costs ~50 ms a page.
    env: createNunjucks({ watch: config.env === 'development' && process.execArgv.includes('--watch') }),
    secret: deps.secret, secureCookies,
    isProduction: config.isProduction, assetVersion: assetVersion(), navItems,
  };
  const mailer = deps.mailer ?? createMailer(deps, config);
  const ctx: AppContext = { ...deps, mailer, api: new ApiRegistry(), render, navItems, jobDefinitions: [mailer.jobDefinition()] };
  app.decorate('ctx', ctx);
  app.decorateRequest('session', null);
  app.decorateRequest('principal', undefined);
  app.decorateReply('page', function (this: import('fastify').FastifyReply, template: string, data?: Record<string, unknown>, status?: number) {
    return renderPage(render, this.request, this, template, data, status);
  });

  // Sessions answered from memory on the embedded database (single writer: see session-cache.ts).
  const sessionCache = deps.database.pglite ? new SessionCache() : undefined;
  if (sessionCache && deps.database.pglite) {
    const unlisten = await deps.database.pglite.listen(PRINCIPAL_CHANNEL, (payload) => sessionCache.changed(payload));
    app.addHook('onClose', async () => { if (!deps.database.pglite?.closed) await unlisten(); });
  }

  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 1024 * 1024 });
  await app.register(multipart, { limits: { fileSize: config.uploadLimitBytes, files: 1, fields: 50 } });
  // Helmet's security headers and a strict CSP with per-request nonces (see security-headers.ts).
  const security = securityHeaders({ secure: secureCookies });
  app.decorateReply('cspNonce', null);
  app.addHook('onRequest', (_req, reply, done) => {
    const { headers, nonces } = security.next();
    reply.headers(headers);
    reply.cspNonce = nonces;
    done();
  });
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });
  await app.register(rateLimit, { global: false });

  // Static assets: GOV.UK Frontend's fonts, images and JS at /assets (its CSS expects that path), and our
  // own compiled stylesheet and scripts at /static. Versioned URLs, so they are cached for a year.
  const govuk = path.join(ROOT_DIR, 'node_modules/govuk-frontend/dist/govuk');
  await app.register(fastifyStatic, { root: [path.join(govuk, 'assets'), govuk], prefix: '/assets/', maxAge: '365d', immutable: true, index: false, allowedPath: (p) => !p.endsWith('.njk') && !p.endsWith('.scss') });
  await app.register(fastifyStatic, { root: [path.join(ROOT_DIR, 'public'), path.join(ROOT_DIR, 'assets/js')], prefix: '/static/', maxAge: '365d', immutable: true, index: false, decorateReply: false });

  app.addHook('onSend', async (req, reply) => { reply.header('x-request-id', req.id); });

  // Who is asking: a session cookie for pages, a bearer token for the API.
  app.addHook('onRequest', async (req) => {
    if (req.url.startsWith('/assets/') || req.url.startsWith('/static/') || req.url === '/healthz') return;
    const auth = req.headers.authorization;
    if (auth && isApiRequest(req)) {
      const m = /^Bearer (\S+)$/.exec(auth);
      req.principal = (m && (await principalForToken(deps.database.db, deps.clock, m[1]!))) || undefined;
      if (!req.principal) (req as unknown as { bearerRejected: boolean }).bearerRejected = true;
      return;
    }
    const session = await loadSession(deps.database.db, deps.clock, req.cookies['jusid'], sessionCache);
    req.session = session;
    // A session that still owes its second factor grants nothing but the second-factor pages.
    req.principal = session && session.secondFactorDone ? session.principal : undefined;
  });

  // Changes wait for the job queue to finish starting (a second or so after start-up), because they may
  // enqueue work inside their transaction and the queue cannot start while one holds the database.
  if (deps.jobs) {
    const jobsReady = deps.jobs.ready;
    app.addHook('preHandler', async (req) => {
      if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return;
      try {
        await jobsReady;
      } catch {
        throw new HttpError(503, 'The service is starting or its job queue is unavailable. Try again in a moment.');
      }
    });
  }

  // CSRF on every unsafe request that rides on cookies.
  app.addHook('preHandler', async (req, reply) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return;
    if (req.principal?.via === 'token' || (req as unknown as { bearerRejected?: boolean }).bearerRejected) return;
    if (isApiRequest(req) && !req.cookies['jusid']) return; // API without a cookie: bearer auth decides
    if (!csrfValid(req, deps.secret) && !(req.isMultipart() && csrfQueryValid(req, deps.secret))) {
      req.log.warn({ reason: 'csrf' }, 'rejected a request without a valid CSRF token');
      if (isApiRequest(req)) return sendProblem(req, reply, 403, 'Missing or invalid CSRF token');
      return reply.page('platform/views/pages/error.njk', { title: 'Your form could not be sent', status: 403, message: 'The form had expired or was not sent from this service. Go back, refresh the page and try again.' }, 403);
    }
  });

  registerPlatformRoutes(app);
  registerPeople(app);
  const { registerModules } = await import('./modules/index.ts');
  await registerModules(app);
  ctx.api.registerRoutes(app);

  app.setNotFoundHandler({ preHandler: app.rateLimit({ max: 120, timeWindow: '1 minute' }) }, (req, reply) => {
    if (isApiRequest(req)) return sendProblem(req, reply, 404, 'No such resource');
    return reply.page('platform/views/pages/error.njk', { title: 'Page not found', status: 404 }, 404);
  });

  app.setErrorHandler((err: FastifyError & { errors?: { field: string; message: string }[] }, req, reply) => {
    let status = 500;
    let message = 'Sorry, there is a problem with the service';
    let errors: { field: string; message: string }[] | undefined;
    if (err instanceof HttpError) {
      status = err.status;
      message = err.message;
      if (err instanceof ValidationError) errors = err.errors;
    } else if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.code === 'FST_REQ_FILE_TOO_LARGE' || err.code === 'FST_FILES_LIMIT' || err.statusCode === 413) {
      status = 413;
      message = 'The file or form you sent is too large';
    } else if (err.statusCode === 429) {
      status = 429;
      message = 'You have made too many requests. Wait a minute and try again.';
    } else if (err.validation) {
      status = 400;
      message = 'The request is not valid';
      errors = err.validation.map((v) => ({ field: (v.instancePath || '').replace(/^\//, '') || String((v.params as { missingProperty?: string }).missingProperty ?? 'body'), message: v.message ?? 'is invalid' }));
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      status = err.statusCode;
      message = err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'Unsupported content type'
        : err.code?.startsWith('FST_ERR_CTP') || err instanceof SyntaxError ? `The request body could not be read: ${err.message}` : err.message;
    }
    if (status >= 500 && status !== 503) req.log.error({ err }, 'request failed');
    else if (status === 503) req.log.warn({ status }, 'request refused: unavailable');
    else req.log.info({ status, code: err.code }, 'request refused');
    if (reply.sent) return;
    if (err instanceof UnauthenticatedError && !isApiRequest(req)) {
      // Send the visitor to sign in, and back here afterwards (only ever to a path on this site).
      // Someone who has given their password but still owes the second factor goes to finish that.
      if (req.session && !req.session.secondFactorDone) return reply.redirect(req.session.totpEnabled ? '/sign-in/two-factor' : '/sign-in/set-up-two-factor', 303);
      const back = req.method === 'GET' ? `?returnTo=${encodeURIComponent(req.url)}` : '';
      return reply.redirect(`/sign-in${back}`, 303);
    }
    // A 503 says why (it is expected and temporary); any other 5xx keeps its detail in the log.
    const hideDetail = status >= 500 && status !== 503;
    if (isApiRequest(req)) return sendProblem(req, reply, status, hideDetail ? 'An unexpected error happened. Quote the request id when reporting it.' : message, errors);
    const titles: Record<number, string> = { 400: 'There is a problem with what you sent', 403: 'You do not have permission to see this page', 404: 'Page not found', 413: 'The file or form is too large', 429: 'Too many requests', 500: 'Sorry, there is a problem with the service', 503: 'Sorry, the service is unavailable' };
    return reply.page('platform/views/pages/error.njk', {
      title: titles[status] ?? 'There is a problem', status, message: hideDetail ? undefined : message,
      errors, requestId: req.id,
    }, status);
  });

  return app;
}

function csrfQueryValid(req: import('fastify').FastifyRequest, secret: string): boolean {
  const q = req.query as Record<string, unknown>;
  if (typeof q['_csrf'] !== 'string') return false;
  return csrfValid({ ...req, body: { _csrf: q['_csrf'] }, cookies: req.cookies, headers: {} } as unknown as import('fastify').FastifyRequest, secret);
}
