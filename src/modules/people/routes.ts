// Pages and API for signing in, your account, and the area administrator's people, organisations
// and audit pages.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { attemptSignIn, checkTotp } from './sign-in.ts';
import * as people from './service.ts';
import { createSession, setSessionCookie, clearSessionCookie, revokeSession } from '../../platform/http/session.ts';
import { authorise, can, type Principal } from '../../platform/auth/policy.ts';
import { ROLES, ROLE_LABELS, ORGANISATION_KINDS } from '../../platform/auth/roles.ts';
import { newTotpSecret, otpauthUri } from '../../platform/auth/totp.ts';
import { field, rawField } from '../../platform/forms/forms.ts';
import { ValidationError, ForbiddenError, UnauthenticatedError } from '../../platform/http/errors.ts';
import { homeFor } from '../../platform/http/home.ts';
import { hmac } from '../../platform/auth/secrets.ts';
import { asSystem } from '../../platform/db/database.ts';
import { audit } from '../../platform/audit/audit.ts';
import { toCsv } from '../../platform/http/csv.ts';
import { isoDate } from '../../platform/http/api.ts';

const V = 'modules/people/views';

/** A return path after sign-in: only a path on this site (never `//host` or a full URL). */
export function safeReturnTo(value: string | undefined): string | undefined {
  if (!value || value.length > 500 || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return undefined;
  if (value.startsWith('/sign-in') || value.startsWith('/sign-out')) return undefined;
  return value;
}

export function registerPeople(app: FastifyInstance): void {
  const { ctx } = app;
  const db = ctx.database.db;
  const deps = { db, clock: ctx.clock, mailer: ctx.mailer, publicUrl: ctx.config.publicUrl };
  const secure = ctx.render.secureCookies;
  const meta = (req: FastifyRequest) => ({ ip: req.ip, requestId: req.id });
  const auditCtx = (req: FastifyRequest) => ({ principal: req.principal!, ip: req.ip, requestId: req.id });
  const signedIn = (req: FastifyRequest): Principal => {
    if (!req.principal) throw new UnauthenticatedError();
    return req.principal;
  };

  ctx.navItems.push(
    { href: '/admin', text: 'People and organisations', permission: 'admin.people', order: 80 },
    { href: '/admin/audit', text: 'Audit', permission: 'audit.view', order: 90 },
  );

  // Signing in is rate limited per address on top of the per-account lockout.
  const signInLimit = app.rateLimit({ max: ctx.config.signInRateLimit, timeWindow: '1 minute' });

  app.get<{ Querystring: { returnTo?: string } }>('/sign-in', async (req, reply) => {
    if (req.principal) return reply.redirect(homeFor(req.principal));
    return reply.page(`${V}/sign-in.njk`, { title: 'Sign in', returnTo: safeReturnTo(req.query.returnTo), demo: !ctx.config.isProduction && ctx.config.seedDemo, outbox: ctx.mailer.transport.kind === 'outbox' && !ctx.config.isProduction });
  });

  app.post('/sign-in', { preHandler: signInLimit }, async (req, reply) => {
    const email = field(req.body, 'email');
    const password = rawField(req.body, 'password');
    const errors = [];
    if (!email) errors.push({ field: 'email', message: 'Enter your email address' });
    if (!password) errors.push({ field: 'password', message: 'Enter your password' });
    const returnTo = safeReturnTo(field(req.body, 'returnTo'));
    if (errors.length) return reply.page(`${V}/sign-in.njk`, { title: 'Sign in', errors, email, returnTo }, 400);
    const result = await attemptSignIn(db, ctx.clock, email, password, meta(req));
    if (result.kind === 'locked') {
      return reply.page(`${V}/sign-in.njk`, { title: 'Sign in', email, errors: [{ field: 'email', message: 'There have been too many attempts to sign in with this email address. Wait 15 minutes and try again, or reset your password.' }] }, 429);
    }
    if (result.kind === 'invalid') {
      return reply.page(`${V}/sign-in.njk`, { title: 'Sign in', email, returnTo, errors: [{ field: 'email', message: 'Enter a correct email address and password' }] }, 401);
    }
    const id = await createSession(db, ctx.clock, { userId: result.userId, areaId: result.areaId, secondFactorDone: result.needs === 'nothing', ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
    setSessionCookie(reply, id, secure);
    if (result.needs === 'totp') return reply.redirect('/sign-in/two-factor', 303);
    if (result.needs === 'totp-setup') return reply.redirect('/sign-in/set-up-two-factor', 303);
    await asSystem(db, (trx) => audit(trx, { actorUserId: result.userId, actorLabel: `user:${result.userId}`, areaId: result.areaId, ip: req.ip, requestId: req.id }, { action: 'sign-in.succeeded', entityType: 'user', entityId: result.userId }));
    return reply.redirect(returnTo ?? '/', 303);
  });

  // --- Second factor ---
  const pendingSession = (req: FastifyRequest) => {
    if (!req.session || req.session.secondFactorDone) return null;
    return req.session;
  };

  app.get('/sign-in/two-factor', async (req, reply) => {
    if (!pendingSession(req)) return reply.redirect('/sign-in');
    return reply.page(`${V}/two-factor.njk`, { title: 'Enter your security code' });
  });

  app.post('/sign-in/two-factor', { preHandler: signInLimit }, async (req, reply) => {
    const s = pendingSession(req);
    if (!s || !s.totpEnabled) return reply.redirect('/sign-in', 303);
    const code = field(req.body, 'code');
    if (!(await checkTotp(db, ctx.clock, s.userId, code))) {
      await asSystem(db, (trx) => audit(trx, { actorUserId: s.userId, actorLabel: `user:${s.userId}`, areaId: s.areaId, ip: req.ip, requestId: req.id }, { action: 'sign-in.totp-failed', entityType: 'user', entityId: s.userId }));
      return reply.page(`${V}/two-factor.njk`, { title: 'Enter your security code', errors: [{ field: 'code', message: code ? 'The security code is not correct or has expired' : 'Enter the security code from your authenticator app' }] }, 400);
    }
    await completeSecondFactor(req, reply, s.userId, s.areaId, s.idHash);
    return reply.redirect('/', 303);
  });

  // Enrolment during sign-in, for roles that must use a second factor. The secret travels in a signed
  // hidden field until the person proves their app has it.
  const signedSecret = (secret: string, userId: string) => hmac(ctx.secret, `totp:${userId}:${secret}`);

  app.get('/sign-in/set-up-two-factor', async (req, reply) => {
    const s = pendingSession(req);
    if (!s) return reply.redirect('/sign-in');
    const secret = newTotpSecret();
    return reply.page(`${V}/two-factor-setup.njk`, { title: 'Set up your authenticator app', secret, secretSig: signedSecret(secret, s.userId), uri: otpauthUri(secret, s.principal.email), action: '/sign-in/set-up-two-factor' });
  });

  app.post('/sign-in/set-up-two-factor', { preHandler: signInLimit }, async (req, reply) => {
    const s = pendingSession(req);
    if (!s) return reply.redirect('/sign-in', 303);
    const ok = await verifyEnrolment(req, s.userId);
    if (ok !== true) return reply.page(`${V}/two-factor-setup.njk`, { ...ok, action: '/sign-in/set-up-two-factor' }, 400);
    await people.enableTotp(db, { ip: req.ip, requestId: req.id, areaId: s.areaId }, s.userId, field(req.body, 'secret'));
    await completeSecondFactor(req, reply, s.userId, s.areaId, s.idHash);
    return reply.redirect('/', 303);
  });

  async function verifyEnrolment(req: FastifyRequest, userId: string): Promise<true | Record<string, unknown>> {
    const secret = field(req.body, 'secret');
    const sig = field(req.body, 'secretSig');
    const code = field(req.body, 'code');
    if (!secret || sig !== signedSecret(secret, userId)) throw new ValidationError([{ field: 'code', message: 'Start setting up your authenticator app again' }]);
    if (await checkTotp(db, ctx.clock, userId, code, secret)) return true;
    const p = req.session?.principal;
    return { title: 'Set up your authenticator app', secret, secretSig: sig, uri: otpauthUri(secret, p?.email ?? ''), errors: [{ field: 'code', message: code ? 'The security code is not correct. Check the key was entered correctly and try again' : 'Enter the 6-digit security code from your authenticator app' }] };
  }

  async function completeSecondFactor(req: FastifyRequest, reply: FastifyReply, userId: string, areaId: string, oldIdHash: string) {
    // A fresh session id once fully signed in (no fixation of the half-signed-in one).
    await revokeSession(db, oldIdHash);
    const id = await createSession(db, ctx.clock, { userId, areaId, secondFactorDone: true, ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
    setSessionCookie(reply, id, secure);
    await asSystem(db, (trx) => audit(trx, { actorUserId: userId, actorLabel: `user:${userId}`, areaId, ip: req.ip, requestId: req.id }, { action: 'sign-in.succeeded', entityType: 'user', entityId: userId, detail: { secondFactor: true } }));
  }

  // --- Sign out ---
  const signOut = async (req: FastifyRequest, reply: FastifyReply) => {
    if (req.session) {
      await revokeSession(db, req.session.idHash);
      await asSystem(db, (trx) => audit(trx, { actorUserId: req.session!.userId, actorLabel: `user:${req.session!.userId}`, areaId: req.session!.areaId, ip: req.ip, requestId: req.id }, { action: 'sign-out', entityType: 'user', entityId: req.session!.userId }));
    }
    clearSessionCookie(reply, secure);
    req.principal = undefined; // the page that follows is rendered for nobody
    req.session = null;
    return reply.page(`${V}/signed-out.njk`, { title: 'You have signed out' });
  };
  // Signing out by a link is allowed (GOV.UK pattern); the session is revoked server-side.
  app.get('/sign-out', signOut);
  app.post('/sign-out', signOut);

  // --- Invitations and password reset ---
  app.get<{ Params: { token: string } }>('/invitation/:token', async (req, reply) => {
    const t = await people.findToken(db, ctx.clock, 'invite', req.params.token);
    if (!t) return reply.page(`${V}/link-expired.njk`, { title: 'This link has expired' }, 404);
    return reply.page(`${V}/set-password.njk`, { title: 'Set your password', intro: `Welcome to Joined Up, ${t.name}. Choose a password to finish setting up your account.`, email: t.email });
  });
  app.post<{ Params: { token: string } }>('/invitation/:token', { preHandler: signInLimit }, async (req, reply) => {
    try {
      await people.completeWithPassword(deps, 'invite', req.params.token, rawField(req.body, 'password'), rawField(req.body, 'confirm'), meta(req));
    } catch (err) {
      if (err instanceof ValidationError) return reply.page(`${V}/set-password.njk`, { title: 'Set your password', errors: err.errors }, 400);
      throw err;
    }
    return reply.page(`${V}/password-set.njk`, { title: 'Your password has been set' });
  });

  app.get('/reset-password', async (_req, reply) => reply.page(`${V}/reset-request.njk`, { title: 'Reset your password' }));
  app.post('/reset-password', { preHandler: signInLimit }, async (req, reply) => {
    const email = field(req.body, 'email');
    try {
      await people.requestPasswordReset(deps, email, meta(req));
    } catch (err) {
      if (err instanceof ValidationError) return reply.page(`${V}/reset-request.njk`, { title: 'Reset your password', errors: err.errors, email }, 400);
      throw err;
    }
    return reply.page(`${V}/reset-sent.njk`, { title: 'Check your email', email, outbox: ctx.mailer.transport.kind === 'outbox' && !ctx.config.isProduction });
  });
  app.get<{ Params: { token: string } }>('/reset-password/:token', async (req, reply) => {
    const t = await people.findToken(db, ctx.clock, 'reset', req.params.token);
    if (!t) return reply.page(`${V}/link-expired.njk`, { title: 'This link has expired' }, 404);
    return reply.page(`${V}/set-password.njk`, { title: 'Choose a new password', email: t.email });
  });
  app.post<{ Params: { token: string } }>('/reset-password/:token', { preHandler: signInLimit }, async (req, reply) => {
    try {
      await people.completeWithPassword(deps, 'reset', req.params.token, rawField(req.body, 'password'), rawField(req.body, 'confirm'), meta(req));
    } catch (err) {
      if (err instanceof ValidationError) return reply.page(`${V}/set-password.njk`, { title: 'Choose a new password', errors: err.errors }, 400);
      throw err;
    }
    return reply.page(`${V}/password-set.njk`, { title: 'Your password has been changed' });
  });

  // --- Home and account ---
  app.get('/home', async (req, reply) => {
    const p = signedIn(req);
    return reply.page(`${V}/home.njk`, { title: 'Home', roles: [...p.roles].map((r) => ROLE_LABELS[r]) });
  });

  const accountPage = async (req: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const p = signedIn(req);
    const tokens = can(p, 'tokens.own') ? await people.listOwnTokens(db, p) : [];
    return reply.page(`${V}/account.njk`, { title: 'Your account', roles: [...p.roles].map((r) => ROLE_LABELS[r]), totpEnabled: req.session?.totpEnabled ?? false, totpRequired: p.roles.has('area-admin'), tokens, canTokens: can(p, 'tokens.own'), now: ctx.clock.now(), ...extra }, status);
  };
  app.get('/account', async (req, reply) => accountPage(req, reply));

  app.post('/account/password', async (req, reply) => {
    signedIn(req);
    try {
      await people.changePassword(deps, auditCtx(req), rawField(req.body, 'current'), rawField(req.body, 'password'), rawField(req.body, 'confirm'));
    } catch (err) {
      if (err instanceof ValidationError) return accountPage(req, reply, { errors: err.errors }, 400);
      throw err;
    }
    clearSessionCookie(reply, secure);
    req.principal = undefined;
    return reply.page(`${V}/password-set.njk`, { title: 'Your password has been changed', signedOutEverywhere: true });
  });

  app.post('/account/sign-out-everywhere', async (req, reply) => {
    signedIn(req);
    await people.signOutEverywhere(db, auditCtx(req));
    clearSessionCookie(reply, secure);
    req.principal = undefined;
    req.session = null;
    return reply.page(`${V}/signed-out.njk`, { title: 'You have signed out everywhere', everywhere: true });
  });

  app.get('/account/two-factor', async (req, reply) => {
    const p = signedIn(req);
    const secret = newTotpSecret();
    return reply.page(`${V}/two-factor-setup.njk`, { title: 'Set up your authenticator app', secret, secretSig: signedSecret(secret, p.userId), uri: otpauthUri(secret, p.email), action: '/account/two-factor' });
  });
  app.post('/account/two-factor', async (req, reply) => {
    const p = signedIn(req);
    const ok = await verifyEnrolment(req, p.userId);
    if (ok !== true) return reply.page(`${V}/two-factor-setup.njk`, { ...ok, action: '/account/two-factor' }, 400);
    await people.enableTotp(db, { ip: req.ip, requestId: req.id, areaId: p.areaId }, p.userId, field(req.body, 'secret'));
    return accountPage(req, reply, { flash: 'Your authenticator app is set up. You will need a security code each time you sign in.' });
  });
  app.post('/account/two-factor/remove', async (req, reply) => {
    const p = signedIn(req);
    if (p.roles.has('area-admin')) throw new ForbiddenError('Area administrators must keep a second factor');
    await people.disableTotp(db, auditCtx(req));
    return accountPage(req, reply, { flash: 'Security codes are turned off for your account.' });
  });

  app.post('/account/tokens', async (req, reply) => {
    const p = authorise(req.principal, 'tokens.own');
    try {
      const token = await people.createTokenFor(db, auditCtx(req), field(req.body, 'name'), Number(field(req.body, 'days') || '90'), ctx.clock);
      return accountPage(req, reply, { newToken: token });
    } catch (err) {
      if (err instanceof ValidationError) return accountPage(req, reply, { errors: err.errors, principalId: p.userId }, 400);
      throw err;
    }
  });
  app.post<{ Params: { id: string } }>('/account/tokens/:id/revoke', async (req, reply) => {
    authorise(req.principal, 'tokens.own');
    await people.revokeToken(db, auditCtx(req), req.params.id, ctx.clock);
    return accountPage(req, reply, { flash: 'The token has been revoked. It can no longer be used.' });
  });

  // --- Area administration ---
  app.get<{ Querystring: { role?: string; q?: string } }>('/admin', async (req, reply) => {
    const p = authorise(req.principal, 'admin.people');
    const role = req.query.role && (ROLES as readonly string[]).includes(req.query.role) ? req.query.role : undefined;
    const list = await people.listPeople(db, p.areaId, { role, q: req.query.q?.slice(0, 100) });
    return reply.page(`${V}/admin/index.njk`, { title: 'People and organisations', people: list, roleLabels: ROLE_LABELS, roles: ROLES, filterRole: role ?? '', q: req.query.q ?? '', organisations: await people.listOrganisations(db, p.areaId), kinds: ORGANISATION_KINDS });
  });

  const invitePage = async (req: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const p = authorise(req.principal, 'admin.people');
    return reply.page(`${V}/admin/invite.njk`, { title: 'Invite a person', organisations: await people.listOrganisations(db, p.areaId), roles: ROLES, roleLabels: ROLE_LABELS, values: {}, ...extra }, status);
  };
  app.get('/admin/invite', async (req, reply) => invitePage(req, reply));
  app.post('/admin/invite', async (req, reply) => {
    authorise(req.principal, 'admin.people');
    const values = { email: field(req.body, 'email'), name: field(req.body, 'name'), organisationId: field(req.body, 'organisationId'), role: field(req.body, 'role') };
    try {
      const r = await people.invitePerson(deps, auditCtx(req), values);
      return reply.redirect(`/admin/people/${r.userId}?done=${r.existing ? 'role-added' : 'invited'}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return invitePage(req, reply, { errors: err.errors, values }, 400);
      throw err;
    }
  });

  app.get<{ Params: { id: string }; Querystring: { done?: string } }>('/admin/people/:id', async (req, reply) => {
    const p = authorise(req.principal, 'admin.people');
    const person = await people.getPerson(db, p.areaId, req.params.id);
    const flash = req.query.done === 'invited' ? `An invitation has been sent to ${person.email}` : req.query.done === 'role-added' ? 'The role has been added' : req.query.done === 'removed' ? 'The role has been removed' : req.query.done === 'disabled' ? 'The account has been disabled' : undefined;
    return reply.page(`${V}/admin/person.njk`, { title: person.name, person, roleLabels: ROLE_LABELS, flash, isSelf: person.userId === p.userId });
  });
  app.post<{ Params: { id: string; membershipId: string } }>('/admin/people/:id/memberships/:membershipId/remove', async (req, reply) => {
    authorise(req.principal, 'admin.people');
    await people.removeMembership(db, auditCtx(req), req.params.membershipId);
    return reply.redirect(`/admin/people/${req.params.id}?done=removed`, 303);
  });
  app.post<{ Params: { id: string } }>('/admin/people/:id/disable', async (req, reply) => {
    const p = authorise(req.principal, 'admin.people');
    const person = await people.getPerson(db, p.areaId, req.params.id); // 404 unless in this area
    if (person.userId === p.userId) throw new ForbiddenError('You cannot disable your own account');
    await people.disableUser(db, auditCtx(req), person.userId, p.areaId);
    return reply.redirect(`/admin/people/${person.userId}?done=disabled`, 303);
  });

  const orgPage = async (req: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    authorise(req.principal, 'admin.organisations');
    return reply.page(`${V}/admin/organisation-new.njk`, { title: 'Add an organisation', kinds: ORGANISATION_KINDS, values: {}, ...extra }, status);
  };
  app.get('/admin/organisations/new', async (req, reply) => orgPage(req, reply));
  app.post('/admin/organisations', async (req, reply) => {
    authorise(req.principal, 'admin.organisations');
    const values = { kind: field(req.body, 'kind'), name: field(req.body, 'name'), urn: field(req.body, 'urn'), ukprn: field(req.body, 'ukprn') };
    try {
      await people.createOrganisation(db, auditCtx(req), values);
    } catch (err) {
      if (err instanceof ValidationError) return orgPage(req, reply, { errors: err.errors, values }, 400);
      throw err;
    }
    return reply.redirect('/admin#organisations', 303);
  });

  // --- Audit ---
  const auditQuery = z.object({
    action: z.string().max(100).optional(), actor: z.string().max(100).optional(),
    from: isoDate.optional().or(z.literal('')), to: isoDate.optional().or(z.literal('')),
    page: z.coerce.number().int().min(1).max(10000).default(1), format: z.enum(['html', 'csv']).default('html'),
  });
  app.get('/admin/audit', async (req, reply) => {
    const p = authorise(req.principal, 'audit.view');
    const parsed = auditQuery.safeParse(req.query);
    const q = parsed.success ? parsed.data : { page: 1, format: 'html' as const };
    const errors = parsed.success ? [] : parsed.error.issues.map((i) => ({ field: String(i.path[0]), message: `${String(i.path[0])} ${i.message}` }));
    const filter = { action: (q as { action?: string }).action || undefined, actor: (q as { actor?: string }).actor || undefined, from: (q as { from?: string }).from || undefined, to: (q as { to?: string }).to || undefined };
    if (q.format === 'csv') {
      const rows = await people.queryAudit(db, p.areaId, filter, 100_000);
      await asSystem(db, (trx) => audit(trx, auditCtx(req), { action: 'audit.exported', detail: { rows: rows.length, filter } }));
      const csv = toCsv(['id', 'at', 'action', 'actor_user_id', 'actor_email', 'entity_type', 'entity_id', 'ip', 'request_id', 'detail'],
        rows.map((r) => [r.id, r.at.toISOString(), r.action, r.actor_user_id, r.actor_email, r.entity_type, r.entity_id, r.ip, r.request_id, r.detail ? JSON.stringify(r.detail) : '']));
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="audit-${p.areaCode}.csv"`).send(csv);
    }
    const pageSize = 50;
    const rows = await people.queryAudit(db, p.areaId, filter, pageSize + 1, (q.page - 1) * pageSize);
    const qs = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][]).toString();
    return reply.page(`${V}/admin/audit.njk`, { title: 'Audit', rows: rows.slice(0, pageSize), filter, errors, page: q.page, hasNext: rows.length > pageSize, qs }, errors.length ? 400 : 200);
  });

  // --- API ---
  ctx.api.add({
    method: 'GET', path: '/api/v1/me', tag: 'People', summary: 'Who the token belongs to', auth: 'tokens.own',
    response: z.object({ id: z.string(), name: z.string(), email: z.string(), area: z.object({ code: z.string(), name: z.string() }), roles: z.array(z.string()) }),
    handler: async ({ principal }) => ({ id: principal.userId, name: principal.name, email: principal.email, area: { code: principal.areaCode, name: principal.areaName }, roles: [...principal.roles] }),
  });
}
