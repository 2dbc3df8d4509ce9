// Routes that belong to no module: health, the public information pages and the demo outbox.
import type { FastifyInstance } from 'fastify';
import { pingDatabase } from '../db/database.ts';
import { readOutbox } from '../mail/transport.ts';
import { homeFor } from './home.ts';

export function registerPlatformRoutes(app: FastifyInstance): void {
  const { ctx } = app;

  app.get('/healthz', async (req, reply) => {
    try {
      await Promise.race([pingDatabase(ctx.database.db), new Promise((_, rej) => setTimeout(() => rej(new Error('timed out after 2 s')), 2000))]);
      return reply.header('cache-control', 'no-store').send({ status: 'ok', database: 'ok' });
    } catch (err) {
      req.log.error({ err }, 'health check failed');
      return reply.code(503).header('cache-control', 'no-store').send({ status: 'error', database: 'unavailable', reason: `The database did not answer: ${(err as Error).message}` });
    }
  });

  app.get('/', async (req, reply) => {
    if (!req.principal) return reply.page('platform/views/pages/start.njk', { title: 'Joined Up' });
    return reply.redirect(homeFor(req.principal));
  });

  for (const [url, template, title] of [
    ['/accessibility', 'accessibility', 'Accessibility statement'],
    ['/cookies', 'cookies', 'Cookies'],
    ['/privacy', 'privacy', 'Privacy notice'],
  ] as const) {
    app.get(url, async (_req, reply) => reply.page(`platform/views/pages/${template}.njk`, { title }));
  }

  // The outbox holds mail written while no SMTP server is configured. It exists for demos and
  // development only: never in production, never when mail really goes out.
  app.get('/outbox', async (_req, reply) => {
    if (ctx.config.isProduction || ctx.mailer.transport.kind !== 'outbox') return reply.callNotFound();
    return reply.page('platform/views/pages/outbox.njk', { title: 'Demo outbox', messages: readOutbox(ctx.mailer.outboxDir).slice(0, 50).map((m) => ({ ...m, html: linkify(m.text) })) });
  });

  app.get('/api/v1/openapi.json', async (_req, reply) => reply.type('application/json').send(JSON.stringify(ctx.api.openApi(`${ctx.config.publicUrl}`), null, 2)));
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Escapes the text, then turns http(s) links into anchors (so the demo's emailed links can be followed). */
export function linkify(text: string): string {
  return escapeHtml(text).replace(/https?:\/\/[^\s<]+/g, (url) => `<a class="govuk-link" href="${url}">${url}</a>`);
}
