// Renders a page with the context every page needs: the signed-in principal, role-based navigation,
// the CSP nonce and the CSRF token for its forms.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type nunjucks from 'nunjucks';
import { can, type Action, type Principal } from '../auth/policy.ts';
import { csrfTokenFor } from './csrf.ts';
import type { CspNonces } from './security-headers.ts';

export interface NavItem { href: string; text: string; permission?: Action; roles?: string[]; order: number }

export interface RenderContext {
  env: nunjucks.Environment;
  secret: string;
  secureCookies: boolean;
  isProduction: boolean;
  assetVersion: string;
  navItems: NavItem[];
}

export function navigationFor(items: NavItem[], principal: Principal | undefined, path: string) {
  if (!principal) return [];
  const shown = items
    .filter((i) => (i.permission ? can(principal, i.permission) : true) && (!i.roles || i.roles.some((r) => principal.roles.has(r as never))))
    .sort((a, b) => a.order - b.order);
  // The current section is the longest link the path falls under (/casework/team is "Team caseload",
  // not also "Casework").
  const within = (href: string) => (href === '/' ? path === '/' : path === href || path.startsWith(href.endsWith('/') ? href : `${href}/`));
  const current = shown.filter((i) => within(i.href)).reduce<NavItem | undefined>((best, i) => (!best || i.href.length > best.href.length ? i : best), undefined);
  return shown.map((i) => ({ href: i.href, text: i.text, active: i === current }));
}

export function renderPage(ctx: RenderContext, req: FastifyRequest, reply: FastifyReply, template: string, data: Record<string, unknown> = {}, status = 200): FastifyReply {
  const nonce = reply.cspNonce?.script ?? '';
  const path = req.url.split('?')[0] ?? '/';
  const html = ctx.env.render(template, {
    ...data,
    principal: req.principal,
    navigation: navigationFor(ctx.navItems, req.principal, path),
    cspNonce: nonce,
    csrfToken: csrfTokenFor(req, reply, ctx.secret, ctx.secureCookies),
    isProduction: ctx.isProduction,
    assetVersion: ctx.assetVersion,
    currentPath: path,
  });
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}

declare module 'fastify' {
  interface FastifyReply {
    /** This response's Content-Security-Policy nonces (set on every request by app.ts). */
    cspNonce: CspNonces | null;
    page(template: string, data?: Record<string, unknown>, status?: number): FastifyReply;
  }
}
